/*
 * cmd_profile: the command forms of the profile screens: roles, profile,
 * application, fields, cv; and a clear refusal for legacy scp.
 */
#include <limits.h>
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

/* ---- roles ------------------------------------------------------------- */

static int
roles_run(struct app *app, int argc, char **argv)
{
	struct store_role_row *rows = NULL;
	enum store_role role;
	const char *why = NULL;
	struct json j;
	size_t n = 0, i;
	int json = cmd_take_flag(&argc, argv, "--json"), on, rc;

	rc = store_roles_get(app->store, app->viewer.user_id, &rows, &n);
	if (rc != 0) {
		cmd_error(_("your roles cannot be read just now"));
		return CMD_FAIL;
	}
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "list") == 0)) {
		if (json) {
			json_init(&j, stdout);
			json_array_begin(&j);
			for (i = 0; i < n; i++) {
				json_object_begin(&j);
				json_key(&j, "area");
				json_string(&j, rows[i].area);
				json_key(&j, "mentor");
				json_bool(&j, rows[i].mentor);
				json_key(&j, "mentee");
				json_bool(&j, rows[i].mentee);
				json_object_end(&j);
			}
			json_array_end(&j);
			free(rows);
			return json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
		}
		for (i = 0; i < n; i++)
			(void)printf("%-40s %-7s %s\n", rows[i].area,
			    rows[i].mentor ? "mentor" : "-",
			    rows[i].mentee ? "mentee" : "-");
		free(rows);
		return CMD_OK;
	}
	if (argc != 5 || strcmp(argv[1], "set") != 0 ||
	    (strcmp(argv[3], "mentor") != 0 &&
		strcmp(argv[3], "mentee") != 0) ||
	    (strcmp(argv[4], "on") != 0 && strcmp(argv[4], "off") != 0)) {
		free(rows);
		cmd_error(
		    _("usage: roles [list] | roles set AREA mentor|mentee "
		      "on|off"));
		return CMD_USAGE;
	}
	for (i = 0; i < n && strcasecmp(rows[i].area, argv[2]) != 0; i++)
		;
	if (i == n) {
		free(rows);
		cmd_error(
		    _("no area of help \"%s\" (see roles list)"), argv[2]);
		return CMD_FAIL;
	}
	role = strcmp(argv[3], "mentor") == 0 ? STORE_ROLE_MENTOR :
						STORE_ROLE_MENTEE;
	on = strcmp(argv[4], "on") == 0;
	rc = profile_role_set(
	    &app->board, app->viewer.user_id, rows[i].area_id, role, on, &why);
	if (rc == 0)
		(void)printf("%s: %s %s\n", rows[i].area, argv[3], argv[4]);
	else
		cmd_error("%s", why != NULL ? why : _("please try again"));
	free(rows);
	return rc == 0 ? CMD_OK : CMD_FAIL;
}

/* ---- profile ------------------------------------------------------------- */

static int
profile_show(struct app *app, int json)
{
	struct store_mentor m;
	struct json j;

	if (store_mentor_get(app->store, app->viewer.user_id, &m) != 0) {
		cmd_error(_("your profile cannot be read just now"));
		return CMD_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		json_object_begin(&j);
		json_key(&j, "help_text");
		json_string(&j, m.help_text);
		json_key(&j, "industry");
		json_string(&j, m.industry);
		json_key(&j, "position");
		json_string(&j, m.position);
		json_key(&j, "languages");
		json_string(&j, m.languages);
		json_key(&j, "capacity");
		json_int(&j, m.capacity);
		json_key(&j, "available");
		json_bool(&j, m.available);
		json_key(&j, "complete");
		json_bool(&j, profile_mentor_complete(&m));
		json_object_end(&j);
		store_mentor_free(&m);
		return json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
	}
	(void)printf("%s: %s\n%s: %s\n%s: %s\n%s: %d\n%s: %s\n%s: %s\n\n%s\n",
	    _("industry"), m.industry, _("position"), m.position,
	    _("languages"), m.languages, _("mentees at once"), m.capacity,
	    _("takes new requests"), m.available ? _("yes") : _("no"),
	    _("complete"), profile_mentor_complete(&m) ? _("yes") : _("no"),
	    m.help_text);
	store_mentor_free(&m);
	return CMD_OK;
}

