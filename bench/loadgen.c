/*
 * bench/loadgen: load and latency of an ssh server that runs mentor, seen
 * from a client on libssh's client API.  Three phases, each bounded in
 * count and in time:
 *
 *   seq   N sessions one after another: logins per second
 *   par   M sessions started at once: time to the first full screen
 *   hold  H sessions open at once, a share of them typing: keystroke to
 *         update latency, and the server's memory per session (the PSS of
 *         every descendant of --server-pid, from /proc/PID/smaps_rollup)
 *
 * A session connects, authenticates (the public key of --key, else
 * "none"), asks for a pty (xterm-256color, 80x24) and a shell, and waits
 * for the first full screen: "What would you like to do?" on the home
 * screen, then "quit" on the status line, which ncurses draws last.
 * Typing sessions then press "/" (answer: "Find a mentor"), "e", "n", "g"
 * (answer: any output) and Esc (answer: the home screen's heading), each
 * timed from the write to the answer.  A session ends with "q" and waits
 * for the channel to close; with --hold-end term, held sessions are ended
 * by the server instead: the direct children of --server-pid that came
 * with the hold (its connection processes; not mentord's factory, login
 * gate and housekeeping, which ran before) get SIGTERM, as when an
 * operator stops them, which is cheaper than 1,000 logouts.
 * Use that only on a server of your own: every session of it is ended.
 *
 * The hold stops opening sessions 30 s before the deadline and measures
 * what it holds; "held" and "not_opened" say how far it got.  While all
 * are open (before anyone types) it reads the server's memory; with
 * --rest-seconds S it reads it again after S seconds of nobody typing
 * (sessions that give memory back while idle have then done so: the
 * figures are that second reading, the first is "pss_fresh_"); then its
 * CPU time over --idle-seconds, per kind of process, and the kernel's PTY
 * count.
 *
 * News, in the hold, after the typing.  With --watch-user, the first held
 * session is that member's (with --watch-key), opened alone before the
 * others, so that the server's process it adds is known; nobody else's
 * sessions are that member's.  --notify-cmd is then run (/bin/sh -c): a
 * program that writes notifications to the watched member and prints
 * "N SEQ UNREAD COMMIT_MS DONE_MS" for each (bench/notify.c).  Every held
 * session keeps what its screen shows (bench/vt.c), and the watched one
 * reports each new unread count on its status line and when it was drawn;
 * a notification's figure is the time from its commit to the first count
 * that includes it.  Meanwhile the CPU time of every other session's
 * processes (every subtree of the server apart from the watched one and
 * what was there before the hold, such as mentord's housekeeping) is
 * summed.  With --chat-pairs (the pairs bench/chat.c made) and
 * --chat-keys (a private key per member, named by the user), 2 x pairs of
 * the held sessions are the pairs' members', each on its chat's screen
 * (an exec request "chat ID"), spread over the hold, and they do not
 * type; --chat-cmd then writes lines in the chats and prints when each
 * committed, and each line is timed to the other member's screen
 * (loadgen_chat.c).  Then --announce-cmd is run, and every session waits
 * for --announce-text to appear in its toast line: the time from the
 * start of the command to each screen that shows it, the last above all.
 * The times of the programs and of the screens are all on
 * CLOCK_MONOTONIC.  --news-prepare-cmd, if given, runs (as a shell
 * command, waited for) once the typing is done, before the news steps.
 *
 * Sessions live in forked worker processes, each owning a slice of them:
 * set-up is blocking libssh calls, one session at a time, then the worker
 * polls over its sessions.  Workers report to the parent in text lines
 * over a pipe (one write each, shorter than PIPE_BUF, so lines never mix).
 * The result is one JSON object on stdout and a summary on stderr.
 * loadgen_proc.c reads the server's processes, loadgen_news.c runs the
 * news steps, loadgen_chat.c the chat; loadgen.h is what they share.
 *
 * Only loopback servers: any host but 127.x.x.x or ::1 is refused.  For
 * the par and hold phases each connection is bound to a source address of
 * its own, 127.0.1.1 to 127.0.1.250 in turn, so that per-source limits of
 * unauthenticated connections measure nothing but themselves.
 *
 * usage: loadgen --host ADDR --port P --user U [--key FILE]
 *            [--server-pid PID] [--phase seq|par|hold|all]
 *            [--sequential N] [--parallel M] [--hold H]
 *            [--typing-percent P] [--rounds R] [--per-worker K]
 *            [--idle-seconds S] [--hold-end quit|term]
 *            [--deadline SECONDS] [--label NAME] [--no-bind]
 *            [--watch-user U [--watch-key FILE]] [--notify-cmd CMD]
 *            [--announce-cmd CMD --announce-text TEXT]
 *            [--chat-pairs FILE --chat-keys DIR [--chat-cmd CMD]]
 *            [--news-prepare-cmd CMD]
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "loadgen.h"

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* The keys a typing session presses, and what marks the screen's answer. */
struct load_key {
	const char *name;
	const char *bytes;
	const char *answer; /* NULL: any output */
};

static const struct load_key load_keys[] = {
	{ "slash", "/", "Find a mentor" },
	{ "e", "e", NULL },
	{ "n", "n", NULL },
	{ "g", "g", NULL },
	{ "esc", "\x1b", LOAD_HOME_MARKER },
};

_Static_assert(nitems(load_keys) == LOAD_NKEYS, "LOAD_NKEYS: one per key");

/* The first full screen: the home heading, then the status line's "quit". */
static const char *const load_first_screen[] = { LOAD_HOME_MARKER, "quit" };

static const char *const load_phase_names[LOAD_NPHASES] = { "seq", "par",
	"hold" };

/* results.json's names of the steps of a login (enum load_step). */
static const char *const load_step_names[LOAD_NSTEPS] = { "key_exchange",
	"auth", "channel", "pty", "shell", "first_screen", "quit" };

/* Milliseconds on the monotonic clock. */
double
load_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		abort();
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void *
load_xrealloc(void *p, size_t n, size_t size)
{
	void *q = NULL;

	if (n != 0 && size > SIZE_MAX / n)
		abort();
	q = realloc(p, n * size == 0 ? 1 : n * size);
	if (q == NULL)
		abort();
	return q;
}

void
load_samples_add(struct load_samples *s, double v)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		s->v = load_xrealloc(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = v;
}

void
load_counts_add(struct load_counts *c, const struct load_count *v)
{
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 64 : c->cap * 2;
		c->v = load_xrealloc(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n++] = *v;
}

static int
load_double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile p (0-100) of a set; -1 when it is empty. */
double
load_percentile(struct load_samples *s, double p)
{
	size_t rank;

	if (s->n == 0)
		return -1;
	qsort(s->v, s->n, sizeof(*s->v), load_double_cmp);
	rank = (size_t)ceil(p / 100.0 * (double)s->n);
	if (rank < 1)
		rank = 1;
	if (rank > s->n)
		rank = s->n;
	return s->v[rank - 1];
}

/* Copy an error text, keeping it on one printable line. */
static void
load_error_set(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	for (i = 0; err[i] != '\0'; i++)
		if (!isprint((unsigned char)err[i]))
			err[i] = ' ';
}

