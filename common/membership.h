/*
 * membership: the rules of the alumni community.  The mentors help as
 * volunteers, so before a mentee may write to one, they join the alumni
 * community (free of charge): they send a request to the mentoring team
 * (or, already members, ask for their code), the team approves it and an
 * access code goes to them by mail, and redeeming the code makes them a
 * member.  The team also issues codes by hand: bound to one account, or
 * open, for handing out on paper at an alumni event.
 *
 * A wrong code is "not valid" whatever the reason (unknown, used, expired,
 * revoked, someone else's), and redeeming is slowed per address and per
 * account like logins (common/throttle.c).
 */
#ifndef MB_MEMBERSHIP_H
#define MB_MEMBERSHIP_H

#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "board.h"
#include "store.h"

#define MEMBERSHIP_MESSAGE_MAX 1000 /* characters of a request's message */
#define MEMBERSHIP_REASON_MAX 500 /* characters of a decline's reason */
#define GRADUATION_YEAR_MIN 1930
#define GRADUATION_YEARS_AHEAD 10 /* an expected graduation, at most */
#define ACCESS_CODES_ISSUE_MAX 500 /* codes one `codes issue` makes */
#define ACCESS_CODE_DAYS_MAX 3660 /* the longest a code may work: 10 years */

/* Where a member stands, as `membership --json` says it. */
enum membership_status {
	MEMBERSHIP_NONE,
	MEMBERSHIP_REQUESTED, /* with the team, or approved: a code is sent */
	MEMBERSHIP_DECLINED, /* may ask again */
	MEMBERSHIP_MEMBER,
};

struct membership_view {
	enum membership_status status;
	int64_t member_since; /* 0 unless a member */
	int64_t request_id; /* the latest request, or 0 */
	int64_t requested_at;
	int64_t decided_at; /* 0 while open */
	int approved; /* the latest request was approved: a code was mailed */
	int already_member; /* the latest request said so */
	char reason[MEMBERSHIP_REASON_MAX * 4 + 1]; /* why it was declined */
};

/* "none", "requested", "declined", "member". */
const char *membership_status_word(enum membership_status s);

/* Where user_id stands.  Returns 0 or MB_ERR_*. */
int membership_get(
    struct board *b, int64_t user_id, struct membership_view *out);

/* The relations to the university, by their words ("student" ...). */
const char *membership_relation_word(enum store_relation r);
int membership_relation_parse(const char *word, enum store_relation *out);

/* What the request form (and `membership request`) asks. */
struct membership_form {
	const char *programme; /* the name of a field of study */
	const char *graduation_year; /* as typed */
	enum store_relation relation;
	const char *message; /* may be "" (a membership number, a note) */
	int join; /* consent to join the alumni community */
	int already_member; /* "I am already a member": asks for the code */
};

enum membership_field {
	MEMBERSHIP_PROGRAMME,
	MEMBERSHIP_YEAR,
	MEMBERSHIP_MESSAGE,
	MEMBERSHIP_JOIN,
	MEMBERSHIP_NFIELDS,
};

/* A translated reason per field, NULL where the field is fine. */
struct membership_errors {
	const char *why[MEMBERSHIP_NFIELDS];
};

/*
 * Send user_id's request to the mentoring team's queue and mail the team
 * (team_address; a failed mail is logged, the request stays).  Returns 0;
 * MB_ERR_INVALID with reasons in e (nothing written); MB_ERR_EXISTS with
 * a translated *why when the member is one already or has a request open.
 */
int membership_request(struct board *b, int64_t user_id,
    const struct membership_form *f, struct membership_errors *e,
    const char **why);

/*
 * Redeem an access code for user_id, typed from source (an address, for
 * the delay).  Waits first as failures of the address and the account
 * ask.  Returns 0 (a member from now on); MB_ERR_DENIED with "not valid"
 * for any code that does not work; MB_ERR_EXISTS when already a member;
 * another MB_ERR_* with *why.  Failures are counted for the delay.
 */
int membership_redeem(struct board *b, int64_t user_id, const char *source,
    const char *code, const char **why);

/*
 * The team approves request id: an access code bound to the member is
 * made and mailed to them, and they are notified.  Returns 0;
 * MB_ERR_NOTFOUND when no such request is open; MB_ERR_MAIL when the mail
 * failed (then the request stays open and the code is revoked), with an
 * English *why for the operator.
 */
int membership_approve(struct board *b, int64_t id, const char **why);

/*
 * The team declines request id with a reason the member sees (by a
 * notification and a mail).  Returns 0, MB_ERR_NOTFOUND (no such open
 * request) or MB_ERR_INVALID (no or a too long reason), with *why.
 */
int membership_decline(
    struct board *b, int64_t id, const char *reason, const char **why);

/*
 * Make count access codes (1 to ACCESS_CODES_ISSUE_MAX), bound to the
 * account called for_user or open (NULL), working for days (0: the
 * access_code_days setting).  codes gets them formatted, ids their rows;
 * both arrays have count entries, and the codes cannot be shown again.
 * Returns 0, or MB_ERR_INVALID / MB_ERR_NOTFOUND with an English *why.
 */
int membership_codes_issue(struct board *b, int count, const char *for_user,
    int days, char (*codes)[ACCESS_CODE_TEXT_MAX], int64_t *ids,
    const char **why);

/* Revoke the unused code id.  0, or MB_ERR_NOTFOUND with *why. */
int membership_code_revoke(struct board *b, int64_t id, const char **why);

#endif
