/*
 * announce: the mentoring team's announcements.  An announcement is shown
 * to everyone at login (the home screen, guests too) until its date, and
 * pushed at once to every confirmed member as a notification (the toast
 * of those online; the unread count of the others at their next login;
 * never mailed).  The team lists them and removes one, which takes it off
 * every home screen at once.
 */
#ifndef MB_ANNOUNCE_H
#define MB_ANNOUNCE_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define ANNOUNCE_DEFAULT_DAYS 7 /* shown this long when no date is given */
#define ANNOUNCE_MAX_DAYS 366 /* the latest date, from today */
#define ANNOUNCE_SHOWN_MAX 3 /* on the home screen at once, newest */
#define ANNOUNCE_LIST_MAX 200 /* in the team's list, newest */

/*
 * The end of the day date names ("YYYY-MM-DD", UTC), the time until
 * which an announcement made at now is shown: today at the earliest,
 * ANNOUNCE_MAX_DAYS ahead at the latest.  NULL date: the end of the day
 * ANNOUNCE_DEFAULT_DAYS ahead.  0, or MB_ERR_INVALID with an English *why.
 */
int announce_until(
    const char *date, int64_t now, int64_t *until, const char **why);

/*
 * Announce text (checked: not empty, NOTIFY_MESSAGE_MAX characters) from
 * author_id (0: the host's operator), shown at login until until, and to
 * every confirmed member as a notification, in one transaction.  *id gets
 * the announcement, *count how many members were told.  0, or
 * MB_ERR_INVALID with *why, or the store's MB_ERR_*.
 */
int announce_add(struct board *b, int64_t author_id, const char *text,
    int64_t until, int64_t *id, int64_t *count, const char **why);

/*
 * The announcements shown now (at most ANNOUNCE_SHOWN_MAX), or all of
 * them (all; at most ANNOUNCE_LIST_MAX), newest first.  *rows is the
 * caller's (store_announcement_rows_free).
 */
int announce_list(
    struct board *b, int all, struct store_announcement **rows, size_t *n);

/*
 * Remove announcement id: off every home screen at once.  0, or
 * MB_ERR_NOTFOUND with *why.
 */
int announce_remove(struct board *b, int64_t id, const char **why);

#endif
