/*
 * store_search: the mentor search.  An FTS5 table holds one row per listed
 * mentor (rowid = user id), written here whenever what it is made of
 * changes, inside the transaction of that change; queries never rebuild
 * it.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

int
store_search_set(struct store *st, int64_t user_id, int listed)
{
	int rc;

	rc = store_run(st, __func__,
	    "DELETE FROM mentor_search WHERE rowid = ?", "i", user_id);
	if (rc != 0 || !listed)
		return rc;
	/* The text is folded (fold.h) as typed words will be; the names of
	 * fields and areas in both languages.  The tags are the ones
	 * store_word_may_be_tag knows. */
	return store_run(st, __func__,
	    "INSERT INTO mentor_search (rowid, first_name, fields, areas, "
	    "industry, position, help_text, languages, tags) "
	    "SELECT u.id, search_fold(u.first_name), "
	    "search_fold((SELECT coalesce(group_concat(f.name || ' ' || "
	    "f.name_de, ', '), '') FROM user_field uf JOIN field_of_study f "
	    "ON f.id = uf.field_id WHERE uf.user_id = u.id)), "
	    "search_fold((SELECT coalesce(group_concat(a.name || ' ' || "
	    "a.name_de, ', '), '') FROM user_role r JOIN area a ON a.id = "
	    "r.area_id WHERE r.user_id = u.id AND r.role = 'mentor')), "
	    "search_fold(m.industry), search_fold(m.position), "
	    "search_fold(m.help_text), search_fold(m.languages), "
	    "(SELECT coalesce(group_concat('a' || r.area_id, ' '), '') FROM "
	    "user_role r WHERE r.user_id = u.id AND r.role = 'mentor') || ' ' "
	    "|| (SELECT coalesce(group_concat('f' || uf.field_id, ' '), '') "
	    "FROM user_field uf WHERE uf.user_id = u.id) || "
	    "CASE WHEN m.available = 1 AND m.capacity > (SELECT count(*) "
	    "FROM mentorship x WHERE x.mentor_id = u.id AND x.state IN "
	    "('connected', 'official')) THEN ' open' ELSE '' END "
	    "FROM user u JOIN mentor_profile m ON m.user_id = u.id "
	    "WHERE u.id = ?",
	    "i", user_id);
}

/* One row of a user id. */
static void
store_id_fill(sqlite3_stmt *stmt, void *elem)
{
	int64_t *id = elem;

	*id = sqlite3_column_int64(stmt, 0);
}

int
store_search_rewrite_all(struct store *st)
{
	int64_t *ids = NULL;
	void *v = NULL;
	size_t n = 0, i;
	int rc;

	rc = store_rows(st, __func__, "SELECT rowid FROM mentor_search",
	    sizeof(*ids), store_id_fill, NULL, &v, &n, "");
	ids = v;
	for (i = 0; rc == 0 && i < n; i++)
		rc = store_search_set(st, ids[i], 1);
	free(ids);
	return rc;
}

/* The places a mentor has free: capacity less their mentorships. */
#define MENTOR_FREE_PLACES                                               \
	"max(m.capacity - (SELECT count(*) FROM mentorship x WHERE "     \
	"x.mentor_id = u.id AND x.state IN ('connected', 'official')), " \
	"0)"

/*
 * A mentor's fields of study and areas of help, "Physics, Law", in the
 * language spoken (the index holds them folded, for matching only).
 */
#define MENTOR_FIELDS                                                          \
	"(SELECT coalesce(group_concat(local_name(f.name, f.name_de), ', '), " \
	"'') FROM user_field uf JOIN field_of_study f ON f.id = "              \
	"uf.field_id WHERE uf.user_id = u.id)"
#define MENTOR_AREAS                                                           \
	"(SELECT coalesce(group_concat(local_name(a.name, a.name_de), ', '), " \
	"'') FROM user_role r JOIN area a ON a.id = r.area_id WHERE "          \
	"r.user_id = u.id AND r.role = 'mentor')"

