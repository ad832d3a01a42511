/* store_profile: roles per area, mentor profiles, applications, CVs. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

static const char *const role_names[] = { "mentor", "mentee" };

/* A struct store_role_row from a row of store_roles_get's columns. */
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
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT a.id, local_name(a.name, a.name_de), a.retired, "
	    "EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ?1 AND "
	    "r.area_id = a.id AND r.role = 'mentor'), "
	    "EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ?1 AND "
	    "r.area_id = a.id AND r.role = 'mentee') "
	    "FROM area a WHERE a.retired = 0 OR EXISTS (SELECT 1 FROM "
	    "user_role r WHERE r.user_id = ?1 AND r.area_id = a.id) "
	    "ORDER BY 2",
	    sizeof(**rows), store_role_fill, NULL, &v, n, "i", user_id);
	*rows = v;
	return rc;
}

int
store_role_set(struct store *st, int64_t user_id, int64_t area_id,
    enum store_role role, int on)
{
	return store_run(st, __func__,
	    on ? "INSERT OR IGNORE INTO user_role (user_id, area_id, role) "
		 "VALUES (?, ?, ?)" :
		 "DELETE FROM user_role WHERE user_id = ? AND area_id = ? AND "
		 "role = ?",
	    "iit", user_id, area_id, role_names[role]);
}

static void
store_shared_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_item *it = elem;

	it->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, it->name, sizeof(it->name));
	it->retired = 0;
}

int
store_roles_shared(struct store *st, int64_t mentee, int64_t mentor,
    struct store_item **areas, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT a.id, local_name(a.name, a.name_de) FROM area a JOIN "
	    "user_role r ON "
	    "r.area_id = a.id AND r.user_id = ? AND r.role = 'mentor' "
	    "JOIN user_role e ON e.area_id = a.id AND e.user_id = ? AND "
	    "e.role = 'mentee' WHERE a.retired = 0 ORDER BY 2",
	    sizeof(**areas), store_shared_fill, NULL, &v, n, "ii", mentor,
	    mentee);
	*areas = v;
	return rc;
}

int
store_roles_count(struct store *st, int64_t user_id, int *mentor, int *mentee)
{
	int64_t v[2] = { 0, 0 };
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT coalesce(sum(role = 'mentor'), 0), "
	    "coalesce(sum(role = 'mentee'), 0) FROM user_role "
	    "WHERE user_id = ?",
	    v, nitems(v), "i", user_id);
	if (rc != 0)
		return rc;
	*mentor = (int)v[0];
	*mentee = (int)v[1];
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

/*
 * A struct store_mentor from store_mentor_get's row; a string that cannot be
 * copied stays NULL, which store_mentor_get checks.
 */
static void
store_mentor_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_mentor *out = ctx;

	out->help_text = store_column_strdup(stmt, 0);
	out->industry = store_column_strdup(stmt, 1);
	out->position = store_column_strdup(stmt, 2);
	out->languages = store_column_strdup(stmt, 3);
	out->capacity = sqlite3_column_int(stmt, 4);
	out->available = sqlite3_column_int(stmt, 5);
	out->updated_at = sqlite3_column_int64(stmt, 6);
}

int
store_mentor_get(struct store *st, int64_t user_id, struct store_mentor *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_row(st, __func__,
	    "SELECT help_text, industry, position, languages, capacity, "
	    "available, updated_at FROM mentor_profile WHERE user_id = ?",
	    store_mentor_fill, out, "i", user_id);
	if (rc == MB_ERR_NOTFOUND) {
		out->help_text = xstrdup("");
		out->industry = xstrdup("");
		out->position = xstrdup("");
		out->languages = xstrdup("");
		out->capacity = 1;
		out->available = 1;
		rc = 0;
	}
	if (rc == 0 &&
	    (out->help_text == NULL || out->industry == NULL ||
		out->position == NULL || out->languages == NULL))
		rc = MB_ERR_NOMEM;
	if (rc != 0)
		store_mentor_free(out);
	return rc;
}

