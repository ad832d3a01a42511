/*
 * factory: the mentor factory.  A session's mentor forked from its
 * connection process shares that process's pages, but it also reuses the
 * free room in its heap, so those pages get copied and are paid twice, and
 * it carries a copy-on-write image of the connection: the libssh session,
 * the host key.  The factory is a small process that the listener starts
 * once (and again if it dies) as a new image of mentord itself, so it holds
 * nothing of the listener's: no host key, no libssh state, a heap of its
 * own that is small and clean.  It prepares what every mentor needs
 * (locale, catalogs, the crypto library), then waits on a SOCK_SEQPACKET
 * socket whose other end every connection process inherits.  A connection
 * sends its session's parameters with its descriptors (the PTY's slave or
 * three pipe ends, the token's pipe, and a socket of its own for news);
 * the factory hands it to the spare mentor forked ahead (spare.c), or
 * forks one, answers with its pid, and when it ends, with its wait
 * status.  A connection that goes away closes that socket: the factory
 * then hangs up on its mentor (and kills it a moment later),
 * so no mentor outlives its connection; a mentor whose factory dies gets
 * a hangup too.  A connection that cannot reach the factory forks its
 * mentor itself (spawn.c), so no login depends on it.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auth.h"
#include "child.h"
#include "daemon.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "store.h"
#include "text.h"
#include "util.h"

#if DAEMON_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

extern char **environ;

#define FACTORY_CONFIG_MAGIC 0x4d424643u /* "MBFC" */
#define FACTORY_EXE "/proc/self/exe"
#define FACTORY_POLL_FIXED 3 /* signals, connections' socket, the spare */
#define FACTORY_RETRY_MS 100 /* after a failed poll, before the next */

/* The listener's settings, the factory's first message. */
struct factory_config {
	uint32_t magic;
	uint32_t size; /* sizeof(struct config): the same program */
	struct config cfg;
};

/* A mentor the factory started, and its connection's socket. */
struct factory_child {
	pid_t pid;
	int news_fd; /* -1 once the connection went away */
	long long kill_at; /* ms: SIGKILL then, if not 0 */
};

struct factory {
	struct config cfg;
	int sock; /* the connections' socket */
	int sig_fd;
	int stopping; /* SIGTERM, or no more connections can reach us */
	int hung_up; /* SIGTERM: every mentor was hung up on */
	struct factory_child *children;
	size_t nchildren, cap;
	struct pollfd *pfd;
	size_t pfd_cap;
	struct spare spare; /* the next login's mentor (spare.c) */
};

int
factory_send(int fd, const void *data, size_t len, const int *fds, size_t nfds,
    long long deadline_ms)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int) * SPAWN_FACTORY_FDS_MAX)];
	} control;
	struct msghdr mh;
	struct cmsghdr *cm = NULL;
	struct iovec iov;
	struct pollfd pfd;
	long long left;
	ssize_t n;

	if (nfds > SPAWN_FACTORY_FDS_MAX) {
		errno = EINVAL;
		return MB_ERR_IO;
	}
	memset(&mh, 0, sizeof(mh));
	memset(&control, 0, sizeof(control));
	iov.iov_base = (void *)(uintptr_t)data;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (nfds > 0) {
		mh.msg_control = control.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
		memcpy(CMSG_DATA(cm), fds, sizeof(int) * nfds);
	}
	for (;;) {
		n = sendmsg(fd, &mh, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0) {
			errno = EMSGSIZE;
			return MB_ERR_IO;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return MB_ERR_IO;
		left = deadline_ms - util_now_ms();
		if (left <= 0) {
			errno = ETIMEDOUT;
			return MB_ERR_IO;
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return MB_ERR_IO;
	}
}

int
factory_recv_msg(
    int fd, struct factory_msg *msg, long long deadline_ms, int hangup_fd)
{
	return factory_recv_exact(
	    fd, msg, sizeof(*msg), deadline_ms, hangup_fd);
}

int
factory_recv_exact(
    int fd, void *msg, size_t len, long long deadline_ms, int hangup_fd)
{
	struct pollfd pfd[2];
	long long left;
	ssize_t n;

	for (;;) {
		n = recv(fd, msg, len, MSG_DONTWAIT);
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0 || (errno != EAGAIN && errno != EINTR))
			return MB_ERR_IO;
		left = deadline_ms - util_now_ms();
		if (left <= 0)
			return MB_ERR_EXPIRED;
		pfd[0].fd = fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = hangup_fd;
		pfd[1].events = POLLRDHUP;
		pfd[1].revents = 0;
		if (poll(pfd, hangup_fd >= 0 ? 2 : 1, (int)left) < 0 &&
		    errno != EINTR)
			return MB_ERR_IO;
		if (pfd[1].revents != 0 && pfd[0].revents == 0)
			return MB_ERR_EXPIRED;
	}
}

