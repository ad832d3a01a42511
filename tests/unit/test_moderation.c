/*
 * Unit tests: bans and blocks (common/moderation.c), and reports
 * (common/report.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"
#include "chat.h"
#include "clock.h"
#include "eligibility.h"
#include "error.h"
#include "i18n.h"
#include "moderation.h"
#include "notify.h"
#include "privacy.h"
#include "profile.h"
#include "report.h"
#include "request.h"
#include "search.h"
#include "store.h"
#include "store_internal.h"
#include "test_util.h"
#include "util.h"

/* ---- People --------------------------------------------------------------- */

/* A confirmed member called name ("Name Person"; digits of the user name
 * become letters in the first name, which has none). */
static int64_t
add_member(struct test_board *f, const char *name, int sysop)
{
	struct account_form form;
	struct account_errors e;
	char email[64], first[64];
	int64_t id = 0;
	int mail_failed = 0;
	size_t i;

	for (i = 0; name[i] != '\0' && i + 1 < sizeof(first); i++)
		first[i] = name[i] >= '0' && name[i] <= '9' ?
		    (char)('a' + name[i] - '0') :
		    name[i];
	first[i] = '\0';

	(void)snprintf(email, sizeof(email), "%s@example.org", name);
	memset(&form, 0, sizeof(form));
	form.username = name;
	form.email = email;
	form.first_name = first;
	form.last_name = "Person";
	form.by_admin = 1;
	form.sysop = sysop;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
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

static int64_t
career_entry(struct test_board *f)
{
	struct store_item area;

	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_AREAS, "Career entry", &area),
	    0);
	return area.id;
}

/* A listed mentor in Career entry. */
static int64_t
add_mentor(struct test_board *f, const char *name)
{
	struct profile_errors e;
	struct store_mentor m;
	const char *why = NULL;
	int64_t id = add_member(f, name, 0);

	assert_int_equal(profile_role_set(&f->b, id, career_entry(f),
			     STORE_ROLE_MENTOR, 1, &why),
	    0);
	memset(&m, 0, sizeof(m));
	m.help_text = "I help.";
	m.industry = "Software";
	m.position = "Engineer";
	m.languages = "English";
	m.capacity = 3;
	m.available = 1;
	assert_int_equal(profile_mentor_save(&f->b, id, &m, &e), 0);
	return id;
}

/* A mentee in Career entry who may write to mentors. */
static int64_t
add_mentee(struct test_board *f, const char *name)
{
	const char *why = NULL;
	int64_t id = add_member(f, name, 0);
	int i;

	assert_int_equal(profile_role_set(&f->b, id, career_entry(f),
			     STORE_ROLE_MENTEE, 1, &why),
	    0);
	for (i = 0; i < STORE_NSECTIONS; i++)
		assert_int_equal(profile_section_save(&f->b, id,
				     (enum store_section)i, "Text.", &why),
		    0);
	assert_int_equal(
	    store_cv_put(f->t->st, id, (const uint8_t *)"x", 1, 10, 10), 0);
	assert_int_equal(store_user_set_member(f->t->st, id, clock_now()), 0);
	return id;
}

/* How many rows of the audit log have action about subject_id. */
static int
audit_count(struct test_board *f, const char *action, int64_t subject_id)
{
	int64_t n = 0;

	assert_int_equal(store_ints(f->t->st, "test",
			     "SELECT count(*) FROM audit WHERE action = ? AND "
			     "subject_id = ?",
			     &n, 1, "ti", action, subject_id),
	    0);
	return (int)n;
}

/* The newest notification of user_id, rendered (NULL: none). */
static int
newest_notification(
    struct test_board *f, int64_t user_id, struct notify_item *out)
{
	struct notify_item *items = NULL;
	size_t n = 0;

	assert_int_equal(notify_list(&f->b, user_id, 0, 0, &items, &n), 0);
	if (n > 0)
		*out = items[0];
	free(items);
	return n > 0;
}

/* ---- Bans ----------------------------------------------------------------- */

/* A ban: the user row, the audit row and the news in one transaction; the
 * member hears of it by mail; the mentor is no longer listed. */
