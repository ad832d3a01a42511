/*
 * sysop_members: one member, for the mentoring team: everything the board
 * knows of them (user show), and what the team does to an account (user
 * confirm, resend, reset, sysop), each through the rules of common/team.c
 * and into the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "membership.h"
#include "store.h"
#include "sysop.h"
#include "team.h"
#include "util.h"

#define SYSOP_LOGINS_SHOWN 10 /* a member's last logins in user show */

/* What user show tells of a member, read in one go. */
struct sysop_member_info {
	struct store_user u;
	char display[DISPLAY_NAME_MAX];
	struct store_item *fields;
	size_t nfields;
	struct store_key *keys;
	size_t nkeys;
	struct store_role_row *roles;
	size_t nroles;
	struct store_mentor mentor;
	struct store_application app;
	int sections; /* of the application, filled in */
	int has_cv;
	struct store_cv_info cv;
	struct membership_view membership;
	struct store_mentorship *mships;
	size_t nmships;
	struct store_online *sessions;
	size_t nsessions;
	struct store_login *logins;
	size_t nlogins;
};

static void
sysop_member_info_free(struct sysop_member_info *m)
{
	free(m->fields);
	free(m->keys);
	free(m->roles);
	store_mentor_free(&m->mentor);
	store_application_free(&m->app);
	store_mentorship_rows_free(m->mships, m->nmships);
	free(m->sessions);
	free(m->logins);
	memset(m, 0, sizeof(*m));
}

/* Read member id; 0 or MB_ERR_*, and nothing to free on failure. */
static int
sysop_member_info_read(
    struct store *st, struct board *b, int64_t id, struct sysop_member_info *m)
{
	size_t i;
	int opened, rc;

	memset(m, 0, sizeof(*m));
	opened = store_read_begin(st);
	rc = store_user_get(st, id, &m->u);
	if (rc == 0)
		rc = store_user_fields(st, id, &m->fields, &m->nfields);
	if (rc == 0)
		rc = store_key_list(st, id, &m->keys, &m->nkeys);
	if (rc == 0)
		rc = store_roles_get(st, id, &m->roles, &m->nroles);
	if (rc == 0)
		rc = store_mentor_get(st, id, &m->mentor);
	if (rc == 0)
		rc = store_application_get(st, id, &m->app);
	if (rc == 0) {
		rc = store_cv_info(st, id, &m->cv);
		m->has_cv = rc == 0;
		if (rc == MB_ERR_NOTFOUND)
			rc = 0;
	}
	if (rc == 0)
		rc = membership_get(b, id, &m->membership);
	if (rc == 0)
		rc = store_mentorship_list(st, id, &m->mships, &m->nmships);
	if (rc == 0)
		rc = store_session_online(st, id, &m->sessions, &m->nsessions);
	if (rc == 0)
		rc = store_login_recent(
		    st, id, SYSOP_LOGINS_SHOWN, &m->logins, &m->nlogins);
	store_read_end(st, opened);
	if (rc != 0) {
		sysop_member_info_free(m);
		return rc;
	}
	account_display_name(&m->u, m->display, sizeof(m->display));
	for (i = 0; i < STORE_NSECTIONS; i++)
		m->sections += m->app.text[i][0] != '\0';
	return 0;
}

/* Is the member mentee (1) or mentor (0) of mentorship ms? */
static int
sysop_is_mentee(
    const struct sysop_member_info *m, const struct store_mentorship *ms)
{
	return ms->mentee_id == m->u.id;
}

/*
 * The other party of ms, in full for the team: "Bob Berger (#13)"; one who
 * left is "a former member", in the reader's language for text (JSON
 * keeps the English words).
 */
static void
sysop_other(const struct sysop_member_info *m,
    const struct store_mentorship *ms, int text, char *out, size_t size)
{
	int mentee = sysop_is_mentee(m, ms);
	int64_t id = mentee ? ms->mentor_id : ms->mentee_id;

	if (id == 0)
		(void)snprintf(out, size, "%s",
		    text ? _("a former member") : "a former member");
	else
		(void)snprintf(out, size, "%s %s (#%lld)",
		    mentee ? ms->mentor_first : ms->mentee_first,
		    mentee ? ms->mentor_last : ms->mentee_last, (long long)id);
}

