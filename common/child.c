/* child: child processes started, fed, waited for and ended with care. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "error.h"
#include "log.h"
#include "util.h"

/* How writing a child's input ended. */
enum child_write_result {
	CHILD_WRITE_DONE, /* all of it is in the pipe */
	CHILD_WRITE_EPIPE, /* the child closed its input early */
	CHILD_WRITE_TIMEOUT, /* the deadline passed */
	CHILD_WRITE_ERROR, /* another error, in *error */
};

void
child_close_range(int first, int last)
{
	struct rlimit limit;
	int rc, fd, max_fd = CHILD_FD_FALLBACK_MAX;

	if (first > last)
		return;
	rc = close_range(
	    (unsigned)first, last == CHILD_FD_ALL ? ~0U : (unsigned)last, 0);
	if (rc == 0)
		return;
	/*
	 * A kernel before 5.9.  getrlimit is a plain system call on Linux,
	 * safe here though POSIX does not list it.
	 */
	rc = getrlimit(RLIMIT_NOFILE, &limit);
	if (rc == 0 && limit.rlim_cur != RLIM_INFINITY &&
	    limit.rlim_cur < (rlim_t)INT_MAX)
		max_fd = (int)limit.rlim_cur;
	if (last != CHILD_FD_ALL && last < max_fd)
		max_fd = last + 1;
	for (fd = first; fd < max_fd; fd++)
		(void)close(fd);
}

int
child_move_fd(int src, int dst)
{
	if (src == dst)
		return fcntl(dst, F_SETFD, 0) == 0 ? 0 : -1;
	return dup2(src, dst) == dst ? 0 : -1;
}

int
child_prepare(int keep_max_fd, int keep_from_fd)
{
	struct sigaction dfl;
	sigset_t none;
	int rc, sig;

	child_close_range(keep_max_fd + 1,
	    keep_from_fd == CHILD_FD_ALL ? CHILD_FD_ALL : keep_from_fd - 1);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	(void)sigemptyset(&dfl.sa_mask);
	/* SIGKILL, SIGSTOP and the C library's own signals refuse: fine. */
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &dfl, NULL);
	(void)sigemptyset(&none);
	rc = sigprocmask(SIG_SETMASK, &none, NULL);
	return rc == 0 ? 0 : MB_ERR_IO;
}

/*
 * Give fd a number above standard error, so that the child's dup2 onto 0,
 * 1 and 2 cannot clobber it (the caller may run with 0, 1 or 2 closed).
 */
static int
child_fd_above_stdio(int *fd)
{
	int moved;

	if (*fd > STDERR_FILENO)
		return 0;
	moved = fcntl(*fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	if (moved < 0)
		return MB_ERR_IO;
	(void)close(*fd);
	*fd = moved;
	return 0;
}

/*
 * The child of child_run between fork and exec: only async-signal-safe
 * calls.  Its input is in_fd, its output and errors go to null_fd.
 */
static void __attribute__((noreturn))
child_exec_input(const struct child_cmd *cmd, int in_fd, int null_fd)
{
	int rc;

	/*
	 * A session (and so a process group) of its own: a timeout kills all
	 * it started, and the caller's terminal, maybe a user's PTY, is not
	 * its controlling terminal.  setsid cannot fail in a new child.
	 */
	(void)setsid();
	rc = dup2(in_fd, STDIN_FILENO);
	if (rc < 0)
		_exit(CHILD_EXIT_SETUP);
	rc = dup2(null_fd, STDOUT_FILENO);
	if (rc < 0)
		_exit(CHILD_EXIT_SETUP);
	rc = dup2(null_fd, STDERR_FILENO);
	if (rc < 0)
		_exit(CHILD_EXIT_SETUP);
	rc = child_prepare(STDERR_FILENO, CHILD_FD_ALL);
	if (rc != 0)
		_exit(CHILD_EXIT_SETUP);
	(void)execve(cmd->path, cmd->argv, environ);
	_exit(CHILD_EXIT_SETUP);
}

/* Write len bytes of msg to non-blocking fd before deadline. */
static enum child_write_result
child_write_all(
    int fd, const char *msg, size_t len, long long deadline, int *error)
{
	struct pollfd pfd;
	long long left;
	size_t done = 0;
	ssize_t n;
	int rc;

	while (done < len) {
		n = write(fd, msg + done, len - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE)
			return CHILD_WRITE_EPIPE;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			*error = errno;
			return CHILD_WRITE_ERROR;
		}
		left = deadline - util_now_ms();
		if (left <= 0)
			return CHILD_WRITE_TIMEOUT;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		pfd.revents = 0;
		rc = poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left);
		if (rc < 0 && errno != EINTR) {
			*error = errno;
			return CHILD_WRITE_ERROR;
		}
	}
	return CHILD_WRITE_DONE;
}

