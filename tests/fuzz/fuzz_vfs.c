/*
 * Fuzz target: the SFTP server's logic (common/vfs.c), driven by a
 * sequence of operations decoded from the input, as a hostile client would
 * send them: odd paths, writes at any offset in any order, reads, closes
 * and removes of any handle.
 *
 * Input: a list of operations, each a byte (op % 8) and its arguments:
 *   0 resolve   len8 path
 *   1 open      write8 len8 path
 *   2 write     handle8 offset32 len16 data
 *   3 read      handle8 offset32 max16
 *   4 close     handle8
 *   5 remove    len8 path
 *   6 stat      len8 path
 *   7 readdir   len8 path
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "cv.h"
#include "log.h"
#include "store.h"
#include "vfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *fuzz_store;
static struct config fuzz_cfg;
static uint8_t fuzz_key[BOARD_KEY_BYTES];
static int64_t fuzz_user;

static void
fuzz_setup(void)
{
	char dir[] = "/tmp/mb-fuzz-vfs-XXXXXX", path[256];
	struct store_user u;
	const char *which = NULL;

	if (mkdtemp(dir) == NULL)
		abort();
	(void)snprintf(path, sizeof(path), "%s/%s", dir, STORE_FILE_NAME);
	log_init("fuzz", -1, 0, LOG_LEVEL_ERROR);
	if (store_open(path, &fuzz_store) != 0)
		abort();
	config_defaults(&fuzz_cfg);
	(void)snprintf(
	    fuzz_cfg.state_dir, sizeof(fuzz_cfg.state_dir), "%s", dir);
	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "fuzz");
	(void)snprintf(u.email, sizeof(u.email), "fuzz@example.org");
	(void)snprintf(u.first_name, sizeof(u.first_name), "F");
	(void)snprintf(u.last_name, sizeof(u.last_name), "Z");
	u.verified = 1;
	if (store_user_create(fuzz_store, &u, NULL, 0, &fuzz_user, &which) != 0)
		abort();
}

struct reader {
	const uint8_t *p;
	size_t n;
};

static int
take(struct reader *r, size_t k, const uint8_t **out)
{
	if (r->n < k)
		return -1;
	*out = r->p;
	r->p += k;
	r->n -= k;
	return 0;
}

static unsigned
take_uint(struct reader *r, size_t k)
{
	const uint8_t *b = NULL;
	unsigned v = 0;
	size_t i;

	if (take(r, k, &b) != 0)
		return 0;
	for (i = 0; i < k; i++)
		v = v << 8 | b[i];
	return v;
}

/* The CV an upload stored: there, and a JPEG within the limits. */
static void
fuzz_check_stored(struct vfs *v)
{
	struct vfs_stat st;
	struct cv_info info;
	const uint8_t *cv = NULL;
	const char *why = NULL;
	size_t n = 0;
	int h;

	if (vfs_stat(v, VFS_CV_NAME, strlen(VFS_CV_NAME), &st) != 0 ||
	    st.size == 0 || st.size > CV_MAX_BYTES)
		abort();
	h = vfs_open(v, VFS_CV_NAME, strlen(VFS_CV_NAME), 0, &why);
	if (h < 0 || vfs_read(v, h, 0, CV_MAX_BYTES, &cv, &n) != 0 ||
	    n != st.size || cv_check_header(cv, n, &info, &why) != 0 ||
	    info.width == 0)
		abort();
	(void)vfs_close(v, h, &why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size };
	struct board b;
	struct vfs v;
	struct vfs_stat st;
	const uint8_t *arg = NULL, *out = NULL;
	const char *why = NULL, *name = NULL;
	int64_t id = 0;
	size_t n;
	unsigned len, h, op, steps = 0;
	int i, rc, writing;

	if (fuzz_store == NULL)
		fuzz_setup();
	b.store = fuzz_store;
	b.cfg = &fuzz_cfg;
	b.key = fuzz_key;
	vfs_init(&v, &b, fuzz_user);
	while (r.n > 0 && steps++ < 256) {
		op = take_uint(&r, 1) % 8;
		switch (op) {
		case 0:
		case 5:
		case 6:
		case 7:
			len = take_uint(&r, 1);
			if (take(&r, len, &arg) != 0)
				goto out;
			if (op == 0)
				(void)vfs_resolve((const char *)arg, len, &id);
			else if (op == 5)
				(void)vfs_remove(
				    &v, (const char *)arg, len, &why);
			else if (op == 6)
				(void)vfs_stat(&v, (const char *)arg, len, &st);
			else {
				rc = vfs_opendir(
				    &v, (const char *)arg, len, &why);
				if (rc >= 0) {
					(void)vfs_readdir(&v, rc, &name, &st);
					(void)vfs_close(&v, rc, &why);
				}
			}
			break;
		case 1:
			h = take_uint(&r, 1);
			len = take_uint(&r, 1);
			if (take(&r, len, &arg) != 0)
				goto out;
			(void)vfs_open(&v, (const char *)arg, len, h & 1, &why);
			break;
		case 2:
			h = take_uint(&r, 1) % VFS_HANDLES_MAX;
			{
				unsigned offset = take_uint(&r, 4);
				/* The input may end before len bytes: write
				 * what there is. */
				len = take_uint(&r, 2);
				n = len < r.n ? len : r.n;
				if (take(&r, n, &arg) != 0)
					goto out;
				(void)vfs_write(
				    &v, (int)h, offset, arg, n, &why);
			}
			break;
		case 3:
			h = take_uint(&r, 1) % VFS_HANDLES_MAX;
			{
				unsigned offset = take_uint(&r, 4);
				len = take_uint(&r, 2);
				(void)vfs_read(
				    &v, (int)h, offset, len, &out, &n);
				if (n > len)
					abort();
			}
			break;
		case 4:
			h = take_uint(&r, 1) % VFS_HANDLES_MAX;
			writing = v.handles[h].used && v.handles[h].writing;
			rc = vfs_close(&v, (int)h, &why);
			/* An upload taken is a stored JPEG; a refused one
			 * says why. */
			if (writing && rc == 0)
				fuzz_check_stored(&v);
			else if (writing && why == NULL)
				abort();
			break;
		}
		/* What the tree promises, whatever came before. */
		for (i = 0; i < VFS_HANDLES_MAX; i++) {
			const struct vfs_handle *vh = &v.handles[i];
			if (!vh->used)
				continue;
			if (vh->len > CV_MAX_BYTES ||
			    vh->contiguous > vh->len ||
			    vh->nranges > VFS_RANGES_MAX)
				abort();
		}
	}
out:
	vfs_free(&v);
	return 0;
}
