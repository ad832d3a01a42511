/*
 * Fuzz target: a question to the login gate, as a connection process sends
 * it (daemon/gate.c: gate_request_valid, then gate_answer against a store
 * made once: the member "fuzz" with one ed25519 key).  The gate trusts no
 * more of a message than a connection process could do itself; what it
 * must never do, besides memory errors, aborts here: take a message whose
 * strings run past their fields or the message, say a key is someone's
 * but for fuzz's own key asked as fuzz, or answer a wait past the
 * throttle's caps.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "board.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "store.h"
#include "throttle.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The member's key (a key made for this target; its private half is
 * nowhere). */
#define FUZZ_USER "fuzz"
#define FUZZ_KEY_TYPE "ssh-ed25519"
#define FUZZ_KEY \
	"AAAAC3NzaC1lZDI1NTE5AAAAIIdYbiQz9/Fd1l33Jn7Zj08TFM3sNLasEqyNh42G84mf"

static struct config fuzz_cfg;
static struct gate fuzz_gate;
static int64_t fuzz_user;
static struct gate_request *fuzz_rq;

/* gate.o's process code names the title and takes its signals; no
 * process of that kind here. */
void
title_set(const char *name, const char *fmt, ...)
{
	(void)name;
	(void)fmt;
}

int
listener_child_signals(pid_t listener, const char *name)
{
	(void)listener;
	(void)name;
	abort();
}

static void
fuzz_setup(void)
{
	char dir[] = "/tmp/mb-fuzz-gate-XXXXXX";
	struct store_user u;
	struct stat st;
	const char *which = NULL;

	if (mkdtemp(dir) == NULL)
		abort();
	log_init("fuzz", -1, 0, LOG_LEVEL_ERROR);
	config_defaults(&fuzz_cfg);
	(void)snprintf(
	    fuzz_cfg.state_dir, sizeof(fuzz_cfg.state_dir), "%s", dir);
	(void)snprintf(fuzz_gate.path, sizeof(fuzz_gate.path), "%s/%s", dir,
	    STORE_FILE_NAME);
	if (store_open(fuzz_gate.path, &fuzz_gate.b.store) != 0 ||
	    stat(fuzz_gate.path, &st) != 0)
		abort();
	fuzz_gate.dev = st.st_dev;
	fuzz_gate.ino = st.st_ino;
	fuzz_gate.b.cfg = &fuzz_cfg;
	/* As in the gate: no board key, which no question needs. */
	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), FUZZ_USER);
	(void)snprintf(u.email, sizeof(u.email), "fuzz@example.org");
	(void)snprintf(u.first_name, sizeof(u.first_name), "F");
	(void)snprintf(u.last_name, sizeof(u.last_name), "Z");
	u.verified = 1;
	if (store_user_create(
		fuzz_gate.b.store, &u, NULL, 0, &fuzz_user, &which) != 0 ||
	    store_key_add(fuzz_gate.b.store, fuzz_user, FUZZ_KEY_TYPE, FUZZ_KEY,
		"SHA256:fuzz", "fuzz") != 0)
		abort();
	fuzz_rq = calloc(1, sizeof(*fuzz_rq));
	if (fuzz_rq == NULL)
		abort();
}

/* A taken question's strings end inside their fields, the key inside the
 * message. */
static void
fuzz_check_strings(const struct gate_request *rq, size_t n)
{
	size_t head = offsetof(struct gate_request, key);

	if (strnlen(rq->addr, sizeof(rq->addr)) == sizeof(rq->addr) ||
	    strnlen(rq->user, sizeof(rq->user)) == sizeof(rq->user) ||
	    strnlen(rq->key_type, sizeof(rq->key_type)) ==
		sizeof(rq->key_type) ||
	    head + strnlen(rq->key, n - head) >= n)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gate_answer an;

	if (fuzz_rq == NULL)
		fuzz_setup();
	memset(fuzz_rq, 0, sizeof(*fuzz_rq));
	memcpy(
	    fuzz_rq, data, size < sizeof(*fuzz_rq) ? size : sizeof(*fuzz_rq));
	if (!gate_request_valid(fuzz_rq, size))
		return 0;
	fuzz_check_strings(fuzz_rq, size);
	gate_answer(&fuzz_gate, fuzz_rq, &an);
	if (fuzz_rq->op == GATE_OP_KEY && an.rc == 0 &&
	    (an.value != fuzz_user || strcmp(fuzz_rq->user, FUZZ_USER) != 0 ||
		strcmp(fuzz_rq->key_type, FUZZ_KEY_TYPE) != 0 ||
		strcmp(fuzz_rq->key, FUZZ_KEY) != 0))
		abort();
	if (an.wait_ms < 0 || an.wait_ms > throttle_worst_ms(&throttle_login))
		abort();
	return 0;
}
