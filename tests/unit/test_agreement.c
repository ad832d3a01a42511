/* Unit tests: the mentoring agreement, the end of a mentorship and its
 * certificates (common/agreement.c, common/ending.c, common/diff.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"
#include "agreement.h"
#include "clock.h"
#include "diff.h"
#include "ending.h"
#include "error.h"
#include "i18n.h"
#include "profile.h"
#include "request.h"
#include "store.h"
#include "test_util.h"

/* Only the mentee drafts and submits, only the mentor decides, either
 * reads (also after the end) and ends; nobody else does anything. */
static void
test_table(void **state)
{
	const unsigned both = REQUEST_BY_MENTOR | REQUEST_BY_MENTEE;
	int s;

	(void)state;
	for (s = 0; s < STORE_MSHIP_NSTATES; s++) {
		int active =
		    s == STORE_MSHIP_CONNECTED || s == STORE_MSHIP_OFFICIAL;

		assert_int_equal(agreement_may(AGREEMENT_READ, s, both),
		    active || s == STORE_MSHIP_ENDED);
		assert_int_equal(
		    agreement_may(AGREEMENT_EDIT, s, REQUEST_BY_MENTEE),
		    active);
		assert_false(
		    agreement_may(AGREEMENT_EDIT, s, REQUEST_BY_MENTOR));
		assert_false(
		    agreement_may(AGREEMENT_SUBMIT, s, REQUEST_BY_MENTOR));
		assert_false(
		    agreement_may(AGREEMENT_APPROVE, s, REQUEST_BY_MENTEE));
		assert_false(agreement_may(
		    AGREEMENT_REQUEST_CHANGES, s, REQUEST_BY_MENTEE));
		assert_int_equal(
		    agreement_may(AGREEMENT_APPROVE, s, REQUEST_BY_MENTOR),
		    active);
		assert_int_equal(
		    agreement_may(AGREEMENT_END, s, REQUEST_BY_MENTEE), active);
		assert_false(agreement_may(AGREEMENT_READ, s, 0));
		assert_false(agreement_may(AGREEMENT_READ, s, REQUEST_BY_TEAM));
	}
}

static void
test_sections(void **state)
{
	enum store_agreement_section s;
	int i;

	(void)state;
	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
		assert_int_equal(
		    agreement_section_parse(agreement_section_word(i), &s), 0);
		assert_int_equal(s, i);
		assert_true(agreement_section_help(i)[0] != '\0');
		assert_true(agreement_section_example(i)[0] != '\0');
	}
	assert_string_equal(agreement_section_word(0), "goals");
	assert_string_equal(agreement_section_word(5), "other");
	assert_int_equal(agreement_section_parse("Goals", &s), MB_ERR_INVALID);
}

/* The hashed text, and its SHA-256 as sha256sum would print it. */
static void
test_render_and_hash(void **state)
{
	struct store_agreement_text t;
	char sha[STORE_SHA256_HEX], *text = NULL;
	char *sections[STORE_AGREEMENT_NSECTIONS] = { "Find a job.", "",
		"Six months\n", "", "", "" };
	int i;

	(void)state;
	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
		t.section[i] = sections[i];
	text = agreement_render(&t, 0);
	assert_string_equal(text,
	    "# Goals of the mentorship\nFind a job.\n\n"
	    "# Meeting rhythm and format\n\n"
	    "# Duration and end date\nSix months\n\n"
	    "# Confidentiality\n\n"
	    "# How we communicate\n\n"
	    "# Other\n");
	free(text);
	agreement_sha256(&t, sha);
	/* printf "$text" | sha256sum (the text ends in a newline) */
	assert_string_equal(sha,
	    "8af194386365a34fef99fc7bfb93e0819e2c5fde95f0bc11c57230db1b8ff29a");
}

