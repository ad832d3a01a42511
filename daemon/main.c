/*
 * mentord: the Mentorboard SSH daemon.  Parses flags and the configuration
 * file, checks them (daemon/check.c), prepares the state directory
 * (database, host key, board key), sets up libssh's listener object and
 * hands over to the listener; or checks the configuration only (mentord
 * -t, mentord check-config), or runs one of the administration commands
 * (mentord user add ...).
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "account.h"
#include "admin.h"
#include "auth.h"
#include "check.h"
#include "clock.h"
#include "config.h"
#include "daemon.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "sdnotify.h"
#include "session.h"
#include "sshkey.h"
#include "store.h"
#include "util.h"

/* Algorithms, set explicitly; the system's libssh configuration is not
 * read.  Modern ones first; AES in counter mode (with the encrypt-then-MAC
 * SHA-2 MACs, as OpenSSH's sshd offers by default) for clients without
 * chacha20-poly1305 or AES-GCM, such as Python's paramiko 2.12.  Client
 * keys: the common modern types, RSA only with SHA-2. */
#define MAIN_CIPHERS                                            \
	"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com," \
	"aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr"
static const struct {
	enum ssh_bind_options_e option;
	const char *value;
} main_algorithms[] = {
	{ SSH_BIND_OPTIONS_KEY_EXCHANGE,
	    "curve25519-sha256,curve25519-sha256@libssh.org" },
	{ SSH_BIND_OPTIONS_CIPHERS_C_S, MAIN_CIPHERS },
	{ SSH_BIND_OPTIONS_CIPHERS_S_C, MAIN_CIPHERS },
	{ SSH_BIND_OPTIONS_HMAC_C_S,
	    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com" },
	{ SSH_BIND_OPTIONS_HMAC_S_C,
	    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com" },
	{ SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, "ssh-ed25519" },
	{ SSH_BIND_OPTIONS_PUBKEY_ACCEPTED_KEY_TYPES,
	    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
	    "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256" },
	{ SSH_BIND_OPTIONS_BANNER, "Mentorboard" },
};

/* What mentord --help prints. */
static void
main_usage(FILE *fp)
{
	(void)fprintf(fp,
	    "usage: mentord [--config FILE] [--OPTION VALUE ...]\n"
	    "       mentord [--config FILE] [--OPTION VALUE ...] -t | "
	    "check-config\n"
	    "       mentord [--state-dir DIR] COMMAND ...\n"
	    "\n"
	    "Serves the Mentorboard over SSH in the foreground, logging to "
	    "stderr.\n"
	    "-t checks the settings, the state directory, the port and the "
	    "mail command,\n"
	    "says what is wrong on stderr, and exits 0 or 1;\n"
	    "check-config also prints what it checked.\n"
	    "\n"
	    "options (also settings of the --config file, as key = value "
	    "lines):\n"
	    "  --config FILE\n      read settings from FILE first\n");
	config_usage(fp);
	(void)fprintf(fp,
	    "  --help\n      this text\n"
	    "  --version\n      print the version\n"
	    "\n"
	    "commands (run while the board runs or not):\n");
	admin_usage(fp);
}

/* libssh's own log lines go to ours, below our warnings. */
static void
main_libssh_log(
    int priority, const char *function, const char *buffer, void *userdata)
{
	(void)userdata;
	if (priority <= SSH_LOG_WARN)
		log_write(LOG_LEVEL_DEBUG, function, "libssh: %s", buffer);
}

/*
 * The listener, and the factory it starts, hold a descriptor or two per
 * session: up to MAX_SESSIONS of them need more than the soft limit most
 * systems start with (1024), so take the hard one, as daemons do.
 */
static void
main_raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max)
		return;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		log_warn(
		    "cannot raise the open files limit: %s", strerror(errno));
}

/* Is arg the word for a check of the configuration: -t (quiet), or
 * check-config (says what it checked)?  0, 1 or 2. */
static int
main_check_word(const char *arg)
{
	if (strcmp(arg, "-t") == 0)
		return 1;
	if (strcmp(arg, "check-config") == 0)
		return 2;
	return 0;
}

