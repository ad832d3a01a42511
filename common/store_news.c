/*
 * store_news: how a member's sessions learn at once that something they
 * show changed, and nobody else's do (see store.h).
 *
 * Two paths, one fast and one sure.  The fast one: after the commit, a
 * datagram to the socket of each session of the member concerned, found
 * in the session table; the session's mentor sleeps in poll() on that
 * socket and its terminal, so a thousand idle sessions cost nothing while
 * one pair chats.  The sure one: a file of STORE_NEWS_SLOTS counters that
 * every process maps; slot 0 moves with news for everyone, slot 1 + id %
 * (SLOTS - 1) with a member's.  A session compares its two slots at each
 * slow tick, so a wake-up that was lost (a full socket buffer, a process
 * that was busy or restarted) is seen a few seconds late, never missed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "statedir.h"
#include "store_internal.h"
#include "util.h"

#define STORE_NEWS_FILE_BYTES (STORE_NEWS_SLOTS * sizeof(uint64_t))

/*
 * Our WAL hook, run after each commit: it replaces SQLite's own, so it
 * checkpoints (passively) as SQLite's would, at STORE_WAL_CHECKPOINT_PAGES,
 * unless the connection leaves it to the housekeeping and can wake it.
 */
static int
store_on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store *st = arg;

	if (pages < STORE_WAL_CHECKPOINT_PAGES)
		return SQLITE_OK;
	if (st->no_checkpoint && pages < STORE_WAL_CHECKPOINT_FORCE_PAGES &&
	    store_news_wake_housekeeping(st, STORE_WORK_CHECKPOINT) == 0)
		return SQLITE_OK;
	(void)sqlite3_wal_checkpoint_v2(
	    db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

void
store_news_hook(struct store *st)
{
	(void)sqlite3_wal_hook(st->db, store_on_commit, st);
}

void
store_news_open(struct store *st, const char *db_path)
{
	struct stat sb;
	char *path = NULL;
	void *map;
	int fd;

	st->wake_dir = xasprintf("%s-wake", db_path);
	if (mkdir(st->wake_dir, 0700) == 0)
		statedir_adopt(st->wake_dir);
	else if (errno != EEXIST)
		log_warn("mkdir %s: %s; screens learn of news only at their "
			 "slow tick",
		    st->wake_dir, strerror(errno));
	path = xasprintf("%s-news", db_path);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || fstat(fd, &sb) != 0 ||
	    (sb.st_size < (off_t)STORE_NEWS_FILE_BYTES &&
		ftruncate(fd, STORE_NEWS_FILE_BYTES) != 0)) {
		log_warn("%s: %s; screens show news only on a key", path,
		    strerror(errno));
		goto out;
	}
	statedir_adopt(path);
	map = mmap(NULL, STORE_NEWS_FILE_BYTES, PROT_READ | PROT_WRITE,
	    MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		log_warn("mmap %s: %s; screens show news only on a key", path,
		    strerror(errno));
		goto out;
	}
	st->news = map;
out:
	if (fd >= 0)
		(void)close(fd);
	free(path);
}

void
store_news_close(struct store *st)
{
	if (st->news != NULL)
		(void)munmap(st->news, STORE_NEWS_FILE_BYTES);
	st->news = NULL;
	if (st->wake_fd >= 0)
		(void)close(st->wake_fd);
	st->wake_fd = -1;
	free(st->wake_dir);
	st->wake_dir = NULL;
}

/* The counter a member's news moves (slot 0 is everyone's). */
static size_t
store_news_slot(int64_t user_id)
{
	if (user_id <= 0)
		return 0;
	return 1 + (size_t)(user_id % (STORE_NEWS_SLOTS - 1));
}

uint64_t
store_news_count(struct store *st, int64_t user_id)
{
	uint64_t n;

	if (st->news == NULL)
		return 0;
	n = __atomic_load_n(&st->news[0], __ATOMIC_ACQUIRE);
	if (user_id > 0)
		n += __atomic_load_n(
		    &st->news[store_news_slot(user_id)], __ATOMIC_ACQUIRE);
	return n;
}

