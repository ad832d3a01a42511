/*
 * Unit tests of common/account.c: registration, verification by a mailed
 * code, password change and reset, SSH keys.  Each test gets a fresh
 * database and state directory; mail goes to DIR/mail.out through "cat".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <regex.h>
#include <sodium.h>

#include "account.h"
#include "auth.h"
#include "clock.h"
#include "config.h"
#include "error.h"
#include "mail_queue.h"
#include "sshkey.h"
#include "store.h"
#include "store_internal.h"
#include "test_util.h"
#include "util.h"

#define TEST_PATH_MAX 512
#define TEST_PASSWORD "correct horse battery"
#define TEST_PASSWORD2 "another good passphrase"
#define TEST_KEYS (KEYS_PER_USER_MAX + 1) /* ed25519 keys made once */
#define TEST_TEXT_MAX (64 * 1024)
#define TEST_RATE_STEP 120 /* seconds codes are aged to pass the interval */
#define TEST_DAY (24 * 3600)

/* Keys made once for the whole binary: DIR/k0 .. DIR/k16 (.pub). */
static char keys_dir[] = "/tmp/mb-unit-keys-XXXXXX";

/* ---- helpers --------------------------------------------------------- */

#define TEST_ACCOUNT(fn) TEST_BOARD(fn)

/* The whole of a file, NUL-terminated, or NULL if it does not exist. */
static char *
read_file(const char *path)
{
	char *buf = NULL;
	FILE *fp = NULL;
	size_t n;

	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	buf = malloc(TEST_TEXT_MAX + 1);
	assert_non_null(buf);
	n = fread(buf, 1, TEST_TEXT_MAX, fp);
	assert_int_equal(ferror(fp), 0);
	assert_int_equal(fclose(fp), 0);
	buf[n] = '\0';
	return buf;
}

/* Number of matches of the extended, line-anchored regex re in s. */
static int
count_matches(const char *s, const char *re)
{
	regex_t rx;
	regmatch_t m;
	int count = 0;

	assert_int_equal(regcomp(&rx, re, REG_EXTENDED | REG_NEWLINE), 0);
	while (regexec(&rx, s, 1, &m, 0) == 0) {
		count++;
		s += m.rm_eo > 0 ? m.rm_eo : 1;
	}
	regfree(&rx);
	return count;
}

/* Send what the rules queued, as the housekeeping does. */
static void
mail_flush(struct test_board *f)
{
	int sent = 0;

	assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
}

/* How many mails went out. */
static int
mail_count(struct test_board *f)
{
	char *text = NULL;
	int n;

	mail_flush(f);
	text = read_file(f->mail_path);
	if (text == NULL)
		return 0;
	n = count_matches(text, "^Subject: ");
	free(text);
	return n;
}

/*
 * The last mail (caller frees), and its code, the line "    XXXXX-XXXXX"
 * of the body, into code (CODE_TEXT_MAX).
 */
static char *
mail_last(struct test_board *f, char *code)
{
	char *text = NULL, *last = NULL, *p = NULL;
	const char *s = NULL;
	regex_t rx;
	regmatch_t m[2];
	int found = 0;

	mail_flush(f);
	text = read_file(f->mail_path);
	assert_non_null(text);
	/* Each message starts with its From: header. */
	last = text;
	for (p = strstr(text, "\nFrom: "); p != NULL;
	     p = strstr(p + 1, "\nFrom: "))
		last = p + 1;
	assert_int_equal(regcomp(&rx, "^    ([0-9A-Z]{5}-[0-9A-Z]{5})$",
			     REG_EXTENDED | REG_NEWLINE),
	    0);
	for (s = last; regexec(&rx, s, 2, m, 0) == 0; s += m[0].rm_eo) {
		assert_int_equal(m[1].rm_eo - m[1].rm_so, CODE_CHARS + 1);
		memcpy(code, s + m[1].rm_so, CODE_CHARS + 1);
		code[CODE_CHARS + 1] = '\0';
		found++;
	}
	regfree(&rx);
	assert_int_equal(found, 1);
	last = strdup(last);
	assert_non_null(last);
	free(text);
	return last;
}

/* The code of the last mail. */
static void
mail_last_code(struct test_board *f, char *code)
{
	free(mail_last(f, code));
}

/* A code of the right form that is not code. */
static void
code_other(const char *code, char *out)
{
	memcpy(out, code, CODE_TEXT_MAX);
	out[0] = code[0] == 'A' ? 'B' : 'A';
}

