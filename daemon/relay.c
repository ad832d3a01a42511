/*
 * relay: bytes between the session channel and the mentor process, with
 * flow control both ways.  Output is read only while the client's window
 * has room, so a client that stops reading stops the UI, not the board.
 * Input the child cannot take yet waits in a buffer of ours, and beyond it
 * in libssh's channel buffer, whose window then stops the client: libssh
 * re-opens the window only for bytes it hands over, and we take them only
 * when ours is empty, so a client that keeps to its window can send any
 * amount, as slowly as the child reads it, and what waits here is at most
 * CHANNEL_BUFFER_MAX bytes in libssh plus as many in ours.
 *
 * The child's descriptors are watched by the libssh event; which events
 * are wanted changes with the state, so relay_update() re-registers them
 * from the loop, never from inside a callback.
 */
#include <assert.h>
#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "util.h"

enum { RELAY_IN, RELAY_OUT, RELAY_ERR };

/* Free a drained input buffer: it is needed only while the child is
 * slower than the client, and an idle session keeps none (the loop gives
 * the heap's free pages back once it is quiet, util_memory_trim). */
static void
relay_input_drained(struct relay *r)
{
	int large = r->in_cap > RELAY_CHUNK;

	r->in_off = r->in_len = 0;
	free(r->inbuf);
	r->inbuf = NULL;
	r->in_cap = 0;
	/* glibc keeps a freed large block for the next one: at once. */
	if (large)
		(void)malloc_trim(0);
}

/* Make the (empty) input buffer hold at least want bytes. */
static void
relay_input_reserve(struct relay *r, size_t want)
{
	assert(r->in_len == 0);
	if (want < RELAY_CHUNK)
		want = RELAY_CHUNK;
	if (r->in_cap >= want)
		return;
	free(r->inbuf);
	r->inbuf = xmalloc(want);
	r->in_cap = want;
}

/* Write what the input buffer holds; returns -1 if the child is gone. */
static int
relay_flush_input(struct conn *c)
{
	struct relay *r = &c->relay;
	ssize_t n;

	while (r->in_len > 0) {
		n = write(c->child.in_fd, r->inbuf + r->in_off, r->in_len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return 0;
			/* EPIPE or EIO: the child is gone; drop the input. */
			relay_input_drained(r);
			return -1;
		}
		r->in_off += (size_t)n;
		r->in_len -= (size_t)n;
	}
	relay_input_drained(r);
	return 0;
}

/*
 * Refill the empty input buffer with all that libssh still holds for us.
 * All of it, in one read: libssh 0.10.6's ssh_channel_read re-opens the
 * client's window to its full size whenever the window is below half,
 * whatever it still buffers, so reading a part at a time lets a client
 * that keeps to the window pile up more than it was ever granted.  Read
 * whole, libssh's buffer is empty when the window is re-opened.
 */
static void
relay_pull_input(struct conn *c)
{
	struct relay *r = &c->relay;
	int held, n;

	while (r->libssh_holds_input && r->in_len == 0) {
		/* With nothing buffered this reads the socket once, and the
		 * data callback may take what arrives. */
		held = ssh_channel_poll(c->channel, 0);
		if (held <= 0 || r->in_len > 0) {
			r->libssh_holds_input = 0;
			break;
		}
		if (held > CHANNEL_BUFFER_MAX) {
			log_warn("%s: sent %d bytes past its window; closing",
			    c->remote_addr, held);
			c->done = 1;
			return;
		}
		relay_input_reserve(r, (size_t)held);
		n = ssh_channel_read_nonblocking(
		    c->channel, r->inbuf, (uint32_t)held, 0);
		r->libssh_holds_input = 0;
		if (n <= 0)
			break;
		r->in_len = (size_t)n;
		r->in_off = 0;
		if (n < held)
			r->libssh_holds_input = 1;
		if (relay_flush_input(c) != 0)
			break;
	}
}

int
relay_channel_data(struct conn *c, const void *data, size_t len)
{
	struct relay *r = &c->relay;
	ssize_t n = 0;

	if (c->child.in_fd < 0 || c->child.exited) {
		if (c->started)
			return (int)len; /* nobody to read it */
		r->libssh_holds_input = 1; /* typed before the start */
		return 0;
	}
	if (r->in_len > 0) {
		/* The child is busy: libssh keeps the bytes, and the
		 * window stays as small as what it holds makes it. */
		r->libssh_holds_input = 1;
		return 0;
	}
	/* data is all libssh holds, older bytes first: take it whole. */
	r->libssh_holds_input = 0;
	for (;;) {
		n = write(c->child.in_fd, data, len);
		if (n >= 0 || errno != EINTR)
			break;
	}
	if (n < 0) {
		if (errno != EAGAIN)
			return (int)len; /* child gone: drop it */
		n = 0;
	}
	if ((size_t)n < len) {
		relay_input_reserve(r, len - (size_t)n);
		memcpy(r->inbuf, (const char *)data + n, len - (size_t)n);
		r->in_off = 0;
		r->in_len = len - (size_t)n;
	}
	return (int)len;
}

