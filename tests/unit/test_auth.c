/*
 * Unit tests of common/auth.c: mailed codes, session tokens, argon2id
 * passwords with their lock files, the board key file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <sys/file.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "auth.h"
#include "error.h"
#include "log.h"

#define TEST_PATH_MAX 512
#define TEST_CODES 500 /* random codes checked for their form */
#define TEST_PASSWORD "correct horse battery staple"

/* The state directory of this binary: lock files and key files. */
static char test_dir[] = "/tmp/mb-unit-auth-XXXXXX";

/* What a code may hold: Crockford's base32, without I, L, O, U. */
static const char test_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void
test_path(char *out, const char *name)
{
	int n = snprintf(out, TEST_PATH_MAX, "%s/%s", test_dir, name);

	assert_true(n > 0 && n < TEST_PATH_MAX);
}

/* The key file of a board whose state directory is dir. */
static void
test_key_path(char *out, const char *dir)
{
	int n = snprintf(out, TEST_PATH_MAX, "%s/%s", dir, BOARD_KEY_FILE);

	assert_true(n > 0 && n < TEST_PATH_MAX);
}

/* Write len bytes of value c to a new file (mode 0600). */
static void
test_write_file(const char *path, int c, size_t len)
{
	FILE *fp = fopen(path, "w");
	size_t i;

	assert_non_null(fp);
	for (i = 0; i < len; i++)
		assert_int_not_equal(fputc(c, fp), EOF);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, 0600), 0);
}

static void
test_code_new_format(void **state)
{
	char code[CODE_TEXT_MAX], other[CODE_TEXT_MAX];
	char canonical[CODE_CHARS + 1];
	int i, k, same = 0;

	(void)state;
	assert_int_equal(strlen(test_alphabet), 32);
	auth_code_new(other);
	for (i = 0; i < TEST_CODES; i++) {
		auth_code_new(code);
		assert_int_equal(strlen(code), CODE_CHARS + 1);
		assert_int_equal(code[CODE_CHARS / 2], '-');
		for (k = 0; k < CODE_CHARS + 1; k++) {
			if (k == CODE_CHARS / 2)
				continue;
			assert_non_null(strchr(test_alphabet, code[k]));
			assert_null(strchr("ILOU", code[k]));
		}
		/* A fresh code is already canonical but for the dash. */
		assert_int_equal(auth_code_normalize(code, canonical), 0);
		assert_memory_equal(canonical, code, CODE_CHARS / 2);
		assert_string_equal(
		    canonical + CODE_CHARS / 2, code + CODE_CHARS / 2 + 1);
		if (strcmp(code, other) == 0)
			same++;
	}
	/* 50 bits each: two equal codes mean the generator is broken. */
	assert_int_equal(same, 0);
}

static void
test_code_normalize_forgives(void **state)
{
	char out[CODE_CHARS + 1];

	(void)state;
	assert_int_equal(auth_code_normalize("ABCDE-FGHJK", out), 0);
	assert_string_equal(out, "ABCDEFGHJK");
	assert_int_equal(auth_code_normalize("abcde-fghjk", out), 0);
	assert_string_equal(out, "ABCDEFGHJK");
	assert_int_equal(auth_code_normalize("ABCDEFGHJK", out), 0);
	assert_string_equal(out, "ABCDEFGHJK");
	assert_int_equal(auth_code_normalize("  ab cde  fg-hjk ", out), 0);
	assert_string_equal(out, "ABCDEFGHJK");
	/* O is read as 0, I and L as 1, in either case. */
	assert_int_equal(auth_code_normalize("OoO0o-IiLl1", out), 0);
	assert_string_equal(out, "0000011111");
	assert_int_equal(auth_code_normalize("12345-67890", out), 0);
	assert_string_equal(out, "1234567890");
	assert_int_equal(auth_code_normalize("xyzvw-tsrqp", out), 0);
	assert_string_equal(out, "XYZVWTSRQP");
}

