/*
 * scr_meeting: propose a meeting in a chat (m in its history): when, in
 * the reader's time zone, how long, and where (a place or a call link).
 * And scr_timezone, the zone the board shows times in (My account).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "screens.h"
#include "util.h"

enum { M_WHEN = 1, M_MINUTES, M_PLACE, M_SEND };

#define MEETING_WHEN_CHARS 16 /* "YYYY-MM-DD HH:MM" */
#define MEETING_MINUTES_CHARS 3

static const struct form_field meeting_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("When"),
	    .id = M_WHEN,
	    .max_chars = MEETING_WHEN_CHARS,
	    .hint = N_("YYYY-MM-DD HH:MM, in your time zone") },
	{ .kind = FORM_TEXT,
	    .label = N_("Minutes"),
	    .id = M_MINUTES,
	    .max_chars = MEETING_MINUTES_CHARS,
	    .hint = N_("how long, up to 480") },
	{ .kind = FORM_TEXT,
	    .label = N_("Where"),
	    .id = M_PLACE,
	    .max_chars = MEETING_PLACE_MAX,
	    .hint = N_("a place, or the link of a call") },
	{ .kind = FORM_BUTTON, .label = N_("Propose"), .id = M_SEND },
};

struct meeting_state {
	struct formscr fs;
	int64_t chat;
	char tz[STORE_TIME_ZONE_MAX];
};

static enum ui_result
meeting_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct meeting_state *ms = fs->ctx;
	const char *why = NULL, *word;
	int64_t start = 0, id = 0;
	char *end = NULL;
	long minutes;

	(void)button;
	form_clear_errors(&fs->form);
	if (chat_parse_time(
		form_text(form_get(&fs->form, M_WHEN)), ms->tz, &start) != 0)
		form_get(&fs->form, M_WHEN)->error =
		    _("as YYYY-MM-DD HH:MM, a time that exists");
	word = form_text(form_get(&fs->form, M_MINUTES));
	minutes = strtol(word, &end, 10);
	if (end == word || *end != '\0' || minutes < 1 ||
	    minutes > MEETING_MINUTES_MAX)
		form_get(&fs->form, M_MINUTES)->error =
		    _("a number of minutes, 1 to 480");
	if (form_get(&fs->form, M_WHEN)->error == NULL &&
	    form_get(&fs->form, M_MINUTES)->error == NULL &&
	    meeting_propose(&ui->app->board, &ui->app->viewer, ms->chat, start,
		(int)minutes, form_text(form_get(&fs->form, M_PLACE)), &id,
		&why) == 0) {
		fs->form.dirty = 0;
		ui_message(ui, UI_OK,
		    _("Meeting #%lld proposed; you hear when it is answered."),
		    (long long)id);
		return UI_BACK;
	}
	if (why != NULL)
		formscr_result(fs, UI_ERROR, "%s", why);
	form_focus_error(&fs->form);
	return UI_HANDLED;
}

static int
meeting_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct meeting_state *ms = xcalloc(1, sizeof(*ms));
	char intro[256], minutes[16];

	ms->chat = arg->id;
	chat_time_zone(
	    &ui->app->board, ui->app->viewer.user_id, ms->tz, sizeof(ms->tz));
	(void)snprintf(intro, sizeof(intro),
	    _("Propose a time to meet, in your time zone (%s). The other "
	      "accepts or declines it in the chat; an accepted meeting comes "
	      "to both of you by mail, for your calendar."),
	    ms->tz);
	formscr_init(&ms->fs, meeting_fields, (int)nitems(meeting_fields),
	    intro, meeting_submit, ms);
	(void)snprintf(minutes, sizeof(minutes), "%d", MEETING_MINUTES_DEFAULT);
	form_set_text(form_get(&ms->fs.form, M_MINUTES), minutes);
	ms->fs.form.dirty = 0;
	*state = ms;
	return 0;
}

static void
meeting_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct meeting_state *ms = state;

	formscr_draw(ui, &ms->fs, win);
}

static enum ui_result
meeting_key(struct ui *ui, void *state, struct ui_key key)
{
	struct meeting_state *ms = state;

	return formscr_key(ui, &ms->fs, key);
}

static int
meeting_dirty(void *state)
{
	struct meeting_state *ms = state;

	return ms->fs.form.dirty;
}

static void
meeting_close(void *state)
{
	struct meeting_state *ms = state;

	formscr_free(&ms->fs);
	free(ms);
}

const struct screen scr_meeting_propose = {
	.name = "meeting",
	.title = N_("Propose a meeting"),
	.help = N_("When, how long and where to meet.  The time is in your "
		   "time zone (My account), and must not have passed."),
	.keys = N_("Tab next  Ctrl-S propose  Esc back"),
	.open = meeting_open,
	.draw = meeting_draw,
	.key = meeting_key,
	.close = meeting_close,
	.dirty = meeting_dirty,
};

enum { Z_ZONE = 1, Z_SET };

static const struct form_field timezone_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Time zone"),
	    .id = Z_ZONE,
	    .max_chars = STORE_TIME_ZONE_MAX - 1,
	    .hint = N_("for example Europe/Vienna, America/New_York, UTC") },
	{ .kind = FORM_BUTTON, .label = N_("Set"), .id = Z_SET },
};

static enum ui_result
timezone_submit(struct ui *ui, struct formscr *fs, int button)
{
	const char *why = NULL;

	(void)button;
	form_clear_errors(&fs->form);
	if (chat_set_time_zone(&ui->app->board, &ui->app->viewer,
		form_text(form_get(&fs->form, Z_ZONE)), &why) != 0) {
		form_get(&fs->form, Z_ZONE)->error =
		    why != NULL ? why : _("please try again");
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	formscr_result(fs, UI_OK, _("Times are shown in %s now."),
	    form_text(form_get(&fs->form, Z_ZONE)));
	return UI_HANDLED;
}

static int
timezone_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));
	char tz[STORE_TIME_ZONE_MAX];

	(void)arg;
	formscr_init(fs, timezone_fields, (int)nitems(timezone_fields),
	    _("The board shows times, in chats and meetings, in this zone "
	      "(a name of the tz database)."),
	    timezone_submit, fs);
	chat_time_zone(
	    &ui->app->board, ui->app->viewer.user_id, tz, sizeof(tz));
	form_set_text(form_get(&fs->form, Z_ZONE), tz);
	fs->form.dirty = 0;
	*state = fs;
	return 0;
}

static void
timezone_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
timezone_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

static int
timezone_dirty(void *state)
{
	return ((struct formscr *)state)->form.dirty;
}

static void
timezone_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_timezone = {
	.name = "timezone",
	.title = N_("Time zone"),
	.help = N_("The zone the board shows your times in.  Type its name "
		   "as the tz database has it, for example Europe/Berlin."),
	.keys = N_("Ctrl-S set  Esc back"),
	.open = timezone_open,
	.draw = timezone_draw,
	.key = timezone_key,
	.close = timezone_close,
	.dirty = timezone_dirty,
};