/* Write one report line to the parent; the pipe keeps it whole. */
void
load_report(int fd, const char *fmt, ...)
{
	char line[LOAD_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	/* A parent that went away has no use for the line: ignore errors. */
	if (write(fd, line, (size_t)n) != n)
		return;
}

/* Report a session's failure once. */
static void
load_session_fail(int fd, struct load_session *s, const char *err)
{
	if (s->failed)
		return;
	s->failed = 1;
	load_report(fd, "E %s", err);
}

static void
load_scan_start(struct load_scan *sc, const char *marker)
{
	memset(sc, 0, sizeof(*sc));
	sc->marker = marker;
	sc->len = strlen(marker);
	if (sc->len == 0 || sc->len >= LOAD_MARKER_MAX)
		abort();
}

/*
 * Feed bytes to a scan.  Returns the offset in buf just past the marker,
 * or -1 when it has not appeared yet.
 */
static long
load_scan_feed(struct load_scan *sc, const char *buf, size_t n)
{
	char joined[2 * LOAD_MARKER_MAX];
	const char *hit = NULL;
	size_t head, keep, total, drop;

	head = n < sc->len - 1 ? n : sc->len - 1;
	memcpy(joined, sc->tail, sc->ntail);
	memcpy(joined + sc->ntail, buf, head);
	hit = memmem(joined, sc->ntail + head, sc->marker, sc->len);
	if (hit != NULL)
		return (long)((size_t)(hit - joined) + sc->len - sc->ntail);
	hit = memmem(buf, n, sc->marker, sc->len);
	if (hit != NULL)
		return (long)((size_t)(hit - buf) + sc->len);
	keep = sc->len - 1;
	if (n >= keep) {
		memcpy(sc->tail, buf + n - keep, keep);
		sc->ntail = keep;
		return -1;
	}
	total = sc->ntail + n;
	if (total > keep) {
		drop = total - keep;
		memmove(sc->tail, sc->tail + drop, sc->ntail - drop);
		sc->ntail -= drop;
	}
	memcpy(sc->tail + sc->ntail, buf, n);
	sc->ntail += n;
	return -1;
}

static void
load_expect_start(struct load_expect *e, const char *first, const char *then)
{
	memset(e, 0, sizeof(*e));
	if (first != NULL)
		e->markers[e->nmarkers++] = first;
	if (then != NULL)
		e->markers[e->nmarkers++] = then;
	if (e->nmarkers > 0)
		load_scan_start(&e->scan, e->markers[0]);
}

/* Feed received bytes; 1 once everything expected has arrived. */
static int
load_expect_feed(struct load_expect *e, const char *buf, size_t n)
{
	long past;

	if (e->nmarkers == 0)
		return n > 0;
	while (e->next < e->nmarkers) {
		past = load_scan_feed(&e->scan, buf, n);
		if (past < 0)
			return 0;
		buf += past;
		n -= (size_t)past;
		e->next++;
		if (e->next < e->nmarkers)
			load_scan_start(&e->scan, e->markers[e->next]);
	}
	return 1;
}

/* A small deterministic generator for think times (splitmix64). */
static uint64_t
load_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
load_think_ms(struct load_session *s)
{
	return LOAD_THINK_MIN_MS +
	    (double)(load_random(&s->random) % LOAD_THINK_SPREAD_MS);
}

/* Free a session's channel and connection; safe to call twice. */
static void
load_session_close(struct load_session *s)
{
	if (s->channel != NULL) {
		if (!ssh_channel_is_closed(s->channel))
			(void)ssh_channel_close(s->channel);
		ssh_channel_free(s->channel);
		s->channel = NULL;
	}
	if (s->ssh != NULL) {
		ssh_disconnect(s->ssh);
		ssh_free(s->ssh);
		s->ssh = NULL;
	}
	vt_free(&s->vt);
	ssh_key_free(s->chat_key);
	s->chat_key = NULL;
	s->state = LOAD_CLOSED;
}

/* The time left to a step that started now, bounded by the deadline. */
static double
load_step_until(const struct load_opts *o)
{
	double until = load_now_ms() + LOAD_STEP_TIMEOUT_MS;

	return until < o->deadline_ms ? until : o->deadline_ms;
}

/* The whole screen of a session on stderr, when something went wrong. */
static void
load_screen_dump(const struct load_session *s, const char *what)
{
	char row[LOAD_ROW_TEXT_MAX];
	int y;

	(void)fprintf(stderr, "loadgen: session %d, %s: its screen then:\n",
	    s->index, what);
	for (y = 0; y < LOAD_ROWS; y++)
		if (vt_row_text(&s->vt, y, row, sizeof(row)) >= 0)
			(void)fprintf(stderr, "loadgen: |%s\n", row);
}

/*
 * Blocking: read until the session's expectation is met.  Returns 0, or -1
 * with the reason in err (the channel ended, an error, the time ran out).
 */
static int
load_session_wait(struct load_session *s, double until_ms, const char *what,
    char *err, size_t errlen)
{
	char buf[LOAD_READ_CHUNK], last[LOAD_LAST_OUTPUT_MAX] = "";
	char title[LOAD_ROW_TEXT_MAX], message[LOAD_ROW_TEXT_MAX];
	double left;
	size_t keep;
	int n;

	for (;;) {
		left = until_ms - load_now_ms();
		if (left <= 0) {
			/* What the screen showed instead says why. */
			load_screen_dump(s, what);
			(void)vt_row_text(&s->vt, 0, title, sizeof(title));
			(void)vt_row_text(
			    &s->vt, LOAD_TOAST_ROW, message, sizeof(message));
			load_error_set(err, errlen,
			    "%s: no answer in time (the screen: \"%s\", "
			    "\"%s\")",
			    what, title, message);
			return -1;
		}
		n = ssh_channel_read_timeout(s->channel, buf, sizeof(buf), 0,
		    left > LOAD_POLL_MAX_MS ? LOAD_POLL_MAX_MS : (int)left + 1);
		if (n == SSH_ERROR) {
			load_error_set(
			    err, errlen, "%s: %s", what, ssh_get_error(s->ssh));
			return -1;
		}
		if (n > 0)
			vt_feed(&s->vt, buf, (size_t)n);
		if (n > 0 && load_expect_feed(&s->expect, buf, (size_t)n))
			return 0;
		if (n > 0) {
			/* The last bytes say why, when the session ends. */
			keep = (size_t)n < sizeof(last) - 1 ? (size_t)n :
							      sizeof(last) - 1;
			memcpy(last, buf + n - keep, keep);
			last[keep] = '\0';
		}
		if (n <= 0 && ssh_channel_is_eof(s->channel)) {
			load_error_set(err, errlen,
			    "%s: the server ended the session (exit status %d, "
			    "last output \"%s\")",
			    what, ssh_channel_get_exit_status(s->channel),
			    last);
			return -1;
		}
	}
}

/* The unread count on a session's status line; -1 if it shows none. */
static long long
load_screen_unread(const struct load_session *s)
{
	char row[LOAD_ROW_TEXT_MAX], *word = NULL, *digits = NULL;

	if (vt_row_text(&s->vt, LOAD_STATUS_ROW, row, sizeof(row)) < 0)
		return -1;
	word = strstr(row, LOAD_UNREAD_WORD);
	if (word == NULL)
		return -1;
	for (digits = word; digits > row && isdigit((unsigned char)digits[-1]);
	     digits--)
		;
	if (digits == word)
		return -1;
	return strtoll(digits, NULL, 10);
}

/* Whether a session's toast line shows text. */
static int
load_screen_toast(const struct load_session *s, const char *text)
{
	char row[LOAD_ROW_TEXT_MAX];

	if (vt_row_text(&s->vt, LOAD_TOAST_ROW, row, sizeof(row)) < 0)
		return 0;
	return strstr(row, text) != NULL;
}

/* A step of the login ended now: its time since the last one's end. */
static void
load_step_done(struct load_session *s, enum load_step step, double *mark)
{
	double now = load_now_ms();

	s->step_ms[step] = now - *mark;
	*mark = now;
}

/*
 * Blocking: connect, authenticate, open a shell on a pty and wait for the
 * first full screen.  On success returns 0 and the time it took from the
 * connect; on failure -1 and the reason in err, with the session freed.
 */
static int
load_session_open(struct load_session *s, const struct load_opts *o, int bind,
    double *first_screen_ms, char *err, size_t errlen)
{
	char source[INET_ADDRSTRLEN], path[PATH_MAX];
	char command[LOAD_CHAT_COMMAND_MAX];
	double t0 = load_now_ms(), mark = t0;
	long timeout_s;
	bool process_config = false;
	const struct load_chat_pair *pair = NULL;
	size_t keep;
	const char *user = s->watched ? o->watch_user : o->user;
	ssh_key key = s->watched ? o->watch_key : o->key;
	int off = 0, on = 1, verbosity = SSH_LOG_NOLOG, rc;

	if (s->chat_pair >= 0) {
		/* A chat member's session: their key, their chat's screen. */
		pair = &o->chat_pairs[s->chat_pair];
		user = pair->user[s->chat_side];
		(void)snprintf(
		    path, sizeof(path), "%s/%s", o->chat_keys_dir, user);
		if (s->chat_key == NULL &&
		    ssh_pki_import_privkey_file(
			path, NULL, NULL, NULL, &s->chat_key) != SSH_OK) {
			load_error_set(
			    err, errlen, "cannot read the key %s", path);
			return -1;
		}
		key = s->chat_key;
		(void)snprintf(
		    command, sizeof(command), "chat %lld", pair->chat);
	}

	timeout_s = (long)((o->deadline_ms - t0) / 1000.0);
	if (timeout_s > LOAD_STEP_TIMEOUT_MS / 1000)
		timeout_s = LOAD_STEP_TIMEOUT_MS / 1000;
	if (timeout_s < 1) {
		load_error_set(err, errlen, "connect: past the deadline");
		return -1;
	}
	/* Every byte from the first on: ncurses sends only what changes. */
	if (vt_init(&s->vt, LOAD_ROWS, LOAD_COLS) != 0)
		abort();
	s->unread = -1;
	s->ssh = ssh_new();
	if (s->ssh == NULL) {
		load_error_set(err, errlen, "ssh_new: out of memory");
		goto fail;
	}
	(void)snprintf(source, sizeof(source), "127.0.1.%d",
	    1 + s->index % LOAD_BIND_HOSTS);
	if (ssh_options_set(s->ssh, SSH_OPTIONS_HOST, o->host) < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_PORT, &o->port) < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_USER, user) < 0 ||
	    ssh_options_set(
		s->ssh, SSH_OPTIONS_PROCESS_CONFIG, &process_config) < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_KNOWNHOSTS, "/dev/null") < 0 ||
	    ssh_options_set(
		s->ssh, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null") < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_STRICTHOSTKEYCHECK, &off) < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_KEY_EXCHANGE, LOAD_KEX) < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_TIMEOUT, &timeout_s) < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_NODELAY, &on) < 0 ||
	    ssh_options_set(s->ssh, SSH_OPTIONS_LOG_VERBOSITY, &verbosity) <
		0 ||
	    (bind &&
		ssh_options_set(s->ssh, SSH_OPTIONS_BINDADDR, source) < 0)) {
		load_error_set(
		    err, errlen, "options: %s", ssh_get_error(s->ssh));
		goto fail;
	}
	if (ssh_connect(s->ssh) != SSH_OK) {
		load_error_set(
		    err, errlen, "connect: %s", ssh_get_error(s->ssh));
		goto fail;
	}
	load_step_done(s, LOAD_STEP_KEX, &mark);
	if (key != NULL)
		rc = ssh_userauth_publickey(s->ssh, NULL, key);
	else
		rc = ssh_userauth_none(s->ssh, NULL);
	if (rc != SSH_AUTH_SUCCESS) {
		load_error_set(err, errlen, "auth: %s",
		    rc == SSH_AUTH_DENIED ? "denied" : ssh_get_error(s->ssh));
		goto fail;
	}
	load_step_done(s, LOAD_STEP_AUTH, &mark);
	s->channel = ssh_channel_new(s->ssh);
	if (s->channel == NULL) {
		load_error_set(
		    err, errlen, "channel: %s", ssh_get_error(s->ssh));
		goto fail;
	}
	if (ssh_channel_open_session(s->channel) != SSH_OK) {
		load_error_set(
		    err, errlen, "channel open: %s", ssh_get_error(s->ssh));
		goto fail;
	}
	load_step_done(s, LOAD_STEP_CHANNEL, &mark);
	if (ssh_channel_request_pty_size(
		s->channel, LOAD_TERM, LOAD_COLS, LOAD_ROWS) != SSH_OK) {
		load_error_set(err, errlen, "pty: %s", ssh_get_error(s->ssh));
		goto fail;
	}
	load_step_done(s, LOAD_STEP_PTY, &mark);
	if (pair != NULL) {
		if (ssh_channel_request_exec(s->channel, command) != SSH_OK) {
			load_error_set(
			    err, errlen, "exec: %s", ssh_get_error(s->ssh));
			goto fail;
		}
		load_expect_start(
		    &s->expect, LOAD_CHAT_MARKER, LOAD_CHAT_STATUS_MARKER);
	} else if (ssh_channel_request_shell(s->channel) != SSH_OK) {
		load_error_set(err, errlen, "shell: %s", ssh_get_error(s->ssh));
		goto fail;
	} else
		load_expect_start(
		    &s->expect, load_first_screen[0], load_first_screen[1]);
	load_step_done(s, LOAD_STEP_SHELL, &mark);
	if (load_session_wait(
		s, load_step_until(o), "first screen", err, errlen) != 0)
		goto fail;
	load_step_done(s, LOAD_STEP_SCREEN, &mark);
	*first_screen_ms = load_now_ms() - t0;
	s->unread = load_screen_unread(s);
	s->state = LOAD_IDLE;
	return 0;
fail:
	if (pair != NULL) {
		/* Whose: a chat whose member is missing misses lines. */
		keep = strlen(err);
		(void)snprintf(err + keep, errlen - keep, " [%s, chat %lld]",
		    user, pair->chat);
	}
	load_session_close(s);
	return -1;
}

/* Blocking: press q and wait for the channel to end.  0 or -1 and err. */
static int
load_session_quit(
    struct load_session *s, const struct load_opts *o, char *err, size_t errlen)
{
	char buf[LOAD_READ_CHUNK];
	double until = load_step_until(o), mark = load_now_ms();
	int n, rc = -1;

	if (ssh_channel_write(s->channel, "q", 1) != 1) {
		load_error_set(err, errlen, "quit: %s", ssh_get_error(s->ssh));
		goto out;
	}
	while (load_now_ms() < until) {
		n = ssh_channel_read_timeout(
		    s->channel, buf, sizeof(buf), 0, LOAD_POLL_MAX_MS);
		if (ssh_channel_is_eof(s->channel) ||
		    ssh_channel_is_closed(s->channel)) {
			load_step_done(s, LOAD_STEP_QUIT, &mark);
			rc = 0;
			goto out;
		}
		if (n == SSH_ERROR) {
			load_error_set(
			    err, errlen, "quit: %s", ssh_get_error(s->ssh));
			goto out;
		}
	}
	load_error_set(err, errlen, "quit: the session did not end in time");
out:
	load_session_close(s);
	return rc;
}

/*
 * One session to its first screen and out, reported: "F ms", then the
 * steps' times ("P ms ...", enum load_step) and "D", or "E why".
 */
static void
load_session_once(const struct load_opts *o, int index, int bind, int report_fd)
{
	struct load_session s;
	char err[LOAD_ERROR_MAX + 1];
	double ms;

	memset(&s, 0, sizeof(s));
	s.index = index;
	s.chat_pair = -1;
	if (load_session_open(&s, o, bind, &ms, err, sizeof(err)) != 0) {
		load_report(report_fd, "E %s", err);
		return;
	}
	load_report(report_fd, "F %.3f", ms);
	if (load_session_quit(&s, o, err, sizeof(err)) != 0) {
		load_report(report_fd, "E %s", err);
		return;
	}
	load_report(report_fd, "P %.3f %.3f %.3f %.3f %.3f %.3f %.3f",
	    s.step_ms[0], s.step_ms[1], s.step_ms[2], s.step_ms[3],
	    s.step_ms[4], s.step_ms[5], s.step_ms[6]);
	load_report(report_fd, "D");
}

int
load_login_once(const struct load_opts *o, int index, double t0, double *ms,
    char *err, size_t errlen)
{
	struct load_session s;
	double opened;

	memset(&s, 0, sizeof(s));
	s.index = index;
	s.chat_pair = -1;
	if (load_session_open(&s, o, o->bind, &opened, err, errlen) != 0)
		return -1;
	*ms = load_now_ms() - t0;
	return load_session_quit(&s, o, err, errlen);
}

