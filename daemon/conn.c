/*
 * conn: one connection, in a process of its own.  Key exchange, login,
 * then a loop that serves the session channel until the mentor process
 * ends or the client goes away.  Nothing here decides what a user may do:
 * that is mentor's job, through common/.
 */
#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auth.h"
#include "daemon.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "session.h"
#include "util.h"
#include "store.h"

#if DAEMON_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

/* Everything that can happen comes as an event on a descriptor (the
 * client, the child, signals): an idle session sleeps, it does not poll. */
#define CONN_POLL_MS (-1)
/* After events, once no other came for this long, the session gives back
 * the memory they left free (util_memory_trim), then sleeps again. */
#define CONN_QUIET_MS 2000
/* How long one wait of the key exchange loop lasts; the client's first
 * bytes are due in CLIENT_BANNER_SECONDS, the whole exchange in
 * KEX_SECONDS (or login_grace_time if shorter). */
#define CONN_KEX_POLL_MS 250
/* conn_key_exchange: the client stayed silent or slow. */
#define CONN_SILENT 1
/* A refused connection waits for its client to be quiet this long, at
 * most this many times, to be able to say why. */
#define CONN_REFUSE_POLL_MS 100
#define CONN_REFUSE_TURNS 10

/* Signals arrive here through a signalfd watched by the libssh event. */
static int
conn_signal_cb(int fd, int revents, void *userdata)
{
	struct conn *c = userdata;
	struct signalfd_siginfo si;
	ssize_t n;

	(void)revents;
	for (;;) {
		n = read(fd, &si, sizeof(si));
		if (n != (ssize_t)sizeof(si))
			break;
		switch (si.ssi_signo) {
		case SIGCHLD:
			(void)spawn_reap(c);
			break;
		case SIGTERM:
		case SIGHUP:
			if (!c->shutting_down)
				log_info(
				    "%s: board shutting down", c->remote_addr);
			c->shutting_down = 1;
			if (c->child.pid > 0 && !c->child.exited)
				spawn_signal(c, SIGTERM);
			else if (!c->started)
				c->done = 1;
			break;
		}
	}
	return 0;
}

/* Block the signals the loop takes through its signalfd. */
static int
conn_setup_signals(struct conn *c)
{
	sigset_t mask;

	(void)sigemptyset(&mask);
	(void)sigaddset(&mask, SIGCHLD);
	(void)sigaddset(&mask, SIGTERM);
	(void)sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) != 0)
		return MB_ERR_IO;
	if (signal(SIGCHLD, SIG_DFL) == SIG_ERR)
		return MB_ERR_IO;
	c->sig_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	return c->sig_fd < 0 ? MB_ERR_IO : 0;
}

/* Has the client ended the connection (or has it broken)? */
static int
conn_closed(struct conn *c)
{
	return (ssh_get_status(c->session) & (SSH_CLOSED | SSH_CLOSED_ERROR)) !=
	    0;
}

/*
 * The child has ended and its output is sent: report its exit status,
 * EOF and close, then give the client a moment to close its side of the
 * channel and then of the connection, so that it exits with the status
 * instead of "closed by remote host".  A client reads our close after
 * the packets before it, but PuTTY's plink takes the connection's end as
 * it comes, before the channel's close it has not handled yet: "Remote
 * side unexpectedly closed network connection", exit status 1 (about one
 * run in 300 under load).  So the connection is the client's to end, as
 * OpenSSH's and PuTTY's clients do once their last channel is closed;
 * one that keeps it open is ended at CLOSE_WAIT_MS.
 */
static void
conn_finish_channel(struct conn *c)
{
	const char *name = NULL;
	long long deadline;
	int status = c->child.status;

	if (WIFSIGNALED(status)) {
		name = sigabbrev_np(WTERMSIG(status));
		if (ssh_channel_request_send_exit_signal(c->channel,
			name != NULL ? name : "KILL", WCOREDUMP(status), "",
			"") != SSH_OK)
			log_debug("exit-signal not sent");
	} else if (ssh_channel_request_send_exit_status(
		       c->channel, WEXITSTATUS(status)) != SSH_OK)
		log_debug("exit-status not sent");
	if (ssh_channel_send_eof(c->channel) != SSH_OK ||
	    ssh_channel_close(c->channel) != SSH_OK) {
		log_debug("%s: channel already gone", c->remote_addr);
		return;
	}
	deadline = util_now_ms() + CLOSE_WAIT_MS;
	while (!conn_closed(c) && util_now_ms() < deadline) {
		if (ssh_event_dopoll(c->event, 100) == SSH_ERROR)
			break;
	}
}

