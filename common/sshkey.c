/*
 * sshkey: parsing and fingerprinting public keys, with nothing but the
 * key's wire form and libsodium's SHA-256 and base64, so that mentor does
 * not link libssh (and with it libcrypto and Kerberos) for this alone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "i18n.h"
#include "log.h"
#include "sshkey.h"
#include "text.h"
#include "util.h"

/*
 * The key types members may add, and what follows the type name in the
 * key's wire form (RFC 4253, 5656, 8709).
 */
enum sshkey_shape { SHAPE_ED25519, SHAPE_ECDSA, SHAPE_RSA };

static const struct sshkey_type {
	const char *name;
	enum sshkey_shape shape;
	const char *curve; /* ECDSA: the curve named again inside */
	size_t point; /* ECDSA: bytes of an uncompressed point */
} sshkey_types[] = {
	{ "ssh-ed25519", SHAPE_ED25519, NULL, 0 },
	{ "ecdsa-sha2-nistp256", SHAPE_ECDSA, "nistp256", 1 + 2 * 32 },
	{ "ecdsa-sha2-nistp384", SHAPE_ECDSA, "nistp384", 1 + 2 * 48 },
	{ "ecdsa-sha2-nistp521", SHAPE_ECDSA, "nistp521", 1 + 2 * 66 },
	{ "ssh-rsa", SHAPE_RSA, NULL, 0 },
};

#define ED25519_KEY_BYTES 32
#define RSA_MAX_BITS 16384

/* The supported key type called name, or NULL. */
static const struct sshkey_type *
sshkey_type_find(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(sshkey_types); i++) {
		if (strcmp(sshkey_types[i].name, name) == 0)
			return &sshkey_types[i];
	}
	return NULL;
}

/* Read a big-endian uint32 length and skip that many bytes. */
static int
sshkey_blob_field(const unsigned char *blob, size_t len, size_t *pos,
    const unsigned char **field, size_t *flen)
{
	uint32_t n;

	if (len - *pos < 4)
		return -1;
	n = (uint32_t)blob[*pos] << 24 | (uint32_t)blob[*pos + 1] << 16 |
	    (uint32_t)blob[*pos + 2] << 8 | (uint32_t)blob[*pos + 3];
	*pos += 4;
	if (n > len - *pos)
		return -1;
	*field = blob + *pos;
	*flen = n;
	*pos += n;
	return 0;
}

/* Is the blob's field (not NUL-terminated) exactly the string s? */
static int
sshkey_field_is(const unsigned char *field, size_t flen, const char *s)
{
	return flen == strlen(s) && memcmp(field, s, flen) == 0;
}

/*
 * Bits of a positive mpint in its one canonical form (no needless leading
 * zero byte), as every SSH implementation writes it; -1 otherwise.  A
 * key written another way would be stored in a form no login matches.
 */
static int
sshkey_mpint_bits(const unsigned char *v, size_t len)
{
	int bits;

	if (len == 0 || (v[0] & 0x80) != 0)
		return -1;
	if (v[0] == 0) {
		if (len == 1 || (v[1] & 0x80) == 0)
			return -1;
		v++;
		len--;
	}
	if (len > RSA_MAX_BITS / 8)
		return -1;
	bits = (int)len * 8;
	for (unsigned char top = v[0]; (top & 0x80) == 0; top <<= 1)
		bits--;
	return bits;
}

/*
 * Check a decoded key blob against its type, field by field, to its last
 * byte.  Returns 0, or -1 with an English reason in *why.
 */
