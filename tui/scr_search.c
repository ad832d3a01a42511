/*
 * scr_search: the mentor search.  Results follow every keystroke, ranked;
 * Tab moves to the filters (area, field of study, industry, language,
 * available only) and to the results; Enter on a result shows the mentor
 * (members only).  With nothing typed, a mentee first sees the mentors
 * suggested for them.  `/` opens it from anywhere; `ssh -t board search
 * TERMS` opens it with TERMS typed in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "form.h"
#include "i18n.h"
#include "screens.h"
#include "privacy.h"
#include "search.h"
#include "store.h"
#include "util.h"

enum {
	S_TEXT,
	S_AREA,
	S_FIELD,
	S_INDUSTRY,
	S_LANGUAGE,
	S_AVAILABLE,
	S_RESULTS,
	S_NFOCUS
};

struct search_state {
	struct form inputs; /* text, industry, language */
	struct store_item *areas, *fields;
	size_t nareas, nfields;
	int area, field; /* index + 1; 0 is "any" */
	int available;
	int focus;
	struct search_result result;
	struct suggestion suggest[SUGGEST_COUNT];
	size_t nsuggest;
	int selected, top;
	int offset; /* the page of hits shown: results skipped */
	char error[256];
	int stale; /* the query changed: search again */
};

enum { I_TEXT = 1, I_INDUSTRY, I_LANGUAGE };

/* The layout, in rows and columns of the body window. */
#define SEARCH_MARGIN 2 /* left and right */
#define SEARCH_ROW_TEXT 1 /* the typed text */
#define SEARCH_ROW_CHOICES 2 /* area and field */
#define SEARCH_ROW_FILTERS 3 /* industry and language */
#define SEARCH_ROW_AVAILABLE 4
#define SEARCH_ROW_RESULTS 6 /* suggestions, the count and the hits */
#define SEARCH_AREA_COLS 38 /* the area choice, at most */
#define SEARCH_FILTER_COLS 36 /* industry and language, each */
#define SEARCH_FILTER2_X (SEARCH_MARGIN + SEARCH_FILTER_COLS + 2)
#define SEARCH_AVAILABLE_COLS 30
#define SEARCH_COUNT_COLS 36 /* "601-700 of more than 700 mentors" */
#define SEARCH_PAGE SEARCH_LIMIT_MAX /* hits read at a time: a page */
#define SEARCH_HIT_ROWS 2 /* a hit: name line and fields line */
#define SEARCH_HIT_INDENT 4 /* the fields line of a hit */
#define SEARCH_SUGGEST_ROWS 3 /* a suggestion: a hit and its reasons */
#define SEARCH_REASON_INDENT 10

static const struct form_field search_inputs[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Search"),
	    .id = I_TEXT,
	    .max_chars = SEARCH_QUERY_MAX },
	{ .kind = FORM_TEXT,
	    .label = N_("Industry"),
	    .id = I_INDUSTRY,
	    .max_chars = SEARCH_QUERY_MAX },
	{ .kind = FORM_TEXT,
	    .label = N_("Language"),
	    .id = I_LANGUAGE,
	    .max_chars = SEARCH_QUERY_MAX },
};

/* What Up and Down choose from: the suggestions, then the hits. */
static int
search_choices(const struct search_state *ss)
{
	return (int)ss->nsuggest + (int)ss->result.n;
}

/* The mentor chosen: a suggestion's or a hit's. */
static int64_t
search_chosen(const struct search_state *ss)
{
	if (ss->selected < (int)ss->nsuggest)
		return ss->suggest[ss->selected].hit.id;
	return ss->result.hits[ss->selected - (int)ss->nsuggest].id;
}

/* Free the hits and the suggestions of the last search. */
static void
search_free_results(struct search_state *ss)
{
	size_t i;

	search_result_free(&ss->result);
	for (i = 0; i < ss->nsuggest; i++)
		search_hit_free(&ss->suggest[i].hit);
	ss->nsuggest = 0;
}

