/*
 * Unit tests of common/config.c: the defaults, every type of setting, and
 * configuration files (comments, blanks, limits, errors with file:line).
 */
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
#include "config.h"
#include "error.h"
#include "test_util.h"
#include "util.h"

#define TEST_PATH_MAX 512
#define TEST_ERR_MAX 512

static char test_dir[] = "/tmp/mb-unit-config-XXXXXX";
static char test_file[TEST_PATH_MAX];

/* Write text (len bytes) as the test's configuration file. */
static void
write_config(const char *text, size_t len)
{
	FILE *fp = fopen(test_file, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
write_config_str(const char *text)
{
	write_config(text, strlen(text));
}

/* A file of comment lines filling exactly len bytes. */
static char *
comment_lines(size_t len, size_t line_len)
{
	char *text = malloc(len + 1);
	size_t i;

	assert_non_null(text);
	assert_true(line_len >= 2);
	for (i = 0; i < len; i++) {
		if (i % line_len == 0)
			text[i] = '#';
		else if (i % line_len == line_len - 1 || i == len - 1)
			text[i] = '\n';
		else
			text[i] = 'c';
	}
	text[len] = '\0';
	return text;
}

static void
test_defaults(void **state)
{
	struct config c;

	(void)state;
	memset(&c, 0x5a, sizeof(c));
	config_defaults(&c);
	assert_string_equal(c.listen, "127.0.0.1");
	assert_int_equal(c.port, 2222);
	assert_string_equal(c.state_dir, "./var");
	assert_string_equal(c.mail_command, "/usr/sbin/sendmail -t -i");
	assert_string_equal(c.mail_from, "Mentorboard <mentorboard@localhost>");
	assert_string_equal(c.public_host, "");
	assert_int_equal(c.public_port, 0);
	assert_string_equal(c.mentor_path, "");
	assert_string_equal(c.log_level, "info");
	assert_int_equal(c.syslog, 0);
	assert_int_equal(c.login_grace_time, LOGIN_GRACE_SECONDS);
	assert_int_equal(c.max_startups, MAX_STARTUPS);
	assert_int_equal(c.max_startups_per_source, MAX_STARTUPS_PER_SOURCE);
	assert_int_equal(c.max_sessions_per_source, MAX_SESSIONS_PER_SOURCE);
	assert_int_equal(config_public_port(&c), 2222);
}

/* The connection limits: 1 up to MAX_SESSIONS, the most mentord serves. */
static void
test_set_connection_limits(void **state)
{
	static const char *const names[] = { "max_startups",
		"max_startups_per_source", "max_sessions_per_source" };
	char err[TEST_ERR_MAX], most[16], over[16];
	struct config c;
	int *fields[3];
	size_t i;

	(void)state;
	config_defaults(&c);
	fields[0] = &c.max_startups;
	fields[1] = &c.max_startups_per_source;
	fields[2] = &c.max_sessions_per_source;
	(void)snprintf(most, sizeof(most), "%d", MAX_SESSIONS);
	(void)snprintf(over, sizeof(over), "%d", MAX_SESSIONS + 1);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(
		    config_set(&c, names[i], "1", err, sizeof(err)), 0);
		assert_int_equal(*fields[i], 1);
		assert_int_equal(
		    config_set(&c, names[i], most, err, sizeof(err)), 0);
		assert_int_equal(*fields[i], MAX_SESSIONS);
		err[0] = '\0';
		assert_int_equal(
		    config_set(&c, names[i], over, err, sizeof(err)),
		    MB_ERR_INVALID);
		assert_non_null(strstr(err, names[i]));
		assert_non_null(strstr(err, most));
		assert_int_equal(
		    config_set(&c, names[i], "0", err, sizeof(err)),
		    MB_ERR_INVALID);
		assert_int_equal(*fields[i], MAX_SESSIONS);
	}
}

/* max_startups as start:rate:full, or one number n meaning n:100:n. */
static void
test_set_max_startups(void **state)
{
	static const char *const bad[] = { "", "10:30", "10:30:100:5",
		"20:30:10", "0:30:100", "10:101:100", "10:30:4001", "a:b:c",
		"10::100", "10:30:100x", "99999999999999999:1:2" };
	char err[TEST_ERR_MAX];
	struct config c;
	size_t i;

	(void)state;
	config_defaults(&c);
	assert_int_equal(c.max_startups_start, MAX_STARTUPS_START);
	assert_int_equal(c.max_startups_rate, MAX_STARTUPS_RATE);
	assert_int_equal(c.max_startups, MAX_STARTUPS);
	assert_int_equal(
	    config_set(&c, "max_startups", "5:50:20", err, sizeof(err)), 0);
	assert_int_equal(c.max_startups_start, 5);
	assert_int_equal(c.max_startups_rate, 50);
	assert_int_equal(c.max_startups, 20);
	assert_int_equal(
	    config_set(&c, "max-startups", "7", err, sizeof(err)), 0);
	assert_int_equal(c.max_startups_start, 7);
	assert_int_equal(c.max_startups_rate, 100);
	assert_int_equal(c.max_startups, 7);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(
		    config_set(&c, "max_startups", bad[i], err, sizeof(err)),
		    MB_ERR_INVALID);
		assert_non_null(strstr(err, "start:rate:full"));
		assert_int_equal(c.max_startups, 7);
	}
}