static void
test_ban_and_unban(void **state)
{
	struct test_board *f = *state;
	struct store_mentor_row row;
	struct store_user u;
	const char *why = NULL;
	char words[512], *mail = NULL;
	int64_t sam, maria;
	uint64_t news;

	clock_init(f->t->dir);
	sam = add_member(f, "sam", 1);
	maria = add_mentor(f, "maria");
	assert_int_equal(store_search_get(f->t->st, maria, &row), 0);
	store_mentor_row_free(&row);
	assert_int_equal(
	    moderation_banned(&f->b, maria, words, sizeof(words)), 0);
	news = store_news_count(f->t->st, maria);
	assert_int_equal(
	    moderation_ban(&f->b, sam, maria, "Rude to mentees", &why), 0);
	assert_int_equal(store_user_get(f->t->st, maria, &u), 0);
	assert_true(u.banned_at > 0);
	assert_string_equal(u.ban_reason, "Rude to mentees");
	assert_int_equal(audit_count(f, "ban", maria), 1);
	/* The news that ends her sessions went out with the commit. */
	assert_true(store_news_count(f->t->st, maria) != news);
	assert_int_equal(
	    moderation_banned(&f->b, maria, words, sizeof(words)), 1);
	assert_non_null(strstr(words, "Rude to mentees"));
	assert_int_equal(
	    store_search_get(f->t->st, maria, &row), MB_ERR_NOTFOUND);
	mail = test_file_read(f->t->dir, "mail.out", NULL);
	assert_non_null(mail);
	assert_non_null(strstr(mail, "To: maria@example.org"));
	assert_non_null(strstr(mail, "Rude to mentees"));
	free(mail);
	/* Once is enough; nobody bans themselves; nor a stranger. */
	assert_int_equal(
	    moderation_ban(&f->b, sam, maria, "Again", &why), MB_ERR_EXISTS);
	assert_int_equal(
	    moderation_ban(&f->b, sam, sam, "Me", &why), MB_ERR_DENIED);
	assert_int_equal(
	    moderation_ban(&f->b, sam, 9999, "Who", &why), MB_ERR_NOTFOUND);
	/* Lifted: listed again, and audited. */
	assert_int_equal(moderation_unban(&f->b, sam, maria, &why), 0);
	assert_int_equal(
	    moderation_banned(&f->b, maria, words, sizeof(words)), 0);
	assert_int_equal(store_user_get(f->t->st, maria, &u), 0);
	assert_int_equal(u.banned_at, 0);
	assert_string_equal(u.ban_reason, "");
	assert_int_equal(audit_count(f, "unban", maria), 1);
	assert_int_equal(store_search_get(f->t->st, maria, &row), 0);
	store_mentor_row_free(&row);
	assert_int_equal(
	    moderation_unban(&f->b, sam, maria, &why), MB_ERR_NOTFOUND);
}

/* MODERATION_BAN_REASON_MAX characters, a line; the reason fits the words
 * a session ends with. */
static void
test_ban_reason_limit(void **state)
{
	struct test_board *f = *state;
	struct store_user *rows = NULL;
	char reason[MODERATION_BAN_REASON_MAX * 2 + 2];
	const char *why = NULL;
	int64_t tom;
	size_t n = 0, i;

	tom = add_member(f, "tom", 0);
	for (i = 0; i < MODERATION_BAN_REASON_MAX; i++) {
		reason[2 * i] = '\xc3'; /* two bytes a character: a-umlaut */
		reason[2 * i + 1] = '\xa4';
	}
	reason[2 * i] = 'x';
	reason[2 * i + 1] = '\0';
	assert_int_equal(
	    moderation_ban(&f->b, 0, tom, reason, &why), MB_ERR_INVALID);
	assert_int_equal(
	    moderation_ban(&f->b, 0, tom, "", &why), MB_ERR_INVALID);
	assert_int_equal(
	    moderation_ban(&f->b, 0, tom, "two\nlines", &why), MB_ERR_INVALID);
	reason[2 * i] = '\0';
	/* By the host's operator (actor 0). */
	assert_int_equal(moderation_ban(&f->b, 0, tom, reason, &why), 0);
	assert_true(strlen(reason) < STORE_BAN_REASON_MAX);
	assert_int_equal(moderation_bans(&f->b, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].ban_reason, reason);
	free(rows);
}

/* The ban and its lifting are mailed in the member's language. */
static void
test_ban_mails_in_the_members_language(void **state)
{
	struct test_board *f = *state;
	const char *why = NULL;
	char *mail = NULL;
	int64_t tom;

	assert_non_null(bindtextdomain(MB_TEXT_DOMAIN, TEST_LOCALEDIR));
	tom = add_member(f, "tom", 0);
	assert_int_equal(store_user_set_language(f->t->st, tom, I18N_DE), 0);
	assert_int_equal(moderation_ban(&f->b, 0, tom, "Spam", &why), 0);
	assert_int_equal(moderation_unban(&f->b, 0, tom, &why), 0);
	assert_int_equal(i18n_current(), I18N_EN);
	mail = test_file_read(f->t->dir, "mail.out", NULL);
	assert_non_null(mail);
	assert_non_null(
	    strstr(mail, "Subject: Dein Konto auf Mentorboard ist gesperrt"));
	assert_non_null(strstr(
	    mail, "Subject: Dein Konto auf Mentorboard ist wieder offen"));
	assert_null(strstr(mail, "Subject: Your account"));
	free(mail);
}

