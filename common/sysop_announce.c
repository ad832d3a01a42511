/*
 * sysop_announce: the mentoring team's announcements (announce,
 * announcements, announcements remove), through common/announce.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announce.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "sysop.h"
#include "util.h"

/* The date an announcement is shown through: the day before until. */
static void
sysop_announce_last_day(int64_t until, char *out, size_t size)
{
	sysop_date(until - 1, out, size);
}

/*
 * announce TEXT... [--until YYYY-MM-DD]: shown at login until the end of
 * that day (a week without it), and a notification to every member now.
 */
int
sysop_announce(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	char *text = NULL, last[16];
	int64_t until = 0, id = 0, count = 0;
	int rc;

	rc = announce_until(
	    cli_value(call, "--until"), clock_now(), &until, &why);
	if (rc != 0) {
		cli_error("--until: %s", why);
		return CLI_USAGE;
	}
	text = sysop_words(call, 0);
	rc =
	    announce_add(s->board, s->actor_id, text, until, &id, &count, &why);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : mb_strerror(rc));
		free(text);
		return CLI_FAIL;
	}
	sysop_audit(s, "announce", 0, id, text);
	free(text);
	sysop_announce_last_day(until, last, sizeof(last));
	(void)fprintf(s->out,
	    _("announced to %lld members (announcement %lld, shown at login "
	      "through %s)\n"),
	    (long long)count, (long long)id, last);
	return CLI_OK;
}

/* announcements: every one, newest first, shown now or not. */
int
sysop_announcements(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_announcement *rows = NULL;
	char created[16], last[16];
	int64_t now = clock_now();
	struct json j;
	size_t n = 0, i;

	if (announce_list(s->board, 1, &rows, &n) != 0) {
		cli_error(_("cannot read the announcements"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
	} else
		(void)fprintf(s->out, "%-6s %-10s %-10s %-8s %-16s %s\n", "ID",
		    "MADE", "THROUGH", "SHOWN", "BY", "TEXT");
	for (i = 0; i < n; i++) {
		const struct store_announcement *a = &rows[i];
		const char *by = a->author[0] != '\0' ? a->author : "operator";

		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", a->id),
				JSON_INT("created_at", a->created_at),
				JSON_INT("until", a->until),
				JSON_BOOL("shown", a->until > now),
				JSON_STR("by", by),
				JSON_STR("text", a->body),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		sysop_date(a->created_at, created, sizeof(created));
		sysop_announce_last_day(a->until, last, sizeof(last));
		(void)fprintf(s->out, "%-6lld %-10s %-10s %-8s %-16s %s\n",
		    (long long)a->id, created, last,
		    a->until > now ? "yes" : "no", by, a->body);
	}
	store_announcement_rows_free(rows, n);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)fprintf(s->out, _("no announcements\n"));
	return CLI_OK;
}

/* announcements remove ID: off every home screen at once. */
static int
sysop_announcements_remove(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	rc = announce_remove(s->board, id, &why);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : mb_strerror(rc));
		return CLI_FAIL;
	}
	sysop_audit(s, "announcement-remove", 0, id, "");
	(void)fprintf(s->out, _("removed announcement %lld\n"), (long long)id);
	return CLI_OK;
}

const struct cli_option sysop_announce_options[] = {
	{ "--until", "YYYY-MM-DD", CLI_VALUE },
	{ 0 },
};

const struct cli_command sysop_announcements_subs[] = {
	{ .name = "remove",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("take an announcement off every home screen"),
	    .run = sysop_announcements_remove },
	{ 0 },
};
