/* Unit tests of common/text.c: hostile input never reaches a terminal. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "text.h"

/* No byte that starts a control sequence survives. */
static void
assert_terminal_safe(const char *s)
{
	uint32_t cp;
	size_t len = strlen(s), i = 0;
	int n;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		assert_true(n > 0); /* output is valid UTF-8 */
		assert_false(cp < 0x20 || cp == 0x7f);
		assert_false(cp >= 0x80 && cp <= 0x9f);
		assert_false(cp >= 0x202a && cp <= 0x202e);
		assert_false(cp >= 0x2066 && cp <= 0x2069);
		i += (size_t)n;
	}
}

static void
test_sanitize_escape_sequences(void **state)
{
	const char *in = "Hi\x1b]0;owned\x07 \x1b[2J\x1b[31mred\x9b"
			 "1;1H\xc2\x9b"
			 "2J\r\n\x7f";
	char out[256];

	(void)state;
	text_sanitize_buf(in, strlen(in), 0, out, sizeof(out));
	assert_terminal_safe(out);
	assert_non_null(strstr(out, "^[]0;owned^G"));
	assert_non_null(strstr(out, "^[[2J"));
	assert_non_null(strstr(out, "^M^J^?"));
	/* The lone 0x9b byte and the C1 CSI both become U+FFFD. */
	assert_non_null(strstr(out, "red\xef\xbf\xbd"));
}

static void
test_sanitize_keeps_unicode(void **state)
{
	const char *in = "Zo\xc3\xab \xc5\x81ukasz M\xc3\xbcller \xe6\x97\xa5 "
			 "\xf0\x9f\x98\x80";
	char out[256];

	(void)state;
	text_sanitize_buf(in, strlen(in), 0, out, sizeof(out));
	assert_string_equal(out, in);
}

static void
test_sanitize_invalid_utf8(void **state)
{
	/* overlong '/', a surrogate, a truncated sequence, a stray byte */
	const char in[] = "a\xc0\xaf"
			  "b\xed\xa0\x80"
			  "c\xe2\x82"
			  "d\xff";
	char out[256];

	(void)state;
	text_sanitize_buf(in, sizeof(in) - 1, 0, out, sizeof(out));
	assert_terminal_safe(out);
	assert_int_equal(text_utf8_length(out), 4 + 2 + 3 + 2 + 1);
}

static void
test_sanitize_bidi_and_newlines(void **state)
{
	const char *in = "x\xe2\x80\xaey\xe2\x81\xa6z\nw\tv";
	char out[256];

	(void)state;
	text_sanitize_buf(in, strlen(in), 0, out, sizeof(out));
	assert_terminal_safe(out);
	assert_null(strchr(out, '\n'));
	text_sanitize_buf(in, strlen(in), TEXT_KEEP_NEWLINES, out, sizeof(out));
	assert_non_null(strchr(out, '\n'));
}

static void
test_sanitize_truncates_on_boundary(void **state)
{
	const char *in = "\xc3\xa4\xc3\xa4\xc3\xa4"; /* äää */
	char out[6];
	size_t n;

	(void)state;
	n = text_sanitize_buf(in, strlen(in), 0, out, sizeof(out));
	assert_int_equal(n, 4);
	assert_string_equal(out, "\xc3\xa4\xc3\xa4");
}

static void
test_sanitize_large_hostile(void **state)
{
	size_t len = 10 * 1024, i;
	char *in = malloc(len), *out = NULL;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < len; i++)
		in[i] = (char)(i * 37 + 11);
	out = text_sanitize(in, len, TEXT_KEEP_NEWLINES);
	assert_non_null(out);
	for (i = 0; out[i] != '\0'; i++) {
		if (out[i] == '\n')
			out[i] = ' ';
	}
	assert_terminal_safe(out);
	free(out);
	free(in);
}

static void
test_check_line(void **state)
{
	const char *why = NULL;

	(void)state;
	assert_int_equal(text_check_line("Anna", 1, 10, &why), 0);
	assert_int_equal(text_check_line("", 1, 10, &why), MB_ERR_INVALID);
	assert_int_equal(
	    text_check_line("Ann\na", 1, 10, &why), MB_ERR_INVALID);
	assert_int_equal(
	    text_check_line("Ann\x1b[a", 1, 10, &why), MB_ERR_INVALID);
	assert_int_equal(text_check_line(" Anna", 1, 10, &why), MB_ERR_INVALID);
	assert_int_equal(
	    text_check_line("\xc3\xa4\xc3\xa4\xc3\xa4", 1, 3, &why), 0);
	assert_int_equal(
	    text_check_line("\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4", 1, 3, &why),
	    MB_ERR_INVALID);
	assert_int_equal(text_check_line("a\xff", 1, 10, &why), MB_ERR_INVALID);
	assert_int_equal(text_check_block("line\nline\ttab", 100, &why), 0);
	assert_int_equal(text_check_block("bell\a", 100, &why), MB_ERR_INVALID);
}

