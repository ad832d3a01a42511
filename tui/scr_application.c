/*
 * scr_application: the four sections of a mentee's application, each with
 * how much is written and its beginning; Enter opens one in the editor.
 * The mentors a mentee asks for help see these, and nobody else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "util.h"

struct application_state {
	int selected;
};

static int
application_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	(void)ui;
	(void)arg;
	*state = xcalloc(1, sizeof(struct application_state));
	return 0;
}

/*
 * Reads the application as it draws (no update callback needed): a section
 * saved in the editor shows at once on return.
 */
static void
application_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct application_state *as = state;
	struct store_application a;
	char line[256], first[256];
	int cols = getmaxx(win), y = 1, i;
	long chars;

	(void)wmove(win, y++, 2);
	(void)ui_put(win,
	    _("Your application is your cover letter: the "
	      "mentors you ask see these four sections and your "
	      "CV, nobody else."),
	    cols - 4);
	y++;
	if (store_application_get(
		ui->app->store, ui->app->viewer.user_id, &a) != 0) {
		(void)wmove(win, y, 2);
		(void)ui_put(
		    win, _("Your application cannot be read now."), cols - 4);
		return;
	}
	for (i = 0; i < STORE_NSECTIONS; i++) {
		chars = text_utf8_length(a.text[i]);
		(void)snprintf(line, sizeof(line), " %s %s",
		    i == as->selected ? ui_glyph(ui, "\xe2\x96\xb8", ">") : " ",
		    _(profile_section_title((enum store_section)i)));
		(void)wmove(win, y, 1);
		if (i == as->selected)
			ui_set_focus(ui, win, y, 4);
		(void)wattrset(win,
		    i == as->selected ? ui_attr(ui, UI_SELECTED) :
					ui_attr(ui, UI_HEADING));
		(void)whline(win, ' ', cols - 2);
		(void)ui_put(win, line, cols - 20);
		(void)snprintf(line, sizeof(line), _("%ld/%d"),
		    chars < 0 ? 0 : chars, SECTION_MAX);
		(void)wmove(win, y++, cols - 14);
		(void)ui_put(win, line, 12);
		(void)wattrset(win, A_NORMAL);
		(void)snprintf(first, sizeof(first), "%.*s",
		    (int)strcspn(a.text[i], "\n"), a.text[i]);
		(void)wmove(win, y++, 5);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(
		    win, first[0] != '\0' ? first : _("(empty)"), cols - 8);
		(void)wattrset(win, A_NORMAL);
		y++;
	}
	store_application_free(&a);
}

static enum ui_result
application_key(struct ui *ui, void *state, struct ui_key key)
{
	struct application_state *as = state;

	if (key.is_function && key.ch == KEY_UP) {
		as->selected =
		    (as->selected + STORE_NSECTIONS - 1) % STORE_NSECTIONS;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_DOWN) {
		as->selected = (as->selected + 1) % STORE_NSECTIONS;
		return UI_HANDLED;
	}
	if (ui_key_enter(key)) {
		(void)ui_push_index(ui, &scr_edit, as->selected);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void
application_close(void *state)
{
	free(state);
}

const struct screen scr_application = {
	.name = "application",
	.title = N_("My application"),
	.help = N_("The four parts of your application. Choose one with the "
		   "arrows and press Enter to write it; Ctrl-S saves it."),
	.keys = N_("Enter write  q back"),
	.open = application_open,
	.draw = application_draw,
	.key = application_key,
	.close = application_close,
};
