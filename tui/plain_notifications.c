/*
 * plain_notifications: the notification centre in the plain mode, newest
 * first, the unread said so; a number opens what one is about and marks it
 * read (in every session of the member), a marks all read.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "notify.h"
#include "plain.h"
#include "text.h"
#include "util.h"

int
plain_notifications(struct plain *p, const char *text)
{
	struct notify_item *items = NULL;
	char answer[PLAIN_LINE_MAX], when[32];
	size_t n = 0, i, unread;
	int rc = PLAIN_BACK, show = 1;
	long number;

	(void)text;
	for (;;) {
		if (show) {
			free(items);
			items = NULL;
			n = 0;
			if (notify_list(&p->app->board, p->app->viewer.user_id,
				0, 0, &items, &n) != 0) {
				plain_say(p, "%s\n",
				    _("Your notifications cannot be read just "
				      "now."));
				break;
			}
			if (n == 0) {
				plain_say(
				    p, "%s\n", _("No notifications yet."));
				break;
			}
			for (i = unread = 0; i < n; i++)
				unread += !items[i].read;
			plain_say(p,
			    _("\nNotifications, newest first, %zu unread:\n"),
			    unread);
			for (i = 0; i < n; i++) {
				plain_when(p, items[i].at, when, sizeof(when));
				plain_say(p, "%zu. %s%s: %s\n", i + 1,
				    items[i].read ? "" : _("new, "), when,
				    items[i].text);
			}
			show = 0;
		}
		if (plain_ask(p,
			_("A number opens it and marks it read, a: mark all "
			  "read, 0: back: "),
			answer, sizeof(answer), 0) != PLAIN_LINE)
			break;
		text_trim(answer);
		if (strcmp(answer, "0") == 0)
			break;
		if (answer[0] == '\0')
			show = 1;
		else if (strcmp(answer, "a") == 0) {
			if (notify_read(
				&p->app->board, p->app->viewer.user_id, 0) == 0)
				plain_say(p, "%s\n", _("All marked read."));
			show = 1;
		} else if (parse_long(answer, 1, (long)n, &number) == 0) {
			if (notify_read(&p->app->board, p->app->viewer.user_id,
				items[number - 1].id) != 0)
				plain_say(p, "%s\n", _("Please try again."));
			if (items[number - 1].link[0] != '\0' &&
			    strcmp(items[number - 1].link, "notifications") !=
				0)
				rc = plain_open_line(p, items[number - 1].link);
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
	free(items);
	return p->gone ? PLAIN_END : rc;
}
