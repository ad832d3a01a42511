/*
 * lists: the rules of the lists the mentoring team keeps, fields of study
 * and areas of help.  A name is one line of 1 to LIST_NAME_MAX
 * characters; each has an English name and may have a German one (shown
 * to those who read German, found by either); a renamed entry is found
 * under its new name by the search at once; a retired entry stays on the profiles that have it but cannot
 * be chosen anew.
 */
#ifndef MB_LISTS_H
#define MB_LISTS_H

#include <stdint.h>

#include "board.h"
#include "store.h"

#define LIST_NAME_MAX 100 /* characters of an entry's name */

/*
 * Add an entry, with its German name name_de (NULL: none yet).  Returns 0
 * (*id the new entry), MB_ERR_INVALID for a bad name or MB_ERR_EXISTS when
 * either name is on the list (in either language), with a translated *why.
 */
int lists_add(struct board *b, enum store_list list, const char *name,
    const char *name_de, int64_t *id, const char **why);

/*
 * Give the entry called name (in either language) the German name
 * name_de ("" removes it: German readers then see the English one), and
 * rewrite the search index in the same transaction.  Returns 0,
 * MB_ERR_NOTFOUND, MB_ERR_INVALID or MB_ERR_EXISTS, with a translated *why.
 */
int lists_rename_de(struct board *b, enum store_list list, const char *name,
    const char *name_de, const char **why);

/*
 * Rename the entry called name to new_name, and rewrite the search index
 * in the same transaction.  Returns 0, MB_ERR_NOTFOUND, MB_ERR_INVALID or
 * MB_ERR_EXISTS, with a translated *why.
 */
int lists_rename(struct board *b, enum store_list list, const char *name,
    const char *new_name, const char **why);

/* Retire the entry called name.  0, or MB_ERR_NOTFOUND with *why. */
int lists_retire(
    struct board *b, enum store_list list, const char *name, const char **why);

#endif