/*
 * Tell the client no session could start, in the member's language (or,
 * for a guest or a member who cannot be read, the client's locale's), and
 * why when it is a full disk (no session without its row).
 */
static void
conn_say_busy(struct conn *c)
{
	enum i18n_language lang = c->language;
	struct board *b = NULL;
	struct store_user u;
	char *line = NULL;
	int rc = MB_ERR_NOTFOUND, full = error_fault() == MB_ERR_FULL;

	if (c->user_id != 0)
		b = conn_board(c);
	if (b != NULL)
		rc = store_user_get(b->store, c->user_id, &u);
	if (rc == 0)
		lang = u.language;
	(void)i18n_use(lang);
	line = xasprintf("mentorboard: %s\r\n",
	    full ? _("the board's disk is full; try again later") :
		   _("cannot start a session, try again later"));
	if (ssh_channel_write_stderr(
		c->channel, line, (uint32_t)strlen(line)) == SSH_ERROR)
		log_debug("stderr write failed");
	free(line);
}

/*
 * Start what the channel asked for: mentor, or the SFTP server, which
 * runs here until the client ends it.  Either way the channel then closes
 * with an exit status.
 */
static void
conn_start(struct conn *c)
{
	struct rlimit mem;
	sigset_t term;
	int rc;

	if (c->request == CONN_REQUEST_SFTP) {
		/* libssh's SFTP reads block: let SIGTERM end us outright;
		 * an unfinished upload is then simply not stored. */
		(void)sigemptyset(&term);
		(void)sigaddset(&term, SIGTERM);
		(void)sigprocmask(SIG_UNBLOCK, &term, NULL);
		/* libssh reads a whole SFTP packet (up to 256 MiB) before we
		 * see it: bound what this process may take.  AddressSanitizer
		 * maps far more than a process needs: no limit under it. */
		mem.rlim_cur = mem.rlim_max = SFTP_MEMORY_MAX;
		if (!DAEMON_SANITIZED && setrlimit(RLIMIT_DATA, &mem) != 0)
			log_warn("setrlimit: %s", strerror(errno));
		rc = sftp_serve(c);
		c->child.exited = 1;
		c->child.status = rc == 0 ? 0 : 1 << 8;
		c->relay.out_done = c->relay.err_done = 1;
		return;
	}
	rc = spawn_mentor(c);
	if (rc != 0) {
		conn_say_busy(c);
		c->child.exited = 1;
		c->child.status = 1 << 8;
		c->relay.out_done = c->relay.err_done = 1;
	}
}

struct board *
conn_board(struct conn *c)
{
	char path[PATH_MAX];

	if (c->board.store == NULL &&
	    (path_join(path, sizeof(path), c->dc->cfg->state_dir,
		 STORE_FILE_NAME) != 0 ||
		store_open(path, &c->board.store) != 0))
		return NULL;
	/* A login must not wait for the file's sync. */
	store_leave_checkpoints(c->board.store);
	c->board.cfg = c->dc->cfg;
	c->board.key = c->board_key;
	return &c->board;
}

void
conn_store_drop(struct conn *c)
{
	store_close(c->board.store);
	c->board.store = NULL;
	/* Give SQLite's page cache back: this process lives as long as the
	 * session does. */
	(void)malloc_trim(0);
}

/*
 * The event the session's loops wait on: the client's socket and our
 * signals.  Made once libssh has put the socket in its poll context.
 */
static int
conn_event_setup(struct conn *c)
{
	c->event = ssh_event_new();
	if (c->event == NULL ||
	    ssh_event_add_session(c->event, c->session) != SSH_OK ||
	    ssh_event_add_fd(c->event, c->sig_fd, POLLIN, conn_signal_cb, c) !=
		SSH_OK) {
		log_error("%s: event set-up failed", c->remote_addr);
		return MB_ERR_IO;
	}
	return 0;
}