/* Worker: N sessions one after another, each to its first screen and out. */
static void
load_worker_seq(const struct load_opts *o, int report_fd)
{
	int i;

	for (i = 0; i < o->sequential; i++) {
		if (load_now_ms() >= o->deadline_ms)
			load_report(report_fd, "E deadline reached");
		else
			load_session_once(o, i, 0, report_fd);
	}
}

/* Block until the parent closes the go pipe; 0, or -1 past the deadline. */
static int
load_wait_go(int go_fd, const struct load_opts *o)
{
	struct pollfd p = { go_fd, POLLIN, 0 };
	char c;
	double left;
	int rc;

	for (;;) {
		left = o->deadline_ms - load_now_ms();
		if (left <= 0)
			return -1;
		rc = poll(&p, 1,
		    left > LOAD_POLL_MAX_MS ? LOAD_POLL_MAX_MS : (int)left + 1);
		if (rc < 0 && errno != EINTR)
			return -1;
		if (rc > 0 && read(go_fd, &c, 1) <= 0)
			return 0;
	}
}

/*
 * A parallel worker, before it says it is ready: the crypto a login runs
 * (X25519, Ed25519, SHA-2, the ciphers), once on nothing, so that the
 * pages of that code are mapped in this process before the start: a
 * forked worker has none of its parent's.
 */
static void
load_worker_warm(void)
{
	unsigned char secret[32], sig[64], msg[64] = { 0 }, out[64];
	size_t len = sizeof(secret), siglen = sizeof(sig);
	unsigned int mdlen = 0;
	int outlen = 0;
	EVP_PKEY *a = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	EVP_PKEY *b = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	EVP_PKEY *e = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	EVP_PKEY_CTX *ctx = a != NULL ? EVP_PKEY_CTX_new(a, NULL) : NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

	if (ctx != NULL && b != NULL && EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, b) == 1)
		(void)EVP_PKEY_derive(ctx, secret, &len);
	if (md != NULL && e != NULL &&
	    EVP_DigestSignInit(md, NULL, NULL, NULL, e) == 1 &&
	    EVP_DigestSign(md, sig, &siglen, msg, sizeof(msg)) == 1 &&
	    EVP_DigestVerifyInit(md, NULL, NULL, NULL, e) == 1)
		(void)EVP_DigestVerify(md, sig, siglen, msg, sizeof(msg));
	(void)EVP_Digest(msg, sizeof(msg), out, &mdlen, EVP_sha256(), NULL);
	(void)EVP_Digest(msg, sizeof(msg), out, &mdlen, EVP_sha512(), NULL);
	if (c != NULL &&
	    EVP_EncryptInit_ex(c, EVP_chacha20(), NULL, msg, msg) == 1)
		(void)EVP_EncryptUpdate(c, out, &outlen, msg, 32);
	if (c != NULL &&
	    EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, msg, msg) == 1)
		(void)EVP_EncryptUpdate(c, out, &outlen, msg, 32);
	EVP_CIPHER_CTX_free(c);
	EVP_MD_CTX_free(md);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(a);
	EVP_PKEY_free(b);
	EVP_PKEY_free(e);
}

/*
 * Worker: one session of the parallel phase, started on the go signal.
 * It ends on the second signal, once every session is over: the end of
 * 200 client processes is the client's machine's work, not part of the
 * logins still under way (a real client runs elsewhere).
 */
static void
load_worker_par(
    const struct load_opts *o, int index, int go_fd, int end_fd, int report_fd)
{
	load_worker_warm();
	load_report(report_fd, "W %d", index);
	if (load_wait_go(go_fd, o) != 0) {
		load_report(report_fd, "E deadline reached before the start");
		return;
	}
	load_session_once(o, index, o->bind, report_fd);
	(void)load_wait_go(end_fd, o);
}

/* Whether the session with this global index is one of the typing share. */
static int
load_is_typing(int index, int percent)
{
	return (long)(index + 1) * percent / 100 > (long)index * percent / 100;
}

/* Hold: the next key of a typing session, or the end of its rounds. */
static void
load_hold_next(struct load_session *s, const struct load_opts *o,
    int *typing_left, double now)
{
	s->key++;
	if (s->key == LOAD_NKEYS) {
		s->key = 0;
		s->round++;
	}
	if (s->round == o->rounds) {
		s->state = LOAD_IDLE;
		(*typing_left)--;
		return;
	}
	s->state = LOAD_THINKING;
	s->next_ms = now + load_think_ms(s);
}

/*
 * Hold: what a session's screen shows once its bytes are read: the
 * watched session's unread count when it grew ("C COUNT MS"), the lines
 * of a chat session's chat ("H ..."), and the announcement when it first
 * appears ("A INDEX MS"), timed now.
 */
static void
load_hold_screen(
    struct load_session *s, const struct load_opts *o, int report_fd)
{
	double now = load_now_ms();
	long long unread;

	if (s->watched) {
		unread = load_screen_unread(s);
		if (unread > s->unread) {
			s->unread = unread;
			load_report(report_fd, "C %lld %.3f", unread, now);
		}
	}
	if (s->chat_pair >= 0)
		load_chat_screen(s, o, report_fd, now);
	if (o->announce_text != NULL && !s->announced &&
	    load_screen_toast(s, o->announce_text)) {
		s->announced = 1;
		load_report(report_fd, "A %d %.3f", s->index, now);
	}
}

/*
 * Hold: read what a session has for us.  Bytes a typing session waits for
 * end the wait; the end of a quitting session closes it; the end of any
 * other is a failure.
 */
static void
load_hold_drain(struct load_session *s, const struct load_opts *o,
    int report_fd, int *typing_left)
{
	char buf[LOAD_READ_CHUNK], err[LOAD_ERROR_MAX + 1];
	double now;
	int n, got = 0;

	for (;;) {
		n = ssh_channel_read_nonblocking(
		    s->channel, buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		got = 1;
		vt_feed(&s->vt, buf, (size_t)n);
		if (s->state != LOAD_WAITING ||
		    !load_expect_feed(&s->expect, buf, (size_t)n))
			continue;
		now = load_now_ms();
		load_report(report_fd, "K %d %.3f", s->key, now - s->sent_ms);
		load_hold_next(s, o, typing_left, now);
	}
	/* Read to the end of what came: never a screen half drawn. */
	if (got)
		load_hold_screen(s, o, report_fd);
	if (n != SSH_EOF && n != SSH_ERROR && !ssh_channel_is_eof(s->channel))
		return;
	if (s->state == LOAD_QUITTING || s->state == LOAD_MEASURED) {
		if (!s->failed)
			load_report(report_fd, "D");
		load_session_close(s);
		return;
	}
	if (s->state == LOAD_WAITING || s->state == LOAD_THINKING)
		(*typing_left)--;
	load_error_set(err, sizeof(err), "held session ended early: %s",
	    n == SSH_ERROR ? ssh_get_error(s->ssh) : "end of file");
	load_session_fail(report_fd, s, err);
	load_session_close(s);
}

/* Hold: send due keys and "q"s; time out overdue answers. */
static void
load_hold_tick(
    struct load_session *s, int report_fd, int *typing_left, double now)
{
	char err[LOAD_ERROR_MAX + 1];
	const struct load_key *k = &load_keys[s->key];

	if (s->state == LOAD_THINKING && now >= s->next_ms) {
		load_expect_start(&s->expect, k->answer, NULL);
		s->sent_ms = load_now_ms();
		if (ssh_channel_write(s->channel, k->bytes,
			(uint32_t)strlen(k->bytes)) != (int)strlen(k->bytes)) {
			load_error_set(err, sizeof(err), "key %s: %s", k->name,
			    ssh_get_error(s->ssh));
			load_session_fail(report_fd, s, err);
			s->state = LOAD_IDLE;
			(*typing_left)--;
			return;
		}
		s->state = LOAD_WAITING;
		return;
	}
	if (s->state == LOAD_WAITING &&
	    now - s->sent_ms > LOAD_STEP_TIMEOUT_MS) {
		load_error_set(err, sizeof(err), "key %s: no answer in %d s",
		    k->name, LOAD_STEP_TIMEOUT_MS / 1000);
		load_session_fail(report_fd, s, err);
		s->state = LOAD_IDLE;
		(*typing_left)--;
		return;
	}
	if (s->state == LOAD_QUITTING &&
	    now - s->sent_ms > LOAD_STEP_TIMEOUT_MS) {
		load_session_fail(
		    report_fd, s, "quit: the session did not end in time");
		load_session_close(s);
	}
}

/*
 * Hold: ask every open session to quit, or (term) wait for the server,
 * whose connection processes were sent SIGTERM, to end them.
 */
static void
load_hold_quit_all(
    struct load_session *ss, int n, const struct load_opts *o, int report_fd)
{
	char err[LOAD_ERROR_MAX + 1];
	int i;

	for (i = 0; i < n; i++) {
		if (ss[i].state == LOAD_CLOSED)
			continue;
		ss[i].sent_ms = load_now_ms();
		if (o->hold_term) {
			ss[i].state = LOAD_QUITTING;
			continue;
		}
		if (ssh_channel_write(ss[i].channel, "q", 1) != 1) {
			load_error_set(err, sizeof(err), "quit: %s",
			    ssh_get_error(ss[i].ssh));
			load_session_fail(report_fd, &ss[i], err);
			load_session_close(&ss[i]);
			continue;
		}
		ss[i].state = LOAD_QUITTING;
	}
}

/*
 * Worker: a slice of the held sessions (the watched member's, when
 * watched).  Opens them one at a time, reports "R", idles until the type
 * signal, lets its typing sessions type their rounds, reports "T", and
 * ends every session on the quit signal.  Meanwhile it reports what their
 * screens show of news (load_hold_screen).
 */
static void
load_worker_hold(const struct load_opts *o, int first, int count, int watched,
    int go_type_fd, int go_quit_fd, int report_fd)
{
	struct load_session *ss = NULL;
	struct pollfd *pfd = NULL;
	int *owner = NULL;
	char err[LOAD_ERROR_MAX + 1], c;
	double ms, now, wake;
	int i, n, held = 0, typing_left = 0, stage = 0, open_left, rc, go_fd;

	ss = calloc((size_t)count, sizeof(*ss));
	pfd = calloc((size_t)count + 1, sizeof(*pfd));
	owner = calloc((size_t)count + 1, sizeof(*owner));
	if (ss == NULL || pfd == NULL || owner == NULL)
		abort();
	for (i = 0; i < count; i++) {
		ss[i].index = first + i;
		ss[i].chat_pair = -1;
		/* A chat session's keys would go into its message. */
		if (!watched &&
		    !load_chat_role(
			o, first + i, &ss[i].chat_pair, &ss[i].chat_side))
			ss[i].typing =
			    load_is_typing(first + i, o->typing_percent);
		ss[i].random = (uint64_t)(first + i) * 7919 + 1;
		ss[i].watched = watched;
		if (load_now_ms() >= o->setup_deadline_ms) {
			/* Out of time to open more: hold what we have. */
			load_report(report_fd, "N");
			ss[i].state = LOAD_CLOSED;
			continue;
		}
		if (load_session_open(
			&ss[i], o, o->bind, &ms, err, sizeof(err)) != 0) {
			load_session_fail(report_fd, &ss[i], err);
			continue;
		}
		load_report(report_fd, "F %.3f", ms);
		if (ss[i].chat_pair >= 0)
			ss[i].chat_seen = load_chat_newest(&ss[i], o);
		held++;
	}
	load_report(report_fd, "R %d", held);
	/* stage 0: idle until type; 1: typing; 2: idle until quit; 3: quit */
	for (;;) {
		now = load_now_ms();
		if (now >= o->deadline_ms)
			break;
		wake = now + LOAD_POLL_MAX_MS;
		open_left = 0;
		n = 0;
		go_fd = stage == 0 ? go_type_fd : stage < 3 ? go_quit_fd : -1;
		if (go_fd >= 0) {
			pfd[n].fd = go_fd;
			pfd[n].events = POLLIN;
			owner[n++] = -1;
		}
		for (i = 0; i < count; i++) {
			if (ss[i].state == LOAD_CLOSED)
				continue;
			open_left++;
			load_hold_tick(&ss[i], report_fd, &typing_left, now);
			if (ss[i].state == LOAD_CLOSED)
				continue;
			if (ss[i].state == LOAD_THINKING &&
			    ss[i].next_ms < wake)
				wake = ss[i].next_ms;
			pfd[n].fd = ssh_get_fd(ss[i].ssh);
			pfd[n].events = POLLIN;
			owner[n++] = i;
		}
		if (stage == 1 && typing_left == 0) {
			load_report(report_fd, "T");
			stage = 2;
			for (i = 0; i < count; i++)
				if (ss[i].state == LOAD_IDLE)
					ss[i].state = LOAD_MEASURED;
			continue;
		}
		if (stage == 3 && open_left == 0)
			break;
		if (wake > o->deadline_ms)
			wake = o->deadline_ms;
		rc = poll(
		    pfd, (nfds_t)n, wake > now ? (int)(wake - now) + 1 : 0);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (pfd[i].revents == 0)
				continue;
			if (owner[i] >= 0) {
				load_hold_drain(
				    &ss[owner[i]], o, report_fd, &typing_left);
				continue;
			}
			if (read(pfd[i].fd, &c, 1) > 0)
				continue;
			if (stage == 0) {
				/* The type signal: typing sessions start, a
				 * think time apart. */
				stage = 1;
				for (int j = 0; j < count; j++) {
					if (!ss[j].typing ||
					    ss[j].state != LOAD_IDLE)
						continue;
					ss[j].state = LOAD_THINKING;
					ss[j].next_ms = load_now_ms() +
					    load_think_ms(&ss[j]);
					typing_left++;
				}
			} else {
				stage = 3;
				load_hold_quit_all(ss, count, o, report_fd);
			}
		}
	}
	for (i = 0; i < count; i++) {
		if (ss[i].state == LOAD_CLOSED)
			continue;
		/* Held through the measurements, but not ended in time. */
		if (ss[i].state == LOAD_MEASURED ||
		    ss[i].state == LOAD_QUITTING)
			load_report(report_fd, "U");
		else
			load_session_fail(
			    report_fd, &ss[i], "deadline reached");
		load_session_close(&ss[i]);
	}
	free(owner);
	free(pfd);
	free(ss);
}

