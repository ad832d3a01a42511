/*
 * scr_profile: the profile, in parts: mentoring roles, mentor profile,
 * application, CV, fields of study, the alumni community; each line says
 * how far it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "membership.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "util.h"
#include "widget.h"

static const struct menu_item profile_items[] = {
	{ N_("Mentoring roles"), 'r' },
	{ N_("Mentor profile"), 'm' },
	{ N_("My application (as mentee)"), 'a' },
	{ N_("CV"), 'c' },
	{ N_("Fields of study"), 'f' },
	{ N_("Career Mentoring Program"), 'p' },
};

static const struct screen *const profile_targets[] = {
	&scr_roles,
	&scr_mentor,
	&scr_application,
	&scr_cv,
	&scr_fields,
	&scr_membership,
};

struct profile_state {
	struct menu menu;
};

static int
profile_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct profile_state *ps = xcalloc(1, sizeof(*ps));

	(void)ui;
	(void)arg;
	ps->menu.items = profile_items;
	ps->menu.nitems = (int)nitems(profile_items);
	*state = ps;
	return 0;
}

/*
 * Reads how far each part is as it draws (no update callback needed), so a
 * part just edited shows at once on return.
 */
static void
profile_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct profile_state *ps = state;
	struct store_mentor m;
	struct store_cv_info cv;
	struct store_application a;
	struct membership_view v;
	char line[256];
	int cols = getmaxx(win), mentor = 0, mentee = 0, y = 1, i, written = 0;
	int64_t uid = ui->app->viewer.user_id;

	(void)wmove(win, y++, 2);
	(void)ui_put(
	    win, _("Everything here can be changed at any time."), cols - 4);
	y++;
	menu_draw(ui, &ps->menu, win, y, 1, 34, 1);
	if (store_roles_count(ui->app->store, uid, &mentor, &mentee) == 0) {
		(void)snprintf(line, sizeof(line),
		    _("mentor in %d, mentee in %d areas"), mentor, mentee);
		(void)wmove(win, y, 38);
		(void)ui_put(win, line, cols - 40);
	}
	if (store_mentor_get(ui->app->store, uid, &m) == 0) {
		(void)wmove(win, y + 1, 38);
		(void)ui_put(win,
		    profile_mentor_complete(&m) ? _("complete") :
						  _("not complete"),
		    cols - 40);
		store_mentor_free(&m);
	}
	if (store_application_get(ui->app->store, uid, &a) == 0) {
		for (i = 0; i < STORE_NSECTIONS; i++)
			written += a.text[i][0] != '\0';
		(void)snprintf(
		    line, sizeof(line), _("%d of 4 parts written"), written);
		(void)wmove(win, y + 2, 38);
		(void)ui_put(win, line, cols - 40);
		store_application_free(&a);
	}
	(void)wmove(win, y + 3, 38);
	(void)ui_put(win,
	    store_cv_info(ui->app->store, uid, &cv) == 0 ? _("on file") :
							   _("none yet"),
	    cols - 40);
	if (membership_get(&ui->app->board, uid, &v) == 0) {
		(void)wmove(win, y + 5, 38);
		(void)ui_put(win,
		    v.status == MEMBERSHIP_MEMBER ? _("a member") :
						    _("not a member yet"),
		    cols - 40);
	}
}

static enum ui_result
profile_key(struct ui *ui, void *state, struct ui_key key)
{
	struct profile_state *ps = state;
	int chosen = menu_key(&ps->menu, key);

	if (chosen >= 0) {
		(void)ui_push(ui, profile_targets[chosen], NULL);
		return UI_HANDLED;
	}
	return chosen == -1 ? UI_HANDLED : UI_UNHANDLED;
}

static void
profile_close(void *state)
{
	free(state);
}

const struct screen scr_profile = {
	.name = "profile",
	.title = N_("My profile"),
	.help = N_("Your profile in the mentoring programme: per area of "
		   "help, mentor or mentee; as a mentor, how you can help; as "
		   "a mentee, your application and CV."),
	.keys = N_("Enter open  q back"),
	.open = profile_open,
	.draw = profile_draw,
	.key = profile_key,
	.close = profile_close,
};
