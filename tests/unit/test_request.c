/* Unit tests: requests and who may move them (common/request.c). */
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
#include "profile.h"
#include "request.h"
#include "store.h"
#include "test_util.h"

static const unsigned parties[] = { REQUEST_BY_MENTEE, REQUEST_BY_MENTOR,
	REQUEST_BY_BOARD, REQUEST_BY_TEAM };

/* Every pair of states, by every party: only the four moves of the
 * table are allowed. */
static void
test_moves_table(void **state)
{
	int from, to, allowed = 0;
	size_t p;

	(void)state;
	for (from = 0; from < STORE_MSHIP_NSTATES; from++) {
		for (to = 0; to < STORE_MSHIP_NSTATES; to++) {
			for (p = 0; p < sizeof(parties) / sizeof(parties[0]);
			     p++)
				allowed +=
				    request_may_move(from, to, parties[p]);
		}
	}
	/* Four moves of a request; the first approval; the end, by
	 * either or the team, from two states. */
	assert_int_equal(allowed, 4 + 1 + 6);
	assert_true(request_may_move(
	    STORE_MSHIP_OPEN, STORE_MSHIP_CONNECTED, REQUEST_BY_MENTOR));
	assert_true(request_may_move(
	    STORE_MSHIP_OPEN, STORE_MSHIP_DECLINED, REQUEST_BY_MENTOR));
	assert_true(request_may_move(
	    STORE_MSHIP_OPEN, STORE_MSHIP_WITHDRAWN, REQUEST_BY_MENTEE));
	assert_true(request_may_move(
	    STORE_MSHIP_OPEN, STORE_MSHIP_EXPIRED, REQUEST_BY_BOARD));
	assert_false(request_may_move(
	    STORE_MSHIP_OPEN, STORE_MSHIP_CONNECTED, REQUEST_BY_MENTEE));
	assert_false(request_may_move(
	    STORE_MSHIP_DECLINED, STORE_MSHIP_CONNECTED, REQUEST_BY_MENTOR));
	assert_false(request_may_move(
	    STORE_MSHIP_CONNECTED, STORE_MSHIP_OFFICIAL, REQUEST_BY_MENTEE));
	assert_false(request_may_move(
	    STORE_MSHIP_ENDED, STORE_MSHIP_OFFICIAL, REQUEST_BY_MENTOR));
}

static void
test_reasons(void **state)
{
	enum request_reason r;
	int i;

	(void)state;
	for (i = 0; i < REQUEST_NREASONS; i++) {
		assert_int_equal(
		    request_reason_parse(request_reason_word(i), &r), 0);
		assert_int_equal(r, i);
		assert_true(request_reason_text(i)[0] != '\0');
	}
	assert_int_equal(request_reason_parse("wizard", &r), MB_ERR_INVALID);
}

/* A confirmed member, mentor or mentee in Career entry. */
static int64_t
add_member(struct test_board *f, const char *name, enum store_role role)
{
	struct account_form form;
	struct account_errors e;
	struct store_item area;
	const char *why = NULL;
	char email[64];
	int64_t id = 0;
	int mail_failed = 0;

	(void)snprintf(email, sizeof(email), "%s@example.org", name);
	memset(&form, 0, sizeof(form));
	form.username = name;
	form.email = email;
	form.first_name = "Test";
	form.last_name = "Person";
	form.by_admin = 1;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	assert_int_equal(
	    profile_role_set(&f->b, id, area.id, role, 1, &why), 0);
	return id;
}

static struct viewer
as(int64_t id)
{
	struct viewer v;

	memset(&v, 0, sizeof(v));
	v.user_id = id;
	v.verified = 1;
	return v;
}

/* Accepting is refused past the mentor's capacity, in the rule itself. */
static void
test_accept_counts_places(void **state)
{
	struct test_board *f = *state;
	struct store_mentor m;
	struct store_item area;
	struct viewer mentor;
	const char *why = NULL;
	int64_t mentor_id, ids[3];
	int i;

	clock_init(f->t->dir);
	mentor_id = add_member(f, "maria", STORE_ROLE_MENTOR);
	mentor = as(mentor_id);
	assert_int_equal(store_mentor_get(f->t->st, mentor_id, &m), 0);
	m.capacity = 2;
	assert_int_equal(store_mentor_set(f->t->st, mentor_id, &m), 0);
	store_mentor_free(&m);
	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	for (i = 0; i < 3; i++) {
		char name[16];

		(void)snprintf(name, sizeof(name), "tom%d", i);
		assert_int_equal(store_mentorship_add(f->t->st,
				     add_member(f, name, STORE_ROLE_MENTEE),
				     mentor_id, area.id, "", &ids[i]),
		    0);
	}
	assert_int_equal(request_accept(&f->b, &mentor, ids[0], NULL, &why), 0);
	assert_int_equal(request_accept(&f->b, &mentor, ids[1], "Hi", &why), 0);
	assert_int_equal(
	    request_accept(&f->b, &mentor, ids[2], NULL, &why), MB_ERR_LIMIT);
	/* Nobody but its mentor answers; an answer is final. */
	mentor = as(mentor_id + 1);
	assert_int_equal(request_decline(&f->b, &mentor, ids[2],
			     REQUEST_REASON_NO_TIME, NULL, &why),
	    MB_ERR_NOTFOUND);
	mentor = as(mentor_id);
	assert_int_equal(request_decline(&f->b, &mentor, ids[0],
			     REQUEST_REASON_NO_TIME, NULL, &why),
	    MB_ERR_DENIED);
}

/* A declined request's reason reaches the mentee in the mentee's
 * language, whatever the mentor's. */
static void
test_decline_reason_in_the_mentees_language(void **state)
{
	struct test_board *f = *state;
	struct notify_item *items = NULL;
	struct store_item area;
	struct viewer mentor;
	const char *why = NULL;
	int64_t mentor_id, mentee_id, id = 0;
	size_t n = 0;

	assert_non_null(bindtextdomain(MB_TEXT_DOMAIN, TEST_LOCALEDIR));
	clock_init(f->t->dir);
	mentor_id = add_member(f, "maria", STORE_ROLE_MENTOR);
	mentee_id = add_member(f, "tom", STORE_ROLE_MENTEE);
	assert_int_equal(
	    store_user_set_language(f->t->st, mentee_id, I18N_DE), 0);
	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	assert_int_equal(store_mentorship_add(
			     f->t->st, mentee_id, mentor_id, area.id, "", &id),
	    0);
	mentor = as(mentor_id);
	assert_int_equal(request_decline(&f->b, &mentor, id,
			     REQUEST_REASON_NO_TIME, "Sorry.", &why),
	    0);
	assert_int_equal(i18n_current(), I18N_EN);
	assert_int_equal(notify_list(&f->b, mentee_id, 0, 0, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_non_null(strstr(items[0].text,
	    "ich habe gerade keine Zeit f\xc3\xbcr einen Mentee. Sorry."));
	free(items);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves_table),
		cmocka_unit_test(test_reasons),
		TEST_BOARD(test_accept_counts_places),
		TEST_BOARD(test_decline_reason_in_the_mentees_language),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
