/* config: "key = value" files and flags of the same names, by table. */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "mail.h"
#include "board_limits.h"
#include "text.h"
#include "util.h"

/* The numbers a setting may be, by type. */
#define CONFIG_PORT_MIN 0 /* 0: the listening port, for public_port */
#define CONFIG_PORT_MAX 65535
#define CONFIG_SECONDS_MIN 1
#define CONFIG_SECONDS_MAX 3600 /* an hour */
#define CONFIG_COUNT_MIN 1
#define CONFIG_COUNT_MAX MAX_SESSIONS
#define CONFIG_MINUTES_MIN 1
#define CONFIG_MINUTES_MAX (7 * 24 * 60) /* a week */
#define CONFIG_DAYS_MIN 1
#define CONFIG_DAYS_MAX 3660 /* ten years, as ACCESS_CODE_DAYS_MAX */
#define CONFIG_YEARS_MIN 0 /* 0: for good */
#define CONFIG_YEARS_MAX 100

enum config_type {
	CONFIG_STRING,
	CONFIG_PORT,
	CONFIG_BOOL,
	CONFIG_SECONDS,
	CONFIG_COUNT,
	CONFIG_DAYS,
	CONFIG_MINUTES,
	CONFIG_YEARS,
	CONFIG_STARTUPS, /* max_startups: "full" or "start:rate:full" */
};

/* The types of setting that are numbers, with their ranges. */
static const struct config_number {
	enum config_type type;
	long min, max;
	const char *what; /* "is not WHAT from MIN to MAX" */
} config_numbers[] = {
	{ CONFIG_PORT, CONFIG_PORT_MIN, CONFIG_PORT_MAX, "a port number" },
	{ CONFIG_SECONDS, CONFIG_SECONDS_MIN, CONFIG_SECONDS_MAX,
	    "a number of seconds" },
	{ CONFIG_COUNT, CONFIG_COUNT_MIN, CONFIG_COUNT_MAX, "a number" },
	{ CONFIG_DAYS, CONFIG_DAYS_MIN, CONFIG_DAYS_MAX, "a number of days" },
	{ CONFIG_MINUTES, CONFIG_MINUTES_MIN, CONFIG_MINUTES_MAX,
	    "a number of minutes" },
	{ CONFIG_YEARS, CONFIG_YEARS_MIN, CONFIG_YEARS_MAX,
	    "a number of years (0: kept)" },
};

static const struct config_entry {
	const char *name;
	enum config_type type;
	size_t offset;
	size_t size;
	const char *help;
} config_entries[] = {
#define STRING(f)                                  \
	CONFIG_STRING, offsetof(struct config, f), \
	    sizeof(((struct config *)0)->f)
#define OTHER(t, f) t, offsetof(struct config, f), 0
	{ "listen", STRING(listen), "address to listen on (127.0.0.1)" },
	{ "port", OTHER(CONFIG_PORT, port), "TCP port (2222)" },
	{ "state_dir", STRING(state_dir),
	    "directory for the database and host key (./var)" },
	{ "mail_command", STRING(mail_command),
	    "sendmail-compatible command (/usr/sbin/sendmail -t -i)" },
	{ "mail_from", STRING(mail_from), "From: of the board's mail" },
	{ "public_host", STRING(public_host),
	    "host name mails tell people to ssh to (this host's name)" },
	{ "public_port", OTHER(CONFIG_PORT, public_port),
	    "port mails tell people to ssh to (the listening port)" },
	{ "mentor_path", STRING(mentor_path),
	    "no longer used (mentord runs mentor's code itself)" },
	{ "log_level", STRING(log_level), "error, warn, info or debug (info)" },
	{ "syslog", OTHER(CONFIG_BOOL, syslog),
	    "log to syslog: yes or no (no)" },
	{ "login_grace_time", OTHER(CONFIG_SECONDS, login_grace_time),
	    "seconds a client has to log in (30)" },
	{ "max_startups", OTHER(CONFIG_STARTUPS, max_startups),
	    "start:rate:full: past start connections in key exchange or "
	    "login, refuse rate percent more, rising to all at full "
	    "(10:30:100)" },
	{ "max_sessions_per_source",
	    OTHER(CONFIG_COUNT, max_sessions_per_source),
	    "connections from one address, logged in or not (32)" },
	{ "max_startups_per_source",
	    OTHER(CONFIG_COUNT, max_startups_per_source),
	    "the same, from one address (8)" },
	{ "team_address", STRING(team_address),
	    "the mentoring team's e-mail address, told of new membership "
	    "requests (none)" },
	{ "access_code_days", OTHER(CONFIG_DAYS, access_code_days),
	    "days an access code works (90)" },
	{ "notify_mail_delay", OTHER(CONFIG_MINUTES, notify_mail_delay),
	    "minutes before a member away gets mail of what they missed "
	    "(15)" },
	{ "notify_mail_interval", OTHER(CONFIG_MINUTES, notify_mail_interval),
	    "minutes between two such mails to a member, at least (60)" },
	{ "unverified_days", OTHER(CONFIG_DAYS, unverified_days),
	    "days before an account whose address was never confirmed is "
	    "removed (7)" },
	{ "code_retention_days", OTHER(CONFIG_DAYS, code_retention_days),
	    "days used and expired codes are kept (30)" },
	{ "login_retention_days", OTHER(CONFIG_DAYS, login_retention_days),
	    "days the records of logins are kept (90)" },
	{ "chat_retention_years", OTHER(CONFIG_YEARS, chat_retention_years),
	    "years an ended mentorship's chat is kept (0: kept)" },
#undef STRING
#undef OTHER
};

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	(void)strlcpy_checked(
	    c->listen, CONFIG_DEFAULT_LISTEN, sizeof(c->listen));
	c->port = CONFIG_DEFAULT_PORT;
	(void)strlcpy_checked(
	    c->state_dir, CONFIG_DEFAULT_STATE_DIR, sizeof(c->state_dir));
	(void)strlcpy_checked(c->mail_command, CONFIG_DEFAULT_MAIL_COMMAND,
	    sizeof(c->mail_command));
	(void)strlcpy_checked(
	    c->mail_from, CONFIG_DEFAULT_MAIL_FROM, sizeof(c->mail_from));
	(void)strlcpy_checked(c->log_level, "info", sizeof(c->log_level));
	c->login_grace_time = LOGIN_GRACE_SECONDS;
	c->max_startups = MAX_STARTUPS;
	c->max_startups_start = MAX_STARTUPS_START;
	c->max_startups_rate = MAX_STARTUPS_RATE;
	c->max_startups_per_source = MAX_STARTUPS_PER_SOURCE;
	c->max_sessions_per_source = MAX_SESSIONS_PER_SOURCE;
	c->access_code_days = CONFIG_DEFAULT_ACCESS_CODE_DAYS;
	c->notify_mail_delay = CONFIG_DEFAULT_NOTIFY_MAIL_DELAY;
	c->notify_mail_interval = CONFIG_DEFAULT_NOTIFY_MAIL_INTERVAL;
	c->unverified_days = CONFIG_DEFAULT_UNVERIFIED_DAYS;
	c->code_retention_days = CONFIG_DEFAULT_CODE_RETENTION_DAYS;
	c->login_retention_days = CONFIG_DEFAULT_LOGIN_RETENTION_DAYS;
	c->chat_retention_years = CONFIG_DEFAULT_CHAT_RETENTION_YEARS;
}