static void
test_set_port(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "port", "22", err, sizeof(err)), 0);
	assert_int_equal(c.port, 22);
	assert_int_equal(config_set(&c, "port", "65535", err, sizeof(err)), 0);
	assert_int_equal(c.port, 65535);
	err[0] = '\0';
	assert_int_equal(
	    config_set(&c, "port", "65536", err, sizeof(err)), MB_ERR_INVALID);
	assert_non_null(strstr(err, "port"));
	assert_non_null(strstr(err, "65536"));
	assert_int_equal(c.port, 65535);
	assert_int_equal(
	    config_set(&c, "port", "-1", err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "port", "", err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "port", "22x", err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "port", "0x16", err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "port", "99999999999999999999", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_int_equal(c.port, 65535);
	/* public_port is a port too, and what mails show. */
	assert_int_equal(
	    config_set(&c, "public_port", "443", err, sizeof(err)), 0);
	assert_int_equal(config_public_port(&c), 443);
	assert_int_equal(
	    config_set(&c, "public-port", "70000", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_int_equal(config_public_port(&c), 443);
}

static void
test_set_bool(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "syslog", "yes", err, sizeof(err)), 0);
	assert_int_equal(c.syslog, 1);
	assert_int_equal(config_set(&c, "syslog", "no", err, sizeof(err)), 0);
	assert_int_equal(c.syslog, 0);
	assert_int_equal(config_set(&c, "syslog", "1", err, sizeof(err)), 0);
	assert_int_equal(c.syslog, 1);
	assert_int_equal(config_set(&c, "syslog", "0", err, sizeof(err)), 0);
	assert_int_equal(c.syslog, 0);
	err[0] = '\0';
	assert_int_equal(config_set(&c, "syslog", "maybe", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_non_null(strstr(err, "yes or no"));
	assert_int_equal(
	    config_set(&c, "syslog", "", err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "syslog", "2", err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(c.syslog, 0);
}

static void
test_set_seconds(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX];

	(void)state;
	config_defaults(&c);
	assert_int_equal(
	    config_set(&c, "login_grace_time", "1", err, sizeof(err)), 0);
	assert_int_equal(c.login_grace_time, 1);
	assert_int_equal(
	    config_set(&c, "login_grace_time", "3600", err, sizeof(err)), 0);
	assert_int_equal(c.login_grace_time, 3600);
	err[0] = '\0';
	assert_int_equal(
	    config_set(&c, "login_grace_time", "0", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_non_null(strstr(err, "login_grace_time"));
	assert_int_equal(
	    config_set(&c, "login_grace_time", "3601", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "login_grace_time", "30s", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "login_grace_time", "-5", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_int_equal(c.login_grace_time, 3600);
}

/*
 * Every number setting takes all of a decimal number in its range, or
 * refuses with its name and range and changes nothing.
 */
static void
test_set_numbers(void **state)
{
	static const struct {
		const char *name;
		long min, max;
	} settings[] = {
		{ "port", 0, 65535 },
		{ "public_port", 0, 65535 },
		{ "login_grace_time", 1, 3600 },
		{ "max_startups", 1, MAX_SESSIONS },
		{ "max_startups_per_source", 1, MAX_SESSIONS },
		{ "max_sessions_per_source", 1, MAX_SESSIONS },
	};
	static const char *const refused[] = { "5x", "", " ", "-1", "x5",
		"99999999999999999999", "4294967297", "1e3", "0x10", "12 ",
		"1.5" };
	struct config c, before;
	char err[TEST_ERR_MAX], range[64], value[32];
	size_t i, j;

	(void)state;
	for (i = 0; i < nitems(settings); i++) {
		config_defaults(&c);
		(void)snprintf(range, sizeof(range), "from %ld to %ld",
		    settings[i].min, settings[i].max);
		for (j = 0; j < nitems(refused); j++) {
			memcpy(&before, &c, sizeof(c));
			err[0] = '\0';
			assert_int_equal(config_set(&c, settings[i].name,
					     refused[j], err, sizeof(err)),
			    MB_ERR_INVALID);
			assert_memory_equal(&c, &before, sizeof(c));
			assert_non_null(strstr(err, settings[i].name));
			assert_non_null(strstr(err, range));
		}
		/* One past either end is refused; either end is taken. */
		(void)snprintf(
		    value, sizeof(value), "%ld", settings[i].min - 1);
		assert_int_equal(
		    config_set(&c, settings[i].name, value, err, sizeof(err)),
		    MB_ERR_INVALID);
		(void)snprintf(
		    value, sizeof(value), "%ld", settings[i].max + 1);
		assert_int_equal(
		    config_set(&c, settings[i].name, value, err, sizeof(err)),
		    MB_ERR_INVALID);
		(void)snprintf(value, sizeof(value), "%ld", settings[i].min);
		assert_int_equal(
		    config_set(&c, settings[i].name, value, err, sizeof(err)),
		    0);
		(void)snprintf(value, sizeof(value), "%ld", settings[i].max);
		assert_int_equal(
		    config_set(&c, settings[i].name, value, err, sizeof(err)),
		    0);
	}
	assert_int_equal(c.max_sessions_per_source, MAX_SESSIONS);
	/* The words a person reads. */
	config_defaults(&c);
	assert_int_equal(
	    config_set(&c, "max_startups_per_source", "5x", err, sizeof(err)),
	    MB_ERR_INVALID);
	(void)snprintf(value, sizeof(value), "%d", MAX_SESSIONS);
	assert_non_null(
	    strstr(err, "max_startups_per_source: \"5x\" is not a number"));
	assert_non_null(strstr(err, value));
	assert_int_equal(
	    config_set(&c, "login_grace_time", "-5", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_string_equal(err,
	    "login_grace_time: \"-5\" is not a number of seconds from 1 to "
	    "3600");
	assert_int_equal(
	    config_set(&c, "port", "", err, sizeof(err)), MB_ERR_INVALID);
	assert_string_equal(
	    err, "port: \"\" is not a port number from 0 to 65535");
}

static void
test_set_string(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX], value[sizeof(c.listen) + 2];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "mail_command", "cat >> /tmp/mail.out",
			     err, sizeof(err)),
	    0);
	assert_string_equal(c.mail_command, "cat >> /tmp/mail.out");
	/* The longest that fits, and one more. */
	memset(value, 'h', sizeof(value));
	value[sizeof(c.listen) - 1] = '\0';
	assert_int_equal(config_set(&c, "listen", value, err, sizeof(err)), 0);
	assert_string_equal(c.listen, value);
	value[sizeof(c.listen) - 1] = 'h';
	value[sizeof(c.listen)] = '\0';
	err[0] = '\0';
	assert_int_equal(
	    config_set(&c, "listen", value, err, sizeof(err)), MB_ERR_INVALID);
	assert_non_null(strstr(err, "listen"));
	assert_non_null(strstr(err, "too long"));
	value[sizeof(c.listen) - 1] = '\0';
	assert_string_equal(c.listen, value);
	/* Control characters never reach a setting. */
	assert_int_equal(
	    config_set(&c, "mail_from",
		"Board <b@example.org>\nBcc: x@example.org", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "public_host", "a\x1b[2Jb", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_string_equal(c.mail_from, CONFIG_DEFAULT_MAIL_FROM);
	assert_string_equal(c.public_host, "");
	/* Empty is a value. */
	assert_int_equal(
	    config_set(&c, "public_host", "", err, sizeof(err)), 0);
}

static void
test_set_names(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX];

	(void)state;
	config_defaults(&c);
	err[0] = '\0';
	assert_int_equal(
	    config_set(&c, "no_such_setting", "1", err, sizeof(err)),
	    MB_ERR_INVALID);
	assert_non_null(strstr(err, "unknown setting"));
	assert_non_null(strstr(err, "no_such_setting"));
	assert_int_equal(
	    config_set(&c, "", "1", err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(
	    config_set(&c, "port ", "22", err, sizeof(err)), MB_ERR_INVALID);
	/* '-' and '_' are the same. */
	assert_int_equal(
	    config_set(&c, "mail-command", "true", err, sizeof(err)), 0);
	assert_string_equal(c.mail_command, "true");
	assert_int_equal(
	    config_set(&c, "login-grace-time", "10", err, sizeof(err)), 0);
	assert_int_equal(c.login_grace_time, 10);
	assert_int_equal(
	    config_set(&c, "state-dir", "/srv/board", err, sizeof(err)), 0);
	assert_string_equal(c.state_dir, "/srv/board");
	assert_true(config_has("mail-command"));
	assert_true(config_has("mail_command"));
	assert_true(config_has("syslog"));
	assert_false(config_has("mail"));
	assert_false(config_has("help"));
	assert_false(config_has(""));
}

static void
test_usage(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = NULL;

	(void)state;
	fp = open_memstream(&out, &len);
	assert_non_null(fp);
	config_usage(fp);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(strstr(out, "  --mail-command "));
	assert_non_null(strstr(out, "  --login-grace-time "));
	assert_non_null(strstr(out, "  --port "));
	assert_null(strstr(out, "mail_command"));
	free(out);
}

static void
test_load_file(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX];

	(void)state;
	config_defaults(&c);
	write_config_str("# Mentorboard settings\n"
			 "\n"
			 "   \n"
			 "\t# indented comment\n"
			 "port = 2200\n"
			 "  listen=0.0.0.0  \n"
			 "\tmail-command =  cat >> /tmp/x  \n"
			 "mail_from = Board <board@example.org>\r\n"
			 "syslog = yes\n"
			 "public_host = board.example.org # not a comment\n"
			 "login_grace_time=45");
	err[0] = '\0';
	if (config_load(&c, test_file, err, sizeof(err)) != 0)
		fail_msg("config_load: %s", err);
	assert_int_equal(c.port, 2200);
	assert_string_equal(c.listen, "0.0.0.0");
	assert_string_equal(c.mail_command, "cat >> /tmp/x");
	assert_string_equal(c.mail_from, "Board <board@example.org>");
	assert_int_equal(c.syslog, 1);
	assert_string_equal(c.public_host, "board.example.org # not a comment");
	assert_int_equal(c.login_grace_time, 45);
	/* What the file does not name keeps its value. */
	assert_string_equal(c.state_dir, "./var");
	/* A value may hold '='. */
	write_config_str("mail_command = env A=b sendmail -t\n");
	assert_int_equal(config_load(&c, test_file, err, sizeof(err)), 0);
	assert_string_equal(c.mail_command, "env A=b sendmail -t");
	/* An empty file changes nothing. */
	write_config_str("");
	assert_int_equal(config_load(&c, test_file, err, sizeof(err)), 0);
	assert_int_equal(c.port, 2200);
}

static void
test_load_errors(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX], want[TEST_PATH_MAX + 16];

	(void)state;
	config_defaults(&c);
	write_config_str("# settings\n"
			 "port = 2200\n"
			 "colour = blue\n"
			 "listen = 0.0.0.0\n");
	err[0] = '\0';
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);
	(void)snprintf(want, sizeof(want), "%s:3:", test_file);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_non_null(strstr(err, "colour"));
	/* Reading stopped there. */
	assert_string_equal(c.listen, "127.0.0.1");

	write_config_str("port = 2200\nport 2201\n");
	err[0] = '\0';
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);
	(void)snprintf(want, sizeof(want), "%s:2:", test_file);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_non_null(strstr(err, "key = value"));

	write_config_str("\n\n\n\nport = 99999\n");
	err[0] = '\0';
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);
	(void)snprintf(want, sizeof(want), "%s:5:", test_file);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_non_null(strstr(err, "port"));

	write_config_str("= 2200\n");
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);

	/* A missing file: MB_ERR_IO naming it. */
	err[0] = '\0';
	(void)snprintf(want, sizeof(want), "%s/missing.conf", test_dir);
	assert_int_equal(config_load(&c, want, err, sizeof(err)), MB_ERR_IO);
	assert_non_null(strstr(err, want));
	/* A directory cannot be read as one. */
	assert_int_not_equal(config_load(&c, test_dir, err, sizeof(err)), 0);
}

static void
test_load_line_limit(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX], want[TEST_PATH_MAX + 16];
	char *text = NULL;

	(void)state;
	config_defaults(&c);
	/* A line of CONFIG_LINE_MAX bytes (newline not counted) is fine. */
	text = comment_lines(CONFIG_LINE_MAX + 1, CONFIG_LINE_MAX + 1);
	write_config_str(text);
	free(text);
	err[0] = '\0';
	if (config_load(&c, test_file, err, sizeof(err)) != 0)
		fail_msg("config_load: %s", err);
	/* One byte more is not, on whichever line it is. */
	text = malloc(CONFIG_LINE_MAX + 64);
	assert_non_null(text);
	strcpy(text, "port = 2200\n");
	memset(text + strlen(text), 'c', CONFIG_LINE_MAX + 1);
	text[12] = '#';
	strcpy(text + 12 + CONFIG_LINE_MAX + 1, "\nport = 2201\n");
	write_config_str(text);
	free(text);
	err[0] = '\0';
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);
	(void)snprintf(want, sizeof(want), "%s:2:", test_file);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_non_null(strstr(err, "longer than"));
	assert_int_equal(c.port, 2200);
	/* A long last line without a newline, too. */
	text = malloc(CONFIG_LINE_MAX + 64);
	assert_non_null(text);
	memset(text, 'c', CONFIG_LINE_MAX + 10);
	text[0] = '#';
	text[CONFIG_LINE_MAX + 10] = '\0';
	write_config_str(text);
	free(text);
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);
}

static void
test_load_file_limit(void **state)
{
	struct config c;
	char err[TEST_ERR_MAX];
	char *text = NULL;

	(void)state;
	config_defaults(&c);
	/* Exactly CONFIG_FILE_MAX bytes. */
	text = comment_lines(CONFIG_FILE_MAX, 1000);
	assert_int_equal(strlen(text), CONFIG_FILE_MAX);
	write_config_str(text);
	free(text);
	err[0] = '\0';
	if (config_load(&c, test_file, err, sizeof(err)) != 0)
		fail_msg("config_load: %s", err);
	/* One more. */
	text = comment_lines(CONFIG_FILE_MAX + 1, 1000);
	write_config_str(text);
	free(text);
	err[0] = '\0';
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);
	assert_non_null(strstr(err, test_file));
	assert_non_null(strstr(err, "larger than"));
	/* Much more, with a setting at the end that is never applied. */
	text = comment_lines(4 * CONFIG_FILE_MAX, 1000);
	text[4 * CONFIG_FILE_MAX - 12] = '\n';
	memcpy(text + 4 * CONFIG_FILE_MAX - 11, "port = 22\n", 10);
	write_config_str(text);
	free(text);
	assert_int_equal(
	    config_load(&c, test_file, err, sizeof(err)), MB_ERR_INVALID);
	assert_int_equal(c.port, CONFIG_DEFAULT_PORT);
}

