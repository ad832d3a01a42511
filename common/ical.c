/* ical: one event as an RFC 5545 calendar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "ical.h"
#include "text.h"
#include "util.h"

/* A growing text; len never passes ICAL_TEXT_MAX (over is set then). */
struct ical_buf {
	char *data;
	size_t len;
	int over;
};

static void
ical_add(struct ical_buf *b, const char *s, size_t n)
{
	if (b->over || b->len + n + 1 > ICAL_TEXT_MAX) {
		b->over = 1;
		return;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/*
 * One content line, "NAME:value", folded: after ICAL_LINE_OCTETS octets a
 * CRLF and a space, never inside a UTF-8 character; CRLF at its end.
 * With escape, value is TEXT: backslash, semicolon, comma and newline
 * escaped.
 */
static void
ical_line(struct ical_buf *b, const char *name, const char *value, int escape)
{
	char *line = NULL;
	size_t len, cap, i = 0, col = 0, n, k;
	const char *v = NULL;
	uint32_t cp;
	int clen;

	/* Escaping at most doubles the value. */
	cap = strlen(name) + 1 + 2 * strlen(value) + 1;
	line = xmalloc(cap);
	len = (size_t)snprintf(line, cap, "%s:", name);
	for (v = value; *v != '\0'; v++) {
		if (escape && (*v == '\\' || *v == ';' || *v == ',')) {
			line[len++] = '\\';
			line[len++] = *v;
		} else if (escape && *v == '\n') {
			line[len++] = '\\';
			line[len++] = 'n';
		} else if (*v != '\r')
			line[len++] = *v;
	}
	line[len] = '\0';
	while (i < len) {
		clen = text_utf8_decode(line + i, len - i, &cp);
		n = clen > 0 ? (size_t)clen : 1;
		/* The first line holds 75 octets, the others a space and 74. */
		if (col + n > ICAL_LINE_OCTETS) {
			ical_add(b, "\r\n ", 3);
			col = 1;
		}
		for (k = 0; k < n; k++)
			ical_add(b, line + i + k, 1);
		col += n;
		i += n;
	}
	ical_add(b, "\r\n", 2);
	free(line);
}

/* A UTC time as iCalendar writes it: 20261205T140000Z. */
static int
ical_time(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y%m%dT%H%M%SZ", &tm) == 0)
		return MB_ERR_INVALID;
	return 0;
}

int
ical_event(const struct ical_event *ev, char **out, size_t *len)
{
	struct ical_buf b = { NULL, 0, 0 };
	char stamp[32], start[32], end[32];

	*out = NULL;
	*len = 0;
	if (ev->uid == NULL || ev->summary == NULL || ev->location == NULL ||
	    ev->minutes <= 0 || text_utf8_length(ev->summary) < 0 ||
	    text_utf8_length(ev->location) < 0 ||
	    (ev->description != NULL &&
		text_utf8_length(ev->description) < 0) ||
	    ical_time(ev->stamp, stamp, sizeof(stamp)) != 0 ||
	    ical_time(ev->start, start, sizeof(start)) != 0 ||
	    ical_time(
		ev->start + (int64_t)ev->minutes * 60, end, sizeof(end)) != 0)
		return MB_ERR_INVALID;
	b.data = xmalloc(ICAL_TEXT_MAX);
	b.data[0] = '\0';
	ical_line(&b, "BEGIN", "VCALENDAR", 0);
	ical_line(&b, "VERSION", "2.0", 0);
	ical_line(&b, "PRODID", "-//Mentorboard//Mentorboard//EN", 0);
	ical_line(&b, "CALSCALE", "GREGORIAN", 0);
	ical_line(&b, "METHOD", "PUBLISH", 0);
	ical_line(&b, "BEGIN", "VEVENT", 0);
	ical_line(&b, "UID", ev->uid, 0);
	ical_line(&b, "DTSTAMP", stamp, 0);
	ical_line(&b, "DTSTART", start, 0);
	ical_line(&b, "DTEND", end, 0);
	ical_line(&b, "SUMMARY", ev->summary, 1);
	ical_line(&b, "LOCATION", ev->location, 1);
	if (ev->description != NULL)
		ical_line(&b, "DESCRIPTION", ev->description, 1);
	ical_line(&b, "END", "VEVENT", 0);
	ical_line(&b, "END", "VCALENDAR", 0);
	if (b.over) {
		free(b.data);
		return MB_ERR_INVALID;
	}
	*out = b.data;
	*len = b.len;
	return 0;
}
