/*
 * cv: a CV upload checked and stripped of metadata with libjpeg, losslessly:
 * the DCT coefficients are read and written again (as "jpegtran -copy none"
 * does), so nothing but the image survives and no pixel changes.
 *
 * libjpeg reports a fatal error by calling error_exit, which must not
 * return; ours longjmps back to cv_run.  Every object the cleanup needs
 * lives in a struct cv_job that the caller of cv_run owns, and cv_run
 * changes no local variable after setjmp, so none has to be volatile and
 * one cleanup (cv_job_free) serves every path.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "cv.h"
#include "error.h"
#include "i18n.h"
#include "log.h"
#include "util.h"

#define CV_DEST_INITIAL_BYTES (64 * 1024) /* doubled as the copy grows */

_Static_assert(CV_MAX_BYTES == 5 * 1024 * 1024, "cv_why_size quotes it");
_Static_assert(CV_MAX_PIXELS == 24000000, "cv_why_too_large quotes it");
_Static_assert(CV_MAX_SIDE == 12000, "cv_why_too_wide quotes it");
_Static_assert(CV_MAX_CLEAN_BYTES >= CV_DEST_INITIAL_BYTES, "buffer sizes");

/* The reasons a user is shown: one static string each. */
static const char cv_why_size[] = N_("larger than 5 MiB");
static const char cv_why_not_jpeg[] = N_("not a JPEG");
static const char cv_why_damaged[] = N_("damaged or incomplete JPEG");
static const char cv_why_too_large[] =
    N_("image too large (more than 24 megapixels)");
static const char cv_why_too_wide[] =
    N_("image too wide or too tall (more than 12000 pixels a side)");
static const char cv_why_empty[] = N_("image has no pixels");
static const char cv_why_unsupported[] = N_("unsupported JPEG");
static const char cv_why_nomem[] = N_("out of memory");

/* Every JPEG starts with SOI and the 0xFF of the next marker. */
static const uint8_t cv_magic[] = { 0xFF, 0xD8, 0xFF };

/*
 * What a libjpeg error means for the user.  Errors not listed are about
 * the data being malformed: "damaged or incomplete JPEG".
 */
struct cv_reason {
	int code; /* J_MESSAGE_CODE */
	int rc;
	const char *why;
};

static const struct cv_reason cv_reasons[] = {
	{ JERR_NO_SOI, MB_ERR_INVALID, cv_why_not_jpeg },
	{ JERR_EMPTY_IMAGE, MB_ERR_INVALID, cv_why_empty },
	{ JERR_IMAGE_TOO_BIG, MB_ERR_LIMIT, cv_why_too_large },
	{ JERR_WIDTH_OVERFLOW, MB_ERR_LIMIT, cv_why_too_large },
	/* jmemnobs has no backing store: CV_MAX_MEMORY was reached. */
	{ JERR_NO_BACKING_STORE, MB_ERR_LIMIT, cv_why_too_large },
	{ JERR_OUT_OF_MEMORY, MB_ERR_NOMEM, cv_why_nomem },
	{ JERR_SOF_UNSUPPORTED, MB_ERR_INVALID, cv_why_unsupported },
	{ JERR_BAD_PRECISION, MB_ERR_INVALID, cv_why_unsupported },
	{ JERR_COMPONENT_COUNT, MB_ERR_INVALID, cv_why_unsupported },
	{ JERR_ARITH_NOTIMPL, MB_ERR_INVALID, cv_why_unsupported },
	{ JERR_NOT_COMPILED, MB_ERR_INVALID, cv_why_unsupported },
};

/* libjpeg's error manager, extended with the way back and the verdict. */
struct cv_error {
	struct jpeg_error_mgr pub; /* first: libjpeg hands us &pub */
	jmp_buf jump;
	int rc;
	const char *why;
};

/* A memory destination whose buffer we own, so that it is freed on every
 * path (jpeg_mem_dest loses track of a grown buffer when an error
 * interrupts the write) and can be capped. */
struct cv_dest {
	struct jpeg_destination_mgr pub; /* first: libjpeg hands us &pub */
	uint8_t *buf;
	size_t size;
	size_t len;
};

/* Everything one check holds; cv_job_free releases all of it. */
struct cv_job {
	/* Stop after the header (cv_check_header)? */
	int header_only;
	/* The size declared, once the header through the first SOS is read. */
	unsigned width;
	unsigned height;
	struct cv_error err;
	struct jpeg_source_mgr src;
	struct cv_dest dest;
	struct jpeg_progress_mgr progress;
	struct jpeg_decompress_struct decomp;
	struct jpeg_compress_struct comp;
};

