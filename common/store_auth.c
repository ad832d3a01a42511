/*
 * store_auth: failed logins per source address and per user name, shared
 * by every connection process, so that a growing delay follows an
 * attacker from connection to connection.  Quiet subjects are forgotten.
 */
#include "error.h"
#include "log.h"
#include "store_internal.h"

static const char *const auth_scopes[] = { "addr", "user", "register",
	"redeem-addr", "redeem-user" };

int
store_auth_failures(struct store *st, enum store_auth_scope scope,
    const char *subject, int64_t forget_after, int *failures)
{
	int64_t n = 0;
	int rc;

	*failures = 0;
	rc = store_ints(st, __func__,
	    "SELECT failures FROM auth_failure WHERE scope = ? AND "
	    "subject = ? AND last_at >= ?",
	    &n, 1, "tti", auth_scopes[scope], subject,
	    store_now() - forget_after);
	if (rc == 0)
		*failures = (int)n;
	return rc == MB_ERR_NOTFOUND ? 0 : rc;
}

int
store_auth_fail(struct store *st, enum store_auth_scope scope,
    const char *subject, int64_t forget_after)
{
	int64_t now = store_now();
	int rc;

	/* Forget whoever has been quiet long enough, to bound the table;
	 * each scope has its own quiet period. */
	rc = store_run(st, __func__,
	    "DELETE FROM auth_failure WHERE scope = ? AND last_at < ?", "ti",
	    auth_scopes[scope], now - forget_after);
	if (rc != 0)
		return rc;
	return store_run(st, __func__,
	    "INSERT INTO auth_failure (scope, subject, failures, last_at) "
	    "VALUES (?, ?, 1, ?) ON CONFLICT (scope, subject) DO UPDATE SET "
	    "failures = failures + 1, last_at = excluded.last_at",
	    "tti", auth_scopes[scope], subject, now);
}

int
store_auth_clear(
    struct store *st, enum store_auth_scope scope, const char *subject)
{
	return store_run(st, __func__,
	    "DELETE FROM auth_failure WHERE scope = ? AND subject = ?", "tt",
	    auth_scopes[scope], subject);
}