/* Make the state directory (0700) if need be; refuse a second daemon. */
static int
main_prepare_state(const struct config *cfg, int *lock_fd)
{
	char path[PATH_MAX];
	struct flock lk;
	int fd;

	if (mkdir(cfg->state_dir, 0700) != 0 && errno != EEXIST) {
		log_error("mkdir %s: %s", cfg->state_dir, strerror(errno));
		return MB_ERR_IO;
	}
	if (path_join(path, sizeof(path), cfg->state_dir, LOCK_FILE) != 0) {
		log_error("state directory name too long");
		return MB_ERR_INVALID;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		log_error("%s: %s", path, strerror(errno));
		return MB_ERR_IO;
	}
	/*
	 * A record lock, not flock: it is this process's alone, so neither
	 * the sessions nor housekeeping (which fork from it) hold it, and a
	 * mentord restarted after the listener was killed starts at once,
	 * while the sessions of the old one end as their clients leave.
	 */
	memset(&lk, 0, sizeof(lk));
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &lk) != 0) {
		if (errno == EAGAIN || errno == EACCES)
			log_error(
			    "another mentord is running on %s", cfg->state_dir);
		else
			log_error("locking %s: %s", path, strerror(errno));
		(void)close(fd);
		return MB_ERR_BUSY;
	}
	*lock_fd = fd;
	return 0;
}

/*
 * Create or migrate the database, forget sessions of a previous run, and
 * read (or make) the dummy password hash.
 */
static int
main_prepare_store(const struct config *cfg, char dummy_hash[AUTH_HASH_STR_MAX])
{
	struct board b = { .cfg = cfg };
	char path[PATH_MAX];
	int rc;

	rc = path_join(path, sizeof(path), cfg->state_dir, STORE_FILE_NAME);
	if (rc != 0)
		return rc;
	rc = store_open(path, &b.store);
	if (rc != 0)
		return rc;
	rc = session_close_all(&b);
	if (rc == 0)
		rc = account_dummy_hash(&b, dummy_hash);
	store_close(b.store);
	return rc;
}

/*
 * The bind mentord accepts on: no ssh configuration files read, only the
 * algorithms above, RSA keys of RSA_MIN_BITS or more, and our host key.
 * Returns 0, MB_ERR_NOMEM, or MB_ERR_INVALID (logged).
 */
static int
main_setup_bind(struct daemon_ctx *dc, ssh_key host_key)
{
	bool no = false;
	int rsa_min = RSA_MIN_BITS;
	size_t i;

	dc->bind = ssh_bind_new();
	if (dc->bind == NULL)
		return MB_ERR_NOMEM;
	if (ssh_bind_options_set(
		dc->bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no) != SSH_OK)
		goto fail;
	for (i = 0; i < nitems(main_algorithms); i++) {
		if (ssh_bind_options_set(dc->bind, main_algorithms[i].option,
			main_algorithms[i].value) != SSH_OK)
			goto fail;
	}
	if (ssh_bind_options_set(
		dc->bind, SSH_BIND_OPTIONS_RSA_MIN_SIZE, &rsa_min) != SSH_OK)
		goto fail;
	/* The bind takes the key over and frees it. */
	if (ssh_bind_options_set(
		dc->bind, SSH_BIND_OPTIONS_IMPORT_KEY, host_key) != SSH_OK)
		goto fail;
	return 0;
fail:
	log_error("ssh_bind_options_set: %s", ssh_get_error(dc->bind));
	return MB_ERR_INVALID;
}

/* The check word among the flags (see main_parse_flags), or 0. */
static int
main_find_check(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (main_check_word(argv[i]) != 0)
			return main_check_word(argv[i]);
		if (strncmp(argv[i], "--", 2) != 0)
			break;
		if (strcmp(argv[i], "--help") != 0 &&
		    strcmp(argv[i], "--version") != 0 &&
		    strchr(argv[i], '=') == NULL)
			i++; /* its value */
	}
	return 0;
}

/*
 * Apply "--name value" and "--name=value" flags; stop at the command.  A
 * check word (-t, check-config) among the flags sets *check (flags may
 * follow it).
 */
