/* sysop_stats: the board in numbers (stats), for the mentoring team. */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "json.h"
#include "stats.h"
#include "sysop.h"
#include "util.h"

/* A series as JSON: "key": [n, ...]. */
static void
sysop_stats_series(
    struct json *j, const char *key, const int64_t *values, size_t n)
{
	size_t i;

	json_key(j, key);
	json_array_begin(j);
	for (i = 0; i < n; i++)
		json_int(j, values[i]);
	json_array_end(j);
}

/* A series as text: its numbers and a line of bars. */
static void
sysop_stats_line(
    FILE *fp, const char *label, int64_t from, const int64_t *values, size_t n)
{
	char chart[1][STATS_CHART_ROW_MAX], date[16];
	size_t i;

	sysop_date(from, date, sizeof(date));
	stats_chart(values, n, 1, 1, 0, 0, chart);
	(void)fprintf(fp, _("%s from %s: %s (max %lld)\n "), label, date,
	    chart[0], (long long)stats_max(values, n));
	for (i = 0; i < n; i++)
		(void)fprintf(fp, " %lld", (long long)values[i]);
	(void)fprintf(fp, "\n");
}

/* stats: members, requests, mentorships, who is online, and the series. */
int
sysop_stats(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct stats st;
	char oldest[32];
	struct json j;

	if (stats_collect(s->board, clock_now(), &st) != 0) {
		cli_error(_("cannot count just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		const struct json_field f[] = {
			JSON_INT("members", st.n.members),
			JSON_INT("verified", st.n.verified),
			JSON_INT("mentors", st.n.mentors),
			JSON_INT("mentees", st.n.mentees),
			JSON_INT("community", st.n.community),
			JSON_INT("sysops", st.n.sysops),
			JSON_INT("demo", st.n.demo),
			JSON_INT("open_requests", st.n.open_requests),
			JSON_TIME("oldest_open_request_at", st.n.oldest_open),
			JSON_INT("connected", st.n.connected),
			JSON_INT("official", st.n.official),
			JSON_INT("ended_this_year", st.n.ended_since),
			JSON_INT("online_sessions", st.n.online_sessions),
			JSON_INT("online_members", st.n.online_members),
			JSON_INT("weeks_from", st.week_start),
			JSON_INT("days_from", st.day_start),
		};
		json_init(&j, s->out);
		json_object_begin(&j);
		json_fields(&j, f, nitems(f));
		sysop_stats_series(
		    &j, "new_members_per_week", st.new_members, STATS_WEEKS);
		sysop_stats_series(
		    &j, "requests_per_week", st.requests, STATS_WEEKS);
		sysop_stats_series(&j, "logins_per_day", st.logins, STATS_DAYS);
		json_object_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	/* TRANSLATORS: the labels of these lines are padded to one column,
	 * 17 characters wide. */
	(void)fprintf(s->out,
	    _("members          %lld (%lld confirmed; %lld mentors, %lld "
	      "mentees; %lld in the alumni community; %lld sysops)\n"),
	    (long long)st.n.members, (long long)st.n.verified,
	    (long long)st.n.mentors, (long long)st.n.mentees,
	    (long long)st.n.community, (long long)st.n.sysops);
	if (st.n.demo > 0)
		(void)fprintf(
		    s->out, _("demo members     %lld\n"), (long long)st.n.demo);
	if (st.n.open_requests > 0)
		sysop_duration(
		    st.now - st.n.oldest_open, oldest, sizeof(oldest));
	if (st.n.open_requests > 0)
		(void)fprintf(s->out,
		    _("open requests    %lld (the oldest %s old)\n"),
		    (long long)st.n.open_requests, oldest);
	else
		(void)fprintf(s->out, _("open requests    %lld\n"),
		    (long long)st.n.open_requests);
	(void)fprintf(s->out,
	    _("mentorships      %lld connected, %lld official; %lld ended "
	      "this year\n"),
	    (long long)st.n.connected, (long long)st.n.official,
	    (long long)st.n.ended_since);
	(void)fprintf(s->out,
	    _("online now       %lld sessions, %lld members\n"),
	    (long long)st.n.online_sessions, (long long)st.n.online_members);
	sysop_stats_line(s->out, _("new members a week"), st.week_start,
	    st.new_members, STATS_WEEKS);
	sysop_stats_line(s->out, _("requests a week"), st.week_start,
	    st.requests, STATS_WEEKS);
	sysop_stats_line(
	    s->out, _("logins a day"), st.day_start, st.logins, STATS_DAYS);
	return CLI_OK;
}
