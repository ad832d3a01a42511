/* chat: the conversation of a mentorship, and its meetings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "account.h"
#include "chat.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "ical.h"
#include "log.h"
#include "mail.h"
#include "moderation.h"
#include "notify.h"
#include "text.h"
#include "util.h"

#define CHAT_SECONDS_PER_DAY (24 * 3600)
#define CHAT_PREVIEW_CHARS 60 /* of a line, in a notification or a list */

/* Can a mentorship in this state be read, be written? */
static int
chat_readable(enum store_mship_state s)
{
	return s == STORE_MSHIP_CONNECTED || s == STORE_MSHIP_OFFICIAL ||
	    s == STORE_MSHIP_ENDED;
}

int
chat_writable(enum store_mship_state s)
{
	return s == STORE_MSHIP_CONNECTED || s == STORE_MSHIP_OFFICIAL;
}

/*
 * The mentorship id if viewer is one of its two and it has a chat; *other
 * gets the other of the two.  MB_ERR_NOTFOUND otherwise (nothing is told
 * of it to anyone else).
 */
static int
chat_open(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_mentorship *m, int64_t *other)
{
	int rc = store_mentorship_get(b->store, id, m);

	if (rc != 0)
		return rc;
	if (viewer->user_id == 0 || !chat_readable(m->state) ||
	    (m->mentor_id != viewer->user_id &&
		m->mentee_id != viewer->user_id)) {
		store_mentorship_free(m);
		return MB_ERR_NOTFOUND;
	}
	*other = m->mentor_id == viewer->user_id ? m->mentee_id : m->mentor_id;
	return 0;
}

/* chat_open for writing: 0 and *other, or MB_ERR_* with *why. */
static int
chat_open_writable(struct board *b, const struct viewer *viewer, int64_t id,
    int64_t *other, const char **why)
{
	struct store_mentorship m;
	int rc = chat_open(b, viewer, id, &m, other);

	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such chat of yours");
	if (rc != 0)
		return rc;
	if (!chat_writable(m.state)) {
		*why = _("this mentorship has ended: its chat can be read, not "
			 "written");
		rc = MB_ERR_DENIED;
	}
	store_mentorship_free(&m);
	return rc;
}

/* The first characters of text on one line, for lists and notifications. */
static void
chat_preview(const char *text, char *out, size_t size)
{
	size_t i = 0, o = 0;
	uint32_t cp;
	int n, chars = 0;

	while (text[i] != '\0' && o + 5 < size && chars < CHAT_PREVIEW_CHARS) {
		n = text_utf8_decode(text + i, strlen(text + i), &cp);
		if (n < 0)
			break;
		if (cp == '\n' || cp == '\t')
			out[o++] = ' ';
		else {
			memcpy(out + o, text + i, (size_t)n);
			o += (size_t)n;
		}
		i += (size_t)n;
		chars++;
	}
	if (text[i] != '\0' && o + 4 < size) {
		memcpy(out + o, "\xe2\x80\xa6", 3); /* ... */
		o += 3;
	}
	out[o] = '\0';
}

/* What the list shows of mentorship m, which has a chat. */
static int
chat_summarize(struct board *b, const struct viewer *viewer,
    const struct store_mentorship *m, struct chat_summary *c)
{
	struct store_chat_line *last = NULL;
	size_t nlast = 0;
	int mentor = m->mentor_id == viewer->user_id, rc;

	memset(c, 0, sizeof(*c));
	c->id = m->id;
	c->state = m->state;
	c->official_since = m->official_since;
	c->other_id = mentor ? m->mentee_id : m->mentor_id;
	if (mentor)
		rc = text_display_name(m->mentee_first, m->mentee_last,
		    c->other, sizeof(c->other));
	else
		rc = text_display_name(m->mentor_first, m->mentor_last,
		    c->other, sizeof(c->other));
	if (rc != 0 || (mentor ? m->mentee_id : m->mentor_id) == 0)
		(void)snprintf(
		    c->other, sizeof(c->other), "%s", _("a former member"));
	rc = store_chat_log(b->store, m->id, 0, 0, 1, &last, &nlast);
	if (rc == 0 && nlast > 0) {
		chat_preview(last[0].body, c->last, sizeof(c->last));
		c->last_at = last[0].at;
	}
	store_chat_lines_free(last, nlast);
	if (rc == 0)
		rc = store_chat_unread(
		    b->store, m->id, viewer->user_id, &c->unread);
	return rc;
}

