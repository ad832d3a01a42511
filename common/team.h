/*
 * team: what the mentoring team does to members' accounts and sessions.
 * Each change is checked and written in one transaction that marks news
 * for the member, so their open sessions see it at once: an address
 * confirmed by hand, a verification or reset code mailed again, a member
 * made a sysop or not (never the last one), a session ended with a
 * message.  The sysop rows (common/sysop_*.c) call these and write the
 * audit log; the rules decide, the rows only say what happened.
 */
#ifndef MB_TEAM_H
#define MB_TEAM_H

#include <stdint.h>

#include "board.h"

#define TEAM_KICK_CHARS \
	120 /* characters a kick shows (in STORE_BAN_REASON_MAX) */

/*
 * Confirm user_id's address by hand (the team knows it is theirs): the
 * member may use the board at once.  0, or MB_ERR_NOTFOUND (no such
 * member), MB_ERR_EXISTS (confirmed already) with *why.
 */
int team_confirm(struct board *b, int64_t user_id, const char **why);

/*
 * Mail user_id a new verification code, or a password reset code,
 * within the limits a member has (MAIL_MIN_INTERVAL, MAIL_MAX_PER_DAY).
 * 0, or MB_ERR_NOTFOUND, MB_ERR_EXISTS (confirmed already, for the
 * first), MB_ERR_LIMIT or MB_ERR_MAIL with *why.
 */
int team_resend(struct board *b, int64_t user_id, const char **why);
int team_reset(struct board *b, int64_t user_id, const char **why);

/*
 * Make user_id a sysop (on) or take it back.  Only a confirmed member
 * who is not banned becomes one; the last sysop who is not banned stays
 * one, so that the board always has a team over ssh (the check and the
 * change in one transaction: of two sysops demoting each other at once,
 * one is refused).  0, or MB_ERR_NOTFOUND, MB_ERR_EXISTS (already so),
 * MB_ERR_INVALID (not confirmed, banned) or MB_ERR_DENIED (the last
 * sysop) with *why.
 */
int team_set_sysop(struct board *b, int64_t user_id, int on, const char **why);

/*
 * End session session_id: it ends at once (its member's sessions are
 * woken) and shows text (one line, at most TEAM_KICK_CHARS characters).
 * *user_id gets its member (0: a guest or the host's operator).  0, or
 * MB_ERR_INVALID (the text), MB_ERR_NOTFOUND (no such session) with
 * *why.
 */
int team_kick(struct board *b, int64_t session_id, const char *text,
    int64_t *user_id, const char **why);

#endif
