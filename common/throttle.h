/*
 * throttle: a growing delay for repeated failures, shared by every process
 * through the store.  Failures are counted per scope and subject (a
 * source address, a user name); from the AUTH_FREE_FAILURES-th on, each
 * attempt waits AUTH_DELAY_BASE_MS, doubling, up to a cap; a quiet
 * AUTH_FORGET_SECONDS forgets them.  The per-name cap is low, so that an
 * attacker elsewhere slows an owner down but never locks them out.
 */
#ifndef MB_THROTTLE_H
#define MB_THROTTLE_H

#include "board.h"

/* The delay after failures, in milliseconds, capped at cap_ms. */
long throttle_delay_ms(int failures, long cap_ms);

/*
 * How long a login attempt from addr as user waits first, in
 * milliseconds: the longer of the address's and the name's delay.  When
 * the failures cannot be read it logs and answers 0.
 */
long throttle_login_delay_ms(
    struct board *b, const char *addr, const char *user);

/* Count a failed login for the address and the name (logged on failure). */
void throttle_login_failed(struct board *b, const char *addr, const char *user);

/* The owner of user logged in: forget the name's failures. */
void throttle_login_succeeded(struct board *b, const char *user);

#endif
