/* Unit tests of mail: address checks, composing, running the command. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <regex.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "mail.h"
#include "test_util.h"

#define TEST_FROM "Mentorboard <board@example.org>"
#define TEST_PATH_MAX 512
#define TEST_COMMAND_MAX 1024
#define TEST_BIG_MESSAGE (1024 * 1024) /* more than a pipe holds */
#define TEST_CLOCK_SLACK 300 /* seconds the Date may be off */
#define TEST_HEADER_SOFT_MAX 78

static char test_dir[] = "/tmp/test_mail.XXXXXX";

/* ---- helpers --------------------------------------------------------- */

static void
test_path(char *out, const char *name)
{
	int n = snprintf(out, TEST_PATH_MAX, "%s/%s", test_dir, name);

	assert_true(n > 0 && n < TEST_PATH_MAX);
}

static void
test_remove(const char *name)
{
	char path[TEST_PATH_MAX];

	test_path(path, name);
	(void)unlink(path);
}

/*
 * A command, with %s replaced by the test directory.  A command that
 * should succeed reads all its input: one that exits before the message
 * is written fails ("did not read the whole message") when the machine
 * is busy.
 */
static void
test_command(char *out, const char *fmt)
{
	int n = snprintf(out, TEST_COMMAND_MAX, fmt, test_dir, test_dir);

	assert_true(n > 0 && n < TEST_COMMAND_MAX);
}

/* Compose; the message must be built. */
static char *
test_compose(const struct mail_msg *m, size_t *len)
{
	char err[MAIL_ERROR_MAX] = "";
	char *out = NULL;
	size_t n = 0;
	int rc;

	rc = mail_compose(m, &out, &n, err, sizeof(err));
	if (rc != 0)
		fail_msg("mail_compose: %d: %s", rc, err);
	assert_non_null(out);
	assert_int_equal(strlen(out), n);
	if (len != NULL)
		*len = n;
	return out;
}

/* Compose; it must be refused with MB_ERR_INVALID and no message. */
static void
test_refused(const struct mail_msg *m, const char *what)
{
	char err[MAIL_ERROR_MAX] = "";
	char *out = (char *)"garbage";
	size_t n = 7;
	int rc;

	rc = mail_compose(m, &out, &n, err, sizeof(err));
	if (rc != MB_ERR_INVALID)
		fail_msg("%s: mail_compose returned %d, not refused", what, rc);
	assert_null(out);
	assert_int_equal(n, 0);
	assert_true(err[0] != '\0');
}

static void
test_msg_init(struct mail_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->from = TEST_FROM;
	m->to_name = "Anna Schmidt";
	m->to_addr = "anna@example.com";
	m->subject = "Your verification code";
	m->body = "Hello Anna,\n\nyour code is 123456.\n";
}

/* Where the body starts: after the first empty line. */
static const char *
test_body(const char *msg)
{
	const char *p = strstr(msg, "\n\n");

	assert_non_null(p);
	return p + 2;
}

/*
 * The unfolded value of header field name (without "Name: "), or NULL.
 * *count gets how many such fields there are.
 */
static char *
test_header(const char *msg, const char *name, int *count)
{
	const char *end = test_body(msg) - 1, *p = msg, *eol, *v = NULL;
	size_t nlen = strlen(name);
	char *value = NULL;
	size_t o = 0;
	int found = 0;

	while (p < end) {
		eol = strchr(p, '\n');
		assert_non_null(eol);
		if ((size_t)(eol - p) > nlen &&
		    strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
			found++;
			if (v == NULL)
				v = p + nlen + 1;
		}
		p = eol + 1;
	}
	if (count != NULL)
		*count = found;
	if (v == NULL)
		return NULL;
	value = malloc(strlen(v) + 1);
	assert_non_null(value);
	/* Unfold: a line end followed by a blank goes; stop at the next. */
	for (p = v; p < end; p++) {
		if (*p == '\n' && (p[1] == ' ' || p[1] == '\t'))
			continue;
		if (*p == '\n')
			break;
		value[o++] = *p;
	}
	value[o] = '\0';
	/* The blank after the colon. */
	if (value[0] == ' ')
		memmove(value, value + 1, o);
	return value;
}

/*
 * Decode RFC 2047 encoded-words (B and Q) in an unfolded value; blanks
 * between two encoded-words go, as the RFC says.
 */
static char *
test_decode_words(const char *v)
{
	char *out = NULL, *text = NULL;
	const char *p = v, *q, *end, *ws;
	size_t o = 0, bin_len, i, pending = 0;
	int last_was_word = 0;

	out = calloc(1, strlen(v) * 2 + 1);
	assert_non_null(out);
	while (*p != '\0') {
		if (strncasecmp(p, "=?UTF-8?", 8) == 0 &&
		    (p[8] == 'B' || p[8] == 'b' || p[8] == 'Q' ||
			p[8] == 'q') &&
		    p[9] == '?') {
			end = strstr(p + 10, "?=");
			assert_non_null(end);
			if (last_was_word)
				o -= pending;
			text = strndup(p + 10, (size_t)(end - p - 10));
			assert_non_null(text);
			if (p[8] == 'B' || p[8] == 'b') {
				assert_int_equal(
				    sodium_base642bin((unsigned char *)out + o,
					strlen(text), text, strlen(text), NULL,
					&bin_len, NULL,
					sodium_base64_VARIANT_ORIGINAL),
				    0);
				o += bin_len;
			} else {
				for (i = 0; text[i] != '\0'; i++) {
					if (text[i] == '_')
						out[o++] = ' ';
					else if (text[i] == '=') {
						unsigned int c;
						assert_int_equal(
						    sscanf(text + i + 1, "%2x",
							&c),
						    1);
						out[o++] = (char)c;
						i += 2;
					} else
						out[o++] = text[i];
				}
			}
			free(text);
			p = end + 2;
			last_was_word = 1;
			pending = 0;
			continue;
		}
		ws = p;
		q = p;
		while (*q == ' ' || *q == '\t')
			q++;
		if (q > ws) {
			memcpy(out + o, ws, (size_t)(q - ws));
			o += (size_t)(q - ws);
			pending = (size_t)(q - ws);
			p = q;
			continue;
		}
		out[o++] = *p++;
		last_was_word = 0;
		pending = 0;
	}
	out[o] = '\0';
	return out;
}

