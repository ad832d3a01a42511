/*
 * cv: the check of an uploaded CV.  A CV is a JPEG of bounded size; what is
 * stored is a lossless copy of it (the same DCT coefficients) without any
 * metadata: no EXIF (and so no GPS position), no XMP, no ICC profile, no
 * comment, nothing after the end of the image.
 */
#ifndef MB_CV_H
#define MB_CV_H

#include <stddef.h>
#include <stdint.h>

/* Upload size limit: "larger than 5 MiB". */
#define CV_MAX_BYTES (5 * 1024 * 1024)
/* Image size limits: width * height, and either dimension. */
#define CV_MAX_PIXELS 24000000
#define CV_MAX_SIDE 12000

/*
 * Second guards, for what the limits above do not bound by themselves.
 * CV_MAX_MEMORY is libjpeg's max_memory_to_use, checked when it allocates
 * the whole-image coefficient arrays: those of the largest image allowed
 * take 2 bytes per pixel and component, 192 MB for 24 megapixels in CMYK,
 * so it is never reached by a file that passed the header checks.
 * CV_MAX_SCANS bounds the passes over the image a progressive file can ask
 * for (ten is usual), CV_MAX_CLEAN_BYTES the re-encoded copy (an
 * arithmetic-coded input can grow when written with Huffman codes).
 */
#define CV_MAX_MEMORY (256L * 1024 * 1024)
#define CV_MAX_SCANS 100
#define CV_MAX_CLEAN_BYTES (2 * CV_MAX_BYTES)

struct cv_info {
	unsigned width;
	unsigned height;
	size_t bytes; /* of the cleaned copy */
};

/*
 * Check that data (len bytes, untrusted; NULL when len is 0) is a JPEG
 * within the limits above and make a copy without metadata.  The limits are
 * checked from the header before anything is decoded; then every scan is
 * decoded, so that a truncated or damaged file is refused, and the
 * coefficients are written again with optimised Huffman tables and only the
 * JFIF or Adobe marker libjpeg needs.
 *
 * On success returns 0, *out (malloc'd, the caller frees it) and *out_len
 * hold the cleaned JPEG, *info describes it and *why is NULL.
 *
 * On failure *out is NULL, *out_len 0, and returns MB_ERR_INVALID or
 * MB_ERR_LIMIT with *why pointing to a short English reason for the user
 * (a static string: "larger than 5 MiB", "not a JPEG", "damaged or
 * incomplete JPEG", "image too large (more than 24 megapixels)", "image has
 * no pixels" or "unsupported JPEG"), or MB_ERR_NOMEM (*why "out of memory")
 * when an allocation failed.  info->width and info->height hold the
 * declared size when the header got that far, 0 otherwise.  The details go
 * to the debug log.
 */
int cv_clean(const uint8_t *data, size_t len, uint8_t **out, size_t *out_len,
    struct cv_info *info, const char **why);

/*
 * Check only the header (size, magic, dimensions, components, coding
 * process) without decoding the image: used to refuse early while an upload
 * is still arriving, so data may be only its first len bytes.  Same reasons
 * and codes as cv_clean, and a file cv_check_header refuses is refused by
 * cv_clean for the same reason.
 *
 * Returns 0 when nothing is wrong so far.  info->width and info->height are
 * then the declared size, or 0 when data ends before the whole header
 * (through the first SOS marker) has arrived; info->bytes is always 0.
 */
int cv_check_header(
    const uint8_t *data, size_t len, struct cv_info *info, const char **why);

#endif
