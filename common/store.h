/*
 * store: the board's SQLite database.  All SQL lives in the store_*.c files
 * as prepared statements with bound parameters; everyone else calls these
 * functions.  One struct store is one connection, opened after fork and
 * never shared between processes.
 *
 * Functions return 0 or a negative MB_ERR_* code; database errors are
 * logged with the function name.  Strings a function hands out are the
 * caller's to free unless the comment says otherwise.
 */
#ifndef MB_STORE_H
#define MB_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "i18n.h"

#define STORE_FILE_NAME "mentorboard.db"

struct store;

/*
 * Open (creating when missing) the database at path, configure the
 * connection (WAL, busy timeout, foreign keys, defensive mode, untrusted
 * schema) and bring the schema up to date.  On success *out is the caller's
 * to store_close().  Returns MB_ERR_VERSION when the file was written by a
 * newer program, MB_ERR_DB otherwise.
 */
int store_open(const char *path, struct store **out);

/*
 * Start SQLite in this process without opening anything: its settings,
 * memory, mutexes and file system layer, for a process that forks the
 * ones that open stores (mentord's mentor factory), so that each of them
 * inherits it ready.  Returns 0, or MB_ERR_DB (logged).
 */
int store_init(void);

/* Close a store; NULL is allowed. */
void store_close(struct store *st);

/*
 * Give the database connection back while its session is idle: the
 * cached statements are finalized and the connection closed, so that
 * SQLite's memory (the schema, the page cache, the statements) goes back
 * to the heap; the news mapping and the socket wake-ups are sent from
 * stay.  The next store call opens the connection again, set up as
 * store_open set it up, and a failure to open is that call's error, as
 * any other.  Inside a transaction (store_begin, or a store_read_begin
 * that opened one) it does nothing and returns MB_ERR_BUSY (not logged):
 * a transaction ends on the connection it began on.  Returns 0 (also when
 * resting already), or MB_ERR_DB (logged) when SQLite would not close,
 * and the connection stays open.
 */
int store_rest(struct store *st);

/*
 * Make the next bytes of SQLite's memory (its zone, store_zone.c) present
 * now, in one call, rather than a page fault per page when a statement
 * first needs them: for a process that opened its store ahead of work
 * (the spare mentor).  What fails is logged at debug level.
 */
void store_ready(size_t bytes);

/* The schema version of the open database. */
int store_schema_version(struct store *st, int *version);

/* The schema version this program writes. */
int store_schema_latest(void);

/*
 * Start a write transaction (BEGIN IMMEDIATE, so that the check and the
 * write of a rule cannot interleave with another process), commit it, or
 * roll it back.  Rolling back without a transaction is a no-op.
 */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * Several reads as one: one snapshot, and one lock taken and released
 * instead of one per statement (each is a system call on a lock list as
 * long as there are sessions).  Returns whether this call opened the
 * transaction; pass that to store_read_end.  Inside another transaction,
 * or if BEGIN fails, the reads go on one by one.
 */
int store_read_begin(struct store *st);
void store_read_end(struct store *st, int opened);

/* ---- News (store_news.c) -------------------------------------------------
 *
 * How a member's open sessions learn at once that something they show
 * changed, without a broker and without waking anyone else.  A rule that
 * changes what a member's screens show marks news for that member (or for
 * everyone) in its transaction; when it commits, the store sends a
 * wake-up datagram to each of that member's sessions (a socket per
 * session in the directory "<database>-wake", mode 0700), and moves the
 * member's slot in a small shared counter file "<database>-news".  A
 * session reads its wake-ups and redraws what they name; if one was lost
 * (a busy or restarted process), the slot's counter, a memory read, tells
 * it at its next slow tick.
 */

/* What changed. */
enum store_news_kind {
	STORE_NEWS_ANY = 0, /* something may have: reread everything */
	STORE_NEWS_ACCOUNT, /* the member's own account, profile, keys, CV */
	STORE_NEWS_NOTIFICATION, /* notifications came or were read */
	STORE_NEWS_LISTS, /* the board's lists of areas and fields */
	STORE_NEWS_REQUEST, /* a request or mentorship (object_id) moved */
	STORE_NEWS_CHAT, /* a line or meeting in chat object_id */
	STORE_NEWS_ANNOUNCEMENT, /* the team's announcements (everyone's) */
};

#define STORE_NEWS_EVERYONE 0 /* the user id of news for every session */
#define STORE_NEWS_SLOTS 4096 /* counters in the news file */
#define STORE_NEWS_PENDING_MAX 32 /* news marked in one transaction */
/*
 * A wake-up counts against its socket's send buffer until its session
 * reads it (some 280 fit).  A send to many sessions opens up to this many
 * more sockets as each fills (MAX_SESSIONS at once); past that it waits
 * for room, at most STORE_NEWS_SEND_WAIT_MS in one commit, a few
 * milliseconds at a time.
 */
#define STORE_NEWS_SOCKETS_MAX 32
#define STORE_NEWS_SEND_WAIT_MS 500
#define STORE_NEWS_RETRY_MS 2

/* One wake-up, as it travels between processes. */
struct store_news_event {
	int64_t user_id; /* whose news, or STORE_NEWS_EVERYONE */
	int32_t kind; /* enum store_news_kind */
	int32_t unused; /* zero */
	int64_t object_id; /* what it is about (a request, a chat), or 0 */
};

/*
 * Mark news for user_id (STORE_NEWS_EVERYONE: every session): delivered
 * when the transaction under way commits, forgotten if it rolls back, at
 * once outside a transaction.  Delivery failures are not errors: the slow
 * tick catches them.
 */
void store_news_mark(struct store *st, int64_t user_id,
    enum store_news_kind kind, int64_t object_id);

/*
 * A number that changes whenever news for user_id (0: a guest, who gets
 * only news for everyone) was delivered.  A memory read: no lock, no
 * system call.  0 when the counter file could not be mapped.
 */
uint64_t store_news_count(struct store *st, int64_t user_id);

/*
 * Listen for the wake-ups of session_id: a non-blocking datagram socket
 * bound in the wake directory, into *fd (the caller's; end it with
 * store_news_unlisten).  Returns 0, MB_ERR_LIMIT when the path does not
 * fit a socket address, or MB_ERR_IO (logged): the session then learns of
 * news only at its slow tick.
 */
int store_news_listen(struct store *st, int64_t session_id, int *fd);

/* Close fd and remove the session's socket; fd < 0 is allowed. */
void store_news_unlisten(struct store *st, int64_t session_id, int fd);

/*
 * The housekeeping listens (store_news_listen) under this id, which no
 * session has, for store_news_wake_housekeeping: work for it is waiting
 * (the event's kind says which).  Returns 0 when the wake-up was sent or
 * one is waiting already, MB_ERR_IO when nobody listens (the housekeeping
 * not running): mail then waits for its next tick.
 */
#define STORE_NEWS_HOUSEKEEPING 0
enum store_housekeeping_work {
	STORE_WORK_MAIL = 0, /* mail in the queue */
	STORE_WORK_CHECKPOINT, /* a long write-ahead log */
};
int store_news_wake_housekeeping(
    struct store *st, enum store_housekeeping_work work);

/* Remove the socket a session left behind (its process was killed). */
void store_news_forget(struct store *st, int64_t session_id);

/* Remove every session's socket (no session can be connected). */
void store_news_forget_all(struct store *st);

/*
 * Read the wake-ups waiting on fd into ev (at most max), without
 * blocking; returns how many.  Malformed datagrams are dropped.
 */
size_t store_news_receive(int fd, struct store_news_event *ev, size_t max);

/* A connected session, as the session process records it. */
struct store_session {
	int64_t id;
	int64_t user_id; /* 0 for a guest */
	char remote_addr[64];
	pid_t pid;
	int64_t started_at;
};

/*
 * Why the team ended session id (a kick), into out ("" when it was not);
 * MB_ERR_NOTFOUND when the session is gone.
 */
int store_session_kicked(struct store *st, int64_t id, char *out, size_t size);

