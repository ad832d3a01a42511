/*
 * Unit tests of common/sshkey.c: public key lines as OpenSSH writes them,
 * with keys made by ssh-keygen, and lines nobody should be able to add.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>
#include <sodium.h>

#include "error.h"
#include "log.h"
#include "sshkey.h"

#define TEST_PATH_MAX 512
#define TEST_LINE_MAX 4096

static char test_dir[] = "/tmp/mb-unit-sshkey-XXXXXX";

/* The keys made once: name, ssh-keygen arguments. */
static const char *const test_keys[][2] = {
	{ "ed25519", "-t ed25519" },
	{ "ecdsa256", "-t ecdsa -b 256" },
	{ "ecdsa384", "-t ecdsa -b 384" },
	{ "ecdsa521", "-t ecdsa -b 521" },
	{ "rsa2048", "-t rsa -b 2048" },
	{ "rsa1024", "-t rsa -b 1024" },
};

/* Format a test line into out (TEST_LINE_MAX bytes); it must fit. */
static void make_line(char *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
make_line(char *out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, TEST_LINE_MAX, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && n < TEST_LINE_MAX);
}

/* The first line of test_dir/name.pub, without its newline. */
static void
pub_line(const char *name, char *out)
{
	char path[TEST_PATH_MAX];
	FILE *fp = NULL;

	(void)snprintf(path, sizeof(path), "%s/%s.pub", test_dir, name);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(out, TEST_LINE_MAX, fp));
	assert_int_equal(fclose(fp), 0);
	out[strcspn(out, "\n")] = '\0';
}

/* The base64 field of a .pub line, into out. */
static void
pub_blob(const char *line, char *out)
{
	const char *start = strchr(line, ' ');
	size_t len;

	assert_non_null(start);
	start++;
	len = strcspn(start, " ");
	memcpy(out, start, len);
	out[len] = '\0';
}

/* What ssh-keygen -l prints as the fingerprint of test_dir/name.pub. */
static void
pub_fingerprint(const char *name, char *out, size_t size)
{
	char cmd[TEST_PATH_MAX + 32], line[512], fp[256];
	FILE *p = NULL;

	(void)snprintf(
	    cmd, sizeof(cmd), "ssh-keygen -lf '%s/%s.pub'", test_dir, name);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_non_null(fgets(line, sizeof(line), p));
	assert_int_equal(pclose(p), 0);
	assert_int_equal(sscanf(line, "%*d %255s", fp), 1);
	assert_true(strncmp(fp, "SHA256:", 7) == 0);
	assert_true(strlen(fp) < size);
	strcpy(out, fp);
}

/* Parse a good key file and compare with what ssh-keygen says. */
static void
assert_accepted(const char *name, const char *type)
{
	struct sshkey_line k;
	char line[TEST_LINE_MAX], blob[TEST_LINE_MAX], fp[256];
	const char *why = NULL;

	pub_line(name, line);
	pub_blob(line, blob);
	pub_fingerprint(name, fp, sizeof(fp));
	if (sshkey_parse_line(line, &k, &why) != 0)
		fail_msg("%s refused: %s", name, why);
	assert_string_equal(k.type, type);
	assert_non_null(k.base64);
	assert_string_equal(k.base64, blob);
	assert_string_equal(k.fingerprint, fp);
	assert_string_equal(k.comment, name);
	sshkey_line_free(&k);
	assert_null(k.base64);
}

/* A refused line: MB_ERR_INVALID, a reason, nothing to free. */
static const char *
assert_refused(const char *line)
{
	struct sshkey_line k;
	const char *why = NULL;

	int rc;

	memset(&k, 0x5a, sizeof(k));
	rc = sshkey_parse_line(line, &k, &why);
	if (rc == 0) {
		sshkey_line_free(&k);
		fail_msg("accepted as %s: %.60s", k.type, line);
	}
	assert_int_equal(rc, MB_ERR_INVALID);
	assert_non_null(why);
	assert_null(k.base64);
	return why;
}

