/*
 * Unit tests of common/child.c: what a child starts with (descriptors,
 * signals), deadlines and killing, reaping only one's own child, and the
 * words for a wait status.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "error.h"
#include "log.h"
#include "test_util.h"
#include "util.h"

#define TEST_SCRIPT_MAX 1024
#define TEST_HIGH_FD 900 /* far above what a test has open */
#define TEST_KEPT_FD 4 /* child_prepare keeps this one and below */
#define TEST_BIG_INPUT (1024 * 1024) /* more than a pipe holds */
#define TEST_DEADLINE_MS 1000
#define TEST_SLOW_MS 5000 /* a child that ran this long was not killed */

/* Exit codes of a checking child: which check failed. */
enum test_child_exit {
	TEST_CHILD_OK = 0,
	TEST_CHILD_PREPARE,
	TEST_CHILD_KEPT_CLOSED,
	TEST_CHILD_LOW_OPEN,
	TEST_CHILD_HIGH_OPEN,
	TEST_CHILD_DISPOSITION,
	TEST_CHILD_MASK,
};

static char test_dir[] = "/tmp/mb-unit-child-XXXXXX";

/* Run script with /bin/sh on input, deadline_ms from now. */
static int
test_run_sh(const char *script, const char *input, size_t len,
    long long deadline_ms, struct child_result *res)
{
	char *argv[] = { "sh", "-c", NULL, NULL };
	struct child_cmd cmd;
	char err[CHILD_REASON_MAX];
	int rc;

	argv[2] = (char *)script;
	memset(&cmd, 0, sizeof(cmd));
	cmd.name = "test command";
	cmd.path = "/bin/sh";
	cmd.argv = argv;
	cmd.input = input;
	cmd.input_len = len;
	cmd.deadline_ms = util_now_ms() + deadline_ms;
	err[0] = 'x';
	rc = child_run(&cmd, res, err, sizeof(err));
	if (rc == 0)
		assert_string_equal(err, "");
	return rc;
}

