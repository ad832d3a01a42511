/*
 * store_search: the mentor search.  An FTS5 table holds one row per listed
 * mentor (rowid = user id), written here whenever what it is made of
 * changes, inside the transaction of that change; queries never rebuild
 * it.
 */
#include <stdlib.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

int
store_search_set(struct store *st, int64_t user_id, int listed)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, "DELETE FROM mentor_search WHERE rowid = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc == 0)
		rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0 || !listed)
		return rc;
	stmt = store_prepare(st,
	    "INSERT INTO mentor_search (rowid, first_name, fields, areas, "
	    "industry, position, help_text, languages) "
	    "SELECT u.id, u.first_name, "
	    "(SELECT coalesce(group_concat(f.name, ', '), '') FROM "
	    "user_field uf JOIN field_of_study f ON f.id = uf.field_id "
	    "WHERE uf.user_id = u.id), "
	    "(SELECT coalesce(group_concat(a.name, ', '), '') FROM "
	    "user_role r JOIN area a ON a.id = r.area_id WHERE "
	    "r.user_id = u.id AND r.role = 'mentor'), "
	    "m.industry, m.position, m.help_text, m.languages "
	    "FROM user u JOIN mentor_profile m ON m.user_id = u.id "
	    "WHERE u.id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_search_rewrite_all(struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	stmt = store_prepare(st, "SELECT rowid FROM mentor_search");
	if (stmt == NULL)
		return MB_ERR_DB;
	for (;;) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW)
			break;
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			ids = xreallocarray(ids, cap, sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(stmt, 0);
	}
	(void)sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_error(st, rc, __func__);
	}
	rc = 0;
	for (i = 0; rc == 0 && i < n; i++)
		rc = store_search_set(st, ids[i], 1);
	free(ids);
	return rc;
}
