/* store_erase: deleting a member and what is theirs. */
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

	rc = sqlite3_wal_checkpoint_v2(
	    st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	if (rc == SQLITE_BUSY)
		return MB_ERR_BUSY;
	if (rc != SQLITE_OK)
		return store_error(st, rc, __func__);
	return 0;
}
