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

/* The mentors the search lists, s the index row, u the account, m the
 * profile: only a listed mentor has a search row (store_search.c). */
#define MENTOR_ROW_FROM                                       \
	"FROM mentor_search s JOIN user u ON u.id = s.rowid " \
	"JOIN mentor_profile m ON m.user_id = s.rowid "

/*
 * SQLite checkpoints from its own WAL hook, which ours replaces
 * (store_news.c): we do it at the same size, SQLite's default (pages).
 */
#define STORE_WAL_CHECKPOINT_PAGES 1000
/* ... and one that leaves it to the housekeeping does it itself at this
 * size all the same (store_leave_checkpoints). */
#define STORE_WAL_CHECKPOINT_FORCE_PAGES (4 * STORE_WAL_CHECKPOINT_PAGES)

struct store {
	sqlite3 *db; /* NULL while resting (store_rest) */
	char *path; /* the database's file, to open it again after a rest */
	uint64_t *news; /* the shared news counters (store_news.c), or NULL */
	char *wake_dir; /* "<database>-wake", where sessions listen */
	int wake_fd; /* the socket wake-ups are sent from, or -1 */
	size_t npending; /* news marked in the transaction under way */
	struct store_news_event pending[STORE_NEWS_PENDING_MAX];
	int in_transaction;
	int no_checkpoint; /* store_leave_checkpoints */
	size_t ncached;
	struct store_cached_stmt cached[STORE_STMT_CACHE];
};

/*
 * Every store function runs its SQL through one of the helpers below: each
 * prepares sql, binds fmt's arguments, steps the statement and resets it.
 * sql must be the string literal itself (or a pointer into a static table
 * of them), never a copy or a built string: its address is the key of the
 * statement cache.  fmt binds parameters 1..n: 't' text (const char *,
 * NULL binds NULL), 'i' int64_t, 'u' int64_t row id where 0 binds NULL (a
 * guest's user id), 'b' blob (const void *, size_t), 'n' NULL (no
 * argument).  func names the caller in the log.
 *
 * They return 0 or a negative MB_ERR_*: MB_ERR_EXISTS on a unique
 * constraint (not logged), MB_ERR_BUSY when the database stayed locked past
 * the busy timeout, MB_ERR_NOMEM, or MB_ERR_DB, logged under func.
 */

/* A statement without rows, or whose rows are ignored. */
int store_run(
    struct store *st, const char *func, const char *sql, const char *fmt, ...);

/*
 * store_run for an UPDATE or DELETE of something that must be there:
 * MB_ERR_NOTFOUND (not logged) when it changed no row.
 */
int store_run_found(
    struct store *st, const char *func, const char *sql, const char *fmt, ...);

/*
 * A statement of at most one row: fill(stmt, ctx) reads it, and a second
 * row is not read.  Returns MB_ERR_NOTFOUND (not logged) when there is
 * none.  fill runs only when this returns 0, but for a write with
 * RETURNING, which runs to its end after fill and may fail on the way.
 */
int store_row(struct store *st, const char *func, const char *sql,
    void (*fill)(sqlite3_stmt *stmt, void *ctx), void *ctx, const char *fmt,
    ...);

/*
 * store_row of a row of integers (counts, flags, a pragma): columns 0..n-1
 * into values[0..n-1].  MB_ERR_NOTFOUND when there is no row.
 */
int store_ints(struct store *st, const char *func, const char *sql,
    int64_t *values, size_t n, const char *fmt, ...);

/*
 * Every row into an array the caller frees, of *n elements of size bytes
 * each, made by fill(stmt, elem) from a zeroed element.  *out is NULL and
 * *n 0 on failure, after release (if given) was called on the elements made
 * so far.
 */
int store_rows(struct store *st, const char *func, const char *sql, size_t size,
    void (*fill)(sqlite3_stmt *stmt, void *elem), void (*release)(void *elem),
    void **out, size_t *n, const char *fmt, ...);

/*
 * Call row(stmt, ctx) for each row.  A non-zero return from row is
 * returned as it is (unless the statement then fails) and stops a read
 * there; a write runs to its end all the same, its further rows unread.
 * What row made of the rows is the caller's either way.
 */
int store_each(struct store *st, const char *func, const char *sql,
    int (*row)(sqlite3_stmt *stmt, void *ctx), void *ctx, const char *fmt, ...);

/*
 * The connection, open: opened again, set up as store_open set it up, if
 * it was resting (store_rest).  Every use of st->db is after this, or
 * after a helper below, which calls it.  Returns 0, or the MB_ERR_* of
 * the failed open (logged); the next call tries again.
 */
int store_awake(struct store *st);

/*
 * Map the news counters next to the database at db_path.  Without them
 * (logged) screens learn of news only on a key.
 */
void store_news_open(struct store *st, const char *db_path);

/* Set up the WAL hook on st's connection, each time it is opened. */
void store_news_hook(struct store *st);

/*
 * Unmap the counters and close the socket wake-ups are sent from, for
 * store_close.  Sessions' sockets stay: each is its own session's.
 */
void store_news_close(struct store *st);

/* Deliver the news marked so far (store_commit calls it), or drop it. */
void store_news_flush(struct store *st);
void store_news_drop(struct store *st);

/* Map and log a failed SQLite call of func; returns an MB_ERR_* code. */
int store_error(struct store *st, int rc, const char *func);

/*
 * Copy column col of the current row into a string the caller frees
 * ("" for NULL).  Returns NULL when out of memory.
 */
char *store_column_strdup(sqlite3_stmt *stmt, int col);

struct json;

/*
 * The rows of sql as JSON objects keyed by the columns' names (integers,
 * text, null, blobs in base64) to j: an array, or with one the first row
 * as one object (null when there is none).  The SQL function
 * display_name(first, last) is there for the names of other people.
 */
int store_json_rows(struct store *st, const char *func, const char *sql,
    struct json *j, int one, const char *fmt, ...);

/* Copy column col into buf (size bytes, NUL-terminated, cut if long). */
void store_column_copy(sqlite3_stmt *stmt, int col, char *buf, size_t size);

/* Where a text column goes: store_text_fill copies column 0 there, as a
 * store_row fill. */
struct store_text_out {
	char *out;
	size_t size;
};

void store_text_fill(sqlite3_stmt *stmt, void *ctx);

/* The schema text built into the binaries (schema.sql). */
extern const char store_schema_sql[];

/* Run migrations from the database's version up to the latest. */
int store_migrate(struct store *st);

/*
 * Register the search's FTS5 functions (mentor_rank) on db: SQLITE_OK or
 * the SQLite error code.
 */
int store_search_register(sqlite3 *db);

/*
 * store_zone.c: SQLite's memory in a zone of its own, for
 * sqlite3_config(SQLITE_CONFIG_MALLOC), so that a process whose
 * connections are all closed can give all of it back.  The methods are
 * static; store_zone_live says how many of its blocks are in use;
 * store_zone_release unmaps the zone when none is, and says whether it
 * did (1) or not (0).  store_ready (store.h) is here too.  Not
 * thread-safe: for single-threaded processes.
 */
const sqlite3_mem_methods *store_zone_methods(void);
size_t store_zone_live(void);
int store_zone_release(void);

/* Seconds since the epoch, from the one clock the store uses. */
int64_t store_now(void);

#endif
