/*
 * admin: mentord's administration commands, run on the host by the
 * operator (mentord user add ..., mentord areas list, ...).  They work on
 * the state directory whether or not the board is running.
 */
#ifndef MB_ADMIN_H
#define MB_ADMIN_H

#include <stdio.h>

#include "config.h"

/*
 * Run the command in argv[0] with its arguments.  Returns the process exit
 * status: 0 on success, 1 on failure, 2 on bad usage; the reason is printed
 * on stderr in one line.
 */
int admin_run(const struct config *cfg, int argc, char **argv);

/* Print one line per command for mentord --help. */
void admin_usage(FILE *fp);

#endif
