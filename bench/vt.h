/*
 * vt: a small terminal emulator for the load generator, enough of xterm to
 * follow what ncurses sends a TERM=xterm-256color screen: cursor motion,
 * erasing, inserting and deleting characters and lines, scrolling regions,
 * repeated characters, autowrap, UTF-8.  Attributes, colours, modes and
 * character sets are read and dropped; every character is one column wide.
 * It keeps what the screen shows, so that a figure can wait for a text to
 * appear in a place (a count on the status line), where ncurses sends only
 * the characters that changed.
 */
#ifndef MB_BENCH_VT_H
#define MB_BENCH_VT_H

#include <stddef.h>
#include <stdint.h>

#define VT_ROWS_MAX 200
#define VT_COLS_MAX 500
#define VT_PARAMS_MAX 16 /* of one control sequence; more are dropped */
#define VT_PARAM_MAX 9999 /* a larger number counts as this */

enum vt_state {
	VT_GROUND,
	VT_ESCAPE,
	VT_ESCAPE_SKIP, /* ESC ( B and the like: one more byte */
	VT_CSI,
	VT_STRING, /* OSC, DCS, PM, APC: up to BEL or ST */
	VT_STRING_ESCAPE,
};

struct vt {
	int rows;
	int cols;
	uint32_t *cells; /* rows * cols code points; 0 is blank */
	int row;
	int col;
	int wrap_pending; /* the last column was written: wrap before next */
	int autowrap;
	int top; /* the scrolling region, rows top..bottom */
	int bottom;
	int saved_row;
	int saved_col;
	uint32_t last; /* the last character printed, for REP */
	enum vt_state state;
	int params[VT_PARAMS_MAX];
	int nparams;
	int private_marker; /* CSI ? ..., > ..., = ...: modes, not drawing */
	int intermediate;
	uint32_t utf8; /* a UTF-8 sequence being read */
	int utf8_left;
};

/*
 * A blank screen of rows x cols (at most VT_ROWS_MAX x VT_COLS_MAX), the
 * cursor at the top left.  Returns 0, or -1 for a bad size or no memory.
 * Free it with vt_free.
 */
int vt_init(struct vt *vt, int rows, int cols);

/* Free what vt_init allocated; safe to call twice. */
void vt_free(struct vt *vt);

/* Take n bytes of terminal output; sequences may straddle calls. */
void vt_feed(struct vt *vt, const char *buf, size_t n);

/*
 * The text of row (0 is the top) in UTF-8 into out, blanks at its end
 * left out; always NUL-terminated.  Returns its length, or -1 when row is
 * off the screen (out is then empty).
 */
int vt_row_text(const struct vt *vt, int row, char *out, size_t len);

#endif
