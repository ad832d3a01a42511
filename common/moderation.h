/*
 * moderation: bans by the mentoring team, and blocks between members.
 *
 * A ban is written in one transaction with its audit row and news for
 * the member: every open session of theirs ends at once with the reason
 * (tui/identity.c's identity_ended), and from then on mentor refuses
 * their commands and screens with it, and mentord their SFTP.  A banned
 * mentor is no longer listed.  The member is told by mail, since they
 * cannot read notifications any more.
 *
 * A block is a member's own: the person blocked can send the blocker no
 * request and no chat line (request_send, through eligibility_check, and
 * chat_send refuse, in words that do not name the block).  Nobody else
 * learns of it.
 */
#ifndef MB_MODERATION_H
#define MB_MODERATION_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

/* Characters of a ban's reason: it must fit the session's last words
 * (UI_MESSAGE_MAX * 2 bytes with the sentence around it). */
#define MODERATION_BAN_REASON_MAX 100
#define MODERATION_BANS_LIST_MAX 500 /* banned members a list shows */
#define BLOCKS_MAX 200 /* people a member may block */

/*
 * actor_id (a sysop; 0: the host's operator) bans user_id with reason (a
 * line of 1 to MODERATION_BAN_REASON_MAX characters), in one transaction
 * with the audit row "ban" and news that ends the member's sessions; then
 * mails them.  MB_ERR_NOTFOUND (no such member), MB_ERR_EXISTS (banned
 * already), MB_ERR_DENIED (oneself) or MB_ERR_INVALID (the reason), with
 * an English *why.
 */
int moderation_ban(struct board *b, int64_t actor_id, int64_t user_id,
    const char *reason, const char **why);

/*
 * moderation_ban inside the caller's transaction (report_ban): no commit,
 * and no mail; the caller mails with moderation_ban_mail once committed.
 */
int moderation_ban_in(struct board *b, int64_t actor_id, int64_t user_id,
    const char *reason, const char **why);

/* Tell user_id by mail that they are banned, and why (failures logged). */
void moderation_ban_mail(struct board *b, int64_t user_id, const char *reason);

/*
 * actor_id lifts the ban of user_id (audit row "unban"), and mails them.
 * MB_ERR_NOTFOUND (no such member, or not banned) with *why.
 */
int moderation_unban(
    struct board *b, int64_t actor_id, int64_t user_id, const char **why);

/*
 * Is user_id banned?  1 with the words to show in why (size bytes), else
 * 0 (also for a guest, and when the store cannot say: the session's own
 * checks catch it at the next news).
 */
int moderation_banned(struct board *b, int64_t user_id, char *why, size_t size);

/* The banned members, newest ban first (at most MODERATION_BANS_LIST_MAX);
 * *rows is the caller's to free. */
int moderation_bans(struct board *b, struct store_user **rows, size_t *n);

/*
 * viewer blocks user_id: from then on user_id sends them no request and
 * no chat line.  Only someone privacy_may_name lets viewer name: anyone
 * else gets MB_ERR_NOTFOUND with the same words as a number that is no
 * account, and nothing is written.  MB_ERR_NOTFOUND, MB_ERR_DENIED
 * (oneself), MB_ERR_EXISTS (blocked already), MB_ERR_LIMIT (BLOCKS_MAX)
 * with *why.
 */
int moderation_block(struct board *b, const struct viewer *viewer,
    int64_t user_id, const char **why);

/* viewer unblocks user_id: MB_ERR_NOTFOUND when not blocked (the same
 * words whoever user_id is, or is not), with *why. */
int moderation_unblock(struct board *b, const struct viewer *viewer,
    int64_t user_id, const char **why);

/* Whom viewer blocked, the newest first; *rows is the caller's to free. */
int moderation_blocks(struct board *b, const struct viewer *viewer,
    struct store_block **rows, size_t *n);

/*
 * Has blocker blocked blocked?  0 and *yes, or MB_ERR_* (the callers then
 * refuse: a failure to decide is not a yes to a message).
 */
int moderation_blocked(
    struct board *b, int64_t blocker, int64_t blocked, int *yes);

#endif
