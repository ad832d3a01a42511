/*
 * cmd_chat: the chats of mentorships and their meetings as commands:
 * `chat` (the list), `chat log ID`, `chat send ID`, `meeting` (the
 * upcoming ones), `meeting propose|accept|decline`, and `timezone`, the
 * zone times are shown in.  The rules are common/chat.c's.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "screens.h"
#include "text.h"
#include "util.h"

/* "2026-12-05 15:00" in the viewer's zone. */
static void
chat_when(struct app *app, int64_t t, char *out, size_t size)
{
	char tz[STORE_TIME_ZONE_MAX];

	chat_time_zone(&app->board, app->viewer.user_id, tz, sizeof(tz));
	chat_format_time(t, tz, "%Y-%m-%d %H:%M", out, size);
}

static int
chat_list_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct chat_summary *chats = NULL;
	char when[32];
	struct json j;
	size_t n = 0, i;

	if (chat_list(&app->board, &app->viewer, &chats, &n) != 0) {
		cli_error(_("your chats cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_INT("id", chats[i].id),
				JSON_STR("other", chats[i].other),
				JSON_INT("other_id", chats[i].other_id),
				JSON_STR("last", chats[i].last),
				JSON_TIME("last_at", chats[i].last_at),
				JSON_INT("unread", chats[i].unread),
				JSON_STR("state",
				    store_mship_state_word(chats[i].state)),
				JSON_BOOL(
				    "writable", chat_writable(chats[i].state)),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(chats);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)printf("%s\n",
		    _("No chats yet: a chat begins when a mentor accepts a "
		      "request."));
	for (i = 0; i < n; i++) {
		when[0] = '\0';
		if (chats[i].last_at != 0)
			chat_when(app, chats[i].last_at, when, sizeof(when));
		(void)printf("#%-5lld %-16s %3d %-16s %s\n",
		    (long long)chats[i].id, chats[i].other, chats[i].unread,
		    when, chats[i].last);
	}
	free(chats);
	return CLI_OK;
}

/* Print lines as the viewer reads them, or as JSON objects. */
static int
chat_print_log(struct app *app, const struct cli_call *call,
    const struct store_chat_line *rows, size_t n)
{
	char tz[STORE_TIME_ZONE_MAX], from[DISPLAY_NAME_MAX], when[32];
	char *text = NULL, *clean = NULL;
	struct json j;
	size_t i;

	chat_time_zone(&app->board, app->viewer.user_id, tz, sizeof(tz));
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	}
	for (i = 0; i < n; i++) {
		cmd_party_name(rows[i].author_first, rows[i].author_last,
		    rows[i].author_id, from, sizeof(from));
		text = chat_line_text(&app->board, tz, &rows[i]);
		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", rows[i].id),
				JSON_STR("from", from),
				JSON_INT("at", rows[i].at),
				JSON_STR("text", text),
				JSON_BOOL("mine",
				    rows[i].author_id == app->viewer.user_id),
			};
			json_object_begin(&j);
			json_fields(&j, f, nitems(f));
			json_key(&j, "meeting");
			if (rows[i].meeting_id != 0)
				json_int(&j, rows[i].meeting_id);
			else
				json_null(&j);
			json_object_end(&j);
		} else {
			/* A terminal reads this: what the other typed shows,
			 * control characters made visible. */
			clean = text_sanitize(
			    text, strlen(text), TEXT_KEEP_NEWLINES);
			chat_format_time(rows[i].at, tz, "%Y-%m-%d %H:%M", when,
			    sizeof(when));
			(void)printf("#%lld %s %s%s %s\n",
			    (long long)rows[i].id, when,
			    rows[i].meeting ? "* " : "", from,
			    clean != NULL ? clean : "");
			free(clean);
		}
		free(text);
	}
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	return CLI_OK;
}

static int
chat_log_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_chat_line *rows = NULL;
	const char *since = cli_value(call, "--since");
	int64_t id = 0;
	long since_id = 0;
	size_t n = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc == CLI_OK && since != NULL)
		rc = cli_number("--since", since, 0, LONG_MAX, &since_id);
	if (rc != CLI_OK)
		return rc;
	rc = chat_log(
	    &app->board, &app->viewer, id, since_id, 0, &rows, &n, NULL);
	if (rc == MB_ERR_NOTFOUND) {
		cli_error(_("there is no chat #%lld of yours"), (long long)id);
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_error(_("the chat cannot be read just now"));
		return CLI_FAIL;
	}
	rc = chat_print_log(app, call, rows, n);
	store_chat_lines_free(rows, n);
	return rc;
}

/* `chat` lists; `chat ID` without a terminal prints its log. */
static int
chat_top_run(void *ctx, const struct cli_call *call)
{
	return call->argc == 0 ? chat_list_run(ctx, call) :
				 chat_log_run(ctx, call);
}

static int
chat_send_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	char *text = NULL;
	int64_t id = 0, line = 0;
	size_t len;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	rc = cli_read_stdin((size_t)CHAT_LINE_MAX * 4, &text);
	if (rc != 0) {
		cmd_stdin_refused(rc, CHAT_LINE_MAX);
		return CLI_FAIL;
	}
	/* echo and here-documents end in a newline nobody typed. */
	len = strlen(text);
	if (len > 0 && text[len - 1] == '\n')
		text[--len] = '\0';
	rc = chat_send(&app->board, &app->viewer, id, text, &line, &why);
	free(text);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Sent: line #%lld.\n"), (long long)line);
	return CLI_OK;
}

