/*
 * scr_data: "Download my data" (how to save the export: a terminal
 * cannot save a file) and "Delete my account" (the user name typed to
 * confirm), from My account.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "erase.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "screens.h"
#include "util.h"
#include "widget.h"

static int
export_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct textview *tv = xcalloc(1, sizeof(*tv));
	char ssh[512], sftp[512], p[16] = "", *text = NULL;
	int port = config_public_port(&ui->app->cfg);

	(void)arg;
	account_ssh_command(
	    &ui->app->cfg, ui->app->viewer.username, 0, ssh, sizeof(ssh));
	if (port != 22)
		(void)snprintf(p, sizeof(p), "-P %d ", port);
	(void)snprintf(sftp, sizeof(sftp), "sftp %s%s@%s:export.json", p,
	    ui->app->viewer.username,
	    ui->app->cfg.public_host[0] != '\0' ? ui->app->cfg.public_host :
						  "localhost");
	text =
	    xasprintf(_("# Your data\n"
			"Everything the board holds about you is one JSON "
			"document: your account, fields, roles, profile, "
			"application and CV, keys, membership, requests and "
			"mentorships, the chat lines you wrote and received, "
			"agreements, meetings, notifications, questions to "
			"the team, reports you made, logins.\n"
			"\n"
			"A terminal cannot save a file. On your computer, "
			"run:\n"
			"\n"
			"    %s export > me.json\n"
			"\n"
			"or fetch the same document with SFTP:\n"
			"\n"
			"    %s\n"
			"\n"
			"The README of the board describes its keys."),
		ssh, sftp);
	textview_set(tv, text);
	free(text);
	*state = tv;
	return 0;
}

static void
export_draw(struct ui *ui, void *state, WINDOW *win)
{
	int rows, cols;

	getmaxyx(win, rows, cols);
	textview_draw(ui, state, win, 1, 2, rows - 2, cols - 4);
}

static enum ui_result
export_key(struct ui *ui, void *state, struct ui_key key)
{
	(void)ui;
	return textview_key(state, key, 10) ? UI_HANDLED : UI_UNHANDLED;
}

static void
export_close(void *state)
{
	textview_free(state);
	free(state);
}

const struct screen scr_export = {
	.name = "export",
	.title = N_("Download my data"),
	.help = N_("How to save everything the board holds about you."),
	.keys = N_("? help  q back"),
	.open = export_open,
	.draw = export_draw,
	.key = export_key,
	.close = export_close,
};

/* ---- Delete my account ----------------------------------------------------- */

enum { X_CONFIRM = 1, X_DELETE };

static const struct form_field erase_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Your user name"),
	    .id = X_CONFIRM,
	    .max_chars = USERNAME_MAX,
	    .hint = N_("typed, to be sure") },
	{ .kind = FORM_BUTTON,
	    .label = N_("Delete my account"),
	    .id = X_DELETE },
};

static enum ui_result
erase_submit(struct ui *ui, struct formscr *fs, int button)
{
	const char *why = NULL;

	(void)button;
	form_clear_errors(&fs->form);
	if (strcmp(form_text(form_get(&fs->form, X_CONFIRM)),
		ui->app->viewer.username) != 0) {
		form_get(&fs->form, X_CONFIRM)->error =
		    _("that is not your user name");
		form_focus_error(&fs->form);
		return UI_HANDLED;
	}
	if (account_erase(&ui->app->board, ui->app->viewer.user_id,
		ui->app->viewer.user_id, &why) != 0) {
		formscr_result(fs, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	(void)snprintf(ui->ended, sizeof(ui->ended), "%s",
	    _("Your account and your data are deleted. Goodbye."));
	return UI_QUIT;
}

static int
erase_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));

	(void)ui;
	(void)arg;
	formscr_init(fs, erase_fields, (int)nitems(erase_fields),
	    _("Deleting your account deletes your data for good: account, "
	      "profile, application, CV, keys, notifications. Your open "
	      "requests are withdrawn and your mentorships end. In the chats "
	      "and agreements of the people you worked with you become \"a "
	      "former member\"; what they wrote stays theirs. Save your data "
	      "first if you want it (Download my data). This cannot be "
	      "undone."),
	    erase_submit, fs);
	*state = fs;
	return 0;
}

static void
erase_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
erase_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

static void
erase_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_erase = {
	.name = "erase",
	.title = N_("Delete my account"),
	.help = N_("Type your user name and press Ctrl-S to delete your "
		   "account and your data for good."),
	.keys = N_("Ctrl-S delete  Esc back"),
	.open = erase_open,
	.draw = erase_draw,
	.key = erase_key,
	.close = erase_close,
};
