/*
 * heap: how glibc's malloc runs in the listener and the processes it
 * forks.  A connection process starts with the listener's heap, shared
 * copy-on-write, and the free chunks in it.  glibc keeps small freed
 * chunks in a per-thread cache and in "fast" bins, outside its
 * coalescing: the listener's are scattered over its heap, and a
 * connection process took them for its first small allocations, writing
 * (and so copying) a page of the listener's for each, a hundred or so.
 * Its own small chunks, freed after the login (the store's, the key
 * exchange's), stayed in those caches too, where they neither merge nor
 * go back to the system: some 200 KiB of private pages per idle session.
 * Without the two caches a freed chunk merges with its free neighbours,
 * new allocations come from few places, and malloc_trim gives whole free
 * pages back.
 *
 * glibc reads those two settings only from GLIBC_TUNABLES when a program
 * starts, so the listener starts itself again with them, once.  The mentor
 * factory (and the mentors it forks, which share nothing with the
 * listener) runs without them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "daemon.h"
#include "error.h"
#include "log.h"

extern char **environ;

/* The program that is running, to start it again, and the name the
 * kernel then gives the process (at most HEAP_NAME_MAX bytes). */
#define HEAP_SELF_EXE "/proc/self/exe"
#define HEAP_SELF_NAME "exe"
#define HEAP_NAME_MAX 15

/*
 * Started again through HEAP_SELF_EXE, the kernel named the process after
 * that file ("exe"): take the name it had, that of the file it was
 * started as, for ps and pgrep.
 */
static void
heap_rename(char **argv)
{
	char name[HEAP_NAME_MAX + 1];
	const char *base = NULL;

	if (argv[0] == NULL || prctl(PR_GET_NAME, name, 0, 0, 0) != 0 ||
	    strcmp(name, HEAP_SELF_NAME) != 0)
		return;
	base = strrchr(argv[0], '/');
	base = base != NULL ? base + 1 : argv[0];
	/* The kernel keeps the first HEAP_NAME_MAX bytes, as at exec; it
	 * cannot refuse a process its own name. */
	if (*base != '\0')
		(void)prctl(PR_SET_NAME, base, 0, 0, 0);
}

int
heap_restart(char **argv)
{
	/* AddressSanitizer brings its own allocator; a program with raised
	 * privileges (setuid, file capabilities) gets its tunables ignored. */
	if (DAEMON_SANITIZED || getauxval(AT_SECURE) != 0)
		return 0;
	/* Ours already, or the operator's own choice of tunables. */
	if (getenv(HEAP_TUNABLES_ENV) != NULL) {
		heap_rename(argv);
		return 0;
	}
	if (setenv(HEAP_TUNABLES_ENV, HEAP_TUNABLES, 1) != 0)
		return MB_ERR_NOMEM;
	(void)fflush(NULL);
	(void)execve(HEAP_SELF_EXE, argv, environ);
	/* No /proc, say: go on as we are, with the caches. */
	(void)unsetenv(HEAP_TUNABLES_ENV);
	return MB_ERR_IO;
}

int
heap_tunables_ours(const char *entry)
{
	size_t n = strlen(HEAP_TUNABLES_ENV);

	return strncmp(entry, HEAP_TUNABLES_ENV, n) == 0 && entry[n] == '=' &&
	    strcmp(entry + n + 1, HEAP_TUNABLES) == 0;
}
