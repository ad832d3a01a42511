/*
 * scr_agreement: "Mentoring agreements", one line per mentorship (from My
 * profile, or `agreement` without an id), and one agreement: where it
 * stands, its text (the version in force, the newest, or the mentee's
 * draft: v switches), the mentor's comments, and the keys of whoever
 * reads it: the mentee edits (e) and submits (s), the mentor approves (a)
 * or asks for changes (c); both see the history (h), end the mentorship
 * (x) and, after an official one, read their certificate (f).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "ending.h"
#include "error.h"
#include "i18n.h"
#include "request.h"
#include "screens.h"
#include "util.h"
#include "widget.h"

/* ---- The list ------------------------------------------------------------ */

struct agreements_state {
	struct store_mentorship *rows; /* only those with an agreement */
	size_t n;
	int selected;
	int read;
};

static void
agreements_reload(struct ui *ui, struct agreements_state *as)
{
	struct store_mentorship *all = NULL;
	size_t n = 0, i;

	store_mentorship_rows_free(as->rows, as->n);
	as->rows = NULL;
	as->n = 0;
	as->read =
	    request_list(&ui->app->board, &ui->app->viewer, &all, &n) == 0;
	as->rows = xcalloc(n + 1, sizeof(*as->rows));
	for (i = 0; i < n; i++) {
		if (all[i].state == STORE_MSHIP_CONNECTED ||
		    all[i].state == STORE_MSHIP_OFFICIAL ||
		    all[i].state == STORE_MSHIP_ENDED) {
			as->rows[as->n++] = all[i];
			memset(&all[i], 0, sizeof(all[i]));
		}
	}
	store_mentorship_rows_free(all, n);
	if (as->selected >= (int)as->n)
		as->selected = as->n > 0 ? (int)as->n - 1 : 0;
}

/* The other of the two in m, as the viewer reads the name. */
static void
agreement_other_name(const struct ui *ui, const struct store_mentorship *m,
    char *out, size_t size)
{
	if (m->mentor_id == ui->app->viewer.user_id)
		cmd_party_name(
		    m->mentee_first, m->mentee_last, m->mentee_id, out, size);
	else
		cmd_party_name(
		    m->mentor_first, m->mentor_last, m->mentor_id, out, size);
}

static int
agreements_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct agreements_state *as = xcalloc(1, sizeof(*as));

	(void)arg;
	agreements_reload(ui, as);
	*state = as;
	return 0;
}

static void
agreements_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct agreements_state *as = state;
	char other[DISPLAY_NAME_MAX], line[512], since[32];
	int rows, cols, i, y = 1;

	getmaxyx(win, rows, cols);
	if (!as->read || as->n == 0) {
		(void)wmove(win, 1, 2);
		(void)ui_put(win,
		    as->read ? _("No mentorships yet: when a mentor accepts a "
				 "request, the agreement is written here.") :
			       _("Your mentorships cannot be read just now."),
		    cols - 4);
		return;
	}
	for (i = 0; i < (int)as->n && y < rows - 1; i++, y++) {
		const struct store_mentorship *m = &as->rows[i];

		agreement_other_name(ui, m, other, sizeof(other));
		cmd_date(m->official_since, since, sizeof(since));
		(void)snprintf(line, sizeof(line),
		    "#%-5lld %-18s %-8s %-14s %s", (long long)m->id, other,
		    m->mentor_id == ui->app->viewer.user_id ? _("mentee") :
							      _("mentor"),
		    m->area,
		    m->state == STORE_MSHIP_OFFICIAL  ? since :
			m->state == STORE_MSHIP_ENDED ? _("ended") :
							_("not yet official"));
		(void)wmove(win, y, 1);
		if (i == as->selected)
			ui_set_focus(ui, win, y, 2);
		(void)wattrset(win,
		    i == as->selected ? ui_attr(ui, UI_SELECTED) : A_NORMAL);
		(void)whline(win, ' ', cols - 2);
		(void)wmove(win, y, 2);
		(void)ui_put(win, line, cols - 4);
		(void)wattrset(win, A_NORMAL);
	}
}

