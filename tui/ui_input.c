/*
 * ui_input: the terminal's bytes on their way to the screens.  curses reads
 * its input one byte a system call (two with the wait before it), which
 * is fine for typing and far too slow for a paste of megabytes.  So the
 * terminal is read here, UI_INPUT_CHUNK bytes at a time, and curses reads
 * a pipe instead: what is typed goes into the pipe, for curses' key parser
 * (function keys, Escape, UTF-8), and what is pasted between the marks of
 * bracketed paste goes straight to the screens as keys, decoded here.  The
 * order of keys is kept: before a paste is handed on, curses takes every
 * key the pipe still holds.  A pipe that is full (a paste without the
 * marks) stops the reading of the terminal until curses has caught up, so
 * nothing here grows.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "ui.h"
#include "util.h"

static const char paste_begin[] = "\033[200~";
static const char paste_end[] = "\033[201~";
#define PASTE_MARK_LEN (sizeof(paste_begin) - 1)

int
ui_input_open(struct ui_input *in)
{
	int fds[2];

	memset(in, 0, sizeof(*in));
	in->pipe_in = -1;
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
		log_error("pipe2: %s", strerror(errno));
		return MB_ERR_IO;
	}
	in->curses_in = fdopen(fds[0], "r");
	if (in->curses_in == NULL) {
		log_error("fdopen: %s", strerror(errno));
		(void)close(fds[0]);
		(void)close(fds[1]);
		return MB_ERR_IO;
	}
	in->pipe_in = fds[1];
	in->buf = xmalloc(UI_INPUT_CHUNK);
	return 0;
}

void
ui_input_close(struct ui_input *in)
{
	if (in->curses_in != NULL)
		(void)fclose(in->curses_in);
	if (in->pipe_in >= 0)
		(void)close(in->pipe_in);
	free(in->buf);
	in->curses_in = NULL;
	in->pipe_in = -1;
	in->buf = NULL;
}

int
ui_input_pending(const struct ui_input *in)
{
	return in->off < in->len && !in->carry;
}

/*
 * Do the bytes end inside the escape sequence of a key (Escape, then "[" and
 * parameters without their final character, or "O" without its letter)?
 */
static int
ui_input_esc_open(const char *p, size_t len)
{
	size_t i, esc;
	unsigned char ch;

	for (esc = len; esc > 0 && p[esc - 1] != '\033'; esc--)
		;
	if (esc == 0)
		return 0;
	if (esc == len)
		return 1; /* Escape alone, so far */
	if (p[esc] == 'O')
		return esc + 1 == len;
	if (p[esc] != '[')
		return 0; /* Alt and a key: whole */
	for (i = esc + 1; i < len; i++) {
		ch = (unsigned char)p[i];
		if (ch < 0x20 || ch > 0x3f)
			return 0; /* a final character, or no sequence */
	}
	return 1;
}

/* Hand len bytes to curses; returns how many the pipe took. */
static size_t
ui_input_to_curses(struct ui_input *in, const char *p, size_t len)
{
	ssize_t n;
	size_t keep;

	if (len == 0)
		return 0;
	for (;;) {
		n = write(in->pipe_in, p, len);
		if (n >= 0)
			break;
		if (errno != EINTR) {
			if (errno != EAGAIN)
				log_warn(
				    "write to curses: %s", strerror(errno));
			return 0;
		}
	}
	/* The last bytes curses got, to know if a key's sequence is cut. */
	if ((size_t)n >= sizeof(in->tail)) {
		memcpy(in->tail, p + n - sizeof(in->tail), sizeof(in->tail));
		in->tail_len = sizeof(in->tail);
	} else {
		keep = sizeof(in->tail) - (size_t)n;
		if (keep > in->tail_len)
			keep = in->tail_len;
		memmove(in->tail, in->tail + in->tail_len - keep, keep);
		memcpy(in->tail + keep, p, (size_t)n);
		in->tail_len = keep + (size_t)n;
	}
	return (size_t)n;
}

/* Pasted bytes as keys: UTF-8 (the locale's) decoded, across reads. */
static void
ui_input_paste_keys(struct ui *ui, const char *p, size_t len)
{
	struct ui_input *in = &ui->input;
	struct ui_key key = { 0 };
	wchar_t wc;
	size_t n;

	while (len > 0 && !ui->quit) {
		n = mbrtowc(&wc, p, len, &in->mb);
		if (n == (size_t)-2)
			return; /* the rest of the character comes later */
		if (n == (size_t)-1) {
			/* Not a character here: the byte, as curses gives it
			 * in a locale without UTF-8. */
			memset(&in->mb, 0, sizeof(in->mb));
			wc = (unsigned char)*p;
			n = 1;
		} else if (n == 0)
			n = 1; /* NUL: a key the screens drop */
		key.ch = (wint_t)wc;
		ui_take_key(ui, key);
		p += n;
		len -= n;
	}
}

/* How many bytes at the end of p[0..len) could begin the mark. */
static size_t
ui_input_mark_start(const char *p, size_t len, const char *mark)
{
	size_t k;

	for (k = PASTE_MARK_LEN - 1; k > 0; k--) {
		if (k <= len && memcmp(p + len - k, mark, k) == 0)
			return k;
	}
	return 0;
}

