/*
 * sysop_support: members' questions for the mentoring team (support
 * list, show, reply, close).  The console has no standard input, so a
 * reply is the words after the id; over ssh, --text-stdin reads it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "support.h"
#include "sysop.h"
#include "text.h"
#include "util.h"

#define SYSOP_SUPPORT_SUBJECT_COLS 30 /* of a subject in the list */

static int
sysop_support_list(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_support_thread *rows = NULL;
	char updated[16], subject[STORE_SUPPORT_SUBJECT_BYTES];
	struct json j;
	size_t n = 0, i;

	if (support_team_list(s->board, cli_flag(call, "--open"), &rows, &n) !=
	    0)
		return sysop_refused(NULL);
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct store_support_thread *t = &rows[i];
			const struct json_field f[] = {
				JSON_INT("id", t->id),
				JSON_INT("user_id", t->user_id),
				JSON_STR("username", t->username),
				JSON_STR("subject", t->subject),
				JSON_STR("state",
				    store_support_state_word(t->state)),
				JSON_INT("messages", t->messages),
				JSON_INT("created_at", t->created_at),
				JSON_INT("updated_at", t->updated_at),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(rows);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)fputs(cli_flag(call, "--open") ?
			_("no open questions\n") :
			_("no questions\n"),
		    s->out);
	else
		(void)fprintf(s->out, "%-4s %-9s %-10s %-16s %4s %s\n", "ID",
		    "STATE", "UPDATED", "FROM", "MSGS", "SUBJECT");
	for (i = 0; i < n; i++) {
		const struct store_support_thread *t = &rows[i];

		sysop_date(t->updated_at, updated, sizeof(updated));
		sysop_preview(t->subject, SYSOP_SUPPORT_SUBJECT_COLS, subject,
		    sizeof(subject));
		(void)fprintf(s->out, "%-4lld %-9s %-10s %-16s %4d %s\n",
		    (long long)t->id, store_support_state_word(t->state),
		    updated, t->username, t->messages, subject);
	}
	free(rows);
	return CLI_OK;
}

static int
sysop_support_show(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_support_thread t;
	struct store_support_message *msgs = NULL;
	char when[32], subject[STORE_SUPPORT_SUBJECT_BYTES], *clean = NULL;
	int64_t id = 0;
	size_t n = 0, i;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	rc = support_team_get(s->board, id, &t, &msgs, &n);
	if (rc == MB_ERR_NOTFOUND)
		return sysop_refused(_("there is no such question"));
	if (rc != 0)
		return sysop_refused(NULL);
	text_sanitize_line(t.subject, subject, sizeof(subject));
	(void)fprintf(s->out,
	    _("Question #%lld, %s: %s\nFrom %s (%s %s, #%lld)\n"),
	    (long long)t.id, store_support_state_word(t.state), subject,
	    t.username, t.first_name, t.last_name, (long long)t.user_id);
	for (i = 0; i < n; i++) {
		chat_format_time(
		    msgs[i].at, "UTC", "%Y-%m-%d %H:%M", when, sizeof(when));
		clean = text_sanitize(
		    msgs[i].body, strlen(msgs[i].body), TEXT_KEEP_NEWLINES);
		(void)fprintf(s->out, "\n-- %s UTC, %s%s%s:\n%s\n", when,
		    msgs[i].from_team ? _("the team") : _("the member"),
		    msgs[i].from_team && msgs[i].author_id != 0 ? ", " : "",
		    msgs[i].from_team && msgs[i].author_id != 0 ?
			msgs[i].author_first :
			"",
		    clean != NULL ? clean : "");
		free(clean);
	}
	store_support_messages_free(msgs, n);
	return CLI_OK;
}

/* support reply ID TEXT... | --text-stdin */
static int
sysop_support_reply(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	char *text = NULL;
	int64_t id = 0;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (cli_flag(call, "--text-stdin")) {
		if (call->argc > 1) {
			cli_error(_("give the text as words or on standard "
				    "input, not both"));
			return CLI_USAGE;
		}
		rc = cli_read_stdin((size_t)SUPPORT_MESSAGE_MAX * 4, &text);
		if (rc != 0) {
			cli_error(_("standard input: at most %d characters of "
				    "text, without NUL bytes"),
			    SUPPORT_MESSAGE_MAX);
			return CLI_FAIL;
		}
	} else if (call->argc < 2) {
		cli_error(_("give the text as words after the id, or "
			    "--text-stdin"));
		return CLI_USAGE;
	} else
		text = sysop_words(call, 1);
	rc = CLI_OK;
	if (support_team_reply(s->board, s->actor_id, id, text, &why) != 0)
		rc = sysop_refused(why);
	else
		(void)fprintf(s->out,
		    _("replied to question %lld; the member is notified\n"),
		    (long long)id);
	free(text);
	return rc;
}

static int
sysop_support_close(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (support_close(s->board, s->actor_id, id, &why) != 0)
		return sysop_refused(why);
	(void)fprintf(s->out, _("question %lld closed\n"), (long long)id);
	return CLI_OK;
}

static const struct cli_option sysop_support_list_options[] = {
	{ "--open", NULL, 0 },
	{ 0 },
};

static const struct cli_option sysop_support_reply_options[] = {
	{ "--text-stdin", NULL, 0 },
	{ 0 },
};

const struct cli_command sysop_support_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .options = sysop_support_list_options,
	    .summary = N_("members' questions (those waiting: --open)"),
	    .run = sysop_support_list,
	    .flags = CLI_JSON },
	{ .name = "show",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("a question and every reply"),
	    .run = sysop_support_show },
	{ .name = "reply",
	    .args = "ID [TEXT...]",
	    .min_args = 1,
	    .max_args = -1,
	    .options = sysop_support_reply_options,
	    .summary =
		N_("answer a question (the words, or standard input with "
		   "--text-stdin); the member is notified"),
	    .run = sysop_support_reply },
	{ .name = "close",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("close a question"),
	    .run = sysop_support_close },
	{ 0 },
};