static void
test_code_normalize_refuses(void **state)
{
	static const char *const bad[] = {
		"",
		"-----",
		"ABCDE-FGHJ", /* nine */
		"ABCDE-FGHJKM", /* eleven */
		"ABCDE-FGHJK-0", /* eleven, with another dash */
		"ABCDE-FGHJU", /* U is not in the alphabet */
		"uBCDE-FGHJK",
		"ABCDE_FGHJK",
		"ABCDE.FGHJK",
		"ABCDE\tFGHJK",
		"ABCDE\nFGHJK",
		"ABCD\xc3\x89-FGHJK", /* É */
		"ABCDE-FGH\xffK",
		"ABCDE-FGHJK\x01",
	};
	char out[CODE_CHARS + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (auth_code_normalize(bad[i], out) != MB_ERR_INVALID)
			fail_msg("accepted code %zu \"%s\"", i, bad[i]);
	}
}

#define TEST_ACCESS_SAMPLES 2000

/* Twelve characters of the alphabet, grouped by four, all of it used. */
static void
test_access_code_new_format(void **state)
{
	char code[ACCESS_CODE_TEXT_MAX], canonical[ACCESS_CODE_CHARS + 1];
	int seen[256] = { 0 }, i, k;
	const char *p = NULL;

	(void)state;
	for (i = 0; i < TEST_ACCESS_SAMPLES; i++) {
		auth_access_code_new(code);
		assert_int_equal(strlen(code), 14);
		assert_int_equal(code[4], '-');
		assert_int_equal(code[9], '-');
		for (k = 0; k < 14; k++) {
			if (k == 4 || k == 9)
				continue;
			assert_non_null(strchr(ACCESS_CODE_ALPHABET, code[k]));
			seen[(unsigned char)code[k]]++;
		}
		assert_int_equal(
		    auth_access_code_normalize(code, canonical), 0);
		assert_int_equal(strlen(canonical), ACCESS_CODE_CHARS);
	}
	/* No look-alikes, and every character of the alphabet comes up. */
	for (p = "01OIL"; *p != '\0'; p++)
		assert_null(strchr(ACCESS_CODE_ALPHABET, *p));
	for (p = ACCESS_CODE_ALPHABET; *p != '\0'; p++)
		assert_true(seen[(unsigned char)*p] > 0);
}

static void
test_access_code_normalize(void **state)
{
	char out[ACCESS_CODE_CHARS + 1];
	static const char *const refused[] = {
		"",
		"ABCD-EFGH-JKM",
		"ABCD-EFGH-JKMNP",
		"ABCD-EFGH-JKM0",
		"ABCD-EFGH-JKMO",
		"ABCD-EFGH-JKM1",
		"ABCD-EFGH-JKMI",
		"ABCD-EFGH-JKML",
		"ABCD_EFGH_JKMN",
		"ABCD-EFGH-JKM\xc3\x9c",
	};
	size_t i;

	(void)state;
	assert_int_equal(auth_access_code_normalize("abcd-efgh-jkmn", out), 0);
	assert_string_equal(out, "ABCDEFGHJKMN");
	assert_int_equal(auth_access_code_normalize("ABCDEFGHJKMN", out), 0);
	assert_string_equal(out, "ABCDEFGHJKMN");
	assert_int_equal(
	    auth_access_code_normalize(" abcd efgh-JKMN ", out), 0);
	assert_string_equal(out, "ABCDEFGHJKMN");
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(auth_access_code_normalize(refused[i], out),
		    MB_ERR_INVALID);
}

/* Keyed, and never the hash of a mail code with the same characters. */
static void
test_access_code_hash(void **state)
{
	uint8_t k1[BOARD_KEY_BYTES], k2[BOARD_KEY_BYTES];
	uint8_t h1[KEYED_HASH_BYTES], h2[KEYED_HASH_BYTES];

	(void)state;
	memset(k1, 1, sizeof(k1));
	memset(k2, 2, sizeof(k2));
	auth_access_code_hash(k1, "ABCDEFGHJKMN", h1);
	auth_access_code_hash(k2, "ABCDEFGHJKMN", h2);
	assert_memory_not_equal(h1, h2, sizeof(h1));
	auth_keyed_hash(k1, "ABCDEFGHJKMN", ACCESS_CODE_CHARS, h2);
	assert_memory_not_equal(h1, h2, sizeof(h1));
}

