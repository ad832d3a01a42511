/* search: queries from typed text, results as others may see them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "error.h"
#include "fold.h"
#include "i18n.h"
#include "log.h"
#include "privacy.h"
#include "search.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* Common words that say nothing about what help is wanted. */
static const char *const search_stopwords[] = {
	"about",
	"after",
	"also",
	"and",
	"because",
	"been",
	"being",
	"could",
	"from",
	"have",
	"into",
	"just",
	"like",
	"more",
	"most",
	"much",
	"need",
	"only",
	"other",
	"over",
	"some",
	"such",
	"than",
	"that",
	"their",
	"them",
	"then",
	"there",
	"these",
	"they",
	"this",
	"want",
	"were",
	"what",
	"when",
	"where",
	"which",
	"while",
	"will",
	"with",
	"would",
	"your",
	"aber",
	"auch",
	"dass",
	"eine",
	"einen",
	"einem",
	"einer",
	"haben",
	"habe",
	"moechte",
	"nach",
	"noch",
	"oder",
	"sein",
	"sich",
	"sind",
	"ueber",
	"und",
	"unter",
	"viel",
	"weil",
	"wenn",
	"werden",
	"wird",
	"zum",
	"zur",
};

/*
 * Cut text into words of letters and digits; call fn for each (UTF-8,
 * at most SEARCH_TERM_MAX bytes, cut at a character).  Stops after max
 * words.  Returns the number of words, or -1 if text is not UTF-8.
 */
static int
search_words(const char *text, size_t max,
    void (*fn)(void *ctx, const char *word, size_t chars), void *ctx)
{
	char word[SEARCH_TERM_MAX + 1];
	size_t len = strlen(text), i = 0, w = 0, chars = 0, count = 0;
	uint32_t cp;
	int n;

	while (i <= len && count < max) {
		n = i < len ? text_utf8_decode(text + i, len - i, &cp) : 1;
		if (n < 0)
			return -1;
		if (i < len && text_is_alnum(cp)) {
			char enc[4];
			int k = text_utf8_encode(cp, enc);
			if (w + (size_t)k <= SEARCH_TERM_MAX) {
				memcpy(word + w, enc, (size_t)k);
				w += (size_t)k;
				chars++;
			}
		} else if (w > 0) {
			word[w] = '\0';
			fn(ctx, word, chars);
			count++;
			w = chars = 0;
		}
		i += (size_t)n;
	}
	return (int)count;
}

struct search_builder {
	char *out;
	size_t size, len;
	const char *column; /* NULL: every column */
	int overflow;
};

/* Append a quoted prefix term ("word"*) to the expression. */
static void
search_add_term(void *ctx, const char *word, size_t chars)
{
	struct search_builder *sb = ctx;
	int n;

	(void)chars;
	/* Words hold letters and digits only: no quote can be in them. */
	n = snprintf(sb->out + sb->len, sb->size - sb->len, "%s%s%s\"%s\"*",
	    sb->len > 0 ? " " : "", sb->column != NULL ? sb->column : "",
	    sb->column != NULL ? " : " : "", word);
	if (n < 0 || (size_t)n >= sb->size - sb->len) {
		sb->overflow = 1;
		sb->out[sb->len] = '\0';
		return;
	}
	sb->len += (size_t)n;
}

int
search_build_match(const char *text, const char *industry, const char *language,
    char *out, size_t size, const char **why)
{
	struct search_builder sb = { out, size, 0, NULL, 0 };
	const char *parts[3] = { text, industry, language };
	const char *columns[3] = { NULL, "industry", "languages" };
	char *folded = NULL;
	long chars;
	size_t i;

	out[0] = '\0';
	for (i = 0; i < nitems(parts); i++) {
		if (parts[i] == NULL)
			continue;
		chars = text_utf8_length(parts[i]);
		if (chars < 0) {
			*why = _("the search text is not valid UTF-8");
			return MB_ERR_INVALID;
		}
		if (chars > SEARCH_QUERY_MAX) {
			*why = _("the search text is too long");
			return MB_ERR_INVALID;
		}
		/* Folded as the index is: "Sören" is "soeren" on both. */
		folded = fold_search(parts[i], 0);
		sb.column = columns[i];
		if (folded == NULL ||
		    search_words(
			folded, SEARCH_TERMS_MAX, search_add_term, &sb) < 0) {
			free(folded);
			*why = _("the search text is not valid UTF-8");
			return MB_ERR_INVALID;
		}
		free(folded);
	}
	if (sb.overflow) {
		*why = _("the search text is too long");
		return MB_ERR_INVALID;
	}
	return 0;
}

