/*
 * store: opening the database, the statement cache, transactions, and the
 * helpers every statement runs through (store_run, store_row, ...).
 */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "clock.h"
#include "error.h"
#include "fold.h"
#include "i18n.h"
#include "json.h"
#include "log.h"
#include "statedir.h"
#include "store_internal.h"
#include "text.h"
#include "util.h"

/*
 * The body of each variadic function here: hand the arguments after fmt
 * on, as ap, to call (a function taking a va_list), and return its result.
 */
#define STORE_VA_CALL(fmt, call)   \
	do {                       \
		va_list ap;        \
		int rc;            \
                                   \
		va_start(ap, fmt); \
		rc = (call);       \
		va_end(ap);        \
		return rc;         \
	} while (0)

int64_t
store_now(void)
{
	return clock_now();
}

/*
 * Did rc (of st's connection, if any) fail because the disk is full?
 * SQLite says SQLITE_FULL where it knows; a write that the file system
 * refused with ENOSPC elsewhere (the -shm file, a truncate) comes as an
 * I/O error with that errno.
 */
static int
store_disk_full(struct store *st, int rc)
{
	if ((rc & 0xff) == SQLITE_FULL)
		return 1;
	return (rc & 0xff) == SQLITE_IOERR && st != NULL && st->db != NULL &&
	    sqlite3_system_errno(st->db) == ENOSPC;
}

int
store_error(struct store *st, int rc, const char *func)
{
	int primary = rc & 0xff;

	if (rc == SQLITE_CONSTRAINT_UNIQUE ||
	    rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return MB_ERR_EXISTS;
	if (store_disk_full(st, rc)) {
		/* The operator's reason, not SQLite's "disk I/O error". */
		log_write(LOG_LEVEL_ERROR, func,
		    "disk full: nothing was written (sqlite %d)", rc);
		error_fault_set(MB_ERR_FULL);
		return MB_ERR_FULL;
	}
	log_write(LOG_LEVEL_ERROR, func, "sqlite: %s (%d)",
	    st != NULL && st->db != NULL ? sqlite3_errmsg(st->db) :
					   sqlite3_errstr(rc),
	    rc);
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return MB_ERR_BUSY;
	if (primary == SQLITE_NOMEM)
		return MB_ERR_NOMEM;
	return MB_ERR_DB;
}

/*
 * The prepared statement for sql (the literal: its address is the cache
 * key), reset and with its bindings cleared, owned by the store; NULL
 * (logged) on failure.
 */
static sqlite3_stmt *
store_prepare(struct store *st, const char *sql)
{
	struct store_cached_stmt *c = NULL;
	sqlite3_stmt *stmt = NULL;
	size_t i;
	int rc;

	for (i = 0; i < st->ncached; i++) {
		if (st->cached[i].sql == sql) {
			stmt = st->cached[i].stmt;
			/* The last user may have returned early. */
			(void)sqlite3_reset(stmt);
			if (sqlite3_clear_bindings(stmt) != SQLITE_OK) {
				store_error(st, SQLITE_ERROR, __func__);
				return NULL;
			}
			return stmt;
		}
	}
	rc = sqlite3_prepare_v3(
	    st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		store_error(st, rc, __func__);
		log_error("statement was: %s", sql);
		return NULL;
	}
	/* The cache holds every statement the program has; it never fills. */
	assert(st->ncached < STORE_STMT_CACHE);
	c = &st->cached[st->ncached++];
	c->sql = sql;
	c->stmt = stmt;
	return stmt;
}

/* store_bind with the arguments in ap. */
static int
store_bindv(struct store *st, sqlite3_stmt *stmt, const char *fmt, va_list ap)
{
	const char *text;
	const void *blob;
	int64_t id;
	size_t len;
	int idx, rc = SQLITE_OK;

	for (idx = 1; *fmt != '\0' && rc == SQLITE_OK; fmt++, idx++) {
		switch (*fmt) {
		case 't':
			text = va_arg(ap, const char *);
			rc = text == NULL ? sqlite3_bind_null(stmt, idx) :
					    sqlite3_bind_text(stmt, idx, text,
						-1, SQLITE_TRANSIENT);
			break;
		case 'i':
			rc = sqlite3_bind_int64(
			    stmt, idx, (sqlite3_int64)va_arg(ap, int64_t));
			break;
		case 'b':
			blob = va_arg(ap, const void *);
			len = va_arg(ap, size_t);
			rc = sqlite3_bind_blob64(stmt, idx, blob,
			    (sqlite3_uint64)len, SQLITE_TRANSIENT);
			break;
		case 'u':
			id = va_arg(ap, int64_t);
			rc = id == 0 ?
			    sqlite3_bind_null(stmt, idx) :
			    sqlite3_bind_int64(stmt, idx, (sqlite3_int64)id);
			break;
		case 'n':
			rc = sqlite3_bind_null(stmt, idx);
			break;
		default:
			assert(!"store_bind: unknown format");
		}
	}
	if (rc != SQLITE_OK)
		return store_error(st, rc, __func__);
	return 0;
}

/*
 * The one loop every statement runs in: step stmt to its end, handing each
 * row to row(stmt, ctx) if given, and reset it.  A non-zero return from
 * row is returned (unless the statement then fails) and stops a read
 * there.  A write with RETURNING runs on to its end, its rows unread: it
 * commits in that last step, where SQLite calls the WAL hook that
 * checkpoints (a reset would commit without it).
 */
static int
store_step(struct store *st, sqlite3_stmt *stmt, const char *func,
    int (*row)(sqlite3_stmt *stmt, void *ctx), void *ctx)
{
	int read_only = sqlite3_stmt_readonly(stmt), stop = 0, rc;

	do {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW && row != NULL && stop == 0)
			stop = row(stmt, ctx);
	} while (rc == SQLITE_ROW && (stop == 0 || !read_only));
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = store_error(st, sqlite3_extended_errcode(st->db), func);
		/* It says again what the step said, logged above. */
		(void)sqlite3_reset(stmt);
	} else {
		rc = sqlite3_reset(stmt);
		if (rc == SQLITE_OK)
			rc = stop;
		else
			rc = store_error(
			    st, sqlite3_extended_errcode(st->db), func);
	}
	return rc;
}

