/* log: level and function name on every line, to a descriptor or syslog. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "board_limits.h"
#include "log.h"
#include "text.h"

static const char *log_ident = "mentorboard";
static int log_fd = STDERR_FILENO;
static int log_syslog;
static enum log_level log_max = LOG_LEVEL_INFO;

static const char *const log_names[] = { "error", "warn", "info", "debug" };
static const int log_priorities[] = { LOG_ERR, LOG_WARNING, LOG_INFO,
	LOG_DEBUG };

void
log_init(const char *ident, int fd, int use_syslog, enum log_level max_level)
{
	log_ident = ident;
	log_fd = fd;
	log_syslog = use_syslog && log_syslog_available();
	log_max = max_level;
	if (log_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

int
log_syslog_available(void)
{
	struct stat sb;

	return stat(LOG_SYSLOG_SOCKET, &sb) == 0 && S_ISSOCK(sb.st_mode);
}

int
log_level_parse(const char *name, enum log_level *level)
{
	size_t i;

	for (i = 0; i < sizeof(log_names) / sizeof(log_names[0]); i++) {
		if (strcmp(name, log_names[i]) == 0) {
			*level = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

void
log_write(enum log_level level, const char *func, const char *fmt, ...)
{
	char msg[LOG_LINE_MAX], clean[LOG_LINE_MAX], line[LOG_LINE_MAX + 128];
	char stamp[32];
	struct tm tm;
	time_t now;
	va_list ap;
	int n, saved_errno = errno;

	if (level > log_max)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Messages may quote what a client sent: keep the log one line. */
	text_sanitize_line(msg, clean, sizeof(clean));

	if (log_syslog) {
		syslog(log_priorities[level], "%s: %s: %s", log_names[level],
		    func, clean);
		errno = saved_errno;
		return;
	}
	now = time(NULL);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		stamp[0] = '\0';
	n = snprintf(line, sizeof(line), "%s %s[%ld]: %s: %s: %s\n", stamp,
	    log_ident, (long)getpid(), log_names[level], func, clean);
	if (n < 0)
		goto out;
	if ((size_t)n >= sizeof(line)) {
		n = sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	/* One write per line, so lines of concurrent processes don't mix. */
	if (log_fd >= 0 && write(log_fd, line, (size_t)n) < 0) {
		/* Nowhere left to report it. */
	}
out:
	errno = saved_errno;
}
