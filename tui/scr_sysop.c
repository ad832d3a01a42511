/*
 * scr_sysop: the mentoring team's console.  A menu of the team's work;
 * each entry opens a page that shows a list (the output of an admin
 * command, refreshed on news) with a command line under it where the
 * sysop types what to do, in the words of `ssh board admin ...`
 * ("membership approve 12"): the result shows on the page, and the list
 * is read again.  Pages with more to show have screens of their own
 * (the dashboard, a member's details).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "log.h"
#include "screens.h"
#include "sysop.h"
#include "text.h"
#include "util.h"
#include "widget.h"
#include "words.h"

#define SYSOP_LINE_CHARS 200 /* characters of the command line */
#define SYSOP_OUTPUT_MAX (256 * 1024) /* bytes of a page's text */

/* An entry of the menu: a screen, or a page of a list command. */
struct sysop_entry {
	struct menu_item item;
	const struct screen *screen; /* or NULL: a page */
	const char *list; /* the page's list command */
	const char *hint; /* N_(): what to type there */
};

/* Lists that change without news (who is online): read at each tick. */
static const char *const sysop_live_lists[] = { "online", NULL };

static const struct sysop_entry sysop_entries[] = {
	{ { N_("Dashboard"), 'd' }, &scr_sysop_dashboard, NULL, NULL },
	{ { N_("Members"), 'u' }, &scr_sysop_members, NULL, NULL },
	{ { N_("Who is online"), 'o' }, NULL, "online",
	    N_("online kick SESSION_ID TEXT... (the session ends at once, "
	       "showing TEXT)") },
	{ { N_("Membership requests"), 'm' }, NULL, "membership list --open",
	    N_("membership approve ID, membership decline ID --reason "
	       "TEXT") },
	{ { N_("Access codes"), 'c' }, NULL, "codes list",
	    N_("codes issue [--count N] [--for USERNAME], codes revoke ID") },
	{ { N_("Areas of help"), 'a' }, NULL, "areas list",
	    N_("areas add NAME [--de NAME_DE], areas rename NAME NEW, areas "
	       "rename-de NAME NAME_DE, areas retire NAME (quote names with "
	       "spaces)") },
	{ { N_("Fields of study"), 'f' }, NULL, "fields list",
	    N_("fields add NAME [--de NAME_DE], fields rename NAME NEW, fields "
	       "rename-de NAME NAME_DE, fields retire NAME") },
	{ { N_("Mentorships"), 'p' }, NULL, "mentorships list",
	    N_("mentorships list --state open, mentorships show ID, "
	       "mentorships end ID REASON...") },
	{ { N_("Processing record"), 'g' }, NULL, "processing-record",
	    N_("what the board keeps, why and how long; the settings are "
	       "mentord.conf's") },
	{ { N_("Backup now"), 'b' }, &scr_backup, NULL, NULL },
	{ { N_("Support questions"), 's' }, NULL, "support list --open",
	    N_("support show ID, support reply ID TEXT..., support close ID, "
	       "support list") },
	{ { N_("Reports"), 'r' }, NULL, "reports list --open",
	    N_("reports show ID, reports warn|ban ID TEXT..., reports dismiss "
	       "ID, reports list") },
	{ { N_("Bans"), 'x' }, NULL, "user bans",
	    N_("user ban ID --reason TEXT..., user unban ID") },
	{ { N_("Announcements and notices"), 'n' }, NULL, "announcements",
	    N_("announce TEXT... [--until YYYY-MM-DD], announcements remove "
	       "ID, notify USERNAME TEXT...") },
	{ { N_("Audit log"), 'l' }, NULL, "audit",
	    N_("audit --since YYYY-MM-DD, or --since SECONDS (ago)") },
};

#define SYSOP_NENTRIES ((int)nitems(sysop_entries))

struct sysop_menu {
	struct menu menu;
	struct menu_item items[SYSOP_NENTRIES];
};

static int
sysop_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct sysop_menu *sm = xcalloc(1, sizeof(*sm));
	int i;

	(void)ui;
	(void)arg;
	for (i = 0; i < SYSOP_NENTRIES; i++)
		sm->items[i] = sysop_entries[i].item;
	sm->menu.items = sm->items;
	sm->menu.nitems = SYSOP_NENTRIES;
	*state = sm;
	return 0;
}

static void
sysop_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct sysop_menu *sm = state;
	int cols = getmaxx(win);

	(void)wmove(win, 1, 2);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _("The mentoring team's console"), cols - 4);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, 2, 2);
	(void)ui_put(win,
	    _("Every action here is in the audit log, with your name. The "
	      "same commands work as: ssh board admin ..."),
	    cols - 4);
	menu_draw(ui, &sm->menu, win, 4, 1, 40, 1);
}

