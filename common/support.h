/*
 * support: members' questions to the mentoring team ("contact the
 * mentoring team"), each a thread of messages: the member asks, the team
 * replies (the member is notified), either writes again, the team closes
 * it.  Only the member and the team (sysops, the host's operator) read a
 * thread; for anyone else it does not exist.
 *
 * A thread is open while it waits for the team, answered once the team
 * replied, closed when the team closed it; the member writing again opens
 * it again.  A new question, and the member's next message, notify the
 * team (one unread notification per thread and sysop at most).
 */
#ifndef MB_SUPPORT_H
#define MB_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define SUPPORT_SUBJECT_MAX 120 /* characters of a subject */
#define SUPPORT_MESSAGE_MAX 4000 /* characters of a message */
#define SUPPORT_OPEN_MAX 5 /* a member's questions waiting at once */
#define SUPPORT_LIST_MAX 200 /* threads a list shows */

/*
 * Split text into a subject (its first line, trimmed) and the rest (the
 * message, trimmed; the subject again when there is no more), for
 * `support send` without --subject.  *subject and *body are the caller's
 * to free.
 */
void support_split(const char *text, char **subject, char **body);

/*
 * viewer asks the team: subject (a line, 1 to SUPPORT_SUBJECT_MAX
 * characters) and text (1 to SUPPORT_MESSAGE_MAX).  0 and *id, or
 * MB_ERR_INVALID, MB_ERR_LIMIT (SUPPORT_OPEN_MAX waiting), with a
 * translated *why.
 */
int support_send(struct board *b, const struct viewer *viewer,
    const char *subject, const char *text, int64_t *id, const char **why);

/*
 * viewer writes text in thread id: its member (the thread waits for the
 * team again), or a sysop (a reply from the team, as support_team_reply).
 * MB_ERR_NOTFOUND for anyone else, MB_ERR_INVALID, with *why.
 */
int support_reply(struct board *b, const struct viewer *viewer, int64_t id,
    const char *text, const char **why);

/* viewer's own threads, the newest first (at most SUPPORT_LIST_MAX). */
int support_threads(struct board *b, const struct viewer *viewer,
    struct store_support_thread **rows, size_t *n);

/*
 * Thread id with its messages, for its member or a sysop (else
 * MB_ERR_NOTFOUND).  *msgs is the caller's (store_support_messages_free).
 */
int support_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_support_thread *thread, struct store_support_message **msgs,
    size_t *n);

/* The member read the team's replies in thread id: their notifications
 * of it are read. */
int support_mark_read(struct board *b, const struct viewer *viewer, int64_t id);

/* ---- The team (sysop rows; actor_id 0: the host's operator) ---- */

/* Every thread, or the open ones, the oldest waiting first. */
int support_team_list(struct board *b, int open_only,
    struct store_support_thread **rows, size_t *n);

/* Thread id and its messages, for the team.  MB_ERR_NOTFOUND. */
int support_team_get(struct board *b, int64_t id,
    struct store_support_thread *thread, struct store_support_message **msgs,
    size_t *n);

/*
 * The team replies text in thread id (answered; the member is notified),
 * with its audit row.  MB_ERR_NOTFOUND, MB_ERR_INVALID, with *why.
 */
int support_team_reply(struct board *b, int64_t actor_id, int64_t id,
    const char *text, const char **why);

/* The team closes thread id (audited).  MB_ERR_NOTFOUND with *why. */
int support_close(
    struct board *b, int64_t actor_id, int64_t id, const char **why);

#endif
