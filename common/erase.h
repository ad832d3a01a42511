/*
 * erase: deleting an account for good ("Delete my account", the team's
 * erasure).  The person's own data goes: the account, profile,
 * application, CV, keys, codes, sessions (they end), notifications,
 * search rows, membership data, logins, their certificates, their failed
 * logins.  What other people hold stays theirs: in their chats and
 * agreements the person becomes "a former member", the lines kept so
 * that the other side's record still reads; the person's open requests
 * are withdrawn, the requests to them close, and mentorships with them
 * end, places returned.  Afterwards nothing of the person is left in the
 * database file: secure_delete is on, the search index is merged, and the
 * write-ahead log is checkpointed and truncated.  Backups made before
 * are the operator's to age out.
 */
#ifndef MB_ERASE_H
#define MB_ERASE_H

#include <stdint.h>

#include "board.h"

/*
 * Erase user_id, done by actor_id (the person themselves, a sysop, or 0
 * for the host's operator).  0, or MB_ERR_* with *why.
 */
int account_erase(
    struct board *b, int64_t user_id, int64_t actor_id, const char **why);

#endif
