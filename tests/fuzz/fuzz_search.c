/*
 * Fuzz target: the search query builder.  What anyone (a guest too) types
 * as search text, industry and languages becomes an FTS5 expression
 * (search_build_match); here it is run against an FTS5 table of the
 * schema's shape in an in-memory SQLite database.  Besides memory errors
 * it aborts when a promise breaks: an expression past SEARCH_FTS_MAX, one
 * FTS5 cannot parse (typed text acting as query syntax: a quote, a star,
 * NEAR, a column filter), more terms than SEARCH_TERMS_MAX per part, a
 * refusal without a reason.
 *
 * Input: the three parts separated by NUL bytes (text, industry,
 * languages); a part missing is NULL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "error.h"
#include "search.h"

#define FUZZ_SEARCH_MAX (4 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *fuzz_db;
static sqlite3_stmt *fuzz_stmt;

static void
fuzz_setup(void)
{
	if (sqlite3_open(":memory:", &fuzz_db) != SQLITE_OK ||
	    sqlite3_exec(fuzz_db,
		"CREATE VIRTUAL TABLE mentor_search USING fts5 ("
		"first_name, fields, areas, industry, position, help_text, "
		"languages, tags, tokenize = 'unicode61 remove_diacritics 2', "
		"prefix = '1 2 3');"
		"INSERT INTO mentor_search VALUES ('Anna', 'Physics', "
		"'Career entry', 'Banking', 'Analyst', 'I help', "
		"'German English', '');",
		NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(fuzz_db,
		"SELECT count(*) FROM mentor_search WHERE mentor_search "
		"MATCH ?1",
		-1, &fuzz_stmt, NULL) != SQLITE_OK)
		abort();
}

/* Terms in the expression: each a quoted string. */
static size_t
fuzz_count_terms(const char *expr)
{
	size_t n = 0;
	int quoted = 0;

	for (; *expr != '\0'; expr++) {
		if (*expr != '"')
			continue;
		if (quoted && expr[1] == '"') {
			expr++; /* a doubled quote inside a term */
			continue;
		}
		if (!quoted)
			n++;
		quoted = !quoted;
	}
	if (quoted)
		abort(); /* a term left open */
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[FUZZ_SEARCH_MAX + 1], out[SEARCH_FTS_MAX];
	const char *parts[3] = { NULL, NULL, NULL }, *why = NULL;
	size_t i, start = 0, nparts = 0;
	int rc;

	if (size > FUZZ_SEARCH_MAX)
		return 0;
	if (fuzz_db == NULL)
		fuzz_setup();
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (i = 0; i <= size && nparts < 3; i++) {
		if (buf[i] == '\0') {
			parts[nparts++] = buf + start;
			start = i + 1;
		}
	}
	memset(out, 'x', sizeof(out));
	rc = search_build_match(
	    parts[0], parts[1], parts[2], out, sizeof(out), &why);
	if (rc != 0) {
		if (rc != MB_ERR_INVALID || why == NULL)
			abort();
		return 0;
	}
	if (memchr(out, '\0', sizeof(out)) == NULL)
		abort();
	if (fuzz_count_terms(out) > 3 * SEARCH_TERMS_MAX)
		abort();
	if (out[0] == '\0')
		return 0;
	/* FTS5 takes it as a query of terms, whatever was typed. */
	if (sqlite3_bind_text(fuzz_stmt, 1, out, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		abort();
	rc = sqlite3_step(fuzz_stmt);
	if (rc != SQLITE_ROW)
		abort();
	if (sqlite3_reset(fuzz_stmt) != SQLITE_OK ||
	    sqlite3_clear_bindings(fuzz_stmt) != SQLITE_OK)
		abort();
	return 0;
}