/* The columns every query below selects, in this order (u.id is the
 * search row's id). */
#define MENTOR_ROW_COLUMNS                                                  \
	"u.id, u.first_name, u.last_name, " MENTOR_FIELDS ", " MENTOR_AREAS \
	", m.available, " MENTOR_FREE_PLACES ", "                           \
	"m.help_text, m.industry, m.position, m.languages"

/* A struct store_mentor_row from a row of MENTOR_ROW_COLUMNS. */
static void
store_mentor_row_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_mentor_row *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, r->first_name, sizeof(r->first_name));
	store_column_copy(stmt, 2, r->last_name, sizeof(r->last_name));
	r->fields = store_column_strdup(stmt, 3);
	r->areas = store_column_strdup(stmt, 4);
	r->available = sqlite3_column_int(stmt, 5);
	r->free_places = sqlite3_column_int(stmt, 6);
	r->help_text = store_column_strdup(stmt, 7);
	r->industry = store_column_strdup(stmt, 8);
	r->position = store_column_strdup(stmt, 9);
	r->languages = store_column_strdup(stmt, 10);
}

static void store_mentor_row_release(void *elem);

void
store_mentor_rows_free(struct store_mentor_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_mentor_row_release(&rows[i]);
	free(rows);
}

void
store_mentor_row_free(struct store_mentor_row *r)
{
	store_mentor_row_release(r);
}

/*
 * Free one row's strings; also store_rows' release for the rows made before
 * a failure.
 */
static void
store_mentor_row_release(void *elem)
{
	struct store_mentor_row *r = elem;

	free(r->fields);
	free(r->areas);
	free(r->help_text);
	free(r->industry);
	free(r->position);
	free(r->languages);
}

/* The columns typed words are looked for in: all but tags. */
#define SEARCH_TEXT_COLUMNS \
	"{first_name fields areas industry position help_text languages}"

/*
 * Whether the word w (len bytes, a quoted term of an FTS5 expression) may
 * match the start of a tag: "a" or "f" and digits only, a beginning of
 * "open" (store_search_set writes the tags), or anything not ASCII, which
 * the tokenizer may fold into such letters.
 */
static int
store_word_may_be_tag(const char *w, size_t len)
{
	static const char open_tag[] = "open";
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)w[i] >= 0x80)
			return 1;
	if (len == 0)
		return 1;
	switch (w[0]) {
	case 'a':
	case 'A':
	case 'f':
	case 'F':
		for (i = 1; i < len; i++)
			if (w[i] < '0' || w[i] > '9')
				return 0;
		return 1;
	case 'o':
	case 'O':
		return len < sizeof(open_tag) &&
		    strncasecmp(w, open_tag, len) == 0;
	}
	return 0;
}

/*
 * Whether a word of the expression match may match a tag; also (to be
 * safe) when a quote is left open or doubled, which search_build_match
 * never writes.
 */
static int
store_match_may_hit_tags(const char *match)
{
	const char *p = match, *end = NULL;

	while ((p = strchr(p, '"')) != NULL) {
		end = strchr(p + 1, '"');
		if (end == NULL || end[1] == '"')
			return 1;
		if (store_word_may_be_tag(p + 1, (size_t)(end - p - 1)))
			return 1;
		p = end + 1;
	}
	return 0;
}

/*
 * The whole FTS5 expression into out: the typed words, then the filters'
 * tags, one phrase each; returns how many tags.  The
 * typed words are kept off the tags column by a column filter only when
 * one of them could reach a tag: a filter makes FTS5 read every match's
 * positions column by column, and bm25 count each word's rows the same
 * way, a fifth of a search's time; without one the matches and their
 * scores are the same (the tags' weight is 0).
 */
