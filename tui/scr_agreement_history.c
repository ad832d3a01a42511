/*
 * scr_agreement_history: every version of an agreement (number, date,
 * state, the start of its SHA-256, which one is in force) above, and
 * below what changed: the chosen version against the one before it, or
 * against a version marked with m.  A unified diff, its added lines in
 * green and removed ones in red where the terminal has colours (+ and -
 * say it anyway).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "diff.h"
#include "error.h"
#include "i18n.h"
#include "screens.h"
#include "util.h"

#define HISTORY_LIST_ROWS 6 /* versions shown at once */

struct history_state {
	int64_t id;
	struct agreement_view v;
	int selected; /* index into the versions */
	int top;
	int marked; /* a version number to compare with, or 0 */
	char *diff; /* of the selected against the marked or previous */
	int diff_top;
	int diff_rows;
	int ndiff; /* lines of diff */
};

/* The diff for what is selected now. */
static void
history_diff(struct ui *ui, struct history_state *hs)
{
	const char *why = NULL;
	int b = hs->selected + 1, a;
	const char *p = NULL;

	free(hs->diff);
	hs->diff = NULL;
	hs->diff_top = 0;
	hs->ndiff = 0;
	if (hs->v.nversions == 0)
		return;
	a = hs->marked != 0 && hs->marked != b ? hs->marked : b - 1;
	if (a < 1) {
		/* The first version: all of it came. */
		char *text = agreement_render(&hs->v.versions[0].text, 0);

		if (diff_unified(
			"", text, _("nothing"), _("version 1"), &hs->diff) != 0)
			hs->diff = xstrdup("");
		free(text);
	} else if (agreement_diff(&ui->app->board, &ui->app->viewer, hs->id, a,
		       b, &hs->diff, &why) != 0) {
		hs->diff = xasprintf("%s", why != NULL ? why : "");
	} else if (hs->diff[0] == '\0') {
		free(hs->diff);
		hs->diff =
		    xasprintf(_("Versions %d and %d are the same."), a, b);
	}
	for (p = hs->diff; p != NULL && *p != '\0'; p++)
		hs->ndiff += *p == '\n';
	hs->ndiff++;
}

static int
history_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct history_state *hs = xcalloc(1, sizeof(*hs));

	hs->id = arg->id;
	if (agreement_view(&ui->app->board, &ui->app->viewer, hs->id, &hs->v) !=
	    0) {
		free(hs);
		return MB_ERR_NOTFOUND;
	}
	hs->selected = hs->v.nversions > 0 ? (int)hs->v.nversions - 1 : 0;
	history_diff(ui, hs);
	*state = hs;
	return 0;
}

static void
history_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct history_state *hs = state;
	char line[256], date[32];
	const char *p = NULL, *eol = NULL;
	int rows, cols, y, i, n;
	enum ui_style style;

	getmaxyx(win, rows, cols);
	if (hs->v.nversions == 0) {
		(void)wmove(win, 1, 2);
		(void)ui_put(win, _("No version submitted yet."), cols - 4);
		return;
	}
	if (hs->selected < hs->top)
		hs->top = hs->selected;
	if (hs->selected >= hs->top + HISTORY_LIST_ROWS)
		hs->top = hs->selected - HISTORY_LIST_ROWS + 1;
	for (i = hs->top, y = 0;
	     i < (int)hs->v.nversions && y < HISTORY_LIST_ROWS; i++, y++) {
		const struct store_agreement_version *r = &hs->v.versions[i];

		cmd_date(r->submitted_at, date, sizeof(date));
		(void)snprintf(line, sizeof(line), "%s %-4d %s  %-18s %.16s %s",
		    r->number == hs->marked ? "m" : " ", r->number, date,
		    r->state, r->sha256,
		    r->number == hs->v.in_force ? _("in force") : "");
		(void)wmove(win, y, 1);
		if (i == hs->selected)
			ui_set_focus(ui, win, y, 1);
		(void)wattrset(win,
		    i == hs->selected ? ui_attr(ui, UI_SELECTED) : A_NORMAL);
		(void)whline(win, ' ', cols - 2);
		(void)ui_put(win, line, cols - 2);
		(void)wattrset(win, A_NORMAL);
	}
	(void)wmove(win, HISTORY_LIST_ROWS, 0);
	(void)whline(win, ACS_HLINE, cols);
	hs->diff_rows = rows - HISTORY_LIST_ROWS - 1;
	y = HISTORY_LIST_ROWS + 1;
	for (p = hs->diff, n = 0; p != NULL && *p != '\0' && y < rows;
	     p = eol + 1, n++) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (n < hs->diff_top) {
			if (*eol == '\0')
				break;
			continue;
		}
		style = strncmp(p, "@@", 2) == 0 ? UI_DIM :
		    strncmp(p, "+++", 3) == 0 || strncmp(p, "---", 3) == 0 ?
						   UI_HEADING :
		    *p == '+' ? UI_OK :
		    *p == '-' ? UI_ERROR :
				A_NORMAL;
		(void)snprintf(line, sizeof(line), "%.*s", (int)(eol - p), p);
		(void)wmove(win, y++, 1);
		(void)wattrset(win, ui_attr(ui, style));
		(void)ui_put(win, line, cols - 2);
		(void)wattrset(win, A_NORMAL);
		if (*eol == '\0')
			break;
	}
}

static enum ui_result
history_key(struct ui *ui, void *state, struct ui_key key)
{
	struct history_state *hs = state;
	int page = hs->diff_rows > 2 ? hs->diff_rows - 1 : 1;

	if (key.is_function) {
		switch (key.ch) {
		case KEY_UP:
			if (hs->selected > 0) {
				hs->selected--;
				history_diff(ui, hs);
			}
			return UI_HANDLED;
		case KEY_DOWN:
			if (hs->selected + 1 < (int)hs->v.nversions) {
				hs->selected++;
				history_diff(ui, hs);
			}
			return UI_HANDLED;
		case KEY_NPAGE:
			if (hs->diff_top + page < hs->ndiff)
				hs->diff_top += page;
			return UI_HANDLED;
		case KEY_PPAGE:
			hs->diff_top =
			    hs->diff_top > page ? hs->diff_top - page : 0;
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	}
	if (key.ch == 'm' && hs->v.nversions > 0) {
		hs->marked =
		    hs->marked == hs->selected + 1 ? 0 : hs->selected + 1;
		history_diff(ui, hs);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void
history_close(void *state)
{
	struct history_state *hs = state;

	agreement_view_free(&hs->v);
	free(hs->diff);
	free(hs);
}

const struct screen scr_agreement_history = {
	.name = "agreement-history",
	.title = N_("Agreement: every version"),
	.help = N_("Every version of the agreement, kept for good, with the "
		   "start of its SHA-256. Below: what changed from the version "
		   "before (lines with - went, lines with + came).\n"
		   "  Up/Down     choose a version\n"
		   "  m           mark it: then compare others with it\n"
		   "  PgUp/PgDn   scroll the changes"),
	.keys = N_("m mark  PgDn more  ? help  q back"),
	.open = history_open,
	.draw = history_draw,
	.key = history_key,
	.close = history_close,
};
