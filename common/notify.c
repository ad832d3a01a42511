/* notify: notifications, their rendering, and digest mails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define NOTIFY_SECONDS_PER_MINUTE 60

/* What a kind's text takes, in this order. */
enum notify_args {
	NOTIFY_ARGS_NONE,
	NOTIFY_ARGS_BODY, /* "... %s": the words */
	NOTIFY_ARGS_ACTOR, /* "%s ...": who did it */
	NOTIFY_ARGS_ACTOR_BODY, /* "%s ... %s" */
};

static const struct {
	const char *word; /* stored, and the JSON "kind" */
	const char *format; /* N_() */
	enum notify_args args;
	const char *link; /* the command that opens it; %lld the object */
	int mail; /* goes into digest mails */
} notify_kinds[NOTIFY_NKINDS] = {
	[NOTIFY_MESSAGE] = { "message", N_("The mentoring team: %s"),
	    NOTIFY_ARGS_BODY, "notifications", 1 },
	[NOTIFY_ANNOUNCEMENT] = { "announcement", N_("Announcement: %s"),
	    NOTIFY_ARGS_BODY, "notifications", 0 },
	[NOTIFY_MEMBERSHIP_APPROVED] = { "membership-approved",
	    N_("The mentoring team approved your membership request: the "
	       "access code is in your mail."),
	    NOTIFY_ARGS_NONE, "membership", 1 },
	[NOTIFY_MEMBERSHIP_DECLINED] = { "membership-declined",
	    N_("The mentoring team declined your membership request: %s"),
	    NOTIFY_ARGS_BODY, "membership", 1 },
	[NOTIFY_REQUEST_NEW] = { "request-new",
	    N_("%s asks you for mentoring."), NOTIFY_ARGS_ACTOR,
	    "requests show %lld", 1 },
	[NOTIFY_REQUEST_ACCEPTED] = { "request-accepted",
	    N_("%s accepted your request: %s"), NOTIFY_ARGS_ACTOR_BODY,
	    "requests show %lld", 1 },
	[NOTIFY_REQUEST_DECLINED] = { "request-declined",
	    N_("%s declined your request: %s"), NOTIFY_ARGS_ACTOR_BODY,
	    "requests show %lld", 1 },
	[NOTIFY_REQUEST_WITHDRAWN] = { "request-withdrawn",
	    N_("%s withdrew their request."), NOTIFY_ARGS_ACTOR,
	    "requests show %lld", 1 },
	[NOTIFY_REQUEST_REMINDER] = { "request-reminder",
	    N_("%s waits for your answer since %s days."),
	    NOTIFY_ARGS_ACTOR_BODY, "requests show %lld", 1 },
	[NOTIFY_CHAT] = { "chat", N_("%s wrote to you: %s"),
	    NOTIFY_ARGS_ACTOR_BODY, "chat %lld", 1 },
	[NOTIFY_MEETING_PROPOSED] = { "meeting-proposed",
	    N_("%s proposes a meeting: %s"), NOTIFY_ARGS_ACTOR_BODY,
	    "chat %lld", 1 },
	[NOTIFY_MEETING_ACCEPTED] = { "meeting-accepted",
	    N_("%s accepted the meeting: %s"), NOTIFY_ARGS_ACTOR_BODY,
	    "chat %lld", 1 },
	[NOTIFY_MEETING_DECLINED] = { "meeting-declined",
	    N_("%s declined the meeting: %s"), NOTIFY_ARGS_ACTOR_BODY,
	    "chat %lld", 1 },
	[NOTIFY_AGREEMENT_SUBMITTED] = { "agreement-submitted",
	    N_("%s sent you the mentoring agreement, version %s: it is your "
	       "turn to approve it or ask for changes."),
	    NOTIFY_ARGS_ACTOR_BODY, "agreement show %lld", 1 },
	[NOTIFY_AGREEMENT_APPROVED] = { "agreement-approved",
	    N_("%s approved the mentoring agreement, version %s."),
	    NOTIFY_ARGS_ACTOR_BODY, "agreement show %lld", 1 },
	[NOTIFY_AGREEMENT_CHANGES] = { "agreement-changes",
	    N_("%s asks for changes to the mentoring agreement: %s"),
	    NOTIFY_ARGS_ACTOR_BODY, "agreement show %lld", 1 },
	[NOTIFY_MENTORSHIP_OFFICIAL] = { "mentorship-official",
	    N_("You and %s are officially in a mentorship now."),
	    NOTIFY_ARGS_ACTOR, "agreement show %lld", 1 },
	[NOTIFY_MENTORSHIP_ENDED] = { "mentorship-ended",
	    N_("The mentorship with %s has ended."), NOTIFY_ARGS_ACTOR,
	    "agreement show %lld", 1 },
	[NOTIFY_MENTORSHIP_ENDED_TEAM] = { "mentorship-ended-team",
	    N_("The mentoring team ended your mentorship with %s: %s"),
	    NOTIFY_ARGS_ACTOR_BODY, "agreement show %lld", 1 },
	[NOTIFY_REQUEST_EXPIRED] = { "request-expired",
	    N_("Your request to %s expired without an answer."),
	    NOTIFY_ARGS_ACTOR, "requests show %lld", 1 },
	[NOTIFY_SUPPORT_REPLY] = { "support-reply",
	    N_("The mentoring team answered your question \"%s\"."),
	    NOTIFY_ARGS_BODY, "support show %lld", 1 },
	/* The team's news opens the console (tui/cmd.c: an admin row
	 * without a screen of its own). */
	[NOTIFY_SUPPORT_QUESTION] = { "support-question",
	    N_("%s asks the mentoring team: %s"), NOTIFY_ARGS_ACTOR_BODY,
	    "admin support show %lld", 1 },
	[NOTIFY_REPORT_NEW] = { "report-new",
	    N_("A member filed report #%s for the mentoring team."),
	    NOTIFY_ARGS_BODY, "admin reports show %lld", 1 },
	[NOTIFY_WARNING] = { "warning",
	    N_("A warning from the mentoring team: %s"), NOTIFY_ARGS_BODY,
	    "notifications", 1 },
};

