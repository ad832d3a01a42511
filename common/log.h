/*
 * log: one line per event, with level and function name, to stderr, a
 * descriptor handed over by the daemon, or syslog.  Never to a user's
 * terminal: the UI process logs to the descriptor mentord gives it.
 */
#ifndef MB_LOG_H
#define MB_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

/* Where syslog(3) sends its lines (glibc's _PATH_LOG). */
#define LOG_SYSLOG_SOCKET "/dev/log"

/*
 * Set where log lines go.  "ident" names the program in every line.  With
 * use_syslog set, lines go to syslog (facility daemon), if there is a
 * syslog socket (log_syslog_available); otherwise to fd, which the caller
 * keeps open (-1: lines are dropped).  Lines above max_level are dropped.
 */
void log_init(
    const char *ident, int fd, int use_syslog, enum log_level max_level);

/*
 * Is there a syslog socket (LOG_SYSLOG_SOCKET) to send lines to?  syslog(3)
 * drops them silently when there is none, so log_init does not use it
 * then, and mentord says so at start.
 */
int log_syslog_available(void);

/* Parse "error", "warn", "info" or "debug"; returns 0, or -1 if unknown. */
int log_level_parse(const char *name, enum log_level *level);

/* Write one line; use the macros below, which add the function name. */
void log_write(enum log_level level, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_error(...) log_write(LOG_LEVEL_ERROR, __func__, __VA_ARGS__)
#define log_warn(...) log_write(LOG_LEVEL_WARN, __func__, __VA_ARGS__)
#define log_info(...) log_write(LOG_LEVEL_INFO, __func__, __VA_ARGS__)
#define log_debug(...) log_write(LOG_LEVEL_DEBUG, __func__, __VA_ARGS__)

#endif
