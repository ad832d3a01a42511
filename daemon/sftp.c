/*
 * sftp: the SFTP subsystem for members, on libssh's SFTP server API.  Each
 * message type is a table entry that turns the message into a vfs call
 * (common/vfs.c holds the logic) and answers.  A refusal is a status the
 * client prints as a code ("Failure"), so the reason also goes to the
 * channel's stderr, which ssh, sftp and scp show to the person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libssh/sftp.h>

#include "daemon.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "moderation.h"
#include "util.h"
#include "vfs.h"

#define SFTP_READ_MAX (64 * 1024) /* bytes answered to one READ */
#define SFTP_NAMES_MAX 32 /* entries answered to one READDIR */
#define SFTP_BANNED_MAX 512 /* bytes of the words a ban ends it with */

struct sftp_ctx {
	struct conn *conn;
	sftp_session sftp;
	struct vfs vfs;
	int handles[VFS_HANDLES_MAX]; /* what libssh's handles point at */
};

/* Tell the person why (about what, or NULL), on the channel's stderr. */
static void
sftp_say(struct sftp_ctx *s, const char *what, const char *why)
{
	char line[512];
	int n;

	/* The reasons are N_() where they are made: translated here, in the
	 * member's language (sftp_serve). */
	n = snprintf(line, sizeof(line), "mentorboard: %s%s%s\n",
	    what != NULL ? what : "", what != NULL ? ": " : "", _(why));
	if (n > 0 &&
	    ssh_channel_write_stderr(s->conn->channel, line,
		(uint32_t)(n < (int)sizeof(line) ? n :
						   (int)sizeof(line) - 1)) ==
		SSH_ERROR)
		log_debug("stderr write failed");
}

/* A status for an MB_ERR_* code. */
static uint32_t
sftp_status(int err)
{
	switch (err) {
	case 0:
		return SSH_FX_OK;
	case MB_ERR_NOTFOUND:
		return SSH_FX_NO_SUCH_FILE;
	case MB_ERR_DENIED:
		return SSH_FX_PERMISSION_DENIED;
	default:
		return SSH_FX_FAILURE;
	}
}

/* Answer msg with a status; a failure to send is only logged. */
static void
sftp_reply(sftp_client_message msg, uint32_t status, const char *text)
{
	if (sftp_reply_status(msg, status, text) != 0)
		log_debug("sftp_reply_status failed");
}

/*
 * SFTP attributes of what st describes: a directory or a file with the
 * permissions the vfs gives it (the root 0700, requests/ 0500, cv.jpg 0600,
 * a request's cv.jpg 0400), with size and time.
 */
static void
sftp_fill_attr(struct sftp_attributes_struct *a, const struct vfs_stat *st)
{
	memset(a, 0, sizeof(*a));
	a->flags = SSH_FILEXFER_ATTR_SIZE | SSH_FILEXFER_ATTR_PERMISSIONS |
	    SSH_FILEXFER_ATTR_ACMODTIME | SSH_FILEXFER_ATTR_UIDGID;
	a->size = st->size;
	a->permissions = (st->is_dir ? S_IFDIR : S_IFREG) | (st->mode & 0777);
	a->atime = a->mtime = (uint32_t)st->mtime;
	a->type = st->is_dir ? SSH_FILEXFER_TYPE_DIRECTORY :
			       SSH_FILEXFER_TYPE_REGULAR;
}

/* The vfs handle behind a message's handle, or -1. */
static int
sftp_vfs_handle(struct sftp_ctx *s, sftp_client_message msg)
{
	int *slot = NULL;

	if (msg->handle == NULL)
		return -1;
	slot = sftp_handle(s->sftp, msg->handle);
	return slot != NULL && *slot >= 0 && *slot < VFS_HANDLES_MAX ? *slot :
								       -1;
}

/* Give the client a handle for vfs handle h. */
static void
sftp_give_handle(struct sftp_ctx *s, sftp_client_message msg, int h)
{
	ssh_string handle = NULL;

	s->handles[h] = h;
	handle = sftp_handle_alloc(s->sftp, &s->handles[h]);
	if (handle == NULL) {
		const char *why = NULL;
		(void)vfs_close(&s->vfs, h, &why);
		sftp_reply(msg, SSH_FX_FAILURE, "too many open files");
		return;
	}
	if (sftp_reply_handle(msg, handle) != 0)
		log_debug("sftp_reply_handle failed");
	ssh_string_free(handle);
}

/*
 * REALPATH: the canonical name of a path of the tree (a request's only for
 * its mentor), with its attributes when it is there (cv.jpg need not be:
 * an upload asks before it writes).
 */
