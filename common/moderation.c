/* moderation: bans by the team, blocks between members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "moderation.h"
#include "privacy.h"
#include "profile.h"
#include "text.h"
#include "util.h"

/* ---- Bans ----------------------------------------------------------------- */

int
moderation_ban_in(struct board *b, int64_t actor_id, int64_t user_id,
    const char *reason, const char **why)
{
	struct store_user u;
	int rc;

	if (text_check_line(reason, 1, MODERATION_BAN_REASON_MAX, why) != 0)
		return MB_ERR_INVALID;
	if (user_id == actor_id) {
		*why = _("nobody bans themselves");
		return MB_ERR_DENIED;
	}
	rc = store_user_get(b->store, user_id, &u);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such member");
	if (rc != 0)
		return rc;
	if (u.banned_at != 0) {
		*why = _("this member is banned already");
		return MB_ERR_EXISTS;
	}
	rc = store_user_set_ban(b->store, user_id, clock_now(), reason);
	if (rc == 0)
		rc = store_audit_add(
		    b->store, actor_id, "ban", user_id, 0, reason);
	/* A banned mentor is not listed; and the news for the member ends
	 * every session of theirs at once (identity_ended). */
	if (rc == 0)
		rc = profile_search_update(b, user_id);
	if (rc == 0)
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	return rc;
}

/* Mail user_id about their account: subject and a paragraph. */
static void
moderation_mail(struct board *b, int64_t user_id, const char *subject,
    const char *paragraph)
{
	char err[MAIL_ERROR_MAX], *body = NULL;
	struct store_user u;
	struct mail_msg m;

	if (store_user_get(b->store, user_id, &u) != 0)
		return;
	body = xasprintf(_("Hello %s,\n\n%s\n\nThe mentoring team\n"),
	    u.first_name, paragraph);
	memset(&m, 0, sizeof(m));
	m.from = b->cfg->mail_from;
	m.to_addr = u.email;
	m.subject = subject;
	m.body = body;
	if (mail_deliver(b->cfg->mail_command, &m, err, sizeof(err)) != 0)
		log_error("the mail to user %lld failed: %s",
		    (long long)user_id, err);
	free(body);
}

/* Speak user_id's language (for a mail to them); returns the one before. */
static enum i18n_language
moderation_speak(struct board *b, int64_t user_id)
{
	struct store_user u;

	if (store_user_get(b->store, user_id, &u) != 0)
		return i18n_current();
	return i18n_use(u.language);
}

void
moderation_ban_mail(struct board *b, int64_t user_id, const char *reason)
{
	enum i18n_language spoken = moderation_speak(b, user_id);
	char *text = NULL;

	if (b->cfg->team_address[0] != '\0')
		text = xasprintf(_("the mentoring team has banned your account "
				   "on Mentorboard: %s\n\nYou cannot log in "
				   "any more. If you think this is a mistake, "
				   "write to %s."),
		    reason, b->cfg->team_address);
	else
		text = xasprintf(_("the mentoring team has banned your account "
				   "on Mentorboard: %s\n\nYou cannot log in "
				   "any more."),
		    reason);
	moderation_mail(
	    b, user_id, _("Your account on Mentorboard is banned"), text);
	(void)i18n_use(spoken);
	free(text);
}

int
moderation_ban(struct board *b, int64_t actor_id, int64_t user_id,
    const char *reason, const char **why)
{
	int rc = store_begin(b->store);

	if (rc != 0)
		return rc;
	rc = moderation_ban_in(b, actor_id, user_id, reason, why);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc != 0)
		return rc;
	log_info("user %lld banned by %lld", (long long)user_id,
	    (long long)actor_id);
	moderation_ban_mail(b, user_id, reason);
	return 0;
}

int
moderation_unban(
    struct board *b, int64_t actor_id, int64_t user_id, const char **why)
{
	enum i18n_language spoken;
	struct store_user u;
	int rc = store_begin(b->store);

	if (rc != 0)
		return rc;
	rc = store_user_get(b->store, user_id, &u);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such member");
	else if (rc == 0 && u.banned_at == 0) {
		*why = _("this member is not banned");
		rc = MB_ERR_NOTFOUND;
	}
	if (rc == 0)
		rc = store_user_set_ban(b->store, user_id, 0, NULL);
	if (rc == 0)
		rc = store_audit_add(
		    b->store, actor_id, "unban", user_id, 0, "");
	if (rc == 0)
		rc = profile_search_update(b, user_id);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc != 0)
		return rc;
	log_info("user %lld unbanned by %lld", (long long)user_id,
	    (long long)actor_id);
	spoken = moderation_speak(b, user_id);
	moderation_mail(b, user_id,
	    _("Your account on Mentorboard is open again"),
	    _("the mentoring team has lifted the ban on your account: you "
	      "can log in again."));
	(void)i18n_use(spoken);
	return 0;
}

int
moderation_banned(struct board *b, int64_t user_id, char *why, size_t size)
{
	struct store_user u;

	why[0] = '\0';
	if (user_id == 0 || store_user_get(b->store, user_id, &u) != 0 ||
	    u.banned_at == 0)
		return 0;
	/* The same words as identity_ended's. */
	(void)snprintf(why, size,
	    _("The mentoring team has banned this account: %s"), u.ban_reason);
	return 1;
}

int
moderation_bans(struct board *b, struct store_user **rows, size_t *n)
{
	return store_user_banned(b->store, MODERATION_BANS_LIST_MAX, rows, n);
}

/* ---- Blocks --------------------------------------------------------------- */

int
moderation_block(struct board *b, const struct viewer *viewer, int64_t user_id,
    const char **why)
{
	int count = 0, rc;

	if (viewer->user_id == 0)
		return MB_ERR_DENIED;
	if (user_id == viewer->user_id) {
		*why = _("you cannot block yourself");
		return MB_ERR_DENIED;
	}
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	/* Only someone the member meets on the board: anyone else is
	 * answered as no account at all, before anything else is said. */
	rc = privacy_may_name(b, viewer, user_id, why);
	if (rc == 0)
		rc = store_block_count(b->store, viewer->user_id, &count);
	if (rc == 0 && count >= BLOCKS_MAX) {
		static char full[128];

		(void)snprintf(full, sizeof(full),
		    _("you have blocked %d people, the most there may be: "
		      "unblock someone first"),
		    BLOCKS_MAX);
		*why = full;
		rc = MB_ERR_LIMIT;
	}
	if (rc == 0) {
		rc = store_block_add(b->store, viewer->user_id, user_id);
		if (rc == MB_ERR_EXISTS)
			*why = _("you have blocked this member already");
	}
	if (rc == 0) {
		/* Screens of the blocker show the block. */
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_ACCOUNT, 0);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	return rc;
}

int
moderation_unblock(struct board *b, const struct viewer *viewer,
    int64_t user_id, const char **why)
{
	int rc;

	if (viewer->user_id == 0)
		return MB_ERR_DENIED;
	rc = store_block_remove(b->store, viewer->user_id, user_id);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("you have not blocked this member");
	if (rc == 0)
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_ACCOUNT, 0);
	return rc;
}

int
moderation_blocks(struct board *b, const struct viewer *viewer,
    struct store_block **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (viewer->user_id == 0)
		return 0;
	return store_block_list(b->store, viewer->user_id, rows, n);
}

int
moderation_blocked(struct board *b, int64_t blocker, int64_t blocked, int *yes)
{
	*yes = 0;
	if (blocker == 0 || blocked == 0)
		return 0;
	return store_block_exists(b->store, blocker, blocked, yes);
}