static int
test_setup(void **state)
{
	int n;

	(void)state;
	if (mkdtemp(test_dir) == NULL)
		return -1;
	n = snprintf(test_file, sizeof(test_file), "%s/mentord.conf", test_dir);
	return n > 0 && (size_t)n < sizeof(test_file) ? 0 : -1;
}

static int
test_teardown(void **state)
{
	(void)state;
	return test_dir_remove(test_dir);
}

/* Numbers typed by people: all of the text, in range, or refused. */
static void
test_parse_long(void **state)
{
	long n = 7;

	(void)state;
	assert_int_equal(parse_long("12", 1, 50, &n), 0);
	assert_int_equal(n, 12);
	n = 7;
	assert_int_equal(parse_long("5x", 1, 50, &n), MB_ERR_INVALID);
	assert_int_equal(parse_long("", 1, 50, &n), MB_ERR_INVALID);
	assert_int_equal(parse_long("51", 1, 50, &n), MB_ERR_INVALID);
	assert_int_equal(parse_long("0", 1, 50, &n), MB_ERR_INVALID);
	assert_int_equal(parse_long("4294967297", 1, 50, &n), MB_ERR_INVALID);
	assert_int_equal(
	    parse_long("99999999999999999999999", 0, 100, &n), MB_ERR_INVALID);
	assert_int_equal(n, 7);
}

/* The monotonic clock in milliseconds: never backwards, and it moves. */
static void
test_now_ms(void **state)
{
	long long t0, t1, t2;

	(void)state;
	t0 = util_now_ms();
	t1 = util_now_ms();
	assert_true(t0 >= 0 && t1 >= t0);
	assert_int_equal(usleep(50 * 1000), 0);
	t2 = util_now_ms();
	/* 50 ms asleep; a loaded machine may add seconds, never subtract. */
	assert_true(t2 - t1 >= 49 && t2 - t1 < 10 * 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_set_max_startups),
		cmocka_unit_test(test_parse_long),
		cmocka_unit_test(test_now_ms),
		cmocka_unit_test(test_set_port),
		cmocka_unit_test(test_set_bool),
		cmocka_unit_test(test_set_seconds),
		cmocka_unit_test(test_set_numbers),
		cmocka_unit_test(test_set_connection_limits),
		cmocka_unit_test(test_set_string),
		cmocka_unit_test(test_set_names),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_load_line_limit),
		cmocka_unit_test(test_load_file_limit),
	};

	return cmocka_run_group_tests(tests, test_setup, test_teardown);
}