/*
 * Record a new connection: user_id 0 for a guest; token_hash is the keyed
 * hash of the one-time token handed to the UI process.  *id gets the row.
 */
int store_session_add(struct store *st, const uint8_t *token_hash,
    size_t hash_len, int64_t user_id, const char *remote_addr, pid_t pid,
    int64_t *id);

/*
 * Claim the session whose token hashes to token_hash: succeeds once per
 * token, and fills *out.  Returns MB_ERR_NOTFOUND for an unknown or
 * already claimed token.
 */
int store_session_claim(struct store *st, const uint8_t *token_hash,
    size_t hash_len, struct store_session *out);

/* Forget a session when its connection ends. */
int store_session_remove(struct store *st, int64_t id);

/* Forget every session (the daemon starts, none can be connected). */
int store_session_remove_all(struct store *st);

/* Number of recorded sessions. */
int store_session_count(struct store *st, int64_t *count);

/* ---- Logins (store_login.c) ---------------------------------------------- */

/* A successful login of a member. */
struct store_login {
	int64_t at;
	char remote_addr[64];
	char method[16]; /* password, key, local */
};

/* Record a login of user_id from remote_addr by method (the word). */
int store_login_add(struct store *st, int64_t user_id, const char *remote_addr,
    const char *method);

/* A member's newest logins, at most limit; *rows is the caller's. */
int store_login_recent(struct store *st, int64_t user_id, int limit,
    struct store_login **rows, size_t *n);

/* ---- Users (store_user.c) ----------------------------------------------- */

#define USERNAME_MIN 3
#define USERNAME_MAX 32
#define NAME_MAX_CHARS 64 /* first name, surname */
#define NAME_MAX_BYTES (NAME_MAX_CHARS * 4)
/* "Anna K.": a whole first name, a space, an initial (up to 31 bytes with
 * its combining accents, text_display_name), a full stop, NUL. */
#define DISPLAY_NAME_MAX (NAME_MAX_BYTES + 1 + 31 + 2)
#define EMAIL_MAX_BYTES 254

#define STORE_BAN_REASON_MAX 512 /* bytes of a ban's reason */

struct store_user {
	int64_t id;
	char username[USERNAME_MAX + 1];
	char email[EMAIL_MAX_BYTES + 1];
	char first_name[NAME_MAX_BYTES + 1];
	char last_name[NAME_MAX_BYTES + 1];
	int verified;
	int is_sysop;
	int is_demo;
	int has_password;
	int64_t created_at;
	int64_t member_since; /* of the alumni community; 0: not a member */
	int notify_mail; /* mail me notifications while I am away */
	int64_t banned_at; /* by the team; 0: not banned */
	char ban_reason[STORE_BAN_REASON_MAX];
	int plain_mode; /* plain lines instead of full screens */
	enum i18n_language language; /* on screen and in mail */
};

/*
 * Create a user from u (id ignored); password_hash may be NULL (key login
 * only).  *id gets the new row.  Returns MB_ERR_EXISTS when the username or
 * the e-mail address is taken ("username" or "email" in *which).
 */
int store_user_create(struct store *st, const struct store_user *u,
    const char *password_hash, int64_t consent_at, int64_t *id,
    const char **which);

/* The language the board speaks to user_id.  MB_ERR_NOTFOUND if none. */
int store_user_set_language(
    struct store *st, int64_t user_id, enum i18n_language lang);

/* Read a user by id or by username.  MB_ERR_NOTFOUND if none. */
int store_user_get(struct store *st, int64_t id, struct store_user *out);
int store_user_find(
    struct store *st, const char *username, struct store_user *out);

/* Find by e-mail address (any case). */
int store_user_find_email(
    struct store *st, const char *email, struct store_user *out);

/*
 * The password hash of username into out (AUTH_HASH_STR_MAX bytes) and
 * the user's id.  MB_ERR_NOTFOUND for no such user or no password.
 */
int store_user_password(struct store *st, const char *username, int64_t *id,
    char *out, size_t size);

/*
 * Replace the user's password hash (an auth_password_hash string), or mark
 * the address confirmed.  MB_ERR_NOTFOUND if there is no such user.
 */
int store_user_set_password(struct store *st, int64_t id, const char *hash);
int store_user_set_verified(struct store *st, int64_t id);

/*
 * MB_ERR_EXISTS if another account has the address.  Reset codes mailed
 * to the old address stop working.
 */
int store_user_set_email(struct store *st, int64_t id, const char *email);

/* How many demo users there are. */
int store_demo_count(struct store *st, long *count);

/* Delete every demo user (and all that is theirs); *count says how many. */
int store_user_remove_demo(struct store *st, int64_t *count);

/* Call fn for every user, ordered by username. */
int store_user_each(struct store *st,
    int (*fn)(void *ctx, const struct store_user *u), void *ctx);

#define STORE_USER_SEARCH_WORDS 4 /* words of a search by the team */

/*
 * The members (demo ones too) whose user name, address, first name or
 * surname hold every one of words (lower case; at most
 * STORE_USER_SEARCH_WORDS, none: everyone), newest first, at most limit.
 * *rows is the caller's to free.  MB_ERR_INVALID for too many words.
 */
int store_user_search(struct store *st, const char *const words[],
    size_t nwords, int limit, struct store_user **rows, size_t *n);

/* Make a member a sysop (on) or not.  MB_ERR_NOTFOUND if none. */
int store_user_set_sysop(struct store *st, int64_t id, int on);

/* How many sysops there are that are not banned. */
int store_sysop_count(struct store *st, int64_t *count);

/* ---- The team's dashboard (store_stats.c) -------------------------------- */

/* The board in numbers (members leave out demo ones). */
struct store_stats_counts {
	int64_t members, demo, verified, mentors, mentees, community, sysops;
	int64_t open_requests;
	int64_t oldest_open; /* sent_at of the oldest open request; 0: none */
	int64_t connected, official;
	int64_t ended_since; /* mentorships ended since the year's start */
	int64_t online_sessions, online_members;
};

/* The counts, with mentorships ended since year_start. */
int store_stats_counts(
    struct store *st, int64_t year_start, struct store_stats_counts *out);

/* What store_stats_buckets counts. */
enum store_stats_series {
	STORE_STATS_NEW_MEMBERS, /* accounts made (not demo ones) */
	STORE_STATS_REQUESTS, /* mentoring requests sent */
	STORE_STATS_LOGINS, /* members' logins */
};

/*
 * Count series in n buckets of length seconds from start into counts
 * (zeroed first): counts[i] holds [start + i * length, + length).
 */
int store_stats_buckets(struct store *st, enum store_stats_series series,
    int64_t start, int64_t length, int64_t *counts, size_t n);

/* ---- Announcements (store_announcement.c) ------------------------------- */

/* An announcement of the team; body is owned (the rows' free). */
struct store_announcement {
	int64_t id;
	int64_t author_id; /* 0: the host's operator, or erased since */
	char author[USERNAME_MAX + 1]; /* "" for none */
	char *body;
	int64_t created_at;
	int64_t until; /* shown at login before this time */
};

/* Record an announcement shown until until; *id gets it. */
int store_announcement_add(struct store *st, int64_t author_id,
    const char *body, int64_t until, int64_t *id);

/*
 * Announcements, newest first, at most limit: those still shown at now,
 * or all (now 0).  *rows is the caller's (store_announcement_rows_free).
 */
int store_announcement_list(struct store *st, int64_t now, int limit,
    struct store_announcement **rows, size_t *n);

/* MB_ERR_NOTFOUND if there is no such announcement. */
int store_announcement_remove(struct store *st, int64_t id);

void store_announcement_rows_free(struct store_announcement *rows, size_t n);

/* ---- Who is online (store_session.c) ------------------------------------- */

/* A session, for the team's list of who is online. */
struct store_online {
	int64_t session_id;
	int64_t user_id; /* 0: a guest, or the host's operator */
	char username[USERNAME_MAX + 1]; /* "" for user_id 0 */
	char first_name[NAME_MAX_BYTES + 1];
	char last_name[NAME_MAX_BYTES + 1];
	char remote_addr[64];
	int64_t started_at;
	int64_t active_at; /* the last key noted, or started_at */
};

