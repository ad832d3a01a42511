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
#include "util.h"

/* Every row the viewer may run, with its usage lines and summary. */
static int
help_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const struct cli_command *row = NULL;
	char usage[CLI_USAGE_MAX], *p = NULL, *bar = NULL;
	struct json j;
	size_t g;

	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	} else
		(void)printf("%s\n\n",
		    _("Mentorboard: career mentoring for alumni. "
		      "Commands (ssh HOST COMMAND):"));
	for (g = 0; cmd_groups[g] != NULL; g++) {
		for (row = cmd_groups[g]; row->name != NULL; row++) {
			if ((row->flags & CLI_HIDDEN) ||
			    !cmd_may_run(app, row, 1))
				continue;
			cli_usage(row, NULL, usage, sizeof(usage));
			if (call->json) {
				const struct json_field f[] = {
					JSON_STR("name", row->name),
					JSON_STR("usage", usage),
					JSON_STR("summary", _(row->summary)),
				};
				json_object(&j, f, nitems(f));
				continue;
			}
			/* One line per form of the command. */
			for (p = usage; p != NULL; p = bar) {
				bar = strstr(p, " | ");
				(void)printf("  %.*s\n",
				    (int)(bar != NULL ? (size_t)(bar - p) :
							strlen(p)),
				    p);
				if (bar != NULL)
					bar += 3;
			}
			(void)printf("      %s\n", _(row->summary));
		}
	}
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	(void)printf("\n%s\n",
	    _("Without a command, and with a terminal "
	      "(ssh -t), the board opens full-screen."));
	return CLI_OK;
}

/* The board's version, as text or JSON. */
static int
version_run(void *ctx, const struct cli_call *call)
{
	const struct json_field f[] = { JSON_STR("version", MB_VERSION) };
	struct json j;

	(void)ctx;
	if (!call->json) {
		(void)printf("mentorboard %s\n", MB_VERSION);
		return CLI_OK;
	}
	json_init(&j, stdout);
	json_object(&j, f, nitems(f));
	return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
}

/* The caller's own data: for a guest just "guest". */
static int
whoami_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const struct viewer *v = &app->viewer;
	struct store_item *fields = NULL;
	struct store_user u;
	struct json j;
	size_t n = 0, i;

	memset(&u, 0, sizeof(u));
	if (v->user_id != 0 &&
	    (store_user_get(app->store, v->user_id, &u) != 0 ||
		store_user_fields(app->store, v->user_id, &fields, &n) != 0)) {
		cli_error(_("your account cannot be read just now"));
		return CLI_FAIL;
	}
	if (!call->json) {
		if (v->user_id == 0) {
			(void)printf("guest\n");
			return CLI_OK;
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
		return CLI_OK;
	}
	json_init(&j, stdout);
	json_object_begin(&j);
	{
		const struct json_field f[] = {
			JSON_STR("username", v->username),
			JSON_STR("display_name", v->display_name),
			JSON_BOOL("guest", v->user_id == 0),
		};
		json_fields(&j, f, nitems(f));
	}
	if (v->user_id != 0) {
		const struct json_field f[] = {
			JSON_STR("email", u.email),
			JSON_BOOL("verified", u.verified),
		};
		json_fields(&j, f, nitems(f));
		json_key(&j, "fields_of_study");
		json_array_begin(&j);
		for (i = 0; i < n; i++)
			json_string(&j, fields[i].name);
		json_array_end(&j);
	}
	json_object_end(&j);
	free(fields);
	return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
}

/*
 * The privacy notice as plain text (with a terminal, the command opens its
 * screen instead).
 */
static int
privacy_run(void *ctx, const struct cli_call *call)
{
	const char *p = scr_privacy_text();

	(void)ctx;
	(void)call;
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
	return CLI_OK;
}

const struct cli_command cmd_basic_rows[] = {
	{ .name = "help",
	    .max_args = 0,
	    .summary = N_("list the commands"),
	    .run = help_run,
	    .flags = CLI_JSON },
	{ .name = "version",
	    .max_args = 0,
	    .summary = N_("print the board's version"),
	    .run = version_run,
	    .flags = CLI_JSON },
	{ .name = "whoami",
	    .max_args = 0,
	    .summary = N_("who you are logged in as, and your own data"),
	    .run = whoami_run,
	    .flags = CLI_JSON },
	{ .name = "privacy",
	    .max_args = 0,
	    .summary = N_("the privacy notice"),
	    .run = privacy_run,
	    .screen = &scr_privacy },
	{ 0 },
};