static int
store_search_expr(const struct store_search_filter *f, char *out, size_t size)
{
	size_t len = 0;
	int tags = 0;

	out[0] = '\0';
	if (f->match[0] != '\0' && store_match_may_hit_tags(f->match))
		len = (size_t)snprintf(
		    out, size, SEARCH_TEXT_COLUMNS " : (%s)", f->match);
	else if (f->match[0] != '\0')
		len = (size_t)snprintf(out, size, "(%s)", f->match);
	if (f->area_id > 0 && len < size) {
		len += (size_t)snprintf(out + len, size - len,
		    "%stags : \"a%lld\"", len > 0 ? " AND " : "",
		    (long long)f->area_id);
		tags++;
	}
	if (f->field_id > 0 && len < size) {
		len += (size_t)snprintf(out + len, size - len,
		    "%stags : \"f%lld\"", len > 0 ? " AND " : "",
		    (long long)f->field_id);
		tags++;
	}
	if (f->available_only && len < size) {
		(void)snprintf(out + len, size - len, "%stags : \"open\"",
		    len > 0 ? " AND " : "");
		tags++;
	}
	return tags;
}

/* The data of mentor_rank's query, computed at its first row. */
struct store_rank_data {
	int phrases; /* those scored: the typed words */
	double avgdl; /* tokens in a row on average */
	double *idf; /* per phrase */
	double *freq; /* per phrase, of the row scored */
};

/* xQueryPhrase's callback: one more row has the phrase. */
static int
store_rank_count(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	int64_t *rows = ctx;

	(void)api;
	(void)fts;
	(*rows)++;
	return SQLITE_OK;
}

/*
 * The query's store_rank_data, made at the first call and kept by FTS5 as
 * its aux data: the last tags phrases are not scored.  SQLITE_* on failure.
 */
static int
store_rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, int tags,
    struct store_rank_data **out)
{
	struct store_rank_data *d = NULL;
	sqlite3_int64 rows = 0, tokens = 0, hits;
	int phrases, i, rc;

	d = api->xGetAuxdata(fts, 0);
	if (d != NULL) {
		*out = d;
		return SQLITE_OK;
	}
	phrases = api->xPhraseCount(fts) - tags;
	if (phrases < 0)
		phrases = 0;
	d = sqlite3_malloc64(
	    sizeof(*d) + (sqlite3_uint64)phrases * 2 * sizeof(double));
	if (d == NULL)
		return SQLITE_NOMEM;
	memset(d, 0, sizeof(*d) + (size_t)phrases * 2 * sizeof(double));
	d->phrases = phrases;
	d->idf = (double *)(d + 1);
	d->freq = d->idf + phrases;
	rc = api->xRowCount(fts, &rows);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &tokens);
	if (rc == SQLITE_OK)
		d->avgdl = (double)tokens / (double)rows;
	for (i = 0; rc == SQLITE_OK && i < phrases; i++) {
		hits = 0;
		rc = api->xQueryPhrase(fts, i, &hits, store_rank_count);
		if (rc != SQLITE_OK)
			break;
		/* BM25's IDF, kept above 0 for a word in most rows. */
		d->idf[i] = log(
		    ((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
		if (d->idf[i] <= 0.0)
			d->idf[i] = 1e-6;
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, d, sqlite3_free);
	else
		sqlite3_free(d);
	if (rc != SQLITE_OK)
		return rc;
	*out = d;
	return SQLITE_OK;
}

/*
 * SQL's mentor_rank(mentor_search, tags, weight, ...): FTS5's bm25 (k1 1.2,
 * b 0.75, a weight per column, more negative is better), the same value to
 * the bit, except that the query's last tags phrases (the filters') are
 * not scored.  bm25 scores them too, but their column's weight is 0, so
 * they add exactly 0; what it costs is counting the rows of each, which
 * for "open" (most mentors) was half the ranking's time.
 */
static void
store_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int argc, sqlite3_value **argv)
{
	const double k1 = 1.2, b = 0.75;
	struct store_rank_data *d = NULL;
	double score = 0.0, weight, length;
	int rc, tags, n = 0, i, phrase, column, offset, tokens = 0;

	if (argc < 1) {
		sqlite3_result_error(ctx, "mentor_rank: tags missing", -1);
		return;
	}
	tags = sqlite3_value_int(argv[0]);
	rc = store_rank_data(api, fts, tags, &d);
	if (rc == SQLITE_OK) {
		memset(d->freq, 0, (size_t)d->phrases * sizeof(double));
		rc = api->xInstCount(fts, &n);
	}
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		rc = api->xInst(fts, i, &phrase, &column, &offset);
		if (rc != SQLITE_OK || phrase >= d->phrases)
			continue;
		weight = argc - 1 > column ?
		    sqlite3_value_double(argv[1 + column]) :
		    1.0;
		d->freq[phrase] += weight;
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &tokens);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	length = (double)tokens;
	/* The same operations in the same order as bm25's, for the same
	 * bits. */
	for (i = 0; i < d->phrases; i++)
		score += d->idf[i] *
		    ((d->freq[i] * (k1 + 1.0)) /
			(d->freq[i] + k1 * (1 - b + b * length / d->avgdl)));
	sqlite3_result_double(ctx, -1.0 * score);
}

