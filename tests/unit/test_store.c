/*
 * Unit tests of the store core: schema, connection settings, sessions, and
 * the helpers every statement runs through.
 */
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "store.h"
#include "store_internal.h"
#include "test_util.h"
#include "util.h"

static void
test_schema_created_once(void **state)
{
	struct test_db *t = *state;
	struct store *again = NULL;
	int version = 0;

	assert_int_equal(store_schema_version(t->st, &version), 0);
	assert_int_equal(version, store_schema_latest());
	/* A second connection finds the schema in place. */
	assert_int_equal(store_open(t->path, &again), 0);
	assert_int_equal(store_schema_version(again, &version), 0);
	assert_int_equal(version, store_schema_latest());
	store_close(again);
}

#define TEST_SCHEMA_V1 "tests/unit/fixtures/schema-v1.sql"
#define TEST_SCHEMA_TEXT_MAX (64 * 1024)

/* Append one row of a schema query to the text in ctx. */
static int
schema_row(void *ctx, int ncols, char **values, char **names)
{
	char *text = ctx;
	size_t len = strlen(text);
	int i;

	(void)names;
	for (i = 0; i < ncols; i++)
		len += (size_t)snprintf(text + len, TEST_SCHEMA_TEXT_MAX - len,
		    "%s|", values[i] != NULL ? values[i] : "NULL");
	(void)snprintf(text + len, TEST_SCHEMA_TEXT_MAX - len, "\n");
	return 0;
}

/*
 * The schema of db as a text to compare: every table's columns (name,
 * type, not null, default, key), every index's columns and every check,
 * whatever the CREATE statements' spelling, and every virtual table's
 * statement, whatever its spaces.
 */
static char *
schema_text(sqlite3 *db)
{
	char *text = calloc(1, TEST_SCHEMA_TEXT_MAX);

	assert_non_null(text);
	assert_int_equal(sqlite3_exec(db,
			     "SELECT m.type, m.name, p.* FROM sqlite_schema m,"
			     " pragma_table_xinfo(m.name) p"
			     " WHERE m.type = 'table' AND m.name NOT LIKE"
			     " 'sqlite_%' AND m.name NOT LIKE 'mentor_search_%'"
			     " ORDER BY m.name, p.cid;"
			     "SELECT m.name, i.* FROM sqlite_schema m,"
			     " pragma_index_xinfo(m.name) i"
			     " WHERE m.type = 'index' ORDER BY m.name, i.seqno;"
			     "SELECT name, tbl_name FROM sqlite_schema"
			     " ORDER BY name;"
			     /* A virtual table's options (FTS5's prefix
			      * indexes) are in its statement alone. */
			     "SELECT name, replace(replace(replace(sql, ' ',"
			     " ''), char(9), ''), char(10), '') FROM"
			     " sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'"
			     " ORDER BY name;",
			     schema_row, text, NULL),
	    SQLITE_OK);
	return text;
}

/* A database of version 1 migrates to what schema.sql makes, data kept. */
static void
test_migrations_make_the_schema(void **state)
{
	struct test_db *t = *state;
	char path[PATH_MAX + 8], *v1 = NULL, *fresh = NULL, *migrated = NULL;
	struct store *st = NULL;
	struct store_user u;
	sqlite3 *db = NULL;
	FILE *fp = NULL;
	size_t n;
	int version = 0, failures = 0;

	v1 = calloc(1, TEST_SCHEMA_TEXT_MAX);
	assert_non_null(v1);
	fp = fopen(TEST_SCHEMA_V1, "r");
	assert_non_null(fp);
	n = fread(v1, 1, TEST_SCHEMA_TEXT_MAX - 1, fp);
	assert_true(n > 0);
	(void)fclose(fp);
	(void)snprintf(path, sizeof(path), "%s/old.db", t->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
			     "PRAGMA user_version = 1;"
			     "INSERT INTO user (username, email, first_name,"
			     " last_name, created_at) VALUES ('anna',"
			     " 'anna@example.org', 'Anna', 'K', 1);"
			     "INSERT INTO auth_failure VALUES ('addr',"
			     " '192.0.2.1', 4, 1000);",
			     NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);

	assert_int_equal(store_open(path, &st), 0);
	assert_int_equal(store_schema_version(st, &version), 0);
	assert_int_equal(version, store_schema_latest());
	assert_int_equal(store_user_find(st, "anna", &u), 0);
	assert_int_equal(store_auth_failures(st, STORE_AUTH_ADDR, "192.0.2.1",
			     1000000000000LL, &failures),
	    0);
	assert_int_equal(failures, 4);
	migrated = schema_text(st->db);
	fresh = schema_text(t->st->db);
	assert_string_equal(migrated, fresh);
	store_close(st);
	free(v1);
	free(fresh);
	free(migrated);
}

static void
test_newer_schema_refused(void **state)
{
	struct test_db *t = *state;
	struct store *again = NULL;
	char sql[64];

	(void)snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    store_schema_latest() + 1);
	assert_int_equal(
	    sqlite3_exec(t->st->db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_open(t->path, &again), MB_ERR_VERSION);
	assert_null(again);
}

