/*
 * chan: the session channel's request state machine.  One channel per
 * connection; on it at most one pty-req before the one shell, exec or
 * subsystem request, which only records what was asked: the loop in conn.c
 * starts it.  X11 and agent forwarding have no callback here, so libssh
 * refuses them; port forwarding has no channel or global-request handler
 * and is refused the same way.
 */
#include <string.h>
#include <sys/ioctl.h>

#include "daemon.h"
#include "log.h"
#include "util.h"

/* Clamp a client's idea of its window to what the board accepts. */
static void
chan_set_winsize(struct conn *c, int cols, int rows)
{
	if (cols <= 0)
		cols = SCREEN_MIN_COLS;
	if (rows <= 0)
		rows = SCREEN_MIN_ROWS;
	c->ws.ws_col =
	    (unsigned short)(cols > SCREEN_MAX_COLS ? SCREEN_MAX_COLS : cols);
	c->ws.ws_row =
	    (unsigned short)(rows > SCREEN_MAX_ROWS ? SCREEN_MAX_ROWS : rows);
}

/* A terminal name is a short word of terminfo's characters. */
static int
chan_term_valid(const char *term)
{
	size_t i, len = strlen(term);

	if (len == 0 || len > TERM_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		char ch = term[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			(ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
			ch == '.' || ch == '+'))
			return 0;
	}
	/* A leading dot or dash could name a file or look like a flag. */
	return term[0] != '.' && term[0] != '-';
}

/*
 * Bytes from the client: to mentor through the relay, or left in libssh's
 * buffer for the SFTP server; stderr is dropped, and a client past its
 * window is cut off.  Returns how many bytes were taken.
 */
static int
chan_data_cb(ssh_session session, ssh_channel channel, void *data, uint32_t len,
    int is_stderr, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	if (is_stderr)
		return (int)len; /* nothing listens to a client's stderr */
	/*
	 * len is all libssh holds for us.  A client keeping to the window
	 * never gets near this; one that does not is cut off before it
	 * fills our memory.
	 */
	if (len > CHANNEL_BUFFER_MAX) {
		log_warn("%s: sent %u bytes past its window; closing",
		    c->remote_addr, len);
		c->done = 1;
		return (int)len;
	}
	if (c->request == CONN_REQUEST_SFTP)
		return 0; /* the SFTP server reads the channel */
	return relay_channel_data(c, data, len);
}

/* The client sent EOF: the child's stdin closes once the relay has drained. */
static void
chan_eof_cb(ssh_session session, ssh_channel channel, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	c->relay.client_eof = 1;
}

/* The client closed the channel: conn.c's loop stops a running child. */
static void
chan_close_cb(ssh_session session, ssh_channel channel, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	c->channel_closed = 1;
}

/*
 * pty-req: at most one, and only before the request that starts something;
 * an odd TERM becomes TERM_FALLBACK, the size is clamped.
 */
static int
chan_pty_cb(ssh_session session, ssh_channel channel, const char *term,
    int cols, int rows, int px, int py, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	(void)px;
	(void)py;
	if (c->pty || c->request != CONN_REQUEST_NONE) {
		log_info("%s: refused a second pty request", c->remote_addr);
		return -1;
	}
	if (chan_term_valid(term))
		(void)strlcpy_checked(c->term, term, sizeof(c->term));
	else {
		log_info("%s: odd TERM refused, using %s", c->remote_addr,
		    TERM_FALLBACK);
		(void)strlcpy_checked(c->term, TERM_FALLBACK, sizeof(c->term));
	}
	chan_set_winsize(c, cols, rows);
	c->pty = 1;
	return 0;
}

/* Record the one request that starts something; refuse any later one. */
static int
chan_record(struct conn *c, enum conn_request request, const char *what)
{
	if (c->request != CONN_REQUEST_NONE) {
		log_info(
		    "%s: refused a second %s request", c->remote_addr, what);
		return -1;
	}
	c->request = request;
	return 0;
}

/* shell: recorded, for conn.c to start the screens. */
static int
chan_shell_cb(ssh_session session, ssh_channel channel, void *userdata)
{
	(void)session;
	(void)channel;
	return chan_record(userdata, CONN_REQUEST_SHELL, "shell");
}

/*
 * exec: the command is recorded (at most EXEC_REQUEST_MAX bytes) for mentor
 * to run.
 */
static int
chan_exec_cb(ssh_session session, ssh_channel channel, const char *command,
    void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	/* Longer commands than mentor runs still go to it, to say so. */
	if (strlen(command) > EXEC_REQUEST_MAX) {
		log_info("%s: exec request longer than %d bytes refused",
		    c->remote_addr, EXEC_REQUEST_MAX);
		return -1;
	}
	if (chan_record(c, CONN_REQUEST_EXEC, "exec") != 0)
		return -1;
	c->command = xstrdup(command);
	return 0;
}

