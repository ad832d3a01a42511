/*
 * editor: a multi-line text editor for the longer texts of a profile.
 * Lines wrap at word boundaries to the window's width; cursor keys move by
 * the lines as shown, Home/End to their ends, PgUp/PgDn by a page; Enter
 * starts a new line.  UTF-8 throughout (wide and combining characters
 * take their real width), and a limit on the number of characters.
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
};

enum editor_event {
	EDITOR_IGNORED = 0,
	EDITOR_USED,
	EDITOR_SAVE, /* Ctrl-S */
};

/* Start editing utf8 (invalid bytes become U+FFFD). */
void editor_init(struct editor *e, const char *utf8, int max_chars);
void editor_free(struct editor *e);

/* The text as UTF-8; the caller frees it. */
char *editor_text(const struct editor *e);

/* Draw in win's rectangle; the last row shows the count and the limit. */
void editor_draw(struct ui *ui, struct editor *e, WINDOW *win, int y, int x,
    int rows, int cols);
enum editor_event editor_key(struct editor *e, struct ui_key key);

#endif
