/*
 * sysop_audit: reading the audit log (audit), for the mentoring team:
 * who did what to whom and when, newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "sysop.h"
#include "util.h"

#define SYSOP_AUDIT_MAX 500 /* entries audit shows, newest */

/* --since YYYY-MM-DD (that day's start, UTC) or SECONDS (ago). */
static int
sysop_audit_since(const char *word, int64_t *since)
{
	long seconds = 0;

	*since = 0;
	if (word == NULL)
		return CLI_OK;
	if (parse_date(word, since) == 0)
		return CLI_OK;
	if (parse_long(word, 0, CLOCK_OFFSET_MAX, &seconds) == 0) {
		*since = clock_now() - seconds;
		return CLI_OK;
	}
	cli_error(_("--since takes a date (YYYY-MM-DD) or seconds ago"));
	return CLI_USAGE;
}

/* Who did it: a sysop's user name, or the host's operator. */
static const char *
sysop_audit_actor(const struct store_audit *a)
{
	if (a->actor[0] != '\0')
		return a->actor;
	if (a->actor_id != 0)
		return "?";
	/* Security events are the board's own findings. */
	return strncmp(a->action, "security-", 9) == 0 ? "board" : "operator";
}

/* audit [--since ...]: the newest SYSOP_AUDIT_MAX entries since. */
int
sysop_audit_log(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_audit *rows = NULL;
	char when[32], object[24];
	int64_t since = 0;
	struct json j;
	size_t n = 0, i;
	int rc;

	rc = sysop_audit_since(cli_value(call, "--since"), &since);
	if (rc != CLI_OK)
		return rc;
	if (store_audit_list(
		s->board->store, since, SYSOP_AUDIT_MAX, &rows, &n) != 0) {
		cli_error(_("cannot read the audit log"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
	} else
		(void)fprintf(s->out, "%-16s %-16s %-20s %-16s %-8s %s\n", "AT",
		    "ACTOR", "ACTION", "SUBJECT", "OBJECT", "DETAIL");
	for (i = 0; i < n; i++) {
		const struct store_audit *a = &rows[i];

		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", a->id),
				JSON_INT("at", a->at),
				JSON_STR("actor", sysop_audit_actor(a)),
				JSON_TIME("actor_id", a->actor_id),
				JSON_STR("action", a->action),
				JSON_STR("subject", a->subject),
				JSON_TIME("subject_id", a->subject_id),
				JSON_TIME("object", a->object_id),
				JSON_STR("detail", a->detail),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		sysop_time(a->at, when, sizeof(when));
		(void)snprintf(
		    object, sizeof(object), "%lld", (long long)a->object_id);
		(void)fprintf(s->out, "%-16s %-16s %-20s %-16s %-8s %s\n", when,
		    sysop_audit_actor(a), a->action,
		    a->subject[0] != '\0' ? a->subject : "-",
		    a->object_id != 0 ? object : "-", a->detail);
	}
	store_audit_rows_free(rows, n);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)fprintf(s->out, "%s\n",
		    since != 0 ? _("nothing in the audit log since then") :
				 _("nothing in the audit log"));
	return CLI_OK;
}

const struct cli_option sysop_audit_options[] = {
	{ "--since", "YYYY-MM-DD|SECONDS", CLI_VALUE },
	{ 0 },
};