static void cv_fail(j_common_ptr cinfo, int rc, const char *why)
    __attribute__((noreturn));

/* Give up on the file: back to the setjmp in cv_run. */
static void
cv_fail(j_common_ptr cinfo, int rc, const char *why)
{
	struct cv_error *err = (struct cv_error *)cinfo->err;

	err->rc = rc;
	err->why = why;
	longjmp(err->jump, 1);
}

/* Record a refusal found by our own checks, outside libjpeg. */
static int
cv_refuse(struct cv_job *job, int rc, const char *why)
{
	job->err.rc = rc;
	job->err.why = why;
	return rc;
}

/* libjpeg's messages go to the debug log, never to stderr. */
static void
cv_output_message(j_common_ptr cinfo)
{
	char msg[JMSG_LENGTH_MAX];

	(*cinfo->err->format_message)(cinfo, msg);
	log_debug("libjpeg: %s", msg);
}

/* Fatal libjpeg error: the default one would call exit(). */
static void
cv_error_exit(j_common_ptr cinfo)
{
	int code = cinfo->err->msg_code;
	size_t i;

	cv_output_message(cinfo);
	for (i = 0; i < nitems(cv_reasons); i++) {
		if (cv_reasons[i].code == code)
			cv_fail(cinfo, cv_reasons[i].rc, cv_reasons[i].why);
	}
	cv_fail(cinfo, MB_ERR_INVALID, cv_why_damaged);
}

/*
 * A libjpeg warning (msg_level -1) means corrupt data that libjpeg would
 * paper over: a scan cut short by a marker, a bad Huffman code, bytes
 * between markers.  A CV must decode cleanly, so the first warning refuses
 * the file, before the rest of a damaged image is decoded.
 */
static void
cv_emit_message(j_common_ptr cinfo, int msg_level)
{
	struct jpeg_error_mgr *err = cinfo->err;

	if (msg_level >= 0) {
		if (err->trace_level >= msg_level)
			(*err->output_message)(cinfo);
		return;
	}
	err->num_warnings++;
	(*err->output_message)(cinfo);
	cv_fail(cinfo, MB_ERR_INVALID, cv_why_damaged);
}

/*
 * Each scan of a progressive file is a pass over the whole image and can
 * be encoded in a few bytes: bound their number, so that a small file
 * cannot keep a session decoding for minutes.
 */
static void
cv_progress(j_common_ptr cinfo)
{
	j_decompress_ptr decomp;

	if (!cinfo->is_decompressor)
		return;
	decomp = (j_decompress_ptr)cinfo;
	if (decomp->input_scan_number > CV_MAX_SCANS) {
		log_debug("more than %d scans", CV_MAX_SCANS);
		cv_fail(cinfo, MB_ERR_LIMIT, cv_why_unsupported);
	}
}

/* libjpeg's start of reading: nothing to do, the whole input is in memory. */
static void
cv_source_init(j_decompress_ptr cinfo)
{
	(void)cinfo;
}

/*
 * The whole input is in the buffer from the start, so a request for more
 * means it ended early.  Suspending, rather than inventing an EOI as
 * jpeg_mem_src does, lets the header check tell "not arrived yet" from an
 * error, and makes jpeg_read_coefficients fail on a truncated scan.
 */
static boolean
cv_source_fill(j_decompress_ptr cinfo)
{
	(void)cinfo;
	return FALSE;
}

/* Skip a marker segment; past the end, the input is exhausted. */
static void
cv_source_skip(j_decompress_ptr cinfo, long num_bytes)
{
	struct jpeg_source_mgr *src = cinfo->src;

	if (num_bytes <= 0)
		return;
	if ((unsigned long)num_bytes > src->bytes_in_buffer) {
		src->next_input_byte += src->bytes_in_buffer;
		src->bytes_in_buffer = 0;
		return;
	}
	src->next_input_byte += num_bytes;
	src->bytes_in_buffer -= (size_t)num_bytes;
}

/* libjpeg's end of reading: nothing to give back. */
static void
cv_source_term(j_decompress_ptr cinfo)
{
	(void)cinfo;
}

/*
 * libjpeg's start of writing: the copy goes to a buffer of our own, with
 * malloc rather than xmalloc, so that running out of memory is the upload's
 * MB_ERR_NOMEM and not an abort.
 */
static void
cv_dest_init(j_compress_ptr cinfo)
{
	struct cv_dest *dest = (struct cv_dest *)cinfo->dest;
	j_common_ptr common = (j_common_ptr)cinfo;

	if (dest->buf == NULL) {
		dest->buf = malloc(CV_DEST_INITIAL_BYTES);
		if (dest->buf == NULL)
			cv_fail(common, MB_ERR_NOMEM, cv_why_nomem);
		dest->size = CV_DEST_INITIAL_BYTES;
	}
	dest->pub.next_output_byte = dest->buf;
	dest->pub.free_in_buffer = dest->size;
}

