/*
 * Unit tests of the store's account tables: the two lists (fields of study,
 * areas of help), users, SSH keys, mailed codes and failed logins.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "board_limits.h"
#include "error.h"
#include "i18n.h"
#include "store.h"
#include "store_internal.h"
#include "test_util.h"

#define TEST_SEEDED_FIELDS 35 /* rows of field_of_study in schema.sql */
#define TEST_SEEDED_AREAS 8
#define TEST_TTL 3600
#define TEST_MAX_ATTEMPTS 3
#define TEST_FORGET 900 /* seconds of quiet that forget failures */
#define TEST_CLOCK_SLACK 5 /* seconds a test may take */

static void
exec_sql(struct test_db *t, const char *sql)
{
	assert_int_equal(
	    sqlite3_exec(t->st->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* A user with defaults; hash may be NULL. */
static int64_t
add_user(struct test_db *t, const char *username, const char *email,
    const char *hash)
{
	struct store_user u;
	const char *which = "unset";
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "%s", username);
	(void)snprintf(u.email, sizeof(u.email), "%s", email);
	(void)snprintf(u.first_name, sizeof(u.first_name), "First");
	(void)snprintf(u.last_name, sizeof(u.last_name), "Last");
	assert_int_equal(store_user_create(t->st, &u, hash, 0, &id, &which), 0);
	assert_null(which);
	assert_true(id > 0);
	return id;
}

/* Is the list sorted by name, and does it hold name (retired or not)? */
static int
list_has(
    const struct store_item *items, size_t n, const char *name, int *retired)
{
	size_t i;
	int found = 0;

	for (i = 0; i < n; i++) {
		if (i > 0)
			assert_true(
			    strcmp(items[i - 1].name, items[i].name) < 0);
		if (strcmp(items[i].name, name) == 0) {
			found = 1;
			if (retired != NULL)
				*retired = items[i].retired;
		}
	}
	return found;
}

/* ---- lists ----------------------------------------------------------- */

static void
test_list_get(void **state)
{
	struct test_db *t = *state;
	struct store_item *items = NULL;
	size_t n = 0;

	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_FIELDS, 0, &items, &n), 0);
	assert_int_equal(n, TEST_SEEDED_FIELDS);
	assert_string_equal(items[0].name, "Architecture");
	assert_true(list_has(items, n, "Computer Science", NULL));
	assert_false(list_has(items, n, "Career entry", NULL));
	free(items);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_AREAS, 1, &items, &n), 0);
	assert_int_equal(n, TEST_SEEDED_AREAS);
	assert_true(list_has(items, n, "Career entry", NULL));
	assert_false(list_has(items, n, "Biology", NULL));
	free(items);
}

static void
test_list_add_rename(void **state)
{
	struct test_db *t = *state;
	struct store_item *items = NULL, item;
	int64_t id = 0, id2 = 0, other = 0;
	size_t n = 0;

	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_FIELDS, "Astronomy", NULL, &id),
	    0);
	assert_true(id > 0);
	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_FIELDS, "Astronomy", NULL, &other),
	    MB_ERR_EXISTS);
	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_FIELDS, "Biology", NULL, &other),
	    MB_ERR_EXISTS);
	/* The lists are separate: the name is free in the other one. */
	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_AREAS, "Astronomy", NULL, &id2),
	    0);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_FIELDS, 0, &items, &n), 0);
	assert_int_equal(n, TEST_SEEDED_FIELDS + 1);
	assert_true(list_has(items, n, "Astronomy", NULL));
	free(items);

	assert_int_equal(
	    store_list_rename(t->st, STORE_LIST_FIELDS, id, "Astrophysics"), 0);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Astronomy", &item),
	    MB_ERR_NOTFOUND);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "astrophysics", &item),
	    0);
	assert_int_equal(item.id, id);
	assert_string_equal(item.name, "Astrophysics");
	/* The area of the old name is untouched. */
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "Astronomy", &item), 0);
	assert_int_equal(item.id, id2);
	/* Renaming onto another entry's name, or an entry that is not. */
	assert_int_equal(
	    store_list_rename(t->st, STORE_LIST_FIELDS, id, "Biology"),
	    MB_ERR_EXISTS);
	assert_int_equal(
	    store_list_rename(t->st, STORE_LIST_FIELDS, 999999, "Nothing"),
	    MB_ERR_NOTFOUND);
	assert_int_equal(store_list_retire(t->st, STORE_LIST_AREAS, 999999),
	    MB_ERR_NOTFOUND);
}

