/* report: members report a person or a chat line; the team decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "moderation.h"
#include "notify.h"
#include "privacy.h"
#include "report.h"
#include "text.h"
#include "util.h"

#define REPORT_DAY_SECONDS (24 * 3600)

/* A reason: some text, within REPORT_REASON_MAX characters. */
static int
report_check_reason(const char *reason, const char **why)
{
	if (reason == NULL || reason[strspn(reason, " \t\r\n")] == '\0') {
		*why = _("say why you report them");
		return MB_ERR_INVALID;
	}
	return text_check_block(reason, REPORT_REASON_MAX, why);
}

/*
 * The subject of a report of line_id by viewer: its author, in a chat
 * viewer reads.  0 and *subject, or MB_ERR_* with *why.
 */
static int
report_line_author(struct board *b, const struct viewer *viewer,
    int64_t line_id, int64_t *subject, const char **why)
{
	struct store_chat_line line;
	struct chat_summary c;
	int rc;

	rc = store_chat_line_get(b->store, line_id, &line);
	/* Only a line of a chat of the reporter's: any other is not there
	 * for them, the same as one that never was. */
	if (rc == 0)
		rc = chat_get(b, viewer, line.mentorship_id, &c);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such line in a chat of yours");
	if (rc == 0 && line.author_id == 0) {
		*why = _("the author of that line has left the board");
		rc = MB_ERR_NOTFOUND;
	}
	if (rc == 0)
		*subject = line.author_id;
	free(line.body);
	return rc;
}

