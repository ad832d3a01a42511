/*
 * mail: RFC 5322 messages composed (mail_send.c hands them to the mail
 * command).
 */
#include <assert.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "mail.h"
#include "text.h"
#include "util.h"

#define MAIL_BUF_INITIAL 4096
#define MAIL_EW_PREFIX "=?UTF-8?B?"
#define MAIL_EW_SUFFIX "?="
#define MAIL_EW_OVERHEAD 12 /* the prefix and suffix */
#define MAIL_EW_MAX 75 /* RFC 2047 limit of one encoded-word */
#define MAIL_EW_MIN (MAIL_EW_OVERHEAD + 8) /* room for one character */
#define MAIL_EW_TEXT_MAX 45 /* bytes in the longest encoded-word */
#define MAIL_DATE_MAX 64

/* A growing message. */
struct mail_buf {
	char *data;
	size_t len;
	size_t cap;
};

/* A header field being written, for folding. */
struct mail_header {
	struct mail_buf *buf;
	size_t col; /* bytes on the current line */
	int fresh; /* nothing after "Name:" yet: never fold there */
};

/* How a display name or a subject is written. */
enum mail_form {
	MAIL_FORM_WORDS, /* as it is, folding between words */
	MAIL_FORM_QUOTED, /* one quoted-string */
	MAIL_FORM_ENCODED, /* RFC 2047 encoded-words */
};

static const char *const mail_days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	"Fri", "Sat" };
static const char *const mail_months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static void mail_set_err(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Write a reason into the caller's buffer, if there is one. */
static void
mail_set_err(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsize == 0)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
}

/* Append n bytes of s, growing the buffer (it stays NUL-terminated). */
static void
mail_buf_add(struct mail_buf *b, const char *s, size_t n)
{
	size_t need, cap;

	assert(n < SIZE_MAX / 4 && b->len < SIZE_MAX / 4);
	need = b->len + n + 1;
	if (need > b->cap) {
		cap = b->cap == 0 ? MAIL_BUF_INITIAL : b->cap;
		while (cap < need)
			cap *= 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append the string s. */
static void
mail_buf_str(struct mail_buf *b, const char *s)
{
	mail_buf_add(b, s, strlen(s));
}

/* RFC 5322 atext: what an atom or a dot-atom is made of. */
static int
mail_is_atext(int c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* May c be in a domain label (RFC 1035: letters, digits, hyphens)? */
static int
mail_is_label_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

/* A domain of dot-separated labels; with need_dot at least two of them. */
static int
mail_domain_valid(const char *d, size_t len, int need_dot)
{
	size_t i, start = 0, dots = 0;

	if (len == 0)
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && d[i] != '.') {
			if (!mail_is_label_char((unsigned char)d[i]))
				return 0;
			continue;
		}
		/* A label ends at i. */
		if (i == start || i - start > MAIL_DOMAIN_LABEL_MAX)
			return 0;
		if (d[start] == '-' || d[i - 1] == '-')
			return 0;
		if (i < len)
			dots++;
		start = i + 1;
	}
	return !need_dot || dots > 0;
}

/* mail_address_valid, with a dotless domain ("localhost") allowed too. */
static int
mail_address_check(const char *addr, int need_dot)
{
	const char *at = NULL;
	size_t len, local, i;

	if (addr == NULL)
		return 0;
	len = strnlen(addr, MAIL_ADDRESS_MAX + 1);
	if (len == 0 || len > MAIL_ADDRESS_MAX)
		return 0;
	at = memchr(addr, '@', len);
	if (at == NULL)
		return 0;
	local = (size_t)(at - addr);
	if (local == 0 || local > MAIL_LOCAL_PART_MAX)
		return 0;
	/* A dot-atom: no quoting, dots only between atext. */
	if (addr[0] == '.' || addr[local - 1] == '.')
		return 0;
	for (i = 0; i < local; i++) {
		if (addr[i] == '.') {
			if (addr[i + 1] == '.')
				return 0;
		} else if (!mail_is_atext((unsigned char)addr[i]))
			return 0;
	}
	return mail_domain_valid(at + 1, len - local - 1, need_dot);
}

int
mail_address_valid(const char *addr)
{
	return mail_address_check(addr, 1);
}

/* Characters no header may carry, and no body but "\n" and tab. */
static int
mail_is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	    cp == 0x2028 || cp == 0x2029;
}

/* Characters that reorder or hide text, refused in headers. */
static int
mail_is_format_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0xFEFF ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB);
}

/*
 * Check text of at most max bytes: valid UTF-8 without controls (a body,
 * multiline, may have "\n" and tab).  Returns NULL or what is wrong.
 */