static void
test_list_retire(void **state)
{
	struct test_db *t = *state;
	struct store_item *items = NULL, item;
	int64_t user, ids[2];
	size_t n = 0;
	int retired = -1;

	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Biology", &item), 0);
	ids[0] = item.id;
	assert_int_equal(item.retired, 0);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Physics", &item), 0);
	ids[1] = item.id;
	user = add_user(t, "anna", "anna@example.org", NULL);
	assert_int_equal(store_user_set_fields(t->st, user, ids, 2), 0);

	assert_int_equal(
	    store_list_retire(t->st, STORE_LIST_FIELDS, ids[0]), 0);
	/* Out of the live list, in the whole one, marked. */
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_FIELDS, 0, &items, &n), 0);
	assert_int_equal(n, TEST_SEEDED_FIELDS - 1);
	assert_false(list_has(items, n, "Biology", NULL));
	free(items);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_FIELDS, 1, &items, &n), 0);
	assert_int_equal(n, TEST_SEEDED_FIELDS);
	assert_true(list_has(items, n, "Biology", &retired));
	assert_int_equal(retired, 1);
	assert_true(list_has(items, n, "Physics", &retired));
	assert_int_equal(retired, 0);
	free(items);
	/* Still on the profile that had it. */
	assert_int_equal(store_user_fields(t->st, user, &items, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].name, "Biology");
	assert_int_equal(items[0].retired, 1);
	assert_string_equal(items[1].name, "Physics");
	assert_int_equal(items[1].retired, 0);
	free(items);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "biology", &item), 0);
	assert_int_equal(item.retired, 1);
	/* Its name stays taken. */
	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_FIELDS, "Biology", NULL, &ids[0]),
	    MB_ERR_EXISTS);
}

static void
test_list_find_any_case(void **state)
{
	struct test_db *t = *state;
	struct store_item item;

	memset(&item, 0, sizeof(item));
	assert_int_equal(store_list_find(t->st, STORE_LIST_FIELDS,
			     "computer science", &item),
	    0);
	assert_string_equal(item.name, "Computer Science");
	assert_true(item.id > 0);
	assert_int_equal(store_list_find(t->st, STORE_LIST_FIELDS,
			     "COMPUTER SCIENCE", &item),
	    0);
	assert_string_equal(item.name, "Computer Science");
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "career ENTRY", &item), 0);
	assert_string_equal(item.name, "Career entry");
	/* Exact names only, no prefixes or patterns. */
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Computer", &item),
	    MB_ERR_NOTFOUND);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Computer%", &item),
	    MB_ERR_NOTFOUND);
	assert_int_equal(store_list_find(t->st, STORE_LIST_FIELDS,
			     "Computer Science ", &item),
	    MB_ERR_NOTFOUND);
	/* Each list has its own entries. */
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "Biology", &item),
	    MB_ERR_NOTFOUND);
}

/*
 * Entries are found in any case (mentord's "fields retire NAME" relies on
 * it), so a name differing only in case must count as taken: otherwise
 * "Biology" and "biology" both exist and a lookup picks one at random.
 */
static void
test_list_add_duplicate_any_case(void **state)
{
	struct test_db *t = *state;
	struct store_item *items = NULL;
	int64_t id = 0;
	size_t n = 0;

	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_FIELDS, "biology", NULL, &id),
	    MB_ERR_EXISTS);
	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_AREAS, "CAREER ENTRY", NULL, &id),
	    MB_ERR_EXISTS);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_FIELDS, 1, &items, &n), 0);
	assert_int_equal(n, TEST_SEEDED_FIELDS);
	free(items);
}

/*
 * The lists carry German names: seeded ones have them, an entry is found
 * by either name and shown in the language spoken, and a German name is
 * unique across both languages.
 */
