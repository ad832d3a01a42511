/* cmd_keys: keys list | add (a .pub file on stdin) | remove FINGERPRINT. */
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

static int
keys_list(struct app *app, int json)
{
	struct store_key *keys = NULL;
	struct json j;
	size_t n = 0, i;

	if (store_key_list(app->store, app->viewer.user_id, &keys, &n) != 0) {
		cmd_error(_("your keys cannot be read just now"));
		return CMD_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			json_object_begin(&j);
			json_key(&j, "type");
			json_string(&j, keys[i].type);
			json_key(&j, "fingerprint");
			json_string(&j, keys[i].fingerprint);
			json_key(&j, "comment");
			json_string(&j, keys[i].comment);
			json_key(&j, "added_at");
			json_int(&j, keys[i].added_at);
			json_object_end(&j);
		}
		json_array_end(&j);
		free(keys);
		return json_finish(&j) == 0 ? CMD_OK : CMD_FAIL;
	}
	for (i = 0; i < n; i++)
		(void)printf("%s %s %s\n", keys[i].fingerprint, keys[i].type,
		    keys[i].comment);
	free(keys);
	return CMD_OK;
}

static int
keys_run(struct app *app, int argc, char **argv)
{
	const char *why = NULL;
	char *text = NULL;
	int json = cmd_take_flag(&argc, argv, "--json");
	int too_long = 0, added = 0, line_no = 0, rc;

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "list") == 0))
		return keys_list(app, json);
	if (argc == 2 && strcmp(argv[1], "add") == 0) {
		text = cmd_read_stdin(KEYS_INPUT_MAX, &too_long);
		if (too_long) {
			free(text);
			cmd_error(_("more on standard input than a key file "
				    "holds"));
			return CMD_FAIL;
		}
		rc = account_keys_add(&app->board, app->viewer.user_id, text,
		    &added, &line_no, &why);
		free(text);
		if (rc != 0) {
			cmd_error(_("line %d: %s"), line_no,
			    why != NULL ? why : _("please try again later"));
			return CMD_FAIL;
		}
		(void)printf(
		    added == 1 ? _("%d key added\n") : _("%d keys added\n"),
		    added);
		return CMD_OK;
	}
	if (argc == 3 && strcmp(argv[1], "remove") == 0) {
		rc = store_key_remove(app->store, app->viewer.user_id, argv[2]);
		if (rc == MB_ERR_NOTFOUND) {
			cmd_error(
			    _("you have no key %s (see keys list)"), argv[2]);
			return CMD_FAIL;
		}
		if (rc != 0) {
			cmd_error(_("please try again later"));
			return CMD_FAIL;
		}
		(void)printf(_("key %s removed\n"), argv[2]);
		return CMD_OK;
	}
	cmd_error(_("usage: keys [list [--json] | add < FILE.pub | remove "
		    "FINGERPRINT]"));
	return CMD_USAGE;
}

const struct command cmd_keys = {
	.name = "keys",
	.args = "[list [--json] | add < FILE.pub | remove FINGERPRINT]",
	.summary = N_("your SSH keys"),
	.run = keys_run,
	.screen = &scr_keys,
	.flags = CMD_MEMBERS,
};
