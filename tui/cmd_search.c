/*
 * cmd_search: `search`, `mentor ID` and `suggest`, the command forms of the
 * search screen, with the same rights: guests see names, fields of study,
 * areas and availability; members also the details.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "screens.h"
#include "search.h"
#include "store.h"
#include "util.h"

/* "A, B" as a JSON array of strings. */
static void
cmd_json_list(struct json *j, const char *list)
{
	const char *p = list, *comma;

	json_array_begin(j);
	while (p != NULL && *p != '\0') {
		char *item = NULL;

		comma = strstr(p, ", ");
		item = xstrndup(
		    p, comma != NULL ? (size_t)(comma - p) : strlen(p));
		json_string(j, item);
		free(item);
		p = comma != NULL ? comma + 2 : NULL;
	}
	json_array_end(j);
}

static void
cmd_json_hit(struct json *j, const struct search_hit *h, int member)
{
	json_object_begin(j);
	if (member) {
		json_key(j, "id");
		json_int(j, h->id);
	}
	json_key(j, "display_name");
	json_string(j, h->display_name);
	json_key(j, "fields_of_study");
	cmd_json_list(j, h->fields);
	json_key(j, "areas");
	cmd_json_list(j, h->areas);
	json_key(j, "available");
	json_bool(j, h->available);
	if (member) {
		json_key(j, "industry");
		json_string(j, h->industry);
		json_key(j, "position");
		json_string(j, h->position);
		json_key(j, "languages");
		json_string(j, h->languages);
		json_key(j, "free_places");
		json_int(j, h->free_places);
		json_key(j, "help_text");
		json_string(j, h->help_text);
	}
	json_object_end(j);
}

static void
cmd_print_hit(const struct search_hit *h, int member)
{
	if (member)
		(void)printf("#%lld  ", (long long)h->id);
	(void)printf("%s | %s | %s | %s\n", h->display_name, h->fields,
	    h->areas, h->available ? _("takes new mentees") : _("full"));
}

/* Look a list entry up by name for a filter. */
static int
cmd_list_id(struct app *app, enum store_list list, const char *name,
    int64_t *id, const char *what)
{
	struct store_item item;

	if (store_list_find(app->store, list, name, &item) != 0) {
		cmd_error(_("no %s called \"%s\""), what, name);
		return -1;
	}
	*id = item.id;
	return 0;
}

static int
search_cmd_run(struct app *app, int argc, char **argv)
{
	struct search_query q;
	struct search_result r;
	const char *why = NULL;
	char text[SEARCH_QUERY_MAX * 4 + 1] = "", ssh[512];
	int member = viewer_member(&app->viewer) != 0, json, i, rc;
	struct json j;
	size_t k;

	memset(&q, 0, sizeof(q));
	json = cmd_take_flag(&argc, argv, "--json");
	q.available_only = cmd_take_flag(&argc, argv, "--available");
	for (i = 1; i < argc; i++) {
		const char *opt = argv[i];
		if (strncmp(opt, "--", 2) == 0 && i + 1 >= argc) {
			cmd_error(_("%s needs a value"), opt);
			return CMD_USAGE;
		}
		if (strcmp(opt, "--area") == 0) {
			if (cmd_list_id(app, STORE_LIST_AREAS, argv[++i],
				&q.area_id, _("area of help")) != 0)
				return CMD_FAIL;
		} else if (strcmp(opt, "--field") == 0) {
			if (cmd_list_id(app, STORE_LIST_FIELDS, argv[++i],
				&q.field_id, _("field of study")) != 0)
				return CMD_FAIL;
		} else if (strcmp(opt, "--industry") == 0)
			q.industry = argv[++i];
		else if (strcmp(opt, "--language") == 0)
			q.language = argv[++i];
		else if (strcmp(opt, "--limit") == 0) {
			long limit = 0;

			if (parse_long(
				argv[++i], 1, SEARCH_LIMIT_MAX, &limit) != 0) {
				cmd_error(_("--limit takes 1 to %d"),
				    SEARCH_LIMIT_MAX);
				return CMD_USAGE;
			}
			q.limit = (int)limit;
		} else if (strncmp(opt, "--", 2) == 0) {
			cmd_error(_("unknown option %s"), opt);
			return CMD_USAGE;
		} else {
			if (strlen(text) + strlen(opt) + 2 > sizeof(text)) {
				cmd_error(_("the search text is too long"));
				return CMD_USAGE;
			}
			if (text[0] != '\0')
				(void)strcat(text, " ");
			(void)strcat(text, opt);
		}
	}
	q.text = text;
	rc = search_run(&app->board, viewer_member(&app->viewer), &q, &r, &why);
	if (rc != 0) {
		cmd_error("%s", why != NULL ? why : _("the search failed"));
		return rc == MB_ERR_INVALID ? CMD_USAGE : CMD_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (k = 0; k < r.n; k++)
			cmd_json_hit(&j, &r.hits[k], member);
		json_array_end(&j);
		rc = json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
	} else {
		for (k = 0; k < r.n; k++)
			cmd_print_hit(&r.hits[k], member);
		if (r.n == 0)
			(void)printf("%s\n", _("No mentor matches."));
		if (!member) {
			account_ssh_command(
			    &app->cfg, "guest", 1, ssh, sizeof(ssh));
			(void)printf(_("Register to learn more about each "
				       "mentor: %s register\n"),
			    ssh);
		}
		rc = CMD_OK;
	}
	search_result_free(&r);
	return rc;
}

