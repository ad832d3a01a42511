/*
 * util: allocation that aborts on out-of-memory (the one failure the board
 * does not survive, as in tmux and OpenSSH) and small helpers.
 */
#ifndef MB_UTIL_H
#define MB_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* malloc, calloc, realloc, strdup, strndup and asprintf that never return
 * NULL: on out-of-memory they log and abort. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Copy src into dst of size bytes, always NUL-terminated.  Returns 0, or
 * MB_ERR_LIMIT when src had to be cut.
 */
int strlcpy_checked(char *dst, const char *src, size_t size);

/*
 * out = dir + "/" + name, in size bytes.  Returns 0, or MB_ERR_LIMIT (and
 * an empty out) when the path does not fit.
 */
int path_join(char *out, size_t size, const char *dir, const char *name);

/*
 * A decimal number, all of s, from min to max, into *out.  Returns 0 or
 * MB_ERR_INVALID (nothing written) for anything else: "5x", "", overflow.
 */
int parse_long(const char *s, long min, long max, long *out);

/*
 * A date "YYYY-MM-DD", all of s, as the time 00:00 UTC of that day into
 * *out.  Returns 0 or MB_ERR_INVALID (nothing written): "2026-2-1",
 * "2026-02-31", anything more.
 */
int parse_date(const char *s, int64_t *out);

/*
 * Milliseconds on the monotonic clock (CLOCK_MONOTONIC), for deadlines
 * and durations only: it starts at an arbitrary point (boot, usually) and
 * is not moved by changes of the date or the board's test clock.  Never
 * fails: clock_gettime fails only for an unknown clock or a bad pointer,
 * a programmer's error, on which it logs and aborts.  Safe between fork
 * and exec and in a signal handler (clock_gettime is async-signal-safe).
 */
long long util_now_ms(void);

/*
 * What util_memory_trim keeps of the stack below its own frame: more than
 * the calls it makes from there take, past the rounding to a page.
 */
#define UTIL_STACK_KEEP_BYTES 4096

/*
 * Give the kernel back memory the process holds and does not use, for a
 * process that goes idle for a while: the free pages of the heap, those
 * between the chunks in use too, not only its top (malloc_trim), and the
 * pages of the main thread's stack below the caller's frame, which calls
 * of the past reached down to (a stack never shrinks by itself; the next
 * call that reaches there gets cleared pages).  The caller's frame and
 * UTIL_STACK_KEEP_BYTES below it stay.  Call it from the main thread of a
 * single-threaded process (it finds the stack in /proc/self/maps).  What
 * fails changes nothing but the memory given back, and is logged at debug
 * level.
 */
void util_memory_trim(void);

#endif
