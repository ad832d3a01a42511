/*
 * plain_requests: mentoring requests in the plain mode, both ways: the
 * list, one request read out (through `requests show`, which also records
 * that its mentor read the application), and what its mentor (accept,
 * decline) or its mentee (withdraw) may do, through the commands.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "plain.h"
#include "request.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* The other of the two, as others see them. */
static void
plain_other(
    struct plain *p, const struct store_mentorship *m, char *out, size_t size)
{
	if (m->mentor_id == p->app->viewer.user_id)
		cmd_party_name(
		    m->mentee_first, m->mentee_last, m->mentee_id, out, size);
	else
		cmd_party_name(
		    m->mentor_first, m->mentor_last, m->mentor_id, out, size);
}

/* The mentor declines: a reason of the list, a message, the command. */
static void
plain_decline(struct plain *p, int64_t id)
{
	const char *labels[REQUEST_NREASONS];
	char message[PLAIN_LINE_MAX], line[128];
	int i, chosen;

	for (i = 0; i < REQUEST_NREASONS; i++)
		labels[i] = _(request_reason_text((enum request_reason)i));
	chosen = plain_menu(p, _("Why do you decline? The mentee sees it."),
	    labels, REQUEST_NREASONS, _("Back"));
	if (chosen < 0)
		return;
	if (plain_ask(p,
		_("A message to the mentee, on one line (Enter alone for "
		  "none): "),
		message, sizeof(message), 0) != PLAIN_LINE)
		return;
	(void)snprintf(line, sizeof(line),
	    "requests decline %lld --reason %s%s", (long long)id,
	    request_reason_word((enum request_reason)chosen),
	    message[0] != '\0' ? " --message-stdin" : "");
	(void)plain_command(p, line, message[0] != '\0' ? message : NULL);
}

/* The mentor accepts, with a message if they like. */
static void
plain_accept(struct plain *p, int64_t id)
{
	char message[PLAIN_LINE_MAX], line[128];

	if (plain_ask(p,
		_("A message to the mentee, on one line (Enter alone for "
		  "none): "),
		message, sizeof(message), 0) != PLAIN_LINE)
		return;
	(void)snprintf(line, sizeof(line), "requests accept %lld%s",
	    (long long)id, message[0] != '\0' ? " --message-stdin" : "");
	(void)plain_command(p, line, message[0] != '\0' ? message : NULL);
}

int
plain_request(struct plain *p, const char *text)
{
	struct store_mentorship m;
	char line[64], answer[PLAIN_LINE_MAX], question[256];
	int64_t id = 0;
	int mentor, rc = PLAIN_BACK;
	long n;

	if (text == NULL ||
	    parse_long(text[0] == '#' ? text + 1 : text, 1, LONG_MAX, &n) != 0)
		return plain_requests(p, NULL);
	id = n;
	for (;;) {
		memset(&m, 0, sizeof(m));
		if (request_get(&p->app->board, &p->app->viewer, id, &m) != 0) {
			plain_say(p, _("There is no request #%lld of yours.\n"),
			    (long long)id);
			break;
		}
		mentor = m.mentor_id == p->app->viewer.user_id;
		(void)snprintf(
		    line, sizeof(line), "requests show %lld", (long long)id);
		plain_say(p, "\n");
		(void)plain_command(p, line, NULL);
		if (m.state == STORE_MSHIP_OPEN && mentor)
			(void)snprintf(question, sizeof(question), "%s",
			    _("a: accept, d: decline, 0: back: "));
		else if (m.state == STORE_MSHIP_OPEN)
			(void)snprintf(question, sizeof(question), "%s",
			    _("w: withdraw it, 0: back: "));
		else if (m.state == STORE_MSHIP_CONNECTED ||
		    m.state == STORE_MSHIP_OFFICIAL ||
		    m.state == STORE_MSHIP_ENDED)
			(void)snprintf(question, sizeof(question), "%s",
			    _("c: the chat, 0: back: "));
		else
			(void)snprintf(
			    question, sizeof(question), "%s", _("0: back: "));
		store_mentorship_free(&m);
		if (plain_ask(p, question, answer, sizeof(answer), 0) !=
		    PLAIN_LINE)
			break;
		text_trim(answer);
		if (answer[0] == '\0' || strcmp(answer, "0") == 0)
			break;
		if (strcmp(answer, "a") == 0 && mentor)
			plain_accept(p, id);
		else if (strcmp(answer, "d") == 0 && mentor)
			plain_decline(p, id);
		else if (strcmp(answer, "w") == 0 && !mentor) {
			(void)snprintf(line, sizeof(line),
			    "requests withdraw %lld", (long long)id);
			if (plain_confirm(p, _("Withdraw the request? (y/n) ")))
				(void)plain_command(p, line, NULL);
		} else if (strcmp(answer, "c") == 0)
			rc = plain_chat(p, id);
		else
			(void)plain_command(p, answer, NULL);
		if (rc == PLAIN_END || p->gone)
			break;
	}
	return p->gone ? PLAIN_END : rc;
}

int
plain_requests(struct plain *p, const char *text)
{
	struct store_mentorship *rows = NULL;
	char answer[PLAIN_LINE_MAX], other[DISPLAY_NAME_MAX], when[32];
	char id[32];
	size_t n = 0, i;
	int rc = PLAIN_BACK, show = 1;
	long number;

	(void)text;
	for (;;) {
		if (show) {
			store_mentorship_rows_free(rows, n);
			rows = NULL;
			n = 0;
			if (request_list(&p->app->board, &p->app->viewer, &rows,
				&n) != 0) {
				plain_say(p, "%s\n",
				    _("Your requests cannot be read just now."));
				break;
			}
			if (n == 0) {
				plain_say(p, "%s\n",
				    _("No requests yet: find a mentor and ask "
				      "them."));
				break;
			}
			plain_say(p, "\n%s\n", _("Requests, newest first:"));
			for (i = 0; i < n; i++) {
				plain_other(p, &rows[i], other, sizeof(other));
				plain_when(
				    p, rows[i].sent_at, when, sizeof(when));
				plain_say(p,
				    rows[i].mentor_id ==
					    p->app->viewer.user_id ?
					_("%zu. From %s, in %s, %s, sent "
					  "%s.\n") :
					_("%zu. To %s, in %s, %s, sent %s.\n"),
				    i + 1, other, rows[i].area,
				    _(store_mship_state_word(rows[i].state)),
				    when);
			}
			show = 0;
		}
		if (plain_ask(p, _("A number opens it, 0: back: "), answer,
			sizeof(answer), 0) != PLAIN_LINE)
			break;
		text_trim(answer);
		if (strcmp(answer, "0") == 0)
			break;
		if (answer[0] == '\0')
			show = 1;
		else if (parse_long(answer, 1, (long)n, &number) == 0) {
			(void)snprintf(id, sizeof(id), "%lld",
			    (long long)rows[number - 1].id);
			rc = plain_request(p, id);
			if (rc == PLAIN_END)
				break;
			show = 1;
		} else if (parse_long(answer, 0, LONG_MAX, &number) == 0)
			plain_say(p, _("Choose one of 1 to %zu.\n"), n);
		else
			(void)plain_command(p, answer, NULL);
		if (p->gone)
			break;
	}
	store_mentorship_rows_free(rows, n);
	return p->gone ? PLAIN_END : rc;
}
