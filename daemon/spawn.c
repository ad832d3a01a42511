/*
 * spawn: start mentor for a session, on a PTY (pty-req was given) or on
 * three pipes.  mentor is a fork of the connection process that runs
 * mentor's code, linked into mentord (tui/run.c), rather than a program
 * executed anew: a login then costs no exec, no dynamic linking and no
 * relocation of a dozen libraries, and every session shares the
 * libraries' relocated pages with the listener instead of holding its own.
 * The child still starts clean: a fresh environment, the one-time session
 * token on descriptor 3, the daemon's log on descriptor 4, and nothing
 * else: no other descriptor, no blocked or ignored signal, no database
 * connection but one it opened itself (a spare mentor's, spare.c: the
 * connection process closes its own before the fork, and SQLite's must
 * never cross one), and its own name and command line in ps, none of
 * mentord's settings.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <syslog.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <sys/socket.h>

#include <sodium.h>

#include "auth.h"
#include "child.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "mentor.h"
#include "session.h"
#include "store.h"
#include "util.h"

#define SPAWN_TOKEN_FD 3
#define SPAWN_LOG_FD 4
#define SPAWN_HIGH_FD 10 /* where fds wait while 0..4 are arranged */
_Static_assert(SPAWN_HIGH_FD + SPAWN_FACTORY_FDS_MAX < SPAWN_STORE_FD_MIN,
    "a spare's store is above what a session's descriptors take");
#define SPAWN_STOP_WAIT_MS 1000
#define SPAWN_ENV_MAX 16
#define SPAWN_ENV_NAME_MAX 64 /* the longest variable name we set */
#define SPAWN_LOCALE_UTF8 "C.UTF-8" /* a session's locale (LANG) */
#define SPAWN_LOCALE_ASCII "C" /* that of a client without UTF-8 */

extern char **environ;

#if DAEMON_SANITIZED
#include <sanitizer/lsan_interface.h>

/* Settings of the sanitizers, passed on in a sanitizer build only. */
static const char *const spawn_sanitizer_vars[] = {
	"ASAN_OPTIONS=", "UBSAN_OPTIONS=", "LSAN_OPTIONS="
};
#endif

/*
 * Add to envp (holding *n entries, room for max with the final NULL) the
 * sanitizers' settings from our environment, so that mentor's reports go
 * where mentord's do; nothing in a normal build.
 */
static void
spawn_sanitizer_env(char **envp, size_t *n, size_t max)
{
#if DAEMON_SANITIZED
	size_t i, k;

	for (i = 0; environ[i] != NULL; i++) {
		for (k = 0; k < nitems(spawn_sanitizer_vars); k++) {
			if (*n + 1 < max &&
			    strncmp(environ[i], spawn_sanitizer_vars[k],
				strlen(spawn_sanitizer_vars[k])) == 0)
				envp[(*n)++] = environ[i];
		}
	}
#else
	(void)envp;
	(void)n;
	(void)max;
#endif
}

/* In the child: make envp (NAME=value strings) the whole environment. */
static int
spawn_environment(char **envp)
{
	char name[SPAWN_ENV_NAME_MAX];
	const char *eq;
	size_t i, len;

	if (clearenv() != 0)
		return -1;
	for (i = 0; envp[i] != NULL; i++) {
		eq = strchr(envp[i], '=');
		len = eq != NULL ? (size_t)(eq - envp[i]) : 0;
		if (len == 0 || len >= sizeof(name))
			return -1;
		memcpy(name, envp[i], len);
		name[len] = '\0';
		if (setenv(name, eq + 1, 1) != 0)
			return -1;
	}
	return 0;
}

/*
 * Fill envp (room for SPAWN_ENV_MAX entries) with the environment of a
 * session with parameters p: a validated TERM, the locale and language,
 * and nothing of ours.  The strings live in term (TERM_NAME_MAX + 8).
 */
