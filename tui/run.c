/*
 * run: the life of a mentor process once its settings are known, shared by
 * the mentor program (tui/main.c) and by mentord, whose connection
 * processes fork a mentor for each session instead of executing one.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "mentor.h"
#include "screens.h"
#include "session.h"
#include "store.h"
#include "ui.h"
#include "util.h"

/*
 * The plain mode unless asked otherwise: on a terminal that cannot draw
 * (TERM=dumb, as mentord also sets without a terminal), or when the member
 * chose it.
 */
static int
run_wants_plain(struct app *app)
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
 * The end of a session mentord handed over on token_fd: close its row here,
 * where the store is open, and mark the hand-over file so, which spares the
 * connection process opening the store again for it (session.h).
 */
static void
run_end_session(struct app *app, int token_fd)
{
	if (token_fd < 0)
		return;
	if (app->viewer.session_id > 0 &&
	    session_close(&app->board, app->viewer.session_id) == 0 &&
	    session_handover_mark(token_fd) != 0)
		log_debug("session end not marked: %s", strerror(errno));
	if (close(token_fd) != 0)
		log_warn("close token fd: %s", strerror(errno));
}

void
mentor_rest(struct store *st)
{
	int rc = store_rest(st);

	if (rc != 0)
		log_debug("the store stays open (%d)", rc);
	util_memory_trim();
}

int
mentor_open_store(struct app *app)
{
	char path[PATH_MAX];
	int rc;

	if (auth_init() != 0 ||
	    auth_board_key_load(app->cfg.state_dir, 0, app->board_key) != 0 ||
	    path_join(
		path, sizeof(path), app->cfg.state_dir, STORE_FILE_NAME) != 0)
		return MB_ERR_IO;
	rc = store_open(path, &app->store);
	if (rc != 0)
		return rc;
	app->board.store = app->store;
	app->board.cfg = &app->cfg;
	app->board.key = app->board_key;
	return 0;
}

int
mentor_run(struct app *app, const struct mentor_start *ms)
{
	const char *command = ms->command;
	char *handed = NULL;
	int rc, status = CLI_FAIL;

	clock_init(app->cfg.state_dir);
	/* The client's language (mentord passes it as LANGUAGE; on the
	 * host, the operator's locale): a guest's; a member's own setting
	 * wins once they are known (identity_refresh). */
	app->client_language = i18n_from_env();
	i18n_init();
	(void)i18n_use(app->client_language);
	if (ms->token_fd < 0 && !ms->local) {
		(void)fprintf(stderr, "%s\n",
		    _("mentor: no session; connect with ssh to the board "
		      "(mentord starts mentor)"));
		store_close(app->store);
		app->store = NULL;
		return CLI_USAGE;
	}
	app->tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (app->store == NULL && mentor_open_store(app) != 0) {
		(void)fprintf(stderr, "%s\n",
		    _("mentor: the board is not "
		      "available right now"));
		return CLI_FAIL;
	}
	if (ms->local) {
		rc = identity_local(app, ms->guest);
		/* Under sshd's ForceCommand, the command asked for. */
		if (command == NULL)
			command = getenv("SSH_ORIGINAL_COMMAND");
	} else {
		/* mentord's session: its housekeeping checkpoints, so that
		 * no screen waits for the file's sync. */
		store_leave_checkpoints(app->store);
		rc = identity_claim(app, ms->token_fd, &handed);
		if (handed != NULL)
			command = handed;
	}
	if (rc != 0) {
		(void)fprintf(stderr, "%s\n", _("mentor: no valid session"));
		goto out;
	}
	app->plain = ms->plain || (app->tty && run_wants_plain(app));
	if (command != NULL)
		status = cmd_dispatch(app, command);
	else if (app->tty && app->plain)
		status = plain_run(app, NULL, NULL);
	else if (app->tty)
		status = ui_run(app, scr_start(&app->viewer), NULL);
	else
		status = cmd_dispatch(app, "help");
out:
	if (ms->local)
		identity_local_end(app);
	else
		run_end_session(app, ms->token_fd);
	store_close(app->store);
	app->store = NULL;
	sodium_memzero(app->board_key, sizeof(app->board_key));
	if (handed != NULL) {
		/* It may hold a code: leave none of it behind. */
		explicit_bzero(handed, strlen(handed));
		free(handed);
	}
	return status;
}