static void
test_list_german_names(void **state)
{
	struct test_db *t = *state;
	struct store_item item, *items = NULL;
	int64_t id = 0;
	size_t n = 0, i;

	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Physik", &item), 0);
	assert_string_equal(item.name_en, "Physics");
	assert_string_equal(item.name_de, "Physik");
	assert_string_equal(item.name, "Physics");
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "berufseinstieg", &item),
	    0);
	assert_string_equal(item.name_en, "Career entry");
	/* Every seeded entry has a German name. */
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_AREAS, 1, &items, &n), 0);
	for (i = 0; i < n; i++)
		assert_true(items[i].name_de[0] != '\0');
	free(items);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_FIELDS, 1, &items, &n), 0);
	for (i = 0; i < n; i++)
		assert_true(items[i].name_de[0] != '\0');
	free(items);
	/* Shown in German while the process speaks it. */
	(void)i18n_use(I18N_DE);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Physics", &item), 0);
	(void)i18n_use(I18N_EN);
	assert_string_equal(item.name, "Physik");
	/* Taken in either language, any case. */
	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_FIELDS, "Physik", NULL, &id),
	    MB_ERR_EXISTS);
	assert_int_equal(store_list_add(t->st, STORE_LIST_FIELDS, "Astronomy",
			     "PHYSIK", &id),
	    MB_ERR_EXISTS);
	assert_int_equal(store_list_add(t->st, STORE_LIST_FIELDS, "Astronomy",
			     "Astronomie", &id),
	    0);
	assert_int_equal(
	    store_list_rename_de(t->st, STORE_LIST_FIELDS, id, "Biologie"),
	    MB_ERR_EXISTS);
	assert_int_equal(
	    store_list_rename_de(t->st, STORE_LIST_FIELDS, id, "Sternkunde"),
	    0);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "sternkunde", &item), 0);
	assert_int_equal(item.id, id);
	/* Without a German name, German readers see the English one. */
	assert_int_equal(
	    store_list_rename_de(t->st, STORE_LIST_FIELDS, id, ""), 0);
	assert_int_equal(store_list_find(t->st, STORE_LIST_FIELDS, "", &item),
	    MB_ERR_NOTFOUND);
	(void)i18n_use(I18N_DE);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Astronomy", &item), 0);
	(void)i18n_use(I18N_EN);
	assert_string_equal(item.name, "Astronomy");
}

static void
test_user_set_fields(void **state)
{
	struct test_db *t = *state;
	struct store_item *items = NULL, item;
	int64_t user, ids[3], bad[1] = { 999999 };
	size_t n = 0;

	user = add_user(t, "anna", "anna@example.org", NULL);
	assert_int_equal(store_user_fields(t->st, user, &items, &n), 0);
	assert_int_equal(n, 0);
	free(items);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Law", &item), 0);
	ids[0] = item.id;
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Music", &item), 0);
	ids[1] = item.id;
	ids[2] = ids[0]; /* twice is once */
	assert_int_equal(store_user_set_fields(t->st, user, ids, 3), 0);
	assert_int_equal(store_user_fields(t->st, user, &items, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].name, "Law");
	assert_string_equal(items[1].name, "Music");
	free(items);
	/* Replaced, not added to. */
	assert_int_equal(store_user_set_fields(t->st, user, ids + 1, 1), 0);
	assert_int_equal(store_user_fields(t->st, user, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].name, "Music");
	free(items);
	/* Ids must exist. */
	assert_int_not_equal(store_user_set_fields(t->st, user, bad, 1), 0);
}

/* ---- users ----------------------------------------------------------- */

static void
test_user_create_get(void **state)
{
	struct test_db *t = *state;
	struct store_user u, got;
	const char *which = NULL;
	int64_t id = 0, now = (int64_t)time(NULL);
	char hash[128];

	memset(&u, 0, sizeof(u));
	u.id = 777; /* ignored */
	strcpy(u.username, "anna");
	strcpy(u.email, "Anna@Example.org");
	strcpy(u.first_name, "Anna");
	strcpy(u.last_name, "\xc3\x96zil");
	u.verified = 1;
	u.is_sysop = 1;
	assert_int_equal(
	    store_user_create(t->st, &u, "$argon2id$fake", now, &id, &which),
	    0);
	assert_null(which);
	assert_true(id > 0);
	assert_int_not_equal(id, 777);
	memset(&got, 0, sizeof(got));
	assert_int_equal(store_user_get(t->st, id, &got), 0);
	assert_int_equal(got.id, id);
	assert_string_equal(got.username, "anna");
	assert_string_equal(got.email, "Anna@Example.org");
	assert_string_equal(got.first_name, "Anna");
	assert_string_equal(got.last_name, "\xc3\x96zil");
	assert_int_equal(got.verified, 1);
	assert_int_equal(got.is_sysop, 1);
	assert_int_equal(got.is_demo, 0);
	assert_int_equal(got.has_password, 1);
	assert_true(
	    got.created_at >= now && got.created_at <= now + TEST_CLOCK_SLACK);
	assert_int_equal(store_user_get(t->st, id + 1, &got), MB_ERR_NOTFOUND);

	memset(&got, 0, sizeof(got));
	assert_int_equal(store_user_find(t->st, "anna", &got), 0);
	assert_int_equal(got.id, id);
	assert_int_equal(store_user_find(t->st, "ann", &got), MB_ERR_NOTFOUND);
	assert_int_equal(
	    store_user_find(t->st, "anna%", &got), MB_ERR_NOTFOUND);
	memset(&got, 0, sizeof(got));
	assert_int_equal(
	    store_user_find_email(t->st, "anna@example.org", &got), 0);
	assert_int_equal(got.id, id);
	assert_int_equal(
	    store_user_find_email(t->st, "ANNA@EXAMPLE.ORG", &got), 0);
	assert_int_equal(got.id, id);
	assert_int_equal(store_user_find_email(t->st, "anna@example.com", &got),
	    MB_ERR_NOTFOUND);

	assert_int_equal(
	    store_user_password(t->st, "anna", &id, hash, sizeof(hash)), 0);
	assert_string_equal(hash, "$argon2id$fake");
	assert_int_equal(
	    store_user_password(t->st, "nobody", &id, hash, sizeof(hash)),
	    MB_ERR_NOTFOUND);
}

