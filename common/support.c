/* support: members' questions to the mentoring team, and the replies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "log.h"
#include "notify.h"
#include "privacy.h"
#include "support.h"
#include "text.h"
#include "util.h"

#define SUPPORT_BLANKS " \t\r\n"

/* A copy of len bytes of s without blanks (and line ends) around them. */
static char *
support_trimmed(const char *s, size_t len)
{
	while (len > 0 && strchr(SUPPORT_BLANKS, *s) != NULL) {
		s++;
		len--;
	}
	while (len > 0 && strchr(SUPPORT_BLANKS, s[len - 1]) != NULL)
		len--;
	return xstrndup(s, len);
}

void
support_split(const char *text, char **subject, char **body)
{
	const char *start = text + strspn(text, SUPPORT_BLANKS);
	const char *nl = strchr(start, '\n');

	if (nl == NULL) {
		*subject = support_trimmed(start, strlen(start));
		*body = xstrdup(*subject);
		return;
	}
	*subject = support_trimmed(start, (size_t)(nl - start));
	*body = support_trimmed(nl + 1, strlen(nl + 1));
	if ((*body)[0] == '\0') {
		free(*body);
		*body = xstrdup(*subject);
	}
}

/* Is viewer of the mentoring team? */
static int
support_is_team(const struct viewer *viewer)
{
	return viewer->is_operator ||
	    (privacy_member(viewer) != 0 && viewer->is_sysop);
}

/* A message: some text, at most SUPPORT_MESSAGE_MAX characters. */
static int
support_check_text(const char *text, const char **why)
{
	if (text == NULL || text[strspn(text, SUPPORT_BLANKS)] == '\0') {
		*why = _("write something first");
		return MB_ERR_INVALID;
	}
	return text_check_block(text, SUPPORT_MESSAGE_MAX, why);
}

int
support_send(struct board *b, const struct viewer *viewer, const char *subject,
    const char *text, int64_t *id, const char **why)
{
	int open = 0, rc;

	if (viewer->user_id == 0)
		return MB_ERR_DENIED;
	if (text_check_line(subject, 1, SUPPORT_SUBJECT_MAX, why) != 0)
		return MB_ERR_INVALID;
	if (support_check_text(text, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_support_open_count(b->store, viewer->user_id, &open);
	if (rc == 0 && open >= SUPPORT_OPEN_MAX) {
		static char many[160];

		(void)snprintf(many, sizeof(many),
		    _("%d of your questions wait for an answer already: write "
		      "in one of them (support reply ID)"),
		    open);
		*why = many;
		rc = MB_ERR_LIMIT;
	}
	if (rc == 0)
		rc = store_support_thread_add(
		    b->store, viewer->user_id, subject, id);
	if (rc == 0)
		rc = store_support_message_add(
		    b->store, *id, viewer->user_id, 0, text);
	if (rc == 0)
		rc = notify_team(
		    b, NOTIFY_SUPPORT_QUESTION, viewer->user_id, *id, subject);
	if (rc == 0) {
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_ACCOUNT, 0);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	if (rc == 0)
		log_info("user %lld asked the team (support %lld)",
		    (long long)viewer->user_id, (long long)*id);
	return rc;
}

int
support_reply(struct board *b, const struct viewer *viewer, int64_t id,
    const char *text, const char **why)
{
	struct store_support_thread t;
	int rc;

	if (viewer->user_id == 0 && !viewer->is_operator)
		return MB_ERR_DENIED;
	if (support_check_text(text, why) != 0)
		return MB_ERR_INVALID;
	rc = store_support_thread_get(b->store, id, &t);
	if (rc == 0 && t.user_id != viewer->user_id) {
		/* The team answers (also through the member's command). */
		if (support_is_team(viewer))
			return support_team_reply(
			    b, viewer->user_id, id, text, why);
		rc = MB_ERR_NOTFOUND;
	}
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such question of yours");
	if (rc != 0)
		return rc;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_support_message_add(b->store, id, viewer->user_id, 0, text);
	if (rc == 0)
		rc = store_support_set_state(b->store, id, STORE_SUPPORT_OPEN);
	if (rc == 0)
		rc = notify_team(
		    b, NOTIFY_SUPPORT_QUESTION, viewer->user_id, id, t.subject);
	if (rc == 0) {
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_ACCOUNT, 0);
		rc = store_commit(b->store);
	}
	store_rollback(b->store);
	return rc;
}

int
support_threads(struct board *b, const struct viewer *viewer,
    struct store_support_thread **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (viewer->user_id == 0)
		return 0;
	return store_support_threads(
	    b->store, viewer->user_id, 0, SUPPORT_LIST_MAX, rows, n);
}

int
support_team_get(struct board *b, int64_t id,
    struct store_support_thread *thread, struct store_support_message **msgs,
    size_t *n)
{
	int rc;

	*msgs = NULL;
	*n = 0;
	rc = store_support_thread_get(b->store, id, thread);
	if (rc == 0)
		rc = store_support_messages(b->store, id, msgs, n);
	return rc;
}

int
support_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_support_thread *thread, struct store_support_message **msgs,
    size_t *n)
{
	int rc;

	*msgs = NULL;
	*n = 0;
	rc = store_support_thread_get(b->store, id, thread);
	if (rc != 0)
		return rc;
	/* For anyone else the thread is not there. */
	if ((viewer->user_id == 0 || thread->user_id != viewer->user_id) &&
	    !support_is_team(viewer))
		return MB_ERR_NOTFOUND;
	return store_support_messages(b->store, id, msgs, n);
}

