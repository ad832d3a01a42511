/*
 * scr_requests: the mentoring requests of a member, both ways (q from the
 * home screen), one of them in detail, and the mentor's answer.  What a
 * mentor sees of a request is the mentee's message, the four sections of
 * the application and the CV (its size, and how to fetch it): exactly
 * what request_application allows, and every look is recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "profile.h"
#include "request.h"
#include "screens.h"
#include "store.h"
#include "util.h"
#include "widget.h"

#define REQUESTS_DAY (24 * 3600)

/* ---- The list ------------------------------------------------------------ */

struct requests_state {
	struct store_mentorship *rows;
	size_t n;
	int selected;
	int top;
	int read; /* rows holds the list */
};

static void
requests_reload(struct ui *ui, struct requests_state *rs)
{
	store_mentorship_rows_free(rs->rows, rs->n);
	rs->rows = NULL;
	rs->n = 0;
	rs->read = request_list(&ui->app->board, &ui->app->viewer, &rs->rows,
		       &rs->n) == 0;
	if (rs->selected >= (int)rs->n)
		rs->selected = rs->n > 0 ? (int)rs->n - 1 : 0;
}

static int
requests_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct requests_state *rs = xcalloc(1, sizeof(*rs));

	(void)arg;
	requests_reload(ui, rs);
	*state = rs;
	return 0;
}

/* "today", "1 day", "5 days" since t. */
static void
requests_age(int64_t t, char *out, size_t size)
{
	int64_t days = (clock_now() - t) / REQUESTS_DAY;

	if (days <= 0)
		(void)snprintf(out, size, "%s", _("today"));
	else
		(void)snprintf(out, size,
		    days == 1 ? _("%lld day") : _("%lld days"),
		    (long long)days);
}

static void
requests_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct requests_state *rs = state;
	char other[DISPLAY_NAME_MAX], age[32], line[512];
	int rows, cols, y = 1, i, visible;

	getmaxyx(win, rows, cols);
	if (!rs->read || rs->n == 0) {
		(void)wmove(win, y, 2);
		(void)ui_put(win,
		    rs->read ? _("No requests yet. Find a mentor with /, and "
				 "press r on one you like.") :
			       _("Your requests cannot be read just now."),
		    cols - 4);
		return;
	}
	visible = rows - 2;
	if (rs->selected < rs->top)
		rs->top = rs->selected;
	if (rs->selected >= rs->top + visible)
		rs->top = rs->selected - visible + 1;
	for (i = rs->top; i < (int)rs->n && y < rows - 1; i++, y++) {
		const struct store_mentorship *m = &rs->rows[i];
		int to_me = m->mentor_id == ui->app->viewer.user_id;

		if (to_me)
			cmd_party_name(m->mentee_first, m->mentee_last,
			    m->mentee_id, other, sizeof(other));
		else
			cmd_party_name(m->mentor_first, m->mentor_last,
			    m->mentor_id, other, sizeof(other));
		requests_age(m->sent_at, age, sizeof(age));
		(void)snprintf(line, sizeof(line), "%s %s  %s  %s  %s",
		    to_me ? ui_glyph(ui, "\xe2\x86\x90", "<") :
			    ui_glyph(ui, "\xe2\x86\x92", ">"),
		    other, m->area, _(store_mship_state_word(m->state)), age);
		(void)wmove(win, y, 1);
		if (i == rs->selected)
			ui_set_focus(ui, win, y, 2);
		(void)wattrset(win,
		    i == rs->selected ? ui_attr(ui, UI_SELECTED) :
			m->state == STORE_MSHIP_OPEN && to_me ? A_BOLD :
								A_NORMAL);
		(void)whline(win, ' ', cols - 2);
		(void)wmove(win, y, 2);
		(void)ui_put(win, line, cols - 4);
		(void)wattrset(win, A_NORMAL);
	}
}