/* Only the sftp subsystem, and only for members: a guest has no files. */
static int
chan_subsystem_cb(ssh_session session, ssh_channel channel,
    const char *subsystem, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	if (strcmp(subsystem, "sftp") != 0) {
		log_info("%s: unknown subsystem refused", c->remote_addr);
		return -1;
	}
	if (c->user_id == 0) {
		log_info("%s: guest asked for sftp: refused", c->remote_addr);
		return -1;
	}
	return chan_record(c, CONN_REQUEST_SFTP, "subsystem");
}

/*
 * The language a locale variable says, if it outranks what an earlier
 * one said (LC_ALL over LC_MESSAGES over LANG, as setlocale reads them):
 * German for any de locale, else English; an empty value says nothing.
 */
static void
chan_env_language(struct conn *c, const char *name, const char *value)
{
	int rank = strcmp(name, "LC_ALL") == 0 ? 3 :
	    strcmp(name, "LC_MESSAGES") == 0   ? 2 :
	    strcmp(name, "LANG") == 0	       ? 1 :
						 0;
	enum i18n_language lang = I18N_EN;

	if (rank == 0 || value[0] == '\0' || rank < c->language_rank)
		return;
	if (i18n_from_locale(value, &lang) != 0)
		lang = I18N_EN; /* not a locale: English */
	c->language = lang;
	c->language_rank = rank;
}

/*
 * Environment: only the locale is listened to, to learn whether the
 * client's terminal takes UTF-8 and which language it reads (OpenSSH
 * sends LANG and LC_* with SendEnv).  The value never reaches the UI
 * process as it is: mentor gets the language's code.
 */
static int
chan_env_cb(ssh_session session, ssh_channel channel, const char *name,
    const char *value, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	if (strcmp(name, "LC_MESSAGES") == 0) {
		chan_env_language(c, name, value);
		return 0;
	}
	if (strcmp(name, "LANG") != 0 && strcmp(name, "LC_ALL") != 0 &&
	    strcmp(name, "LC_CTYPE") != 0)
		return -1;
	chan_env_language(c, name, value);
	/* "C", "POSIX" or a named charset other than UTF-8: plain ASCII. */
	if (value[0] != '\0')
		c->ascii = strcasestr(value, "utf-8") == NULL &&
		    strcasestr(value, "utf8") == NULL;
	return 0;
}

/*
 * The client's window changed: clamped, and passed on to the child's PTY;
 * ignored without a pty-req.
 */
static int
chan_window_change_cb(ssh_session session, ssh_channel channel, int cols,
    int rows, int px, int py, void *userdata)
{
	struct conn *c = userdata;

	(void)session;
	(void)channel;
	(void)px;
	(void)py;
	if (!c->pty)
		return 0;
	chan_set_winsize(c, cols, rows);
	if (c->child.is_pty && c->child.in_fd >= 0 &&
	    ioctl(c->child.in_fd, TIOCSWINSZ, &c->ws) != 0)
		log_debug("TIOCSWINSZ failed");
	return 0;
}

void
chan_setup_callbacks(struct conn *c)
{
	memset(&c->channel_cb, 0, sizeof(c->channel_cb));
	c->channel_cb.userdata = c;
	c->channel_cb.channel_data_function = chan_data_cb;
	c->channel_cb.channel_eof_function = chan_eof_cb;
	c->channel_cb.channel_close_function = chan_close_cb;
	c->channel_cb.channel_pty_request_function = chan_pty_cb;
	c->channel_cb.channel_shell_request_function = chan_shell_cb;
	c->channel_cb.channel_exec_request_function = chan_exec_cb;
	c->channel_cb.channel_subsystem_request_function = chan_subsystem_cb;
	c->channel_cb.channel_pty_window_change_function =
	    chan_window_change_cb;
	c->channel_cb.channel_env_request_function = chan_env_cb;
	ssh_callbacks_init(&c->channel_cb);
}

ssh_channel
chan_open_session(ssh_session session, void *userdata)
{
	struct conn *c = userdata;

	if (!c->authenticated)
		return NULL;
	if (c->channel != NULL) {
		log_info(
		    "%s: refused a second session channel", c->remote_addr);
		return NULL;
	}
	c->channel = ssh_channel_new(session);
	if (c->channel == NULL)
		return NULL;
	chan_setup_callbacks(c);
	if (ssh_set_channel_callbacks(c->channel, &c->channel_cb) != SSH_OK) {
		ssh_channel_free(c->channel);
		c->channel = NULL;
		return NULL;
	}
	return c->channel;
}