/*
 * Place what the buffer holds: pasted bytes as keys, the rest into the
 * pipe.  Stops early when the pipe is full; the rest stays in the buffer.
 */
static void
ui_input_place(struct ui *ui)
{
	struct ui_input *in = &ui->input;
	struct ui_key mark = { .is_function = 1 };
	const char *p, *found;
	size_t avail, n, keep, hold;

	while (in->off < in->len && !ui->quit) {
		p = in->buf + in->off;
		avail = in->len - in->off;
		if (!in->pasting) {
			found = ui->paste_mode ?
			    memmem(p, avail, paste_begin, PASTE_MARK_LEN) :
			    NULL;
			n = found != NULL ? (size_t)(found - p) : avail;
			/*
			 * The start of the begin mark, cut by the read, waits
			 * for its rest (or for the escape wait to pass, see
			 * ui_input_release): given to curses now, the rest of
			 * the mark and of the paste would be read as keys.
			 */
			hold = 0;
			if (found == NULL && ui->paste_mode && !in->release)
				hold =
				    ui_input_mark_start(p, avail, paste_begin);
			n -= hold;
			keep = ui_input_to_curses(in, p, n);
			in->off += keep;
			if (keep < n)
				break;
			if (found == NULL && hold > 0) {
				memmove(in->buf, p + n, hold);
				in->off = 0;
				in->len = hold;
				in->carry = 1;
				return;
			}
			if (found == NULL)
				break;
			/* The keys before the paste come first. */
			ui_take_curses_keys(ui);
			in->off += PASTE_MARK_LEN;
			in->pasting = 1;
			memset(&in->mb, 0, sizeof(in->mb));
			mark.ch = UI_KEY_PASTE_BEGIN;
			ui_take_key(ui, mark);
			continue;
		}
		found = memmem(p, avail, paste_end, PASTE_MARK_LEN);
		if (found == NULL) {
			/* A mark cut by the read waits for its rest. */
			keep = ui_input_mark_start(p, avail, paste_end);
			ui_input_paste_keys(ui, p, avail - keep);
			memmove(in->buf, p + avail - keep, keep);
			in->off = 0;
			in->len = keep;
			in->carry = keep > 0;
			return;
		}
		ui_input_paste_keys(ui, p, (size_t)(found - p));
		in->off += (size_t)(found - p) + PASTE_MARK_LEN;
		in->pasting = 0;
		mark.ch = UI_KEY_PASTE_END;
		ui_take_key(ui, mark);
	}
	if (in->off >= in->len)
		in->off = in->len = 0;
}

/* n bytes more were read into the buffer, after what it held: place them
 * with what was held back, which they decide. */
static void
ui_input_add(struct ui *ui, size_t n)
{
	struct ui_input *in = &ui->input;

	in->len += n;
	in->carry = 0;
	in->release = 0;
	ui_input_place(ui);
}

/* Read what the terminal has (poll said it has some) and place it;
 * 0, or -1 when the terminal is gone. */
static int
ui_input_fill(struct ui *ui)
{
	struct ui_input *in = &ui->input;
	size_t room;
	ssize_t n;
	int avail = 0;

	room = UI_INPUT_CHUNK - in->len;
	/* poll said there is input: read what there is, never wait. */
	if (ioctl(STDIN_FILENO, FIONREAD, &avail) != 0 || avail <= 0)
		avail = 1;
	if ((size_t)avail < room)
		room = (size_t)avail;
	n = read(STDIN_FILENO, in->buf + in->len, room);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return -1; /* EOF, or EIO: the terminal is gone */
	ui_input_add(ui, (size_t)n);
	return 0;
}

/*
 * The escape wait is over and the start of a paste's begin mark is still
 * held: no paste, so these bytes are keys (Escape alone, Alt and "[", a
 * key's sequence the terminal cut) and go to curses.
 */
static void
ui_input_release(struct ui *ui)
{
	struct ui_input *in = &ui->input;

	if (in->pasting || !in->carry)
		return;
	in->carry = 0;
	in->release = 1;
	ui_input_place(ui);
}

int
ui_input_read(struct ui *ui)
{
	struct ui_input *in = &ui->input;
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	long long deadline;
	int left;

	/* Bytes left from the last read go first. */
	if (ui_input_pending(in)) {
		ui_input_place(ui);
		if (ui_input_pending(in))
			return 0;
	}
	if (!in->tty_ready)
		return 0;
	in->tty_ready = 0;
	if (ui_input_fill(ui) != 0)
		return -1;
	/*
	 * A key's sequence cut by the read: its rest gets UI_ESCDELAY_MS
	 * to come, as curses would give it reading the terminal itself;
	 * after that, curses takes what came as Escape and letters.  The
	 * same for the start of a paste's begin mark held back.
	 */
	deadline = util_now_ms() + UI_ESCDELAY_MS;
	while (!in->pasting && !ui_input_pending(in) &&
	    (in->carry || ui_input_esc_open(in->tail, in->tail_len))) {
		left = (int)(deadline - util_now_ms());
		if (left <= 0 || poll(&pfd, 1, left) <= 0 ||
		    !(pfd.revents & POLLIN))
			break;
		if (ui_input_fill(ui) != 0)
			return -1;
	}
	ui_input_release(ui);
	return 0;
}
