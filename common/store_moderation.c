/*
 * store_moderation: what the team does about people: bans (columns of
 * user), blocks between members, and reports of a person or a chat line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"
#include "util.h"

/* ---- Bans ----------------------------------------------------------------- */

int
store_user_set_ban(struct store *st, int64_t id, int64_t at, const char *reason)
{
	/* at 0 binds NULL: not banned. */
	return store_run_found(st, __func__,
	    "UPDATE user SET banned_at = ?, ban_reason = ? WHERE id = ?", "uti",
	    at, at != 0 && reason != NULL ? reason : "", id);
}

/* A banned member: who, since when, why. */
static void
store_banned_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_user *u = elem;

	u->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, u->username, sizeof(u->username));
	store_column_copy(stmt, 2, u->first_name, sizeof(u->first_name));
	store_column_copy(stmt, 3, u->last_name, sizeof(u->last_name));
	store_column_copy(stmt, 4, u->email, sizeof(u->email));
	u->banned_at = sqlite3_column_int64(stmt, 5);
	store_column_copy(stmt, 6, u->ban_reason, sizeof(u->ban_reason));
	u->is_sysop = sqlite3_column_int(stmt, 7);
}

int
store_user_banned(
    struct store *st, size_t max, struct store_user **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT id, username, first_name, last_name, email, banned_at, "
	    "ban_reason, is_sysop FROM user WHERE banned_at IS NOT NULL "
	    "ORDER BY banned_at DESC, id DESC LIMIT ?",
	    sizeof(**rows), store_banned_fill, NULL, &v, n, "i", (int64_t)max);
	*rows = v;
	return rc;
}

struct store_id_list {
	int64_t *ids;
	size_t max;
	size_t n;
};

static int
store_id_list_add(sqlite3_stmt *stmt, void *ctx)
{
	struct store_id_list *l = ctx;

	if (l->n == l->max)
		return 1; /* enough */
	l->ids[l->n++] = sqlite3_column_int64(stmt, 0);
	return 0;
}

int
store_sysop_ids(struct store *st, int64_t *ids, size_t max, size_t *n)
{
	struct store_id_list l = { ids, max, 0 };
	int rc;

	rc = store_each(st, __func__,
	    "SELECT id FROM user WHERE is_sysop = 1 AND verified = 1 AND "
	    "banned_at IS NULL ORDER BY id",
	    store_id_list_add, &l, "");
	*n = l.n;
	return rc == 1 ? 0 : rc;
}

/* ---- Blocks --------------------------------------------------------------- */

int
store_block_add(struct store *st, int64_t user_id, int64_t blocked_id)
{
	return store_run(st, __func__,
	    "INSERT INTO block (user_id, blocked_id, created_at) VALUES (?, ?, "
	    "?)",
	    "iii", user_id, blocked_id, store_now());
}

int
store_block_remove(struct store *st, int64_t user_id, int64_t blocked_id)
{
	return store_run_found(st, __func__,
	    "DELETE FROM block WHERE user_id = ? AND blocked_id = ?", "ii",
	    user_id, blocked_id);
}

int
store_block_exists(
    struct store *st, int64_t user_id, int64_t blocked_id, int *blocked)
{
	int64_t v = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM block WHERE user_id = ? AND blocked_id = ?",
	    &v, 1, "ii", user_id, blocked_id);
	*blocked = rc == 0 && v > 0;
	return rc;
}

int
store_block_count(struct store *st, int64_t user_id, int *n)
{
	int64_t v = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM block WHERE user_id = ?", &v, 1, "i",
	    user_id);
	*n = (int)v;
	return rc;
}

int
store_user_ties(struct store *st, int64_t user_id, int64_t person_id,
    struct store_ties *out)
{
	int64_t v[4] = { 0, 0, 0, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	/* Each part asks by key, so an account that is not there costs the
	 * same lookups as one that is. */
	rc = store_ints(st, __func__,
	    "SELECT EXISTS (SELECT 1 FROM user WHERE id = ?2), "
	    "EXISTS (SELECT 1 FROM mentorship WHERE (mentee_id = ?1 AND "
	    "mentor_id = ?2) OR (mentee_id = ?2 AND mentor_id = ?1)), "
	    "EXISTS (SELECT 1 " MENTOR_ROW_FROM "WHERE s.rowid = ?2), "
	    "EXISTS (SELECT 1 FROM block WHERE user_id = ?1 AND blocked_id = "
	    "?2)",
	    v, nitems(v), "ii", user_id, person_id);
	if (rc != 0)
		return rc;
	out->exists = v[0] != 0;
	out->requested = v[1] != 0;
	out->listed = v[2] != 0;
	out->blocked = v[3] != 0;
	return 0;
}

static void
store_block_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_block *b = elem;

