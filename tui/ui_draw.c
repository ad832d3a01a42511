/*
 * ui_draw: what screens draw with, apart from the screen stack: the styles,
 * sanitised text cut to a width (or its ASCII stand-ins), the cursor and
 * the focus, and what Enter is.  Needs a curses screen, nothing of the
 * board's state, so that the widgets can be driven alone (the fuzz target
 * of forms and the editor).
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "translit.h"
#include "ui.h"
#include "util.h"

/* The terminal shows ASCII only: ui_put writes stand-ins (one terminal per
 * process, so one setting). */
static int ui_ascii_text;

/* Colour pairs by style; without colours, attributes alone. */
static const struct {
	short fg, bg;
	attr_t color_attr;
	attr_t mono_attr;
} ui_styles[] = {
	[UI_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[UI_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[UI_STATUS] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_SELECTED] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[UI_HEADING] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UI_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[UI_OK] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[UI_DIM] = { -1, -1, A_DIM, A_DIM },
	[UI_FIELD] = { -1, -1, A_UNDERLINE, A_UNDERLINE },
	[UI_TOAST] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE },
};

attr_t
ui_attr(const struct ui *ui, enum ui_style style)
{
	if (!ui->colors)
		return ui_styles[style].mono_attr;
	if (style == UI_NORMAL ||
	    (ui_styles[style].fg == -1 && ui_styles[style].bg == -1))
		return ui_styles[style].color_attr;
	return COLOR_PAIR((short)style) | ui_styles[style].color_attr;
}

void
ui_set_cursor(struct ui *ui, WINDOW *win, int y, int x)
{
	ui->cursor_win = win;
	ui->cursor_y = y;
	ui->cursor_x = x;
	ui->cursor_shown = 1;
}

void
ui_set_focus(struct ui *ui, WINDOW *win, int y, int x)
{
	if (ui->cursor_shown)
		return; /* a field being typed into keeps the cursor */
	ui->cursor_win = win;
	ui->cursor_y = y;
	ui->cursor_x = x;
}

const char *
ui_glyph(const struct ui *ui, const char *utf8, const char *ascii)
{
	return ui->ascii ? ascii : utf8;
}

int
ui_key_enter(struct ui_key key)
{
	if (key.is_function)
		return key.ch == KEY_ENTER;
	return key.ch == '\r' || key.ch == '\n';
}

int
ui_put(WINDOW *win, const char *text, int cols)
{
	char buf[4096], ascii[sizeof(buf)];
	const char *show = buf;
	size_t fit;
	int used = 0;

	if (cols <= 0)
		return 0;
	text_sanitize_buf(text, strlen(text), 0, buf, sizeof(buf));
	if (ui_ascii_text) {
		(void)translit_ascii(buf, ascii, sizeof(ascii));
		show = ascii;
	}
	fit = text_fit(show, cols, &used);
	if (waddnstr(win, show, (int)fit) == ERR) {
		/* Writing into the last cell scrolls; not an error here. */
	}
	return used;
}

int
ui_put_cut(WINDOW *win, const char *text, int cols)
{
	const char *mark = ui_ascii_text ? "..." : "\xe2\x80\xa6";
	int mark_cols = ui_ascii_text ? 3 : 1, used = 0;
	char *head = NULL;
	size_t fit;

	if (cols <= mark_cols || ui_width(text) <= cols)
		return ui_put(win, text, cols);
	fit = ui_fit(text, cols - mark_cols, &used);
	head = xstrndup(text, fit);
	used = ui_put(win, head, cols - mark_cols);
	free(head);
	return used + ui_put(win, mark, mark_cols);
}

int
ui_width(const char *text)
{
	char *ascii = NULL;
	int width;

	if (!ui_ascii_text)
		return text_width(text);
	ascii = translit_ascii_dup(text);
	width = text_width(ascii);
	free(ascii);
	return width;
}

size_t
ui_fit(const char *text, int cols, int *used)
{
	char one[5], ascii[TRANSLIT_STANDIN_MAX + 1];
	size_t len = strlen(text), i = 0;
	int total = 0, w;
	uint32_t cp;
	int n;

	if (!ui_ascii_text)
		return text_fit(text, cols, used);
	while (i < len) {
		n = text_utf8_decode(text + i, len - i, &cp);
		if (n < 0)
			n = 1;
		memcpy(one, text + i, (size_t)n);
		one[n] = '\0';
		w = (int)translit_ascii(one, ascii, sizeof(ascii));
		if (total + w > cols)
			break;
		total += w;
		i += (size_t)n;
	}
	if (used != NULL)
		*used = total;
	return i;
}

void
ui_draw_ascii(int ascii)
{
	ui_ascii_text = ascii;
}

int
ui_draw_colors(void)
{
	short s;

	for (s = 1; s < (short)nitems(ui_styles); s++) {
		if (init_pair(s, ui_styles[s].fg, ui_styles[s].bg) == ERR)
			return -1;
	}
	return 0;
}
