/*
 * formscr: what every form screen shares.  An introduction above the form,
 * the form, a result line under it; Ctrl-S (or a button) calls the
 * screen's submit function; q or Esc with unsaved changes asks first.
 */
#ifndef MB_FORMSCR_H
#define MB_FORMSCR_H

#include "form.h"
#include "widget.h"

struct formscr;

/* Called on Ctrl-S (button -1) or a pressed button (its id). */
typedef enum ui_result (*formscr_submit_fn)(
    struct ui *ui, struct formscr *fs, int button);

struct formscr {
	struct form form;
	char *intro; /* shown above the form, wrapped */
	char result[512]; /* one line under the form */
	enum ui_style result_style;
	formscr_submit_fn submit;
	void *ctx; /* the screen's own state */
};

/* Set up fs with a field table and an introduction (copied). */
void formscr_init(struct formscr *fs, const struct form_field *fields, int n,
    const char *intro, formscr_submit_fn submit, void *ctx);

/* Free the form and the introduction; ctx stays the screen's. */
void formscr_free(struct formscr *fs);

/* Show a result line (and keep the form as it is). */
void formscr_result(struct formscr *fs, enum ui_style style, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/*
 * Draw the screen into win: the introduction (wrapped, in the upper half
 * at most), the form, and the result line on the last row.
 */
void formscr_draw(struct ui *ui, struct formscr *fs, WINDOW *win);

/*
 * Pass a key to the form.  On a submit or a pressed button, clears the
 * result line and returns what the submit function returns; otherwise
 * UI_HANDLED for a key the form used, UI_UNHANDLED for the UI's keys.
 */
enum ui_result formscr_key(
    struct ui *ui, struct formscr *fs, struct ui_key key);

#endif