/* Is nothing typed or chosen?  Then a member sees suggestions. */
static int
search_is_empty(struct search_state *ss)
{
	return form_text(form_get(&ss->inputs, I_TEXT))[0] == '\0' &&
	    form_text(form_get(&ss->inputs, I_INDUSTRY))[0] == '\0' &&
	    form_text(form_get(&ss->inputs, I_LANGUAGE))[0] == '\0' &&
	    ss->area == 0 && ss->field == 0 && !ss->available;
}

/*
 * Search again, through the rules, as the inputs say; with nothing typed or
 * chosen, a member who has confirmed the address also gets suggestions.
 */
static void
search_refresh(struct ui *ui, struct search_state *ss)
{
	struct search_query q;
	const char *why = NULL;
	int rc;

	search_free_results(ss);
	ss->error[0] = '\0';
	memset(&q, 0, sizeof(q));
	q.text = form_text(form_get(&ss->inputs, I_TEXT));
	q.industry = form_text(form_get(&ss->inputs, I_INDUSTRY));
	q.language = form_text(form_get(&ss->inputs, I_LANGUAGE));
	q.area_id = ss->area > 0 ? ss->areas[ss->area - 1].id : 0;
	q.field_id = ss->field > 0 ? ss->fields[ss->field - 1].id : 0;
	q.available_only = ss->available;
	q.limit = SEARCH_PAGE;
	q.offset = ss->offset;
	rc = search_run(
	    &ui->app->board, &ui->app->viewer, &q, &ss->result, &why);
	if (rc != 0)
		(void)snprintf(ss->error, sizeof(ss->error), "%s",
		    why != NULL ? why : _("The search failed; try again."));
	if (privacy_member(&ui->app->viewer) != 0 && search_is_empty(ss) &&
	    ss->offset == 0 &&
	    search_suggest(&ui->app->board, &ui->app->viewer, ss->suggest,
		&ss->nsuggest) != 0)
		ss->nsuggest = 0;
	if (ss->selected >= search_choices(ss))
		ss->selected =
		    search_choices(ss) > 0 ? search_choices(ss) - 1 : 0;
	ss->stale = 0;
}

/* arg->text, the words of a deep link, is typed in and searched at once. */
static int
search_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct search_state *ss = xcalloc(1, sizeof(*ss));
	int rc;

	form_init(&ss->inputs, search_inputs, (int)nitems(search_inputs));
	rc = store_list_get(
	    ui->app->store, STORE_LIST_AREAS, 0, &ss->areas, &ss->nareas);
	if (rc == 0)
		rc = store_list_get(ui->app->store, STORE_LIST_FIELDS, 0,
		    &ss->fields, &ss->nfields);
	if (rc != 0) {
		form_free(&ss->inputs);
		free(ss->areas);
		free(ss);
		return rc;
	}
	if (arg->text != NULL)
		form_set_text(form_get(&ss->inputs, I_TEXT), arg->text);
	search_refresh(ui, ss);
	*state = ss;
	return 0;
}

/* A labelled choice: "Area: Career entry" with arrows when focused. */
static int
search_draw_choice(struct ui *ui, WINDOW *win, int y, int x, const char *label,
    const char *value, int focused, int cols)
{
	char buf[256];

	(void)snprintf(buf, sizeof(buf), "%s: %s%s%s", label,
	    focused ? ui_glyph(ui, "\xe2\x97\x82 ", "< ") : "", value,
	    focused ? ui_glyph(ui, " \xe2\x96\xb8", " >") : "");
	(void)wmove(win, y, x);
	if (focused)
		ui_set_focus(ui, win, y, x);
	(void)wattrset(win, focused ? ui_attr(ui, UI_SELECTED) : A_NORMAL);
	x = ui_put(win, buf, cols);
	(void)wattrset(win, A_NORMAL);
	return x;
}

