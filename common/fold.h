/*
 * fold: text made comparable the way German is typed, for the search.
 * What is indexed and what is typed are folded alike, in C, before they
 * reach FTS5: NFC (so a decomposed "o" + U+0308 is the "ö" of a
 * precomposed keyboard), Unicode case folding (so "ß" and "ẞ" are "ss"),
 * and the umlauts written out ("ä" -> "ae", "ö" -> "oe", "ü" -> "ue"), as
 * people type them without a German keyboard: "soeren" finds "Sören",
 * "strasse" finds "Straße".  Other accents are left to FTS5's unicode61
 * tokenizer, which removes them on both sides.
 */
#ifndef MB_FOLD_H
#define MB_FOLD_H

#include <stddef.h>

#define FOLD_VARIANTS 0x01 /* add each umlaut word's plain form too */

/*
 * Fold text as above into a new string the caller frees.  With
 * FOLD_VARIANTS (for the index) every word that had an umlaut is also
 * appended in its form without the dots ("Sören" -> "soeren soren"), so
 * that "soren", typed as before, still finds it.  Returns NULL when text
 * is not valid UTF-8 (aborts only when out of memory).
 */
char *fold_search(const char *text, unsigned flags);

#endif
