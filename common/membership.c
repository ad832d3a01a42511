/* membership: the alumni community, its requests and access codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "account.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "membership.h"
#include "notify.h"
#include "text.h"
#include "throttle.h"
#include "util.h"

#define MEMBERSHIP_SECONDS_PER_DAY (24 * 3600)

static const char *const membership_words[] = {
	"none",
	"requested",
	"declined",
	"member",
};

static const char *const membership_relations[STORE_NRELATIONS] = {
	"student",
	"graduate",
	"staff",
	"other",
};

static char membership_why_buf[MAIL_ERROR_MAX + 128];

const char *
membership_status_word(enum membership_status s)
{
	return membership_words[s];
}

const char *
membership_relation_word(enum store_relation r)
{
	return membership_relations[r];
}

int
membership_relation_parse(const char *word, enum store_relation *out)
{
	int i;

	for (i = 0; i < STORE_NRELATIONS; i++) {
		if (strcmp(word, membership_relations[i]) == 0) {
			*out = (enum store_relation)i;
			return 0;
		}
	}
	return MB_ERR_INVALID;
}

int
membership_get(struct board *b, int64_t user_id, struct membership_view *out)
{
	struct store_membership m;
	struct store_user u;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	rc = store_membership_latest(b->store, user_id, &m);
	if (rc != 0 && rc != MB_ERR_NOTFOUND)
		return rc;
	if (rc == 0) {
		out->request_id = m.id;
		out->requested_at = m.requested_at;
		out->decided_at = m.decided_at;
		out->approved = m.state == STORE_MEMBERSHIP_APPROVED;
		out->already_member = m.already_member;
		(void)strlcpy_checked(
		    out->reason, m.reason, sizeof(out->reason));
		out->status = m.state == STORE_MEMBERSHIP_DECLINED ?
		    MEMBERSHIP_DECLINED :
		    MEMBERSHIP_REQUESTED;
		store_membership_free(&m);
	}
	if (u.member_since != 0) {
		out->status = MEMBERSHIP_MEMBER;
		out->member_since = u.member_since;
	}
	return 0;
}

/* Send a mail of the board's; failures are logged, and told in *err. */
static int
membership_mail(struct board *b, const char *to, const char *subject,
    const char *body, char *err, size_t errsize)
{
	struct mail_msg m;

	memset(&m, 0, sizeof(m));
	m.from = b->cfg->mail_from;
	m.to_addr = to;
	m.subject = subject;
	m.body = body;
	return mail_deliver(b->cfg->mail_command, &m, err, errsize);
}

/* A date for mails and screens: "2026-12-01". */
static void
membership_date(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d", &tm) == 0)
		(void)snprintf(out, size, "?");
}

/* Tell the team there is a new request in their queue. */
static void
membership_mail_team(struct board *b, const struct store_user *u,
    const struct store_membership *m)
{
	char display[DISPLAY_NAME_MAX], err[MAIL_ERROR_MAX];
	char *subject = NULL, *body = NULL;

	if (b->cfg->team_address[0] == '\0') {
		log_warn("membership request %lld: no team_address is set, so "
			 "nobody was mailed",
		    (long long)m->id);
		return;
	}
	account_display_name(u, display, sizeof(display));
	subject = xasprintf(
	    "Membership request #%lld from %s", (long long)m->id, display);
	body = xasprintf("A member asks %s.\n"
			 "\n"
			 "  request:          #%lld\n"
			 "  member:           %s %s (%s, %s)\n"
			 "  degree programme: %s\n"
			 "  graduation:       %d\n"
			 "  relation:         %s\n"
			 "  message:\n%s\n"
			 "\n"
			 "On the board's host:\n"
			 "  mentord membership approve %lld\n"
			 "  mentord membership decline %lld --reason TEXT\n",
	    m->already_member ? "for the access code of an existing member" :
				"to join the alumni community",
	    (long long)m->id, u->first_name, u->last_name, u->username,
	    u->email, m->programme, m->graduation_year,
	    membership_relations[m->relation],
	    m->message[0] != '\0' ? m->message : "  (none)", (long long)m->id,
	    (long long)m->id);
	if (membership_mail(
		b, b->cfg->team_address, subject, body, err, sizeof(err)) != 0)
		log_error("the team was not told of membership request %lld: "
			  "%s",
		    (long long)m->id, err);
	free(subject);
	free(body);
}

