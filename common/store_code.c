/* store_code: codes sent by mail, stored as keyed hashes. */
#include "error.h"
#include "log.h"
#include "store_internal.h"

static const char *const code_purposes[] = { "verify", "reset" };

int
store_code_add(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, const uint8_t *hash, size_t hash_len,
    int64_t ttl, const char *sent_to)
{
	sqlite3_stmt *stmt = NULL;
	int64_t now = store_now();
	int rc;

	/* Only the newest code of a purpose works. */
	stmt = store_prepare(st,
	    "UPDATE code SET used_at = ? WHERE user_id = ? AND purpose = ? "
	    "AND used_at IS NULL");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "iit", now, user_id, code_purposes[purpose]);
	if (rc == 0)
		rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	stmt = store_prepare(st,
	    "INSERT INTO code (user_id, purpose, code_hash, created_at, "
	    "expires_at, sent_to) VALUES (?, ?, ?, ?, ?, ?)");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "itbiit", user_id, code_purposes[purpose],
	    hash, hash_len, now, now + ttl, sent_to);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

/* Count a wrong try against the user's live code of purpose. */
static int
store_code_wrong_try(
    struct store *st, int64_t user_id, enum store_code_purpose purpose)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "UPDATE code SET attempts = attempts + 1 WHERE user_id = ? AND "
	    "purpose = ? AND used_at IS NULL");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "it", user_id, code_purposes[purpose]);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_code_use(struct store *st, enum store_code_purpose purpose,
    const uint8_t *hash, size_t hash_len, int64_t only_user, int max_attempts,
    int64_t *user_id, char *sent_to, size_t size)
{
	sqlite3_stmt *stmt = NULL;
	int64_t id, owner, expires_at, now = store_now();
	int rc, attempts, used;

	stmt = store_prepare(st,
	    "SELECT id, user_id, expires_at, used_at IS NOT NULL, attempts, "
	    "sent_to FROM code WHERE code_hash = ? AND purpose = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "bt", hash, hash_len, code_purposes[purpose]);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		(void)sqlite3_reset(stmt);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, __func__);
		if (only_user != 0) {
			rc = store_code_wrong_try(st, only_user, purpose);
			if (rc != 0)
				return rc;
		}
		return MB_ERR_NOTFOUND;
	}
	id = sqlite3_column_int64(stmt, 0);
	owner = sqlite3_column_int64(stmt, 1);
	expires_at = sqlite3_column_int64(stmt, 2);
	used = sqlite3_column_int(stmt, 3);
	attempts = sqlite3_column_int(stmt, 4);
	if (sent_to != NULL)
		store_column_copy(stmt, 5, sent_to, size);
	(void)sqlite3_reset(stmt);
	if (only_user != 0 && owner != only_user) {
		rc = store_code_wrong_try(st, only_user, purpose);
		return rc != 0 ? rc : MB_ERR_NOTFOUND;
	}
	if (used || expires_at < now || attempts >= max_attempts)
		return MB_ERR_EXPIRED;
	stmt = store_prepare(st, "UPDATE code SET used_at = ? WHERE id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ii", now, id);
	if (rc == 0)
		rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	*user_id = owner;
	return 0;
}

int
store_code_sent(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, int64_t since, int *count,
    int64_t *last_at)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "SELECT count(*), coalesce(max(created_at), 0) FROM code "
	    "WHERE user_id = ? AND purpose = ? AND created_at >= ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc =
	    store_bind(st, stmt, "iti", user_id, code_purposes[purpose], since);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		(void)sqlite3_reset(stmt);
		return store_error(st, rc, __func__);
	}
	*count = sqlite3_column_int(stmt, 0);
	*last_at = sqlite3_column_int64(stmt, 1);
	(void)sqlite3_reset(stmt);
	return 0;
}

int
store_code_owner(struct store *st, enum store_code_purpose purpose,
    const uint8_t *hash, size_t hash_len, int max_attempts, int64_t *user_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "SELECT user_id, used_at IS NULL AND expires_at >= ? AND "
	    "attempts < ? FROM code WHERE code_hash = ? AND purpose = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "iibt", store_now(), (int64_t)max_attempts,
	    hash, hash_len, code_purposes[purpose]);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_column_int(stmt, 1) ? 0 : MB_ERR_EXPIRED;
		(void)sqlite3_reset(stmt);
		return rc;
	}
	(void)sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? MB_ERR_NOTFOUND :
				   store_error(st, rc, __func__);
}