/* The socket address of session id.  Returns 0 or MB_ERR_LIMIT. */
static int
store_news_address(
    const struct store *st, int64_t session_id, struct sockaddr_un *sa)
{
	int n;

	if (st->wake_dir == NULL)
		return MB_ERR_LIMIT;
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	n = snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%lld",
	    st->wake_dir, (long long)session_id);
	return n > 0 && (size_t)n < sizeof(sa->sun_path) ? 0 : MB_ERR_LIMIT;
}

/* What store_news_wake sends, and from where. */
struct store_news_send {
	struct store *st;
	const struct store_news_event *ev;
	int sockets; /* opened for this send when the one before was full */
	long long give_up_ms; /* stop waiting for room after this */
};

/*
 * A socket of our own to send wake-ups from, in place of the one before:
 * what that one sent and nobody read yet stays queued at its sessions.
 */
static int
store_news_socket(struct store *st)
{
	if (st->wake_fd >= 0)
		(void)close(st->wake_fd);
	st->wake_fd =
	    socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (st->wake_fd >= 0)
		return 0;
	log_warn("socket: %s", strerror(errno));
	return MB_ERR_IO;
}

/* Send the wake-up to the session of this row (its id). */
static int
store_news_wake(sqlite3_stmt *stmt, void *ctx)
{
	struct store_news_send *s = ctx;
	struct sockaddr_un sa;
	ssize_t n;

	if (store_news_address(s->st, sqlite3_column_int64(stmt, 0), &sa) != 0)
		return MB_ERR_LIMIT;
	/*
	 * A datagram counts against our send buffer until its session reads
	 * it: with a thousand sessions woken at once the buffer fills (a few
	 * hundred fit).  Then send from a new socket (STORE_NEWS_SOCKETS_MAX),
	 * and past those wait a little for the sessions to read, within
	 * STORE_NEWS_SEND_WAIT_MS for the whole send; past that, or when a
	 * session is gone, its slow tick will see.
	 */
	for (;;) {
		n = sendto(s->st->wake_fd, s->ev, sizeof(*s->ev), MSG_NOSIGNAL,
		    (struct sockaddr *)&sa, sizeof(sa));
		if (n >= 0 || errno != EAGAIN)
			break;
		if (s->sockets < STORE_NEWS_SOCKETS_MAX) {
			s->sockets++;
			if (store_news_socket(s->st) != 0)
				return MB_ERR_IO;
			continue;
		}
		if (util_now_ms() >= s->give_up_ms)
			break;
		(void)poll(NULL, 0, STORE_NEWS_RETRY_MS);
	}
	if (n < 0 && errno != ENOENT && errno != ECONNREFUSED)
		log_debug("wake %s: %s", sa.sun_path, strerror(errno));
	return 0;
}

/* Send ev to every session of its member (of everyone). */
static void
store_news_send(struct store *st, const struct store_news_event *ev)
{
	struct store_news_send s = { st, ev, 0,
		util_now_ms() + STORE_NEWS_SEND_WAIT_MS };

	if (st->wake_fd < 0 && store_news_socket(st) != 0)
		return;
	/* Failures are logged; the slow tick makes up for them. */
	if (ev->user_id == STORE_NEWS_EVERYONE)
		(void)store_each(st, __func__,
		    "SELECT id FROM session WHERE claimed = 1", store_news_wake,
		    &s, "");
	else
		(void)store_each(st, __func__,
		    "SELECT id FROM session WHERE user_id = ? AND claimed = 1",
		    store_news_wake, &s, "i", ev->user_id);
}

void
store_news_flush(struct store *st)
{
	size_t i;

	/* The counters first: a session woken now, or ticking now, finds
	 * them moved. */
	for (i = 0; st->news != NULL && i < st->npending; i++)
		(void)__atomic_add_fetch(
		    &st->news[store_news_slot(st->pending[i].user_id)], 1,
		    __ATOMIC_RELEASE);
	for (i = 0; i < st->npending; i++)
		store_news_send(st, &st->pending[i]);
	st->npending = 0;
}

int
store_news_wake_housekeeping(
    struct store *st, enum store_housekeeping_work work)
{
	struct store_news_event ev;
	struct sockaddr_un sa;

