/* store_notification: news for a member, read by their sessions. */
#include "error.h"
#include "store_internal.h"

int
store_notification_unread(struct store *st, int64_t user_id, int64_t *count)
{
	return store_ints(st, __func__,
	    "SELECT count(*) FROM notification WHERE user_id = ? AND "
	    "read_at IS NULL",
	    count, 1, "i", user_id);
}
