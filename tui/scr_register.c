/*
 * scr_register: the one registration form for mentors and mentees, and
 * then the chance to confirm the address with the mailed code at once.
 * The rules are account_register's; this screen only collects and shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "screens.h"
#include "store.h"
#include "util.h"

#define REGISTER_CHOICE_ROWS 6

enum {
	F_USERNAME = 1,
	F_EMAIL,
	F_FIRST,
	F_LAST,
	F_FIELDS,
	F_PASSWORD,
	F_PASSWORD2,
	F_PRIVACY,
	F_CONSENT,
	F_SUBMIT,
};

/* Form field of each account_field, for the errors. */
static const int register_field_of[ACCOUNT_NFIELDS] = {
	[ACCOUNT_USERNAME] = F_USERNAME,
	[ACCOUNT_EMAIL] = F_EMAIL,
	[ACCOUNT_FIRST_NAME] = F_FIRST,
	[ACCOUNT_LAST_NAME] = F_LAST,
	[ACCOUNT_FIELDS] = F_FIELDS,
	[ACCOUNT_PASSWORD] = F_PASSWORD,
	[ACCOUNT_PASSWORD2] = F_PASSWORD2,
	[ACCOUNT_CONSENT] = F_CONSENT,
};

static const struct form_field register_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("User name"),
	    .id = F_USERNAME,
	    .max_chars = USERNAME_MAX,
	    .hint = N_("to log in; 3-32 of a-z 0-9 _ -; never shown to "
		       "others") },
	{ .kind = FORM_TEXT,
	    .label = N_("E-mail"),
	    .id = F_EMAIL,
	    .max_chars = EMAIL_MAX_BYTES,
	    .hint = N_("we send a code there; never shown to others") },
	{ .kind = FORM_TEXT,
	    .label = N_("First name"),
	    .id = F_FIRST,
	    .max_chars = NAME_MAX_CHARS,
	    .hint = N_("shown to others") },
	{ .kind = FORM_TEXT,
	    .label = N_("Surname"),
	    .id = F_LAST,
	    .max_chars = NAME_MAX_CHARS,
	    .hint = N_("others see only its first letter") },
	{ .kind = FORM_CHOICES,
	    .label = N_("Fields of study"),
	    .id = F_FIELDS,
	    .hint = N_("Space chooses, up to five; shown to others") },
	{ .kind = FORM_PASSWORD,
	    .label = N_("Password"),
	    .id = F_PASSWORD,
	    .max_chars = PASSWORD_MAX_BYTES,
	    .hint = N_("at least 10 characters") },
	{ .kind = FORM_PASSWORD,
	    .label = N_("Password again"),
	    .id = F_PASSWORD2,
	    .max_chars = PASSWORD_MAX_BYTES },
	{ .kind = FORM_BUTTON,
	    .label = N_("Read the privacy notice"),
	    .id = F_PRIVACY },
	{ .kind = FORM_CHECK,
	    .label = N_("I have read the privacy notice and agree"),
	    .id = F_CONSENT },
	{ .kind = FORM_BUTTON, .label = N_("Register"), .id = F_SUBMIT },
};

struct register_state {
	struct formscr fs;
	struct store_item *fields;
	size_t nfields;
};

/*
 * The privacy button opens the notice; a submit registers through the rules.
 * Refusals show under their fields, with everything typed kept; once
 * registered, this screen gives way to scr_registered.
 */