void
search_hit_free(struct search_hit *h)
{
	free(h->fields);
	free(h->areas);
	free(h->help_text);
	free(h->industry);
	free(h->position);
	free(h->languages);
	memset(h, 0, sizeof(*h));
}

void
search_result_free(struct search_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		search_hit_free(&r->hits[i]);
	free(r->hits);
	memset(r, 0, sizeof(*r));
}

/*
 * Make a hit of a store row, taking its strings.  The surname is used for
 * its initial and goes no further; guests get no member-only fields.
 */
static void
search_hit_from_row(
    struct store_mentor_row *r, int member, struct search_hit *h)
{
	memset(h, 0, sizeof(*h));
	h->id = r->id;
	if (text_display_name(r->first_name, r->last_name, h->display_name,
		sizeof(h->display_name)) != 0)
		(void)strlcpy_checked(
		    h->display_name, r->first_name, sizeof(h->display_name));
	h->fields = r->fields;
	h->areas = r->areas;
	h->available = r->available && r->free_places > 0;
	r->fields = r->areas = NULL;
	if (member) {
		h->help_text = r->help_text;
		h->industry = r->industry;
		h->position = r->position;
		h->languages = r->languages;
		h->free_places = r->available ? r->free_places : 0;
		r->help_text = r->industry = r->position = r->languages = NULL;
	}
	explicit_bzero(r->last_name, sizeof(r->last_name));
}

