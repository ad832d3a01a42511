/*
 * loadgen_arrive.c: logins arriving while the hold's sessions idle, as
 * real users come: open loop.  A process of its own (the arrivals' maker)
 * starts each login in a child at its planned time, whatever the earlier
 * ones are doing, so a slow server makes logins pile up rather than come
 * slower (no coordinated omission); each login is timed from its planned
 * start to its first full screen.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "loadgen.h"

#define ARRIVE_SEED 20261101u /* the same arrivals in every run */

/* A uniform number in (0, 1) from a 64-bit state (xorshift64*). */
static double
arrive_uniform(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return ((double)((x * 2685821657736338717ULL) >> 11) + 0.5) /
	    9007199254740992.0;
}

/* Sleep until at_ms on the monotonic clock. */
static void
arrive_sleep_until(double at_ms)
{
	struct timespec ts;
	double left;

	while ((left = at_ms - load_now_ms()) > 0) {
		ts.tv_sec = (time_t)(left / 1000);
		ts.tv_nsec = (long)((left - (double)ts.tv_sec * 1000) * 1e6);
		(void)nanosleep(&ts, NULL);
	}
}

/* Reap ended logins without waiting; how many. */
static int
arrive_reap(void)
{
	int n = 0;

	while (waitpid(-1, NULL, WNOHANG) > 0)
		n++;
	return n;
}

/*
 * The arrivals' maker: for each rate, o->arrivals logins at exponential
 * gaps of mean 1/rate, each in a child that reports "O RATE MS LATE" or
 * "X RATE why"; the next rate begins once this one's logins all ended
 * (at most LOAD_ARRIVAL_WAIT_MS after its last start) and a gap.  It
 * reports "M RATE CONCURRENT WALL_MS" for each rate.
 */
static void
arrive_maker(const struct load_opts *o, int out)
{
	char err[LOAD_ERROR_MAX + 1];
	uint64_t random = ARRIVE_SEED;
	double start, planned, ms, until;
	int r, i, live, most;
	pid_t pid;

	for (r = 0; r < o->nrates; r++) {
		live = most = 0;
		start = load_now_ms() + LOAD_ARRIVAL_GAP_MS;
		planned = start;
		for (i = 0; i < o->arrivals; i++) {
			planned += -log(arrive_uniform(&random)) * 1000.0 /
			    o->arrival_rates[r];
			if (planned >= o->deadline_ms - LOAD_STEP_RESERVE_MS)
				break;
			arrive_sleep_until(planned);
			live -= arrive_reap();
			pid = fork();
			if (pid < 0) {
				load_report(
				    out, "X %d fork: %s", r, strerror(errno));
				continue;
			}
			if (pid == 0) {
				/* The index picks the source address. */
				if (load_login_once(o, o->top + i, planned, &ms,
					err, sizeof(err)) != 0)
					load_report(out, "X %d %s", r, err);
				else
					load_report(out, "O %d %.3f %.3f", r,
					    ms, load_now_ms() - planned - ms);
				_exit(0);
			}
			if (++live > most)
				most = live;
		}
		until = load_now_ms() + LOAD_ARRIVAL_WAIT_MS;
		while (live > 0 && load_now_ms() < until) {
			live -= arrive_reap();
			(void)usleep(10000);
		}
		load_report(
		    out, "M %d %d %.3f", r, most, load_now_ms() - start);
		if (live > 0)
			break; /* the step ends: the group is killed */
	}
}

/* A line of the arrivals' maker. */
static void
arrive_line(struct load_phase *ph, char *line)
{
	struct load_rate *rt = NULL;
	double ms, late, wall;
	int r, n, most;

	if (sscanf(line + 1, "%d%n", &r, &n) != 1 || r < 0 ||
	    r >= ph->arrivals.nrates)
		return;
	rt = &ph->arrivals.rates[r];
	switch (line[0]) {
	case 'O':
		rt->started++;
		if (sscanf(line + 1 + n, "%lf %lf", &ms, &late) == 2) {
			load_samples_add(&rt->first_screen, ms);
			rt->reached++;
		}
		break;
	case 'X':
		rt->started++;
		rt->failures++;
		if (rt->first_error[0] == '\0')
			(void)snprintf(rt->first_error, sizeof(rt->first_error),
			    "%s", line + 1 + n + 1);
		break;
	case 'M':
		if (sscanf(line + 1 + n, "%d %lf", &most, &wall) == 2) {
			rt->concurrent_max = most;
			rt->wall_ms = wall;
		}
		break;
	default:
		break;
	}
}

