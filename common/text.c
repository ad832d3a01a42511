/* text: untrusted bytes made safe to draw, UTF-8 checks, display names. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "error.h"
#include "i18n.h"
#include "text.h"
#include "text_marks.h"

#define TEXT_REPLACEMENT 0xFFFD

/* C.UTF-8's character tables, made once; (locale_t)0 if there are none. */
static locale_t
text_locale(void)
{
	static locale_t loc;
	static int tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

void
text_init(void)
{
	(void)text_locale();
}

int
text_is_letter(uint32_t cp)
{
	locale_t loc = text_locale();

	if (loc == (locale_t)0)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return iswalpha_l((wint_t)cp, loc);
}

int
text_is_alnum(uint32_t cp)
{
	locale_t loc = text_locale();

	if (loc == (locale_t)0)
		return text_is_letter(cp) || (cp >= '0' && cp <= '9');
	return iswalnum_l((wint_t)cp, loc);
}

uint32_t
text_to_upper(uint32_t cp)
{
	locale_t loc = text_locale();

	if (loc == (locale_t)0)
		return cp >= 'a' && cp <= 'z' ? cp - 'a' + 'A' : cp;
	return (uint32_t)towupper_l((wint_t)cp, loc);
}

uint32_t
text_to_lower(uint32_t cp)
{
	locale_t loc = text_locale();

	if (loc == (locale_t)0)
		return cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp;
	return (uint32_t)towlower_l((wint_t)cp, loc);
}

int
text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	int need, i;

	if (len == 0)
		return -1;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		need = 1;
		c &= 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		need = 2;
		c &= 0x0F;
		min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		need = 3;
		c &= 0x07;
		min = 0x10000;
	} else
		return -1;
	if (len < (size_t)need + 1)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return need + 1;
}

int
text_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Characters that reorder or hide text: never drawn as they are. */
static int
text_is_format_control(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0xFEFF ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB);
}

size_t
text_sanitize_buf(
    const char *in, size_t len, unsigned flags, char *out, size_t outsize)
{
	char enc[4];
	size_t i = 0, o = 0;
	uint32_t cp;
	int n, elen;

	if (outsize == 0)
		return 0;
	while (i < len) {
		n = text_utf8_decode(in + i, len - i, &cp);
		if (n < 0) {
			cp = TEXT_REPLACEMENT;
			n = 1;
		}
		i += (size_t)n;
		if (cp == '\n' && (flags & TEXT_KEEP_NEWLINES)) {
			enc[0] = '\n';
			elen = 1;
		} else if (cp == '\r' && (flags & TEXT_KEEP_NEWLINES)) {
			continue;
		} else if (cp == '\t') {
			enc[0] = (flags & TEXT_KEEP_TABS) ? '\t' : ' ';
			elen = 1;
		} else if (cp < 0x20 || cp == 0x7F) {
			enc[0] = '^';
			enc[1] = cp == 0x7F ? '?' : (char)(cp + 0x40);
			elen = 2;
		} else if (cp == 0x2028 || cp == 0x2029) {
			enc[0] = ' ';
			elen = 1;
		} else if (text_is_format_control(cp)) {
			elen = text_utf8_encode(TEXT_REPLACEMENT, enc);
		} else
			elen = text_utf8_encode(cp, enc);
		if (o + (size_t)elen >= outsize)
			break;
		memcpy(out + o, enc, (size_t)elen);
		o += (size_t)elen;
	}
	out[o] = '\0';
	return o;
}

