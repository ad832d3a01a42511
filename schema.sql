-- Mentorboard: the whole schema, the one source of truth.  It is built into
-- the binaries; a new database is created from it.  A change to it comes
-- with a numbered forward migration in common/store_migrate.c and a higher
-- schema version there.
--
-- Times are Unix seconds (UTC).  Secrets are never stored in plain text:
-- passwords as argon2id strings, codes and tokens as keyed hashes.

-- The board's own values by name: dummy_password_hash, the argon2id hash of a
-- random password nobody knows, that logins without a real hash are checked
-- against (account_dummy_hash).
CREATE TABLE setting (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Registered members.  Only first name and fields of study are shown to
-- other users; the surname only as its initial ("Anna K.").
CREATE TABLE user (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL,
	password_hash TEXT,
	verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
	is_sysop INTEGER NOT NULL DEFAULT 0 CHECK (is_sysop IN (0, 1)),
	is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
	consent_at INTEGER,
	created_at INTEGER NOT NULL,
	-- A member of the alumni community since (an access code redeemed).
	member_since INTEGER,
	-- Mail me notifications I have not read while I am away (1) or not.
	notify_mail INTEGER NOT NULL DEFAULT 1 CHECK (notify_mail IN (0, 1)),
	-- Times are shown to me in this zone (a tz database name).
	time_zone TEXT NOT NULL DEFAULT 'Europe/Vienna',
	-- Banned by the team (logins refused with the reason) since.
	banned_at INTEGER,
	ban_reason TEXT NOT NULL DEFAULT '',
	-- Full screens as plain lines, for screen readers (1) or not.
	plain_mode INTEGER NOT NULL DEFAULT 0 CHECK (plain_mode IN (0, 1)),
	-- The language the board speaks to me, on screen and in mail.
	language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'de'))
);

