/* store_key: members' SSH public keys. */
#include <stdlib.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

int
store_key_add(struct store *st, int64_t user_id, const char *type,
    const char *base64, const char *fingerprint, const char *comment)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "INSERT INTO ssh_key (user_id, key_type, key_base64, fingerprint, "
	    "comment, added_at) VALUES (?, ?, ?, ?, ?, ?)");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "itttti", user_id, type, base64, fingerprint,
	    comment, store_now());
	if (rc != 0)
		return rc;
	/* UNIQUE (key_type, key_base64) is the only constraint that fails:
	 * MB_ERR_EXISTS means the key is on an account already. */
	return store_exec_stmt(st, stmt, __func__);
}

static void
store_key_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_key *k = elem;

	k->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, k->type, sizeof(k->type));
	store_column_copy(stmt, 2, k->fingerprint, sizeof(k->fingerprint));
	store_column_copy(stmt, 3, k->comment, sizeof(k->comment));
	k->added_at = sqlite3_column_int64(stmt, 4);
}

int
store_key_list(
    struct store *st, int64_t user_id, struct store_key **keys, size_t *n)
{
	sqlite3_stmt *stmt = NULL;
	void *v = NULL;
	int rc;

	*keys = NULL;
	*n = 0;
	stmt = store_prepare(st,
	    "SELECT id, key_type, fingerprint, comment, added_at FROM ssh_key "
	    "WHERE user_id = ? ORDER BY added_at, id");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = store_collect(
	    st, stmt, sizeof(**keys), store_key_fill, NULL, &v, n, __func__);
	*keys = v;
	return rc;
}

int
store_key_remove(struct store *st, int64_t user_id, const char *fingerprint)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(
	    st, "DELETE FROM ssh_key WHERE user_id = ? AND fingerprint = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "it", user_id, fingerprint);
	if (rc != 0)
		return rc;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	return sqlite3_changes(st->db) > 0 ? 0 : MB_ERR_NOTFOUND;
}

int
store_key_owner(
    struct store *st, const char *type, const char *base64, int64_t *user_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "SELECT user_id FROM ssh_key WHERE key_type = ? AND "
	    "key_base64 = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "tt", type, base64);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(stmt, 0);
		(void)sqlite3_reset(stmt);
		return 0;
	}
	(void)sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? MB_ERR_NOTFOUND :
				   store_error(st, rc, __func__);
}
