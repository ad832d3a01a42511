/* util: allocation that aborts on out-of-memory, small helpers. */
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "util.h"

/* Out of memory: logged under the caller's name, then abort. */
static void
fatal_nomem(const char *func)
{
	log_write(LOG_LEVEL_ERROR, func, "out of memory");
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size == 0 ? 1 : size);

	if (p == NULL)
		fatal_nomem(__func__);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		fatal_nomem(__func__);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	void *q = NULL;

	if (size != 0 && n > SIZE_MAX / size)
		fatal_nomem(__func__);
	q = realloc(p, n * size == 0 ? 1 : n * size);
	if (q == NULL)
		fatal_nomem(__func__);
	return q;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		fatal_nomem(__func__);
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (p == NULL)
		fatal_nomem(__func__);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal_nomem(__func__);
	return p;
}

int
strlcpy_checked(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size == 0)
		return MB_ERR_LIMIT;
	if (len >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return MB_ERR_LIMIT;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

int
parse_long(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < min || n > max)
		return MB_ERR_INVALID;
	*out = n;
	return 0;
}

int
parse_date(const char *s, int64_t *out)
{
	struct tm tm;
	const char *end = NULL;
	char back[16];
	time_t t;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	t = end != NULL && *end == '\0' ? timegm(&tm) : (time_t)-1;
	/* Written back, it must read the same: 2026-02-31 is no date. */
	if (t == (time_t)-1 || gmtime_r(&t, &tm) == NULL ||
	    strftime(back, sizeof(back), "%Y-%m-%d", &tm) == 0 ||
	    strcmp(back, s) != 0)
		return MB_ERR_INVALID;
	*out = (int64_t)t;
	return 0;
}

int
path_join(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= size) {
		if (size > 0)
			out[0] = '\0';
		return MB_ERR_LIMIT;
	}
	return 0;
}

long long
util_now_ms(void)
{
	struct timespec ts;
	int rc;

	rc = clock_gettime(CLOCK_MONOTONIC, &ts);
	if (rc != 0) {
		/* Fails only for a bad clock id or pointer: a bug. */
		log_error("clock_gettime: %s", strerror(errno));
		abort();
	}
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The main thread's stack, [*lo, *hi), from /proc/self/maps; 0 or -1. */
static int
util_stack_bounds(uintptr_t *lo, uintptr_t *hi)
{
	static const char mark[] = " [stack]\n";
	size_t cap = 0, len, mark_len = sizeof(mark) - 1;
	char *line = NULL;
	FILE *fp = NULL;
	int rc = -1;

	fp = fopen("/proc/self/maps", "re");
	if (fp == NULL) {
		log_debug("/proc/self/maps: %s", strerror(errno));
		return -1;
	}
	while (rc != 0 && getline(&line, &cap, fp) > 0) {
		len = strlen(line);
		if (len > mark_len &&
		    strcmp(line + len - mark_len, mark) == 0 &&
		    sscanf(line, "%" SCNxPTR "-%" SCNxPTR, lo, hi) == 2 &&
		    *lo < *hi)
			rc = 0;
	}
	free(line);
	(void)fclose(fp);
	return rc;
}

/*
 * The stack's part of util_memory_trim.  Not inlined: its frame is the
 * caller's, and what lies below it is dead, but for the few bytes the
 * calls made from here take (the madvise stub's).  glibc does the same to
 * the unused part of a thread's stack when the thread ends.
 */
static __attribute__((noinline)) void
util_stack_trim(void)
{
	uintptr_t lo = 0, hi = 0, end, page;
	long size = sysconf(_SC_PAGESIZE);

	if (size <= 0 || util_stack_bounds(&lo, &hi) != 0)
		return;
	page = (uintptr_t)size;
	end = ((uintptr_t)__builtin_frame_address(0) & ~(page - 1)) -
	    UTIL_STACK_KEEP_BYTES;
	if (end <= lo || end > hi)
		return;
	if (madvise((void *)lo, end - lo, MADV_DONTNEED) != 0)
		log_debug("madvise: %s", strerror(errno));
}

void
util_populate(const void *from, const void *to)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = ((uintptr_t)from + page - 1) & ~(page - 1);
	uintptr_t hi = (uintptr_t)to & ~(page - 1);
	volatile char *at;

	if (hi <= lo)
		return;
	if (madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE) != 0)
		log_debug("madvise: %s", strerror(errno));
	for (at = (volatile char *)lo; (uintptr_t)at < hi; at += page)
		*at = *at;
}

/* The stack's part of util_memory_ready: the pages below the caller's
 * frame, down to stack_bytes or the mapping's end. */
static __attribute__((noinline)) void
util_stack_ready(size_t stack_bytes)
{
	uintptr_t lo = 0, hi = 0, top;

	if (util_stack_bounds(&lo, &hi) != 0)
		return;
	top = (uintptr_t)__builtin_frame_address(0);
	if (top <= lo || top > hi)
		return;
	util_populate((void *)(top - lo > stack_bytes ? top - stack_bytes : lo),
	    (void *)top);
}

void
util_memory_ready(size_t heap_bytes, size_t stack_bytes)
{
	void *block = NULL;

	/* From the heap's top, not a mapping of its own, and left there
	 * when freed: the next blocks are cut from these pages. */
	if (mallopt(M_MMAP_THRESHOLD, (int)(2 * heap_bytes)) == 1 &&
	    mallopt(M_TRIM_THRESHOLD, (int)(2 * heap_bytes)) == 1) {
		block = malloc(heap_bytes);
		if (block != NULL)
			util_populate(block, (char *)block + heap_bytes);
		free(block);
	}
	(void)mallopt(M_MMAP_THRESHOLD, UTIL_MMAP_THRESHOLD);
	util_stack_ready(stack_bytes);
}

void
util_memory_trim(void)
{
	util_stack_trim();
	/* Returns whether it gave anything back: either is fine. */
	(void)malloc_trim(0);
}
