/*
 * cmd_agreement: the mentoring agreement as commands (`agreement show`,
 * `set`, `submit`, `approve`, `request-changes`, `history`, `diff`),
 * `mentorship end`, and `certificate` with `certificate verify`.  The
 * rules are common/agreement.c's and common/ending.c's.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "agreement.h"
#include "ending.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "request.h"
#include "screens.h"
#include "util.h"

/* Colours of a diff on a terminal (ECMA-48 SGR). */
#define DIFF_SGR_ADD "\033[32m"
#define DIFF_SGR_DEL "\033[31m"
#define DIFF_SGR_HUNK "\033[36m"
#define DIFF_SGR_OFF "\033[0m"

/* The agreement of the first word's mentorship; CLI_OK or a status. */
static int
agreement_open(
    struct app *app, const struct cli_call *call, struct agreement_view *v)
{
	int64_t id = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (agreement_view(&app->board, &app->viewer, id, v) != 0) {
		cli_error(
		    _("there is no mentorship #%lld of yours"), (long long)id);
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* A refused change: why, or a general word. */
static int
agreement_refused(const char *why)
{
	cli_error("%s", why != NULL ? why : _("please try again later"));
	return CLI_FAIL;
}

/* The sections of t as a JSON object keyed by their words. */
static void
agreement_json_sections(struct json *j, const struct store_agreement_text *t)
{
	int s;

	json_object_begin(j);
	for (s = 0; s < STORE_AGREEMENT_NSECTIONS; s++) {
		json_key(j, agreement_section_word(s));
		json_string(j, t->section[s]);
	}
	json_object_end(j);
}

/*
 * Which text `agreement show` shows: version --version N; else the one in
 * force; else the newest; else the mentee's draft.
 */
static int
agreement_shown(const struct cli_call *call, const struct agreement_view *v,
    const struct store_agreement_version **shown)
{
	const char *word = cli_value(call, "--version");
	long n = 0;
	int rc;

	*shown = NULL;
	if (word != NULL) {
		rc = cli_number("--version", word, 1, INT_MAX, &n);
		if (rc != CLI_OK)
			return rc;
		*shown = agreement_version(v, (int)n);
		if (*shown == NULL) {
			cli_error(_("there is no version %ld"), n);
			return CLI_FAIL;
		}
		return CLI_OK;
	}
	*shown =
	    agreement_version(v, v->in_force != 0 ? v->in_force : v->latest);
	return CLI_OK;
}

static int
agreement_show_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const struct store_agreement_version *shown = NULL;
	const struct store_agreement_text *text = NULL;
	struct agreement_view v;
	char mentor[DISPLAY_NAME_MAX], mentee[DISPLAY_NAME_MAX], *out = NULL;
	struct json j;
	size_t i;
	int rc;

	rc = agreement_open(app, call, &v);
	if (rc != CLI_OK)
		return rc;
	rc = agreement_shown(call, &v, &shown);
	if (rc != CLI_OK) {
		agreement_view_free(&v);
		return rc;
	}
	text = shown != NULL ? &shown->text : &v.draft;
	cmd_party_name(v.m.mentor_first, v.m.mentor_last, v.m.mentor_id, mentor,
	    sizeof(mentor));
	cmd_party_name(v.m.mentee_first, v.m.mentee_last, v.m.mentee_id, mentee,
	    sizeof(mentee));
	if (call->json) {
		const struct json_field f[] = {
			JSON_INT("id", v.m.id),
			JSON_STR("state", agreement_state_word(v.state)),
			JSON_STR("mentorship_state",
			    store_mship_state_word(v.m.state)),
			JSON_TIME("official_since", v.m.official_since),
			JSON_STR("mentor", mentor),
			JSON_STR("mentee", mentee),
			JSON_STR("area", v.m.area),
			JSON_STR(
			    "sha256", shown != NULL ? shown->sha256 : NULL),
		};
		json_init(&j, stdout);
		json_object_begin(&j);
		json_fields(&j, f, nitems(f));
		json_key(&j, "in_force");
		if (v.in_force != 0)
			json_int(&j, v.in_force);
		else
			json_null(&j);
		json_key(&j, "latest");
		if (v.latest != 0)
			json_int(&j, v.latest);
		else
			json_null(&j);
		json_key(&j, "version");
		if (shown != NULL)
			json_int(&j, shown->number);
		else
			json_null(&j);
		json_key(&j, "sections");
		agreement_json_sections(&j, text);
		json_key(&j, "draft");
		if (v.has_draft)
			agreement_json_sections(&j, &v.draft);
		else
			json_null(&j);
		json_key(&j, "comments");
		json_array_begin(&j);
		for (i = 0; i < v.ncomments; i++) {
			const struct json_field c[] = {
				JSON_INT("version", v.comments[i].version),
				JSON_STR("text", v.comments[i].body),
				JSON_INT("at", v.comments[i].at),
			};
			json_object(&j, c, nitems(c));
		}
		json_array_end(&j);
		json_object_end(&j);
		agreement_view_free(&v);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	(void)printf(_("Mentoring agreement #%lld: %s (mentor) and %s "
		       "(mentee), %s\n"),
	    (long long)v.m.id, mentor, mentee, v.m.area);
	(void)printf(_("State: %s.\n"), _(agreement_state_word(v.state)));
	if (v.in_force != 0)
		(void)printf(_("In force: version %d.\n"), v.in_force);
	if (v.latest != 0 && v.latest != v.in_force)
		(void)printf(_("Newest: version %d.\n"), v.latest);
	if (shown != NULL)
		(void)printf(_("Version %d (%s), SHA-256 %s:\n\n"),
		    shown->number, shown->state, shown->sha256);
	else
		(void)printf("%s\n\n",
		    v.has_draft ? _("Your draft, not submitted:") :
				  _("Nothing submitted yet."));
	out = agreement_render(text, 1);
	(void)fputs(out, stdout);
	free(out);
	for (i = 0; i < v.ncomments; i++)
		(void)printf(_("\nThe mentor on version %d: %s\n"),
		    v.comments[i].version, v.comments[i].body);
	agreement_view_free(&v);
	return CLI_OK;
}

/* `agreement ID`: its screen with a terminal, else show. */
static int
agreement_top_run(void *ctx, const struct cli_call *call)
{
	if (call->argc == 0) {
		cli_print_usage(stderr, call->top);
		return CLI_USAGE;
	}
	return agreement_show_run(ctx, call);
}

static int
agreement_edit_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	char ssh[512];

	(void)call;
	account_ssh_command(
	    &app->cfg, app->viewer.username, 1, ssh, sizeof(ssh));
	cli_error(_("the editor needs a terminal: %s agreement edit %s (or "
		    "agreement set ID SECTION with the text on standard "
		    "input)"),
	    ssh, call->argv[0]);
	return CLI_USAGE;
}

static int
agreement_set_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	enum store_agreement_section section;
	const char *why = NULL;
	char *text = NULL;
	int64_t id = 0;
	int rc, s;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (agreement_section_parse(call->argv[1], &section) != 0) {
		cli_error(
		    _("no section \"%s\"; the sections are:"), call->argv[1]);
		for (s = 0; s < STORE_AGREEMENT_NSECTIONS; s++)
			(void)fprintf(stderr, "  %-16s %s\n",
			    agreement_section_word(s),
			    _(agreement_section_title(s)));
		return CLI_USAGE;
	}
	rc = cli_read_stdin((size_t)AGREEMENT_SECTION_MAX * 4, &text);
	if (rc != 0) {
		cmd_stdin_refused(rc, AGREEMENT_SECTION_MAX);
		return CLI_FAIL;
	}
	rc = agreement_set(&app->board, &app->viewer, id, section, text, &why);
	free(text);
	if (rc != 0)
		return agreement_refused(why);
	(void)printf(_("Saved in your draft; submit it when it is ready: "
		       "agreement submit %lld\n"),
	    (long long)id);
	return CLI_OK;
}

