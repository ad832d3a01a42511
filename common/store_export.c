/*
 * store_export: everything the board holds about one member, as the
 * sections of their export (common/export.c).  Other people appear only as
 * everyone sees them (display_name), never with their registration data.
 * Not here: password hashes, code and token hashes, reports about them.
 */
#include "error.h"
#include "json.h"
#include "store_internal.h"

/* One section: a key and the rows of its statement (bound to the user). */
struct store_export_section {
	const char *key;
	int one; /* an object (or null), not an array */
	const char *sql; /* ?1 is the member's id */
};

static const struct store_export_section store_export_sections[] = {
	{ "account", 1,
	    "SELECT id, username, email, first_name, last_name, verified, "
	    "is_sysop AS sysop, created_at, consent_at AS privacy_consent_at, "
	    "member_since, notify_mail AS mail_when_away, time_zone, "
	    "password_hash IS NOT NULL AS has_password, banned_at, ban_reason, "
	    "plain_mode FROM user WHERE id = ?1" },
	{ "fields_of_study", 0,
	    "SELECT f.name FROM user_field uf JOIN field_of_study f ON f.id = "
	    "uf.field_id WHERE uf.user_id = ?1 ORDER BY f.name" },
	{ "roles", 0,
	    "SELECT a.name AS area, r.role FROM user_role r JOIN area a ON "
	    "a.id = r.area_id WHERE r.user_id = ?1 ORDER BY a.name, r.role" },
	{ "mentor_profile", 1,
	    "SELECT help_text, industry, position, languages, capacity, "
	    "available, updated_at FROM mentor_profile WHERE user_id = ?1" },
	{ "application", 1,
	    "SELECT my_data, situation, goals, help_wished AS help, updated_at "
	    "FROM application WHERE user_id = ?1" },
	{ "cv", 1,
	    "SELECT width, height, uploaded_at, length(jpeg) AS bytes, jpeg AS "
	    "jpeg_base64 FROM cv WHERE user_id = ?1" },
	{ "ssh_keys", 0,
	    "SELECT key_type, fingerprint, comment, added_at FROM ssh_key WHERE "
	    "user_id = ?1 ORDER BY id" },
	{ "membership_requests", 0,
	    "SELECT id, already_member, programme, graduation_year, relation, "
	    "message, consent_at, state, requested_at, decided_at, reason "
	    "FROM membership_request WHERE user_id = ?1 ORDER BY id" },
	{ "requests_and_mentorships", 0,
	    "SELECT m.id, CASE WHEN m.mentor_id = ?1 THEN 'mentor' ELSE "
	    "'mentee' END AS role, CASE WHEN m.mentor_id = ?1 THEN "
	    "display_name(e.first_name, e.last_name) ELSE "
	    "display_name(r.first_name, r.last_name) END AS other, a.name AS "
	    "area, m.state, m.message, m.reply, m.decline_reason, m.sent_at, "
	    "m.decided_at, m.official_since, m.ended_at FROM mentorship m "
	    "JOIN area a ON a.id = m.area_id LEFT JOIN user e ON e.id = "
	    "m.mentee_id LEFT JOIN user r ON r.id = m.mentor_id WHERE "
	    "m.mentee_id = ?1 OR m.mentor_id = ?1 ORDER BY m.id" },
	{ "chat_lines", 0,
	    "SELECT c.id, c.mentorship_id AS chat, CASE WHEN c.author_id = ?1 "
	    "THEN 'you' ELSE display_name(u.first_name, u.last_name) END AS "
	    "author, c.kind, c.body AS text, c.at FROM chat_line c JOIN "
	    "mentorship m ON m.id = c.mentorship_id LEFT JOIN user u ON u.id "
	    "= c.author_id WHERE m.mentee_id = ?1 OR m.mentor_id = ?1 ORDER BY "
	    "c.id" },
	{ "meetings", 0,
	    "SELECT t.id, t.mentorship_id AS chat, t.proposer_id = ?1 AS "
	    "proposed_by_you, t.starts_at, t.minutes, t.place, t.state, "
	    "t.created_at, t.answered_at FROM meeting t JOIN mentorship m ON "
	    "m.id = t.mentorship_id WHERE m.mentee_id = ?1 OR m.mentor_id = "
	    "?1 ORDER BY t.id" },
	{ "agreement_versions", 0,
	    "SELECT v.mentorship_id, v.number, v.author_id = ?1 AS by_you, "
	    "v.goals, v.rhythm, v.duration, v.confidentiality, "
	    "v.communication, v.other, v.sha256, v.state, v.submitted_at, "
	    "v.decided_at FROM agreement_version v JOIN mentorship m ON m.id = "
	    "v.mentorship_id WHERE m.mentee_id = ?1 OR m.mentor_id = ?1 ORDER "
	    "BY v.mentorship_id, v.number" },
	{ "agreement_drafts", 0,
	    "SELECT d.mentorship_id, d.goals, d.rhythm, d.duration, "
	    "d.confidentiality, d.communication, d.other, d.updated_at FROM "
	    "agreement_draft d JOIN mentorship m ON m.id = d.mentorship_id "
	    "WHERE m.mentee_id = ?1" },
	{ "feedback_given", 0,
	    "SELECT mentorship_id, role, body AS text, at FROM "
	    "mentorship_feedback WHERE author_id = ?1 ORDER BY id" },
	{ "certificates", 0,
	    "SELECT mentorship_id, role, full_name, mentor_display, "
	    "mentee_display, area, started_at, official_since, ended_at, "
	    "version, sha256, issued_at, code FROM certificate WHERE user_id = "
	    "?1 ORDER BY id" },
	{ "support", 0,
	    "SELECT t.id AS thread, t.subject, t.state, t.created_at, "
	    "s.from_team, s.body AS text, s.at FROM support_thread t JOIN "
	    "support_message s ON s.thread_id = t.id WHERE t.user_id = ?1 "
	    "ORDER BY t.id, s.id" },
	{ "reports_made", 0,
	    "SELECT r.id, display_name(u.first_name, u.last_name) AS about, "
	    "r.chat_line_id, r.reason, r.state, r.created_at FROM report r "
	    "LEFT JOIN user u ON u.id = r.subject_id WHERE r.reporter_id = ?1 "
	    "ORDER BY r.id" },
	{ "blocked", 0,
	    "SELECT display_name(u.first_name, u.last_name) AS person, "
	    "b.created_at FROM block b JOIN user u ON u.id = b.blocked_id "
	    "WHERE b.user_id = ?1" },
	{ "logins", 0,
	    "SELECT at, remote_addr, method FROM login WHERE user_id = ?1 "
	    "ORDER BY id" },
	{ "sessions", 0,
	    "SELECT started_at, remote_addr FROM session WHERE user_id = ?1 "
	    "ORDER BY id" },
};

int
store_export_user(struct store *st, int64_t user_id, struct json *j)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 &&
	     i < sizeof(store_export_sections) /
		     sizeof(store_export_sections[0]);
	     i++) {
		json_key(j, store_export_sections[i].key);
		rc = store_json_rows(st, __func__, store_export_sections[i].sql,
		    j, store_export_sections[i].one, "i", user_id);
	}
	return rc;
}
