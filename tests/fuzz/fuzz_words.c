/* Fuzz target: splitting an exec request into words (untrusted bytes). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board_limits.h"
#include "words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = NULL, **argv = NULL;
	const char *why = NULL;
	int argc = 0, i;

	if (size > EXEC_COMMAND_MAX)
		return 0;
	line = malloc(size + 1);
	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (words_split(line, &argc, &argv, &why) == 0) {
		/* Every word is a C string no longer than the line. */
		for (i = 0; i < argc; i++) {
			if (strlen(argv[i]) > size)
				abort();
		}
		if (argv[argc] != NULL)
			abort();
		words_free(argv);
	}
	free(line);
	return 0;
}