static void
test_ed25519(void **state)
{
	(void)state;
	assert_accepted("ed25519", "ssh-ed25519");
}

static void
test_ecdsa(void **state)
{
	(void)state;
	assert_accepted("ecdsa256", "ecdsa-sha2-nistp256");
	assert_accepted("ecdsa384", "ecdsa-sha2-nistp384");
	assert_accepted("ecdsa521", "ecdsa-sha2-nistp521");
}

/*
 * A real key's blob, changed by edit(blob, &len), written back under its
 * type: refused.  The blob is checked to its last byte.
 */
static void
assert_tampered_refused(const char *name, void (*edit)(uint8_t *, size_t *))
{
	char line[TEST_LINE_MAX], b64[TEST_LINE_MAX], type[64];
	uint8_t blob[TEST_LINE_MAX];
	size_t len = 0;

	pub_line(name, line);
	assert_int_equal(sscanf(line, "%63s", type), 1);
	pub_blob(line, b64);
	assert_int_equal(
	    sodium_base642bin(blob, sizeof(blob) - 16, b64, strlen(b64), NULL,
		&len, NULL, sodium_base64_VARIANT_ORIGINAL),
	    0);
	edit(blob, &len);
	(void)sodium_bin2base64(
	    b64, sizeof(b64), blob, len, sodium_base64_VARIANT_ORIGINAL);
	make_line(line, "%s %s c", type, b64);
	(void)assert_refused(line);
}

static void
edit_trailing_byte(uint8_t *blob, size_t *len)
{
	blob[(*len)++] = 0;
}

/* ECDSA: the point's first byte (0x04, uncompressed) is the last byte of
 * the blob minus the point's length; make it a compressed point. */
static void
edit_point_prefix(uint8_t *blob, size_t *len)
{
	blob[*len - 65] = 0x02;
}

/* RSA: a needless zero byte in front of e (the second field). */
static void
edit_mpint_zero(uint8_t *blob, size_t *len)
{
	size_t e = 4 + 7; /* after the string "ssh-rsa" */
	uint32_t n = (uint32_t)blob[e] << 24 | (uint32_t)blob[e + 1] << 16 |
	    (uint32_t)blob[e + 2] << 8 | blob[e + 3];

	memmove(blob + e + 5, blob + e + 4, *len - e - 4);
	blob[e + 4] = 0;
	n++;
	blob[e] = (uint8_t)(n >> 24);
	blob[e + 1] = (uint8_t)(n >> 16);
	blob[e + 2] = (uint8_t)(n >> 8);
	blob[e + 3] = (uint8_t)n;
	(*len)++;
}

static void
test_tampered_blobs(void **state)
{
	(void)state;
	assert_tampered_refused("ed25519", edit_trailing_byte);
	assert_tampered_refused("rsa2048", edit_trailing_byte);
	assert_tampered_refused("ecdsa256", edit_point_prefix);
	assert_tampered_refused("rsa2048", edit_mpint_zero);
}

static void
test_rsa2048(void **state)
{
	(void)state;
	assert_accepted("rsa2048", "ssh-rsa");
}

static void
test_rsa1024_refused(void **state)
{
	char line[TEST_LINE_MAX];

	(void)state;
	pub_line("rsa1024", line);
	assert_true(strncmp(line, "ssh-rsa ", 8) == 0);
	assert_non_null(strstr(assert_refused(line), "2048"));
}

static void
test_types_refused(void **state)
{
	char line[TEST_LINE_MAX], blob[TEST_LINE_MAX];

	(void)state;
	/* DSA (the start of a real blob): refused by its type alone. */
	assert_non_null(strstr(assert_refused("ssh-dss "
					      "AAAAB3NzaC1kc3MAAACBAP1/U4Ed"
					      "dRIpUt9KnC7s5Of2EbdSPO9EAMMe"
					      "P4C2USZpRV1AIlH7WT2NWPq/xfW6"
					      "MPbLm1Vs14E7 old"),
	    "unsupported"));
	pub_line("ed25519", line);
	pub_blob(line, blob);
	make_line(line, "ssh-foo %s x", blob);
	assert_non_null(strstr(assert_refused(line), "unsupported"));
	make_line(line, "SSH-ED25519 %s x", blob);
	(void)assert_refused(line);
	/* authorized_keys options are not a .pub line. */
	make_line(line, "from=\"*\" ssh-ed25519 %s x", blob);
	(void)assert_refused(line);
	(void)assert_refused("");
	(void)assert_refused("ssh-ed25519");
	(void)assert_refused("ssh-ed25519   ");
	(void)assert_refused("garbage");
}