static enum ui_result
sysop_key(struct ui *ui, void *state, struct ui_key key)
{
	struct sysop_menu *sm = state;
	const struct sysop_entry *e = NULL;
	struct ui_arg arg;
	int chosen = menu_key(&sm->menu, key);

	if (chosen == -1)
		return UI_HANDLED;
	if (chosen < 0)
		return UI_UNHANDLED;
	e = &sysop_entries[chosen];
	if (e->screen != NULL) {
		(void)ui_push(ui, e->screen, NULL);
		return UI_HANDLED;
	}
	memset(&arg, 0, sizeof(arg));
	arg.index = chosen;
	(void)ui_push(ui, &scr_sysop_page, &arg);
	return UI_HANDLED;
}

static void
sysop_close(void *state)
{
	free(state);
}

const struct screen scr_sysop = {
	.name = "sysop",
	.title = N_("Sysop"),
	.help = N_("The mentoring team's console: members, membership "
		   "requests and access codes, the lists, mentorships, the "
		   "audit log. Every page takes the commands of ssh board "
		   "admin, typed on its last line."),
	.keys = N_("Enter choose  ? help  q back"),
	.open = sysop_open,
	.draw = sysop_draw,
	.key = sysop_key,
	.close = sysop_close,
};

/* ---- A page: a list and a command line ---------------------------------- */

struct sysop_page {
	const struct sysop_entry *entry;
	struct textview list;
	int list_rows;
	int rows; /* the page's height when last drawn */
	int showing; /* the list's place shows a long result */
	char *result; /* what the last command printed */
	char line[SYSOP_LINE_CHARS * 4 + 1];
	size_t len; /* bytes typed */
};

int
scr_sysop_run(struct ui *ui, const char *command, char **out)
{
	static const struct cli_command *const groups[] = { sysop_rows, NULL };
	struct cli_call call;
	struct sysop s;
	const char *why = NULL;
	char **argv = NULL, *buf = NULL;
	size_t size = 0;
	int argc = 0, rc;
	FILE *fp = open_memstream(&buf, &size);

	*out = NULL;
	if (fp == NULL)
		return CLI_FAIL;
	cmd_admin_context(ui->app, &s);
	s.out = fp;
	s.err = fp;
	cli_error_to(fp);
	/* Demoted meanwhile (the news reread the account): no more. */
	if (!ui->app->viewer.is_sysop) {
		cli_error(_("you are no longer a sysop"));
		rc = CLI_FAIL;
	} else if (words_split(command, &argc, &argv, &why) != 0) {
		cli_error(_("cannot read the command: %s"), why);
		rc = CLI_USAGE;
	} else if (argc == 0 || cli_find(groups, argv[0]) == NULL) {
		cli_error(_("no such command; the menu's page says what to "
			    "type"));
		rc = CLI_USAGE;
	} else if ((rc = cli_parse(groups, argc, argv, &call)) != CLI_OK)
		; /* said */
	else if (call.row->input != NULL || strstr(command, "-stdin") != NULL) {
		cli_error(_("this command reads standard input: use ssh board "
			    "admin ... for it"));
		rc = CLI_USAGE;
	} else
		rc = call.row->run(&s, &call);
	words_free(argv);
	cli_error_to(NULL);
	(void)fclose(fp);
	if (buf != NULL && size > SYSOP_OUTPUT_MAX)
		buf[SYSOP_OUTPUT_MAX] = '\0';
	*out = buf;
	return rc;
}

/* Read the page's list again. */
static void
sysop_page_reload(struct ui *ui, struct sysop_page *sp)
{
	char *out = NULL;
	int top;

	if (sp->showing)
		return; /* a result is read there: Enter brings the list */
	if (sp->entry->list == NULL) {
		textview_set(&sp->list, "");
		return;
	}
	(void)scr_sysop_run(ui, sp->entry->list, &out);
	/* Where the sysop scrolled to stays. */
	top = sp->list.top;
	textview_set(&sp->list, out != NULL ? out : "");
	sp->list.top = top;
	free(out);
}

static int
sysop_page_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct sysop_page *sp = NULL;

	if (arg->index < 0 || arg->index >= SYSOP_NENTRIES)
		return MB_ERR_INVALID;
	sp = xcalloc(1, sizeof(*sp));
	sp->entry = &sysop_entries[arg->index];
	sysop_page_reload(ui, sp);
	*state = sp;
	return 0;
}

static void
sysop_page_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct sysop_page *sp = state;
	int rows, cols, result_rows = 0, y;
	char **lines = NULL;
	int n = 0, i;

	getmaxyx(win, rows, cols);
	sp->rows = rows;
	(void)wmove(win, 0, 1);
	(void)wattrset(win, ui_attr(ui, UI_HEADING));
	(void)ui_put(win, _(sp->entry->item.label), cols - 2);
	(void)wattrset(win, A_NORMAL);
	if (sp->result != NULL) {
		n = wrap_text(sp->result, cols - 2, &lines);
		result_rows = n < rows / 3 ? n : rows / 3;
	}
	sp->list_rows = rows - 5 - result_rows;
	textview_draw(ui, &sp->list, win, 1, 1, sp->list_rows, cols - 2);
	y = 1 + sp->list_rows;
	(void)wmove(win, y++, 0);
	(void)whline(win, ACS_HLINE, cols);
	for (i = 0; i < result_rows; i++) {
		(void)wmove(win, y++, 1);
		(void)ui_put(win, lines[n - result_rows + i], cols - 2);
	}
	wrap_free(lines, n);
	(void)wmove(win, y++, 1);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(
	    win, sp->entry->hint != NULL ? _(sp->entry->hint) : "", cols - 2);
	(void)wattrset(win, A_NORMAL);
	(void)wmove(win, y, 1);
	(void)ui_put(win, "> ", 2);
	(void)ui_put(win, sp->line, cols - 4);
	ui_set_cursor(ui, win, y,
	    3 + ui_width(sp->line) < cols - 1 ? 3 + ui_width(sp->line) :
						cols - 2);
}