static void
exec_sql(struct test_board *f, const char *sql)
{
	assert_int_equal(
	    sqlite3_exec(f->t->st->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Pretend every code was made seconds earlier. */
static void
age_codes(struct test_board *f, int seconds)
{
	char sql[128];

	(void)snprintf(sql, sizeof(sql),
	    "UPDATE code SET created_at = created_at - %d", seconds);
	exec_sql(f, sql);
}

static int64_t
field_id(struct test_board *f, const char *name)
{
	struct store_item item;

	assert_int_equal(
	    store_list_find(f->t->st, STORE_LIST_FIELDS, name, &item), 0);
	return item.id;
}

static int
count_user(void *ctx, const struct store_user *u)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

static int
user_count(struct test_board *f)
{
	int n = 0;

	assert_int_equal(store_user_each(f->t->st, count_user, &n), 0);
	return n;
}

/* A good form for anna, fields from ids (two of them). */
static void
form_anna(struct account_form *form, const int64_t *ids)
{
	memset(form, 0, sizeof(*form));
	form->username = "anna";
	form->email = "anna@example.org";
	form->first_name = "Anna";
	form->last_name = "Klein";
	form->field_ids = ids;
	form->nfields = 2;
	form->password = TEST_PASSWORD;
	form->password2 = TEST_PASSWORD;
	form->consent = 1;
}

/*
 * Register a member without a password (no argon2id cost): verified and
 * without mail when by_admin.
 */
static int64_t
add_user(
    struct test_board *f, const char *username, const char *email, int by_admin)
{
	struct account_form form;
	struct account_errors e;
	int64_t ids[1], id = 0;
	int mail_failed = -1;

	ids[0] = field_id(f, "Physics");
	memset(&form, 0, sizeof(form));
	form.username = username;
	form.email = email;
	form.first_name = "Test";
	form.last_name = "User";
	form.field_ids = ids;
	form.nfields = 1;
	form.consent = 1;
	form.by_admin = by_admin;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	assert_int_equal(mail_failed, 0);
	assert_true(id > 0);
	return id;
}

static struct store_user
get_user(struct test_board *f, int64_t id)
{
	struct store_user u;

	assert_int_equal(store_user_get(f->t->st, id, &u), 0);
	return u;
}

/* Text of keys_dir/k<i>.pub, appended to buf (TEST_TEXT_MAX). */
static void
key_text_append(char *buf, int i, const char *eol)
{
	char path[TEST_PATH_MAX], *text = NULL;

	(void)snprintf(path, sizeof(path), "%s/k%d.pub", keys_dir, i);
	text = read_file(path);
	assert_non_null(text);
	text[strcspn(text, "\n")] = '\0';
	assert_true(strlen(buf) + strlen(text) + strlen(eol) < TEST_TEXT_MAX);
	strcat(buf, text);
	strcat(buf, eol);
	free(text);
}

/* What ssh-keygen -l prints as the fingerprint of keys_dir/k<i>.pub. */
static void
key_fingerprint(int i, char *out, size_t size)
{
	char cmd[TEST_PATH_MAX + 32], line[512], fp[256];
	FILE *p = NULL;

	(void)snprintf(
	    cmd, sizeof(cmd), "ssh-keygen -lf '%s/k%d.pub'", keys_dir, i);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_non_null(fgets(line, sizeof(line), p));
	assert_int_equal(pclose(p), 0);
	assert_int_equal(sscanf(line, "%*d %255s", fp), 1);
	assert_true(strncmp(fp, "SHA256:", 7) == 0);
	assert_true(strlen(fp) < size);
	strcpy(out, fp);
}

/* ---- user names and passwords ---------------------------------------- */

static void
test_check_username(void **state)
{
	char name[USERNAME_MAX + 2];
	const char *why = NULL;

	(void)state;
	assert_int_equal(account_check_username("anna", 0, &why), 0);
	assert_int_equal(account_check_username("a_b-9", 0, &why), 0);
	assert_int_equal(account_check_username("abc", 0, &why), 0);
	assert_int_equal(account_check_username("x-", 0, &why), MB_ERR_INVALID);
	memset(name, 'n', sizeof(name));
	name[USERNAME_MAX] = '\0';
	assert_int_equal(account_check_username(name, 0, &why), 0);
	name[USERNAME_MAX] = 'n';
	name[USERNAME_MAX + 1] = '\0';
	why = NULL;
	assert_int_equal(account_check_username(name, 0, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "3 to 32"));
	why = NULL;
	assert_int_equal(account_check_username("ab", 0, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "3 to 32"));
	assert_int_equal(account_check_username("", 0, &why), MB_ERR_INVALID);
	why = NULL;
	assert_int_equal(
	    account_check_username("Anna", 0, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "a-z"));
	assert_int_equal(
	    account_check_username("an na", 0, &why), MB_ERR_INVALID);
	assert_int_equal(
	    account_check_username("anna!", 0, &why), MB_ERR_INVALID);
	assert_int_equal(
	    account_check_username("an.na", 0, &why), MB_ERR_INVALID);
	assert_int_equal(
	    account_check_username("\xc3\xa4nna", 0, &why), MB_ERR_INVALID);
	assert_int_equal(
	    account_check_username("anna\n", 0, &why), MB_ERR_INVALID);
	why = NULL;
	assert_int_equal(
	    account_check_username("-anna", 0, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "start"));
	why = NULL;
	assert_int_equal(
	    account_check_username("guest", 0, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "reserved"));
	why = NULL;
	assert_int_equal(
	    account_check_username("root", 0, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "reserved"));
	/* The team may give the names kept from members, never "guest". */
	assert_int_equal(account_check_username("root", 1, &why), 0);
	assert_int_equal(account_check_username("sysop", 1, &why), 0);
	assert_int_equal(account_check_username("support", 1, &why), 0);
	why = NULL;
	assert_int_equal(
	    account_check_username("guest", 1, &why), MB_ERR_INVALID);
	assert_non_null(strstr(why, "reserved"));
	assert_int_equal(
	    account_check_username("Root", 1, &why), MB_ERR_INVALID);
	/* Reserved names only as whole names. */
	assert_int_equal(account_check_username("rooted", 0, &why), 0);
	assert_int_equal(account_check_username("guest1", 0, &why), 0);
}

static void
test_check_password(void **state)
{
	char long_pw[PASSWORD_MAX_BYTES + 2];
	const char *why = NULL;

	(void)state;
	assert_int_equal(account_check_password(
			     TEST_PASSWORD, "anna", "anna@example.org", &why),
	    0);
	why = NULL;
	assert_int_equal(
	    account_check_password("123456789", "anna", NULL, &why),
	    MB_ERR_INVALID);
	assert_non_null(strstr(why, "10"));
	assert_int_equal(
	    account_check_password("1234567890", "anna", NULL, &why), 0);
	/* Characters, not bytes: nine "é" are nine. */
	assert_int_equal(account_check_password("\xc3\xa9\xc3\xa9\xc3\xa9"
						"\xc3\xa9\xc3\xa9\xc3\xa9"
						"\xc3\xa9\xc3\xa9\xc3\xa9",
			     "anna", NULL, &why),
	    MB_ERR_INVALID);
	assert_int_equal(account_check_password("\xc3\xa9\xc3\xa9\xc3\xa9"
						"\xc3\xa9\xc3\xa9\xc3\xa9"
						"\xc3\xa9\xc3\xa9\xc3\xa9x",
			     "anna", NULL, &why),
	    0);
	assert_int_equal(
	    account_check_password("long enough\n", "anna", NULL, &why),
	    MB_ERR_INVALID);
	assert_int_equal(
	    account_check_password("long enough\xff", "anna", NULL, &why),
	    MB_ERR_INVALID);
	memset(long_pw, 'p', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0';
	assert_int_equal(account_check_password(long_pw, "anna", NULL, &why),
	    MB_ERR_INVALID);
	long_pw[PASSWORD_MAX_BYTES] = '\0';
	assert_int_equal(
	    account_check_password(long_pw, "anna", NULL, &why), 0);
	why = NULL;
	assert_int_equal(
	    account_check_password("annabelle-k", "annabelle-k", NULL, &why),
	    MB_ERR_INVALID);
	assert_non_null(strstr(why, "user name"));
	assert_int_equal(account_check_password("Anna@Example.org", "anna",
			     "anna@example.org", &why),
	    MB_ERR_INVALID);
}

/* ---- registration ---------------------------------------------------- */

static void
test_register_ok(void **state)
{
	struct test_board *f = *state;
	struct account_form form;
	struct account_errors e;
	struct store_item *items = NULL;
	struct store_user u;
	char code[CODE_TEXT_MAX], hash[AUTH_HASH_STR_MAX], *mail = NULL;
	char want[128];
	int64_t ids[2], id = 0, pid = 0;
	int mail_failed = -1;
	size_t n = 0, i;

	ids[0] = field_id(f, "Physics");
	ids[1] = field_id(f, "Biology");
	form_anna(&form, ids);
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	assert_true(id > 0);
	assert_int_equal(mail_failed, 0);
	for (i = 0; i < ACCOUNT_NFIELDS; i++)
		assert_null(e.why[i]);
	u = get_user(f, id);
	assert_string_equal(u.username, "anna");
	assert_string_equal(u.email, "anna@example.org");
	assert_string_equal(u.first_name, "Anna");
	assert_string_equal(u.last_name, "Klein");
	assert_int_equal(u.verified, 0);
	assert_int_equal(u.is_sysop, 0);
	assert_int_equal(u.has_password, 1);
	assert_int_equal(store_user_fields(f->t->st, id, &items, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].name, "Biology");
	assert_string_equal(items[1].name, "Physics");
	free(items);
	/* The password is stored as argon2id and checks. */
	assert_int_equal(
	    store_user_password(f->t->st, "anna", &pid, hash, sizeof(hash)), 0);
	assert_int_equal(pid, id);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_int_equal(
	    auth_password_verify(f->cfg.state_dir, hash, TEST_PASSWORD), 0);
	/* One mail, to anna, with the code and the command that uses it. */
	assert_int_equal(mail_count(f), 1);
	mail = mail_last(f, code);
	assert_non_null(strstr(mail, "anna@example.org"));
	assert_non_null(strstr(
	    mail, "Subject: Confirm your e-mail address for Mentorboard"));
	assert_non_null(strstr(mail, "Hello Anna,"));
	(void)snprintf(want, sizeof(want),
	    "ssh -t -p 2222 anna@localhost verify %s", code);
	assert_non_null(strstr(mail, want));
	assert_null(strstr(mail, TEST_PASSWORD));
	free(mail);
	/* The code is stored only as a keyed hash, and for anna. */
	{
		char canonical[CODE_CHARS + 1];
		uint8_t h[KEYED_HASH_BYTES];
		int64_t owner = 0;

		assert_int_equal(auth_code_normalize(code, canonical), 0);
		auth_code_hash(f->key, canonical, h);
		assert_int_equal(store_code_owner(f->t->st, STORE_CODE_VERIFY,
				     h, sizeof(h), CODE_MAX_ATTEMPTS, &owner),
		    0);
		assert_int_equal(owner, id);
	}
}

/* A refused form: MB_ERR_INVALID, reasons exactly at want, nothing made. */
static void
assert_refused(struct test_board *f, const struct account_form *form,
    const int *want, size_t nwant)
{
	struct account_errors e;
	int64_t id = -1;
	int mail_failed = -1;
	size_t i, k;

	assert_int_equal(account_register(&f->b, form, &e, &id, &mail_failed),
	    MB_ERR_INVALID);
	for (i = 0; i < ACCOUNT_NFIELDS; i++) {
		int wanted = 0;

		for (k = 0; k < nwant; k++)
			wanted |= want[k] == (int)i;
		if (wanted && e.why[i] == NULL)
			fail_msg("no reason for field %zu", i);
		if (!wanted && e.why[i] != NULL)
			fail_msg("field %zu refused: %s", i, e.why[i]);
	}
	assert_int_equal(id, -1);
	assert_int_equal(user_count(f), 0);
	assert_int_equal(mail_count(f), 0);
}

static void
test_register_field_errors(void **state)
{
	struct test_board *f = *state;
	struct account_form form;
	int64_t ids[FIELDS_MAX + 1], good[2], retired[1];
	char long_name[NAME_MAX_CHARS + 2];
	size_t i;

	good[0] = field_id(f, "Physics");
	good[1] = field_id(f, "Biology");
	{
		struct store_item *items = NULL;
		size_t n = 0;

		assert_int_equal(
		    store_list_get(f->t->st, STORE_LIST_FIELDS, 0, &items, &n),
		    0);
		assert_true(n > FIELDS_MAX);
		for (i = 0; i < FIELDS_MAX + 1; i++)
			ids[i] = items[i].id;
		free(items);
	}

	/* Many bad fields at once, each reported where it belongs. */
	{
		const int want[] = { ACCOUNT_USERNAME, ACCOUNT_EMAIL,
			ACCOUNT_FIRST_NAME, ACCOUNT_FIELDS, ACCOUNT_PASSWORD,
			ACCOUNT_CONSENT };

		form_anna(&form, good);
		form.username = "A!";
		form.email = "not-an-address";
		form.first_name = "";
		form.nfields = 0;
		form.password = "short";
		form.password2 = "short";
		form.consent = 0;
		assert_refused(f, &form, want, nitems(want));
	}
	/* One at a time. */
	{
		const int want[] = { ACCOUNT_USERNAME };

		form_anna(&form, good);
		form.username = "guest";
		assert_refused(f, &form, want, 1);
		form.username = "-anna";
		assert_refused(f, &form, want, 1);
	}
	{
		const int want[] = { ACCOUNT_EMAIL };

		form_anna(&form, good);
		form.email = "anna@localhost";
		assert_refused(f, &form, want, 1);
		form.email = "anna@example.org\nBcc: x@example.org";
		assert_refused(f, &form, want, 1);
	}
	{
		const int want[] = { ACCOUNT_FIRST_NAME };

		form_anna(&form, good);
		form.first_name = "An\nna";
		assert_refused(f, &form, want, 1);
		form.first_name = " Anna";
		assert_refused(f, &form, want, 1);
		/* A look-alike of Anna, and a blank name. */
		form.first_name = "An\u200bna";
		assert_refused(f, &form, want, 1);
		form.first_name = "\u3164";
		assert_refused(f, &form, want, 1);
		form.first_name = "Anna2";
		assert_refused(f, &form, want, 1);
	}
	{
		const int want[] = { ACCOUNT_LAST_NAME };

		form_anna(&form, good);
		memset(long_name, 'k', sizeof(long_name) - 1);
		long_name[sizeof(long_name) - 1] = '\0';
		form.last_name = long_name;
		assert_refused(f, &form, want, 1);
		form.last_name = "";
		assert_refused(f, &form, want, 1);
	}
	{
		const int want[] = { ACCOUNT_FIELDS };
		int64_t unknown[1] = { 999999 };

		form_anna(&form, good);
		form.field_ids = ids;
		form.nfields = FIELDS_MAX + 1;
		assert_refused(f, &form, want, 1);
		form.nfields = 0;
		assert_refused(f, &form, want, 1);
		form.field_ids = unknown;
		form.nfields = 1;
		assert_refused(f, &form, want, 1);
		/* A retired field cannot be chosen anew. */
		retired[0] = field_id(f, "Theology");
		assert_int_equal(
		    store_list_retire(f->t->st, STORE_LIST_FIELDS, retired[0]),
		    0);
		form.field_ids = retired;
		assert_refused(f, &form, want, 1);
	}
	{
		const int want[] = { ACCOUNT_PASSWORD };

		form_anna(&form, good);
		form.password = "123456789";
		form.password2 = "123456789";
		assert_refused(f, &form, want, 1);
		form.username = "annabelle-k";
		form.password = "annabelle-k";
		form.password2 = "annabelle-k";
		assert_refused(f, &form, want, 1);
		form.password = "ANNA@example.org";
		form.password2 = "ANNA@example.org";
		assert_refused(f, &form, want, 1);
	}
	{
		const int want[] = { ACCOUNT_PASSWORD2 };

		form_anna(&form, good);
		form.password2 = TEST_PASSWORD "!";
		assert_refused(f, &form, want, 1);
		form.password2 = NULL;
		assert_refused(f, &form, want, 1);
	}
	{
		const int want[] = { ACCOUNT_CONSENT };

		form_anna(&form, good);
		form.consent = 0;
		assert_refused(f, &form, want, 1);
	}
}

static void
test_register_duplicates(void **state)
{
	struct test_board *f = *state;
	struct account_form form;
	struct account_errors e;
	int64_t ids[2], id = 0;
	int mail_failed = -1;

	(void)add_user(f, "anna", "anna@example.org", 1);
	ids[0] = field_id(f, "Physics");
	ids[1] = field_id(f, "Biology");
	/* No password here: the rules differ only after the hash. */
	form_anna(&form, ids);
	form.password = NULL;
	form.password2 = NULL;
	form.email = "other@example.org";
	assert_int_equal(account_register(&f->b, &form, &e, &id, &mail_failed),
	    MB_ERR_INVALID);
	assert_non_null(e.why[ACCOUNT_USERNAME]);
	assert_string_equal(e.why[ACCOUNT_USERNAME], "is taken");
	assert_null(e.why[ACCOUNT_EMAIL]);

	form.username = "anna2";
	form.email = "ANNA@Example.ORG";
	assert_int_equal(account_register(&f->b, &form, &e, &id, &mail_failed),
	    MB_ERR_INVALID);
	assert_null(e.why[ACCOUNT_USERNAME]);
	assert_non_null(e.why[ACCOUNT_EMAIL]);
	assert_non_null(strstr(e.why[ACCOUNT_EMAIL], "already has an account"));
	assert_int_equal(user_count(f), 1);
	assert_int_equal(mail_count(f), 0);
	/* The transaction was rolled back: the store still takes writes. */
	(void)add_user(f, "anna3", "anna3@example.org", 1);
	assert_int_equal(user_count(f), 2);
}

static void
test_register_by_admin(void **state)
{
	struct test_board *f = *state;
	struct account_form form;
	struct account_errors e;
	struct store_item *items = NULL;
	struct store_user u;
	int64_t id = 0;
	int mail_failed = -1;
	size_t n = 1;

	memset(&form, 0, sizeof(form));
	form.username = "sysop1";
	form.email = "ops@example.org";
	form.first_name = "Olga";
	form.last_name = "Ops";
	form.by_admin = 1;
	form.sysop = 1;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	assert_int_equal(mail_failed, 0);
	u = get_user(f, id);
	assert_int_equal(u.verified, 1);
	assert_int_equal(u.is_sysop, 1);
	assert_int_equal(u.has_password, 0);
	assert_int_equal(store_user_fields(f->t->st, id, &items, &n), 0);
	assert_int_equal(n, 0);
	free(items);
	assert_int_equal(mail_count(f), 0);
	assert_int_equal(access(f->mail_path, F_OK), -1);
}

/* How many mails wait in the queue, and how many were never tried. */
static void
queue_count(struct test_board *f, int want_waiting, int want_untried)
{
	int waiting = -1, untried = -1;

	assert_int_equal(store_mail_count(f->t->st, &waiting, &untried), 0);
	assert_int_equal(waiting, want_waiting);
	assert_int_equal(untried, want_untried);
}

/*
 * A failing mail command: the answer does not wait for it or know of it,
 * the mail stays queued and is tried again after a pause that grows, the
 * code one has keeps working meanwhile, and after MAIL_QUEUE_TRIES_MAX
 * tries the mail is dropped.
 */
static void
test_register_mail_fails(void **state)
{
	struct test_board *f = *state;
	struct account_form form;
	struct account_errors e;
	struct store_user u;
	char code[CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t ids[2], id = 0, pause = 0, tried_at = 0;
	int mail_failed = 0, sent = -1, i;

	ids[0] = field_id(f, "Physics");
	ids[1] = field_id(f, "Biology");
	form_anna(&form, ids);
	form.password = NULL;
	form.password2 = NULL;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	assert_int_equal(mail_failed, 0);
	free(mail_last(f, code));
	(void)snprintf(
	    f->cfg.mail_command, sizeof(f->cfg.mail_command), "exit 3");
	age_codes(f, TEST_RATE_STEP);
	assert_int_equal(account_send_verification(&f->b, id, &why), 0);
	queue_count(f, 1, 1);
	for (i = 0; i < MAIL_QUEUE_TRIES_MAX; i++) {
		tried_at = clock_now();
		assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
		assert_int_equal(sent, 0);
		if (i + 1 == MAIL_QUEUE_TRIES_MAX)
			break;
		queue_count(f, 1, 0);
		/* Not due again at once: the pause doubles (counted from a
		 * second between the failed try and now). */
		assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
		queue_count(f, 1, 0);
		assert_int_equal(store_ints(f->t->st, __func__,
				     "SELECT next_try_at - ? FROM mail_queue",
				     &pause, 1, "i", tried_at),
		    0);
		assert_in_range(pause, (int64_t)MAIL_QUEUE_RETRY_SECONDS << i,
		    ((int64_t)MAIL_QUEUE_RETRY_SECONDS << i) + clock_now() -
			tried_at);
		exec_sql(f, "UPDATE mail_queue SET next_try_at = 0");
	}
	queue_count(f, 0, 0);
	/* The code of the first mail still works. */
	assert_int_equal(account_verify(&f->b, id, code, &why), 0);
	u = get_user(f, id);
	assert_int_equal(u.verified, 1);
}

/* The mail command: "exit 3" (fails) or NULL (to mail_path). */
static void
mail_command(struct test_board *f, const char *command)
{
	if (command != NULL)
		(void)snprintf(f->cfg.mail_command, sizeof(f->cfg.mail_command),
		    "%s", command);
	else
		(void)snprintf(f->cfg.mail_command, sizeof(f->cfg.mail_command),
		    "cat >> '%s'", f->mail_path);
}

/*
 * A code's mail that failed and comes due again after a newer code's mail
 * went out is dropped, not sent: the member's last mail keeps the live
 * code.
 */
static void
test_mail_retry_after_newer_code(void **state)
{
	struct test_board *f = *state;
	char first[CODE_TEXT_MAX], last[CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t id;
	int sent = -1;

	id = add_user(f, "anna", "anna@example.org", 0);
	mail_last_code(f, first);
	/* The second code's mail fails and waits for its next try. */
	mail_command(f, "exit 3");
	age_codes(f, TEST_RATE_STEP);
	assert_int_equal(account_send_verification(&f->b, id, &why), 0);
	assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
	assert_int_equal(sent, 0);
	queue_count(f, 1, 0);
	/* The third goes out, and the first stops working. */
	mail_command(f, NULL);
	age_codes(f, TEST_RATE_STEP);
	assert_int_equal(account_send_verification(&f->b, id, &why), 0);
	assert_int_equal(mail_count(f), 2);
	mail_last_code(f, last);
	assert_string_not_equal(last, first);
	queue_count(f, 1, 0);
	/* The second comes due: dropped, not mailed. */
	exec_sql(f, "UPDATE mail_queue SET next_try_at = 0");
	assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
	assert_int_equal(sent, 0);
	queue_count(f, 0, 0);
	assert_int_equal(mail_count(f), 2);
	mail_last_code(f, first);
	assert_string_equal(first, last);
	assert_int_equal(account_verify(&f->b, id, last, &why), 0);
}

/* A reset code whose mail waited out the code's time is dropped unsent. */
static void
test_mail_expired_code_dropped(void **state)
{
	struct test_board *f = *state;
	int sent = -1;

	test_clock_ahead(f, 0);
	(void)add_user(f, "anna", "anna@example.org", 1);
	mail_command(f, "exit 3");
	assert_int_equal(account_reset_request(&f->b, "anna"), 0);
	assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
	assert_int_equal(sent, 0);
	queue_count(f, 1, 0);
	/* The relay is back after two hours (past the code's hour). */
	mail_command(f, NULL);
	test_clock_ahead(f, 2 * 3600);
	assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
	assert_int_equal(sent, 0);
	queue_count(f, 0, 0);
	assert_int_equal(mail_count(f), 0);
}

/*
 * A run starts no mail once its caller is asked to end (the stop
 * descriptor is readable), nor after MAIL_QUEUE_RUN_SECONDS: the rest
 * waits, queued, for the next run.
 */
static void
test_mail_run_stops(void **state)
{
	struct test_board *f = *state;
	char command[sizeof(f->cfg.mail_command)];
	int fds[2] = { -1, -1 }, sent = -1, n;

	test_clock_ahead(f, 0);
	(void)add_user(f, "anna", "anna@example.org", 0);
	(void)add_user(f, "bob", "bob@example.org", 0);
	(void)add_user(f, "cleo", "cleo@example.org", 0);
	queue_count(f, 3, 3);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "x", 1), 1);
	assert_int_equal(mail_queue_run(&f->b, fds[0], &sent), 0);
	assert_int_equal(sent, 0);
	queue_count(f, 3, 3);
	assert_int_equal(close(fds[0]), 0);
	assert_int_equal(close(fds[1]), 0);
	/* Each mail takes the clock past the run's time (the clock reads
	 * its file again in the next second). */
	n = snprintf(command, sizeof(command),
	    "cat >> '%s' && echo %d > '%s/%s' && sleep 1", f->mail_path,
	    MAIL_QUEUE_RUN_SECONDS + 1, f->t->dir, CLOCK_TEST_FILE);
	assert_true(n > 0 && (size_t)n < sizeof(command));
	mail_command(f, command);
	assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
	assert_int_equal(sent, 1);
	queue_count(f, 2, 2);
	mail_command(f, NULL);
	assert_int_equal(mail_queue_run(&f->b, -1, &sent), 0);
	assert_int_equal(sent, 2);
	queue_count(f, 0, 0);
	assert_int_equal(mail_count(f), 3);
}

/* ---- verification ---------------------------------------------------- */

static void
test_verify_mailed_code(void **state)
{
	struct test_board *f = *state;
	char code[CODE_TEXT_MAX], typed[CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t id;
	size_t i, o = 0;

	id = add_user(f, "anna", "anna@example.org", 0);
	assert_int_equal(get_user(f, id).verified, 0);
	mail_last_code(f, code);
	why = NULL;
	assert_int_equal(
	    account_verify(&f->b, id, "not a code", &why), MB_ERR_INVALID);
	assert_non_null(why);
	/* As typed by a person: lower case, no dash. */
	for (i = 0; code[i] != '\0'; i++) {
		if (code[i] != '-')
			typed[o++] = (char)(code[i] >= 'A' && code[i] <= 'Z' ?
				code[i] - 'A' + 'a' :
				code[i]);
	}
	typed[o] = '\0';
	assert_int_equal(account_verify(&f->b, id, typed, &why), 0);
	assert_int_equal(get_user(f, id).verified, 1);
	/* A code works once. */
	why = NULL;
	assert_int_equal(account_verify(&f->b, id, code, &why), MB_ERR_EXPIRED);
	assert_non_null(why);
	/* Verified: no more codes. */
	why = NULL;
	assert_int_equal(
	    account_send_verification(&f->b, id, &why), MB_ERR_EXISTS);
	assert_non_null(why);
	assert_int_equal(mail_count(f), 1);
}

static void
test_verify_wrong_code_counted(void **state)
{
	struct test_board *f = *state;
	char code[CODE_TEXT_MAX], wrong[CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t anna, bob;
	int i;

	anna = add_user(f, "anna", "anna@example.org", 0);
	mail_last_code(f, code);
	code_other(code, wrong);
	for (i = 0; i < CODE_MAX_ATTEMPTS; i++) {
		why = NULL;
		assert_int_equal(
		    account_verify(&f->b, anna, wrong, &why), MB_ERR_NOTFOUND);
		assert_string_equal(why, "wrong code");
	}
	/* Too many wrong tries: the right code is dead too. */
	assert_int_equal(
	    account_verify(&f->b, anna, code, &why), MB_ERR_EXPIRED);
	assert_int_equal(get_user(f, anna).verified, 0);

	/* One try fewer and the right code still works. */
	bob = add_user(f, "bob", "bob@example.org", 0);
	mail_last_code(f, code);
	code_other(code, wrong);
	for (i = 0; i < CODE_MAX_ATTEMPTS - 1; i++)
		assert_int_equal(
		    account_verify(&f->b, bob, wrong, &why), MB_ERR_NOTFOUND);
	assert_int_equal(account_verify(&f->b, bob, code, &why), 0);
	assert_int_equal(get_user(f, bob).verified, 1);
}

static void
test_verify_other_users_code(void **state)
{
	struct test_board *f = *state;
	char anna_code[CODE_TEXT_MAX], bob_code[CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t anna, bob;

	anna = add_user(f, "anna", "anna@example.org", 0);
	mail_last_code(f, anna_code);
	bob = add_user(f, "bob", "bob@example.org", 0);
	mail_last_code(f, bob_code);
	assert_string_not_equal(anna_code, bob_code);
	/* Bob's code does not verify anna, and is not used up by trying. */
	assert_int_equal(
	    account_verify(&f->b, anna, bob_code, &why), MB_ERR_NOTFOUND);
	assert_int_equal(get_user(f, anna).verified, 0);
	assert_int_equal(get_user(f, bob).verified, 0);
	assert_int_equal(account_verify(&f->b, bob, bob_code, &why), 0);
	assert_int_equal(account_verify(&f->b, anna, anna_code, &why), 0);
}

static void
test_verify_expired(void **state)
{
	struct test_board *f = *state;
	char code[CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t id;

	id = add_user(f, "anna", "anna@example.org", 0);
	mail_last_code(f, code);
	exec_sql(f, "UPDATE code SET expires_at = strftime('%s', 'now') - 1");
	assert_int_equal(account_verify(&f->b, id, code, &why), MB_ERR_EXPIRED);
	assert_non_null(strstr(why, "expired"));
	assert_int_equal(get_user(f, id).verified, 0);
}

static void
test_send_verification_limits(void **state)
{
	struct test_board *f = *state;
	char first[CODE_TEXT_MAX], code[CODE_TEXT_MAX];
	const char *why = NULL;
	int64_t id;
	int i;

	id = add_user(f, "anna", "anna@example.org", 0);
	mail_last_code(f, first);
	/* Right after registering: too soon. */
	why = NULL;
	assert_int_equal(
	    account_send_verification(&f->b, id, &why), MB_ERR_LIMIT);
	assert_non_null(strstr(why, "seconds"));
	assert_int_equal(mail_count(f), 1);
	/* A minute later, a new code, and the old one stops working. */
	age_codes(f, TEST_RATE_STEP);
	assert_int_equal(account_send_verification(&f->b, id, &why), 0);
	assert_int_equal(mail_count(f), 2);
	mail_last_code(f, code);
	assert_string_not_equal(code, first);
	assert_int_equal(
	    account_verify(&f->b, id, first, &why), MB_ERR_EXPIRED);
	/* Up to MAIL_MAX_PER_DAY codes a day. */
	for (i = 2; i < MAIL_MAX_PER_DAY; i++) {
		age_codes(f, TEST_RATE_STEP);
		assert_int_equal(account_send_verification(&f->b, id, &why), 0);
	}
	assert_int_equal(mail_count(f), MAIL_MAX_PER_DAY);
	age_codes(f, TEST_RATE_STEP);
	why = NULL;
	assert_int_equal(
	    account_send_verification(&f->b, id, &why), MB_ERR_LIMIT);
	assert_non_null(strstr(why, "today"));
	assert_int_equal(mail_count(f), MAIL_MAX_PER_DAY);
	/* The next day, again. */
	age_codes(f, TEST_DAY);
	assert_int_equal(account_send_verification(&f->b, id, &why), 0);
	assert_int_equal(mail_count(f), MAIL_MAX_PER_DAY + 1);
	mail_last_code(f, code);
	assert_int_equal(account_verify(&f->b, id, code, &why), 0);
}

static void
test_change_email(void **state)
{
	struct test_board *f = *state;
	char code[CODE_TEXT_MAX], *mail = NULL;
	const char *why = NULL;
	int64_t id;

	id = add_user(f, "anna", "anna@example.org", 0);
	(void)add_user(f, "bob", "bob@example.org", 1);
	why = NULL;
	assert_int_equal(
	    account_change_email(&f->b, id, "nope", &why), MB_ERR_INVALID);
	assert_non_null(why);
	assert_int_equal(account_change_email(&f->b, id,
			     "anna@example.org\r\nBcc: x@example.org", &why),
	    MB_ERR_INVALID);
	/* A mail went out at registration a moment ago. */
	assert_int_equal(
	    account_change_email(&f->b, id, "new@example.org", &why),
	    MB_ERR_LIMIT);
	age_codes(f, TEST_RATE_STEP);
	why = NULL;
	assert_int_equal(
	    account_change_email(&f->b, id, "BOB@example.ORG", &why),
	    MB_ERR_EXISTS);
	assert_non_null(strstr(why, "another account"));
	assert_string_equal(get_user(f, id).email, "anna@example.org");
	assert_int_equal(mail_count(f), 1);
	assert_int_equal(
	    account_change_email(&f->b, id, "anna.k@example.net", &why), 0);
	assert_string_equal(get_user(f, id).email, "anna.k@example.net");
	assert_int_equal(mail_count(f), 2);
	mail = mail_last(f, code);
	assert_non_null(strstr(mail, "anna.k@example.net"));
	free(mail);
	assert_int_equal(account_verify(&f->b, id, code, &why), 0);
	/* Once verified the address stays. */
	age_codes(f, TEST_RATE_STEP);
	assert_int_equal(
	    account_change_email(&f->b, id, "third@example.net", &why),
	    MB_ERR_EXISTS);
	assert_string_equal(get_user(f, id).email, "anna.k@example.net");
}

/* ---- passwords ------------------------------------------------------- */

/*
 * The dummy hash is made once and kept: a restart reads it instead of
 * paying argon2id again; one with outdated parameters is made anew.
 */
static void
test_dummy_hash_kept(void **state)
{
	struct test_board *f = *state;
	char first[AUTH_HASH_STR_MAX], again[AUTH_HASH_STR_MAX];
	char weak[AUTH_HASH_STR_MAX];

	assert_int_equal(account_dummy_hash(&f->b, first), 0);
	assert_true(strncmp(first, "$argon2id$", 10) == 0);
	assert_false(auth_password_needs_rehash(first));
	assert_int_equal(
	    auth_password_verify(f->cfg.state_dir, first, TEST_PASSWORD),
	    MB_ERR_DENIED);
	assert_int_equal(account_dummy_hash(&f->b, again), 0);
	assert_string_equal(again, first);
	/* Made with weaker parameters than today's: replaced. */
	assert_int_equal(
	    crypto_pwhash_str(weak, TEST_PASSWORD, strlen(TEST_PASSWORD),
		crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
	    0);
	assert_int_equal(
	    store_setting_set(f->t->st, "dummy_password_hash", weak), 0);
	assert_int_equal(account_dummy_hash(&f->b, again), 0);
	assert_string_not_equal(again, weak);
	assert_string_not_equal(again, first);
	assert_false(auth_password_needs_rehash(again));
	assert_int_equal(account_dummy_hash(&f->b, first), 0);
	assert_string_equal(first, again);
}

static void
test_change_password(void **state)
{
	struct test_board *f = *state;
	struct account_form form;
	struct account_errors e;
	char hash[AUTH_HASH_STR_MAX];
	const char *why = NULL;
	int64_t ids[2], id = 0, pid = 0, keyonly;
	int mail_failed = 0;

	ids[0] = field_id(f, "Physics");
	ids[1] = field_id(f, "Biology");
	form_anna(&form, ids);
	form.by_admin = 1;
	assert_int_equal(
	    account_register(&f->b, &form, &e, &id, &mail_failed), 0);
	why = NULL;
	assert_int_equal(account_change_password(&f->b, id, "wrong password",
			     TEST_PASSWORD2, TEST_PASSWORD2, &why),
	    MB_ERR_DENIED);
	assert_non_null(why);
	why = NULL;
	assert_int_equal(account_change_password(
			     &f->b, id, TEST_PASSWORD, "short", "short", &why),
	    MB_ERR_INVALID);
	assert_non_null(why);
	assert_int_equal(account_change_password(&f->b, id, TEST_PASSWORD,
			     TEST_PASSWORD2, TEST_PASSWORD2, &why),
	    0);
	assert_int_equal(
	    store_user_password(f->t->st, "anna", &pid, hash, sizeof(hash)), 0);
	assert_int_equal(pid, id);
	assert_int_equal(
	    auth_password_verify(f->cfg.state_dir, hash, TEST_PASSWORD),
	    MB_ERR_DENIED);
	assert_int_equal(
	    auth_password_verify(f->cfg.state_dir, hash, TEST_PASSWORD2), 0);
	/* An account without a password has no old one to match. */
	keyonly = add_user(f, "bob", "bob@example.org", 1);
	assert_int_equal(account_change_password(&f->b, keyonly, "",
			     TEST_PASSWORD2, TEST_PASSWORD2, &why),
	    MB_ERR_DENIED);
}

static void
test_reset_request(void **state)
{
	struct test_board *f = *state;
	char first[CODE_TEXT_MAX], code[CODE_TEXT_MAX], *mail = NULL;
	char want[128], user[USERNAME_MAX + 1];
	const char *why = NULL;

	(void)add_user(f, "anna", "anna@example.org", 1);
	assert_int_equal(account_reset_request(&f->b, ""), MB_ERR_INVALID);
	assert_int_equal(account_reset_request(&f->b, "nobody-here"), 0);
	assert_int_equal(account_reset_request(&f->b, "ghost@example.org"), 0);
	assert_int_equal(mail_count(f), 0);
	assert_int_equal(access(f->mail_path, F_OK), -1);

	assert_int_equal(account_reset_request(&f->b, "anna"), 0);
	assert_int_equal(mail_count(f), 1);
	mail = mail_last(f, first);
	assert_non_null(
	    strstr(mail, "Subject: Reset your Mentorboard password"));
	assert_non_null(strstr(mail, "anna@example.org"));
	(void)snprintf(want, sizeof(want),
	    "ssh -t -p 2222 guest@localhost reset %s", first);
	assert_non_null(strstr(mail, want));
	free(mail);
	/* Too soon for another: still 0, but no mail. */
	assert_int_equal(account_reset_request(&f->b, "ANNA@Example.ORG"), 0);
	assert_int_equal(mail_count(f), 1);
	age_codes(f, TEST_RATE_STEP);
	assert_int_equal(account_reset_request(&f->b, "ANNA@Example.ORG"), 0);
	assert_int_equal(mail_count(f), 2);
	mail_last_code(f, code);
	assert_string_not_equal(code, first);
	/* Only the newest code works. */
	assert_int_equal(account_reset_confirm(&f->b, first, TEST_PASSWORD2,
			     TEST_PASSWORD2, user, sizeof(user), &why),
	    MB_ERR_EXPIRED);
}

static void
test_reset_confirm(void **state)
{
	struct test_board *f = *state;
	char verify_code[CODE_TEXT_MAX], code[CODE_TEXT_MAX];
	char other[CODE_TEXT_MAX], hash[AUTH_HASH_STR_MAX];
	char user[USERNAME_MAX + 1];
	const char *why = NULL;
	int64_t id, pid = 0;
	int failures = -1;

	id = add_user(f, "anna", "anna@example.org", 0);
	mail_last_code(f, verify_code);
	assert_int_equal(account_reset_request(&f->b, "anna"), 0);
	assert_int_equal(mail_count(f), 2);
	mail_last_code(f, code);
	assert_int_equal(store_auth_fail(f->t->st, STORE_AUTH_USER, "anna",
			     AUTH_FORGET_SECONDS),
	    0);
	assert_int_equal(store_auth_fail(f->t->st, STORE_AUTH_USER, "anna",
			     AUTH_FORGET_SECONDS),
	    0);

	user[0] = '\0';
	auth_code_new(other);
	why = NULL;
	assert_int_equal(account_reset_confirm(&f->b, other, TEST_PASSWORD2,
			     TEST_PASSWORD2, user, sizeof(user), &why),
	    MB_ERR_NOTFOUND);
	assert_non_null(why);
	why = NULL;
	assert_int_equal(account_reset_confirm(&f->b, "hello", TEST_PASSWORD2,
			     TEST_PASSWORD2, user, sizeof(user), &why),
	    MB_ERR_NOTFOUND);
	assert_non_null(why);
	/* A verification code is no reset code. */
	assert_int_equal(
	    account_reset_confirm(&f->b, verify_code, TEST_PASSWORD2,
		TEST_PASSWORD2, user, sizeof(user), &why),
	    MB_ERR_NOTFOUND);
	why = NULL;
	assert_int_equal(account_reset_confirm(&f->b, code, "short", "short",
			     user, sizeof(user), &why),
	    MB_ERR_INVALID);
	assert_non_null(why);
	assert_int_equal(account_reset_confirm(&f->b, code, "anna", "anna",
			     user, sizeof(user), &why),
	    MB_ERR_INVALID);
	assert_int_equal(account_reset_confirm(&f->b, code, TEST_PASSWORD2,
			     TEST_PASSWORD, user, sizeof(user), &why),
	    MB_ERR_INVALID);
	assert_string_equal(user, "");
	assert_int_equal(get_user(f, id).has_password, 0);

	/* The refusals did not use the code up. */
	assert_int_equal(account_reset_confirm(&f->b, code, TEST_PASSWORD2,
			     TEST_PASSWORD2, user, sizeof(user), &why),
	    0);
	assert_string_equal(user, "anna");
	assert_int_equal(get_user(f, id).verified, 1);
	assert_int_equal(
	    store_user_password(f->t->st, "anna", &pid, hash, sizeof(hash)), 0);
	assert_int_equal(pid, id);
	assert_int_equal(
	    auth_password_verify(f->cfg.state_dir, hash, TEST_PASSWORD2), 0);
	assert_int_equal(store_auth_failures(f->t->st, STORE_AUTH_USER, "anna",
			     AUTH_FORGET_SECONDS, &failures),
	    0);
	assert_int_equal(failures, 0);
	/* Used. */
	why = NULL;
	assert_int_equal(account_reset_confirm(&f->b, code, TEST_PASSWORD,
			     TEST_PASSWORD, user, sizeof(user), &why),
	    MB_ERR_EXPIRED);
	assert_non_null(why);
}

/* ---- SSH keys -------------------------------------------------------- */

static void
test_keys_add(void **state)
{
	struct test_board *f = *state;
	struct store_key *keys = NULL;
	char text[TEST_TEXT_MAX] = "", fp[256];
	const char *why = NULL;
	int64_t anna, bob, owner = 0;
	int added = -1, line_no = -1;
	size_t n = 0;

	anna = add_user(f, "anna", "anna@example.org", 1);
	bob = add_user(f, "bob", "bob@example.org", 1);
	key_text_append(text, 0, "\n");
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why), 0);
	assert_int_equal(added, 1);
	assert_int_equal(store_key_list(f->t->st, anna, &keys, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0].type, "ssh-ed25519");
	key_fingerprint(0, fp, sizeof(fp));
	assert_string_equal(keys[0].fingerprint, fp);
	assert_string_equal(keys[0].comment, "key0@test");
	free(keys);
	/* The stored blob is the file's. */
	{
		char *type = strtok(text, " "), *blob = strtok(NULL, " ");

		assert_int_equal(
		    store_key_owner(f->t->st, type, blob, &owner), 0);
		assert_int_equal(owner, anna);
	}
	/* The same key on another account, or again on the same one. */
	text[0] = '\0';
	key_text_append(text, 0, "\n");
	why = NULL;
	assert_int_equal(
	    account_keys_add(&f->b, bob, text, &added, &line_no, &why),
	    MB_ERR_EXISTS);
	assert_int_equal(added, 0);
	assert_int_equal(line_no, 1);
	/* Whose it is is not told: public keys are public. */
	assert_null(strstr(why, "account"));
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why),
	    MB_ERR_EXISTS);
	assert_non_null(strstr(why, "your account"));
	assert_int_equal(store_key_list(f->t->st, bob, &keys, &n), 0);
	assert_int_equal(n, 0);
	free(keys);
}

/* A key-only account keeps its last key; one with a password does not. */
static void
test_keys_remove_keeps_a_way_in(void **state)
{
	struct test_board *f = *state;
	char text[TEST_TEXT_MAX] = "", fp0[256], fp1[256];
	char hash[AUTH_HASH_STR_MAX];
	const char *why = NULL;
	int64_t anna, bob;
	int added = 0, line_no = 0;

	anna = add_user(f, "anna", "anna@example.org", 1);
	bob = add_user(f, "bob", "bob@example.org", 1);
	key_fingerprint(0, fp0, sizeof(fp0));
	key_fingerprint(1, fp1, sizeof(fp1));
	key_text_append(text, 0, "\n");
	key_text_append(text, 1, "\n");
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why), 0);
	assert_int_equal(added, 2);
	/* Not hers: refused, and nothing of hers is touched. */
	assert_int_equal(
	    account_key_remove(&f->b, bob, fp0, &why), MB_ERR_NOTFOUND);
	assert_non_null(strstr(why, fp0));
	assert_int_equal(account_key_remove(&f->b, anna, fp0, &why), 0);
	why = NULL;
	assert_int_equal(
	    account_key_remove(&f->b, anna, fp1, &why), MB_ERR_DENIED);
	assert_non_null(strstr(why, "only way"));
	assert_int_equal(get_user(f, anna).has_password, 0);
	/* With a password, the last key may go. */
	text[0] = '\0';
	key_text_append(text, 2, "\n");
	assert_int_equal(
	    account_keys_add(&f->b, bob, text, &added, &line_no, &why), 0);
	assert_int_equal(
	    auth_password_hash(f->cfg.state_dir, TEST_PASSWORD, hash), 0);
	assert_int_equal(store_user_set_password(f->t->st, bob, hash), 0);
	key_fingerprint(2, fp0, sizeof(fp0));
	assert_int_equal(account_key_remove(&f->b, bob, fp0, &why), 0);
}

static void
test_keys_skips_comments(void **state)
{
	struct test_board *f = *state;
	struct store_key *keys = NULL;
	char text[TEST_TEXT_MAX] = "";
	const char *why = NULL;
	int64_t anna;
	int added = -1, line_no = -1;
	size_t n = 0;

	anna = add_user(f, "anna", "anna@example.org", 1);
	strcat(text, "# my laptop\n\n   \n\t\n");
	key_text_append(text, 1, "\n\n");
	strcat(text, "  # my desktop\n");
	key_text_append(text, 2, "");
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why), 0);
	assert_int_equal(added, 2);
	assert_int_equal(store_key_list(f->t->st, anna, &keys, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(keys[0].comment, "key1@test");
	assert_string_equal(keys[1].comment, "key2@test");
	free(keys);
}

static void
test_keys_refused(void **state)
{
	struct test_board *f = *state;
	struct store_key *keys = NULL;
	char text[TEST_TEXT_MAX] = "";
	const char *why = NULL;
	int64_t anna;
	int added = -1, line_no = -1;
	size_t n = 0;

	anna = add_user(f, "anna", "anna@example.org", 1);
	why = NULL;
	assert_int_equal(
	    account_keys_add(&f->b, anna, "garbage", &added, &line_no, &why),
	    MB_ERR_INVALID);
	assert_int_equal(line_no, 1);
	assert_non_null(why);
	why = NULL;
	assert_int_equal(account_keys_add(&f->b, anna, "# only a comment\n",
			     &added, &line_no, &why),
	    MB_ERR_INVALID);
	assert_non_null(why);
	assert_int_equal(
	    account_keys_add(&f->b, anna, "", &added, &line_no, &why),
	    MB_ERR_INVALID);
	/* More than a .pub file holds, even if it is all comment. */
	{
		char *big = malloc(KEYS_INPUT_MAX + 2);

		assert_non_null(big);
		memset(big, '#', KEYS_INPUT_MAX + 1);
		big[KEYS_INPUT_MAX + 1] = '\0';
		why = NULL;
		assert_int_equal(
		    account_keys_add(&f->b, anna, big, &added, &line_no, &why),
		    MB_ERR_INVALID);
		assert_non_null(why);
		free(big);
	}
	/* All or nothing: a good line before a bad one is not kept. */
	key_text_append(text, 3, "\n");
	strcat(text, "ssh-ed25519 AAAA!!not-base64!! bad\n");
	key_text_append(text, 4, "\n");
	added = -1;
	why = NULL;
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why),
	    MB_ERR_INVALID);
	assert_int_equal(added, 0);
	assert_int_equal(line_no, 2);
	assert_non_null(why);
	assert_int_equal(store_key_list(f->t->st, anna, &keys, &n), 0);
	assert_int_equal(n, 0);
	free(keys);
	/* RSA below 2048 bits and DSA are refused too. */
	assert_int_equal(
	    account_keys_add(&f->b, anna, "ssh-dss AAAAB3NzaC1kc3MAAAA= old",
		&added, &line_no, &why),
	    MB_ERR_INVALID);
	/* The rolled-back transaction left the store usable. */
	text[0] = '\0';
	key_text_append(text, 3, "\n");
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why), 0);
	assert_int_equal(added, 1);
}

