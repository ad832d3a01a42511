/*
 * cmd_search: `search`, `mentor ID` and `suggest`, the command forms of the
 * search screen, with the same rights: guests see names, fields of study,
 * areas and availability; members also the details.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "privacy.h"
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

/* A hit; its id and details only where the rules gave the details. */
static void
cmd_json_hit(struct json *j, const struct search_hit *h)
{
	int member = h->help_text != NULL;
	const struct json_field id[] = { JSON_INT("id", h->id) };
	const struct json_field name[] = {
		JSON_STR("display_name", h->display_name),
	};
	const struct json_field details[] = {
		JSON_STR("industry", h->industry),
		JSON_STR("position", h->position),
		JSON_STR("languages", h->languages),
		JSON_INT("free_places", h->free_places),
		JSON_STR("help_text", h->help_text),
	};

	json_object_begin(j);
	if (member)
		json_fields(j, id, nitems(id));
	json_fields(j, name, nitems(name));
	json_key(j, "fields_of_study");
	cmd_json_list(j, h->fields);
	json_key(j, "areas");
	cmd_json_list(j, h->areas);
	json_key(j, "available");
	json_bool(j, h->available);
	if (member)
		json_fields(j, details, nitems(details));
	json_object_end(j);
}

/* A hit on one line; its #ID only where the rules gave the details. */
static void
cmd_print_hit(const struct search_hit *h)
{
	if (h->help_text != NULL)
		(void)printf("#%lld  ", (long long)h->id);
	(void)printf("%s | %s | %s | %s\n", h->display_name, h->fields,
	    h->areas, h->available ? _("takes new mentees") : _("full"));
}

/*
 * Where a page stands when the results take more than one: "21-40 of 399
 * mentors", and the --offset of the next page.
 */
static void
cmd_print_page(const struct search_result *r)
{
	char range[128];

	if (r->offset == 0 && r->n == r->total && !r->more)
		return;
	if (r->n == 0) {
		(void)printf(_("No more mentors: %zu match.\n"), r->total);
		return;
	}
	search_page_text(r, range, sizeof(range));
	if (r->offset + r->n < r->total || r->more)
		(void)printf(_("%s; --offset %zu shows the next ones.\n"),
		    range, r->offset + r->n);
	else
		(void)printf("%s.\n", range);
}

/* Look a list entry up by name for a filter. */
static int
cmd_list_id(struct app *app, enum store_list list, const char *name,
    int64_t *id, const char *what)
{
	struct store_item item;

	if (store_list_find(app->store, list, name, &item) != 0) {
		cli_error(_("no %s called \"%s\""), what, name);
		return -1;
	}
	*id = item.id;
	return 0;
}

/*
 * search [WORDS...]: the filters by name, the words as one text; a guest is
 * told that registering shows more.  A refused text is a usage error.
 */
static int
search_cmd_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct search_query q;
	struct search_result r;
	const char *why = NULL, *value = NULL;
	char text[SEARCH_QUERY_MAX * 4 + 1] = "", ssh[512];
	int member = privacy_member(&app->viewer) != 0, i, rc;
	struct json j;
	size_t k, len = 0;
	long limit = 0, offset = 0;

	memset(&q, 0, sizeof(q));
	q.available_only = cli_flag(call, "--available");
	if ((value = cli_value(call, "--area")) != NULL &&
	    cmd_list_id(app, STORE_LIST_AREAS, value, &q.area_id,
		_("area of help")) != 0)
		return CLI_FAIL;
	if ((value = cli_value(call, "--field")) != NULL &&
	    cmd_list_id(app, STORE_LIST_FIELDS, value, &q.field_id,
		_("field of study")) != 0)
		return CLI_FAIL;
	q.industry = cli_value(call, "--industry");
	q.language = cli_value(call, "--language");
	if ((value = cli_value(call, "--limit")) != NULL) {
		rc = cli_number("--limit", value, 1, SEARCH_LIMIT_MAX, &limit);
		if (rc != CLI_OK)
			return rc;
		q.limit = (int)limit;
	}
	if ((value = cli_value(call, "--offset")) != NULL) {
		rc = cli_number(
		    "--offset", value, 0, SEARCH_OFFSET_MAX, &offset);
		if (rc != CLI_OK)
			return rc;
		q.offset = (int)offset;
	}
	for (i = 0; i < call->argc; i++) {
		len += (size_t)snprintf(text + len,
		    len < sizeof(text) ? sizeof(text) - len : 0, "%s%s",
		    i > 0 ? " " : "", call->argv[i]);
		if (len >= sizeof(text)) {
			cli_error(_("the search text is too long"));
			return CLI_USAGE;
		}
	}
	q.text = text;
	rc = search_run(&app->board, &app->viewer, &q, &r, &why);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : _("the search failed"));
		return rc == MB_ERR_INVALID ? CLI_USAGE : CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (k = 0; k < r.n; k++)
			cmd_json_hit(&j, &r.hits[k]);
		json_array_end(&j);
		rc = json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	} else {
		for (k = 0; k < r.n; k++)
			cmd_print_hit(&r.hits[k]);
		if (r.n == 0 && r.offset == 0)
			(void)printf("%s\n", _("No mentor matches."));
		cmd_print_page(&r);
		if (!member) {
			account_ssh_command(
			    &app->cfg, "guest", 1, ssh, sizeof(ssh));
			(void)printf(_("Register to learn more about each "
				       "mentor: %s register\n"),
			    ssh);
		}
		rc = CLI_OK;
	}
	search_result_free(&r);
	return rc;
}

