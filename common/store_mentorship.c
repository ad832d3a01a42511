/* store_mentorship: requests, the mentorships they become, the audit log. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "store_internal.h"
#include "util.h"

/* Stored and in JSON as they are; N_(): shown translated. */
static const char *const mship_states[STORE_MSHIP_NSTATES] = {
	N_("open"),
	N_("connected"),
	N_("declined"),
	N_("withdrawn"),
	N_("expired"),
	N_("official"),
	N_("ended"),
};

const char *
store_mship_state_word(enum store_mship_state s)
{
	return mship_states[s];
}

/* The state stored as word (open for a word this program does not know). */
static enum store_mship_state
store_mship_state_of(const unsigned char *word)
{
	int i;

	for (i = 0; word != NULL && i < STORE_MSHIP_NSTATES; i++) {
		if (strcmp(mship_states[i], (const char *)word) == 0)
			return (enum store_mship_state)i;
	}
	return STORE_MSHIP_OPEN;
}

int
store_mentorship_add(struct store *st, int64_t mentee_id, int64_t mentor_id,
    int64_t area_id, const char *message, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO mentorship (mentee_id, mentor_id, area_id, state, "
	    "message, sent_at) VALUES (?, ?, ?, 'open', ?, ?)",
	    "iiiti", mentee_id, mentor_id, area_id,
	    message != NULL ? message : "", store_now());
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

#define STORE_MSHIP_COLUMNS                                                  \
	"m.id, coalesce(m.mentee_id, 0), coalesce(m.mentor_id, 0), "         \
	"m.area_id, local_name(a.name, a.name_de), "                         \
	"coalesce(e.first_name, ''), "                                       \
	"coalesce(e.last_name, ''), coalesce(r.first_name, ''), "            \
	"coalesce(r.last_name, ''), m.state, m.message, m.reply, "           \
	"m.decline_reason, m.sent_at, coalesce(m.decided_at, 0), "           \
	"coalesce(m.official_since, 0), coalesce(m.ended_at, 0), "           \
	"m.reminders FROM mentorship m JOIN area a ON a.id = m.area_id "     \
	"LEFT JOIN user e ON e.id = m.mentee_id LEFT JOIN user r ON r.id = " \
	"m.mentor_id "

static void
store_mentorship_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_mentorship *m = elem;

	m->id = sqlite3_column_int64(stmt, 0);
	m->mentee_id = sqlite3_column_int64(stmt, 1);
	m->mentor_id = sqlite3_column_int64(stmt, 2);
	m->area_id = sqlite3_column_int64(stmt, 3);
	store_column_copy(stmt, 4, m->area, sizeof(m->area));
	store_column_copy(stmt, 5, m->mentee_first, sizeof(m->mentee_first));
	store_column_copy(stmt, 6, m->mentee_last, sizeof(m->mentee_last));
	store_column_copy(stmt, 7, m->mentor_first, sizeof(m->mentor_first));
	store_column_copy(stmt, 8, m->mentor_last, sizeof(m->mentor_last));
	m->state = store_mship_state_of(sqlite3_column_text(stmt, 9));
	m->message = store_column_strdup(stmt, 10);
	m->reply = store_column_strdup(stmt, 11);
	store_column_copy(
	    stmt, 12, m->decline_reason, sizeof(m->decline_reason));
	m->sent_at = sqlite3_column_int64(stmt, 13);
	m->decided_at = sqlite3_column_int64(stmt, 14);
	m->official_since = sqlite3_column_int64(stmt, 15);
	m->ended_at = sqlite3_column_int64(stmt, 16);
	m->reminders = sqlite3_column_int(stmt, 17);
}

void
store_mentorship_free(struct store_mentorship *m)
{
	free(m->message);
	free(m->reply);
	m->message = m->reply = NULL;
}

static void
store_mentorship_release(void *elem)
{
	store_mentorship_free(elem);
}

void
store_mentorship_rows_free(struct store_mentorship *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_mentorship_free(&rows[i]);
	free(rows);
}

int
store_mentorship_get(struct store *st, int64_t id, struct store_mentorship *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_MSHIP_COLUMNS "WHERE m.id = ?",
	    store_mentorship_fill, out, "i", id);
}

int
store_mentorship_list(struct store *st, int64_t user_id,
    struct store_mentorship **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT " STORE_MSHIP_COLUMNS
	    "WHERE m.mentee_id = ?1 OR m.mentor_id = ?1 ORDER BY m.id DESC",
	    sizeof(**rows), store_mentorship_fill, store_mentorship_release, &v,
	    n, "i", user_id);
	*rows = v;
	return rc;
}

int
store_mentorship_all(struct store *st, const char *state, int limit,
    struct store_mentorship **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT " STORE_MSHIP_COLUMNS
	    "WHERE ?1 IS NULL OR m.state = ?1 ORDER BY m.sent_at, m.id "
	    "LIMIT ?2",
	    sizeof(**rows), store_mentorship_fill, store_mentorship_release, &v,
	    n, "ti", state, (int64_t)limit);
	*rows = v;
	return rc;
}

