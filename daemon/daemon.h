/*
 * daemon: what mentord's files share.  The listener accepts and forks; each
 * connection process (conn) runs libssh's key exchange, authentication and
 * one session channel, and relays bytes to a mentor process it spawns.
 */
#ifndef MB_DAEMON_H
#define MB_DAEMON_H

#include <limits.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/types.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "config.h"
#include "i18n.h"
#include "auth.h"
#include "board.h"
#include "board_limits.h"
#include "sshkey.h"

/* Built with AddressSanitizer (clang or gcc): no memory limit, a leak
 * check before a connection process's _exit, and the sanitizers' settings
 * passed on to mentor, so that every process reports where the tests look. */
#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define DAEMON_SANITIZED 1
#else
#define DAEMON_SANITIZED 0
#endif

#define HOST_KEY_FILE "ssh_host_ed25519_key"
#define LOCK_FILE "mentord.lock"
#define ADDR_TEXT_MAX 64

struct store;
struct app; /* tui/mentor.h */

/* What every connection process inherits from the listener. */
struct daemon_ctx {
	struct config *cfg;
	ssh_bind bind;
	int status_fd; /* write end: tells the listener of logins */
	/* The listener's end of the mentor factory's socket (factory.c):
	 * connection processes send their sessions there; -1 if none. */
	int factory_fd;
	char **argv; /* mentord's own, to start the factory with */
	/* The listener's end of the login gate's socket (gate.c): -1 if
	 * none. */
	int gate_fd;
	/* Hash of a random password, so unknown users cost a verify too. */
	char dummy_hash[AUTH_HASH_STR_MAX];
};

/* What the listener learns from a connection process. */
enum conn_status_event {
	CONN_STATUS_KEX_DONE = 1, /* a real client: it cannot be evicted */
	CONN_STATUS_LOGGED_IN, /* no longer a startup */
	CONN_STATUS_GATE_STUCK, /* the login gate did not answer in time */
};

struct conn_status_msg {
	pid_t pid;
	int event; /* enum conn_status_event */
};

/* A connection process's exit status when its client sent no version
 * line in CLIENT_BANNER_SECONDS or did not finish the key exchange in
 * KEX_SECONDS: the listener penalises the address. */
#define CONN_EXIT_SILENT 3

enum conn_request {
	CONN_REQUEST_NONE = 0,
	CONN_REQUEST_SHELL,
	CONN_REQUEST_EXEC,
	CONN_REQUEST_SFTP,
};

/* The mentor process of a session and the pipes or PTY to it. */
struct child {
	pid_t pid;
	int is_pty;
	int in_fd; /* client bytes go here: PTY master or stdin */
	int out_fd; /* output: PTY master or stdout */
	int err_fd; /* stderr pipe, -1 on a PTY */
	int exited;
	int status; /* from waitpid once exited */
	/* Started by the factory: the socket that brings its exit status
	 * and takes signals for it; -1 for a child of our own. */
	int factory_fd;
	/* The hand-over file (the token's), kept for the mark the mentor
	 * leaves in it once it closed its session row itself (session.h);
	 * -1 if none. */
	int handover_fd;
};

/*
 * Bytes on their way from the client to the child.  The relay takes bytes
 * from libssh only while inbuf is empty, and then all libssh holds (at
 * most CHANNEL_BUFFER_MAX), so that libssh re-opens the client's window
 * only for bytes it no longer holds (relay.c says why).
 */
struct relay {
	char *inbuf; /* in_cap bytes; NULL until needed, freed when drained */
	size_t in_cap, in_off, in_len;
	int libssh_holds_input; /* the data callback left bytes unconsumed */
	int client_eof; /* close the child's stdin once drained */
	int out_done, err_done; /* EOF or EIO seen */
	int watched_fds[3];
	short watched_events[3];
};