static enum ui_result
requests_key(struct ui *ui, void *state, struct ui_key key)
{
	struct requests_state *rs = state;

	if (key.is_function && key.ch == KEY_UP && rs->selected > 0) {
		rs->selected--;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_DOWN &&
	    rs->selected + 1 < (int)rs->n) {
		rs->selected++;
		return UI_HANDLED;
	}
	if (ui_key_enter(key) && rs->n > 0) {
		(void)ui_push_id(ui, &scr_request, rs->rows[rs->selected].id);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/* A request was sent, answered or withdrawn, here or elsewhere. */
static void
requests_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	requests_reload(ui, state);
}

static void
requests_close(void *state)
{
	struct requests_state *rs = state;

	store_mentorship_rows_free(rs->rows, rs->n);
	free(rs);
}

const struct screen scr_requests = {
	.name = "requests",
	.title = N_("Requests"),
	.help = N_("Your mentoring requests: those you sent (>) and those "
		   "sent to you (<), newest first; requests waiting for your "
		   "answer stand out.\n"
		   "  Up/Down, Enter   open one"),
	.keys = N_("Enter open  q back"),
	.open = requests_open,
	.draw = requests_draw,
	.key = requests_key,
	.close = requests_close,
	.update = requests_update,
};

/* ---- One request ------------------------------------------------------------ */

struct request_state {
	int64_t id;
	struct store_mentorship m;
	int read; /* m holds the request */
	int mentor; /* the viewer is its mentor */
	struct textview text;
	int text_rows;
	int confirm; /* w was pressed once */
};

/* Append "heading\ntext\n\n" to *text. */
static void
request_append(char **text, const char *heading, const char *body)
{
	char *more = xasprintf("%s# %s\n%s\n\n", *text, heading, body);

	free(*text);
	*text = more;
}

/* What the request says, as one text to scroll: the message, the answer,
 * and for its mentor (and its mentee) the application and the CV. */
static void
request_compose(struct ui *ui, struct request_state *rs)
{
	struct store_application a;
	struct store_cv_info cv;
	char *text = xstrdup(""), cmd[512], line[640];
	int has_cv = 0, have = 0, s;

	if (rs->m.message[0] != '\0')
		request_append(&text, _("Message"), rs->m.message);
	if (rs->m.reply[0] != '\0')
		request_append(&text, _("Answer"), rs->m.reply);
	if (rs->mentor)
		have = request_application(&ui->app->board, &ui->app->viewer,
			   rs->id, &a, &cv, &has_cv) == 0;
	else if (rs->m.mentee_id == ui->app->viewer.user_id) {
		have = store_application_get(
			   ui->app->store, rs->m.mentee_id, &a) == 0;
		has_cv =
		    store_cv_info(ui->app->store, rs->m.mentee_id, &cv) == 0;
	}
	for (s = 0; have && s < STORE_NSECTIONS; s++)
		request_append(&text,
		    _(profile_section_title((enum store_section)s)), a.text[s]);
	if (have && has_cv) {
		cmd_request_cv_command(ui->app, rs->id, cmd, sizeof(cmd));
		(void)snprintf(line, sizeof(line),
		    _("A JPEG of %lld KiB, %dx%d pixels.%s%s"),
		    (long long)(cv.bytes + 1023) / 1024, cv.width, cv.height,
		    rs->mentor ? _(" Fetch it with: ") : "",
		    rs->mentor ? cmd : "");
		request_append(&text, _("CV"), line);
	} else if (have)
		request_append(&text, _("CV"), _("none on file"));
	if (have)
		store_application_free(&a);
	textview_set(&rs->text, text);
	free(text);
}

static void
request_reload(struct ui *ui, struct request_state *rs)
{
	store_mentorship_free(&rs->m);
	rs->read =
	    request_get(&ui->app->board, &ui->app->viewer, rs->id, &rs->m) == 0;
	rs->mentor = rs->read && rs->m.mentor_id == ui->app->viewer.user_id;
	if (rs->read)
		request_compose(ui, rs);
}

static int
request_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct request_state *rs = xcalloc(1, sizeof(*rs));
	long id = arg->id;

	/* A deep link brings the id as its word. */
	if (id == 0 &&
	    (arg->text == NULL ||
		parse_long(arg->text[0] == '#' ? arg->text + 1 : arg->text, 1,
		    INT64_MAX, &id) != 0)) {
		free(rs);
		return MB_ERR_NOTFOUND;
	}
	rs->id = id;
	request_reload(ui, rs);
	if (!rs->read) {
		ui_message(ui, UI_ERROR, "%s",
		    _("There is no such request of yours."));
		textview_free(&rs->text);
		free(rs);
		return MB_ERR_NOTFOUND;
	}
	*state = rs;
	return 0;
}