static void
test_code_hash_keyed(void **state)
{
	uint8_t key1[BOARD_KEY_BYTES], key2[BOARD_KEY_BYTES];
	uint8_t h1[KEYED_HASH_BYTES], h1again[KEYED_HASH_BYTES];
	uint8_t h2[KEYED_HASH_BYTES], h3[KEYED_HASH_BYTES];
	uint8_t plain[KEYED_HASH_BYTES];

	(void)state;
	memset(key1, 0x11, sizeof(key1));
	memset(key2, 0x22, sizeof(key2));
	auth_code_hash(key1, "ABCDEFGHJK", h1);
	auth_code_hash(key1, "ABCDEFGHJK", h1again);
	auth_code_hash(key2, "ABCDEFGHJK", h2);
	auth_code_hash(key1, "ABCDEFGHJM", h3);
	assert_memory_equal(h1, h1again, sizeof(h1));
	assert_memory_not_equal(h1, h2, sizeof(h1));
	assert_memory_not_equal(h1, h3, sizeof(h1));
	/* It is the keyed hash of the ten characters. */
	auth_keyed_hash(key1, "ABCDEFGHJK", CODE_CHARS, plain);
	assert_memory_equal(h1, plain, sizeof(h1));
	/* And not an unkeyed one. */
	assert_int_equal(
	    crypto_generichash(plain, sizeof(plain),
		(const unsigned char *)"ABCDEFGHJK", CODE_CHARS, NULL, 0),
	    0);
	assert_memory_not_equal(h1, plain, sizeof(h1));
}