-- Fields of study and areas of help: lists the sysop keeps.  A retired
-- entry stays on profiles but cannot be chosen anew.  name is English;
-- name_de the German name ('' for none: German then shows name).
CREATE TABLE field_of_study (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
	name_de TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX field_of_study_name_de ON field_of_study
	(name_de COLLATE NOCASE) WHERE name_de != '';

CREATE TABLE user_field (
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	field_id INTEGER NOT NULL REFERENCES field_of_study(id),
	PRIMARY KEY (user_id, field_id)
) WITHOUT ROWID;

CREATE TABLE area (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
	name_de TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX area_name_de ON area (name_de COLLATE NOCASE)
	WHERE name_de != '';

-- Per area of help, a member may act as mentor, as mentee, or both.
CREATE TABLE user_role (
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	area_id INTEGER NOT NULL REFERENCES area(id),
	role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
	PRIMARY KEY (user_id, area_id, role)
) WITHOUT ROWID;
CREATE INDEX user_role_area ON user_role (area_id, role);

CREATE TABLE mentor_profile (
	user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
	help_text TEXT NOT NULL DEFAULT '',
	industry TEXT NOT NULL DEFAULT '',
	position TEXT NOT NULL DEFAULT '',
	languages TEXT NOT NULL DEFAULT '',
	capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 0),
	available INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
	updated_at INTEGER NOT NULL DEFAULT 0
);

-- The mentee's application: the four sections of the founding document.
CREATE TABLE application (
	user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
	my_data TEXT NOT NULL DEFAULT '',
	situation TEXT NOT NULL DEFAULT '',
	goals TEXT NOT NULL DEFAULT '',
	help_wished TEXT NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL DEFAULT 0
);

-- The CV, a JPEG with its metadata stripped.
CREATE TABLE cv (
	user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
	jpeg BLOB NOT NULL,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL,
	uploaded_at INTEGER NOT NULL
);

CREATE TABLE ssh_key (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	key_type TEXT NOT NULL,
	key_base64 TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	comment TEXT NOT NULL DEFAULT '',
	added_at INTEGER NOT NULL,
	UNIQUE (key_type, key_base64)
);
CREATE INDEX ssh_key_user ON ssh_key (user_id);

-- One-time codes sent by mail (verification, password reset).
CREATE TABLE code (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
	code_hash BLOB NOT NULL UNIQUE,
	sent_to TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	used_at INTEGER
);
CREATE INDEX code_user ON code (user_id, purpose);

-- Mail on its way: composed, sealed with a key derived from the board key
-- (a reset code is a secret), sent by the housekeeping and then deleted.
-- code_id: the code the mail carries, made the only live one of its
-- purpose once the mail went out (until then the earlier one works too).
CREATE TABLE mail_queue (
	id INTEGER PRIMARY KEY,
	user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,
	code_id INTEGER REFERENCES code(id) ON DELETE SET NULL,
	queued_at INTEGER NOT NULL,
	next_try_at INTEGER NOT NULL,
	failures INTEGER NOT NULL DEFAULT 0,
	message BLOB NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue (next_try_at);

-- Failed logins, per source address and per account, for the growing
-- delay, accounts registered per source address, and wrong access codes
-- per address and per account.  Rows are forgotten after a quiet period.
CREATE TABLE auth_failure (
	scope TEXT NOT NULL CHECK (scope IN ('addr', 'user', 'register',
		'redeem-addr', 'redeem-user')),
	subject TEXT NOT NULL,
	failures INTEGER NOT NULL,
	last_at INTEGER NOT NULL,
	PRIMARY KEY (scope, subject)
) WITHOUT ROWID;

-- Who is connected.  The session process writes the row; the UI process
-- claims it once with the token it was handed.  user_id is NULL for guests.
-- An id is never used again: the team ends a session by its id.
CREATE TABLE session (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	token_hash BLOB NOT NULL UNIQUE,
	user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,
	remote_addr TEXT NOT NULL,
	pid INTEGER NOT NULL,
	started_at INTEGER NOT NULL,
	claimed INTEGER NOT NULL DEFAULT 0,
	-- The last key pressed, for the team's list of who is online.
	active_at INTEGER,
	-- The team ended this session, with these words (shown as it ends).
	kicked TEXT
);

-- News for a member, written in the transaction of the change it tells
-- about; the member's sessions are woken when it commits.  kind names what
-- happened (common/notify.c renders it), actor who did it (shown as
-- "Anna K."), object what it is about (a request, a chat), body words of
-- the change (a reason, a message).  mailed_at: in a digest mail already,
-- or never to be mailed.
CREATE TABLE notification (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	read_at INTEGER,
	actor_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	object_id INTEGER NOT NULL DEFAULT 0,
	mailed_at INTEGER
);
CREATE INDEX notification_unread ON notification (user_id, read_at);
CREATE INDEX notification_unmailed ON notification (mailed_at, created_at)
	WHERE mailed_at IS NULL AND read_at IS NULL;

-- Digest mails of notifications to members who are away: when the last
-- went out, and when to try again after a mail command failed.
CREATE TABLE mail_digest (
	user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
	last_sent_at INTEGER NOT NULL DEFAULT 0,
	next_try_at INTEGER NOT NULL DEFAULT 0,
	failures INTEGER NOT NULL DEFAULT 0
);

-- Requests to join the alumni community (or, already a member, for the
-- access code), in the mentoring team's queue.  The latest per member is
-- their status; a declined member may ask again.
CREATE TABLE membership_request (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	already_member INTEGER NOT NULL CHECK (already_member IN (0, 1)),
	programme TEXT NOT NULL,
	graduation_year INTEGER NOT NULL,
	relation TEXT NOT NULL
		CHECK (relation IN ('student', 'graduate', 'staff', 'other')),
	message TEXT NOT NULL DEFAULT '',
	consent_at INTEGER NOT NULL,
	state TEXT NOT NULL DEFAULT 'open'
		CHECK (state IN ('open', 'approved', 'declined')),
	requested_at INTEGER NOT NULL,
	decided_at INTEGER,
	reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX membership_request_user ON membership_request (user_id, id);
CREATE INDEX membership_request_state ON membership_request (state, id);

-- Access codes: one redeemed makes a member of the alumni community.
-- Bound to one account (user_id) or open (NULL, handed out on paper);
-- single use, expiring, revocable; stored only as a keyed hash.
CREATE TABLE access_code (
	id INTEGER PRIMARY KEY,
	code_hash BLOB NOT NULL UNIQUE,
	user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,
	request_id INTEGER REFERENCES membership_request(id) ON DELETE SET NULL,
	issued_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_by INTEGER REFERENCES user(id) ON DELETE SET NULL,
	used_at INTEGER,
	revoked_at INTEGER
);

-- A mentoring request and, once the mentor accepts it, the mentorship it
-- becomes: one row, one id, through the states of common/request.c.
-- mentee_id and mentor_id become NULL when a member is erased; the other
-- side's record stays.
CREATE TABLE mentorship (
	id INTEGER PRIMARY KEY,
	mentee_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	mentor_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	area_id INTEGER NOT NULL REFERENCES area(id),
	state TEXT NOT NULL CHECK (state IN ('open', 'connected', 'declined',
		'withdrawn', 'expired', 'official', 'ended')),
	message TEXT NOT NULL DEFAULT '',
	sent_at INTEGER NOT NULL,
	decided_at INTEGER,
	reply TEXT NOT NULL DEFAULT '',
	decline_reason TEXT NOT NULL DEFAULT '',
	reminders INTEGER NOT NULL DEFAULT 0,
	official_since INTEGER,
	ended_at INTEGER,
	-- Who ended it (the team: a sysop, with its reason).
	ended_by INTEGER REFERENCES user(id) ON DELETE SET NULL,
	end_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mentorship_mentor ON mentorship (mentor_id, state);
CREATE INDEX mentorship_mentee ON mentorship (mentee_id, state);
CREATE INDEX mentorship_state ON mentorship (state, sent_at);

-- The chat of a mentorship: lines as typed (sanitised only when shown),
-- and lines the board writes for meetings proposed and answered.
CREATE TABLE chat_line (
	id INTEGER PRIMARY KEY,
	mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)
		ON DELETE CASCADE,
	author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	kind TEXT NOT NULL DEFAULT 'text'
		CHECK (kind IN ('text', 'meeting')),
	body TEXT NOT NULL,
	meeting_id INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
	at INTEGER NOT NULL
);
CREATE INDEX chat_line_mentorship ON chat_line (mentorship_id, id);

-- Where each of the two left off reading a chat.
CREATE TABLE chat_read (
	mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)
		ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	last_read_id INTEGER NOT NULL,
	PRIMARY KEY (mentorship_id, user_id)
) WITHOUT ROWID;

-- Meetings of a mentorship: proposed by one, answered by the other.
CREATE TABLE meeting (
	id INTEGER PRIMARY KEY,
	mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)
		ON DELETE CASCADE,
	proposer_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	starts_at INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	place TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'proposed'
		CHECK (state IN ('proposed', 'accepted', 'declined')),
	created_at INTEGER NOT NULL,
	answered_at INTEGER
);
CREATE INDEX meeting_mentorship ON meeting (mentorship_id, starts_at);

-- The mentoring agreement of a mentorship.  The mentee's draft, one row,
-- saved as typed; every submitted text a version, kept for good.
CREATE TABLE agreement_draft (
	mentorship_id INTEGER PRIMARY KEY REFERENCES mentorship(id)
		ON DELETE CASCADE,
	goals TEXT NOT NULL DEFAULT '',
	rhythm TEXT NOT NULL DEFAULT '',
	duration TEXT NOT NULL DEFAULT '',
	confidentiality TEXT NOT NULL DEFAULT '',
	communication TEXT NOT NULL DEFAULT '',
	other TEXT NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL
);

-- A version: pending until the mentor approves it or asks for changes,
-- superseded when a newer one is submitted first.  The newest approved
-- version is in force.  sha256 is of the text as agreement_render makes it.
CREATE TABLE agreement_version (
	id INTEGER PRIMARY KEY,
	mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)
		ON DELETE CASCADE,
	number INTEGER NOT NULL,
	author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	goals TEXT NOT NULL,
	rhythm TEXT NOT NULL,
	duration TEXT NOT NULL,
	confidentiality TEXT NOT NULL,
	communication TEXT NOT NULL,
	other TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending',
		'approved', 'changes-requested', 'superseded')),
	submitted_at INTEGER NOT NULL,
	decided_at INTEGER,
	UNIQUE (mentorship_id, number)
);

