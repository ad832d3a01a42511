/* store_session: who is connected, and the one-time identity hand-over. */
#include "error.h"
#include "log.h"
#include "store_internal.h"

int
store_session_add(struct store *st, const uint8_t *token_hash, size_t hash_len,
    int64_t user_id, const char *remote_addr, pid_t pid, int64_t *id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "INSERT INTO session (token_hash, user_id, remote_addr, pid, "
	    "started_at) VALUES (?, ?, ?, ?, ?)");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "butii", token_hash, hash_len, user_id,
	    remote_addr, (int64_t)pid, store_now());
	if (rc != 0)
		return rc;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_session_claim(struct store *st, const uint8_t *token_hash,
    size_t hash_len, struct store_session *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "UPDATE session SET claimed = 1 WHERE token_hash = ? AND "
	    "claimed = 0 RETURNING id, coalesce(user_id, 0), remote_addr, "
	    "pid, started_at");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "b", token_hash, hash_len);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE) {
		(void)sqlite3_reset(stmt);
		return MB_ERR_NOTFOUND;
	}
	if (rc != SQLITE_ROW) {
		rc = store_error(st, rc, __func__);
		(void)sqlite3_reset(stmt);
		return rc;
	}
	out->id = sqlite3_column_int64(stmt, 0);
	out->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, out->remote_addr, sizeof(out->remote_addr));
	out->pid = (pid_t)sqlite3_column_int64(stmt, 3);
	out->started_at = sqlite3_column_int64(stmt, 4);
	/* Finish the statement so the update commits. */
	return store_exec_stmt(st, stmt, __func__);
}

int
store_session_remove(struct store *st, int64_t id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, "DELETE FROM session WHERE id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", id);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_session_remove_all(struct store *st)
{
	sqlite3_stmt *stmt = NULL;

	stmt = store_prepare(st, "DELETE FROM session");
	if (stmt == NULL)
		return MB_ERR_DB;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_session_count(struct store *st, int64_t *count)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, "SELECT count(*) FROM session");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return store_error(st, rc, __func__);
	*count = sqlite3_column_int64(stmt, 0);
	(void)sqlite3_reset(stmt);
	return 0;
}