/*
 * The sessions mentor runs (claimed), of user_id or of everyone (0), the
 * longest idle last.  *rows is the caller's to free.
 */
int store_session_online(
    struct store *st, int64_t user_id, struct store_online **rows, size_t *n);

/* Note a key pressed in session id now. */
int store_session_active(struct store *st, int64_t id);

/*
 * End session id with the words why (shown as it ends); *user_id gets its
 * member (0: a guest or the operator).  MB_ERR_NOTFOUND when there is no
 * such session that mentor runs.
 */
int store_session_kick(
    struct store *st, int64_t id, const char *why, int64_t *user_id);

/* ---- Lists of fields of study and areas of help (store_list.c) ---------- */

struct store_item {
	int64_t id;
	char name[128]; /* in the language spoken (local_name) */
	int retired;
	char name_en[128]; /* lists only: the English name */
	char name_de[128]; /* lists only: the German name, "" if none */
};

enum store_list {
	STORE_LIST_FIELDS, /* fields of study */
	STORE_LIST_AREAS, /* areas of help */
};

/*
 * All entries of a list, by name (in the language spoken: an entry's name
 * is its German one, where set, while the process speaks German; name_en
 * and name_de are both); *items is the caller's to free.  With
 * include_retired unset, retired entries are left out.
 */
int store_list_get(struct store *st, enum store_list list, int include_retired,
    struct store_item **items, size_t *n);

/*
 * Add an entry with its English name and German name_de (NULL or "":
 * none), MB_ERR_EXISTS if either is taken by any entry's name in either
 * language; rename (the English name), set the German name ("" removes
 * it), retire.
 */
int store_list_add(struct store *st, enum store_list list, const char *name,
    const char *name_de, int64_t *id);
int store_list_rename(
    struct store *st, enum store_list list, int64_t id, const char *name);
int store_list_rename_de(
    struct store *st, enum store_list list, int64_t id, const char *name_de);
int store_list_retire(struct store *st, enum store_list list, int64_t id);
/* Find an entry by its exact name in either language (any case; the
 * English name first).  MB_ERR_NOTFOUND if none. */
int store_list_find(struct store *st, enum store_list list, const char *name,
    struct store_item *out);

/* A user's fields of study. */
int store_user_fields(
    struct store *st, int64_t user_id, struct store_item **items, size_t *n);
/* Replace a user's fields of study; ids must exist. */
int store_user_set_fields(
    struct store *st, int64_t user_id, const int64_t *field_ids, size_t n);

/* ---- Mailed codes (store_code.c) ---------------------------------------- */

enum store_code_purpose {
	STORE_CODE_VERIFY,
	STORE_CODE_RESET,
};

/*
 * Record a new code for a user, mailed to sent_to; earlier codes of the
 * same purpose stop working.  ttl is its lifetime in seconds.
 */
int store_code_add(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, const uint8_t *hash, size_t hash_len,
    int64_t ttl, const char *sent_to);

/*
 * store_code_add without the second step: the new code and the earlier
 * ones all work until store_code_supersede(*code_id) (when its mail went
 * out).  *code_id is the new code's row.
 */
int store_code_add_pending(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, const uint8_t *hash, size_t hash_len,
    int64_t ttl, const char *sent_to, int64_t *code_id);

/* Earlier live codes of code_id's user and purpose stop working. */
int store_code_supersede(struct store *st, int64_t code_id);

/*
 * Whether code_id is still worth mailing: *used is 1 when it was used or
 * superseded (store_code_supersede marks the earlier codes used when a
 * newer code's mail goes out), *expired 1 when its time ran out by now.
 * Returns 0, MB_ERR_NOTFOUND when the row is gone (retention), or
 * MB_ERR_*.
 */
int store_code_state(
    struct store *st, int64_t code_id, int64_t now, int *used, int *expired);

/*
 * Use a code: if hash names a live code of purpose (not used, not expired,
 * fewer than max_attempts wrong tries), mark it used and return its user in
 * *user_id.  With only_user non-zero, the code must be that user's.
 * Call it inside a transaction (store_begin), so a code works only once.
 * Returns MB_ERR_NOTFOUND for a wrong code (counted against only_user's
 * live code, if given) and MB_ERR_EXPIRED for an expired or used one.
 * sent_to (size bytes, may be NULL) gets the address it was mailed to.
 */
int store_code_use(struct store *st, enum store_code_purpose purpose,
    const uint8_t *hash, size_t hash_len, int64_t only_user, int max_attempts,
    int64_t *user_id, char *sent_to, size_t size);

/*
 * Whose live code of purpose hash is, without using it: 0 and *user_id,
 * MB_ERR_NOTFOUND, or MB_ERR_EXPIRED (expired, used, too many tries).
 */
int store_code_owner(struct store *st, enum store_code_purpose purpose,
    const uint8_t *hash, size_t hash_len, int max_attempts, int64_t *user_id);

/* How many codes of purpose went to user_id since since, and the last. */
int store_code_sent(struct store *st, int64_t user_id,
    enum store_code_purpose purpose, int64_t since, int *count,
    int64_t *last_at);

/* ---- The mail queue (store_mail.c) ------------------------------------- */

/* A queued mail as the sender reads it. */
struct store_mail {
	int64_t id;
	int64_t user_id; /* 0: to no member (the team) */
	int64_t code_id; /* 0: carries no code */
	int failures;
	uint8_t *message; /* sealed; the caller frees it */
	size_t len;
};

/*
 * Queue a sealed message of len bytes for user_id (0: none), carrying
 * code_id (0: none), to be tried from now on.  0 or MB_ERR_*.
 */
int store_mail_add(struct store *st, int64_t user_id, int64_t code_id,
    const void *message, size_t len);

/*
 * Take the oldest mail due at now (next_try_at <= now) with an id above
 * after, into *m (m->message the caller's to free): it is not due again
 * before lease_until, so no other sender takes it meanwhile (and one that
 * died while sending is tried again then).  MB_ERR_NOTFOUND when there
 * is none.
 */
int store_mail_next(struct store *st, int64_t now, int64_t after,
    int64_t lease_until, struct store_mail *m);

/* A mail went out: delete it.  0, MB_ERR_NOTFOUND or MB_ERR_*. */
int store_mail_sent(struct store *st, int64_t id);

/* A try failed: count it and try again at next_try_at. */
int store_mail_failed(struct store *st, int64_t id, int64_t next_try_at);

/* How many mails wait, and how many were never tried yet. */
int store_mail_count(struct store *st, int *waiting, int *untried);

/* ---- SSH keys (store_key.c) --------------------------------------------- */

#define KEY_COMMENT_MAX 128
#define KEY_FINGERPRINT_MAX 128

struct store_key {
	int64_t id;
	char type[32];
	char fingerprint[KEY_FINGERPRINT_MAX];
	char comment[KEY_COMMENT_MAX * 4 + 1];
	int64_t added_at;
};

/* MB_ERR_EXISTS if any account already has this key. */
int store_key_add(struct store *st, int64_t user_id, const char *type,
    const char *base64, const char *fingerprint, const char *comment);

/*
 * The member's keys, oldest first (without the key itself): *keys, *n of
 * them, is the caller's to free; NULL and 0 on failure.
 */
int store_key_list(
    struct store *st, int64_t user_id, struct store_key **keys, size_t *n);

/* MB_ERR_NOTFOUND if the user has no key with that fingerprint. */
int store_key_remove(
    struct store *st, int64_t user_id, const char *fingerprint);
/* The owner of a key.  MB_ERR_NOTFOUND if nobody has it. */
int store_key_owner(
    struct store *st, const char *type, const char *base64, int64_t *user_id);

/* ---- Profiles (store_profile.c) ----------------------------------------- */

enum store_role {
	STORE_ROLE_MENTOR,
	STORE_ROLE_MENTEE,
};

/* An area of help and the roles a member holds in it. */
struct store_role_row {
	int64_t area_id;
	char area[128];
	int retired;
	int mentor;
	int mentee;
};

