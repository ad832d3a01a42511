/* sysop_lists: the areas of help and the fields of study. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "store.h"
#include "sysop.h"
#include "util.h"

/* The list a row of "areas" or "fields" works on. */
static enum store_list
sysop_list_of(const struct cli_call *call)
{
	return sysop_is(call, "areas") ? STORE_LIST_AREAS : STORE_LIST_FIELDS;
}

/* Record a change to a list: "areas-add Career entry". */
static void
sysop_list_audit(
    const struct sysop *s, const struct cli_call *call, const char *verb)
{
	char action[32], *detail = sysop_words(call, 0);

	(void)snprintf(action, sizeof(action), "%s-%s",
	    sysop_is(call, "areas") ? "areas" : "fields", verb);
	sysop_audit(s, action, 0, 0, detail);
	free(detail);
}

/* areas list, fields list: every entry, retired ones marked. */
static int
sysop_list_show(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_item *items = NULL;
	struct json j;
	size_t n = 0, i;

	if (store_list_get(
		s->board->store, sysop_list_of(call), 1, &items, &n) != 0)
		return CLI_FAIL;
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_STR("name", items[i].name_en),
				JSON_STR("name_de", items[i].name_de),
				JSON_BOOL("retired", items[i].retired),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(items);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	/* English, then German: "Physics = Physik". */
	for (i = 0; i < n; i++)
		(void)fprintf(s->out, "%s%s%s%s\n", items[i].name_en,
		    items[i].name_de[0] != '\0' ? " = " : "", items[i].name_de,
		    items[i].retired ? "  (retired)" : "");
	free(items);
	return CLI_OK;
}

/* areas add NAME [--de NAME_DE], fields add: through the rules. */
static int
sysop_list_add(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	int64_t id;

	if (lists_add(s->board, sysop_list_of(call), call->argv[0],
		cli_value(call, "--de"), &id, &why) != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_list_audit(s, call, "add");
	(void)fprintf(s->out, _("added \"%s\"\n"), call->argv[0]);
	return CLI_OK;
}

/*
 * areas rename NAME NEW, fields rename: through the rules, which rewrite the
 * search index in the same transaction.
 */
static int
sysop_list_rename(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;

	if (lists_rename(s->board, sysop_list_of(call), call->argv[0],
		call->argv[1], &why) != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_list_audit(s, call, "rename");
	(void)fprintf(s->out, _("renamed \"%s\"\n"), call->argv[0]);
	return CLI_OK;
}

/*
 * areas rename-de NAME NAME_DE, fields rename-de: the German name (""
 * removes it), through the rules, which rewrite the search index.
 */
static int
sysop_list_rename_de(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;

	if (lists_rename_de(s->board, sysop_list_of(call), call->argv[0],
		call->argv[1], &why) != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_list_audit(s, call, "rename-de");
	(void)fprintf(s->out, _("\"%s\" is \"%s\" in German\n"), call->argv[0],
	    call->argv[1]);
	return CLI_OK;
}

/*
 * areas retire NAME, fields retire: no longer offered; profiles that have it
 * keep it.
 */
static int
sysop_list_retire(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;

	if (lists_retire(s->board, sysop_list_of(call), call->argv[0], &why) !=
	    0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_list_audit(s, call, "retire");
	(void)fprintf(s->out, _("retired \"%s\"\n"), call->argv[0]);
	return CLI_OK;
}

static const struct cli_option sysop_list_add_options[] = {
	{ "--de", "NAME_DE", CLI_VALUE },
	{ 0 },
};

/* The same rows for both lists: the top row says which. */
const struct cli_command sysop_list_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("the entries, retired ones marked"),
	    .run = sysop_list_show,
	    .flags = CLI_JSON },
	{ .name = "add",
	    .args = "NAME",
	    .min_args = 1,
	    .max_args = 1,
	    .options = sysop_list_add_options,
	    .summary =
		N_("a new entry (NAME in English, --de its German name)"),
	    .run = sysop_list_add },
	{ .name = "rename",
	    .args = "NAME NEW",
	    .min_args = 2,
	    .max_args = 2,
	    .summary = N_("rename an entry (profiles keep it)"),
	    .run = sysop_list_rename },
	{ .name = "rename-de",
	    .args = "NAME NAME_DE",
	    .min_args = 2,
	    .max_args = 2,
	    .summary = N_("set the German name (\"\" removes it)"),
	    .run = sysop_list_rename_de },
	{ .name = "retire",
	    .args = "NAME",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("no longer offered; profiles that have it keep it"),
	    .run = sysop_list_retire },
	{ 0 },
};
