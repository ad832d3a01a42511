/*
 * vt: the screen a terminal would show, from the bytes ncurses sends it
 * (see vt.h).  A state machine over the bytes, after the VT500 parser's
 * states cut down to what xterm-256color's terminfo entry uses.
 */
#include <stdlib.h>
#include <string.h>

#include "vt.h"

#define VT_TAB 8
#define VT_REPLACEMENT 0xfffd /* for a broken UTF-8 sequence */

#define VT_ESC 0x1b
#define VT_BEL 0x07
#define VT_CAN 0x18
#define VT_SUB 0x1a

static uint32_t *
vt_cell(struct vt *vt, int row, int col)
{
	return &vt->cells[(size_t)row * (size_t)vt->cols + (size_t)col];
}

static int
vt_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Blank columns from..to-1 of row. */
static void
vt_blank(struct vt *vt, int row, int from, int to)
{
	from = vt_clamp(from, 0, vt->cols);
	to = vt_clamp(to, 0, vt->cols);
	if (to > from)
		memset(vt_cell(vt, row, from), 0,
		    (size_t)(to - from) * sizeof(uint32_t));
}

/* Move rows top..bottom up by n (n < 0: down), blanking what comes in. */
static void
vt_scroll(struct vt *vt, int top, int bottom, int n)
{
	size_t width = (size_t)vt->cols * sizeof(uint32_t);
	int height = bottom - top + 1, r;

	if (height <= 0 || n == 0)
		return;
	if (n >= height || -n >= height) {
		for (r = top; r <= bottom; r++)
			vt_blank(vt, r, 0, vt->cols);
		return;
	}
	if (n > 0) {
		memmove(vt_cell(vt, top, 0), vt_cell(vt, top + n, 0),
		    (size_t)(height - n) * width);
		for (r = bottom - n + 1; r <= bottom; r++)
			vt_blank(vt, r, 0, vt->cols);
	} else {
		n = -n;
		memmove(vt_cell(vt, top + n, 0), vt_cell(vt, top, 0),
		    (size_t)(height - n) * width);
		for (r = top; r < top + n; r++)
			vt_blank(vt, r, 0, vt->cols);
	}
}

/* Line feed: down a row, scrolling at the bottom of the region. */
static void
vt_linefeed(struct vt *vt)
{
	vt->wrap_pending = 0;
	if (vt->row == vt->bottom)
		vt_scroll(vt, vt->top, vt->bottom, 1);
	else if (vt->row < vt->rows - 1)
		vt->row++;
}

/* Reverse index: up a row, scrolling down at the top of the region. */
static void
vt_reverse_index(struct vt *vt)
{
	vt->wrap_pending = 0;
	if (vt->row == vt->top)
		vt_scroll(vt, vt->top, vt->bottom, -1);
	else if (vt->row > 0)
		vt->row--;
}

static void
vt_move(struct vt *vt, int row, int col)
{
	vt->row = vt_clamp(row, 0, vt->rows - 1);
	vt->col = vt_clamp(col, 0, vt->cols - 1);
	vt->wrap_pending = 0;
}

static void
vt_print(struct vt *vt, uint32_t cp)
{
	if (vt->wrap_pending && vt->autowrap) {
		vt->col = 0;
		vt_linefeed(vt);
	}
	vt->wrap_pending = 0;
	*vt_cell(vt, vt->row, vt->col) = cp;
	vt->last = cp;
	if (vt->col == vt->cols - 1)
		vt->wrap_pending = 1;
	else
		vt->col++;
}

/* The n-th parameter, or def when it is missing or 0. */
static int
vt_param(const struct vt *vt, int n, int def)
{
	if (n >= vt->nparams || vt->params[n] == 0)
		return def;
	return vt->params[n];
}

