/*
 * sysop_erase: the team's erasure of a member (a request under the GDPR
 * made to the team, or an account to be closed), through the same
 * account_erase a member's own "Delete my account" uses.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "erase.h"
#include "i18n.h"
#include "store.h"
#include "sysop.h"

const struct cli_option sysop_user_erase_options[] = {
	{ "--confirm", "USERNAME", CLI_VALUE },
	{ 0 },
};

/*
 * user erase ID|USERNAME --confirm USERNAME: the member's user name typed
 * again, so that a slip of an id erases nobody.  A sysop keeps the flag
 * until another sysop takes it (user sysop ID off), so the team cannot
 * erase its last sysop by accident.
 */
int
sysop_user_erase(void *ctx, const struct cli_call *call)
{
	struct sysop *s = ctx;
	const char *confirm = cli_value(call, "--confirm"), *why = NULL;
	struct store_user u;
	int rc;

	rc = sysop_member(s, call->argv[0], &u);
	if (rc != CLI_OK)
		return rc;
	if (confirm == NULL || strcmp(confirm, u.username) != 0) {
		cli_error(_("to erase %s for good, give --confirm %s"),
		    u.username, u.username);
		return CLI_USAGE;
	}
	if (u.is_sysop) {
		cli_error(_("%s is a sysop: take the flag first "
			    "(user sysop %lld off)"),
		    u.username, (long long)u.id);
		return CLI_FAIL;
	}
	rc = account_erase(s->board, u.id, s->actor_id, &why);
	if (rc != 0) {
		cli_error("%s", why != NULL ? why : _("please try again"));
		return CLI_FAIL;
	}
	/* account_erase wrote the audit row; the log names who did it. */
	sysop_log(s, "erase-account", u.id, 0);
	(void)fprintf(s->out,
	    _("erased %s (#%lld) and everything of theirs; "
	      "their chats and agreements keep \"a former "
	      "member\"\n"),
	    u.username, (long long)u.id);
	return CLI_OK;
}
