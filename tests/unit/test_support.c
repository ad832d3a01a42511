/* Unit tests: members' questions to the mentoring team (common/support.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"
#include "cli.h"
#include "clock.h"
#include "error.h"
#include "notify.h"
#include "store.h"
#include "store_internal.h"
#include "support.h"
#include "test_util.h"

static int64_t
add_member(struct test_board *f, const char *name, int sysop)
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
	form.first_name = name;
	form.last_name = "Person";
	form.by_admin = 1;
	form.sysop = sysop;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	return id;
}

static struct viewer
as(int64_t id, int sysop)
{
	struct viewer v;

	memset(&v, 0, sizeof(v));
	v.user_id = id;
	v.verified = 1;
	v.is_sysop = sysop;
	return v;
}

/* The kinds of user_id's unread notifications, newest first, into out. */
static size_t
unread_kinds(
    struct test_board *f, int64_t user_id, enum notify_kind *out, size_t max)
{
	struct notify_item *items = NULL;
	size_t n = 0, i;

	assert_int_equal(
	    notify_list(&f->b, user_id, STORE_NOTIFY_UNREAD, 0, &items, &n), 0);
	for (i = 0; i < n && i < max; i++)
		out[i] = items[i].kind;
	free(items);
	return n;
}

static void
test_split(void **state)
{
	char *subject = NULL, *body = NULL;

	(void)state;
	support_split("\n  My CV  \nWhy is it refused?\n\n", &subject, &body);
	assert_string_equal(subject, "My CV");
	assert_string_equal(body, "Why is it refused?");
	free(subject);
	free(body);
	/* One line: the question is its own message. */
	support_split("How do I find a mentor?", &subject, &body);
	assert_string_equal(subject, "How do I find a mentor?");
	assert_string_equal(body, "How do I find a mentor?");
	free(subject);
	free(body);
}

/*
 * A question and its answer round-trip: the team is told of the
 * question, the member of the answer (by the team, not by name); the
 * member writing again opens it for the team again.
 */