static void
test_diff(void **state)
{
	char *out = NULL;

	(void)state;
	assert_int_equal(
	    diff_unified("a\nb\nc\n", "a\nb\nc\n", "1", "2", &out), 0);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(diff_unified("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n",
			     "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n", "version 1",
			     "version 2", &out),
	    0);
	assert_string_equal(out,
	    "--- version 1\n+++ version 2\n"
	    "@@ -2,9 +2,10 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n j\n+k\n");
	free(out);
	/* Far apart: two hunks. */
	assert_int_equal(
	    diff_unified("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
		"x\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ny\n", "a", "b", &out),
	    0);
	assert_string_equal(out,
	    "--- a\n+++ b\n@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n"
	    "@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+y\n");
	free(out);
	assert_int_equal(diff_unified("", "new\n", "a", "b", &out), 0);
	assert_string_equal(out, "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+new\n");
	free(out);
}

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
	form.first_name = name;
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

struct pair {
	struct viewer mentor, mentee, third;
	int64_t id;
};

static void
make_pair(struct test_board *f, struct pair *p)
{
	struct store_item area;

	clock_init(f->t->dir);
	p->mentor = as(add_member(f, "maria", STORE_ROLE_MENTOR));
	p->mentee = as(add_member(f, "tom", STORE_ROLE_MENTEE));
	p->third = as(add_member(f, "eve", STORE_ROLE_MENTEE));
	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	assert_int_equal(store_mentorship_add(f->t->st, p->mentee.user_id,
			     p->mentor.user_id, area.id, "", &p->id),
	    0);
}

static enum store_mship_state
state_of(struct test_board *f, int64_t id)
{
	struct store_mentorship m;
	enum store_mship_state s;

	assert_int_equal(store_mentorship_get(f->t->st, id, &m), 0);
	s = m.state;
	store_mentorship_free(&m);
	return s;
}

/* Draft, submit, changes, a new version, approval: official; only the
 * newest pending version can be approved. */
