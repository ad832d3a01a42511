/*
 * scr_request_send: asking a mentor for mentoring (r on a mentor's
 * details).  When something is missing, the checklist says what, with
 * the keys that mend it; else a form (the area, a short message), then a
 * preview of exactly what the mentor will see, then Ctrl-S sends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eligibility.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "profile.h"
#include "request.h"
#include "screens.h"
#include "search.h"
#include "store.h"
#include "util.h"
#include "widget.h"

#define SEND_CHOICE_ROWS 4

enum { S_AREA = 1, S_MESSAGE, S_PREVIEW };

static const struct form_field send_fields[] = {
	{ .kind = FORM_CHOICES,
	    .label = N_("Area"),
	    .id = S_AREA,
	    .hint = N_("where you ask for help; Space chooses") },
	{ .kind = FORM_TEXT,
	    .label = N_("Message"),
	    .id = S_MESSAGE,
	    .max_chars = REQUEST_MESSAGE_MAX,
	    .hint = N_("a few words to the mentor, up to 1,000 characters") },
	{ .kind = FORM_BUTTON, .label = N_("Preview"), .id = S_PREVIEW },
};

struct send_state {
	int64_t mentor;
	char mentor_name[DISPLAY_NAME_MAX];
	char mentor_fields[512];
	struct eligibility elig;
	struct store_item *areas; /* the areas you may ask in */
	size_t nareas;
	struct formscr fs;
	int preview; /* showing what the mentor will see */
	struct textview text;
	int text_rows;
};

/* The area chosen, or -1. */
static int
send_area(struct send_state *ss)
{
	struct form_field *f = form_get(&ss->fs.form, S_AREA);
	int i;

	for (i = 0; i < f->nchoices; i++) {
		if (f->on[i])
			return i;
	}
	return -1;
}

/* Compose the preview: the request as its mentor will read it. */
static void
send_compose(struct ui *ui, struct send_state *ss)
{
	struct store_application a;
	struct store_cv_info cv;
	char *text = NULL, *more = NULL;
	int s, area = send_area(ss);

	text = xasprintf(_("# %s asks %s for mentoring: %s\n%s\n\n# "
			   "Message\n%s\n\n"),
	    ui->app->viewer.display_name, ss->mentor_name,
	    area >= 0 ? ss->areas[area].name : "?", ss->mentor_fields,
	    form_text(form_get(&ss->fs.form, S_MESSAGE)));
	if (store_application_get(
		ui->app->store, ui->app->viewer.user_id, &a) == 0) {
		for (s = 0; s < STORE_NSECTIONS; s++) {
			more = xasprintf("%s# %s\n%s\n\n", text,
			    _(profile_section_title((enum store_section)s)),
			    a.text[s]);
			free(text);
			text = more;
		}
		store_application_free(&a);
	}
	if (store_cv_info(ui->app->store, ui->app->viewer.user_id, &cv) == 0) {
		more = xasprintf(_("%s# CV\nyour JPEG, %dx%d pixels\n"), text,
		    cv.width, cv.height);
		free(text);
		text = more;
	}
	textview_set(&ss->text, text);
	free(text);
}

static enum ui_result
send_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct send_state *ss = fs->ctx;

	(void)button;
	form_clear_errors(&fs->form);
	if (send_area(ss) < 0) {
		form_get(&fs->form, S_AREA)->error = _("choose one");
		form_focus_error(&fs->form);
		return UI_HANDLED;
	}
	send_compose(ui, ss);
	ss->preview = 1;
	return UI_HANDLED;
}

/* Send what the preview shows. */
static enum ui_result
send_send(struct ui *ui, struct send_state *ss)
{
	const char *why = NULL;
	int64_t id = 0;
	int rc;

	rc = request_send(&ui->app->board, &ui->app->viewer, ss->mentor,
	    ss->areas[send_area(ss)].id,
	    form_text(form_get(&ss->fs.form, S_MESSAGE)), &id, &ss->elig, &why);
	if (rc != 0) {
		/* Something changed meanwhile: back to the form, saying why. */
		ss->preview = 0;
		formscr_result(&ss->fs, UI_ERROR, "%s",
		    why != NULL ? why : _("Please try again."));
		return UI_HANDLED;
	}
	ss->fs.form.dirty = 0;
	ui_message(ui, UI_OK,
	    _("Request #%lld sent; you hear as soon as %s answers."),
	    (long long)id, ss->mentor_name);
	return UI_BACK;
}