int
store_search_register(sqlite3 *db)
{
	sqlite3_stmt *stmt = NULL;
	fts5_api *api = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", NULL);
	if (rc == SQLITE_OK && sqlite3_step(stmt) != SQLITE_ROW)
		rc = sqlite3_errcode(db);
	if (sqlite3_finalize(stmt) != SQLITE_OK && rc == SQLITE_OK)
		rc = sqlite3_errcode(db);
	if (rc != SQLITE_OK)
		return rc;
	if (api == NULL || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "mentor_rank", NULL, store_rank, NULL);
}

struct store_hit {
	int64_t id;
	double score;
};

/* Bytes of an id and its comma in a JSON array: "-9223372036854775808,". */
#define STORE_ID_JSON_MAX 21

/* A match's id and its bm25 score. */
static void
store_hit_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_hit *hit = elem;

	hit->id = sqlite3_column_int64(stmt, 0);
	hit->score = sqlite3_column_double(stmt, 1);
}

/*
 * For qsort: the best bm25 score (the lowest) first; on a tie, the newest
 * (the higher id).
 */
static int
store_hit_cmp(const void *a, const void *b)
{
	const struct store_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

/*
 * The rows of the page's n hits, in their order, as one statement: the ids
 * go in as a JSON array.  A hit whose user or profile is gone is left out.
 * *rows is the caller's (store_mentor_rows_free), NULL with *got 0 on
 * failure.
 */
static int
store_search_page(struct store *st, const struct store_hit *hits, size_t n,
    struct store_mentor_row **rows, size_t *got)
{
	char *ids = NULL;
	void *v = NULL;
	size_t size = n * STORE_ID_JSON_MAX + 3, len = 1, i;
	int rc;

	ids = xmalloc(size);
	ids[0] = '[';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(ids + len, size - len, "%s%lld",
		    i > 0 ? "," : "", (long long)hits[i].id);
	(void)snprintf(ids + len, size - len, "]");
	rc = store_rows(st, __func__,
	    "SELECT " MENTOR_ROW_COLUMNS " FROM json_each(?1) j JOIN user u ON "
	    "u.id = j.value JOIN mentor_profile m ON m.user_id = u.id ORDER BY "
	    "j.key",
	    sizeof(struct store_mentor_row), store_mentor_row_fill,
	    store_mentor_row_release, &v, got, "t", ids);
	free(ids);
	*rows = v;
	return rc;
}

size_t
store_search_counted(const struct store_search_filter *f)
{
	size_t end = (size_t)f->offset + (size_t)f->limit;

	return end > STORE_SEARCH_RANK_MAX ? end : STORE_SEARCH_RANK_MAX;
}

/*
 * One pass over the matches, newest first, with their bm25 score, up to
 * store_search_counted + 1 of them: a set of at most STORE_SEARCH_RANK_MAX
 * is ranked; a bigger one (a word of a letter or two) is shown newest
 * first, which costs nothing more.  Then only the page is read, from the
 * tables (not through the index again: its ids came from it in the same
 * read transaction, so they are listed).
 */
int
store_search_query(struct store *st, const struct store_search_filter *f,
    struct store_mentor_row **rows, size_t *n, size_t *total)
{
	char expr[STORE_SEARCH_EXPR_MAX];
	struct store_hit *hits = NULL;
	struct store_mentor_row *v = NULL;
	void *found = NULL;
	size_t nhits = 0, page, first, got = 0;
	int rc, opened, tags;

	assert(f->offset >= 0 && f->limit > 0);
	*rows = NULL;
	*n = 0;
	if (strlen(f->match) + 256 > sizeof(expr))
		return MB_ERR_INVALID;
	tags = store_search_expr(f, expr, sizeof(expr));
	opened = store_read_begin(st);
	/* bm25 (mentor_rank), column weights: areas and fields count most;
	 * tags none.  One more than is ranked, to know there are more. */
	rc = store_rows(st, __func__,
	    expr[0] != '\0' ?
		"SELECT rowid, mentor_rank(mentor_search, ?3, 2.0, 3.0, 3.0, "
		"2.0, 2.0, 1.0, 1.0, 0.0) FROM mentor_search WHERE "
		"mentor_search MATCH ?1 ORDER BY rowid DESC LIMIT ?2" :
		"SELECT rowid, 0.0 FROM mentor_search WHERE ?1 = '' AND ?3 >= "
		"0 ORDER BY rowid DESC LIMIT ?2",
	    sizeof(*hits), store_hit_fill, NULL, &found, &nhits, "tii", expr,
	    (int64_t)store_search_counted(f) + 1, (int64_t)tags);
	hits = found;
	if (rc != 0) {
		store_read_end(st, opened);
		return rc;
	}
	*total = nhits;
	if (expr[0] != '\0' && nhits > 1 && nhits <= STORE_SEARCH_RANK_MAX)
		qsort(hits, nhits, sizeof(*hits), store_hit_cmp);
	first = nhits < (size_t)f->offset ? nhits : (size_t)f->offset;
	page =
	    nhits - first < (size_t)f->limit ? nhits - first : (size_t)f->limit;
	if (page > 0)
		rc = store_search_page(st, hits + first, page, &v, &got);
	free(hits);
	store_read_end(st, opened);
	if (rc != 0)
		return rc;
	*rows = v;
	*n = got;
	return 0;
}

int
store_search_get(struct store *st, int64_t id, struct store_mentor_row *out)
{
	return store_row(st, __func__,
	    "SELECT " MENTOR_ROW_COLUMNS " " MENTOR_ROW_FROM
	    "WHERE s.rowid = ?",
	    store_mentor_row_fill, out, "i", id);
}

/*
 * A candidate as the statement returns it: the row first, so that
 * store_mentor_row_release releases it too.
 */
struct store_candidate {
	struct store_mentor_row row;
	int shared_field;
};

/*
 * A candidate: the mentor row, then in column 11 whether they share a field
 * of study with the mentee.
 */
static void
store_candidate_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_candidate *c = elem;

	store_mentor_row_fill(stmt, &c->row);
	c->shared_field = sqlite3_column_int(stmt, 11);
}

