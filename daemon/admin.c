/*
 * admin: mentord's administration commands, for the operator on the host:
 * the mentoring team's rows (common/sysop.c) and those only the host has
 * (demo data).  They open the state directory themselves (creating it on
 * first use), so they work whether or not the board runs; each prints its
 * result on stdout and a one-line reason on stderr when it fails.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "admin.h"
#include "auth.h"
#include "cli.h"
#include "demo.h"
#include "error.h"
#include "log.h"
#include "mail_queue.h"
#include "store.h"
#include "sysop.h"
#include "util.h"

struct admin {
	struct board board;
	struct store *store;
	uint8_t key[BOARD_KEY_BYTES];
	struct sysop sysop; /* what the rows run with */
};

/* ---- demo ---------------------------------------------------------------- */

/*
 * demo --users N [--seed S] adds fictitious members, demo --remove takes
 * them all away; a run that stops keeps what it committed, and says how
 * many.
 */
static int
admin_demo(void *ctx, const struct cli_call *call)
{
	struct sysop *sysop = ctx;
	const char *users = cli_value(call, "--users"),
		   *seed = cli_value(call, "--seed"), *why = NULL;
	long n = 0, s = 1, done = 0;
	int64_t removed = 0;
	int rc;

	if (cli_flag(call, "--remove")) {
		if (users != NULL || seed != NULL) {
			cli_error("--remove takes no other option");
			return CLI_USAGE;
		}
		if (demo_remove(sysop->board, &removed) != 0)
			return CLI_FAIL;
		(void)printf("removed %lld demo members\n", (long long)removed);
		return CLI_OK;
	}
	if (users == NULL) {
		cli_error("give --users N, or --remove");
		return CLI_USAGE;
	}
	rc = cli_number("--users", users, 1, DEMO_USERS_MAX, &n);
	if (rc == CLI_OK && seed != NULL)
		rc = cli_number("--seed", seed, 0, LONG_MAX, &s);
	if (rc != CLI_OK)
		return rc;
	if (demo_generate(sysop->board, n, (uint64_t)s, &done, &why) != 0) {
		cli_error("demo data stopped after %ld members: %s (mentord "
			  "demo --remove takes them away)",
		    done, why);
		return CLI_FAIL;
	}
	(void)printf("added %ld demo members (about %d%% mentors)\n", n,
	    DEMO_MENTOR_PERCENT);
	return CLI_OK;
}

static const struct cli_option admin_demo_options[] = {
	{ "--users", "N", CLI_VALUE },
	{ "--seed", "S", CLI_VALUE },
	{ "--remove", NULL, 0 },
	{ 0 },
};

static const struct cli_command admin_local_rows[] = {
	{ .name = "demo",
	    .max_args = 0,
	    .options = admin_demo_options,
	    .summary = "fictitious members to try the board with",
	    .run = admin_demo },
	{ 0 },
};

static const struct cli_command *const admin_groups[] = { sysop_rows,
	admin_local_rows, NULL };

void
admin_usage(FILE *fp)
{
	const struct cli_command *const *group = NULL, *row = NULL;

	for (group = admin_groups; *group != NULL; group++)
		for (row = *group; row->name != NULL; row++)
			cli_print_forms(fp, row, NULL, "  mentord ");
}

/* Open (or make) the state directory's key and database. */
static int
admin_open(const struct config *cfg, struct admin *a)
{
	char path[PATH_MAX];
	int rc;

	if (mkdir(cfg->state_dir, 0700) != 0 && errno != EEXIST) {
		cli_error("%s: %s", cfg->state_dir, strerror(errno));
		return MB_ERR_IO;
	}
	rc = auth_board_key_load(cfg->state_dir, 1, a->key);
	if (rc == 0)
		rc = path_join(
		    path, sizeof(path), cfg->state_dir, STORE_FILE_NAME);
	if (rc == 0)
		rc = store_open(path, &a->store);
	if (rc != 0) {
		cli_error("cannot open the board in %s: %s", cfg->state_dir,
		    mb_strerror(rc));
		return rc;
	}
	a->board.store = a->store;
	a->board.cfg = cfg;
	a->board.key = a->key;
	return 0;
}

int
admin_run(const struct config *cfg, int argc, char **argv)
{
	struct cli_call call;
	struct admin a;
	int status, sent = 0;

	cli_set_program("mentord", "mentord ");
	if (cli_find(admin_groups, argv[0]) == NULL) {
		cli_error(
		    "unknown command \"%s\" (see mentord --help)", argv[0]);
		return CLI_USAGE;
	}
	status = cli_parse(admin_groups, argc, argv, &call);
	if (status != CLI_OK)
		return status;
	memset(&a, 0, sizeof(a));
	if (admin_open(cfg, &a) != 0)
		return CLI_FAIL;
	a.sysop.board = &a.board;
	a.sysop.actor_id = 0;
	a.sysop.source = "local";
	a.sysop.local = 1;
	a.sysop.out = stdout;
	a.sysop.err = stderr;
	status = call.row->run(&a.sysop, &call);
	/* What the command mailed goes out now, whether or not the board
	 * runs (its housekeeping would send it too; the queue hands each
	 * mail to one sender). */
	if (mail_queue_run(&a.board, -1, &sent) != 0)
		cli_error("mail stays queued for the board to send");
	store_close(a.store);
	sodium_memzero(a.key, sizeof(a.key));
	if (fflush(stdout) != 0 && status == CLI_OK)
		status = CLI_FAIL;
	return status;
}
