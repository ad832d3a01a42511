/* announce: the mentoring team's announcements. */
#include "announce.h"

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "notify.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define ANNOUNCE_DAY (24 * 3600)

/* The end of the UTC day of t. */
static int64_t
announce_day_end(int64_t t)
{
	return t - (t % ANNOUNCE_DAY + ANNOUNCE_DAY) % ANNOUNCE_DAY +
	    ANNOUNCE_DAY;
}

int
announce_until(const char *date, int64_t now, int64_t *until, const char **why)
{
	int64_t day = 0;

	if (date == NULL) {
		*until = announce_day_end(now) +
		    (int64_t)ANNOUNCE_DEFAULT_DAYS * ANNOUNCE_DAY;
		return 0;
	}
	if (parse_date(date, &day) != 0) {
		*why = _("give the date as YYYY-MM-DD");
		return MB_ERR_INVALID;
	}
	*until = announce_day_end(day);
	if (*until <= now) {
		*why = _("that day has passed");
		return MB_ERR_INVALID;
	}
	if (*until >
	    announce_day_end(now) + (int64_t)ANNOUNCE_MAX_DAYS * ANNOUNCE_DAY) {
		*why = _("at most a year ahead");
		return MB_ERR_INVALID;
	}
	return 0;
}

int
announce_add(struct board *b, int64_t author_id, const char *text,
    int64_t until, int64_t *id, int64_t *count, const char **why)
{
	int rc;

	*id = 0;
	*count = 0;
	if (text == NULL || text[0] == '\0') {
		*why = _("the text is empty");
		return MB_ERR_INVALID;
	}
	rc = text_check_block(text, NOTIFY_MESSAGE_MAX, why);
	if (rc != 0)
		return rc;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_announcement_add(b->store, author_id, text, until, id);
	/* The notifications wake every session, guests' too (news for
	 * everyone): one wake-up each, which the home screen reads the
	 * announcements on. */
	if (rc == 0)
		rc = store_notification_add_all(b->store,
		    notify_kind_word(NOTIFY_ANNOUNCEMENT), text, count);
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0) {
		store_rollback(b->store);
		return rc;
	}
	log_info("announcement %lld to %lld members", (long long)*id,
	    (long long)*count);
	return 0;
}

int
announce_list(
    struct board *b, int all, struct store_announcement **rows, size_t *n)
{
	return store_announcement_list(b->store, all ? 0 : clock_now(),
	    all ? ANNOUNCE_LIST_MAX : ANNOUNCE_SHOWN_MAX, rows, n);
}

int
announce_remove(struct board *b, int64_t id, const char **why)
{
	int rc = store_announcement_remove(b->store, id);

	if (rc == MB_ERR_NOTFOUND)
		*why = _("no such announcement");
	if (rc == 0)
		store_news_mark(
		    b->store, STORE_NEWS_EVERYONE, STORE_NEWS_ANNOUNCEMENT, id);
	return rc;
}