-- What the mentor asks to change (about a version, or the one in force).
CREATE TABLE agreement_comment (
	id INTEGER PRIMARY KEY,
	mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)
		ON DELETE CASCADE,
	version INTEGER NOT NULL,
	author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	body TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX agreement_comment_mentorship ON agreement_comment
	(mentorship_id, id);

-- Feedback to the mentoring team when a mentorship ends; never shown to
-- the other of the two.
CREATE TABLE mentorship_feedback (
	id INTEGER PRIMARY KEY,
	mentorship_id INTEGER NOT NULL REFERENCES mentorship(id)
		ON DELETE CASCADE,
	author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
	body TEXT NOT NULL,
	at INTEGER NOT NULL
);

-- Certificates of ended mentorships, one for each of the two.  What they
-- say is copied here, so that they stay true and checkable whatever
-- happens to the accounts.  The code (ACCESS_CODE_CHARS, canonical) is
-- what a holder hands out for anyone to check; it proves nothing more.
CREATE TABLE certificate (
	id INTEGER PRIMARY KEY,
	mentorship_id INTEGER NOT NULL REFERENCES mentorship(id),
	user_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
	code TEXT NOT NULL UNIQUE,
	full_name TEXT NOT NULL,
	mentor_display TEXT NOT NULL,
	mentee_display TEXT NOT NULL,
	area TEXT NOT NULL,
	started_at INTEGER NOT NULL,
	official_since INTEGER,
	ended_at INTEGER NOT NULL,
	version INTEGER,
	sha256 TEXT,
	issued_at INTEGER NOT NULL,
	UNIQUE (mentorship_id, role)
);