/* Read from the child's stdout (or PTY) or stderr into the channel. */
static void
relay_read_output(struct conn *c, int fd, int is_stderr)
{
	char buf[RELAY_CHUNK];
	uint32_t window;
	size_t want;
	ssize_t n;
	int written;

	window = ssh_channel_window_size(c->channel);
	if (window == 0)
		return;
	want = window < sizeof(buf) ? window : sizeof(buf);
	n = read(fd, buf, want);
	if (n < 0 && errno == EINTR)
		return;
	if (n < 0 && errno == EAGAIN) {
		/*
		 * Once the child has exited, nothing pending means done,
		 * even if a process it left behind holds the descriptor.
		 */
		if (c->child.exited)
			goto done;
		return;
	}
	if (n <= 0) {
		/* EOF, or EIO from a PTY whose slave side is all closed. */
done:
		if (is_stderr)
			c->relay.err_done = 1;
		else
			c->relay.out_done = 1;
		return;
	}
	written = is_stderr ?
	    ssh_channel_write_stderr(c->channel, buf, (uint32_t)n) :
	    ssh_channel_write(c->channel, buf, (uint32_t)n);
	if (written == SSH_ERROR)
		log_debug("%s: channel write failed", c->remote_addr);
}

/*
 * The libssh event's callback on the child's descriptors: held input goes
 * out when the child can take it, output goes into the channel.
 */
static int
relay_fd_cb(int fd, int revents, void *userdata)
{
	struct conn *c = userdata;

	if ((revents & (POLLOUT | POLLERR)) && fd == c->child.in_fd) {
		if (relay_flush_input(c) == 0)
			relay_pull_input(c);
	}
	if ((revents & (POLLIN | POLLHUP | POLLERR)) && fd == c->child.out_fd)
		relay_read_output(c, fd, 0);
	if ((revents & (POLLIN | POLLHUP | POLLERR)) && fd == c->child.err_fd)
		relay_read_output(c, fd, 1);
	return 0;
}

/* (Re-)register fd for events with the libssh event if they changed. */
static void
relay_watch(struct conn *c, int slot, int fd, short events)
{
	struct relay *r = &c->relay;

	if (r->watched_fds[slot] == fd && r->watched_events[slot] == events)
		return;
	if (r->watched_events[slot] != 0 &&
	    ssh_event_remove_fd(c->event, r->watched_fds[slot]) != SSH_OK)
		log_debug("ssh_event_remove_fd failed");
	r->watched_fds[slot] = fd;
	r->watched_events[slot] = 0;
	if (fd < 0 || events == 0)
		return;
	if (ssh_event_add_fd(c->event, fd, events, relay_fd_cb, c) != SSH_OK) {
		log_error("ssh_event_add_fd failed");
		return;
	}
	r->watched_events[slot] = events;
}

void
relay_update(struct conn *c)
{
	struct relay *r = &c->relay;
	short in_events = 0, out_events = 0, err_events = 0;
	int window_open;

	if (c->child.pid <= 0)
		return;
	/* Once it has ended, the factory has no more to say of it. */
	if (spawn_reap(c))
		spawn_forget_factory(c);
	relay_pull_input(c);
	/* The child is gone: send what it left while the window allows. */
	while (c->child.exited && !r->out_done &&
	    ssh_channel_window_size(c->channel) > 0)
		relay_read_output(c, c->child.out_fd, 0);
	while (c->child.exited && !r->err_done &&
	    ssh_channel_window_size(c->channel) > 0)
		relay_read_output(c, c->child.err_fd, 1);
	/* The client sent EOF: the command sees end of input. */
	if (r->client_eof && r->in_len == 0 && !r->libssh_holds_input &&
	    !c->child.is_pty && c->child.in_fd >= 0) {
		relay_watch(c, RELAY_IN, -1, 0);
		(void)close(c->child.in_fd);
		c->child.in_fd = -1;
	}
	window_open = ssh_channel_window_size(c->channel) > 0;
	if (c->child.in_fd >= 0 && (r->in_len > 0 || r->libssh_holds_input))
		in_events = POLLOUT;
	if (!r->out_done && window_open)
		out_events = POLLIN;
	if (!r->err_done && window_open)
		err_events = POLLIN;
	if (c->child.is_pty) {
		/* One descriptor both ways: one registration. */
		relay_watch(c, RELAY_OUT, c->child.out_fd,
		    (short)(in_events | out_events));
		return;
	}
	relay_watch(c, RELAY_IN, c->child.in_fd, in_events);
	relay_watch(c, RELAY_OUT, c->child.out_fd, out_events);
	relay_watch(c, RELAY_ERR, c->child.err_fd, err_events);
}

int
relay_finished(const struct conn *c)
{
	return c->child.exited && c->relay.out_done && c->relay.err_done;
}

void
relay_close(struct conn *c)
{
	int slot;

	for (slot = 0; slot < 3; slot++) {
		if (c->event != NULL)
			relay_watch(c, slot, -1, 0);
	}
	spawn_forget_factory(c);
	if (c->child.in_fd >= 0 && c->child.in_fd != c->child.out_fd)
		(void)close(c->child.in_fd);
	if (c->child.out_fd >= 0)
		(void)close(c->child.out_fd);
	if (c->child.err_fd >= 0)
		(void)close(c->child.err_fd);
	c->child.in_fd = c->child.out_fd = c->child.err_fd = -1;
	free(c->relay.inbuf);
	c->relay.inbuf = NULL;
	c->relay.in_cap = c->relay.in_off = c->relay.in_len = 0;
}
