/*
 * mail: the board's outgoing mail.  Messages are composed as RFC 5322
 * text (UTF-8 body, RFC 2047 encoded-words in headers, nothing a name or a
 * subject could use to add a header) in mail.c, and handed to a
 * sendmail-compatible command ("/usr/sbin/sendmail -t -i") on its
 * standard input by mail_send.c, which runs it through child.c.
 */
#ifndef MB_MAIL_H
#define MB_MAIL_H

#include <stddef.h>

#define MAIL_ADDRESS_MAX 254 /* RFC 5321 path limit */
#define MAIL_LOCAL_PART_MAX 64 /* RFC 5321 local-part limit */
#define MAIL_DOMAIN_LABEL_MAX 63 /* RFC 1035 label limit */
#define MAIL_NAME_MAX 256 /* bytes of a display name */
#define MAIL_SUBJECT_MAX 512 /* bytes of a subject */
#define MAIL_FROM_MAX (MAIL_NAME_MAX + MAIL_ADDRESS_MAX + 3)
#define MAIL_MESSAGE_MAX (64 * 1024) /* bytes of a composed message */
#define MAIL_LINE_MAX 998 /* RFC 5322 hard limit, without "\n" */
#define MAIL_HEADER_FOLD 76 /* header lines folded to at most this */
#define MAIL_HEADER_WORD_MAX 60 /* longer words are encoded to fold */
#define MAIL_QP_LINE_MAX 76 /* RFC 2045 quoted-printable lines */
#define MAIL_MESSAGE_ID_BYTES 16 /* random bytes of a Message-ID */
#define MAIL_TIMEOUT_SECONDS 30 /* the mail command gets this long */
#define MAIL_ERROR_MAX 256 /* a good size for err buffers */
#define MAIL_SHELL "/bin/sh"

#define MAIL_ATTACHMENT_MAX (32 * 1024) /* bytes of an attachment */
#define MAIL_BASE64_LINE 76 /* characters of a base64 line (RFC 2045) */

struct mail_msg {
	const char *from; /* "Name <addr>" or "addr", from configuration */
	const char *to_name; /* display name, UTF-8, may be NULL */
	const char *to_addr; /* checked with mail_address_valid */
	const char *subject; /* UTF-8 */
	const char *body; /* UTF-8, "\n" line ends */
	/* An attachment, or NULL: sent base64 after the body, in a
	 * multipart/mixed message (a calendar invitation, say). */
	const char *attachment;
	size_t attachment_len;
	const char *attachment_type; /* "text/calendar; charset=UTF-8" */
	const char *attachment_name; /* "meeting.ics": letters, digits, .-_ */
};

/*
 * Is addr a plausible e-mail address: local@domain, at most
 * MAIL_ADDRESS_MAX bytes, one '@', a local part of 1 to
 * MAIL_LOCAL_PART_MAX bytes written as an RFC 5322 dot-atom (letters,
 * digits and !#$%&'*+-/=?^_`{|}~, dots only between them: no spaces,
 * quotes, angle brackets, commas, semicolons, backslashes or control
 * characters), and a domain of at least two dot-separated labels of
 * letters, digits and hyphens (no leading or trailing hyphen, at most
 * MAIL_DOMAIN_LABEL_MAX bytes each)?  Returns 1 or 0; NULL gives 0.
 */
int mail_address_valid(const char *addr);

/*
 * Build the whole message for m: From, To, Subject, Date (now, UTC),
 * Message-ID (random, at the domain of From), MIME headers, a blank line
 * and the body (8bit, or quoted-printable when a line is longer than
 * MAIL_LINE_MAX bytes), and the attachment if there is one (base64, the
 * two in a multipart/mixed message; at most MAIL_ATTACHMENT_MAX bytes).  Header lines are folded to at most
 * MAIL_HEADER_FOLD columns where the syntax allows it (a long address or
 * Message-ID cannot be folded, but stays within MAIL_LINE_MAX); non-ASCII
 * names and subjects become RFC 2047 encoded-words.  On success *out is a
 * NUL-terminated string the caller frees, *len its length (at most
 * MAIL_MESSAGE_MAX).  Returns MB_ERR_INVALID with a reason in err (errsize
 * bytes, may be NULL) when an input is missing, too long, not valid UTF-8,
 * contains a control character (the name, subject and addresses no CR, LF
 * or tab either; the body no control but "\n" and tab), when an address is
 * not valid or the message would exceed MAIL_MESSAGE_MAX; MB_ERR_IO when
 * the clock or libsodium fails.  On failure *out is NULL: never a partial
 * message.  Logs nothing.
 */
int mail_compose(const struct mail_msg *m, char **out, size_t *len, char *err,
    size_t errsize);

/*
 * Run command with "/bin/sh -c", its standard input a pipe carrying the
 * len bytes of message, its standard output and error /dev/null (never
 * the caller's, which may be a user's terminal), no other descriptors, an
 * empty signal mask and default signal dispositions, in a session and
 * process group of its own (no controlling terminal).  SIGPIPE is ignored
 * in the calling process while writing, then restored.  Waits at most
 * MAIL_TIMEOUT_SECONDS in all, then kills the process group.  Only the
 * command's own pid is waited for, so other children and a SIGCHLD handler
 * or signalfd of the caller are left alone (but a caller that sets SIGCHLD
 * to SIG_IGN gets "lost track of the mail command"); no zombie stays
 * behind.  Returns 0 when the command took the whole message and exited
 * with status 0.  Otherwise returns MB_ERR_MAIL with a reason in err
 * (errsize bytes, may be NULL), also logged: "mail command exited with
 * status 3", "mail command killed by signal 9", "mail command timed out",
 * "mail command did not read the whole message" (it exited 0 but closed
 * its input early) and so on.
 */
int mail_send(const char *command, const char *message, size_t len, char *err,
    size_t errsize);

/*
 * mail_send with a timeout of timeout_seconds (> 0) instead of
 * MAIL_TIMEOUT_SECONDS.  For tests.
 */
int mail_send_timeout(const char *command, const char *message, size_t len,
    int timeout_seconds, char *err, size_t errsize);

/*
 * mail_compose, then mail_send of the result with command.  Returns 0, an
 * error of mail_compose (MB_ERR_INVALID, MB_ERR_IO; logged as a warning)
 * or of mail_send (MB_ERR_MAIL, logged).  The reason is in err (errsize
 * bytes, may be NULL) either way.
 */
int mail_deliver(
    const char *command, const struct mail_msg *m, char *err, size_t errsize);

#endif