int
store_mentor_set(
    struct store *st, int64_t user_id, const struct store_mentor *m)
{
	return store_run(st, __func__,
	    "INSERT INTO mentor_profile (user_id, help_text, industry, "
	    "position, languages, capacity, available, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
	    "help_text = excluded.help_text, industry = excluded.industry, "
	    "position = excluded.position, languages = excluded.languages, "
	    "capacity = excluded.capacity, available = excluded.available, "
	    "updated_at = excluded.updated_at",
	    "ittttiii", user_id, m->help_text, m->industry, m->position,
	    m->languages, (int64_t)m->capacity, (int64_t)m->available,
	    store_now());
}

void
store_application_free(struct store_application *a)
{
	int i;

	for (i = 0; i < STORE_NSECTIONS; i++)
		free(a->text[i]);
	memset(a, 0, sizeof(*a));
}

/* A struct store_application from the four sections, then updated_at. */
static void
store_application_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_application *out = ctx;
	int i;

	for (i = 0; i < STORE_NSECTIONS; i++)
		out->text[i] = store_column_strdup(stmt, i);
	out->updated_at = sqlite3_column_int64(stmt, STORE_NSECTIONS);
}

int
store_application_get(
    struct store *st, int64_t user_id, struct store_application *out)
{
	int rc, i;

	memset(out, 0, sizeof(*out));
	rc = store_row(st, __func__,
	    "SELECT my_data, situation, goals, help_wished, updated_at FROM "
	    "application WHERE user_id = ?",
	    store_application_fill, out, "i", user_id);
	if (rc == MB_ERR_NOTFOUND) {
		for (i = 0; i < STORE_NSECTIONS; i++)
			out->text[i] = xstrdup("");
		rc = 0;
	}
	if (rc != 0)
		store_application_free(out);
	return rc;
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

	return store_run(
	    st, __func__, sql[section], "iti", user_id, text, store_now());
}

int
store_cv_info(struct store *st, int64_t user_id, struct store_cv_info *out)
{
	int64_t v[4];
	int rc;

	rc = store_ints(st, __func__,
	    "SELECT length(jpeg), width, height, uploaded_at FROM cv WHERE "
	    "user_id = ?",
	    v, nitems(v), "i", user_id);
	if (rc != 0)
		return rc;
	out->bytes = v[0];
	out->width = (int)v[1];
	out->height = (int)v[2];
	out->uploaded_at = v[3];
	return 0;
}

/* A copy of a blob column, the caller's to free. */
struct store_blob {
	uint8_t *data;
	size_t len;
};

/* A copy of the blob in column 0 (xmalloc: never NULL, even when empty). */
static void
store_blob_fill(sqlite3_stmt *stmt, void *ctx)
{
	struct store_blob *b = ctx;
	const void *blob = sqlite3_column_blob(stmt, 0);
	int n = sqlite3_column_bytes(stmt, 0);

	b->data = xmalloc((size_t)n);
	if (n > 0)
		memcpy(b->data, blob, (size_t)n);
	b->len = (size_t)n;
}

int
store_cv_get(struct store *st, int64_t user_id, uint8_t **data, size_t *len)
{
	struct store_blob b = { NULL, 0 };
	int rc;

	rc = store_row(st, __func__, "SELECT jpeg FROM cv WHERE user_id = ?",
	    store_blob_fill, &b, "i", user_id);
	*data = b.data;
	*len = b.len;
	return rc;
}

int
store_cv_put(struct store *st, int64_t user_id, const uint8_t *data, size_t len,
    int width, int height)
{
	return store_run(st, __func__,
	    "INSERT INTO cv (user_id, jpeg, width, height, uploaded_at) "
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
	    "jpeg = excluded.jpeg, width = excluded.width, "
	    "height = excluded.height, uploaded_at = excluded.uploaded_at",
	    "ibiii", user_id, data, len, (int64_t)width, (int64_t)height,
	    store_now());
}

int
store_cv_delete(struct store *st, int64_t user_id)
{
	return store_run_found(
	    st, __func__, "DELETE FROM cv WHERE user_id = ?", "i", user_id);
}
