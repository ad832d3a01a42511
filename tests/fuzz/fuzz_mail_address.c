/*
 * Fuzz target: untrusted bytes as a recipient address, a display name, a
 * subject, a body, a sender and an attachment, through mail_address_valid
 * and mail_compose.  Besides memory errors, it aborts when a composed message
 * breaks a promise: an address accepted that mail_address_valid refuses,
 * a control character let through, a header that is not one of ours
 * (injection), a line over MAIL_LINE_MAX, a message over MAIL_MESSAGE_MAX,
 * a header byte that is not ASCII (a name or subject in any script goes as
 * RFC 2047 encoded-words).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "mail.h"

#define FUZZ_INPUT_MAX (2 * MAIL_MESSAGE_MAX)
#define FUZZ_FROM "Mentorboard <board@example.org>"
#define FUZZ_TO "anna@example.com"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The header fields mail_compose writes, in its order. */
static const char *const fuzz_fields[] = { "From:", "To:", "Subject:", "Date:",
	"Message-ID:", "Auto-Submitted:", "MIME-Version:", "Content-Type:",
	"Content-Transfer-Encoding:" };

/* Has s a byte that no header may carry? */
static int
fuzz_has_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 1;
	}
	return 0;
}

/* Abort unless out is a message of the shape mail_compose promises. */
static void
fuzz_check(const char *out, size_t len)
{
	const char *p = out, *eol = NULL;
	size_t field = 0, n;
	int in_header = 1, multipart = 0;

	if (out == NULL || strlen(out) != len || len > MAIL_MESSAGE_MAX)
		abort();
	if (len == 0 || out[len - 1] != '\n' || memchr(out, '\r', len) != NULL)
		abort();
	while (*p != '\0') {
		eol = strchr(p, '\n');
		if (eol == NULL || eol - p > MAIL_LINE_MAX)
			abort();
		for (n = 0; in_header && p + n < eol; n++) {
			if ((unsigned char)p[n] >= 0x80)
				abort();
		}
		if (in_header && eol == p) {
			in_header = 0;
		} else if (in_header && (*p == ' ' || *p == '\t')) {
			if (field == 0)
				abort();
		} else if (in_header) {
			if (field >=
			    sizeof(fuzz_fields) / sizeof(fuzz_fields[0]))
				abort();
			n = strlen(fuzz_fields[field]);
			if (strncmp(p, fuzz_fields[field], n) != 0)
				abort();
			if (strncmp(p, "Content-Type: multipart/mixed;", 30) ==
			    0)
				multipart = 1;
			field++;
		}
		p = eol + 1;
	}
	/* A message with an attachment has its encodings in its parts. */
	if (in_header ||
	    field != sizeof(fuzz_fields) / sizeof(fuzz_fields[0]) - multipart)
		abort();
}

/* Compose m; a message must have the promised shape, a refusal a reason. */
static int
fuzz_compose(const struct mail_msg *m)
{
	char err[MAIL_ERROR_MAX];
	char *out = NULL;
	size_t len = 0;
	int rc;

	rc = mail_compose(m, &out, &len, err, sizeof(err));
	if (rc == 0)
		fuzz_check(out, len);
	else if (rc != MB_ERR_INVALID || out != NULL || len != 0 ||
	    err[0] == '\0')
		abort();
	free(out);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mail_msg m;
	char *s = NULL;
	int valid, rc;

	if (size > FUZZ_INPUT_MAX)
		return 0;
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	valid = mail_address_valid(s);
	if (valid != 0 && valid != 1)
		abort();
	if (valid && fuzz_has_control(s))
		abort();

	memset(&m, 0, sizeof(m));
	m.from = FUZZ_FROM;
	m.to_name = "Zo\xc3\xab M\xc3\xbcller";
	m.to_addr = s;
	m.subject = "Hello";
	m.body = "Body\n";
	rc = fuzz_compose(&m);
	if ((rc == 0) != valid)
		abort();

	m.to_name = s;
	m.to_addr = FUZZ_TO;
	rc = fuzz_compose(&m);
	if (rc == 0 && fuzz_has_control(s))
		abort();

	m.to_name = NULL;
	m.subject = s;
	m.body = s;
	rc = fuzz_compose(&m);
	if (rc == 0 && fuzz_has_control(s))
		abort();

	m.from = s;
	m.subject = "Hello";
	m.body = "Body\n";
	rc = fuzz_compose(&m);
	if (rc == 0 && fuzz_has_control(s))
		abort();

	/* Any bytes as an attachment: base64 in lines, the same shape;
	 * refused only when too long. */
	m.from = FUZZ_FROM;
	m.attachment = s;
	m.attachment_len = size;
	m.attachment_type = "text/calendar; charset=UTF-8";
	m.attachment_name = "meeting.ics";
	rc = fuzz_compose(&m);
	if ((rc == 0) != (size <= MAIL_ATTACHMENT_MAX))
		abort();

	free(s);
	return 0;
}
