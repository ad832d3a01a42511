/* auth: board key, keyed hashes and session tokens (libsodium). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "error.h"
#include "log.h"
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
