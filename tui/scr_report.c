/*
 * scr_report: report a person to the mentoring team, or one line of
 * theirs in a chat.  From a mentor's details (scr_report: arg->id the
 * person) only the reason is written; from a chat's history
 * (scr_report_chat: arg->id the chat) the other's recent lines are
 * listed above it, and Up/Down choose the line reported or none (the
 * person).  Tab moves between the list and the reason; Ctrl-S sends.
 * The person is not told who reported them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "editor.h"
#include "error.h"
#include "i18n.h"
#include "report.h"
#include "screens.h"
#include "search.h"
#include "text.h"
#include "util.h"

#define REPORT_PICK_LINES 30 /* the other's lines offered, the newest */
#define REPORT_LIST_ROWS 8 /* rows the list of lines takes */

struct report_state {
	int64_t person;
	char name[DISPLAY_NAME_MAX];
	/* From a chat: the other's lines, oldest first, and the choice
	 * (nlines: the person, no line). */
	struct store_chat_line *lines;
	size_t nlines;
	int selected;
	int top;
	int in_list; /* the keys go to the list */
	struct editor ed;
};

static void
report_free(struct report_state *rs)
{
	store_chat_lines_free(rs->lines, rs->nlines);
	editor_free(&rs->ed);
	free(rs);
}

/* arg->id is the person: their name as others see it. */
static int
report_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct report_state *rs = xcalloc(1, sizeof(*rs));
	struct search_hit hit;

	rs->person = arg->id;
	/* A mentor's name comes from their listing; anyone else's is
	 * written by the screen that opened this one. */
	if (arg->text != NULL)
		(void)snprintf(rs->name, sizeof(rs->name), "%s", arg->text);
	else if (search_detail(
		     &ui->app->board, &ui->app->viewer, arg->id, &hit) == 0) {
		(void)snprintf(
		    rs->name, sizeof(rs->name), "%s", hit.display_name);
		search_hit_free(&hit);
	} else
		(void)snprintf(
		    rs->name, sizeof(rs->name), "#%lld", (long long)arg->id);
	editor_init(&rs->ed, "", REPORT_REASON_MAX);
	*state = rs;
	return 0;
}

/* arg->id is a chat of the viewer's: the other, and their lines. */
static int
report_chat_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct report_state *rs = xcalloc(1, sizeof(*rs));
	struct store_chat_line *rows = NULL;
	struct chat_summary c;
	size_t n = 0, i;

	if (chat_get(&ui->app->board, &ui->app->viewer, arg->id, &c) != 0 ||
	    c.other_id == 0 ||
	    chat_log(&ui->app->board, &ui->app->viewer, arg->id, 0, 0, &rows,
		&n, NULL) != 0) {
		ui_message(ui, UI_ERROR, "%s",
		    _("There is nobody to report in this chat."));
		free(rs);
		return MB_ERR_NOTFOUND;
	}
	rs->person = c.other_id;
	(void)snprintf(rs->name, sizeof(rs->name), "%s", c.other);
	/* Their lines, the newest REPORT_PICK_LINES. */
	rs->lines = xcalloc(REPORT_PICK_LINES + 1, sizeof(*rs->lines));
	for (i = n; i > 0 && rs->nlines < REPORT_PICK_LINES; i--) {
		if (rows[i - 1].author_id != c.other_id || rows[i - 1].meeting)
			continue;
		rs->lines[rs->nlines++] = rows[i - 1];
		rows[i - 1].body = NULL; /* moved */
	}
	store_chat_lines_free(rows, n);
	/* Oldest first, as the chat shows them; the newest chosen. */
	for (i = 0; i < rs->nlines / 2; i++) {
		struct store_chat_line t = rs->lines[i];

		rs->lines[i] = rs->lines[rs->nlines - 1 - i];
		rs->lines[rs->nlines - 1 - i] = t;
	}
	rs->selected = rs->nlines > 0 ? (int)rs->nlines - 1 : 0;
	rs->in_list = rs->nlines > 0;
	editor_init(&rs->ed, "", REPORT_REASON_MAX);
	*state = rs;
	return 0;
}

/* The list of lines to choose from, rows high at row y. */
static void
report_draw_list(struct ui *ui, struct report_state *rs, WINDOW *win, int y,
    int rows, int cols)
{
	char line[160], preview[120];
	int total = (int)rs->nlines + 1, i, row;

	if (rs->selected < rs->top)
		rs->top = rs->selected;
	if (rs->selected >= rs->top + rows)
		rs->top = rs->selected - rows + 1;
	for (i = rs->top, row = 0; i < total && row < rows; i++, row++) {
		if (i < (int)rs->nlines) {
			text_sanitize_line(
			    rs->lines[i].body, preview, sizeof(preview));
			(void)snprintf(line, sizeof(line), "#%lld %s",
			    (long long)rs->lines[i].id, preview);
		} else
			(void)snprintf(line, sizeof(line), "%s",
			    _("(no line: the person)"));
		(void)wmove(win, y + row, 1);
		(void)wattrset(win,
		    i == rs->selected ?
			ui_attr(ui, rs->in_list ? UI_SELECTED : UI_FIELD) :
			A_NORMAL);
		(void)whline(win, ' ', cols - 2);
		(void)wmove(win, y + row, 2);
		(void)ui_put(win, line, cols - 4);
		(void)wattrset(win, A_NORMAL);
	}
}

