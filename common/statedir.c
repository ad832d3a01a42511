/* statedir: whose the state directory is. */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "statedir.h"
#include "util.h"

void
statedir_adopt(const char *path)
{
	struct stat parent, sb;
	char *copy = NULL;

	if (geteuid() != 0)
		return;
	copy = xstrdup(path);
	/* dirname may write into copy; path stays as it was. */
	if (stat(dirname(copy), &parent) != 0 || lstat(path, &sb) != 0) {
		log_warn("%s: %s", path, strerror(errno));
		goto out;
	}
	if (parent.st_uid == 0 ||
	    (sb.st_uid == parent.st_uid && sb.st_gid == parent.st_gid))
		goto out;
	if (lchown(path, parent.st_uid, parent.st_gid) != 0)
		log_warn("chown %s to the state directory's owner: %s", path,
		    strerror(errno));
out:
	free(copy);
}
