/* session: who is connected. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "log.h"
#include "session.h"

int
session_open(struct board *b, const uint8_t token_hash[KEYED_HASH_BYTES],
    int64_t user_id, const char *remote_addr, pid_t pid, int64_t *id)
{
	return store_session_add(b->store, token_hash, KEYED_HASH_BYTES,
	    user_id, remote_addr, pid, id);
}

int
session_claim(struct board *b, const uint8_t token_hash[KEYED_HASH_BYTES],
    struct store_session *out)
{
	return store_session_claim(b->store, token_hash, KEYED_HASH_BYTES, out);
}

int
session_close(struct board *b, int64_t id)
{
	int rc = store_session_remove(b->store, id);

	if (rc != 0)
		log_warn("session row %lld left behind", (long long)id);
	/* mentor removes its socket as it ends; not when it was killed. */
	store_news_forget(b->store, id);
	return rc;
}

int
session_handover_clear(int fd)
{
	return ftruncate(fd, 0) == 0 ? 0 : MB_ERR_IO;
}

int
session_handover_mark(int fd)
{
	static const char mark[] = SESSION_HANDOVER_MARK;

	if (ftruncate(fd, 0) != 0 ||
	    pwrite(fd, mark, sizeof(mark) - 1, 0) != (ssize_t)sizeof(mark) - 1)
		return MB_ERR_IO;
	return 0;
}

int
session_handover_marked(int fd)
{
	static const char mark[] = SESSION_HANDOVER_MARK;
	char buf[sizeof(mark)];
	struct stat sb;

	/* The size first: a token the mark was written over is no mark. */
	return fstat(fd, &sb) == 0 && sb.st_size == (off_t)sizeof(mark) - 1 &&
	    pread(fd, buf, sizeof(buf), 0) == (ssize_t)sizeof(mark) - 1 &&
	    memcmp(buf, mark, sizeof(mark) - 1) == 0;
}

int
session_close_all(struct board *b)
{
	int rc = store_session_remove_all(b->store);

	store_news_forget_all(b->store);
	return rc;
}

void
session_active(struct board *b, int64_t id)
{
	if (store_session_active(b->store, id) != 0)
		log_warn("session %lld: activity not noted", (long long)id);
}

static const char *const session_methods[] = {
	[SESSION_METHOD_PASSWORD] = "password",
	[SESSION_METHOD_KEY] = "key",
	[SESSION_METHOD_LOCAL] = "local",
};

const char *
session_method_word(enum session_method method)
{
	return session_methods[method];
}

int
session_login(struct board *b, int64_t user_id, const char *remote_addr,
    enum session_method method)
{
	int rc = store_login_add(
	    b->store, user_id, remote_addr, session_method_word(method));

	if (rc != 0)
		log_warn("login of user %lld not recorded: %s",
		    (long long)user_id, mb_strerror(rc));
	return rc;
}
