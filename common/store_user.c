/* store_user: registered members. */
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

#define USER_COLUMNS                                                       \
	"id, username, email, first_name, last_name, verified, is_sysop, " \
	"is_demo, password_hash IS NOT NULL, created_at, "                 \
	"coalesce(member_since, 0), notify_mail, coalesce(banned_at, 0), " \
	"ban_reason, plain_mode, language = 'de'"

/* Fill a struct store_user from a row of USER_COLUMNS. */
static void
store_user_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_user *out = ctx;

	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, out->username, sizeof(out->username));
	store_column_copy(stmt, 2, out->email, sizeof(out->email));
	store_column_copy(stmt, 3, out->first_name, sizeof(out->first_name));
	store_column_copy(stmt, 4, out->last_name, sizeof(out->last_name));
	out->verified = sqlite3_column_int(stmt, 5);
	out->is_sysop = sqlite3_column_int(stmt, 6);
	out->is_demo = sqlite3_column_int(stmt, 7);
	out->has_password = sqlite3_column_int(stmt, 8);
	out->created_at = sqlite3_column_int64(stmt, 9);
	out->member_since = sqlite3_column_int64(stmt, 10);
	out->notify_mail = sqlite3_column_int(stmt, 11);
	out->banned_at = sqlite3_column_int64(stmt, 12);
	store_column_copy(stmt, 13, out->ban_reason, sizeof(out->ban_reason));
	out->plain_mode = sqlite3_column_int(stmt, 14);
	out->language = sqlite3_column_int(stmt, 15) ? I18N_DE : I18N_EN;
}

int
store_user_create(struct store *st, const struct store_user *u,
    const char *password_hash, int64_t consent_at, int64_t *id,
    const char **which)
{
	struct store_user other;
	int rc;

	*which = NULL;
	/* Say which of the two unique columns is taken. */
	rc = store_user_find(st, u->username, &other);
	if (rc == 0) {
		*which = "username";
		return MB_ERR_EXISTS;
	}
	rc = store_user_find_email(st, u->email, &other);
	if (rc == 0) {
		*which = "email";
		return MB_ERR_EXISTS;
	}
	rc = store_run(st, __func__,
	    "INSERT INTO user (username, email, first_name, last_name, "
	    "password_hash, verified, is_sysop, is_demo, consent_at, "
	    "created_at, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "tttttiiiuit", u->username, u->email, u->first_name, u->last_name,
	    password_hash, (int64_t)u->verified, (int64_t)u->is_sysop,
	    (int64_t)u->is_demo, consent_at, store_now(),
	    i18n_code(u->language));
	if (rc == MB_ERR_EXISTS)
		*which = "username"; /* lost a race; either will do */
	if (rc != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_user_get(struct store *st, int64_t id, struct store_user *out)
{
	return store_row(st, __func__,
	    "SELECT " USER_COLUMNS " FROM user WHERE id = ?", store_user_fill,
	    out, "i", id);
}

int
store_user_find(struct store *st, const char *username, struct store_user *out)
{
	return store_row(st, __func__,
	    "SELECT " USER_COLUMNS " FROM user WHERE username = ?",
	    store_user_fill, out, "t", username);
}

int
store_user_find_email(
    struct store *st, const char *email, struct store_user *out)
{
	return store_row(st, __func__,
	    "SELECT " USER_COLUMNS " FROM user WHERE email = ?",
	    store_user_fill, out, "t", email);
}

/* Where store_user_password puts what it reads. */
struct store_password {
	int64_t id;
	char *hash;
	size_t size;
};

/* The user's id and password hash, into the caller's buffer. */
static void
store_password_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_password *p = ctx;

	p->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, p->hash, p->size);
}

int
store_user_password(
    struct store *st, const char *username, int64_t *id, char *out, size_t size)
{
	struct store_password p = { 0, out, size };
	int rc;

	rc = store_row(st, __func__,
	    "SELECT id, password_hash FROM user WHERE username = ? AND "
	    "password_hash IS NOT NULL",
	    store_password_fill, &p, "t", username);
	if (rc == 0)
		*id = p.id;
	return rc;
}

int
store_user_set_password(struct store *st, int64_t id, const char *hash)
{
	return store_run_found(st, __func__,
	    "UPDATE user SET password_hash = ? WHERE id = ?", "ti", hash, id);
}

int
store_user_set_verified(struct store *st, int64_t id)
{
	return store_run_found(
	    st, __func__, "UPDATE user SET verified = 1 WHERE id = ?", "i", id);
}