static int
main_parse_flags(
    int argc, char **argv, struct config *cfg, int *cmd_index, int *check)
{
	char err[512], name[64];
	const char *arg, *value, *eq;
	int i;

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (main_check_word(arg) != 0) {
			*check = main_check_word(arg);
			continue;
		}
		if (strncmp(arg, "--", 2) != 0)
			break;
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "--version") == 0)
			continue;
		eq = strchr(arg, '=');
		(void)snprintf(name, sizeof(name), "%.*s",
		    (int)(eq != NULL ? (size_t)(eq - arg - 2) :
				       strlen(arg + 2)),
		    arg + 2);
		if (eq != NULL)
			value = eq + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else {
			(void)fprintf(
			    stderr, "mentord: --%s needs a value\n", name);
			return MB_ERR_INVALID;
		}
		if (strcmp(name, "config") == 0)
			continue; /* read before the others */
		if (config_set(cfg, name, value, err, sizeof(err)) != 0) {
			(void)fprintf(stderr, "mentord: --%s: %s\n", name, err);
			return MB_ERR_INVALID;
		}
	}
	*cmd_index = i;
	return 0;
}

/* Load the file named by --config, if any, before the other flags. */
static int
main_load_config(int argc, char **argv, struct config *cfg)
{
	char err[512];
	int i;

	for (i = 1; i < argc; i++) {
		const char *file = NULL;
		if (main_check_word(argv[i]) != 0)
			continue;
		if (strncmp(argv[i], "--", 2) != 0)
			break; /* the command */
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			file = argv[i + 1];
		else if (strncmp(argv[i], "--config=", 9) == 0)
			file = argv[i] + 9;
		/* Past the value of "--name value", as main_parse_flags. */
		if (strcmp(argv[i], "--help") != 0 &&
		    strcmp(argv[i], "--version") != 0 &&
		    strchr(argv[i], '=') == NULL)
			i++;
		if (file == NULL)
			continue;
		if (config_load(cfg, file, err, sizeof(err)) != 0) {
			(void)fprintf(stderr, "mentord: %s\n", err);
			return MB_ERR_INVALID;
		}
	}
	return 0;
}

/*
 * Check the configuration: -t says only what is wrong, check-config also
 * what it checked.  Exits 0, or 1 when something is wrong.
 */
static int
main_check(const struct config *cfg, int check)
{
	struct check c = { .err = stderr };

	return check_config(cfg, &c, check == 2, stdout) == 0 ? 0 : 1;
}

/*
 * An administration command runs and returns its status at once; -t and
 * check-config check the configuration; otherwise mentord checks it too,
 * prepares the state directory, the store, the keys and the bind, and
 * serves until told to stop.  Exits 0, 1 on failure (or a failed check),
 * 2 for a bad command line.
 */