static int64_t
pragma_int(struct store *st, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int64_t v;

	assert_int_equal(
	    sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/* The set-up of every connection of st, as store_open made it. */
static void
assert_connection_settings(struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	int on = -1;

	assert_non_null(st->db);
	assert_int_equal(pragma_int(st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(pragma_int(st, "PRAGMA trusted_schema"), 0);
	assert_int_equal(pragma_int(st, "PRAGMA secure_delete"), 1);
	assert_int_equal(pragma_int(st, "PRAGMA cache_size"), -STORE_CACHE_KIB);
	assert_int_equal(pragma_int(st, "PRAGMA mmap_size"), STORE_MMAP_BYTES);
	assert_int_equal(
	    sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	assert_int_equal(
	    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &on),
	    SQLITE_OK);
	assert_int_equal(on, 1);
	assert_int_equal(sqlite3_db_config(st->db,
			     SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &on),
	    SQLITE_OK);
	assert_int_equal(on, 0);
	/* The board's own SQL functions. */
	assert_int_equal(sqlite3_prepare_v2(st->db,
			     "SELECT display_name('Anna', 'Kowalski'),"
			     " search_fold('Müller'), local_name('a', ''),"
			     " (SELECT count(*) FROM mentor_search WHERE"
			     " mentor_search MATCH 'x' ORDER BY"
			     " mentor_rank(mentor_search, 0))",
			     -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal(
	    (const char *)sqlite3_column_text(stmt, 0), "Anna K.");
	assert_non_null(
	    strstr((const char *)sqlite3_column_text(stmt, 1), "mueller"));
	assert_string_equal((const char *)sqlite3_column_text(stmt, 2), "a");
	assert_int_equal(sqlite3_column_int(stmt, 3), 0);
	sqlite3_finalize(stmt);
}

static void
test_connection_settings(void **state)
{
	struct test_db *t = *state;

	assert_connection_settings(t->st);
}

/* Pages in the write-ahead log of st (whose file is path) at its
 * largest, after commits of pages more pages, 16 a commit. */
static int64_t
wal_pages_after_commits(struct store *st, const char *path, int pages)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	int64_t page = pragma_int(st, "PRAGMA page_size");
	int i;

	assert_int_equal(
	    sqlite3_exec(st->db, "CREATE TABLE IF NOT EXISTS scratch (b BLOB)",
		NULL, NULL, NULL),
	    SQLITE_OK);
	for (i = 0; i < pages / 16; i++)
		assert_int_equal(sqlite3_exec(st->db,
				     "INSERT INTO scratch VALUES "
				     "(zeroblob(15 * 4096))",
				     NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(stat(wal, &sb), 0);
	free(wal);
	return (int64_t)sb.st_size / page;
}

/* The size of the database's file, in pages. */
static int64_t
file_pages(struct store *st, const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return (int64_t)sb.st_size / pragma_int(st, "PRAGMA page_size");
}

/*
 * A connection's commits checkpoint the log at STORE_WAL_CHECKPOINT_PAGES
 * (it then starts again from its beginning).  One that leaves that to the
 * housekeeping (mentord's sessions, the login gate) does it all the same
 * while nobody listens for the housekeeping's wake-ups; while someone
 * does, its log grows and each commit past that size wakes the listener
 * for a checkpoint, which (passive, the housekeeping's) moves it all into
 * the file; and past STORE_WAL_CHECKPOINT_FORCE_PAGES it checkpoints
 * itself again.
 */
static void
test_checkpoints_left_to_housekeeping(void **state)
{
	struct test_db *t = *state;
	struct store *alone = NULL, *left = NULL;
	struct store_news_event ev[64];
	char path[PATH_MAX], path2[PATH_MAX];
	size_t i, n;
	int fd = -1, asked = 0;

	assert_true(wal_pages_after_commits(
			t->st, t->path, 2 * STORE_WAL_CHECKPOINT_PAGES) <
	    STORE_WAL_CHECKPOINT_PAGES * 3 / 2);

	(void)snprintf(path, sizeof(path), "%s/alone.db", t->dir);
	assert_int_equal(store_open(path, &alone), 0);
	store_leave_checkpoints(alone);
	assert_true(wal_pages_after_commits(
			alone, path, 2 * STORE_WAL_CHECKPOINT_PAGES) <
	    STORE_WAL_CHECKPOINT_PAGES * 3 / 2);
	store_close(alone);

	(void)snprintf(path2, sizeof(path2), "%s/left.db", t->dir);
	assert_int_equal(store_open(path2, &left), 0);
	store_leave_checkpoints(left);
	assert_int_equal(
	    store_news_listen(left, STORE_NEWS_HOUSEKEEPING, &fd), 0);
	assert_true(wal_pages_after_commits(
			left, path2, 2 * STORE_WAL_CHECKPOINT_PAGES) >
	    STORE_WAL_CHECKPOINT_PAGES * 3 / 2);
	while ((n = store_news_receive(fd, ev, 64)) > 0) {
		for (i = 0; i < n; i++)
			asked += ev[i].kind == STORE_WORK_CHECKPOINT;
	}
	assert_true(asked > 0);
	/* The scratch table's pages are in the log, not the file, until
	 * the checkpoint. */
	assert_true(file_pages(left, path2) < STORE_WAL_CHECKPOINT_PAGES);
	assert_int_equal(store_checkpoint_passive(left), 0);
	assert_true(
	    file_pages(left, path2) > STORE_WAL_CHECKPOINT_PAGES * 3 / 2);

	/* A housekeeping that does not keep up. */
	assert_true(wal_pages_after_commits(
			left, path2, 2 * STORE_WAL_CHECKPOINT_FORCE_PAGES) <
	    STORE_WAL_CHECKPOINT_FORCE_PAGES + STORE_WAL_CHECKPOINT_PAGES);
	assert_true(file_pages(left, path2) > STORE_WAL_CHECKPOINT_FORCE_PAGES);
	store_news_unlisten(left, STORE_NEWS_HOUSEKEEPING, fd);
	store_close(left);
}

/*
 * A store used, rested and used again gives the same answers, on a
 * connection set up as the first was; resting twice is resting.
 */
static void
test_rest_and_use_again(void **state)
{
	struct test_db *t = *state;
	struct store_item area, again;
	uint8_t hash[32];
	int64_t id, count = -1;
	int i;

	for (i = 0; i < 2; i++) {
		memset(hash, i, sizeof(hash));
		assert_int_equal(store_session_add(t->st, hash, sizeof(hash), 0,
				     "::1", 1, &id),
		    0);
	}
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "Career entry", &area), 0);
	assert_true(t->st->ncached > 0);
	assert_int_equal(store_rest(t->st), 0);
	assert_null(t->st->db);
	assert_int_equal(t->st->ncached, 0);
	assert_int_equal(store_rest(t->st), 0);
	assert_null(t->st->db);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 2);
	assert_connection_settings(t->st);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "Career entry", &again),
	    0);
	assert_int_equal(again.id, area.id);
	/* Writes, and their transactions, as before. */
	assert_int_equal(store_rest(t->st), 0);
	assert_int_equal(store_begin(t->st), 0);
	assert_non_null(t->st->db);
	memset(hash, 9, sizeof(hash));
	assert_int_equal(
	    store_session_add(t->st, hash, sizeof(hash), 0, "::1", 1, &id), 0);
	assert_int_equal(store_commit(t->st), 0);
	assert_int_equal(store_rest(t->st), 0);
	assert_true(store_read_begin(t->st));
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 3);
	store_read_end(t->st, 1);
	/* The news mapping stays through a rest. */
	assert_int_equal(store_rest(t->st), 0);
	assert_non_null(t->st->news);
}

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define TEST_ZONE 0 /* SQLite's memory stays the sanitizer's */
#else
#define TEST_ZONE 1
#endif

/* SQLite's blocks come from the zone: sizes, growing, shrinking, big. */
static void
test_zone_blocks(void **state)
{
	unsigned char *p = NULL, *q = NULL;
	size_t live;
	int i;

	(void)state;
	if (!TEST_ZONE)
		skip();
	live = store_zone_live();
	p = sqlite3_malloc(100);
	assert_non_null(p);
	assert_true(sqlite3_msize(p) >= 100);
	assert_int_equal(store_zone_live(), live + 1);
	for (i = 0; i < 100; i++)
		p[i] = (unsigned char)i;
	q = sqlite3_realloc(p, 5000);
	assert_non_null(q);
	assert_true(sqlite3_msize(q) >= 5000);
	for (i = 0; i < 100; i++)
		assert_int_equal(q[i], i);
	memset(q, 0xee, 5000);
	/* Shrinking keeps the block. */
	p = sqlite3_realloc(q, 10);
	assert_ptr_equal(p, q);
	assert_int_equal(p[9], 0xee);
	/* A freed block is the next of its size. */
	sqlite3_free(p);
	assert_int_equal(store_zone_live(), live);
	q = sqlite3_malloc(4990);
	assert_ptr_equal(q, p);
	sqlite3_free(q);
	/* Past the zone's largest class: malloc's, not counted. */
	p = sqlite3_malloc(1000000);
	assert_non_null(p);
	assert_int_equal(sqlite3_msize(p), 1000000);
	assert_int_equal(store_zone_live(), live);
	memset(p, 1, 1000000);
	q = sqlite3_realloc(p, 2000000);
	assert_non_null(q);
	assert_int_equal(q[999999], 1);
	sqlite3_free(q);
	assert_int_equal(store_zone_live(), live);
}

/* The last connection closed, SQLite holds nothing: the zone goes. */
static void
test_zone_released_at_rest(void **state)
{
	struct test_db *t = *state;
	int64_t count = -1;

	if (!TEST_ZONE)
		skip();
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_true(store_zone_live() > 0);
	assert_int_equal(store_rest(t->st), 0);
	assert_int_equal(store_zone_live(), 0);
	/* Nothing left to give back: released already. */
	assert_int_equal(store_zone_release(), 1);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 0);
	assert_true(store_zone_live() > 0);
	assert_int_equal(store_zone_release(), 0);
}

