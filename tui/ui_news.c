/*
 * ui_news: how a full-screen session learns of news for its member.  It
 * sleeps in poll() on its terminal and its own wake-up socket
 * (store_news_listen); a wake-up names what changed, and the frame (the
 * unread count, a toast of a new notification) and every screen on the
 * stack (their update hooks) read it again.  A slow tick reads the
 * member's news counter in case a wake-up was lost, and takes the toast
 * down when its time is up.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"
#include "notify.h"
#include "store.h"
#include "ui.h"
#include "util.h"

/* The status line's count of unread notifications, read again. */
static void
ui_read_unread(struct ui *ui)
{
	if (ui->app->viewer.user_id == 0 ||
	    store_notification_unread(
		ui->app->store, ui->app->viewer.user_id, &ui->unread) != 0)
		ui->unread = 0;
}

/* A notification came: show the newest in a toast for a few seconds. */
static void
ui_toast_news(struct ui *ui)
{
	struct notify_item *items = NULL;
	size_t n = 0;

	if (ui->app->viewer.user_id == 0 ||
	    notify_list(&ui->app->board, ui->app->viewer.user_id,
		STORE_NOTIFY_UNREAD, ui->toast_seen, &items, &n) != 0)
		return;
	if (n > 0) {
		if (n == 1)
			(void)snprintf(ui->toast, sizeof(ui->toast), "%s %s",
			    ui_glyph(ui, "\xe2\x97\x8f", "*"), items[0].text);
		else
			(void)snprintf(ui->toast, sizeof(ui->toast),
			    _("%s %s (and %zu more: press n)"),
			    ui_glyph(ui, "\xe2\x97\x8f", "*"), items[0].text,
			    n - 1);
		ui->toast_seen = items[0].id;
		ui->toast_until = util_now_ms() + UI_TOAST_MS;
	}
	free(items);
}

/* News came: refresh what the frame shows, then every screen's data. */
static void
ui_news(struct ui *ui, const struct store_news_event *news)
{
	int i;

	if (news->kind == STORE_NEWS_ANY ||
	    news->kind == STORE_NEWS_NOTIFICATION) {
		ui_read_unread(ui);
		ui_toast_news(ui);
	}
	/* The name or the confirmation may have changed in another session;
	 * the team may have banned the member or ended this session. */
	if (news->kind == STORE_NEWS_ANY || news->kind == STORE_NEWS_ACCOUNT) {
		if (identity_refresh(ui->app) != 0)
			log_warn("cannot reread this session's account");
		if (identity_ended(ui->app, ui->ended, sizeof(ui->ended))) {
			ui->quit = 1;
			ui->exit_status = 1;
			return;
		}
	}
	for (i = 0; i < ui->depth; i++) {
		if (ui->stack[i].screen->update != NULL)
			ui->stack[i].screen->update(
			    ui, ui->stack[i].state, news);
	}
}

/* Read the wake-ups waiting; returns whether there were any. */
static int
ui_read_news(struct ui *ui)
{
	struct store_news_event news[UI_NEWS_BATCH];
	size_t n, i;

	n = store_news_receive(ui->news_fd, news, nitems(news));
	for (i = 0; i < n; i++)
		ui_news(ui, &news[i]);
	if (n > 0)
		ui->news_seen =
		    store_news_count(ui->app->store, ui->app->viewer.user_id);
	return n > 0;
}

void
ui_news_start(struct ui *ui)
{
	struct app *app = ui->app;

	ui->news_fd = -1;
	/* Listen before the first read: nothing that happens after can be
	 * missed. */
	if (app->viewer.session_id > 0)
		(void)store_news_listen(
		    app->store, app->viewer.session_id, &ui->news_fd);
	ui->news_seen = store_news_count(app->store, app->viewer.user_id);
	ui_read_unread(ui);
	/* What came before this session is counted, not toasted. */
	if (app->viewer.user_id != 0 &&
	    store_notification_last_id(
		app->store, app->viewer.user_id, &ui->toast_seen) != 0)
		ui->toast_seen = 0;
}

void
ui_news_stop(struct ui *ui)
{
	if (ui->app->viewer.session_id > 0)
		store_news_unlisten(
		    ui->app->store, ui->app->viewer.session_id, ui->news_fd);
	ui->news_fd = -1;
}

int
ui_news_wait(struct ui *ui)
{
	struct pollfd fds[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = ui->news_fd, .events = POLLIN },
	};
	long long left;
	int timeout =
	    ui->busy > 0 || ui_input_pending(&ui->input) ? 0 : UI_TICK_MS;
	int rc;

	/* Wake up to take the toast down, too. */
	if (ui->toast[0] != '\0') {
		left = ui->toast_until - util_now_ms();
		timeout = left <= 0 ? 0 : left < timeout ? (int)left : timeout;
	}
	rc = poll(fds, ui->news_fd >= 0 ? 2 : 1, timeout);
	if (rc < 0)
		return errno == EINTR ? 1 : -1;
	if (rc == 0)
		return 0;
	if (ui->news_fd >= 0 && (fds[1].revents & POLLIN))
		ui->news_dirty |= ui_read_news(ui);
	if (fds[0].revents & POLLIN)
		ui->input.tty_ready = 1;
	else if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		return -1;
	return 1;
}

int
ui_news_tick(struct ui *ui)
{
	const struct store_news_event any = { .kind = STORE_NEWS_ANY };
	uint64_t count =
	    store_news_count(ui->app->store, ui->app->viewer.user_id);
	int redraw = 0, i;

	for (i = 0; i < ui->depth; i++) {
		if (ui->stack[i].screen->tick != NULL)
			redraw |=
			    ui->stack[i].screen->tick(ui, ui->stack[i].state);
	}
	if (ui->toast[0] != '\0' && util_now_ms() >= ui->toast_until) {
		ui->toast[0] = '\0';
		redraw = 1;
	}
	if (count == ui->news_seen)
		return redraw;
	ui->news_seen = count;
	ui_news(ui, &any);
	return 1;
}
