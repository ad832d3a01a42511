/* sysop_membership: membership requests and access codes. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "clock.h"
#include "i18n.h"
#include "json.h"
#include "membership.h"
#include "store.h"
#include "sysop.h"
#include "util.h"

static const char *const sysop_request_states[] = { "open", "approved",
	"declined" };

static int
sysop_membership_list(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_membership *rows = NULL;
	char requested[16], decided[16];
	struct json j;
	size_t n = 0, i;

	if (store_membership_list(
		s->board->store, cli_flag(call, "--open"), &rows, &n) != 0)
		return CLI_FAIL;
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
	} else
		(void)fprintf(s->out, "%-6s %-20s %-9s %-10s %-10s %-8s %s\n",
		    "ID", "USERNAME", "STATUS", "REQUESTED", "DECIDED", "KIND",
		    "PROGRAMME");
	for (i = 0; i < n; i++) {
		const struct store_membership *m = &rows[i];

		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", m->id),
				JSON_STR("username", m->username),
				JSON_STR(
				    "status", sysop_request_states[m->state]),
				JSON_INT("requested_at", m->requested_at),
				JSON_TIME("decided_at", m->decided_at),
				JSON_BOOL("already_member", m->already_member),
				JSON_STR("programme", m->programme),
				JSON_INT("graduation_year", m->graduation_year),
				JSON_STR("relation",
				    membership_relation_word(m->relation)),
				JSON_STR("message", m->message),
				JSON_STR("reason", m->reason),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		sysop_date(m->requested_at, requested, sizeof(requested));
		sysop_date(m->decided_at, decided, sizeof(decided));
		(void)fprintf(s->out, "%-6lld %-20s %-9s %-10s %-10s %-8s %s\n",
		    (long long)m->id, m->username,
		    sysop_request_states[m->state], requested, decided,
		    m->already_member ? "member" : "join", m->programme);
	}
	store_membership_rows_free(rows, n);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	return CLI_OK;
}

static int
sysop_membership_approve(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	int64_t id;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (membership_approve(s->board, id, &why) != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_audit(s, "membership-approve", 0, id, "");
	(void)fprintf(s->out,
	    _("approved request %lld; the access code is mailed to the "
	      "member\n"),
	    (long long)id);
	return CLI_OK;
}

static int
sysop_membership_decline(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	int64_t id;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (membership_decline(
		s->board, id, cli_value(call, "--reason"), &why) != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_audit(
	    s, "membership-decline", 0, id, cli_value(call, "--reason"));
	(void)fprintf(s->out,
	    _("declined request %lld; the member is told why\n"),
	    (long long)id);
	return CLI_OK;
}

static int
sysop_codes_issue(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *count_word = cli_value(call, "--count"),
		   *days_word = cli_value(call, "--expires-days"), *why = NULL;
	char(*codes)[ACCESS_CODE_TEXT_MAX] = NULL;
	int64_t *ids = NULL;
	long count = 1, days = 0;
	struct json j;
	int i, rc = CLI_OK;

	if (count_word != NULL)
		rc = cli_number(
		    "--count", count_word, 1, ACCESS_CODES_ISSUE_MAX, &count);
	if (rc == CLI_OK && days_word != NULL)
		rc = cli_number("--expires-days", days_word, 1,
		    ACCESS_CODE_DAYS_MAX, &days);
	if (rc != CLI_OK)
		return rc;
	codes = xcalloc((size_t)count, sizeof(*codes));
	ids = xcalloc((size_t)count, sizeof(*ids));
	if (membership_codes_issue(s->board, (int)count,
		cli_value(call, "--for"), (int)days, codes, ids, &why) != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		rc = CLI_FAIL;
		goto out;
	}
	sysop_audit(s, "codes-issue", 0, ids[0],
	    cli_value(call, "--for") != NULL ? cli_value(call, "--for") : "");
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
	}
	for (i = 0; i < count; i++) {
		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", ids[i]),
				JSON_STR("code", codes[i]),
			};
			json_object(&j, f, nitems(f));
		} else
			(void)fprintf(
			    s->out, "%lld\t%s\n", (long long)ids[i], codes[i]);
	}
	if (call->json) {
		json_array_end(&j);
		rc = json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	if (!call->json)
		(void)fprintf(s->err,
		    cli_value(call, "--for") != NULL ?
			_("mentord: %ld code(s) for %s; they cannot be shown "
			  "again\n") :
			_("mentord: %ld code(s), open; they cannot be shown "
			  "again\n"),
		    count,
		    cli_value(call, "--for") != NULL ?
			cli_value(call, "--for") :
			"");
out:
	sodium_memzero(codes, (size_t)count * sizeof(*codes));
	free(codes);
	free(ids);
	return rc;
}

/* What state a code is in, as the lists say it. */
static const char *
sysop_code_state(const struct store_access_code *c, int64_t now)
{
	if (c->used_by != 0)
		return "used";
	if (c->revoked_at != 0)
		return "revoked";
	if (c->expires_at <= now)
		return "expired";
	return "usable";
}

