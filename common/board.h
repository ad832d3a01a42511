/*
 * board: what the rules of the board work with, wherever they are called
 * from (a screen, a command, the daemon, an administration command): the
 * store, the settings and the board key, and who is asking.  Owned by
 * the caller.
 */
#ifndef MB_BOARD_H
#define MB_BOARD_H

#include <stdint.h>

#include "board_limits.h"
#include "config.h"
#include "store.h"

struct store;

/*
 * Who is using a session: a guest (user_id 0), a member, a sysop.  The
 * rules that show one person's data to another take it as the viewer.
 */
struct viewer {
	int64_t user_id; /* 0 for a guest */
	int64_t session_id;
	int is_sysop;
	int is_operator; /* the host's operator: mentor --local as the state
			    directory's owner, with no board account */
	int verified;
	char username[64];
	char display_name[DISPLAY_NAME_MAX];
	char remote_addr[64];
};

struct board {
	struct store *store;
	const struct config *cfg;
	const uint8_t *key; /* BOARD_KEY_BYTES */
};

#endif
