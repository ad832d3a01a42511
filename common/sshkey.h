/*
 * sshkey: members' public keys, as OpenSSH writes them in .pub files
 * ("ssh-ed25519 AAAA... comment"), parsed and fingerprinted.
 */
#ifndef MB_SSHKEY_H
#define MB_SSHKEY_H

#include <stddef.h>

#include "store.h"

#define KEY_LINE_MAX 16384 /* bytes of one line of a .pub file */
#define KEYS_INPUT_MAX (64 * 1024) /* bytes "keys add" reads */
#define KEYS_PER_USER_MAX 16
#define RSA_MIN_BITS 2048

struct sshkey_line {
	char type[32];
	char *base64; /* written again from the blob; freed by _free */
	char fingerprint[KEY_FINGERPRINT_MAX];
	char comment[KEY_COMMENT_MAX * 4 + 1];
};

/*
 * Parse one public key line.  Types: ssh-ed25519, ecdsa-sha2-nistp256,
 * -384, -521, and ssh-rsa of at least RSA_MIN_BITS bits.  The comment is
 * kept if it is plain text (cut to KEY_COMMENT_MAX characters).  Returns 0,
 * or MB_ERR_INVALID with an English reason in *why.
 */
int sshkey_parse_line(
    const char *line, struct sshkey_line *out, const char **why);

/*
 * Free what a successful sshkey_parse_line allocated in k (its base64; a
 * failed one leaves nothing to free).  k itself stays the caller's, and
 * freeing twice is harmless.
 */
void sshkey_line_free(struct sshkey_line *k);

#endif
