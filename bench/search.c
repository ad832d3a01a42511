/*
 * bench/search: how fast the mentor search answers, against the naive
 * LIKE '%term%' scan an operator might otherwise write, on the same rows
 * in the same run.  Run on a state directory with demo data (mentord demo
 * --users 100000): 1,000 realistic queries (1-3 words, prefixes as while
 * typing, some with filters), each timed; prints the 20 slowest queries
 * of the index with their times, p50 and p99 of both, the ratio, and one
 * JSON line for bench/run to collect.
 *
 * usage: bench-search STATE_DIR [QUERIES [SCANS]]
 *
 * SCANS (at most QUERIES and 200) may be 0: the index alone, as bench/run
 * measures it again while sessions are held.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "board.h"
#include "log.h"
#include "search.h"
#include "store.h"
#include "util.h"

#define BENCH_QUERIES 1000
#define BENCH_SCAN_QUERIES 200 /* the scan is slow: fewer of it */
#define BENCH_QUERIES_MAX 100000
#define BENCH_SCAN_LIMIT 20 /* rows a scan returns, a page of results */
#define BENCH_SLOWEST 20 /* queries listed with their times */

/* Words people type, cut to any prefix while they type. */
static const char *const bench_words[] = {
	"engineering",
	"software",
	"interview",
	"application",
	"career",
	"founding",
	"startup",
	"abroad",
	"leadership",
	"physics",
	"law",
	"medicine",
	"research",
	"consulting",
	"banking",
	"teacher",
	"professor",
	"english",
	"german",
	"french",
	"family",
	"salary",
	"team",
	"phd",
	"bewerbung",
	"gründung",
	"für",
	"wissenschaft",
	"anna",
	"jürgen",
	"automotive",
	"energy",
	"design",
	"data",
};

static uint64_t bench_state = 42;

