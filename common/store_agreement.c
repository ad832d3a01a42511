/* store_agreement: the mentoring agreement's draft, versions and
 * comments, feedback as a mentorship ends, and certificates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"
#include "util.h"

#define STORE_AGREEMENT_COLUMNS \
	"goals, rhythm, duration, confidentiality, communication, other"

void
store_agreement_text_free(struct store_agreement_text *t)
{
	int i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
		free(t->section[i]);
		t->section[i] = NULL;
	}
}

/* The sections from column first on. */
static void
store_agreement_text_fill(
    sqlite3_stmt *stmt, int first, struct store_agreement_text *t)
{
	int i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
		t->section[i] = store_column_strdup(stmt, first + i);
}

/* Where store_agreement_draft_get puts the row. */
struct store_draft {
	struct store_agreement_text *text;
	int64_t updated_at;
};

static void
store_draft_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_draft *d = ctx;

	store_agreement_text_fill(stmt, 0, d->text);
	d->updated_at = sqlite3_column_int64(stmt, STORE_AGREEMENT_NSECTIONS);
}

int
store_agreement_draft_get(struct store *st, int64_t mentorship_id,
    struct store_agreement_text *out, int64_t *updated_at)
{
	struct store_draft d = { out, 0 };
	int rc, i;

	memset(out, 0, sizeof(*out));
	rc = store_row(st, __func__,
	    "SELECT " STORE_AGREEMENT_COLUMNS ", updated_at FROM "
	    "agreement_draft WHERE mentorship_id = ?",
	    store_draft_fill, &d, "i", mentorship_id);
	if (rc == MB_ERR_NOTFOUND) {
		for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
			out->section[i] = xstrdup("");
		rc = 0;
	}
	if (rc != 0)
		store_agreement_text_free(out);
	*updated_at = d.updated_at;
	return rc;
}

/* One statement a section: statements are cached by their text's
 * address, so each is a string of its own. */
#define STORE_DRAFT_SET(column)                                                 \
	"INSERT INTO agreement_draft (mentorship_id, " column ", updated_at) "  \
	"VALUES (?1, ?2, ?3) ON CONFLICT (mentorship_id) DO UPDATE SET " column \
	" = ?2, updated_at = ?3"

int
store_agreement_draft_set(struct store *st, int64_t mentorship_id,
    enum store_agreement_section section, const char *text)
{
	static const char *const sql[STORE_AGREEMENT_NSECTIONS] = {
		STORE_DRAFT_SET("goals"),
		STORE_DRAFT_SET("rhythm"),
		STORE_DRAFT_SET("duration"),
		STORE_DRAFT_SET("confidentiality"),
		STORE_DRAFT_SET("communication"),
		STORE_DRAFT_SET("other"),
	};

	return store_run(st, __func__, sql[section], "iti", mentorship_id, text,
	    store_now());
}

static void
store_version_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_agreement_version *v = elem;

	v->mentorship_id = sqlite3_column_int64(stmt, 0);
	v->number = sqlite3_column_int(stmt, 1);
	v->author_id = sqlite3_column_int64(stmt, 2);
	store_agreement_text_fill(stmt, 3, &v->text);
	store_column_copy(stmt, 9, v->sha256, sizeof(v->sha256));
	store_column_copy(stmt, 10, v->state, sizeof(v->state));
	v->submitted_at = sqlite3_column_int64(stmt, 11);
	v->decided_at = sqlite3_column_int64(stmt, 12);
}

static void
store_version_release(void *elem)
{
	struct store_agreement_version *v = elem;

	store_agreement_text_free(&v->text);
}

void
store_agreement_versions_free(struct store_agreement_version *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_version_release(&rows[i]);
	free(rows);
}

int
store_agreement_version_add(struct store *st, int64_t mentorship_id,
    int64_t author_id, const struct store_agreement_text *text,
    const char *sha256, int *number)
{
	int64_t next = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT coalesce(max(number), 0) + 1 FROM agreement_version WHERE "
	    "mentorship_id = ?",
	    &next, 1, "i", mentorship_id);
	if (rc == 0)
		rc = store_run(st, __func__,
		    "UPDATE agreement_version SET state = 'superseded', "
		    "decided_at = ? WHERE mentorship_id = ? AND state = "
		    "'pending'",
		    "ii", store_now(), mentorship_id);
	if (rc == 0)
		rc = store_run(st, __func__,
		    "INSERT INTO agreement_version (mentorship_id, number, "
		    "author_id, " STORE_AGREEMENT_COLUMNS ", sha256, "
		    "submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "iiuttttttti", mentorship_id, next, author_id,
		    text->section[0], text->section[1], text->section[2],
		    text->section[3], text->section[4], text->section[5],
		    sha256, store_now());
	if (rc == 0)
		*number = (int)next;
	return rc;
}

int
store_agreement_versions(struct store *st, int64_t mentorship_id,
    struct store_agreement_version **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT mentorship_id, number, coalesce(author_id, 0), " STORE_AGREEMENT_COLUMNS
	    ", sha256, state, submitted_at, "
	    "coalesce(decided_at, 0) FROM agreement_version WHERE "
	    "mentorship_id = ? ORDER BY number",
	    sizeof(**rows), store_version_fill, store_version_release, &v, n,
	    "i", mentorship_id);
	*rows = v;
	return rc;
}

