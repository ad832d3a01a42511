/* sysop: the mentoring team's rows, and what they share. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
sysop_log(const struct sysop *s, const char *action, int64_t subject_id,
    int64_t object_id)
{
	const char *source = s->source != NULL ? s->source : "local";

	if (s->actor_id == 0)
		log_info("%s: the host's operator (uid %ld): %s, user %lld, "
			 "object %lld",
		    source, (long)getuid(), action, (long long)subject_id,
		    (long long)object_id);
	else
		log_info("%s: sysop %s (user %lld): %s, user %lld, object %lld",
		    source, s->actor_name != NULL ? s->actor_name : "?",
		    (long long)s->actor_id, action, (long long)subject_id,
		    (long long)object_id);
}

void
sysop_audit(const struct sysop *s, const char *action, int64_t subject_id,
    int64_t object_id, const char *detail)
{
	if (store_audit_add(s->board->store, s->actor_id, action, subject_id,
		object_id, detail != NULL ? detail : "") != 0)
		log_error("audit: %s on user %lld not recorded", action,
		    (long long)subject_id);
	sysop_log(s, action, subject_id, object_id);
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

void
sysop_time(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d %H:%M", &tm) == 0)
		(void)snprintf(out, size, "-");
}

void
sysop_duration(int64_t seconds, char *out, size_t size)
{
	long long m, h;

	if (seconds < 0)
		seconds = 0;
	m = seconds / 60;
	h = m / 60;
	if (seconds < 60)
		(void)snprintf(out, size, _("%lld s"), (long long)seconds);
	else if (m < 60)
		(void)snprintf(out, size, _("%lld min"), m);
	else if (h < 48)
		(void)snprintf(out, size, _("%lld h %lld min"), h, m % 60);
	else
		(void)snprintf(out, size, _("%lld days"), h / 24);
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

int
sysop_member(const struct sysop *s, const char *word, struct store_user *u)
{
	long n = 0;
	int rc = MB_ERR_NOTFOUND;

	if (word[0] == '#') {
		if (sysop_id(word, &u->id) != CLI_OK)
			return CLI_FAIL;
		rc = store_user_get(s->board->store, u->id, u);
	} else {
		if (parse_long(word, 1, LONG_MAX, &n) == 0)
			rc = store_user_get(s->board->store, n, u);
		if (rc == MB_ERR_NOTFOUND)
			rc = store_user_find(s->board->store, word, u);
	}
	if (rc == MB_ERR_NOTFOUND) {
		cli_error(_("no member %s"), word);
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_error(_("cannot read the member: %s"), mb_strerror(rc));
		return CLI_FAIL;
	}
	return CLI_OK;
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
	{ .name = "stats",
	    .max_args = 0,
	    .summary =
		N_("the board in numbers: members, requests, mentorships, "
		   "who is online; new members, requests and logins over "
		   "time"),
	    .run = sysop_stats,
	    .flags = CLI_JSON },
	{ .name = "user", .summary = N_("members"), .subs = sysop_user_subs },
	{ .name = "online",
	    .max_args = 0,
	    .summary =
		N_("who is connected: name, from where, since when, idle"),
	    .run = sysop_online,
	    .subs = sysop_online_subs,
	    .flags = CLI_JSON },
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
	    .options = sysop_announce_options,
	    .summary = N_("shown to everyone at login until the date (a week), "
			  "live to those online"),
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
	{ .name = "announcements",
	    .max_args = 0,
	    .summary = N_("the announcements, newest first"),
	    .run = sysop_announcements,
	    .subs = sysop_announcements_subs,
	    .flags = CLI_JSON },
	{ .name = "audit",
	    .max_args = 0,
	    .options = sysop_audit_options,
	    .summary = N_("the audit log, newest first: who did what to whom"),
	    .run = sysop_audit_log,
	    .flags = CLI_JSON },
	{ 0 },
};
