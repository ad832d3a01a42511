/*
 * gate: the login gate (daemon.h says what it answers, and why).  The
 * listener forks it with one end of a SOCK_SEQPACKET pair; every
 * connection process holds the other.  A question is one message: a
 * struct gate_request cut after its key's NUL, with one descriptor, the
 * socket to answer on, which the gate closes once it has written the
 * struct gate_answer there (never waiting: a connection that gave up has
 * closed it); a login, which needs no answer, comes without.  Questions are answered in turn; the gate holds the store
 * open, checks at each GATE_OP_OPEN that it is still the file at the
 * store's path (a database moved away or replaced is opened again, and one
 * that cannot be is said so), and ends on SIGTERM or when the listener
 * dies.  It answers nothing a connection process could not read or write
 * itself: they run as the same user, on the same file.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "account.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "session.h"
#include "store.h"
#include "throttle.h"
#include "util.h"

#if DAEMON_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

#define GATE_TURN_MAX 64 /* questions answered before signals are looked at */

/*
 * The store, open on the file at its path: one moved away or replaced
 * since is closed and the new one opened.  0, or MB_ERR_* (logged by the
 * store, error_fault set).
 */
static int
gate_store(struct gate *g, int check)
{
	struct stat st;
	int rc;

	if (g->b.store != NULL && check &&
	    (stat(g->path, &st) != 0 || st.st_dev != g->dev ||
		st.st_ino != g->ino)) {
		log_warn("%s was moved or replaced; opening it again", g->path);
		store_close(g->b.store);
		g->b.store = NULL;
	}
	if (g->b.store != NULL)
		return 0;
	rc = store_open(g->path, &g->b.store);
	if (rc != 0)
		return rc;
	/* Logins must not wait for the file's sync. */
	store_leave_checkpoints(g->b.store);
	if (stat(g->path, &st) == 0) {
		g->dev = st.st_dev;
		g->ino = st.st_ino;
	}
	return 0;
}

int
gate_request_valid(const struct gate_request *rq, size_t n)
{
	const size_t head = offsetof(struct gate_request, key);

	if (n <= head || n > head + sizeof(rq->key) ||
	    rq->magic != GATE_REQUEST_MAGIC || rq->op < GATE_OP_OPEN ||
	    rq->op > GATE_OP_SESSION || ((const char *)rq)[n - 1] != '\0' ||
	    memchr(rq->addr, '\0', sizeof(rq->addr)) == NULL ||
	    memchr(rq->user, '\0', sizeof(rq->user)) == NULL ||
	    memchr(rq->key_type, '\0', sizeof(rq->key_type)) == NULL)
		return 0;
	if (rq->op == GATE_OP_LOGIN &&
	    (rq->user_id <= 0 ||
		(rq->method != SESSION_METHOD_PASSWORD &&
		    rq->method != SESSION_METHOD_KEY)))
		return 0;
	return rq->user_id >= 0;
}

void
gate_answer(
    struct gate *g, const struct gate_request *rq, struct gate_answer *an)
{
	int64_t v = 0;

	memset(an, 0, sizeof(*an));
	error_fault_set(0);
	an->rc = gate_store(g, rq->op == GATE_OP_OPEN);
	if (an->rc != 0) {
		an->fault = error_fault();
		return;
	}
	switch ((enum gate_op)rq->op) {
	case GATE_OP_OPEN:
		break;
	case GATE_OP_KEY:
		if (rq->wait)
			an->wait_ms = throttle_wait_ms(
			    &g->b, &throttle_login, rq->addr, rq->user);
		an->rc = account_login_key(
		    &g->b, rq->user, rq->key_type, rq->key, &v);
		break;
	case GATE_OP_WAIT:
		an->wait_ms = throttle_wait_ms(
		    &g->b, &throttle_login, rq->addr, rq->user);
		break;
	case GATE_OP_FAILED:
		an->rc =
		    throttle_count(&g->b, &throttle_login, rq->addr, rq->user);
		break;
	case GATE_OP_LOGIN:
		throttle_succeeded(&g->b, &throttle_login, rq->user);
		an->rc = session_login(&g->b, rq->user_id, rq->addr,
		    (enum session_method)rq->method);
		break;
	case GATE_OP_SESSION:
		an->rc = session_open(&g->b, rq->token_hash, rq->user_id,
		    rq->addr, (pid_t)rq->pid, &v);
		break;
	}
	an->value = v;
	an->fault = error_fault();
}

/*
 * Answer rq on fd (-1: no answer wanted).  A question past its deadline
 * is not done: its connection does it itself; a session row whose answer
 * cannot be sent is closed again.
 */
