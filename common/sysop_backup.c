/*
 * sysop_backup: backup [FILE] [--json], the mentoring team's "Backup now"
 * (sysop_backup.h).  Over ssh and in the console it always writes into
 * the state directory's backups/: a path given over ssh would write
 * wherever the board's account may.  On the host (mentord backup FILE,
 * mentor --local) the operator may name a new file.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "log.h"
#include "statedir.h"
#include "sysop_backup.h"
#include "util.h"

int
sysop_backup_target(
    const struct sysop *s, char *out, size_t size, char *why, size_t why_size)
{
	char dir[PATH_MAX], date[32], name[64];
	time_t now = (time_t)clock_now();
	struct stat sb;
	struct tm tm;
	int i, rc;

	out[0] = '\0';
	rc = path_join(
	    dir, sizeof(dir), s->board->cfg->state_dir, SYSOP_BACKUP_DIR);
	if (rc != 0) {
		(void)snprintf(why, why_size, "%s",
		    _("the state directory's name is too long"));
		return MB_ERR_LIMIT;
	}
	if (mkdir(dir, SYSOP_BACKUP_DIR_MODE) != 0 && errno != EEXIST) {
		(void)snprintf(why, why_size, "%s: %s", dir, strerror(errno));
		log_error("%s", why);
		return MB_ERR_IO;
	}
	/* Made by root (the operator): the board's account writes there
	 * too, for a sysop's backup. */
	statedir_adopt(dir);
	/* Not a link to somewhere else: the copies are the board's alone. */
	if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		(void)snprintf(why, why_size, "%s: not a directory", dir);
		log_error("%s", why);
		return MB_ERR_IO;
	}
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof(date), SYSOP_BACKUP_DATE_FORMAT, &tm) == 0) {
		(void)snprintf(why, why_size, "%s", _("no date for the name"));
		return MB_ERR_INVALID;
	}
	for (i = 1; i <= SYSOP_BACKUP_NAMES_MAX; i++) {
		if (i == 1)
			(void)snprintf(name, sizeof(name), "%s.db", date);
		else
			(void)snprintf(name, sizeof(name), "%s-%d.db", date, i);
		rc = path_join(out, size, dir, name);
		if (rc != 0) {
			(void)snprintf(
			    why, why_size, _("%s: name too long"), dir);
			return MB_ERR_LIMIT;
		}
		if (lstat(out, &sb) != 0 && errno == ENOENT)
			return 0;
	}
	(void)snprintf(why, why_size,
	    _("%s: every name for this second is taken; try again"), dir);
	out[0] = '\0';
	return MB_ERR_EXISTS;
}

void
sysop_backup_audit(const struct sysop *s, const struct store_backup_info *info)
{
	char dir[PATH_MAX];
	size_t len;

	/* Root's copy in the state directory's backups/ is the board's, as
	 * all there is; a file the operator named stays where it is, whose
	 * it is (a directory's owner is not trusted with everyone's data). */
	if (path_join(dir, sizeof(dir), s->board->cfg->state_dir,
		SYSOP_BACKUP_DIR) == 0) {
		len = strlen(dir);
		if (strncmp(info->path, dir, len) == 0 &&
		    info->path[len] == '/' &&
		    strchr(info->path + len + 1, '/') == NULL)
			statedir_adopt(info->path);
	}
	sysop_audit(s, "backup", 0, 0, info->path);
}

/* What a backup on the operator's terminal shows as it goes. */
struct sysop_backup_meter {
	FILE *fp; /* NULL: nothing */
	int shown; /* a line is up */
};

/* A percentage on the terminal, rewritten in place. */
static void
sysop_backup_progress(void *ctx, const struct store_backup_info *info)
{
	struct sysop_backup_meter *m = ctx;

	if (m->fp == NULL || info->pages_total <= 0)
		return;
	(void)fputc('\r', m->fp);
	(void)fprintf(m->fp, _("backing up: %3d%% of %lld pages"),
	    (int)(info->pages_done * 100 / info->pages_total),
	    (long long)info->pages_total);
	(void)fflush(m->fp);
	m->shown = 1;
}

int
sysop_backup_run(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_backup_info info;
	struct sysop_backup_meter meter = { NULL, 0 };
	char target[PATH_MAX], why[STORE_BACKUP_WHY_MAX] = "";
	struct json j;
	int rc;

	/* Over ssh a path would write wherever the board's account may. */
	if (call->argc > 0 && !s->local) {
		cli_error(
		    _("backup writes into the state directory's %s/; only "
		      "mentord backup FILE names a file"),
		    SYSOP_BACKUP_DIR);
		return CLI_USAGE;
	}
	if (call->argc > 0)
		rc = strlcpy_checked(target, call->argv[0], sizeof(target));
	else
		rc = sysop_backup_target(
		    s, target, sizeof(target), why, sizeof(why));
	if (rc != 0) {
		cli_error("%s", why[0] != '\0' ? why : _("name too long"));
		return CLI_FAIL;
	}
	/* A meter only where a person watches: the host's terminal. */
	if (s->local && s->err == stderr && !call->json &&
	    isatty(STDERR_FILENO))
		meter.fp = stderr;
	rc = store_backup(s->board->store, target, sysop_backup_progress,
	    &meter, &info, why, sizeof(why));
	if (meter.shown)
		(void)fputc('\n', meter.fp);
	if (rc != 0) {
		cli_error(_("backup failed, nothing was written: %s"), why);
		return CLI_FAIL;
	}
	sysop_backup_audit(s, &info);
	if (call->json) {
		const struct json_field f[] = {
			JSON_STR("path", info.path),
			JSON_INT("bytes", info.bytes),
			JSON_INT("pages", info.pages_total),
			JSON_INT("seconds", (info.ms + 500) / 1000),
		};
		json_init(&j, s->out);
		json_object(&j, f, nitems(f));
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	(void)fprintf(s->out,
	    _("backed up to %s: %lld bytes, %lld pages, in "
	      "%lld.%01lld s; integrity check ok\n"),
	    info.path, (long long)info.bytes, (long long)info.pages_total,
	    info.ms / 1000, info.ms % 1000 / 100);
	return CLI_OK;
}
