/*
 * login: the authentication callbacks.  "guest" logs in with no password;
 * members with their password or a key they added (the account rules
 * decide).  Every other name is refused exactly like a wrong password,
 * after the same argon2id work.
 *
 * The first user name a client names is bound to the connection; a later
 * attempt under another name is refused.  After MAX_AUTH_TRIES failures the
 * connection is closed.  Each attempt first waits as common/throttle.c
 * says, from the failures of its address and name on the whole board.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "account.h"
#include "auth.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "session.h"
#include "sshkey.h"
#include "store.h"
#include "util.h"

#define GUEST_USER "guest"

/* Count a failure for the address and the name. */
static void
login_failed(struct conn *c, const char *user, const char *how)
{
	c->auth_attempts++;
	gate_ask_failed(c, user);
	/* The name as the client gave it (log_write keeps it one line);
	 * never what was offered as proof. */
	log_info("%s: login as \"%s\" failed (%s, attempt %d)", c->remote_addr,
	    user, how, c->auth_attempts);
	if (c->auth_attempts >= MAX_AUTH_TRIES) {
		log_info("%s: too many authentication attempts as \"%s\"; "
			 "closing",
		    c->remote_addr, user);
		/* The loop closes the connection after this reply. */
		c->done = 1;
	}
}

/*
 * Tell the listener this connection no longer counts as a startup; a
 * member's login (by method) goes into the login table.
 */
static void
login_succeeded(struct conn *c, const char *user, int64_t user_id,
    const char *how, enum session_method method)
{
	struct conn_status_msg msg;

	c->authenticated = 1;
	c->user_id = user_id;
	(void)strlcpy_checked(c->username, user, sizeof(c->username));
	memset(&msg, 0, sizeof(msg));
	msg.pid = getpid();
	msg.event = CONN_STATUS_LOGGED_IN;
	if (write(c->dc->status_fd, &msg, sizeof(msg)) != (ssize_t)sizeof(msg))
		log_warn("could not tell the listener about a login");
	if (user_id != 0) {
		gate_ask_login(c, user, user_id, (int)method);
		log_info("%s: member %s (user %lld) logged in (%s)",
		    c->remote_addr, user, (long long)user_id, how);
	} else
		log_info("%s: guest logged in (%s)", c->remote_addr, how);
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
		log_info("%s: user name changed from \"%s\" to \"%s\" during "
			 "authentication; refused",
		    c->remote_addr, c->username, user);
		c->auth_attempts++;
		return -1;
	}
	return 0;
}

/*
 * "none": guest gets in with nothing; for anyone else it is the client
 * asking which methods there are, so it is not counted as a failure.
 */
static int
login_none_cb(ssh_session session, const char *user, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	if (login_bind_user(c, user) != 0)
		return SSH_AUTH_DENIED;
	if (strcmp(user, GUEST_USER) == 0) {
		/* A guest's login is not recorded (method unused). */
		login_succeeded(c, user, 0, "guest", SESSION_METHOD_PASSWORD);
		return SSH_AUTH_SUCCESS;
	}
	/* "none" is how a client asks which methods there are: no failure. */
	return SSH_AUTH_DENIED;
}

/*
 * A password: after the throttle's wait, through the account rules; guest's
 * and unknown names cost the same argon2id work as a wrong password.
 */
static int
login_password_cb(
    ssh_session session, const char *user, const char *password, void *userdata)
{
	struct conn *c = userdata;
	struct board *b = NULL;
	int64_t id = 0;

	(void)session;
	if (login_bind_user(c, user) != 0)
		return SSH_AUTH_DENIED;
	gate_ask_wait(c, user);
	b = conn_board(c);
	if (b == NULL || strcmp(user, GUEST_USER) == 0 ||
	    account_login_password(b, user, password, c->dc->dummy_hash, &id) !=
		0) {
		if (b == NULL || strcmp(user, GUEST_USER) == 0)
			/* The same work as for a real account, then no. */
			(void)auth_password_verify(
			    c->dc->cfg->state_dir, c->dc->dummy_hash, password);
		login_failed(c, user, "password");
		return SSH_AUTH_DENIED;
	}
	login_succeeded(c, user, id, "password", SESSION_METHOD_PASSWORD);
	return SSH_AUTH_SUCCESS;
}

/*
 * Does pubkey belong to the account called user?  Its id in *id.  With
 * wait, first wait as the throttle says (in the same question to the
 * gate), whatever the key.
 */
static int
login_key_matches(
    struct conn *c, const char *user, ssh_key pubkey, int wait, int64_t *id)
{
	struct sshkey_line k = { 0 };
	const char *name = NULL, *why = NULL;
	char *b64 = NULL, *line = NULL;
	int rc = -1;

	/* The key as a .pub line, read the way members' keys were; one that
	 * cannot be read is nobody's (asked as "", for the wait). */
	name = ssh_key_type_to_char(ssh_key_type(pubkey));
	if (name != NULL &&
	    ssh_pki_export_pubkey_base64(pubkey, &b64) == SSH_OK) {
		line = xasprintf("%s %s", name, b64);
		ssh_string_free_char(b64);
		rc = sshkey_parse_line(line, &k, &why);
		free(line);
	}
	if (rc == 0)
		rc = gate_ask_key(c, user, k.type, k.base64, wait, id);
	else
		(void)gate_ask_key(c, user, "", "", wait, id);
	sshkey_line_free(&k);
	return rc == 0;
}

/*
 * A key: a probe without signature is answered at once (that is no login and
 * costs no wait); a signed attempt waits as the throttle says, and a bad
 * signature or a key of nobody counts as a failure.
 */
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
		return login_key_matches(c, user, pubkey, 0, &id) ?
		    SSH_AUTH_SUCCESS :
		    SSH_AUTH_DENIED;
	}
	match = login_key_matches(c, user, pubkey, 1, &id);
	if (signature_state != SSH_PUBLICKEY_STATE_VALID || !match) {
		login_failed(c, user, "public key");
		return SSH_AUTH_DENIED;
	}
	login_succeeded(c, user, id, "public key", SESSION_METHOD_KEY);
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