static int
agreement_submit_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	int64_t id = 0;
	int rc, number = 0;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (agreement_submit(&app->board, &app->viewer, id, &number, &why) != 0)
		return agreement_refused(why);
	(void)printf(
	    _("Version %d sent to your mentor for approval.\n"), number);
	return CLI_OK;
}

static int
agreement_approve_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *word = cli_value(call, "--version"), *why = NULL;
	int64_t id = 0;
	long number = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc == CLI_OK && word != NULL)
		rc = cli_number("--version", word, 1, INT_MAX, &number);
	if (rc != CLI_OK)
		return rc;
	if (agreement_approve(
		&app->board, &app->viewer, id, (int)number, &why) != 0)
		return agreement_refused(why);
	(void)printf("%s\n", _("Approved: this version is in force."));
	return CLI_OK;
}

static int
agreement_changes_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	char *comment = NULL;
	int64_t id = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	rc = cli_read_stdin((size_t)AGREEMENT_COMMENT_MAX * 4, &comment);
	if (rc != 0) {
		cmd_stdin_refused(rc, AGREEMENT_COMMENT_MAX);
		return CLI_FAIL;
	}
	rc = agreement_request_changes(
	    &app->board, &app->viewer, id, comment, &why);
	free(comment);
	if (rc != 0)
		return agreement_refused(why);
	(void)printf("%s\n", _("Sent: the mentee reads what you ask."));
	return CLI_OK;
}