/* Decode a quoted-printable body. */
static char *
test_decode_qp(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	size_t o = 0;
	unsigned int c;

	assert_non_null(out);
	while (*s != '\0') {
		if (s[0] == '=' && s[1] == '\n') {
			s += 2;
		} else if (s[0] == '=') {
			assert_int_equal(sscanf(s + 1, "%2x", &c), 1);
			out[o++] = (char)c;
			s += 3;
		} else
			out[o++] = *s++;
	}
	out[o] = '\0';
	return out;
}

/*
 * Check the shape of every message: header fields (name, colon) and their
 * continuation lines, then one empty line, then the body; lines within
 * MAIL_LINE_MAX; header lines within header_max; ends in "\n";
 * no CR anywhere; the required fields once each.
 */
static void
test_check_structure(const char *msg, size_t len, size_t header_max)
{
	static const char *const required[] = { "From", "To", "Subject", "Date",
		"Message-ID", "MIME-Version", "Content-Type",
		"Content-Transfer-Encoding" };
	const char *p = msg, *eol, *body = test_body(msg), *colon;
	char *v = NULL;
	size_t i;
	int count, in_header = 1;

	assert_true(len > 0);
	assert_int_equal(msg[len - 1], '\n');
	assert_null(memchr(msg, '\r', len));
	while (p < msg + len) {
		eol = strchr(p, '\n');
		assert_non_null(eol);
		assert_true(eol - p <= MAIL_LINE_MAX);
		if (p == body - 1) {
			in_header = 0;
		} else if (in_header) {
			if ((size_t)(eol - p) > header_max)
				fail_msg("header line of %d: %.*s",
				    (int)(eol - p), (int)(eol - p), p);
			if (p[0] == ' ' || p[0] == '\t') {
				assert_true(p != msg);
				/* No line of blanks only. */
				assert_true(
				    strspn(p, " \t") < (size_t)(eol - p));
			} else {
				colon = memchr(p, ':', (size_t)(eol - p));
				assert_non_null(colon);
				assert_true(colon > p);
				assert_int_equal(
				    strcspn(p, " :"), (size_t)(colon - p));
			}
		}
		p = eol + 1;
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		v = test_header(msg, required[i], &count);
		if (count != 1)
			fail_msg("%s appears %d times", required[i], count);
		free(v);
	}
	v = test_header(msg, "Bcc", &count);
	assert_null(v);
	v = test_header(msg, "MIME-Version", NULL);
	assert_string_equal(v, "1.0");
	free(v);
	v = test_header(msg, "Content-Type", NULL);
	assert_string_equal(v, "text/plain; charset=UTF-8");
	free(v);
}

static int
test_regex(const char *s, const char *pattern)
{
	regex_t re;
	int rc;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	rc = regexec(&re, s, 0, NULL, 0);
	regfree(&re);
	return rc == 0;
}

/* ---- mail_address_valid ---------------------------------------------- */