/* One input line of the form, drawn where we want it. */
static void
search_draw_input(struct ui *ui, struct search_state *ss, int id, WINDOW *win,
    int y, int x, int cols, int focused)
{
	struct form one;
	struct form_field *f = form_get(&ss->inputs, id);

	/* Borrow the form's drawing for a one-field form. */
	memset(&one, 0, sizeof(one));
	one.fields = f;
	one.n = 1;
	one.focus = focused ? 0 : -1;
	if (!focused) {
		(void)wmove(win, y, x);
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win, _(f->label), FORM_LABEL_COLS - 1);
		(void)wmove(win, y, x + FORM_LABEL_COLS);
		(void)wattrset(win, ui_attr(ui, UI_FIELD));
		(void)whline(win, ' ', cols - FORM_LABEL_COLS);
		(void)ui_put(win, form_text(f), cols - FORM_LABEL_COLS);
		(void)wattrset(win, A_NORMAL);
		return;
	}
	/* A text field takes its line and the one under it (no hint). */
	form_draw(ui, &one, win, y, x, 2, cols);
}

/*
 * A hit in two rows: the name and whether they take mentees, then fields and
 * areas; prefix goes before the name (a suggestion's score).
 */
static void
search_draw_hit(struct ui *ui, WINDOW *win, int y, int cols,
    const struct search_hit *h, int selected, const char *prefix)
{
	char line[1024];

	(void)wmove(win, y, 1);
	if (selected)
		ui_set_focus(ui, win, y, 1);
	(void)wattrset(
	    win, selected ? ui_attr(ui, UI_SELECTED) : ui_attr(ui, UI_HEADING));
	(void)whline(win, ' ', cols - 2);
	(void)snprintf(line, sizeof(line), "%s%s  %s %s", prefix,
	    h->display_name, ui_glyph(ui, "\xe2\x80\x94", "-"),
	    h->available ? _("takes new mentees") : _("no places free"));
	(void)ui_put_cut(win, line, cols - 3);
	(void)wattrset(win, A_NORMAL);
	(void)snprintf(line, sizeof(line), "%s %s %s", h->fields,
	    ui_glyph(ui, "\xc2\xb7", "|"), h->areas);
	(void)wmove(win, y + 1, SEARCH_HIT_INDENT);
	(void)ui_put_cut(win, line, cols - SEARCH_HIT_INDENT - SEARCH_MARGIN);
}

/*
 * Searches again first if the query changed: keys that arrive together cost
 * one search, not one each.
 */
