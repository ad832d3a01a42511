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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "notify.h"
#include "store.h"
#include "util.h"
#include "writer.h"

#define NOTIFY_COUNT_MAX 100000
#define NOTIFY_INTERVAL_MAX_MS 60000
#define NOTIFY_GRACE_MS 10000 /* past the last one's due time: stop */
#define NOTIFY_BODY_MAX 64

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
	*commit_ms = writer_now_ms();
	if (rc == 0)
		rc = store_commit(b->store);
	*done_ms = writer_now_ms();
	store_rollback(b->store);
	return rc;
}

int
main(int argc, char **argv)
{
	struct writer_board w;
	struct store_user u;
	double *commit = NULL, start, due, commit_ms, done_ms;
	long count, interval, seq;
	size_t sent = 0;
	int64_t unread = 0;
	int failed = 0, status = 1, rc;

	if (argc != 5 ||
	    writer_parse(argv[3], 1, NOTIFY_COUNT_MAX, &count) != 0 ||
	    writer_parse(argv[4], 1, NOTIFY_INTERVAL_MAX_MS, &interval) != 0) {
		(void)fprintf(stderr,
		    "usage: bench-notify STATE_DIR USERNAME COUNT "
		    "INTERVAL_MS\n");
		return 2;
	}
	if (writer_open("bench-notify", argv[1], &w) != 0)
		return 1;
	if (store_user_find(w.st, argv[2], &u) != 0) {
		(void)fprintf(stderr, "bench-notify: no member %s\n", argv[2]);
		goto out;
	}
	commit = xcalloc((size_t)count, sizeof(*commit));
	start = writer_now_ms();
	for (seq = 1; seq <= count; seq++) {
		due = start + (double)seq * (double)interval;
		if (writer_now_ms() >
		    start + (double)count * interval + NOTIFY_GRACE_MS)
			break;
		writer_sleep_until(due);
		rc = notify_one(&w.b, u.id, seq, &unread, &commit_ms, &done_ms);
		if (rc != 0) {
			failed++;
			(void)printf("F %ld %s\n", seq, mb_strerror(rc));
			continue;
		}
		commit[sent++] = done_ms - commit_ms;
		(void)printf("N %ld %lld %.3f %.3f\n", seq, (long long)unread,
		    commit_ms, done_ms);
	}
	(void)printf("JSON {\"sent\": %zu, \"failed\": %d, \"interval_ms\": "
		     "%ld, \"wall_s\": %.3f, \"commit_p50_ms\": %.3f, "
		     "\"commit_p99_ms\": %.3f}\n",
	    sent, failed, interval, (writer_now_ms() - start) / 1e3,
	    writer_percentile(commit, sent, 50),
	    writer_percentile(commit, sent, 99));
	status = failed == 0 ? 0 : 3;
out:
	writer_close(&w);
	free(commit);
	return status;
}
