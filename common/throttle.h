/*
 * throttle: a growing delay for repeated failures, shared by every process
 * through the store.  Failures are counted per source address and per
 * account (or user name), each kind of attempt apart (logins, access
 * codes); from the AUTH_FREE_FAILURES-th on, each attempt waits
 * AUTH_DELAY_BASE_MS, doubling, up to the kind's cap; a quiet
 * AUTH_FORGET_SECONDS forgets them.  The per-name cap of logins is low,
 * so that an attacker elsewhere slows an owner down but never locks them
 * out.
 */
#ifndef MB_THROTTLE_H
#define MB_THROTTLE_H

#include "board.h"

/* Wrong access codes: an address waits at most, an account at most. */
#define REDEEM_ADDR_DELAY_MAX_MS 8000
#define REDEEM_USER_DELAY_MAX_MS 8000

/* A kind of attempt: where its failures are counted, and the caps. */
struct throttle_kind {
	enum store_auth_scope addr_scope;
	enum store_auth_scope user_scope;
	long addr_cap_ms;
	long user_cap_ms;
	const char *flood_action; /* the audit log's name of a flood */
};

extern const struct throttle_kind throttle_login, throttle_redeem;

/* The delay after failures, in milliseconds, capped at cap_ms. */
long throttle_delay_ms(int failures, long cap_ms);

/* The longest an attempt of kind ever waits (its larger cap). */
long throttle_worst_ms(const struct throttle_kind *kind);

/*
 * How long an attempt of kind from addr as user waits first, in
 * milliseconds: the longer of the address's and the name's delay.  When
 * the failures cannot be read (a fault) it logs and answers the worst
 * case: the throttle fails closed.
 */
long throttle_wait_ms(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user);

/* Sleep ms milliseconds, whatever signals come. */
void throttle_sleep(long ms);
/* Sleep throttle_wait_ms (it cannot be interrupted by a signal). */
void throttle_wait(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user);

/* Count a failed attempt for the address and the name (a flood goes into
 * the audit log): 0, or MB_ERR_DB (logged) when it cannot be counted. */
int throttle_count(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user);
/* throttle_count; when it cannot count, wait throttle_worst_ms now (fail
 * closed). */
void throttle_failed(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user);

/* The owner of user succeeded: forget the name's failures. */
void throttle_succeeded(
    struct board *b, const struct throttle_kind *kind, const char *user);

#endif
