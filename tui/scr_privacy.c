/* scr_privacy: the privacy notice, in full, on a screen of its own. */
#include <stdlib.h>

#include "i18n.h"
#include "screens.h"
#include "util.h"
#include "widget.h"

const char *
scr_privacy_text(void)
{
	return _(
	    "# Privacy notice\n"
	    "Mentorboard is run by the mentoring team of the alumni office "
	    "for the career-mentoring programme of our alumni community.\n"
	    "\n"
	    "# What we keep\n"
	    "- Your registration: user name, e-mail address, first name, "
	    "surname, fields of study, and your password as a one-way hash "
	    "(nobody can read it back). SSH public keys if you add them.\n"
	    "- What you enter later: your mentoring profile, your "
	    "application and CV, your requests, chat messages and "
	    "agreements.\n"
	    "- For security: when and from which address you logged in.\n"
	    "\n"
	    "# Who sees what\n"
	    "- Other users see only your fields of study and your name as "
	    "first name and the initial of your surname (\"Anna K.\"). They "
	    "never see your user name, e-mail address or full surname.\n"
	    "- Mentors show how they can help, their industry, position and "
	    "languages in the mentor search, as they enter them.\n"
	    "- Your application and CV are seen only by the mentors you send "
	    "a request to, and by the mentoring team.\n"
	    "- The mentoring team (the board's sysops) can see everything, "
	    "to run the programme and to help you.\n"
	    "\n"
	    "# E-mail\n"
	    "We write to you only about your account and your mentoring: "
	    "codes to confirm your address or reset your password, and "
	    "notices about requests.\n"
	    "\n"
	    "# Changing and deleting\n"
	    "You can change what you entered at any time. Ask the mentoring "
	    "team to delete your account: your personal data is then erased; "
	    "other people's records (their messages to you, say) stay "
	    "theirs.\n");
}

static int
privacy_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct textview *tv = xcalloc(1, sizeof(*tv));

	(void)ui;
	(void)arg;
	textview_set(tv, scr_privacy_text());
	*state = tv;
	return 0;
}

static void
privacy_draw(struct ui *ui, void *state, WINDOW *win)
{
	int rows, cols;

	getmaxyx(win, rows, cols);
	textview_draw(ui, state, win, 1, 2, rows - 2, cols - 4);
}

static enum ui_result
privacy_key(struct ui *ui, void *state, struct ui_key key)
{
	int rows = getmaxy(ui->body);

	return textview_key(state, key, rows - 2) ? UI_HANDLED : UI_UNHANDLED;
}

static void
privacy_close(void *state)
{
	textview_free(state);
	free(state);
}

const struct screen scr_privacy = {
	.name = "privacy",
	.title = N_("Privacy notice"),
	.help = N_("The privacy notice of the board: what is kept about you "
		   "and who sees it.\n"
		   "  Up/Down, PgUp/PgDn   scroll"),
	.keys = N_("PgDn more  q back"),
	.open = privacy_open,
	.draw = privacy_draw,
	.key = privacy_key,
	.close = privacy_close,
};
