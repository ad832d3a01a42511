/* agreement: the mentoring agreement, its versions and who may do what. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "agreement.h"
#include "diff.h"
#include "error.h"
#include "i18n.h"
#include "notify.h"
#include "request.h"
#include "text.h"
#include "util.h"

#define AGREEMENT_ACTIVE \
	(1u << STORE_MSHIP_CONNECTED | 1u << STORE_MSHIP_OFFICIAL)
#define AGREEMENT_SHARED (AGREEMENT_ACTIVE | 1u << STORE_MSHIP_ENDED)
#define AGREEMENT_BOTH (REQUEST_BY_MENTOR | REQUEST_BY_MENTEE)

/*
 * Who may do what, in which states of the mentorship (a bit per state).
 * Only the mentee drafts and submits; only the mentor approves or asks
 * for changes; either reads, also after the end, and either ends it.
 */
static const struct {
	unsigned states;
	unsigned who;
} agreement_rules[AGREEMENT_NACTIONS] = {
	[AGREEMENT_READ] = { AGREEMENT_SHARED, AGREEMENT_BOTH },
	[AGREEMENT_EDIT] = { AGREEMENT_ACTIVE, REQUEST_BY_MENTEE },
	[AGREEMENT_SUBMIT] = { AGREEMENT_ACTIVE, REQUEST_BY_MENTEE },
	[AGREEMENT_APPROVE] = { AGREEMENT_ACTIVE, REQUEST_BY_MENTOR },
	[AGREEMENT_REQUEST_CHANGES] = { AGREEMENT_ACTIVE, REQUEST_BY_MENTOR },
	[AGREEMENT_END] = { AGREEMENT_ACTIVE, AGREEMENT_BOTH },
};

static const struct {
	const char *word; /* commands, JSON keys */
	const char *title; /* N_() */
	const char *english; /* the title in the hashed text */
	const char *help; /* N_() */
	const char *example; /* N_() */
} agreement_sections[STORE_AGREEMENT_NSECTIONS] = {
	[STORE_AGREEMENT_GOALS] = { "goals", N_("Goals of the mentorship"),
	    "Goals of the mentorship",
	    N_("What the mentee wants to reach with the mentor's help, as "
	       "concretely as you can."),
	    N_("Find a first job in data analysis in Vienna by summer; "
	       "prepare for interviews.") },
	[STORE_AGREEMENT_RHYTHM] = { "rhythm", N_("Meeting rhythm and format"),
	    "Meeting rhythm and format",
	    N_("How often and how you meet: in person, by call, by chat."),
	    N_("One hour every three weeks, alternately in person and by "
	       "video call.") },
	[STORE_AGREEMENT_DURATION] = { "duration", N_("Duration and end date"),
	    "Duration and end date",
	    N_("How long the mentorship runs, and when you look back on it."),
	    N_("Six months, until 30 June; we review it after three.") },
	[STORE_AGREEMENT_CONFIDENTIALITY] = { "confidentiality",
	    N_("Confidentiality"), "Confidentiality",
	    N_("What stays between the two of you."),
	    N_("What we talk about stays between us unless we agree "
	       "otherwise.") },
	[STORE_AGREEMENT_COMMUNICATION] = { "communication",
	    N_("How we communicate"), "How we communicate",
	    N_("How you reach each other between meetings, and how fast you "
	       "answer."),
	    N_("Through the board's chat; we answer within three working "
	       "days.") },
	[STORE_AGREEMENT_OTHER] = { "other", N_("Other"), "Other",
	    N_("Anything else you agreed."),
	    N_("The mentee takes notes of each meeting and shares them.") },
};

/* In JSON as they are; N_(): shown translated. */
static const char *const agreement_state_words[] = {
	[AGREEMENT_NONE] = N_("none"),
	[AGREEMENT_DRAFT] = N_("draft"),
	[AGREEMENT_PENDING] = N_("pending"),
	[AGREEMENT_APPROVED] = N_("approved"),
};

static char agreement_why_buf[256];

int
agreement_may(
    enum agreement_action action, enum store_mship_state s, unsigned party)
{
	return (agreement_rules[action].states & (1u << s)) != 0 &&
	    (agreement_rules[action].who & party) != 0;
}