/* Check the form; 0 or MB_ERR_INVALID with reasons in e. */
static int
membership_check(struct board *b, const struct membership_form *f,
    struct membership_errors *e, int *year)
{
	struct store_item field;
	const char *why = NULL;
	long y = 0, now_year;
	time_t now = (time_t)clock_now();
	struct tm tm;
	int i;

	memset(e, 0, sizeof(*e));
	now_year = gmtime_r(&now, &tm) != NULL ? tm.tm_year + 1900 : 2026;
	if (f->programme == NULL || f->programme[0] == '\0')
		e->why[MEMBERSHIP_PROGRAMME] =
		    _("choose your degree programme");
	else if (store_list_find(
		     b->store, STORE_LIST_FIELDS, f->programme, &field) != 0 ||
	    field.retired)
		e->why[MEMBERSHIP_PROGRAMME] =
		    _("is not a field of study on the list");
	if (f->graduation_year == NULL ||
	    parse_long(f->graduation_year, GRADUATION_YEAR_MIN,
		now_year + GRADUATION_YEARS_AHEAD, &y) != 0) {
		(void)snprintf(membership_why_buf, sizeof(membership_why_buf),
		    _("must be a year from %d to %ld"), GRADUATION_YEAR_MIN,
		    now_year + GRADUATION_YEARS_AHEAD);
		e->why[MEMBERSHIP_YEAR] = membership_why_buf;
	}
	if (f->message != NULL && f->message[0] != '\0' &&
	    text_check_block(f->message, MEMBERSHIP_MESSAGE_MAX, &why) != 0)
		e->why[MEMBERSHIP_MESSAGE] = why;
	if (!f->join)
		e->why[MEMBERSHIP_JOIN] =
		    _("please agree to join the alumni community");
	for (i = 0; i < MEMBERSHIP_NFIELDS; i++) {
		if (e->why[i] != NULL)
			return MB_ERR_INVALID;
	}
	*year = (int)y;
	return 0;
}