static void
sftp_do_realpath(struct sftp_ctx *s, sftp_client_message msg)
{
	struct sftp_attributes_struct a;
	struct vfs_stat st;
	char name[VFS_REALPATH_MAX];
	int64_t id = 0;

	if (vfs_realpath(&s->vfs, msg->filename, VFS_PATH_MAX + 1, name,
		sizeof(name)) != 0) {
		sftp_reply(msg, SSH_FX_NO_SUCH_FILE, "no such file");
		return;
	}
	if (vfs_stat(&s->vfs, name, sizeof(name), &st) != 0) {
		memset(&st, 0, sizeof(st));
		st.is_dir =
		    vfs_node_is_dir(vfs_resolve(name, sizeof(name), &id));
	}
	sftp_fill_attr(&a, &st);
	if (sftp_reply_name(msg, name, &a) != 0)
		log_debug("sftp_reply_name failed");
}

/* STAT, and LSTAT too: there are no links. */
static void
sftp_do_stat(struct sftp_ctx *s, sftp_client_message msg)
{
	struct sftp_attributes_struct a;
	struct vfs_stat st;
	int rc;

	rc = vfs_stat(&s->vfs, msg->filename, VFS_PATH_MAX + 1, &st);
	if (rc != 0) {
		sftp_reply(msg, sftp_status(rc), "no such file");
		return;
	}
	sftp_fill_attr(&a, &st);
	if (sftp_reply_attr(msg, &a) != 0)
		log_debug("sftp_reply_attr failed");
}

/*
 * FSTAT: a directory, or the file with the bytes its handle holds (an upload
 * so far).
 */
static void
sftp_do_fstat(struct sftp_ctx *s, sftp_client_message msg)
{
	struct sftp_attributes_struct a;
	struct vfs_stat st;
	int h = sftp_vfs_handle(s, msg);

	if (h < 0 || vfs_fstat(&s->vfs, h, &st) != 0) {
		sftp_reply(msg, SSH_FX_FAILURE, "bad handle");
		return;
	}
	sftp_fill_attr(&a, &st);
	if (sftp_reply_attr(msg, &a) != 0)
		log_debug("sftp_reply_attr failed");
}

/*
 * OPEN: cv.jpg for reading, or for writing (an upload that replaces the CV
 * at CLOSE), or a request's cv.jpg for reading (recorded in the audit log);
 * a refused upload is also explained on stderr.
 */
static void
sftp_do_open(struct sftp_ctx *s, sftp_client_message msg)
{
	const char *why = NULL;
	int write = (msg->flags & SSH_FXF_WRITE) != 0, h;

	h = vfs_open(&s->vfs, msg->filename, VFS_PATH_MAX + 1, write, &why);
	if (h < 0) {
		if (write)
			sftp_say(s, msg->filename, why);
		sftp_reply(msg, sftp_status(h), why);
		return;
	}
	sftp_give_handle(s, msg, h);
}

/* OPENDIR: the root, requests, or a request's directory. */
static void
sftp_do_opendir(struct sftp_ctx *s, sftp_client_message msg)
{
	const char *why = NULL;
	int h = vfs_opendir(&s->vfs, msg->filename, VFS_PATH_MAX + 1, &why);

	if (h < 0) {
		sftp_reply(msg, sftp_status(h), why);
		return;
	}
	sftp_give_handle(s, msg, h);
}

/* The ls-like permissions of st ("drwx------"), into out[11]. */
static void
sftp_mode_string(const struct vfs_stat *st, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	out[0] = st->is_dir ? 'd' : '-';
	for (i = 0; i < 9; i++)
		out[i + 1] = (st->mode & (0400u >> i)) != 0 ? rwx[i] : '-';
	out[10] = '\0';
}

/*
 * READDIR: up to SFTP_NAMES_MAX entries of the directory a reply, then the
 * end; the long name is ls-like for the clients that print it.
 */
static void
sftp_do_readdir(struct sftp_ctx *s, sftp_client_message msg)
{
	struct sftp_attributes_struct a;
	struct vfs_stat st;
	const char *name = NULL;
	char longname[128], mode[11];
	int h = sftp_vfs_handle(s, msg), rc = 0, count = 0;

	if (h < 0) {
		sftp_reply(msg, SSH_FX_FAILURE, "bad handle");
		return;
	}
	while (count < SFTP_NAMES_MAX) {
		rc = vfs_readdir(&s->vfs, h, &name, &st);
		if (rc != 0 || name == NULL)
			break;
		sftp_fill_attr(&a, &st);
		sftp_mode_string(&st, mode);
		(void)snprintf(longname, sizeof(longname),
		    "%s    1 you      you      %10llu Jan  1  1970 %s", mode,
		    (unsigned long long)st.size, name);
		if (sftp_reply_names_add(msg, name, longname, &a) != 0) {
			log_debug("sftp_reply_names_add failed");
			rc = MB_ERR_NOMEM;
			break;
		}
		count++;
	}
	/* What was gathered goes out; with nothing, the end or the failure. */
	if (count > 0) {
		if (sftp_reply_names(msg) != 0)
			log_debug("sftp_reply_names failed");
		return;
	}
	if (rc == 0)
		sftp_reply(msg, SSH_FX_EOF, "end of directory");
	else
		sftp_reply(msg, SSH_FX_FAILURE,
		    rc == MB_ERR_NOTFOUND ? "bad handle" :
					    "the directory cannot be read now");
}