	b->blocked_id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, b->first_name, sizeof(b->first_name));
	store_column_copy(stmt, 2, b->last_name, sizeof(b->last_name));
	b->created_at = sqlite3_column_int64(stmt, 3);
}

int
store_block_list(
    struct store *st, int64_t user_id, struct store_block **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT b.blocked_id, u.first_name, u.last_name, b.created_at "
	    "FROM block b JOIN user u ON u.id = b.blocked_id WHERE "
	    "b.user_id = ? ORDER BY b.created_at DESC, b.blocked_id",
	    sizeof(**rows), store_block_fill, NULL, &v, n, "i", user_id);
	*rows = v;
	return rc;
}

/* ---- Reports -------------------------------------------------------------- */

static const char *const store_report_states[STORE_REPORT_NSTATES] = {
	[STORE_REPORT_OPEN] = "open",
	[STORE_REPORT_WARNED] = "warned",
	[STORE_REPORT_BANNED] = "banned",
	[STORE_REPORT_DISMISSED] = "dismissed",
};

const char *
store_report_state_word(enum store_report_state state)
{
	return (unsigned)state < STORE_REPORT_NSTATES ?
	    store_report_states[state] :
	    "?";
}

/* The state stored as word; open for a word this program does not know. */
static enum store_report_state
store_report_state_of(const unsigned char *word)
{
	int i;

	for (i = 0; word != NULL && i < STORE_REPORT_NSTATES; i++) {
		if (strcmp(store_report_states[i], (const char *)word) == 0)
			return (enum store_report_state)i;
	}
	return STORE_REPORT_OPEN;
}

int
store_report_add(struct store *st, int64_t reporter_id, int64_t subject_id,
    int64_t chat_line_id, const char *reason, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO report (reporter_id, subject_id, chat_line_id, "
	    "reason, created_at) VALUES (?, ?, ?, ?, ?)",
	    "iiuti", reporter_id, subject_id, chat_line_id, reason,
	    store_now());
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

#define STORE_REPORT_COLUMNS                                                  \
	"r.id, coalesce(r.reporter_id, 0), coalesce(a.username, ''), "        \
	"coalesce(a.first_name, ''), coalesce(a.last_name, ''), "             \
	"coalesce(r.subject_id, 0), coalesce(s.username, ''), "               \
	"coalesce(s.first_name, ''), coalesce(s.last_name, ''), "             \
	"coalesce(r.chat_line_id, 0), coalesce(c.mentorship_id, 0), "         \
	"r.reason, r.state, r.created_at, coalesce(r.decided_at, 0), "        \
	"coalesce(r.decided_by, 0) FROM report r LEFT JOIN user a ON a.id = " \
	"r.reporter_id LEFT JOIN user s ON s.id = r.subject_id LEFT JOIN "    \
	"chat_line c ON c.id = r.chat_line_id "

static void
store_report_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_report *r = elem;

	r->id = sqlite3_column_int64(stmt, 0);
	r->reporter_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(
	    stmt, 2, r->reporter_username, sizeof(r->reporter_username));
	store_column_copy(
	    stmt, 3, r->reporter_first, sizeof(r->reporter_first));
	store_column_copy(stmt, 4, r->reporter_last, sizeof(r->reporter_last));
	r->subject_id = sqlite3_column_int64(stmt, 5);
	store_column_copy(
	    stmt, 6, r->subject_username, sizeof(r->subject_username));
	store_column_copy(stmt, 7, r->subject_first, sizeof(r->subject_first));
	store_column_copy(stmt, 8, r->subject_last, sizeof(r->subject_last));
	r->chat_line_id = sqlite3_column_int64(stmt, 9);
	r->mentorship_id = sqlite3_column_int64(stmt, 10);
	r->reason = store_column_strdup(stmt, 11);
	r->state = store_report_state_of(sqlite3_column_text(stmt, 12));
	r->created_at = sqlite3_column_int64(stmt, 13);
	r->decided_at = sqlite3_column_int64(stmt, 14);
	r->decided_by = sqlite3_column_int64(stmt, 15);
}

