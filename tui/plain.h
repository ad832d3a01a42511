/*
 * plain: the plain mode of mentor, for screen readers and braille
 * displays, and for terminals that cannot draw (TERM=dumb).  Nothing is
 * drawn at places on the screen: every page prints lines, top to bottom, a
 * menu as numbered lines, and asks one question per line, which the
 * terminal's own line editing reads (so what is typed is echoed and read
 * out as typed).  The pages cover the main flow: the home menu, the search
 * and a mentor's details (and asking for mentoring), notifications,
 * requests, chats, My account; at every menu any command line runs too,
 * its output printed (`help` lists them).  Text from others is sanitised
 * as on the screens, and written in ASCII on a terminal without UTF-8.
 *
 * plain.c is the driver (reading lines, printing, menus, running a
 * command); plain_*.c are the pages, one file each.
 */
#ifndef MB_PLAIN_H
#define MB_PLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "mentor.h"

#define PLAIN_LINE_MAX 4096 /* bytes of a typed line (a terminal's line) */
#define PLAIN_OUTPUT_MAX (1024 * 1024) /* bytes of a command's output shown */
#define PLAIN_INPUT_MAX 16384 /* bytes handed to a command's stdin */
#define PLAIN_SEARCH_PAGE 10 /* search results read out at a time */
#define PLAIN_CHAT_LINES 20 /* a chat's lines shown on opening it */
#define PLAIN_MENU_MAX 16 /* entries of a menu */

/* What a page returns: back to where it was opened from, or leave. */
enum plain_result {
	PLAIN_BACK = 0,
	PLAIN_END, /* the connection went, the board stops, idle, ended */
};

/* What a question got. */
enum plain_answer {
	PLAIN_LINE = 0, /* a line (maybe empty) */
	PLAIN_CANCEL, /* Ctrl-C or Ctrl-D: back */
	PLAIN_GONE, /* leave now (see enum plain_result's PLAIN_END) */
};

struct plain {
	struct app *app;
	int ascii; /* the terminal shows ASCII only */
	int gone; /* a question returned PLAIN_GONE: unwind */
};

/* ---- plain.c: the driver ----------------------------------------------- */

/*
 * Print text, formatted, as it is (newlines kept), sanitised and, on an
 * ASCII terminal, in ASCII.  Nothing is added: end lines with "\n".
 */
void plain_say(struct plain *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Ask: print prompt (no newline is added), then read one line into buf
 * (size bytes, at most PLAIN_LINE_MAX), without its newline.  With secret
 * set, what is typed is not echoed.  A line too long is refused and asked
 * again.  Returns an enum plain_answer; buf is "" unless PLAIN_LINE.
 */
enum plain_answer plain_ask(
    struct plain *p, const char *prompt, char *buf, size_t size, int secret);

/* Ask a yes or no question; 1 for yes, 0 for anything else or cancel. */
int plain_confirm(struct plain *p, const char *question);

/*
 * Show a menu: title, then "1. label" for each of the n labels, then
 * "0. " and zero (its label: "Back", "Leave"), and ask for a number.  An
 * empty line shows the menu again; a line that is no number runs as a
 * command line (plain_command), then the question comes again.  Returns
 * the index chosen (0 to n - 1), -1 for zero or a cancel, or -2 when
 * p->gone.
 */
int plain_menu(struct plain *p, const char *title, const char *const *labels,
    int n, const char *zero);

/*
 * Run a command line as the command face does (cmd_dispatch, as without a
 * terminal) and print its output and errors; input (may be NULL) is its
 * standard input, else it reads nothing.  Returns its CLI_* status.
 */
int plain_command(struct plain *p, const char *line, const char *input);

/*
 * word as one word of a command line, in single quotes (a quote in it as
 * '\''), into out (size bytes).  Returns 0, or -1 when it does not fit.
 */
int plain_quote(const char *word, char *out, size_t size);

/*
 * Open what a command line (a notification's link, "chat 12") is about:
 * its page when it has one, else the command's output.  Returns an enum
 * plain_result.
 */
int plain_open_line(struct plain *p, const char *line);

/* The time t as "2026-12-01 14:05" in the viewer's time zone. */
void plain_when(struct plain *p, int64_t t, char *out, size_t size);

/* ---- The pages (plain_*.c); text is a deep link's words, or NULL ------- */

int plain_home(struct plain *p, const char *text);
int plain_search(struct plain *p, const char *text);
int plain_mentor(struct plain *p, int64_t id);
int plain_notifications(struct plain *p, const char *text);
int plain_requests(struct plain *p, const char *text);
int plain_request(struct plain *p, const char *text);
int plain_chats(struct plain *p, const char *text);
int plain_chat(struct plain *p, int64_t id);
int plain_account(struct plain *p, const char *text);
int plain_verify(struct plain *p, const char *text);

#endif