static void
report_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct report_state *rs = state;
	char head[DISPLAY_NAME_MAX + 128];
	int rows, cols, y = 0, list_rows;

	getmaxyx(win, rows, cols);
	(void)snprintf(
	    head, sizeof(head), _("Report %s to the mentoring team"), rs->name);
	(void)wmove(win, y++, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, head, cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, y++, 1);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win,
	    _("Only the team reads it; they are not told who reported them. "
	      "Say what happened, then Ctrl-S."),
	    cols - 2);
	(void)wattrset(win, A_NORMAL);
	if (rs->lines != NULL) {
		(void)wmove(win, y++, 1);
		(void)ui_put(win,
		    rs->in_list ? _("The line reported (Up/Down; Tab: the "
				    "reason):") :
				  _("The line reported (Tab to choose):"),
		    cols - 2);
		list_rows = (int)rs->nlines + 1 < REPORT_LIST_ROWS ?
		    (int)rs->nlines + 1 :
		    REPORT_LIST_ROWS;
		report_draw_list(ui, rs, win, y, list_rows, cols);
		y += list_rows;
	}
	(void)wmove(win, y++, 0);
	(void)whline(win, ACS_HLINE, cols);
	editor_draw(ui, &rs->ed, win, y, 1, rows - y, cols - 2);
	if (rs->in_list)
		ui_set_cursor(ui, NULL, -1, -1);
}

/* Send the report; 0 when it went. */
static int
report_send(struct ui *ui, struct report_state *rs)
{
	const char *why = NULL;
	char *reason = editor_text(&rs->ed);
	int64_t line = 0, id = 0;
	int rc;

	if (rs->lines != NULL && rs->selected < (int)rs->nlines)
		line = rs->lines[rs->selected].id;
	rc = report_file(&ui->app->board, &ui->app->viewer, rs->person, line,
	    reason, &id, &why);
	free(reason);
	if (rc != 0) {
		ui_message(ui, UI_ERROR, "%s: %s", _("Not sent"),
		    why != NULL ? why : _("please try again"));
		return rc;
	}
	rs->ed.dirty = 0;
	ui_message(ui, UI_OK,
	    _("Report #%lld went to the mentoring team. Thank you."),
	    (long long)id);
	return 0;
}

static enum ui_result
report_key(struct ui *ui, void *state, struct ui_key key)
{
	struct report_state *rs = state;

	if (!key.is_function && key.ch == '\t' && rs->lines != NULL) {
		rs->in_list = !rs->in_list;
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == UI_CTRL('s'))
		return report_send(ui, rs) == 0 ? UI_BACK : UI_HANDLED;
	if (rs->in_list) {
		if (key.is_function && key.ch == KEY_UP && rs->selected > 0)
			rs->selected--;
		else if (key.is_function && key.ch == KEY_DOWN &&
		    rs->selected < (int)rs->nlines)
			rs->selected++;
		else if (ui_key_enter(key))
			rs->in_list = 0;
		else
			return UI_UNHANDLED;
		return UI_HANDLED;
	}
	switch (editor_key(&rs->ed, key)) {
	case EDITOR_SAVE:
		return report_send(ui, rs) == 0 ? UI_BACK : UI_HANDLED;
	case EDITOR_USED:
		rs->ed.paste_refused = 0;
		return UI_HANDLED;
	case EDITOR_IGNORED:
		break;
	}
	if (!key.is_function && key.ch != UI_KEY_ESC)
		return UI_HANDLED;
	return UI_UNHANDLED;
}

static int
report_dirty(void *state)
{
	return ((struct report_state *)state)->ed.dirty;
}

static void
report_close(void *state)
{
	report_free(state);
}

const struct screen scr_report = {
	.name = "report",
	.title = N_("Report"),
	.help = N_("Tell the mentoring team about this person: what happened, "
		   "in your words. Only the team reads it, and the person is "
		   "not told who reported them. Ctrl-S sends it."),
	.keys = N_("Ctrl-S send  Esc back  F1 help"),
	.open = report_open,
	.draw = report_draw,
	.key = report_key,
	.close = report_close,
	.dirty = report_dirty,
};

const struct screen scr_report_chat = {
	.name = "report-chat",
	.title = N_("Report"),
	.help = N_("Report a line of this chat, or the person, to the "
		   "mentoring team. Up/Down choose the line (the last entry: "
		   "no line, the person), Tab moves to the reason and back, "
		   "Ctrl-S sends it. Only the team reads it, and the person "
		   "is not told who reported them."),
	.keys = N_("Tab line/reason  Ctrl-S send  Esc back"),
	.open = report_chat_open,
	.draw = report_draw,
	.key = report_key,
	.close = report_close,
	.dirty = report_dirty,
};
