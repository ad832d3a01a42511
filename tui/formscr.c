/* formscr: introduction, form, result line; submit on Ctrl-S. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "formscr.h"
#include "util.h"

void
formscr_init(struct formscr *fs, const struct form_field *fields, int n,
    const char *intro, formscr_submit_fn submit, void *ctx)
{
	memset(fs, 0, sizeof(*fs));
	form_init(&fs->form, fields, n);
	fs->intro = xstrdup(intro != NULL ? intro : "");
	fs->submit = submit;
	fs->ctx = ctx;
}

void
formscr_free(struct formscr *fs)
{
	form_free(&fs->form);
	free(fs->intro);
	fs->intro = NULL;
}

void
formscr_result(struct formscr *fs, enum ui_style style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(fs->result, sizeof(fs->result), fmt, ap);
	va_end(ap);
	/* A full disk is the reason, whatever the form would say. */
	if (style == UI_ERROR && error_fault_text() != NULL)
		(void)snprintf(
		    fs->result, sizeof(fs->result), "%s", error_fault_text());
	fs->result_style = style;
}

void
formscr_draw(struct ui *ui, struct formscr *fs, WINDOW *win)
{
	char **lines = NULL;
	int rows, cols, n, i, y = 1;

	getmaxyx(win, rows, cols);
	n = wrap_text(fs->intro, cols - 4, &lines);
	for (i = 0; i < n && y < rows / 2; i++, y++) {
		(void)wmove(win, y, 2);
		(void)ui_put(win, lines[i], cols - 4);
	}
	wrap_free(lines, n);
	if (n > 0)
		y++;
	form_draw(ui, &fs->form, win, y, 2, rows - y - 2, cols - 3);
	if (fs->result[0] != '\0') {
		(void)wmove(win, rows - 1, 2);
		(void)wattrset(win, ui_attr(ui, fs->result_style));
		(void)ui_put(win, fs->result, cols - 4);
		(void)wattrset(win, A_NORMAL);
	}
}

enum ui_result
formscr_key(struct ui *ui, struct formscr *fs, struct ui_key key)
{
	enum form_event ev = form_key(&fs->form, key);

	switch (ev) {
	case FORM_SUBMIT:
		fs->result[0] = '\0';
		return fs->submit(ui, fs, -1);
	case FORM_PRESSED:
		fs->result[0] = '\0';
		return fs->submit(ui, fs, fs->form.fields[fs->form.focus].id);
	case FORM_USED:
		return UI_HANDLED;
	case FORM_IGNORED:
		break;
	}
	return UI_UNHANDLED;
}
