/*
 * clock: the board's one clock for the rules (expiry of codes, requests,
 * reminders, retention).  Tests move it forward through a file in the
 * state directory, "test-clock", holding a number of seconds to add; only
 * the board's own account can write there (the directory is 0700), so no
 * client can reach it.  A production board has no such file.
 */
#ifndef MB_CLOCK_H
#define MB_CLOCK_H

#include <stdint.h>

#define CLOCK_TEST_FILE "test-clock"
#define CLOCK_OFFSET_MAX (100LL * 365 * 24 * 3600) /* seconds, either way */

/*
 * Read the offset from STATE_DIR/test-clock from now on (again whenever
 * the file changes).  Without a call, or without the file, the clock is
 * the system's.
 */
void clock_init(const char *state_dir);

/* Seconds since the epoch, UTC, with the test offset if there is one. */
int64_t clock_now(void);

#endif
