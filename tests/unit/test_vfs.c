/*
 * Unit tests of common/vfs.c: what a path names, the member's own cv.jpg,
 * and requests/ID/cv.jpg: there for the mentor of an open or accepted
 * request whose mentee has a CV, gone for everyone else and after the
 * request ended, never written or removed, each open recorded once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "store.h"
#include "store_internal.h"
#include "test_util.h"
#include "util.h"
#include "vfs.h"

#define TEST_AREA 1 /* "Career entry", from the schema */
#define TEST_READS 5 /* READs of one open CV */

/* The mentee's CV: the store takes any bytes. */
static const uint8_t mentee_cv[] = { 0xff, 0xd8, 0xff, 0xe0, 'c', 'v', 0xff,
	0xd9 };

/* A verified member called name. */
static int64_t
add_member(struct test_board *f, const char *name)
{
	struct store_user u;
	const char *which = NULL;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "%s", name);
	(void)snprintf(u.email, sizeof(u.email), "%s@example.org", name);
	(void)snprintf(u.first_name, sizeof(u.first_name), "%s", name);
	(void)snprintf(u.last_name, sizeof(u.last_name), "K");
	u.verified = 1;
	assert_int_equal(
	    store_user_create(f->b.store, &u, NULL, 0, &id, &which), 0);
	return id;
}

/* An open request from mentee to mentor. */
static int64_t
add_request(struct test_board *f, int64_t mentee, int64_t mentor)
{
	int64_t id = 0;

	assert_int_equal(store_mentorship_add(f->b.store, mentee, mentor,
			     TEST_AREA, "Please.", &id),
	    0);
	return id;
}

