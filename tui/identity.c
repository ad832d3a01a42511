/*
 * identity: who this mentor process serves.  mentord hands a one-time
 * token over on an inherited descriptor (never argv or the environment,
 * which other local users can read); its keyed hash names the session row
 * the connection process wrote, which can be claimed only once.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "account.h"
#include "board_limits.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mentor.h"
#include "session.h"
#include "store.h"
#include "util.h"

int
identity_claim(struct app *app, int fd, char **command)
{
	/* "TOKEN\n", then "C" and the command of an exec request. */
	char *buf = xmalloc(TOKEN_HEX_LEN + 2 + EXEC_REQUEST_MAX + 1);
	size_t cap = TOKEN_HEX_LEN + 2 + EXEC_REQUEST_MAX, got = 0;
	uint8_t token[TOKEN_BYTES], hash[KEYED_HASH_BYTES];
	struct store_session s;
	ssize_t n;
	int rc;

	*command = NULL;
	while (got < cap) {
		n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	/* Used once: nothing of it stays in the file, which mentor_run
	 * keeps to mark as the session ends. */
	if (session_handover_clear(fd) != 0)
		log_debug("token fd not emptied: %s", strerror(errno));
	buf[got] = '\0';
	if (got > TOKEN_HEX_LEN + 1 && buf[TOKEN_HEX_LEN] == '\n' &&
	    buf[TOKEN_HEX_LEN + 1] == 'C')
		*command = xstrdup(buf + TOKEN_HEX_LEN + 2);
	buf[strcspn(buf, "\n")] = '\0';
	rc = auth_token_parse(buf, token);
	sodium_memzero(buf, TOKEN_HEX_LEN + 1);
	free(buf);
	if (rc != 0) {
		log_error("no valid session token on fd %d", fd);
		free(*command);
		*command = NULL;
		return MB_ERR_DENIED;
	}
	auth_keyed_hash(app->board_key, token, sizeof(token), hash);
	sodium_memzero(token, sizeof(token));
	rc = session_claim(&app->board, hash, &s);
	if (rc != 0) {
		log_error("session token unknown or used: %s", mb_strerror(rc));
		free(*command);
		*command = NULL;
		return MB_ERR_DENIED;
	}
	memset(&app->viewer, 0, sizeof(app->viewer));
	app->viewer.user_id = s.user_id;
	app->viewer.session_id = s.id;
	(void)strlcpy_checked(app->viewer.remote_addr, s.remote_addr,
	    sizeof(app->viewer.remote_addr));
	return identity_refresh(app);
}

int
identity_refresh(struct app *app)
{
	struct viewer *v = &app->viewer;
	struct store_user u;
	int rc;

	if (v->is_operator) {
		(void)strlcpy_checked(
		    v->username, "operator", sizeof(v->username));
		(void)strlcpy_checked(v->display_name, _("the host's operator"),
		    sizeof(v->display_name));
		return 0;
	}
	if (v->user_id == 0) {
		(void)i18n_use(app->client_language);
		(void)strlcpy_checked(
		    v->username, "guest", sizeof(v->username));
		(void)strlcpy_checked(
		    v->display_name, "guest", sizeof(v->display_name));
		v->verified = 0;
		v->is_sysop = 0;
		return 0;
	}
	rc = store_user_get(app->store, v->user_id, &u);
	if (rc != 0) {
		log_error(
		    "user %lld of this session is gone", (long long)v->user_id);
		return rc;
	}
	/* The member's own setting wins over the client's locale. */
	(void)i18n_use(u.language);
	(void)strlcpy_checked(v->username, u.username, sizeof(v->username));
	account_display_name(&u, v->display_name, sizeof(v->display_name));
	v->verified = u.verified;
	v->is_sysop = u.is_sysop;
	return 0;
}

/*
 * Is this process's user the host's operator: root, or the owner of the
 * state directory (the account the board runs as)?  What root makes in the
 * directory is given to its owner (common/statedir.c).
 */
static int
identity_is_operator(const struct app *app)
{
	struct stat sb;

	if (getuid() == 0)
		return 1;
	return stat(app->cfg.state_dir, &sb) == 0 && sb.st_uid == getuid();
}

int
identity_local(struct app *app, int guest)
{
	uint8_t token[TOKEN_BYTES], hash[KEYED_HASH_BYTES];
	char hex[TOKEN_HEX_LEN + 1];
	struct passwd *pw = NULL;
	struct store_session claimed;
	struct store_user u;
	int rc;

	memset(&app->viewer, 0, sizeof(app->viewer));
	if (!guest) {
		pw = getpwuid(getuid());
		if (pw == NULL) {
			log_error("who is uid %ld?", (long)getuid());
			return MB_ERR_NOTFOUND;
		}
		/* Root is the operator even if the team made a member
		 * called root: the console must not depend on accounts. */
		rc = getuid() == 0 ?
		    MB_ERR_NOTFOUND :
		    store_user_find(app->store, pw->pw_name, &u);
		if (rc == 0)
			app->viewer.user_id = u.id;
		else if (identity_is_operator(app)) {
			/* The host's operator: the console, without an
			 * account on the board. */
			app->viewer.is_operator = 1;
			app->viewer.is_sysop = 1;
			app->viewer.verified = 1;
		} else {
			log_error(
			    "no board account named %s, and %s is "
			    "neither root nor the state directory's owner",
			    pw->pw_name, pw->pw_name);
			return MB_ERR_NOTFOUND;
		}
	}
	/* A session row like any other, so the board sees who is on. */
	auth_token_new(token, hex);
	auth_keyed_hash(app->board_key, token, sizeof(token), hash);
	sodium_memzero(token, sizeof(token));
	sodium_memzero(hex, sizeof(hex));
	rc = session_open(&app->board, hash, app->viewer.user_id, "local",
	    getpid(), &app->viewer.session_id);
	/* Claimed at once, as mentord's sessions are when mentor starts:
	 * only claimed sessions are woken for news. */
	if (rc == 0)
		rc = session_claim(&app->board, hash, &claimed);
	if (rc != 0)
		return rc;
	(void)strlcpy_checked(
	    app->viewer.remote_addr, "local", sizeof(app->viewer.remote_addr));
	/* A member's login on the host counts like one over ssh. */
	if (app->viewer.user_id != 0)
		(void)session_login(&app->board, app->viewer.user_id, "local",
		    SESSION_METHOD_LOCAL);
	return identity_refresh(app);
}

void
identity_local_end(struct app *app)
{
	if (app->viewer.session_id > 0)
		(void)session_close(&app->board, app->viewer.session_id);
}

int
identity_ended(struct app *app, char *why, size_t size)
{
	char kicked[STORE_BAN_REASON_MAX];
	struct store_user u;

	why[0] = '\0';
	if (app->viewer.user_id != 0 &&
	    store_user_get(app->store, app->viewer.user_id, &u) ==
		MB_ERR_NOTFOUND) {
		(void)snprintf(
		    why, size, "%s", _("This account has been deleted."));
		return 1;
	}
	if (app->viewer.user_id != 0 &&
	    store_user_get(app->store, app->viewer.user_id, &u) == 0 &&
	    u.banned_at != 0) {
		(void)snprintf(why, size,
		    _("The mentoring team has banned this account: %s"),
		    u.ban_reason);
		return 1;
	}
	if (app->viewer.session_id > 0 &&
	    store_session_kicked(app->store, app->viewer.session_id, kicked,
		sizeof(kicked)) == 0 &&
	    kicked[0] != '\0') {
		(void)snprintf(why, size,
		    _("The mentoring team ended this session: %s"), kicked);
		return 1;
	}
	return 0;
}