int
report_file(struct board *b, const struct viewer *viewer, int64_t subject_id,
    int64_t chat_line_id, const char *reason, int64_t *id, const char **why)
{
	char number[32];
	int64_t author = 0;
	int count = 0, rc;

	if (viewer->user_id == 0)
		return MB_ERR_DENIED;
	if (report_check_reason(reason, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_report_count_since(b->store, viewer->user_id,
	    clock_now() - REPORT_DAY_SECONDS, &count);
	if (rc == 0 && count >= REPORTS_PER_DAY_MAX) {
		static char many[160];

		(void)snprintf(many, sizeof(many),
		    _("you have filed %d reports today, the most there may be; "
		      "write to the mentoring team (support send) if there is "
		      "more"),
		    REPORTS_PER_DAY_MAX);
		*why = many;
		rc = MB_ERR_LIMIT;
	}
	if (rc == 0 && chat_line_id != 0) {
		rc = report_line_author(b, viewer, chat_line_id, &author, why);
		if (rc == 0 && subject_id == 0)
			subject_id = author;
		else if (rc == 0 && subject_id != author) {
			*why = _("that line is not theirs");
			rc = MB_ERR_DENIED;
		}
	}
	if (rc == 0 && subject_id == viewer->user_id) {
		*why = _("you cannot report yourself");
		rc = MB_ERR_DENIED;
	}
	/* Only someone the reporter meets on the board: anyone else is
	 * answered as no account at all, and nothing is written. */
	if (rc == 0)
		rc = privacy_may_name(b, viewer, subject_id, why);
	if (rc == 0)
		rc = store_report_add(b->store, viewer->user_id, subject_id,
		    chat_line_id, reason, id);
	if (rc == 0) {
		(void)snprintf(number, sizeof(number), "%lld", (long long)*id);
		rc = notify_team(b, NOTIFY_REPORT_NEW, 0, *id, number);
	}
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc == 0)
		log_info("user %lld filed report %lld",
		    (long long)viewer->user_id, (long long)*id);
	return rc;
}

int
report_list(
    struct board *b, int open_only, struct store_report **rows, size_t *n)
{
	return store_report_list(b->store, open_only, REPORT_LIST_MAX, rows, n);
}

int
report_get(struct board *b, int64_t actor_id, int64_t id,
    struct store_report *out, struct store_chat_line **lines, size_t *n)
{
	int rc;

	*lines = NULL;
	*n = 0;
	rc = store_report_get(b->store, id, out);
	if (rc != 0)
		return rc;
	if (out->chat_line_id != 0 && out->mentorship_id != 0)
		rc = store_chat_around(b->store, out->mentorship_id,
		    out->chat_line_id, REPORT_CONTEXT_LINES, lines, n);
	/* The team read part of a private conversation: on the record. */
	if (rc == 0 &&
	    store_audit_add(b->store, actor_id, "report-read", out->subject_id,
		id, NULL) != 0)
		log_warn(
		    "report %lld: the read was not recorded", (long long)id);
	if (rc != 0)
		store_report_free(out);
	return rc;
}

/*
 * Start deciding report id: in a transaction, the report (*r, the
 * caller's to free) must be open.  0, or MB_ERR_* with *why (rolled back).
 */
static int
report_decide_begin(
    struct board *b, int64_t id, struct store_report *r, const char **why)
{
	int rc = store_begin(b->store);

	if (rc != 0)
		return rc;
	rc = store_report_get(b->store, id, r);
	if (rc == 0 && r->state != STORE_REPORT_OPEN) {
		store_report_free(r);
		rc = MB_ERR_NOTFOUND;
	}
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such open report");
	if (rc != 0)
		store_rollback(b->store);
	return rc;
}

/* Record the decision with its audit row and commit (or roll back). */
static int
report_decide_end(struct board *b, int64_t actor_id, struct store_report *r,
    enum store_report_state state, const char *action, const char *detail,
    int rc)
{
	if (rc == 0)
		rc = store_report_decide(b->store, r->id, state, actor_id);
	if (rc == 0)
		rc = store_audit_add(
		    b->store, actor_id, action, r->subject_id, r->id, detail);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	store_report_free(r);
	return rc;
}

int
report_warn(struct board *b, int64_t actor_id, int64_t id, const char *text,
    const char **why)
{
	struct store_report r;
	int rc;

	if (text == NULL || text[strspn(text, " \t\r\n")] == '\0') {
		*why = _("say what the warning is");
		return MB_ERR_INVALID;
	}
	if (text_check_block(text, NOTIFY_MESSAGE_MAX, why) != 0)
		return MB_ERR_INVALID;
	rc = report_decide_begin(b, id, &r, why);
	if (rc != 0)
		return rc;
	if (r.subject_id == 0) {
		*why = _("the person reported has left the board");
		rc = MB_ERR_NOTFOUND;
	}
	/* From the team, about nothing the person could trace back. */
	if (rc == 0)
		rc = notify_send(b, r.subject_id, NOTIFY_WARNING, 0, 0, text);
	return report_decide_end(
	    b, actor_id, &r, STORE_REPORT_WARNED, "report-warn", text, rc);
}

int
report_ban(struct board *b, int64_t actor_id, int64_t id, const char *text,
    const char **why)
{
	struct store_report r;
	int64_t subject = 0;
	int rc;

	rc = report_decide_begin(b, id, &r, why);
	if (rc != 0)
		return rc;
	subject = r.subject_id;
	if (subject == 0) {
		*why = _("the person reported has left the board");
		rc = MB_ERR_NOTFOUND;
	}
	if (rc == 0)
		rc = moderation_ban_in(b, actor_id, subject, text, why);
	rc = report_decide_end(
	    b, actor_id, &r, STORE_REPORT_BANNED, "report-ban", text, rc);
	if (rc == 0)
		moderation_ban_mail(b, subject, text);
	return rc;
}

int
report_dismiss(struct board *b, int64_t actor_id, int64_t id, const char **why)
{
	struct store_report r;
	int rc;

	rc = report_decide_begin(b, id, &r, why);
	if (rc != 0)
		return rc;
	return report_decide_end(
	    b, actor_id, &r, STORE_REPORT_DISMISSED, "report-dismiss", "", 0);
}
