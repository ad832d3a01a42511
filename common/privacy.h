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
	PRIVACY_DISPLAY_NAME, /* "Anna K.": everyone */
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
 * The viewer's user id if they are a member who has confirmed the address
 * (and so may see what members see), else 0.
 */
int64_t privacy_member(const struct viewer *v);

#endif