static enum ui_result
agreements_key(struct ui *ui, void *state, struct ui_key key)
{
	struct agreements_state *as = state;

	if (key.is_function && key.ch == KEY_UP && as->selected > 0) {
		as->selected--;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_DOWN &&
	    as->selected + 1 < (int)as->n) {
		as->selected++;
		return UI_HANDLED;
	}
	if (ui_key_enter(key) && as->n > 0) {
		(void)ui_push_id(ui, &scr_agreement, as->rows[as->selected].id);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void
agreements_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	if (news->kind == STORE_NEWS_REQUEST || news->kind == STORE_NEWS_ANY)
		agreements_reload(ui, state);
}

static void
agreements_close(void *state)
{
	struct agreements_state *as = state;

	store_mentorship_rows_free(as->rows, as->n);
	free(as);
}

const struct screen scr_agreements = {
	.name = "agreements",
	.title = N_("Mentoring agreements"),
	.help = N_("Your mentorships, each with its mentoring agreement: "
		   "what you agreed at the first meeting, written by the "
		   "mentee and approved by the mentor.\n"
		   "  Up/Down   choose\n"
		   "  Enter     open the agreement"),
	.keys = N_("Enter open  ? help  q back"),
	.open = agreements_open,
	.draw = agreements_draw,
	.key = agreements_key,
	.close = agreements_close,
	.update = agreements_update,
};

/* ---- One agreement ------------------------------------------------------- */

/* What the text below shows. */
enum agreement_shows {
	SHOWS_IN_FORCE,
	SHOWS_NEWEST,
	SHOWS_DRAFT,
};

struct agreement_scr {
	int64_t id;
	struct agreement_view v;
	int read;
	enum agreement_shows shows;
	int shown; /* the version shown, 0 for the draft or nothing */
	struct textview text;
	int text_rows;
};

/* The text to show, and what it is, from v and what was asked. */
static void
agreement_show(struct agreement_scr *as)
{
	const struct store_agreement_version *ver = NULL;
	const struct store_agreement_text *t = NULL;
	char *body = NULL, *all = NULL, *more = NULL, when[32];
	size_t i;

	if (as->shows == SHOWS_DRAFT && !as->v.has_draft)
		as->shows = SHOWS_NEWEST;
	if (as->shows == SHOWS_IN_FORCE && as->v.in_force == 0)
		as->shows = SHOWS_NEWEST;
	as->shown = as->shows == SHOWS_DRAFT ? 0 :
	    as->shows == SHOWS_IN_FORCE	     ? as->v.in_force :
					       as->v.latest;
	ver = agreement_version(&as->v, as->shown);
	t = ver != NULL ? &ver->text : &as->v.draft;
	if (ver == NULL && as->shows != SHOWS_DRAFT)
		as->shown = 0;
	body = agreement_render(t, 1);
	all = xasprintf("%s", body);
	for (i = 0; i < as->v.ncomments; i++) {
		cmd_date(as->v.comments[i].at, when, sizeof(when));
		more =
		    xasprintf(_("%s%s# The mentor asks (version %d, %s)\n%s\n"),
			all, i == 0 ? "\n" : "", as->v.comments[i].version,
			when, as->v.comments[i].body);
		free(all);
		all = more;
	}
	textview_set(&as->text, all);
	free(all);
	free(body);
}

static void
agreement_reload(struct ui *ui, struct agreement_scr *as)
{
	agreement_view_free(&as->v);
	as->read = agreement_view(
		       &ui->app->board, &ui->app->viewer, as->id, &as->v) == 0;
	if (as->read)
		agreement_show(as);
}

static int
agreement_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct agreement_scr *as = NULL;
	char *end = NULL;
	long long id = arg->id;

	if (id == 0 && arg->text != NULL) {
		id = strtoll(
		    arg->text[0] == '#' ? arg->text + 1 : arg->text, &end, 10);
		if (end == arg->text || *end != '\0')
			id = 0;
	}
	if (id <= 0)
		return ui_replace(ui, &scr_agreements, NULL);
	as = xcalloc(1, sizeof(*as));
	as->id = id;
	agreement_reload(ui, as);
	if (!as->read) {
		free(as);
		ui_message(ui, UI_ERROR,
		    _("There is no mentorship #%lld of yours."), id);
		return MB_ERR_NOTFOUND;
	}
	/* The mentor starts at what waits for them, the mentee at what
	 * they are writing. */
	as->shows = as->v.state == AGREEMENT_PENDING ? SHOWS_NEWEST :
	    as->v.has_draft			     ? SHOWS_DRAFT :
						       SHOWS_IN_FORCE;
	agreement_show(as);
	*state = as;
	return 0;
}