/* Rows of the audit log: actor read the CV of request id. */
static int
audit_reads(struct test_board *f, int64_t actor, int64_t id)
{
	sqlite3_stmt *stmt = NULL;
	int n;

	assert_int_equal(sqlite3_prepare_v2(f->b.store->db,
			     "SELECT count(*) FROM audit WHERE action = "
			     "'read-cv' AND actor_id = ? AND object_id = ?",
			     -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_bind_int64(stmt, 1, actor), SQLITE_OK);
	assert_int_equal(sqlite3_bind_int64(stmt, 2, id), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* The names in directory path, joined by " ", into out. */
static int
list(struct vfs *v, const char *path, char *out, size_t size)
{
	struct vfs_stat st;
	const char *why = NULL, *name = NULL;
	size_t used = 0;
	int h, n, rc;

	out[0] = '\0';
	h = vfs_opendir(v, path, strlen(path), &why);
	if (h < 0)
		return h;
	for (;;) {
		rc = vfs_readdir(v, h, &name, &st);
		assert_int_equal(rc, 0);
		if (name == NULL)
			break;
		n = snprintf(
		    out + used, size - used, "%s%s", used > 0 ? " " : "", name);
		assert_true(n > 0 && (size_t)n < size - used);
		used += (size_t)n;
	}
	assert_int_equal(vfs_close(v, h, &why), 0);
	return 0;
}

static void
test_resolve_paths(void **state)
{
	static const struct {
		const char *path;
		enum vfs_node node;
		int64_t id;
	} cases[] = {
		{ "", VFS_ROOT, 0 },
		{ ".", VFS_ROOT, 0 },
		{ "/", VFS_ROOT, 0 },
		{ "./", VFS_ROOT, 0 },
		{ "//./.", VFS_ROOT, 0 },
		{ "cv.jpg", VFS_CV, 0 },
		{ "/cv.jpg", VFS_CV, 0 },
		{ "./cv.jpg", VFS_CV, 0 },
		{ "cv.jpg/", VFS_NONE, 0 },
		{ "cv.jpg/.", VFS_NONE, 0 },
		{ "../cv.jpg", VFS_NONE, 0 },
		{ "..", VFS_NONE, 0 },
		{ "other.jpg", VFS_NONE, 0 },
		{ "requests", VFS_REQUESTS, 0 },
		{ "/requests/", VFS_REQUESTS, 0 },
		{ "requests/12", VFS_REQUEST, 12 },
		{ "/requests//12/", VFS_REQUEST, 12 },
		{ "requests/12/cv.jpg", VFS_REQUEST_CV, 12 },
		{ "./requests/./12/./cv.jpg", VFS_REQUEST_CV, 12 },
		{ "requests/12/cv.jpg/", VFS_NONE, 0 },
		{ "requests/12/other.jpg", VFS_NONE, 0 },
		{ "requests/12/cv.jpg/x", VFS_NONE, 0 },
		{ "requests/12/../cv.jpg", VFS_NONE, 0 },
		{ "requests/..", VFS_NONE, 0 },
		{ "requests/012", VFS_NONE, 0 },
		{ "requests/+12", VFS_NONE, 0 },
		{ "requests/ 12", VFS_NONE, 0 },
		{ "requests/12 ", VFS_NONE, 0 },
		{ "requests/-12", VFS_NONE, 0 },
		{ "requests/0", VFS_NONE, 0 },
		{ "requests/12x", VFS_NONE, 0 },
		{ "requests/0x12", VFS_NONE, 0 },
		{ "requests/999999999999999999", VFS_REQUEST,
		    VFS_REQUEST_ID_MAX },
		{ "requests/1000000000000000000", VFS_NONE, 0 },
		{ "requests/99999999999999999999999", VFS_NONE, 0 },
		{ "Requests/12", VFS_NONE, 0 },
		{ "cv.jpg/requests", VFS_NONE, 0 },
	};
	char long_path[VFS_PATH_MAX + 2];
	int64_t id;
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		id = -1;
		if (vfs_resolve(cases[i].path, strlen(cases[i].path), &id) !=
			cases[i].node ||
		    id != cases[i].id)
			fail_msg("%s", cases[i].path);
	}
	/* len bounds what is looked at; a NUL ends the path sooner. */
	assert_int_equal(
	    vfs_resolve("requests/12/cv.jpg", 11, &id), VFS_REQUEST);
	assert_int_equal(id, 12);
	assert_int_equal(vfs_resolve("cv.jpg\0/x", 9, &id), VFS_CV);
	/* Longer than VFS_PATH_MAX: nothing, whatever it says. */
	memset(long_path, '/', sizeof(long_path));
	memcpy(long_path + sizeof(long_path) - 7, "cv.jpg", 7);
	assert_int_equal(
	    vfs_resolve(long_path, sizeof(long_path), &id), VFS_NONE);
	assert_int_equal(
	    vfs_resolve(long_path + 2, sizeof(long_path) - 2, &id), VFS_CV);
}

static void
test_mentor_reads_request_cv(void **state)
{
	struct test_board *f = *state;
	struct vfs v;
	struct vfs_stat st;
	const uint8_t *data = NULL;
	const char *why = NULL;
	char names[256], path[64], real[VFS_REALPATH_MAX];
	int64_t mentor, mentee, id;
	size_t n = 0;
	int h, i;

	mentor = add_member(f, "mentor");
	mentee = add_member(f, "mentee");
	assert_int_equal(store_cv_put(f->b.store, mentee, mentee_cv,
			     sizeof(mentee_cv), 1, 1),
	    0);
	id = add_request(f, mentee, mentor);
	vfs_init(&v, &f->b, mentor);
	/* The mentor has no CV of their own: the root holds requests/ and
	 * the export. */
	assert_int_equal(list(&v, "/", names, sizeof(names)), 0);
	assert_string_equal(names, VFS_REQUESTS_NAME " " VFS_EXPORT_NAME);
	assert_int_equal(list(&v, "requests", names, sizeof(names)), 0);
	(void)snprintf(path, sizeof(path), "%lld", (long long)id);
	assert_string_equal(names, path);
	(void)snprintf(path, sizeof(path), "/requests/%lld", (long long)id);
	assert_int_equal(list(&v, path, names, sizeof(names)), 0);
	assert_string_equal(names, VFS_CV_NAME);
	assert_int_equal(vfs_stat(&v, path, strlen(path), &st), 0);
	assert_true(st.is_dir);
	(void)snprintf(
	    path, sizeof(path), ".//requests/./%lld/", (long long)id);
	assert_int_equal(
	    vfs_realpath(&v, path, strlen(path), real, sizeof(real)), 0);
	(void)snprintf(path, sizeof(path), "/requests/%lld", (long long)id);
	assert_string_equal(real, path);

	(void)snprintf(
	    path, sizeof(path), "requests/%lld/cv.jpg", (long long)id);
	assert_int_equal(vfs_stat(&v, path, strlen(path), &st), 0);
	assert_false(st.is_dir);
	assert_int_equal(st.size, sizeof(mentee_cv));
	assert_int_equal(st.mode, VFS_MODE_READ_FILE);
	/* A stat is not a read. */
	assert_int_equal(audit_reads(f, mentor, id), 0);
	h = vfs_open(&v, path, strlen(path), 0, &why);
	assert_true(h >= 0);
	assert_int_equal(audit_reads(f, mentor, id), 1);
	assert_int_equal(vfs_fstat(&v, h, &st), 0);
	assert_int_equal(st.size, sizeof(mentee_cv));
	/* The mentee's CV, byte for byte; one record however many READs. */
	for (i = 0; i < TEST_READS; i++) {
		assert_int_equal(vfs_read(&v, h, (uint64_t)i, 1, &data, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(data[0], mentee_cv[i]);
	}
	assert_int_equal(
	    vfs_read(&v, h, 0, sizeof(mentee_cv) * 2, &data, &n), 0);
	assert_int_equal(n, sizeof(mentee_cv));
	assert_memory_equal(data, mentee_cv, sizeof(mentee_cv));
	assert_int_equal(vfs_read(&v, h, sizeof(mentee_cv), 1, &data, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(vfs_close(&v, h, &why), 0);
	assert_int_equal(audit_reads(f, mentor, id), 1);
	/* Opened again: recorded again. */
	h = vfs_open(&v, path, strlen(path), 0, &why);
	assert_true(h >= 0);
	assert_int_equal(vfs_close(&v, h, &why), 0);
	assert_int_equal(audit_reads(f, mentor, id), 2);

	/* Accepted: still there. */
	assert_int_equal(store_mentorship_move(f->b.store, id, STORE_MSHIP_OPEN,
			     STORE_MSHIP_CONNECTED, "", NULL),
	    0);
	assert_int_equal(vfs_stat(&v, path, strlen(path), &st), 0);
	vfs_free(&v);
}

static void
test_read_only(void **state)
{
	struct test_board *f = *state;
	struct vfs v;
	struct vfs_stat st;
	const char *why = NULL;
	char path[64];
	int64_t mentor, mentee, id;

	mentor = add_member(f, "mentor");
	mentee = add_member(f, "mentee");
	assert_int_equal(store_cv_put(f->b.store, mentee, mentee_cv,
			     sizeof(mentee_cv), 1, 1),
	    0);
	id = add_request(f, mentee, mentor);
	vfs_init(&v, &f->b, mentor);
	(void)snprintf(
	    path, sizeof(path), "requests/%lld/cv.jpg", (long long)id);
	assert_int_equal(
	    vfs_open(&v, path, strlen(path), 1, &why), MB_ERR_DENIED);
	assert_string_equal(why, "what is under requests/ can only be read");
	assert_int_equal(
	    vfs_remove(&v, path, strlen(path), &why), MB_ERR_DENIED);
	assert_int_equal(vfs_remove(&v, "requests", 8, &why), MB_ERR_DENIED);
	assert_int_equal(vfs_remove(&v, "requests/1", 10, &why), MB_ERR_DENIED);
	/* The same for a request that is not there: nothing is told. */
	assert_int_equal(
	    vfs_open(&v, "requests/99/cv.jpg", 18, 1, &why), MB_ERR_DENIED);
	assert_int_equal(
	    vfs_remove(&v, "requests/99/cv.jpg", 18, &why), MB_ERR_DENIED);
	assert_int_equal(vfs_open(&v, "requests", 8, 0, &why), MB_ERR_NOTFOUND);
	/* The mentee's CV is untouched. */
	vfs_free(&v);
	vfs_init(&v, &f->b, mentee);
	assert_int_equal(vfs_stat(&v, VFS_CV_NAME, 6, &st), 0);
	assert_int_equal(st.size, sizeof(mentee_cv));
	assert_int_equal(st.mode, VFS_MODE_CV);
	vfs_free(&v);
}

/* What viewer sees of request id: nothing at all. */
static void
assert_nothing(struct test_board *f, int64_t viewer, int64_t id)
{
	struct vfs v;
	struct vfs_stat st;
	const char *why = NULL;
	char names[256], spaced[260], word[32], path[64],
	    real[VFS_REALPATH_MAX];
	int audited = audit_reads(f, viewer, id);

	vfs_init(&v, &f->b, viewer);
	assert_int_equal(list(&v, "requests", names, sizeof(names)), 0);
	(void)snprintf(spaced, sizeof(spaced), " %s ", names);
	(void)snprintf(word, sizeof(word), " %lld ", (long long)id);
	assert_null(strstr(spaced, word));
	(void)snprintf(path, sizeof(path), "requests/%lld", (long long)id);
	assert_int_equal(
	    vfs_stat(&v, path, strlen(path), &st), MB_ERR_NOTFOUND);
	assert_int_equal(
	    vfs_opendir(&v, path, strlen(path), &why), MB_ERR_NOTFOUND);
	assert_int_equal(
	    vfs_realpath(&v, path, strlen(path), real, sizeof(real)),
	    MB_ERR_NOTFOUND);
	assert_string_equal(real, "");
	(void)snprintf(
	    path, sizeof(path), "requests/%lld/cv.jpg", (long long)id);
	assert_int_equal(
	    vfs_stat(&v, path, strlen(path), &st), MB_ERR_NOTFOUND);
	assert_int_equal(
	    vfs_open(&v, path, strlen(path), 0, &why), MB_ERR_NOTFOUND);
	assert_int_equal(
	    vfs_realpath(&v, path, strlen(path), real, sizeof(real)),
	    MB_ERR_NOTFOUND);
	assert_int_equal(audit_reads(f, viewer, id), audited);
	vfs_free(&v);
}

static void
test_nobody_else_reads(void **state)
{
	struct test_board *f = *state;
	struct vfs v;
	char names[256], only[32];
	int64_t mentor, mentee, third, id, no_cv, other, guest = 0;
	const int64_t *others[] = { &third, &mentee, &guest };
	size_t i;

	mentor = add_member(f, "mentor");
	mentee = add_member(f, "mentee");
	third = add_member(f, "third");
	no_cv = add_member(f, "nocv");
	assert_int_equal(store_cv_put(f->b.store, mentee, mentee_cv,
			     sizeof(mentee_cv), 1, 1),
	    0);
	id = add_request(f, mentee, mentor);
	/* Another member, the mentee who sent it, a guest. */
	assert_nothing(f, third, id);
	assert_nothing(f, mentee, id);
	assert_nothing(f, 0, id);
	for (i = 0; i < nitems(others); i++) {
		vfs_init(&v, &f->b, *others[i]);
		assert_int_equal(list(&v, "requests", names, sizeof(names)), 0);
		assert_string_equal(names, "");
		vfs_free(&v);
	}
	/* A request whose mentee has no CV has no directory. */
	other = add_request(f, no_cv, mentor);
	vfs_init(&v, &f->b, mentor);
	assert_int_equal(list(&v, "requests", names, sizeof(names)), 0);
	(void)snprintf(only, sizeof(only), "%lld", (long long)id);
	assert_string_equal(names, only);
	vfs_free(&v);
	assert_nothing(f, mentor, other);
}

static void
test_gone_when_ended(void **state)
{
	static const enum store_mship_state ends[] = { STORE_MSHIP_DECLINED,
		STORE_MSHIP_WITHDRAWN, STORE_MSHIP_EXPIRED };
	struct test_board *f = *state;
	struct vfs v;
	struct vfs_stat st;
	const char *why = NULL;
	char path[64];
	int64_t mentor, mentee, id;
	size_t i;
	int h;

	mentor = add_member(f, "mentor");
	mentee = add_member(f, "mentee");
	assert_int_equal(store_cv_put(f->b.store, mentee, mentee_cv,
			     sizeof(mentee_cv), 1, 1),
	    0);
	for (i = 0; i < nitems(ends); i++) {
		id = add_request(f, mentee, mentor);
		vfs_init(&v, &f->b, mentor);
		(void)snprintf(
		    path, sizeof(path), "requests/%lld/cv.jpg", (long long)id);
		assert_int_equal(vfs_stat(&v, path, strlen(path), &st), 0);
		/* A listing begun before the end shows it no more. */
		h = vfs_opendir(&v, "requests", 8, &why);
		assert_true(h >= 0);
		assert_int_equal(store_mentorship_move(f->b.store, id,
				     STORE_MSHIP_OPEN, ends[i], "", NULL),
		    0);
		assert_int_equal(vfs_close(&v, h, &why), 0);
		vfs_free(&v);
		assert_nothing(f, mentor, id);
	}
}

static void
test_listing_skips_what_ended_meanwhile(void **state)
{
	struct test_board *f = *state;
	struct vfs v;
	struct vfs_stat st;
	const char *why = NULL, *name = NULL;
	int64_t mentor, mentee, id;
	int h;

	mentor = add_member(f, "mentor");
	mentee = add_member(f, "mentee");
	assert_int_equal(store_cv_put(f->b.store, mentee, mentee_cv,
			     sizeof(mentee_cv), 1, 1),
	    0);
	id = add_request(f, mentee, mentor);
	vfs_init(&v, &f->b, mentor);
	h = vfs_opendir(&v, "requests", 8, &why);
	assert_true(h >= 0);
	assert_int_equal(store_mentorship_move(f->b.store, id, STORE_MSHIP_OPEN,
			     STORE_MSHIP_WITHDRAWN, "", NULL),
	    0);
	assert_int_equal(vfs_readdir(&v, h, &name, &st), 0);
	assert_null(name);
	vfs_free(&v);
}

/* Entries of "requests", and whether id is among them. */
static int
count_requests(struct vfs *v, int64_t id, int *found)
{
	struct vfs_stat st;
	const char *why = NULL, *name = NULL;
	char word[32];
	int h, n = 0;

	*found = 0;
	(void)snprintf(word, sizeof(word), "%lld", (long long)id);
	h = vfs_opendir(v, VFS_REQUESTS_NAME, 8, &why);
	assert_true(h >= 0);
	for (;;) {
		assert_int_equal(vfs_readdir(v, h, &name, &st), 0);
		if (name == NULL)
			break;
		*found |= strcmp(name, word) == 0;
		n++;
	}
	assert_int_equal(vfs_close(v, h, &why), 0);
	return n;
}

static void
test_listing_limit_counts_only_visible(void **state)
{
	struct test_board *f = *state;
	struct vfs v;
	int64_t mentor, mentee, oldest, id = 0;
	int found = 0, i;

	mentor = add_member(f, "mentor");
	mentee = add_member(f, "mentee");
	assert_int_equal(store_cv_put(f->b.store, mentee, mentee_cv,
			     sizeof(mentee_cv), 1, 1),
	    0);
	/* The oldest is open; a full listing's worth of newer ones were
	 * declined, and are no reason to leave it out. */
	oldest = add_request(f, mentee, mentor);
	for (i = 0; i < VFS_LIST_MAX; i++) {
		id = add_request(f, mentee, mentor);
		assert_int_equal(
		    store_mentorship_move(f->b.store, id, STORE_MSHIP_OPEN,
			STORE_MSHIP_DECLINED, "", "no-time"),
		    0);
	}
	vfs_init(&v, &f->b, mentor);
	assert_int_equal(count_requests(&v, oldest, &found), 1);
	assert_true(found);
	/* More open ones than a listing shows: VFS_LIST_MAX of them. */
	for (i = 0; i < VFS_LIST_MAX; i++)
		id = add_request(f, mentee, mentor);
	assert_int_equal(count_requests(&v, id, &found), VFS_LIST_MAX);
	assert_true(found);
	vfs_free(&v);
}

static void
test_own_cv_as_before(void **state)
{
	struct test_board *f = *state;
	struct vfs v;
	struct vfs_stat st;
	const char *why = NULL;
	char names[256], real[VFS_REALPATH_MAX];
	const uint8_t *data = NULL;
	size_t n = 0;
	int64_t me;
	int h;

	me = add_member(f, "me");
	vfs_init(&v, &f->b, me);
	assert_int_equal(vfs_stat(&v, "cv.jpg", 6, &st), MB_ERR_NOTFOUND);
	/* REALPATH of cv.jpg before an upload: the name, there or not. */
	assert_int_equal(
	    vfs_realpath(&v, "./cv.jpg", 8, real, sizeof(real)), 0);
	assert_string_equal(real, "/cv.jpg");
	assert_int_equal(vfs_realpath(&v, ".", 1, real, sizeof(real)), 0);
	assert_string_equal(real, "/");
	assert_int_equal(vfs_remove(&v, "cv.jpg", 6, &why), MB_ERR_NOTFOUND);
	assert_int_equal(vfs_open(&v, "other.jpg", 9, 1, &why), MB_ERR_DENIED);
	assert_string_equal(why, "only cv.jpg can be written here");
	assert_int_equal(vfs_remove(&v, "x", 1, &why), MB_ERR_DENIED);
	assert_string_equal(why, "only cv.jpg can be removed");
	assert_int_equal(
	    store_cv_put(f->b.store, me, mentee_cv, sizeof(mentee_cv), 1, 1),
	    0);
	assert_int_equal(list(&v, "", names, sizeof(names)), 0);
	assert_string_equal(names, "cv.jpg requests export.json");
	/* The export: made when opened, the member's own, read-only. */
	h = vfs_open(&v, "export.json", 11, 0, &why);
	assert_true(h >= 0);
	assert_int_equal(vfs_read(&v, h, 0, 1 << 20, &data, &n), 0);
	assert_true(n > 0 && data[0] == '{');
	assert_non_null(memmem(data, n, "\"format_version\":1", 18));
	assert_int_equal(vfs_stat(&v, "/export.json", 12, &st), 0);
	assert_int_equal(st.size, n);
	assert_int_equal(vfs_close(&v, h, &why), 0);
	assert_int_equal(
	    vfs_open(&v, "export.json", 11, 1, &why), MB_ERR_DENIED);
	assert_string_equal(why, "export.json can only be read");
	assert_int_equal(
	    vfs_remove(&v, "export.json", 11, &why), MB_ERR_DENIED);
	h = vfs_open(&v, "/cv.jpg", 7, 0, &why);
	assert_true(h >= 0);
	assert_int_equal(vfs_fstat(&v, h, &st), 0);
	assert_int_equal(st.mode, VFS_MODE_CV);
	assert_int_equal(vfs_close(&v, h, &why), 0);
	/* Reading one's own CV is no one else's business. */
	assert_int_equal(audit_reads(f, me, 0), 0);
	vfs_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve_paths),
		TEST_BOARD(test_mentor_reads_request_cv),
		TEST_BOARD(test_read_only),
		TEST_BOARD(test_nobody_else_reads),
		TEST_BOARD(test_gone_when_ended),
		TEST_BOARD(test_listing_skips_what_ended_meanwhile),
		TEST_BOARD(test_listing_limit_counts_only_visible),
		TEST_BOARD(test_own_cv_as_before),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
