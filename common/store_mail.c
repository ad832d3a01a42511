/* store_mail: the queue of outgoing mail, sealed messages by row. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

int
store_mail_add(struct store *st, int64_t user_id, int64_t code_id,
    const void *message, size_t len)
{
	int64_t now = store_now();

	return store_run(st, __func__,
	    "INSERT INTO mail_queue (user_id, code_id, queued_at, "
	    "next_try_at, message) VALUES (?, ?, ?, ?, ?)",
	    "uuiib", user_id, code_id, now, now, message, len);
}

/* A queued mail's row, its sealed message copied to the heap. */
static void
store_mail_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_mail *m = ctx;
	const void *blob = NULL;
	int n;

	m->id = sqlite3_column_int64(stmt, 0);
	m->user_id = sqlite3_column_int64(stmt, 1);
	m->code_id = sqlite3_column_int64(stmt, 2);
	m->failures = sqlite3_column_int(stmt, 3);
	blob = sqlite3_column_blob(stmt, 4);
	n = sqlite3_column_bytes(stmt, 4);
	m->len = n > 0 && blob != NULL ? (size_t)n : 0;
	m->message = xmalloc(m->len + 1);
	if (m->len > 0)
		memcpy(m->message, blob, m->len);
}

int
store_mail_next(struct store *st, int64_t now, int64_t after,
    int64_t lease_until, struct store_mail *m)
{
	memset(m, 0, sizeof(*m));
	/* One statement, so two senders never take the same mail. */
	return store_row(st, __func__,
	    "UPDATE mail_queue SET next_try_at = ?3 WHERE id = "
	    "(SELECT id FROM mail_queue WHERE next_try_at <= ?1 AND id > ?2 "
	    "ORDER BY id LIMIT 1) "
	    "RETURNING id, user_id, code_id, failures, message",
	    store_mail_fill, m, "iii", now, after, lease_until);
}

int
store_mail_sent(struct store *st, int64_t id)
{
	return store_run_found(
	    st, __func__, "DELETE FROM mail_queue WHERE id = ?", "i", id);
}

int
store_mail_failed(struct store *st, int64_t id, int64_t next_try_at)
{
	return store_run_found(st, __func__,
	    "UPDATE mail_queue SET failures = failures + 1, next_try_at = ? "
	    "WHERE id = ?",
	    "ii", next_try_at, id);
}

int
store_mail_count(struct store *st, int *waiting, int *untried)
{
	int64_t v[2] = { 0, 0 };
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*), count(*) FILTER (WHERE failures = 0) "
	    "FROM mail_queue",
	    v, nitems(v), "");
	*waiting = (int)v[0];
	*untried = (int)v[1];
	return rc;
}
