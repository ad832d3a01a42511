/*
 * store_backup: a checked copy of the database while the board runs
 * (store_backup.h says what it promises).
 *
 * The copy is read through a connection of its own that holds one read
 * transaction from the first page to the last.  Without it SQLite's
 * backup would start over whenever another process commits between two
 * steps, and on a busy board might never end; with it every step reads
 * the same snapshot, and writers go on in the WAL meanwhile.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "store_backup.h"
#include "store_internal.h"
#include "util.h"

/* The files SQLite may make beside the temporary copy. */
static const char *const store_backup_side_files[] = { "-journal", "-wal",
	"-shm" };

struct store_backup {
	sqlite3 *src; /* the live database: one read transaction, throughout */
	sqlite3 *dst; /* the temporary copy */
	sqlite3_backup *backup;
	char path[PATH_MAX]; /* the target */
	char tmp[PATH_MAX]; /* the temporary copy, "" once moved or gone */
	int64_t pages_done, pages_total, bytes;
	long long started_ms, ms;
	int done;
	int failed; /* only store_backup_end may follow */
};

/* Say why into why (why_size bytes; may be NULL), and log it under func. */
__attribute__((format(printf, 4, 5))) static void
store_backup_say(
    char *why, size_t why_size, const char *func, const char *fmt, ...)
{
	char text[STORE_BACKUP_WHY_MAX];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	log_write(LOG_LEVEL_ERROR, func, "%s", text);
	if (why != NULL && why_size > 0)
		(void)snprintf(why, why_size, "%s", text);
}

