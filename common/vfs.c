/*
 * vfs: the member's SFTP tree: "/", "/cv.jpg" (uploads checked), and the
 * CVs of the requests the member may read as their mentor.
 */
#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cv.h"
#include "error.h"
#include "export.h"
#include "i18n.h"
#include "log.h"
#include "profile.h"
#include "request.h"
#include "store.h"
#include "util.h"
#include "vfs.h"

#define VFS_READ_ONLY_WHY N_("what is under requests/ can only be read")
#define VFS_EXPORT_WHY N_("export.json can only be read")

_Static_assert(
    VFS_REQUEST_ID_MAX <= LONG_MAX && VFS_REQUEST_ID_MAX <= INT64_MAX,
    "a request id in a path is read as a long and kept as an int64_t");

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
	free(h->ids);
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

/* Is the name of k bytes at p equal to the C string name? */
static int
vfs_name_is(const char *p, size_t k, const char *name)
{
	return k == strlen(name) && memcmp(p, name, k) == 0;
}

/*
 * A request id, k bytes at p, into *id: a whole decimal number in its one
 * spelling (no sign, space or leading zero), 1 to VFS_REQUEST_ID_MAX.
 * 0 or MB_ERR_INVALID.
 */
static int
vfs_parse_id(const char *p, size_t k, int64_t *id)
{
	char digits[VFS_ID_DIGITS_MAX + 1], again[VFS_ID_DIGITS_MAX + 1];
	long n = 0;
	int len;

	if (k == 0 || k > VFS_ID_DIGITS_MAX)
		return MB_ERR_INVALID;
	memcpy(digits, p, k);
	digits[k] = '\0';
	if (parse_long(digits, 1, VFS_REQUEST_ID_MAX, &n) != 0)
		return MB_ERR_INVALID;
	/* strtol takes " 7", "+7" and "007" too: one name per request. */
	len = snprintf(again, sizeof(again), "%ld", n);
	if (len < 0 || (size_t)len != k || memcmp(again, digits, k) != 0)
		return MB_ERR_INVALID;
	*id = n;
	return 0;
}

enum vfs_node
vfs_resolve(const char *path, size_t len, int64_t *id)
{
	const char *name[VFS_DEPTH_MAX];
	size_t name_len[VFS_DEPTH_MAX], n = strnlen(path, len), i = 0, start, k,
					depth = 0;
	int dir_only = 0;

	*id = 0;
	if (n > VFS_PATH_MAX)
		return VFS_NONE;
	while (i < n) {
		start = i;
		while (i < n && path[i] != '/')
			i++;
		k = i - start;
		if (i < n)
			i++; /* the "/" */
		/* "//" and "." say nothing; ".." is never taken. */
		dir_only = k == 0 || (k == 1 && path[start] == '.');
		if (dir_only)
			continue;
		if (depth == VFS_DEPTH_MAX)
			return VFS_NONE;
		name[depth] = path + start;
		name_len[depth++] = k;
	}
	/* "cv.jpg/" and "cv.jpg/." name a directory, and there is none. */
	if (n > 0 && path[n - 1] == '/')
		dir_only = 1;
	if (depth == 0)
		return VFS_ROOT;
	if (depth == 1 && !dir_only &&
	    vfs_name_is(name[0], name_len[0], VFS_CV_NAME))
		return VFS_CV;
	if (depth == 1 && !dir_only &&
	    vfs_name_is(name[0], name_len[0], VFS_EXPORT_NAME))
		return VFS_EXPORT;
	if (!vfs_name_is(name[0], name_len[0], VFS_REQUESTS_NAME))
		return VFS_NONE;
	if (depth == 1)
		return VFS_REQUESTS;
	if (vfs_parse_id(name[1], name_len[1], id) != 0)
		return VFS_NONE;
	if (depth == 2)
		return VFS_REQUEST;
	if (!dir_only && vfs_name_is(name[2], name_len[2], VFS_CV_NAME))
		return VFS_REQUEST_CV;
	*id = 0;
	return VFS_NONE;
}

int
vfs_node_is_dir(enum vfs_node node)
{
	return node == VFS_ROOT || node == VFS_REQUESTS || node == VFS_REQUEST;
}

/* Is node requests/ or in it? */
static int
vfs_under_requests(enum vfs_node node)
{
	return node == VFS_REQUESTS || node == VFS_REQUEST ||
	    node == VFS_REQUEST_CV;
}

/* May the member read the CV of request id (so see requests/ID)? */
static int
vfs_request_visible(struct vfs *v, int64_t id)
{
	return request_cv_visible(v->board, v->user_id, id);
}

