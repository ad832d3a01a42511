/* ui: terminal set-up, the screen stack, title and status lines, help. */
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board_limits.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "store.h"
#include "text.h"
#include "translit.h"
#include "screens.h"
#include "session.h"
#include "ui.h"
#include "util.h"
#include "widget.h"

static volatile sig_atomic_t ui_terminate; /* the signal that came */

/*
 * SIGTERM (mentord shutting down) or SIGHUP (the connection is gone):
 * ui_run's loop ends, every screen closes (and keeps what it must, a
 * draft), and for SIGTERM it says why.
 */
static void
ui_on_signal(int sig)
{
	ui_terminate = sig;
}

void
ui_message(struct ui *ui, enum ui_style style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	va_end(ap);
	/* A full disk is the reason, whatever the screen would say. */
	if (style == UI_ERROR && error_fault_text() != NULL)
		(void)snprintf(
		    ui->message, sizeof(ui->message), "%s", error_fault_text());
	ui->message_style = (int)style;
}

int
ui_push(struct ui *ui, const struct screen *s, const struct ui_arg *arg)
{
	static const struct ui_arg none;
	struct ui_arg to_arg;
	const struct screen *to = NULL;
	void *state = NULL;
	int rc;

	if (ui->depth == UI_STACK_MAX) {
		log_warn("screen stack full");
		return MB_ERR_LIMIT;
	}
	if (s->open != NULL) {
		ui->opening = 1;
		rc = s->open(ui, arg != NULL ? arg : &none, &state);
		ui->opening = 0;
		if (rc != 0)
			return rc;
	}
	if (ui->redirect != NULL) {
		/* The screen sent us elsewhere while opening (a deep link
		 * that was done at once). */
		to = ui->redirect;
		to_arg = ui->redirect_arg;
		ui->redirect = NULL;
		if (s->close != NULL)
			s->close(state);
		return ui_push(ui, to, &to_arg);
	}
	ui->stack[ui->depth].screen = s;
	ui->stack[ui->depth].state = state;
	ui->depth++;
	return 0;
}

int
ui_push_id(struct ui *ui, const struct screen *s, int64_t id)
{
	struct ui_arg arg = { .id = id };

	return ui_push(ui, s, &arg);
}

int
ui_push_index(struct ui *ui, const struct screen *s, int index)
{
	struct ui_arg arg = { .index = index };

	return ui_push(ui, s, &arg);
}

/* Take the top frame off the stack: it keeps what it must, then goes. */
static void
ui_close_top(struct ui *ui)
{
	struct ui_frame *f = &ui->stack[--ui->depth];

	if (f->screen->leave != NULL)
		f->screen->leave(ui, f->state);
	if (f->screen->close != NULL)
		f->screen->close(f->state);
	f->state = NULL;
}

void
ui_pop(struct ui *ui)
{
	if (ui->depth == 0)
		return;
	ui_close_top(ui);
	if (ui->depth == 0)
		ui->quit = 1;
}

int
ui_replace(struct ui *ui, const struct screen *s, const struct ui_arg *arg)
{
	if (ui->opening) {
		/* Called from an open function: replace the screen opening.
		 * The text is copied: the opener's may not outlive it. */
		ui->redirect = s;
		memset(&ui->redirect_arg, 0, sizeof(ui->redirect_arg));
		if (arg != NULL)
			ui->redirect_arg = *arg;
		if (arg != NULL && arg->text != NULL) {
			(void)snprintf(ui->redirect_text,
			    sizeof(ui->redirect_text), "%s", arg->text);
			ui->redirect_arg.text = ui->redirect_text;
		}
		return 0;
	}
	if (ui->depth > 0)
		ui_close_top(ui);
	return ui_push(ui, s, arg);
}

/*
 * Cursor keys come as ESC O A in keypad mode and as ESC [ A otherwise;
 * some terminals send the second form whatever we ask.  Know both, and
 * the keys of ui.h that curses has no name for.
 */