/* The JSON of a member. */
static void
sysop_member_json(struct json *j, const struct sysop_member_info *m)
{
	const struct store_user *u = &m->u;
	char other[2 * NAME_MAX_BYTES + 32];
	size_t i;

	json_object_begin(j);
	{
		const struct json_field f[] = {
			JSON_INT("id", u->id),
			JSON_STR("username", u->username),
			JSON_STR("email", u->email),
			JSON_STR("first_name", u->first_name),
			JSON_STR("last_name", u->last_name),
			JSON_STR("display_name", m->display),
			JSON_INT("created_at", u->created_at),
			JSON_BOOL("verified", u->verified),
			JSON_BOOL("sysop", u->is_sysop),
			JSON_BOOL("demo", u->is_demo),
			JSON_BOOL("has_password", u->has_password),
			JSON_BOOL("notify_mail", u->notify_mail),
			JSON_TIME("banned_at", u->banned_at),
			JSON_STR("ban_reason", u->ban_reason),
		};
		json_fields(j, f, nitems(f));
	}
	json_key(j, "fields");
	json_array_begin(j);
	for (i = 0; i < m->nfields; i++)
		json_string(j, m->fields[i].name);
	json_array_end(j);
	json_key(j, "keys");
	json_array_begin(j);
	for (i = 0; i < m->nkeys; i++) {
		const struct json_field f[] = {
			JSON_STR("type", m->keys[i].type),
			JSON_STR("fingerprint", m->keys[i].fingerprint),
			JSON_STR("comment", m->keys[i].comment),
			JSON_INT("added_at", m->keys[i].added_at),
		};
		json_object(j, f, nitems(f));
	}
	json_array_end(j);
	json_key(j, "roles");
	json_array_begin(j);
	for (i = 0; i < m->nroles; i++) {
		const struct json_field f[] = {
			JSON_STR("area", m->roles[i].area),
			JSON_BOOL("mentor", m->roles[i].mentor),
			JSON_BOOL("mentee", m->roles[i].mentee),
		};
		if (m->roles[i].mentor || m->roles[i].mentee)
			json_object(j, f, nitems(f));
	}
	json_array_end(j);
	json_key(j, "mentor_profile");
	{
		const struct json_field f[] = {
			JSON_INT("capacity", m->mentor.capacity),
			JSON_BOOL("available", m->mentor.available),
			JSON_TIME("updated_at", m->mentor.updated_at),
		};
		json_object(j, f, nitems(f));
	}
	json_key(j, "application");
	{
		const struct json_field f[] = {
			JSON_INT("sections", m->sections),
			JSON_TIME("updated_at", m->app.updated_at),
			JSON_BOOL("cv", m->has_cv),
		};
		json_object(j, f, nitems(f));
	}
	json_key(j, "membership");
	{
		const struct json_field f[] = {
			JSON_STR("status",
			    membership_status_word(m->membership.status)),
			JSON_TIME("member_since", m->membership.member_since),
			JSON_TIME("request_id", m->membership.request_id),
			JSON_TIME("requested_at", m->membership.requested_at),
			JSON_TIME("decided_at", m->membership.decided_at),
		};
		json_object(j, f, nitems(f));
	}
	json_key(j, "mentorships");
	json_array_begin(j);
	for (i = 0; i < m->nmships; i++) {
		const struct store_mentorship *ms = &m->mships[i];
		int mentee = sysop_is_mentee(m, ms);

		sysop_other(m, ms, 0, other, sizeof(other));
		{
			const struct json_field f[] = {
				JSON_INT("id", ms->id),
				JSON_STR("role", mentee ? "mentee" : "mentor"),
				JSON_TIME("other_id",
				    mentee ? ms->mentor_id : ms->mentee_id),
				JSON_STR("other", other),
				JSON_STR("area", ms->area),
				JSON_STR(
				    "state", store_mship_state_word(ms->state)),
				JSON_INT("sent_at", ms->sent_at),
				JSON_TIME("decided_at", ms->decided_at),
				JSON_TIME("official_since", ms->official_since),
				JSON_TIME("ended_at", ms->ended_at),
			};
			json_object(j, f, nitems(f));
		}
	}
	json_array_end(j);
	json_key(j, "sessions");
	json_array_begin(j);
	for (i = 0; i < m->nsessions; i++) {
		const struct json_field f[] = {
			JSON_INT("id", m->sessions[i].session_id),
			JSON_STR("from", m->sessions[i].remote_addr),
			JSON_INT("since", m->sessions[i].started_at),
			JSON_INT("active_at", m->sessions[i].active_at),
		};
		json_object(j, f, nitems(f));
	}
	json_array_end(j);
	json_key(j, "logins");
	json_array_begin(j);
	for (i = 0; i < m->nlogins; i++) {
		const struct json_field f[] = {
			JSON_INT("at", m->logins[i].at),
			JSON_STR("from", m->logins[i].remote_addr),
			JSON_STR("method", m->logins[i].method),
		};
		json_object(j, f, nitems(f));
	}
	json_array_end(j);
	json_object_end(j);
}

