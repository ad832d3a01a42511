/*
 * plain: the driver of the plain mode (plain.h): lines read with the
 * terminal's own line editing, text printed top to bottom, numbered
 * menus, commands run with their output printed, and the table of the
 * full screens that have a plain page.
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "board_limits.h"
#include "chat.h"
#include "cli.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "plain.h"
#include "screens.h"
#include "text.h"
#include "translit.h"
#include "ui.h"
#include "util.h"
#include "words.h"

/* SIGHUP (the connection gone) or SIGTERM (mentord stopping): kept, the
 * session ends.  SIGINT (Ctrl-C): back, once.  A wait for a line returns
 * with EINTR. */
static volatile sig_atomic_t plain_ending, plain_interrupted;

static void
plain_on_signal(int sig)
{
	if (sig == SIGINT)
		plain_interrupted = 1;
	else
		plain_ending = sig;
}

/* The full screens that have a page here, for deep links. */
static const struct {
	const struct screen *screen;
	int (*run)(struct plain *p, const char *text);
} plain_pages[] = {
	{ &scr_home, plain_home },
	{ &scr_search, plain_search },
	{ &scr_notifications, plain_notifications },
	{ &scr_requests, plain_requests },
	{ &scr_request, plain_request },
	{ &scr_chats, plain_chats },
	{ &scr_account, plain_account },
	{ &scr_verify, plain_verify },
};

int
plain_has_page(const struct screen *s)
{
	size_t i;

	for (i = 0; i < nitems(plain_pages); i++) {
		if (plain_pages[i].screen == s)
			return 1;
	}
	return 0;
}

void
plain_say(struct plain *p, const char *fmt, ...)
{
	char *text = NULL, *clean = NULL, *ascii = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort(); /* out of memory */
	clean =
	    text_sanitize(text, (size_t)n, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
	if (clean == NULL)
		abort();
	if (p->ascii)
		ascii = translit_ascii_dup(clean);
	if (fputs(ascii != NULL ? ascii : clean, stdout) == EOF)
		log_debug("the terminal is gone");
	free(ascii);
	free(clean);
	free(text);
}

/* Turn the terminal's echo off (on set) or back on; for passwords. */
static void
plain_echo(int on)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	if (on)
		t.c_lflag |= ECHO;
	else
		t.c_lflag &= ~(tcflag_t)ECHO;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) != 0)
		log_warn("tcsetattr: %s", strerror(errno));
}

/*
 * Wait for input from the terminal: 1 when there is some, 0 when nobody
 * typed for UI_IDLE_SECONDS, -1 on a signal.  After STORE_REST_SECONDS
 * the session rests meanwhile, as a full screen does (ui_rest): st's
 * connection and the memory it took go back until the next line.
 */
static int
plain_wait(struct store *st)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	int rc;

	rc = poll(&pfd, 1, STORE_REST_SECONDS * 1000);
	if (rc == 0) {
		mentor_rest(st);
		rc = poll(
		    &pfd, 1, (UI_IDLE_SECONDS - STORE_REST_SECONDS) * 1000);
	}
	if (rc < 0)
		return -1;
	return rc > 0;
}

/* Leave for the reason a question found; says it on the terminal. */
static enum plain_answer
plain_gone(struct plain *p, const char *why)
{
	if (why != NULL)
		plain_say(p, "\n%s\n", why);
	p->gone = 1;
	return PLAIN_GONE;
}

/*
 * Read one line into buf (size bytes): PLAIN_LINE with the line (its
 * newline still there; *too_long when more came than fits, the rest of the
 * line dropped), PLAIN_CANCEL (Ctrl-C, Ctrl-D, the end of input) or
 * PLAIN_GONE (a signal to end, idle).  A line ends in a newline; the
 * terminal sends it whole, or in pieces: bounded by size, each piece by
 * the idle time.
 */
static enum plain_answer
plain_read_line(
    struct store *st, char *buf, size_t size, size_t *len, int *too_long)
{
	ssize_t n;
	int waited;

	*len = 0;
	*too_long = 0;
	plain_interrupted = 0;
	for (;;) {
		if (plain_ending)
			return PLAIN_GONE;
		waited = plain_wait(st);
		if (waited == 0)
			return PLAIN_GONE;
		if (plain_interrupted)
			return PLAIN_CANCEL;
		if (waited < 0)
			continue; /* another signal: look again */
		n = read(STDIN_FILENO, buf + *len, size - 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return PLAIN_CANCEL; /* Ctrl-D, or the end */
		*len += (size_t)n;
		if (buf[*len - 1] == '\n')
			return PLAIN_LINE;
		if (*len == size - 1) {
			*too_long = 1;
			*len = 0;
		}
	}
}

enum plain_answer
plain_ask(
    struct plain *p, const char *prompt, char *buf, size_t size, int secret)
{
	char why[2 * UI_MESSAGE_MAX];
	enum plain_answer got;
	size_t len = 0;
	int too_long = 1;

