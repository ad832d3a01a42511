/*
 * mentor: started by mentord for each session, on a PTY (full screens) or
 * on pipes (commands).  Learns who logged in from the session token on the
 * descriptor given with --token-fd, logs to --log-fd (never to the user's
 * terminal), and runs the command given with --command or the home screen.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mentor.h"
#include "screens.h"
#include "store.h"
#include "ui.h"
#include "util.h"

/* What mentor --help prints. */
static void
main_usage(FILE *fp)
{
	(void)fprintf(fp,
	    "usage: mentor --token-fd N [--log-fd N] [--command LINE] "
	    "[--OPTION VALUE ...]\n"
	    "\n"
	    "The Mentorboard user interface.  mentord runs its code for "
	    "every SSH session;\nthis program is for the host's users "
	    "(--local).\n"
	    "\n"
	    "  --token-fd N       read the one-time session token from "
	    "descriptor N\n"
	    "  --log-fd N         write log lines to descriptor N (default: "
	    "none)\n"
	    "  --command LINE     run this command instead of the home screen\n"
	    "  --local            run on the host as the board account named "
	    "like the\n"
	    "                     local user (under sshd's ForceCommand, "
	    "SSH_ORIGINAL_COMMAND\n"
	    "                     is the command); root, and the state "
	    "directory's\n"
	    "                     owner without an account, get the "
	    "mentoring team's\n"
	    "                     console, also while mentord is down\n"
	    "  --guest            with --local: as a guest\n"
	    "  --plain            on a terminal: the plain mode (numbered "
	    "menus and plain\n"
	    "                     lines, for screen readers), as with "
	    "TERM=dumb or the\n"
	    "                     member's setting\n"
	    "  --help, --version\n"
	    "\nsettings (as for mentord):\n");
	config_usage(fp);
}

/* Parse a small non-negative descriptor number. */
static int
main_fd_arg(const char *s, int *fd)
{
	long n;

	if (parse_long(s, 0, 1024, &n) != 0)
		return MB_ERR_INVALID;
	*fd = (int)n;
	return 0;
}

struct main_opts {
	int token_fd;
	int log_fd;
	const char *command;
	int local; /* run on the host, as the local user's account */
	int guest; /* --local as a guest */
	int plain; /* --plain */
};

/*
 * The command line into o, and settings (--mail-command VALUE and the like)
 * into app->cfg.  --help and --version print and exit.  Returns 0, or
 * MB_ERR_INVALID with the reason on stderr.
 */
static int
main_parse(int argc, char **argv, struct app *app, struct main_opts *o)
{
	char err[512];
	const char *name, *value;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			main_usage(stdout);
			exit(0);
		}
		if (strcmp(argv[i], "--version") == 0) {
			(void)printf("mentor %s\n", MB_VERSION);
			exit(0);
		}
		if (strcmp(argv[i], "--local") == 0) {
			o->local = 1;
			continue;
		}
		if (strcmp(argv[i], "--guest") == 0) {
			o->guest = 1;
			continue;
		}
		if (strcmp(argv[i], "--plain") == 0) {
			o->plain = 1;
			continue;
		}
		if (strncmp(argv[i], "--", 2) != 0 || i + 1 >= argc) {
			(void)fprintf(
			    stderr, "mentor: bad argument %s\n", argv[i]);
			return MB_ERR_INVALID;
		}
		name = argv[i] + 2;
		value = argv[++i];
		if (strcmp(name, "token-fd") == 0) {
			if (main_fd_arg(value, &o->token_fd) != 0)
				return MB_ERR_INVALID;
		} else if (strcmp(name, "log-fd") == 0) {
			if (main_fd_arg(value, &o->log_fd) != 0)
				return MB_ERR_INVALID;
		} else if (strcmp(name, "command") == 0)
			o->command = value;
		else if (config_set(&app->cfg, name, value, err, sizeof(err)) !=
		    0) {
			(void)fprintf(stderr, "mentor: --%s: %s\n", name, err);
			return MB_ERR_INVALID;
		}
	}
	return 0;
}

/*
 * Parse the command line and the settings it carries, open the log, and
 * run (tui/run.c).  Returns the command's or the screens' exit status,
 * CLI_USAGE or CLI_FAIL when it cannot start.
 */
int
main(int argc, char **argv)
{
	struct main_opts o = { -1, -1, NULL, 0, 0, 0 };
	struct mentor_start ms;
	enum log_level level = LOG_LEVEL_INFO;
	struct app app;

	if (setlocale(LC_ALL, "") == NULL)
		(void)setlocale(LC_ALL, "C.UTF-8");
	(void)umask(077);
	memset(&app, 0, sizeof(app));
	config_defaults(&app.cfg);
	if (main_parse(argc, argv, &app, &o) != 0)
		return CLI_USAGE;
	if (log_level_parse(app.cfg.log_level, &level) != 0)
		level = LOG_LEVEL_INFO;
	log_init("mentor", o.log_fd, app.cfg.syslog, level);
	memset(&ms, 0, sizeof(ms));
	ms.token_fd = o.token_fd;
	ms.command = o.command;
	ms.local = o.local;
	ms.guest = o.guest;
	ms.plain = o.plain;
	return mentor_run(&app, &ms);
}
