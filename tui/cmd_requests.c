/*
 * cmd_requests: mentoring requests and mentorships as commands: `requests`
 * (both sides), `requests show ID`, `send`, `accept`, `decline`,
 * `withdraw`, and `mentorships`.  The rules are common/request.c's.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "eligibility.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "profile.h"
#include "request.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "util.h"

void
cmd_party_name(
    const char *first, const char *last, int64_t id, char *out, size_t size)
{
	if (id == 0 || text_display_name(first, last, out, size) != 0)
		(void)snprintf(out, size, "%s", _("a former member"));
}

/* The id a word names ("12" or "#12"); CLI_USAGE (said) if none. */
int
cmd_id(const char *word, int64_t *id)
{
	long n = 0;
	int rc;

	rc =
	    cli_number("ID", word[0] == '#' ? word + 1 : word, 1, LONG_MAX, &n);
	*id = n;
	return rc;
}

/* Whether the viewer is the mentor of m: "mentor", else "mentee". */
static const char *
requests_role(const struct app *app, const struct store_mentorship *m)
{
	return m->mentor_id == app->viewer.user_id ? "mentor" : "mentee";
}

/* The keys every object of a request or mentorship has. */
static void
requests_json_fields(
    struct json *j, const struct app *app, const struct store_mentorship *m)
{
	char mentor[DISPLAY_NAME_MAX], mentee[DISPLAY_NAME_MAX];

	cmd_party_name(m->mentor_first, m->mentor_last, m->mentor_id, mentor,
	    sizeof(mentor));
	cmd_party_name(m->mentee_first, m->mentee_last, m->mentee_id, mentee,
	    sizeof(mentee));
	{
		const struct json_field f[] = {
			JSON_INT("id", m->id),
			JSON_STR("state", store_mship_state_word(m->state)),
			JSON_STR("area", m->area),
			JSON_STR("mentor", mentor),
			JSON_INT("mentor_id", m->mentor_id),
			JSON_STR("mentee", mentee),
			JSON_INT("mentee_id", m->mentee_id),
			JSON_STR("role", requests_role(app, m)),
			JSON_INT("sent_at", m->sent_at),
			JSON_TIME("decided_at", m->decided_at),
			JSON_TIME("official_since", m->official_since),
		};
		json_fields(j, f, nitems(f));
	}
}

/* One line of a list: "#12 open  Career entry  from Anna K.  2026-11-30". */
static void
requests_print(const struct app *app, const struct store_mentorship *m)
{
	char other[DISPLAY_NAME_MAX], date[32];
	int mentor = m->mentor_id == app->viewer.user_id;

	if (mentor)
		cmd_party_name(m->mentee_first, m->mentee_last, m->mentee_id,
		    other, sizeof(other));
	else
		cmd_party_name(m->mentor_first, m->mentor_last, m->mentor_id,
		    other, sizeof(other));
	cmd_date(m->sent_at, date, sizeof(date));
	(void)printf("#%-5lld %-10s %s %s  %s  %s\n", (long long)m->id,
	    _(store_mship_state_word(m->state)), mentor ? _("from") : _("to"),
	    other, m->area, date);
}