/* READ: at most SFTP_READ_MAX bytes at the offset; at the end, EOF. */
static void
sftp_do_read(struct sftp_ctx *s, sftp_client_message msg)
{
	const uint8_t *data = NULL;
	size_t n = 0;
	int h = sftp_vfs_handle(s, msg), rc;

	rc = h < 0 ?
	    MB_ERR_NOTFOUND :
	    vfs_read(&s->vfs, h, msg->offset,
		msg->len < SFTP_READ_MAX ? msg->len : SFTP_READ_MAX, &data, &n);
	if (rc != 0) {
		sftp_reply(msg, SSH_FX_FAILURE, "bad handle");
		return;
	}
	if (n == 0) {
		sftp_reply(msg, SSH_FX_EOF, "end of file");
		return;
	}
	if (sftp_reply_data(msg, data, (int)n) != 0)
		log_debug("sftp_reply_data failed");
}

/*
 * WRITE: a piece of the upload, checked as it comes; the first refusal is
 * also explained on stderr.
 */
static void
sftp_do_write(struct sftp_ctx *s, sftp_client_message msg)
{
	const char *why = NULL;
	int h = sftp_vfs_handle(s, msg), rc, already;

	if (h < 0 || msg->data == NULL) {
		sftp_reply(msg, SSH_FX_FAILURE, "bad handle");
		return;
	}
	already = s->vfs.handles[h].refused;
	/* The data is binary: its length, not a C string. */
	rc = vfs_write(&s->vfs, h, msg->offset,
	    (const uint8_t *)ssh_string_data(msg->data),
	    ssh_string_len(msg->data), &why);
	if (rc != 0) {
		if (!already)
			sftp_say(s, VFS_CV_NAME, why);
		sftp_reply(msg, SSH_FX_FAILURE, why);
		return;
	}
	sftp_reply(msg, SSH_FX_OK, NULL);
}

/*
 * CLOSE: an upload is cleaned and stored now; its refusal is explained on
 * stderr, unless a write already did.
 */
static void
sftp_do_close(struct sftp_ctx *s, sftp_client_message msg)
{
	const char *why = NULL;
	int *slot = NULL, rc, already;

	slot = msg->handle != NULL ? sftp_handle(s->sftp, msg->handle) : NULL;
	/* Our pointers only, but check what libssh hands back all the same. */
	if (slot == NULL || *slot < 0 || *slot >= VFS_HANDLES_MAX) {
		sftp_reply(msg, SSH_FX_FAILURE, "bad handle");
		return;
	}
	already = s->vfs.handles[*slot].refused;
	rc = vfs_close(&s->vfs, *slot, &why);
	sftp_handle_remove(s->sftp, slot);
	if (rc != 0) {
		if (!already)
			sftp_say(s, VFS_CV_NAME, why);
		sftp_reply(msg, SSH_FX_FAILURE, why);
		return;
	}
	sftp_reply(msg, SSH_FX_OK, NULL);
}

/*
 * REMOVE: cv.jpg only; a refusal, but not a missing CV, is also explained on
 * stderr.
 */
static void
sftp_do_remove(struct sftp_ctx *s, sftp_client_message msg)
{
	const char *why = NULL;
	int rc = vfs_remove(&s->vfs, msg->filename, VFS_PATH_MAX + 1, &why);

	if (rc != 0 && rc != MB_ERR_NOTFOUND)
		sftp_say(s, msg->filename, why);
	sftp_reply(msg, sftp_status(rc), rc == 0 ? NULL : why);
}

/* scp sets times and modes on what it wrote: accepted, not kept. */
static void
sftp_do_setstat(struct sftp_ctx *s, sftp_client_message msg)
{
	(void)s;
	sftp_reply(msg, SSH_FX_OK, NULL);
}

/* What would make or move a file or directory: denied. */
static void
sftp_do_refuse(struct sftp_ctx *s, sftp_client_message msg)
{
	(void)s;
	sftp_reply(msg, SSH_FX_PERMISSION_DENIED,
	    "nothing can be made, moved or linked here");
}

