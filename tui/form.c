/* form: labelled fields, line editing, errors under fields, Ctrl-S. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "i18n.h"
#include "form.h"
#include "text.h"
#include "util.h"

#define FORM_DEL 127
#define FORM_BS 8

void
form_init(struct form *fm, const struct form_field *table, int n)
{
	int i;

	memset(fm, 0, sizeof(*fm));
	fm->fields = xcalloc((size_t)n, sizeof(*fm->fields));
	fm->n = n;
	for (i = 0; i < n; i++) {
		fm->fields[i] = table[i];
		if (fm->fields[i].kind == FORM_TEXT ||
		    fm->fields[i].kind == FORM_PASSWORD)
			fm->fields[i].text = xstrdup("");
	}
	/* Focus starts on the first field one can type into. */
	while (fm->focus < n - 1 && fm->fields[fm->focus].kind == FORM_NOTE)
		fm->focus++;
}

void
form_wipe_secrets(struct form *fm)
{
	int i;

	for (i = 0; i < fm->n; i++) {
		if (fm->fields[i].kind == FORM_PASSWORD &&
		    fm->fields[i].text != NULL) {
			explicit_bzero(
			    fm->fields[i].text, strlen(fm->fields[i].text));
			fm->fields[i].text[0] = '\0';
			fm->fields[i].cursor = fm->fields[i].scroll = 0;
		}
	}
}

void
form_free(struct form *fm)
{
	int i, j;

	if (fm->fields == NULL)
		return;
	form_wipe_secrets(fm);
	for (i = 0; i < fm->n; i++) {
		free(fm->fields[i].text);
		for (j = 0; j < fm->fields[i].nchoices; j++)
			free(fm->fields[i].choices[j]);
		free(fm->fields[i].choices);
		free(fm->fields[i].on);
	}
	free(fm->fields);
	memset(fm, 0, sizeof(*fm));
}

struct form_field *
form_get(struct form *fm, int id)
{
	int i;

	for (i = 0; i < fm->n; i++) {
		if (fm->fields[i].id == id)
			return &fm->fields[i];
	}
	return NULL;
}

const char *
form_text(const struct form_field *f)
{
	return f->text != NULL ? f->text : "";
}

void
form_set_text(struct form_field *f, const char *s)
{
	long len;

	free(f->text);
	f->text = xstrdup(s);
	len = text_utf8_length(f->text);
	f->cursor = len > 0 ? (int)len : 0;
	f->scroll = 0;
}

void
form_set_choices(struct form_field *f, const char *const *labels, int n,
    const unsigned char *selected, int max_on, int rows)
{
	int i;

	f->choices = xcalloc((size_t)n, sizeof(*f->choices));
	f->on = xcalloc((size_t)n, 1);
	for (i = 0; i < n; i++) {
		f->choices[i] = xstrdup(labels[i]);
		f->on[i] = selected != NULL ? selected[i] : 0;
	}
	f->nchoices = n;
	f->max_on = max_on;
	f->choice_rows = rows;
}

void
form_focus(struct form *fm, int id)
{
	int i;

	for (i = 0; i < fm->n; i++) {
		if (fm->fields[i].id == id)
			fm->focus = i;
	}
}

void
form_clear_errors(struct form *fm)
{
	int i;

	for (i = 0; i < fm->n; i++)
		fm->fields[i].error = NULL;
}

void
form_focus_error(struct form *fm)
{
	int i;

	for (i = 0; i < fm->n; i++) {
		if (fm->fields[i].error != NULL) {
			fm->focus = i;
			return;
		}
	}
}

/* Rows a field takes: its body and the line under it. */
static int
form_field_rows(const struct form_field *f)
{
	switch (f->kind) {
	case FORM_CHOICES:
		return f->choice_rows + 1;
	case FORM_NOTE:
		return 1;
	default:
		return 2;
	}
}

