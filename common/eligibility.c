/* eligibility: what stands between a mentee and writing to a mentor. */
#include <stdlib.h>
#include <string.h>

#include "eligibility.h"
#include "error.h"
#include "i18n.h"
#include "moderation.h"
#include "request.h"
#include "store.h"

static const struct {
	const char *word;
	const char *text;
	const char *fix;
} eligibility_reasons[ELIGIBILITY_NREASONS] = {
	[ELIGIBILITY_GUEST] = { "guest", N_("You are not registered."),
	    N_("Register on the first screen (r).") },
	[ELIGIBILITY_UNVERIFIED] = { "unverified",
	    N_("Your e-mail address is not confirmed."),
	    N_("Type the code we mailed you (log in again to see the "
	       "screen).") },
	[ELIGIBILITY_NOT_MEMBER] = { "not-member",
	    N_("You are not a member of the alumni community yet."),
	    N_("Join, or enter your access code: My profile (m), Career "
	       "Mentoring Program (p).") },
	[ELIGIBILITY_NO_MENTEE_AREA] = { "no-mentee-area",
	    N_("You look for help in no area."),
	    N_("Choose one: My profile (m), Mentoring roles (r).") },
	[ELIGIBILITY_APPLICATION] = { "application",
	    N_("Your application is not complete."),
	    N_("Write all four sections: My profile (m), My application "
	       "(a).") },
	[ELIGIBILITY_NO_CV] = { "cv", N_("There is no CV on file."),
	    N_("Upload one: My profile (m), CV (c) shows how.") },
	[ELIGIBILITY_TOO_MANY_OPEN] = { "too-many-open",
	    N_("You have three requests waiting for an answer."),
	    N_("Wait for an answer, or withdraw one: Requests (q).") },
	[ELIGIBILITY_SELF] = { "self", N_("This is you."),
	    N_("Find another mentor: / searches.") },
	[ELIGIBILITY_MENTOR_GONE] = { "mentor-gone",
	    N_("This mentor is not listed any more."),
	    N_("Find another mentor: / searches.") },
	[ELIGIBILITY_NO_SHARED_AREA] = { "no-shared-area",
	    N_("This mentor helps in no area where you look for help."),
	    N_("Choose an area they mentor in: My profile (m), Mentoring "
	       "roles (r).") },
	[ELIGIBILITY_MENTOR_PAUSED] = { "mentor-paused",
	    N_("This mentor takes no new requests just now."),
	    N_("Find another mentor, or try again later.") },
	[ELIGIBILITY_MENTOR_FULL] = { "no-places-free",
	    N_("This mentor has no places free."),
	    N_("Find another mentor, or try again later.") },
	[ELIGIBILITY_ALREADY] = { "already",
	    N_("You have a request or a mentorship with this mentor."),
	    N_("See it under Requests (q).") },
	[ELIGIBILITY_UNAVAILABLE] = { "unavailable",
	    N_("This mentor cannot take a request from you."),
	    N_("Find another mentor: / searches.") },
	[ELIGIBILITY_YOU_BLOCKED] = { "you-blocked",
	    N_("You have blocked this mentor."),
	    N_("Unblock them first: b on their details.") },
};

int
eligibility_missing(const struct eligibility *e, enum eligibility_reason reason)
{
	return (e->missing & (1u << reason)) != 0;
}

const char *
eligibility_word(enum eligibility_reason reason)
{
	return eligibility_reasons[reason].word;
}

const char *
eligibility_text(enum eligibility_reason reason)
{
	return eligibility_reasons[reason].text;
}

const char *
eligibility_fix(enum eligibility_reason reason)
{
	return eligibility_reasons[reason].fix;
}

/* What stands between mentee and this mentor in particular. */
static int
eligibility_mentor(
    struct board *b, int64_t mentee, int64_t mentor_id, struct eligibility *out)
{
	struct store_mentor_row row;
	struct store_item *areas = NULL;
	size_t nareas = 0;
	int64_t between = 0;
	int blocked = 0, rc;

	if (mentor_id == mentee) {
		out->missing |= 1u << ELIGIBILITY_SELF;
		return 0;
	}
	rc = store_search_get(b->store, mentor_id, &row);
	if (rc == MB_ERR_NOTFOUND) {
		out->missing |= 1u << ELIGIBILITY_MENTOR_GONE;
		return 0;
	}
	if (rc != 0)
		return rc;
	if (!row.available)
		out->missing |= 1u << ELIGIBILITY_MENTOR_PAUSED;
	else if (row.free_places <= 0)
		out->missing |= 1u << ELIGIBILITY_MENTOR_FULL;
	store_mentor_row_free(&row);
	rc = store_roles_shared(b->store, mentee, mentor_id, &areas, &nareas);
	free(areas);
	if (rc != 0)
		return rc;
	if (nareas == 0)
		out->missing |= 1u << ELIGIBILITY_NO_SHARED_AREA;
	rc = store_mentorship_between(b->store, mentee, mentor_id, &between);
	if (rc != 0)
		return rc;
	if (between != 0)
		out->missing |= 1u << ELIGIBILITY_ALREADY;
	/* A blocked mentee sends the blocker no request (moderation.h). */
	rc = moderation_blocked(b, mentor_id, mentee, &blocked);
	if (rc == 0 && blocked)
		out->missing |= 1u << ELIGIBILITY_UNAVAILABLE;
	if (rc == 0)
		rc = moderation_blocked(b, mentee, mentor_id, &blocked);
	if (rc == 0 && blocked)
		out->missing |= 1u << ELIGIBILITY_YOU_BLOCKED;
	return rc;
}

int
eligibility_check(struct board *b, const struct viewer *viewer,
    int64_t mentor_id, struct eligibility *out)
{
	struct store_application a;
	struct store_cv_info cv;
	struct store_user u;
	int mentor = 0, mentee = 0, open = 0, i, rc;

	(void)mentor_id;
	memset(out, 0, sizeof(*out));
	if (viewer->user_id == 0) {
		out->missing = 1u << ELIGIBILITY_GUEST;
		return 0;
	}
	rc = store_user_get(b->store, viewer->user_id, &u);
	if (rc != 0)
		return rc;
	if (!u.verified)
		out->missing |= 1u << ELIGIBILITY_UNVERIFIED;
	if (u.member_since == 0)
		out->missing |= 1u << ELIGIBILITY_NOT_MEMBER;
	rc = store_roles_count(b->store, u.id, &mentor, &mentee);
	if (rc != 0)
		return rc;
	if (mentee == 0)
		out->missing |= 1u << ELIGIBILITY_NO_MENTEE_AREA;
	rc = store_application_get(b->store, u.id, &a);
	if (rc != 0)
		return rc;
	for (i = 0; i < STORE_NSECTIONS; i++)
		out->sections_empty += a.text[i][0] == '\0';
	store_application_free(&a);
	if (out->sections_empty > 0)
		out->missing |= 1u << ELIGIBILITY_APPLICATION;
	rc = store_cv_info(b->store, u.id, &cv);
	if (rc == MB_ERR_NOTFOUND)
		out->missing |= 1u << ELIGIBILITY_NO_CV;
	else if (rc != 0)
		return rc;
	rc = store_mentorship_open_sent(b->store, u.id, &open);
	if (rc != 0)
		return rc;
	if (open >= REQUEST_OPEN_MAX)
		out->missing |= 1u << ELIGIBILITY_TOO_MANY_OPEN;
	return mentor_id != 0 ? eligibility_mentor(b, u.id, mentor_id, out) : 0;
}
