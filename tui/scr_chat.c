/*
 * scr_chat: one conversation.  The history above (day separators, times
 * in the reader's zone, a marker where the reader left off, the other's
 * lines arriving live), a proposed meeting waiting for an answer, and the
 * message being written below.
 *
 * Keys: typing goes to the message; Enter sends it, Ctrl-J or Alt-Enter
 * starts a new line; PgUp/PgDn scroll the history, and Home/End too while
 * the message is empty.  Tab (or Esc) moves to the history, where arrows
 * scroll, m proposes a meeting, y and n answer one, and q leaves; Tab
 * goes back to writing.  A paste (in bracketed paste mode) is taken
 * whole, newlines and all, or refused whole when it would not fit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "editor.h"
#include "error.h"
#include "i18n.h"
#include "moderation.h"
#include "screens.h"
#include "text.h"
#include "util.h"
#include "widget.h"

#define CHAT_EDITOR_ROWS 4 /* three lines of the message and its count */
#define CHAT_INDENT 6 /* columns before a line's text: "14:05 " */
#define CHAT_RULE_MAX 20 /* dashes each side of a day's rule */

/* A row of the history as drawn. */
struct chat_row {
	char *text; /* sanitised */
	enum ui_style style;
	int x; /* column it starts at */
};

struct chat_state {
	int64_t id;
	struct chat_summary info;
	char tz[STORE_TIME_ZONE_MAX];
	struct store_chat_line *lines; /* oldest first */
	size_t n;
	int older; /* lines before the first may exist */
	int64_t marker; /* the first line unread when opened, or 0 */
	int64_t read_to; /* the last line marked read */
	struct chat_row *rows;
	int nrows, laid_cols, laid_n;
	int scroll; /* rows above the bottom; 0 follows the newest */
	int new_below; /* the other's lines that came while scrolled up */
	int history_rows; /* rows the history had when last drawn */
	struct editor ed;
	int in_history; /* the keys go to the history, not the message */
	int has_pending; /* pending holds a meeting for the reader */
	struct store_meeting pending;
};

static void
chat_rows_free(struct chat_state *cs)
{
	int i;

	for (i = 0; i < cs->nrows; i++)
		free(cs->rows[i].text);
	free(cs->rows);
	cs->rows = NULL;
	cs->nrows = 0;
	cs->laid_cols = 0;
}

static void
chat_row_add(
    struct chat_state *cs, const char *text, enum ui_style style, int x)
{
	cs->rows =
	    xreallocarray(cs->rows, (size_t)cs->nrows + 1, sizeof(*cs->rows));
	cs->rows[cs->nrows].text = xstrdup(text);
	cs->rows[cs->nrows].style = style;
	cs->rows[cs->nrows].x = x;
	cs->nrows++;
}

/* A centred rule with words in it: "──── Tuesday, 1 December ────". */
static void
chat_rule(struct ui *ui, struct chat_state *cs, const char *words,
    enum ui_style style, int cols)
{
	const char *dash = ui_glyph(ui, "\xe2\x94\x80", "-");
	char buf[512];
	int width = text_width(words) + 2, side, i;
	size_t o = 0;