/* The array store_collect grows, and how to make its elements. */
struct store_array {
	size_t size;
	void (*fill)(sqlite3_stmt *stmt, void *elem);
	char *v;
	size_t count;
	size_t cap;
};

/* A row for store_rows: one more element, zeroed, made by the caller's fill. */
static int
store_array_add(sqlite3_stmt *stmt, void *ctx)
{
	struct store_array *a = ctx;

	if (a->count == a->cap) {
		a->cap = a->cap == 0 ? 16 : a->cap * 2;
		a->v = xreallocarray(a->v, a->cap, a->size);
	}
	memset(a->v + a->count * a->size, 0, a->size);
	a->fill(stmt, a->v + a->count * a->size);
	a->count++;
	return 0;
}

/* Step a bound statement to its end into *out, as store_rows does. */
static int
store_collect(struct store *st, sqlite3_stmt *stmt, size_t size,
    void (*fill)(sqlite3_stmt *stmt, void *elem), void (*release)(void *elem),
    void **out, size_t *n, const char *func)
{
	struct store_array a = { size, fill, NULL, 0, 0 };
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_step(st, stmt, func, store_array_add, &a);
	if (rc != 0) {
		for (i = 0; release != NULL && i < a.count; i++)
			release(a.v + i * a.size);
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.count;
	return 0;
}

/* Prepare sql and bind ap to it by fmt. */
static int
store_statement(struct store *st, const char *sql, const char *fmt, va_list ap,
    sqlite3_stmt **stmt)
{
	int rc;

	*stmt = NULL;
	rc = store_awake(st);
	if (rc != 0)
		return rc;
	*stmt = store_prepare(st, sql);
	if (*stmt == NULL)
		return MB_ERR_DB;
	return store_bindv(st, *stmt, fmt, ap);
}

/* How store_runv runs a statement. */
#define STORE_FOUND 0x1 /* MB_ERR_NOTFOUND when it changed no row */

/* The helpers' statement, with the arguments in ap; row as store_step. */
static int
store_runv(struct store *st, const char *func, int how, const char *sql,
    int (*row)(sqlite3_stmt *stmt, void *ctx), void *ctx, const char *fmt,
    va_list ap)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = store_statement(st, sql, fmt, ap, &stmt);
	if (rc != 0)
		return rc;
	rc = store_step(st, stmt, func, row, ctx);
	if (rc == 0 && (how & STORE_FOUND) && sqlite3_changes64(st->db) == 0)
		return MB_ERR_NOTFOUND;
	return rc;
}