/* No child of ours is left, running or unreaped. */
static void
test_no_children(void)
{
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

/* Wait for pid without a deadline; its wait status. */
static int
test_wait(pid_t pid)
{
	int status = 0;

	assert_int_equal(
	    child_wait_deadline(pid, util_now_ms() + 60 * 1000, &status), 0);
	return status;
}

/* ---- child_status_text --------------------------------------------- */

static void
test_status_text(void **state)
{
	char buf[CHILD_STATUS_TEXT_MAX], small[8];
	pid_t pid;

	(void)state;
	assert_string_equal(
	    child_status_text(W_EXITCODE(0, 0), buf, sizeof(buf)),
	    "exited with status 0");
	assert_string_equal(
	    child_status_text(W_EXITCODE(3, 0), buf, sizeof(buf)),
	    "exited with status 3");
	assert_string_equal(
	    child_status_text(W_EXITCODE(0, SIGKILL), buf, sizeof(buf)),
	    "killed by signal 9");
	assert_true(
	    child_status_text(W_STOPCODE(SIGSTOP), buf, sizeof(buf)) == buf);
	assert_non_null(strstr(buf, "wait status"));
	/* Cut, never overrun; and no room at all is no write. */
	assert_string_equal(
	    child_status_text(W_EXITCODE(255, 0), small, sizeof(small)),
	    "exited ");
	small[0] = 'k';
	assert_true(child_status_text(W_EXITCODE(1, 0), small, 0) == small);
	assert_int_equal(small[0], 'k');

	/* The words for real endings. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(42);
	assert_string_equal(child_status_text(test_wait(pid), buf, sizeof(buf)),
	    "exited with status 42");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		(void)signal(SIGTERM, SIG_DFL);
		(void)raise(SIGTERM);
		_exit(1);
	}
	assert_string_equal(child_status_text(test_wait(pid), buf, sizeof(buf)),
	    "killed by signal 15");
	test_no_children();
}

/* ---- child_prepare ------------------------------------------------- */

/*
 * In a forked child: prepare keeping TEST_KEPT_FD and below, and from
 * keep_from up, then say by the exit code what is wrong.
 */
static void __attribute__((noreturn)) test_child_check_fds(int keep_from)
{
	int rc, high_open;

	rc = child_prepare(TEST_KEPT_FD, keep_from);
	if (rc != 0)
		_exit(TEST_CHILD_PREPARE);
	if (fcntl(TEST_KEPT_FD, F_GETFD) < 0)
		_exit(TEST_CHILD_KEPT_CLOSED);
	if (fcntl(TEST_KEPT_FD + 1, F_GETFD) >= 0 || errno != EBADF)
		_exit(TEST_CHILD_LOW_OPEN);
	high_open = fcntl(TEST_HIGH_FD, F_GETFD) >= 0;
	if (high_open != (keep_from <= TEST_HIGH_FD))
		_exit(TEST_CHILD_HIGH_OPEN);
	_exit(TEST_CHILD_OK);
}

/* A child prepared keeping from keep_from up (CHILD_FD_ALL: nothing above
 * TEST_KEPT_FD) finds what it should open and closed; ours stay open. */
static void
test_prepare_closes_from(int keep_from)
{
	int fd, rc, status;
	pid_t pid;

	fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC */
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, TEST_KEPT_FD), TEST_KEPT_FD);
	assert_int_equal(dup2(fd, TEST_KEPT_FD + 1), TEST_KEPT_FD + 1);
	assert_int_equal(dup2(fd, TEST_HIGH_FD), TEST_HIGH_FD);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		test_child_check_fds(keep_from);
	status = test_wait(pid);
	/* Ours stay open. */
	assert_true(fcntl(TEST_KEPT_FD + 1, F_GETFD) >= 0);
	assert_true(fcntl(TEST_HIGH_FD, F_GETFD) >= 0);
	(void)close(TEST_HIGH_FD);
	(void)close(TEST_KEPT_FD + 1);
	(void)close(TEST_KEPT_FD);
	if (fd != TEST_KEPT_FD && fd != TEST_KEPT_FD + 1)
		(void)close(fd);
	assert_true(WIFEXITED(status));
	rc = WEXITSTATUS(status);
	assert_int_equal(rc, TEST_CHILD_OK);
}

/* Descriptors above the one kept are closed, CLOEXEC or not; with a
 * floor, those from it up stay (a spare mentor's store). */
static void
test_prepare_closes_descriptors(void **state)
{
	static const int floors[] = { CHILD_FD_ALL, TEST_HIGH_FD };
	size_t i;

	(void)state;
	for (i = 0; i < nitems(floors); i++)
		test_prepare_closes_from(floors[i]);
}

/* In a forked child: prepare, then check dispositions and the mask. */
static void __attribute__((noreturn)) test_child_check_signals(void)
{
	static const int sigs[] = { SIGINT, SIGPIPE, SIGUSR2, SIGCHLD, SIGHUP };
	struct sigaction sa;
	sigset_t mask;
	size_t i;
	int sig;

	if (child_prepare(STDERR_FILENO, CHILD_FD_ALL) != 0)
		_exit(TEST_CHILD_PREPARE);
	for (i = 0; i < nitems(sigs); i++) {
		if (sigaction(sigs[i], NULL, &sa) != 0 ||
		    sa.sa_handler != SIG_DFL)
			_exit(TEST_CHILD_DISPOSITION);
	}
	if (sigprocmask(SIG_SETMASK, NULL, &mask) != 0)
		_exit(TEST_CHILD_MASK);
	for (sig = 1; sig < NSIG; sig++) {
		if (sigismember(&mask, sig) == 1)
			_exit(TEST_CHILD_MASK);
	}
	_exit(TEST_CHILD_OK);
}