static int
send_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct send_state *ss = xcalloc(1, sizeof(*ss));
	struct search_hit hit;
	const char **labels = NULL;
	size_t i;
	int rc;

	ss->mentor = arg->id;
	rc = search_detail(&ui->app->board, &ui->app->viewer, ss->mentor, &hit);
	if (rc == 0) {
		(void)snprintf(ss->mentor_name, sizeof(ss->mentor_name), "%s",
		    hit.display_name);
		(void)snprintf(ss->mentor_fields, sizeof(ss->mentor_fields),
		    "%s", hit.fields);
		search_hit_free(&hit);
		rc = eligibility_check(
		    &ui->app->board, &ui->app->viewer, ss->mentor, &ss->elig);
	}
	if (rc == 0)
		rc = store_roles_shared(ui->app->store, ui->app->viewer.user_id,
		    ss->mentor, &ss->areas, &ss->nareas);
	if (rc != 0) {
		free(ss);
		return rc;
	}
	formscr_init(&ss->fs, send_fields, (int)nitems(send_fields),
	    _("Your request goes with your application and CV: the mentor "
	      "sees them, nobody else does. Next comes a preview."),
	    send_submit, ss);
	labels = xcalloc(ss->nareas + 1, sizeof(*labels));
	for (i = 0; i < ss->nareas; i++)
		labels[i] = ss->areas[i].name;
	form_set_choices(form_get(&ss->fs.form, S_AREA), labels,
	    (int)ss->nareas, NULL, 1, SEND_CHOICE_ROWS);
	free(labels);
	/* One area only: it is chosen. */
	if (ss->nareas == 1)
		form_get(&ss->fs.form, S_AREA)->on[0] = 1;
	*state = ss;
	return 0;
}

static void
send_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct send_state *ss = state;
	char line[512];
	int rows, cols, y = 1;

	getmaxyx(win, rows, cols);
	if (ss->elig.missing != 0) {
		(void)snprintf(line, sizeof(line),
		    _("You cannot write to %s yet."), ss->mentor_name);
		(void)wmove(win, y++, 2);
		(void)ui_put(win, line, cols - 4);
		y++;
		(void)scr_draw_eligibility(
		    ui, &ss->elig, win, y, 2, cols - 4, 0);
		return;
	}
	if (!ss->preview) {
		formscr_draw(ui, &ss->fs, win);
		return;
	}
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_OK));
	(void)ui_put(win,
	    _("This is what the mentor will see. Ctrl-S sends it, Esc goes "
	      "back to the form."),
	    cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	ss->text_rows = rows - y - 1;
	textview_draw(ui, &ss->text, win, y, 2, ss->text_rows, cols - 4);
}

static enum ui_result
send_key(struct ui *ui, void *state, struct ui_key key)
{
	struct send_state *ss = state;

	if (ss->elig.missing != 0)
		return UI_UNHANDLED;
	if (!ss->preview)
		return formscr_key(ui, &ss->fs, key);
	if (!key.is_function && key.ch == UI_CTRL('s'))
		return send_send(ui, ss);
	if (!key.is_function && key.ch == UI_KEY_ESC) {
		ss->preview = 0;
		return UI_HANDLED;
	}
	return textview_key(&ss->text, key, ss->text_rows) ? UI_HANDLED :
							     UI_UNHANDLED;
}

/* Mended in another session: ask the rule again. */
static void
send_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	struct send_state *ss = state;
	struct eligibility e;

	(void)news;
	if (eligibility_check(
		&ui->app->board, &ui->app->viewer, ss->mentor, &e) == 0)
		ss->elig = e;
}

static int
send_dirty(void *state)
{
	struct send_state *ss = state;

	return ss->fs.form.dirty;
}

static void
send_close(void *state)
{
	struct send_state *ss = state;

	formscr_free(&ss->fs);
	textview_free(&ss->text);
	free(ss->areas);
	free(ss);
}

const struct screen scr_request_send = {
	.name = "request-send",
	.title = N_("Request mentoring"),
	.help = N_("Ask this mentor for mentoring in one area. The mentor sees "
		   "your message, your application (the four sections) and "
		   "your CV, and answers; you hear at once.\n"
		   "  Tab        next field\n"
		   "  Ctrl-S     preview, then send\n"
		   "  Esc        back"),
	.keys = N_("Ctrl-S preview/send  Esc back"),
	.open = send_open,
	.draw = send_draw,
	.key = send_key,
	.close = send_close,
	.dirty = send_dirty,
	.update = send_update,
};