/* The store test_rest_in_row rests. */
static struct store *test_rest_store;

/* A transaction, a write's or several reads', keeps its connection. */
static void
test_rest_inside_a_transaction(void **state)
{
	struct test_db *t = *state;
	uint8_t hash[32];
	int64_t id, count = -1;
	int opened;

	memset(hash, 1, sizeof(hash));
	assert_int_equal(store_begin(t->st), 0);
	assert_int_equal(
	    store_session_add(t->st, hash, sizeof(hash), 0, "::1", 1, &id), 0);
	assert_int_equal(store_rest(t->st), MB_ERR_BUSY);
	assert_non_null(t->st->db);
	assert_int_equal(store_commit(t->st), 0);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 1);
	opened = store_read_begin(t->st);
	assert_true(opened);
	assert_int_equal(store_rest(t->st), MB_ERR_BUSY);
	assert_non_null(t->st->db);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 1);
	store_read_end(t->st, opened);
	assert_int_equal(store_rest(t->st), 0);
	assert_null(t->st->db);
}

/* A row callback that tries to rest the store its statement runs on. */
static int
test_rest_in_row(sqlite3_stmt *stmt, void *ctx)
{
	int *rc = ctx;

	(void)stmt;
	*rc = store_rest(test_rest_store);
	return 0;
}