/* The account's lines of the text. */
static void
sysop_member_text_account(FILE *fp, const struct sysop_member_info *m)
{
	const struct store_user *u = &m->u;
	char date[32];
	size_t i;

	(void)fprintf(fp, _("#%lld %s: %s %s (shown as \"%s\"), %s\n"),
	    (long long)u->id, u->username, u->first_name, u->last_name,
	    m->display, u->email);
	sysop_date(u->created_at, date, sizeof(date));
	(void)fprintf(fp,
	    _("registered %s; address %s%s%s; %s and %zu key(s); news by mail "
	      "%s\n"),
	    date, u->verified ? _("confirmed") : _("NOT confirmed"),
	    u->is_sysop ? _("; sysop") : "", u->is_demo ? _("; demo data") : "",
	    u->has_password ? _("a password") : _("no password"), m->nkeys,
	    u->notify_mail ? _("on") : _("off"));
	if (u->banned_at != 0) {
		sysop_date(u->banned_at, date, sizeof(date));
		(void)fprintf(
		    fp, _("BANNED since %s: %s\n"), date, u->ban_reason);
	}
	(void)fprintf(fp, "%s:", _("fields of study"));
	for (i = 0; i < m->nfields; i++)
		(void)fprintf(fp, "%s %s", i > 0 ? "," : "", m->fields[i].name);
	(void)fprintf(fp, "%s%s\n", m->nfields == 0 ? " " : "",
	    m->nfields == 0 ? _("none") : "");
}

/* The member's roles, application and community, as text. */
static void
sysop_member_text_roles(FILE *fp, const struct sysop_member_info *m)
{
	const struct membership_view *v = &m->membership;
	char date[32];
	size_t i, shown = 0;

	(void)fprintf(fp, "\n%s\n", _("Roles"));
	for (i = 0; i < m->nroles; i++) {
		if (!m->roles[i].mentor && !m->roles[i].mentee)
			continue;
		shown++;
		(void)fprintf(fp, "  %-32s %s%s%s\n", m->roles[i].area,
		    m->roles[i].mentor ? _("mentor") : "",
		    m->roles[i].mentor && m->roles[i].mentee ? ", " : "",
		    m->roles[i].mentee ? _("mentee") : "");
	}
	if (shown == 0)
		(void)fprintf(fp, "  %s\n", _("none"));
	(void)fprintf(fp, _("  mentor profile: %d place(s), %s\n"),
	    m->mentor.capacity,
	    m->mentor.available ? _("takes new requests") :
				  _("takes no requests"));
	(void)fprintf(fp, _("  application: %d of %d sections; %s\n"),
	    m->sections, STORE_NSECTIONS, m->has_cv ? _("a CV") : _("no CV"));
	(void)fprintf(fp, "\n%s\n  ", _("Alumni community"));
	switch (v->status) {
	case MEMBERSHIP_MEMBER:
		sysop_date(v->member_since, date, sizeof(date));
		(void)fprintf(fp, _("a member since %s\n"), date);
		break;
	case MEMBERSHIP_REQUESTED:
		sysop_date(v->requested_at, date, sizeof(date));
		(void)fprintf(fp, _("request #%lld of %s %s\n"),
		    (long long)v->request_id, date,
		    v->approved ? _("approved: a code was mailed") : _("open"));
		break;
	case MEMBERSHIP_DECLINED:
		(void)fprintf(fp, _("request #%lld declined: %s\n"),
		    (long long)v->request_id, v->reason);
		break;
	default:
		(void)fprintf(fp, _("not a member, no request\n"));
	}
}

/* Requests and mentorships, sessions and logins, as text. */
static void
sysop_member_text_activity(FILE *fp, const struct sysop_member_info *m)
{
	char other[2 * NAME_MAX_BYTES + 32], date[32], when[32], idle[32];
	int64_t now = clock_now();
	size_t i;

	(void)fprintf(fp, "\n%s\n", _("Requests and mentorships"));
	for (i = 0; i < m->nmships; i++) {
		const struct store_mentorship *ms = &m->mships[i];

		sysop_other(m, ms, 1, other, sizeof(other));
		sysop_date(ms->sent_at, date, sizeof(date));
		(void)fprintf(fp, _("  #%-5lld %-6s of %s, %s: %s, sent %s\n"),
		    (long long)ms->id,
		    sysop_is_mentee(m, ms) ? _("mentee") : _("mentor"), other,
		    ms->area, _(store_mship_state_word(ms->state)), date);
	}
	if (m->nmships == 0)
		(void)fprintf(fp, "  %s\n", _("none"));
	(void)fprintf(fp, "\n%s\n", _("Sessions now"));
	for (i = 0; i < m->nsessions; i++) {
		sysop_time(m->sessions[i].started_at, when, sizeof(when));
		sysop_duration(
		    now - m->sessions[i].active_at, idle, sizeof(idle));
		(void)fprintf(fp,
		    _("  session %lld from %s since %s, idle %s\n"),
		    (long long)m->sessions[i].session_id,
		    m->sessions[i].remote_addr, when, idle);
	}
	if (m->nsessions == 0)
		(void)fprintf(fp, "  %s\n", _("none"));
	(void)fprintf(fp, "\n%s\n", _("Last logins"));
	for (i = 0; i < m->nlogins; i++) {
		sysop_time(m->logins[i].at, when, sizeof(when));
		(void)fprintf(fp, "  %s  %-39s %s\n", when,
		    m->logins[i].remote_addr, m->logins[i].method);
	}
	if (m->nlogins == 0)
		(void)fprintf(fp, "  %s\n", _("none"));
}