/* Erase in display (J) or in line (K): 0 after, 1 before, 2 all. */
static void
vt_erase(struct vt *vt, int display, int how)
{
	int r;

	switch (how) {
	case 0:
		vt_blank(vt, vt->row, vt->col, vt->cols);
		for (r = vt->row + 1; display && r < vt->rows; r++)
			vt_blank(vt, r, 0, vt->cols);
		break;
	case 1:
		vt_blank(vt, vt->row, 0, vt->col + 1);
		for (r = 0; display && r < vt->row; r++)
			vt_blank(vt, r, 0, vt->cols);
		break;
	default:
		if (!display) {
			vt_blank(vt, vt->row, 0, vt->cols);
			break;
		}
		for (r = 0; r < vt->rows; r++)
			vt_blank(vt, r, 0, vt->cols);
		break;
	}
}

/* Insert (n > 0) or delete (n < 0) characters at the cursor. */
static void
vt_shift_chars(struct vt *vt, int n)
{
	uint32_t *line = vt_cell(vt, vt->row, 0);
	int col = vt->col, left = vt->cols - col;

	if (n > 0) {
		n = n > left ? left : n;
		memmove(line + col + n, line + col,
		    (size_t)(left - n) * sizeof(uint32_t));
		vt_blank(vt, vt->row, col, col + n);
	} else {
		n = -n > left ? left : -n;
		memmove(line + col, line + col + n,
		    (size_t)(left - n) * sizeof(uint32_t));
		vt_blank(vt, vt->row, vt->cols - n, vt->cols);
	}
}

/* The modes of CSI ? ... h and l that change what the screen shows. */
static void
vt_private_mode(struct vt *vt, int set)
{
	int i;

	for (i = 0; i < vt->nparams; i++) {
		switch (vt->params[i]) {
		case 7:
			vt->autowrap = set;
			break;
		case 47:
		case 1047:
		case 1049:
			/* The other screen: blank whichever way. */
			vt_erase(vt, 1, 2);
			break;
		default:
			break;
		}
	}
}

static void
vt_csi(struct vt *vt, int final)
{
	int n = vt_param(vt, 0, 1), i;

	if (vt->private_marker) {
		if (final == 'h' || final == 'l')
			vt_private_mode(vt, final == 'h');
		return;
	}
	if (vt->intermediate)
		return;
	switch (final) {
	case 'A':
		vt_move(vt, vt->row - n, vt->col);
		break;
	case 'B':
	case 'e':
		vt_move(vt, vt->row + n, vt->col);
		break;
	case 'C':
	case 'a':
		vt_move(vt, vt->row, vt->col + n);
		break;
	case 'D':
		vt_move(vt, vt->row, vt->col - n);
		break;
	case 'E':
		vt_move(vt, vt->row + n, 0);
		break;
	case 'F':
		vt_move(vt, vt->row - n, 0);
		break;
	case 'G':
	case '`':
		vt_move(vt, vt->row, n - 1);
		break;
	case 'd':
		vt_move(vt, n - 1, vt->col);
		break;
	case 'H':
	case 'f':
		vt_move(vt, n - 1, vt_param(vt, 1, 1) - 1);
		break;
	case 'J':
	case 'K':
		vt_erase(vt, final == 'J', vt->nparams > 0 ? vt->params[0] : 0);
		vt->wrap_pending = 0;
		break;
	case 'X':
		vt_blank(vt, vt->row, vt->col, vt->col + n);
		vt->wrap_pending = 0;
		break;
	case '@':
		vt_shift_chars(vt, n);
		vt->wrap_pending = 0;
		break;
	case 'P':
		vt_shift_chars(vt, -n);
		vt->wrap_pending = 0;
		break;
	case 'L':
	case 'M':
		if (vt->row < vt->top || vt->row > vt->bottom)
			break;
		vt_scroll(vt, vt->row, vt->bottom, final == 'L' ? -n : n);
		vt_move(vt, vt->row, 0);
		break;
	case 'S':
		vt_scroll(vt, vt->top, vt->bottom, n);
		break;
	case 'T':
		vt_scroll(vt, vt->top, vt->bottom, -n);
		break;
	case 'r':
		vt->top = vt_clamp(vt_param(vt, 0, 1) - 1, 0, vt->rows - 1);
		vt->bottom =
		    vt_clamp(vt_param(vt, 1, vt->rows) - 1, 0, vt->rows - 1);
		if (vt->bottom <= vt->top) {
			vt->top = 0;
			vt->bottom = vt->rows - 1;
		}
		vt_move(vt, 0, 0);
		break;
	case 'b':
		for (i = 0; i < n && vt->last != 0; i++)
			vt_print(vt, vt->last);
		break;
	case 's':
		vt->saved_row = vt->row;
		vt->saved_col = vt->col;
		break;
	case 'u':
		vt_move(vt, vt->saved_row, vt->saved_col);
		break;
	default:
		/* m (attributes), h and l (modes), t, n, c ...: not drawn. */
		break;
	}
}