/* One connection, in its own process. */
struct conn {
	const struct daemon_ctx *dc;
	ssh_session session;
	ssh_event event;
	struct ssh_server_callbacks_struct server_cb;
	struct ssh_channel_callbacks_struct channel_cb;
	char remote_addr[ADDR_TEXT_MAX];
	int sig_fd;
	struct board board; /* conn_board: its store NULL while mentor runs */
	uint8_t board_key[BOARD_KEY_BYTES];

	/* Authentication */
	int authenticated;
	char username[64];
	int64_t user_id; /* 0 for a guest */
	int auth_attempts;
	int gate_lost; /* the gate did not answer: ask the store directly */

	/* The one session channel and what was asked of it */
	ssh_channel channel;
	int pty;
	char term[TERM_NAME_MAX + 1];
	int ascii; /* the client's locale is not UTF-8 (SendEnv LANG) */
	/* The language of the client's locale (LC_ALL, else LC_MESSAGES,
	 * else LANG), and the rank of the variable that said it. */
	enum i18n_language language;
	int language_rank;
	struct winsize ws;
	enum conn_request request;
	char *command; /* exec request, NUL-free */
	int started;
	int64_t session_row;

	struct child child;
	struct relay relay;
	int channel_closed; /* the client closed the channel */
	int shutting_down;
	int done;
};

/*
 * What a mentor needs to know of its session to start, besides the
 * descriptors: the same whether the connection process forks it or the
 * factory does (sent to the factory as one message).
 */
#define SPAWN_PARAMS_MAGIC 0x4d424631u /* "MBF1" */
struct spawn_params {
	uint32_t magic;
	int is_pty;
	int ascii; /* the client's locale is not UTF-8 */
	int language; /* enum i18n_language */
	char term[TERM_NAME_MAX + 1]; /* validated; unused without a PTY */
	char who[64]; /* the member's username, or "guest" (ps) */
};

/* factory.c: the mentor factory, a process the listener starts (an exec
 * of mentord with FACTORY_ENV set) that forks each session's mentor. */
#define FACTORY_ENV "MENTORD_FACTORY"
#define FACTORY_FD 3 /* its socket, in the factory */
#define FACTORY_NAME "mb-factory" /* ps, top */
#define FACTORY_ANSWER_MS 3000 /* a connection waits this long for it */
#define FACTORY_STUCK_MS 30000 /* then, while it lives, this long more */
/* The shortest time between two starts; longer while it keeps ending
 * (pace.h), as for the gate and the housekeeping. */
#define FACTORY_RESTART_MS 1000
#define FACTORY_KILL_MS 1000 /* from a hangup to SIGKILL */
#define SPAWN_FACTORY_FDS_MAX 5 /* stdin, stdout, stderr, token, news */

/* A word between a connection process and the factory, on the socket
 * the connection sent with its session. */
enum factory_msg_type {
	FACTORY_MSG_STARTED = 1, /* factory: value is the mentor's pid */
	FACTORY_MSG_EXITED, /* factory: value is its wait status */
	FACTORY_MSG_SIGNAL, /* connection: send it signal value */
};
struct factory_msg {
	int32_t type;
	int32_t value;
};

/*
 * Send the len bytes of data and the nfds descriptors fds as one message
 * on the SOCK_SEQPACKET socket fd, waiting for room until deadline_ms
 * (util_now_ms()).  0, or MB_ERR_IO (errno set; nothing logged).
 */
int factory_send(int fd, const void *data, size_t len, const int *fds,
    size_t nfds, long long deadline_ms);

/*
 * Receive a session's request on sock (recvmsg's flags): its parameters
 * into *p and its descriptors into fds (*nfds: the PTY's slave, or three
 * pipe ends; the token's pipe; then extra more).  Returns the message's
 * length, 0 at end of file, or -1 with errno (EPROTO: not a request of
 * ours, its descriptors closed).
 */
ssize_t factory_recv_request(int sock, int flags, size_t extra,
    struct spawn_params *p, int *fds, size_t *nfds);

