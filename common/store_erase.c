/* store_erase: deleting a member and what is theirs; what the board no
 * longer keeps. */
#include "error.h"
#include "log.h"
#include "store_internal.h"

int
store_erase_user(struct store *st, int64_t user_id, const char *username)
{
	int rc;

	rc = store_run(st, __func__,
	    "DELETE FROM mentor_search WHERE rowid = ?", "i", user_id);
	/* Merge the index's segments: no old segment keeps their words. */
	if (rc == 0)
		rc = store_run(st, __func__,
		    "INSERT INTO mentor_search (mentor_search) VALUES "
		    "('optimize')",
		    "");
	if (rc == 0)
		rc = store_run(st, __func__,
		    "DELETE FROM certificate WHERE user_id = ?", "i", user_id);
	if (rc == 0)
		rc = store_run(st, __func__,
		    "DELETE FROM auth_failure WHERE scope IN ('user', "
		    "'redeem-user') AND subject = ?",
		    "t", username);
	if (rc == 0)
		rc = store_run(st, __func__,
		    "UPDATE audit SET detail = '' WHERE subject_id = ?", "i",
		    user_id);
	if (rc == 0)
		rc = store_run_found(st, __func__,
		    "DELETE FROM user WHERE id = ?", "i", user_id);
	return rc;
}

int
store_checkpoint_truncate(struct store *st)
{
	int log = 0, done = 0, rc;

	rc = store_awake(st);
	if (rc != 0)
		return rc;
	rc = sqlite3_wal_checkpoint_v2(
	    st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	if (rc == SQLITE_BUSY)
		return MB_ERR_BUSY;
	if (rc != SQLITE_OK)
		return store_error(st, rc, __func__);
	return 0;
}

int
store_checkpoint_passive(struct store *st)
{
	int rc;

	rc = store_awake(st);
	if (rc != 0)
		return rc;
	rc = sqlite3_wal_checkpoint_v2(
	    st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		return store_error(st, rc, __func__);
	return 0;
}

void
store_leave_checkpoints(struct store *st)
{
	st->no_checkpoint = 1;
}

/* Where store_unverified_before puts the ids. */
struct store_ids {
	int64_t *ids;
	size_t max, n;
};

static int
store_ids_take(sqlite3_stmt *stmt, void *ctx)
{
	struct store_ids *t = ctx;

	if (t->n == t->max)
		return 1;
	t->ids[t->n++] = sqlite3_column_int64(stmt, 0);
	return 0;
}

int
store_unverified_before(
    struct store *st, int64_t before, int64_t *ids, size_t max, size_t *n)
{
	struct store_ids t = { ids, max, 0 };
	int rc;

	rc = store_each(st, __func__,
	    "SELECT id FROM user WHERE verified = 0 AND created_at < ? "
	    "ORDER BY id",
	    store_ids_take, &t, "i", before);
	*n = t.n;
	return rc == 1 ? 0 : rc;
}

int
store_retention_purge(struct store *st, int64_t codes_before,
    int64_t logins_before, int64_t chats_before, int64_t now, int64_t *codes,
    int64_t *logins, int64_t *chat_lines)
{
	int rc;

	*codes = *logins = *chat_lines = 0;
	rc = store_begin(st);
	if (rc != 0)
		return rc;
	rc = store_run(st, __func__,
	    "DELETE FROM code WHERE coalesce(used_at, CASE WHEN expires_at < "
	    "?2 THEN expires_at END) < ?1",
	    "ii", codes_before, now);
	if (rc == 0)
		*codes += sqlite3_changes(st->db);
	if (rc == 0)
		rc = store_run(st, __func__,
		    "DELETE FROM access_code WHERE coalesce(used_at, revoked_at, "
		    "CASE WHEN expires_at < ?2 THEN expires_at END) < ?1",
		    "ii", codes_before, now);
	if (rc == 0)
		*codes += sqlite3_changes(st->db);
	if (rc == 0)
		rc = store_run(st, __func__, "DELETE FROM login WHERE at < ?",
		    "i", logins_before);
	if (rc == 0)
		*logins = sqlite3_changes(st->db);
	if (rc == 0 && chats_before != 0) {
		rc = store_run(st, __func__,
		    "DELETE FROM chat_line WHERE mentorship_id IN (SELECT id "
		    "FROM mentorship WHERE state = 'ended' AND ended_at < ?)",
		    "i", chats_before);
		if (rc == 0)
			*chat_lines = sqlite3_changes(st->db);
		if (rc == 0)
			rc = store_run(st, __func__,
			    "DELETE FROM meeting WHERE mentorship_id IN (SELECT "
			    "id FROM mentorship WHERE state = 'ended' AND "
			    "ended_at < ?)",
			    "i", chats_before);
	}
	if (rc == 0)
		rc = store_commit(st);
	store_rollback(st);
	return rc;
}