pid_t
factory_start(struct daemon_ctx *dc)
{
	struct factory_config fc;
	char **envp = NULL, mark[sizeof(FACTORY_ENV) + 2];
	int pair[2] = { -1, -1 };
	size_t n, i, k;
	pid_t pid, listener = getpid();

	if (dc->factory_fd >= 0)
		(void)close(dc->factory_fd);
	dc->factory_fd = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
		log_error("socketpair: %s", strerror(errno));
		return -1;
	}
	/* First in the queue, before any connection's message. */
	memset(&fc, 0, sizeof(fc));
	fc.magic = FACTORY_CONFIG_MAGIC;
	fc.size = sizeof(fc.cfg);
	fc.cfg = *dc->cfg;
	if (factory_send(pair[0], &fc, sizeof(fc), NULL, 0, 0) != 0) {
		log_error("mentor factory: %s", strerror(errno));
		goto fail;
	}
	/* Its environment is ours (but for restart.c's malloc setting) and
	 * the mark: as much room for the titles and environments of mentors
	 * as the listener has, near enough. */
	for (n = 0; environ[n] != NULL; n++)
		continue;
	envp = xcalloc(n + 2, sizeof(*envp));
	for (i = 0, k = 0; i < n; i++) {
		/* The listener's malloc settings are not the mentors'. */
		if (!restart_tunables_ours(environ[i]))
			envp[k++] = environ[i];
	}
	(void)snprintf(mark, sizeof(mark), "%s=1", FACTORY_ENV);
	envp[k] = mark;
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		/* It hears when the listener dies (SIGUSR1: take no more
		 * sessions, keep those under way, as the connections do),
		 * and Ctrl-C is the listener's. */
		if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) != 0 ||
		    getppid() != listener)
			_exit(1);
		(void)setsid();
		/* The port's capability (systemd grants it as ambient) is
		 * the listener's: the new image, and every mentor, start
		 * without it. */
		(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
		if (child_move_fd(pair[1], FACTORY_FD) != 0 ||
		    child_prepare(FACTORY_FD, CHILD_FD_ALL) != 0)
			_exit(CHILD_EXIT_SETUP);
		(void)execve(FACTORY_EXE, dc->argv, envp);
		_exit(CHILD_EXIT_SETUP);
	}
	free(envp);
	(void)close(pair[1]);
	dc->factory_fd = pair[0];
	log_debug("mentor factory started, pid %ld", (long)pid);
	return pid;
fail:
	free(envp);
	(void)close(pair[0]);
	(void)close(pair[1]);
	return -1;
}

/* ---- The factory's own process ------------------------------------------ */

/* Read the listener's settings, the socket's first message. */
static int
factory_read_config(struct factory *f)
{
	struct factory_config *fc = xcalloc(1, sizeof(*fc));
	ssize_t n;
	int rc = MB_ERR_INVALID;

	do
		n = recv(f->sock, fc, sizeof(*fc), 0);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof(*fc) && fc->magic == FACTORY_CONFIG_MAGIC &&
	    fc->size == sizeof(fc->cfg)) {
		f->cfg = fc->cfg;
		rc = 0;
	}
	free(fc);
	return rc;
}

/* Tell a connection what became of its mentor; failures are its loss. */
static void
factory_tell(int fd, int type, int value)
{
	struct factory_msg msg = { .type = type, .value = value };

	if (fd >= 0 &&
	    send(fd, &msg, sizeof(msg), MSG_DONTWAIT | MSG_NOSIGNAL) !=
		(ssize_t)sizeof(msg))
		log_debug("telling a connection: %s", strerror(errno));
}

