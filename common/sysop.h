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
	const char *actor_name; /* the sysop's user name, for the log */
	const char *source; /* their address, or "local" (the host) */
	int local; /* on the host (mentord, mentor --local): files may be
		      read by name */
	FILE *out; /* what a row prints: stdout, or the console's page */
	FILE *err; /* and its notes (cli_error goes with cli_error_to) */
};

/* The rows: `mentord ROW ...` and `admin ROW ...`. */
extern const struct cli_command sysop_rows[];

/*
 * Record an action in the audit log (logged if it cannot be), and log it
 * as sysop_log does.
 */
void sysop_audit(const struct sysop *s, const char *action, int64_t subject_id,
    int64_t object_id, const char *detail);

/*
 * Log an action of the team: who (the sysop's user name, or the host's
 * operator and their uid), from where, what, on which member and object;
 * never the detail, which may be a person's words.  For actions whose
 * audit row a rule writes in its own transaction.
 */
void sysop_log(const struct sysop *s, const char *action, int64_t subject_id,
    int64_t object_id);

/* A date for the lists: "2026-12-01", or "-" for none. */
void sysop_date(int64_t t, char *out, size_t size);

/* A time for the lists: "2026-12-01 15:04" (UTC), or "-" for none. */
void sysop_time(int64_t t, char *out, size_t size);

/* A length of time, roughly: "45 s", "12 min", "3 h 5 min", "4 days". */
void sysop_duration(int64_t seconds, char *out, size_t size);

/* The id a word names ("12" or "#12"); CLI_USAGE (said) if none. */
int sysop_id(const char *word, int64_t *id);

/*
 * The member a word names: "#12" an id, "12" an id or else a user name,
 * any other word a user name.  CLI_OK and *u, or CLI_FAIL (said).
 */
int sysop_member(const struct sysop *s, const char *word, struct store_user *u);

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

#define SYSOP_SEARCH_MAX 100 /* members a search shows, newest first */

/*
 * The members whose user name, address, first name or surname hold every
 * one of words (any case; at most STORE_USER_SEARCH_WORDS; none: the
 * newest), newest first, at most SYSOP_SEARCH_MAX, into *rows (the
 * caller's to free).  With audit set, a search by words is recorded: the
 * team sees private data here.  0, or MB_ERR_INVALID (too many words) or
 * the store's MB_ERR_*.
 */
int sysop_user_find(struct sysop *s, char *const words[], size_t nwords,
    int audit, struct store_user **rows, size_t *n);

/*
 * Print everything the team may know of member id to s->out, as text or
 * (json) one JSON object: the account, roles per area, the alumni
 * community, requests and mentorships both ways, sessions, last logins.
 * Not audited here: the caller records the look.  CLI_OK or CLI_FAIL.
 */
int sysop_user_describe(struct sysop *s, int64_t id, int json);

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
int sysop_user_show(void *ctx, const struct cli_call *call);
int sysop_user_confirm(void *ctx, const struct cli_call *call);
int sysop_user_resend(void *ctx, const struct cli_call *call);
int sysop_user_reset(void *ctx, const struct cli_call *call);
int sysop_user_sysop(void *ctx, const struct cli_call *call);
extern const struct cli_option sysop_user_erase_options[];
int sysop_user_erase(void *ctx, const struct cli_call *call);
extern const struct cli_command sysop_online_subs[];
int sysop_online(void *ctx, const struct cli_call *call);
int sysop_stats(void *ctx, const struct cli_call *call);
int sysop_audit_log(void *ctx, const struct cli_call *call);
extern const struct cli_option sysop_audit_options[];
int sysop_notify(void *ctx, const struct cli_call *call);
int sysop_announce(void *ctx, const struct cli_call *call);
extern const struct cli_option sysop_announce_options[];
int sysop_announcements(void *ctx, const struct cli_call *call);
extern const struct cli_command sysop_announcements_subs[];

#endif
