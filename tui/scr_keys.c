/*
 * scr_keys: a member's SSH keys.  The list (type, fingerprint, comment);
 * "a" adds a key by pasting its .pub line, "d" twice removes the one
 * selected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "error.h"
#include "formscr.h"
#include "i18n.h"
#include "screens.h"
#include "sshkey.h"
#include "store.h"
#include "util.h"

struct keys_state {
	struct store_key *keys;
	size_t n;
	int selected;
	int confirm_delete;
};

/* Read the member's keys again, keeping the selection inside the list. */
static void
keys_reload(struct ui *ui, struct keys_state *ks)
{
	free(ks->keys);
	ks->keys = NULL;
	ks->n = 0;
	if (store_key_list(ui->app->store, ui->app->viewer.user_id, &ks->keys,
		&ks->n) != 0)
		ui_message(ui, UI_ERROR, "%s", _("Your keys cannot be read."));
	if (ks->selected >= (int)ks->n)
		ks->selected = ks->n > 0 ? (int)ks->n - 1 : 0;
}

static int
keys_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct keys_state *ks = xcalloc(1, sizeof(*ks));

	(void)arg;
	keys_reload(ui, ks);
	*state = ks;
	return 0;
}

static void
keys_draw(struct ui *ui, void *state, WINDOW *win)
{
	struct keys_state *ks = state;
	char line[1024], cmd[512];
	int cols = getmaxx(win), rows = getmaxy(win), y = 1;
	size_t i;

	(void)wmove(win, y++, 2);
	(void)ui_put(win,
	    _("Log in with a key instead of a password: add the "
	      "public half (the .pub file)."),
	    cols - 4);
	account_ssh_command(
	    ui->app->board.cfg, ui->app->viewer.username, 0, cmd, sizeof(cmd));
	(void)snprintf(line, sizeof(line),
	    _("From a shell: %s keys add < ~/.ssh/id_ed25519.pub"), cmd);
	(void)wmove(win, y++, 2);
	(void)wattrset(win, ui_attr(ui, UI_DIM));
	(void)ui_put(win, line, cols - 4);
	(void)wattrset(win, A_NORMAL);
	y++;
	if (ks->n == 0) {
		(void)wmove(win, y, 2);
		(void)ui_put(
		    win, _("No keys yet. Press a to add one."), cols - 4);
		return;
	}
	for (i = 0; i < ks->n && y < rows - 1; i++, y++) {
		(void)snprintf(line, sizeof(line), "%-20s %-50s %s",
		    ks->keys[i].type, ks->keys[i].fingerprint,
		    ks->keys[i].comment);
		(void)wmove(win, y, 1);
		if ((int)i == ks->selected)
			ui_set_focus(ui, win, y, 2);
		(void)wattrset(win,
		    (int)i == ks->selected ? ui_attr(ui, UI_SELECTED) :
					     A_NORMAL);
		(void)whline(win, ' ', cols - 2);
		(void)wmove(win, y, 2);
		(void)ui_put(win, line, cols - 4);
		(void)wattrset(win, A_NORMAL);
	}
}

/*
 * d (or Delete) asks, and a second d right after removes the selected key
 * through the rules; any other key in between cancels.
 */
