/*
 * scr_support: "Contact the mentoring team".  The member's questions
 * (newest first, Enter opens one, w writes a new one), one question with
 * every message of it (r writes again), and the editor both write in:
 * for a new question its first line is the subject; Ctrl-S sends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "editor.h"
#include "error.h"
#include "i18n.h"
#include "screens.h"
#include "support.h"
#include "text.h"
#include "util.h"
#include "widget.h"

/* The state of a question in the member's words. */
static const char *
support_state_words(enum store_support_state state)
{
	switch (state) {
	case STORE_SUPPORT_OPEN:
		return _("waiting for the team");
	case STORE_SUPPORT_ANSWERED:
		return _("answered");
	case STORE_SUPPORT_CLOSED:
		return _("closed");
	default:
		return "?";
	}
}

/* ---- The list ------------------------------------------------------------ */

struct support_list_state {
	struct store_support_thread *rows;
	size_t n;
	int selected;
	int top;
	int read; /* rows holds the list */
	char tz[STORE_TIME_ZONE_MAX];
};

static void
support_list_reload(struct ui *ui, struct support_list_state *ls)
{
	free(ls->rows);
	ls->rows = NULL;
	ls->n = 0;
	ls->read = support_threads(&ui->app->board, &ui->app->viewer, &ls->rows,
		       &ls->n) == 0;
	if (ls->selected >= (int)ls->n)
		ls->selected = ls->n > 0 ? (int)ls->n - 1 : 0;
	chat_time_zone(
	    &ui->app->board, ui->app->viewer.user_id, ls->tz, sizeof(ls->tz));
}

static int
support_list_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct support_list_state *ls = xcalloc(1, sizeof(*ls));

	(void)arg;
	support_list_reload(ui, ls);
	*state = ls;
	return 0;
}

static void
support_list_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct support_list_state *ls = state;
	char when[32], line[STORE_SUPPORT_SUBJECT_BYTES + 128];
	int rows, cols, y = 1, i, visible;

	getmaxyx(win, rows, cols);
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win,
	    _("Questions about the programme, your application or the board: "
	      "only you and the mentoring team read them."),
	    cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	if (!ls->read || ls->n == 0) {
		(void)wmove(win, y, 2);
		(void)ui_put(win,
		    ls->read ? _("No questions yet. Press w to write one.") :
			       _("Your questions cannot be read just now."),
		    cols - 4);
		return;
	}
	visible = rows - y - 1;
	if (ls->selected < ls->top)
		ls->top = ls->selected;
	if (ls->selected >= ls->top + visible)
		ls->top = ls->selected - visible + 1;
	for (i = ls->top; i < (int)ls->n && y < rows - 1; i++, y++) {
		const struct store_support_thread *t = &ls->rows[i];

		chat_format_time(t->updated_at, ls->tz, "%Y-%m-%d %H:%M", when,
		    sizeof(when));
		(void)snprintf(line, sizeof(line), "#%-5lld %s  %-20s  %s",
		    (long long)t->id, when, support_state_words(t->state),
		    t->subject);
		(void)wmove(win, y, 1);
		(void)wattrset(win,
		    i == ls->selected ? ui_attr(ui, UI_SELECTED) :
			t->state == STORE_SUPPORT_ANSWERED ? A_BOLD :
							     A_NORMAL);
		(void)whline(win, ' ', cols - 2);
		(void)wmove(win, y, 2);
		(void)ui_put(win, line, cols - 4);
		(void)wattrset(win, A_NORMAL);
	}
}

