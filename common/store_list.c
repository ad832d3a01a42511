/*
 * store_list: the two lists the sysop keeps, fields of study and areas of
 * help, and a user's fields of study.  The tables differ only in name, so
 * each statement comes in a pair indexed by enum store_list.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

static const char *const list_select_all[] = {
	"SELECT id, name, retired FROM field_of_study ORDER BY name",
	"SELECT id, name, retired FROM area ORDER BY name",
};
static const char *const list_select_live[] = {
	"SELECT id, name, retired FROM field_of_study WHERE retired = 0 "
	"ORDER BY name",
	"SELECT id, name, retired FROM area WHERE retired = 0 ORDER BY name",
};
static const char *const list_insert[] = {
	"INSERT INTO field_of_study (name) VALUES (?)",
	"INSERT INTO area (name) VALUES (?)",
};
static const char *const list_rename[] = {
	"UPDATE field_of_study SET name = ? WHERE id = ?",
	"UPDATE area SET name = ? WHERE id = ?",
};
static const char *const list_retire[] = {
	"UPDATE field_of_study SET retired = 1 WHERE id = ?",
	"UPDATE area SET retired = 1 WHERE id = ?",
};
static const char *const list_find[] = {
	"SELECT id, name, retired FROM field_of_study WHERE name = ? "
	"COLLATE NOCASE",
	"SELECT id, name, retired FROM area WHERE name = ? COLLATE NOCASE",
};

/* One row of (id, name, retired). */
static void
store_item_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_item *item = elem;

	item->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, item->name, sizeof(item->name));
	item->retired = sqlite3_column_int(stmt, 2);
}

/* Collect the rows of a (bound) statement of (id, name, retired). */
static int
store_items_collect(struct store *st, sqlite3_stmt *stmt,
    struct store_item **items, size_t *n, const char *func)
{
	void *v = NULL;
	int rc;

	rc = store_collect(
	    st, stmt, sizeof(**items), store_item_fill, NULL, &v, n, func);
	*items = v;
	return rc;
}

int
store_list_get(struct store *st, enum store_list list, int include_retired,
    struct store_item **items, size_t *n)
{
	sqlite3_stmt *stmt = NULL;

	*items = NULL;
	*n = 0;
	stmt = store_prepare(st,
	    include_retired ? list_select_all[list] : list_select_live[list]);
	if (stmt == NULL)
		return MB_ERR_DB;
	return store_items_collect(st, stmt, items, n, __func__);
}

int
store_list_add(
    struct store *st, enum store_list list, const char *name, int64_t *id)
{
	sqlite3_stmt *stmt = NULL;
	struct store_item other;
	int rc;

	/* Names are unique whatever their case ("biology" is "Biology"). */
	rc = store_list_find(st, list, name, &other);
	if (rc == 0)
		return MB_ERR_EXISTS;
	if (rc != MB_ERR_NOTFOUND)
		return rc;
	stmt = store_prepare(st, list_insert[list]);
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "t", name);
	if (rc != 0)
		return rc;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_list_rename(
    struct store *st, enum store_list list, int64_t id, const char *name)
{
	sqlite3_stmt *stmt = NULL;
	struct store_item other;
	int rc;

	rc = store_list_find(st, list, name, &other);
	if (rc == 0 && other.id != id)
		return MB_ERR_EXISTS;
	if (rc != 0 && rc != MB_ERR_NOTFOUND)
		return rc;
	stmt = store_prepare(st, list_rename[list]);
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ti", name, id);
	if (rc != 0)
		return rc;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	return sqlite3_changes(st->db) == 1 ? 0 : MB_ERR_NOTFOUND;
}

int
store_list_retire(struct store *st, enum store_list list, int64_t id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, list_retire[list]);
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", id);
	if (rc != 0)
		return rc;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	return sqlite3_changes(st->db) == 1 ? 0 : MB_ERR_NOTFOUND;
}

int
store_list_find(struct store *st, enum store_list list, const char *name,
    struct store_item *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, list_find[list]);
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "t", name);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(stmt, 0);
		store_column_copy(stmt, 1, out->name, sizeof(out->name));
		out->retired = sqlite3_column_int(stmt, 2);
		(void)sqlite3_reset(stmt);
		return 0;
	}
	(void)sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? MB_ERR_NOTFOUND :
				   store_error(st, rc, __func__);
}

int
store_user_fields(
    struct store *st, int64_t user_id, struct store_item **items, size_t *n)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*items = NULL;
	*n = 0;
	stmt = store_prepare(st,
	    "SELECT f.id, f.name, f.retired FROM user_field uf "
	    "JOIN field_of_study f ON f.id = uf.field_id "
	    "WHERE uf.user_id = ? ORDER BY f.name");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	return store_items_collect(st, stmt, items, n, __func__);
}

int
store_user_set_fields(
    struct store *st, int64_t user_id, const int64_t *field_ids, size_t n)
{
	sqlite3_stmt *stmt = NULL;
	size_t i;
	int rc;

	stmt = store_prepare(st, "DELETE FROM user_field WHERE user_id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc == 0)
		rc = store_exec_stmt(st, stmt, __func__);
	for (i = 0; rc == 0 && i < n; i++) {
		stmt = store_prepare(st,
		    "INSERT OR IGNORE INTO user_field (user_id, field_id) "
		    "VALUES (?, ?)");
		if (stmt == NULL)
			return MB_ERR_DB;
		rc = store_bind(st, stmt, "ii", user_id, field_ids[i]);
		if (rc == 0)
			rc = store_exec_stmt(st, stmt, __func__);
	}
	return rc;
}
