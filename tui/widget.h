/*
 * widget: pieces screens are made of.  A text view (wrapped, scrollable,
 * "# " lines as headings) and a menu (a list with a selection).
 */
#ifndef MB_WIDGET_H
#define MB_WIDGET_H

#include "ui.h"

/*
 * Wrap text to cols columns: paragraphs split at "\n", words moved whole
 * when they fit, continuation lines indented like the paragraph.  Returns
 * the number of lines; *lines (free with wrap_free) holds them.
 */
int wrap_text(const char *text, int cols, char ***lines);
void wrap_free(char **lines, int n);

struct textview {
	char *text;
	char **lines;
	int nlines;
	int wrapped_cols;
	int top;
};

/* Show text (copied) from its top; tv starts zeroed, or as set before. */
void textview_set(struct textview *tv, const char *text);

/* Free the text and its lines and zero tv; a zeroed tv is allowed. */
void textview_free(struct textview *tv);

/* Draw into win's rectangle (y, x, rows, cols), wrapping as needed. */
void textview_draw(struct ui *ui, struct textview *tv, WINDOW *win, int y,
    int x, int rows, int cols);
/* Scroll keys (arrows, PgUp/PgDn, Home/End, j/k); 1 if used. */
int textview_key(struct textview *tv, struct ui_key key, int rows);

struct menu_item {
	const char *label; /* N_() */
	int hotkey; /* a letter, or 0 */
};

struct menu {
	const struct menu_item *items;
	int nitems;
	int selected;
};

/* Draw the menu at (y, x), each line cols wide. */
void menu_draw(struct ui *ui, const struct menu *m, WINDOW *win, int y, int x,
    int cols, int focused);
/*
 * Move with arrows, j/k, Home/End, or a hotkey.  Returns the index chosen
 * with Enter (or a hotkey), -1 if the key only moved, -2 if unused.
 */
int menu_key(struct menu *m, struct ui_key key);

#endif