/* A byte after ESC. */
static void
vt_escape(struct vt *vt, unsigned char c)
{
	vt->state = VT_GROUND;
	switch (c) {
	case '[':
		vt->state = VT_CSI;
		vt->nparams = 0;
		vt->private_marker = 0;
		vt->intermediate = 0;
		memset(vt->params, 0, sizeof(vt->params));
		break;
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		vt->state = VT_STRING;
		break;
	case '(':
	case ')':
	case '*':
	case '+':
	case '-':
	case '.':
	case '/':
	case '#':
	case '%':
		vt->state = VT_ESCAPE_SKIP;
		break;
	case '7':
		vt->saved_row = vt->row;
		vt->saved_col = vt->col;
		break;
	case '8':
		vt_move(vt, vt->saved_row, vt->saved_col);
		break;
	case 'D':
		vt_linefeed(vt);
		break;
	case 'E':
		vt->col = 0;
		vt_linefeed(vt);
		break;
	case 'M':
		vt_reverse_index(vt);
		break;
	case 'c':
		vt_erase(vt, 1, 2);
		vt->top = 0;
		vt->bottom = vt->rows - 1;
		vt->autowrap = 1;
		vt_move(vt, 0, 0);
		break;
	default:
		/* = and > (keypad modes), and the rest: nothing drawn. */
		break;
	}
}

/* A byte of a control sequence: parameters, then the final byte. */
static void
vt_csi_byte(struct vt *vt, unsigned char c)
{
	int *p = NULL;

	if (c >= '0' && c <= '9') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		p = &vt->params[vt->nparams - 1];
		*p = *p * 10 + (c - '0');
		if (*p > VT_PARAM_MAX)
			*p = VT_PARAM_MAX;
	} else if (c == ';' || c == ':') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		if (vt->nparams < VT_PARAMS_MAX)
			vt->params[vt->nparams++] = 0;
	} else if (c >= '<' && c <= '?') {
		vt->private_marker = 1;
	} else if (c >= 0x20 && c <= 0x2f) {
		vt->intermediate = 1;
	} else if (c >= 0x40 && c <= 0x7e) {
		vt->state = VT_GROUND;
		vt_csi(vt, c);
	}
}

/* A C0 control character, wherever it comes. */
static void
vt_control(struct vt *vt, unsigned char c)
{
	switch (c) {
	case '\r':
		vt->col = 0;
		vt->wrap_pending = 0;
		break;
	case '\n':
	case '\v':
	case '\f':
		vt_linefeed(vt);
		break;
	case '\b':
		if (vt->col > 0)
			vt->col--;
		vt->wrap_pending = 0;
		break;
	case '\t':
		vt_move(vt, vt->row, (vt->col / VT_TAB + 1) * VT_TAB);
		break;
	case VT_ESC:
		vt->state = VT_ESCAPE;
		break;
	case VT_CAN:
	case VT_SUB:
		vt->state = VT_GROUND;
		break;
	default:
		/* BEL, SO, SI, NUL: nothing drawn. */
		break;
	}
}