int
store_run(
    struct store *st, const char *func, const char *sql, const char *fmt, ...)
{
	STORE_VA_CALL(fmt, store_runv(st, func, 0, sql, NULL, NULL, fmt, ap));
}

int
store_run_found(
    struct store *st, const char *func, const char *sql, const char *fmt, ...)
{
	STORE_VA_CALL(
	    fmt, store_runv(st, func, STORE_FOUND, sql, NULL, NULL, fmt, ap));
}

/* What store_row fills from the row it takes. */
struct store_one {
	void (*fill)(sqlite3_stmt *stmt, void *ctx);
	void *ctx;
	int taken;
};

/* The row for store_row: fill it, and read no further. */
static int
store_one_take(sqlite3_stmt *stmt, void *ctx)
{
	struct store_one *one = ctx;

	one->fill(stmt, one->ctx);
	one->taken = 1;
	return 1; /* stop: a second row is not read */
}

/* store_row with the arguments in ap. */
static int
store_rowv(struct store *st, const char *func, int how, const char *sql,
    void (*fill)(sqlite3_stmt *stmt, void *ctx), void *ctx, const char *fmt,
    va_list ap)
{
	struct store_one one = { fill, ctx, 0 };
	int rc;

	rc = store_runv(st, func, how, sql, store_one_take, &one, fmt, ap);
	if (rc < 0)
		return rc;
	return one.taken ? 0 : MB_ERR_NOTFOUND;
}

int
store_row(struct store *st, const char *func, const char *sql,
    void (*fill)(sqlite3_stmt *stmt, void *ctx), void *ctx, const char *fmt,
    ...)
{
	STORE_VA_CALL(fmt, store_rowv(st, func, 0, sql, fill, ctx, fmt, ap));
}

/* Where store_ints puts the columns of its row. */
struct store_ints {
	int64_t *values;
	size_t n;
};

/* The row for store_ints: columns 0..n-1 as integers. */
static void
store_ints_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_ints *ints = ctx;
	size_t i;

	for (i = 0; i < ints->n; i++)
		ints->values[i] = sqlite3_column_int64(stmt, (int)i);
}

int
store_ints(struct store *st, const char *func, const char *sql, int64_t *values,
    size_t n, const char *fmt, ...)
{
	struct store_ints ints = { values, n };

	STORE_VA_CALL(
	    fmt, store_rowv(st, func, 0, sql, store_ints_fill, &ints, fmt, ap));
}

/* store_rows with the arguments in ap. */
static int
store_rowsv(struct store *st, const char *func, const char *sql, size_t size,
    void (*fill)(sqlite3_stmt *stmt, void *elem), void (*release)(void *elem),
    void **out, size_t *n, const char *fmt, va_list ap)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_statement(st, sql, fmt, ap, &stmt);
	if (rc != 0)
		return rc;
	return store_collect(st, stmt, size, fill, release, out, n, func);
}