static int
profile_run(struct app *app, int argc, char **argv)
{
	static const char *const names[PROFILE_NFIELDS] = { "help text",
		"--industry", "--position", "--languages", "--capacity" };
	struct profile_errors e;
	struct store_mentor m;
	char **slot = NULL;
	int json = cmd_take_flag(&argc, argv, "--json"), i, too_long, rc;

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "show") == 0))
		return profile_show(app, json);
	if (strcmp(argv[1], "set") != 0) {
		cmd_error(_("usage: profile [show [--json]] | profile set "
			    "[--industry X] [--position X] [--languages X] "
			    "[--capacity N] [--available yes|no] "
			    "[--help-text-stdin]"));
		return CMD_USAGE;
	}
	if (store_mentor_get(app->store, app->viewer.user_id, &m) != 0) {
		cmd_error(_("your profile cannot be read just now"));
		return CMD_FAIL;
	}
	for (i = 2; i < argc; i++) {
		const char *opt = argv[i];
		if (strcmp(opt, "--help-text-stdin") == 0) {
			free(m.help_text);
			m.help_text =
			    cmd_read_stdin(HELP_TEXT_MAX * 4, &too_long);
			if (too_long) {
				cmd_error(_("the help text is too long"));
				store_mentor_free(&m);
				return CMD_FAIL;
			}
			continue;
		}
		if (i + 1 >= argc) {
			cmd_error(_("%s needs a value"), opt);
			store_mentor_free(&m);
			return CMD_USAGE;
		}
		slot = strcmp(opt, "--industry") == 0 ? &m.industry :
		    strcmp(opt, "--position") == 0    ? &m.position :
		    strcmp(opt, "--languages") == 0   ? &m.languages :
							NULL;
		if (slot != NULL) {
			free(*slot);
			*slot = xstrdup(argv[++i]);
		} else if (strcmp(opt, "--capacity") == 0) {
			long n = -1;

			/* Out of range: the profile rule says what is. */
			(void)parse_long(argv[++i], 0, INT_MAX, &n);
			m.capacity = (int)n;
		} else if (strcmp(opt, "--available") == 0) {
			m.available = strcmp(argv[++i], "yes") == 0;
		} else {
			cmd_error(_("unknown option %s"), opt);
			store_mentor_free(&m);
			return CMD_USAGE;
		}
	}
	rc = profile_mentor_save(&app->board, app->viewer.user_id, &m, &e);
	store_mentor_free(&m);
	if (rc == MB_ERR_INVALID) {
		for (i = 0; i < PROFILE_NFIELDS; i++) {
			if (e.why[i] != NULL) {
				cmd_error("%s %s", names[i], e.why[i]);
				break;
			}
		}
		return CMD_FAIL;
	}
	if (rc != 0) {
		cmd_error(_("not saved; please try again"));
		return CMD_FAIL;
	}
	(void)printf("%s\n", _("Saved."));
	return CMD_OK;
}

/* ---- application --------------------------------------------------------- */

static const char *const section_words[STORE_NSECTIONS] = { "my-data",
	"situation", "goals", "help" };

static int
application_run(struct app *app, int argc, char **argv)
{
	struct store_application a;
	const char *why = NULL;
	struct json j;
	char *text = NULL;
	int json = cmd_take_flag(&argc, argv, "--json"), i, too_long, rc;

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "show") == 0)) {
		if (store_application_get(
			app->store, app->viewer.user_id, &a) != 0) {
			cmd_error(_("your application cannot be read now"));
			return CMD_FAIL;
		}
		if (json) {
			json_init(&j, stdout);
			json_object_begin(&j);
			for (i = 0; i < STORE_NSECTIONS; i++) {
				json_key(&j, section_words[i]);
				json_string(&j, a.text[i]);
			}
			json_object_end(&j);
			rc = json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
		} else {
			for (i = 0; i < STORE_NSECTIONS; i++)
				(void)printf("== %s\n%s\n\n",
				    _(profile_section_title(
					(enum store_section)i)),
				    a.text[i]);
			rc = CMD_OK;
		}
		store_application_free(&a);
		return rc;
	}
	for (i = 0; argc == 3 && strcmp(argv[1], "set") == 0 &&
	     i < STORE_NSECTIONS && strcmp(argv[2], section_words[i]) != 0;
	     i++)
		;
	if (argc != 3 || strcmp(argv[1], "set") != 0 || i == STORE_NSECTIONS) {
		cmd_error(_("usage: application [show [--json]] | application "
			    "set my-data|situation|goals|help < TEXT"));
		return CMD_USAGE;
	}
	text = cmd_read_stdin(SECTION_MAX * 4, &too_long);
	if (too_long) {
		free(text);
		cmd_error(
		    _("the text is longer than %d characters"), SECTION_MAX);
		return CMD_FAIL;
	}
	rc = profile_section_save(&app->board, app->viewer.user_id,
	    (enum store_section)i, text, &why);
	free(text);
	if (rc != 0) {
		cmd_error("%s", why != NULL ? why : _("not saved; try again"));
		return CMD_FAIL;
	}
	(void)printf("%s\n", _("Saved."));
	return CMD_OK;
}

/* ---- fields --------------------------------------------------------------- */

