/*
 * translit: ASCII stand-ins for text, for terminals that cannot show UTF-8
 * (a client whose locale is C, or Latin-1).  German letters become what
 * Germans type without them ("Sören" -> "Soeren", "Straße" -> "Strasse",
 * also when the umlaut comes as a combining mark), other Latin letters lose
 * their accents ("José" -> "Jose", "Łukasz" -> "Lukasz"), typographic marks
 * become their plain forms ("—" -> "-", "…" -> "..."), and whatever has no
 * stand-in becomes "?", one per character, so that nothing is blanked.
 */
#ifndef MB_TRANSLIT_H
#define MB_TRANSLIT_H

#include <stddef.h>

/* Bytes one character becomes at most ("EUR", "1/4"). */
#define TRANSLIT_STANDIN_MAX 3

/*
 * Write the ASCII form of UTF-8 text in into out (size bytes, always
 * NUL-terminated when size > 0); a byte that is not UTF-8 becomes "?".
 * Output is cut before a stand-in that does not fit whole.  Returns the
 * bytes written, without the NUL.
 */
size_t translit_ascii(const char *in, char *out, size_t size);

/*
 * As translit_ascii, into a string the caller frees (never NULL: out of
 * memory aborts).
 */
char *translit_ascii_dup(const char *in);

/* Is s plain ASCII already (nothing for translit_ascii to do)? */
int translit_is_ascii(const char *s);

#endif