static void
test_token_round_trip(void **state)
{
	uint8_t token[TOKEN_BYTES], other[TOKEN_BYTES], parsed[TOKEN_BYTES];
	char hex[TOKEN_HEX_LEN + 1], hex2[TOKEN_HEX_LEN + 1];
	size_t i;

	(void)state;
	auth_token_new(token, hex);
	auth_token_new(other, hex2);
	assert_int_equal(strlen(hex), TOKEN_HEX_LEN);
	for (i = 0; i < TOKEN_HEX_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", hex[i]));
	assert_memory_not_equal(token, other, TOKEN_BYTES);
	assert_string_not_equal(hex, hex2);
	memset(parsed, 0, sizeof(parsed));
	assert_int_equal(auth_token_parse(hex, parsed), 0);
	assert_memory_equal(parsed, token, TOKEN_BYTES);
	assert_int_equal(auth_token_parse(hex2, parsed), 0);
	assert_memory_equal(parsed, other, TOKEN_BYTES);
}

static void
test_token_parse_refuses(void **state)
{
	char hex[TOKEN_HEX_LEN + 2];
	uint8_t token[TOKEN_BYTES];

	(void)state;
	assert_int_equal(auth_token_parse("", token), MB_ERR_INVALID);
	memset(hex, 'a', sizeof(hex));
	hex[TOKEN_HEX_LEN - 1] = '\0'; /* one short */
	assert_int_equal(auth_token_parse(hex, token), MB_ERR_INVALID);
	hex[TOKEN_HEX_LEN - 1] = 'a';
	hex[TOKEN_HEX_LEN + 1] = '\0'; /* one too many */
	assert_int_equal(auth_token_parse(hex, token), MB_ERR_INVALID);
	hex[TOKEN_HEX_LEN] = '\0'; /* right: all "aa" bytes */
	assert_int_equal(auth_token_parse(hex, token), 0);
	assert_int_equal(token[0], 0xaa);
	assert_int_equal(token[TOKEN_BYTES - 1], 0xaa);
	hex[10] = 'g';
	assert_int_equal(auth_token_parse(hex, token), MB_ERR_INVALID);
	hex[10] = ' ';
	assert_int_equal(auth_token_parse(hex, token), MB_ERR_INVALID);
	hex[10] = ':';
	assert_int_equal(auth_token_parse(hex, token), MB_ERR_INVALID);
	hex[10] = 'a';
	hex[TOKEN_HEX_LEN - 1] = '\n';
	assert_int_equal(auth_token_parse(hex, token), MB_ERR_INVALID);
}

static void
test_password_hash_verify(void **state)
{
	char hash[AUTH_HASH_STR_MAX], hash2[AUTH_HASH_STR_MAX];
	char path[TEST_PATH_MAX];
	struct stat sb;

	(void)state;
	assert_int_equal(auth_password_hash(test_dir, TEST_PASSWORD, hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(strlen(hash) < AUTH_HASH_STR_MAX);
	assert_null(strstr(hash, TEST_PASSWORD));
	assert_int_equal(
	    auth_password_verify(test_dir, hash, TEST_PASSWORD), 0);
	assert_int_equal(
	    auth_password_verify(test_dir, hash, "correct horse battery stapl"),
	    MB_ERR_DENIED);
	/* A salt each time: the same password never hashes the same. */
	assert_int_equal(auth_password_hash(test_dir, TEST_PASSWORD, hash2), 0);
	assert_string_not_equal(hash, hash2);
	/* The hashing took a lock file in the state directory. */
	test_path(path, "pwhash.0");
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 077, 0);
}

static void
test_password_verify_malformed(void **state)
{
	char long_hash[AUTH_HASH_STR_MAX + 10];

	(void)state;
	assert_int_equal(
	    auth_password_verify(test_dir, "", TEST_PASSWORD), MB_ERR_DENIED);
	assert_int_equal(
	    auth_password_verify(test_dir, "not a hash", TEST_PASSWORD),
	    MB_ERR_DENIED);
	assert_int_equal(
	    auth_password_verify(test_dir,
		"$argon2id$v=19$m=65536,t=2,p=1$garbage", TEST_PASSWORD),
	    MB_ERR_DENIED);
	memset(long_hash, 'a', sizeof(long_hash) - 1);
	long_hash[sizeof(long_hash) - 1] = '\0';
	memcpy(long_hash, "$argon2id$", 10);
	assert_int_equal(
	    auth_password_verify(test_dir, long_hash, TEST_PASSWORD),
	    MB_ERR_DENIED);
}

static void
test_password_hash_refuses(void **state)
{
	char hash[AUTH_HASH_STR_MAX];
	char long_pw[PASSWORD_MAX_BYTES + 2];
	char missing[TEST_PATH_MAX];

	(void)state;
	memset(long_pw, 'p', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0';
	assert_int_equal(strlen(long_pw), PASSWORD_MAX_BYTES + 1);
	assert_int_equal(
	    auth_password_hash(test_dir, long_pw, hash), MB_ERR_INVALID);
	assert_int_equal(
	    auth_password_hash(test_dir, "", hash), MB_ERR_INVALID);
	/* No state directory, no lock file, no hash. */
	test_path(missing, "no-such-dir");
	assert_int_equal(
	    auth_password_hash(missing, TEST_PASSWORD, hash), MB_ERR_IO);
}

/*
 * A password longer than PASSWORD_MAX_BYTES cannot be set, so it cannot be
 * anybody's password: it must not match the hash of its first
 * PASSWORD_MAX_BYTES bytes.
 */
static void
test_password_verify_overlong(void **state)
{
	char hash[AUTH_HASH_STR_MAX];
	char pw[PASSWORD_MAX_BYTES + 2];

	(void)state;
	memset(pw, 'p', sizeof(pw) - 1);
	pw[PASSWORD_MAX_BYTES] = '\0';
	assert_int_equal(auth_password_hash(test_dir, pw, hash), 0);
	assert_int_equal(auth_password_verify(test_dir, hash, pw), 0);
	pw[PASSWORD_MAX_BYTES] = 'x';
	pw[PASSWORD_MAX_BYTES + 1] = '\0';
	assert_int_equal(strlen(pw), PASSWORD_MAX_BYTES + 1);
	assert_int_equal(
	    auth_password_verify(test_dir, hash, pw), MB_ERR_DENIED);
}

static void
test_password_needs_rehash(void **state)
{
	char hash[AUTH_HASH_STR_MAX], weak[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(AUTH_HASH_STR_MAX, crypto_pwhash_STRBYTES);
	assert_int_equal(auth_password_hash(test_dir, TEST_PASSWORD, hash), 0);
	assert_false(auth_password_needs_rehash(hash));
	/* Made at other (cheaper) limits: still verifies, but is redone. */
	assert_int_equal(
	    crypto_pwhash_str(weak, TEST_PASSWORD, strlen(TEST_PASSWORD),
		crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
	    0);
	assert_true(auth_password_needs_rehash(weak));
	assert_int_equal(
	    auth_password_verify(test_dir, weak, TEST_PASSWORD), 0);
	assert_int_equal(
	    auth_password_verify(test_dir, weak, "wrong password!"),
	    MB_ERR_DENIED);
	/* What is not a hash at all is not kept either. */
	assert_true(auth_password_needs_rehash("not a hash"));
}

static void
test_board_key_create_and_load(void **state)
{
	uint8_t key[BOARD_KEY_BYTES], again[BOARD_KEY_BYTES];
	uint8_t other[BOARD_KEY_BYTES], zero[BOARD_KEY_BYTES];
	uint8_t on_disk[BOARD_KEY_BYTES + 1];
	char dir[TEST_PATH_MAX], dir2[TEST_PATH_MAX], path[TEST_PATH_MAX];
	struct stat sb;
	FILE *fp = NULL;

	(void)state;
	test_path(dir, "keys1");
	test_path(dir2, "keys2");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(dir2, 0700), 0);
	/* Missing and not to be created. */
	assert_int_equal(auth_board_key_load(dir, 0, key), MB_ERR_NOTFOUND);
	assert_int_equal(auth_board_key_load(dir, 1, key), 0);
	test_key_path(path, dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, BOARD_KEY_BYTES);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(
	    fread(on_disk, 1, sizeof(on_disk), fp), BOARD_KEY_BYTES);
	assert_int_equal(fclose(fp), 0);
	assert_memory_equal(on_disk, key, BOARD_KEY_BYTES);
	memset(zero, 0, sizeof(zero));
	assert_memory_not_equal(key, zero, BOARD_KEY_BYTES);
	/* Loaded again, with or without create: the same key. */
	memset(again, 0, sizeof(again));
	assert_int_equal(auth_board_key_load(dir, 0, again), 0);
	assert_memory_equal(again, key, BOARD_KEY_BYTES);
	memset(again, 0, sizeof(again));
	assert_int_equal(auth_board_key_load(dir, 1, again), 0);
	assert_memory_equal(again, key, BOARD_KEY_BYTES);
	/* Another board, another key. */
	assert_int_equal(auth_board_key_load(dir2, 1, other), 0);
	assert_memory_not_equal(other, key, BOARD_KEY_BYTES);
}

static void
test_board_key_refuses(void **state)
{
	uint8_t key[BOARD_KEY_BYTES];
	char dir[TEST_PATH_MAX], path[TEST_PATH_MAX], target[TEST_PATH_MAX];

	(void)state;
	test_path(dir, "no-such-dir");
	assert_int_equal(auth_board_key_load(dir, 0, key), MB_ERR_NOTFOUND);
	/* The directory is not made either. */
	assert_int_equal(auth_board_key_load(dir, 1, key), MB_ERR_IO);
	assert_int_not_equal(access(dir, F_OK), 0);

	test_path(dir, "short");
	assert_int_equal(mkdir(dir, 0700), 0);
	test_key_path(path, dir);
	test_write_file(path, 'k', BOARD_KEY_BYTES - 1);
	assert_int_equal(auth_board_key_load(dir, 0, key), MB_ERR_IO);
	/* A bad file is never replaced by a new key. */
	assert_int_equal(auth_board_key_load(dir, 1, key), MB_ERR_IO);

	test_path(dir, "long");
	assert_int_equal(mkdir(dir, 0700), 0);
	test_key_path(path, dir);
	test_write_file(path, 'k', BOARD_KEY_BYTES + 1);
	assert_int_equal(auth_board_key_load(dir, 0, key), MB_ERR_IO);

	test_path(dir, "empty");
	assert_int_equal(mkdir(dir, 0700), 0);
	test_key_path(path, dir);
	test_write_file(path, 'k', 0);
	assert_int_equal(auth_board_key_load(dir, 1, key), MB_ERR_IO);

	/* A directory in its place. */
	test_path(dir, "isdir");
	assert_int_equal(mkdir(dir, 0700), 0);
	test_key_path(path, dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(auth_board_key_load(dir, 1, key), MB_ERR_IO);

	/* A symbolic link, even to a good key, is not followed. */
	test_path(dir, "link");
	assert_int_equal(mkdir(dir, 0700), 0);
	test_path(target, "good.key");
	test_write_file(target, 'k', BOARD_KEY_BYTES);
	test_key_path(path, dir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(auth_board_key_load(dir, 0, key), MB_ERR_IO);
}

static int
test_setup(void **state)
{
	(void)state;
	log_init(
	    "test", getenv("TEST_LOG") != NULL ? 2 : -1, 0, LOG_LEVEL_DEBUG);
	if (auth_init() != 0)
		return -1;
	if (mkdtemp(test_dir) == NULL)
		return -1;
	return 0;
}

static int
test_teardown(void **state)
{
	char cmd[TEST_PATH_MAX + 16];

	(void)state;
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test_dir);
	return system(cmd) == 0 ? 0 : -1;
}

/*
 * At most PWHASH_SLOTS hashes at once on the whole board: with every slot
 * taken (by this process, as other processes would), a hash in a child
 * waits, and goes ahead once a slot is free.
 */
static void
test_password_slots_limit_concurrency(void **state)
{
	char dir[] = "/tmp/mb-slots-XXXXXX", path[256];
	char hash[AUTH_HASH_STR_MAX];
	int fds[PWHASH_SLOTS], i, status = -1;
	struct timespec pause = { 0, 300 * 1000 * 1000 };
	pid_t pid, done;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < PWHASH_SLOTS; i++) {
		(void)snprintf(path, sizeof(path), "%s/pwhash.%d", dir, i);
		fds[i] = open(path, O_RDWR | O_CREAT, 0600);
		assert_true(fds[i] >= 0);
		assert_int_equal(flock(fds[i], LOCK_EX), 0);
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Our copies of the parent's locks would hold them too. */
		for (i = 0; i < PWHASH_SLOTS; i++)
			(void)close(fds[i]);
		_exit(auth_password_hash(dir, "waits for a slot", hash) == 0 ?
			0 :
			1);
	}
	(void)nanosleep(&pause, NULL);
	/* Every slot is busy: the child has not got one. */
	assert_int_equal(waitpid(pid, &status, WNOHANG), 0);
	for (i = 0; i < PWHASH_SLOTS; i++)
		assert_int_equal(close(fds[i]), 0);
	done = waitpid(pid, &status, 0);
	assert_int_equal(done, pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (i = 0; i < PWHASH_SLOTS; i++) {
		(void)snprintf(path, sizeof(path), "%s/pwhash.%d", dir, i);
		(void)unlink(path);
	}
	(void)rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_new_format),
		cmocka_unit_test(test_code_normalize_forgives),
		cmocka_unit_test(test_code_normalize_refuses),
		cmocka_unit_test(test_code_hash_keyed),
		cmocka_unit_test(test_access_code_new_format),
		cmocka_unit_test(test_access_code_normalize),
		cmocka_unit_test(test_access_code_hash),
		cmocka_unit_test(test_token_round_trip),
		cmocka_unit_test(test_token_parse_refuses),
		cmocka_unit_test(test_password_hash_verify),
		cmocka_unit_test(test_password_verify_malformed),
		cmocka_unit_test(test_password_hash_refuses),
		cmocka_unit_test(test_password_verify_overlong),
		cmocka_unit_test(test_password_needs_rehash),
		cmocka_unit_test(test_board_key_create_and_load),
		cmocka_unit_test(test_board_key_refuses),
		cmocka_unit_test(test_password_slots_limit_concurrency),
	};

	return cmocka_run_group_tests(tests, test_setup, test_teardown);
}
