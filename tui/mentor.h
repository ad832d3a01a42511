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
#include "cli.h"
#include "config.h"
#include "i18n.h"
#include "store.h"

/* What every screen and command works with. */
struct app {
	struct config cfg;
	struct store *store;
	struct viewer viewer;
	uint8_t board_key[BOARD_KEY_BYTES];
	struct board board; /* store, cfg and key, for the rules */
	int tty; /* stdin and stdout are a terminal */
	int plain; /* on a terminal: the plain mode, not full screens */
	/* The language the client's locale asks for: a guest's. */
	enum i18n_language client_language;
};

/*
 * run.c: an idle session (STORE_REST_SECONDS without drawing) gives back
 * what it need not hold until it wakes: st's database connection and
 * SQLite's memory with it (the next store call opens it again), the free
 * pages of the heap and the stack below the caller's frame.
 */
void mentor_rest(struct store *st);

/* How a mentor process is to start (mentor_run). */
struct mentor_start {
	int token_fd; /* mentord's hand-over (identity_claim), or -1 */
	const char *command; /* run this command, not the screens; or NULL */
	int local; /* on the host, as the local user's account */
	int guest; /* with local: as a guest */
	int plain; /* on a terminal: the plain mode */
};

/*
 * run.c: with app->cfg set and the log open, learn who is there (the
 * token on ms->token_fd, or the local account), then run the command
 * (ms->command, or the one handed over with the token), the screens on a
 * terminal, or help.  Opens app's store unless it is open already
 * (mentor_open_store), and closes it; the caller owns app.  Returns the
 * command's or the screens' exit status, CLI_USAGE or CLI_FAIL when it
 * cannot start (said on stderr).
 */
int mentor_run(struct app *app, const struct mentor_start *ms);

/*
 * run.c: what a mentor needs before it knows its session, with app->cfg
 * set: the crypto library, the board key, and app's store open (its schema
 * read).  mentord's spare mentor does it ahead of a login.  0, or an
 * MB_ERR_* (app->store stays NULL).
 */
int mentor_open_store(struct app *app);

/*
 * identity.c: read the one-time token from fd (the hand-over file, which
 * is then emptied and stays open: the caller closes it) and claim its
 * session; the command of an exec request, if any, follows it on fd:
 * *command gets it (the caller frees it) or NULL.
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

/*
 * Has the mentoring team ended this session: the member banned, or this
 * session kicked?  1 and the words to show in why, else 0.
 */
int identity_ended(struct app *app, char *why, size_t size);

/* ---- Commands (cmd.c and cmd_*.c) ---------------------------------------
 *
 * Every command is a row of common/cli.h's table: each cmd_*.c file has an
 * array of rows, and cmd_groups lists them in the order help shows.  A
 * row's run function gets the struct app as its context.
 */

extern const struct cli_command *const cmd_groups[];
extern const struct cli_command cmd_basic_rows[], cmd_account_rows[],
    cmd_keys_rows[], cmd_search_rows[], cmd_profile_rows[],
    cmd_membership_rows[], cmd_notifications_rows[], cmd_requests_rows[],
    cmd_chat_rows[], cmd_agreement_rows[], cmd_admin_rows[], cmd_data_rows[],
    cmd_support_rows[], cmd_moderation_rows[], cmd_plain_rows[];

struct sysop;

/* Is call an `admin ...` row (run with a struct sysop, not the app)? */
int cmd_is_admin(const struct cli_call *call);

/* The sysop context of this session: the viewer is the actor. */
void cmd_admin_context(struct app *app, struct sysop *s);

/* The name of a party as others see it ("Anna K."), or "a former
 * member" when id is 0 (erased). */
void cmd_party_name(
    const char *first, const char *last, int64_t id, char *out, size_t size);

/* The id a word names ("12" or "#12"): CLI_OK, or CLI_USAGE (said). */
int cmd_id(const char *word, int64_t *id);

/* The sftp command that fetches the CV of request id as the viewer. */
void cmd_request_cv_command(
    const struct app *app, int64_t id, char *out, size_t size);

/*
 * Say on stderr why standard input was refused: rc is cli_read_stdin's
 * code, max_chars the limit of the text.
 */
void cmd_stdin_refused(int rc, long max_chars);

/* A date, UTC, as "2026-12-01" into out. */
void cmd_date(int64_t t, char *out, size_t size);

struct membership_view;

/* Where a member stands in the alumni community, as one sentence. */
void cmd_membership_line(
    const struct membership_view *v, char *out, size_t size);

/* The words before a command line that choose the face: `ssh -t board
 * --plain`, `ssh -t board --full-screen chat 12`. */
#define CMD_PLAIN_WORD "--plain"
#define CMD_FULL_SCREEN_WORD "--full-screen"

/*
 * Run a command line (one exec request).  Returns the exit status; the
 * reason for a failure goes to stderr in one line.  With a terminal and a
 * row that has a screen (and no options or sub-command were given),
 * opens the screen instead, or its page in the plain mode (where it has
 * one).  Leading --plain or --full-screen words set app->plain first.
 */
int cmd_dispatch(struct app *app, const char *line);

struct screen;

/*
 * plain.c: run the plain mode (tui/plain.h) on the terminal, starting on
 * the page of screen first (NULL: where a session starts) with a deep
 * link's words in text (may be NULL).  Returns mentor's exit status.
 */
int plain_run(struct app *app, const struct screen *first, const char *text);

/* Has the full screen s a page in the plain mode? */
int plain_has_page(const struct screen *s);

/*
 * The screen a command line opens for the viewer (the link of a
 * notification: "membership", "chat 12"), with its words joined into
 * text (size bytes).  Returns 0, or MB_ERR_NOTFOUND when the line names
 * no screen the viewer may open.
 */
int cmd_link_screen(const struct app *app, const char *line,
    const struct screen **screen, char *text, size_t size);

/*
 * May the viewer run row?  With quiet unset, says why not on stderr.  A
 * sysop's row is for everyone else a command that does not exist.
 */
int cmd_may_run(
    const struct app *app, const struct cli_command *row, int quiet);

#endif