/* Byte offset of character index chars in s. */
static size_t
form_offset(const char *s, int chars)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	int n;

	while (chars-- > 0 && i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		i += n > 0 ? (size_t)n : 1;
	}
	return i;
}

/*
 * A text or password field (stars) on one row, scrolled to keep the cursor in
 * sight; when focused, the terminal cursor goes there.
 */
static void
form_draw_text(struct ui *ui, struct form_field *f, WINDOW *win, int y, int x,
    int cols, int focused)
{
	char shown[FORM_TEXT_MAX_BYTES + 1];
	const char *s = form_text(f);
	long len = text_utf8_length(s);
	int i, width = cols, cursor_col = 0;
	size_t from;

	if (len < 0)
		len = 0;
	/* A form narrower than its labels has no room for the input: curses
	 * would take a negative width as cells before the line's start. */
	if (width < 1)
		return;
	/* Keep the cursor inside the visible part. */
	if (f->cursor < f->scroll)
		f->scroll = f->cursor;
	if (f->cursor - f->scroll > width - 1)
		f->scroll = f->cursor - (width - 1);
	if (f->kind == FORM_PASSWORD) {
		for (i = 0; i < len && i < (long)sizeof(shown) - 1; i++)
			shown[i] = '*';
		shown[i] = '\0';
	} else
		(void)strlcpy_checked(shown, s, sizeof(shown));
	from = form_offset(shown, f->scroll);
	(void)wattrset(win, ui_attr(ui, focused ? UI_SELECTED : UI_FIELD));
	(void)wmove(win, y, x);
	(void)whline(win, ' ', width);
	(void)wmove(win, y, x);
	(void)ui_put(win, shown + from, width);
	(void)wattrset(win, A_NORMAL);
	if (focused) {
		char head[FORM_TEXT_MAX_BYTES + 1];
		size_t to = form_offset(shown, f->cursor);
		(void)snprintf(
		    head, sizeof(head), "%.*s", (int)(to - from), shown + from);
		cursor_col = ui_width(head);
		ui_set_cursor(ui, win, y, x + cursor_col);
	}
}

/*
 * A list of choices in its rows, scrolled to its cursor, with an arrow when
 * more follow below.
 */
static void
form_draw_choices(struct ui *ui, struct form_field *f, WINDOW *win, int y,
    int x, int cols, int focused)
{
	char line[256];
	int i, row;

	if (cols < 1)
		return; /* no room beside the labels */
	if (f->choice_cursor < f->choice_top)
		f->choice_top = f->choice_cursor;
	if (f->choice_cursor >= f->choice_top + f->choice_rows)
		f->choice_top = f->choice_cursor - f->choice_rows + 1;
	for (row = 0; row < f->choice_rows; row++) {
		i = f->choice_top + row;
		(void)wmove(win, y + row, x);
		if (i >= f->nchoices)
			continue;
		(void)snprintf(line, sizeof(line), "[%s] %s",
		    f->on[i] ? "x" : " ", f->choices[i]);
		if (focused && i == f->choice_cursor)
			ui_set_focus(ui, win, y + row, x + 1);
		(void)wattrset(win,
		    focused && i == f->choice_cursor ?
			ui_attr(ui, UI_SELECTED) :
			A_NORMAL);
		(void)ui_put(win, line, cols);
		(void)wattrset(win, A_NORMAL);
	}
	if (f->choice_top + f->choice_rows < f->nchoices) {
		(void)wmove(win, y + f->choice_rows - 1, x + cols - 1);
		(void)ui_put(win, ui_glyph(ui, "\xe2\x86\x93", "v"), 1);
	}
}

