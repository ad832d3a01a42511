/*
 * Unit tests of store_backup: the copy equals the database, progress is
 * reported step by step, the copy is one snapshot even while another
 * connection commits, an existing file is never replaced, and a backup
 * that fails or is stopped leaves no file behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "store.h"
#include "store_backup.h"
#include "store_internal.h"
#include "test_util.h"
#include "util.h"

#define TEST_BACKUP_ROWS 600 /* audit rows: several steps' worth of pages */
#define TEST_BACKUP_DETAIL 900 /* bytes of each row's detail */
#define TEST_BACKUP_NAME "copy.db"

/* Fill the database with rows enough for several steps. */
static void
backup_fill(struct store *st, int rows, const char *action)
{
	char detail[TEST_BACKUP_DETAIL + 1];
	int i;

	memset(detail, 'x', TEST_BACKUP_DETAIL);
	detail[TEST_BACKUP_DETAIL] = '\0';
	assert_int_equal(store_begin(st), 0);
	for (i = 0; i < rows; i++) {
		detail[i % TEST_BACKUP_DETAIL] = (char)('a' + i % 26);
		assert_int_equal(
		    store_audit_add(st, 0, action, 0, i, detail), 0);
	}
	assert_int_equal(store_commit(st), 0);
}

/* The entries of dir other than . and .., one per line, sorted by name. */
static char *
backup_listing(const char *dir)
{
	struct dirent **names = NULL;
	char *text = calloc(1, 4096);
	int n, i;

	assert_non_null(text);
	n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			(void)strncat(
			    text, names[i]->d_name, 4095 - strlen(text));
			(void)strncat(text, "\n", 4095 - strlen(text));
		}
		free(names[i]);
	}
	free(names);
	return text;
}

/* An integer from one query on db. */
static int64_t
backup_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int64_t v;

	assert_int_equal(
	    sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	v = sqlite3_column_int64(stmt, 0);
	assert_int_equal(sqlite3_finalize(stmt), SQLITE_OK);
	return v;
}

/* The text of one query's single row on db, for the caller to free. */
static char *
backup_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	char *v;

	assert_int_equal(
	    sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	v = strdup((const char *)sqlite3_column_text(stmt, 0));
	assert_int_equal(sqlite3_finalize(stmt), SQLITE_OK);
	return v;
}

/*
 * Do the database at db_path and the copy at copy_path hold the same
 * schema and the same rows in every table?  Asserted.
 */
static void
backup_assert_equal(const char *db_path, const char *copy_path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *tables = NULL;
	char *sql = NULL, *ok = NULL;
	int rc, ntables = 0;

	assert_int_equal(
	    sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL),
	    SQLITE_OK);
	sql = sqlite3_mprintf("ATTACH %Q AS copy", copy_path);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	ok = backup_text(db, "PRAGMA copy.integrity_check");
	assert_string_equal(ok, "ok");
	free(ok);
	assert_int_equal(backup_int(db,
			     "SELECT count(*) FROM (SELECT type, name, sql "
			     "FROM main.sqlite_schema EXCEPT SELECT type, "
			     "name, sql FROM copy.sqlite_schema)"),
	    0);
	assert_int_equal(backup_int(db,
			     "SELECT (SELECT count(*) FROM main.sqlite_schema)"
			     " - (SELECT count(*) FROM copy.sqlite_schema)"),
	    0);
	assert_int_equal(sqlite3_prepare_v2(db,
			     "SELECT name FROM main.sqlite_schema WHERE type "
			     "= 'table' AND name NOT LIKE 'sqlite_%' AND sql "
			     "NOT LIKE 'CREATE VIRTUAL%'",
			     -1, &tables, NULL),
	    SQLITE_OK);
	while ((rc = sqlite3_step(tables)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);

		sql =
		    sqlite3_mprintf("SELECT (SELECT count(*) FROM (SELECT * "
				    "FROM main.\"%w\" EXCEPT SELECT * FROM "
				    "copy.\"%w\")) + (SELECT count(*) FROM "
				    "(SELECT * FROM copy.\"%w\" EXCEPT "
				    "SELECT * FROM main.\"%w\")) + abs((SELECT "
				    "count(*) FROM main.\"%w\") - (SELECT "
				    "count(*) FROM copy.\"%w\"))",
			name, name, name, name, name, name);
		if (backup_int(db, sql) != 0)
			fail_msg("table %s differs in the copy", name);
		sqlite3_free(sql);
		ntables++;
	}
	assert_int_equal(rc, SQLITE_DONE);
	assert_int_equal(sqlite3_finalize(tables), SQLITE_OK);
	assert_true(ntables > 10);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* What the progress callback saw. */
struct backup_seen {
	int calls;
	int64_t last_done, total;
	int went_back; /* pages_done ever fell: the copy started over */
};

