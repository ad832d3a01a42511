/* Unit tests of common/fold.c: search text folded the German way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fold.h"

static void
expect_fold(const char *text, unsigned flags, const char *want)
{
	char *got = fold_search(text, flags);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_fold_german(void **state)
{
	(void)state;
	/* Umlauts written out, ß (and capital ẞ) as ss, case folded. */
	expect_fold("S\xc3\xb6ren", 0, "soeren");
	expect_fold("Stra\xc3\x9f"
		    "e",
	    0, "strasse");
	expect_fold("STRA\xe1\xba\x9e"
		    "E",
	    0, "strasse");
	expect_fold("\xc3\x84rger \xc3\x9c"
		    "bel \xc3\x96l",
	    0, "aerger uebel oel");
	/* NFD (o + U+0308) is NFC: the same as the precomposed ö. */
	expect_fold("So\xcc\x88ren", 0, "soeren");
	expect_fold("SO\xcc\x88REN", 0, "soeren");
	/* What is typed plainly stays as it is. */
	expect_fold("soeren strasse", 0, "soeren strasse");
	expect_fold("", 0, "");
	/* Other accents are FTS5's to remove: kept, in NFC. */
	expect_fold("Caf\xc3\xa9", 0, "caf\xc3\xa9");
	expect_fold("Cafe\xcc\x81", 0, "caf\xc3\xa9");
	/* Punctuation and spacing are kept; only letters change. */
	expect_fold("M\xc3\xbcller-L\xc3\xbc"
		    "denscheid, 12",
	    0, "mueller-luedenscheid, 12");
}

static void
test_fold_variants(void **state)
{
	(void)state;
	/* For the index: each umlaut word also without dots, at the end. */
	expect_fold("S\xc3\xb6ren", FOLD_VARIANTS, "soeren soren");
	expect_fold("Anna S\xc3\xb6ren und M\xc3\xbcller", FOLD_VARIANTS,
	    "anna soeren und mueller soren muller");
	expect_fold("Stra\xc3\x9f"
		    "e",
	    FOLD_VARIANTS, "strasse");
	expect_fold("plain text", FOLD_VARIANTS, "plain text");
	expect_fold("So\xcc\x88ren", FOLD_VARIANTS, "soeren soren");
}

static void
test_fold_refuses_bad_utf8(void **state)
{
	(void)state;
	assert_null(fold_search("ok \xff", 0));
	assert_null(fold_search("\xc3", FOLD_VARIANTS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_german),
		cmocka_unit_test(test_fold_variants),
		cmocka_unit_test(test_fold_refuses_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
