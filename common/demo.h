/*
 * demo: fictitious members for trying the board out and for benchmarks
 * (`mentord demo`): a share of them mentors with complete profiles, the
 * rest mentees with applications, marked as demo data, without password
 * or key so that nobody logs in as them.
 */
#ifndef MB_DEMO_H
#define MB_DEMO_H

#include <stdint.h>

#include "board.h"

#define DEMO_USERS_MAX 1000000 /* members one run adds */
#define DEMO_MENTOR_PERCENT 20 /* a fifth of the members mentor */

/*
 * Add users demo members (1 to DEMO_USERS_MAX), the same people for the
 * same seed, in transactions of a thousand so that a running board's
 * sessions never wait long.  *done counts those committed, also when it
 * fails.  Returns 0, or MB_ERR_INVALID / another MB_ERR_* with an English
 * *why for the operator.
 */
int demo_generate(
    struct board *b, long users, uint64_t seed, long *done, const char **why);

/* Delete every demo member and all that is theirs; *removed says how many. */
int demo_remove(struct board *b, int64_t *removed);

#endif