void
form_draw(struct ui *ui, struct form *fm, WINDOW *win, int y, int x, int rows,
    int cols)
{
	struct form_field *f = NULL;
	int i, row = 0, focus_row = 0, input_x = x + FORM_LABEL_COLS;
	int input_cols = cols - FORM_LABEL_COLS - 1;
	char buf[256];

	if (input_cols > FORM_INPUT_COLS)
		input_cols = FORM_INPUT_COLS;
	/* Scroll so the focused field is wholly visible. */
	for (i = 0; i < fm->focus; i++)
		focus_row += form_field_rows(&fm->fields[i]);
	if (focus_row < fm->top)
		fm->top = focus_row;
	if (focus_row + form_field_rows(&fm->fields[fm->focus]) >
	    fm->top + rows)
		fm->top =
		    focus_row + form_field_rows(&fm->fields[fm->focus]) - rows;
	for (i = 0; i < fm->n; row += form_field_rows(&fm->fields[i]), i++) {
		int r = y + row - fm->top, focused = i == fm->focus;
		f = &fm->fields[i];
		if (row - fm->top < 0 ||
		    row - fm->top + form_field_rows(f) > rows)
			continue;
		(void)wmove(win, r, x);
		switch (f->kind) {
		case FORM_NOTE:
			(void)ui_put(win, _(f->label), cols);
			continue;
		case FORM_BUTTON:
			(void)wmove(win, r, input_x);
			(void)snprintf(buf, sizeof(buf), "[ %s ]", _(f->label));
			if (focused)
				ui_set_focus(ui, win, r, input_x + 2);
			(void)wattrset(win,
			    ui_attr(ui, focused ? UI_SELECTED : UI_HEADING));
			(void)ui_put(win, buf, input_cols);
			(void)wattrset(win, A_NORMAL);
			break;
		case FORM_CHECK:
			(void)wmove(win, r, input_x);
			(void)snprintf(buf, sizeof(buf), "[%s] %s",
			    f->checked ? "x" : " ", _(f->label));
			if (focused)
				ui_set_focus(ui, win, r, input_x + 1);
			(void)wattrset(
			    win, focused ? ui_attr(ui, UI_SELECTED) : A_NORMAL);
			(void)ui_put(win, buf, input_cols);
			(void)wattrset(win, A_NORMAL);
			break;
		case FORM_CHOICES:
			(void)ui_put(win, _(f->label), FORM_LABEL_COLS - 1);
			form_draw_choices(
			    ui, f, win, r, input_x, input_cols, focused);
			break;
		case FORM_TEXT:
		case FORM_PASSWORD:
			(void)ui_put(win, _(f->label), FORM_LABEL_COLS - 1);
			form_draw_text(
			    ui, f, win, r, input_x, input_cols, focused);
			break;
		}
		(void)wmove(win, r + form_field_rows(f) - 1, input_x);
		if (f->error != NULL) {
			(void)wattrset(win, ui_attr(ui, UI_ERROR));
			(void)ui_put(win, f->error, cols - FORM_LABEL_COLS);
			(void)wattrset(win, A_NORMAL);
		} else if (f->hint != NULL && focused) {
			(void)wattrset(win, ui_attr(ui, UI_DIM));
			(void)ui_put(win, _(f->hint), cols - FORM_LABEL_COLS);
			(void)wattrset(win, A_NORMAL);
		}
	}
}

/* Move the focus by step (+1 or -1) to the next field one can use. */
static void
form_move(struct form *fm, int step)
{
	int i = fm->focus;

	do {
		i = (i + step + fm->n) % fm->n;
	} while (fm->fields[i].kind == FORM_NOTE && i != fm->focus);
	fm->focus = i;
}

/* Insert a character at the cursor of a text field. */
static int
form_insert(struct form_field *f, wint_t ch)
{
	char enc[4], *text = NULL;
	size_t at, len = strlen(form_text(f));
	int n;
	long chars = text_utf8_length(form_text(f));

	if (chars >= f->max_chars) {
		f->error = _("that is as long as it can be");
		return 0;
	}
	n = text_utf8_encode((uint32_t)ch, enc);
	if (len + (size_t)n > FORM_TEXT_MAX_BYTES)
		return 0;
	at = form_offset(form_text(f), f->cursor);
	text = xmalloc(len + (size_t)n + 1);
	memcpy(text, f->text, at);
	memcpy(text + at, enc, (size_t)n);
	memcpy(text + at + n, f->text + at, len - at + 1);
	free(f->text);
	f->text = text;
	f->cursor++;
	return 1;
}

