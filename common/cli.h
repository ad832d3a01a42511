/*
 * cli: the one command framework of both programs.  A command and each of
 * its sub-commands is a row of a table (struct cli_command): its name, the
 * words it takes, its options (which take a value, which repeat, which
 * are required), who may run it, whether it prints JSON, and the function
 * that runs it.  One parser turns a command line into a struct cli_call
 * against those rows, and usage and help text are generated from them, so
 * that what a command accepts and what it says it accepts cannot differ.
 *
 * The faces decide only what is theirs: mentor (tui/cmd.c) checks `who`
 * against the viewer and may open a screen instead (a deep link); mentord
 * (daemon/admin.c) runs its local commands for the host's operator.
 *
 * Exit statuses: CLI_OK, CLI_FAIL (one line on stderr says why), CLI_USAGE
 * (the command line itself was wrong).
 */
#ifndef MB_CLI_H
#define MB_CLI_H

#include <stddef.h>
#include <stdio.h>

#define CLI_OK 0
#define CLI_FAIL 1
#define CLI_USAGE 2

#define CLI_OPTIONS_GIVEN_MAX 32 /* options on one command line */
#define CLI_WORDS_MAX 64 /* words of one command line, options aside */
/* Bytes of one generated usage line: `admin` holds every row of the
 * team's (tests/unit/test_cli.c checks they fit). */
#define CLI_USAGE_MAX 4096

/* Who may run a row (the face checks it, before the row runs). */
enum cli_who {
	CLI_ANYONE = 0, /* guests and members */
	CLI_GUESTS, /* guests only (register, reset) */
	CLI_MEMBERS, /* members who confirmed their address */
	CLI_UNVERIFIED, /* members, confirmed or not */
	CLI_SYSOPS, /* sysops; unknown to everyone else */
};

/* Flags of an option. */
#define CLI_VALUE 0x01 /* takes a value: --area AREA or --area=AREA */
#define CLI_REPEAT 0x02 /* may be given more than once */
#define CLI_REQUIRED 0x04 /* must be given */

struct cli_option {
	const char *name; /* "--area" */
	const char *value; /* the value's name in usage ("AREA"), or NULL */
	unsigned flags;
};

/* Flags of a command row. */
#define CLI_JSON 0x01 /* takes --json (prints data) */
#define CLI_HIDDEN 0x02 /* not listed by help */

struct cli_call;

struct cli_command {
	const char *name;
	/* The words after the name and the options, for usage ("ID",
	 * "AREA mentor|mentee on|off", "[WORDS...]"). */
	const char *args;
	int min_args;
	int max_args; /* -1: any number */
	const struct cli_option *options; /* ends with { 0 }; may be NULL */
	const char *input; /* what it reads on stdin, for usage ("TEXT") */
	const char *summary; /* N_(): one line for help */
	/* Runs the row with the face's context; returns a CLI_* status.
	 * NULL: a sub-command must be named. */
	int (*run)(void *ctx, const struct cli_call *call);
	const struct cli_command *subs; /* ends with { 0 }; may be NULL */
	enum cli_who who;
	unsigned flags;
	/* mentor only: the screen a deep link opens (a struct screen), and
	 * how many words it takes; with more, or with options, the row runs
	 * as a command even on a terminal. */
	const void *screen;
	int screen_args;
};

/* One option given on the command line. */
struct cli_given {
	const struct cli_option *option;
	const char *value; /* NULL for a flag */
};

/* A parsed command line.  Strings point into the argv it came from. */
struct cli_call {
	const struct cli_command *row; /* the row that runs */
	const struct cli_command *top; /* its top-level command */
	char path[64]; /* "roles set", for messages */
	int argc; /* the words after the path, options taken out */
	char *argv[CLI_WORDS_MAX + 1];
	int json; /* --json was given */
	size_t ngiven;
	struct cli_given given[CLI_OPTIONS_GIVEN_MAX];
};

/*
 * The program name errors start with ("mentor", "mentord"), and what
 * usage lines start with ("mentord " for its local commands; "" for
 * mentor's, which people type after ssh HOST).
 */
void cli_set_program(const char *name, const char *usage_prefix);

/* Print "PROGRAM: message" and a newline on stderr (or where
 * cli_error_to says); while the command met a fault its user must hear
 * of (error_fault_text, a full disk), that instead of message. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Send cli_error's messages to fp (a console's page), or with NULL back to
 * stderr. */
void cli_error_to(FILE *fp);

/*
 * A program's commands are one table made of groups: each file of
 * commands has an array of rows ending with { 0 }, and groups is a
 * NULL-terminated list of those arrays, in the order help lists them.
 */

/* Find a top-level row by name in groups, or NULL. */
const struct cli_command *cli_find(
    const struct cli_command *const *groups, const char *name);

/* Find a row by name in one array of rows (sub-commands), or NULL. */
const struct cli_command *cli_find_row(
    const struct cli_command *rows, const char *name);

/*
 * Parse argv (argv[0] is the command's name, found in groups) into *call:
 * descend into sub-commands named by the next words, take the options the
 * row knows (and --json when it has CLI_JSON), check required options and
 * the number of words.  argv is the caller's and must outlive *call.
 * Returns CLI_OK, or CLI_USAGE after printing the reason and the row's
 * usage on stderr.  An unknown name is not parsed here: call cli_find
 * first.
 */
int cli_parse(const struct cli_command *const *groups, int argc, char **argv,
    struct cli_call *call);

/* The value of the last --name given, or NULL. */
const char *cli_value(const struct cli_call *call, const char *name);

/* Was the flag --name given? */
int cli_flag(const struct cli_call *call, const char *name);

/*
 * The values of every --name given, in order, into out (at most max);
 * returns how many were given (which may be more than max).
 */
size_t cli_values(const struct cli_call *call, const char *name,
    const char **out, size_t max);

/*
 * Write the usage of row (under the name prefix, e.g. "roles" for its
 * sub-commands; NULL at the top) into out: "set AREA ... [--json]".  With
 * subs, each runnable row below it is joined with " | ".
 */
void cli_usage(
    const struct cli_command *row, const char *prefix, char *out, size_t size);

/*
 * Print each form of row (under prefix, as cli_usage) on a line of its
 * own after lead ("  mentord "), so that no line holds them all.
 */
void cli_print_forms(FILE *fp, const struct cli_command *row,
    const char *prefix, const char *lead);

/* Print "PROGRAM: usage: ..." for a top-level row on fp. */
void cli_print_usage(FILE *fp, const struct cli_command *row);

/*
 * Read all of standard input, at most max bytes, into *out, a string the
 * caller frees.  Returns 0; MB_ERR_LIMIT when there was more than max;
 * MB_ERR_INVALID when it holds a NUL byte (text never does, and a C
 * string would silently end there); MB_ERR_IO when reading failed.  On
 * failure *out is NULL.
 */
int cli_read_stdin(size_t max, char **out);

/*
 * Read one line (without its newline or CR) from fp into a string the
 * caller frees and wipes; NULL at end of input or when longer than max.
 */
char *cli_read_line(FILE *fp, size_t max);

/*
 * A whole decimal number of a word, in [min, max], as "--limit" takes it;
 * prints "NAME takes MIN to MAX" and returns CLI_USAGE otherwise.
 */
int cli_number(
    const char *name, const char *word, long min, long max, long *out);

#endif
