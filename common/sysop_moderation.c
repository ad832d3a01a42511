/*
 * sysop_moderation: bans (user ban, user unban, user bans) and members'
 * reports (reports list, show, warn, ban, dismiss) for the mentoring
 * team.  The rules are common/moderation.c's and common/report.c's, which
 * write each decision with its audit row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "chat.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "moderation.h"
#include "report.h"
#include "store.h"
#include "sysop.h"
#include "text.h"
#include "util.h"

#define SYSOP_REPORT_REASON_COLS 19 /* of a reason in the list */

/* "tom (Tom Trainee, #5)" */
#define SYSOP_MEMBER_WORDS (USERNAME_MAX + 2 * NAME_MAX_BYTES + 32)

/* A member as the team sees them: "tom (Tom Trainee, #5)". */
static void
sysop_member_words(int64_t id, const char *username, const char *first,
    const char *last, char *out, size_t size)
{
	if (id == 0)
		(void)snprintf(out, size, "%s", _("(a former member)"));
	else
		(void)snprintf(out, size, "%s (%s %s, #%lld)", username, first,
		    last, (long long)id);
}

/* ---- Bans ----------------------------------------------------------------- */

/* user ban ID --reason TEXT...: the words after the id belong to it. */
int
sysop_user_ban(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_user u;
	const char *why = NULL;
	char *words = sysop_words(call, 1), *reason = NULL;
	int rc;

	reason = xasprintf("%s%s%s", cli_value(call, "--reason"),
	    words[0] != '\0' ? " " : "", words);
	free(words);
	rc = sysop_member(s, call->argv[0], &u);
	if (rc == CLI_OK &&
	    moderation_ban(s->board, s->actor_id, u.id, reason, &why) != 0)
		rc = sysop_refused(why);
	if (rc == CLI_OK)
		(void)fprintf(s->out,
		    _("banned %s: their sessions end now, and they are told by "
		      "mail\n"),
		    u.username);
	free(reason);
	return rc;
}

/* user unban ID. */
int
sysop_user_unban(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_user u;
	const char *why = NULL;
	int rc;

	rc = sysop_member(s, call->argv[0], &u);
	if (rc == CLI_OK &&
	    moderation_unban(s->board, s->actor_id, u.id, &why) != 0)
		rc = sysop_refused(why);
	if (rc == CLI_OK)
		(void)fprintf(s->out, _("%s may log in again\n"), u.username);
	return rc;
}

/* user bans: who is banned, since when, why. */
int
sysop_user_bans(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_user *rows = NULL;
	char since[16];
	struct json j;
	size_t n = 0, i;

	if (moderation_bans(s->board, &rows, &n) != 0)
		return sysop_refused(NULL);
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_INT("id", rows[i].id),
				JSON_STR("username", rows[i].username),
				JSON_INT("banned_at", rows[i].banned_at),
				JSON_STR("reason", rows[i].ban_reason),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(rows);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)fprintf(s->out, _("nobody is banned\n"));
	else
		(void)fprintf(s->out, "%-6s %-20s %-10s %s\n", "ID", "USERNAME",
		    "SINCE", "REASON");
	for (i = 0; i < n; i++) {
		sysop_date(rows[i].banned_at, since, sizeof(since));
		(void)fprintf(s->out, "%-6lld %-20s %-10s %s\n",
		    (long long)rows[i].id, rows[i].username, since,
		    rows[i].ban_reason);
	}
	free(rows);
	return CLI_OK;
}

/* ---- Reports -------------------------------------------------------------- */

/* The first line of text, sanitised and cut to cols columns, for a list
 * that fits a console's 80 columns. */
void
sysop_preview(const char *text, int cols, char *out, size_t size)
{
	char *line = xstrndup(text, strcspn(text, "\n"));
	size_t fit;

	text_sanitize_line(line, out, size);
	free(line);
	fit = text_fit(out, cols, NULL);
	out[fit] = '\0';
}

