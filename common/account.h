/*
 * account: the rules of accounts.  Registration (one form for mentors and
 * mentees), e-mail verification by a mailed code, password change and
 * reset, SSH keys, and the names other people see.  Screens, commands and
 * mentord's administration commands all come here.
 */
#ifndef MB_ACCOUNT_H
#define MB_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "board.h"
#include "i18n.h"
#include "store.h"

#define VERIFY_CODE_TTL (24 * 3600) /* seconds a verification code works */
#define RESET_CODE_TTL 3600 /* seconds a reset code works */
#define CODE_MAX_ATTEMPTS 5 /* wrong tries before a code dies */
#define MAIL_MIN_INTERVAL 60 /* seconds between two codes by mail */
#define MAIL_MAX_PER_DAY 5 /* codes of one kind per account a day */
#define FIELDS_MAX 5 /* fields of study per member */
/* Answers about names and addresses (an account made, or "is taken")
 * one address gets, until it is quiet for the window: each waits longer
 * (throttle_delay_ms, at most REGISTER_DELAY_MAX_MS), past the maximum
 * none comes.  Whether a name is taken is as much a secret as whether it
 * logs in. */
#define REGISTER_MAX_PER_SOURCE 10
#define REGISTER_WINDOW_SECONDS 3600
#define REGISTER_DELAY_MAX_MS 4000

enum account_field {
	ACCOUNT_USERNAME = 0,
	ACCOUNT_EMAIL,
	ACCOUNT_FIRST_NAME,
	ACCOUNT_LAST_NAME,
	ACCOUNT_FIELDS,
	ACCOUNT_PASSWORD,
	ACCOUNT_PASSWORD2,
	ACCOUNT_CONSENT,
	ACCOUNT_NFIELDS,
};

/* What the registration form asks; strings are the caller's. */
struct account_form {
	const char *username;
	const char *email;
	const char *first_name;
	const char *last_name;
	const int64_t *field_ids;
	size_t nfields;
	const char *password; /* NULL: key login only (administration) */
	const char *password2;
	int consent;
	const char *source; /* the address it comes from (NULL: the host) */
	int by_admin; /* the team's user add: verified at once, no
				 * mail, consent and fields not required, the
				 * names kept from members allowed */
	int sysop;
};

/* A translated reason per form field; NULL where the field is fine. */
struct account_errors {
	const char *why[ACCOUNT_NFIELDS];
	const char *general; /* a reason not about one field, or NULL */
};

/*
 * Is u a valid new user name: 3-32 of a-z 0-9 _ -, not "guest", and for a
 * member registering (by_team 0) none of the names reserved so that nobody
 * passes for the board or its team ("root", "sysop", "support" ...); the
 * team (mentord user add, by_team 1) may give those.  0, or MB_ERR_INVALID
 * with a translated reason in *why.
 */
int account_check_username(const char *u, int by_team, const char **why);

/* Does pw pass the rules (length, not the user name or address)? */
int account_check_password(
    const char *pw, const char *username, const char *email, const char **why);

/*
 * Create an account from f.  Every field is checked first; on a bad field
 * returns MB_ERR_INVALID with reasons in e and creates nothing; with
 * MB_ERR_LIMIT when f->source made REGISTER_MAX_PER_SOURCE accounts
 * lately (the reason under the user name).  The
 * account is created unverified (unless f->by_admin) and a verification
 * code is mailed; if the mail fails, the account stays and *mail_failed is
 * set (the person can resend later).  *user_id gets the new account.
 */
int account_register(struct board *b, const struct account_form *f,
    struct account_errors *e, int64_t *user_id, int *mail_failed);

/*
 * Mail a new verification code to an unverified account, at most once a
 * MAIL_MIN_INTERVAL and MAIL_MAX_PER_DAY times a day.  Returns 0,
 * MB_ERR_LIMIT (too soon, too many; *why says when), MB_ERR_MAIL (could not
 * send), MB_ERR_EXISTS (already verified).
 */
int account_send_verification(
    struct board *b, int64_t user_id, const char **why);

/*
 * Verify user_id's address with a typed code.  Returns 0, MB_ERR_INVALID
 * (not a code), MB_ERR_NOTFOUND (wrong code; counted),
 * MB_ERR_EXPIRED (expired, used, or too many wrong tries), with *why.
 */
int account_verify(
    struct board *b, int64_t user_id, const char *code, const char **why);

