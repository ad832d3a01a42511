/* sshkey: parsing and fingerprinting public keys with libssh. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "log.h"
#include "sshkey.h"
#include "text.h"
#include "util.h"

static const char *const sshkey_types[] = {
	"ssh-ed25519",
	"ecdsa-sha2-nistp256",
	"ecdsa-sha2-nistp384",
	"ecdsa-sha2-nistp521",
	"ssh-rsa",
};

static int
sshkey_type_allowed(const char *type)
{
	size_t i;

	for (i = 0; i < nitems(sshkey_types); i++) {
		if (strcmp(sshkey_types[i], type) == 0)
			return 1;
	}
	return 0;
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

/*
 * Bits of the modulus of an ssh-rsa blob (string type, mpint e, mpint n);
 * libssh 0.10 has no call for it.  Returns -1 if the blob is malformed.
 */
static int
sshkey_rsa_bits(const char *base64)
{
	unsigned char *blob = NULL;
	const unsigned char *field = NULL;
	size_t len = 0, pos = 0, flen = 0, cap = strlen(base64);
	int bits = -1;

	blob = xmalloc(cap + 1);
	if (sodium_base642bin(blob, cap, base64, strlen(base64), NULL, &len,
		NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		goto out;
	if (sshkey_blob_field(blob, len, &pos, &field, &flen) != 0 ||
	    sshkey_blob_field(blob, len, &pos, &field, &flen) != 0 ||
	    sshkey_blob_field(blob, len, &pos, &field, &flen) != 0)
		goto out;
	while (flen > 0 && field[0] == 0) {
		field++;
		flen--;
	}
	if (flen == 0 || flen > 16384 / 8)
		goto out;
	bits = (int)flen * 8;
	for (unsigned char top = field[0]; (top & 0x80) == 0; top <<= 1)
		bits--;
out:
	free(blob);
	return bits;
}

/*
 * Does the blob's own first string say type?  1 yes, 0 no, -1 when the
 * blob does not decode at all.
 */
static int
sshkey_blob_named(const char *base64, const char *type)
{
	unsigned char *blob = NULL;
	const unsigned char *field = NULL;
	size_t len = 0, pos = 0, flen = 0, cap = strlen(base64);
	int same = -1;

	blob = xmalloc(cap + 1);
	if (sodium_base642bin(blob, cap, base64, strlen(base64), NULL, &len,
		NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	    sshkey_blob_field(blob, len, &pos, &field, &flen) == 0)
		same = flen == strlen(type) && memcmp(field, type, flen) == 0;
	free(blob);
	return same;
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
sshkey_describe(ssh_key key, char *type, size_t type_size, char **base64,
    char *fingerprint, size_t fp_size)
{
	unsigned char *hash = NULL;
	char *fp = NULL, *b64 = NULL;
	const char *name = NULL;
	size_t hlen = 0;
	int rc = MB_ERR_INVALID;

	*base64 = NULL;
	name = ssh_key_type_to_char(ssh_key_type(key));
	if (name == NULL || strlcpy_checked(type, name, type_size) != 0)
		return MB_ERR_INVALID;
	if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		return MB_ERR_INVALID;
	if (ssh_get_publickey_hash(
		key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) != 0)
		goto out;
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	if (fp == NULL || strlcpy_checked(fingerprint, fp, fp_size) != 0)
		goto out;
	*base64 = xstrdup(b64);
	rc = 0;
out:
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_string_free_char(b64);
	return rc;
}

int
sshkey_parse_line(const char *line, struct sshkey_line *out, const char **why)
{
	char *copy = NULL, *type = NULL, *blob = NULL, *comment = NULL;
	char *save = NULL, ktype[32];
	ssh_key key = NULL;
	const char *cwhy = NULL;
	int rc = MB_ERR_INVALID;

	memset(out, 0, sizeof(*out));
	if (strlen(line) > KEY_LINE_MAX) {
		*why = "the key line is too long";
		return MB_ERR_INVALID;
	}
	copy = xstrdup(line);
	copy[strcspn(copy, "\r\n")] = '\0';
	type = strtok_r(copy, " \t", &save);
	blob = strtok_r(NULL, " \t", &save);
	comment = strtok_r(NULL, "", &save);
	if (type == NULL || blob == NULL) {
		*why = "expected a line like \"ssh-ed25519 AAAA... comment\"";
		goto out;
	}
	if (!sshkey_type_allowed(type)) {
		*why = "unsupported key type (use ssh-ed25519, ecdsa or RSA)";
		goto out;
	}
	/* libssh takes an ECDSA key's curve from the label: check the
	 * name written inside the key matches it. */
	switch (sshkey_blob_named(blob, type)) {
	case -1:
		*why = "the key does not decode";
		goto out;
	case 0:
		*why = "the key does not match its type";
		goto out;
	}
	if (ssh_pki_import_pubkey_base64(
		blob, ssh_key_type_from_name(type), &key) != SSH_OK) {
		*why = "the key does not decode";
		goto out;
	}
	if (ssh_key_type(key) == SSH_KEYTYPE_RSA &&
	    sshkey_rsa_bits(blob) < RSA_MIN_BITS) {
		*why = "RSA keys need at least 2048 bits";
		goto out;
	}
	rc = sshkey_describe(key, ktype, sizeof(ktype), &out->base64,
	    out->fingerprint, sizeof(out->fingerprint));
	if (rc != 0 || strcmp(ktype, type) != 0) {
		*why = "the key does not match its type";
		rc = MB_ERR_INVALID;
		goto out;
	}
	(void)strlcpy_checked(out->type, ktype, sizeof(out->type));
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
	ssh_key_free(key);
	free(copy);
	return rc;
}

void
sshkey_line_free(struct sshkey_line *k)
{
	free(k->base64);
	k->base64 = NULL;
}
