/*
 * cmd_plain: `plain on|off`, a member's choice of the plain mode (the
 * board as numbered menus and plain lines, for screen readers and braille
 * displays) at every login, `plain` what it is; on a terminal `ssh -t
 * board plain [COMMAND...]` is the plain mode this once (for guests too),
 * as `ssh -t board -- --plain` is (OpenSSH's ssh takes --plain after the
 * host for an option of its own without the --).
 */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "board_limits.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "plain.h"
#include "store.h"
#include "util.h"

/* Is the call `plain on` or `plain off`? */
static int
plain_cmd_is_setting(const struct cli_call *call)
{
	return call->argc == 1 &&
	    (strcmp(call->argv[0], "on") == 0 ||
		strcmp(call->argv[0], "off") == 0);
}

/*
 * On a terminal, `plain [COMMAND...]` is the plain mode this once: its
 * main menu, or the command's page (or output) in it.
 */
static int
plain_cmd_start(struct app *app, const struct cli_call *call)
{
	char line[EXEC_COMMAND_MAX + 1], quoted[EXEC_COMMAND_MAX + 1];
	size_t len = 0;
	int i;

	app->plain = 1;
	if (call->argc == 0)
		return plain_run(app, NULL, NULL);
	line[0] = '\0';
	for (i = 0; i < call->argc; i++) {
		if (plain_quote(call->argv[i], quoted, sizeof(quoted)) != 0 ||
		    len + strlen(quoted) + 2 > sizeof(line)) {
			cli_error(_("the command is longer than %d bytes"),
			    EXEC_COMMAND_MAX);
			return CLI_USAGE;
		}
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
		    i > 0 ? " " : "", quoted);
	}
	return cmd_dispatch(app, line);
}

static int
plain_cmd_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_user u;
	struct json j;
	int on;

	if (call->json && call->argc > 0) {
		cli_error(_("--json only shows the setting: plain --json"));
		return CLI_USAGE;
	}
	if (!call->json && !plain_cmd_is_setting(call) && app->tty)
		return plain_cmd_start(app, call);
	if (call->argc > 0 && !plain_cmd_is_setting(call)) {
		cli_print_usage(stderr, call->top);
		return CLI_USAGE;
	}
	if (app->viewer.user_id == 0) {
		cli_error(_("the setting is for members; as a guest, ssh -t "
			    "board plain gives the plain mode"));
		return CLI_FAIL;
	}
	if (call->argc == 1) {
		on = strcmp(call->argv[0], "on") == 0;
		if (account_set_plain_mode(
			&app->board, app->viewer.user_id, on) != 0) {
			cli_error(_("please try again later"));
			return CLI_FAIL;
		}
		(void)printf("%s\n",
		    on ? _("The plain mode is on: from the next login, the "
			   "board shows numbered menus and plain lines.") :
			 _("The plain mode is off: from the next login, the "
			   "board shows full screens."));
		return CLI_OK;
	}
	if (store_user_get(app->store, app->viewer.user_id, &u) != 0) {
		cli_error(_("your account cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		const struct json_field f[] = {
			JSON_BOOL("plain_mode", u.plain_mode),
		};
		json_init(&j, stdout);
		json_object(&j, f, nitems(f));
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	(void)printf("%s\n",
	    u.plain_mode ? _("The plain mode is on (plain off for full "
			     "screens).") :
			   _("The plain mode is off (plain on to have it at "
			     "every login; ssh -t board --plain once)."));
	return CLI_OK;
}

const struct cli_command cmd_plain_rows[] = {
	{ .name = "plain",
	    .args = "[on|off | COMMAND...]",
	    .max_args = -1,
	    .summary = N_("the plain mode (numbered menus and plain lines, "
			  "for screen readers): on or off at every login; "
			  "with -t, now (plain, plain chat 12)"),
	    .run = plain_cmd_run,
	    .who = CLI_ANYONE,
	    .flags = CLI_JSON },
	{ 0 },
};
