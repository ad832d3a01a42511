/*
 * check: mentord -t and mentord check-config.  Each check says what is
 * wrong and what to do about it; none changes anything on the host.
 */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <netdb.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "check.h"
#include "daemon.h"
#include "error.h"
#include "log.h"
#include "mail.h"
#include "store.h"
#include "util.h"

/* Where /bin/sh looks for a program when the environment has no PATH. */
#define CHECK_DEFAULT_PATH \
	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* The longest word of mail_command looked at, and how many words. */
#define CHECK_WORD_MAX 256
#define CHECK_WORDS_MAX 8

/* The state directory's files that are secrets: nobody else may read. */
static const char *const check_secret_files[] = {
	BOARD_KEY_FILE,
	HOST_KEY_FILE,
};

/*
 * Words of mail_command the shell runs itself, so there is no program to
 * look for ("exit 3" in the tests): the check then says nothing.
 */
static const char *const check_shell_words[] = { ":", "true", "false", "exit",
	"echo", "printf", "test", "[", "{", "(", "if", "!", "cd", "read" };

/*
 * Say one problem (is_problem) or warning, to c->err; at start (to_log)
 * problems go to the log under the name of the check (func), warnings
 * nowhere: they are for the operator who runs mentord -t.
 */
static void __attribute__((format(printf, 4, 5))) check_write(
    struct check *c, int is_problem, const char *func, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (is_problem)
		c->problems++;
	else
		c->warnings++;
	if (c->to_log) {
		if (is_problem)
			log_write(LOG_LEVEL_ERROR, func, "%s", msg);
		return;
	}
	(void)fprintf(
	    c->err, "mentord: %s%s\n", is_problem ? "" : "warning: ", msg);
}

#define check_say(c, is_problem, ...) \
	check_write(c, is_problem, __func__, __VA_ARGS__)

/* "alice", or "uid 1234" when the account has no name. */
static void
check_user_name(uid_t uid, char *out, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		(void)snprintf(out, size, "%s", pw->pw_name);
	else
		(void)snprintf(out, size, "uid %ld", (long)uid);
}

/*
 * listen and port: bind the address and port as the listener will (and
 * let go at once).  The kernel's answer tells the cases apart: a port
 * below 1024 without the right (EACCES), an address of another host
 * (EADDRNOTAVAIL), a port in use (EADDRINUSE: by the running board, most
 * likely, so only a warning).
 */
static void
check_listen(const struct config *cfg, struct check *c, int verbose, FILE *out)
{
	struct addrinfo hints, *res = NULL, *ai;
	char port[16];
	int fd, one = 1, rc, err = 0, bound = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	(void)snprintf(port, sizeof(port), "%d", cfg->port);
	rc = getaddrinfo(cfg->listen, port, &hints, &res);
	if (rc != 0) {
		check_say(c, 1, "listen %s: %s", cfg->listen, gai_strerror(rc));
		return;
	}
	for (ai = res; ai != NULL && !bound; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		if (setsockopt(
			fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0)
			err = errno;
		else if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			bound = 1;
		else if (err == 0 || err == EADDRINUSE)
			err = errno; /* the first reason that is not "in use" */
		(void)close(fd);
	}
	freeaddrinfo(res);
	if (bound)
		err = 0;
	if (err == EACCES)
		check_say(c, 1,
		    "port %d: a port below 1024 needs root or the capability "
		    "CAP_NET_BIND_SERVICE (the systemd unit grants it)",
		    cfg->port);
	else if (err == EADDRNOTAVAIL)
		check_say(c, 1, "listen %s: not an address of this host",
		    cfg->listen);
	else if (err == EADDRINUSE)
		check_say(c, 0,
		    "port %d on %s is in use (by a running mentord?)",
		    cfg->port, cfg->listen);
	else if (err != 0)
		check_say(c, 1, "listen %s port %d: %s", cfg->listen, cfg->port,
		    strerror(err));
	if (cfg->port == 0)
		check_say(c, 0,
		    "port 0: the kernel picks a free port at every start");
	if (verbose)
		(void)fprintf(
		    out, "listen        %s, port %d\n", cfg->listen, cfg->port);
}

/*
 * The files in the state directory: all the owner's (root's console or
 * an older mentord may have left some of root's), none writable by
 * others, the keys readable by nobody else; no test clock on a real board.
 */
static void
check_state_files(const char *dir, uid_t owner, struct check *c)
{
	char path[PATH_MAX], who[64], whose[64];
	struct dirent *e = NULL;
	struct stat sb;
	DIR *d = opendir(dir);
	size_t i;

	if (d == NULL) {
		check_say(c, 1, "state_dir %s: %s", dir, strerror(errno));
		return;
	}
	check_user_name(owner, whose, sizeof(whose));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (path_join(path, sizeof(path), dir, e->d_name) != 0 ||
		    lstat(path, &sb) != 0)
			continue;
		if (sb.st_uid != owner) {
			check_user_name(sb.st_uid, who, sizeof(who));
			check_say(c, 1,
			    "%s belongs to %s, not to %s, the state "
			    "directory's owner: chown %s %s",
			    path, who, whose, whose, path);
		}
		if (!S_ISLNK(sb.st_mode) && (sb.st_mode & 022) != 0)
			check_say(c, 1,
			    "%s can be written by others (mode %04o): chmod "
			    "go-w %s",
			    path, (unsigned)(sb.st_mode & 07777), path);
		for (i = 0; i < nitems(check_secret_files); i++) {
			if (strcmp(e->d_name, check_secret_files[i]) == 0 &&
			    (sb.st_mode & 077) != 0)
				check_say(c, 1,
				    "%s is a secret but others may read it "
				    "(mode %04o): chmod 600 %s",
				    path, (unsigned)(sb.st_mode & 07777), path);
		}
		if (strcmp(e->d_name, "test-clock") == 0)
			check_say(c, 0,
			    "%s is the tests' clock: the board's time runs "
			    "ahead; remove it",
			    path);
	}
	if (closedir(d) != 0)
		check_say(c, 1, "state_dir %s: %s", dir, strerror(errno));
}

