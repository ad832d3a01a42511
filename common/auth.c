/* auth: board key, keyed hashes and session tokens (libsodium). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "error.h"
#include "log.h"
#include "statedir.h"
#include "util.h"

int
auth_init(void)
{
	if (sodium_init() < 0) {
		log_error("sodium_init failed");
		return MB_ERR_IO;
	}
	return 0;
}

/* Read exactly len bytes; returns 0 or MB_ERR_IO. */
static int
auth_read_full(int fd, uint8_t *buf, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = read(fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return MB_ERR_IO;
		done += (size_t)n;
	}
	return 0;
}

/* Write a new key file; O_EXCL so that two starts never both write. */
static int
auth_board_key_create(const char *path, uint8_t key[BOARD_KEY_BYTES])
{
	size_t done = 0;
	ssize_t n;
	int fd, rc = MB_ERR_IO;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? MB_ERR_EXISTS : MB_ERR_IO;
	statedir_adopt(path);
	randombytes_buf(key, BOARD_KEY_BYTES);
	while (done < BOARD_KEY_BYTES) {
		n = write(fd, key + done, BOARD_KEY_BYTES - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		done += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto out;
	rc = 0;
	log_info("created board key %s", path);
out:
	if (close(fd) != 0)
		rc = MB_ERR_IO;
	if (rc != 0 && unlink(path) != 0)
		log_error("unlink %s: %s", path, strerror(errno));
	return rc;
}

int
auth_board_key_load(
    const char *state_dir, int create, uint8_t key[BOARD_KEY_BYTES])
{
	char path[PATH_MAX];
	struct stat sb;
	int fd = -1, rc;

	if (path_join(path, sizeof(path), state_dir, BOARD_KEY_FILE) != 0)
		return MB_ERR_INVALID;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT && create) {
		rc = auth_board_key_create(path, key);
		if (rc != MB_ERR_EXISTS)
			goto done;
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	}
	if (fd < 0) {
		rc = errno == ENOENT ? MB_ERR_NOTFOUND : MB_ERR_IO;
		log_error("open %s: %s", path, strerror(errno));
		goto done;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size != BOARD_KEY_BYTES) {
		log_error(
		    "%s: not a %d-byte regular file", path, BOARD_KEY_BYTES);
		rc = MB_ERR_IO;
		goto done;
	}
	if ((sb.st_mode & 077) != 0)
		log_warn("%s: readable by others (mode %03o); chmod 600 it",
		    path, (unsigned)(sb.st_mode & 0777));
	rc = auth_read_full(fd, key, BOARD_KEY_BYTES);
	if (rc != 0)
		log_error("read %s failed", path);
done:
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = MB_ERR_IO;
	return rc;
}

void
auth_keyed_hash(const uint8_t key[BOARD_KEY_BYTES], const void *data,
    size_t len, uint8_t out[KEYED_HASH_BYTES])
{
	/* Fails only for invalid sizes, which are constants here. */
	if (crypto_generichash(
		out, KEYED_HASH_BYTES, data, len, key, BOARD_KEY_BYTES) != 0)
		abort();
}

void
auth_token_new(uint8_t token[TOKEN_BYTES], char hex[TOKEN_HEX_LEN + 1])
{
	randombytes_buf(token, TOKEN_BYTES);
	sodium_bin2hex(hex, TOKEN_HEX_LEN + 1, token, TOKEN_BYTES);
}

int
auth_token_parse(const char *hex, uint8_t token[TOKEN_BYTES])
{
	size_t bin_len = 0;
	const char *end = NULL;

	if (strlen(hex) != TOKEN_HEX_LEN)
		return MB_ERR_INVALID;
	if (sodium_hex2bin(token, TOKEN_BYTES, hex, TOKEN_HEX_LEN, NULL,
		&bin_len, &end) != 0 ||
	    bin_len != TOKEN_BYTES || *end != '\0')
		return MB_ERR_INVALID;
	return 0;
}

/* Take one of the PWHASH_SLOTS lock files; returns its descriptor. */
static int
auth_slot_acquire(const char *state_dir)
{
	char path[PATH_MAX], name[32];
	int fd, slot, first, wait_slot = (int)(getpid() % PWHASH_SLOTS);

	/* Try every slot without waiting, then wait on one. */
	for (first = 1;; first = 0) {
		for (slot = 0; slot < PWHASH_SLOTS; slot++) {
			if (!first && slot != wait_slot)
				continue;
			(void)snprintf(name, sizeof(name), "pwhash.%d", slot);
			if (path_join(path, sizeof(path), state_dir, name) != 0)
				return MB_ERR_INVALID;
			fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
			if (fd < 0) {
				log_error("%s: %s", path, strerror(errno));
				return MB_ERR_IO;
			}
			statedir_adopt(path);
			if (flock(fd, first ? LOCK_EX | LOCK_NB : LOCK_EX) == 0)
				return fd;
			if (errno != EWOULDBLOCK && errno != EINTR) {
				log_error(
				    "flock %s: %s", path, strerror(errno));
				(void)close(fd);
				return MB_ERR_IO;
			}
			(void)close(fd);
		}
	}
}

/* Closing the descriptor releases the lock. */
static void
auth_slot_release(int fd)
{
	if (close(fd) != 0)
		log_warn("close: %s", strerror(errno));
}

int
auth_password_hash(
    const char *state_dir, const char *password, char out[AUTH_HASH_STR_MAX])
{
	size_t len = strlen(password);
	int slot, rc;

	if (len == 0 || len > PASSWORD_MAX_BYTES)
		return MB_ERR_INVALID;
	slot = auth_slot_acquire(state_dir);
	if (slot < 0)
		return slot;
	rc = crypto_pwhash_str(out, password, len,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE);
	auth_slot_release(slot);
	if (rc != 0) {
		log_error("crypto_pwhash_str failed (out of memory?)");
		return MB_ERR_NOMEM;
	}
	return 0;
}

int
auth_password_verify(
    const char *state_dir, const char *hash, const char *password)
{
	size_t len = strlen(password);
	int slot, rc, too_long = len > PASSWORD_MAX_BYTES;

	/* A password too long still costs a verify, then fails. */
	if (too_long)
		len = PASSWORD_MAX_BYTES;
	if (strlen(hash) >= AUTH_HASH_STR_MAX)
		return MB_ERR_DENIED;
	slot = auth_slot_acquire(state_dir);
	if (slot < 0)
		return slot;
	rc = crypto_pwhash_str_verify(hash, password, len);
	auth_slot_release(slot);
	return rc == 0 && !too_long ? 0 : MB_ERR_DENIED;
}

int
auth_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash,
		   crypto_pwhash_OPSLIMIT_INTERACTIVE,
		   crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

static const char auth_code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
auth_code_new(char code[CODE_TEXT_MAX])
{
	size_t i, o = 0;

	for (i = 0; i < CODE_CHARS; i++) {
		if (i == CODE_CHARS / 2)
			code[o++] = '-';
		code[o++] = auth_code_alphabet[randombytes_uniform(32)];
	}
	code[o] = '\0';
}

int
auth_code_normalize(const char *typed, char out[CODE_CHARS + 1])
{
	size_t n = 0;
	char ch;

	for (; *typed != '\0'; typed++) {
		ch = *typed;
		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (strchr(auth_code_alphabet, ch) == NULL || ch == '\0' ||
		    n == CODE_CHARS)
			return MB_ERR_INVALID;
		out[n++] = ch;
	}
	if (n != CODE_CHARS)
		return MB_ERR_INVALID;
	out[n] = '\0';
	return 0;
}

void
auth_code_hash(const uint8_t key[BOARD_KEY_BYTES],
    const char canonical[CODE_CHARS + 1], uint8_t out[KEYED_HASH_BYTES])
{
	auth_keyed_hash(key, canonical, CODE_CHARS, out);
}

void
auth_access_code_new(char code[ACCESS_CODE_TEXT_MAX])
{
	const uint32_t n = (uint32_t)(sizeof(ACCESS_CODE_ALPHABET) - 1);
	size_t i, o = 0;

	for (i = 0; i < ACCESS_CODE_CHARS; i++) {
		if (i > 0 && i % ACCESS_CODE_GROUP == 0)
			code[o++] = '-';
		/* Uniform over the alphabet: no character more likely. */
		code[o++] = ACCESS_CODE_ALPHABET[randombytes_uniform(n)];
	}
	code[o] = '\0';
}

int
auth_access_code_normalize(const char *typed, char out[ACCESS_CODE_CHARS + 1])
{
	size_t n = 0;
	char ch;

	for (; *typed != '\0'; typed++) {
		ch = *typed;
		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (strchr(ACCESS_CODE_ALPHABET, ch) == NULL ||
		    n == ACCESS_CODE_CHARS)
			return MB_ERR_INVALID;
		out[n++] = ch;
	}
	if (n != ACCESS_CODE_CHARS)
		return MB_ERR_INVALID;
	out[n] = '\0';
	return 0;
}

void
auth_access_code_hash(const uint8_t key[BOARD_KEY_BYTES],
    const char canonical[ACCESS_CODE_CHARS + 1], uint8_t out[KEYED_HASH_BYTES])
{
	/* "A:" keeps these hashes apart from every other kind of code. */
	char buf[2 + ACCESS_CODE_CHARS];

	memcpy(buf, "A:", 2);
	memcpy(buf + 2, canonical, ACCESS_CODE_CHARS);
	auth_keyed_hash(key, buf, sizeof(buf), out);
}
