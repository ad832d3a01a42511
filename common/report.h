/*
 * report: members tell the mentoring team about a person, or about one
 * chat line of theirs that the reporter could read; the team reads the
 * report with the line in its context and warns the person, bans them
 * (common/moderation.c) or dismisses it.  The person reported is never
 * told who reported them: a warning comes from the team, and no member's
 * command or screen shows a report to anyone but the team.
 */
#ifndef MB_REPORT_H
#define MB_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define REPORT_REASON_MAX 1000 /* characters of a reporter's reason */
#define REPORTS_PER_DAY_MAX 10 /* reports a member files in 24 hours */
#define REPORT_CONTEXT_LINES 3 /* chat lines shown before and after */
#define REPORT_LIST_MAX 500 /* reports a list shows, oldest first */

/*
 * viewer reports subject_id, or (chat_line_id != 0) a line of theirs in a
 * chat viewer is one of the two of; subject_id 0 with a line: its author.
 * reason is 1 to REPORT_REASON_MAX characters.  The team is notified.
 * Only someone privacy_may_name lets viewer name: anyone else is answered
 * as a number that is no account, and nothing is written.
 * 0 and *id, or MB_ERR_NOTFOUND (no such member viewer may name, or no
 * such line that viewer can read), MB_ERR_DENIED (oneself; a line not the subject's),
 * MB_ERR_LIMIT (REPORTS_PER_DAY_MAX) or MB_ERR_INVALID (the reason),
 * with a translated *why.
 */
int report_file(struct board *b, const struct viewer *viewer,
    int64_t subject_id, int64_t chat_line_id, const char *reason, int64_t *id,
    const char **why);

/* The team's list: every report, or the open ones, oldest first. */
int report_list(
    struct board *b, int open_only, struct store_report **rows, size_t *n);

/*
 * One report for the team, with the reported line and up to
 * REPORT_CONTEXT_LINES lines before and after it (none for a report of
 * a person, or when the line is gone): *lines is the caller's
 * (store_chat_lines_free).  The look is the team's to see in the audit
 * log (actor_id, "report-read").  MB_ERR_NOTFOUND.
 */
int report_get(struct board *b, int64_t actor_id, int64_t id,
    struct store_report *out, struct store_chat_line **lines, size_t *n);

/*
 * The team decides open report id, in one transaction with its audit
 * row: warn (the person gets text, 1 to NOTIFY_MESSAGE_MAX characters,
 * as a warning from the team), ban (moderation_ban with text as the
 * reason; then the ban mail), or dismiss.  MB_ERR_NOTFOUND (no such open
 * report) or the ban's errors, with an English *why.
 */
int report_warn(struct board *b, int64_t actor_id, int64_t id, const char *text,
    const char **why);
int report_ban(struct board *b, int64_t actor_id, int64_t id, const char *text,
    const char **why);
int report_dismiss(
    struct board *b, int64_t actor_id, int64_t id, const char **why);

#endif
