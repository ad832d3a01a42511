/* Unit tests: the growing delay after failures, and that it fails closed
 * (common/throttle.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"
#include "store.h"
#include "store_internal.h"
#include "test_util.h"
#include "throttle.h"

static void
test_grows_and_caps(void **state)
{
	(void)state;
	assert_int_equal(throttle_delay_ms(0, 8000), 0);
	assert_true(throttle_delay_ms(AUTH_FREE_FAILURES + 1, 8000) > 0);
	assert_true(throttle_delay_ms(AUTH_FREE_FAILURES + 2, 8000) >
	    throttle_delay_ms(AUTH_FREE_FAILURES + 1, 8000));
	assert_int_equal(throttle_delay_ms(1000, 8000), 8000);
	assert_int_equal(
	    throttle_worst_ms(&throttle_redeem), REDEEM_ADDR_DELAY_MAX_MS);
}

/* Failures that cannot be read count as the worst case. */
static void
test_fails_closed(void **state)
{
	struct test_board *f = *state;

	assert_int_equal(
	    throttle_wait_ms(&f->b, &throttle_redeem, "192.0.2.7", "someone"),
	    0);
	assert_int_equal(sqlite3_exec(f->t->st->db, "DROP TABLE auth_failure",
			     NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(
	    throttle_wait_ms(&f->b, &throttle_redeem, "192.0.2.7", "someone"),
	    throttle_worst_ms(&throttle_redeem));
}

/* How many security events of action the audit log holds; the last one's
 * detail into detail. */
static int
flood_events(
    struct test_board *f, const char *action, char *detail, size_t size)
{
	struct store_audit *rows = NULL;
	size_t n = 0, i;
	int count = 0;

	assert_int_equal(store_audit_list(f->t->st, 0, 100, &rows, &n), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].action, action) != 0)
			continue;
		if (count++ == 0)
			(void)snprintf(detail, size, "%s", rows[i].detail);
	}
	store_audit_rows_free(rows, n);
	return count;
}

/* A flood of failed logins is a security event in the audit log, once,
 * without the name that was tried (it may be a password). */
static void
test_flood_is_audited_once(void **state)
{
	struct test_board *f = *state;
	char detail[256] = "";
	int i;

	for (i = 1; i < AUTH_FLOOD_FAILURES; i++)
		throttle_failed(
		    &f->b, &throttle_login, "192.0.2.9", "hunter2x");
	assert_int_equal(
	    flood_events(f, "security-login-flood", detail, sizeof(detail)), 0);
	throttle_failed(&f->b, &throttle_login, "192.0.2.9", "hunter2x");
	assert_int_equal(
	    flood_events(f, "security-login-flood", detail, sizeof(detail)), 1);
	assert_non_null(strstr(detail, "192.0.2.9"));
	assert_null(strstr(detail, "hunter2x"));
	for (i = 0; i < 5; i++)
		throttle_failed(
		    &f->b, &throttle_login, "192.0.2.9", "hunter2x");
	assert_int_equal(
	    flood_events(f, "security-login-flood", detail, sizeof(detail)), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grows_and_caps),
		TEST_BOARD(test_fails_closed),
		TEST_BOARD(test_flood_is_audited_once),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