const char *
agreement_state_word(enum agreement_state s)
{
	return agreement_state_words[s];
}

const char *
agreement_section_word(enum store_agreement_section s)
{
	return agreement_sections[s].word;
}

const char *
agreement_section_title(enum store_agreement_section s)
{
	return agreement_sections[s].title;
}

const char *
agreement_section_help(enum store_agreement_section s)
{
	return agreement_sections[s].help;
}

const char *
agreement_section_example(enum store_agreement_section s)
{
	return agreement_sections[s].example;
}

int
agreement_section_parse(const char *word, enum store_agreement_section *out)
{
	int i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
		if (strcmp(word, agreement_sections[i].word) == 0) {
			*out = (enum store_agreement_section)i;
			return 0;
		}
	}
	return MB_ERR_INVALID;
}

char *
agreement_render(const struct store_agreement_text *t, int translate)
{
	char *out = xstrdup(""), *more = NULL;
	const char *text = NULL;
	size_t len;
	int i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
		text = t->section[i] != NULL ? t->section[i] : "";
		len = strlen(text);
		/* Every section ends in one newline, and an empty line
		 * parts it from the next. */
		more = xasprintf("%s%s# %s\n%s%s", out, i > 0 ? "\n" : "",
		    translate ? _(agreement_sections[i].title) :
				agreement_sections[i].english,
		    text, len > 0 && text[len - 1] != '\n' ? "\n" : "");
		free(out);
		out = more;
	}
	return out;
}

void
agreement_sha256(
    const struct store_agreement_text *t, char out[STORE_SHA256_HEX])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char *text = agreement_render(t, 0);

	(void)crypto_hash_sha256(
	    hash, (const unsigned char *)text, strlen(text));
	(void)sodium_bin2hex(out, STORE_SHA256_HEX, hash, sizeof(hash));
	free(text);
}

/* Are two texts the same, section by section? */
static int
agreement_same(
    const struct store_agreement_text *a, const struct store_agreement_text *b)
{
	int i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
		if (strcmp(a->section[i], b->section[i]) != 0)
			return 0;
	}
	return 1;
}

void
agreement_view_free(struct agreement_view *v)
{
	store_mentorship_free(&v->m);
	store_agreement_versions_free(v->versions, v->nversions);
	store_agreement_comments_free(v->comments, v->ncomments);
	store_agreement_text_free(&v->draft);
	memset(v, 0, sizeof(*v));
}

const struct store_agreement_version *
agreement_version(const struct agreement_view *v, int number)
{
	if (number < 1 || (size_t)number > v->nversions)
		return NULL;
	return &v->versions[number - 1]; /* numbered 1, 2, ... in order */
}

const struct store_agreement_text *
agreement_working_text(const struct agreement_view *v)
{
	if (v->has_draft || v->nversions == 0)
		return &v->draft;
	return &v->versions[v->nversions - 1].text;
}

/* Where the agreement stands, from its versions and the draft. */
static void
agreement_state_of(struct agreement_view *v, int64_t draft_at)
{
	const struct store_agreement_version *last = NULL;
	size_t i;

	for (i = 0; i < v->nversions; i++) {
		if (strcmp(v->versions[i].state, "approved") == 0)
			v->in_force = v->versions[i].number;
	}
	v->latest = (int)v->nversions;
	last = v->nversions > 0 ? &v->versions[v->nversions - 1] : NULL;
	if (last != NULL && strcmp(last->state, "pending") == 0)
		v->state = AGREEMENT_PENDING;
	else if (draft_at != 0 &&
	    (last == NULL || !agreement_same(&v->draft, &last->text)))
		v->state = AGREEMENT_DRAFT;
	else if (last != NULL && strcmp(last->state, "approved") == 0)
		v->state = AGREEMENT_APPROVED;
	else if (last != NULL)
		v->state = AGREEMENT_DRAFT; /* changes asked for */
	else
		v->state = AGREEMENT_NONE;
}

/*
 * Read the agreement of id for viewer (NULL: the mentoring team), within
 * or without a transaction.  MB_ERR_NOTFOUND when viewer is not one of
 * its two, or it is a request that was not accepted.
 */
