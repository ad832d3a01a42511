/* account: registration, verification, passwords, keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "account.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "mail_queue.h"
#include "profile.h"
#include "sshkey.h"
#include "text.h"
#include "throttle.h"
#include "util.h"

/* Names no account may have, not even one the team makes: the board
 * needs them ("guest" logs in without a password). */
static const char *const account_reserved_always[] = {
	"guest",
};

/* Names members may not register themselves, so that nobody passes for
 * the board or its team; the team may give them (mentord user add sysop). */
static const char *const account_reserved[] = {
	"root",
	"admin",
	"administrator",
	"sysop",
	"mentorboard",
	"mentor",
	"mentord",
	"postmaster",
	"support",
	"help",
	"info",
	"nobody",
	"system",
	"daemon",
};

/* Reasons with numbers in them; one process serves one person. */
static char account_why_buf[256];
static char account_first_why[256], account_last_why[256];

int
account_check_username(const char *u, int by_team, const char **why)
{
	size_t len = strlen(u), i;

	if (len < USERNAME_MIN || len > USERNAME_MAX) {
		*why = _("must be 3 to 32 characters");
		return MB_ERR_INVALID;
	}
	for (i = 0; i < len; i++) {
		if (!((u[i] >= 'a' && u[i] <= 'z') ||
			(u[i] >= '0' && u[i] <= '9') || u[i] == '_' ||
			u[i] == '-')) {
			*why = _("may hold only a-z, 0-9, _ and -");
			return MB_ERR_INVALID;
		}
	}
	if (u[0] == '-') {
		*why = _("must not start with -");
		return MB_ERR_INVALID;
	}
	for (i = 0; i < nitems(account_reserved_always); i++) {
		if (strcmp(u, account_reserved_always[i]) == 0) {
			*why = _("is reserved; choose another");
			return MB_ERR_INVALID;
		}
	}
	for (i = 0; !by_team && i < nitems(account_reserved); i++) {
		if (strcmp(u, account_reserved[i]) == 0) {
			*why = _("is reserved; choose another");
			return MB_ERR_INVALID;
		}
	}
	return 0;
}

int
account_check_password(
    const char *pw, const char *username, const char *email, const char **why)
{
	long chars = text_utf8_length(pw);

	if (chars < 0 || strchr(pw, '\n') != NULL) {
		*why = _("is not valid text");
		return MB_ERR_INVALID;
	}
	if (chars < PASSWORD_MIN_CHARS) {
		(void)snprintf(account_why_buf, sizeof(account_why_buf),
		    _("needs at least %d characters"), PASSWORD_MIN_CHARS);
		*why = account_why_buf;
		return MB_ERR_INVALID;
	}
	if (strlen(pw) > PASSWORD_MAX_BYTES) {
		*why = _("is too long");
		return MB_ERR_INVALID;
	}
	if ((username != NULL && strcmp(pw, username) == 0) ||
	    (email != NULL && strcasecmp(pw, email) == 0)) {
		*why = _("must not be your user name or address");
		return MB_ERR_INVALID;
	}
	return 0;
}

int
account_set_plain_mode(struct board *b, int64_t user_id, int on)
{
	return store_user_set_plain_mode(b->store, user_id, on);
}

void
account_display_name(const struct store_user *u, char *out, size_t size)
{
	if (text_display_name(u->first_name, u->last_name, out, size) != 0)
		text_sanitize_buf(
		    u->first_name, strlen(u->first_name), 0, out, size);
}

void
account_ssh_command(
    const struct config *cfg, const char *user, int tty, char *out, size_t size)
{
	int port = config_public_port(cfg);
	char p[16] = "";

	if (port != 22)
		(void)snprintf(p, sizeof(p), "-p %d ", port);
	(void)snprintf(out, size, "ssh %s%s%s@%s", tty ? "-t " : "", p, user,
	    cfg->public_host[0] != '\0' ? cfg->public_host : "localhost");
}