	side = (cols - width) / 2;
	if (side > CHAT_RULE_MAX)
		side = CHAT_RULE_MAX;
	if (side < 0)
		side = 0;
	for (i = 0; i < side && o + 8 < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s", dash);
	o += (size_t)snprintf(buf + o, sizeof(buf) - o, " %s ", words);
	for (i = 0; i < side && o + 8 < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s", dash);
	chat_row_add(cs, buf, style, (cols - side * 2 - width) / 2);
}

/* Wrapped text as rows at column x, cols - x wide. */
static void
chat_wrap(struct chat_state *cs, const char *text, enum ui_style style, int x,
    int cols)
{
	char *clean = text_sanitize(text, strlen(text), TEXT_KEEP_NEWLINES);
	char **wrapped = NULL;
	int n, i;

	if (clean == NULL)
		return;
	n = wrap_text(clean, cols - x > 10 ? cols - x : 10, &wrapped);
	for (i = 0; i < n; i++)
		chat_row_add(cs, wrapped[i], style, x);
	wrap_free(wrapped, n);
	free(clean);
}

/* Lay the history out again for cols columns. */
static void
chat_layout(struct ui *ui, struct chat_state *cs, int cols)
{
	char day[64], prev_day[64] = "", when[16], from[DISPLAY_NAME_MAX];
	char head[DISPLAY_NAME_MAX + 32], *text = NULL;
	int mine;
	size_t i;

	chat_rows_free(cs);
	if (cs->older)
		chat_row_add(
		    cs, _("(older lines: scroll up to read them)"), UI_DIM, 0);
	for (i = 0; i < cs->n; i++) {
		const struct store_chat_line *l = &cs->lines[i];

		mine = l->author_id == ui->app->viewer.user_id;
		chat_format_time(
		    l->at, cs->tz, "%A, %e %B %Y", day, sizeof(day));
		if (strcmp(day, prev_day) != 0) {
			chat_rule(ui, cs, day, UI_DIM, cols);
			(void)snprintf(prev_day, sizeof(prev_day), "%s", day);
		}
		if (l->id == cs->marker) {
			chat_rule(ui, cs, _("new"), UI_ERROR, cols);
		}
		chat_format_time(l->at, cs->tz, "%H:%M", when, sizeof(when));
		if (l->author_id == 0)
			(void)snprintf(
			    from, sizeof(from), "%s", _("a former member"));
		else if (text_display_name(l->author_first, l->author_last,
			     from, sizeof(from)) != 0)
			(void)snprintf(from, sizeof(from), "?");
		text = chat_line_text(&ui->app->board, cs->tz, l);
		if (l->meeting) {
			(void)snprintf(
			    head, sizeof(head), "%s * %s", when, from);
			chat_wrap(cs, head, UI_OK, 0, cols);
			chat_wrap(cs, text, UI_OK, CHAT_INDENT, cols);
		} else {
			(void)snprintf(head, sizeof(head), "%s %s", when,
			    mine ? _("you") : from);
			chat_row_add(cs, head, mine ? UI_DIM : UI_HEADING, 0);
			chat_wrap(cs, text, UI_NORMAL, CHAT_INDENT, cols);
		}
		free(text);
	}
	cs->laid_cols = cols;
	cs->laid_n = (int)cs->n;
}

/* Is this screen the one in front (its lines are being read)? */
static int
chat_in_front(const struct ui *ui, const struct chat_state *cs)
{
	return ui->depth > 0 && ui->stack[ui->depth - 1].state == cs;
}

/* The reader has seen up to the newest line: say so, once per line. */
static void
chat_seen(struct ui *ui, struct chat_state *cs)
{
	int64_t last;

	if (cs->n == 0 || cs->scroll > 0 || !chat_in_front(ui, cs))
		return;
	last = cs->lines[cs->n - 1].id;
	cs->new_below = 0;
	if (last <= cs->read_to)
		return;
	/* One's own line was marked read as it was sent (with all before
	 * it): nothing to write, nobody to wake. */
	if (cs->lines[cs->n - 1].author_id == ui->app->viewer.user_id) {
		cs->read_to = last;
		return;
	}
	if (chat_mark_read(&ui->app->board, &ui->app->viewer, cs->id, last) ==
	    0)
		cs->read_to = last;
}

/* Read what the screen shows of the chat besides its lines. */
static int
chat_reload_info(struct ui *ui, struct chat_state *cs)
{
	int rc;

	chat_time_zone(
	    &ui->app->board, ui->app->viewer.user_id, cs->tz, sizeof(cs->tz));
	rc = chat_get(&ui->app->board, &ui->app->viewer, cs->id, &cs->info);
	cs->has_pending = rc == 0 &&
	    meeting_pending(
		&ui->app->board, &ui->app->viewer, cs->id, &cs->pending) == 0;
	cs->laid_cols = 0; /* names, zone: lay out again */
	return rc;
}

/* Lines after the newest one here; the scroll keeps its place. */
static void
chat_load_new(struct ui *ui, struct chat_state *cs)
{
	struct store_chat_line *rows = NULL;
	int64_t since = cs->n > 0 ? cs->lines[cs->n - 1].id : 0;
	size_t n = 0, i;
	int before = cs->nrows;

	if (chat_log(&ui->app->board, &ui->app->viewer, cs->id, since, 0, &rows,
		&n, NULL) != 0 ||
	    n == 0) {
		store_chat_lines_free(rows, n);
		return;
	}
	cs->lines = xreallocarray(cs->lines, cs->n + n, sizeof(*cs->lines));
	memcpy(cs->lines + cs->n, rows, n * sizeof(*rows));
	cs->n += n;
	free(rows); /* the bodies moved */
	if (cs->laid_cols > 0) {
		chat_layout(ui, cs, cs->laid_cols);
		if (cs->scroll > 0)
			cs->scroll += cs->nrows - before;
	}
	for (i = cs->n - n; cs->scroll > 0 && i < cs->n; i++) {
		if (cs->lines[i].author_id != ui->app->viewer.user_id)
			cs->new_below++;
	}
	chat_seen(ui, cs);
}

/* Older lines before the first one here, when scrolled to the top. */
static void
chat_load_older(struct ui *ui, struct chat_state *cs)
{
	struct store_chat_line *rows = NULL, *all = NULL;
	size_t n = 0;

	if (!cs->older || cs->n == 0)
		return;
	if (chat_log(&ui->app->board, &ui->app->viewer, cs->id, 0,
		cs->lines[0].id, &rows, &n, NULL) != 0) {
		store_chat_lines_free(rows, n);
		return;
	}
	cs->older = n == CHAT_LOG_MAX;
	all = xreallocarray(NULL, cs->n + n + 1, sizeof(*all));
	memcpy(all, rows, n * sizeof(*rows));
	memcpy(all + n, cs->lines, cs->n * sizeof(*all));
	free(rows);
	free(cs->lines);
	cs->lines = all;
	cs->n += n;
	cs->laid_cols = 0; /* the bottom stays where it is */
}

static void
chat_editor_reset(struct chat_state *cs)
{
	editor_free(&cs->ed);
	editor_init(&cs->ed, "", CHAT_LINE_MAX);
}

static int
chat_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct chat_state *cs = xcalloc(1, sizeof(*cs));
	int64_t last_read = 0;
	size_t i;

	cs->id = arg->id;
	if (chat_reload_info(ui, cs) != 0 ||
	    chat_log(&ui->app->board, &ui->app->viewer, cs->id, 0, 0,
		&cs->lines, &cs->n, &last_read) != 0) {
		free(cs);
		ui_message(ui, UI_ERROR, _("There is no chat #%lld of yours."),
		    (long long)arg->id);
		return MB_ERR_NOTFOUND;
	}
	cs->older = cs->n == CHAT_LOG_MAX;
	cs->read_to = last_read;
	for (i = 0; i < cs->n && cs->marker == 0; i++) {
		if (cs->lines[i].id > last_read &&
		    cs->lines[i].author_id != ui->app->viewer.user_id)
			cs->marker = cs->lines[i].id;
	}
	editor_init(&cs->ed, "", CHAT_LINE_MAX);
	cs->in_history = !chat_writable(cs->info.state);
	*state = cs;
	return 0;
}

/* The line above the message: a meeting waiting for the reader. */
static void
chat_draw_pending(
    struct ui *ui, struct chat_state *cs, WINDOW *win, int y, int cols)
{
	char buf[STORE_PLACE_MAX + 256], when[64];

