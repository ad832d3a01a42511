/* store_chat: the chat of a mentorship, where its readers left off, and
 * its meetings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"
#include "util.h"

int
store_chat_add(struct store *st, int64_t mentorship_id, int64_t author_id,
    const char *body, int64_t meeting_id, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO chat_line (mentorship_id, author_id, kind, body, "
	    "meeting_id, at) VALUES (?, ?, ?, ?, ?, ?)",
	    "iuttui", mentorship_id, author_id,
	    meeting_id != 0 ? "meeting" : "text", body, meeting_id,
	    store_now());
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static void
store_chat_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_chat_line *l = elem;

	l->id = sqlite3_column_int64(stmt, 0);
	l->mentorship_id = sqlite3_column_int64(stmt, 1);
	l->author_id = sqlite3_column_int64(stmt, 2);
	store_column_copy(stmt, 3, l->author_first, sizeof(l->author_first));
	store_column_copy(stmt, 4, l->author_last, sizeof(l->author_last));
	l->meeting_id = sqlite3_column_int64(stmt, 5);
	l->meeting = sqlite3_column_int(stmt, 6);
	l->body = store_column_strdup(stmt, 7);
	l->at = sqlite3_column_int64(stmt, 8);
}

static void
store_chat_release(void *elem)
{
	struct store_chat_line *l = elem;

	free(l->body);
	l->body = NULL;
}

void
store_chat_lines_free(struct store_chat_line *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_chat_release(&rows[i]);
	free(rows);
}

int
store_chat_log(struct store *st, int64_t mentorship_id, int64_t since_id,
    int64_t before_id, int limit, struct store_chat_line **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	/* The newest limit lines between the two, in the order written. */
	rc = store_rows(st, __func__,
	    "SELECT * FROM (SELECT c.id, c.mentorship_id, "
	    "coalesce(c.author_id, 0), coalesce(u.first_name, ''), "
	    "coalesce(u.last_name, ''), coalesce(c.meeting_id, 0), "
	    "c.kind = 'meeting', c.body, c.at FROM chat_line c LEFT JOIN "
	    "user u ON u.id = c.author_id WHERE c.mentorship_id = ? AND "
	    "c.id > ? AND c.id < ? ORDER BY c.id DESC LIMIT ?) ORDER BY 1",
	    sizeof(**rows), store_chat_fill, store_chat_release, &v, n, "iiii",
	    mentorship_id, since_id, before_id > 0 ? before_id : INT64_MAX,
	    (int64_t)limit);
	*rows = v;
	return rc;
}

int
store_chat_last_read(
    struct store *st, int64_t mentorship_id, int64_t user_id, int64_t *id)
{
	return store_ints(st, __func__,
	    "SELECT coalesce(max(last_read_id), 0) FROM chat_read WHERE "
	    "mentorship_id = ? AND user_id = ?",
	    id, 1, "ii", mentorship_id, user_id);
}

int
store_chat_set_read(
    struct store *st, int64_t mentorship_id, int64_t user_id, int64_t id)
{
	return store_run(st, __func__,
	    "INSERT INTO chat_read (mentorship_id, user_id, last_read_id) "
	    "VALUES (?, ?, ?) ON CONFLICT (mentorship_id, user_id) DO UPDATE "
	    "SET last_read_id = max(last_read_id, excluded.last_read_id)",
	    "iii", mentorship_id, user_id, id);
}

int
store_chat_unread(
    struct store *st, int64_t mentorship_id, int64_t user_id, int *n)
{
	int64_t count = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM chat_line WHERE mentorship_id = ?1 AND "
	    "coalesce(author_id, 0) != ?2 AND id > (SELECT "
	    "coalesce(max(last_read_id), 0) FROM chat_read WHERE "
	    "mentorship_id = ?1 AND user_id = ?2)",
	    &count, 1, "ii", mentorship_id, user_id);
	*n = (int)count;
	return rc;
}

