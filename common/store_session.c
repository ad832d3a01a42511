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

/* Where a text column goes. */
struct store_text_out {
	char *out;
	size_t size;
};

static void
store_text_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_text_out *k = ctx;

	store_column_copy(stmt, 0, k->out, k->size);
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