int
vfs_realpath(
    struct vfs *v, const char *path, size_t len, char *out, size_t size)
{
	int64_t id = 0;
	int n = -1;

	assert(size > 0);
	out[0] = '\0';
	switch (vfs_resolve(path, len, &id)) {
	case VFS_ROOT:
		n = snprintf(out, size, "/");
		break;
	case VFS_CV:
		n = snprintf(out, size, "/%s", VFS_CV_NAME);
		break;
	case VFS_EXPORT:
		n = snprintf(out, size, "/%s", VFS_EXPORT_NAME);
		break;
	case VFS_REQUESTS:
		n = snprintf(out, size, "/%s", VFS_REQUESTS_NAME);
		break;
	case VFS_REQUEST:
		if (vfs_request_visible(v, id))
			n = snprintf(out, size, "/%s/%lld", VFS_REQUESTS_NAME,
			    (long long)id);
		break;
	case VFS_REQUEST_CV:
		if (vfs_request_visible(v, id))
			n = snprintf(out, size, "/%s/%lld/%s",
			    VFS_REQUESTS_NAME, (long long)id, VFS_CV_NAME);
		break;
	case VFS_NONE:
		break;
	}
	if (n < 0 || (size_t)n >= size) {
		out[0] = '\0';
		return MB_ERR_NOTFOUND;
	}
	return 0;
}

/*
 * The CV of request id's mentee as the member may see it listed: its size
 * and time, without reading it (nothing to record).  MB_ERR_NOTFOUND
 * when request_cv_visible says no.
 */
static int
vfs_request_cv_info(struct vfs *v, int64_t id, struct store_cv_info *info)
{
	struct store_mentorship m;
	int64_t mentee;
	int rc;

	if (!vfs_request_visible(v, id))
		return MB_ERR_NOTFOUND;
	rc = store_mentorship_get(v->board->store, id, &m);
	if (rc != 0)
		return rc;
	mentee = m.mentee_id;
	store_mentorship_free(&m);
	return store_cv_info(v->board->store, mentee, info);
}

/* How long the member's export is just now. */
static int
vfs_export_size(struct vfs *v, int64_t *bytes)
{
	char *doc = NULL;
	size_t len = 0;
	int rc;

	rc = export_text(v->board, v->user_id, &doc, &len);
	free(doc);
	*bytes = (int64_t)len;
	return rc;
}

