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
#include "board.h"
#include "config.h"
#include "store.h"

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
	struct board board; /* store, cfg and key, for the rules */
	int tty; /* stdin and stdout are a terminal */
};

/*
 * The viewer's user id if they are a member who has confirmed the address
 * (and so may see what members see), else 0.
 */
int64_t viewer_member(const struct viewer *v);

/*
 * identity.c: read the one-time token from fd and claim its session; the
 * command of an exec request, if any, follows it on fd: *command gets it
 * (the caller frees it) or NULL.
 */
int identity_claim(struct app *app, int fd, char **command);

/*
 * On the host (mentor --local): the board account named like the local
 * user, or a guest.  Records a session row for who is online; end it with
 * identity_local_end.  MB_ERR_NOTFOUND if there is no such account.
 */
int identity_local(struct app *app, int guest);
void identity_local_end(struct app *app);

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
	/* Words after the name a deep link passes on (0 or 1); with more,
	 * the command runs as a command even on a terminal. */
	int screen_args;
};

#define CMD_MEMBERS 0x01 /* verified members only */
#define CMD_HIDDEN 0x02 /* not listed by help */
#define CMD_GUESTS 0x04 /* guests only */
#define CMD_UNVERIFIED 0x08 /* members who have not verified yet */

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

/* Is flag (--json) among the arguments?  Removes (and frees) it from
 * argv, which must come from words_split. */
int cmd_take_flag(int *argc, char **argv, const char *flag);

/*
 * Read standard input up to max bytes into a string the caller frees.
 * *too_long is set if there was more.  Used by commands that take a
 * password or a key on stdin.
 */
char *cmd_read_stdin(size_t max, int *too_long);

/* Read one line (without its newline) into a string the caller frees and
 * wipes; NULL at end of input or if longer than max. */
char *cmd_read_line(FILE *fp, size_t max);

/* cmd_basic.c */
extern const struct command cmd_help, cmd_version, cmd_whoami, cmd_privacy;

/* cmd_account.c */
extern const struct command cmd_register, cmd_verify, cmd_resend,
    cmd_change_email, cmd_password, cmd_reset_request, cmd_reset;

/* cmd_keys.c */
extern const struct command cmd_keys;

/* cmd_search.c */
extern const struct command cmd_search, cmd_mentor_info, cmd_suggest;

/* cmd_profile.c */
extern const struct command cmd_roles, cmd_profile, cmd_application, cmd_fields,
    cmd_cv, cmd_scp;

#endif
