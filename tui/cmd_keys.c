/* cmd_keys: keys [list] | add (a .pub file on stdin) | remove FINGERPRINT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "mentor.h"
#include "screens.h"
#include "sshkey.h"
#include "store.h"
#include "util.h"

/* keys, keys list: the member's keys, oldest first, as text or JSON. */
static int
keys_list_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	struct store_key *keys = NULL;
	struct json j;
	size_t n = 0, i;

	if (store_key_list(app->store, app->viewer.user_id, &keys, &n) != 0) {
		cli_error(_("your keys cannot be read just now"));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_STR("type", keys[i].type),
				JSON_STR("fingerprint", keys[i].fingerprint),
				JSON_STR("comment", keys[i].comment),
				JSON_INT("added_at", keys[i].added_at),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(keys);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	for (i = 0; i < n; i++)
		(void)printf("%s %s %s\n", keys[i].fingerprint, keys[i].type,
		    keys[i].comment);
	free(keys);
	return CLI_OK;
}

/*
 * keys add: every key of the .pub text on stdin; stops at the first bad line
 * and names it.
 */
static int
keys_add_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;
	char *text = NULL;
	int added = 0, line_no = 0, rc;

	(void)call;
	rc = cli_read_stdin(KEYS_INPUT_MAX, &text);
	if (rc != 0) {
		cli_error("%s",
		    rc == MB_ERR_LIMIT ?
			_("more on standard input than a key file holds") :
			_("standard input is not a key file"));
		return CLI_FAIL;
	}
	rc = account_keys_add(
	    &app->board, app->viewer.user_id, text, &added, &line_no, &why);
	free(text);
	if (rc != 0) {
		cli_error(_("line %d: %s"), line_no,
		    why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(
	    added == 1 ? _("%d key added\n") : _("%d keys added\n"), added);
	return CLI_OK;
}

/* keys remove FINGERPRINT: through the rules, which keep the last way in. */
static int
keys_remove_run(void *ctx, const struct cli_call *call)
{
	struct app *app = ctx;
	const char *why = NULL;

	if (account_key_remove(
		&app->board, app->viewer.user_id, call->argv[0], &why) != 0) {
		cli_error(
		    "%s", why != NULL ? why : _("please try again later"));
		return CLI_FAIL;
	}
	(void)printf(_("key %s removed\n"), call->argv[0]);
	return CLI_OK;
}

static const struct cli_command keys_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("your SSH keys"),
	    .run = keys_list_run,
	    .flags = CLI_JSON },
	{ .name = "add",
	    .max_args = 0,
	    .input = "FILE.pub",
	    .summary = N_("add the keys of a .pub file"),
	    .run = keys_add_run },
	{ .name = "remove",
	    .args = "FINGERPRINT",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("remove a key"),
	    .run = keys_remove_run },
	{ 0 },
};

const struct cli_command cmd_keys_rows[] = {
	{ .name = "keys",
	    .max_args = 0,
	    .summary = N_("your SSH keys"),
	    .run = keys_list_run,
	    .subs = keys_subs,
	    .who = CLI_MEMBERS,
	    .flags = CLI_JSON,
	    .screen = &scr_keys },
	{ 0 },
};
