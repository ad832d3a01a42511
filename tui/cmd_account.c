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
	char *pw = cmd_read_line(stdin, PASSWORD_MAX_BYTES);

	if (pw == NULL || pw[0] == '\0') {
		cmd_error(_("give the %s on standard input, one line"), what);
		free(pw);
		return NULL;
	}
	return pw;
}

static void
cmd_free_secret(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

static int
register_run(struct app *app, int argc, char **argv)
{
	static const char *const names[ACCOUNT_NFIELDS] = { "--username",
		"--email", "--first", "--last", "--field", "password",
		"password", "--accept-privacy" };
	int64_t ids[FIELDS_MAX], user_id = 0;
	struct account_form f;
	struct account_errors e;
	struct store_item item;
	char *pw = NULL, ssh[512];
	int i, mail_failed = 0, rc = CMD_USAGE;
	size_t k;

	memset(&f, 0, sizeof(f));
	f.username = f.email = f.first_name = f.last_name = "";
	for (i = 1; i < argc; i++) {
		const char *opt = argv[i],
			   *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(opt, "--accept-privacy") == 0) {
			f.consent = 1;
			continue;
		}
		if (val == NULL) {
			cmd_error(_("%s needs a value"), opt);
			return CMD_USAGE;
		}
		i++;
		if (strcmp(opt, "--username") == 0)
			f.username = val;
		else if (strcmp(opt, "--email") == 0)
			f.email = val;
		else if (strcmp(opt, "--first") == 0)
			f.first_name = val;
		else if (strcmp(opt, "--last") == 0)
			f.last_name = val;
		else if (strcmp(opt, "--field") == 0) {
			if (f.nfields == FIELDS_MAX) {
				cmd_error(_("at most %d fields of study"),
				    FIELDS_MAX);
				return CMD_USAGE;
			}
			if (store_list_find(app->store, STORE_LIST_FIELDS, val,
				&item) != 0 ||
			    item.retired) {
				cmd_error(_("--field \"%s\" is not on the list "
					    "(see the register screen)"),
				    val);
				return CMD_FAIL;
			}
			ids[f.nfields++] = item.id;
		} else {
			cmd_error(_("unknown option %s"), opt);
			return CMD_USAGE;
		}
	}
	pw = cmd_password_line(_("password"));
	if (pw == NULL)
		return CMD_USAGE;
	f.field_ids = ids;
	f.password = f.password2 = pw;
	f.source = app->viewer.remote_addr;
	rc = account_register(&app->board, &f, &e, &user_id, &mail_failed);
	cmd_free_secret(pw);
	if (rc == MB_ERR_INVALID || rc == MB_ERR_LIMIT) {
		for (k = 0; k < ACCOUNT_NFIELDS; k++) {
			if (e.why[k] != NULL) {
				cmd_error("%s %s", names[k], e.why[k]);
				break;
			}
		}
		return CMD_FAIL;
	}
	if (rc != 0) {
		cmd_error(_("the board could not create the account; try "
			    "again later"));
		return CMD_FAIL;
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
	return CMD_OK;
}

static int
verify_run(struct app *app, int argc, char **argv)
{
	const char *why = NULL;
	int rc;

	if (argc != 2) {
		cmd_error(_("usage: verify CODE"));
		return CMD_USAGE;
	}
	rc = account_verify(&app->board, app->viewer.user_id, argv[1], &why);
	if (rc != 0) {
		cmd_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CMD_FAIL;
	}
	(void)printf("%s\n", _("Your e-mail address is confirmed. Welcome!"));
	return CMD_OK;
}

static int
resend_run(struct app *app, int argc, char **argv)
{
	const char *why = NULL;
	int rc;

	(void)argv;
	if (argc != 1) {
		cmd_error(_("usage: resend"));
		return CMD_USAGE;
	}
	rc = account_send_verification(&app->board, app->viewer.user_id, &why);
	if (rc != 0) {
		cmd_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CMD_FAIL;
	}
	(void)printf("%s\n", _("A new code is on its way."));
	return CMD_OK;
}

static int
change_email_run(struct app *app, int argc, char **argv)
{
	const char *why = NULL;
	int rc;

	if (argc != 2) {
		cmd_error(_("usage: change-email ADDRESS"));
		return CMD_USAGE;
	}
	rc = account_change_email(
	    &app->board, app->viewer.user_id, argv[1], &why);
	if (rc != 0) {
		cmd_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CMD_FAIL;
	}
	(void)printf("%s\n", _("Address changed; a code is on its way there."));
	return CMD_OK;
}

static int
password_run(struct app *app, int argc, char **argv)
{
	char *old = NULL, *new1 = NULL;
	const char *why = NULL;
	int rc = CMD_USAGE;

	(void)argv;
	if (argc != 1) {
		cmd_error(_("usage: password  (current and new password on "
			    "standard input, one line each)"));
		return CMD_USAGE;
	}
	old = cmd_password_line(_("current password"));
	if (old != NULL)
		new1 = cmd_password_line(_("new password"));
	if (new1 != NULL) {
		rc = account_change_password(
		    &app->board, app->viewer.user_id, old, new1, new1, &why);
		if (rc != 0) {
			cmd_error("%s",
			    why != NULL ? why : _("please try again later"));
			rc = CMD_FAIL;
		} else
			(void)printf("%s\n", _("Your password is changed."));
	}
	cmd_free_secret(old);
	cmd_free_secret(new1);
	return rc;
}

static int
reset_request_run(struct app *app, int argc, char **argv)
{
	if (argc != 2) {
		cmd_error(_("usage: reset-request USERNAME-OR-ADDRESS"));
		return CMD_USAGE;
	}
	if (account_reset_request(&app->board, argv[1]) != 0) {
		cmd_error(_("please try again later"));
		return CMD_FAIL;
	}
	(void)printf("%s\n",
	    _("If there is such an account, a code is on its "
	      "way to its address."));
	return CMD_OK;
}

static int
reset_run(struct app *app, int argc, char **argv)
{
	char username[USERNAME_MAX + 1], ssh[512], *pw = NULL;
	const char *why = NULL;
	int rc;

	if (argc != 2) {
		cmd_error(_("usage: reset CODE  (new password on standard "
			    "input)"));
		return CMD_USAGE;
	}
	pw = cmd_password_line(_("new password"));
	if (pw == NULL)
		return CMD_USAGE;
	rc = account_reset_confirm(
	    &app->board, argv[1], pw, pw, username, sizeof(username), &why);
	cmd_free_secret(pw);
	if (rc != 0) {
		cmd_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CMD_FAIL;
	}
	account_ssh_command(&app->cfg, username, 0, ssh, sizeof(ssh));
	(void)printf(_("Your new password is set. Log in with: %s\n"), ssh);
	return CMD_OK;
}

const struct command cmd_register = {
	.name = "register",
	.args = "--username U --email E --first F --last L --field F... "
		"--accept-privacy  (password on stdin)",
	.summary = N_("create an account (with -t: the form)"),
	.run = register_run,
	.screen = &scr_register,
	.flags = CMD_GUESTS,
};

const struct command cmd_verify = {
	.name = "verify",
	.args = "CODE",
	.summary = N_("confirm your e-mail address with the mailed code"),
	.run = verify_run,
	.screen = &scr_verify,
	.screen_args = 1,
	.flags = CMD_MEMBERS | CMD_UNVERIFIED,
};

const struct command cmd_resend = {
	.name = "resend",
	.args = "",
	.summary = N_("mail a new confirmation code"),
	.run = resend_run,
	.flags = CMD_MEMBERS | CMD_UNVERIFIED,
};

const struct command cmd_change_email = {
	.name = "change-email",
	.args = "ADDRESS",
	.summary = N_("correct the address of an unconfirmed account"),
	.run = change_email_run,
	.flags = CMD_MEMBERS | CMD_UNVERIFIED,
};

const struct command cmd_password = {
	.name = "password",
	.args = "",
	.summary = N_("change your password (current and new on stdin)"),
	.run = password_run,
	.screen = &scr_password,
	.flags = CMD_MEMBERS,
};

const struct command cmd_reset_request = {
	.name = "reset-request",
	.args = "USERNAME-OR-ADDRESS",
	.summary = N_("mail a code to reset a forgotten password"),
	.run = reset_request_run,
	.flags = CMD_GUESTS,
};

const struct command cmd_reset = {
	.name = "reset",
	.args = "CODE  (new password on stdin)",
	.summary = N_("set a new password with the mailed code"),
	.run = reset_run,
	.screen = &scr_reset,
	.screen_args = 1,
	.flags = CMD_GUESTS,
};
