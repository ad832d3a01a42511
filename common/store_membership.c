/* store_membership: requests to join the alumni community, access codes. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_internal.h"
#include "util.h"

static const char *const membership_relations[STORE_NRELATIONS] = {
	"student",
	"graduate",
	"staff",
	"other",
};

static const char *const membership_states[] = {
	"open",
	"approved",
	"declined",
};

/* The index of word in names (n of them), or 0 for an unknown word. */
static int
store_word_index(const char *const *names, int n, const unsigned char *word)
{
	int i;

	for (i = 0; word != NULL && i < n; i++) {
		if (strcmp(names[i], (const char *)word) == 0)
			return i;
	}
	return 0;
}

int
store_membership_add(
    struct store *st, const struct store_membership *m, int64_t *id)
{
	int64_t now = store_now();
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO membership_request (user_id, already_member, "
	    "programme, graduation_year, relation, message, consent_at, "
	    "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "iitittii", m->user_id, (int64_t)m->already_member, m->programme,
	    (int64_t)m->graduation_year, membership_relations[m->relation],
	    m->message, now, now);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

#define STORE_MEMBERSHIP_COLUMNS                                       \
	"r.id, r.user_id, u.username, r.already_member, r.programme, " \
	"r.graduation_year, r.relation, r.message, r.state, "          \
	"r.requested_at, coalesce(r.decided_at, 0), r.reason "         \
	"FROM membership_request r JOIN user u ON u.id = r.user_id "

static void
store_membership_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_membership *m = elem;

	m->id = sqlite3_column_int64(stmt, 0);
	m->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, m->username, sizeof(m->username));
	m->already_member = sqlite3_column_int(stmt, 3);
	store_column_copy(stmt, 4, m->programme, sizeof(m->programme));
	m->graduation_year = sqlite3_column_int(stmt, 5);
	m->relation =
	    (enum store_relation)store_word_index(membership_relations,
		STORE_NRELATIONS, sqlite3_column_text(stmt, 6));
	m->message = store_column_strdup(stmt, 7);
	m->state = (enum store_request_state)store_word_index(membership_states,
	    (int)nitems(membership_states), sqlite3_column_text(stmt, 8));
	m->requested_at = sqlite3_column_int64(stmt, 9);
	m->decided_at = sqlite3_column_int64(stmt, 10);
	m->reason = store_column_strdup(stmt, 11);
}

void
store_membership_free(struct store_membership *m)
{
	free(m->message);
	free(m->reason);
	m->message = m->reason = NULL;
}

static void
store_membership_release(void *elem)
{
	store_membership_free(elem);
}

void
store_membership_rows_free(struct store_membership *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_membership_free(&rows[i]);
	free(rows);
}

int
store_membership_latest(
    struct store *st, int64_t user_id, struct store_membership *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_MEMBERSHIP_COLUMNS
	    "WHERE r.user_id = ? ORDER BY r.id DESC LIMIT 1",
	    store_membership_fill, out, "i", user_id);
}

int
store_membership_get(struct store *st, int64_t id, struct store_membership *out)
{
	memset(out, 0, sizeof(*out));
	return store_row(st, __func__,
	    "SELECT " STORE_MEMBERSHIP_COLUMNS "WHERE r.id = ?",
	    store_membership_fill, out, "i", id);
}

int
store_membership_list(
    struct store *st, int open_only, struct store_membership **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT " STORE_MEMBERSHIP_COLUMNS
	    "WHERE ? = 0 OR r.state = 'open' ORDER BY r.id",
	    sizeof(**rows), store_membership_fill, store_membership_release, &v,
	    n, "i", (int64_t)open_only);
	*rows = v;
	return rc;
}

int
store_membership_decide(struct store *st, int64_t id,
    enum store_request_state state, const char *reason)
{
	return store_run_found(st, __func__,
	    "UPDATE membership_request SET state = ?, decided_at = ?, "
	    "reason = ? WHERE id = ? AND state = 'open'",
	    "titi", membership_states[state], store_now(),
	    reason != NULL ? reason : "", id);
}

int
store_membership_reopen(struct store *st, int64_t id)
{
	return store_run_found(st, __func__,
	    "UPDATE membership_request SET state = 'open', decided_at = NULL "
	    "WHERE id = ? AND state = 'approved'",
	    "i", id);
}

int
store_user_set_member(struct store *st, int64_t user_id, int64_t since)
{
	return store_run_found(st, __func__,
	    "UPDATE user SET member_since = ? WHERE id = ?", "ii", since,
	    user_id);
}

int
store_access_code_add(struct store *st, const uint8_t *hash, size_t hash_len,
    int64_t user_id, int64_t request_id, int64_t expires_at, int64_t *id)
{
	int rc;

	rc = store_run(st, __func__,
	    "INSERT INTO access_code (code_hash, user_id, request_id, "
	    "issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
	    "buuii", hash, hash_len, user_id, request_id, store_now(),
	    expires_at);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int
store_access_code_use(
    struct store *st, const uint8_t *hash, size_t hash_len, int64_t user_id)
{
	int64_t now = store_now();

	/* Every reason a code does not work ends in the same NOTFOUND. */
	return store_run_found(st, __func__,
	    "UPDATE access_code SET used_by = ?, used_at = ? "
	    "WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL "
	    "AND expires_at > ? AND (user_id IS NULL OR user_id = ?)",
	    "iibii", user_id, now, hash, hash_len, now, user_id);
}

static void
store_access_code_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_access_code *c = elem;

	c->id = sqlite3_column_int64(stmt, 0);
	c->user_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, c->username, sizeof(c->username));
	c->request_id = sqlite3_column_int64(stmt, 3);
	c->issued_at = sqlite3_column_int64(stmt, 4);
	c->expires_at = sqlite3_column_int64(stmt, 5);
	c->used_by = sqlite3_column_int64(stmt, 6);
	c->used_at = sqlite3_column_int64(stmt, 7);
	c->revoked_at = sqlite3_column_int64(stmt, 8);
}

int
store_access_code_list(
    struct store *st, struct store_access_code **rows, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT c.id, coalesce(c.user_id, 0), coalesce(u.username, ''), "
	    "coalesce(c.request_id, 0), c.issued_at, c.expires_at, "
	    "coalesce(c.used_by, 0), coalesce(c.used_at, 0), "
	    "coalesce(c.revoked_at, 0) FROM access_code c "
	    "LEFT JOIN user u ON u.id = c.user_id ORDER BY c.id DESC",
	    sizeof(**rows), store_access_code_fill, NULL, &v, n, "");
	*rows = v;
	return rc;
}

int
store_access_code_revoke(struct store *st, int64_t id)
{
	return store_run_found(st, __func__,
	    "UPDATE access_code SET revoked_at = ? WHERE id = ? AND "
	    "used_at IS NULL AND revoked_at IS NULL",
	    "ii", store_now(), id);
}
