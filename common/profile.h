/*
 * profile: the rules of a member's profile.  Roles per area of help (mentor,
 * mentee, both), the mentor profile, the four sections of a mentee's
 * application, fields of study and the CV.  Each change and the search
 * index it affects are written in one transaction.
 */
#ifndef MB_PROFILE_H
#define MB_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define HELP_TEXT_MAX 2000 /* characters of "how I can help" */
#define INDUSTRY_MAX 80
#define POSITION_MAX 100
#define LANGUAGES_MAX 120
#define CAPACITY_MAX 10 /* mentees at once */
#define SECTION_MAX 4000 /* characters of an application section */

enum profile_mentor_field {
	PROFILE_HELP_TEXT,
	PROFILE_INDUSTRY,
	PROFILE_POSITION,
	PROFILE_LANGUAGES,
	PROFILE_CAPACITY,
	PROFILE_NFIELDS,
};

struct profile_errors {
	const char *why[PROFILE_NFIELDS];
};

/* The English title of an application section (translate with _()). */
const char *profile_section_title(enum store_section s);

/* The word commands and JSON use for a section ("my-data", "goals"). */
const char *profile_section_word(enum store_section s);

/* The section a word names; 0, or MB_ERR_INVALID for no section. */
int profile_section_parse(const char *word, enum store_section *out);

/*
 * Take or give up a role in an area.  A retired area can be given up, not
 * taken.  Returns 0, MB_ERR_NOTFOUND (no such area) or MB_ERR_DENIED
 * (retired), with *why.
 */
int profile_role_set(struct board *b, int64_t user_id, int64_t area_id,
    enum store_role role, int on, const char **why);

/*
 * Save a mentor profile after checking every field; MB_ERR_INVALID with
 * reasons in e if one is bad (nothing saved).
 */
int profile_mentor_save(struct board *b, int64_t user_id,
    const struct store_mentor *m, struct profile_errors *e);

/*
 * Bring the member's row in the mentor search up to date (after a change
 * elsewhere: verification, a renamed area).  Returns 0 or MB_ERR_*.
 */
int profile_search_refresh(struct board *b, int64_t user_id);

/*
 * The same inside the caller's transaction (a change of free places, of
 * roles), marking news for the member.  Returns 0 or MB_ERR_*.
 */
int profile_search_update(struct board *b, int64_t user_id);

/* Is the mentor profile filled in enough to appear in the search? */
int profile_mentor_complete(const struct store_mentor *m);

/* Save one application section; MB_ERR_INVALID with *why if refused. */
int profile_section_save(struct board *b, int64_t user_id, enum store_section s,
    const char *text, const char **why);

/*
 * Replace the member's fields of study.  Ids must be live fields, except
 * retired ones the member already had, which may stay.  MB_ERR_INVALID
 * with *why if refused.
 */
int profile_fields_save(struct board *b, int64_t user_id, const int64_t *ids,
    size_t n, const char **why);

/*
 * Check an uploaded CV (cv_clean) and store the cleaned copy in place of
 * the old one.  On a refusal returns MB_ERR_INVALID or MB_ERR_LIMIT with
 * the reason in *why, and the previous CV stays.
 */
int profile_cv_put(struct board *b, int64_t user_id, const uint8_t *data,
    size_t len, const char **why);

/*
 * Remove the member's CV.  Returns 0, MB_ERR_NOTFOUND when there is none,
 * or another MB_ERR_* code, with a translated *why on failure.
 */
int profile_cv_remove(struct board *b, int64_t user_id, const char **why);

#endif