static uint64_t
bench_rand(void)
{
	uint64_t z = (bench_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

struct bench_query {
	char text[128];
	int64_t area_id;
	int64_t field_id;
	int available;
};

/* A query as someone types it: 1-3 words, the last maybe half typed. */
static void
bench_make_query(struct bench_query *q, const struct store_item *areas,
    size_t nareas, const struct store_item *fields, size_t nfields)
{
	int words = 1 + (int)(bench_rand() % 3), i;
	size_t len, cut;
	const char *w;

	memset(q, 0, sizeof(*q));
	for (i = 0; i < words; i++) {
		w = bench_words[bench_rand() % nitems(bench_words)];
		len = strlen(w);
		/* At least two letters (one-letter prefixes are rare). */
		cut = i == words - 1 ? 2 + bench_rand() % (len - 1) : len;
		if (cut > len)
			cut = len;
		/* Never cut a UTF-8 sequence. */
		while (cut < len && (w[cut] & 0xc0) == 0x80)
			cut++;
		(void)snprintf(q->text + strlen(q->text),
		    sizeof(q->text) - strlen(q->text), "%s%.*s",
		    i > 0 ? " " : "", (int)cut, w);
	}
	switch (bench_rand() % 10) {
	case 0:
	case 1:
		q->area_id = areas[bench_rand() % nareas].id;
		break;
	case 2:
		q->field_id = fields[bench_rand() % nfields].id;
		break;
	case 3:
		q->available = 1;
		break;
	}
}

static double
bench_clock_ms(clockid_t clock)
{
	struct timespec ts;

	(void)clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
bench_now_ms(void)
{
	return bench_clock_ms(CLOCK_MONOTONIC);
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The times of the queries, for qsort of their numbers: slowest first. */
static const double *bench_times;

static int
bench_cmp_slowest(const void *a, const void *b)
{
	double x = bench_times[*(const size_t *)a];
	double y = bench_times[*(const size_t *)b];

	return x > y ? -1 : x < y;
}

/*
 * Print the BENCH_SLOWEST slowest of the nq queries (times fts, in ms) with
 * their filters, to say what is slow: with the CPU time the query took
 * (cpu) and when it began (at, from the first query's start), a slow
 * query that waited for a core or a disk is told from one that computed.
 */
static void
bench_print_slowest(const struct bench_query *queries, const double *fts,
    const double *cpu, const double *at, size_t nq)
{
	size_t *order = NULL, i;

	order = xcalloc(nq, sizeof(*order));
	for (i = 0; i < nq; i++)
		order[i] = i;
	bench_times = fts;
	qsort(order, nq, sizeof(*order), bench_cmp_slowest);
	(void)printf("  the %d slowest:\n",
	    nq < BENCH_SLOWEST ? (int)nq : BENCH_SLOWEST);
	for (i = 0; i < nq && i < BENCH_SLOWEST; i++) {
		const struct bench_query *q = &queries[order[i]];
		char filter[64] = "";

		if (q->area_id > 0)
			(void)snprintf(filter, sizeof(filter), " area %lld",
			    (long long)q->area_id);
		else if (q->field_id > 0)
			(void)snprintf(filter, sizeof(filter), " field %lld",
			    (long long)q->field_id);
		else if (q->available)
			(void)snprintf(filter, sizeof(filter), " available");
		(void)printf("  %7.2f ms (cpu %6.2f, at %7.1f)  \"%s\"%s\n",
		    fts[order[i]], cpu[order[i]], at[order[i]], q->text,
		    filter);
	}
	free(order);
}

static double
bench_pct(double *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);

	return v[i];
}

/*
 * The naive way (store_search_scan): every word as LIKE '%word%' over the
 * concatenated text of every mentor, filters as joins, a page of rows by
 * name.
 */
static int
bench_scan(struct store *st, const struct bench_query *q, size_t *hits)
{
	const char *words[STORE_SEARCH_SCAN_WORDS];
	char copy[128], *tok = NULL, *save = NULL;
	struct store_search_filter f;
	size_t n = 0;

	(void)snprintf(copy, sizeof(copy), "%s", q->text);
	for (tok = strtok_r(copy, " ", &save); tok != NULL && n < nitems(words);
	     tok = strtok_r(NULL, " ", &save))
		words[n++] = tok;
	memset(&f, 0, sizeof(f));
	f.match = "";
	f.area_id = q->area_id;
	f.field_id = q->field_id;
	f.available_only = q->available;
	f.limit = BENCH_SCAN_LIMIT;
	return store_search_scan(st, words, n, &f, hits) == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct store_item *areas = NULL, *fields = NULL;
	size_t nareas = 0, nfields = 0, i, hits, total = 0;
	struct bench_query *queries = NULL;
	struct search_result r;
	struct search_query sq;
	struct config cfg;
	struct board b;
	/* A confirmed member: the search shows them every profile field. */
	const struct viewer member = { .user_id = 1, .verified = 1 };
	struct store *st = NULL;
	char path[4096];
	double *fts = NULL, *scan = NULL, *cpu = NULL, *at = NULL, t0, c0,
	       start = 0;
	const char *why = NULL;
	size_t nq = BENCH_QUERIES, nscan;

	if (argc < 2) {
		(void)fprintf(stderr,
		    "usage: bench-search STATE_DIR "
		    "[QUERIES [SCANS]]\n");
		return 2;
	}
	if (argc > 2)
		nq = (size_t)atol(argv[2]);
	if (nq < 1 || nq > BENCH_QUERIES_MAX) {
		(void)fprintf(stderr, "bench-search: QUERIES: 1 to %d\n",
		    BENCH_QUERIES_MAX);
		return 2;
	}
	nscan = nq < BENCH_SCAN_QUERIES ? nq : BENCH_SCAN_QUERIES;
	if (argc > 3 && (size_t)atol(argv[3]) < nscan)
		nscan = (size_t)atol(argv[3]);
	(void)setlocale(LC_ALL, "C.UTF-8");
	log_init("bench", 2, 0, LOG_LEVEL_WARN);
	(void)snprintf(path, sizeof(path), "%s/%s", argv[1], STORE_FILE_NAME);
	if (store_open(path, &st) != 0 ||
	    store_list_get(st, STORE_LIST_AREAS, 0, &areas, &nareas) != 0 ||
	    store_list_get(st, STORE_LIST_FIELDS, 0, &fields, &nfields) != 0)
		return 1;
	config_defaults(&cfg);
	b.store = st;
	b.cfg = &cfg;
	b.key = NULL;
	queries = xcalloc(nq, sizeof(*queries));
	for (i = 0; i < nq; i++)
		bench_make_query(&queries[i], areas, nareas, fields, nfields);
	fts = xcalloc(nq, sizeof(*fts));
	cpu = xcalloc(nq, sizeof(*cpu));
	at = xcalloc(nq, sizeof(*at));
	scan = xcalloc(nscan + 1, sizeof(*scan)); /* scan[0] 0 when none */
	for (i = 0; i < nq; i++) {
		memset(&sq, 0, sizeof(sq));
		sq.text = queries[i].text;
		sq.area_id = queries[i].area_id;
		sq.field_id = queries[i].field_id;
		sq.available_only = queries[i].available;
		c0 = bench_clock_ms(CLOCK_THREAD_CPUTIME_ID);
		t0 = bench_now_ms();
		if (i == 0)
			start = t0;
		at[i] = t0 - start;
		if (search_run(&b, &member, &sq, &r, &why) != 0) {
			(void)fprintf(stderr, "search failed: %s: \"%s\"\n",
			    why, queries[i].text);
			return 1;
		}
		fts[i] = bench_now_ms() - t0;
		cpu[i] = bench_clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
		total += r.n;
		search_result_free(&r);
	}
	for (i = 0; i < nscan; i++) {
		t0 = bench_now_ms();
		if (bench_scan(st, &queries[i], &hits) != 0)
			return 1;
		scan[i] = bench_now_ms() - t0;
	}
	bench_print_slowest(queries, fts, cpu, at, nq);
	qsort(fts, nq, sizeof(*fts), bench_cmp);
	qsort(scan, nscan, sizeof(*scan), bench_cmp);
	(void)printf("search: %zu queries, %.1f results each on average\n", nq,
	    (double)total / (double)nq);
	(void)printf("  FTS5 index:  p50 %.2f ms  p99 %.2f ms\n",
	    bench_pct(fts, nq, 0.5), bench_pct(fts, nq, 0.99));
	if (nscan > 0) {
		(void)printf("  LIKE scan:   p50 %.2f ms  p99 %.2f ms  (%zu "
			     "queries)\n",
		    bench_pct(scan, nscan, 0.5), bench_pct(scan, nscan, 0.99),
		    nscan);
		(void)printf(
		    "  the index is %.0fx faster at p50, %.0fx at p99\n",
		    bench_pct(scan, nscan, 0.5) / bench_pct(fts, nq, 0.5),
		    bench_pct(scan, nscan, 0.99) / bench_pct(fts, nq, 0.99));
		(void)printf("JSON {\"search_p50_ms\": %.3f, "
			     "\"search_p99_ms\": %.3f, "
			     "\"search_scan_p50_ms\": %.3f, "
			     "\"search_scan_p99_ms\": %.3f}\n",
		    bench_pct(fts, nq, 0.5), bench_pct(fts, nq, 0.99),
		    bench_pct(scan, nscan, 0.5), bench_pct(scan, nscan, 0.99));
	} else
		(void)printf("JSON {\"search_p50_ms\": %.3f, "
			     "\"search_p99_ms\": %.3f}\n",
		    bench_pct(fts, nq, 0.5), bench_pct(fts, nq, 0.99));
	store_close(st);
	free(queries);
	free(fts);
	free(cpu);
	free(at);
	free(scan);
	free(areas);
	free(fields);
	return 0;
}
