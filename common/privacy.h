/*
 * privacy: who may see what of whom, in one place.  The founding document
 * promises that, apart from the fields of study, nothing a person
 * registers is visible to other users, and that names show only as
 * "Anna K.".  Every screen and command that shows one person's data to
 * another asks privacy_may_see first.
 */
#ifndef MB_PRIVACY_H
#define MB_PRIVACY_H

#include <stdint.h>

#include "board.h"

/* What of a person may be shown. */
enum privacy_item {
	/* "Anna K.": everyone who meets the person on a page (a search,
	 * a request, a chat); asked for by number, privacy_may_name. */
	PRIVACY_DISPLAY_NAME,
	PRIVACY_FIELDS, /* fields of study: everyone */
	PRIVACY_MENTOR_LISTING, /* a listed mentor's areas, availability */
	/* A mentor's help text, industry, position, languages and free
	 * places: members who confirmed their address. */
	PRIVACY_MENTOR_PROFILE,
	/* The four sections of the application and the CV: the person, the
	 * sysop, and the mentors the person asked (while the request is open
	 * or a mentorship). */
	PRIVACY_APPLICATION,
	/* Surname, e-mail address, user name, keys, everything else the
	 * person registered: the person and the sysop. */
	PRIVACY_REGISTRATION,
};

/*
 * May viewer see item of the member person?  Returns 1 or 0; a failure to
 * decide (the store) counts as no.
 */
int privacy_may_see(struct board *b, const struct viewer *viewer,
    int64_t person, enum privacy_item item);

/*
 * May viewer name person by their number, and so block or report them?
 * Only whom they meet on the board anyway: a mentor the search lists,
 * anyone they have had a request with (either way round, in any state,
 * ended or declined too), anyone they have blocked (to unblock them), and
 * themselves; a sysop anyone.  Everyone else, a mentee they never met, an
 * unlisted or banned mentor, a member who has not confirmed the address,
 * a sysop, is answered exactly as a number that is no account: so that
 * walking the numbers learns neither a name nor whether an account is
 * there nor what state it is in.  The store is asked the same one
 * question either way.
 *
 * 0 when viewer may; MB_ERR_NOTFOUND with *why (translated, the same
 * words for every such number) when they may not or there is no such
 * account, also for a guest or a member who has not confirmed the
 * address; another MB_ERR_* when the store cannot say (*why NULL).
 * Callers call it before they read or write anything of person.
 */
int privacy_may_name(struct board *b, const struct viewer *viewer,
    int64_t person, const char **why);

/*
 * The viewer's user id if they are a member who has confirmed the address
 * (and so may see what members see), else 0.
 */
int64_t privacy_member(const struct viewer *v);

#endif