static void
search_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct search_state *ss = state;
	char buf[256];
	int rows, cols, y, i, visible, x, hit;

	getmaxyx(win, rows, cols);
	if (ss->stale)
		search_refresh(ui, ss);
	search_draw_input(ui, ss, I_TEXT, win, SEARCH_ROW_TEXT, SEARCH_MARGIN,
	    cols - 2 * SEARCH_MARGIN, ss->focus == S_TEXT);
	x = SEARCH_MARGIN;
	x += search_draw_choice(ui, win, SEARCH_ROW_CHOICES, x, _("Area"),
		 ss->area > 0 ? ss->areas[ss->area - 1].name : _("any"),
		 ss->focus == S_AREA, SEARCH_AREA_COLS) +
	    SEARCH_MARGIN;
	(void)search_draw_choice(ui, win, SEARCH_ROW_CHOICES, x, _("Field"),
	    ss->field > 0 ? ss->fields[ss->field - 1].name : _("any"),
	    ss->focus == S_FIELD, cols - x - SEARCH_MARGIN);
	search_draw_input(ui, ss, I_INDUSTRY, win, SEARCH_ROW_FILTERS,
	    SEARCH_MARGIN, SEARCH_FILTER_COLS, ss->focus == S_INDUSTRY);
	search_draw_input(ui, ss, I_LANGUAGE, win, SEARCH_ROW_FILTERS,
	    SEARCH_FILTER2_X, SEARCH_FILTER_COLS, ss->focus == S_LANGUAGE);
	(void)snprintf(buf, sizeof(buf), "[%s] %s", ss->available ? "x" : " ",
	    _("available only"));
	(void)wmove(win, SEARCH_ROW_AVAILABLE, SEARCH_MARGIN + FORM_LABEL_COLS);
	if (ss->focus == S_AVAILABLE)
		ui_set_focus(ui, win, SEARCH_ROW_AVAILABLE,
		    SEARCH_MARGIN + FORM_LABEL_COLS + 1);
	(void)wattrset(win,
	    ss->focus == S_AVAILABLE ? ui_attr(ui, UI_SELECTED) : A_NORMAL);
	(void)ui_put(win, buf, SEARCH_AVAILABLE_COLS);
	(void)wattrset(win, A_NORMAL);
	y = SEARCH_ROW_RESULTS;
	if (ss->error[0] != '\0') {
		(void)wmove(win, y, SEARCH_MARGIN);
		(void)wattrset(win, ui_attr(ui, UI_ERROR));
		(void)ui_put(win, ss->error, cols - 2 * SEARCH_MARGIN);
		(void)wattrset(win, A_NORMAL);
		return;
	}
	if (ss->nsuggest > 0) {
		(void)wmove(win, y++, SEARCH_MARGIN);
		(void)wattrset(win, ui_attr(ui, UI_OK));
		(void)ui_put(
		    win, _("Suggested for you"), cols - 2 * SEARCH_MARGIN);
		(void)wattrset(win, A_NORMAL);
		for (i = 0; i < (int)ss->nsuggest &&
		     y + SEARCH_SUGGEST_ROWS - 1 < rows;
		     i++) {
			(void)snprintf(
			    buf, sizeof(buf), "%3d%%  ", ss->suggest[i].score);
			search_draw_hit(ui, win, y, cols, &ss->suggest[i].hit,
			    ss->focus == S_RESULTS && i == ss->selected, buf);
			(void)wmove(
			    win, y + SEARCH_HIT_ROWS, SEARCH_REASON_INDENT);
			(void)wattrset(win, ui_attr(ui, UI_DIM));
			(void)ui_put_cut(win, ss->suggest[i].reasons,
			    cols - SEARCH_REASON_INDENT - SEARCH_MARGIN);
			(void)wattrset(win, A_NORMAL);
			y += SEARCH_SUGGEST_ROWS;
		}
		y++;
	}
	search_page_text(&ss->result, buf, sizeof(buf));
	(void)wmove(win, y, SEARCH_MARGIN);
	/* On no result, the focus in the results rests on the count. */
	if (ss->focus == S_RESULTS && search_choices(ss) == 0)
		ui_set_focus(ui, win, y, SEARCH_MARGIN);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win, buf, SEARCH_COUNT_COLS);
	if (privacy_member(&ui->app->viewer) == 0) {
		(void)waddstr(win, "  ");
		(void)ui_put(win, _("Register to see more about each mentor."),
		    cols - SEARCH_COUNT_COLS - SEARCH_MARGIN);
	}
	(void)wattrset(win, A_NORMAL);
	y++;
	visible = (rows - y) / SEARCH_HIT_ROWS;
	if (visible < 1)
		return;
	/* The hits scroll; a suggestion chosen keeps them at the top. */
	hit = ss->selected - (int)ss->nsuggest;
	if (hit < 0)
		hit = 0;
	if (hit < ss->top)
		ss->top = hit;
	if (hit >= ss->top + visible)
		ss->top = hit - visible + 1;
	for (i = ss->top; i < (int)ss->result.n && i < ss->top + visible; i++) {
		search_draw_hit(ui, win, y, cols, &ss->result.hits[i],
		    ss->focus == S_RESULTS &&
			i + (int)ss->nsuggest == ss->selected,
		    "");
		y += SEARCH_HIT_ROWS;
	}
}

/* Step a choice (0 = any, 1..n) forwards or backwards. */
static int
search_step(int value, size_t n, int step)
{
	return (value + step + (int)n + 1) % ((int)n + 1);
}

/* Are there results after this page? */
static int
search_more_pages(const struct search_state *ss)
{
	return ss->result.offset + ss->result.n < ss->result.total ||
	    ss->result.more;
}

/*
 * Read the page of hits from offset on and select one of it: its first
 * (last set: its last).  A page past the end is not read.
 */