int
store_mentorship_ended_by(
    struct store *st, int64_t id, int64_t actor_id, const char *reason)
{
	return store_run_found(st, __func__,
	    "UPDATE mentorship SET ended_by = ?, end_reason = ? WHERE id = ?",
	    "uti", actor_id, reason != NULL ? reason : "", id);
}

static void
store_feedback_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_feedback *f = elem;

	store_column_copy(stmt, 0, f->role, sizeof(f->role));
	f->body = store_column_strdup(stmt, 1);
	f->at = sqlite3_column_int64(stmt, 2);
}

static void
store_feedback_release(void *elem)
{
	struct store_feedback *f = elem;

	free(f->body);
	f->body = NULL;
}

int
store_feedback_list(struct store *st, int64_t mentorship_id,
    struct store_feedback **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT role, body, at FROM mentorship_feedback WHERE "
	    "mentorship_id = ? ORDER BY id",
	    sizeof(**rows), store_feedback_fill, store_feedback_release, &v, n,
	    "i", mentorship_id);
	*rows = v;
	return rc;
}

void
store_feedback_rows_free(struct store_feedback *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_feedback_release(&rows[i]);
	free(rows);
}

int
store_mentorship_move(struct store *st, int64_t id, enum store_mship_state from,
    enum store_mship_state to, const char *reply, const char *decline_reason)
{
	int64_t now = store_now();

	/* Each state keeps the time it came: decided (leaving open),
	 * official, ended. */
	return store_run_found(st, __func__,
	    "UPDATE mentorship SET state = ?1, "
	    "decided_at = CASE WHEN state = 'open' THEN ?2 ELSE decided_at "
	    "END, official_since = CASE WHEN ?1 = 'official' THEN ?2 ELSE "
	    "official_since END, ended_at = CASE WHEN ?1 = 'ended' THEN ?2 "
	    "ELSE ended_at END, reply = CASE WHEN ?3 IS NULL THEN reply ELSE "
	    "?3 END, decline_reason = coalesce(?4, decline_reason) "
	    "WHERE id = ?5 AND state = ?6",
	    "tittit", mship_states[to], now, reply, decline_reason, id,
	    mship_states[from]);
}

int
store_mentorship_open_sent(struct store *st, int64_t mentee_id, int *n)
{
	int64_t count = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM mentorship WHERE mentee_id = ? AND "
	    "state = 'open'",
	    &count, 1, "i", mentee_id);
	*n = (int)count;
	return rc;
}

int
store_mentorship_active(struct store *st, int64_t mentor_id, int *n)
{
	int64_t count = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM mentorship WHERE mentor_id = ? AND "
	    "state IN ('connected', 'official')",
	    &count, 1, "i", mentor_id);
	*n = (int)count;
	return rc;
}

int
store_mentorship_between(
    struct store *st, int64_t mentee_id, int64_t mentor_id, int64_t *id)
{
	*id = 0;
	return store_ints(st, __func__,
	    "SELECT coalesce(max(id), 0) FROM mentorship WHERE mentee_id = ? "
	    "AND mentor_id = ? AND state IN ('open', 'connected', 'official')",
	    id, 1, "ii", mentee_id, mentor_id);
}

/* Where store_mentorship_waiting puts the ids. */
struct store_mship_ids {
	int64_t *ids;
	size_t max;
	size_t n;
};

static int
store_mship_id_add(sqlite3_stmt *stmt, void *ctx)
{
	struct store_mship_ids *ids = ctx;

	if (ids->n == ids->max)
		return 1; /* enough for now */
	ids->ids[ids->n++] = sqlite3_column_int64(stmt, 0);
	return 0;
}

int
store_mentorship_waiting(struct store *st, int64_t before, int reminders,
    int64_t *ids, size_t max, size_t *n)
{
	struct store_mship_ids found = { ids, max, 0 };
	int rc;

	rc = store_each(st, __func__,
	    "SELECT id FROM mentorship WHERE state = 'open' AND sent_at <= ? "
	    "AND reminders < ? ORDER BY sent_at",
	    store_mship_id_add, &found, "ii", before, (int64_t)reminders);
	*n = found.n;
	return rc == 1 ? 0 : rc;
}

int
store_mentorship_reminded(struct store *st, int64_t id, int reminders)
{
	return store_run_found(st, __func__,
	    "UPDATE mentorship SET reminders = ? WHERE id = ?", "ii",
	    (int64_t)reminders, id);
}

int
store_audit_add(struct store *st, int64_t actor_id, const char *action,
    int64_t subject_id, int64_t object_id, const char *detail)
{
	return store_run(st, __func__,
	    "INSERT INTO audit (at, actor_id, action, subject_id, object_id, "
	    "detail) VALUES (?, ?, ?, ?, ?, ?)",
	    "iutuit", store_now(), actor_id, action, subject_id, object_id,
	    detail != NULL ? detail : "");
}
