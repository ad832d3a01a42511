/* Unit tests of common/words.c: exec requests split like a shell quotes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "words.h"

static void
expect_words(const char *line, int n, const char *const *want)
{
	const char *why = NULL;
	char **argv = NULL;
	int argc = -1, i;

	assert_int_equal(words_split(line, &argc, &argv, &why), 0);
	assert_int_equal(argc, n);
	for (i = 0; i < n; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[n]);
	words_free(argv);
}

static void
test_plain_and_quoted(void **state)
{
	static const char *const a[] = { "search", "--area", "Career entry",
		"engin" };
	static const char *const b[] = { "a", "b c", "d\"e", "f g", "h\\i" };
	static const char *const c[] = { "'; DROP TABLE user; --" };

	(void)state;
	expect_words("search --area 'Career entry' engin", 4, a);
	expect_words("  a \"b c\" \"d\\\"e\" f\\ g 'h\\i'  ", 5, b);
	expect_words("\"'; DROP TABLE user; --\"", 1, c);
	expect_words("", 0, NULL);
	expect_words("   \t ", 0, NULL);
}

static void
test_refusals(void **state)
{
	const char *why = NULL;
	char **argv = NULL, line[WORDS_MAX * 2 + 8];
	int argc, i;

	(void)state;
	assert_int_equal(words_split("say 'unterminated", &argc, &argv, &why),
	    MB_ERR_INVALID);
	assert_string_equal(why, "unterminated quote");
	assert_null(argv);
	assert_int_equal(
	    words_split("bell\a", &argc, &argv, &why), MB_ERR_INVALID);
	assert_int_equal(
	    words_split("esc\x1b[2J", &argc, &argv, &why), MB_ERR_INVALID);
	/* Escaped, a control character is still refused. */
	assert_int_equal(
	    words_split("esc\\\x1b[2J", &argc, &argv, &why), MB_ERR_INVALID);
	for (i = 0; i <= WORDS_MAX; i++) {
		line[2 * i] = 'w';
		line[2 * i + 1] = ' ';
	}
	line[2 * (WORDS_MAX + 1)] = '\0';
	assert_int_equal(words_split(line, &argc, &argv, &why), MB_ERR_LIMIT);
	line[2 * WORDS_MAX] = '\0';
	assert_int_equal(words_split(line, &argc, &argv, &why), 0);
	assert_int_equal(argc, WORDS_MAX);
	words_free(argv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
