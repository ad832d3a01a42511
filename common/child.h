/*
 * child: starting, waiting for and ending child processes with care, for
 * the mail command (mail_send.c) and the mentor UI process
 * (daemon/spawn.c).  A child keeps no descriptor it was not given, starts
 * with every signal at its default and none blocked; a parent waits for
 * its own child only (never another one, nor a SIGCHLD handler's), never
 * past a deadline, and leaves no zombie.
 */
#ifndef MB_CHILD_H
#define MB_CHILD_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

/* Exit status of a child that could not be set up or could not exec: a
 * shell's "command not found". */
#define CHILD_EXIT_SETUP 127
#define CHILD_WAIT_NAP_MAX_MS 50 /* longest nap while waiting for a child */
#define CHILD_STATUS_TEXT_MAX 48 /* child_status_text's room, NUL too */
#define CHILD_REASON_MAX 256 /* a good size for child_run's err */
#define CHILD_FD_FALLBACK_MAX (1 << 20) /* Linux's default nr_open */

/* A program child_run runs on some input. */
struct child_cmd {
	const char *name; /* for reasons: "mail command" */
	const char *path; /* for execve, with the caller's environment */
	char *const *argv; /* NULL-terminated */
	const char *input; /* its standard input, then end of file */
	size_t input_len;
	long long deadline_ms; /* on util_now_ms()'s clock */
};

/* How a program run by child_run ended. */
struct child_result {
	int timed_out; /* the deadline passed: killed, with its group */
	int input_unread; /* it closed its input before taking all of it */
	int status; /* its wait status, unless timed_out */
};

#define CHILD_FD_ALL INT_MAX /* child_close_range: up to the last one */

/*
 * In a child between fork and exec: close every descriptor above
 * keep_max_fd and below keep_from_fd (CHILD_FD_ALL: every one above;
 * close_range(2), or on a kernel without it each one up to the descriptor
 * limit), set every signal's disposition to its default and unblock all
 * signals.  Uses only async-signal-safe calls.  Signals that cannot be
 * reset (SIGKILL, SIGSTOP, the C library's own) are passed over.  Returns
 * 0, or MB_ERR_IO (errno set) when the signal mask could not be emptied;
 * the caller then _exits, since the program would start with signals
 * blocked.
 */
int child_prepare(int keep_max_fd, int keep_from_fd);

/* Close the descriptors first..last (CHILD_FD_ALL: to the last one);
 * async-signal-safe. */
void child_close_range(int first, int last);

/* In a child before exec: put src at dst, open across the exec (src may
 * be dst itself, which then only loses close-on-exec).  0 or -1. */
int child_move_fd(int src, int dst);

/*
 * Run cmd->path with cmd->argv and the caller's environment, its standard
 * input a pipe carrying the cmd->input_len bytes of cmd->input, its
 * standard output and error /dev/null (never the caller's, which may be a
 * user's terminal), no other descriptor (child_prepare), in a session and
 * process group of its own (no controlling terminal).  While the input is
 * written, SIGPIPE is ignored in the calling process, then restored;
 * signals are blocked around fork, so that no handler of the caller runs
 * in the child.  At cmd->deadline_ms the program's process group is
 * killed.  Only the program's own pid is waited for (see
 * child_wait_deadline); no zombie stays behind.
 *
 * Returns 0 when it knows how the program ended, in *res: timed_out, or
 * its wait status and whether it left input unread; err (errsize bytes,
 * may be NULL) is then "".  Returns MB_ERR_IO with a reason naming
 * cmd->name in err when the program could not be started ("could not
 * start the mail command: ..."), not written to, or was reaped by someone
 * else ("lost track of the mail command: ...", as when SIGCHLD is set to
 * SIG_IGN).  Logs only what the caller cannot see in err: a failure to
 * restore its signal state or to reap a killed program.
 */
int child_run(const struct child_cmd *cmd, struct child_result *res, char *err,
    size_t errsize);

/*
 * Wait for the child pid, and no other, until deadline_ms (util_now_ms()'s
 * clock), napping at most CHILD_WAIT_NAP_MAX_MS at a time instead of
 * using SIGCHLD, which belongs to the caller.  A deadline already passed
 * makes it one look; a deadline of 0 (or less) a look without even
 * reading the clock, for callers that look often.  Returns 0 with its
 * wait status in *status when it has ended (it is reaped); MB_ERR_BUSY
 * when it still runs at the deadline; MB_ERR_IO when waitpid failed,
 * errno as it left it (ECHILD: not a child, or already reaped by someone
 * else).  Logs nothing.
 */
int child_wait_deadline(pid_t pid, long long deadline_ms, int *status);

/*
 * SIGKILL the process group led by pid (or pid alone, when it leads none)
 * and reap pid, waiting as long as that takes (moments: SIGKILL cannot be
 * caught).  Its wait status goes to *status unless status is NULL.
 * Returns 0, or MB_ERR_IO when waitpid failed (logged).
 */
int child_kill_reap(pid_t pid, int *status);

/*
 * Describe a wait status in buf (size bytes, always NUL-terminated, cut
 * if need be; CHILD_STATUS_TEXT_MAX is enough): "exited with status 3",
 * "killed by signal 9".  Returns buf.
 */
const char *child_status_text(int status, char *buf, size_t size);

#endif