int
chat_list(struct board *b, const struct viewer *viewer,
    struct chat_summary **out, size_t *n)
{
	struct store_mentorship *rows = NULL;
	size_t nrows = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_mentorship_list(b->store, viewer->user_id, &rows, &nrows);
	if (rc != 0)
		return rc;
	*out = xcalloc(nrows + 1, sizeof(**out));
	for (i = 0; rc == 0 && i < nrows && *n < CHAT_LIST_MAX; i++) {
		if (!chat_readable(rows[i].state))
			continue;
		rc = chat_summarize(b, viewer, &rows[i], &(*out)[*n]);
		(*n)++;
	}
	store_mentorship_rows_free(rows, nrows);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
chat_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct chat_summary *out)
{
	struct store_mentorship m;
	int64_t other = 0;
	int rc;

	rc = chat_open(b, viewer, id, &m, &other);
	if (rc != 0)
		return rc;
	rc = chat_summarize(b, viewer, &m, out);
	store_mentorship_free(&m);
	return rc;
}

int
chat_log(struct board *b, const struct viewer *viewer, int64_t id,
    int64_t since_id, int64_t before_id, struct store_chat_line **rows,
    size_t *n, int64_t *last_read)
{
	struct store_mentorship m;
	int64_t other = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	rc = chat_open(b, viewer, id, &m, &other);
	if (rc != 0)
		return rc;
	store_mentorship_free(&m);
	if (last_read != NULL)
		rc = store_chat_last_read(
		    b->store, id, viewer->user_id, last_read);
	if (rc == 0)
		rc = store_chat_log(
		    b->store, id, since_id, before_id, CHAT_LOG_MAX, rows, n);
	return rc;
}

/*
 * Does the other of a chat take lines from viewer?  0, or MB_ERR_DENIED
 * when the other blocked them, with *why in words that do not name the
 * block (common/moderation.c); a failure to tell refuses too.
 */
static int
chat_accepts(struct board *b, const struct viewer *viewer, int64_t other,
    const char **why)
{
	int blocked = 0, rc;

	rc = moderation_blocked(b, other, viewer->user_id, &blocked);
	if (rc == 0 && blocked) {
		*why = _("your message cannot be delivered in this chat");
		rc = MB_ERR_DENIED;
	}
	return rc;
}

/* Wake both of the chat, and tell the other unless told already. */
static int
chat_tell(struct board *b, const struct viewer *viewer, int64_t id,
    int64_t other, enum notify_kind kind, const char *body)
{
	int waiting = 0, rc = 0;

	store_news_mark(b->store, viewer->user_id, STORE_NEWS_CHAT, id);
	if (other == 0)
		return 0; /* erased: nobody to tell */
	store_news_mark(b->store, other, STORE_NEWS_CHAT, id);
	if (kind == NOTIFY_CHAT)
		rc = store_notification_waiting(
		    b->store, other, notify_kind_word(kind), id, &waiting);
	if (rc == 0 && !waiting)
		rc = notify_send(b, other, kind, viewer->user_id, id, body);
	return rc;
}

/*
 * A line is kept as typed, control characters and all (they are drawn
 * visibly): it must be UTF-8, hold something besides white space, and
 * stay within CHAT_LINE_MAX characters.
 */
int
chat_check(const char *text, const char **why)
{
	long chars = text != NULL ? text_utf8_length(text) : 0;

	if (chars < 0) {
		*why = _("the message is not valid UTF-8 text");
		return MB_ERR_INVALID;
	}
	if (text == NULL || text[strspn(text, " \t\r\n")] == '\0') {
		*why = _("write something first");
		return MB_ERR_INVALID;
	}
	if (chars > CHAT_LINE_MAX) {
		static char too_long[160];

		(void)snprintf(too_long, sizeof(too_long),
		    _("the message has %ld characters, more than %d: nothing "
		      "was sent; shorten it or send it in parts"),
		    chars, CHAT_LINE_MAX);
		*why = too_long;
		return MB_ERR_INVALID;
	}
	return 0;
}