/*
 * Every live area, and the retired ones the member still holds, with the
 * member's roles, by area name.  *rows is the caller's to free.
 */
int store_roles_get(
    struct store *st, int64_t user_id, struct store_role_row **rows, size_t *n);

/* Take (on) or give up a role in an area. */
int store_role_set(struct store *st, int64_t user_id, int64_t area_id,
    enum store_role role, int on);

/*
 * The live areas where mentor mentors and mentee looks for help, by name,
 * into *areas (the caller's to free).
 */
int store_roles_shared(struct store *st, int64_t mentee, int64_t mentor,
    struct store_item **areas, size_t *n);

/* In how many areas the member is mentor and mentee. */
int store_roles_count(
    struct store *st, int64_t user_id, int *mentor, int *mentee);

/* What a mentor tells about their help.  Strings are owned by the struct
 * (store_mentor_free); "" when not filled in. */
struct store_mentor {
	char *help_text;
	char *industry;
	char *position;
	char *languages;
	int capacity; /* mentees at once */
	int available; /* takes new requests */
	int64_t updated_at; /* 0: never saved */
};

/*
 * The member's mentor profile, or the defaults if never saved (empty
 * texts, capacity 1, available, updated_at 0).  *out is the caller's to
 * store_mentor_free; on failure there is nothing to free.
 */
int store_mentor_get(
    struct store *st, int64_t user_id, struct store_mentor *out);

/*
 * Create or replace the member's mentor profile with m, stamped now.  The
 * search index is not touched: profile_mentor_save does both.
 */
int store_mentor_set(
    struct store *st, int64_t user_id, const struct store_mentor *m);

/* Free m's strings and zero it; a zeroed m is allowed. */
void store_mentor_free(struct store_mentor *m);

/* The four sections of a mentee's application. */
enum store_section {
	STORE_SECTION_MY_DATA,
	STORE_SECTION_SITUATION,
	STORE_SECTION_GOALS,
	STORE_SECTION_HELP,
	STORE_NSECTIONS,
};

struct store_application {
	char *text[STORE_NSECTIONS]; /* owned; "" when empty */
	int64_t updated_at;
};

/*
 * The member's application: every section "" and updated_at 0 if never
 * saved.  *out is the caller's to store_application_free; on failure
 * there is nothing to free.
 */
int store_application_get(
    struct store *st, int64_t user_id, struct store_application *out);

/* Create or replace the text of one section, stamping the application. */
int store_application_set(struct store *st, int64_t user_id,
    enum store_section section, const char *text);

/* Free a's texts and zero it; a zeroed a is allowed. */
void store_application_free(struct store_application *a);

/* The CV on file. */
struct store_cv_info {
	int64_t bytes;
	int width;
	int height;
	int64_t uploaded_at;
};

/* MB_ERR_NOTFOUND if the member has no CV. */
int store_cv_info(struct store *st, int64_t user_id, struct store_cv_info *out);
/* The JPEG itself; *data is the caller's to free. */
int store_cv_get(
    struct store *st, int64_t user_id, uint8_t **data, size_t *len);
/* Replace the CV (in one statement: the old one stays if this fails). */
int store_cv_put(struct store *st, int64_t user_id, const uint8_t *data,
    size_t len, int width, int height);
/* MB_ERR_NOTFOUND if there was none. */
int store_cv_delete(struct store *st, int64_t user_id);

/* ---- Notifications (store_notification.c) ------------------------------- */

/* How many notifications the member has not read. */
int store_notification_unread(
    struct store *st, int64_t user_id, int64_t *count);

/* What a notification records; the rules render it (common/notify.c). */
struct store_notification {
	int64_t id;
	int64_t user_id;
	char kind[32];
	char *body; /* owned (store_notification_free) */
	int64_t created_at;
	int64_t read_at; /* 0: unread */
	int64_t actor_id; /* 0: nobody, or erased since */
	char actor_first[NAME_MAX_BYTES + 1]; /* for "Anna K." */
	char actor_last[NAME_MAX_BYTES + 1];
	int64_t object_id;
};

/*
 * Record a notification of kind for user_id from actor_id (0: the board or
 * the team) about object_id (0: nothing), with the words body, and mark
 * news for the member's sessions (delivered when the transaction under
 * way commits).  With mailed set it never goes into a digest mail.  *id
 * (may be NULL) gets the row.
 */
int store_notification_add(struct store *st, int64_t user_id, const char *kind,
    int64_t actor_id, int64_t object_id, const char *body, int mailed,
    int64_t *id);

/*
 * The same notification for every confirmed member but demo ones, never
 * mailed; news for everyone.  *count gets how many were written.
 */
int store_notification_add_all(
    struct store *st, const char *kind, const char *body, int64_t *count);

#define STORE_NOTIFY_UNREAD 0x1 /* only those not read */
#define STORE_NOTIFY_UNMAILED 0x2 /* only those not mailed (nor to be) */

/*
 * A member's notifications, newest first, at most limit, those flags
 * (STORE_NOTIFY_*) ask for; or (after_id > 0) only those newer than
 * after_id.  *rows is the caller's (store_notification_rows_free).
 */
int store_notification_list(struct store *st, int64_t user_id, unsigned flags,
    int64_t after_id, int limit, struct store_notification **rows, size_t *n);

/* The newest notification id of a member (0 if none). */
int store_notification_last_id(struct store *st, int64_t user_id, int64_t *id);

/*
 * Mark notification id of user_id read (MB_ERR_NOTFOUND if it is not
 * theirs), or all of theirs (id 0); marks news for their sessions.
 */
int store_notification_read(struct store *st, int64_t user_id, int64_t id);

/* Is an unread notification of kind about object_id waiting for user_id? */
int store_notification_waiting(struct store *st, int64_t user_id,
    const char *kind, int64_t object_id, int *waiting);

/* Mark user_id's notifications of kind about object_id read. */
int store_notification_read_object(
    struct store *st, int64_t user_id, const char *kind, int64_t object_id);

void store_notification_free(struct store_notification *n);
void store_notification_rows_free(struct store_notification *rows, size_t n);

/*
 * Members a digest mail is due for: unread, unmailed notifications older
 * than before, no session open, mail wanted, not mailed since
 * last_before, no failed mail waiting until after now.  At most max ids
 * into ids; *n how many.
 */
int store_digest_due(struct store *st, int64_t before, int64_t last_before,
    int64_t now, int64_t *ids, size_t max, size_t *n);

/* A digest went out with the notifications up to max_id: mark them. */
int store_digest_sent(
    struct store *st, int64_t user_id, int64_t max_id, int64_t now);

/* How many digest mails to user_id failed in a row (0: none). */
int store_digest_failures(struct store *st, int64_t user_id, int *failures);

/* A digest mail failed: count it, and try again at next_try_at. */
int store_digest_failed(struct store *st, int64_t user_id, int64_t next_try_at);

/* Does the member want mail of what they missed?  Set it. */
int store_user_set_notify_mail(struct store *st, int64_t user_id, int on);

/* Does the member want the plain mode (lines, not full screens)?  Set it.
 * MB_ERR_NOTFOUND for no such member. */
int store_user_set_plain_mode(struct store *st, int64_t user_id, int on);

/* ---- Mentor search (store_search.c) ------------------------------------- */

/*
 * Put a member into the search index (listed) with what others may search
 * for: first name, fields of study, the areas they mentor in, industry,
 * position, "how I can help" and languages; never surname, e-mail or user
 * name.  With listed unset, take them out.
 */
int store_search_set(struct store *st, int64_t user_id, int listed);

/*
 * Write every listed mentor's row again (after an area or a field of study
 * was renamed).  Returns 0 or MB_ERR_*.
 */
int store_search_rewrite_all(struct store *st);

/* What store_search_query selects by; the search module builds it. */
struct store_search_filter {
	const char *match; /* an FTS5 expression, or "" for all */
	int64_t area_id; /* 0: any */
	int64_t field_id; /* 0: any */
	int available_only;
	int limit;
	int offset; /* matches to skip (a page further on), 0 or more */
};

