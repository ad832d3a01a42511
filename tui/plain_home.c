/*
 * plain_home: the home menu of the plain mode, and the pages that only
 * print (how the programme works, the privacy notice) or ask for one
 * code (confirming the address).  The menu is a table, as the home
 * screen's: an entry shows when its condition holds for the viewer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "cli.h"
#include "i18n.h"
#include "plain.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* What a page of the home menu does; NULL: leave. */
typedef int (*plain_home_fn)(struct plain *p, const char *text);

static int plain_programme(struct plain *p, const char *text);
static int plain_privacy(struct plain *p, const char *text);
static int plain_register(struct plain *p, const char *text);
static int plain_reset(struct plain *p, const char *text);
static int plain_status(struct plain *p, const char *text);
static int plain_resend(struct plain *p, const char *text);

/* Guests. */
static int
plain_guest(const struct viewer *v)
{
	return v->user_id == 0;
}

/* Members who have confirmed their address. */
static int
plain_member(const struct viewer *v)
{
	return v->user_id != 0 && v->verified;
}

/* Members who have not yet. */
static int
plain_unverified(const struct viewer *v)
{
	return v->user_id != 0 && !v->verified;
}

/* Guests and confirmed members. */
static int
plain_searcher(const struct viewer *v)
{
	return v->user_id == 0 || v->verified;
}

/* Everyone. */
static int
plain_anyone(const struct viewer *v)
{
	(void)v;
	return 1;
}

static const struct {
	const char *label; /* N_() */
	plain_home_fn run;
	int (*visible)(const struct viewer *v);
} plain_home_entries[] = {
	{ N_("Confirm your e-mail address"), plain_verify, plain_unverified },
	{ N_("Send the code again"), plain_resend, plain_unverified },
	{ N_("Find a mentor"), plain_search, plain_searcher },
	{ N_("Notifications"), plain_notifications, plain_member },
	{ N_("Requests"), plain_requests, plain_member },
	{ N_("Chats"), plain_chats, plain_member },
	{ N_("What is missing before you can ask a mentor"), plain_status,
	    plain_member },
	{ N_("My account"), plain_account, plain_member },
	{ N_("How the mentoring programme works"), plain_programme,
	    plain_anyone },
	{ N_("Register"), plain_register, plain_guest },
	{ N_("Forgot password"), plain_reset, plain_guest },
	{ N_("Privacy notice"), plain_privacy, plain_anyone },
};

/* Print a text of the screens, its "# " headings as plain lines. */
static void
plain_text(struct plain *p, const char *text)
{
	const char *line = text, *nl;
	size_t len;

	plain_say(p, "\n");
	while (*line != '\0') {
		nl = strchr(line, '\n');
		len = nl != NULL ? (size_t)(nl - line) : strlen(line);
		if (strncmp(line, "# ", 2) == 0)
			plain_say(p, "%.*s:\n", (int)len - 2, line + 2);
		else
			plain_say(p, "%.*s\n", (int)len, line);
		if (nl == NULL)
			break;
		line = nl + 1;
	}
}

static int
plain_programme(struct plain *p, const char *text)
{
	(void)text;
	plain_text(p, scr_home_programme_text());
	return PLAIN_BACK;
}

static int
plain_privacy(struct plain *p, const char *text)
{
	(void)text;
	plain_text(p, scr_privacy_text());
	return PLAIN_BACK;
}

/* Registering is a command: say which, to be typed with ssh. */
static int
plain_register(struct plain *p, const char *text)
{
	char ssh[512];

	(void)text;
	account_ssh_command(&p->app->cfg, "guest", 0, ssh, sizeof(ssh));
	plain_say(p, "\n%s\n  %s %s\n%s\n",
	    _("To register, run this command, with your password on its "
	      "standard input:"),
	    ssh,
	    "register --username NAME --email ADDRESS --first FIRST "
	    "--last SURNAME --field FIELD --accept-privacy",
	    _("The privacy notice says what the board keeps; the fields of "
	      "study are listed by the command \"fields\"."));
	return PLAIN_BACK;
}

