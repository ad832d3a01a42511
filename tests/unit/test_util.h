/*
 * test_util: what unit tests share.  Each test of the store gets a fresh
 * database from schema.sql in a temporary directory of its own.
 */
#ifndef MB_TEST_UTIL_H
#define MB_TEST_UTIL_H

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "store.h"

struct test_db {
	char dir[64];
	char path[PATH_MAX];
	struct store *st;
};

static inline int
test_db_setup(void **state)
{
	struct test_db *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return -1;
	(void)setlocale(LC_ALL, "C.UTF-8");
	log_init(
	    "test", getenv("TEST_LOG") != NULL ? 2 : -1, 0, LOG_LEVEL_DEBUG);
	(void)snprintf(t->dir, sizeof(t->dir), "/tmp/mb-unit-XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return -1;
	(void)snprintf(
	    t->path, sizeof(t->path), "%s/%s", t->dir, STORE_FILE_NAME);
	if (store_open(t->path, &t->st) != 0)
		return -1;
	*state = t;
	return 0;
}

static inline int
test_db_teardown(void **state)
{
	struct test_db *t = *state;
	char cmd[128];

	store_close(t->st);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

#define TEST_DB(f) \
	cmocka_unit_test_setup_teardown(f, test_db_setup, test_db_teardown)

#endif
