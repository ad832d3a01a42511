/* Unit tests: the board in numbers (common/stats.c) and its bar charts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "account.h"
#include "clock.h"
#include "error.h"
#include "session.h"
#include "stats.h"
#include "store.h"
#include "test_util.h"

#define TEST_DAY (24 * 3600)
#define TEST_WEEK (7 * TEST_DAY)

/* The glyphs of the charts. */
#define LOW "\xe2\x96\x81"
#define HALF "\xe2\x96\x84"
#define FULL "\xe2\x96\x88"

/* Bars of 0, 1, 2, 4 two rows high: the largest fills both rows, each
 * other is scaled and rounded to eighths of a row. */
static void
test_chart_blocks(void **state)
{
	const int64_t values[] = { 0, 1, 2, 4 };
	char rows[2][STATS_CHART_ROW_MAX];

	(void)state;
	stats_chart(values, 4, 2, 1, 0, 0, rows);
	assert_string_equal(rows[0], "   " FULL);
	assert_string_equal(rows[1], " " HALF FULL FULL);
	stats_chart(values, 4, 2, 1, 0, 1, rows);
	assert_string_equal(rows[0], "   #");
	assert_string_equal(rows[1], " =##");
	/* Two columns a bar, a blank between bars, none after the last. */
	stats_chart(values + 2, 2, 1, 2, 1, 0, rows);
	assert_string_equal(rows[0], HALF HALF " " FULL FULL);
}

/* Any value above 0 shows; nothing but blanks for none. */
static void
test_chart_small_and_empty(void **state)
{
	const int64_t values[] = { 1, 1000, 0 };
	const int64_t zeros[] = { 0, 0 };
	char rows[3][STATS_CHART_ROW_MAX];

	(void)state;
	stats_chart(values, 3, 3, 1, 0, 0, rows);
	assert_string_equal(rows[0], " " FULL " ");
	assert_string_equal(rows[2], LOW FULL " ");
	stats_chart(zeros, 2, 3, 1, 0, 0, rows);
	assert_string_equal(rows[0], "  ");
	assert_string_equal(rows[2], "  ");
	assert_int_equal(stats_max(values, 3), 1000);
	assert_int_equal(stats_max(zeros, 0), 0);
}

/* A member called name: confirmed or not, demo data or not. */
static int64_t
add_member(struct test_board *f, const char *name, int confirmed)
{
	struct account_form form;
	struct account_errors e;
	struct store_item field;
	char email[64];
	int64_t id = 0, ids[1];
	int mail_failed = 0;

	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_FIELDS, "Physics", &field), 0);
	ids[0] = field.id;
	(void)snprintf(email, sizeof(email), "%s@example.org", name);
	memset(&form, 0, sizeof(form));
	form.username = name;
	form.email = email;
	form.first_name = "Anna";
	form.last_name = "Kowalczyk";
	form.field_ids = ids;
	form.nfields = 1;
	form.consent = 1;
	form.by_admin = confirmed;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	return id;
}

