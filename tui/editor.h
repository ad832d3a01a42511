/*
 * editor: a multi-line text editor for the longer texts (a profile, the
 * application, a chat message, the agreement).  Lines wrap at word
 * boundaries to the window's width; cursor keys move by the lines as
 * shown, Home/End to their ends, PgUp/PgDn by a page; Enter starts a new
 * line; Ctrl-Z undoes the last change (and again, redoes it).  UTF-8
 * throughout (wide and combining characters take their real width), and
 * a limit on the number of characters: a key past it is refused, and a
 * paste (bracketed) that would pass it is refused whole, never cut.
 */
#ifndef MB_EDITOR_H
#define MB_EDITOR_H

#include <stddef.h>
#include <stdint.h>

#include "ui.h"

struct editor {
	uint32_t *text; /* characters (code points) */
	size_t len, cap;
	size_t cursor; /* 0..len */
	int max_chars;
	int dirty; /* changed since editor_init or saved */
	int goal_col; /* column kept while moving up and down */
	int top; /* first line shown */
	int rows; /* lines shown, for PgUp and PgDn */
	/* The lines as last laid out: where each starts. */
	int width;
	size_t *starts;
	int nlines;
	int full; /* a key was refused: the limit is reached */
	/* The text before the last change, for Ctrl-Z. */
	uint32_t *undo;
	size_t undo_len, undo_cap, undo_cursor;
	int has_undo;
	int last_change; /* what the last key changed: a new change starts
			    the undo from here */
	/* A bracketed paste as it arrives, and the last one refused. */
	int pasting;
	uint32_t *paste;
	size_t paste_len;
	long paste_chars;
	long paste_refused; /* characters of it; the caller says so, clears */
};

enum editor_event {
	EDITOR_IGNORED = 0,
	EDITOR_USED,
	EDITOR_SAVE, /* Ctrl-S */
};

/*
 * Start editing a copy of utf8 (invalid bytes become U+FFFD, CRs are
 * dropped), at most max_chars characters.  Free with editor_free.
 */
void editor_init(struct editor *e, const char *utf8, int max_chars);

/* Free the text and the layout and zero e; a zeroed e is allowed. */
void editor_free(struct editor *e);

/* The text as UTF-8; the caller frees it. */
char *editor_text(const struct editor *e);

/*
 * Draw in win's rectangle, scrolled so that the cursor shows, and put the
 * terminal cursor there; the last row shows the count and the limit.
 * Lays the text out again at the rectangle's width.
 */
void editor_draw(struct ui *ui, struct editor *e, WINDOW *win, int y, int x,
    int rows, int cols);

/*
 * Apply a key: cursor keys, typing, Backspace and Delete, Enter for a new
 * line, Ctrl-Z, a paste; a character past max_chars is refused and sets
 * full, a paste that would not fit sets paste_refused.  Returns
 * EDITOR_SAVE for Ctrl-S (the caller saves and clears dirty), EDITOR_USED,
 * or EDITOR_IGNORED for a key the screen may use (Esc, Tab, F1).
 */
enum editor_event editor_key(struct editor *e, struct ui_key key);

#endif
