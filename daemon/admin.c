/*
 * admin: mentord's administration commands, for the operator on the host.
 * They open the state directory themselves (creating it on first use), so
 * they work whether or not the board runs.  They are rows of the command
 * table of common/cli.h, like mentor's commands; each prints its result
 * on stdout and a one-line reason on stderr when it fails.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "account.h"
#include "admin.h"
#include "auth.h"
#include "cli.h"
#include "clock.h"
#include "demo.h"
#include "error.h"
#include "json.h"
#include "lists.h"
#include "membership.h"
#include "notify.h"
#include "log.h"
#include "sshkey.h"
#include "store.h"
#include "text.h"
#include "util.h"

struct admin {
	struct board board;
	struct store *store;
	uint8_t key[BOARD_KEY_BYTES];
};

/* Read a key file (a .pub, or several keys a line each) into *out. */
static int
admin_read_keys(const char *path, char **out)
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
		    ferror(fp) ? strerror(errno) : "larger than a key file");
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
admin_user_add(void *ctx, const struct cli_call *call)
{
	static const char *const names[ACCOUNT_NFIELDS] = { "username",
		"--email", "--first", "--last", "--field", "password",
		"password", "consent" };
	struct admin *a = ctx;
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
		cli_error("at most %d fields of study", FIELDS_MAX);
		return CLI_USAGE;
	}
	for (k = 0; k < n; k++) {
		if (store_list_find(
			a->store, STORE_LIST_FIELDS, fields[k], &item) != 0 ||
		    item.retired) {
			cli_error("unknown field of study \"%s\" (see mentord "
				  "fields list)",
			    fields[k]);
			return CLI_FAIL;
		}
		field_ids[f.nfields++] = item.id;
	}
	if (!cli_flag(call, "--password-stdin") && key_file == NULL) {
		cli_error("give --password-stdin or --key FILE, or nobody can "
			  "log in as %s",
		    f.username);
		return CLI_USAGE;
	}
	if (cli_flag(call, "--password-stdin")) {
		password = cli_read_line(stdin, PASSWORD_MAX_BYTES);
		if (password == NULL) {
			cli_error("give the password on standard input, one "
				  "line of at most %d bytes",
			    PASSWORD_MAX_BYTES);
			return CLI_USAGE;
		}
	}
	if (key_file != NULL && admin_read_keys(key_file, &keys) != CLI_OK) {
		rc = CLI_FAIL;
		goto out;
	}
	f.field_ids = field_ids;
	f.password = password;
	f.password2 = password;
	rc = account_register(&a->board, &f, &e, &user_id, &mail_failed);
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
		cli_error("cannot create the account: %s", mb_strerror(rc));
		rc = CLI_FAIL;
		goto out;
	}
	if (keys != NULL) {
		rc = account_keys_add(
		    &a->board, user_id, keys, &added, &line_no, &why);
		if (rc != 0) {
			cli_error("%s line %d: %s (the account was made "
				  "without keys)",
			    key_file, line_no, why);
			rc = CLI_FAIL;
			goto out;
		}
	}
	(void)printf("created %s (%s), verified%s%s\n", f.username, f.email,
	    f.sysop ? ", sysop" : "", added > 0 ? ", with a key" : "");
	rc = CLI_OK;
out:
	if (password != NULL) {
		sodium_memzero(password, strlen(password));
		free(password);
	}
	free(keys);
	return rc;
}

/*
 * One member for user list: a line of text, or an object when ctx is a JSON
 * writer.
 */