/*
 * A listed mentor as the store returns it to the search module, which
 * turns first and last name into the display name at once and hands
 * nothing else of the surname on.  Strings are owned by the row.
 */
struct store_mentor_row {
	int64_t id;
	char first_name[NAME_MAX_BYTES + 1];
	char last_name[NAME_MAX_BYTES + 1];
	char *fields;
	char *areas;
	int available;
	int free_places; /* capacity less the mentorships they have */
	char *help_text;
	char *industry;
	char *position;
	char *languages;
};

/* Matches up to this many are ranked by relevance. */
#define STORE_SEARCH_RANK_MAX 600
#define STORE_SEARCH_EXPR_MAX 4096 /* bytes of a whole FTS5 query */

/*
 * Listed mentors that match f, at most f->limit of them from the
 * f->offset-th on: ranked by relevance when f->match is set and at most
 * STORE_SEARCH_RANK_MAX rows match, else newest first (either order stays
 * the same from page to page).  Matches are counted up to
 * store_search_counted(f): *total is how many match, or one more than that
 * for "more than that".  *rows is the caller's (store_mentor_rows_free).
 */
int store_search_query(struct store *st, const struct store_search_filter *f,
    struct store_mentor_row **rows, size_t *n, size_t *total);

/* How far store_search_query counts matches for f: STORE_SEARCH_RANK_MAX,
 * or to the end of the page asked for if that is further. */
size_t store_search_counted(const struct store_search_filter *f);

/*
 * One listed mentor; MB_ERR_NOTFOUND if not listed.  The row's strings are
 * the caller's to free (search_detail hands them on to its hit).
 */
int store_search_get(
    struct store *st, int64_t id, struct store_mentor_row *out);

/*
 * Free the n rows store_search_query or store_search_candidates returned,
 * their strings and the array; NULL with n 0 is allowed.
 */
void store_mentor_rows_free(struct store_mentor_row *rows, size_t n);

/* Free the strings of one row (store_search_get's). */
void store_mentor_row_free(struct store_mentor_row *r);

/*
 * Listed, available mentors who mentor in an area where mentee is a
 * mentee, with 1 in *shared_field[i] if they share a field of study; the
 * mentee excluded; at most limit.  With match set (an FTS5 expression),
 * only those it matches, best first.  Free with store_mentor_rows_free,
 * and *shared_field with free(); both are NULL when *n is 0.
 */
int store_search_candidates(struct store *st, int64_t mentee, const char *match,
    int limit, struct store_mentor_row **rows, int **shared_field, size_t *n);

/* The most words store_search_scan looks for. */
#define STORE_SEARCH_SCAN_WORDS 3

/*
 * The search the index replaces, for bench/search to measure the index
 * against: a scan of every member with a mentor profile (listed or not)
 * for those whose text (first name, profile, fields of study, areas they
 * mentor in) holds each of words[0..nwords-1] as LIKE '%word%', with f's
 * area_id, field_id and available_only (f->match is not used), at most
 * f->limit of them by first name.  *n gets how many that is; nothing else
 * is returned, so nothing needs freeing.  Returns MB_ERR_INVALID for more
 * than STORE_SEARCH_SCAN_WORDS words, else 0 or MB_ERR_* (logged), with
 * *n 0 on failure.
 */
int store_search_scan(struct store *st, const char *const *words, size_t nwords,
    const struct store_search_filter *f, size_t *n);

/* ---- Alumni membership and access codes (store_membership.c) ------------ */

enum store_relation {
	STORE_RELATION_STUDENT,
	STORE_RELATION_GRADUATE,
	STORE_RELATION_STAFF,
	STORE_RELATION_OTHER,
	STORE_NRELATIONS,
};

enum store_request_state {
	STORE_MEMBERSHIP_OPEN,
	STORE_MEMBERSHIP_APPROVED,
	STORE_MEMBERSHIP_DECLINED,
};

#define STORE_PROGRAMME_MAX 512 /* bytes of a degree programme's name */

/* A request to join the alumni community.  message and reason are owned
 * (store_membership_free); "" when empty. */
struct store_membership {
	int64_t id;
	int64_t user_id;
	char username[USERNAME_MAX + 1]; /* for the team's lists */
	int already_member;
	char programme[STORE_PROGRAMME_MAX];
	int graduation_year;
	enum store_relation relation;
	char *message;
	enum store_request_state state;
	int64_t requested_at;
	int64_t decided_at; /* 0: open */
	char *reason; /* why it was declined */
};

/* Record a new open request (id, state and dates are set here). */
int store_membership_add(
    struct store *st, const struct store_membership *m, int64_t *id);

/* A member's latest request; MB_ERR_NOTFOUND if they never asked. */
int store_membership_latest(
    struct store *st, int64_t user_id, struct store_membership *out);

/* One request by id; MB_ERR_NOTFOUND if there is none. */
int store_membership_get(
    struct store *st, int64_t id, struct store_membership *out);

/*
 * Requests, oldest first; with open_only, those still open.  *rows is the
 * caller's (store_membership_rows_free).
 */
int store_membership_list(
    struct store *st, int open_only, struct store_membership **rows, size_t *n);

/*
 * Close an open request as approved or declined (with reason).  Returns
 * MB_ERR_NOTFOUND when it is not open (any more).
 */
int store_membership_decide(struct store *st, int64_t id,
    enum store_request_state state, const char *reason);

/* Open an approved request again (its code's mail failed). */
int store_membership_reopen(struct store *st, int64_t id);

void store_membership_free(struct store_membership *m);
void store_membership_rows_free(struct store_membership *rows, size_t n);

/* Make user_id a member of the alumni community since since. */
int store_user_set_member(struct store *st, int64_t user_id, int64_t since);

/* An access code's state, never the code. */
struct store_access_code {
	int64_t id;
	int64_t user_id; /* bound to this account; 0: open */
	char username[USERNAME_MAX + 1]; /* of user_id, or "" */
	int64_t request_id; /* the request it answers, or 0 */
	int64_t issued_at;
	int64_t expires_at;
	int64_t used_by; /* 0: not used */
	int64_t used_at;
	int64_t revoked_at; /* 0: not revoked */
};

/* Record a code by its keyed hash; user_id 0 for an open code. */
int store_access_code_add(struct store *st, const uint8_t *hash,
    size_t hash_len, int64_t user_id, int64_t request_id, int64_t expires_at,
    int64_t *id);

/*
 * Use the code whose hash this is for user_id: only if it is not used,
 * not revoked, not expired and open or bound to user_id.  Returns 0, or
 * MB_ERR_NOTFOUND for every other case alike.  Call it inside a
 * transaction with the change the code brings.
 */
int store_access_code_use(
    struct store *st, const uint8_t *hash, size_t hash_len, int64_t user_id);

/* Every code, newest first.  *rows is the caller's to free. */
int store_access_code_list(
    struct store *st, struct store_access_code **rows, size_t *n);

/* Revoke an unused code.  MB_ERR_NOTFOUND if no such code is usable. */
int store_access_code_revoke(struct store *st, int64_t id);

/* ---- Requests and mentorships (store_mentorship.c) ---------------------- */

/* A request's life; the words are stored.  common/request.c says which
 * way it may go, and who may move it. */
enum store_mship_state {
	STORE_MSHIP_OPEN,
	STORE_MSHIP_CONNECTED, /* accepted: a mentorship */
	STORE_MSHIP_DECLINED,
	STORE_MSHIP_WITHDRAWN,
	STORE_MSHIP_EXPIRED,
	STORE_MSHIP_OFFICIAL, /* the agreement approved */
	STORE_MSHIP_ENDED,
	STORE_MSHIP_NSTATES,
};

#define STORE_REASON_WORD_MAX 32

/* One request or mentorship; message and reply are owned
 * (store_mentorship_free).  Names are for display names only. */
