/*
 * scr_home: the first screen.  What the mentoring programme is and how it
 * works, step by step, beside a menu of what the person can do here.  The
 * menu is a table: an entry shows only when its condition holds for the
 * viewer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "eligibility.h"
#include "i18n.h"
#include "screens.h"
#include "util.h"
#include "widget.h"

#define HOME_MENU_COLS 30
#define HOME_MENU_MAX 16

struct home_entry {
	struct menu_item item;
	/* NULL: leave mentor */
	const struct screen *screen;
	int (*visible)(const struct viewer *v);
};

/* Everyone. */
static int
home_always(const struct viewer *v)
{
	(void)v;
	return 1;
}

/* Everyone but members who have not confirmed their address yet. */
static int
home_always_verified(const struct viewer *v)
{
	return v->user_id == 0 || v->verified;
}

/* Guests only. */
static int
home_guest(const struct viewer *v)
{
	return v->user_id == 0;
}

/* Members who have confirmed their address. */
static int
home_sysop(const struct viewer *v)
{
	return v->user_id != 0 && v->verified && v->is_sysop;
}

static int
home_member(const struct viewer *v)
{
	return v->user_id != 0 && v->verified;
}

static const struct home_entry home_entries[] = {
	{ { N_("Find a mentor"), 'f' }, &scr_search, home_always_verified },
	{ { N_("Register"), 'r' }, &scr_register, home_guest },
	{ { N_("Forgot password"), 'o' }, &scr_reset, home_guest },
	{ { N_("Notifications"), 'n' }, &scr_notifications, home_member },
	{ { N_("Requests"), 'r' }, &scr_requests, home_member },
	{ { N_("Chats"), 'c' }, &scr_chats, home_member },
	{ { N_("Mentoring agreements"), 'g' }, &scr_agreements, home_member },
	{ { N_("My profile"), 'm' }, &scr_profile, home_member },
	{ { N_("My account"), 'a' }, &scr_account, home_member },
	{ { N_("SSH keys"), 's' }, &scr_keys, home_member },
	{ { N_("Change password"), 'p' }, &scr_password, home_member },
	{ { N_("Contact the mentoring team"), 't' }, &scr_support,
	    home_member },
	{ { N_("Sysop"), 'y' }, &scr_sysop, home_sysop },
	{ { N_("Privacy notice"), 'v' }, &scr_privacy, home_always },
	{ { N_("Leave the board"), 'x' }, NULL, home_always },
};

const struct screen *
scr_start(const struct viewer *v)
{
	if (v->is_operator)
		return &scr_sysop;
	return v->user_id != 0 && !v->verified ? &scr_verify : &scr_home;
}

struct home_state {
	struct menu menu;
	struct menu_item items[HOME_MENU_MAX];
	const struct home_entry *entries[HOME_MENU_MAX];
	struct textview text;
	int text_rows;
	int checked; /* elig holds a member's checklist */
	struct eligibility elig;
	/* Agreed meetings ahead, and with whom. */
	struct store_meeting meetings[MEETINGS_SHOWN_MAX];
	char with[MEETINGS_SHOWN_MAX][DISPLAY_NAME_MAX];
	size_t nmeetings;
	char tz[STORE_TIME_ZONE_MAX];
};

/* A member's checklist before writing to a mentor, read again. */
static void
home_reload(struct ui *ui, struct home_state *hs)
{
	struct chat_summary c;
	size_t i;

	hs->checked = ui->app->viewer.user_id != 0 &&
	    ui->app->viewer.verified &&
	    eligibility_check(
		&ui->app->board, &ui->app->viewer, 0, &hs->elig) == 0;
	hs->nmeetings = 0;
	if (!hs->checked ||
	    meeting_upcoming(&ui->app->board, &ui->app->viewer, hs->meetings,
		MEETINGS_SHOWN_MAX, &hs->nmeetings) != 0)
		hs->nmeetings = 0;
	for (i = 0; i < hs->nmeetings; i++) {
		if (chat_get(&ui->app->board, &ui->app->viewer,
			hs->meetings[i].mentorship_id, &c) == 0)
			(void)snprintf(
			    hs->with[i], sizeof(hs->with[i]), "%s", c.other);
		else
			hs->with[i][0] = '\0';
	}
	chat_time_zone(
	    &ui->app->board, ui->app->viewer.user_id, hs->tz, sizeof(hs->tz));
}

/* The meetings ahead at row y, column x, cols wide; the next row. */
static int
home_draw_meetings(
    struct ui *ui, struct home_state *hs, WINDOW *win, int y, int x, int cols)
{
	char when[64], line[STORE_PLACE_MAX + 160];
	size_t i;

	(void)wmove(win, y++, x);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("Your meetings"), cols);
	(void)wattrset(win, A_NORMAL);
	for (i = 0; i < hs->nmeetings; i++) {
		chat_format_time(hs->meetings[i].starts_at, hs->tz,
		    "%a %Y-%m-%d %H:%M", when, sizeof(when));
		(void)snprintf(
		    line, sizeof(line), _("%s with %s"), when, hs->with[i]);
		(void)wmove(win, y++, x);
		(void)ui_put(win, line, cols);
		(void)wmove(win, y++, x + 2);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win, hs->meetings[i].place, cols - 2);
		(void)wattrset(win, A_NORMAL);
	}
	return y + 1;
}