static void
ui_define_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{ "\033[A", KEY_UP },
		{ "\033[B", KEY_DOWN },
		{ "\033[C", KEY_RIGHT },
		{ "\033[D", KEY_LEFT },
		{ "\033OA", KEY_UP },
		{ "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT },
		{ "\033OD", KEY_LEFT },
		{ "\033[H", KEY_HOME },
		{ "\033[F", KEY_END },
		{ "\033OH", KEY_HOME },
		{ "\033OF", KEY_END },
		{ "\033[1~", KEY_HOME },
		{ "\033[4~", KEY_END },
		{ "\033[Z", KEY_BTAB },
		{ "\033\r", UI_KEY_ALT_ENTER },
		{ "\033\n", UI_KEY_ALT_ENTER },
		{ "\033[200~", UI_KEY_PASTE_BEGIN },
		{ "\033[201~", UI_KEY_PASTE_END },
	};
	size_t i;

	for (i = 0; i < nitems(extra); i++) {
		/* ERR only means it is known already. */
		(void)define_key(extra[i].seq, extra[i].key);
	}
}

/*
 * Ask the terminal to mark pasted text (xterm's bracketed paste mode, which
 * PuTTY, Windows Terminal and the common Linux and macOS terminals know), or
 * stop asking.  Terminals that do not know the mode ignore the request,
 * except the few named here, which would show it.
 */
static void
ui_bracketed_paste(struct ui *ui, int on)
{
	static const char *const unknowing[] = { "linux", "vt100", "vt52",
		"dumb" };
	const char *name = termname();
	size_t i;

	for (i = 0; name != NULL && i < nitems(unknowing); i++) {
		if (strcmp(name, unknowing[i]) == 0)
			return;
	}
	ui->paste_mode = on;
	(void)fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	(void)fflush(stdout);
}

/* Start curses on the terminal; an unknown TERM falls back to a known
 * one.  Returns 0 or MB_ERR_IO. */
static int
ui_start(struct ui *ui)
{
	static const char *const fallbacks[] = { TERM_FALLBACK, "vt100" };
	const char *term = getenv("TERM");
	const char *codeset = nl_langinfo(CODESET);
	size_t i;

	ui->ascii = codeset == NULL || strcmp(codeset, "UTF-8") != 0;
	ui_draw_ascii(ui->ascii);
	/* curses reads a pipe that ui_input fills, not the terminal. */
	if (ui_input_open(&ui->input) != 0)
		return MB_ERR_IO;
	if (term != NULL && term[0] != '\0' && term_known(term))
		ui->term = newterm(term, stdout, ui->input.curses_in);
	for (i = 0; ui->term == NULL && i < nitems(fallbacks); i++) {
		log_info("terminal type %s unknown here, trying %s",
		    term != NULL ? term : "(none)", fallbacks[i]);
		if (term_known(fallbacks[i]))
			ui->term =
			    newterm(fallbacks[i], stdout, ui->input.curses_in);
	}
	if (ui->term == NULL) {
		log_error("no usable terminal type");
		return MB_ERR_IO;
	}
	(void)set_term(ui->term);
	if (term_batch_output() != 0)
		return MB_ERR_IO;
	/* raw: Ctrl-S, Ctrl-Q and Ctrl-C reach us as keys, not as flow
	 * control or signals. */
	if (raw() == ERR || noecho() == ERR || nonl() == ERR ||
	    keypad(stdscr, TRUE) == ERR)
		log_warn("terminal mode set-up incomplete");
	/* ui_input waits UI_ESCDELAY_MS for the rest of a key's escape
	 * sequence before curses sees it: curses' own wait would add to
	 * it. */
	(void)set_escdelay(0);
	ui_define_keys();
	ui_bracketed_paste(ui, 1);
	(void)curs_set(0);
	/* ui_run waits in poll() for keys and wake-ups; curses only reads
	 * what is there. */
	(void)wtimeout(stdscr, 0);
	if (has_colors() && start_color() != ERR) {
		ui->colors = 1;
		(void)use_default_colors();
		if (ui_draw_colors() != 0)
			ui->colors = 0;
	}
	return 0;
}

