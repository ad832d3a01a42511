/*
 * Fuzz target: keys as a member's terminal sends them, into a form (text,
 * password, check box, choices, a button) and into the editor, with a
 * bracketed paste of any length, Ctrl-Z, Tab, the cursor keys, and a draw
 * now and then into a curses window of any size (curses writes to
 * /dev/null).  Besides memory errors it aborts when a promise breaks: a
 * field holding more characters than its limit, or bytes that are not
 * UTF-8, a cursor outside the text, the focus outside the form, more
 * choices on than allowed; the editor past its limit (but for a refused
 * paste), its text not what editor_text returns.
 *
 * Input: a header byte (bit 0: the editor, else the form; the editor's
 * limit), then keys: a byte below 0x80 is that character (controls too);
 * 0x80-0xEF is a character of three bytes ((b & 0x1F) << 16 | next two),
 * any code point a terminal decoder might hand over; 0xF0-0xFE a
 * function key of fuzz_function_keys; 0xFF draws at rows x cols given by
 * the next two bytes.
 */
#include <dlfcn.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "form.h"
#include "text.h"
#include "ui.h"
#include "util.h"

#define FUZZ_KEYS_MAX 4096 /* keys of one input */
#define FUZZ_ROWS_MAX 60
#define FUZZ_COLS_MAX 220
#define FUZZ_EDITOR_CHARS_MAX 64
#define FUZZ_NAME_CHARS 20

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int fuzz_function_keys[] = { KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN,
	KEY_HOME, KEY_END, KEY_PPAGE, KEY_NPAGE, KEY_BACKSPACE, KEY_DC,
	KEY_ENTER, KEY_BTAB, UI_KEY_PASTE_BEGIN, UI_KEY_PASTE_END, KEY_RESIZE };

enum { F_NAME, F_SECRET, F_CHECK, F_CHOICES, F_NOTE, F_BUTTON, F_LAST };

static const struct form_field fuzz_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = "Name",
	    .hint = "a hint",
	    .max_chars = FUZZ_NAME_CHARS,
	    .id = F_NAME },
	{ .kind = FORM_PASSWORD,
	    .label = "Password",
	    .max_chars = 8,
	    .id = F_SECRET },
	{ .kind = FORM_CHECK, .label = "Agree", .id = F_CHECK },
	{ .kind = FORM_CHOICES, .label = "Fields", .id = F_CHOICES },
	{ .kind = FORM_NOTE,
	    .label = "Read this first, it is long enough "
		     "to wrap on a narrow terminal",
	    .id = F_NOTE },
	{ .kind = FORM_BUTTON, .label = "Privacy", .id = F_BUTTON },
	{ .kind = FORM_TEXT, .label = "Last", .max_chars = 1, .id = F_LAST },
};

static const char *const fuzz_choices[] = { "Architecture", "Biology",
	"Business Administration", "Chemistry", "Computer Science", "Law",
	"\xc3\x84sthetik" };

static struct ui fuzz_ui;
static int fuzz_curses;

/*
 * The form and the editor never ask curses for a line of negative length:
 * ncurses (6.4) then reads the cell before the line's start and may blank
 * it, a write into the heap that neither sanitizer sees, since curses is
 * not instrumented (crash-3c3db90b...: a form drawn narrower than its
 * labels, which freed a choice's label as a bad pointer only when the
 * heap lay one way).  This one is found before the library's.
 */
int
whline(WINDOW *win, chtype ch, int n)
{
	static int (*next)(WINDOW *, chtype, int);

	if (n < 0)
		abort();
	if (next == NULL) {
		*(void **)&next = dlsym(RTLD_NEXT, "whline");
		if (next == NULL)
			abort();
	}
	return next(win, ch, n);
}

static void
fuzz_setup(void)
{
	FILE *out = NULL, *in = NULL;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		abort();
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL)
		abort();
	fuzz_ui.term = newterm("vt100", out, in);
	if (fuzz_ui.term == NULL)
		abort();
	fuzz_curses = 1;
}

