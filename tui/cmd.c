/*
 * cmd: the command interface.  One exec request is one command line; the
 * table below maps its first word to a function (and, with a terminal, to
 * the screen it opens).  Output is plain text or, with --json, JSON; a
 * failure is one line on stderr and a non-zero exit status.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "mentor.h"
#include "screens.h"
#include "ui.h"
#include "words.h"

const struct command *const cmd_table[] = {
	&cmd_help,
	&cmd_version,
	&cmd_whoami,
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
			memmove(&argv[i], &argv[i + 1],
			    (size_t)(*argc - i) * sizeof(*argv));
			(*argc)--;
			found = 1;
		} else
			i++;
	}
	return found;
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

int
cmd_dispatch(struct app *app, const char *line)
{
	const struct command *cmd = NULL;
	const char *why = NULL;
	char **argv = NULL;
	int argc = 0, rc;

	rc = words_split(line, &argc, &argv, &why);
	if (rc != 0) {
		cmd_error(_("cannot read the command: %s"), why);
		return CMD_USAGE;
	}
	if (argc == 0) {
		words_free(argv);
		return app->tty ? ui_run(app, &scr_home, NULL) :
				  cmd_help.run(app, 0, NULL);
	}
	cmd = cmd_find(argv[0]);
	if (cmd == NULL) {
		cmd_error(
		    _("unknown command \"%s\"; \"help\" lists them"), argv[0]);
		rc = CMD_USAGE;
	} else if ((cmd->flags & CMD_MEMBERS) && app->viewer.user_id == 0) {
		cmd_error(_("\"%s\" is for members; register first (ssh -t "
			    "guest@%s register)"),
		    cmd->name, app->cfg.public_host);
		rc = CMD_FAIL;
	} else if (app->tty && cmd->screen != NULL)
		rc = ui_run(app, cmd->screen, argc > 1 ? argv[1] : NULL);
	else {
		rc = cmd->run(app, argc, argv);
		if (fflush(stdout) != 0 && rc == CMD_OK)
			rc = CMD_FAIL;
	}
	words_free(argv);
	return rc;
}
