/*
 * mail_queue: the board's outgoing mail goes through a queue in the store.
 * A rule queues a composed message in its own transaction and answers at
 * once (an answer never waits for the mail command, so how long it takes
 * tells nothing about whether an account exists); the housekeeping
 * process, woken by the queueing, hands each message to the mail command,
 * and tries again later, with a growing pause, when the command fails.
 * Queued messages are sealed with a key derived from the board key: a
 * reset code is a secret, and the database may go into a backup.
 */
#ifndef MB_MAIL_QUEUE_H
#define MB_MAIL_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "mail.h"

#define MAIL_QUEUE_RETRY_SECONDS 60 /* first pause after a failed try */
#define MAIL_QUEUE_TRIES_MAX 8 /* then it is dropped (after about 2 hours) */
#define MAIL_QUEUE_BATCH_MAX 64 /* mails one run sends at most */
/* A run starts no mail after this long (each may take
 * MAIL_TIMEOUT_SECONDS), so a hung relay holds its caller only so long. */
#define MAIL_QUEUE_RUN_SECONDS 60
/* A sender has a mail to itself this long (then it is due again). */
#define MAIL_QUEUE_LEASE_SECONDS (MAIL_TIMEOUT_SECONDS + 60)

/*
 * Compose m (mail_compose) and queue it for user_id (0: to no member),
 * carrying the code code_id (0: none; see store_code_add_pending).  Call
 * it inside the caller's transaction, and mail_queue_wake after the
 * commit.  Returns 0, mail_compose's MB_ERR_INVALID or MB_ERR_IO with the
 * reason in err (errsize bytes, may be NULL), or the store's MB_ERR_*.
 */
int mail_queue_add(struct board *b, int64_t user_id, int64_t code_id,
    const struct mail_msg *m, char *err, size_t errsize);

/* Wake the housekeeping: mail is waiting.  Never fails (a lost wake-up
 * waits for the housekeeping's next tick). */
void mail_queue_wake(struct board *b);

/*
 * Send what is due, oldest first, at most MAIL_QUEUE_BATCH_MAX and none
 * started after MAIL_QUEUE_RUN_SECONDS (by the rules' clock), nor once
 * stop_fd (< 0: none; the housekeeping's signal descriptor) is readable:
 * the rest waits for the next run.  A mail whose code was used, superseded
 * by a newer code whose mail went out first, or expired is dropped unsent
 * (logged at info): it would carry a dead code.  Each message that the mail
 * command takes is deleted (and its code made the only live one); one it
 * refuses is tried again MAIL_QUEUE_RETRY_SECONDS later, the pause doubling
 * with each failure, and dropped (logged as an error) after
 * MAIL_QUEUE_TRIES_MAX tries.  *sent counts the messages sent.  Returns 0,
 * or the store's MB_ERR_* (the rest waits for the next run); a failing mail
 * command is not an error of the run.
 */
int mail_queue_run(struct board *b, int stop_fd, int *sent);

#endif