static void
request_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct request_state *rs = state;
	const struct store_mentorship *m = &rs->m;
	char mentor[DISPLAY_NAME_MAX], mentee[DISPLAY_NAME_MAX], line[512];
	char date[32];
	int rows, cols, y = 1;

	getmaxyx(win, rows, cols);
	cmd_party_name(m->mentor_first, m->mentor_last, m->mentor_id, mentor,
	    sizeof(mentor));
	cmd_party_name(m->mentee_first, m->mentee_last, m->mentee_id, mentee,
	    sizeof(mentee));
	cmd_date(m->sent_at, date, sizeof(date));
	(void)snprintf(line, sizeof(line), _("%s asks %s for mentoring: %s"),
	    mentee, mentor, m->area);
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, line, cols - 4);
	(void)wattrset(win, A_NORMAL);
	(void)snprintf(line, sizeof(line), _("#%lld, sent %s: %s"),
	    (long long)m->id, date, _(store_mship_state_word(m->state)));
	(void)wmove(win, y++, 2);
	(void)ui_put(win, line, cols - 4);
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	if (m->state == STORE_MSHIP_OPEN)
		(void)ui_put(win,
		    rs->mentor ? _("a accept   d decline") :
				 _("w w: withdraw the request"),
		    cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	rs->text_rows = rows - y - 1;
	textview_draw(ui, &rs->text, win, y, 2, rs->text_rows, cols - 4);
}

static enum ui_result
request_key(struct ui *ui, void *state, struct ui_key key)
{
	struct request_state *rs = state;
	struct ui_arg arg = { .id = rs->id };
	const char *why = NULL;
	int confirm = rs->confirm;

	rs->confirm = 0;
	if (!key.is_function && rs->m.state == STORE_MSHIP_OPEN) {
		if (rs->mentor && (key.ch == 'a' || key.ch == 'd')) {
			arg.index = key.ch == 'a';
			(void)ui_push(ui, &scr_request_answer, &arg);
			return UI_HANDLED;
		}
		if (!rs->mentor && key.ch == 'w') {
			if (!confirm) {
				rs->confirm = 1;
				ui_message(ui, UI_ERROR, "%s",
				    _("Press w again to withdraw the "
				      "request."));
				return UI_HANDLED;
			}
			if (request_withdraw(&ui->app->board, &ui->app->viewer,
				rs->id, &why) == 0)
				ui_message(ui, UI_OK, "%s", _("Withdrawn."));
			else
				ui_message(ui, UI_ERROR, "%s",
				    why != NULL ? why : _("Please try again."));
			request_reload(ui, rs);
			return UI_HANDLED;
		}
	}
	return textview_key(&rs->text, key, rs->text_rows) ? UI_HANDLED :
							     UI_UNHANDLED;
}

/* The other side answered, or withdrew. */
static void
request_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	struct request_state *rs = state;

	if (news->kind == STORE_NEWS_ANY || news->object_id == rs->id ||
	    news->kind == STORE_NEWS_NOTIFICATION)
		request_reload(ui, rs);
}

static void
request_close(void *state)
{
	struct request_state *rs = state;

	store_mentorship_free(&rs->m);
	textview_free(&rs->text);
	free(rs);
}

const struct screen scr_request = {
	.name = "request",
	.title = N_("Request"),
	.help = N_("A mentoring request. Its mentor sees the mentee's message, "
		   "the four sections of the application and the CV; nobody "
		   "else does.\n"
		   "  a, d     accept, decline (the mentor)\n"
		   "  w, w     withdraw (the mentee)\n"
		   "  PgUp/PgDn   scroll"),
	.keys = N_("PgDn more  q back"),
	.open = request_open,
	.draw = request_draw,
	.key = request_key,
	.close = request_close,
	.update = request_update,
};

/* ---- The mentor's answer ------------------------------------------------- */