/*
 * The key exchange, driven by our event loop rather than libssh's own
 * blocking wait.  That wait ends only once the session is "authenticating":
 * a client that sends its login with the key exchange, without waiting for
 * the service to be accepted (Dropbear's dbclient), logs in as guest inside
 * it, the session is "authenticated" at once, and the wait would never end.
 * Returns 0 once the exchange is done (and perhaps the login too), or
 * MB_ERR_IO.
 */
static int
conn_key_exchange(struct conn *c)
{
	long long start = util_now_ms(), deadline, banner_deadline;
	struct conn_status_msg msg;
	int rc, seconds;

	seconds = c->dc->cfg->login_grace_time < KEX_SECONDS ?
	    c->dc->cfg->login_grace_time :
	    KEX_SECONDS;
	deadline = start + seconds * 1000LL;
	banner_deadline = start + CLIENT_BANNER_SECONDS * 1000LL;
	ssh_set_blocking(c->session, 0);
	/* The first call sends our banner and looks once for the client's. */
	rc = ssh_handle_key_exchange(c->session);
	if (rc == SSH_ERROR || conn_event_setup(c) != 0)
		rc = SSH_ERROR;
	while (rc == SSH_AGAIN && !c->authenticated && !c->done) {
		if (util_now_ms() >= deadline ||
		    (ssh_get_clientbanner(c->session) == NULL &&
			util_now_ms() >= banner_deadline))
			break;
		if (ssh_event_dopoll(c->event, CONN_KEX_POLL_MS) == SSH_ERROR)
			break;
		rc = ssh_handle_key_exchange(c->session);
	}
	ssh_set_blocking(c->session, 1);
	if (rc == SSH_OK || (rc == SSH_AGAIN && c->authenticated)) {
		/* The listener counts it as a real client from now on. */
		memset(&msg, 0, sizeof(msg));
		msg.pid = getpid();
		msg.event = CONN_STATUS_KEX_DONE;
		if (write(c->dc->status_fd, &msg, sizeof(msg)) !=
		    (ssize_t)sizeof(msg))
			log_warn(
			    "could not tell the listener of a key exchange");
		return 0;
	}
	if (rc == SSH_AGAIN) {
		log_info("%s: %s in %lld ms; closing", c->remote_addr,
		    ssh_get_clientbanner(c->session) == NULL ?
			"no SSH version line" :
			"key exchange not finished",
		    util_now_ms() - start);
		return CONN_SILENT;
	}
	log_info("%s: key exchange failed: %s", c->remote_addr,
	    ssh_get_error(c->session));
	return MB_ERR_IO;
}

/*
 * The board cannot be opened (the store logged why): say so in the
 * disconnect message that closes the connection, which clients show (a
 * reset would say nothing), with the true reason when it is a full disk.
 */
static void
conn_refuse(struct conn *c)
{
	char *why = NULL;
	int turns, rc = SSH_OK;

	log_warn("%s: the board cannot be opened; connection closed",
	    c->remote_addr);
	/* Before the login: in the language of the board's locale. */
	why = xasprintf("mentorboard: %s",
	    error_fault() == MB_ERR_FULL ?
		_("the board's disk is full; try again later") :
		_("the board cannot open its database; try again later"));
	if (ssh_session_set_disconnect_message(c->session, why) != SSH_OK)
		log_debug("%s: disconnect message not set", c->remote_addr);
	free(why);
	/*
	 * libssh writes the disconnect message at once only if its loop saw
	 * the socket writable since its last write, and otherwise drops it
	 * with the socket.  So turn the loop until the client is quiet (what
	 * it sends meanwhile is answered as ever: a login cannot succeed
	 * without the board, but for a guest's), a bounded number of times.
	 */
	for (turns = 0; turns < CONN_REFUSE_TURNS; turns++) {
		rc = ssh_event_dopoll(c->event, CONN_REFUSE_POLL_MS);
		if (rc != SSH_OK)
			break;
	}
	if (rc == SSH_ERROR)
		log_debug("%s: connection lost", c->remote_addr);
}