static int
sysop_reports_list(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_report *rows = NULL;
	char when[16], reason[256], line[24];
	struct json j;
	size_t n = 0, i;

	if (report_list(s->board, cli_flag(call, "--open"), &rows, &n) != 0)
		return sysop_refused(NULL);
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct store_report *r = &rows[i];
			const struct json_field f[] = {
				JSON_INT("id", r->id),
				JSON_STR(
				    "state", store_report_state_word(r->state)),
				JSON_INT("reporter_id", r->reporter_id),
				JSON_STR("reporter", r->reporter_username),
				JSON_INT("subject_id", r->subject_id),
				JSON_STR("subject", r->subject_username),
				JSON_INT("chat_line", r->chat_line_id),
				JSON_STR("reason", r->reason),
				JSON_INT("created_at", r->created_at),
				JSON_TIME("decided_at", r->decided_at),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		store_report_rows_free(rows, n);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)fputs(cli_flag(call, "--open") ? _("no open reports\n") :
						       _("no reports\n"),
		    s->out);
	else
		(void)fprintf(s->out, "%-4s %-9s %-10s %-12s %-12s %-6s %s\n",
		    "ID", "STATE", "FILED", "ABOUT", "BY", "LINE", "REASON");
	for (i = 0; i < n; i++) {
		const struct store_report *r = &rows[i];

		sysop_date(r->created_at, when, sizeof(when));
		sysop_preview(r->reason, SYSOP_REPORT_REASON_COLS, reason,
		    sizeof(reason));
		if (r->chat_line_id != 0)
			(void)snprintf(line, sizeof(line), "#%lld",
			    (long long)r->chat_line_id);
		else
			(void)snprintf(line, sizeof(line), "-");
		(void)fprintf(s->out, "%-4lld %-9s %-10s %-12s %-12s %-6s %s\n",
		    (long long)r->id, store_report_state_word(r->state), when,
		    r->subject_id != 0 ? r->subject_username : "-",
		    r->reporter_id != 0 ? r->reporter_username : "-", line,
		    reason);
	}
	store_report_rows_free(rows, n);
	return CLI_OK;
}

/* The lines around the reported one, the reported one marked. */
static void
sysop_report_context(struct sysop *s, const struct store_report *r,
    const struct store_chat_line *lines, size_t n)
{
	char when[32], from[DISPLAY_NAME_MAX], *clean = NULL;
	size_t i;

	(void)fprintf(s->out,
	    _("The line in chat #%lld, with the lines around "
	      "it:\n"),
	    (long long)r->mentorship_id);
	for (i = 0; i < n; i++) {
		chat_format_time(
		    lines[i].at, "UTC", "%Y-%m-%d %H:%M", when, sizeof(when));
		if (lines[i].author_id == 0 ||
		    text_display_name(lines[i].author_first,
			lines[i].author_last, from, sizeof(from)) != 0)
			(void)snprintf(
			    from, sizeof(from), "%s", _("a former member"));
		/* Members wrote these: what would act on a terminal shows. */
		clean = text_sanitize(
		    lines[i].body, strlen(lines[i].body), TEXT_KEEP_NEWLINES);
		(void)fprintf(s->out, _("%s #%lld %s UTC %s%s: %s\n"),
		    lines[i].id == r->chat_line_id ? ">" : " ",
		    (long long)lines[i].id, when, from,
		    lines[i].meeting ? " (meeting)" : "",
		    clean != NULL ? clean : "");
		free(clean);
	}
	if (n == 0)
		(void)fprintf(s->out, _("  (the line is gone)\n"));
}

