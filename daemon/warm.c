/*
 * warm: fill the crypto library's tables in the listener, once, before any
 * connection process is forked.  OpenSSL builds its algorithm tables (the
 * provider's method stores, the name tables) lazily, on the first use of
 * each kind of operation in a process: some 250 KiB of small allocations
 * that every connection process made again during its key exchange and
 * then kept, private, for the whole session.  Built here, they are
 * inherited and shared, copy-on-write, by every connection.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "daemon.h"
#include "log.h"

/* One algorithm of each kind of operation a key exchange uses: fetching
 * one builds the table of its whole kind. */
#define WARM_FETCH(type, fetch, free_fn, name)                \
	do {                                                  \
		type *m = fetch(NULL, name, NULL);            \
		if (m == NULL)                                \
			log_debug("%s: not available", name); \
		free_fn(m);                                   \
	} while (0)

void
warm_crypto(void)
{
	unsigned char byte;

	if (OPENSSL_init_crypto(
		OPENSSL_INIT_ADD_ALL_CIPHERS | OPENSSL_INIT_ADD_ALL_DIGESTS,
		NULL) != 1)
		log_debug("OPENSSL_init_crypto failed");
	WARM_FETCH(EVP_CIPHER, EVP_CIPHER_fetch, EVP_CIPHER_free, "ChaCha20");
	WARM_FETCH(EVP_MD, EVP_MD_fetch, EVP_MD_free, "SHA256");
	WARM_FETCH(EVP_MAC, EVP_MAC_fetch, EVP_MAC_free, "HMAC");
	WARM_FETCH(EVP_KDF, EVP_KDF_fetch, EVP_KDF_free, "SSHKDF");
	WARM_FETCH(EVP_KEYMGMT, EVP_KEYMGMT_fetch, EVP_KEYMGMT_free, "X25519");
	WARM_FETCH(EVP_KEYEXCH, EVP_KEYEXCH_fetch, EVP_KEYEXCH_free, "X25519");
	WARM_FETCH(
	    EVP_SIGNATURE, EVP_SIGNATURE_fetch, EVP_SIGNATURE_free, "ED25519");
	/* The random generators; each process reseeds its own after fork. */
	if (RAND_bytes(&byte, 1) != 1)
		log_debug("RAND_bytes failed");
}
