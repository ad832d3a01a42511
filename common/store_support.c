/* store_support: members' questions to the mentoring team, and replies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"
#include "util.h"

static const char *const store_support_states[STORE_SUPPORT_NSTATES] = {
	[STORE_SUPPORT_OPEN] = "open",
	[STORE_SUPPORT_ANSWERED] = "answered",
	[STORE_SUPPORT_CLOSED] = "closed",
};

const char *
store_support_state_word(enum store_support_state state)
{
	return (unsigned)state < STORE_SUPPORT_NSTATES ?
	    store_support_states[state] :
	    "?";
}

/* The state stored as word; open for a word this program does not know. */
static enum store_support_state
store_support_state_of(const unsigned char *word)
{
	int i;

	for (i = 0; word != NULL && i < STORE_SUPPORT_NSTATES; i++) {
		if (strcmp(store_support_states[i], (const char *)word) == 0)
			return (enum store_support_state)i;
	}
	return STORE_SUPPORT_OPEN;
}

int
store_support_thread_add(
    struct store *st, int64_t user_id, const char *subject, int64_t *id)
{
	int64_t now = store_now();
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO support_thread (user_id, subject, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?)",
	    "itii", user_id, subject, now, now);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int
store_support_message_add(struct store *st, int64_t thread_id,
    int64_t author_id, int from_team, const char *body)
{
	int64_t now = store_now();
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO support_message (thread_id, author_id, from_team, "
	    "body, at) VALUES (?, ?, ?, ?, ?)",
	    "iuiti", thread_id, author_id, (int64_t)(from_team != 0), body,
	    now);
	if (rc == 0)
		rc = store_run_found(st, __func__,
		    "UPDATE support_thread SET updated_at = ? WHERE id = ?",
		    "ii", now, thread_id);
	return rc;
}

int
store_support_set_state(
    struct store *st, int64_t id, enum store_support_state state)
{
	return store_run_found(st, __func__,
	    "UPDATE support_thread SET state = ?, updated_at = ? WHERE id = ?",
	    "tii", store_support_states[state], store_now(), id);
}

#define STORE_SUPPORT_COLUMNS                                             \
	"t.id, coalesce(t.user_id, 0), coalesce(u.username, ''), "        \
	"coalesce(u.first_name, ''), coalesce(u.last_name, ''), "         \
	"t.subject, t.state, t.created_at, t.updated_at, (SELECT "        \
	"count(*) FROM support_message m WHERE m.thread_id = t.id) FROM " \
	"support_thread t LEFT JOIN user u ON u.id = t.user_id "

static void
store_support_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_support_thread *t = elem;

	t->id = sqlite3_column_int64(stmt, 0);
	t->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, t->username, sizeof(t->username));
	store_column_copy(stmt, 3, t->first_name, sizeof(t->first_name));
	store_column_copy(stmt, 4, t->last_name, sizeof(t->last_name));
	store_column_copy(stmt, 5, t->subject, sizeof(t->subject));
	t->state = store_support_state_of(sqlite3_column_text(stmt, 6));
	t->created_at = sqlite3_column_int64(stmt, 7);
	t->updated_at = sqlite3_column_int64(stmt, 8);
	t->messages = sqlite3_column_int(stmt, 9);
}

int
store_support_thread_get(
    struct store *st, int64_t id, struct store_support_thread *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_SUPPORT_COLUMNS "WHERE t.id = ?",
	    store_support_fill, out, "i", id);
}

int
store_support_threads(struct store *st, int64_t user_id, int open_only,
    size_t max, struct store_support_thread **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	if (user_id != 0)
		rc = store_rows(st, __func__,
		    "SELECT " STORE_SUPPORT_COLUMNS
		    "WHERE t.user_id = ? AND (? = 0 OR t.state = 'open') "
		    "ORDER BY t.updated_at DESC, t.id DESC LIMIT ?",
		    sizeof(**rows), store_support_fill, NULL, &v, n, "iii",
		    user_id, (int64_t)open_only, (int64_t)max);
	else
		rc = store_rows(st, __func__,
		    "SELECT " STORE_SUPPORT_COLUMNS
		    "WHERE ? = 0 OR t.state = 'open' ORDER BY t.state != "
		    "'open', t.updated_at, t.id LIMIT ?",
		    sizeof(**rows), store_support_fill, NULL, &v, n, "ii",
		    (int64_t)open_only, (int64_t)max);
	*rows = v;
	return rc;
}

int
store_support_open_count(struct store *st, int64_t user_id, int *n)
{
	int64_t v = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM support_thread WHERE user_id = ? AND state = "
	    "'open'",
	    &v, 1, "i", user_id);
	*n = (int)v;
	return rc;
}

static void
store_support_message_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_support_message *m = elem;

	m->id = sqlite3_column_int64(stmt, 0);
	m->author_id = sqlite3_column_int64(stmt, 1);
	m->from_team = sqlite3_column_int(stmt, 2);
	store_column_copy(stmt, 3, m->author_first, sizeof(m->author_first));
	store_column_copy(stmt, 4, m->author_last, sizeof(m->author_last));
	m->body = store_column_strdup(stmt, 5);
	m->at = sqlite3_column_int64(stmt, 6);
}

static void
store_support_message_release(void *elem)
{
	struct store_support_message *m = elem;

	free(m->body);
	m->body = NULL;
}

void
store_support_messages_free(struct store_support_message *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_support_message_release(&rows[i]);
	free(rows);
}

int
store_support_messages(struct store *st, int64_t thread_id,
    struct store_support_message **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT m.id, coalesce(m.author_id, 0), m.from_team, "
	    "coalesce(u.first_name, ''), coalesce(u.last_name, ''), m.body, "
	    "m.at FROM support_message m LEFT JOIN user u ON u.id = "
	    "m.author_id WHERE m.thread_id = ? ORDER BY m.id",
	    sizeof(**rows), store_support_message_fill,
	    store_support_message_release, &v, n, "i", thread_id);
	*rows = v;
	return rc;
}
