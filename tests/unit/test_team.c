/*
 * Unit tests: what the mentoring team does to members' accounts and
 * sessions (common/team.c), and the team's search of members.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "account.h"
#include "error.h"
#include "mail_queue.h"
#include "session.h"
#include "store.h"
#include "team.h"
#include "test_util.h"

/* A member called name: confirmed (by the operator) or not (then a
 * verification code is mailed). */
static int64_t
add_member(
    struct test_board *f, const char *name, const char *last, int confirmed)
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
	form.last_name = last;
	form.field_ids = ids;
	form.nfields = 1;
	form.consent = 1;
	form.by_admin = confirmed;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	assert_int_equal(mail_failed, 0);
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

/* How many mails went out, by counting their From: lines. */
static int
mails(struct test_board *f)
{
	char *text = NULL, *p = NULL;
	int n = 0;

	/* Send what the rules queued, as the housekeeping does. */
	assert_int_equal(mail_queue_run(&f->b, -1, &n), 0);
	n = 0;
	text = test_file_read(f->t->dir, "mail.out", NULL);
	for (p = text; p != NULL && (p = strstr(p, "From: ")) != NULL; p++)
		n++;
	free(text);
	return n;
}

static struct store_user
get_user(struct test_board *f, int64_t id)
{
	struct store_user u;

	assert_int_equal(store_user_get(f->t->st, id, &u), 0);
	return u;
}

/* Confirming by hand: once, for a member that exists. */
static void
test_confirm(void **state)
{
	struct test_board *f = *state;
	int64_t anna = add_member(f, "anna", "Kowalczyk", 0);
	const char *why = NULL;

	assert_false(get_user(f, anna).verified);
	assert_int_equal(team_confirm(&f->b, anna, &why), 0);
	assert_true(get_user(f, anna).verified);
	assert_int_equal(team_confirm(&f->b, anna, &why), MB_ERR_EXISTS);
	assert_non_null(why);
	why = NULL;
	assert_int_equal(team_confirm(&f->b, 999, &why), MB_ERR_NOTFOUND);
	assert_string_equal(why, "no such member");
}

/* A new verification code, or a reset code, within the member's limits;
 * not a verification code for a confirmed address. */
static void
test_resend_and_reset(void **state)
{
	struct test_board *f = *state;
	int64_t anna = add_member(f, "anna", "Kowalczyk", 0);
	int64_t bob = add_member(f, "bob", "Berger", 1);
	const char *why = NULL;

	assert_int_equal(mails(f), 1); /* at registration */
	/* Within MAIL_MIN_INTERVAL of the first: not yet. */
	assert_int_equal(team_resend(&f->b, anna, &why), MB_ERR_LIMIT);
	assert_int_equal(mails(f), 1);
	assert_int_equal(team_resend(&f->b, bob, &why), MB_ERR_EXISTS);
	assert_int_equal(team_reset(&f->b, bob, &why), 0);
	assert_int_equal(mails(f), 2);
	assert_int_equal(team_reset(&f->b, bob, &why), MB_ERR_LIMIT);
	assert_int_equal(mails(f), 2);
	why = NULL;
	assert_int_equal(team_reset(&f->b, 999, &why), MB_ERR_NOTFOUND);
	assert_non_null(why);
	why = NULL;
	assert_int_equal(team_resend(&f->b, 999, &why), MB_ERR_NOTFOUND);
	assert_non_null(why);
}

/* Promote and demote: only confirmed members who are not banned become
 * sysops, and the last sysop who is not banned stays one. */
