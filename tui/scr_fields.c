/*
 * scr_fields: change one's fields of study (shown to others).  Retired
 * fields one already has stay on offer; others cannot be chosen anew.
 */
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "profile.h"
#include "screens.h"
#include "store.h"
#include "util.h"

#define FIELDS_CHOICE_ROWS 12

enum { FS_LIST = 1, FS_SAVE };

static const struct form_field fields_fields[] = {
	{ .kind = FORM_CHOICES,
	    .label = N_("Fields of study"),
	    .id = FS_LIST,
	    .hint = N_("Space chooses, up to five") },
	{ .kind = FORM_BUTTON, .label = N_("Save"), .id = FS_SAVE },
};

struct fields_state {
	struct formscr fs;
	struct store_item *items;
	size_t n;
};

/* Save the ticked fields through the rules; a refusal shows under the list. */
static enum ui_result
fields_submit(struct ui *ui, struct formscr *fs, int button)
{
	struct fields_state *st = fs->ctx;
	struct form_field *list = form_get(&fs->form, FS_LIST);
	int64_t ids[FIELDS_MAX + 1];
	const char *why = NULL;
	size_t i, n = 0;
	int rc;

	(void)button;
	for (i = 0; i < st->n; i++) {
		if (list->on[i] && n <= FIELDS_MAX)
			ids[n++] = st->items[i].id;
	}
	rc = profile_fields_save(
	    &ui->app->board, ui->app->viewer.user_id, ids, n, &why);
	if (rc != 0) {
		list->error = why != NULL ? why : _("Not saved; try again.");
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	formscr_result(fs, UI_OK, "%s", _("Saved."));
	return UI_HANDLED;
}

/*
 * Offers the live fields and the retired ones the member still has, the
 * member's own ticked.
 */
static int
fields_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct fields_state *st = xcalloc(1, sizeof(*st));
	struct store_item *live = NULL, *had = NULL;
	size_t nlive = 0, nhad = 0, i, j;
	const char **labels = NULL;
	unsigned char *on = NULL;
	int rc;

	(void)arg;
	rc =
	    store_list_get(ui->app->store, STORE_LIST_FIELDS, 0, &live, &nlive);
	if (rc == 0)
		rc = store_user_fields(
		    ui->app->store, ui->app->viewer.user_id, &had, &nhad);
	if (rc != 0) {
		free(live);
		free(st);
		return rc;
	}
	/* The live list, and retired fields the member still has. */
	st->items = xcalloc(nlive + nhad + 1, sizeof(*st->items));
	memcpy(st->items, live, nlive * sizeof(*live));
	st->n = nlive;
	for (j = 0; j < nhad; j++) {
		if (had[j].retired)
			st->items[st->n++] = had[j];
	}
	labels = xcalloc(st->n + 1, sizeof(*labels));
	on = xcalloc(st->n + 1, 1);
	for (i = 0; i < st->n; i++) {
		labels[i] = st->items[i].name;
		for (j = 0; j < nhad; j++)
			on[i] |= had[j].id == st->items[i].id;
	}
	formscr_init(&st->fs, fields_fields, (int)nitems(fields_fields),
	    _("Your fields of study are shown with your name, to everyone."),
	    fields_submit, st);
	form_set_choices(form_get(&st->fs.form, FS_LIST), labels, (int)st->n,
	    on, FIELDS_MAX, FIELDS_CHOICE_ROWS);
	free(labels);
	free(on);
	free(live);
	free(had);
	*state = st;
	return 0;
}

static void
fields_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, &((struct fields_state *)state)->fs, win);
}

static enum ui_result
fields_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, &((struct fields_state *)state)->fs, key);
}

static int
fields_dirty(void *state)
{
	return ((struct fields_state *)state)->fs.form.dirty;
}

static void
fields_close(void *state)
{
	struct fields_state *st = state;

	formscr_free(&st->fs);
	free(st->items);
	free(st);
}

const struct screen scr_fields = {
	.name = "fields",
	.title = N_("Fields of study"),
	.help = N_("Space chooses or drops a field; Ctrl-S saves."),
	.keys = N_("Space choose  Ctrl-S save  Esc back"),
	.open = fields_open,
	.draw = fields_draw,
	.key = fields_key,
	.close = fields_close,
	.dirty = fields_dirty,
};