static void
test_address_table(void **state)
{
	static const struct {
		const char *addr;
		int valid;
	} cases[] = {
		{ "anna@example.com", 1 },
		{ "first.last+tag@example.org", 1 },
		{ "o'brien@mail.example.co.uk", 1 },
		{ "x@a-b.example", 1 },
		{ "A_B-c=d?e@EXAMPLE.ORG", 1 },
		{ "1@2.3", 1 },
		{ "a@b", 0 },
		{ "a@localhost", 0 },
		{ "a@-b.com", 0 },
		{ "a@b-.com", 0 },
		{ "a@b.-com", 0 },
		{ "a b@c.de", 0 },
		{ "a@b.c\n", 0 },
		{ "a@b.c\r", 0 },
		{ "a@b.c\nBcc: x@y.de", 0 },
		{ "a\t@b.de", 0 },
		{ "a\x01@b.de", 0 },
		{ "a\x7f@b.de", 0 },
		{ "", 0 },
		{ "@b.de", 0 },
		{ "a@", 0 },
		{ "a", 0 },
		{ "a@@b.de", 0 },
		{ "a@b@c.de", 0 },
		{ "a@.b.de", 0 },
		{ "a@b..de", 0 },
		{ "a@b.de.", 0 },
		{ ".a@b.de", 0 },
		{ "a.@b.de", 0 },
		{ "a..b@c.de", 0 },
		{ "\"a\"@b.de", 0 },
		{ "<a@b.de>", 0 },
		{ "a,b@c.de", 0 },
		{ "a;b@c.de", 0 },
		{ "a\\b@c.de", 0 },
		{ "a(b)@c.de", 0 },
		{ "a:b@c.de", 0 },
		{ "a@b_c.de", 0 },
		{ "a@[127.0.0.1]", 0 },
		{ "a@b.de ", 0 },
		{ " a@b.de", 0 },
		{ "zo\xc3\xab@example.org", 0 },
		{ "a@ex\xc3\xa4mple.org", 0 },
		{ "a@b\xff.de", 0 },
	};
	char addr[MAIL_ADDRESS_MAX + 2];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (mail_address_valid(cases[i].addr) != cases[i].valid)
			fail_msg("mail_address_valid(\"%s\") is not %d",
			    cases[i].addr, cases[i].valid);
	}
	assert_int_equal(mail_address_valid(NULL), 0);

	/* 254 bytes: the longest; 255: one too many. */
	memset(addr, 'a', MAIL_LOCAL_PART_MAX);
	addr[MAIL_LOCAL_PART_MAX] = '@';
	for (i = MAIL_LOCAL_PART_MAX + 1; i < MAIL_ADDRESS_MAX; i++)
		addr[i] = (i - MAIL_LOCAL_PART_MAX) % 50 == 0 ? '.' : 'b';
	addr[MAIL_ADDRESS_MAX - 4] = '.';
	addr[MAIL_ADDRESS_MAX] = '\0';
	assert_int_equal(strlen(addr), MAIL_ADDRESS_MAX);
	assert_int_equal(mail_address_valid(addr), 1);
	addr[MAIL_ADDRESS_MAX] = 'x';
	addr[MAIL_ADDRESS_MAX + 1] = '\0';
	assert_int_equal(strlen(addr), MAIL_ADDRESS_MAX + 1);
	assert_int_equal(mail_address_valid(addr), 0);

	/* Local part of 64 bytes, then 65. */
	memset(addr, 'a', MAIL_LOCAL_PART_MAX);
	(void)strcpy(addr + MAIL_LOCAL_PART_MAX, "@b.de");
	assert_int_equal(mail_address_valid(addr), 1);
	memset(addr, 'a', MAIL_LOCAL_PART_MAX + 1);
	(void)strcpy(addr + MAIL_LOCAL_PART_MAX + 1, "@b.de");
	assert_int_equal(mail_address_valid(addr), 0);

	/* A label of 63 bytes, then 64. */
	(void)strcpy(addr, "a@");
	memset(addr + 2, 'b', MAIL_DOMAIN_LABEL_MAX);
	(void)strcpy(addr + 2 + MAIL_DOMAIN_LABEL_MAX, ".de");
	assert_int_equal(mail_address_valid(addr), 1);
	memset(addr + 2, 'b', MAIL_DOMAIN_LABEL_MAX + 1);
	(void)strcpy(addr + 2 + MAIL_DOMAIN_LABEL_MAX + 1, ".de");
	assert_int_equal(mail_address_valid(addr), 0);
}

/* ---- mail_compose ---------------------------------------------------- */

static void
test_compose_ascii(void **state)
{
	static const char head[] = "From: Mentorboard <board@example.org>\n"
				   "To: Anna Schmidt <anna@example.com>\n"
				   "Subject: Your verification code\n"
				   "Date: ";
	struct mail_msg m;
	char *msg = NULL, *v = NULL;
	size_t len;

	(void)state;
	test_msg_init(&m);
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	assert_true(strncmp(msg, head, strlen(head)) == 0);
	assert_non_null(strstr(msg,
	    "\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n\n"));
	assert_string_equal(test_body(msg), m.body);
	v = test_header(msg, "Auto-Submitted", NULL);
	assert_string_equal(v, "auto-generated");
	free(v);
	free(msg);

	/* No name: the bare address. */
	m.to_name = NULL;
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "To", NULL);
	assert_string_equal(v, "anna@example.com");
	free(v);
	free(msg);
	m.to_name = "";
	msg = test_compose(&m, &len);
	v = test_header(msg, "To", NULL);
	assert_string_equal(v, "anna@example.com");
	free(v);
	free(msg);
}

static void
test_compose_utf8_name(void **state)
{
	struct mail_msg m;
	char *msg = NULL, *v = NULL, *d = NULL;
	size_t len;

	(void)state;
	test_msg_init(&m);
	m.to_name = "Zo\xc3\xab M\xc3\xbcller";
	m.to_addr = "zoe@example.org";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	assert_non_null(strstr(
	    msg, "\nTo: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <zoe@example.org>\n"));
	v = test_header(msg, "To", NULL);
	d = test_decode_words(v);
	assert_string_equal(d, "Zo\xc3\xab M\xc3\xbcller <zoe@example.org>");
	free(d);
	free(v);
	free(msg);

	/* Long enough to need several encoded-words and folding. */
	m.to_name = "Zo\xc3\xab M\xc3\xbcller-L\xc3\xbc"
		    "denscheidt von und zu Gr\xc3\xbc\xc3\x9f"
		    "enbach-\xc3\x96sterreich-\xc3\x9c"
		    "berlingen \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "To", NULL);
	d = test_decode_words(v);
	assert_true(strncmp(d, m.to_name, strlen(m.to_name)) == 0);
	assert_string_equal(d + strlen(m.to_name), " <zoe@example.org>");
	free(d);
	free(v);
	free(msg);
}

static void
test_compose_specials(void **state)
{
	static const struct {
		const char *name;
		const char *header;
	} cases[] = {
		{ "Anna K.", "To: \"Anna K.\" <a@b.de>\n" },
		{ "Smith, John (CTO) \"JS\" \\o/",
		    "To: \"Smith, John (CTO) \\\"JS\\\" \\\\o/\" <a@b.de>\n" },
		{ "O'Brien", "To: O'Brien <a@b.de>\n" },
		{ "a <b@c.de>", "To: \"a <b@c.de>\" <a@b.de>\n" },
		{ "Semi;colon", "To: \"Semi;colon\" <a@b.de>\n" },
		{ " spaced  out ", "To: \" spaced  out \" <a@b.de>\n" },
		/* What looks like an encoded-word is encoded itself. */
		{ "=?UTF-8?B?QUJD?=",
		    "To: =?UTF-8?B?PT9VVEYtOD9CP1FVSkQ/PQ==?= "
		    "<a@b.de>\n" },
	};
	struct mail_msg m;
	char *msg = NULL, *v = NULL, *d = NULL, *expect = NULL;
	size_t i, len;

	(void)state;
	test_msg_init(&m);
	m.to_addr = "a@b.de";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		m.to_name = cases[i].name;
		msg = test_compose(&m, &len);
		test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
		if (strstr(msg, cases[i].header) == NULL)
			fail_msg("no %s in:\n%s", cases[i].header, msg);
		free(msg);
	}

	/* A long ASCII name with specials is encoded and folded. */
	m.to_name = "Professor Doctor Anna-Maria Schmidt-Hohenstein, "
		    "Head of (Very Important) Mentoring, \"the Boss\"";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "To", NULL);
	d = test_decode_words(v);
	expect = malloc(strlen(m.to_name) + 32);
	assert_non_null(expect);
	(void)sprintf(expect, "%s <a@b.de>", m.to_name);
	assert_string_equal(d, expect);
	free(expect);
	free(d);
	free(v);
	free(msg);
}