/*
 * Take no more sessions: the socket is closed, which also closes every
 * request still queued on it, so that their connections, seeing their
 * request's socket end, start their mentors themselves.
 */
static void
factory_stop_taking(struct factory *f)
{
	f->stopping = 1;
	if (f->sock >= 0)
		(void)close(f->sock);
	f->sock = -1;
	spare_drop(&f->spare);
}

/* Has the connection closed its end of fd? */
static int
factory_gone(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR));
}

/* The received descriptors, all closed. */
static void
factory_close_all(const int *fds, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		(void)close(fds[i]);
}

ssize_t
factory_recv_request(int sock, int flags, size_t extra, struct spawn_params *p,
    int *fds, size_t *nfds)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int) * SPAWN_FACTORY_FDS_MAX)];
	} control;
	struct msghdr mh;
	struct cmsghdr *cm = NULL;
	struct iovec iov;
	size_t want;
	ssize_t n;

	*nfds = 0;
	memset(&mh, 0, sizeof(mh));
	memset(p, 0, sizeof(*p));
	iov.iov_base = p;
	iov.iov_len = sizeof(*p);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = control.buf;
	mh.msg_controllen = sizeof(control.buf);
	do
		n = recvmsg(sock, &mh, flags | MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return n;
	for (cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		want = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		if (want > SPAWN_FACTORY_FDS_MAX - *nfds)
			want = SPAWN_FACTORY_FDS_MAX - *nfds;
		memcpy(fds + *nfds, CMSG_DATA(cm), want * sizeof(int));
		*nfds += want;
	}
	want = (size_t)(p->is_pty ? 2 : 4) + extra;
	if (n != (ssize_t)sizeof(*p) || p->magic != SPAWN_PARAMS_MAGIC ||
	    (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 || *nfds != want) {
		factory_close_all(fds, *nfds);
		*nfds = 0;
		errno = EPROTO;
		return -1;
	}
	p->term[sizeof(p->term) - 1] = '\0';
	p->who[sizeof(p->who) - 1] = '\0';
	return n;
}

/* Fork the mentor of the session of p and fds (news, the connection's
 * socket, last): its pid, or -1 (logged). */
static pid_t
factory_fork(struct factory *f, const struct spawn_params *p, const int *fds,
    size_t nfds)
{
	pid_t pid, self = getpid();

	(void)fflush(NULL);
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* A mentor ends with its factory, as with its connection
		 * (also one that died before this was set). */
		if (prctl(PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0) != 0 ||
		    getppid() != self)
			_exit(CHILD_EXIT_SETUP);
		(void)close(fds[nfds - 1]);
		spawn_run_request(&f->cfg, p, fds, NULL);
	}
	return pid;
}

/*
 * Take one session from the connections' socket and give it a mentor: the
 * spare, or one forked now.  A malformed message (a connection process is
 * ours, but checks are cheap) is dropped with its descriptors.  1 when a
 * message was read (there may be more), 0 when none was waiting or none
 * will come.
 */
static int
factory_take(struct factory *f)
{
	int fds[SPAWN_FACTORY_FDS_MAX];
	struct spawn_params p;
	size_t nfds = 0;
	ssize_t n;
	pid_t pid;
	int news;

	n = factory_recv_request(f->sock, MSG_DONTWAIT, 1, &p, fds, &nfds);
	if (n == 0) {
		/* Nobody holds the other end: no session will come. */
		factory_stop_taking(f);
		return 0;
	}
	if (n < 0 && errno == EPROTO) {
		log_warn("dropped a malformed request");
		return 1;
	}
	if (n < 0)
		return 0;
	news = fds[nfds - 1];
	if (factory_gone(news)) {
		/* It ended, or gave up on a factory stuck for
		 * FACTORY_STUCK_MS (or its client left) and failed the
		 * session. */
		factory_close_all(fds, nfds);
		return 1;
	}
	if (f->nchildren == f->cap) {
		f->cap = f->cap == 0 ? 64 : f->cap * 2;
		f->children =
		    xreallocarray(f->children, f->cap, sizeof(*f->children));
	}
	pid = spare_take(&f->spare, &p, fds, nfds - 1);
	if (pid <= 0)
		pid = factory_fork(f, &p, fds, nfds);
	if (pid <= 0) {
		factory_close_all(fds, nfds);
		return 1;
	}
	factory_close_all(fds, nfds - 1);
	factory_tell(news, FACTORY_MSG_STARTED, (int)pid);
	f->children[f->nchildren].pid = pid;
	f->children[f->nchildren].news_fd = news;
	f->children[f->nchildren].kill_at = 0;
	f->nchildren++;
	return 1;
}

