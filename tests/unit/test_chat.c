/* Unit tests: chats, meetings and their invitations (common/chat.c,
 * common/ical.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"
#include "chat.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "ical.h"
#include "profile.h"
#include "request.h"
#include "store.h"
#include "store_internal.h"
#include "test_util.h"

/* ---- iCalendar -------------------------------------------------------- */

static char *
make_ical(const char *summary, const char *location, size_t *len)
{
	struct ical_event ev;
	char *out = NULL;

	memset(&ev, 0, sizeof(ev));
	ev.uid = "meeting-7@board.example";
	ev.stamp = 1796000000; /* 2026-11-30 00:53:20 UTC */
	ev.start = 1796479200; /* 2026-12-05 14:00:00 UTC */
	ev.minutes = 90;
	ev.summary = summary;
	ev.location = location;
	ev.description = "First line\nsecond line";
	assert_int_equal(ical_event(&ev, &out, len), 0);
	assert_int_equal(strlen(out), *len);
	return out;
}

/* Every line ends in CRLF, none is longer than 75 octets, and no fold
 * splits a UTF-8 character. */
static void
test_ical_lines(void **state)
{
	char summary[600], *ics = NULL, *p = NULL, *crlf = NULL;
	size_t len = 0, i;

	(void)state;
	/* Long, with two-byte letters at every offset. */
	summary[0] = '\0';
	for (i = 0; i < 100; i++)
		(void)strcat(summary, i % 3 == 0 ? "\xc3\xa4" : "ab");
	ics = make_ical(summary, "Caf\xc3\xa9 Central", &len);
	assert_true(len > 2 && memcmp(ics + len - 2, "\r\n", 2) == 0);
	for (p = ics; *p != '\0'; p = crlf + 2) {
		crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		assert_true(crlf - p <= ICAL_LINE_OCTETS);
		assert_null(memchr(p, '\n', (size_t)(crlf - p)));
		/* A folded line starts with a space, never with a UTF-8
		 * continuation byte after it. */
		if (p != ics && p[0] == ' ')
			assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
	}
	free(ics);
}

