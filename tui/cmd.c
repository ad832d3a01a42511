/*
 * cmd: the command interface.  One exec request is one command line; the
 * table below maps its first word to a function (and, with a terminal, to
 * the screen it opens).  Output is plain text or, with --json, JSON; a
 * failure is one line on stderr and a non-zero exit status.  Who may run a
 * command is decided here, from its flags, before it runs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "board_limits.h"
#include "error.h"
#include "i18n.h"
#include "mentor.h"
#include "screens.h"
#include "ui.h"
#include "util.h"
#include "words.h"

const struct command *const cmd_table[] = {
	&cmd_help,
	&cmd_version,
	&cmd_whoami,
	&cmd_privacy,
	&cmd_register,
	&cmd_verify,
	&cmd_resend,
	&cmd_change_email,
	&cmd_password,
	&cmd_reset_request,
	&cmd_reset,
	&cmd_keys,
	&cmd_search,
	&cmd_mentor_info,
	&cmd_suggest,
	&cmd_profile,
	&cmd_roles,
	&cmd_application,
	&cmd_fields,
	&cmd_cv,
	&cmd_scp,
	NULL,
};

void
cmd_error(const char *fmt, ...)
{
	va_list ap;

	(void)fputs("mentor: ", stderr);
	va_start(ap, fmt);
	(void)vfprintf(stderr, fmt, ap);
	va_end(ap);
	(void)fputc('\n', stderr);
}

int
cmd_take_flag(int *argc, char **argv, const char *flag)
{
	int i, found = 0;

	for (i = 1; i < *argc;) {
		if (strcmp(argv[i], flag) == 0) {
			/* argv is words_split's: its words are ours to free. */
			free(argv[i]);
			memmove(&argv[i], &argv[i + 1],
			    (size_t)(*argc - i) * sizeof(*argv));
			(*argc)--;
			found = 1;
		} else
			i++;
	}
	return found;
}

char *
cmd_read_stdin(size_t max, int *too_long)
{
	size_t len = 0, n;
	char *buf = xmalloc(max + 2);

	*too_long = 0;
	while (len < max + 1) {
		n = fread(buf + len, 1, max + 1 - len, stdin);
		if (n == 0)
			break;
		len += n;
	}
	if (len > max) {
		*too_long = 1;
		len = max;
	}
	buf[len] = '\0';
	return buf;
}

char *
cmd_read_line(FILE *fp, size_t max)
{
	char *buf = xmalloc(max + 2);
	size_t len;

	if (fgets(buf, (int)max + 2, fp) == NULL) {
		free(buf);
		return NULL;
	}
	len = strcspn(buf, "\n");
	if (buf[len] != '\n' && !feof(fp)) {
		explicit_bzero(buf, max + 2);
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[len - 1] = '\0';
	return buf;
}

/* A deep link: the words after the name become the screen's argument. */
static int
cmd_open_screen(
    struct app *app, const struct command *cmd, int argc, char **argv)
{
	char arg[EXEC_COMMAND_MAX + 1] = "";
	size_t len = 0;
	int i;

	for (i = 1; i < argc; i++) {
		len += (size_t)snprintf(arg + len, sizeof(arg) - len, "%s%s",
		    i > 1 ? " " : "", argv[i]);
		if (len >= sizeof(arg))
			break;
	}
	return ui_run(app, cmd->screen, argc > 1 ? arg : NULL);
}

/* Options are the command form's: a screen would take them as text. */
static int
cmd_has_option(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) == 0)
			return 1;
	}
	return 0;
}

static const struct command *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; cmd_table[i] != NULL; i++) {
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	}
	return NULL;
}

/* May the viewer run cmd?  If not, say why on stderr. */
static int
cmd_allowed(struct app *app, const struct command *cmd)
{
	const struct viewer *v = &app->viewer;
	char ssh[512];

	if ((cmd->flags & CMD_GUESTS) && v->user_id != 0) {
		account_ssh_command(&app->cfg, "guest", 0, ssh, sizeof(ssh));
		cmd_error(_("\"%s\" is for guests: %s %s"), cmd->name, ssh,
		    cmd->name);
		return 0;
	}
	if ((cmd->flags & CMD_MEMBERS) && v->user_id == 0) {
		account_ssh_command(&app->cfg, "guest", 1, ssh, sizeof(ssh));
		cmd_error(_("\"%s\" is for members; register first: %s "
			    "register"),
		    cmd->name, ssh);
		return 0;
	}
	if (v->user_id != 0 && !v->verified && (cmd->flags & CMD_MEMBERS) &&
	    !(cmd->flags & CMD_UNVERIFIED)) {
		cmd_error(_("please confirm your e-mail address first "
			    "(verify CODE, or resend)"));
		return 0;
	}
	return 1;
}

int
cmd_dispatch(struct app *app, const char *line)
{
	const struct command *cmd = NULL;
	const char *why = NULL;
	char **argv = NULL;
	int argc = 0, rc;

	if (strlen(line) > EXEC_COMMAND_MAX) {
		cmd_error(
		    _("the command is longer than %d bytes"), EXEC_COMMAND_MAX);
		return CMD_USAGE;
	}
	rc = words_split(line, &argc, &argv, &why);
	if (rc != 0) {
		cmd_error(_("cannot read the command: %s"), why);
		return CMD_USAGE;
	}
	if (argc == 0) {
		words_free(argv);
		return app->tty ? ui_run(app, scr_start(&app->viewer), NULL) :
				  cmd_help.run(app, 0, NULL);
	}
	cmd = cmd_find(argv[0]);
	if (cmd == NULL) {
		cmd_error(
		    _("unknown command \"%s\"; \"help\" lists them"), argv[0]);
		rc = CMD_USAGE;
	} else if (!cmd_allowed(app, cmd))
		rc = CMD_FAIL;
	else if (app->tty && cmd->screen != NULL &&
	    argc - 1 <= cmd->screen_args && !cmd_has_option(argc, argv))
		rc = cmd_open_screen(app, cmd, argc, argv);
	else {
		rc = cmd->run(app, argc, argv);
		if (fflush(stdout) != 0 && rc == CMD_OK)
			rc = CMD_FAIL;
	}
	words_free(argv);
	return rc;
}