/* Every request and mentorship, or (mentorships_only) the mentorships. */
static int
requests_list(struct app *app, const struct cli_call *call, int mentorships)
{
	struct store_mentorship *rows = NULL;
	struct json j;
	size_t n = 0, i, shown = 0;
	int show;

	if (request_list(&app->board, &app->viewer, &rows, &n) != 0) {
		cli_error(_("your requests cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	}
	for (i = 0; i < n; i++) {
		show = !mentorships || rows[i].state == STORE_MSHIP_CONNECTED ||
		    rows[i].state == STORE_MSHIP_OFFICIAL ||
		    rows[i].state == STORE_MSHIP_ENDED;
		if (!show)
			continue;
		shown++;
		if (!call->json) {
			requests_print(app, &rows[i]);
			continue;
		}
		json_object_begin(&j);
		requests_json_fields(&j, app, &rows[i]);
		if (mentorships) {
			char other[DISPLAY_NAME_MAX];
			int mentor = rows[i].mentor_id == app->viewer.user_id;

			if (mentor)
				cmd_party_name(rows[i].mentee_first,
				    rows[i].mentee_last, rows[i].mentee_id,
				    other, sizeof(other));
			else
				cmd_party_name(rows[i].mentor_first,
				    rows[i].mentor_last, rows[i].mentor_id,
				    other, sizeof(other));
			json_key(&j, "other");
			json_string(&j, other);
		}
		json_object_end(&j);
	}
	store_mentorship_rows_free(rows, n);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (shown == 0)
		(void)printf("%s\n",
		    mentorships ? _("No mentorships yet.") :
				  _("No requests yet."));
	return CLI_OK;
}

static int
requests_list_run(void *ctx, const struct cli_call *call)
{
	return requests_list(ctx, call, 0);
}

static int
mentorships_run(void *ctx, const struct cli_call *call)
{
	return requests_list(ctx, call, 1);
}

/* The sftp command that fetches the CV of request id as the viewer. */
void
cmd_request_cv_command(
    const struct app *app, int64_t id, char *out, size_t size)
{
	int port = config_public_port(&app->cfg);
	char p[16] = "";

	if (port != 22)
		(void)snprintf(p, sizeof(p), "-P %d ", port);
	(void)snprintf(out, size, "sftp %s%s@%s:requests/%lld/cv.jpg", p,
	    app->viewer.username,
	    app->cfg.public_host[0] != '\0' ? app->cfg.public_host :
					      "localhost",
	    (long long)id);
}

static int
requests_show_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_mentorship m;
	struct store_application a;
	struct store_cv_info cv;
	struct store_item *fields = NULL;
	char cmd[512], list[1024] = "";
	size_t nfields = 0, i;
	int64_t id, mentee;
	int has_cv = 0, have_app = 0, s, rc;
	struct json j;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (request_get(&app->board, &app->viewer, id, &m) != 0) {
		cli_error(_("there is no such request of yours"));
		return CLI_FAIL;
	}
	mentee = m.mentee_id;
	/* The mentor sees the application (recorded); the mentee sees the
	 * same, their own: what the mentor sees. */
	if (m.mentor_id == app->viewer.user_id)
		have_app = request_application(&app->board, &app->viewer, id,
			       &a, &cv, &has_cv) == 0;
	else if (mentee == app->viewer.user_id) {
		have_app = store_application_get(app->store, mentee, &a) == 0;
		has_cv = store_cv_info(app->store, mentee, &cv) == 0;
	}
	if (mentee != 0 &&
	    store_user_fields(app->store, mentee, &fields, &nfields) != 0)
		nfields = 0;
	for (i = 0; i < nfields; i++)
		(void)snprintf(list + strlen(list), sizeof(list) - strlen(list),
		    "%s%s", i > 0 ? ", " : "", fields[i].name);
	cmd_request_cv_command(app, id, cmd, sizeof(cmd));
	if (call->json) {
		const struct json_field f[] = {
			JSON_STR("message", m.message),
			JSON_STR("reply", m.reply),
			JSON_STR("decline_reason",
			    m.decline_reason[0] != '\0' ? m.decline_reason :
							  NULL),
			JSON_STR("mentee_fields_of_study", list),
		};
		json_init(&j, stdout);
		json_object_begin(&j);
		requests_json_fields(&j, app, &m);
		json_fields(&j, f, nitems(f));
		json_key(&j, "sections");
		if (have_app) {
			json_object_begin(&j);
			for (s = 0; s < STORE_NSECTIONS; s++) {
				json_key(&j,
				    profile_section_word(
					(enum store_section)s));
				json_string(&j, a.text[s]);
			}
			json_object_end(&j);
		} else
			json_null(&j);
		json_key(&j, "cv");
		if (has_cv && have_app) {
			const struct json_field c[] = {
				JSON_INT("bytes", cv.bytes),
				JSON_INT("width", cv.width),
				JSON_INT("height", cv.height),
				JSON_STR("fetch",
				    m.mentor_id == app->viewer.user_id ? cmd :
									 NULL),
			};
			json_object(&j, c, nitems(c));
		} else
			json_null(&j);
		json_object_end(&j);
		rc = json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	} else {
		requests_print(app, &m);
		(void)printf("%s: %s\n", _("fields of study"), list);
		(void)printf("\n%s\n%s\n", _("Message:"), m.message);
		if (m.reply[0] != '\0')
			(void)printf("\n%s\n%s\n", _("Answer:"), m.reply);
		for (s = 0; have_app && s < STORE_NSECTIONS; s++)
			(void)printf("\n== %s\n%s\n",
			    _(profile_section_title((enum store_section)s)),
			    a.text[s]);
		if (has_cv && have_app)
			(void)printf(_("\nCV: %lld bytes, %dx%d pixels%s%s\n"),
			    (long long)cv.bytes, cv.width, cv.height,
			    m.mentor_id == app->viewer.user_id ? ": " : "",
			    m.mentor_id == app->viewer.user_id ? cmd : "");
		rc = CLI_OK;
	}
	if (have_app)
		store_application_free(&a);
	free(fields);
	store_mentorship_free(&m);
	return rc;
}

/* Read the optional message on stdin for send, accept, decline. */
static int
requests_message(const struct cli_call *call, char **text)
{
	int rc;

	*text = NULL;
	if (!cli_flag(call, "--message-stdin"))
		return CLI_OK;
	rc = cli_read_stdin(REQUEST_MESSAGE_MAX * 4, text);
	if (rc != 0) {
		cmd_stdin_refused(rc, REQUEST_MESSAGE_MAX);
		return CLI_FAIL;
	}
	return CLI_OK;
}

static int
requests_send_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct eligibility missing;
	struct store_item area;
	const char *why = NULL;
	char *message = NULL;
	int64_t mentor = 0, id = 0;
	int r, rc;

	rc = cmd_id(call->argv[0], &mentor);
	if (rc != CLI_OK)
		return rc;
	if (store_list_find(app->store, STORE_LIST_AREAS,
		cli_value(call, "--area"), &area) != 0) {
		cli_error(
		    _("no area of help \"%s\""), cli_value(call, "--area"));
		return CLI_FAIL;
	}
	rc = requests_message(call, &message);
	if (rc != CLI_OK)
		return rc;
	rc = request_send(&app->board, &app->viewer, mentor, area.id,
	    message != NULL ? message : "", &id, &missing, &why);
	free(message);
	if (rc == MB_ERR_DENIED) {
		for (r = 0; r < ELIGIBILITY_NREASONS; r++) {
			if (eligibility_missing(&missing, r)) {
				cli_error("%s %s", _(eligibility_text(r)),
				    _(eligibility_fix(r)));
				break;
			}
		}
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Request #%lld sent; you hear as soon as the mentor "
		       "answers.\n"),
	    (long long)id);
	return CLI_OK;
}