const char *
scr_home_programme_text(void)
{
	return _(
	    "# Career mentoring for alumni\n"
	    "Experienced alumni help students and graduates of our "
	    "university with their careers: a start after the degree, a "
	    "change of field, founding a business, an academic path. Mentors "
	    "give their time as volunteers. Everyone registers the same way "
	    "and then chooses, per area of help, to be a mentor, a mentee, or "
	    "both.\n"
	    "\n"
	    "# How it works\n"
	    "1. Register. One form for mentors and mentees. We send you a code "
	    "by e-mail to confirm your address. Apart from your fields of "
	    "study, nothing you register is shown to other people, and your "
	    "name appears only as first name and the initial of your surname "
	    "(\"Anna K.\").\n"
	    "2. Find a mentor. Search the mentors with /, even without an "
	    "account. To learn more about a mentor, register.\n"
	    "3. Join the alumni community. Mentors help because the community "
	    "matters to them, so we ask mentees to join it too, free of "
	    "charge. Request your access code; members of the community ask "
	    "the mentoring team for it by e-mail.\n"
	    "4. Apply. Fill in \"My data\", \"My current situation\", \"My "
	    "goal(s)\" and \"What kind of help do I wish for\", and upload "
	    "your CV as a JPEG. These are your cover letter: the mentor you "
	    "ask sees them with your request, nobody else does. Then send "
	    "your request.\n"
	    "5. First meeting. When the mentor accepts, the two of you are "
	    "connected in a chat to arrange a first meeting. There you get to "
	    "know each other and decide whether to start a mentorship; if "
	    "so, the mentee takes notes for the agreement.\n"
	    "6. The mentoring agreement. The mentee writes down what you "
	    "agreed and sends it to the mentor, who approves it or asks for "
	    "changes. Once both have agreed, the mentorship is official. The "
	    "agreement can be changed at any time; each change is approved "
	    "again.\n"
	    "\n"
	    "Questions about your application? Write to the mentoring team.");
}

/* The menu is made once, of the entries the viewer may see now. */
static int
home_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct home_state *hs = xcalloc(1, sizeof(*hs));
	size_t i;

	(void)arg;
	for (i = 0; i < nitems(home_entries); i++) {
		if (!home_entries[i].visible(&ui->app->viewer))
			continue;
		hs->entries[hs->menu.nitems] = &home_entries[i];
		hs->items[hs->menu.nitems] = home_entries[i].item;
		hs->menu.nitems++;
	}
	hs->menu.items = hs->items;
	textview_set(&hs->text, scr_home_programme_text());
	home_reload(ui, hs);
	*state = hs;
	return 0;
}

static void
home_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct home_state *hs = state;
	int rows, cols, text_x = HOME_MENU_COLS + 2, y = 1;

	getmaxyx(win, rows, cols);
	(void)wmove(win, 1, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("What would you like to do?"), HOME_MENU_COLS);
	(void)wattrset(win, A_NORMAL);
	menu_draw(ui, &hs->menu, win, 3, 0, HOME_MENU_COLS, 1);
	(void)wmove(win, 0, HOME_MENU_COLS);
	(void)wvline(win, ACS_VLINE, rows);
	/* Meetings agreed, then what stands between a member and the
	 * mentors, come first. */
	if (hs->nmeetings > 0)
		y = home_draw_meetings(
		    ui, hs, win, y, text_x, cols - text_x - 1);
	if (hs->checked && hs->elig.missing != 0)
		y = scr_draw_eligibility(
			ui, &hs->elig, win, y, text_x, cols - text_x - 1, 0) +
		    1;
	hs->text_rows = rows - y - 1;
	textview_draw(
	    ui, &hs->text, win, y, text_x, hs->text_rows, cols - text_x - 1);
}

static enum ui_result
home_key(struct ui *ui, void *state, struct ui_key key)
{
	struct home_state *hs = state;
	const struct home_entry *e = NULL;
	int chosen;

	chosen = menu_key(&hs->menu, key);
	if (chosen >= 0) {
		e = hs->entries[chosen];
		if (e->screen == NULL)
			return UI_QUIT;
		(void)ui_push(ui, e->screen, NULL);
		return UI_HANDLED;
	}
	if (chosen == -1)
		return UI_HANDLED;
	/* Page keys scroll the text; arrows belong to the menu. */
	if (key.is_function && (key.ch == KEY_PPAGE || key.ch == KEY_NPAGE))
		return textview_key(&hs->text, key, hs->text_rows) ?
		    UI_HANDLED :
		    UI_UNHANDLED;
	if (!key.is_function && key.ch == ' ')
		return textview_key(&hs->text, key, hs->text_rows) ?
		    UI_HANDLED :
		    UI_UNHANDLED;
	return UI_UNHANDLED;
}

/* The member's profile or membership changed somewhere. */
static void
home_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	home_reload(ui, state);
}

static void
home_close(void *state)
{
	struct home_state *hs = state;

	textview_free(&hs->text);
	free(hs);
}

const struct screen scr_home = {
	.name = "home",
	.title = N_("Welcome"),
	.help = N_("The first screen: what the mentoring programme is and "
		   "how it works.\n"
		   "  Up/Down     choose in the menu, Enter opens\n"
		   "  PgUp/PgDn   scroll the text on the right"),
	.keys = N_("Enter choose  PgDn more  ? help  q quit"),
	.open = home_open,
	.draw = home_draw,
	.key = home_key,
	.close = home_close,
	.update = home_update,
};