/* ---- parent -------------------------------------------------------- */

/* Take one report line from a worker. */
static void
load_phase_line(struct load_phase *ph, char *line)
{
	struct load_count count = { 0, 0, 0 };
	double ms, step[LOAD_NSTEPS];
	int k, n;

	_Static_assert(LOAD_NSTEPS == 7, "the P line has 7 steps");
	switch (line[0]) {
	case 'F':
		if (sscanf(line + 1, "%lf", &ms) == 1) {
			load_samples_add(&ph->first_screen, ms);
			ph->reached++;
		}
		break;
	case 'K':
		if (sscanf(line + 1, "%d %lf", &k, &ms) == 2 && k >= 0 &&
		    k < LOAD_NKEYS) {
			load_samples_add(&ph->keys[k], ms);
			load_samples_add(&ph->all_keys, ms);
		}
		break;
	case 'D':
		ph->completed++;
		break;
	case 'P':
		if (sscanf(line + 1, "%lf %lf %lf %lf %lf %lf %lf", &step[0],
			&step[1], &step[2], &step[3], &step[4], &step[5],
			&step[6]) == LOAD_NSTEPS)
			for (k = 0; k < LOAD_NSTEPS; k++)
				load_samples_add(&ph->steps[k], step[k]);
		break;
	case 'E':
		ph->failures++;
		if (ph->first_error[0] == '\0')
			(void)snprintf(ph->first_error, sizeof(ph->first_error),
			    "%s", line[1] == ' ' ? line + 2 : line + 1);
		break;
	case 'W':
		ph->nready++;
		break;
	case 'R':
		if (sscanf(line + 1, "%d", &n) == 1) {
			ph->held += n;
			ph->nready++;
		}
		break;
	case 'T':
		ph->ntyped++;
		break;
	case 'N':
		ph->not_opened++;
		break;
	case 'U':
		ph->unfinished_end++;
		break;
	case 'C':
		if (sscanf(line + 1, "%lld %lf", &count.unread, &count.at_ms) ==
		    2)
			load_counts_add(&ph->news.drawn, &count);
		break;
	case 'H':
		load_chat_seen_line(ph, line);
		break;
	case 'A':
		if (sscanf(line + 1, "%d %lf", &n, &ms) == 2)
			load_samples_add(&ph->news.announce_at, ms);
		break;
	default:
		break;
	}
}

/* Reap workers that ended; count them once. */
static void
load_phase_reap(struct load_phase *ph, int block)
{
	pid_t pid;
	int status, i;

	for (;;) {
		pid = waitpid(-1, &status, block ? 0 : WNOHANG);
		if (pid <= 0)
			return;
		for (i = 0; i < ph->nworkers; i++) {
			if (ph->workers[i] != pid || ph->exited[i])
				continue;
			ph->exited[i] = 1;
			ph->nexited++;
		}
	}
}

/*
 * Read what the workers wrote (fd is readable) and take its whole lines.
 * Returns 0, or -1 at the end of the pipe (every worker is gone).
 */
int
load_phase_read(struct load_phase *ph, int fd)
{
	char *nl = NULL, *line = NULL;
	ssize_t got;

	got = read(fd, ph->buf + ph->nbuf, sizeof(ph->buf) - ph->nbuf);
	if (got < 0 && errno == EINTR)
		return 0;
	if (got <= 0)
		return -1;
	ph->nbuf += (size_t)got;
	line = ph->buf;
	while ((nl = memchr(line, '\n', ph->nbuf - (size_t)(line - ph->buf))) !=
	    NULL) {
		*nl = '\0';
		load_phase_line(ph, line);
		line = nl + 1;
	}
	ph->nbuf -= (size_t)(line - ph->buf);
	memmove(ph->buf, line, ph->nbuf);
	if (ph->nbuf == sizeof(ph->buf))
		ph->nbuf = 0; /* a line too long: drop it */
	return 0;
}

/*
 * Read the workers' reports until every live worker got to a point (ready,
 * typed, or gone) or the deadline.  Returns 0, or -1 at the deadline.
 */
int
load_phase_collect(struct load_phase *ph, int fd, enum load_until until,
    const struct load_opts *o)
{
	struct pollfd p = { fd, POLLIN, 0 };
	double left;
	int rc, eof = 0;

	for (;;) {
		load_phase_reap(ph, 0);
		if (until == LOAD_UNTIL_READY &&
		    ph->nready + ph->nexited >= ph->nforked)
			return 0;
		if (until == LOAD_UNTIL_TYPED &&
		    ph->ntyped + ph->nexited >= ph->nforked)
			return 0;
		if (until == LOAD_UNTIL_DONE &&
		    (eof ||
			ph->completed + ph->failures + ph->nexited >=
			    ph->nforked))
			return 0;
		if (until == LOAD_UNTIL_EXIT && eof) {
			load_phase_reap(ph, 1);
			return 0;
		}
		/* Workers stop at the deadline: give them time to say so. */
		left = o->deadline_ms + LOAD_WORKER_GRACE_MS - load_now_ms();
		if (left <= 0)
			return -1;
		rc = poll(&p, 1,
		    left > LOAD_POLL_MAX_MS ? LOAD_POLL_MAX_MS : (int)left + 1);
		if (rc < 0 && errno != EINTR)
			return -1;
		if (rc <= 0)
			continue;
		if (load_phase_read(ph, fd) != 0)
			eof = 1;
	}
}

/* Kill the workers still running (past the deadline) and reap them all. */
static void
load_phase_stop(struct load_phase *ph)
{
	double until = load_now_ms() + LOAD_KILL_GRACE_MS;
	int i;

	for (i = 0; i < ph->nworkers; i++)
		if (!ph->exited[i])
			(void)kill(ph->workers[i], SIGTERM);
	while (ph->nexited < ph->nworkers && load_now_ms() < until) {
		load_phase_reap(ph, 0);
		(void)usleep(10000);
	}
	for (i = 0; i < ph->nworkers; i++) {
		if (ph->exited[i])
			continue;
		(void)kill(ph->workers[i], SIGKILL);
		(void)waitpid(ph->workers[i], NULL, 0);
		ph->exited[i] = 1;
		ph->nexited++;
	}
}

/* Close a descriptor the caller no longer needs; -1 stays -1. */
void
load_close(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = -1;
}

/*
 * The workers of one level of the hold, the sessions [lo, hi): with a
 * watched member, the first level's worker 0 opens theirs alone, and the
 * rest share the others, per_worker each.  With firsts NULL, only counts.
 */
static int
load_level_slices(
    const struct load_opts *o, int lo, int hi, int *firsts, int *counts)
{
	int n = 0, first = lo;

	if (lo == 0 && o->watch_user != NULL && hi > 0) {
		if (firsts != NULL) {
			firsts[n] = 0;
			counts[n] = 1;
		}
		n++;
		first = 1;
	}
	for (; first < hi; first += o->per_worker, n++) {
		if (firsts == NULL)
			continue;
		firsts[n] = first;
		counts[n] =
		    hi - first < o->per_worker ? hi - first : o->per_worker;
	}
	return n;
}

/* MemAvailable of /proc/meminfo in KiB; -1 if it cannot be read. */
static long
load_mem_available_kib(void)
{
	char line[LOAD_PROC_TEXT_MAX];
	FILE *f = fopen("/proc/meminfo", "r");
	long kib = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "MemAvailable: %ld kB", &kib) == 1)
			break;
	(void)fclose(f);
	return kib;
}

/* Hold: the time a session of level L took to open, on average. */
static double
load_level_pace_ms(
    const struct load_phase *ph, const struct load_opts *o, int L)
{
	int opened = o->levels[L] - (L >= 1 ? o->levels[L - 1] : 0);

	return opened > 0 ? ph->levels[L].setup_ms / opened : 0;
}

/*
 * Hold: the time level L would take, at the pace of the levels before it:
 * its new sessions opened as fast as the last level's were, slower by as
 * much as that one's were than the level's before (a session opens slower
 * among more), then its steps as long as the shortest of theirs (the news
 * level's are longer); and, into *end_ms, the time to end all sessions
 * then held.
 */
static double
load_level_forecast_ms(const struct load_phase *ph, const struct load_opts *o,
    int L, double *end_ms)
{
	double after = ph->levels[L - 1].after_ms, open, pace, before;
	int k;

	for (k = 0; k < L - 1; k++)
		if (ph->levels[k].after_ms < after)
			after = ph->levels[k].after_ms;
	pace = load_level_pace_ms(ph, o, L - 1);
	before = L >= 2 ? load_level_pace_ms(ph, o, L - 2) : 0;
	if (before > 0 && pace > before)
		pace *= pace / before;
	open = pace * (o->levels[L] - o->levels[L - 1]);
	*end_ms = (ph->setup_ms + open) * LOAD_END_SHARE_PERCENT / 100;
	return open + after;
}

/*
 * Hold: whether level L may open, else why not (into why): time left to
 * open it and run its steps at the pace so far (a slow machine holds
 * fewer levels rather than overrun the deadline and lose them all), and
 * memory for its new sessions at the last level's PSS each.
 */
