/*
 * Fuzz target for cv: any bytes go through cv_clean, and what it says must
 * hold together.  Besides memory errors and leaks (on the longjmp paths
 * above all), it aborts when:
 *   - a failure has no reason, or a success has one, or no copy;
 *   - cv_check_header, on the whole input or on its first half, refuses
 *     what cv_clean accepts, or for another reason than cv_clean's;
 *   - the copy is refused when cleaned again, or comes out different.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A header check on len bytes must agree with cv_clean on the whole. */
static void
fuzz_cv_header_agrees(
    const uint8_t *data, size_t len, int clean_rc, const char *clean_why)
{
	struct cv_info info;
	const char *why = NULL;
	int rc;

	rc = cv_check_header(data, len, &info, &why);
	if (rc == 0) {
		if (why != NULL)
			abort();
		return;
	}
	if (why == NULL || rc != clean_rc || strcmp(why, clean_why) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cv_info info, again_info;
	const char *why = NULL, *again_why = NULL;
	uint8_t *out = NULL, *again = NULL;
	size_t out_len = 0, again_len = 0;
	int rc;

	rc = cv_clean(data, size, &out, &out_len, &info, &why);
	if (rc != 0) {
		if (why == NULL || out != NULL || out_len != 0)
			abort();
	} else if (why != NULL || out == NULL || out_len != info.bytes ||
	    info.width == 0 || info.height == 0)
		abort();

	fuzz_cv_header_agrees(data, size, rc, why);
	/* A prefix of an oversized input may be refused for what it holds. */
	if (size <= CV_MAX_BYTES)
		fuzz_cv_header_agrees(data, size / 2, rc, why);

	if (rc == 0) {
		rc = cv_clean(
		    out, out_len, &again, &again_len, &again_info, &again_why);
		if (rc != 0 || again_len != out_len ||
		    memcmp(again, out, out_len) != 0 ||
		    again_info.width != info.width ||
		    again_info.height != info.height)
			abort();
	}
	free(again);
	free(out);
	return 0;
}
