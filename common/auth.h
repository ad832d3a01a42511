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

/* ---- Passwords ----------------------------------------------------------
 *
 * argon2id strings (crypto_pwhash_str) at libsodium's interactive limits.
 * Each hash takes 64 MiB for a fifth of a second, so at most PWHASH_SLOTS
 * are computed at once on the whole board: the others wait for a lock file
 * STATE_DIR/pwhash.N, which the kernel releases if a process dies.
 */
#define PWHASH_SLOTS 2
#define AUTH_HASH_STR_MAX 128 /* crypto_pwhash_STRBYTES */
#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_BYTES 512

/*
 * Hash password into out.  Returns 0, MB_ERR_INVALID (empty or longer than
 * PASSWORD_MAX_BYTES), MB_ERR_NOMEM, or MB_ERR_IO (lock files).
 */
int auth_password_hash(
    const char *state_dir, const char *password, char out[AUTH_HASH_STR_MAX]);

/*
 * Check password against hash.  Returns 0 on a match, MB_ERR_DENIED
 * otherwise (also for a malformed hash), MB_ERR_IO if no slot could be
 * had.  Costs the same whether or not it matches.
 */
int auth_password_verify(
    const char *state_dir, const char *hash, const char *password);

/* Was hash made with other parameters than the current ones? */
int auth_password_needs_rehash(const char *hash);

/* ---- One-time codes sent by mail ----------------------------------------
 *
 * Ten characters of Crockford's base32 (no I, L, O, U), shown as
 * "ABCDE-FGHJK"; typed with or without the dash, in any case, with O for 0
 * and I or L for 1 forgiven.  Stored only as keyed hashes.
 */
#define CODE_CHARS 10
#define CODE_TEXT_MAX 16

/* A new random code, formatted for people. */
void auth_code_new(char code[CODE_TEXT_MAX]);

/*
 * The canonical form of a typed code (CODE_CHARS characters).  Returns 0 or
 * MB_ERR_INVALID when it cannot be a code.
 */
int auth_code_normalize(const char *typed, char out[CODE_CHARS + 1]);

/* The keyed hash under which a code is stored. */
void auth_code_hash(const uint8_t key[BOARD_KEY_BYTES],
    const char canonical[CODE_CHARS + 1], uint8_t out[KEYED_HASH_BYTES]);

/* ---- Access codes to the alumni community -------------------------------
 *
 * Twelve characters from an alphabet without look-alikes (no 0, O, 1, I,
 * L), shown as "XXXX-XXXX-XXXX", typed with or without dashes or spaces,
 * in any case.  About 59 bits: guessing is hopeless, and redeeming is
 * slowed per address and account besides.  Stored only as keyed hashes.
 */
#define ACCESS_CODE_CHARS 12
#define ACCESS_CODE_GROUP 4 /* characters between dashes */
#define ACCESS_CODE_TEXT_MAX 16 /* "XXXX-XXXX-XXXX" and NUL */
#define ACCESS_CODE_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* A new random access code, formatted for people. */
void auth_access_code_new(char code[ACCESS_CODE_TEXT_MAX]);

/*
 * The canonical form of a typed access code (ACCESS_CODE_CHARS upper-case
 * characters).  Returns 0, or MB_ERR_INVALID when it cannot be one.
 */
int auth_access_code_normalize(
    const char *typed, char out[ACCESS_CODE_CHARS + 1]);

/* The keyed hash under which an access code is stored. */
void auth_access_code_hash(const uint8_t key[BOARD_KEY_BYTES],
    const char canonical[ACCESS_CODE_CHARS + 1], uint8_t out[KEYED_HASH_BYTES]);

#endif
