/* sysop: the mentoring team's rows, and what they share. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "i18n.h"
#include "log.h"
#include "notify.h"
#include "retention.h"
#include "store.h"
#include "sysop.h"
#include "sysop_backup.h"
#include "util.h"

void
sysop_audit(const struct sysop *s, const char *action, int64_t subject_id,
    int64_t object_id, const char *detail)
{
	if (store_audit_add(s->board->store, s->actor_id, action, subject_id,
		object_id, detail != NULL ? detail : "") != 0)
		log_error("audit: %s on user %lld not recorded", action,
		    (long long)subject_id);
}

void
sysop_date(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d", &tm) == 0)
		(void)snprintf(out, size, "-");
}

int
sysop_id(const char *word, int64_t *id)
{
	long n = 0;
	int rc;

	rc =
	    cli_number("ID", word[0] == '#' ? word + 1 : word, 1, LONG_MAX, &n);
	*id = n;
	return rc;
}

char *
sysop_words(const struct cli_call *call, int first)
{
	size_t len = 1;
	char *text = NULL;
	int i;

	for (i = first; i < call->argc; i++)
		len += strlen(call->argv[i]) + 1;
	text = xcalloc(1, len);
	for (i = first; i < call->argc; i++) {
		if (i > first)
			(void)strcat(text, " ");
		(void)strcat(text, call->argv[i]);
	}
	return text;
}

int
sysop_is(const struct cli_call *call, const char *name)
{
	const char *p = call->path;
	size_t n = strlen(name);

	/* "areas add", or under mentor's admin "admin areas add". */
	if (strncmp(p, "admin ", 6) == 0)
		p += 6;
	return strncmp(p, name, n) == 0 && (p[n] == ' ' || p[n] == '\0');
}

int
sysop_refused(const char *why)
{
	cli_error("%s", why != NULL ? why : _("please try again"));
	return CLI_FAIL;
}

/* ---- notifications --------------------------------------------------------- */

int
sysop_notify(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	char *text = sysop_words(call, 1);
	int rc;

	rc = notify_message(s->board, call->argv[0], text, &why);
	free(text);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_audit(s, "notify", 0, 0, call->argv[0]);
	(void)fprintf(s->out, _("told %s\n"), call->argv[0]);
	return CLI_OK;
}

int
sysop_announce(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	char *text = sysop_words(call, 0);
	int64_t count = 0;
	int rc;

	rc = notify_announce(s->board, text, &count, &why);
	free(text);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_audit(s, "announce", 0, 0, "");
	(void)fprintf(
	    s->out, _("announced to %lld members\n"), (long long)count);
	return CLI_OK;
}

static int
sysop_processing_record(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;

	(void)call;
	retention_record(s->board, s->out);
	return CLI_OK;
}

/* ---- the rows ------------------------------------------------------------ */

const struct cli_command sysop_rows[] = {
	{ .name = "user", .summary = N_("members"), .subs = sysop_user_subs },
	{ .name = "areas",
	    .summary = N_("the areas of help"),
	    .subs = sysop_list_subs },
	{ .name = "fields",
	    .summary = N_("the fields of study"),
	    .subs = sysop_list_subs },
	{ .name = "membership",
	    .summary = N_("the alumni community's membership requests"),
	    .subs = sysop_membership_subs },
	{ .name = "codes",
	    .summary = N_("access codes to the alumni community"),
	    .subs = sysop_codes_subs },
	{ .name = "mentorships",
	    .summary = N_("requests and mentorships"),
	    .subs = sysop_mentorship_subs },
	{ .name = "processing-record",
	    .max_args = 0,
	    .summary = N_("what the board keeps, why and how long"),
	    .run = sysop_processing_record },
	{ .name = "support",
	    .summary = N_("members' questions to the mentoring team"),
	    .subs = sysop_support_subs },
	{ .name = "reports",
	    .summary = N_("members' reports of a person or a chat line"),
	    .subs = sysop_reports_subs },
	{ .name = "notify",
	    .args = "USERNAME TEXT...",
	    .min_args = 2,
	    .max_args = -1,
	    .summary = N_("a notification from the mentoring team to a member"),
	    .run = sysop_notify },
	{ .name = "announce",
	    .args = "TEXT...",
	    .min_args = 1,
	    .max_args = -1,
	    .summary =
		N_("a notification to every member: live to those online"),
	    .run = sysop_announce },
	{ .name = "backup",
	    .args = "[FILE]",
	    .max_args = 1,
	    .summary =
		N_("a checked copy of the database, made while the board "
		   "runs, into the state directory's backups/ (a FILE "
		   "only on the host)"),
	    .run = sysop_backup_run,
	    .flags = CLI_JSON },
	{ 0 },
};