/* Map a failed SQLite call on db to an MB_ERR_* code, saying why. */
static int
store_backup_db_error(sqlite3 *db, int rc, const char *what, char *why,
    size_t why_size, const char *func)
{
	int primary = rc & 0xff;

	store_backup_say(why, why_size, func, "%s: %s", what,
	    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return MB_ERR_BUSY;
	if (primary == SQLITE_NOMEM)
		return MB_ERR_NOMEM;
	return MB_ERR_DB;
}

/* Remove the temporary copy and what SQLite made beside it. */
static void
store_backup_remove_tmp(struct store_backup *b)
{
	char side[PATH_MAX + 16];
	size_t i;

	if (b->tmp[0] == '\0')
		return;
	if (unlink(b->tmp) != 0 && errno != ENOENT)
		log_error("%s: %s", b->tmp, strerror(errno));
	for (i = 0; i < nitems(store_backup_side_files); i++) {
		(void)snprintf(side, sizeof(side), "%s%s", b->tmp,
		    store_backup_side_files[i]);
		if (unlink(side) != 0 && errno != ENOENT)
			log_error("%s: %s", side, strerror(errno));
	}
	b->tmp[0] = '\0';
}

/* Close both connections (the source's snapshot ends with it). */
static void
store_backup_close(struct store_backup *b)
{
	if (b->backup != NULL) {
		/* Its result repeats the step's, reported there. */
		(void)sqlite3_backup_finish(b->backup);
		b->backup = NULL;
	}
	if (b->dst != NULL && sqlite3_close(b->dst) != SQLITE_OK)
		log_error("sqlite3_close: %s", sqlite3_errmsg(b->dst));
	b->dst = NULL;
	if (b->src != NULL && sqlite3_close(b->src) != SQLITE_OK)
		log_error("sqlite3_close: %s", sqlite3_errmsg(b->src));
	b->src = NULL;
}

/* "DIR/.NAME.tmp-XXXXXX" for path "DIR/NAME", made 0600; 0 or MB_ERR_*. */
static int
store_backup_make_tmp(struct store_backup *b, char *why, size_t why_size)
{
	const char *slash = strrchr(b->path, '/'),
		   *base = slash != NULL ? slash + 1 : b->path;
	int dir_len = slash != NULL ? (int)(slash - b->path) : 1, n, fd;

	if (base[0] == '\0') {
		store_backup_say(
		    why, why_size, __func__, "%s: not a file name", b->path);
		return MB_ERR_INVALID;
	}
	n = snprintf(b->tmp, sizeof(b->tmp), "%.*s/.%s.tmp-XXXXXX", dir_len,
	    slash != NULL ? b->path : ".", base);
	if (n < 0 || (size_t)n >= sizeof(b->tmp)) {
		b->tmp[0] = '\0';
		store_backup_say(
		    why, why_size, __func__, "%s: name too long", b->path);
		return MB_ERR_LIMIT;
	}
	fd = mkstemp(b->tmp);
	if (fd < 0) {
		b->tmp[0] = '\0';
		store_backup_say(why, why_size, __func__,
		    "cannot write beside %s: %s", b->path, strerror(errno));
		return MB_ERR_IO;
	}
	if (fchmod(fd, STORE_BACKUP_MODE) != 0) {
		store_backup_say(
		    why, why_size, __func__, "%s: %s", b->tmp, strerror(errno));
		(void)close(fd);
		return MB_ERR_IO;
	}
	if (close(fd) != 0) {
		store_backup_say(
		    why, why_size, __func__, "%s: %s", b->tmp, strerror(errno));
		return MB_ERR_IO;
	}
	return 0;
}

/* Open the source with its snapshot, the copy, and the backup between. */
static int
store_backup_open(
    struct store_backup *b, const char *db_path, char *why, size_t why_size)
{
	int rc;

	rc = sqlite3_open_v2(db_path, &b->src,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(b->src, STORE_BUSY_TIMEOUT_MS);
	/* BEGIN alone takes no lock: the read takes the snapshot. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(b->src,
		    "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL,
		    NULL);
	if (rc != SQLITE_OK)
		return store_backup_db_error(b->src, rc,
		    "cannot read the database", why, why_size, __func__);
	rc = sqlite3_open_v2(
	    b->tmp, &b->dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	/* The copy needs no journal: if it fails, it is thrown away. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(
		    b->dst, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_backup_db_error(b->dst, rc,
		    "cannot write the copy", why, why_size, __func__);
	b->backup = sqlite3_backup_init(b->dst, "main", b->src, "main");
	if (b->backup == NULL)
		return store_backup_db_error(b->dst,
		    sqlite3_extended_errcode(b->dst), "cannot start the backup",
		    why, why_size, __func__);
	return 0;
}

int
store_backup_begin(struct store *st, const char *path,
    struct store_backup **out, char *why, size_t why_size)
{
	struct store_backup *b = NULL;
	const char *db_path = NULL;
	struct stat sb;
	int rc;

	*out = NULL;
	if (why != NULL && why_size > 0)
		why[0] = '\0';
	rc = store_awake(st);
	if (rc != 0) {
		store_backup_say(
		    why, why_size, __func__, "the database cannot be opened");
		return rc;
	}
	db_path = sqlite3_db_filename(st->db, "main");
	if (db_path == NULL || db_path[0] == '\0') {
		store_backup_say(why, why_size, __func__,
		    "the database has no file to copy");
		return MB_ERR_INVALID;
	}
	b = xcalloc(1, sizeof(*b));
	b->started_ms = util_now_ms();
	if (strlcpy_checked(b->path, path, sizeof(b->path)) != 0) {
		store_backup_say(why, why_size, __func__, "name too long");
		rc = MB_ERR_LIMIT;
		goto out;
	}
	if (lstat(path, &sb) == 0) {
		/* The operator's mistake, not the board's: not logged. */
		if (why != NULL && why_size > 0)
			(void)snprintf(why, why_size,
			    "%s exists: a backup never replaces a file", path);
		rc = MB_ERR_EXISTS;
		goto out;
	}
	if (errno != ENOENT) {
		store_backup_say(
		    why, why_size, __func__, "%s: %s", path, strerror(errno));
		rc = MB_ERR_IO;
		goto out;
	}
	rc = store_backup_make_tmp(b, why, why_size);
	if (rc == 0)
		rc = store_backup_open(b, db_path, why, why_size);
out:
	if (rc != 0) {
		store_backup_end(b);
		return rc;
	}
	*out = b;
	return 0;
}

/* The whole of PRAGMA integrity_check on the copy: 0 when it says ok. */
static int
store_backup_check(struct store_backup *b, char *why, size_t why_size)
{
	sqlite3_stmt *stmt = NULL;
	const unsigned char *text = NULL;
	char report[STORE_BACKUP_WHY_MAX], *p = NULL;
	int rc, ok = 0;

	rc = sqlite3_prepare_v2(
	    b->dst, "PRAGMA integrity_check", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_backup_db_error(b->dst, rc,
		    "cannot check the copy", why, why_size, __func__);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		text = sqlite3_column_text(stmt, 0);
		ok = text != NULL && strcmp((const char *)text, "ok") == 0;
		if (!ok) {
			/* Its report runs over lines: the reason is one. */
			(void)snprintf(report, sizeof(report), "%s",
			    text != NULL ? (const char *)text : "?");
			for (p = report; *p != '\0'; p++)
				if (*p == '\n' || *p == '\r' || *p == '\t')
					*p = ' ';
			store_backup_say(why, why_size, __func__,
			    "the copy failed its integrity check: %s", report);
		}
	} else
		(void)store_backup_db_error(b->dst, rc, "cannot check the copy",
		    why, why_size, __func__);
	if (sqlite3_finalize(stmt) != SQLITE_OK && ok)
		return store_backup_db_error(b->dst,
		    sqlite3_extended_errcode(b->dst), "cannot check the copy",
		    why, why_size, __func__);
	return ok ? 0 : MB_ERR_DB;
}

/* fsync the file or directory at path. */
static int
store_backup_sync(const char *path, int flags, char *why, size_t why_size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | flags), rc = 0;

	if (fd < 0 || fsync(fd) != 0) {
		store_backup_say(
		    why, why_size, __func__, "%s: %s", path, strerror(errno));
		rc = MB_ERR_IO;
	}
	if (fd >= 0 && close(fd) != 0 && rc == 0) {
		store_backup_say(
		    why, why_size, __func__, "%s: %s", path, strerror(errno));
		rc = MB_ERR_IO;
	}
	return rc;
}

