/*
 * board: what the rules of the board work with, wherever they are called
 * from (a screen, a command, the daemon, an administration command): the
 * store, the settings and the board key.  Owned by the caller.
 */
#ifndef MB_BOARD_H
#define MB_BOARD_H

#include <stdint.h>

#include "board_limits.h"
#include "config.h"

struct store;

struct board {
	struct store *store;
	const struct config *cfg;
	const uint8_t *key; /* BOARD_KEY_BYTES */
};

#endif