static int
agreement_history_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct agreement_view v;
	char author[DISPLAY_NAME_MAX], date[32];
	struct json j;
	size_t i;
	int rc;

	rc = agreement_open(app, call, &v);
	if (rc != CLI_OK)
		return rc;
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	}
	for (i = 0; i < v.nversions; i++) {
		const struct store_agreement_version *r = &v.versions[i];

		/* Only the mentee writes versions. */
		cmd_party_name(v.m.mentee_first, v.m.mentee_last, r->author_id,
		    author, sizeof(author));
		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("version", r->number),
				JSON_STR("author", author),
				JSON_INT("submitted_at", r->submitted_at),
				JSON_STR("state", r->state),
				JSON_TIME("decided_at", r->decided_at),
				JSON_STR("sha256", r->sha256),
				JSON_BOOL("in_force", r->number == v.in_force),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		cmd_date(r->submitted_at, date, sizeof(date));
		(void)printf("%-4d %s  %-12s %-18s %.12s%s\n", r->number, date,
		    author, r->state, r->sha256,
		    r->number == v.in_force ? _("  (in force)") : "");
	}
	agreement_view_free(&v);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (i == 0)
		(void)printf("%s\n", _("No version submitted yet."));
	return CLI_OK;
}

/* Print a diff, coloured when standard output is a terminal that can. */
static void
agreement_print_diff(const char *diff)
{
	const char *term = getenv("TERM"), *p = diff, *eol = NULL;
	int colour =
	    isatty(STDOUT_FILENO) && term != NULL && strcmp(term, "dumb") != 0;
	const char *sgr = NULL;

	for (; *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p) - 1;
		sgr = !colour		     ? NULL :
		    strncmp(p, "@@", 2) == 0 ? DIFF_SGR_HUNK :
		    strncmp(p, "---", 3) == 0 || strncmp(p, "+++", 3) == 0 ?
					       NULL :
		    *p == '+' ? DIFF_SGR_ADD :
		    *p == '-' ? DIFF_SGR_DEL :
				NULL;
		(void)printf("%s%.*s%s\n", sgr != NULL ? sgr : "",
		    (int)(eol - p), p, sgr != NULL ? DIFF_SGR_OFF : "");
	}
}

static int
agreement_diff_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	char *diff = NULL;
	int64_t id = 0;
	long a = 0, b = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc == CLI_OK)
		rc = cli_number("A", call->argv[1], 1, INT_MAX, &a);
	if (rc == CLI_OK)
		rc = cli_number("B", call->argv[2], 1, INT_MAX, &b);
	if (rc != CLI_OK)
		return rc;
	if (agreement_diff(&app->board, &app->viewer, id, (int)a, (int)b, &diff,
		&why) != 0)
		return agreement_refused(why);
	if (diff[0] == '\0')
		(void)printf(_("Versions %ld and %ld are the same.\n"), a, b);
	else
		agreement_print_diff(diff);
	free(diff);
	return CLI_OK;
}

static int
mentorship_end_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	char *feedback = NULL;
	int64_t id = 0;
	int rc;

	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (cli_flag(call, "--feedback-stdin")) {
		rc = cli_read_stdin((size_t)ENDING_FEEDBACK_MAX * 4, &feedback);
		if (rc != 0) {
			cmd_stdin_refused(rc, ENDING_FEEDBACK_MAX);
			return CLI_FAIL;
		}
	}
	rc = mentorship_end(&app->board, &app->viewer, id, feedback, &why);
	free(feedback);
	if (rc != 0)
		return agreement_refused(why);
	(void)printf(_("The mentorship has ended; you both are told. Your "
		       "certificate, if it was official: certificate %lld\n"),
	    (long long)id);
	return CLI_OK;
}