static void
test_flow(void **state)
{
	struct test_board *f = *state;
	struct agreement_view v;
	struct pair p;
	const char *why = NULL;
	int n = 0;

	make_pair(f, &p);
	/* Before the request is accepted there is no agreement. */
	assert_int_equal(agreement_set(&f->b, &p.mentee, p.id,
			     STORE_AGREEMENT_GOALS, "x", &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(request_accept(&f->b, &p.mentor, p.id, NULL, &why), 0);
	assert_int_equal(agreement_view(&f->b, &p.mentee, p.id, &v), 0);
	assert_int_equal(v.state, AGREEMENT_NONE);
	agreement_view_free(&v);
	assert_int_equal(
	    agreement_view(&f->b, &p.third, p.id, &v), MB_ERR_NOTFOUND);
	assert_int_equal(agreement_set(&f->b, &p.mentor, p.id,
			     STORE_AGREEMENT_GOALS, "mine", &why),
	    MB_ERR_DENIED);
	assert_int_equal(
	    agreement_submit(&f->b, &p.mentee, p.id, &n, &why), MB_ERR_INVALID);
	assert_int_equal(agreement_set(&f->b, &p.mentee, p.id,
			     STORE_AGREEMENT_GOALS, "A first job.", &why),
	    0);
	/* The mentor sees that a draft is being written, not what. */
	assert_int_equal(agreement_view(&f->b, &p.mentor, p.id, &v), 0);
	assert_int_equal(v.state, AGREEMENT_DRAFT);
	assert_false(v.has_draft);
	assert_string_equal(v.draft.section[STORE_AGREEMENT_GOALS], "");
	agreement_view_free(&v);
	assert_int_equal(agreement_submit(&f->b, &p.mentee, p.id, &n, &why), 0);
	assert_int_equal(n, 1);
	assert_int_equal(agreement_submit(&f->b, &p.mentee, p.id, &n, &why),
	    MB_ERR_INVALID); /* nothing changed */
	assert_int_equal(
	    agreement_request_changes(&f->b, &p.mentor, p.id, "", &why),
	    MB_ERR_INVALID);
	assert_int_equal(agreement_request_changes(
			     &f->b, &p.mentor, p.id, "Say which field.", &why),
	    0);
	assert_int_equal(
	    agreement_approve(&f->b, &p.mentor, p.id, 1, &why), MB_ERR_DENIED);
	assert_int_equal(
	    agreement_set(&f->b, &p.mentee, p.id, STORE_AGREEMENT_GOALS,
		"A first job in data.", &why),
	    0);
	assert_int_equal(agreement_submit(&f->b, &p.mentee, p.id, &n, &why), 0);
	assert_int_equal(n, 2);
	assert_int_equal(
	    agreement_approve(&f->b, &p.mentee, p.id, 2, &why), MB_ERR_DENIED);
	assert_int_equal(
	    agreement_approve(&f->b, &p.third, p.id, 2, &why), MB_ERR_NOTFOUND);
	assert_int_equal(state_of(f, p.id), STORE_MSHIP_CONNECTED);
	assert_int_equal(agreement_approve(&f->b, &p.mentor, p.id, 2, &why), 0);
	assert_int_equal(state_of(f, p.id), STORE_MSHIP_OFFICIAL);
	assert_int_equal(agreement_view(&f->b, &p.mentee, p.id, &v), 0);
	assert_int_equal(v.state, AGREEMENT_APPROVED);
	assert_int_equal(v.in_force, 2);
	assert_int_equal(v.latest, 2);
	assert_string_equal(v.versions[0].state, "changes-requested");
	assert_int_equal(v.ncomments, 1);
	assert_string_equal(v.comments[0].body, "Say which field.");
	agreement_view_free(&v);
	/* A change: version 2 stays in force until 3 is approved; a
	 * version superseded meanwhile cannot be approved. */
	assert_int_equal(agreement_set(&f->b, &p.mentee, p.id,
			     STORE_AGREEMENT_RHYTHM, "Monthly.", &why),
	    0);
	/* Each section where it belongs; the draft starts from the newest
	 * version. */
	assert_int_equal(agreement_view(&f->b, &p.mentee, p.id, &v), 0);
	assert_string_equal(
	    v.draft.section[STORE_AGREEMENT_GOALS], "A first job in data.");
	assert_string_equal(
	    v.draft.section[STORE_AGREEMENT_RHYTHM], "Monthly.");
	assert_string_equal(v.draft.section[STORE_AGREEMENT_OTHER], "");
	agreement_view_free(&v);
	assert_int_equal(agreement_submit(&f->b, &p.mentee, p.id, &n, &why), 0);
	assert_int_equal(agreement_set(&f->b, &p.mentee, p.id,
			     STORE_AGREEMENT_RHYTHM, "Every two weeks.", &why),
	    0);
	assert_int_equal(agreement_submit(&f->b, &p.mentee, p.id, &n, &why), 0);
	assert_int_equal(n, 4);
	assert_int_equal(
	    agreement_approve(&f->b, &p.mentor, p.id, 3, &why), MB_ERR_DENIED);
	assert_int_equal(agreement_view(&f->b, &p.mentor, p.id, &v), 0);
	assert_int_equal(v.state, AGREEMENT_PENDING);
	assert_int_equal(v.in_force, 2);
	assert_string_equal(v.versions[2].state, "superseded");
	agreement_view_free(&v);
	assert_int_equal(agreement_approve(&f->b, &p.mentor, p.id, 0, &why), 0);
	assert_int_equal(agreement_view(&f->b, &p.mentor, p.id, &v), 0);
	assert_int_equal(v.in_force, 4);
	agreement_view_free(&v);
}

/* Ending: both told, certificates for both of an official mentorship,
 * checkable by code; read only afterwards. */
static void
test_end_and_certificates(void **state)
{
	struct test_board *f = *state;
	struct store_certificate mine, found;
	struct agreement_view v;
	struct pair p;
	const char *why = NULL;
	char *text = NULL, *mail = NULL, typed[32];
	int n = 0;

	make_pair(f, &p);
	/* The mentor reads German: each certificate in its holder's. */
	assert_non_null(bindtextdomain(MB_TEXT_DOMAIN, TEST_LOCALEDIR));
	assert_int_equal(
	    store_user_set_language(f->t->st, p.mentor.user_id, I18N_DE), 0);
	assert_int_equal(request_accept(&f->b, &p.mentor, p.id, NULL, &why), 0);
	assert_int_equal(agreement_set(&f->b, &p.mentee, p.id,
			     STORE_AGREEMENT_GOALS, "Goals.", &why),
	    0);
	assert_int_equal(agreement_submit(&f->b, &p.mentee, p.id, &n, &why), 0);
	assert_int_equal(agreement_approve(&f->b, &p.mentor, p.id, 0, &why), 0);
	assert_int_equal(
	    mentorship_end(&f->b, &p.third, p.id, NULL, &why), MB_ERR_NOTFOUND);
	assert_int_equal(
	    mentorship_end(&f->b, &p.mentee, p.id, "Thanks, it helped.", &why),
	    0);
	assert_int_equal(state_of(f, p.id), STORE_MSHIP_ENDED);
	assert_int_equal(
	    mentorship_end(&f->b, &p.mentor, p.id, NULL, &why), MB_ERR_DENIED);
	assert_int_equal(agreement_set(&f->b, &p.mentee, p.id,
			     STORE_AGREEMENT_GOALS, "More.", &why),
	    MB_ERR_DENIED);
	assert_int_equal(agreement_view(&f->b, &p.mentor, p.id, &v), 0);
	agreement_view_free(&v);
	assert_int_equal(certificate_get(&f->b, &p.mentee, p.id, &mine), 0);
	assert_string_equal(mine.full_name, "tom Person");
	assert_string_equal(mine.mentor_display, "maria P.");
	/* Each certificate keeps the area in its holder's language. */
	assert_string_equal(mine.area, "Career entry");
	assert_int_equal(certificate_get(&f->b, &p.mentor, p.id, &found), 0);
	assert_string_equal(found.area, "Berufseinstieg");
	assert_int_equal(mine.version, 1);
	assert_int_equal(strlen(mine.sha256), 64);
	assert_int_equal(
	    certificate_get(&f->b, &p.third, p.id, &found), MB_ERR_NOTFOUND);
	text = certificate_text(&f->b, &mine);
	assert_non_null(strstr(text, "tom Person took part as mentee"));
	assert_null(strstr(text, "maria Person"));
	free(text);
	(void)snprintf(typed, sizeof(typed), " %.4s %.4s-%.4s ", mine.code,
	    mine.code + 4, mine.code + 8);
	assert_int_equal(
	    certificate_verify(&f->b, typed, "192.0.2.1", &found), 0);
	assert_string_equal(found.mentee_display, "tom P.");
	assert_int_equal(
	    certificate_verify(&f->b, "AAAA-BBBB-CCCC", "192.0.2.1", &found),
	    MB_ERR_NOTFOUND);
	mail = test_file_read(f->t->dir, "mail.out", NULL);
	assert_non_null(strstr(mail, "Subject: Your certificate of mentoring"));
	assert_non_null(strstr(mail, "tom Person took part as mentee"));
	assert_non_null(strstr(mail, "Subject: Dein Mentoring-Zertifikat"));
	assert_non_null(strstr(mail, "maria Person hat als Mentor"));
	assert_null(strstr(mail, "maria Person took part"));
	assert_int_equal(i18n_current(), I18N_EN);
	free(mail);
}

/* Ended before it was official: no certificate. */
static void
test_end_unofficial(void **state)
{
	struct test_board *f = *state;
	struct store_certificate c;
	struct pair p;
	const char *why = NULL;

	make_pair(f, &p);
	assert_int_equal(request_accept(&f->b, &p.mentor, p.id, NULL, &why), 0);
	assert_int_equal(mentorship_end(&f->b, &p.mentor, p.id, NULL, &why), 0);
	assert_int_equal(
	    certificate_get(&f->b, &p.mentor, p.id, &c), MB_ERR_NOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_render_and_hash),
		cmocka_unit_test(test_diff),
		TEST_BOARD(test_flow),
		TEST_BOARD(test_end_and_certificates),
		TEST_BOARD(test_end_unofficial),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
