/*
 * Fuzz target: a configuration file (mentord.conf) of any bytes, read by
 * config_load, and each of its lines given as a flag would be
 * (config_set with the text before and after "=").  Besides memory
 * errors it aborts when a promise breaks: a setting left without its NUL,
 * a port out of range, a limit below one, a refusal without a reason or
 * (from a file) without its line number.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "error.h"

#define FUZZ_CONFIG_MAX (128 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_fd = -1;
static char fuzz_path[64];

/* Every string setting ends within its array; numbers are in range. */
static void
fuzz_check(const struct config *c)
{
	if (memchr(c->listen, '\0', sizeof(c->listen)) == NULL ||
	    memchr(c->state_dir, '\0', sizeof(c->state_dir)) == NULL ||
	    memchr(c->mail_command, '\0', sizeof(c->mail_command)) == NULL ||
	    memchr(c->mail_from, '\0', sizeof(c->mail_from)) == NULL ||
	    memchr(c->public_host, '\0', sizeof(c->public_host)) == NULL ||
	    memchr(c->mentor_path, '\0', sizeof(c->mentor_path)) == NULL ||
	    memchr(c->log_level, '\0', sizeof(c->log_level)) == NULL ||
	    memchr(c->team_address, '\0', sizeof(c->team_address)) == NULL)
		abort();
	/* Port 0: the kernel picks one (the tests listen so). */
	if (c->port < 0 || c->port > 65535 || c->public_port < 0 ||
	    c->public_port > 65535)
		abort();
	if (c->login_grace_time < 1 || c->max_startups < 1 ||
	    c->max_startups_per_source < 1 || c->max_sessions_per_source < 1)
		abort();
	if (c->access_code_days < 1 || c->unverified_days < 1 ||
	    c->chat_retention_years < 0)
		abort();
}

/* Each line as "--key value" would be set. */
static void
fuzz_lines(const char *text)
{
	struct config c;
	char line[512], err[512];
	const char *p = text, *end = NULL;
	char *eq = NULL;
	size_t n;

	config_defaults(&c);
	while (*p != '\0') {
		end = strchr(p, '\n');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (n < sizeof(line)) {
			memcpy(line, p, n);
			line[n] = '\0';
			eq = strchr(line, '=');
			if (eq != NULL) {
				*eq = '\0';
				err[0] = '\0';
				if (config_set(&c, line, eq + 1, err,
					sizeof(err)) != 0 &&
				    err[0] == '\0')
					abort();
				fuzz_check(&c);
			}
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	char err[1024], *text = NULL;
	int rc;

	if (size > FUZZ_CONFIG_MAX)
		return 0;
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("mentord.conf", 0);
		if (fuzz_fd < 0)
			abort();
		(void)snprintf(
		    fuzz_path, sizeof(fuzz_path), "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) != 0 ||
	    pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)
		abort();
	config_defaults(&c);
	err[0] = '\0';
	rc = config_load(&c, fuzz_path, err, sizeof(err));
	if (rc == 0)
		fuzz_check(&c);
	else if (strncmp(err, fuzz_path, strlen(fuzz_path)) != 0)
		abort(); /* every refusal names the file */
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	fuzz_lines(text);
	free(text);
	return 0;
}