/* Receive one struct factory_msg from fd by deadline_ms: 0, MB_ERR_EXPIRED
 * when the deadline passed or the peer of hangup_fd (a socket, or -1 for
 * none) hung up, or MB_ERR_IO (end of file, a short message); nothing
 * logged. */
int factory_recv_msg(
    int fd, struct factory_msg *msg, long long deadline_ms, int hangup_fd);
/* The same for a message of len bytes into msg (any of ours: the login
 * gate's answers too). */
int factory_recv_exact(
    int fd, void *msg, size_t len, long long deadline_ms, int hangup_fd);

/*
 * In the listener: start the factory (fork, then exec of mentord itself,
 * so that it holds none of the listener's memory: no host key, no libssh
 * state), with a new socket pair; dc->factory_fd gets the listener's end
 * (the old one closed).  The factory's pid, or -1 (logged: connections
 * then fork their mentors themselves).
 */
pid_t factory_start(struct daemon_ctx *dc);

/*
 * spare.c: the spare mentor, forked by the factory ahead of the next
 * login, its store open; the factory's side of it.
 */
#define SPARE_NAME "mb-spare" /* ps, top */
#define SPARE_RETRY_MS 1000 /* after a spare was lost, the next one */
#define SPARE_RETRY_MAX_MS 60000 /* the longest pause, when they keep dying */
struct spare {
	pid_t pid; /* or 0 */
	int fd; /* the factory's end of its socket, or -1 */
	int ready; /* it said its store is open */
	long long after; /* ms: no new one before then */
	long long wait_ms; /* the pause after the next one is lost */
};
void spare_init(struct spare *s);
/* Fork a spare if there is none and its time has come. */
void spare_refill(struct spare *s, const struct config *cfg);
/* ms until spare_refill has work, or -1. */
int spare_due_ms(const struct spare *s);
/* The descriptor to poll for the spare's word (spare_heard), or -1. */
int spare_poll_fd(const struct spare *s);
void spare_heard(struct spare *s);
/* Whether the reaped pid was the spare (then lost: logged). */
int spare_reaped(struct spare *s, pid_t pid, int status);
/*
 * Hand the session of p and fds (without the connection's socket) to a
 * ready spare: its pid, which is now the session's mentor; or -1 (none
 * ready, or it could not take it: the caller forks one).
 */
pid_t spare_take(
    struct spare *s, const struct spawn_params *p, const int *fds, size_t nfds);
/* No spare any more: the one waiting is killed. */
void spare_drop(struct spare *s);

/* In mentord's main, when FACTORY_ENV is set: be the factory; never
 * returns. */
void factory_main(void) __attribute__((noreturn));

/*
 * gate.c: the login gate, a process the listener forks that holds the
 * board's store open and answers the few questions a connection process
 * has before its session starts (is the board there, whose key is this,
 * how long to wait, a failure, a login, the session's row), so that no
 * connection process opens SQLite (its schema read costs as much as the
 * rest of a key login's queries).  One question is one SOCK_SEQPACKET
 * message on the socket every connection process inherits, with a
 * socket of its own to answer on; the gate keeps nothing between
 * questions.  A
 * connection that gets no answer asks the store itself (gate_ask.c).
 */