/*
 * *line_no must say where the bad line is in the text as the person sees
 * it, blank lines included.
 */
static void
test_keys_line_numbers_count_blank_lines(void **state)
{
	struct test_board *f = *state;
	char text[TEST_TEXT_MAX] = "";
	const char *why = NULL;
	int64_t anna;
	int added = -1, line_no = -1;

	anna = add_user(f, "anna", "anna@example.org", 1);
	strcat(text, "# keys\n\n"); /* lines 1, 2 */
	key_text_append(text, 5, "\n\n"); /* lines 3, 4 */
	strcat(text, "nonsense\n"); /* line 5 */
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why),
	    MB_ERR_INVALID);
	assert_int_equal(line_no, 5);
}

/* A .pub text with Windows line ends, as pasted from there. */
static void
test_keys_crlf_text(void **state)
{
	struct test_board *f = *state;
	char text[TEST_TEXT_MAX] = "";
	const char *why = NULL;
	int64_t anna;
	int added = -1, line_no = -1;

	anna = add_user(f, "anna", "anna@example.org", 1);
	key_text_append(text, 6, "\r\n");
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why), 0);
	assert_int_equal(added, 1);
	/* A blank line is blank with either line end. */
	text[0] = '\0';
	strcat(text, "# keys\r\n\r\n");
	key_text_append(text, 7, "\r\n");
	added = -1;
	why = "";
	if (account_keys_add(&f->b, anna, text, &added, &line_no, &why) != 0)
		fail_msg("refused at line %d: %s", line_no, why);
	assert_int_equal(added, 1);
}