static void
test_user_unique(void **state)
{
	struct test_db *t = *state;
	struct store_user u;
	const char *which = NULL;
	int64_t id = 0;

	(void)add_user(t, "anna", "anna@example.org", NULL);
	memset(&u, 0, sizeof(u));
	strcpy(u.username, "anna");
	strcpy(u.email, "other@example.org");
	assert_int_equal(
	    store_user_create(t->st, &u, NULL, 0, &id, &which), MB_ERR_EXISTS);
	assert_non_null(which);
	assert_string_equal(which, "username");
	strcpy(u.username, "anna2");
	strcpy(u.email, "ANNA@example.ORG");
	which = NULL;
	assert_int_equal(
	    store_user_create(t->st, &u, NULL, 0, &id, &which), MB_ERR_EXISTS);
	assert_non_null(which);
	assert_string_equal(which, "email");
	strcpy(u.email, "anna2@example.org");
	assert_int_equal(store_user_create(t->st, &u, NULL, 0, &id, &which), 0);
}

static void
test_user_setters(void **state)
{
	struct test_db *t = *state;
	struct store_user got;
	char hash[128];
	int64_t anna, bob, id = 0;

	anna = add_user(t, "anna", "anna@example.org", NULL);
	bob = add_user(t, "bob", "bob@example.org", NULL);
	assert_int_equal(store_user_get(t->st, anna, &got), 0);
	assert_int_equal(got.has_password, 0);
	assert_int_equal(got.verified, 0);
	assert_int_equal(
	    store_user_password(t->st, "anna", &id, hash, sizeof(hash)),
	    MB_ERR_NOTFOUND);

	assert_int_equal(
	    store_user_set_password(t->st, anna, "$argon2id$x"), 0);
	assert_int_equal(
	    store_user_password(t->st, "anna", &id, hash, sizeof(hash)), 0);
	assert_int_equal(id, anna);
	assert_string_equal(hash, "$argon2id$x");
	assert_int_equal(store_user_set_verified(t->st, anna), 0);
	assert_int_equal(store_user_get(t->st, anna, &got), 0);
	assert_int_equal(got.verified, 1);
	assert_int_equal(got.has_password, 1);
	/* Bob is untouched. */
	assert_int_equal(store_user_get(t->st, bob, &got), 0);
	assert_int_equal(got.verified, 0);
	assert_int_equal(got.has_password, 0);

	assert_int_equal(
	    store_user_set_email(t->st, anna, "a.k@example.net"), 0);
	assert_int_equal(store_user_get(t->st, anna, &got), 0);
	assert_string_equal(got.email, "a.k@example.net");
	assert_int_equal(store_user_set_email(t->st, anna, "BOB@example.org"),
	    MB_ERR_EXISTS);
	assert_int_equal(store_user_get(t->st, anna, &got), 0);
	assert_string_equal(got.email, "a.k@example.net");
	/* Its own address in another case is no conflict. */
	assert_int_equal(
	    store_user_set_email(t->st, anna, "A.K@example.net"), 0);

	assert_int_equal(
	    store_user_set_password(t->st, 999999, "x"), MB_ERR_NOTFOUND);
	assert_int_equal(
	    store_user_set_verified(t->st, 999999), MB_ERR_NOTFOUND);
	assert_int_equal(store_user_set_email(t->st, 999999, "z@example.org"),
	    MB_ERR_NOTFOUND);
}

struct each_ctx {
	char names[8][USERNAME_MAX + 1];
	int n;
	int stop_after;
};