/* A byte of text: UTF-8, one column per character. */
static void
vt_text(struct vt *vt, unsigned char c)
{
	if (c < 0x80) {
		if (vt->utf8_left > 0) {
			vt->utf8_left = 0;
			vt_print(vt, VT_REPLACEMENT);
		}
		vt_print(vt, c);
		return;
	}
	if ((c & 0xc0) == 0x80) {
		if (vt->utf8_left == 0) {
			vt_print(vt, VT_REPLACEMENT);
			return;
		}
		vt->utf8 = (vt->utf8 << 6) | (c & 0x3f);
		if (--vt->utf8_left == 0)
			vt_print(vt, vt->utf8);
		return;
	}
	if (vt->utf8_left > 0)
		vt_print(vt, VT_REPLACEMENT);
	if ((c & 0xe0) == 0xc0) {
		vt->utf8 = c & 0x1f;
		vt->utf8_left = 1;
	} else if ((c & 0xf0) == 0xe0) {
		vt->utf8 = c & 0x0f;
		vt->utf8_left = 2;
	} else if ((c & 0xf8) == 0xf0) {
		vt->utf8 = c & 0x07;
		vt->utf8_left = 3;
	} else {
		vt->utf8_left = 0;
		vt_print(vt, VT_REPLACEMENT);
	}
}

int
vt_init(struct vt *vt, int rows, int cols)
{
	memset(vt, 0, sizeof(*vt));
	if (rows < 1 || rows > VT_ROWS_MAX || cols < 1 || cols > VT_COLS_MAX)
		return -1;
	vt->cells = calloc((size_t)rows * (size_t)cols, sizeof(uint32_t));
	if (vt->cells == NULL)
		return -1;
	vt->rows = rows;
	vt->cols = cols;
	vt->bottom = rows - 1;
	vt->autowrap = 1;
	return 0;
}

void
vt_free(struct vt *vt)
{
	free(vt->cells);
	vt->cells = NULL;
}

void
vt_feed(struct vt *vt, const char *buf, size_t n)
{
	unsigned char c;
	size_t i;

	if (vt->cells == NULL)
		return;
	for (i = 0; i < n; i++) {
		c = (unsigned char)buf[i];
		switch (vt->state) {
		case VT_STRING:
			if (c == VT_BEL)
				vt->state = VT_GROUND;
			else if (c == VT_ESC)
				vt->state = VT_STRING_ESCAPE;
			continue;
		case VT_STRING_ESCAPE:
			/* ESC \ ends it; another ESC starts over. */
			vt->state = c == '\\' ? VT_GROUND : VT_STRING;
			continue;
		case VT_ESCAPE_SKIP:
			vt->state = VT_GROUND;
			continue;
		default:
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			if (c != 0x7f)
				vt_control(vt, c);
			continue;
		}
		if (vt->state == VT_ESCAPE)
			vt_escape(vt, c);
		else if (vt->state == VT_CSI)
			vt_csi_byte(vt, c);
		else
			vt_text(vt, c);
	}
}

/* Append code point cp to out[*n] as UTF-8 if it fits; 0 or -1. */
static int
vt_put_utf8(char *out, size_t len, size_t *n, uint32_t cp)
{
	unsigned char b[4];
	size_t k;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		k = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		k = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		k = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | ((cp >> 18) & 0x07));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		k = 4;
	}
	if (*n + k >= len)
		return -1;
	memcpy(out + *n, b, k);
	*n += k;
	return 0;
}

int
vt_row_text(const struct vt *vt, int row, char *out, size_t len)
{
	const uint32_t *line = NULL;
	size_t n = 0;
	int end, c;

	if (len == 0)
		return -1;
	out[0] = '\0';
	if (vt->cells == NULL || row < 0 || row >= vt->rows)
		return -1;
	line = &vt->cells[(size_t)row * (size_t)vt->cols];
	for (end = vt->cols;
	     end > 0 && (line[end - 1] == 0 || line[end - 1] == ' '); end--)
		;
	for (c = 0; c < end; c++) {
		if (vt_put_utf8(out, len, &n, line[c] == 0 ? ' ' : line[c]) !=
		    0)
			break;
	}
	out[n] = '\0';
	return (int)n;
}
