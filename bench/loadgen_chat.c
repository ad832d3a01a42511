/*
 * loadgen_chat: pairs of members chatting among the held sessions.  With
 * --chat-pairs, 2 x pairs of the held sessions are the pairs' members',
 * each opened on its chat's screen (an exec request "chat ID" on a pty,
 * as `ssh -t board chat ID`), spread evenly over the hold.  Once all are
 * held and idle, --chat-cmd (bench/chat.c) writes lines in every chat on
 * a schedule and prints when each committed; each chat session reports
 * every line of its chat the first time its screen shows it (what the
 * client's terminal emulator holds, the history rows above the toast
 * line), on the same monotonic clock.  A line's figure is the time from
 * its commit to the other member's screen.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loadgen.h"

int
load_chat_role(const struct load_opts *o, int index, int *pair, int *side)
{
	int shift = o->watch_user != NULL, members = 2 * o->nchat_pairs;
	int spacing, j, k;

	/* Among the first level's sessions: they chat at every level. */
	if (members == 0 || index < shift || o->levels[0] - shift < members)
		return 0;
	spacing = (o->levels[0] - shift) / members;
	j = index - shift;
	if (j % spacing != 0 || j / spacing >= members)
		return 0;
	k = j / spacing;
	*pair = k / 2;
	*side = k % 2;
	return 1;
}