/* Check that every id names a live field of study. */
static int
account_check_fields(
    struct board *b, const int64_t *ids, size_t n, const char **why)
{
	struct store_item *items = NULL;
	size_t count = 0, i, j;
	int rc;

	if (n == 0) {
		*why = _("choose at least one");
		return MB_ERR_INVALID;
	}
	if (n > FIELDS_MAX) {
		(void)snprintf(account_why_buf, sizeof(account_why_buf),
		    _("choose at most %d"), FIELDS_MAX);
		*why = account_why_buf;
		return MB_ERR_INVALID;
	}
	rc = store_list_get(b->store, STORE_LIST_FIELDS, 0, &items, &count);
	if (rc != 0)
		return rc;
	for (i = 0; i < n; i++) {
		for (j = 0; j < count && items[j].id != ids[i]; j++)
			;
		if (j == count) {
			free(items);
			*why = _("is not on the list");
			return MB_ERR_INVALID;
		}
	}
	free(items);
	return 0;
}

/* Check every field of the form into e; MB_ERR_INVALID if any is bad. */
static int
account_check_form(
    struct board *b, const struct account_form *f, struct account_errors *e)
{
	const char *why = NULL;
	size_t i;
	int rc;

	memset(e, 0, sizeof(*e));
	if (account_check_username(f->username, f->by_admin, &why) != 0)
		e->why[ACCOUNT_USERNAME] = why;
	if (strlen(f->email) > EMAIL_MAX_BYTES || !mail_address_valid(f->email))
		e->why[ACCOUNT_EMAIL] = _("is not an e-mail address");
	if (text_check_name(f->first_name, NAME_MAX_CHARS, account_first_why,
		sizeof(account_first_why), &why) != 0)
		e->why[ACCOUNT_FIRST_NAME] = why;
	if (text_check_name(f->last_name, NAME_MAX_CHARS, account_last_why,
		sizeof(account_last_why), &why) != 0)
		e->why[ACCOUNT_LAST_NAME] = why;
	rc = f->by_admin && f->nfields == 0 ?
	    0 :
	    account_check_fields(b, f->field_ids, f->nfields, &why);
	if (rc == MB_ERR_INVALID)
		e->why[ACCOUNT_FIELDS] = why;
	else if (rc != 0)
		return rc;
	if (f->password != NULL) {
		if (account_check_password(
			f->password, f->username, f->email, &why) != 0)
			e->why[ACCOUNT_PASSWORD] = why;
		else if (f->password2 == NULL ||
		    strcmp(f->password, f->password2) != 0)
			e->why[ACCOUNT_PASSWORD2] =
			    _("does not match the password");
	}
	if (!f->consent && !f->by_admin)
		e->why[ACCOUNT_CONSENT] =
		    _("please read and accept the privacy notice");
	for (i = 0; i < ACCOUNT_NFIELDS; i++) {
		if (e->why[i] != NULL)
			return MB_ERR_INVALID;
	}
	return 0;
}

/* Check the mail rate of a kind of code for an account. */
static int
account_mail_allowed(struct board *b, int64_t user_id,
    enum store_code_purpose purpose, const char **why)
{
	int64_t now = clock_now(), last_at = 0;
	int count = 0, rc;

	rc = store_code_sent(
	    b->store, user_id, purpose, now - 24 * 3600, &count, &last_at);
	if (rc != 0)
		return rc;
	if (count > 0 && now - last_at < MAIL_MIN_INTERVAL) {
		(void)snprintf(account_why_buf, sizeof(account_why_buf),
		    _("a mail went out just now; try again in %d seconds"),
		    (int)(MAIL_MIN_INTERVAL - (now - last_at)));
		*why = account_why_buf;
		return MB_ERR_LIMIT;
	}
	if (count >= MAIL_MAX_PER_DAY) {
		*why = _("too many mails today; try again tomorrow");
		return MB_ERR_LIMIT;
	}
	return 0;
}

