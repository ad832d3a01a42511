/*
 * admin: mentord's administration commands, for the operator on the host.
 * They open the state directory themselves (creating it on first use), so
 * they work whether or not the board runs.  A table maps the first word to
 * a function; each prints its result on stdout and a one-line reason on
 * stderr when it fails.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "account.h"
#include "admin.h"
#include "auth.h"
#include "demo.h"
#include "error.h"
#include "log.h"
#include "sshkey.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define ADMIN_OK 0
#define ADMIN_FAIL 1
#define ADMIN_USAGE 2

struct admin {
	struct board board;
	struct store *store;
	uint8_t key[BOARD_KEY_BYTES];
};

struct admin_command {
	const char *name;
	const char *usage;
	int (*run)(struct admin *a, int argc, char **argv);
};

static void admin_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static void
admin_error(const char *fmt, ...)
{
	va_list ap;

	(void)fputs("mentord: ", stderr);
	va_start(ap, fmt);
	(void)vfprintf(stderr, fmt, ap);
	va_end(ap);
	(void)fputc('\n', stderr);
}

/* Read all of fp into a string, at most max bytes. */
static char *
admin_read_all(FILE *fp, size_t max, int *too_long)
{
	size_t len = 0, cap = 4096, n;
	char *buf = xmalloc(cap);

	*too_long = 0;
	for (;;) {
		if (len + 1 == cap) {
			if (cap > max) {
				*too_long = 1;
				break;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len - 1, fp);
		len += n;
		if (n == 0)
			break;
	}
	buf[len] = '\0';
	if (len > max)
		*too_long = 1;
	return buf;
}

/* ---- user --------------------------------------------------------------- */

static int
admin_user_add(struct admin *a, int argc, char **argv)
{
	int64_t field_ids[FIELDS_MAX], user_id = 0;
	struct account_form f;
	struct account_errors e;
	struct store_item item;
	const char *key_file = NULL, *why = NULL;
	static const char *const names[ACCOUNT_NFIELDS] = { "username",
		"--email", "--first", "--last", "--field", "password",
		"password", "consent" };
	char *password = NULL, *keys = NULL;
	int i, mail_failed = 0, added = 0, line_no = 0, too_long, rc;
	size_t k;
	FILE *fp = NULL;

	memset(&f, 0, sizeof(f));
	f.by_admin = 1;
	if (argc < 3) {
		admin_error("usage: mentord user add USERNAME --email E "
			    "--first F --last L [--field F]... [--sysop] "
			    "[--key FILE] [--password-stdin]");
		return ADMIN_USAGE;
	}
	f.username = argv[2];
	for (i = 3; i < argc; i++) {
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(opt, "--sysop") == 0)
			f.sysop = 1;
		else if (strcmp(opt, "--password-stdin") == 0) {
			password = admin_read_all(
			    stdin, PASSWORD_MAX_BYTES + 1, &too_long);
			password[strcspn(password, "\r\n")] = '\0';
			if (too_long) {
				admin_error("password too long");
				rc = ADMIN_USAGE;
				goto out;
			}
		} else if (val == NULL) {
			admin_error("%s needs a value", opt);
			rc = ADMIN_USAGE;
			goto out;
		} else if (strcmp(opt, "--email") == 0)
			f.email = argv[++i];
		else if (strcmp(opt, "--first") == 0)
			f.first_name = argv[++i];
		else if (strcmp(opt, "--last") == 0)
			f.last_name = argv[++i];
		else if (strcmp(opt, "--key") == 0)
			key_file = argv[++i];
		else if (strcmp(opt, "--field") == 0) {
			i++;
			if (f.nfields == FIELDS_MAX) {
				admin_error(
				    "at most %d fields of study", FIELDS_MAX);
				rc = ADMIN_USAGE;
				goto out;
			}
			if (store_list_find(
				a->store, STORE_LIST_FIELDS, val, &item) != 0 ||
			    item.retired) {
				admin_error("unknown field of study \"%s\" "
					    "(see mentord fields list)",
				    val);
				rc = ADMIN_FAIL;
				goto out;
			}
			field_ids[f.nfields++] = item.id;
		} else {
			admin_error("unknown option %s", opt);
			rc = ADMIN_USAGE;
			goto out;
		}
	}
	if (f.email == NULL || f.first_name == NULL || f.last_name == NULL) {
		admin_error("--email, --first and --last are required");
		rc = ADMIN_USAGE;
		goto out;
	}
	if (password == NULL && key_file == NULL) {
		admin_error("give --password-stdin or --key FILE, or nobody "
			    "can log in as %s",
		    f.username);
		rc = ADMIN_USAGE;
		goto out;
	}
	if (key_file != NULL) {
		fp = fopen(key_file, "r");
		if (fp == NULL) {
			admin_error("%s: %s", key_file, strerror(errno));
			rc = ADMIN_FAIL;
			goto out;
		}
		keys = admin_read_all(fp, KEYS_INPUT_MAX, &too_long);
		(void)fclose(fp);
		if (too_long) {
			admin_error("%s: larger than a key file", key_file);
			rc = ADMIN_FAIL;
			goto out;
		}
	}
	f.field_ids = field_ids;
	f.password = password;
	f.password2 = password;
	rc = account_register(&a->board, &f, &e, &user_id, &mail_failed);
	if (rc == MB_ERR_INVALID) {
		for (k = 0; k < ACCOUNT_NFIELDS; k++) {
			if (e.why[k] != NULL) {
				admin_error("%s %s", names[k], e.why[k]);
				break;
			}
		}
		rc = ADMIN_FAIL;
		goto out;
	}
	if (rc != 0) {
		admin_error("cannot create the account: %s", mb_strerror(rc));
		rc = ADMIN_FAIL;
		goto out;
	}
	if (keys != NULL) {
		rc = account_keys_add(
		    &a->board, user_id, keys, &added, &line_no, &why);
		if (rc != 0) {
			admin_error("%s line %d: %s (the account was made "
				    "without keys)",
			    key_file, line_no, why);
			rc = ADMIN_FAIL;
			goto out;
		}
	}
	(void)printf("created %s (%s), verified%s%s\n", f.username, f.email,
	    f.sysop ? ", sysop" : "", added > 0 ? ", with a key" : "");
	rc = ADMIN_OK;
out:
	if (password != NULL) {
		sodium_memzero(password, strlen(password));
		free(password);
	}
	free(keys);
	return rc;
}

