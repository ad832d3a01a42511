/*
 * diff: a line diff of two texts in the unified format (as diff -u
 * prints it): hunks with DIFF_CONTEXT lines of context, "-" for lines
 * only in the first, "+" for lines only in the second.  A longest common
 * subsequence of the lines, so texts are bounded: DIFF_LINES_MAX each.
 */
#ifndef MB_DIFF_H
#define MB_DIFF_H

#include <stddef.h>

#define DIFF_CONTEXT 3 /* unchanged lines around a change */
#define DIFF_LINES_MAX 2000 /* lines of each text: 8 MB of table */

/*
 * The unified diff of a and b (labelled a_name and b_name in its "---"
 * and "+++" lines) into *out, which the caller frees; "" when they are
 * the same.  Returns 0, or MB_ERR_LIMIT when either has more than
 * DIFF_LINES_MAX lines.
 */
int diff_unified(const char *a, const char *b, const char *a_name,
    const char *b_name, char **out);

#endif
