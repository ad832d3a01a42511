/*
 * test_util: what unit tests share.  Each test of the store gets a fresh
 * database from schema.sql in a temporary directory of its own.
 */
#ifndef MB_TEST_UTIL_H
#define MB_TEST_UTIL_H

#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "board.h"
#include "clock.h"
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
	/* The rules' clock of a test before must not reach into this one. */
	clock_init(t->dir);
	(void)snprintf(
	    t->path, sizeof(t->path), "%s/%s", t->dir, STORE_FILE_NAME);
	if (store_open(t->path, &t->st) != 0)
		return -1;
	*state = t;
	return 0;
}

/* Remove dir and everything below it, as rm -rf does; 0 or -1. */
static inline int
test_dir_remove(const char *dir)
{
	char cmd[PATH_MAX + 16];
	int n;

	n = snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		return -1;
	return system(cmd) == 0 ? 0 : -1;
}

/*
 * The whole of the file dir/name, NUL-terminated, for the caller to free,
 * its length in *len unless len is NULL.  NULL (and a length of 0) when it
 * cannot be read (it does not exist, say).
 */
static inline char *
test_file_read(const char *dir, const char *name, size_t *len)
{
	char path[PATH_MAX], *buf = NULL;
	FILE *fp = NULL;
	long size = -1;
	size_t n;
	int rc;

	if (len != NULL)
		*len = 0;
	rc = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (rc < 0 || (size_t)rc >= sizeof(path))
		return NULL;
	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	rc = fseek(fp, 0, SEEK_END);
	if (rc == 0)
		size = ftell(fp);
	if (size >= 0)
		rc = fseek(fp, 0, SEEK_SET);
	if (size < 0 || rc != 0)
		goto out;
	buf = malloc((size_t)size + 1);
	if (buf == NULL)
		goto out;
	n = fread(buf, 1, (size_t)size, fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
out:
	(void)fclose(fp);
	return buf;
}

/* The signal state test_signals_disturb changed, to put back. */
struct test_signals {
	struct sigaction old_int, old_pipe, old_usr2;
	sigset_t old_mask;
};

/* A handler that does nothing, for a signal to be caught. */
static inline void
test_signal_caught(int sig)
{
	(void)sig;
}

/*
 * Set this process's signals as a careless caller of a function that
 * starts a child might have them: SIGINT and SIGPIPE ignored, SIGUSR2
 * caught, SIGUSR1, SIGCHLD, SIGHUP and SIGTERM blocked.  The old state
 * goes to *saved for test_signals_restore.  0, or -1 (some may be set).
 */
static inline int
test_signals_disturb(struct test_signals *saved)
{
	struct sigaction ign, catch;
	sigset_t block;
	int rc;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	memset(&catch, 0, sizeof(catch));
	catch.sa_handler = test_signal_caught;
	(void)sigemptyset(&block);
	(void)sigaddset(&block, SIGUSR1);
	(void)sigaddset(&block, SIGCHLD);
	(void)sigaddset(&block, SIGHUP);
	(void)sigaddset(&block, SIGTERM);
	rc = sigaction(SIGINT, &ign, &saved->old_int);
	if (rc == 0)
		rc = sigaction(SIGPIPE, &ign, &saved->old_pipe);
	if (rc == 0)
		rc = sigaction(SIGUSR2, &catch, &saved->old_usr2);
	if (rc == 0)
		rc = sigprocmask(SIG_BLOCK, &block, &saved->old_mask);
	return rc == 0 ? 0 : -1;
}

/* Put back what test_signals_disturb changed.  0 or -1. */
static inline int
test_signals_restore(const struct test_signals *saved)
{
	int rc;

	rc = sigprocmask(SIG_SETMASK, &saved->old_mask, NULL);
	if (rc == 0)
		rc = sigaction(SIGINT, &saved->old_int, NULL);
	if (rc == 0)
		rc = sigaction(SIGPIPE, &saved->old_pipe, NULL);
	if (rc == 0)
		rc = sigaction(SIGUSR2, &saved->old_usr2, NULL);
	return rc == 0 ? 0 : -1;
}

static inline int
test_db_teardown(void **state)
{
	struct test_db *t = *state;

	store_close(t->st);
	if (test_dir_remove(t->dir) != 0)
		return -1;
	free(t);
	return 0;
}

#define TEST_DB(f) \
	cmocka_unit_test_setup_teardown(f, test_db_setup, test_db_teardown)

/*
 * A board for the rules: a fresh database, the default settings with the
 * state directory the database's, mail appended to STATE/mail.out, and a
 * board key.  For cmocka_unit_test_setup_teardown (TEST_BOARD).
 */
struct test_board {
	struct test_db *t;
	struct config cfg;
	uint8_t key[BOARD_KEY_BYTES];
	struct board b;
	char mail_path[512]; /* fits a mail_command */
};

static inline int
test_board_setup(void **state)
{
	struct test_board *f = NULL;
	void *inner = NULL;
	int n;

	if (test_db_setup(&inner) != 0)
		return -1;
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	f->t = inner;
	config_defaults(&f->cfg);
	n = snprintf(
	    f->cfg.state_dir, sizeof(f->cfg.state_dir), "%s", f->t->dir);
	if (n < 0 || (size_t)n >= sizeof(f->cfg.state_dir))
		return -1;
	n = snprintf(
	    f->mail_path, sizeof(f->mail_path), "%s/mail.out", f->t->dir);
	if (n < 0 || (size_t)n >= sizeof(f->mail_path))
		return -1;
	n = snprintf(f->cfg.mail_command, sizeof(f->cfg.mail_command),
	    "cat >> '%s'", f->mail_path);
	if (n < 0 || (size_t)n >= sizeof(f->cfg.mail_command))
		return -1;
	if (auth_init() != 0 || auth_board_key_load(f->t->dir, 1, f->key) != 0)
		return -1;
	f->b.store = f->t->st;
	f->b.cfg = &f->cfg;
	f->b.key = f->key;
	*state = f;
	return 0;
}

static inline int
test_board_teardown(void **state)
{
	struct test_board *f = *state;
	void *inner = f->t;
	int rc;

	rc = test_db_teardown(&inner);
	free(f);
	return rc;
}

/* Move the rules' clock seconds ahead (or behind): the test-only file
 * clock_init reads at once. */
static inline void
test_clock_ahead(struct test_board *f, int64_t seconds)
{
	char path[PATH_MAX + 16];
	FILE *fp = NULL;

	(void)snprintf(path, sizeof(path), "%s/%s", f->t->dir, CLOCK_TEST_FILE);
	fp = fopen(path, "w");
	assert_non_null(fp);
	(void)fprintf(fp, "%lld\n", (long long)seconds);
	assert_int_equal(fclose(fp), 0);
	clock_init(f->t->dir);
}

#define TEST_BOARD(f)                    \
	cmocka_unit_test_setup_teardown( \
	    f, test_board_setup, test_board_teardown)

#endif
