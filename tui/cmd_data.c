/*
 * cmd_data: a member's data: `export` (everything the board holds about
 * them, as one JSON document) and `erase-account --confirm USERNAME`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erase.h"
#include "error.h"
#include "export.h"
#include "i18n.h"
#include "mentor.h"
#include "screens.h"
#include "util.h"

static int
export_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;

	(void)call;
	if (export_write(&app->board, app->viewer.user_id, stdout) != 0) {
		cli_error(_("your data cannot be read just now"));
		return CLI_FAIL;
	}
	return CLI_OK;
}

static int
erase_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;

	if (strcmp(cli_value(call, "--confirm"), app->viewer.username) != 0) {
		cli_error(_("to delete your account, confirm with your user "
			    "name: erase-account --confirm %s"),
		    app->viewer.username);
		return CLI_USAGE;
	}
	if (account_erase(&app->board, app->viewer.user_id, app->viewer.user_id,
		&why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(
	    "%s\n", _("Your account and your data are deleted. Goodbye."));
	return CLI_OK;
}

static const struct cli_option erase_options[] = {
	{ "--confirm", "USERNAME", CLI_VALUE | CLI_REQUIRED },
	{ 0 },
};

const struct cli_command cmd_data_rows[] = {
	{ .name = "export",
	    .max_args = 0,
	    .summary = N_("everything the board holds about you, as JSON: "
			  "ssh board export > me.json"),
	    .run = export_run,
	    .who = CLI_UNVERIFIED,
	    .screen = &scr_export },
	{ .name = "erase-account",
	    .max_args = 0,
	    .options = erase_options,
	    .summary = N_("delete your account and your data, for good"),
	    .run = erase_run,
	    .who = CLI_UNVERIFIED },
	{ 0 },
};