static int
admin_user_print(void *ctx, const struct store_user *u)
{
	char display[DISPLAY_NAME_MAX], created[32];
	time_t t = (time_t)u->created_at;
	struct json *j = ctx;
	struct tm tm;

	account_display_name(u, display, sizeof(display));
	if (j != NULL) {
		const struct json_field f[] = {
			JSON_STR("username", u->username),
			JSON_STR("display_name", display),
			JSON_STR("email", u->email),
			JSON_INT("created_at", u->created_at),
			JSON_BOOL("verified", u->verified),
			JSON_BOOL("sysop", u->is_sysop),
			JSON_BOOL("demo", u->is_demo),
		};
		json_object(j, f, nitems(f));
		return 0;
	}
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(created, sizeof(created), "%Y-%m-%d", &tm) == 0)
		created[0] = '\0';
	(void)printf("%-20s %-20s %-32s %-10s %s%s%s\n", u->username, display,
	    u->email, created, u->verified ? "verified" : "unverified",
	    u->is_sysop ? " sysop" : "", u->is_demo ? " demo" : "");
	return 0;
}

/*
 * user list: every member with their private data; for the operator's eyes
 * only.
 */
static int
admin_user_list(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	struct json j;
	int rc;

	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	} else
		(void)printf("%-20s %-20s %-32s %-10s %s\n", "USERNAME",
		    "SHOWN AS", "E-MAIL", "SINCE", "STATE");
	rc =
	    store_user_each(a->store, admin_user_print, call->json ? &j : NULL);
	if (call->json) {
		json_array_end(&j);
		if (json_finish(&j) != 0)
			rc = MB_ERR_IO;
	}
	return rc == 0 ? CLI_OK : CLI_FAIL;
}

/* ---- areas and fields ---------------------------------------------------- */

/* The list a row of "areas" or "fields" works on. */
static enum store_list
admin_list_of(const struct cli_call *call)
{
	return strcmp(call->top->name, "areas") == 0 ? STORE_LIST_AREAS :
						       STORE_LIST_FIELDS;
}

/* areas list, fields list: every entry, retired ones marked. */
static int
admin_list_show(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	struct store_item *items = NULL;
	struct json j;
	size_t n = 0, i;

	if (store_list_get(a->store, admin_list_of(call), 1, &items, &n) != 0)
		return CLI_FAIL;
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_STR("name", items[i].name),
				JSON_BOOL("retired", items[i].retired),
			};
			json_object(&j, f, nitems(f));
		}
		json_array_end(&j);
		free(items);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	for (i = 0; i < n; i++)
		(void)printf("%s%s\n", items[i].name,
		    items[i].retired ? "  (retired)" : "");
	free(items);
	return CLI_OK;
}