	chat_format_time(cs->pending.starts_at, cs->tz, "%a %Y-%m-%d %H:%M %Z",
	    when, sizeof(when));
	/* The keys first: a long place is what gets cut. */
	(void)snprintf(buf, sizeof(buf), _("%s meeting #%lld: %s, %d min, %s"),
	    cs->in_history ? _("y accept, n decline") :
			     _("Tab, then y accept or n decline"),
	    (long long)cs->pending.id, when, cs->pending.minutes,
	    cs->pending.place);
	(void)wmove(win, y, 1);
	(void)wattrset(win, ui_attr(ui, UI_TOAST));
	(void)whline(win, ' ', cols - 2);
	(void)ui_put(win, buf, cols - 2);
	(void)wattrset(win, A_NORMAL);
}

static void
chat_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct chat_state *cs = state;
	char head[DISPLAY_NAME_MAX + 128];
	int rows, cols, hist_top = 1, hist_rows, bottom, first, i, y;
	int writable = chat_writable(cs->info.state);

	getmaxyx(win, rows, cols);
	if (cs->laid_cols != cols - 2 || cs->laid_n != (int)cs->n)
		chat_layout(ui, cs, cols - 2);
	/* Drawn in front at the bottom: the newest lines are read. */
	chat_seen(ui, cs);
	(void)snprintf(head, sizeof(head), _("With %s  (times in %s)"),
	    cs->info.other, cs->tz);
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, head, cols - 2);
	(void)wattrset(win, A_NORMAL);
	bottom = rows - (writable ? CHAT_EDITOR_ROWS + 1 : 2) -
	    (cs->has_pending ? 1 : 0);
	hist_rows = bottom - hist_top;
	cs->history_rows = hist_rows;
	if (cs->scroll > cs->nrows - hist_rows)
		cs->scroll = cs->nrows - hist_rows;
	if (cs->scroll < 0)
		cs->scroll = 0;
	first = cs->nrows - hist_rows - cs->scroll;
	if (first < 0)
		first = 0;
	if (cs->n == 0) {
		(void)wmove(win, hist_top, 1);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win,
		    _("Nothing written yet. Say hello, and propose a first "
		      "meeting (Tab, then m)."),
		    cols - 2);
		(void)wattrset(win, A_NORMAL);
	}
	for (i = first, y = hist_top; i < cs->nrows && y < bottom; i++, y++) {
		(void)wmove(win, y, 1 + cs->rows[i].x);
		(void)wattrset(win, ui_attr(ui, cs->rows[i].style));
		(void)ui_put(win, cs->rows[i].text, cols - 2 - cs->rows[i].x);
		(void)wattrset(win, A_NORMAL);
	}
	if (cs->new_below > 0) {
		(void)snprintf(head, sizeof(head),
		    _("%d new below: End to read them"), cs->new_below);
		(void)wmove(win, bottom - 1, cols - 2 - text_width(head));
		(void)wattrset(win, ui_attr(ui, UI_TOAST));
		(void)ui_put(win, head, cols - 2);
		(void)wattrset(win, A_NORMAL);
	}
	y = bottom;
	if (cs->has_pending)
		chat_draw_pending(ui, cs, win, y++, cols);
	(void)wmove(win, y++, 0);
	(void)whline(win, ACS_HLINE, cols);
	if (!writable) {
		(void)wmove(win, y, 1);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win,
		    _("This mentorship has ended: its chat can be read, not "
		      "written."),
		    cols - 2);
		(void)wattrset(win, A_NORMAL);
		return;
	}
	if (cs->in_history) {
		(void)wmove(win, y, 1);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win,
		    _("History: m propose a meeting, g agreement, ! report, b "
		      "block, Tab write"),
		    cols - 2);
		(void)wattrset(win, A_NORMAL);
		return;
	}
	editor_draw(ui, &cs->ed, win, y, 1, CHAT_EDITOR_ROWS, cols - 2);
}