int
load_chat_read_pairs(struct load_opts *o, const char *path)
{
	char line[LOAD_CHAT_LINE_MAX];
	struct load_chat_pair p;
	FILE *f = NULL;
	int rc = -1;

	f = fopen(path, "r");
	if (f == NULL) {
		(void)fprintf(stderr, "loadgen: cannot read %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		memset(&p, 0, sizeof(p));
		if (o->nchat_pairs == LOAD_CHAT_PAIRS_MAX ||
		    sscanf(line, "P %lld %31s %31s", &p.chat, p.user[0],
			p.user[1]) != 3 ||
		    p.chat <= 0) {
			(void)fprintf(stderr,
			    "loadgen: %s: not a pair (or more than %d): %s",
			    path, LOAD_CHAT_PAIRS_MAX, line);
			goto out;
		}
		o->chat_pairs = load_xrealloc(o->chat_pairs,
		    (size_t)o->nchat_pairs + 1, sizeof(*o->chat_pairs));
		o->chat_pairs[o->nchat_pairs++] = p;
	}
	rc = o->nchat_pairs > 0 ? 0 : -1;
	if (rc != 0)
		(void)fprintf(stderr, "loadgen: %s: no pairs\n", path);
out:
	(void)fclose(f);
	return rc;
}

long
load_chat_newest(const struct load_session *s, const struct load_opts *o)
{
	char row[LOAD_ROW_TEXT_MAX], *p = NULL, *end = NULL;
	long long chat = o->chat_pairs[s->chat_pair].chat, id;
	long seq, newest = 0;
	int y;

	/* The history: below the title, above the toast line (a chat's
	 * notification quotes the line there). */
	for (y = 1; y < LOAD_TOAST_ROW; y++) {
		if (vt_row_text(&s->vt, y, row, sizeof(row)) < 0)
			continue;
		for (p = strstr(row, LOAD_CHAT_TEXT); p != NULL;
		     p = strstr(p + 1, LOAD_CHAT_TEXT)) {
			errno = 0;
			id = strtoll(p + strlen(LOAD_CHAT_TEXT), &end, 10);
			if (errno != 0 || *end != '.' || id != chat)
				continue;
			seq = strtol(end + 1, &end, 10);
			if (errno == 0 && isdigit((unsigned char)end[-1]) &&
			    seq > newest)
				newest = seq;
		}
	}
	return newest;
}

void
load_chat_screen(struct load_session *s, const struct load_opts *o,
    int report_fd, double now)
{
	long newest = load_chat_newest(s, o), seq;

	/* Lines come in order: every one up to the newest is on screen (a
	 * burst of more than one is rare: a line every two seconds). */
	seq = s->chat_seen + 1;
	if (newest - seq >= LOAD_CHAT_BURST_MAX)
		seq = newest - LOAD_CHAT_BURST_MAX + 1;
	for (; seq <= newest; seq++)
		load_report(report_fd, "H %lld %ld %d %.3f",
		    o->chat_pairs[s->chat_pair].chat, seq, s->chat_side, now);
	if (newest > s->chat_seen)
		s->chat_seen = newest;
}

static void
load_chat_marks_add(struct load_chat_marks *m, const struct load_chat_mark *v)
{
	if (m->n == m->cap) {
		m->cap = m->cap == 0 ? 256 : m->cap * 2;
		m->v = load_xrealloc(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n++] = *v;
}

void
load_chat_seen_line(struct load_phase *ph, const char *line)
{
	struct load_chat_mark m;

	memset(&m, 0, sizeof(m));
	if (sscanf(line, "H %lld %ld %d %lf", &m.chat, &m.seq, &m.side,
		&m.at_ms) == 4)
		load_chat_marks_add(&ph->news.chat.seen, &m);
}

/* A line of the chat command: "L CHAT SEQ SIDE COMMIT_MS DONE_MS". */
static void
load_chat_written_line(struct load_phase *ph, char *line)
{
	struct load_chat_mark m;

	memset(&m, 0, sizeof(m));
	if (line[0] == 'F') {
		ph->news.chat.failed++;
		return;
	}
	if (sscanf(line, "L %lld %ld %d %lf %lf", &m.chat, &m.seq, &m.side,
		&m.at_ms, &m.done_ms) == 5)
		load_chat_marks_add(&ph->news.chat.written, &m);
}

/*
 * When the other member's screen first showed line w; -1 if it did not.
 * A line of that number shown before w's commit was another (the chats
 * were not empty): w was not seen then.
 */
static double
load_chat_shown(const struct load_chat_news *cn, const struct load_chat_mark *w)
{
	size_t i;

	for (i = 0; i < cn->seen.n; i++) {
		const struct load_chat_mark *s = &cn->seen.v[i];

		if (s->chat == w->chat && s->seq == w->seq &&
		    s->side != w->side && s->at_ms >= w->at_ms)
			return s->at_ms;
	}
	return -1;
}

/* Whether every line written so far is on the other's screen (those
 * before cn->caught_up are known to be). */
static int
load_chat_caught_up(struct load_chat_news *cn)
{
	while (cn->caught_up < cn->written.n &&
	    load_chat_shown(cn, &cn->written.v[cn->caught_up]) >= 0)
		cn->caught_up++;
	return cn->written.n > 0 && cn->caught_up == cn->written.n;
}

void
load_chat_step(struct load_phase *ph, const struct load_opts *o, int report_fd,
    long first_seq)
{
	struct load_chat_news *cn = &ph->news.chat;
	struct load_memory before, after;
	struct load_command c;
	char *cmd = NULL;
	double t0, ended = 0, until = o->deadline_ms - LOAD_STEP_RESERVE_MS;
	double at;
	size_t i;
	int rc;

	if (until - load_now_ms() < LOAD_STEP_MIN_MS) {
		(void)fprintf(stderr,
		    "loadgen: %s: no time left for the chat\n", o->label);
		return;
	}
	(void)fprintf(stderr,
	    "loadgen: %s: %d pairs chatting among the held sessions\n",
	    o->label, o->nchat_pairs);
	load_memory_measure(o->server_pid, 0, &before);
	t0 = load_now_ms();
	/* Line numbers go on from the last run's: each line is one. */
	if (asprintf(&cmd, "%s %ld", o->chat_cmd, first_seq) < 0)
		abort();
	rc = load_command_start(&c, cmd);
	free(cmd);
	if (rc != 0)
		return;
	cn->run = 1;
	while (load_now_ms() < until) {
		if (load_news_poll(ph, report_fd, &c, load_chat_written_line,
			LOAD_NEWS_POLL_MS) != 0)
			break;
		if (c.fd >= 0)
			continue;
		if (ended == 0)
			ended = load_now_ms();
		if (load_chat_caught_up(cn) ||
		    load_now_ms() - ended >= LOAD_CHAT_SETTLE_MS)
			break;
	}
	cn->window_ms = load_now_ms() - t0;
	load_memory_measure(o->server_pid, 0, &after);
	cn->server_ticks = after.cpu_ticks - before.cpu_ticks;
	cn->server_cpu_percent =
	    load_cpu_percent(cn->server_ticks, cn->window_ms);
	cn->status = load_command_end(&c, load_now_ms() + LOAD_KILL_GRACE_MS);
	for (i = 0; i < cn->written.n; i++) {
		at = load_chat_shown(cn, &cn->written.v[i]);
		if (at < 0)
			cn->missed++;
		else
			load_samples_add(
			    &cn->latency, at - cn->written.v[i].at_ms);
	}
}

void
load_json_chat(struct load_phase *ph)
{
	struct load_chat_news *cn = &ph->news.chat;
	struct load_samples commit = { NULL, 0, 0 };
	size_t i;

	if (!cn->run)
		return;
	for (i = 0; i < cn->written.n; i++)
		load_samples_add(
		    &commit, cn->written.v[i].done_ms - cn->written.v[i].at_ms);
	(void)printf(",\"chat\":{\"sent\":%zu,\"failed\":%d,\"shown\":%zu,"
		     "\"missed\":%d,\"command_status\":%d",
	    cn->written.n, cn->failed, cn->latency.n, cn->missed, cn->status);
	load_json_number("p50_ms", load_percentile(&cn->latency, 50));
	load_json_number("p90_ms", load_percentile(&cn->latency, 90));
	load_json_number("p99_ms", load_percentile(&cn->latency, 99));
	load_json_number("max_ms", load_percentile(&cn->latency, 100));
	load_json_number("commit_p50_ms", load_percentile(&commit, 50));
	load_json_number("commit_p99_ms", load_percentile(&commit, 99));
	load_json_number("window_s", cn->window_ms / 1000);
	load_json_number("server_cpu_percent", cn->server_cpu_percent);
	(void)printf("}");
	free(commit.v);
}

void
load_summary_chat(struct load_phase *ph)
{
	struct load_chat_news *cn = &ph->news.chat;

	if (!cn->run)
		return;
	(void)fprintf(stderr,
	    "loadgen:   chat: %zu lines written (%d failed), %zu seen on "
	    "the other's screen, %d never; commit to the other's screen "
	    "p50 %.1f ms p99 %.1f ms max %.1f ms; the server's processes "
	    "used %.1f%% of a core over %.1f s\n",
	    cn->written.n, cn->failed, cn->latency.n, cn->missed,
	    load_percentile(&cn->latency, 50),
	    load_percentile(&cn->latency, 99),
	    load_percentile(&cn->latency, 100), cn->server_cpu_percent,
	    cn->window_ms / 1000);
}

void
load_chat_free_figures(struct load_chat_news *cn)
{
	free(cn->written.v);
	free(cn->latency.v);
	cn->written.v = NULL;
	cn->latency.v = NULL;
}

void
load_chat_free(struct load_chat_news *cn)
{
	free(cn->written.v);
	free(cn->seen.v);
	free(cn->latency.v);
}