static int
mentor_info_run(struct app *app, int argc, char **argv)
{
	struct search_hit h;
	struct json j;
	char *end = NULL;
	int64_t id;
	int json = cmd_take_flag(&argc, argv, "--json");

	if (argc != 2) {
		cmd_error(_("usage: mentor ID [--json]  (the #ID of a search "
			    "result)"));
		return CMD_USAGE;
	}
	id = strtoll(argv[1][0] == '#' ? argv[1] + 1 : argv[1], &end, 10);
	if (*end != '\0' || search_detail(&app->board, id, &h) != 0) {
		cmd_error(_("no mentor %s"), argv[1]);
		return CMD_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		cmd_json_hit(&j, &h, 1);
		search_hit_free(&h);
		return json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
	}
	(void)printf("%s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %d\n\n"
		     "%s\n",
	    h.display_name, _("fields of study"), h.fields, _("mentors in"),
	    h.areas, _("industry"), h.industry, _("position"), h.position,
	    _("languages"), h.languages, _("free places"), h.free_places,
	    h.help_text);
	search_hit_free(&h);
	return CMD_OK;
}

static int
suggest_run(struct app *app, int argc, char **argv)
{
	struct suggestion s[SUGGEST_COUNT];
	struct json j;
	size_t n = 0, i;
	int json = cmd_take_flag(&argc, argv, "--json");

	(void)argv;
	if (argc != 1) {
		cmd_error(_("usage: suggest [--json]"));
		return CMD_USAGE;
	}
	if (search_suggest(&app->board, app->viewer.user_id, s, &n) != 0) {
		cmd_error(_("no suggestions just now; please try again"));
		return CMD_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			json_object_begin(&j);
			json_key(&j, "match_percent");
			json_int(&j, s[i].score);
			json_key(&j, "reasons");
			json_string(&j, s[i].reasons);
			json_key(&j, "mentor");
			cmd_json_hit(&j, &s[i].hit, 1);
			json_object_end(&j);
			search_hit_free(&s[i].hit);
		}
		json_array_end(&j);
		return json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
	}
	if (n == 0)
		(void)printf("%s\n",
		    _("No suggestions: choose an area where "
		      "you look for help (roles)."));
	for (i = 0; i < n; i++) {
		(void)printf("%3d%%  ", s[i].score);
		cmd_print_hit(&s[i].hit, 1);
		(void)printf("      %s\n", s[i].reasons);
		search_hit_free(&s[i].hit);
	}
	return CMD_OK;
}

const struct command cmd_search = {
	.name = "search",
	.args = "[--area A] [--field F] [--industry X] [--language X] "
		"[--available] [--limit N] [--json] [TERMS...]",
	.summary = N_("find mentors (with -t: the search screen)"),
	.run = search_cmd_run,
	.screen = &scr_search,
	.screen_args = 8,
};

const struct command cmd_mentor_info = {
	.name = "mentor",
	.args = "ID [--json]",
	.summary = N_("a mentor's details (members)"),
	.run = mentor_info_run,
	.flags = CMD_MEMBERS,
};

const struct command cmd_suggest = {
	.name = "suggest",
	.args = "[--json]",
	.summary = N_("mentors suggested for you as a mentee"),
	.run = suggest_run,
	.flags = CMD_MEMBERS,
};