static int
each_collect(void *ctx, const struct store_user *u)
{
	struct each_ctx *c = ctx;

	assert_true(c->n < 8);
	strcpy(c->names[c->n++], u->username);
	return c->n == c->stop_after ? 42 : 0;
}

static void
test_user_each(void **state)
{
	struct test_db *t = *state;
	struct each_ctx c;

	memset(&c, 0, sizeof(c));
	assert_int_equal(store_user_each(t->st, each_collect, &c), 0);
	assert_int_equal(c.n, 0);
	(void)add_user(t, "carol", "c@example.org", NULL);
	(void)add_user(t, "alice", "a@example.org", NULL);
	(void)add_user(t, "bob", "b@example.org", NULL);
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_user_each(t->st, each_collect, &c), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.names[0], "alice");
	assert_string_equal(c.names[1], "bob");
	assert_string_equal(c.names[2], "carol");
	/* The callback's error stops the walk and is returned. */
	memset(&c, 0, sizeof(c));
	c.stop_after = 2;
	assert_int_equal(store_user_each(t->st, each_collect, &c), 42);
	assert_int_equal(c.n, 2);
	/* And the statement was reset: a new walk starts over. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_user_each(t->st, each_collect, &c), 0);
	assert_int_equal(c.n, 3);
}

/* ---- SSH keys -------------------------------------------------------- */