static void
test_compose_subject(void **state)
{
	struct mail_msg m;
	char *msg = NULL, *v = NULL, *d = NULL;
	char long_subject[MAIL_SUBJECT_MAX + 1];
	size_t len, i;

	(void)state;
	test_msg_init(&m);
	m.subject = "Gr\xc3\xbc\xc3\x9f"
		    "e aus K\xc3\xb6ln";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	assert_non_null(
	    strstr(msg, "\nSubject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=\n"));
	free(msg);

	/* Long, with umlauts: folded, and decodes back with its spaces. */
	m.subject = "Neue Nachricht von Zo\xc3\xab M\xc3\xbcller-L\xc3\xbc"
		    "denscheidt \xc3\xbc"
		    "ber Ihre Bewerbung als Softwareentwicklerin in "
		    "M\xc3\xbcnchen  (zwei Leerzeichen)";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "Subject", NULL);
	d = test_decode_words(v);
	assert_string_equal(d, m.subject);
	free(d);
	free(v);
	free(msg);

	/* Long ASCII: folded between words, unfolds to the same. */
	m.subject = "A rather long subject line that has to be folded "
		    "somewhere because it is longer than seventy-eight "
		    "characters in all";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "Subject", NULL);
	assert_string_equal(v, m.subject);
	free(v);
	free(msg);

	/* The longest subject, one word without spaces. */
	for (i = 0; i < MAIL_SUBJECT_MAX; i++)
		long_subject[i] = (char)('a' + i % 26);
	long_subject[MAIL_SUBJECT_MAX] = '\0';
	m.subject = long_subject;
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "Subject", NULL);
	d = test_decode_words(v);
	assert_string_equal(d, long_subject);
	free(d);
	free(v);
	free(msg);

	/* Empty. */
	m.subject = "";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	assert_non_null(strstr(msg, "\nSubject:\n"));
	free(msg);
}

static void
test_compose_injection(void **state)
{
	static const char *const bad[] = {
		"Evil\nBcc: x@y.de", /* LF */
		"Evil\rBcc: x@y.de", /* CR */
		"Evil\r\nBcc: x@y.de", /* CRLF */
		"Evil\n", /* LF at the end */
		"\nBcc: x@y.de", /* LF at the start */
		"Evil\tname", /* tab */
		"Evil\x7f", /* DEL */
		"Evil\x1b[2J", /* ESC */
		"Evil \xc2\x85 next line", /* U+0085 NEL */
		"Evil \xe2\x80\xa8 line separator", /* U+2028 */
		"Evil \xe2\x80\xae reversed", /* U+202E */
		"Evil \xc3", /* invalid UTF-8 */
		"Evil \xc0\x8a", /* overlong LF */
	};
	struct mail_msg m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		test_msg_init(&m);
		m.to_name = bad[i];
		test_refused(&m, "to_name");
		test_msg_init(&m);
		m.subject = bad[i];
		test_refused(&m, "subject");
		test_msg_init(&m);
		m.to_addr = bad[i];
		test_refused(&m, "to_addr");
		test_msg_init(&m);
		m.from = bad[i];
		test_refused(&m, "from");
	}
	test_msg_init(&m);
	m.to_addr = "anna@example.com\nBcc: x@y.de";
	test_refused(&m, "to_addr with Bcc");
	m.to_addr = "anna@example.com\r\nBcc: x@y.de";
	test_refused(&m, "to_addr with CRLF Bcc");
	test_msg_init(&m);
	m.from = "Mentorboard <board@example.org>\nBcc: x@y.de";
	test_refused(&m, "from with Bcc");
	m.from = "Mentor\nBcc: x@y.de <board@example.org>";
	test_refused(&m, "from name with Bcc");
}