static void
backup_progress(void *ctx, const struct store_backup_info *info)
{
	struct backup_seen *seen = ctx;

	if (info->pages_done < seen->last_done)
		seen->went_back = 1;
	seen->last_done = info->pages_done;
	seen->total = info->pages_total;
	seen->calls++;
}

static void
test_backup_copy_equals_source(void **state)
{
	struct test_db *t = *state;
	struct store_backup_info info;
	struct backup_seen seen = { 0, 0, 0, 0 };
	char path[PATH_MAX + 32], why[STORE_BACKUP_WHY_MAX], *listing = NULL;
	struct stat sb;

	backup_fill(t->st, TEST_BACKUP_ROWS, "fill");
	(void)snprintf(path, sizeof(path), "%s/%s", t->dir, TEST_BACKUP_NAME);
	assert_int_equal(store_backup(t->st, path, backup_progress, &seen,
			     &info, why, sizeof(why)),
	    0);
	/* Progress after every step, ending with every page. */
	assert_true(seen.calls >= 3);
	assert_true(seen.total > 2 * STORE_BACKUP_STEP_PAGES);
	assert_int_equal(seen.last_done, seen.total);
	assert_false(seen.went_back);
	assert_true(info.done);
	assert_string_equal(info.path, path);
	assert_int_equal(info.pages_total, seen.total);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(info.bytes, (int64_t)sb.st_size);
	assert_int_equal(sb.st_mode & 0777, STORE_BACKUP_MODE);
	backup_assert_equal(t->path, path);
	/* Nothing else beside it: the temporary file is gone. */
	listing = backup_listing(t->dir);
	assert_string_equal(listing,
	    TEST_BACKUP_NAME "\n" STORE_FILE_NAME "\n" STORE_FILE_NAME
			     "-news\n" STORE_FILE_NAME "-shm\n" STORE_FILE_NAME
			     "-wake\n" STORE_FILE_NAME "-wal\n");
	free(listing);
}

static void
test_backup_refuses_existing_file(void **state)
{
	struct test_db *t = *state;
	char path[PATH_MAX + 32], why[STORE_BACKUP_WHY_MAX],
	    *before = NULL, *after = NULL, *kept = NULL;
	struct store_backup *b = NULL;
	FILE *fp = NULL;

	(void)snprintf(path, sizeof(path), "%s/%s", t->dir, TEST_BACKUP_NAME);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_true(fputs("the operator's file\n", fp) >= 0);
	assert_int_equal(fclose(fp), 0);
	before = backup_listing(t->dir);
	assert_int_equal(
	    store_backup(t->st, path, NULL, NULL, NULL, why, sizeof(why)),
	    MB_ERR_EXISTS);
	assert_non_null(strstr(why, "exists"));
	assert_int_equal(store_backup_begin(t->st, path, &b, why, sizeof(why)),
	    MB_ERR_EXISTS);
	assert_null(b);
	/* A dangling link is a name taken too. */
	(void)snprintf(path, sizeof(path), "%s/link.db", t->dir);
	assert_int_equal(symlink("/nonexistent/target.db", path), 0);
	assert_int_equal(
	    store_backup(t->st, path, NULL, NULL, NULL, why, sizeof(why)),
	    MB_ERR_EXISTS);
	assert_int_equal(unlink(path), 0);
	after = backup_listing(t->dir);
	assert_string_equal(before, after);
	kept = test_file_read(t->dir, TEST_BACKUP_NAME, NULL);
	assert_string_equal(kept, "the operator's file\n");
	free(before);
	free(after);
	free(kept);
}