/* Hang up on a mentor, and kill it if it is still there in a moment. */
static void
factory_hang_up(struct factory_child *ch)
{
	if (ch->kill_at != 0)
		return;
	(void)kill(ch->pid, SIGHUP);
	ch->kill_at = util_now_ms() + FACTORY_KILL_MS;
}

/* A connection's word on its mentor's socket: a signal, or its end. */
static void
factory_news(struct factory_child *ch)
{
	struct factory_msg msg;
	ssize_t n;

	n = recv(ch->news_fd, &msg, sizeof(msg), MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == (ssize_t)sizeof(msg) && msg.type == FACTORY_MSG_SIGNAL) {
		if (msg.value == SIGHUP || msg.value == SIGTERM ||
		    msg.value == SIGKILL)
			(void)kill(ch->pid, msg.value);
		return;
	}
	/* The connection went away (or spoke nonsense): so does the UI. */
	(void)close(ch->news_fd);
	ch->news_fd = -1;
	factory_hang_up(ch);
}

/* Reap ended mentors and tell their connections. */
static void
factory_reap(struct factory *f)
{
	size_t i;
	pid_t pid;
	int status;

	for (;;) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid <= 0)
			return;
		if (spare_reaped(&f->spare, pid, status))
			continue;
		for (i = 0; i < f->nchildren; i++) {
			if (f->children[i].pid != pid)
				continue;
			factory_tell(
			    f->children[i].news_fd, FACTORY_MSG_EXITED, status);
			if (f->children[i].news_fd >= 0)
				(void)close(f->children[i].news_fd);
			f->children[i] = f->children[--f->nchildren];
			break;
		}
	}
}

/* SIGKILL the mentors whose time is up; ms until the next one, or -1. */
static int
factory_kill_due(struct factory *f)
{
	long long now = util_now_ms(), next = -1;
	size_t i;

	for (i = 0; i < f->nchildren; i++) {
		if (f->children[i].kill_at == 0)
			continue;
		if (f->children[i].kill_at <= now) {
			(void)kill(f->children[i].pid, SIGKILL);
			f->children[i].kill_at = now + FACTORY_KILL_MS;
		}
		if (next < 0 || f->children[i].kill_at - now < next)
			next = f->children[i].kill_at - now;
	}
	return (int)next;
}

