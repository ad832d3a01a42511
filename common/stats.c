/* stats: the board in numbers, for the mentoring team. */
#include "stats.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "error.h"

#define STATS_DAY (24 * 3600)
#define STATS_WEEK (7 * STATS_DAY)
#define STATS_EIGHTHS 8 /* steps of a row of a chart */

/* 00:00 UTC of the day of t. */
static int64_t
stats_day_start(int64_t t)
{
	return t - ((t % STATS_DAY) + STATS_DAY) % STATS_DAY;
}

int
stats_collect(struct board *b, int64_t now, struct stats *out)
{
	time_t tt = (time_t)now;
	struct tm tm;
	int64_t today = stats_day_start(now);
	int opened, rc;

	memset(out, 0, sizeof(*out));
	out->now = now;
	if (gmtime_r(&tt, &tm) == NULL)
		return MB_ERR_INVALID;
	/* tm_yday days back from today; tm_wday 0 is Sunday. */
	out->year_start = today - (int64_t)tm.tm_yday * STATS_DAY;
	out->week_start = today - (int64_t)((tm.tm_wday + 6) % 7) * STATS_DAY -
	    (int64_t)(STATS_WEEKS - 1) * STATS_WEEK;
	out->day_start = today - (int64_t)(STATS_DAYS - 1) * STATS_DAY;
	opened = store_read_begin(b->store);
	rc = store_stats_counts(b->store, out->year_start, &out->n);
	if (rc == 0)
		rc = store_stats_buckets(b->store, STORE_STATS_NEW_MEMBERS,
		    out->week_start, STATS_WEEK, out->new_members, STATS_WEEKS);
	if (rc == 0)
		rc = store_stats_buckets(b->store, STORE_STATS_REQUESTS,
		    out->week_start, STATS_WEEK, out->requests, STATS_WEEKS);
	if (rc == 0)
		rc = store_stats_buckets(b->store, STORE_STATS_LOGINS,
		    out->day_start, STATS_DAY, out->logins, STATS_DAYS);
	store_read_end(b->store, opened);
	return rc;
}

int64_t
stats_max(const int64_t *values, size_t n)
{
	int64_t max = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	return max;
}

/* The glyph of a cell filled eighths of eight (0..8). */
static const char *
stats_cell(int eighths, int ascii)
{
	static const char *const blocks[STATS_EIGHTHS + 1] = { " ",
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87",
		"\xe2\x96\x88" };
	static const char *const plain[STATS_EIGHTHS + 1] = { " ", "_", "_",
		"_", "=", "=", "=", "=", "#" };

	return ascii ? plain[eighths] : blocks[eighths];
}

void
stats_chart(const int64_t *values, size_t n, int rows, int bar_cols, int gap,
    int ascii, char out[][STATS_CHART_ROW_MAX])
{
	int64_t max = stats_max(values, n), height;
	size_t i, len;
	int r, c, cell;

	assert(rows > 0 && rows <= STATS_CHART_ROWS_MAX);
	assert(n * (size_t)(bar_cols + gap) * 3 < STATS_CHART_ROW_MAX);
	for (r = 0; r < rows; r++)
		out[r][0] = '\0';
	for (i = 0; i < n; i++) {
		/* The bar's height in eighths of a row, rounded; at least
		 * one for a value above 0. */
		height = max == 0 ?
		    0 :
		    (values[i] * rows * STATS_EIGHTHS + max / 2) / max;
		if (values[i] > 0 && height == 0)
			height = 1;
		for (r = 0; r < rows; r++) {
			cell = (int)(height -
			    (int64_t)(rows - 1 - r) * STATS_EIGHTHS);
			cell = cell < 0		 ? 0 :
			    cell > STATS_EIGHTHS ? STATS_EIGHTHS :
						   cell;
			len = strlen(out[r]);
			for (c = 0; c < bar_cols; c++)
				len += (size_t)snprintf(out[r] + len,
				    STATS_CHART_ROW_MAX - len, "%s",
				    stats_cell(cell, ascii));
			for (c = 0; i + 1 < n && c < gap; c++)
				len += (size_t)snprintf(out[r] + len,
				    STATS_CHART_ROW_MAX - len, " ");
		}
	}
}