int
store_search_candidates(struct store *st, int64_t mentee, const char *match,
    int limit, struct store_mentor_row **rows, int **shared_field, size_t *n)
{
	struct store_candidate *c = NULL;
	void *v = NULL;
	size_t count = 0, i;
	int rc;

	*rows = NULL;
	*shared_field = NULL;
	*n = 0;
#define CANDIDATE_SQL(where, order)                                              \
	"SELECT " MENTOR_ROW_COLUMNS ", EXISTS (SELECT 1 FROM user_field "       \
	"a JOIN user_field b ON a.field_id = b.field_id WHERE "                  \
	"a.user_id = s.rowid AND b.user_id = ?1) " MENTOR_ROW_FROM               \
	"WHERE " where                                                           \
	" s.rowid != ?1 AND m.available = 1 AND " MENTOR_FREE_PLACES             \
	" > 0 AND EXISTS (SELECT 1 FROM user_role r JOIN "                       \
	"user_role e ON e.area_id = r.area_id WHERE r.user_id = s.rowid "        \
	"AND r.role = 'mentor' AND e.user_id = ?1 AND e.role = 'mentee') " order \
	" LIMIT ?2"
	rc = store_rows(st, __func__,
	    match[0] != '\0' ? CANDIDATE_SQL("mentor_search MATCH ?3 AND",
				   "ORDER BY bm25(mentor_search)") :
			       CANDIDATE_SQL("?3 = '' AND", ""),
	    sizeof(*c), store_candidate_fill, store_mentor_row_release, &v,
	    &count, "iit", mentee, (int64_t)limit, match);
#undef CANDIDATE_SQL
	c = v;
	if (rc != 0 || count == 0)
		return rc;
	*rows = xcalloc(count, sizeof(**rows));
	*shared_field = xcalloc(count, sizeof(**shared_field));
	for (i = 0; i < count; i++) {
		(*rows)[i] = c[i].row;
		(*shared_field)[i] = c[i].shared_field;
	}
	free(c);
	*n = count;
	return 0;
}