/* A forgotten password: the code by mail, then the command. */
static int
plain_reset(struct plain *p, const char *text)
{
	char who[PLAIN_LINE_MAX], line[4 * PLAIN_LINE_MAX + 32], ssh[512];

	(void)text;
	if (plain_ask(p,
		_("Your user name or e-mail address (Enter alone: back): "),
		who, sizeof(who), 0) != PLAIN_LINE ||
	    who[0] == '\0')
		return p->gone ? PLAIN_END : PLAIN_BACK;
	memcpy(line, "reset-request ", 14);
	if (plain_quote(who, line + 14, sizeof(line) - 14) == 0)
		(void)plain_command(p, line, NULL);
	account_ssh_command(&p->app->cfg, "guest", 0, ssh, sizeof(ssh));
	plain_say(p, "%s\n  %s reset CODE\n",
	    _("With the code from the mail, set a new password (on the "
	      "command's standard input):"),
	    ssh);
	return PLAIN_BACK;
}

/* Where a member stands before writing to a mentor. */
static int
plain_status(struct plain *p, const char *text)
{
	(void)text;
	(void)plain_command(p, "membership", NULL);
	return p->gone ? PLAIN_END : PLAIN_BACK;
}

static int
plain_resend(struct plain *p, const char *text)
{
	(void)text;
	(void)plain_command(p, "resend", NULL);
	return p->gone ? PLAIN_END : PLAIN_BACK;
}

int
plain_verify(struct plain *p, const char *text)
{
	char code[PLAIN_LINE_MAX], line[4 * PLAIN_LINE_MAX + 16];

	if (p->app->viewer.user_id == 0 || p->app->viewer.verified)
		return PLAIN_BACK;
	if (text != NULL)
		(void)snprintf(code, sizeof(code), "%s", text);
	else if (plain_ask(p,
		     _("The code from the mail we sent you (Enter alone: "
		       "back): "),
		     code, sizeof(code), 0) != PLAIN_LINE)
		return p->gone ? PLAIN_END : PLAIN_BACK;
	text_trim(code);
	memcpy(line, "verify ", 7);
	if (code[0] == '\0' ||
	    plain_quote(code, line + 7, sizeof(line) - 7) != 0)
		return PLAIN_BACK;
	if (plain_command(p, line, NULL) == CLI_OK &&
	    identity_refresh(p->app) != 0)
		plain_say(p, "%s\n", _("Please log in again."));
	explicit_bzero(code, sizeof(code));
	explicit_bzero(line, sizeof(line));
	return p->gone ? PLAIN_END : PLAIN_BACK;
}

int
plain_home(struct plain *p, const char *text)
{
	const char *labels[PLAIN_MENU_MAX], *title = NULL;
	plain_home_fn runs[PLAIN_MENU_MAX];
	char head[512], label[PLAIN_MENU_MAX][128];
	int64_t unread = 0;
	int n, chosen;
	size_t k;

	(void)text;
	plain_say(p, "\n%s\n",
	    _("Mentorboard, in the plain mode: menus are numbered, type a "
	      "number and Enter. At every menu a command works too (\"help\" "
	      "lists them); Enter alone reads the menu again."));
	for (;;) {
		n = 0;
		if (p->app->viewer.user_id != 0 &&
		    store_notification_unread(
			p->app->store, p->app->viewer.user_id, &unread) != 0)
			unread = 0;
		for (k = 0; k < nitems(plain_home_entries); k++) {
			if (!plain_home_entries[k].visible(&p->app->viewer))
				continue;
			if (plain_home_entries[k].run == plain_notifications)
				(void)snprintf(label[n], sizeof(label[n]),
				    _("Notifications (%lld unread)"),
				    (long long)unread);
			else
				(void)snprintf(label[n], sizeof(label[n]), "%s",
				    _(plain_home_entries[k].label));
			labels[n] = label[n];
			runs[n++] = plain_home_entries[k].run;
		}
		if (p->app->viewer.user_id != 0)
			(void)snprintf(head, sizeof(head),
			    _("Main menu of %s:"), p->app->viewer.display_name);
		else if (p->app->viewer.is_operator)
			(void)snprintf(head, sizeof(head), "%s",
			    _("Main menu (the host's operator: the team's "
			      "commands work here; help lists them):"));
		else
			(void)snprintf(
			    head, sizeof(head), "%s", _("Main menu (guest):"));
		title = head;
		chosen = plain_menu(p, title, labels, n, _("Leave the board"));
		if (chosen < 0 || p->gone)
			return p->gone ? PLAIN_END : PLAIN_BACK;
		if (runs[chosen](p, NULL) == PLAIN_END || p->gone)
			return PLAIN_END;
	}
}