static int
agreement_read(struct board *b, const struct viewer *viewer, int64_t id,
    struct agreement_view *out)
{
	int64_t draft_at = 0;
	int rc, i;

	memset(out, 0, sizeof(*out));
	if (viewer != NULL && viewer->user_id == 0)
		return MB_ERR_NOTFOUND;
	rc = store_mentorship_get(b->store, id, &out->m);
	if (rc != 0)
		return rc;
	if (viewer == NULL)
		out->party = REQUEST_BY_TEAM;
	else
		out->party = out->m.mentor_id == viewer->user_id ?
		    REQUEST_BY_MENTOR :
		    out->m.mentee_id == viewer->user_id ? REQUEST_BY_MENTEE :
							  0;
	/* The team reads what either of the two may. */
	if (!agreement_may(AGREEMENT_READ, out->m.state,
		out->party == REQUEST_BY_TEAM ? REQUEST_BY_MENTOR :
						out->party)) {
		store_mentorship_free(&out->m);
		memset(out, 0, sizeof(*out));
		return MB_ERR_NOTFOUND;
	}
	rc = store_agreement_versions(
	    b->store, id, &out->versions, &out->nversions);
	if (rc == 0)
		rc = store_agreement_comments(
		    b->store, id, &out->comments, &out->ncomments);
	if (rc == 0)
		rc = store_agreement_draft_get(
		    b->store, id, &out->draft, &draft_at);
	if (rc != 0) {
		agreement_view_free(out);
		return rc;
	}
	agreement_state_of(out, draft_at);
	/* The draft is the mentee's own until submitted. */
	out->has_draft = draft_at != 0 && out->party == REQUEST_BY_MENTEE;
	if (!out->has_draft) {
		for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
			free(out->draft.section[i]);
			out->draft.section[i] = xstrdup("");
		}
	}
	return 0;
}

int
agreement_view(struct board *b, const struct viewer *viewer, int64_t id,
    struct agreement_view *out)
{
	return agreement_read(b, viewer, id, out);
}

int
agreement_view_team(struct board *b, int64_t id, struct agreement_view *out)
{
	return agreement_read(b, NULL, id, out);
}

/* Open the agreement in a transaction and check that party may act. */
static int
agreement_begin(struct board *b, const struct viewer *viewer, int64_t id,
    enum agreement_action action, struct agreement_view *v, const char **why)
{
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = agreement_read(b, viewer, id, v);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such mentorship of yours");
	else if (rc == 0 && !agreement_may(action, v->m.state, v->party)) {
		if (v->m.state == STORE_MSHIP_ENDED)
			*why = _("this mentorship has ended: its agreement "
				 "can be read, not changed");
		else if (v->party == REQUEST_BY_MENTOR)
			*why = _("the mentee writes and submits the agreement; "
				 "you approve it or ask for changes");
		else
			*why = _("the mentor approves the agreement or asks "
				 "for changes; you write and submit it");
		rc = MB_ERR_DENIED;
	}
	if (rc != 0) {
		if (rc != MB_ERR_NOTFOUND)
			agreement_view_free(v);
		store_rollback(b->store);
	}
	return rc;
}

/* Commit, or roll back on failure; free v either way. */
static int
agreement_end(struct board *b, struct agreement_view *v, int rc)
{
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	agreement_view_free(v);
	return rc;
}

int
agreement_check_section(const char *text, const char **why)
{
	const char *p = NULL;
	int lines = 1;

	if (text_check_block(text, AGREEMENT_SECTION_MAX, why) != 0)
		return MB_ERR_INVALID;
	for (p = text; *p != '\0'; p++)
		lines += *p == '\n';
	if (lines > AGREEMENT_SECTION_LINES_MAX) {
		*why = _("has too many lines");
		return MB_ERR_INVALID;
	}
	return 0;
}

/* Write every section of t into the draft of id. */
static int
agreement_draft_write(
    struct board *b, int64_t id, const struct store_agreement_text *t)
{
	int rc = 0, i;

	for (i = 0; rc == 0 && i < STORE_AGREEMENT_NSECTIONS; i++)
		rc = store_agreement_draft_set(b->store, id,
		    (enum store_agreement_section)i, t->section[i]);
	return rc;
}

