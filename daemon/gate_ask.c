/*
 * gate_ask: a connection process's questions of the store before its
 * session starts, put to the login gate (gate.c): each on a socket pair of
 * its own, whose one end goes with the question and the other waits for
 * the answer until GATE_ANSWER_MS.  When the gate does not answer (there
 * is none, it died, it is stuck), the connection asks the store itself,
 * then and for the rest of its questions: a gate helps logins, no login
 * needs it.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "account.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "session.h"
#include "throttle.h"
#include "util.h"

/* A question of op, about this connection. */
static void
gate_question(struct conn *c, struct gate_request *rq, enum gate_op op)
{
	/* Not the key: only what is before it and its NUL go out. */
	memset(rq, 0, offsetof(struct gate_request, key) + 1);
	rq->magic = GATE_REQUEST_MAGIC;
	rq->op = (int32_t)op;
	(void)snprintf(rq->addr, sizeof(rq->addr), "%s", c->remote_addr);
}

/* Tell the listener the gate is stuck: it starts a new one. */
static void
gate_stuck(struct conn *c)
{
	struct conn_status_msg msg;

	memset(&msg, 0, sizeof(msg));
	msg.pid = getpid();
	msg.event = CONN_STATUS_GATE_STUCK;
	if (write(c->dc->status_fd, &msg, sizeof(msg)) != (ssize_t)sizeof(msg))
		log_warn("could not tell the listener of a stuck login gate");
}

/*
 * Put rq to the gate: 0 with its answer in *an (the fault it reports
 * set), or MB_ERR_IO when it did not answer (then it is not asked again).
 * With an NULL, 0 once the question is sent.
 */
static int
gate_ask(struct conn *c, struct gate_request *rq, struct gate_answer *an)
{
	long long deadline = util_now_ms() + GATE_ANSWER_MS;
	size_t len = offsetof(struct gate_request, key) + strlen(rq->key) + 1;
	int pair[2] = { -1, -1 }, rc = MB_ERR_IO;

	if (c->gate_lost || c->dc->gate_fd < 0)
		return MB_ERR_IO;
	rq->deadline_ms = deadline;
	if (an == NULL)
		rc = factory_send(c->dc->gate_fd, rq, len, NULL, 0, deadline);
	else if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) ==
		0 &&
	    factory_send(c->dc->gate_fd, rq, len, &pair[1], 1, deadline) == 0) {
		/* Only the gate holds its end now: if it dies, we hear. */
		(void)close(pair[1]);
		pair[1] = -1;
		rc = factory_recv_exact(pair[0], an, sizeof(*an), deadline, -1);
	}
	if (pair[0] >= 0)
		(void)close(pair[0]);
	if (pair[1] >= 0)
		(void)close(pair[1]);
	if (rc == MB_ERR_EXPIRED)
		gate_stuck(c);
	if (rc != 0) {
		log_info("%s: the login gate did not answer; asking the store",
		    c->remote_addr);
		c->gate_lost = 1;
		return MB_ERR_IO;
	}
	if (an != NULL && an->fault != 0)
		error_fault_set(an->fault);
	return 0;
}

int
gate_ask_open(struct conn *c)
{
	struct gate_request rq;
	struct gate_answer an;

	gate_question(c, &rq, GATE_OP_OPEN);
	if (gate_ask(c, &rq, &an) == 0 && an.rc == 0)
		return 0;
	/* The gate cannot open it: perhaps we can (then without the gate,
	 * whose answers would be the same), or we say why not. */
	c->gate_lost = 1;
	error_fault_set(0);
	return conn_board(c) != NULL ? 0 : MB_ERR_DB;
}

/* Wait as the gate said. */
static void
gate_wait(struct conn *c, const struct gate_answer *an)
{
	if (an->wait_ms <= 0)
		return;
	log_debug(
	    "%s: waiting %lld ms", c->remote_addr, (long long)an->wait_ms);
	throttle_sleep((long)an->wait_ms);
}

