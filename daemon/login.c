/*
 * login: the authentication callbacks.  "guest" logs in with no password;
 * members with their password or a key they added.  Every other name is
 * refused exactly like a wrong password, after the same argon2id work.
 *
 * The first user name a client names is bound to the connection; a later
 * attempt under another name is refused.  After MAX_AUTH_TRIES failures the
 * connection is closed.  Failures are counted per source address and per
 * user name in the store, shared by all connections: from the
 * AUTH_FREE_FAILURES-th on, each attempt waits longer (doubling, capped),
 * and a quiet AUTH_FORGET_SECONDS forgets them.  The per-name delay is
 * capped low, so an attacker elsewhere slows an owner down but never locks
 * them out; a successful login clears it.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "sshkey.h"
#include "store.h"
#include "util.h"

#define GUEST_USER "guest"

/* The delay after failures, in milliseconds, capped at cap_ms. */
static long
login_delay_ms(int failures, long cap_ms)
{
	long delay;
	int shift;

	if (failures < AUTH_FREE_FAILURES)
		return 0;
	shift = failures - AUTH_FREE_FAILURES;
	if (shift > 16)
		shift = 16;
	delay = (long)AUTH_DELAY_BASE_MS << shift;
	return delay < cap_ms ? delay : cap_ms;
}

