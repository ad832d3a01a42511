/*
 * housekeeping: the one process for the board's work that belongs to no
 * session and no connection: reminders and expiry of mentoring requests,
 * digest mails of notifications to members who are away, forgetting
 * old logins, and sending the mail queue (at once when a session queues
 * mail and wakes it, else at the tick).  The listener starts it and starts
 * it again if it dies; it wakes every HOUSEKEEPING_TICK_SECONDS, runs each
 * job of the table below, and ends on SIGTERM (the mail queue stops
 * between two mails for it, and a run of it lasts MAIL_QUEUE_RUN_SECONDS
 * at most, so a hung relay neither deafens it nor holds up the rest).
 * Jobs read the rules' clock, so tests move time with the state
 * directory's test-clock file.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "clock.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "mail_queue.h"
#include "notify.h"
#include "request.h"
#include "retention.h"
#include "store.h"
#include "util.h"

#if DAEMON_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

/* Wake-ups taken at once: at most this many times 64 (more wait). */
#define HOUSEKEEPING_WAKE_ROUNDS 16

/* A job of the housekeeping: 0, or MB_ERR_* (logged, tried next tick). */
struct housekeeping_job {
	const char *name;
	int (*run)(struct board *b);
};

/* Mail members who are away what they have not read. */
static int
housekeeping_digests(struct board *b)
{
	int sent = 0, rc;

	rc = notify_digest_run(b, &sent);
	if (sent > 0)
		log_info("mailed %d digest(s) of notifications", sent);
	return rc;
}

/* Remind mentors of waiting requests; let the unanswered expire. */
static int
housekeeping_requests(struct board *b)
{
	int moved = 0, rc;

	rc = request_housekeeping(b, &moved);
	if (moved > 0)
		log_info("%d request(s) reminded or expired", moved);
	return rc;
}

/* Once a day (by the board's clock): what is no longer kept goes. */
static int
housekeeping_retention(struct board *b)
{
	static int64_t last_run;
	struct retention_counts n;
	int64_t now = clock_now();
	int rc;

	if (last_run != 0 && now - last_run < RETENTION_INTERVAL_SECONDS &&
	    now >= last_run)
		return 0;
	rc = retention_run(b, &n);
	if (rc == 0)
		last_run = now;
	if (n.accounts + n.codes + n.logins + n.chat_lines > 0)
		log_info("retention: removed %lld unconfirmed account(s), %lld "
			 "code(s), %lld login record(s), %lld chat line(s)",
		    (long long)n.accounts, (long long)n.codes,
		    (long long)n.logins, (long long)n.chat_lines);
	return rc;
}

/* The ending signals' descriptor: the mail queue stops between mails
 * when one arrived, so SIGTERM waits for one mail at most. */
static int housekeeping_sig_fd = -1;

/* Send the mail in the queue that is due. */
static int
housekeeping_mail(struct board *b)
{
	int sent = 0, rc;

	rc = mail_queue_run(b, housekeeping_sig_fd, &sent);
	if (sent > 0)
		log_debug("sent %d queued mail(s)", sent);
	return rc;
}

/* The write-ahead log into the file, for the commits of sessions and the
 * login gate, which leave it to us (store_leave_checkpoints). */
static int
housekeeping_checkpoint(struct board *b)
{
	return store_checkpoint_passive(b->store);
}

/* Requests first: what they notify goes out with the digests. */
static const struct housekeeping_job housekeeping_jobs[] = {
	{ "requests", housekeeping_requests },
	{ "digest mails", housekeeping_digests },
	{ "retention", housekeeping_retention },
	{ "mail queue", housekeeping_mail },
	{ "checkpoint", housekeeping_checkpoint },
};

/*
 * Woken: the work asked for now (queued mail, a long write-ahead log), the
 * rest at the tick.  Every wake-up waiting is taken, so a burst of commits
 * past the log's size is one checkpoint.
 */