/* The buffer is full: double it, up to CV_MAX_CLEAN_BYTES. */
static boolean
cv_dest_grow(j_compress_ptr cinfo)
{
	struct cv_dest *dest = (struct cv_dest *)cinfo->dest;
	uint8_t *grown = NULL;
	size_t size;

	if (dest->size >= CV_MAX_CLEAN_BYTES) {
		log_debug("cleaned copy over %d bytes", CV_MAX_CLEAN_BYTES);
		cv_fail((j_common_ptr)cinfo, MB_ERR_LIMIT, cv_why_size);
	}
	size = dest->size * 2;
	if (size > CV_MAX_CLEAN_BYTES)
		size = CV_MAX_CLEAN_BYTES;
	grown = realloc(dest->buf, size);
	if (grown == NULL)
		cv_fail((j_common_ptr)cinfo, MB_ERR_NOMEM, cv_why_nomem);
	dest->pub.next_output_byte = grown + dest->size;
	dest->pub.free_in_buffer = size - dest->size;
	dest->buf = grown;
	dest->size = size;
	return TRUE;
}

/* libjpeg's end of writing: how much of the buffer the copy fills. */
static void
cv_dest_term(j_compress_ptr cinfo)
{
	struct cv_dest *dest = (struct cv_dest *)cinfo->dest;

	dest->len = dest->size - dest->pub.free_in_buffer;
}

/* Set up a job over data, for cv_clean unless header_only is set after;
 * nothing is allocated until cv_run. */
static void
cv_job_init(struct cv_job *job, const uint8_t *data, size_t len)
{
	memset(job, 0, sizeof(*job));

	job->decomp.err = jpeg_std_error(&job->err.pub);
	job->comp.err = &job->err.pub;
	job->err.pub.error_exit = cv_error_exit;
	job->err.pub.emit_message = cv_emit_message;
	job->err.pub.output_message = cv_output_message;

	job->src.next_input_byte = data;
	job->src.bytes_in_buffer = len;
	job->src.init_source = cv_source_init;
	job->src.fill_input_buffer = cv_source_fill;
	job->src.skip_input_data = cv_source_skip;
	job->src.resync_to_restart = jpeg_resync_to_restart;
	job->src.term_source = cv_source_term;

	job->dest.pub.init_destination = cv_dest_init;
	job->dest.pub.empty_output_buffer = cv_dest_grow;
	job->dest.pub.term_destination = cv_dest_term;

	job->progress.progress_monitor = cv_progress;
}

/* Free what a job holds, however far it got; the compressor goes first,
 * as it uses the decompressor's coefficient arrays. */
static void
cv_job_free(struct cv_job *job)
{
	jpeg_destroy_compress(&job->comp);
	jpeg_destroy_decompress(&job->decomp);
	free(job->dest.buf);
	job->dest.buf = NULL;
}

/*
 * The checks that need no libjpeg: the size and the first bytes.  With
 * partial set, data may be only the start of an upload, so fewer bytes than
 * the magic are not wrong yet.
 */
static int
cv_check_start(const uint8_t *data, size_t len, int partial, const char **why)
{
	size_t n;
	int cmp;

	if (len > CV_MAX_BYTES) {
		*why = cv_why_size;
		return MB_ERR_LIMIT;
	}
	n = len < sizeof(cv_magic) ? len : sizeof(cv_magic);
	if (n < sizeof(cv_magic) && !partial) {
		*why = cv_why_not_jpeg;
		return MB_ERR_INVALID;
	}
	if (n == 0)
		return 0;
	cmp = memcmp(data, cv_magic, n);
	if (cmp != 0) {
		*why = cv_why_not_jpeg;
		return MB_ERR_INVALID;
	}
	return 0;
}

/*
 * Read the header through the first SOS and check what it declares, before
 * libjpeg allocates anything for the image itself.  When data ends first,
 * a header-only job returns 0 with width and height still 0.
 */
