/*
 * scr_sysop_members: the console's Members page.  A search line (any
 * words of a user name, an address, a first name or a surname: the team
 * sees private data) over the members found, newest first; Enter on a
 * member opens their details (scr_sysop_member) with the team's actions.
 * The search is `admin user search` (sysop_user_find), audited as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "screens.h"
#include "sysop.h"
#include "text.h"
#include "util.h"
#include "widget.h"
#include "words.h"

#define MEMBERS_QUERY_CHARS 100 /* characters of the search line */
#define MEMBERS_HEAD_ROWS 4 /* rows above the list */
#define MEMBERS_RESULT_ROWS 3 /* rows of a command's output, at most */
#define MEMBERS_PAGE 10 /* members PgUp and PgDn move by */

struct members_state {
	char query[MEMBERS_QUERY_CHARS * 4 + 1];
	size_t len; /* bytes typed */
	char searched[MEMBERS_QUERY_CHARS * 4 + 1]; /* what rows are of */
	struct store_user *rows;
	size_t n;
	int selected;
	int top;
	char note[UI_MESSAGE_MAX]; /* why there is no list */
	char *result; /* what the last ":" command printed */
};

/* Search for the words of text; audited when typed (audit), not when
 * read again for news. */
static void
members_search(
    struct ui *ui, struct members_state *ms, const char *text, int audit)
{
	struct sysop s;
	const char *why = NULL;
	char **argv = NULL;
	int argc = 0, rc;

	free(ms->rows);
	ms->rows = NULL;
	ms->n = 0;
	ms->note[0] = '\0';
	(void)snprintf(ms->searched, sizeof(ms->searched), "%s", text);
	if (words_split(text, &argc, &argv, &why) != 0) {
		(void)snprintf(ms->note, sizeof(ms->note), "%s", why);
		return;
	}
	cmd_admin_context(ui->app, &s);
	if (!ui->app->viewer.is_sysop)
		rc = MB_ERR_DENIED;
	else
		rc = sysop_user_find(
		    &s, argv, (size_t)argc, audit, &ms->rows, &ms->n);
	words_free(argv);
	if (rc == MB_ERR_INVALID)
		(void)snprintf(ms->note, sizeof(ms->note),
		    _("Give at most %d words."), STORE_USER_SEARCH_WORDS);
	else if (rc == MB_ERR_DENIED)
		(void)snprintf(ms->note, sizeof(ms->note), "%s",
		    _("You are no longer a sysop."));
	else if (rc != 0)
		(void)snprintf(ms->note, sizeof(ms->note), "%s",
		    _("The members cannot be read just now."));
	else if (ms->n == 0)
		(void)snprintf(
		    ms->note, sizeof(ms->note), "%s", _("No member found."));
	if (ms->selected >= (int)ms->n)
		ms->selected = ms->n > 0 ? (int)ms->n - 1 : 0;
}

static int
members_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct members_state *ms = xcalloc(1, sizeof(*ms));

	(void)arg;
	members_search(ui, ms, "", 0);
	*state = ms;
	return 0;
}

/* The columns of the list: id, user name, name, address (the rest of
 * the line), state. */
#define MEMBERS_COL_USER 7
#define MEMBERS_COL_NAME 22
#define MEMBERS_COL_EMAIL 41
#define MEMBERS_STATE_COLS 17

/* Draw a line of the list's five columns at row y. */
static void
members_draw_columns(WINDOW *win, int y, int cols, const char *id,
    const char *user, const char *name, const char *email, const char *state)
{
	(void)wmove(win, y, 1);
	(void)ui_put(win, id, MEMBERS_COL_USER - 2);
	(void)wmove(win, y, MEMBERS_COL_USER);
	(void)ui_put(win, user, MEMBERS_COL_NAME - MEMBERS_COL_USER - 1);
	(void)wmove(win, y, MEMBERS_COL_NAME);
	(void)ui_put(win, name, MEMBERS_COL_EMAIL - MEMBERS_COL_NAME - 1);
	(void)wmove(win, y, MEMBERS_COL_EMAIL);
	(void)ui_put(
	    win, email, cols - MEMBERS_COL_EMAIL - MEMBERS_STATE_COLS - 2);
	(void)wmove(win, y, cols - MEMBERS_STATE_COLS - 1);
	(void)ui_put(win, state, MEMBERS_STATE_COLS);
}

