/* profile: roles, mentor profile, application, fields of study, CV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "cv.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "profile.h"
#include "text.h"
#include "util.h"

static const char *const profile_titles[STORE_NSECTIONS] = {
	N_("My data"),
	N_("My current situation"),
	N_("My goal(s)"),
	N_("What kind of help do I wish for"),
};

static char profile_why_buf[256];

/* The words the command interface and JSON name the sections by. */
static const char *const profile_words[STORE_NSECTIONS] = {
	"my-data",
	"situation",
	"goals",
	"help",
};

const char *
profile_section_title(enum store_section s)
{
	return profile_titles[s];
}

const char *
profile_section_word(enum store_section s)
{
	return profile_words[s];
}

int
profile_section_parse(const char *word, enum store_section *out)
{
	int i;

	for (i = 0; i < STORE_NSECTIONS; i++) {
		if (strcmp(word, profile_words[i]) == 0) {
			*out = (enum store_section)i;
			return 0;
		}
	}
	return MB_ERR_INVALID;
}

/* Commit, or roll back and keep the first error. */
static int
profile_finish(struct board *b, int rc)
{
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0)
		store_rollback(b->store);
	return rc;
}

/*
 * Put the member in the mentor search or take them out: listed are
 * verified members who mentor in an area and whose mentor profile is
 * complete.  Called inside the transaction of the change.
 */
int
profile_search_update(struct board *b, int64_t user_id)
{
	struct store_mentor m;
	struct store_user u;
	int mentor = 0, mentee = 0, listed, rc;

	rc = store_user_get(b->store, user_id, &u);
	if (rc == 0)
		rc = store_roles_count(b->store, user_id, &mentor, &mentee);
	if (rc != 0)
		return rc;
	rc = store_mentor_get(b->store, user_id, &m);
	if (rc != 0)
		return rc;
	/* A banned mentor is not listed (common/moderation.c). */
	listed = u.verified && u.banned_at == 0 && mentor > 0 &&
	    profile_mentor_complete(&m);
	store_mentor_free(&m);
	/* The member's other sessions show the profile anew. */
	store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	return store_search_set(b->store, user_id, listed);
}

int
profile_search_refresh(struct board *b, int64_t user_id)
{
	int rc = store_begin(b->store);

	if (rc != 0)
		return rc;
	rc = profile_search_update(b, user_id);
	return profile_finish(b, rc);
}

int
profile_role_set(struct board *b, int64_t user_id, int64_t area_id,
    enum store_role role, int on, const char **why)
{
	struct store_item *areas = NULL;
	size_t n = 0, i;
	int rc;

	rc = store_list_get(b->store, STORE_LIST_AREAS, 1, &areas, &n);
	if (rc != 0)
		return rc;
	for (i = 0; i < n && areas[i].id != area_id; i++)
		;
	if (i == n) {
		free(areas);
		*why = _("there is no such area of help");
		return MB_ERR_NOTFOUND;
	}
	if (on && areas[i].retired) {
		free(areas);
		*why = _("this area of help is retired: it cannot be chosen "
			 "anew");
		return MB_ERR_DENIED;
	}
	free(areas);
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_role_set(b->store, user_id, area_id, role, on);
	if (rc == 0)
		rc = profile_search_update(b, user_id);
	return profile_finish(b, rc);
}

/* Check one line of a mentor profile. */
static void
profile_check_line(const char *s, long max, struct profile_errors *e,
    enum profile_mentor_field f)
{
	const char *why = NULL;

	if (text_check_line(s, 0, max, &why) != 0)
		e->why[f] = why;
}