/* ---- Blocks --------------------------------------------------------------- */

/* A blocked mentee sends the blocker no request, in words that do not
 * name the block; the blocker sees their own block.  The mentor meets
 * the mentee through a request (declined) first: nobody blocks a stranger
 * (test_block_and_report_only_whom_one_sees). */
static void
test_block_refuses_requests(void **state)
{
	struct test_board *f = *state;
	struct store_block *rows = NULL;
	struct eligibility e;
	struct viewer mentor, mentee;
	const char *why = NULL;
	int64_t id = 0;
	size_t n = 0;

	clock_init(f->t->dir);
	mentor = as(add_mentor(f, "maria"));
	mentee = as(add_mentee(f, "tom"));
	assert_int_equal(
	    eligibility_check(&f->b, &mentee, mentor.user_id, &e), 0);
	assert_int_equal(e.missing, 0);
	assert_int_equal(request_send(&f->b, &mentee, mentor.user_id,
			     career_entry(f), "Hello", &id, &e, &why),
	    0);
	assert_int_equal(request_decline(&f->b, &mentor, id,
			     REQUEST_REASON_NO_TIME, NULL, &why),
	    0);
	assert_int_equal(
	    moderation_block(&f->b, &mentor, mentee.user_id, &why), 0);
	assert_int_equal(moderation_block(&f->b, &mentor, mentee.user_id, &why),
	    MB_ERR_EXISTS);
	assert_int_equal(moderation_block(&f->b, &mentor, mentor.user_id, &why),
	    MB_ERR_DENIED);
	assert_int_equal(
	    moderation_block(&f->b, &mentor, 9999, &why), MB_ERR_NOTFOUND);
	assert_int_equal(
	    eligibility_check(&f->b, &mentee, mentor.user_id, &e), 0);
	assert_true(eligibility_missing(&e, ELIGIBILITY_UNAVAILABLE));
	assert_int_equal(request_send(&f->b, &mentee, mentor.user_id,
			     career_entry(f), "Hello", &id, &e, &why),
	    MB_ERR_DENIED);
	assert_null(strstr(why, "block"));
	/* The blocker's list: the other as "Name P.". */
	assert_int_equal(moderation_blocks(&f->b, &mentor, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].blocked_id, mentee.user_id);
	free(rows);
	/* A mentee who blocked a mentor is told so before writing. */
	assert_int_equal(
	    moderation_block(&f->b, &mentee, mentor.user_id, &why), 0);
	assert_int_equal(
	    eligibility_check(&f->b, &mentee, mentor.user_id, &e), 0);
	assert_true(eligibility_missing(&e, ELIGIBILITY_YOU_BLOCKED));
	assert_int_equal(
	    moderation_unblock(&f->b, &mentee, mentor.user_id, &why), 0);
	assert_int_equal(
	    moderation_unblock(&f->b, &mentor, mentee.user_id, &why), 0);
	assert_int_equal(
	    moderation_unblock(&f->b, &mentor, mentee.user_id, &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(request_send(&f->b, &mentee, mentor.user_id,
			     career_entry(f), "Hello", &id, &e, &why),
	    0);
}

/* No chat line and no meeting from a blocked person; the blocker may
 * still write, and unblocking lets them in again. */
static void
test_block_refuses_chat_lines(void **state)
{
	struct test_board *f = *state;
	struct viewer mentor, mentee;
	struct eligibility e;
	const char *why = NULL;
	int64_t id = 0, line = 0, meeting = 0;

	clock_init(f->t->dir);
	mentor = as(add_mentor(f, "maria"));
	mentee = as(add_mentee(f, "tom"));
	assert_int_equal(request_send(&f->b, &mentee, mentor.user_id,
			     career_entry(f), "Hello", &id, &e, &why),
	    0);
	assert_int_equal(request_accept(&f->b, &mentor, id, NULL, &why), 0);
	assert_int_equal(chat_send(&f->b, &mentee, id, "hi", &line, &why), 0);
	assert_int_equal(
	    moderation_block(&f->b, &mentor, mentee.user_id, &why), 0);
	assert_int_equal(chat_send(&f->b, &mentee, id, "hello?", &line, &why),
	    MB_ERR_DENIED);
	assert_null(strstr(why, "block"));
	assert_int_equal(meeting_propose(&f->b, &mentee, id,
			     clock_now() + 86400, 60, "Cafe", &meeting, &why),
	    MB_ERR_DENIED);
	assert_int_equal(chat_send(&f->b, &mentor, id, "bye", &line, &why), 0);
	assert_int_equal(
	    moderation_unblock(&f->b, &mentor, mentee.user_id, &why), 0);
	assert_int_equal(
	    chat_send(&f->b, &mentee, id, "again", &line, &why), 0);
}

/* BLOCKS_MAX people at most (each sent meg a request: people she met). */
static void
test_blocks_limit(void **state)
{
	struct test_board *f = *state;
	struct viewer me;
	const char *why = NULL;
	char name[32];
	int64_t other = 0, request = 0;
	int i;

	me = as(add_member(f, "meg", 0));
	for (i = 0; i <= BLOCKS_MAX; i++) {
		(void)snprintf(name, sizeof(name), "px%d", i);
		other = add_member(f, name, 0);
		assert_int_equal(
		    store_mentorship_add(f->t->st, other, me.user_id,
			career_entry(f), "Hi", &request),
		    0);
		if (i < BLOCKS_MAX)
			assert_int_equal(
			    moderation_block(&f->b, &me, other, &why), 0);
	}
	assert_int_equal(
	    moderation_block(&f->b, &me, other, &why), MB_ERR_LIMIT);
}

/* ---- Reports -------------------------------------------------------------- */

/* A mentorship with a few lines: maria (mentor) and tom (mentee). */
struct chat_pair {
	struct viewer mentor, mentee, eve, sam;
	int64_t id;
	int64_t lines[9]; /* maria even, tom odd */
};

static void
make_chat(struct test_board *f, struct chat_pair *p)
{
	struct eligibility e;
	const char *why = NULL;
	char text[32];
	size_t i;

	clock_init(f->t->dir);
	p->mentor = as(add_mentor(f, "maria"));
	p->mentee = as(add_mentee(f, "tom"));
	p->eve = as(add_member(f, "eve", 0));
	p->sam = as(add_member(f, "sam", 1));
	p->sam.is_sysop = 1;
	assert_int_equal(request_send(&f->b, &p->mentee, p->mentor.user_id,
			     career_entry(f), "Hello", &p->id, &e, &why),
	    0);
	assert_int_equal(
	    request_accept(&f->b, &p->mentor, p->id, NULL, &why), 0);
	for (i = 0; i < nitems(p->lines); i++) {
		(void)snprintf(text, sizeof(text), "line %zu", i);
		assert_int_equal(
		    chat_send(&f->b, i % 2 == 0 ? &p->mentor : &p->mentee,
			p->id, text, &p->lines[i], &why),
		    0);
	}
}

/* A line is reported only by one who reads it, as its author's; the team
 * hears of it; the report shows the line with REPORT_CONTEXT_LINES lines
 * around it. */
static void
test_report_a_line(void **state)
{
	struct test_board *f = *state;
	struct store_chat_line *lines = NULL;
	struct store_report r;
	struct notify_item it;
	struct chat_pair p;
	const char *why = NULL;
	int64_t id = 0;
	size_t n = 0;

	make_chat(f, &p);
	/* eve reads no line of theirs. */
	assert_int_equal(
	    report_file(&f->b, &p.eve, 0, p.lines[4], "Rude", &id, &why),
	    MB_ERR_NOTFOUND);
	/* Line 3 is tom's, not maria's; nobody reports themselves. */
	assert_int_equal(report_file(&f->b, &p.mentee, p.mentor.user_id,
			     p.lines[3], "Rude", &id, &why),
	    MB_ERR_DENIED);
	assert_int_equal(
	    report_file(&f->b, &p.mentee, 0, p.lines[3], "Rude", &id, &why),
	    MB_ERR_DENIED);
	assert_int_equal(
	    report_file(&f->b, &p.mentee, 0, p.lines[4], " \n", &id, &why),
	    MB_ERR_INVALID);
	assert_int_equal(report_file(&f->b, &p.mentee, 0, p.lines[4],
			     "She insulted me", &id, &why),
	    0);
	assert_true(newest_notification(f, p.sam.user_id, &it));
	assert_int_equal(it.kind, NOTIFY_REPORT_NEW);
	/* The team reads it, with the lines around it; the look is
	 * audited. */
	assert_int_equal(
	    report_get(&f->b, p.sam.user_id, id, &r, &lines, &n), 0);
	assert_int_equal(r.subject_id, p.mentor.user_id);
	assert_int_equal(r.reporter_id, p.mentee.user_id);
	assert_int_equal(r.chat_line_id, p.lines[4]);
	assert_int_equal(r.mentorship_id, p.id);
	assert_string_equal(r.reason, "She insulted me");
	assert_int_equal(n, 2 * REPORT_CONTEXT_LINES + 1);
	assert_int_equal(lines[0].id, p.lines[4 - REPORT_CONTEXT_LINES]);
	assert_int_equal(lines[REPORT_CONTEXT_LINES].id, p.lines[4]);
	assert_int_equal(lines[n - 1].id, p.lines[4 + REPORT_CONTEXT_LINES]);
	store_chat_lines_free(lines, n);
	store_report_free(&r);
	assert_int_equal(audit_count(f, "report-read", p.mentor.user_id), 1);
	/* At the start of the chat, fewer lines are before it. */
	assert_int_equal(report_file(&f->b, &p.mentee, p.mentor.user_id,
			     p.lines[0], "First", &id, &why),
	    0);
	assert_int_equal(report_get(&f->b, 0, id, &r, &lines, &n), 0);
	assert_int_equal(n, REPORT_CONTEXT_LINES + 1);
	assert_int_equal(lines[0].id, p.lines[0]);
	store_chat_lines_free(lines, n);
	store_report_free(&r);
}

/* The person reported is warned by the team: nothing they are shown
 * names the reporter, and no command of theirs lists the report. */
static void
test_report_warn_keeps_reporter_secret(void **state)
{
	struct test_board *f = *state;
	struct notify_item *items = NULL;
	struct store_report r;
	struct chat_pair p;
	const char *why = NULL;
	int64_t id = 0, no_actor = 0, before = 0;
	size_t n = 0, i;

	make_chat(f, &p);
	assert_int_equal(
	    store_notification_last_id(f->t->st, p.mentor.user_id, &before), 0);
	assert_int_equal(report_file(&f->b, &p.mentee, p.mentor.user_id, 0,
			     "Pushy", &id, &why),
	    0);
	assert_int_equal(
	    report_warn(&f->b, p.sam.user_id, id, "", &why), MB_ERR_INVALID);
	assert_int_equal(report_warn(&f->b, p.sam.user_id, id,
			     "Please keep to the point.", &why),
	    0);
	assert_int_equal(report_warn(&f->b, p.sam.user_id, id, "Again", &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(store_report_get(f->t->st, id, &r), 0);
	assert_int_equal(r.state, STORE_REPORT_WARNED);
	assert_int_equal(r.decided_by, p.sam.user_id);
	store_report_free(&r);
	assert_int_equal(audit_count(f, "report-warn", p.mentor.user_id), 1);
	/* What maria was shown since: the warning, from the team, and
	 * nothing that names the reporter or the report. */
	assert_int_equal(
	    notify_list(&f->b, p.mentor.user_id, 0, before, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].kind, NOTIFY_WARNING);
	assert_non_null(strstr(items[0].text, "Please keep to the point."));
	for (i = 0; i < n; i++) {
		assert_null(strstr(items[i].text, "tom"));
		assert_null(strstr(items[i].text, "Pushy"));
		assert_null(strstr(items[i].text, "report"));
	}
	free(items);
	/* Stored without anyone as its actor. */
	assert_int_equal(store_ints(f->t->st, "test",
			     "SELECT actor_id IS NULL FROM notification "
			     "WHERE user_id = ? AND kind = 'warning'",
			     &no_actor, 1, "i", p.mentor.user_id),
	    0);
	assert_int_equal(no_actor, 1);
}

/* The team bans through a report (the ban's rule), or dismisses it. */
static void
test_report_ban_and_dismiss(void **state)
{
	struct test_board *f = *state;
	struct store_report *rows = NULL;
	struct store_user u;
	struct chat_pair p;
	const char *why = NULL;
	int64_t first = 0, second = 0;
	size_t n = 0;

	make_chat(f, &p);
	assert_int_equal(report_file(&f->b, &p.mentee, p.mentor.user_id, 0,
			     "Spam", &first, &why),
	    0);
	assert_int_equal(report_file(&f->b, &p.mentor, p.mentee.user_id, 0,
			     "Spam too", &second, &why),
	    0);
	assert_int_equal(report_list(&f->b, 1, &rows, &n), 0);
	assert_int_equal(n, 2);
	store_report_rows_free(rows, n);
	assert_int_equal(report_dismiss(&f->b, 0, second, &why), 0);
	assert_int_equal(
	    report_dismiss(&f->b, 0, second, &why), MB_ERR_NOTFOUND);
	/* Decided once, also where it is written. */
	assert_int_equal(
	    store_report_decide(f->t->st, second, STORE_REPORT_WARNED, 0),
	    MB_ERR_NOTFOUND);
	/* A bad reason leaves the report open and nobody banned. */
	assert_int_equal(report_ban(&f->b, p.sam.user_id, first, "a\nb", &why),
	    MB_ERR_INVALID);
	assert_int_equal(store_user_get(f->t->st, p.mentor.user_id, &u), 0);
	assert_int_equal(u.banned_at, 0);
	assert_int_equal(
	    report_ban(&f->b, p.sam.user_id, first, "Spamming mentees", &why),
	    0);
	assert_int_equal(store_user_get(f->t->st, p.mentor.user_id, &u), 0);
	assert_true(u.banned_at > 0);
	assert_string_equal(u.ban_reason, "Spamming mentees");
	assert_int_equal(audit_count(f, "ban", p.mentor.user_id), 1);
	assert_int_equal(audit_count(f, "report-ban", p.mentor.user_id), 1);
	assert_int_equal(report_list(&f->b, 1, &rows, &n), 0);
	assert_int_equal(n, 0);
	store_report_rows_free(rows, n);
	assert_int_equal(report_list(&f->b, 0, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].state, STORE_REPORT_BANNED);
	assert_int_equal(rows[1].state, STORE_REPORT_DISMISSED);
	store_report_rows_free(rows, n);
}

/* REPORTS_PER_DAY_MAX a day; REPORT_REASON_MAX characters. */
static void
test_report_limits(void **state)
{
	struct test_board *f = *state;
	struct viewer me;
	const char *why = NULL;
	char *reason = NULL;
	int64_t other, id = 0;
	int i;

	clock_init(f->t->dir);
	me = as(add_member(f, "meg", 0));
	other = add_mentor(f, "other");
	reason = malloc(REPORT_REASON_MAX + 2);
	assert_non_null(reason);
	memset(reason, 'a', REPORT_REASON_MAX + 1);
	reason[REPORT_REASON_MAX + 1] = '\0';
	assert_int_equal(report_file(&f->b, &me, other, 0, reason, &id, &why),
	    MB_ERR_INVALID);
	reason[REPORT_REASON_MAX] = '\0';
	for (i = 0; i < REPORTS_PER_DAY_MAX; i++)
		assert_int_equal(
		    report_file(&f->b, &me, other, 0, reason, &id, &why), 0);
	assert_int_equal(
	    report_file(&f->b, &me, other, 0, "More", &id, &why), MB_ERR_LIMIT);
	assert_int_equal(
	    report_file(&f->b, &me, me.user_id, 0, "Me", &id, &why),
	    MB_ERR_LIMIT);
	/* A day later there is room again. */
	assert_int_equal(store_run(f->t->st, "test",
			     "UPDATE report SET created_at = created_at - "
			     "86401",
			     ""),
	    0);
	assert_int_equal(
	    report_file(&f->b, &me, me.user_id, 0, "Me", &id, &why),
	    MB_ERR_DENIED);
	assert_int_equal(report_file(&f->b, &me, 9999, 0, "Who", &id, &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(
	    report_file(&f->b, &me, other, 0, "More", &id, &why), 0);
	free(reason);
}

/* ---- Whom a member may name by number ----------------------------------- */

/* Rows a block or a report writes: blocks, reports, notifications. */
static int64_t
written(struct test_board *f)
{
	int64_t n = 0;

	assert_int_equal(store_ints(f->t->st, "test",
			     "SELECT (SELECT count(*) FROM block) + (SELECT "
			     "count(*) FROM report) + (SELECT count(*) FROM "
			     "notification)",
			     &n, 1, ""),
	    0);
	return n;
}

/* People around meg, a listed mentor: those she meets on the board, and
 * those she does not. */
struct acquaintances {
	struct viewer meg, sam;
	int64_t maria; /* a listed mentor */
	int64_t dora; /* a mentee whose request meg declined */
	int64_t hugo; /* a mentor meg asked, banned since */
	/* Strangers: a mentee, a banned mentor, an unlisted mentor, a
	 * member who has not confirmed the address, a sysop, an erased
	 * account, numbers that never were. */
	int64_t strangers[9];
};

static void
make_acquaintances(struct test_board *f, struct acquaintances *a)
{
	struct eligibility e;
	const char *why = NULL;
	int64_t request = 0, zed;

	clock_init(f->t->dir);
	a->meg = as(add_mentor(f, "meg"));
	a->maria = add_mentor(f, "maria");
	a->dora = add_mentee(f, "dora");
	assert_int_equal(
	    request_send(&f->b,
		&(struct viewer){ .user_id = a->dora, .verified = 1 },
		a->meg.user_id, career_entry(f), "Hello", &request, &e, &why),
	    0);
	assert_int_equal(request_decline(&f->b, &a->meg, request,
			     REQUEST_REASON_NO_TIME, NULL, &why),
	    0);
	a->hugo = add_mentor(f, "hugo");
	assert_int_equal(store_mentorship_add(f->t->st, a->meg.user_id, a->hugo,
			     career_entry(f), "Hi", &request),
	    0);
	assert_int_equal(moderation_ban(&f->b, 0, a->hugo, "Spam", &why), 0);
	a->strangers[0] = add_mentee(f, "tom");
	a->strangers[1] = add_mentor(f, "bert");
	assert_int_equal(
	    moderation_ban(&f->b, 0, a->strangers[1], "Spam", &why), 0);
	a->strangers[2] = add_mentor(f, "uli");
	assert_int_equal(store_search_set(f->t->st, a->strangers[2], 0), 0);
	a->strangers[3] = add_member(f, "pat", 0);
	assert_int_equal(store_run(f->t->st, "test",
			     "UPDATE user SET verified = 0 WHERE id = ?", "i",
			     a->strangers[3]),
	    0);
	a->sam = as(add_member(f, "sam", 1));
	a->sam.is_sysop = 1;
	a->strangers[4] = a->sam.user_id;
	zed = add_member(f, "zed", 0);
	assert_int_equal(store_erase_user(f->t->st, zed, "zed"), 0);
	a->strangers[5] = zed;
	a->strangers[6] = 9999;
	a->strangers[7] = 0;
	a->strangers[8] = -1;
}

/*
 * privacy_may_name: a member names by number only whom they meet on the
 * board (a listed mentor, anyone they have had a request with in any
 * state, even banned since, themselves); every other number is answered
 * in the same words as one that is no account.
 */
static void
test_may_name_only_whom_one_sees(void **state)
{
	struct test_board *f = *state;
	struct acquaintances a;
	struct viewer guest, unverified;
	const char *none = NULL, *why = NULL;
	size_t i;

	make_acquaintances(f, &a);
	assert_int_equal(
	    privacy_may_name(&f->b, &a.meg, 9999, &none), MB_ERR_NOTFOUND);
	assert_non_null(none);
	assert_int_equal(privacy_may_name(&f->b, &a.meg, a.maria, &why), 0);
	assert_int_equal(privacy_may_name(&f->b, &a.meg, a.dora, &why), 0);
	assert_int_equal(privacy_may_name(&f->b, &a.meg, a.hugo, &why), 0);
	assert_int_equal(
	    privacy_may_name(&f->b, &a.meg, a.meg.user_id, &why), 0);
	/* Both ways round: dora meets meg through her request, too. */
	assert_int_equal(
	    privacy_may_name(&f->b,
		&(struct viewer){ .user_id = a.dora, .verified = 1 },
		a.meg.user_id, &why),
	    0);
	for (i = 0; i < nitems(a.strangers); i++) {
		why = NULL;
		assert_int_equal(
		    privacy_may_name(&f->b, &a.meg, a.strangers[i], &why),
		    MB_ERR_NOTFOUND);
		assert_string_equal(why, none);
	}
	/* A guest or a member who has not confirmed the address names
	 * nobody; the team names anyone who is there. */
	guest = as(0);
	guest.verified = 0;
	unverified = as(a.strangers[3]);
	unverified.verified = 0;
	assert_int_equal(
	    privacy_may_name(&f->b, &guest, a.maria, &why), MB_ERR_NOTFOUND);
	assert_string_equal(why, none);
	assert_int_equal(privacy_may_name(&f->b, &unverified, a.maria, &why),
	    MB_ERR_NOTFOUND);
	assert_string_equal(why, none);
	assert_int_equal(
	    privacy_may_name(&f->b, &a.sam, a.strangers[0], &why), 0);
	assert_int_equal(
	    privacy_may_name(&f->b, &a.sam, 9999, &why), MB_ERR_NOTFOUND);
}

/*
 * block and report by number: a stranger's number is answered exactly as
 * one that is no account (code and words), and nothing is written; whom
 * the member meets they block and report.  Someone blocked stays
 * nameable, so that unblocking works once they are no longer listed.
 */
static void
test_block_and_report_only_whom_one_sees(void **state)
{
	struct test_board *f = *state;
	struct store_block *rows = NULL;
	struct acquaintances a;
	const char *block_none = NULL, *report_none = NULL, *why = NULL;
	int64_t before, id = 0;
	size_t n = 0, i;

	make_acquaintances(f, &a);
	before = written(f);
	assert_int_equal(moderation_block(&f->b, &a.meg, 9999, &block_none),
	    MB_ERR_NOTFOUND);
	assert_int_equal(
	    report_file(&f->b, &a.meg, 9999, 0, "Who", &id, &report_none),
	    MB_ERR_NOTFOUND);
	for (i = 0; i < nitems(a.strangers); i++) {
		if (a.strangers[i] == a.meg.user_id)
			continue;
		why = NULL;
		assert_int_equal(
		    moderation_block(&f->b, &a.meg, a.strangers[i], &why),
		    MB_ERR_NOTFOUND);
		assert_string_equal(why, block_none);
		why = NULL;
		assert_int_equal(report_file(&f->b, &a.meg, a.strangers[i], 0,
				     "Rude", &id, &why),
		    MB_ERR_NOTFOUND);
		assert_string_equal(why, report_none);
	}
	assert_int_equal(written(f), before);
	assert_int_equal(moderation_blocks(&f->b, &a.meg, &rows, &n), 0);
	assert_int_equal(n, 0);
	free(rows);
	/* Whom she meets: a listed mentor, a mentee she declined, a
	 * mentor she asked who is banned since. */
	assert_int_equal(moderation_block(&f->b, &a.meg, a.maria, &why), 0);
	assert_int_equal(
	    report_file(&f->b, &a.meg, a.dora, 0, "Rude", &id, &why), 0);
	assert_int_equal(moderation_block(&f->b, &a.meg, a.hugo, &why), 0);
	assert_true(written(f) > before);
	/* Maria is listed no more: still blocked, so still named in the
	 * list and unblocked; then a stranger like any other. */
	assert_int_equal(store_search_set(f->t->st, a.maria, 0), 0);
	assert_int_equal(privacy_may_name(&f->b, &a.meg, a.maria, &why), 0);
	assert_int_equal(
	    moderation_block(&f->b, &a.meg, a.maria, &why), MB_ERR_EXISTS);
	assert_int_equal(moderation_blocks(&f->b, &a.meg, &rows, &n), 0);
	assert_int_equal(n, 2);
	free(rows);
	assert_int_equal(moderation_unblock(&f->b, &a.meg, a.maria, &why), 0);
	assert_int_equal(
	    moderation_block(&f->b, &a.meg, a.maria, &why), MB_ERR_NOTFOUND);
	assert_string_equal(why, block_none);
}

/*
 * The lists the team reads stop at their limits: MODERATION_BANS_LIST_MAX
 * banned members, REPORT_LIST_MAX reports; news for the team goes to
 * NOTIFY_TEAM_MAX sysops.
 */
static void
test_list_limits(void **state)
{
	struct test_board *f = *state;
	struct store_report *reports = NULL;
	struct store_user *bans = NULL;
	int64_t told = 0, me;
	size_t n = 0;

	me = add_member(f, "meg", 0);
	assert_int_equal(store_run(f->t->st, "test",
			     "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL "
			     "SELECT i + 1 FROM c WHERE i < ?) INSERT INTO "
			     "user (username, email, first_name, last_name, "
			     "created_at, banned_at, ban_reason) SELECT 'ban' "
			     "|| i, 'ban' || i || '@example.org', 'B', 'C', 0, "
			     "i, 'r' FROM c",
			     "i", (int64_t)MODERATION_BANS_LIST_MAX + 1),
	    0);
	assert_int_equal(moderation_bans(&f->b, &bans, &n), 0);
	assert_int_equal(n, MODERATION_BANS_LIST_MAX);
	free(bans);
	assert_int_equal(store_run(f->t->st, "test",
			     "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL "
			     "SELECT i + 1 FROM c WHERE i < ?) INSERT INTO "
			     "report (reporter_id, subject_id, reason, "
			     "created_at) SELECT ?, ?, 'r', 0 FROM c",
			     "iii", (int64_t)REPORT_LIST_MAX + 1, me, me),
	    0);
	assert_int_equal(report_list(&f->b, 1, &reports, &n), 0);
	assert_int_equal(n, REPORT_LIST_MAX);
	store_report_rows_free(reports, n);
	assert_int_equal(store_run(f->t->st, "test",
			     "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL "
			     "SELECT i + 1 FROM c WHERE i < ?) INSERT INTO "
			     "user (username, email, first_name, last_name, "
			     "created_at, verified, is_sysop) SELECT 'sys' || "
			     "i, 'sys' || i || '@example.org', 'S', 'T', 0, 1, "
			     "1 FROM c",
			     "i", (int64_t)NOTIFY_TEAM_MAX + 1),
	    0);
	assert_int_equal(store_begin(f->t->st), 0);
	assert_int_equal(notify_team(&f->b, NOTIFY_REPORT_NEW, 0, 1, "1"), 0);
	assert_int_equal(store_commit(f->t->st), 0);
	assert_int_equal(store_ints(f->t->st, "test",
			     "SELECT count(*) FROM notification WHERE kind = "
			     "'report-new'",
			     &told, 1, ""),
	    0);
	assert_int_equal(told, NOTIFY_TEAM_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_BOARD(test_ban_and_unban),
		TEST_BOARD(test_ban_reason_limit),
		TEST_BOARD(test_ban_mails_in_the_members_language),
		TEST_BOARD(test_block_refuses_requests),
		TEST_BOARD(test_block_refuses_chat_lines),
		TEST_BOARD(test_blocks_limit),
		TEST_BOARD(test_report_a_line),
		TEST_BOARD(test_report_warn_keeps_reporter_secret),
		TEST_BOARD(test_report_ban_and_dismiss),
		TEST_BOARD(test_report_limits),
		TEST_BOARD(test_may_name_only_whom_one_sees),
		TEST_BOARD(test_block_and_report_only_whom_one_sees),
		TEST_BOARD(test_list_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