static void
test_question_and_answer(void **state)
{
	struct test_board *f = *state;
	struct store_support_thread t, *rows = NULL;
	struct store_support_message *msgs = NULL;
	struct notify_item *items = NULL;
	enum notify_kind kinds[8];
	struct viewer tom, sam;
	const char *why = NULL;
	int64_t id = 0, anonymous = 0;
	size_t n = 0;

	clock_init(f->t->dir);
	tom = as(add_member(f, "tom", 0), 0);
	sam = as(add_member(f, "sam", 1), 1);
	assert_int_equal(support_send(&f->b, &tom, "My CV",
			     "Why is my CV refused?", &id, &why),
	    0);
	assert_int_equal(unread_kinds(f, sam.user_id, kinds, 8), 1);
	assert_int_equal(kinds[0], NOTIFY_SUPPORT_QUESTION);
	assert_int_equal(support_team_list(&f->b, 1, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	assert_int_equal(rows[0].messages, 1);
	free(rows);
	assert_int_equal(support_team_reply(&f->b, sam.user_id, id,
			     "It is larger than 5 MiB.", &why),
	    0);
	/* Answered: the team's notification of it is read. */
	assert_int_equal(unread_kinds(f, sam.user_id, kinds, 8), 0);
	assert_int_equal(support_team_list(&f->b, 1, &rows, &n), 0);
	assert_int_equal(n, 0);
	free(rows);
	assert_int_equal(
	    notify_list(&f->b, tom.user_id, STORE_NOTIFY_UNREAD, 0, &items, &n),
	    0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].kind, NOTIFY_SUPPORT_REPLY);
	assert_non_null(strstr(items[0].text, "My CV"));
	assert_null(strstr(items[0].text, "sam"));
	/* Stored without the sysop as its actor: the team answers. */
	assert_int_equal(store_ints(f->t->st, "test",
			     "SELECT count(*) FROM notification WHERE user_id "
			     "= ? AND kind = 'support-reply' AND actor_id IS "
			     "NULL",
			     &anonymous, 1, "i", tom.user_id),
	    0);
	assert_int_equal(anonymous, 1);
	(void)snprintf(items[0].text, sizeof(items[0].text),
	    "support show %lld", (long long)id);
	assert_string_equal(items[0].link, items[0].text);
	free(items);
	assert_int_equal(support_get(&f->b, &tom, id, &t, &msgs, &n), 0);
	assert_int_equal(t.state, STORE_SUPPORT_ANSWERED);
	assert_int_equal(n, 2);
	assert_false(msgs[0].from_team);
	assert_true(msgs[1].from_team);
	assert_string_equal(msgs[1].body, "It is larger than 5 MiB.");
	store_support_messages_free(msgs, n);
	assert_int_equal(support_mark_read(&f->b, &tom, id), 0);
	assert_int_equal(unread_kinds(f, tom.user_id, kinds, 8), 0);
	/* The member writes again: it waits for the team again. */
	assert_int_equal(support_reply(&f->b, &tom, id, "Thank you!", &why), 0);
	assert_int_equal(support_get(&f->b, &tom, id, &t, &msgs, &n), 0);
	assert_int_equal(t.state, STORE_SUPPORT_OPEN);
	store_support_messages_free(msgs, n);
	assert_int_equal(unread_kinds(f, sam.user_id, kinds, 8), 1);
	assert_int_equal(support_close(&f->b, sam.user_id, id, &why), 0);
	assert_int_equal(
	    support_close(&f->b, sam.user_id, id, &why), MB_ERR_EXISTS);
	assert_int_equal(unread_kinds(f, sam.user_id, kinds, 8), 0);
	assert_int_equal(support_threads(&f->b, &tom, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].state, STORE_SUPPORT_CLOSED);
	free(rows);
}

/* Only the member and the team read a thread. */
static void
test_who_reads(void **state)
{
	struct test_board *f = *state;
	struct store_support_thread t, *rows = NULL;
	struct store_support_message *msgs = NULL;
	struct viewer tom, eve, sam, guest;
	const char *why = NULL;
	int64_t id = 0;
	size_t n = 0;

	tom = as(add_member(f, "tom", 0), 0);
	eve = as(add_member(f, "eve", 0), 0);
	sam = as(add_member(f, "sam", 1), 1);
	memset(&guest, 0, sizeof(guest));
	assert_int_equal(
	    support_send(&f->b, &tom, "Private", "Secret words", &id, &why), 0);
	assert_int_equal(
	    support_get(&f->b, &eve, id, &t, &msgs, &n), MB_ERR_NOTFOUND);
	assert_null(msgs);
	assert_int_equal(
	    support_get(&f->b, &guest, id, &t, &msgs, &n), MB_ERR_NOTFOUND);
	assert_int_equal(
	    support_reply(&f->b, &eve, id, "Me too", &why), MB_ERR_NOTFOUND);
	assert_int_equal(support_threads(&f->b, &eve, &rows, &n), 0);
	assert_int_equal(n, 0);
	free(rows);
	/* A sysop reads it, and a sysop's words are the team's. */
	assert_int_equal(support_get(&f->b, &sam, id, &t, &msgs, &n), 0);
	store_support_messages_free(msgs, n);
	assert_int_equal(
	    support_reply(&f->b, &sam, id, "We will look.", &why), 0);
	assert_int_equal(support_get(&f->b, &tom, id, &t, &msgs, &n), 0);
	assert_int_equal(n, 2);
	assert_true(msgs[1].from_team);
	store_support_messages_free(msgs, n);
	/* A sysop who is not confirmed is not of the team. */
	sam.verified = 0;
	assert_int_equal(
	    support_get(&f->b, &sam, id, &t, &msgs, &n), MB_ERR_NOTFOUND);
}

/* SUPPORT_SUBJECT_MAX, SUPPORT_MESSAGE_MAX, SUPPORT_OPEN_MAX. */
static void
test_limits(void **state)
{
	struct test_board *f = *state;
	struct viewer tom;
	const char *why = NULL;
	char subject[SUPPORT_SUBJECT_MAX + 2], *text = NULL;
	int64_t id = 0, first = 0;
	int i;

	tom = as(add_member(f, "tom", 0), 0);
	memset(subject, 's', SUPPORT_SUBJECT_MAX + 1);
	subject[SUPPORT_SUBJECT_MAX + 1] = '\0';
	text = malloc(SUPPORT_MESSAGE_MAX + 2);
	assert_non_null(text);
	memset(text, 't', SUPPORT_MESSAGE_MAX + 1);
	text[SUPPORT_MESSAGE_MAX + 1] = '\0';
	assert_int_equal(support_send(&f->b, &tom, subject, "Hi", &id, &why),
	    MB_ERR_INVALID);
	assert_int_equal(
	    support_send(&f->b, &tom, "", "Hi", &id, &why), MB_ERR_INVALID);
	assert_int_equal(
	    support_send(&f->b, &tom, "Hi", " \n ", &id, &why), MB_ERR_INVALID);
	assert_int_equal(
	    support_send(&f->b, &tom, "Hi", text, &id, &why), MB_ERR_INVALID);
	subject[SUPPORT_SUBJECT_MAX] = '\0';
	text[SUPPORT_MESSAGE_MAX] = '\0';
	for (i = 0; i < SUPPORT_OPEN_MAX; i++) {
		assert_int_equal(
		    support_send(&f->b, &tom, subject, text, &id, &why), 0);
		if (i == 0)
			first = id;
	}
	assert_int_equal(support_send(&f->b, &tom, "One more", "Hi", &id, &why),
	    MB_ERR_LIMIT);
	/* Answered, one no longer waits: room for another. */
	assert_int_equal(support_team_reply(&f->b, 0, first, "Yes.", &why), 0);
	assert_int_equal(
	    support_send(&f->b, &tom, "One more", "Hi", &id, &why), 0);
	assert_int_equal(
	    support_team_reply(&f->b, 0, 9999, "Who?", &why), MB_ERR_NOTFOUND);
	free(text);
}

/* A sysop may ask too: the rest of the team is told, not the one who
 * asked. */
static void
test_sysop_asks(void **state)
{
	struct test_board *f = *state;
	enum notify_kind kinds[8];
	struct viewer sam, ann;
	const char *why = NULL;
	int64_t id = 0;

	sam = as(add_member(f, "sam", 1), 1);
	ann = as(add_member(f, "ann", 1), 1);
	assert_int_equal(
	    support_send(&f->b, &sam, "The board", "Who else?", &id, &why), 0);
	assert_int_equal(unread_kinds(f, sam.user_id, kinds, 8), 0);
	assert_int_equal(unread_kinds(f, ann.user_id, kinds, 8), 1);
	assert_int_equal(kinds[0], NOTIFY_SUPPORT_QUESTION);
}

/* A list shows SUPPORT_LIST_MAX questions at most. */
static void
test_list_limit(void **state)
{
	struct test_board *f = *state;
	struct store_support_thread *rows = NULL;
	struct viewer tom;
	char newest[16];
	size_t n = 0;

	tom = as(add_member(f, "tom", 0), 0);
	assert_int_equal(store_run(f->t->st, "test",
			     "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL "
			     "SELECT i + 1 FROM c WHERE i < ?) INSERT INTO "
			     "support_thread (user_id, subject, created_at, "
			     "updated_at) SELECT ?, 'Q' || i, i, i FROM c",
			     "ii", (int64_t)SUPPORT_LIST_MAX + 1, tom.user_id),
	    0);
	assert_int_equal(support_threads(&f->b, &tom, &rows, &n), 0);
	assert_int_equal(n, SUPPORT_LIST_MAX);
	/* The member's newest first, the team's oldest waiting first. */
	(void)snprintf(newest, sizeof(newest), "Q%d", SUPPORT_LIST_MAX + 1);
	assert_string_equal(rows[0].subject, newest);
	free(rows);
	assert_int_equal(support_team_list(&f->b, 1, &rows, &n), 0);
	assert_int_equal(n, SUPPORT_LIST_MAX);
	assert_string_equal(rows[0].subject, "Q1");
	free(rows);
}

/*
 * A full disk (SQLite's page limit stands in for it): the question is not
 * stored, not half either; the error is MB_ERR_FULL, the fault the faces
 * tell is the full disk, which is what a command prints whatever it
 * meant to say; with room again it goes.
 */
static void
test_full_disk(void **state)
{
	struct test_board *f = *state;
	struct store_support_thread *rows = NULL;
	struct viewer tom;
	const char *why = NULL;
	char *body = NULL, line[256];
	int64_t id = 0;
	size_t n = 0, i;
	FILE *err = NULL;

	tom = as(add_member(f, "tom", 0), 0);
	/* No free page left, and the limit at the pages there are. */
	assert_int_equal(
	    sqlite3_exec(f->t->st->db, "VACUUM; PRAGMA max_page_count = 1",
		NULL, NULL, NULL),
	    SQLITE_OK);
	/* Two bytes a character: more than a page, so that it needs one. */
	body = calloc(2, SUPPORT_MESSAGE_MAX + 1);
	assert_non_null(body);
	for (i = 0; i < SUPPORT_MESSAGE_MAX; i++)
		memcpy(body + 2 * i, "\xc3\xa9", 2);
	error_fault_set(0);
	assert_int_equal(
	    support_send(&f->b, &tom, "Full", body, &id, &why), MB_ERR_FULL);
	assert_int_equal(error_fault(), MB_ERR_FULL);
	err = tmpfile();
	assert_non_null(err);
	cli_error_to(err);
	cli_error("please try again");
	cli_error_to(NULL);
	rewind(err);
	assert_non_null(fgets(line, sizeof(line), err));
	assert_non_null(strstr(line,
	    "the board's disk is full; nothing was saved; try again later"));
	assert_null(strstr(line, "please try again\n"));
	(void)fclose(err);
	assert_int_equal(support_threads(&f->b, &tom, &rows, &n), 0);
	assert_int_equal(n, 0);
	free(rows);

	assert_int_equal(
	    sqlite3_exec(f->t->st->db, "PRAGMA max_page_count = 1000000", NULL,
		NULL, NULL),
	    SQLITE_OK);
	error_fault_set(0);
	assert_int_equal(support_send(&f->b, &tom, "Full", body, &id, &why), 0);
	assert_int_equal(error_fault(), 0);
	assert_int_equal(support_threads(&f->b, &tom, &rows, &n), 0);
	assert_int_equal(n, 1);
	free(rows);
	free(body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		TEST_BOARD(test_question_and_answer),
		TEST_BOARD(test_who_reads),
		TEST_BOARD(test_limits),
		TEST_BOARD(test_sysop_asks),
		TEST_BOARD(test_list_limit),
		TEST_BOARD(test_full_disk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
