/*
 * store_auth: failed logins per source address and per user name, shared
 * by every connection process, so that a growing delay follows an
 * attacker from connection to connection.  Quiet subjects are forgotten.
 */
#include "error.h"
#include "log.h"
#include "store_internal.h"

static const char *const auth_scopes[] = { "addr", "user", "register" };

int
store_auth_failures(struct store *st, enum store_auth_scope scope,
    const char *subject, int64_t forget_after, int *failures)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*failures = 0;
	stmt = store_prepare(st,
	    "SELECT failures FROM auth_failure WHERE scope = ? AND "
	    "subject = ? AND last_at >= ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "tti", auth_scopes[scope], subject,
	    store_now() - forget_after);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*failures = sqlite3_column_int(stmt, 0);
	(void)sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, rc, __func__);
	return 0;
}

int
store_auth_fail(struct store *st, enum store_auth_scope scope,
    const char *subject, int64_t forget_after)
{
	sqlite3_stmt *stmt = NULL;
	int64_t now = store_now();
	int rc;

	/* Forget whoever has been quiet long enough, to bound the table;
	 * each scope has its own quiet period. */
	stmt = store_prepare(
	    st, "DELETE FROM auth_failure WHERE scope = ? AND last_at < ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ti", auth_scopes[scope], now - forget_after);
	if (rc == 0)
		rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	stmt = store_prepare(st,
	    "INSERT INTO auth_failure (scope, subject, failures, last_at) "
	    "VALUES (?, ?, 1, ?) ON CONFLICT (scope, subject) DO UPDATE SET "
	    "failures = failures + 1, last_at = excluded.last_at");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "tti", auth_scopes[scope], subject, now);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_auth_clear(
    struct store *st, enum store_auth_scope scope, const char *subject)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(
	    st, "DELETE FROM auth_failure WHERE scope = ? AND subject = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "tt", auth_scopes[scope], subject);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}
