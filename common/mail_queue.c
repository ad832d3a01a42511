/* mail_queue: queue mail in a transaction, send it from the housekeeping. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "error.h"
#include "log.h"
#include "mail_queue.h"
#include "store.h"
#include "util.h"

/* The sealing key's place among keys derived from the board key. */
#define MAIL_QUEUE_KDF_CONTEXT "mbmailq_"
#define MAIL_QUEUE_KDF_ID 1

/* The key queued messages are sealed with, from the board key. */
static void
mail_queue_key(const struct board *b, uint8_t key[crypto_secretbox_KEYBYTES])
{
	_Static_assert(BOARD_KEY_BYTES == crypto_kdf_KEYBYTES, "board key");
	(void)crypto_kdf_derive_from_key(key, crypto_secretbox_KEYBYTES,
	    MAIL_QUEUE_KDF_ID, MAIL_QUEUE_KDF_CONTEXT, b->key);
}

int
mail_queue_add(struct board *b, int64_t user_id, int64_t code_id,
    const struct mail_msg *m, char *err, size_t errsize)
{
	uint8_t key[crypto_secretbox_KEYBYTES], *sealed = NULL;
	char *message = NULL;
	size_t len = 0, sealed_len;
	int rc;

	rc = mail_compose(m, &message, &len, err, errsize);
	if (rc != 0)
		return rc;
	sealed_len =
	    crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	sealed = xmalloc(sealed_len);
	randombytes_buf(sealed, crypto_secretbox_NONCEBYTES);
	mail_queue_key(b, key);
	(void)crypto_secretbox_easy(sealed + crypto_secretbox_NONCEBYTES,
	    (const uint8_t *)message, len, sealed, key);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(message, len);
	free(message);
	rc = store_mail_add(b->store, user_id, code_id, sealed, sealed_len);
	free(sealed);
	if (rc != 0 && err != NULL)
		(void)snprintf(err, errsize, "could not queue the mail: %s",
		    mb_strerror(rc));
	return rc;
}

void
mail_queue_wake(struct board *b)
{
	(void)store_news_wake_housekeeping(b->store, STORE_WORK_MAIL);
}

/*
 * Open a queued message into *out (NUL-terminated, the caller's to wipe
 * and free) of *len bytes.  MB_ERR_INVALID when it does not open (another
 * board key, a damaged row).
 */
static int
mail_queue_open(
    const struct board *b, const struct store_mail *q, char **out, size_t *len)
{
	uint8_t key[crypto_secretbox_KEYBYTES];
	size_t n;
	char *plain = NULL;
	int rc;

	*out = NULL;
	*len = 0;
	if (q->len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return MB_ERR_INVALID;
	n = q->len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	plain = xmalloc(n + 1);
	mail_queue_key(b, key);
	rc = crypto_secretbox_open_easy((uint8_t *)plain,
	    q->message + crypto_secretbox_NONCEBYTES,
	    q->len - crypto_secretbox_NONCEBYTES, q->message, key);
	sodium_memzero(key, sizeof(key));
	if (rc != 0) {
		free(plain);
		return MB_ERR_INVALID;
	}
	plain[n] = '\0';
	*out = plain;
	*len = n;
	return 0;
}

/* The message went out: delete it, and its code is the live one now. */
static int
mail_queue_done(struct board *b, const struct store_mail *q)
{
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_mail_sent(b->store, q->id);
	if (rc == 0 && q->code_id != 0)
		rc = store_code_supersede(b->store, q->code_id);
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0)
		store_rollback(b->store);
	return rc;
}

/* A try failed: again later, or give up after the last try. */
static int
mail_queue_retry(struct board *b, const struct store_mail *q, const char *why)
{
	int64_t pause;

	if (q->failures + 1 >= MAIL_QUEUE_TRIES_MAX) {
		log_error("mail %lld to user %lld dropped after %d tries: %s",
		    (long long)q->id, (long long)q->user_id, q->failures + 1,
		    why);
		return store_mail_sent(b->store, q->id);
	}
	pause = (int64_t)MAIL_QUEUE_RETRY_SECONDS << q->failures;
	log_warn("mail %lld to user %lld not sent (try %d of %d, again in "
		 "%lld s): %s",
	    (long long)q->id, (long long)q->user_id, q->failures + 1,
	    MAIL_QUEUE_TRIES_MAX, (long long)pause, why);
	return store_mail_failed(b->store, q->id, clock_now() + pause);
}

