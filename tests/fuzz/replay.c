/*
 * replay: run a fuzz target over every file of a corpus directory, without
 * libFuzzer, so that `make test` replays the saved inputs (crashes found
 * earlier included) under the normal and the sanitizer build.  Each input
 * runs REPLAY_RUNS times in a row in the one process, as libFuzzer runs
 * inputs: state a target or the code under it keeps from one call to the
 * next (a static, a pointer kept after its free) shows on the second.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_FILE_MAX (16 * 1024 * 1024)
#define REPLAY_RUNS 2 /* calls with each input */

static int
replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL, *copy = NULL;
	size_t n;
	int run;

	if (fp == NULL) {
		perror(path);
		return -1;
	}
	buf = malloc(REPLAY_FILE_MAX);
	if (buf == NULL) {
		(void)fclose(fp);
		return -1;
	}
	n = fread(buf, 1, REPLAY_FILE_MAX, fp);
	if (ferror(fp)) {
		perror(path);
		(void)fclose(fp);
		free(buf);
		return -1;
	}
	(void)fclose(fp);
	for (run = 0; run < REPLAY_RUNS; run++) {
		/* A copy of the input's exact size, as libFuzzer passes it,
		 * so that the sanitizer sees a read past its end. */
		copy = malloc(n > 0 ? n : 1);
		if (copy == NULL) {
			free(buf);
			return -1;
		}
		memcpy(copy, buf, n);
		(void)LLVMFuzzerTestOneInput(copy, n);
		free(copy);
	}
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	char path[4096];
	struct dirent *de;
	DIR *dir = NULL;
	int count = 0;

	if (argc != 2) {
		(void)fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 2;
	}
	dir = opendir(argv[1]);
	if (dir == NULL) {
		perror(argv[1]);
		return 1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", argv[1],
			de->d_name) >= (int)sizeof(path))
			continue;
		if (replay_file(path) != 0) {
			(void)closedir(dir);
			return 1;
		}
		count++;
	}
	(void)closedir(dir);
	/* No input replayed is a test that tested nothing. */
	if (count == 0) {
		(void)fprintf(stderr, "%s: no inputs to replay\n", argv[1]);
		return 1;
	}
	(void)printf("%s: %d inputs replayed\n", argv[1], count);
	return 0;
}
