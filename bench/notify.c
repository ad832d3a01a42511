/*
 * bench/notify: a steady stream of notifications to one member, written
 * the way a rule writes them (notify_send inside a store transaction), so
 * that a load generator watching that member's screen can time each one
 * from its commit to the new unread count drawn.  One process does it all:
 * `mentord notify` starts a process per call, too slow for one every 20 ms.
 *
 * Every INTERVAL_MS (on a fixed schedule; a late one goes at once, never
 * two at once) it begins a transaction, writes one notification to
 * USERNAME, reads the unread count that the member's screen will show,
 * and commits.  For each it prints one line,
 *
 *     N SEQ UNREAD COMMIT_MS DONE_MS
 *
 * COMMIT_MS taken just before the commit, DONE_MS once it returned (the
 * wake-ups are sent by then), both in milliseconds on CLOCK_MONOTONIC,
 * which every process on the machine shares.  A failed one prints
 * "F SEQ why".  At the end, one JSON line with the counts and the commit
 * times.  Bounded: at most COUNT notifications, and it stops
 * NOTIFY_GRACE_MS after the last one was due.
 *
 * Run it as the board's account (the owner of the state directory).
 *
 * usage: bench-notify STATE_DIR USERNAME COUNT INTERVAL_MS
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "board.h"
#include "config.h"
#include "error.h"
#include "log.h"
#include "notify.h"
#include "store.h"
#include "util.h"

#define NOTIFY_COUNT_MAX 100000
#define NOTIFY_INTERVAL_MAX_MS 60000
#define NOTIFY_GRACE_MS 10000 /* past the last one's due time: stop */
#define NOTIFY_BODY_MAX 64

/* Milliseconds on the monotonic clock. */
static double
notify_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		abort();
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Sleep until at_ms on the monotonic clock (now if it has passed). */
static void
notify_sleep_until(double at_ms)
{
	struct timespec ts;
	int rc;

	ts.tv_sec = (time_t)(at_ms / 1e3);
	ts.tv_nsec = (long)((at_ms - (double)ts.tv_sec * 1e3) * 1e6);
	if (ts.tv_nsec < 0)
		ts.tv_nsec = 0;
	if (ts.tv_nsec > 999999999L)
		ts.tv_nsec = 999999999L;
	do
		rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	while (rc == EINTR);
}

static int
notify_double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile p (0-100) of v[n], sorted; -1 if empty. */
static double
notify_percentile(const double *v, size_t n, double p)
{
	size_t rank;

	if (n == 0)
		return -1;
	rank = (size_t)((p / 100.0) * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

/* A whole number within [min, max]; 0 or -1. */
static int
notify_parse(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/*
 * One notification to user_id, as a rule writes one, and the unread count
 * it leaves; *commit_ms and *done_ms get the times around the commit.
 * Returns 0 or MB_ERR_*.
 */
static int
notify_one(struct board *b, int64_t user_id, long seq, int64_t *unread,
    double *commit_ms, double *done_ms)
{
	char body[NOTIFY_BODY_MAX];
	int rc;

	(void)snprintf(body, sizeof(body), "bench notification %ld", seq);
	rc = store_begin(b->store);
	if (rc == 0)
		rc = notify_send(b, user_id, NOTIFY_MESSAGE, 0, 0, body);
	if (rc == 0)
		rc = store_notification_unread(b->store, user_id, unread);
	*commit_ms = notify_now_ms();
	if (rc == 0)
		rc = store_commit(b->store);
	*done_ms = notify_now_ms();
	store_rollback(b->store);
	return rc;
}

int
main(int argc, char **argv)
{
	uint8_t key[BOARD_KEY_BYTES];
	char path[PATH_MAX];
	struct store_user u;
	struct config cfg;
	struct board b;
	struct store *st = NULL;
	double *commit = NULL, start, due, commit_ms, done_ms;
	long count, interval, seq;
	size_t sent = 0;
	int64_t unread = 0;
	int failed = 0, status = 1, rc;

	if (argc != 5 ||
	    notify_parse(argv[3], 1, NOTIFY_COUNT_MAX, &count) != 0 ||
	    notify_parse(argv[4], 1, NOTIFY_INTERVAL_MAX_MS, &interval) != 0) {
		(void)fprintf(stderr,
		    "usage: bench-notify STATE_DIR USERNAME COUNT "
		    "INTERVAL_MS\n");
		return 2;
	}
	(void)setlocale(LC_ALL, "C.UTF-8");
	/* The load generator reads the lines as they come. */
	if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
		return 1;
	log_init("bench-notify", 2, 0, LOG_LEVEL_WARN);
	if (path_join(path, sizeof(path), argv[1], STORE_FILE_NAME) != 0 ||
	    access(path, R_OK | W_OK) != 0) {
		(void)fprintf(
		    stderr, "bench-notify: no board in %s\n", argv[1]);
		return 1;
	}
	if (auth_board_key_load(argv[1], 0, key) != 0 ||
	    store_open(path, &st) != 0) {
		(void)fprintf(stderr,
		    "bench-notify: cannot open the board in %s\n", argv[1]);
		goto out;
	}
	if (store_user_find(st, argv[2], &u) != 0) {
		(void)fprintf(stderr, "bench-notify: no member %s\n", argv[2]);
		goto out;
	}
	config_defaults(&cfg);
	b.store = st;
	b.cfg = &cfg;
	b.key = key;
	commit = xcalloc((size_t)count, sizeof(*commit));
	start = notify_now_ms();
	for (seq = 1; seq <= count; seq++) {
		due = start + (double)seq * (double)interval;
		if (notify_now_ms() >
		    start + (double)count * interval + NOTIFY_GRACE_MS)
			break;
		notify_sleep_until(due);
		rc = notify_one(&b, u.id, seq, &unread, &commit_ms, &done_ms);
		if (rc != 0) {
			failed++;
			(void)printf("F %ld %s\n", seq, mb_strerror(rc));
			continue;
		}
		commit[sent++] = done_ms - commit_ms;
		(void)printf("N %ld %lld %.3f %.3f\n", seq, (long long)unread,
		    commit_ms, done_ms);
	}
	qsort(commit, sent, sizeof(*commit), notify_double_cmp);
	(void)printf("JSON {\"sent\": %zu, \"failed\": %d, \"interval_ms\": "
		     "%ld, \"wall_s\": %.3f, \"commit_p50_ms\": %.3f, "
		     "\"commit_p99_ms\": %.3f}\n",
	    sent, failed, interval, (notify_now_ms() - start) / 1e3,
	    notify_percentile(commit, sent, 50),
	    notify_percentile(commit, sent, 99));
	status = failed == 0 ? 0 : 3;
out:
	sodium_memzero(key, sizeof(key));
	store_close(st);
	free(commit);
	return status;
}
