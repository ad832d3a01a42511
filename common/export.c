/* export: a member's own data, as one JSON document. */
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "error.h"
#include "export.h"
#include "json.h"
#include "notify.h"
#include "store.h"

int
export_write(struct board *b, int64_t user_id, FILE *fp)
{
	struct notify_item *items = NULL;
	struct json j;
	size_t n = 0, i;
	int rc, opened;

	if (user_id == 0)
		return MB_ERR_NOTFOUND;
	/* One read transaction: the sections agree with each other. */
	opened = store_read_begin(b->store);
	json_init(&j, fp);
	json_object_begin(&j);
	json_key(&j, "format_version");
	json_int(&j, EXPORT_FORMAT_VERSION);
	json_key(&j, "exported_at");
	json_int(&j, clock_now());
	rc = store_export_user(b->store, user_id, &j);
	/* Notifications as the member reads them. */
	if (rc == 0)
		rc = notify_list(b, user_id, 0, 0, &items, &n);
	if (rc == 0) {
		json_key(&j, "notifications");
		json_array_begin(&j);
		for (i = 0; i < n; i++) {
			const struct json_field f[] = {
				JSON_INT("id", items[i].id),
				JSON_STR(
				    "kind", notify_kind_word(items[i].kind)),
				JSON_STR("text", items[i].text),
				JSON_INT("at", items[i].at),
				JSON_BOOL("read", items[i].read),
			};
			json_object(&j, f, sizeof(f) / sizeof(f[0]));
		}
		json_array_end(&j);
	}
	free(items);
	json_object_end(&j);
	store_read_end(b->store, opened);
	if (json_finish(&j) != 0 && rc == 0)
		rc = MB_ERR_IO;
	if (rc == 0 && fputc('\n', fp) == EOF)
		rc = MB_ERR_IO;
	return rc;
}

int
export_text(struct board *b, int64_t user_id, char **out, size_t *len)
{
	FILE *fp = open_memstream(out, len);
	int rc;

	if (fp == NULL)
		return MB_ERR_NOMEM;
	rc = export_write(b, user_id, fp);
	if (fclose(fp) != 0 && rc == 0)
		rc = MB_ERR_IO;
	if (rc != 0) {
		free(*out);
		*out = NULL;
		*len = 0;
	}
	return rc;
}