static void
test_compose_bad_input(void **state)
{
	char name[MAIL_NAME_MAX + 2];
	char subject[MAIL_SUBJECT_MAX + 2];
	char *body = NULL;
	struct mail_msg m;
	size_t i;

	(void)state;
	test_msg_init(&m);
	m.to_addr = NULL;
	test_refused(&m, "no to_addr");
	test_msg_init(&m);
	m.subject = NULL;
	test_refused(&m, "no subject");
	test_msg_init(&m);
	m.body = NULL;
	test_refused(&m, "no body");
	test_msg_init(&m);
	m.from = NULL;
	test_refused(&m, "no from");
	test_msg_init(&m);
	m.to_addr = "a@b";
	test_refused(&m, "dotless to_addr");

	/* Bodies: "\n" and tab only. */
	m.to_addr = "anna@example.com";
	m.body = "line\r\nline\n";
	test_refused(&m, "body with CR");
	m.body = "bell\a\n";
	test_refused(&m, "body with BEL");
	m.body = "bad \xff\n";
	test_refused(&m, "body not UTF-8");

	/* Too long. */
	test_msg_init(&m);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	m.to_name = name;
	test_refused(&m, "long name");
	test_msg_init(&m);
	memset(subject, 's', sizeof(subject) - 1);
	subject[sizeof(subject) - 1] = '\0';
	m.subject = subject;
	test_refused(&m, "long subject");
	test_msg_init(&m);
	body = malloc(MAIL_MESSAGE_MAX + 1);
	assert_non_null(body);
	memset(body, 'x', MAIL_MESSAGE_MAX);
	body[MAIL_MESSAGE_MAX] = '\0';
	m.body = body;
	test_refused(&m, "body of MAIL_MESSAGE_MAX");
	/* Short lines fit as they are; with the headers it is too much. */
	memset(body, 'x', MAIL_MESSAGE_MAX);
	for (i = 100; i < MAIL_MESSAGE_MAX; i += 100)
		body[i] = '\n';
	body[MAIL_MESSAGE_MAX - 100] = '\0';
	test_refused(&m, "body and headers over MAIL_MESSAGE_MAX");
	free(body);

	/* Bad configured senders. */
	test_msg_init(&m);
	m.from = "Board <not an address>";
	test_refused(&m, "from without address");
	m.from = "Board <board@example.org";
	test_refused(&m, "from without >");
	m.from = "";
	test_refused(&m, "empty from");
	m.from = "Board board@example.org>";
	test_refused(&m, "from without <");
	m.from = "\"Bo\"ard\" <board@example.org>";
	test_refused(&m, "from with stray quote");
}

static void
test_compose_from(void **state)
{
	static const struct {
		const char *from;
		const char *header;
		const char *domain;
	} cases[] = {
		{ "board@example.org", "From: board@example.org\n",
		    "example.org" },
		{ "Mentorboard <mentorboard@localhost>",
		    "From: Mentorboard <mentorboard@localhost>\n",
		    "localhost" },
		{ "\"Mentor Board\" <b@m.example.net>",
		    "From: Mentor Board <b@m.example.net>\n", "m.example.net" },
		{ "  Mentor Board, Inc.   <b@example.net>",
		    "From: \"Mentor Board, Inc.\" <b@example.net>\n",
		    "example.net" },
		{ "<b@example.net>", "From: b@example.net\n", "example.net" },
		{ "Mentorb\xc3\xb6rse <b@example.net>",
		    "From: =?UTF-8?B?TWVudG9yYsO2cnNl?= <b@example.net>\n",
		    "example.net" },
	};
	struct mail_msg m;
	char *msg = NULL, *v = NULL, pattern[256];
	size_t i, len;

	(void)state;
	test_msg_init(&m);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		m.from = cases[i].from;
		msg = test_compose(&m, &len);
		test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
		if (strncmp(msg, cases[i].header, strlen(cases[i].header)) != 0)
			fail_msg("no %s in:\n%s", cases[i].header, msg);
		v = test_header(msg, "Message-ID", NULL);
		(void)snprintf(pattern, sizeof(pattern), "^<[0-9a-f]{32}@%s>$",
		    cases[i].domain);
		if (!test_regex(v, pattern))
			fail_msg("Message-ID %s for %s", v, cases[i].from);
		free(v);
		free(msg);
	}
}

/*
 * The longest addresses: lines that cannot be folded get long, but stay
 * within MAIL_LINE_MAX.  (A Message-ID at a long From domain overflowed a
 * fixed buffer once: found by fuzz_mail_address.)
 */
static void
test_compose_long_addresses(void **state)
{
	char addr[MAIL_ADDRESS_MAX + 1], from[MAIL_FROM_MAX + 1];
	char name[MAIL_NAME_MAX + 1];
	struct mail_msg m;
	char *msg = NULL, *v = NULL, *d = NULL;
	size_t len, i;

	(void)state;
	memset(addr, 'a', MAIL_LOCAL_PART_MAX);
	addr[MAIL_LOCAL_PART_MAX] = '@';
	for (i = MAIL_LOCAL_PART_MAX + 1; i < MAIL_ADDRESS_MAX; i++)
		addr[i] = (i % 60 == 0) ? '.' : 'd';
	addr[MAIL_ADDRESS_MAX] = '\0';
	assert_int_equal(mail_address_valid(addr), 1);
	for (i = 0; i < MAIL_NAME_MAX; i++)
		name[i] = (i % 7 == 6) ? ' ' : 'n';
	name[MAIL_NAME_MAX] = '\0';
	(void)snprintf(from, sizeof(from), "%s <%s>", name, addr);

	test_msg_init(&m);
	m.from = from;
	m.to_name = name;
	m.to_addr = addr;
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, MAIL_LINE_MAX);
	v = test_header(msg, "To", NULL);
	d = test_decode_words(v);
	assert_true(strncmp(d, name, MAIL_NAME_MAX) == 0);
	assert_true(strncmp(d + MAIL_NAME_MAX, " <", 2) == 0);
	assert_memory_equal(d + MAIL_NAME_MAX + 2, addr, MAIL_ADDRESS_MAX);
	assert_string_equal(d + MAIL_NAME_MAX + 2 + MAIL_ADDRESS_MAX, ">");
	free(d);
	free(v);
	v = test_header(msg, "Message-ID", NULL);
	assert_non_null(strstr(v, strchr(addr, '@')));
	free(v);
	free(msg);
}