/*
 * Make a code of purpose for u (subject N_(), the mail in u's language),
 * store its hash and queue its mail in one transaction (earlier codes of
 * the purpose stop working once the mail is out).  Returns 0, or
 * MB_ERR_MAIL with *why when it could not be queued.
 */
static int
account_mail_code(struct board *b, const struct store_user *u,
    enum store_code_purpose purpose, int64_t ttl, const char *subject,
    const char *command_user, const char *command_word, const char **why)
{
	char code[CODE_TEXT_MAX], canonical[CODE_CHARS + 1], cmd[512];
	char err[MAIL_ERROR_MAX] = "", *body = NULL;
	uint8_t hash[KEYED_HASH_BYTES];
	enum i18n_language spoken;
	struct mail_msg m;
	int64_t code_id = 0;
	int rc;

	auth_code_new(code);
	rc = auth_code_normalize(code, canonical);
	if (rc != 0)
		return rc;
	auth_code_hash(b->key, canonical, hash);
	account_ssh_command(b->cfg, command_user, 1, cmd, sizeof(cmd));
	/* In the recipient's language: a reset is asked for by a guest. */
	spoken = i18n_use(u->language);
	if (purpose == STORE_CODE_VERIFY)
		body =
		    xasprintf(_("Hello %s,\n"
				"\n"
				"welcome to Mentorboard. Please confirm your "
				"e-mail address with this code:\n"
				"\n"
				"    %s\n"
				"\n"
				"Type it on the board after you log in, or "
				"paste this command into a terminal:\n"
				"\n"
				"    %s %s %s\n"
				"\n"
				"The code works once, for 24 hours. If you did "
				"not register, ignore this mail.\n"
				"\n"
				"The mentoring team\n"),
			u->first_name, code, cmd, command_word, code);
	else
		body =
		    xasprintf(_("Hello %s,\n"
				"\n"
				"someone, hopefully you, asked to reset the "
				"password of your Mentorboard account. Your "
				"code:\n"
				"\n"
				"    %s\n"
				"\n"
				"Type it in \"Forgot password\" on the board, "
				"or paste this command into a terminal:\n"
				"\n"
				"    %s %s %s\n"
				"\n"
				"The code works once, for one hour. If you did "
				"not ask for it, ignore this mail: your "
				"password stays as it is.\n"
				"\n"
				"The mentoring team\n"),
			u->first_name, code, cmd, command_word, code);
	sodium_memzero(code, sizeof(code));
	memset(&m, 0, sizeof(m));
	m.from = b->cfg->mail_from;
	m.to_name = NULL;
	m.to_addr = u->email;
	m.subject = _(subject);
	m.body = body;
	/*
	 * The code and its mail in one transaction, queued: the answer never
	 * waits for the mail command.  Earlier codes work on until the mail
	 * is out, so a mail that never leaves costs no one the code they
	 * have.
	 */
	rc = store_begin(b->store);
	if (rc == 0)
		rc = store_code_add_pending(b->store, u->id, purpose, hash,
		    sizeof(hash), ttl, u->email, &code_id);
	if (rc == 0)
		rc = mail_queue_add(b, u->id, code_id, &m, err, sizeof(err));
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0)
		store_rollback(b->store);
	(void)i18n_use(spoken);
	sodium_memzero(body, strlen(body));
	free(body);
	if (rc != 0) {
		log_error("mail to user %lld not queued: %s", (long long)u->id,
		    err[0] != '\0' ? err : mb_strerror(rc));
		*why = _("could not send mail; try resend later");
		return MB_ERR_MAIL;
	}
	mail_queue_wake(b);
	log_info("queued a %s code for user %lld",
	    purpose == STORE_CODE_VERIFY ? "verification" : "reset",
	    (long long)u->id);
	return 0;
}

