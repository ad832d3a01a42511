/*
 * ending: the end of a mentorship, and its certificates.  Either of the
 * two ends a connected or official mentorship, with feedback for the
 * mentoring team that the other never sees; both are told, the chat and
 * the agreement turn read-only, and the mentor's place is free again.
 *
 * An official mentorship that ends gives each of the two a certificate:
 * their own name as registered, the other's as everyone sees it, the
 * area, the dates, the agreement's last version in force and its
 * SHA-256, and a code anyone can check (`certificate verify CODE`, which
 * says only the two display names and the dates).  It goes by mail and
 * stays readable on the board.  What it says is copied when issued.
 */
#ifndef MB_ENDING_H
#define MB_ENDING_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "store.h"

#define ENDING_FEEDBACK_MAX 4000 /* characters of the feedback */
#define ENDING_CONFIRM_WORD "end" /* typed on screen to end one */
#define ENDING_REASON_MAX 500 /* characters of the team's reason */

/*
 * viewer ends mentorship id, with feedback for the team (may be NULL or
 * ""); if it was official, both get their certificate (mailed after the
 * commit; a failed mail is logged, the certificate stays on the board).
 * 0, or MB_ERR_* with *why.
 */
int mentorship_end(struct board *b, const struct viewer *viewer, int64_t id,
    const char *feedback, const char **why);

/*
 * The mentoring team (actor_id: a sysop, 0 the host's operator) ends
 * mentorship id with a reason both are told; as mentorship_end
 * otherwise.
 */
int mentorship_end_by_team(struct board *b, int64_t actor_id, int64_t id,
    const char *reason, const char **why);

/* viewer's certificate of mentorship id.  0, or MB_ERR_NOTFOUND. */
int certificate_get(struct board *b, const struct viewer *viewer, int64_t id,
    struct store_certificate *out);

/* The certificate as its holder reads it (and gets it by mail); the
 * caller frees it. */
char *certificate_text(
    const struct board *b, const struct store_certificate *c);

/*
 * Is code (as typed: dashes, spaces and case do not matter) the code of a
 * certificate?  Wrong codes slow down the address from which they come
 * (source), like wrong access codes.  0 and *out, or MB_ERR_NOTFOUND.
 */
int certificate_verify(struct board *b, const char *code, const char *source,
    struct store_certificate *out);

#endif
