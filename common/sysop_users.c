/*
 * sysop_users: the members, for the mentoring team (user add, list and
 * search; one member's rows are in sysop_members.c).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "account.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "sshkey.h"
#include "store.h"
#include "sysop.h"
#include "util.h"

/* Read a key file (a .pub, or several keys a line each) into *out. */
static int
sysop_read_keys(const char *path, char **out)
{
	char *buf = xmalloc(KEYS_INPUT_MAX + 2);
	FILE *fp = fopen(path, "r");
	size_t n;

	*out = NULL;
	if (fp == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		free(buf);
		return CLI_FAIL;
	}
	n = fread(buf, 1, KEYS_INPUT_MAX + 1, fp);
	if (ferror(fp) || n > KEYS_INPUT_MAX) {
		cli_error("%s: %s", path,
		    ferror(fp) ? strerror(errno) : _("larger than a key file"));
		(void)fclose(fp);
		free(buf);
		return CLI_FAIL;
	}
	(void)fclose(fp);
	buf[n] = '\0';
	*out = buf;
	return CLI_OK;
}

/* ---- user ---------------------------------------------------------------- */

/*
 * user add USERNAME: a confirmed member, made by the operator (no mail, no
 * consent asked), with a password from stdin, the keys of a file, or both;
 * one is required, or nobody could log in.  Keys refused leave the account
 * made, without keys.
 */
static int
sysop_user_add(void *ctx, const struct cli_call *call)
{
	static const char *const names[ACCOUNT_NFIELDS] = { "username",
		"--email", "--first", "--last", "--field", "password",
		"password", "consent" };
	struct sysop *s = ctx;
	int64_t field_ids[FIELDS_MAX], user_id = 0;
	const char *fields[FIELDS_MAX], *key_file = NULL, *why = NULL;
	struct account_form f;
	struct account_errors e;
	struct store_item item;
	char *password = NULL, *keys = NULL;
	int mail_failed = 0, added = 0, line_no = 0, rc;
	size_t k, n;

	memset(&f, 0, sizeof(f));
	f.by_admin = 1;
	f.username = call->argv[0];
	f.email = cli_value(call, "--email");
	f.first_name = cli_value(call, "--first");
	f.last_name = cli_value(call, "--last");
	f.sysop = cli_flag(call, "--sysop");
	key_file = cli_value(call, "--key");
	n = cli_values(call, "--field", fields, FIELDS_MAX);
	if (n > FIELDS_MAX) {
		cli_error(_("at most %d fields of study"), FIELDS_MAX);
		return CLI_USAGE;
	}
	for (k = 0; k < n; k++) {
		if (store_list_find(s->board->store, STORE_LIST_FIELDS,
			fields[k], &item) != 0 ||
		    item.retired) {
			cli_error(
			    _("unknown field of study \"%s\" (see mentord "
			      "fields list)"),
			    fields[k]);
			return CLI_FAIL;
		}
		field_ids[f.nfields++] = item.id;
	}
	if (!cli_flag(call, "--password-stdin") && key_file == NULL) {
		cli_error(
		    _("give --password-stdin or --key FILE, or nobody can "
		      "log in as %s"),
		    f.username);
		return CLI_USAGE;
	}
	if (cli_flag(call, "--password-stdin")) {
		password = cli_read_line(stdin, PASSWORD_MAX_BYTES);
		if (password == NULL) {
			cli_error(_("give the password on standard input, one "
				    "line of at most %d bytes"),
			    PASSWORD_MAX_BYTES);
			return CLI_USAGE;
		}
	}
	/* Over ssh a file name would read the host's files. */
	if (key_file != NULL && !s->local) {
		cli_error(_("--key reads a file on the host: only mentord user "
			    "add takes it"));
		rc = CLI_USAGE;
		goto out;
	}
	if (key_file != NULL && sysop_read_keys(key_file, &keys) != CLI_OK) {
		rc = CLI_FAIL;
		goto out;
	}
	f.field_ids = field_ids;
	f.password = password;
	f.password2 = password;
	rc = account_register(s->board, &f, &e, &user_id, &mail_failed);
	if (rc == MB_ERR_INVALID) {
		for (k = 0; k < ACCOUNT_NFIELDS; k++) {
			if (e.why[k] != NULL) {
				cli_error("%s %s", names[k], e.why[k]);
				break;
			}
		}
		rc = CLI_FAIL;
		goto out;
	}
	if (rc != 0) {
		cli_error(_("cannot create the account: %s"), mb_strerror(rc));
		rc = CLI_FAIL;
		goto out;
	}
	if (keys != NULL) {
		rc = account_keys_add(
		    s->board, user_id, keys, &added, &line_no, &why);
		if (rc != 0) {
			cli_error(_("%s line %d: %s (the account was made "
				    "without keys)"),
			    key_file, line_no, why);
			rc = CLI_FAIL;
			goto out;
		}
	}
	sysop_audit(s, "user-add", user_id, 0, f.username);
	(void)fprintf(s->out, _("created %s (%s), verified%s%s\n"), f.username,
	    f.email, f.sysop ? _(", sysop") : "",
	    added > 0 ? _(", with a key") : "");
	rc = CLI_OK;
out:
	if (password != NULL) {
		sodium_memzero(password, strlen(password));
		free(password);
	}
	free(keys);
	return rc;
}