/* Wait as long as past failures of this address and name ask. */
static void
login_wait(struct conn *c, const char *user)
{
	struct timespec ts;
	int by_addr = 0, by_user = 0;
	long wait_addr, wait_user, ms;

	if (store_auth_failures(c->store, STORE_AUTH_ADDR, c->remote_addr,
		AUTH_FORGET_SECONDS, &by_addr) != 0 ||
	    store_auth_failures(c->store, STORE_AUTH_USER, user,
		AUTH_FORGET_SECONDS, &by_user) != 0)
		log_warn("cannot read failed logins; not waiting");
	wait_addr = login_delay_ms(by_addr, AUTH_ADDR_DELAY_MAX_MS);
	wait_user = login_delay_ms(by_user, AUTH_USER_DELAY_MAX_MS);
	ms = wait_addr > wait_user ? wait_addr : wait_user;
	if (ms == 0)
		return;
	log_debug("%s: waiting %ld ms (%d failures from there, %d for the "
		  "name)",
	    c->remote_addr, ms, by_addr, by_user);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Count a failure for the address and the name. */
static void
login_failed(struct conn *c, const char *user, const char *how)
{
	c->auth_attempts++;
	if (store_auth_fail(c->store, STORE_AUTH_ADDR, c->remote_addr,
		AUTH_FORGET_SECONDS) != 0 ||
	    store_auth_fail(
		c->store, STORE_AUTH_USER, user, AUTH_FORGET_SECONDS) != 0)
		log_warn("cannot record a failed login");
	log_info("%s: %s login failed (attempt %d)", c->remote_addr, how,
	    c->auth_attempts);
	if (c->auth_attempts >= MAX_AUTH_TRIES) {
		log_info("%s: too many authentication attempts; closing",
		    c->remote_addr);
		/* The loop closes the connection after this reply. */
		c->done = 1;
	}
}

/* Tell the listener this connection no longer counts as a startup. */
static void
login_succeeded(
    struct conn *c, const char *user, int64_t user_id, const char *how)
{
	struct conn_status_msg msg;

	c->authenticated = 1;
	c->user_id = user_id;
	(void)strlcpy_checked(c->username, user, sizeof(c->username));
	memset(&msg, 0, sizeof(msg));
	msg.pid = getpid();
	if (write(c->dc->status_fd, &msg, sizeof(msg)) != (ssize_t)sizeof(msg))
		log_warn("could not tell the listener about a login");
	if (user_id != 0 &&
	    store_auth_clear(c->store, STORE_AUTH_USER, user) != 0)
		log_warn("cannot clear failed logins of %s", user);
	log_info("%s: %s logged in (%s)", c->remote_addr,
	    user_id != 0 ? "member" : "guest", how);
}

/*
 * Check the user name against the one bound to this connection.  Returns
 * 0 to go on, -1 to refuse this attempt.
 */
static int
login_bind_user(struct conn *c, const char *user)
{
	/* Once in, nothing more to prove (and the store may be closed). */
	if (c->authenticated || c->auth_attempts >= MAX_AUTH_TRIES)
		return -1;
	if (c->username[0] == '\0') {
		if (strlcpy_checked(c->username, user, sizeof(c->username)) !=
		    0)
			c->username[0] = '\0'; /* too long: no such user */
		return c->username[0] != '\0' ? 0 : -1;
	}
	if (strcmp(c->username, user) != 0) {
		log_info("%s: user name changed during authentication",
		    c->remote_addr);
		c->auth_attempts++;
		return -1;
	}
	return 0;
}

static int
login_none_cb(ssh_session session, const char *user, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	if (login_bind_user(c, user) != 0)
		return SSH_AUTH_DENIED;
	if (strcmp(user, GUEST_USER) == 0) {
		login_succeeded(c, user, 0, "guest");
		return SSH_AUTH_SUCCESS;
	}
	/* "none" is how a client asks which methods there are: no failure. */
	return SSH_AUTH_DENIED;
}

static int
login_password_cb(
    ssh_session session, const char *user, const char *password, void *userdata)
{
	struct conn *c = userdata;
	char hash[AUTH_HASH_STR_MAX], fresh[AUTH_HASH_STR_MAX];
	int64_t id = 0;
	int rc;

	(void)session;
	if (login_bind_user(c, user) != 0)
		return SSH_AUTH_DENIED;
	login_wait(c, user);
	rc = strcmp(user, GUEST_USER) == 0 ?
	    MB_ERR_NOTFOUND :
	    store_user_password(c->store, user, &id, hash, sizeof(hash));
	if (rc != 0) {
		/* The same work as for a real account, then no. */
		(void)auth_password_verify(
		    c->dc->cfg->state_dir, c->dc->dummy_hash, password);
		login_failed(c, user, "password");
		return SSH_AUTH_DENIED;
	}
	rc = auth_password_verify(c->dc->cfg->state_dir, hash, password);
	if (rc != 0) {
		login_failed(c, user, "password");
		return SSH_AUTH_DENIED;
	}
	if (auth_password_needs_rehash(hash) &&
	    auth_password_hash(c->dc->cfg->state_dir, password, fresh) == 0) {
		if (store_user_set_password(c->store, id, fresh) == 0)
			log_info("rehashed the password of user %lld",
			    (long long)id);
		sodium_memzero(fresh, sizeof(fresh));
	}
	login_succeeded(c, user, id, "password");
	return SSH_AUTH_SUCCESS;
}

/* Does pubkey belong to the account called user?  Its id in *id. */
static int
login_key_matches(struct conn *c, const char *user, ssh_key pubkey, int64_t *id)
{
	struct sshkey_line k;
	struct store_user u;
	const char *name = NULL, *why = NULL;
	char *b64 = NULL, *line = NULL;
	int64_t owner = 0;
	int rc;

	/* The key as a .pub line, read the way members' keys were. */
	name = ssh_key_type_to_char(ssh_key_type(pubkey));
	if (name == NULL ||
	    ssh_pki_export_pubkey_base64(pubkey, &b64) != SSH_OK)
		return 0;
	line = xasprintf("%s %s", name, b64);
	ssh_string_free_char(b64);
	rc = sshkey_parse_line(line, &k, &why);
	free(line);
	if (rc != 0)
		return 0;
	rc = store_key_owner(c->store, k.type, k.base64, &owner);
	sshkey_line_free(&k);
	if (rc != 0 || store_user_find(c->store, user, &u) != 0)
		return 0;
	*id = u.id;
	return u.id == owner;
}

static int
login_pubkey_cb(ssh_session session, const char *user,
    struct ssh_key_struct *pubkey, char signature_state, void *userdata)
{
	struct conn *c = userdata;
	int64_t id = 0;
	int match;

	(void)session;
	if (login_bind_user(c, user) != 0)
		return SSH_AUTH_DENIED;
	if (strcmp(user, GUEST_USER) == 0)
		return SSH_AUTH_DENIED;
	if (signature_state == SSH_PUBLICKEY_STATE_NONE) {
		/* A probe ("would this key do?"): no signature yet. */
		return login_key_matches(c, user, pubkey, &id) ?
		    SSH_AUTH_SUCCESS :
		    SSH_AUTH_DENIED;
	}
	login_wait(c, user);
	match = login_key_matches(c, user, pubkey, &id);
	if (signature_state != SSH_PUBLICKEY_STATE_VALID || !match) {
		login_failed(c, user, "public key");
		return SSH_AUTH_DENIED;
	}
	login_succeeded(c, user, id, "public key");
	return SSH_AUTH_SUCCESS;
}

void
login_setup_callbacks(struct conn *c)
{
	memset(&c->server_cb, 0, sizeof(c->server_cb));
	c->server_cb.userdata = c;
	c->server_cb.auth_none_function = login_none_cb;
	c->server_cb.auth_password_function = login_password_cb;
	c->server_cb.auth_pubkey_function = login_pubkey_cb;
	c->server_cb.channel_open_request_session_function = chan_open_session;
	ssh_callbacks_init(&c->server_cb);
	if (ssh_set_server_callbacks(c->session, &c->server_cb) != SSH_OK)
		log_error("ssh_set_server_callbacks failed");
	ssh_set_auth_methods(
	    c->session, SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_PUBLICKEY);
}