#define GATE_NAME "mb-gate" /* ps, top */
#define GATE_RESTART_SECONDS 2 /* the shortest time between two starts */
#define GATE_REQUEST_MAGIC 0x4d424731u /* "MBG1" */
#define GATE_KEY_TYPE_MAX 64 /* bytes, with the NUL */
enum gate_op {
	GATE_OP_OPEN = 1, /* can the board be opened? */
	GATE_OP_KEY, /* the id of user if key_type/key is theirs; wait too */
	GATE_OP_WAIT, /* the throttle's wait for addr and user */
	GATE_OP_FAILED, /* count a failure of addr and user */
	GATE_OP_LOGIN, /* user_id (user) logged in from addr by method; sent
			  without a socket, not waited for (a gate that dies
			  first loses it) */
	GATE_OP_SESSION, /* a session row: token_hash, user_id, addr, pid */
};
/* A question; key, NUL-terminated, ends it (the message is cut there). */
struct gate_request {
	uint32_t magic;
	int32_t op; /* enum gate_op */
	int64_t user_id;
	int32_t method; /* enum session_method */
	int32_t pid;
	int32_t wait; /* GATE_OP_KEY: and the throttle's wait */
	int64_t deadline_ms; /* util_now_ms: unanswered then, it is not done */
	uint8_t token_hash[KEYED_HASH_BYTES];
	char addr[ADDR_TEXT_MAX];
	char user[64];
	char key_type[GATE_KEY_TYPE_MAX];
	char key[KEY_LINE_MAX]; /* base64 */
};
/* The answer: rc (0 or MB_ERR_*), the fault to tell the user of
 * (error_fault), the op's value (a user id, a row id) and the wait. */
struct gate_answer {
	int32_t rc;
	int32_t fault;
	int64_t value;
	int64_t wait_ms;
};

/* The gate's state: the board, its store open on the file at path (no
 * board key: no question needs one). */
struct gate {
	struct board b;
	char path[PATH_MAX];
	dev_t dev; /* the file b.store has open */
	ino_t ino;
};
/*
 * Are the n bytes at rq (of sizeof(*rq) at least) a question?  Its
 * strings must end inside their fields (the key inside the message), the
 * op and method be ours.  1 or 0.
 */
int gate_request_valid(const struct gate_request *rq, size_t n);
/* Answer the question rq (gate_request_valid) into *an. */
void gate_answer(
    struct gate *g, const struct gate_request *rq, struct gate_answer *an);

/*
 * In the listener: fork the gate with a new socket pair; dc->gate_fd gets
 * the listener's end (the old one closed).  The gate's pid, or -1
 * (logged: connections then ask the store themselves).  close_fds,
 * nclose: the listener's descriptors the gate must not hold.
 */
pid_t gate_start(struct daemon_ctx *dc, const int *close_fds, size_t nclose);

/*
 * gate_ask.c: the questions of a connection process, put to the gate, or
 * when it does not answer, to the store directly (conn_board), so that no
 * login depends on the gate.  Each returns what the function of the
 * rules it stands for returns, and sets error_fault as that would.
 */
/* Can the board be opened?  0, or MB_ERR_* (error_fault set). */
int gate_ask_open(struct conn *c);
/* account_login_key: 0 and *id when key (type and base64) is user's;
 * with wait, after throttle_wait for a login as user. */
int gate_ask_key(struct conn *c, const char *user, const char *type,
    const char *base64, int wait, int64_t *id);
/* throttle_wait for a login as user. */
void gate_ask_wait(struct conn *c, const char *user);
/* throttle_failed for a login as user. */
void gate_ask_failed(struct conn *c, const char *user);
/* throttle_succeeded and session_login of user_id (user, a member);
 * not waited for. */
void gate_ask_login(
    struct conn *c, const char *user, int64_t user_id, int method);
/* session_open for this connection: 0 and c->session_row, or MB_ERR_*. */
int gate_ask_session(struct conn *c, const uint8_t hash[KEYED_HASH_BYTES]);

/* housekeeping.c: a tick of the housekeeping, and how soon after dying
 * the listener starts it again, at the earliest. */
#define HOUSEKEEPING_TICK_SECONDS 5
/* Its process's name (ps, top; at most 15 characters). */
#define HOUSEKEEPING_NAME "mb-housekeeping"
#define HOUSEKEEPING_RESTART_SECONDS 10

/*
 * The housekeeping process, forked by the listener: run the jobs that
 * belong to no session every HOUSEKEEPING_TICK_SECONDS until SIGTERM or
 * SIGINT (which it expects blocked, as the listener has them), or until
 * the listener (pid listener, its parent) dies; never returns.  Exits 0
 * when asked to end, 1 when it cannot open the board.
 */
