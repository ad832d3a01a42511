/* privacy: who may see what of whom. */
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "privacy.h"
#include "store.h"

int64_t
privacy_member(const struct viewer *v)
{
	return v->user_id != 0 && v->verified ? v->user_id : 0;
}

int
privacy_may_see(struct board *b, const struct viewer *viewer, int64_t person,
    enum privacy_item item)
{
	int self = viewer->user_id != 0 && viewer->user_id == person;
	int sysop = privacy_member(viewer) != 0 && viewer->is_sysop;
	int64_t request = 0;

	switch (item) {
	case PRIVACY_DISPLAY_NAME:
	case PRIVACY_FIELDS:
	case PRIVACY_MENTOR_LISTING:
		return 1;
	case PRIVACY_MENTOR_PROFILE:
		return self || privacy_member(viewer) != 0;
	case PRIVACY_APPLICATION:
		if (self || sysop)
			return 1;
		/* The mentors the person asked, while it is open or a
		 * mentorship. */
		return privacy_member(viewer) != 0 && b != NULL &&
		    b->store != NULL &&
		    store_mentorship_between(
			b->store, person, viewer->user_id, &request) == 0 &&
		    request != 0;
	case PRIVACY_REGISTRATION:
		return self || sysop;
	}
	return 0;
}

int
privacy_may_name(struct board *b, const struct viewer *viewer, int64_t person,
    const char **why)
{
	struct store_ties t;
	int rc;

	memset(&t, 0, sizeof(t));
	if (privacy_member(viewer) != 0) {
		rc = store_user_ties(b->store, viewer->user_id, person, &t);
		if (rc != 0) {
			*why = NULL;
			return rc;
		}
	}
	if (t.exists &&
	    (person == viewer->user_id || viewer->is_sysop || t.listed ||
		t.requested || t.blocked))
		return 0;
	/* The same words for a number that is no account. */
	*why = _("no such member among those you can see: the mentors the "
		 "search lists and the people you have had a request with");
	return MB_ERR_NOTFOUND;
}