/* (Re)make the body window after a start or a resize. */
static void
ui_layout(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small =
	    ui->cols < SCREEN_MIN_COLS || ui->rows < SCREEN_MIN_ROWS;
	if (ui->body != NULL) {
		(void)delwin(ui->body);
		ui->body = NULL;
	}
	if (ui->too_small)
		return;
	/* Title line, body, message line, status line.  A part of stdscr,
	 * sharing its cells: a window of its own would hold another screen's
	 * worth of them (47 KiB at 80x24) in every session.  ui_draw erases
	 * and draws stdscr's lines before the body's. */
	ui->body = subwin(stdscr, ui->rows - 3, ui->cols, 1, 0);
	if (ui->body == NULL)
		log_error("subwin failed");
	else
		(void)keypad(ui->body, TRUE);
}

/* Instead of the screen: what size is needed, and how to leave. */
static void
ui_draw_too_small(struct ui *ui)
{
	char line[160];
	int y = ui->rows / 2 - 1;

	(void)werase(stdscr);
	(void)snprintf(line, sizeof(line),
	    _("Terminal too small (need %dx%d, have %dx%d)."), SCREEN_MIN_COLS,
	    SCREEN_MIN_ROWS, ui->cols, ui->rows);
	(void)wmove(stdscr, y < 0 ? 0 : y, 0);
	(void)ui_put(stdscr, line, ui->cols);
	(void)wmove(stdscr, y + 1 < ui->rows ? y + 1 : 0, 0);
	(void)ui_put(
	    stdscr, _("Enlarge the window, or press q to quit."), ui->cols);
	(void)wnoutrefresh(stdscr);
}

/* Fill a line of stdscr with a style and put text on it. */
static void
ui_bar(struct ui *ui, int y, enum ui_style style, const char *left,
    const char *right)
{
	int rw = right != NULL ? ui_width(right) : 0;

	/* The keys stay whole; the left side is cut to what is left. */
	if (rw > ui->cols - 2)
		rw = ui->cols - 2;
	(void)wattrset(stdscr, ui_attr(ui, style));
	(void)wmove(stdscr, y, 0);
	(void)whline(stdscr, ' ', ui->cols);
	(void)wmove(stdscr, y, 1);
	(void)ui_put(stdscr, left, ui->cols - 2 - (rw > 0 ? rw + 2 : 0));
	if (rw > 0) {
		(void)wmove(stdscr, y, ui->cols - rw - 1);
		(void)ui_put(stdscr, right, rw);
	}
	(void)wattrset(stdscr, A_NORMAL);
}

/*
 * The title line, the message line and the status line (who is here, unread
 * notifications, the screen's status and keys) around the body.
 */
static void
ui_draw_frame(struct ui *ui)
{
	const struct screen *s = ui->stack[ui->depth - 1].screen;
	char title[256], who[256];

	(void)werase(stdscr);
	(void)snprintf(title, sizeof(title), "%s %s %s", _("Mentorboard"),
	    ui_glyph(ui, "\xe2\x80\x94", "-"), _(s->title));
	ui_bar(ui, 0, UI_TITLE, title, NULL);
	/* A toast of news for a few seconds, else the screen's message. */
	if (ui->toast[0] != '\0') {
		(void)wattrset(stdscr, ui_attr(ui, UI_TOAST));
		(void)wmove(stdscr, ui->rows - 2, 1);
		(void)ui_put(stdscr, ui->toast, ui->cols - 2);
		(void)wattrset(stdscr, A_NORMAL);
	} else if (ui->message[0] != '\0') {
		(void)wattrset(stdscr, ui_attr(ui, ui->message_style));
		(void)wmove(stdscr, ui->rows - 2, 1);
		(void)ui_put(stdscr, ui->message, ui->cols - 2);
		(void)wattrset(stdscr, A_NORMAL);
	}
	if (ui->app->viewer.user_id != 0) {
		(void)snprintf(who, sizeof(who), _("%s %s %lld unread"),
		    ui->app->viewer.display_name, ui_glyph(ui, "\xc2\xb7", "|"),
		    (long long)ui->unread);
	} else
		(void)snprintf(who, sizeof(who), "%s", _("guest"));
	if (s->status != NULL) {
		char extra[128] = "";
		size_t len = strlen(who);
		s->status(
		    ui, ui->stack[ui->depth - 1].state, extra, sizeof(extra));
		if (extra[0] != '\0')
			(void)snprintf(who + len, sizeof(who) - len, " %s %s",
			    ui_glyph(ui, "\xc2\xb7", "|"), extra);
	}
	ui_bar(ui, ui->rows - 1, UI_STATUS, who, _(s->keys));
	(void)wnoutrefresh(stdscr);
}