void housekeeping_main(const struct daemon_ctx *dc, pid_t listener)
    __attribute__((noreturn));

/*
 * In a process the listener (pid listener) forked to serve the board (the
 * housekeeping, the login gate): SIGTERM and SIGINT, which come blocked,
 * as events on the descriptor returned, and SIGTERM when the listener
 * dies.  Ends the process, logged, when that cannot be set up (1) or the
 * listener is gone already (0).
 */
int listener_child_signals(pid_t listener, const char *name);

/*
 * listener.c: listen on cfg's address and fork a connection process
 * (conn_serve) per accepted connection, within the startup limits, until
 * SIGTERM or SIGINT; then end the connection processes in order.  Returns
 * 0 once stopped (a failed poll also stops it, logged), MB_ERR_IO or
 * listener_open's error when it cannot start.
 */
int listener_run(struct daemon_ctx *dc);

/* hostkey.c: load STATE_DIR/ssh_host_ed25519_key, creating it the first
 * time (mode 0600, never overwriting).  *key is the caller's to free. */
int hostkey_load(const char *state_dir, ssh_key *key);

/* conn.c: serve one accepted connection; never returns. */
void conn_serve(const struct daemon_ctx *dc, int fd, const char *remote_addr)
    __attribute__((noreturn));

/*
 * The rules' view of the board (store, settings, key), the store opened
 * again if it was dropped; NULL (logged) if it cannot be opened.  While
 * mentor runs the connection process drops it: every open
 * SQLite connection holds a lock on the shared memory index, and every
 * lock taken by anyone walks the list of them.
 */
struct board *conn_board(struct conn *c);

/* Close the connection's store (conn_board reopens it) and trim the heap. */
void conn_store_drop(struct conn *c);

/* chan.c: fill c->channel_cb with the session channel's callbacks. */
void chan_setup_callbacks(struct conn *c);

/*
 * libssh's channel-open callback: the one session channel of an
 * authenticated connection, with chan.c's callbacks set; NULL (refused)
 * before authentication, for a second channel, or when libssh fails.
 */
ssh_channel chan_open_session(ssh_session session, void *userdata);

/*
 * sftp.c: serve the SFTP subsystem until the client ends it.  Returns 0
 * when the client ends it, MB_ERR_DB without a store, MB_ERR_IO when the
 * SFTP session cannot be set up (logged), MB_ERR_DENIED when the member is
 * banned, or is banned meanwhile (the reason goes to the channel's
 * stderr).
 */
int sftp_serve(struct conn *c);

/*
 * login.c: set the authentication callbacks (none, password, public key)
 * and the channel-open callback on c->session, and offer password and
 * public key.  libssh's failure to take them is logged.
 */
void login_setup_callbacks(struct conn *c);

/*
 * warm.c: in the listener, before it forks: build the crypto library's
 * tables, which every connection's key exchange would otherwise build in
 * its own process and keep.  Failures are logged at debug level only (a
 * connection then builds what is missing itself).
 */
void warm_crypto(void);

/*
 * restart.c: the settings glibc reads only as a program starts, given to
 * the listener and what it forks (restart.c says why): glibc's malloc
 * without its per-thread cache and fast bins, and every library's calls
 * bound as the program starts.
 */
#define RESTART_TUNABLES_ENV "GLIBC_TUNABLES"
#define RESTART_TUNABLES "glibc.malloc.tcache_count=0:glibc.malloc.mxfast=0"
#define RESTART_BIND_ENV "LD_BIND_NOW"
#define RESTART_BIND "1"