static void
test_keys_limit(void **state)
{
	struct test_board *f = *state;
	struct store_key *keys = NULL;
	char text[TEST_TEXT_MAX] = "";
	const char *why = NULL;
	int64_t anna, bob;
	int added = -1, line_no = -1, i;
	size_t n = 0;

	anna = add_user(f, "anna", "anna@example.org", 1);
	bob = add_user(f, "bob", "bob@example.org", 1);
	/* One too many at once: none. */
	for (i = 0; i < KEYS_PER_USER_MAX + 1; i++)
		key_text_append(text, i, "\n");
	why = NULL;
	assert_int_equal(
	    account_keys_add(&f->b, bob, text, &added, &line_no, &why),
	    MB_ERR_LIMIT);
	assert_int_equal(line_no, KEYS_PER_USER_MAX + 1);
	assert_int_equal(added, 0);
	assert_non_null(strstr(why, "16"));
	assert_int_equal(store_key_list(f->t->st, bob, &keys, &n), 0);
	assert_int_equal(n, 0);
	free(keys);
	/* The limit itself is fine; the next one is refused. */
	text[0] = '\0';
	for (i = 0; i < KEYS_PER_USER_MAX; i++)
		key_text_append(text, i, "\n");
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why), 0);
	assert_int_equal(added, KEYS_PER_USER_MAX);
	text[0] = '\0';
	key_text_append(text, KEYS_PER_USER_MAX, "\n");
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why),
	    MB_ERR_LIMIT);
	assert_int_equal(line_no, 1);
	/* Room again after removing one. */
	assert_int_equal(store_key_list(f->t->st, anna, &keys, &n), 0);
	assert_int_equal(n, KEYS_PER_USER_MAX);
	assert_int_equal(
	    store_key_remove(f->t->st, anna, keys[0].fingerprint), 0);
	free(keys);
	assert_int_equal(
	    account_keys_add(&f->b, anna, text, &added, &line_no, &why), 0);
	assert_int_equal(added, 1);
}