int
sysop_user_describe(struct sysop *s, int64_t id, int json)
{
	struct sysop_member_info m;
	struct json j;
	int rc;

	rc = sysop_member_info_read(s->board->store, s->board, id, &m);
	if (rc != 0) {
		cli_error(_("cannot read member %lld: %s"), (long long)id,
		    mb_strerror(rc));
		return CLI_FAIL;
	}
	if (json) {
		json_init(&j, s->out);
		sysop_member_json(&j, &m);
		rc = json_finish(&j);
	} else {
		sysop_member_text_account(s->out, &m);
		sysop_member_text_roles(s->out, &m);
		sysop_member_text_activity(s->out, &m);
	}
	sysop_member_info_free(&m);
	return rc == 0 ? CLI_OK : CLI_FAIL;
}

/* user show ID|USERNAME: a member in full; the look is audited. */
int
sysop_user_show(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_user u;
	int rc;

	rc = sysop_member(s, call->argv[0], &u);
	if (rc != CLI_OK)
		return rc;
	rc = sysop_user_describe(s, u.id, call->json);
	if (rc == CLI_OK)
		sysop_audit(s, "user-show", u.id, 0, "");
	return rc;
}

/* Say why a rule refused, and CLI_FAIL. */
static int
sysop_member_refused(const char *why, int rc)
{
	cli_error("%s", why != NULL ? why : mb_strerror(rc));
	return CLI_FAIL;
}

/*
 * One of the team's actions on a member's address: run by the rule act,
 * recorded as action, told with done ("... %s (%s)": user name, address).
 */
static int
sysop_user_act(void *ctx, const struct cli_call *call,
    int (*act)(struct board *, int64_t, const char **), const char *action,
    const char *done)
{
	struct sysop *s = ctx;
	struct store_user u;
	const char *why = NULL;
	int rc;

	rc = sysop_member(s, call->argv[0], &u);
	if (rc != CLI_OK)
		return rc;
	rc = act(s->board, u.id, &why);
	if (rc != 0)
		return sysop_member_refused(why, rc);
	sysop_audit(s, action, u.id, 0, u.email);
	(void)fprintf(s->out, _(done), u.username, u.email);
	return CLI_OK;
}

/* user confirm ID: the address confirmed by hand. */
int
sysop_user_confirm(void *ctx, const struct cli_call *call)
{
	return sysop_user_act(ctx, call, team_confirm, "user-confirm",
	    N_("confirmed the address of %s (%s)\n"));
}

/* user resend ID: a new verification code by mail. */
int
sysop_user_resend(void *ctx, const struct cli_call *call)
{
	return sysop_user_act(ctx, call, team_resend, "user-resend",
	    N_("mailed a new verification code to %s (%s)\n"));
}

/* user reset ID: a password reset code by mail. */
int
sysop_user_reset(void *ctx, const struct cli_call *call)
{
	return sysop_user_act(ctx, call, team_reset, "user-reset",
	    N_("mailed a password reset code to %s (%s)\n"));
}

/* user sysop ID on|off: promote or demote. */
int
sysop_user_sysop(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_user u;
	const char *why = NULL, *word = call->argv[1];
	int on, rc;

	if (strcmp(word, "on") != 0 && strcmp(word, "off") != 0) {
		cli_error(_("say on or off, not \"%s\""), word);
		return CLI_USAGE;
	}
	on = strcmp(word, "on") == 0;
	rc = sysop_member(s, call->argv[0], &u);
	if (rc != CLI_OK)
		return rc;
	rc = team_set_sysop(s->board, u.id, on, &why);
	if (rc != 0)
		return sysop_member_refused(why, rc);
	sysop_audit(s, "user-sysop", u.id, 0, word);
	(void)fprintf(s->out,
	    on ? _("%s is a sysop now\n") : _("%s is no longer a sysop\n"),
	    u.username);
	return CLI_OK;
}