const char *
notify_kind_word(enum notify_kind kind)
{
	return notify_kinds[kind].word;
}

/* The kind stored as word; NOTIFY_MESSAGE for a word this program does
 * not know (written by a newer one). */
static enum notify_kind
notify_kind_of(const char *word)
{
	int k;

	for (k = 0; k < NOTIFY_NKINDS; k++) {
		if (strcmp(notify_kinds[k].word, word) == 0)
			return (enum notify_kind)k;
	}
	return NOTIFY_MESSAGE;
}

int
notify_send(struct board *b, int64_t user_id, enum notify_kind kind,
    int64_t actor_id, int64_t object_id, const char *body)
{
	return store_notification_add(b->store, user_id,
	    notify_kinds[kind].word, actor_id, object_id, body,
	    !notify_kinds[kind].mail, NULL);
}

int
notify_team(struct board *b, enum notify_kind kind, int64_t actor_id,
    int64_t object_id, const char *body)
{
	int64_t ids[NOTIFY_TEAM_MAX];
	size_t n = 0, i;
	int waiting = 0, rc;

	rc = store_sysop_ids(b->store, ids, nitems(ids), &n);
	for (i = 0; rc == 0 && i < n; i++) {
		if (ids[i] == actor_id)
			continue; /* a sysop's own question */
		rc = store_notification_waiting(b->store, ids[i],
		    notify_kinds[kind].word, object_id, &waiting);
		if (rc == 0 && !waiting)
			rc = notify_send(
			    b, ids[i], kind, actor_id, object_id, body);
	}
	return rc;
}