/* ---- names ----------------------------------------------------------- */

static void
test_display_name(void **state)
{
	struct store_user u;
	char out[64];

	(void)state;
	memset(&u, 0, sizeof(u));
	strcpy(u.first_name, "Anna");
	strcpy(u.last_name, "klein");
	account_display_name(&u, out, sizeof(out));
	assert_string_equal(out, "Anna K.");
	strcpy(u.last_name, "");
	account_display_name(&u, out, sizeof(out));
	assert_string_equal(out, "Anna");
	strcpy(u.first_name, "Zo\xc3\xab");
	strcpy(u.last_name, "\xc3\xb6zil");
	account_display_name(&u, out, sizeof(out));
	assert_string_equal(out, "Zo\xc3\xab \xc3\x96.");
	/* Broken text is shown safely, never the surname. */
	strcpy(u.first_name, "An\xffna\x1b[2J");
	strcpy(u.last_name, "Klein");
	account_display_name(&u, out, sizeof(out));
	assert_null(strchr(out, '\x1b'));
	assert_null(strstr(out, "Klein"));
	assert_non_null(strstr(out, "An\xef\xbf\xbdna"));
	/* Too small a buffer: cut, but terminated, still no surname. */
	strcpy(u.first_name, "Anna");
	account_display_name(&u, out, 5);
	assert_true(strlen(out) < 5);
	assert_null(strstr(out, "Klein"));
}

