/*
 * scr_agreement_edit: the mentee writes the agreement, one section at a
 * time (Tab and Shift-Tab move between them), each with what it is for
 * and an example.  The draft is saved as typed: every
 * AGREEMENT_AUTOSAVE_MS while typing, when typing stops, on Ctrl-S, and
 * when the screen closes (q, a dropped connection); a resize only lays
 * the text out again.  Submitting is the agreement screen's s.
 *
 * scr_agreement_comment: the mentor writes what should change; Ctrl-S
 * sends it to the mentee.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "editor.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "screens.h"
#include "util.h"

struct agreement_edit_state {
	int64_t id;
	struct editor ed[STORE_AGREEMENT_NSECTIONS];
	int section;
	long long saved_ms; /* when the draft was last saved */
	char result[256];
	enum ui_style result_style;
};

/* Save every section (if any changed); the result shows on the last row. */
static int
agreement_edit_save(struct ui *ui, struct agreement_edit_state *es)
{
	struct store_agreement_text t;
	const char *why = NULL;
	int i, dirty = 0, bad = -1, rc;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
		dirty |= es->ed[i].dirty;
	if (!dirty)
		return 0;
	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
		t.section[i] = editor_text(&es->ed[i]);
	rc = agreement_save_draft(
	    &ui->app->board, &ui->app->viewer, es->id, &t, &bad, &why);
	store_agreement_text_free(&t);
	es->saved_ms = util_now_ms();
	if (rc != 0) {
		/* The text stays here, as typed: nothing is lost. */
		(void)snprintf(es->result, sizeof(es->result), "%s%s%s: %s",
		    _("Not saved"), bad >= 0 ? " " : "",
		    bad >= 0 ? _(agreement_section_title(bad)) : "",
		    why != NULL ? why : _("please try again"));
		es->result_style = UI_ERROR;
		log_warn("agreement %lld: draft not saved: %s",
		    (long long)es->id, why != NULL ? why : mb_strerror(rc));
		return rc;
	}
	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
		es->ed[i].dirty = 0;
	(void)snprintf(es->result, sizeof(es->result), "%s",
	    _("Draft saved. The agreement screen's s sends it to your "
	      "mentor."));
	es->result_style = UI_OK;
	return 0;
}

static int
agreement_edit_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct agreement_edit_state *es = NULL;
	const struct store_agreement_text *t = NULL;
	struct agreement_view v;
	char *end = NULL;
	long long id = arg->id;
	int i;

	if (id == 0 && arg->text != NULL)
		id = strtoll(arg->text, &end, 10);
	if (agreement_view(&ui->app->board, &ui->app->viewer, id, &v) != 0) {
		ui_message(ui, UI_ERROR,
		    _("There is no mentorship #%lld of yours."), id);
		return MB_ERR_NOTFOUND;
	}
	if (!agreement_may(AGREEMENT_EDIT, v.m.state, v.party)) {
		ui_message(ui, UI_ERROR, "%s",
		    v.m.state == STORE_MSHIP_ENDED ?
			_("This mentorship has ended: its agreement can be "
			  "read, not changed.") :
			_("The mentee writes the agreement; you approve it or "
			  "ask for changes."));
		agreement_view_free(&v);
		return MB_ERR_DENIED;
	}
	es = xcalloc(1, sizeof(*es));
	es->id = id;
	t = agreement_working_text(&v);
	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
		editor_init(&es->ed[i], t->section[i], AGREEMENT_SECTION_MAX);
	agreement_view_free(&v);
	es->saved_ms = util_now_ms();
	*state = es;
	return 0;
}

static void
agreement_edit_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct agreement_edit_state *es = state;
	char head[256];
	int rows, cols;

	getmaxyx(win, rows, cols);
	(void)snprintf(head, sizeof(head), _("Section %d of %d: %s"),
	    es->section + 1, STORE_AGREEMENT_NSECTIONS,
	    _(agreement_section_title(es->section)));
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, head, cols - 2);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)wmove(win, 1, 1);
	(void)ui_put(win, _(agreement_section_help(es->section)), cols - 2);
	(void)snprintf(head, sizeof(head), _("For example: %s"),
	    _(agreement_section_example(es->section)));
	(void)wmove(win, 2, 1);
	(void)ui_put(win, head, cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 3, 0);
	(void)whline(win, ACS_HLINE, cols);
	editor_draw(ui, &es->ed[es->section], win, 4, 1, rows - 5, cols - 2);
	(void)wmove(win, rows - 1, 1);
	(void)wattrset(win, ui_attr(ui, es->result_style));
	(void)ui_put(win, es->result, cols - 2);
	(void)wattrset(win, A_NORMAL);
}