/* The request of the first word, checked; CLI_OK or a status. */
static int
requests_target(const struct cli_call *call, int64_t *id)
{
	return cmd_id(call->argv[0], id);
}

static int
requests_accept_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	char *message = NULL;
	int64_t id = 0;
	int rc;

	rc = requests_target(call, &id);
	if (rc == CLI_OK)
		rc = requests_message(call, &message);
	if (rc != CLI_OK)
		return rc;
	rc = request_accept(&app->board, &app->viewer, id, message, &why);
	free(message);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(
	    _("Accepted: #%lld is a mentorship now.\n"), (long long)id);
	return CLI_OK;
}

static int
requests_decline_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	enum request_reason reason;
	const char *why = NULL;
	char *message = NULL;
	int64_t id = 0;
	int r, rc;

	if (request_reason_parse(cli_value(call, "--reason"), &reason) != 0) {
		cli_error(_("--reason takes one of:"));
		for (r = 0; r < REQUEST_NREASONS; r++)
			(void)fprintf(stderr, "  %s  (%s)\n",
			    request_reason_word(r), _(request_reason_text(r)));
		return CLI_USAGE;
	}
	rc = requests_target(call, &id);
	if (rc == CLI_OK)
		rc = requests_message(call, &message);
	if (rc != CLI_OK)
		return rc;
	rc = request_decline(
	    &app->board, &app->viewer, id, reason, message, &why);
	free(message);
	if (rc != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(
	    _("Declined #%lld; the mentee is told why.\n"), (long long)id);
	return CLI_OK;
}

static int
requests_withdraw_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = requests_target(call, &id);
	if (rc != CLI_OK)
		return rc;
	if (request_withdraw(&app->board, &app->viewer, id, &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("Withdrawn: #%lld.\n"), (long long)id);
	return CLI_OK;
}

static const struct cli_option requests_send_options[] = {
	{ "--area", "AREA", CLI_VALUE | CLI_REQUIRED },
	{ "--message-stdin", NULL, 0 },
	{ 0 },
};

static const struct cli_option requests_message_options[] = {
	{ "--message-stdin", NULL, 0 },
	{ 0 },
};

static const struct cli_option requests_decline_options[] = {
	{ "--reason", "no-time|not-my-area|not-a-fit|other",
	    CLI_VALUE | CLI_REQUIRED },
	{ "--message-stdin", NULL, 0 },
	{ 0 },
};

static const struct cli_command requests_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("your requests, sent and received"),
	    .run = requests_list_run,
	    .flags = CLI_JSON },
	{ .name = "show",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("one request: the message, and for its mentor the "
			  "application and CV"),
	    .run = requests_show_run,
	    .flags = CLI_JSON,
	    .screen = &scr_request,
	    .screen_args = 1 },
	{ .name = "send",
	    .args = "MENTOR_ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = requests_send_options,
	    .summary = N_("ask a mentor for mentoring (the #ID of a search "
			  "result)"),
	    .run = requests_send_run },
	{ .name = "accept",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = requests_message_options,
	    .summary = N_("accept a request: a mentorship begins"),
	    .run = requests_accept_run },
	{ .name = "decline",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = requests_decline_options,
	    .summary = N_("decline a request, with a reason"),
	    .run = requests_decline_run },
	{ .name = "withdraw",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("withdraw a request of yours"),
	    .run = requests_withdraw_run },
	{ 0 },
};

const struct cli_command cmd_requests_rows[] = {
	{ .name = "requests",
	    .max_args = 0,
	    .summary = N_("mentoring requests, sent and received"),
	    .run = requests_list_run,
	    .subs = requests_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_requests },
	{ .name = "mentorships",
	    .max_args = 0,
	    .summary = N_("your mentorships, as mentor and as mentee"),
	    .run = mentorships_run,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON },
	{ 0 },
};
