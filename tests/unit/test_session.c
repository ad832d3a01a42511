/*
 * Unit tests: who is connected and how they logged in (common/session.c):
 * the login record and its retention, session ids, the hand-over file's
 * mark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "account.h"
#include "clock.h"
#include "error.h"
#include "retention.h"
#include "session.h"
#include "store.h"
#include "test_util.h"

#define TEST_DAY (24 * 3600)

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

/* Logins are recorded with their method, newest first, and forgotten
 * after login_retention_days, not before. */
static void
test_logins_recorded_and_expired(void **state)
{
	struct test_board *f = *state;
	struct store_login *rows = NULL;
	struct retention_counts removed;
	int64_t anna = add_member(f, "anna");
	size_t n = 0;

	test_clock_ahead(f, 0);
	assert_int_equal(
	    session_login(&f->b, anna, "192.0.2.1", SESSION_METHOD_PASSWORD),
	    0);
	test_clock_ahead(f, 10 * TEST_DAY);
	assert_int_equal(
	    session_login(&f->b, anna, "192.0.2.2", SESSION_METHOD_KEY), 0);
	test_clock_ahead(f, 11 * TEST_DAY);
	assert_int_equal(
	    session_login(&f->b, anna, "local", SESSION_METHOD_LOCAL), 0);
	assert_int_equal(store_login_recent(f->t->st, anna, 2, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].method, "local");
	assert_string_equal(rows[1].method, "key");
	assert_string_equal(rows[1].remote_addr, "192.0.2.2");
	free(rows);

	/* A second before the first is 5 days old, nothing goes; a second
	 * after, the first does. */
	f->cfg.login_retention_days = 5;
	test_clock_ahead(f, 5 * TEST_DAY - 1);
	assert_int_equal(retention_run(&f->b, &removed), 0);
	assert_int_equal(removed.logins, 0);
	test_clock_ahead(f, 5 * TEST_DAY + 1);
	assert_int_equal(retention_run(&f->b, &removed), 0);
	assert_int_equal(removed.logins, 1);
	assert_int_equal(store_login_recent(f->t->st, anna, 10, &rows, &n), 0);
	assert_int_equal(n, 2);
	free(rows);
	test_clock_ahead(f, 0);
}

/* An ended session's id is never given again: a kick by id cannot reach
 * a newer session. */
static void
test_session_ids_not_reused(void **state)
{
	struct test_board *f = *state;
	uint8_t hash[KEYED_HASH_BYTES];
	int64_t first = 0, second = 0;

	randombytes_buf(hash, sizeof(hash));
	assert_int_equal(
	    session_open(&f->b, hash, 0, "192.0.2.1", 1, &first), 0);
	session_close(&f->b, first);
	randombytes_buf(hash, sizeof(hash));
	assert_int_equal(
	    session_open(&f->b, hash, 0, "192.0.2.1", 1, &second), 0);
	assert_true(second > first);
	assert_int_equal(session_close(&f->b, second), 0);
	assert_int_equal(session_close_all(&f->b), 0);
	randombytes_buf(hash, sizeof(hash));
	assert_int_equal(
	    session_open(&f->b, hash, 0, "192.0.2.1", 1, &first), 0);
	assert_true(first > second);
}

/*
 * The hand-over file: the token, emptied once read, then the mark that the
 * mentor closed its row; a token with the mark written over its start, a
 * half mark, or the mark with more after it, is no mark.
 */
static void
test_session_handover_mark(void **state)
{
	static const char token[] = "0123456789abcdef\nCchat 1";
	static const char mark[] = SESSION_HANDOVER_MARK;
	int fd;

	(void)state;
	fd = memfd_create("test-handover", MFD_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(
	    write(fd, token, sizeof(token) - 1), (ssize_t)sizeof(token) - 1);
	assert_false(session_handover_marked(fd));
	assert_int_equal(session_handover_clear(fd), 0);
	assert_false(session_handover_marked(fd));
	assert_int_equal(session_handover_mark(fd), 0);
	assert_true(session_handover_marked(fd));
	/* Something more after it. */
	assert_int_equal(pwrite(fd, "x", 1, sizeof(mark) - 1), 1);
	assert_false(session_handover_marked(fd));
	/* Written over a token, not in place of it. */
	assert_int_equal(pwrite(fd, token, sizeof(token) - 1, 0),
	    (ssize_t)sizeof(token) - 1);
	assert_int_equal(
	    pwrite(fd, mark, sizeof(mark) - 1, 0), (ssize_t)sizeof(mark) - 1);
	assert_false(session_handover_marked(fd));
	/* Half of it. */
	assert_int_equal(ftruncate(fd, 3), 0);
	assert_false(session_handover_marked(fd));
	assert_int_equal(close(fd), 0);
	/* Not a file that can be emptied: said, not marked. */
	assert_int_not_equal(session_handover_clear(-1), 0);
	assert_int_not_equal(session_handover_mark(-1), 0);
	assert_false(session_handover_marked(-1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_BOARD(test_logins_recorded_and_expired),
		TEST_BOARD(test_session_ids_not_reused),
		cmocka_unit_test(test_session_handover_mark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