/* areas add NAME, fields add NAME: through the rules. */
static int
admin_list_add(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;
	int64_t id;

	if (lists_add(&a->board, admin_list_of(call), call->argv[0], &id,
		&why) != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf("added \"%s\"\n", call->argv[0]);
	return CLI_OK;
}

/*
 * areas rename NAME NEW, fields rename: through the rules, which rewrite the
 * search index in the same transaction.
 */
static int
admin_list_rename(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;

	if (lists_rename(&a->board, admin_list_of(call), call->argv[0],
		call->argv[1], &why) != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf("renamed \"%s\"\n", call->argv[0]);
	return CLI_OK;
}

/*
 * areas retire NAME, fields retire: no longer offered; profiles that have it
 * keep it.
 */
static int
admin_list_retire(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;

	if (lists_retire(&a->board, admin_list_of(call), call->argv[0], &why) !=
	    0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf("retired \"%s\"\n", call->argv[0]);
	return CLI_OK;
}

/* ---- demo ---------------------------------------------------------------- */

/*
 * demo --users N [--seed S] adds fictitious members, demo --remove takes
 * them all away; a run that stops keeps what it committed, and says how
 * many.
 */
static int
admin_demo(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *users = cli_value(call, "--users"),
		   *seed = cli_value(call, "--seed"), *why = NULL;
	long n = 0, s = 1, done = 0;
	int64_t removed = 0;
	int rc;

	if (cli_flag(call, "--remove")) {
		if (users != NULL || seed != NULL) {
			cli_error("--remove takes no other option");
			return CLI_USAGE;
		}
		if (demo_remove(&a->board, &removed) != 0)
			return CLI_FAIL;
		(void)printf("removed %lld demo members\n", (long long)removed);
		return CLI_OK;
	}
	if (users == NULL) {
		cli_error("give --users N, or --remove");
		return CLI_USAGE;
	}
	rc = cli_number("--users", users, 1, DEMO_USERS_MAX, &n);
	if (rc == CLI_OK && seed != NULL)
		rc = cli_number("--seed", seed, 0, LONG_MAX, &s);
	if (rc != CLI_OK)
		return rc;
	if (demo_generate(&a->board, n, (uint64_t)s, &done, &why) != 0) {
		cli_error("demo data stopped after %ld members: %s (mentord "
			  "demo --remove takes them away)",
		    done, why);
		return CLI_FAIL;
	}
	(void)printf("added %ld demo members (about %d%% mentors)\n", n,
	    DEMO_MENTOR_PERCENT);
	return CLI_OK;
}

/* ---- membership and access codes ----------------------------------------- */

static const char *const admin_request_states[] = { "open", "approved",
	"declined" };

/* A date for the operator's lists: "2026-12-01", or "-" for none. */
static void
admin_date(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d", &tm) == 0)
		(void)snprintf(out, size, "-");
}

/* The id a word names ("12" or "#12"); CLI_USAGE (said) if none. */
static int
admin_id(const char *word, int64_t *id)
{
	long n = 0;
	int rc;

	rc =
	    cli_number("ID", word[0] == '#' ? word + 1 : word, 1, LONG_MAX, &n);
	*id = n;
	return rc;
}

static int
admin_membership_list(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	struct store_membership *rows = NULL;
	char requested[16], decided[16];
	struct json j;
	size_t n = 0, i;

	if (store_membership_list(
		a->store, cli_flag(call, "--open"), &rows, &n) != 0)
		return CLI_FAIL;
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	} else
		(void)printf("%-6s %-20s %-9s %-10s %-10s %-8s %s\n", "ID",
		    "USERNAME", "STATUS", "REQUESTED", "DECIDED", "KIND",
		    "PROGRAMME");
	for (i = 0; i < n; i++) {
		const struct store_membership *m = &rows[i];

		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", m->id),
				JSON_STR("username", m->username),
				JSON_STR(
				    "status", admin_request_states[m->state]),
				JSON_INT("requested_at", m->requested_at),
				JSON_TIME("decided_at", m->decided_at),
				JSON_BOOL("already_member", m->already_member),
				JSON_STR("programme", m->programme),
				JSON_INT("graduation_year", m->graduation_year),
				JSON_STR("relation",
				    membership_relation_word(m->relation)),
				JSON_STR("message", m->message),
				JSON_STR("reason", m->reason),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		admin_date(m->requested_at, requested, sizeof(requested));
		admin_date(m->decided_at, decided, sizeof(decided));
		(void)printf("%-6lld %-20s %-9s %-10s %-10s %-8s %s\n",
		    (long long)m->id, m->username,
		    admin_request_states[m->state], requested, decided,
		    m->already_member ? "member" : "join", m->programme);
	}
	store_membership_rows_free(rows, n);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	return CLI_OK;
}

static int
admin_membership_approve(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;
	int64_t id;
	int rc;

	rc = admin_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (membership_approve(&a->board, id, &why) != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf("approved request %lld; the access code is mailed to the "
		     "member\n",
	    (long long)id);
	return CLI_OK;
}

static int
admin_membership_decline(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;
	int64_t id;
	int rc;

	rc = admin_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (membership_decline(
		&a->board, id, cli_value(call, "--reason"), &why) != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf(
	    "declined request %lld; the member is told why\n", (long long)id);
	return CLI_OK;
}

static int
admin_codes_issue(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *count_word = cli_value(call, "--count"),
		   *days_word = cli_value(call, "--expires-days"), *why = NULL;
	char(*codes)[ACCESS_CODE_TEXT_MAX] = NULL;
	int64_t *ids = NULL;
	long count = 1, days = 0;
	struct json j;
	int i, rc = CLI_OK;

	if (count_word != NULL)
		rc = cli_number(
		    "--count", count_word, 1, ACCESS_CODES_ISSUE_MAX, &count);
	if (rc == CLI_OK && days_word != NULL)
		rc = cli_number("--expires-days", days_word, 1,
		    ACCESS_CODE_DAYS_MAX, &days);
	if (rc != CLI_OK)
		return rc;
	codes = xcalloc((size_t)count, sizeof(*codes));
	ids = xcalloc((size_t)count, sizeof(*ids));
	if (membership_codes_issue(&a->board, (int)count,
		cli_value(call, "--for"), (int)days, codes, ids, &why) != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		rc = CLI_FAIL;
		goto out;
	}
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	}
	for (i = 0; i < count; i++) {
		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", ids[i]),
				JSON_STR("code", codes[i]),
			};
			json_object(&j, f, nitems(f));
		} else
			(void)printf("%lld\t%s\n", (long long)ids[i], codes[i]);
	}
	if (call->json) {
		json_array_end(&j);
		rc = json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (!call->json)
		(void)fprintf(stderr,
		    "mentord: %ld code(s)%s%s; they cannot be shown again\n",
		    count,
		    cli_value(call, "--for") != NULL ? " for " : ", open",
		    cli_value(call, "--for") != NULL ?
			cli_value(call, "--for") :
			"");
out:
	sodium_memzero(codes, (size_t)count * sizeof(*codes));
	free(codes);
	free(ids);
	return rc;
}

/* What state a code is in, as the lists say it. */
static const char *
admin_code_state(const struct store_access_code *c, int64_t now)
{
	if (c->used_by != 0)
		return "used";
	if (c->revoked_at != 0)
		return "revoked";
	if (c->expires_at <= now)
		return "expired";
	return "usable";
}

static int
admin_codes_list(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	struct store_access_code *rows = NULL;
	char issued[16], expires[16];
	int64_t now = clock_now();
	struct json j;
	size_t n = 0, i;

	if (store_access_code_list(a->store, &rows, &n) != 0)
		return CLI_FAIL;
	if (call->json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	} else
		(void)printf("%-6s %-8s %-20s %-10s %-10s %s\n", "ID", "STATE",
		    "FOR", "ISSUED", "EXPIRES", "REQUEST");
	for (i = 0; i < n; i++) {
		const struct store_access_code *c = &rows[i];

		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", c->id),
				JSON_STR("state", admin_code_state(c, now)),
				JSON_STR("for",
				    c->user_id != 0 ? c->username : NULL),
				JSON_INT("issued_at", c->issued_at),
				JSON_INT("expires_at", c->expires_at),
				JSON_TIME("used_at", c->used_at),
				JSON_TIME("revoked_at", c->revoked_at),
				JSON_TIME("request_id", c->request_id),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		admin_date(c->issued_at, issued, sizeof(issued));
		admin_date(c->expires_at, expires, sizeof(expires));
		(void)printf("%-6lld %-8s %-20s %-10s %-10s %s%lld\n",
		    (long long)c->id, admin_code_state(c, now),
		    c->user_id != 0 ? c->username : "(open)", issued, expires,
		    c->request_id != 0 ? "#" : "-", (long long)c->request_id);
	}
	free(rows);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	return CLI_OK;
}

static int
admin_codes_revoke(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;
	int64_t id;
	int rc;

	rc = admin_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (membership_code_revoke(&a->board, id, &why) != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf("revoked code %lld\n", (long long)id);
	return CLI_OK;
}

/* ---- notifications -------------------------------------------------------- */

/* The words from argv[first] on, joined by spaces, into a string to free. */
static char *
admin_words(const struct cli_call *call, int first)
{
	size_t len = 1;
	char *text = NULL;
	int i;

	for (i = first; i < call->argc; i++)
		len += strlen(call->argv[i]) + 1;
	text = xcalloc(1, len);
	for (i = first; i < call->argc; i++) {
		if (i > first)
			(void)strcat(text, " ");
		(void)strcat(text, call->argv[i]);
	}
	return text;
}

static int
admin_notify(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;
	char *text = admin_words(call, 1);
	int rc;

	rc = notify_message(&a->board, call->argv[0], text, &why);
	free(text);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf("told %s\n", call->argv[0]);
	return CLI_OK;
}

static int
admin_announce(void *ctx, const struct cli_call *call)
{
	struct admin *a = ctx;
	const char *why = NULL;
	char *text = admin_words(call, 0);
	int64_t count = 0;
	int rc;

	rc = notify_announce(&a->board, text, &count, &why);
	free(text);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : "please try again");
		return CLI_FAIL;
	}
	(void)printf("announced to %lld members\n", (long long)count);
	return CLI_OK;
}

/* ---- the rows ------------------------------------------------------------ */

static const struct cli_option admin_user_add_options[] = {
	{ "--email", "E", CLI_VALUE | CLI_REQUIRED },
	{ "--first", "F", CLI_VALUE | CLI_REQUIRED },
	{ "--last", "L", CLI_VALUE | CLI_REQUIRED },
	{ "--field", "F", CLI_VALUE | CLI_REPEAT },
	{ "--sysop", NULL, 0 },
	{ "--key", "FILE", CLI_VALUE },
	{ "--password-stdin", NULL, 0 },
	{ 0 },
};

static const struct cli_command admin_user_subs[] = {
	{ .name = "add",
	    .args = "USERNAME",
	    .min_args = 1,
	    .max_args = 1,
	    .options = admin_user_add_options,
	    .summary = "make a confirmed member (a sysop with --sysop)",
	    .run = admin_user_add },
	{ .name = "list",
	    .max_args = 0,
	    .summary = "every member, with private data",
	    .run = admin_user_list,
	    .flags = CLI_JSON },
	{ 0 },
};

/* The same rows for both lists: the top row says which. */
static const struct cli_command admin_list_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .summary = "the entries, retired ones marked",
	    .run = admin_list_show,
	    .flags = CLI_JSON },
	{ .name = "add",
	    .args = "NAME",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = "a new entry",
	    .run = admin_list_add },
	{ .name = "rename",
	    .args = "NAME NEW",
	    .min_args = 2,
	    .max_args = 2,
	    .summary = "rename an entry (profiles keep it)",
	    .run = admin_list_rename },
	{ .name = "retire",
	    .args = "NAME",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = "no longer offered; profiles that have it keep it",
	    .run = admin_list_retire },
	{ 0 },
};

