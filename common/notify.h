/*
 * notify: telling members what happened.  A rule that changes something a
 * member should hear of calls notify_send in its own transaction; the
 * member's open sessions show it at once (the unread count, a toast), the
 * notification centre lists it, and a member who is away gets a digest
 * mail of what they have not read, after a delay and at most so often
 * (the housekeeping process runs notify_digest_run).
 *
 * A notification is stored as its kind, who did it, what it is about and
 * a few words; it is rendered when it is read, in the reader's language,
 * with the name of whoever did it as others see it ("Anna K.").
 */
#ifndef MB_NOTIFY_H
#define MB_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"

#define NOTIFY_TEXT_MAX 1200 /* bytes of a rendered notification */
#define NOTIFY_LINK_MAX 64 /* bytes of the command that opens it */
#define NOTIFY_LIST_MAX 200 /* notifications a list shows, newest */
#define NOTIFY_MESSAGE_MAX 1000 /* characters of a message from the team */
#define NOTIFY_DIGEST_ITEMS_MAX 50 /* notifications in one digest mail */
#define NOTIFY_DIGEST_USERS_MAX 100 /* digests one run sends at most */
#define NOTIFY_RETRY_SECONDS 300 /* after a failed digest, doubling */
#define NOTIFY_RETRY_MAX_SECONDS (12 * 3600)
#define NOTIFY_TEAM_MAX 64 /* sysops news for the team goes to */

/* What happened; the words are stored (never renumber the table). */
enum notify_kind {
	NOTIFY_MESSAGE, /* a message from the mentoring team */
	NOTIFY_ANNOUNCEMENT, /* to everyone */
	NOTIFY_MEMBERSHIP_APPROVED,
	NOTIFY_MEMBERSHIP_DECLINED, /* body: the reason */
	NOTIFY_REQUEST_NEW, /* to the mentor; actor the mentee */
	NOTIFY_REQUEST_ACCEPTED, /* to the mentee; body the reply */
	NOTIFY_REQUEST_DECLINED, /* to the mentee; body reason and words */
	NOTIFY_REQUEST_WITHDRAWN, /* to the mentor */
	NOTIFY_REQUEST_REMINDER, /* to the mentor; body the days */
	NOTIFY_REQUEST_EXPIRED, /* to the mentee */
	NOTIFY_CHAT, /* a chat line (one waits unread per chat at most) */
	NOTIFY_MEETING_PROPOSED,
	NOTIFY_MEETING_ACCEPTED,
	NOTIFY_MEETING_DECLINED,
	NOTIFY_AGREEMENT_SUBMITTED, /* to the mentor; body the version */
	NOTIFY_AGREEMENT_APPROVED, /* to the mentee; body the version */
	NOTIFY_AGREEMENT_CHANGES, /* to the mentee; body the comment */
	NOTIFY_MENTORSHIP_OFFICIAL, /* to the mentor: the first approval */
	NOTIFY_MENTORSHIP_ENDED, /* to both; actor who ended it */
	NOTIFY_MENTORSHIP_ENDED_TEAM, /* to both; actor the other; body why */
	NOTIFY_SUPPORT_REPLY, /* to the member; body the subject */
	NOTIFY_SUPPORT_QUESTION, /* to the team; actor the member, body the
				    subject */
	NOTIFY_REPORT_NEW, /* to the team; body the report's number */
	NOTIFY_WARNING, /* from the team, after a report; body its words */
	NOTIFY_NKINDS,
};

/* A notification as a member reads it. */
struct notify_item {
	int64_t id;
	enum notify_kind kind;
	char text[NOTIFY_TEXT_MAX]; /* rendered, translated */
	char
	    link[NOTIFY_LINK_MAX]; /* the command that opens what it is about */
	int64_t at;
	int read;
};

/* The word a kind is stored and shown (JSON "kind") as. */
const char *notify_kind_word(enum notify_kind kind);

/*
 * Tell user_id that kind happened, done by actor_id (0: the board or the
 * team), about object_id (0: nothing), with the words body (may be
 * NULL).  Call it inside the transaction of the change, so that both are
 * written or neither; the member's sessions are woken when it commits.
 * Returns 0 or MB_ERR_*.
 */
int notify_send(struct board *b, int64_t user_id, enum notify_kind kind,
    int64_t actor_id, int64_t object_id, const char *body);

/*
 * Tell the mentoring team (every sysop who confirmed the address and is
 * not banned, at most NOTIFY_TEAM_MAX; not actor_id) that kind happened,
 * as notify_send does, in the caller's transaction; a sysop who has an
 * unread one of the same kind about object_id is not told again.
 * Returns 0 or MB_ERR_*.
 */
int notify_team(struct board *b, enum notify_kind kind, int64_t actor_id,
    int64_t object_id, const char *body);

/*
 * The member's notifications, newest first, at most NOTIFY_LIST_MAX, of
 * those flags ask for (STORE_NOTIFY_UNREAD, STORE_NOTIFY_UNMAILED; 0 for
 * all); only those newer than after_id if it is not 0.  *items is the
 * caller's to free.  Returns 0 or MB_ERR_*.
 */
int notify_list(struct board *b, int64_t user_id, unsigned flags,
    int64_t after_id, struct notify_item **items, size_t *n);

/*
 * Mark notification id of user_id read, or every one of theirs (id 0);
 * their other sessions update.  MB_ERR_NOTFOUND when id is not theirs.
 */
int notify_read(struct board *b, int64_t user_id, int64_t id);

/* Mail user_id what they miss while away (on) or not. */
int notify_set_mail(struct board *b, int64_t user_id, int on);

/*
 * A message from the mentoring team to the member called username
 * (mentord notify).  0, or MB_ERR_NOTFOUND / MB_ERR_INVALID with an
 * English *why.
 */
int notify_message(
    struct board *b, const char *username, const char *text, const char **why);

/*
 * An announcement to every confirmed member (mentord announce): those
 * online see it at once, those away at their next login; it is not
 * mailed.  *count gets how many were told.  0, or MB_ERR_INVALID with an
 * English *why.
 */
int notify_announce(
    struct board *b, const char *text, int64_t *count, const char **why);

/*
 * Send the digest mails that are due: to members with no session open,
 * who want them, with unread notifications older than the
 * notify_mail_delay setting, and no digest within notify_mail_interval.
 * A failed mail is logged and tried again later (NOTIFY_RETRY_SECONDS,
 * doubling).  *sent (may be NULL) gets how many went out.  Returns 0 or
 * the store's MB_ERR_*.
 */
int notify_digest_run(struct board *b, int *sent);

#endif