/* A sentence on where the agreement stands, for the one who reads it. */
static const char *
agreement_where(const struct agreement_scr *as)
{
	int mentor = as->v.party == REQUEST_BY_MENTOR;

	if (as->v.m.state == STORE_MSHIP_ENDED)
		return _("This mentorship has ended; its agreement stays "
			 "readable.");
	switch (as->v.state) {
	case AGREEMENT_NONE:
		return mentor ? _("The mentee has not written the agreement "
				  "yet.") :
				_("Write down what you agreed at the first "
				  "meeting: e to edit.");
	case AGREEMENT_DRAFT:
		return mentor ? _("The mentee is writing a version.") :
				_("Your draft is not submitted: s sends it to "
				  "your mentor.");
	case AGREEMENT_PENDING:
		return mentor ? _("A version waits for you: a approves it, c "
				  "asks for changes.") :
				_("Your mentor has it: you hear when they "
				  "answer.");
	case AGREEMENT_APPROVED:
		return _("Agreed by both. A change is approved again.");
	}
	return "";
}

/* The keys of whoever reads, in this state. */
static void
agreement_keys(const struct agreement_scr *as, char *out, size_t size)
{
	enum store_mship_state s = as->v.m.state;
	unsigned p = as->v.party;

	(void)snprintf(out, size, "%s%s%s%s%s%s%s",
	    agreement_may(AGREEMENT_EDIT, s, p) ? _("e edit  ") : "",
	    agreement_may(AGREEMENT_SUBMIT, s, p) &&
		    as->v.state == AGREEMENT_DRAFT ?
		_("s submit  ") :
		"",
	    agreement_may(AGREEMENT_APPROVE, s, p) &&
		    as->v.state == AGREEMENT_PENDING ?
		_("a approve  ") :
		"",
	    agreement_may(AGREEMENT_REQUEST_CHANGES, s, p) ?
		_("c ask for changes  ") :
		"",
	    _("v other version  h history  "),
	    agreement_may(AGREEMENT_END, s, p) ? _("x end mentorship") : "",
	    s == STORE_MSHIP_ENDED ? _("f certificate") : "");
}

static void
agreement_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct agreement_scr *as = state;
	const struct store_agreement_version *ver = NULL;
	char other[DISPLAY_NAME_MAX], line[512], since[32], keys[256];
	int rows, cols;

	getmaxyx(win, rows, cols);
	agreement_other_name(ui, &as->v.m, other, sizeof(other));
	cmd_date(as->v.m.official_since, since, sizeof(since));
	if (as->v.m.official_since != 0)
		(void)snprintf(line, sizeof(line),
		    _("With %s, %s: officially a mentorship since %s"), other,
		    as->v.m.area, since);
	else
		(void)snprintf(
		    line, sizeof(line), _("With %s, %s"), other, as->v.m.area);
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, line, cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 1, 1);
	(void)ui_put(win, agreement_where(as), cols - 2);
	ver = agreement_version(&as->v, as->shown);
	if (ver != NULL)
		(void)snprintf(line, sizeof(line),
		    _("Version %d (%s%s), SHA-256 %.16s..."), ver->number,
		    ver->state,
		    ver->number == as->v.in_force ? _(", in force") : "",
		    ver->sha256);
	else
		(void)snprintf(line, sizeof(line), "%s",
		    as->v.has_draft ? _("Your draft (not submitted)") :
				      _("Nothing submitted yet"));
	(void)wmove(win, 2, 1);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win, line, cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 3, 0);
	(void)whline(win, ACS_HLINE, cols);
	as->text_rows = rows - 6;
	textview_draw(ui, &as->text, win, 4, 1, as->text_rows, cols - 2);
	(void)wmove(win, rows - 2, 0);
	(void)whline(win, ACS_HLINE, cols);
	agreement_keys(as, keys, sizeof(keys));
	(void)wmove(win, rows - 1, 1);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win, keys, cols - 2);
	(void)wattrset(win, A_NORMAL);
}