/* Send the message; it stays in the editor unless it was committed. */
static void
chat_send_message(struct ui *ui, struct chat_state *cs)
{
	const char *why = NULL;
	char *text = editor_text(&cs->ed);
	int64_t line = 0;

	if (chat_send(&ui->app->board, &ui->app->viewer, cs->id, text, &line,
		&why) != 0)
		ui_message(ui, UI_ERROR, "%s",
		    why != NULL ? why : _("Not sent; please try again."));
	else {
		chat_editor_reset(cs);
		cs->scroll = 0;
		chat_load_new(ui, cs);
	}
	free(text);
}

/* Scroll keys of the history; 1 if used. */
static int
chat_scroll_key(struct chat_state *cs, struct ui_key key, int arrows)
{
	int page = cs->history_rows > 2 ? cs->history_rows - 1 : 1;

	if (!key.is_function) {
		if (arrows && key.ch == 'k')
			cs->scroll++;
		else if (arrows && key.ch == 'j')
			cs->scroll--;
		else
			return 0;
		return 1;
	}
	switch (key.ch) {
	case KEY_PPAGE:
		cs->scroll += page;
		return 1;
	case KEY_NPAGE:
		cs->scroll -= page;
		return 1;
	case KEY_HOME:
		cs->scroll = cs->nrows;
		return 1;
	case KEY_END:
		cs->scroll = 0;
		return 1;
	case KEY_UP:
		if (!arrows)
			return 0;
		cs->scroll++;
		return 1;
	case KEY_DOWN:
		if (!arrows)
			return 0;
		cs->scroll--;
		return 1;
	}
	return 0;
}

