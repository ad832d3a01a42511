/*
 * json: writing JSON for the command interface's --json output.  Strings
 * are escaped completely (controls as \u00XX, invalid UTF-8 replaced), so
 * what a user typed cannot break the structure.
 */
#ifndef MB_JSON_H
#define MB_JSON_H

#include <stdint.h>
#include <stdio.h>

/* A writer that tracks where commas go.  Nesting depth is bounded. */
#define JSON_DEPTH_MAX 16

struct json {
	FILE *fp;
	int depth;
	int state[JSON_DEPTH_MAX]; /* per level: see json.c */
};

void json_init(struct json *j, FILE *fp);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
/* A key inside an object; the value follows with one of the calls below. */
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_int(struct json *j, int64_t v);
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* Finish with a newline; returns 0 or MB_ERR_IO if writing failed. */
int json_finish(struct json *j);

#endif