static int
load_level_may_open(const struct load_phase *ph, const struct load_opts *o,
    int L, char *why, size_t whylen)
{
	const struct load_level *last = NULL;
	long avail, need, per;
	double forecast, end;

	if (L == 0)
		return 1;
	last = &ph->levels[L - 1];
	if (load_now_ms() >= o->setup_deadline_ms) {
		load_error_set(why, whylen,
		    "%d sessions and more: no time left to open them (the "
		    "run's deadline)",
		    o->levels[L]);
		return 0;
	}
	forecast = load_level_forecast_ms(ph, o, L, &end);
	if (load_now_ms() + forecast > o->setup_deadline_ms ||
	    load_now_ms() + forecast + end > o->deadline_ms) {
		load_error_set(why, whylen,
		    "%d sessions and more: at the pace so far they would take "
		    "%.0f s and their end %.0f s more, past the run's deadline",
		    o->levels[L], forecast / 1000, end / 1000);
		return 0;
	}
	/* Sessions that failed: a few are figures, many a broken level. */
	if (last->held < last->sessions - last->sessions / 20) {
		load_error_set(why, whylen,
		    "%d sessions and more: the level of %d held only %d",
		    o->levels[L], last->sessions, last->held);
		return 0;
	}
	if (!last->memory.measured || last->held == 0)
		return 1;
	per = last->memory.pss_kib / last->held;
	need = per * (o->levels[L] - last->held) * LOAD_MEMORY_MARGIN_PERCENT /
	    100;
	avail = load_mem_available_kib();
	if (avail >= 0 && need > avail) {
		load_error_set(why, whylen,
		    "%d sessions and more: memory (%ld MiB needed at %ld KiB "
		    "a session with a %d%% margin, MemAvailable %ld MiB)",
		    o->levels[L], need / 1024, per, LOAD_MEMORY_MARGIN_PERCENT,
		    avail / 1024);
		return 0;
	}
	return 1;
}

/* The keystroke timings from n0 on, as a level's figures. */
static void
load_level_keys(
    struct load_level *lv, const struct load_samples *all, size_t n0)
{
	struct load_samples tail = { NULL, 0, 0 };
	size_t i;

	for (i = n0; i < all->n; i++)
		load_samples_add(&tail, all->v[i]);
	lv->keystrokes = tail.n;
	lv->key_p50_ms = load_percentile(&tail, 50);
	lv->key_p99_ms = load_percentile(&tail, 99);
	free(tail.v);
}

/* The chat step's figures, as a level's. */
static void
load_level_chat(struct load_level *lv, struct load_chat_news *cn)
{
	lv->chat_run = cn->run;
	lv->chat_sent = cn->written.n;
	lv->chat_shown = cn->latency.n;
	lv->chat_missed = cn->missed;
	lv->chat_p50_ms = load_percentile(&cn->latency, 50);
	lv->chat_p99_ms = load_percentile(&cn->latency, 99);
	lv->chat_cpu_percent = cn->server_cpu_percent;
}

/* A new chat step's figures (the lines seen stay: they are every run's). */
static void
load_chat_reset(struct load_chat_news *cn)
{
	struct load_chat_marks seen = cn->seen;

	load_chat_free_figures(cn);
	memset(cn, 0, sizeof(*cn));
	cn->seen = seen;
}

/* Hold, news level: run --search-cmd and keep its "JSON {...}" line; its
 * other lines (the slowest queries) go to the log. */
static void
load_search_line(struct load_phase *ph, char *line)
{
	if (strncmp(line, "JSON ", 5) == 0)
		(void)snprintf(
		    ph->search_json, sizeof(ph->search_json), "%s", line + 5);
	else
		(void)fprintf(stderr, "loadgen: search: %s\n", line);
}

/* What the machine's cores did from a to b, to the log: a slow search
 * while the cores were busy waited for one. */
static void
load_search_machine(const struct load_machine_cpu *a,
    const struct load_machine_cpu *b, const char *label)
{
	unsigned long long busy = b->busy - a->busy, idle = b->idle - a->idle;
	unsigned long long steal = b->steal - a->steal;
	unsigned long long all = busy + idle + steal;

	if (all == 0)
		return;
	(void)fprintf(stderr,
	    "loadgen: %s: during the search the cores were %.0f %% busy "
	    "(the search included), %.0f %% taken by the hypervisor\n",
	    label, 100.0 * (double)busy / (double)all,
	    100.0 * (double)steal / (double)all);
}

static void
load_search_step(
    struct load_phase *ph, const struct load_opts *o, int report_fd)
{
	struct load_command c;
	struct load_machine_cpu before, after;
	double until = o->deadline_ms - LOAD_STEP_RESERVE_MS;

	if (until - load_now_ms() < LOAD_STEP_MIN_MS) {
		(void)fprintf(stderr,
		    "loadgen: %s: no time left for the search\n", o->label);
		return;
	}
	if (until > load_now_ms() + LOAD_SEARCH_MAX_MS)
		until = load_now_ms() + LOAD_SEARCH_MAX_MS;
	(void)fprintf(stderr,
	    "loadgen: %s: the search benchmark, %d sessions held\n", o->label,
	    ph->held);
	(void)load_machine_cpu(&before);
	if (load_command_start(&c, o->search_cmd) != 0)
		return;
	while (c.fd >= 0 && load_now_ms() < until)
		if (load_news_poll(ph, report_fd, &c, load_search_line,
			LOAD_NEWS_POLL_MS) != 0)
			break;
	ph->search_status = load_command_end(&c, load_now_ms());
	if (load_machine_cpu(&after) == 0)
		load_search_machine(&before, &after, o->label);
}

/*
 * The server's memory as the hold's sessions are open: read at once, and,
 * with --rest-seconds, again that long after (nobody types meanwhile, but
 * never past the deadline's reserve); m gets the last reading, the first
 * in m->fresh_pss_kib.
 */
static void
load_memory_rested(const struct load_opts *o, struct load_memory *m)
{
	double until = o->deadline_ms - LOAD_STEP_RESERVE_MS, left;
	long fresh;

	load_memory_measure(o->server_pid, 1, m);
	m->fresh_pss_kib = -1;
	if (o->rest_s <= 0 || !m->measured)
		return;
	fresh = m->pss_kib;
	left = until - load_now_ms();
	if (left <= 0)
		return;
	if (left > o->rest_s * 1000.0)
		left = o->rest_s * 1000.0;
	(void)fprintf(stderr, "loadgen: %s: %.0f s idle before memory\n",
	    o->label, left / 1000);
	(void)usleep((useconds_t)(left * 1000));
	load_memory_measure(o->server_pid, 1, m);
	m->fresh_pss_kib = fresh;
}

/*
 * The hold, level by level: open each level's new sessions (workers of
 * its own, with a type signal of their own; the quit signal is everyone's),
 * measure memory and idle CPU over all held, let the new typing share type,
 * run the chat; at the news level (o->hold) also the news, the arrivals
 * and the search.  The keystrokes and memory of the news level are the
 * phase's.  Returns the time the quit began; *timed_out when the deadline
 * came first.
 */
static double
load_hold_levels(struct load_phase *ph, const struct load_opts *o, int report_r,
    int go_quit_r, int go_quit_w, int *timed_out)
{
	int go[2] = { -1, -1 }, firsts[LOAD_HOLD_MAX + 1],
	    counts[LOAD_HOLD_MAX + 1];
	struct load_chat_news kept;
	struct load_level *lv = NULL;
	int L, lo = 0, n, i, k, news_level, have_kept = 0;
	size_t n0, nk0[LOAD_NKEYS];
	double t_level, t_opened = 0;
	pid_t pid;

	memset(&kept, 0, sizeof(kept));
	for (L = 0; L < o->nlevels && !*timed_out; lo = o->levels[L++]) {
		lv = &ph->levels[L];
		if (L > 0)
			ph->levels[L - 1].after_ms = load_now_ms() - t_opened;
		if (!load_level_may_open(ph, o, L, ph->levels_stopped,
			sizeof(ph->levels_stopped))) {
			(void)fprintf(stderr, "loadgen: %s: stopped at %s\n",
			    o->label, ph->levels_stopped);
			ph->not_opened += o->top - lo;
			break;
		}
		news_level = o->levels[L] == o->hold;
		lv->sessions = o->levels[L];
		n = load_level_slices(o, lo, o->levels[L], firsts, counts);
		if (pipe(go) != 0) {
			(void)fprintf(
			    stderr, "loadgen: pipe: %s\n", strerror(errno));
			*timed_out = 1;
			break;
		}
		(void)fprintf(stderr,
		    "loadgen: %s: opening sessions %d to %d in %d workers\n",
		    o->label, lo + 1, o->levels[L], n);
		t_level = load_now_ms();
		for (i = 0; i < n; i++) {
			k = ph->nforked;
			pid = fork();
			ph->nforked = k + 1;
			if (pid < 0) {
				(void)fprintf(stderr, "loadgen: fork: %s\n",
				    strerror(errno));
				ph->exited[k] = 1;
				ph->nexited++;
				continue;
			}
			if (pid == 0) {
				load_close(&report_r);
				load_close(&go[1]);
				load_close(&go_quit_w);
				load_worker_hold(o, firsts[i], counts[i],
				    lo == 0 && i == 0 && o->watch_user != NULL,
				    go[0], go_quit_r, ph->report_w);
				_exit(0);
			}
			ph->workers[k] = pid;
			if (lo == 0 && i == 0 && o->watch_user != NULL &&
			    o->server_pid > 0 &&
			    load_watch_start(ph, o, report_r) != 0)
				*timed_out = 1;
		}
		load_close(&go[0]);
		if (load_phase_collect(ph, report_r, LOAD_UNTIL_READY, o) != 0)
			*timed_out = 1;
		t_opened = load_now_ms();
		lv->setup_ms = t_opened - t_level;
		lv->held = ph->held;
		lv->pty_nr = load_sysctl_int("/proc/sys/kernel/pty/nr");
		ph->setup_ms += lv->setup_ms;
		ph->pty_nr = lv->pty_nr;
		ph->pty_max = load_sysctl_int("/proc/sys/kernel/pty/max");
		(void)fprintf(stderr,
		    "loadgen: %s: %d sessions held after %.1f s\n", o->label,
		    ph->held, lv->setup_ms / 1000);
		lv->memory.idle_cpu_percent = -1;
		if (o->server_pid > 0)
			load_memory_rested(o, &lv->memory);
		if (o->server_pid > 0 && o->idle_s > 0 && !*timed_out)
			load_memory_idle(o->server_pid, o->idle_s, &lv->memory);
		n0 = ph->all_keys.n;
		for (k = 0; k < LOAD_NKEYS; k++)
			nk0[k] = ph->keys[k].n;
		t_level = load_now_ms();
		load_close(&go[1]);
		if (!*timed_out &&
		    load_phase_collect(ph, report_r, LOAD_UNTIL_TYPED, o) != 0)
			*timed_out = 1;
		load_level_keys(lv, &ph->all_keys, n0);
		ph->nlevels = L + 1;
		if (news_level) {
			ph->typing_ms = load_now_ms() - t_level;
			ph->memory = lv->memory;
			ph->news_held = lv->held;
		} else {
			/* The phase's keystrokes are the news level's. */
			ph->all_keys.n = n0;
			for (k = 0; k < LOAD_NKEYS; k++)
				ph->keys[k].n = nk0[k];
		}
		if (!*timed_out && L == 0 && o->prepare_cmd != NULL)
			load_prepare_step(ph, o);
		if (!*timed_out && o->chat_cmd != NULL && o->server_pid > 0) {
			load_chat_reset(&ph->news.chat);
			load_chat_step(ph, o, report_r,
			    1 + (long)L * LOAD_CHAT_SEQ_STRIDE);
			load_level_chat(lv, &ph->news.chat);
			if (news_level) {
				/* Its figures are the phase's: kept aside. */
				kept = ph->news.chat;
				memset(&ph->news.chat.written, 0,
				    sizeof(ph->news.chat.written));
				memset(&ph->news.chat.latency, 0,
				    sizeof(ph->news.chat.latency));
				have_kept = 1;
			}
		}
		if (!news_level || *timed_out)
			continue;
		if (o->watch_user != NULL && o->notify_cmd != NULL &&
		    o->server_pid > 0)
			load_notify_step(ph, o, report_r);
		if (o->nrates > 0)
			load_arrivals_step(ph, o, report_r);
		if (o->search_cmd != NULL)
			load_search_step(ph, o, report_r);
		if (o->announce_cmd != NULL)
			load_announce_step(ph, o, report_r);
	}
	if (have_kept) {
		kept.seen = ph->news.chat.seen;
		load_chat_free_figures(&ph->news.chat);
		ph->news.chat = kept;
	}
	return load_now_ms();
}

