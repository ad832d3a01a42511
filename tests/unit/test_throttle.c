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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grows_and_caps),
		TEST_BOARD(test_fails_closed),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
