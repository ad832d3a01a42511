/*
 * cmd_admin: `admin ...`, the mentoring team's commands (common/sysop.c)
 * for members with the sysop flag and for the host's operator; anyone
 * else is told there is no such command.  They run with a struct sysop
 * made from the session: the sysop is the actor of the audit log.
 */
#include <string.h>

#include "i18n.h"
#include "mentor.h"
#include "screens.h"
#include "sysop.h"

/* `admin` alone: the console with a terminal, else its commands, a
 * line each (all in one usage line would be cut). */
static int
admin_run(void *ctx, const struct cli_call *call)
{
	const struct cli_command *row = NULL;

	(void)ctx;
	(void)call;
	(void)printf("%s\n", _("The mentoring team's commands:"));
	for (row = sysop_rows; row->name != NULL; row++)
		cli_print_forms(stdout, row, "admin", "  ");
	return CLI_OK;
}

const struct cli_command cmd_admin_rows[] = {
	{ .name = "admin",
	    .max_args = 0,
	    .summary = N_("the mentoring team's console and commands"),
	    .run = admin_run,
	    .subs = sysop_rows,
	    .who = CLI_SYSOPS,
	    .screen = &scr_sysop },
	{ 0 },
};

int
cmd_is_admin(const struct cli_call *call)
{
	return call->top == &cmd_admin_rows[0];
}

void
cmd_admin_context(struct app *app, struct sysop *s)
{
	memset(s, 0, sizeof(*s));
	s->board = &app->board;
	s->actor_id = app->viewer.user_id;
	s->actor_name = app->viewer.username;
	s->source = app->viewer.remote_addr;
	s->local = app->viewer.is_operator;
	s->out = stdout;
	s->err = stderr;
}
