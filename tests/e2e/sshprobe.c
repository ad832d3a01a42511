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
 *        key:FILE (log in with the private key in FILE)
 * Prints "STEP ok MS" or "STEP refused MS" per step, MS being how long the
 * server took to answer; exits 0 once all ran.
 *
 * With PROBE_CYCLES=N it connects, runs the steps and disconnects N times
 * in a row (at most PROBE_CYCLES_MAX), and prints only
 * "cycles N failed F": F connections that could not be made or had a
 * step refused.
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
#define PROBE_CYCLES_MAX 100000

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
	if (strncmp(step, "key:", 4) == 0) {
		ssh_key key = NULL;

		if (ssh_pki_import_privkey_file(
			step + 4, NULL, NULL, NULL, &key) != SSH_OK)
			return SSH_ERROR;
		rc = ssh_userauth_publickey(session, NULL, key);
		ssh_key_free(key);
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

/*
 * One connection as user to port: the steps in order, printed unless
 * quiet.  Returns 0 if it was made and every step went through, 1 if not.
 */
static int
probe_connection(
    int port, const char *user, int nsteps, char **steps, int quiet)
{
	ssh_session session = NULL;
	ssh_channel channel = NULL;
	int i, failed = 0, strict = 0, verbosity = SSH_LOG_NOLOG;

	session = ssh_new();
	if (session == NULL)
		exit(1);
	if (getenv("PROBE_BIND") != NULL &&
	    ssh_options_set(
		session, SSH_OPTIONS_BINDADDR, getenv("PROBE_BIND")) < 0)
		exit(1);
	if (ssh_options_set(session, SSH_OPTIONS_HOST, "127.0.0.1") < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_PORT, &port) < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_USER, user) < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null") < 0 ||
	    ssh_options_set(session, SSH_OPTIONS_STRICTHOSTKEYCHECK, &strict) <
		0 ||
	    ssh_options_set(session, SSH_OPTIONS_LOG_VERBOSITY, &verbosity) <
		0 ||
	    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &strict) < 0)
		exit(1);
	if (ssh_connect(session) != SSH_OK) {
		if (!quiet)
			(void)printf(
			    "connect refused: %s\n", ssh_get_error(session));
		ssh_free(session);
		return 1;
	}
	for (i = 0; i < nsteps; i++) {
		struct timespec t0, t1;
		int ok;
		(void)clock_gettime(CLOCK_MONOTONIC, &t0);
		ok = probe_step(session, &channel, steps[i]) == SSH_OK;
		(void)clock_gettime(CLOCK_MONOTONIC, &t1);
		failed |= !ok;
		if (quiet)
			continue;
		(void)printf("%s %s %ld\n", steps[i], ok ? "ok" : "refused",
		    (long)((t1.tv_sec - t0.tv_sec) * 1000 +
			(t1.tv_nsec - t0.tv_nsec) / 1000000));
		(void)fflush(stdout);
	}
	ssh_disconnect(session); /* the channel goes with the session */
	ssh_free(session);
	return failed;
}

int
main(int argc, char **argv)
{
	const char *cycles_env = getenv("PROBE_CYCLES");
	long cycles = 0, i, failed = 0;

	if (argc < 3) {
		(void)fprintf(stderr, "usage: sshprobe PORT USER STEP...\n");
		return 2;
	}
	if (cycles_env == NULL) {
		(void)probe_connection(
		    atoi(argv[1]), argv[2], argc - 3, argv + 3, 0);
		return 0;
	}
	cycles = atol(cycles_env);
	if (cycles < 1 || cycles > PROBE_CYCLES_MAX) {
		(void)fprintf(stderr, "sshprobe: PROBE_CYCLES from 1 to %d\n",
		    PROBE_CYCLES_MAX);
		return 2;
	}
	for (i = 0; i < cycles; i++)
		failed += probe_connection(
		    atoi(argv[1]), argv[2], argc - 3, argv + 3, 1);
	(void)printf("cycles %ld failed %ld\n", cycles, failed);
	return 0;
}