/* The server's CPU time as a phase of logins starts (ticks < 0: none). */
struct load_phase_cpu {
	long long ticks;
	int below; /* processes below the server then */
};

static void
load_phase_cpu_start(const struct load_opts *o, struct load_phase_cpu *c)
{
	if (o->server_pid > 0)
		c->ticks = load_server_cpu_ticks(o->server_pid, &c->below);
}

/*
 * The phase's logins are over: once the server has reaped their processes
 * (as many below it as before, within LOAD_SETTLE_MS), what it used since
 * the start, ph->server_cpu_ms; -1 if they did not end in that time.
 */
static void
load_phase_cpu_end(
    struct load_phase *ph, const struct load_opts *o, struct load_phase_cpu *c)
{
	double until = load_now_ms() + LOAD_SETTLE_MS;
	long ticks_per_s = sysconf(_SC_CLK_TCK);
	long long ticks;
	int below;

	if (c->ticks < 0 || ticks_per_s <= 0)
		return;
	for (;;) {
		ticks = load_server_cpu_ticks(o->server_pid, &below);
		if (below <= c->below)
			break;
		if (load_now_ms() >= until)
			return;
		(void)usleep(20000);
	}
	ph->server_cpu_ms = (double)(ticks - c->ticks) * 1000 / ticks_per_s;
}

/*
 * Run one phase: fork its workers, give the go signals, collect the
 * reports.  Fills ph.  Returns 0, or -1 when the phase could not start.
 */
static int
load_phase_run(struct load_phase *ph, const struct load_opts *o)
{
	int report[2] = { -1, -1 }, go_a[2] = { -1, -1 }, go_b[2] = { -1, -1 };
	struct load_opts late;
	struct load_phase_cpu cpu = { -1, 0 };
	int i, rc = -1, timed_out = 0, unaccounted;
	int pair, side;
	double t0, t_quit = 0;
	pid_t pid;

	if (ph->id == LOAD_SEQ) {
		ph->planned = o->sequential;
		ph->nworkers = 1;
	} else if (ph->id == LOAD_PAR) {
		ph->planned = o->parallel;
		ph->nworkers = o->parallel;
	} else {
		ph->planned = o->top;
		ph->nworkers = 0;
		for (i = 0; i < o->nlevels; i++)
			ph->nworkers +=
			    load_level_slices(o, i == 0 ? 0 : o->levels[i - 1],
				o->levels[i], NULL, NULL);
		for (i = 0; i < o->top; i++)
			ph->typing += !load_chat_role(o, i, &pair, &side) &&
			    load_is_typing(i, o->typing_percent);
	}
	if (ph->planned == 0)
		return 0;
	ph->workers = calloc((size_t)ph->nworkers, sizeof(*ph->workers));
	ph->ready = calloc((size_t)ph->nworkers, 1);
	ph->typed = calloc((size_t)ph->nworkers, 1);
	ph->exited = calloc((size_t)ph->nworkers, 1);
	if (ph->workers == NULL || ph->ready == NULL || ph->typed == NULL ||
	    ph->exited == NULL)
		abort();
	if (pipe(report) != 0 || pipe(go_a) != 0 || pipe(go_b) != 0) {
		(void)fprintf(stderr, "loadgen: pipe: %s\n", strerror(errno));
		goto out;
	}
	/* What the server runs besides sessions (mentord's housekeeping). */
	if (ph->id == LOAD_HOLD && o->server_pid > 0)
		ph->news.nstanding = load_server_children(
		    o->server_pid, ph->news.standing, LOAD_STANDING_MAX);
	if (ph->id == LOAD_SEQ)
		load_phase_cpu_start(o, &cpu);
	t0 = load_now_ms();
	for (i = 0; i < ph->nworkers && ph->id != LOAD_HOLD; i++) {
		pid = fork();
		ph->nforked = i + 1;
		if (pid < 0) {
			(void)fprintf(
			    stderr, "loadgen: fork: %s\n", strerror(errno));
			ph->exited[i] = 1;
			ph->nexited++;
			continue;
		}
		if (pid == 0) {
			load_close(&report[0]);
			load_close(&go_a[1]);
			load_close(&go_b[1]);
			if (ph->id == LOAD_SEQ)
				load_worker_seq(o, report[1]);
			else
				load_worker_par(
				    o, i, go_a[0], go_b[0], report[1]);
			_exit(0);
		}
		ph->workers[i] = pid;
	}
	if (ph->id == LOAD_HOLD) {
		(void)fprintf(stderr,
		    "loadgen: %s: holding %d sessions in %d workers\n",
		    o->label, o->top, ph->nworkers);
		load_close(&go_a[0]);
		load_close(&go_a[1]);
		ph->report_w = report[1];
		t_quit = load_hold_levels(
		    ph, o, report[0], go_b[0], go_b[1], &timed_out);
		if (o->hold_term && o->server_pid > 0)
			load_server_term(o->server_pid, ph->news.standing,
			    ph->news.nstanding);
		load_close(&go_b[1]);
	}
	load_close(&report[1]);
	load_close(&go_a[0]);
	load_close(&go_b[0]);
	if (ph->id == LOAD_PAR) {
		/* Every worker is waiting: start them all at once. */
		if (load_phase_collect(ph, report[0], LOAD_UNTIL_READY, o) != 0)
			timed_out = 1;
		load_phase_cpu_start(o, &cpu);
		t0 = load_now_ms();
		load_close(&go_a[1]);
		if (!timed_out &&
		    load_phase_collect(ph, report[0], LOAD_UNTIL_DONE, o) != 0)
			timed_out = 1;
		ph->wall_ms = load_now_ms() - t0;
		load_close(&go_b[1]); /* the workers may end */
	}
	if (!timed_out &&
	    load_phase_collect(ph, report[0], LOAD_UNTIL_EXIT, o) != 0)
		timed_out = 1;
	if (ph->id != LOAD_PAR)
		ph->wall_ms = load_now_ms() - t0;
	if (!timed_out)
		load_phase_cpu_end(ph, o, &cpu);
	if (ph->id == LOAD_HOLD)
		ph->quit_ms = load_now_ms() - t_quit;
	if (timed_out) {
		(void)fprintf(stderr, "loadgen: %s: %s: deadline reached\n",
		    o->label, load_phase_names[ph->id]);
		load_close(&go_a[1]);
		load_close(&go_b[1]);
		load_phase_stop(ph);
		/* Reports written before the end are still in the pipe. */
		late = *o;
		late.deadline_ms = load_now_ms();
		(void)load_phase_collect(ph, report[0], LOAD_UNTIL_EXIT, &late);
	}
	unaccounted = ph->planned - ph->completed - ph->failures -
	    ph->not_opened - ph->unfinished_end;
	if (unaccounted > 0) {
		ph->failures += unaccounted;
		if (ph->first_error[0] == '\0')
			(void)snprintf(ph->first_error, sizeof(ph->first_error),
			    "%d sessions unfinished (deadline, or a worker "
			    "died)",
			    unaccounted);
	}
	rc = 0;
out:
	load_close(&report[0]);
	load_close(&report[1]);
	load_close(&go_a[0]);
	load_close(&go_a[1]);
	load_close(&go_b[0]);
	load_close(&go_b[1]);
	return rc;
}

/* ---- output -------------------------------------------------------- */

void
load_json_string(const char *s)
{
	(void)putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			(void)printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			(void)printf("\\u%04x", (unsigned char)*s);
		else
			(void)putchar(*s);
	}
	(void)putchar('"');
}

/* A figure as a JSON value: null when negative (not measured). */
static void
load_json_value(double v)
{
	if (v < 0)
		(void)printf("null");
	else
		(void)printf("%.2f", v);
}

/* A figure as a member of the object being printed, or null. */
void
load_json_number(const char *name, double v)
{
	(void)printf(",\"%s\":", name);
	load_json_value(v);
}

static void
load_json_memory(const struct load_phase *ph)
{
	const struct load_memory *m = &ph->memory;
	int k;

	if (!m->measured) {
		(void)printf(",\"pss_per_session_kib\":null");
		return;
	}
	(void)printf(",\"server_processes\":%d,\"pss_total_kib\":%ld,"
		     "\"pss_root_kib\":%ld",
	    m->processes, m->pss_kib, m->root_pss_kib);
	load_json_number("idle_cpu_percent", m->idle_cpu_percent);
	load_json_number("pss_per_session_kib",
	    ph->news_held > 0 ? (double)m->pss_kib / ph->news_held : -1);
	load_json_number("pss_fresh_per_session_kib",
	    ph->news_held > 0 && m->fresh_pss_kib >= 0 ?
		(double)m->fresh_pss_kib / ph->news_held :
		-1);
	(void)printf(",\"pss_by_kind\":{");
	for (k = 0; k < m->nkinds; k++) {
		(void)printf("%s", k > 0 ? "," : "");
		load_json_string(m->kinds[k].name);
		(void)printf(":{\"processes\":%d,\"pss_kib\":%ld,"
			     "\"private_kib\":%ld,\"pss_per_process_kib\":%.1f",
		    m->kinds[k].processes, m->kinds[k].pss_kib,
		    m->kinds[k].private_kib,
		    (double)m->kinds[k].pss_kib / m->kinds[k].processes);
		if (m->idle_cpu_percent >= 0)
			(void)printf(",\"idle_cpu_percent\":%.1f,"
				     "\"idle_wakeups_per_s\":%.2f",
			    m->kinds[k].idle_cpu_percent,
			    m->kinds[k].idle_wakeups);
		(void)printf("}");
	}
	(void)printf("}");
}

/* The hold's levels: "levels":[{...}], and why the rest did not run. */
static void
load_json_levels(const struct load_phase *ph)
{
	const struct load_level *lv = NULL;
	const struct load_memory *m = NULL;
	int L, k;

	(void)printf(",\"levels\":[");
	for (L = 0; L < ph->nlevels; L++) {
		lv = &ph->levels[L];
		m = &lv->memory;
		(void)printf("%s{\"sessions\":%d,\"held\":%d,\"pty_nr\":%d",
		    L > 0 ? "," : "", lv->sessions, lv->held, lv->pty_nr);
		load_json_number("setup_s", lv->setup_ms / 1000);
		load_json_number("pss_per_session_kib",
		    m->measured && lv->held > 0 ?
			(double)m->pss_kib / lv->held :
			-1);
		load_json_number("pss_fresh_per_session_kib",
		    m->measured && lv->held > 0 && m->fresh_pss_kib >= 0 ?
			(double)m->fresh_pss_kib / lv->held :
			-1);
		load_json_number("idle_cpu_percent", m->idle_cpu_percent);
		(void)printf(",\"keystrokes\":%zu", lv->keystrokes);
		load_json_number("keystroke_p50_ms", lv->key_p50_ms);
		load_json_number("keystroke_p99_ms", lv->key_p99_ms);
		if (lv->chat_run) {
			(void)printf(",\"chat_sent\":%zu,\"chat_shown\":%zu,"
				     "\"chat_missed\":%d",
			    lv->chat_sent, lv->chat_shown, lv->chat_missed);
			load_json_number("chat_p50_ms", lv->chat_p50_ms);
			load_json_number("chat_p99_ms", lv->chat_p99_ms);
			load_json_number(
			    "chat_server_cpu_percent", lv->chat_cpu_percent);
		}
		(void)printf(",\"pss_per_process_kib\":{");
		for (k = 0; k < m->nkinds; k++) {
			(void)printf("%s", k > 0 ? "," : "");
			load_json_string(m->kinds[k].name);
			(void)printf(":%.1f",
			    (double)m->kinds[k].pss_kib /
				m->kinds[k].processes);
		}
		(void)printf("}}");
	}
	(void)printf("],\"levels_stopped\":");
	if (ph->levels_stopped[0] != '\0')
		load_json_string(ph->levels_stopped);
	else
		(void)printf("null");
}

