/*
 * plain_account: "My account" in the plain mode: what the board keeps
 * (`whoami`), then the settings, the first of them the plain mode itself,
 * the password (asked without echo), the SSH keys and the data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "chat.h"
#include "i18n.h"
#include "notify.h"
#include "plain.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define PLAIN_ACCOUNT_ENTRIES 6

/* The password: current, new, new again, none of it echoed. */
static void
plain_password(struct plain *p)
{
	char old[PLAIN_LINE_MAX], new1[PLAIN_LINE_MAX], new2[PLAIN_LINE_MAX];
	const char *why = NULL;

	if (plain_ask(p, _("Your current password (not shown): "), old,
		sizeof(old), 1) == PLAIN_LINE &&
	    plain_ask(p, _("The new password (not shown): "), new1,
		sizeof(new1), 1) == PLAIN_LINE &&
	    plain_ask(p, _("The new password again: "), new2, sizeof(new2),
		1) == PLAIN_LINE) {
		if (account_change_password(&p->app->board,
			p->app->viewer.user_id, old, new1, new2, &why) == 0)
			plain_say(p, "%s\n", _("Your password is changed."));
		else
			plain_say(p, "%s\n",
			    why != NULL ? why : _("Please try again."));
	}
	explicit_bzero(old, sizeof(old));
	explicit_bzero(new1, sizeof(new1));
	explicit_bzero(new2, sizeof(new2));
}

/* The SSH keys: read out; add one pasted, remove one by its number. */
static void
plain_keys(struct plain *p)
{
	struct store_key *keys = NULL;
	char answer[PLAIN_LINE_MAX], line[PLAIN_LINE_MAX];
	size_t n = 0, i;
	long number;

	if (store_key_list(p->app->store, p->app->viewer.user_id, &keys, &n) !=
	    0) {
		plain_say(p, "%s\n", _("Your keys cannot be read just now."));
		return;
	}
	plain_say(p, _("\nYour SSH keys: %zu.\n"), n);
	for (i = 0; i < n; i++)
		plain_say(p, "%zu. %s %s %s\n", i + 1, keys[i].type,
		    keys[i].fingerprint, keys[i].comment);
	if (plain_ask(p,
		_("a: add a key (paste its .pub line), a number: remove that "
		  "key, 0: back: "),
		answer, sizeof(answer), 0) == PLAIN_LINE) {
		text_trim(answer);
		if (strcmp(answer, "a") == 0 &&
		    plain_ask(p, _("The key, on one line: "), line,
			sizeof(line), 0) == PLAIN_LINE &&
		    line[0] != '\0')
			(void)plain_command(p, "keys add", line);
		else if (n > 0 &&
		    parse_long(answer, 1, (long)n, &number) == 0 &&
		    plain_confirm(p, _("Remove that key? (y/n) "))) {
			(void)snprintf(line, sizeof(line), "keys remove %s",
			    keys[number - 1].fingerprint);
			(void)plain_command(p, line, NULL);
		}
	}
	free(keys);
}

/* A terminal cannot save a file: the command that does. */
static void
plain_export(struct plain *p)
{
	char ssh[512];

	account_ssh_command(
	    &p->app->cfg, p->app->viewer.username, 0, ssh, sizeof(ssh));
	plain_say(p,
	    _("Everything the board holds about you is one JSON "
	      "document. A terminal cannot save a file; on your "
	      "computer, run: %s export > me.json\n"),
	    ssh);
}

/* A time zone by name, through the command (which checks it). */
static void
plain_time_zone(struct plain *p)
{
	char zone[PLAIN_LINE_MAX], line[4 * PLAIN_LINE_MAX + 16];

	if (plain_ask(p,
		_("Your time zone, as Europe/Vienna or America/New_York "
		  "(Enter alone: keep it): "),
		zone, sizeof(zone), 0) != PLAIN_LINE)
		return;
	text_trim(zone);
	memcpy(line, "timezone ", 9);
	if (zone[0] != '\0' &&
	    plain_quote(zone, line + 9, sizeof(line) - 9) == 0)
		(void)plain_command(p, line, NULL);
}

int
plain_account(struct plain *p, const char *text)
{
	const char *labels[PLAIN_ACCOUNT_ENTRIES];
	char plain_label[160], mail_label[160], zone[STORE_TIME_ZONE_MAX];
	char zone_label[160];
	struct store_user u;
	int chosen;

	(void)text;
	plain_say(p, "\n");
	(void)plain_command(p, "whoami", NULL);
	for (;;) {
		if (p->gone ||
		    store_user_get(p->app->store, p->app->viewer.user_id, &u) !=
			0)
			break;
		chat_time_zone(&p->app->board, u.id, zone, sizeof(zone));
		(void)snprintf(plain_label, sizeof(plain_label), "%s",
		    u.plain_mode ?
			_("Plain mode: on; choose to have full screens "
			  "from the next login") :
			_("Plain mode: off (on only for this session); "
			  "choose to have it at every login"));
		(void)snprintf(mail_label, sizeof(mail_label), "%s",
		    u.notify_mail ?
			_("Mail when away: on; choose to switch it off") :
			_("Mail when away: off; choose to switch it on"));
		(void)snprintf(
		    zone_label, sizeof(zone_label), _("Time zone: %s"), zone);
		labels[0] = plain_label;
		labels[1] = mail_label;
		labels[2] = zone_label;
		labels[3] = _("Change password");
		labels[4] = _("SSH keys");
		labels[5] = _("Download my data");
		chosen = plain_menu(p, _("My account:"), labels,
		    PLAIN_ACCOUNT_ENTRIES, _("Back"));
		if (chosen < 0)
			break;
		switch (chosen) {
		case 0:
			if (account_set_plain_mode(
				&p->app->board, u.id, !u.plain_mode) != 0)
				plain_say(p, "%s\n", _("Please try again."));
			else
				plain_say(p, "%s\n",
				    !u.plain_mode ?
					_("From the next login on, the board "
					  "starts in the plain mode.") :
					_("From the next login on, the board "
					  "starts with full screens."));
			break;
		case 1:
			if (notify_set_mail(
				&p->app->board, u.id, !u.notify_mail) != 0)
				plain_say(p, "%s\n", _("Please try again."));
			break;
		case 2:
			plain_time_zone(p);
			break;
		case 3:
			plain_password(p);
			break;
		case 4:
			plain_keys(p);
			break;
		case 5:
			plain_export(p);
			break;
		}
	}
	return p->gone ? PLAIN_END : PLAIN_BACK;
}