int
chat_send(struct board *b, const struct viewer *viewer, int64_t id,
    const char *text, int64_t *line_id, const char **why)
{
	char preview[256];
	int64_t other = 0;
	int rc;

	if (chat_check(text, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = chat_open_writable(b, viewer, id, &other, why);
	if (rc == 0)
		rc = chat_accepts(b, viewer, other, why);
	if (rc == 0)
		rc = store_chat_add(
		    b->store, id, viewer->user_id, text, 0, line_id);
	if (rc == 0) {
		chat_preview(text, preview, sizeof(preview));
		rc = chat_tell(b, viewer, id, other, NOTIFY_CHAT, preview);
	}
	/* One's own line is read. */
	if (rc == 0)
		rc = store_chat_set_read(
		    b->store, id, viewer->user_id, *line_id);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	return rc;
}

int
chat_mark_read(
    struct board *b, const struct viewer *viewer, int64_t id, int64_t line_id)
{
	struct store_mentorship m;
	int64_t other = 0;
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = chat_open(b, viewer, id, &m, &other);
	if (rc == 0) {
		store_mentorship_free(&m);
		rc =
		    store_chat_set_read(b->store, id, viewer->user_id, line_id);
	}
	if (rc == 0)
		rc = store_notification_read_object(b->store, viewer->user_id,
		    notify_kind_word(NOTIFY_CHAT), id);
	if (rc == 0) {
		store_news_mark(b->store, viewer->user_id, STORE_NEWS_CHAT, id);
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_NOTIFICATION, 0);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	return rc;
}

int
chat_time_zone_valid(const char *name)
{
	char path[sizeof(TIME_ZONE_DIR) + STORE_TIME_ZONE_MAX + 2];
	struct stat sb;
	const char *p = NULL;

	if (name == NULL || name[0] == '\0' ||
	    strlen(name) >= STORE_TIME_ZONE_MAX || name[0] == '/' ||
	    strstr(name, "..") != NULL)
		return 0;
	for (p = name; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '/' || *p == '_' ||
			*p == '+' || *p == '-'))
			return 0;
	}
	(void)snprintf(path, sizeof(path), "%s/%s", TIME_ZONE_DIR, name);
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

void
chat_time_zone(struct board *b, int64_t user_id, char *out, size_t size)
{
	if (user_id == 0 ||
	    store_user_time_zone(b->store, user_id, out, size) != 0 ||
	    !chat_time_zone_valid(out))
		(void)snprintf(out, size, "%s", TIME_ZONE_DEFAULT);
}

/* Make tz the process's time zone (a known one, else the default). */
static void
chat_use_zone(const char *tz)
{
	const char *zone = chat_time_zone_valid(tz) ? tz : TIME_ZONE_DEFAULT;
	const char *now = getenv("TZ");

	if (now != NULL && strcmp(now, zone) == 0)
		return;
	if (setenv("TZ", zone, 1) != 0)
		log_warn("setenv TZ: %s", strerror(errno));
	tzset();
}

int
chat_parse_time(const char *text, const char *tz, int64_t *out)
{
	struct tm tm, check;
	time_t t;
	char *end = NULL;

	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%Y-%m-%d %H:%M", &tm);
	if (end == NULL || *end != '\0')
		return MB_ERR_INVALID;
	chat_use_zone(tz);
	tm.tm_isdst = -1;
	check = tm;
	t = mktime(&tm);
	/* A time the clocks skip (or a day that does not exist) moves. */
	if (t == (time_t)-1 || tm.tm_hour != check.tm_hour ||
	    tm.tm_min != check.tm_min || tm.tm_mday != check.tm_mday)
		return MB_ERR_INVALID;
	*out = (int64_t)t;
	return 0;
}

void
chat_format_time(
    int64_t t, const char *tz, const char *format, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	chat_use_zone(tz);
	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, format, &tm) == 0)
		(void)snprintf(out, size, "?");
}

int
chat_set_time_zone(struct board *b, const struct viewer *viewer, const char *tz,
    const char **why)
{
	int rc;

	if (!chat_time_zone_valid(tz)) {
		*why = _("not a time zone (for example Europe/Vienna)");
		return MB_ERR_INVALID;
	}
	rc = store_user_set_time_zone(b->store, viewer->user_id, tz);
	if (rc == 0)
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_ACCOUNT, 0);
	return rc;
}

/* "2026-12-05 15:00 (60 min), Café Central" in the reader's zone. */
static void
meeting_words(
    const struct store_meeting *mt, const char *tz, char *out, size_t size)
{
	char when[64];

	chat_format_time(
	    mt->starts_at, tz, "%Y-%m-%d %H:%M %Z", when, sizeof(when));
	(void)snprintf(
	    out, size, _("%s (%d min), %s"), when, mt->minutes, mt->place);
}

/* The meeting as user_id reads it: their zone, their language. */
static void
meeting_words_for(struct board *b, int64_t user_id,
    const struct store_meeting *mt, char *out, size_t size)
{
	char tz[STORE_TIME_ZONE_MAX];
	enum i18n_language spoken = i18n_current();
	struct store_user u;

	if (store_user_get(b->store, user_id, &u) == 0)
		(void)i18n_use(u.language);
	chat_time_zone(b, user_id, tz, sizeof(tz));
	meeting_words(mt, tz, out, size);
	(void)i18n_use(spoken);
}