	if (size > PLAIN_LINE_MAX)
		size = PLAIN_LINE_MAX;
	/* Asked again while the line is too long; each time needs a line. */
	while (too_long) {
		buf[0] = '\0';
		if (p->gone)
			return PLAIN_GONE;
		if (identity_ended(p->app, why, sizeof(why)))
			return plain_gone(p, why);
		plain_say(p, "%s", prompt);
		(void)fflush(stdout);
		if (secret)
			plain_echo(0);
		got =
		    plain_read_line(p->app->store, buf, size, &len, &too_long);
		if (secret) {
			plain_echo(1);
			plain_say(p, "\n");
		}
		buf[len] = '\0';
		if (plain_ending == SIGTERM)
			return plain_gone(p,
			    _("Mentorboard is shutting down for maintenance. "
			      "Please come back later."));
		if (plain_ending != 0)
			return plain_gone(p, NULL);
		if (got == PLAIN_GONE)
			return plain_gone(p,
			    _("Logged out: no key was pressed for two hours."));
		if (got == PLAIN_CANCEL) {
			/* Back, on a line of its own. */
			explicit_bzero(buf, size);
			plain_say(p, "\n");
			return PLAIN_CANCEL;
		}
		if (too_long) {
			explicit_bzero(buf, size);
			plain_say(p,
			    _("That line is too long; at most %zu bytes.\n"),
			    size - 2);
		} else if (memchr(buf, '\0', len) != NULL) {
			/* A NUL would cut the line short unseen: asked
			 * again, as a line too long is. */
			explicit_bzero(buf, size);
			plain_say(p, "%s\n", _("contains control characters"));
			too_long = 1;
		}
	}
	buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return PLAIN_LINE;
}

int
plain_confirm(struct plain *p, const char *question)
{
	char line[64];

	if (plain_ask(p, question, line, sizeof(line), 0) != PLAIN_LINE)
		return 0;
	text_trim(line);
	return strcasecmp(line, _("y")) == 0 || strcasecmp(line, _("yes")) == 0;
}

/* Is word a whole number from min to max?  Then *n. */
static int
plain_number(const char *word, long min, long max, long *n)
{
	return parse_long(word, min, max, n) == 0;
}

int
plain_menu(struct plain *p, const char *title, const char *const *labels, int n,
    const char *zero)
{
	char line[PLAIN_LINE_MAX], prompt[160];
	long chosen;
	int i, show = 1;

	(void)snprintf(
	    prompt, sizeof(prompt), _("Your choice (1-%d, 0: %s): "), n, zero);
	for (;;) {
		if (show) {
			plain_say(p, "\n%s\n", title);
			for (i = 0; i < n; i++)
				plain_say(p, "%d. %s\n", i + 1, labels[i]);
			plain_say(p, "0. %s\n", zero);
			show = 0;
		}
		switch (plain_ask(p, prompt, line, sizeof(line), 0)) {
		case PLAIN_GONE:
			return -2;
		case PLAIN_CANCEL:
			return -1;
		case PLAIN_LINE:
			break;
		}
		text_trim(line);
		if (line[0] == '\0') {
			show = 1;
			continue;
		}
		if (plain_number(line, 0, n, &chosen))
			return (int)chosen - 1;
		/* Not a number: a command line. */
		(void)plain_command(p, line, NULL);
	}
}

/* Put fd at target, keeping a copy of what was there in *saved. */
static int
plain_swap_fd(int fd, int target, int *saved)
{
	*saved = dup(target);
	if (*saved < 0)
		return -1;
	if (dup2(fd, target) != target) {
		(void)close(*saved);
		*saved = -1;
		return -1;
	}
	return 0;
}

/* Put back what plain_swap_fd kept. */
static void
plain_restore_fd(int target, int saved)
{
	if (saved < 0)
		return;
	if (dup2(saved, target) != target)
		log_error("dup2: %s", strerror(errno));
	(void)close(saved);
}

/*
 * A file in memory holding input whole, read from its start; or /dev/null
 * for NULL.  Not a pipe: the kernel may give a user's pipes 4 KiB only,
 * and nobody reads this one until it is written.
 */
static int
plain_input_fd(const char *input)
{
	size_t len = input != NULL ? strlen(input) : 0;
	int fd;

	if (input == NULL)
		return open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (len > PLAIN_INPUT_MAX)
		return -1;
	fd = memfd_create("mentorboard-input", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write(fd, input, len) != (ssize_t)len ||
	    lseek(fd, 0, SEEK_SET) != 0) {
		(void)close(fd);
		return -1;
	}
	return fd;
}

int
plain_command(struct plain *p, const char *line, const char *input)
{
	int in = -1, out = -1, saved[3] = { -1, -1, -1 };
	int tty = p->app->tty, rc = CLI_FAIL;
	char *buf = NULL;
	ssize_t n;
	size_t len = 0;

	(void)fflush(stdout);
	(void)fflush(stderr);
	in = plain_input_fd(input);
	out = memfd_create("mentor-output", MFD_CLOEXEC);
	if (in < 0 || out < 0 || plain_swap_fd(in, STDIN_FILENO, &saved[0]) ||
	    plain_swap_fd(out, STDOUT_FILENO, &saved[1]) ||
	    plain_swap_fd(out, STDERR_FILENO, &saved[2])) {
		log_error("cannot run a command: %s", strerror(errno));
		plain_say(p, "%s\n", _("Please try again."));
		goto out;
	}
	/* As without a terminal: text, never a screen. */
	p->app->tty = 0;
	rc = cmd_dispatch(p->app, line);
	p->app->tty = tty;
	/* A line's --full-screen is for that line: the session stays in
	 * the plain mode. */
	p->app->plain = 1;
	(void)fflush(stdout);
	(void)fflush(stderr);
	clearerr(stdin);
out:
	plain_restore_fd(STDIN_FILENO, saved[0]);
	plain_restore_fd(STDOUT_FILENO, saved[1]);
	plain_restore_fd(STDERR_FILENO, saved[2]);
	if (out >= 0 && lseek(out, 0, SEEK_SET) == 0) {
		buf = xmalloc(PLAIN_OUTPUT_MAX + 1);
		while (len < PLAIN_OUTPUT_MAX &&
		    (n = read(out, buf + len, PLAIN_OUTPUT_MAX - len)) > 0)
			len += (size_t)n;
		buf[len] = '\0';
		plain_say(p, "%s", buf);
		if (len > 0 && buf[len - 1] != '\n')
			plain_say(p, "\n");
		if (len == PLAIN_OUTPUT_MAX)
			plain_say(p, "%s\n",
			    _("(That is where it is cut: the command over ssh, "
			      "without the plain mode, gives all of it.)"));
		free(buf);
	}
	if (in >= 0)
		(void)close(in);
	if (out >= 0)
		(void)close(out);
	return rc;
}

int
plain_quote(const char *word, char *out, size_t size)
{
	size_t o = 0;

	if (size < 3)
		return -1;
	out[o++] = '\'';
	for (; *word != '\0'; word++) {
		if (*word == '\'') {
			if (o + 4 >= size)
				return -1;
			memcpy(out + o, "'\\''", 4);
			o += 4;
		} else {
			if (o + 1 >= size)
				return -1;
			out[o++] = *word;
		}
	}
	if (o + 2 > size)
		return -1;
	out[o++] = '\'';
	out[o] = '\0';
	return 0;
}

int
plain_open_line(struct plain *p, const char *line)
{
	const struct screen *s = NULL;
	char text[EXEC_COMMAND_MAX + 1];
	size_t i;

	if (cmd_link_screen(p->app, line, &s, text, sizeof(text)) == 0) {
		for (i = 0; i < nitems(plain_pages); i++) {
			if (plain_pages[i].screen == s)
				return plain_pages[i].run(
				    p, text[0] != '\0' ? text : NULL);
		}
	}
	(void)plain_command(p, line, NULL);
	return p->gone ? PLAIN_END : PLAIN_BACK;
}

void
plain_when(struct plain *p, int64_t t, char *out, size_t size)
{
	char tz[STORE_TIME_ZONE_MAX];

	chat_time_zone(&p->app->board, p->app->viewer.user_id, tz, sizeof(tz));
	chat_format_time(t, tz, "%Y-%m-%d %H:%M", out, size);
}

int
plain_run(struct app *app, const struct screen *first, const char *text)
{
	const char *codeset = nl_langinfo(CODESET);
	struct sigaction sa;
	struct plain p;
	size_t i;
	int rc = PLAIN_BACK;

	memset(&p, 0, sizeof(p));
	p.app = app;
	p.ascii = codeset == NULL || strcmp(codeset, "UTF-8") != 0;
	/* Not SA_RESTART: a signal must end the wait for a line. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = plain_on_signal;
	(void)sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGHUP, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0)
		log_warn("sigaction: %s", strerror(errno));
	/* Commands read their input through stdio: keep none of it (a
	 * message, a key) in a buffer after they ran. */
	(void)setvbuf(stdin, NULL, _IONBF, 0);
	/* The main menu holds what a member who has not confirmed the
	 * address yet may do (the verify screen's place). */
	for (i = 0; first != NULL && i < nitems(plain_pages); i++) {
		if (plain_pages[i].screen == first)
			rc = plain_pages[i].run(&p, text);
	}
	/* A deep link's page ends at the main menu, as on the screens. */
	if (rc == PLAIN_BACK && !p.gone && first != &scr_home)
		rc = plain_home(&p, NULL);
	(void)fflush(stdout);
	return 0;
}
