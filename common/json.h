/*
 * json: writing JSON for the command interface's --json output.  Strings
 * are escaped completely (controls as \u00XX, invalid UTF-8 replaced), so
 * what a user typed cannot break the structure.
 */
#ifndef MB_JSON_H
#define MB_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A writer that tracks where commas go.  Nesting depth is bounded. */
#define JSON_DEPTH_MAX 16

struct json {
	FILE *fp;
	int depth;
	int state[JSON_DEPTH_MAX]; /* per level: see json.c */
};

/*
 * Start writing to fp, which stays the caller's (never closed here).
 * Nothing is written yet.  None of the calls below reports a write error:
 * json_finish says whether everything got out.
 */
void json_init(struct json *j, FILE *fp);

/*
 * Begin or end an object or an array, with the comma before it where one
 * is due.  Nesting deeper than JSON_DEPTH_MAX allows, or ending more than
 * was begun, is a programmer's error (assert).
 */
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);

/* A key inside an object; the value follows with one of the calls below. */
void json_key(struct json *j, const char *key);

/* A string value, escaped completely; NULL writes "" (not null). */
void json_string(struct json *j, const char *s);

/* A number value. */
void json_int(struct json *j, int64_t v);

/* true for any non-zero v, else false. */
void json_bool(struct json *j, int v);

/* A null value. */
void json_null(struct json *j);

/*
 * One key and its value, for json_fields: a table of them writes an
 * object's keys in one call instead of a json_key call per key.
 */
enum json_kind {
	JSON_KIND_STRING,
	JSON_KIND_INT,
	JSON_KIND_BOOL,
	JSON_KIND_NULL_OR_INT, /* null when the number is 0 (no date yet) */
};

struct json_field {
	const char *key;
	enum json_kind kind;
	const char *string; /* NULL writes null */
	int64_t number;
};

#define JSON_STR(k, v)                        \
	{                                     \
		(k), JSON_KIND_STRING, (v), 0 \
	}
#define JSON_INT(k, v)                                 \
	{                                              \
		(k), JSON_KIND_INT, NULL, (int64_t)(v) \
	}
#define JSON_BOOL(k, v)                             \
	{                                           \
		(k), JSON_KIND_BOOL, NULL, (v) != 0 \
	}
#define JSON_TIME(k, v)                                        \
	{                                                      \
		(k), JSON_KIND_NULL_OR_INT, NULL, (int64_t)(v) \
	}

/* Write the n keys of fields into the object being written. */
void json_fields(struct json *j, const struct json_field *fields, size_t n);

/* An object of just these keys: begin, json_fields, end. */
void json_object(struct json *j, const struct json_field *fields, size_t n);

/* Finish with a newline; returns 0 or MB_ERR_IO if writing failed. */
int json_finish(struct json *j);

#endif
