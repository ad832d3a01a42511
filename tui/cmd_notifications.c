/*
 * cmd_notifications: `notifications [--unread]`, `notifications read
 * ID|--all` and `notifications mail on|off`: the command forms of the
 * notification centre and of the mail switch in My account.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "notify.h"
#include "screens.h"
#include "util.h"

static int
notifications_list_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct notify_item *items = NULL;
	char date[32];
	struct json j;
	size_t n = 0, i;

	if (notify_list(&app->board, app->viewer.user_id,
		cli_flag(call, "--unread") ? STORE_NOTIFY_UNREAD : 0, 0, &items,
		&n) != 0) {
		cli_error(_("your notifications cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_INT("id", items[i].id),
				JSON_STR(
				    "kind", notify_kind_word(items[i].kind)),
				JSON_STR("text", items[i].text),
				JSON_INT("at", items[i].at),
				JSON_BOOL("read", items[i].read),
				JSON_STR("link", items[i].link),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(items);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)printf("%s\n", _("No notifications."));
	for (i = 0; i < n; i++) {
		cmd_date(items[i].at, date, sizeof(date));
		(void)printf("#%-5lld %s %s %s\n", (long long)items[i].id,
		    items[i].read ? " " : "*", date, items[i].text);
	}
	free(items);
	return CLI_OK;
}

static int
notifications_read_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *word = call->argc > 0 ? call->argv[0] : NULL;
	long id = 0;
	int all = cli_flag(call, "--all"), rc;

	if (all == (word != NULL)) {
		cli_error(_("give the ID of a notification, or --all"));
		return CLI_USAGE;
	}
	if (word != NULL) {
		rc = cli_number(
		    "ID", word[0] == '#' ? word + 1 : word, 1, LONG_MAX, &id);
		if (rc != CLI_OK)
			return rc;
	}
	rc = notify_read(&app->board, app->viewer.user_id, id);
	if (rc == MB_ERR_NOTFOUND) {
		cli_error(_("you have no notification %s"), word);
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_error(_("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", all ? _("All marked read.") : _("Marked read."));
	return CLI_OK;
}

static int
notifications_mail_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *word = call->argv[0];

	if (strcmp(word, "on") != 0 && strcmp(word, "off") != 0) {
		cli_print_usage(stderr, call->top);
		return CLI_USAGE;
	}
	if (notify_set_mail(&app->board, app->viewer.user_id,
		strcmp(word, "on") == 0) != 0) {
		cli_error(_("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n",
	    strcmp(word, "on") == 0 ?
		_("You get a mail of what you missed while away.") :
		_("You get no mail of what you missed."));
	return CLI_OK;
}

static const struct cli_option notifications_list_options[] = {
	{ "--unread", NULL, 0 },
	{ 0 },
};

static const struct cli_option notifications_read_options[] = {
	{ "--all", NULL, 0 },
	{ 0 },
};

static const struct cli_command notifications_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .options = notifications_list_options,
	    .summary = N_("your notifications, newest first"),
	    .run = notifications_list_run,
	    .flags = CLI_JSON },
	{ .name = "read",
	    .args = "[ID]",
	    .max_args = 1,
	    .options = notifications_read_options,
	    .summary = N_("mark one read, or --all"),
	    .run = notifications_read_run },
	{ .name = "mail",
	    .args = "on|off",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("mail me what I miss while away, or not"),
	    .run = notifications_mail_run },
	{ 0 },
};

const struct cli_command cmd_notifications_rows[] = {
	{ .name = "notifications",
	    .max_args = 0,
	    .options = notifications_list_options,
	    .summary = N_("what happened for you, newest first"),
	    .run = notifications_list_run,
	    .subs = notifications_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_notifications },
	{ 0 },
};
