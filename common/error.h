/*
 * Error codes shared by every module.  Functions return 0 on success or one
 * of these (always negative); the details go to the log or to a message
 * buffer the caller passed.
 */
#ifndef MB_ERROR_H
#define MB_ERROR_H

enum mb_error {
	MB_OK = 0,
	MB_ERR_NOMEM = -1, /* out of memory */
	MB_ERR_IO = -2, /* a system call failed */
	MB_ERR_DB = -3, /* the database failed */
	MB_ERR_NOTFOUND = -4, /* no such thing */
	MB_ERR_EXISTS = -5, /* already there (unique constraint) */
	MB_ERR_INVALID = -6, /* bad input: the caller's message says why */
	MB_ERR_LIMIT = -7, /* a limit was reached */
	MB_ERR_DENIED = -8, /* not allowed */
	MB_ERR_EXPIRED = -9, /* too old, or used up */
	MB_ERR_BUSY = -10, /* try again later */
	MB_ERR_VERSION = -11, /* data from a newer version of the program */
	MB_ERR_MAIL = -12, /* the mail command failed */
};

/* A short English description of an error code, for logs. */
const char *mb_strerror(int err);

#endif