struct store_mentorship {
	int64_t id;
	int64_t mentee_id; /* 0: erased since */
	int64_t mentor_id;
	int64_t area_id;
	char area[128];
	char mentee_first[NAME_MAX_BYTES + 1], mentee_last[NAME_MAX_BYTES + 1];
	char mentor_first[NAME_MAX_BYTES + 1], mentor_last[NAME_MAX_BYTES + 1];
	enum store_mship_state state;
	char *message; /* the mentee's, with the request */
	char *reply; /* the mentor's, with the answer */
	char decline_reason[STORE_REASON_WORD_MAX];
	int64_t sent_at;
	int64_t decided_at; /* 0 while open */
	int64_t official_since; /* 0: not (yet) */
	int64_t ended_at;
	int reminders; /* sent to the mentor while it is open */
};

/* The word of a state ("open", "connected", ...). */
const char *store_mship_state_word(enum store_mship_state s);

/* Record an open request; *id gets it. */
int store_mentorship_add(struct store *st, int64_t mentee_id, int64_t mentor_id,
    int64_t area_id, const char *message, int64_t *id);

/* One by id.  MB_ERR_NOTFOUND if there is none. */
int store_mentorship_get(
    struct store *st, int64_t id, struct store_mentorship *out);

/* Every request and mentorship of user_id, either side, newest first.
 * *rows is the caller's (store_mentorship_rows_free). */
int store_mentorship_list(struct store *st, int64_t user_id,
    struct store_mentorship **rows, size_t *n);

/*
 * Move id from state from to state to (stamping the time the state needs:
 * decided, official, ended), with the mentor's reply and a decline reason
 * (may be NULL).  MB_ERR_NOTFOUND when it is not in from (any more).
 */
int store_mentorship_move(struct store *st, int64_t id,
    enum store_mship_state from, enum store_mship_state to, const char *reply,
    const char *decline_reason);

/* Open requests mentee_id has sent. */
int store_mentorship_open_sent(struct store *st, int64_t mentee_id, int *n);

/* Mentorships (connected or official) mentor_id has as mentor. */
int store_mentorship_active(struct store *st, int64_t mentor_id, int *n);

/* Is there an open request or a mentorship (connected, official) between
 * them?  *id gets it, or 0. */
int store_mentorship_between(
    struct store *st, int64_t mentee_id, int64_t mentor_id, int64_t *id);

/*
 * Open requests sent before before with fewer than reminders reminders,
 * at most max, oldest first, into ids.
 */
int store_mentorship_waiting(struct store *st, int64_t before, int reminders,
    int64_t *ids, size_t max, size_t *n);

/* Count a reminder sent for id. */
int store_mentorship_reminded(struct store *st, int64_t id, int reminders);

/* Requests and mentorships of everyone, in state (NULL: all), oldest
 * first, at most limit (the team's lists). */
int store_mentorship_all(struct store *st, const char *state, int limit,
    struct store_mentorship **rows, size_t *n);

/* Record that the team (actor_id) ended id, and why. */
int store_mentorship_ended_by(
    struct store *st, int64_t id, int64_t actor_id, const char *reason);

/* The feedback given as a mentorship ended (for the team). */
struct store_feedback {
	char role[8];
	char *body;
	int64_t at;
};

int store_feedback_list(struct store *st, int64_t mentorship_id,
    struct store_feedback **rows, size_t *n);
void store_feedback_rows_free(struct store_feedback *rows, size_t n);

void store_mentorship_free(struct store_mentorship *m);
void store_mentorship_rows_free(struct store_mentorship *rows, size_t n);

/* ---- Chat and meetings (store_chat.c) ------------------------------------ */

#define STORE_PLACE_MAX 512 /* bytes of a meeting's place */
#define STORE_TIME_ZONE_MAX 64 /* bytes of a time zone's name */

/* A line of a chat; body is owned (store_chat_lines_free). */
struct store_chat_line {
	int64_t id;
	int64_t mentorship_id;
	int64_t author_id; /* 0: erased since */
	char author_first[NAME_MAX_BYTES + 1];
	char author_last[NAME_MAX_BYTES + 1];
	int meeting; /* a line of the board's about meeting_id */
	int64_t meeting_id;
	char *body;
	int64_t at;
};

/* Add a line (meeting_id 0: a line as typed); *id gets it. */
int store_chat_add(struct store *st, int64_t mentorship_id, int64_t author_id,
    const char *body, int64_t meeting_id, int64_t *id);

/* Lines of a chat after since_id and before before_id (0: the newest),
 * oldest first, the newest limit of them. */
int store_chat_log(struct store *st, int64_t mentorship_id, int64_t since_id,
    int64_t before_id, int limit, struct store_chat_line **rows, size_t *n);

void store_chat_lines_free(struct store_chat_line *rows, size_t n);

/* The last line user_id read in a chat (0: none), and setting it. */
int store_chat_last_read(
    struct store *st, int64_t mentorship_id, int64_t user_id, int64_t *id);
int store_chat_set_read(
    struct store *st, int64_t mentorship_id, int64_t user_id, int64_t id);

/* How many lines of others user_id has not read in a chat. */
int store_chat_unread(
    struct store *st, int64_t mentorship_id, int64_t user_id, int *n);

/* A meeting of a mentorship. */
struct store_meeting {
	int64_t id;
	int64_t mentorship_id;
	int64_t proposer_id;
	int64_t starts_at;
	int minutes;
	char place[STORE_PLACE_MAX];
	char state[16]; /* proposed, accepted, declined */
	int64_t created_at;
	int64_t answered_at;
};

int store_meeting_add(struct store *st, int64_t mentorship_id,
    int64_t proposer_id, int64_t starts_at, int minutes, const char *place,
    int64_t *id);
int store_meeting_get(struct store *st, int64_t id, struct store_meeting *out);

/* Answer a proposed meeting (state "accepted" or "declined");
 * MB_ERR_NOTFOUND when it is not proposed (any more). */
int store_meeting_answer(struct store *st, int64_t id, const char *state);

/* The newest meeting of a mentorship proposed by someone other than
 * user_id that is still proposed and starts after now. */
int store_meeting_pending(struct store *st, int64_t mentorship_id,
    int64_t user_id, int64_t now, struct store_meeting *out);

/*
 * Accepted meetings of user_id's mentorships that have not ended by now,
 * soonest first, at most max into rows (*n of them).
 */
int store_meeting_upcoming(struct store *st, int64_t user_id, int64_t now,
    struct store_meeting *rows, size_t max, size_t *n);

/* A member's time zone (a tz database name). */
int store_user_time_zone(
    struct store *st, int64_t user_id, char *out, size_t size);
int store_user_set_time_zone(struct store *st, int64_t user_id, const char *tz);

/* ---- The mentoring agreement (store_agreement.c) -------------------------- */

/* The sections of an agreement, in the order they are shown. */
enum store_agreement_section {
	STORE_AGREEMENT_GOALS,
	STORE_AGREEMENT_RHYTHM,
	STORE_AGREEMENT_DURATION,
	STORE_AGREEMENT_CONFIDENTIALITY,
	STORE_AGREEMENT_COMMUNICATION,
	STORE_AGREEMENT_OTHER,
	STORE_AGREEMENT_NSECTIONS,
};

#define STORE_SHA256_HEX 65 /* 64 hex digits and a NUL */

/* The text of an agreement, one owned string a section. */
struct store_agreement_text {
	char *section[STORE_AGREEMENT_NSECTIONS];
};

void store_agreement_text_free(struct store_agreement_text *t);

/*
 * The mentee's draft of mentorship_id (every section "" and *updated_at 0
 * when there is none).  The caller frees *out.
 */
int store_agreement_draft_get(struct store *st, int64_t mentorship_id,
    struct store_agreement_text *out, int64_t *updated_at);

/* Create or replace one section of the draft. */
int store_agreement_draft_set(struct store *st, int64_t mentorship_id,
    enum store_agreement_section section, const char *text);

/* A submitted version. */
struct store_agreement_version {
	int64_t mentorship_id;
	int number; /* 1, 2, ... */
	int64_t author_id; /* 0: erased since */
	struct store_agreement_text text;
	char sha256[STORE_SHA256_HEX];
	char state[24]; /* pending, approved, changes-requested, superseded */
	int64_t submitted_at;
	int64_t decided_at;
};

