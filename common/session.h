/*
 * session: who is connected.  The connection process records a session
 * when it starts mentor (with the keyed hash of the one-time token it
 * hands over); mentor claims it once with that token, and closes it as it
 * ends; the connection process closes it when the mentor could not (see
 * the hand-over file below).  A closed session's wake-up socket
 * (store_news) goes with it.
 */
#ifndef MB_SESSION_H
#define MB_SESSION_H

#include <stdint.h>
#include <sys/types.h>

#include "board.h"

/*
 * Record a session of user_id (0: a guest) from remote_addr, served by
 * process pid, whose token hashes to token_hash.  *id gets its row.
 * Returns 0 or MB_ERR_*.
 */
int session_open(struct board *b, const uint8_t token_hash[KEYED_HASH_BYTES],
    int64_t user_id, const char *remote_addr, pid_t pid, int64_t *id);

/*
 * Claim the session whose token hashes to token_hash: once per token.
 * Returns 0 and *out, or MB_ERR_NOTFOUND for an unknown or used token.
 */
int session_claim(struct board *b, const uint8_t token_hash[KEYED_HASH_BYTES],
    struct store_session *out);

/*
 * Close session id: its row and its wake-up socket.  Returns 0, or the
 * store's error (logged) when the row may be left behind.
 */
int session_close(struct board *b, int64_t id);
/*
 * The hand-over file: a file in memory (memfd) in which the connection
 * process hands its mentor the session's token (and an exec request's
 * command).  The mentor empties it once read (session_handover_clear);
 * as it ends, once it has closed its session row itself, it marks it
 * (session_handover_mark), and the connection process, which keeps the
 * file, sees the mark (session_handover_marked) and need not open the
 * store again, reading its schema anew, only to close that row.  A mentor
 * that was killed, or could not close its row, leaves no mark: the
 * connection process closes the row then, as it always did.
 */
#define SESSION_HANDOVER_MARK "closed\n"
/* Empty the hand-over file fd.  Returns 0 or MB_ERR_IO (errno set). */
int session_handover_clear(int fd);
/* Mark the hand-over file fd: the session row is closed.  Returns 0 or
 * MB_ERR_IO (errno set); a mark half written is no mark. */
int session_handover_mark(int fd);
/* Does the hand-over file fd carry the mark, and nothing else?  1 or 0. */
int session_handover_marked(int fd);

/* Close every session (mentord starts: none can be connected). */
int session_close_all(struct board *b);

/* A key was pressed in session id: noted for the team's list of who is
 * online (logged on failure). */
void session_active(struct board *b, int64_t id);

/* How a member proved who they are (the words are stored). */
enum session_method {
	SESSION_METHOD_PASSWORD,
	SESSION_METHOD_KEY,
	SESSION_METHOD_LOCAL, /* mentor --local on the host */
};

/* The word of a method ("password", "key", "local"). */
const char *session_method_word(enum session_method method);

/*
 * Record a successful login of user_id (a member) from remote_addr, for
 * the member's details and the team's dashboard; kept for the
 * login_retention_days setting.  A failure is logged and returned; the
 * login goes on.
 */
int session_login(struct board *b, int64_t user_id, const char *remote_addr,
    enum session_method method);

#endif