/* Mail a new verification code to u (see account_mail_code). */
static int
account_mail_verification(
    struct board *b, const struct store_user *u, const char **why)
{
	return account_mail_code(b, u, STORE_CODE_VERIFY, VERIFY_CODE_TTL,
	    N_("Confirm your e-mail address for Mentorboard"), u->username,
	    "verify", why);
}

/*
 * Is the name and the address free, and may this address make one more
 * account now?  Counts the attempt; MB_ERR_INVALID with a reason in e, or
 * MB_ERR_LIMIT.
 */
static int
account_check_free(
    struct board *b, const struct account_form *f, struct account_errors *e)
{
	struct store_user other;
	int made = 0, rc;
	long ms;

	/* Every answer from here is counted for the address, and waits
	 * the longer the more there were: names are not probed cheaply. */
	if (f->source != NULL) {
		rc = store_auth_failures(b->store, STORE_AUTH_REGISTER,
		    f->source, REGISTER_WINDOW_SECONDS, &made);
		if (rc != 0)
			return rc;
		if (made >= REGISTER_MAX_PER_SOURCE) {
			log_warn("%s: registrations held back", f->source);
			e->general = _("too many attempts from your address; "
				       "please try again in an hour");
			return MB_ERR_LIMIT;
		}
		ms = throttle_delay_ms(made, REGISTER_DELAY_MAX_MS);
		if (ms > 0) {
			log_debug(
			    "%s: registration waits %ld ms", f->source, ms);
			throttle_sleep(ms);
		}
		rc = store_auth_fail(b->store, STORE_AUTH_REGISTER, f->source,
		    REGISTER_WINDOW_SECONDS);
		if (rc != 0)
			return rc;
	}
	if (store_user_find(b->store, f->username, &other) == 0)
		e->why[ACCOUNT_USERNAME] = _("is taken");
	if (store_user_find_email(b->store, f->email, &other) == 0)
		e->why[ACCOUNT_EMAIL] =
		    _("already has an account; use \"Forgot password\"");
	if (e->why[ACCOUNT_USERNAME] != NULL || e->why[ACCOUNT_EMAIL] != NULL)
		return MB_ERR_INVALID;
	return 0;
}

int
account_register(struct board *b, const struct account_form *f,
    struct account_errors *e, int64_t *user_id, int *mail_failed)
{
	char hash[AUTH_HASH_STR_MAX] = "";
	const char *which = NULL, *why = NULL;
	struct store_user u;
	int rc;

	*mail_failed = 0;
	rc = account_check_form(b, f, e);
	if (rc != 0)
		return rc;
	/* The cheap refusals before the costly hash. */
	rc = account_check_free(b, f, e);
	if (rc != 0)
		return rc;
	if (f->password != NULL) {
		rc = auth_password_hash(b->cfg->state_dir, f->password, hash);
		if (rc != 0)
			return rc;
	}
	memset(&u, 0, sizeof(u));
	(void)strlcpy_checked(u.username, f->username, sizeof(u.username));
	(void)strlcpy_checked(u.email, f->email, sizeof(u.email));
	(void)strlcpy_checked(
	    u.first_name, f->first_name, sizeof(u.first_name));
	(void)strlcpy_checked(u.last_name, f->last_name, sizeof(u.last_name));
	u.verified = f->by_admin;
	u.is_sysop = f->sysop;
	/* The language the person registered in is theirs from now on. */
	u.language = i18n_current();
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_user_create(b->store, &u, f->password != NULL ? hash : NULL,
	    f->consent ? clock_now() : 0, user_id, &which);
	if (rc == MB_ERR_EXISTS) {
		store_rollback(b->store);
		if (strcmp(which, "email") == 0)
			e->why[ACCOUNT_EMAIL] = _("already has an account; use "
						  "\"Forgot password\"");
		else
			e->why[ACCOUNT_USERNAME] = _("is taken");
		return MB_ERR_INVALID;
	}
	if (rc == 0)
		rc = store_user_set_fields(
		    b->store, *user_id, f->field_ids, f->nfields);
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0) {
		store_rollback(b->store);
		return rc;
	}
	sodium_memzero(hash, sizeof(hash));
	log_info("registered user %lld (%s)", (long long)*user_id,
	    f->by_admin ? "by the operator" : "unverified");
	u.id = *user_id;
	if (!f->by_admin && account_mail_verification(b, &u, &why) != 0)
		*mail_failed = 1;
	return 0;
}

