/*
 * ui: the full-screen face of mentor.  A stack of screens (each a table
 * entry: title, help, keys, open/draw/key/close functions), a title line,
 * a status line, a help overlay, redraw on resize, and a plain message when
 * the terminal is smaller than 80x24.  Screens draw and read keys; the
 * rules they apply live in common/.
 */
#ifndef MB_UI_H
#define MB_UI_H

#include <curses.h>
#include <time.h>
#include <wchar.h>

#include "mentor.h"
#include "notify.h"

#define UI_STACK_MAX 16
#define UI_MESSAGE_MAX 256
/* How often an idle screen looks at its news counter, in case a wake-up
 * was lost; wake-ups themselves come at once. */
#define UI_TICK_MS 3000
#define UI_NEWS_BATCH 16 /* wake-ups read at a time */
#define UI_TOAST_MS 5000 /* a new notification shows this long */
/* A key is noted in the session's row (who is online, idle since) at
 * most this often. */
#define UI_ACTIVE_SECONDS 30

enum ui_result {
	UI_UNHANDLED = 0, /* the UI applies its global keys */
	UI_HANDLED,
	UI_BACK, /* close this screen */
	UI_QUIT, /* leave mentor */
};

enum ui_style {
	UI_NORMAL = 0,
	UI_TITLE,
	UI_STATUS,
	UI_SELECTED,
	UI_HEADING,
	UI_ERROR,
	UI_OK,
	UI_DIM,
	UI_FIELD,
	UI_TOAST, /* news that just came */
};

/* A key as the screens see it: a function key or a character. */
struct ui_key {
	int is_function; /* ch is KEY_* */
	wint_t ch;
};

#define UI_CTRL(c) ((c)&0x1f) /* the character Ctrl and c send */
#define UI_KEY_ESC 27

/*
 * Function keys curses has no name for (define_key): Alt-Enter, and the
 * marks a terminal in bracketed paste mode puts around pasted text, so
 * that a paste is taken or refused as a whole and its newlines do not
 * count as Enter.
 */
#define UI_KEY_ALT_ENTER (KEY_MAX + 1)
#define UI_KEY_PASTE_BEGIN (KEY_MAX + 2)
#define UI_KEY_PASTE_END (KEY_MAX + 3)

/* Is key Enter (CR or LF as terminals send it, or the keypad's)? */
int ui_key_enter(struct ui_key key);

struct ui;

/*
 * What a screen opens with: a deep link's words (text), or what the
 * screen that opens it passes.  Each screen's open function says which
 * parts it reads; the rest stay zero.
 */
struct ui_arg {
	int64_t id; /* a mentor, a member, a request */
	int index; /* a section, an entry */
	const char *text; /* typed words, a code; NULL for none */
};

struct screen {
	const char *name;
	const char *title; /* N_() */
	const char *help; /* N_(): the help overlay's text */
	const char *keys; /* N_(): keys for the status line */
	/* Make the screen's state (may stay NULL); arg (never NULL) comes
	 * from a deep link or the opener.  Returns 0 or MB_ERR_*. */
	int (*open)(struct ui *ui, const struct ui_arg *arg, void **state);
	void (*draw)(struct ui *ui, void *state, WINDOW *win);
	enum ui_result (*key)(struct ui *ui, void *state, struct ui_key key);
	void (*close)(void *state);
	/* Has the screen unsaved changes?  Then q or Esc asks first. */
	int (*dirty)(void *state);
	/* Text for the status line beside the person's name (may be NULL). */
	void (*status)(struct ui *ui, void *state, char *buf, size_t size);
	/* Something the screen may show changed (news for this member, or
	 * for everyone): reread it.  May be NULL for screens that read
	 * nothing, or read as they draw.  Called for every screen on the
	 * stack, the top one last. */
	void (*update)(
	    struct ui *ui, void *state, const struct store_news_event *news);
	/* Called every UI_TICK_MS while no key comes, for every screen on
	 * the stack (may be NULL): a draft saved, say.  Returns whether to
	 * draw again. */
	int (*tick)(struct ui *ui, void *state);
	/* The screen is about to close, whyever (q, a dropped connection,
	 * mentord stopping): keep what must be kept, a draft (may be
	 * NULL).  close follows. */
	void (*leave)(struct ui *ui, void *state);
};

