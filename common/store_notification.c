/* store_notification: news for a member, read by their sessions. */
#include "error.h"
#include "store_internal.h"

int
store_notification_unread(struct store *st, int64_t user_id, int64_t *count)
{
	return store_ints(st, __func__,
	    "SELECT count(*) FROM notification WHERE user_id = ? AND "
	    "read_at IS NULL",
	    count, 1, "i", user_id);
}

int
store_notification_add(struct store *st, int64_t user_id, const char *kind,
    const char *body, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO notification (user_id, kind, body, created_at) "
	    "VALUES (?, ?, ?, ?)",
	    "itti", user_id, kind, body, store_now());
	if (rc != 0)
		return rc;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	store_news_mark(st, user_id, STORE_NEWS_NOTIFICATION, 0);
	return 0;
}