char *
text_sanitize(const char *in, size_t len, unsigned flags)
{
	char *out = NULL;
	size_t size;

	/* Every input byte grows to at most three output bytes. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	size = len * 3 + 1;
	out = malloc(size);
	if (out == NULL)
		return NULL;
	text_sanitize_buf(in, len, flags, out, size);
	return out;
}

void
text_sanitize_line(const char *in, char *out, size_t outsize)
{
	text_sanitize_buf(in, strlen(in), 0, out, outsize);
}

long
text_utf8_length(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	long count = 0;
	int n;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			return -1;
		i += (size_t)n;
		count++;
	}
	return count;
}

/* Common checks of text_check_line and text_check_block. */
static int
text_check(const char *s, long min_chars, long max_chars, int multiline,
    const char **why)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	long count = 0;
	int n;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			*why = _("is not valid UTF-8 text");
			return MB_ERR_INVALID;
		}
		i += (size_t)n;
		if (multiline && (cp == '\n' || cp == '\t')) {
			/* allowed */
		} else if (cp < 0x20 || cp == 0x7F || cp == 0x2028 ||
		    cp == 0x2029 || text_is_format_control(cp)) {
			*why = _("contains control characters");
			return MB_ERR_INVALID;
		}
		if (++count > max_chars) {
			*why = _("is too long");
			return MB_ERR_INVALID;
		}
	}
	if (count < min_chars) {
		*why = count == 0 ? _("must not be empty") : _("is too short");
		return MB_ERR_INVALID;
	}
	return 0;
}

int
text_check_line(const char *s, long min_chars, long max_chars, const char **why)
{
	size_t len = strlen(s);
	int rc;

	rc = text_check(s, min_chars, max_chars, 0, why);
	if (rc != 0)
		return rc;
	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' ')) {
		*why = _("must not start or end with a space");
		return MB_ERR_INVALID;
	}
	return 0;
}

