/* request: requests, their states, and who may move them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "notify.h"
#include "privacy.h"
#include "profile.h"
#include "request.h"
#include "text.h"
#include "util.h"

#define REQUEST_SECONDS_PER_DAY (24 * 3600)

/*
 * Every way a request may go, and who may take it.  Anything else is
 * refused: an answered request stays answered, only the mentor answers,
 * only the mentee withdraws, only the board lets one expire.  The
 * mentor's first approval of the agreement makes a mentorship official
 * (common/agreement.c); either side, or the mentoring team, ends it
 * (common/ending.c).
 */
static const struct {
	enum store_mship_state from, to;
	unsigned who;
} request_moves[] = {
	{ STORE_MSHIP_OPEN, STORE_MSHIP_CONNECTED, REQUEST_BY_MENTOR },
	{ STORE_MSHIP_OPEN, STORE_MSHIP_DECLINED, REQUEST_BY_MENTOR },
	{ STORE_MSHIP_OPEN, STORE_MSHIP_WITHDRAWN, REQUEST_BY_MENTEE },
	{ STORE_MSHIP_OPEN, STORE_MSHIP_EXPIRED, REQUEST_BY_BOARD },
	{ STORE_MSHIP_CONNECTED, STORE_MSHIP_OFFICIAL, REQUEST_BY_MENTOR },
	{ STORE_MSHIP_CONNECTED, STORE_MSHIP_ENDED,
	    REQUEST_BY_MENTOR | REQUEST_BY_MENTEE | REQUEST_BY_TEAM },
	{ STORE_MSHIP_OFFICIAL, STORE_MSHIP_ENDED,
	    REQUEST_BY_MENTOR | REQUEST_BY_MENTEE | REQUEST_BY_TEAM },
};

static const struct {
	const char *word;
	const char *text;
} request_reasons[REQUEST_NREASONS] = {
	[REQUEST_REASON_NO_TIME] = { "no-time",
	    N_("I have no time for a mentee just now") },
	[REQUEST_REASON_NOT_MY_AREA] = { "not-my-area",
	    N_("this is not where I can help best") },
	[REQUEST_REASON_NOT_A_FIT] = { "not-a-fit",
	    N_("I think another mentor fits you better") },
	[REQUEST_REASON_OTHER] = { "other", N_("another reason") },
};

static char request_why_buf[256];

int
request_may_move(
    enum store_mship_state from, enum store_mship_state to, unsigned party)
{
	size_t i;

	for (i = 0; i < nitems(request_moves); i++) {
		if (request_moves[i].from == from &&
		    request_moves[i].to == to &&
		    (request_moves[i].who & party) != 0)
			return 1;
	}
	return 0;
}

const char *
request_reason_word(enum request_reason r)
{
	return request_reasons[r].word;
}

const char *
request_reason_text(enum request_reason r)
{
	return request_reasons[r].text;
}

int
request_reason_parse(const char *word, enum request_reason *out)
{
	int i;

	for (i = 0; i < REQUEST_NREASONS; i++) {
		if (strcmp(word, request_reasons[i].word) == 0) {
			*out = (enum request_reason)i;
			return 0;
		}
	}
	return MB_ERR_INVALID;
}

/* The first reason of e, for *why. */
static const char *
request_first_missing(const struct eligibility *e)
{
	int r;

	for (r = 0; r < ELIGIBILITY_NREASONS; r++) {
		if (eligibility_missing(e, r))
			return _(eligibility_text(r));
	}
	return _("please try again later");
}

/* Check an optional text of a request; 0 or MB_ERR_INVALID with *why. */
static int
request_check_text(const char *text, long max, const char **why)
{
	if (text == NULL || text[0] == '\0')
		return 0;
	return text_check_block(text, max, why);
}

/* Is area_id one the mentor mentors in and the mentee seeks help in? */
static int
request_area_shared(
    struct board *b, int64_t mentee, int64_t mentor, int64_t area_id)
{
	struct store_item *areas = NULL;
	size_t n = 0, i;
	int found = 0;

	if (store_roles_shared(b->store, mentee, mentor, &areas, &n) != 0)
		return 0;
	for (i = 0; i < n; i++)
		found |= areas[i].id == area_id;
	free(areas);
	return found;
}

