/*
 * Unit tests: the alumni community (common/membership.c) and what stands
 * between a mentee and the mentors (common/eligibility.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"
#include "clock.h"
#include "eligibility.h"
#include "error.h"
#include "i18n.h"
#include "membership.h"
#include "profile.h"
#include "store.h"
#include "test_util.h"

#define TEST_DAY (24 * 3600)

/* A confirmed member called name (with no password: keys only). */
static int64_t
add_member(struct test_board *f, const char *name)
{
	struct account_form form;
	struct account_errors e;
	struct store_item field;
	char email[64];
	int64_t id = 0;
	int mail_failed = 0;

	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_FIELDS, "Physics", &field), 0);
	(void)snprintf(email, sizeof(email), "%s@example.org", name);
	memset(&form, 0, sizeof(form));
	form.username = name;
	form.email = email;
	form.first_name = "Test";
	form.last_name = "Member";
	form.field_ids = &field.id;
	form.nfields = 1;
	form.by_admin = 1;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	return id;
}

static struct viewer
viewer_of(int64_t id)
{
	struct viewer v;

	memset(&v, 0, sizeof(v));
	v.user_id = id;
	v.verified = 1;
	return v;
}

/* Issue one code (for name, or open) and return it in code. */
static int64_t
issue(struct test_board *f, const char *name, int days,
    char code[ACCESS_CODE_TEXT_MAX])
{
	char codes[1][ACCESS_CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t id = 0;

	assert_int_equal(
	    membership_codes_issue(&f->b, 1, name, days, codes, &id, &why), 0);
	memcpy(code, codes[0], ACCESS_CODE_TEXT_MAX);
	return id;
}

static int
redeem(struct test_board *f, int64_t user, const char *code)
{
	const char *why = NULL;
	int rc = membership_redeem(&f->b, user, "192.0.2.7", code, &why);

	if (rc == MB_ERR_DENIED)
		assert_string_equal(why, "this access code is not valid");
	return rc;
}

static void
test_codes_open_bound_used_expired_revoked(void **state)
{
	struct test_board *f = *state;
	char open_code[ACCESS_CODE_TEXT_MAX], bound[ACCESS_CODE_TEXT_MAX];
	char revoked[ACCESS_CODE_TEXT_MAX], expiring[ACCESS_CODE_TEXT_MAX];
	const char *why = NULL;
	struct membership_view v;
	int64_t ann, ben, cem, id;

	clock_init(f->t->dir);
	ann = add_member(f, "ann");
	ben = add_member(f, "ben");
	cem = add_member(f, "cem");
	(void)issue(f, NULL, 0, open_code);
	(void)issue(f, "cem", 0, bound);
	id = issue(f, NULL, 0, revoked);
	(void)issue(f, NULL, 1, expiring);
	assert_int_equal(membership_code_revoke(&f->b, id, &why), 0);
	assert_int_equal(
	    membership_code_revoke(&f->b, id, &why), MB_ERR_NOTFOUND);

	assert_int_equal(redeem(f, ann, open_code), 0);
	assert_int_equal(membership_get(&f->b, ann, &v), 0);
	assert_int_equal(v.status, MEMBERSHIP_MEMBER);
	assert_true(v.member_since > 0);
	/* Used, someone else's, revoked, malformed: all "not valid". */
	assert_int_equal(redeem(f, ben, open_code), MB_ERR_DENIED);
	assert_int_equal(redeem(f, ben, bound), MB_ERR_DENIED);
	assert_int_equal(redeem(f, ben, revoked), MB_ERR_DENIED);
	assert_int_equal(redeem(f, ben, "not a code"), MB_ERR_DENIED);
	assert_int_equal(membership_get(&f->b, ben, &v), 0);
	assert_int_equal(v.status, MEMBERSHIP_NONE);
	/* Expired: the clock moved past its one day. */
	test_clock_ahead(f, 2 * TEST_DAY);
	assert_int_equal(redeem(f, ben, expiring), MB_ERR_DENIED);
	test_clock_ahead(f, 0);
	assert_int_equal(redeem(f, cem, bound), 0);
	assert_int_equal(redeem(f, cem, bound), MB_ERR_EXISTS);
}

static void
test_request_rules(void **state)
{
	struct test_board *f = *state;
	struct membership_form form;
	struct membership_errors e;
	struct membership_view v;
	const char *why = NULL;
	char *mail = NULL;
	int64_t ida;

	clock_init(f->t->dir);
	ida = add_member(f, "ida");
	memset(&form, 0, sizeof(form));
	form.programme = "Alchemy";
	form.graduation_year = "19";
	form.relation = STORE_RELATION_GRADUATE;
	form.message = "";
	assert_int_equal(
	    membership_request(&f->b, ida, &form, &e, &why), MB_ERR_INVALID);
	assert_non_null(e.why[MEMBERSHIP_PROGRAMME]);
	assert_non_null(e.why[MEMBERSHIP_YEAR]);
	assert_non_null(e.why[MEMBERSHIP_JOIN]);
	assert_null(e.why[MEMBERSHIP_MESSAGE]);
	form.programme = "Physics";
	form.graduation_year = "2019";
	form.join = 1;
	assert_int_equal(membership_request(&f->b, ida, &form, &e, &why), 0);
	assert_int_equal(membership_get(&f->b, ida, &v), 0);
	assert_int_equal(v.status, MEMBERSHIP_REQUESTED);
	assert_int_equal(
	    membership_request(&f->b, ida, &form, &e, &why), MB_ERR_EXISTS);
	/* Declined: the reason shows, and one may ask again. */
	assert_int_equal(
	    membership_decline(&f->b, v.request_id, "", &why), MB_ERR_INVALID);
	assert_int_equal(
	    membership_decline(&f->b, v.request_id, "Not found.", &why), 0);
	assert_int_equal(membership_get(&f->b, ida, &v), 0);
	assert_int_equal(v.status, MEMBERSHIP_DECLINED);
	assert_string_equal(v.reason, "Not found.");
	assert_int_equal(
	    membership_decline(&f->b, v.request_id, "Again.", &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(membership_request(&f->b, ida, &form, &e, &why), 0);
	/* Approved: a code bound to her goes by mail, in her language. */
	assert_non_null(bindtextdomain(MB_TEXT_DOMAIN, TEST_LOCALEDIR));
	assert_int_equal(store_user_set_language(f->t->st, ida, I18N_DE), 0);
	assert_int_equal(membership_get(&f->b, ida, &v), 0);
	assert_int_equal(membership_approve(&f->b, v.request_id, &why), 0);
	mail = test_file_read(f->t->dir, "mail.out", NULL);
	assert_non_null(mail);
	assert_non_null(strstr(mail, "Subject: Your membership request"));
	assert_non_null(
	    strstr(mail, "Subject: Dein Zugangscode zur Alumni-Community"));
	free(mail);
	assert_int_equal(i18n_current(), I18N_EN);
	assert_int_equal(membership_get(&f->b, ida, &v), 0);
	assert_int_equal(v.status, MEMBERSHIP_REQUESTED);
	assert_true(v.approved);
	assert_int_equal(
	    membership_approve(&f->b, v.request_id, &why), MB_ERR_NOTFOUND);
}

/* The mail with the code fails: the code is taken back, the request
 * stays open for the team to try again. */
static void
test_approve_without_mail_reopens(void **state)
{
	struct test_board *f = *state;
	struct store_access_code *codes = NULL;
	struct membership_form form;
	struct membership_errors e;
	struct membership_view v;
	const char *why = NULL;
	size_t n = 0;
	int64_t jon, unread = -1;

	clock_init(f->t->dir);
	jon = add_member(f, "jon");
	memset(&form, 0, sizeof(form));
	form.programme = "Physics";
	form.graduation_year = "2019";
	form.message = "";
	form.join = 1;
	assert_int_equal(membership_request(&f->b, jon, &form, &e, &why), 0);
	assert_int_equal(membership_get(&f->b, jon, &v), 0);
	(void)snprintf(
	    f->cfg.mail_command, sizeof(f->cfg.mail_command), "exit 3");
	assert_int_equal(
	    membership_approve(&f->b, v.request_id, &why), MB_ERR_MAIL);
	assert_non_null(strstr(why, "stays open"));
	assert_int_equal(membership_get(&f->b, jon, &v), 0);
	assert_int_equal(v.status, MEMBERSHIP_REQUESTED);
	assert_false(v.approved);
	assert_int_equal(store_access_code_list(f->t->st, &codes, &n), 0);
	assert_int_equal(n, 1);
	assert_true(codes[0].revoked_at != 0);
	free(codes);
	/* Nor is the member told of an approval that was taken back. */
	assert_int_equal(store_notification_unread(f->t->st, jon, &unread), 0);
	assert_int_equal(unread, 0);
	/* The team tries again, the mail goes: now they are. */
	(void)snprintf(f->cfg.mail_command, sizeof(f->cfg.mail_command),
	    "cat > /dev/null");
	assert_int_equal(membership_approve(&f->b, v.request_id, &why), 0);
	assert_int_equal(store_notification_unread(f->t->st, jon, &unread), 0);
	assert_int_equal(unread, 1);
}

static void
test_eligibility_reasons(void **state)
{
	struct test_board *f = *state;
	struct store_item area;
	struct eligibility e;
	struct viewer v;
	char code[ACCESS_CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t kim;
	int i;

	clock_init(f->t->dir);
	memset(&v, 0, sizeof(v));
	assert_int_equal(eligibility_check(&f->b, &v, 0, &e), 0);
	assert_true(eligibility_missing(&e, ELIGIBILITY_GUEST));
	kim = add_member(f, "kim");
	v = viewer_of(kim);
	assert_int_equal(eligibility_check(&f->b, &v, 0, &e), 0);
	assert_false(eligibility_missing(&e, ELIGIBILITY_UNVERIFIED));
	assert_true(eligibility_missing(&e, ELIGIBILITY_NOT_MEMBER));
	assert_true(eligibility_missing(&e, ELIGIBILITY_NO_MENTEE_AREA));
	assert_true(eligibility_missing(&e, ELIGIBILITY_APPLICATION));
	assert_true(eligibility_missing(&e, ELIGIBILITY_NO_CV));
	assert_int_equal(e.sections_empty, STORE_NSECTIONS);
	/* Mended one by one. */
	(void)issue(f, "kim", 0, code);
	assert_int_equal(redeem(f, kim, code), 0);
	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	assert_int_equal(
	    profile_role_set(&f->b, kim, area.id, STORE_ROLE_MENTEE, 1, &why),
	    0);
	for (i = 0; i < STORE_NSECTIONS - 1; i++)
		assert_int_equal(profile_section_save(&f->b, kim,
				     (enum store_section)i, "Text.", &why),
		    0);
	assert_int_equal(eligibility_check(&f->b, &v, 0, &e), 0);
	assert_int_equal(e.sections_empty, 1);
	assert_true(eligibility_missing(&e, ELIGIBILITY_APPLICATION));
	assert_int_equal(
	    profile_section_save(&f->b, kim,
		(enum store_section)(STORE_NSECTIONS - 1), "Text.", &why),
	    0);
	assert_int_equal(
	    store_cv_put(f->t->st, kim, (const uint8_t *)"x", 1, 10, 10), 0);
	assert_int_equal(eligibility_check(&f->b, &v, 0, &e), 0);
	assert_int_equal(e.missing, 0);
	/* Every reason has its word, its text and its way to mend it. */
	for (i = 0; i < ELIGIBILITY_NREASONS; i++) {
		assert_true(eligibility_word(i)[0] != '\0');
		assert_true(eligibility_text(i)[0] != '\0');
		assert_true(eligibility_fix(i)[0] != '\0');
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_BOARD(test_codes_open_bound_used_expired_revoked),
		TEST_BOARD(test_request_rules),
		TEST_BOARD(test_approve_without_mail_reopens),
		TEST_BOARD(test_eligibility_reasons),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
