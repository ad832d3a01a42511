/* Unit tests: the command framework (common/cli.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "sysop.h"
#include "error.h"
#include "util.h"

static int ran;

static int
run_ok(void *ctx, const struct cli_call *call)
{
	(void)ctx;
	(void)call;
	ran++;
	return CLI_OK;
}

static const struct cli_option find_options[] = {
	{ "--area", "AREA", CLI_VALUE },
	{ "--field", "F", CLI_VALUE | CLI_REPEAT },
	{ "--available", NULL, 0 },
	{ 0 },
};

static const struct cli_option add_options[] = {
	{ "--email", "E", CLI_VALUE | CLI_REQUIRED },
	{ "--sysop", NULL, 0 },
	{ 0 },
};

static const struct cli_command user_subs[] = {
	{ .name = "add",
	    .args = "USERNAME",
	    .min_args = 1,
	    .max_args = 1,
	    .options = add_options,
	    .run = run_ok },
	{ .name = "list", .max_args = 0, .run = run_ok, .flags = CLI_JSON },
	{ 0 },
};

static const struct cli_command rows[] = {
	{ .name = "find",
	    .args = "[WORDS...]",
	    .max_args = -1,
	    .options = find_options,
	    .run = run_ok,
	    .flags = CLI_JSON },
	{ .name = "user", .subs = user_subs },
	{ .name = "text", .max_args = 0, .input = "TEXT", .run = run_ok },
	{ 0 },
};

static const struct cli_command *const groups[] = { rows, NULL };

/* Parse a NULL-terminated list of words; returns the status. */
static int
parse(struct cli_call *call, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;

	va_start(ap, call);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	return cli_parse(groups, argc, argv, call);
}

static void
test_options_and_words(void **state)
{
	struct cli_call call;
	const char *fields[4];

	(void)state;
	assert_int_equal(parse(&call, "find", "engin", "--area", "Career entry",
			     "--field=Law", "--field", "Physics", "--available",
			     "--json", "data", NULL),
	    CLI_OK);
	assert_ptr_equal(call.row, &rows[0]);
	assert_int_equal(call.argc, 2);
	assert_string_equal(call.argv[0], "engin");
	assert_string_equal(call.argv[1], "data");
	assert_null(call.argv[2]);
	assert_string_equal(cli_value(&call, "--area"), "Career entry");
	assert_int_equal(cli_values(&call, "--field", fields, 4), 2);
	assert_string_equal(fields[0], "Law");
	assert_string_equal(fields[1], "Physics");
	assert_true(cli_flag(&call, "--available"));
	assert_true(call.json);
	assert_null(cli_value(&call, "--nothing"));
	/* After "--", words that look like options are words. */
	assert_int_equal(parse(&call, "find", "--", "--area", NULL), CLI_OK);
	assert_int_equal(call.argc, 1);
	assert_string_equal(call.argv[0], "--area");
	assert_false(cli_flag(&call, "--area"));
}

static void
test_refusals(void **state)
{
	struct cli_call call;

	(void)state;
	assert_int_equal(parse(&call, "find", "--nope", NULL), CLI_USAGE);
	assert_int_equal(parse(&call, "find", "--area", NULL), CLI_USAGE);
	assert_int_equal(
	    parse(&call, "find", "--available=yes", NULL), CLI_USAGE);
	assert_int_equal(
	    parse(&call, "find", "--area", "A", "--area", "B", NULL),
	    CLI_USAGE);
	/* A row without CLI_JSON refuses --json rather than ignoring it. */
	assert_int_equal(parse(&call, "text", "--json", NULL), CLI_USAGE);
	assert_int_equal(parse(&call, "text", "word", NULL), CLI_USAGE);
	/* A row of sub-commands only needs one. */
	assert_int_equal(parse(&call, "user", NULL), CLI_USAGE);
	assert_int_equal(parse(&call, "user", "remove", NULL), CLI_USAGE);
	/* Required options and the number of words. */
	assert_int_equal(parse(&call, "user", "add", "anna", NULL), CLI_USAGE);
	assert_int_equal(
	    parse(&call, "user", "add", "--email", "a@b.cd", NULL), CLI_USAGE);
	assert_int_equal(parse(&call, "user", "add", "anna", "bert", "--email",
			     "a@b.cd", NULL),
	    CLI_USAGE);
}

static void
test_sub_commands(void **state)
{
	struct cli_call call;

	(void)state;
	assert_int_equal(parse(&call, "user", "add", "anna", "--email",
			     "a@b.cd", "--sysop", NULL),
	    CLI_OK);
	assert_ptr_equal(call.row, &user_subs[0]);
	assert_ptr_equal(call.top, &rows[1]);
	assert_string_equal(call.path, "user add");
	assert_string_equal(call.argv[0], "anna");
	assert_true(cli_flag(&call, "--sysop"));
	/* --json only where the sub-command prints data. */
	assert_int_equal(parse(&call, "user", "list", "--json", NULL), CLI_OK);
	assert_true(call.json);
	ran = 0;
	assert_int_equal(call.row->run(NULL, &call), CLI_OK);
	assert_int_equal(ran, 1);
}