static const struct cli_option admin_demo_options[] = {
	{ "--users", "N", CLI_VALUE },
	{ "--seed", "S", CLI_VALUE },
	{ "--remove", NULL, 0 },
	{ 0 },
};

static const struct cli_option admin_membership_list_options[] = {
	{ "--open", NULL, 0 },
	{ 0 },
};

static const struct cli_option admin_decline_options[] = {
	{ "--reason", "TEXT", CLI_VALUE | CLI_REQUIRED },
	{ 0 },
};

static const struct cli_command admin_membership_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .options = admin_membership_list_options,
	    .summary = "requests to join the alumni community, oldest first",
	    .run = admin_membership_list,
	    .flags = CLI_JSON },
	{ .name = "approve",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = "approve: an access code is mailed to the member",
	    .run = admin_membership_approve },
	{ .name = "decline",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = admin_decline_options,
	    .summary = "decline; the member sees the reason, may ask again",
	    .run = admin_membership_decline },
	{ 0 },
};

static const struct cli_option admin_codes_issue_options[] = {
	{ "--count", "N", CLI_VALUE },
	{ "--for", "USERNAME", CLI_VALUE },
	{ "--expires-days", "D", CLI_VALUE },
	{ 0 },
};

static const struct cli_command admin_codes_subs[] = {
	{ .name = "issue",
	    .max_args = 0,
	    .options = admin_codes_issue_options,
	    .summary = "make access codes, open or for one member; printed "
		       "once",
	    .run = admin_codes_issue,
	    .flags = CLI_JSON },
	{ .name = "list",
	    .max_args = 0,
	    .summary = "the codes and their state, never the codes",
	    .run = admin_codes_list,
	    .flags = CLI_JSON },
	{ .name = "revoke",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = "a code that was not used stops working",
	    .run = admin_codes_revoke },
	{ 0 },
};

