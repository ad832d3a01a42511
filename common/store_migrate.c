/*
 * store_migrate: creating the schema and numbered forward migrations.
 *
 * A new database gets schema.sql whole and the latest version.  An older
 * one of version v gets migrations[v], [v + 1], ... up to the latest, in
 * one transaction.  schema.sql always equals the result of all migrations
 * (tests/unit/test_store.c checks it against the version-1 schema kept in
 * tests/unit/fixtures/).
 */
#include <stdio.h>

#include "error.h"
#include "log.h"
#include "store_internal.h"
#include "util.h"

/*
 * store_migrations[v] upgrades version v to v + 1; the number of entries
 * is the latest version.  [0] is no upgrade: version 1 was schema.sql.
 */
static const char *const store_migrations[] = {
	NULL,
	/* 1 -> 2: alumni membership and access codes (issue 11). */
	"ALTER TABLE user ADD COLUMN member_since INTEGER;"
	"CREATE TABLE auth_failure_2 ("
	" scope TEXT NOT NULL CHECK (scope IN ('addr', 'user', 'register',"
	"  'redeem-addr', 'redeem-user')),"
	" subject TEXT NOT NULL, failures INTEGER NOT NULL,"
	" last_at INTEGER NOT NULL, PRIMARY KEY (scope, subject)"
	") WITHOUT ROWID;"
	"INSERT INTO auth_failure_2 SELECT * FROM auth_failure;"
	"DROP TABLE auth_failure;"
	"ALTER TABLE auth_failure_2 RENAME TO auth_failure;"
	"CREATE TABLE membership_request ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	" already_member INTEGER NOT NULL CHECK (already_member IN (0, 1)),"
	" programme TEXT NOT NULL, graduation_year INTEGER NOT NULL,"
	" relation TEXT NOT NULL"
	"  CHECK (relation IN ('student', 'graduate', 'staff', 'other')),"
	" message TEXT NOT NULL DEFAULT '', consent_at INTEGER NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'open'"
	"  CHECK (state IN ('open', 'approved', 'declined')),"
	" requested_at INTEGER NOT NULL, decided_at INTEGER,"
	" reason TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX membership_request_user ON membership_request "
	" (user_id, id);"
	"CREATE INDEX membership_request_state ON membership_request "
	" (state, id);"
	"CREATE TABLE access_code ("
	" id INTEGER PRIMARY KEY, code_hash BLOB NOT NULL UNIQUE,"
	" user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,"
	" request_id INTEGER REFERENCES membership_request(id)"
	"  ON DELETE SET NULL,"
	" issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
	" used_by INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" used_at INTEGER, revoked_at INTEGER);",
	/* 2 -> 3: notifications live, in a centre, by mail (issue 12). */
	"ALTER TABLE user ADD COLUMN notify_mail INTEGER NOT NULL DEFAULT 1"
	" CHECK (notify_mail IN (0, 1));"
	"ALTER TABLE notification ADD COLUMN actor_id INTEGER"
	" REFERENCES user(id) ON DELETE SET NULL;"
	"ALTER TABLE notification ADD COLUMN object_id INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE notification ADD COLUMN mailed_at INTEGER;"
	"CREATE INDEX notification_unmailed ON notification"
	" (mailed_at, created_at) WHERE mailed_at IS NULL AND read_at IS NULL;"
	"CREATE TABLE mail_digest ("
	" user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,"
	" last_sent_at INTEGER NOT NULL DEFAULT 0,"
	" next_try_at INTEGER NOT NULL DEFAULT 0,"
	" failures INTEGER NOT NULL DEFAULT 0);",
	/* 3 -> 4: mentoring requests and mentorships (issue 13). */
	"CREATE TABLE mentorship ("
	" id INTEGER PRIMARY KEY,"
	" mentee_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" mentor_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" area_id INTEGER NOT NULL REFERENCES area(id),"
	" state TEXT NOT NULL CHECK (state IN ('open', 'connected',"
	"  'declined', 'withdrawn', 'expired', 'official', 'ended')),"
	" message TEXT NOT NULL DEFAULT '', sent_at INTEGER NOT NULL,"
	" decided_at INTEGER, reply TEXT NOT NULL DEFAULT '',"
	" decline_reason TEXT NOT NULL DEFAULT '',"
	" reminders INTEGER NOT NULL DEFAULT 0, official_since INTEGER,"
	" ended_at INTEGER);"
	"CREATE INDEX mentorship_mentor ON mentorship (mentor_id, state);"
	"CREATE INDEX mentorship_mentee ON mentorship (mentee_id, state);"
	"CREATE INDEX mentorship_state ON mentorship (state, sent_at);"
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
	" actor_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" action TEXT NOT NULL,"
	" subject_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" object_id INTEGER NOT NULL DEFAULT 0,"
	" detail TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX audit_at ON audit (at);",
	/* 4 -> 5: chat and meetings (issue 14). */
	"ALTER TABLE user ADD COLUMN time_zone TEXT NOT NULL"
	" DEFAULT 'Europe/Vienna';"
	"CREATE TABLE chat_line ("
	" id INTEGER PRIMARY KEY,"
	" mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)"
	"  ON DELETE CASCADE,"
	" author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" kind TEXT NOT NULL DEFAULT 'text'"
	"  CHECK (kind IN ('text', 'meeting')),"
	" body TEXT NOT NULL,"
	" meeting_id INTEGER REFERENCES meeting(id) ON DELETE SET NULL,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX chat_line_mentorship ON chat_line (mentorship_id, id);"
	"CREATE TABLE chat_read ("
	" mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)"
	"  ON DELETE CASCADE,"
	" user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	" last_read_id INTEGER NOT NULL,"
	" PRIMARY KEY (mentorship_id, user_id)) WITHOUT ROWID;"
	"CREATE TABLE meeting ("
	" id INTEGER PRIMARY KEY,"
	" mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)"
	"  ON DELETE CASCADE,"
	" proposer_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" starts_at INTEGER NOT NULL, minutes INTEGER NOT NULL,"
	" place TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'proposed'"
	"  CHECK (state IN ('proposed', 'accepted', 'declined')),"
	" created_at INTEGER NOT NULL, answered_at INTEGER);"
	"CREATE INDEX meeting_mentorship ON meeting (mentorship_id, starts_at);",
	/* 5 -> 6: the mentoring agreement, feedback, certificates (issue 15). */
	"CREATE TABLE agreement_draft ("
	" mentorship_id INTEGER PRIMARY KEY REFERENCES mentorship(id)"
	" ON DELETE CASCADE,"
	" goals TEXT NOT NULL DEFAULT '',"
	" rhythm TEXT NOT NULL DEFAULT '',"
	" duration TEXT NOT NULL DEFAULT '',"
	" confidentiality TEXT NOT NULL DEFAULT '',"
	" communication TEXT NOT NULL DEFAULT '',"
	" other TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER NOT NULL"
	");"
	"CREATE TABLE agreement_version ("
	" id INTEGER PRIMARY KEY,"
	" mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)"
	" ON DELETE CASCADE,"
	" number INTEGER NOT NULL,"
	" author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" goals TEXT NOT NULL,"
	" rhythm TEXT NOT NULL,"
	" duration TEXT NOT NULL,"
	" confidentiality TEXT NOT NULL,"
	" communication TEXT NOT NULL,"
	" other TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending',"
	" 'approved', 'changes-requested', 'superseded')),"
	" submitted_at INTEGER NOT NULL,"
	" decided_at INTEGER,"
	" UNIQUE (mentorship_id, number)"
	");"
	"CREATE TABLE agreement_comment ("
	" id INTEGER PRIMARY KEY,"
	" mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)"
	" ON DELETE CASCADE,"
	" version INTEGER NOT NULL,"
	" author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" body TEXT NOT NULL,"
	" at INTEGER NOT NULL"
	");"
	"CREATE INDEX agreement_comment_mentorship ON agreement_comment"
	" (mentorship_id, id);"
	"CREATE TABLE mentorship_feedback ("
	" id INTEGER PRIMARY KEY,"
	" mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)"
	" ON DELETE CASCADE,"
	" author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),"
	" body TEXT NOT NULL,"
	" at INTEGER NOT NULL"
	");"
	"CREATE TABLE certificate ("
	" id INTEGER PRIMARY KEY,"
	" mentorship_id INTEGER NOT NULL REFERENCES mentorship(id),"
	" user_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),"
	" code TEXT NOT NULL UNIQUE,"
	" full_name TEXT NOT NULL,"
	" mentor_display TEXT NOT NULL,"
	" mentee_display TEXT NOT NULL,"
	" area TEXT NOT NULL,"
	" started_at INTEGER NOT NULL,"
	" official_since INTEGER,"
	" ended_at INTEGER NOT NULL,"
	" version INTEGER,"
	" sha256 TEXT,"
	" issued_at INTEGER NOT NULL,"
	" UNIQUE (mentorship_id, role)"
	");",
	/* 6 -> 7: the console (issue 16): bans, logins, who is active, kicks,
	 * announcements, support, reports, blocks, a mentorship ended by the
	 * team. */
	"ALTER TABLE user ADD COLUMN banned_at INTEGER;"
	"ALTER TABLE user ADD COLUMN ban_reason TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE session ADD COLUMN active_at INTEGER;"
	"ALTER TABLE session ADD COLUMN kicked TEXT;"
	"ALTER TABLE mentorship ADD COLUMN ended_by INTEGER REFERENCES user(id)"
	" ON DELETE SET NULL;"
	"ALTER TABLE mentorship ADD COLUMN end_reason TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE login ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	" at INTEGER NOT NULL,"
	" remote_addr TEXT NOT NULL,"
	" method TEXT NOT NULL CHECK (method IN ('password', 'key', 'local'))"
	");"
	"CREATE INDEX login_at ON login (at);"
	"CREATE INDEX login_user ON login (user_id, at);"
	"CREATE TABLE announcement ("
	" id INTEGER PRIMARY KEY,"
	" author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" body TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" until INTEGER NOT NULL"
	");"
	"CREATE TABLE support_thread ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,"
	" subject TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'open'"
	" CHECK (state IN ('open', 'answered', 'closed')),"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX support_thread_state ON support_thread (state, updated_at);"
	"CREATE TABLE support_message ("
	" id INTEGER PRIMARY KEY,"
	" thread_id INTEGER NOT NULL REFERENCES support_thread(id)"
	" ON DELETE CASCADE,"
	" author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" from_team INTEGER NOT NULL CHECK (from_team IN (0, 1)),"
	" body TEXT NOT NULL,"
	" at INTEGER NOT NULL"
	");"
	"CREATE INDEX support_message_thread ON support_message (thread_id, id);"
	"CREATE TABLE report ("
	" id INTEGER PRIMARY KEY,"
	" reporter_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" subject_id INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	" chat_line_id INTEGER REFERENCES chat_line(id) ON DELETE SET NULL,"
	" reason TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'warned',"
	" 'banned', 'dismissed')),"
	" created_at INTEGER NOT NULL,"
	" decided_at INTEGER,"
	" decided_by INTEGER REFERENCES user(id) ON DELETE SET NULL"
	");"
	"CREATE INDEX report_state ON report (state, created_at);"
	"CREATE TABLE block ("
	" user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	" blocked_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	" created_at INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, blocked_id)"
	") WITHOUT ROWID;",
	/* 7 -> 8: a session's id is never used again (AUTOINCREMENT), so
	 * that the team's kick by id cannot end a newer session that took
	 * the id of one that ended. */
	"CREATE TABLE session_8 ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" token_hash BLOB NOT NULL UNIQUE,"
	" user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,"
	" remote_addr TEXT NOT NULL,"
	" pid INTEGER NOT NULL,"
	" started_at INTEGER NOT NULL,"
	" claimed INTEGER NOT NULL DEFAULT 0,"
	" active_at INTEGER,"
	" kicked TEXT"
	");"
	"INSERT INTO session_8 SELECT id, token_hash, user_id, remote_addr,"
	" pid, started_at, claimed, active_at, kicked FROM session;"
	"DROP TABLE session;"
	"ALTER TABLE session_8 RENAME TO session;",
	/* 8 -> 9: the plain mode, a member's setting (issue 18). */
	"ALTER TABLE user ADD COLUMN plain_mode INTEGER NOT NULL DEFAULT 0"
	" CHECK (plain_mode IN (0, 1));",
	/* 9 -> 10: German (issue 18, "German"): each member's language, the
	 * German names of the lists (the seeded ones filled in), unique where
	 * set.  store_migrate then rewrites the search index, whose text is
	 * folded since (search_fold). */
	"ALTER TABLE user ADD COLUMN language TEXT NOT NULL DEFAULT 'en'"
	" CHECK (language IN ('en', 'de'));"
	"ALTER TABLE field_of_study ADD COLUMN name_de TEXT NOT NULL"
	" DEFAULT '';"
	"ALTER TABLE area ADD COLUMN name_de TEXT NOT NULL DEFAULT '';"
	"CREATE UNIQUE INDEX field_of_study_name_de ON field_of_study"
	" (name_de COLLATE NOCASE) WHERE name_de != '';"
	"CREATE UNIQUE INDEX area_name_de ON area (name_de COLLATE NOCASE)"
	" WHERE name_de != '';"
	"UPDATE field_of_study SET name_de = CASE name"
	" WHEN 'Architecture' THEN 'Architektur'"
	" WHEN 'Biology' THEN 'Biologie'"
	" WHEN 'Business Administration' THEN 'Betriebswirtschaft'"
	" WHEN 'Chemistry' THEN 'Chemie'"
	" WHEN 'Civil Engineering' THEN 'Bauingenieurwesen'"
	" WHEN 'Communication Studies' THEN 'Kommunikationswissenschaft'"
	" WHEN 'Computer Science' THEN 'Informatik'"
	" WHEN 'Economics' THEN 'Volkswirtschaft'"
	" WHEN 'Education' THEN 'Erziehungswissenschaft'"
	" WHEN 'Electrical Engineering' THEN 'Elektrotechnik'"
	" WHEN 'English Studies' THEN 'Anglistik'"
	" WHEN 'Environmental Science' THEN 'Umweltwissenschaften'"
	" WHEN 'Geography' THEN 'Geographie'"
	" WHEN 'German Studies' THEN 'Germanistik'"
	" WHEN 'History' THEN 'Geschichte'"
	" WHEN 'Industrial Engineering' THEN 'Wirtschaftsingenieurwesen'"
	" WHEN 'Law' THEN 'Rechtswissenschaften'"
	" WHEN 'Linguistics' THEN 'Sprachwissenschaft'"
	" WHEN 'Mathematics' THEN 'Mathematik'"
	" WHEN 'Mechanical Engineering' THEN 'Maschinenbau'"
	" WHEN 'Media Studies' THEN 'Medienwissenschaft'"
	" WHEN 'Medicine' THEN 'Medizin'"
	" WHEN 'Music' THEN 'Musik'"
	" WHEN 'Nursing' THEN 'Pflegewissenschaft'"
	" WHEN 'Pharmacy' THEN 'Pharmazie'"
	" WHEN 'Philosophy' THEN 'Philosophie'"
	" WHEN 'Physics' THEN 'Physik'"
	" WHEN 'Political Science' THEN 'Politikwissenschaft'"
	" WHEN 'Psychology' THEN 'Psychologie'"
	" WHEN 'Social Work' THEN 'Soziale Arbeit'"
	" WHEN 'Sociology' THEN 'Soziologie'"
	" WHEN 'Sports Science' THEN 'Sportwissenschaft'"
	" WHEN 'Statistics' THEN 'Statistik'"
	" WHEN 'Theology' THEN 'Theologie'"
	" WHEN 'Veterinary Medicine' THEN 'Veterinärmedizin'"
	" ELSE '' END;"
	"UPDATE area SET name_de = CASE name"
	" WHEN 'Career entry' THEN 'Berufseinstieg'"
	" WHEN 'Career change' THEN 'Berufswechsel'"
	" WHEN 'Self-employment and founding' THEN 'Selbstständigkeit und Gründung'"
	" WHEN 'Leadership' THEN 'Führung'"
	" WHEN 'Academic career' THEN 'Wissenschaftliche Laufbahn'"
	" WHEN 'Working abroad' THEN 'Arbeiten im Ausland'"
	" WHEN 'Job applications' THEN 'Bewerbungen'"
	" WHEN 'Work-life balance' THEN 'Vereinbarkeit von Beruf und Privatleben'"
	" ELSE '' END;",
	/* 10 -> 11: mail goes out through a queue (issue 19). */
	"CREATE TABLE mail_queue ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,"
	" code_id INTEGER REFERENCES code(id) ON DELETE SET NULL,"
	" queued_at INTEGER NOT NULL,"
	" next_try_at INTEGER NOT NULL,"
	" failures INTEGER NOT NULL DEFAULT 0,"
	" message BLOB NOT NULL);"
	"CREATE INDEX mail_queue_due ON mail_queue (next_try_at);",
	/* 11 -> 12: the search index with prefix indexes of 1 to 12 letters
	 * (issue 20), its rows copied as they are. */
	"CREATE TEMP TABLE mentor_search_copy AS SELECT rowid AS id,"
	" first_name, fields, areas, industry, position, help_text,"
	" languages, tags FROM mentor_search;"
	"DROP TABLE mentor_search;"
	"CREATE VIRTUAL TABLE mentor_search USING fts5 ("
	" first_name, fields, areas, industry, position, help_text, languages,"
	" tags,"
	" tokenize = 'unicode61 remove_diacritics 2',"
	" prefix = '1 2 3 4 5 6 7 8 9 10 11 12'"
	");"
	"INSERT INTO mentor_search (rowid, first_name, fields, areas, industry,"
	" position, help_text, languages, tags) SELECT * FROM"
	" mentor_search_copy ORDER BY id;"
	"DROP TABLE mentor_search_copy;",
};

