/* vfs: the member's SFTP tree: "/" and "/cv.jpg", uploads checked. */
#include <stdlib.h>
#include <string.h>

#include "cv.h"
#include "error.h"
#include "log.h"
#include "profile.h"
#include "store.h"
#include "util.h"
#include "vfs.h"

void
vfs_init(struct vfs *v, struct board *b, int64_t user_id)
{
	memset(v, 0, sizeof(*v));
	v->board = b;
	v->user_id = user_id;
}

/* Free a handle's data and make it unused. */
static void
vfs_release(struct vfs_handle *h)
{
	free(h->data);
	memset(h, 0, sizeof(*h));
}

void
vfs_free(struct vfs *v)
{
	int i;

	for (i = 0; i < VFS_HANDLES_MAX; i++) {
		if (v->handles[i].used && v->handles[i].writing)
			log_info("user %lld: unfinished CV upload dropped",
			    (long long)v->user_id);
		vfs_release(&v->handles[i]);
	}
}

enum vfs_node
vfs_resolve(const char *path, size_t len)
{
	size_t n = strnlen(path, len);

	if (n > VFS_PATH_MAX)
		return VFS_NONE;
	/* Leading "./" and "/" say nothing in a tree of one directory. */
	while (n > 0 &&
	    (path[0] == '/' ||
		(path[0] == '.' && (n == 1 || path[1] == '/')))) {
		path++;
		n--;
	}
	if (n == 0)
		return VFS_ROOT;
	if (n == strlen(VFS_CV_NAME) && memcmp(path, VFS_CV_NAME, n) == 0)
		return VFS_CV;
	return VFS_NONE;
}

const char *
vfs_realpath(const char *path, size_t len)
{
	switch (vfs_resolve(path, len)) {
	case VFS_ROOT:
		return "/";
	case VFS_CV:
		return "/" VFS_CV_NAME;
	case VFS_NONE:
		break;
	}
	return NULL;
}

int
vfs_stat(struct vfs *v, const char *path, size_t len, struct vfs_stat *st)
{
	struct store_cv_info info;
	int rc;

	memset(st, 0, sizeof(*st));
	switch (vfs_resolve(path, len)) {
	case VFS_ROOT:
		st->is_dir = 1;
		return 0;
	case VFS_CV:
		rc = store_cv_info(v->board->store, v->user_id, &info);
		if (rc != 0)
			return rc;
		st->size = (uint64_t)info.bytes;
		st->mtime = info.uploaded_at;
		return 0;
	case VFS_NONE:
		break;
	}
	return MB_ERR_NOTFOUND;
}

/* A free handle slot, or -1. */
static int
vfs_slot(struct vfs *v)
{
	int i;

	for (i = 0; i < VFS_HANDLES_MAX; i++) {
		if (!v->handles[i].used)
			return i;
	}
	return -1;
}

/* The open handle numbered h (a number from the client), or NULL. */
static struct vfs_handle *
vfs_handle(struct vfs *v, int h)
{
	if (h < 0 || h >= VFS_HANDLES_MAX || !v->handles[h].used)
		return NULL;
	return &v->handles[h];
}

int
vfs_open(
    struct vfs *v, const char *path, size_t len, int write, const char **why)
{
	struct vfs_handle *h = NULL;
	int slot, i, rc;

	if (vfs_resolve(path, len) != VFS_CV) {
		*why =
		    write ? "only cv.jpg can be written here" : "no such file";
		return write ? MB_ERR_DENIED : MB_ERR_NOTFOUND;
	}
	for (i = 0; write && i < VFS_HANDLES_MAX; i++) {
		if (v->handles[i].used && v->handles[i].writing) {
			*why = "another upload of cv.jpg is in progress";
			return MB_ERR_DENIED;
		}
	}
	slot = vfs_slot(v);
	if (slot < 0) {
		*why = "too many open files";
		return MB_ERR_LIMIT;
	}
	h = &v->handles[slot];
	if (!write) {
		rc = store_cv_get(
		    v->board->store, v->user_id, &h->data, &h->len);
		if (rc != 0) {
			*why = "no such file";
			return rc;
		}
	}
	h->used = 1;
	h->node = VFS_CV;
	h->writing = write;
	return slot;
}

int
vfs_opendir(struct vfs *v, const char *path, size_t len, const char **why)
{
	int slot;

	if (vfs_resolve(path, len) != VFS_ROOT) {
		*why = "no such directory";
		return MB_ERR_NOTFOUND;
	}
	slot = vfs_slot(v);
	if (slot < 0) {
		*why = "too many open files";
		return MB_ERR_LIMIT;
	}
	v->handles[slot].used = 1;
	v->handles[slot].node = VFS_ROOT;
	return slot;
}

/* Refuse an upload for good with err and why. */
static int
vfs_refuse(struct vfs_handle *h, int err, const char *why, const char **out)
{
	if (!h->refused) {
		h->refused = err;
		h->why = why;
		free(h->data);
		h->data = NULL;
		h->len = h->cap = h->contiguous = 0;
		h->nranges = 0;
	}
	*out = h->why;
	return h->refused;
}

/*
 * Record that [start, end) was written, merging touching pieces.  Returns
 * 0, or -1 when the upload is in more than VFS_RANGES_MAX pieces.
 */