void
store_report_free(struct store_report *r)
{
	free(r->reason);
	r->reason = NULL;
}

static void
store_report_release(void *elem)
{
	store_report_free(elem);
}

void
store_report_rows_free(struct store_report *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_report_free(&rows[i]);
	free(rows);
}

int
store_report_get(struct store *st, int64_t id, struct store_report *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_REPORT_COLUMNS "WHERE r.id = ?", store_report_fill,
	    out, "i", id);
}

int
store_report_list(struct store *st, int open_only, size_t max,
    struct store_report **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT " STORE_REPORT_COLUMNS
	    "WHERE ? = 0 OR r.state = 'open' ORDER BY r.id LIMIT ?",
	    sizeof(**rows), store_report_fill, store_report_release, &v, n,
	    "ii", (int64_t)open_only, (int64_t)max);
	*rows = v;
	return rc;
}

int
store_report_decide(struct store *st, int64_t id, enum store_report_state state,
    int64_t decided_by)
{
	return store_run_found(st, __func__,
	    "UPDATE report SET state = ?, decided_at = ?, decided_by = ? WHERE "
	    "id = ? AND state = 'open'",
	    "tiui", store_report_states[state], store_now(), decided_by, id);
}

int
store_report_count_since(
    struct store *st, int64_t reporter_id, int64_t since, int *n)
{
	int64_t v = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM report WHERE reporter_id = ? AND created_at "
	    ">= ?",
	    &v, 1, "ii", reporter_id, since);
	*n = (int)v;
	return rc;
}

/* ---- Chat lines, for reports ---------------------------------------------- */

/* A row of STORE_CHAT_LINE_COLUMNS, as store_chat.c reads its lines. */
static void
store_line_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_chat_line *l = elem;

	l->id = sqlite3_column_int64(stmt, 0);
	l->mentorship_id = sqlite3_column_int64(stmt, 1);
	l->author_id = sqlite3_column_int64(stmt, 2);
	store_column_copy(stmt, 3, l->author_first, sizeof(l->author_first));
	store_column_copy(stmt, 4, l->author_last, sizeof(l->author_last));
	l->meeting_id = sqlite3_column_int64(stmt, 5);
	l->meeting = sqlite3_column_int(stmt, 6);
	l->body = store_column_strdup(stmt, 7);
	l->at = sqlite3_column_int64(stmt, 8);
}

static void
store_line_release(void *elem)
{
	struct store_chat_line *l = elem;

	free(l->body);
	l->body = NULL;
}

#define STORE_CHAT_LINE_COLUMNS                                        \
	"c.id, c.mentorship_id, coalesce(c.author_id, 0), "            \
	"coalesce(u.first_name, ''), coalesce(u.last_name, ''), "      \
	"coalesce(c.meeting_id, 0), c.kind = 'meeting', c.body, c.at " \
	"FROM chat_line c LEFT JOIN user u ON u.id = c.author_id "

int
store_chat_line_get(struct store *st, int64_t id, struct store_chat_line *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_row(st, __func__,
	    "SELECT " STORE_CHAT_LINE_COLUMNS "WHERE c.id = ?", store_line_fill,
	    out, "i", id);
	return rc == 0 && out->body == NULL ? MB_ERR_NOMEM : rc;
}

int
store_chat_around(struct store *st, int64_t mentorship_id, int64_t id,
    int around, struct store_chat_line **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	/* The line, the around before it and the around after it. */
	rc = store_rows(st, __func__,
	    "SELECT * FROM (SELECT " STORE_CHAT_LINE_COLUMNS
	    "WHERE c.mentorship_id = ?1 AND c.id < ?2 ORDER BY c.id DESC "
	    "LIMIT ?3) UNION ALL SELECT * FROM (SELECT " STORE_CHAT_LINE_COLUMNS
	    "WHERE c.mentorship_id = ?1 AND c.id >= ?2 ORDER BY c.id LIMIT ?3 "
	    "+ 1) ORDER BY 1",
	    sizeof(**rows), store_line_fill, store_line_release, &v, n, "iii",
	    mentorship_id, id, (int64_t)around);
	*rows = v;
	return rc;
}