/* The loop: sessions in, mentors out, until told to end and all ended. */
static void
factory_loop(struct factory *f)
{
	struct signalfd_siginfo si;
	size_t i, np, nwatched;
	int timeout, spare;

	while (!f->stopping || f->nchildren > 0) {
		if (f->pfd_cap < f->nchildren + FACTORY_POLL_FIXED) {
			f->pfd_cap = f->nchildren + FACTORY_POLL_FIXED + 64;
			f->pfd =
			    xreallocarray(f->pfd, f->pfd_cap, sizeof(*f->pfd));
		}
		f->pfd[0].fd = f->sig_fd;
		f->pfd[0].events = POLLIN;
		f->pfd[1].fd = f->stopping ? -1 : f->sock;
		f->pfd[1].events = POLLIN;
		f->pfd[2].fd = spare_poll_fd(&f->spare);
		f->pfd[2].events = POLLIN;
		np = FACTORY_POLL_FIXED;
		for (i = 0; i < f->nchildren; i++) {
			f->pfd[np].fd = f->children[i].news_fd;
			f->pfd[np].events = POLLIN;
			np++;
		}
		nwatched = f->nchildren;
		timeout = factory_kill_due(f);
		spare = f->stopping ? -1 : spare_due_ms(&f->spare);
		if (spare >= 0 && (timeout < 0 || spare < timeout))
			timeout = spare;
		if (poll(f->pfd, np, timeout) < 0) {
			if (errno == EINTR)
				continue;
			/* Out of descriptors or memory for so many: the
			 * sessions under way stay; try again shortly rather
			 * than hang up on all of them. */
			log_error("poll: %s", strerror(errno));
			(void)poll(NULL, 0, FACTORY_RETRY_MS);
			continue;
		}
		/* Connections first: a child's table slot may move below. */
		for (i = 0; i < nwatched && i < f->nchildren; i++) {
			if (f->pfd[FACTORY_POLL_FIXED + i].revents != 0 &&
			    f->children[i].news_fd >= 0)
				factory_news(&f->children[i]);
		}
		if ((f->pfd[0].revents & POLLIN) != 0) {
			while (read(f->sig_fd, &si, sizeof(si)) ==
			    (ssize_t)sizeof(si)) {
				/* The listener died (kill -9, a crash): no
				 * session will come, and those under way go
				 * on until their people leave. */
				if (si.ssi_signo == SIGUSR1)
					factory_stop_taking(f);
				/* A hangup is not ours: no terminal. */
				if ((si.ssi_signo == SIGTERM ||
					si.ssi_signo == SIGINT) &&
				    !f->hung_up) {
					f->hung_up = 1;
					factory_stop_taking(f);
					for (i = 0; i < f->nchildren; i++)
						factory_hang_up(
						    &f->children[i]);
				}
			}
			factory_reap(f);
		}
		if (f->pfd[2].revents != 0)
			spare_heard(&f->spare);
		/* Every request waiting: 200 logins at once are one wake-up,
		 * not 200 rounds of the loop. */
		if ((f->pfd[1].revents & (POLLIN | POLLHUP)) != 0)
			while (!f->stopping && factory_take(f))
				continue;
		/* The next login's mentor, once these have theirs. */
		if (!f->stopping)
			spare_refill(&f->spare, &f->cfg);
	}
	spare_drop(&f->spare);
}

void
factory_main(void)
{
	struct factory f;
	enum log_level level = LOG_LEVEL_INFO;
	sigset_t mask;
	int status = 1;

	memset(&f, 0, sizeof(f));
	f.sock = FACTORY_FD;
	f.sig_fd = -1;
	spare_init(&f.spare);
	(void)unsetenv(FACTORY_ENV);
	title_set(FACTORY_NAME, "mentord: mentor factory");
	log_init("mentord", STDERR_FILENO, 0, LOG_LEVEL_INFO);
	if (factory_read_config(&f) != 0) {
		log_error("mentor factory: no settings from the listener");
		_exit(1);
	}
	if (log_level_parse(f.cfg.log_level, &level) != 0)
		level = LOG_LEVEL_INFO;
	log_init("mentord", STDERR_FILENO, f.cfg.syslog, level);
	(void)sigemptyset(&mask);
	(void)sigaddset(&mask, SIGCHLD);
	(void)sigaddset(&mask, SIGTERM);
	(void)sigaddset(&mask, SIGINT);
	(void)sigaddset(&mask, SIGHUP);
	(void)sigaddset(&mask, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) != 0 ||
	    (f.sig_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		log_error("signal set-up: %s", strerror(errno));
		goto out;
	}
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		log_warn("ignoring SIGPIPE failed");
	/* What every mentor does first, done once: the locale and the
	 * character tables of names, the catalogs, the crypto library,
	 * SQLite (started, nothing opened: each mentor opens its own
	 * store). */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		(void)setlocale(LC_CTYPE, "");
	text_init();
	i18n_init();
	if (auth_init() != 0 || store_init() != 0)
		goto out;
	/* Give back what the start-up took: the children share the rest. */
	(void)malloc_trim(0);
	log_debug("mentor factory ready");
	factory_loop(&f);
	status = 0;
out:
	free(f.children);
	free(f.pfd);
	(void)close(f.sig_fd);
#if DAEMON_SANITIZED
	__lsan_do_leak_check();
#endif
	_exit(status);
}
