/* Unit tests: notifications and their digest mails (common/notify.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "notify.h"
#include "store.h"
#include "test_util.h"

#define TEST_MINUTE 60

/* A confirmed member called name, first name first. */
static int64_t
add_member(struct test_board *f, const char *name, const char *first)
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
	form.first_name = first;
	form.last_name = "Kowalczyk";
	form.by_admin = 1;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	return id;
}

/* How many mails went to addr, and whether the last holds text. */
static int
mails_to(struct test_board *f, const char *addr, const char *text)
{
	char *all = test_file_read(f->t->dir, "mail.out", NULL), *p = NULL;
	char to[128];
	int n = 0, has = 0;

	if (all == NULL)
		return 0;
	(void)snprintf(to, sizeof(to), "To: %s", addr);
	for (p = strstr(all, to); p != NULL; p = strstr(p + 1, to)) {
		n++;
		has = text == NULL || strstr(p, text) != NULL;
	}
	free(all);
	return text == NULL || has ? n : -n;
}

static void
test_render_and_read(void **state)
{
	struct test_board *f = *state;
	struct notify_item *items = NULL;
	size_t n = 0;
	int64_t anna, bert;

	clock_init(f->t->dir);
	anna = add_member(f, "anna", "Anna");
	bert = add_member(f, "bert", "Bert");
	assert_int_equal(
	    notify_send(&f->b, anna, NOTIFY_MESSAGE, 0, 0, "Welcome aboard."),
	    0);
	assert_int_equal(notify_send(&f->b, anna, NOTIFY_MEMBERSHIP_DECLINED, 0,
			     7, "Not found."),
	    0);
	assert_int_equal(notify_list(&f->b, anna, 0, 0, &items, &n), 0);
	assert_int_equal(n, 2);
	/* Newest first, rendered, with the command that opens each. */
	assert_string_equal(items[0].text,
	    "The mentoring team declined your membership request: Not "
	    "found.");
	assert_string_equal(items[0].link, "membership");
	assert_string_equal(
	    notify_kind_word(items[0].kind), "membership-declined");
	assert_string_equal(
	    items[1].text, "The mentoring team: Welcome aboard.");
	assert_false(items[0].read);
	assert_int_equal(
	    notify_read(&f->b, bert, items[0].id), MB_ERR_NOTFOUND);
	assert_int_equal(notify_read(&f->b, anna, items[0].id), 0);
	free(items);
	assert_int_equal(
	    notify_list(&f->b, anna, STORE_NOTIFY_UNREAD, 0, &items, &n), 0);
	assert_int_equal(n, 1);
	free(items);
	assert_int_equal(notify_read(&f->b, anna, 0), 0);
	assert_int_equal(
	    notify_list(&f->b, anna, STORE_NOTIFY_UNREAD, 0, &items, &n), 0);
	assert_int_equal(n, 0);
	free(items);
}

/*
 * Notifications are rendered in the reader's language, and a digest is
 * written in its recipient's whatever the process speaks, which it speaks
 * again afterwards.
 */
static void
test_in_the_readers_language(void **state)
{
	struct test_board *f = *state;
	struct notify_item *items = NULL;
	size_t n = 0;
	int64_t anna, bert;
	int sent = 0;

	assert_non_null(bindtextdomain(MB_TEXT_DOMAIN, TEST_LOCALEDIR));
	(void)i18n_use(I18N_EN);
	clock_init(f->t->dir);
	anna = add_member(f, "anna", "Anna");
	bert = add_member(f, "bert", "Bert");
	assert_int_equal(store_user_set_language(f->t->st, anna, I18N_DE), 0);
	assert_int_equal(
	    notify_send(&f->b, anna, NOTIFY_MESSAGE, 0, 0, "Hallo."), 0);
	assert_int_equal(
	    notify_send(&f->b, bert, NOTIFY_MESSAGE, 0, 0, "Hello."), 0);
	(void)i18n_use(I18N_DE);
	assert_int_equal(notify_list(&f->b, anna, 0, 0, &items, &n), 0);
	(void)i18n_use(I18N_EN);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].text, "Das Mentoring-Team: Hallo.");
	free(items);
	test_clock_ahead(
	    f, (int64_t)(f->cfg.notify_mail_delay + 1) * TEST_MINUTE);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 2);
	assert_int_equal(
	    mails_to(f, "anna@example.org", "Das Mentoring-Team: Hallo."), 1);
	assert_int_equal(
	    mails_to(f, "anna@example.org", "notifications mail off"), 1);
	assert_int_equal(
	    mails_to(f, "bert@example.org", "The mentoring team: Hello."), 1);
	assert_int_equal(i18n_current(), I18N_EN);
	assert_string_equal(_("Chat"), "Chat");
	assert_string_equal(_("Search"), "Search");
}

