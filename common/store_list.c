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

/*
 * The columns of an entry, for store_item_fill: its name in the language
 * spoken, retired, and both names.
 */
#define LIST_COLUMNS "id, local_name(name, name_de), retired, name, name_de"

static const char *const list_select_all[] = {
	"SELECT " LIST_COLUMNS " FROM field_of_study ORDER BY 2",
	"SELECT " LIST_COLUMNS " FROM area ORDER BY 2",
};
static const char *const list_select_live[] = {
	"SELECT " LIST_COLUMNS " FROM field_of_study WHERE retired = 0 "
	"ORDER BY 2",
	"SELECT " LIST_COLUMNS " FROM area WHERE retired = 0 ORDER BY 2",
};
static const char *const list_insert[] = {
	"INSERT INTO field_of_study (name, name_de) VALUES (?, ?)",
	"INSERT INTO area (name, name_de) VALUES (?, ?)",
};
static const char *const list_rename[] = {
	"UPDATE field_of_study SET name = ? WHERE id = ?",
	"UPDATE area SET name = ? WHERE id = ?",
};
static const char *const list_rename_de[] = {
	"UPDATE field_of_study SET name_de = ? WHERE id = ?",
	"UPDATE area SET name_de = ? WHERE id = ?",
};
static const char *const list_retire[] = {
	"UPDATE field_of_study SET retired = 1 WHERE id = ?",
	"UPDATE area SET retired = 1 WHERE id = ?",
};
/* By either name, whatever its case; the English one first. */
static const char *const list_find[] = {
	"SELECT " LIST_COLUMNS " FROM field_of_study WHERE name = ?1 "
	"COLLATE NOCASE OR (name_de != '' AND name_de = ?1 COLLATE NOCASE) "
	"ORDER BY name = ?1 COLLATE NOCASE DESC LIMIT 1",
	"SELECT " LIST_COLUMNS " FROM area WHERE name = ?1 COLLATE NOCASE OR "
	"(name_de != '' AND name_de = ?1 COLLATE NOCASE) ORDER BY name = ?1 "
	"COLLATE NOCASE DESC LIMIT 1",
};

/* One row of LIST_COLUMNS. */
static void
store_item_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_item *item = elem;

	item->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, item->name, sizeof(item->name));
	item->retired = sqlite3_column_int(stmt, 2);
	store_column_copy(stmt, 3, item->name_en, sizeof(item->name_en));
	store_column_copy(stmt, 4, item->name_de, sizeof(item->name_de));
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
store_list_add(struct store *st, enum store_list list, const char *name,
    const char *name_de, int64_t *id)
{
	struct store_item other;
	int rc;

	/* Names are unique whatever their case ("biology" is "Biology"),
	 * in both languages together. */
	rc = store_list_find(st, list, name, &other);
	if (rc == 0)
		return MB_ERR_EXISTS;
	if (rc == MB_ERR_NOTFOUND && name_de != NULL && name_de[0] != '\0') {
		rc = store_list_find(st, list, name_de, &other);
		if (rc == 0)
			return MB_ERR_EXISTS;
	}
	if (rc != MB_ERR_NOTFOUND)
		return rc;
	rc = store_run(st, __func__, list_insert[list], "tt", name,
	    name_de != NULL ? name_de : "");
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
store_list_rename_de(
    struct store *st, enum store_list list, int64_t id, const char *name_de)
{
	struct store_item other;
	int rc = MB_ERR_NOTFOUND;

	if (name_de[0] != '\0')
		rc = store_list_find(st, list, name_de, &other);
	if (rc == 0 && other.id != id)
		return MB_ERR_EXISTS;
	if (rc != 0 && rc != MB_ERR_NOTFOUND)
		return rc;
	return store_run_found(
	    st, __func__, list_rename_de[list], "ti", name_de, id);
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
	    "SELECT f.id, local_name(f.name, f.name_de), f.retired, f.name, "
	    "f.name_de FROM user_field uf "
	    "JOIN field_of_study f ON f.id = uf.field_id "
	    "WHERE uf.user_id = ? ORDER BY 2",
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