/* Give the checked copy the target's name, unless something has it. */
static int
store_backup_place(struct store_backup *b, char *why, size_t why_size)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(b->path, '/');
	int rc;

	/* RENAME_NOREPLACE where the file system has it, else a link. */
	rc = renameat2(AT_FDCWD, b->tmp, AT_FDCWD, b->path, RENAME_NOREPLACE);
	if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
		rc = link(b->tmp, b->path);
		if (rc == 0 && unlink(b->tmp) != 0)
			log_warn("%s: %s", b->tmp, strerror(errno));
	}
	if (rc != 0) {
		rc = errno == EEXIST ? MB_ERR_EXISTS : MB_ERR_IO;
		store_backup_say(why, why_size, __func__, "%s: %s", b->path,
		    rc == MB_ERR_EXISTS ?
			"made by someone else meanwhile; the copy is removed" :
			strerror(errno));
		return rc;
	}
	b->tmp[0] = '\0';
	/* The new name lasts only once its directory is on disk; the copy
	 * is whole and in place either way, so that is only a warning. */
	(void)snprintf(dir, sizeof(dir), "%.*s",
	    slash == NULL	 ? 1 :
		slash == b->path ? 1 :
				   (int)(slash - b->path),
	    slash == NULL ? "." : b->path);
	(void)store_backup_sync(dir, O_DIRECTORY, NULL, 0);
	return 0;
}

