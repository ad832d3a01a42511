/*
 * vfs: the tiny file tree a member sees over SFTP (and so scp):
 *
 *   /                     the root
 *   /cv.jpg               the member's own CV, when there is one
 *   /requests/            always there
 *   /requests/ID/         for each request whose CV the member may read
 *                         as its mentor (request_cv_visible: open or
 *                         accepted, and the mentee has a CV)
 *   /requests/ID/cv.jpg   that mentee's CV, read-only; each open for
 *                         reading is recorded in the audit log
 *   /export.json          everything the board holds about the member
 *                         (common/export.h), made when it is opened;
 *                         read-only
 *
 * Nothing else exists, nothing of the host is reachable, and only the
 * member's own cv.jpg can be written or removed.  An upload is held in
 * memory (at most CV_MAX_BYTES) and checked as it arrives; only when its
 * handle is closed is it cleaned and stored, so a refused or broken upload
 * leaves the previous CV as it was.  A request directory another member
 * may not read is not there at all, the same as one that never existed.
 *
 * This is the SFTP server's logic without libssh, so that it can be
 * fuzzed; daemon/sftp.c turns SFTP messages into these calls.
 */
#ifndef MB_VFS_H
#define MB_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"

#define VFS_CV_NAME "cv.jpg"
#define VFS_REQUESTS_NAME "requests"
#define VFS_EXPORT_NAME "export.json"
#define VFS_PATH_MAX 1024 /* bytes of a path a client names */
#define VFS_DEPTH_MAX 3 /* names in a path: requests/ID/cv.jpg */
#define VFS_ID_DIGITS_MAX 18 /* digits of a request id in a path */
#define VFS_REQUEST_ID_MAX 999999999999999999L /* the largest: 18 nines */
#define VFS_REALPATH_MAX 64 /* bytes of a canonical name, with its NUL */
#define VFS_NAME_MAX 32 /* bytes of a name in a listing, with its NUL */
#define VFS_LIST_MAX 256 /* request directories one listing shows */
#define VFS_HANDLES_MAX 8 /* open files and directories at once */
#define VFS_RANGES_MAX 64 /* separate pieces an upload may have */

/* Permissions shown: what the member may do with each kind of node. */
#define VFS_MODE_DIR 0700
#define VFS_MODE_READ_DIR 0500
#define VFS_MODE_CV 0600
#define VFS_MODE_READ_FILE 0400

enum vfs_node {
	VFS_NONE = 0, /* nothing there */
	VFS_ROOT,
	VFS_CV,
	VFS_REQUESTS, /* "requests" */
	VFS_REQUEST, /* "requests/ID" */
	VFS_REQUEST_CV, /* "requests/ID/cv.jpg" */
	VFS_EXPORT, /* "export.json" */
};

struct vfs_handle {
	int used;
	enum vfs_node node;
	int64_t request_id; /* VFS_REQUEST, VFS_REQUEST_CV */
	int writing;
	uint8_t *data; /* the upload, or the CV being read */
	size_t len, cap;
	size_t contiguous; /* bytes known from the start on */
	/* What has been written, as sorted disjoint [start, end) pieces:
	 * writes arrive in flight and need not come in order. */
	size_t ranges[VFS_RANGES_MAX][2];
	int nranges;
	int header_ok; /* the header was checked and is fine */
	int refused; /* the upload failed; *why says why */
	const char *why;
	/* A directory being listed: the entry to give next, and for
	 * "requests" the ids seen when it was opened (at most
	 * VFS_LIST_MAX). */
	size_t next;
	int64_t *ids;
	size_t nids;
	char name[VFS_NAME_MAX]; /* the entry vfs_readdir gave last */
};

struct vfs {
	struct board *board;
	int64_t user_id;
	struct vfs_handle handles[VFS_HANDLES_MAX];
};

struct vfs_stat {
	int is_dir;
	unsigned mode; /* permission bits, VFS_MODE_* */
	uint64_t size;
	int64_t mtime;
};

/* Start serving user_id's tree. */
void vfs_init(struct vfs *v, struct board *b, int64_t user_id);
/* Close everything; unfinished uploads are dropped. */
void vfs_free(struct vfs *v);

/*
 * What a client path names, by its spelling alone (whether it is there for
 * this member is vfs_stat's question).  The path is split at "/"; empty
 * names and "." are skipped, so "", ".", "/" and "./" are the root and
 * "cv.jpg", "/cv.jpg", "./cv.jpg" the CV.  Then "requests",
 * "requests/ID" and "requests/ID/cv.jpg", where ID is a request id written
 * as a whole decimal number (no sign, no leading zero, at most
 * VFS_ID_DIGITS_MAX digits, 1 to VFS_REQUEST_ID_MAX), which goes to *id
 * (0 for the others).  Anything else is nothing: "..", other names, more
 * than VFS_DEPTH_MAX names, a file name with a "/" after it, a path of
 * more than VFS_PATH_MAX bytes.  At most len bytes of path are looked at
 * (fewer if a NUL comes first).
 */
