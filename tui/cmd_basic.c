/* cmd_basic: help, version, whoami. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "mentor.h"

static int
help_run(struct app *app, int argc, char **argv)
{
	const struct command *c = NULL;
	size_t i;

	(void)argc;
	(void)argv;
	(void)printf("%s\n\n",
	    _("Mentorboard: career mentoring for alumni. "
	      "Commands (ssh HOST COMMAND):"));
	for (i = 0; cmd_table[i] != NULL; i++) {
		c = cmd_table[i];
		if (c->flags & CMD_HIDDEN)
			continue;
		if ((c->flags & CMD_MEMBERS) && app->viewer.user_id == 0)
			continue;
		(void)printf("  %s%s%s\n      %s\n", c->name,
		    c->args[0] != '\0' ? " " : "", c->args, _(c->summary));
	}
	(void)printf("\n%s\n",
	    _("Without a command, and with a terminal "
	      "(ssh -t), the board opens full-screen."));
	return CMD_OK;
}

static int
version_run(struct app *app, int argc, char **argv)
{
	(void)app;
	(void)argc;
	(void)argv;
	(void)printf("mentorboard %s\n", MB_VERSION);
	return CMD_OK;
}

static int
whoami_run(struct app *app, int argc, char **argv)
{
	const struct viewer *v = &app->viewer;
	struct json j;
	int json = cmd_take_flag(&argc, argv, "--json");

	if (argc > 1) {
		cmd_error(_("usage: whoami [--json]"));
		return CMD_USAGE;
	}
	if (!json) {
		(void)printf("%s\n", v->username);
		return CMD_OK;
	}
	json_init(&j, stdout);
	json_object_begin(&j);
	json_key(&j, "username");
	json_string(&j, v->username);
	json_key(&j, "display_name");
	json_string(&j, v->display_name);
	json_key(&j, "guest");
	json_bool(&j, v->user_id == 0);
	json_object_end(&j);
	return json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
}

const struct command cmd_help = {
	"help",
	"",
	N_("list the commands"),
	help_run,
	NULL,
	0,
};

const struct command cmd_version = {
	"version",
	"",
	N_("print the board's version"),
	version_run,
	NULL,
	0,
};

const struct command cmd_whoami = {
	"whoami",
	"[--json]",
	N_("who you are logged in as"),
	whoami_run,
	NULL,
	0,
};
