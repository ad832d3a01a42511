/* Unit tests: news per member (common/store_news.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <poll.h>

#include "auth.h"
#include "error.h"
#include "store.h"
#include "test_util.h"
#include "util.h"

#define ANNA 1
#define BERT 2

/* A claimed session of user_id (0: a guest) listening on *fd. */
static int64_t
session_listening(struct store *st, int64_t user_id, int *fd)
{
	uint8_t token[TOKEN_BYTES], hash[KEYED_HASH_BYTES];
	struct store_session s;
	char hex[TOKEN_HEX_LEN + 1];
	int64_t id = 0;

	auth_token_new(token, hex);
	memcpy(hash, token, sizeof(token));
	assert_int_equal(store_session_add(st, hash, sizeof(hash), user_id,
			     "127.0.0.1", 1, &id),
	    0);
	assert_int_equal(store_session_claim(st, hash, sizeof(hash), &s), 0);
	assert_int_equal(store_news_listen(st, id, fd), 0);
	return id;
}

/* The wake-ups waiting on fd (after a moment for them to arrive). */
static size_t
received(int fd, struct store_news_event *ev, size_t max)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	(void)poll(&p, 1, 50);
	return store_news_receive(fd, ev, max);
}

static void
add_users(struct store *st)
{
	struct store_user u;
	const char *which = NULL;
	int64_t id;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "anna");
	(void)snprintf(u.email, sizeof(u.email), "anna@example.org");
	(void)snprintf(u.first_name, sizeof(u.first_name), "Anna");
	(void)snprintf(u.last_name, sizeof(u.last_name), "K");
	assert_int_equal(store_user_create(st, &u, NULL, 0, &id, &which), 0);
	assert_int_equal(id, ANNA);
	(void)snprintf(u.username, sizeof(u.username), "bert");
	(void)snprintf(u.email, sizeof(u.email), "bert@example.org");
	assert_int_equal(store_user_create(st, &u, NULL, 0, &id, &which), 0);
	assert_int_equal(id, BERT);
}

static void
test_news_reaches_the_member_only(void **state)
{
	struct test_db *t = *state;
	struct store_news_event ev[4];
	int anna1 = -1, anna2 = -1, bert = -1, guest = -1;
	uint64_t anna_count, bert_count, guest_count;

	assert_int_equal(auth_init(), 0);
	add_users(t->st);
	(void)session_listening(t->st, ANNA, &anna1);
	(void)session_listening(t->st, ANNA, &anna2);
	(void)session_listening(t->st, BERT, &bert);
	(void)session_listening(t->st, 0, &guest);
	anna_count = store_news_count(t->st, ANNA);
	bert_count = store_news_count(t->st, BERT);
	guest_count = store_news_count(t->st, 0);

	store_news_mark(t->st, ANNA, STORE_NEWS_ACCOUNT, 42);
	assert_int_equal(received(anna1, ev, 4), 1);
	assert_int_equal(ev[0].user_id, ANNA);
	assert_int_equal(ev[0].kind, STORE_NEWS_ACCOUNT);
	assert_int_equal(ev[0].object_id, 42);
	assert_int_equal(received(anna2, ev, 4), 1);
	assert_int_equal(received(bert, ev, 4), 0);
	assert_int_equal(received(guest, ev, 4), 0);
	assert_true(store_news_count(t->st, ANNA) != anna_count);
	assert_true(store_news_count(t->st, BERT) == bert_count);
	assert_true(store_news_count(t->st, 0) == guest_count);

	/* News for everyone reaches every session, guests too. */
	store_news_mark(t->st, STORE_NEWS_EVERYONE, STORE_NEWS_LISTS, 0);
	assert_int_equal(received(anna1, ev, 4), 1);
	assert_int_equal(received(bert, ev, 4), 1);
	assert_int_equal(received(guest, ev, 4), 1);
	assert_int_equal(ev[0].kind, STORE_NEWS_LISTS);
	assert_true(store_news_count(t->st, 0) != guest_count);
	(void)close(anna1);
	(void)close(anna2);
	(void)close(bert);
	(void)close(guest);
}

static void
test_news_waits_for_the_commit(void **state)
{
	struct test_db *t = *state;
	struct store_news_event ev[4];
	int fd = -1;

	assert_int_equal(auth_init(), 0);
	add_users(t->st);
	(void)session_listening(t->st, ANNA, &fd);
	assert_int_equal(store_begin(t->st), 0);
	store_news_mark(t->st, ANNA, STORE_NEWS_ACCOUNT, 0);
	/* The same news twice in one transaction is one wake-up. */
	store_news_mark(t->st, ANNA, STORE_NEWS_ACCOUNT, 0);
	assert_int_equal(received(fd, ev, 4), 0);
	assert_int_equal(store_commit(t->st), 0);
	assert_int_equal(received(fd, ev, 4), 1);
	/* Rolled back: nothing happened, nobody is woken. */
	assert_int_equal(store_begin(t->st), 0);
	store_news_mark(t->st, ANNA, STORE_NEWS_ACCOUNT, 0);
	store_rollback(t->st);
	assert_int_equal(received(fd, ev, 4), 0);
	(void)close(fd);
}

static void
test_news_overflow_tells_everyone(void **state)
{
	struct test_db *t = *state;
	struct store_news_event ev[4];
	int anna = -1, bert = -1, i;

	assert_int_equal(auth_init(), 0);
	add_users(t->st);
	(void)session_listening(t->st, ANNA, &anna);
	(void)session_listening(t->st, BERT, &bert);
	assert_int_equal(store_begin(t->st), 0);
	for (i = 0; i <= STORE_NEWS_PENDING_MAX; i++)
		store_news_mark(t->st, ANNA, STORE_NEWS_ACCOUNT, i);
	assert_int_equal(store_commit(t->st), 0);
	/* More than a transaction holds: one "reread all" for everyone. */
	assert_int_equal(received(bert, ev, 4), 1);
	assert_int_equal(ev[0].kind, STORE_NEWS_ANY);
	assert_int_equal(ev[0].user_id, STORE_NEWS_EVERYONE);
	assert_true(received(anna, ev, 4) >= 1);
	(void)close(anna);
	(void)close(bert);
}

/* Sessions woken at once by news for everyone: more wake-ups than one
 * socket's send buffer holds (some 280), none read during the send. */
#define TEST_MANY_SESSIONS 700

static void
test_news_reaches_many_at_once(void **state)
{
	struct test_db *t = *state;
	struct store_news_event ev[4];
	int fds[TEST_MANY_SESSIONS], i, woken = 0;
	long long start;

	assert_int_equal(auth_init(), 0);
	for (i = 0; i < TEST_MANY_SESSIONS; i++)
		(void)session_listening(t->st, 0, &fds[i]);
	start = util_now_ms();
	store_news_mark(t->st, STORE_NEWS_EVERYONE, STORE_NEWS_ANNOUNCEMENT, 0);
	/* Sent without waiting for anyone to read. */
	assert_true(util_now_ms() - start < STORE_NEWS_SEND_WAIT_MS);
	for (i = 0; i < TEST_MANY_SESSIONS; i++) {
		woken += store_news_receive(fds[i], ev, 4) == 1;
		(void)close(fds[i]);
	}
	assert_int_equal(woken, TEST_MANY_SESSIONS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_DB(test_news_reaches_the_member_only),
		TEST_DB(test_news_waits_for_the_commit),
		TEST_DB(test_news_overflow_tells_everyone),
		TEST_DB(test_news_reaches_many_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
