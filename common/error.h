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
	MB_ERR_FULL = -13, /* the disk is full: nothing was written */
};

/* A short English description of an error code, for logs. */
const char *mb_strerror(int err);

/*
 * The fault of the current action that its user must hear of, whatever
 * message the code that failed had for them: today only MB_ERR_FULL (the
 * store met a full disk).  The store sets it when a statement fails so;
 * the faces clear it when an action begins (one command, one key) and
 * show error_fault_text() instead of their own words while it is set.
 * Process-wide, as every process serves one person.
 */
void error_fault_set(int err);

/* The fault set since the last error_fault_set(0), or 0. */
int error_fault(void);

/*
 * What to tell the user of the current fault (translated, static), or
 * NULL when there is none.
 */
const char *error_fault_text(void);

#endif