void store_agreement_versions_free(
    struct store_agreement_version *rows, size_t n);

/* Add version number (the next) of mentorship_id, pending; every older
 * pending one becomes superseded. */
int store_agreement_version_add(struct store *st, int64_t mentorship_id,
    int64_t author_id, const struct store_agreement_text *text,
    const char *sha256, int *number);

/* Every version of mentorship_id, oldest first (the caller frees). */
int store_agreement_versions(struct store *st, int64_t mentorship_id,
    struct store_agreement_version **rows, size_t *n);

/*
 * Decide version number of mentorship_id: state "approved" or
 * "changes-requested", only while it is pending and the newest version.
 * MB_ERR_NOTFOUND otherwise (superseded, decided, or no such version).
 */
int store_agreement_decide(
    struct store *st, int64_t mentorship_id, int number, const char *state);

/* A comment of the mentor's about version (0: none in particular). */
struct store_agreement_comment {
	int version;
	int64_t author_id;
	char *body;
	int64_t at;
};

int store_agreement_comment_add(struct store *st, int64_t mentorship_id,
    int version, int64_t author_id, const char *body);

/* The comments of mentorship_id, oldest first (the caller frees). */
int store_agreement_comments(struct store *st, int64_t mentorship_id,
    struct store_agreement_comment **rows, size_t *n);
void store_agreement_comments_free(
    struct store_agreement_comment *rows, size_t n);

/* Feedback for the mentoring team as a mentorship ends. */
int store_feedback_add(struct store *st, int64_t mentorship_id,
    int64_t author_id, const char *role, const char *body);

/* A certificate of an ended mentorship, as issued. */
struct store_certificate {
	int64_t mentorship_id;
	int64_t user_id;
	char role[8]; /* mentor, mentee */
	char full_name[2 * NAME_MAX_BYTES + 2];
	char mentor_display[DISPLAY_NAME_MAX];
	char mentee_display[DISPLAY_NAME_MAX];
	char area[128];
	int64_t started_at;
	int64_t official_since; /* 0: never official */
	int64_t ended_at;
	int version; /* the agreement in force at the end; 0: none */
	char sha256[STORE_SHA256_HEX];
	int64_t issued_at;
	char code[16]; /* canonical: ACCESS_CODE_CHARS */
};

/* Store c with its code (canonical). */
int store_certificate_add(
    struct store *st, const struct store_certificate *c, const char *code);

/* The certificate of user_id for mentorship_id; MB_ERR_NOTFOUND. */
int store_certificate_get(struct store *st, int64_t mentorship_id,
    int64_t user_id, struct store_certificate *out);

/* The certificate with code (canonical); MB_ERR_NOTFOUND. */
int store_certificate_find(
    struct store *st, const char *code, struct store_certificate *out);

/* ---- A member's export (store_export.c) ---------------------------------- */

struct json;

/* Every section of user_id's export (keys and values) into the open
 * object j (common/export.h says what it is). */
int store_export_user(struct store *st, int64_t user_id, struct json *j);

/* ---- Erasure (store_erase.c) -------------------------------------------- */

/*
 * Delete user_id and everything that is theirs (the schema's ON DELETE
 * clauses, and what they cannot reach: the search row, merged away; their
 * certificates; failed logins under username; audit details about them).
 * Inside the caller's transaction.
 */
int store_erase_user(struct store *st, int64_t user_id, const char *username);

/* Accounts never confirmed, made before before: at most max ids. */
int store_unverified_before(
    struct store *st, int64_t before, int64_t *ids, size_t max, size_t *n);

/*
 * Delete codes used or expired before codes_before (both kinds; an
 * access code revoked counts as expired), login records before
 * logins_before, and, if chats_before is not 0, the chat lines and
 * meetings of mentorships ended before it.  How many of each went.
 */
int store_retention_purge(struct store *st, int64_t codes_before,
    int64_t logins_before, int64_t chats_before, int64_t now, int64_t *codes,
    int64_t *logins, int64_t *chat_lines);

/*
 * How long a connection that found the store locked for the count-th time
 * in a row (0 the first) waits before it tries again, in microseconds; -1
 * once its waits have come to STORE_BUSY_TIMEOUT_MS (it then fails with
 * MB_ERR_BUSY).  SQLite's own handler waits 1, 2, 5, 10, 15, 20 and then
 * 25 ms and more, where a write holds the lock for a fraction of a
 * millisecond: under a burst of logins a session slept tens of
 * milliseconds for a lock free long before, and the login gate, which
 * answers one question at a time, held every login up while it slept.
 */
long store_busy_wait_us(int count);

/* PRAGMA wal_checkpoint(TRUNCATE): the log emptied into the file (a
 * reader still in it may keep it; MB_ERR_BUSY then). */
int store_checkpoint_truncate(struct store *st);
/* PRAGMA wal_checkpoint(PASSIVE): what no reader needs any more goes from
 * the log into the file, without waiting for anyone. */
int store_checkpoint_passive(struct store *st);
/*
 * This connection's commits do not checkpoint (a checkpoint writes and
 * syncs the file, for tens and on a busy disk hundreds of milliseconds):
 * for the daemon's sessions and its login gate, whose people must not wait
 * for it.  A commit that leaves the log at STORE_WAL_CHECKPOINT_PAGES or
 * more wakes the housekeeping for it instead (STORE_WORK_CHECKPOINT),
 * which also checkpoints at every tick.  When nobody listens for that
 * wake-up, or the log has grown to STORE_WAL_CHECKPOINT_FORCE_PAGES (the
 * housekeeping does not keep up), the commit checkpoints as any other.
 */
void store_leave_checkpoints(struct store *st);
/* ---- Bans, blocks and reports (store_moderation.c) ------------------------ */

/*
 * Ban user id since at (seconds) with reason, or with at 0 lift the ban
 * (the reason is emptied).  MB_ERR_NOTFOUND when there is no such user.
 */
int store_user_set_ban(
    struct store *st, int64_t id, int64_t at, const char *reason);

/* The banned members, the newest ban first, at most max. */
int store_user_banned(
    struct store *st, size_t max, struct store_user **rows, size_t *n);

/*
 * The sysops who confirmed their address and are not banned, by id, at
 * most max into ids (*n of them): whom the team's news goes to.
 */
int store_sysop_ids(struct store *st, int64_t *ids, size_t max, size_t *n);

/* Someone a member blocked, as their list shows it. */
struct store_block {
	int64_t blocked_id;
	char first_name[NAME_MAX_BYTES + 1]; /* for "Anna K." */
	char last_name[NAME_MAX_BYTES + 1];
	int64_t created_at;
};

/* user_id blocks blocked_id: MB_ERR_EXISTS when already blocked. */
int store_block_add(struct store *st, int64_t user_id, int64_t blocked_id);

/* MB_ERR_NOTFOUND when user_id had not blocked blocked_id. */
int store_block_remove(struct store *st, int64_t user_id, int64_t blocked_id);

/* Has user_id blocked blocked_id?  *blocked 1 or 0. */
int store_block_exists(
    struct store *st, int64_t user_id, int64_t blocked_id, int *blocked);

/* How many people user_id has blocked. */
int store_block_count(struct store *st, int64_t user_id, int *n);

/* Whom user_id blocked, the newest first; *rows is the caller's to free. */
int store_block_list(
    struct store *st, int64_t user_id, struct store_block **rows, size_t *n);

/* What ties a member to another account, each 1 or 0 (store_user_ties). */
struct store_ties {
	int exists; /* the account is there */
	int requested; /* a request between them, in any state, either way */
	int listed; /* a mentor the search lists (store_search_get finds) */
	int blocked; /* the member has blocked them */
};

/*
 * What ties user_id to person_id, for common/privacy.c's privacy_may_name,
 * in one statement that does the same work whether person_id is an
 * account or not.  0 with *out, or MB_ERR_* (logged) with *out zeroed.
 */
int store_user_ties(struct store *st, int64_t user_id, int64_t person_id,
    struct store_ties *out);