/* One member's line: id, user name, full name, address, state. */
static void
members_draw_row(struct ui *ui, WINDOW *win, int y, int cols,
    const struct store_user *u, int selected)
{
	char id[24], name[2 * NAME_MAX_BYTES + 2], state[64];

	(void)snprintf(id, sizeof(id), "%lld", (long long)u->id);
	(void)snprintf(
	    name, sizeof(name), "%s %s", u->first_name, u->last_name);
	(void)snprintf(state, sizeof(state), "%s%s%s",
	    u->banned_at != 0 ? _("banned") :
		u->verified   ? "" :
				_("unconfirmed"),
	    u->is_sysop ? _(" sysop") : "", u->is_demo ? _(" demo") : "");
	(void)wattrset(win, selected ? ui_attr(ui, UI_SELECTED) : A_NORMAL);
	(void)wmove(win, y, 1);
	(void)whline(win, ' ', cols - 2);
	members_draw_columns(win, y, cols, id, u->username, name, u->email,
	    state[0] == ' ' ? state + 1 : state);
	(void)wattrset(win, A_NORMAL);
}

/* The last command's output at the foot of win; the rows it took. */
static int
members_draw_result(
    struct ui *ui, struct members_state *ms, WINDOW *win, int rows, int cols)
{
	char **lines = NULL;
	int n, shown, i;

	if (ms->result == NULL)
		return 0;
	n = wrap_text(ms->result, cols - 2, &lines);
	shown = n < MEMBERS_RESULT_ROWS ? n : MEMBERS_RESULT_ROWS;
	(void)wmove(win, rows - shown - 1, 0);
	(void)whline(win, ACS_HLINE, cols);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	for (i = 0; i < shown; i++) {
		(void)wmove(win, rows - shown + i, 1);
		(void)ui_put(win, lines[n - shown + i], cols - 2);
	}
	(void)wattrset(win, A_NORMAL);
	wrap_free(lines, n);
	return shown + 1;
}

static void
members_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct members_state *ms = state;
	int rows, cols, y, i, visible;

	getmaxyx(win, rows, cols);
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win,
	    _("Words of a name or address, Enter; Up/Down, Enter opens; "
	      ":user ... a command"),
	    cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 1, 1);
	(void)ui_put(win, _("Find: "), 6);
	(void)wattrset(win, ui_attr(ui, UI_FIELD));
	(void)whline(win, ' ', cols - 8);
	(void)ui_put(win, ms->query, cols - 9);
	(void)wattrset(win, A_NORMAL);
	ui_set_cursor(ui, win, 1,
	    7 + text_width(ms->query) < cols - 2 ? 7 + text_width(ms->query) :
						   cols - 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	members_draw_columns(win, 3, cols, _("ID"), _("USER NAME"), _("NAME"),
	    _("E-MAIL"), _("STATE"));
	(void)wattrset(win, A_NORMAL);
	rows -= members_draw_result(ui, ms, win, rows, cols);
	if (ms->n == 0) {
		(void)wmove(win, MEMBERS_HEAD_ROWS, 1);
		(void)ui_put(win, ms->note, cols - 2);
		return;
	}
	visible = rows - MEMBERS_HEAD_ROWS;
	if (ms->selected < ms->top)
		ms->top = ms->selected;
	if (ms->selected >= ms->top + visible)
		ms->top = ms->selected - visible + 1;
	for (i = ms->top, y = MEMBERS_HEAD_ROWS; i < (int)ms->n && y < rows;
	     i++, y++)
		members_draw_row(
		    ui, win, y, cols, &ms->rows[i], i == ms->selected);
}

/* Up, Down, PgUp, PgDn, Home, End move the selection; 1 if used. */
static int
members_move(struct members_state *ms, struct ui_key key)
{
	int last = ms->n > 0 ? (int)ms->n - 1 : 0, page = MEMBERS_PAGE;

	if (!key.is_function)
		return 0;
	switch (key.ch) {
	case KEY_UP:
		ms->selected -= ms->selected > 0;
		return 1;
	case KEY_DOWN:
		ms->selected += ms->selected < last;
		return 1;
	case KEY_PPAGE:
		ms->selected = ms->selected > page ? ms->selected - page : 0;
		return 1;
	case KEY_NPAGE:
		ms->selected =
		    ms->selected + page < last ? ms->selected + page : last;
		return 1;
	case KEY_HOME:
		ms->selected = 0;
		return 1;
	case KEY_END:
		ms->selected = last;
		return 1;
	default:
		return 0;
	}
}