int
search_run(struct board *b, const struct viewer *viewer,
    const struct search_query *q, struct search_result *out, const char **why)
{
	char match[SEARCH_FTS_MAX];
	struct store_search_filter f;
	struct store_mentor_row *rows = NULL;
	size_t n = 0, i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (q->offset < 0 || q->offset > SEARCH_OFFSET_MAX) {
		*why = _("the search cannot page that far");
		return MB_ERR_INVALID;
	}
	rc = search_build_match(
	    q->text, q->industry, q->language, match, sizeof(match), why);
	if (rc != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	f.match = match;
	f.area_id = q->area_id;
	f.field_id = q->field_id;
	f.available_only = q->available_only;
	f.limit = q->limit > 0 ? q->limit : SEARCH_LIMIT_DEFAULT;
	if (f.limit > SEARCH_LIMIT_MAX)
		f.limit = SEARCH_LIMIT_MAX;
	f.offset = q->offset;
	rc = store_search_query(b->store, &f, &rows, &n, &out->total);
	if (rc != 0) {
		*why = _("the search failed; please try again");
		return rc;
	}
	out->hits = xcalloc(n + 1, sizeof(*out->hits));
	for (i = 0; i < n; i++)
		search_hit_from_row(&rows[i],
		    privacy_may_see(
			b, viewer, rows[i].id, PRIVACY_MENTOR_PROFILE),
		    &out->hits[i]);
	out->n = n;
	out->offset = (size_t)q->offset;
	/* The store counts no further than it must. */
	out->more = out->total > store_search_counted(&f);
	if (out->more)
		out->total = store_search_counted(&f);
	store_mentor_rows_free(rows, n);
	return 0;
}

void
search_page_text(const struct search_result *r, char *out, size_t size)
{
	size_t first = r->offset + 1, last = r->offset + r->n;

	if (r->n == 0 || (r->offset == 0 && r->n == r->total && !r->more))
		(void)snprintf(out, size,
		    r->more	      ? _("more than %zu mentors") :
			r->total == 1 ? _("%zu mentor") :
					_("%zu mentors"),
		    r->total);
	else if (r->more)
		(void)snprintf(out, size, _("%zu-%zu of more than %zu mentors"),
		    first, last, r->total);
	else
		(void)snprintf(out, size, _("%zu-%zu of %zu mentors"), first,
		    last, r->total);
}

int
search_detail(struct board *b, const struct viewer *viewer, int64_t id,
    struct search_hit *out)
{
	struct store_mentor_row row;
	int rc;

	if (!privacy_may_see(b, viewer, id, PRIVACY_MENTOR_PROFILE))
		return MB_ERR_DENIED;
	rc = store_search_get(b->store, id, &row);
	if (rc != 0)
		return rc;
	/* The hit takes every string of the row. */
	search_hit_from_row(&row, 1, out);
	return 0;
}

/* ---- Suggestions --------------------------------------------------------- */

int
search_score(const struct suggest_input *in)
{
	int hits = in->goal_hits > 3 ? 3 : in->goal_hits;
	int words = in->goal_words > 3 ? 3 : in->goal_words;
	int score = 0;

	if (in->shared_area)
		score += 50;
	if (in->shared_field)
		score += 25;
	/* Three goal words found count as all of them. */
	if (words > 0)
		score += 25 * hits / words;
	return score > 100 ? 100 : score;
}

struct goal_words {
	char (*words)[SEARCH_TERM_MAX];
	size_t n, max;
};

/* Lower-case a word (UTF-8 in, UTF-8 out, same buffer size). */
static void
search_lower(const char *in, char *out, size_t size)
{
	size_t len = strlen(in), i = 0, o = 0;
	uint32_t cp;
	char enc[4];
	int n, k;

	while (i < len) {
		n = text_utf8_decode(in + i, len - i, &cp);
		if (n < 0)
			break;
		k = text_utf8_encode(text_to_lower(cp), enc);
		if (o + (size_t)k + 1 > size)
			break;
		memcpy(out + o, enc, (size_t)k);
		o += (size_t)k;
		i += (size_t)n;
	}
	out[o] = '\0';
}

/*
 * One word of a mentee's goal text: kept, in lower case, if it has four
 * letters or more, is not a common word nor there already, and there is
 * room.
 */
static void
search_add_goal(void *ctx, const char *word, size_t chars)
{
	struct goal_words *g = ctx;
	char lower[SEARCH_TERM_MAX];
	size_t i;

	if (chars < 4 || g->n == g->max)
		return;
	search_lower(word, lower, sizeof(lower));
	for (i = 0; i < nitems(search_stopwords); i++) {
		if (strcmp(lower, search_stopwords[i]) == 0)
			return;
	}
	for (i = 0; i < g->n; i++) {
		if (strcmp(lower, g->words[i]) == 0)
			return;
	}
	(void)strlcpy_checked(g->words[g->n++], lower, SEARCH_TERM_MAX);
}

size_t
search_goal_words(const char *text, char words[][SEARCH_TERM_MAX], size_t max)
{
	struct goal_words g = { words, 0, max };
	char *folded = fold_search(text, 0);

	/* Many words may be skipped: look at plenty of them. */
	if (folded != NULL)
		(void)search_words(folded, 64 * max, search_add_goal, &g);
	free(folded);
	return g.n;
}

/* How many of the goal words are in the mentor's text. */
static int
search_goal_hits(const struct search_hit *h, char words[][SEARCH_TERM_MAX],
    size_t n, char *found, size_t size)
{
	char *all = NULL, *lower = NULL;
	size_t i;
	int hits = 0;

	/* The mentor's own words: areas and fields score on their own. */
	all = xasprintf("%s %s %s", h->help_text, h->industry, h->position);
	/* Folded as the goal words are. */
	lower = fold_search(all, 0);
	if (lower == NULL)
		lower = xstrdup("");
	found[0] = '\0';
	for (i = 0; i < n; i++) {
		if (strstr(lower, words[i]) == NULL)
			continue;
		hits++;
		if (strlen(found) + strlen(words[i]) + 3 < size) {
			if (found[0] != '\0')
				(void)strncat(
				    found, ", ", size - strlen(found) - 1);
			(void)strncat(
			    found, words[i], size - strlen(found) - 1);
		}
	}
	free(all);
	free(lower);
	return hits;
}

/* The first of the mentee's mentee areas the mentor mentors in. */
static const char *
search_shared_area(
    const struct store_role_row *roles, size_t n, const char *mentor_areas)
{
	size_t i, len;
	const char *p = NULL;

	for (i = 0; i < n; i++) {
		if (!roles[i].mentee)
			continue;
		len = strlen(roles[i].area);
		/* The areas text is "A, B, C": match whole entries. */
		for (p = strstr(mentor_areas, roles[i].area); p != NULL;
		     p = strstr(p + 1, roles[i].area)) {
			if ((p == mentor_areas || p[-1] == ' ') &&
			    (p[len] == '\0' || p[len] == ','))
				return roles[i].area;
		}
	}
	return NULL;
}

/* For qsort: the best score first. */
static int
search_cmp_suggestion(const void *a, const void *b)
{
	const struct suggestion *x = a, *y = b;

	return y->score - x->score;
}

/* Score a candidate row into *s, which takes the row's strings. */
static void
search_suggestion_of(struct store_mentor_row *r, int shared_field,
    const struct store_role_row *roles, size_t nroles,
    char words[][SEARCH_TERM_MAX], size_t nwords, struct suggestion *s)
{
	struct suggest_input in;
	const char *area = NULL;
	char found[256];

	search_hit_from_row(r, 1, &s->hit);
	area = search_shared_area(roles, nroles, s->hit.areas);
	memset(&in, 0, sizeof(in));
	in.shared_area = area != NULL;
	in.shared_field = shared_field;
	in.goal_words = (int)nwords;
	in.goal_hits =
	    search_goal_hits(&s->hit, words, nwords, found, sizeof(found));
	s->score = search_score(&in);
	(void)snprintf(s->reasons, sizeof(s->reasons), "%s%s%s%s%s%s%s",
	    area != NULL ? _("mentors in ") : "", area != NULL ? area : "",
	    shared_field ? (area != NULL ? "; " : "") : "",
	    shared_field ? _("a field of study in common") : "",
	    found[0] != '\0' ? "; " : "",
	    found[0] != '\0' ? _("your goals: ") : "", found);
}

/* Is mentor id among the first n of out already? */
static int
search_suggested(const struct suggestion *out, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (out[i].hit.id == id)
			return 1;
	}
	return 0;
}