static void
spawn_env(const struct spawn_params *p, char **envp, char *term)
{
	size_t nenv = 0;

	(void)snprintf(
	    term, TERM_NAME_MAX + 8, "TERM=%s", p->is_pty ? p->term : "dumb");
	envp[nenv++] = term;
	/* UTF-8 unless the client said its terminal does not do it. */
	envp[nenv++] =
	    p->ascii ? "LANG=" SPAWN_LOCALE_ASCII : "LANG=" SPAWN_LOCALE_UTF8;
	/* The client's language, for a guest's screens (a member's setting
	 * wins); gettext reads LANGUAGE under C.UTF-8. */
	envp[nenv++] = p->language == I18N_DE ? "LANGUAGE=de" : "LANGUAGE=en";
	envp[nenv++] = "NCURSES_NO_UTF8_ACS=1";
	envp[nenv++] = "PATH=/usr/local/bin:/usr/bin:/bin";
	envp[nenv++] = "HOME=/nonexistent";
	spawn_sanitizer_env(envp, &nenv, SPAWN_ENV_MAX);
	envp[nenv] = NULL;
}

/* spawn_run_request's work, with the descriptors by name; log_fd: the
 * daemon's log, or -1. */
static void __attribute__((noreturn)) spawn_run_child(const struct config *cfg,
    const struct spawn_params *p, int pty_slave, int in_rd, int out_wr,
    int err_wr, int token_rd, int log_fd, struct app *app)
{
	static const char msg[] = "mentorboard: cannot start mentor\r\n";
	enum log_level level = LOG_LEVEL_INFO;
	char *envp[SPAWN_ENV_MAX];
	char term[TERM_NAME_MAX + 8];
	struct mentor_start ms;
	int status;

	/* The C library's syslog socket is about to be closed with the
	 * rest: it must not take a descriptor of ours down when it notices
	 * (log_init opens it again). */
	closelog();
	spawn_env(p, envp, term);
	/* Lift every descriptor we need above 0..4 before filling 0..4. */
	token_rd = fcntl(token_rd, F_DUPFD, SPAWN_HIGH_FD);
	if (log_fd >= 0)
		log_fd = fcntl(log_fd, F_DUPFD, SPAWN_HIGH_FD);
	if (token_rd < 0)
		goto fail;
	if (p->is_pty) {
		if (login_tty(pty_slave) != 0)
			goto fail;
	} else if (child_move_fd(in_rd, 0) != 0 ||
	    child_move_fd(out_wr, 1) != 0 || child_move_fd(err_wr, 2) != 0)
		goto fail;
	if (child_move_fd(token_rd, SPAWN_TOKEN_FD) != 0)
		goto fail;
	if (log_fd >= 0 && child_move_fd(log_fd, SPAWN_LOG_FD) != 0)
		goto fail;
	/* A spare's store stays open, above what the session's numbers
	 * take (spare.c). */
	if (child_prepare(log_fd >= 0 ? SPAWN_LOG_FD : SPAWN_TOKEN_FD,
		app != NULL ? SPAWN_STORE_FD_MIN : CHILD_FD_ALL) != 0)
		goto fail;
	if (spawn_environment(envp) != 0)
		goto fail;
	/* envp may point into the old environment: write from the copy. */
	title_environment(environ);
	title_set("mentor", "mentor: %s", p->who);
	/* The locale the environment names (spawn_env), by its name: the
	 * factory's own already, which makes this no work at all, where
	 * setlocale(LC_ALL, "") would look every category up again. */
	(void)setlocale(
	    LC_ALL, p->ascii ? SPAWN_LOCALE_ASCII : SPAWN_LOCALE_UTF8);
	if (log_level_parse(cfg->log_level, &level) != 0)
		level = LOG_LEVEL_INFO;
	log_init("mentor", log_fd >= 0 ? SPAWN_LOG_FD : -1, cfg->syslog, level);
	/* On the heap, as the program's own: nothing of it on our stack. */
	if (app == NULL) {
		app = xcalloc(1, sizeof(*app));
		app->cfg = *cfg;
	}
	memset(&ms, 0, sizeof(ms));
	ms.token_fd = SPAWN_TOKEN_FD;
	status = mentor_run(app, &ms);
	free(app);
	(void)fflush(NULL);
#if DAEMON_SANITIZED
	__lsan_do_leak_check();
#endif
	_exit(status);
fail:
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing more to say */
	}
	_exit(CHILD_EXIT_SETUP);
}