static void
test_display_name(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(
	    text_display_name("Anna", "Kowalski", out, sizeof(out)), 0);
	assert_string_equal(out, "Anna K.");
	assert_int_equal(text_display_name("Zo\xc3\xab", "\xc3\xb6zt\xc3\xbcrk",
			     out, sizeof(out)),
	    0);
	assert_string_equal(out, "Zo\xc3\xab \xc3\x96.");
	/* A non-Latin surname keeps its own letter. */
	assert_int_equal(text_display_name("Dmitri",
			     "\xd0\xb8\xd0\xb2\xd0\xb0"
			     "\xd0\xbd\xd0\xbe\xd0\xb2",
			     out, sizeof(out)),
	    0);
	assert_string_equal(out, "Dmitri \xd0\x98.");
	assert_int_equal(text_display_name("Kenji", "\xe5\xb1\xb1\xe7\x94\xb0",
			     out, sizeof(out)),
	    0);
	assert_string_equal(out, "Kenji \xe5\xb1\xb1.");
	/* What is not a letter is skipped: "'t Hooft" starts with t. */
	assert_int_equal(
	    text_display_name("Jan", "'t Hooft", out, sizeof(out)), 0);
	assert_string_equal(out, "Jan T.");
	/* A decomposed accent stays with its letter. */
	assert_int_equal(
	    text_display_name("Eva", "O\xcc\x88zil", out, sizeof(out)), 0);
	assert_string_equal(out, "Eva O\xcc\x88.");
	/* Never the whole surname. */
	assert_null(strstr(out, "zil"));
	assert_int_equal(
	    text_display_name("A", "\xff", out, sizeof(out)), MB_ERR_INVALID);
}

/* The name others see does not depend on the viewer's locale. */
static void
test_display_name_any_locale(void **state)
{
	char out[64];

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_int_equal(
	    text_display_name("Anna", "\xc3\xb6zdemir", out, sizeof(out)), 0);
	assert_string_equal(out, "Anna \xc3\x96.");
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
}

static void
test_width_and_fit(void **state)
{
	int used = 0;

	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(text_fit("\xe6\x97\xa5\xe6\x9c\xac", 3, &used), 3);
	assert_int_equal(used, 2);
}

/* Is s a name?  On refusal, does the reason mention want? */
static void
assert_name(const char *s, int ok, const char *want)
{
	char buf[256];
	const char *why = NULL;
	int rc = text_check_name(s, 64, buf, sizeof(buf), &why);

	if (ok) {
		assert_int_equal(rc, 0);
		return;
	}
	assert_int_equal(rc, MB_ERR_INVALID);
	assert_non_null(why);
	if (want != NULL && strstr(why, want) == NULL)
		fail_msg("\"%s\": \"%s\" lacks \"%s\"", s, why, want);
}

/* Letters of any script, marks on them, spaces, hyphens, apostrophes. */
static void
test_name_accepts_real_names(void **state)
{
	(void)state;
	assert_name("Anna", 1, NULL);
	assert_name("Anna-Lena", 1, NULL);
	assert_name("O'Brien", 1, NULL);
	assert_name("O\u2019Brien", 1, NULL);
	assert_name("'t Hooft", 1, NULL);
	assert_name("van der Berg", 1, NULL);
	assert_name("J\u00fcrgen", 1, NULL); /* precomposed u-umlaut */
	assert_name("Ju\u0308rgen", 1, NULL); /* u and a combining diaeresis */
	assert_name("Nguy\u1ec5n", 1, NULL);
	assert_name("Nguye\u0302\u0303n", 1, NULL); /* two marks on e */
	assert_name("\u5f20\u4f1f", 1, NULL); /* Chinese */
	assert_name("\uae40\ubbfc\uc900", 1, NULL); /* Korean */
	assert_name("\u0905\u0928\u093f\u0932", 1, NULL); /* Devanagari */
	assert_name("\u0645\u062d\u0645\u062f", 1, NULL); /* Arabic */
	assert_name("\u0391\u03bd\u03bd\u03b1", 1, NULL); /* Greek */
	assert_name("\u0410\u043d\u043d\u0430", 1, NULL); /* Cyrillic */
}

