/* Unit tests of common/translit.c: names read right on an ASCII terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "translit.h"

/* The ASCII form of in, as a string the test frees. */
static void
assert_ascii(const char *in, const char *want)
{
	char *got = translit_ascii_dup(in);

	assert_string_equal(got, want);
	assert_true(translit_is_ascii(got));
	free(got);
}

static void
test_german_as_typed_without_umlauts(void **state)
{
	(void)state;
	assert_ascii("S\xc3\xb6ren", "Soeren");
	assert_ascii("Stra\xc3\x9f"
		     "e",
	    "Strasse");
	assert_ascii("\xc3\x84rger \xc3\x96l \xc3\x9c"
		     "bel",
	    "Aerger Oel Uebel");
	assert_ascii("M\xc3\xbcller", "Mueller");
	assert_ascii("GRO\xe1\xba\x9e", "GROSS");
	/* The same letters written apart (NFD): a vowel and U+0308. */
	assert_ascii("So\xcc\x88ren", "Soeren");
	assert_ascii("U\xcc\x88"
		     "ber",
	    "Ueber");
}

static void
test_other_accents_dropped(void **state)
{
	(void)state;
	assert_ascii("Jos\xc3\xa9 Fran\xc3\xa7ois", "Jose Francois");
	assert_ascii("\xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82w", "Lukasz Zolw");
	assert_ascii("Ji\xc5\x99\xc3\xad \xc4\x8c"
		     "apek",
	    "Jiri Capek");
	assert_ascii("\xc8\x98tefan", "Stefan");
	/* A combining accent on a letter that is no umlaut goes. */
	assert_ascii("Jose\xcc\x81", "Jose");
	assert_ascii("\xc3\x85sa \xc3\x98ystein", "Asa Oystein");
}

static void
test_marks_and_the_rest(void **state)
{
	(void)state;
	assert_ascii("a \xe2\x80\x94 b \xe2\x80\xa6", "a - b ...");
	assert_ascii("\xe2\x80\x9equoted\xe2\x80\x9c", "\"quoted\"");
	assert_ascii("5 \xe2\x82\xac", "5 EUR");
	assert_ascii("a\xc2\xa0"
		     "b",
	    "a b");
	/* No stand-in: one "?" per character, never a blank. */
	assert_ascii("\xe6\x97\xa5\xe6\x9c\xac", "??");
	assert_ascii("\xf0\x9f\x98\x80!", "?!");
	/* A byte that is not UTF-8. */
	assert_ascii("a\xff"
		     "b",
	    "a?b");
	assert_ascii("plain ASCII stays", "plain ASCII stays");
}

static void
test_cut_whole(void **state)
{
	char out[6];

	(void)state;
	/* "Stra" then "ss" does not fit in 5 bytes and a NUL: cut before. */
	assert_int_equal(translit_ascii("Stra\xc3\x9f"
					"e",
			     out, 6),
	    4);
	assert_string_equal(out, "Stra");
	assert_int_equal(translit_ascii("abc", out, 1), 0);
	assert_string_equal(out, "");
	assert_int_equal(translit_ascii("abc", out, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_german_as_typed_without_umlauts),
		cmocka_unit_test(test_other_accents_dropped),
		cmocka_unit_test(test_marks_and_the_rest),
		cmocka_unit_test(test_cut_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