static int
sysop_reports_show(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_chat_line *lines = NULL;
	struct store_report r;
	char who[SYSOP_MEMBER_WORDS], by[SYSOP_MEMBER_WORDS], when[16];
	char decided[16], *clean = NULL;
	int64_t id = 0;
	size_t n = 0;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	rc = report_get(s->board, s->actor_id, id, &r, &lines, &n);
	if (rc == MB_ERR_NOTFOUND)
		return sysop_refused(_("there is no such report"));
	if (rc != 0)
		return sysop_refused(NULL);
	sysop_member_words(r.subject_id, r.subject_username, r.subject_first,
	    r.subject_last, who, sizeof(who));
	sysop_member_words(r.reporter_id, r.reporter_username, r.reporter_first,
	    r.reporter_last, by, sizeof(by));
	sysop_date(r.created_at, when, sizeof(when));
	sysop_date(r.decided_at, decided, sizeof(decided));
	clean = text_sanitize(r.reason, strlen(r.reason), TEXT_KEEP_NEWLINES);
	(void)fprintf(s->out,
	    _("Report #%lld, %s, filed %s%s%s\n"
	      "About:  %s\n"
	      "By:     %s (never shown to the person reported)\n"
	      "Reason: %s\n"),
	    (long long)r.id, store_report_state_word(r.state), when,
	    r.decided_at != 0 ? ", decided " : "",
	    r.decided_at != 0 ? decided : "", who, by,
	    clean != NULL ? clean : "");
	free(clean);
	if (r.chat_line_id != 0)
		sysop_report_context(s, &r, lines, n);
	else
		(void)fprintf(s->out,
		    _("A report of the person, not of a "
		      "line.\n"));
	store_chat_lines_free(lines, n);
	store_report_free(&r);
	return CLI_OK;
}

/* reports warn|ban ID TEXT...: a decision with words. */
static int
sysop_reports_decide(struct sysop *s, const struct cli_call *call,
    int (*decide)(
	struct board *, int64_t, int64_t, const char *, const char **),
    const char *done)
{
	const char *why = NULL;
	char *text = NULL;
	int64_t id = 0;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	text = sysop_words(call, 1);
	if (decide(s->board, s->actor_id, id, text, &why) != 0)
		rc = sysop_refused(why);
	else
		(void)fprintf(
		    s->out, _("report %lld: %s\n"), (long long)id, done);
	free(text);
	return rc;
}

static int
sysop_reports_warn(void *ctx, const struct cli_call *call)
{
	return sysop_reports_decide(ctx, call, report_warn,
	    _("the person is warned (they are not told by whom it was "
	      "reported)"));
}

static int
sysop_reports_ban(void *ctx, const struct cli_call *call)
{
	return sysop_reports_decide(ctx, call, report_ban,
	    _("the person is banned: their sessions end now, and they are "
	      "told by mail"));
}

static int
sysop_reports_dismiss(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (report_dismiss(s->board, s->actor_id, id, &why) != 0)
		return sysop_refused(why);
	(void)fprintf(s->out, _("report %lld dismissed\n"), (long long)id);
	return CLI_OK;
}

static const struct cli_option sysop_reports_list_options[] = {
	{ "--open", NULL, 0 },
	{ 0 },
};

const struct cli_command sysop_reports_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .options = sysop_reports_list_options,
	    .summary = N_("members' reports (the open ones), oldest first"),
	    .run = sysop_reports_list,
	    .flags = CLI_JSON },
	{ .name = "show",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary =
		N_("a report: who, why, the reported line in its context"),
	    .run = sysop_reports_show },
	{ .name = "warn",
	    .args = "ID TEXT...",
	    .min_args = 2,
	    .max_args = -1,
	    .summary =
		N_("warn the person reported: TEXT is their notification"),
	    .run = sysop_reports_warn },
	{ .name = "ban",
	    .args = "ID TEXT...",
	    .min_args = 2,
	    .max_args = -1,
	    .summary = N_("ban the person reported, TEXT the reason they see"),
	    .run = sysop_reports_ban },
	{ .name = "dismiss",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("close a report without doing anything"),
	    .run = sysop_reports_dismiss },
	{ 0 },
};

const struct cli_option sysop_user_ban_options[] = {
	{ "--reason", "TEXT...", CLI_VALUE | CLI_REQUIRED },
	{ 0 },
};
