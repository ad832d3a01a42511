/*
 * ical: an iCalendar (RFC 5545) event for a meeting, as calendar programs
 * import it: CRLF line ends, lines folded at 75 octets (never inside a
 * UTF-8 character), TEXT values escaped (\ ; , and newlines), times in
 * UTC ("Z"), a UID that names the meeting on this board for good, and a
 * DTSTAMP.
 */
#ifndef MB_ICAL_H
#define MB_ICAL_H

#include <stddef.h>
#include <stdint.h>

#define ICAL_LINE_OCTETS 75 /* RFC 5545 3.1: octets per line, CRLF aside */
#define ICAL_TEXT_MAX (16 * 1024) /* bytes of a whole calendar */

struct ical_event {
	const char *uid; /* unique for good: "meeting-12@board.example" */
	int64_t stamp; /* when it was made (DTSTAMP) */
	int64_t start; /* UTC seconds */
	int minutes;
	const char *summary;
	const char *location;
	const char *description; /* may be NULL */
};

/*
 * The calendar with one event ev into *out (the caller frees it), *len
 * its length.  Returns 0, or MB_ERR_INVALID when a field is missing, not
 * UTF-8, or the whole would pass ICAL_TEXT_MAX.
 */
int ical_event(const struct ical_event *ev, char **out, size_t *len);

#endif
