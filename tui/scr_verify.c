/*
 * scr_verify: what a member who has not confirmed the e-mail address sees,
 * and all of it: type the mailed code, ask for a new one, or correct the
 * address.  `ssh -t board verify CODE` opens it with the code typed in.
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

enum { V_CODE = 1, V_CONFIRM, V_RESEND, V_EMAIL, V_CHANGE };

static const struct form_field verify_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Code from the mail"),
	    .id = V_CODE,
	    .max_chars = CODE_TEXT_MAX,
	    .hint = N_("like ABCDE-FGHJK") },
	{ .kind = FORM_BUTTON, .label = N_("Confirm"), .id = V_CONFIRM },
	{ .kind = FORM_BUTTON,
	    .label = N_("Send me a new code"),
	    .id = V_RESEND },
	{ .kind = FORM_TEXT,
	    .label = N_("Other address"),
	    .id = V_EMAIL,
	    .max_chars = EMAIL_MAX_BYTES,
	    .hint = N_("if the one above is wrong") },
	{ .kind = FORM_BUTTON,
	    .label = N_("Change address and send a code"),
	    .id = V_CHANGE },
};

/*
 * Ask for a new code, correct the address, or (Confirm, Ctrl-S) try the
 * typed code: once it works, the viewer is read again and home replaces this
 * screen.
 */
static enum ui_result
verify_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct board *b = &ui->app->board;
	int64_t id = ui->app->viewer.user_id;
	const char *why = NULL;
	int rc;

	form_clear_errors(&fs->form);
	switch (button) {
	case V_RESEND:
		rc = account_send_verification(b, id, &why);
		if (rc == 0)
			formscr_result(
			    fs, UI_OK, "%s", _("A new code is on its way."));
		else
			formscr_result(fs, UI_ERROR, "%s",
			    why != NULL ? why : _("Please try again later."));
		return UI_HANDLED;
	case V_CHANGE:
		rc = account_change_email(
		    b, id, form_text(form_get(&fs->form, V_EMAIL)), &why);
		if (rc == 0) {
			formscr_result(fs, UI_OK, "%s",
			    _("Address changed; a code is on its way there."));
			form_set_text(form_get(&fs->form, V_EMAIL), "");
		} else
			form_get(&fs->form, V_EMAIL)->error =
			    why != NULL ? why : _("Please try again later.");
		return UI_HANDLED;
	default:
		break;
	}
	rc =
	    account_verify(b, id, form_text(form_get(&fs->form, V_CODE)), &why);
	if (rc != 0) {
		form_get(&fs->form, V_CODE)->error =
		    why != NULL ? why : _("Please try again later.");
		return UI_HANDLED;
	}
	(void)identity_refresh(ui->app);
	fs->form.dirty = 0;
	ui_message(ui, UI_OK, "%s",
	    _("Thank you: your address is confirmed. Welcome to the "
	      "board!"));
	(void)ui_replace(ui, &scr_home, NULL);
	return UI_HANDLED;
}

/*
 * arg->text, a code from a deep link, is tried at once: if it works,
 * ui_replace sends the session home before this screen ever shows.
 */
static int
verify_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));
	struct store_user u;
	char *intro = NULL;
	int rc;

	rc = store_user_get(ui->app->store, ui->app->viewer.user_id, &u);
	if (rc != 0) {
		free(fs);
		return rc;
	}
	intro = xasprintf(_("Please confirm your e-mail address %s with the "
			    "code we mailed there. Until then, this is all "
			    "the board shows you."),
	    u.email);
	formscr_init(fs, verify_fields, (int)nitems(verify_fields), intro,
	    verify_submit, fs);
	free(intro);
	*state = fs;
	if (arg->text != NULL && arg->text[0] != '\0') {
		/* A deep link brought the code: try it at once. */
		form_set_text(form_get(&fs->form, V_CODE), arg->text);
		return verify_submit(ui, fs, V_CONFIRM) == UI_HANDLED ? 0 : 0;
	}
	return 0;
}

static void
verify_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
verify_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

/* The mentoring team may confirm the address by hand meanwhile: then
 * home, as after a code (only from the top: nothing is pulled from under
 * another screen). */
static void
verify_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	struct formscr *fs = state;

	if (!ui->app->viewer.verified || ui->stack[ui->depth - 1].state != fs)
		return;
	(void)news;
	fs->form.dirty = 0;
	ui_message(ui, UI_OK, "%s",
	    _("The mentoring team confirmed your address. Welcome to the "
	      "board!"));
	(void)ui_replace(ui, &scr_home, NULL);
}

static void
verify_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_verify = {
	.name = "verify",
	.title = N_("Confirm your e-mail address"),
	.help = N_("Type the code from our mail and press Enter. No mail? "
		   "Look in the spam folder, ask for a new code, or correct "
		   "the address."),
	.keys = N_("Tab next  Enter confirm  Esc quit"),
	.open = verify_open,
	.draw = verify_draw,
	.key = verify_key,
	.close = verify_close,
	.update = verify_update,
};
