/* Unit tests: when a process that keeps ending starts again
 * (common/pace.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pace.h"

#define TEST_MIN_MS 1000

/* Started at now and ended quick ms later: the wait left, from then. */
static long long
test_quick_end(struct pace *p, long long now, long long quick)
{
	assert_true(pace_due(p, now));
	pace_started(p, now);
	return pace_ended(p, now + quick);
}

static void
test_doubles_while_it_keeps_ending(void **state)
{
	struct pace p;
	long long now = 5000, wait = TEST_MIN_MS, left;

	(void)state;
	pace_init(&p, TEST_MIN_MS);
	assert_true(pace_due(&p, 0));
	/* 1 s, 2 s, 4 s ... counted from each start. */
	while (wait < PACE_MAX_MS) {
		left = test_quick_end(&p, now, 10);
		assert_int_equal(left, wait - 10);
		assert_false(pace_due(&p, now + wait - 1));
		assert_true(pace_due(&p, now + wait));
		now += wait;
		wait *= 2;
	}
	/* Never past the longest. */
	assert_int_equal(test_quick_end(&p, now, 10), PACE_MAX_MS - 10);
	now += PACE_MAX_MS;
	assert_int_equal(test_quick_end(&p, now, 10), PACE_MAX_MS - 10);
}

static void
test_short_again_after_a_stable_run(void **state)
{
	struct pace p;

	(void)state;
	pace_init(&p, TEST_MIN_MS);
	(void)test_quick_end(&p, 0, 0);
	(void)test_quick_end(&p, TEST_MIN_MS, 0);
	assert_int_equal(p.wait, 2 * TEST_MIN_MS);
	/* Ran PACE_STABLE_MS: started again at once, the wait short. */
	assert_int_equal(
	    test_quick_end(&p, 10 * TEST_MIN_MS, PACE_STABLE_MS), 0);
	assert_int_equal(p.wait, TEST_MIN_MS);
	/* Just short of it: still doubling. */
	pace_init(&p, TEST_MIN_MS);
	(void)test_quick_end(&p, 0, 0);
	(void)test_quick_end(&p, TEST_MIN_MS, PACE_STABLE_MS - 1);
	assert_int_equal(p.wait, 2 * TEST_MIN_MS);
}

static void
test_shortest_wait_at_most_the_longest(void **state)
{
	struct pace p;

	(void)state;
	pace_init(&p, 2 * PACE_MAX_MS);
	assert_int_equal(test_quick_end(&p, 0, 0), PACE_MAX_MS);
	assert_int_equal(test_quick_end(&p, PACE_MAX_MS, 0), PACE_MAX_MS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doubles_while_it_keeps_ending),
		cmocka_unit_test(test_short_again_after_a_stable_run),
		cmocka_unit_test(test_shortest_wait_at_most_the_longest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