int
gate_ask_key(struct conn *c, const char *user, const char *type,
    const char *base64, int wait, int64_t *id)
{
	struct gate_request rq;
	struct gate_answer an;
	struct board *b = NULL;

	gate_question(c, &rq, GATE_OP_KEY);
	rq.wait = wait;
	(void)strlcpy_checked(rq.user, user, sizeof(rq.user));
	/* Longer than any key a member could have added: nobody's. */
	if (strlcpy_checked(rq.key_type, type, sizeof(rq.key_type)) != 0 ||
	    strlcpy_checked(rq.key, base64, sizeof(rq.key)) != 0) {
		if (wait)
			gate_ask_wait(c, user);
		return MB_ERR_DENIED;
	}
	if (gate_ask(c, &rq, &an) == 0) {
		gate_wait(c, &an);
		if (an.rc == 0)
			*id = an.value;
		return an.rc;
	}
	if (wait)
		gate_ask_wait(c, user);
	b = conn_board(c);
	if (b == NULL)
		return MB_ERR_DB;
	return account_login_key(b, user, type, base64, id);
}

void
gate_ask_wait(struct conn *c, const char *user)
{
	struct gate_request rq;
	struct gate_answer an;
	struct board *b = NULL;

	gate_question(c, &rq, GATE_OP_WAIT);
	(void)strlcpy_checked(rq.user, user, sizeof(rq.user));
	/* Not answered, or not readable there: as the store says here (the
	 * password is checked here next, whatever the gate could do). */
	if (gate_ask(c, &rq, &an) == 0 && an.rc == 0) {
		gate_wait(c, &an);
		return;
	}
	b = conn_board(c);
	if (b != NULL)
		throttle_wait(b, &throttle_login, c->remote_addr, user);
}

void
gate_ask_failed(struct conn *c, const char *user)
{
	struct gate_request rq;
	struct gate_answer an;
	struct board *b = NULL;

	gate_question(c, &rq, GATE_OP_FAILED);
	(void)strlcpy_checked(rq.user, user, sizeof(rq.user));
	if (gate_ask(c, &rq, &an) == 0) {
		/* Not counted: fail closed, as throttle_failed does. */
		if (an.rc != 0)
			throttle_sleep(throttle_worst_ms(&throttle_login));
		return;
	}
	b = conn_board(c);
	if (b != NULL)
		throttle_failed(b, &throttle_login, c->remote_addr, user);
}

void
gate_ask_login(struct conn *c, const char *user, int64_t user_id, int method)
{
	struct gate_request rq;
	struct board *b = NULL;

	gate_question(c, &rq, GATE_OP_LOGIN);
	(void)strlcpy_checked(rq.user, user, sizeof(rq.user));
	rq.user_id = user_id;
	rq.method = method;
	if (gate_ask(c, &rq, NULL) == 0)
		return;
	b = conn_board(c);
	if (b != NULL) {
		throttle_succeeded(b, &throttle_login, user);
		(void)session_login(
		    b, user_id, c->remote_addr, (enum session_method)method);
	}
}

int
gate_ask_session(struct conn *c, const uint8_t hash[KEYED_HASH_BYTES])
{
	struct gate_request rq;
	struct gate_answer an;
	struct board *b = NULL;

	gate_question(c, &rq, GATE_OP_SESSION);
	memcpy(rq.token_hash, hash, sizeof(rq.token_hash));
	rq.user_id = c->user_id;
	rq.pid = (int32_t)getpid();
	if (gate_ask(c, &rq, &an) == 0) {
		if (an.rc == 0)
			c->session_row = an.value;
		return an.rc;
	}
	b = conn_board(c);
	if (b == NULL)
		return MB_ERR_DB;
	return session_open(
	    b, hash, c->user_id, c->remote_addr, getpid(), &c->session_row);
}