static int
meeting_list_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_meeting rows[MEETINGS_SHOWN_MAX * 4];
	struct chat_summary c;
	char when[32];
	struct json j;
	size_t n = 0, i;

	if (meeting_upcoming(
		&app->board, &app->viewer, rows, nitems(rows), &n) != 0) {
		cli_error(_("your meetings cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	}
	for (i = 0; i < n; i++) {
		if (chat_get(&app->board, &app->viewer, rows[i].mentorship_id,
			&c) != 0)
			continue;
		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", rows[i].id),
				JSON_INT("chat", rows[i].mentorship_id),
				JSON_STR("with", c.other),
				JSON_INT("starts_at", rows[i].starts_at),
				JSON_INT("minutes", rows[i].minutes),
				JSON_STR("place", rows[i].place),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		chat_when(app, rows[i].starts_at, when, sizeof(when));
		(void)printf(_("#%-4lld %s (%d min) with %s: %s\n"),
		    (long long)rows[i].id, when, rows[i].minutes, c.other,
		    rows[i].place);
	}
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)printf("%s\n", _("No meetings ahead."));
	return CLI_OK;
}

static int
meeting_propose_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *minutes_word = cli_value(call, "--minutes");
	const char *why = NULL;
	char tz[STORE_TIME_ZONE_MAX];
	int64_t id = 0, start = 0, meeting = 0;
	long minutes = MEETING_MINUTES_DEFAULT;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc == CLI_OK && minutes_word != NULL)
		rc = cli_number("--minutes", minutes_word, 1,
		    MEETING_MINUTES_MAX, &minutes);
	if (rc != CLI_OK)
		return rc;
	chat_time_zone(&app->board, app->viewer.user_id, tz, sizeof(tz));
	if (chat_parse_time(cli_value(call, "--at"), tz, &start) != 0) {
		cli_error(_("--at takes a time as \"YYYY-MM-DD HH:MM\" in your "
			    "time zone (%s)"),
		    tz);
		return CLI_USAGE;
	}
	rc = meeting_propose(&app->board, &app->viewer, id, start, (int)minutes,
	    cli_value(call, "--place"), &meeting, &why);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Meeting #%lld proposed; you hear when it is "
		       "answered.\n"),
	    (long long)meeting);
	return CLI_OK;
}

static int
meeting_answer_run(struct app *app, const struct cli_call *call, int accept)
{
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	rc = meeting_answer(&app->board, &app->viewer, id, accept, &why);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(accept ? _("Accepted: both of you get the invitation by "
				"mail.\n") :
			      _("Declined; propose another time in the "
				"chat.\n"));
	return CLI_OK;
}

static int
meeting_accept_run(void *ctx, const struct cli_call *call)
{
	return meeting_answer_run(ctx, call, 1);
}

static int
meeting_decline_run(void *ctx, const struct cli_call *call)
{
	return meeting_answer_run(ctx, call, 0);
}

static int
timezone_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	char tz[STORE_TIME_ZONE_MAX];
	const char *why = NULL;

	if (call->argc == 0) {
		chat_time_zone(
		    &app->board, app->viewer.user_id, tz, sizeof(tz));
		(void)printf("%s\n", tz);
		return CLI_OK;
	}
	if (chat_set_time_zone(
		&app->board, &app->viewer, call->argv[0], &why) != 0) {
		cli_error("%s: %s", call->argv[0],
		    why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Times are shown in %s now.\n"), call->argv[0]);
	return CLI_OK;
}

static const struct cli_option chat_log_options[] = {
	{ "--since", "N", CLI_VALUE },
	{ 0 },
};

static const struct cli_option meeting_propose_options[] = {
	{ "--at", "\"YYYY-MM-DD HH:MM\"", CLI_VALUE | CLI_REQUIRED },
	{ "--minutes", "N", CLI_VALUE },
	{ "--place", "TEXT", CLI_VALUE | CLI_REQUIRED },
	{ 0 },
};

static const struct cli_command chat_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("your chats, newest first"),
	    .run = chat_list_run,
	    .flags = CLI_JSON },
	{ .name = "log",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = chat_log_options,
	    .summary = N_("the lines of a chat (after line N)"),
	    .run = chat_log_run,
	    .flags = CLI_JSON },
	{ .name = "send",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("write the text on standard input in a chat"),
	    .run = chat_send_run },
	{ 0 },
};

static const struct cli_command meeting_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("your agreed meetings ahead"),
	    .run = meeting_list_run,
	    .flags = CLI_JSON },
	{ .name = "propose",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = meeting_propose_options,
	    .summary = N_("propose a meeting in chat ID"),
	    .run = meeting_propose_run },
	{ .name = "accept",
	    .args = "MID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("accept meeting MID: both get an invitation"),
	    .run = meeting_accept_run },
	{ .name = "decline",
	    .args = "MID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("decline meeting MID"),
	    .run = meeting_decline_run },
	{ 0 },
};

const struct cli_command cmd_chat_rows[] = {
	{ .name = "chat",
	    .args = "[ID]",
	    .max_args = 1,
	    .summary = N_("talk with your mentor or mentee"),
	    .run = chat_top_run,
	    .subs = chat_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_chats,
	    .screen_args = 1 },
	{ .name = "meeting",
	    .max_args = 0,
	    .summary = N_("meetings with your mentor or mentee"),
	    .run = meeting_list_run,
	    .subs = meeting_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON },
	{ .name = "timezone",
	    .args = "[ZONE]",
	    .max_args = 1,
	    .summary = N_("the time zone times are shown in (for example "
			  "Europe/Vienna), or set it"),
	    .run = timezone_run,
	    .who = CLI_MEMBERS },
	{ 0 },
};