static void
test_keys(void **state)
{
	struct test_db *t = *state;
	struct store_key *keys = NULL;
	int64_t anna, bob, owner = 0, now = (int64_t)time(NULL);
	size_t n = 0;

	anna = add_user(t, "anna", "anna@example.org", NULL);
	bob = add_user(t, "bob", "bob@example.org", NULL);
	assert_int_equal(store_key_list(t->st, anna, &keys, &n), 0);
	assert_int_equal(n, 0);
	free(keys);
	assert_int_equal(store_key_add(t->st, anna, "ssh-ed25519", "AAAAone",
			     "SHA256:one", "laptop"),
	    0);
	assert_int_equal(
	    store_key_add(t->st, anna, "ssh-rsa", "AAAAtwo", "SHA256:two", ""),
	    0);
	/* Unique over all accounts, by type and blob. */
	assert_int_equal(store_key_add(t->st, bob, "ssh-ed25519", "AAAAone",
			     "SHA256:one", "stolen"),
	    MB_ERR_EXISTS);
	assert_int_equal(store_key_add(t->st, anna, "ssh-ed25519", "AAAAone",
			     "SHA256:one", "again"),
	    MB_ERR_EXISTS);
	assert_int_equal(store_key_add(t->st, bob, "ssh-rsa", "AAAAone",
			     "SHA256:three", "other type"),
	    0);

	assert_int_equal(store_key_list(t->st, anna, &keys, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(keys[0].type, "ssh-ed25519");
	assert_string_equal(keys[0].fingerprint, "SHA256:one");
	assert_string_equal(keys[0].comment, "laptop");
	assert_true(keys[0].added_at >= now &&
	    keys[0].added_at <= now + TEST_CLOCK_SLACK);
	assert_string_equal(keys[1].type, "ssh-rsa");
	assert_string_equal(keys[1].comment, "");
	free(keys);

	assert_int_equal(
	    store_key_owner(t->st, "ssh-ed25519", "AAAAone", &owner), 0);
	assert_int_equal(owner, anna);
	assert_int_equal(
	    store_key_owner(t->st, "ssh-rsa", "AAAAone", &owner), 0);
	assert_int_equal(owner, bob);
	assert_int_equal(
	    store_key_owner(t->st, "ssh-ed25519", "AAAAtwo", &owner),
	    MB_ERR_NOTFOUND);

	/* Only the owner removes a key. */
	assert_int_equal(
	    store_key_remove(t->st, bob, "SHA256:one"), MB_ERR_NOTFOUND);
	assert_int_equal(store_key_remove(t->st, anna, "SHA256:one"), 0);
	assert_int_equal(
	    store_key_remove(t->st, anna, "SHA256:one"), MB_ERR_NOTFOUND);
	assert_int_equal(
	    store_key_owner(t->st, "ssh-ed25519", "AAAAone", &owner),
	    MB_ERR_NOTFOUND);
	assert_int_equal(store_key_list(t->st, anna, &keys, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0].fingerprint, "SHA256:two");
	free(keys);
	/* Freed for anyone now. */
	assert_int_equal(store_key_add(t->st, bob, "ssh-ed25519", "AAAAone",
			     "SHA256:one", ""),
	    0);
}

/* ---- codes ----------------------------------------------------------- */

/* store_code_use in its own transaction, as callers do. */
static int
code_use(struct test_db *t, enum store_code_purpose purpose, uint8_t fill,
    int64_t only_user, int64_t *user_id)
{
	uint8_t hash[KEYED_HASH_BYTES];
	int rc, crc;

	memset(hash, fill, sizeof(hash));
	assert_int_equal(store_begin(t->st), 0);
	rc = store_code_use(t->st, purpose, hash, sizeof(hash), only_user,
	    TEST_MAX_ATTEMPTS, user_id, NULL, 0);
	crc = store_commit(t->st);
	assert_int_equal(crc, 0);
	return rc;
}

static int
code_owner(struct test_db *t, enum store_code_purpose purpose, uint8_t fill,
    int64_t *user_id)
{
	uint8_t hash[KEYED_HASH_BYTES];

	memset(hash, fill, sizeof(hash));
	return store_code_owner(
	    t->st, purpose, hash, sizeof(hash), TEST_MAX_ATTEMPTS, user_id);
}

static void
code_add(struct test_db *t, int64_t user, enum store_code_purpose purpose,
    uint8_t fill, int64_t ttl)
{
	uint8_t hash[KEYED_HASH_BYTES];

	memset(hash, fill, sizeof(hash));
	assert_int_equal(store_code_add(t->st, user, purpose, hash,
			     sizeof(hash), ttl, "someone@example.org"),
	    0);
}

static void
test_code_add_use(void **state)
{
	struct test_db *t = *state;
	int64_t anna, bob, who = 0;

	anna = add_user(t, "anna", "anna@example.org", NULL);
	bob = add_user(t, "bob", "bob@example.org", NULL);
	code_add(t, anna, STORE_CODE_VERIFY, 0x01, TEST_TTL);
	code_add(t, anna, STORE_CODE_RESET, 0x02, TEST_TTL);
	code_add(t, bob, STORE_CODE_VERIFY, 0x03, TEST_TTL);
	assert_int_equal(code_owner(t, STORE_CODE_VERIFY, 0x01, &who), 0);
	assert_int_equal(who, anna);
	/* A newer code of the same purpose replaces it... */
	code_add(t, anna, STORE_CODE_VERIFY, 0x04, TEST_TTL);
	assert_int_equal(
	    code_owner(t, STORE_CODE_VERIFY, 0x01, &who), MB_ERR_EXPIRED);
	assert_int_equal(
	    code_use(t, STORE_CODE_VERIFY, 0x01, anna, &who), MB_ERR_EXPIRED);
	/* ...but not one of the other purpose, nor another user's. */
	assert_int_equal(code_owner(t, STORE_CODE_RESET, 0x02, &who), 0);
	assert_int_equal(code_owner(t, STORE_CODE_VERIFY, 0x03, &who), 0);
	assert_int_equal(who, bob);
	/* A code is for its purpose only. */
	assert_int_equal(
	    code_owner(t, STORE_CODE_RESET, 0x04, &who), MB_ERR_NOTFOUND);
	assert_int_equal(
	    code_use(t, STORE_CODE_RESET, 0x04, 0, &who), MB_ERR_NOTFOUND);

	who = 0;
	assert_int_equal(code_use(t, STORE_CODE_VERIFY, 0x04, anna, &who), 0);
	assert_int_equal(who, anna);
	/* Once. */
	assert_int_equal(
	    code_use(t, STORE_CODE_VERIFY, 0x04, anna, &who), MB_ERR_EXPIRED);
	assert_int_equal(
	    code_owner(t, STORE_CODE_VERIFY, 0x04, &who), MB_ERR_EXPIRED);
	/* Without only_user, any user's code. */
	who = 0;
	assert_int_equal(code_use(t, STORE_CODE_RESET, 0x02, 0, &who), 0);
	assert_int_equal(who, anna);
	assert_int_equal(
	    code_use(t, STORE_CODE_VERIFY, 0x7f, 0, &who), MB_ERR_NOTFOUND);
}

static void
test_code_expired(void **state)
{
	struct test_db *t = *state;
	int64_t anna, who = 0;

	anna = add_user(t, "anna", "anna@example.org", NULL);
	code_add(t, anna, STORE_CODE_RESET, 0x01, -10);
	assert_int_equal(
	    code_owner(t, STORE_CODE_RESET, 0x01, &who), MB_ERR_EXPIRED);
	assert_int_equal(
	    code_use(t, STORE_CODE_RESET, 0x01, anna, &who), MB_ERR_EXPIRED);
	code_add(t, anna, STORE_CODE_RESET, 0x02, TEST_TTL);
	exec_sql(t, "UPDATE code SET expires_at = expires_at - 7200");
	assert_int_equal(
	    code_use(t, STORE_CODE_RESET, 0x02, anna, &who), MB_ERR_EXPIRED);
}

static void
test_code_attempts(void **state)
{
	struct test_db *t = *state;
	int64_t anna, bob, who = 0;
	int i;

	anna = add_user(t, "anna", "anna@example.org", NULL);
	bob = add_user(t, "bob", "bob@example.org", NULL);
	code_add(t, anna, STORE_CODE_VERIFY, 0x01, TEST_TTL);
	code_add(t, bob, STORE_CODE_VERIFY, 0x02, TEST_TTL);
	/* Wrong codes without a user are not counted against anyone. */
	for (i = 0; i < TEST_MAX_ATTEMPTS; i++)
		assert_int_equal(code_use(t, STORE_CODE_VERIFY, 0x7f, 0, &who),
		    MB_ERR_NOTFOUND);
	assert_int_equal(code_owner(t, STORE_CODE_VERIFY, 0x01, &who), 0);
	/* Bob's code typed by anna: wrong for her, counted, bob's stays. */
	assert_int_equal(
	    code_use(t, STORE_CODE_VERIFY, 0x02, anna, &who), MB_ERR_NOTFOUND);
	assert_int_equal(code_owner(t, STORE_CODE_VERIFY, 0x02, &who), 0);
	assert_int_equal(who, bob);
	for (i = 1; i < TEST_MAX_ATTEMPTS; i++)
		assert_int_equal(
		    code_use(t, STORE_CODE_VERIFY, 0x7f, anna, &who),
		    MB_ERR_NOTFOUND);
	assert_int_equal(
	    code_owner(t, STORE_CODE_VERIFY, 0x01, &who), MB_ERR_EXPIRED);
	assert_int_equal(
	    code_use(t, STORE_CODE_VERIFY, 0x01, anna, &who), MB_ERR_EXPIRED);
	/* A new code starts with no wrong tries. */
	code_add(t, anna, STORE_CODE_VERIFY, 0x03, TEST_TTL);
	assert_int_equal(
	    code_use(t, STORE_CODE_VERIFY, 0x7f, anna, &who), MB_ERR_NOTFOUND);
	assert_int_equal(code_use(t, STORE_CODE_VERIFY, 0x03, anna, &who), 0);
	assert_int_equal(who, anna);
	assert_int_equal(code_use(t, STORE_CODE_VERIFY, 0x02, bob, &who), 0);
	assert_int_equal(who, bob);
}

static void
test_code_sent(void **state)
{
	struct test_db *t = *state;
	int64_t anna, bob, last = -1, now = (int64_t)time(NULL);
	int count = -1;

	anna = add_user(t, "anna", "anna@example.org", NULL);
	bob = add_user(t, "bob", "bob@example.org", NULL);
	assert_int_equal(store_code_sent(t->st, anna, STORE_CODE_VERIFY,
			     now - 3600, &count, &last),
	    0);
	assert_int_equal(count, 0);
	assert_int_equal(last, 0);
	code_add(t, anna, STORE_CODE_VERIFY, 0x01, TEST_TTL);
	exec_sql(t, "UPDATE code SET created_at = created_at - 1000");
	code_add(t, anna, STORE_CODE_VERIFY, 0x02, TEST_TTL);
	code_add(t, anna, STORE_CODE_RESET, 0x03, TEST_TTL);
	code_add(t, bob, STORE_CODE_VERIFY, 0x04, TEST_TTL);
	/* Replaced codes still count: they went out. */
	assert_int_equal(store_code_sent(t->st, anna, STORE_CODE_VERIFY,
			     now - 3600, &count, &last),
	    0);
	assert_int_equal(count, 2);
	assert_true(last >= now && last <= now + TEST_CLOCK_SLACK);
	assert_int_equal(store_code_sent(t->st, anna, STORE_CODE_VERIFY,
			     now - 10, &count, &last),
	    0);
	assert_int_equal(count, 1);
	assert_int_equal(store_code_sent(t->st, anna, STORE_CODE_RESET,
			     now - 3600, &count, &last),
	    0);
	assert_int_equal(count, 1);
	assert_int_equal(store_code_sent(t->st, bob, STORE_CODE_RESET,
			     now - 3600, &count, &last),
	    0);
	assert_int_equal(count, 0);
}

/* ---- failed logins --------------------------------------------------- */

static void
test_auth_failures(void **state)
{
	struct test_db *t = *state;
	int failures = -1, i;

	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_ADDR,
			     "192.0.2.1", TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(store_auth_fail(t->st, STORE_AUTH_ADDR,
				     "192.0.2.1", TEST_FORGET),
		    0);
	assert_int_equal(
	    store_auth_fail(t->st, STORE_AUTH_USER, "anna", TEST_FORGET), 0);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_ADDR,
			     "192.0.2.1", TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 3);
	/* Per subject and per scope. */
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_ADDR,
			     "192.0.2.2", TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 0);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_USER,
			     "192.0.2.1", TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 0);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_USER, "anna",
			     TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 1);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_ADDR, "anna",
			     TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 0);
	/* A login clears its own subject only. */
	assert_int_equal(
	    store_auth_clear(t->st, STORE_AUTH_ADDR, "192.0.2.1"), 0);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_ADDR,
			     "192.0.2.1", TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 0);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_USER, "anna",
			     TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 1);
	assert_int_equal(store_auth_clear(t->st, STORE_AUTH_USER, "nobody"), 0);
}

