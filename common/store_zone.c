/*
 * store_zone: SQLite's memory, in a zone of its own (sqlite3_config
 * SQLITE_CONFIG_MALLOC, store.c).
 *
 * Why: a resting session (store_rest) closes its connection, and SQLite
 * frees all it had.  From the common heap that gives little back: SQLite
 * opens first, then curses and the screens fill the holes SQLite's
 * temporary blocks left with small blocks of their own, and those pin the
 * pages around them (measured on a guest's home screen: of the 126 KiB
 * SQLite freed, 28 went back).  Here no
 * other code's block lies between SQLite's, so once SQLite holds nothing
 * the whole zone goes back to the kernel (store_zone_release).
 *
 * How: blocks of size classes (8-byte steps up to STORE_ZONE_SMALL, then
 * eight steps per power of two up to STORE_ZONE_BLOCK_MAX), each with a
 * header of 8 bytes that names its class, aligned to 8 bytes as SQLite
 * asks (its schema is thousands of small blocks: a header's bytes count);
 * a freed block waits in its class's list for the next of its size.  New
 * blocks are cut from chunks of STORE_ZONE_CHUNK bytes mapped as needed; a
 * larger block is malloc's.
 * Not thread-safe: every process of the board is single-threaded, and
 * SQLite runs no threads of its own here (no worker threads).
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "log.h"
#include "store_internal.h"
#include "util.h"

#define STORE_ZONE_ALIGN 8 /* SQLite asks no more of its allocator */
#define STORE_ZONE_HEADER 8 /* sizeof(struct store_zone_header) */
#define STORE_ZONE_SMALL 512 /* classes in 8-byte steps up to this */
#define STORE_ZONE_STEPS 8 /* classes per power of two above it */
#define STORE_ZONE_BLOCK_MAX 32768 /* larger blocks are malloc's */
#define STORE_ZONE_CHUNK (256 * 1024) /* mapped at a time */
/* 8..512 by 8, then 8 per doubling from 512 to 32768 (6 doublings). */
#define STORE_ZONE_CLASSES \
	(STORE_ZONE_SMALL / STORE_ZONE_ALIGN + 6 * STORE_ZONE_STEPS)
#define STORE_ZONE_BIG UINT32_MAX /* a header's class: malloc'd */

/* What precedes every block. */
struct store_zone_header {
	uint32_t class; /* index, or STORE_ZONE_BIG */
	uint32_t size; /* bytes the caller may use */
};

/* A free block, in its class's list. */
struct store_zone_free {
	struct store_zone_free *next;
};

/* A mapped chunk; blocks follow it. */
struct store_zone_chunk {
	struct store_zone_chunk *next;
	uint64_t unused; /* keeps what follows aligned as mmap's */
};

static struct {
	struct store_zone_free *free[STORE_ZONE_CLASSES];
	struct store_zone_chunk *chunks;
	char *cut; /* where the next new block is cut, in chunks' first */
	char *end; /* of chunks' first */
	size_t live; /* blocks handed out and not freed */
} store_zone;

/* The class of a block of n bytes (n <= STORE_ZONE_BLOCK_MAX). */
static size_t
store_zone_class(size_t n, size_t *size)
{
	size_t base = STORE_ZONE_SMALL, step, k;
	size_t index = STORE_ZONE_SMALL / STORE_ZONE_ALIGN;

	if (n <= STORE_ZONE_SMALL) {
		k = n == 0 ? 1 : (n + STORE_ZONE_ALIGN - 1) / STORE_ZONE_ALIGN;
		*size = k * STORE_ZONE_ALIGN;
		return k - 1;
	}
	while (n > base * 2) {
		base *= 2;
		index += STORE_ZONE_STEPS;
	}
	step = base / STORE_ZONE_STEPS;
	k = (n - base + step - 1) / step; /* 1..STEPS */
	*size = base + k * step;
	return index + k - 1;
}

/* A new block of size bytes (and its header) from the chunks. */
static struct store_zone_header *
store_zone_cut(size_t size)
{
	struct store_zone_chunk *chunk = NULL;
	size_t need = STORE_ZONE_HEADER + size;
	char *at;
	void *map;

	if (store_zone.cut == NULL ||
	    (size_t)(store_zone.end - store_zone.cut) < need) {
		/* What is left of the chunk is too small: it stays unused. */
		map = mmap(NULL, STORE_ZONE_CHUNK, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map == MAP_FAILED)
			return NULL;
		chunk = map;
		chunk->next = store_zone.chunks;
		store_zone.chunks = chunk;
		store_zone.cut = (char *)map + sizeof(*chunk);
		store_zone.end = (char *)map + STORE_ZONE_CHUNK;
	}
	at = store_zone.cut;
	store_zone.cut += need;
	return (struct store_zone_header *)(void *)at;
}

