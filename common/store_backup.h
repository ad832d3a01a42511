/*
 * store_backup: a copy of the board's database while the board runs, with
 * SQLite's online backup API.  The copy is one consistent snapshot: every
 * transaction committed before it began, none that commits while it runs
 * (writers are not held up meanwhile; in WAL mode they never wait for a
 * reader).  It is written to a temporary file beside the target, checked
 * (PRAGMA integrity_check) and only then moved to the target's name, which
 * it never replaces: a backup that fails, or is stopped, leaves no file.
 *
 * A backup runs in steps of STORE_BACKUP_STEP_PAGES pages, so that a
 * screen can draw its progress between them (store_backup_begin, _step,
 * _info, _end), or in one call with a progress callback (store_backup).
 */
#ifndef MB_STORE_BACKUP_H
#define MB_STORE_BACKUP_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define STORE_BACKUP_STEP_PAGES 64 /* pages copied in one step */
/* A step that finds a database locked tries again every few milliseconds,
 * for at most this long in all. */
#define STORE_BACKUP_BUSY_WAIT_MS 5000
#define STORE_BACKUP_RETRY_MS 10
#define STORE_BACKUP_MODE 0600 /* the copy holds personal data */
#define STORE_BACKUP_WHY_MAX 256 /* bytes of a reason for the operator */

struct store_backup;

/* How far a backup is, and once done what it made. */
struct store_backup_info {
	char path[PATH_MAX]; /* the target */
	int64_t pages_done;
	int64_t pages_total; /* 0 until the first step */
	int64_t bytes; /* the copy's size, once done */
	long long ms; /* milliseconds since it began */
	int done; /* the copy is checked and in place */
};

/*
 * Start a backup of st's database into a new file at path, which must not
 * exist: a temporary file (mode STORE_BACKUP_MODE) in the same directory
 * and a connection of its own to the database, holding the snapshot the
 * copy is made of.  On success *out is the caller's, to be ended with
 * store_backup_end.  Returns MB_ERR_EXISTS when path exists,
 * MB_ERR_LIMIT when it is too long, MB_ERR_IO when the directory cannot
 * be written, MB_ERR_DB or MB_ERR_BUSY; why (why_size bytes) says so in
 * words for the operator, and nothing is left behind.
 */
int store_backup_begin(struct store *st, const char *path,
    struct store_backup **out, char *why, size_t why_size);

/*
 * Copy the next STORE_BACKUP_STEP_PAGES pages (waiting, at most
 * STORE_BACKUP_BUSY_WAIT_MS, for a lock).  After the last one the copy is
 * checked, synced and moved into place, and *done is 1; until then 0.
 * On failure (MB_ERR_DB, MB_ERR_BUSY, MB_ERR_IO, MB_ERR_EXISTS when
 * something took the target's name meanwhile) why says why, the
 * temporary file is gone, and only store_backup_end may follow.
 */
int store_backup_step(
    struct store_backup *b, int *done, char *why, size_t why_size);

/* How far b is. */
void store_backup_info(
    const struct store_backup *b, struct store_backup_info *info);

/*
 * End a backup, done or not: one not done is stopped and its temporary
 * file removed.  NULL is allowed.
 */
void store_backup_end(struct store_backup *b);

/*
 * The whole backup of st into path in one call: store_backup_begin, then
 * store_backup_step until done, calling progress(ctx, info) (if given)
 * after each step.  *info (may be NULL) tells what was made.  Returns as
 * the functions above, with why.
 */
int store_backup(struct store *st, const char *path,
    void (*progress)(void *ctx, const struct store_backup_info *info),
    void *ctx, struct store_backup_info *info, char *why, size_t why_size);

#endif
