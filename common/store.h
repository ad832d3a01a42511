/*
 * store: the board's SQLite database.  All SQL lives in the store_*.c files
 * as prepared statements with bound parameters; everyone else calls these
 * functions.  One struct store is one connection, opened after fork and
 * never shared between processes.
 *
 * Functions return 0 or a negative MB_ERR_* code; database errors are
 * logged with the function name.  Strings a function hands out are the
 * caller's to free unless the comment says otherwise.
 */
#ifndef MB_STORE_H
#define MB_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define STORE_FILE_NAME "mentorboard.db"

struct store;

/*
 * Open (creating when missing) the database at path, configure the
 * connection (WAL, busy timeout, foreign keys, defensive mode, untrusted
 * schema) and bring the schema up to date.  On success *out is the caller's
 * to store_close().  Returns MB_ERR_VERSION when the file was written by a
 * newer program, MB_ERR_DB otherwise.
 */
int store_open(const char *path, struct store **out);

/* Close a store; NULL is allowed. */
void store_close(struct store *st);

/* The schema version of the open database. */
int store_schema_version(struct store *st, int *version);

/* The schema version this program writes. */
int store_schema_latest(void);

/*
 * Start a write transaction (BEGIN IMMEDIATE, so that the check and the
 * write of a rule cannot interleave with another process), commit it, or
 * roll it back.  Rolling back without a transaction is a no-op.
 */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * PRAGMA data_version: changes whenever another connection committed.
 * Sessions poll it to learn of news without reading tables.
 */
int store_data_version(struct store *st, int64_t *version);

/* A connected session, as the session process records it. */
struct store_session {
	int64_t id;
	int64_t user_id; /* 0 for a guest */
	char remote_addr[64];
	pid_t pid;
	int64_t started_at;
};

/*
 * Record a new connection: user_id 0 for a guest; token_hash is the keyed
 * hash of the one-time token handed to the UI process.  *id gets the row.
 */
int store_session_add(struct store *st, const uint8_t *token_hash,
    size_t hash_len, int64_t user_id, const char *remote_addr, pid_t pid,
    int64_t *id);

/*
 * Claim the session whose token hashes to token_hash: succeeds once per
 * token, and fills *out.  Returns MB_ERR_NOTFOUND for an unknown or
 * already claimed token.
 */
int store_session_claim(struct store *st, const uint8_t *token_hash,
    size_t hash_len, struct store_session *out);

/* Forget a session when its connection ends. */
int store_session_remove(struct store *st, int64_t id);

/* Forget every session (the daemon starts, none can be connected). */
int store_session_remove_all(struct store *st);

/* Number of recorded sessions. */
int store_session_count(struct store *st, int64_t *count);

#endif