/* Delete the characters [from, to) of a text field. */
static void
form_delete(struct form_field *f, int from, int to)
{
	size_t a, b;

	if (from < 0)
		from = 0;
	if (to <= from)
		return;
	a = form_offset(f->text, from);
	b = form_offset(f->text, to);
	memmove(f->text + a, f->text + b, strlen(f->text + b) + 1);
	f->cursor = from;
}

/* Line editing in a text field; 1 if the key was used. */
static int
form_edit(struct form *fm, struct form_field *f, struct ui_key key)
{
	long len = text_utf8_length(form_text(f));
	int start;

	if (len < 0)
		len = 0;
	if (key.is_function) {
		switch (key.ch) {
		case KEY_LEFT:
			if (f->cursor > 0)
				f->cursor--;
			return 1;
		case KEY_RIGHT:
			if (f->cursor < len)
				f->cursor++;
			return 1;
		case KEY_HOME:
			f->cursor = 0;
			return 1;
		case KEY_END:
			f->cursor = (int)len;
			return 1;
		case KEY_BACKSPACE:
			form_delete(f, f->cursor - 1, f->cursor);
			fm->dirty = 1;
			return 1;
		case KEY_DC:
			form_delete(f, f->cursor, f->cursor + 1);
			fm->dirty = 1;
			return 1;
		}
		return 0;
	}
	switch (key.ch) {
	case FORM_DEL:
	case FORM_BS:
		form_delete(f, f->cursor - 1, f->cursor);
		fm->dirty = 1;
		return 1;
	case UI_CTRL('a'):
		f->cursor = 0;
		return 1;
	case UI_CTRL('e'):
		f->cursor = (int)len;
		return 1;
	case UI_CTRL('u'):
		form_delete(f, 0, f->cursor);
		fm->dirty = 1;
		return 1;
	case UI_CTRL('k'):
		form_delete(f, f->cursor, (int)len);
		fm->dirty = 1;
		return 1;
	case UI_CTRL('w'):
		start = f->cursor;
		while (start > 0 &&
		    f->text[form_offset(f->text, start - 1)] == ' ')
			start--;
		while (start > 0 &&
		    f->text[form_offset(f->text, start - 1)] != ' ')
			start--;
		form_delete(f, start, f->cursor);
		fm->dirty = 1;
		return 1;
	}
	/* Printable characters only: no control reaches the value. */
	if (key.ch >= 0x20 && key.ch != 0x7f && iswprint(key.ch)) {
		if (form_insert(f, key.ch))
			fm->dirty = 1;
		return 1;
	}
	return 0;
}