static int
vfs_cover(struct vfs_handle *h, size_t start, size_t end)
{
	int i, j;

	for (i = 0; i < h->nranges && h->ranges[i][1] < start; i++)
		;
	/* i is the first piece that ends at or after start. */
	if (i < h->nranges && h->ranges[i][0] <= end) {
		if (start < h->ranges[i][0])
			h->ranges[i][0] = start;
		if (end > h->ranges[i][1])
			h->ranges[i][1] = end;
		/* Swallow the pieces the grown one now reaches. */
		for (j = i + 1;
		     j < h->nranges && h->ranges[j][0] <= h->ranges[i][1];
		     j++) {
			if (h->ranges[j][1] > h->ranges[i][1])
				h->ranges[i][1] = h->ranges[j][1];
		}
		memmove(&h->ranges[i + 1], &h->ranges[j],
		    (size_t)(h->nranges - j) * sizeof(h->ranges[0]));
		h->nranges -= j - i - 1;
	} else {
		if (h->nranges == VFS_RANGES_MAX)
			return -1;
		memmove(&h->ranges[i + 1], &h->ranges[i],
		    (size_t)(h->nranges - i) * sizeof(h->ranges[0]));
		h->ranges[i][0] = start;
		h->ranges[i][1] = end;
		h->nranges++;
	}
	h->contiguous =
	    h->nranges > 0 && h->ranges[0][0] == 0 ? h->ranges[0][1] : 0;
	return 0;
}

int
vfs_write(struct vfs *v, int h_index, uint64_t offset, const uint8_t *data,
    size_t len, const char **why)
{
	struct vfs_handle *h = vfs_handle(v, h_index);
	struct cv_info info;
	size_t end, cap;
	int rc;

	if (h == NULL || !h->writing) {
		*why = "bad handle";
		return MB_ERR_NOTFOUND;
	}
	if (h->refused) {
		*why = h->why;
		return h->refused;
	}
	/* The cap is on where the data ends, wherever it starts. */
	if (offset > CV_MAX_BYTES || len > CV_MAX_BYTES - offset)
		return vfs_refuse(h, MB_ERR_LIMIT, "larger than 5 MiB", why);
	end = (size_t)offset + len;
	if (end > h->cap) {
		cap = h->cap == 0 ? 64 * 1024 : h->cap;
		while (cap < end)
			cap *= 2;
		if (cap > CV_MAX_BYTES)
			cap = CV_MAX_BYTES;
		h->data = xreallocarray(h->data, cap, 1);
		/* Gaps read as zeros until the client fills them. */
		memset(h->data + h->cap, 0, cap - h->cap);
		h->cap = cap;
	}
	if (len == 0)
		return 0;
	memcpy(h->data + offset, data, len);
	if (end > h->len)
		h->len = end;
	if (vfs_cover(h, (size_t)offset, end) != 0)
		return vfs_refuse(h, MB_ERR_LIMIT,
		    "upload scattered in too many pieces", why);
	if (!h->header_ok && h->contiguous > 0) {
		/* Say no as soon as the header shows it will be no. */
		rc = cv_check_header(h->data, h->contiguous, &info, why);
		if (rc != 0)
			return vfs_refuse(h, rc, *why, why);
		h->header_ok = info.width > 0;
	}
	return 0;
}

int
vfs_read(struct vfs *v, int h_index, uint64_t offset, size_t max,
    const uint8_t **data, size_t *n)
{
	struct vfs_handle *h = vfs_handle(v, h_index);

	*data = NULL;
	*n = 0;
	if (h == NULL || h->writing || h->node != VFS_CV)
		return MB_ERR_NOTFOUND;
	if (offset >= h->len)
		return 0;
	*data = h->data + offset;
	*n = h->len - (size_t)offset < max ? h->len - (size_t)offset : max;
	return 0;
}

int
vfs_readdir(struct vfs *v, int h_index, const char **name, struct vfs_stat *st)
{
	struct vfs_handle *h = vfs_handle(v, h_index);
	int rc;

	*name = NULL;
	if (h == NULL || h->node != VFS_ROOT)
		return MB_ERR_NOTFOUND;
	if (h->listed)
		return 0;
	h->listed = 1;
	rc = vfs_stat(v, VFS_CV_NAME, strlen(VFS_CV_NAME), st);
	if (rc == MB_ERR_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	*name = VFS_CV_NAME;
	return 0;
}

int
vfs_close(struct vfs *v, int h_index, const char **why)
{
	struct vfs_handle *h = vfs_handle(v, h_index);
	int rc = 0;

	*why = NULL;
	if (h == NULL) {
		*why = "bad handle";
		return MB_ERR_NOTFOUND;
	}
	if (h->writing) {
		if (h->refused) {
			rc = h->refused;
			*why = h->why;
		} else if (h->nranges > 1 || h->contiguous < h->len) {
			rc = MB_ERR_INVALID;
			*why = "incomplete upload (a part is missing)";
		} else
			rc = profile_cv_put(
			    v->board, v->user_id, h->data, h->len, why);
	}
	vfs_release(h);
	return rc;
}

int
vfs_remove(struct vfs *v, const char *path, size_t len, const char **why)
{
	int rc;

	if (vfs_resolve(path, len) != VFS_CV) {
		*why = "only cv.jpg can be removed";
		return MB_ERR_DENIED;
	}
	rc = profile_cv_remove(v->board, v->user_id, why);
	if (rc == MB_ERR_NOTFOUND)
		*why = "no such file";
	return rc;
}