/*
 * Change the address of an unverified account and mail a new code there.
 * Returns 0, MB_ERR_INVALID, MB_ERR_EXISTS (another account has it),
 * MB_ERR_LIMIT or MB_ERR_MAIL, with *why.
 */
int account_change_email(
    struct board *b, int64_t user_id, const char *email, const char **why);

/*
 * Change a password: the old one must match.  Returns 0, MB_ERR_DENIED
 * (wrong old password), MB_ERR_INVALID (new one refused), with *why.
 */
int account_change_password(struct board *b, int64_t user_id, const char *old,
    const char *new1, const char *new2, const char **why);

/*
 * Mail a reset code to the account with this user name or address.  Says
 * nothing about whether there is one: returns 0 either way (failures are
 * logged), MB_ERR_INVALID only for empty input.
 */
int account_reset_request(struct board *b, const char *who);

/*
 * Mail a reset code to user_id, within the limits of
 * account_send_verification.  Returns 0, MB_ERR_NOTFOUND (no such
 * member), MB_ERR_LIMIT or MB_ERR_MAIL with *why.
 */
int account_send_reset(struct board *b, int64_t user_id, const char **why);

/*
 * Set a new password with a reset code.  Returns 0, MB_ERR_INVALID (the
 * new password is refused), MB_ERR_NOTFOUND (wrong or malformed code) or
 * MB_ERR_EXPIRED, with *why; *username gets the account's login name.
 */
int account_reset_confirm(struct board *b, const char *code, const char *new1,
    const char *new2, char *username, size_t size, const char **why);

/*
 * Add the keys of a .pub text (one per line; blank lines and # comments
 * skipped), all or none, in one transaction that marks news for the
 * member.  Returns the number added in *added; stops at the first bad
 * line with MB_ERR_INVALID, MB_ERR_EXISTS (someone has that key) or
 * MB_ERR_LIMIT (KEYS_PER_USER_MAX), *why and *line_no saying where, and
 * adds nothing; MB_ERR_INVALID also for a text without a key.
 */
int account_keys_add(struct board *b, int64_t user_id, const char *text,
    int *added, int *line_no, const char **why);

/*
 * Remove the key with this fingerprint from the member's account.  An
 * account without a password keeps its last key: nobody can lock
 * themselves out.  Returns 0, MB_ERR_NOTFOUND (no such key of theirs),
 * MB_ERR_DENIED (the last way in), or another MB_ERR_*, with a translated
 * *why on failure.
 */
int account_key_remove(struct board *b, int64_t user_id,
    const char *fingerprint, const char **why);

/*
 * The dummy hash a login without a real one is checked against, into out:
 * the hash of a random password nobody knows, kept in the store so that a
 * start costs no argon2id work; made anew when there is none or it has
 * outdated parameters.  Returns 0 or an MB_ERR_* (logged).
 */
int account_dummy_hash(struct board *b, char out[AUTH_HASH_STR_MAX]);

/*
 * A password login as username: 0 and *user_id when it matches; a hash
 * made with outdated parameters is renewed on the way.  An unknown name,
 * an account without a password and a wrong password all cost the same
 * argon2id work (dummy_hash stands in) and return MB_ERR_DENIED;
 * MB_ERR_IO when no hashing slot could be had.
 */
int account_login_password(struct board *b, const char *username,
    const char *password, const char *dummy_hash, int64_t *user_id);

/*
 * Does the public key (type and base64 blob, as sshkey_parse_line gives
 * them) belong to the account called username?  0 and *user_id if so,
 * MB_ERR_DENIED if not.
 */
int account_login_key(struct board *b, const char *username, const char *type,
    const char *base64, int64_t *user_id);

/*
 * The language the board speaks to user_id, on screen and in mail, from
 * now on; the member's sessions switch at once.  0 or MB_ERR_*.
 */
int account_set_language(
    struct board *b, int64_t user_id, enum i18n_language lang);

/* The name other people see ("Anna K.") into out. */
void account_display_name(const struct store_user *u, char *out, size_t size);

/*
 * The member's choice of the plain mode (numbered menus and plain lines
 * instead of full screens, for screen readers), on or off.  Returns 0,
 * MB_ERR_NOTFOUND or MB_ERR_DB.
 */
int account_set_plain_mode(struct board *b, int64_t user_id, int on);

/* The command that reaches the board as user ("ssh -p 2222 u@host"). */
void account_ssh_command(const struct config *cfg, const char *user, int tty,
    char *out, size_t size);

#endif
