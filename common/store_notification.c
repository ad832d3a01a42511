/* store_notification: news for a member, read by their sessions. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"
#include "util.h"

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
    int64_t actor_id, int64_t object_id, const char *body, int mailed,
    int64_t *id)
{
	int64_t now = store_now();
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO notification (user_id, kind, body, created_at, "
	    "actor_id, object_id, mailed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    "ittiuiu", user_id, kind, body != NULL ? body : "", now, actor_id,
	    object_id, mailed ? now : (int64_t)0);
	if (rc != 0)
		return rc;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	store_news_mark(st, user_id, STORE_NEWS_NOTIFICATION, 0);
	return 0;
}

int
store_notification_add_all(
    struct store *st, const char *kind, const char *body, int64_t *count)
{
	int64_t now = store_now();
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO notification (user_id, kind, body, created_at, "
	    "mailed_at) SELECT id, ?, ?, ?, ? FROM user WHERE verified = 1 "
	    "AND is_demo = 0",
	    "ttii", kind, body, now, now);
	if (rc != 0)
		return rc;
	*count = sqlite3_changes64(st->db);
	store_news_mark(st, STORE_NEWS_EVERYONE, STORE_NEWS_NOTIFICATION, 0);
	return 0;
}

static void
store_notification_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_notification *n = elem;

	n->id = sqlite3_column_int64(stmt, 0);
	n->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, n->kind, sizeof(n->kind));
	n->body = store_column_strdup(stmt, 3);
	n->created_at = sqlite3_column_int64(stmt, 4);
	n->read_at = sqlite3_column_int64(stmt, 5);
	n->actor_id = sqlite3_column_int64(stmt, 6);
	store_column_copy(stmt, 7, n->actor_first, sizeof(n->actor_first));
	store_column_copy(stmt, 8, n->actor_last, sizeof(n->actor_last));
	n->object_id = sqlite3_column_int64(stmt, 9);
}

void
store_notification_free(struct store_notification *n)
{
	free(n->body);
	n->body = NULL;
}

static void
store_notification_release(void *elem)
{
	store_notification_free(elem);
}

void
store_notification_rows_free(struct store_notification *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_notification_free(&rows[i]);
	free(rows);
}

int
store_notification_list(struct store *st, int64_t user_id, unsigned flags,
    int64_t after_id, int limit, struct store_notification **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT n.id, n.user_id, n.kind, n.body, n.created_at, "
	    "coalesce(n.read_at, 0), coalesce(n.actor_id, 0), "
	    "coalesce(a.first_name, ''), coalesce(a.last_name, ''), "
	    "n.object_id FROM notification n LEFT JOIN user a ON "
	    "a.id = n.actor_id WHERE n.user_id = ? AND n.id > ? AND "
	    "(? = 0 OR n.read_at IS NULL) AND (? = 0 OR n.mailed_at IS NULL) "
	    "ORDER BY n.id DESC LIMIT ?",
	    sizeof(**rows), store_notification_fill, store_notification_release,
	    &v, n, "iiiii", user_id, after_id,
	    (int64_t)((flags & STORE_NOTIFY_UNREAD) != 0),
	    (int64_t)((flags & STORE_NOTIFY_UNMAILED) != 0), (int64_t)limit);
	*rows = v;
	return rc;
}

int
store_notification_last_id(struct store *st, int64_t user_id, int64_t *id)
{
	return store_ints(st, __func__,
	    "SELECT coalesce(max(id), 0) FROM notification WHERE user_id = ?",
	    id, 1, "i", user_id);
}

int
store_notification_read(struct store *st, int64_t user_id, int64_t id)
{
	int rc;

	if (id == 0)
		rc = store_run(st, __func__,
		    "UPDATE notification SET read_at = ? WHERE user_id = ? "
		    "AND read_at IS NULL",
		    "ii", store_now(), user_id);
	else
		rc = store_run_found(st, __func__,
		    "UPDATE notification SET read_at = coalesce(read_at, ?) "
		    "WHERE user_id = ? AND id = ?",
		    "iii", store_now(), user_id, id);
	if (rc == 0)
		store_news_mark(st, user_id, STORE_NEWS_NOTIFICATION, 0);
	return rc;
}

/* Where store_digest_due puts the ids. */
struct store_ids {
	int64_t *ids;
	size_t max;
	size_t n;
};

