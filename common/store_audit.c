/* store_audit: reading the audit log (store_audit_add appends to it). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"

/* A struct store_audit from the columns of store_audit_list. */
static void
store_audit_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_audit *a = elem;

	a->id = sqlite3_column_int64(stmt, 0);
	a->at = sqlite3_column_int64(stmt, 1);
	a->actor_id = sqlite3_column_int64(stmt, 2);
	store_column_copy(stmt, 3, a->actor, sizeof(a->actor));
	store_column_copy(stmt, 4, a->action, sizeof(a->action));
	a->subject_id = sqlite3_column_int64(stmt, 5);
	store_column_copy(stmt, 6, a->subject, sizeof(a->subject));
	a->object_id = sqlite3_column_int64(stmt, 7);
	a->detail = store_column_strdup(stmt, 8);
}

static void
store_audit_release(void *elem)
{
	free(((struct store_audit *)elem)->detail);
}

int
store_audit_list(struct store *st, int64_t since, int limit,
    struct store_audit **rows, size_t *n)
{
	return store_rows(st, __func__,
	    "SELECT a.id, a.at, coalesce(a.actor_id, 0), "
	    "coalesce(ua.username, ''), a.action, coalesce(a.subject_id, 0), "
	    "coalesce(us.username, ''), a.object_id, a.detail FROM audit a "
	    "LEFT JOIN user ua ON ua.id = a.actor_id "
	    "LEFT JOIN user us ON us.id = a.subject_id "
	    "WHERE a.at >= ? ORDER BY a.id DESC LIMIT ?",
	    sizeof(**rows), store_audit_fill, store_audit_release,
	    (void **)rows, n, "ii", since, (int64_t)limit);
}

void
store_audit_rows_free(struct store_audit *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].detail);
	free(rows);
}
