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
	rc = store_exec_stmt(st, stmt, __func__);
	/* UNIQUE (key_type, key_base64) is the only constraint that fails. */
	return rc;
}

int
store_key_list(
    struct store *st, int64_t user_id, struct store_key **keys, size_t *n)
{
	sqlite3_stmt *stmt = NULL;
	struct store_key *v = NULL;
	size_t cap = 0, count = 0;
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
	for (;;) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW)
			break;
		if (count == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[count].id = sqlite3_column_int64(stmt, 0);
		store_column_copy(
		    stmt, 1, v[count].type, sizeof(v[count].type));
		store_column_copy(stmt, 2, v[count].fingerprint,
		    sizeof(v[count].fingerprint));
		store_column_copy(
		    stmt, 3, v[count].comment, sizeof(v[count].comment));
		v[count].added_at = sqlite3_column_int64(stmt, 4);
		count++;
	}
	(void)sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_error(st, rc, __func__);
	}
	*keys = v;
	*n = count;
	return 0;
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