static void
test_compose_date_message_id(void **state)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat" };
	struct mail_msg m;
	struct tm tm;
	char *msg = NULL, *msg2 = NULL, *date = NULL, *id = NULL, *id2 = NULL;
	char wday[4], mon[4];
	size_t len, i;
	time_t t, now;

	(void)state;
	test_msg_init(&m);
	msg = test_compose(&m, &len);
	msg2 = test_compose(&m, &len);
	date = test_header(msg, "Date", NULL);
	assert_non_null(date);
	if (!test_regex(date,
		"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
		"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
		"[0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] \\+0000$"))
		fail_msg("Date: %s", date);
	memset(&tm, 0, sizeof(tm));
	assert_int_equal(
	    sscanf(date, "%3[A-Za-z], %d %3s %d %d:%d:%d", wday, &tm.tm_mday,
		mon, &tm.tm_year, &tm.tm_hour, &tm.tm_min, &tm.tm_sec),
	    7);
	for (i = 0; i < 12; i++)
		if (strcmp(mon, months[i]) == 0)
			tm.tm_mon = (int)i;
	tm.tm_year -= 1900;
	t = timegm(&tm);
	now = time(NULL);
	assert_true(t > now - TEST_CLOCK_SLACK && t < now + TEST_CLOCK_SLACK);
	/* The weekday matches the date. */
	assert_true(gmtime_r(&t, &tm) != NULL);
	assert_string_equal(wday, days[tm.tm_wday]);

	id = test_header(msg, "Message-ID", NULL);
	id2 = test_header(msg2, "Message-ID", NULL);
	assert_true(test_regex(id, "^<[0-9a-f]{32}@example\\.org>$"));
	assert_true(test_regex(id2, "^<[0-9a-f]{32}@example\\.org>$"));
	assert_string_not_equal(id, id2);
	free(id);
	free(id2);
	free(date);
	free(msg);
	free(msg2);
}

static void
test_compose_body(void **state)
{
	struct mail_msg m;
	char *msg = NULL, *body = NULL, *decoded = NULL, *v = NULL;
	const char *b, *p, *eol;
	size_t len, i;

	(void)state;
	test_msg_init(&m);

	/* A final newline is added; tabs and UTF-8 stay. */
	m.body = "Gr\xc3\xbc\xc3\x9f"
		 "e\tund tsch\xc3\xbc"
		 "ss";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	assert_string_equal(test_body(msg),
	    "Gr\xc3\xbc\xc3\x9f"
	    "e\tund tsch\xc3\xbc"
	    "ss\n");
	free(msg);

	/* Empty body. */
	m.body = "";
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	assert_string_equal(test_body(msg), "");
	free(msg);

	/* A line of exactly MAIL_LINE_MAX bytes stays 8bit. */
	body = malloc(3 * MAIL_LINE_MAX);
	assert_non_null(body);
	memset(body, 'x', MAIL_LINE_MAX);
	(void)strcpy(body + MAIL_LINE_MAX, "\nshort\n");
	m.body = body;
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "Content-Transfer-Encoding", NULL);
	assert_string_equal(v, "8bit");
	free(v);
	assert_string_equal(test_body(msg), body);
	free(msg);

	/* One byte more: quoted-printable. */
	memset(body, 'x', MAIL_LINE_MAX + 1);
	(void)strcpy(body + MAIL_LINE_MAX + 1, "\n");
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "Content-Transfer-Encoding", NULL);
	assert_string_equal(v, "quoted-printable");
	free(v);
	free(msg);

	/* Blanks, "=", UTF-8 and long lines all decode back. */
	for (i = 0; i < 2 * MAIL_LINE_MAX; i++)
		body[i] = "ab= \xc3\xa4"[i % 6];
	(void)strcpy(body + 2 * MAIL_LINE_MAX, "  \ntrailing tab\t\n=\n");
	m.body = body;
	msg = test_compose(&m, &len);
	test_check_structure(msg, len, TEST_HEADER_SOFT_MAX);
	v = test_header(msg, "Content-Transfer-Encoding", NULL);
	assert_string_equal(v, "quoted-printable");
	free(v);
	b = test_body(msg);
	for (p = b; *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		assert_non_null(eol);
		assert_true(eol - p <= MAIL_QP_LINE_MAX);
		/* No blank at a line end, no raw 8-bit byte. */
		if (eol > p)
			assert_true(eol[-1] != ' ' && eol[-1] != '\t');
		for (; p < eol; p++)
			assert_true((unsigned char)*p < 0x80);
	}
	decoded = test_decode_qp(b);
	assert_string_equal(decoded, body);
	free(decoded);
	free(msg);
	free(body);
}

/* ---- mail_send ------------------------------------------------------- */

static void
test_send_append(void **state)
{
	const char *message = "To: a@b.de\nSubject: x\n\nline 1\n\xc3\xa4\n";
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	char *got = NULL;
	size_t len;
	int rc;

	(void)state;
	test_remove("mail.out");
	test_command(command, "cat >> %s/mail.out");
	rc = mail_send(command, message, strlen(message), err, sizeof(err));
	assert_int_equal(rc, 0);
	assert_string_equal(err, "");
	rc = mail_send(command, message, strlen(message), err, sizeof(err));
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "mail.out", &len);
	assert_non_null(got);
	assert_int_equal(len, 2 * strlen(message));
	assert_memory_equal(got, message, strlen(message));
	assert_memory_equal(got + strlen(message), message, strlen(message));
	free(got);
	/* No child is left to reap. */
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void
test_send_large(void **state)
{
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	char *message = NULL, *got = NULL;
	size_t len, i;
	int rc;

	(void)state;
	message = malloc(TEST_BIG_MESSAGE);
	assert_non_null(message);
	for (i = 0; i < TEST_BIG_MESSAGE; i++)
		message[i] = (char)('a' + i % 23);
	test_remove("large.out");
	/* A slow reader: the pipe fills and we wait for room. */
	test_command(command, "sleep 0.2; cat > %s/large.out");
	rc = mail_send(command, message, TEST_BIG_MESSAGE, err, sizeof(err));
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "large.out", &len);
	assert_non_null(got);
	assert_int_equal(len, TEST_BIG_MESSAGE);
	assert_memory_equal(got, message, TEST_BIG_MESSAGE);
	free(got);
	free(message);
}

