/*
 * Unit tests of common/json.c: structure (commas, nesting) and complete
 * escaping, checked against exact text and against Python's parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "error.h"
#include "json.h"

#define TEST_PYTHON "/usr/bin/python3"

/* A writer into memory; json_done returns the text (caller frees). */
struct buf {
	char *text;
	size_t len;
	FILE *fp;
	struct json j;
};

static void
buf_open(struct buf *b)
{
	memset(b, 0, sizeof(*b));
	b->fp = open_memstream(&b->text, &b->len);
	assert_non_null(b->fp);
	json_init(&b->j, b->fp);
}

static char *
buf_done(struct buf *b)
{
	assert_int_equal(json_finish(&b->j), 0);
	assert_int_equal(fclose(b->fp), 0);
	assert_int_equal(strlen(b->text), b->len);
	return b->text;
}

/* The JSON text of one string value, without the final newline. */
static char *
quoted(const char *s)
{
	struct buf b;
	char *text = NULL;

	buf_open(&b);
	json_string(&b.j, s);
	text = buf_done(&b);
	assert_true(b.len > 0 && text[b.len - 1] == '\n');
	text[b.len - 1] = '\0';
	return text;
}

static void
assert_quoted(const char *s, const char *want)
{
	char *got = quoted(s);

	assert_string_equal(got, want);
	free(got);
}

/*
 * Run python code on text as its standard input; returns its exit status
 * (1 also when the text does not parse).  The code finds the JSON in d.
 */