/* Each scope keeps its own quiet period: a failed login (a short one)
 * does not sweep away the registrations counted per address (a long one). */
static void
test_auth_scopes_forget_apart(void **state)
{
	struct test_db *t = *state;
	char sql[128];
	int failures = -1;

	assert_int_equal(store_auth_fail(t->st, STORE_AUTH_REGISTER,
			     "192.0.2.9", 4 * TEST_FORGET),
	    0);
	(void)snprintf(sql, sizeof(sql),
	    "UPDATE auth_failure SET last_at = last_at - %d", 2 * TEST_FORGET);
	exec_sql(t, sql);
	assert_int_equal(
	    store_auth_fail(t->st, STORE_AUTH_ADDR, "192.0.2.9", TEST_FORGET),
	    0);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_REGISTER,
			     "192.0.2.9", 4 * TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 1);
}

static void
test_auth_forget(void **state)
{
	struct test_db *t = *state;
	char sql[128];
	int failures = -1;

	assert_int_equal(
	    store_auth_fail(t->st, STORE_AUTH_USER, "anna", TEST_FORGET), 0);
	assert_int_equal(
	    store_auth_fail(t->st, STORE_AUTH_USER, "anna", TEST_FORGET), 0);
	/* Quiet for less than the period: remembered. */
	(void)snprintf(sql, sizeof(sql),
	    "UPDATE auth_failure SET last_at = last_at - %d", TEST_FORGET - 60);
	exec_sql(t, sql);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_USER, "anna",
			     TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 2);
	/* Quiet for longer: forgotten, and a new failure starts anew. */
	(void)snprintf(sql, sizeof(sql),
	    "UPDATE auth_failure SET last_at = last_at - %d", 120);
	exec_sql(t, sql);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_USER, "anna",
			     TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 0);
	assert_int_equal(
	    store_auth_fail(t->st, STORE_AUTH_USER, "anna", TEST_FORGET), 0);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_USER, "anna",
			     TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 1);
	/* A failure within the period restarts the quiet time. */
	(void)snprintf(sql, sizeof(sql),
	    "UPDATE auth_failure SET last_at = last_at - %d", TEST_FORGET - 60);
	exec_sql(t, sql);
	assert_int_equal(
	    store_auth_fail(t->st, STORE_AUTH_USER, "anna", TEST_FORGET), 0);
	(void)snprintf(sql, sizeof(sql),
	    "UPDATE auth_failure SET last_at = last_at - %d", 120);
	exec_sql(t, sql);
	assert_int_equal(store_auth_failures(t->st, STORE_AUTH_USER, "anna",
			     TEST_FORGET, &failures),
	    0);
	assert_int_equal(failures, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_DB(test_list_get),
		TEST_DB(test_list_add_rename),
		TEST_DB(test_list_retire),
		TEST_DB(test_list_find_any_case),
		TEST_DB(test_list_add_duplicate_any_case),
		TEST_DB(test_list_german_names),
		TEST_DB(test_user_set_fields),
		TEST_DB(test_user_create_get),
		TEST_DB(test_user_unique),
		TEST_DB(test_user_setters),
		TEST_DB(test_user_each),
		TEST_DB(test_keys),
		TEST_DB(test_code_add_use),
		TEST_DB(test_code_expired),
		TEST_DB(test_code_attempts),
		TEST_DB(test_code_sent),
		TEST_DB(test_auth_failures),
		TEST_DB(test_auth_forget),
		TEST_DB(test_auth_scopes_forget_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