static enum ui_result
register_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct register_state *rs = fs->ctx;
	struct form_field *choices = form_get(&fs->form, F_FIELDS);
	int64_t ids[FIELDS_MAX + 1], user_id = 0;
	struct account_errors e;
	struct account_form f;
	struct ui_arg arg;
	size_t i, k;
	int rc, mail_failed = 0;

	if (button == F_PRIVACY) {
		(void)ui_push(ui, &scr_privacy, NULL);
		return UI_HANDLED;
	}
	memset(&f, 0, sizeof(f));
	f.username = form_text(form_get(&fs->form, F_USERNAME));
	f.email = form_text(form_get(&fs->form, F_EMAIL));
	f.first_name = form_text(form_get(&fs->form, F_FIRST));
	f.last_name = form_text(form_get(&fs->form, F_LAST));
	for (i = 0; i < rs->nfields && f.nfields <= FIELDS_MAX; i++) {
		if (choices->on[i])
			ids[f.nfields++] = rs->fields[i].id;
	}
	f.field_ids = ids;
	f.password = form_text(form_get(&fs->form, F_PASSWORD));
	f.password2 = form_text(form_get(&fs->form, F_PASSWORD2));
	f.consent = form_get(&fs->form, F_CONSENT)->checked;
	f.source = ui->app->viewer.remote_addr;
	form_clear_errors(&fs->form);
	formscr_result(fs, UI_DIM, "%s", _("Creating your account..."));
	rc = account_register(&ui->app->board, &f, &e, &user_id, &mail_failed);
	if (rc == MB_ERR_INVALID || rc == MB_ERR_LIMIT) {
		for (k = 0; k < ACCOUNT_NFIELDS; k++) {
			if (e.why[k] != NULL)
				form_get(&fs->form, register_field_of[k])
				    ->error = e.why[k];
		}
		form_focus_error(&fs->form);
		formscr_result(fs, UI_ERROR, "%s",
		    e.general != NULL ?
			e.general :
			_("Please correct the marked fields; nothing you "
			  "typed is lost."));
		return UI_HANDLED;
	}
	if (rc != 0) {
		formscr_result(fs, UI_ERROR, "%s",
		    _("The board could not create the account; please try "
		      "again in a moment."));
		return UI_HANDLED;
	}
	form_wipe_secrets(&fs->form);
	fs->form.dirty = 0;
	memset(&arg, 0, sizeof(arg));
	arg.id = user_id;
	arg.index = mail_failed;
	(void)ui_replace(ui, &scr_registered, &arg);
	return UI_HANDLED;
}

static int
register_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct register_state *rs = xcalloc(1, sizeof(*rs));
	const char **labels = NULL;
	size_t i;
	int rc;

	(void)arg;
	rc = store_list_get(
	    ui->app->store, STORE_LIST_FIELDS, 0, &rs->fields, &rs->nfields);
	if (rc != 0) {
		free(rs);
		return rc;
	}
	formscr_init(&rs->fs, register_fields, (int)nitems(register_fields),
	    _("One form for mentors and mentees. Apart from your fields of "
	      "study, nothing you enter here is shown to other people; your "
	      "name appears as \"Anna K.\". Tab moves between fields, Ctrl-S "
	      "sends the form."),
	    register_submit, rs);
	labels = xcalloc(rs->nfields + 1, sizeof(*labels));
	for (i = 0; i < rs->nfields; i++)
		labels[i] = rs->fields[i].name;
	form_set_choices(form_get(&rs->fs.form, F_FIELDS), labels,
	    (int)rs->nfields, NULL, FIELDS_MAX, REGISTER_CHOICE_ROWS);
	free(labels);
	*state = rs;
	return 0;
}

static void
register_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct register_state *rs = state;

	formscr_draw(ui, &rs->fs, win);
}

static enum ui_result
register_key(struct ui *ui, void *state, struct ui_key key)
{
	struct register_state *rs = state;

	return formscr_key(ui, &rs->fs, key);
}

static int
register_dirty(void *state)
{
	struct register_state *rs = state;

	return rs->fs.form.dirty;
}

static void
register_close(void *state)
{
	struct register_state *rs = state;

	formscr_free(&rs->fs);
	free(rs->fields);
	free(rs);
}