/*
 * In the daemon's main, before it opens anything or logs: unless both
 * RESTART_TUNABLES_ENV and RESTART_BIND_ENV are set (by an earlier call,
 * or by the operator), set what is not to RESTART_TUNABLES and
 * RESTART_BIND and start this program again with argv; started again, it
 * returns 0 from here at once, with the process named as before (after
 * argv[0]).  0 also when the settings would be ignored (a program with
 * raised privileges; AddressSanitizer's allocator); MB_ERR_NOMEM or
 * MB_ERR_IO (errno set) when it cannot, the environment as it was.
 * Nothing is logged.
 */
int restart_self(char **argv);

/* Is entry (NAME=value) the RESTART_TUNABLES that restart_self set?  The
 * mentor factory's environment goes without it (it keeps the binding). */
int restart_tunables_ours(const char *entry);

/* title.c: the longest title a process gives itself. */
#define TITLE_MAX 128

/* Note where the listener's argument strings are (call once, from main). */
void title_init(int argc, char **argv);

/*
 * In a child of the listener: set the short name (name, if not NULL) and
 * the command line ps shows (printf-style, cut to the length of the
 * listener's own command line, the rest of which is erased).
 */
void title_set(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * In a child of the listener, once its environment is made (the C
 * library's copy, which getenv reads): write envp's NAME=value strings
 * over the listener's environment where the kernel shows it
 * (/proc/PID/environ), as many whole ones as fit, and erase the rest.
 * envp must not point into that memory.
 */
void title_environment(char *const *envp);

/*
 * spawn.c: start mentor for the recorded request, a fork of this process
 * that runs mentor's code (tui/run.c) on a PTY or pipes: no exec, no
 * dynamic linking, no copy of settings on a command line.  0 or MB_ERR_*.
 */
int spawn_mentor(struct conn *c);
/* Send sig to the running child. */
void spawn_signal(struct conn *c, int sig);
/*
 * Has the session's mentor closed its session row itself, as it ends (the
 * mark in the hand-over file, session.h)?  1 or 0.  Closes the file.
 */
int spawn_row_closed(struct conn *c);

/* Reap the child if it has exited; 1 if it has, else 0. */
int spawn_reap(struct conn *c);
/* Hang up on a running child and wait (briefly) for it; kill if need be. */
void spawn_stop(struct conn *c);
/* Stop watching and close the factory's socket of an ended child. */
void spawn_forget_factory(struct conn *c);
/*
 * In a new child (of a connection process, of the factory, or a spare
 * mentor taking its session): arrange the descriptors of a request as
 * factory_recv_request took it (fds: the PTY's slave, or the three pipe
 * ends; then the token's pipe) and the log's where the settings say, the
 * environment (from p), the locale and the title, then run mentor's code
 * with app, which it takes over (NULL: a new one; a spare mentor's has its
 * store open, its descriptors from SPAWN_STORE_FD_MIN up, which are
 * kept); never returns.
 */
#define SPAWN_STORE_FD_MIN 32
void spawn_run_request(const struct config *cfg, const struct spawn_params *p,
    const int *fds, struct app *app) __attribute__((noreturn));

/*
 * relay.c: client bytes for the child, from chan_data_cb (data is all
 * libssh holds): while the relay's buffer is empty, all are taken, written
 * at once as far as the child reads them and the rest kept in that buffer;
 * while it holds bytes, none are (libssh keeps them, and the client's
 * window stays shut for them).  Returns how many bytes were taken: len or
 * 0; len when the child is gone.
 */
int relay_channel_data(struct conn *c, const void *data, size_t len);

/*
 * From conn.c's loop, never from a callback: reap the child, move held
 * input, drain an exited child's output while the window allows, close
 * the child's stdin after the client's EOF, and register with the event
 * the descriptor events the state now wants.
 */
void relay_update(struct conn *c);

/* Has the child exited and its output and stderr reached their end? */
int relay_finished(const struct conn *c);

/* Unregister and close the child's descriptors and free the relay's
 * buffer; calling it twice is fine. */
void relay_close(struct conn *c);

#endif
