/*
 * scr_mentor: the mentor profile: industry, position, languages, how many
 * mentees at once, whether new requests are welcome, and (in the editor)
 * how I can help.  Mentors appear in the search once it is complete.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "util.h"

enum {
	M_HELP = 1,
	M_INDUSTRY,
	M_POSITION,
	M_LANGUAGES,
	M_CAPACITY,
	M_AVAILABLE,
	M_SAVE
};

static const struct form_field mentor_fields[] = {
	{ .kind = FORM_BUTTON,
	    .label = N_("Write \"How I can help\""),
	    .id = M_HELP },
	{ .kind = FORM_TEXT,
	    .label = N_("Industry"),
	    .id = M_INDUSTRY,
	    .max_chars = INDUSTRY_MAX,
	    .hint = N_("e.g. automotive, public service, software") },
	{ .kind = FORM_TEXT,
	    .label = N_("Current position"),
	    .id = M_POSITION,
	    .max_chars = POSITION_MAX },
	{ .kind = FORM_TEXT,
	    .label = N_("Languages"),
	    .id = M_LANGUAGES,
	    .max_chars = LANGUAGES_MAX,
	    .hint = N_("e.g. German, English") },
	{ .kind = FORM_TEXT,
	    .label = N_("Mentees at once"),
	    .id = M_CAPACITY,
	    .max_chars = 2,
	    .hint = N_("0 to 10") },
	{ .kind = FORM_CHECK,
	    .label = N_("I take new requests"),
	    .id = M_AVAILABLE },
	{ .kind = FORM_BUTTON, .label = N_("Save"), .id = M_SAVE },
};

static const struct {
	int field;
	enum profile_mentor_field error;
} mentor_error_of[] = {
	{ M_HELP, PROFILE_HELP_TEXT },
	{ M_INDUSTRY, PROFILE_INDUSTRY },
	{ M_POSITION, PROFILE_POSITION },
	{ M_LANGUAGES, PROFILE_LANGUAGES },
	{ M_CAPACITY, PROFILE_CAPACITY },
};

/* A short line on whether the profile is complete and listed. */
static void
mentor_state_line(struct ui *ui, struct formscr *fs)
{
	struct store_mentor m;
	int mentor = 0, mentee = 0;

	if (store_mentor_get(ui->app->store, ui->app->viewer.user_id, &m) != 0)
		return;
	if (store_roles_count(
		ui->app->store, ui->app->viewer.user_id, &mentor, &mentee) != 0)
		mentor = 0;
	if (profile_mentor_complete(&m) && mentor > 0)
		formscr_result(fs, UI_OK, "%s",
		    _("Complete: you appear in the mentor search."));
	else if (mentor == 0)
		formscr_result(fs, UI_DIM, "%s",
		    _("Choose an area under \"Mentoring roles\" to appear in "
		      "the search."));
	else
		formscr_result(fs, UI_ERROR, "%s",
		    _("Fill in every field and \"How I can help\" to appear "
		      "in the search."));
	store_mentor_free(&m);
}

/*
 * The help button opens the editor; Save (or Ctrl-S) saves the fields with
 * the help text on file, through the rules.  A capacity that is not a number
 * goes to them as -1, so that they say why.
 */
static enum ui_result
mentor_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct profile_errors e;
	struct store_mentor m;
	const char *cap = NULL;
	size_t i;
	long n;
	int rc;

	if (button == M_HELP) {
		(void)ui_push_index(ui, &scr_edit, SCR_EDIT_HELP_TEXT);
		return UI_HANDLED;
	}
	rc = store_mentor_get(ui->app->store, ui->app->viewer.user_id, &m);
	if (rc != 0)
		return UI_HANDLED;
	form_clear_errors(&fs->form);
	free(m.industry);
	free(m.position);
	free(m.languages);
	m.industry = xstrdup(form_text(form_get(&fs->form, M_INDUSTRY)));
	m.position = xstrdup(form_text(form_get(&fs->form, M_POSITION)));
	m.languages = xstrdup(form_text(form_get(&fs->form, M_LANGUAGES)));
	cap = form_text(form_get(&fs->form, M_CAPACITY));
	n = -1;
	(void)parse_long(cap, 0, INT_MAX, &n);
	m.capacity = (int)n;
	m.available = form_get(&fs->form, M_AVAILABLE)->checked;
	rc = profile_mentor_save(
	    &ui->app->board, ui->app->viewer.user_id, &m, &e);
	store_mentor_free(&m);
	if (rc == MB_ERR_INVALID) {
		for (i = 0; i < nitems(mentor_error_of); i++)
			form_get(&fs->form, mentor_error_of[i].field)->error =
			    e.why[mentor_error_of[i].error];
		form_focus_error(&fs->form);
		formscr_result(fs, UI_ERROR, "%s",
		    _("Not saved: please correct the marked fields."));
		return UI_HANDLED;
	}
	if (rc != 0) {
		formscr_result(
		    fs, UI_ERROR, "%s", _("Not saved; please try again."));
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	mentor_state_line(ui, fs);
	ui_message(ui, UI_OK, "%s", _("Saved."));
	return UI_HANDLED;
}

static int
mentor_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));
	struct store_mentor m;
	char cap[16];
	int rc;

	(void)arg;
	rc = store_mentor_get(ui->app->store, ui->app->viewer.user_id, &m);
	if (rc != 0) {
		free(fs);
		return rc;
	}
	formscr_init(fs, mentor_fields, (int)nitems(mentor_fields),
	    _("What mentees see of you in the search, beside your name and "
	      "fields of study. Ctrl-S saves."),
	    mentor_submit, fs);
	form_set_text(form_get(&fs->form, M_INDUSTRY), m.industry);
	form_set_text(form_get(&fs->form, M_POSITION), m.position);
	form_set_text(form_get(&fs->form, M_LANGUAGES), m.languages);
	(void)snprintf(cap, sizeof(cap), "%d", m.capacity);
	form_set_text(form_get(&fs->form, M_CAPACITY), cap);
	form_get(&fs->form, M_AVAILABLE)->checked = m.available;
	store_mentor_free(&m);
	mentor_state_line(ui, fs);
	*state = fs;
	return 0;
}

static void
mentor_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
mentor_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

static int
mentor_dirty(void *state)
{
	return ((struct formscr *)state)->form.dirty;
}

static void
mentor_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_mentor = {
	.name = "mentor-profile",
	.title = N_("Mentor profile"),
	.help = N_("Tell mentees how you can help. Every field is needed "
		   "before you appear in the search; untick \"I take new "
		   "requests\" when you are full."),
	.keys = N_("Tab next  Ctrl-S save  Esc back"),
	.open = mentor_open,
	.draw = mentor_draw,
	.key = mentor_key,
	.close = mentor_close,
	.dirty = mentor_dirty,
};