static void
test_digest_after_delay_once_per_interval(void **state)
{
	struct test_board *f = *state;
	int64_t anna, id = 0;
	int sent = 0;

	clock_init(f->t->dir);
	anna = add_member(f, "anna", "Anna");
	assert_int_equal(
	    notify_send(&f->b, anna, NOTIFY_MESSAGE, 0, 0, "One."), 0);
	assert_int_equal(
	    notify_send(&f->b, anna, NOTIFY_MESSAGE, 0, 0, "Two."), 0);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 0);
	test_clock_ahead(
	    f, (int64_t)(f->cfg.notify_mail_delay + 1) * TEST_MINUTE);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 1);
	assert_int_equal(mails_to(f, "anna@example.org", "Two."), 1);
	assert_int_equal(mails_to(f, "anna@example.org", "One."), 1);
	/* Not twice for the same, nor again within the interval. */
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 0);
	assert_int_equal(
	    notify_send(&f->b, anna, NOTIFY_MESSAGE, 0, 0, "Three."), 0);
	test_clock_ahead(
	    f, (int64_t)(2 * f->cfg.notify_mail_delay + 2) * TEST_MINUTE);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 0);
	test_clock_ahead(f,
	    (int64_t)(f->cfg.notify_mail_interval +
		2 * f->cfg.notify_mail_delay + 2) *
		TEST_MINUTE);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 1);
	assert_int_equal(mails_to(f, "anna@example.org", "Three."), 2);
	assert_true(mails_to(f, "anna@example.org", "Two.") < 0);
	/* A member with a session open gets none. */
	assert_int_equal(store_session_add(f->t->st, (const uint8_t *)"t", 1,
			     anna, "::1", 1, &id),
	    0);
	assert_int_equal(
	    notify_send(&f->b, anna, NOTIFY_MESSAGE, 0, 0, "Four."), 0);
	test_clock_ahead(
	    f, (int64_t)(3 * f->cfg.notify_mail_interval) * TEST_MINUTE);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 0);
}

static void
test_digest_off_and_failures(void **state)
{
	struct test_board *f = *state;
	int64_t anna, bert;
	int sent = 0, failures = 0;

	clock_init(f->t->dir);
	anna = add_member(f, "anna", "Anna");
	bert = add_member(f, "bert", "Bert");
	assert_int_equal(notify_set_mail(&f->b, anna, 0), 0);
	assert_int_equal(
	    notify_send(&f->b, anna, NOTIFY_MESSAGE, 0, 0, "Quiet."), 0);
	assert_int_equal(
	    notify_send(&f->b, bert, NOTIFY_MESSAGE, 0, 0, "Kept."), 0);
	(void)snprintf(
	    f->cfg.mail_command, sizeof(f->cfg.mail_command), "exit 3");
	test_clock_ahead(
	    f, (int64_t)(f->cfg.notify_mail_delay + 1) * TEST_MINUTE);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 0);
	assert_int_equal(store_digest_failures(f->t->st, bert, &failures), 0);
	assert_int_equal(failures, 1);
	/* Not tried again before the wait is over; then once more. */
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(store_digest_failures(f->t->st, bert, &failures), 0);
	assert_int_equal(failures, 1);
	(void)snprintf(f->cfg.mail_command, sizeof(f->cfg.mail_command),
	    "cat >> '%s'", f->mail_path);
	test_clock_ahead(f,
	    (int64_t)(f->cfg.notify_mail_delay + 1 +
		2 * NOTIFY_RETRY_SECONDS / 60 + 1) *
		TEST_MINUTE);
	assert_int_equal(notify_digest_run(&f->b, &sent), 0);
	assert_int_equal(sent, 1);
	assert_int_equal(mails_to(f, "bert@example.org", "Kept."), 1);
	assert_int_equal(mails_to(f, "anna@example.org", NULL), 0);
}

/* A message to a user name nobody has. */
static void
test_message_to_nobody(void **state)
{
	struct test_board *f = *state;
	const char *why = NULL;

	assert_int_equal(
	    notify_message(&f->b, "nobody", "Hi", &why), MB_ERR_NOTFOUND);
	assert_non_null(why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_BOARD(test_render_and_read),
		TEST_BOARD(test_in_the_readers_language),
		TEST_BOARD(test_digest_after_delay_once_per_interval),
		TEST_BOARD(test_digest_off_and_failures),
		TEST_BOARD(test_message_to_nobody),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
