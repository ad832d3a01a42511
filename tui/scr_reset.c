/*
 * scr_reset: a forgotten password, for guests.  Ask for a code by user
 * name or address (the answer never says whether the account exists), then
 * set a new password with the code.  `ssh -t guest@board reset CODE`
 * opens it with the code typed in.
 */
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "screens.h"
#include "store.h"
#include "util.h"

enum { S_WHO = 1, S_SEND, S_NOTE, S_CODE, S_NEW1, S_NEW2, S_SET };

static const struct form_field reset_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("User name or e-mail"),
	    .id = S_WHO,
	    .max_chars = EMAIL_MAX_BYTES },
	{ .kind = FORM_BUTTON, .label = N_("Mail me a code"), .id = S_SEND },
	{ .kind = FORM_NOTE,
	    .label = N_("Then, with the code from the mail:"),
	    .id = S_NOTE },
	{ .kind = FORM_TEXT,
	    .label = N_("Code"),
	    .id = S_CODE,
	    .max_chars = CODE_TEXT_MAX,
	    .hint = N_("like ABCDE-FGHJK") },
	{ .kind = FORM_PASSWORD,
	    .label = N_("New password"),
	    .id = S_NEW1,
	    .max_chars = PASSWORD_MAX_BYTES,
	    .hint = N_("at least 10 characters") },
	{ .kind = FORM_PASSWORD,
	    .label = N_("New password again"),
	    .id = S_NEW2,
	    .max_chars = PASSWORD_MAX_BYTES },
	{ .kind = FORM_BUTTON,
	    .label = N_("Set the new password"),
	    .id = S_SET },
};

/*
 * "Mail me a code" asks for one and says the same whether or not there is
 * such an account; any other submit sets the new password with the code.
 */
static enum ui_result
reset_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct board *b = &ui->app->board;
	char username[USERNAME_MAX + 1], cmd[512];
	const char *why = NULL;
	int rc;

	form_clear_errors(&fs->form);
	if (button == S_SEND) {
		const char *who = form_text(form_get(&fs->form, S_WHO));
		if (who[0] == '\0') {
			form_get(&fs->form, S_WHO)->error =
			    _("your user name or your e-mail address");
			return UI_HANDLED;
		}
		(void)account_reset_request(b, who);
		formscr_result(fs, UI_OK, "%s",
		    _("If there is such an account, a code is on its way to "
		      "its address."));
		form_focus(&fs->form, S_CODE);
		return UI_HANDLED;
	}
	rc = account_reset_confirm(b, form_text(form_get(&fs->form, S_CODE)),
	    form_text(form_get(&fs->form, S_NEW1)),
	    form_text(form_get(&fs->form, S_NEW2)), username, sizeof(username),
	    &why);
	if (rc == MB_ERR_INVALID)
		form_get(&fs->form, S_NEW1)->error = why;
	else if (rc != 0)
		form_get(&fs->form, S_CODE)->error =
		    why != NULL ? why : _("Please try again later.");
	if (rc != 0) {
		form_focus_error(&fs->form);
		return UI_HANDLED;
	}
	form_wipe_secrets(&fs->form);
	fs->form.dirty = 0;
	account_ssh_command(b->cfg, username, 0, cmd, sizeof(cmd));
	formscr_result(
	    fs, UI_OK, _("Your new password is set. Log in with: %s"), cmd);
	return UI_HANDLED;
}

/* arg->text, a code from a deep link, is typed in for the person. */
static int
reset_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));

	(void)ui;
	formscr_init(fs, reset_fields, (int)nitems(reset_fields),
	    _("Forgot your password? We mail a code to the address of your "
	      "account; with it you choose a new password."),
	    reset_submit, fs);
	if (arg->text != NULL && arg->text[0] != '\0') {
		form_set_text(form_get(&fs->form, S_CODE), arg->text);
		form_focus(&fs->form, S_NEW1);
	}
	*state = fs;
	return 0;
}

static void
reset_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
reset_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

static int
reset_dirty(void *state)
{
	return ((struct formscr *)state)->form.dirty;
}

static void
reset_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_reset = {
	.name = "reset",
	.title = N_("Forgot password"),
	.help = N_("Give your user name or address and press Enter on \"Mail "
		   "me a code\". Then type the code and your new password "
		   "twice."),
	.keys = N_("Tab next  Ctrl-S set password  Esc back"),
	.open = reset_open,
	.draw = reset_draw,
	.key = reset_key,
	.close = reset_close,
	.dirty = reset_dirty,
};
