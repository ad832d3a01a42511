/* ending: ending a mentorship; certificates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "agreement.h"
#include "auth.h"
#include "clock.h"
#include "ending.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "profile.h"
#include "request.h"
#include "text.h"
#include "throttle.h"
#include "util.h"

/* A date for a certificate: "2026-12-01", or "-" for none. */
static void
ending_date(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d", &tm) == 0)
		(void)snprintf(out, size, "-");
}

/* The certificate of one of the two, from what the mentorship says. */
static int
ending_certificate(struct board *b, const struct store_mentorship *m,
    const struct agreement_view *v, int64_t user_id, const char *role,
    struct store_certificate *c)
{
	const struct store_agreement_version *in_force = NULL;
	enum i18n_language spoken;
	struct store_item area;
	struct store_user u;
	char code[ACCESS_CODE_TEXT_MAX], canonical[ACCESS_CODE_CHARS + 1];
	int rc;

	memset(c, 0, sizeof(*c));
	rc = store_user_get(b->store, user_id, &u);
	if (rc != 0)
		return rc;
	/* Kept in its holder's language, whoever ended the mentorship. */
	spoken = i18n_use(u.language);
	c->mentorship_id = m->id;
	c->user_id = user_id;
	(void)snprintf(c->role, sizeof(c->role), "%s", role);
	(void)snprintf(c->full_name, sizeof(c->full_name), "%s %s",
	    u.first_name, u.last_name);
	if (text_display_name(m->mentor_first, m->mentor_last,
		c->mentor_display, sizeof(c->mentor_display)) != 0 ||
	    m->mentor_id == 0)
		(void)snprintf(c->mentor_display, sizeof(c->mentor_display),
		    "%s", _("a former member"));
	if (text_display_name(m->mentee_first, m->mentee_last,
		c->mentee_display, sizeof(c->mentee_display)) != 0 ||
	    m->mentee_id == 0)
		(void)snprintf(c->mentee_display, sizeof(c->mentee_display),
		    "%s", _("a former member"));
	(void)snprintf(c->area, sizeof(c->area), "%s",
	    store_list_find(b->store, STORE_LIST_AREAS, m->area, &area) == 0 ?
		area.name :
		m->area);
	(void)i18n_use(spoken);
	c->started_at = m->decided_at;
	c->official_since = m->official_since;
	c->ended_at = clock_now();
	in_force = agreement_version(v, v->in_force);
	if (in_force != NULL) {
		c->version = in_force->number;
		(void)snprintf(
		    c->sha256, sizeof(c->sha256), "%s", in_force->sha256);
	}
	c->issued_at = c->ended_at;
	auth_access_code_new(code);
	rc = auth_access_code_normalize(code, canonical);
	if (rc == 0) {
		(void)snprintf(c->code, sizeof(c->code), "%s", canonical);
		rc = store_certificate_add(b->store, c, canonical);
	}
	return rc;
}

/* "XXXX-XXXX-XXXX" from a canonical code. */
static void
ending_code_text(const char *canonical, char *out, size_t size)
{
	(void)snprintf(out, size, "%.4s-%.4s-%.4s", canonical, canonical + 4,
	    canonical + 8);
}

char *
certificate_text(const struct board *b, const struct store_certificate *c)
{
	char started[16], official[16], ended[16], code[ACCESS_CODE_TEXT_MAX];
	char agreement[128], cmd[512];

	ending_date(c->started_at, started, sizeof(started));
	ending_date(c->official_since, official, sizeof(official));
	ending_date(c->ended_at, ended, sizeof(ended));
	ending_code_text(c->code, code, sizeof(code));
	if (c->version > 0)
		(void)snprintf(agreement, sizeof(agreement),
		    _("version %d, SHA-256 %s"), c->version, c->sha256);
	else
		(void)snprintf(agreement, sizeof(agreement), "-");
	account_ssh_command(b->cfg, "guest", 0, cmd, sizeof(cmd));
	return xasprintf(_("Certificate of mentoring\n"
			   "\n"
			   "%s took part as %s in a mentorship of the "
			   "alumni career mentoring programme:\n"
			   "\n"
			   "  Mentor:          %s\n"
			   "  Mentee:          %s\n"
			   "  Area of help:    %s\n"
			   "  Connected:       %s\n"
			   "  Official from:   %s\n"
			   "  Ended:           %s\n"
			   "  Agreement:       %s\n"
			   "\n"
			   "Anyone can check this certificate:\n"
			   "  %s certificate verify %s\n"),
	    c->full_name,
	    strcmp(c->role, "mentor") == 0 ? _("mentor") : _("mentee"),
	    c->mentor_display, c->mentee_display, c->area, started, official,
	    ended, agreement, cmd, code);
}

/* Mail a certificate to its holder; a failure is logged. */
static void
ending_mail(struct board *b, const struct store_certificate *c)
{
	char err[MAIL_ERROR_MAX], *body = NULL, *text = NULL;
	enum i18n_language spoken;
	struct store_user u;
	struct mail_msg m;

	if (c->user_id == 0 || store_user_get(b->store, c->user_id, &u) != 0)
		return;
	/* In the holder's language, whoever ended the mentorship. */
	spoken = i18n_use(u.language);
	text = certificate_text(b, c);
	body = xasprintf(_("Hello %s,\n\nyour mentorship has ended. Thank you "
			   "for taking part. Your certificate:\n\n%s\nThe "
			   "mentoring team\n"),
	    u.first_name, text);
	memset(&m, 0, sizeof(m));
	m.from = b->cfg->mail_from;
	m.to_addr = u.email;
	m.subject = _("Your certificate of mentoring");
	m.body = body;
	if (mail_deliver(b->cfg->mail_command, &m, err, sizeof(err)) != 0)
		log_error("certificate of mentorship %lld: the mail to user "
			  "%lld failed: %s",
		    (long long)c->mentorship_id, (long long)c->user_id, err);
	(void)i18n_use(spoken);
	free(body);
	free(text);
}

