/*
 * eligibility: may this person write to a mentor, and if not, why not.
 * One rule that the home screen, a mentor's details, the commands and the
 * request rules all ask; the request rules ask it again inside the
 * transaction that writes a request, never only in a screen.  The answer
 * is a list of what is missing, each with the way to mend it.
 */
#ifndef MB_ELIGIBILITY_H
#define MB_ELIGIBILITY_H

#include <stdint.h>

#include "board.h"

/* What may be missing, in the order a person best mends it. */
enum eligibility_reason {
	ELIGIBILITY_GUEST, /* register first */
	ELIGIBILITY_UNVERIFIED, /* confirm the e-mail address */
	ELIGIBILITY_NOT_MEMBER, /* join the alumni community */
	ELIGIBILITY_NO_MENTEE_AREA, /* no area where they look for help */
	ELIGIBILITY_APPLICATION, /* a section of the application is empty */
	ELIGIBILITY_NO_CV, /* no CV on file */
	ELIGIBILITY_TOO_MANY_OPEN, /* REQUEST_OPEN_MAX requests are open */
	/* About the mentor written to: */
	ELIGIBILITY_SELF, /* oneself */
	ELIGIBILITY_MENTOR_GONE, /* not (any more) a listed mentor */
	ELIGIBILITY_NO_SHARED_AREA, /* no area they mentor and you seek */
	ELIGIBILITY_MENTOR_PAUSED, /* takes no new requests just now */
	ELIGIBILITY_MENTOR_FULL, /* no places free */
	ELIGIBILITY_ALREADY, /* a request or mentorship with them */
	/* They blocked the mentee; said in words that do not name it. */
	ELIGIBILITY_UNAVAILABLE,
	ELIGIBILITY_YOU_BLOCKED, /* the mentee blocked them */
	ELIGIBILITY_NREASONS,
};

struct eligibility {
	unsigned missing; /* a bit (1 << reason) per reason */
	int sections_empty; /* of the application */
};

/*
 * Fill *out for viewer as a mentee.  mentor_id (0: any mentor) names the
 * mentor they would write to.  Returns 0 (then out->missing == 0 means
 * they may) or MB_ERR_* when the store failed.
 */
int eligibility_check(struct board *b, const struct viewer *viewer,
    int64_t mentor_id, struct eligibility *out);

/* Is reason among the missing? */
int eligibility_missing(
    const struct eligibility *e, enum eligibility_reason reason);

/* The word for reason in JSON ("not-member", "cv"). */
const char *eligibility_word(enum eligibility_reason reason);

/* What is missing, for people (N_(): translate with _()). */
const char *eligibility_text(enum eligibility_reason reason);

/* How to mend it on the board, with the keys (N_()). */
const char *eligibility_fix(enum eligibility_reason reason);

#endif