void
spawn_run_request(const struct config *cfg, const struct spawn_params *p,
    const int *fds, struct app *app)
{
	int log_fd = cfg->syslog ? -1 : STDERR_FILENO;

	if (p->is_pty)
		spawn_run_child(
		    cfg, p, fds[0], -1, -1, -1, fds[1], log_fd, app);
	spawn_run_child(
	    cfg, p, -1, fds[0], fds[1], fds[2], fds[3], log_fd, app);
}

/*
 * The port's capability (ambient, effective and permitted under systemd)
 * is the listener's, never a mentor's: a mentor forked here, not by the
 * factory's fresh image, gives up every capability it inherited.
 */
static void
spawn_drop_capabilities(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3,
		0 };
	struct __user_cap_data_struct none[2];

	memset(none, 0, sizeof(none));
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	if (syscall(SYS_capset, &hdr, none) != 0)
		_exit(CHILD_EXIT_SETUP);
}

/* Write all of len bytes to a file: 0, or -1 with errno. */
static int
spawn_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Make a session row and the descriptor that carries its token and, for an
 * exec request, the command: "TOKEN\n" then "C" and the command.  Never
 * argv, which every local user can read in /proc (a reset code is in it).
 * It is a file in memory, not a pipe: written whole before any mentor
 * reads, which a pipe cannot promise (the kernel gives a user's pipes
 * 4 KiB only, past fs.pipe-user-pages-soft), and a write that waited for
 * a reader that is not there yet would hang this process for good.
 */
static int
spawn_token(struct conn *c, const char *command, int *token_rd)
{
	uint8_t token[TOKEN_BYTES], hash[KEYED_HASH_BYTES];
	char hex[TOKEN_HEX_LEN + 2];
	size_t clen = command != NULL ? strlen(command) : 0;
	int fd, rc;

	auth_token_new(token, hex);
	auth_keyed_hash(c->board_key, token, sizeof(token), hash);
	sodium_memzero(token, sizeof(token));
	rc = gate_ask_session(c, hash);
	if (rc != 0)
		return rc;
	fd = memfd_create("mentorboard-token", MFD_CLOEXEC);
	if (fd < 0) {
		log_error("memfd_create: %s", strerror(errno));
		return MB_ERR_IO;
	}
	hex[TOKEN_HEX_LEN] = '\n';
	if (spawn_write_all(fd, hex, TOKEN_HEX_LEN + 1) != 0 ||
	    (command != NULL &&
		(spawn_write_all(fd, "C", 1) != 0 ||
		    spawn_write_all(fd, command, clen) != 0)) ||
	    lseek(fd, 0, SEEK_SET) != 0) {
		log_error("writing the hand-over failed: %s", strerror(errno));
		sodium_memzero(hex, sizeof(hex));
		(void)close(fd);
		return MB_ERR_IO;
	}
	sodium_memzero(hex, sizeof(hex));
	*token_rd = fd;
	return 0;
}

static int
spawn_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0)
		return MB_ERR_IO;
	return 0;
}

/* The parameters of c's session, as a mentor starting anywhere needs them. */
static void
spawn_params_of(const struct conn *c, struct spawn_params *p)
{
	memset(p, 0, sizeof(*p));
	p->magic = SPAWN_PARAMS_MAGIC;
	p->is_pty = c->pty;
	p->ascii = c->ascii;
	p->language = (int)c->language;
	(void)snprintf(p->term, sizeof(p->term), "%s", c->term);
	(void)snprintf(p->who, sizeof(p->who), "%s",
	    c->user_id != 0 ? c->username : "guest");
}

/* Has the client hung up (its end of the connection closed or broken)? */
static int
spawn_client_gone(struct conn *c)
{
	struct pollfd pfd = { .fd = ssh_get_fd(c->session),
		.events = POLLRDHUP };

	return poll(&pfd, 1, 0) > 0 && pfd.revents != 0;
}

