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
 * by the server instead: the direct children of --server-pid (its
 * connection processes) get SIGTERM, as when an operator stops them,
 * which is cheaper than 1,000 logouts.
 * Use that only on a server of your own: every session of it is ended.
 *
 * The hold stops opening sessions 30 s before the deadline and measures
 * what it holds; "held" and "not_opened" say how far it got.  While all
 * are open (before anyone types) it reads the server's memory, then its
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
 * summed.  Then --announce-cmd is run, and every session waits for
 * --announce-text to appear in its toast line: the time from the start of
 * the command to each screen that shows it, the last above all.  The
 * times of the two programs and of the screens are all on CLOCK_MONOTONIC.
 *
 * Sessions live in forked worker processes, each owning a slice of them:
 * set-up is blocking libssh calls, one session at a time, then the worker
 * polls over its sessions.  Workers report to the parent in text lines
 * over a pipe (one write each, shorter than PIPE_BUF, so lines never mix).
 * The result is one JSON object on stdout and a summary on stderr.
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
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

#include <libssh/libssh.h>

#include "vt.h"

#define LOAD_STEP_TIMEOUT_MS 30000 /* any one step of a session */
#define LOAD_DEADLINE_DEFAULT_S 240
#define LOAD_DEADLINE_MAX_S 3600
#define LOAD_KILL_GRACE_MS 5000 /* workers past the deadline, then SIGKILL */
#define LOAD_WORKER_GRACE_MS 3000 /* workers stop at the deadline, report */
#define LOAD_AFTER_SETUP_MS 30000 /* hold: kept for measuring and ending */
#define LOAD_SEQUENTIAL_DEFAULT 50
#define LOAD_SEQUENTIAL_MAX 10000
#define LOAD_PARALLEL_DEFAULT 200
#define LOAD_PARALLEL_MAX 1000 /* one worker process each */
#define LOAD_HOLD_DEFAULT 1000
#define LOAD_HOLD_MAX 4096 /* the kernel's PTY limit stops the server first */
#define LOAD_TYPING_PERCENT_DEFAULT 5
#define LOAD_ROUNDS_DEFAULT 3
#define LOAD_ROUNDS_MAX 100
#define LOAD_IDLE_DEFAULT_S 3
#define LOAD_IDLE_MAX_S 600
#define LOAD_PER_WORKER_DEFAULT 25
#define LOAD_PER_WORKER_MAX 250
#define LOAD_BIND_HOSTS 250 /* 127.0.1.1 ... 127.0.1.250 */
#define LOAD_THINK_MIN_MS 100 /* pause between a key's answer and the next */
#define LOAD_THINK_SPREAD_MS 200
#define LOAD_POLL_MAX_MS 1000
#define LOAD_READ_CHUNK 16384
#define LOAD_ERROR_MAX 200 /* bytes of an error text kept */
#define LOAD_LINE_MAX 480 /* a report line: below PIPE_BUF, so atomic */
#define LOAD_MARKER_MAX 32
#define LOAD_LAST_OUTPUT_MAX 96 /* bytes of output quoted in an error */
#define LOAD_PROC_TEXT_MAX 256 /* bytes of a comm or cmdline read */
#define LOAD_PROC_DEPTH_MAX 64 /* parent links followed up to the root */
#define LOAD_KINDS_MAX 16
#define LOAD_KIND_NAME_MAX 32 /* a process comm is at most 15 bytes */
#define LOAD_TERM "xterm-256color"
#define LOAD_COLS 80
#define LOAD_ROWS 24
#define LOAD_KEX "curve25519-sha256"
#define LOAD_STATUS_ROW (LOAD_ROWS - 1) /* "Name X. · N unread ..." */
#define LOAD_TOAST_ROW (LOAD_ROWS - 2) /* "● Announcement: ..." */
#define LOAD_ROW_TEXT_MAX (LOAD_COLS * 4 + 1) /* UTF-8 of one row */
#define LOAD_UNREAD_WORD " unread"
#define LOAD_ANNOUNCE_TEXT_MAX 48 /* fits the toast line with its prefix */
#define LOAD_STANDING_MAX 64 /* server children there before the hold */
#define LOAD_NOTIFY_SETTLE_MS 2000 /* for the last count after the last */
#define LOAD_ANNOUNCE_WAIT_MS 15000 /* for the last screen to show it */
#define LOAD_ANNOUNCE_LATE_MS 1000 /* slower screens are counted: "late" */
#define LOAD_STEP_RESERVE_MS 5000 /* news steps end this before deadline */
#define LOAD_STEP_MIN_MS 10000 /* a news step starts with this much left */
#define LOAD_COMMAND_LINE_MAX 256 /* a line a news command prints */
#define LOAD_NEWS_POLL_MS 50 /* news steps look at their clocks this often */
/*
 * The home screen's heading, on every home screen: a member's checklist
 * can push the programme text ("How it works") below the fold.
 */
#define LOAD_HOME_MARKER "What would you like to do?"

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

#define LOAD_NKEYS ((int)nitems(load_keys))

/* The first full screen: the home heading, then the status line's "quit". */
static const char *const load_first_screen[] = { LOAD_HOME_MARKER, "quit" };

enum load_phase_id { LOAD_SEQ, LOAD_PAR, LOAD_HOLD, LOAD_NPHASES };

static const char *const load_phase_names[LOAD_NPHASES] = { "seq", "par",
	"hold" };

struct load_opts {
	const char *host;
	int port;
	const char *user;
	const char *key_file;
	ssh_key key; /* NULL: "none" authentication */
	pid_t server_pid; /* 0: no memory figures */
	int phases[LOAD_NPHASES];
	int sequential;
	int parallel;
	int hold;
	int typing_percent;
	int rounds;
	int per_worker;
	int deadline_s;
	int idle_s; /* hold: seconds of idle CPU measured before typing */
	int hold_term; /* hold: end by SIGTERM to the server's sessions */
	int bind; /* a source address per connection (IPv4 host only) */
	const char *label;
	double deadline_ms; /* absolute, on the monotonic clock */
	double setup_deadline_ms; /* hold: no session opened after it */
	const char *watch_user; /* hold: the first session's member */
	const char *watch_key_file;
	ssh_key watch_key; /* NULL: "none" authentication */
	const char *notify_cmd; /* hold: writes notifications to watch_user */
	const char *announce_cmd; /* hold: announces announce_text to all */
	const char *announce_text;
};