/* Submit, approve: done here; the result in a message. */
static void
agreement_act(struct ui *ui, struct agreement_scr *as, int approve)
{
	const char *why = NULL;
	int number = 0, rc;

	if (approve && as->shown != as->v.latest) {
		/* Approve what one has read: the newest first. */
		as->shows = SHOWS_NEWEST;
		agreement_show(as);
		ui_message(ui, UI_OK, "%s",
		    _("This is the version waiting for you: a again approves "
		      "it."));
		return;
	}
	if (approve)
		rc = agreement_approve(
		    &ui->app->board, &ui->app->viewer, as->id, as->shown, &why);
	else
		rc = agreement_submit(
		    &ui->app->board, &ui->app->viewer, as->id, &number, &why);
	if (rc != 0)
		ui_message(ui, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
	else if (approve)
		ui_message(
		    ui, UI_OK, "%s", _("Approved: this version is in force."));
	else
		ui_message(ui, UI_OK,
		    _("Version %d sent to your mentor for approval."), number);
	agreement_reload(ui, as);
}

/* v: the next of in force, newest and draft that shows something else. */
static void
agreement_next(struct agreement_scr *as)
{
	int was = as->shown, was_draft = as->shows == SHOWS_DRAFT, i;

	for (i = 0; i < SHOWS_DRAFT + 1; i++) {
		as->shows = (as->shows + 1) % (SHOWS_DRAFT + 1);
		agreement_show(as);
		if (as->shown != was || (as->shows == SHOWS_DRAFT) != was_draft)
			return;
	}
}

static enum ui_result
agreement_key(struct ui *ui, void *state, struct ui_key key)
{
	struct agreement_scr *as = state;
	enum store_mship_state s = as->v.m.state;
	unsigned p = as->v.party;
	struct store_certificate c;

	if (textview_key(&as->text, key, as->text_rows))
		return UI_HANDLED;
	if (key.is_function)
		return UI_UNHANDLED;
	switch (key.ch) {
	case 'v':
		agreement_next(as);
		return UI_HANDLED;
	case 'h':
		(void)ui_push_id(ui, &scr_agreement_history, as->id);
		return UI_HANDLED;
	case 'e':
		if (agreement_may(AGREEMENT_EDIT, s, p))
			(void)ui_push_id(ui, &scr_agreement_edit, as->id);
		return UI_HANDLED;
	case 's':
		if (agreement_may(AGREEMENT_SUBMIT, s, p))
			agreement_act(ui, as, 0);
		return UI_HANDLED;
	case 'a':
		if (agreement_may(AGREEMENT_APPROVE, s, p))
			agreement_act(ui, as, 1);
		return UI_HANDLED;
	case 'c':
		if (agreement_may(AGREEMENT_REQUEST_CHANGES, s, p))
			(void)ui_push_id(ui, &scr_agreement_comment, as->id);
		return UI_HANDLED;
	case 'x':
		if (agreement_may(AGREEMENT_END, s, p))
			(void)ui_push_id(ui, &scr_mentorship_end, as->id);
		return UI_HANDLED;
	case 'f':
		if (certificate_get(
			&ui->app->board, &ui->app->viewer, as->id, &c) == 0)
			(void)ui_push_id(ui, &scr_certificate, as->id);
		else
			ui_message(ui, UI_ERROR, "%s",
			    _("A certificate comes when an official "
			      "mentorship ends."));
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void
agreement_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	struct agreement_scr *as = state;

	if ((news->kind == STORE_NEWS_REQUEST && news->object_id == as->id) ||
	    news->kind == STORE_NEWS_ANY)
		agreement_reload(ui, as);
}

static void
agreement_close(void *state)
{
	struct agreement_scr *as = state;

	if (as == NULL)
		return;
	agreement_view_free(&as->v);
	textview_free(&as->text);
	free(as);
}

const struct screen scr_agreement = {
	.name = "agreement",
	.title = N_("Mentoring agreement"),
	.help = N_("The mentoring agreement: what mentor and mentee agreed "
		   "at their first meeting. The mentee writes it and submits "
		   "it; the mentor approves it or asks for changes. Every "
		   "submitted text is a version, kept for good; the newest "
		   "approved one is in force.\n"
		   "  v    the version in force, the newest, your draft\n"
		   "  e    edit (the mentee)       s  submit (the mentee)\n"
		   "  a    approve (the mentor)    c  ask for changes\n"
		   "  h    every version, and what changed\n"
		   "  x    end the mentorship      f  the certificate"),
	.keys = N_("PgDn more  ? help  q back"),
	.open = agreement_open,
	.draw = agreement_draw,
	.key = agreement_key,
	.close = agreement_close,
	.update = agreement_update,
};