/* The last page is copied: check the copy and put it in place. */
static int
store_backup_complete(struct store_backup *b, char *why, size_t why_size)
{
	struct stat sb;
	int rc;

	rc = sqlite3_backup_finish(b->backup);
	b->backup = NULL;
	if (rc != SQLITE_OK)
		return store_backup_db_error(b->dst, rc,
		    "cannot finish the copy", why, why_size, __func__);
	/* The snapshot is no longer needed: let the WAL be checkpointed. */
	if (sqlite3_close(b->src) != SQLITE_OK)
		log_error("sqlite3_close: %s", sqlite3_errmsg(b->src));
	b->src = NULL;
	/* One self-contained file (no -wal): readable on read-only media. */
	rc = sqlite3_exec(
	    b->dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_backup_db_error(b->dst, rc,
		    "cannot finish the copy", why, why_size, __func__);
	rc = store_backup_check(b, why, why_size);
	if (rc != 0)
		return rc;
	rc = sqlite3_close(b->dst);
	if (rc != SQLITE_OK)
		return store_backup_db_error(b->dst, rc,
		    "cannot close the copy", why, why_size, __func__);
	b->dst = NULL;
	rc = store_backup_sync(b->tmp, 0, why, why_size);
	if (rc == 0 && stat(b->tmp, &sb) != 0) {
		store_backup_say(
		    why, why_size, __func__, "%s: %s", b->tmp, strerror(errno));
		rc = MB_ERR_IO;
	}
	if (rc != 0)
		return rc;
	b->bytes = (int64_t)sb.st_size;
	return store_backup_place(b, why, why_size);
}

int
store_backup_step(struct store_backup *b, int *done, char *why, size_t why_size)
{
	long long waited = 0;
	int rc;

	*done = b->done;
	if (why != NULL && why_size > 0)
		why[0] = '\0';
	if (b->done)
		return 0;
	assert(!b->failed);
	for (;;) {
		rc = sqlite3_backup_step(b->backup, STORE_BACKUP_STEP_PAGES);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		if (waited >= STORE_BACKUP_BUSY_WAIT_MS)
			break;
		(void)sqlite3_sleep(STORE_BACKUP_RETRY_MS);
		waited += STORE_BACKUP_RETRY_MS;
	}
	b->pages_total = sqlite3_backup_pagecount(b->backup);
	b->pages_done = b->pages_total - sqlite3_backup_remaining(b->backup);
	if (rc == SQLITE_DONE)
		rc = store_backup_complete(b, why, why_size);
	else if (rc == SQLITE_OK)
		rc = 0;
	else /* the backup's error: no connection's errmsg says it */
		rc = store_backup_db_error(NULL, rc, "cannot copy the database",
		    why, why_size, __func__);
	b->ms = util_now_ms() - b->started_ms;
	if (rc != 0) {
		b->failed = 1;
		store_backup_close(b);
		store_backup_remove_tmp(b);
		return rc;
	}
	b->done = b->tmp[0] == '\0';
	*done = b->done;
	return 0;
}

void
store_backup_info(const struct store_backup *b, struct store_backup_info *info)
{
	memset(info, 0, sizeof(*info));
	(void)strlcpy_checked(info->path, b->path, sizeof(info->path));
	info->pages_done = b->pages_done;
	info->pages_total = b->pages_total;
	info->bytes = b->bytes;
	info->ms = b->done ? b->ms : util_now_ms() - b->started_ms;
	info->done = b->done;
}

void
store_backup_end(struct store_backup *b)
{
	if (b == NULL)
		return;
	store_backup_close(b);
	store_backup_remove_tmp(b);
	free(b);
}

int
store_backup(struct store *st, const char *path,
    void (*progress)(void *ctx, const struct store_backup_info *info),
    void *ctx, struct store_backup_info *info, char *why, size_t why_size)
{
	struct store_backup *b = NULL;
	struct store_backup_info now;
	int rc, done = 0;

	if (info != NULL)
		memset(info, 0, sizeof(*info));
	rc = store_backup_begin(st, path, &b, why, why_size);
	while (rc == 0 && !done) {
		rc = store_backup_step(b, &done, why, why_size);
		if (rc == 0 && progress != NULL) {
			store_backup_info(b, &now);
			progress(ctx, &now);
		}
	}
	if (b != NULL && info != NULL)
		store_backup_info(b, info);
	store_backup_end(b);
	return rc;
}