static int
cv_read_header(struct cv_job *job)
{
	j_decompress_ptr decomp = &job->decomp;
	uint64_t pixels;
	int ret;

	ret = jpeg_read_header(decomp, TRUE);
	if (ret == JPEG_SUSPENDED && job->header_only)
		return 0;
	if (ret != JPEG_HEADER_OK)
		return cv_refuse(job, MB_ERR_INVALID, cv_why_damaged);
	job->width = decomp->image_width;
	job->height = decomp->image_height;

	if (job->width == 0 || job->height == 0)
		return cv_refuse(job, MB_ERR_INVALID, cv_why_empty);
	pixels = (uint64_t)job->width * job->height;
	/* The limit the image passes is the one it is told. */
	if (job->width > CV_MAX_SIDE || job->height > CV_MAX_SIDE) {
		log_debug("declared %ux%u", job->width, job->height);
		return cv_refuse(job, MB_ERR_LIMIT, cv_why_too_wide);
	}
	if (pixels > CV_MAX_PIXELS) {
		log_debug("declared %ux%u", job->width, job->height);
		return cv_refuse(job, MB_ERR_LIMIT, cv_why_too_large);
	}
	/* Grey, YCbCr or RGB, CMYK or YCCK; libjpeg would take up to 10. */
	if (decomp->num_components != 1 && decomp->num_components != 3 &&
	    decomp->num_components != 4) {
		log_debug("%d components", decomp->num_components);
		return cv_refuse(job, MB_ERR_INVALID, cv_why_unsupported);
	}
	if (decomp->data_precision != 8) {
		log_debug("%d-bit samples", decomp->data_precision);
		return cv_refuse(job, MB_ERR_INVALID, cv_why_unsupported);
	}
	return 0;
}

/*
 * The work between setjmp and a normal return: the header, every scan of
 * the image, and the copy written without any saved marker (none are
 * saved: jpeg_save_markers is never called).
 */
static int
cv_transcode(struct cv_job *job)
{
	jvirt_barray_ptr *coefficients = NULL;
	boolean finished;
	int rc;

	jpeg_create_decompress(&job->decomp);
	job->decomp.mem->max_memory_to_use = CV_MAX_MEMORY;
	job->decomp.src = &job->src;
	job->decomp.progress = &job->progress;

	rc = cv_read_header(job);
	if (rc != 0 || job->header_only)
		return rc;

	/* Decodes every scan: NULL when the data ends early. */
	coefficients = jpeg_read_coefficients(&job->decomp);
	if (coefficients == NULL || job->err.pub.num_warnings > 0)
		return cv_refuse(job, MB_ERR_INVALID, cv_why_damaged);

	jpeg_create_compress(&job->comp);
	job->comp.mem->max_memory_to_use = CV_MAX_MEMORY;
	job->comp.dest = &job->dest.pub;
	jpeg_copy_critical_parameters(&job->decomp, &job->comp);
	job->comp.optimize_coding = TRUE;
	jpeg_write_coefficients(&job->comp, coefficients);
	jpeg_finish_compress(&job->comp);

	finished = jpeg_finish_decompress(&job->decomp);
	if (!finished || job->err.pub.num_warnings > 0)
		return cv_refuse(job, MB_ERR_INVALID, cv_why_damaged);
	return 0;
}

/*
 * Run a job; a libjpeg error comes back here by longjmp.  setjmp may only
 * stand alone in a condition (C11 7.13.1.1), so it is the one call inside
 * an if.
 */
static int
cv_run(struct cv_job *job)
{
	if (setjmp(job->err.jump) != 0)
		return job->err.rc;
	return cv_transcode(job);
}

int
cv_clean(const uint8_t *data, size_t len, uint8_t **out, size_t *out_len,
    struct cv_info *info, const char **why)
{
	struct cv_job job;
	int rc;

	*out = NULL;
	*out_len = 0;
	memset(info, 0, sizeof(*info));
	*why = NULL;
	cv_job_init(&job, data, len);

	rc = cv_check_start(data, len, 0, why);
	if (rc != 0)
		goto out;
	rc = cv_run(&job);
	info->width = job.width;
	info->height = job.height;
	if (rc != 0) {
		*why = job.err.why;
		goto out;
	}
	*out = job.dest.buf;
	*out_len = job.dest.len;
	info->bytes = job.dest.len;
	job.dest.buf = NULL;
out:
	cv_job_free(&job);
	return rc;
}

int
cv_check_header(
    const uint8_t *data, size_t len, struct cv_info *info, const char **why)
{
	struct cv_job job;
	int rc;

	memset(info, 0, sizeof(*info));
	*why = NULL;
	cv_job_init(&job, data, len);
	job.header_only = 1;

	rc = cv_check_start(data, len, 1, why);
	if (rc != 0 || len < sizeof(cv_magic))
		goto out;
	rc = cv_run(&job);
	info->width = job.width;
	info->height = job.height;
	if (rc != 0)
		*why = job.err.why;
out:
	cv_job_free(&job);
	return rc;
}