/* Render a stored notification for its reader. */
static void
notify_render(const struct store_notification *n, struct notify_item *out)
{
	enum notify_kind kind = notify_kind_of(n->kind);
	const char *format = _(notify_kinds[kind].format);
	char actor[DISPLAY_NAME_MAX];
	size_t len;

	memset(out, 0, sizeof(*out));
	out->id = n->id;
	out->kind = kind;
	out->at = n->created_at;
	out->read = n->read_at != 0;
	if (n->actor_id == 0 ||
	    text_display_name(
		n->actor_first, n->actor_last, actor, sizeof(actor)) != 0)
		(void)snprintf(
		    actor, sizeof(actor), "%s", _("a former member"));
	switch (notify_kinds[kind].args) {
	case NOTIFY_ARGS_NONE:
		(void)snprintf(out->text, sizeof(out->text), "%s", format);
		break;
	case NOTIFY_ARGS_BODY:
		(void)snprintf(out->text, sizeof(out->text), format, n->body);
		break;
	case NOTIFY_ARGS_ACTOR:
		(void)snprintf(out->text, sizeof(out->text), format, actor);
		break;
	case NOTIFY_ARGS_ACTOR_BODY:
		(void)snprintf(
		    out->text, sizeof(out->text), format, actor, n->body);
		break;
	}
	/* "... accepted your request: " without words ends at the colon's
	 * place: "... accepted your request." */
	len = strlen(out->text);
	if (n->body[0] == '\0' && len >= 2 &&
	    strcmp(out->text + len - 2, ": ") == 0)
		(void)snprintf(out->text + len - 2, 2, ".");
	(void)snprintf(out->link, sizeof(out->link), notify_kinds[kind].link,
	    (long long)n->object_id);
}

int
notify_list(struct board *b, int64_t user_id, unsigned flags, int64_t after_id,
    struct notify_item **items, size_t *n)
{
	struct store_notification *rows = NULL;
	size_t i;
	int rc;

	*items = NULL;
	*n = 0;
	rc = store_notification_list(
	    b->store, user_id, flags, after_id, NOTIFY_LIST_MAX, &rows, n);
	if (rc != 0)
		return rc;
	*items = xcalloc(*n + 1, sizeof(**items));
	for (i = 0; i < *n; i++)
		notify_render(&rows[i], &(*items)[i]);
	store_notification_rows_free(rows, *n);
	return 0;
}

int
notify_read(struct board *b, int64_t user_id, int64_t id)
{
	return store_notification_read(b->store, user_id, id);
}

int
notify_set_mail(struct board *b, int64_t user_id, int on)
{
	int rc = store_user_set_notify_mail(b->store, user_id, on);

	if (rc == 0)
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	return rc;
}

/* Check the text of a message from the team. */
static int
notify_check_text(const char *text, const char **why)
{
	if (text == NULL || text[0] == '\0') {
		*why = _("the text is empty");
		return MB_ERR_INVALID;
	}
	return text_check_block(text, NOTIFY_MESSAGE_MAX, why);
}

int
notify_message(
    struct board *b, const char *username, const char *text, const char **why)
{
	struct store_user u;
	int rc;

	rc = notify_check_text(text, why);
	if (rc != 0)
		return rc;
	if (store_user_find(b->store, username, &u) != 0) {
		*why = _("no member of that user name");
		return MB_ERR_NOTFOUND;
	}
	rc = notify_send(b, u.id, NOTIFY_MESSAGE, 0, 0, text);
	if (rc == 0)
		log_info("the team wrote to user %lld", (long long)u.id);
	return rc;
}

