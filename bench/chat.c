/*
 * bench/chat: pairs of members chatting, for the load generator to time
 * each line from its commit to the other member's screen.
 *
 *     bench-chat setup STATE_DIR FIRST PAIRS KEY_DIR
 *
 * makes PAIRS mentorships: for pair P (FIRST to FIRST + PAIRS - 1) the
 * members mbchatNNN, NNN = 2P - 1 the mentor and 2P the mentee, each a
 * confirmed
 * account as `mentord user add` makes one (account_register) with the
 * public key KEY_DIR/mbchatNNN.pub, and a request of the mentee's that
 * the mentor accepted (recorded with the store, in one transaction per
 * pair: the chat's rules need nothing more than a connected mentorship).
 * It prints one line per pair, "P CHAT MENTOR MENTEE", the chat's id (the
 * request's) and the two user names.
 *
 *     bench-chat send STATE_DIR PAIRS_FILE ROUNDS INTERVAL_MS
 *
 * reads those lines and writes ROUNDS lines in every chat, one per pair
 * every INTERVAL_MS, the pairs spread evenly over the interval; line SEQ
 * (1, 2, ...) of a chat is written by the mentee when SEQ is odd, by the
 * mentor when even, through chat_send, the rule the `chat send` command
 * and the chat screen call.  Its text begins "bench line CHAT.SEQ".  For
 * each it prints
 *
 *     L CHAT SEQ SIDE COMMIT_MS DONE_MS
 *
 * SIDE 0 for the mentor's line, 1 for the mentee's; COMMIT_MS when SQLite
 * began the commit (its commit hook), DONE_MS when chat_send returned,
 * the wake-ups sent; both in milliseconds on CLOCK_MONOTONIC.  A failed
 * one prints "F CHAT SEQ why".  At the end, one JSON line with the counts.
 * Bounded: at most ROUNDS lines per pair, and it stops CHATBENCH_GRACE_MS
 * after the last one was due.
 *
 * Run it as the board's account (the owner of the state directory).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "chat.h"
#include "error.h"
#include "store.h"
/* For the commit hook only: SQLite's handle is the store's own. */
#include "store_internal.h"
#include "util.h"
#include "writer.h"

#define CHATBENCH_PAIRS_MAX 500
#define CHATBENCH_ROUNDS_MAX 1000
#define CHATBENCH_SEQ_MAX 1000000 /* a run's first line number */
#define CHATBENCH_INTERVAL_MAX_MS 60000
#define CHATBENCH_GRACE_MS 10000 /* past the last line's due time: stop */
#define CHATBENCH_START_DELAY_MS 100 /* from the start to the first line */
#define CHATBENCH_USER_FORMAT "mbchat%03ld"
#define CHATBENCH_USER_MAX 32
#define CHATBENCH_KEY_MAX 4096 /* bytes of a .pub file */
#define CHATBENCH_TEXT_MAX 96
#define CHATBENCH_PAIRS_LINE_MAX 128

/* One pair's chat, from the setup's line. */
struct chatbench_pair {
	int64_t chat;
	int64_t member[2]; /* 0 the mentor, 1 the mentee */
};

/* The time SQLite began the last commit, from its commit hook. */
static double chatbench_commit_ms;

static int
chatbench_on_commit(void *arg)
{
	(void)arg;
	chatbench_commit_ms = writer_now_ms();
	return 0; /* go on with the commit */
}

/* The text of a .pub file into a buffer the caller frees; NULL if none. */
static char *
chatbench_read_key(const char *dir, const char *user)
{
	char path[PATH_MAX];
	FILE *f = NULL;
	char *text = NULL;
	size_t n;

	if (snprintf(path, sizeof(path), "%s/%s.pub", dir, user) >=
	    (int)sizeof(path))
		return NULL;
	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	text = xmalloc(CHATBENCH_KEY_MAX + 1);
	n = fread(text, 1, CHATBENCH_KEY_MAX, f);
	(void)fclose(f);
	text[n] = '\0';
	return text;
}

/* A confirmed member user with the key in dir, as `mentord user add`
 * makes one.  0 and *id, or -1 (said on stderr). */
static int
chatbench_member(
    struct board *b, const char *dir, const char *user, int mentor, int64_t *id)
{
	struct account_form f;
	struct account_errors e;
	char email[64], *key = NULL;
	const char *why = NULL;
	int mail_failed = 0, added = 0, line_no = 0, rc, k;