/* A statement still stepping (a store_each's rows) keeps its connection. */
static void
test_rest_while_a_statement_steps(void **state)
{
	struct test_db *t = *state;
	int rc = -1;

	test_rest_store = t->st;
	assert_int_equal(
	    store_each(t->st, __func__, "SELECT 1 UNION ALL SELECT 2",
		test_rest_in_row, &rc, ""),
	    0);
	assert_int_equal(rc, MB_ERR_BUSY);
	assert_non_null(t->st->db);
	assert_int_equal(store_rest(t->st), 0);
	assert_null(t->st->db);
}

/*
 * A connection that cannot be opened again fails the call that wanted it,
 * as any store error, and the next call tries again.
 */
static void
test_rest_open_again_fails(void **state)
{
	struct test_db *t = *state;
	char gone[sizeof(t->dir) + 8];
	int64_t count = -1;

	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(store_rest(t->st), 0);
	(void)snprintf(gone, sizeof(gone), "%s.gone", t->dir);
	assert_int_equal(rename(t->dir, gone), 0);
	assert_int_equal(store_session_count(t->st, &count), MB_ERR_DB);
	assert_null(t->st->db);
	assert_false(store_read_begin(t->st));
	assert_int_equal(store_begin(t->st), MB_ERR_DB);
	assert_int_equal(rename(gone, t->dir), 0);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 0);
	assert_connection_settings(t->st);
}

static void
test_seeded_lists(void **state)
{
	struct test_db *t = *state;

	assert_true(pragma_int(t->st, "SELECT count(*) FROM area") >= 8);
	assert_true(
	    pragma_int(t->st, "SELECT count(*) FROM field_of_study") >= 20);
}

static void
test_session_claim_once(void **state)
{
	struct test_db *t = *state;
	uint8_t hash[32], other[32];
	struct store_session s;
	int64_t id = 0, count = 0;

	memset(hash, 0xab, sizeof(hash));
	memset(other, 0xcd, sizeof(other));
	assert_int_equal(store_session_add(t->st, hash, sizeof(hash), 0,
			     "127.0.0.1", 4242, &id),
	    0);
	assert_true(id > 0);
	assert_int_equal(store_session_claim(t->st, other, sizeof(other), &s),
	    MB_ERR_NOTFOUND);
	assert_int_equal(store_session_claim(t->st, hash, sizeof(hash), &s), 0);
	assert_int_equal(s.id, id);
	assert_int_equal(s.user_id, 0);
	assert_int_equal(s.pid, 4242);
	assert_string_equal(s.remote_addr, "127.0.0.1");
	/* A token works once. */
	assert_int_equal(store_session_claim(t->st, hash, sizeof(hash), &s),
	    MB_ERR_NOTFOUND);
	/* The same token cannot be recorded twice. */
	assert_int_equal(store_session_add(
			     t->st, hash, sizeof(hash), 0, "127.0.0.1", 1, &id),
	    MB_ERR_EXISTS);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(store_session_remove(t->st, s.id), 0);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 0);
}

static void
test_session_remove_all(void **state)
{
	struct test_db *t = *state;
	uint8_t hash[32];
	int64_t id, count = -1;
	int i;

	for (i = 0; i < 3; i++) {
		memset(hash, i, sizeof(hash));
		assert_int_equal(store_session_add(t->st, hash, sizeof(hash), 0,
				     "::1", 1, &id),
		    0);
	}
	assert_int_equal(store_session_remove_all(t->st), 0);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 0);
}

static void
test_transaction_rollback(void **state)
{
	struct test_db *t = *state;
	uint8_t hash[32];
	int64_t id, count = -1;

	memset(hash, 7, sizeof(hash));
	assert_int_equal(store_begin(t->st), 0);
	assert_int_equal(
	    store_session_add(t->st, hash, sizeof(hash), 0, "::1", 1, &id), 0);
	store_rollback(t->st);
	assert_int_equal(store_session_count(t->st, &count), 0);
	assert_int_equal(count, 0);
}

/*
 * Idle screens redraw when their news counter moves: only news a rule
 * marked moves it, in every process; logins, failed logins and other
 * writes do not (or a thousand screens would reread the store on every
 * login).
 */
static void
test_news_counts_marked_commits(void **state)
{
	struct test_db *t = *state;
	struct store *other = NULL;
	struct store_session s;
	uint8_t hash[32];
	uint64_t before;
	int64_t id, area;

	assert_int_equal(store_open(t->path, &other), 0);
	before = store_news_count(other, 0);
	memset(hash, 9, sizeof(hash));
	assert_int_equal(
	    store_session_add(t->st, hash, sizeof(hash), 0, "::1", 1, &id), 0);
	assert_int_equal(store_session_claim(t->st, hash, sizeof(hash), &s), 0);
	assert_int_equal(store_session_remove(t->st, id), 0);
	assert_int_equal(store_auth_fail(t->st, STORE_AUTH_ADDR, "::1", 60), 0);
	assert_int_equal(store_auth_clear(t->st, STORE_AUTH_ADDR, "::1"), 0);
	assert_int_equal(
	    store_list_add(t->st, STORE_LIST_AREAS, "Unmarked", NULL, &area),
	    0);
	assert_true(store_news_count(other, 0) == before);

	assert_int_equal(store_begin(t->st), 0);
	store_news_mark(t->st, STORE_NEWS_EVERYONE, STORE_NEWS_LISTS, 0);
	store_rollback(t->st);
	assert_true(store_news_count(other, 0) == before);

	store_news_mark(t->st, STORE_NEWS_EVERYONE, STORE_NEWS_LISTS, 0);
	assert_true(store_news_count(other, 0) != before);
	assert_true(store_news_count(other, 0) == store_news_count(t->st, 0));
	store_close(other);
}

