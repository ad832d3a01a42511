/* store_setting: the board's own values that outlive a restart. */
#include "error.h"
#include "store_internal.h"

int
store_setting_get(struct store *st, const char *name, char *out, size_t size)
{
	struct store_text_out o = { out, size };

	return store_row(st, __func__,
	    "SELECT value FROM setting WHERE name = ?", store_text_fill, &o,
	    "t", name);
}

int
store_setting_set(struct store *st, const char *name, const char *value)
{
	return store_run(st, __func__,
	    "INSERT INTO setting (name, value) VALUES (?1, ?2) "
	    "ON CONFLICT (name) DO UPDATE SET value = ?2",
	    "tt", name, value);
}