int
store_rows(struct store *st, const char *func, const char *sql, size_t size,
    void (*fill)(sqlite3_stmt *stmt, void *elem), void (*release)(void *elem),
    void **out, size_t *n, const char *fmt, ...)
{
	STORE_VA_CALL(fmt,
	    store_rowsv(st, func, sql, size, fill, release, out, n, fmt, ap));
}

int
store_each(struct store *st, const char *func, const char *sql,
    int (*row)(sqlite3_stmt *stmt, void *ctx), void *ctx, const char *fmt, ...)
{
	STORE_VA_CALL(fmt, store_runv(st, func, 0, sql, row, ctx, fmt, ap));
}

/* Where store_json_rows writes, and whether it wrote a row yet. */
struct store_json_out {
	struct json *j;
	int one;
	int rows;
};

/* A row as an object keyed by its columns' names: numbers, text, blobs in
 * base64, null. */
static int
store_json_row(sqlite3_stmt *stmt, void *ctx)
{
	struct store_json_out *o = ctx;
	int i, n = sqlite3_column_count(stmt), bytes;
	const unsigned char *blob = NULL;
	char *b64 = NULL;
	size_t len;

	if (o->one && o->rows > 0)
		return 0;
	o->rows++;
	json_object_begin(o->j);
	for (i = 0; i < n; i++) {
		json_key(o->j, sqlite3_column_name(stmt, i));
		switch (sqlite3_column_type(stmt, i)) {
		case SQLITE_INTEGER:
			json_int(o->j, sqlite3_column_int64(stmt, i));
			break;
		case SQLITE_NULL:
			json_null(o->j);
			break;
		case SQLITE_BLOB:
			blob = sqlite3_column_blob(stmt, i);
			bytes = sqlite3_column_bytes(stmt, i);
			len = sodium_base64_ENCODED_LEN(
			    (size_t)bytes, sodium_base64_VARIANT_ORIGINAL);
			b64 = xmalloc(len);
			(void)sodium_bin2base64(b64, len, blob, (size_t)bytes,
			    sodium_base64_VARIANT_ORIGINAL);
			json_string(o->j, b64);
			free(b64);
			break;
		default:
			json_string(
			    o->j, (const char *)sqlite3_column_text(stmt, i));
			break;
		}
	}
	json_object_end(o->j);
	return 0;
}

int
store_json_rows(struct store *st, const char *func, const char *sql,
    struct json *j, int one, const char *fmt, ...)
{
	struct store_json_out o = { j, one, 0 };
	va_list ap;
	int rc;

	if (!one)
		json_array_begin(j);
	va_start(ap, fmt);
	rc = store_runv(st, func, 0, sql, store_json_row, &o, fmt, ap);
	va_end(ap);
	if (one && o.rows == 0)
		json_null(j);
	if (!one)
		json_array_end(j);
	return rc;
}

/* SQL's display_name(first, last): "Anna K." as text_display_name makes
 * it; NULL for an erased person (no names). */
static void
store_sql_display_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *first = sqlite3_value_text(argv[0]);
	const unsigned char *last = sqlite3_value_text(argv[1]);
	char out[DISPLAY_NAME_MAX];

	(void)argc;
	if (first == NULL || last == NULL ||
	    text_display_name((const char *)first, (const char *)last, out,
		sizeof(out)) != 0) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* SQL's search_fold(text): the text as the search compares it (fold.h),
 * each umlaut word also in its plain form; '' for NULL. */
static void
store_sql_search_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char *folded = NULL;

	(void)argc;
	folded =
	    fold_search(text != NULL ? (const char *)text : "", FOLD_VARIANTS);
	if (folded == NULL) {
		/* Stored text is checked UTF-8; never index what is not. */
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
		return;
	}
	sqlite3_result_text(ctx, folded, -1, free);
}

/* SQL's local_name(name, name_de): an entry of a list in the language
 * spoken now (i18n_use), the English name where no German one is set. */