/* Ignored, caught and blocked signals of the parent are not the child's. */
static void
test_prepare_resets_signals(void **state)
{
	struct test_signals saved;
	int status;
	pid_t pid;

	(void)state;
	assert_int_equal(test_signals_disturb(&saved), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		test_child_check_signals();
	status = test_wait(pid);
	assert_int_equal(test_signals_restore(&saved), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), TEST_CHILD_OK);
}

/* ---- child_wait_deadline, child_kill_reap -------------------------- */

static void
test_wait_deadline_and_kill(void **state)
{
	long long t0, waited;
	int status = 0;
	pid_t pid;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		(void)sleep(60);
		_exit(0);
	}
	/* A deadline passed is one look; a later one is waited for. */
	assert_int_equal(child_wait_deadline(pid, 0, &status), MB_ERR_BUSY);
	t0 = util_now_ms();
	assert_int_equal(
	    child_wait_deadline(pid, t0 + 300, &status), MB_ERR_BUSY);
	waited = util_now_ms() - t0;
	assert_true(waited >= 299 && waited < TEST_SLOW_MS);
	assert_int_equal(child_kill_reap(pid, &status), 0);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	/* Reaped: nothing is left to wait for. */
	assert_int_equal(child_wait_deadline(pid, 0, &status), MB_ERR_IO);
	assert_int_equal(errno, ECHILD);
	assert_int_equal(child_kill_reap(pid, NULL), MB_ERR_IO);
	test_no_children();
}

/* Waiting for one child leaves the caller's other children alone. */
static void
test_wait_own_child_only(void **state)
{
	pid_t other, mine;
	int status = 0;

	(void)state;
	other = fork();
	assert_true(other >= 0);
	if (other == 0)
		_exit(7);
	mine = fork();
	assert_true(mine >= 0);
	if (mine == 0) {
		(void)usleep(200 * 1000);
		_exit(8);
	}
	status = test_wait(mine);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 8);
	assert_int_equal(waitpid(other, &status, 0), other);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 7);
	test_no_children();
}

/* ---- child_run ------------------------------------------------------ */

static void
test_run_input(void **state)
{
	char script[TEST_SCRIPT_MAX], *input = NULL, *got = NULL;
	struct child_result res;
	size_t i;

	(void)state;
	input = malloc(TEST_BIG_INPUT + 1);
	assert_non_null(input);
	for (i = 0; i < TEST_BIG_INPUT; i++)
		input[i] = (char)('a' + i % 26);
	input[TEST_BIG_INPUT] = '\0';
	/* A slow reader: the pipe fills and the writer waits for room. */
	(void)snprintf(
	    script, sizeof(script), "sleep 0.2; cat > %s/input", test_dir);
	assert_int_equal(
	    test_run_sh(script, input, TEST_BIG_INPUT, TEST_SLOW_MS, &res), 0);
	assert_int_equal(res.timed_out, 0);
	assert_int_equal(res.input_unread, 0);
	assert_true(WIFEXITED(res.status));
	assert_int_equal(WEXITSTATUS(res.status), 0);
	got = test_file_read(test_dir, "input", NULL);
	assert_non_null(got);
	assert_string_equal(got, input);
	free(got);
	free(input);
	test_no_children();
}

/* Its exit status, and input it did not take. */
static void
test_run_status(void **state)
{
	struct child_result res;
	struct sigaction sa;
	char *input = NULL;

	(void)state;
	assert_int_equal(test_run_sh("exit 5", "", 0, TEST_SLOW_MS, &res), 0);
	assert_true(WIFEXITED(res.status));
	assert_int_equal(WEXITSTATUS(res.status), 5);

	input = calloc(1, TEST_BIG_INPUT);
	assert_non_null(input);
	assert_int_equal(test_run_sh("exec 0<&-; exit 0", input, TEST_BIG_INPUT,
			     TEST_SLOW_MS, &res),
	    0);
	assert_int_equal(res.input_unread, 1);
	assert_true(WIFEXITED(res.status));
	assert_int_equal(WEXITSTATUS(res.status), 0);
	free(input);
	/* SIGPIPE, ignored while writing, is at its default again. */
	assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
	assert_true(sa.sa_handler == SIG_DFL);
	test_no_children();
}