/*
 * Root (the operator's mentor --local) leaves what it makes in the state
 * directory to the directory's owner, the board's account: the news file,
 * the wake-up directory, and a database root found as its own.
 */
static void
test_news_file_follows_state_dir_owner(void **state)
{
	struct test_db *t = *state;
	struct store *other = NULL;
	char news[PATH_MAX + 8], wake[PATH_MAX + 8];
	struct stat sb;

	if (geteuid() != 0)
		skip();
	(void)snprintf(news, sizeof(news), "%s-news", t->path);
	assert_int_equal(unlink(news), 0);
	(void)snprintf(wake, sizeof(wake), "%s-wake", t->path);
	assert_int_equal(rmdir(wake), 0);
	assert_int_equal(chown(t->dir, 65534, 65534), 0);
	assert_int_equal(store_open(t->path, &other), 0);
	assert_int_equal(stat(t->path, &sb), 0);
	assert_int_equal(sb.st_uid, 65534);
	assert_int_equal(stat(news, &sb), 0);
	assert_int_equal(sb.st_uid, 65534);
	assert_int_equal(sb.st_gid, 65534);
	/* And the directory where sessions listen for wake-ups. */
	assert_int_equal(stat(wake, &sb), 0);
	assert_int_equal(sb.st_uid, 65534);
	assert_int_equal(sb.st_mode & 0777, 0700);
	store_close(other);
}

/* Reads under store_read_begin see one snapshot; nesting is harmless. */
static void
test_read_transaction(void **state)
{
	struct test_db *t = *state;
	struct store *other = NULL;
	struct store_item *items = NULL;
	size_t before, n;
	int64_t id;
	int opened;

	assert_int_equal(store_open(t->path, &other), 0);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_AREAS, 1, &items, &before), 0);
	free(items);
	opened = store_read_begin(t->st);
	assert_true(opened);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_AREAS, 1, &items, &n), 0);
	free(items);
	assert_false(store_read_begin(t->st));
	assert_int_equal(
	    store_list_add(other, STORE_LIST_AREAS, "Later", NULL, &id), 0);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_AREAS, 1, &items, &n), 0);
	free(items);
	assert_int_equal(n, before);
	store_read_end(t->st, opened);
	assert_int_equal(
	    store_list_get(t->st, STORE_LIST_AREAS, 1, &items, &n), 0);
	free(items);
	assert_int_equal(n, before + 1);
	store_close(other);
}

/* Our commit hook replaces SQLite's: the log must still be checkpointed. */
static void
test_wal_checkpointed(void **state)
{
	struct test_db *t = *state;
	char wal[PATH_MAX + 8];
	struct stat sb;
	int i;

	assert_int_equal(sqlite3_exec(t->st->db,
			     "CREATE TABLE scratch (b BLOB)", NULL, NULL, NULL),
	    SQLITE_OK);
	/* 24 MiB in 1 MiB commits: some 6,000 pages. */
	for (i = 0; i < 24; i++)
		assert_int_equal(sqlite3_exec(t->st->db,
				     "INSERT INTO scratch VALUES "
				     "(zeroblob(1048576))",
				     NULL, NULL, NULL),
		    SQLITE_OK);
	(void)snprintf(wal, sizeof(wal), "%s-wal", t->path);
	assert_int_equal(stat(wal, &sb), 0);
	assert_true(sb.st_size < 8 * 1048576);
}

/* ---- the statement helpers -------------------------------------------- */

#define TEST_COUNT_ROWS                                                   \
	"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c " \
	"WHERE x < ?) SELECT x FROM c"

static void
fill_count(sqlite3_stmt *stmt, void *ctx)
{
	int64_t *seen = ctx;

	(*seen)++;
	assert_int_equal(sqlite3_column_int64(stmt, 0), *seen);
}

/* No row is MB_ERR_NOTFOUND without a call to fill; a second row unread. */
static void
test_helpers_row(void **state)
{
	struct test_db *t = *state;
	int64_t seen = 0, v[2] = { -1, -1 };

	assert_int_equal(
	    store_row(t->st, __func__, "SELECT id FROM area WHERE name = ?",
		fill_count, &seen, "t", "No such area"),
	    MB_ERR_NOTFOUND);
	assert_int_equal(seen, 0);
	assert_int_equal(store_row(t->st, __func__, TEST_COUNT_ROWS, fill_count,
			     &seen, "i", (int64_t)5),
	    0);
	assert_int_equal(seen, 1);
	assert_int_equal(
	    store_ints(t->st, __func__, "SELECT id FROM area WHERE name = ?", v,
		1, "t", "No such area"),
	    MB_ERR_NOTFOUND);
	assert_int_equal(v[0], -1);
	assert_int_equal(store_ints(t->st, __func__, "SELECT 7, ? * 2", v,
			     nitems(v), "i", (int64_t)21),
	    0);
	assert_int_equal(v[0], 7);
	assert_int_equal(v[1], 42);
	/* A statement that failed before is ready for its next use. */
	assert_int_equal(store_row(t->st, __func__, "SELECT x FROM no_table",
			     fill_count, &seen, ""),
	    MB_ERR_DB);
	assert_int_equal(store_run(t->st, __func__,
			     "INSERT INTO area (name) VALUES (?)", "t", "Once"),
	    0);
}