/* Invisible code points make look-alike or blank names: each is refused,
 * named by its number. */
static void
test_name_refuses_invisible(void **state)
{
	(void)state;
	assert_name("An\u200bna", 0, "invisible character (U+200B)");
	assert_name("An\u200cna", 0, "U+200C");
	assert_name("An\u200dna", 0, "U+200D");
	assert_name("An\u2060na", 0, "U+2060");
	assert_name("An\u00adna", 0, "U+00AD"); /* soft hyphen */
	assert_name("An\u034fna", 0, "U+034F"); /* grapheme joiner */
	assert_name("Anna\ufe0f", 0, "U+FE0F"); /* variation selector */
	assert_name("Anna\U000e0100", 0, "U+E0100");
	assert_name("\u3164", 0, "U+3164"); /* Hangul filler */
	assert_name("Anna \u3164", 0, "U+3164");
	assert_name("\u115f\u1160", 0, "U+115F");
	assert_name("\uffa0", 0, "U+FFA0");
	assert_name("\u2800", 0, NULL); /* Braille blank */
	assert_name("Anna\u00a0Lena", 0, "U+00A0"); /* no-break space */
	assert_name("Anna\u3000Lena", 0, "U+3000");
	assert_name("\u17b4", 0, "U+17B4");
	assert_name("Anna\U000e0041", 0, "U+E0041"); /* tag letter */
	/* Bidirectional and line controls stay refused as before. */
	assert_name("An\u202ena", 0, NULL);
	assert_name("An\u2028na", 0, NULL);
}

/* Digits, symbols, emoji, stray marks, blank names. */
static void
test_name_refuses_the_rest(void **state)
{
	char zalgo[64];
	size_t i, o = 0;

	(void)state;
	assert_name("Anna2", 0, "\"2\" (U+0032)");
	assert_name("Anna!", 0, "U+0021");
	assert_name("Anna_K", 0, "U+005F");
	assert_name("Anna \U0001f600", 0, "U+1F600");
	assert_name("\u0301Anna", 0, "mark (U+0301) on no letter");
	assert_name("Anna \u0301", 0, "on no letter");
	assert_name("-", 0, "no letter");
	assert_name("' -", 0, "no letter");
	assert_name("", 0, NULL);
	assert_name(" Anna", 0, NULL);
	/* NAME_MARKS_MAX marks on one letter, not one more. */
	zalgo[o++] = 'A';
	for (i = 0; i < NAME_MARKS_MAX; i++) {
		zalgo[o++] = '\xcc';
		zalgo[o++] = '\x81'; /* U+0301 */
	}
	zalgo[o] = '\0';
	assert_name(zalgo, 1, NULL);
	zalgo[o++] = '\xcc';
	zalgo[o++] = '\x81';
	zalgo[o] = '\0';
	assert_name(zalgo, 0, "marks on one letter");
	/* The limit of characters holds, as for any line. */
	assert_int_equal(text_check_name("Annabelle", 8, zalgo, sizeof(zalgo),
			     &(const char *){ NULL }),
	    MB_ERR_INVALID);
}

/* The table of marks: the first and last of a range, not beside it. */
static void
test_is_mark(void **state)
{
	(void)state;
	assert_true(text_is_mark(0x0300));
	assert_true(text_is_mark(0x036f));
	assert_false(text_is_mark(0x02ff));
	assert_false(text_is_mark(0x0370));
	assert_true(text_is_mark(0x094d)); /* Devanagari virama */
	assert_true(text_is_mark(0xe01ef));
	assert_false(text_is_mark(0x200b));
	assert_false(text_is_mark('A'));
	assert_false(text_is_mark(0x10ffff));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_escape_sequences),
		cmocka_unit_test(test_sanitize_keeps_unicode),
		cmocka_unit_test(test_sanitize_invalid_utf8),
		cmocka_unit_test(test_sanitize_bidi_and_newlines),
		cmocka_unit_test(test_sanitize_truncates_on_boundary),
		cmocka_unit_test(test_sanitize_large_hostile),
		cmocka_unit_test(test_check_line),
		cmocka_unit_test(test_display_name),
		cmocka_unit_test(test_name_accepts_real_names),
		cmocka_unit_test(test_name_refuses_invisible),
		cmocka_unit_test(test_name_refuses_the_rest),
		cmocka_unit_test(test_is_mark),
		cmocka_unit_test(test_display_name_any_locale),
		cmocka_unit_test(test_width_and_fit),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
