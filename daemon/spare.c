/*
 * spare: the spare mentor.  The factory keeps one mentor forked ahead of
 * the next login.  It has done what every mentor does before it knows
 * its session (mentor_open_store: the crypto library, the board key, its
 * own store opened and the schema read, about a millisecond of work) and
 * waits on a socket of its own.  The factory hands it the next session's
 * request as it came (the parameters and the descriptors); it then runs as
 * any mentor the factory forks, and the factory forks the next spare once
 * the requests waiting are taken.  So a login waits for neither the fork
 * nor the store, and the work is done while the machine waits on the
 * client.  The spare opens its store itself, after the fork: an SQLite
 * connection must never cross one.  While it waits it dies with the
 * factory (SIGKILL); once taken, it ends as every mentor does.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "child.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "mentor.h"
#include "util.h"

#define SPARE_FD 3 /* its socket, in the spare */

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
	int fds[SPAWN_FACTORY_FDS_MAX];
	struct spawn_params p;
	struct app *app = NULL;
	size_t nfds = 0;
	ssize_t n;
	int log_fd = cfg->syslog ? -1 : STDERR_FILENO;

	/* Only its socket and the log: no other mentor's descriptor, and
	 * not the connections' socket (their requests are the factory's). */
	if (child_move_fd(sock, SPARE_FD) != 0)
		_exit(CHILD_EXIT_SETUP);
	child_close_range(SPARE_FD + 1, CHILD_FD_ALL);
	title_set(SPARE_NAME, "mentord: spare mentor");
	app = xcalloc(1, sizeof(*app));
	app->cfg = *cfg;
	/* Not ready is no failure: mentor_run opens the store itself. */
	if (spare_open_store(app) != 0)
		log_debug("spare mentor: the store is not open ahead");
	n = factory_recv_request(SPARE_FD, 0, 0, &p, fds, &nfds);
	if (n <= 0) {
		/* The factory stops (0), or a bug of ours: no session. */
		if (n < 0)
			log_error("spare mentor: %s", strerror(errno));
		_exit(n == 0 ? 0 : CHILD_EXIT_SETUP);
	}
	/* Now a mentor like the factory's others: it ends with a hangup
	 * when the factory does, and its session sees it go. */
	if (prctl(PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0) != 0 ||
	    getppid() != factory)
		_exit(CHILD_EXIT_SETUP);
	(void)close(SPARE_FD);
	if (p.is_pty)
		spawn_run_child(
		    cfg, &p, fds[0], -1, -1, -1, fds[1], log_fd, app);
	spawn_run_child(
	    cfg, &p, -1, fds[0], fds[1], fds[2], fds[3], log_fd, app);
}

pid_t
spare_start(const struct config *cfg, int *fd)
{
	int pair[2];
	pid_t pid, self = getpid();

	*fd = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
		log_warn("spare mentor: socketpair: %s", strerror(errno));
		return -1;
	}
	(void)fflush(NULL);
	pid = fork();
	if (pid < 0) {
		log_warn("spare mentor: fork: %s", strerror(errno));
		(void)close(pair[0]);
		(void)close(pair[1]);
		return -1;
	}
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 ||
		    getppid() != self)
			_exit(CHILD_EXIT_SETUP);
		spare_main(cfg, pair[1], self);
	}
	(void)close(pair[1]);
	*fd = pair[0];
	return pid;
}

int
spare_hand(int fd, const struct spawn_params *p, const int *fds, size_t nfds)
{
	return factory_send(
	    fd, p, sizeof(*p), fds, nfds, util_now_ms() + FACTORY_ANSWER_MS);
}
