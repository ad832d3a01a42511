/* store_notification: news for a member, read by their sessions. */
#include "error.h"
#include "store_internal.h"

int
store_notification_unread(struct store *st, int64_t user_id, int64_t *count)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "SELECT count(*) FROM notification WHERE user_id = ? AND "
	    "read_at IS NULL");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		(void)sqlite3_reset(stmt);
		return store_error(st, rc, __func__);
	}
	*count = sqlite3_column_int64(stmt, 0);
	(void)sqlite3_reset(stmt);
	return 0;
}
