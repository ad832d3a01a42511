/*
 * cmd: the command face of mentor.  One exec request is one command line;
 * common/cli.c parses it against the rows of the cmd_*.c files.  Who may
 * run a row is decided here, from its `who`, before it runs; with a
 * terminal, a row with a screen opens it (a deep link).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "board_limits.h"
#include "error.h"
#include "i18n.h"
#include "mentor.h"
#include "screens.h"
#include "sysop.h"
#include "ui.h"
#include "words.h"

const struct cli_command *const cmd_groups[] = {
	cmd_basic_rows,
	cmd_account_rows,
	cmd_keys_rows,
	cmd_search_rows,
	cmd_profile_rows,
	cmd_membership_rows,
	cmd_requests_rows,
	cmd_notifications_rows,
	cmd_chat_rows,
	cmd_agreement_rows,
	cmd_data_rows,
	cmd_support_rows,
	cmd_moderation_rows,
	cmd_admin_rows,
	NULL,
};

void
cmd_stdin_refused(int rc, long max_chars)
{
	if (rc == MB_ERR_LIMIT)
		cli_error(
		    _("the text is longer than %ld characters"), max_chars);
	else if (rc == MB_ERR_INVALID)
		cli_error(_("the text holds a NUL byte; send plain text"));
	else
		cli_error(_("standard input cannot be read"));
}

int
cmd_may_run(const struct app *app, const struct cli_command *row, int quiet)
{
	const struct viewer *v = &app->viewer;
	char ssh[512];

	switch (row->who) {
	case CLI_ANYONE:
		return 1;
	case CLI_GUESTS:
		if (v->user_id == 0)
			return 1;
		if (!quiet) {
			account_ssh_command(
			    &app->cfg, "guest", 0, ssh, sizeof(ssh));
			cli_error(_("\"%s\" is for guests: %s %s"), row->name,
			    ssh, row->name);
		}
		return 0;
	case CLI_MEMBERS:
	case CLI_UNVERIFIED:
		if (v->user_id == 0) {
			if (!quiet) {
				account_ssh_command(
				    &app->cfg, "guest", 1, ssh, sizeof(ssh));
				cli_error(_("\"%s\" is for members; register "
					    "first: %s register"),
				    row->name, ssh);
			}
			return 0;
		}
		if (row->who == CLI_MEMBERS && !v->verified) {
			if (!quiet)
				cli_error(_("please confirm your e-mail "
					    "address first (verify CODE, or "
					    "resend)"));
			return 0;
		}
		return 1;
	case CLI_SYSOPS:
		/* For everyone else there is no such command. */
		if ((v->user_id != 0 && v->verified && v->is_sysop) ||
		    v->is_operator)
			return 1;
		if (!quiet)
			cli_error(_("unknown command \"%s\"; \"help\" lists "
				    "them"),
			    row->name);
		return 0;
	}
	return 0;
}

/* A deep link: the words after the name become the screen's text. */
static int
cmd_open_screen(struct app *app, const struct cli_call *call)
{
	char text[EXEC_COMMAND_MAX + 1] = "";
	struct ui_arg arg;
	size_t len = 0;
	int i;

	for (i = 0; i < call->argc && len < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s",
		    i > 0 ? " " : "", call->argv[i]);
	memset(&arg, 0, sizeof(arg));
	arg.text = call->argc > 0 ? text : NULL;
	return ui_run(app, call->row->screen, &arg);
}

int
cmd_link_screen(const struct app *app, const char *line,
    const struct screen **screen, char *text, size_t size)
{
	const struct cli_command *row = NULL;
	struct cli_call call;
	const char *why = NULL;
	char **argv = NULL;
	size_t len = 0;
	int argc = 0, rc = MB_ERR_NOTFOUND, i;

	*screen = NULL;
	text[0] = '\0';
	if (words_split(line, &argc, &argv, &why) != 0)
		return MB_ERR_NOTFOUND;
	if (argc > 0)
		row = cli_find(cmd_groups, argv[0]);
	if (row != NULL && cmd_may_run(app, row, 1) &&
	    cli_parse(cmd_groups, argc, argv, &call) == CLI_OK) {
		if (call.row->screen != NULL &&
		    call.argc <= call.row->screen_args) {
			*screen = call.row->screen;
			for (i = 0; i < call.argc && len < size; i++)
				len += (size_t)snprintf(text + len, size - len,
				    "%s%s", i > 0 ? " " : "", call.argv[i]);
			rc = 0;
		} else if (call.row->screen == NULL && cmd_is_admin(&call)) {
			/* The team's rows have no screens of their own:
			 * the console opens, where each has its page. */
			*screen = call.top->screen;
			rc = 0;
		}
	}
	words_free(argv);
	return rc;
}

/* Options, --json or more words than the screen takes: the command. */
static int
cmd_wants_screen(const struct app *app, const struct cli_call *call)
{
	return app->tty && call->row->screen != NULL && call->ngiven == 0 &&
	    !call->json && call->argc <= call->row->screen_args;
}

int
cmd_dispatch(struct app *app, const char *line)
{
	const struct cli_command *row = NULL;
	struct cli_call call;
	struct sysop sysop;
	const char *why = NULL;
	char **argv = NULL, ended[2 * UI_MESSAGE_MAX];
	int argc = 0, rc;

	if (identity_ended(app, ended, sizeof(ended))) {
		cli_error("%s", ended);
		return CLI_FAIL;
	}
	if (strlen(line) > EXEC_COMMAND_MAX) {
		cli_error(
		    _("the command is longer than %d bytes"), EXEC_COMMAND_MAX);
		return CLI_USAGE;
	}
	rc = words_split(line, &argc, &argv, &why);
	if (rc != 0) {
		cli_error(_("cannot read the command: %s"), why);
		return CLI_USAGE;
	}
	if (argc == 0) {
		words_free(argv);
		if (app->tty)
			return ui_run(app, scr_start(&app->viewer), NULL);
		line = "help";
		rc = words_split(line, &argc, &argv, &why);
		if (rc != 0)
			return CLI_FAIL;
	}
	row = cli_find(cmd_groups, argv[0]);
	if (row == NULL ||
	    (row->who == CLI_SYSOPS && !cmd_may_run(app, row, 1))) {
		cli_error(
		    _("unknown command \"%s\"; \"help\" lists them"), argv[0]);
		rc = CLI_USAGE;
	} else if (!cmd_may_run(app, row, 0))
		rc = CLI_FAIL;
	else if ((rc = cli_parse(cmd_groups, argc, argv, &call)) != CLI_OK)
		; /* cli_parse said why */
	else if (call.row != call.top && !cmd_may_run(app, call.row, 0))
		rc = CLI_FAIL;
	else if (cmd_wants_screen(app, &call))
		rc = cmd_open_screen(app, &call);
	else if (cmd_is_admin(&call)) {
		cmd_admin_context(app, &sysop);
		rc = call.row->run(&sysop, &call);
		if (fflush(stdout) != 0 && rc == CLI_OK)
			rc = CLI_FAIL;
	} else {
		rc = call.row->run(app, &call);
		if (fflush(stdout) != 0 && rc == CLI_OK)
			rc = CLI_FAIL;
	}
	words_free(argv);
	return rc;
}
