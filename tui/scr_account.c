/*
 * scr_account: "My account": what the board knows about you and what
 * others see of it, with the ways to change it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "chat.h"
#include "error.h"
#include "i18n.h"
#include "notify.h"
#include "screens.h"
#include "store.h"
#include "util.h"
#include "widget.h"

static const struct menu_item account_items[] = {
	{ N_("Change password"), 'p' },
	{ N_("SSH keys"), 's' },
	{ N_("Fields of study"), 'f' },
	{ N_("Mail when away: on or off"), 'w' },
	{ N_("Plain mode: on or off"), 'l' },
	{ N_("Time zone"), 'z' },
	{ N_("Language: Deutsch or English"), 'g' },
	{ N_("Download my data"), 'd' },
	{ N_("Delete my account"), 'x' },
};

/* The entries toggled here, not screens. */
#define ACCOUNT_MAIL 3
#define ACCOUNT_PLAIN 4
#define ACCOUNT_LANGUAGE 6

static const struct screen *const account_targets[] = {
	&scr_password,
	&scr_keys,
	&scr_fields,
	NULL, /* the mail switch: toggled here */
	NULL, /* the plain mode: toggled here */
	&scr_timezone,
	NULL, /* the language: switched here */
	&scr_export,
	&scr_erase,
};

struct account_state {
	struct menu menu;
};

static int
account_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct account_state *as = xcalloc(1, sizeof(*as));

	(void)ui;
	(void)arg;
	as->menu.items = account_items;
	as->menu.nitems = (int)nitems(account_items);
	*state = as;
	return 0;
}

/* The layout: what the board keeps on the left, the menu on the right
 * (beside it, so that both fit in 80x24). */
#define ACCOUNT_LABEL_COLS 17
#define ACCOUNT_VALUE_X (2 + ACCOUNT_LABEL_COLS + 1)
#define ACCOUNT_MENU_COLS 30

/* One "label: value" line; value is the member's own data.  cols is where
 * the menu begins. */
static void
account_line(struct ui *ui, WINDOW *win, int y, const char *label,
    const char *value, int cols)
{
	(void)wmove(win, y, 2);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win, label, ACCOUNT_LABEL_COLS);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, y, ACCOUNT_VALUE_X);
	(void)ui_put_cut(win, value, cols - ACCOUNT_VALUE_X - 2);
}

/*
 * Reads the account as it draws, so it has no update callback: what it shows
 * is never stale.
 */
static void
account_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct account_state *as = state;
	struct store_item *fields = NULL;
	struct store_key *keys = NULL;
	struct store_user u;
	char list[1024] = "", display[DISPLAY_NAME_MAX], count[64];
	char zone[STORE_TIME_ZONE_MAX];
	size_t nfields = 0, nkeys = 0, i;
	int cols = getmaxx(win) - ACCOUNT_MENU_COLS - 1, y = 1;

	if (store_user_get(ui->app->store, ui->app->viewer.user_id, &u) != 0) {
		(void)wmove(win, 1, 2);
		(void)ui_put(
		    win, _("Your account cannot be read just now."), cols - 4);
		return;
	}
	account_display_name(&u, display, sizeof(display));
	if (store_user_fields(ui->app->store, u.id, &fields, &nfields) == 0) {
		for (i = 0; i < nfields; i++) {
			if (i > 0)
				(void)strncat(list, ", ",
				    sizeof(list) - strlen(list) - 1);
			(void)strncat(list, fields[i].name,
			    sizeof(list) - strlen(list) - 1);
		}
	}
	free(fields);
	if (store_key_list(ui->app->store, u.id, &keys, &nkeys) != 0)
		nkeys = 0;
	free(keys);
	(void)snprintf(count, sizeof(count), "%zu", nkeys);
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(
	    win, _("Only you (and the mentoring team) see this"), cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	account_line(ui, win, y++, _("User name"), u.username, cols);
	account_line(ui, win, y++, _("E-mail"), u.email, cols);
	account_line(ui, win, y++, _("First name"), u.first_name, cols);
	account_line(ui, win, y++, _("Surname"), u.last_name, cols);
	account_line(ui, win, y++, _("SSH keys"), count, cols);
	account_line(ui, win, y++, _("Mail when away"),
	    u.notify_mail ? _("on: what you miss by mail") : _("off"), cols);
	account_line(ui, win, y++, _("Plain mode"),
	    u.plain_mode ? _("on, from the next login") : _("off"), cols);
	chat_time_zone(&ui->app->board, u.id, zone, sizeof(zone));
	account_line(ui, win, y++, _("Time zone"), zone, cols);
	account_line(ui, win, y++, _("Language"), i18n_name(u.language), cols);
	y++;
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("What other people see"), cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	account_line(ui, win, y++, _("Name"), display, cols);
	account_line(ui, win, y++, _("Fields of study"), list, cols);
	menu_draw(ui, &as->menu, win, 1, cols + 1, ACCOUNT_MENU_COLS, 1);
}

static enum ui_result
account_key(struct ui *ui, void *state, struct ui_key key)
{
	struct account_state *as = state;
	int chosen = menu_key(&as->menu, key);

	struct store_user u;

	if (chosen == ACCOUNT_MAIL) {
		/* The mail switch: the rule marks news, and this redraws. */
		if (store_user_get(
			ui->app->store, ui->app->viewer.user_id, &u) != 0 ||
		    notify_set_mail(&ui->app->board, u.id, !u.notify_mail) != 0)
			ui_message(ui, UI_ERROR, "%s", _("Please try again."));
		return UI_HANDLED;
	}
	if (chosen == ACCOUNT_PLAIN) {
		if (store_user_get(
			ui->app->store, ui->app->viewer.user_id, &u) != 0 ||
		    account_set_plain_mode(
			&ui->app->board, u.id, !u.plain_mode) != 0)
			ui_message(ui, UI_ERROR, "%s", _("Please try again."));
		else
			ui_message(ui, UI_OK, "%s",
			    !u.plain_mode ?
				_("From the next login on, the board starts "
				  "in the plain mode.") :
				_("From the next login on, the board starts "
				  "with full screens."));
		return UI_HANDLED;
	}
	if (chosen == ACCOUNT_LANGUAGE) {
		/* This screen at once; the member's other sessions with the
		 * news. */
		if (store_user_get(
			ui->app->store, ui->app->viewer.user_id, &u) != 0 ||
		    account_set_language(&ui->app->board, u.id,
			u.language == I18N_DE ? I18N_EN : I18N_DE) != 0)
			ui_message(ui, UI_ERROR, "%s", _("Please try again."));
		else
			(void)i18n_use(
			    u.language == I18N_DE ? I18N_EN : I18N_DE);
		return UI_HANDLED;
	}
	if (chosen >= 0) {
		(void)ui_push(ui, account_targets[chosen], NULL);
		return UI_HANDLED;
	}
	return chosen == -1 ? UI_HANDLED : UI_UNHANDLED;
}

static void
account_close(void *state)
{
	free(state);
}

const struct screen scr_account = {
	.name = "account",
	.title = N_("My account"),
	.help = N_("Your account: what the board keeps, and what other "
		   "people see of it (your name as \"Anna K.\" and your "
		   "fields of study).\n"
		   "The plain mode shows the board as numbered menus and "
		   "plain lines, one question per line, for screen readers "
		   "and braille displays; once on, it is there at every "
		   "login (ssh -t board --full-screen for full screens "
		   "once)."),
	.keys = N_("Enter choose  ? help  q back"),
	.open = account_open,
	.draw = account_draw,
	.key = account_key,
	.close = account_close,
};
