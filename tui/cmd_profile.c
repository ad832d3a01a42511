/*
 * cmd_profile: the command forms of the profile screens: roles, profile,
 * application, fields, cv; and a clear refusal for legacy scp.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "account.h"
#include "cv.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "util.h"

/* ---- roles --------------------------------------------------------------- */

/*
 * roles, roles list: every live area (and retired ones the member holds)
 * with the member's two roles.
 */
static int
roles_list_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_role_row *rows = NULL;
	struct json j;
	size_t n = 0, i;

	if (store_roles_get(app->store, app->viewer.user_id, &rows, &n) != 0) {
		cli_error(_("your roles cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_STR("area", rows[i].area),
				JSON_BOOL("mentor", rows[i].mentor),
				JSON_BOOL("mentee", rows[i].mentee),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(rows);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	for (i = 0; i < n; i++)
		(void)printf("%-40s %-7s %s\n", rows[i].area,
		    rows[i].mentor ? "mentor" : "-",
		    rows[i].mentee ? "mentee" : "-");
	free(rows);
	return CLI_OK;
}

/*
 * roles set AREA mentor|mentee on|off: the area by name, the change through
 * the rules.
 */
static int
roles_set_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *area = call->argv[0], *role = call->argv[1],
		   *state = call->argv[2], *why = NULL;
	struct store_item item;
	int rc;

	if ((strcmp(role, "mentor") != 0 && strcmp(role, "mentee") != 0) ||
	    (strcmp(state, "on") != 0 && strcmp(state, "off") != 0)) {
		cli_print_usage(stderr, call->top);
		return CLI_USAGE;
	}
	if (store_list_find(app->store, STORE_LIST_AREAS, area, &item) != 0) {
		cli_error(_("no area of help \"%s\" (see roles list)"), area);
		return CLI_FAIL;
	}
	rc = profile_role_set(&app->board, app->viewer.user_id, item.id,
	    strcmp(role, "mentor") == 0 ? STORE_ROLE_MENTOR : STORE_ROLE_MENTEE,
	    strcmp(state, "on") == 0, &why);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	(void)printf("%s: %s %s\n", item.name, role, state);
	return CLI_OK;
}

/* ---- profile ------------------------------------------------------------- */

/*
 * profile, profile show: the mentor profile on file (or the defaults) and
 * whether it is complete.
 */
static int
profile_show_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_mentor m;
	struct json j;

	if (store_mentor_get(app->store, app->viewer.user_id, &m) != 0) {
		cli_error(_("your profile cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		const struct json_field f[] = {
			JSON_STR("help_text", m.help_text),
			JSON_STR("industry", m.industry),
			JSON_STR("position", m.position),
			JSON_STR("languages", m.languages),
			JSON_INT("capacity", m.capacity),
			JSON_BOOL("available", m.available),
			JSON_BOOL("complete", profile_mentor_complete(&m)),
		};
		json_init(&j, stdout);
		json_object(&j, f, nitems(f));
		store_mentor_free(&m);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	(void)printf("%s: %s\n%s: %s\n%s: %s\n%s: %d\n%s: %s\n%s: %s\n\n%s\n",
	    _("industry"), m.industry, _("position"), m.position,
	    _("languages"), m.languages, _("mentees at once"), m.capacity,
	    _("takes new requests"), m.available ? _("yes") : _("no"),
	    _("complete"), profile_mentor_complete(&m) ? _("yes") : _("no"),
	    m.help_text);
	store_mentor_free(&m);
	return CLI_OK;
}

/* Apply the options of "profile set" to m; CLI_OK or a status. */
static int
profile_set_apply(const struct cli_call *call, struct store_mentor *m)
{
	static const struct {
		const char *option;
		size_t offset;
	} texts[] = {
		{ "--industry", offsetof(struct store_mentor, industry) },
		{ "--position", offsetof(struct store_mentor, position) },
		{ "--languages", offsetof(struct store_mentor, languages) },
	};
	const char *value = NULL;
	char **slot = NULL, *text = NULL;
	long n = -1;
	size_t i;
	int rc;

	for (i = 0; i < nitems(texts); i++) {
		if ((value = cli_value(call, texts[i].option)) == NULL)
			continue;
		slot = (char **)((char *)m + texts[i].offset);
		free(*slot);
		*slot = xstrdup(value);
	}
	if ((value = cli_value(call, "--capacity")) != NULL) {
		/* Out of range: the profile rule says what is. */
		(void)parse_long(value, 0, INT_MAX, &n);
		m->capacity = (int)n;
	}
	if ((value = cli_value(call, "--available")) != NULL) {
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
			cli_error(_("--available takes yes or no"));
			return CLI_USAGE;
		}
		m->available = strcmp(value, "yes") == 0;
	}
	if (cli_flag(call, "--help-text-stdin")) {
		rc = cli_read_stdin(HELP_TEXT_MAX * 4, &text);
		if (rc != 0) {
			cmd_stdin_refused(rc, HELP_TEXT_MAX);
			return CLI_FAIL;
		}
		free(m->help_text);
		m->help_text = text;
	}
	return CLI_OK;
}

/*
 * profile set: the options given change the profile on file, and the rules
 * check the whole; only the first refused field is said.
 */
static int
profile_set_run(void *ctx, const struct cli_call *call)
{
	static const char *const names[PROFILE_NFIELDS] = { "help text",
		"--industry", "--position", "--languages", "--capacity" };
	struct app *app = ctx;
	struct profile_errors e;
	struct store_mentor m;
	int i, rc;

	if (store_mentor_get(app->store, app->viewer.user_id, &m) != 0) {
		cli_error(_("your profile cannot be read just now"));
		return CLI_FAIL;
	}
	rc = profile_set_apply(call, &m);
	if (rc == CLI_OK)
		rc = profile_mentor_save(
		    &app->board, app->viewer.user_id, &m, &e);
	else {
		store_mentor_free(&m);
		return rc;
	}
	store_mentor_free(&m);
	if (rc == MB_ERR_INVALID) {
		for (i = 0; i < PROFILE_NFIELDS; i++) {
			if (e.why[i] != NULL) {
				cli_error("%s %s", names[i], e.why[i]);
				break;
			}
		}
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_error(_("not saved; please try again"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", _("Saved."));
	return CLI_OK;
}

/* ---- application --------------------------------------------------------- */

/*
 * application, application show: the four sections, under their titles or
 * keyed by their words in JSON.
 */
static int
application_show_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_application a;
	struct json j;
	int i, rc = CLI_OK;

	if (store_application_get(app->store, app->viewer.user_id, &a) != 0) {
		cli_error(_("your application cannot be read now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_object_begin(&j);
		for (i = 0; i < STORE_NSECTIONS; i++) {
			json_key(
			    &j, profile_section_word((enum store_section)i));
			json_string(&j, a.text[i]);
		}
		json_object_end(&j);
		rc = json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	} else {
		for (i = 0; i < STORE_NSECTIONS; i++)
			(void)printf("== %s\n%s\n\n",
			    _(profile_section_title((enum store_section)i)),
			    a.text[i]);
	}
	store_application_free(&a);
	return rc;
}

/*
 * application set SECTION: the section's new text from stdin, through the
 * rules.
 */
static int
application_set_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	enum store_section section;
	const char *why = NULL;
	char *text = NULL;
	int rc;

	if (profile_section_parse(call->argv[0], &section) != 0) {
		cli_print_usage(stderr, call->top);
		return CLI_USAGE;
	}
	rc = cli_read_stdin(SECTION_MAX * 4, &text);
	if (rc != 0) {
		cmd_stdin_refused(rc, SECTION_MAX);
		return CLI_FAIL;
	}
	rc = profile_section_save(
	    &app->board, app->viewer.user_id, section, text, &why);
	free(text);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : _("not saved; try again"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", _("Saved."));
	return CLI_OK;
}

/* ---- fields -------------------------------------------------------------- */

/*
 * fields, fields list: the fields of study one can choose (not the member's
 * own).
 */
static int
fields_list_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_item *items = NULL;
	struct json j;
	size_t n = 0, i;

	if (store_list_get(app->store, STORE_LIST_FIELDS, 0, &items, &n) != 0) {
		cli_error(_("the fields of study cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++)
			json_string(&j, items[i].name);
		json_array_end(&j);
		free(items);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	for (i = 0; i < n; i++)
		(void)printf("%s\n", items[i].name);
	free(items);
	return CLI_OK;
}

/* fields set FIELD...: replace the member's fields, named as on the list. */
static int
fields_set_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_item item;
	int64_t ids[FIELDS_MAX];
	const char *why = NULL;
	int k;

	if (call->argc > FIELDS_MAX) {
		cli_error(_("at most %d fields of study"), FIELDS_MAX);
		return CLI_USAGE;
	}
	for (k = 0; k < call->argc; k++) {
		if (store_list_find(app->store, STORE_LIST_FIELDS,
			call->argv[k], &item) != 0) {
			cli_error(_("\"%s\" is not on the list (fields list)"),
			    call->argv[k]);
			return CLI_FAIL;
		}
		ids[k] = item.id;
	}
	if (profile_fields_save(&app->board, app->viewer.user_id, ids,
		(size_t)call->argc, &why) != 0) {
		cli_error("%s", why != NULL ? why : _("not saved; try again"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", _("Saved."));
	return CLI_OK;
}

/* ---- cv ------------------------------------------------------------------ */

/* cv, cv info: the CV on file, if any, and the scp command that uploads one. */
static int
cv_info_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_cv_info info;
	struct json j;
	char cmd[512];
	int rc;

	scr_cv_upload_command(app, cmd, sizeof(cmd));
	rc = store_cv_info(app->store, app->viewer.user_id, &info);
	if (rc != 0 && rc != MB_ERR_NOTFOUND) {
		cli_error(_("your CV cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		const struct json_field f[] = {
			JSON_BOOL("on_file", rc == 0),
			JSON_INT("bytes", rc == 0 ? info.bytes : 0),
			JSON_INT("width", rc == 0 ? info.width : 0),
			JSON_INT("height", rc == 0 ? info.height : 0),
			JSON_TIME(
			    "uploaded_at", rc == 0 ? info.uploaded_at : 0),
			JSON_STR("upload_command", cmd),
		};
		json_init(&j, stdout);
		json_object(&j, f, nitems(f));
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (rc == MB_ERR_NOTFOUND)
		(void)printf(_("No CV on file. Upload one with:\n  %s\n"), cmd);
	else
		(void)printf(_("CV on file: %lld bytes, %dx%d pixels. Replace "
			       "it with:\n  %s\n"),
		    (long long)info.bytes, info.width, info.height, cmd);
	return CLI_OK;
}

/* cv remove: through the rules; no CV on file is a failure. */
static int
cv_remove_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;

	(void)call;
	if (profile_cv_remove(&app->board, app->viewer.user_id, &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf("%s\n", _("Your CV is removed."));
	return CLI_OK;
}

/* Legacy scp (scp -O) asks to run "scp -t FILE" here. */
static int
scp_run(void *ctx, const struct cli_call *call)
{
	(void)ctx;
	(void)call;
	cli_error(_("this board takes files over SFTP only: use scp without "
		    "-O (scp my-cv.jpg USER@HOST:cv.jpg)"));
	return CLI_FAIL;
}

/* ---- the rows ------------------------------------------------------------ */

static const struct cli_command roles_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("your roles per area of help"),
	    .run = roles_list_run,
	    .flags = CLI_JSON },
	{ .name = "set",
	    .args = "AREA mentor|mentee on|off",
	    .min_args = 3,
	    .max_args = 3,
	    .summary = N_("take or give up a role in an area"),
	    .run = roles_set_run },
	{ 0 },
};

static const struct cli_option profile_set_options[] = {
	{ "--industry", "X", CLI_VALUE },
	{ "--position", "X", CLI_VALUE },
	{ "--languages", "X", CLI_VALUE },
	{ "--capacity", "N", CLI_VALUE },
	{ "--available", "yes|no", CLI_VALUE },
	{ "--help-text-stdin", NULL, 0 },
	{ 0 },
};

static const struct cli_command profile_subs[] = {
	{ .name = "show",
	    .max_args = 0,
	    .summary = N_("your mentor profile"),
	    .run = profile_show_run,
	    .flags = CLI_JSON },
	{ .name = "set",
	    .max_args = 0,
	    .options = profile_set_options,
	    .summary = N_("change your mentor profile"),
	    .run = profile_set_run },
	{ 0 },
};

static const struct cli_command application_subs[] = {
	{ .name = "show",
	    .max_args = 0,
	    .summary = N_("your application as a mentee"),
	    .run = application_show_run,
	    .flags = CLI_JSON },
	{ .name = "set",
	    .args = "my-data|situation|goals|help",
	    .min_args = 1,
	    .max_args = 1,
	    .input = "TEXT",
	    .summary = N_("write one section of your application"),
	    .run = application_set_run },
	{ 0 },
};

static const struct cli_command fields_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("the fields of study"),
	    .run = fields_list_run,
	    .flags = CLI_JSON },
	{ .name = "set",
	    .args = "FIELD...",
	    .min_args = 1,
	    .max_args = -1,
	    .summary = N_("choose your fields of study"),
	    .run = fields_set_run },
	{ 0 },
};

static const struct cli_command cv_subs[] = {
	{ .name = "info",
	    .max_args = 0,
	    .summary = N_("your CV on file"),
	    .run = cv_info_run,
	    .flags = CLI_JSON },
	{ .name = "remove",
	    .max_args = 0,
	    .summary = N_("remove your CV"),
	    .run = cv_remove_run },
	{ 0 },
};

const struct cli_command cmd_profile_rows[] = {
	{ .name = "roles",
	    .max_args = 0,
	    .summary = N_("your roles per area of help"),
	    .run = roles_list_run,
	    .subs = roles_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_roles },
	{ .name = "profile",
	    .max_args = 0,
	    .summary = N_("your mentor profile"),
	    .run = profile_show_run,
	    .subs = profile_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_profile },
	{ .name = "application",
	    .max_args = 0,
	    .summary = N_("your application as a mentee"),
	    .run = application_show_run,
	    .subs = application_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_application },
	{ .name = "fields",
	    .max_args = 0,
	    .summary = N_("the fields of study; set chooses yours"),
	    .run = fields_list_run,
	    .subs = fields_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_fields },
	{ .name = "cv",
	    .max_args = 0,
	    .summary = N_("your CV (upload it with scp to cv.jpg)"),
	    .run = cv_info_run,
	    .subs = cv_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_cv },
	{ .name = "scp",
	    .max_args = -1,
	    .summary = N_("legacy scp, refused"),
	    .run = scp_run,
	    .flags = CLI_HIDDEN },
	{ 0 },
};