/* READLINK, extended requests and any type not in the table. */
static void
sftp_do_unsupported(struct sftp_ctx *s, sftp_client_message msg)
{
	(void)s;
	sftp_reply(msg, SSH_FX_OP_UNSUPPORTED, "not supported");
}

static const struct {
	uint8_t type;
	void (*run)(struct sftp_ctx *s, sftp_client_message msg);
} sftp_table[] = {
	{ SSH_FXP_REALPATH, sftp_do_realpath },
	{ SSH_FXP_STAT, sftp_do_stat },
	{ SSH_FXP_LSTAT, sftp_do_stat },
	{ SSH_FXP_FSTAT, sftp_do_fstat },
	{ SSH_FXP_OPEN, sftp_do_open },
	{ SSH_FXP_OPENDIR, sftp_do_opendir },
	{ SSH_FXP_READDIR, sftp_do_readdir },
	{ SSH_FXP_READ, sftp_do_read },
	{ SSH_FXP_WRITE, sftp_do_write },
	{ SSH_FXP_CLOSE, sftp_do_close },
	{ SSH_FXP_REMOVE, sftp_do_remove },
	{ SSH_FXP_SETSTAT, sftp_do_setstat },
	{ SSH_FXP_FSETSTAT, sftp_do_setstat },
	{ SSH_FXP_MKDIR, sftp_do_refuse },
	{ SSH_FXP_RMDIR, sftp_do_refuse },
	{ SSH_FXP_RENAME, sftp_do_refuse },
	{ SSH_FXP_SYMLINK, sftp_do_refuse },
	{ SSH_FXP_READLINK, sftp_do_unsupported },
	{ SSH_FXP_EXTENDED, sftp_do_unsupported },
};

/* Is the member banned?  Then say why on stderr: the session ends. */
static int
sftp_refused(struct sftp_ctx *s, struct board *b)
{
	char why[SFTP_BANNED_MAX];

	if (!moderation_banned(b, s->conn->user_id, why, sizeof(why)))
		return 0;
	sftp_say(s, NULL, why);
	log_info("%s: sftp of banned user %lld refused", s->conn->remote_addr,
	    (long long)s->conn->user_id);
	return 1;
}

/*
 * Banned since the last look?  Asked again only when news for the member
 * came (a memory read; every request when the counters are not mapped),
 * so that a ban ends the session at its next request.
 */
static int
sftp_banned_since(struct sftp_ctx *s, struct board *b, uint64_t *seen)
{
	uint64_t now = store_news_count(b->store, s->conn->user_id);

	if (now != 0 && now == *seen)
		return 0;
	*seen = now;
	return sftp_refused(s, b);
}

int
sftp_serve(struct conn *c)
{
	struct sftp_ctx s;
	struct board *b = conn_board(c);
	sftp_client_message msg = NULL;
	struct store_user u;
	uint64_t seen = 0;
	size_t i;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	s.conn = c;
	if (b == NULL)
		return MB_ERR_DB;
	/* What this process says to the member, in their language. */
	if (store_user_get(b->store, c->user_id, &u) == 0)
		(void)i18n_use(u.language);
	/* The counter first: a ban committed after the look is news. */
	seen = store_news_count(b->store, c->user_id);
	if (sftp_refused(&s, b))
		return MB_ERR_DENIED;
	vfs_init(&s.vfs, b, c->user_id);
	s.sftp = sftp_server_new(c->session, c->channel);
	if (s.sftp == NULL || sftp_server_init(s.sftp) != 0) {
		log_warn("%s: sftp set-up failed", c->remote_addr);
		if (s.sftp != NULL)
			sftp_server_free(s.sftp);
		return MB_ERR_IO;
	}
	log_info("%s: sftp started", c->remote_addr);
	for (;;) {
		/* NULL: the client ended the session (or sent garbage). */
		msg = sftp_get_client_message(s.sftp);
		if (msg == NULL)
			break;
		if (sftp_banned_since(&s, b, &seen)) {
			sftp_reply(msg, SSH_FX_PERMISSION_DENIED, "banned");
			sftp_client_message_free(msg);
			rc = MB_ERR_DENIED;
			break;
		}
		for (i = 0; i < nitems(sftp_table); i++) {
			if (sftp_table[i].type ==
			    sftp_client_message_get_type(msg))
				break;
		}
		if (i < nitems(sftp_table))
			sftp_table[i].run(&s, msg);
		else
			sftp_do_unsupported(&s, msg);
		sftp_client_message_free(msg);
	}
	vfs_free(&s.vfs);
	sftp_server_free(s.sftp);
	log_info("%s: sftp ended", c->remote_addr);
	return rc;
}