/* Where sysop_user_print writes: a JSON writer, or the row's output. */
struct sysop_user_out {
	struct sysop *s;
	struct json *j; /* NULL: text */
};

/* One member for user list: a line of text, or a JSON object. */
static int
sysop_user_print(void *ctx, const struct store_user *u)
{
	struct sysop_user_out *o = ctx;
	char display[DISPLAY_NAME_MAX], created[32];

	account_display_name(u, display, sizeof(display));
	if (o->j != NULL) {
		const struct json_field f[] = {
			JSON_INT("id", u->id),
			JSON_STR("username", u->username),
			JSON_STR("display_name", display),
			JSON_STR("email", u->email),
			JSON_INT("created_at", u->created_at),
			JSON_BOOL("verified", u->verified),
			JSON_BOOL("sysop", u->is_sysop),
			JSON_BOOL("demo", u->is_demo),
		};
		json_object(o->j, f, nitems(f));
		return 0;
	}
	sysop_date(u->created_at, created, sizeof(created));
	(void)fprintf(o->s->out, "%-6lld %-20s %-20s %-32s %-10s %s%s%s\n",
	    (long long)u->id, u->username, display, u->email, created,
	    u->verified ? "verified" : "unverified",
	    u->is_sysop ? " sysop" : "", u->is_demo ? " demo" : "");
	return 0;
}

/*
 * user list: every member with their private data; for the operator's eyes
 * only.
 */
static int
sysop_user_list(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct sysop_user_out o = { s, NULL };
	struct json j;
	int rc;

	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
		o.j = &j;
	} else
		(void)fprintf(s->out, "%-6s %-20s %-20s %-32s %-10s %s\n", "ID",
		    "USERNAME", "SHOWN AS", "E-MAIL", "SINCE", "STATE");
	rc = store_user_each(s->board->store, sysop_user_print, &o);
	if (call->json) {
		json_array_end(&j);
		if (json_finish(&j) != 0)
			rc = MB_ERR_IO;
	}
	return rc == 0 ? CLI_OK : CLI_FAIL;
}

int
sysop_user_find(struct sysop *s, char *const words[], size_t nwords, int audit,
    struct store_user **rows, size_t *n)
{
	const char *lower[STORE_USER_SEARCH_WORDS] = { NULL };
	char *copies[STORE_USER_SEARCH_WORDS] = { NULL }, *p = NULL;
	size_t k;
	int rc;

	*rows = NULL;
	*n = 0;
	if (nwords > STORE_USER_SEARCH_WORDS)
		return MB_ERR_INVALID;
	for (k = 0; k < nwords; k++) {
		copies[k] = xstrdup(words[k]);
		/* ASCII only, as SQLite's lower() folds. */
		for (p = copies[k]; *p != '\0'; p++)
			if ((unsigned char)*p < 0x80)
				*p = (char)tolower((unsigned char)*p);
		lower[k] = copies[k];
	}
	rc = store_user_search(
	    s->board->store, lower, nwords, SYSOP_SEARCH_MAX, rows, n);
	if (rc == 0 && audit && nwords > 0) {
		size_t len = 1;
		char *all = NULL;

		for (k = 0; k < nwords; k++)
			len += strlen(words[k]) + 1;
		all = xcalloc(1, len);
		for (k = 0; k < nwords; k++) {
			if (k > 0)
				(void)strcat(all, " ");
			(void)strcat(all, words[k]);
		}
		sysop_audit(s, "user-search", 0, 0, all);
		free(all);
	}
	for (k = 0; k < nwords; k++)
		free(copies[k]);
	return rc;
}

