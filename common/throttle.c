/* throttle: growing delays for repeated failed logins. */
#include "log.h"
#include "store.h"
#include "throttle.h"

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
throttle_login_delay_ms(struct board *b, const char *addr, const char *user)
{
	int by_addr = 0, by_user = 0;
	long wait_addr, wait_user;

	if (store_auth_failures(b->store, STORE_AUTH_ADDR, addr,
		AUTH_FORGET_SECONDS, &by_addr) != 0 ||
	    store_auth_failures(b->store, STORE_AUTH_USER, user,
		AUTH_FORGET_SECONDS, &by_user) != 0)
		log_warn("cannot read failed logins; not waiting");
	wait_addr = throttle_delay_ms(by_addr, AUTH_ADDR_DELAY_MAX_MS);
	wait_user = throttle_delay_ms(by_user, AUTH_USER_DELAY_MAX_MS);
	if (wait_addr > 0 || wait_user > 0)
		log_debug("%s: %d failures from there, %d for the name", addr,
		    by_addr, by_user);
	return wait_addr > wait_user ? wait_addr : wait_user;
}

void
throttle_login_failed(struct board *b, const char *addr, const char *user)
{
	if (store_auth_fail(
		b->store, STORE_AUTH_ADDR, addr, AUTH_FORGET_SECONDS) != 0 ||
	    store_auth_fail(
		b->store, STORE_AUTH_USER, user, AUTH_FORGET_SECONDS) != 0)
		log_warn("cannot record a failed login");
}

void
throttle_login_succeeded(struct board *b, const char *user)
{
	if (store_auth_clear(b->store, STORE_AUTH_USER, user) != 0)
		log_warn("cannot clear failed logins of %s", user);
}
