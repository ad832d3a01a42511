/*
 * scr_ending: ending a mentorship (x on its agreement): feedback for the
 * mentoring team, which the other never sees, and the word
 * ENDING_CONFIRM_WORD typed to confirm; and scr_certificate, the
 * certificate of an ended official mentorship.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "ending.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "screens.h"
#include "util.h"
#include "widget.h"

#define ENDING_CONFIRM_CHARS 8
/* The form's line holds less than ENDING_FEEDBACK_MAX: FORM_TEXT_MAX_BYTES
 * bytes of any script. */
#define ENDING_FORM_FEEDBACK_CHARS (FORM_TEXT_MAX_BYTES / 4)

enum { E_FEEDBACK = 1, E_CONFIRM, E_END };

static const struct form_field ending_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Feedback (optional)"),
	    .id = E_FEEDBACK,
	    .max_chars = ENDING_FORM_FEEDBACK_CHARS,
	    .hint = N_("for the mentoring team only: what went well, what "
		       "could be better") },
	{ .kind = FORM_TEXT,
	    .label = N_("Type end to confirm"),
	    .id = E_CONFIRM,
	    .max_chars = ENDING_CONFIRM_CHARS },
	{ .kind = FORM_BUTTON, .label = N_("End the mentorship"), .id = E_END },
};

struct ending_state {
	struct formscr fs;
	int64_t id;
};

static enum ui_result
ending_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct ending_state *es = fs->ctx;
	const char *why = NULL;

	(void)button;
	form_clear_errors(&fs->form);
	if (strcmp(form_text(form_get(&fs->form, E_CONFIRM)),
		ENDING_CONFIRM_WORD) != 0) {
		form_get(&fs->form, E_CONFIRM)->error =
		    _("type end, to be sure");
		form_focus_error(&fs->form);
		return UI_HANDLED;
	}
	if (mentorship_end(&ui->app->board, &ui->app->viewer, es->id,
		form_text(form_get(&fs->form, E_FEEDBACK)), &why) != 0) {
		formscr_result(fs, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	ui_message(
	    ui, UI_OK, "%s", _("The mentorship has ended; you both are told."));
	return UI_BACK;
}

static int
ending_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct ending_state *es = xcalloc(1, sizeof(*es));

	(void)ui;
	es->id = arg->id;
	formscr_init(&es->fs, ending_fields, (int)nitems(ending_fields),
	    _("Ending the mentorship closes its chat for writing and frees "
	      "the mentor's place. Both of you are told, and if it was "
	      "official, both get a certificate by mail. This cannot be "
	      "undone."),
	    ending_submit, es);
	*state = es;
	return 0;
}

static void
ending_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, &((struct ending_state *)state)->fs, win);
}

static enum ui_result
ending_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, &((struct ending_state *)state)->fs, key);
}

static int
ending_dirty(void *state)
{
	return ((struct ending_state *)state)->fs.form.dirty;
}

static void
ending_close(void *state)
{
	struct ending_state *es = state;

	formscr_free(&es->fs);
	free(es);
}

const struct screen scr_mentorship_end = {
	.name = "mentorship-end",
	.title = N_("End the mentorship"),
	.help = N_("End the mentorship: give feedback to the mentoring team "
		   "if you like (the other does not see it), type end, and "
		   "press Ctrl-S."),
	.keys = N_("Tab next  Ctrl-S end  Esc back"),
	.open = ending_open,
	.draw = ending_draw,
	.key = ending_key,
	.close = ending_close,
	.dirty = ending_dirty,
};

/* ---- The certificate ------------------------------------------------------ */

static int
certificate_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct textview *tv = NULL;
	struct store_certificate c;
	char *text = NULL;

	if (certificate_get(&ui->app->board, &ui->app->viewer, arg->id, &c) !=
	    0) {
		ui_message(ui, UI_ERROR, "%s",
		    _("A certificate comes when an official mentorship "
		      "ends."));
		return MB_ERR_NOTFOUND;
	}
	tv = xcalloc(1, sizeof(*tv));
	text = certificate_text(&ui->app->board, &c);
	textview_set(tv, text);
	free(text);
	*state = tv;
	return 0;
}

static void
certificate_draw(struct ui *ui, void *state, WINDOW *win)
{
	int rows, cols;

	getmaxyx(win, rows, cols);
	textview_draw(ui, state, win, 1, 2, rows - 2, cols - 4);
}

static enum ui_result
certificate_key(struct ui *ui, void *state, struct ui_key key)
{
	(void)ui;
	return textview_key(state, key, 10) ? UI_HANDLED : UI_UNHANDLED;
}

static void
certificate_close(void *state)
{
	textview_free(state);
	free(state);
}

const struct screen scr_certificate = {
	.name = "certificate",
	.title = N_("Certificate of mentoring"),
	.help = N_("Your certificate of this mentorship, as it came by mail. "
		   "Anyone can check it with the command at its end."),
	.keys = N_("? help  q back"),
	.open = certificate_open,
	.draw = certificate_draw,
	.key = certificate_key,
	.close = certificate_close,
};