/* A unique or primary key violation is MB_ERR_EXISTS, in any helper. */
static void
test_helpers_exists(void **state)
{
	struct test_db *t = *state;
	int64_t seen = 0;

	assert_int_equal(
	    store_run(t->st, __func__, "INSERT INTO area (name) VALUES (?)",
		"t", "Twice"),
	    0);
	assert_int_equal(
	    store_run(t->st, __func__, "INSERT INTO area (name) VALUES (?)",
		"t", "Twice"),
	    MB_ERR_EXISTS);
	assert_int_equal(store_row(t->st, __func__,
			     "INSERT INTO area (id, name) SELECT id, 'Other' "
			     "FROM area WHERE name = ? RETURNING id",
			     fill_count, &seen, "t", "Twice"),
	    MB_ERR_EXISTS);
}

/* store_run_found: an UPDATE or DELETE that changed nothing. */
static void
test_helpers_found(void **state)
{
	struct test_db *t = *state;

	assert_int_equal(store_run_found(t->st, __func__,
			     "UPDATE area SET retired = 1 WHERE name = ?", "t",
			     "No such area"),
	    MB_ERR_NOTFOUND);
	assert_int_equal(
	    store_run(t->st, __func__, "INSERT INTO area (name) VALUES (?)",
		"t", "Found"),
	    0);
	assert_int_equal(
	    store_run_found(t->st, __func__,
		"UPDATE area SET retired = 1 WHERE name = ?", "t", "Found"),
	    0);
	assert_int_equal(store_run_found(t->st, __func__,
			     "DELETE FROM area WHERE name = ?", "t", "Found"),
	    0);
	assert_int_equal(store_run_found(t->st, __func__,
			     "DELETE FROM area WHERE name = ?", "t", "Found"),
	    MB_ERR_NOTFOUND);
}

/*
 * A connection that finds the store locked tries again after 50 us, then
 * twice as long each time up to 2 ms, and gives up once its waits come to
 * STORE_BUSY_TIMEOUT_MS, the last one cut to fit.
 */
static void
test_busy_waits(void **state)
{
	long long total = 0;
	long us;
	int count;

	(void)state;
	assert_int_equal(store_busy_wait_us(0), STORE_BUSY_FIRST_US);
	assert_int_equal(store_busy_wait_us(1), 2 * STORE_BUSY_FIRST_US);
	assert_int_equal(store_busy_wait_us(2), 4 * STORE_BUSY_FIRST_US);
	for (count = 0; (us = store_busy_wait_us(count)) >= 0; count++) {
		assert_true(us > 0);
		assert_true(us <= STORE_BUSY_STEP_MAX_US);
		total += us;
		assert_true(count < 10 * STORE_BUSY_TIMEOUT_MS);
	}
	assert_int_equal(total, STORE_BUSY_TIMEOUT_MS * 1000LL);
	assert_int_equal(store_busy_wait_us(count - 2), STORE_BUSY_STEP_MAX_US);
	assert_int_equal(store_busy_wait_us(count + 1), -1);
	assert_int_equal(store_busy_wait_us(-1), -1);
}

/* A process of its own (as a session's) holding the write lock of the
 * store at path for ms, then committing: its pid, once it holds it. */
static pid_t
hold_write_lock(const char *path, int ms)
{
	struct store *other = NULL;
	int ready[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (store_open(path, &other) != 0 || store_begin(other) != 0 ||
		    store_run(other, __func__,
			"INSERT INTO area (name) VALUES (?)", "t",
			"Held") != 0 ||
		    write(ready[1], "r", 1) != 1)
			_exit(1);
		(void)poll(NULL, 0, ms);
		_exit(store_commit(other) == 0 ? 0 : 1);
	}
	(void)close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	(void)close(ready[0]);
	return pid;
}

/*
 * A connection waits for a write lock held a moment by another, and gets
 * it once it is free.
 */
