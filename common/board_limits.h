/*
 * board_limits: every limit of the board, named once.  Tests refer to
 * these names; the man pages and the README quote the values.
 */
#ifndef MB_BOARD_LIMITS_H
#define MB_BOARD_LIMITS_H

/* Logging */
#define LOG_LINE_MAX 1024 /* bytes of one log line */

/* Connections (mentord) */
#define LOGIN_GRACE_SECONDS 30 /* from TCP accept to authenticated */
#define MAX_AUTH_TRIES 6 /* failed attempts before disconnect */
/* Defaults of max_startups and max_startups_per_source (settings): */
#define MAX_STARTUPS 64 /* unauthenticated connections in all */
#define MAX_STARTUPS_PER_SOURCE 8 /* unauthenticated, per address */
/* Default of max_sessions_per_source: connections from one address. */
#define MAX_SESSIONS_PER_SOURCE 32
/* TCP keepalive: a vanished peer is noticed after idle + interval * n. */
#define TCP_KEEPALIVE_IDLE_SECONDS 60
#define TCP_KEEPALIVE_INTERVAL_SECONDS 15
#define TCP_KEEPALIVE_PROBES 4
/* A full-screen session without a key for this long is logged out. */
#define UI_IDLE_SECONDS (2 * 3600)
#define MAX_SESSIONS 4000 /* connections in all, below the PTY limit */
#define LISTEN_BACKLOG 1024 /* accept queue */
#define SHUTDOWN_GRACE_SECONDS 4 /* sessions get this long to say bye */
#define CLOSE_WAIT_MS 2000 /* wait for the client's close */
#define EXEC_REQUEST_MAX 32768 /* bytes of an exec request mentord takes */
#define EXEC_COMMAND_MAX 16384 /* bytes of a command mentor runs */
#define RELAY_CHUNK 16384 /* bytes moved per read */
/* What libssh may hold of a client's bytes.  One that keeps to its window
 * stays below 1.92 MB (libssh grants 1.28 MB whenever what it holds and
 * has granted falls below half of that); more is a client past its window,
 * cut off. */
#define CHANNEL_BUFFER_MAX (2 * 1024 * 1024)
/* Memory (RLIMIT_DATA) of a connection process serving SFTP.  The check
 * of the costliest CV, 24 megapixels in CMYK, peaks at 194 MiB (measured);
 * a huge SFTP packet, which libssh reads whole into a buffer of a power of
 * two and copies, is cut off: one of more than 128 MiB at its first
 * allocation (256 MiB), one of more than 64 MiB at the copy. */
#define SFTP_MEMORY_MAX (256L * 1024 * 1024)

/* Failed logins: a growing delay per source address and per user name */
#define AUTH_FREE_FAILURES 3 /* failures before any delay */
#define AUTH_DELAY_BASE_MS 250 /* the first delay, doubling after */
#define AUTH_ADDR_DELAY_MAX_MS 8000 /* the most an address waits */
/* The most an account waits: low, so its owner is never locked out. */
#define AUTH_USER_DELAY_MAX_MS 3000
#define AUTH_FORGET_SECONDS 900 /* quiet time that forgets failures */

/* Terminal */
#define TERM_NAME_MAX 64 /* bytes of the TERM a client sends */
#define TERM_FALLBACK "xterm-256color" /* when the client's TERM is unknown */
#define SCREEN_MIN_COLS 80
#define SCREEN_MIN_ROWS 24
/* A larger size in a pty-req or window-change is clamped to this: the
 * screen's cells cost mentor about 90 bytes each (curses keeps three
 * copies), and no real terminal is larger (a 4K monitor at a 6-pixel font
 * is 640x270; 500x200 is a wall of text already). */
#define SCREEN_MAX_COLS 500
#define SCREEN_MAX_ROWS 200

/* Session tokens handed to the UI process */
#define TOKEN_BYTES 32
#define TOKEN_HEX_LEN (TOKEN_BYTES * 2)
#define BOARD_KEY_BYTES 32
#define KEYED_HASH_BYTES 32

/* Configuration */
#define CONFIG_LINE_MAX 1024
#define CONFIG_FILE_MAX (64 * 1024)

/* Store */
#define STORE_BUSY_TIMEOUT_MS 5000
#define STORE_STMT_CACHE 256 /* prepared statements kept per connection */

#endif
