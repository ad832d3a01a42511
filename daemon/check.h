/*
 * check: mentord -t and mentord check-config, as sshd -t: the settings
 * mentord would run with, checked against the host (addresses and ports,
 * the state directory and its owner, the mentor program, the mail
 * command).  mentord runs the same checks before it serves and does not
 * start while any of them fails.
 */
#ifndef MB_CHECK_H
#define MB_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"

/* What one run of the checks found, and where it says so. */
struct check {
	int problems; /* mentord would not (or should not) run so */
	int warnings; /* it would run, but the operator should know */
	int to_log; /* at start: problems to the log, warnings unsaid */
	FILE *err; /* with to_log 0: "mentord: ..." lines here */
};

/*
 * Run every check on cfg, counting and saying each problem and warning
 * (see struct check); with verbose set, also print what is checked, a
 * line each, on out, and a last line "configuration ok" when nothing is
 * wrong.  Returns the number of problems: 0 is fit to serve.
 */
int check_config(
    const struct config *cfg, struct check *c, int verbose, FILE *out);

#endif