enum { A_REASON = 1, A_MESSAGE, A_SEND };

static const struct form_field answer_accept_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Message"),
	    .id = A_MESSAGE,
	    .max_chars = REQUEST_REPLY_MAX,
	    .hint = N_("optional: a first word to your mentee") },
	{ .kind = FORM_BUTTON, .label = N_("Accept"), .id = A_SEND },
};

static const struct form_field answer_decline_fields[] = {
	{ .kind = FORM_CHOICES,
	    .label = N_("Reason"),
	    .id = A_REASON,
	    .hint = N_("the mentee sees it; Space chooses") },
	{ .kind = FORM_TEXT,
	    .label = N_("Message"),
	    .id = A_MESSAGE,
	    .max_chars = REQUEST_REPLY_MAX,
	    .hint = N_("optional, in your own words") },
	{ .kind = FORM_BUTTON, .label = N_("Decline"), .id = A_SEND },
};

struct answer_state {
	struct formscr fs;
	int64_t id;
	int accept;
};

static enum ui_result
answer_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct answer_state *as = fs->ctx;
	const char *why = NULL,
		   *text = form_text(form_get(&fs->form, A_MESSAGE));
	struct form_field *reason = NULL;
	int i, chosen = -1, rc;

	(void)button;
	form_clear_errors(&fs->form);
	if (as->accept)
		rc = request_accept(
		    &ui->app->board, &ui->app->viewer, as->id, text, &why);
	else {
		reason = form_get(&fs->form, A_REASON);
		for (i = 0; i < reason->nchoices; i++) {
			if (reason->on[i])
				chosen = i;
		}
		if (chosen < 0) {
			reason->error = _("choose one");
			form_focus_error(&fs->form);
			return UI_HANDLED;
		}
		rc = request_decline(&ui->app->board, &ui->app->viewer, as->id,
		    (enum request_reason)chosen, text, &why);
	}
	if (rc != 0) {
		formscr_result(fs, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	ui_message(ui, UI_OK, "%s",
	    as->accept ? _("Accepted: a mentorship begins.") :
			 _("Declined; the mentee is told why."));
	return UI_BACK;
}

static int
answer_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct answer_state *as = xcalloc(1, sizeof(*as));
	const char *labels[REQUEST_NREASONS];
	int i;

	(void)ui;
	as->id = arg->id;
	as->accept = arg->index != 0;
	if (as->accept)
		formscr_init(&as->fs, answer_accept_fields,
		    (int)nitems(answer_accept_fields),
		    _("Accept: the two of you are connected, to arrange a first "
		      "meeting. One of your places is taken."),
		    answer_submit, as);
	else {
		formscr_init(&as->fs, answer_decline_fields,
		    (int)nitems(answer_decline_fields),
		    _("Decline: the mentee sees the reason, and may ask "
		      "another mentor."),
		    answer_submit, as);
		for (i = 0; i < REQUEST_NREASONS; i++)
			labels[i] = _(request_reason_text(i));
		form_set_choices(form_get(&as->fs.form, A_REASON), labels,
		    REQUEST_NREASONS, NULL, 1, REQUEST_NREASONS);
	}
	*state = as;
	return 0;
}

static void
answer_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct answer_state *as = state;

	formscr_draw(ui, &as->fs, win);
}

static enum ui_result
answer_key(struct ui *ui, void *state, struct ui_key key)
{
	struct answer_state *as = state;

	return formscr_key(ui, &as->fs, key);
}

static int
answer_dirty(void *state)
{
	struct answer_state *as = state;

	return as->fs.form.dirty;
}

static void
answer_close(void *state)
{
	struct answer_state *as = state;

	formscr_free(&as->fs);
	free(as);
}

const struct screen scr_request_answer = {
	.name = "request-answer",
	.title = N_("Answer a request"),
	.help =
	    N_("Accept (with a word to the mentee, if you like), or decline "
	       "with a reason the mentee sees."),
	.keys = N_("Tab next  Ctrl-S send  Esc back"),
	.open = answer_open,
	.draw = answer_draw,
	.key = answer_key,
	.close = answer_close,
	.dirty = answer_dirty,
};