-- Logins, for the member's own export and the team's dashboard; kept
-- for login_retention_days.
CREATE TABLE login (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	at INTEGER NOT NULL,
	remote_addr TEXT NOT NULL,
	method TEXT NOT NULL CHECK (method IN ('password', 'key', 'local'))
);
CREATE INDEX login_at ON login (at);
CREATE INDEX login_user ON login (user_id, at);

-- Announcements of the team: shown at login until a date, pushed live.
CREATE TABLE announcement (
	id INTEGER PRIMARY KEY,
	author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	body TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	until INTEGER NOT NULL
);

-- Members' questions to the mentoring team, and the replies.
CREATE TABLE support_thread (
	id INTEGER PRIMARY KEY,
	user_id INTEGER REFERENCES user(id) ON DELETE CASCADE,
	subject TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open'
		CHECK (state IN ('open', 'answered', 'closed')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX support_thread_state ON support_thread (state, updated_at);

CREATE TABLE support_message (
	id INTEGER PRIMARY KEY,
	thread_id INTEGER NOT NULL REFERENCES support_thread(id)
		ON DELETE CASCADE,
	author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	from_team INTEGER NOT NULL CHECK (from_team IN (0, 1)),
	body TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX support_message_thread ON support_message (thread_id, id);

-- Reports of a person (or of one chat line of theirs) to the team.
CREATE TABLE report (
	id INTEGER PRIMARY KEY,
	reporter_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	subject_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	chat_line_id INTEGER REFERENCES chat_line(id) ON DELETE SET NULL,
	reason TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'warned',
		'banned', 'dismissed')),
	created_at INTEGER NOT NULL,
	decided_at INTEGER,
	decided_by INTEGER REFERENCES user(id) ON DELETE SET NULL
);
CREATE INDEX report_state ON report (state, created_at);

-- A member blocks another: no requests, no chat lines from them.
CREATE TABLE block (
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	blocked_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, blocked_id)
) WITHOUT ROWID;

