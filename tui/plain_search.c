/*
 * plain_search: finding a mentor in the plain mode.  Words are asked on a
 * line, the results read out ten at a time with where they stand ("11-20
 * of 45 mentors"); a number gives the mentor's details (members), and
 * from there a member asks for mentoring.  The rules are search_run's and
 * the commands', as on the screen.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "plain.h"
#include "privacy.h"
#include "search.h"
#include "text.h"
#include "util.h"

#define PLAIN_AREAS_MAX 16 /* areas of a mentor offered to ask in */

/* One result as a line: its number, the name, and what a search shows. */
static void
plain_hit(struct plain *p, size_t number, const struct search_hit *h)
{
	plain_say(p, _("%zu. %s, %s; fields of study: %s; areas: %s.\n"),
	    number, h->display_name,
	    h->available ? _("takes new mentees") : _("no places free"),
	    h->fields, h->areas);
}

/*
 * Ask mentor id for mentoring: an area of theirs, a message, a last look
 * at what they will see, then the request command.
 */
static int
plain_ask_mentor(struct plain *p, int64_t id, const struct search_hit *h)
{
	const char *areas[PLAIN_AREAS_MAX];
	char *list = xstrdup(h->areas), *cursor = list, *area = NULL;
	char message[PLAIN_LINE_MAX], quoted[4 * 256], line[4 * 256 + 128];
	int n = 0, chosen, rc = PLAIN_BACK;

	while (n < PLAIN_AREAS_MAX && (area = strsep(&cursor, ",")) != NULL) {
		while (*area == ' ')
			area++;
		if (*area != '\0')
			areas[n++] = area;
	}
	if (n == 0) {
		plain_say(p, "%s\n", _("This mentor mentors in no area now."));
		goto out;
	}
	chosen = n == 1 ? 0 :
			  plain_menu(p, _("In which area do you ask for help?"),
			      areas, n, _("Back"));
	if (chosen < 0 ||
	    plain_quote(areas[chosen], quoted, sizeof(quoted)) != 0)
		goto out;
	if (plain_ask(p,
		_("A short message to the mentor, on one line (Enter alone "
		  "for none): "),
		message, sizeof(message), 0) == PLAIN_GONE)
		goto out;
	plain_say(p,
	    _("%s will see your message, the four sections of your "
	      "application and your CV (\"application show\" and \"cv\" "
	      "show them).\n"),
	    h->display_name);
	if (!plain_confirm(p, _("Send the request? (y/n) "))) {
		plain_say(p, "%s\n", _("Not sent."));
		goto out;
	}
	(void)snprintf(line, sizeof(line), "requests send %lld --area %s%s",
	    (long long)id, quoted,
	    message[0] != '\0' ? " --message-stdin" : "");
	(void)plain_command(p, line, message[0] != '\0' ? message : NULL);
out:
	free(list);
	if (p->gone)
		rc = PLAIN_END;
	return rc;
}

int
plain_mentor(struct plain *p, int64_t id)
{
	struct search_hit h;
	char line[64], answer[PLAIN_LINE_MAX];
	int rc = PLAIN_BACK;

	if (search_detail(&p->app->board, &p->app->viewer, id, &h) != 0) {
		plain_say(p, "%s\n",
		    privacy_member(&p->app->viewer) != 0 ?
			_("There is no such mentor.") :
			_("Register to see more about this mentor."));
		return PLAIN_BACK;
	}
	(void)snprintf(line, sizeof(line), "mentor %lld", (long long)id);
	plain_say(p, "\n");
	(void)plain_command(p, line, NULL);
	for (;;) {
		if (plain_ask(p,
			_("r: ask this mentor for mentoring; Enter alone: "
			  "back: "),
			answer, sizeof(answer), 0) != PLAIN_LINE)
			break;
		text_trim(answer);
		if (strcmp(answer, "r") == 0) {
			rc = plain_ask_mentor(p, id, &h);
			break;
		}
		if (answer[0] == '\0' || strcmp(answer, "0") == 0)
			break;
		(void)plain_command(p, answer, NULL);
	}
	search_hit_free(&h);
	return p->gone ? PLAIN_END : rc;
}

