/*
 * i18n: every string a user sees goes through _() (text domain
 * "mentorboard"); N_() marks strings in tables that are translated where
 * they are drawn.
 */
#ifndef MB_I18N_H
#define MB_I18N_H

#include <libintl.h>

#define MB_TEXT_DOMAIN "mentorboard"
#define _(s) gettext(s)
#define N_(s) (s)

/*
 * Bind the text domain to the catalogs under dir (NULL: the compiled-in
 * LOCALEDIR).  Call after setlocale().
 */
void i18n_init(const char *dir);

#endif
