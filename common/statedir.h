/*
 * statedir: whose the state directory is.  The board's files belong to the
 * directory's owner, the account mentord runs as; the host's operator works
 * in it as that account or as root, and what root makes there is given to
 * the owner, so that the board can still open it.
 */
#ifndef MB_STATEDIR_H
#define MB_STATEDIR_H

/*
 * When this process runs as root and path (just made) lies in a directory
 * another account owns, give path to that account and the directory's
 * group, as SQLite does with its own companion files (-wal, -shm).  Does
 * nothing otherwise; a failure is logged as a warning, since the caller's
 * work itself succeeded.
 */
void statedir_adopt(const char *path);

#endif
