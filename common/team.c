/* team: what the mentoring team does to members' accounts and sessions. */
#include "team.h"

#include "account.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "profile.h"
#include "store.h"
#include "text.h"

/* The why of a member that is not there. */
static int
team_no_member(int rc, const char **why)
{
	if (rc == MB_ERR_NOTFOUND)
		*why = _("no such member");
	return rc;
}

int
team_confirm(struct board *b, int64_t user_id, const char **why)
{
	struct store_user u;
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = team_no_member(store_user_get(b->store, user_id, &u), why);
	if (rc == 0 && u.verified) {
		*why = _("the address is confirmed already");
		rc = MB_ERR_EXISTS;
	}
	if (rc == 0)
		rc = store_user_set_verified(b->store, user_id);
	/* A mentor with a complete profile is listed from now on, in the
	 * same transaction; it marks news for the member's sessions. */
	if (rc == 0)
		rc = profile_search_update(b, user_id);
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0) {
		store_rollback(b->store);
		return rc;
	}
	log_info(
	    "the team confirmed the address of user %lld", (long long)user_id);
	return 0;
}

int
team_resend(struct board *b, int64_t user_id, const char **why)
{
	int rc = account_send_verification(b, user_id, why);

	if (rc == MB_ERR_EXISTS)
		*why = _("the address is confirmed already");
	return team_no_member(rc, why);
}

int
team_reset(struct board *b, int64_t user_id, const char **why)
{
	return team_no_member(account_send_reset(b, user_id, why), why);
}

int
team_set_sysop(struct board *b, int64_t user_id, int on, const char **why)
{
	struct store_user u;
	int64_t sysops = 0;
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = team_no_member(store_user_get(b->store, user_id, &u), why);
	if (rc == 0 && u.is_sysop == on) {
		*why = on ? _("a sysop already") : _("not a sysop");
		rc = MB_ERR_EXISTS;
	}
	if (rc == 0 && on && !u.verified) {
		*why = _("the address is not confirmed: confirm it first");
		rc = MB_ERR_INVALID;
	}
	if (rc == 0 && on && u.banned_at != 0) {
		*why = _("the member is banned");
		rc = MB_ERR_INVALID;
	}
	if (rc == 0 && !on)
		rc = store_sysop_count(b->store, &sysops);
	/* A banned sysop is not among those counted. */
	if (rc == 0 && !on && u.banned_at == 0 && sysops <= 1) {
		*why = _("the last sysop: make another member a sysop first");
		rc = MB_ERR_DENIED;
	}
	if (rc == 0)
		rc = store_user_set_sysop(b->store, user_id, on);
	/* Their screens show the console, or stop showing it. */
	if (rc == 0)
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0) {
		store_rollback(b->store);
		return rc;
	}
	log_info("user %lld is %s", (long long)user_id,
	    on ? "a sysop now" : "no longer a sysop");
	return 0;
}

int
team_kick(struct board *b, int64_t session_id, const char *text,
    int64_t *user_id, const char **why)
{
	int rc;

	*user_id = 0;
	rc = text_check_line(text, 1, TEAM_KICK_CHARS, why);
	if (rc != 0)
		return rc;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_session_kick(b->store, session_id, text, user_id);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("no such session (it may have ended)");
	/* The session reads its account's news and ends; a guest's or the
	 * operator's is woken with everyone's. */
	if (rc == 0)
		store_news_mark(b->store,
		    *user_id != 0 ? *user_id : STORE_NEWS_EVERYONE,
		    STORE_NEWS_ACCOUNT, 0);
	if (rc == 0)
		rc = store_commit(b->store);
	if (rc != 0) {
		store_rollback(b->store);
		return rc;
	}
	log_info("the team ended session %lld", (long long)session_id);
	return 0;
}