/* The help overlay: the screen's own text, then the keys of every screen. */
static void
ui_draw_help(struct ui *ui)
{
	const struct screen *s = ui->stack[ui->depth - 1].screen;
	const char *general =
	    _("Keys on every screen:\n"
	      "  ? or F1     this help\n"
	      "  q or Esc    back (on the first screen: leave)\n"
	      "  Tab         next field, Shift-Tab previous\n"
	      "  Enter       choose\n"
	      "  n           your notifications (members)\n"
	      "  /           find a mentor\n"
	      "  Ctrl-S      save or send a form\n"
	      "\n"
	      "Press any key to close this help.");
	char *text = xasprintf("%s\n\n%s", _(s->help), general);
	char **lines = NULL;
	int h = ui->rows - 4, w = ui->cols - 8, i, n;
	WINDOW *win = newwin(h, w, 2, 4);

	if (win == NULL) {
		free(text);
		return;
	}
	(void)werase(win);
	(void)box(win, 0, 0);
	(void)wmove(win, 0, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _(" Help "), w - 4);
	(void)wattrset(win, A_NORMAL);
	n = wrap_text(text, w - 4, &lines);
	for (i = 0; i < n && i < h - 2; i++) {
		(void)wmove(win, i + 1, 2);
		(void)ui_put(win, lines[i], w - 4);
	}
	wrap_free(lines, n);
	(void)wnoutrefresh(win);
	(void)delwin(win);
	free(text);
}

/*
 * Draw one frame: the lines around, the top screen, the help if open, and
 * the terminal cursor where a screen put it (hidden otherwise).
 */
static void
ui_draw(struct ui *ui)
{
	struct ui_frame *f = &ui->stack[ui->depth - 1];

	if (ui->too_small) {
		ui_draw_too_small(ui);
		(void)doupdate();
		return;
	}
	ui_draw_frame(ui);
	ui->cursor_win = NULL;
	ui->cursor_shown = 0;
	if (ui->body != NULL) {
		(void)werase(ui->body);
		f->screen->draw(ui, f->state, ui->body);
	}
	if (ui->body != NULL && ui->cursor_win == NULL)
		ui_set_focus(ui, ui->body, 0, 0);
	/* The cursor shows only where a field is being typed into; on a
	 * selection it rests hidden, for screen readers.  The window it is
	 * in is refreshed last, so that its cursor is the terminal's. */
	if (ui->cursor_win != NULL && !ui->help_open)
		(void)wmove(ui->cursor_win, ui->cursor_y, ui->cursor_x);
	if (ui->body != NULL)
		(void)wnoutrefresh(ui->body);
	if (ui->help_open)
		ui_draw_help(ui);
	else if (ui->cursor_win != NULL && ui->cursor_win != ui->body)
		(void)wnoutrefresh(ui->cursor_win);
	(void)curs_set(ui->cursor_shown && !ui->help_open ? 1 : 0);
	(void)doupdate();
}

/* Close the top screen; if it has unsaved changes, ask once first. */
static void
ui_back(struct ui *ui)
{
	struct ui_frame *f = &ui->stack[ui->depth - 1];

	if (f->screen->dirty != NULL && f->screen->dirty(f->state) &&
	    !ui->leave_warned) {
		ui->leave_warned = 1;
		ui_message(ui, UI_ERROR, "%s",
		    _("Unsaved changes: press Esc again to discard them, or "
		      "Ctrl-S to save."));
		return;
	}
	ui_pop(ui);
}

