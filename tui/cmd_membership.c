/*
 * cmd_membership: `membership` (where one stands, and what is missing
 * before one may write to a mentor), `membership request` and
 * `membership redeem CODE`: the command forms of the "Career Mentoring
 * Program" screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eligibility.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "membership.h"
#include "mentor.h"
#include "screens.h"
#include "util.h"

/* A date in the reader's terms: "2026-12-01". */
void
cmd_date(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d", &tm) == 0)
		(void)snprintf(out, size, "?");
}

/* Where the viewer stands, in a sentence. */
void
cmd_membership_line(const struct membership_view *v, char *out, size_t size)
{
	char date[32];

	switch (v->status) {
	case MEMBERSHIP_NONE:
		(void)snprintf(out, size, "%s",
		    _("Not a member of the alumni community."));
		break;
	case MEMBERSHIP_REQUESTED:
		cmd_date(v->approved ? v->decided_at : v->requested_at, date,
		    sizeof(date));
		(void)snprintf(out, size,
		    v->approved ? _("Your request was approved on %s: the "
				    "access code is in your mail.") :
				  _("Request sent on %s; the mentoring team "
				    "answers by mail."),
		    date);
		break;
	case MEMBERSHIP_DECLINED:
		(void)snprintf(out, size,
		    _("Your request was declined: %s (you may ask again)."),
		    v->reason);
		break;
	case MEMBERSHIP_MEMBER:
		cmd_date(v->member_since, date, sizeof(date));
		(void)snprintf(out, size,
		    _("Member of the alumni community since %s."), date);
		break;
	}
}

static int
membership_show_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct membership_view v;
	struct eligibility e;
	char line[MEMBERSHIP_REASON_MAX * 4 + 128];
	struct json j;
	int r;

	if (membership_get(&app->board, app->viewer.user_id, &v) != 0 ||
	    eligibility_check(&app->board, &app->viewer, 0, &e) != 0) {
		cli_error(_("your membership cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		const struct json_field f[] = {
			JSON_STR("status", membership_status_word(v.status)),
			JSON_TIME("member_since", v.member_since),
			JSON_TIME("requested_at", v.requested_at),
			JSON_TIME("decided_at", v.decided_at),
			JSON_BOOL("approved", v.approved),
			JSON_STR("reason",
			    v.status == MEMBERSHIP_DECLINED ? v.reason : NULL),
			JSON_BOOL("can_write_to_mentors", e.missing == 0),
		};
		json_init(&j, stdout);
		json_object_begin(&j);
		json_fields(&j, f, nitems(f));
		json_key(&j, "missing");
		json_array_begin(&j);
		for (r = 0; r < ELIGIBILITY_NREASONS; r++) {
			if (eligibility_missing(&e, r))
				json_string(&j, eligibility_word(r));
		}
		json_array_end(&j);
		json_object_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	cmd_membership_line(&v, line, sizeof(line));
	(void)printf("%s\n", line);
	if (e.missing == 0) {
		(void)printf("%s\n", _("You may write to mentors."));
		return CLI_OK;
	}
	(void)printf("%s\n", _("Before you can write to a mentor:"));
	for (r = 0; r < ELIGIBILITY_NREASONS; r++) {
		if (eligibility_missing(&e, r))
			(void)printf("  - %s %s\n", _(eligibility_text(r)),
			    _(eligibility_fix(r)));
	}
	return CLI_OK;
}

static int
membership_request_run(void *ctx, const struct cli_call *call)
{
	static const char *const names[MEMBERSHIP_NFIELDS] = { "--programme",
		"--graduation-year", "message", "--join-community" };
	struct app *app = ctx;
	struct membership_form f;
	struct membership_errors e;
	const char *why = NULL;
	char *message = NULL;
	int i, rc;

	memset(&f, 0, sizeof(f));
	f.programme = cli_value(call, "--programme");
	f.graduation_year = cli_value(call, "--graduation-year");
	f.join = cli_flag(call, "--join-community");
	f.already_member = cli_flag(call, "--already-member");
	if (membership_relation_parse(
		cli_value(call, "--relation"), &f.relation) != 0) {
		cli_error(_("--relation takes student, graduate, staff or "
			    "other"));
		return CLI_USAGE;
	}
	if (cli_flag(call, "--message-stdin")) {
		rc = cli_read_stdin(MEMBERSHIP_MESSAGE_MAX * 4, &message);
		if (rc != 0) {
			cmd_stdin_refused(rc, MEMBERSHIP_MESSAGE_MAX);
			return CLI_FAIL;
		}
	}
	f.message = message != NULL ? message : "";
	rc = membership_request(&app->board, app->viewer.user_id, &f, &e, &why);
	free(message);
	if (rc == MB_ERR_INVALID) {
		for (i = 0; i < MEMBERSHIP_NFIELDS; i++) {
			if (e.why[i] != NULL) {
				cli_error("%s %s", names[i], e.why[i]);
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
	(void)printf("%s\n",
	    _("Your request is with the mentoring team; the access code "
	      "comes by mail."));
	return CLI_OK;
}

static int
membership_redeem_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;

	if (membership_redeem(&app->board, app->viewer.user_id,
		app->viewer.remote_addr, call->argv[0], &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n",
	    _("Welcome to the alumni community! You may write to mentors "
	      "once your application is complete."));
	return CLI_OK;
}

static const struct cli_option membership_request_options[] = {
	{ "--programme", "P", CLI_VALUE | CLI_REQUIRED },
	{ "--graduation-year", "Y", CLI_VALUE | CLI_REQUIRED },
	{ "--relation", "student|graduate|staff|other",
	    CLI_VALUE | CLI_REQUIRED },
	{ "--join-community", NULL, 0 },
	{ "--already-member", NULL, 0 },
	{ "--message-stdin", NULL, 0 },
	{ 0 },
};

static const struct cli_command membership_subs[] = {
	{ .name = "show",
	    .max_args = 0,
	    .summary = N_("where you stand in the alumni community"),
	    .run = membership_show_run,
	    .flags = CLI_JSON },
	{ .name = "request",
	    .max_args = 0,
	    .options = membership_request_options,
	    .summary = N_("ask to join the alumni community (or, a member "
			  "already, for your access code)"),
	    .run = membership_request_run },
	{ .name = "redeem",
	    .args = "CODE",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("enter your access code"),
	    .run = membership_redeem_run },
	{ 0 },
};

const struct cli_command cmd_membership_rows[] = {
	{ .name = "membership",
	    .max_args = 0,
	    .summary = N_("the alumni community: where you stand, what is "
			  "missing before you can write to a mentor"),
	    .run = membership_show_run,
	    .subs = membership_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_membership },
	{ 0 },
};