int
meeting_propose(struct board *b, const struct viewer *viewer, int64_t id,
    int64_t start, int minutes, const char *place, int64_t *meeting_id,
    const char **why)
{
	struct store_meeting mt;
	char words[STORE_PLACE_MAX + 128], tz[STORE_TIME_ZONE_MAX];
	int64_t other = 0, line = 0, now = clock_now();
	int rc;

	if (start <= now) {
		*why = _("that time has passed: propose one in the future");
		return MB_ERR_INVALID;
	}
	if (start > now + (int64_t)MEETING_AHEAD_DAYS * CHAT_SECONDS_PER_DAY) {
		*why = _("that is more than a year ahead");
		return MB_ERR_INVALID;
	}
	if (minutes < 1 || minutes > MEETING_MINUTES_MAX) {
		*why = _("a meeting takes from 1 minute to 8 hours");
		return MB_ERR_INVALID;
	}
	if (text_check_line(place, 1, MEETING_PLACE_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = chat_open_writable(b, viewer, id, &other, why);
	if (rc == 0)
		rc = chat_accepts(b, viewer, other, why);
	if (rc == 0)
		rc = store_meeting_add(b->store, id, viewer->user_id, start,
		    minutes, place, meeting_id);
	if (rc == 0)
		rc = store_meeting_get(b->store, *meeting_id, &mt);
	if (rc == 0) {
		chat_time_zone(b, viewer->user_id, tz, sizeof(tz));
		meeting_words(&mt, tz, words, sizeof(words));
		rc = store_chat_add(
		    b->store, id, viewer->user_id, words, *meeting_id, &line);
	}
	/* The other is told in their zone and language. */
	if (rc == 0) {
		meeting_words_for(b, other, &mt, words, sizeof(words));
		rc = chat_tell(
		    b, viewer, id, other, NOTIFY_MEETING_PROPOSED, words);
	}
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	return rc;
}

/*
 * Mail an accepted meeting to one of the two (user_id; with is the other),
 * with the invitation, both in the recipient's language.
 */
static void
meeting_mail(struct board *b, int64_t user_id, const char *with,
    const char *mentor, const char *mentee, const struct store_meeting *mt)
{
	char tz[STORE_TIME_ZONE_MAX], words[STORE_PLACE_MAX + 128];
	char uid[sizeof(b->cfg->public_host) + 64];
	char summary[2 * DISPLAY_NAME_MAX + 64];
	char err[MAIL_ERROR_MAX], *body = NULL, *ics = NULL;
	enum i18n_language spoken;
	struct ical_event ev;
	struct store_user u;
	struct mail_msg m;
	size_t ics_len = 0;

	if (store_user_get(b->store, user_id, &u) != 0)
		return;
	spoken = i18n_use(u.language);
	(void)snprintf(uid, sizeof(uid), "meeting-%lld@%s", (long long)mt->id,
	    b->cfg->public_host[0] != '\0' ? b->cfg->public_host :
					     "mentorboard");
	(void)snprintf(summary, sizeof(summary), _("Mentoring: %s and %s"),
	    mentor, mentee);
	memset(&ev, 0, sizeof(ev));
	ev.uid = uid;
	ev.stamp = clock_now();
	ev.start = mt->starts_at;
	ev.minutes = mt->minutes;
	ev.summary = summary;
	ev.location = mt->place;
	ev.description = _("A meeting arranged on Mentorboard.");
	if (ical_event(&ev, &ics, &ics_len) != 0) {
		log_error("meeting %lld: no invitation could be made",
		    (long long)mt->id);
		(void)i18n_use(spoken);
		return;
	}
	chat_time_zone(b, user_id, tz, sizeof(tz));
	meeting_words(mt, tz, words, sizeof(words));
	body = xasprintf(_("Hello %s,\n"
			   "\n"
			   "your meeting with %s is agreed:\n"
			   "\n"
			   "    %s\n"
			   "\n"
			   "The invitation is attached (meeting.ics): open it "
			   "to put the meeting into your calendar.\n"
			   "\n"
			   "The mentoring team\n"),
	    u.first_name, with, words);
	memset(&m, 0, sizeof(m));
	m.from = b->cfg->mail_from;
	m.to_addr = u.email;
	m.subject = _("Your meeting on Mentorboard");
	m.body = body;
	m.attachment = ics;
	m.attachment_len = ics_len;
	m.attachment_type = "text/calendar; charset=UTF-8; method=PUBLISH";
	m.attachment_name = "meeting.ics";
	if (mail_deliver(b->cfg->mail_command, &m, err, sizeof(err)) != 0)
		log_error("meeting %lld: the mail to user %lld failed: %s",
		    (long long)mt->id, (long long)user_id, err);
	(void)i18n_use(spoken);
	free(body);
	free(ics);
}

/* Mail the agreed meeting to both of the mentorship. */
static void
meeting_mail_both(struct board *b, const struct store_meeting *mt)
{
	struct store_mentorship m;
	char mentor[DISPLAY_NAME_MAX], mentee[DISPLAY_NAME_MAX];

	if (store_mentorship_get(b->store, mt->mentorship_id, &m) != 0)
		return;
	if (text_display_name(
		m.mentor_first, m.mentor_last, mentor, sizeof(mentor)) != 0)
		(void)snprintf(mentor, sizeof(mentor), "?");
	if (text_display_name(
		m.mentee_first, m.mentee_last, mentee, sizeof(mentee)) != 0)
		(void)snprintf(mentee, sizeof(mentee), "?");
	if (m.mentor_id != 0)
		meeting_mail(b, m.mentor_id, mentee, mentor, mentee, mt);
	if (m.mentee_id != 0)
		meeting_mail(b, m.mentee_id, mentor, mentor, mentee, mt);
	store_mentorship_free(&m);
}

int
meeting_answer(struct board *b, const struct viewer *viewer, int64_t meeting_id,
    int accept, const char **why)
{
	struct store_mentorship m;
	struct store_meeting mt;
	char words[STORE_PLACE_MAX + 128], tz[STORE_TIME_ZONE_MAX];
	int64_t other = 0, line = 0;
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_meeting_get(b->store, meeting_id, &mt);
	if (rc == 0)
		rc = chat_open(b, viewer, mt.mentorship_id, &m, &other);
	if (rc == 0) {
		store_mentorship_free(&m);
		/* Proposed by the one, answered by the other. */
		if (mt.proposer_id == viewer->user_id ||
		    strcmp(mt.state, "proposed") != 0)
			rc = MB_ERR_NOTFOUND;
		else if (accept && mt.starts_at <= clock_now()) {
			*why = _("that meeting's time has passed: propose "
				 "another");
			rc = MB_ERR_INVALID;
		}
	}
	if (rc == 0)
		rc = chat_accepts(b, viewer, other, why);
	if (rc == 0)
		rc = store_meeting_answer(
		    b->store, meeting_id, accept ? "accepted" : "declined");
	if (rc == 0) {
		chat_time_zone(b, viewer->user_id, tz, sizeof(tz));
		meeting_words(&mt, tz, words, sizeof(words));
		rc = store_chat_add(b->store, mt.mentorship_id, viewer->user_id,
		    words, meeting_id, &line);
	}
	if (rc == 0) {
		meeting_words_for(b, other, &mt, words, sizeof(words));
		rc = chat_tell(b, viewer, mt.mentorship_id, other,
		    accept ? NOTIFY_MEETING_ACCEPTED : NOTIFY_MEETING_DECLINED,
		    words);
	}
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such meeting for you to answer");
	if (rc == 0 && accept &&
	    store_meeting_get(b->store, meeting_id, &mt) == 0)
		meeting_mail_both(b, &mt);
	return rc;
}

char *
chat_line_text(
    struct board *b, const char *tz, const struct store_chat_line *line)
{
	struct store_meeting mt;
	char words[STORE_PLACE_MAX + 128];

	if (!line->meeting || line->meeting_id == 0 ||
	    store_meeting_get(b->store, line->meeting_id, &mt) != 0)
		return xstrdup(line->body);
	meeting_words(&mt, tz, words, sizeof(words));
	if (line->author_id == mt.proposer_id)
		return xasprintf(
		    _("proposes a meeting #%lld: %s"), (long long)mt.id, words);
	if (strcmp(mt.state, "accepted") == 0)
		return xasprintf(
		    _("accepts meeting #%lld: %s"), (long long)mt.id, words);
	return xasprintf(
	    _("declines meeting #%lld: %s"), (long long)mt.id, words);
}

int
meeting_pending(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_meeting *out)
{
	struct store_mentorship m;
	int64_t other = 0;
	int rc;

	rc = chat_open(b, viewer, id, &m, &other);
	if (rc != 0)
		return rc;
	store_mentorship_free(&m);
	return store_meeting_pending(
	    b->store, id, viewer->user_id, clock_now(), out);
}

int
meeting_upcoming(struct board *b, const struct viewer *viewer,
    struct store_meeting *rows, size_t max, size_t *n)
{
	*n = 0;
	if (viewer->user_id == 0)
		return 0;
	return store_meeting_upcoming(
	    b->store, viewer->user_id, clock_now(), rows, max, n);
}