static void
store_sql_local_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *de = sqlite3_value_text(argv[1]);

	(void)argc;
	if (i18n_current() == I18N_DE && de != NULL && de[0] != '\0')
		sqlite3_result_value(ctx, argv[1]);
	else
		sqlite3_result_value(ctx, argv[0]);
}

char *
store_column_strdup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);

	return strdup(text != NULL ? (const char *)text : "");
}

void
store_column_copy(sqlite3_stmt *stmt, int col, char *buf, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);

	if (size == 0)
		return;
	(void)snprintf(buf, size, "%s", text != NULL ? (const char *)text : "");
}

void
store_text_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_text_out *t = ctx;

	store_column_copy(stmt, 0, t->out, t->size);
}

/* Run one statement of connection set-up; pragmas may return a row. */
static int
store_exec_simple(struct store *st, const char *sql)
{
	char *errmsg = NULL;
	int rc;

	rc = store_awake(st);
	if (rc != 0)
		return rc;
	rc = sqlite3_exec(st->db, sql, NULL, NULL, &errmsg);
	if (rc != SQLITE_OK) {
		rc = sqlite3_extended_errcode(st->db);
		if (store_disk_full(st, rc)) {
			sqlite3_free(errmsg);
			return store_error(st, rc, sql);
		}
		log_error("%s: %s", sql, errmsg != NULL ? errmsg : "?");
		sqlite3_free(errmsg);
		return (rc & 0xff) == SQLITE_BUSY ? MB_ERR_BUSY : MB_ERR_DB;
	}
	return 0;
}

long
store_busy_wait_us(int count)
{
	long step = STORE_BUSY_FIRST_US;
	long long slept = 0;
	int i;

	if (count < 0)
		return -1;
	/* What the earlier waits of this run slept: doubling, then flat. */
	for (i = 0; i < count && step < STORE_BUSY_STEP_MAX_US; i++) {
		slept += step;
		step *= 2;
	}
	if (step > STORE_BUSY_STEP_MAX_US)
		step = STORE_BUSY_STEP_MAX_US;
	slept += (long long)(count - i) * step;
	if (slept >= STORE_BUSY_TIMEOUT_MS * 1000LL)
		return -1;
	if (slept + step > STORE_BUSY_TIMEOUT_MS * 1000LL)
		step = (long)(STORE_BUSY_TIMEOUT_MS * 1000LL - slept);
	return step;
}

/* SQLite's busy handler: 1 to try again after the wait, 0 to give up. */
static int
store_busy(void *arg, int count)
{
	struct timespec ts;
	long us = store_busy_wait_us(count);

	(void)arg;
	if (us < 0)
		return 0;
	ts.tv_sec = us / 1000000;
	ts.tv_nsec = (us % 1000000) * 1000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		continue;
	return 1;
}