#define STORE_SCHEMA_VERSION ((int)nitems(store_migrations))
/* The version whose search index holds folded text (fold.h). */
#define STORE_SCHEMA_FOLDED_SEARCH 10

int
store_schema_latest(void)
{
	return STORE_SCHEMA_VERSION;
}

int
store_schema_version(struct store *st, int *version)
{
	int64_t v = 0;
	int rc;

	rc = store_ints(st, __func__, "PRAGMA user_version", &v, 1, "");
	if (rc != 0)
		return rc;
	*version = (int)v;
	return 0;
}

/* Run a script of several statements inside the open transaction. */
static int
store_run_script(struct store *st, const char *sql)
{
	char *errmsg = NULL;
	int rc;

	rc = sqlite3_exec(st->db, sql, NULL, NULL, &errmsg);
	if (rc != SQLITE_OK) {
		log_error("schema script failed: %s",
		    errmsg != NULL ? errmsg : sqlite3_errstr(rc));
		sqlite3_free(errmsg);
		return MB_ERR_DB;
	}
	return 0;
}

int
store_migrate(struct store *st)
{
	char pragma[64];
	int rc, version = 0;

	rc = store_schema_version(st, &version);
	if (rc != 0)
		return rc;
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (version > STORE_SCHEMA_VERSION) {
		log_error("database has schema version %d; this program "
			  "knows up to %d: refusing to touch it",
		    version, STORE_SCHEMA_VERSION);
		return MB_ERR_VERSION;
	}
	rc = store_begin(st);
	if (rc != 0)
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	rc = store_schema_version(st, &version);
	if (rc != 0)
		goto fail;
	if (version == 0) {
		rc = store_run_script(st, store_schema_sql);
		if (rc != 0)
			goto fail;
		version = STORE_SCHEMA_VERSION;
		log_info("created database schema version %d", version);
	}
	for (; version < STORE_SCHEMA_VERSION; version++) {
		rc = store_run_script(st, store_migrations[version]);
		if (rc != 0)
			goto fail;
		/* 9 -> 10 folds the search text: every row written anew. */
		if (version == STORE_SCHEMA_FOLDED_SEARCH - 1)
			rc = store_search_rewrite_all(st);
		if (rc != 0)
			goto fail;
		log_info("migrated database to schema version %d", version + 1);
	}
	(void)snprintf(
	    pragma, sizeof(pragma), "PRAGMA user_version = %d", version);
	rc = store_run_script(st, pragma);
	if (rc != 0)
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return rc;
}
