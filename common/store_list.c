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

int
store_list_get(struct store *st, enum store_list list, int include_retired,
    struct store_item **items, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    include_retired ? list_select_all[list] : list_select_live[list],
	    sizeof(**items), store_item_fill, NULL, &v, n, "");
	*items = v;
	return rc;
}

int
store_list_add(
    struct store *st, enum store_list list, const char *name, int64_t *id)
{
	struct store_item other;
	int rc;

	/* Names are unique whatever their case ("biology" is "Biology"). */
	rc = store_list_find(st, list, name, &other);
	if (rc == 0)
		return MB_ERR_EXISTS;
	if (rc != MB_ERR_NOTFOUND)
		return rc;
	rc = store_run(st, __func__, list_insert[list], "t", name);
	if (rc != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_list_rename(
    struct store *st, enum store_list list, int64_t id, const char *name)
{
	struct store_item other;
	int rc;

	rc = store_list_find(st, list, name, &other);
	if (rc == 0 && other.id != id)
		return MB_ERR_EXISTS;
	if (rc != 0 && rc != MB_ERR_NOTFOUND)
		return rc;
	return store_run_found(st, __func__, list_rename[list], "ti", name, id);
}

int
store_list_retire(struct store *st, enum store_list list, int64_t id)
{
	return store_run_found(st, __func__, list_retire[list], "i", id);
}

int
store_list_find(struct store *st, enum store_list list, const char *name,
    struct store_item *out)
{
	return store_row(
	    st, __func__, list_find[list], store_item_fill, out, "t", name);
}

int
store_user_fields(
    struct store *st, int64_t user_id, struct store_item **items, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT f.id, f.name, f.retired FROM user_field uf "
	    "JOIN field_of_study f ON f.id = uf.field_id "
	    "WHERE uf.user_id = ? ORDER BY f.name",
	    sizeof(**items), store_item_fill, NULL, &v, n, "i", user_id);
	*items = v;
	return rc;
}

int
store_user_set_fields(
    struct store *st, int64_t user_id, const int64_t *field_ids, size_t n)
{
	size_t i;
	int rc;

	rc = store_run(st, __func__, "DELETE FROM user_field WHERE user_id = ?",
	    "i", user_id);
	for (i = 0; rc == 0 && i < n; i++)
		rc = store_run(st, __func__,
		    "INSERT OR IGNORE INTO user_field (user_id, field_id) "
		    "VALUES (?, ?)",
		    "ii", user_id, field_ids[i]);
	return rc;
}