/* Find a setting; '-' and '_' are the same in names. */
static const struct config_entry *
config_find(const char *name)
{
	char norm[64];
	size_t i;

	for (i = 0; name[i] != '\0' && i < sizeof(norm) - 1; i++)
		norm[i] = name[i] == '-' ? '_' : name[i];
	norm[i] = '\0';
	for (i = 0; i < nitems(config_entries); i++) {
		if (strcmp(config_entries[i].name, norm) == 0)
			return &config_entries[i];
	}
	return NULL;
}

int
config_has(const char *name)
{
	return config_find(name) != NULL;
}

/*
 * Set the number setting e, an int at field, to value: all of it decimal
 * digits within the range of e's type.  0 or MB_ERR_INVALID with a reason
 * in err; on failure field is left as it was.
 */
static int
config_set_number(const struct config_entry *e, int *field, const char *value,
    char *err, size_t errsize)
{
	const struct config_number *num = NULL;
	size_t i;
	long n;
	int rc;

	for (i = 0; i < nitems(config_numbers); i++) {
		if (config_numbers[i].type == e->type)
			num = &config_numbers[i];
	}
	assert(num != NULL && num->max <= INT_MAX);
	rc = parse_long(value, num->min, num->max, &n);
	if (rc != 0) {
		(void)snprintf(err, errsize,
		    "%s: \"%s\" is not %s from %ld to %ld", e->name, value,
		    num->what, num->min, num->max);
		return MB_ERR_INVALID;
	}
	*field = (int)n;
	return 0;
}

/*
 * max_startups: "full" alone (refuse every connection past it), or
 * "start:rate:full" as OpenSSH's MaxStartups: start <= full, rate a
 * percentage.  0 or MB_ERR_INVALID with a reason in err; on failure c is
 * left as it was.
 */
static int
config_set_startups(struct config *c, const char *name, const char *value,
    char *err, size_t errsize)
{
	char part[3][16];
	long n[3];
	const char *p = value, *colon = NULL;
	size_t i, len, parts = 0;

	for (i = 0; i < 3; i++) {
		colon = strchr(p, ':');
		len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		if (len >= sizeof(part[i]))
			goto bad;
		memcpy(part[i], p, len);
		part[i][len] = '\0';
		parts++;
		if (colon == NULL)
			break;
		p = colon + 1;
	}
	if (colon != NULL || (parts != 1 && parts != 3))
		goto bad;
	if (parts == 1) {
		if (parse_long(part[0], CONFIG_COUNT_MIN, CONFIG_COUNT_MAX,
			&n[2]) != 0)
			goto bad;
		n[0] = n[2];
		n[1] = 100;
	} else if (parse_long(part[0], CONFIG_COUNT_MIN, CONFIG_COUNT_MAX,
		       &n[0]) != 0 ||
	    parse_long(part[1], 0, 100, &n[1]) != 0 ||
	    parse_long(part[2], n[0], CONFIG_COUNT_MAX, &n[2]) != 0)
		goto bad;
	c->max_startups_start = (int)n[0];
	c->max_startups_rate = (int)n[1];
	c->max_startups = (int)n[2];
	return 0;
bad:
	(void)snprintf(err, errsize,
	    "%s: \"%s\" is not start:rate:full (start <= full from %d to %d, "
	    "rate a percentage) or one number",
	    name, value, CONFIG_COUNT_MIN, CONFIG_COUNT_MAX);
	return MB_ERR_INVALID;
}