	if (store_news_address(st, STORE_NEWS_HOUSEKEEPING, &sa) != 0)
		return MB_ERR_IO;
	if (st->wake_fd < 0 && store_news_socket(st) != 0)
		return MB_ERR_IO;
	memset(&ev, 0, sizeof(ev));
	ev.kind = (int32_t)work;
	if (sendto(st->wake_fd, &ev, sizeof(ev), MSG_NOSIGNAL,
		(struct sockaddr *)&sa, sizeof(sa)) == (ssize_t)sizeof(ev))
		return 0;
	/* A full buffer means a wake-up is waiting already. */
	if (errno == EAGAIN)
		return 0;
	if (errno != ENOENT && errno != ECONNREFUSED)
		log_debug("wake %s: %s", sa.sun_path, strerror(errno));
	return MB_ERR_IO;
}

void
store_news_drop(struct store *st)
{
	st->npending = 0;
}

void
store_news_mark(struct store *st, int64_t user_id, enum store_news_kind kind,
    int64_t object_id)
{
	struct store_news_event ev;
	size_t i;

	memset(&ev, 0, sizeof(ev));
	ev.user_id = user_id;
	ev.kind = (int32_t)kind;
	ev.object_id = object_id;
	for (i = 0; i < st->npending; i++) {
		if (memcmp(&st->pending[i], &ev, sizeof(ev)) == 0)
			return;
	}
	if (st->npending == STORE_NEWS_PENDING_MAX) {
		/* More than one change tells of: everyone rereads all. */
		memset(&st->pending[0], 0, sizeof(ev));
		st->npending = 1;
	} else
		st->pending[st->npending++] = ev;
	if (!st->in_transaction)
		store_news_flush(st);
}

int
store_news_listen(struct store *st, int64_t session_id, int *fd)
{
	struct sockaddr_un sa;
	int s, rc;

	*fd = -1;
	rc = store_news_address(st, session_id, &sa);
	if (rc != 0) {
		log_warn("the wake directory's path is too long for a socket; "
			 "news comes at the slow tick");
		return rc;
	}
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (s < 0) {
		log_warn("socket: %s", strerror(errno));
		return MB_ERR_IO;
	}
	/* A socket of an earlier session with this id cannot be alive: the
	 * ids of live sessions are unique. */
	(void)unlink(sa.sun_path);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		log_warn("bind %s: %s", sa.sun_path, strerror(errno));
		(void)close(s);
		return MB_ERR_IO;
	}
	/* Root's socket must take the board account's datagrams. */
	statedir_adopt(sa.sun_path);
	*fd = s;
	return 0;
}

void
store_news_unlisten(struct store *st, int64_t session_id, int fd)
{
	if (fd >= 0)
		(void)close(fd);
	store_news_forget(st, session_id);
}

void
store_news_forget(struct store *st, int64_t session_id)
{
	struct sockaddr_un sa;

	if (store_news_address(st, session_id, &sa) == 0 &&
	    unlink(sa.sun_path) != 0 && errno != ENOENT)
		log_warn("unlink %s: %s", sa.sun_path, strerror(errno));
}

void
store_news_forget_all(struct store *st)
{
	struct dirent *de = NULL;
	DIR *dir = NULL;

	if (st->wake_dir == NULL || (dir = opendir(st->wake_dir)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		/* Sessions' sockets are named by their numbers only. */
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		if (unlinkat(dirfd(dir), de->d_name, 0) != 0)
			log_warn("unlink %s/%s: %s", st->wake_dir, de->d_name,
			    strerror(errno));
	}
	(void)closedir(dir);
}

size_t
store_news_receive(int fd, struct store_news_event *ev, size_t max)
{
	struct store_news_event in;
	size_t n = 0;
	ssize_t got;

	while (n < max) {
		got = recv(fd, &in, sizeof(in), MSG_DONTWAIT | MSG_TRUNC);
		if (got < 0)
			break;
		if (got != (ssize_t)sizeof(in) || in.unused != 0)
			continue;
		ev[n++] = in;
	}
	return n;
}
