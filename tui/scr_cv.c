/*
 * scr_cv: the CV on file (size, pixels, date) and the exact command that
 * uploads one; "d" twice removes it.  Uploads go over scp/sftp, where a
 * terminal program cannot reach the member's files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "cv.h"
#include "error.h"
#include "i18n.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "util.h"

struct cv_state {
	int confirm;
	int on_file; /* info holds the CV on file */
	struct store_cv_info info;
};

/* Read again what is on file; a failure to read shows as no CV. */
static void
cv_reload(struct ui *ui, struct cv_state *cs)
{
	cs->on_file = store_cv_info(ui->app->store, ui->app->viewer.user_id,
			  &cs->info) == 0;
}

/* The command that uploads a CV as this member. */
void
scr_cv_upload_command(const struct app *app, char *out, size_t size)
{
	int port = config_public_port(&app->cfg);
	char p[16] = "";

	if (port != 22)
		(void)snprintf(p, sizeof(p), "-P %d ", port);
	(void)snprintf(out, size, "scp %smy-cv.jpg %s@%s:cv.jpg", p,
	    app->viewer.username,
	    app->cfg.public_host[0] != '\0' ? app->cfg.public_host :
					      "localhost");
}

static int
cv_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct cv_state *cs = xcalloc(1, sizeof(*cs));

	(void)arg;
	cv_reload(ui, cs);
	*state = cs;
	return 0;
}

static void
cv_draw(struct ui *ui, void *state, WINDOW *win)
{
	const struct cv_state *cs = state;
	const struct store_cv_info *info = &cs->info;
	char line[512], date[64];
	struct tm tm;
	time_t t;
	int cols = getmaxx(win), y = 1;

	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	if (cs->on_file) {
		t = (time_t)info->uploaded_at;
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(date, sizeof(date), "%Y-%m-%d %H:%M", &tm) == 0)
			date[0] = '\0';
		(void)snprintf(line, sizeof(line),
		    _("Your CV is on file: %lld KiB, %dx%d pixels, uploaded "
		      "%s."),
		    (long long)(info->bytes + 1023) / 1024, info->width,
		    info->height, date);
	} else
		(void)snprintf(
		    line, sizeof(line), "%s", _("No CV on file yet."));
	(void)ui_put(win, line, cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	(void)wmove(win, y++, 2);
	(void)ui_put(win, _("Upload (or replace) it from your computer with:"),
	    cols - 4);
	scr_cv_upload_command(ui->app, line, sizeof(line));
	(void)wmove(win, y++, 4);
	(void)wattrset(win, ui_attr(ui, UI_OK));
	(void)ui_put(win, line, cols - 6);
	(void)wattrset(win, A_NORMAL);
	y++;
	(void)snprintf(line, sizeof(line),
	    _("A JPEG of at most %d MiB. Photo data such as the place it was "
	      "taken (EXIF, GPS) is removed before it is kept. The mentors "
	      "you send a request to see it, nobody else."),
	    CV_MAX_BYTES / (1024 * 1024));
	(void)wmove(win, y++, 2);
	(void)ui_put(win, line, cols - 4);
	if (cs->on_file) {
		y++;
		(void)wmove(win, y++, 2);
		(void)ui_put(win, _("Press d twice to remove it."), cols - 4);
	}
}

/*
 * d asks, and a second d right after removes; any other key in between
 * cancels.
 */
static enum ui_result
cv_key(struct ui *ui, void *state, struct ui_key key)
{
	struct cv_state *cs = state;
	int confirm = cs->confirm;
	const char *why = NULL;

	cs->confirm = 0;
	if (key.is_function || key.ch != 'd')
		return UI_UNHANDLED;
	if (!confirm) {
		cs->confirm = 1;
		ui_message(
		    ui, UI_ERROR, "%s", _("Press d again to remove it."));
		return UI_HANDLED;
	}
	if (profile_cv_remove(&ui->app->board, ui->app->viewer.user_id, &why) ==
	    0)
		ui_message(ui, UI_OK, "%s", _("Your CV is removed."));
	else
		ui_message(ui, UI_ERROR, "%s", why);
	cv_reload(ui, cs);
	return UI_HANDLED;
}

/* A CV was uploaded over SFTP, or removed in another session. */
static void
cv_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	if (news->kind == STORE_NEWS_ACCOUNT || news->kind == STORE_NEWS_ANY)
		cv_reload(ui, state);
}

static void
cv_close(void *state)
{
	free(state);
}

const struct screen scr_cv = {
	.name = "cv",
	.title = N_("CV"),
	.help = N_("Your CV, a JPEG. Upload it with scp (or sftp) as shown; "
		   "it replaces the one on file once it has been checked."),
	.keys = N_("d remove  q back"),
	.open = cv_open,
	.draw = cv_draw,
	.key = cv_key,
	.close = cv_close,
	.update = cv_update,
};
