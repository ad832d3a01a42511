/*
 * store_internal: what the store_*.c files share and nobody else sees.
 */
#ifndef MB_STORE_INTERNAL_H
#define MB_STORE_INTERNAL_H

#include <sqlite3.h>

#include "board_limits.h"
#include "store.h"

struct store_cached_stmt {
	const char *sql; /* the literal's address is the key */
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	uint64_t *news; /* the shared news counters (store_news.c), or NULL */
	char *wake_dir; /* "<database>-wake", where sessions listen */
	int wake_fd; /* the socket wake-ups are sent from, or -1 */
	size_t npending; /* news marked in the transaction under way */
	struct store_news_event pending[STORE_NEWS_PENDING_MAX];
	int in_transaction;
	size_t ncached;
	struct store_cached_stmt cached[STORE_STMT_CACHE];
};

/*
 * The prepared statement for sql (a string literal: its address is the
 * cache key), reset and with its bindings cleared.  The store owns it.
 * Returns NULL, logged, on failure.
 */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/*
 * Bind parameters 1..n by a format: 't' text (NULL binds NULL), 'i'
 * int64_t, 'u' int64_t row id where 0 binds NULL (a guest's user id), 'b'
 * blob (const void *, size_t), 'n' NULL (no argument).
 * Returns 0 or MB_ERR_DB (logged).
 */
int store_bind(struct store *st, sqlite3_stmt *stmt, const char *fmt, ...);

/*
 * Step a statement that returns no rows (or whose rows are ignored) and
 * reset it.  Returns 0, MB_ERR_EXISTS on a unique constraint, MB_ERR_BUSY,
 * or MB_ERR_DB; errors are logged under func.
 */
int store_exec_stmt(struct store *st, sqlite3_stmt *stmt, const char *func);

/*
 * Map the news counters next to the database at db_path and set up the
 * WAL hook.  Without them (logged) screens learn of news only on a key.
 */
void store_news_open(struct store *st, const char *db_path);
void store_news_close(struct store *st);

/* Deliver the news marked so far (store_commit calls it), or drop it. */
void store_news_flush(struct store *st);
void store_news_drop(struct store *st);

/*
 * Step a bound statement to its end, fill(stmt, elem) making one element
 * of size bytes (zeroed first) per row, into an array *out the caller
 * frees, of *n elements.  On failure release (if given) is called on the
 * elements made so far, the array freed, and the error returned (logged
 * under func).
 */
int store_collect(struct store *st, sqlite3_stmt *stmt, size_t size,
    void (*fill)(sqlite3_stmt *stmt, void *elem), void (*release)(void *elem),
    void **out, size_t *n, const char *func);

/* Map and log a failed SQLite call of func; returns an MB_ERR_* code. */
int store_error(struct store *st, int rc, const char *func);

/*
 * Copy column col of the current row into a string the caller frees
 * ("" for NULL).  Returns NULL when out of memory.
 */
char *store_column_strdup(sqlite3_stmt *stmt, int col);

/* Copy column col into buf (size bytes, NUL-terminated, cut if long). */
void store_column_copy(sqlite3_stmt *stmt, int col, char *buf, size_t size);

/* The schema text built into the binaries (schema.sql). */
extern const char store_schema_sql[];

/* Run migrations from the database's version up to the latest. */
int store_migrate(struct store *st);

/* Seconds since the epoch, from the one clock the store uses. */
int64_t store_now(void);

#endif