/*
 * End the mentorship of v (read in the open transaction) as actor_id of
 * v.party (the team: reason given), with feedback (may be NULL); commit,
 * then mail the certificates.  Frees v.
 */
static int
ending_close(struct board *b, struct agreement_view *v, int64_t actor_id,
    const char *feedback, const char *reason, const char **why)
{
	struct store_certificate certs[2];
	enum notify_kind kind;
	int64_t id = v->m.id;
	int ncerts = 0, rc = 0, i;

	if (!request_may_move(v->m.state, STORE_MSHIP_ENDED, v->party)) {
		*why = _("this mentorship has ended already");
		rc = MB_ERR_DENIED;
	}
	if (rc == 0)
		rc = store_mentorship_move(
		    b->store, id, v->m.state, STORE_MSHIP_ENDED, NULL, NULL);
	if (rc == 0 && v->party == REQUEST_BY_TEAM)
		rc = store_mentorship_ended_by(b->store, id, actor_id, reason);
	if (rc == 0 && feedback != NULL && feedback[0] != '\0')
		rc = store_feedback_add(b->store, id, actor_id,
		    v->party == REQUEST_BY_MENTOR ? "mentor" : "mentee",
		    feedback);
	/* A certificate for each of the two still on the board, if it was
	 * official. */
	if (rc == 0 && v->m.state == STORE_MSHIP_OFFICIAL) {
		if (v->m.mentor_id != 0)
			rc = ending_certificate(b, &v->m, v, v->m.mentor_id,
			    "mentor", &certs[ncerts++]);
		if (rc == 0 && v->m.mentee_id != 0)
			rc = ending_certificate(b, &v->m, v, v->m.mentee_id,
			    "mentee", &certs[ncerts++]);
	}
	/* Both are told, each of the other (and the team's reason). */
	kind = v->party == REQUEST_BY_TEAM ? NOTIFY_MENTORSHIP_ENDED_TEAM :
					     NOTIFY_MENTORSHIP_ENDED;
	if (rc == 0 && v->m.mentor_id != 0)
		rc = notify_send(
		    b, v->m.mentor_id, kind, v->m.mentee_id, id, reason);
	if (rc == 0 && v->m.mentee_id != 0)
		rc = notify_send(
		    b, v->m.mentee_id, kind, v->m.mentor_id, id, reason);
	/* The mentor's place is free again: the search says so. */
	if (rc == 0 && v->m.mentor_id != 0) {
		store_news_mark(
		    b->store, v->m.mentor_id, STORE_NEWS_REQUEST, id);
		rc = profile_search_update(b, v->m.mentor_id);
	}
	if (rc == 0 && v->m.mentee_id != 0)
		store_news_mark(
		    b->store, v->m.mentee_id, STORE_NEWS_REQUEST, id);
	if (rc == 0)
		rc = store_audit_add(b->store, actor_id, "end-mentorship",
		    v->party == REQUEST_BY_MENTOR ? v->m.mentee_id :
						    v->m.mentor_id,
		    id, reason != NULL ? reason : "");
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	agreement_view_free(v);
	for (i = 0; rc == 0 && i < ncerts; i++)
		ending_mail(b, &certs[i]);
	return rc;
}

int
mentorship_end(struct board *b, const struct viewer *viewer, int64_t id,
    const char *feedback, const char **why)
{
	struct agreement_view v;
	int rc;

	if (feedback != NULL &&
	    text_check_block(feedback, ENDING_FEEDBACK_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = agreement_view(b, viewer, id, &v);
	if (rc != 0) {
		if (rc == MB_ERR_NOTFOUND)
			*why = _("there is no such mentorship of yours");
		store_rollback(b->store);
		return rc;
	}
	if (!agreement_may(AGREEMENT_END, v.m.state, v.party)) {
		*why = _("this mentorship has ended already");
		agreement_view_free(&v);
		store_rollback(b->store);
		return MB_ERR_DENIED;
	}
	return ending_close(b, &v, viewer->user_id, feedback, NULL, why);
}

int
mentorship_end_by_team(struct board *b, int64_t actor_id, int64_t id,
    const char *reason, const char **why)
{
	struct agreement_view v;
	int rc;

	if (reason == NULL || reason[0] == '\0') {
		*why = _("give the reason the two are told");
		return MB_ERR_INVALID;
	}
	if (text_check_line(reason, 1, ENDING_REASON_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = agreement_view_team(b, id, &v);
	if (rc != 0) {
		if (rc == MB_ERR_NOTFOUND)
			*why = _("there is no such mentorship");
		store_rollback(b->store);
		return rc;
	}
	return ending_close(b, &v, actor_id, NULL, reason, why);
}

int
certificate_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_certificate *out)
{
	if (viewer->user_id == 0)
		return MB_ERR_NOTFOUND;
	return store_certificate_get(b->store, id, viewer->user_id, out);
}

int
certificate_verify(struct board *b, const char *code, const char *source,
    struct store_certificate *out)
{
	char canonical[ACCESS_CODE_CHARS + 1];
	int rc;

	throttle_wait(b, &throttle_redeem, source, source);
	rc = auth_access_code_normalize(code, canonical);
	if (rc == 0)
		rc = store_certificate_find(b->store, canonical, out);
	if (rc != 0) {
		throttle_failed(b, &throttle_redeem, source, source);
		return MB_ERR_NOTFOUND;
	}
	return 0;
}