int
store_meeting_add(struct store *st, int64_t mentorship_id, int64_t proposer_id,
    int64_t starts_at, int minutes, const char *place, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO meeting (mentorship_id, proposer_id, starts_at, "
	    "minutes, place, created_at) VALUES (?, ?, ?, ?, ?, ?)",
	    "iiiiti", mentorship_id, proposer_id, starts_at, (int64_t)minutes,
	    place, store_now());
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

#define STORE_MEETING_COLUMNS                                              \
	"m.id, m.mentorship_id, coalesce(m.proposer_id, 0), m.starts_at, " \
	"m.minutes, m.place, m.state, m.created_at, "                      \
	"coalesce(m.answered_at, 0) FROM meeting m "

static void
store_meeting_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_meeting *m = elem;

	m->id = sqlite3_column_int64(stmt, 0);
	m->mentorship_id = sqlite3_column_int64(stmt, 1);
	m->proposer_id = sqlite3_column_int64(stmt, 2);
	m->starts_at = sqlite3_column_int64(stmt, 3);
	m->minutes = sqlite3_column_int(stmt, 4);
	store_column_copy(stmt, 5, m->place, sizeof(m->place));
	store_column_copy(stmt, 6, m->state, sizeof(m->state));
	m->created_at = sqlite3_column_int64(stmt, 7);
	m->answered_at = sqlite3_column_int64(stmt, 8);
}

int
store_meeting_get(struct store *st, int64_t id, struct store_meeting *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_MEETING_COLUMNS "WHERE m.id = ?",
	    store_meeting_fill, out, "i", id);
}

int
store_meeting_answer(struct store *st, int64_t id, const char *state)
{
	return store_run_found(st, __func__,
	    "UPDATE meeting SET state = ?, answered_at = ? WHERE id = ? AND "
	    "state = 'proposed'",
	    "tii", state, store_now(), id);
}

int
store_meeting_pending(struct store *st, int64_t mentorship_id, int64_t user_id,
    int64_t now, struct store_meeting *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_MEETING_COLUMNS "WHERE m.mentorship_id = ? AND "
	    "m.state = 'proposed' AND coalesce(m.proposer_id, 0) != ? AND "
	    "m.starts_at > ? ORDER BY m.id DESC LIMIT 1",
	    store_meeting_fill, out, "iii", mentorship_id, user_id, now);
}

/* Where store_meeting_upcoming puts its rows. */
struct store_meetings {
	struct store_meeting *rows;
	size_t max;
	size_t n;
};

static int
store_meeting_take(sqlite3_stmt *stmt, void *ctx)
{
	struct store_meetings *m = ctx;

	if (m->n == m->max)
		return 1;
	store_meeting_fill(stmt, &m->rows[m->n++]);
	return 0;
}

int
store_meeting_upcoming(struct store *st, int64_t user_id, int64_t now,
    struct store_meeting *rows, size_t max, size_t *n)
{
	struct store_meetings found = { rows, max, 0 };
	int rc;

	rc = store_each(st, __func__,
	    "SELECT " STORE_MEETING_COLUMNS "JOIN mentorship s ON "
	    "s.id = m.mentorship_id WHERE (s.mentor_id = ?1 OR "
	    "s.mentee_id = ?1) AND m.state = 'accepted' AND "
	    "m.starts_at + m.minutes * 60 > ?2 ORDER BY m.starts_at",
	    store_meeting_take, &found, "ii", user_id, now);
	*n = found.n;
	return rc == 1 ? 0 : rc;
}

/* Copy the zone's name out of its row. */
static void
store_zone_fill(sqlite3_stmt *stmt, void *ctx)
{
	char *out = ctx;

	store_column_copy(stmt, 0, out, STORE_TIME_ZONE_MAX);
}

int
store_user_time_zone(struct store *st, int64_t user_id, char *out, size_t size)
{
	char zone[STORE_TIME_ZONE_MAX];
	int rc;

	rc = store_row(st, __func__, "SELECT time_zone FROM user WHERE id = ?",
	    store_zone_fill, zone, "i", user_id);
	if (rc == 0)
		(void)strlcpy_checked(out, zone, size);
	return rc;
}

int
store_user_set_time_zone(struct store *st, int64_t user_id, const char *tz)
{
	return store_run_found(st, __func__,
	    "UPDATE user SET time_zone = ? WHERE id = ?", "ti", tz, user_id);
}
