/* retention: removing what has been kept long enough. */
#include <stdio.h>

#include "clock.h"
#include "erase.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "retention.h"
#include "store.h"

#define RETENTION_SECONDS_PER_DAY (24 * 3600)
#define RETENTION_DAYS_PER_YEAR 365

int
retention_run(struct board *b, struct retention_counts *out)
{
	int64_t now = clock_now(), ids[RETENTION_ACCOUNTS_MAX];
	const struct config *c = b->cfg;
	const char *why = NULL;
	size_t n = 0, i;
	int rc;

	*out = (struct retention_counts){ 0 };
	rc = store_unverified_before(b->store,
	    now - (int64_t)c->unverified_days * RETENTION_SECONDS_PER_DAY, ids,
	    RETENTION_ACCOUNTS_MAX, &n);
	/* Through the erasure: nothing of them stays behind. */
	for (i = 0; rc == 0 && i < n; i++) {
		rc = account_erase(b, ids[i], 0, &why);
		if (rc == 0)
			out->accounts++;
	}
	if (rc == 0)
		rc = store_retention_purge(b->store,
		    now -
			(int64_t)c->code_retention_days *
			    RETENTION_SECONDS_PER_DAY,
		    now -
			(int64_t)c->login_retention_days *
			    RETENTION_SECONDS_PER_DAY,
		    c->chat_retention_years > 0 ? now -
			    (int64_t)c->chat_retention_years *
				RETENTION_DAYS_PER_YEAR *
				RETENTION_SECONDS_PER_DAY :
						  0,
		    now, &out->codes, &out->logins, &out->chat_lines);
	return rc;
}

void
retention_record(const struct board *b, FILE *fp)
{
	const struct config *c = b->cfg;

	(void)fprintf(fp,
	    _("What the board keeps, why, and how long (processing record)\n"
	      "\n"
	      "Account (user name, e-mail address, names, password hash, "
	      "consent date): to run the account; until the member deletes it. "
	      "An account whose address is never confirmed: %d days.\n"
	      "Fields of study, roles, mentor profile, application, CV: what "
	      "the member writes to take part; until they change or delete "
	      "it. Only fields of study and \"First L.\" are shown to others; "
	      "the application and CV only to a mentor they ask.\n"
	      "SSH keys: to log in; until removed.\n"
	      "Membership requests and access codes: the alumni community's "
	      "membership; used or expired codes %d days.\n"
	      "Verification and reset codes: %d days after use or expiry.\n"
	      "Requests, mentorships, agreements, meetings, certificates: the "
	      "programme's record for both people; until an account is deleted "
	      "(the other keeps theirs, the deleted person a former member).\n"
	      "Chats: for the two people; %s after the mentorship ended.\n"
	      "Notifications: until the account is deleted.\n"
	      "Login records (time, address, method): security and the "
	      "member's own export; %d days.\n"
	      "Failed logins: to slow down guessing; forgotten after a quiet "
	      "period.\n"
	      "Audit log: what the team did to whom, for accountability; "
	      "kept, with details of a deleted person removed.\n"
	      "Support questions and reports: to answer them; until the "
	      "account is deleted.\n"
	      "Backups: made by the operator, aged out by the operator.\n"),
	    c->unverified_days, c->code_retention_days, c->code_retention_days,
	    c->chat_retention_years > 0 ? _("years as set") : _("kept"),
	    c->login_retention_days);
	if (c->chat_retention_years > 0)
		(void)fprintf(
		    fp, _("(chats: %d years)\n"), c->chat_retention_years);
}
