/*
 * search: finding mentors.  Anyone may search, guests too; what a result
 * shows of a mentor is the display name ("Anna K."), fields of study, the
 * areas they mentor in and whether they take new mentees; members also see
 * how the mentor can help, industry, position, languages and free places.
 * Surnames, e-mail addresses and user names are never searched and never
 * returned.
 *
 * What a person types is untrusted: it is cut into words of letters and
 * digits, and each becomes a quoted prefix term of an FTS5 query, so
 * quotes, stars, NEAR(, AND, SQL and control characters are searched for as
 * text (or are mere separators), never run.
 */
#ifndef MB_SEARCH_H
#define MB_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define SEARCH_QUERY_MAX 200 /* characters of typed search text */
#define SEARCH_TERMS_MAX 8 /* words of it that count */
#define SEARCH_TERM_MAX 64 /* bytes of one word */
#define SEARCH_LIMIT_DEFAULT 20
#define SEARCH_LIMIT_MAX 100
#define SEARCH_OFFSET_MAX 10000 /* the furthest one pages into the results */
#define SEARCH_FTS_MAX 2048 /* bytes of the FTS5 expression built */
#define SUGGEST_COUNT 3
#define SUGGEST_CANDIDATES_MAX 400 /* mentors scored for suggestions */
#define GOAL_WORDS_MAX 12 /* words of a mentee's goals compared */

struct search_query {
	const char *text; /* as typed; may be NULL */
	int64_t area_id; /* 0: any */
	int64_t field_id; /* 0: any */
	const char *industry; /* words that must be in the industry */
	const char *language; /* words that must be in the languages */
	int available_only;
	int limit; /* 0: SEARCH_LIMIT_DEFAULT */
	int offset; /* results to skip: 0 for the first page */
};

/* A mentor as a search shows them.  Strings are owned by the hit. */
struct search_hit {
	int64_t id; /* an id to ask for the details with */
	char display_name[DISPLAY_NAME_MAX];
	char *fields; /* "Physics, Law" */
	char *areas; /* the areas they mentor in */
	int available; /* takes new mentees */
	/* For members only (NULL for guests): */
	char *help_text;
	char *industry;
	char *position;
	char *languages;
	int free_places;
};

struct search_result {
	struct search_hit *hits;
	size_t n;
	size_t offset; /* hits[0] is result offset + 1 of total */
	size_t total; /* how many match */
	int more; /* total is a lower bound: "more than" */
};

/*
 * Build the FTS5 expression for typed text and the industry and language
 * filters into out (SEARCH_FTS_MAX bytes): "" when there is nothing to
 * match.  Returns 0, or MB_ERR_INVALID with *why when the text is too long
 * or not UTF-8.
 */
int search_build_match(const char *text, const char *industry,
    const char *language, char *out, size_t size, const char **why);

/*
 * Run a search as viewer: the page of q->limit results from q->offset on
 * (past the last result, none).  Results are ranked by relevance when few
 * enough match, else (and when nothing was typed) newest first, the same
 * order on every page; the fields of a mentor's profile privacy_may_see
 * does not show viewer are left NULL.  Free with search_result_free.
 * Returns 0, MB_ERR_INVALID with *why (also for an offset past
 * SEARCH_OFFSET_MAX), or MB_ERR_DB.
 */
int search_run(struct board *b, const struct viewer *viewer,
    const struct search_query *q, struct search_result *out, const char **why);

/*
 * One mentor's details, for those privacy_may_see lets see a mentor's
 * profile: MB_ERR_DENIED for others, MB_ERR_NOTFOUND if not listed.
 */
int search_detail(struct board *b, const struct viewer *viewer, int64_t id,
    struct search_hit *out);

/*
 * Where the page of r stands, for people: "101-200 of 399 mentors", "601-700
 * of more than 700 mentors", "1 mentor" (translated), into out (size
 * bytes).
 */
void search_page_text(const struct search_result *r, char *out, size_t size);

/* Free the strings of h and zero it; h itself stays the caller's. */
void search_hit_free(struct search_hit *h);

/* Free every hit of r and their array, and zero r; a zeroed r is allowed. */
void search_result_free(struct search_result *r);

/* ---- Suggestions ----------------------------------------------------------
 *
 * The score of a mentor for a mentee, from 0 to 100:
 *   50  if the mentor mentors in an area where the mentee looks for help,
 *   25  if they share a field of study,
 *   25  times the share of the mentee's goal words (words of four letters
 *       or more from "My goal(s)" and "What kind of help do I wish for",
 *       common words left out, at most GOAL_WORDS_MAX) that appear in the
 *       mentor's own words (how I can help, industry, position), counting
 *       three or more as all.
 * Reasons name each part that scored.
 */
struct suggest_input {
	int shared_area; /* 0 or 1 */
	int shared_field; /* 0 or 1 */
	int goal_words; /* goal words the mentee has */
	int goal_hits; /* of them, found in the mentor's text */
};

/* The score as above. */
int search_score(const struct suggest_input *in);

struct suggestion {
	struct search_hit hit;
	int score;
	char reasons[512];
};

/*
 * The best SUGGEST_COUNT available mentors for viewer as a mentee (not
 * themselves), scored among up to SUGGEST_CANDIDATES_MAX who have the
 * goal words and as many who share an area: *n may be less when fewer
 * fit, 0 if the member is mentee nowhere.  MB_ERR_DENIED for a guest or
 * a member who has not confirmed the address.
 * Free each with search_hit_free.
 */
int search_suggest(struct board *b, const struct viewer *viewer,
    struct suggestion out[SUGGEST_COUNT], size_t *n);

/*
 * The words of text worth matching (four letters or more, folded as the
 * search folds them (fold.h), common words left out), at most max, each at most
 * SEARCH_TERM_MAX bytes, into words[]; returns how many.
 */
size_t search_goal_words(
    const char *text, char words[][SEARCH_TERM_MAX], size_t max);

#endif
