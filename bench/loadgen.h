/*
 * loadgen.h: what the load generator's files share (bench/loadgen.c: the
 * sessions, the phases and the output; loadgen_proc.c: the server's
 * processes as /proc shows them; loadgen_news.c: the commands the hold
 * runs and the news they bring to the held screens).
 */
#ifndef MB_BENCH_LOADGEN_H
#define MB_BENCH_LOADGEN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <libssh/libssh.h>

#include "vt.h"

#define LOAD_STEP_TIMEOUT_MS 30000 /* any one step of a session */
#define LOAD_DEADLINE_DEFAULT_S 240
#define LOAD_DEADLINE_MAX_S 3600
#define LOAD_KILL_GRACE_MS 5000 /* workers past the deadline, then SIGKILL */
#define LOAD_SETTLE_MS 5000 /* for the server's ended sessions to be reaped */
#define LOAD_WORKER_GRACE_MS 3000 /* workers stop at the deadline, report */
#define LOAD_AFTER_SETUP_MS 30000 /* hold: kept for measuring and ending */
/* Hold: ending the held sessions is forecast to take this share of the
 * time it took to open them (on the PVM machine, 2026-12-02: mentord 27 %,
 * sshd 12 %; 50 % and more while --hold-end term still ended mentord's
 * factory with the sessions). */
#define LOAD_END_SHARE_PERCENT 40
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
#define LOAD_REST_MAX_S 600
#define LOAD_PER_WORKER_DEFAULT 25
#define LOAD_PER_WORKER_MAX 250
#define LOAD_BIND_HOSTS 250 /* 127.0.1.1 ... 127.0.1.250 */
#define LOAD_THINK_MIN_MS 100 /* pause between a key's answer and the next */
#define LOAD_THINK_SPREAD_MS 200
#define LOAD_POLL_MAX_MS 1000
#define LOAD_READ_CHUNK 16384
#define LOAD_ERROR_MAX 320 /* bytes of an error text kept */
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
#define LOAD_NKEYS 5 /* the keys a typing session presses (load_keys) */
#define LOAD_CHAT_PAIRS_MAX 500 /* pairs of --chat-pairs */
#define LOAD_CHAT_USER_MAX 32 /* bytes of a chat member's user name */
#define LOAD_CHAT_LINE_MAX 128 /* a line of the --chat-pairs file */
#define LOAD_CHAT_COMMAND_MAX 32 /* "chat ID", the exec request */
#define LOAD_CHAT_TEXT "bench line " /* a line's text: then "CHAT.SEQ" */
#define LOAD_CHAT_SETTLE_MS 2000 /* for the last lines after the last */
#define LOAD_CHAT_BURST_MAX 64 /* lines reported new on a screen at once */
#define LOAD_PREPARE_MAX_MS 10000 /* for --news-prepare-cmd to end */
/*
 * The chat screen's first full screen: its heading, then the status
 * line, which ncurses draws last: its unread count (the keys it names on
 * the right are left out when the line is full, as with a long name, a
 * two-digit count or chat #100).
 */
#define LOAD_CHAT_MARKER "times in"
#define LOAD_LEVELS_MAX 8 /* --hold-levels: sessions held at each step */
#define LOAD_RATES_MAX 8 /* --arrival-rates: logins per second */
#define LOAD_ARRIVALS_MAX 2000 /* --arrivals: logins at each rate */
#define LOAD_RATE_MAX 1000.0 /* logins per second, at most */
#define LOAD_ARRIVAL_GAP_MS 1000 /* between one rate's last end and the next */
#define LOAD_ARRIVAL_WAIT_MS 35000 /* a rate's last login: to its end */
#define LOAD_CHAT_SEQ_STRIDE 1000 /* a level's chat lines: 1 + L * it */
#define LOAD_SEARCH_JSON_MAX 1024 /* the --search-cmd's JSON line */
#define LOAD_SEARCH_MAX_MS 120000 /* for --search-cmd to end */
/*
 * A level opens only if MemAvailable covers its new sessions at the PSS
 * per session of the level before, times this margin (in percent): PSS
 * splits shared pages, and the kernel needs room of its own.
 */
#define LOAD_MEMORY_MARGIN_PERCENT 150
#define LOAD_CHAT_STATUS_MARKER LOAD_UNREAD_WORD