/* store_search_scan's rows are only counted. */
static int
store_count_row(sqlite3_stmt *stmt, void *ctx)
{
	size_t *n = ctx;

	(void)stmt; /* only counted */
	(*n)++;
	return 0;
}

int
store_search_scan(struct store *st, const char *const *words, size_t nwords,
    const struct store_search_filter *f, size_t *n)
{
	char *like[STORE_SEARCH_SCAN_WORDS] = { NULL };
	size_t i;
	int rc;

	*n = 0;
	if (nwords > STORE_SEARCH_SCAN_WORDS)
		return MB_ERR_INVALID;
	/* A word not typed matches any text. */
	for (i = 0; i < STORE_SEARCH_SCAN_WORDS; i++)
		like[i] =
		    i < nwords ? xasprintf("%%%s%%", words[i]) : xstrdup("%");
	rc = store_each(st, __func__,
	    "SELECT id, first_name FROM (SELECT u.id, u.first_name, "
	    "m.available, u.first_name || ' ' || m.help_text || ' ' || "
	    "m.industry || ' ' || m.position || ' ' || m.languages || ' ' || "
	    "coalesce((SELECT group_concat(f.name) FROM user_field uf JOIN "
	    "field_of_study f ON f.id = uf.field_id WHERE uf.user_id = u.id), "
	    "'') || ' ' || coalesce((SELECT group_concat(a.name) FROM "
	    "user_role r JOIN area a ON a.id = r.area_id WHERE r.user_id = "
	    "u.id AND r.role = 'mentor'), '') AS t FROM user u JOIN "
	    "mentor_profile m ON m.user_id = u.id) WHERE t LIKE ?1 AND t LIKE "
	    "?2 AND t LIKE ?3 AND (?4 = 0 OR EXISTS (SELECT 1 FROM user_role r "
	    "WHERE r.user_id = id AND r.area_id = ?4 AND r.role = 'mentor')) "
	    "AND (?5 = 0 OR EXISTS (SELECT 1 FROM user_field uf WHERE "
	    "uf.user_id = id AND uf.field_id = ?5)) AND (?6 = 0 OR available "
	    "= 1) ORDER BY first_name LIMIT ?7",
	    store_count_row, n, "tttiiii", like[0], like[1], like[2],
	    f->area_id, f->field_id, (int64_t)f->available_only,
	    (int64_t)f->limit);
	for (i = 0; i < STORE_SEARCH_SCAN_WORDS; i++)
		free(like[i]);
	if (rc != 0)
		*n = 0;
	return rc;
}
