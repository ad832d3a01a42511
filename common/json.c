/* json: a small streaming writer with complete string escaping. */
#include <assert.h>
#include <inttypes.h>
#include <string.h>

#include "error.h"
#include "json.h"
#include "text.h"

void
json_init(struct json *j, FILE *fp)
{
	memset(j, 0, sizeof(*j));
	j->fp = fp;
}

/* Per level: nothing written yet, items written, a key just written. */
enum { JSON_EMPTY = 0, JSON_ITEMS = 1, JSON_AFTER_KEY = 2 };

/* A value starts: a comma before all but the first, none after a key. */
static void
json_value_start(struct json *j)
{
	if (j->state[j->depth] == JSON_ITEMS)
		(void)fputc(',', j->fp);
	j->state[j->depth] = JSON_ITEMS;
}

/* Begin an object or an array (ch) as a value of the level around it. */
static void
json_open(struct json *j, int ch)
{
	json_value_start(j);
	(void)fputc(ch, j->fp);
	assert(j->depth + 1 < JSON_DEPTH_MAX);
	j->state[++j->depth] = JSON_EMPTY;
}

/* End the innermost object or array with ch. */
static void
json_close(struct json *j, int ch)
{
	assert(j->depth > 0);
	j->depth--;
	(void)fputc(ch, j->fp);
}

void
json_object_begin(struct json *j)
{
	json_open(j, '{');
}

void
json_object_end(struct json *j)
{
	json_close(j, '}');
}

void
json_array_begin(struct json *j)
{
	json_open(j, '[');
}

void
json_array_end(struct json *j)
{
	json_close(j, ']');
}

/* Write s as a JSON string literal. */
static void
json_quote(FILE *fp, const char *s)
{
	size_t len = strlen(s), i = 0;
	char enc[4];
	uint32_t cp;
	int n;

	(void)fputc('"', fp);
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			(void)fputs("\\ufffd", fp);
			i++;
			continue;
		}
		i += (size_t)n;
		if (cp == '"' || cp == '\\')
			(void)fprintf(fp, "\\%c", (char)cp);
		else if (cp == '\n')
			(void)fputs("\\n", fp);
		else if (cp == '\t')
			(void)fputs("\\t", fp);
		else if (cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
			(void)fprintf(fp, "\\u%04x", (unsigned)cp);
		else
			(void)fwrite(
			    enc, 1, (size_t)text_utf8_encode(cp, enc), fp);
	}
	(void)fputc('"', fp);
}

void
json_key(struct json *j, const char *key)
{
	json_value_start(j);
	json_quote(j->fp, key);
	(void)fputc(':', j->fp);
	j->state[j->depth] = JSON_AFTER_KEY;
}

void
json_string(struct json *j, const char *s)
{
	json_value_start(j);
	json_quote(j->fp, s != NULL ? s : "");
}

void
json_int(struct json *j, int64_t v)
{
	json_value_start(j);
	(void)fprintf(j->fp, "%" PRId64, v);
}

void
json_bool(struct json *j, int v)
{
	json_value_start(j);
	(void)fputs(v ? "true" : "false", j->fp);
}

void
json_null(struct json *j)
{
	json_value_start(j);
	(void)fputs("null", j->fp);
}

void
json_fields(struct json *j, const struct json_field *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		json_key(j, fields[i].key);
		switch (fields[i].kind) {
		case JSON_KIND_STRING:
			if (fields[i].string != NULL)
				json_string(j, fields[i].string);
			else
				json_null(j);
			break;
		case JSON_KIND_INT:
			json_int(j, fields[i].number);
			break;
		case JSON_KIND_BOOL:
			json_bool(j, fields[i].number != 0);
			break;
		case JSON_KIND_NULL_OR_INT:
			if (fields[i].number != 0)
				json_int(j, fields[i].number);
			else
				json_null(j);
			break;
		}
	}
}

void
json_object(struct json *j, const struct json_field *fields, size_t n)
{
	json_object_begin(j);
	json_fields(j, fields, n);
	json_object_end(j);
}

int
json_finish(struct json *j)
{
	assert(j->depth == 0);
	(void)fputc('\n', j->fp);
	return fflush(j->fp) == 0 && !ferror(j->fp) ? 0 : MB_ERR_IO;
}