/*
 * Ask the factory to start the session's mentor on these descriptors
 * (a PTY's slave, or the three pipe ends; then the token's pipe), and
 * wait for its answer.  0 with the child's pid and the socket that
 * carries its news; MB_ERR_IO (logged at debug level: the caller then
 * forks the mentor itself) when there is no factory, or it dropped the
 * request; MB_ERR_EXPIRED (logged; the session fails) when it holds the
 * request without an answer for FACTORY_ANSWER_MS + FACTORY_STUCK_MS, or
 * the client hangs up while it waits.
 */
static int
spawn_via_factory(struct conn *c, const struct spawn_params *p, const int *fds,
    size_t nfds, pid_t *pid, int *news_fd)
{
	int all[SPAWN_FACTORY_FDS_MAX], pair[2] = { -1, -1 }, rc = MB_ERR_IO;
	int client = ssh_get_fd(c->session);
	struct factory_msg msg;
	size_t i;

	if (c->dc->factory_fd < 0)
		return MB_ERR_IO;
	assert(nfds + 1 <= nitems(all));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
		log_error("socketpair: %s", strerror(errno));
		return MB_ERR_IO;
	}
	for (i = 0; i < nfds; i++)
		all[i] = fds[i];
	all[nfds] = pair[1];
	rc = factory_send(c->dc->factory_fd, p, sizeof(*p), all, nfds + 1,
	    util_now_ms() + FACTORY_ANSWER_MS);
	(void)close(pair[1]);
	if (rc == 0)
		rc = factory_recv_msg(
		    pair[0], &msg, util_now_ms() + FACTORY_ANSWER_MS, client);
	/*
	 * A slow factory holds the request (its descriptors: our PTY slave
	 * or pipes, and the token) and can still fork its mentor at any
	 * moment; one forked here too would share them, and the login of
	 * one of the two would fail.  So no fork here while the factory
	 * may still start it: its answer is awaited as long as it holds
	 * the request's socket.  Its end (EOF: the factory died, dropped
	 * the request, or closed its queue as it stopped taking sessions)
	 * means it never will, and then the fork here is safe.  A factory
	 * stuck for long fails this session, without a fork here either;
	 * so does a client that hangs up meanwhile (nobody waits for it).
	 */
	if (rc == MB_ERR_EXPIRED && !spawn_client_gone(c)) {
		log_warn("%s: the mentor factory is slow, still waiting",
		    c->remote_addr);
		rc = factory_recv_msg(
		    pair[0], &msg, util_now_ms() + FACTORY_STUCK_MS, client);
	}
	if (rc == MB_ERR_EXPIRED) {
		if (spawn_client_gone(c))
			log_info(
			    "%s: the client left before its mentor started",
			    c->remote_addr);
		else
			log_error(
			    "%s: the mentor factory is stuck", c->remote_addr);
		(void)close(pair[0]);
		return rc;
	}
	/* Not a word our factory says: whether it started a mentor is not
	 * known, so no fork here either (the session fails). */
	if (rc == 0 && (msg.type != FACTORY_MSG_STARTED || msg.value <= 0))
		rc = MB_ERR_INVALID;
	if (rc != 0) {
		log_debug(
		    "%s: no answer from the mentor factory", c->remote_addr);
		/* Were a mentor started after all, this hangs up on it. */
		(void)close(pair[0]);
		return rc;
	}
	if (spawn_nonblock(pair[0]) != 0) {
		(void)close(pair[0]);
		return MB_ERR_IO;
	}
	*pid = (pid_t)msg.value;
	*news_fd = pair[0];
	return 0;
}

/* Note that mentor has ended, with its wait status. */
static void
spawn_exited(struct conn *c, int status)
{
	char text[CHILD_STATUS_TEXT_MAX];

	c->child.exited = 1;
	c->child.status = status;
	log_debug("%s: mentor %ld %s", c->remote_addr, (long)c->child.pid,
	    child_status_text(status, text, sizeof(text)));
}

/*
 * Read what the factory says of our mentor (its exit status) without
 * waiting.  Without a word of its status, a factory that went away took
 * the mentor with it (it hangs up on its children as it ends).
 */
