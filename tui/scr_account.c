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
	{ N_("Time zone"), 'z' },
	{ N_("Language: Deutsch or English"), 'g' },
	{ N_("Download my data"), 'd' },
	{ N_("Delete my account"), 'x' },
};

static const struct screen *const account_targets[] = {
	&scr_password,
	&scr_keys,
	&scr_fields,
	NULL, /* the mail switch: toggled here */
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

/* One "label: value" line; value is the member's own data. */
static void
account_line(struct ui *ui, WINDOW *win, int y, const char *label,
    const char *value, int cols)
{
	(void)wmove(win, y, 2);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win, label, 24);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, y, 28);
	(void)ui_put(win, value, cols - 30);
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
	int cols = getmaxx(win), y = 0;

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
	account_line(ui, win, y++, _("User name"), u.username, cols);
	account_line(ui, win, y++, _("E-mail"), u.email, cols);
	account_line(ui, win, y++, _("First name"), u.first_name, cols);
	account_line(ui, win, y++, _("Surname"), u.last_name, cols);
	account_line(ui, win, y++, _("SSH keys"), count, cols);
	account_line(ui, win, y++, _("Mail when away"),
	    u.notify_mail ? _("on: what you miss comes by mail") : _("off"),
	    cols);
	chat_time_zone(&ui->app->board, u.id, zone, sizeof(zone));
	account_line(ui, win, y++, _("Time zone"), zone, cols);
	account_line(ui, win, y++, _("Language"), i18n_name(u.language), cols);
	y++;
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("What other people see"), cols - 4);
	(void)wattrset(win, A_NORMAL);
	account_line(ui, win, y++, _("Name"), display, cols);
	account_line(ui, win, y++, _("Fields of study"), list, cols);
	/* Eight entries end on the last row of an 80x24 terminal. */
	menu_draw(ui, &as->menu, win, y, 1, cols - 2 < 40 ? cols - 2 : 40, 1);
}

static enum ui_result
account_key(struct ui *ui, void *state, struct ui_key key)
{
	struct account_state *as = state;
	int chosen = menu_key(&as->menu, key);
	enum i18n_language lang;
	struct store_user u;
	int rc;

	if (chosen >= 0 && account_targets[chosen] == NULL) {
		/* The switches: the rule marks news, and this redraws (in the
		 * new language: the news refreshes who this is). */
		if (store_user_get(
			ui->app->store, ui->app->viewer.user_id, &u) != 0)
			rc = MB_ERR_DB;
		else if (account_items[chosen].hotkey == 'g') {
			lang = u.language == I18N_DE ? I18N_EN : I18N_DE;
			rc = account_set_language(&ui->app->board, u.id, lang);
			/* This screen at once; the others with the news. */
			if (rc == 0)
				(void)i18n_use(lang);
		} else
			rc = notify_set_mail(
			    &ui->app->board, u.id, !u.notify_mail);
		if (rc != 0)
			ui_message(ui, UI_ERROR, "%s", _("Please try again."));
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
		   "fields of study)."),
	.keys = N_("Enter choose  ? help  q back"),
	.open = account_open,
	.draw = account_draw,
	.key = account_key,
	.close = account_close,
};
