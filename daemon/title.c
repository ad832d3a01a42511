/*
 * title: what ps shows for mentord's processes.  The kernel reads a
 * process's command line from the memory its argument strings were given
 * in, so a connection process and the mentor it forks write their own
 * title there (copy-on-write: the listener keeps its own), as OpenSSH's
 * sshd does.  Without it every session would show mentord's command line,
 * settings and all, to every local user.  The environment a process was
 * started with is read from memory the same way: a forked mentor writes
 * its own there too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "daemon.h"

extern char **environ;

static char *title_start; /* argv[0] */
static size_t title_size; /* bytes of the argument strings in all */
static char *title_env_start; /* the first environment string */
static size_t title_env_size; /* bytes of the environment strings */

/*
 * The bytes from start of strings that lie end to end (up to the first
 * that does not), as the kernel placed them; 0 without any.
 */
static size_t
title_span(char *start, char *const *strings, int count)
{
	char *end = start;
	int i;

	for (i = 0; i < count && strings[i] == end; i++)
		end = strings[i] + strlen(strings[i]) + 1;
	return (size_t)(end - start);
}

void
title_init(int argc, char **argv)
{
	int n;

	if (argc < 1 || argv[0] == NULL)
		return;
	title_start = argv[0];
	title_size = title_span(argv[0], argv, argc);
	if (environ == NULL || environ[0] == NULL)
		return;
	for (n = 0; environ[n] != NULL; n++)
		continue;
	title_env_start = environ[0];
	title_env_size = title_span(environ[0], environ, n);
}

void
title_environment(char *const *envp)
{
	size_t used = 0, len;
	int i;

	if (title_env_start == NULL)
		return;
	for (i = 0; envp[i] != NULL; i++) {
		len = strlen(envp[i]) + 1;
		/* Whole strings only; at least the last NUL stays. */
		if (used + len >= title_env_size)
			break;
		memcpy(title_env_start + used, envp[i], len);
		used += len;
	}
	memset(title_env_start + used, 0, title_env_size - used);
}

void
title_set(const char *name, const char *fmt, ...)
{
	char text[TITLE_MAX];
	va_list ap;
	size_t len;

	/* The short name (ps -o comm, /proc/PID/comm) of at most 15 bytes. */
	if (name != NULL && prctl(PR_SET_NAME, name, 0, 0, 0) != 0) {
		/* Cannot fail for a process's own name. */
	}
	if (title_start == NULL || title_size < 2)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	len = strlen(text);
	if (len > title_size - 1)
		len = title_size - 1;
	/* All of the old text goes, whatever the new one's length. */
	memset(title_start, 0, title_size);
	memcpy(title_start, text, len);
}
