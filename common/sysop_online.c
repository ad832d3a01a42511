/*
 * sysop_online: who is connected (online), and ending a session with a
 * message (online kick), for the mentoring team.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "sysop.h"
#include "team.h"
#include "text.h"
#include "util.h"

/* Who a session is, for the team: the member's full name, or none. */
static void
sysop_online_name(const struct store_online *o, char *out, size_t size)
{
	if (o->user_id == 0)
		(void)snprintf(out, size, "%s",
		    strcmp(o->remote_addr, "local") == 0 ?
			"(the host, no account)" :
			"(a guest)");
	else
		(void)snprintf(out, size, "%s %s", o->first_name, o->last_name);
}

/* online: every session mentor runs, the most recently active first. */
int
sysop_online(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_online *rows = NULL;
	char name[2 * NAME_MAX_BYTES + 2], since[32], idle[32];
	int64_t now = clock_now();
	struct json j;
	size_t n = 0, i;

	if (store_session_online(s->board->store, 0, &rows, &n) != 0) {
		cli_error(_("cannot read the sessions"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
	} else
		(void)fprintf(s->out, "%-8s %-24s %-16s %-20s %-16s %s\n",
		    "SESSION", "NAME", "USERNAME", "FROM", "SINCE", "IDLE");
	for (i = 0; i < n; i++) {
		const struct store_online *o = &rows[i];

		sysop_online_name(o, name, sizeof(name));
		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("session", o->session_id),
				JSON_TIME("user_id", o->user_id),
				JSON_STR("username", o->username),
				JSON_STR("name", name),
				JSON_STR("from", o->remote_addr),
				JSON_INT("since", o->started_at),
				JSON_INT("active_at", o->active_at),
				JSON_INT("idle_seconds",
				    now > o->active_at ? now - o->active_at :
							 0),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		sysop_time(o->started_at, since, sizeof(since));
		sysop_duration(now - o->active_at, idle, sizeof(idle));
		(void)fprintf(s->out, "%-8lld %-24s %-16s %-20s %-16s %s\n",
		    (long long)o->session_id, name,
		    o->username[0] != '\0' ? o->username : "-", o->remote_addr,
		    since, idle);
	}
	free(rows);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)fprintf(s->out, _("nobody is connected\n"));
	return CLI_OK;
}

/* online kick SESSION_ID TEXT...: the session ends, showing TEXT. */
static int
sysop_online_kick(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	char *text = NULL;
	int64_t id = 0, user_id = 0;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	text = sysop_words(call, 1);
	rc = team_kick(s->board, id, text, &user_id, &why);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : mb_strerror(rc));
		free(text);
		return CLI_FAIL;
	}
	sysop_audit(s, "online-kick", user_id, id, text);
	(void)fprintf(s->out, _("session %lld ends now\n"), (long long)id);
	free(text);
	return CLI_OK;
}

const struct cli_command sysop_online_subs[] = {
	{ .name = "kick",
	    .args = "SESSION_ID TEXT...",
	    .min_args = 2,
	    .max_args = -1,
	    .summary = N_("end a session at once, showing TEXT"),
	    .run = sysop_online_kick },
	{ 0 },
};