void
load_arrivals_step(
    struct load_phase *ph, const struct load_opts *o, int report_fd)
{
	struct load_arrivals *a = &ph->arrivals;
	struct load_command c;
	double until = o->deadline_ms - LOAD_STEP_RESERVE_MS;
	int out[2] = { -1, -1 }, r;

	if (until - load_now_ms() < LOAD_STEP_MIN_MS) {
		(void)fprintf(stderr,
		    "loadgen: %s: no time left for the arrivals\n", o->label);
		return;
	}
	a->nrates = o->nrates;
	for (r = 0; r < o->nrates; r++) {
		a->rates[r].rate = o->arrival_rates[r];
		a->rates[r].planned = o->arrivals;
	}
	(void)fprintf(stderr,
	    "loadgen: %s: %d logins at each of %d rates, %d sessions held\n",
	    o->label, o->arrivals, o->nrates, ph->held);
	memset(&c, 0, sizeof(c));
	if (pipe(out) != 0) {
		(void)fprintf(stderr, "loadgen: pipe: %s\n", strerror(errno));
		return;
	}
	c.pid = fork();
	if (c.pid < 0) {
		(void)fprintf(stderr, "loadgen: fork: %s\n", strerror(errno));
		load_close(&out[0]);
		load_close(&out[1]);
		return;
	}
	if (c.pid == 0) {
		/* Killed as a group if it overruns; none of the workers'
		 * pipes kept open (their ends are their last writer's). */
		(void)setpgid(0, 0);
		if (dup2(out[1], STDOUT_FILENO) < 0 ||
		    close_range(STDERR_FILENO + 1, ~0U, 0) != 0)
			_exit(127);
		arrive_maker(o, STDOUT_FILENO);
		_exit(0);
	}
	load_close(&out[1]);
	c.fd = out[0];
	a->run = 1;
	while (c.fd >= 0 && load_now_ms() < until)
		if (load_news_poll(
			ph, report_fd, &c, arrive_line, LOAD_NEWS_POLL_MS) != 0)
			break;
	a->status = load_command_end(&c, load_now_ms() + LOAD_KILL_GRACE_MS);
}

void
load_json_arrivals(struct load_phase *ph)
{
	struct load_arrivals *a = &ph->arrivals;
	struct load_rate *rt = NULL;
	int r;

	if (!a->run)
		return;
	(void)printf(",\"arrivals\":{\"status\":%d,\"rates\":[", a->status);
	for (r = 0; r < a->nrates; r++) {
		rt = &a->rates[r];
		(void)printf("%s{\"rate_per_s\":%g,\"planned\":%d,"
			     "\"started\":%d,\"reached\":%d,\"failures\":%d,"
			     "\"concurrent_max\":%d",
		    r > 0 ? "," : "", rt->rate, rt->planned, rt->started,
		    rt->reached, rt->failures, rt->concurrent_max);
		load_json_number("wall_s", rt->wall_ms / 1000);
		load_json_number("first_screen_p50_ms",
		    load_percentile(&rt->first_screen, 50));
		load_json_number("first_screen_p90_ms",
		    load_percentile(&rt->first_screen, 90));
		load_json_number("first_screen_p99_ms",
		    load_percentile(&rt->first_screen, 99));
		load_json_number("first_screen_max_ms",
		    load_percentile(&rt->first_screen, 100));
		(void)printf(",\"first_error\":");
		if (rt->first_error[0] != '\0')
			load_json_string(rt->first_error);
		else
			(void)printf("null");
		(void)printf("}");
	}
	(void)printf("]}");
}

void
load_summary_arrivals(struct load_phase *ph)
{
	struct load_arrivals *a = &ph->arrivals;
	struct load_rate *rt = NULL;
	int r;

	for (r = 0; a->run && r < a->nrates; r++) {
		rt = &a->rates[r];
		(void)fprintf(stderr,
		    "loadgen:   arrivals at %g/s: %d of %d reached the first "
		    "screen, %d failed, at most %d at once; first screen p50 "
		    "%.1f ms p99 %.1f ms max %.1f ms (from the planned "
		    "start)\n",
		    rt->rate, rt->reached, rt->planned, rt->failures,
		    rt->concurrent_max, load_percentile(&rt->first_screen, 50),
		    load_percentile(&rt->first_screen, 99),
		    load_percentile(&rt->first_screen, 100));
	}
}

void
load_arrivals_free(struct load_arrivals *a)
{
	int r;

	for (r = 0; r < a->nrates; r++) {
		free(a->rates[r].first_screen.v);
		free(a->rates[r].late.v);
	}
}