int
membership_request(struct board *b, int64_t user_id,
    const struct membership_form *f, struct membership_errors *e,
    const char **why)
{
	struct membership_view v;
	struct store_membership m;
	struct store_user u;
	int year = 0, rc;

	rc = membership_check(b, f, e, &year);
	if (rc != 0)
		return rc;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	/* Checked in the transaction that writes: no second open request. */
	rc = membership_get(b, user_id, &v);
	if (rc == 0)
		rc = store_user_get(b->store, user_id, &u);
	if (rc == 0 && v.status == MEMBERSHIP_MEMBER) {
		*why = _("you are a member of the alumni community already");
		rc = MB_ERR_EXISTS;
	} else if (rc == 0 && v.status == MEMBERSHIP_REQUESTED) {
		*why = v.approved ?
		    _("your request was approved: the access code is in your "
		      "mail") :
		    _("your request is with the mentoring team already");
		rc = MB_ERR_EXISTS;
	}
	memset(&m, 0, sizeof(m));
	m.user_id = user_id;
	m.already_member = f->already_member;
	(void)strlcpy_checked(m.programme, f->programme, sizeof(m.programme));
	m.graduation_year = year;
	m.relation = f->relation;
	m.message = (char *)(f->message != NULL ? f->message : "");
	if (rc == 0)
		rc = store_membership_add(b->store, &m, &m.id);
	if (rc == 0) {
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	if (rc != 0)
		return rc;
	log_info("user %lld asked for membership (request %lld)",
	    (long long)user_id, (long long)m.id);
	membership_mail_team(b, &u, &m);
	return 0;
}

int
membership_redeem(struct board *b, int64_t user_id, const char *source,
    const char *code, const char **why)
{
	char canonical[ACCESS_CODE_CHARS + 1];
	uint8_t hash[KEYED_HASH_BYTES];
	struct store_user u;
	int rc;

	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	if (u.member_since != 0) {
		*why = _("you are a member of the alumni community already");
		return MB_ERR_EXISTS;
	}
	throttle_wait(b, &throttle_redeem, source, u.username);
	rc = auth_access_code_normalize(code, canonical);
	if (rc == 0) {
		auth_access_code_hash(b->key, canonical, hash);
		sodium_memzero(canonical, sizeof(canonical));
		rc = store_begin(b->store);
		if (rc != 0)
			return rc;
		rc = store_access_code_use(
		    b->store, hash, sizeof(hash), user_id);
		if (rc == 0)
			rc = store_user_set_member(
			    b->store, user_id, clock_now());
		if (rc == 0) {
			store_news_mark(
			    b->store, user_id, STORE_NEWS_ACCOUNT, 0);
			rc = store_commit(b->store);
		}
		store_rollback(b->store);
	}
	if (rc == MB_ERR_INVALID || rc == MB_ERR_NOTFOUND) {
		/* Whatever is wrong with it, the answer is the same. */
		throttle_failed(b, &throttle_redeem, source, u.username);
		log_info("user %lld: an access code that is not valid, from %s",
		    (long long)user_id, source);
		*why = _("this access code is not valid");
		return MB_ERR_DENIED;
	}
	if (rc != 0) {
		*why = _("please try again later");
		return rc;
	}
	throttle_succeeded(b, &throttle_redeem, u.username);
	log_info("user %lld redeemed an access code: a member now",
	    (long long)user_id);
	return 0;
}

/* Mail a member their code after the team approved their request. */
static int
membership_mail_code(struct board *b, const struct store_user *u,
    const char *code, int64_t expires_at, char *err, size_t errsize)
{
	char cmd[512], date[32], *body = NULL;
	enum i18n_language spoken = i18n_use(u->language);
	int rc;

	account_ssh_command(b->cfg, u->username, 0, cmd, sizeof(cmd));
	membership_date(expires_at, date, sizeof(date));
	body = xasprintf(_("Hello %s,\n"
			   "\n"
			   "welcome to the alumni community! With this "
			   "access code you can write to the mentors of "
			   "the board:\n"
			   "\n"
			   "    %s\n"
			   "\n"
			   "Enter it on the board under My profile, Career "
			   "Mentoring Program, or paste this command into a "
			   "terminal:\n"
			   "\n"
			   "    %s membership redeem %s\n"
			   "\n"
			   "The code works once, until %s, and only for "
			   "your account.\n"
			   "\n"
			   "The mentoring team\n"),
	    u->first_name, code, cmd, code, date);
	rc = membership_mail(b, u->email,
	    _("Your access code to the alumni community"), body, err, errsize);
	(void)i18n_use(spoken);
	sodium_memzero(body, strlen(body));
	free(body);
	return rc;
}

int
membership_approve(struct board *b, int64_t id, const char **why)
{
	char code[ACCESS_CODE_TEXT_MAX], canonical[ACCESS_CODE_CHARS + 1];
	char err[MAIL_ERROR_MAX];
	uint8_t hash[KEYED_HASH_BYTES];
	struct store_membership m;
	struct store_user u;
	int64_t code_id = 0, expires_at;
	int rc;

	expires_at = clock_now() +
	    (int64_t)b->cfg->access_code_days * MEMBERSHIP_SECONDS_PER_DAY;
	auth_access_code_new(code);
	if (auth_access_code_normalize(code, canonical) != 0)
		return MB_ERR_INVALID; /* cannot happen: made just now */
	auth_access_code_hash(b->key, canonical, hash);
	sodium_memzero(canonical, sizeof(canonical));
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_membership_get(b->store, id, &m);
	if (rc == 0) {
		store_membership_free(&m);
		rc = store_user_get(b->store, m.user_id, &u);
	}
	if (rc == 0)
		rc = store_membership_decide(
		    b->store, id, STORE_MEMBERSHIP_APPROVED, NULL);
	if (rc == 0)
		rc = store_access_code_add(b->store, hash, sizeof(hash),
		    m.user_id, id, expires_at, &code_id);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("no such open membership request");
	if (rc != 0) {
		sodium_memzero(code, sizeof(code));
		return rc;
	}
	/* Mailed after the commit, so the code works once it arrives. */
	rc = membership_mail_code(b, &u, code, expires_at, err, sizeof(err));
	sodium_memzero(code, sizeof(code));
	if (rc != 0) {
		/* Nobody has the code: take it back, the request reopens. */
		(void)snprintf(membership_why_buf, sizeof(membership_why_buf),
		    "the mail with the code failed (%s); the request stays "
		    "open",
		    err);
		*why = membership_why_buf;
		if (store_access_code_revoke(b->store, code_id) != 0 ||
		    store_membership_reopen(b->store, id) != 0)
			log_error("membership request %lld: code %lld could "
				  "not be taken back",
			    (long long)id, (long long)code_id);
		return MB_ERR_MAIL;
	}
	/* Told once the code is on its way, never of one taken back. */
	if (notify_send(
		b, m.user_id, NOTIFY_MEMBERSHIP_APPROVED, 0, id, NULL) != 0)
		log_warn("membership request %lld: its member not notified",
		    (long long)id);
	log_info("membership request %lld approved; code %lld mailed to user "
		 "%lld",
	    (long long)id, (long long)code_id, (long long)m.user_id);
	return 0;
}

int
membership_decline(
    struct board *b, int64_t id, const char *reason, const char **why)
{
	char err[MAIL_ERROR_MAX], cmd[512], *body = NULL;
	struct store_membership m;
	enum i18n_language spoken;
	struct store_user u;
	int rc;

	if (reason == NULL || reason[0] == '\0') {
		*why = _("give the member a reason");
		return MB_ERR_INVALID;
	}
	if (text_check_block(reason, MEMBERSHIP_REASON_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_membership_get(b->store, id, &m);
	if (rc == 0) {
		store_membership_free(&m);
		rc = store_user_get(b->store, m.user_id, &u);
	}
	if (rc == 0)
		rc = store_membership_decide(
		    b->store, id, STORE_MEMBERSHIP_DECLINED, reason);
	if (rc == 0)
		rc = notify_send(
		    b, m.user_id, NOTIFY_MEMBERSHIP_DECLINED, 0, id, reason);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("no such open membership request");
	if (rc != 0)
		return rc;
	account_ssh_command(b->cfg, u.username, 1, cmd, sizeof(cmd));
	spoken = i18n_use(u.language);
	body = xasprintf(_("Hello %s,\n"
			   "\n"
			   "the mentoring team could not approve your "
			   "request to join the alumni community:\n"
			   "\n"
			   "%s\n"
			   "\n"
			   "You may ask again on the board (%s membership), "
			   "under My profile, Career Mentoring Program.\n"
			   "\n"
			   "The mentoring team\n"),
	    u.first_name, reason, cmd);
	rc = membership_mail(
	    b, u.email, _("Your membership request"), body, err, sizeof(err));
	(void)i18n_use(spoken);
	if (rc != 0)
		log_warn("membership request %lld: the member was not mailed: "
			 "%s",
		    (long long)id, err);
	free(body);
	log_info("membership request %lld declined", (long long)id);
	return 0;
}

int
membership_codes_issue(struct board *b, int count, const char *for_user,
    int days, char (*codes)[ACCESS_CODE_TEXT_MAX], int64_t *ids,
    const char **why)
{
	char canonical[ACCESS_CODE_CHARS + 1];
	uint8_t hash[KEYED_HASH_BYTES];
	struct store_user u;
	int64_t user_id = 0, expires_at;
	int i, rc;

	if (count < 1 || count > ACCESS_CODES_ISSUE_MAX) {
		*why = _("the number of codes is out of range");
		return MB_ERR_INVALID;
	}
	if (for_user != NULL) {
		if (store_user_find(b->store, for_user, &u) != 0) {
			*why = _("no member of that user name");
			return MB_ERR_NOTFOUND;
		}
		user_id = u.id;
	}
	expires_at = clock_now() +
	    (int64_t)(days > 0 ? days : b->cfg->access_code_days) *
		MEMBERSHIP_SECONDS_PER_DAY;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	for (i = 0; rc == 0 && i < count; i++) {
		auth_access_code_new(codes[i]);
		rc = auth_access_code_normalize(codes[i], canonical);
		if (rc == 0) {
			auth_access_code_hash(b->key, canonical, hash);
			rc = store_access_code_add(b->store, hash, sizeof(hash),
			    user_id, 0, expires_at, &ids[i]);
		}
	}
	sodium_memzero(canonical, sizeof(canonical));
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc != 0) {
		sodium_memzero(codes, (size_t)count * sizeof(*codes));
		*why = _("the codes could not be stored");
		return rc;
	}
	log_info("issued %d access code(s)%s%s", count,
	    for_user != NULL ? " for " : "", for_user != NULL ? for_user : "");
	return 0;
}

int
membership_code_revoke(struct board *b, int64_t id, const char **why)
{
	int rc = store_access_code_revoke(b->store, id);

	if (rc == MB_ERR_NOTFOUND)
		*why = _("no such code that could still be used");
	else if (rc == 0)
		log_info("access code %lld revoked", (long long)id);
	return rc;
}