static void
test_ssh_command(void **state)
{
	struct config cfg;
	char out[256];

	(void)state;
	config_defaults(&cfg);
	account_ssh_command(&cfg, "anna", 1, out, sizeof(out));
	assert_string_equal(out, "ssh -t -p 2222 anna@localhost");
	strcpy(cfg.public_host, "board.example.org");
	cfg.public_port = 22;
	account_ssh_command(&cfg, "guest", 0, out, sizeof(out));
	assert_string_equal(out, "ssh guest@board.example.org");
}

/* ---- main ------------------------------------------------------------ */

static int
group_setup(void **state)
{
	char cmd[1024];

	(void)state;
	if (mkdtemp(keys_dir) == NULL)
		return -1;
	(void)snprintf(cmd, sizeof(cmd),
	    "i=0; while [ $i -lt %d ]; do "
	    "ssh-keygen -q -t ed25519 -N '' -C key$i@test -f '%s/k'$i "
	    "</dev/null || exit 1; i=$((i + 1)); done",
	    TEST_KEYS, keys_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", keys_dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_username),
		cmocka_unit_test(test_check_password),
		TEST_ACCOUNT(test_register_ok),
		TEST_ACCOUNT(test_register_field_errors),
		TEST_ACCOUNT(test_register_duplicates),
		TEST_ACCOUNT(test_register_by_admin),
		TEST_ACCOUNT(test_register_mail_fails),
		TEST_ACCOUNT(test_mail_retry_after_newer_code),
		TEST_ACCOUNT(test_mail_expired_code_dropped),
		TEST_ACCOUNT(test_mail_run_stops),
		TEST_ACCOUNT(test_verify_mailed_code),
		TEST_ACCOUNT(test_verify_wrong_code_counted),
		TEST_ACCOUNT(test_verify_other_users_code),
		TEST_ACCOUNT(test_verify_expired),
		TEST_ACCOUNT(test_send_verification_limits),
		TEST_ACCOUNT(test_change_email),
		TEST_ACCOUNT(test_dummy_hash_kept),
		TEST_ACCOUNT(test_change_password),
		TEST_ACCOUNT(test_reset_request),
		TEST_ACCOUNT(test_reset_confirm),
		TEST_ACCOUNT(test_keys_add),
		TEST_ACCOUNT(test_keys_remove_keeps_a_way_in),
		TEST_ACCOUNT(test_keys_skips_comments),
		TEST_ACCOUNT(test_keys_refused),
		TEST_ACCOUNT(test_keys_line_numbers_count_blank_lines),
		TEST_ACCOUNT(test_keys_crlf_text),
		TEST_ACCOUNT(test_keys_limit),
		cmocka_unit_test(test_display_name),
		cmocka_unit_test(test_ssh_command),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
