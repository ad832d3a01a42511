/* i18n: the text domain, its catalogs, and the language spoken. */
#include <ctype.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "log.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif
/* Where msgfmt puts the catalogs, from the directory of the programs. */
#ifndef BUILD_LOCALEDIR_REL
#define BUILD_LOCALEDIR_REL "build/locale"
#endif

static const struct {
	const char *code;
	const char *name; /* in the language itself */
} i18n_languages[I18N_LANGUAGES] = {
	[I18N_EN] = { "en", "English" },
	[I18N_DE] = { "de", "Deutsch" },
};

static enum i18n_language i18n_spoken = I18N_EN;
static char i18n_dir[PATH_MAX] = LOCALEDIR;

/*
 * The build tree's catalogs into i18n_dir when this program runs from its
 * build tree (the directory exists beside it); 0 if so, else -1.
 */
static int
i18n_build_dir(void)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	struct stat sb;
	ssize_t n;
	int len;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	len = snprintf(
	    dir, sizeof(dir), "%s/%s", dirname(exe), BUILD_LOCALEDIR_REL);
	if (len < 0 || (size_t)len >= sizeof(dir) || stat(dir, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode))
		return -1;
	memcpy(i18n_dir, dir, (size_t)len + 1);
	return 0;
}

void
i18n_init(void)
{
	/* Where the catalogs are does not change while the program runs:
	 * found once (a readlink of /proc/self/exe and a stat), and a
	 * mentor forked from the factory, which found it, inherits it. */
	static int located;
	const char *messages = setlocale(LC_MESSAGES, NULL);

	if (!located) {
		(void)i18n_build_dir();
		located = 1;
	}
	/* gettext ignores LANGUAGE under the "C" locale; C.UTF-8 is
	 * everywhere and lets it choose the catalog. */
	if (messages == NULL || strcmp(messages, "C") == 0 ||
	    strcmp(messages, "POSIX") == 0) {
		if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
			log_warn("no C.UTF-8 locale; messages stay in English");
	}
	if (bindtextdomain(MB_TEXT_DOMAIN, i18n_dir) == NULL)
		log_warn("bindtextdomain failed; messages stay in English");
	if (bind_textdomain_codeset(MB_TEXT_DOMAIN, "UTF-8") == NULL)
		log_warn("bind_textdomain_codeset failed");
	(void)i18n_use(I18N_EN);
}

const char *
i18n_locale_dir(void)
{
	return i18n_dir;
}

const char *
i18n_code(enum i18n_language lang)
{
	return i18n_languages[lang < I18N_LANGUAGES ? lang : I18N_EN].code;
}

const char *
i18n_name(enum i18n_language lang)
{
	return i18n_languages[lang < I18N_LANGUAGES ? lang : I18N_EN].name;
}

int
i18n_parse(const char *code, enum i18n_language *out)
{
	if (code == NULL)
		return MB_ERR_INVALID;
	if (strcasecmp(code, "en") == 0 || strcasecmp(code, "english") == 0) {
		*out = I18N_EN;
		return 0;
	}
	if (strcasecmp(code, "de") == 0 || strcasecmp(code, "deutsch") == 0 ||
	    strcasecmp(code, "german") == 0) {
		*out = I18N_DE;
		return 0;
	}
	return MB_ERR_INVALID;
}

int
i18n_from_locale(const char *value, enum i18n_language *out)
{
	size_t len, i;

	if (value == NULL)
		return MB_ERR_INVALID;
	len = strlen(value);
	if (len == 0 || len >= I18N_LOCALE_VALUE_MAX)
		return MB_ERR_INVALID;
	/* language[_territory][.codeset][@modifier], or C, POSIX. */
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)value[i];

		if (!isalnum(ch) && ch != '_' && ch != '.' && ch != '-' &&
		    ch != '@')
			return MB_ERR_INVALID;
	}
	for (i = 0; i < len && isalpha((unsigned char)value[i]); i++)
		continue;
	if (i == 0 ||
	    (i < len && value[i] != '_' && value[i] != '.' && value[i] != '@'))
		return MB_ERR_INVALID;
	*out = i == 2 && strncasecmp(value, "de", 2) == 0 ? I18N_DE : I18N_EN;
	return 0;
}

enum i18n_language
i18n_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	enum i18n_language lang = I18N_EN;
	char first[I18N_LOCALE_VALUE_MAX];
	const char *v = getenv("LANGUAGE");
	size_t i;

	if (v != NULL && v[0] != '\0') {
		(void)snprintf(
		    first, sizeof(first), "%.*s", (int)strcspn(v, ":"), v);
		if (i18n_from_locale(first, &lang) == 0)
			return lang;
	}
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		v = getenv(vars[i]);
		if (v != NULL && v[0] != '\0')
			return i18n_from_locale(v, &lang) == 0 ? lang : I18N_EN;
	}
	return I18N_EN;
}

enum i18n_language
i18n_current(void)
{
	return i18n_spoken;
}

enum i18n_language
i18n_use(enum i18n_language lang)
{
	enum i18n_language before = i18n_spoken;

	if (lang >= I18N_LANGUAGES)
		lang = I18N_EN;
	if (setenv("LANGUAGE", i18n_languages[lang].code, 1) != 0)
		log_warn("setenv LANGUAGE failed");
	/* A new text domain call flushes gettext's cache of translations. */
	if (textdomain(MB_TEXT_DOMAIN) == NULL)
		log_warn("textdomain failed");
	i18n_spoken = lang;
	return before;
}