/* Keys of a list of choices; 1 if used. */
static int
form_choices_key(struct form *fm, struct form_field *f, struct ui_key key)
{
	int i, count = 0;

	if (f->nchoices == 0)
		return 0;
	if (key.is_function || !iswalpha(key.ch))
		f->typed[0] = '\0';
	if (key.is_function && key.ch == KEY_UP) {
		if (f->choice_cursor == 0)
			return 0; /* leaves the list upwards */
		f->choice_cursor--;
		return 1;
	}
	if (key.is_function && key.ch == KEY_DOWN) {
		if (f->choice_cursor == f->nchoices - 1)
			return 0;
		f->choice_cursor++;
		return 1;
	}
	if (key.is_function && key.ch == KEY_NPAGE) {
		f->choice_cursor += f->choice_rows;
		if (f->choice_cursor >= f->nchoices)
			f->choice_cursor = f->nchoices - 1;
		return 1;
	}
	if (key.is_function && key.ch == KEY_PPAGE) {
		f->choice_cursor -= f->choice_rows;
		if (f->choice_cursor < 0)
			f->choice_cursor = 0;
		return 1;
	}
	if ((!key.is_function && key.ch == ' ') || ui_key_enter(key)) {
		i = f->choice_cursor;
		if (!f->on[i]) {
			int j;
			for (j = 0; j < f->nchoices; j++)
				count += f->on[j];
			if (f->max_on > 0 && count >= f->max_on) {
				f->error = _("that is as many as you can "
					     "choose");
				return 1;
			}
		}
		f->on[i] = !f->on[i];
		f->error = NULL;
		fm->dirty = 1;
		return 1;
	}
	/* Letters typed one after another find the first choice with that
	 * beginning ("comp" finds Computer Science). */
	if (!key.is_function && key.ch < 0x80 && iswalpha(key.ch)) {
		size_t len = strlen(f->typed);
		if (len + 1 < sizeof(f->typed)) {
			f->typed[len] = (char)key.ch;
			f->typed[len + 1] = '\0';
		}
		for (;;) {
			for (i = 0; i < f->nchoices; i++) {
				if (strncasecmp(f->choices[i], f->typed,
					strlen(f->typed)) == 0) {
					f->choice_cursor = i;
					return 1;
				}
			}
			if (strlen(f->typed) <= 1)
				break;
			/* No match: start again from this letter. */
			f->typed[0] = (char)key.ch;
			f->typed[1] = '\0';
		}
		return 1;
	}
	return 0;
}

enum form_event
form_key(struct form *fm, struct ui_key key)
{
	struct form_field *f = &fm->fields[fm->focus];
	int is_text = f->kind == FORM_TEXT || f->kind == FORM_PASSWORD;
	int enter = ui_key_enter(key);

	if (!key.is_function && key.ch == UI_CTRL('s'))
		return FORM_SUBMIT;
	if ((!key.is_function && key.ch == '\t') ||
	    (key.is_function && key.ch == KEY_ENTER && is_text)) {
		form_move(fm, 1);
		return FORM_USED;
	}
	if (key.is_function && key.ch == KEY_BTAB) {
		form_move(fm, -1);
		return FORM_USED;
	}
	if (f->kind == FORM_CHOICES && form_choices_key(fm, f, key))
		return FORM_USED;
	if (key.is_function && key.ch == KEY_DOWN) {
		form_move(fm, 1);
		return FORM_USED;
	}
	if (key.is_function && key.ch == KEY_UP) {
		form_move(fm, -1);
		return FORM_USED;
	}
	switch (f->kind) {
	case FORM_TEXT:
	case FORM_PASSWORD:
		if (enter) {
			/* Enter moves on; on the last field it submits. */
			int i;
			for (i = fm->focus + 1; i < fm->n; i++) {
				if (fm->fields[i].kind == FORM_TEXT ||
				    fm->fields[i].kind == FORM_PASSWORD)
					break;
			}
			if (i == fm->n)
				return FORM_SUBMIT;
			form_move(fm, 1);
			return FORM_USED;
		}
		if (form_edit(fm, f, key)) {
			if (f->error != NULL &&
			    strcmp(f->error,
				_("that is as long as it can "
				  "be")) != 0)
				f->error = NULL;
			return FORM_USED;
		}
		return FORM_IGNORED;
	case FORM_CHECK:
		if (enter || (!key.is_function && key.ch == ' ')) {
			f->checked = !f->checked;
			f->error = NULL;
			fm->dirty = 1;
			return FORM_USED;
		}
		return FORM_IGNORED;
	case FORM_BUTTON:
		if (enter || (!key.is_function && key.ch == ' '))
			return FORM_PRESSED;
		return FORM_IGNORED;
	default:
		return FORM_IGNORED;
	}
}