	memset(&f, 0, sizeof(f));
	memset(&e, 0, sizeof(e));
	(void)snprintf(email, sizeof(email), "%s@example.org", user);
	f.username = user;
	f.email = email;
	f.first_name = mentor ? "Mentor" : "Mentee";
	f.last_name = "Chatbench";
	f.by_admin = 1;
	rc = account_register(b, &f, &e, id, &mail_failed);
	if (rc != 0) {
		for (k = 0; k < ACCOUNT_NFIELDS && why == NULL; k++)
			why = e.why[k];
		(void)fprintf(stderr, "bench-chat: cannot make %s: %s\n", user,
		    why != NULL ? why : mb_strerror(rc));
		return -1;
	}
	key = chatbench_read_key(dir, user);
	if (key == NULL) {
		(void)fprintf(
		    stderr, "bench-chat: no key %s/%s.pub\n", dir, user);
		return -1;
	}
	rc = account_keys_add(b, *id, key, &added, &line_no, &why);
	free(key);
	if (rc != 0) {
		(void)fprintf(stderr, "bench-chat: %s's key: %s\n", user,
		    why != NULL ? why : mb_strerror(rc));
		return -1;
	}
	return 0;
}

/* The first area of help that is not retired; 0 and *area, or -1. */
static int
chatbench_area(struct store *st, int64_t *area)
{
	struct store_item *items = NULL;
	size_t n = 0, i;

	*area = 0;
	if (store_list_get(st, STORE_LIST_AREAS, 0, &items, &n) != 0)
		return -1;
	for (i = 0; i < n && *area == 0; i++)
		*area = items[i].id;
	free(items);
	return *area != 0 ? 0 : -1;
}

static int
chatbench_setup(struct writer_board *w, long first, long pairs, const char *dir)
{
	char user[2][CHATBENCH_USER_MAX];
	int64_t member[2], area, chat = 0;
	long p;
	int side, rc;

	if (chatbench_area(w->st, &area) != 0) {
		(void)fprintf(stderr, "bench-chat: the board has no area\n");
		return 1;
	}
	for (p = first; p < first + pairs; p++) {
		for (side = 0; side < 2; side++) {
			(void)snprintf(user[side], sizeof(user[side]),
			    CHATBENCH_USER_FORMAT, 2 * p - 1 + side);
			if (chatbench_member(&w->b, dir, user[side], side == 0,
				&member[side]) != 0)
				return 1;
		}
		rc = store_begin(w->st);
		if (rc == 0)
			rc = store_mentorship_add(w->st, member[1], member[0],
			    area, "a bench pair", &chat);
		if (rc == 0)
			rc =
			    store_mentorship_move(w->st, chat, STORE_MSHIP_OPEN,
				STORE_MSHIP_CONNECTED, "welcome", NULL);
		if (rc == 0)
			rc = store_commit(w->st);
		store_rollback(w->st);
		if (rc != 0) {
			(void)fprintf(stderr,
			    "bench-chat: the mentorship of %s and %s: %s\n",
			    user[0], user[1], mb_strerror(rc));
			return 1;
		}
		(void)printf(
		    "P %lld %s %s\n", (long long)chat, user[0], user[1]);
	}
	return 0;
}

/* The pairs of the setup's lines in path; *pairs is the caller's. */
static int
chatbench_read_pairs(struct writer_board *w, const char *path,
    struct chatbench_pair **pairs, size_t *n)
{
	char line[CHATBENCH_PAIRS_LINE_MAX], user[2][CHATBENCH_USER_MAX];
	struct store_user u;
	long long chat;
	FILE *f = NULL;
	int side, rc = -1;

	*pairs = NULL;
	*n = 0;
	f = fopen(path, "r");
	if (f == NULL) {
		(void)fprintf(stderr, "bench-chat: cannot read %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (*n == CHATBENCH_PAIRS_MAX ||
		    sscanf(line, "P %lld %31s %31s", &chat, user[0], user[1]) !=
			3) {
			(void)fprintf(
			    stderr, "bench-chat: %s: bad line %s", path, line);
			goto out;
		}
		*pairs = xreallocarray(*pairs, *n + 1, sizeof(**pairs));
		(*pairs)[*n].chat = chat;
		for (side = 0; side < 2; side++) {
			if (store_user_find(w->st, user[side], &u) != 0) {
				(void)fprintf(stderr,
				    "bench-chat: no member %s\n", user[side]);
				goto out;
			}
			(*pairs)[*n].member[side] = u.id;
		}
		(*n)++;
	}
	rc = *n > 0 ? 0 : -1;
out:
	(void)fclose(f);
	return rc;
}

/*
 * One line of pair in its chat, as its member on side writes it.  0, or
 * MB_ERR_* with *why; *done_ms once chat_send returned.
 */