struct ui_frame {
	const struct screen *screen;
	void *state;
};

/* Bytes read from the terminal at a time (ui_input.c). */
#define UI_INPUT_CHUNK 16384
/* How long the rest of a key's escape sequence may take to come, after
 * its start (Escape alone is a key once this has passed). */
#define UI_ESCDELAY_MS 25
/* The longest escape sequence of a key, counting its Escape. */
#define UI_KEY_SEQUENCE_MAX 16

/* The terminal's input on its way to curses and the screens. */
struct ui_input {
	FILE *curses_in; /* a pipe's read end: curses reads its keys here */
	int pipe_in; /* its write end */
	int tty_ready; /* poll saw input on the terminal */
	int pasting; /* between the marks of a bracketed paste */
	/* buf holds the start of a paste's mark (the end mark while pasting,
	 * else the begin mark), no more: the next read decides. */
	int carry;
	int release; /* the escape wait passed: hold no begin mark back */
	mbstate_t mb; /* a pasted character cut by a read */
	char tail[UI_KEY_SEQUENCE_MAX]; /* the last bytes curses got */
	size_t tail_len;
	/* UI_INPUT_CHUNK bytes, of the heap and not cleared: an idle
	 * session has touched only what its reads filled. */
	char *buf;
	size_t off, len; /* read from the terminal, not yet placed */
};

struct ui {
	struct app *app;
	SCREEN *term;
	WINDOW *body;
	int rows, cols;
	int too_small;
	int colors;
	int ascii; /* no UTF-8: plain characters only */
	int paste_mode; /* bracketed paste was asked for */
	struct ui_frame stack[UI_STACK_MAX];
	int depth;
	int help_open;
	char message[UI_MESSAGE_MAX];
	int message_style;
	int exit_status;
	int quit;
	char ended[UI_MESSAGE_MAX * 2]; /* the team ended the session: why */
	int leave_warned; /* a dirty screen was asked to close once */
	int opening; /* inside a screen's open function */
	const struct screen *redirect; /* ui_replace from inside open */
	struct ui_arg redirect_arg;
	char redirect_text[UI_MESSAGE_MAX];
	/* Where the terminal cursor rests, set while drawing (NULL: the body's
	 * top left), and whether it shows (a field is typed into). */
	WINDOW *cursor_win;
	int cursor_y, cursor_x;
	int cursor_shown;
	/* News: this session's wake-ups, and what the status line shows. */
	int news_fd; /* -1: only the slow tick */
	int news_dirty; /* news came while waiting: draw again */
	uint64_t news_seen; /* store_news_count when last read */
	int64_t unread; /* notifications not read */
	/* The newest notification, for a while (cut to the line). */
	char toast[NOTIFY_TEXT_MAX + 64];
	long long toast_until; /* ms */
	int64_t toast_seen; /* the newest notification toasted */
	/* Screens with work under way between keys (a backup copying): while
	 * not 0 the wait for a key does not wait, and ticks come at once. */
	int busy;
	time_t active_noted; /* a key last noted in the session's row */
	struct ui_input input;
	int dirty; /* a key came: draw again */
	time_t last_key;
	/* Resting (ui_rest): after STORE_REST_SECONDS with nothing drawn. */
	long long drawn_at; /* ms (util_now_ms): the last frame drawn */
	int rested; /* given back since that frame */
};

/*
 * Run the full-screen interface starting at screen first (with arg, or
 * NULL for none, for its open function).  Returns mentor's exit status.
 */
int ui_run(
    struct app *app, const struct screen *first, const struct ui_arg *arg);

/*
 * Open screen s on top of the current one, with arg (NULL for none).
 * Returns 0 or MB_ERR_*.
 */
int ui_push(struct ui *ui, const struct screen *s, const struct ui_arg *arg);

/* ui_push with an arg of just an id, or of just an index. */
int ui_push_id(struct ui *ui, const struct screen *s, int64_t id);
int ui_push_index(struct ui *ui, const struct screen *s, int index);

/* Close the top screen (the last one: quit). */
void ui_pop(struct ui *ui);

