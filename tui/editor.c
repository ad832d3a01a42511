/* editor: wrapped multi-line editing of a text of code points. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "editor.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

#define EDITOR_DEL 127
#define EDITOR_BS 8

/* Columns a character takes; one wcwidth cannot measure counts as 1. */
static int
editor_width_of(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

void
editor_init(struct editor *e, const char *utf8, int max_chars)
{
	size_t n = strlen(utf8), i = 0;
	uint32_t cp;
	int k;

	memset(e, 0, sizeof(*e));
	e->max_chars = max_chars;
	e->cap = n + 16;
	e->text = xreallocarray(NULL, e->cap, sizeof(*e->text));
	while (i < n) {
		k = text_utf8_decode(utf8 + i, n - i, &cp);
		if (k < 0) {
			cp = 0xFFFD;
			k = 1;
		}
		i += (size_t)k;
		if (cp == '\r')
			continue;
		e->text[e->len++] = cp;
	}
}

void
editor_free(struct editor *e)
{
	free(e->text);
	free(e->starts);
	free(e->undo);
	free(e->paste);
	memset(e, 0, sizeof(*e));
}

char *
editor_text(const struct editor *e)
{
	char *out = xmalloc(e->len * 4 + 1);
	size_t i, o = 0;

	for (i = 0; i < e->len; i++)
		o += (size_t)text_utf8_encode(e->text[i], out + o);
	out[o] = '\0';
	return out;
}

/* Append a line starting at index start to the layout (*cap: its room). */
static void
editor_push_line(struct editor *e, size_t start, int *cap)
{
	if (e->nlines == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		e->starts =
		    xreallocarray(e->starts, (size_t)*cap, sizeof(*e->starts));
	}
	e->starts[e->nlines++] = start;
}

/* Lay the text out in lines of at most width columns. */
static void
editor_layout(struct editor *e, int width)
{
	size_t i, start = 0, last_space = 0;
	int cap = 0, col = 0, have_space = 0, w;

	e->width = width;
	e->nlines = 0;
	editor_push_line(e, 0, &cap);
	for (i = 0; i < e->len; i++) {
		if (e->text[i] == '\n') {
			start = i + 1;
			editor_push_line(e, start, &cap);
			col = 0;
			have_space = 0;
			continue;
		}
		w = editor_width_of(e->text[i]);
		if (col + w > width && i > start) {
			/* Wrap after the last space, or here if none. */
			if (have_space && last_space + 1 > start &&
			    e->text[i] != ' ')
				start = last_space + 1;
			else
				start = i;
			editor_push_line(e, start, &cap);
			col = 0;
			have_space = 0;
			for (size_t j = start; j < i; j++)
				col += editor_width_of(e->text[j]);
		}
		if (e->text[i] == ' ') {
			last_space = i;
			have_space = 1;
		}
		col += w;
	}
}

/* The line holding index pos. */
static int
editor_line_of(const struct editor *e, size_t pos)
{
	int lo = 0, hi = e->nlines - 1, mid;

	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (e->starts[mid] <= pos)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Where line l ends (its newline or the next line's start). */
static size_t
editor_line_end(const struct editor *e, int l)
{
	size_t end = l + 1 < e->nlines ? e->starts[l + 1] : e->len;

	if (end > e->starts[l] && end <= e->len && end > 0 &&
	    e->text[end - 1] == '\n' && l + 1 < e->nlines)
		end--;
	return end;
}

/* The column of index pos in line l. */
static int
editor_col(const struct editor *e, int l, size_t pos)
{
	size_t i;
	int col = 0;

	for (i = e->starts[l]; i < pos; i++)
		col += editor_width_of(e->text[i]);
	return col;
}

/* The index in line l nearest to column col. */
static size_t
editor_at_col(const struct editor *e, int l, int col)
{
	size_t i = e->starts[l], end = editor_line_end(e, l);
	int c = 0, w;

	while (i < end) {
		w = editor_width_of(e->text[i]);
		if (c + w > col)
			break;
		c += w;
		i++;
	}
	/* A wrapped line's last position is the next line's first. */
	if (i == end && l + 1 < e->nlines && end == e->starts[l + 1] &&
	    i > e->starts[l])
		i--;
	return i;
}

void
editor_draw(struct ui *ui, struct editor *e, WINDOW *win, int y, int x,
    int rows, int cols)
{
	char *buf = NULL, count[96];
	size_t i, end, o;
	int l, cl, text_rows = rows - 1;

	e->rows = text_rows;
	editor_layout(e, cols);
	cl = editor_line_of(e, e->cursor);
	if (cl < e->top)
		e->top = cl;
	if (cl >= e->top + text_rows)
		e->top = cl - text_rows + 1;
	buf = xmalloc((size_t)cols * 4 * 4 + 8);
	for (l = e->top; l < e->nlines && l < e->top + text_rows; l++) {
		end = editor_line_end(e, l);
		o = 0;
		for (i = e->starts[l]; i < end && o < (size_t)cols * 16; i++)
			o += (size_t)text_utf8_encode(e->text[i], buf + o);
		buf[o] = '\0';
		(void)wmove(win, y + l - e->top, x);
		(void)ui_put(win, buf, cols);
	}
	free(buf);
	(void)snprintf(count, sizeof(count), _("%zu of %d characters"), e->len,
	    e->max_chars);
	(void)wmove(win, y + rows - 1, x);
	(void)wattrset(win, ui_attr(ui, e->full ? UI_ERROR : UI_DIM));
	(void)ui_put(win, count, cols);
	if (e->full) {
		(void)waddstr(win, "  ");
		(void)ui_put(win, _("(the limit is reached)"), cols / 2);
	}
	(void)wattrset(win, A_NORMAL);
	ui_set_cursor(
	    ui, win, y + cl - e->top, x + editor_col(e, cl, e->cursor));
}

/* Insert cp at the cursor; past max_chars it is refused and the limit shown. */
static void
editor_insert(struct editor *e, uint32_t cp)
{
	if (e->len >= (size_t)e->max_chars) {
		e->full = 1;
		return;
	}
	if (e->len == e->cap) {
		e->cap = e->cap * 2 + 16;
		e->text = xreallocarray(e->text, e->cap, sizeof(*e->text));
	}
	memmove(&e->text[e->cursor + 1], &e->text[e->cursor],
	    (e->len - e->cursor) * sizeof(*e->text));
	e->text[e->cursor++] = cp;
	e->len++;
	e->dirty = 1;
}

/* Delete the character at index at, if any; the limit warning goes. */
static void
editor_delete(struct editor *e, size_t at)
{
	if (at >= e->len)
		return;
	memmove(&e->text[at], &e->text[at + 1],
	    (e->len - at - 1) * sizeof(*e->text));
	e->len--;
	e->dirty = 1;
	e->full = 0;
}

/* What a key changes, for the undo: a run of typing or of deleting is
 * one change, and every paste is one. */
enum editor_change {
	EDITOR_CHANGE_NONE,
	EDITOR_CHANGE_TYPE,
	EDITOR_CHANGE_DELETE,
	EDITOR_CHANGE_PASTE,
};

/* A key of kind is about to change the text: a new change keeps what
 * was there for Ctrl-Z. */
static void
editor_change(struct editor *e, enum editor_change kind)
{
	if (kind == (enum editor_change)e->last_change &&
	    kind != EDITOR_CHANGE_PASTE)
		return;
	if (e->undo_cap < e->len + 1) {
		e->undo_cap = e->len + 16;
		e->undo = xreallocarray(e->undo, e->undo_cap, sizeof(*e->undo));
	}
	memcpy(e->undo, e->text, e->len * sizeof(*e->text));
	e->undo_len = e->len;
	e->undo_cursor = e->cursor;
	e->has_undo = 1;
	e->last_change = kind;
}

/* Ctrl-Z: back to the text before the last change; again, forward. */
static void
editor_undo(struct editor *e)
{
	uint32_t *t = e->text;
	size_t len = e->len, cap = e->cap, cursor = e->cursor;

	if (!e->has_undo)
		return;
	e->text = e->undo;
	e->len = e->undo_len;
	e->cap = e->undo_cap;
	e->cursor = e->undo_cursor;
	e->undo = t;
	e->undo_len = len;
	e->undo_cap = cap;
	e->undo_cursor = cursor;
	e->last_change = EDITOR_CHANGE_NONE;
	e->dirty = 1;
	e->full = 0;
}

/* A character of a paste: kept, and counted, until the paste ends.
 * Enter is a new line there; other control keys are dropped, and so is
 * what typing would not take (C1 controls, surrogates, code points past
 * Unicode: a terminal's decoder may hand them over). */
static void
editor_paste_add(struct editor *e, struct ui_key key)
{
	uint32_t cp = key.is_function ? (key.ch == KEY_ENTER ? '\n' : 0) :
					(uint32_t)key.ch;

	if (cp == '\r')
		cp = '\n';
	if (cp == '\t')
		cp = ' ';
	if (cp != '\n' && (cp < 0x20 || cp == 0x7f || !iswprint((wint_t)cp)))
		return;
	e->paste_chars++;
	if (e->paste_len > (size_t)e->max_chars)
		return; /* counted; refused at its end anyway */
	if (e->paste == NULL)
		e->paste = xreallocarray(
		    NULL, (size_t)e->max_chars + 1, sizeof(*e->paste));
	e->paste[e->paste_len++] = cp;
}

/* The paste ended: in whole at the cursor, or refused whole. */
static void
editor_paste_end(struct editor *e)
{
	size_t i;

	e->pasting = 0;
	if ((long)e->len + e->paste_chars > e->max_chars)
		e->paste_refused = e->paste_chars;
	else if (e->paste_len > 0) {
		editor_change(e, EDITOR_CHANGE_PASTE);
		for (i = 0; i < e->paste_len; i++)
			editor_insert(e, e->paste[i]);
	}
	e->paste_len = 0;
	e->paste_chars = 0;
}

/* Move to line l (clamped), keeping the goal column. */
static void
editor_to_line(struct editor *e, int l)
{
	if (l < 0)
		l = 0;
	if (l >= e->nlines)
		l = e->nlines - 1;
	e->cursor = editor_at_col(e, l, e->goal_col);
}

enum editor_event
editor_key(struct editor *e, struct ui_key key)
{
	int l, page;

	if (e->nlines == 0)
		editor_layout(e, e->width > 0 ? e->width : 80);
	l = editor_line_of(e, e->cursor);
	page = e->rows > 2 ? e->rows - 1 : 1;
	if (key.is_function && key.ch == UI_KEY_PASTE_BEGIN) {
		e->pasting = 1;
		e->paste_len = 0;
		e->paste_chars = 0;
		return EDITOR_USED;
	}
	if (e->pasting) {
		/* The text changes only at the paste's end: a paste of
		 * megabytes costs no layout per character. */
		if (key.is_function && key.ch == UI_KEY_PASTE_END) {
			editor_paste_end(e);
			editor_layout(e, e->width > 0 ? e->width : 80);
		} else
			editor_paste_add(e, key);
		return EDITOR_USED;
	}
	if (!key.is_function && key.ch == UI_CTRL('s'))
		return EDITOR_SAVE;
	if (!key.is_function && key.ch == UI_CTRL('z')) {
		editor_undo(e);
		editor_layout(e, e->width > 0 ? e->width : 80);
		return EDITOR_USED;
	}
	/* Moving ends a run of typing or deleting; a change after it is a
	 * change of its own. */
	if (key.is_function && key.ch != KEY_BACKSPACE && key.ch != KEY_DC &&
	    key.ch != KEY_ENTER)
		e->last_change = EDITOR_CHANGE_NONE;
	if (key.is_function) {
		switch (key.ch) {
		case KEY_LEFT:
			if (e->cursor > 0)
				e->cursor--;
			break;
		case KEY_RIGHT:
			if (e->cursor < e->len)
				e->cursor++;
			break;
		case KEY_UP:
			editor_to_line(e, l - 1);
			return EDITOR_USED;
		case KEY_DOWN:
			editor_to_line(e, l + 1);
			return EDITOR_USED;
		case KEY_PPAGE:
			editor_to_line(e, l - page);
			return EDITOR_USED;
		case KEY_NPAGE:
			editor_to_line(e, l + page);
			return EDITOR_USED;
		case KEY_HOME:
			e->cursor = e->starts[l];
			break;
		case KEY_END:
			e->cursor = editor_line_end(e, l);
			if (l + 1 < e->nlines &&
			    e->cursor == e->starts[l + 1] &&
			    e->cursor > e->starts[l])
				e->cursor--;
			break;
		case KEY_BACKSPACE:
			editor_change(e, EDITOR_CHANGE_DELETE);
			if (e->cursor > 0)
				editor_delete(e, --e->cursor);
			break;
		case KEY_DC:
			editor_change(e, EDITOR_CHANGE_DELETE);
			editor_delete(e, e->cursor);
			break;
		case KEY_ENTER:
			editor_change(e, EDITOR_CHANGE_TYPE);
			editor_insert(e, '\n');
			break;
		default:
			return EDITOR_IGNORED;
		}
	} else if (ui_key_enter(key)) {
		editor_change(e, EDITOR_CHANGE_TYPE);
		editor_insert(e, '\n');
	} else if (key.ch == EDITOR_DEL || key.ch == EDITOR_BS) {
		editor_change(e, EDITOR_CHANGE_DELETE);
		if (e->cursor > 0)
			editor_delete(e, --e->cursor);
	} else if (key.ch >= 0x20 && key.ch != 0x7f && iswprint(key.ch)) {
		/* Refused at the limit: the text is as it was, so typing on
		 * there costs no copy and no layout per key. */
		if (e->len >= (size_t)e->max_chars) {
			e->full = 1;
			return EDITOR_USED;
		}
		editor_change(e, EDITOR_CHANGE_TYPE);
		editor_insert(e, (uint32_t)key.ch);
	} else
		return EDITOR_IGNORED;
	/* Horizontal moves and typing set a new goal column. */
	editor_layout(e, e->width > 0 ? e->width : 80);
	l = editor_line_of(e, e->cursor);
	e->goal_col = editor_col(e, l, e->cursor);
	return EDITOR_USED;
}