const struct screen scr_register = {
	.name = "register",
	.title = N_("Register"),
	.help = N_("Registration is the same for mentors and mentees. After "
		   "it, we mail you a code to confirm your address; then you "
		   "choose, per area of help, to be a mentor, a mentee or "
		   "both.\n"
		   "  Tab, Shift-Tab   next, previous field\n"
		   "  Space            choose a field of study, tick a box\n"
		   "  Ctrl-S           send the form"),
	.keys = N_("Tab next  Ctrl-S register  Esc back"),
	.open = register_open,
	.draw = register_draw,
	.key = register_key,
	.close = register_close,
	.dirty = register_dirty,
};

/* ---- After registering: confirm the address right here ----------------- */

enum { R_CODE = 1, R_CONFIRM };

static const struct form_field registered_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Code from the mail"),
	    .id = R_CODE,
	    .max_chars = CODE_TEXT_MAX,
	    .hint = N_("like ABCDE-FGHJK") },
	{ .kind = FORM_BUTTON, .label = N_("Confirm"), .id = R_CONFIRM },
};

struct registered_state {
	struct formscr fs;
	int64_t user_id;
	char username[USERNAME_MAX + 1];
	int done;
};

/*
 * Confirm the address with the typed code; once confirmed, the next submit
 * goes back.
 */
static enum ui_result
registered_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct registered_state *rs = fs->ctx;
	const char *why = NULL;
	char cmd[512];
	int rc;

	(void)button;
	if (rs->done)
		return UI_BACK;
	rc = account_verify(&ui->app->board, rs->user_id,
	    form_text(form_get(&fs->form, R_CODE)), &why);
	if (rc != 0) {
		form_get(&fs->form, R_CODE)->error = why;
		return UI_HANDLED;
	}
	rs->done = 1;
	fs->form.dirty = 0;
	account_ssh_command(
	    ui->app->board.cfg, rs->username, 0, cmd, sizeof(cmd));
	formscr_result(fs, UI_OK, _("Confirmed. Log in with: %s"), cmd);
	return UI_HANDLED;
}

/*
 * arg->id is the new account, arg->index non-zero when its code could not be
 * mailed: the introduction then says to ask for a new one after logging in.
 */
static int
registered_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct registered_state *rs = NULL;
	struct store_user u;
	char *intro = NULL, cmd[512];
	int rc;

	rs = xcalloc(1, sizeof(*rs));
	rs->user_id = arg->id;
	rc = store_user_get(ui->app->store, rs->user_id, &u);
	if (rc != 0) {
		free(rs);
		return rc;
	}
	(void)strlcpy_checked(rs->username, u.username, sizeof(rs->username));
	account_ssh_command(
	    ui->app->board.cfg, u.username, 0, cmd, sizeof(cmd));
	if (arg->index != 0) /* the mail could not be sent */
		intro = xasprintf(_("Welcome, %s! Your account %s is ready, "
				    "but we could not send mail just now. Log "
				    "in with %s and ask for a new code there."),
		    u.first_name, u.username, cmd);
	else
		intro = xasprintf(_("Welcome, %s! Your account %s is ready. "
				    "We sent a code to %s: type it here to "
				    "confirm your address, or later after you "
				    "log in with %s."),
		    u.first_name, u.username, u.email, cmd);
	formscr_init(&rs->fs, registered_fields, (int)nitems(registered_fields),
	    intro, registered_submit, rs);
	free(intro);
	*state = rs;
	return 0;
}

static void
registered_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct registered_state *rs = state;

	formscr_draw(ui, &rs->fs, win);
}

static enum ui_result
registered_key(struct ui *ui, void *state, struct ui_key key)
{
	struct registered_state *rs = state;

	return formscr_key(ui, &rs->fs, key);
}

static void
registered_close(void *state)
{
	struct registered_state *rs = state;

	formscr_free(&rs->fs);
	free(rs);
}

const struct screen scr_registered = {
	.name = "registered",
	.title = N_("Welcome"),
	.help = N_("Your account is made. Confirm your e-mail address with "
		   "the code we mailed you, here or after logging in."),
	.keys = N_("Enter confirm  Esc back"),
	.open = registered_open,
	.draw = registered_draw,
	.key = registered_key,
	.close = registered_close,
};