static int
sysop_codes_list(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	struct store_access_code *rows = NULL;
	char issued[16], expires[16];
	int64_t now = clock_now();
	struct json j;
	size_t n = 0, i;

	if (store_access_code_list(s->board->store, &rows, &n) != 0)
		return CLI_FAIL;
	if (call->json) {
		json_init(&j, s->out);
		json_array_begin(&j);
	} else
		(void)fprintf(s->out, "%-6s %-8s %-20s %-10s %-10s %s\n", "ID",
		    "STATE", "FOR", "ISSUED", "EXPIRES", "REQUEST");
	for (i = 0; i < n; i++) {
		const struct store_access_code *c = &rows[i];

		if (call->json) {
			const struct json_field f[] = {
				JSON_INT("id", c->id),
				JSON_STR("state", sysop_code_state(c, now)),
				JSON_STR("for",
				    c->user_id != 0 ? c->username : NULL),
				JSON_INT("issued_at", c->issued_at),
				JSON_INT("expires_at", c->expires_at),
				JSON_TIME("used_at", c->used_at),
				JSON_TIME("revoked_at", c->revoked_at),
				JSON_TIME("request_id", c->request_id),
			};
			json_object(&j, f, nitems(f));
			continue;
		}
		sysop_date(c->issued_at, issued, sizeof(issued));
		sysop_date(c->expires_at, expires, sizeof(expires));
		(void)fprintf(s->out, "%-6lld %-8s %-20s %-10s %-10s %s%lld\n",
		    (long long)c->id, sysop_code_state(c, now),
		    c->user_id != 0 ? c->username : "(open)", issued, expires,
		    c->request_id != 0 ? "#" : "-", (long long)c->request_id);
	}
	free(rows);
	if (call->json) {
		json_array_end(&j);
		return json_finish(&j) == 0 ? CLI_OK : CLI_FAIL;
	}
	return CLI_OK;
}

static int
sysop_codes_revoke(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *why = NULL;
	int64_t id;
	int rc;

	rc = sysop_id(call->argv[0], &id);
	if (rc != CLI_OK)
		return rc;
	if (membership_code_revoke(s->board, id, &why) != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	sysop_audit(s, "code-revoke", 0, id, "");
	(void)fprintf(s->out, _("revoked code %lld\n"), (long long)id);
	return CLI_OK;
}

static const struct cli_option sysop_membership_list_options[] = {
	{ "--open", NULL, 0 },
	{ 0 },
};

static const struct cli_option sysop_decline_options[] = {
	{ "--reason", "TEXT", CLI_VALUE | CLI_REQUIRED },
	{ 0 },
};

const struct cli_command sysop_membership_subs[] = {
	{ .name = "list",
	    .max_args = 0,
	    .options = sysop_membership_list_options,
	    .summary =
		N_("requests to join the alumni community, oldest first"),
	    .run = sysop_membership_list,
	    .flags = CLI_JSON },
	{ .name = "approve",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("approve: an access code is mailed to the member"),
	    .run = sysop_membership_approve },
	{ .name = "decline",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .options = sysop_decline_options,
	    .summary = N_("decline; the member sees the reason, may ask again"),
	    .run = sysop_membership_decline },
	{ 0 },
};

static const struct cli_option sysop_codes_issue_options[] = {
	{ "--count", "N", CLI_VALUE },
	{ "--for", "USERNAME", CLI_VALUE },
	{ "--expires-days", "D", CLI_VALUE },
	{ 0 },
};

const struct cli_command sysop_codes_subs[] = {
	{ .name = "issue",
	    .max_args = 0,
	    .options = sysop_codes_issue_options,
	    .summary = N_("make access codes, open or for one member; printed "
			  "once"),
	    .run = sysop_codes_issue,
	    .flags = CLI_JSON },
	{ .name = "list",
	    .max_args = 0,
	    .summary = N_("the codes and their state, never the codes"),
	    .run = sysop_codes_list,
	    .flags = CLI_JSON },
	{ .name = "revoke",
	    .args = "ID",
	    .min_args = 1,
	    .max_args = 1,
	    .summary = N_("a code that was not used stops working"),
	    .run = sysop_codes_revoke },
	{ 0 },
};