static enum ui_result
support_list_key(struct ui *ui, void *state, struct ui_key key)
{
	struct support_list_state *ls = state;

	if (key.is_function && key.ch == KEY_UP && ls->selected > 0) {
		ls->selected--;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_DOWN &&
	    ls->selected + 1 < (int)ls->n) {
		ls->selected++;
		return UI_HANDLED;
	}
	if (ui_key_enter(key) && ls->n > 0) {
		(void)ui_push_id(
		    ui, &scr_support_thread, ls->rows[ls->selected].id);
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == 'w') {
		(void)ui_push(ui, &scr_support_write, NULL);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/* A reply came, or a question was sent from another session. */
static void
support_list_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	support_list_reload(ui, state);
}

static void
support_list_close(void *state)
{
	struct support_list_state *ls = state;

	free(ls->rows);
	free(ls);
}

const struct screen scr_support = {
	.name = "support",
	.title = N_("Contact the mentoring team"),
	.help = N_("Your questions to the mentoring team, the newest first. "
		   "Only you and the team read them; you are notified when "
		   "the team answers.\n"
		   "  Up/Down  choose\n"
		   "  Enter    read a question and its answers\n"
		   "  w        write a new question"),
	.keys = N_("Enter open  w write  q back"),
	.open = support_list_open,
	.draw = support_list_draw,
	.key = support_list_key,
	.close = support_list_close,
	.update = support_list_update,
};

/* ---- One question --------------------------------------------------------- */

struct support_thread_state {
	int64_t id;
	struct store_support_thread thread;
	struct textview text;
	int text_rows;
};

/* Read the question again and lay its messages out as text. */
static int
support_thread_reload(struct ui *ui, struct support_thread_state *ts)
{
	struct store_support_message *msgs = NULL;
	char tz[STORE_TIME_ZONE_MAX], when[32];
	char *text = NULL, *more = NULL;
	size_t n = 0, i;
	int rc;

	rc = support_get(
	    &ui->app->board, &ui->app->viewer, ts->id, &ts->thread, &msgs, &n);
	if (rc != 0)
		return rc;
	chat_time_zone(
	    &ui->app->board, ui->app->viewer.user_id, tz, sizeof(tz));
	text = xstrdup("");
	for (i = 0; i < n; i++) {
		chat_format_time(
		    msgs[i].at, tz, "%Y-%m-%d %H:%M", when, sizeof(when));
		/* "# " lines are the view's headings; a message's own lines
		 * are drawn sanitised by it. */
		more = xasprintf("%s# %s, %s\n%s\n\n", text,
		    msgs[i].from_team ? _("The mentoring team") : _("You"),
		    when, msgs[i].body);
		free(text);
		text = more;
	}
	store_support_messages_free(msgs, n);
	textview_set(&ts->text, text);
	free(text);
	/* The team's answers are read now. */
	if (ts->thread.user_id == ui->app->viewer.user_id)
		(void)support_mark_read(
		    &ui->app->board, &ui->app->viewer, ts->id);
	return 0;
}

static int
support_thread_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct support_thread_state *ts = xcalloc(1, sizeof(*ts));
	long id = arg->id;

	/* A deep link (a notification) brings the id as its word. */
	if (id == 0 && arg->text != NULL &&
	    parse_long(arg->text[0] == '#' ? arg->text + 1 : arg->text, 1,
		INT64_MAX, &id) != 0)
		id = 0;
	ts->id = id;
	if (id == 0 || support_thread_reload(ui, ts) != 0) {
		ui_message(ui, UI_ERROR, "%s",
		    _("There is no such question of yours."));
		textview_free(&ts->text);
		free(ts);
		return MB_ERR_NOTFOUND;
	}
	/* The newest message is at the bottom: start there. */
	ts->text.top = 1 << 20;
	*state = ts;
	return 0;
}

static void
support_thread_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct support_thread_state *ts = state;
	char head[STORE_SUPPORT_SUBJECT_BYTES + 64];
	int rows, cols;

	getmaxyx(win, rows, cols);
	(void)snprintf(head, sizeof(head), "#%lld %s (%s)",
	    (long long)ts->thread.id, ts->thread.subject,
	    support_state_words(ts->thread.state));
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, head, cols - 2);
	(void)wattrset(win, A_NORMAL);
	ts->text_rows = rows - 2;
	textview_draw(ui, &ts->text, win, 1, 1, ts->text_rows, cols - 2);
}

static enum ui_result
support_thread_key(struct ui *ui, void *state, struct ui_key key)
{
	struct support_thread_state *ts = state;

	if (!key.is_function && key.ch == 'r') {
		(void)ui_push_id(ui, &scr_support_write, ts->id);
		return UI_HANDLED;
	}
	return textview_key(&ts->text, key, ts->text_rows) ? UI_HANDLED :
							     UI_UNHANDLED;
}

/* The team answered, or the member wrote from another session. */
static void
support_thread_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	struct support_thread_state *ts = state;
	int top = ts->text.top;

	(void)news;
	if (support_thread_reload(ui, ts) == 0)
		ts->text.top = top;
}

