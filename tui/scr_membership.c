/*
 * scr_membership: "Career Mentoring Program" under My profile.  Where the
 * member stands in the alumni community, the ways to join it (a request
 * to the mentoring team, "I am already a member", an access code), and
 * what is still missing before they can write to a mentor.  The rules are
 * membership_* and eligibility_check's; the screens collect and show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eligibility.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "membership.h"
#include "screens.h"
#include "store.h"
#include "util.h"
#include "widget.h"

#define MEMBERSHIP_MENU_COLS 34
#define MEMBERSHIP_CHOICE_ROWS 5

static const struct menu_item membership_items[] = {
	{ N_("Join the alumni community"), 'c' },
	{ N_("I am already a member"), 'a' },
	{ N_("Enter access code"), 'e' },
};

struct membership_state {
	struct menu menu;
	struct membership_view view;
	struct eligibility elig;
	int read; /* view and elig hold the member's data */
};

static void
membership_reload(struct ui *ui, struct membership_state *ms)
{
	ms->read = membership_get(&ui->app->board, ui->app->viewer.user_id,
		       &ms->view) == 0 &&
	    eligibility_check(
		&ui->app->board, &ui->app->viewer, 0, &ms->elig) == 0;
	/* A member has nothing left to ask for. */
	ms->menu.nitems = ms->read && ms->view.status == MEMBERSHIP_MEMBER ?
	    0 :
	    (int)nitems(membership_items);
}

static int
membership_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct membership_state *ms = xcalloc(1, sizeof(*ms));

	(void)arg;
	ms->menu.items = membership_items;
	membership_reload(ui, ms);
	*state = ms;
	return 0;
}

int
scr_draw_eligibility(struct ui *ui, const struct eligibility *e, WINDOW *win,
    int y, int x, int cols, int compact)
{
	char line[512];

	int r, rows = getmaxy(win);

	(void)wmove(win, y++, x);
	(void)wattrset(win, ui_attr(ui, e->missing == 0 ? UI_OK : UI_HEADING));
	(void)ui_put(win,
	    e->missing == 0 ? _("You may write to mentors.") :
			      _("Before you can write to a mentor:"),
	    cols);
	(void)wattrset(win, A_NORMAL);
	for (r = 0; r < ELIGIBILITY_NREASONS && y + 1 < rows; r++) {
		if (!eligibility_missing(e, r))
			continue;
		(void)wmove(win, y++, x);
		(void)ui_put(win, ui_glyph(ui, "\xe2\x80\xa2 ", "- "), 2);
		if (compact) {
			/* One line each, where room is short. */
			(void)snprintf(line, sizeof(line), "%s %s",
			    _(eligibility_text(r)), _(eligibility_fix(r)));
			(void)ui_put(win, line, cols - 2);
			continue;
		}
		(void)ui_put(win, _(eligibility_text(r)), cols - 2);
		(void)wmove(win, y++, x + 2);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win, _(eligibility_fix(r)), cols - 2);
		(void)wattrset(win, A_NORMAL);
	}
	return y;
}

static void
membership_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct membership_state *ms = state;
	char line[MEMBERSHIP_REASON_MAX * 4 + 128];
	int cols = getmaxx(win), y = 1;

	(void)wmove(win, y++, 2);
	if (!ms->read) {
		(void)ui_put(win, _("Your membership cannot be read just now."),
		    cols - 4);
		return;
	}
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	cmd_membership_line(&ms->view, line, sizeof(line));
	(void)ui_put(win, line, cols - 4);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, y++, 2);
	(void)ui_put(win,
	    _("The mentors help as volunteers. Before you write to one, "
	      "join the alumni community, free of charge."),
	    cols - 4);
	y++;
	if (ms->menu.nitems > 0) {
		menu_draw(ui, &ms->menu, win, y, 1, MEMBERSHIP_MENU_COLS, 1);
		y += ms->menu.nitems + 1;
	}
	(void)scr_draw_eligibility(ui, &ms->elig, win, y, 2, cols - 4, 0);
}

static enum ui_result
membership_key(struct ui *ui, void *state, struct ui_key key)
{
	struct membership_state *ms = state;
	int chosen;

	if (ms->menu.nitems == 0)
		return UI_UNHANDLED;
	chosen = menu_key(&ms->menu, key);
	if (chosen == 2)
		(void)ui_push(ui, &scr_access_code, NULL);
	else if (chosen >= 0)
		(void)ui_push_index(ui, &scr_membership_form, chosen == 1);
	return chosen == -2 ? UI_UNHANDLED : UI_HANDLED;
}

/* The team answered, or a code was redeemed in another session. */
static void
membership_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	membership_reload(ui, state);
}

static void
membership_close(void *state)
{
	free(state);
}