/* Keys that mean the same on every screen, after the screen had them. */
static void
ui_global_key(struct ui *ui, struct ui_key key)
{
	if ((!key.is_function && key.ch == '?') ||
	    (key.is_function && key.ch == KEY_F(1))) {
		ui->help_open = 1;
		return;
	}
	if (!key.is_function &&
	    (key.ch == 'q' || key.ch == UI_KEY_ESC || key.ch == UI_CTRL('c'))) {
		ui_back(ui);
		return;
	}
	/* "n" opens the notifications from anywhere, for members. */
	if (!key.is_function && key.ch == 'n' &&
	    ui->stack[ui->depth - 1].screen != &scr_notifications &&
	    ui->app->viewer.user_id != 0 && ui->app->viewer.verified) {
		(void)ui_push(ui, &scr_notifications, NULL);
		return;
	}
	/* "/" searches from anywhere, for all who may search. */
	if (!key.is_function && key.ch == '/' &&
	    ui->stack[ui->depth - 1].screen != &scr_search &&
	    (ui->app->viewer.user_id == 0 || ui->app->viewer.verified))
		(void)ui_push(ui, &scr_search, NULL);
}

/*
 * One key: it closes the help if open; on a terminal too small only q and
 * Esc count; F1 is always the help's; otherwise the top screen has it
 * first, then the keys every screen shares.
 */
static void
ui_handle_key(struct ui *ui, struct ui_key key)
{
	struct ui_frame *f = &ui->stack[ui->depth - 1];
	enum ui_result r;
	int warned;

	ui->message[0] = '\0';
	ui->toast[0] = '\0'; /* a key dismisses it; the key still counts */
	error_fault_set(0); /* a fault is told for the action it spoiled */
	warned = ui->leave_warned;
	if (ui->help_open) {
		ui->help_open = 0;
		return;
	}
	if (ui->too_small) {
		if (!key.is_function && (key.ch == 'q' || key.ch == UI_KEY_ESC))
			ui->quit = 1;
		return;
	}
	if (key.is_function && key.ch == KEY_F(1)) {
		ui->help_open = 1;
		return;
	}
	r = f->screen->key != NULL ? f->screen->key(ui, f->state, key) :
				     UI_UNHANDLED;
	switch (r) {
	case UI_UNHANDLED:
		ui_global_key(ui, key);
		break;
	case UI_HANDLED:
		break;
	case UI_BACK:
		ui_pop(ui);
		break;
	case UI_QUIT:
		ui->quit = 1;
		break;
	}
	/* A warning about unsaved changes lasts one key. */
	if (warned)
		ui->leave_warned = 0;
}

/*
 * Nothing drawn for STORE_REST_SECONDS: nobody is typing and no news
 * came.  Give back what an idle session need not hold until it wakes: the
 * database connection and SQLite's memory with it (the next key or news
 * opens it again), the free pages of the heap, and the stack below this
 * frame, which the start (ncurses reading its terminfo entry, some 100 KiB
 * deep) and the drawing reached.
 */
static void
ui_rest(struct ui *ui)
{
	ui->rested = 1;
	mentor_rest(ui->app->store);
}

/* Close every screen and give the terminal back. */
static void
ui_end(struct ui *ui)
{
	while (ui->depth > 0)
		ui_pop(ui);
	if (ui->body != NULL)
		(void)delwin(ui->body);
	if (ui->term != NULL) {
		(void)endwin();
		if (ui->paste_mode)
			ui_bracketed_paste(ui, 0);
		delscreen(ui->term);
	}
	ui_input_close(&ui->input);
}

/* A key: note it in the session's row, at most every UI_ACTIVE_SECONDS
 * (a write to the store; the team's list of who is online reads it). */
static void
ui_note_active(struct ui *ui, time_t now)
{
	if (ui->app->viewer.session_id <= 0 ||
	    now - ui->active_noted < UI_ACTIVE_SECONDS)
		return;
	ui->active_noted = now;
	session_active(&ui->app->board, ui->app->viewer.session_id);
}