/* The lines of text (NULL: none). */
static int
sysop_lines(const char *text)
{
	int n = 0;

	for (; text != NULL && *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

/* Run what was typed; the list is read again after it. */
static void
sysop_page_run(struct ui *ui, struct sysop_page *sp)
{
	char *out = NULL;
	int rc;

	if (sp->len == 0) {
		sp->showing = 0;
		sysop_page_reload(ui, sp);
		return;
	}
	rc = scr_sysop_run(ui, sp->line, &out);
	free(sp->result);
	sp->showing = 0;
	if (rc == CLI_OK && sysop_lines(out) > sp->rows / 3) {
		/* A long result (a question, a report) is read in the
		 * list's place, scrolled like it. */
		textview_set(&sp->list, out);
		sp->showing = 1;
		sp->result = xasprintf("> %s\n%s", sp->line,
		    _("(shown above: PgUp/PgDn scroll; Enter on an empty line "
		      "shows the list again)\n"));
	} else
		sp->result = xasprintf("> %s\n%s%s", sp->line,
		    out != NULL && out[0] != '\0' ? out : "",
		    rc == CLI_OK ? "" : _("(not done)\n"));
	free(out);
	sp->line[0] = '\0';
	sp->len = 0;
	sysop_page_reload(ui, sp);
}

static enum ui_result
sysop_page_key(struct ui *ui, void *state, struct ui_key key)
{
	struct sysop_page *sp = state;
	char enc[4];
	int n;

	if (ui_key_enter(key)) {
		sysop_page_run(ui, sp);
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_BACKSPACE) {
		while (sp->len > 0 &&
		    ((unsigned char)sp->line[--sp->len] & 0xC0) == 0x80)
			;
		sp->line[sp->len] = '\0';
		return UI_HANDLED;
	}
	if (key.is_function && textview_key(&sp->list, key, sp->list_rows))
		return UI_HANDLED;
	if (key.is_function || key.ch < 0x20 || key.ch == 0x7f) {
		if (!key.is_function && key.ch == 0x7f && sp->len > 0) {
			while (sp->len > 0 &&
			    ((unsigned char)sp->line[--sp->len] & 0xC0) == 0x80)
				;
			sp->line[sp->len] = '\0';
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	}
	/* q on an empty line leaves; anywhere else it is a letter. */
	if (key.ch == 'q' && sp->len == 0)
		return UI_UNHANDLED;
	n = text_utf8_encode((uint32_t)key.ch, enc);
	if (text_utf8_length(sp->line) < SYSOP_LINE_CHARS &&
	    sp->len + (size_t)n < sizeof(sp->line)) {
		memcpy(sp->line + sp->len, enc, (size_t)n);
		sp->len += (size_t)n;
		sp->line[sp->len] = '\0';
	}
	return UI_HANDLED;
}

/* Something changed on the board: the list may have. */
static void
sysop_page_update(
    struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	sysop_page_reload(ui, state);
}

/* A live page's list is read again at each slow tick. */
static int
sysop_page_tick(struct ui *ui, void *state)
{
	struct sysop_page *sp = state;
	const char *const *live = NULL;

	for (live = sysop_live_lists; *live != NULL; live++) {
		if (sp->entry->list != NULL &&
		    strcmp(sp->entry->list, *live) == 0) {
			sysop_page_reload(ui, sp);
			return 1;
		}
	}
	return 0;
}

static void
sysop_page_close(void *state)
{
	struct sysop_page *sp = state;

	textview_free(&sp->list);
	free(sp->result);
	free(sp);
}

const struct screen scr_sysop_page = {
	.name = "sysop-page",
	.title = N_("Sysop"),
	.help = N_("A list, and a command line under it: type a command "
		   "as for ssh board admin (the line above it says which), "
		   "and Enter runs it; Enter on an empty line reads the list "
		   "again. A long result (support show, reports show) shows "
		   "in the list's place until then. PgUp and PgDn scroll the "
		   "list; q on an empty line goes back."),
	.keys = N_("Enter run  PgDn more  q back"),
	.open = sysop_page_open,
	.draw = sysop_page_draw,
	.key = sysop_page_key,
	.close = sysop_page_close,
	.update = sysop_page_update,
	.tick = sysop_page_tick,
};