/* A growing set of timings, in milliseconds. */
struct load_samples {
	double *v;
	size_t n;
	size_t cap;
};

/* Scans a byte stream for a text that may straddle reads. */
struct load_scan {
	const char *marker;
	size_t len;
	char tail[LOAD_MARKER_MAX];
	size_t ntail;
};

/* Up to two texts expected in order; none: any output will do. */
struct load_expect {
	const char *markers[2];
	int nmarkers;
	int next;
	struct load_scan scan;
};

enum load_state {
	LOAD_IDLE,
	LOAD_THINKING,
	LOAD_WAITING,
	LOAD_QUITTING,
	LOAD_MEASURED, /* held past the measurements: an end is no failure */
	LOAD_CLOSED,
};

struct load_session {
	ssh_session ssh;
	ssh_channel channel;
	int index;
	int typing;
	int failed; /* reported once, at most */
	enum load_state state;
	struct load_expect expect;
	double sent_ms;
	double next_ms;
	int key;
	int round;
	uint64_t random;
	struct vt vt; /* what the screen shows */
	int watched; /* the --watch-user session: reports its unread count */
	long long unread; /* the count last seen on the status line; -1 */
	int announced; /* --announce-text was seen in the toast line */
};

/* One kind of server process, and what its processes hold. */
struct load_kind {
	char name[LOAD_KIND_NAME_MAX];
	int processes;
	long pss_kib;
	long private_kib;
	long long cpu_ticks; /* utime + stime, all of the kind's processes */
	long long switches; /* voluntary context switches: wake-ups */
	double idle_cpu_percent; /* of one core, over the idle window */
	double idle_wakeups; /* per process and second, idle window */
};

/* The server's processes at one moment: memory, and CPU used so far. */
struct load_memory {
	int measured;
	int processes;
	long pss_kib; /* every descendant of the root, not the root itself */
	long root_pss_kib;
	long long cpu_ticks;
	double idle_cpu_percent; /* -1: not measured */
	struct load_kind kinds[LOAD_KINDS_MAX];
	int nkinds;
};

/* A notification committed, and a count drawn on the watched screen. */
struct load_count {
	long long unread;
	double at_ms;
	double done_ms; /* commits only: the commit returned */
};

struct load_counts {
	struct load_count *v;
	size_t n;
	size_t cap;
};

/* Processes of some of the sessions: CPU time and wake-ups, summed. */
struct load_split {
	int processes;
	long long ticks; /* utime + stime */
	long long switches; /* voluntary context switches */
};

/* Hold: what the notify and announce steps learn. */
struct load_news {
	pid_t standing[LOAD_STANDING_MAX]; /* server children before */
	int nstanding;
	pid_t watch_pid; /* the server's child serving the watched session */
	int notify_run;
	int notify_status; /* of the command: exit status, or -1 */
	int notify_failed; /* notifications the command could not write */
	struct load_counts commits;
	struct load_counts drawn; /* the watched screen's counts, in order */
	struct load_samples latency; /* commit to a count including it */
	int notify_missed; /* commits no count on screen included */
	double notify_window_ms;
	struct load_split others; /* the other sessions, over the window */
	struct load_split watched; /* the watched session's */
	int announce_run;
	int announce_status;
	long long announce_members; /* "announced to N members" */
	double announce_start_ms;
	double announce_command_ms; /* the command's run, start to exit */
	struct load_samples announce_at; /* absolute: a screen showed it */
	struct load_samples announce_ms; /* from the command's start */
};

/* What the parent learns of one phase. */
struct load_phase {
	enum load_phase_id id;
	int planned;
	int reached; /* sessions that got their first screen */
	int completed; /* sessions that quit and closed cleanly */
	int failures;
	char first_error[LOAD_ERROR_MAX + 1];
	struct load_samples first_screen;
	struct load_samples keys[LOAD_NKEYS];
	struct load_samples all_keys;
	int held;
	int typing;
	int not_opened; /* hold: the setup time ran out first */
	int pty_nr; /* hold: PTYs in use while all were held; -1 unknown */
	int pty_max;
	int unfinished_end; /* hold: measured, but not ended by the deadline */
	double wall_ms;
	double setup_ms;
	double typing_ms;
	double quit_ms;
	int nworkers;
	int nforked; /* workers started so far */
	pid_t *workers;
	unsigned char *ready; /* per worker: "R" or "W" seen */
	unsigned char *typed; /* per worker: "T" seen */
	unsigned char *exited;
	int nready;
	int ntyped;
	int nexited;
	struct load_memory memory;
	struct load_news news;
	char buf[4 * LOAD_LINE_MAX];
	size_t nbuf;
};

/* Milliseconds on the monotonic clock. */
static double
load_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		abort();
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void *
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

static void
load_samples_add(struct load_samples *s, double v)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		s->v = load_xrealloc(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = v;
}

static void
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
static double
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
static void
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
	s->state = LOAD_CLOSED;
}

