/*
 * Fuzz target: the SFTP server's logic (common/vfs.c), driven by a
 * sequence of operations decoded from the input, as a hostile client would
 * send them: odd paths, writes at any offset in any order, reads, closes
 * and removes of any handle.
 *
 * The tree is that of a mentor, "fuzz", to whom "mentee" (who has a CV)
 * sent three requests: 1 open (its CV readable at requests/1/cv.jpg), 2
 * declined, and 3, where they are the other way round (fuzz the mentee).
 * Whatever the input, only request 1 is ever there, it reads as the
 * mentee's CV, and nothing under requests/ is written or removed.
 *
 * Input: a list of operations, each a byte (op % 8) and its arguments:
 *   0 resolve   len8 path          (and realpath)
 *   1 open      write8 len8 path
 *   2 write     handle8 offset32 len16 data
 *   3 read      handle8 offset32 max16   (and fstat)
 *   4 close     handle8
 *   5 remove    len8 path
 *   6 stat      len8 path
 *   7 readdir   len8 path          (every entry)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "cv.h"
#include "error.h"
#include "log.h"
#include "request.h"
#include "store.h"
#include "util.h"
#include "vfs.h"

/* The mentee's CV: any bytes do, the store does not look. */
static const uint8_t fuzz_mentee_cv[] = { 0xff, 0xd8, 0xff, 0xe0, 'm', 'e', 'n',
	't', 'e', 'e', 0xff, 0xd9 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *fuzz_store;
static struct config fuzz_cfg;
static uint8_t fuzz_key[BOARD_KEY_BYTES];
static int64_t fuzz_user, fuzz_mentee, fuzz_open_request;

/* Make a verified member name; abort if it fails. */
static int64_t
fuzz_add_user(const char *name)
{
	struct store_user u;
	const char *which = NULL;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "%s", name);
	(void)snprintf(u.email, sizeof(u.email), "%s@example.org", name);
	(void)snprintf(u.first_name, sizeof(u.first_name), "F");
	(void)snprintf(u.last_name, sizeof(u.last_name), "Z");
	u.verified = 1;
	if (store_user_create(fuzz_store, &u, NULL, 0, &id, &which) != 0)
		abort();
	return id;
}

static void
fuzz_setup(void)
{
	char dir[] = "/tmp/mb-fuzz-vfs-XXXXXX", path[256];
	int64_t declined = 0, reverse = 0;

	if (mkdtemp(dir) == NULL)
		abort();
	(void)snprintf(path, sizeof(path), "%s/%s", dir, STORE_FILE_NAME);
	log_init("fuzz", -1, 0, LOG_LEVEL_ERROR);
	if (store_open(path, &fuzz_store) != 0)
		abort();
	config_defaults(&fuzz_cfg);
	(void)snprintf(
	    fuzz_cfg.state_dir, sizeof(fuzz_cfg.state_dir), "%s", dir);
	fuzz_user = fuzz_add_user("fuzz");
	fuzz_mentee = fuzz_add_user("mentee");
	if (store_cv_put(fuzz_store, fuzz_mentee, fuzz_mentee_cv,
		sizeof(fuzz_mentee_cv), 1, 1) != 0)
		abort();
	/* Area 1 is in the schema's list. */
	if (store_mentorship_add(fuzz_store, fuzz_mentee, fuzz_user, 1, "",
		&fuzz_open_request) != 0 ||
	    store_mentorship_add(
		fuzz_store, fuzz_mentee, fuzz_user, 1, "", &declined) != 0 ||
	    store_mentorship_move(fuzz_store, declined, STORE_MSHIP_OPEN,
		STORE_MSHIP_DECLINED, "", "no-time") != 0 ||
	    store_mentorship_add(
		fuzz_store, fuzz_user, fuzz_mentee, 1, "", &reverse) != 0)
		abort();
	if (fuzz_open_request != 1 || declined != 2 || reverse != 3)
		abort(); /* the corpus names them so */
}