const struct screen scr_membership = {
	.name = "membership",
	.title = N_("Career Mentoring Program"),
	.help = N_("The mentors help as volunteers, so the board asks you to "
		   "join the alumni community (free of charge) before you "
		   "write to one. Ask to join here; if you belong to it "
		   "already, say so and the mentoring team mails you your "
		   "access code. Enter the code to become a member.\n"
		   "  Up/Down, Enter   choose"),
	.keys = N_("Enter choose  q back"),
	.open = membership_open,
	.draw = membership_draw,
	.key = membership_key,
	.close = membership_close,
	.update = membership_update,
};

/* ---- The request: join, or "I am already a member" ----------------------- */

enum {
	M_PROGRAMME = 1,
	M_YEAR,
	M_RELATION,
	M_MESSAGE,
	M_JOIN,
	M_SEND,
};

static const struct form_field membership_fields[] = {
	{ .kind = FORM_CHOICES,
	    .label = N_("Degree programme"),
	    .id = M_PROGRAMME,
	    .hint = N_("Space chooses one") },
	{ .kind = FORM_TEXT,
	    .label = N_("Graduation year"),
	    .id = M_YEAR,
	    .max_chars = 4,
	    .hint = N_("or the year you expect to graduate") },
	{ .kind = FORM_CHOICES,
	    .label = N_("Relation"),
	    .id = M_RELATION,
	    .hint = N_("to the university; Space chooses one") },
	{ .kind = FORM_TEXT,
	    .label = N_("Message"),
	    .id = M_MESSAGE,
	    .max_chars = MEMBERSHIP_MESSAGE_MAX,
	    .hint = N_("optional; your membership number if you have one") },
	{ .kind = FORM_CHECK,
	    .label = N_("I want to join the alumni community"),
	    .id = M_JOIN },
	{ .kind = FORM_BUTTON, .label = N_("Send"), .id = M_SEND },
};

static const char *const membership_relation_labels[STORE_NRELATIONS] = {
	N_("student"),
	N_("graduate"),
	N_("staff"),
	N_("other"),
};

/* The form field of each membership_field, for the errors. */
static const int membership_field_of[MEMBERSHIP_NFIELDS] = {
	[MEMBERSHIP_PROGRAMME] = M_PROGRAMME,
	[MEMBERSHIP_YEAR] = M_YEAR,
	[MEMBERSHIP_MESSAGE] = M_MESSAGE,
	[MEMBERSHIP_JOIN] = M_JOIN,
};

struct membership_form_state {
	struct formscr fs;
	struct store_item *fields;
	size_t nfields;
	int already_member;
};

/* The one choice made in a FORM_CHOICES field, or -1. */
static int
membership_chosen(const struct form_field *f)
{
	int i;

	for (i = 0; i < f->nchoices; i++) {
		if (f->on[i])
			return i;
	}
	return -1;
}

static enum ui_result
membership_form_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct membership_form_state *mf = fs->ctx;
	struct membership_form f;
	struct membership_errors e;
	const char *why = NULL;
	int programme, relation, i, rc;

	(void)button;
	form_clear_errors(&fs->form);
	memset(&f, 0, sizeof(f));
	programme = membership_chosen(form_get(&fs->form, M_PROGRAMME));
	relation = membership_chosen(form_get(&fs->form, M_RELATION));
	f.programme = programme >= 0 ? mf->fields[programme].name : "";
	f.graduation_year = form_text(form_get(&fs->form, M_YEAR));
	f.relation = relation >= 0 ? (enum store_relation)relation :
				     STORE_RELATION_OTHER;
	f.message = form_text(form_get(&fs->form, M_MESSAGE));
	f.join = form_get(&fs->form, M_JOIN)->checked;
	f.already_member = mf->already_member;
	if (relation < 0) {
		form_get(&fs->form, M_RELATION)->error = _("choose one");
		form_focus_error(&fs->form);
		return UI_HANDLED;
	}
	rc = membership_request(
	    &ui->app->board, ui->app->viewer.user_id, &f, &e, &why);
	if (rc == MB_ERR_INVALID) {
		for (i = 0; i < MEMBERSHIP_NFIELDS; i++)
			form_get(&fs->form, membership_field_of[i])->error =
			    e.why[i];
		form_focus_error(&fs->form);
		return UI_HANDLED;
	}
	if (rc != 0) {
		formscr_result(fs, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again later."));
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	ui_message(
	    ui, UI_OK, "%s", _("Sent. The mentoring team answers by mail."));
	return UI_BACK;
}

static int
membership_form_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct membership_form_state *mf = xcalloc(1, sizeof(*mf));
	struct store_item *mine = NULL;
	const char **labels = NULL;
	unsigned char *on = NULL;
	size_t nmine = 0, i, k;
	int rc;

	mf->already_member = arg->index != 0;
	rc = store_list_get(
	    ui->app->store, STORE_LIST_FIELDS, 0, &mf->fields, &mf->nfields);
	if (rc == 0)
		rc = store_user_fields(
		    ui->app->store, ui->app->viewer.user_id, &mine, &nmine);
	if (rc != 0) {
		free(mf->fields);
		free(mf);
		return rc;
	}
	formscr_init(&mf->fs, membership_fields, (int)nitems(membership_fields),
	    mf->already_member ?
		_("You belong to the alumni community already: tell the "
		  "mentoring team, and they mail you your access code. Give "
		  "your membership number, or a note, in the message.") :
		_("Join the alumni community, free of charge. The mentoring "
		  "team reads your request and mails you an access code."),
	    membership_form_submit, mf);
	labels = xcalloc(mf->nfields + 1, sizeof(*labels));
	on = xcalloc(mf->nfields + 1, 1);
	for (i = 0; i < mf->nfields; i++) {
		labels[i] = mf->fields[i].name;
		/* Your first field of study is the likely programme. */
		for (k = 0; k < nmine && k < 1; k++)
			on[i] |= mine[k].id == mf->fields[i].id;
	}
	form_set_choices(form_get(&mf->fs.form, M_PROGRAMME), labels,
	    (int)mf->nfields, on, 1, MEMBERSHIP_CHOICE_ROWS);
	for (i = 0; i < STORE_NRELATIONS; i++)
		labels[i] = _(membership_relation_labels[i]);
	form_set_choices(form_get(&mf->fs.form, M_RELATION), labels,
	    STORE_NRELATIONS, NULL, 1, STORE_NRELATIONS);
	free(labels);
	free(on);
	free(mine);
	*state = mf;
	return 0;
}

