/*
 * auth: the board's secrets, through libsodium.  The board key (a random
 * file in the state directory, mode 0600) keys the hashes under which
 * session tokens and mailed codes are stored, so a copy of the database
 * alone reveals none of them.
 */
#ifndef MB_AUTH_H
#define MB_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "board_limits.h"

#define BOARD_KEY_FILE "board.key"

/* Initialise libsodium.  Returns 0 or MB_ERR_IO. */
int auth_init(void);

/*
 * Read the board key from STATE_DIR/board.key into key.  With create set,
 * a missing file is made (mode 0600, never overwriting one that appears
 * meanwhile).  Returns 0, MB_ERR_NOTFOUND (missing, create unset) or
 * MB_ERR_IO, logged.
 */
int auth_board_key_load(
    const char *state_dir, int create, uint8_t key[BOARD_KEY_BYTES]);

/* out = BLAKE2b keyed hash of data under the board key. */
void auth_keyed_hash(const uint8_t key[BOARD_KEY_BYTES], const void *data,
    size_t len, uint8_t out[KEYED_HASH_BYTES]);

/* A new random session token, and its hex form (TOKEN_HEX_LEN + 1). */
void auth_token_new(uint8_t token[TOKEN_BYTES], char hex[TOKEN_HEX_LEN + 1]);

/*
 * Parse a token's hex form.  Returns 0, or MB_ERR_INVALID when hex is not
 * exactly TOKEN_HEX_LEN hex digits.
 */
int auth_token_parse(const char *hex, uint8_t token[TOKEN_BYTES]);

#endif