enum store_report_state {
	STORE_REPORT_OPEN,
	STORE_REPORT_WARNED,
	STORE_REPORT_BANNED,
	STORE_REPORT_DISMISSED,
	STORE_REPORT_NSTATES,
};

/* A report of a person (or of a chat line of theirs) to the team.  reason
 * is owned (store_report_free). */
struct store_report {
	int64_t id;
	int64_t reporter_id; /* 0: erased since */
	char reporter_username[USERNAME_MAX + 1];
	char reporter_first[NAME_MAX_BYTES + 1];
	char reporter_last[NAME_MAX_BYTES + 1];
	int64_t subject_id; /* 0: erased since */
	char subject_username[USERNAME_MAX + 1];
	char subject_first[NAME_MAX_BYTES + 1];
	char subject_last[NAME_MAX_BYTES + 1];
	int64_t chat_line_id; /* 0: the person, not a line (or gone) */
	int64_t mentorship_id; /* the chat of that line, or 0 */
	char *reason;
	enum store_report_state state;
	int64_t created_at;
	int64_t decided_at; /* 0: open */
	int64_t decided_by; /* 0: the host's operator, or open */
};

/* The word a state is stored and shown as ("open", "warned"). */
const char *store_report_state_word(enum store_report_state state);

/* Record an open report; chat_line_id 0 for none.  *id gets it. */
int store_report_add(struct store *st, int64_t reporter_id, int64_t subject_id,
    int64_t chat_line_id, const char *reason, int64_t *id);

/* One report; MB_ERR_NOTFOUND.  *out is the caller's (store_report_free). */
int store_report_get(struct store *st, int64_t id, struct store_report *out);

/* The reports (only the open ones with open_only), oldest first, at most
 * max.  *rows is the caller's (store_report_rows_free). */
int store_report_list(struct store *st, int open_only, size_t max,
    struct store_report **rows, size_t *n);

/*
 * Decide report id (state warned, banned or dismissed) by decided_by (0:
 * the host's operator), only while it is open: MB_ERR_NOTFOUND otherwise.
 */
int store_report_decide(struct store *st, int64_t id,
    enum store_report_state state, int64_t decided_by);

/* How many reports reporter_id filed since since. */
int store_report_count_since(
    struct store *st, int64_t reporter_id, int64_t since, int *n);

void store_report_free(struct store_report *r);
void store_report_rows_free(struct store_report *rows, size_t n);

/* One chat line by id (any chat: the rules check who may see it).
 * MB_ERR_NOTFOUND.  out->body is the caller's (store_chat_lines_free of
 * one, or free). */
int store_chat_line_get(
    struct store *st, int64_t id, struct store_chat_line *out);

/*
 * Line id of its chat with at most around lines before it and after it,
 * oldest first (the caller frees with store_chat_lines_free).
 */
int store_chat_around(struct store *st, int64_t mentorship_id, int64_t id,
    int around, struct store_chat_line **rows, size_t *n);

/* ---- Support: members' questions to the team (store_support.c) ---------- */

#define STORE_SUPPORT_SUBJECT_BYTES 512 /* bytes of a subject, with NUL */

enum store_support_state {
	STORE_SUPPORT_OPEN, /* waits for the team */
	STORE_SUPPORT_ANSWERED, /* the team replied last */
	STORE_SUPPORT_CLOSED,
	STORE_SUPPORT_NSTATES,
};

/* A member's question and its state. */
struct store_support_thread {
	int64_t id;
	int64_t user_id; /* 0: erased since (the thread goes with them) */
	char username[USERNAME_MAX + 1];
	char first_name[NAME_MAX_BYTES + 1];
	char last_name[NAME_MAX_BYTES + 1];
	char subject[STORE_SUPPORT_SUBJECT_BYTES];
	enum store_support_state state;
	int64_t created_at;
	int64_t updated_at;
	int messages; /* how many */
};

/* One message of a thread; body is owned (store_support_messages_free). */
struct store_support_message {
	int64_t id;
	int64_t author_id; /* 0: the host's operator, or erased since */
	int from_team;
	char author_first[NAME_MAX_BYTES + 1];
	char author_last[NAME_MAX_BYTES + 1];
	char *body;
	int64_t at;
};

/* The word a state is stored and shown as ("open", "answered"). */
const char *store_support_state_word(enum store_support_state state);

/* A new open thread of user_id; *id gets it. */
int store_support_thread_add(
    struct store *st, int64_t user_id, const char *subject, int64_t *id);

/* A message in thread_id by author_id (0: the operator), from the team or
 * the member; the thread is stamped updated. */
int store_support_message_add(struct store *st, int64_t thread_id,
    int64_t author_id, int from_team, const char *body);

/* Set the state of thread id (stamped updated); MB_ERR_NOTFOUND. */
int store_support_set_state(
    struct store *st, int64_t id, enum store_support_state state);

/* One thread; MB_ERR_NOTFOUND. */
int store_support_thread_get(
    struct store *st, int64_t id, struct store_support_thread *out);

/*
 * The threads of user_id (0: everyone's), only the open ones with
 * open_only; a member's the newest first, everyone's the oldest waiting
 * first; at most max.  *rows is the caller's to free.
 */
int store_support_threads(struct store *st, int64_t user_id, int open_only,
    size_t max, struct store_support_thread **rows, size_t *n);

/* How many threads of user_id wait for the team (open). */
int store_support_open_count(struct store *st, int64_t user_id, int *n);

/* The messages of a thread, oldest first (store_support_messages_free). */
int store_support_messages(struct store *st, int64_t thread_id,
    struct store_support_message **rows, size_t *n);
void store_support_messages_free(struct store_support_message *rows, size_t n);

/* ---- The audit log (store_mentorship.c) --------------------------------- */

/* Append: actor_id did action to subject_id, about object_id. */
int store_audit_add(struct store *st, int64_t actor_id, const char *action,
    int64_t subject_id, int64_t object_id, const char *detail);

/* An entry of the audit log; detail is owned (store_audit_rows_free). */
struct store_audit {
	int64_t id;
	int64_t at;
	int64_t actor_id; /* 0: the host's operator, the board, or erased */
	char actor[USERNAME_MAX + 1]; /* "" for 0 */
	char action[64];
	int64_t subject_id; /* 0: none, or erased */
	char subject[USERNAME_MAX + 1];
	int64_t object_id;
	char *detail;
};

/*
 * The entries at since or later, newest first, at most limit (store_audit.c).
 * *rows is the caller's (store_audit_rows_free).
 */
int store_audit_list(struct store *st, int64_t since, int limit,
    struct store_audit **rows, size_t *n);

void store_audit_rows_free(struct store_audit *rows, size_t n);

/* ---- The board's settings (store_setting.c) ----------------------------- */

/*
 * The value of the setting called name into out (truncated to size), or
 * MB_ERR_NOTFOUND; set makes or replaces it.
 */
int store_setting_get(
    struct store *st, const char *name, char *out, size_t size);
int store_setting_set(struct store *st, const char *name, const char *value);

/* ---- Failed logins (store_auth.c) --------------------------------------- */

enum store_auth_scope {
	STORE_AUTH_ADDR, /* a source address */
	STORE_AUTH_USER, /* a user name, known or not */
	STORE_AUTH_REGISTER, /* accounts made from a source address */
	STORE_AUTH_REDEEM_ADDR, /* wrong access codes from an address */
	STORE_AUTH_REDEEM_USER, /* wrong access codes of an account */
};

/*
 * Failures recorded for subject, counting only those not older than
 * forget_after seconds of quiet.
 */
int store_auth_failures(struct store *st, enum store_auth_scope scope,
    const char *subject, int64_t forget_after, int *failures);

/* Count one more failure (a quiet period since the last starts anew). */
int store_auth_fail(struct store *st, enum store_auth_scope scope,
    const char *subject, int64_t forget_after);

/* Forget the failures of subject (its owner logged in). */
int store_auth_clear(
    struct store *st, enum store_auth_scope scope, const char *subject);

#endif
