/* store_key: members' SSH public keys. */
#include <stdlib.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

int
store_key_add(struct store *st, int64_t user_id, const char *type,
    const char *base64, const char *fingerprint, const char *comment)
{
	/* UNIQUE (key_type, key_base64) is the only constraint that fails:
	 * MB_ERR_EXISTS means the key is on an account already. */
	return store_run(st, __func__,
	    "INSERT INTO ssh_key (user_id, key_type, key_base64, fingerprint, "
	    "comment, added_at) VALUES (?, ?, ?, ?, ?, ?)",
	    "itttti", user_id, type, base64, fingerprint, comment, store_now());
}

/* A struct store_key from a row of store_key_list's columns. */
static void
store_key_fill(sqlite3_stmt *stmt, void *elem)
{
	struct store_key *k = elem;

	k->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, k->type, sizeof(k->type));
	store_column_copy(stmt, 2, k->fingerprint, sizeof(k->fingerprint));
	store_column_copy(stmt, 3, k->comment, sizeof(k->comment));
	k->added_at = sqlite3_column_int64(stmt, 4);
}

int
store_key_list(
    struct store *st, int64_t user_id, struct store_key **keys, size_t *n)
{
	void *v = NULL;
	int rc;

	rc = store_rows(st, __func__,
	    "SELECT id, key_type, fingerprint, comment, added_at FROM ssh_key "
	    "WHERE user_id = ? ORDER BY added_at, id",
	    sizeof(**keys), store_key_fill, NULL, &v, n, "i", user_id);
	*keys = v;
	return rc;
}

int
store_key_remove(struct store *st, int64_t user_id, const char *fingerprint)
{
	return store_run_found(st, __func__,
	    "DELETE FROM ssh_key WHERE user_id = ? AND fingerprint = ?", "it",
	    user_id, fingerprint);
}

int
store_key_owner(
    struct store *st, const char *type, const char *base64, int64_t *user_id)
{
	return store_ints(st, __func__,
	    "SELECT user_id FROM ssh_key WHERE key_type = ? AND "
	    "key_base64 = ?",
	    user_id, 1, "tt", type, base64);
}