/* Run sql on the test's database, as another process would. */
static void
run_sql(struct test_board *f, const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(f->t->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* A claimed session of user_id. */
static void
add_session(struct test_board *f, int64_t user_id)
{
	uint8_t hash[KEYED_HASH_BYTES];
	struct store_session s;
	int64_t id = 0;

	randombytes_buf(hash, sizeof(hash));
	assert_int_equal(
	    session_open(&f->b, hash, user_id, "192.0.2.9", 1, &id), 0);
	assert_int_equal(session_claim(&f->b, hash, &s), 0);
}

/* The buckets: weeks start on a Monday at 00:00 UTC, the last holds
 * now; days start at 00:00 UTC, the last is today. */
static void
test_buckets(void **state)
{
	struct test_board *f = *state;
	struct stats st;
	int64_t now = clock_now();

	assert_int_equal(stats_collect(&f->b, now, &st), 0);
	/* 1970-01-05 was a Monday. */
	assert_int_equal((st.week_start - 4 * TEST_DAY) % TEST_WEEK, 0);
	assert_true(st.week_start + (STATS_WEEKS - 1) * TEST_WEEK <= now);
	assert_true(now < st.week_start + STATS_WEEKS * TEST_WEEK);
	assert_int_equal(st.day_start % TEST_DAY, 0);
	assert_true(st.day_start + (STATS_DAYS - 1) * TEST_DAY <= now);
	assert_true(now < st.day_start + STATS_DAYS * TEST_DAY);
	assert_int_equal(st.year_start % TEST_DAY, 0);
	assert_true(
	    st.year_start <= now && now - st.year_start < 366 * TEST_DAY);
}

/* What the dashboard counts, each in its place. */
static void
test_counts(void **state)
{
	struct test_board *f = *state;
	struct store_item area;
	struct stats st;
	int64_t anna, bert, carl, dora, req[4], now;
	int i;

	test_clock_ahead(f, 0);
	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	anna = add_member(f, "anna", 1);
	bert = add_member(f, "bert", 1);
	carl = add_member(f, "carl", 0);
	dora = add_member(f, "dora", 1);
	run_sql(f, "UPDATE user SET is_demo = 1 WHERE username = 'dora'");
	/* anna mentors; bert and carl are mentees, bert in both roles of
	 * two areas counts once; dora (demo) does not count. */
	assert_int_equal(
	    store_role_set(f->t->st, anna, area.id, STORE_ROLE_MENTOR, 1), 0);
	assert_int_equal(
	    store_role_set(f->t->st, bert, area.id, STORE_ROLE_MENTEE, 1), 0);
	assert_int_equal(
	    store_role_set(f->t->st, bert, area.id + 1, STORE_ROLE_MENTEE, 1),
	    0);
	assert_int_equal(
	    store_role_set(f->t->st, carl, area.id, STORE_ROLE_MENTEE, 1), 0);
	assert_int_equal(
	    store_role_set(f->t->st, dora, area.id, STORE_ROLE_MENTOR, 1), 0);
	assert_int_equal(store_user_set_member(f->t->st, bert, clock_now()), 0);
	/* Four requests: the oldest two days old and open, one open now,
	 * one connected, one official; then one ended. */
	test_clock_ahead(f, -2 * TEST_DAY);
	assert_int_equal(
	    store_mentorship_add(f->t->st, bert, anna, area.id, "", &req[0]),
	    0);
	test_clock_ahead(f, 0);
	for (i = 1; i < 4; i++)
		assert_int_equal(store_mentorship_add(f->t->st, carl, anna,
				     area.id, "", &req[i]),
		    0);
	assert_int_equal(
	    store_mentorship_move(f->t->st, req[2], STORE_MSHIP_OPEN,
		STORE_MSHIP_CONNECTED, NULL, NULL),
	    0);
	assert_int_equal(
	    store_mentorship_move(f->t->st, req[3], STORE_MSHIP_OPEN,
		STORE_MSHIP_OFFICIAL, NULL, NULL),
	    0);
	add_session(f, anna);
	add_session(f, anna);
	add_session(f, 0);
	now = clock_now();
	assert_int_equal(stats_collect(&f->b, now, &st), 0);
	assert_int_equal(st.n.members, 3);
	assert_int_equal(st.n.demo, 1);
	assert_int_equal(st.n.verified, 2);
	assert_int_equal(st.n.mentors, 1);
	assert_int_equal(st.n.mentees, 2);
	assert_int_equal(st.n.community, 1);
	assert_int_equal(st.n.sysops, 0);
	assert_int_equal(st.n.open_requests, 2);
	assert_true(now - st.n.oldest_open >= 2 * TEST_DAY);
	assert_int_equal(st.n.connected, 1);
	assert_int_equal(st.n.official, 1);
	assert_int_equal(st.n.ended_since, 0);
	assert_int_equal(st.n.online_sessions, 3);
	assert_int_equal(st.n.online_members, 1);
	assert_int_equal(
	    store_mentorship_move(f->t->st, req[3], STORE_MSHIP_OFFICIAL,
		STORE_MSHIP_ENDED, NULL, NULL),
	    0);
	assert_int_equal(stats_collect(&f->b, now, &st), 0);
	assert_int_equal(st.n.official, 0);
	assert_int_equal(st.n.ended_since, 1);
	/* Ended last year: not this year's. */
	assert_int_equal(stats_collect(&f->b, now + 366 * TEST_DAY, &st), 0);
	assert_int_equal(st.n.ended_since, 0);
	test_clock_ahead(f, 0);
}

/* New members (not demo ones) and requests a week, logins a day, each
 * in the bucket of its time; older ones are left out. */
static void
test_series(void **state)
{
	struct test_board *f = *state;
	struct store_item area;
	struct stats st;
	int64_t anna, bert, req = 0, now, week;

	test_clock_ahead(f, -3 * TEST_WEEK);
	anna = add_member(f, "anna", 1);
	assert_int_equal(
	    session_login(&f->b, anna, "192.0.2.1", SESSION_METHOD_KEY), 0);
	test_clock_ahead(f, -STATS_WEEKS * TEST_WEEK - TEST_DAY);
	(void)add_member(f, "old", 1);
	test_clock_ahead(f, -2 * TEST_DAY);
	bert = add_member(f, "bert", 1);
	assert_int_equal(
	    session_login(&f->b, bert, "192.0.2.2", SESSION_METHOD_PASSWORD),
	    0);
	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	assert_int_equal(
	    store_mentorship_add(f->t->st, bert, anna, area.id, "", &req), 0);
	test_clock_ahead(f, 0);
	(void)add_member(f, "carl", 1);
	(void)add_member(f, "dora", 1);
	run_sql(f, "UPDATE user SET is_demo = 1 WHERE username = 'dora'");
	assert_int_equal(
	    session_login(&f->b, bert, "192.0.2.2", SESSION_METHOD_PASSWORD),
	    0);
	assert_int_equal(
	    session_login(&f->b, bert, "192.0.2.2", SESSION_METHOD_PASSWORD),
	    0);
	now = clock_now();
	assert_int_equal(stats_collect(&f->b, now, &st), 0);
	/* The bucket of a time t: (t - start) / length. */
	week = (now - st.week_start) / TEST_WEEK;
	assert_int_equal(week, STATS_WEEKS - 1);
	assert_int_equal(
	    st.new_members[(now - 3 * TEST_WEEK - st.week_start) / TEST_WEEK],
	    1); /* anna */
	/* bert, two days ago: this week's too, or the week before. */
	if ((now - 2 * TEST_DAY - st.week_start) / TEST_WEEK == week)
		assert_int_equal(st.new_members[week], 2);
	else {
		assert_int_equal(st.new_members[week - 1], 1);
		assert_int_equal(st.new_members[week], 1); /* carl */
	}
	assert_int_equal(
	    st.requests[(now - 2 * TEST_DAY - st.week_start) / TEST_WEEK], 1);
	assert_int_equal(st.logins[STATS_DAYS - 1], 2);
	assert_int_equal(st.logins[STATS_DAYS - 3], 1);
	assert_int_equal(st.logins[STATS_DAYS - 1 - 21], 1);
	{
		int64_t sum = 0;
		size_t i;

		for (i = 0; i < STATS_WEEKS; i++)
			sum += st.new_members[i];
		assert_int_equal(sum, 3); /* not "old", not dora */
		for (sum = 0, i = 0; i < STATS_DAYS; i++)
			sum += st.logins[i];
		assert_int_equal(sum, 4);
	}
	test_clock_ahead(f, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_blocks),
		cmocka_unit_test(test_chart_small_and_empty),
		TEST_BOARD(test_buckets),
		TEST_BOARD(test_counts),
		TEST_BOARD(test_series),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