static void
test_backup_no_partial_file_on_failure(void **state)
{
	struct test_db *t = *state;
	char path[PATH_MAX + 32], sub[PATH_MAX], why[STORE_BACKUP_WHY_MAX],
	    *before = NULL, *after = NULL, *kept = NULL;
	struct store_backup *b = NULL;
	FILE *fp = NULL;
	int done = 0;

	backup_fill(t->st, TEST_BACKUP_ROWS, "fill");
	before = backup_listing(t->dir);
	/* A directory that is not there: refused at once. */
	(void)snprintf(
	    path, sizeof(path), "%s/missing/%s", t->dir, TEST_BACKUP_NAME);
	assert_int_equal(
	    store_backup(t->st, path, NULL, NULL, NULL, why, sizeof(why)),
	    MB_ERR_IO);
	assert_non_null(strstr(why, "cannot write"));
	/* Someone takes the name while the copy runs: the copy is thrown
	 * away at the end, their file kept. */
	(void)snprintf(sub, sizeof(sub), "%s/sub", t->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	(void)snprintf(path, sizeof(path), "%s/%s", sub, TEST_BACKUP_NAME);
	assert_int_equal(
	    store_backup_begin(t->st, path, &b, why, sizeof(why)), 0);
	assert_int_equal(store_backup_step(b, &done, why, sizeof(why)), 0);
	assert_false(done);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_true(fputs("theirs\n", fp) >= 0);
	assert_int_equal(fclose(fp), 0);
	while (store_backup_step(b, &done, why, sizeof(why)) == 0 && !done)
		;
	assert_false(done);
	assert_non_null(strstr(why, "meanwhile"));
	store_backup_end(b);
	b = NULL;
	kept = test_file_read(sub, TEST_BACKUP_NAME, NULL);
	assert_string_equal(kept, "theirs\n");
	free(kept);
	assert_int_equal(unlink(path), 0);
	/* The temporary file vanishes under it: failed, and nothing left. */
	assert_int_equal(
	    store_backup_begin(t->st, path, &b, why, sizeof(why)), 0);
	assert_int_equal(store_backup_step(b, &done, why, sizeof(why)), 0);
	assert_int_equal(test_dir_remove(sub), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	while (store_backup_step(b, &done, why, sizeof(why)) == 0 && !done)
		;
	assert_false(done);
	store_backup_end(b);
	b = NULL;
	after = backup_listing(sub);
	assert_string_equal(after, "");
	free(after);
	/* Stopped half-way (the console closed): nothing left. */
	assert_int_equal(
	    store_backup_begin(t->st, path, &b, why, sizeof(why)), 0);
	assert_int_equal(store_backup_step(b, &done, why, sizeof(why)), 0);
	assert_false(done);
	after = backup_listing(sub);
	assert_string_not_equal(after, ""); /* the temporary file */
	free(after);
	store_backup_end(b);
	after = backup_listing(sub);
	assert_string_equal(after, "");
	free(after);
	assert_int_equal(rmdir(sub), 0);
	after = backup_listing(t->dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/*
 * Another connection commits between the steps: the copy neither starts
 * over nor takes it in; it holds what was committed before it began.
 */
static void
test_backup_is_one_snapshot(void **state)
{
	struct test_db *t = *state;
	struct store *other = NULL;
	struct store_backup *b = NULL;
	struct store_backup_info info;
	char path[PATH_MAX + 32], why[STORE_BACKUP_WHY_MAX];
	sqlite3 *copy = NULL;
	int64_t last = 0;
	int done = 0, steps = 0;

	backup_fill(t->st, TEST_BACKUP_ROWS, "before");
	assert_int_equal(store_open(t->path, &other), 0);
	(void)snprintf(path, sizeof(path), "%s/%s", t->dir, TEST_BACKUP_NAME);
	assert_int_equal(
	    store_backup_begin(t->st, path, &b, why, sizeof(why)), 0);
	while (!done) {
		assert_int_equal(
		    store_backup_step(b, &done, why, sizeof(why)), 0);
		store_backup_info(b, &info);
		assert_true(info.pages_done > last);
		last = info.pages_done;
		/* A commit from another connection, and from this one. */
		backup_fill(steps % 2 == 0 ? other : t->st, 20, "after");
		steps++;
	}
	assert_true(steps >= 3);
	store_backup_end(b);
	store_close(other);
	assert_int_equal(
	    sqlite3_open_v2(path, &copy, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(backup_int(copy,
			     "SELECT count(*) FROM audit WHERE action = "
			     "'before'"),
	    TEST_BACKUP_ROWS);
	assert_int_equal(backup_int(copy,
			     "SELECT count(*) FROM audit WHERE action = "
			     "'after'"),
	    0);
	assert_int_equal(sqlite3_close(copy), SQLITE_OK);
}

/* Garbage over the end of page (1-based) of the file at path. */
static void
backup_corrupt_page(const char *path, int64_t page, int64_t page_size)
{
	unsigned char junk[200];
	FILE *fp = fopen(path, "r+b");

	memset(junk, 0xA5, sizeof(junk));
	assert_non_null(fp);
	assert_int_equal(
	    fseek(fp, (long)(page * page_size) - (long)sizeof(junk), SEEK_SET),
	    0);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), fp), sizeof(junk));
	assert_int_equal(fclose(fp), 0);
}

/*
 * A database that is damaged already gives a copy that fails the
 * integrity check: refused, and nothing is left behind.
 */
static void
test_backup_checked_before_kept(void **state)
{
	struct test_db *t = *state;
	char path[PATH_MAX + 32], why[STORE_BACKUP_WHY_MAX], *before = NULL,
							     *after = NULL;
	sqlite3 *db = NULL;
	int64_t root, page_size;

	backup_fill(t->st, TEST_BACKUP_ROWS, "fill");
	/* The last connection closes: everything is in the file. */
	store_close(t->st);
	t->st = NULL;
	assert_int_equal(
	    sqlite3_open_v2(t->path, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	root = backup_int(
	    db, "SELECT rootpage FROM sqlite_schema WHERE name = 'audit_at'");
	page_size = backup_int(db, "PRAGMA page_size");
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	backup_corrupt_page(t->path, root, page_size);
	assert_int_equal(store_open(t->path, &t->st), 0);
	before = backup_listing(t->dir);
	(void)snprintf(path, sizeof(path), "%s/%s", t->dir, TEST_BACKUP_NAME);
	assert_int_equal(
	    store_backup(t->st, path, NULL, NULL, NULL, why, sizeof(why)),
	    MB_ERR_DB);
	assert_non_null(strstr(why, "integrity check"));
	after = backup_listing(t->dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* A connection holding the temporary copy locked, let go of later. */
struct backup_lock {
	sqlite3 *db;
	int hold_ms;
};

static void *
backup_unlock_later(void *arg)
{
	struct backup_lock *l = arg;

	(void)usleep((useconds_t)l->hold_ms * 1000);
	if (sqlite3_exec(l->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return arg; /* failed */
	return NULL;
}

/* Lock b's temporary copy in dir (the one file named like it) for
 * hold_ms milliseconds from now, from another connection. */
static void
backup_lock_tmp(const char *dir, struct backup_lock *l, pthread_t *thread)
{
	struct dirent **names = NULL;
	char tmp[PATH_MAX + 300] = "";
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i]->d_name, "." TEST_BACKUP_NAME ".tmp-",
			strlen("." TEST_BACKUP_NAME ".tmp-")) == 0)
			(void)snprintf(
			    tmp, sizeof(tmp), "%s/%s", dir, names[i]->d_name);
		free(names[i]);
	}
	free(names);
	assert_true(tmp[0] != '\0');
	assert_int_equal(
	    sqlite3_open_v2(tmp, &l->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL),
	    SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(l->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(
	    pthread_create(thread, NULL, backup_unlock_later, l), 0);
}

/*
 * A step that finds a database locked waits for it, a short while: a
 * lock let go of soon is waited for, one held longer fails the backup
 * (MB_ERR_BUSY) and leaves nothing.
 */
static void
test_backup_waits_for_a_lock_a_while(void **state)
{
	struct test_db *t = *state;
	struct store_backup *b = NULL;
	struct backup_lock l = { NULL, 200 };
	char path[PATH_MAX + 32], why[STORE_BACKUP_WHY_MAX], *listing = NULL;
	pthread_t thread;
	void *failed = NULL;
	long long started;
	int done = 0, rc = 0;

	backup_fill(t->st, TEST_BACKUP_ROWS, "fill");
	(void)snprintf(path, sizeof(path), "%s/%s", t->dir, TEST_BACKUP_NAME);
	assert_int_equal(
	    store_backup_begin(t->st, path, &b, why, sizeof(why)), 0);
	backup_lock_tmp(t->dir, &l, &thread);
	while (rc == 0 && !done)
		rc = store_backup_step(b, &done, why, sizeof(why));
	assert_int_equal(rc, 0);
	assert_true(done);
	assert_int_equal(pthread_join(thread, &failed), 0);
	assert_null(failed);
	assert_int_equal(sqlite3_close(l.db), SQLITE_OK);
	store_backup_end(b);
	b = NULL;
	backup_assert_equal(t->path, path);
	assert_int_equal(unlink(path), 0);
	/* Held past the wait: given up, in bounded time. */
	assert_int_equal(
	    store_backup_begin(t->st, path, &b, why, sizeof(why)), 0);
	l.hold_ms = STORE_BACKUP_BUSY_WAIT_MS + 1000;
	backup_lock_tmp(t->dir, &l, &thread);
	started = util_now_ms();
	rc = store_backup_step(b, &done, why, sizeof(why));
	assert_int_equal(rc, MB_ERR_BUSY);
	assert_true(util_now_ms() - started >= STORE_BACKUP_BUSY_WAIT_MS);
	assert_true(util_now_ms() - started < STORE_BACKUP_BUSY_WAIT_MS + 1000);
	assert_non_null(strstr(why, "locked"));
	/* The failed step removed the file under the lock's holder, whose
	 * COMMIT may fail for it: not this test's business. */
	assert_int_equal(pthread_join(thread, &failed), 0);
	assert_int_equal(sqlite3_close(l.db), SQLITE_OK);
	store_backup_end(b);
	listing = backup_listing(t->dir);
	assert_null(strstr(listing, TEST_BACKUP_NAME));
	free(listing);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_DB(test_backup_copy_equals_source),
		TEST_DB(test_backup_refuses_existing_file),
		TEST_DB(test_backup_no_partial_file_on_failure),
		TEST_DB(test_backup_is_one_snapshot),
		TEST_DB(test_backup_checked_before_kept),
		TEST_DB(test_backup_waits_for_a_lock_a_while),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
