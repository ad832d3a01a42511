/*
 * vfs: the tiny file tree a member sees over SFTP (and so scp): a root
 * directory holding cv.jpg, the member's own CV, when there is one.
 * Nothing else exists, nothing of the host is reachable, and only cv.jpg
 * can be written.  An upload is held in memory (at most CV_MAX_BYTES) and
 * checked as it arrives; only when its handle is closed is it cleaned and
 * stored, so a refused or broken upload leaves the previous CV as it was.
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
#define VFS_PATH_MAX 1024 /* bytes of a path a client names */
#define VFS_HANDLES_MAX 8 /* open files and directories at once */
#define VFS_RANGES_MAX 64 /* separate pieces an upload may have */

enum vfs_node {
	VFS_NONE = 0, /* nothing there */
	VFS_ROOT,
	VFS_CV,
};

struct vfs_handle {
	int used;
	enum vfs_node node;
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
	int listed; /* a directory's entries were sent */
};

struct vfs {
	struct board *board;
	int64_t user_id;
	struct vfs_handle handles[VFS_HANDLES_MAX];
};

struct vfs_stat {
	int is_dir;
	uint64_t size;
	int64_t mtime;
};

/* Start serving user_id's tree. */
void vfs_init(struct vfs *v, struct board *b, int64_t user_id);
/* Close everything; unfinished uploads are dropped. */
void vfs_free(struct vfs *v);

/*
 * What a client path names: "", ".", "/", "./" the root; "cv.jpg",
 * "/cv.jpg", "./cv.jpg" the CV; anything else (other names, "..", any
 * other directory) nothing.  len bytes of path are looked at.
 */
enum vfs_node vfs_resolve(const char *path, size_t len);

/*
 * The canonical name of a path ("/" or "/cv.jpg") for REALPATH.  Returns
 * NULL for anything else.
 */
const char *vfs_realpath(const char *path, size_t len);

/* Attributes of a path.  MB_ERR_NOTFOUND if there is nothing. */
int vfs_stat(struct vfs *v, const char *path, size_t len, struct vfs_stat *st);

/*
 * Open cv.jpg for reading or writing (write: it is replaced when the
 * handle closes).  Returns the handle number (>= 0), or MB_ERR_NOTFOUND
 * (no such file), MB_ERR_DENIED (only cv.jpg can be written, and only one
 * upload at a time), MB_ERR_LIMIT (too many handles), with *why.
 */
int vfs_open(
    struct vfs *v, const char *path, size_t len, int write, const char **why);

/* Open the root directory for listing. */
int vfs_opendir(struct vfs *v, const char *path, size_t len, const char **why);

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
 */
int vfs_read(struct vfs *v, int h, uint64_t offset, size_t max,
    const uint8_t **data, size_t *n);

/*
 * The next directory entries of h: *name is VFS_CV_NAME once if there is a
 * CV, then NULL (end).
 */
int vfs_readdir(struct vfs *v, int h, const char **name, struct vfs_stat *st);

/*
 * Close a handle.  For an upload: clean and store the CV now.  Returns 0,
 * or the upload's refusal (MB_ERR_INVALID, MB_ERR_LIMIT) with *why; the
 * handle is closed either way.
 */
int vfs_close(struct vfs *v, int h, const char **why);

/* Remove cv.jpg.  MB_ERR_NOTFOUND if there is none, MB_ERR_DENIED for
 * anything else. */
int vfs_remove(struct vfs *v, const char *path, size_t len, const char **why);

#endif
