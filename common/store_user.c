/* store_user: registered members. */
#include <string.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

#define USER_COLUMNS                                                       \
	"id, username, email, first_name, last_name, verified, is_sysop, " \
	"is_demo, password_hash IS NOT NULL, created_at"

/* Fill out from a row of USER_COLUMNS. */
static void
store_user_row(sqlite3_stmt *stmt, struct store_user *out)
{
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
}

/* Step a statement expected to return at most one user. */
static int
store_user_one(struct store *st, sqlite3_stmt *stmt, struct store_user *out,
    const char *func)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW) {
		store_user_row(stmt, out);
		(void)sqlite3_reset(stmt);
		return 0;
	}
	(void)sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return MB_ERR_NOTFOUND;
	return store_error(st, rc, func);
}

int
store_user_create(struct store *st, const struct store_user *u,
    const char *password_hash, int64_t consent_at, int64_t *id,
    const char **which)
{
	sqlite3_stmt *stmt = NULL;
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
	stmt = store_prepare(st,
	    "INSERT INTO user (username, email, first_name, last_name, "
	    "password_hash, verified, is_sysop, is_demo, consent_at, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "tttttiiiui", u->username, u->email,
	    u->first_name, u->last_name, password_hash, (int64_t)u->verified,
	    (int64_t)u->is_sysop, (int64_t)u->is_demo, consent_at, store_now());
	if (rc != 0)
		return rc;
	rc = store_exec_stmt(st, stmt, __func__);
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
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt =
	    store_prepare(st, "SELECT " USER_COLUMNS " FROM user WHERE id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", id);
	if (rc != 0)
		return rc;
	return store_user_one(st, stmt, out, __func__);
}

int
store_user_find(struct store *st, const char *username, struct store_user *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(
	    st, "SELECT " USER_COLUMNS " FROM user WHERE username = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "t", username);
	if (rc != 0)
		return rc;
	return store_user_one(st, stmt, out, __func__);
}

int
store_user_find_email(
    struct store *st, const char *email, struct store_user *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(
	    st, "SELECT " USER_COLUMNS " FROM user WHERE email = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "t", email);
	if (rc != 0)
		return rc;
	return store_user_one(st, stmt, out, __func__);
}

int
store_user_password(
    struct store *st, const char *username, int64_t *id, char *out, size_t size)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "SELECT id, password_hash FROM user WHERE username = ? AND "
	    "password_hash IS NOT NULL");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "t", username);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		store_column_copy(stmt, 1, out, size);
		(void)sqlite3_reset(stmt);
		return 0;
	}
	(void)sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? MB_ERR_NOTFOUND :
				   store_error(st, rc, __func__);
}

/* Run an UPDATE of one user and check that the user was there. */
static int
store_user_update(struct store *st, sqlite3_stmt *stmt, const char *func)
{
	int rc = store_exec_stmt(st, stmt, func);

	if (rc != 0)
		return rc;
	return sqlite3_changes(st->db) == 1 ? 0 : MB_ERR_NOTFOUND;
}

int
store_user_set_password(struct store *st, int64_t id, const char *hash)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt =
	    store_prepare(st, "UPDATE user SET password_hash = ? WHERE id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ti", hash, id);
	if (rc != 0)
		return rc;
	return store_user_update(st, stmt, __func__);
}

int
store_user_set_verified(struct store *st, int64_t id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, "UPDATE user SET verified = 1 WHERE id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", id);
	if (rc != 0)
		return rc;
	return store_user_update(st, stmt, __func__);
}

int
store_user_set_email(struct store *st, int64_t id, const char *email)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, "UPDATE user SET email = ? WHERE id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ti", email, id);
	if (rc != 0)
		return rc;
	rc = store_user_update(st, stmt, __func__);
	if (rc != 0)
		return rc;
	/* A reset code sent to the old address must not confirm the new. */
	stmt = store_prepare(st,
	    "UPDATE code SET used_at = ? WHERE user_id = ? AND "
	    "purpose = 'reset' AND used_at IS NULL");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ii", store_now(), id);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_user_each(struct store *st,
    int (*fn)(void *ctx, const struct store_user *u), void *ctx)
{
	sqlite3_stmt *stmt = NULL;
	struct store_user u;
	int rc;

	stmt = store_prepare(
	    st, "SELECT " USER_COLUMNS " FROM user ORDER BY username");
	if (stmt == NULL)
		return MB_ERR_DB;
	for (;;) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW)
			break;
		store_user_row(stmt, &u);
		rc = fn(ctx, &u);
		if (rc != 0) {
			(void)sqlite3_reset(stmt);
			return rc;
		}
	}
	(void)sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_error(st, rc, __func__);
}

int
store_user_remove_demo(struct store *st, int64_t *count)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	/* The search index has no foreign key: clear it first. */
	stmt = store_prepare(st,
	    "DELETE FROM mentor_search WHERE rowid IN (SELECT id FROM user "
	    "WHERE is_demo = 1)");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	stmt = store_prepare(st, "DELETE FROM user WHERE is_demo = 1");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	*count = sqlite3_changes64(st->db);
	return 0;
}

int
store_demo_count(struct store *st, long *count)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, "SELECT count(*) FROM user WHERE is_demo = 1");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(stmt, 0);
	(void)sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : store_error(st, rc, __func__);
}
