/*
 * scr_roles: the "Mentoring" section.  Every area of help with two boxes,
 * mentor and mentee; Space ticks or unticks the one under the cursor and
 * it is saved at once.  The status line shows the roles held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "util.h"

#define ROLES_AREA_COLS 36

struct roles_state {
	struct store_role_row *rows;
	size_t n;
	int row;
	int col; /* 0 mentor, 1 mentee */
	int top;
};

/*
 * Read the areas and the member's roles again, keeping the cursor inside the
 * list.
 */
static void
roles_reload(struct ui *ui, struct roles_state *rs)
{
	free(rs->rows);
	rs->rows = NULL;
	rs->n = 0;
	if (store_roles_get(ui->app->store, ui->app->viewer.user_id, &rs->rows,
		&rs->n) != 0)
		ui_message(ui, UI_ERROR, "%s", _("Your roles cannot be read."));
	if (rs->row >= (int)rs->n)
		rs->row = rs->n > 0 ? (int)rs->n - 1 : 0;
}

static int
roles_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct roles_state *rs = xcalloc(1, sizeof(*rs));

	(void)arg;
	roles_reload(ui, rs);
	*state = rs;
	return 0;
}

static void
roles_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct roles_state *rs = state;
	char box[64];
	int rows, cols, y = 1, i, list_rows;

	getmaxyx(win, rows, cols);
	(void)wmove(win, y++, 2);
	(void)ui_put(win,
	    _("Per area of help, be a mentor, a mentee, or "
	      "both. Space ticks a box; it is saved at once."),
	    cols - 4);
	y++;
	(void)wmove(win, y, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("Area of help"), ROLES_AREA_COLS);
	(void)wmove(win, y, 2 + ROLES_AREA_COLS + 2);
	(void)ui_put(win, _("Mentor"), 12);
	(void)wmove(win, y++, 2 + ROLES_AREA_COLS + 16);
	(void)ui_put(win, _("Mentee"), 12);
	(void)wattrset(win, A_NORMAL);
	list_rows = rows - y - 1;
	if (rs->row < rs->top)
		rs->top = rs->row;
	if (rs->row >= rs->top + list_rows)
		rs->top = rs->row - list_rows + 1;
	for (i = rs->top; i < (int)rs->n && y < rows - 1; i++, y++) {
		const struct store_role_row *r = &rs->rows[i];
		(void)wmove(win, y, 2);
		(void)ui_put(win, r->area, ROLES_AREA_COLS);
		if (r->retired) {
			(void)wattrset(win, ui_attr(ui, UI_DIM));
			(void)ui_put(win, _(" (retired)"), 12);
			(void)wattrset(win, A_NORMAL);
		}
		(void)snprintf(box, sizeof(box), "[%s]", r->mentor ? "x" : " ");
		(void)wmove(win, y, 2 + ROLES_AREA_COLS + 3);
		if (i == rs->row && rs->col == 0)
			ui_set_focus(ui, win, y, 2 + ROLES_AREA_COLS + 4);
		(void)wattrset(win,
		    i == rs->row && rs->col == 0 ? ui_attr(ui, UI_SELECTED) :
						   A_NORMAL);
		(void)ui_put(win, box, 3);
		(void)wattrset(win, A_NORMAL);
		(void)snprintf(box, sizeof(box), "[%s]", r->mentee ? "x" : " ");
		(void)wmove(win, y, 2 + ROLES_AREA_COLS + 17);
		if (i == rs->row && rs->col == 1)
			ui_set_focus(ui, win, y, 2 + ROLES_AREA_COLS + 18);
		(void)wattrset(win,
		    i == rs->row && rs->col == 1 ? ui_attr(ui, UI_SELECTED) :
						   A_NORMAL);
		(void)ui_put(win, box, 3);
		(void)wattrset(win, A_NORMAL);
	}
}

/*
 * Take or give up the role under the cursor through the rules, at once, and
 * say which.
 */
static void
roles_toggle(struct ui *ui, struct roles_state *rs)
{
	const struct store_role_row *r = NULL;
	enum store_role role =
	    rs->col == 0 ? STORE_ROLE_MENTOR : STORE_ROLE_MENTEE;
	const char *why = NULL;
	int on, rc;

	if (rs->n == 0)
		return;
	r = &rs->rows[rs->row];
	on = !(rs->col == 0 ? r->mentor : r->mentee);
	rc = profile_role_set(&ui->app->board, ui->app->viewer.user_id,
	    r->area_id, role, on, &why);
	if (rc != 0)
		ui_message(ui, UI_ERROR, "%s",
		    why != NULL ? why : _("Not saved; please try again."));
	else
		ui_message(ui, UI_OK,
		    on ? _("You are now %s in \"%s\".") :
			 _("You are no longer %s in \"%s\"."),
		    rs->col == 0 ? _("a mentor") : _("a mentee"), r->area);
	roles_reload(ui, rs);
}

static enum ui_result
roles_key(struct ui *ui, void *state, struct ui_key key)
{
	struct roles_state *rs = state;

	if (key.is_function) {
		switch (key.ch) {
		case KEY_UP:
			if (rs->row > 0)
				rs->row--;
			return UI_HANDLED;
		case KEY_DOWN:
			if (rs->row + 1 < (int)rs->n)
				rs->row++;
			return UI_HANDLED;
		case KEY_LEFT:
			rs->col = 0;
			return UI_HANDLED;
		case KEY_RIGHT:
			rs->col = 1;
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	}
	if (key.ch == '\t') {
		rs->col = !rs->col;
		return UI_HANDLED;
	}
	if (key.ch == ' ' || ui_key_enter(key)) {
		roles_toggle(ui, rs);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/* The status line's count of roles, read afresh for every frame. */
static void
roles_status(struct ui *ui, void *state, char *buf, size_t size)
{
	int mentor = 0, mentee = 0;

	(void)state;
	if (store_roles_count(
		ui->app->store, ui->app->viewer.user_id, &mentor, &mentee) != 0)
		return;
	(void)snprintf(
	    buf, size, _("mentor in %d, mentee in %d"), mentor, mentee);
}

static void
roles_close(void *state)
{
	struct roles_state *rs = state;

	free(rs->rows);
	free(rs);
}

const struct screen scr_roles = {
	.name = "roles",
	.title = N_("Mentoring roles"),
	.help = N_("Choose, for every area of help, whether you offer help "
		   "there (mentor), look for help (mentee), or both.\n"
		   "  Up/Down      area\n"
		   "  Left/Right   mentor or mentee column (also Tab)\n"
		   "  Space        tick or untick; saved at once"),
	.keys = N_("Space tick  Tab column  q back"),
	.open = roles_open,
	.draw = roles_draw,
	.key = roles_key,
	.close = roles_close,
	.status = roles_status,
};
