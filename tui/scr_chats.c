/*
 * scr_chats: "Chats", one line per mentorship with a chat: the other
 * person, how many of their lines are unread, when and what was written
 * last.  Enter opens the conversation.  Opened with an ID (the deep link
 * `chat ID`, a notification's link) it opens that conversation at once.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "error.h"
#include "i18n.h"
#include "screens.h"
#include "util.h"

#define CHATS_NAME_COLS 18
#define CHATS_UNREAD_COLS 6
#define CHATS_WHEN_COLS 17 /* "2026-12-01 14:05 " */

struct chats_state {
	struct chat_summary *items;
	size_t n;
	int selected;
	int top;
	int read; /* items holds the list */
	char tz[STORE_TIME_ZONE_MAX];
};

static void
chats_reload(struct ui *ui, struct chats_state *cs)
{
	free(cs->items);
	cs->items = NULL;
	cs->n = 0;
	chat_time_zone(
	    &ui->app->board, ui->app->viewer.user_id, cs->tz, sizeof(cs->tz));
	cs->read = chat_list(&ui->app->board, &ui->app->viewer, &cs->items,
		       &cs->n) == 0;
	if (cs->selected >= (int)cs->n)
		cs->selected = cs->n > 0 ? (int)cs->n - 1 : 0;
}

static int
chats_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct chats_state *cs = NULL;
	struct ui_arg to;
	char *end = NULL;
	long long id;

	if (arg->text != NULL) {
		id = strtoll(
		    arg->text[0] == '#' ? arg->text + 1 : arg->text, &end, 10);
		if (end == arg->text || *end != '\0' || id <= 0) {
			ui_message(ui, UI_ERROR, "%s",
			    _("A chat is named by its number."));
		} else {
			memset(&to, 0, sizeof(to));
			to.id = id;
			return ui_replace(ui, &scr_chat, &to);
		}
	}
	cs = xcalloc(1, sizeof(*cs));
	chats_reload(ui, cs);
	*state = cs;
	return 0;
}

static void
chats_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct chats_state *cs = state;
	char when[64], unread[16];
	int rows, cols, y = 1, i, visible, x;

	getmaxyx(win, rows, cols);
	if (!cs->read || cs->n == 0) {
		(void)wmove(win, y, 2);
		(void)ui_put(win,
		    cs->read ? _("No chats yet: when a mentor accepts a "
				 "request, the two of you can write here.") :
			       _("Your chats cannot be read just now."),
		    cols - 4);
		return;
	}
	visible = rows - 2;
	if (cs->selected < cs->top)
		cs->top = cs->selected;
	if (cs->selected >= cs->top + visible)
		cs->top = cs->selected - visible + 1;
	for (i = cs->top; i < (int)cs->n && y < rows - 1; i++, y++) {
		const struct chat_summary *c = &cs->items[i];

		when[0] = unread[0] = '\0';
		if (c->last_at != 0)
			chat_format_time(c->last_at, cs->tz, "%Y-%m-%d %H:%M",
			    when, sizeof(when));
		if (c->unread > 0)
			(void)snprintf(unread, sizeof(unread), "(%d)",
			    c->unread > 999 ? 999 : c->unread);
		if (i == cs->selected)
			ui_set_focus(ui, win, y, 2);
		(void)wattrset(win,
		    i == cs->selected		 ? ui_attr(ui, UI_SELECTED) :
			c->unread > 0		 ? A_BOLD :
			!chat_writable(c->state) ? ui_attr(ui, UI_DIM) :
						   A_NORMAL);
		(void)wmove(win, y, 1);
		(void)whline(win, ' ', cols - 2);
		x = 2;
		(void)wmove(win, y, x);
		(void)ui_put(win, c->other, CHATS_NAME_COLS - 1);
		x += CHATS_NAME_COLS;
		(void)wmove(win, y, x);
		(void)ui_put(win, unread, CHATS_UNREAD_COLS);
		x += CHATS_UNREAD_COLS;
		(void)wmove(win, y, x);
		(void)ui_put(win, when, CHATS_WHEN_COLS);
		x += CHATS_WHEN_COLS;
		(void)wmove(win, y, x);
		if (c->official_since != 0) {
			chat_format_time(c->official_since, cs->tz,
			    _("[official since %Y-%m-%d] "), when,
			    sizeof(when));
			x += ui_put(win, when, cols - x - 1);
		}
		(void)ui_put(win,
		    c->last[0] != '\0'		? c->last :
			chat_writable(c->state) ? _("(nothing written yet)") :
						  "",
		    cols - x - 1);
		(void)wattrset(win, A_NORMAL);
	}
}

static enum ui_result
chats_key(struct ui *ui, void *state, struct ui_key key)
{
	struct chats_state *cs = state;

	if (key.is_function && key.ch == KEY_UP && cs->selected > 0) {
		cs->selected--;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_DOWN &&
	    cs->selected + 1 < (int)cs->n) {
		cs->selected++;
		return UI_HANDLED;
	}
	if (ui_key_enter(key) && cs->n > 0) {
		(void)ui_push_id(ui, &scr_chat, cs->items[cs->selected].id);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/* A line came or was read, a mentorship began or ended. */
static void
chats_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	if (news->kind == STORE_NEWS_CHAT || news->kind == STORE_NEWS_REQUEST ||
	    news->kind == STORE_NEWS_ACCOUNT || news->kind == STORE_NEWS_ANY)
		chats_reload(ui, state);
}

static void
chats_close(void *state)
{
	struct chats_state *cs = state;

	if (cs == NULL)
		return;
	free(cs->items);
	free(cs);
}

const struct screen scr_chats = {
	.name = "chats",
	.title = N_("Chats"),
	.help = N_("Your chats with your mentors and mentees, one per "
		   "mentorship, with the number of lines you have not read.\n"
		   "  Up/Down   choose\n"
		   "  Enter     open the conversation"),
	.keys = N_("Enter open  ? help  q back"),
	.open = chats_open,
	.draw = chats_draw,
	.key = chats_key,
	.close = chats_close,
	.update = chats_update,
};
