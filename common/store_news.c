/*
 * store_news: how idle screens learn that something they show may have
 * changed, without touching the database.
 *
 * Next to the database lives a small shared file, "<database>-news",
 * holding one 64-bit counter that every process maps.  A commit adds one
 * to it, after the commit is durable (SQLite's WAL hook), unless it only
 * wrote bookkeeping nobody's screen shows: who is connected, failed
 * logins (store_exec_quiet).  A screen compares the counter with the value
 * it last drew: a memory read, no system call, no lock.  So a login does
 * not make a thousand idle screens reread the store.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

/*
 * SQLite checkpoints from its own WAL hook, which ours replaces: we do it
 * at the same size, SQLite's default (pages).
 */
#define STORE_WAL_CHECKPOINT_PAGES 1000

static int
store_on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store *st = arg;

	if (!st->quiet && st->news != NULL)
		(void)__atomic_add_fetch(st->news, 1, __ATOMIC_RELEASE);
	if (pages >= STORE_WAL_CHECKPOINT_PAGES)
		(void)sqlite3_wal_checkpoint_v2(
		    db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

void
store_news_open(struct store *st, const char *db_path)
{
	struct stat sb, db;
	char *path = NULL;
	void *map;
	int fd;

	(void)sqlite3_wal_hook(st->db, store_on_commit, st);
	path = xasprintf("%s-news", db_path);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || fstat(fd, &sb) != 0 ||
	    (sb.st_size < (off_t)sizeof(*st->news) &&
		ftruncate(fd, sizeof(*st->news)) != 0)) {
		log_warn("%s: %s; screens show news only on a key", path,
		    strerror(errno));
		goto out;
	}
	/* Made by root (mentor --local as a sysop): the board's, like the
	 * database, as SQLite does with its own companion files. */
	if (geteuid() == 0 && stat(db_path, &db) == 0 &&
	    (sb.st_uid != db.st_uid || sb.st_gid != db.st_gid) &&
	    fchown(fd, db.st_uid, db.st_gid) != 0)
		log_warn("chown %s: %s", path, strerror(errno));
	map = mmap(
	    NULL, sizeof(*st->news), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		log_warn("mmap %s: %s; screens show news only on a key", path,
		    strerror(errno));
		goto out;
	}
	st->news = map;
out:
	if (fd >= 0)
		(void)close(fd);
	free(path);
}

void
store_news_close(struct store *st)
{
	if (st->news != NULL)
		(void)munmap(st->news, sizeof(*st->news));
	st->news = NULL;
}

uint64_t
store_news(struct store *st)
{
	if (st->news == NULL)
		return 0;
	return __atomic_load_n(st->news, __ATOMIC_ACQUIRE);
}

int
store_exec_quiet(struct store *st, sqlite3_stmt *stmt, const char *func)
{
	int rc;

	st->quiet = 1;
	rc = store_exec_stmt(st, stmt, func);
	st->quiet = 0;
	return rc;
}
