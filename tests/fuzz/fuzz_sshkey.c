/* Fuzz target: a public key line a member pastes (untrusted bytes). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sshkey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sshkey_line k;
	const char *why = NULL;
	char *line = NULL;
	const char *p = NULL;

	if (size > KEY_LINE_MAX + 1)
		return 0;
	line = malloc(size + 1);
	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (sshkey_parse_line(line, &k, &why) == 0) {
		/* What is stored is a key line of its own again. */
		if (strncmp(k.fingerprint, "SHA256:", 7) != 0 ||
		    k.base64 == NULL || strlen(k.base64) > size)
			abort();
		/* The comment is shown to its owner: plain text only. */
		for (p = k.comment; *p != '\0'; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				abort();
		}
		sshkey_line_free(&k);
	} else if (why == NULL) {
		abort();
	}
	free(line);
	return 0;
}