static void
test_sysop_rules(void **state)
{
	struct test_board *f = *state;
	int64_t anna = add_member(f, "anna", "Kowalczyk", 1);
	int64_t bob = add_member(f, "bob", "Berger", 1);
	int64_t eve = add_member(f, "eve", "Evans", 0);
	const char *why = NULL;

	assert_int_equal(team_set_sysop(&f->b, anna, 0, &why), MB_ERR_EXISTS);
	assert_int_equal(team_set_sysop(&f->b, anna, 1, &why), 0);
	assert_true(get_user(f, anna).is_sysop);
	assert_int_equal(team_set_sysop(&f->b, anna, 1, &why), MB_ERR_EXISTS);
	/* The only sysop. */
	assert_int_equal(team_set_sysop(&f->b, anna, 0, &why), MB_ERR_DENIED);
	assert_true(get_user(f, anna).is_sysop);
	assert_int_equal(team_set_sysop(&f->b, eve, 1, &why), MB_ERR_INVALID);
	assert_false(get_user(f, eve).is_sysop);
	assert_int_equal(team_set_sysop(&f->b, bob, 1, &why), 0);
	assert_int_equal(team_set_sysop(&f->b, anna, 0, &why), 0);
	assert_false(get_user(f, anna).is_sysop);
	assert_int_equal(team_set_sysop(&f->b, bob, 0, &why), MB_ERR_DENIED);
	/* A banned sysop does not count, and may be demoted. */
	assert_int_equal(team_set_sysop(&f->b, anna, 1, &why), 0);
	run_sql(f, "UPDATE user SET banned_at = 1 WHERE username = 'bob'");
	assert_int_equal(team_set_sysop(&f->b, anna, 0, &why), MB_ERR_DENIED);
	assert_int_equal(team_set_sysop(&f->b, bob, 0, &why), 0);
	assert_int_equal(team_set_sysop(&f->b, bob, 1, &why), MB_ERR_INVALID);
	assert_int_equal(team_set_sysop(&f->b, 999, 1, &why), MB_ERR_NOTFOUND);
}

/*
 * Two sysops demote each other at once, each in a process of its own
 * (its own connection, as two sessions): one is refused, so one stays.
 */
static void
test_sysop_demote_race(void **state)
{
	struct test_board *f = *state;
	int64_t ids[2];
	int go[2], status, i, refused = 0;
	pid_t pids[2];
	char byte = 0;

	ids[0] = add_member(f, "anna", "Kowalczyk", 1);
	ids[1] = add_member(f, "bob", "Berger", 1);
	run_sql(f, "UPDATE user SET is_sysop = 1");
	assert_int_equal(pipe(go), 0);
	for (i = 0; i < 2; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct board b = f->b;
			const char *why = NULL;
			int rc;

			(void)close(go[1]);
			if (store_open(f->t->path, &b.store) != 0)
				_exit(3);
			/* Both start when the pipe closes. */
			(void)read(go[0], &byte, 1);
			rc = team_set_sysop(&b, ids[1 - i], 0, &why);
			store_close(b.store);
			_exit(rc == 0 ? 0 : rc == MB_ERR_DENIED ? 1 : 2);
		}
	}
	(void)close(go[0]);
	(void)close(go[1]);
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_true(WEXITSTATUS(status) <= 1);
		refused += WEXITSTATUS(status);
	}
	assert_int_equal(refused, 1);
	assert_int_equal(
	    get_user(f, ids[0]).is_sysop + get_user(f, ids[1]).is_sysop, 1);
}

/* A session, as mentord's connection process and mentor make it. */
static int64_t
add_session(struct test_board *f, int64_t user_id, int claim)
{
	uint8_t hash[KEYED_HASH_BYTES];
	struct store_session s;
	int64_t id = 0;

	randombytes_buf(hash, sizeof(hash));
	assert_int_equal(
	    session_open(&f->b, hash, user_id, "192.0.2.7", 4242, &id), 0);
	if (claim)
		assert_int_equal(session_claim(&f->b, hash, &s), 0);
	return id;
}