static const struct cli_command admin_rows[] = {
	{ .name = "user", .summary = "members", .subs = admin_user_subs },
	{ .name = "areas",
	    .summary = "the areas of help",
	    .subs = admin_list_subs },
	{ .name = "fields",
	    .summary = "the fields of study",
	    .subs = admin_list_subs },
	{ .name = "membership",
	    .summary = "the alumni community's membership requests",
	    .subs = admin_membership_subs },
	{ .name = "codes",
	    .summary = "access codes to the alumni community",
	    .subs = admin_codes_subs },
	{ .name = "notify",
	    .args = "USERNAME TEXT...",
	    .min_args = 2,
	    .max_args = -1,
	    .summary = "a notification from the mentoring team to a member",
	    .run = admin_notify },
	{ .name = "announce",
	    .args = "TEXT...",
	    .min_args = 1,
	    .max_args = -1,
	    .summary = "a notification to every member: live to those online",
	    .run = admin_announce },
	{ .name = "demo",
	    .max_args = 0,
	    .options = admin_demo_options,
	    .summary = "fictitious members to try the board with",
	    .run = admin_demo },
	{ 0 },
};

static const struct cli_command *const admin_groups[] = { admin_rows, NULL };

void
admin_usage(FILE *fp)
{
	const struct cli_command *row = NULL;
	char usage[CLI_USAGE_MAX], *p = NULL, *bar = NULL;

	for (row = admin_rows; row->name != NULL; row++) {
		cli_usage(row, NULL, usage, sizeof(usage));
		for (p = usage; p != NULL; p = bar) {
			bar = strstr(p, " | ");
			(void)fprintf(fp, "  mentord %.*s\n",
			    (int)(bar != NULL ? (size_t)(bar - p) : strlen(p)),
			    p);
			if (bar != NULL)
				bar += 3;
		}
	}
}

