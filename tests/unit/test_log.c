/* Unit tests of common/log.c: one bounded line per event, whatever came in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "board_limits.h"
#include "log.h"

#define TEST_MESSAGE_BYTES (4 * LOG_LINE_MAX)
#define TEST_READ_MAX (8 * LOG_LINE_MAX)

/* Log through a pipe; return what came out, NUL-terminated (freed by the
 * caller). */
static char *
logged(const char *message)
{
	char *out = NULL;
	ssize_t n;
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	log_init("test", fds[1], 0, LOG_LEVEL_DEBUG);
	log_info("%s", message);
	log_init("test", -1, 0, LOG_LEVEL_DEBUG);
	assert_int_equal(close(fds[1]), 0);
	out = calloc(1, TEST_READ_MAX + 1);
	assert_non_null(out);
	n = read(fds[0], out, TEST_READ_MAX);
	assert_true(n > 0);
	assert_int_equal(close(fds[0]), 0);
	return out;
}

static void
test_long_message_cut_to_one_line(void **state)
{
	char *message = NULL, *line = NULL, *text = NULL;

	(void)state;
	message = malloc(TEST_MESSAGE_BYTES + 1);
	assert_non_null(message);
	memset(message, 'x', TEST_MESSAGE_BYTES);
	message[TEST_MESSAGE_BYTES] = '\0';
	line = logged(message);
	/* One line, and of the message what fits LOG_LINE_MAX with its
	 * terminating NUL. */
	assert_non_null(strstr(line, ": info: "));
	assert_int_equal(strchr(line, '\n') - line + 1, (long)strlen(line));
	text = strstr(line, "xxx");
	assert_non_null(text);
	assert_int_equal(strspn(text, "x"), LOG_LINE_MAX - 1);
	assert_string_equal(text + LOG_LINE_MAX - 1, "\n");
	free(line);
	free(message);
}

static void
test_client_bytes_stay_on_one_line(void **state)
{
	char *line = NULL;

	(void)state;
	line = logged("user \"evil\nmentord: error: forged\x1b[2J\"");
	assert_int_equal(strchr(line, '\n') - line + 1, (long)strlen(line));
	assert_null(strchr(line, '\x1b'));
	assert_non_null(strstr(line, "forged"));
	free(line);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_message_cut_to_one_line),
		cmocka_unit_test(test_client_bytes_stay_on_one_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