static void
housekeeping_woken(struct board *b, int wake_fd)
{
	struct store_news_event ev[64];
	int mail = 0, checkpoint = 0, round, rc;
	size_t i, n;

	for (round = 0; round < HOUSEKEEPING_WAKE_ROUNDS &&
	     (n = store_news_receive(wake_fd, ev, nitems(ev))) > 0;
	     round++) {
		for (i = 0; i < n; i++) {
			if (ev[i].kind == STORE_WORK_CHECKPOINT)
				checkpoint = 1;
			else
				mail = 1;
		}
	}
	if (checkpoint && (rc = housekeeping_checkpoint(b)) != 0)
		log_warn("checkpoint: %s", mb_strerror(rc));
	if (mail && (rc = housekeeping_mail(b)) != 0)
		log_warn("mail queue: %s", mb_strerror(rc));
}

/* Open the board's store and key; 0 or MB_ERR_* (logged). */
static int
housekeeping_open(
    const struct daemon_ctx *dc, struct board *b, uint8_t key[BOARD_KEY_BYTES])
{
	char path[PATH_MAX];
	int rc;

	memset(b, 0, sizeof(*b));
	rc = auth_board_key_load(dc->cfg->state_dir, 0, key);
	if (rc == 0)
		rc = path_join(
		    path, sizeof(path), dc->cfg->state_dir, STORE_FILE_NAME);
	if (rc == 0)
		rc = store_open(path, &b->store);
	b->cfg = dc->cfg;
	b->key = key;
	return rc;
}

void
housekeeping_main(const struct daemon_ctx *dc, pid_t listener)
{
	uint8_t key[BOARD_KEY_BYTES];
	struct pollfd pfd[2];
	struct board b;
	long long next_tick, left;
	size_t i;
	int sig_fd = -1, wake_fd = -1, status = 1, rc;

	/* Named apart from the connections in ps and top. */
	if (prctl(PR_SET_NAME, HOUSEKEEPING_NAME, 0, 0, 0) != 0)
		log_warn("prctl: %s", strerror(errno));
	/* Ending signals come between two jobs, so a tick's job is never
	 * cut half-way (and the mail queue looks between two mails). */
	sig_fd = listener_child_signals(listener, "housekeeping");
	housekeeping_sig_fd = sig_fd;
	if (housekeeping_open(dc, &b, key) != 0) {
		log_error("cannot open the board; the listener tries again");
		goto out;
	}
	if (store_news_listen(b.store, STORE_NEWS_HOUSEKEEPING, &wake_fd) != 0)
		log_warn("no wake-ups: queued mail waits for the tick");
	log_debug("housekeeping started");
	next_tick = 0;
	for (;;) {
		if (util_now_ms() >= next_tick) {
			for (i = 0; i < nitems(housekeeping_jobs); i++) {
				rc = housekeeping_jobs[i].run(&b);
				if (rc != 0)
					log_warn("%s: %s",
					    housekeeping_jobs[i].name,
					    mb_strerror(rc));
			}
			next_tick =
			    util_now_ms() + HOUSEKEEPING_TICK_SECONDS * 1000LL;
		}
		pfd[0].fd = sig_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = wake_fd;
		pfd[1].events = POLLIN;
		left = next_tick - util_now_ms();
		rc = poll(pfd, 2, left < 0 ? 0 : (int)left);
		if (rc < 0 && errno != EINTR) {
			log_error("poll: %s", strerror(errno));
			break;
		}
		if (rc > 0 && (pfd[0].revents & POLLIN)) {
			status = 0; /* asked to end */
			break;
		}
		if (rc > 0 && (pfd[1].revents & POLLIN))
			housekeeping_woken(&b, wake_fd);
	}
	store_news_unlisten(b.store, STORE_NEWS_HOUSEKEEPING, wake_fd);
	store_close(b.store);
out:
	sodium_memzero(key, sizeof(key));
	(void)close(sig_fd);
#if DAEMON_SANITIZED
	__lsan_do_leak_check();
#endif
	_exit(status);
}