int
text_is_mark(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(text_marks) / sizeof(text_marks[0]), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < text_marks[mid].first)
			hi = mid;
		else if (cp > text_marks[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/*
 * Letters and marks that draw nothing, though Unicode calls them so: the
 * Hangul fillers, the combining grapheme joiner, the Khmer inherent
 * vowels, the Mongolian and the general variation selectors.
 */
static int
text_is_blank_letter(uint32_t cp)
{
	return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 ||
	    cp == 0x034F || cp == 0x17B4 || cp == 0x17B5 ||
	    (cp >= 0x180B && cp <= 0x180F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* The spaces of Unicode (category Zs) but the ordinary one. */
static int
text_is_other_space(uint32_t cp)
{
	return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Columns cp takes in C.UTF-8, whatever the process's locale; -1 unknown. */
static int
text_cp_width(uint32_t cp)
{
	locale_t loc = text_locale(), old;
	int w;

	if (loc == (locale_t)0)
		return cp >= 0x20 && cp < 0x7F ? 1 : -1;
	old = uselocale(loc);
	w = wcwidth((wchar_t)cp);
	(void)uselocale(old);
	return w;
}

/* Why cp is refused in a name, into buf. */
static const char *
text_name_refusal(uint32_t cp, char *buf, size_t bufsize)
{
	char enc[5];
	int w = text_cp_width(cp);

	if (text_is_blank_letter(cp) || w <= 0 || text_is_other_space(cp))
		(void)snprintf(buf, bufsize,
		    _("has an invisible character (U+%04X): a name has only "
		      "letters, spaces, hyphens and apostrophes"),
		    (unsigned)cp);
	else {
		enc[text_utf8_encode(cp, enc)] = '\0';
		(void)snprintf(buf, bufsize,
		    _("has \"%s\" (U+%04X): a name has only letters, spaces, "
		      "hyphens and apostrophes"),
		    enc, (unsigned)cp);
	}
	return buf;
}

int
text_check_name(
    const char *s, long max_chars, char *buf, size_t bufsize, const char **why)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	int n, marks = -1, letters = 0, rc;

	rc = text_check_line(s, 1, max_chars, why);
	if (rc != 0)
		return rc;
	/* marks: those on the letter before, or -1 after anything else. */
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0) { /* text_check_line let it through: a bug */
			*why = _("is not valid UTF-8 text");
			return MB_ERR_INVALID;
		}
		i += (size_t)n;
		if (text_is_blank_letter(cp)) {
			*why = text_name_refusal(cp, buf, bufsize);
			return MB_ERR_INVALID;
		}
		if (text_is_mark(cp)) {
			if (marks < 0) {
				(void)snprintf(buf, bufsize,
				    _("has a mark (U+%04X) on no letter"),
				    (unsigned)cp);
				*why = buf;
				return MB_ERR_INVALID;
			}
			if (++marks > NAME_MARKS_MAX) {
				(void)snprintf(buf, bufsize,
				    _("has more than %d marks on one letter"),
				    NAME_MARKS_MAX);
				*why = buf;
				return MB_ERR_INVALID;
			}
		} else if (text_is_letter(cp)) {
			letters++;
			marks = 0;
		} else if (cp == ' ' || cp == '-' || cp == '\'' ||
		    cp == 0x2019) {
			marks = -1;
		} else {
			*why = text_name_refusal(cp, buf, bufsize);
			return MB_ERR_INVALID;
		}
	}
	if (letters == 0) {
		*why = _("has no letter");
		return MB_ERR_INVALID;
	}
	return 0;
}

int
text_check_block(const char *s, long max_chars, const char **why)
{
	return text_check(s, 0, max_chars, 1, why);
}

/* Combining marks that belong to the letter before them. */
static int
text_is_combining(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) ||
	    (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

int
text_display_name(
    const char *first, const char *last, char *out, size_t outsize)
{
	char initial[32];
	size_t len = strlen(last), i = 0, ilen = 0;
	uint32_t cp = 0;
	int n = 0;

	if (outsize == 0)
		return MB_ERR_INVALID;
	out[0] = '\0';
	if (text_utf8_length(first) < 0 || text_utf8_length(last) < 0)
		return MB_ERR_INVALID;
	/* The first letter, skipping what is not one ("'t Hooft": "H"). */
	while (i < len) {
		n = text_utf8_decode(last + i, len - i, &cp);
		if (n < 0)
			return MB_ERR_INVALID;
		if (text_is_letter(cp))
			break;
		i += (size_t)n;
	}
	if (i < len) {
		ilen = (size_t)text_utf8_encode(text_to_upper(cp), initial);
		i += (size_t)n;
		/* A decomposed letter keeps its accents ("O" U+0308). */
		while (i < len && ilen + 4 < sizeof(initial)) {
			n = text_utf8_decode(last + i, len - i, &cp);
			if (n < 0 || !text_is_combining(cp))
				break;
			ilen += (size_t)text_utf8_encode(cp, initial + ilen);
			i += (size_t)n;
		}
	}
	initial[ilen] = '\0';
	if (strlen(first) + 1 + ilen + 2 > outsize)
		return MB_ERR_INVALID;
	if (ilen > 0)
		(void)snprintf(out, outsize, "%s %s.", first, initial);
	else
		(void)snprintf(out, outsize, "%s", first);
	return 0;
}

int
text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	int n, w, cols = 0;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			n = 1;
			cp = TEXT_REPLACEMENT;
		}
		i += (size_t)n;
		w = wcwidth((wchar_t)cp);
		cols += w < 0 ? 1 : w;
	}
	return cols;
}

size_t
text_fit(const char *s, int cols, int *used)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	int n, w, total = 0;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			n = 1;
			cp = TEXT_REPLACEMENT;
		}
		w = wcwidth((wchar_t)cp);
		if (w < 0)
			w = 1;
		if (total + w > cols)
			break;
		total += w;
		i += (size_t)n;
	}
	if (used != NULL)
		*used = total;
	return i;
}

void
text_trim(char *s)
{
	size_t len = strlen(s), start = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	s[len] = '\0';
	while (s[start] == ' ' || s[start] == '\t')
		start++;
	if (start > 0)
		memmove(s, s + start, len - start + 1);
}
