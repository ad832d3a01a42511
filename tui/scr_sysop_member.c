/*
 * scr_sysop_member: one member in full for the mentoring team (what
 * `admin user show` prints: account, roles, community, requests and
 * mentorships, sessions, logins), with the team's actions as keys (a
 * table: each key runs an admin command line for this member) and, after
 * ':', any admin command typed.  Opening it is audited as a look; the
 * actions are audited by their rows.
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

#define MEMBER_LINE_CHARS 200 /* characters of the command line */
#define MEMBER_RESULT_ROWS 3 /* rows of the last command's output */

/* An action: a key, and the command it runs ("%lld": the member). */
struct member_action {
	int key;
	const char *label; /* N_() */
	const char *command;
	int confirm; /* ask first (y) */
};

static const struct member_action member_actions[] = {
	{ 'c', N_("confirm address"), "user confirm %lld", 0 },
	{ 'v', N_("resend code"), "user resend %lld", 0 },
	{ 'r', N_("reset password"), "user reset %lld", 0 },
	{ 's', N_("sysop on/off"), "user sysop %lld %s", 1 },
};

struct member_state {
	int64_t id;
	struct store_user u;
	struct textview text;
	int text_rows;
	char *result; /* what the last command printed */
	const struct member_action *pending; /* asked, waiting for y */
	int typing; /* the command line is open */
	char line[MEMBER_LINE_CHARS * 4 + 1];
	size_t len;
};

/* Read the member again (no audit: the look was counted on opening). */
static void
member_reload(struct ui *ui, struct member_state *ms)
{
	struct sysop s;
	char *buf = NULL;
	size_t size = 0;
	int top;
	FILE *fp = open_memstream(&buf, &size);

	if (fp == NULL) {
		textview_set(
		    &ms->text, _("The member cannot be read just now."));
		return;
	}
	cmd_admin_context(ui->app, &s);
	s.out = fp;
	s.err = fp;
	cli_error_to(fp);
	if (!ui->app->viewer.is_sysop)
		(void)fprintf(fp, "%s\n", _("You are no longer a sysop."));
	else if (store_user_get(ui->app->store, ms->id, &ms->u) != 0)
		(void)fprintf(fp, "%s\n", _("No such member (any more)."));
	else
		(void)sysop_user_describe(&s, ms->id, 0);
	cli_error_to(NULL);
	(void)fclose(fp);
	top = ms->text.top;
	textview_set(&ms->text, buf != NULL ? buf : "");
	ms->text.top = top;
	free(buf);
}

static int
member_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct member_state *ms = NULL;
	struct sysop s;

	if (arg->id <= 0)
		return MB_ERR_INVALID;
	ms = xcalloc(1, sizeof(*ms));
	ms->id = arg->id;
	member_reload(ui, ms);
	if (ui->app->viewer.is_sysop && ms->u.id == ms->id) {
		cmd_admin_context(ui->app, &s);
		sysop_audit(&s, "user-show", ms->id, 0, "");
	}
	*state = ms;
	return 0;
}

static void
member_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct member_state *ms = state;
	char keys[256], prompt[160], **lines = NULL;
	int rows, cols, y, i, n = 0, result_rows = 0;
	size_t k, used = 0;

	getmaxyx(win, rows, cols);
	if (ms->result != NULL) {
		n = wrap_text(ms->result, cols - 2, &lines);
		result_rows = n < MEMBER_RESULT_ROWS ? n : MEMBER_RESULT_ROWS;
	}
	ms->text_rows = rows - 3 - result_rows;
	textview_draw(ui, &ms->text, win, 0, 1, ms->text_rows, cols - 2);
	y = ms->text_rows;
	(void)wmove(win, y++, 0);
	(void)whline(win, ACS_HLINE, cols);
	for (i = 0; i < result_rows; i++) {
		(void)wmove(win, y++, 1);
		(void)ui_put(win, lines[n - result_rows + i], cols - 2);
	}
	wrap_free(lines, n);
	(void)wmove(win, y, 1);
	if (ms->typing) {
		(void)ui_put(win, "> ", 2);
		(void)ui_put(win, ms->line, cols - 4);
		ui_set_cursor(ui, win, y,
		    3 + text_width(ms->line) < cols - 1 ?
			3 + text_width(ms->line) :
			cols - 2);
	} else if (ms->pending != NULL) {
		(void)snprintf(prompt, sizeof(prompt),
		    ms->u.is_sysop ? _("Take the sysop's rights from %s? y "
				       "yes, any other key no") :
				     _("Make %s a sysop? y yes, any other "
				       "key no"),
		    ms->u.username);
		(void)wattrset(win, ui_attr(ui, UI_ERROR));
		(void)ui_put(win, prompt, cols - 2);
		(void)wattrset(win, A_NORMAL);
	} else {
		keys[0] = '\0';
		for (k = 0; k < nitems(member_actions); k++)
			used += (size_t)snprintf(keys + used,
			    used < sizeof(keys) ? sizeof(keys) - used : 0,
			    "%c %s  ", member_actions[k].key,
			    _(member_actions[k].label));
		(void)wattrset(win, ui_attr(ui, UI_DIM));
		(void)ui_put(win, keys, cols - 2);
		(void)ui_put(win, _(": command"), cols - 2 - text_width(keys));
		(void)wattrset(win, A_NORMAL);
	}
}