static void
test_busy_waits_for_the_lock(void **state)
{
	struct test_db *t = *state;
	pid_t pid = hold_write_lock(t->path, 100);
	int status = -1;

	assert_int_equal(
	    store_run(t->st, __func__, "INSERT INTO area (name) VALUES (?)",
		"t", "Waited"),
	    0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/*
 * ... and gives up with MB_ERR_BUSY once it has waited STORE_BUSY_TIMEOUT_MS
 * for one held longer (the other lets go 2 s after that: a connection
 * that waited on would get it then).
 */
static void
test_busy_gives_up(void **state)
{
	struct test_db *t = *state;
	pid_t pid = hold_write_lock(t->path, STORE_BUSY_TIMEOUT_MS + 2000);
	int status = -1;

	assert_int_equal(
	    store_run(t->st, __func__, "INSERT INTO area (name) VALUES (?)",
		"t", "Waited"),
	    MB_ERR_BUSY);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
}

/* Another process holding the write lock past the timeout: MB_ERR_BUSY. */
static void
test_helpers_busy(void **state)
{
	struct test_db *t = *state;
	struct store *other = NULL;
	int64_t seen = 0;

	assert_int_equal(store_open(t->path, &other), 0);
	assert_int_equal(sqlite3_busy_timeout(t->st->db, 50), SQLITE_OK);
	assert_int_equal(store_begin(other), 0);
	assert_int_equal(store_run(t->st, __func__,
			     "INSERT INTO area (name) VALUES (?)", "t", "Busy"),
	    MB_ERR_BUSY);
	assert_int_equal(store_row(t->st, __func__,
			     "UPDATE area SET retired = 1 WHERE name = ? "
			     "RETURNING id",
			     fill_count, &seen, "t", "Career entry"),
	    MB_ERR_BUSY);
	/* Reads go on: WAL readers do not wait for the writer. */
	assert_int_equal(store_row(t->st, __func__, TEST_COUNT_ROWS, fill_count,
			     &seen, "i", (int64_t)1),
	    0);
	store_rollback(other);
	assert_int_equal(store_run(t->st, __func__,
			     "INSERT INTO area (name) VALUES (?)", "t", "Busy"),
	    0);
	store_close(other);
}

static void
fill_int(sqlite3_stmt *stmt, void *elem)
{
	int64_t *v = elem;

	*v = sqlite3_column_int64(stmt, 0);
}

static int test_released;

static void
release_count(void *elem)
{
	(void)elem;
	test_released++;
}

/* An error after some rows: they are released and nothing is returned. */
static void
test_helpers_rows_fail(void **state)
{
	struct test_db *t = *state;
	void *v = NULL;
	int64_t *x;
	size_t n = 99;

	assert_int_equal(
	    store_rows(t->st, __func__, TEST_COUNT_ROWS, sizeof(int64_t),
		fill_int, release_count, &v, &n, "i", (int64_t)40),
	    0);
	x = v;
	assert_int_equal(n, 40);
	assert_int_equal(x[0], 1);
	assert_int_equal(x[39], 40);
	free(v);
	test_released = 0;
	/* abs() of the smallest integer fails at the fourth row. */
	assert_int_equal(
	    store_rows(t->st, __func__,
		"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
		"SELECT x + 1 FROM c WHERE x < 5) SELECT CASE "
		"WHEN x < 4 THEN x ELSE "
		"abs(-9223372036854775807 - 1) END FROM c",
		sizeof(int64_t), fill_int, release_count, &v, &n, ""),
	    MB_ERR_DB);
	assert_null(v);
	assert_int_equal(n, 0);
	assert_int_equal(test_released, 3);
}

static int
stop_at_two(sqlite3_stmt *stmt, void *ctx)
{
	int64_t *seen = ctx;

	(*seen)++;
	return sqlite3_column_int64(stmt, 0) == 2 ? 42 : 0;
}

/* store_each stops where its callback says, and returns what it said. */
static void
test_helpers_each_stops(void **state)
{
	struct test_db *t = *state;
	int64_t seen = 0;

	assert_int_equal(store_each(t->st, __func__, TEST_COUNT_ROWS,
			     stop_at_two, &seen, "i", (int64_t)5),
	    42);
	assert_int_equal(seen, 2);
	seen = 0;
	assert_int_equal(store_each(t->st, __func__, TEST_COUNT_ROWS,
			     stop_at_two, &seen, "i", (int64_t)1),
	    0);
	assert_int_equal(seen, 1);
}

/* A write with RETURNING commits although store_row reads one row. */
static void
test_helpers_row_write(void **state)
{
	struct test_db *t = *state;
	struct store *other = NULL;
	int64_t id = 0, retired = -1;

	assert_int_equal(store_open(t->path, &other), 0);
	assert_int_equal(store_row(t->st, __func__,
			     "INSERT INTO area (name) VALUES (?), (?) "
			     "RETURNING id",
			     fill_int, &id, "tt", "Quiet one", "Quiet two"),
	    0);
	assert_true(id > 0);
	assert_int_equal(store_ints(other, __func__,
			     "SELECT count(*) FROM area WHERE name LIKE ?",
			     &retired, 1, "t", "Quiet %"),
	    0);
	assert_int_equal(retired, 2);
	assert_int_equal(store_row(t->st, __func__,
			     "UPDATE area SET retired = 1 WHERE id = ? "
			     "RETURNING id",
			     fill_int, &id, "i", id),
	    0);
	assert_int_equal(
	    store_ints(other, __func__, "SELECT retired FROM area WHERE id = ?",
		&retired, 1, "i", id),
	    0);
	assert_int_equal(retired, 1);
	store_close(other);
}

/* The LIKE scan bench/search measures the index against. */
static void
test_search_scan(void **state)
{
	struct test_db *t = *state;
	const char *words[STORE_SEARCH_SCAN_WORDS + 1] = { "rocket", "engin",
		"Ada", "extra" };
	struct store_search_filter f;
	struct store_item area;
	size_t n = 99;

	assert_int_equal(sqlite3_exec(t->st->db,
			     "INSERT INTO user (id, username, email, "
			     "first_name, last_name, created_at) VALUES (1, "
			     "'ada', 'ada@example.org', 'Ada', 'Lovelace', 0); "
			     "INSERT INTO mentor_profile (user_id, help_text, "
			     "available) VALUES (1, 'Rocket engines', 0); "
			     "INSERT INTO user_role (user_id, area_id, role) "
			     "SELECT 1, id, 'mentor' FROM area WHERE name = "
			     "'Career entry'",
			     NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "Career entry", &area), 0);
	memset(&f, 0, sizeof(f));
	f.match = "";
	f.limit = 20;
	assert_int_equal(store_search_scan(t->st, words, 3, &f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_search_scan(t->st, words, 0, &f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_search_scan(t->st, &words[3], 1, &f, &n), 0);
	assert_int_equal(n, 0);
	f.area_id = area.id;
	assert_int_equal(store_search_scan(t->st, words, 1, &f, &n), 0);
	assert_int_equal(n, 1);
	f.area_id = area.id + 1000;
	assert_int_equal(store_search_scan(t->st, words, 1, &f, &n), 0);
	assert_int_equal(n, 0);
	f.area_id = 0;
	f.available_only = 1;
	assert_int_equal(store_search_scan(t->st, words, 1, &f, &n), 0);
	assert_int_equal(n, 0);
	n = 99;
	assert_int_equal(store_search_scan(t->st, words, nitems(words), &f, &n),
	    MB_ERR_INVALID);
	assert_int_equal(n, 0);
}

/*
 * The search's mentor_rank is bm25 to the bit, its filters' phrases (the
 * last ones, in the tags column of weight 0) left unscored.
 */
static void
test_search_rank_is_bm25(void **state)
{
	static const char *const queries[][2] = {
		{ "\"engin\"*", "0" },
		{ "\"engin\"* \"career\"*", "0" },
		{ "(\"engin\"*) AND tags : \"open\"", "1" },
		{ "(\"c\"* \"de\"*) AND tags : \"a3\" AND tags : \"open\"",
		    "2" },
		{ "{first_name help_text} : (\"career\"* industry : \"soft\"*) "
		  "AND tags : \"f7\"",
		    "1" },
	};
	struct test_db *t = *state;
	sqlite3_stmt *stmt = NULL;
	size_t i;
	int rows = 0;

	assert_int_equal(
	    sqlite3_exec(t->st->db,
		"INSERT INTO mentor_search (rowid, first_name, fields, areas,"
		" industry, position, help_text, languages, tags) VALUES"
		" (1, 'anna', 'physics', 'career entry', 'software', 'engineer',"
		"  'engineering careers, engineering again', 'german', 'a3 f7 open'),"
		" (2, 'bob', 'law', 'career change', 'law', 'counsel',"
		"  'a career in law, then engineering', 'english', 'a3 open'),"
		" (3, 'carla', 'design', 'leadership', 'software', 'designer',"
		"  'design careers', 'german, english', 'a1 f7 open'),"
		" (4, 'dieter', 'engineering', 'career entry', 'cars', 'engineer',"
		"  'engines', 'german', 'a3 f7');",
		NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(t->st->db,
		"SELECT bm25(mentor_search, 2.0, 3.0, 3.0, 2.0, 2.0,"
		" 1.0, 1.0, 0.0), mentor_rank(mentor_search, ?2,"
		" 2.0, 3.0, 3.0, 2.0, 2.0, 1.0, 1.0, 0.0) FROM"
		" mentor_search WHERE mentor_search MATCH ?1",
		-1, &stmt, NULL),
	    SQLITE_OK);
	for (i = 0; i < nitems(queries); i++) {
		assert_int_equal(sqlite3_reset(stmt), SQLITE_OK);
		assert_int_equal(sqlite3_bind_text(
				     stmt, 1, queries[i][0], -1, SQLITE_STATIC),
		    SQLITE_OK);
		assert_int_equal(
		    sqlite3_bind_int(stmt, 2, atoi(queries[i][1])), SQLITE_OK);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			assert_true(sqlite3_column_double(stmt, 0) ==
			    sqlite3_column_double(stmt, 1));
			assert_true(sqlite3_column_double(stmt, 1) < 0.0);
			rows++;
		}
	}
	assert_int_equal(sqlite3_finalize(stmt), SQLITE_OK);
	assert_true(rows >= 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_DB(test_schema_created_once),
		TEST_DB(test_migrations_make_the_schema),
		TEST_DB(test_newer_schema_refused),
		TEST_DB(test_connection_settings),
		TEST_DB(test_checkpoints_left_to_housekeeping),
		cmocka_unit_test(test_busy_waits),
		TEST_DB(test_busy_waits_for_the_lock),
		TEST_DB(test_busy_gives_up),
		TEST_DB(test_rest_and_use_again),
		TEST_DB(test_rest_inside_a_transaction),
		TEST_DB(test_rest_while_a_statement_steps),
		TEST_DB(test_rest_open_again_fails),
		TEST_DB(test_zone_blocks),
		TEST_DB(test_zone_released_at_rest),
		TEST_DB(test_seeded_lists),
		TEST_DB(test_session_claim_once),
		TEST_DB(test_session_remove_all),
		TEST_DB(test_transaction_rollback),
		TEST_DB(test_news_counts_marked_commits),
		TEST_DB(test_wal_checkpointed),
		TEST_DB(test_read_transaction),
		TEST_DB(test_news_file_follows_state_dir_owner),
		TEST_DB(test_helpers_row),
		TEST_DB(test_helpers_exists),
		TEST_DB(test_helpers_found),
		TEST_DB(test_helpers_busy),
		TEST_DB(test_helpers_rows_fail),
		TEST_DB(test_helpers_each_stops),
		TEST_DB(test_helpers_row_write),
		TEST_DB(test_search_scan),
		TEST_DB(test_search_rank_is_bm25),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
