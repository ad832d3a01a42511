/*
 * screens: every screen of mentor, one file each (scr_*.c).  Commands with
 * a screen name it here for their deep links.
 */
#ifndef MB_SCREENS_H
#define MB_SCREENS_H

#include "ui.h"

extern const struct screen scr_home;

/* The programme's steps, in the words of the founding document. */
const char *scr_home_programme_text(void);

#endif
