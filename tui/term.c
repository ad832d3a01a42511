/* term: asking terminfo about a terminal type, before newterm; how curses
 * writes to the terminal. */
#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <term.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "ui.h"

/* Where stdout waits while curses writes into nothing (term_batch_output):
 * above the descriptors a mentor is handed (0..4). */
#define TERM_SAVED_FD_MIN 10

int
term_known(const char *term)
{
	int err = 0;

	/* newterm's failure leaks what it set up: ask first. */
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return 0;
	/* Only a question: newterm sets the terminal up again. */
	(void)del_curterm(cur_term);
	return 1;
}

/*
 * Until its first endwin(), curses (6.4) flushes its output after every
 * cursor movement, taking a screen of 24 lines to the terminal in some 40
 * writes; the connection process wakes up for each of them, and encrypts
 * and sends each as a packet of its own.  Once the screen is resumed
 * after an endwin() (by the next doupdate), it writes a whole update at
 * once.  So endwin() here, right after newterm, with stdout pointing at
 * /dev/null for its moment: what endwin writes (and what newterm queued,
 * which the resume writes again: the alternate screen, the scrolling
 * region, the cursor's shape, plain attributes and colours) reaches
 * nobody, and the terminal's modes stay as they are (curses' change of
 * them fails on /dev/null).  Anything curses writes after this returns
 * goes to the terminal as before.
 */
int
term_batch_output(void)
{
	int null_fd = -1, saved = -1, rc = 0;

	(void)fflush(stdout);
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null_fd >= 0)
		saved =
		    fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, TERM_SAVED_FD_MIN);
	if (saved < 0 || dup2(null_fd, STDOUT_FILENO) != STDOUT_FILENO) {
		/* Only slower: every movement is written at once. */
		log_debug("output stays unbatched");
		goto out;
	}
	(void)endwin();
	if (dup2(saved, STDOUT_FILENO) != STDOUT_FILENO) {
		log_error("cannot restore the terminal");
		rc = MB_ERR_IO;
	}
out:
	if (saved >= 0)
		(void)close(saved);
	if (null_fd >= 0)
		(void)close(null_fd);
	return rc;
}