/* Write a reason into the caller's buffer, if there is one. */
static void
child_set_err(char *err, size_t errsize, const char *why)
{
	if (err != NULL && errsize > 0)
		(void)snprintf(err, errsize, "%s", why);
}

int
child_run(const struct child_cmd *cmd, struct child_result *res, char *err,
    size_t errsize)
{
	struct sigaction ignore, old_pipe;
	sigset_t all, old_mask;
	char why[CHILD_REASON_MAX];
	enum child_write_result wr = CHILD_WRITE_ERROR;
	pid_t pid = -1;
	int fds[2] = { -1, -1 }, null_fd = -1, pipe_ignored = 0, error = 0;
	int rc = MB_ERR_IO, sysrc, flags, waited;

	assert(cmd != NULL && res != NULL);
	assert(cmd->path != NULL && cmd->argv != NULL && cmd->name != NULL);
	assert(cmd->input != NULL || cmd->input_len == 0);
	memset(res, 0, sizeof(*res));
	why[0] = '\0';
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null_fd < 0) {
		(void)snprintf(why, sizeof(why), "could not open /dev/null: %s",
		    strerror(errno));
		goto out;
	}
	sysrc = pipe2(fds, O_CLOEXEC);
	if (sysrc != 0) {
		(void)snprintf(why, sizeof(why), "could not make a pipe: %s",
		    strerror(errno));
		goto out;
	}
	sysrc = child_fd_above_stdio(&null_fd);
	if (sysrc == 0)
		sysrc = child_fd_above_stdio(&fds[0]);
	if (sysrc == 0)
		sysrc = child_fd_above_stdio(&fds[1]);
	if (sysrc != 0) {
		(void)snprintf(why, sizeof(why),
		    "could not move a descriptor: %s", strerror(errno));
		goto out;
	}
	flags = fcntl(fds[1], F_GETFL);
	if (flags >= 0)
		flags = fcntl(fds[1], F_SETFL, flags | O_NONBLOCK);
	if (flags < 0) {
		(void)snprintf(why, sizeof(why), "fcntl: %s", strerror(errno));
		goto out;
	}
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	(void)sigemptyset(&ignore.sa_mask);
	(void)sigfillset(&all);

	/* No handler of the caller may run in the child before exec. */
	sysrc = sigprocmask(SIG_SETMASK, &all, &old_mask);
	if (sysrc != 0) {
		(void)snprintf(
		    why, sizeof(why), "sigprocmask: %s", strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid == 0)
		child_exec_input(cmd, fds[0], null_fd);
	error = errno;
	sysrc = sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (sysrc != 0)
		log_error("sigprocmask: %s", strerror(errno));
	if (pid < 0) {
		(void)snprintf(why, sizeof(why), "could not start the %s: %s",
		    cmd->name, strerror(error));
		goto out;
	}
	(void)close(fds[0]);
	fds[0] = -1;
	(void)close(null_fd);
	null_fd = -1;

	sysrc = sigaction(SIGPIPE, &ignore, &old_pipe);
	if (sysrc != 0) {
		(void)snprintf(why, sizeof(why), "could not ignore SIGPIPE: %s",
		    strerror(errno));
		goto out;
	}
	pipe_ignored = 1;
	wr = child_write_all(
	    fds[1], cmd->input, cmd->input_len, cmd->deadline_ms, &error);
	/* End of input: the program may now finish. */
	(void)close(fds[1]);
	fds[1] = -1;
	sysrc = sigaction(SIGPIPE, &old_pipe, NULL);
	if (sysrc != 0)
		log_error("restoring SIGPIPE: %s", strerror(errno));
	pipe_ignored = 0;

	if (wr == CHILD_WRITE_ERROR) {
		(void)snprintf(why, sizeof(why),
		    "could not write to the %s: %s", cmd->name,
		    strerror(error));
		goto out;
	}
	res->input_unread = wr == CHILD_WRITE_EPIPE;
	if (wr == CHILD_WRITE_TIMEOUT) {
		res->timed_out = 1;
		rc = 0;
		goto out;
	}
	waited = child_wait_deadline(pid, cmd->deadline_ms, &res->status);
	if (waited == MB_ERR_BUSY) {
		res->timed_out = 1;
		rc = 0;
		goto out;
	}
	if (waited != 0) {
		/* A SIGCHLD set to SIG_IGN reaps it for us: status unknown. */
		(void)snprintf(why, sizeof(why), "lost track of the %s: %s",
		    cmd->name, strerror(errno));
		pid = -1;
		goto out;
	}
	pid = -1;
	rc = 0;
out:
	if (fds[0] >= 0)
		(void)close(fds[0]);
	if (fds[1] >= 0)
		(void)close(fds[1]);
	if (null_fd >= 0)
		(void)close(null_fd);
	if (pipe_ignored) {
		sysrc = sigaction(SIGPIPE, &old_pipe, NULL);
		if (sysrc != 0)
			log_error("restoring SIGPIPE: %s", strerror(errno));
	}
	/* Timed out, or failed after fork: it goes, with all it started. */
	if (pid > 0)
		(void)child_kill_reap(pid, NULL);
	child_set_err(err, errsize, why);
	return rc;
}

