/* widget: text wrapping, a scrollable text view, a menu. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"
#include "widget.h"

/* Append a copy of s[0..len) with indent spaces before it. */
static void
wrap_push(
    char ***lines, int *n, int *cap, int indent, const char *s, size_t len)
{
	char *line = NULL;

	if (*n == *cap) {
		*cap = *cap == 0 ? 32 : *cap * 2;
		*lines = xreallocarray(*lines, (size_t)*cap, sizeof(**lines));
	}
	line = xmalloc((size_t)indent + len + 1);
	memset(line, ' ', (size_t)indent);
	memcpy(line + indent, s, len);
	line[(size_t)indent + len] = '\0';
	(*lines)[(*n)++] = line;
}

/* Wrap one paragraph (no newlines) of plen bytes. */
static void
wrap_paragraph(
    const char *p, size_t plen, int cols, char ***lines, int *n, int *cap)
{
	char *para = xstrndup(p, plen);
	size_t pos = 0, start, fit;
	int indent = 0, first = 1, avail, used;

	while (para[indent] == ' ')
		indent++;
	/* Lists ("1. ", "- ") continue under their text. */
	if (para[indent] == '-' && para[indent + 1] == ' ')
		indent += 2;
	else if (para[indent] >= '0' && para[indent] <= '9' &&
	    para[indent + 1] == '.' && para[indent + 2] == ' ')
		indent += 3;
	if (indent > cols / 2)
		indent = 0;
	if (para[0] == '\0')
		wrap_push(lines, n, cap, 0, "", 0);
	while (para[pos] != '\0') {
		avail = first ? cols : cols - indent;
		start = pos;
		if (!first)
			while (para[start] == ' ')
				start++;
		if (para[start] == '\0')
			break;
		fit = ui_fit(para + start, avail, &used);
		if (para[start + fit] != '\0') {
			/* Break at the last space that fits, if any. */
			size_t b = fit;
			while (b > 0 && para[start + b] != ' ')
				b--;
			if (b > 0)
				fit = b;
			else if (fit == 0)
				fit = 1; /* a character wider than cols */
		}
		wrap_push(lines, n, cap, first ? 0 : indent, para + start, fit);
		pos = start + fit;
		first = 0;
	}
	free(para);
}

int
wrap_text(const char *text, int cols, char ***lines)
{
	const char *p = text, *nl;
	int n = 0, cap = 0;

	*lines = NULL;
	if (cols < 1)
		cols = 1;
	for (;;) {
		nl = strchr(p, '\n');
		wrap_paragraph(p, nl != NULL ? (size_t)(nl - p) : strlen(p),
		    cols, lines, &n, &cap);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return n;
}

void
wrap_free(char **lines, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

void
textview_set(struct textview *tv, const char *text)
{
	textview_free(tv);
	tv->text = xstrdup(text);
}

void
textview_free(struct textview *tv)
{
	wrap_free(tv->lines, tv->nlines);
	free(tv->text);
	memset(tv, 0, sizeof(*tv));
}

void
textview_draw(struct ui *ui, struct textview *tv, WINDOW *win, int y, int x,
    int rows, int cols)
{
	const char *line;
	int i;

	if (tv->text == NULL)
		return;
	/* The last column is kept for the "more below" mark. */
	cols--;
	if (tv->lines == NULL || tv->wrapped_cols != cols) {
		wrap_free(tv->lines, tv->nlines);
		tv->nlines = wrap_text(tv->text, cols, &tv->lines);
		tv->wrapped_cols = cols;
	}
	if (tv->top > tv->nlines - rows)
		tv->top = tv->nlines - rows;
	if (tv->top < 0)
		tv->top = 0;
	for (i = 0; i < rows && tv->top + i < tv->nlines; i++) {
		line = tv->lines[tv->top + i];
		(void)wmove(win, y + i, x);
		if (strncmp(line, "# ", 2) == 0) {
			(void)wattrset(win, ui_attr(ui, UI_HEADING));
			(void)ui_put(win, line + 2, cols);
			(void)wattrset(win, A_NORMAL);
		} else
			(void)ui_put(win, line, cols);
	}
	if (tv->top + rows < tv->nlines) {
		(void)wmove(win, y + rows - 1, x + cols);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win, ui_glyph(ui, "\xe2\x86\x93", "v"), 1);
		(void)wattrset(win, A_NORMAL);
	}
}

int
textview_key(struct textview *tv, struct ui_key key, int rows)
{
	int page = rows > 2 ? rows - 1 : 1;

	if (key.is_function) {
		switch (key.ch) {
		case KEY_UP:
			tv->top--;
			return 1;
		case KEY_DOWN:
			tv->top++;
			return 1;
		case KEY_PPAGE:
			tv->top -= page;
			return 1;
		case KEY_NPAGE:
			tv->top += page;
			return 1;
		case KEY_HOME:
			tv->top = 0;
			return 1;
		case KEY_END:
			tv->top = tv->nlines;
			return 1;
		}
		return 0;
	}
	if (key.ch == 'k') {
		tv->top--;
		return 1;
	}
	if (key.ch == 'j') {
		tv->top++;
		return 1;
	}
	if (key.ch == ' ') {
		tv->top += page;
		return 1;
	}
	return 0;
}

void
menu_draw(struct ui *ui, const struct menu *m, WINDOW *win, int y, int x,
    int cols, int focused)
{
	char label[256];
	int i;

	for (i = 0; i < m->nitems; i++) {
		(void)wmove(win, y + i, x);
		if (i == m->selected && focused)
			ui_set_focus(ui, win, y + i, x + 3);
		(void)wattrset(win,
		    i == m->selected && focused ? ui_attr(ui, UI_SELECTED) :
						  A_NORMAL);
		(void)whline(win, ' ', cols);
		(void)snprintf(label, sizeof(label), " %s %s",
		    i == m->selected ? ui_glyph(ui, "\xe2\x96\xb8", ">") : " ",
		    _(m->items[i].label));
		(void)ui_put(win, label, cols);
	}
	(void)wattrset(win, A_NORMAL);
}

int
menu_key(struct menu *m, struct ui_key key)
{
	int i;

	if (m->nitems == 0)
		return -2;
	if (key.is_function) {
		switch (key.ch) {
		case KEY_UP:
			m->selected = (m->selected + m->nitems - 1) % m->nitems;
			return -1;
		case KEY_DOWN:
			m->selected = (m->selected + 1) % m->nitems;
			return -1;
		case KEY_HOME:
			m->selected = 0;
			return -1;
		case KEY_END:
			m->selected = m->nitems - 1;
			return -1;
		case KEY_ENTER:
			return m->selected;
		}
		return -2;
	}
	if (ui_key_enter(key))
		return m->selected;
	if (key.ch == 'k') {
		m->selected = (m->selected + m->nitems - 1) % m->nitems;
		return -1;
	}
	if (key.ch == 'j') {
		m->selected = (m->selected + 1) % m->nitems;
		return -1;
	}
	for (i = 0; i < m->nitems; i++) {
		if (m->items[i].hotkey != 0 &&
		    (wint_t)m->items[i].hotkey == key.ch) {
			m->selected = i;
			return i;
		}
	}
	return -2;
}
