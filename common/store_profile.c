/* store_profile: roles per area, mentor profiles, applications, CVs. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

static const char *const role_names[] = { "mentor", "mentee" };

static void
store_role_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_role_row *r = elem;

	r->area_id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, r->area, sizeof(r->area));
	r->retired = sqlite3_column_int(stmt, 2);
	r->mentor = sqlite3_column_int(stmt, 3);
	r->mentee = sqlite3_column_int(stmt, 4);
}

int
store_roles_get(
    struct store *st, int64_t user_id, struct store_role_row **rows, size_t *n)
{
	sqlite3_stmt *stmt = NULL;
	void *v = NULL;
	int rc;

	*rows = NULL;
	*n = 0;
	stmt = store_prepare(st,
	    "SELECT a.id, a.name, a.retired, "
	    "EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ?1 AND "
	    "r.area_id = a.id AND r.role = 'mentor'), "
	    "EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ?1 AND "
	    "r.area_id = a.id AND r.role = 'mentee') "
	    "FROM area a WHERE a.retired = 0 OR EXISTS (SELECT 1 FROM "
	    "user_role r WHERE r.user_id = ?1 AND r.area_id = a.id) "
	    "ORDER BY a.name");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = store_collect(
	    st, stmt, sizeof(**rows), store_role_fill, NULL, &v, n, __func__);
	*rows = v;
	return rc;
}

int
store_role_set(struct store *st, int64_t user_id, int64_t area_id,
    enum store_role role, int on)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    on ? "INSERT OR IGNORE INTO user_role (user_id, area_id, role) "
		 "VALUES (?, ?, ?)" :
		 "DELETE FROM user_role WHERE user_id = ? AND area_id = ? AND "
		 "role = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "iit", user_id, area_id, role_names[role]);
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_roles_count(struct store *st, int64_t user_id, int *mentor, int *mentee)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "SELECT coalesce(sum(role = 'mentor'), 0), "
	    "coalesce(sum(role = 'mentee'), 0) FROM user_role "
	    "WHERE user_id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		(void)sqlite3_reset(stmt);
		return store_error(st, rc, __func__);
	}
	*mentor = sqlite3_column_int(stmt, 0);
	*mentee = sqlite3_column_int(stmt, 1);
	(void)sqlite3_reset(stmt);
	return 0;
}

void
store_mentor_free(struct store_mentor *m)
{
	free(m->help_text);
	free(m->industry);
	free(m->position);
	free(m->languages);
	memset(m, 0, sizeof(*m));
}

int
store_mentor_get(struct store *st, int64_t user_id, struct store_mentor *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	stmt = store_prepare(st,
	    "SELECT help_text, industry, position, languages, capacity, "
	    "available, updated_at FROM mentor_profile WHERE user_id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->help_text = store_column_strdup(stmt, 0);
		out->industry = store_column_strdup(stmt, 1);
		out->position = store_column_strdup(stmt, 2);
		out->languages = store_column_strdup(stmt, 3);
		out->capacity = sqlite3_column_int(stmt, 4);
		out->available = sqlite3_column_int(stmt, 5);
		out->updated_at = sqlite3_column_int64(stmt, 6);
	} else {
		out->help_text = xstrdup("");
		out->industry = xstrdup("");
		out->position = xstrdup("");
		out->languages = xstrdup("");
		out->capacity = 1;
		out->available = 1;
	}
	(void)sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_mentor_free(out);
		return store_error(st, rc, __func__);
	}
	if (out->help_text == NULL || out->industry == NULL ||
	    out->position == NULL || out->languages == NULL) {
		store_mentor_free(out);
		return MB_ERR_NOMEM;
	}
	return 0;
}

int
store_mentor_set(
    struct store *st, int64_t user_id, const struct store_mentor *m)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "INSERT INTO mentor_profile (user_id, help_text, industry, "
	    "position, languages, capacity, available, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
	    "help_text = excluded.help_text, industry = excluded.industry, "
	    "position = excluded.position, languages = excluded.languages, "
	    "capacity = excluded.capacity, available = excluded.available, "
	    "updated_at = excluded.updated_at");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ittttiii", user_id, m->help_text,
	    m->industry, m->position, m->languages, (int64_t)m->capacity,
	    (int64_t)m->available, store_now());
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

void
store_application_free(struct store_application *a)
{
	int i;

	for (i = 0; i < STORE_NSECTIONS; i++)
		free(a->text[i]);
	memset(a, 0, sizeof(*a));
}

int
store_application_get(
    struct store *st, int64_t user_id, struct store_application *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc, i;

	memset(out, 0, sizeof(*out));
	stmt = store_prepare(st,
	    "SELECT my_data, situation, goals, help_wished, updated_at FROM "
	    "application WHERE user_id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	for (i = 0; i < STORE_NSECTIONS; i++)
		out->text[i] = rc == SQLITE_ROW ? store_column_strdup(stmt, i) :
						  xstrdup("");
	if (rc == SQLITE_ROW)
		out->updated_at = sqlite3_column_int64(stmt, 4);
	(void)sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_application_free(out);
		return store_error(st, rc, __func__);
	}
	return 0;
}

int
store_application_set(struct store *st, int64_t user_id,
    enum store_section section, const char *text)
{
	static const char *const sql[STORE_NSECTIONS] = {
		"INSERT INTO application (user_id, my_data, updated_at) "
		"VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET "
		"my_data = ?2, updated_at = ?3",
		"INSERT INTO application (user_id, situation, updated_at) "
		"VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET "
		"situation = ?2, updated_at = ?3",
		"INSERT INTO application (user_id, goals, updated_at) "
		"VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET "
		"goals = ?2, updated_at = ?3",
		"INSERT INTO application (user_id, help_wished, updated_at) "
		"VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET "
		"help_wished = ?2, updated_at = ?3",
	};
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, sql[section]);
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "iti", user_id, text, store_now());
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_cv_info(struct store *st, int64_t user_id, struct store_cv_info *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "SELECT length(jpeg), width, height, uploaded_at FROM cv WHERE "
	    "user_id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->bytes = sqlite3_column_int64(stmt, 0);
		out->width = sqlite3_column_int(stmt, 1);
		out->height = sqlite3_column_int(stmt, 2);
		out->uploaded_at = sqlite3_column_int64(stmt, 3);
	}
	(void)sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return MB_ERR_NOTFOUND;
	return rc == SQLITE_ROW ? 0 : store_error(st, rc, __func__);
}

int
store_cv_get(struct store *st, int64_t user_id, uint8_t **data, size_t *len)
{
	sqlite3_stmt *stmt = NULL;
	const void *blob = NULL;
	int rc, n;

	*data = NULL;
	*len = 0;
	stmt = store_prepare(st, "SELECT jpeg FROM cv WHERE user_id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		blob = sqlite3_column_blob(stmt, 0);
		n = sqlite3_column_bytes(stmt, 0);
		*data = xmalloc((size_t)n);
		if (n > 0)
			memcpy(*data, blob, (size_t)n);
		*len = (size_t)n;
	}
	(void)sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return MB_ERR_NOTFOUND;
	return rc == SQLITE_ROW ? 0 : store_error(st, rc, __func__);
}

int
store_cv_put(struct store *st, int64_t user_id, const uint8_t *data, size_t len,
    int width, int height)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st,
	    "INSERT INTO cv (user_id, jpeg, width, height, uploaded_at) "
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
	    "jpeg = excluded.jpeg, width = excluded.width, "
	    "height = excluded.height, uploaded_at = excluded.uploaded_at");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "ibiii", user_id, data, len, (int64_t)width,
	    (int64_t)height, store_now());
	if (rc != 0)
		return rc;
	return store_exec_stmt(st, stmt, __func__);
}

int
store_cv_delete(struct store *st, int64_t user_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	stmt = store_prepare(st, "DELETE FROM cv WHERE user_id = ?");
	if (stmt == NULL)
		return MB_ERR_DB;
	rc = store_bind(st, stmt, "i", user_id);
	if (rc != 0)
		return rc;
	rc = store_exec_stmt(st, stmt, __func__);
	if (rc != 0)
		return rc;
	return sqlite3_changes(st->db) > 0 ? 0 : MB_ERR_NOTFOUND;
}