static int
fields_run(struct app *app, int argc, char **argv)
{
	struct store_item *items = NULL, item;
	int64_t ids[FIELDS_MAX];
	const char *why = NULL;
	size_t n = 0, i;
	int k, rc;

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "list") == 0)) {
		rc = store_list_get(
		    app->store, STORE_LIST_FIELDS, 0, &items, &n);
		for (i = 0; rc == 0 && i < n; i++)
			(void)printf("%s\n", items[i].name);
		free(items);
		return rc == 0 ? CMD_OK : CMD_FAIL;
	}
	if (argc < 3 || strcmp(argv[1], "set") != 0) {
		cmd_error(_("usage: fields [list] | fields set FIELD..."));
		return CMD_USAGE;
	}
	if (argc - 2 > FIELDS_MAX) {
		cmd_error(_("at most %d fields of study"), FIELDS_MAX);
		return CMD_USAGE;
	}
	for (k = 2; k < argc; k++) {
		if (store_list_find(
			app->store, STORE_LIST_FIELDS, argv[k], &item) != 0) {
			cmd_error(_("\"%s\" is not on the list (fields list)"),
			    argv[k]);
			return CMD_FAIL;
		}
		ids[k - 2] = item.id;
	}
	rc = profile_fields_save(
	    &app->board, app->viewer.user_id, ids, (size_t)(argc - 2), &why);
	if (rc != 0) {
		cmd_error("%s", why != NULL ? why : _("not saved; try again"));
		return CMD_FAIL;
	}
	(void)printf("%s\n", _("Saved."));
	return CMD_OK;
}

/* ---- cv ------------------------------------------------------------------ */

static int
cv_run(struct app *app, int argc, char **argv)
{
	struct store_cv_info info;
	char cmd[512];
	int rc;

	if (argc == 2 && strcmp(argv[1], "remove") == 0) {
		rc = store_cv_delete(app->store, app->viewer.user_id);
		if (rc == MB_ERR_NOTFOUND) {
			cmd_error(_("you have no CV on file"));
			return CMD_FAIL;
		}
		if (rc != 0)
			return CMD_FAIL;
		(void)printf("%s\n", _("Your CV is removed."));
		return CMD_OK;
	}
	if (argc != 1 && !(argc == 2 && strcmp(argv[1], "info") == 0)) {
		cmd_error(_("usage: cv [info | remove]"));
		return CMD_USAGE;
	}
	scr_cv_upload_command(app, cmd, sizeof(cmd));
	rc = store_cv_info(app->store, app->viewer.user_id, &info);
	if (rc == MB_ERR_NOTFOUND)
		(void)printf(_("No CV on file. Upload one with:\n  %s\n"), cmd);
	else if (rc == 0)
		(void)printf(_("CV on file: %lld bytes, %dx%d pixels. Replace "
			       "it with:\n  %s\n"),
		    (long long)info.bytes, info.width, info.height, cmd);
	else
		return CMD_FAIL;
	return CMD_OK;
}

/* Legacy scp (scp -O) asks to run "scp -t FILE" here. */
static int
scp_run(struct app *app, int argc, char **argv)
{
	(void)app;
	(void)argc;
	(void)argv;
	cmd_error(_("this board takes files over SFTP only: use scp without "
		    "-O (scp my-cv.jpg USER@HOST:cv.jpg)"));
	return CMD_FAIL;
}

const struct command cmd_roles = {
	.name = "roles",
	.args = "[list [--json] | set AREA mentor|mentee on|off]",
	.summary = N_("your roles per area of help"),
	.run = roles_run,
	.screen = &scr_roles,
	.flags = CMD_MEMBERS,
};

const struct command cmd_profile = {
	.name = "profile",
	.args = "[show [--json] | set [--industry X] [--position X] "
		"[--languages X] [--capacity N] [--available yes|no] "
		"[--help-text-stdin]]",
	.summary = N_("your mentor profile"),
	.run = profile_run,
	.screen = &scr_profile,
	.flags = CMD_MEMBERS,
};

const struct command cmd_application = {
	.name = "application",
	.args = "[show [--json] | set my-data|situation|goals|help < TEXT]",
	.summary = N_("your application as a mentee"),
	.run = application_run,
	.screen = &scr_application,
	.flags = CMD_MEMBERS,
};

const struct command cmd_fields = {
	.name = "fields",
	.args = "[list | set FIELD...]",
	.summary = N_("the fields of study, and yours"),
	.run = fields_run,
	.screen = &scr_fields,
	.flags = CMD_MEMBERS,
};

const struct command cmd_cv = {
	.name = "cv",
	.args = "[info | remove]",
	.summary = N_("your CV (upload it with scp to cv.jpg)"),
	.run = cv_run,
	.screen = &scr_cv,
	.flags = CMD_MEMBERS,
};

const struct command cmd_scp = {
	.name = "scp",
	.args = "",
	.summary = N_("legacy scp, refused"),
	.run = scp_run,
	.flags = CMD_HIDDEN,
};