/* Is request id's CV one fuzz may read?  Only the open request's. */
static int
fuzz_visible(struct board *b, int64_t id)
{
	int visible = request_cv_visible(b, fuzz_user, id);

	if (visible != (id == fuzz_open_request))
		abort();
	return visible;
}

/*
 * What the spelling of path promises of the tree: its realpath names the
 * same node, only visible requests have one, and stat agrees.
 */
static void
fuzz_check_path(struct vfs *v, const char *path, size_t len)
{
	char real[VFS_REALPATH_MAX];
	struct vfs_stat st;
	enum vfs_node node;
	int64_t id = 0, again = 0;
	int rc;

	node = vfs_resolve(path, len, &id);
	if ((node == VFS_REQUEST || node == VFS_REQUEST_CV) != (id != 0))
		abort();
	rc = vfs_realpath(v, path, len, real, sizeof(real));
	if (rc == 0 &&
	    (real[0] != '/' ||
		vfs_resolve(real, sizeof(real), &again) != node || again != id))
		abort();
	if ((rc == 0) !=
	    (node != VFS_NONE && (id == 0 || fuzz_visible(v->board, id))))
		abort();
	rc = vfs_stat(v, path, len, &st);
	if (id != 0 && (rc == 0) != fuzz_visible(v->board, id))
		abort();
	if (rc == 0 && st.is_dir != vfs_node_is_dir(node))
		abort();
}

/* List the directory at path, if it is one, to its end. */
static void
fuzz_list(struct vfs *v, const char *path, size_t len)
{
	struct vfs_stat st;
	const char *why = NULL, *name = NULL;
	enum vfs_node node;
	int64_t id = 0;
	long listed = 0;
	int h, i;

	node = vfs_resolve(path, len, &id);
	h = vfs_opendir(v, path, len, &why);
	if (h < 0)
		return;
	for (i = 0; i < VFS_LIST_MAX + 3; i++) {
		if (vfs_readdir(v, h, &name, &st) != 0 || name == NULL)
			break;
		if (strnlen(name, VFS_NAME_MAX) >= VFS_NAME_MAX)
			abort();
		/* A request directory listed is one that may be read. */
		if (node == VFS_REQUESTS &&
		    (parse_long(name, 1, VFS_REQUEST_ID_MAX, &listed) != 0 ||
			!fuzz_visible(v->board, listed) || !st.is_dir))
			abort();
	}
	if (i == VFS_LIST_MAX + 3)
		abort();
	(void)vfs_close(v, h, &why);
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
	const char *why = NULL;
	enum vfs_node node;
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
			node = vfs_resolve((const char *)arg, len, &id);
			if (op == 0 || op == 6)
				fuzz_check_path(&v, (const char *)arg, len);
			else if (op == 5) {
				rc = vfs_remove(
				    &v, (const char *)arg, len, &why);
				/* Only the member's own CV goes. */
				if (node != VFS_CV && rc != MB_ERR_DENIED)
					abort();
			} else
				fuzz_list(&v, (const char *)arg, len);
			break;
		case 1:
			h = take_uint(&r, 1);
			len = take_uint(&r, 1);
			if (take(&r, len, &arg) != 0)
				goto out;
			node = vfs_resolve((const char *)arg, len, &id);
			rc = vfs_open(&v, (const char *)arg, len, h & 1, &why);
			if (rc >= 0 && node != VFS_CV &&
			    (node != VFS_REQUEST_CV || (h & 1) != 0 ||
				!fuzz_visible(&b, id)))
				abort();
			/* The mentor reads the mentee's CV, whole. */
			if (rc >= 0 && node == VFS_REQUEST_CV &&
			    (v.handles[rc].len != sizeof(fuzz_mentee_cv) ||
				memcmp(v.handles[rc].data, fuzz_mentee_cv,
				    sizeof(fuzz_mentee_cv)) != 0))
				abort();
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
				if (vfs_fstat(&v, (int)h, &st) == 0 &&
				    st.is_dir !=
					vfs_node_is_dir(v.handles[h].node))
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