int
child_wait_deadline(pid_t pid, long long deadline_ms, int *status)
{
	long long left;
	pid_t got;
	int nap = 1;

	for (;;) {
		got = waitpid(pid, status, WNOHANG);
		if (got == pid)
			return 0;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return MB_ERR_IO;
		/* One look: no clock read in the relay's every turn. */
		if (deadline_ms <= 0)
			return MB_ERR_BUSY;
		left = deadline_ms - util_now_ms();
		if (left <= 0)
			return MB_ERR_BUSY;
		if (nap > left)
			nap = (int)left;
		/* Without SIGCHLD (the caller owns it): nap and look again. */
		(void)poll(NULL, 0, nap);
		nap = nap * 2 > CHILD_WAIT_NAP_MAX_MS ? CHILD_WAIT_NAP_MAX_MS :
							nap * 2;
	}
}

int
child_kill_reap(pid_t pid, int *status)
{
	pid_t got;
	int rc, ignored;

	/* Should it lead no group (yet), killing pid alone is enough. */
	rc = kill(-pid, SIGKILL);
	if (rc != 0)
		(void)kill(pid, SIGKILL);
	do {
		got = waitpid(pid, status != NULL ? status : &ignored, 0);
	} while (got < 0 && errno == EINTR);
	if (got < 0) {
		log_warn("waitpid %ld: %s", (long)pid, strerror(errno));
		return MB_ERR_IO;
	}
	return 0;
}

const char *
child_status_text(int status, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	if (WIFEXITED(status))
		(void)snprintf(
		    buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		(void)snprintf(
		    buf, size, "killed by signal %d", WTERMSIG(status));
	else
		(void)snprintf(
		    buf, size, "ended with wait status %#x", (unsigned)status);
	return buf;
}