enum load_phase_id { LOAD_SEQ, LOAD_PAR, LOAD_HOLD, LOAD_NPHASES };

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
	int rest_s; /* hold: seconds idle before the memory's second reading */
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
	const char *prepare_cmd; /* hold: run before the news steps */
	struct load_chat_pair *chat_pairs; /* hold: members' held chats */
	int nchat_pairs;
	const char *chat_keys_dir; /* a private key per chat member */
	const char *chat_cmd; /* hold: writes lines in the pairs' chats */
	int levels[LOAD_LEVELS_MAX]; /* hold: sessions at each step, rising */
	int nlevels; /* hold is one of them, the news level; the last is top */
	int top; /* the last level: sessions opened in all */
	double arrival_rates[LOAD_RATES_MAX]; /* hold, news level: per s */
	int nrates;
	int arrivals; /* logins at each rate */
	const char *search_cmd; /* hold, news level: prints "JSON {...}" */
};

/* A chat of --chat-pairs, and its two members: 0 mentor, 1 mentee. */
struct load_chat_pair {
	long long chat;
	char user[2][LOAD_CHAT_USER_MAX];
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

/* The steps of a login, as the client sees them (load_session_open). */
enum load_step {
	LOAD_STEP_KEX, /* connected, banners, the key exchange */
	LOAD_STEP_AUTH, /* the key offered and accepted */
	LOAD_STEP_CHANNEL, /* the session channel opened */
	LOAD_STEP_PTY,
	LOAD_STEP_SHELL,
	LOAD_STEP_SCREEN, /* the shell's answer to the first full screen */
	LOAD_STEP_QUIT, /* "q" to the channel's end */
	LOAD_NSTEPS
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
	int chat_pair; /* the pair of --chat-pairs whose member it is; -1 */
	int chat_side; /* 0 the mentor's session, 1 the mentee's */
	long chat_seen; /* the newest line of the chat seen on its screen */
	ssh_key chat_key; /* the member's */
	double step_ms[LOAD_NSTEPS]; /* how long each step took */
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
	long fresh_pss_kib; /* read as the sessions opened; -1: not read */
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

/* A chat line: written (the command's "L" line), or seen on a screen. */
struct load_chat_mark {
	long long chat;
	long seq;
	int side; /* who wrote it (0 mentor, 1 mentee); who saw it */
	double at_ms; /* the commit began, or the screen showed it */
	double done_ms; /* written ones: the command's call returned */
};

struct load_chat_marks {
	struct load_chat_mark *v;
	size_t n;
	size_t cap;
};

/* Hold: what the chat step learns. */
struct load_chat_news {
	int run;
	int status; /* of the command: exit status, or -1 */
	int failed; /* lines the command could not write */
	struct load_chat_marks written;
	struct load_chat_marks seen; /* on the held chat screens */
	struct load_samples latency; /* commit to the other's screen */
	int missed; /* lines never seen on the other's screen */
	size_t caught_up; /* written lines before it were seen */
	double window_ms;
	long long server_ticks; /* CPU of the server's processes, window */
	double server_cpu_percent;
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
	int prepare_status; /* of --news-prepare-cmd: exit status, or -1 */
	struct load_chat_news chat;
};

/* Hold: what one level (so many sessions held) measured. */
struct load_level {
	int sessions; /* planned: held at this level */
	int held;
	double setup_ms; /* to open this level's new sessions */
	double after_ms; /* from then to the level's end: its steps */
	int pty_nr;
	struct load_memory memory;
	size_t keystrokes;
	double key_p50_ms, key_p99_ms; /* -1: none */
	int chat_run;
	size_t chat_sent, chat_shown;
	int chat_missed;
	double chat_p50_ms, chat_p99_ms;
	double chat_cpu_percent;
};

/* Hold, news level: logins arriving at one rate (open loop). */
struct load_rate {
	double rate; /* per second */
	int planned;
	int started;
	int reached;
	int failures;
	char first_error[LOAD_ERROR_MAX + 1];
	struct load_samples first_screen; /* from the arrival's planned time */
	struct load_samples late; /* its start after the planned time */
	double wall_ms;
	int concurrent_max; /* logins under way at once, at most */
};

struct load_arrivals {
	int run;
	struct load_rate rates[LOAD_RATES_MAX];
	int nrates;
	int status; /* of the process that made them: exit status, or -1 */
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
	struct load_samples steps[LOAD_NSTEPS]; /* of completed sessions */
	double server_cpu_ms; /* seq, par: the server's, ended sessions'; -1 */
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
	struct load_level levels[LOAD_LEVELS_MAX];
	int nlevels; /* levels measured */
	char levels_stopped[LOAD_ERROR_MAX + 1]; /* why the rest did not run */
	struct load_arrivals arrivals;
	char search_json[LOAD_SEARCH_JSON_MAX]; /* --search-cmd's, or "" */
	int search_status;
	int report_w; /* hold: the workers' end of the report pipe */
	int news_held; /* hold: sessions held at the news level */
	char buf[4 * LOAD_LINE_MAX];
	size_t nbuf;
};

/* What load_phase_collect waits for: every worker ready, typed, done
 * with its sessions (reported each, or gone), or gone. */
enum load_until {
	LOAD_UNTIL_READY,
	LOAD_UNTIL_TYPED,
	LOAD_UNTIL_DONE,
	LOAD_UNTIL_EXIT
};

/* ---- loadgen.c ---------------------------------------------------- */

/* Milliseconds on the monotonic clock. */
double load_now_ms(void);

/* realloc of n elements of size bytes; aborts when out of memory. */
void *load_xrealloc(void *p, size_t n, size_t size);

/* Add a timing, a count; the sets grow as needed. */
void load_samples_add(struct load_samples *s, double v);
void load_counts_add(struct load_counts *c, const struct load_count *v);

/* The nearest-rank percentile p (0-100) of a set (sorted in place); -1
 * when it is empty. */
double load_percentile(struct load_samples *s, double p);

/* Write one report line (printf-style) to the parent, whole. */
void load_report(int fd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Read what the workers wrote (fd is readable) and take its whole lines.
 * Returns 0, or -1 at the end of the pipe (every worker is gone).
 */
int load_phase_read(struct load_phase *ph, int fd);

/*
 * Read the workers' reports until every live worker got to a point
 * (ready, typed, or gone) or the deadline.  Returns 0, or -1 at the
 * deadline.
 */
int load_phase_collect(struct load_phase *ph, int fd, enum load_until until,
    const struct load_opts *o);

/* Close a descriptor the caller no longer needs; -1 stays -1. */
void load_close(int *fd);

/* A JSON string, escaped. */
void load_json_string(const char *s);

/* A JSON member ",\"name\":v", or null when v < 0 (no sample). */
void load_json_number(const char *name, double v);

/* ---- loadgen_proc.c ----------------------------------------------- */

/* The children of root now: up to max pids into pids; how many. */
int load_server_children(pid_t root, pid_t *pids, int max);

/* CPU ticks of root and all below it, with the ended children they waited
 * for; *below: the processes below root now. */
long long load_server_cpu_ticks(pid_t root, int *below);

/* Whether pid is one of pids[0..n-1]. */
int load_pid_in(pid_t pid, const pid_t *pids, int n);

/*
 * The CPU time and wake-ups so far of the held sessions' processes, in
 * two sums: the subtree of the watched session's server child, and every
 * other child's subtree but those standing before the hold.
 */
void load_news_cpu(pid_t root, const struct load_news *news,
    struct load_split *others, struct load_split *watched);

/*
 * Sum the PSS (when with_pss) and the CPU time of every descendant of
 * root (root itself apart), by kind, into m.
 */
void load_memory_measure(pid_t root, int with_pss, struct load_memory *m);

/* Sleep seconds, then fill m's idle CPU and wake-up figures. */
void load_memory_idle(pid_t root, int seconds, struct load_memory *m);

/*
 * SIGTERM to every direct child of root but standing[0..nstanding-1] (what
 * ran before the hold: mentord's factory, login gate and housekeeping):
 * the server's sessions.
 */
void load_server_term(pid_t root, const pid_t *standing, int nstanding);

/* The machine's CPU ticks, all cores, from /proc/stat. */
struct load_machine_cpu {
	unsigned long long busy; /* user, nice, system, irq, softirq */
	unsigned long long idle; /* idle and iowait */
	unsigned long long steal; /* taken by the hypervisor */
};

/* Read them; 0, or -1 (c zeroed) if /proc/stat cannot be read. */
int load_machine_cpu(struct load_machine_cpu *c);

/* A number from a /proc/sys file; -1 if it cannot be read. */
int load_sysctl_int(const char *path);

/* CPU ticks over a window in ms as % of one core; -1 if unknown. */
double load_cpu_percent(long long ticks, double window_ms);

/* ---- loadgen_news.c ----------------------------------------------- */

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
int load_command_start(struct load_command *c, const char *cmd);

/*
 * Wait for the command to exit, until until_ms, then kill its process
 * group.  Returns its exit status, or -1 if it was killed or did not exit.
 */
int load_command_end(struct load_command *c, double until_ms);

/*
 * Wait up to ms for the workers' reports and the command's lines, and
 * hand each whole line of the command to take.  Returns 0, or -1 when
 * every worker is gone.
 */
int load_news_poll(struct load_phase *ph, int report_fd, struct load_command *c,
    void (*take)(struct load_phase *, char *), int ms);

/*
 * Hold, all sessions open: run --news-prepare-cmd and wait for it (at
 * most LOAD_PREPARE_MAX_MS), before the news steps.
 */
void load_prepare_step(struct load_phase *ph, const struct load_opts *o);

/*
 * Hold: start the watched member's session alone (worker 0), and find
 * the server's child that serves it.  Returns 0, or -1 when the time ran
 * out.
 */
int load_watch_start(
    struct load_phase *ph, const struct load_opts *o, int report_fd);

/* Hold, all idle: the notifications to the watched member, followed. */
void load_notify_step(
    struct load_phase *ph, const struct load_opts *o, int report_fd);

/* Hold, all idle: the announcement, followed to every screen. */
void load_announce_step(
    struct load_phase *ph, const struct load_opts *o, int report_fd);

/* The figures of the news steps that ran: JSON members, and on stderr. */
void load_json_news(struct load_phase *ph);
void load_summary_news(struct load_phase *ph);

/* ---- loadgen_chat.c ----------------------------------------------- */

/*
 * Whether the held session with this global index is a chat member's:
 * 1 with its pair and side (0 the mentor, 1 the mentee), else 0.  The
 * 2 x pairs members' sessions are spread evenly over the hold, after the
 * watched member's.
 */
int load_chat_role(const struct load_opts *o, int index, int *pair, int *side);

/*
 * Read --chat-pairs (the lines "P CHAT MENTOR MENTEE" of bench-chat
 * setup) into o.  Returns 0, or -1 (said on stderr).
 */
int load_chat_read_pairs(struct load_opts *o, const char *path);

/* The newest line of a chat session's chat its screen shows (0: none). */
long load_chat_newest(const struct load_session *s, const struct load_opts *o);

/*
 * A chat session's screen after a burst of output: report each line of
 * its chat that it shows for the first time ("H CHAT SEQ SIDE MS"),
 * newer than chat_seen (what the screen showed when it opened: lines of
 * an earlier run are not this one's).
 */
void load_chat_screen(struct load_session *s, const struct load_opts *o,
    int report_fd, double now);

/* Take a worker's "H" line. */
void load_chat_seen_line(struct load_phase *ph, const char *line);

/*
 * Hold, all idle: run --chat-cmd and time each line it writes from its
 * commit to the other member's screen, while summing the server's CPU.
 */
void load_chat_step(struct load_phase *ph, const struct load_opts *o,
    int report_fd, long first_seq);

/* The chat step's figures: JSON members, and on stderr; and its memory. */
void load_json_chat(struct load_phase *ph);
void load_summary_chat(struct load_phase *ph);
void load_chat_free(struct load_chat_news *cn);
/* Free the lines written and their timings, not the lines seen. */
void load_chat_free_figures(struct load_chat_news *cn);

/* ---- loadgen_arrive.c --------------------------------------------- */

/*
 * Hold, news level, all idle: new logins arriving at each of o's rates,
 * open loop (an exponential gap between planned starts, whatever the
 * earlier logins are doing), each timed from its planned start to its
 * first full screen, then ended with "q".  Fills ph->arrivals.
 */
void load_arrivals_step(
    struct load_phase *ph, const struct load_opts *o, int report_fd);

/* The arrivals' figures: JSON member "arrivals", and on stderr. */
void load_json_arrivals(struct load_phase *ph);
void load_summary_arrivals(struct load_phase *ph);
void load_arrivals_free(struct load_arrivals *a);

/* One session to its first screen and out, timed from t0 (loadgen.c):
 * 0 with *ms, or -1 with err. */
int load_login_once(const struct load_opts *o, int index, double t0, double *ms,
    char *err, size_t errlen);

#endif