static void
gate_reply(struct gate *g, const struct gate_request *rq, int fd)
{
	struct gate_answer an;

	if (fd >= 0 && util_now_ms() > rq->deadline_ms) {
		log_debug("login gate: a question past its deadline dropped");
		return;
	}
	gate_answer(g, rq, &an);
	if (fd < 0 ||
	    send(fd, &an, sizeof(an), MSG_DONTWAIT | MSG_NOSIGNAL) ==
		(ssize_t)sizeof(an))
		return;
	log_debug("a connection left before its answer");
	if (rq->op == GATE_OP_SESSION && an.rc == 0)
		(void)session_close(&g->b, an.value);
}

/*
 * Take one question from sock and answer it.  0, or 1 when there is none
 * (or no connection can reach us any more: the poll says so).
 */
static int
gate_serve_one(struct gate *g, int sock)
{
	static struct gate_request rq;
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int) * 2)];
	} control;
	struct msghdr mh;
	struct cmsghdr *cm = NULL;
	struct iovec iov;
	int fds[2], nfds = 0, i;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = &rq;
	iov.iov_len = sizeof(rq);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = control.buf;
	mh.msg_controllen = sizeof(control.buf);
	n = recvmsg(sock, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n < 0)
		return 1;
	for (cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		for (i = 0;
		     (size_t)i < (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int) &&
		     nfds < 2;
		     i++)
			memcpy(&fds[nfds++], CMSG_DATA(cm) + i * sizeof(int),
			    sizeof(int));
	}
	/* A socket to answer on with each question but a login's.  An empty
	 * message (or the end, which the poll sees) is no question either. */
	if (nfds == (rq.op == GATE_OP_LOGIN ? 0 : 1) &&
	    (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) == 0 &&
	    gate_request_valid(&rq, (size_t)n))
		gate_reply(g, &rq, nfds == 1 ? fds[0] : -1);
	else if (n > 0)
		log_warn("login gate: a message that is no question; dropped");
	for (i = 0; i < nfds; i++)
		(void)close(fds[i]);
	/* Nothing of one question is read as part of the next. */
	memset(&rq, 0, sizeof(rq));
	return 0;
}

/* Be the gate on sock; never returns. */
static void __attribute__((noreturn))
gate_main(const struct daemon_ctx *dc, int sock, pid_t listener)
{
	struct pollfd pfd[2];
	struct gate g;
	int sig_fd = -1, status = 1, i, rc;

	title_set(GATE_NAME, "mentord: login gate");
	/* Ending signals come between two answers. */
	sig_fd = listener_child_signals(listener, "login gate");
	memset(&g, 0, sizeof(g));
	g.b.cfg = dc->cfg;
	if (path_join(g.path, sizeof(g.path), dc->cfg->state_dir,
		STORE_FILE_NAME) != 0) {
		log_error("login gate: cannot start; logins ask the store");
		goto out;
	}
	/* Opened ahead of the first question; one that fails now is tried
	 * again at each. */
	(void)gate_store(&g, 0);
	log_debug("login gate started");
	for (;;) {
		pfd[0].fd = sig_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = sock;
		pfd[1].events = POLLIN;
		rc = poll(pfd, 2, -1);
		if (rc < 0 && errno != EINTR) {
			log_error("poll: %s", strerror(errno));
			break;
		}
		if (rc > 0 && (pfd[0].revents & POLLIN)) {
			status = 0; /* asked to end */
			break;
		}
		if (rc <= 0)
			continue;
		for (i = 0, rc = 0; i < GATE_TURN_MAX && rc == 0; i++)
			rc = gate_serve_one(&g, sock);
		if (pfd[1].revents & (POLLHUP | POLLERR)) {
			status = 0; /* nobody can ask any more */
			break;
		}
	}
	store_close(g.b.store);
out:
	(void)close(sig_fd);
#if DAEMON_SANITIZED
	__lsan_do_leak_check();
#endif
	_exit(status);
}

pid_t
gate_start(struct daemon_ctx *dc, const int *close_fds, size_t nclose)
{
	int pair[2] = { -1, -1 };
	pid_t pid, listener = getpid();
	size_t i;

	if (dc->gate_fd >= 0)
		(void)close(dc->gate_fd);
	dc->gate_fd = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
		log_error("socketpair: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		(void)close(pair[0]);
		(void)close(pair[1]);
		return -1;
	}
	if (pid == 0) {
		(void)close(pair[0]);
		for (i = 0; i < nclose; i++) {
			if (close_fds[i] >= 0)
				(void)close(close_fds[i]);
		}
		/* Ctrl-C on mentord's terminal is the listener's to take. */
		if (setsid() < 0)
			log_warn("setsid: %s", strerror(errno));
		gate_main(dc, pair[1], listener);
	}
	(void)close(pair[1]);
	dc->gate_fd = pair[0];
	return pid;
}