/* After scrolling: older lines at the top, read at the bottom. */
static void
chat_scrolled(struct ui *ui, struct chat_state *cs)
{
	if (cs->scroll < 0)
		cs->scroll = 0;
	if (cs->history_rows > 0 && cs->scroll >= cs->nrows - cs->history_rows)
		chat_load_older(ui, cs);
	chat_seen(ui, cs);
}

/* Answer the meeting waiting for the reader. */
static void
chat_answer(struct ui *ui, struct chat_state *cs, int accept)
{
	const char *why = NULL;

	if (!cs->has_pending) {
		ui_message(ui, UI_ERROR, "%s",
		    _("No meeting waits for your answer here."));
		return;
	}
	if (meeting_answer(&ui->app->board, &ui->app->viewer, cs->pending.id,
		accept, &why) != 0) {
		ui_message(ui, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
	} else
		ui_message(ui, UI_OK, "%s",
		    accept ? _("Accepted: both of you get the invitation by "
			       "mail.") :
			     _("Declined; propose another time if you "
			       "like."));
	(void)chat_reload_info(ui, cs);
	chat_load_new(ui, cs);
}

/* Block the other of the chat, or unblock them. */
static void
chat_block(struct ui *ui, struct chat_state *cs)
{
	const char *why = NULL;
	int blocked = 0, rc;

	if (cs->info.other_id == 0)
		return;
	rc = moderation_blocked(&ui->app->board, ui->app->viewer.user_id,
	    cs->info.other_id, &blocked);
	if (rc == 0 && blocked)
		rc = moderation_unblock(
		    &ui->app->board, &ui->app->viewer, cs->info.other_id, &why);
	else if (rc == 0)
		rc = moderation_block(
		    &ui->app->board, &ui->app->viewer, cs->info.other_id, &why);
	if (rc != 0)
		ui_message(ui, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
	else if (blocked)
		ui_message(
		    ui, UI_OK, _("%s is no longer blocked."), cs->info.other);
	else
		ui_message(ui, UI_OK,
		    _("Blocked: %s can write no more lines to you here, and is "
		      "not told. b again unblocks."),
		    cs->info.other);
}

/* A key for the message being written; what was refused is said. */
static enum ui_result
chat_edit_key(struct ui *ui, struct chat_state *cs, struct ui_key key)
{
	if (editor_key(&cs->ed, key) == EDITOR_IGNORED)
		return UI_UNHANDLED;
	if (cs->ed.paste_refused > 0)
		ui_message(ui, UI_ERROR,
		    _("Not pasted: that is %ld characters, and a message "
		      "holds %d (%zu written). Send it in parts."),
		    cs->ed.paste_refused, CHAT_LINE_MAX, cs->ed.len);
	else if (cs->ed.full)
		ui_message(ui, UI_ERROR,
		    _("A message holds at most %d characters."), CHAT_LINE_MAX);
	cs->ed.paste_refused = 0;
	return UI_HANDLED;
}

static enum ui_result
chat_key(struct ui *ui, void *state, struct ui_key key)
{
	struct chat_state *cs = state;
	int writable = chat_writable(cs->info.state);

	/* A paste is for the message, wherever the keys were, and all of
	 * it: its newlines do not send. */
	if (writable &&
	    (cs->ed.pasting ||
		(key.is_function && key.ch == UI_KEY_PASTE_BEGIN))) {
		cs->in_history = 0;
		return chat_edit_key(ui, cs, key);
	}
	if (!key.is_function && key.ch == '\t' && writable) {
		cs->in_history = !cs->in_history;
		return UI_HANDLED;
	}
	if (cs->in_history || !writable) {
		if (chat_scroll_key(cs, key, 1)) {
			chat_scrolled(ui, cs);
			return UI_HANDLED;
		}
		/* An ended chat is read: its lines may still be reported. */
		if (key.is_function || (!writable && key.ch != '!'))
			return UI_UNHANDLED;
		switch (key.ch) {
		case 'm':
			(void)ui_push_id(ui, &scr_meeting_propose, cs->id);
			return UI_HANDLED;
		case 'g':
			(void)ui_push_id(ui, &scr_agreement, cs->id);
			return UI_HANDLED;
		case 'y':
		case 'n':
			chat_answer(ui, cs, key.ch == 'y');
			return UI_HANDLED;
		case '!':
			(void)ui_push_id(ui, &scr_report_chat, cs->id);
			return UI_HANDLED;
		case 'b':
			chat_block(ui, cs);
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	}
	/* Writing. */
	if (!key.is_function && key.ch == UI_KEY_ESC) {
		cs->in_history = 1;
		return UI_HANDLED;
	}
	if ((key.is_function && key.ch == KEY_ENTER) ||
	    (!key.is_function && key.ch == '\r')) {
		chat_send_message(ui, cs);
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == UI_KEY_ALT_ENTER) {
		key.is_function = 0;
		key.ch = '\n';
	}
	if (key.is_function &&
	    (key.ch == KEY_PPAGE || key.ch == KEY_NPAGE ||
		(cs->ed.len == 0 &&
		    (key.ch == KEY_HOME || key.ch == KEY_END)))) {
		(void)chat_scroll_key(cs, key, 0);
		chat_scrolled(ui, cs);
		return UI_HANDLED;
	}
	return chat_edit_key(ui, cs, key);
}

/* A line came, a meeting was answered, the zone or the mentorship
 * changed. */
static void
chat_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	struct chat_state *cs = state;

	if (news->kind == STORE_NEWS_CHAT && news->object_id != cs->id &&
	    news->object_id != 0)
		return;
	if (news->kind != STORE_NEWS_CHAT && news->kind != STORE_NEWS_ANY &&
	    news->kind != STORE_NEWS_ACCOUNT &&
	    news->kind != STORE_NEWS_REQUEST)
		return;
	if (chat_reload_info(ui, cs) != 0)
		return; /* gone (erased): the lines here stay until q */
	chat_load_new(ui, cs);
}

static int
chat_dirty(void *state)
{
	struct chat_state *cs = state;

	return cs->ed.len > 0;
}

static void
chat_close(void *state)
{
	struct chat_state *cs = state;

	chat_rows_free(cs);
	store_chat_lines_free(cs->lines, cs->n);
	editor_free(&cs->ed);
	free(cs);
}

static void
chat_status(struct ui *ui, void *state, char *buf, size_t size)
{
	struct chat_state *cs = state;

	(void)ui;
	(void)snprintf(buf, size, "#%lld", (long long)cs->id);
}

const struct screen scr_chat = {
	.name = "chat",
	.title = N_("Chat"),
	.help = N_("A conversation with your mentor or mentee.\n"
		   "  Enter              send the message\n"
		   "  Ctrl-J, Alt-Enter  a new line in the message\n"
		   "  PgUp/PgDn          scroll the history (Home/End too "
		   "while the message is empty)\n"
		   "  Tab or Esc         to the history, Tab back to writing\n"
		   "In the history:\n"
		   "  Up/Down, j/k       scroll\n"
		   "  m                  propose a meeting\n"
		   "  g                  the mentoring agreement\n"
		   "  y / n              accept or decline a proposed "
		   "meeting\n"
		   "  !                  report a line, or the person, to the "
		   "mentoring team\n"
		   "  b                  block the other (no more lines from "
		   "them), or unblock\n"
		   "  q                  back\n"
		   "A message holds up to 2000 characters; a longer paste is "
		   "refused whole."),
	.keys = N_("Enter send  Ctrl-J new line  Tab history  F1 help"),
	.open = chat_open,
	.draw = chat_draw,
	.key = chat_key,
	.close = chat_close,
	.dirty = chat_dirty,
	.status = chat_status,
	.update = chat_update,
};
