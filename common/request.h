/*
 * request: mentoring requests and the mentorships they become.  A mentee
 * who may write to mentors (common/eligibility.c) sends one mentor a
 * request in one area; the mentor, who then sees the four sections of the
 * application and the CV, accepts it (a mentorship: the same id,
 * "connected"), or declines it with a reason; the mentee may withdraw it;
 * unanswered it expires.  Which way a request may go, and who may move
 * it, is one table (request_may_move); every change is checked and
 * written in one transaction, with the notification it brings.
 */
#ifndef MB_REQUEST_H
#define MB_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "eligibility.h"
#include "store.h"

#define REQUEST_OPEN_MAX 3 /* open requests a mentee may have */
#define REQUEST_MESSAGE_MAX 1000 /* characters of the mentee's message */
#define REQUEST_REPLY_MAX 1000 /* characters of the mentor's answer */
#define REQUEST_EXPIRY_DAYS 14 /* unanswered, a request expires */
#define REQUEST_REMIND_FIRST_DAYS 3 /* the mentor is reminded ... */
#define REQUEST_REMIND_SECOND_DAYS 7 /* ... and again */
#define REQUEST_BATCH_MAX 200 /* requests one housekeeping run moves */

/* Who moves a request. */
#define REQUEST_BY_MENTEE 0x1
#define REQUEST_BY_MENTOR 0x2
#define REQUEST_BY_BOARD 0x4 /* the housekeeping: expiry */
#define REQUEST_BY_TEAM 0x8 /* the mentoring team */

/*
 * May party (one REQUEST_BY_*) move a request from state from to state
 * to?  Every pair not in the table is refused.
 */
int request_may_move(
    enum store_mship_state from, enum store_mship_state to, unsigned party);

/* The reasons a mentor declines with; the words are stored. */
enum request_reason {
	REQUEST_REASON_NO_TIME,
	REQUEST_REASON_NOT_MY_AREA,
	REQUEST_REASON_NOT_A_FIT,
	REQUEST_REASON_OTHER,
	REQUEST_NREASONS,
};

/* The word of a reason ("no-time"), and its text for people (N_()). */
const char *request_reason_word(enum request_reason r);
const char *request_reason_text(enum request_reason r);
int request_reason_parse(const char *word, enum request_reason *out);

/*
 * viewer sends mentor_id a request in area_id with message (may be "").
 * Everything eligibility_check asks is checked again in the writing
 * transaction, with the area: one the mentor mentors in and the mentee
 * is a mentee in.  Returns 0 (*id the request, the mentor notified);
 * MB_ERR_DENIED with what is missing in *missing (and *why the first of
 * it); MB_ERR_INVALID (the area, the message) with *why.
 */
int request_send(struct board *b, const struct viewer *viewer,
    int64_t mentor_id, int64_t area_id, const char *message, int64_t *id,
    struct eligibility *missing, const char **why);

/*
 * The mentor accepts request id (with a reply, may be NULL): it becomes a
 * mentorship if they have a free place, checked in the transaction.
 * Returns 0; MB_ERR_LIMIT ("no free places"); MB_ERR_NOTFOUND (not theirs
 * to answer); MB_ERR_DENIED (not open any more); with *why.
 */
int request_accept(struct board *b, const struct viewer *viewer, int64_t id,
    const char *reply, const char **why);

/* The mentor declines with a reason and words (may be NULL). */
int request_decline(struct board *b, const struct viewer *viewer, int64_t id,
    enum request_reason reason, const char *text, const char **why);

/* The mentee withdraws their open request. */
int request_withdraw(
    struct board *b, const struct viewer *viewer, int64_t id, const char **why);

/*
 * Request id as viewer may see it: only its mentee, its mentor and the
 * team.  MB_ERR_NOTFOUND for everyone else (nothing is told of it).
 * *out is the caller's (store_mentorship_free).
 */
int request_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_mentorship *out);

/* Every request and mentorship of the viewer (store_mentorship_rows_free). */
int request_list(struct board *b, const struct viewer *viewer,
    struct store_mentorship **rows, size_t *n);

/*
 * What the mentor of request id sees of the mentee's application: the
 * four sections (*app, the caller's: store_application_free) and the CV on
 * file (*has_cv, *cv).  Only while the request is open or a mentorship;
 * each read goes into the audit log.  MB_ERR_NOTFOUND otherwise.
 */
int request_application(struct board *b, const struct viewer *viewer,
    int64_t id, struct store_application *app, struct store_cv_info *cv,
    int *has_cv);

/*
 * The mentee's CV for the mentor of request id (over SFTP), as
 * request_application allows it; *jpeg is the caller's.  Recorded in the
 * audit log.  MB_ERR_NOTFOUND when there is none or it may not be read.
 */
int request_cv(struct board *b, int64_t viewer_id, int64_t id, uint8_t **jpeg,
    size_t *len);

/* Is viewer_id the mentor of request id, and may they read its CV? */
int request_cv_visible(struct board *b, int64_t viewer_id, int64_t id);

/*
 * The housekeeping's part: remind mentors of requests unanswered for
 * REQUEST_REMIND_FIRST_DAYS and REQUEST_REMIND_SECOND_DAYS, expire those
 * older than REQUEST_EXPIRY_DAYS (the mentee is told).  *moved (may be
 * NULL) counts them.  Returns 0 or MB_ERR_*.
 */
int request_housekeeping(struct board *b, int *moved);

#endif