static void
test_too_many_options(void **state)
{
	char *argv[CLI_OPTIONS_GIVEN_MAX + 3];
	struct cli_call call;
	int argc = 0, i;

	(void)state;
	argv[argc++] = "find";
	for (i = 0; i <= CLI_OPTIONS_GIVEN_MAX; i++)
		argv[argc++] = "--field=Law";
	assert_int_equal(cli_parse(groups, argc, argv, &call), CLI_USAGE);
	assert_int_equal(cli_parse(groups, argc - 1, argv, &call), CLI_OK);
	assert_int_equal(call.ngiven, CLI_OPTIONS_GIVEN_MAX);
}

static void
test_usage_from_rows(void **state)
{
	char usage[CLI_USAGE_MAX];

	(void)state;
	cli_usage(&rows[0], NULL, usage, sizeof(usage));
	assert_string_equal(usage,
	    "find [WORDS...] [--area AREA] [--field F]... [--available] "
	    "[--json]");
	cli_usage(&rows[1], NULL, usage, sizeof(usage));
	assert_string_equal(usage,
	    "user add USERNAME --email E [--sysop] | user list [--json]");
	cli_usage(&rows[2], NULL, usage, sizeof(usage));
	assert_string_equal(usage, "text < TEXT");
	/* Cut, never overrun. */
	cli_usage(&rows[0], NULL, usage, 10);
	assert_string_equal(usage, "find [WOR");
}

/* The team's `admin` row lists every row of theirs: all fit, none cut. */
static int
test_no_run(void *ctx, const struct cli_call *call)
{
	(void)ctx;
	(void)call;
	return CLI_OK;
}

static void
test_usage_of_the_team_fits(void **state)
{
	const struct cli_command admin = {
		.name = "admin", .run = test_no_run, .subs = sysop_rows
	};
	const struct cli_command *last = NULL;
	char usage[CLI_USAGE_MAX], tail[CLI_USAGE_MAX];

	(void)state;
	for (last = sysop_rows; last[1].name != NULL; last++)
		;
	cli_usage(&admin, NULL, usage, sizeof(usage));
	cli_usage(last, "admin", tail, sizeof(tail));
	assert_true(strlen(usage) < sizeof(usage) - 1);
	assert_string_equal(usage + strlen(usage) - strlen(tail), tail);
}

static void
test_find(void **state)
{
	(void)state;
	assert_ptr_equal(cli_find(groups, "user"), &rows[1]);
	assert_null(cli_find(groups, "users"));
	assert_ptr_equal(cli_find_row(user_subs, "list"), &user_subs[1]);
}

static void
test_number(void **state)
{
	long n = 0;

	(void)state;
	assert_int_equal(cli_number("--limit", "5", 1, 100, &n), CLI_OK);
	assert_int_equal(n, 5);
	assert_int_equal(cli_number("--limit", "5x", 1, 100, &n), CLI_USAGE);
	assert_int_equal(cli_number("--limit", "101", 1, 100, &n), CLI_USAGE);
	assert_int_equal(cli_number("--limit", "", 1, 100, &n), CLI_USAGE);
	assert_int_equal(n, 5);
}

/* Run cli_read_stdin over the bytes given as standard input. */
static int
read_stdin_of(const char *bytes, size_t len, size_t max, char **out)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	rewind(fp);
	assert_non_null(freopen("/dev/null", "r", stdin));
	/* stdin reads the temporary file from here on. */
	assert_int_equal(dup2(fileno(fp), fileno(stdin)), fileno(stdin));
	clearerr(stdin);
	(void)fclose(fp);
	return cli_read_stdin(max, out);
}

static void
test_read_stdin(void **state)
{
	char *text = NULL;

	(void)state;
	assert_int_equal(read_stdin_of("hello\n", 6, 6, &text), 0);
	assert_string_equal(text, "hello\n");
	free(text);
	assert_int_equal(read_stdin_of("hello\n", 6, 5, &text), MB_ERR_LIMIT);
	assert_null(text);
	/* A NUL would end the C string early: refused, not cut. */
	assert_int_equal(
	    read_stdin_of("abc\0def", 7, 100, &text), MB_ERR_INVALID);
	assert_null(text);
	assert_int_equal(read_stdin_of("", 0, 100, &text), 0);
	assert_string_equal(text, "");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_and_words),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_sub_commands),
		cmocka_unit_test(test_too_many_options),
		cmocka_unit_test(test_usage_from_rows),
		cmocka_unit_test(test_usage_of_the_team_fits),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_read_stdin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