int
vfs_stat(struct vfs *v, const char *path, size_t len, struct vfs_stat *st)
{
	struct store_cv_info info;
	enum vfs_node node;
	int64_t id = 0;
	int rc;

	memset(st, 0, sizeof(*st));
	node = vfs_resolve(path, len, &id);
	switch (node) {
	case VFS_ROOT:
		st->is_dir = 1;
		st->mode = VFS_MODE_DIR;
		return 0;
	case VFS_REQUESTS:
		st->is_dir = 1;
		st->mode = VFS_MODE_READ_DIR;
		return 0;
	case VFS_CV:
		rc = store_cv_info(v->board->store, v->user_id, &info);
		st->mode = VFS_MODE_CV;
		break;
	case VFS_REQUEST:
	case VFS_REQUEST_CV:
		rc = vfs_request_cv_info(v, id, &info);
		st->is_dir = node == VFS_REQUEST;
		st->mode = st->is_dir ? VFS_MODE_READ_DIR : VFS_MODE_READ_FILE;
		break;
	case VFS_EXPORT:
		/* Its size is that of the document made now. */
		memset(&info, 0, sizeof(info));
		rc = vfs_export_size(v, &info.bytes);
		info.uploaded_at = clock_now();
		st->mode = VFS_MODE_READ_FILE;
		break;
	case VFS_NONE:
	default:
		return MB_ERR_NOTFOUND;
	}
	if (rc != 0) {
		memset(st, 0, sizeof(*st));
		return rc;
	}
	st->size = st->is_dir ? 0 : (uint64_t)info.bytes;
	st->mtime = info.uploaded_at;
	return 0;
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

/* The member's export into h, to be read. */
static int
vfs_export_read(struct vfs *v, struct vfs_handle *h)
{
	char *doc = NULL;
	size_t len = 0;
	int rc;

	rc = export_text(v->board, v->user_id, &doc, &len);
	if (rc != 0)
		return rc;
	h->data = (uint8_t *)doc;
	h->len = len;
	return 0;
}

int
vfs_open(
    struct vfs *v, const char *path, size_t len, int write, const char **why)
{
	struct vfs_handle *h = NULL;
	enum vfs_node node;
	int64_t id = 0;
	int slot, i, rc;

	node = vfs_resolve(path, len, &id);
	if (write) {
		/* Whether requests/ID is there or not, it is not for writing:
		 * the same answer for every id. */
		if (node != VFS_CV) {
			*why = vfs_under_requests(node) ?
			    VFS_READ_ONLY_WHY :
			    node == VFS_EXPORT ?
			    VFS_EXPORT_WHY :
			    N_("only cv.jpg can be written here");
			return MB_ERR_DENIED;
		}
		for (i = 0; i < VFS_HANDLES_MAX; i++) {
			if (v->handles[i].used && v->handles[i].writing) {
				*why = N_("another upload of cv.jpg is in "
					  "progress");
				return MB_ERR_DENIED;
			}
		}
	} else if (node != VFS_CV && node != VFS_REQUEST_CV &&
	    node != VFS_EXPORT) {
		*why = N_("no such file");
		return MB_ERR_NOTFOUND;
	}
	/* A slot first: a read that gets no handle is not recorded. */
	slot = vfs_slot(v);
	if (slot < 0) {
		*why = N_("too many open files");
		return MB_ERR_LIMIT;
	}
	h = &v->handles[slot];
	if (node == VFS_REQUEST_CV)
		rc = request_cv(v->board, v->user_id, id, &h->data, &h->len);
	else if (node == VFS_EXPORT)
		rc = vfs_export_read(v, h);
	else if (!write)
		rc = store_cv_get(
		    v->board->store, v->user_id, &h->data, &h->len);
	else
		rc = 0;
	if (rc != 0) {
		vfs_release(h);
		*why = rc == MB_ERR_NOTFOUND ?
		    N_("no such file") :
		    N_("the file cannot be read now");
		return rc;
	}
	h->used = 1;
	h->node = node;
	h->request_id = id;
	h->writing = write;
	return slot;
}

/*
 * Take the ids of "requests" into h: those of the member's requests whose
 * CV they may read, at most VFS_LIST_MAX.  0 or a store error.
 */
static int
vfs_list_requests(struct vfs *v, struct vfs_handle *h)
{
	struct store_mentorship *rows = NULL;
	size_t n = 0, i;
	int rc;

	rc = store_mentorship_list(v->board->store, v->user_id, &rows, &n);
	if (rc != 0)
		return rc;
	for (i = 0; i < n && h->nids < VFS_LIST_MAX; i++) {
		/* Both sides are listed: only the rule says which to show. */
		if (!vfs_request_visible(v, rows[i].id))
			continue;
		if (h->ids == NULL)
			h->ids = xreallocarray(NULL,
			    n < VFS_LIST_MAX ? n : VFS_LIST_MAX,
			    sizeof(*h->ids));
		h->ids[h->nids++] = rows[i].id;
	}
	if (i < n)
		log_info("user %lld: the requests listing stops at %d",
		    (long long)v->user_id, VFS_LIST_MAX);
	store_mentorship_rows_free(rows, n);
	return 0;
}

int
vfs_opendir(struct vfs *v, const char *path, size_t len, const char **why)
{
	struct vfs_handle *h = NULL;
	enum vfs_node node;
	int64_t id = 0;
	int slot, rc = 0;

	node = vfs_resolve(path, len, &id);
	if (!vfs_node_is_dir(node) ||
	    (node == VFS_REQUEST && !vfs_request_visible(v, id))) {
		*why = N_("no such directory");
		return MB_ERR_NOTFOUND;
	}
	slot = vfs_slot(v);
	if (slot < 0) {
		*why = N_("too many open files");
		return MB_ERR_LIMIT;
	}
	h = &v->handles[slot];
	if (node == VFS_REQUESTS)
		rc = vfs_list_requests(v, h);
	if (rc != 0) {
		vfs_release(h);
		*why = N_("the directory cannot be read now");
		return rc;
	}
	h->used = 1;
	h->node = node;
	h->request_id = id;
	return slot;
}

int
vfs_fstat(struct vfs *v, int h_index, struct vfs_stat *st)
{
	struct vfs_handle *h = vfs_handle(v, h_index);

	memset(st, 0, sizeof(*st));
	if (h == NULL)
		return MB_ERR_NOTFOUND;
	st->is_dir = vfs_node_is_dir(h->node);
	switch (h->node) {
	case VFS_ROOT:
		st->mode = VFS_MODE_DIR;
		break;
	case VFS_REQUESTS:
	case VFS_REQUEST:
		st->mode = VFS_MODE_READ_DIR;
		break;
	case VFS_CV:
		st->mode = VFS_MODE_CV;
		break;
	case VFS_REQUEST_CV:
	case VFS_EXPORT:
	case VFS_NONE:
	default:
		st->mode = VFS_MODE_READ_FILE;
		break;
	}
	st->size = h->len;
	return 0;
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
		*why = N_("bad handle");
		return MB_ERR_NOTFOUND;
	}
	if (h->refused) {
		*why = h->why;
		return h->refused;
	}
	/* The cap is on where the data ends, wherever it starts. */
	if (offset > CV_MAX_BYTES || len > CV_MAX_BYTES - offset)
		return vfs_refuse(
		    h, MB_ERR_LIMIT, N_("larger than 5 MiB"), why);
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
		    N_("upload scattered in too many pieces"), why);
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
	if (h == NULL || h->writing ||
	    (h->node != VFS_CV && h->node != VFS_REQUEST_CV &&
		h->node != VFS_EXPORT))
		return MB_ERR_NOTFOUND;
	if (offset >= h->len)
		return 0;
	*data = h->data + offset;
	*n = h->len - (size_t)offset < max ? h->len - (size_t)offset : max;
	return 0;
}