int
main(int argc, char **argv)
{
	struct config cfg;
	struct daemon_ctx dc;
	enum log_level level = LOG_LEVEL_INFO;
	uint8_t board_key[BOARD_KEY_BYTES];
	ssh_key host_key = NULL;
	struct check startup = { .to_log = 1 };
	int i, cmd_index = argc, lock_fd = -1, check = 0, rc;
	int restart_rc, restart_errno;

	title_init(argc, argv);
	/* Started by the listener as the mentor factory (factory.c). */
	if (getenv(FACTORY_ENV) != NULL)
		factory_main();
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		(void)setlocale(LC_CTYPE, "");
	/* English on the host; a mail switches to its recipient's. */
	i18n_init();
	/* The database, keys and locks are for the board's eyes only. */
	(void)umask(077);
	config_defaults(&cfg);
	/* --help and --version among the options, past their values. */
	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			main_usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			(void)printf("mentord %s\n", MB_VERSION);
			return 0;
		}
		if (strchr(argv[i], '=') == NULL)
			i++; /* its value */
	}
	check = main_find_check(argc, argv);
	/* A check fails (1) on a bad setting; a daemon does not start (2). */
	if (main_load_config(argc, argv, &cfg) != 0 ||
	    main_parse_flags(argc, argv, &cfg, &cmd_index, &check) != 0)
		return check != 0 ? 1 : 2;
	if (log_level_parse(cfg.log_level, &level) != 0) {
		(void)fprintf(
		    stderr, "mentord: unknown log level %s\n", cfg.log_level);
		return check != 0 ? 1 : 2;
	}
	/* Administration commands talk to a person: only warnings, unless
	 * the log goes to syslog (where the team's actions belong). */
	if (cmd_index < argc && level == LOG_LEVEL_INFO &&
	    !(cfg.syslog && log_syslog_available()))
		level = LOG_LEVEL_WARN;
	if (check != 0 && cmd_index < argc) {
		(void)fprintf(stderr,
		    "mentord: -t and check-config take no "
		    "command\n");
		return 2;
	}
	if (check != 0) {
		log_init("mentord", STDERR_FILENO, 0, LOG_LEVEL_WARN);
		return main_check(&cfg, check);
	}
	/* The daemon: first of all (before it logs, or sdnotify_init takes
	 * $NOTIFY_SOCKET from the environment), start again with restart.c's
	 * settings of glibc. */
	restart_rc = cmd_index == argc ? restart_self(argv) : 0;
	restart_errno = errno;
	log_init("mentord", STDERR_FILENO, cfg.syslog, level);
	if (restart_rc != 0)
		log_debug("not started again with %s and %s: %s",
		    RESTART_TUNABLES_ENV, RESTART_BIND_ENV,
		    strerror(restart_errno));
	if (cfg.syslog && !log_syslog_available())
		log_warn("syslog = yes, but there is no syslog socket (%s): "
			 "logging to standard error",
		    LOG_SYSLOG_SOCKET);
	clock_init(cfg.state_dir);
	if (auth_init() != 0)
		return 1;
	if (cmd_index < argc)
		return admin_run(&cfg, argc - cmd_index, argv + cmd_index);

	sdnotify_init();
	/* Before the rest of the start-up allocates: OpenSSL's tables, some
	 * of whose objects every connection writes (reference counts, locks),
	 * then lie on fewer pages, which each connection copies. */
	warm_crypto();
	main_raise_nofile();
	memset(&dc, 0, sizeof(dc));
	dc.cfg = &cfg;
	dc.status_fd = -1;
	dc.factory_fd = -1;
	dc.gate_fd = -1;
	dc.argv = argv;
	if (cfg.public_host[0] == '\0') {
		/* A loopback board is reached as localhost. */
		if (strncmp(cfg.listen, "127.", 4) == 0 ||
		    strcmp(cfg.listen, "::1") == 0 ||
		    strcmp(cfg.listen, "localhost") == 0)
			(void)strlcpy_checked(cfg.public_host, "localhost",
			    sizeof(cfg.public_host));
		else if (gethostname(
			     cfg.public_host, sizeof(cfg.public_host)) != 0)
			(void)strlcpy_checked(cfg.public_host, "localhost",
			    sizeof(cfg.public_host));
	}
	if (check_config(&cfg, &startup, 0, NULL) != 0) {
		log_error("not starting: %d problem%s above (mentord -t "
			  "checks)",
		    startup.problems, startup.problems == 1 ? "" : "s");
		return 1;
	}
	if (main_prepare_state(&cfg, &lock_fd) != 0)
		return 1;
	/* Made here once, so that sessions only ever read it. */
	rc = auth_board_key_load(cfg.state_dir, 1, board_key);
	sodium_memzero(board_key, sizeof(board_key));
	if (rc != 0 || main_prepare_store(&cfg, dc.dummy_hash) != 0 ||
	    hostkey_load(cfg.state_dir, &host_key) != 0)
		return 1;
	ssh_set_log_level(SSH_LOG_WARN);
	if (ssh_set_log_callback(main_libssh_log) != SSH_OK)
		log_warn("cannot route libssh's log");
	if (ssh_init() != SSH_OK) {
		log_error("ssh_init failed");
		return 1;
	}
	rc = main_setup_bind(&dc, host_key);
	if (rc == 0)
		rc = listener_run(&dc);
	ssh_bind_free(dc.bind);
	(void)ssh_finalize();
	(void)close(lock_fd);
	return rc == 0 ? 0 : 1;
}
