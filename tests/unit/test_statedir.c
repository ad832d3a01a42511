/* Unit tests of common/statedir.c: what root makes goes to the owner. */
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"
#include "statedir.h"
#include "test_util.h"

#define TEST_OWNER 65534 /* nobody, the board's account here */

/* Make dir/name as this process; returns its path (static). */
static const char *
made(const char *dir, const char *name)
{
	static char path[PATH_MAX];
	int fd;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(close(fd), 0);
	return path;
}

/* Root's file in the board account's directory becomes the account's. */
static void
test_root_gives_to_the_owner(void **state)
{
	char dir[] = "/tmp/mb-statedir-XXXXXX";
	const char *path = NULL;
	struct stat sb;

	(void)state;
	if (geteuid() != 0)
		skip();
	log_init("test", -1, 0, LOG_LEVEL_DEBUG);
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chown(dir, TEST_OWNER, TEST_OWNER), 0);
	path = made(dir, "pwhash.0");
	statedir_adopt(path);
	assert_int_equal(lstat(path, &sb), 0);
	assert_int_equal(sb.st_uid, TEST_OWNER);
	assert_int_equal(sb.st_gid, TEST_OWNER);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(test_dir_remove(dir), 0);
}

/* In root's own directory (a board root runs) nothing changes. */
static void
test_root_keeps_its_own(void **state)
{
	char dir[] = "/tmp/mb-statedir-XXXXXX";
	const char *path = NULL;
	struct stat sb;

	(void)state;
	if (geteuid() != 0)
		skip();
	log_init("test", -1, 0, LOG_LEVEL_DEBUG);
	assert_non_null(mkdtemp(dir));
	path = made(dir, "board.key");
	statedir_adopt(path);
	assert_int_equal(lstat(path, &sb), 0);
	assert_int_equal(sb.st_uid, 0);
	assert_int_equal(test_dir_remove(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_gives_to_the_owner),
		cmocka_unit_test(test_root_keeps_its_own),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