/*
 * state_dir: there, or mentord can make it; a directory of the account
 * mentord runs as (root checking for the service: of its owner), written
 * by nobody else.
 */
static void
check_state_dir(
    const struct config *cfg, struct check *c, int verbose, FILE *out)
{
	const char *dir = cfg->state_dir, *systemd = getenv("STATE_DIRECTORY");
	char parent[PATH_MAX], me[64], whose[64];
	char real[PATH_MAX], real_systemd[PATH_MAX];
	uid_t runs_as = geteuid();
	struct stat sb;

	if (dir[0] != '/')
		check_say(c, 0,
		    "state_dir %s is relative: it depends on the directory "
		    "mentord starts in",
		    dir);
	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT) {
			check_say(
			    c, 1, "state_dir %s: %s", dir, strerror(errno));
			return;
		}
		(void)strlcpy_checked(parent, dir, sizeof(parent));
		if (access(dirname(parent), W_OK | X_OK) != 0)
			check_say(c, 1,
			    "state_dir %s does not exist, and cannot be made "
			    "in %s: %s",
			    dir, parent, strerror(errno));
		else if (verbose)
			(void)fprintf(out,
			    "state_dir     %s (made at the first start, mode "
			    "0700)\n",
			    dir);
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		check_say(c, 1, "state_dir %s is not a directory", dir);
		return;
	}
	check_user_name(sb.st_uid, whose, sizeof(whose));
	/* Root checks the service's settings: mentord will run as the
	 * owner.  Root serving from another's directory would make files
	 * the owner cannot open. */
	if (runs_as == 0 && sb.st_uid != 0 && !c->to_log)
		runs_as = sb.st_uid;
	if (sb.st_uid != runs_as) {
		check_user_name(runs_as, me, sizeof(me));
		check_say(c, 1,
		    "state_dir %s belongs to %s, not to %s, who runs "
		    "mentord: run mentord as %s (the systemd unit does)",
		    dir, whose, me, whose);
	} else if (access(dir, R_OK | W_OK | X_OK) != 0 && geteuid() != 0)
		check_say(c, 1, "state_dir %s: %s", dir, strerror(errno));
	if ((sb.st_mode & 022) != 0)
		check_say(c, 1,
		    "state_dir %s can be written by others (mode %04o): "
		    "chmod 700 %s",
		    dir, (unsigned)(sb.st_mode & 07777), dir);
	else if ((sb.st_mode & 077) != 0)
		check_say(c, 0,
		    "state_dir %s can be read by others (mode %04o): chmod "
		    "700 %s",
		    dir, (unsigned)(sb.st_mode & 07777), dir);
	check_state_files(dir, sb.st_uid, c);
	/* Under systemd: the StateDirectory= it made and owns. */
	if (systemd != NULL && strchr(systemd, ':') == NULL &&
	    realpath(dir, real) != NULL &&
	    realpath(systemd, real_systemd) != NULL &&
	    strcmp(real, real_systemd) != 0)
		check_say(c, 0,
		    "state_dir %s is not systemd's StateDirectory (%s)", dir,
		    systemd);
	if (verbose)
		(void)fprintf(out, "state_dir     %s (owner %s, mode %04o)\n",
		    dir, whose, (unsigned)(sb.st_mode & 07777));
}

/*
 * mentor_path named the program mentord executed for each session; mentord
 * now runs mentor's code itself (daemon/spawn.c).  The setting still loads,
 * so that older files do, and is said to be unused.
 */
static void
check_mentor(const struct config *cfg, struct check *c)
{
	if (cfg->mentor_path[0] != '\0')
		check_say(c, 0,
		    "mentor_path is no longer used: mentord runs mentor's "
		    "code itself");
}

/*
 * The program of mail_command: its first word, after VAR=value words and
 * "exec", found as /bin/sh would (a path, or a search of PATH).  Returns
 * 1 with the program's path in found, 0 when the shell runs the word
 * itself, -1 (said) when there is no such program.
 */