/* The phase as a JSON member, "name":{...}. */
static void
load_json_phase(struct load_phase *ph, const struct load_opts *o)
{
	int k;

	(void)printf(",\"%s\":{\"sessions\":%d,\"reached_first_screen\":%d,"
		     "\"completed\":%d,\"failures\":%d,\"first_error\":",
	    load_phase_names[ph->id], ph->planned, ph->reached, ph->completed,
	    ph->failures);
	if (ph->first_error[0] != '\0')
		load_json_string(ph->first_error);
	else
		(void)printf("null");
	load_json_number("wall_s", ph->wall_ms / 1000);
	load_json_number(
	    "first_screen_p50_ms", load_percentile(&ph->first_screen, 50));
	load_json_number(
	    "first_screen_p99_ms", load_percentile(&ph->first_screen, 99));
	load_json_number(
	    "first_screen_max_ms", load_percentile(&ph->first_screen, 100));
	if (ph->id == LOAD_SEQ)
		load_json_number("logins_per_s",
		    ph->wall_ms > 0 ? ph->completed / (ph->wall_ms / 1000) :
				      -1);
	if (ph->id != LOAD_HOLD) {
		load_json_number("server_cpu_per_login_ms",
		    ph->server_cpu_ms >= 0 && ph->completed > 0 ?
			ph->server_cpu_ms / ph->completed :
			-1);
		(void)printf(",\"steps_p50_ms\":{");
		for (k = 0; k < LOAD_NSTEPS; k++) {
			(void)printf(
			    "%s\"%s\":", k > 0 ? "," : "", load_step_names[k]);
			load_json_value(load_percentile(&ph->steps[k], 50));
		}
		(void)printf("}");
	}
	if (ph->id == LOAD_HOLD) {
		(void)printf(
		    ",\"held\":%d,\"held_top\":%d,\"not_opened\":%d,"
		    "\"unfinished_end\":%d,\"typing\":%d,\"rounds\":%d",
		    ph->news_held, ph->held, ph->not_opened, ph->unfinished_end,
		    ph->typing, o->rounds);
		(void)printf(",\"pty_nr_while_held\":%d,\"pty_max\":%d",
		    ph->pty_nr, ph->pty_max);
		load_json_number("setup_s", ph->setup_ms / 1000);
		load_json_number("typing_s", ph->typing_ms / 1000);
		load_json_number("quit_s", ph->quit_ms / 1000);
		(void)printf(",\"keystrokes\":%zu", ph->all_keys.n);
		load_json_number(
		    "keystroke_p50_ms", load_percentile(&ph->all_keys, 50));
		load_json_number(
		    "keystroke_p99_ms", load_percentile(&ph->all_keys, 99));
		(void)printf(",\"keys\":{");
		for (k = 0; k < LOAD_NKEYS; k++) {
			(void)printf("%s\"%s\":{\"n\":%zu", k > 0 ? "," : "",
			    load_keys[k].name, ph->keys[k].n);
			load_json_number(
			    "p50_ms", load_percentile(&ph->keys[k], 50));
			load_json_number(
			    "p99_ms", load_percentile(&ph->keys[k], 99));
			(void)printf("}");
		}
		(void)printf("}");
		load_json_memory(ph);
		if (o->prepare_cmd != NULL)
			(void)printf(
			    ",\"prepare_status\":%d", ph->news.prepare_status);
		load_json_news(ph);
		load_json_chat(ph);
		load_json_arrivals(ph);
		(void)printf(",\"search\":%s,\"search_status\":%d",
		    ph->search_json[0] != '\0' ? ph->search_json : "null",
		    ph->search_status);
		load_json_levels(ph);
	}
	(void)printf("}");
}

static void
load_summary(struct load_phase *ph, const struct load_opts *o)
{
	const struct load_memory *m = &ph->memory;
	int k;

	(void)fprintf(stderr, "loadgen: %s %s: %d/%d completed, %d failed",
	    o->label, load_phase_names[ph->id], ph->completed, ph->planned,
	    ph->failures);
	if (ph->first_error[0] != '\0')
		(void)fprintf(stderr, " (first: %s)", ph->first_error);
	if (ph->first_screen.n > 0)
		(void)fprintf(stderr, "; first screen p50 %.1f ms p99 %.1f ms",
		    load_percentile(&ph->first_screen, 50),
		    load_percentile(&ph->first_screen, 99));
	if (ph->id == LOAD_SEQ && ph->wall_ms > 0)
		(void)fprintf(stderr, "; %.1f logins/s",
		    ph->completed / (ph->wall_ms / 1000));
	if (ph->id == LOAD_HOLD) {
		(void)fprintf(stderr,
		    "; held %d (%d not opened in time), keystroke p50 %.1f ms "
		    "p99 %.1f ms (%zu keys)",
		    ph->news_held, ph->not_opened,
		    load_percentile(&ph->all_keys, 50),
		    load_percentile(&ph->all_keys, 99), ph->all_keys.n);
		if (m->measured && ph->news_held > 0)
			(void)fprintf(stderr, "; PSS %.0f KiB per session",
			    (double)m->pss_kib / ph->news_held);
		if (m->idle_cpu_percent >= 0)
			(void)fprintf(stderr, "; idle CPU %.0f%% of a core",
			    m->idle_cpu_percent);
	}
	(void)fprintf(stderr, "\n");
	for (k = 0; k < m->nkinds; k++)
		(void)fprintf(stderr,
		    "loadgen:   %-24s %5d processes, PSS %8ld KiB (%.0f each), "
		    "private %ld KiB; idle %.1f%% CPU, %.2f wake-ups/s each\n",
		    m->kinds[k].name, m->kinds[k].processes,
		    m->kinds[k].pss_kib,
		    (double)m->kinds[k].pss_kib / m->kinds[k].processes,
		    m->kinds[k].private_kib, m->kinds[k].idle_cpu_percent,
		    m->kinds[k].idle_wakeups);
	load_summary_news(ph);
	load_summary_chat(ph);
	load_summary_arrivals(ph);
	for (k = 0; k < ph->nlevels; k++)
		(void)fprintf(stderr,
		    "loadgen:   level %d: %d held, PSS %.0f KiB each, idle "
		    "%.1f%%, keystroke p99 %.1f ms, chat p99 %.1f ms\n",
		    ph->levels[k].sessions, ph->levels[k].held,
		    ph->levels[k].held > 0 ?
			(double)ph->levels[k].memory.pss_kib /
			    ph->levels[k].held :
			-1.0,
		    ph->levels[k].memory.idle_cpu_percent,
		    ph->levels[k].key_p99_ms, ph->levels[k].chat_p99_ms);
	if (ph->levels_stopped[0] != '\0')
		(void)fprintf(
		    stderr, "loadgen:   stopped at %s\n", ph->levels_stopped);
}

/* ---- options ------------------------------------------------------- */

static void
load_usage(void)
{
	(void)fprintf(stderr,
	    "usage: loadgen --host ADDR --port P --user U [--key FILE]\n"
	    "           [--server-pid PID] [--phase seq|par|hold|all]\n"
	    "           [--sequential N] [--parallel M] [--hold H]\n"
	    "           [--typing-percent P] [--rounds R] [--per-worker K]\n"
	    "           [--idle-seconds S] [--rest-seconds S]\n"
	    "           [--hold-end quit|term]\n"
	    "           [--deadline SECONDS] [--label NAME] [--no-bind]\n"
	    "           [--watch-user U [--watch-key FILE]] [--notify-cmd CMD]\n"
	    "           [--announce-cmd CMD --announce-text TEXT]\n"
	    "           [--chat-pairs FILE --chat-keys DIR [--chat-cmd CMD]]\n"
	    "           [--news-prepare-cmd CMD] [--hold-levels N,N,...]\n"
	    "           [--arrival-rates R,R,... --arrivals N]\n"
	    "           [--search-cmd CMD]\n"
	    "Loopback servers only (127.x.x.x, ::1).  One JSON object on "
	    "stdout,\na summary on stderr.\n");
}

/*
 * A list of up to max numbers "A,B,..." within [min, max_value], each
 * above the one before; 0 with *n, or -1.
 */