static int
store_ids_add(sqlite3_stmt *stmt, void *ctx)
{
	struct store_ids *ids = ctx;

	if (ids->n == ids->max)
		return 1; /* enough */
	ids->ids[ids->n++] = sqlite3_column_int64(stmt, 0);
	return 0;
}

int
store_digest_due(struct store *st, int64_t before, int64_t last_before,
    int64_t now, int64_t *ids, size_t max, size_t *n)
{
	struct store_ids found = { ids, max, 0 };
	int rc;

	rc = store_each(st, __func__,
	    "SELECT DISTINCT n.user_id FROM notification n "
	    "JOIN user u ON u.id = n.user_id "
	    "LEFT JOIN mail_digest d ON d.user_id = n.user_id "
	    "WHERE n.mailed_at IS NULL AND n.read_at IS NULL AND "
	    "n.created_at <= ? AND u.notify_mail = 1 AND u.verified = 1 AND "
	    "coalesce(d.last_sent_at, 0) <= ? AND "
	    "coalesce(d.next_try_at, 0) <= ? AND NOT EXISTS "
	    "(SELECT 1 FROM session s WHERE s.user_id = n.user_id)",
	    store_ids_add, &found, "iii", before, last_before, now);
	*n = found.n;
	return rc == 1 ? 0 : rc;
}

int
store_digest_sent(
    struct store *st, int64_t user_id, int64_t max_id, int64_t now)
{
	int rc;

	rc = store_run(st, __func__,
	    "UPDATE notification SET mailed_at = ? WHERE user_id = ? AND "
	    "id <= ? AND mailed_at IS NULL",
	    "iii", now, user_id, max_id);
	if (rc == 0)
		rc = store_run(st, __func__,
		    "INSERT INTO mail_digest (user_id, last_sent_at) VALUES "
		    "(?, ?) ON CONFLICT (user_id) DO UPDATE SET "
		    "last_sent_at = excluded.last_sent_at, next_try_at = 0, "
		    "failures = 0",
		    "ii", user_id, now);
	return rc;
}

int
store_digest_failures(struct store *st, int64_t user_id, int *failures)
{
	int64_t count = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT coalesce(max(failures), 0) FROM mail_digest WHERE "
	    "user_id = ?",
	    &count, 1, "i", user_id);
	*failures = (int)count;
	return rc;
}

int
store_digest_failed(struct store *st, int64_t user_id, int64_t next_try_at)
{
	return store_run(st, __func__,
	    "INSERT INTO mail_digest (user_id, next_try_at, failures) VALUES "
	    "(?, ?, 1) ON CONFLICT (user_id) DO UPDATE SET "
	    "next_try_at = excluded.next_try_at, failures = failures + 1",
	    "ii", user_id, next_try_at);
}

int
store_user_set_notify_mail(struct store *st, int64_t user_id, int on)
{
	return store_run_found(st, __func__,
	    "UPDATE user SET notify_mail = ? WHERE id = ?", "ii",
	    (int64_t)(on != 0), user_id);
}

int
store_notification_waiting(struct store *st, int64_t user_id, const char *kind,
    int64_t object_id, int *waiting)
{
	int64_t n = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM notification WHERE user_id = ? AND kind = ? "
	    "AND object_id = ? AND read_at IS NULL",
	    &n, 1, "iti", user_id, kind, object_id);
	*waiting = n > 0;
	return rc;
}

int
store_notification_read_object(
    struct store *st, int64_t user_id, const char *kind, int64_t object_id)
{
	int rc;

	rc = store_run(st, __func__,
	    "UPDATE notification SET read_at = ? WHERE user_id = ? AND "
	    "kind = ? AND object_id = ? AND read_at IS NULL",
	    "iiti", store_now(), user_id, kind, object_id);
	if (rc == 0 && sqlite3_changes(st->db) > 0)
		store_news_mark(st, user_id, STORE_NEWS_NOTIFICATION, 0);
	return rc;
}