int
store_agreement_decide(
    struct store *st, int64_t mentorship_id, int number, const char *state)
{
	return store_run_found(st, __func__,
	    "UPDATE agreement_version SET state = ?1, decided_at = ?2 WHERE "
	    "mentorship_id = ?3 AND number = ?4 AND state = 'pending' AND "
	    "number = (SELECT max(number) FROM agreement_version WHERE "
	    "mentorship_id = ?3)",
	    "tiii", state, store_now(), mentorship_id, (int64_t)number);
}

int
store_agreement_comment_add(struct store *st, int64_t mentorship_id,
    int version, int64_t author_id, const char *body)
{
	return store_run(st, __func__,
	    "INSERT INTO agreement_comment (mentorship_id, version, "
	    "author_id, body, at) VALUES (?, ?, ?, ?, ?)",
	    "iiuti", mentorship_id, (int64_t)version, author_id, body,
	    store_now());
}

static void
store_comment_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_agreement_comment *c = elem;

	c->version = sqlite3_column_int(stmt, 0);
	c->author_id = sqlite3_column_int64(stmt, 1);
	c->body = store_column_strdup(stmt, 2);
	c->at = sqlite3_column_int64(stmt, 3);
}

static void
store_comment_release(void *elem)
{
	struct store_agreement_comment *c = elem;

	free(c->body);
	c->body = NULL;
}

int
store_agreement_comments(struct store *st, int64_t mentorship_id,
    struct store_agreement_comment **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT version, coalesce(author_id, 0), body, at FROM "
	    "agreement_comment WHERE mentorship_id = ? ORDER BY id",
	    sizeof(**rows), store_comment_fill, store_comment_release, &v, n,
	    "i", mentorship_id);
	*rows = v;
	return rc;
}

void
store_agreement_comments_free(struct store_agreement_comment *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_comment_release(&rows[i]);
	free(rows);
}

int
store_feedback_add(struct store *st, int64_t mentorship_id, int64_t author_id,
    const char *role, const char *body)
{
	return store_run(st, __func__,
	    "INSERT INTO mentorship_feedback (mentorship_id, author_id, role, "
	    "body, at) VALUES (?, ?, ?, ?, ?)",
	    "iutti", mentorship_id, author_id, role, body, store_now());
}

int
store_certificate_add(
    struct store *st, const struct store_certificate *c, const char *code)
{
	return store_run(st, __func__,
	    "INSERT INTO certificate (mentorship_id, user_id, role, code, "
	    "full_name, mentor_display, mentee_display, area, started_at, "
	    "official_since, ended_at, version, sha256, issued_at) VALUES (?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "iuttttttiuiuti", c->mentorship_id, c->user_id, c->role, code,
	    c->full_name, c->mentor_display, c->mentee_display, c->area,
	    c->started_at, c->official_since, c->ended_at, (int64_t)c->version,
	    c->sha256[0] != '\0' ? c->sha256 : NULL, c->issued_at);
}

#define STORE_CERTIFICATE_COLUMNS                                       \
	"mentorship_id, coalesce(user_id, 0), role, full_name, "        \
	"mentor_display, mentee_display, area, started_at, "            \
	"coalesce(official_since, 0), ended_at, coalesce(version, 0), " \
	"coalesce(sha256, ''), issued_at, code FROM certificate "

static void
store_certificate_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_certificate *c = ctx;

	c->mentorship_id = sqlite3_column_int64(stmt, 0);
	c->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, c->role, sizeof(c->role));
	store_column_copy(stmt, 3, c->full_name, sizeof(c->full_name));
	store_column_copy(
	    stmt, 4, c->mentor_display, sizeof(c->mentor_display));
	store_column_copy(
	    stmt, 5, c->mentee_display, sizeof(c->mentee_display));
	store_column_copy(stmt, 6, c->area, sizeof(c->area));
	c->started_at = sqlite3_column_int64(stmt, 7);
	c->official_since = sqlite3_column_int64(stmt, 8);
	c->ended_at = sqlite3_column_int64(stmt, 9);
	c->version = sqlite3_column_int(stmt, 10);
	store_column_copy(stmt, 11, c->sha256, sizeof(c->sha256));
	c->issued_at = sqlite3_column_int64(stmt, 12);
	store_column_copy(stmt, 13, c->code, sizeof(c->code));
}

int
store_certificate_get(struct store *st, int64_t mentorship_id, int64_t user_id,
    struct store_certificate *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_CERTIFICATE_COLUMNS
	    "WHERE mentorship_id = ? AND user_id = ?",
	    store_certificate_fill, out, "ii", mentorship_id, user_id);
}

int
store_certificate_find(
    struct store *st, const char *code, struct store_certificate *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_CERTIFICATE_COLUMNS "WHERE code = ?",
	    store_certificate_fill, out, "t", code);
}