/* A value as the form keeps it: UTF-8, within its limit. */
static void
fuzz_check_form(const struct form *fm)
{
	const struct form_field *f = NULL;
	long chars;
	int i, j, on;

	if (fm->focus < 0 || fm->focus >= fm->n)
		abort();
	for (i = 0; i < fm->n; i++) {
		f = &fm->fields[i];
		if (f->kind == FORM_TEXT || f->kind == FORM_PASSWORD) {
			chars = text_utf8_length(form_text(f));
			/* (scroll is the draw's: it mends it first) */
			if (chars < 0 || chars > f->max_chars ||
			    f->cursor < 0 || f->cursor > chars)
				abort();
		}
		if (f->kind == FORM_CHOICES) {
			for (j = on = 0; j < f->nchoices; j++)
				on += f->on[j] != 0;
			if ((f->max_on > 0 && on > f->max_on) ||
			    f->choice_cursor < 0 ||
			    f->choice_cursor >= f->nchoices)
				abort();
		}
	}
}

/* The editor's text is its code points, UTF-8 encoded. */
static void
fuzz_check_editor(const struct editor *e, long max_chars)
{
	char *text = NULL;

	if (e->cursor > e->len || (long)e->len > max_chars)
		abort();
	text = editor_text(e);
	if (text == NULL || text_utf8_length(text) != (long)e->len)
		abort();
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char preset[nitems(fuzz_choices)] = { 1 };
	struct form fm;
	struct editor e;
	struct ui_key key;
	WINDOW *win = NULL;
	size_t i = 1, keys = 0;
	int editing, max_chars, rows, cols;
	uint8_t b;

	if (size < 1)
		return 0;
	if (!fuzz_curses)
		fuzz_setup();
	editing = data[0] & 1;
	max_chars = 1 + (data[0] >> 1) % FUZZ_EDITOR_CHARS_MAX;
	memset(&fm, 0, sizeof(fm));
	memset(&e, 0, sizeof(e));
	if (editing)
		editor_init(&e, "", max_chars);
	else {
		form_init(&fm, fuzz_fields, (int)nitems(fuzz_fields));
		form_set_choices(form_get(&fm, F_CHOICES), fuzz_choices,
		    (int)nitems(fuzz_choices), preset, 3, 4);
		form_set_text(form_get(&fm, F_NAME), "Anna");
	}
	while (i < size && keys++ < FUZZ_KEYS_MAX) {
		b = data[i++];
		memset(&key, 0, sizeof(key));
		if (b < 0x80)
			key.ch = b;
		else if (b < 0xF0) {
			if (i + 2 > size)
				break;
			key.ch = (wint_t)((uint32_t)(b & 0x1F) << 16 |
			    (uint32_t)data[i] << 8 | data[i + 1]);
			i += 2;
		} else if (b < 0xFF) {
			key.is_function = 1;
			key.ch = (wint_t)fuzz_function_keys[(b - 0xF0) %
			    nitems(fuzz_function_keys)];
		} else {
			if (i + 2 > size)
				break;
			rows = 1 + data[i] % FUZZ_ROWS_MAX;
			cols = 1 + data[i + 1] % FUZZ_COLS_MAX;
			i += 2;
			win = newwin(rows, cols, 0, 0);
			if (win == NULL)
				abort();
			if (editing)
				editor_draw(
				    &fuzz_ui, &e, win, 0, 0, rows, cols);
			else
				form_draw(&fuzz_ui, &fm, win, 0, 0, rows, cols);
			(void)delwin(win);
			continue;
		}
		if (editing) {
			(void)editor_key(&e, key);
			e.paste_refused = 0;
			fuzz_check_editor(&e, max_chars);
		} else {
			(void)form_key(&fm, key);
			fuzz_check_form(&fm);
		}
	}
	if (editing)
		editor_free(&e);
	else
		form_free(&fm);
	return 0;
}
