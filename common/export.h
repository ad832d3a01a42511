/*
 * export: everything the board holds about a member, as one JSON
 * document (`ssh board export > me.json`, export.json in their SFTP
 * tree).  Its shape, format_version EXPORT_FORMAT_VERSION, is described
 * in the README; new keys may come, none is renamed.
 */
#ifndef MB_EXPORT_H
#define MB_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board.h"

#define EXPORT_FORMAT_VERSION 1

/* Write user_id's document to fp.  0, or MB_ERR_*. */
int export_write(struct board *b, int64_t user_id, FILE *fp);

/* The same document in memory: *out (the caller frees), *len bytes. */
int export_text(struct board *b, int64_t user_id, char **out, size_t *len);

#endif
