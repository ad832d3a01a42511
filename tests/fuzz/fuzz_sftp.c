/*
 * Fuzz target: SFTP packets as a client sends them, through libssh's own
 * SFTP server code (sftp_server_init, sftp_get_client_message, the reply
 * functions) into the daemon's sftp_serve (daemon/sftp.c: its table of
 * message types, handles, offsets, lengths, the upload's limits) and the
 * virtual tree under it, the whole session as mentord runs it.
 *
 * libssh reads and writes the channel through its exported functions
 * (calls through the PLT), so this program defines ssh_channel_read and
 * its kin: what the "client" sends is the input, after an INIT packet
 * (version 3) the target sends first; what the server answers is checked
 * for framing and dropped.  conn_board, which opens the store in mentord,
 * is defined here too: a store made once, as in the vfs target (the
 * member "fuzz", a mentee with a CV, request 1 open, 2 declined, 3 the
 * other way round).
 *
 * Besides memory errors it aborts when a promise breaks: an answer that is
 * not one whole SFTP packet, the mentee's CV changed, or a CV stored for
 * the member that is not a JPEG within the limits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/sftp.h>

#include "board.h"
#include "cv.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "store.h"
#include "util.h"

#define FUZZ_INPUT_MAX (1024 * 1024) /* bytes of one session */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The mentee's CV: any bytes do, the store does not look. */
static const uint8_t fuzz_mentee_cv[] = { 0xff, 0xd8, 0xff, 0xe0, 'm', 'e', 'n',
	't', 'e', 'e', 0xff, 0xd9 };

/* SSH_FXP_INIT, version 3: what every client sends first. */
static const uint8_t fuzz_init[] = { 0, 0, 0, 5, SSH_FXP_INIT, 0, 0, 0, 3 };

static struct store *fuzz_store;
static struct config fuzz_cfg;
static uint8_t fuzz_key[BOARD_KEY_BYTES];
static struct board fuzz_board;
static int64_t fuzz_user, fuzz_mentee;
static ssh_session fuzz_session;
static ssh_channel fuzz_channel;
static uint64_t fuzz_channel_stub[64];

/* The client's side of the channel: the INIT, then the input. */
static uint8_t *fuzz_in;
static size_t fuzz_in_len, fuzz_in_at;

struct board *
conn_board(struct conn *c)
{
	(void)c;
	return &fuzz_board;
}

int
ssh_channel_read(ssh_channel channel, void *dest, uint32_t count, int is_stderr)
{
	size_t n = fuzz_in_len - fuzz_in_at;

	if (channel != fuzz_channel)
		abort();
	if (is_stderr)
		return 0;
	if (n > count)
		n = count;
	memcpy(dest, fuzz_in + fuzz_in_at, n);
	fuzz_in_at += n;
	return (int)n;
}

int
ssh_channel_read_timeout(ssh_channel channel, void *dest, uint32_t count,
    int is_stderr, int timeout_ms)
{
	(void)timeout_ms;
	return ssh_channel_read(channel, dest, count, is_stderr);
}

int
ssh_channel_read_nonblocking(
    ssh_channel channel, void *dest, uint32_t count, int is_stderr)
{
	return ssh_channel_read(channel, dest, count, is_stderr);
}

int
ssh_channel_poll(ssh_channel channel, int is_stderr)
{
	if (channel != fuzz_channel)
		abort();
	if (is_stderr)
		return 0;
	return fuzz_in_at < fuzz_in_len ? (int)(fuzz_in_len - fuzz_in_at) :
					  SSH_EOF;
}

int
ssh_channel_poll_timeout(ssh_channel channel, int timeout, int is_stderr)
{
	(void)timeout;
	return ssh_channel_poll(channel, is_stderr);
}

int
ssh_channel_is_eof(ssh_channel channel)
{
	if (channel != fuzz_channel)
		abort();
	return fuzz_in_at >= fuzz_in_len;
}

/* An answer: one whole packet per write, its length first. */
int
ssh_channel_write(ssh_channel channel, const void *data, uint32_t len)
{
	const uint8_t *p = data;

	if (channel != fuzz_channel || len < 5 ||
	    ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
		p[3]) != len - 4)
		abort();
	return (int)len;
}

/* What the person is told: a line. */
int
ssh_channel_write_stderr(ssh_channel channel, const void *data, uint32_t len)
{
	if (channel != fuzz_channel || len == 0 ||
	    ((const char *)data)[len - 1] != '\n')
		abort();
	return (int)len;
}

