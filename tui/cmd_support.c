/*
 * cmd_support: members' questions to the mentoring team as commands:
 * `support` (one's questions), `support send` (the question on standard
 * input), `support show ID`, `support reply ID`.  The rules are
 * common/support.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "screens.h"
#include "support.h"
#include "text.h"
#include "util.h"

/* The state of a question in the member's words. */
static const char *
support_state_text(enum store_support_state state)
{
	switch (state) {
	case STORE_SUPPORT_OPEN:
		return _("waiting for the team");
	case STORE_SUPPORT_ANSWERED:
		return _("answered");
	case STORE_SUPPORT_CLOSED:
		return _("closed");
	default:
		return "?";
	}
}

/* "2026-12-05 15:00" in the viewer's zone. */
static void
support_when(struct app *app, int64_t t, char *out, size_t size)
{
	char tz[STORE_TIME_ZONE_MAX];

	chat_time_zone(&app->board, app->viewer.user_id, tz, sizeof(tz));
	chat_format_time(t, tz, "%Y-%m-%d %H:%M", out, size);
}

static int
support_list_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_support_thread *rows = NULL;
	char when[32], subject[STORE_SUPPORT_SUBJECT_BYTES];
	struct json j;
	size_t n = 0, i;

	if (support_threads(&app->board, &app->viewer, &rows, &n) != 0) {
		cli_error(_("your questions cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_INT("id", rows[i].id),
				JSON_STR("subject", rows[i].subject),
				JSON_STR("state",
				    store_support_state_word(rows[i].state)),
				JSON_INT("messages", rows[i].messages),
				JSON_INT("created_at", rows[i].created_at),
				JSON_INT("updated_at", rows[i].updated_at),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(rows);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)printf("%s\n",
		    _("No questions yet: support send writes one to the "
		      "mentoring team."));
	for (i = 0; i < n; i++) {
		support_when(app, rows[i].updated_at, when, sizeof(when));
		text_sanitize_line(rows[i].subject, subject, sizeof(subject));
		(void)printf("#%-5lld %-16s %-20s %s\n", (long long)rows[i].id,
		    when, support_state_text(rows[i].state), subject);
	}
	free(rows);
	return CLI_OK;
}

/* Read the text on standard input, without the newline echo adds. */
static int
support_read_text(char **text)
{
	size_t len;
	int rc;

	rc = cli_read_stdin(
	    (size_t)SUPPORT_MESSAGE_MAX * 4 + STORE_SUPPORT_SUBJECT_BYTES,
	    text);
	if (rc != 0) {
		cmd_stdin_refused(rc, SUPPORT_MESSAGE_MAX);
		return CLI_FAIL;
	}
	len = strlen(*text);
	if (len > 0 && (*text)[len - 1] == '\n')
		(*text)[--len] = '\0';
	return CLI_OK;
}

static int
support_send_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *subject = cli_value(call, "--subject"), *why = NULL;
	char *text = NULL, *first = NULL, *body = NULL;
	int64_t id = 0;
	int rc;

	rc = support_read_text(&text);
	if (rc != CLI_OK)
		return rc;
	if (subject == NULL) {
		/* The first line is the subject. */
		support_split(text, &first, &body);
		subject = first;
	} else
		body = xstrdup(text);
	free(text);
	rc = support_send(&app->board, &app->viewer, subject, body, &id, &why);
	free(first);
	free(body);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Sent: question #%lld. You are notified when the "
		       "mentoring team answers.\n"),
	    (long long)id);
	return CLI_OK;
}

static int
support_show_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_support_thread t;
	struct store_support_message *msgs = NULL;
	char when[32], subject[STORE_SUPPORT_SUBJECT_BYTES], *clean = NULL;
	struct json j;
	int64_t id = 0;
	size_t n = 0, i;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	rc = support_get(&app->board, &app->viewer, id, &t, &msgs, &n);
	if (rc == MB_ERR_NOTFOUND) {
		cli_error(
		    _("there is no question #%lld of yours"), (long long)id);
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_error(_("the question cannot be read just now"));
		return CLI_FAIL;
	}
	if (t.user_id == app->viewer.user_id)
		(void)support_mark_read(&app->board, &app->viewer, id);
	if (call->json) {
		json_init(&j, stdout);
		json_object_begin(&j);
		{
			const struct json_field f[] = {
				JSON_INT("id", t.id),
				JSON_STR("subject", t.subject),
				JSON_STR(
				    "state", store_support_state_word(t.state)),
				JSON_INT("created_at", t.created_at),
			};
			json_fields(&j, f, nitems(f));
		}
		json_key(&j, "messages");
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_BOOL("from_team", msgs[i].from_team),
				JSON_INT("at", msgs[i].at),
				JSON_STR("text", msgs[i].body),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		json_object_end(&j);
		store_support_messages_free(msgs, n);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	text_sanitize_line(t.subject, subject, sizeof(subject));
	(void)printf(_("Question #%lld (%s): %s\n"), (long long)t.id,
	    support_state_text(t.state), subject);
	for (i = 0; i < n; i++) {
		support_when(app, msgs[i].at, when, sizeof(when));
		/* What the team wrote, and one's own, as typed but harmless. */
		clean = text_sanitize(
		    msgs[i].body, strlen(msgs[i].body), TEXT_KEEP_NEWLINES);
		(void)printf("\n%s, %s:\n%s\n", when,
		    msgs[i].from_team ? _("the mentoring team") : _("you"),
		    clean != NULL ? clean : "");
		free(clean);
	}
	store_support_messages_free(msgs, n);
	return CLI_OK;
}

static int
support_reply_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	char *text = NULL;
	int64_t id = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc == CLI_OK)
		rc = support_read_text(&text);
	if (rc != CLI_OK)
		return rc;
	rc = support_reply(&app->board, &app->viewer, id, text, &why);
	free(text);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Sent in question #%lld.\n"), (long long)id);
	return CLI_OK;
}

static const struct cli_option support_send_options[] = {
	{ "--subject", "TEXT", CLI_VALUE },
	{ 0 },
};

static const struct cli_command support_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("your questions to the mentoring team"),
	    .run = support_list_run,
	    .flags = CLI_JSON },
	{ .name = "send",
	    .max_args = 0,
	    .options = support_send_options,
	    .input = "TEXT",
	    .summary = N_("ask the mentoring team (the subject: --subject, or "
			  "the first line)"),
	    .run = support_send_run,
	    .screen = &scr_support_write },
	{ .name = "show",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("a question and the team's answers"),
	    .run = support_show_run,
	    .flags = CLI_JSON,
	    .screen = &scr_support_thread,
	    .screen_args = 1 },
	{ .name = "reply",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .input = "TEXT",
	    .summary = N_("write again in a question"),
	    .run = support_reply_run },
	{ 0 },
};

const struct cli_command cmd_support_rows[] = {
	{ .name = "support",
	    .max_args = 0,
	    .summary = N_("contact the mentoring team: your questions"),
	    .run = support_list_run,
	    .subs = support_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_support },
	{ 0 },
};
