/*
 * screens: every screen of mentor, one file each (scr_*.c).  Commands with
 * a screen name it here for their deep links.
 */
#ifndef MB_SCREENS_H
#define MB_SCREENS_H

#include "ui.h"

extern const struct screen scr_home;
extern const struct screen scr_privacy;
extern const struct screen scr_register;
extern const struct screen scr_registered;
extern const struct screen scr_verify;
extern const struct screen scr_reset;
extern const struct screen scr_password;
extern const struct screen scr_account;
extern const struct screen scr_keys;
extern const struct screen scr_key_add;
extern const struct screen scr_profile;
extern const struct screen scr_roles;
extern const struct screen scr_mentor;
extern const struct screen scr_application;
extern const struct screen scr_edit;
/* scr_edit's arg->index: a section of the application, or this. */
#define SCR_EDIT_HELP_TEXT STORE_NSECTIONS
extern const struct screen scr_fields;
extern const struct screen scr_cv;
extern const struct screen scr_search;
extern const struct screen scr_mentor_detail;
extern const struct screen scr_membership;
extern const struct screen scr_notifications;
extern const struct screen scr_requests;
extern const struct screen scr_request;
extern const struct screen scr_request_send;
extern const struct screen scr_request_answer;
extern const struct screen scr_membership_form;
extern const struct screen scr_access_code;
extern const struct screen scr_chats;
extern const struct screen scr_chat;
extern const struct screen scr_meeting_propose;
extern const struct screen scr_timezone;
extern const struct screen scr_agreements;
extern const struct screen scr_agreement;
extern const struct screen scr_agreement_edit;
extern const struct screen scr_agreement_comment;
extern const struct screen scr_agreement_history;
extern const struct screen scr_mentorship_end;
extern const struct screen scr_certificate;
extern const struct screen scr_export;
extern const struct screen scr_erase;
extern const struct screen scr_support;
extern const struct screen scr_support_thread;
extern const struct screen scr_support_write;
extern const struct screen scr_report;
extern const struct screen scr_report_chat;
extern const struct screen scr_sysop;
extern const struct screen scr_sysop_page;
extern const struct screen scr_backup;

/*
 * Run an admin command line as this session's sysop; *out (the caller
 * frees it, may be NULL) gets what it printed and its errors.  Returns
 * its CLI_* status.
 */
int scr_sysop_run(struct ui *ui, const char *command, char **out);

struct eligibility;

/*
 * Draw what is missing before the viewer can write to a mentor (or that
 * nothing is) at row y, column x of win, cols wide, each reason and its
 * fix on two lines or, compact, on one; returns the next row.
 */
int scr_draw_eligibility(struct ui *ui, const struct eligibility *e,
    WINDOW *win, int y, int x, int cols, int compact);

/* The scp command that uploads a CV as the viewer. */
void scr_cv_upload_command(const struct app *app, char *out, size_t size);

/* The programme's steps, in the words of the founding document. */
const char *scr_home_programme_text(void);

/* The privacy notice, in full. */
const char *scr_privacy_text(void);

/* The screen a session starts on: home, or the verify screen. */
const struct screen *scr_start(const struct viewer *v);

#endif