int
account_send_verification(struct board *b, int64_t user_id, const char **why)
{
	struct store_user u;
	int rc;

	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	if (u.verified) {
		*why = _("your address is already confirmed");
		return MB_ERR_EXISTS;
	}
	rc = account_mail_allowed(b, user_id, STORE_CODE_VERIFY, why);
	if (rc != 0)
		return rc;
	return account_mail_verification(b, &u, why);
}

int
account_verify(
    struct board *b, int64_t user_id, const char *code, const char **why)
{
	char canonical[CODE_CHARS + 1];
	uint8_t hash[KEYED_HASH_BYTES];
	int64_t owner = 0;
	int rc;
	char sent_to[EMAIL_MAX_BYTES + 1] = "";
	struct store_user u;

	if (auth_code_normalize(code, canonical) != 0) {
		*why = _("that is not a code (it looks like ABCDE-FGHJK)");
		return MB_ERR_INVALID;
	}
	auth_code_hash(b->key, canonical, hash);
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_code_use(b->store, STORE_CODE_VERIFY, hash, sizeof(hash),
	    user_id, CODE_MAX_ATTEMPTS, &owner, sent_to, sizeof(sent_to));
	if (rc == 0)
		rc = store_user_get(b->store, user_id, &u);
	/* A code confirms the address it was sent to, not one set since. */
	if (rc == 0 && strcasecmp(sent_to, u.email) != 0)
		rc = MB_ERR_EXPIRED;
	if (rc == 0)
		rc = store_user_set_verified(b->store, user_id);
	if (rc == 0)
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	if (rc == 0 || rc == MB_ERR_NOTFOUND || rc == MB_ERR_EXPIRED) {
		/* Keep the count of wrong tries, too. */
		int crc = store_commit(b->store);
		if (crc != 0)
			return crc;
	} else
		store_rollback(b->store);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("wrong code");
	else if (rc == MB_ERR_EXPIRED)
		*why = _("this code has expired or was used; ask for a new "
			 "one");
	else if (rc == 0) {
		log_info("user %lld verified", (long long)user_id);
		/* A mentor with a complete profile is listed from now on. */
		if (profile_search_refresh(b, user_id) != 0)
			log_warn("search not updated for user %lld",
			    (long long)user_id);
	}
	return rc;
}

int
account_change_email(
    struct board *b, int64_t user_id, const char *email, const char **why)
{
	struct store_user u;
	int rc;

	if (strlen(email) > EMAIL_MAX_BYTES || !mail_address_valid(email)) {
		*why = _("is not an e-mail address");
		return MB_ERR_INVALID;
	}
	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	if (u.verified) {
		*why = _("your address is already confirmed");
		return MB_ERR_EXISTS;
	}
	rc = account_mail_allowed(b, user_id, STORE_CODE_VERIFY, why);
	if (rc != 0)
		return rc;
	rc = store_user_set_email(b->store, user_id, email);
	if (rc == MB_ERR_EXISTS) {
		*why = _("another account has this address");
		return rc;
	}
	if (rc != 0)
		return rc;
	store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	(void)strlcpy_checked(u.email, email, sizeof(u.email));
	return account_mail_verification(b, &u, why);
}

