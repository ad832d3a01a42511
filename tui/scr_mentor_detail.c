/*
 * scr_mentor_detail: one mentor, for members: name as others see it,
 * fields of study, areas, industry, position, languages, free places and
 * how they can help.  Nothing else of theirs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eligibility.h"
#include "error.h"
#include "i18n.h"
#include "moderation.h"
#include "screens.h"
#include "privacy.h"
#include "search.h"
#include "util.h"
#include "widget.h"

struct detail_state {
	struct search_hit hit;
	struct textview help;
	int checked; /* elig holds the viewer's checklist */
	struct eligibility elig;
	int blocked; /* the viewer blocked this mentor */
};

/* What the viewer still needs before writing to this mentor. */
static void
detail_reload(struct ui *ui, struct detail_state *ds)
{
	ds->checked = eligibility_check(&ui->app->board, &ui->app->viewer,
			  ds->hit.id, &ds->elig) == 0;
	if (moderation_blocked(&ui->app->board, ui->app->viewer.user_id,
		ds->hit.id, &ds->blocked) != 0)
		ds->blocked = 0;
}

/* Block the mentor, or unblock them: the viewer's own choice. */
static void
detail_block(struct ui *ui, struct detail_state *ds)
{
	const char *why = NULL;
	int rc;

	if (ds->blocked)
		rc = moderation_unblock(
		    &ui->app->board, &ui->app->viewer, ds->hit.id, &why);
	else
		rc = moderation_block(
		    &ui->app->board, &ui->app->viewer, ds->hit.id, &why);
	if (rc != 0)
		ui_message(ui, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
	else if (ds->blocked)
		ui_message(ui, UI_OK, _("%s is no longer blocked."),
		    ds->hit.display_name);
	else
		ui_message(ui, UI_OK,
		    _("Blocked: %s can send you no request and no chat line, "
		      "and is not told. b again unblocks."),
		    ds->hit.display_name);
	detail_reload(ui, ds);
}

/*
 * arg->id is the mentor, read once here through the rules (search_detail):
 * any refusal shows as no longer listed.
 */
static int
detail_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct detail_state *ds = NULL;
	int rc;

	ds = xcalloc(1, sizeof(*ds));
	rc =
	    search_detail(&ui->app->board, &ui->app->viewer, arg->id, &ds->hit);
	if (rc != 0) {
		free(ds);
		ui_message(
		    ui, UI_ERROR, "%s", _("This mentor is no longer listed."));
		return rc;
	}
	textview_set(&ds->help, ds->hit.help_text);
	detail_reload(ui, ds);
	*state = ds;
	return 0;
}

/* One "label  value" line of the details. */
static void
detail_line(struct ui *ui, WINDOW *win, int y, const char *label,
    const char *value, int cols)
{
	(void)wmove(win, y, 2);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win, label, 20);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, y, 22);
	(void)ui_put(win, value, cols - 24);
}

static void
detail_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct detail_state *ds = state;
	char places[64];
	int rows, cols, y = 1;

	getmaxyx(win, rows, cols);
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, ds->hit.display_name, cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	detail_line(ui, win, y++, _("Fields of study"), ds->hit.fields, cols);
	detail_line(ui, win, y++, _("Mentors in"), ds->hit.areas, cols);
	detail_line(ui, win, y++, _("Industry"), ds->hit.industry, cols);
	detail_line(ui, win, y++, _("Position"), ds->hit.position, cols);
	detail_line(ui, win, y++, _("Languages"), ds->hit.languages, cols);
	(void)snprintf(places, sizeof(places), "%d", ds->hit.free_places);
	detail_line(ui, win, y++, _("Free places"),
	    ds->hit.available ? places : _("none just now"), cols);
	y++;
	if (ds->checked && ds->elig.missing != 0)
		y = scr_draw_eligibility(
			ui, &ds->elig, win, y, 2, cols - 4, 1) +
		    1;
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("How I can help"), cols - 4);
	(void)wattrset(win, A_NORMAL);
	textview_draw(ui, &ds->help, win, y, 2, rows - y - 1, cols - 4);
}

/*
 * Scrolls the help text, a page being 10 rows: the view's height is known
 * only while drawing.
 */
static enum ui_result
detail_key(struct ui *ui, void *state, struct ui_key key)
{
	struct detail_state *ds = state;

	if (!key.is_function && key.ch == 'r') {
		(void)ui_push_id(ui, &scr_request_send, ds->hit.id);
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == '!') {
		(void)ui_push_id(ui, &scr_report, ds->hit.id);
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == 'b') {
		detail_block(ui, ds);
		return UI_HANDLED;
	}
	return textview_key(&ds->help, key, 10) ? UI_HANDLED : UI_UNHANDLED;
}

/* The viewer mended something elsewhere (or the mentor changed). */
static void
detail_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	detail_reload(ui, state);
}

static void
detail_close(void *state)
{
	struct detail_state *ds = state;

	search_hit_free(&ds->hit);
	textview_free(&ds->help);
	free(ds);
}

const struct screen scr_mentor_detail = {
	.name = "mentor",
	.title = N_("Mentor"),
	.help = N_("A mentor as members see them. Their surname, user name "
		   "and address stay private.\n"
		   "  r          ask them for mentoring\n"
		   "  !          report them to the mentoring team (they are "
		   "not told who did)\n"
		   "  b          block them (no requests, no chat lines from "
		   "them), or unblock\n"
		   "  PgUp/PgDn  scroll how they can help"),
	.keys = N_("r request mentoring  ! report  b block  q back"),
	.open = detail_open,
	.draw = detail_draw,
	.key = detail_key,
	.close = detail_close,
	.update = detail_update,
};