static int
sshkey_blob_check(const unsigned char *blob, size_t len,
    const struct sshkey_type *t, const char **why)
{
	const unsigned char *f = NULL, *g = NULL;
	size_t pos = 0, flen = 0, glen = 0;

	*why = _("the key does not decode");
	if (sshkey_blob_field(blob, len, &pos, &f, &flen) != 0)
		return -1;
	if (!sshkey_field_is(f, flen, t->name)) {
		*why = _("the key does not match its type");
		return -1;
	}
	switch (t->shape) {
	case SHAPE_ED25519:
		if (sshkey_blob_field(blob, len, &pos, &f, &flen) != 0 ||
		    flen != ED25519_KEY_BYTES)
			return -1;
		break;
	case SHAPE_ECDSA:
		if (sshkey_blob_field(blob, len, &pos, &f, &flen) != 0 ||
		    sshkey_blob_field(blob, len, &pos, &g, &glen) != 0)
			return -1;
		if (!sshkey_field_is(f, flen, t->curve)) {
			*why = _("the key does not match its type");
			return -1;
		}
		if (glen != t->point || g[0] != 0x04)
			return -1;
		break;
	case SHAPE_RSA:
		if (sshkey_blob_field(blob, len, &pos, &f, &flen) != 0 ||
		    sshkey_blob_field(blob, len, &pos, &g, &glen) != 0 ||
		    sshkey_mpint_bits(f, flen) < 2 ||
		    sshkey_mpint_bits(g, glen) < 0)
			return -1;
		if (sshkey_mpint_bits(g, glen) < RSA_MIN_BITS) {
			*why = _("RSA keys need at least 2048 bits");
			return -1;
		}
		break;
	}
	if (pos != len)
		return -1;
	return 0;
}

/* Cut s to at most chars characters, at a character boundary. */
static void
sshkey_cut(char *s, long chars)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	int n;

	while (i < len && chars-- > 0) {
		n = text_utf8_decode(s + i, len - i, &cp);
		i += n > 0 ? (size_t)n : 1;
	}
	s[i] = '\0';
}

int
sshkey_parse_line(const char *line, struct sshkey_line *out, const char **why)
{
	char *copy = NULL, *type = NULL, *b64 = NULL, *comment = NULL;
	char *save = NULL,
	     hash_b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
		 sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
	unsigned char *blob = NULL, hash[crypto_hash_sha256_BYTES];
	const struct sshkey_type *t = NULL;
	const char *cwhy = NULL;
	size_t len = 0, cap;
	int rc = MB_ERR_INVALID;

	memset(out, 0, sizeof(*out));
	if (strlen(line) > KEY_LINE_MAX) {
		*why = _("the key line is too long");
		return MB_ERR_INVALID;
	}
	copy = xstrdup(line);
	copy[strcspn(copy, "\r\n")] = '\0';
	type = strtok_r(copy, " \t", &save);
	b64 = strtok_r(NULL, " \t", &save);
	comment = strtok_r(NULL, "", &save);
	if (type == NULL || b64 == NULL) {
		*why =
		    _("expected a line like \"ssh-ed25519 AAAA... comment\"");
		goto out;
	}
	t = sshkey_type_find(type);
	if (t == NULL) {
		*why =
		    _("unsupported key type (use ssh-ed25519, ecdsa or RSA)");
		goto out;
	}
	cap = strlen(b64);
	blob = xmalloc(cap + 1);
	if (sodium_base642bin(blob, cap, b64, strlen(b64), NULL, &len, NULL,
		sodium_base64_VARIANT_ORIGINAL) != 0) {
		*why = _("the key does not decode");
		goto out;
	}
	if (sshkey_blob_check(blob, len, t, why) != 0)
		goto out;
	/* Stored as written again from the blob: the form logins match. */
	out->base64 = xmalloc(
	    sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL));
	(void)sodium_bin2base64(out->base64,
	    sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL),
	    blob, len, sodium_base64_VARIANT_ORIGINAL);
	/* OpenSSH's fingerprint: SHA256 of the blob, base64 unpadded. */
	(void)crypto_hash_sha256(hash, blob, len);
	(void)sodium_bin2base64(hash_b64, sizeof(hash_b64), hash, sizeof(hash),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	(void)snprintf(
	    out->fingerprint, sizeof(out->fingerprint), "SHA256:%s", hash_b64);
	(void)strlcpy_checked(out->type, t->name, sizeof(out->type));
	if (comment != NULL) {
		text_trim(comment);
		sshkey_cut(comment, KEY_COMMENT_MAX);
		if (text_check_line(comment, 0, KEY_COMMENT_MAX, &cwhy) == 0)
			(void)strlcpy_checked(
			    out->comment, comment, sizeof(out->comment));
	}
	rc = 0;
out:
	if (rc != 0)
		sshkey_line_free(out);
	free(blob);
	free(copy);
	return rc;
}

void
sshkey_line_free(struct sshkey_line *k)
{
	free(k->base64);
	k->base64 = NULL;
}