/* A kick ends one claimed session, with words of one line. */
static void
test_kick(void **state)
{
	struct test_board *f = *state;
	int64_t anna = add_member(f, "anna", "Kowalczyk", 1);
	int64_t one = add_session(f, anna, 1), two = add_session(f, anna, 1);
	int64_t guest = add_session(f, 0, 1),
		unclaimed = add_session(f, anna, 0);
	int64_t who = -1;
	char why_out[STORE_BAN_REASON_MAX];
	const char *why = NULL;
	char long_text[TEAM_KICK_CHARS + 2];

	assert_int_equal(
	    team_kick(&f->b, one, "Time for a break", &who, &why), 0);
	assert_int_equal(who, anna);
	assert_int_equal(
	    store_session_kicked(f->t->st, one, why_out, sizeof(why_out)), 0);
	assert_string_equal(why_out, "Time for a break");
	assert_int_equal(
	    store_session_kicked(f->t->st, two, why_out, sizeof(why_out)), 0);
	assert_string_equal(why_out, "");
	assert_int_equal(team_kick(&f->b, guest, "Bye", &who, &why), 0);
	assert_int_equal(who, 0);
	assert_int_equal(
	    team_kick(&f->b, unclaimed, "Bye", &who, &why), MB_ERR_NOTFOUND);
	assert_int_equal(
	    team_kick(&f->b, 999, "Bye", &who, &why), MB_ERR_NOTFOUND);
	assert_int_equal(
	    team_kick(&f->b, two, "two\nlines", &who, &why), MB_ERR_INVALID);
	assert_int_equal(team_kick(&f->b, two, "", &who, &why), MB_ERR_INVALID);
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	assert_int_equal(
	    team_kick(&f->b, two, long_text, &who, &why), MB_ERR_INVALID);
	long_text[TEAM_KICK_CHARS] = '\0';
	assert_int_equal(team_kick(&f->b, two, long_text, &who, &why), 0);
}

/* Who is online: claimed sessions only, of one member or of all. */
static void
test_online(void **state)
{
	struct test_board *f = *state;
	int64_t anna = add_member(f, "anna", "Kowalczyk", 1);
	int64_t one = add_session(f, anna, 1);
	struct store_online *rows = NULL;
	size_t n = 0;

	(void)add_session(f, 0, 1);
	(void)add_session(f, anna, 0);
	assert_int_equal(store_session_online(f->t->st, 0, &rows, &n), 0);
	assert_int_equal(n, 2);
	free(rows);
	assert_int_equal(store_session_online(f->t->st, anna, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].session_id, one);
	assert_string_equal(rows[0].username, "anna");
	assert_string_equal(rows[0].remote_addr, "192.0.2.7");
	assert_int_equal(rows[0].active_at, rows[0].started_at);
	free(rows);
}

/* The team's search: every word, in any of the four, any case. */
static void
test_search(void **state)
{
	struct test_board *f = *state;
	const char *words[STORE_USER_SEARCH_WORDS + 1] = { "kow" };
	struct store_user *rows = NULL;
	size_t n = 0;

	(void)add_member(f, "anna", "Kowalczyk", 1);
	(void)add_member(f, "bob", "Kowalski", 1);
	(void)add_member(f, "carla", "Berger", 1);
	assert_int_equal(
	    store_user_search(f->t->st, words, 1, 10, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].username, "bob"); /* newest first */
	free(rows);
	words[1] = "anna@";
	assert_int_equal(
	    store_user_search(f->t->st, words, 2, 10, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].username, "anna");
	free(rows);
	assert_int_equal(
	    store_user_search(f->t->st, words, 0, 2, &rows, &n), 0);
	assert_int_equal(n, 2);
	free(rows);
	assert_int_equal(store_user_search(f->t->st, words,
			     STORE_USER_SEARCH_WORDS + 1, 10, &rows, &n),
	    MB_ERR_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_BOARD(test_confirm),
		TEST_BOARD(test_resend_and_reset),
		TEST_BOARD(test_sysop_rules),
		TEST_BOARD(test_sysop_demote_race),
		TEST_BOARD(test_kick),
		TEST_BOARD(test_online),
		TEST_BOARD(test_search),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