int
config_set(struct config *c, const char *key, const char *value, char *err,
    size_t errsize)
{
	const struct config_entry *e = config_find(key);
	const char *why = NULL;
	char *field;

	if (e == NULL) {
		(void)snprintf(err, errsize, "unknown setting \"%s\"", key);
		return MB_ERR_INVALID;
	}
	field = (char *)c + e->offset;
	switch (e->type) {
	case CONFIG_STRING:
		if (text_check_line(value, 0, (long)e->size, &why) != 0) {
			(void)snprintf(
			    err, errsize, "%s: value %s", e->name, why);
			return MB_ERR_INVALID;
		}
		if (e->offset == offsetof(struct config, team_address) &&
		    value[0] != '\0' && !mail_address_valid(value)) {
			(void)snprintf(err, errsize,
			    "%s: \"%s\" is not an e-mail address", e->name,
			    value);
			return MB_ERR_INVALID;
		}
		if (strlcpy_checked(field, value, e->size) != 0) {
			(void)snprintf(
			    err, errsize, "%s: value too long", e->name);
			return MB_ERR_INVALID;
		}
		return 0;
	case CONFIG_PORT:
	case CONFIG_SECONDS:
	case CONFIG_COUNT:
	case CONFIG_DAYS:
	case CONFIG_MINUTES:
	case CONFIG_YEARS:
		return config_set_number(
		    e, (int *)(void *)field, value, err, errsize);
	case CONFIG_STARTUPS:
		return config_set_startups(c, e->name, value, err, errsize);
	case CONFIG_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "1") == 0)
			*(int *)(void *)field = 1;
		else if (strcmp(value, "no") == 0 || strcmp(value, "0") == 0)
			*(int *)(void *)field = 0;
		else {
			(void)snprintf(err, errsize,
			    "%s: \"%s\" is not yes or no", e->name, value);
			return MB_ERR_INVALID;
		}
		return 0;
	}
	return MB_ERR_INVALID;
}

int
config_load(struct config *c, const char *path, char *err, size_t errsize)
{
	char line[CONFIG_LINE_MAX + 2], reason[256];
	char *key, *value, *eq;
	FILE *fp = NULL;
	size_t total = 0;
	int lineno = 0, rc = 0;

	fp = fopen(path, "re");
	if (fp == NULL) {
		(void)snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return MB_ERR_IO;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		total += strlen(line);
		if (total > CONFIG_FILE_MAX) {
			(void)snprintf(err, errsize, "%s: larger than %d bytes",
			    path, CONFIG_FILE_MAX);
			rc = MB_ERR_INVALID;
			goto out;
		}
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			(void)snprintf(err, errsize,
			    "%s:%d: line longer than %d bytes", path, lineno,
			    CONFIG_LINE_MAX);
			rc = MB_ERR_INVALID;
			goto out;
		}
		line[strcspn(line, "\r\n")] = '\0';
		text_trim(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		eq = strchr(line, '=');
		if (eq == NULL) {
			(void)snprintf(err, errsize,
			    "%s:%d: expected \"key = value\"", path, lineno);
			rc = MB_ERR_INVALID;
			goto out;
		}
		*eq = '\0';
		key = line;
		value = eq + 1;
		text_trim(key);
		text_trim(value);
		rc = config_set(c, key, value, reason, sizeof(reason));
		if (rc != 0) {
			(void)snprintf(
			    err, errsize, "%s:%d: %s", path, lineno, reason);
			goto out;
		}
	}
	if (ferror(fp)) {
		(void)snprintf(err, errsize, "%s: read error", path);
		rc = MB_ERR_IO;
	}
out:
	if (fclose(fp) != 0 && rc == 0)
		rc = MB_ERR_IO;
	return rc;
}

int
config_public_port(const struct config *c)
{
	return c->public_port != 0 ? c->public_port : c->port;
}

void
config_usage(FILE *fp)
{
	char flag[64];
	size_t i, j;

	for (i = 0; i < nitems(config_entries); i++) {
		for (j = 0;
		     config_entries[i].name[j] != '\0' && j < sizeof(flag) - 1;
		     j++)
			flag[j] = config_entries[i].name[j] == '_' ?
			    '-' :
			    config_entries[i].name[j];
		flag[j] = '\0';
		(void)fprintf(fp, "  --%s VALUE\n      %s\n", flag,
		    config_entries[i].help);
	}
}
