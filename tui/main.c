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
	    "The Mentorboard user interface.  mentord starts it for every "
	    "SSH session;\nit is not meant to be started by hand.\n"
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
 * The plain mode unless asked otherwise: on a terminal that cannot draw
 * (TERM=dumb, as mentord also sets without a terminal), or when the member
 * chose it.
 */
static int
main_wants_plain(struct app *app)
{
	const char *term = getenv("TERM");
	struct store_user u;

	if (term != NULL && strcmp(term, "dumb") == 0)
		return 1;
	return app->viewer.user_id != 0 &&
	    store_user_get(app->store, app->viewer.user_id, &u) == 0 &&
	    u.plain_mode;
}

/*
 * Learn who is there (the token mentord handed over, or the local account),
 * then run a command if one came, the screens on a terminal, or help.
 * Returns the command's or the screens' exit status, CLI_USAGE or CLI_FAIL
 * when it cannot start.
 */
int
main(int argc, char **argv)
{
	struct main_opts o = { -1, -1, NULL, 0, 0, 0 };
	enum log_level level = LOG_LEVEL_INFO;
	char path[PATH_MAX], *handed = NULL;
	struct app app;
	int rc, status = CLI_FAIL;

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
	clock_init(app.cfg.state_dir);
	/* The client's language (mentord passes it as LANGUAGE; on the
	 * host, the operator's locale): a guest's; a member's own setting
	 * wins once they are known (identity_refresh). */
	app.client_language = i18n_from_env();
	i18n_init();
	(void)i18n_use(app.client_language);
	if (o.token_fd < 0 && !o.local) {
		(void)fprintf(stderr, "%s\n",
		    _("mentor: no session; connect with ssh to the board "
		      "(mentord starts mentor)"));
		return CLI_USAGE;
	}
	app.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (auth_init() != 0 ||
	    auth_board_key_load(app.cfg.state_dir, 0, app.board_key) != 0 ||
	    path_join(path, sizeof(path), app.cfg.state_dir, STORE_FILE_NAME) !=
		0) {
		(void)fprintf(stderr, "%s\n",
		    _("mentor: the board is not "
		      "available right now"));
		return CLI_FAIL;
	}
	rc = store_open(path, &app.store);
	if (rc != 0) {
		(void)fprintf(stderr, "%s\n",
		    _("mentor: the board is not "
		      "available right now"));
		return CLI_FAIL;
	}
	app.board.store = app.store;
	app.board.cfg = &app.cfg;
	app.board.key = app.board_key;
	if (o.local) {
		rc = identity_local(&app, o.guest);
		/* Under sshd's ForceCommand, the command asked for. */
		if (o.command == NULL)
			o.command = getenv("SSH_ORIGINAL_COMMAND");
	} else {
		rc = identity_claim(&app, o.token_fd, &handed);
		if (handed != NULL)
			o.command = handed;
	}
	if (rc != 0) {
		(void)fprintf(stderr, "%s\n", _("mentor: no valid session"));
		goto out;
	}
	app.plain = o.plain || (app.tty && main_wants_plain(&app));
	if (o.command != NULL)
		status = cmd_dispatch(&app, o.command);
	else if (app.tty && app.plain)
		status = plain_run(&app, NULL, NULL);
	else if (app.tty)
		status = ui_run(&app, scr_start(&app.viewer), NULL);
	else
		status = cmd_dispatch(&app, "help");
out:
	if (o.local)
		identity_local_end(&app);
	store_close(app.store);
	sodium_memzero(app.board_key, sizeof(app.board_key));
	if (handed != NULL) {
		/* It may hold a code: leave none of it behind. */
		explicit_bzero(handed, strlen(handed));
		free(handed);
	}
	return status;
}
