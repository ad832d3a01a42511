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

#define UTIL_MMAP_THRESHOLD (128 * 1024) /* glibc's first M_MMAP_THRESHOLD */

/*
 * The other way round, for a process about to do work that will need
 * fresh memory, while nobody waits for it yet (the spare mentor, before
 * a session): make heap_bytes of the heap's top and stack_bytes of the
 * stack below the caller's frame present now, each in one call
 * (util_populate), instead of one page fault per page later, which on
 * some virtual machines costs ten times as much per page.  The heap's
 * pages stay at its top, where the next blocks come from: malloc then
 * gives back to the kernel no less than 2 * heap_bytes free at the top
 * (M_TRIM_THRESHOLD); util_memory_trim still gives all back.  Single-
 * threaded processes only; what fails is logged at debug level.
 */
void util_memory_ready(size_t heap_bytes, size_t stack_bytes);

/*
 * Make the whole pages within [from, to) present and writable, in one
 * call (MADV_POPULATE_WRITE), then touch each (a byte written back as it
 * was: the contents stay).  The touch is for paravirtualised machines,
 * whose hypervisor maps each page again for each process at its first
 * touch, a trap the guest's kernel never sees.  A failure is logged at
 * debug level.
 */
void util_populate(const void *from, const void *to);

#endif
