/*
 * scr_sysop_dashboard: the first page of the console, the board in
 * numbers (common/stats.c counts, this draws): members, open requests,
 * mentorships, who is online, and bar charts of new members and requests
 * a week and logins a day.  Read again on news and every
 * DASHBOARD_REFRESH_SECONDS (who is online changes without news).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "i18n.h"
#include "screens.h"
#include "stats.h"
#include "sysop.h"
#include "util.h"

#define DASHBOARD_REFRESH_SECONDS 10
#define DASHBOARD_CHART_ROWS 3 /* rows of each chart */
#define DASHBOARD_NUMBERS_COLS 41 /* the numbers' column */
#define DASHBOARD_LABEL_COLS 20 /* a number's label */

struct dashboard_state {
	struct stats st;
	int counted; /* st holds the numbers */
	time_t read_at; /* when, by the wall clock */
};

static void
dashboard_reload(struct ui *ui, struct dashboard_state *ds)
{
	ds->counted = ui->app->viewer.is_sysop &&
	    stats_collect(&ui->app->board, clock_now(), &ds->st) == 0;
	ds->read_at = time(NULL);
}

static int
dashboard_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct dashboard_state *ds = xcalloc(1, sizeof(*ds));

	(void)arg;
	dashboard_reload(ui, ds);
	*state = ds;
	return 0;
}

/* A label and its number (and words after it) at row y. */
static void
dashboard_number(struct ui *ui, WINDOW *win, int y, const char *label,
    int64_t value, const char *more)
{
	char text[32];

	(void)wmove(win, y, 1);
	(void)ui_put(win, label, DASHBOARD_LABEL_COLS);
	(void)snprintf(text, sizeof(text), "%6lld", (long long)value);
	(void)wmove(win, y, 1 + DASHBOARD_LABEL_COLS);
	(void)wattrset(win, A_BOLD);
	(void)ui_put(win, text, 6);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	if (more != NULL && more[0] != '\0') {
		(void)wmove(win, y, 1 + DASHBOARD_LABEL_COLS + 7);
		(void)ui_put(win, more,
		    DASHBOARD_NUMBERS_COLS - DASHBOARD_LABEL_COLS - 8);
	}
	(void)wattrset(win, A_NORMAL);
}

/* A heading of numbers at row y. */
static void
dashboard_heading(WINDOW *win, int y, const char *label)
{
	(void)wmove(win, y, 1);
	(void)ui_put(win, label, DASHBOARD_NUMBERS_COLS - 2);
}

/* The numbers in the left column, from row y. */
static void
dashboard_draw_numbers(
    struct ui *ui, struct dashboard_state *ds, WINDOW *win, int y)
{
	const struct store_stats_counts *n = &ds->st.n;
	char more[64] = "", age[32];

	if (n->demo > 0)
		(void)snprintf(
		    more, sizeof(more), _("+ %lld demo"), (long long)n->demo);
	dashboard_number(ui, win, y++, _("Members"), n->members, more);
	dashboard_number(
	    ui, win, y++, _("  address confirmed"), n->verified, NULL);
	dashboard_number(ui, win, y++, _("  mentors"), n->mentors, NULL);
	dashboard_number(ui, win, y++, _("  mentees"), n->mentees, NULL);
	dashboard_number(
	    ui, win, y++, _("  in the community"), n->community, NULL);
	dashboard_number(ui, win, y++, _("  sysops"), n->sysops, NULL);
	y++;
	more[0] = '\0';
	if (n->open_requests > 0) {
		sysop_duration(ds->st.now - n->oldest_open, age, sizeof(age));
		(void)snprintf(more, sizeof(more), _("oldest %s"), age);
	}
	dashboard_number(
	    ui, win, y++, _("Open requests"), n->open_requests, more);
	dashboard_heading(win, y++, _("Mentorships"));
	dashboard_number(ui, win, y++, _("  connected"), n->connected, NULL);
	dashboard_number(ui, win, y++, _("  official"), n->official, NULL);
	dashboard_number(
	    ui, win, y++, _("  ended this year"), n->ended_since, NULL);
	y++;
	(void)snprintf(more, sizeof(more), _("members: %lld"),
	    (long long)n->online_members);
	dashboard_number(
	    ui, win, y++, _("Online now"), n->online_sessions, more);
}