int
search_suggest(struct board *b, const struct viewer *viewer,
    struct suggestion out[SUGGEST_COUNT], size_t *n)
{
	int64_t mentee = privacy_member(viewer);
	char words[GOAL_WORDS_MAX][SEARCH_TERM_MAX], match[SEARCH_FTS_MAX];
	struct store_role_row *roles = NULL;
	struct store_mentor_row *rows = NULL;
	struct store_application app;
	struct suggestion *all = NULL;
	size_t nroles = 0, nwords = 0, nrows = 0, nall = 0, i, o = 0;
	int *shared = NULL, mentee_areas = 0, pass, rc;
	char *goals = NULL;

	*n = 0;
	/* Suggestions show mentors' profiles: for confirmed members. */
	if (mentee == 0)
		return MB_ERR_DENIED;
	rc = store_roles_get(b->store, mentee, &roles, &nroles);
	if (rc != 0)
		return rc;
	for (i = 0; i < nroles; i++)
		mentee_areas += roles[i].mentee;
	if (mentee_areas == 0)
		goto out;
	rc = store_application_get(b->store, mentee, &app);
	if (rc != 0)
		goto out;
	goals = xasprintf("%s %s", app.text[STORE_SECTION_GOALS],
	    app.text[STORE_SECTION_HELP]);
	store_application_free(&app);
	nwords = search_goal_words(goals, words, GOAL_WORDS_MAX);
	free(goals);
	/* The goal words as an FTS5 expression: any of them, as prefixes. */
	match[0] = '\0';
	for (i = 0; i < nwords; i++) {
		size_t len = strlen(match);
		(void)snprintf(match + len, sizeof(match) - len, "%s\"%s\"*",
		    i > 0 ? " OR " : "", words[i]);
	}
	/*
	 * The mentors whose text has the goal words (by relevance), then all
	 * who share an area (newest first), each scored: one who shares area
	 * and field but none of the words can still come first.  A mentor in
	 * both sets is scored twice, the same, and suggested once.
	 */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0 && match[0] == '\0')
			continue;
		rc = store_search_candidates(b->store, mentee,
		    pass == 0 ? match : "", SUGGEST_CANDIDATES_MAX, &rows,
		    &shared, &nrows);
		if (rc != 0) {
			for (i = 0; i < nall; i++)
				search_hit_free(&all[i].hit);
			goto out;
		}
		all = xreallocarray(all, nall + nrows + 1, sizeof(*all));
		for (i = 0; i < nrows; i++)
			search_suggestion_of(&rows[i], shared[i], roles, nroles,
			    words, nwords, &all[nall++]);
		store_mentor_rows_free(rows, nrows);
		free(shared);
		rows = NULL;
		shared = NULL;
		nrows = 0;
	}
	if (all != NULL)
		qsort(all, nall, sizeof(*all), search_cmp_suggestion);
	for (i = 0; i < nall; i++) {
		if (o < SUGGEST_COUNT &&
		    !search_suggested(out, o, all[i].hit.id))
			out[o++] = all[i];
		else
			search_hit_free(&all[i].hit);
	}
	*n = o;
out:
	store_mentor_rows_free(rows, nrows);
	free(shared);
	free(all);
	free(roles);
	return rc;
}