static int
load_parse_list(
    const char *s, double min, double max_value, double *out, int max, int *n)
{
	char *end = NULL;
	double v;

	*n = 0;
	for (;;) {
		errno = 0;
		v = strtod(s, &end);
		if (errno != 0 || end == s || v < min || v > max_value ||
		    *n == max || (*n > 0 && v <= out[*n - 1]))
			return -1;
		out[(*n)++] = v;
		if (*end == '\0')
			return 0;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

/* A whole decimal number within [min, max]; 0 or -1. */
static int
load_parse_int(const char *s, long min, long max, int *out)
{
	char *end = NULL;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* Whether host is a loopback address written as numbers; 1 or 0. */
static int
load_host_loopback(const char *host, int *ipv4)
{
	struct in_addr a4;
	struct in6_addr a6;

	*ipv4 = 0;
	if (inet_pton(AF_INET, host, &a4) == 1) {
		*ipv4 = 1;
		return (ntohl(a4.s_addr) >> 24) == 127;
	}
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

static int
load_parse(int argc, char **argv, struct load_opts *o)
{
	const char *name = NULL, *value = NULL;
	int i, pid = 0, ipv4, p;

	o->port = -1;
	o->sequential = LOAD_SEQUENTIAL_DEFAULT;
	o->parallel = LOAD_PARALLEL_DEFAULT;
	o->hold = LOAD_HOLD_DEFAULT;
	o->typing_percent = LOAD_TYPING_PERCENT_DEFAULT;
	o->rounds = LOAD_ROUNDS_DEFAULT;
	o->per_worker = LOAD_PER_WORKER_DEFAULT;
	o->deadline_s = LOAD_DEADLINE_DEFAULT_S;
	o->idle_s = LOAD_IDLE_DEFAULT_S;
	o->bind = 1;
	o->label = "server";
	for (p = 0; p < LOAD_NPHASES; p++)
		o->phases[p] = 1;
	for (i = 1; i < argc; i++) {
		name = argv[i];
		if (strcmp(name, "--help") == 0) {
			load_usage();
			exit(0);
		}
		if (strcmp(name, "--no-bind") == 0) {
			o->bind = 0;
			continue;
		}
		if (i + 1 >= argc) {
			(void)fprintf(
			    stderr, "loadgen: %s needs a value\n", name);
			return -1;
		}
		value = argv[++i];
		if (strcmp(name, "--host") == 0)
			o->host = value;
		else if (strcmp(name, "--user") == 0)
			o->user = value;
		else if (strcmp(name, "--key") == 0)
			o->key_file = value;
		else if (strcmp(name, "--label") == 0)
			o->label = value;
		else if (strcmp(name, "--watch-user") == 0)
			o->watch_user = value;
		else if (strcmp(name, "--watch-key") == 0)
			o->watch_key_file = value;
		else if (strcmp(name, "--notify-cmd") == 0)
			o->notify_cmd = value;
		else if (strcmp(name, "--announce-cmd") == 0)
			o->announce_cmd = value;
		else if (strcmp(name, "--news-prepare-cmd") == 0)
			o->prepare_cmd = value;
		else if (strcmp(name, "--chat-cmd") == 0)
			o->chat_cmd = value;
		else if (strcmp(name, "--chat-keys") == 0)
			o->chat_keys_dir = value;
		else if (strcmp(name, "--chat-pairs") == 0) {
			if (o->nchat_pairs > 0 ||
			    load_chat_read_pairs(o, value) != 0)
				goto bad;
		} else if (strcmp(name, "--announce-text") == 0) {
			/* Seen whole in the toast line, or never. */
			if (value[0] == '\0' ||
			    strlen(value) > LOAD_ANNOUNCE_TEXT_MAX)
				goto bad;
			o->announce_text = value;
		} else if (strcmp(name, "--port") == 0) {
			if (load_parse_int(value, 1, 65535, &o->port) != 0)
				goto bad;
		} else if (strcmp(name, "--server-pid") == 0) {
			if (load_parse_int(value, 1, INT_MAX, &pid) != 0)
				goto bad;
			o->server_pid = (pid_t)pid;
		} else if (strcmp(name, "--sequential") == 0) {
			if (load_parse_int(value, 0, LOAD_SEQUENTIAL_MAX,
				&o->sequential) != 0)
				goto bad;
		} else if (strcmp(name, "--parallel") == 0) {
			if (load_parse_int(
				value, 0, LOAD_PARALLEL_MAX, &o->parallel) != 0)
				goto bad;
		} else if (strcmp(name, "--hold") == 0) {
			if (load_parse_int(value, 0, LOAD_HOLD_MAX, &o->hold) !=
			    0)
				goto bad;
		} else if (strcmp(name, "--hold-levels") == 0) {
			double lv[LOAD_LEVELS_MAX];

			if (load_parse_list(value, 1, LOAD_HOLD_MAX, lv,
				LOAD_LEVELS_MAX, &o->nlevels) != 0)
				goto bad;
			for (p = 0; p < o->nlevels; p++) {
				o->levels[p] = (int)lv[p];
				if (lv[p] != (double)o->levels[p])
					goto bad;
			}
		} else if (strcmp(name, "--arrival-rates") == 0) {
			if (load_parse_list(value, 0.1, LOAD_RATE_MAX,
				o->arrival_rates, LOAD_RATES_MAX,
				&o->nrates) != 0)
				goto bad;
		} else if (strcmp(name, "--arrivals") == 0) {
			if (load_parse_int(
				value, 1, LOAD_ARRIVALS_MAX, &o->arrivals) != 0)
				goto bad;
		} else if (strcmp(name, "--search-cmd") == 0) {
			o->search_cmd = value;
		} else if (strcmp(name, "--typing-percent") == 0) {
			if (load_parse_int(value, 0, 100, &o->typing_percent) !=
			    0)
				goto bad;
		} else if (strcmp(name, "--rounds") == 0) {
			if (load_parse_int(
				value, 1, LOAD_ROUNDS_MAX, &o->rounds) != 0)
				goto bad;
		} else if (strcmp(name, "--per-worker") == 0) {
			if (load_parse_int(value, 1, LOAD_PER_WORKER_MAX,
				&o->per_worker) != 0)
				goto bad;
		} else if (strcmp(name, "--hold-end") == 0) {
			if (strcmp(value, "quit") == 0)
				o->hold_term = 0;
			else if (strcmp(value, "term") == 0)
				o->hold_term = 1;
			else
				goto bad;
		} else if (strcmp(name, "--idle-seconds") == 0) {
			if (load_parse_int(
				value, 0, LOAD_IDLE_MAX_S, &o->idle_s) != 0)
				goto bad;
		} else if (strcmp(name, "--rest-seconds") == 0) {
			if (load_parse_int(
				value, 0, LOAD_REST_MAX_S, &o->rest_s) != 0)
				goto bad;
		} else if (strcmp(name, "--deadline") == 0) {
			if (load_parse_int(value, 1, LOAD_DEADLINE_MAX_S,
				&o->deadline_s) != 0)
				goto bad;
		} else if (strcmp(name, "--phase") == 0) {
			for (p = 0; p < LOAD_NPHASES; p++)
				o->phases[p] = strcmp(value, "all") == 0 ||
				    strcmp(value, load_phase_names[p]) == 0;
			if (!o->phases[LOAD_SEQ] && !o->phases[LOAD_PAR] &&
			    !o->phases[LOAD_HOLD])
				goto bad;
		} else {
			(void)fprintf(
			    stderr, "loadgen: unknown option %s\n", name);
			return -1;
		}
	}
	if (o->host == NULL || o->port < 0 || o->user == NULL) {
		(void)fprintf(
		    stderr, "loadgen: --host, --port and --user are needed\n");
		return -1;
	}
	if ((o->notify_cmd != NULL && o->watch_user == NULL) ||
	    (o->announce_cmd == NULL) != (o->announce_text == NULL)) {
		(void)fprintf(stderr,
		    "loadgen: --notify-cmd needs --watch-user, and "
		    "--announce-cmd and --announce-text go together\n");
		return -1;
	}
	if ((o->nchat_pairs > 0) != (o->chat_keys_dir != NULL) ||
	    (o->chat_cmd != NULL && o->nchat_pairs == 0)) {
		(void)fprintf(stderr,
		    "loadgen: --chat-pairs and --chat-keys go together, and "
		    "--chat-cmd needs them\n");
		return -1;
	}
	if (o->nlevels == 0) {
		o->levels[0] = o->hold;
		o->nlevels = 1;
	}
	o->top = o->levels[o->nlevels - 1];
	for (p = 0; p < o->nlevels && o->levels[p] != o->hold; p++)
		;
	if (p == o->nlevels || (o->nrates > 0) != (o->arrivals > 0)) {
		(void)fprintf(stderr,
		    "loadgen: --hold must be one of --hold-levels, and "
		    "--arrival-rates and --arrivals go together\n");
		return -1;
	}
	if (o->nchat_pairs > 0 &&
	    o->levels[0] - (o->watch_user != NULL) < 2 * o->nchat_pairs) {
		(void)fprintf(stderr,
		    "loadgen: %d pairs need %d held sessions besides the "
		    "watched one\n",
		    o->nchat_pairs, 2 * o->nchat_pairs);
		return -1;
	}
	if (!load_host_loopback(o->host, &ipv4)) {
		(void)fprintf(stderr,
		    "loadgen: refusing %s: only loopback servers are "
		    "load-tested, written as numbers (127.x.x.x or ::1)\n",
		    o->host);
		return -1;
	}
	if (!ipv4)
		o->bind = 0;
	return 0;
bad:
	(void)fprintf(stderr, "loadgen: bad value for %s: %s\n", name, value);
	return -1;
}

/* One algorithm of each kind a key exchange uses: fetching one builds the
 * table of its whole kind (OpenSSL 3 builds them lazily). */
#define LOAD_WARM(type, fetch, free_fn, name)      \
	do {                                       \
		type *m = fetch(NULL, name, NULL); \
		free_fn(m);                        \
	} while (0)

/*
 * The client's own set-up, before any worker is forked: libssh's, and the
 * crypto library's algorithm tables, which every worker process would
 * otherwise build again on its first key exchange (some 1-2 ms of CPU
 * each, taken from the two cores the server is measured on, in the middle
 * of the 200 logins at once).  The same for both servers.
 */
static void
load_warm_crypto(void)
{
	unsigned char byte;

	(void)ssh_init();
	(void)OPENSSL_init_crypto(
	    OPENSSL_INIT_ADD_ALL_CIPHERS | OPENSSL_INIT_ADD_ALL_DIGESTS, NULL);
	LOAD_WARM(EVP_CIPHER, EVP_CIPHER_fetch, EVP_CIPHER_free, "ChaCha20");
	LOAD_WARM(EVP_CIPHER, EVP_CIPHER_fetch, EVP_CIPHER_free, "AES-256-GCM");
	LOAD_WARM(EVP_MD, EVP_MD_fetch, EVP_MD_free, "SHA256");
	LOAD_WARM(EVP_MD, EVP_MD_fetch, EVP_MD_free, "SHA512");
	LOAD_WARM(EVP_MAC, EVP_MAC_fetch, EVP_MAC_free, "HMAC");
	LOAD_WARM(EVP_KDF, EVP_KDF_fetch, EVP_KDF_free, "SSHKDF");
	LOAD_WARM(EVP_KEYMGMT, EVP_KEYMGMT_fetch, EVP_KEYMGMT_free, "X25519");
	LOAD_WARM(EVP_KEYMGMT, EVP_KEYMGMT_fetch, EVP_KEYMGMT_free, "ED25519");
	LOAD_WARM(EVP_KEYEXCH, EVP_KEYEXCH_fetch, EVP_KEYEXCH_free, "X25519");
	LOAD_WARM(
	    EVP_SIGNATURE, EVP_SIGNATURE_fetch, EVP_SIGNATURE_free, "ED25519");
	/* The random generator; each worker reseeds its own after fork. */
	(void)RAND_bytes(&byte, 1);
}

int
main(int argc, char **argv)
{
	struct load_opts o;
	struct load_phase phases[LOAD_NPHASES];
	struct sigaction sa;
	int p, k, status = 1;

	memset(&o, 0, sizeof(o));
	memset(phases, 0, sizeof(phases));
	if (load_parse(argc, argv, &o) != 0) {
		load_usage();
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) != 0) {
		(void)fprintf(
		    stderr, "loadgen: sigaction: %s\n", strerror(errno));
		return 1;
	}
	if (o.key_file != NULL &&
	    ssh_pki_import_privkey_file(o.key_file, NULL, NULL, NULL, &o.key) !=
		SSH_OK) {
		(void)fprintf(
		    stderr, "loadgen: cannot read the key %s\n", o.key_file);
		return 1;
	}
	if (o.watch_key_file != NULL &&
	    ssh_pki_import_privkey_file(
		o.watch_key_file, NULL, NULL, NULL, &o.watch_key) != SSH_OK) {
		(void)fprintf(stderr, "loadgen: cannot read the key %s\n",
		    o.watch_key_file);
		ssh_key_free(o.key);
		return 1;
	}
	load_warm_crypto();
	o.deadline_ms = load_now_ms() + o.deadline_s * 1000.0;
	/* The hold keeps time to measure and end what it opened. */
	o.setup_deadline_ms = o.deadline_ms - LOAD_AFTER_SETUP_MS;
	if (o.setup_deadline_ms < o.deadline_ms - o.deadline_s * 500.0)
		o.setup_deadline_ms = o.deadline_ms - o.deadline_s * 500.0;
	for (p = 0; p < LOAD_NPHASES; p++) {
		phases[p].id = (enum load_phase_id)p;
		phases[p].server_cpu_ms = -1;
		if (!o.phases[p])
			continue;
		if (load_phase_run(&phases[p], &o) != 0)
			goto out;
		load_summary(&phases[p], &o);
	}
	(void)printf("{\"label\":");
	load_json_string(o.label);
	(void)printf(",\"host\":");
	load_json_string(o.host);
	(void)printf(",\"port\":%d,\"kex\":\"%s\"", o.port, LOAD_KEX);
	for (p = 0; p < LOAD_NPHASES; p++)
		if (o.phases[p] && phases[p].planned > 0)
			load_json_phase(&phases[p], &o);
	(void)printf("}\n");
	(void)fflush(stdout);
	status = 0;
	for (p = 0; p < LOAD_NPHASES; p++)
		if (phases[p].failures > 0)
			status = 3; /* figures printed, but sessions failed */
out:
	for (p = 0; p < LOAD_NPHASES; p++) {
		free(phases[p].first_screen.v);
		free(phases[p].all_keys.v);
		for (k = 0; k < LOAD_NKEYS; k++)
			free(phases[p].keys[k].v);
		for (k = 0; k < LOAD_NSTEPS; k++)
			free(phases[p].steps[k].v);
		free(phases[p].workers);
		free(phases[p].ready);
		free(phases[p].typed);
		free(phases[p].exited);
		free(phases[p].news.commits.v);
		free(phases[p].news.drawn.v);
		free(phases[p].news.latency.v);
		free(phases[p].news.announce_at.v);
		free(phases[p].news.announce_ms.v);
		load_chat_free(&phases[p].news.chat);
		load_arrivals_free(&phases[p].arrivals);
	}
	ssh_key_free(o.key);
	ssh_key_free(o.watch_key);
	free(o.chat_pairs);
	return status;
}
