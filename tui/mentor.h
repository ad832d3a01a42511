/*
 * mentor: the board's user interface, in two faces over the same rules:
 * full screens (ncurses) when there is a terminal, and commands (plain text
 * or JSON) when there is not.  Screens and commands are table entries.
 */
#ifndef MB_MENTOR_H
#define MB_MENTOR_H

#include <stdint.h>
#include <stdio.h>

#include "auth.h"
#include "config.h"

#define DISPLAY_NAME_MAX 128 /* bytes of "Anna K." */

/* Who is using this session. */
struct viewer {
	int64_t user_id; /* 0 for a guest */
	int64_t session_id;
	int is_sysop;
	int verified;
	char username[64];
	char display_name[DISPLAY_NAME_MAX];
	char remote_addr[64];
};

/* What every screen and command works with. */
struct app {
	struct config cfg;
	struct store *store;
	struct viewer viewer;
	uint8_t board_key[BOARD_KEY_BYTES];
	int tty; /* stdin and stdout are a terminal */
};

/* identity.c: read the one-time token from fd and claim its session. */
int identity_claim(struct app *app, int fd);

/* Reload the viewer's data (after a change of name or verification). */
int identity_refresh(struct app *app);

/* ---- Commands (cmd.c and cmd_*.c) --------------------------------------- */

struct screen;

struct command {
	const char *name;
	const char *args; /* usage after the name, e.g. "[--json]" */
	const char *summary; /* N_() text for help */
	int (*run)(struct app *app, int argc, char **argv);
	/* With a terminal, the screen this command opens (a deep link). */
	const struct screen *screen;
	unsigned flags;
};

#define CMD_MEMBERS 0x01 /* not for guests */
#define CMD_HIDDEN 0x02 /* not listed by help */

/* Exit statuses of commands. */
#define CMD_OK 0
#define CMD_FAIL 1
#define CMD_USAGE 2

/*
 * Run a command line (one exec request).  Returns the exit status; the
 * reason for a failure goes to stderr in one line.  With a terminal and a
 * command that has a screen, opens the screen instead.
 */
int cmd_dispatch(struct app *app, const char *line);

/* The command table, NULL-terminated (cmd.c). */
extern const struct command *const cmd_table[];

/* Print a one-line error ("mentor: ...") to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Is --json among the arguments?  Removes it. */
int cmd_take_flag(int *argc, char **argv, const char *flag);

/* cmd_basic.c */
extern const struct command cmd_help, cmd_version, cmd_whoami;

#endif
