/* cmd_basic: help, version, whoami, privacy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "screens.h"
#include "store.h"

static int
help_run(struct app *app, int argc, char **argv)
{
	const struct viewer *v = &app->viewer;
	const struct command *c = NULL;
	size_t i;

	(void)argc;
	(void)argv;
	(void)printf("%s\n\n",
	    _("Mentorboard: career mentoring for alumni. "
	      "Commands (ssh HOST COMMAND):"));
	for (i = 0; cmd_table[i] != NULL; i++) {
		c = cmd_table[i];
		if ((c->flags & CMD_HIDDEN) ||
		    ((c->flags & CMD_MEMBERS) && v->user_id == 0) ||
		    ((c->flags & CMD_GUESTS) && v->user_id != 0))
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

/* The caller's own data: for a guest just "guest". */
static int
whoami_run(struct app *app, int argc, char **argv)
{
	const struct viewer *v = &app->viewer;
	struct store_item *fields = NULL;
	struct store_user u;
	struct json j;
	size_t n = 0, i;
	int json = cmd_take_flag(&argc, argv, "--json");

	if (argc > 1) {
		cmd_error(_("usage: whoami [--json]"));
		return CMD_USAGE;
	}
	memset(&u, 0, sizeof(u));
	if (v->user_id != 0 &&
	    (store_user_get(app->store, v->user_id, &u) != 0 ||
		store_user_fields(app->store, v->user_id, &fields, &n) != 0)) {
		cmd_error(_("your account cannot be read just now"));
		return CMD_FAIL;
	}
	if (!json) {
		if (v->user_id == 0) {
			(void)printf("guest\n");
			return CMD_OK;
		}
		(void)printf("%s\n", v->username);
		(void)printf("%s: %s\n", _("shown as"), v->display_name);
		(void)printf("%s: %s\n", _("e-mail"), u.email);
		(void)printf("%s: %s\n", _("e-mail confirmed"),
		    u.verified ? _("yes") : _("no"));
		(void)printf("%s:", _("fields of study"));
		for (i = 0; i < n; i++)
			(void)printf("%s %s", i > 0 ? "," : "", fields[i].name);
		(void)printf("\n");
		free(fields);
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
	if (v->user_id != 0) {
		json_key(&j, "email");
		json_string(&j, u.email);
		json_key(&j, "verified");
		json_bool(&j, u.verified);
		json_key(&j, "fields_of_study");
		json_array_begin(&j);
		for (i = 0; i < n; i++)
			json_string(&j, fields[i].name);
		json_array_end(&j);
	}
	json_object_end(&j);
	free(fields);
	return json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
}

static int
privacy_run(struct app *app, int argc, char **argv)
{
	const char *p = scr_privacy_text();

	(void)app;
	(void)argc;
	(void)argv;
	/* Headings are marked "# " for the screen; plain text here. */
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (strncmp(p, "# ", 2) == 0)
			(void)printf("%.*s\n", (int)len - 2, p + 2);
		else
			(void)printf("%.*s\n", (int)len, p);
		p += len + (nl != NULL);
	}
	return CMD_OK;
}

const struct command cmd_help = {
	.name = "help",
	.args = "",
	.summary = N_("list the commands"),
	.run = help_run,
};

const struct command cmd_version = {
	.name = "version",
	.args = "",
	.summary = N_("print the board's version"),
	.run = version_run,
};

const struct command cmd_whoami = {
	.name = "whoami",
	.args = "[--json]",
	.summary = N_("who you are logged in as, and your own data"),
	.run = whoami_run,
};

const struct command cmd_privacy = {
	.name = "privacy",
	.args = "",
	.summary = N_("the privacy notice"),
	.run = privacy_run,
	.screen = &scr_privacy,
};