/*
 * Whether q is still worth sending: a mail without a code always is; one
 * whose code was used, superseded (a newer code's mail went out first:
 * this one would carry a dead code) or expired (it waited out the code's
 * time) is not, and *why says which.  0, or the store's MB_ERR_*.
 */
static int
mail_queue_wanted(
    struct board *b, const struct store_mail *q, int *wanted, const char **why)
{
	int used = 0, expired = 0, rc;

	*wanted = 1;
	*why = NULL;
	if (q->code_id == 0)
		return 0;
	rc = store_code_state(
	    b->store, q->code_id, clock_now(), &used, &expired);
	if (rc == MB_ERR_NOTFOUND) {
		*wanted = 0;
		*why = "its code is gone";
		return 0;
	}
	if (rc != 0)
		return rc;
	if (used) {
		*wanted = 0;
		*why = "its code was used or a newer one went out";
	} else if (expired) {
		*wanted = 0;
		*why = "its code expired while it waited";
	}
	return 0;
}

/* Whether stop_fd (< 0: none) is readable: the caller is asked to end. */
static int
mail_queue_stopping(int stop_fd)
{
	struct pollfd pfd;

	if (stop_fd < 0)
		return 0;
	pfd.fd = stop_fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) < 0) {
		/* Unsure: stop, the rest waits for the next run. */
		log_warn("poll: %s", strerror(errno));
		return 1;
	}
	return (pfd.revents & POLLIN) != 0;
}

int
mail_queue_run(struct board *b, int stop_fd, int *sent)
{
	struct store_mail q;
	char err[MAIL_ERROR_MAX], *message = NULL;
	const char *why = NULL;
	int64_t after = 0, now, start = clock_now();
	size_t len = 0;
	int i, wanted, rc = 0;

	*sent = 0;
	for (i = 0; i < MAIL_QUEUE_BATCH_MAX; i++) {
		now = clock_now();
		/* Each mail may take MAIL_TIMEOUT_SECONDS: a hung relay must
		 * not keep the caller from its signals and other work. */
		if (now - start >= MAIL_QUEUE_RUN_SECONDS || now < start) {
			log_info("mail queue: %d sent in %lld s; the rest next "
				 "run",
			    *sent, (long long)(now - start));
			break;
		}
		if (mail_queue_stopping(stop_fd))
			break;
		rc = store_mail_next(
		    b->store, now, after, now + MAIL_QUEUE_LEASE_SECONDS, &q);
		if (rc == MB_ERR_NOTFOUND) {
			rc = 0;
			break;
		}
		if (rc != 0)
			break;
		after = q.id;
		wanted = 1;
		rc = mail_queue_wanted(b, &q, &wanted, &why);
		if (rc != 0) {
			/* Leased: tried again once the lease runs out. */
			free(q.message);
			break;
		}
		if (!wanted) {
			log_info("mail %lld to user %lld dropped: %s",
			    (long long)q.id, (long long)q.user_id, why);
			rc = store_mail_sent(b->store, q.id);
		} else if (mail_queue_open(b, &q, &message, &len) != 0) {
			log_error("mail %lld does not open (another board "
				  "key?); dropped",
			    (long long)q.id);
			rc = store_mail_sent(b->store, q.id);
		} else if (mail_send(b->cfg->mail_command, message, len, err,
			       sizeof(err)) == 0) {
			rc = mail_queue_done(b, &q);
			if (rc == 0) {
				(*sent)++;
				log_info("mailed mail %lld to user %lld",
				    (long long)q.id, (long long)q.user_id);
			}
		} else
			rc = mail_queue_retry(b, &q, err);
		if (message != NULL) {
			sodium_memzero(message, len);
			free(message);
			message = NULL;
		}
		free(q.message);
		if (rc != 0)
			break;
	}
	return rc;
}