static const char *
mail_check_text(const char *s, size_t max, int multiline)
{
	size_t len, i = 0;
	uint32_t cp;
	int n;

	len = strnlen(s, max + 1);
	if (len > max)
		return "is too long";
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			return "is not valid UTF-8";
		i += (size_t)n;
		if (multiline && (cp == '\n' || cp == '\t'))
			continue;
		if (mail_is_control(cp))
			return "contains a control character";
		if (!multiline && mail_is_format_control(cp))
			return "contains a formatting character";
	}
	return NULL;
}

/* Start the field "name:" in b; its tokens follow with mail_header_token. */
static void
mail_header_begin(struct mail_header *h, struct mail_buf *b, const char *name)
{
	h->buf = b;
	mail_buf_str(b, name);
	mail_buf_add(b, ":", 1);
	h->col = strlen(name) + 1;
	h->fresh = 1;
}

/* Append " token", first folding the line if the token would not fit. */
static void
mail_header_token(struct mail_header *h, const char *tok, size_t n)
{
	if (!h->fresh && h->col + 1 + n > MAIL_HEADER_FOLD) {
		mail_buf_add(h->buf, "\n", 1);
		h->col = 0;
	}
	mail_buf_add(h->buf, " ", 1);
	mail_buf_add(h->buf, tok, n);
	h->col += 1 + n;
	h->fresh = 0;
}

/* End the field's last line. */
static void
mail_header_end(struct mail_header *h)
{
	mail_buf_add(h->buf, "\n", 1);
}

/*
 * Append valid UTF-8 s as B encoded-words, each as long as the line
 * allows and split between characters, so that every line stays within
 * MAIL_HEADER_FOLD.  Whitespace between encoded-words is not part of the
 * text, so spaces of s are encoded too.
 */
static void
mail_header_encoded(struct mail_header *h, const char *s, size_t len)
{
	char b64[sodium_base64_ENCODED_LEN(
	    MAIL_EW_TEXT_MAX, sodium_base64_VARIANT_ORIGINAL)];
	char word[MAIL_EW_MAX + 1];
	size_t i = 0, take, room, max_bytes;
	uint32_t cp;
	int n, wlen;

	while (i < len) {
		/* What is left of this line, or a fresh line. */
		if (h->col + 1 + MAIL_EW_MIN > MAIL_HEADER_FOLD)
			room = MAIL_HEADER_FOLD - 1;
		else
			room = MAIL_HEADER_FOLD - h->col - 1;
		if (room > MAIL_EW_MAX)
			room = MAIL_EW_MAX;
		max_bytes = (room - MAIL_EW_OVERHEAD) / 4 * 3;
		take = 0;
		while (i + take < len) {
			n = text_utf8_decode(s + i + take, len - i - take, &cp);
			assert(n > 0);
			if (take + (size_t)n > max_bytes)
				break;
			take += (size_t)n;
		}
		assert(take > 0);
		(void)sodium_bin2base64(b64, sizeof(b64),
		    (const unsigned char *)s + i, take,
		    sodium_base64_VARIANT_ORIGINAL);
		wlen = snprintf(word, sizeof(word), "%s%s%s", MAIL_EW_PREFIX,
		    b64, MAIL_EW_SUFFIX);
		assert(wlen > 0 && (size_t)wlen < sizeof(word));
		mail_header_token(h, word, (size_t)wlen);
		i += take;
	}
}

/*
 * Can s be written as words separated by single spaces, each at most
 * MAIL_HEADER_WORD_MAX bytes of ASCII that atext_only allows?  Nothing
 * that looks like an encoded-word ("=?") is left as it is.
 */
static int
mail_is_plain_words(const char *s, size_t len, int atext_only)
{
	size_t i, word = 0;
	unsigned char c;

	if (len == 0 || s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == ' ') {
			if (s[i + 1] == ' ')
				return 0;
			word = 0;
			continue;
		}
		if (atext_only ? !mail_is_atext(c) : (c < 0x21 || c > 0x7E))
			return 0;
		if (c == '=' && s[i + 1] == '?')
			return 0;
		if (++word > MAIL_HEADER_WORD_MAX)
			return 0;
	}
	return 1;
}

/* Length of s as a quoted-string, or 0 when it cannot be one. */
static size_t
mail_quoted_length(const char *s, size_t len)
{
	size_t i, qlen = 2;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7E)
			return 0;
		if (c == '=' && s[i + 1] == '?')
			return 0;
		qlen += (c == '"' || c == '\\') ? 2 : 1;
	}
	return qlen;
}

/*
 * Append s, which mail_is_plain_words accepted, a token per word, so that
 * the field folds between words.
 */
