/*
 * scr_notifications: the notification centre (n from anywhere).  Newest
 * first, the unread marked; Enter opens what a notification is about and
 * marks it read (in every session of the member: the count updates
 * there too); a marks all read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "i18n.h"
#include "notify.h"
#include "screens.h"
#include "util.h"

#define NOTIFICATIONS_TIME_COLS 17 /* "2026-12-01 14:05 " */

struct notifications_state {
	struct notify_item *items;
	size_t n;
	int selected;
	int top;
	int read; /* items holds the list */
};

static void
notifications_reload(struct ui *ui, struct notifications_state *ns)
{
	free(ns->items);
	ns->items = NULL;
	ns->n = 0;
	ns->read = notify_list(&ui->app->board, ui->app->viewer.user_id, 0, 0,
		       &ns->items, &ns->n) == 0;
	if (ns->selected >= (int)ns->n)
		ns->selected = ns->n > 0 ? (int)ns->n - 1 : 0;
}

static int
notifications_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct notifications_state *ns = xcalloc(1, sizeof(*ns));

	(void)arg;
	notifications_reload(ui, ns);
	*state = ns;
	return 0;
}

static void
notifications_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct notifications_state *ns = state;
	char when[32];
	time_t t;
	struct tm tm;
	int rows, cols, y = 1, i, visible;

	getmaxyx(win, rows, cols);
	if (!ns->read || ns->n == 0) {
		(void)wmove(win, y, 2);
		(void)ui_put(win,
		    ns->read ? _("No notifications yet.") :
			       _("Your notifications cannot be read just now."),
		    cols - 4);
		return;
	}
	visible = rows - 2;
	if (ns->selected < ns->top)
		ns->top = ns->selected;
	if (ns->selected >= ns->top + visible)
		ns->top = ns->selected - visible + 1;
	for (i = ns->top; i < (int)ns->n && y < rows - 1; i++, y++) {
		const struct notify_item *it = &ns->items[i];

		t = (time_t)it->at;
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm) == 0)
			when[0] = '\0';
		(void)wmove(win, y, 1);
		if (i == ns->selected)
			ui_set_focus(ui, win, y, 1);
		(void)wattrset(win,
		    i == ns->selected ? ui_attr(ui, UI_SELECTED) :
			it->read      ? ui_attr(ui, UI_DIM) :
					A_BOLD);
		(void)whline(win, ' ', cols - 2);
		(void)wmove(win, y, 1);
		(void)ui_put(
		    win, it->read ? " " : ui_glyph(ui, "\xe2\x97\x8f", "*"), 1);
		(void)wmove(win, y, 3);
		(void)ui_put(win, when, NOTIFICATIONS_TIME_COLS);
		(void)wmove(win, y, 3 + NOTIFICATIONS_TIME_COLS);
		(void)ui_put(win, it->text, cols - 4 - NOTIFICATIONS_TIME_COLS);
		(void)wattrset(win, A_NORMAL);
	}
}

/* Mark the selected one read and open what it is about. */
static void
notifications_choose(struct ui *ui, struct notifications_state *ns)
{
	const struct notify_item *it = &ns->items[ns->selected];
	const struct screen *s = NULL;
	char text[NOTIFY_LINK_MAX];
	struct ui_arg arg;

	if (notify_read(&ui->app->board, ui->app->viewer.user_id, it->id) != 0)
		ui_message(ui, UI_ERROR, "%s", _("Please try again."));
	if (cmd_link_screen(ui->app, it->link, &s, text, sizeof(text)) != 0 ||
	    s == &scr_notifications) {
		notifications_reload(ui, ns);
		return;
	}
	memset(&arg, 0, sizeof(arg));
	arg.text = text[0] != '\0' ? text : NULL;
	(void)ui_push(ui, s, &arg);
}

static enum ui_result
notifications_key(struct ui *ui, void *state, struct ui_key key)
{
	struct notifications_state *ns = state;

	if (key.is_function && key.ch == KEY_UP && ns->selected > 0) {
		ns->selected--;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_DOWN &&
	    ns->selected + 1 < (int)ns->n) {
		ns->selected++;
		return UI_HANDLED;
	}
	if (ui_key_enter(key) && ns->n > 0) {
		notifications_choose(ui, ns);
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == 'a') {
		if (notify_read(&ui->app->board, ui->app->viewer.user_id, 0) ==
		    0)
			ui_message(ui, UI_OK, "%s", _("All marked read."));
		notifications_reload(ui, ns);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/* Notifications came, or were read in another session. */
static void
notifications_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	if (news->kind == STORE_NEWS_NOTIFICATION ||
	    news->kind == STORE_NEWS_ANY)
		notifications_reload(ui, state);
}

static void
notifications_close(void *state)
{
	struct notifications_state *ns = state;

	free(ns->items);
	free(ns);
}

const struct screen scr_notifications = {
	.name = "notifications",
	.title = N_("Notifications"),
	.help = N_("What happened for you on the board, newest first; the "
		   "unread ones are marked.\n"
		   "  Up/Down   choose\n"
		   "  Enter     open what it is about (and mark it read)\n"
		   "  a         mark all read"),
	.keys = N_("Enter open  a all read  q back"),
	.open = notifications_open,
	.draw = notifications_draw,
	.key = notifications_key,
	.close = notifications_close,
	.update = notifications_update,
};
