/*
 * replay: run a fuzz target over every file of a corpus directory, without
 * libFuzzer, so that `make test` replays the saved inputs (crashes found
 * earlier included) under the normal and the sanitizer build.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_FILE_MAX (16 * 1024 * 1024)

static int
replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n;

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
	(void)fclose(fp);
	(void)LLVMFuzzerTestOneInput(buf, n);
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
