/*
 * spare: the spare mentor.  The factory keeps one mentor forked ahead of
 * the next login.  It does what every mentor does before it knows its
 * session (mentor_open_store: the crypto library, the board key, its own
 * store opened and the schema read, about a millisecond of work), says so
 * with a byte on a socket of its own, and waits there.  The factory hands
 * a ready spare the next session's request as it came (the parameters and
 * the descriptors); it then runs as any mentor the factory forks, and the
 * factory forks the next spare once the requests waiting are taken.  So a
 * login waits for neither the fork nor the store, and that work is done
 * while the machine waits on the client.  The spare opens its store
 * itself, after the fork: an SQLite connection must never cross one.
 * While it waits it dies with the factory (SIGKILL); once taken, it ends
 * as every mentor does.  One that dies untaken is replaced after a pause
 * that doubles while they keep dying.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <syslog.h>
#include <unistd.h>

#include "child.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "mentor.h"
#include "util.h"

#define SPARE_FD 3 /* its socket, in the spare */
#define SPARE_READY 'r' /* its word: the store is open, or failed to */

/*
 * What a session's first screen takes of fresh memory, made present
 * before the spare says it is ready (util_memory_ready, store_ready):
 * measured on the home screen of an 80x24 terminal, some 61 pages of heap
 * (curses' three screens, its key tables, the terminal's description),
 * 17 of SQLite's zone and 5 of stack.  On a paravirtualised machine a
 * page fault costs some 18 us, and a page made present ahead of time
 * 2 us, while no login waits; the first touch of a page costs more
 * again there, in the hypervisor, so util_populate touches them too.
 * A larger terminal takes more, as it comes.
 */
#define SPARE_HEAP_READY_BYTES (256 * 1024)
#define SPARE_STORE_READY_BYTES (72 * 1024)
#define SPARE_STACK_READY_BYTES (32 * 1024)

/*
 * mentor_open_store with SQLite's descriptors from SPAWN_STORE_FD_MIN up:
 * the numbers below are taken for the moment, so that the store's files
 * do not get them, and the session's descriptors land there later.
 */
static int
spare_open_store(struct app *app)
{
	int null_fd, fd, rc = MB_ERR_IO;

	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null_fd < 0)
		return rc;
	for (fd = SPARE_FD + 1; fd < SPAWN_STORE_FD_MIN; fd++) {
		if (fd != null_fd && dup2(null_fd, fd) != fd)
			goto out;
	}
	rc = mentor_open_store(app);
out:
	child_close_range(SPARE_FD + 1, SPAWN_STORE_FD_MIN - 1);
	if (null_fd >= SPAWN_STORE_FD_MIN)
		(void)close(null_fd);
	return rc;
}

/* In the spare: get ready, wait for a session, run it; never returns. */
static void __attribute__((noreturn))
spare_main(const struct config *cfg, int sock, pid_t factory)
{
	static const char ready = SPARE_READY;
	int fds[SPAWN_FACTORY_FDS_MAX];
	struct spawn_params p;
	struct app *app = NULL;
	size_t nfds = 0, i;
	ssize_t n;

	/* Only its socket and the log: no other mentor's descriptor, not
	 * the connections' socket, no signal of the factory's blocked (one
	 * sent now ends the spare, not the session it would take).  The C
	 * library's syslog socket goes, before it could close a number that
	 * is ours by then. */
	closelog();
	if (child_move_fd(sock, SPARE_FD) != 0 ||
	    child_prepare(SPARE_FD, CHILD_FD_ALL) != 0)
		_exit(CHILD_EXIT_SETUP);
	title_set(SPARE_NAME, "mentord: spare mentor");
	app = xcalloc(1, sizeof(*app));
	app->cfg = *cfg;
	/* Not ready is no failure: mentor_run opens the store itself. */
	if (spare_open_store(app) != 0)
		log_debug("spare mentor: the store is not open ahead");
	else
		store_ready(SPARE_STORE_READY_BYTES);
	util_memory_ready(SPARE_HEAP_READY_BYTES, SPARE_STACK_READY_BYTES);
	if (send(SPARE_FD, &ready, 1, MSG_NOSIGNAL) != 1)
		_exit(0);
	n = factory_recv_request(SPARE_FD, 0, 0, &p, fds, &nfds);
	if (n <= 0) {
		/* The factory stops (0), or a bug of ours: no session. */
		if (n < 0)
			log_error("spare mentor: %s", strerror(errno));
		_exit(n == 0 ? 0 : CHILD_EXIT_SETUP);
	}
	/* They land on the lowest numbers free, far below the store's. */
	for (i = 0; i < nfds; i++) {
		if (fds[i] >= SPAWN_STORE_FD_MIN)
			_exit(CHILD_EXIT_SETUP);
	}
	/* Now a mentor like the factory's others: it ends with a hangup
	 * when the factory does, and its session sees it go. */
	if (prctl(PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0) != 0 ||
	    getppid() != factory)
		_exit(CHILD_EXIT_SETUP);
	(void)close(SPARE_FD);
	spawn_run_request(cfg, &p, fds, app);
}