/* Unfolded, the text holds the fields as RFC 5545 writes them. */
static void
test_ical_fields(void **state)
{
	static const char end[] = "END:VEVENT\r\nEND:VCALENDAR\r\n";
	char *ics = NULL, *un = NULL, *o = NULL;
	const char *p = NULL;
	size_t len = 0;

	(void)state;
	ics = make_ical("Mentoring; Anna K., Tom T.", "Room 1\\2", &len);
	un = calloc(1, len + 1);
	assert_non_null(un);
	for (p = ics, o = un; *p != '\0'; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2; /* a fold: CRLF and the space go */
			continue;
		}
		*o++ = *p;
	}
	assert_true(strncmp(un, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
	assert_non_null(strstr(un, "\r\nPRODID:"));
	assert_non_null(strstr(un, "\r\nUID:meeting-7@board.example\r\n"));
	assert_non_null(strstr(un, "\r\nDTSTAMP:20261130T"));
	/* Times in UTC, with the Z that says so. */
	assert_non_null(strstr(un, "\r\nDTSTART:20261205T140000Z\r\n"));
	assert_non_null(strstr(un, "\r\nDTEND:20261205T153000Z\r\n"));
	/* TEXT escaped: ; , \ and newlines. */
	assert_non_null(
	    strstr(un, "\r\nSUMMARY:Mentoring\\; Anna K.\\, Tom T.\r\n"));
	assert_non_null(strstr(un, "\r\nLOCATION:Room 1\\\\2\r\n"));
	assert_non_null(
	    strstr(un, "\r\nDESCRIPTION:First line\\nsecond line\r\n"));
	assert_non_null(strstr(un, "BEGIN:VEVENT\r\n"));
	assert_string_equal(un + strlen(un) - strlen(end), end);
	free(un);
	free(ics);
}

static void
test_ical_refuses(void **state)
{
	struct ical_event ev;
	char *out = NULL, big[ICAL_TEXT_MAX];
	size_t len = 0;

	(void)state;
	memset(&ev, 0, sizeof(ev));
	ev.uid = "x@y";
	ev.start = 1796479200;
	ev.minutes = 60;
	ev.summary = "ok";
	ev.location = "\xff\xfe";
	assert_int_equal(ical_event(&ev, &out, &len), MB_ERR_INVALID);
	assert_null(out);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ev.location = big;
	assert_int_equal(ical_event(&ev, &out, &len), MB_ERR_INVALID);
	ev.location = "ok";
	ev.minutes = 0;
	assert_int_equal(ical_event(&ev, &out, &len), MB_ERR_INVALID);
}

/* ---- Time zones --------------------------------------------------------- */

static void
test_time_zones(void **state)
{
	int64_t t = 0;
	char out[64];

	(void)state;
	assert_true(chat_time_zone_valid("Europe/Vienna"));
	assert_true(chat_time_zone_valid("UTC"));
	assert_false(chat_time_zone_valid("Europe/Nowhere"));
	assert_false(chat_time_zone_valid("../../etc/passwd"));
	assert_false(chat_time_zone_valid("/etc/localtime"));
	assert_false(chat_time_zone_valid("Europe")); /* a directory */
	assert_false(chat_time_zone_valid(""));
	/* Vienna is UTC+1 in December, UTC+2 in July. */
	assert_int_equal(
	    chat_parse_time("2026-12-05 15:00", "Europe/Vienna", &t), 0);
	assert_int_equal(t, 1796479200);
	assert_int_equal(
	    chat_parse_time("2026-07-05 15:00", "Europe/Vienna", &t), 0);
	assert_int_equal(t, 1783256400);
	chat_format_time(1796479200, "America/New_York", "%Y-%m-%d %H:%M %Z",
	    out, sizeof(out));
	assert_string_equal(out, "2026-12-05 09:00 EST");
	/* A time the clocks skip, a day that does not exist, other words. */
	assert_int_equal(
	    chat_parse_time("2026-03-29 02:30", "Europe/Vienna", &t),
	    MB_ERR_INVALID);
	assert_int_equal(
	    chat_parse_time("2026-02-30 10:00", "Europe/Vienna", &t),
	    MB_ERR_INVALID);
	assert_int_equal(
	    chat_parse_time("tomorrow", "UTC", &t), MB_ERR_INVALID);
	assert_int_equal(
	    chat_parse_time("2026-12-05 15:00 x", "UTC", &t), MB_ERR_INVALID);
}

/* ---- Chats and meetings --------------------------------------------------- */

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

/* A mentor and a mentee, a request between them (accepted or not). */
struct pair {
	struct viewer mentor, mentee, third;
	int64_t id;
};

static void
make_pair(struct test_board *f, struct pair *p, int accept)
{
	struct store_item area;
	const char *why = NULL;

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
	if (accept)
		assert_int_equal(
		    request_accept(&f->b, &p->mentor, p->id, NULL, &why), 0);
}

static void
test_check(void **state)
{
	char text[CHAT_LINE_MAX + 2];
	const char *why = NULL;

	(void)state;
	assert_int_equal(chat_check("hi", &why), 0);
	/* As typed: control characters and escape sequences are kept. */
	assert_int_equal(chat_check("\x1b[2J\x07 red", &why), 0);
	assert_int_equal(chat_check(" \n\t ", &why), MB_ERR_INVALID);
	assert_int_equal(chat_check("", &why), MB_ERR_INVALID);
	assert_int_equal(chat_check("\xff", &why), MB_ERR_INVALID);
	memset(text, 'a', CHAT_LINE_MAX);
	text[CHAT_LINE_MAX] = '\0';
	assert_int_equal(chat_check(text, &why), 0);
	text[CHAT_LINE_MAX] = 'a';
	text[CHAT_LINE_MAX + 1] = '\0';
	assert_int_equal(chat_check(text, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "2001"));
}

/* Only the two of a connected mentorship read and write; an open request
 * has no chat; lines come back as typed with the other's unread count. */
static void
test_who_reads_and_writes(void **state)
{
	struct test_board *f = *state;
	struct store_chat_line *rows = NULL;
	struct chat_summary *list = NULL;
	struct pair p;
	const char *why = NULL;
	int64_t line = 0, last_read = 0;
	size_t n = 0;

	make_pair(f, &p, 0);
	assert_int_equal(chat_send(&f->b, &p.mentee, p.id, "hi", &line, &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(request_accept(&f->b, &p.mentor, p.id, NULL, &why), 0);
	assert_int_equal(
	    chat_send(&f->b, &p.mentee, p.id, "Hello \x1b[31m", &line, &why),
	    0);
	assert_int_equal(
	    chat_send(&f->b, &p.third, p.id, "me too", &line, &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(chat_log(&f->b, &p.third, p.id, 0, 0, &rows, &n, NULL),
	    MB_ERR_NOTFOUND);
	assert_int_equal(
	    chat_log(&f->b, &p.mentor, p.id, 0, 0, &rows, &n, &last_read), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].body, "Hello \x1b[31m");
	assert_int_equal(rows[0].author_id, p.mentee.user_id);
	assert_int_equal(last_read, 0);
	store_chat_lines_free(rows, n);
	assert_int_equal(chat_list(&f->b, &p.mentor, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].unread, 1);
	assert_string_equal(list[0].other, "tom P.");
	free(list);
	assert_int_equal(chat_mark_read(&f->b, &p.mentor, p.id, line), 0);
	assert_int_equal(chat_list(&f->b, &p.mentor, &list, &n), 0);
	assert_int_equal(list[0].unread, 0);
	free(list);
	/* Once ended: read, not written. */
	assert_int_equal(store_run(f->t->st, "test",
			     "UPDATE mentorship SET state = 'ended'", ""),
	    0);
	assert_int_equal(
	    chat_send(&f->b, &p.mentee, p.id, "still?", &line, &why),
	    MB_ERR_DENIED);
	assert_int_equal(
	    chat_log(&f->b, &p.mentee, p.id, 0, 0, &rows, &n, NULL), 0);
	assert_int_equal(n, 1);
	store_chat_lines_free(rows, n);
}

/* The newest lines, and the ones before them page by page. */
static void
test_log_pages(void **state)
{
	struct test_board *f = *state;
	struct store_chat_line *rows = NULL;
	struct pair p;
	const char *why = NULL;
	char text[16];
	int64_t line = 0;
	size_t n = 0;
	int i;

	make_pair(f, &p, 1);
	for (i = 1; i <= CHAT_LOG_MAX + 3; i++) {
		(void)snprintf(text, sizeof(text), "%d", i);
		assert_int_equal(
		    chat_send(&f->b, &p.mentor, p.id, text, &line, &why), 0);
	}
	assert_int_equal(
	    chat_log(&f->b, &p.mentee, p.id, 0, 0, &rows, &n, NULL), 0);
	assert_int_equal(n, CHAT_LOG_MAX);
	assert_string_equal(rows[0].body, "4");
	assert_string_equal(rows[n - 1].body, "503");
	line = rows[0].id;
	store_chat_lines_free(rows, n);
	assert_int_equal(
	    chat_log(&f->b, &p.mentee, p.id, 0, line, &rows, &n, NULL), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].body, "1");
	store_chat_lines_free(rows, n);
	assert_int_equal(
	    chat_log(&f->b, &p.mentee, p.id, line, 0, &rows, &n, NULL), 0);
	assert_int_equal(n, CHAT_LOG_MAX - 1);
	store_chat_lines_free(rows, n);
}

/* Proposed by one, answered by the other, once; not in the past; the
 * accepted one mailed to both with the invitation. */
static void
test_meetings(void **state)
{
	struct test_board *f = *state;
	struct store_meeting up[4], pending;
	struct pair p;
	const char *why = NULL;
	int64_t mid = 0, start = clock_now() + 3 * 24 * 3600;
	char *mail = NULL;
	size_t n = 0;

	make_pair(f, &p, 1);
	/* The mentor reads German: the mail to each in their language. */
	assert_non_null(bindtextdomain(MB_TEXT_DOMAIN, TEST_LOCALEDIR));
	assert_int_equal(
	    store_user_set_language(f->t->st, p.mentor.user_id, I18N_DE), 0);
	assert_int_equal(meeting_propose(&f->b, &p.mentee, p.id,
			     clock_now() - 60, 60, "Cafe", &mid, &why),
	    MB_ERR_INVALID);
	assert_int_equal(meeting_propose(&f->b, &p.mentee, p.id, start,
			     MEETING_MINUTES_MAX + 1, "Cafe", &mid, &why),
	    MB_ERR_INVALID);
	assert_int_equal(meeting_propose(&f->b, &p.third, p.id, start, 60,
			     "Cafe", &mid, &why),
	    MB_ERR_NOTFOUND);
	assert_int_equal(meeting_propose(&f->b, &p.mentee, p.id, start, 60,
			     "Caf\xc3\xa9 Central, Wien", &mid, &why),
	    0);
	assert_int_equal(
	    meeting_pending(&f->b, &p.mentee, p.id, &pending), MB_ERR_NOTFOUND);
	assert_int_equal(meeting_pending(&f->b, &p.mentor, p.id, &pending), 0);
	assert_int_equal(pending.id, mid);
	assert_int_equal(
	    meeting_answer(&f->b, &p.mentee, mid, 1, &why), MB_ERR_NOTFOUND);
	assert_int_equal(
	    meeting_answer(&f->b, &p.third, mid, 1, &why), MB_ERR_NOTFOUND);
	assert_int_equal(meeting_answer(&f->b, &p.mentor, mid, 1, &why), 0);
	assert_int_equal(
	    meeting_answer(&f->b, &p.mentor, mid, 0, &why), MB_ERR_NOTFOUND);
	assert_int_equal(meeting_upcoming(&f->b, &p.mentee, up, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(up[0].id, mid);
	assert_int_equal(meeting_upcoming(&f->b, &p.third, up, 4, &n), 0);
	assert_int_equal(n, 0);
	mail = test_file_read(f->t->dir, "mail.out", NULL);
	assert_non_null(mail);
	assert_non_null(strstr(mail, "To: maria@example.org"));
	assert_non_null(strstr(mail, "To: tom@example.org"));
	assert_non_null(strstr(mail, "Content-Type: text/calendar"));
	assert_non_null(strstr(mail, "meeting.ics"));
	assert_non_null(strstr(mail, "Subject: Dein Treffen auf Mentorboard"));
	assert_non_null(strstr(mail, "Subject: Your meeting on Mentorboard"));
	assert_true(strstr(mail, "Subject: Dein Treffen") <
	    strstr(mail, "To: tom@example.org"));
	assert_int_equal(i18n_current(), I18N_EN);
	free(mail);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ical_lines),
		cmocka_unit_test(test_ical_fields),
		cmocka_unit_test(test_ical_refuses),
		cmocka_unit_test(test_time_zones),
		cmocka_unit_test(test_check),
		TEST_BOARD(test_who_reads_and_writes),
		TEST_BOARD(test_log_pages),
		TEST_BOARD(test_meetings),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
