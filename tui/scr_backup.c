/*
 * scr_backup: "Backup now" in the mentoring team's console.  Opening it
 * starts a backup of the board's database into the state directory's
 * backups/ (common/sysop_backup.c); a bar shows how far it is, drawn
 * between slices of the copy run from the screen's tick (the screen
 * counts itself in ui->busy, so ticks come at once while it copies and
 * keys are read between slices), and when it is done, where the copy is
 * and how big.  q stops a backup under way; nothing of it is kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "screens.h"
#include "sysop.h"
#include "sysop_backup.h"
#include "util.h"

/* Copying between two looks at the keyboard: a key waits at most this. */
#define SCR_BACKUP_SLICE_MS 50
#define SCR_BACKUP_BAR_MAX 60 /* columns of the bar at most */

enum backup_phase {
	BACKUP_COPYING,
	BACKUP_DONE,
	BACKUP_FAILED,
};

struct backup_screen {
	enum backup_phase phase;
	struct store_backup *b; /* while copying */
	struct store_backup_info info;
	char why[STORE_BACKUP_WHY_MAX]; /* when it failed */
	int busy; /* counted in ui->busy */
};

/* The copy is no longer under way: the UI may wait for keys again. */
static void
backup_idle(struct ui *ui, struct backup_screen *bs)
{
	if (bs->busy) {
		ui->busy--;
		bs->busy = 0;
	}
}

static int
backup_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct backup_screen *bs = NULL;
	struct sysop s;
	char target[PATH_MAX];
	int rc;

	(void)arg;
	if (!ui->app->viewer.is_sysop && !ui->app->viewer.is_operator)
		return MB_ERR_DENIED;
	bs = xcalloc(1, sizeof(*bs));
	cmd_admin_context(ui->app, &s);
	rc = sysop_backup_target(
	    &s, target, sizeof(target), bs->why, sizeof(bs->why));
	if (rc == 0)
		rc = store_backup_begin(
		    ui->app->store, target, &bs->b, bs->why, sizeof(bs->why));
	if (rc != 0) {
		bs->phase = BACKUP_FAILED;
		(void)strlcpy_checked(
		    bs->info.path, target, sizeof(bs->info.path));
	} else {
		bs->phase = BACKUP_COPYING;
		store_backup_info(bs->b, &bs->info);
		ui->busy++;
		bs->busy = 1;
	}
	*state = bs;
	return 0;
}

/* Copy for a slice of time; done, audited, or failed on the way. */
static int
backup_tick(struct ui *ui, void *state)
{
	struct backup_screen *bs = state;
	struct sysop s;
	long long until = util_now_ms() + SCR_BACKUP_SLICE_MS;
	int done = 0, rc = 0;

	if (bs->phase != BACKUP_COPYING)
		return 0;
	while (rc == 0 && !done && util_now_ms() < until)
		rc = store_backup_step(bs->b, &done, bs->why, sizeof(bs->why));
	store_backup_info(bs->b, &bs->info);
	if (rc != 0 || done) {
		bs->phase = rc != 0 ? BACKUP_FAILED : BACKUP_DONE;
		store_backup_end(bs->b);
		bs->b = NULL;
		backup_idle(ui, bs);
	}
	if (bs->phase == BACKUP_DONE) {
		cmd_admin_context(ui->app, &s);
		sysop_backup_audit(&s, &bs->info);
	}
	return 1;
}

/* A size in words: "812 KiB", "3.4 MiB". */
static void
backup_size(int64_t bytes, char *out, size_t size)
{
	if (bytes < 1024 * 1024)
		(void)snprintf(out, size, _("%lld KiB"),
		    (long long)((bytes + 1023) / 1024));
	else
		(void)snprintf(out, size, _("%.1f MiB"),
		    (double)bytes / (1024.0 * 1024.0));
}