/*
 * The path from the root of entry i of directory h into path (size bytes,
 * VFS_REALPATH_MAX), whether it is there or not.  1, or 0 past the last.
 */
static int
vfs_entry_path(const struct vfs_handle *h, size_t i, char *path, size_t size)
{
	int n;

	switch (h->node) {
	case VFS_ROOT:
		if (i >= 3)
			return 0;
		n = snprintf(path, size, "%s",
		    i == 0     ? VFS_CV_NAME :
			i == 1 ? VFS_REQUESTS_NAME :
				 VFS_EXPORT_NAME);
		break;
	case VFS_REQUESTS:
		if (i >= h->nids)
			return 0;
		n = snprintf(path, size, "%s/%lld", VFS_REQUESTS_NAME,
		    (long long)h->ids[i]);
		break;
	case VFS_REQUEST:
		if (i >= 1)
			return 0;
		n = snprintf(path, size, "%s/%lld/%s", VFS_REQUESTS_NAME,
		    (long long)h->request_id, VFS_CV_NAME);
		break;
	case VFS_CV:
	case VFS_REQUEST_CV:
	case VFS_EXPORT:
	case VFS_NONE:
	default:
		return 0;
	}
	/* Any int64_t fits: VFS_REALPATH_MAX is more than the longest. */
	assert(n > 0 && (size_t)n < size);
	return 1;
}

int
vfs_readdir(struct vfs *v, int h_index, const char **name, struct vfs_stat *st)
{
	struct vfs_handle *h = vfs_handle(v, h_index);
	char path[VFS_REALPATH_MAX];
	const char *last = NULL;
	int rc;

	*name = NULL;
	memset(st, 0, sizeof(*st));
	if (h == NULL || !vfs_node_is_dir(h->node))
		return MB_ERR_NOTFOUND;
	while (vfs_entry_path(h, h->next, path, sizeof(path))) {
		h->next++;
		/* Not there (no CV; a request answered since the listing
		 * began): passed over, as if it had never been. */
		rc = vfs_stat(v, path, strlen(path), st);
		if (rc == MB_ERR_NOTFOUND)
			continue;
		if (rc != 0)
			return rc;
		last = strrchr(path, '/');
		(void)snprintf(h->name, sizeof(h->name), "%s",
		    last != NULL ? last + 1 : path);
		*name = h->name;
		return 0;
	}
	memset(st, 0, sizeof(*st));
	return 0;
}

int
vfs_close(struct vfs *v, int h_index, const char **why)
{
	struct vfs_handle *h = vfs_handle(v, h_index);
	int rc = 0;

	*why = NULL;
	if (h == NULL) {
		*why = N_("bad handle");
		return MB_ERR_NOTFOUND;
	}
	if (h->writing) {
		if (h->refused) {
			rc = h->refused;
			*why = h->why;
		} else if (h->nranges > 1 || h->contiguous < h->len) {
			rc = MB_ERR_INVALID;
			*why = N_("incomplete upload (a part is missing)");
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
	enum vfs_node node;
	int64_t id = 0;
	int rc;

	node = vfs_resolve(path, len, &id);
	if (node != VFS_CV) {
		/* The same for every request id: nothing is told of them. */
		*why = vfs_under_requests(node) ? VFS_READ_ONLY_WHY :
		    node == VFS_EXPORT		? VFS_EXPORT_WHY :
						  "only cv.jpg can be removed";
		return MB_ERR_DENIED;
	}
	rc = profile_cv_remove(v->board, v->user_id, why);
	if (rc == MB_ERR_NOTFOUND)
		*why = N_("no such file");
	return rc;
}
