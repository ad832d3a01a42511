/*
 * pace: when to start again a process that keeps ending; see pace.h.
 */
#include "pace.h"

void
pace_init(struct pace *p, long long min_ms)
{
	p->min_ms = min_ms < PACE_MAX_MS ? min_ms : PACE_MAX_MS;
	p->started = 0;
	p->due = 0;
	p->wait = 0;
}

int
pace_due(const struct pace *p, long long now)
{
	return now >= p->due;
}

void
pace_started(struct pace *p, long long now)
{
	p->started = now;
}

long long
pace_ended(struct pace *p, long long now)
{
	if (p->wait == 0 || now - p->started >= PACE_STABLE_MS)
		p->wait = p->min_ms;
	else if (p->wait < PACE_MAX_MS / 2)
		p->wait *= 2;
	else
		p->wait = PACE_MAX_MS;
	p->due = p->started + p->wait;
	return p->due > now ? p->due - now : 0;
}
