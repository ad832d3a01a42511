/* i18n: binding the gettext text domain. */
#include <libintl.h>

#include "i18n.h"
#include "log.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void
i18n_init(const char *dir)
{
	if (bindtextdomain(MB_TEXT_DOMAIN, dir != NULL ? dir : LOCALEDIR) ==
	    NULL)
		log_warn("bindtextdomain failed; messages stay in English");
	if (bind_textdomain_codeset(MB_TEXT_DOMAIN, "UTF-8") == NULL)
		log_warn("bind_textdomain_codeset failed");
	if (textdomain(MB_TEXT_DOMAIN) == NULL)
		log_warn("textdomain failed");
}