static void
membership_form_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct membership_form_state *mf = state;

	formscr_draw(ui, &mf->fs, win);
}

static enum ui_result
membership_form_key(struct ui *ui, void *state, struct ui_key key)
{
	struct membership_form_state *mf = state;

	return formscr_key(ui, &mf->fs, key);
}

static int
membership_form_dirty(void *state)
{
	struct membership_form_state *mf = state;

	return mf->fs.form.dirty;
}

static void
membership_form_close(void *state)
{
	struct membership_form_state *mf = state;

	formscr_free(&mf->fs);
	free(mf->fields);
	free(mf);
}

const struct screen scr_membership_form = {
	.name = "membership-request",
	.title = N_("Join the alumni community"),
	.help = N_("Your request goes to the mentoring team, who answer by "
		   "mail with your access code.\n"
		   "  Tab, Shift-Tab   next, previous field\n"
		   "  Space            choose, tick the box\n"
		   "  Ctrl-S           send"),
	.keys = N_("Tab next  Ctrl-S send  Esc back"),
	.open = membership_form_open,
	.draw = membership_form_draw,
	.key = membership_form_key,
	.close = membership_form_close,
	.dirty = membership_form_dirty,
};

/* ---- Entering an access code -------------------------------------------- */

enum { C_CODE = 1, C_REDEEM };

static const struct form_field access_code_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Access code"),
	    .id = C_CODE,
	    .max_chars = ACCESS_CODE_TEXT_MAX * 2,
	    .hint = N_("XXXX-XXXX-XXXX, from the mail or a card") },
	{ .kind = FORM_BUTTON, .label = N_("Redeem"), .id = C_REDEEM },
};

static enum ui_result
access_code_submit(struct ui *ui, struct formscr *fs, int button)
{
	const char *why = NULL;

	(void)button;
	form_clear_errors(&fs->form);
	if (membership_redeem(&ui->app->board, ui->app->viewer.user_id,
		ui->app->viewer.remote_addr,
		form_text(form_get(&fs->form, C_CODE)), &why) != 0) {
		form_get(&fs->form, C_CODE)->error =
		    why != NULL ? why : _("Please try again later.");
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	ui_message(ui, UI_OK, "%s", _("Welcome to the alumni community!"));
	return UI_BACK;
}

static int
access_code_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));

	(void)ui;
	formscr_init(fs, access_code_fields, (int)nitems(access_code_fields),
	    _("Type the access code the mentoring team sent you, with or "
	      "without the dashes."),
	    access_code_submit, fs);
	if (arg->text != NULL)
		form_set_text(form_get(&fs->form, C_CODE), arg->text);
	*state = fs;
	return 0;
}

static void
access_code_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
access_code_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

static void
access_code_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_access_code = {
	.name = "access-code",
	.title = N_("Enter access code"),
	.help = N_("The access code makes you a member of the alumni "
		   "community. A code that does not work is \"not valid\", "
		   "whatever is wrong with it; several wrong ones in a row "
		   "slow the next tries down."),
	.keys = N_("Enter redeem  Esc back"),
	.open = access_code_open,
	.draw = access_code_draw,
	.key = access_code_key,
	.close = access_code_close,
};