/*
 * A chart at row y, column x: a heading with the largest value, the bars,
 * and the first bucket's date under them.  Returns the next row.
 */
static int
dashboard_draw_chart(struct ui *ui, WINDOW *win, int y, int x, int cols,
    const char *title, const int64_t *values, size_t n, int bar_cols, int gap,
    int64_t from)
{
	char rows[DASHBOARD_CHART_ROWS][STATS_CHART_ROW_MAX];
	char head[128], date[16], axis[64];
	int r;

	(void)snprintf(head, sizeof(head), _("%s (at most %lld)"), title,
	    (long long)stats_max(values, n));
	(void)wmove(win, y++, x);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, head, cols);
	(void)wattrset(win, A_NORMAL);
	stats_chart(
	    values, n, DASHBOARD_CHART_ROWS, bar_cols, gap, ui->ascii, rows);
	(void)wattrset(win, ui_attr(ui, UI_OK));
	for (r = 0; r < DASHBOARD_CHART_ROWS; r++) {
		(void)wmove(win, y++, x);
		(void)ui_put(win, rows[r], cols);
	}
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	sysop_date(from, date, sizeof(date));
	(void)snprintf(axis, sizeof(axis), _("from %s to now"), date);
	(void)wmove(win, y++, x);
	(void)ui_put(win, axis, cols);
	(void)wattrset(win, A_NORMAL);
	return y;
}

static void
dashboard_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct dashboard_state *ds = state;
	char when[32], title[96];
	int cols = getmaxx(win), x = DASHBOARD_NUMBERS_COLS + 2, y = 1;

	if (!ds->counted) {
		(void)wmove(win, 1, 1);
		(void)ui_put(
		    win, _("The numbers cannot be read just now."), cols - 2);
		return;
	}
	sysop_time(ds->st.now, when, sizeof(when));
	(void)snprintf(title, sizeof(title), _("The board on %s UTC"), when);
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, title, cols - 2);
	(void)wattrset(win, A_NORMAL);
	dashboard_draw_numbers(ui, ds, win, 2);
	(void)wmove(win, 1, x - 1);
	(void)wvline(win, ACS_VLINE, getmaxy(win) - 1);
	x++;
	y = dashboard_draw_chart(ui, win, y, x, cols - x - 1,
	    _("New members a week"), ds->st.new_members, STATS_WEEKS, 2, 1,
	    ds->st.week_start);
	y = dashboard_draw_chart(ui, win, y + 1, x, cols - x - 1,
	    _("Requests a week"), ds->st.requests, STATS_WEEKS, 2, 1,
	    ds->st.week_start);
	(void)dashboard_draw_chart(ui, win, y + 1, x, cols - x - 1,
	    _("Logins a day"), ds->st.logins, STATS_DAYS, 1, 0,
	    ds->st.day_start);
}

/* Something changed on the board: count again. */
static void
dashboard_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	dashboard_reload(ui, state);
}

/* Who is online changes without news: count again now and then. */
static int
dashboard_tick(struct ui *ui, void *state)
{
	struct dashboard_state *ds = state;

	if (time(NULL) - ds->read_at < DASHBOARD_REFRESH_SECONDS)
		return 0;
	dashboard_reload(ui, ds);
	return 1;
}

static enum ui_result
dashboard_key(struct ui *ui, void *state, struct ui_key key)
{
	/* r counts again at once. */
	if (!key.is_function && key.ch == 'r') {
		dashboard_reload(ui, state);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void
dashboard_close(void *state)
{
	free(state);
}

const struct screen scr_sysop_dashboard = {
	.name = "sysop-dashboard",
	.title = N_("Dashboard"),
	.help = N_("The board in numbers: members (demo members apart), open "
		   "requests and how long the oldest has waited, "
		   "mentorships, who is online; and new members and "
		   "requests a week over the last twelve weeks, logins a day "
		   "over the last thirty days (the last bar: so far). The "
		   "same as ssh board admin stats. It counts again when "
		   "something changes, every few seconds, and on r."),
	.keys = N_("r count again  q back"),
	.open = dashboard_open,
	.draw = dashboard_draw,
	.key = dashboard_key,
	.close = dashboard_close,
	.update = dashboard_update,
	.tick = dashboard_tick,
};
