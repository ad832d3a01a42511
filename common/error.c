/* error: descriptions of the shared error codes, for logs. */
#include "error.h"
#include "i18n.h"

/* See error_fault_set. */
static int error_current_fault;

const char *
mb_strerror(int err)
{
	switch (err) {
	case MB_OK:
		return "success";
	case MB_ERR_NOMEM:
		return "out of memory";
	case MB_ERR_IO:
		return "input/output error";
	case MB_ERR_DB:
		return "database error";
	case MB_ERR_NOTFOUND:
		return "not found";
	case MB_ERR_EXISTS:
		return "already exists";
	case MB_ERR_INVALID:
		return "invalid input";
	case MB_ERR_LIMIT:
		return "limit reached";
	case MB_ERR_DENIED:
		return "not allowed";
	case MB_ERR_EXPIRED:
		return "expired or used";
	case MB_ERR_BUSY:
		return "busy";
	case MB_ERR_VERSION:
		return "made by a newer version";
	case MB_ERR_MAIL:
		return "mail not sent";
	case MB_ERR_FULL:
		return "disk full";
	}
	return "unknown error";
}

void
error_fault_set(int err)
{
	error_current_fault = err;
}

int
error_fault(void)
{
	return error_current_fault;
}

const char *
error_fault_text(void)
{
	if (error_current_fault == MB_ERR_FULL)
		return _("the board's disk is full; nothing was saved; try "
			 "again later");
	return NULL;
}
