/* throttle: growing delays for repeated failures. */
#include <stdio.h>
#include <time.h>

#include "error.h"
#include "log.h"
#include "store.h"
#include "throttle.h"

const struct throttle_kind throttle_login = {
	STORE_AUTH_ADDR,
	STORE_AUTH_USER,
	AUTH_ADDR_DELAY_MAX_MS,
	AUTH_USER_DELAY_MAX_MS,
	"security-login-flood",
};

const struct throttle_kind throttle_redeem = {
	STORE_AUTH_REDEEM_ADDR,
	STORE_AUTH_REDEEM_USER,
	REDEEM_ADDR_DELAY_MAX_MS,
	REDEEM_USER_DELAY_MAX_MS,
	"security-code-flood",
};

long
throttle_delay_ms(int failures, long cap_ms)
{
	long delay;
	int shift;

	if (failures < AUTH_FREE_FAILURES)
		return 0;
	shift = failures - AUTH_FREE_FAILURES;
	/* Past this the delay is above every cap already. */
	if (shift > 16)
		shift = 16;
	delay = (long)AUTH_DELAY_BASE_MS << shift;
	return delay < cap_ms ? delay : cap_ms;
}

long
throttle_wait_ms(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user)
{
	int by_addr = 0, by_user = 0;
	long wait_addr, wait_user;

	if (store_auth_failures(b->store, kind->addr_scope, addr,
		AUTH_FORGET_SECONDS, &by_addr) != 0 ||
	    store_auth_failures(b->store, kind->user_scope, user,
		AUTH_FORGET_SECONDS, &by_user) != 0) {
		/* Fail closed: unknown failures count as the worst case. */
		log_error("cannot read failed attempts; waiting the longest");
		return throttle_worst_ms(kind);
	}
	wait_addr = throttle_delay_ms(by_addr, kind->addr_cap_ms);
	wait_user = throttle_delay_ms(by_user, kind->user_cap_ms);
	if (wait_addr > 0 || wait_user > 0)
		log_debug("%s: %d failures from there, %d for the name", addr,
		    by_addr, by_user);
	return wait_addr > wait_user ? wait_addr : wait_user;
}

void
throttle_sleep(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0)
		;
}

long
throttle_worst_ms(const struct throttle_kind *kind)
{
	return kind->addr_cap_ms > kind->user_cap_ms ? kind->addr_cap_ms :
						       kind->user_cap_ms;
}

void
throttle_wait(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user)
{
	long ms = throttle_wait_ms(b, kind, addr, user);

	if (ms == 0)
		return;
	log_debug("%s: waiting %ld ms", addr, ms);
	throttle_sleep(ms);
}

/*
 * The failure that makes AUTH_FLOOD_FAILURES from addr, or for user, goes
 * into the audit log as a security event, once per flood (the count
 * passes the mark once until a quiet AUTH_FORGET_SECONDS forgets it).
 * The name tried is not written: it may be a password typed in the wrong
 * field; an account it names is the event's subject.
 */
static void
throttle_flood(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user)
{
	struct store_user u = { 0 };
	char detail[128];
	int by_addr = 0, by_user = 0;

	if (store_auth_failures(b->store, kind->addr_scope, addr,
		AUTH_FORGET_SECONDS, &by_addr) != 0 ||
	    store_auth_failures(b->store, kind->user_scope, user,
		AUTH_FORGET_SECONDS, &by_user) != 0)
		return;
	if (by_addr != AUTH_FLOOD_FAILURES && by_user != AUTH_FLOOD_FAILURES)
		return;
	if (by_user == AUTH_FLOOD_FAILURES &&
	    store_user_find(b->store, user, &u) != 0)
		u.id = 0;
	(void)snprintf(detail, sizeof(detail),
	    "%s: %d failed attempts from there, %d for the account, "
	    "within %d minutes",
	    addr, by_addr, u.id != 0 ? by_user : 0, AUTH_FORGET_SECONDS / 60);
	log_warn("%s: %s", kind->flood_action, detail);
	if (store_audit_add(b->store, 0, kind->flood_action, u.id, 0, detail) !=
	    0)
		log_error("audit: %s not recorded", kind->flood_action);
}

int
throttle_count(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user)
{
	if (store_auth_fail(
		b->store, kind->addr_scope, addr, AUTH_FORGET_SECONDS) != 0 ||
	    store_auth_fail(
		b->store, kind->user_scope, user, AUTH_FORGET_SECONDS) != 0) {
		log_error("%s: cannot record a failed attempt", addr);
		return MB_ERR_DB;
	}
	throttle_flood(b, kind, addr, user);
	return 0;
}

void
throttle_failed(struct board *b, const struct throttle_kind *kind,
    const char *addr, const char *user)
{
	/* Fail closed: a failure that cannot be counted costs what the most
	 * counted ones would. */
	if (throttle_count(b, kind, addr, user) != 0)
		throttle_sleep(throttle_worst_ms(kind));
}

void
throttle_succeeded(
    struct board *b, const struct throttle_kind *kind, const char *user)
{
	if (store_auth_clear(b->store, kind->user_scope, user) != 0)
		log_warn("cannot clear failed attempts of %s", user);
}
