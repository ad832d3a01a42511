/*
 * Fuzz target: the text a member types for another member's terminal (a
 * chat line, an agreement section, a comment, a name) through the
 * sanitiser and the checks: text_sanitize_buf with and without newlines
 * and tabs, into a buffer of any size; text_check_line, text_check_block
 * and text_check_name; text_display_name, text_width and text_fit.
 * Besides memory errors it aborts when a promise breaks: output that is
 * not valid UTF-8, a control character, a C1 control or a bidirectional
 * override in the output, a NUL missing or past the buffer, output longer
 * than the buffer; a name accepted that the line check refuses or that
 * has an invisible character; a fit wider than asked.
 *
 * Input: flags8 outsize16 cols8, then the text (NUL bytes kept: they end
 * it for the C string checks).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"

#define FUZZ_TEXT_MAX (64 * 1024)
#define FUZZ_OUT_MAX 4096
#define FUZZ_NAME_CHARS 64
#define FUZZ_BLOCK_CHARS 4000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 with nothing in it that acts on a terminal. */
static void
fuzz_check_safe(const char *s, size_t len, unsigned flags)
{
	size_t i = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			abort();
		i += (size_t)n;
		if (cp == '\n' && (flags & TEXT_KEEP_NEWLINES))
			continue;
		if (cp == '\t' && (flags & TEXT_KEEP_TABS))
			continue;
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
		    (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
		    cp == 0x2029)
			abort();
	}
}

/* A name that passed: no control, format or invisible code point. */
static void
fuzz_check_name(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	int n, letters = 0;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			abort();
		i += (size_t)n;
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) ||
		    (cp >= 0x200B && cp <= 0x200F) ||
		    (cp >= 0x2028 && cp <= 0x202F) ||
		    (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 ||
		    cp == 0x115F || cp == 0x1160 || cp == 0xFFA0 ||
		    cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
		    cp == 0x034F || cp == 0x00AD)
			abort();
		if (text_is_letter(cp))
			letters++;
	}
	if (letters == 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[FUZZ_OUT_MAX + 1], why_buf[256], shown[256];
	char *text = NULL, *dup = NULL;
	const char *why = NULL;
	unsigned flags;
	size_t outsize, len, n;
	int cols, used = 0;

	if (size < 4 || size > FUZZ_TEXT_MAX)
		return 0;
	flags = data[0] & (TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
	outsize = ((size_t)data[1] << 8 | data[2]) % (FUZZ_OUT_MAX + 1);
	cols = data[3];
	data += 4;
	size -= 4;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	/* The sanitiser, over every byte, NULs included. */
	memset(out, 'x', sizeof(out));
	n = text_sanitize_buf(text, size, flags, out, outsize);
	if (outsize == 0 ? n != 0 : (n >= outsize || out[n] != '\0'))
		abort();
	if (outsize < sizeof(out) && out[outsize] != 'x')
		abort(); /* a write past the buffer */
	fuzz_check_safe(out, n, flags);
	dup = text_sanitize(text, size, flags);
	if (dup == NULL)
		abort();
	fuzz_check_safe(dup, strlen(dup), flags);
	text_sanitize_line(text, shown, sizeof(shown));
	fuzz_check_safe(shown, strlen(shown), 0);

	/* The checks: what the name check takes, the line check takes. */
	len = strlen(text);
	if (text_check_name(
		text, FUZZ_NAME_CHARS, why_buf, sizeof(why_buf), &why) == 0) {
		fuzz_check_name(text);
		if (text_check_line(text, 1, FUZZ_NAME_CHARS, &why) != 0)
			abort();
		if (text_display_name(text, text, shown, sizeof(shown)) != 0)
			abort();
		fuzz_check_safe(shown, strlen(shown), 0);
	} else if (why == NULL || strnlen(why, 512) == 512)
		abort();
	if (text_check_line(text, 0, FUZZ_BLOCK_CHARS, &why) == 0) {
		if (text_check_block(text, FUZZ_BLOCK_CHARS, &why) != 0)
			abort();
		if (text_utf8_length(text) < 0)
			abort();
	}
	if (text_check_block(text, FUZZ_BLOCK_CHARS, &why) == 0) {
		fuzz_check_safe(text, len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
		/* Widths of what passed: a fit never wider than asked. */
		n = text_fit(text, cols, &used);
		if (n > len || used > cols || used < 0)
			abort();
		if (text_width(text) < 0)
			abort();
	}
	free(dup);
	free(text);
	return 0;
}