int
request_send(struct board *b, const struct viewer *viewer, int64_t mentor_id,
    int64_t area_id, const char *message, int64_t *id,
    struct eligibility *missing, const char **why)
{
	int rc;

	memset(missing, 0, sizeof(*missing));
	if (request_check_text(message, REQUEST_MESSAGE_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	/* Checked where it is written: two sends at once cannot both pass
	 * the limit, nor a send a mentor who just filled up. */
	rc = eligibility_check(b, viewer, mentor_id, missing);
	if (rc == 0 && missing->missing != 0) {
		*why = request_first_missing(missing);
		rc = MB_ERR_DENIED;
	} else if (rc == 0 &&
	    !request_area_shared(b, viewer->user_id, mentor_id, area_id)) {
		*why = _("choose an area the mentor helps in and you look for "
			 "help in");
		rc = MB_ERR_INVALID;
	}
	if (rc == 0)
		rc = store_mentorship_add(
		    b->store, viewer->user_id, mentor_id, area_id, message, id);
	if (rc == 0)
		rc = notify_send(b, mentor_id, NOTIFY_REQUEST_NEW,
		    viewer->user_id, *id, NULL);
	if (rc == 0) {
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_REQUEST, *id);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	if (rc == 0)
		log_info("user %lld sent request %lld to user %lld",
		    (long long)viewer->user_id, (long long)*id,
		    (long long)mentor_id);
	return rc;
}

/*
 * Read request id in the transaction and check that viewer, as party,
 * may move it to state to.  0, or MB_ERR_NOTFOUND (not theirs) /
 * MB_ERR_DENIED (not in a state that goes there), with *why.
 */
static int
request_check_move(struct board *b, const struct viewer *viewer, int64_t id,
    unsigned party, enum store_mship_state to, struct store_mentorship *m,
    const char **why)
{
	int64_t mine;
	int rc;

	rc = store_mentorship_get(b->store, id, m);
	if (rc == MB_ERR_NOTFOUND) {
		*why = _("there is no such request of yours");
		return rc;
	}
	if (rc != 0)
		return rc;
	mine = party == REQUEST_BY_MENTOR ? m->mentor_id : m->mentee_id;
	if (mine == 0 || mine != viewer->user_id) {
		*why = _("there is no such request of yours");
		return MB_ERR_NOTFOUND;
	}
	if (!request_may_move(m->state, to, party)) {
		(void)snprintf(request_why_buf, sizeof(request_why_buf),
		    _("this request is %s: it cannot be changed so"),
		    _(store_mship_state_word(m->state)));
		*why = request_why_buf;
		return MB_ERR_DENIED;
	}
	return 0;
}

int
request_accept(struct board *b, const struct viewer *viewer, int64_t id,
    const char *reply, const char **why)
{
	struct store_mentorship m;
	struct store_mentor prof;
	int active = 0, capacity = 0, rc;

	memset(&m, 0, sizeof(m));
	if (request_check_text(reply, REQUEST_REPLY_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = request_check_move(
	    b, viewer, id, REQUEST_BY_MENTOR, STORE_MSHIP_CONNECTED, &m, why);
	/* Places are counted where the mentorship is written: fifty
	 * accepts at once make no more mentorships than there are places. */
	if (rc == 0)
		rc = store_mentor_get(b->store, viewer->user_id, &prof);
	if (rc == 0) {
		capacity = prof.capacity;
		store_mentor_free(&prof);
		rc =
		    store_mentorship_active(b->store, viewer->user_id, &active);
	}
	if (rc == 0 && active >= capacity) {
		*why = _("no free places: you mentor as many mentees as your "
			 "profile allows");
		rc = MB_ERR_LIMIT;
	}
	if (rc == 0)
		rc = store_mentorship_move(b->store, id, STORE_MSHIP_OPEN,
		    STORE_MSHIP_CONNECTED, reply != NULL ? reply : "", NULL);
	if (rc == 0)
		rc = notify_send(b, m.mentee_id, NOTIFY_REQUEST_ACCEPTED,
		    viewer->user_id, id, reply != NULL ? reply : "");
	/* One place fewer: the search says so. */
	if (rc == 0)
		rc = profile_search_update(b, viewer->user_id);
	if (rc == 0) {
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_REQUEST, id);
		store_news_mark(b->store, m.mentee_id, STORE_NEWS_REQUEST, id);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	store_mentorship_free(&m);
	if (rc == 0)
		log_info("request %lld accepted: a mentorship", (long long)id);
	return rc;
}

int
request_decline(struct board *b, const struct viewer *viewer, int64_t id,
    enum request_reason reason, const char *text, const char **why)
{
	struct store_mentorship m;
	struct store_user mentee;
	enum i18n_language spoken;
	char *body = NULL;
	int rc;

	memset(&m, 0, sizeof(m));
	if (request_check_text(text, REQUEST_REPLY_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = request_check_move(
	    b, viewer, id, REQUEST_BY_MENTOR, STORE_MSHIP_DECLINED, &m, why);
	if (rc == 0)
		rc = store_mentorship_move(b->store, id, STORE_MSHIP_OPEN,
		    STORE_MSHIP_DECLINED, text != NULL ? text : "",
		    request_reasons[reason].word);
	if (rc == 0) {
		/* The reason in the mentee's words (and language), then the
		 * mentor's. */
		spoken = i18n_current();
		if (store_user_get(b->store, m.mentee_id, &mentee) == 0)
			(void)i18n_use(mentee.language);
		body = xasprintf("%s%s%s", _(request_reasons[reason].text),
		    text != NULL && text[0] != '\0' ? ". " : "",
		    text != NULL ? text : "");
		(void)i18n_use(spoken);
		rc = notify_send(b, m.mentee_id, NOTIFY_REQUEST_DECLINED,
		    viewer->user_id, id, body);
		free(body);
	}
	if (rc == 0) {
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_REQUEST, id);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	store_mentorship_free(&m);
	return rc;
}

int
request_withdraw(
    struct board *b, const struct viewer *viewer, int64_t id, const char **why)
{
	struct store_mentorship m;
	int rc;

	memset(&m, 0, sizeof(m));
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = request_check_move(
	    b, viewer, id, REQUEST_BY_MENTEE, STORE_MSHIP_WITHDRAWN, &m, why);
	if (rc == 0)
		rc = store_mentorship_move(b->store, id, STORE_MSHIP_OPEN,
		    STORE_MSHIP_WITHDRAWN, NULL, NULL);
	if (rc == 0 && m.mentor_id != 0)
		rc = notify_send(b, m.mentor_id, NOTIFY_REQUEST_WITHDRAWN,
		    viewer->user_id, id, NULL);
	if (rc == 0) {
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_REQUEST, id);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	store_mentorship_free(&m);
	return rc;
}

/* Is viewer a party of m (or the team)? */
static int
request_party(const struct viewer *viewer, const struct store_mentorship *m)
{
	if (viewer->user_id == 0)
		return 0;
	return m->mentee_id == viewer->user_id ||
	    m->mentor_id == viewer->user_id ||
	    (privacy_member(viewer) != 0 && viewer->is_sysop);
}

int
request_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_mentorship *out)
{
	int rc = store_mentorship_get(b->store, id, out);

	if (rc == 0 && !request_party(viewer, out)) {
		store_mentorship_free(out);
		return MB_ERR_NOTFOUND;
	}
	return rc;
}

int
request_list(struct board *b, const struct viewer *viewer,
    struct store_mentorship **rows, size_t *n)
{
	return store_mentorship_list(b->store, viewer->user_id, rows, n);
}

/* May mentor_id read the application of request id's mentee?  *mentee. */
static int
request_reader(struct board *b, int64_t mentor_id, int64_t id, int64_t *mentee)
{
	struct store_mentorship m;
	int rc, ok;

	rc = store_mentorship_get(b->store, id, &m);
	if (rc != 0)
		return rc;
	ok = mentor_id != 0 && m.mentor_id == mentor_id && m.mentee_id != 0 &&
	    (m.state == STORE_MSHIP_OPEN || m.state == STORE_MSHIP_CONNECTED ||
		m.state == STORE_MSHIP_OFFICIAL);
	*mentee = m.mentee_id;
	store_mentorship_free(&m);
	return ok ? 0 : MB_ERR_NOTFOUND;
}

int
request_cv_visible(struct board *b, int64_t viewer_id, int64_t id)
{
	struct store_cv_info cv;
	int64_t mentee = 0;

	return request_reader(b, viewer_id, id, &mentee) == 0 &&
	    store_cv_info(b->store, mentee, &cv) == 0;
}

int
request_application(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_application *app, struct store_cv_info *cv, int *has_cv)
{
	int64_t mentee = 0;
	int rc;

	rc = request_reader(b, viewer->user_id, id, &mentee);
	if (rc != 0)
		return rc;
	rc = store_application_get(b->store, mentee, app);
	if (rc != 0)
		return rc;
	rc = store_cv_info(b->store, mentee, cv);
	*has_cv = rc == 0;
	if (rc == MB_ERR_NOTFOUND)
		rc = 0;
	/* Who read an application is the team's to see. */
	if (rc == 0 &&
	    store_audit_add(b->store, viewer->user_id, "read-application",
		mentee, id, NULL) != 0)
		log_warn(
		    "request %lld: the read was not recorded", (long long)id);
	if (rc != 0)
		store_application_free(app);
	return rc;
}

int
request_cv(
    struct board *b, int64_t viewer_id, int64_t id, uint8_t **jpeg, size_t *len)
{
	int64_t mentee = 0;
	int rc;

	rc = request_reader(b, viewer_id, id, &mentee);
	if (rc == 0)
		rc = store_cv_get(b->store, mentee, jpeg, len);
	if (rc == 0 &&
	    store_audit_add(b->store, viewer_id, "read-cv", mentee, id, NULL) !=
		0)
		log_warn(
		    "request %lld: the read was not recorded", (long long)id);
	return rc;
}

/* Remind the mentors of requests waiting days, the reminder-th time. */
static int
request_remind(struct board *b, int days, int reminder, int *moved)
{
	int64_t ids[REQUEST_BATCH_MAX];
	struct store_mentorship m;
	char body[16];
	size_t n = 0, i;
	int rc;

	rc = store_mentorship_waiting(b->store,
	    clock_now() - (int64_t)days * REQUEST_SECONDS_PER_DAY, reminder,
	    ids, nitems(ids), &n);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = store_begin(b->store);
		if (rc != 0)
			break;
		rc = store_mentorship_get(b->store, ids[i], &m);
		if (rc == 0) {
			(void)snprintf(body, sizeof(body), "%d", days);
			if (m.mentor_id != 0)
				rc = notify_send(b, m.mentor_id,
				    NOTIFY_REQUEST_REMINDER, m.mentee_id, m.id,
				    body);
			if (rc == 0)
				rc = store_mentorship_reminded(
				    b->store, m.id, reminder);
			store_mentorship_free(&m);
		}
		if (rc == 0)
			rc = store_commit(b->store);
		store_rollback(b->store);
		if (rc == 0)
			(*moved)++;
	}
	return rc;
}

/* Let requests unanswered for REQUEST_EXPIRY_DAYS expire. */
static int
request_expire(struct board *b, int *moved)
{
	int64_t ids[REQUEST_BATCH_MAX];
	struct store_mentorship m;
	size_t n = 0, i;
	int rc;

	/* Every open request has had fewer than this many reminders. */
	rc = store_mentorship_waiting(b->store,
	    clock_now() -
		(int64_t)REQUEST_EXPIRY_DAYS * REQUEST_SECONDS_PER_DAY,
	    3, ids, nitems(ids), &n);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = store_begin(b->store);
		if (rc != 0)
			break;
		rc = store_mentorship_move(b->store, ids[i], STORE_MSHIP_OPEN,
		    STORE_MSHIP_EXPIRED, NULL, NULL);
		if (rc == 0 &&
		    store_mentorship_get(b->store, ids[i], &m) == 0) {
			if (m.mentee_id != 0)
				rc = notify_send(b, m.mentee_id,
				    NOTIFY_REQUEST_EXPIRED, m.mentor_id, m.id,
				    NULL);
			store_mentorship_free(&m);
		}
		if (rc == 0)
			rc = store_commit(b->store);
		store_rollback(b->store);
		if (rc == MB_ERR_NOTFOUND)
			rc = 0; /* answered meanwhile */
		else if (rc == 0)
			(*moved)++;
	}
	return rc;
}

int
request_housekeeping(struct board *b, int *moved)
{
	int count = 0, rc;

	rc = request_expire(b, &count);
	if (rc == 0)
		rc = request_remind(b, REQUEST_REMIND_SECOND_DAYS, 2, &count);
	if (rc == 0)
		rc = request_remind(b, REQUEST_REMIND_FIRST_DAYS, 1, &count);
	if (moved != NULL)
		*moved = count;
	return rc;
}
