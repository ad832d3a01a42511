/*
 * agreement: the mentoring agreement (step 5 of the programme).  Once a
 * mentor accepted a request, the mentee writes down what the two agreed
 * at their first meeting, section by section, and submits it; the mentor
 * approves it or asks for changes with a comment.  Every submitted text
 * is a version, kept for good with a SHA-256 of its text; the newest
 * approved version is in force until a newer one is approved, and the
 * first approval makes the mentorship official.  Either side may end a
 * mentorship (common/ending.c).
 *
 * Who may do what in which state of the mentorship is one table
 * (agreement_may); each action is checked and written in one
 * transaction, so that an approval of a version superseded meanwhile, or
 * two approvals at once, are decided there.  Nobody outside the two reads
 * anything of it; the mentor never sees the mentee's draft.
 */
#ifndef MB_AGREEMENT_H
#define MB_AGREEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define AGREEMENT_SECTION_MAX 4000 /* characters of a section */
#define AGREEMENT_SECTION_LINES_MAX 200 /* lines of a section */
#define AGREEMENT_COMMENT_MAX 2000 /* characters of a mentor's comment */
#define AGREEMENT_VERSIONS_MAX 200 /* versions of one agreement */
#define AGREEMENT_AUTOSAVE_MS 3000 /* the editor saves a draft this often */

/* Where an agreement stands, as `agreement show` says it. */
enum agreement_state {
	AGREEMENT_NONE, /* nothing written yet */
	AGREEMENT_DRAFT, /* the mentee is writing (or was asked to change) */
	AGREEMENT_PENDING, /* submitted, waiting for the mentor */
	AGREEMENT_APPROVED, /* a version in force, nothing newer pending */
};

/* What is done to an agreement or its mentorship. */
enum agreement_action {
	AGREEMENT_READ,
	AGREEMENT_EDIT, /* the draft */
	AGREEMENT_SUBMIT,
	AGREEMENT_APPROVE,
	AGREEMENT_REQUEST_CHANGES,
	AGREEMENT_END, /* the mentorship */
	AGREEMENT_NACTIONS,
};

/* Who: the REQUEST_BY_* of common/request.h. */

/* May party take action while the mentorship is in state s? */
int agreement_may(
    enum agreement_action action, enum store_mship_state s, unsigned party);

const char *agreement_state_word(enum agreement_state s);

/* A section: its word ("goals"), title, what it is for, an example
 * (N_() strings but the word). */
const char *agreement_section_word(enum store_agreement_section s);
const char *agreement_section_title(enum store_agreement_section s);
const char *agreement_section_help(enum store_agreement_section s);
const char *agreement_section_example(enum store_agreement_section s);
int agreement_section_parse(
    const char *word, enum store_agreement_section *out);

/*
 * The text of an agreement as both read it: each section under its title
 * (translated when translate is set).  The hash and the diff are of the
 * untranslated text, so that they are the same in every language.  The
 * caller frees it.
 */
char *agreement_render(const struct store_agreement_text *t, int translate);

/* The SHA-256 of the untranslated rendering, in hex. */
void agreement_sha256(
    const struct store_agreement_text *t, char out[STORE_SHA256_HEX]);

/* An agreement as one of its two sees it. */
struct agreement_view {
	struct store_mentorship m;
	unsigned party; /* REQUEST_BY_MENTOR or REQUEST_BY_MENTEE */
	enum agreement_state state;
	int in_force; /* the approved version in force, or 0 */
	int latest; /* the newest version, or 0 */
	struct store_agreement_version *versions; /* oldest first */
	size_t nversions;
	struct store_agreement_comment *comments; /* oldest first */
	size_t ncomments;
	/* The mentee's draft: for the mentee only. */
	int has_draft;
	struct store_agreement_text draft;
};

/*
 * The agreement of mentorship id, for one of its two once the request
 * was accepted.  MB_ERR_NOTFOUND for anyone else (nothing is told).  The
 * caller frees it (agreement_view_free).
 */
int agreement_view(struct board *b, const struct viewer *viewer, int64_t id,
    struct agreement_view *out);
void agreement_view_free(struct agreement_view *v);

/* The same for the mentoring team (party REQUEST_BY_TEAM; no draft). */
int agreement_view_team(
    struct board *b, int64_t id, struct agreement_view *out);

/* Version number of v, or NULL. */
const struct store_agreement_version *agreement_version(
    const struct agreement_view *v, int number);

/* The text the mentee has in hand: the draft, or else the newest version,
 * or else empty sections.  Not to be freed; valid while v is. */
const struct store_agreement_text *agreement_working_text(
    const struct agreement_view *v);

/* The mentee saves one section of the draft.  0, or MB_ERR_* with *why. */
int agreement_set(struct board *b, const struct viewer *viewer, int64_t id,
    enum store_agreement_section section, const char *text, const char **why);

/*
 * The mentee saves the whole draft t (the editor does, as they type).
 * 0, or MB_ERR_* with *why (and *bad the section refused, or -1).
 */
int agreement_save_draft(struct board *b, const struct viewer *viewer,
    int64_t id, const struct store_agreement_text *t, int *bad,
    const char **why);

/* Check one section's text: 0, or MB_ERR_INVALID with *why. */
int agreement_check_section(const char *text, const char **why);

/*
 * The mentee submits the draft as a new version (*number), pending; an
 * older pending version is superseded; the mentor is notified.  Refused
 * when nothing changed since the newest version or the goals are empty.
 */
int agreement_submit(struct board *b, const struct viewer *viewer, int64_t id,
    int *number, const char **why);

/*
 * The mentor approves version number (0: the newest pending one), which
 * must be pending and the newest; the first approval makes the
 * mentorship official.  0, or MB_ERR_* with *why.
 */
int agreement_approve(struct board *b, const struct viewer *viewer, int64_t id,
    int number, const char **why);

/*
 * The mentor asks for changes, with a comment: a pending version is sent
 * back; with none pending, the comment proposes a change to the one in
 * force.  The mentee is notified.
 */
int agreement_request_changes(struct board *b, const struct viewer *viewer,
    int64_t id, const char *comment, const char **why);

/*
 * The line diff between versions a and b_number (unified, the
 * untranslated text) into *out, which the caller frees.  0, or
 * MB_ERR_NOTFOUND with *why.
 */
int agreement_diff(struct board *b, const struct viewer *viewer, int64_t id,
    int a, int b_number, char **out, const char **why);

#endif