static void
support_thread_close(void *state)
{
	struct support_thread_state *ts = state;

	textview_free(&ts->text);
	free(ts);
}

const struct screen scr_support_thread = {
	.name = "support-thread",
	.title = N_("Your question"),
	.help = N_("A question to the mentoring team and every answer, the "
		   "newest at the bottom.\n"
		   "  r          write again (the question waits for the team "
		   "again)\n"
		   "  PgUp/PgDn  scroll"),
	.keys = N_("r write again  PgUp scroll  q back"),
	.open = support_thread_open,
	.draw = support_thread_draw,
	.key = support_thread_key,
	.close = support_thread_close,
	.update = support_thread_update,
};

/* ---- Writing --------------------------------------------------------------- */

struct support_write_state {
	int64_t id; /* the question written in, or 0: a new one */
	struct editor ed;
};

static int
support_write_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct support_write_state *ws = xcalloc(1, sizeof(*ws));

	(void)ui;
	ws->id = arg->id;
	/* A new question holds its subject line too. */
	editor_init(&ws->ed, "",
	    SUPPORT_MESSAGE_MAX + (ws->id == 0 ? SUPPORT_SUBJECT_MAX + 1 : 0));
	*state = ws;
	return 0;
}

static void
support_write_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct support_write_state *ws = state;
	int rows, cols;

	getmaxyx(win, rows, cols);
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win,
	    ws->id == 0 ?
		_("Your question: the first line is its subject, then what "
		  "you would like to know. Ctrl-S sends it.") :
		_("Write again in this question. Ctrl-S sends it."),
	    cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 1, 0);
	(void)whline(win, ACS_HLINE, cols);
	editor_draw(ui, &ws->ed, win, 2, 1, rows - 2, cols - 2);
}

/* Send what was written; 0 when it went. */
static int
support_write_send(struct ui *ui, struct support_write_state *ws)
{
	const char *why = NULL;
	char *text = editor_text(&ws->ed), *subject = NULL, *body = NULL;
	int64_t id = 0;
	int rc;

	if (ws->id == 0) {
		support_split(text, &subject, &body);
		rc = support_send(&ui->app->board, &ui->app->viewer, subject,
		    body, &id, &why);
	} else
		rc = support_reply(
		    &ui->app->board, &ui->app->viewer, ws->id, text, &why);
	free(text);
	free(subject);
	free(body);
	if (rc != 0) {
		ui_message(ui, UI_ERROR, "%s: %s", _("Not sent"),
		    why != NULL ? why : _("please try again"));
		return rc;
	}
	ws->ed.dirty = 0;
	ui_message(ui, UI_OK, "%s",
	    _("Sent: you are notified when the mentoring team answers."));
	return 0;
}

static enum ui_result
support_write_key(struct ui *ui, void *state, struct ui_key key)
{
	struct support_write_state *ws = state;

	switch (editor_key(&ws->ed, key)) {
	case EDITOR_SAVE:
		return support_write_send(ui, ws) == 0 ? UI_BACK : UI_HANDLED;
	case EDITOR_USED:
		if (ws->ed.paste_refused > 0)
			ui_message(ui, UI_ERROR,
			    _("Not pasted: that is %ld characters, more than "
			      "fit."),
			    ws->ed.paste_refused);
		ws->ed.paste_refused = 0;
		return UI_HANDLED;
	case EDITOR_IGNORED:
		break;
	}
	/* Letters are text here; Esc and the function keys are the UI's. */
	if (!key.is_function && key.ch != UI_KEY_ESC)
		return UI_HANDLED;
	return UI_UNHANDLED;
}

static int
support_write_dirty(void *state)
{
	return ((struct support_write_state *)state)->ed.dirty;
}

static void
support_write_close(void *state)
{
	struct support_write_state *ws = state;

	editor_free(&ws->ed);
	free(ws);
}

const struct screen scr_support_write = {
	.name = "support-write",
	.title = N_("Write to the mentoring team"),
	.help = N_("A new question: its first line is the subject, the rest "
		   "what you would like to know. In a question: what you "
		   "write next. Ctrl-S sends it; Esc leaves (asking first)."),
	.keys = N_("Ctrl-S send  Esc back  F1 help"),
	.open = support_write_open,
	.draw = support_write_draw,
	.key = support_write_key,
	.close = support_write_close,
	.dirty = support_write_dirty,
};