static void
mail_header_words(struct mail_header *h, const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len) {
		start = i;
		while (i < len && s[i] != ' ')
			i++;
		mail_header_token(h, s + start, i - start);
		i++;
	}
}

/* Append a display name (valid UTF-8, checked) as an RFC 5322 phrase. */
static void
mail_header_phrase(struct mail_header *h, const char *name)
{
	char quoted[MAIL_HEADER_WORD_MAX + 1];
	size_t len = strlen(name), qlen, i, o = 0;
	enum mail_form form = MAIL_FORM_ENCODED;

	qlen = mail_quoted_length(name, len);
	if (mail_is_plain_words(name, len, 1))
		form = MAIL_FORM_WORDS;
	else if (qlen > 0 && qlen <= MAIL_HEADER_WORD_MAX)
		form = MAIL_FORM_QUOTED;

	switch (form) {
	case MAIL_FORM_WORDS:
		mail_header_words(h, name, len);
		break;
	case MAIL_FORM_QUOTED:
		quoted[o++] = '"';
		for (i = 0; i < len; i++) {
			if (name[i] == '"' || name[i] == '\\')
				quoted[o++] = '\\';
			quoted[o++] = name[i];
		}
		quoted[o++] = '"';
		assert(o == qlen);
		mail_header_token(h, quoted, o);
		break;
	case MAIL_FORM_ENCODED:
		mail_header_encoded(h, name, len);
		break;
	}
}

/* Append an address field: a phrase if there is a name, then <addr>. */
static void
mail_header_mailbox(
    struct mail_buf *b, const char *field, const char *name, const char *addr)
{
	struct mail_header h;
	char angle[MAIL_ADDRESS_MAX + 3];
	int n;

	mail_header_begin(&h, b, field);
	if (name != NULL && name[0] != '\0') {
		mail_header_phrase(&h, name);
		n = snprintf(angle, sizeof(angle), "<%s>", addr);
		assert(n > 0 && (size_t)n < sizeof(angle));
		mail_header_token(&h, angle, (size_t)n);
	} else
		mail_header_token(&h, addr, strlen(addr));
	mail_header_end(&h);
}

/* Append the Subject field (valid UTF-8, checked). */
static void
mail_header_subject(struct mail_buf *b, const char *subject)
{
	struct mail_header h;
	size_t len = strlen(subject);

	mail_header_begin(&h, b, "Subject");
	if (len == 0) {
		/* An empty unstructured field. */
	} else if (mail_is_plain_words(subject, len, 0))
		mail_header_words(&h, subject, len);
	else
		mail_header_encoded(&h, subject, len);
	mail_header_end(&h);
}

/*
 * Split the configured From ("Name <addr>", "\"Name\" <addr>" or "addr")
 * into name and addr.  Returns NULL or what is wrong.
 */
static const char *
mail_parse_from(const char *from, char name[MAIL_NAME_MAX + 1],
    char addr[MAIL_ADDRESS_MAX + 1])
{
	const char *why = NULL, *lt = NULL, *quote = NULL, *backslash = NULL;
	size_t len, start = 0, end, n;

	name[0] = '\0';
	addr[0] = '\0';
	why = mail_check_text(from, MAIL_FROM_MAX, 0);
	if (why != NULL)
		return why;
	len = strlen(from);
	if (len == 0 || from[len - 1] != '>') {
		if (len > MAIL_ADDRESS_MAX)
			return "is not a valid address";
		memcpy(addr, from, len + 1);
		goto check;
	}
	lt = strrchr(from, '<');
	if (lt == NULL)
		return "is not \"Name <address>\" or an address";
	n = len - (size_t)(lt - from) - 2;
	if (n > MAIL_ADDRESS_MAX)
		return "is not a valid address";
	memcpy(addr, lt + 1, n);
	addr[n] = '\0';

	end = (size_t)(lt - from);
	while (start < end && from[start] == ' ')
		start++;
	while (end > start && from[end - 1] == ' ')
		end--;
	if (end - start >= 2 && from[start] == '"' && from[end - 1] == '"') {
		start++;
		end--;
		quote = memchr(from + start, '"', end - start);
		backslash = memchr(from + start, '\\', end - start);
		if (quote != NULL || backslash != NULL)
			return "has a name with stray quotes";
	}
	if (end - start > MAIL_NAME_MAX)
		return "has a name that is too long";
	memcpy(name, from + start, end - start);
	name[end - start] = '\0';
check:
	if (!mail_address_check(addr, 0))
		return "is not a valid address";
	return NULL;
}