static void
test_bad_base64(void **state)
{
	char line[TEST_LINE_MAX], blob[TEST_LINE_MAX];

	(void)state;
	(void)assert_refused("ssh-ed25519 !!!not-base64!!! c");
	(void)assert_refused("ssh-ed25519 AAAA c");
	(void)assert_refused("ssh-rsa AAAAB3NzaC1yc2E= c");
	pub_line("ed25519", line);
	pub_blob(line, blob);
	/* Cut short. */
	blob[strlen(blob) - 8] = '\0';
	make_line(line, "ssh-ed25519 %s c", blob);
	(void)assert_refused(line);
}

static void
test_type_mismatch(void **state)
{
	char line[TEST_LINE_MAX], ed[TEST_LINE_MAX], ec[TEST_LINE_MAX];
	char rsa[TEST_LINE_MAX];

	(void)state;
	pub_line("ed25519", line);
	pub_blob(line, ed);
	pub_line("ecdsa256", line);
	pub_blob(line, ec);
	pub_line("rsa2048", line);
	pub_blob(line, rsa);
	make_line(line, "ssh-rsa %s c", ed);
	(void)assert_refused(line);
	make_line(line, "ecdsa-sha2-nistp256 %s c", ed);
	(void)assert_refused(line);
	make_line(line, "ssh-ed25519 %s c", rsa);
	(void)assert_refused(line);
	make_line(line, "ssh-ed25519 %s c", ec);
	(void)assert_refused(line);
}

/*
 * A P-256 blob under the name of another curve.  Accepted, it would be
 * stored as (ecdsa-sha2-nistp384, P-256 blob): a row no login ever finds
 * (logins look the key up by its real type), and a way around the
 * uniqueness of (type, blob) for the same key material.
 */
static void
test_ecdsa_curve_mismatch(void **state)
{
	char line[TEST_LINE_MAX], ec256[TEST_LINE_MAX], ec384[TEST_LINE_MAX];

	(void)state;
	pub_line("ecdsa256", line);
	pub_blob(line, ec256);
	pub_line("ecdsa384", line);
	pub_blob(line, ec384);
	make_line(line, "ecdsa-sha2-nistp384 %s c", ec256);
	(void)assert_refused(line);
	make_line(line, "ecdsa-sha2-nistp521 %s c", ec256);
	(void)assert_refused(line);
	make_line(line, "ecdsa-sha2-nistp256 %s c", ec384);
	(void)assert_refused(line);
}

static void
test_comments(void **state)
{
	struct sshkey_line k;
	char line[TEST_LINE_MAX], blob[TEST_LINE_MAX], fp[256];
	const char *why = NULL;

	(void)state;
	pub_line("ed25519", line);
	pub_blob(line, blob);
	pub_fingerprint("ed25519", fp, sizeof(fp));

	/* Control characters: the key stays, the comment goes. */
	make_line(line, "ssh-ed25519 %s evil\x1b[31mred", blob);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	assert_string_equal(k.comment, "");
	assert_string_equal(k.fingerprint, fp);
	sshkey_line_free(&k);
	make_line(line, "ssh-ed25519 %s a\tb\x7f", blob);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	assert_string_equal(k.comment, "");
	sshkey_line_free(&k);
	make_line(line, "ssh-ed25519 %s bad\xff utf8", blob);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	assert_string_equal(k.comment, "");
	sshkey_line_free(&k);
	/* U+202E, right-to-left override. */
	make_line(line, "ssh-ed25519 %s abc\xe2\x80\xaexyz", blob);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	assert_string_equal(k.comment, "");
	sshkey_line_free(&k);

	/* Plain text with spaces and letters of any script is kept. */
	make_line(
	    line, "ssh-ed25519 %s   Zo\xc3\xab's laptop (work)  \r\n", blob);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	assert_string_equal(k.comment, "Zo\xc3\xab's laptop (work)");
	sshkey_line_free(&k);
	/* No comment at all; tabs between the fields. */
	make_line(line, "ssh-ed25519\t%s", blob);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	assert_string_equal(k.comment, "");
	assert_string_equal(k.type, "ssh-ed25519");
	sshkey_line_free(&k);
}