int
account_change_password(struct board *b, int64_t user_id, const char *old,
    const char *new1, const char *new2, const char **why)
{
	char hash[AUTH_HASH_STR_MAX];
	struct store_user u;
	int64_t id = 0;
	int rc;

	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	rc = store_user_password(b->store, u.username, &id, hash, sizeof(hash));
	if (rc == 0)
		rc = auth_password_verify(b->cfg->state_dir, hash, old);
	if (rc == MB_ERR_NOTFOUND || rc == MB_ERR_DENIED) {
		*why = _("the current password is wrong");
		return MB_ERR_DENIED;
	}
	if (rc != 0)
		return rc;
	if (account_check_password(new1, u.username, u.email, why) != 0)
		return MB_ERR_INVALID;
	if (new2 == NULL || strcmp(new1, new2) != 0) {
		*why = _("the two new passwords differ");
		return MB_ERR_INVALID;
	}
	rc = auth_password_hash(b->cfg->state_dir, new1, hash);
	if (rc == 0)
		rc = store_user_set_password(b->store, user_id, hash);
	sodium_memzero(hash, sizeof(hash));
	if (rc == 0)
		log_info("user %lld changed the password", (long long)user_id);
	return rc;
}

int
account_send_reset(struct board *b, int64_t user_id, const char **why)
{
	struct store_user u;
	int rc;

	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	rc = account_mail_allowed(b, user_id, STORE_CODE_RESET, why);
	if (rc != 0)
		return rc;
	return account_mail_code(b, &u, STORE_CODE_RESET, RESET_CODE_TTL,
	    N_("Reset your Mentorboard password"), "guest", "reset", why);
}

int
account_reset_request(struct board *b, const char *who)
{
	struct store_user u;
	const char *why = NULL;
	int rc;

	if (who[0] == '\0')
		return MB_ERR_INVALID;
	rc = strchr(who, '@') != NULL ?
	    store_user_find_email(b->store, who, &u) :
	    store_user_find(b->store, who, &u);
	if (rc == MB_ERR_NOTFOUND) {
		log_info("reset asked for an unknown account");
		return 0;
	}
	if (rc != 0)
		return rc;
	rc = account_send_reset(b, u.id, &why);
	if (rc != 0)
		log_warn("no reset code for user %lld: %s", (long long)u.id,
		    mb_strerror(rc));
	return 0;
}

int
account_reset_confirm(struct board *b, const char *code, const char *new1,
    const char *new2, char *username, size_t size, const char **why)
{
	char canonical[CODE_CHARS + 1], hash[AUTH_HASH_STR_MAX];
	uint8_t code_hash[KEYED_HASH_BYTES];
	struct store_user u;
	int64_t owner = 0;
	int rc;
	char sent_to[EMAIL_MAX_BYTES + 1] = "";

	if (auth_code_normalize(code, canonical) != 0) {
		*why = _("that is not a code (it looks like ABCDE-FGHJK)");
		return MB_ERR_NOTFOUND;
	}
	auth_code_hash(b->key, canonical, code_hash);
	rc = store_code_owner(b->store, STORE_CODE_RESET, code_hash,
	    sizeof(code_hash), CODE_MAX_ATTEMPTS, &owner);
	if (rc == MB_ERR_NOTFOUND || rc == MB_ERR_EXPIRED) {
		*why = rc == MB_ERR_NOTFOUND ?
		    _("wrong code") :
		    _("this code has expired or was used; ask for a new one");
		return rc;
	}
	if (rc == 0)
		rc = store_user_get(b->store, owner, &u);
	if (rc != 0)
		return rc;
	if (account_check_password(new1, u.username, u.email, why) != 0)
		return MB_ERR_INVALID;
	if (new2 == NULL || strcmp(new1, new2) != 0) {
		*why = _("the two new passwords differ");
		return MB_ERR_INVALID;
	}
	rc = auth_password_hash(b->cfg->state_dir, new1, hash);
	if (rc != 0)
		return rc;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	/* The code is used up here, in the same transaction as the change. */
	rc = store_code_use(b->store, STORE_CODE_RESET, code_hash,
	    sizeof(code_hash), owner, CODE_MAX_ATTEMPTS, &owner, sent_to,
	    sizeof(sent_to));
	if (rc == 0)
		rc = store_user_set_password(b->store, owner, hash);
	/* The mail reached the address it went to: if that is the address
	 * on file, it is confirmed too. */
	if (rc == 0 && strcasecmp(sent_to, u.email) == 0)
		rc = store_user_set_verified(b->store, owner);
	if (rc == 0)
		rc = store_auth_clear(b->store, STORE_AUTH_USER, u.username);
	if (rc == 0) {
		store_news_mark(b->store, owner, STORE_NEWS_ACCOUNT, 0);
		rc = store_commit(b->store);
	}
	sodium_memzero(hash, sizeof(hash));
	if (rc != 0) {
		store_rollback(b->store);
		*why =
		    _("this code has expired or was used; ask for a new one");
		return rc;
	}
	(void)strlcpy_checked(username, u.username, size);
	log_info("user %lld reset the password", (long long)owner);
	if (profile_search_refresh(b, owner) != 0)
		log_warn("search not updated for user %lld", (long long)owner);
	return 0;
}