static enum ui_result
agreement_edit_key(struct ui *ui, void *state, struct ui_key key)
{
	struct agreement_edit_state *es = state;
	struct editor *e = &es->ed[es->section];

	if (!e->pasting && !key.is_function && key.ch == '\t') {
		es->section = (es->section + 1) % STORE_AGREEMENT_NSECTIONS;
		return UI_HANDLED;
	}
	if (!e->pasting && key.is_function && key.ch == KEY_BTAB) {
		es->section = (es->section + STORE_AGREEMENT_NSECTIONS - 1) %
		    STORE_AGREEMENT_NSECTIONS;
		return UI_HANDLED;
	}
	switch (editor_key(e, key)) {
	case EDITOR_SAVE:
		(void)agreement_edit_save(ui, es);
		return UI_HANDLED;
	case EDITOR_USED:
		if (e->paste_refused > 0) {
			ui_message(ui, UI_ERROR,
			    _("Not pasted: that is %ld characters, and a "
			      "section holds %d."),
			    e->paste_refused, AGREEMENT_SECTION_MAX);
			e->paste_refused = 0;
		}
		if (util_now_ms() - es->saved_ms >= AGREEMENT_AUTOSAVE_MS)
			(void)agreement_edit_save(ui, es);
		return UI_HANDLED;
	case EDITOR_IGNORED:
		break;
	}
	/* In the editor, q is a letter: only Esc (and F1) reach the UI. */
	if (!key.is_function && key.ch != UI_KEY_ESC)
		return UI_HANDLED;
	return UI_UNHANDLED;
}

/* Typing stopped: what was typed is saved. */
static int
agreement_edit_tick(struct ui *ui, void *state)
{
	struct agreement_edit_state *es = state;
	int i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++) {
		if (es->ed[i].dirty) {
			(void)agreement_edit_save(ui, es);
			return 1;
		}
	}
	return 0;
}

/* Leaving, or the connection dropped: the draft is saved. */
static void
agreement_edit_close_ui(struct ui *ui, void *state)
{
	(void)agreement_edit_tick(ui, state);
}

static void
agreement_edit_close(void *state)
{
	struct agreement_edit_state *es = state;
	int i;

	for (i = 0; i < STORE_AGREEMENT_NSECTIONS; i++)
		editor_free(&es->ed[i]);
	free(es);
}

const struct screen scr_agreement_edit = {
	.name = "agreement-edit",
	.title = N_("Write the agreement"),
	.help = N_("Write down what you agreed, section by section; your "
		   "draft is saved as you type. Submit it on the agreement "
		   "screen (s).\n"
		   "  Tab, Shift-Tab  the next, the previous section\n"
		   "  Arrows, Home, End, PgUp, PgDn  move\n"
		   "  Enter           a new line\n"
		   "  Ctrl-Z          undo the last change\n"
		   "  Ctrl-S          save now\n"
		   "  Esc             back"),
	.keys = N_("Tab next section  Ctrl-S save  Esc back  F1 help"),
	.open = agreement_edit_open,
	.draw = agreement_edit_draw,
	.key = agreement_edit_key,
	.close = agreement_edit_close,
	.tick = agreement_edit_tick,
	.leave = agreement_edit_close_ui,
};

/* ---- The mentor's comment ------------------------------------------------ */

struct agreement_comment_state {
	int64_t id;
	struct editor ed;
};

static int
agreement_comment_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct agreement_comment_state *cs = xcalloc(1, sizeof(*cs));

	(void)ui;
	cs->id = arg->id;
	editor_init(&cs->ed, "", AGREEMENT_COMMENT_MAX);
	*state = cs;
	return 0;
}

static void
agreement_comment_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct agreement_comment_state *cs = state;
	int rows, cols;

	getmaxyx(win, rows, cols);
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win,
	    _("What should change? You may suggest words; the mentee "
	      "writes the next version."),
	    cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 1, 0);
	(void)whline(win, ACS_HLINE, cols);
	editor_draw(ui, &cs->ed, win, 2, 1, rows - 2, cols - 2);
}

static enum ui_result
agreement_comment_key(struct ui *ui, void *state, struct ui_key key)
{
	struct agreement_comment_state *cs = state;
	const char *why = NULL;
	char *text = NULL;
	int rc;

	switch (editor_key(&cs->ed, key)) {
	case EDITOR_SAVE:
		text = editor_text(&cs->ed);
		rc = agreement_request_changes(
		    &ui->app->board, &ui->app->viewer, cs->id, text, &why);
		free(text);
		if (rc != 0) {
			ui_message(ui, UI_ERROR, "%s: %s", _("Not sent"),
			    why != NULL ? why : _("please try again"));
			return UI_HANDLED;
		}
		ui_message(
		    ui, UI_OK, "%s", _("Sent: the mentee reads what you ask."));
		return UI_BACK;
	case EDITOR_USED:
		return UI_HANDLED;
	case EDITOR_IGNORED:
		break;
	}
	if (!key.is_function && key.ch != UI_KEY_ESC)
		return UI_HANDLED;
	return UI_UNHANDLED;
}

static int
agreement_comment_dirty(void *state)
{
	return ((struct agreement_comment_state *)state)->ed.dirty;
}

static void
agreement_comment_close(void *state)
{
	struct agreement_comment_state *cs = state;

	editor_free(&cs->ed);
	free(cs);
}

const struct screen scr_agreement_comment = {
	.name = "agreement-comment",
	.title = N_("Ask for changes"),
	.help = N_("Say what should change in the agreement; Ctrl-S sends it "
		   "to the mentee, who writes a new version."),
	.keys = N_("Ctrl-S send  Esc back  F1 help"),
	.open = agreement_comment_open,
	.draw = agreement_comment_draw,
	.key = agreement_comment_key,
	.close = agreement_comment_close,
	.dirty = agreement_comment_dirty,
};
