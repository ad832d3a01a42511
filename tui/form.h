/*
 * form: a form of labelled fields (text, password, check box, a list of
 * choices, buttons), with Tab and Shift-Tab between them, line editing in
 * text fields, an error shown under the field it concerns, and Ctrl-S to
 * submit.  What was typed stays when a submit fails.
 */
#ifndef MB_FORM_H
#define MB_FORM_H

#include <stddef.h>

#include "ui.h"

#define FORM_LABEL_COLS 22 /* columns for labels */
#define FORM_INPUT_COLS 50 /* widest input */
#define FORM_TEXT_MAX_BYTES 4096 /* bytes a text field holds at most */

enum form_kind {
	FORM_TEXT,
	FORM_PASSWORD,
	FORM_CHECK,
	FORM_CHOICES, /* several of a list, space toggles */
	FORM_BUTTON,
	FORM_NOTE, /* text to read, not a field */
};

struct form_field {
	enum form_kind kind;
	const char *label; /* N_() */
	const char *hint; /* N_(), under the field; may be NULL */
	int max_chars; /* FORM_TEXT, FORM_PASSWORD */
	int id; /* the screen's own name for the field */

	char *text; /* FORM_TEXT, FORM_PASSWORD: UTF-8 */
	int cursor; /* in characters */
	int scroll; /* first character shown */

	int checked; /* FORM_CHECK */

	char **choices; /* FORM_CHOICES: labels, owned */
	unsigned char *on;
	int nchoices;
	int choice_cursor, choice_top, choice_rows, max_on;
	char typed[32]; /* letters typed to find a choice */

	const char *error; /* why the value was refused, or NULL */
};

struct form {
	struct form_field *fields;
	int n;
	int focus;
	int top; /* first row shown when the form is tall */
	int dirty; /* something was typed since the last save */
};

enum form_event {
	FORM_IGNORED = 0, /* the screen or the UI may use the key */
	FORM_USED,
	FORM_SUBMIT, /* Ctrl-S, or Enter on the last text field */
	FORM_PRESSED, /* Enter or space on a button */
};

/* Make a form of n fields (copied from a table); form_free frees it. */
void form_init(struct form *fm, const struct form_field *table, int n);
void form_free(struct form *fm);

/* The field with id, or NULL. */
struct form_field *form_get(struct form *fm, int id);

/* A text field's value ("" when empty); set replaces it. */
const char *form_text(const struct form_field *f);
void form_set_text(struct form_field *f, const char *s);

/* Give a FORM_CHOICES field its list (copied); selected[i] preset. */
void form_set_choices(struct form_field *f, const char *const *labels, int n,
    const unsigned char *selected, int max_on, int rows);

/* Put the focus on the field with id. */
void form_focus(struct form *fm, int id);

/* Forget every error; put focus on the first field that has one. */
void form_clear_errors(struct form *fm);
void form_focus_error(struct form *fm);

/* Wipe password fields (after use). */
void form_wipe_secrets(struct form *fm);

/*
 * Draw the form in win's rectangle: labels on the left, inputs beside
 * them, under each field its error (or the focused field's hint), scrolled
 * so that the focused field shows whole.  The terminal cursor goes into a
 * focused text field.
 */
void form_draw(struct ui *ui, struct form *fm, WINDOW *win, int y, int x,
    int rows, int cols);

/*
 * Apply a key to the form: Tab, Shift-Tab and the arrows move between
 * fields; a text field edits its line (Ctrl-A, -E, -U, -K, -W too); space
 * or Enter toggles a check box or a choice.  Sets dirty when a value
 * changes.  Returns FORM_SUBMIT for Ctrl-S or Enter in the last text
 * field, FORM_PRESSED for Enter or space on a button (the focused one),
 * FORM_USED, or FORM_IGNORED for a key the screen may use.
 */
enum form_event form_key(struct form *fm, struct ui_key key);

#endif