enum vfs_node vfs_resolve(const char *path, size_t len, int64_t *id);

/* Is node a directory? */
int vfs_node_is_dir(enum vfs_node node);

/*
 * The canonical name of a path for REALPATH ("/", "/cv.jpg", "/requests",
 * "/requests/ID", "/requests/ID/cv.jpg") into out, which has size bytes
 * (VFS_REALPATH_MAX is enough).  The request paths only when the member may
 * read that request's CV, so that REALPATH tells nobody else a request is
 * there.  Returns 0, or MB_ERR_NOTFOUND (out is "" then).
 */
int vfs_realpath(
    struct vfs *v, const char *path, size_t len, char *out, size_t size);

/*
 * Attributes of a path: the root and "requests" always, cv.jpg when the
 * member has a CV, "requests/ID" and its cv.jpg when request_cv_visible
 * allows (a stat is not a read: nothing is recorded).  MB_ERR_NOTFOUND if
 * there is nothing, or a store error.
 */
int vfs_stat(struct vfs *v, const char *path, size_t len, struct vfs_stat *st);

/*
 * Open a file: the member's cv.jpg for reading or writing (write: it is
 * replaced when the handle closes), or requests/ID/cv.jpg for reading
 * only, through request_cv, which records the read in the audit log: one
 * record for each open, however many READs follow.  Returns the handle
 * number (>= 0), or MB_ERR_NOTFOUND (no such file, or one the member may
 * not read), MB_ERR_DENIED (only the member's own cv.jpg can be written,
 * and only one upload at a time), MB_ERR_LIMIT (too many handles), a store
 * error, with *why.
 */
int vfs_open(
    struct vfs *v, const char *path, size_t len, int write, const char **why);

/*
 * Open a directory for listing: the root, "requests", or "requests/ID"
 * when the member may read its CV.  The ids of "requests" are taken now
 * (at most VFS_LIST_MAX; the handle owns them).  Returns the handle number
 * (>= 0), or MB_ERR_NOTFOUND, MB_ERR_LIMIT (too many handles), a store
 * error, with *why.
 */
int vfs_opendir(struct vfs *v, const char *path, size_t len, const char **why);

/* Attributes of what handle h has open; an upload has its size so far. */
int vfs_fstat(struct vfs *v, int h, struct vfs_stat *st);

/*
 * Write len bytes at offset of an upload.  Returns 0, MB_ERR_LIMIT
 * ("larger than 5 MiB", or scattered in too many pieces), MB_ERR_INVALID
 * (the start already shows it is not an acceptable JPEG), MB_ERR_NOTFOUND
 * (bad handle), with *why.  Once
 * refused, every later write and the close are refused the same way.
 */
int vfs_write(struct vfs *v, int h, uint64_t offset, const uint8_t *data,
    size_t len, const char **why);

/*
 * Read up to max bytes at offset of a file opened for reading: *data
 * points into the handle (valid until the next call), *n is 0 at the end.
 * Nothing is recorded here: vfs_open did.
 */
int vfs_read(struct vfs *v, int h, uint64_t offset, size_t max,
    const uint8_t **data, size_t *n);

/*
 * The next entry of directory h, one a call, with its attributes: in the
 * root VFS_CV_NAME if there is a CV, then VFS_REQUESTS_NAME; in "requests"
 * the ids taken at vfs_opendir whose CV may still be read; in
 * "requests/ID" VFS_CV_NAME.  Then *name is NULL (the end).  *name points
 * into the handle (valid until the next call).  Returns 0,
 * MB_ERR_NOTFOUND (not a directory handle) or a store error.
 */
int vfs_readdir(struct vfs *v, int h, const char **name, struct vfs_stat *st);

/*
 * Close a handle.  For an upload: clean and store the CV now.  Returns 0,
 * or the upload's refusal (MB_ERR_INVALID, MB_ERR_LIMIT) with *why; the
 * handle is closed either way.
 */
int vfs_close(struct vfs *v, int h, const char **why);

/*
 * Remove the member's own cv.jpg.  MB_ERR_NOTFOUND if there is none,
 * MB_ERR_DENIED for anything else (what is under requests/ can only be
 * read), with *why.
 */
int vfs_remove(struct vfs *v, const char *path, size_t len, const char **why);

#endif
