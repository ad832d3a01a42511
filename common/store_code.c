/* store_code: codes sent by mail, stored as keyed hashes. */
#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

static const char *const code_purposes[] = { "verify", "reset" };

int
store_code_add_pending(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, const uint8_t *hash, size_t hash_len,
    int64_t ttl, const char *sent_to, int64_t *code_id)
{
	int64_t now = store_now();

	return store_ints(st, __func__,
	    "INSERT INTO code (user_id, purpose, code_hash, created_at, "
	    "expires_at, sent_to) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	    code_id, 1, "itbiit", user_id, code_purposes[purpose], hash,
	    hash_len, now, now + ttl, sent_to);
}

int
store_code_supersede(struct store *st, int64_t code_id)
{
	/* Only the newest code of a purpose works. */
	return store_run(st, __func__,
	    "UPDATE code SET used_at = ?1 WHERE used_at IS NULL AND id < ?2 "
	    "AND (user_id, purpose) = "
	    "(SELECT user_id, purpose FROM code WHERE id = ?2)",
	    "ii", store_now(), code_id);
}

int
store_code_state(
    struct store *st, int64_t code_id, int64_t now, int *used, int *expired)
{
	int64_t v[2] = { 0, 0 };
	int rc;

	*used = 0;
	*expired = 0;
	/* A code that dies this second is no use in a mail either. */
	rc = store_ints(st, __func__,
	    "SELECT used_at IS NOT NULL, expires_at <= ? FROM code WHERE id = ?",
	    v, nitems(v), "ii", now, code_id);
	if (rc != 0)
		return rc;
	*used = (int)v[0];
	*expired = (int)v[1];
	return 0;
}

int
store_code_add(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, const uint8_t *hash, size_t hash_len,
    int64_t ttl, const char *sent_to)
{
	int64_t code_id = 0;
	int rc;

	rc = store_code_add_pending(
	    st, user_id, purpose, hash, hash_len, ttl, sent_to, &code_id);
	return rc != 0 ? rc : store_code_supersede(st, code_id);
}

/* Count a wrong try against the user's live code of purpose. */
static int
store_code_wrong_try(
    struct store *st, int64_t user_id, enum store_code_purpose purpose)
{
	return store_run(st, __func__,
	    "UPDATE code SET attempts = attempts + 1 WHERE user_id = ? AND "
	    "purpose = ? AND used_at IS NULL",
	    "it", user_id, code_purposes[purpose]);
}

/* A code as store_code_use reads it. */
struct store_code_row {
	int64_t id;
	int64_t owner;
	int64_t expires_at;
	int used;
	int attempts;
	char *sent_to; /* NULL: not wanted */
	size_t size;
};

/*
 * A code's row: id, owner, expiry, whether used, wrong tries, and the
 * address it went to only when the caller asked for it.
 */
static void
store_code_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_code_row *c = ctx;

	c->id = sqlite3_column_int64(stmt, 0);
	c->owner = sqlite3_column_int64(stmt, 1);
	c->expires_at = sqlite3_column_int64(stmt, 2);
	c->used = sqlite3_column_int(stmt, 3);
	c->attempts = sqlite3_column_int(stmt, 4);
	if (c->sent_to != NULL)
		store_column_copy(stmt, 5, c->sent_to, c->size);
}

int
store_code_use(struct store *st, enum store_code_purpose purpose,
    const uint8_t *hash, size_t hash_len, int64_t only_user, int max_attempts,
    int64_t *user_id, char *sent_to, size_t size)
{
	struct store_code_row c = { 0, 0, 0, 0, 0, sent_to, size };
	int64_t now = store_now();
	int rc;

	rc = store_row(st, __func__,
	    "SELECT id, user_id, expires_at, used_at IS NOT NULL, attempts, "
	    "sent_to FROM code WHERE code_hash = ? AND purpose = ?",
	    store_code_fill, &c, "bt", hash, hash_len, code_purposes[purpose]);
	if (rc != 0 && rc != MB_ERR_NOTFOUND)
		return rc;
	if (only_user != 0 && (rc == MB_ERR_NOTFOUND || c.owner != only_user)) {
		rc = store_code_wrong_try(st, only_user, purpose);
		return rc != 0 ? rc : MB_ERR_NOTFOUND;
	}
	if (rc != 0)
		return rc;
	if (c.used || c.expires_at < now || c.attempts >= max_attempts)
		return MB_ERR_EXPIRED;
	rc = store_run(st, __func__, "UPDATE code SET used_at = ? WHERE id = ?",
	    "ii", now, c.id);
	if (rc != 0)
		return rc;
	*user_id = c.owner;
	return 0;
}

int
store_code_sent(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, int64_t since, int *count,
    int64_t *last_at)
{
	int64_t v[2] = { 0, 0 };
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*), coalesce(max(created_at), 0) FROM code "
	    "WHERE user_id = ? AND purpose = ? AND created_at >= ?",
	    v, nitems(v), "iti", user_id, code_purposes[purpose], since);
	if (rc != 0)
		return rc;
	*count = (int)v[0];
	*last_at = v[1];
	return 0;
}

int
store_code_owner(struct store *st, enum store_code_purpose purpose,
    const uint8_t *hash, size_t hash_len, int max_attempts, int64_t *user_id)
{
	int64_t v[2] = { 0, 0 }; /* owner, and whether the code works */
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT user_id, used_at IS NULL AND expires_at >= ? AND "
	    "attempts < ? FROM code WHERE code_hash = ? AND purpose = ?",
	    v, nitems(v), "iibt", store_now(), (int64_t)max_attempts, hash,
	    hash_len, code_purposes[purpose]);
	if (rc != 0)
		return rc;
	*user_id = v[0];
	return v[1] ? 0 : MB_ERR_EXPIRED;
}