void
ui_take_key(struct ui *ui, struct ui_key key)
{
	ui->dirty = 1;
	ui->last_key = time(NULL);
	ui_note_active(ui, ui->last_key);
	/* curses parses the marks of a paste the reads cut; from then on
	 * ui_input reads the paste itself. */
	if (key.is_function && key.ch == UI_KEY_PASTE_BEGIN) {
		ui->input.pasting = 1;
		memset(&ui->input.mb, 0, sizeof(ui->input.mb));
	} else if (key.is_function && key.ch == UI_KEY_PASTE_END)
		ui->input.pasting = 0;
	ui_handle_key(ui, key);
}

void
ui_take_curses_keys(struct ui *ui)
{
	struct ui_key key;
	wint_t ch;
	int rc;

	/* Every key curses has, without waiting for more. */
	while (!ui->quit && (rc = wget_wch(stdscr, &ch)) != ERR) {
		key.is_function = rc == KEY_CODE_YES;
		key.ch = ch;
		if (key.is_function && ch == KEY_RESIZE) {
			ui->dirty = 1;
			ui_layout(ui);
		} else
			ui_take_key(ui, key);
	}
}

int
ui_run(struct app *app, const struct screen *first, const struct ui_arg *arg)
{
	struct sigaction sa;
	struct ui *ui = NULL;
	int waited;
	int idle = 0, gone = 0;
	int rc, status = CLI_FAIL;

	/* On the heap, not the stack: what an idle session keeps of its
	 * stack is only the pages its frames take (see ui_rest). */
	ui = xcalloc(1, sizeof(*ui));
	ui->app = app;
	if (identity_ended(app, ui->ended, sizeof(ui->ended))) {
		(void)printf("%s\r\n", ui->ended);
		goto out;
	}
	/* Not SA_RESTART: a signal must wake the wait for a key. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ui_on_signal;
	(void)sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGHUP, &sa, NULL) != 0)
		log_warn("sigaction: %s", strerror(errno));
	rc = ui_start(ui);
	if (rc != 0) {
		(void)fprintf(stderr, "%s\n",
		    _("mentor: this terminal cannot show the board; try "
		      "TERM=xterm-256color"));
		goto out;
	}
	ui_layout(ui);
	ui_news_start(ui);
	rc = ui_push(ui, first, arg);
	if (rc != 0) {
		ui_end(ui);
		(void)fprintf(
		    stderr, "%s\n", _("mentor: cannot open the screen"));
		goto out;
	}
	ui->last_key = time(NULL);
	ui->dirty = 1;
	while (!ui->quit && !ui_terminate && !idle && !gone) {
		if (ui->dirty || ui->news_dirty) {
			ui_draw(ui);
			ui->drawn_at = util_now_ms();
			ui->rested = 0;
		}
		ui->dirty = ui->news_dirty = 0;
		waited = ui_news_wait(ui);
		if (waited < 0) {
			gone = 1;
			continue;
		}
		if (waited == 0 && !ui_input_pending(&ui->input)) {
			/* Nobody there for long: go. */
			idle = time(NULL) - ui->last_key > UI_IDLE_SECONDS;
			ui->dirty = ui_news_tick(ui);
			if (!ui->dirty && !ui->rested &&
			    util_now_ms() - ui->drawn_at >=
				STORE_REST_SECONDS * 1000LL)
				ui_rest(ui);
			continue;
		}
		if (ui_input_read(ui) != 0) {
			gone = 1;
			continue;
		}
		ui_take_curses_keys(ui);
	}
	ui_end(ui);
	if (app->viewer.session_id > 0)
		store_news_unlisten(
		    app->store, app->viewer.session_id, ui->news_fd);
	if (ui->ended[0] != '\0') {
		(void)printf("\r\n%s\r\n", ui->ended);
		(void)fflush(stdout);
	} else if (ui_terminate == SIGTERM) {
		(void)printf("\r\n%s\r\n",
		    _("Mentorboard is shutting down for maintenance. Please "
		      "come back later."));
		(void)fflush(stdout);
	} else if (idle) {
		(void)printf("\r\n%s\r\n",
		    _("Logged out: no key was pressed for two hours."));
		(void)fflush(stdout);
	}
	status = ui->exit_status;
out:
	free(ui);
	return status;
}