/* Make a verified member name; abort if it fails. */
static int64_t
fuzz_add_user(const char *name)
{
	struct store_user u;
	const char *which = NULL;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "%s", name);
	(void)snprintf(u.email, sizeof(u.email), "%s@example.org", name);
	(void)snprintf(u.first_name, sizeof(u.first_name), "F");
	(void)snprintf(u.last_name, sizeof(u.last_name), "Z");
	u.verified = 1;
	if (store_user_create(fuzz_store, &u, NULL, 0, &id, &which) != 0)
		abort();
	return id;
}

static void
fuzz_setup(void)
{
	char dir[] = "/tmp/mb-fuzz-sftp-XXXXXX", path[256];
	int64_t open = 0, declined = 0, reverse = 0;

	if (mkdtemp(dir) == NULL)
		abort();
	(void)snprintf(path, sizeof(path), "%s/%s", dir, STORE_FILE_NAME);
	log_init("fuzz", -1, 0, LOG_LEVEL_ERROR);
	if (store_open(path, &fuzz_store) != 0)
		abort();
	config_defaults(&fuzz_cfg);
	(void)snprintf(
	    fuzz_cfg.state_dir, sizeof(fuzz_cfg.state_dir), "%s", dir);
	fuzz_board.store = fuzz_store;
	fuzz_board.cfg = &fuzz_cfg;
	fuzz_board.key = fuzz_key;
	fuzz_user = fuzz_add_user("fuzz");
	fuzz_mentee = fuzz_add_user("mentee");
	if (store_cv_put(fuzz_store, fuzz_mentee, fuzz_mentee_cv,
		sizeof(fuzz_mentee_cv), 1, 1) != 0)
		abort();
	/* Area 1 is in the schema's list. */
	if (store_mentorship_add(
		fuzz_store, fuzz_mentee, fuzz_user, 1, "", &open) != 0 ||
	    store_mentorship_add(
		fuzz_store, fuzz_mentee, fuzz_user, 1, "", &declined) != 0 ||
	    store_mentorship_move(fuzz_store, declined, STORE_MSHIP_OPEN,
		STORE_MSHIP_DECLINED, "", "no-time") != 0 ||
	    store_mentorship_add(
		fuzz_store, fuzz_user, fuzz_mentee, 1, "", &reverse) != 0)
		abort();
	if (open != 1 || declined != 2 || reverse != 3)
		abort(); /* the corpus names them so */
	fuzz_session = ssh_new();
	if (fuzz_session == NULL)
		abort();
	/* A channel libssh only hands back to the functions above (one of an
	 * unconnected session cannot be made). */
	fuzz_channel = (ssh_channel)(void *)fuzz_channel_stub;
	fuzz_in = malloc(sizeof(fuzz_init) + FUZZ_INPUT_MAX);
	if (fuzz_in == NULL)
		abort();
	memcpy(fuzz_in, fuzz_init, sizeof(fuzz_init));
}

/* The CVs after a session: the mentee's as it was; the member's, if any, a
 * JPEG within the limits. */
static void
fuzz_check_cvs(void)
{
	struct cv_info info;
	const char *why = NULL;
	uint8_t *cv = NULL;
	size_t n = 0;
	int rc;

	if (store_cv_get(fuzz_store, fuzz_mentee, &cv, &n) != 0 ||
	    n != sizeof(fuzz_mentee_cv) || memcmp(cv, fuzz_mentee_cv, n) != 0)
		abort();
	free(cv);
	cv = NULL;
	rc = store_cv_get(fuzz_store, fuzz_user, &cv, &n);
	if (rc == MB_ERR_NOTFOUND)
		return;
	if (rc != 0 || n == 0 || n > CV_MAX_BYTES ||
	    cv_check_header(cv, n, &info, &why) != 0 || info.width == 0)
		abort();
	free(cv);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conn c;

	if (size > FUZZ_INPUT_MAX)
		return 0;
	if (fuzz_store == NULL)
		fuzz_setup();
	memcpy(fuzz_in + sizeof(fuzz_init), data, size);
	fuzz_in_len = sizeof(fuzz_init) + size;
	fuzz_in_at = 0;
	memset(&c, 0, sizeof(c));
	c.session = fuzz_session;
	c.channel = fuzz_channel;
	c.user_id = fuzz_user;
	(void)snprintf(c.remote_addr, sizeof(c.remote_addr), "fuzz");
	(void)sftp_serve(&c);
	fuzz_check_cvs();
	/* Each session starts from no CV of the member's. */
	(void)store_cv_delete(fuzz_store, fuzz_user);
	return 0;
}
