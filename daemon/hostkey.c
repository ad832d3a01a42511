/*
 * hostkey: the board's ed25519 host key, made on first start.  The private
 * key is written under umask 077 to a temporary name and then linked into
 * place, so an existing key is never overwritten, not even by a second
 * mentord starting at the same moment.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "error.h"
#include "log.h"
#include "util.h"

/* Generate a key into path.tmp and link it to path. */
static int
hostkey_create(const char *path)
{
	char tmp[PATH_MAX];
	ssh_key key = NULL;
	mode_t old_umask;
	int rc = MB_ERR_IO;

	if (snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid()) >=
	    (int)sizeof(tmp))
		return MB_ERR_INVALID;
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
		log_error("ssh_pki_generate failed");
		return MB_ERR_IO;
	}
	old_umask = umask(077);
	if (ssh_pki_export_privkey_file(key, NULL, NULL, NULL, tmp) != SSH_OK) {
		log_error("cannot write %s", tmp);
		goto out;
	}
	if (chmod(tmp, 0600) != 0) {
		log_error("chmod %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (link(tmp, path) != 0 && errno != EEXIST) {
		log_error("link %s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
	log_info("created host key %s", path);
out:
	(void)umask(old_umask);
	if (unlink(tmp) != 0 && errno != ENOENT)
		log_warn("unlink %s: %s", tmp, strerror(errno));
	ssh_key_free(key);
	return rc;
}

int
hostkey_load(const char *state_dir, ssh_key *key)
{
	char path[PATH_MAX];
	struct stat sb;
	int rc;

	*key = NULL;
	if (path_join(path, sizeof(path), state_dir, HOST_KEY_FILE) != 0)
		return MB_ERR_INVALID;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT) {
			log_error("%s: %s", path, strerror(errno));
			return MB_ERR_IO;
		}
		rc = hostkey_create(path);
		if (rc != 0)
			return rc;
	} else if ((sb.st_mode & 077) != 0)
		log_warn("%s is readable by others (mode %03o): chmod 600 it",
		    path, (unsigned)(sb.st_mode & 0777));
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, key) !=
	    SSH_OK) {
		log_error("cannot read host key %s", path);
		return MB_ERR_IO;
	}
	if (ssh_key_type(*key) != SSH_KEYTYPE_ED25519) {
		log_error("%s is not an ed25519 key", path);
		ssh_key_free(*key);
		*key = NULL;
		return MB_ERR_INVALID;
	}
	return 0;
}
