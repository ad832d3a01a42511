/*
 * chat: the conversation of a mentorship, and its meetings.  When a
 * mentor accepts a request, the two are connected in a chat to arrange
 * the first meeting; only the two of them read or write it, while the
 * mentorship is connected or official; after it ends the chat stays
 * readable to both and closed for writing.  Lines are stored as typed:
 * what reaches a terminal is sanitised where it is drawn.
 *
 * Either side proposes a meeting (a time that has not passed, a length, a
 * place or a call link), the other accepts or declines it; both show in
 * the chat as lines of their own, and an accepted meeting is mailed to
 * both with an iCalendar invitation.
 */
#ifndef MB_CHAT_H
#define MB_CHAT_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define CHAT_LINE_MAX 2000 /* characters of a message */
#define CHAT_LOG_MAX 500 /* lines a log shows, the newest */
#define CHAT_LIST_MAX 100 /* chats a list shows */
#define MEETING_MINUTES_DEFAULT 60
#define MEETING_MINUTES_MAX (8 * 60)
#define MEETING_PLACE_MAX 200 /* characters of a place or a link */
#define MEETING_AHEAD_DAYS 366 /* how far ahead a meeting may be */
#define MEETINGS_SHOWN_MAX 5 /* upcoming meetings on the home screen */
#define TIME_ZONE_DEFAULT "Europe/Vienna"
#define TIME_ZONE_DIR "/usr/share/zoneinfo"

/* One chat in the list of a member's chats. */
struct chat_summary {
	int64_t id; /* the mentorship's */
	enum store_mship_state state;
	char other[DISPLAY_NAME_MAX]; /* the other of the two */
	int64_t other_id; /* their id (to report or block), 0: erased */
	char last[256]; /* the last line, its start */
	int64_t last_at; /* 0: no line yet */
	int unread; /* lines of the other not read */
	int64_t official_since;
};

/*
 * The chats of viewer: one per mentorship (connected, official, ended),
 * newest line first.  *out is the caller's to free.  0 or MB_ERR_*.
 */
int chat_list(struct board *b, const struct viewer *viewer,
    struct chat_summary **out, size_t *n);

/*
 * The lines of chat id after since_id (0: from the start) and before
 * before_id (0: up to the newest), the newest CHAT_LOG_MAX of them;
 * *last_read (may be NULL) gets where viewer left off.  Only for its two
 * members: MB_ERR_NOTFOUND for anyone else.  *rows is the caller's
 * (store_chat_lines_free).
 */
int chat_log(struct board *b, const struct viewer *viewer, int64_t id,
    int64_t since_id, int64_t before_id, struct store_chat_line **rows,
    size_t *n, int64_t *last_read);

/*
 * One chat of viewer's, as chat_list shows it.  0, or MB_ERR_NOTFOUND
 * when it is not theirs (or has no chat).
 */
int chat_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct chat_summary *out);

/* Can a chat in state s be written (else it is read only)? */
int chat_writable(enum store_mship_state s);

/* Is text a line that may be sent?  0, or MB_ERR_INVALID with *why. */
int chat_check(const char *text, const char **why);

/*
 * viewer writes text (1 to CHAT_LINE_MAX characters, newlines and tabs
 * and control characters allowed, kept as typed) in chat id; the other is woken, and notified unless
 * an unread notification of this chat waits already.  Returns 0 once it
 * is committed (*line_id), MB_ERR_NOTFOUND (not theirs), MB_ERR_DENIED
 * (the mentorship ended: read only), MB_ERR_INVALID (the text) with *why.
 */
int chat_send(struct board *b, const struct viewer *viewer, int64_t id,
    const char *text, int64_t *line_id, const char **why);

/* viewer read chat id up to line_id: their unread count and the chat's
 * notification go. */
int chat_mark_read(
    struct board *b, const struct viewer *viewer, int64_t id, int64_t line_id);

/*
 * viewer proposes a meeting in chat id at start (UTC seconds, in the
 * future, within MEETING_AHEAD_DAYS), for minutes, at place.  0 and
 * *meeting_id, or MB_ERR_NOTFOUND / MB_ERR_DENIED / MB_ERR_INVALID with
 * *why.
 */
int meeting_propose(struct board *b, const struct viewer *viewer, int64_t id,
    int64_t start, int minutes, const char *place, int64_t *meeting_id,
    const char **why);

/*
 * The other of the two answers meeting meeting_id; an accepted one is
 * mailed to both with an iCalendar invitation (after the commit; a failed
 * mail is logged).  0, or MB_ERR_NOTFOUND (not theirs to answer, or
 * answered already) with *why.
 */
int meeting_answer(struct board *b, const struct viewer *viewer,
    int64_t meeting_id, int accept, const char **why);

/*
 * The text of a line as viewer reads it in time zone tz: as typed, or
 * for a meeting's line what happened ("proposes a meeting #3: ...") with
 * the time in tz.  The caller frees it.
 */
char *chat_line_text(
    struct board *b, const char *tz, const struct store_chat_line *line);

/*
 * The newest meeting proposed to viewer in chat id that waits for their
 * answer and has not begun.  0, or MB_ERR_NOTFOUND.
 */
int meeting_pending(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_meeting *out);

/* viewer's accepted meetings that have not passed, soonest first. */
int meeting_upcoming(struct board *b, const struct viewer *viewer,
    struct store_meeting *rows, size_t max, size_t *n);

/*
 * Is name a time zone of the tz database ("Europe/Vienna")?  Only
 * letters, digits and / _ + - in it, no "..", and a file for it under
 * TIME_ZONE_DIR.
 */
int chat_time_zone_valid(const char *name);

/*
 * Parse "YYYY-MM-DD HH:MM" in time zone tz into UTC seconds.  0, or
 * MB_ERR_INVALID for anything else (and for a time the clocks skip).
 */
int chat_parse_time(const char *text, const char *tz, int64_t *out);

/*
 * Format t in time zone tz with strftime's format into out.  Sets TZ for
 * the process (a session's mentor has one reader).
 */
void chat_format_time(
    int64_t t, const char *tz, const char *format, char *out, size_t size);

/* The time zone of user_id (the default for a guest or an unknown
 * one) into out. */
void chat_time_zone(struct board *b, int64_t user_id, char *out, size_t size);

/* Set viewer's time zone.  0, or MB_ERR_INVALID with *why. */
int chat_set_time_zone(struct board *b, const struct viewer *viewer,
    const char *tz, const char **why);

#endif