/*
 * mentor ID: one mentor's details; every failure, a refusal too, reads "no
 * mentor ID".
 */
static int
mentor_info_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *word = call->argv[0];
	struct search_hit h;
	struct json j;
	long id = 0;

	/* The #ID of a search result, with or without its #. */
	if (word[0] == '#')
		word++;
	if (parse_long(word, 1, LONG_MAX, &id) != 0 ||
	    search_detail(&app->board, &app->viewer, id, &h) != 0) {
		cli_error(_("no mentor %s"), call->argv[0]);
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		cmd_json_hit(&j, &h);
		search_hit_free(&h);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	(void)printf("%s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %d\n\n"
		     "%s\n",
	    h.display_name, _("fields of study"), h.fields, _("mentors in"),
	    h.areas, _("industry"), h.industry, _("position"), h.position,
	    _("languages"), h.languages, _("free places"), h.free_places,
	    h.help_text);
	search_hit_free(&h);
	return CLI_OK;
}

/*
 * suggest: the mentors suggested for the member as a mentee, with score and
 * reasons.
 */
static int
suggest_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct suggestion s[SUGGEST_COUNT];
	struct json j;
	size_t n = 0, i;

	if (search_suggest(&app->board, &app->viewer, s, &n) != 0) {
		cli_error(_("no suggestions just now; please try again"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_INT("match_percent", s[i].score),
				JSON_STR("reasons", s[i].reasons),
			};
			json_object_begin(&j);
			json_fields(&j, f, nitems(f));
			json_key(&j, "mentor");
			cmd_json_hit(&j, &s[i].hit);
			json_object_end(&j);
			search_hit_free(&s[i].hit);
		}
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)printf("%s\n",
		    _("No suggestions: choose an area where "
		      "you look for help (roles)."));
	for (i = 0; i < n; i++) {
		(void)printf("%3d%%  ", s[i].score);
		cmd_print_hit(&s[i].hit);
		(void)printf("      %s\n", s[i].reasons);
		search_hit_free(&s[i].hit);
	}
	return CLI_OK;
}

static const struct cli_option search_options[] = {
	{ "--area", "AREA", CLI_VALUE },
	{ "--field", "FIELD", CLI_VALUE },
	{ "--industry", "X", CLI_VALUE },
	{ "--language", "X", CLI_VALUE },
	{ "--available", NULL, 0 },
	{ "--limit", "N", CLI_VALUE },
	{ "--offset", "N", CLI_VALUE },
	{ 0 },
};

const struct cli_command cmd_search_rows[] = {
	{ .name = "search",
	    .args = "[WORDS...]",
	    .max_args = -1,
	    .options = search_options,
	    .summary = N_("find mentors (with -t: the search screen)"),
	    .run = search_cmd_run,
	    .flags = CLI_JSON,
	    .screen = &scr_search,
	    .screen_args = SEARCH_TERMS_MAX },
	{ .name = "mentor",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("a mentor's details (members)"),
	    .run = mentor_info_run,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON },
	{ .name = "suggest",
	    .max_args = 0,
	    .summary = N_("mentors suggested for you as a mentee"),
	    .run = suggest_run,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON },
	{ 0 },
};
