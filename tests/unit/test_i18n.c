/*
 * Unit tests of common/i18n.c: the languages a locale and the environment
 * name, and switching the language a process speaks.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "i18n.h"

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

/*
 * The language switches at once, back and forth, also under the "C"
 * locale (i18n_init moves LC_MESSAGES to C.UTF-8, where gettext reads
 * LANGUAGE); i18n_use returns the language spoken before.
 */
static void
test_switching(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	i18n_init();
	assert_string_equal(setlocale(LC_MESSAGES, NULL), "C.UTF-8");
	assert_non_null(bindtextdomain(MB_TEXT_DOMAIN, TEST_LOCALEDIR));
	assert_int_equal(i18n_current(), I18N_EN);
	assert_string_equal(_("Search"), "Search");
	assert_int_equal(i18n_use(I18N_DE), I18N_EN);
	assert_string_equal(_("Search"), "Suche");
	assert_string_equal(_("My account"), "Mein Konto");
	assert_int_equal(i18n_use(I18N_EN), I18N_DE);
	assert_string_equal(_("Search"), "Search");
	assert_int_equal(i18n_use(I18N_DE), I18N_EN);
	assert_string_equal(_("Search"), "Suche");
	(void)i18n_use(I18N_EN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_of_locale),
		cmocka_unit_test(test_language_codes),
		cmocka_unit_test(test_language_of_environment),
		cmocka_unit_test(test_switching),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
