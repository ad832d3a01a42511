/* Unit tests: who may see what of whom (common/privacy.c).  Whom a member
 * may name by number (privacy_may_name) needs people with requests and
 * listings: test_moderation.c tests it, with block and report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "privacy.h"

#define ANNA 7 /* the person looked at */

static void
test_who_sees_what(void **state)
{
	const struct viewer guest = { 0 };
	const struct viewer unverified = { .user_id = 3 };
	const struct viewer member = { .user_id = 4, .verified = 1 };
	const struct viewer anna = { .user_id = ANNA, .verified = 1 };
	const struct viewer sysop = {
		.user_id = 5, .verified = 1, .is_sysop = 1
	};
	const struct viewer unverified_sysop = { .user_id = 6, .is_sysop = 1 };
	struct board b = { 0 };
	const struct {
		const struct viewer *v;
		int name, profile, application, registration;
	} cases[] = {
		{ &guest, 1, 0, 0, 0 },
		{ &unverified, 1, 0, 0, 0 },
		{ &member, 1, 1, 0, 0 },
		{ &anna, 1, 1, 1, 1 },
		{ &sysop, 1, 1, 1, 1 },
		{ &unverified_sysop, 1, 0, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct viewer *v = cases[i].v;

		assert_int_equal(
		    privacy_may_see(&b, v, ANNA, PRIVACY_DISPLAY_NAME),
		    cases[i].name);
		assert_int_equal(privacy_may_see(&b, v, ANNA, PRIVACY_FIELDS),
		    cases[i].name);
		assert_int_equal(
		    privacy_may_see(&b, v, ANNA, PRIVACY_MENTOR_PROFILE),
		    cases[i].profile);
		assert_int_equal(
		    privacy_may_see(&b, v, ANNA, PRIVACY_APPLICATION),
		    cases[i].application);
		assert_int_equal(
		    privacy_may_see(&b, v, ANNA, PRIVACY_REGISTRATION),
		    cases[i].registration);
	}
	assert_int_equal(privacy_member(&guest), 0);
	assert_int_equal(privacy_member(&unverified), 0);
	assert_int_equal(privacy_member(&member), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_sees_what),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
