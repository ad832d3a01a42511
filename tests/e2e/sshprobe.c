/*
 * sshprobe: a libssh client that sends what OpenSSH's client never does
 * (a second pty or shell, a second channel, a change of user name during
 * authentication), so the end-to-end tests can check each is refused.
 *
 * usage: sshprobe PORT USER STEP...
 * steps: none[:USER] password:PW open pty shell exec:CMD subsystem:NAME
 *        read (print what the channel sends until EOF, up to 5 s)
 * Prints "STEP ok" or "STEP refused" per step; exits 0 once all ran.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>

#define PROBE_READ_MS 5000

static int
probe_step(ssh_session session, ssh_channel *channel, const char *step)
{
	char buf[4096];
	int rc, n;

	if (strncmp(step, "none", 4) == 0) {
		const char *user = step[4] == ':' ? step + 5 : NULL;
		rc = ssh_userauth_none(session, user);
		return rc == SSH_AUTH_SUCCESS ? SSH_OK : SSH_ERROR;
	}
	if (strncmp(step, "password:", 9) == 0) {
		rc = ssh_userauth_password(session, NULL, step + 9);
		return rc == SSH_AUTH_SUCCESS ? SSH_OK : SSH_ERROR;
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
		(void)printf("%s %s\n", argv[i],
		    probe_step(session, &channel, argv[i]) == SSH_OK ?
			"ok" :
			"refused");
		(void)fflush(stdout);
	}
	ssh_disconnect(session);
	ssh_free(session);
	return 0;
}
