/*
 * Unit tests of common/fold.c and common/i18n.c: search text folded the
 * German way, and the languages a locale names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "fold.h"
#include "i18n.h"

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

static void
test_language_of_locale(void **state)
{
	static const struct {
		const char *value;
		int rc;
		enum i18n_language want;
	} cases[] = {
		{ "de_DE.UTF-8", 0, I18N_DE },
		{ "de_AT.utf8", 0, I18N_DE },
		{ "de_CH", 0, I18N_DE },
		{ "de", 0, I18N_DE },
		{ "de_DE@euro", 0, I18N_DE },
		{ "DE_de.UTF-8", 0, I18N_DE },
		{ "en_GB.UTF-8", 0, I18N_EN },
		{ "fr_FR.UTF-8", 0, I18N_EN },
		{ "C", 0, I18N_EN },
		{ "C.UTF-8", 0, I18N_EN },
		{ "POSIX", 0, I18N_EN },
		{ "deu_DE", 0, I18N_EN },
		{ "", MB_ERR_INVALID, I18N_EN },
		{ "de;rm -rf", MB_ERR_INVALID, I18N_EN },
		{ "../../de", MB_ERR_INVALID, I18N_EN },
		{ "_DE", MB_ERR_INVALID, I18N_EN },
		{ "de DE", MB_ERR_INVALID, I18N_EN },
		{ "dexxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		  "xxxxx",
		    MB_ERR_INVALID, I18N_EN },
	};
	enum i18n_language lang;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lang = I18N_EN;
		assert_int_equal(
		    i18n_from_locale(cases[i].value, &lang), cases[i].rc);
		if (cases[i].rc == 0)
			assert_int_equal(lang, cases[i].want);
	}
}

static void
test_language_codes(void **state)
{
	enum i18n_language lang = I18N_EN;

	(void)state;
	assert_int_equal(i18n_parse("de", &lang), 0);
	assert_int_equal(lang, I18N_DE);
	assert_int_equal(i18n_parse("Deutsch", &lang), 0);
	assert_int_equal(lang, I18N_DE);
	assert_int_equal(i18n_parse("en", &lang), 0);
	assert_int_equal(lang, I18N_EN);
	assert_int_equal(i18n_parse("fr", &lang), MB_ERR_INVALID);
	assert_int_equal(i18n_parse("", &lang), MB_ERR_INVALID);
	assert_string_equal(i18n_code(I18N_DE), "de");
	assert_string_equal(i18n_name(I18N_DE), "Deutsch");
}

/* The environment's language: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG. */
static void
test_language_of_environment(void **state)
{
	(void)state;
	(void)unsetenv("LANGUAGE");
	(void)unsetenv("LC_ALL");
	(void)unsetenv("LC_MESSAGES");
	(void)setenv("LANG", "de_DE.UTF-8", 1);
	assert_int_equal(i18n_from_env(), I18N_DE);
	(void)setenv("LC_MESSAGES", "en_US.UTF-8", 1);
	assert_int_equal(i18n_from_env(), I18N_EN);
	(void)setenv("LC_ALL", "de_AT.UTF-8", 1);
	assert_int_equal(i18n_from_env(), I18N_DE);
	(void)setenv("LANGUAGE", "en:de", 1);
	assert_int_equal(i18n_from_env(), I18N_EN);
	(void)setenv("LANGUAGE", "de", 1);
	(void)setenv("LC_ALL", "C", 1);
	assert_int_equal(i18n_from_env(), I18N_DE);
	(void)unsetenv("LANGUAGE");
	(void)setenv("LC_ALL", "x y", 1);
	assert_int_equal(i18n_from_env(), I18N_EN);
	(void)unsetenv("LC_ALL");
	(void)unsetenv("LC_MESSAGES");
	(void)unsetenv("LANG");
	assert_int_equal(i18n_from_env(), I18N_EN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_german),
		cmocka_unit_test(test_fold_variants),
		cmocka_unit_test(test_fold_refuses_bad_utf8),
		cmocka_unit_test(test_language_of_locale),
		cmocka_unit_test(test_language_codes),
		cmocka_unit_test(test_language_of_environment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
