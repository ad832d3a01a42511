/* store_login: each successful login of a member, kept for a while. */
#include <string.h>

#include "error.h"
#include "store_internal.h"

int
store_login_add(struct store *st, int64_t user_id, const char *remote_addr,
    const char *method)
{
	return store_run(st, __func__,
	    "INSERT INTO login (user_id, at, remote_addr, method) "
	    "VALUES (?, ?, ?, ?)",
	    "iitt", user_id, store_now(), remote_addr, method);
}

/* A struct store_login from at, remote_addr, method. */
static void
store_login_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_login *l = elem;

	l->at = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, l->remote_addr, sizeof(l->remote_addr));
	store_column_copy(stmt, 2, l->method, sizeof(l->method));
}

int
store_login_recent(struct store *st, int64_t user_id, int limit,
    struct store_login **rows, size_t *n)
{
	return store_rows(st, __func__,
	    "SELECT at, remote_addr, method FROM login WHERE user_id = ? "
	    "ORDER BY at DESC, id DESC LIMIT ?",
	    sizeof(**rows), store_login_fill, NULL, (void **)rows, n, "ii",
	    user_id, (int64_t)limit);
}