int
profile_mentor_save(struct board *b, int64_t user_id,
    const struct store_mentor *m, struct profile_errors *e)
{
	const char *why = NULL;
	int i, rc;

	memset(e, 0, sizeof(*e));
	if (text_check_block(m->help_text, HELP_TEXT_MAX, &why) != 0)
		e->why[PROFILE_HELP_TEXT] = why;
	profile_check_line(m->industry, INDUSTRY_MAX, e, PROFILE_INDUSTRY);
	profile_check_line(m->position, POSITION_MAX, e, PROFILE_POSITION);
	profile_check_line(m->languages, LANGUAGES_MAX, e, PROFILE_LANGUAGES);
	if (m->capacity < 0 || m->capacity > CAPACITY_MAX) {
		(void)snprintf(profile_why_buf, sizeof(profile_why_buf),
		    _("must be a number from 0 to %d"), CAPACITY_MAX);
		e->why[PROFILE_CAPACITY] = profile_why_buf;
	}
	for (i = 0; i < PROFILE_NFIELDS; i++) {
		if (e->why[i] != NULL)
			return MB_ERR_INVALID;
	}
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_mentor_set(b->store, user_id, m);
	if (rc == 0)
		rc = profile_search_update(b, user_id);
	return profile_finish(b, rc);
}

int
profile_mentor_complete(const struct store_mentor *m)
{
	return m->updated_at != 0 && m->help_text[0] != '\0' &&
	    m->industry[0] != '\0' && m->position[0] != '\0' &&
	    m->languages[0] != '\0' && m->capacity > 0;
}

int
profile_section_save(struct board *b, int64_t user_id, enum store_section s,
    const char *text, const char **why)
{
	int rc;

	if (text_check_block(text, SECTION_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_application_set(b->store, user_id, s, text);
	if (rc == 0)
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	return rc;
}

int
profile_fields_save(struct board *b, int64_t user_id, const int64_t *ids,
    size_t n, const char **why)
{
	struct store_item *live = NULL, *had = NULL;
	size_t nlive = 0, nhad = 0, i, j, k;
	int rc;

	if (n == 0) {
		*why = _("choose at least one");
		return MB_ERR_INVALID;
	}
	if (n > FIELDS_MAX) {
		(void)snprintf(profile_why_buf, sizeof(profile_why_buf),
		    _("choose at most %d"), FIELDS_MAX);
		*why = profile_why_buf;
		return MB_ERR_INVALID;
	}
	rc = store_list_get(b->store, STORE_LIST_FIELDS, 0, &live, &nlive);
	if (rc == 0)
		rc = store_user_fields(b->store, user_id, &had, &nhad);
	for (i = 0; rc == 0 && i < n; i++) {
		for (j = 0; j < nlive && live[j].id != ids[i]; j++)
			;
		for (k = 0; k < nhad && had[k].id != ids[i]; k++)
			;
		if (j == nlive && k == nhad) {
			*why = _("is not on the list");
			rc = MB_ERR_INVALID;
		}
	}
	free(live);
	free(had);
	if (rc != 0)
		return rc;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_user_set_fields(b->store, user_id, ids, n);
	if (rc == 0)
		rc = profile_search_update(b, user_id);
	return profile_finish(b, rc);
}

int
profile_cv_put(struct board *b, int64_t user_id, const uint8_t *data,
    size_t len, const char **why)
{
	struct cv_info info;
	uint8_t *clean = NULL;
	size_t clean_len = 0;
	int rc;

	rc = cv_clean(data, len, &clean, &clean_len, &info, why);
	if (rc != 0) {
		log_info("user %lld: CV refused: %s", (long long)user_id, *why);
		return rc;
	}
	rc = store_cv_put(b->store, user_id, clean, clean_len, (int)info.width,
	    (int)info.height);
	free(clean);
	if (rc != 0) {
		*why = _("the board could not store it; try again");
		return rc;
	}
	log_info("user %lld: CV stored (%ux%u, %zu bytes)", (long long)user_id,
	    info.width, info.height, clean_len);
	store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	return 0;
}

int
profile_cv_remove(struct board *b, int64_t user_id, const char **why)
{
	int rc = store_cv_delete(b->store, user_id);

	if (rc == MB_ERR_NOTFOUND)
		*why = _("you have no CV on file");
	else if (rc != 0)
		*why = _("the board could not remove it; try again");
	else {
		log_info("user %lld removed the CV", (long long)user_id);
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	}
	return rc;
}
