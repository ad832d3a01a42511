/*
 * sysop_backup: "Backup now", for the mentoring team and the host's
 * operator: a checked copy of the board's database, made while the board
 * runs (store_backup.h), into STATE/backups/DATE.db; on the host, into
 * any new file the operator names (mentord backup FILE).  A backup holds
 * every member's personal data: the directory is 0700, each file 0600,
 * and ageing them out is the operator's.
 */
#ifndef MB_SYSOP_BACKUP_H
#define MB_SYSOP_BACKUP_H

#include <stddef.h>

#include "cli.h"
#include "store_backup.h"
#include "sysop.h"

#define SYSOP_BACKUP_DIR "backups" /* in the state directory */
#define SYSOP_BACKUP_DIR_MODE 0700
/* Names tried for backups within one second: DATE.db, DATE-2.db, ... */
#define SYSOP_BACKUP_NAMES_MAX 10
#define SYSOP_BACKUP_DATE_FORMAT "%Y-%m-%dT%H%M%SZ" /* UTC, no colons */

/*
 * The file a backup made now goes to, STATE/backups/DATE.db, into out
 * (size bytes), making the directory (SYSOP_BACKUP_DIR_MODE) if need be.
 * Returns 0; MB_ERR_IO when the directory cannot be made or is not one,
 * MB_ERR_EXISTS when every name of this second is taken, MB_ERR_LIMIT
 * when the path does not fit; why (why_size bytes) says so.
 */
int sysop_backup_target(
    const struct sysop *s, char *out, size_t size, char *why, size_t why_size);

/* A backup was made: into the audit log, with where it went. */
void sysop_backup_audit(
    const struct sysop *s, const struct store_backup_info *info);

/* backup [FILE] [--json]: the row. */
int sysop_backup_run(void *ctx, const struct cli_call *call);

#endif