static void
search_turn_page(
    struct ui *ui, struct search_state *ss, size_t offset, int last)
{
	if (offset > SEARCH_OFFSET_MAX)
		offset = SEARCH_OFFSET_MAX / SEARCH_PAGE * SEARCH_PAGE;
	ss->offset = (int)offset;
	search_refresh(ui, ss);
	if (ss->result.n == 0 && offset > 0) {
		/* Nothing there (fewer now than counted): the first page. */
		ss->offset = 0;
		search_refresh(ui, ss);
	}
	ss->top = 0;
	ss->selected = last && search_choices(ss) > 0 ? search_choices(ss) - 1 :
							(int)ss->nsuggest;
	if (ss->selected >= search_choices(ss))
		ss->selected = 0;
}

/*
 * The page keys in the results: PgDn and PgUp the next and previous page
 * of hits (on the last or first, its last or first hit), Home the first
 * result, End the last (of those counted so far).
 */
static enum ui_result
search_page_key(struct ui *ui, struct search_state *ss, int ch)
{
	size_t total = ss->result.total;

	switch (ch) {
	case KEY_NPAGE:
		if (search_more_pages(ss))
			search_turn_page(
			    ui, ss, ss->result.offset + SEARCH_PAGE, 0);
		else if (search_choices(ss) > 0)
			ss->selected = search_choices(ss) - 1;
		return UI_HANDLED;
	case KEY_PPAGE:
		if (ss->result.offset > 0)
			search_turn_page(ui, ss,
			    ss->result.offset > SEARCH_PAGE ?
				ss->result.offset - SEARCH_PAGE :
				0,
			    0);
		else
			ss->selected = 0;
		return UI_HANDLED;
	case KEY_HOME:
		if (ss->result.offset > 0)
			search_turn_page(ui, ss, 0, 0);
		ss->selected = 0;
		return UI_HANDLED;
	case KEY_END:
		if (total > 0 &&
		    (total - 1) / SEARCH_PAGE * SEARCH_PAGE !=
			ss->result.offset)
			search_turn_page(
			    ui, ss, (total - 1) / SEARCH_PAGE * SEARCH_PAGE, 1);
		else if (search_choices(ss) > 0)
			ss->selected = search_choices(ss) - 1;
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/*
 * Keys in the results: Up past the first goes back to the text (on a later
 * page, to the previous page), Down past the last to the next page; Enter
 * opens a mentor for members and tells others to register.
 */
static enum ui_result
search_results_key(struct ui *ui, struct search_state *ss, struct ui_key key)
{
	if (key.is_function &&
	    search_page_key(ui, ss, (int)key.ch) == UI_HANDLED)
		return UI_HANDLED;
	if ((key.is_function && key.ch == KEY_UP) ||
	    (!key.is_function && key.ch == 'k')) {
		if (ss->selected > 0)
			ss->selected--;
		else if (ss->result.offset > 0)
			search_turn_page(ui, ss,
			    ss->result.offset > SEARCH_PAGE ?
				ss->result.offset - SEARCH_PAGE :
				0,
			    1);
		else
			ss->focus = S_TEXT;
		return UI_HANDLED;
	}
	if ((key.is_function && key.ch == KEY_DOWN) ||
	    (!key.is_function && key.ch == 'j')) {
		if (ss->selected + 1 < search_choices(ss))
			ss->selected++;
		else if (search_more_pages(ss))
			search_turn_page(
			    ui, ss, ss->result.offset + SEARCH_PAGE, 0);
		return UI_HANDLED;
	}
	if (ui_key_enter(key)) {
		if (search_choices(ss) == 0)
			return UI_HANDLED;
		if (privacy_member(&ui->app->viewer) == 0) {
			ui_message(ui, UI_ERROR, "%s",
			    _("Register to see more about this mentor: choose "
			      "Register on the first screen."));
			return UI_HANDLED;
		}
		(void)ui_push_id(ui, &scr_mentor_detail, search_chosen(ss));
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/*
 * Tab and Shift-Tab move the focus round; inputs edit through the form,
 * choices step with Left, Right or Space.  A change only marks the search
 * stale: search_draw runs it.
 */
static enum ui_result
search_key(struct ui *ui, void *state, struct ui_key key)
{
	struct search_state *ss = state;
	static const int input_of[S_NFOCUS] = { [S_TEXT] = I_TEXT,
		[S_INDUSTRY] = I_INDUSTRY,
		[S_LANGUAGE] = I_LANGUAGE };
	struct form_field *f = NULL;
	char before[SEARCH_QUERY_MAX * 4 + 1];
	int step = 0;

	if (!key.is_function && key.ch == UI_CTRL('t')) {
		ui->help_open = 1;
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == '\t') {
		ss->focus = (ss->focus + 1) % S_NFOCUS;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_BTAB) {
		ss->focus = (ss->focus + S_NFOCUS - 1) % S_NFOCUS;
		return UI_HANDLED;
	}
	if (ss->focus == S_RESULTS)
		return search_results_key(ui, ss, key);
	if (key.is_function && key.ch == KEY_DOWN) {
		ss->focus = S_RESULTS;
		return UI_HANDLED;
	}
	if (input_of[ss->focus] != 0) {
		f = form_get(&ss->inputs, input_of[ss->focus]);
		ss->inputs.focus = input_of[ss->focus] - 1;
		(void)strlcpy_checked(before, form_text(f), sizeof(before));
		if (ui_key_enter(key)) {
			ss->focus = S_RESULTS;
			return UI_HANDLED;
		}
		if (form_key(&ss->inputs, key) == FORM_IGNORED)
			return UI_UNHANDLED;
		/* The form moved its own focus: ours decides. */
		ss->inputs.focus = input_of[ss->focus] - 1;
		if (strcmp(before, form_text(f)) != 0) {
			ss->stale = 1;
			ss->selected = ss->top = ss->offset = 0;
		}
		if (f->error != NULL) {
			(void)snprintf(
			    ss->error, sizeof(ss->error), "%s", f->error);
			f->error = NULL;
		}
		return UI_HANDLED;
	}
	if ((key.is_function && key.ch == KEY_RIGHT) ||
	    (!key.is_function && key.ch == ' ') || ui_key_enter(key))
		step = 1;
	else if (key.is_function && key.ch == KEY_LEFT)
		step = -1;
	if (step == 0)
		return UI_UNHANDLED;
	if (ss->focus == S_AREA)
		ss->area = search_step(ss->area, ss->nareas, step);
	else if (ss->focus == S_FIELD)
		ss->field = search_step(ss->field, ss->nfields, step);
	else
		ss->available = !ss->available;
	ss->stale = 1;
	ss->selected = ss->top = ss->offset = 0;
	return UI_HANDLED;
}

static void
search_close(void *state)
{
	struct search_state *ss = state;

	search_free_results(ss);
	form_free(&ss->inputs);
	free(ss->areas);
	free(ss->fields);
	free(ss);
}

const struct screen scr_search = {
	.name = "search",
	.title = N_("Find a mentor"),
	.help = N_("# Tips for searching\n"
		   "Type words: the results follow every letter. A word "
		   "matches the start of words in a mentor's first name, "
		   "fields of study, areas of help, industry, position, "
		   "languages and \"how I can help\" (\"engin\" finds "
		   "engineering; accents do not matter: \"fur\" finds "
		   "\"für\"). Several words must all match.\n"
		   "Tab moves to the filters: area of help and field of "
		   "study (Left/Right or Space to choose), industry, "
		   "language, and \"available only\" for mentors who take "
		   "new mentees. Filters and words combine.\n"
		   "Down or Enter moves to the results; Enter opens a mentor "
		   "(for members). A hundred results make a page: PgDn and "
		   "PgUp turn them, Home and End go to the first and the "
		   "last; the count says which you see (\"101-200 of 399 "
		   "mentors\"). Surnames, user names and addresses are "
		   "never searched.\n"
		   "Ctrl-T or F1 shows these tips."),
	.keys = N_("Tab filters  Enter open  PgDn more  F1 tips  Esc back"),
	.open = search_open,
	.draw = search_draw,
	.key = search_key,
	.close = search_close,
};