int
store_user_set_email(struct store *st, int64_t id, const char *email)
{
	int rc;

	rc = store_run_found(st, __func__,
	    "UPDATE user SET email = ? WHERE id = ?", "ti", email, id);
	if (rc != 0)
		return rc;
	/* A reset code sent to the old address must not confirm the new. */
	return store_run(st, __func__,
	    "UPDATE code SET used_at = ? WHERE user_id = ? AND "
	    "purpose = 'reset' AND used_at IS NULL",
	    "ii", store_now(), id);
}

/* The caller's function store_user_each hands each user to. */
struct store_user_visit {
	int (*fn)(void *ctx, const struct store_user *u);
	void *ctx;
};

/* Hand one user to the caller's function; a non-zero return stops the walk. */
static int
store_user_each_row(sqlite3_stmt *stmt, void *ctx)
{
	struct store_user_visit *visit = ctx;
	struct store_user u;

	store_user_fill(stmt, &u);
	return visit->fn(visit->ctx, &u);
}

int
store_user_each(struct store *st,
    int (*fn)(void *ctx, const struct store_user *u), void *ctx)
{
	struct store_user_visit visit = { fn, ctx };

	return store_each(st, __func__,
	    "SELECT " USER_COLUMNS " FROM user ORDER BY username",
	    store_user_each_row, &visit, "");
}

/* A struct store_user of a row of USER_COLUMNS, for store_rows. */
static void
store_user_fill_elem(sqlite3_stmt *stmt, void *elem)
{
	store_user_fill(stmt, elem);
}

int
store_user_search(struct store *st, const char *const words[], size_t nwords,
    int limit, struct store_user **rows, size_t *n)
{
	const char *w[STORE_USER_SEARCH_WORDS] = { "", "", "", "" };
	size_t i;

	*rows = NULL;
	*n = 0;
	if (nwords > STORE_USER_SEARCH_WORDS)
		return MB_ERR_INVALID;
	for (i = 0; i < nwords; i++)
		w[i] = words[i];
	/* Every word somewhere in the name, the address or the names;
	 * words come lower-cased, and lower() folds ASCII only, as they
	 * were folded. */
	return store_rows(st, __func__,
	    "SELECT " USER_COLUMNS " FROM user WHERE "
	    "(?1 = '' OR instr(lower(username || ' ' || email || ' ' || "
	    "first_name || ' ' || last_name), ?1) > 0) AND "
	    "(?2 = '' OR instr(lower(username || ' ' || email || ' ' || "
	    "first_name || ' ' || last_name), ?2) > 0) AND "
	    "(?3 = '' OR instr(lower(username || ' ' || email || ' ' || "
	    "first_name || ' ' || last_name), ?3) > 0) AND "
	    "(?4 = '' OR instr(lower(username || ' ' || email || ' ' || "
	    "first_name || ' ' || last_name), ?4) > 0) "
	    "ORDER BY id DESC LIMIT ?5",
	    sizeof(**rows), store_user_fill_elem, NULL, (void **)rows, n,
	    "tttti", w[0], w[1], w[2], w[3], (int64_t)limit);
}

int
store_user_set_sysop(struct store *st, int64_t id, int on)
{
	return store_run_found(st, __func__,
	    "UPDATE user SET is_sysop = ? WHERE id = ?", "ii", (int64_t)on, id);
}

int
store_sysop_count(struct store *st, int64_t *count)
{
	return store_ints(st, __func__,
	    "SELECT count(*) FROM user WHERE is_sysop = 1 AND banned_at IS "
	    "NULL",
	    count, 1, "");
}

int
store_user_remove_demo(struct store *st, int64_t *count)
{
	int rc;

	/* The search index has no foreign key: clear it first. */
	rc = store_run(st, __func__,
	    "DELETE FROM mentor_search WHERE rowid IN (SELECT id FROM user "
	    "WHERE is_demo = 1)",
	    "");
	if (rc != 0)
		return rc;
	rc = store_run(st, __func__, "DELETE FROM user WHERE is_demo = 1", "");
	if (rc != 0)
		return rc;
	*count = sqlite3_changes64(st->db);
	return 0;
}

int
store_demo_count(struct store *st, long *count)
{
	int64_t n = 0;
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT count(*) FROM user WHERE is_demo = 1", &n, 1, "");
	if (rc == 0)
		*count = (long)n;
	return rc;
}

int
store_user_set_plain_mode(struct store *st, int64_t user_id, int on)
{
	return store_run_found(st, __func__,
	    "UPDATE user SET plain_mode = ? WHERE id = ?", "ii",
	    (int64_t)(on != 0), user_id);
}

int
store_user_set_language(
    struct store *st, int64_t user_id, enum i18n_language lang)
{
	return store_run_found(st, __func__,
	    "UPDATE user SET language = ? WHERE id = ?", "ti", i18n_code(lang),
	    user_id);
}