static void
spawn_factory_news(struct conn *c)
{
	struct factory_msg msg;
	ssize_t n;

	while (c->child.factory_fd >= 0 && !c->child.exited) {
		n = recv(c->child.factory_fd, &msg, sizeof(msg), MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n == (ssize_t)sizeof(msg) && msg.type == FACTORY_MSG_EXITED)
			spawn_exited(c, msg.value);
		else if (n <= 0)
			spawn_exited(c, SIGHUP); /* "killed by SIGHUP" */
	}
}

/* The event's callback on the factory's socket. */
static int
spawn_factory_cb(int fd, int revents, void *userdata)
{
	struct conn *c = userdata;

	(void)fd;
	(void)revents;
	spawn_factory_news(c);
	return 0;
}

int
spawn_mentor(struct conn *c)
{
	const struct config *cfg = c->dc->cfg;
	struct spawn_params params;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int master = -1, slave = -1, token_rd = -1, rc = MB_ERR_IO;
	int handed[SPAWN_FACTORY_FDS_MAX], news_fd = -1;
	size_t n = 0, nhanded = 0;
	pid_t pid = -1;

	/* A shell without a terminal gets the command list. */
	rc = spawn_token(c,
	    c->request == CONN_REQUEST_EXEC ? c->command :
		!c->pty			    ? "help" :
					      NULL,
	    &token_rd);
	if (rc != 0)
		return rc;
	rc = MB_ERR_IO;
	spawn_params_of(c, &params);

	c->child.is_pty = c->pty;
	if (c->pty) {
		if (openpty(&master, &slave, NULL, NULL, &c->ws) != 0) {
			log_error("openpty: %s", strerror(errno));
			goto fail;
		}
		if (fcntl(master, F_SETFD, FD_CLOEXEC) != 0)
			goto fail;
		handed[nhanded++] = slave;
	} else if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(err, O_CLOEXEC) != 0) {
		log_error("pipe2: %s", strerror(errno));
		goto fail;
	} else {
		handed[nhanded++] = in[0];
		handed[nhanded++] = out[1];
		handed[nhanded++] = err[1];
	}
	handed[nhanded++] = token_rd;
	/* The child must not inherit an open database, nor buffered
	 * output to write twice. */
	conn_store_drop(c);
	(void)fflush(NULL);
	rc = spawn_via_factory(c, &params, handed, nhanded, &pid, &news_fd);
	if (rc == MB_ERR_EXPIRED || rc == MB_ERR_INVALID)
		goto fail; /* the factory may still fork: not here too */
	if (rc != 0) {
		/* No factory: fork the mentor here, so no login fails. */
		rc = MB_ERR_IO;
		pid = fork();
		if (pid < 0) {
			log_error("fork: %s", strerror(errno));
			goto fail;
		}
		if (pid == 0) {
			spawn_drop_capabilities();
			spawn_run_request(cfg, &params, handed, NULL);
		}
	}
	c->child.pid = pid;
	c->child.factory_fd = news_fd;
	if (news_fd >= 0 &&
	    ssh_event_add_fd(c->event, news_fd, POLLIN, spawn_factory_cb, c) !=
		SSH_OK)
		log_error("ssh_event_add_fd failed");
	if (c->pty) {
		/* Without closing our slave, the master never reports EIO. */
		(void)close(slave);
		slave = -1;
		c->child.in_fd = c->child.out_fd = master;
		c->child.err_fd = -1;
		c->relay.err_done = 1;
		master = -1;
	} else {
		(void)close(in[0]);
		(void)close(out[1]);
		(void)close(err[1]);
		c->child.in_fd = in[1];
		c->child.out_fd = out[0];
		c->child.err_fd = err[0];
	}
	/* Kept: the mentor marks it once it closed its row (session.h). */
	c->child.handover_fd = token_rd;
	token_rd = -1;
	if (spawn_nonblock(c->child.in_fd) != 0 ||
	    spawn_nonblock(c->child.out_fd) != 0 ||
	    (c->child.err_fd >= 0 && spawn_nonblock(c->child.err_fd) != 0))
		log_warn("cannot make the relay non-blocking");
	log_debug("%s: started mentor, pid %ld%s", c->remote_addr, (long)pid,
	    news_fd >= 0 ? " (by the factory)" : "");
	return 0;