/* The loop of an authenticated (or authenticating) connection. */
static void
conn_loop(struct conn *c)
{
	int rc, trimmed = 0;

	while (!c->done) {
		rc = ssh_event_dopoll(
		    c->event, trimmed ? CONN_POLL_MS : CONN_QUIET_MS);
		if (rc == SSH_AGAIN && !trimmed) {
			util_memory_trim();
			trimmed = 1;
		} else if (rc == SSH_OK)
			trimmed = 0;
		if (rc == SSH_ERROR) {
			log_debug("%s: connection lost: %s", c->remote_addr,
			    ssh_get_error(c->session));
			break;
		}
		if (conn_closed(c))
			break;
		if (c->request != CONN_REQUEST_NONE && !c->started) {
			c->started = 1;
			alarm(0);
			conn_start(c);
		}
		if (!c->started)
			continue;
		if (c->channel_closed && !c->child.exited) {
			/* The client closed the channel under a running UI. */
			spawn_stop(c);
			break;
		}
		relay_update(c);
		if (relay_finished(c)) {
			conn_finish_channel(c);
			break;
		}
	}
}

void
conn_serve(const struct daemon_ctx *dc, int fd, const char *remote_addr)
{
	struct conn c;
	int rc, status = 1;

	memset(&c, 0, sizeof(c));
	c.dc = dc;
	c.sig_fd = -1;
	c.child.pid = -1;
	c.child.factory_fd = -1;
	c.child.handover_fd = -1;
	c.child.in_fd = c.child.out_fd = c.child.err_fd = -1;
	(void)snprintf(c.remote_addr, sizeof(c.remote_addr), "%s", remote_addr);
	/* ps shows whom this process serves, not mentord's settings. */
	title_set(NULL, "mentord: %s", remote_addr);
	/* Login grace time: a client that never logs in is cut off. */
	alarm((unsigned)dc->cfg->login_grace_time);

	if (conn_setup_signals(&c) != 0) {
		log_error("signal set-up failed: %s", strerror(errno));
		goto out;
	}
	rc = auth_board_key_load(dc->cfg->state_dir, 0, c.board_key);
	if (rc != 0)
		goto out;
	c.session = ssh_new();
	if (c.session == NULL)
		goto out;
	if (ssh_bind_accept_fd(dc->bind, c.session, fd) != SSH_OK) {
		log_error("%s: %s", remote_addr, ssh_get_error(dc->bind));
		goto out;
	}
	fd = -1; /* the session owns it now */
	login_setup_callbacks(&c);
	rc = conn_key_exchange(&c);
	if (rc == CONN_SILENT)
		status = CONN_EXIT_SILENT; /* the listener penalises */
	if (rc != 0)
		goto out;
	/*
	 * Is the board there?  Asked once the key exchange is done (or by a
	 * login that came in it), of the gate, or when it does not answer,
	 * of the store, opened here then: SQLite's memory, freed when mentor
	 * starts, then lies above libssh's session state, not under it, and
	 * goes back whole.  A board that cannot be opened is told to the
	 * client.
	 */
	if (gate_ask_open(&c) != 0) {
		conn_refuse(&c);
		goto out;
	}
	conn_loop(&c);
	status = 0;
out:
	if (c.authenticated)
		log_info("%s: %s logged out", remote_addr,
		    c.user_id != 0 ? c.username : "guest");
	/* The client went away: the UI gets a hangup, then is gone. */
	spawn_stop(&c);
	relay_close(&c);
	/* The mentor closes its row as it ends (and says so); if it did
	 * not, the row is closed here. */
	if (spawn_row_closed(&c))
		c.session_row = 0;
	if (c.session_row > 0) {
		if (conn_board(&c) != NULL)
			(void)session_close(&c.board, c.session_row);
		else
			log_warn("session row %lld left behind",
			    (long long)c.session_row);
	}
	/* Not conn_store_drop: nothing to trim on the way out (its walk of
	 * the heap and a TLB flush per range given back, for nothing). */
	store_close(c.board.store);
	c.board.store = NULL;
	if (c.session != NULL) {
		ssh_disconnect(c.session);
		if (c.event != NULL) {
			/* ssh_event_free leaves the fd's callback wrapper. */
			(void)ssh_event_remove_fd(c.event, c.sig_fd);
			(void)ssh_event_remove_session(c.event, c.session);
			ssh_event_free(c.event);
		}
		ssh_free(c.session);
	}
	if (fd >= 0)
		(void)close(fd);
	free(c.command);
#if DAEMON_SANITIZED
	/* _exit (the listener's atexit handlers are not ours to run) skips
	 * LeakSanitizer's check at exit: run it here. */
	__lsan_do_leak_check();
#endif
	_exit(status);
}