int
agreement_set(struct board *b, const struct viewer *viewer, int64_t id,
    enum store_agreement_section section, const char *text, const char **why)
{
	struct agreement_view v;
	int rc;

	if (agreement_check_section(text, why) != 0)
		return MB_ERR_INVALID;
	rc = agreement_begin(b, viewer, id, AGREEMENT_EDIT, &v, why);
	if (rc != 0)
		return rc;
	/* A change to an agreement starts from its newest version. */
	if (!v.has_draft && v.nversions > 0)
		rc = agreement_draft_write(
		    b, id, &v.versions[v.nversions - 1].text);
	if (rc == 0)
		rc = store_agreement_draft_set(b->store, id, section, text);
	if (rc == 0)
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_REQUEST, id);
	return agreement_end(b, &v, rc);
}

int
agreement_save_draft(struct board *b, const struct viewer *viewer, int64_t id,
    const struct store_agreement_text *t, int *bad, const char **why)
{
	struct agreement_view v;
	int rc, i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
		if (agreement_check_section(t->section[i], why) != 0) {
			*bad = i;
			return MB_ERR_INVALID;
		}
	}
	*bad = -1;
	rc = agreement_begin(b, viewer, id, AGREEMENT_EDIT, &v, why);
	if (rc != 0)
		return rc;
	rc = agreement_draft_write(b, id, t);
	if (rc == 0)
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_REQUEST, id);
	return agreement_end(b, &v, rc);
}

/* Both of the two read the agreement again. */
static void
agreement_news(struct board *b, const struct agreement_view *v)
{
	if (v->m.mentor_id != 0)
		store_news_mark(
		    b->store, v->m.mentor_id, STORE_NEWS_REQUEST, v->m.id);
	if (v->m.mentee_id != 0)
		store_news_mark(
		    b->store, v->m.mentee_id, STORE_NEWS_REQUEST, v->m.id);
}

int
agreement_submit(struct board *b, const struct viewer *viewer, int64_t id,
    int *number, const char **why)
{
	struct agreement_view v;
	char sha[STORE_SHA256_HEX], words[16];
	int rc;

	rc = agreement_begin(b, viewer, id, AGREEMENT_SUBMIT, &v, why);
	if (rc != 0)
		return rc;
	if (!v.has_draft || v.draft.section[STORE_AGREEMENT_GOALS][0] == '\0') {
		*why = _("write the goals of the mentorship first");
		rc = MB_ERR_INVALID;
	} else if (v.nversions > 0 &&
	    agreement_same(&v.draft, &v.versions[v.nversions - 1].text)) {
		(void)snprintf(agreement_why_buf, sizeof(agreement_why_buf),
		    _("nothing changed since version %d"), v.latest);
		*why = agreement_why_buf;
		rc = MB_ERR_INVALID;
	} else if (v.nversions >= AGREEMENT_VERSIONS_MAX) {
		*why = _("this agreement has as many versions as it can have");
		rc = MB_ERR_LIMIT;
	}
	if (rc == 0) {
		agreement_sha256(&v.draft, sha);
		rc = store_agreement_version_add(
		    b->store, id, viewer->user_id, &v.draft, sha, number);
	}
	if (rc == 0 && v.m.mentor_id != 0) {
		(void)snprintf(words, sizeof(words), "%d", *number);
		rc = notify_send(b, v.m.mentor_id, NOTIFY_AGREEMENT_SUBMITTED,
		    viewer->user_id, id, words);
	}
	if (rc == 0)
		agreement_news(b, &v);
	return agreement_end(b, &v, rc);
}

