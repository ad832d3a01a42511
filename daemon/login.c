/*
 * login: the authentication callbacks.  "guest" logs in with no password.
 * The first user name a client names is bound to the connection; a later
 * attempt under another name is refused.  After MAX_AUTH_TRIES failures
 * the connection is closed.
 */
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "error.h"
#include "log.h"
#include "util.h"

#define GUEST_USER "guest"

/* Tell the listener this connection no longer counts as a startup. */
static void
login_succeeded(struct conn *c, const char *user, int64_t user_id)
{
	struct conn_status_msg msg;

	c->authenticated = 1;
	c->user_id = user_id;
	(void)strlcpy_checked(c->username, user, sizeof(c->username));
	memset(&msg, 0, sizeof(msg));
	msg.pid = getpid();
	if (write(c->dc->status_fd, &msg, sizeof(msg)) != (ssize_t)sizeof(msg))
		log_warn("could not tell the listener about a login");
	log_info("%s: logged in as %s", c->remote_addr, user);
}

/*
 * Check the user name against the one bound to this connection and count
 * the attempt.  Returns 0 to go on, -1 to refuse this attempt.
 */
static int
login_attempt(struct conn *c, const char *user)
{
	if (c->auth_attempts >= MAX_AUTH_TRIES) {
		log_info(
		    "%s: too many authentication attempts", c->remote_addr);
		ssh_disconnect(c->session);
		return -1;
	}
	if (c->username[0] == '\0')
		(void)strlcpy_checked(c->username, user, sizeof(c->username));
	else if (strcmp(c->username, user) != 0) {
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
	if (login_attempt(c, user) != 0)
		return SSH_AUTH_DENIED;
	if (strcmp(user, GUEST_USER) == 0) {
		login_succeeded(c, user, 0);
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

	(void)session;
	if (login_attempt(c, user) != 0)
		return SSH_AUTH_DENIED;
	c->auth_attempts++;
	(void)password;
	log_info(
	    "%s: password login refused for an unknown user", c->remote_addr);
	return SSH_AUTH_DENIED;
}

static int
login_pubkey_cb(ssh_session session, const char *user,
    struct ssh_key_struct *pubkey, char signature_state, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)pubkey;
	if (login_attempt(c, user) != 0)
		return SSH_AUTH_DENIED;
	if (signature_state == SSH_PUBLICKEY_STATE_VALID)
		c->auth_attempts++;
	return SSH_AUTH_DENIED;
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