/* Every connection: no writable schema tricks, no extensions, no trust. */
static const struct {
	int option;
	int value;
} store_db_config[] = {
	{ SQLITE_DBCONFIG_DEFENSIVE, 1 },
	{ SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
	{ SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
};

static const char *const store_pragmas[] = {
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = NORMAL",
	"PRAGMA foreign_keys = ON",
	/* What is deleted is overwritten, not left in free pages: an
	 * erased member leaves nothing in the file. */
	"PRAGMA secure_delete = ON",
};

/* The PRAGMA text setting n (see STORE_CACHE_KIB and STORE_MMAP_BYTES). */
#define STORE_STR(x) #x
#define STORE_XSTR(x) STORE_STR(x)
static const char *const store_memory_pragmas[] = {
	"PRAGMA cache_size = -" STORE_XSTR(STORE_CACHE_KIB),
	"PRAGMA mmap_size = " STORE_XSTR(STORE_MMAP_BYTES),
};

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define STORE_SANITIZED 1 /* SQLite's blocks stay the sanitizer's, checked */
#else
#define STORE_SANITIZED 0
#endif

/*
 * Once per process, before SQLite starts: its memory in a zone of its own
 * (store_zone.c), which goes back whole when no connection is open; no
 * bulk allocation of page cache when a connection opens (20 pages, 87
 * KiB, whether used or not): pages come one by one as read.  And no count
 * of SQLite's memory (nothing here asks for it, and no heap limit uses
 * it): the count takes a mutex and updates statistics on every
 * allocation, some 13 % of reading the schema, which every connection
 * does as it opens.  A process forked later inherits all three.
 */
static void
store_configure_once(void)
{
	static int done;
	int rc;

	if (done)
		return;
	done = 1;
	if (!STORE_SANITIZED) {
		rc = sqlite3_config(SQLITE_CONFIG_MALLOC, store_zone_methods());
		/* SQLITE_MISUSE: SQLite started already (a test's own use). */
		if (rc != SQLITE_OK && rc != SQLITE_MISUSE)
			log_warn("sqlite3_config: %s", sqlite3_errstr(rc));
	}
	rc = sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	if (rc == SQLITE_OK)
		rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* SQLITE_MISUSE: SQLite started already (a test's own use). */
	if (rc != SQLITE_OK && rc != SQLITE_MISUSE)
		log_warn("sqlite3_config: %s", sqlite3_errstr(rc));
}

int
store_init(void)
{
	int rc;

	store_configure_once();
	rc = sqlite3_initialize();
	if (rc != SQLITE_OK) {
		log_error("sqlite3_initialize: %s", sqlite3_errstr(rc));
		return MB_ERR_DB;
	}
	return 0;
}

/*
 * Open the connection of st to its database (st->path) and set it up:
 * what store_open does to every connection, and store_awake to one
 * reopened after a rest.  Returns 0, or an MB_ERR_* (logged) with no
 * connection left open.
 */
static int
store_connect(struct store *st)
{
	size_t i;
	int rc, enabled = 0;

	assert(st->db == NULL);
	rc = sqlite3_open_v2(st->path, &st->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		rc = store_error(st, rc, __func__);
		log_error("cannot open %s", st->path);
		goto fail;
	}
	/* Made by root: the board's account owns it, and with it the -wal
	 * and -shm files SQLite makes next (SQLite gives them the owner of
	 * the database). */
	statedir_adopt(st->path);
	rc = sqlite3_extended_result_codes(st->db, 1);
	if (rc != SQLITE_OK)
		goto fail_db;
	rc = sqlite3_busy_handler(st->db, store_busy, NULL);
	if (rc != SQLITE_OK)
		goto fail_db;
	for (i = 0; i < nitems(store_db_config); i++) {
		rc = sqlite3_db_config(st->db, store_db_config[i].option,
		    store_db_config[i].value, &enabled);
		if (rc != SQLITE_OK)
			goto fail_db;
	}
	rc = sqlite3_create_function(st->db, "display_name", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	    store_sql_display_name, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "search_fold", 1,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
		    NULL, store_sql_search_fold, NULL, NULL);
	/* Not deterministic: the language may change between two calls. */
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "local_name", 2,
		    SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, store_sql_local_name,
		    NULL, NULL);
	if (rc == SQLITE_OK)
		rc = store_search_register(st->db);
	if (rc != SQLITE_OK)
		goto fail_db;
	for (i = 0; i < nitems(store_pragmas); i++) {
		rc = store_exec_simple(st, store_pragmas[i]);
		if (rc != 0)
			goto fail;
	}
	for (i = 0; i < nitems(store_memory_pragmas); i++) {
		rc = store_exec_simple(st, store_memory_pragmas[i]);
		if (rc != 0)
			goto fail;
	}
	store_news_hook(st);
	return 0;
fail_db:
	rc = store_error(st, rc, __func__);
fail:
	/* Nothing was prepared on it yet. */
	if (st->db != NULL && sqlite3_close(st->db) != SQLITE_OK)
		log_error("sqlite3_close: %s", sqlite3_errmsg(st->db));
	st->db = NULL;
	return rc;
}

int
store_awake(struct store *st)
{
	int rc;

	if (st->db != NULL)
		return 0;
	rc = store_connect(st);
	if (rc == 0)
		log_debug("connection opened again after a rest");
	return rc;
}

int
store_open(const char *path, struct store **out)
{
	struct store *st = NULL;
	int rc;

	*out = NULL;
	store_configure_once();
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return MB_ERR_NOMEM;
	st->wake_fd = -1;
	st->path = strdup(path);
	if (st->path == NULL) {
		rc = MB_ERR_NOMEM;
		goto fail;
	}
	rc = store_connect(st);
	if (rc != 0)
		goto fail;
	rc = store_migrate(st);
	if (rc != 0)
		goto fail;
	store_news_open(st, path);
	*out = st;
	return 0;
fail:
	store_close(st);
	return rc;
}

/* Finalize every statement of the cache; they are prepared again as
 * used. */
static void
store_forget_statements(struct store *st)
{
	size_t i;

	for (i = 0; i < st->ncached; i++)
		(void)sqlite3_finalize(st->cached[i].stmt);
	st->ncached = 0;
}

int
store_rest(struct store *st)
{
	sqlite3_stmt *s = NULL;

	if (st->db == NULL)
		return 0;
	/* A transaction, a write's or several reads', is the caller's:
	 * it must end as begun, on this connection. */
	if (st->in_transaction || !sqlite3_get_autocommit(st->db))
		return MB_ERR_BUSY;
	/* So is a statement still stepping (a store_each's callback). */
	while ((s = sqlite3_next_stmt(st->db, s)) != NULL)
		if (sqlite3_stmt_busy(s))
			return MB_ERR_BUSY;
	store_forget_statements(st);
	if (sqlite3_close(st->db) != SQLITE_OK) {
		/* Open as it was (something of it is still in use): the
		 * statements come again as used. */
		log_error("sqlite3_close: %s", sqlite3_errmsg(st->db));
		return MB_ERR_DB;
	}
	st->db = NULL;
	/* The last connection of the process: all of SQLite's memory. */
	(void)store_zone_release();
	return 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_forget_statements(st);
	if (st->db != NULL && sqlite3_close(st->db) != SQLITE_OK)
		log_error("sqlite3_close: %s", sqlite3_errmsg(st->db));
	store_news_close(st);
	free(st->path);
	free(st);
	(void)store_zone_release();
}

int
store_begin(struct store *st)
{
	int rc;

	assert(!st->in_transaction);
	rc = store_exec_simple(st, "BEGIN IMMEDIATE");
	if (rc != 0)
		return rc;
	st->in_transaction = 1;
	return 0;
}

int
store_commit(struct store *st)
{
	int rc;

	assert(st->in_transaction);
	rc = store_exec_simple(st, "COMMIT");
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	st->in_transaction = 0;
	store_news_flush(st);
	return 0;
}

int
store_read_begin(struct store *st)
{
	/* Not open again: the reads say why, one by one. */
	if (store_awake(st) != 0 || !sqlite3_get_autocommit(st->db))
		return 0;
	return store_exec_simple(st, "BEGIN") == 0;
}

void
store_read_end(struct store *st, int opened)
{
	/* A read has nothing to lose: if COMMIT fails, end it anyway. */
	if (opened && !sqlite3_get_autocommit(st->db) &&
	    store_exec_simple(st, "COMMIT") != 0)
		(void)store_exec_simple(st, "ROLLBACK");
}

void
store_rollback(struct store *st)
{
	if (!st->in_transaction)
		return;
	store_news_drop(st);
	/* A failed statement may already have ended the transaction. */
	if (!sqlite3_get_autocommit(st->db))
		(void)store_exec_simple(st, "ROLLBACK");
	st->in_transaction = 0;
}