int
support_mark_read(struct board *b, const struct viewer *viewer, int64_t id)
{
	int rc;

	if (viewer->user_id == 0)
		return 0;
	rc = store_notification_read_object(b->store, viewer->user_id,
	    notify_kind_word(NOTIFY_SUPPORT_REPLY), id);
	if (rc == 0)
		store_news_mark(
		    b->store, viewer->user_id, STORE_NEWS_NOTIFICATION, 0);
	return rc;
}

int
support_team_list(struct board *b, int open_only,
    struct store_support_thread **rows, size_t *n)
{
	return store_support_threads(
	    b->store, 0, open_only, SUPPORT_LIST_MAX, rows, n);
}

/* The question is dealt with: the team's notifications of it are read. */
static int
support_team_read(struct board *b, int64_t id)
{
	int64_t ids[NOTIFY_TEAM_MAX];
	size_t n = 0, i;
	int rc;

	rc = store_sysop_ids(b->store, ids, nitems(ids), &n);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = store_notification_read_object(b->store, ids[i],
		    notify_kind_word(NOTIFY_SUPPORT_QUESTION), id);
		if (rc == 0)
			store_news_mark(
			    b->store, ids[i], STORE_NEWS_NOTIFICATION, 0);
	}
	return rc;
}

int
support_team_reply(struct board *b, int64_t actor_id, int64_t id,
    const char *text, const char **why)
{
	struct store_support_thread t;
	int rc;

	if (support_check_text(text, why) != 0)
		return MB_ERR_INVALID;
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_support_thread_get(b->store, id, &t);
	if (rc == 0 && t.user_id == 0)
		rc = MB_ERR_NOTFOUND;
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such question");
	if (rc == 0)
		rc = store_support_message_add(b->store, id, actor_id, 1, text);
	if (rc == 0)
		rc = store_support_set_state(
		    b->store, id, STORE_SUPPORT_ANSWERED);
	/* From the team as a whole, not from the sysop by name. */
	if (rc == 0)
		rc = notify_send(
		    b, t.user_id, NOTIFY_SUPPORT_REPLY, 0, id, t.subject);
	/* The question is answered for every sysop. */
	if (rc == 0)
		rc = support_team_read(b, id);
	if (rc == 0)
		rc = store_audit_add(
		    b->store, actor_id, "support-reply", t.user_id, id, "");
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	return rc;
}

int
support_close(struct board *b, int64_t actor_id, int64_t id, const char **why)
{
	struct store_support_thread t;
	int rc = store_begin(b->store);

	if (rc != 0)
		return rc;
	rc = store_support_thread_get(b->store, id, &t);
	if (rc == 0 && t.state == STORE_SUPPORT_CLOSED) {
		*why = _("this question is closed already");
		rc = MB_ERR_EXISTS;
	} else if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such question");
	if (rc == 0)
		rc =
		    store_support_set_state(b->store, id, STORE_SUPPORT_CLOSED);
	if (rc == 0)
		rc = support_team_read(b, id);
	if (rc == 0) {
		store_news_mark(b->store, t.user_id, STORE_NEWS_ACCOUNT, 0);
		rc = store_audit_add(
		    b->store, actor_id, "support-close", t.user_id, id, "");
	}
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	return rc;
}
