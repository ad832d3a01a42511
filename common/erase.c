/* erase: deleting an account, and every trace of it in the file. */
#include <stdio.h>
#include <string.h>

#include "erase.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "notify.h"
#include "profile.h"
#include "store.h"
#include "util.h"

/* What became of the person's open requests and mentorships. */
static int
erase_mentorships(struct board *b, int64_t user_id)
{
	struct store_mentorship *rows = NULL;
	enum store_mship_state to;
	enum notify_kind kind;
	int64_t other;
	size_t n = 0, i;
	int rc, mentee;

	rc = store_mentorship_list(b->store, user_id, &rows, &n);
	for (i = 0; rc == 0 && i < n; i++) {
		const struct store_mentorship *m = &rows[i];

		mentee = m->mentee_id == user_id;
		other = mentee ? m->mentor_id : m->mentee_id;
		if (m->state == STORE_MSHIP_OPEN) {
			/* Their own requests are withdrawn; requests to
			 * them can no longer be answered. */
			to = mentee ? STORE_MSHIP_WITHDRAWN :
				      STORE_MSHIP_EXPIRED;
			kind = mentee ? NOTIFY_REQUEST_WITHDRAWN :
					NOTIFY_REQUEST_EXPIRED;
		} else if (m->state == STORE_MSHIP_CONNECTED ||
		    m->state == STORE_MSHIP_OFFICIAL) {
			to = STORE_MSHIP_ENDED;
			kind = NOTIFY_MENTORSHIP_ENDED;
		} else
			continue;
		rc = store_mentorship_move(
		    b->store, m->id, m->state, to, NULL, NULL);
		/* The actor goes with the account: "a former member". */
		if (rc == 0 && other != 0)
			rc = notify_send(b, other, kind, user_id, m->id, NULL);
		if (rc == 0 && other != 0) {
			store_news_mark(
			    b->store, other, STORE_NEWS_REQUEST, m->id);
			if (mentee)
				rc = profile_search_update(b, other);
		}
	}
	store_mentorship_rows_free(rows, n);
	return rc;
}

int
account_erase(
    struct board *b, int64_t user_id, int64_t actor_id, const char **why)
{
	struct store_user u;
	int rc;

	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = store_user_get(b->store, user_id, &u);
	if (rc == MB_ERR_NOTFOUND)
		*why = _("there is no such account");
	if (rc == 0)
		rc = erase_mentorships(b, user_id);
	/* Their sessions end: they hear it before the row goes. */
	if (rc == 0)
		store_news_mark(b->store, user_id, STORE_NEWS_ACCOUNT, 0);
	if (rc == 0)
		rc = store_erase_user(b->store, user_id, u.username);
	if (rc == 0)
		rc = store_audit_add(b->store,
		    actor_id == user_id ? 0 : actor_id, "erase-account", 0,
		    user_id, "");
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	/* What the deleting freed is zeroed (secure_delete); the log that
	 * still holds it is emptied. */
	if (rc == 0 && store_checkpoint_truncate(b->store) != 0)
		log_warn("erase: the write-ahead log could not be emptied yet; "
			 "the next checkpoint will");
	if (rc == 0)
		log_info("user %lld erased", (long long)user_id);
	return rc;
}
