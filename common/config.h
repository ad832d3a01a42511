/*
 * config: the board's settings, from a "key = value" file and command-line
 * flags of the same names (--mail-command for mail_command).  Flags
 * override the file.  mentord hands the settings mentor needs on as flags.
 */
#ifndef MB_CONFIG_H
#define MB_CONFIG_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#define CONFIG_DEFAULT_LISTEN "127.0.0.1"
#define CONFIG_DEFAULT_PORT 2222
#define CONFIG_DEFAULT_STATE_DIR "./var"
#define CONFIG_DEFAULT_MAIL_COMMAND "/usr/sbin/sendmail -t -i"
#define CONFIG_DEFAULT_MAIL_FROM "Mentorboard <mentorboard@localhost>"
#define CONFIG_DEFAULT_ACCESS_CODE_DAYS 90
#define CONFIG_DEFAULT_NOTIFY_MAIL_DELAY 15 /* minutes */
#define CONFIG_DEFAULT_NOTIFY_MAIL_INTERVAL 60 /* minutes */
#define CONFIG_DEFAULT_UNVERIFIED_DAYS 7
#define CONFIG_DEFAULT_CODE_RETENTION_DAYS 30
#define CONFIG_DEFAULT_LOGIN_RETENTION_DAYS 90
#define CONFIG_DEFAULT_CHAT_RETENTION_YEARS 0 /* kept */

struct config {
	char listen[128];
	int port;
	char state_dir[PATH_MAX];
	char mail_command[1024];
	char mail_from[256];
	char public_host[256]; /* what mails tell people to ssh to */
	int public_port; /* 0: the listening port */
	char mentor_path[PATH_MAX];
	char log_level[16];
	int syslog;
	int login_grace_time; /* seconds from connect to logged in */
	int max_startups; /* connections not logged in, in all ("full") */
	int max_startups_start; /* past this many, random early drop */
	int max_startups_rate; /* percent dropped at start, rising to 100 */
	int max_startups_per_source; /* the same, per source address */
	int max_sessions_per_source; /* connections per address in all */
	char team_address[256]; /* the mentoring team's mail */
	int access_code_days; /* an access code works this long */
	int notify_mail_delay; /* minutes before unread news is mailed */
	int notify_mail_interval; /* minutes between two digests, at least */
	int unverified_days; /* an unconfirmed account is removed after */
	int code_retention_days; /* used and expired codes are kept */
	int login_retention_days; /* login records are kept */
	int chat_retention_years; /* an ended mentorship's chat; 0: kept */
};

/* Fill c with the defaults above. */
void config_defaults(struct config *c);

/*
 * Set the setting called key ("mail_command"; "mail-command" is the same)
 * from its text value.  Returns 0, or MB_ERR_INVALID with a reason in err.
 */
int config_set(struct config *c, const char *key, const char *value, char *err,
    size_t errsize);

/*
 * Read a configuration file: "key = value" lines, "#" comments, blank
 * lines.  Returns 0, or MB_ERR_IO / MB_ERR_INVALID with the file name,
 * line number and reason in err.
 */
int config_load(struct config *c, const char *path, char *err, size_t errsize);

/*
 * Is name ("mail-command") a setting that takes a value?  Used by the
 * programs' flag parsers.
 */
int config_has(const char *name);

/* The port mails and help texts give to users. */
int config_public_port(const struct config *c);

/* Print "  --name VALUE   help" lines for every setting to fp. */
void config_usage(FILE *fp);

#endif