/* Close the top screen and open s in its place.  From inside an open
 * function, the screen being opened is the one replaced. */
int ui_replace(struct ui *ui, const struct screen *s, const struct ui_arg *arg);

/* A one-line message above the status line until the next key. */
void ui_message(struct ui *ui, enum ui_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The attributes of a style (colour or, without colours, mono). */
attr_t ui_attr(const struct ui *ui, enum ui_style style);

/*
 * Draw text at the cursor of win, sanitised (no control character or
 * escape sequence reaches the terminal, whoever wrote the text) and cut
 * to cols columns.  Returns the columns used.
 */
int ui_put(WINDOW *win, const char *text, int cols);

/* As ui_put, but a text longer than cols ends in an ellipsis. */
int ui_put_cut(WINDOW *win, const char *text, int cols);

/* The columns ui_put takes for text (its ASCII form on an ASCII
 * terminal). */
int ui_width(const char *text);

/* The bytes of text that fit in cols columns as ui_put shows them, cut
 * at a character; *used (may be NULL) gets the columns they take. */
size_t ui_fit(const char *text, int cols, int *used);

/* Show the terminal cursor at (y, x) of win after this frame: where a
 * field is being typed into. */
void ui_set_cursor(struct ui *ui, WINDOW *win, int y, int x);

/*
 * The selected item (of a menu, a list, a choice) is at (y, x) of win: the
 * terminal cursor rests there after this frame, hidden, so that screen
 * readers and braille displays, which follow the cursor, read what is
 * selected.  A typing cursor (ui_set_cursor) of the same frame wins.
 * Without either, the cursor rests at the top left of the body.
 */
void ui_set_focus(struct ui *ui, WINDOW *win, int y, int x);

/*
 * Does terminfo know the terminal type term?  (term.c: <term.h> defines
 * macros named like common words, so it stays in a file of its own.)
 */
int term_known(const char *term);
/*
 * After newterm and set_term: make curses write each screen update at
 * once instead of a write per cursor movement (term.c says why and how).
 * Nothing is drawn until the next doupdate, which draws the whole screen.
 * Returns 0, or MB_ERR_IO (logged) when stdout could not be put back: no
 * terminal to draw on.
 */
int term_batch_output(void);

/*
 * ui_news.c, for ui_run: start listening for the member's wake-ups (and
 * read the unread count); stop; wait for a key, a wake-up, the slow tick
 * or the toast's end (1: the terminal has input or a signal came, 0: a
 * tick, -1: the terminal is gone; news read meanwhile sets news_dirty);
 * and the tick's work (returns whether to draw again).
 */
void ui_news_start(struct ui *ui);
void ui_news_stop(struct ui *ui);
int ui_news_wait(struct ui *ui);
int ui_news_tick(struct ui *ui);

/*
 * ui_input.c, for ui_run: the pipe curses reads instead of the terminal
 * (0, or MB_ERR_IO when it cannot be made), and its end.  ui_input_read
 * reads the terminal if ui_news_wait saw input (at most UI_INPUT_CHUNK
 * bytes, without waiting) and places what it read: typed bytes into the
 * pipe, pasted ones to the screens as keys (ui_take_key), after the keys
 * curses still has (ui_take_curses_keys).  Returns 0, or -1 when the
 * terminal is gone.  ui_input_pending: bytes wait for room in the pipe
 * (read the keys curses has, then call ui_input_read again, without
 * waiting).
 */
int ui_input_open(struct ui_input *in);
void ui_input_close(struct ui_input *in);
int ui_input_read(struct ui *ui);
int ui_input_pending(const struct ui_input *in);

/* ui.c, for ui_input.c: one key for the screens; every key curses has. */
void ui_take_key(struct ui *ui, struct ui_key key);
void ui_take_curses_keys(struct ui *ui);

/* ui_draw.c: ui_put and the others write ASCII stand-ins (ascii 1) or
 * UTF-8; ui_start says which. */
void ui_draw_ascii(int ascii);

/* Make a colour pair of each style (after start_color); -1 if one fails. */
int ui_draw_colors(void);

/* A glyph, or its ASCII stand-in when the terminal can't do UTF-8. */
const char *ui_glyph(const struct ui *ui, const char *utf8, const char *ascii);

#endif