/* ":COMMAND": an admin command (user sysop ...); its output shows below
 * and the list is read again. */
static void
members_command(struct ui *ui, struct members_state *ms)
{
	char *out = NULL, searched[sizeof(ms->searched)];
	int rc;

	rc = scr_sysop_run(ui, ms->query + 1, &out);
	free(ms->result);
	ms->result = xasprintf("> %s\n%s%s", ms->query + 1,
	    out != NULL ? out : "", rc == CLI_OK ? "" : _("(not done)\n"));
	free(out);
	/* The line shows the search again, whose list is read again. */
	(void)snprintf(searched, sizeof(searched), "%s", ms->searched);
	(void)snprintf(ms->query, sizeof(ms->query), "%s", searched);
	ms->len = strlen(ms->query);
	members_search(ui, ms, searched, 0);
}

static enum ui_result
members_key(struct ui *ui, void *state, struct ui_key key)
{
	struct members_state *ms = state;
	char enc[4];
	int n;

	if (ui_key_enter(key) && ms->query[0] == ':') {
		members_command(ui, ms);
		return UI_HANDLED;
	}
	if (ui_key_enter(key)) {
		/* New words: search; the same: open the member chosen. */
		if (strcmp(ms->query, ms->searched) != 0 || ms->n == 0) {
			ms->selected = ms->top = 0;
			members_search(ui, ms, ms->query, 1);
		} else
			(void)ui_push_id(
			    ui, &scr_sysop_member, ms->rows[ms->selected].id);
		return UI_HANDLED;
	}
	if (members_move(ms, key))
		return UI_HANDLED;
	if ((key.is_function && key.ch == KEY_BACKSPACE) ||
	    (!key.is_function && (key.ch == 0x7f || key.ch == 0x08))) {
		while (ms->len > 0 &&
		    ((unsigned char)ms->query[--ms->len] & 0xC0) == 0x80)
			;
		ms->query[ms->len] = '\0';
		return UI_HANDLED;
	}
	/* Ctrl-U empties the line, as in a shell. */
	if (!key.is_function && key.ch == UI_CTRL('u')) {
		ms->query[0] = '\0';
		ms->len = 0;
		return UI_HANDLED;
	}
	/* Letters are the search's, q too: Esc goes back. */
	if (key.is_function || key.ch < 0x20)
		return UI_UNHANDLED;
	n = text_utf8_encode((uint32_t)key.ch, enc);
	if (n > 0 && text_utf8_length(ms->query) < MEMBERS_QUERY_CHARS &&
	    ms->len + (size_t)n < sizeof(ms->query)) {
		memcpy(ms->query + ms->len, enc, (size_t)n);
		ms->len += (size_t)n;
		ms->query[ms->len] = '\0';
	}
	return UI_HANDLED;
}

/* A member changed (confirmed, promoted, a new one): read again. */
static void
members_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	struct members_state *ms = state;
	char searched[sizeof(ms->searched)];

	(void)news;
	(void)snprintf(searched, sizeof(searched), "%s", ms->searched);
	members_search(ui, ms, searched, 0);
}

static void
members_close(void *state)
{
	struct members_state *ms = state;

	free(ms->rows);
	free(ms->result);
	free(ms);
}

const struct screen scr_sysop_members = {
	.name = "sysop-members",
	.title = N_("Members"),
	.help = N_("Every member, newest first, and a search line: type "
		   "words of a user name, an e-mail address, a first name "
		   "or a surname, and Enter finds the members holding all "
		   "of them (each search is in the audit log). Up/Down "
		   "choose, Enter opens a member's details and the team's "
		   "actions. A line starting with : is an admin command "
		   "(:user sysop anna on). Ctrl-U empties the line, Esc "
		   "goes back."),
	.keys = N_("Enter search/open  Up/Down choose  Esc back"),
	.open = members_open,
	.draw = members_draw,
	.key = members_key,
	.close = members_close,
	.update = members_update,
};
