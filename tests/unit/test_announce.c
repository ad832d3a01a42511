/* Unit tests: the mentoring team's announcements (common/announce.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"
#include "announce.h"
#include "clock.h"
#include "error.h"
#include "notify.h"
#include "store.h"
#include "test_util.h"

#define TEST_DAY (24 * 3600)
/* 2026-12-01 12:00:00 UTC, a Tuesday. */
#define TEST_NOON 1796126400LL

/* A confirmed member called name. */
static int64_t
add_member(struct test_board *f, const char *name)
{
	struct account_form form;
	struct account_errors e;
	char email[64];
	int64_t id = 0;
	int mail_failed = 0;

	(void)snprintf(email, sizeof(email), "%s@example.org", name);
	memset(&form, 0, sizeof(form));
	form.username = name;
	form.email = email;
	form.first_name = "Anna";
	form.last_name = "Kowalczyk";
	form.by_admin = 1;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	return id;
}

/* The date an announcement is shown through: the end of that UTC day,
 * today at the earliest, a year ahead at the latest. */
static void
test_until_dates(void **state)
{
	const char *why = NULL;
	int64_t until = 0;

	(void)state;
	assert_int_equal(
	    announce_until("2026-12-01", TEST_NOON, &until, &why), 0);
	assert_int_equal(until, TEST_NOON + 12 * 3600);
	assert_int_equal(
	    announce_until("2026-12-24", TEST_NOON, &until, &why), 0);
	assert_int_equal(until, TEST_NOON + 12 * 3600 + 23 * TEST_DAY);
	assert_int_equal(announce_until(NULL, TEST_NOON, &until, &why), 0);
	assert_int_equal(
	    until, TEST_NOON + 12 * 3600 + ANNOUNCE_DEFAULT_DAYS * TEST_DAY);
	assert_int_equal(announce_until("2026-11-30", TEST_NOON, &until, &why),
	    MB_ERR_INVALID);
	assert_int_equal(announce_until("2026-02-31", TEST_NOON, &until, &why),
	    MB_ERR_INVALID);
	assert_int_equal(announce_until("2026-12-1", TEST_NOON, &until, &why),
	    MB_ERR_INVALID);
	assert_int_equal(announce_until("2026-12-01x", TEST_NOON, &until, &why),
	    MB_ERR_INVALID);
	assert_int_equal(announce_until("tomorrow", TEST_NOON, &until, &why),
	    MB_ERR_INVALID);
	/* ANNOUNCE_MAX_DAYS (366) from 2026-12-01 is 2027-12-02. */
	assert_int_equal(
	    announce_until("2027-12-02", TEST_NOON, &until, &why), 0);
	assert_int_equal(announce_until("2027-12-03", TEST_NOON, &until, &why),
	    MB_ERR_INVALID);
}

/* An announcement is stored and told to every confirmed member at once,
 * shown until its time, listed, and removed. */
static void
test_announce_shown_until(void **state)
{
	struct test_board *f = *state;
	struct store_announcement *rows = NULL;
	struct notify_item *items = NULL;
	const char *why = NULL;
	int64_t anna, id = 0, count = 0, now;
	size_t n = 0;

	test_clock_ahead(f, 0);
	now = clock_now();
	anna = add_member(f, "anna");
	(void)add_member(f, "bert");
	assert_int_equal(
	    announce_add(&f->b, anna, "", now + 10, &id, &count, &why),
	    MB_ERR_INVALID);
	assert_int_equal(
	    announce_add(&f->b, anna, "Open!", now + 10, &id, &count, &why), 0);
	assert_int_equal(count, 2);
	assert_int_equal(notify_list(&f->b, anna, 0, 0, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].text, "Announcement: Open!");
	free(items);
	assert_int_equal(announce_list(&f->b, 0, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	assert_string_equal(rows[0].body, "Open!");
	assert_string_equal(rows[0].author, "anna");
	store_announcement_rows_free(rows, n);
	/* At its time it is no longer shown, but listed for the team. */
	test_clock_ahead(f, 10);
	assert_int_equal(announce_list(&f->b, 0, &rows, &n), 0);
	assert_int_equal(n, 0);
	store_announcement_rows_free(rows, n);
	assert_int_equal(announce_list(&f->b, 1, &rows, &n), 0);
	assert_int_equal(n, 1);
	store_announcement_rows_free(rows, n);
	assert_int_equal(announce_remove(&f->b, id, &why), 0);
	assert_int_equal(announce_remove(&f->b, id, &why), MB_ERR_NOTFOUND);
	assert_int_equal(announce_list(&f->b, 1, &rows, &n), 0);
	assert_int_equal(n, 0);
	store_announcement_rows_free(rows, n);
	test_clock_ahead(f, 0);
}

/* The home screen shows the newest few. */
static void
test_announce_shown_max(void **state)
{
	struct test_board *f = *state;
	struct store_announcement *rows = NULL;
	const char *why = NULL;
	int64_t id = 0, count = 0;
	char text[32];
	size_t n = 0;
	int i;

	for (i = 0; i < ANNOUNCE_SHOWN_MAX + 2; i++) {
		(void)snprintf(text, sizeof(text), "Number %d", i);
		assert_int_equal(announce_add(&f->b, 0, text,
				     clock_now() + TEST_DAY, &id, &count, &why),
		    0);
	}
	assert_int_equal(announce_list(&f->b, 0, &rows, &n), 0);
	assert_int_equal(n, ANNOUNCE_SHOWN_MAX);
	(void)snprintf(text, sizeof(text), "Number %d", ANNOUNCE_SHOWN_MAX + 1);
	assert_string_equal(rows[0].body, text);
	assert_string_equal(rows[0].author, "");
	store_announcement_rows_free(rows, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_until_dates),
		TEST_BOARD(test_announce_shown_until),
		TEST_BOARD(test_announce_shown_max),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
