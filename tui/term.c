/* term: asking terminfo about a terminal type, before newterm. */
#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "ui.h"

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