int
account_keys_add(struct board *b, int64_t user_id, const char *text, int *added,
    int *line_no, const char **why)
{
	struct store_key *keys = NULL;
	struct sshkey_line k;
	char *copy = NULL, *line = NULL, *next = NULL;
	int64_t owner = 0;
	size_t have = 0;
	int rc, n = 0, mine = 0;

	*added = 0;
	*line_no = 0;
	if (strlen(text) > KEYS_INPUT_MAX) {
		*why = _("more key text than a .pub file holds");
		return MB_ERR_INVALID;
	}
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	/* Counted inside the transaction: two sessions adding at once
	 * cannot pass the limit together. */
	rc = store_key_list(b->store, user_id, &keys, &have);
	free(keys);
	if (rc != 0) {
		store_rollback(b->store);
		return rc;
	}
	copy = xstrdup(text);
	/* Line by line, blank ones counted, so *line_no says where. */
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		(*line_no)++;
		/* A file from Windows ends its lines in "\r\n". */
		line[strcspn(line, "\r")] = '\0';
		text_trim(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		rc = sshkey_parse_line(line, &k, why);
		if (rc != 0)
			goto fail;
		if (have + (size_t)n >= KEYS_PER_USER_MAX) {
			sshkey_line_free(&k);
			(void)snprintf(account_why_buf, sizeof(account_why_buf),
			    _("an account holds at most %d keys"),
			    KEYS_PER_USER_MAX);
			*why = account_why_buf;
			rc = MB_ERR_LIMIT;
			goto fail;
		}
		rc = store_key_add(b->store, user_id, k.type, k.base64,
		    k.fingerprint, k.comment);
		/* Public keys are public: whose key it is must not tell
		 * who is a member.  The same answer as for any key that
		 * cannot be used here, but to its owner. */
		if (rc == MB_ERR_EXISTS)
			mine = store_key_owner(
				   b->store, k.type, k.base64, &owner) == 0 &&
			    owner == user_id;
		sshkey_line_free(&k);
		if (rc == MB_ERR_EXISTS) {
			*why = mine ?
			    _("this key is on your account already") :
			    _("this key cannot be used here; make a new one "
			      "(ssh-keygen -t ed25519)");
			goto fail;
		}
		if (rc != 0)
			goto fail;
		n++;
	}
	if (n == 0) {
		*why = _("no key found; paste the line of your .pub file");
		rc = MB_ERR_INVALID;
		goto fail;
	}
	store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	rc = store_commit(b->store);
	if (rc != 0)
		goto fail;
	free(copy);
	*added = n;
	log_info("user %lld added %d key(s)", (long long)user_id, n);
	return 0;
fail:
	store_rollback(b->store);
	free(copy);
	return rc;
}

/* Where account_dummy_hash keeps its hash. */
#define ACCOUNT_DUMMY_SETTING "dummy_password_hash"