int
agreement_approve(struct board *b, const struct viewer *viewer, int64_t id,
    int number, const char **why)
{
	struct agreement_view v;
	char words[16];
	int rc;

	rc = agreement_begin(b, viewer, id, AGREEMENT_APPROVE, &v, why);
	if (rc != 0)
		return rc;
	if (number == 0)
		number = v.latest;
	/* Only the newest, and only while pending: decided here, in the
	 * transaction, whatever the mentor read before. */
	rc = store_agreement_decide(b->store, id, number, "approved");
	if (rc == MB_ERR_NOTFOUND) {
		(void)snprintf(agreement_why_buf, sizeof(agreement_why_buf),
		    _("version %d is not waiting for your approval (a newer "
		      "one came, or it was decided)"),
		    number);
		*why = agreement_why_buf;
		rc = MB_ERR_DENIED;
	}
	if (rc == 0 && v.m.state == STORE_MSHIP_CONNECTED) {
		rc = store_mentorship_move(b->store, id, STORE_MSHIP_CONNECTED,
		    STORE_MSHIP_OFFICIAL, NULL, NULL);
		/* Both hear it, each of the other. */
		if (rc == 0)
			rc = notify_send(b, viewer->user_id,
			    NOTIFY_MENTORSHIP_OFFICIAL, v.m.mentee_id, id,
			    NULL);
		if (rc == 0 && v.m.mentee_id != 0)
			rc = notify_send(b, v.m.mentee_id,
			    NOTIFY_MENTORSHIP_OFFICIAL, viewer->user_id, id,
			    NULL);
	}
	if (rc == 0 && v.m.mentee_id != 0) {
		(void)snprintf(words, sizeof(words), "%d", number);
		rc = notify_send(b, v.m.mentee_id, NOTIFY_AGREEMENT_APPROVED,
		    viewer->user_id, id, words);
	}
	if (rc == 0)
		agreement_news(b, &v);
	return agreement_end(b, &v, rc);
}

int
agreement_request_changes(struct board *b, const struct viewer *viewer,
    int64_t id, const char *comment, const char **why)
{
	struct agreement_view v;
	int rc;

	if (comment == NULL || comment[strspn(comment, " \t\n")] == '\0') {
		*why = _("say what should change");
		return MB_ERR_INVALID;
	}
	if (text_check_block(comment, AGREEMENT_COMMENT_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = agreement_begin(b, viewer, id, AGREEMENT_REQUEST_CHANGES, &v, why);
	if (rc != 0)
		return rc;
	if (v.state == AGREEMENT_PENDING)
		rc = store_agreement_decide(
		    b->store, id, v.latest, "changes-requested");
	else if (v.in_force == 0) {
		*why = _("there is nothing submitted to comment on yet");
		rc = MB_ERR_DENIED;
	}
	if (rc == 0)
		rc = store_agreement_comment_add(b->store, id,
		    v.state == AGREEMENT_PENDING ? v.latest : v.in_force,
		    viewer->user_id, comment);
	if (rc == 0 && v.m.mentee_id != 0)
		rc = notify_send(b, v.m.mentee_id, NOTIFY_AGREEMENT_CHANGES,
		    viewer->user_id, id, comment);
	if (rc == 0)
		agreement_news(b, &v);
	return agreement_end(b, &v, rc);
}

int
agreement_diff(struct board *b, const struct viewer *viewer, int64_t id, int a,
    int b_number, char **out, const char **why)
{
	struct agreement_view v;
	const struct store_agreement_version *va = NULL, *vb = NULL;
	char *ta = NULL, *tb = NULL, na[32], nb[32];
	int rc;

	*out = NULL;
	rc = agreement_view(b, viewer, id, &v);
	if (rc != 0) {
		*why = _("there is no such mentorship of yours");
		return rc;
	}
	va = agreement_version(&v, a);
	vb = agreement_version(&v, b_number);
	if (va == NULL || vb == NULL) {
		(void)snprintf(agreement_why_buf, sizeof(agreement_why_buf),
		    _("there is no version %d"), va == NULL ? a : b_number);
		*why = agreement_why_buf;
		agreement_view_free(&v);
		return MB_ERR_NOTFOUND;
	}
	ta = agreement_render(&va->text, 0);
	tb = agreement_render(&vb->text, 0);
	(void)snprintf(na, sizeof(na), _("version %d"), a);
	(void)snprintf(nb, sizeof(nb), _("version %d"), b_number);
	rc = diff_unified(ta, tb, na, nb, out);
	if (rc != 0)
		*why = _("the versions are too long to compare");
	free(ta);
	free(tb);
	agreement_view_free(&v);
	return rc;
}