-- What was done to whom, for the mentoring team: who read an
-- application or a CV, sysop actions, security events.  Only appended.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	action TEXT NOT NULL,
	subject_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	object_id INTEGER NOT NULL DEFAULT 0,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit (at);

-- Search over mentors: one row per mentor (rowid = user id), kept by the
-- store as profiles change.  Never holds surname, e-mail or username.
-- The text columns are for matching only: folded as typed words are
-- (search_fold, common/fold.h: "Sören" is "soeren soren"), with the
-- fields and areas in both languages; results are read from the tables.
-- tags holds what the filters select by, as words typed text never
-- reaches: "a12" per area mentored in, "f7" per field of study, "open"
-- when new mentees are welcome.  Every typed word is a prefix ("engin"*):
-- prefix indexes of 1 to 12 letters make each such word one list to read,
-- newest first, rather than the lists of every word it begins merged.
CREATE VIRTUAL TABLE mentor_search USING fts5 (
	first_name, fields, areas, industry, position, help_text, languages,
	tags,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5 6 7 8 9 10 11 12'
);

INSERT INTO field_of_study (name, name_de) VALUES
	('Architecture', 'Architektur'),
	('Biology', 'Biologie'),
	('Business Administration', 'Betriebswirtschaft'),
	('Chemistry', 'Chemie'),
	('Civil Engineering', 'Bauingenieurwesen'),
	('Communication Studies', 'Kommunikationswissenschaft'),
	('Computer Science', 'Informatik'),
	('Economics', 'Volkswirtschaft'),
	('Education', 'Erziehungswissenschaft'),
	('Electrical Engineering', 'Elektrotechnik'),
	('English Studies', 'Anglistik'),
	('Environmental Science', 'Umweltwissenschaften'),
	('Geography', 'Geographie'),
	('German Studies', 'Germanistik'),
	('History', 'Geschichte'),
	('Industrial Engineering', 'Wirtschaftsingenieurwesen'),
	('Law', 'Rechtswissenschaften'),
	('Linguistics', 'Sprachwissenschaft'),
	('Mathematics', 'Mathematik'),
	('Mechanical Engineering', 'Maschinenbau'),
	('Media Studies', 'Medienwissenschaft'),
	('Medicine', 'Medizin'),
	('Music', 'Musik'),
	('Nursing', 'Pflegewissenschaft'),
	('Pharmacy', 'Pharmazie'),
	('Philosophy', 'Philosophie'),
	('Physics', 'Physik'),
	('Political Science', 'Politikwissenschaft'),
	('Psychology', 'Psychologie'),
	('Social Work', 'Soziale Arbeit'),
	('Sociology', 'Soziologie'),
	('Sports Science', 'Sportwissenschaft'),
	('Statistics', 'Statistik'),
	('Theology', 'Theologie'),
	('Veterinary Medicine', 'Veterinärmedizin');

INSERT INTO area (name, name_de) VALUES
	('Career entry', 'Berufseinstieg'),
	('Career change', 'Berufswechsel'),
	('Self-employment and founding', 'Selbstständigkeit und Gründung'),
	('Leadership', 'Führung'),
	('Academic career', 'Wissenschaftliche Laufbahn'),
	('Working abroad', 'Arbeiten im Ausland'),
	('Job applications', 'Bewerbungen'),
	('Work-life balance', 'Vereinbarkeit von Beruf und Privatleben');