static int
admin_user_print(void *ctx, const struct store_user *u)
{
	char display[DISPLAY_NAME_MAX], created[32];
	time_t t = (time_t)u->created_at;
	struct tm tm;

	(void)ctx;
	account_display_name(u, display, sizeof(display));
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(created, sizeof(created), "%Y-%m-%d", &tm) == 0)
		created[0] = '\0';
	(void)printf("%-20s %-20s %-32s %-10s %s%s%s\n", u->username, display,
	    u->email, created, u->verified ? "verified" : "unverified",
	    u->is_sysop ? " sysop" : "", u->is_demo ? " demo" : "");
	return 0;
}

static int
admin_user_list(struct admin *a, int argc, char **argv)
{
	(void)argv;
	if (argc != 2) {
		admin_error("usage: mentord user list");
		return ADMIN_USAGE;
	}
	(void)printf("%-20s %-20s %-32s %-10s %s\n", "USERNAME", "SHOWN AS",
	    "E-MAIL", "SINCE", "STATE");
	return store_user_each(a->store, admin_user_print, NULL) == 0 ?
	    ADMIN_OK :
	    ADMIN_FAIL;
}

static int
admin_user(struct admin *a, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return admin_user_add(a, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return admin_user_list(a, argc, argv);
	admin_error("usage: mentord user add|list ...");
	return ADMIN_USAGE;
}

/* ---- areas and fields ---------------------------------------------------- */

static int
admin_list(struct admin *a, enum store_list list, const char *what, int argc,
    char **argv)
{
	struct store_item *items = NULL, item;
	const char *why = NULL;
	size_t n = 0, i;
	int64_t id;
	int rc;

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		rc = store_list_get(a->store, list, 1, &items, &n);
		if (rc != 0)
			return ADMIN_FAIL;
		for (i = 0; i < n; i++)
			(void)printf("%s%s\n", items[i].name,
			    items[i].retired ? "  (retired)" : "");
		free(items);
		return ADMIN_OK;
	}
	if (argc == 3 && strcmp(argv[1], "add") == 0) {
		if (text_check_line(argv[2], 1, 100, &why) != 0) {
			admin_error("the name %s", why);
			return ADMIN_FAIL;
		}
		rc = store_list_add(a->store, list, argv[2], &id);
		if (rc == MB_ERR_EXISTS)
			admin_error("\"%s\" is on the list already", argv[2]);
		else if (rc == 0)
			(void)printf("added %s \"%s\"\n", what, argv[2]);
		return rc == 0 ? ADMIN_OK : ADMIN_FAIL;
	}
	if ((argc == 4 && strcmp(argv[1], "rename") == 0) ||
	    (argc == 3 && strcmp(argv[1], "retire") == 0)) {
		if (store_list_find(a->store, list, argv[2], &item) != 0) {
			admin_error("no %s called \"%s\"", what, argv[2]);
			return ADMIN_FAIL;
		}
		if (strcmp(argv[1], "retire") == 0)
			rc = store_list_retire(a->store, list, item.id);
		else if (text_check_line(argv[3], 1, 100, &why) != 0) {
			admin_error("the new name %s", why);
			return ADMIN_FAIL;
		} else {
			rc = store_begin(a->store);
			if (rc == 0)
				rc = store_list_rename(
				    a->store, list, item.id, argv[3]);
			/* Searches find the new name from now on. */
			if (rc == 0)
				rc = store_search_rewrite_all(a->store);
			if (rc == 0)
				rc = store_commit(a->store);
			else
				store_rollback(a->store);
		}
		if (rc == MB_ERR_EXISTS)
			admin_error("\"%s\" is on the list already", argv[3]);
		else if (rc == 0)
			(void)printf("%s \"%s\"\n",
			    argc == 3 ? "retired" : "renamed", argv[2]);
		return rc == 0 ? ADMIN_OK : ADMIN_FAIL;
	}
	admin_error("usage: mentord %s list | add NAME | rename NAME NEW | "
		    "retire NAME",
	    argv[0]);
	return ADMIN_USAGE;
}