/* Run an admin command line; its output shows, the member is reread. */
static void
member_run(struct ui *ui, struct member_state *ms, const char *command)
{
	char *out = NULL;
	int rc;

	rc = scr_sysop_run(ui, command, &out);
	free(ms->result);
	ms->result = xasprintf("> %s\n%s%s", command,
	    out != NULL && out[0] != '\0' ? out : "",
	    rc == CLI_OK ? "" : _("(not done)\n"));
	free(out);
	member_reload(ui, ms);
}

/* Run action a for the member. */
static void
member_act(
    struct ui *ui, struct member_state *ms, const struct member_action *a)
{
	char command[128];

	(void)snprintf(command, sizeof(command), a->command, (long long)ms->id,
	    ms->u.is_sysop ? "off" : "on");
	member_run(ui, ms, command);
}

/* A key on the command line. */
static enum ui_result
member_line_key(struct ui *ui, struct member_state *ms, struct ui_key key)
{
	char enc[4], command[sizeof(ms->line)];
	int n;

	if (!key.is_function && key.ch == UI_KEY_ESC) {
		ms->typing = 0;
		return UI_HANDLED;
	}
	if (ui_key_enter(key)) {
		ms->typing = 0;
		(void)snprintf(command, sizeof(command), "%s", ms->line);
		ms->line[0] = '\0';
		ms->len = 0;
		if (command[0] != '\0')
			member_run(ui, ms, command);
		return UI_HANDLED;
	}
	if ((key.is_function && key.ch == KEY_BACKSPACE) ||
	    (!key.is_function && (key.ch == 0x7f || key.ch == 0x08))) {
		while (ms->len > 0 &&
		    ((unsigned char)ms->line[--ms->len] & 0xC0) == 0x80)
			;
		ms->line[ms->len] = '\0';
		return UI_HANDLED;
	}
	if (key.is_function || key.ch < 0x20)
		return UI_HANDLED;
	n = text_utf8_encode((uint32_t)key.ch, enc);
	if (n > 0 && text_utf8_length(ms->line) < MEMBER_LINE_CHARS &&
	    ms->len + (size_t)n < sizeof(ms->line)) {
		memcpy(ms->line + ms->len, enc, (size_t)n);
		ms->len += (size_t)n;
		ms->line[ms->len] = '\0';
	}
	return UI_HANDLED;
}

static enum ui_result
member_key(struct ui *ui, void *state, struct ui_key key)
{
	struct member_state *ms = state;
	const struct member_action *a = NULL;
	size_t k;

	if (ms->typing)
		return member_line_key(ui, ms, key);
	if (ms->pending != NULL) {
		a = ms->pending;
		ms->pending = NULL;
		if (!key.is_function && key.ch == 'y')
			member_act(ui, ms, a);
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == ':') {
		ms->typing = 1;
		return UI_HANDLED;
	}
	for (k = 0; !key.is_function && k < nitems(member_actions); k++) {
		if ((wint_t)member_actions[k].key != key.ch)
			continue;
		if (member_actions[k].confirm)
			ms->pending = &member_actions[k];
		else
			member_act(ui, ms, &member_actions[k]);
		return UI_HANDLED;
	}
	if (textview_key(&ms->text, key, ms->text_rows))
		return UI_HANDLED;
	return UI_UNHANDLED;
}

/* The member, or the board, changed: read again. */
static void
member_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	(void)news;
	member_reload(ui, state);
}

static void
member_close(void *state)
{
	struct member_state *ms = state;

	textview_free(&ms->text);
	free(ms->result);
	free(ms);
}

const struct screen scr_sysop_member = {
	.name = "sysop-member",
	.title = N_("Member"),
	.help = N_("One member in full, as ssh board admin user show prints "
		   "it; opening it is in the audit log.\n"
		   "  c   confirm the address by hand\n"
		   "  v   mail a new verification code\n"
		   "  r   mail a password reset code\n"
		   "  s   make a sysop, or no longer (asks first)\n"
		   "  :   type any admin command (Enter runs it, Esc "
		   "cancels)\n"
		   "  PgUp/PgDn, Up/Down   scroll"),
	.keys = N_("c v r s actions  : command  q back"),
	.open = member_open,
	.draw = member_draw,
	.key = member_key,
	.close = member_close,
	.update = member_update,
};