/* The current time as an RFC 5322 date in UTC, in C locale words. */
static int
mail_date(char *out, size_t size)
{
	struct tm tm, *tmp = NULL;
	time_t now;
	int n;

	now = time(NULL);
	if (now == (time_t)-1)
		return MB_ERR_IO;
	tmp = gmtime_r(&now, &tm);
	if (tmp == NULL)
		return MB_ERR_IO;
	if (tm.tm_wday < 0 || tm.tm_wday > 6 || tm.tm_mon < 0 || tm.tm_mon > 11)
		return MB_ERR_IO;
	n = snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    mail_days[tm.tm_wday], tm.tm_mday, mail_months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (n < 0 || (size_t)n >= size)
		return MB_ERR_IO;
	return 0;
}

/* Longest line of body, in bytes without "\n". */
static size_t
mail_longest_line(const char *body)
{
	size_t longest = 0, cur = 0;
	const char *p;

	for (p = body; *p != '\0'; p++) {
		if (*p == '\n') {
			cur = 0;
			continue;
		}
		if (++cur > longest)
			longest = cur;
	}
	return longest;
}

/* Append body as quoted-printable (RFC 2045, section 6.7). */
static void
mail_body_qp(struct mail_buf *b, const char *body)
{
	static const char hex[] = "0123456789ABCDEF";
	char enc[3];
	size_t i, col = 0, n;
	unsigned char c;
	int at_end;

	for (i = 0; body[i] != '\0'; i++) {
		c = (unsigned char)body[i];
		if (c == '\n') {
			mail_buf_add(b, "\n", 1);
			col = 0;
			continue;
		}
		/* Blanks at the end of a line would be lost in transport. */
		at_end = body[i + 1] == '\0' || body[i + 1] == '\n';
		if ((c >= 0x21 && c <= 0x7E && c != '=') ||
		    ((c == ' ' || c == '\t') && !at_end)) {
			enc[0] = (char)c;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 0x0F];
			n = 3;
		}
		/* Room for the "=" of a soft line break. */
		if (col + n > MAIL_QP_LINE_MAX - 1) {
			mail_buf_add(b, "=\n", 2);
			col = 0;
		}
		mail_buf_add(b, enc, n);
		col += n;
	}
}

/* Is the attachment of m one we send?  NULL, or why not. */
static const char *
mail_check_attachment(const struct mail_msg *m)
{
	const char *p = NULL;

	if (m->attachment_len > MAIL_ATTACHMENT_MAX)
		return "is too long";
	if (m->attachment_type == NULL || m->attachment_name == NULL ||
	    m->attachment_name[0] == '\0' ||
	    mail_check_text(m->attachment_type, MAIL_HEADER_FOLD, 0) != NULL)
		return "needs a type and a name";
	for (p = m->attachment_name; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
			*p == '_'))
			return "name may hold letters, digits, . - _ only";
	}
	return NULL;
}

/* The attachment part of m, base64 in lines, and the closing boundary. */
static void
mail_attachment(struct mail_buf *b, const struct mail_msg *m, const char *id)
{
	char line[MAIL_BASE64_LINE + 1];
	size_t off, chunk = MAIL_BASE64_LINE / 4 * 3;

	mail_buf_str(b, "\n--=_");
	mail_buf_str(b, id);
	mail_buf_str(b, "\nContent-Type: ");
	mail_buf_str(b, m->attachment_type);
	mail_buf_str(b, "; name=\"");
	mail_buf_str(b, m->attachment_name);
	mail_buf_str(b, "\"\nContent-Disposition: attachment; filename=\"");
	mail_buf_str(b, m->attachment_name);
	mail_buf_str(b, "\"\nContent-Transfer-Encoding: base64\n\n");
	for (off = 0; off < m->attachment_len; off += chunk) {
		size_t n = m->attachment_len - off < chunk ?
		    m->attachment_len - off :
		    chunk;

		(void)sodium_bin2base64(line, sizeof(line),
		    (const unsigned char *)m->attachment + off, n,
		    sodium_base64_VARIANT_ORIGINAL);
		mail_buf_str(b, line);
		mail_buf_str(b, "\n");
	}
	mail_buf_str(b, "--=_");
	mail_buf_str(b, id);
	mail_buf_str(b, "--\n");
}