static int
check_mail_program(
    const char *command, struct check *c, char *found, size_t size)
{
	char word[CHECK_WORD_MAX], dir[PATH_MAX];
	const char *p = command, *path = getenv("PATH"), *colon = NULL;
	size_t len, i;
	int words;

	for (words = 0; words < CHECK_WORDS_MAX; words++) {
		p += strspn(p, " \t");
		len = strcspn(p, " \t;|&<>");
		if (len == 0 || len >= sizeof(word))
			return 0; /* nothing plain to look at */
		memcpy(word, p, len);
		word[len] = '\0';
		p += len;
		if (strcmp(word, "exec") == 0 ||
		    (strchr(word, '=') != NULL && word[0] != '='))
			continue;
		break;
	}
	if (words == CHECK_WORDS_MAX || strpbrk(word, "\"'$`\\*?") != NULL)
		return 0; /* quoting or expansions: the shell's business */
	for (i = 0; i < nitems(check_shell_words); i++) {
		if (strcmp(word, check_shell_words[i]) == 0)
			return 0;
	}
	if (strchr(word, '/') != NULL) {
		if (access(word, X_OK) != 0) {
			check_say(c, 1, "mail_command: %s: %s", word,
			    strerror(errno));
			return -1;
		}
		(void)strlcpy_checked(found, word, size);
		return 1;
	}
	if (path == NULL)
		path = CHECK_DEFAULT_PATH;
	for (; *path != '\0'; path = colon + 1) {
		colon = strchr(path, ':');
		if (colon == NULL)
			colon = path + strlen(path);
		(void)snprintf(dir, sizeof(dir), "%.*s", (int)(colon - path),
		    colon == path ? "." : path);
		if (path_join(found, size, dir, word) == 0 &&
		    access(found, X_OK) == 0)
			return 1;
		if (*colon == '\0')
			break;
	}
	check_say(c, 1, "mail_command: no program \"%s\" in PATH (%s)", word,
	    getenv("PATH") != NULL ? getenv("PATH") : CHECK_DEFAULT_PATH);
	return -1;
}

/*
 * mail_command, mail_from and team_address.  A set-user-ID or
 * set-group-ID mail program (exim's sendmail) loses its rights under
 * no_new_privs, which the systemd unit's sandbox sets: a problem when this
 * process runs so, a warning otherwise.
 */
static void
check_mail(const struct config *cfg, struct check *c, int verbose, FILE *out)
{
	char program[PATH_MAX], from[sizeof(cfg->mail_from)];
	const char *lt = NULL, *gt = NULL;
	struct stat sb;
	int found = 0, nnp;

	if (cfg->mail_command[0] == '\0')
		check_say(c, 1,
		    "mail_command is empty: the board could send no mail "
		    "(registration needs it)");
	else
		found = check_mail_program(
		    cfg->mail_command, c, program, sizeof(program));
	if (found == 1 && stat(program, &sb) == 0 &&
	    (sb.st_mode & (S_ISUID | S_ISGID)) != 0) {
		nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
		check_say(c, nnp == 1,
		    "mail_command: %s is set-user-ID or set-group-ID, which "
		    "NoNewPrivileges (the systemd unit's sandbox) takes "
		    "away: send through SMTP with a program that needs no "
		    "privileges, such as msmtp",
		    program);
	}
	lt = strrchr(cfg->mail_from, '<');
	gt = lt != NULL ? strchr(lt, '>') : NULL;
	if (lt != NULL && gt != NULL)
		(void)snprintf(
		    from, sizeof(from), "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		(void)strlcpy_checked(from, cfg->mail_from, sizeof(from));
	/* The default's mentorboard@localhost works for local mail only. */
	if (!mail_address_valid(from))
		check_say(c, 0,
		    "mail_from \"%s\" holds no address that other hosts "
		    "accept: set mail_from",
		    cfg->mail_from);
	if (cfg->team_address[0] == '\0')
		check_say(c, 0,
		    "team_address is not set: nobody is told of new "
		    "membership requests");
	if (verbose) {
		(void)fprintf(out, "mail_command  %s", cfg->mail_command);
		if (found == 1)
			(void)fprintf(out, " (runs %s)", program);
		(void)fprintf(out, "\nmail_from     %s\nteam_address  %s\n",
		    cfg->mail_from,
		    cfg->team_address[0] != '\0' ? cfg->team_address :
						   "(none)");
	}
}

int
check_config(const struct config *cfg, struct check *c, int verbose, FILE *out)
{
	check_listen(cfg, c, verbose, out);
	check_state_dir(cfg, c, verbose, out);
	check_mentor(cfg, c);
	check_mail(cfg, c, verbose, out);
	/* At start, mentord said so when it opened the log. */
	if (!c->to_log && cfg->syslog && !log_syslog_available())
		check_say(c, 0,
		    "syslog = yes, but there is no syslog socket (%s): "
		    "mentord logs to standard error",
		    LOG_SYSLOG_SOCKET);
	if (verbose && c->problems == 0)
		(void)fprintf(out, "configuration ok%s\n",
		    c->warnings > 0 ? " (see the warnings)" : "");
	return c->problems;
}
