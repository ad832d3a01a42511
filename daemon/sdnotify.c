/* sdnotify: READY=1 and STOPPING=1 to systemd, as sd_notify(3) sends. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "sdnotify.h"
#include "util.h"

/* $NOTIFY_SOCKET as systemd gave it; empty when it did not. */
static char sdnotify_path[sizeof(((struct sockaddr_un *)0)->sun_path)];

void
sdnotify_init(void)
{
	const char *path = getenv("NOTIFY_SOCKET");

	if (path != NULL &&
	    strlcpy_checked(sdnotify_path, path, sizeof(sdnotify_path)) != 0) {
		log_warn("NOTIFY_SOCKET too long; systemd will not hear from "
			 "mentord");
		sdnotify_path[0] = '\0';
	}
	if (unsetenv("NOTIFY_SOCKET") != 0)
		log_warn("unsetenv NOTIFY_SOCKET: %s", strerror(errno));
}

int
sdnotify_send(const char *state)
{
	struct sockaddr_un sa;
	size_t len = strlen(sdnotify_path);
	ssize_t n;
	int fd, rc = 0;

	if (len == 0)
		return 0;
	/* A path, or "@name" in the abstract namespace. */
	if (sdnotify_path[0] != '/' && sdnotify_path[0] != '@') {
		log_warn("NOTIFY_SOCKET %s is neither a path nor @name",
		    sdnotify_path);
		return MB_ERR_INVALID;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, sdnotify_path, len);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_warn("socket: %s", strerror(errno));
		return MB_ERR_IO;
	}
	n = sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&sa,
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len));
	if (n != (ssize_t)strlen(state)) {
		log_warn("telling systemd %s: %s", state,
		    n < 0 ? strerror(errno) : "cut short");
		rc = MB_ERR_IO;
	}
	if (close(fd) != 0)
		log_warn("close: %s", strerror(errno));
	return rc;
}
