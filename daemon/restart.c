/*
 * restart: the settings glibc reads only as a program starts, and the one
 * start again that gives the listener them.
 *
 * The heap.  A connection process starts with the listener's heap, shared
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
 * pages back.  The mentor factory (and the mentors it forks, which share
 * nothing with the listener) runs without them.
 *
 * The binding.  mentord binds its own calls into the libraries as it
 * starts (-z now), but the C library is built to bind its calls lazily,
 * on first use, by a search of every library's symbol tables.  A mentor
 * is a fork of the factory, so each bound them again on its first
 * screen (curses' first wide character loads the locale's conversion,
 * whose calls the factory never made): some 0.5 ms of a login's path on
 * the benchmark's machine, and the symbol tables' pages touched in every
 * mentor.  With LD_BIND_NOW set as a program starts, the dynamic linker
 * binds every library's calls at once, in the listener and in the
 * factory (which is started again from the file, with the listener's
 * environment), and their forks inherit them bound.
 *
 * Both are read from the environment when a program starts, so the
 * listener starts itself again with them, once.  An operator's own
 * setting of either is left as it is.
 */
#include <errno.h>
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
 * kernel then gives the process (at most RESTART_NAME_MAX bytes). */
#define RESTART_SELF_EXE "/proc/self/exe"
#define RESTART_SELF_NAME "exe"
#define RESTART_NAME_MAX 15

/*
 * Started again through RESTART_SELF_EXE, the kernel named the process after
 * that file ("exe"): take the name it had, that of the file it was
 * started as, for ps and pgrep.
 */
static void
restart_rename(char **argv)
{
	char name[RESTART_NAME_MAX + 1];
	const char *base = NULL;

	if (argv[0] == NULL || prctl(PR_GET_NAME, name, 0, 0, 0) != 0 ||
	    strcmp(name, RESTART_SELF_NAME) != 0)
		return;
	base = strrchr(argv[0], '/');
	base = base != NULL ? base + 1 : argv[0];
	/* The kernel keeps the first RESTART_NAME_MAX bytes, as at exec; it
	 * cannot refuse a process its own name. */
	if (*base != '\0')
		(void)prctl(PR_SET_NAME, base, 0, 0, 0);
}

int
restart_self(char **argv)
{
	int tunables, bind_now, err;

	/* AddressSanitizer brings its own allocator; a program with raised
	 * privileges (setuid, file capabilities) gets its tunables ignored. */
	if (DAEMON_SANITIZED || getauxval(AT_SECURE) != 0)
		return 0;
	/* Ours already, or the operator's own choice. */
	tunables = getenv(RESTART_TUNABLES_ENV) == NULL;
	bind_now = getenv(RESTART_BIND_ENV) == NULL;
	if (!tunables && !bind_now) {
		restart_rename(argv);
		return 0;
	}
	if ((tunables &&
		setenv(RESTART_TUNABLES_ENV, RESTART_TUNABLES, 1) != 0) ||
	    (bind_now && setenv(RESTART_BIND_ENV, RESTART_BIND, 1) != 0))
		goto fail;
	(void)fflush(NULL);
	(void)execve(RESTART_SELF_EXE, argv, environ);
	/* No /proc, say: go on as we are, with the caches, bound lazily. */
fail:
	err = errno;
	if (tunables)
		(void)unsetenv(RESTART_TUNABLES_ENV);
	if (bind_now)
		(void)unsetenv(RESTART_BIND_ENV);
	errno = err;
	return err == ENOMEM ? MB_ERR_NOMEM : MB_ERR_IO;
}

int
restart_tunables_ours(const char *entry)
{
	size_t n = strlen(RESTART_TUNABLES_ENV);

	return strncmp(entry, RESTART_TUNABLES_ENV, n) == 0 &&
	    entry[n] == '=' && strcmp(entry + n + 1, RESTART_TUNABLES) == 0;
}
