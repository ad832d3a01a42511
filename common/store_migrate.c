/*
 * store_migrate: creating the schema and numbered forward migrations.
 *
 * A new database gets schema.sql whole and the latest version.  An older
 * one gets migrations[v - 1] for each version v it is behind, in one
 * transaction.  schema.sql always equals the result of all migrations.
 */
#include <stdio.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

/* store_migrations[i] upgrades version i + 1 to i + 2. */
static const char *const store_migrations[] = {
	NULL, /* version 1 is schema.sql itself; nothing to upgrade yet */
};

#define STORE_SCHEMA_VERSION ((int)nitems(store_migrations))

int
store_schema_latest(void)
{
	return STORE_SCHEMA_VERSION;
}

int
store_schema_version(struct store *st, int *version)
{
	int64_t v = 0;
	int rc;

	rc = store_ints(st, __func__, "PRAGMA user_version", &v, 1, "");
	if (rc != 0)
		return rc;
	*version = (int)v;
	return 0;
}

/* Run a script of several statements inside the open transaction. */
static int
store_run_script(struct store *st, const char *sql)
{
	char *errmsg = NULL;
	int rc;

	rc = sqlite3_exec(st->db, sql, NULL, NULL, &errmsg);
	if (rc != SQLITE_OK) {
		log_error("schema script failed: %s",
		    errmsg != NULL ? errmsg : sqlite3_errstr(rc));
		sqlite3_free(errmsg);
		return MB_ERR_DB;
	}
	return 0;
}

int
store_migrate(struct store *st)
{
	char pragma[64];
	int rc, version = 0;

	rc = store_schema_version(st, &version);
	if (rc != 0)
		return rc;
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (version > STORE_SCHEMA_VERSION) {
		log_error("database has schema version %d; this program "
			  "knows up to %d: refusing to touch it",
		    version, STORE_SCHEMA_VERSION);
		return MB_ERR_VERSION;
	}
	rc = store_begin(st);
	if (rc != 0)
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	rc = store_schema_version(st, &version);
	if (rc != 0)
		goto fail;
	if (version == 0) {
		rc = store_run_script(st, store_schema_sql);
		if (rc != 0)
			goto fail;
		version = STORE_SCHEMA_VERSION;
		log_info("created database schema version %d", version);
	}
	for (; version < STORE_SCHEMA_VERSION; version++) {
		rc = store_run_script(st, store_migrations[version]);
		if (rc != 0)
			goto fail;
		log_info("migrated database to schema version %d", version + 1);
	}
	(void)snprintf(
	    pragma, sizeof(pragma), "PRAGMA user_version = %d", version);
	rc = store_run_script(st, pragma);
	if (rc != 0)
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return rc;
}