static void
test_send_exit_status(void **state)
{
	char err[MAIL_ERROR_MAX];
	int rc;

	(void)state;
	rc = mail_send("exit 3", "x\n", 2, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command exited with status 3");

	rc = mail_send(
	    "/nonexistent/sendmail -t -i", "x\n", 2, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command exited with status 127");

	rc = mail_send(
	    "cat >/dev/null; kill -TERM $$", "x\n", 2, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command killed by signal 15");

	rc = mail_send("", "x\n", 2, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_true(err[0] != '\0');

	/* No buffer for the reason is fine too. */
	rc = mail_send("exit 1", "x\n", 2, NULL, 0);
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
}

static void
test_send_timeout(void **state)
{
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	struct timespec t0, t1;
	char *got = NULL;
	double elapsed;
	int rc;

	(void)state;
	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &t0), 0);
	rc = mail_send_timeout("sleep 60", "x\n", 2, 1, err, sizeof(err));
	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &t1), 0);
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command timed out");
	elapsed = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(elapsed >= 0.9 && elapsed < 5);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);

	/*
	 * The whole process group goes: a background job of the shell that
	 * would write a file after two seconds never does.
	 */
	test_remove("alive");
	test_command(command, "(sleep 2; echo alive > %s/alive) & wait");
	rc = mail_send_timeout(command, "x\n", 2, 1, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command timed out");
	(void)usleep(2500 * 1000);
	got = test_file_read(test_dir, "alive", NULL);
	assert_null(got);
}

static void
test_send_epipe(void **state)
{
	struct sigaction sa;
	char err[MAIL_ERROR_MAX];
	char *message = NULL;
	int rc;

	(void)state;
	/* SIGPIPE is at its default here: were it raised, we would die. */
	assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
	assert_true(sa.sa_handler == SIG_DFL);
	message = malloc(TEST_BIG_MESSAGE);
	assert_non_null(message);
	memset(message, 'm', TEST_BIG_MESSAGE);
	rc = mail_send("exit 0", message, TEST_BIG_MESSAGE, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command did not read the whole message");
	rc = mail_send("exec 0<&-; sleep 0.1; exit 4", message,
	    TEST_BIG_MESSAGE, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command exited with status 4");
	/* And it is at its default again. */
	assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
	assert_true(sa.sa_handler == SIG_DFL);
	free(message);
}

/* The command's output must not reach our terminal (or anything of ours). */
static void
test_send_output_discarded(void **state)
{
	char path[TEST_PATH_MAX], err[MAIL_ERROR_MAX];
	char *got = NULL;
	int fd, saved_out, saved_err, rc;

	(void)state;
	test_path(path, "terminal");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	(void)fflush(stdout);
	(void)fflush(stderr);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	assert_true(saved_out >= 0 && saved_err >= 0);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	assert_int_equal(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	rc = mail_send(
	    "echo out; echo err >&2; cat", "message\n", 8, err, sizeof(err));
	assert_int_equal(dup2(saved_out, STDOUT_FILENO), STDOUT_FILENO);
	assert_int_equal(dup2(saved_err, STDERR_FILENO), STDERR_FILENO);
	(void)close(saved_out);
	(void)close(saved_err);
	(void)close(fd);
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "terminal", NULL);
	assert_non_null(got);
	assert_string_equal(got, "");
	free(got);
}

/* Only 0, 1 and 2 reach the command, whatever the caller has open. */
static void
test_send_closes_descriptors(void **state)
{
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	char *got = NULL;
	int fd, rc;

	(void)state;
	fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC */
	assert_true(fd > 2);
	/* With "exec", dash keeps no copy of the old output (its fd 10). */
	test_command(command, "exec > %s/fds; ls /proc/$$/fd; cat > /dev/null");
	rc = mail_send(command, "x\n", 2, err, sizeof(err));
	(void)close(fd);
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "fds", NULL);
	assert_non_null(got);
	assert_string_equal(got, "0\n1\n2\n");
	free(got);
}

/* The caller's blocked and ignored signals do not reach the command. */
static void
test_send_signals_reset(void **state)
{
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	struct test_signals saved;
	struct sigaction pipe_now;
	sigset_t mask_now;
	char *got = NULL;
	int rc;

	(void)state;
	assert_int_equal(test_signals_disturb(&saved), 0);
	/* The shell's own mask changes around forks: look from its exec. */
	test_command(command,
	    "exec > %s/signals; "
	    "exec grep -h -E '^Sig(Blk|Ign)' /proc/self/status -");
	rc = mail_send(command, "x\n", 2, err, sizeof(err));
	/* Our own state is as it was. */
	assert_int_equal(sigaction(SIGPIPE, NULL, &pipe_now), 0);
	assert_int_equal(sigprocmask(SIG_SETMASK, NULL, &mask_now), 0);
	assert_int_equal(test_signals_restore(&saved), 0);
	assert_true(pipe_now.sa_handler == SIG_IGN);
	assert_int_equal(sigismember(&mask_now, SIGUSR1), 1);
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "signals", NULL);
	assert_non_null(got);
	{
		unsigned long long blk = 1, ign_mask = 1;
		assert_int_equal(sscanf(got, "SigBlk:\t%llx\nSigIgn:\t%llx",
				     &blk, &ign_mask),
		    2);
		/*
		 * Signals 32 and 33 belong to glibc (its threads): nobody can
		 * set them, so whatever the caller's caller did shows.
		 */
		ign_mask &= ~((1ULL << 31) | (1ULL << 32));
		assert_int_equal(blk, 0);
		assert_int_equal(ign_mask, 0);
	}
	free(got);
}

