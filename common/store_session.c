/* store_session: who is connected, and the one-time identity hand-over. */
#include "error.h"
#include "log.h"
#include "store_internal.h"

int
store_session_add(struct store *st, const uint8_t *token_hash, size_t hash_len,
    int64_t user_id, const char *remote_addr, pid_t pid, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO session (token_hash, user_id, remote_addr, pid, "
	    "started_at) VALUES (?, ?, ?, ?, ?)",
	    "butii", token_hash, hash_len, user_id, remote_addr, (int64_t)pid,
	    store_now());
	if (rc != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* A struct store_session from id, user_id, remote_addr, pid, started_at. */
static void
store_session_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_session *out = ctx;

	out->id = sqlite3_column_int64(stmt, 0);
	out->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, out->remote_addr, sizeof(out->remote_addr));
	out->pid = (pid_t)sqlite3_column_int64(stmt, 3);
	out->started_at = sqlite3_column_int64(stmt, 4);
}

int
store_session_claim(struct store *st, const uint8_t *token_hash,
    size_t hash_len, struct store_session *out)
{
	return store_row(st, __func__,
	    "UPDATE session SET claimed = 1 WHERE token_hash = ? AND "
	    "claimed = 0 RETURNING id, coalesce(user_id, 0), remote_addr, "
	    "pid, started_at",
	    store_session_fill, out, "b", token_hash, hash_len);
}

int
store_session_remove(struct store *st, int64_t id)
{
	return store_run(
	    st, __func__, "DELETE FROM session WHERE id = ?", "i", id);
}

int
store_session_remove_all(struct store *st)
{
	return store_run(st, __func__, "DELETE FROM session", "");
}

int
store_session_count(struct store *st, int64_t *count)
{
	return store_ints(
	    st, __func__, "SELECT count(*) FROM session", count, 1, "");
}

int
store_session_kicked(struct store *st, int64_t id, char *out, size_t size)
{
	struct store_text_out k = { out, size };

	out[0] = '\0';
	return store_row(st, __func__,
	    "SELECT coalesce(kicked, '') FROM session WHERE id = ?",
	    store_text_fill, &k, "i", id);
}

/* A struct store_online from the columns of store_session_online. */
static void
store_online_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_online *o = elem;

	o->session_id = sqlite3_column_int64(stmt, 0);
	o->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, o->username, sizeof(o->username));
	store_column_copy(stmt, 3, o->first_name, sizeof(o->first_name));
	store_column_copy(stmt, 4, o->last_name, sizeof(o->last_name));
	store_column_copy(stmt, 5, o->remote_addr, sizeof(o->remote_addr));
	o->started_at = sqlite3_column_int64(stmt, 6);
	o->active_at = sqlite3_column_int64(stmt, 7);
}

int
store_session_online(
    struct store *st, int64_t user_id, struct store_online **rows, size_t *n)
{
	return store_rows(st, __func__,
	    "SELECT s.id, coalesce(s.user_id, 0), coalesce(u.username, ''), "
	    "coalesce(u.first_name, ''), coalesce(u.last_name, ''), "
	    "s.remote_addr, s.started_at, coalesce(s.active_at, s.started_at) "
	    "FROM session s LEFT JOIN user u ON u.id = s.user_id "
	    "WHERE s.claimed = 1 AND (?1 = 0 OR s.user_id = ?1) "
	    "ORDER BY coalesce(s.active_at, s.started_at) DESC, s.id",
	    sizeof(**rows), store_online_fill, NULL, (void **)rows, n, "i",
	    user_id);
}

int
store_session_active(struct store *st, int64_t id)
{
	return store_run(st, __func__,
	    "UPDATE session SET active_at = ? WHERE id = ?", "ii", store_now(),
	    id);
}

/* The member of a kicked session. */
static void
store_kick_fill(sqlite3_stmt *stmt, void *ctx)
{
	*(int64_t *)ctx = sqlite3_column_int64(stmt, 0);
}

int
store_session_kick(
    struct store *st, int64_t id, const char *why, int64_t *user_id)
{
	*user_id = 0;
	return store_row(st, __func__,
	    "UPDATE session SET kicked = ? WHERE id = ? AND claimed = 1 "
	    "RETURNING coalesce(user_id, 0)",
	    store_kick_fill, user_id, "ti", why, id);
}
