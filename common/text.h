/*
 * text: turning untrusted bytes into text that is safe to draw or log, UTF-8
 * checks for form fields, and the display name ("Anna K.").
 */
#ifndef MB_TEXT_H
#define MB_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define TEXT_KEEP_NEWLINES 0x01 /* keep "\n" (and drop "\r") */
#define TEXT_KEEP_TABS 0x02 /* keep "\t"; otherwise it becomes a space */

/*
 * Copy len bytes of untrusted text from in to out (outsize bytes, always
 * NUL-terminated when outsize > 0) so that nothing in it can act on a
 * terminal: C0 controls and DEL become caret notation ("^[" for ESC), C1
 * controls, bidirectional overrides and invalid UTF-8 become U+FFFD, line
 * and paragraph separators become spaces.  Output is cut at a character
 * boundary when it does not fit.  Returns the number of bytes written,
 * without the NUL.
 */
size_t text_sanitize_buf(
    const char *in, size_t len, unsigned flags, char *out, size_t outsize);

/*
 * As text_sanitize_buf, into a string the caller frees.  Returns NULL only
 * when out of memory.
 */
char *text_sanitize(const char *in, size_t len, unsigned flags);

/* Sanitise a NUL-terminated string for a one-line log message. */
void text_sanitize_line(const char *in, char *out, size_t outsize);

/*
 * Decode one UTF-8 character at s (len bytes available) into *cp.  Returns
 * its length in bytes, or -1 for an invalid, overlong, surrogate or
 * truncated sequence.
 */
int text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp as UTF-8 into out (4 bytes room); returns the length. */
int text_utf8_encode(uint32_t cp, char *out);

/* Number of characters in valid UTF-8 s, or -1 if s is not valid UTF-8. */
long text_utf8_length(const char *s);

/*
 * Check a one-line form value: valid UTF-8, no control or formatting
 * characters, no leading or trailing blanks, between min_chars and
 * max_chars characters.  Returns 0 or MB_ERR_INVALID with a translated
 * reason in *why (static storage).
 */
int text_check_line(
    const char *s, long min_chars, long max_chars, const char **why);

/*
 * Check multi-line text (an editor's content): valid UTF-8, no controls
 * but newline and tab, at most max_chars characters.  Returns 0 or
 * MB_ERR_INVALID with a translated reason in *why.
 */
int text_check_block(const char *s, long max_chars, const char **why);

#define NAME_MARKS_MAX 4 /* combining marks on one letter of a name */

/*
 * Check a person's name (a first name, a surname) as typed: a one-line
 * value (text_check_line) of 1 to max_chars characters made of letters,
 * combining marks that follow a letter (at most NAME_MARKS_MAX on one),
 * spaces, hyphens and apostrophes ("'" and U+2019), with at least one
 * letter.  Letters and marks that show nothing (the Hangul fillers,
 * variation selectors, the combining grapheme joiner) are refused, as are
 * zero-width and other format characters, so that no name looks like
 * another or like none ("An" U+200B "na").  Returns 0, or MB_ERR_INVALID
 * with a translated reason in *why: static storage, or buf (bufsize bytes)
 * when the reason names the character refused.
 */
int text_check_name(
    const char *s, long max_chars, char *buf, size_t bufsize, const char **why);

/* Is cp a combining mark (Unicode general category M)? */
int text_is_mark(uint32_t cp);

/*
 * Make the name other people see: the first name, a space, the first
 * letter of the surname in upper case, a full stop ("Anna K.").  A surname
 * starting with a letter outside the Latin script keeps that letter.
 * Writes at most outsize bytes, NUL-terminated; returns 0, or
 * MB_ERR_INVALID when a name is not valid UTF-8.
 */
int text_display_name(
    const char *first, const char *last, char *out, size_t outsize);

/*
 * Character classes (a letter; a letter or digit, alnum) and case (upper,
 * lower) of Unicode, the same whatever the process's locale (C.UTF-8's
 * tables), so that names and searches look the same to every viewer.
 * Without C.UTF-8 on the host, only ASCII is classified and cased.
 * text_init makes those tables now rather than at the first use: a
 * process that forks workers (the mentor factory) calls it once, so that
 * none of them looks the locale up again.
 */
void text_init(void);
int text_is_letter(uint32_t cp);
int text_is_alnum(uint32_t cp);
uint32_t text_to_upper(uint32_t cp);
uint32_t text_to_lower(uint32_t cp);

/* Width in terminal columns of valid UTF-8 s (controls count as 1). */
int text_width(const char *s);

/*
 * Bytes of s that fit in cols terminal columns, cut at a character
 * boundary; *used gets the columns they take (may be NULL).
 */
size_t text_fit(const char *s, int cols, int *used);

/* Remove leading and trailing blanks from s in place. */
void text_trim(char *s);

#endif