/* Ask for the words to search for; 0 when there are, -1 to go back. */
static int
plain_search_words(struct plain *p, char *words, size_t size)
{
	if (plain_ask(p,
		_("Search for (words of a first name, field of study, area, "
		  "industry or language; Enter alone for every mentor; 0: "
		  "back): "),
		words, size, 0) != PLAIN_LINE)
		return -1;
	text_trim(words);
	return strcmp(words, "0") == 0 ? -1 : 0;
}

int
plain_search(struct plain *p, const char *text)
{
	char words[PLAIN_LINE_MAX], answer[PLAIN_LINE_MAX], where[128];
	struct search_query q;
	struct search_result r;
	const char *why = NULL;
	int offset = 0, rc = PLAIN_BACK, show = 1;
	long number;
	size_t i;

	if (text != NULL)
		(void)snprintf(words, sizeof(words), "%s", text);
	else if (plain_search_words(p, words, sizeof(words)) != 0)
		return p->gone ? PLAIN_END : PLAIN_BACK;
	memset(&r, 0, sizeof(r));
	for (;;) {
		if (show) {
			search_result_free(&r);
			memset(&q, 0, sizeof(q));
			q.text = words;
			q.limit = PLAIN_SEARCH_PAGE;
			q.offset = offset;
			if (search_run(&p->app->board, &p->app->viewer, &q, &r,
				&why) != 0) {
				plain_say(p, "%s\n",
				    why != NULL ? why : _("Please try again."));
				memset(&r, 0, sizeof(r));
			} else if (r.total == 0)
				plain_say(p, "%s\n", _("No mentor matches."));
			else {
				search_page_text(&r, where, sizeof(where));
				plain_say(p, "\n%s:\n", where);
				for (i = 0; i < r.n; i++)
					plain_hit(
					    p, r.offset + i + 1, &r.hits[i]);
			}
			show = 0;
		}
		if (plain_ask(p,
			privacy_member(&p->app->viewer) != 0 ?
			    _("A number for the mentor's details, n: next, p: "
			      "previous, s: search again, 0: back: ") :
			    _("n: next, p: previous, s: search again, 0: back "
			      "(register to see a mentor's details): "),
			answer, sizeof(answer), 0) != PLAIN_LINE)
			break;
		text_trim(answer);
		if (strcmp(answer, "0") == 0)
			break;
		if (answer[0] == '\0') {
			show = 1;
		} else if (strcmp(answer, "n") == 0) {
			if (r.offset + r.n < r.total || r.more) {
				offset += PLAIN_SEARCH_PAGE;
				show = 1;
			} else
				plain_say(p, "%s\n", _("That was the last."));
		} else if (strcmp(answer, "p") == 0) {
			if (offset > 0) {
				offset -= PLAIN_SEARCH_PAGE;
				show = 1;
			} else
				plain_say(p, "%s\n", _("That was the first."));
		} else if (strcmp(answer, "s") == 0) {
			if (plain_search_words(p, words, sizeof(words)) != 0)
				break;
			offset = 0;
			show = 1;
		} else if (parse_long(answer, (long)r.offset + 1,
			       (long)(r.offset + r.n), &number) == 0) {
			rc = plain_mentor(
			    p, r.hits[number - 1 - (long)r.offset].id);
			if (rc == PLAIN_END)
				break;
			show = 1;
		} else if (parse_long(answer, 0, LONG_MAX, &number) == 0 &&
		    r.n == 0)
			plain_say(
			    p, "%s\n", _("There is none to choose here."));
		else if (parse_long(answer, 0, LONG_MAX, &number) == 0)
			plain_say(p, _("Choose one of %zu to %zu.\n"),
			    r.offset + 1, r.offset + r.n);
		else
			(void)plain_command(p, answer, NULL);
		if (p->gone)
			break;
	}
	search_result_free(&r);
	return p->gone ? PLAIN_END : rc;
}
