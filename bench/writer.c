/* writer: what the bench's writers share (see writer.h). */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include "writer.h"

double
writer_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		abort();
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
writer_sleep_until(double at_ms)
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
writer_double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
writer_percentile(double *v, size_t n, double p)
{
	size_t rank;

	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), writer_double_cmp);
	rank = (size_t)((p / 100.0) * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

int
writer_parse(const char *s, long min, long max, long *out)
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

int
writer_open(const char *prog, const char *state_dir, struct writer_board *w)
{
	char path[PATH_MAX];

	memset(w, 0, sizeof(*w));
	(void)setlocale(LC_ALL, "C.UTF-8");
	if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
		return -1;
	log_init(prog, STDERR_FILENO, 0, LOG_LEVEL_WARN);
	if (path_join(path, sizeof(path), state_dir, STORE_FILE_NAME) != 0 ||
	    access(path, R_OK | W_OK) != 0) {
		(void)fprintf(stderr, "%s: no board in %s\n", prog, state_dir);
		return -1;
	}
	if (auth_board_key_load(state_dir, 0, w->key) != 0 ||
	    store_open(path, &w->st) != 0) {
		(void)fprintf(stderr, "%s: cannot open the board in %s\n", prog,
		    state_dir);
		writer_close(w);
		return -1;
	}
	config_defaults(&w->cfg);
	w->b.store = w->st;
	w->b.cfg = &w->cfg;
	w->b.key = w->key;
	return 0;
}

void
writer_close(struct writer_board *w)
{
	sodium_memzero(w->key, sizeof(w->key));
	store_close(w->st);
	w->st = NULL;
}