fail:
	if (master >= 0)
		(void)close(master);
	if (slave >= 0)
		(void)close(slave);
	for (n = 0; n < 2; n++) {
		if (in[n] >= 0)
			(void)close(in[n]);
		if (out[n] >= 0)
			(void)close(out[n]);
		if (err[n] >= 0)
			(void)close(err[n]);
	}
	(void)close(token_rd);
	return rc;
}

int
spawn_row_closed(struct conn *c)
{
	int marked;

	if (c->child.handover_fd < 0)
		return 0;
	/* The mentor marks the file only after its row is gone. */
	marked = session_handover_marked(c->child.handover_fd);
	(void)close(c->child.handover_fd);
	c->child.handover_fd = -1;
	return marked;
}

void
spawn_signal(struct conn *c, int sig)
{
	struct factory_msg msg = { .type = FACTORY_MSG_SIGNAL, .value = sig };

	if (c->child.pid <= 0 || c->child.exited)
		return;
	if (c->child.factory_fd >= 0) {
		/* The factory's child: the factory signals it, as long as it
		 * has not reaped it (no pid reused by then). */
		if (send(c->child.factory_fd, &msg, sizeof(msg),
			MSG_DONTWAIT | MSG_NOSIGNAL) != (ssize_t)sizeof(msg))
			log_debug("signal to the factory: %s", strerror(errno));
		return;
	}
	if (kill(c->child.pid, sig) != 0 && errno != ESRCH)
		log_warn("kill %ld: %s", (long)c->child.pid, strerror(errno));
}

int
spawn_reap(struct conn *c)
{
	int rc, status = 0;

	if (c->child.pid <= 0 || c->child.exited)
		return c->child.exited;
	if (c->child.factory_fd >= 0) {
		spawn_factory_news(c);
		return c->child.exited;
	}
	/* A deadline of 0 has passed: one look, no wait. */
	rc = child_wait_deadline(c->child.pid, 0, &status);
	if (rc == 0)
		spawn_exited(c, status);
	return c->child.exited;
}

/* Wait until deadline for the factory's word that our mentor ended. */
static void
spawn_factory_wait(struct conn *c, long long deadline)
{
	struct pollfd pfd;
	long long left;

	for (;;) {
		spawn_factory_news(c);
		left = deadline - util_now_ms();
		if (c->child.exited || left <= 0)
			return;
		pfd.fd = c->child.factory_fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return;
	}
}

void
spawn_stop(struct conn *c)
{
	int rc, status = 0;

	if (c->child.pid <= 0 || c->child.exited)
		return;
	spawn_signal(c, SIGHUP);
	if (c->child.factory_fd >= 0) {
		spawn_factory_wait(c, util_now_ms() + SPAWN_STOP_WAIT_MS);
		if (c->child.exited)
			return;
		log_warn("mentor %ld ignored SIGHUP; killing it",
		    (long)c->child.pid);
		spawn_signal(c, SIGKILL);
		spawn_factory_wait(c, util_now_ms() + SPAWN_STOP_WAIT_MS);
		return;
	}
	rc = child_wait_deadline(
	    c->child.pid, util_now_ms() + SPAWN_STOP_WAIT_MS, &status);
	if (rc == MB_ERR_IO) {
		log_warn(
		    "waitpid %ld: %s", (long)c->child.pid, strerror(errno));
		return;
	}
	if (rc == MB_ERR_BUSY) {
		log_warn("mentor %ld ignored SIGHUP; killing it",
		    (long)c->child.pid);
		rc = child_kill_reap(c->child.pid, &status);
	}
	if (rc == 0)
		spawn_exited(c, status);
}

void
spawn_forget_factory(struct conn *c)
{
	if (c->child.factory_fd < 0)
		return;
	if (c->event != NULL &&
	    ssh_event_remove_fd(c->event, c->child.factory_fd) != SSH_OK)
		log_debug("ssh_event_remove_fd failed");
	(void)close(c->child.factory_fd);
	c->child.factory_fd = -1;
}
