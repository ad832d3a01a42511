/*
 * pace: when to start again a process that keeps ending (the listener's
 * mentor factory, login gate and housekeeping).  The first wait is the
 * process's own shortest time between two starts, counted from its last
 * start; it doubles while the process keeps ending (or failing to start)
 * within PACE_STABLE_MS of its start, up to PACE_MAX_MS, so that one that
 * cannot run costs a start and a log line a minute, not every second.  One
 * that ran PACE_STABLE_MS is started again after the shortest wait.
 */
#ifndef MB_PACE_H
#define MB_PACE_H

#define PACE_MAX_MS 60000 /* the longest wait, when it keeps ending */
#define PACE_STABLE_MS 10000 /* ran this long: the next wait is short */

struct pace {
	long long min_ms; /* the shortest time between two starts */
	long long started; /* ms: its last start */
	long long due; /* ms: when to start it (again) */
	long long wait; /* ms: from started to due; 0: not ended yet */
};

/* A pace whose shortest wait is min_ms (at most PACE_MAX_MS), due now. */
void pace_init(struct pace *p, long long min_ms);

/* Is it time to start it, at now (ms)? */
int pace_due(const struct pace *p, long long now);

/* It starts at now (ms). */
void pace_started(struct pace *p, long long now);

/* It ended, or failed to start, at now (ms): sets when it is due again and
 * returns the milliseconds from now until then (0: at once). */
long long pace_ended(struct pace *p, long long now);

#endif
