/*
 * Unit tests of util_memory_trim (common/util.c): what an idle mentor gives
 * back, the stack below its caller and the free pages of the heap, and that
 * what is in use stays as it was; and of util_memory_ready, its opposite
 * for the spare mentor: the heap's next blocks present before they are
 * taken.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "util.h"

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define TEST_SANITIZED 1 /* its own heap, and maybe fake stacks */
#else
#define TEST_SANITIZED 0
#endif

#define TEST_FRAME_BYTES 4096
#define TEST_DEEP_FRAMES 64 /* 256 KiB of stack, more than anything kept */
#define TEST_HEAP_BLOCKS 1024
#define TEST_HEAP_BLOCK_BYTES 4000 /* below the mmap threshold: the heap */
#define TEST_READY_BYTES (256 * 1024)
#define TEST_READY_BLOCKS 48 /* of TEST_HEAP_BLOCK_BYTES: 3/4 of it */
#define TEST_READY_FAULTS_MAX 4 /* taking them: a few, not one a page */

/* The resident KiB of the mapping named name ("[stack]", "[heap]"). */
static long
rss_kib(const char *name)
{
	char line[512], current[512] = "";
	long kib, total = 0;
	FILE *fp = fopen("/proc/self/smaps", "r");

	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strchr(line, '-') != NULL && strchr(line, ' ') != NULL &&
		    line[0] != ' ' && strstr(line, "kB") == NULL)
			(void)snprintf(current, sizeof(current), "%s", line);
		else if (sscanf(line, "Rss: %ld kB", &kib) == 1 &&
		    strstr(current, name) != NULL)
			total += kib;
	}
	(void)fclose(fp);
	return total;
}

/* Touch depth frames of stack below the caller; returns a checksum. */
static __attribute__((noinline)) int
go_deep(int depth)
{
	volatile char frame[TEST_FRAME_BYTES];
	int sum;

	memset((char *)frame, depth, sizeof(frame));
	if (depth == 0)
		return frame[0];
	sum = go_deep(depth - 1);
	return sum + frame[TEST_FRAME_BYTES - 1];
}

/* The stack a deep call touched goes back; the caller's frame stays. */
static void
test_trim_stack(void **state)
{
	char mine[TEST_FRAME_BYTES];
	long before, after;
	size_t i;

	(void)state;
	memset(mine, 0x5a, sizeof(mine));
	assert_int_equal(go_deep(TEST_DEEP_FRAMES),
	    TEST_DEEP_FRAMES * (TEST_DEEP_FRAMES + 1) / 2);
	before = rss_kib("[stack]");
	util_memory_trim();
	after = rss_kib("[stack]");
	/* Under a sanitizer, frames may live on its fake stacks. */
	if (!TEST_SANITIZED) {
		assert_true(
		    before >= TEST_DEEP_FRAMES * TEST_FRAME_BYTES / 1024);
		assert_true(after <
		    before - TEST_DEEP_FRAMES * TEST_FRAME_BYTES / 2 / 1024);
	}
	for (i = 0; i < sizeof(mine); i++)
		assert_int_equal(mine[i], 0x5a);
	/* The pages come back, cleared, to the next deep call. */
	assert_int_equal(go_deep(TEST_DEEP_FRAMES),
	    TEST_DEEP_FRAMES * (TEST_DEEP_FRAMES + 1) / 2);
}

/* Free pages between blocks in use go back; the blocks stay as they were. */
static void
test_trim_heap(void **state)
{
	char *blocks[TEST_HEAP_BLOCKS];
	long before, after;
	size_t i, j;

	(void)state;
	for (i = 0; i < TEST_HEAP_BLOCKS; i++) {
		blocks[i] = xmalloc(TEST_HEAP_BLOCK_BYTES);
		memset(blocks[i], (int)(i & 0x7f), TEST_HEAP_BLOCK_BYTES);
	}
	/* Keep every 64th, the last among them: the heap's top cannot
	 * shrink, the pages between must be given back from its middle. */
	for (i = 0; i < TEST_HEAP_BLOCKS; i++) {
		if (i % 64 != 63) {
			free(blocks[i]);
			blocks[i] = NULL;
		}
	}
	before = rss_kib("[heap]");
	util_memory_trim();
	after = rss_kib("[heap]");
	if (!TEST_SANITIZED)
		assert_true(after < before -
			TEST_HEAP_BLOCKS * TEST_HEAP_BLOCK_BYTES / 2 / 1024);
	for (i = 0; i < TEST_HEAP_BLOCKS; i++) {
		if (blocks[i] == NULL)
			continue;
		for (j = 0; j < TEST_HEAP_BLOCK_BYTES; j++)
			assert_int_equal(blocks[i][j], (char)(i & 0x7f));
		free(blocks[i]);
	}
}

/* Page faults of this process so far. */
static long
minor_faults(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

/* The next blocks come from pages present already; the trim gives them
 * back. */
static void
test_ready_heap(void **state)
{
	char *blocks[TEST_READY_BLOCKS];
	long rss, faults;
	size_t i;

	(void)state;
	if (TEST_SANITIZED)
		skip(); /* its own allocator */
	util_memory_trim();
	rss = rss_kib("[heap]");
	util_memory_ready(TEST_READY_BYTES, 0);
	assert_true(rss_kib("[heap]") >= rss + TEST_READY_BYTES / 1024);
	faults = minor_faults();
	for (i = 0; i < TEST_READY_BLOCKS; i++) {
		blocks[i] = xmalloc(TEST_HEAP_BLOCK_BYTES);
		memset(blocks[i], 0x5a, TEST_HEAP_BLOCK_BYTES);
	}
	assert_true(minor_faults() - faults <= TEST_READY_FAULTS_MAX);
	for (i = 0; i < TEST_READY_BLOCKS; i++)
		free(blocks[i]);
	util_memory_trim();
	assert_true(rss_kib("[heap]") < rss + TEST_READY_BYTES / 1024 / 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim_stack),
		/* Before test_trim_heap, whose holes in the heap (their
		 * pages given back) would take the next blocks first. */
		cmocka_unit_test(test_ready_heap),
		cmocka_unit_test(test_trim_heap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