static int
certificate_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_certificate c;
	char *text = NULL;
	int64_t id = 0;
	int rc;

	if (call->argc == 0) {
		cli_print_usage(stderr, call->top);
		return CLI_USAGE;
	}
	rc = cmd_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (certificate_get(&app->board, &app->viewer, id, &c) != 0) {
		cli_error(_("you have no certificate of mentorship #%lld (one "
			    "comes when an official mentorship ends)"),
		    (long long)id);
		return CLI_FAIL;
	}
	text = certificate_text(&app->board, &c);
	(void)fputs(text, stdout);
	free(text);
	return CLI_OK;
}

static int
certificate_verify_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_certificate c;
	char official[32], ended[32];

	if (certificate_verify(
		&app->board, call->argv[0], app->viewer.remote_addr, &c) != 0) {
		(void)printf(
		    "%s\n", _("Not genuine: no certificate has this code."));
		return CLI_FAIL;
	}
	cmd_date(c.official_since, official, sizeof(official));
	cmd_date(c.ended_at, ended, sizeof(ended));
	(void)printf(_("Genuine: the %s's certificate of a mentorship "
		       "between %s (mentor) and %s (mentee) in %s, official "
		       "from %s to %s.\n"),
	    strcmp(c.role, "mentor") == 0 ? _("mentor") : _("mentee"),
	    c.mentor_display, c.mentee_display, c.area, official, ended);
	return CLI_OK;
}

static const struct cli_option agreement_show_options[] = {
	{ "--version", "N", CLI_VALUE },
	{ 0 },
};

static const struct cli_option mentorship_end_options[] = {
	{ "--feedback-stdin", NULL, 0 },
	{ 0 },
};

static const struct cli_command agreement_subs[] = {
	{ .name = "show",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = agreement_show_options,
	    .summary = N_("the agreement in force (or --version N), its state "
			  "and the mentor's comments"),
	    .run = agreement_show_run,
	    .flags = CLI_JSON,
	    .screen = &scr_agreement,
	    .screen_args = 1 },
	{ .name = "edit",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("write the agreement, as the mentee (with ssh -t)"),
	    .run = agreement_edit_run,
	    .screen = &scr_agreement_edit,
	    .screen_args = 1 },
	{ .name = "set",
	    .args = "ID SECTION",
	    .min_args = 2,
	    .max_args = 2,
	    .summary = N_("save one section of your draft (text on standard "
			  "input)"),
	    .run = agreement_set_run },
	{ .name = "submit",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("send your draft to the mentor for approval"),
	    .run = agreement_submit_run },
	{ .name = "approve",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = agreement_show_options,
	    .summary = N_("approve the version waiting for you, as the mentor"),
	    .run = agreement_approve_run },
	{ .name = "request-changes",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("ask for changes, as the mentor (the comment on "
			  "standard input)"),
	    .run = agreement_changes_run },
	{ .name = "history",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("every version: who, when, its state and hash"),
	    .run = agreement_history_run,
	    .flags = CLI_JSON },
	{ .name = "diff",
	    .args = "ID A B",
	    .min_args = 3,
	    .max_args = 3,
	    .summary = N_("the lines that changed from version A to B"),
	    .run = agreement_diff_run },
	{ 0 },
};

static const struct cli_command mentorship_subs[] = {
	{ .name = "end",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = mentorship_end_options,
	    .summary = N_("end a mentorship (feedback for the mentoring team "
			  "on standard input)"),
	    .run = mentorship_end_run },
	{ 0 },
};

static const struct cli_command certificate_subs[] = {
	{ .name = "verify",
	    .args = "CODE",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("is a certificate genuine, and for whom"),
	    .run = certificate_verify_run },
	{ 0 },
};

const struct cli_command cmd_agreement_rows[] = {
	{ .name = "agreement",
	    .args = "ID",
	    .max_args = 1,
	    .summary = N_("the mentoring agreement of a mentorship"),
	    .run = agreement_top_run,
	    .subs = agreement_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_agreement,
	    .screen_args = 1 },
	{ .name = "mentorship",
	    .max_args = 0,
	    .summary = N_("end a mentorship"),
	    .subs = mentorship_subs,
	    .who = CLI_MEMBERS },
	{ .name = "certificate",
	    .args = "ID",
	    .max_args = 1,
	    .summary = N_("your certificate of an ended mentorship"),
	    .run = certificate_run,
	    .subs = certificate_subs,
	    .who = CLI_ANYONE },
	{ 0 },
};