static int
chatbench_line(struct writer_board *w, const struct chatbench_pair *pair,
    long seq, int side, double *done_ms, const char **why)
{
	char text[CHATBENCH_TEXT_MAX];
	struct viewer v;
	int64_t line_id = 0;
	int rc;

	memset(&v, 0, sizeof(v));
	v.user_id = pair->member[side];
	v.verified = 1;
	(void)snprintf(text, sizeof(text), "bench line %lld.%ld: %s",
	    (long long)pair->chat, seq,
	    side ? "could we meet on Tuesday?" : "Tuesday at five suits me.");
	*why = NULL;
	rc = chat_send(&w->b, &v, pair->chat, text, &line_id, why);
	*done_ms = writer_now_ms();
	return rc;
}

static int
chatbench_run(struct writer_board *w, const char *path, long rounds,
    long interval, long first_seq)
{
	struct chatbench_pair *pairs = NULL;
	double *commit = NULL, start, due, done_ms;
	const char *why = NULL;
	size_t n = 0, i, sent = 0;
	long seq;
	int side, failed = 0, rc;

	if (chatbench_read_pairs(w, path, &pairs, &n) != 0) {
		free(pairs);
		return 1;
	}
	(void)sqlite3_commit_hook(w->st->db, chatbench_on_commit, NULL);
	commit = xcalloc(n * (size_t)rounds, sizeof(*commit));
	start = writer_now_ms() + CHATBENCH_START_DELAY_MS;
	for (seq = 1; seq <= rounds; seq++) {
		for (i = 0; i < n; i++) {
			due = start + (double)(seq - 1) * (double)interval +
			    (double)i * (double)interval / (double)n;
			if (writer_now_ms() > start +
				(double)rounds * (double)interval +
				CHATBENCH_GRACE_MS)
				goto done;
			writer_sleep_until(due);
			side = seq % 2 == 1; /* the mentee begins */
			chatbench_commit_ms = 0;
			rc = chatbench_line(w, &pairs[i], first_seq + seq - 1,
			    side, &done_ms, &why);
			if (rc != 0 || chatbench_commit_ms == 0) {
				failed++;
				(void)printf("F %lld %ld %s\n",
				    (long long)pairs[i].chat,
				    first_seq + seq - 1,
				    why != NULL ? why : mb_strerror(rc));
				continue;
			}
			commit[sent++] = done_ms - chatbench_commit_ms;
			(void)printf("L %lld %ld %d %.3f %.3f\n",
			    (long long)pairs[i].chat, first_seq + seq - 1, side,
			    chatbench_commit_ms, done_ms);
		}
	}
done:
	(void)sqlite3_commit_hook(w->st->db, NULL, NULL);
	(void)printf("JSON {\"pairs\": %zu, \"sent\": %zu, \"failed\": %d, "
		     "\"interval_ms\": %ld, \"wall_s\": %.3f, "
		     "\"commit_p50_ms\": %.3f, \"commit_p99_ms\": %.3f}\n",
	    n, sent, failed, interval, (writer_now_ms() - start) / 1e3,
	    writer_percentile(commit, sent, 50),
	    writer_percentile(commit, sent, 99));
	free(commit);
	free(pairs);
	return failed == 0 ? 0 : 3;
}

static int
chatbench_usage(void)
{
	(void)fprintf(stderr,
	    "usage: bench-chat setup STATE_DIR FIRST PAIRS KEY_DIR\n"
	    "       bench-chat send STATE_DIR PAIRS_FILE ROUNDS "
	    "INTERVAL_MS [FIRST_SEQ]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct writer_board w;
	long first, pairs, rounds, interval, first_seq = 1;
	int status;

	if (argc != 6 && !(argc == 7 && strcmp(argv[1], "send") == 0))
		return chatbench_usage();
	if (strcmp(argv[1], "setup") == 0) {
		if (writer_parse(argv[3], 1, CHATBENCH_PAIRS_MAX, &first) !=
			0 ||
		    writer_parse(argv[4], 1, CHATBENCH_PAIRS_MAX - first + 1,
			&pairs) != 0)
			return chatbench_usage();
		if (writer_open("bench-chat", argv[2], &w) != 0)
			return 1;
		status = chatbench_setup(&w, first, pairs, argv[5]);
	} else if (strcmp(argv[1], "send") == 0) {
		if (writer_parse(argv[4], 1, CHATBENCH_ROUNDS_MAX, &rounds) !=
			0 ||
		    writer_parse(argv[5], 1, CHATBENCH_INTERVAL_MAX_MS,
			&interval) != 0 ||
		    (argc == 7 &&
			writer_parse(
			    argv[6], 1, CHATBENCH_SEQ_MAX, &first_seq) != 0))
			return chatbench_usage();
		if (writer_open("bench-chat", argv[2], &w) != 0)
			return 1;
		status =
		    chatbench_run(&w, argv[3], rounds, interval, first_seq);
	} else
		return chatbench_usage();
	writer_close(&w);
	return status;
}
