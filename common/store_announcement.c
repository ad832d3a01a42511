/* store_announcement: the mentoring team's announcements. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"

int
store_announcement_add(struct store *st, int64_t author_id, const char *body,
    int64_t until, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO announcement (author_id, body, created_at, until) "
	    "VALUES (?, ?, ?, ?)",
	    "utii", author_id, body, store_now(), until);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

/* A struct store_announcement from the columns of the lists below. */
static void
store_announcement_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_announcement *a = elem;

	a->id = sqlite3_column_int64(stmt, 0);
	a->author_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, a->author, sizeof(a->author));
	a->body = store_column_strdup(stmt, 3);
	a->created_at = sqlite3_column_int64(stmt, 4);
	a->until = sqlite3_column_int64(stmt, 5);
}

static void
store_announcement_release(void *elem)
{
	free(((struct store_announcement *)elem)->body);
}

int
store_announcement_list(struct store *st, int64_t now, int limit,
    struct store_announcement **rows, size_t *n)
{
	return store_rows(st, __func__,
	    "SELECT a.id, coalesce(a.author_id, 0), coalesce(u.username, ''), "
	    "a.body, a.created_at, a.until FROM announcement a "
	    "LEFT JOIN user u ON u.id = a.author_id "
	    "WHERE ?1 = 0 OR a.until > ?1 ORDER BY a.id DESC LIMIT ?2",
	    sizeof(**rows), store_announcement_fill, store_announcement_release,
	    (void **)rows, n, "ii", now, (int64_t)limit);
}

int
store_announcement_remove(struct store *st, int64_t id)
{
	return store_run_found(
	    st, __func__, "DELETE FROM announcement WHERE id = ?", "i", id);
}

void
store_announcement_rows_free(struct store_announcement *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].body);
	free(rows);
}
