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
/* Defaults of max_startups (start:rate:full, as OpenSSH's MaxStartups)
 * and max_startups_per_source (settings).  Past START connections in key
 * exchange or login, RATE percent of new ones are refused, rising to all
 * at FULL connections not logged in; one that has not finished its key
 * exchange gives its place to a newcomer when FULL are there. */
#define MAX_STARTUPS_START 10
#define MAX_STARTUPS_RATE 30 /* percent */
#define MAX_STARTUPS 100 /* unauthenticated connections in all ("full") */
#define MAX_STARTUPS_PER_SOURCE 8 /* unauthenticated, per address */
/* A client sends its version line at once, and its key exchange with
 * it: one whose first bytes are not here in CLIENT_BANNER_SECONDS, or
 * whose key exchange is not done in KEX_SECONDS, is cut off. */
#define CLIENT_BANNER_SECONDS 5
#define KEX_SECONDS 10
/* Penalties of an address that holds places without logging in, as
 * OpenSSH's PerSourcePenalties: each connection of it cut off silent or
 * slow (or made to give its place) adds PENALTY_SILENT_SECONDS, one not
 * logged in within login_grace_time PENALTY_GRACE_SECONDS; once an
 * address owes PENALTY_MIN_SECONDS its connections are closed at once
 * until the penalty has run out, PENALTY_MAX_SECONDS at most.  The
 * listener remembers PENALTY_SOURCES_MAX addresses (then forgets the one
 * whose penalty ends first). */
#define PENALTY_SILENT_SECONDS 10
#define PENALTY_GRACE_SECONDS 10
#define PENALTY_MIN_SECONDS 15
#define PENALTY_MAX_SECONDS 600
#define PENALTY_SOURCES_MAX 4096
/* Refusals are logged at most once in this long (with a count). */
#define REFUSAL_LOG_SECONDS 10
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
/* So many failures from one address, or for one account, within
 * AUTH_FORGET_SECONDS are a flood: a security event in the audit log. */
#define AUTH_FLOOD_FAILURES 20

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
/* A connection that finds the store locked tries again after
 * STORE_BUSY_FIRST_US, then after twice as long each time up to
 * STORE_BUSY_STEP_MAX_US, until STORE_BUSY_TIMEOUT_MS (store_busy_wait_us). */
#define STORE_BUSY_FIRST_US 50
#define STORE_BUSY_STEP_MAX_US 2000
/* A connection waits this long for the login gate's answer (longer than a
 * busy store may make the gate wait), then asks the store itself and the
 * listener replaces the gate. */
#define GATE_ANSWER_MS (STORE_BUSY_TIMEOUT_MS + 2000)
#define STORE_STMT_CACHE 256 /* prepared statements kept per connection */
/* Pages a connection keeps in its own memory, in KiB (SQLite's default is
 * 2,000): every session has one, so it is what a session costs once it has
 * searched.  The file itself is mapped (STORE_MMAP_BYTES): pages read from
 * it stay in the kernel's page cache, shared by all sessions. */
#define STORE_CACHE_KIB 256
#define STORE_MMAP_BYTES 268435456 /* 256 MiB of address space */
/* A session that drew nothing for this long (no key, no news; in the
 * plain mode: no line typed) rests: it closes its connection (store_rest),
 * and SQLite's memory goes back with it (its zone, store_zone.c), and it
 * gives back the free pages of its heap and the stack that its start and
 * its drawing reached (util_memory_trim); its next store call opens the
 * connection again, in about a millisecond.  Longer than the pauses of
 * someone at work, who should not pay that between keys. */
#define STORE_REST_SECONDS 15
_Static_assert(STORE_REST_SECONDS < UI_IDLE_SECONDS,
    "a session rests before it is ended for idleness");

#endif
