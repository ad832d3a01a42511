/*
 * i18n: every string a user sees goes through _() (text domain
 * "mentorboard"); N_() marks strings in tables that are translated where
 * they are drawn.
 *
 * The board speaks English (the source language) and German.  Which one a
 * process speaks is process-wide state, like gettext's: mentor takes it
 * from the member's setting or, for a guest, the client's locale; a rule
 * that writes to someone else (a mail) switches to the recipient's
 * language with i18n_use while it composes, and back.  Switching works
 * without any German locale installed on the host: LC_MESSAGES is kept at
 * C.UTF-8 and the language goes into LANGUAGE, which gettext honours then.
 */
#ifndef MB_I18N_H
#define MB_I18N_H

#include <libintl.h>

#define MB_TEXT_DOMAIN "mentorboard"
#define _(s) gettext(s)
#define N_(s) (s)

enum i18n_language {
	I18N_EN, /* English, the source language */
	I18N_DE, /* German */
	I18N_LANGUAGES,
};

#define I18N_CODE_MAX 3 /* bytes of a code ("de") with its NUL */
#define I18N_LOCALE_VALUE_MAX 64 /* bytes of a locale a client sends */

/*
 * Bind the text domain to the catalogs and speak English.  The catalogs
 * are the build tree's (msgfmt writes them there, BUILD_LOCALEDIR_REL
 * from the program's own directory) when the program runs from its
 * build tree, else the compiled-in LOCALEDIR (make install's).  Call
 * after setlocale().  Failures are logged; messages then stay English.
 */
void i18n_init(void);

/* The directory the catalogs are read from (after i18n_init). */
const char *i18n_locale_dir(void);

/* The code of a language as stored and typed: "en", "de". */
const char *i18n_code(enum i18n_language lang);

/* A language's own name, the same in every language: "English",
 * "Deutsch". */
const char *i18n_name(enum i18n_language lang);

/*
 * The language a code names: "en" or "de" (also "english", "deutsch",
 * "german"; any case).  0, or MB_ERR_INVALID for anything else.
 */
int i18n_parse(const char *code, enum i18n_language *out);

/*
 * The language of a POSIX locale a client sends in LANG or LC_*
 * ("de_AT.UTF-8", "de", "C"): German for de with any territory, codeset
 * or modifier, English for every other well-formed locale.  MB_ERR_INVALID
 * for an empty, overlong or malformed value (the caller then looks at the
 * next variable, or speaks English).
 */
int i18n_from_locale(const char *value, enum i18n_language *out);

/*
 * The language the environment asks for (LANGUAGE's first entry, then
 * LC_ALL, LC_MESSAGES, LANG); English when none names a language.
 */
enum i18n_language i18n_from_env(void);

/* The language this process speaks now. */
enum i18n_language i18n_current(void);

/*
 * Speak lang from now on: gettext's cache is flushed, so the next _()
 * looks in lang's catalog.  Returns the language spoken before, for
 * switching back after a mail to someone else.
 */
enum i18n_language i18n_use(enum i18n_language lang);

#endif
