/*
 * cmd_account: the command forms of the account screens.  Passwords come
 * on standard input, never as arguments (other local users can read a
 * process's arguments on the client side).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "i18n.h"
#include "mentor.h"
#include "screens.h"
#include "store.h"
#include "util.h"

/* Read a password line from stdin; NULL (and a message) if none. */
static char *
cmd_password_line(const char *what)
{
	char *pw = cli_read_line(stdin, PASSWORD_MAX_BYTES);

	if (pw == NULL || pw[0] == '\0') {
		cli_error(_("give the %s on standard input, one line"), what);
		free(pw);
		return NULL;
	}
	return pw;
}

/* Wipe a password before it is freed; NULL is allowed. */
static void
cmd_free_secret(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

/* An option's value, "" when not given (the rules say what is missing). */
static const char *
cmd_value(const struct cli_call *call, const char *name)
{
	const char *v = cli_value(call, name);

	return v != NULL ? v : "";
}

/*
 * register: the form's fields as options (fields of study by name), the
 * password once on stdin.  Says only the first refused field, and then the
 * next step: verify, or resend when the mail failed.
 */
static int
register_run(void *ctx, const struct cli_call *call)
{
	static const char *const names[ACCOUNT_NFIELDS] = { "--username",
		"--email", "--first", "--last", "--field", "password",
		"password", "--accept-privacy" };
	struct app *app = ctx;
	int64_t ids[FIELDS_MAX], user_id = 0;
	const char *fields[FIELDS_MAX];
	struct account_form f;
	struct account_errors e;
	struct store_item item;
	char *pw = NULL, ssh[512];
	int mail_failed = 0, rc;
	size_t k, n;

	memset(&f, 0, sizeof(f));
	f.username = cmd_value(call, "--username");
	f.email = cmd_value(call, "--email");
	f.first_name = cmd_value(call, "--first");
	f.last_name = cmd_value(call, "--last");
	f.consent = cli_flag(call, "--accept-privacy");
	n = cli_values(call, "--field", fields, FIELDS_MAX);
	if (n > FIELDS_MAX) {
		cli_error(_("at most %d fields of study"), FIELDS_MAX);
		return CLI_USAGE;
	}
	for (k = 0; k < n; k++) {
		if (store_list_find(
			app->store, STORE_LIST_FIELDS, fields[k], &item) != 0 ||
		    item.retired) {
			cli_error(_("--field \"%s\" is not on the list (see "
				    "the register screen)"),
			    fields[k]);
			return CLI_FAIL;
		}
		ids[f.nfields++] = item.id;
	}
	pw = cmd_password_line(_("password"));
	if (pw == NULL)
		return CLI_USAGE;
	f.field_ids = ids;
	f.password = f.password2 = pw;
	f.source = app->viewer.remote_addr;
	rc = account_register(&app->board, &f, &e, &user_id, &mail_failed);
	cmd_free_secret(pw);
	if (rc == MB_ERR_INVALID || rc == MB_ERR_LIMIT) {
		if (e.general != NULL)
			cli_error("%s", e.general);
		for (k = 0; e.general == NULL && k < ACCOUNT_NFIELDS; k++) {
			if (e.why[k] != NULL) {
				cli_error("%s %s", names[k], e.why[k]);
				break;
			}
		}
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_error(_("the board could not create the account; try "
			    "again later"));
		return CLI_FAIL;
	}
	account_ssh_command(&app->cfg, f.username, 0, ssh, sizeof(ssh));
	(void)printf(_("Account %s created.\n"), f.username);
	if (mail_failed)
		(void)printf(_("We could not send mail just now; log in with "
			       "\"%s\" and run \"resend\".\n"),
		    ssh);
	else
		(void)printf(_("A code is on its way to %s; confirm with: %s "
			       "verify CODE\n"),
		    f.email, ssh);
	return CLI_OK;
}

/* verify CODE: confirm the address with the mailed code. */
static int
verify_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;

	if (account_verify(
		&app->board, app->viewer.user_id, call->argv[0], &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", _("Your e-mail address is confirmed. Welcome!"));
	return CLI_OK;
}

/* resend: a new confirmation code, within the rules' limits. */
static int
resend_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;

	(void)call;
	if (account_send_verification(&app->board, app->viewer.user_id, &why) !=
	    0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", _("A new code is on its way."));
	return CLI_OK;
}

/*
 * change-email ADDRESS: correct an unconfirmed address; a new code goes
 * there.
 */
static int
change_email_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;

	if (account_change_email(
		&app->board, app->viewer.user_id, call->argv[0], &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", _("Address changed; a code is on its way there."));
	return CLI_OK;
}

/*
 * password: the current and the new password on stdin, a line each; the new
 * one counts as typed twice.
 */
static int
password_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	char *old = NULL, *new1 = NULL;
	const char *why = NULL;
	int rc = CLI_USAGE;

	(void)call;
	old = cmd_password_line(_("current password"));
	if (old != NULL)
		new1 = cmd_password_line(_("new password"));
	if (new1 != NULL) {
		rc = account_change_password(
		    &app->board, app->viewer.user_id, old, new1, new1, &why);
		if (rc != 0) {
			cli_error("%s",
			    why != NULL ? why : _("please try again later"));
			rc = CLI_FAIL;
		} else
			(void)printf("%s\n", _("Your password is changed."));
	}
	cmd_free_secret(old);
	cmd_free_secret(new1);
	return rc;
}

/* reset-request WHO: says the same whether or not there is such an account. */
static int
reset_request_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;

	if (account_reset_request(&app->board, call->argv[0]) != 0) {
		cli_error(_("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n",
	    _("If there is such an account, a code is on its "
	      "way to its address."));
	return CLI_OK;
}

/* reset CODE: the new password on stdin, once; says how to log in. */
static int
reset_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	char username[USERNAME_MAX + 1], ssh[512], *pw = NULL;
	const char *why = NULL;
	int rc;

	pw = cmd_password_line(_("new password"));
	if (pw == NULL)
		return CLI_USAGE;
	rc = account_reset_confirm(&app->board, call->argv[0], pw, pw, username,
	    sizeof(username), &why);
	cmd_free_secret(pw);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	account_ssh_command(&app->cfg, username, 0, ssh, sizeof(ssh));
	(void)printf(_("Your new password is set. Log in with: %s\n"), ssh);
	return CLI_OK;
}

/* language [de|en]: the language the board speaks to the member. */
static int
language_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_user u;
	enum i18n_language lang;

	if (call->argc == 0) {
		if (store_user_get(app->store, app->viewer.user_id, &u) != 0) {
			cli_error("%s", _("please try again later"));
			return CLI_FAIL;
		}
		(void)printf(
		    "%s (%s)\n", i18n_code(u.language), i18n_name(u.language));
		return CLI_OK;
	}
	if (i18n_parse(call->argv[0], &lang) != 0) {
		cli_error(_("%s: not a language of the board (de or en)"),
		    call->argv[0]);
		return CLI_USAGE;
	}
	if (account_set_language(&app->board, app->viewer.user_id, lang) != 0) {
		cli_error("%s", _("please try again later"));
		return CLI_FAIL;
	}
	(void)i18n_use(lang);
	(void)printf(_("The board speaks English to you now.\n"));
	return CLI_OK;
}

static const struct cli_option register_options[] = {
	{ "--username", "U", CLI_VALUE },
	{ "--email", "E", CLI_VALUE },
	{ "--first", "F", CLI_VALUE },
	{ "--last", "L", CLI_VALUE },
	{ "--field", "F", CLI_VALUE | CLI_REPEAT },
	{ "--accept-privacy", NULL, 0 },
	{ 0 },
};

const struct cli_command cmd_account_rows[] = {
	{ .name = "register",
	    .max_args = 0,
	    .options = register_options,
	    .input = "PASSWORD",
	    .summary = N_("create an account (with -t: the form)"),
	    .run = register_run,
	    .who = CLI_GUESTS,
	    .screen = &scr_register },
	{ .name = "verify",
	    .args = "CODE",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("confirm your e-mail address with the mailed code"),
	    .run = verify_run,
	    .who = CLI_UNVERIFIED,
	    .screen = &scr_verify,
	    .screen_args = 1 },
	{ .name = "resend",
	    .max_args = 0,
	    .summary = N_("mail a new confirmation code"),
	    .run = resend_run,
	    .who = CLI_UNVERIFIED },
	{ .name = "change-email",
	    .args = "ADDRESS",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("correct the address of an unconfirmed account"),
	    .run = change_email_run,
	    .who = CLI_UNVERIFIED },
	{ .name = "password",
	    .max_args = 0,
	    .input = "CURRENT-AND-NEW-PASSWORD",
	    .summary = N_("change your password (current and new on stdin, "
			  "a line each)"),
	    .run = password_run,
	    .who = CLI_MEMBERS,
	    .screen = &scr_password },
	{ .name = "language",
	    .args = "[de|en]",
	    .max_args = 1,
	    .summary = N_("the language the board speaks to you, on screen "
			  "and in mail (Deutsch: de), or set it"),
	    .run = language_run,
	    .who = CLI_MEMBERS },
	{ .name = "reset-request",
	    .args = "USERNAME-OR-ADDRESS",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("mail a code to reset a forgotten password"),
	    .run = reset_request_run,
	    .who = CLI_GUESTS },
	{ .name = "reset",
	    .args = "CODE",
	    .min_args = 1,
	    .max_args = 1,
	    .input = "NEW-PASSWORD",
	    .summary = N_("set a new password with the mailed code"),
	    .run = reset_run,
	    .who = CLI_GUESTS,
	    .screen = &scr_reset,
	    .screen_args = 1 },
	{ 0 },
};
