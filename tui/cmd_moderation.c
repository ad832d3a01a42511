/*
 * cmd_moderation: what a member does about another: `report USER_ID`
 * (or one chat line of theirs) to the mentoring team, with the reason on
 * standard input, and `block USER_ID`, `unblock USER_ID`, `blocks`.  The
 * rules are common/report.c's and common/moderation.c's; whom a member may
 * name by number at all, common/privacy.c's privacy_may_name: any other
 * number gets the answer of one that is no account.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "moderation.h"
#include "report.h"
#include "store.h"
#include "util.h"

static int
report_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *line_word = cli_value(call, "--chat-line"), *why = NULL;
	char *reason = NULL;
	int64_t subject = 0, line = 0, id = 0;
	size_t len;
	int rc = CLI_OK;

	if (call->argc == 0 && line_word == NULL) {
		cli_error(_("name the person (USER_ID) or the line "
			    "(--chat-line ID)"));
		return CLI_USAGE;
	}
	if (call->argc > 0)
		rc = cmd_id(call->argv[0], &subject);
	if (rc == CLI_OK && line_word != NULL)
		rc = cmd_id(line_word, &line);
	if (rc != CLI_OK)
		return rc;
	rc = cli_read_stdin((size_t)REPORT_REASON_MAX * 4, &reason);
	if (rc != 0) {
		cmd_stdin_refused(rc, REPORT_REASON_MAX);
		return CLI_FAIL;
	}
	len = strlen(reason);
	if (len > 0 && reason[len - 1] == '\n')
		reason[--len] = '\0';
	rc = report_file(
	    &app->board, &app->viewer, subject, line, reason, &id, &why);
	free(reason);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Report #%lld went to the mentoring team. The person "
		       "is not told who reported them.\n"),
	    (long long)id);
	return CLI_OK;
}

static int
block_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (moderation_block(&app->board, &app->viewer, id, &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Blocked #%lld: they can send you no request and no "
		       "chat line; they are not told. unblock %lld undoes "
		       "it.\n"),
	    (long long)id, (long long)id);
	return CLI_OK;
}

static int
unblock_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (moderation_unblock(&app->board, &app->viewer, id, &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Unblocked #%lld.\n"), (long long)id);
	return CLI_OK;
}

static int
blocks_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_block *rows = NULL;
	char name[DISPLAY_NAME_MAX], since[32];
	struct json j;
	size_t n = 0, i;

	if (moderation_blocks(&app->board, &app->viewer, &rows, &n) != 0) {
		cli_error(_("your blocks cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	} else if (n == 0)
		(void)printf("%s\n", _("You have blocked nobody."));
	for (i = 0; i < n; i++) {
		/* Others show as "Anna K.", also to the one who blocked. */
		cmd_party_name(rows[i].first_name, rows[i].last_name,
		    rows[i].blocked_id, name, sizeof(name));
		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", rows[i].blocked_id),
				JSON_STR("name", name),
				JSON_INT("since", rows[i].created_at),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		cmd_date(rows[i].created_at, since, sizeof(since));
		(void)printf(_("#%-6lld %-24s since %s\n"),
		    (long long)rows[i].blocked_id, name, since);
	}
	free(rows);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	return CLI_OK;
}

static const struct cli_option report_options[] = {
	{ "--chat-line", "ID", CLI_VALUE },
	{ 0 },
};

const struct cli_command cmd_moderation_rows[] = {
	{ .name = "report",
	    .args = "[USER_ID]",
	    .max_args = 1,
	    .options = report_options,
	    .input = "REASON",
	    .summary = N_("tell the mentoring team about a person you meet "
			  "here (a mentor the search lists, someone you have "
			  "had a request with), or one chat line of theirs; "
			  "they are not told who reported them"),
	    .run = report_run,
	    .who = CLI_MEMBERS },
	{ .name = "block",
	    .args = "USER_ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("take no requests and no chat lines from someone "
			  "you meet here (a mentor the search lists, someone "
			  "you have had a request with)"),
	    .run = block_run,
	    .who = CLI_MEMBERS },
	{ .name = "unblock",
	    .args = "USER_ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("take requests and chat lines from them again"),
	    .run = unblock_run,
	    .who = CLI_MEMBERS },
	{ .name = "blocks",
	    .max_args = 0,
	    .summary = N_("the people you blocked"),
	    .run = blocks_run,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON },
	{ 0 },
};