static enum ui_result
keys_key(struct ui *ui, void *state, struct ui_key key)
{
	struct keys_state *ks = state;
	int confirm = ks->confirm_delete;
	const char *why = NULL;

	ks->confirm_delete = 0;
	if (key.is_function && key.ch == KEY_UP && ks->selected > 0) {
		ks->selected--;
		return UI_HANDLED;
	}
	if (key.is_function && key.ch == KEY_DOWN &&
	    ks->selected + 1 < (int)ks->n) {
		ks->selected++;
		return UI_HANDLED;
	}
	if (!key.is_function && key.ch == 'a') {
		(void)ui_push(ui, &scr_key_add, NULL);
		return UI_HANDLED;
	}
	if ((!key.is_function && key.ch == 'd') ||
	    (key.is_function && key.ch == KEY_DC)) {
		if (ks->n == 0)
			return UI_HANDLED;
		if (!confirm) {
			ks->confirm_delete = 1;
			ui_message(ui, UI_ERROR, "%s",
			    _("Press d again to remove this key."));
			return UI_HANDLED;
		}
		if (account_key_remove(&ui->app->board, ui->app->viewer.user_id,
			ks->keys[ks->selected].fingerprint, &why) == 0)
			ui_message(ui, UI_OK, "%s", _("Key removed."));
		else
			ui_message(ui, UI_ERROR, "%s",
			    why != NULL ? why : _("Please try again later."));
		keys_reload(ui, ks);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/* Keys were added or removed, here or in another session. */
static void
keys_update(struct ui *ui, void *state, const struct store_news_event *news)
{
	if (news->kind == STORE_NEWS_ACCOUNT || news->kind == STORE_NEWS_ANY)
		keys_reload(ui, state);
}

static void
keys_close(void *state)
{
	struct keys_state *ks = state;

	free(ks->keys);
	free(ks);
}

const struct screen scr_keys = {
	.name = "keys",
	.title = N_("SSH keys"),
	.help = N_("Your SSH public keys. With one added, ssh logs you in "
		   "without a password.\n"
		   "  a        add a key (paste the line of your .pub file)\n"
		   "  d, d     remove the selected key"),
	.keys = N_("a add  d remove  q back"),
	.open = keys_open,
	.draw = keys_draw,
	.key = keys_key,
	.close = keys_close,
	.update = keys_update,
};

/* ---- Adding a key -------------------------------------------------------- */

enum { K_LINE = 1, K_ADD };

static const struct form_field key_add_fields[] = {
	{ .kind = FORM_TEXT,
	    .label = N_("Public key"),
	    .id = K_LINE,
	    .max_chars = FORM_TEXT_MAX_BYTES,
	    .hint = N_("ssh-ed25519 AAAA... you@laptop") },
	{ .kind = FORM_BUTTON, .label = N_("Add the key"), .id = K_ADD },
};

/*
 * Add the pasted line through the rules: back to the list when it is added,
 * the reason under the field when not.
 */
static enum ui_result
key_add_submit(struct ui *ui, struct formscr *fs, int button)
{
	const char *why = NULL;
	int added = 0, line_no = 0, rc;

	(void)button;
	form_clear_errors(&fs->form);
	rc = account_keys_add(&ui->app->board, ui->app->viewer.user_id,
	    form_text(form_get(&fs->form, K_LINE)), &added, &line_no, &why);
	if (rc != 0) {
		form_get(&fs->form, K_LINE)->error =
		    why != NULL ? why : _("Please try again later.");
		return UI_HANDLED;
	}
	fs->form.dirty = 0;
	ui_message(ui, UI_OK, "%s", _("Key added."));
	return UI_BACK;
}

static int
key_add_open(struct ui *ui, const struct ui_arg *arg, void **state)
{
	struct formscr *fs = xcalloc(1, sizeof(*fs));

	(void)ui;
	(void)arg;
	formscr_init(fs, key_add_fields, (int)nitems(key_add_fields),
	    _("Paste the one line of your public key file, for example "
	      "~/.ssh/id_ed25519.pub (never the file without .pub)."),
	    key_add_submit, fs);
	*state = fs;
	return 0;
}

static void
key_add_draw(struct ui *ui, void *state, WINDOW *win)
{
	formscr_draw(ui, state, win);
}

static enum ui_result
key_add_key(struct ui *ui, void *state, struct ui_key key)
{
	return formscr_key(ui, state, key);
}

static void
key_add_close(void *state)
{
	formscr_free(state);
	free(state);
}

const struct screen scr_key_add = {
	.name = "key-add",
	.title = N_("Add an SSH key"),
	.help = N_("Paste your public key and press Enter."),
	.keys = N_("Enter add  Esc back"),
	.open = key_add_open,
	.draw = key_add_draw,
	.key = key_add_key,
	.close = key_add_close,
};
