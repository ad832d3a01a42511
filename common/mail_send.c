/*
 * mail_send: a composed message handed to the sendmail-compatible mail
 * command, run by child_run with a deadline; what went wrong, in words.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "child.h"
#include "error.h"
#include "log.h"
#include "mail.h"
#include "util.h"

#define MAIL_COMMAND_NAME "mail command" /* in every reason */

int
mail_send_timeout(const char *command, const char *message, size_t len,
    int timeout_seconds, char *err, size_t errsize)
{
	struct child_cmd cmd;
	struct child_result res;
	char why[MAIL_ERROR_MAX], status[CHILD_STATUS_TEXT_MAX];
	char *argv[] = { "sh", "-c", NULL, NULL };
	int rc = MB_ERR_MAIL, ran;

	assert(command != NULL && (message != NULL || len == 0));
	assert(timeout_seconds > 0);
	why[0] = '\0';
	if (command[0] == '\0') {
		(void)snprintf(
		    why, sizeof(why), "no mail command is configured");
		goto out;
	}
	argv[2] = (char *)command;
	memset(&cmd, 0, sizeof(cmd));
	cmd.name = MAIL_COMMAND_NAME;
	cmd.path = MAIL_SHELL;
	cmd.argv = argv;
	cmd.input = message;
	cmd.input_len = len;
	cmd.deadline_ms = util_now_ms() + (long long)timeout_seconds * 1000;
	ran = child_run(&cmd, &res, why, sizeof(why));
	if (ran != 0)
		goto out;
	if (res.timed_out) {
		(void)snprintf(why, sizeof(why), "%s timed out", cmd.name);
		goto out;
	}
	if (!WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0) {
		(void)snprintf(why, sizeof(why), "%s %s", cmd.name,
		    child_status_text(res.status, status, sizeof(status)));
		goto out;
	}
	/* It exited 0 but closed its input early: the message is cut. */
	if (res.input_unread) {
		(void)snprintf(why, sizeof(why),
		    "%s did not read the whole message", cmd.name);
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		log_error("mail not sent: %s", why);
	else
		log_debug("mail command succeeded");
	if (err != NULL && errsize > 0)
		(void)snprintf(err, errsize, "%s", why);
	return rc;
}

int
mail_send(const char *command, const char *message, size_t len, char *err,
    size_t errsize)
{
	return mail_send_timeout(
	    command, message, len, MAIL_TIMEOUT_SECONDS, err, errsize);
}

int
mail_deliver(
    const char *command, const struct mail_msg *m, char *err, size_t errsize)
{
	char why[MAIL_ERROR_MAX];
	char *message = NULL;
	size_t len = 0;
	int rc;

	why[0] = '\0';
	rc = mail_compose(m, &message, &len, why, sizeof(why));
	if (rc != 0) {
		log_warn("mail not composed: %s", why);
		if (err != NULL && errsize > 0)
			(void)snprintf(err, errsize, "%s", why);
		goto out;
	}
	rc = mail_send(command, message, len, err, errsize);
out:
	free(message);
	return rc;
}