static void *
store_zone_malloc(int n)
{
	struct store_zone_header *h = NULL;
	struct store_zone_free *f = NULL;
	size_t size, class;

	if (n < 0)
		return NULL;
	if ((size_t)n > STORE_ZONE_BLOCK_MAX) {
		h = malloc(STORE_ZONE_HEADER + (size_t)n);
		if (h == NULL)
			return NULL;
		h->class = STORE_ZONE_BIG;
		h->size = (uint32_t)n;
		return (char *)h + STORE_ZONE_HEADER;
	}
	class = store_zone_class((size_t)n, &size);
	f = store_zone.free[class];
	if (f != NULL) {
		store_zone.free[class] = f->next;
		h = (struct store_zone_header *)(void *)((char *)f -
		    STORE_ZONE_HEADER);
		assert(h->class == class);
	} else {
		h = store_zone_cut(size);
		if (h == NULL)
			return NULL;
		h->class = (uint32_t) class;
		h->size = (uint32_t)size;
	}
	store_zone.live++;
	return (char *)h + STORE_ZONE_HEADER;
}

/* The header of a block handed out. */
static struct store_zone_header *
store_zone_header_of(void *p)
{
	return (
	    struct store_zone_header *)(void *)((char *)p - STORE_ZONE_HEADER);
}

static void
store_zone_free_block(void *p)
{
	struct store_zone_header *h = NULL;
	struct store_zone_free *f = p;

	if (p == NULL)
		return;
	h = store_zone_header_of(p);
	if (h->class == STORE_ZONE_BIG) {
		free(h);
		return;
	}
	assert(h->class < STORE_ZONE_CLASSES && store_zone.live > 0);
	f->next = store_zone.free[h->class];
	store_zone.free[h->class] = f;
	store_zone.live--;
}

static int
store_zone_size(void *p)
{
	return p == NULL ? 0 : (int)store_zone_header_of(p)->size;
}

static void *
store_zone_realloc(void *p, int n)
{
	void *q = NULL;
	int old = store_zone_size(p);

	if (p == NULL)
		return store_zone_malloc(n);
	/* The block has room already: it stays, as big as it was. */
	if (n >= 0 && n <= old)
		return p;
	q = store_zone_malloc(n);
	if (q == NULL)
		return NULL;
	memcpy(q, p, (size_t)(old < n ? old : n));
	store_zone_free_block(p);
	return q;
}

static int
store_zone_roundup(int n)
{
	size_t size;

	if (n <= 0 || n > STORE_ZONE_BLOCK_MAX)
		return n;
	(void)store_zone_class((size_t)n, &size);
	return (int)size;
}

static int
store_zone_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void
store_zone_shutdown(void *arg)
{
	(void)arg;
}

static const sqlite3_mem_methods store_zone_sqlite = {
	store_zone_malloc,
	store_zone_free_block,
	store_zone_realloc,
	store_zone_size,
	store_zone_roundup,
	store_zone_init,
	store_zone_shutdown,
	NULL,
};

const sqlite3_mem_methods *
store_zone_methods(void)
{
	return &store_zone_sqlite;
}

size_t
store_zone_live(void)
{
	return store_zone.live;
}

void
store_ready(size_t bytes)
{
	size_t left = (size_t)(store_zone.end - store_zone.cut);

	if (store_zone.cut != NULL)
		util_populate(store_zone.cut,
		    store_zone.cut + (left < bytes ? left : bytes));
}

int
store_zone_release(void)
{
	struct store_zone_chunk *chunk = NULL, *next = NULL;

	if (store_zone.live > 0)
		return 0;
	for (chunk = store_zone.chunks; chunk != NULL; chunk = next) {
		next = chunk->next;
		if (munmap(chunk, STORE_ZONE_CHUNK) != 0)
			log_warn("munmap: %s", strerror(errno));
	}
	memset(&store_zone, 0, sizeof(store_zone));
	return 1;
}