int
account_dummy_hash(struct board *b, char out[AUTH_HASH_STR_MAX])
{
	uint8_t secret[BOARD_KEY_BYTES];
	char password[2 * BOARD_KEY_BYTES + 1];
	int rc;

	rc = store_setting_get(
	    b->store, ACCOUNT_DUMMY_SETTING, out, AUTH_HASH_STR_MAX);
	if (rc == 0 && !auth_password_needs_rehash(out))
		return 0;
	if (rc != 0 && rc != MB_ERR_NOTFOUND)
		return rc;
	randombytes_buf(secret, sizeof(secret));
	sodium_bin2hex(password, sizeof(password), secret, sizeof(secret));
	sodium_memzero(secret, sizeof(secret));
	rc = auth_password_hash(b->cfg->state_dir, password, out);
	sodium_memzero(password, sizeof(password));
	if (rc != 0)
		return rc;
	return store_setting_set(b->store, ACCOUNT_DUMMY_SETTING, out);
}

int
account_login_password(struct board *b, const char *username,
    const char *password, const char *dummy_hash, int64_t *user_id)
{
	const char *dir = b->cfg->state_dir;
	char hash[AUTH_HASH_STR_MAX], fresh[AUTH_HASH_STR_MAX];
	int64_t id = 0;
	int rc;

	rc = store_user_password(b->store, username, &id, hash, sizeof(hash));
	if (rc != 0) {
		/* The same work as for a real account, then no. */
		(void)auth_password_verify(dir, dummy_hash, password);
		return MB_ERR_DENIED;
	}
	rc = auth_password_verify(dir, hash, password);
	if (rc != 0)
		return rc;
	if (auth_password_needs_rehash(hash) &&
	    auth_password_hash(dir, password, fresh) == 0) {
		if (store_user_set_password(b->store, id, fresh) == 0)
			log_info("rehashed the password of user %lld",
			    (long long)id);
		sodium_memzero(fresh, sizeof(fresh));
	}
	*user_id = id;
	return 0;
}

int
account_login_key(struct board *b, const char *username, const char *type,
    const char *base64, int64_t *user_id)
{
	struct store_user u;
	int64_t owner = 0;

	if (store_key_owner(b->store, type, base64, &owner) != 0 ||
	    store_user_find(b->store, username, &u) != 0 || u.id != owner)
		return MB_ERR_DENIED;
	*user_id = u.id;
	return 0;
}

int
account_key_remove(
    struct board *b, int64_t user_id, const char *fingerprint, const char **why)
{
	struct store_key *keys = NULL;
	struct store_user u;
	size_t n = 0, i;
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_user_get(b->store, user_id, &u);
	if (rc == 0)
		rc = store_key_list(b->store, user_id, &keys, &n);
	if (rc != 0)
		goto out;
	for (i = 0; i < n && strcmp(keys[i].fingerprint, fingerprint) != 0; i++)
		;
	if (i == n) {
		(void)snprintf(account_why_buf, sizeof(account_why_buf),
		    _("you have no key %s (see keys list)"), fingerprint);
		*why = account_why_buf;
		rc = MB_ERR_NOTFOUND;
		goto out;
	}
	/* Without a password the last key is the only way in. */
	if (!u.has_password && n == 1) {
		*why = _("this key is your only way to log in: add another "
			 "key first");
		rc = MB_ERR_DENIED;
		goto out;
	}
	rc = store_key_remove(b->store, user_id, fingerprint);
	if (rc == 0) {
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
		rc = store_commit(b->store);
	}
	if (rc == 0)
		log_info("user %lld removed key %s", (long long)user_id,
		    fingerprint);
out:
	store_rollback(b->store);
	free(keys);
	return rc;
}

int
account_set_language(struct board *b, int64_t user_id, enum i18n_language lang)
{
	int rc = store_user_set_language(b->store, user_id, lang);

	if (rc == 0) {
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
		log_info("user %lld reads %s now", (long long)user_id,
		    i18n_code(lang));
	}
	return rc;
}
