/*
 * sysop: the mentoring team's commands, the same rows in both programs:
 * the host's operator runs them as `mentord COMMAND` (and in the console
 * of `mentor --local`), a member with the sysop flag as `ssh board admin
 * COMMAND` and on the Sysop screens.  Everyone else is told there is no
 * such command.  Each action is written to the audit log with who did
 * it (a sysop, or the host's operator) on whom.
 */
#ifndef MB_SYSOP_H
#define MB_SYSOP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board.h"
#include "cli.h"

/* The context every sysop row runs with. */
struct sysop {
	struct board *board;
	int64_t actor_id; /* the sysop; 0: the host's operator */
	int local; /* on the host (mentord, mentor --local): files may be
		      read by name */
	FILE *out; /* what a row prints: stdout, or the console's page */
	FILE *err; /* and its notes (cli_error goes with cli_error_to) */
};

/* The rows: `mentord ROW ...` and `admin ROW ...`. */
extern const struct cli_command sysop_rows[];

/* Record an action in the audit log (logged if it cannot be). */
void sysop_audit(const struct sysop *s, const char *action, int64_t subject_id,
    int64_t object_id, const char *detail);

/* A date for the lists: "2026-12-01", or "-" for none. */
void sysop_date(int64_t t, char *out, size_t size);

/* The id a word names ("12" or "#12"); CLI_USAGE (said) if none. */
int sysop_id(const char *word, int64_t *id);

/* The words from argv[first] on, joined by spaces; the caller frees. */
char *sysop_words(const struct cli_call *call, int first);

/* Is call a row of the sysop row name ("areas")?  The same rows serve
 * two: call->top is "admin" under mentor. */
int sysop_is(const struct cli_call *call, const char *name);

/* The first line of text, sanitised and cut to cols columns, into out:
 * what a list of the console shows of members' words. */
void sysop_preview(const char *text, int cols, char *out, size_t size);

/* Print why, or a general word, and return CLI_FAIL. */
int sysop_refused(const char *why);

/* The rows of each file, for sysop_rows. */
extern const struct cli_command sysop_user_subs[], sysop_list_subs[],
    sysop_membership_subs[], sysop_codes_subs[], sysop_mentorship_subs[];
/* sysop_moderation.c and sysop_support.c: bans (rows of "user"), members'
 * reports and questions. */
extern const struct cli_command sysop_reports_subs[], sysop_support_subs[];
extern const struct cli_option sysop_user_ban_options[];
int sysop_user_ban(void *ctx, const struct cli_call *call);
int sysop_user_unban(void *ctx, const struct cli_call *call);
int sysop_user_bans(void *ctx, const struct cli_call *call);
int sysop_notify(void *ctx, const struct cli_call *call);
int sysop_announce(void *ctx, const struct cli_call *call);

#endif
