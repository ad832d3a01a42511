/* scr_password: change the password; the current one is needed. */
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "screens.h"
#include "util.h"

enum { P_OLD = 1, P_NEW1, P_NEW2, P_SET };

static const struct form_field password_fields[] = {
	{ .kind = FORM_PASSWORD,
	    .label = N_("Current password"),
	    .id = P_OLD,
	    .max_chars = PASSWORD_MAX_BYTES },
	{ .kind = FORM_PASSWORD,
	    .label = N_("New password"),
	    .id = P_NEW1,
	    .max_chars = PASSWORD_MAX_BYTES,
	    .hint = N_("at least 10 characters") },
	{ .kind = FORM_PASSWORD,
	    .label = N_("New password again"),
	    .id = P_NEW2,
	    .max_chars = PASSWORD_MAX_BYTES },
	{ .kind = FORM_BUTTON, .label = N_("Change password"), .id = P_SET },
};

/*
 * Change the password through the rules: a wrong current password shows
 * under it, a refused new one under the new; once changed, every password
 * field is wiped.
 */
static enum ui_result
password_submit(struct ui *ui, struct formscr *fs, int button)
{
	const char *why = NULL;
	int rc;

	(void)button;
	form_clear_errors(&fs->form);
	rc = account_change_password(&ui->app->board, ui->app->viewer.user_id,
	    form_text(form_get(&fs->form, P_OLD)),
	    form_text(form_get(&fs->form, P_NEW1)),
	    form_text(form_get(&fs->form, P_NEW2)), &why);
	if (rc == MB_ERR_DENIED)
		form_get(&fs->form, P_OLD)->error = why;
	else if (rc == MB_ERR_INVALID)
		form_get(&fs->form, P_NEW1)->error = why;
	else if (rc != 0)
		formscr_result(fs, UI_ERROR, "%s",
		    _("The board could not change it; please try again."));
	if (rc != 0) {
		form_focus_error(&fs->form);
		return UI_HANDLED;
	}
	form_wipe_secrets(&fs->form);
	fs->form.dirty = 0;
	form_focus(&fs->form, P_OLD);
	formscr_result(fs, UI_OK, "%s", _("Your password is changed."));
	return UI_HANDLED;
}

static int
password_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));

	(void)ui;
	(void)arg;
	formscr_init(fs, password_fields, (int)nitems(password_fields),
	    _("Choose a new password. Your keys, if you added any, keep "
	      "working."),
	    password_submit, fs);
	*state = fs;
	return 0;
}

static void
password_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
password_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

static int
password_dirty(void *state)
{
	return ((struct formscr *)state)->form.dirty;
}

static void
password_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_password = {
	.name = "password",
	.title = N_("Change password"),
	.help = N_("Type your current password, then the new one twice."),
	.keys = N_("Tab next  Ctrl-S change  Esc back"),
	.open = password_open,
	.draw = password_draw,
	.key = password_key,
	.close = password_close,
	.dirty = password_dirty,
};
