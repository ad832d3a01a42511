/*
 * plain_chat: chats in the plain mode.  The list of chats; a chat reads
 * out its newest lines, then every line typed is sent as a message (on
 * one line: the plain mode has no editor), an empty line reads what came
 * since, and a full stop alone goes back.  What the other typed is shown
 * sanitised, as on the screen; what is read is marked read.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "i18n.h"
#include "log.h"
#include "plain.h"
#include "text.h"
#include "util.h"

/*
 * Read out the lines of chat id after *last (at most the newest
 * PLAIN_CHAT_LINES when *last is 0), move *last to the newest and mark it
 * read.  Returns how many were read out, or -1.
 */
static int
plain_chat_lines(struct plain *p, int64_t id, int64_t *last)
{
	struct store_chat_line *rows = NULL;
	char tz[STORE_TIME_ZONE_MAX], from[DISPLAY_NAME_MAX], when[32];
	char *text = NULL;
	size_t n = 0, i, first = 0;

	if (chat_log(&p->app->board, &p->app->viewer, id, *last, 0, &rows, &n,
		NULL) != 0)
		return -1;
	if (*last == 0 && n > PLAIN_CHAT_LINES)
		first = n - PLAIN_CHAT_LINES;
	chat_time_zone(&p->app->board, p->app->viewer.user_id, tz, sizeof(tz));
	for (i = first; i < n; i++) {
		if (rows[i].author_id == p->app->viewer.user_id)
			(void)snprintf(from, sizeof(from), "%s", _("You"));
		else
			cmd_party_name(rows[i].author_first,
			    rows[i].author_last, rows[i].author_id, from,
			    sizeof(from));
		chat_format_time(
		    rows[i].at, tz, "%Y-%m-%d %H:%M", when, sizeof(when));
		text = chat_line_text(&p->app->board, tz, &rows[i]);
		/* plain_say shows control characters as ^X. */
		plain_say(p, "%s, %s: %s\n", from, when, text);
		free(text);
	}
	if (n > 0) {
		*last = rows[n - 1].id;
		if (chat_mark_read(
			&p->app->board, &p->app->viewer, id, *last) != 0)
			log_debug("chat %lld not marked read", (long long)id);
	}
	store_chat_lines_free(rows, n);
	return (int)(n - first);
}

int
plain_chat(struct plain *p, int64_t id)
{
	struct chat_summary c;
	char line[PLAIN_LINE_MAX];
	const char *why = NULL;
	int64_t last = 0, sent = 0;
	int writable;

	if (chat_get(&p->app->board, &p->app->viewer, id, &c) != 0) {
		plain_say(
		    p, _("There is no chat #%lld of yours.\n"), (long long)id);
		return PLAIN_BACK;
	}
	writable = chat_writable(c.state);
	plain_say(p, _("\nChat with %s%s.\n"), c.other,
	    writable ? "" : _(", closed for writing"));
	if (plain_chat_lines(p, id, &last) == 0)
		plain_say(p, "%s\n", _("No messages yet."));
	for (;;) {
		if (plain_ask(p,
			writable ? _("Your message, Enter sends it (Enter "
				     "alone: what is new; a full stop alone: "
				     "back): ") :
				   _("Enter alone: what is new; a full stop "
				     "alone: back: "),
			line, sizeof(line), 0) != PLAIN_LINE)
			break;
		if (strcmp(line, ".") == 0)
			break;
		if (line[0] == '\0') {
			if (plain_chat_lines(p, id, &last) == 0)
				plain_say(p, "%s\n", _("Nothing new."));
			continue;
		}
		if (!writable) {
			plain_say(
			    p, "%s\n", _("This chat is closed for writing."));
			continue;
		}
		if (chat_send(&p->app->board, &p->app->viewer, id, line, &sent,
			&why) != 0) {
			plain_say(p, "%s\n",
			    why != NULL ? why : _("Please try again."));
			continue;
		}
		/* What came meanwhile, and the line sent, in order. */
		(void)plain_chat_lines(p, id, &last);
	}
	return p->gone ? PLAIN_END : PLAIN_BACK;
}

int
plain_chats(struct plain *p, const char *text)
{
	struct chat_summary *chats = NULL;
	char answer[PLAIN_LINE_MAX], when[32];
	size_t n = 0, i;
	int rc = PLAIN_BACK, show = 1;
	long number;

	/* `chat 12` opens that chat. */
	if (text != NULL &&
	    parse_long(
		text[0] == '#' ? text + 1 : text, 1, LONG_MAX, &number) == 0)
		return plain_chat(p, number);
	for (;;) {
		if (show) {
			free(chats);
			chats = NULL;
			n = 0;
			if (chat_list(&p->app->board, &p->app->viewer, &chats,
				&n) != 0) {
				plain_say(p, "%s\n",
				    _("Your chats cannot be read just now."));
				break;
			}
			if (n == 0) {
				plain_say(p, "%s\n",
				    _("No chats yet: a chat begins when a "
				      "mentor accepts a request."));
				break;
			}
			plain_say(p, "\n%s\n", _("Chats, newest first:"));
			for (i = 0; i < n; i++) {
				when[0] = '\0';
				if (chats[i].last_at != 0)
					plain_when(p, chats[i].last_at, when,
					    sizeof(when));
				plain_say(p, _("%zu. %s, %d unread%s%s%s%s.\n"),
				    i + 1, chats[i].other, chats[i].unread,
				    when[0] != '\0' ? _(", last ") : "", when,
				    chats[i].last[0] != '\0' ? ": " : "",
				    chats[i].last);
			}
			show = 0;
		}
		if (plain_ask(p, _("A number opens the chat, 0: back: "),
			answer, sizeof(answer), 0) != PLAIN_LINE)
			break;
		text_trim(answer);
		if (strcmp(answer, "0") == 0)
			break;
		if (answer[0] == '\0')
			show = 1;
		else if (parse_long(answer, 1, (long)n, &number) == 0) {
			rc = plain_chat(p, chats[number - 1].id);
			if (rc == PLAIN_END)
				break;
			show = 1;
		} else if (parse_long(answer, 0, LONG_MAX, &number) == 0)
			plain_say(p, _("Choose one of 1 to %zu.\n"), n);
		else
			(void)plain_command(p, answer, NULL);
		if (p->gone)
			break;
	}
	free(chats);
	return p->gone ? PLAIN_END : rc;
}
