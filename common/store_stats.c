/* store_stats: the counts of the mentoring team's dashboard. */
#include <string.h>

#include "error.h"
#include "store_internal.h"

int
store_stats_counts(
    struct store *st, int64_t year_start, struct store_stats_counts *out)
{
	int64_t v[14];
	int rc;

	/* Demo members are fictitious: counted apart, and left out of the
	 * rest. */
	rc = store_ints(st, __func__,
	    "SELECT "
	    "(SELECT count(*) FROM user WHERE is_demo = 0), "
	    "(SELECT count(*) FROM user WHERE is_demo = 1), "
	    "(SELECT count(*) FROM user WHERE is_demo = 0 AND verified = 1), "
	    "(SELECT count(DISTINCT r.user_id) FROM user_role r JOIN user u "
	    " ON u.id = r.user_id WHERE r.role = 'mentor' AND u.is_demo = 0), "
	    "(SELECT count(DISTINCT r.user_id) FROM user_role r JOIN user u "
	    " ON u.id = r.user_id WHERE r.role = 'mentee' AND u.is_demo = 0), "
	    "(SELECT count(*) FROM user WHERE is_demo = 0 AND "
	    " member_since IS NOT NULL), "
	    "(SELECT count(*) FROM user WHERE is_sysop = 1), "
	    "(SELECT count(*) FROM mentorship WHERE state = 'open'), "
	    "(SELECT coalesce(min(sent_at), 0) FROM mentorship "
	    " WHERE state = 'open'), "
	    "(SELECT count(*) FROM mentorship WHERE state = 'connected'), "
	    "(SELECT count(*) FROM mentorship WHERE state = 'official'), "
	    "(SELECT count(*) FROM mentorship WHERE state = 'ended' AND "
	    " ended_at >= ?), "
	    "(SELECT count(*) FROM session WHERE claimed = 1), "
	    "(SELECT count(DISTINCT user_id) FROM session WHERE claimed = 1)",
	    v, 14, "i", year_start);
	if (rc != 0)
		return rc;
	out->members = v[0];
	out->demo = v[1];
	out->verified = v[2];
	out->mentors = v[3];
	out->mentees = v[4];
	out->community = v[5];
	out->sysops = v[6];
	out->open_requests = v[7];
	out->oldest_open = v[8];
	out->connected = v[9];
	out->official = v[10];
	out->ended_since = v[11];
	out->online_sessions = v[12];
	out->online_members = v[13];
	return 0;
}

/* What store_stats_bucket_row counts into. */
struct store_buckets {
	int64_t *counts;
	size_t n;
};

/* One bucket's count (a row of bucket, count). */
static int
store_stats_bucket_row(sqlite3_stmt *stmt, void *ctx)
{
	struct store_buckets *b = ctx;
	int64_t i = sqlite3_column_int64(stmt, 0);

	if (i >= 0 && (size_t)i < b->n)
		b->counts[i] = sqlite3_column_int64(stmt, 1);
	return 0;
}

/* Per series, the statement that counts its rows by bucket:
 * ?1 the start, ?2 a bucket's length, ?3 the number of buckets. */
static const char *const store_stats_series[] = {
	[STORE_STATS_NEW_MEMBERS] =
	    "SELECT (created_at - ?1) / ?2, count(*) FROM user "
	    "WHERE is_demo = 0 AND created_at >= ?1 AND "
	    "created_at < ?1 + ?2 * ?3 GROUP BY 1",
	[STORE_STATS_REQUESTS] =
	    "SELECT (sent_at - ?1) / ?2, count(*) FROM mentorship "
	    "WHERE sent_at >= ?1 AND sent_at < ?1 + ?2 * ?3 GROUP BY 1",
	[STORE_STATS_LOGINS] =
	    "SELECT (at - ?1) / ?2, count(*) FROM login "
	    "WHERE at >= ?1 AND at < ?1 + ?2 * ?3 GROUP BY 1",
};

int
store_stats_buckets(struct store *st, enum store_stats_series series,
    int64_t start, int64_t length, int64_t *counts, size_t n)
{
	struct store_buckets b = { counts, n };

	memset(counts, 0, n * sizeof(*counts));
	return store_each(st, __func__, store_stats_series[series],
	    store_stats_bucket_row, &b, "iii", start, length, (int64_t)n);
}