/* The time left to a step that started now, bounded by the deadline. */
static double
load_step_until(const struct load_opts *o)
{
	double until = load_now_ms() + LOAD_STEP_TIMEOUT_MS;

	return until < o->deadline_ms ? until : o->deadline_ms;
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
	double left;
	size_t keep;
	int n;

	for (;;) {
		left = until_ms - load_now_ms();
		if (left <= 0) {
			load_error_set(
			    err, errlen, "%s: no answer in time", what);
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

/*
 * Blocking: connect, authenticate, open a shell on a pty and wait for the
 * first full screen.  On success returns 0 and the time it took from the
 * connect; on failure -1 and the reason in err, with the session freed.
 */
static int
load_session_open(struct load_session *s, const struct load_opts *o, int bind,
    double *first_screen_ms, char *err, size_t errlen)
{
	char source[INET_ADDRSTRLEN];
	double t0 = load_now_ms();
	long timeout_s;
	bool process_config = false;
	const char *user = s->watched ? o->watch_user : o->user;
	ssh_key key = s->watched ? o->watch_key : o->key;
	int off = 0, on = 1, verbosity = SSH_LOG_NOLOG, rc;

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
	if (key != NULL)
		rc = ssh_userauth_publickey(s->ssh, NULL, key);
	else
		rc = ssh_userauth_none(s->ssh, NULL);
	if (rc != SSH_AUTH_SUCCESS) {
		load_error_set(err, errlen, "auth: %s",
		    rc == SSH_AUTH_DENIED ? "denied" : ssh_get_error(s->ssh));
		goto fail;
	}
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
	if (ssh_channel_request_pty_size(
		s->channel, LOAD_TERM, LOAD_COLS, LOAD_ROWS) != SSH_OK) {
		load_error_set(err, errlen, "pty: %s", ssh_get_error(s->ssh));
		goto fail;
	}
	if (ssh_channel_request_shell(s->channel) != SSH_OK) {
		load_error_set(err, errlen, "shell: %s", ssh_get_error(s->ssh));
		goto fail;
	}
	load_expect_start(
	    &s->expect, load_first_screen[0], load_first_screen[1]);
	if (load_session_wait(
		s, load_step_until(o), "first screen", err, errlen) != 0)
		goto fail;
	*first_screen_ms = load_now_ms() - t0;
	s->unread = load_screen_unread(s);
	s->state = LOAD_IDLE;
	return 0;
fail:
	load_session_close(s);
	return -1;
}

/* Blocking: press q and wait for the channel to end.  0 or -1 and err. */
static int
load_session_quit(
    struct load_session *s, const struct load_opts *o, char *err, size_t errlen)
{
	char buf[LOAD_READ_CHUNK];
	double until = load_step_until(o);
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
 * One session to its first screen and out, reported: "F ms" then "D", or
 * "E why".
 */
static void
load_session_once(const struct load_opts *o, int index, int bind, int report_fd)
{
	struct load_session s;
	char err[LOAD_ERROR_MAX + 1];
	double ms;

	memset(&s, 0, sizeof(s));
	s.index = index;
	if (load_session_open(&s, o, bind, &ms, err, sizeof(err)) != 0) {
		load_report(report_fd, "E %s", err);
		return;
	}
	load_report(report_fd, "F %.3f", ms);
	if (load_session_quit(&s, o, err, sizeof(err)) != 0)
		load_report(report_fd, "E %s", err);
	else
		load_report(report_fd, "D");
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

/* Worker: one session of the parallel phase, started on the go signal. */
static void
load_worker_par(const struct load_opts *o, int index, int go_fd, int report_fd)
{
	load_report(report_fd, "W %d", index);
	if (load_wait_go(go_fd, o) != 0) {
		load_report(report_fd, "E deadline reached before the start");
		return;
	}
	load_session_once(o, index, o->bind, report_fd);
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
 * watched session's unread count when it grew ("C COUNT MS"), and the
 * announcement when it first appears ("A INDEX MS"), timed now.
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
		ss[i].typing = load_is_typing(first + i, o->typing_percent);
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

/* ---- memory -------------------------------------------------------- */

struct load_proc {
	pid_t pid;
	pid_t ppid;
	long long ticks;
};

static int
load_proc_cmp(const void *a, const void *b)
{
	const struct load_proc *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* Read a small /proc file into buf, NULs turned into spaces. */
static int
load_proc_text(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	FILE *f = NULL;
	size_t n, i;

	(void)snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	n = fread(buf, 1, len - 1, f);
	(void)fclose(f);
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (buf[i] == '\0' || buf[i] == '\n')
			buf[i] = ' ';
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return 0;
}

/*
 * The parent pid and the CPU time used (utime + stime, in clock ticks)
 * from /proc/PID/stat, the fields after the command in parentheses.
 */
static int
load_proc_stat(pid_t pid, pid_t *ppid, long long *ticks)
{
	char buf[LOAD_PROC_TEXT_MAX * 2];
	const char *p = NULL;
	unsigned long long utime, stime;
	char state;
	int parent;

	*ppid = -1;
	*ticks = 0;
	if (load_proc_text(pid, "stat", buf, sizeof(buf)) != 0)
		return -1;
	p = strrchr(buf, ')');
	if (p == NULL ||
	    sscanf(p + 1,
		" %c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &state,
		&parent, &utime, &stime) != 4)
		return -1;
	*ppid = (pid_t)parent;
	*ticks = (long long)(utime + stime);
	return 0;
}

/* Voluntary context switches of a process so far: how often it slept. */
static long long
load_proc_switches(pid_t pid)
{
	char path[64], line[128];
	FILE *f = NULL;
	long long v = 0;

	(void)snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "voluntary_ctxt_switches: %lld", &v) == 1)
			break;
	(void)fclose(f);
	return v;
}

/* Pss, Private_Clean + Private_Dirty of a process, in KiB.  0 or -1. */
static int
load_proc_pss(pid_t pid, long *pss, long *private_kib)
{
	char path[64], line[256];
	FILE *f = NULL;
	long v;

	(void)snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	*pss = *private_kib = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "Pss: %ld kB", &v) == 1)
			*pss = v;
		else if (sscanf(line, "Private_Clean: %ld kB", &v) == 1 ||
		    sscanf(line, "Private_Dirty: %ld kB", &v) == 1)
			*private_kib += v;
	}
	(void)fclose(f);
	return 0;
}

/*
 * The kind of a server process, for the breakdown: its command name, and
 * for sshd the role its process title names.
 */
static void
load_proc_kind(pid_t pid, char *kind, size_t len)
{
	char comm[LOAD_KIND_NAME_MAX], cmdline[LOAD_PROC_TEXT_MAX];

	if (load_proc_text(pid, "comm", comm, sizeof(comm)) != 0)
		(void)snprintf(comm, sizeof(comm), "?");
	if (strcmp(comm, "sshd") != 0) {
		(void)snprintf(kind, len, "%s", comm);
		return;
	}
	if (load_proc_text(pid, "cmdline", cmdline, sizeof(cmdline)) != 0)
		cmdline[0] = '\0';
	if (strstr(cmdline, "[priv]") != NULL)
		(void)snprintf(kind, len, "sshd [priv] monitor");
	else if (strstr(cmdline, "[net]") != NULL ||
	    strstr(cmdline, "[preauth]") != NULL ||
	    strstr(cmdline, "[accepted]") != NULL)
		(void)snprintf(kind, len, "sshd [net] pre-auth");
	else if (strchr(cmdline, '@') != NULL)
		(void)snprintf(kind, len, "sshd user@pts session");
	else
		(void)snprintf(kind, len, "sshd other");
}

/*
 * Every process there is now, with its parent and CPU time, sorted by pid
 * (those that end while we read have no parent, -1).  *procs is the
 * caller's to free.  Returns how many.
 */
static size_t
load_proc_scan(struct load_proc **procs)
{
	struct dirent *d = NULL;
	DIR *dir = NULL;
	size_t n = 0, cap = 0;
	char *end = NULL;
	long pid;

	*procs = NULL;
	dir = opendir("/proc");
	if (dir == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			*procs = load_xrealloc(*procs, cap, sizeof(**procs));
		}
		(*procs)[n].pid = (pid_t)pid;
		(void)load_proc_stat(
		    (pid_t)pid, &(*procs)[n].ppid, &(*procs)[n].ticks);
		n++;
	}
	(void)closedir(dir);
	if (n > 0)
		qsort(*procs, n, sizeof(**procs), load_proc_cmp);
	return n;
}

/*
 * The child of root whose subtree holds procs[i] (procs[i] itself if it
 * is one), or 0 when procs[i] is not below root.
 */
static pid_t
load_proc_top(const struct load_proc *procs, size_t n, size_t i, pid_t root)
{
	struct load_proc key;
	const struct load_proc *up = NULL;
	pid_t top = procs[i].pid;
	int depth;

	key.ppid = procs[i].ppid;
	for (depth = 0; depth < LOAD_PROC_DEPTH_MAX && key.ppid > 1; depth++) {
		if (key.ppid == root)
			return top;
		key.pid = key.ppid;
		up = bsearch(&key, procs, n, sizeof(*procs), load_proc_cmp);
		if (up == NULL)
			return 0;
		top = up->pid;
		key.ppid = up->ppid;
	}
	return 0;
}

/* The children of root now: up to max pids into pids; how many. */
static int
load_server_children(pid_t root, pid_t *pids, int max)
{
	struct load_proc *procs = NULL;
	size_t n, i;
	int k = 0;

	n = load_proc_scan(&procs);
	for (i = 0; i < n && k < max; i++)
		if (procs[i].ppid == root)
			pids[k++] = procs[i].pid;
	free(procs);
	return k;
}

static int
load_pid_in(pid_t pid, const pid_t *pids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

/*
 * The CPU time and wake-ups so far of the held sessions' processes, in
 * two sums: the subtree of the watched session's server child, and every
 * other child's subtree but those standing before the hold (mentord's
 * housekeeping).
 */
static void
load_news_cpu(pid_t root, const struct load_news *news,
    struct load_split *others, struct load_split *watched)
{
	struct load_proc *procs = NULL;
	struct load_split *into = NULL;
	size_t n, i;
	pid_t top;

	memset(others, 0, sizeof(*others));
	memset(watched, 0, sizeof(*watched));
	n = load_proc_scan(&procs);
	for (i = 0; i < n; i++) {
		top = load_proc_top(procs, n, i, root);
		if (top == 0 ||
		    load_pid_in(top, news->standing, news->nstanding))
			continue;
		into = top == news->watch_pid ? watched : others;
		into->processes++;
		into->ticks += procs[i].ticks;
		into->switches += load_proc_switches(procs[i].pid);
	}
	free(procs);
}

/*
 * Sum the PSS (when with_pss) and the CPU time of every descendant of root
 * (root itself apart), by kind.  Processes that end while we read are
 * skipped.
 */
static void
load_memory_measure(pid_t root, int with_pss, struct load_memory *m)
{
	struct load_proc *procs = NULL;
	size_t n, i;
	char kind[sizeof(m->kinds[0].name)];
	long pss, private_kib;
	int k;

	memset(m, 0, sizeof(*m));
	n = load_proc_scan(&procs);
	for (i = 0; i < n; i++) {
		if (with_pss && procs[i].pid == root &&
		    load_proc_pss(root, &pss, &private_kib) == 0)
			m->root_pss_kib = pss;
		if (load_proc_top(procs, n, i, root) == 0)
			continue;
		pss = private_kib = 0;
		if (with_pss &&
		    load_proc_pss(procs[i].pid, &pss, &private_kib) != 0)
			continue;
		load_proc_kind(procs[i].pid, kind, sizeof(kind));
		for (k = 0; k < m->nkinds; k++)
			if (strcmp(m->kinds[k].name, kind) == 0)
				break;
		if (k == m->nkinds) {
			if (m->nkinds == LOAD_KINDS_MAX)
				k = m->nkinds - 1; /* the last takes the rest */
			else
				(void)snprintf(m->kinds[m->nkinds++].name,
				    sizeof(m->kinds[0].name), "%s", kind);
		}
		m->kinds[k].processes++;
		m->kinds[k].pss_kib += pss;
		m->kinds[k].private_kib += private_kib;
		m->kinds[k].cpu_ticks += procs[i].ticks;
		m->kinds[k].switches += load_proc_switches(procs[i].pid);
		m->processes++;
		m->pss_kib += pss;
		m->cpu_ticks += procs[i].ticks;
	}
	m->measured = 1;
	free(procs);
}

/*
 * With every session held and nobody typing, how much CPU the server
 * burns, and how often each kind of process wakes up: measured again
 * after a window and compared with m.
 */
static void
load_memory_idle(pid_t root, int seconds, struct load_memory *m)
{
	struct load_memory after;
	double ticks_per_s = (double)sysconf(_SC_CLK_TCK);
	double t0 = load_now_ms(), window_s;
	int k, j;

	(void)usleep((useconds_t)seconds * 1000000);
	load_memory_measure(root, 0, &after);
	window_s = (load_now_ms() - t0) / 1000;
	if (!after.measured || ticks_per_s <= 0 || window_s <= 0)
		return;
	m->idle_cpu_percent = (double)(after.cpu_ticks - m->cpu_ticks) /
	    ticks_per_s / window_s * 100;
	for (k = 0; k < m->nkinds; k++) {
		for (j = 0; j < after.nkinds; j++)
			if (strcmp(after.kinds[j].name, m->kinds[k].name) == 0)
				break;
		if (j == after.nkinds)
			continue;
		m->kinds[k].idle_cpu_percent =
		    (double)(after.kinds[j].cpu_ticks - m->kinds[k].cpu_ticks) /
		    ticks_per_s / window_s * 100;
		m->kinds[k].idle_wakeups =
		    (double)(after.kinds[j].switches - m->kinds[k].switches) /
		    window_s / m->kinds[k].processes;
	}
}

/* SIGTERM to every direct child of root: the server's sessions. */
static void
load_server_term(pid_t root)
{
	struct dirent *d = NULL;
	DIR *dir = NULL;
	char *end = NULL;
	long pid;
	long long ticks;
	pid_t ppid;

	dir = opendir("/proc");
	if (dir == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 ||
		    load_proc_stat((pid_t)pid, &ppid, &ticks) != 0 ||
		    ppid != root)
			continue;
		/* Gone already is fine: it was ending anyway. */
		(void)kill((pid_t)pid, SIGTERM);
	}
	(void)closedir(dir);
}

/* ---- parent -------------------------------------------------------- */

/* Take one report line from a worker. */
static void
load_phase_line(struct load_phase *ph, char *line)
{
	struct load_count count = { 0, 0, 0 };
	double ms;
	int k, n;

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
static int
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

enum load_until { LOAD_UNTIL_READY, LOAD_UNTIL_TYPED, LOAD_UNTIL_EXIT };

/*
 * Read the workers' reports until every live worker got to a point (ready,
 * typed, or gone) or the deadline.  Returns 0, or -1 at the deadline.
 */
static int
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
		    ph->ntyped + ph->nexited >= ph->nworkers)
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

/* A number from a /proc/sys file; -1 if it cannot be read. */
static int
load_sysctl_int(const char *path)
{
	FILE *f = NULL;
	int v = -1;

	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	(void)fclose(f);
	return v;
}

/* Close a descriptor the caller no longer needs; -1 stays -1. */
static void
load_close(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = -1;
}

/* ---- news --------------------------------------------------------- */

/* A command a news step runs, and the lines it prints. */
struct load_command {
	pid_t pid;
	int fd; /* its standard output; -1 once it ended */
	char buf[2 * LOAD_COMMAND_LINE_MAX];
	size_t n;
};

/*
 * Start cmd with /bin/sh in a process group of its own, its standard
 * output on a pipe to us, nothing else of ours open.  Returns 0, or -1
 * (said on stderr).
 */
static int
load_command_start(struct load_command *c, const char *cmd)
{
	int out[2] = { -1, -1 }, null;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	if (pipe(out) != 0) {
		(void)fprintf(stderr, "loadgen: pipe: %s\n", strerror(errno));
		return -1;
	}
	c->pid = fork();
	if (c->pid < 0) {
		(void)fprintf(stderr, "loadgen: fork: %s\n", strerror(errno));
		load_close(&out[0]);
		load_close(&out[1]);
		return -1;
	}
	if (c->pid == 0) {
		/* Killed as a group if it overruns. */
		(void)setpgid(0, 0);
		null = open("/dev/null", O_RDONLY);
		if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
		    dup2(out[1], STDOUT_FILENO) < 0)
			_exit(127);
		/* The workers' go pipes end by their last writer closing. */
		if (close_range(STDERR_FILENO + 1, ~0U, 0) != 0)
			_exit(127);
		(void)execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	load_close(&out[1]);
	c->fd = out[0];
	return 0;
}

/*
 * Read what the command printed (its fd is readable) and hand each whole
 * line to take.  At the end of its output c->fd becomes -1.
 */
static void
load_command_read(struct load_command *c, struct load_phase *ph,
    void (*take)(struct load_phase *, char *))
{
	char *nl = NULL, *line = NULL;
	ssize_t got;

	got = read(c->fd, c->buf + c->n, sizeof(c->buf) - 1 - c->n);
	if (got < 0 && errno == EINTR)
		return;
	if (got <= 0) {
		load_close(&c->fd);
		return;
	}
	c->n += (size_t)got;
	line = c->buf;
	while (
	    (nl = memchr(line, '\n', c->n - (size_t)(line - c->buf))) != NULL) {
		*nl = '\0';
		take(ph, line);
		line = nl + 1;
	}
	c->n -= (size_t)(line - c->buf);
	memmove(c->buf, line, c->n);
	if (c->n == sizeof(c->buf) - 1)
		c->n = 0; /* a line too long: drop it */
}

/*
 * Wait for the command to exit, until until_ms, then kill its process
 * group.  Returns its exit status, or -1 if it was killed or did not exit.
 */
static int
load_command_end(struct load_command *c, double until_ms)
{
	pid_t got;
	int status;

	load_close(&c->fd);
	for (;;) {
		got = waitpid(c->pid, &status, WNOHANG);
		if (got == c->pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (got < 0 && errno != EINTR)
			return -1;
		if (load_now_ms() >= until_ms)
			break;
		(void)usleep(10000);
	}
	(void)kill(-c->pid, SIGKILL);
	(void)waitpid(c->pid, &status, 0);
	return -1;
}

/*
 * Wait up to ms for the workers' reports and the command's lines, and
 * take them.  Returns 0, or -1 when every worker is gone.
 */
static int
load_news_poll(struct load_phase *ph, int report_fd, struct load_command *c,
    void (*take)(struct load_phase *, char *), int ms)
{
	struct pollfd p[2] = { { report_fd, POLLIN, 0 }, { c->fd, POLLIN, 0 } };
	int rc;

	rc = poll(p, c->fd >= 0 ? 2 : 1, ms);
	if (rc <= 0)
		return rc < 0 && errno != EINTR ? -1 : 0;
	if (p[0].revents != 0 && load_phase_read(ph, report_fd) != 0)
		return -1;
	if (c->fd >= 0 && p[1].revents != 0)
		load_command_read(c, ph, take);
	return 0;
}

/* A line of the notify command: "N SEQ UNREAD COMMIT_MS DONE_MS". */
static void
load_notify_line(struct load_phase *ph, char *line)
{
	struct load_count commit = { 0, 0, 0 };
	long seq;

	if (line[0] == 'F') {
		ph->news.notify_failed++;
		return;
	}
	if (sscanf(line, "N %ld %lld %lf %lf", &seq, &commit.unread,
		&commit.at_ms, &commit.done_ms) == 4)
		load_counts_add(&ph->news.commits, &commit);
}

/* Whether the watched screen shows the count of the last commit. */
static int
load_notify_caught_up(const struct load_news *nw)
{
	return nw->commits.n > 0 && nw->drawn.n > 0 &&
	    nw->drawn.v[nw->drawn.n - 1].unread >=
	    nw->commits.v[nw->commits.n - 1].unread;
}

/*
 * Each commit's time to the first count drawn that includes it: counts
 * only grow, and a screen that was busy may skip one.
 */
static void
load_notify_match(struct load_news *nw)
{
	size_t i, j = 0;

	for (i = 0; i < nw->commits.n; i++) {
		while (j < nw->drawn.n &&
		    nw->drawn.v[j].unread < nw->commits.v[i].unread)
			j++;
		if (j == nw->drawn.n) {
			nw->notify_missed++;
			continue;
		}
		load_samples_add(&nw->latency,
		    nw->drawn.v[j].at_ms - nw->commits.v[i].at_ms);
	}
}

/*
 * Hold, all idle: run the notify command, follow the watched screen's
 * count, and sum the CPU time of everyone else's sessions meanwhile.
 */
static void
load_notify_step(
    struct load_phase *ph, const struct load_opts *o, int report_fd)
{
	struct load_news *nw = &ph->news;
	struct load_command c;
	double t0, ended = 0, until = o->deadline_ms - LOAD_STEP_RESERVE_MS;
	struct load_split others0, watched0;

	if (until - load_now_ms() < LOAD_STEP_MIN_MS) {
		(void)fprintf(stderr,
		    "loadgen: %s: no time left for the notifications\n",
		    o->label);
		return;
	}
	(void)fprintf(stderr, "loadgen: %s: notifications to %s\n", o->label,
	    o->watch_user);
	load_news_cpu(o->server_pid, nw, &others0, &watched0);
	t0 = load_now_ms();
	if (load_command_start(&c, o->notify_cmd) != 0)
		return;
	nw->notify_run = 1;
	while (load_now_ms() < until) {
		if (load_news_poll(ph, report_fd, &c, load_notify_line,
			LOAD_NEWS_POLL_MS) != 0)
			break;
		if (c.fd >= 0)
			continue;
		if (ended == 0)
			ended = load_now_ms();
		if (load_notify_caught_up(nw) ||
		    load_now_ms() - ended >= LOAD_NOTIFY_SETTLE_MS)
			break;
	}
	nw->notify_window_ms = load_now_ms() - t0;
	load_news_cpu(o->server_pid, nw, &nw->others, &nw->watched);
	nw->others.ticks -= others0.ticks;
	nw->others.switches -= others0.switches;
	nw->watched.ticks -= watched0.ticks;
	nw->watched.switches -= watched0.switches;
	nw->notify_status =
	    load_command_end(&c, load_now_ms() + LOAD_KILL_GRACE_MS);
	load_notify_match(nw);
}

/* A line of the announce command: "announced to N members". */
static void
load_announce_line(struct load_phase *ph, char *line)
{
	long long n;

	if (sscanf(line, "announced to %lld", &n) == 1)
		ph->news.announce_members = n;
}

/*
 * Hold, all idle: run the announce command and wait for every held
 * screen to show the announcement, or LOAD_ANNOUNCE_WAIT_MS.
 */
static void
load_announce_step(
    struct load_phase *ph, const struct load_opts *o, int report_fd)
{
	struct load_news *nw = &ph->news;
	struct load_command c;
	double until = o->deadline_ms - LOAD_STEP_RESERVE_MS,
	       now = load_now_ms();
	size_t i;

	if (until - now < LOAD_STEP_MIN_MS) {
		(void)fprintf(stderr,
		    "loadgen: %s: no time left for the announcement\n",
		    o->label);
		return;
	}
	if (until > now + LOAD_ANNOUNCE_WAIT_MS)
		until = now + LOAD_ANNOUNCE_WAIT_MS;
	(void)fprintf(
	    stderr, "loadgen: %s: an announcement to all\n", o->label);
	nw->announce_start_ms = load_now_ms();
	if (load_command_start(&c, o->announce_cmd) != 0)
		return;
	nw->announce_run = 1;
	while (load_now_ms() < until) {
		if (load_news_poll(ph, report_fd, &c, load_announce_line,
			LOAD_NEWS_POLL_MS) != 0)
			break;
		if (c.fd >= 0)
			continue;
		if (nw->announce_command_ms == 0)
			nw->announce_command_ms =
			    load_now_ms() - nw->announce_start_ms;
		if ((int)nw->announce_at.n >= ph->held)
			break;
	}
	nw->announce_status =
	    load_command_end(&c, load_now_ms() + LOAD_KILL_GRACE_MS);
	for (i = 0; i < nw->announce_at.n; i++)
		load_samples_add(&nw->announce_ms,
		    nw->announce_at.v[i] - nw->announce_start_ms);
}

/*
 * Hold: start the watched member's session alone (worker 0), and find
 * the server's child that serves it: the one that was not there before.
 * Returns 0, or -1 when the time ran out.
 */
static int
load_watch_start(
    struct load_phase *ph, const struct load_opts *o, int report_fd)
{
	struct load_news *nw = &ph->news;
	pid_t now[LOAD_STANDING_MAX];
	int n, i, found = 0;

	if (load_phase_collect(ph, report_fd, LOAD_UNTIL_READY, o) != 0)
		return -1;
	n = load_server_children(o->server_pid, now, LOAD_STANDING_MAX);
	for (i = 0; i < n; i++) {
		if (load_pid_in(now[i], nw->standing, nw->nstanding))
			continue;
		nw->watch_pid = now[i];
		found++;
	}
	if (found != 1) {
		(void)fprintf(stderr,
		    "loadgen: %s: %d new server processes for the watched "
		    "session, not one: no CPU figure of the others\n",
		    o->label, found);
		nw->watch_pid = 0;
	}
	return 0;
}

/* The sessions worker i of the hold opens: with a watched member, worker
 * 0 opens theirs alone, and the rest share the others. */
static void
load_hold_slice(const struct load_opts *o, int i, int *first, int *count)
{
	int shift = o->watch_user != NULL;

	if (shift && i == 0) {
		*first = 0;
		*count = 1;
		return;
	}
	*first = shift + (i - shift) * o->per_worker;
	*count =
	    o->hold - *first < o->per_worker ? o->hold - *first : o->per_worker;
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
	int i, first, count, rc = -1, timed_out = 0, unaccounted, watch = 0;
	double t0, t_ready = 0, t_typing = 0, t_quit = 0;
	pid_t pid;

	if (ph->id == LOAD_SEQ) {
		ph->planned = o->sequential;
		ph->nworkers = 1;
	} else if (ph->id == LOAD_PAR) {
		ph->planned = o->parallel;
		ph->nworkers = o->parallel;
	} else {
		ph->planned = o->hold;
		watch = o->watch_user != NULL && o->hold > 0;
		ph->nworkers = watch +
		    (o->hold - watch + o->per_worker - 1) / o->per_worker;
		for (i = 0; i < o->hold; i++)
			ph->typing += load_is_typing(i, o->typing_percent);
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
	t0 = load_now_ms();
	for (i = 0; i < ph->nworkers; i++) {
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
			if (ph->id == LOAD_SEQ) {
				load_worker_seq(o, report[1]);
			} else if (ph->id == LOAD_PAR) {
				load_worker_par(o, i, go_a[0], report[1]);
			} else {
				load_hold_slice(o, i, &first, &count);
				load_worker_hold(o, first, count,
				    watch && i == 0, go_a[0], go_b[0],
				    report[1]);
			}
			_exit(0);
		}
		ph->workers[i] = pid;
		if (watch && i == 0 && o->server_pid > 0 &&
		    load_watch_start(ph, o, report[0]) != 0)
			timed_out = 1;
	}
	load_close(&report[1]);
	load_close(&go_a[0]);
	load_close(&go_b[0]);
	if (ph->id == LOAD_PAR) {
		/* Every worker is waiting: start them all at once. */
		if (load_phase_collect(ph, report[0], LOAD_UNTIL_READY, o) != 0)
			timed_out = 1;
		t0 = load_now_ms();
		load_close(&go_a[1]);
	}
	if (ph->id == LOAD_HOLD) {
		(void)fprintf(stderr,
		    "loadgen: %s: opening %d sessions in %d workers\n",
		    o->label, o->hold, ph->nworkers);
		if (load_phase_collect(ph, report[0], LOAD_UNTIL_READY, o) != 0)
			timed_out = 1;
		t_ready = load_now_ms();
		ph->setup_ms = t_ready - t0;
		ph->pty_nr = load_sysctl_int("/proc/sys/kernel/pty/nr");
		ph->pty_max = load_sysctl_int("/proc/sys/kernel/pty/max");
		(void)fprintf(stderr,
		    "loadgen: %s: %d sessions held after %.1f s\n", o->label,
		    ph->held, ph->setup_ms / 1000);
		ph->memory.idle_cpu_percent = -1;
		if (o->server_pid > 0)
			load_memory_measure(o->server_pid, 1, &ph->memory);
		if (o->server_pid > 0 && o->idle_s > 0 && !timed_out)
			load_memory_idle(o->server_pid, o->idle_s, &ph->memory);
		t_typing = load_now_ms();
		load_close(&go_a[1]);
		if (!timed_out &&
		    load_phase_collect(ph, report[0], LOAD_UNTIL_TYPED, o) != 0)
			timed_out = 1;
		ph->typing_ms = load_now_ms() - t_typing;
		if (!timed_out && watch && o->notify_cmd != NULL &&
		    o->server_pid > 0)
			load_notify_step(ph, o, report[0]);
		if (!timed_out && o->announce_cmd != NULL)
			load_announce_step(ph, o, report[0]);
		t_quit = load_now_ms();
		if (o->hold_term && o->server_pid > 0)
			load_server_term(o->server_pid);
		load_close(&go_b[1]);
	}
	if (!timed_out &&
	    load_phase_collect(ph, report[0], LOAD_UNTIL_EXIT, o) != 0)
		timed_out = 1;
	ph->wall_ms = load_now_ms() - t0;
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

static void
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

/* A figure, or null when there is no sample. */
static void
load_json_number(const char *name, double v)
{
	if (v < 0)
		(void)printf(",\"%s\":null", name);
	else
		(void)printf(",\"%s\":%.2f", name, v);
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
	    ph->held > 0 ? (double)m->pss_kib / ph->held : -1);
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

/* CPU ticks over a window in ms as % of one core; -1 if unknown. */
static double
load_cpu_percent(long long ticks, double window_ms)
{
	double ticks_per_s = (double)sysconf(_SC_CLK_TCK);

	if (ticks_per_s <= 0 || window_ms <= 0)
		return -1;
	return (double)ticks / ticks_per_s / (window_ms / 1000) * 100;
}

/* The figures of the news steps, when they ran. */
static void
load_json_news(struct load_phase *ph)
{
	struct load_news *nw = &ph->news;
	struct load_samples commit = { NULL, 0, 0 };
	size_t i;
	int late = 0;

	if (nw->notify_run) {
		for (i = 0; i < nw->commits.n; i++)
			load_samples_add(&commit,
			    nw->commits.v[i].done_ms - nw->commits.v[i].at_ms);
		(void)printf(",\"notify\":{\"sent\":%zu,\"failed\":%d,"
			     "\"shown\":%zu,\"missed\":%d,"
			     "\"command_status\":%d",
		    nw->commits.n, nw->notify_failed, nw->latency.n,
		    nw->notify_missed, nw->notify_status);
		load_json_number("p50_ms", load_percentile(&nw->latency, 50));
		load_json_number("p99_ms", load_percentile(&nw->latency, 99));
		load_json_number("max_ms", load_percentile(&nw->latency, 100));
		load_json_number("commit_p50_ms", load_percentile(&commit, 50));
		load_json_number("commit_p99_ms", load_percentile(&commit, 99));
		load_json_number("window_s", nw->notify_window_ms / 1000);
		(void)printf(",\"others_processes\":%d,\"others_wakeups\":%lld,"
			     "\"watched_processes\":%d,"
			     "\"watched_wakeups\":%lld",
		    nw->others.processes, nw->others.switches,
		    nw->watched.processes, nw->watched.switches);
		load_json_number("others_cpu_percent",
		    nw->watch_pid > 0 ? load_cpu_percent(nw->others.ticks,
					    nw->notify_window_ms) :
					-1);
		load_json_number("watched_cpu_percent",
		    nw->watch_pid > 0 ? load_cpu_percent(nw->watched.ticks,
					    nw->notify_window_ms) :
					-1);
		(void)printf("}");
		free(commit.v);
	}
	if (nw->announce_run) {
		(void)printf(",\"announce\":{\"members\":%lld,\"sessions\":%d,"
			     "\"shown\":%zu,\"command_status\":%d",
		    nw->announce_members, ph->held, nw->announce_ms.n,
		    nw->announce_status);
		for (i = 0; i < nw->announce_ms.n; i++)
			late += nw->announce_ms.v[i] > LOAD_ANNOUNCE_LATE_MS;
		(void)printf(
		    ",\"late\":%d,\"late_ms\":%d", late, LOAD_ANNOUNCE_LATE_MS);
		load_json_number(
		    "p50_ms", load_percentile(&nw->announce_ms, 50));
		load_json_number(
		    "p90_ms", load_percentile(&nw->announce_ms, 90));
		load_json_number(
		    "p99_ms", load_percentile(&nw->announce_ms, 99));
		load_json_number(
		    "last_ms", load_percentile(&nw->announce_ms, 100));
		load_json_number("all_shown_ms",
		    (int)nw->announce_ms.n >= ph->held && ph->held > 0 ?
			load_percentile(&nw->announce_ms, 100) :
			-1);
		load_json_number("command_ms", nw->announce_command_ms);
		(void)printf("}");
	}
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
	if (ph->id == LOAD_HOLD) {
		(void)printf(
		    ",\"held\":%d,\"not_opened\":%d,"
		    "\"unfinished_end\":%d,\"typing\":%d,\"rounds\":%d",
		    ph->held, ph->not_opened, ph->unfinished_end, ph->typing,
		    o->rounds);
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
		load_json_news(ph);
	}
	(void)printf("}");
}

/* The news steps' figures, on stderr (the percentiles sort in place). */
static void
load_summary_news(struct load_phase *ph)
{
	struct load_news *nw = &ph->news;

	if (nw->notify_run)
		(void)fprintf(stderr,
		    "loadgen:   notifications: %zu written (%d failed), %zu "
		    "counts drawn, %d never; commit to count p50 %.1f ms p99 "
		    "%.1f ms; over %.1f s the %d processes of the other "
		    "sessions used %.2f%% of a core and woke %lld times, the "
		    "watched one's %d %.2f%% and %lld times\n",
		    nw->commits.n, nw->notify_failed, nw->drawn.n,
		    nw->notify_missed, load_percentile(&nw->latency, 50),
		    load_percentile(&nw->latency, 99),
		    nw->notify_window_ms / 1000, nw->others.processes,
		    load_cpu_percent(nw->others.ticks, nw->notify_window_ms),
		    nw->others.switches, nw->watched.processes,
		    load_cpu_percent(nw->watched.ticks, nw->notify_window_ms),
		    nw->watched.switches);
	if (nw->announce_run)
		(void)fprintf(stderr,
		    "loadgen:   announcement (%lld members): on %zu of %d "
		    "screens, p50 %.1f ms, p90 %.1f ms, last %.1f ms from the "
		    "command's start; the command ran %.1f ms\n",
		    nw->announce_members, nw->announce_ms.n, ph->held,
		    load_percentile(&nw->announce_ms, 50),
		    load_percentile(&nw->announce_ms, 90),
		    load_percentile(&nw->announce_ms, 100),
		    nw->announce_command_ms);
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
		    ph->held, ph->not_opened,
		    load_percentile(&ph->all_keys, 50),
		    load_percentile(&ph->all_keys, 99), ph->all_keys.n);
		if (m->measured && ph->held > 0)
			(void)fprintf(stderr, "; PSS %.0f KiB per session",
			    (double)m->pss_kib / ph->held);
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
	    "           [--idle-seconds S] [--hold-end quit|term]\n"
	    "           [--deadline SECONDS] [--label NAME] [--no-bind]\n"
	    "           [--watch-user U [--watch-key FILE]] [--notify-cmd CMD]\n"
	    "           [--announce-cmd CMD --announce-text TEXT]\n"
	    "Loopback servers only (127.x.x.x, ::1).  One JSON object on "
	    "stdout,\na summary on stderr.\n");
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
		else if (strcmp(name, "--announce-text") == 0) {
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
	o.deadline_ms = load_now_ms() + o.deadline_s * 1000.0;
	/* The hold keeps time to measure and end what it opened. */
	o.setup_deadline_ms = o.deadline_ms - LOAD_AFTER_SETUP_MS;
	if (o.setup_deadline_ms < o.deadline_ms - o.deadline_s * 500.0)
		o.setup_deadline_ms = o.deadline_ms - o.deadline_s * 500.0;
	for (p = 0; p < LOAD_NPHASES; p++) {
		phases[p].id = (enum load_phase_id)p;
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
		free(phases[p].workers);
		free(phases[p].ready);
		free(phases[p].typed);
		free(phases[p].exited);
		free(phases[p].news.commits.v);
		free(phases[p].news.drawn.v);
		free(phases[p].news.latency.v);
		free(phases[p].news.announce_at.v);
		free(phases[p].news.announce_ms.v);
	}
	ssh_key_free(o.key);
	ssh_key_free(o.watch_key);
	return status;
}