int
mail_compose(const struct mail_msg *m, char **out, size_t *len, char *err,
    size_t errsize)
{
	struct mail_buf b = { NULL, 0, 0 };
	unsigned char id[MAIL_MESSAGE_ID_BYTES];
	char id_hex[MAIL_MESSAGE_ID_BYTES * 2 + 1];
	char from_name[MAIL_NAME_MAX + 1], from_addr[MAIL_ADDRESS_MAX + 1];
	char date[MAIL_DATE_MAX];
	const char *what = NULL, *why = NULL, *domain = NULL;
	size_t body_len;
	int rc = MB_ERR_INVALID, qp, sodium_rc;

	assert(m != NULL && out != NULL && len != NULL);
	*out = NULL;
	*len = 0;
	mail_set_err(err, errsize, "%s", "");

	what = "sender";
	if (m->from == NULL) {
		why = "is missing";
		goto out;
	}
	why = mail_parse_from(m->from, from_name, from_addr);
	if (why != NULL)
		goto out;

	what = "recipient address";
	if (m->to_addr == NULL) {
		why = "is missing";
		goto out;
	}
	why = mail_check_text(m->to_addr, MAIL_ADDRESS_MAX, 0);
	if (why != NULL)
		goto out;
	if (!mail_address_valid(m->to_addr)) {
		why = "is not valid";
		goto out;
	}

	what = "recipient name";
	if (m->to_name != NULL) {
		why = mail_check_text(m->to_name, MAIL_NAME_MAX, 0);
		if (why != NULL)
			goto out;
	}

	what = "subject";
	if (m->subject == NULL) {
		why = "is missing";
		goto out;
	}
	why = mail_check_text(m->subject, MAIL_SUBJECT_MAX, 0);
	if (why != NULL)
		goto out;

	what = "body";
	if (m->body == NULL) {
		why = "is missing";
		goto out;
	}
	why = mail_check_text(m->body, MAIL_MESSAGE_MAX, 1);
	if (why != NULL)
		goto out;
	body_len = strlen(m->body);
	qp = mail_longest_line(m->body) > MAIL_LINE_MAX;

	what = "attachment";
	if (m->attachment != NULL && (why = mail_check_attachment(m)) != NULL)
		goto out;

	what = NULL;
	rc = mail_date(date, sizeof(date));
	if (rc != 0) {
		why = "could not read the clock";
		goto out;
	}
	sodium_rc = sodium_init();
	if (sodium_rc < 0) {
		rc = MB_ERR_IO;
		why = "could not initialise libsodium";
		goto out;
	}
	randombytes_buf(id, sizeof(id));
	(void)sodium_bin2hex(id_hex, sizeof(id_hex), id, sizeof(id));
	domain = strchr(from_addr, '@');
	assert(domain != NULL);
	domain++;

	mail_header_mailbox(&b, "From", from_name, from_addr);
	mail_header_mailbox(&b, "To", m->to_name, m->to_addr);
	mail_header_subject(&b, m->subject);
	mail_buf_str(&b, "Date: ");
	mail_buf_str(&b, date);
	/* A msg-id cannot be folded: with a long domain the line is long. */
	mail_buf_str(&b, "\nMessage-ID: <");
	mail_buf_str(&b, id_hex);
	mail_buf_add(&b, "@", 1);
	mail_buf_str(&b, domain);
	mail_buf_str(&b,
	    ">\n"
	    "Auto-Submitted: auto-generated\n"
	    "MIME-Version: 1.0\n");
	if (m->attachment != NULL) {
		/* The boundary is the message's random id: it cannot occur
		 * in the text part, nor in base64. */
		mail_buf_str(
		    &b, "Content-Type: multipart/mixed; boundary=\"=_");
		mail_buf_str(&b, id_hex);
		mail_buf_str(&b, "\"\n\n--=_");
		mail_buf_str(&b, id_hex);
		mail_buf_str(&b, "\n");
	}
	mail_buf_str(&b,
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: ");
	mail_buf_str(&b, qp ? "quoted-printable\n\n" : "8bit\n\n");
	if (qp)
		mail_body_qp(&b, m->body);
	else
		mail_buf_add(&b, m->body, body_len);
	if (body_len > 0 && m->body[body_len - 1] != '\n')
		mail_buf_add(&b, "\n", 1);
	if (m->attachment != NULL)
		mail_attachment(&b, m, id_hex);

	if (b.len > MAIL_MESSAGE_MAX) {
		rc = MB_ERR_INVALID;
		why = "is too long";
		what = "message";
		goto out;
	}
	*out = b.data;
	*len = b.len;
	b.data = NULL;
	rc = 0;
out:
	if (rc == 0)
		why = NULL;
	else if (rc == MB_ERR_INVALID && why == NULL)
		why = "is not valid";
	if (why != NULL && what != NULL)
		mail_set_err(err, errsize, "%s %s", what, why);
	else if (why != NULL)
		mail_set_err(err, errsize, "%s", why);
	free(b.data);
	return rc;
}
