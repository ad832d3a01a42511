/*
 * scr_edit: a long text of one's profile in the editor: one section of the
 * application (arg->index, an enum store_section) or the mentor's "how I
 * can help" (SCR_EDIT_HELP_TEXT).
 * Ctrl-S saves through the profile rules; leaving with unsaved changes
 * asks first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "error.h"
#include "i18n.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "util.h"

struct edit_state {
	struct editor ed;
	int section; /* or SCR_EDIT_HELP_TEXT */
	char heading[128];
};

/*
 * arg->index is the text: a section of the application, or
 * SCR_EDIT_HELP_TEXT; anything else is MB_ERR_INVALID.
 */
static int
edit_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct edit_state *es = xcalloc(1, sizeof(*es));
	struct store_application a;
	struct store_mentor m;
	int rc;

	if (arg->index < 0 || arg->index > SCR_EDIT_HELP_TEXT) {
		free(es);
		return MB_ERR_INVALID;
	}
	es->section = arg->index;
	if (es->section != SCR_EDIT_HELP_TEXT) {
		rc = store_application_get(
		    ui->app->store, ui->app->viewer.user_id, &a);
		if (rc != 0) {
			free(es);
			return rc;
		}
		editor_init(&es->ed, a.text[es->section], SECTION_MAX);
		store_application_free(&a);
		(void)snprintf(es->heading, sizeof(es->heading), "%s",
		    _(profile_section_title((enum store_section)es->section)));
	} else {
		rc = store_mentor_get(
		    ui->app->store, ui->app->viewer.user_id, &m);
		if (rc != 0) {
			free(es);
			return rc;
		}
		editor_init(&es->ed, m.help_text, HELP_TEXT_MAX);
		store_mentor_free(&m);
		(void)snprintf(es->heading, sizeof(es->heading), "%s",
		    _("How I can help"));
	}
	*state = es;
	return 0;
}

static void
edit_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct edit_state *es = state;
	int rows, cols;

	getmaxyx(win, rows, cols);
	(void)wmove(win, 0, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, es->heading, cols - 4);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 1, 2);
	(void)whline(win, ACS_HLINE, cols - 4);
	editor_draw(ui, &es->ed, win, 2, 2, rows - 2, cols - 4);
}

/* Save through the rules; returns 0 or shows why not. */
static int
edit_save(struct ui *ui, struct edit_state *es)
{
	struct profile_errors e;
	struct store_mentor m;
	const char *why = NULL;
	char *text = editor_text(&es->ed);
	int rc;

	if (es->section != SCR_EDIT_HELP_TEXT)
		rc = profile_section_save(&ui->app->board,
		    ui->app->viewer.user_id, (enum store_section)es->section,
		    text, &why);
	else {
		rc = store_mentor_get(
		    ui->app->store, ui->app->viewer.user_id, &m);
		if (rc == 0) {
			free(m.help_text);
			m.help_text = text;
			text = NULL;
			rc = profile_mentor_save(
			    &ui->app->board, ui->app->viewer.user_id, &m, &e);
			why = e.why[PROFILE_HELP_TEXT];
			store_mentor_free(&m);
		}
	}
	free(text);
	if (rc != 0) {
		ui_message(ui, UI_ERROR, "%s: %s", _("Not saved"),
		    why != NULL ? why : _("please try again"));
		return rc;
	}
	es->ed.dirty = 0;
	ui_message(ui, UI_OK, "%s", _("Saved."));
	return 0;
}

static enum ui_result
edit_key(struct ui *ui, void *state, struct ui_key key)
{
	struct edit_state *es = state;

	switch (editor_key(&es->ed, key)) {
	case EDITOR_SAVE:
		(void)edit_save(ui, es);
		return UI_HANDLED;
	case EDITOR_USED:
		return UI_HANDLED;
	case EDITOR_IGNORED:
		break;
	}
	/* In the editor, q is a letter: only Esc (and F1) reach the UI. */
	if (!key.is_function && key.ch != UI_KEY_ESC)
		return UI_HANDLED;
	return UI_UNHANDLED;
}

static int
edit_dirty(void *state)
{
	return ((struct edit_state *)state)->ed.dirty;
}

static void
edit_close(void *state)
{
	struct edit_state *es = state;

	editor_free(&es->ed);
	free(es);
}

const struct screen scr_edit = {
	.name = "edit",
	.title = N_("Edit"),
	.help = N_("Write as you would in a letter; lines wrap by themselves.\n"
		   "  Arrows          move\n"
		   "  Home, End       start and end of the line\n"
		   "  PgUp, PgDn      a page up or down\n"
		   "  Enter           a new line\n"
		   "  Ctrl-S          save\n"
		   "  Esc             back (asks first if something is not "
		   "saved)"),
	.keys = N_("Ctrl-S save  Esc back  F1 help"),
	.open = edit_open,
	.draw = edit_draw,
	.key = edit_key,
	.close = edit_close,
	.dirty = edit_dirty,
};