/* The command leads a session and process group of its own. */
static void
test_send_own_session(void **state)
{
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	char *got = NULL, *p = NULL;
	long pid, pgrp, session;
	int rc;

	(void)state;
	test_command(command, "exec > %s/stat; exec cat /proc/self/stat -");
	rc = mail_send(command, "x\n", 2, err, sizeof(err));
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "stat", NULL);
	assert_non_null(got);
	/* pid (comm) state ppid pgrp session tty_nr */
	pid = strtol(got, NULL, 10);
	p = strrchr(got, ')');
	assert_non_null(p);
	assert_int_equal(sscanf(p + 2, "%*c %*d %ld %ld", &pgrp, &session), 2);
	assert_true(pid > 0);
	assert_int_equal(pgrp, pid);
	assert_int_equal(session, pid);
	assert_true(pgrp != (long)getpgrp());
	free(got);
}

/* Other children of the caller are not reaped. */
static void
test_send_other_children(void **state)
{
	char err[MAIL_ERROR_MAX];
	pid_t other, got;
	int status = 0, rc;

	(void)state;
	other = fork();
	assert_true(other >= 0);
	if (other == 0)
		_exit(7);
	(void)usleep(100 * 1000);
	rc = mail_send("cat > /dev/null", "x\n", 2, err, sizeof(err));
	assert_int_equal(rc, 0);
	got = waitpid(other, &status, 0);
	assert_int_equal(got, other);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 7);
}

/* A caller with standard input and output closed still gets its mail out. */
static void
test_send_stdio_closed(void **state)
{
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	char *got = NULL;
	int saved_in, saved_out, rc;

	(void)state;
	(void)fflush(stdout);
	saved_in = dup(STDIN_FILENO);
	saved_out = dup(STDOUT_FILENO);
	assert_true(saved_in >= 0 && saved_out >= 0);
	(void)close(STDIN_FILENO);
	(void)close(STDOUT_FILENO);
	test_remove("stdio.out");
	test_command(command, "cat > %s/stdio.out");
	rc = mail_send(command, "hello\n", 6, err, sizeof(err));
	assert_int_equal(dup2(saved_in, STDIN_FILENO), STDIN_FILENO);
	assert_int_equal(dup2(saved_out, STDOUT_FILENO), STDOUT_FILENO);
	(void)close(saved_in);
	(void)close(saved_out);
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "stdio.out", NULL);
	assert_non_null(got);
	assert_string_equal(got, "hello\n");
	free(got);
}

/* ---- mail_deliver ---------------------------------------------------- */

static void
test_deliver(void **state)
{
	char command[TEST_COMMAND_MAX], err[MAIL_ERROR_MAX];
	struct mail_msg m;
	char *got = NULL;
	size_t len;
	int rc;

	(void)state;
	test_msg_init(&m);
	m.to_name = "Zo\xc3\xab M\xc3\xbcller";
	test_remove("deliver.out");
	test_command(command, "cat > %s/deliver.out");
	rc = mail_deliver(command, &m, err, sizeof(err));
	assert_int_equal(rc, 0);
	got = test_file_read(test_dir, "deliver.out", &len);
	assert_non_null(got);
	test_check_structure(got, len, TEST_HEADER_SOFT_MAX);
	assert_non_null(strstr(
	    got, "\nTo: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <anna@example.com>\n"));
	assert_string_equal(test_body(got), m.body);
	free(got);

	/* Refused: the command never runs. */
	test_remove("deliver.out");
	m.to_name = "Evil\nBcc: x@y.de";
	rc = mail_deliver(command, &m, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_INVALID);
	assert_string_equal(err, "recipient name contains a control character");
	assert_null(test_file_read(test_dir, "deliver.out", NULL));

	/* A failing command. */
	test_msg_init(&m);
	rc = mail_deliver("exit 75", &m, err, sizeof(err));
	assert_int_equal(rc, MB_ERR_MAIL);
	assert_string_equal(err, "mail command exited with status 75");
}

/* ---- setup ----------------------------------------------------------- */

static int
test_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
test_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	if (mkdtemp(test_dir) == NULL)
		return -1;
	return 0;
}

static int
test_teardown(void **state)
{
	(void)state;
	return nftw(test_dir, test_rm, 16, FTW_DEPTH | FTW_PHYS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address_table),
		cmocka_unit_test(test_compose_ascii),
		cmocka_unit_test(test_compose_utf8_name),
		cmocka_unit_test(test_compose_specials),
		cmocka_unit_test(test_compose_subject),
		cmocka_unit_test(test_compose_injection),
		cmocka_unit_test(test_compose_bad_input),
		cmocka_unit_test(test_compose_from),
		cmocka_unit_test(test_compose_long_addresses),
		cmocka_unit_test(test_compose_date_message_id),
		cmocka_unit_test(test_compose_body),
		cmocka_unit_test(test_send_append),
		cmocka_unit_test(test_send_large),
		cmocka_unit_test(test_send_exit_status),
		cmocka_unit_test(test_send_timeout),
		cmocka_unit_test(test_send_epipe),
		cmocka_unit_test(test_send_output_discarded),
		cmocka_unit_test(test_send_closes_descriptors),
		cmocka_unit_test(test_send_signals_reset),
		cmocka_unit_test(test_send_own_session),
		cmocka_unit_test(test_send_other_children),
		cmocka_unit_test(test_send_stdio_closed),
		cmocka_unit_test(test_deliver),
	};

	return cmocka_run_group_tests(tests, test_setup, test_teardown);
}