/* [#####.....] 50%: block characters, or ASCII. */
static void
backup_draw_bar(struct ui *ui, WINDOW *win, int y, int x, int width,
    int64_t done, int64_t total)
{
	const char *full = ui_glyph(ui, "\xe2\x96\x88", "#"),
		   *empty = ui_glyph(ui, "\xe2\x96\x91", ".");
	int filled = total > 0 ? (int)(done * width / total) : 0, i;
	char percent[8];

	(void)wmove(win, y, x);
	(void)ui_put(win, ui_glyph(ui, "\xe2\x96\x95", "["), 1);
	(void)wattrset(win, ui_attr(ui, UI_OK));
	for (i = 0; i < filled; i++)
		(void)ui_put(win, full, 1);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	for (; i < width; i++)
		(void)ui_put(win, empty, 1);
	(void)wattrset(win, A_NORMAL);
	(void)ui_put(win, ui_glyph(ui, "\xe2\x96\x8f", "]"), 1);
	(void)snprintf(percent, sizeof(percent), " %3d%%",
	    total > 0 ? (int)(done * 100 / total) : 0);
	(void)ui_put(win, percent, 5);
}

static void
backup_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct backup_screen *bs = state;
	int cols = getmaxx(win), width = cols - 10, y = 6;
	char line[PATH_MAX + 128], size[32];

	if (width > SCR_BACKUP_BAR_MAX)
		width = SCR_BACKUP_BAR_MAX;
	(void)wmove(win, 1, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("Backup now"), cols - 4);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 2, 2);
	(void)ui_put(win,
	    _("A checked copy of the board's database, made while the board "
	      "runs."),
	    cols - 4);
	(void)wmove(win, 4, 2);
	(void)snprintf(line, sizeof(line), _("Into: %s"), bs->info.path);
	(void)ui_put(win, line, cols - 4);
	if (bs->phase != BACKUP_FAILED) {
		backup_draw_bar(ui, win, y++, 2, width, bs->info.pages_done,
		    bs->info.pages_total);
		(void)wmove(win, y++, 2);
		(void)snprintf(line, sizeof(line),
		    _("%lld of %lld pages, %lld.%01lld s"),
		    (long long)bs->info.pages_done,
		    (long long)bs->info.pages_total, bs->info.ms / 1000,
		    bs->info.ms % 1000 / 100);
		(void)ui_put(win, line, cols - 4);
	}
	y++;
	(void)wmove(win, y++, 2);
	switch (bs->phase) {
	case BACKUP_COPYING:
		(void)ui_put(win,
		    _("Copying; the board goes on meanwhile. q stops it, and "
		      "nothing is kept."),
		    cols - 4);
		break;
	case BACKUP_DONE:
		backup_size(bs->info.bytes, size, sizeof(size));
		(void)wattrset(win, ui_attr(ui, UI_OK));
		(void)snprintf(line, sizeof(line),
		    _("Done: %s, integrity check ok."), size);
		(void)ui_put(win, line, cols - 4);
		(void)wattrset(win, A_NORMAL);
		break;
	case BACKUP_FAILED:
		(void)wattrset(win, ui_attr(ui, UI_ERROR));
		(void)snprintf(line, sizeof(line),
		    _("The backup failed, nothing was written: %s"), bs->why);
		(void)ui_put(win, line, cols - 4);
		(void)wattrset(win, A_NORMAL);
		break;
	}
	y++;
	(void)wmove(win, y++, 2);
	(void)ui_put(win,
	    _("A backup holds every member's personal data: keep it as safe "
	      "as the board,"),
	    cols - 4);
	(void)wmove(win, y++, 2);
	(void)ui_put(win,
	    _("and delete old ones yourself: the board never does. "
	      "Restoring: mentord(8)."),
	    cols - 4);
}

/* Leaving (q, or the session ends): a copy under way is stopped. */
static void
backup_leave(struct ui *ui, void *state)
{
	struct backup_screen *bs = state;

	store_backup_end(bs->b);
	bs->b = NULL;
	backup_idle(ui, bs);
}

static void
backup_close(void *state)
{
	free(state);
}

const struct screen scr_backup = {
	.name = "backup",
	.title = N_("Backup now"),
	.help = N_("A copy of the board's database, made while the board runs "
		   "and checked (PRAGMA integrity_check) before it is kept, "
		   "into backups/ in the state directory, named by the date "
		   "and time (UTC). The bar shows how far it is; q stops it, "
		   "and nothing is kept. The same as ssh board admin backup. "
		   "Backups hold every member's personal data and are never "
		   "deleted by the board: that is the operator's. mentord(8) "
		   "says how to restore one."),
	.keys = N_("q back"),
	.open = backup_open,
	.draw = backup_draw,
	.close = backup_close,
	.tick = backup_tick,
	.leave = backup_leave,
};
