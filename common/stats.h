/*
 * stats: the board in numbers, for the mentoring team's dashboard and
 * `admin stats`: members (confirmed, mentors, mentees, in the alumni
 * community), open requests and the age of the oldest, mentorships
 * connected, official and ended this year, who is online, and three
 * series (new members and requests a week over the last STATS_WEEKS
 * weeks, logins a day over the last STATS_DAYS days), with small bar
 * charts of block characters (or ASCII) to show them.  Counting is here
 * and in the store; the faces only draw.
 */
#ifndef MB_STATS_H
#define MB_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define STATS_WEEKS 12 /* weeks of the weekly series */
#define STATS_DAYS 30 /* days of the daily series */
#define STATS_CHART_ROWS_MAX 8 /* rows of a chart */
#define STATS_CHART_ROW_MAX 512 /* bytes of one row of a chart */

struct stats {
	struct store_stats_counts n;
	int64_t now;
	int64_t year_start; /* 1 January, 00:00 UTC, of now's year */
	int64_t week_start; /* the first weekly bucket: a Monday, 00:00 UTC */
	int64_t new_members[STATS_WEEKS]; /* the last: this week so far */
	int64_t requests[STATS_WEEKS];
	int64_t day_start; /* the first daily bucket, 00:00 UTC */
	int64_t logins[STATS_DAYS]; /* the last: today so far */
};

/* Count everything as of now, in one read.  0 or the store's MB_ERR_*. */
int stats_collect(struct board *b, int64_t now, struct stats *out);

/*
 * Draw n values as a bar chart rows high (at most STATS_CHART_ROWS_MAX):
 * each bar bar_cols wide with gap blanks after it (none after the last);
 * the largest value fills the height and any value above 0 shows at
 * least an eighth of a row.  Row r (0: the top) goes to out[r], a string.
 * Block characters (U+2581..U+2588), or with ascii "_", "=" and "#".
 * The caller keeps n * (bar_cols + gap) * 3 under STATS_CHART_ROW_MAX.
 */
void stats_chart(const int64_t *values, size_t n, int rows, int bar_cols,
    int gap, int ascii, char out[][STATS_CHART_ROW_MAX]);

/* The largest of n values (0 for none). */
int64_t stats_max(const int64_t *values, size_t n);

#endif
