/* clock: the rules' clock, and the offset tests give it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "clock.h"
#include "log.h"
#include "util.h"

static char clock_path[4096];
static int64_t clock_offset;
static struct timespec clock_mtime; /* of the file read, or zero */
static time_t clock_checked; /* when the file was last looked at */

/* Read the offset again if the file changed (at most once a second). */
static void
clock_refresh(time_t now)
{
	struct stat sb;
	char buf[32];
	FILE *fp = NULL;
	long n = 0;
	size_t len;

	if (clock_path[0] == '\0' || now == clock_checked)
		return;
	clock_checked = now;
	if (stat(clock_path, &sb) != 0) {
		clock_offset = 0;
		memset(&clock_mtime, 0, sizeof(clock_mtime));
		return;
	}
	if (sb.st_mtim.tv_sec == clock_mtime.tv_sec &&
	    sb.st_mtim.tv_nsec == clock_mtime.tv_nsec)
		return;
	clock_mtime = sb.st_mtim;
	fp = fopen(clock_path, "r");
	if (fp == NULL)
		return;
	len = fread(buf, 1, sizeof(buf) - 1, fp);
	(void)fclose(fp);
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (parse_long(buf, -CLOCK_OFFSET_MAX, CLOCK_OFFSET_MAX, &n) != 0) {
		log_warn("%s: not a number of seconds; ignored", clock_path);
		n = 0;
	} else if (n != clock_offset)
		log_warn("test clock: %ld seconds ahead", n);
	clock_offset = n;
}

void
clock_init(const char *state_dir)
{
	if (path_join(clock_path, sizeof(clock_path), state_dir,
		CLOCK_TEST_FILE) != 0)
		clock_path[0] = '\0';
	clock_checked = 0;
	clock_refresh(time(NULL));
}

int64_t
clock_now(void)
{
	time_t now = time(NULL);

	clock_refresh(now);
	return (int64_t)now + clock_offset;
}