static int
python_check(const char *text, const char *code)
{
	char cmd[2048];
	FILE *p = NULL;
	int status;

	(void)snprintf(cmd, sizeof(cmd),
	    "PYTHONIOENCODING=utf-8 " TEST_PYTHON
	    " -c 'import json,sys; d = json.load(sys.stdin); %s' 2>/dev/null",
	    code);
	p = popen(cmd, "w");
	assert_non_null(p);
	assert_int_equal(fwrite(text, 1, strlen(text), p), strlen(text));
	status = pclose(p);
	assert_int_not_equal(status, -1);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void
test_nesting_and_commas(void **state)
{
	struct buf b;
	char *text = NULL;

	(void)state;
	buf_open(&b);
	json_object_begin(&b.j);
	json_key(&b.j, "a");
	json_int(&b.j, 1);
	json_key(&b.j, "b");
	json_array_begin(&b.j);
	json_bool(&b.j, 1);
	json_bool(&b.j, 0);
	json_null(&b.j);
	json_string(&b.j, "x");
	json_array_end(&b.j);
	json_key(&b.j, "c");
	json_object_begin(&b.j);
	json_object_end(&b.j);
	json_key(&b.j, "d");
	json_array_begin(&b.j);
	json_array_end(&b.j);
	json_key(&b.j, "e");
	json_object_begin(&b.j);
	json_key(&b.j, "f");
	json_int(&b.j, -5);
	json_key(&b.j, "g");
	json_array_begin(&b.j);
	json_object_begin(&b.j);
	json_object_end(&b.j);
	json_object_begin(&b.j);
	json_key(&b.j, "h");
	json_null(&b.j);
	json_object_end(&b.j);
	json_array_end(&b.j);
	json_object_end(&b.j);
	json_key(&b.j, "z");
	json_string(&b.j, NULL);
	json_object_end(&b.j);
	text = buf_done(&b);
	assert_string_equal(text,
	    "{\"a\":1,\"b\":[true,false,null,\"x\"],\"c\":{},\"d\":[],"
	    "\"e\":{\"f\":-5,\"g\":[{},{\"h\":null}]},\"z\":\"\"}\n");
	assert_int_equal(python_check(text,
			     "sys.exit(0 if d[\"e\"][\"g\"][1] == "
			     "{\"h\": None} and d[\"b\"] == [True, False, "
			     "None, \"x\"] else 1)"),
	    0);
	free(text);
}

static void
test_top_level_array(void **state)
{
	struct buf b;
	char *text = NULL;
	int i;

	(void)state;
	buf_open(&b);
	json_array_begin(&b.j);
	for (i = 0; i < 3; i++) {
		json_object_begin(&b.j);
		json_key(&b.j, "n");
		json_int(&b.j, i);
		json_key(&b.j, "list");
		json_array_begin(&b.j);
		json_int(&b.j, INT64_MAX);
		json_int(&b.j, INT64_MIN);
		json_array_end(&b.j);
		json_object_end(&b.j);
	}
	json_array_end(&b.j);
	text = buf_done(&b);
	assert_string_equal(text,
	    "[{\"n\":0,\"list\":[9223372036854775807,-9223372036854775808]},"
	    "{\"n\":1,\"list\":[9223372036854775807,-9223372036854775808]},"
	    "{\"n\":2,\"list\":[9223372036854775807,-9223372036854775808]}]"
	    "\n");
	assert_int_equal(python_check(text,
			     "sys.exit(0 if len(d) == 3 and d[2][\"list\"][1] "
			     "== -2**63 else 1)"),
	    0);
	free(text);
}

static void
test_deep_nesting(void **state)
{
	struct buf b;
	char *text = NULL, want[2 * JSON_DEPTH_MAX + 2];
	int i, levels = JSON_DEPTH_MAX - 1;

	(void)state;
	buf_open(&b);
	for (i = 0; i < levels; i++)
		json_array_begin(&b.j);
	for (i = 0; i < levels; i++)
		json_array_end(&b.j);
	text = buf_done(&b);
	memset(want, '[', (size_t)levels);
	memset(want + levels, ']', (size_t)levels);
	want[2 * levels] = '\n';
	want[2 * levels + 1] = '\0';
	assert_string_equal(text, want);
	free(text);
}

static void
test_escapes(void **state)
{
	(void)state;
	assert_quoted("", "\"\"");
	assert_quoted("plain text", "\"plain text\"");
	assert_quoted("say \"hi\"", "\"say \\\"hi\\\"\"");
	assert_quoted("C:\\dir\\", "\"C:\\\\dir\\\\\"");
	assert_quoted("a\nb", "\"a\\nb\"");
	assert_quoted("a\tb", "\"a\\tb\"");
	assert_quoted("a\rb", "\"a\\u000db\"");
	assert_quoted("\x01", "\"\\u0001\"");
	assert_quoted("\x1b[2J", "\"\\u001b[2J\"");
	assert_quoted("\x1f\x7f", "\"\\u001f\\u007f\"");
	/* "/" needs no escape. */
	assert_quoted("</script>", "\"</script>\"");
	/* C1 controls, line and paragraph separators. */
	assert_quoted("\xc2\x85", "\"\\u0085\"");
	assert_quoted("\xc2\x9b", "\"\\u009b\"");
	assert_quoted("a\xe2\x80\xa8"
		      "b",
	    "\"a\\u2028b\"");
	assert_quoted("\xe2\x80\xa9", "\"\\u2029\"");
	/* Other text stays as it is. */
	assert_quoted("Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80",
	    "\"Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80\"");
	/* Keys are strings too. */
	{
		struct buf b;
		char *text = NULL;

		buf_open(&b);
		json_object_begin(&b.j);
		json_key(&b.j, "k\"\n\x01");
		json_int(&b.j, 0);
		json_object_end(&b.j);
		text = buf_done(&b);
		assert_string_equal(text, "{\"k\\\"\\n\\u0001\":0}\n");
		free(text);
	}
}

static void
test_invalid_utf8(void **state)
{
	char *got = NULL;

	(void)state;
	assert_quoted("\xff", "\"\\ufffd\"");
	assert_quoted("a\xff"
		      "b",
	    "\"a\\ufffdb\"");
	assert_quoted("\x80", "\"\\ufffd\"");
	/* Cut short at the end. */
	assert_quoted("ab\xc3", "\"ab\\ufffd\"");
	assert_quoted("ab\xe6\x97", "\"ab\\ufffd\\ufffd\"");
	/* Overlong "/" and an encoded surrogate never come out as such. */
	got = quoted("\xc0\xaf");
	assert_null(strchr(got, '/'));
	assert_null(strchr(got, '\xc0'));
	assert_non_null(strstr(got, "\\ufffd"));
	free(got);
	got = quoted("\xed\xa0\x80");
	assert_null(strstr(got, "\xed\xa0\x80"));
	assert_non_null(strstr(got, "\\ufffd"));
	free(got);
	/* Code points above U+10FFFF. */
	got = quoted("\xf4\x90\x80\x80");
	assert_null(strstr(got, "\xf4\x90"));
	free(got);
}

/* Everything hostile in one document, read back by Python. */
static void
test_python_parses(void **state)
{
	static const char *const hostile[] = {
		"say \"hi\"",
		"back\\slash\\",
		"\x01\x02\x1b[31m\x7f",
		"line\nbreak\r\n",
		"bad \xff\xfe utf8 \xc3",
		"sep \xe2\x80\xa8 \xe2\x80\xa9",
		"c1 \xc2\x85\xc2\x9f",
		"\xed\xa0\x80\xc0\xaf",
		"Zo\xc3\xab \xf0\x9f\x98\x80",
	};
	struct buf b;
	char *text = NULL, key[16];
	size_t i;

	(void)state;
	buf_open(&b);
	json_object_begin(&b.j);
	json_key(&b.j, "list");
	json_array_begin(&b.j);
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		json_string(&b.j, hostile[i]);
	json_array_end(&b.j);
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		(void)snprintf(key, sizeof(key), "k%zu\x01\xff", i);
		json_key(&b.j, key);
		json_string(&b.j, hostile[i]);
	}
	json_object_end(&b.j);
	text = buf_done(&b);
	/* Only printable ASCII and valid UTF-8 in the output. */
	assert_null(strchr(text, '\x1b'));
	assert_null(strchr(text, '\r'));
	assert_ptr_equal(strchr(text, '\n'), text + strlen(text) - 1);
	assert_int_equal(python_check(text, "pass"), 0);
	assert_int_equal(python_check(text,
			     "l = d[\"list\"]; sys.exit(0 if "
			     "l[0] == \"say \\\"hi\\\"\" and "
			     "l[1] == \"back\\\\slash\\\\\" and "
			     "l[2] == \"\\x01\\x02\\x1b[31m\\x7f\" and "
			     "l[3] == \"line\\nbreak\\r\\n\" and "
			     "l[4] == \"bad \\ufffd\\ufffd utf8 \\ufffd\" and "
			     "l[5] == \"sep \\u2028 \\u2029\" and "
			     "l[8] == \"Zo\\u00eb \\U0001f600\" and "
			     "len(d) == 10 else 1)"),
	    0);
	/* The check can fail: broken JSON and a wrong value are caught. */
	assert_int_not_equal(python_check("{\"a\":\"x\x01\"}", "pass"), 0);
	assert_int_not_equal(python_check("{\"a\":1,}", "pass"), 0);
	assert_int_not_equal(
	    python_check(text, "sys.exit(0 if d[\"list\"][0] == \"\" else 1)"),
	    0);
	free(text);
}

static void
test_finish_write_error(void **state)
{
	struct json j;
	FILE *fp = NULL;

	(void)state;
	fp = fopen("/dev/full", "w");
	assert_non_null(fp);
	json_init(&j, fp);
	json_object_begin(&j);
	json_key(&j, "a");
	json_string(&j, "b");
	json_object_end(&j);
	assert_int_equal(json_finish(&j), MB_ERR_IO);
	(void)fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nesting_and_commas),
		cmocka_unit_test(test_top_level_array),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_python_parses),
		cmocka_unit_test(test_finish_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
