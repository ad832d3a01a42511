/*
 * loadgen_news: the hold's news steps.  Each runs a command (bench/notify,
 * mentord announce) and follows what the held screens show of it, on the
 * same monotonic clock as the command's own times.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loadgen.h"

int
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

int
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

int
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

void
load_prepare_step(struct load_phase *ph, const struct load_opts *o)
{
	struct load_command c;

	(void)fprintf(stderr, "loadgen: %s: preparing the news: %s\n", o->label,
	    o->prepare_cmd);
	ph->news.prepare_status = -1;
	if (load_command_start(&c, o->prepare_cmd) != 0)
		return;
	ph->news.prepare_status =
	    load_command_end(&c, load_now_ms() + LOAD_PREPARE_MAX_MS);
	if (ph->news.prepare_status != 0)
		(void)fprintf(stderr,
		    "loadgen: %s: the preparation ended with status %d\n",
		    o->label, ph->news.prepare_status);
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
void
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
void
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
int
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

/* The figures of the news steps, when they ran. */
void
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
		    nw->announce_members, ph->news_held, nw->announce_ms.n,
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
		    (int)nw->announce_ms.n >= ph->news_held &&
			    ph->news_held > 0 ?
			load_percentile(&nw->announce_ms, 100) :
			-1);
		load_json_number("command_ms", nw->announce_command_ms);
		(void)printf("}");
	}
}

/* The news steps' figures, on stderr (the percentiles sort in place). */
void
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
		    nw->announce_members, nw->announce_ms.n, ph->news_held,
		    load_percentile(&nw->announce_ms, 50),
		    load_percentile(&nw->announce_ms, 90),
		    load_percentile(&nw->announce_ms, 100),
		    nw->announce_command_ms);
}