void
spare_init(struct spare *s)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->wait_ms = SPARE_RETRY_MS;
}

/* The spare is no longer the factory's to hand a session to: it was
 * taken, or it is lost (then killed, if not gone already). */
static void
spare_forget(struct spare *s, int lost)
{
	if (lost) {
		if (s->pid > 0)
			(void)kill(s->pid, SIGKILL);
		s->after = util_now_ms() + s->wait_ms;
		s->wait_ms = s->wait_ms * 2 < SPARE_RETRY_MAX_MS ?
		    s->wait_ms * 2 :
		    SPARE_RETRY_MAX_MS;
	} else
		s->wait_ms = SPARE_RETRY_MS;
	if (s->fd >= 0)
		(void)close(s->fd);
	s->fd = -1;
	s->pid = 0;
	s->ready = 0;
}

void
spare_refill(struct spare *s, const struct config *cfg)
{
	int pair[2];
	pid_t pid, self = getpid();

	if (s->pid > 0 || util_now_ms() < s->after)
		return;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
		log_warn("spare mentor: socketpair: %s", strerror(errno));
		spare_forget(s, 1);
		return;
	}
	(void)fflush(NULL);
	pid = fork();
	if (pid < 0) {
		log_warn("spare mentor: fork: %s", strerror(errno));
		(void)close(pair[0]);
		(void)close(pair[1]);
		spare_forget(s, 1);
		return;
	}
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 ||
		    getppid() != self)
			_exit(CHILD_EXIT_SETUP);
		spare_main(cfg, pair[1], self);
	}
	(void)close(pair[1]);
	s->fd = pair[0];
	s->pid = pid;
	s->ready = 0;
}

int
spare_due_ms(const struct spare *s)
{
	long long left;

	if (s->pid > 0)
		return -1;
	left = s->after - util_now_ms();
	return left > 0 ? (int)left : 0;
}

int
spare_poll_fd(const struct spare *s)
{
	return s->pid > 0 && !s->ready ? s->fd : -1;
}

void
spare_heard(struct spare *s)
{
	char word = 0;
	ssize_t n;

	if (s->pid <= 0 || s->ready)
		return;
	n = recv(s->fd, &word, 1, MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == 1 && word == SPARE_READY) {
		s->ready = 1;
		return;
	}
	log_warn(
	    "spare mentor %ld went away before it was ready", (long)s->pid);
	spare_forget(s, 1);
}

int
spare_reaped(struct spare *s, pid_t pid, int status)
{
	char why[CHILD_STATUS_TEXT_MAX];

	if (pid <= 0 || pid != s->pid)
		return 0;
	log_warn("spare mentor %ld ended untaken (%s)", (long)pid,
	    child_status_text(status, why, sizeof(why)));
	s->pid = 0; /* reaped: nothing to kill */
	spare_forget(s, 1);
	return 1;
}

pid_t
spare_take(
    struct spare *s, const struct spawn_params *p, const int *fds, size_t nfds)
{
	pid_t pid = s->pid;

	if (pid <= 0 || !s->ready)
		return -1;
	/* A fresh socket with room for one request: no wait. */
	if (factory_send(s->fd, p, sizeof(*p), fds, nfds, util_now_ms()) != 0) {
		log_warn("spare mentor %ld did not take a session: %s",
		    (long)pid, strerror(errno));
		spare_forget(s, 1);
		return -1;
	}
	spare_forget(s, 0);
	return pid;
}

void
spare_drop(struct spare *s)
{
	spare_forget(s, 1);
}