/* Compose and send one member's digest; 0 and *max_id, or MB_ERR_*. */
static int
notify_digest_one(struct board *b, int64_t user_id, int64_t *max_id)
{
	struct notify_item *items = NULL;
	struct store_user u;
	char cmd[512], link[NOTIFY_LINK_MAX + 600], err[MAIL_ERROR_MAX];
	char *body = NULL, *more = NULL;
	enum i18n_language spoken;
	struct mail_msg m;
	size_t n = 0, i, shown = 0;
	int rc;

	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	/* Rendered and written in the member's language. */
	spoken = i18n_use(u.language);
	rc = notify_list(b, user_id,
	    STORE_NOTIFY_UNREAD | STORE_NOTIFY_UNMAILED, 0, &items, &n);
	if (rc != 0) {
		(void)i18n_use(spoken);
		return rc;
	}
	*max_id = n > 0 ? items[0].id : 0;
	account_ssh_command(b->cfg, u.username, 1, cmd, sizeof(cmd));
	body =
	    xasprintf(_("Hello %s,\n\nwhile you were away:\n"), u.first_name);
	for (i = 0; i < n && shown < NOTIFY_DIGEST_ITEMS_MAX; i++) {
		if (!notify_kinds[items[i].kind].mail)
			continue;
		(void)snprintf(link, sizeof(link), "%s %s", cmd, items[i].link);
		more = xasprintf("%s\n- %s\n  %s\n", body, items[i].text, link);
		free(body);
		body = more;
		shown++;
	}
	more = xasprintf(_("%s\nOr log in and press n for all your "
			   "notifications:\n  %s\n\nYou get at most one such "
			   "mail every %d minutes. To get none, switch it off "
			   "in My account, or run:\n  %s notifications mail "
			   "off\n\nThe mentoring team\n"),
	    body, cmd, b->cfg->notify_mail_interval, cmd);
	free(body);
	body = more;
	free(items);
	if (shown == 0) {
		(void)i18n_use(spoken);
		free(body);
		return 0; /* nothing to mail: only kinds that are not mailed */
	}
	memset(&m, 0, sizeof(m));
	m.from = b->cfg->mail_from;
	m.to_addr = u.email;
	m.subject = _("What happened on Mentorboard while you were away");
	m.body = body;
	rc = mail_deliver(b->cfg->mail_command, &m, err, sizeof(err));
	(void)i18n_use(spoken);
	free(body);
	if (rc != 0)
		log_error("digest mail to user %lld failed: %s",
		    (long long)user_id, err);
	return rc;
}

int
notify_digest_run(struct board *b, int *sent)
{
	int64_t ids[NOTIFY_DIGEST_USERS_MAX], now = clock_now(), max_id = 0;
	int64_t delay =
	    (int64_t)b->cfg->notify_mail_delay * NOTIFY_SECONDS_PER_MINUTE;
	int64_t interval =
	    (int64_t)b->cfg->notify_mail_interval * NOTIFY_SECONDS_PER_MINUTE;
	int64_t retry;
	size_t n = 0, i;
	int failures = 0, rc;

	if (sent != NULL)
		*sent = 0;
	rc = store_digest_due(
	    b->store, now - delay, now - interval, now, ids, nitems(ids), &n);
	if (rc != 0)
		return rc;
	for (i = 0; i < n; i++) {
		rc = notify_digest_one(b, ids[i], &max_id);
		if (rc == 0) {
			/* Sent (or nothing to send): never again for these. */
			rc = store_digest_sent(b->store, ids[i], max_id, now);
			if (rc == 0 && sent != NULL)
				(*sent)++;
			continue;
		}
		/* Logged; tried again later, waiting longer each time. */
		if (store_digest_failures(b->store, ids[i], &failures) != 0)
			continue;
		retry = (int64_t)NOTIFY_RETRY_SECONDS
		    << (failures > 8 ? 8 : failures);
		if (retry > NOTIFY_RETRY_MAX_SECONDS)
			retry = NOTIFY_RETRY_MAX_SECONDS;
		if (store_digest_failed(b->store, ids[i], now + retry) == 0)
			log_warn("digest to user %lld: try %d failed; the next "
				 "in %lld s",
			    (long long)ids[i], failures + 1, (long long)retry);
	}
	return 0;
}