/*
 * user search [WORDS...]: members whose user name, address, first name or
 * surname hold every word (any case), newest first; none: the newest.
 */
static int
sysop_user_search(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct sysop_user_out o = { s, NULL };
	struct store_user *rows = NULL;
	struct json j;
	size_t n = 0, i;
	int rc;

	if (call->argc > STORE_USER_SEARCH_WORDS) {
		cli_error(_("at most %d words"), STORE_USER_SEARCH_WORDS);
		return CLI_USAGE;
	}
	rc = sysop_user_find(s, call->argv, (size_t)call->argc, 1, &rows, &n);
	if (rc != 0) {
		cli_error(_("cannot search: %s"), mb_strerror(rc));
		return CLI_FAIL;
	}
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
		o.j = &j;
	} else
		(void)fprintf(s->out, "%-6s %-20s %-20s %-32s %-10s %s\n", "ID",
		    "USERNAME", "SHOWN AS", "E-MAIL", "SINCE", "STATE");
	for (i = 0; i < n; i++)
		(void)sysop_user_print(&o, &rows[i]);
	free(rows);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (n == 0)
		(void)fprintf(s->out, _("no member found\n"));
	return CLI_OK;
}

static const struct cli_option sysop_user_add_options[] = {
	{ "--email", "E", CLI_VALUE | CLI_REQUIRED },
	{ "--first", "F", CLI_VALUE | CLI_REQUIRED },
	{ "--last", "L", CLI_VALUE | CLI_REQUIRED },
	{ "--field", "F", CLI_VALUE | CLI_REPEAT },
	{ "--sysop", NULL, 0 },
	{ "--key", "FILE", CLI_VALUE },
	{ "--password-stdin", NULL, 0 },
	{ 0 },
};

const struct cli_command sysop_user_subs[] = {
	{ .name = "add",
	    .args = "USERNAME",
	    .min_args = 1,
	    .max_args = 1,
	    .options = sysop_user_add_options,
	    .summary = N_("make a confirmed member (a sysop with --sysop)"),
	    .run = sysop_user_add },
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("every member, with private data"),
	    .run = sysop_user_list,
	    .flags = CLI_JSON },
	/* Bans: common/sysop_moderation.c. */
	{ .name = "ban",
	    .args = "ID|USERNAME",
	    .min_args = 1,
	    .max_args = -1,
	    .options = sysop_user_ban_options,
	    .summary = N_("ban a member (an id or user name): their sessions "
			  "end, logins are refused with the reason"),
	    .run = sysop_user_ban },
	{ .name = "unban",
	    .args = "ID|USERNAME",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("lift a member's ban"),
	    .run = sysop_user_unban },
	{ .name = "bans",
	    .max_args = 0,
	    .summary = N_("the banned members, and why"),
	    .run = sysop_user_bans,
	    .flags = CLI_JSON },
	{ .name = "search",
	    .args = "[WORDS...]",
	    .max_args = -1,
	    .summary =
		N_("members by user name, address or names, newest first"),
	    .run = sysop_user_search,
	    .flags = CLI_JSON },
	{ .name = "show",
	    .args = "ID|USERNAME",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("a member: account, roles, community, requests and "
			  "mentorships, sessions, logins"),
	    .run = sysop_user_show,
	    .flags = CLI_JSON },
	{ .name = "confirm",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("confirm a member's address by hand"),
	    .run = sysop_user_confirm },
	{ .name = "resend",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("mail a member a new verification code"),
	    .run = sysop_user_resend },
	{ .name = "reset",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("mail a member a password reset code"),
	    .run = sysop_user_reset },
	{ .name = "sysop",
	    .args = "ID on|off",
	    .min_args = 2,
	    .max_args = 2,
	    .summary =
		N_("make a member a sysop, or no longer (never the last)"),
	    .run = sysop_user_sysop },
	{ .name = "erase",
	    .args = "ID|USERNAME",
	    .min_args = 1,
	    .max_args = 1,
	    .options = sysop_user_erase_options,
	    .summary = N_("erase a member for good, as Delete my account "
			  "does (--confirm with the user name)"),
	    .run = sysop_user_erase },
	{ 0 },
};