/* A program that is not there: the child's own exit status. */
static void
test_run_missing_program(void **state)
{
	char *argv[] = { "nothing", NULL };
	struct child_result res;
	struct child_cmd cmd;
	char err[CHILD_REASON_MAX];

	(void)state;
	memset(&cmd, 0, sizeof(cmd));
	cmd.name = "test command";
	cmd.path = "/nonexistent/nothing";
	cmd.argv = argv;
	cmd.deadline_ms = util_now_ms() + TEST_SLOW_MS;
	assert_int_equal(child_run(&cmd, &res, err, sizeof(err)), 0);
	assert_true(WIFEXITED(res.status));
	assert_int_equal(WEXITSTATUS(res.status), CHILD_EXIT_SETUP);
	test_no_children();
}

/* At the deadline the program goes, with everything in its group. */
static void
test_run_deadline(void **state)
{
	char script[TEST_SCRIPT_MAX], *got = NULL;
	struct child_result res;
	long long t0, took;

	(void)state;
	t0 = util_now_ms();
	(void)snprintf(script, sizeof(script),
	    "(sleep 2; echo alive > %s/alive) & sleep 60", test_dir);
	assert_int_equal(test_run_sh(script, "", 0, TEST_DEADLINE_MS, &res), 0);
	took = util_now_ms() - t0;
	assert_int_equal(res.timed_out, 1);
	assert_true(took >= TEST_DEADLINE_MS - 1 && took < TEST_SLOW_MS);
	test_no_children();
	(void)usleep(2500 * 1000);
	got = test_file_read(test_dir, "alive", NULL);
	assert_null(got);
}

/* What the program has open: standard input, output and error. */
static void
test_run_descriptors(void **state)
{
	char script[TEST_SCRIPT_MAX], *got = NULL;
	struct child_result res;
	int fd;

	(void)state;
	fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC */
	assert_true(fd > STDERR_FILENO);
	(void)snprintf(script, sizeof(script),
	    "exec > %s/fds; exec ls /proc/self/fd", test_dir);
	assert_int_equal(test_run_sh(script, "", 0, TEST_SLOW_MS, &res), 0);
	(void)close(fd);
	assert_true(WIFEXITED(res.status));
	assert_int_equal(WEXITSTATUS(res.status), 0);
	got = test_file_read(test_dir, "fds", NULL);
	assert_non_null(got);
	/* ls's own descriptor for reading the directory shows as 3. */
	assert_string_equal(got, "0\n1\n2\n3\n");
	free(got);
}

/* ---- setup ---------------------------------------------------------- */

static int
test_setup(void **state)
{
	(void)state;
	log_init(
	    "test", getenv("TEST_LOG") != NULL ? 2 : -1, 0, LOG_LEVEL_DEBUG);
	return mkdtemp(test_dir) != NULL ? 0 : -1;
}

static int
test_teardown(void **state)
{
	(void)state;
	return test_dir_remove(test_dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_text),
		cmocka_unit_test(test_prepare_closes_descriptors),
		cmocka_unit_test(test_prepare_resets_signals),
		cmocka_unit_test(test_wait_deadline_and_kill),
		cmocka_unit_test(test_wait_own_child_only),
		cmocka_unit_test(test_run_input),
		cmocka_unit_test(test_run_status),
		cmocka_unit_test(test_run_missing_program),
		cmocka_unit_test(test_run_deadline),
		cmocka_unit_test(test_run_descriptors),
	};

	return cmocka_run_group_tests(tests, test_setup, test_teardown);
}