/* Open (or make) the state directory's key and database. */
static int
admin_open(const struct config *cfg, struct admin *a)
{
	char path[PATH_MAX];
	int rc;

	if (mkdir(cfg->state_dir, 0700) != 0 && errno != EEXIST) {
		cli_error("%s: %s", cfg->state_dir, strerror(errno));
		return MB_ERR_IO;
	}
	rc = auth_board_key_load(cfg->state_dir, 1, a->key);
	if (rc == 0)
		rc = path_join(
		    path, sizeof(path), cfg->state_dir, STORE_FILE_NAME);
	if (rc == 0)
		rc = store_open(path, &a->store);
	if (rc != 0) {
		cli_error("cannot open the board in %s: %s", cfg->state_dir,
		    mb_strerror(rc));
		return rc;
	}
	a->board.store = a->store;
	a->board.cfg = cfg;
	a->board.key = a->key;
	return 0;
}

int
admin_run(const struct config *cfg, int argc, char **argv)
{
	struct cli_call call;
	struct admin a;
	int status;

	cli_set_program("mentord", "mentord ");
	if (cli_find(admin_groups, argv[0]) == NULL) {
		cli_error(
		    "unknown command \"%s\" (see mentord --help)", argv[0]);
		return CLI_USAGE;
	}
	status = cli_parse(admin_groups, argc, argv, &call);
	if (status != CLI_OK)
		return status;
	memset(&a, 0, sizeof(a));
	if (admin_open(cfg, &a) != 0)
		return CLI_FAIL;
	status = call.row->run(&a, &call);
	store_close(a.store);
	sodium_memzero(a.key, sizeof(a.key));
	if (fflush(stdout) != 0 && status == CLI_OK)
		status = CLI_FAIL;
	return status;
}
