/*
 * sysop_mentorships: requests and mentorships for the mentoring team:
 * `mentorships list [--state S]` (open requests oldest first, with the
 * reminders sent), `mentorships show ID` (with the feedback given at the
 * end), `mentorships end ID REASON...`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "ending.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "sysop.h"
#include "text.h"
#include "util.h"

#define SYSOP_MENTORSHIPS_MAX 1000 /* rows a list shows */
#define SYSOP_SECONDS_PER_DAY (24 * 3600)

/* "Anna K." for someone of a mentorship, or "-" once erased. */
static void
sysop_party(
    const char *first, const char *last, int64_t id, char *out, size_t size)
{
	if (id == 0 || text_display_name(first, last, out, size) != 0)
		(void)snprintf(out, size, "-");
}

static void
sysop_mentorship_json(struct json *j, const struct store_mentorship *m)
{
	char mentor[DISPLAY_NAME_MAX], mentee[DISPLAY_NAME_MAX];

	sysop_party(m->mentor_first, m->mentor_last, m->mentor_id, mentor,
	    sizeof(mentor));
	sysop_party(m->mentee_first, m->mentee_last, m->mentee_id, mentee,
	    sizeof(mentee));
	{
		const struct json_field f[] = {
			JSON_INT("id", m->id),
			JSON_STR("state", store_mship_state_word(m->state)),
			JSON_STR("area", m->area),
			JSON_INT("mentor_id", m->mentor_id),
			JSON_STR("mentor", mentor),
			JSON_INT("mentee_id", m->mentee_id),
			JSON_STR("mentee", mentee),
			JSON_INT("sent_at", m->sent_at),
			JSON_TIME("decided_at", m->decided_at),
			JSON_TIME("official_since", m->official_since),
			JSON_TIME("ended_at", m->ended_at),
			JSON_INT("reminders", m->reminders),
		};
		json_fields(j, f, nitems(f));
	}
}

static int
sysop_mentorships_list(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *state = cli_value(call, "--state");
	struct store_mentorship *rows = NULL;
	char mentor[DISPLAY_NAME_MAX], mentee[DISPLAY_NAME_MAX], sent[16];
	int64_t now = clock_now();
	struct json j;
	size_t n = 0, i;

	if (store_mentorship_all(
		s->board->store, state, SYSOP_MENTORSHIPS_MAX, &rows, &n) != 0)
		return sysop_refused(NULL);
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
	} else
		(void)fprintf(s->out, "%-6s %-10s %-16s %-16s %-18s %-10s %s\n",
		    "ID", "STATE", "MENTOR", "MENTEE", "AREA", "SENT",
		    "AGE/REMINDERS");
	for (i = 0; i < n; i++) {
		const struct store_mentorship *m = &rows[i];

		if (call->json) {
			json_object_begin(&j);
			sysop_mentorship_json(&j, m);
			json_object_end(&j);
			continue;
		}
		sysop_party(m->mentor_first, m->mentor_last, m->mentor_id,
		    mentor, sizeof(mentor));
		sysop_party(m->mentee_first, m->mentee_last, m->mentee_id,
		    mentee, sizeof(mentee));
		sysop_date(m->sent_at, sent, sizeof(sent));
		(void)fprintf(s->out, "%-6lld %-10s %-16s %-16s %-18s %-10s",
		    (long long)m->id, store_mship_state_word(m->state), mentor,
		    mentee, m->area, sent);
		if (m->state == STORE_MSHIP_OPEN)
			(void)fprintf(s->out, _(" %lld days, %d reminders"),
			    (long long)((now - m->sent_at) /
				SYSOP_SECONDS_PER_DAY),
			    m->reminders);
		(void)fputc('\n', s->out);
	}
	store_mentorship_rows_free(rows, n);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	return CLI_OK;
}

static int
sysop_mentorships_show(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_mentorship m;
	struct store_feedback *fb = NULL;
	struct json j;
	size_t n = 0, i;
	int64_t id;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (store_mentorship_get(s->board->store, id, &m) != 0)
		return sysop_refused(
		    _("there is no such request or mentorship"));
	if (store_feedback_list(s->board->store, id, &fb, &n) != 0)
		n = 0;
	if (call->json) {
		json_init(&j, s->out);
		json_object_begin(&j);
		sysop_mentorship_json(&j, &m);
		json_key(&j, "feedback");
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_STR("role", fb[i].role),
				JSON_STR("text", fb[i].body),
				JSON_INT("at", fb[i].at),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		json_object_end(&j);
		rc = json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	} else {
		(void)fprintf(s->out,
		    _("#%lld %s, %s\nmentor: user %lld\nmentee: user %lld\n"
		      "message: %s\nreply: %s\n"),
		    (long long)m.id, store_mship_state_word(m.state), m.area,
		    (long long)m.mentor_id, (long long)m.mentee_id, m.message,
		    m.reply);
		for (i = 0; i < n; i++)
			(void)fprintf(s->out, _("feedback of the %s: %s\n"),
			    fb[i].role, fb[i].body);
		rc = CLI_OK;
	}
	store_feedback_rows_free(fb, n);
	store_mentorship_free(&m);
	if (rc == CLI_OK)
		sysop_audit(s, "read-mentorship", 0, id, "");
	return rc;
}

static int
sysop_mentorships_end(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	char *reason = NULL;
	int64_t id;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	reason = sysop_words(call, 1);
	rc = mentorship_end_by_team(s->board, s->actor_id, id, reason, &why);
	free(reason);
	if (rc != 0)
		return sysop_refused(why);
	sysop_log(s, "end-mentorship", 0, id);
	(void)fprintf(
	    s->out, _("ended mentorship %lld; both are told\n"), (long long)id);
	return CLI_OK;
}

static const struct cli_option sysop_mentorships_list_options[] = {
	{ "--state", "open|connected|official|ended|declined|withdrawn|expired",
	    CLI_VALUE },
	{ 0 },
};

const struct cli_command sysop_mentorship_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .options = sysop_mentorships_list_options,
	    .summary = N_("requests and mentorships, oldest first"),
	    .run = sysop_mentorships_list,
	    .flags = CLI_JSON },
	{ .name = "show",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("one, with the feedback given at its end"),
	    .run = sysop_mentorships_show,
	    .flags = CLI_JSON },
	{ .name = "end",
	    .args = "ID REASON...",
	    .min_args = 2,
	    .max_args = -1,
	    .summary = N_("end a mentorship; both are told the reason"),
	    .run = sysop_mentorships_end },
	{ 0 },
};