static int
admin_areas(struct admin *a, int argc, char **argv)
{
	return admin_list(a, STORE_LIST_AREAS, "area of help", argc, argv);
}

static int
admin_fields(struct admin *a, int argc, char **argv)
{
	return admin_list(a, STORE_LIST_FIELDS, "field of study", argc, argv);
}

static int
admin_demo(struct admin *a, int argc, char **argv)
{
	return demo_run(a->store, argc, argv);
}

static const struct admin_command admin_commands[] = {
	{ "user",
	    "user add USERNAME --email E --first F --last L [--field F]... "
	    "[--sysop] [--key FILE] [--password-stdin]\n"
	    "  mentord user list",
	    admin_user },
	{ "areas", "areas list | add NAME | rename NAME NEW | retire NAME",
	    admin_areas },
	{ "fields", "fields list | add NAME | rename NAME NEW | retire NAME",
	    admin_fields },
	{ "demo", "demo --users N [--seed S] | demo --remove", admin_demo },
};

void
admin_usage(FILE *fp)
{
	size_t i;

	for (i = 0; i < nitems(admin_commands); i++)
		(void)fprintf(fp, "  mentord %s\n", admin_commands[i].usage);
}

/* Open (or make) the state directory's key and database. */
static int
admin_open(const struct config *cfg, struct admin *a)
{
	char path[PATH_MAX];
	int rc;

	if (mkdir(cfg->state_dir, 0700) != 0 && errno != EEXIST) {
		admin_error("%s: %s", cfg->state_dir, strerror(errno));
		return MB_ERR_IO;
	}
	rc = auth_board_key_load(cfg->state_dir, 1, a->key);
	if (rc == 0)
		rc = path_join(
		    path, sizeof(path), cfg->state_dir, STORE_FILE_NAME);
	if (rc == 0)
		rc = store_open(path, &a->store);
	if (rc != 0) {
		admin_error("cannot open the board in %s: %s", cfg->state_dir,
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
	struct admin a;
	size_t i;
	int status;

	for (i = 0; i < nitems(admin_commands); i++) {
		if (strcmp(argv[0], admin_commands[i].name) == 0)
			break;
	}
	if (i == nitems(admin_commands)) {
		admin_error(
		    "unknown command \"%s\" (see mentord --help)", argv[0]);
		return ADMIN_USAGE;
	}
	memset(&a, 0, sizeof(a));
	if (admin_open(cfg, &a) != 0)
		return ADMIN_FAIL;
	status = admin_commands[i].run(&a, argc, argv);
	store_close(a.store);
	sodium_memzero(a.key, sizeof(a.key));
	if (fflush(stdout) != 0 && status == ADMIN_OK)
		status = ADMIN_FAIL;
	return status;
}