/* The header promises a long plain comment is cut, not dropped. */
static void
test_long_comment_cut(void **state)
{
	struct sshkey_line k;
	char line[TEST_LINE_MAX], blob[TEST_LINE_MAX];
	char comment[KEY_COMMENT_MAX * 2 + 1];
	const char *why = NULL;

	(void)state;
	pub_line("ed25519", line);
	pub_blob(line, blob);
	memset(comment, 'c', sizeof(comment) - 1);
	comment[sizeof(comment) - 1] = '\0';
	make_line(line, "ssh-ed25519 %s %s", blob, comment);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	sshkey_line_free(&k);
	assert_int_equal(strlen(k.comment), KEY_COMMENT_MAX);
	assert_memory_equal(k.comment, comment, KEY_COMMENT_MAX);
}

static void
test_line_length(void **state)
{
	struct sshkey_line k;
	char key[TEST_LINE_MAX], *line = NULL;
	const char *why = NULL;
	size_t len;

	(void)state;
	pub_line("ed25519", key);
	line = malloc(KEY_LINE_MAX + 2);
	assert_non_null(line);
	/* Exactly KEY_LINE_MAX bytes: taken (the long comment dropped). */
	len = strlen(key);
	memcpy(line, key, len);
	line[len++] = ' ';
	memset(line + len, 'x', KEY_LINE_MAX - len);
	line[KEY_LINE_MAX] = '\0';
	assert_int_equal(strlen(line), KEY_LINE_MAX);
	assert_int_equal(sshkey_parse_line(line, &k, &why), 0);
	assert_string_equal(k.type, "ssh-ed25519");
	sshkey_line_free(&k);
	/* One more byte: refused before parsing. */
	line[KEY_LINE_MAX] = 'x';
	line[KEY_LINE_MAX + 1] = '\0';
	assert_non_null(strstr(assert_refused(line), "too long"));
	free(line);
}

static int
test_setup(void **state)
{
	char cmd[TEST_PATH_MAX * 2];
	size_t i;

	(void)state;
	log_init(
	    "test", getenv("TEST_LOG") != NULL ? 2 : -1, 0, LOG_LEVEL_DEBUG);
	if (mkdtemp(test_dir) == NULL)
		return -1;
	for (i = 0; i < sizeof(test_keys) / sizeof(test_keys[0]); i++) {
		(void)snprintf(cmd, sizeof(cmd),
		    "ssh-keygen -q %s -N '' -C %s -f '%s/%s' </dev/null",
		    test_keys[i][1], test_keys[i][0], test_dir,
		    test_keys[i][0]);
		if (system(cmd) != 0)
			return -1;
	}
	return 0;
}

static int
test_teardown(void **state)
{
	char cmd[TEST_PATH_MAX];

	(void)state;
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test_dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ed25519),
		cmocka_unit_test(test_ecdsa),
		cmocka_unit_test(test_rsa2048),
		cmocka_unit_test(test_rsa1024_refused),
		cmocka_unit_test(test_types_refused),
		cmocka_unit_test(test_bad_base64),
		cmocka_unit_test(test_type_mismatch),
		cmocka_unit_test(test_ecdsa_curve_mismatch),
		cmocka_unit_test(test_tampered_blobs),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_long_comment_cut),
		cmocka_unit_test(test_line_length),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, test_setup, test_teardown);
}
