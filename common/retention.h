/*
 * retention: what the board keeps, and for how long.  A daily job of
 * mentord's housekeeping removes accounts whose address was never
 * confirmed (unverified_days), used and expired codes
 * (code_retention_days), login records (login_retention_days), and,
 * when chat_retention_years is set, the chats of mentorships that ended
 * that long ago.  Everything else stays until its member deletes it or
 * their account.  retention_record says so for the mentoring team.
 */
#ifndef MB_RETENTION_H
#define MB_RETENTION_H

#include <stdint.h>
#include <stdio.h>

#include "board.h"

#define RETENTION_INTERVAL_SECONDS (24 * 3600) /* the job runs daily */
#define RETENTION_ACCOUNTS_MAX 100 /* unconfirmed accounts one run removes */

/* What one run removed. */
struct retention_counts {
	int64_t accounts, codes, logins, chat_lines;
};

/* Remove what has been kept long enough, by the board's settings. */
int retention_run(struct board *b, struct retention_counts *out);

/* The processing record: what is kept, why, how long (these settings). */
void retention_record(const struct board *b, FILE *fp);

#endif
