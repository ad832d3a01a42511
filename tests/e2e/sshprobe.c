/*
 * sshprobe: a libssh client that sends what OpenSSH's client never does
 * (a second pty or shell, a second channel, a change of user name during
 * authentication), so the end-to-end tests can check each is refused.
 *
 * usage: [PROBE_BIND=ADDR] sshprobe PORT USER STEP...
 * steps: none[:USER] password:PW passwordas:USER:PW open pty shell
 *        exec:CMD subsystem:NAME
 *        pty:COLSxROWS (a pty request of that size)
 *        winch:COLSxROWS (a window-change request)
 *        read (print what the channel sends until EOF, up to 5 s)
 *        sleep:MS (do nothing, not even read, for MS milliseconds)
 *        stdin (wait for a line on standard input, the test's "go on",
 *        reading and dropping what the channel sends meanwhile)
 * Prints "STEP ok MS" or "STEP refused MS" per step, MS being how long the
 * server took to answer; exits 0 once all ran.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>

#define PROBE_READ_MS 5000
#define PROBE_LINE_MAX 256
#define PROBE_POLL_MS 20

static int
probe_step(ssh_session session, ssh_channel *channel, const char *step)
{
	char buf[4096];
	int rc, n, cols, rows;

	if (strncmp(step, "none", 4) == 0) {
		const char *user = step[4] == ':' ? step + 5 : NULL;
		rc = ssh_userauth_none(session, user);
		return rc == SSH_AUTH_SUCCESS ? SSH_OK : SSH_ERROR;
	}
	if (strncmp(step, "passwordas:", 11) == 0) {
		char user[256];
		const char *colon = strchr(step + 11, ':');
		if (colon == NULL ||
		    (size_t)(colon - step - 11) >= sizeof(user))
			return SSH_ERROR;
		(void)snprintf(user, sizeof(user), "%.*s",
		    (int)(colon - step - 11), step + 11);
		rc = ssh_userauth_password(session, user, colon + 1);
		return rc == SSH_AUTH_SUCCESS ? SSH_OK : SSH_ERROR;
	}
	if (strncmp(step, "password:", 9) == 0) {
		rc = ssh_userauth_password(session, NULL, step + 9);
		return rc == SSH_AUTH_SUCCESS ? SSH_OK : SSH_ERROR;
	}
	if (strncmp(step, "sleep:", 6) == 0) {
		struct timespec ts;
		long ms = atol(step + 6);

		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (ms % 1000) * 1000000L;
		while (nanosleep(&ts, &ts) != 0)
			;
		return SSH_OK;
	}
	if (strcmp(step, "stdin") == 0) {
		struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
		char line[PROBE_LINE_MAX];

		/* A client reads what comes while it waits: one that does not
		 * stops the session (flow control), window changes and all. */
		while ((rc = poll(&pfd, 1, PROBE_POLL_MS)) == 0) {
			if (*channel != NULL &&
			    ssh_channel_read_nonblocking(
				*channel, buf, sizeof(buf), 0) == SSH_ERROR)
				return SSH_ERROR;
		}
		if (rc < 0)
			return SSH_ERROR;
		return fgets(line, sizeof(line), stdin) != NULL ? SSH_OK :
								  SSH_ERROR;
	}
	if (strcmp(step, "open") == 0) {
		ssh_channel ch = ssh_channel_new(session);
		if (ch == NULL)
			return SSH_ERROR;
		rc = ssh_channel_open_session(ch);
		if (rc != SSH_OK) {
			ssh_channel_free(ch);
			return rc;
		}
		if (*channel == NULL)
			*channel = ch;
		return SSH_OK;
	}
	if (*channel == NULL)
		return SSH_ERROR;
	if (strcmp(step, "pty") == 0)
		return ssh_channel_request_pty_size(*channel, "xterm", 80, 24);
	if (sscanf(step, "pty:%dx%d", &cols, &rows) == 2)
		return ssh_channel_request_pty_size(
		    *channel, "xterm", cols, rows);
	if (sscanf(step, "winch:%dx%d", &cols, &rows) == 2)
		return ssh_channel_change_pty_size(*channel, cols, rows);
	if (strcmp(step, "shell") == 0)
		return ssh_channel_request_shell(*channel);
	if (strncmp(step, "exec:", 5) == 0)
		return ssh_channel_request_exec(*channel, step + 5);
	if (strncmp(step, "subsystem:", 10) == 0)
		return ssh_channel_request_subsystem(*channel, step + 10);
	if (strcmp(step, "read") == 0) {
		for (;;) {
			n = ssh_channel_read_timeout(
			    *channel, buf, sizeof(buf), 0, PROBE_READ_MS);
			if (n <= 0)
				break;
			(void)fwrite(buf, 1, (size_t)n, stdout);
		}
		(void)printf("\nexit-status %d\n",
		    ssh_channel_get_exit_status(*channel));
		return SSH_OK;
	}
	(void)fprintf(stderr, "sshprobe: unknown step %s\n", step);
	exit(2);
}

int
main(int argc, char **argv)
{
	ssh_session session = NULL;
	ssh_channel channel = NULL;
	int i, port, strict = 0, verbosity = SSH_LOG_NOLOG;

	if (argc < 3) {
		(void)fprintf(stderr, "usage: sshprobe PORT USER STEP...\n");
		return 2;
	}
	port = atoi(argv[1]);
	session = ssh_new();
	if (session == NULL)
		return 1;
	if (getenv("PROBE_BIND") != NULL &&
	    ssh_options_set(
		session, SSH_OPTIONS_BINDADDR, getenv("PROBE_BIND")) < 0)
		return 1;
	if (ssh_options_set(session, SSH_OPTIONS_HOST, "127.0.0.1") < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_PORT, &port) < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_USER, argv[2]) < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null") < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_STRICTHOSTKEYCHECK, &strict) <
		0 ||
	    ssh_options_set(session, SSH_OPTIONS_LOG_VERBOSITY, &verbosity) <
		0 ||
	    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &strict) < 0)
		return 1;
	if (ssh_connect(session) != SSH_OK) {
		(void)printf("connect refused: %s\n", ssh_get_error(session));
		return 0;
	}
	for (i = 3; i < argc; i++) {
		struct timespec t0, t1;
		int ok;
		(void)clock_gettime(CLOCK_MONOTONIC, &t0);
		ok = probe_step(session, &channel, argv[i]) == SSH_OK;
		(void)clock_gettime(CLOCK_MONOTONIC, &t1);
		(void)printf("%s %s %ld\n", argv[i], ok ? "ok" : "refused",
		    (long)((t1.tv_sec - t0.tv_sec) * 1000 +
			(t1.tv_nsec - t0.tv_nsec) / 1000000));
		(void)fflush(stdout);
	}
	ssh_disconnect(session);
	ssh_free(session);
	return 0;
}
