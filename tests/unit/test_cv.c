/*
 * Tests of cv: the JPEGs are made here with libjpeg's compressor (a small
 * gradient), then cut, patched or padded with metadata.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jpeglib.h>

#include "cv.h"
#include "error.h"

#define TEST_WIDTH 64
#define TEST_HEIGHT 48
#define TEST_QUALITY 90
/* One component: a DC scan and each AC coefficient in two passes. */
#define TEST_SCANS_MAX 127
#define TEST_AC_COEFFICIENTS 63

#define JPEG_SOF0 0xC0
#define JPEG_SOF2 0xC2
#define JPEG_SOF3 0xC3
#define JPEG_SOS 0xDA
#define JPEG_APP0 0xE0
#define JPEG_APP1 0xE1
#define JPEG_APP2 0xE2
#define JPEG_APP13 0xED
#define JPEG_APP14 0xEE
#define JPEG_APP15 0xEF
#define JPEG_COM 0xFE

/* Offsets in a SOF segment, from its 0xFF. */
#define SOF_PRECISION 4
#define SOF_HEIGHT 5
#define SOF_WIDTH 7
#define SOF_COMPONENTS 9

static const char why_size[] = "larger than 5 MiB";
static const char why_not_jpeg[] = "not a JPEG";
static const char why_damaged[] = "damaged or incomplete JPEG";
static const char why_too_large[] = "image too large (more than 24 megapixels)";
static const char why_too_wide[] =
    "image too wide or too tall (more than 12000 pixels a side)";
static const char why_empty[] = "image has no pixels";
static const char why_unsupported[] = "unsupported JPEG";

/* What make_jpeg makes. */
struct image_spec {
	unsigned width;
	unsigned height;
	int components;
	J_COLOR_SPACE space;
	int progressive; /* libjpeg's usual progression */
	int scans; /* > 0: a script of this many scans (one component) */
};

static const struct image_spec spec_baseline = { TEST_WIDTH, TEST_HEIGHT, 3,
	JCS_RGB, 0, 0 };
static const struct image_spec spec_progressive = { TEST_WIDTH, TEST_HEIGHT, 3,
	JCS_RGB, 1, 0 };

struct jpeg_file {
	uint8_t *data;
	size_t len;
};

static void
test_jpeg_error_exit(j_common_ptr cinfo)
{
	char msg[JMSG_LENGTH_MAX];

	(*cinfo->err->format_message)(cinfo, msg);
	fail_msg("libjpeg in the test itself: %s", msg);
	abort();
}

/* A scan script of n scans for one component: DC, then the AC
 * coefficients one by one, the first n - 64 of them in two passes. */
static void
make_scan_script(jpeg_scan_info *scans, int n)
{
	int refined = n - 1 - TEST_AC_COEFFICIENTS, k, i = 0;

	assert_true(refined >= 0 && refined <= TEST_AC_COEFFICIENTS);
	memset(scans, 0, sizeof(*scans) * (size_t)n);
	scans[i].comps_in_scan = 1;
	i++;
	for (k = 1; k <= TEST_AC_COEFFICIENTS; k++, i++) {
		scans[i].comps_in_scan = 1;
		scans[i].Ss = scans[i].Se = k;
		scans[i].Al = k <= refined;
	}
	for (k = 1; k <= refined; k++, i++) {
		scans[i].comps_in_scan = 1;
		scans[i].Ss = scans[i].Se = k;
		scans[i].Ah = 1;
	}
	assert_int_equal(i, n);
}

/* A gradient compressed by libjpeg, in a buffer the caller frees. */
static struct jpeg_file
make_jpeg(const struct image_spec *spec)
{
	struct jpeg_compress_struct comp;
	struct jpeg_error_mgr err;
	jpeg_scan_info scans[TEST_SCANS_MAX];
	struct jpeg_file file = { NULL, 0 };
	unsigned char *buf = NULL;
	unsigned long len = 0;
	uint8_t *line = NULL;
	JSAMPROW row;
	unsigned x, y;
	int c;

	comp.err = jpeg_std_error(&err);
	err.error_exit = test_jpeg_error_exit;
	jpeg_create_compress(&comp);
	jpeg_mem_dest(&comp, &buf, &len);
	comp.image_width = spec->width;
	comp.image_height = spec->height;
	comp.input_components = spec->components;
	comp.in_color_space = spec->space;
	jpeg_set_defaults(&comp);
	jpeg_set_quality(&comp, TEST_QUALITY, TRUE);
	if (spec->progressive)
		jpeg_simple_progression(&comp);
	if (spec->scans > 0) {
		assert_true(spec->scans <= TEST_SCANS_MAX);
		make_scan_script(scans, spec->scans);
		comp.scan_info = scans;
		comp.num_scans = spec->scans;
	}
	jpeg_start_compress(&comp, TRUE);
	line = malloc((size_t)spec->width * (size_t)spec->components);
	assert_non_null(line);
	for (y = 0; y < spec->height; y++) {
		for (x = 0; x < spec->width; x++) {
			for (c = 0; c < spec->components; c++)
				line[x * (unsigned)spec->components +
				    (unsigned)c] =
				    (uint8_t)(x * 4 + y * 2 + (unsigned)c * 50);
		}
		row = line;
		(void)jpeg_write_scanlines(&comp, &row, 1);
	}
	jpeg_finish_compress(&comp);
	jpeg_destroy_compress(&comp);
	free(line);
	file.data = buf;
	file.len = len;
	return file;
}

/* The samples libjpeg decodes (*size bytes, in a buffer the caller frees);
 * the decode must be free of warnings. */
static uint8_t *
decode_jpeg(const uint8_t *data, size_t len, unsigned *width, unsigned *height,
    size_t *size)
{
	struct jpeg_decompress_struct decomp;
	struct jpeg_error_mgr err;
	uint8_t *pixels = NULL;
	size_t stride;
	JSAMPROW row;

	decomp.err = jpeg_std_error(&err);
	err.error_exit = test_jpeg_error_exit;
	jpeg_create_decompress(&decomp);
	jpeg_mem_src(&decomp, data, (unsigned long)len);
	assert_int_equal(jpeg_read_header(&decomp, TRUE), JPEG_HEADER_OK);
	(void)jpeg_start_decompress(&decomp);
	stride = (size_t)decomp.output_width * (size_t)decomp.output_components;
	pixels = malloc(stride * decomp.output_height);
	assert_non_null(pixels);
	while (decomp.output_scanline < decomp.output_height) {
		row = pixels + stride * decomp.output_scanline;
		(void)jpeg_read_scanlines(&decomp, &row, 1);
	}
	(void)jpeg_finish_decompress(&decomp);
	assert_int_equal(err.num_warnings, 0);
	*width = decomp.output_width;
	*height = decomp.output_height;
	*size = stride * decomp.output_height;
	jpeg_destroy_decompress(&decomp);
	return pixels;
}

/* Offset of the first marker segment of this type before the first scan,
 * 0 when there is none. */
static size_t
find_marker(const uint8_t *data, size_t len, uint8_t type)
{
	size_t pos = 2;

	while (pos + 4 <= len && data[pos] == 0xFF) {
		if (data[pos + 1] == type)
			return pos;
		if (data[pos + 1] == JPEG_SOS)
			break;
		pos += 2 + ((size_t)data[pos + 2] << 8 | data[pos + 3]);
	}
	return 0;
}

/* Where the entropy-coded data of the first scan starts. */
static size_t
scan_start(const struct jpeg_file *file)
{
	size_t sos = find_marker(file->data, file->len, JPEG_SOS);

	assert_true(sos > 0);
	return sos + 2 +
	    ((size_t)file->data[sos + 2] << 8 | file->data[sos + 3]);
}

/* True if the header holds no marker but SOFs, tables, the JFIF APP0 and
 * the Adobe APP14: no other APPn, no COM. */
static int
only_needed_markers(const uint8_t *data, size_t len)
{
	size_t pos = 2;
	uint8_t type;

	while (pos + 4 <= len && data[pos] == 0xFF) {
		type = data[pos + 1];
		if (type == JPEG_SOS)
			return 1;
		if (type == JPEG_COM)
			return 0;
		if (type == JPEG_APP0 &&
		    memcmp(data + pos + 4, "JFIF\0", 5) != 0)
			return 0;
		if (type == JPEG_APP14 &&
		    memcmp(data + pos + 4, "Adobe", 5) != 0)
			return 0;
		if (type > JPEG_APP0 && type <= JPEG_APP15 &&
		    type != JPEG_APP14)
			return 0;
		pos += 2 + ((size_t)data[pos + 2] << 8 | data[pos + 3]);
	}
	return 0;
}

/* Set the size a file's SOF0 declares. */
static void
patch_sof(struct jpeg_file *file, unsigned width, unsigned height)
{
	size_t sof = find_marker(file->data, file->len, JPEG_SOF0);

	assert_true(sof > 0);
	file->data[sof + SOF_HEIGHT] = (uint8_t)(height >> 8);
	file->data[sof + SOF_HEIGHT + 1] = (uint8_t)height;
	file->data[sof + SOF_WIDTH] = (uint8_t)(width >> 8);
	file->data[sof + SOF_WIDTH + 1] = (uint8_t)width;
}

/* Append a marker segment with this payload to buf at *pos. */
static void
put_segment(
    uint8_t *buf, size_t *pos, uint8_t type, const void *payload, size_t len)
{
	buf[(*pos)++] = 0xFF;
	buf[(*pos)++] = type;
	buf[(*pos)++] = (uint8_t)((len + 2) >> 8);
	buf[(*pos)++] = (uint8_t)(len + 2);
	memcpy(buf + *pos, payload, len);
	*pos += len;
}

/* Run cv_clean and expect a refusal with this code and reason. */
static void
expect_clean_refused(const uint8_t *data, size_t len, int rc, const char *why)
{
	struct cv_info info;
	const char *reason = NULL;
	uint8_t *out = NULL;
	size_t out_len = 1;

	assert_int_equal(
	    cv_clean(data, len, &out, &out_len, &info, &reason), rc);
	assert_non_null(reason);
	assert_string_equal(reason, why);
	assert_null(out);
	assert_int_equal(out_len, 0);
	assert_int_equal(info.bytes, 0);
}

/* Run cv_check_header and expect a refusal with this code and reason. */
static void
expect_header_refused(const uint8_t *data, size_t len, int rc, const char *why)
{
	struct cv_info info;
	const char *reason = NULL;

	assert_int_equal(cv_check_header(data, len, &info, &reason), rc);
	assert_non_null(reason);
	assert_string_equal(reason, why);
}

/* Clean a file that must be accepted; the copy must decode to the same
 * samples as the file, with only the markers libjpeg needs. */
static struct jpeg_file
expect_clean_accepted(
    const struct jpeg_file *in, const uint8_t *original, size_t original_len)
{
	struct jpeg_file out = { NULL, 0 };
	struct cv_info info;
	const char *why = "unset";
	uint8_t *want = NULL, *got = NULL;
	unsigned want_width, want_height, width, height;
	size_t want_size, size;

	assert_int_equal(
	    cv_clean(in->data, in->len, &out.data, &out.len, &info, &why), 0);
	assert_null(why);
	assert_non_null(out.data);
	assert_int_equal(info.bytes, out.len);
	assert_true(out.len > 4);
	assert_memory_equal(out.data, "\xFF\xD8\xFF", 3);
	assert_memory_equal(out.data + out.len - 2, "\xFF\xD9", 2);
	assert_true(only_needed_markers(out.data, out.len));

	want = decode_jpeg(
	    original, original_len, &want_width, &want_height, &want_size);
	got = decode_jpeg(out.data, out.len, &width, &height, &size);
	assert_int_equal(info.width, want_width);
	assert_int_equal(info.height, want_height);
	assert_int_equal(width, want_width);
	assert_int_equal(height, want_height);
	assert_int_equal(size, want_size);
	assert_memory_equal(got, want, size);
	free(want);
	free(got);
	return out;
}

static void
test_cv_accepts_baseline(void **state)
{
	struct jpeg_file in = make_jpeg(&spec_baseline), out, again;
	struct cv_info info;
	const char *why = "unset";

	(void)state;
	out = expect_clean_accepted(&in, in.data, in.len);
	/* The input has libjpeg's standard Huffman tables; the copy's are
	 * optimised. */
	assert_true(out.len < in.len);

	/* Cleaning is idempotent: the copy comes out byte for byte. */
	again = expect_clean_accepted(&out, in.data, in.len);
	assert_int_equal(again.len, out.len);
	assert_memory_equal(again.data, out.data, out.len);

	assert_int_equal(cv_check_header(in.data, in.len, &info, &why), 0);
	assert_null(why);
	assert_int_equal(info.width, TEST_WIDTH);
	assert_int_equal(info.height, TEST_HEIGHT);
	assert_int_equal(info.bytes, 0);
	free(again.data);
	free(out.data);
	free(in.data);
}

static void
test_cv_accepts_progressive(void **state)
{
	struct jpeg_file in = make_jpeg(&spec_progressive), out;

	(void)state;
	assert_true(find_marker(in.data, in.len, JPEG_SOF2) > 0);
	out = expect_clean_accepted(&in, in.data, in.len);
	/* The copy is sequential: same coefficients, simpler file. */
	assert_int_equal(find_marker(out.data, out.len, JPEG_SOF2), 0);
	free(out.data);
	free(in.data);
}

static void
test_cv_accepts_grey_and_cmyk(void **state)
{
	static const struct image_spec grey = { TEST_WIDTH, TEST_HEIGHT, 1,
		JCS_GRAYSCALE, 0, 0 };
	static const struct image_spec cmyk = { TEST_WIDTH, TEST_HEIGHT, 4,
		JCS_CMYK, 0, 0 };
	struct jpeg_file in, out;

	(void)state;
	in = make_jpeg(&grey);
	out = expect_clean_accepted(&in, in.data, in.len);
	free(out.data);
	free(in.data);

	in = make_jpeg(&cmyk);
	out = expect_clean_accepted(&in, in.data, in.len);
	assert_true(find_marker(out.data, out.len, JPEG_APP14) > 0);
	free(out.data);
	free(in.data);
}

static void
test_cv_refuses_png(void **state)
{
	static const uint8_t png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
		'\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 64, 0, 0, 0, 48,
		8, 2, 0, 0, 0, 0x5C, 0x6D, 0x3A, 0x2B };
	static const uint8_t soi_only[] = { 0xFF, 0xD8, 0x00, 0x10 };

	(void)state;
	expect_clean_refused(png, sizeof(png), MB_ERR_INVALID, why_not_jpeg);
	expect_header_refused(png, sizeof(png), MB_ERR_INVALID, why_not_jpeg);
	/* Even its first byte alone is enough to tell. */
	expect_header_refused(png, 1, MB_ERR_INVALID, why_not_jpeg);
	expect_clean_refused(
	    soi_only, sizeof(soi_only), MB_ERR_INVALID, why_not_jpeg);
	expect_clean_refused(soi_only, 2, MB_ERR_INVALID, why_not_jpeg);
}

static void
test_cv_refuses_empty(void **state)
{
	static const uint8_t nothing[1] = { 0 };
	struct cv_info info;
	const char *why = "unset";

	(void)state;
	expect_clean_refused(NULL, 0, MB_ERR_INVALID, why_not_jpeg);
	expect_clean_refused(nothing, 0, MB_ERR_INVALID, why_not_jpeg);
	/* An upload that has not started is not wrong yet. */
	assert_int_equal(cv_check_header(NULL, 0, &info, &why), 0);
	assert_null(why);
	assert_int_equal(info.width, 0);
	assert_int_equal(info.height, 0);
}

static void
test_cv_refuses_truncated(void **state)
{
	struct jpeg_file in = make_jpeg(&spec_baseline);
	struct jpeg_file progressive = make_jpeg(&spec_progressive);
	size_t start = scan_start(&in), cut = start + (in.len - start) / 2;
	uint8_t *with_eoi = NULL;
	struct cv_info info;
	const char *why = "unset";

	(void)state;
	assert_true(cut > start && cut < in.len - 2);
	expect_clean_refused(in.data, cut, MB_ERR_INVALID, why_damaged);
	/* The header is whole: the header check cannot tell. */
	assert_int_equal(cv_check_header(in.data, cut, &info, &why), 0);
	assert_int_equal(info.width, TEST_WIDTH);

	/* Cut, then closed with EOI: libjpeg only warns, and pads with 0. */
	with_eoi = malloc(cut + 2);
	assert_non_null(with_eoi);
	memcpy(with_eoi, in.data, cut);
	with_eoi[cut] = 0xFF;
	with_eoi[cut + 1] = 0xD9;
	expect_clean_refused(with_eoi, cut + 2, MB_ERR_INVALID, why_damaged);

	/* Without its EOI alone. */
	expect_clean_refused(in.data, in.len - 2, MB_ERR_INVALID, why_damaged);
	/* Cut inside the header. */
	expect_clean_refused(in.data, start / 2, MB_ERR_INVALID, why_damaged);
	/* A progressive file missing its last scans. */
	expect_clean_refused(progressive.data, progressive.len * 3 / 4,
	    MB_ERR_INVALID, why_damaged);
	free(with_eoi);
	free(progressive.data);
	free(in.data);
}

static void
test_cv_refuses_damaged(void **state)
{
	struct jpeg_file in = make_jpeg(&spec_baseline);
	size_t start = scan_start(&in), i;

	(void)state;
	/* Markers in the middle of the scan data. */
	for (i = start + 8; i + 2 < in.len; i += 64) {
		in.data[i] = 0xFF;
		in.data[i + 1] = 0xC4;
	}
	expect_clean_refused(in.data, in.len, MB_ERR_INVALID, why_damaged);
	/* Garbage after a good start. */
	memset(in.data + 3, 0x5A, in.len - 3);
	expect_clean_refused(in.data, in.len, MB_ERR_INVALID, why_damaged);
	free(in.data);
}

static void
test_cv_refuses_huge_declared_size(void **state)
{
	struct jpeg_file in = make_jpeg(&spec_baseline);
	size_t start = scan_start(&in);
	struct cv_info info;
	const char *why = NULL;
	uint8_t *out = NULL;
	size_t out_len;

	(void)state;
	patch_sof(&in, 60000, 60000);
	assert_int_equal(cv_clean(in.data, in.len, &out, &out_len, &info, &why),
	    MB_ERR_LIMIT);
	assert_string_equal(why, why_too_wide);
	assert_null(out);
	assert_int_equal(info.width, 60000);
	assert_int_equal(info.height, 60000);

	/* The header alone, no scan data, is enough to refuse... */
	expect_header_refused(in.data, start, MB_ERR_LIMIT, why_too_wide);
	/* ...and cv_clean refuses before decoding: a scan of 64x48 pixels
	 * would be "damaged" for any larger size. */
	patch_sof(&in, 6000, 4001);
	expect_clean_refused(in.data, start + 16, MB_ERR_LIMIT, why_too_large);
	/* A side past its limit is told as such, not as megapixels. */
	patch_sof(&in, 12001, 16);
	expect_clean_refused(in.data, start + 16, MB_ERR_LIMIT, why_too_wide);
	patch_sof(&in, 16, 12001);
	expect_header_refused(in.data, start, MB_ERR_LIMIT, why_too_wide);

	/* Exactly at the limits is allowed (the scan is then too short). */
	patch_sof(&in, 6000, 4000);
	assert_int_equal(cv_check_header(in.data, start, &info, &why), 0);
	assert_int_equal(info.width, 6000);
	expect_clean_refused(in.data, start + 16, MB_ERR_INVALID, why_damaged);
	patch_sof(&in, 12000, 16);
	assert_int_equal(cv_check_header(in.data, start, &info, &why), 0);
	assert_int_equal(info.width, 12000);
	free(in.data);
}

static void
test_cv_refuses_no_pixels(void **state)
{
	struct jpeg_file in = make_jpeg(&spec_baseline);

	(void)state;
	patch_sof(&in, 0, TEST_HEIGHT);
	expect_clean_refused(in.data, in.len, MB_ERR_INVALID, why_empty);
	expect_header_refused(in.data, in.len, MB_ERR_INVALID, why_empty);
	patch_sof(&in, TEST_WIDTH, 0);
	expect_clean_refused(in.data, in.len, MB_ERR_INVALID, why_empty);
	free(in.data);
}

static void
test_cv_refuses_unsupported(void **state)
{
	static const struct image_spec two = { TEST_WIDTH, TEST_HEIGHT, 2,
		JCS_UNKNOWN, 0, 0 };
	struct jpeg_file in = make_jpeg(&two);
	size_t sof;

	(void)state;
	expect_clean_refused(in.data, in.len, MB_ERR_INVALID, why_unsupported);
	expect_header_refused(in.data, in.len, MB_ERR_INVALID, why_unsupported);
	free(in.data);

	/* 12-bit samples. */
	in = make_jpeg(&spec_baseline);
	sof = find_marker(in.data, in.len, JPEG_SOF0);
	assert_true(sof > 0);
	in.data[sof + SOF_PRECISION] = 12;
	expect_clean_refused(in.data, in.len, MB_ERR_INVALID, why_unsupported);
	/* Lossless coding. */
	in.data[sof + SOF_PRECISION] = 8;
	in.data[sof + 1] = JPEG_SOF3;
	expect_clean_refused(in.data, in.len, MB_ERR_INVALID, why_unsupported);
	expect_header_refused(in.data, in.len, MB_ERR_INVALID, why_unsupported);
	free(in.data);
}

static void
test_cv_limits_scans(void **state)
{
	static const struct image_spec at_limit = { TEST_WIDTH, TEST_HEIGHT, 1,
		JCS_GRAYSCALE, 0, CV_MAX_SCANS };
	static const struct image_spec over_limit = { TEST_WIDTH, TEST_HEIGHT,
		1, JCS_GRAYSCALE, 0, CV_MAX_SCANS + 1 };
	struct jpeg_file in, out;

	(void)state;
	in = make_jpeg(&at_limit);
	out = expect_clean_accepted(&in, in.data, in.len);
	free(out.data);
	free(in.data);

	in = make_jpeg(&over_limit);
	expect_clean_refused(in.data, in.len, MB_ERR_LIMIT, why_unsupported);
	free(in.data);
}

static void
test_cv_strips_metadata(void **state)
{
	static const char exif[] = "Exif\0\0MM\0\x2a\0\0\0\x08"
				   "\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a"
				   "GPS IFD: GPSLatitude 48/1 51/1 2409/100 N "
				   "GPSLongitude 2/1 17/1 4013/100 E";
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0"
				  "<x:xmpmeta><dc:creator>secret author"
				  "</dc:creator></x:xmpmeta>";
	static const char icc[] = "ICC_PROFILE\0\x01\x01secret profile";
	static const char photoshop[] = "Photoshop 3.0\0008BIM secret iptc";
	static const char comment[] = "secret comment";
	static const char trailer[] = "PK\x03\x04 secret after the end";
	static const char *const leaks[] = { "Exif", "GPS", "secret comment",
		"xmpmeta", "secret", "ICC_PROFILE", "Photoshop", "8BIM", "PK" };
	struct jpeg_file plain = make_jpeg(&spec_baseline), in, out;
	size_t pos = 0, i;

	(void)state;
	in.data = malloc(plain.len + 1024);
	assert_non_null(in.data);
	memcpy(in.data, plain.data, 2);
	pos = 2;
	put_segment(in.data, &pos, JPEG_APP1, exif, sizeof(exif) - 1);
	put_segment(in.data, &pos, JPEG_APP1, xmp, sizeof(xmp) - 1);
	put_segment(in.data, &pos, JPEG_APP2, icc, sizeof(icc) - 1);
	put_segment(
	    in.data, &pos, JPEG_APP13, photoshop, sizeof(photoshop) - 1);
	put_segment(in.data, &pos, JPEG_COM, comment, sizeof(comment) - 1);
	memcpy(in.data + pos, plain.data + 2, plain.len - 2);
	pos += plain.len - 2;
	memcpy(in.data + pos, trailer, sizeof(trailer) - 1);
	pos += sizeof(trailer) - 1;
	in.len = pos;

	for (i = 0; i < sizeof(leaks) / sizeof(leaks[0]); i++)
		assert_non_null(
		    memmem(in.data, in.len, leaks[i], strlen(leaks[i])));
	out = expect_clean_accepted(&in, plain.data, plain.len);
	for (i = 0; i < sizeof(leaks) / sizeof(leaks[0]); i++) {
		if (memmem(out.data, out.len, leaks[i], strlen(leaks[i])) !=
		    NULL)
			fail_msg("\"%s\" left in the copy", leaks[i]);
	}
	free(out.data);
	free(in.data);
	free(plain.data);
}

static void
test_cv_size_limit(void **state)
{
	struct jpeg_file plain = make_jpeg(&spec_baseline), in, out;

	(void)state;
	/* A good JPEG padded after its EOI to exactly the limit passes... */
	in.len = CV_MAX_BYTES;
	in.data = calloc(1, (size_t)CV_MAX_BYTES + 1);
	assert_non_null(in.data);
	memcpy(in.data, plain.data, plain.len);
	out = expect_clean_accepted(&in, plain.data, plain.len);
	assert_true(out.len < plain.len * 2);
	free(out.data);

	/* ...one byte more does not, whatever the bytes are. */
	in.len = (size_t)CV_MAX_BYTES + 1;
	expect_clean_refused(in.data, in.len, MB_ERR_LIMIT, why_size);
	expect_header_refused(in.data, in.len, MB_ERR_LIMIT, why_size);
	free(in.data);
	free(plain.data);
}

static void
test_cv_header_of_partial_upload(void **state)
{
	struct jpeg_file in = make_jpeg(&spec_progressive);
	size_t start = scan_start(&in), len;
	struct cv_info info;
	const char *why;

	(void)state;
	/* No prefix of a good file is refused, and the size is known as
	 * soon as the header through SOS has arrived. */
	for (len = 0; len <= in.len; len++) {
		why = "unset";
		assert_int_equal(cv_check_header(in.data, len, &info, &why), 0);
		assert_null(why);
		assert_int_equal(info.width, len < start ? 0 : TEST_WIDTH);
		assert_int_equal(info.height, len < start ? 0 : TEST_HEIGHT);
	}
	free(in.data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cv_accepts_baseline),
		cmocka_unit_test(test_cv_accepts_progressive),
		cmocka_unit_test(test_cv_accepts_grey_and_cmyk),
		cmocka_unit_test(test_cv_refuses_png),
		cmocka_unit_test(test_cv_refuses_empty),
		cmocka_unit_test(test_cv_refuses_truncated),
		cmocka_unit_test(test_cv_refuses_damaged),
		cmocka_unit_test(test_cv_refuses_huge_declared_size),
		cmocka_unit_test(test_cv_refuses_no_pixels),
		cmocka_unit_test(test_cv_refuses_unsupported),
		cmocka_unit_test(test_cv_limits_scans),
		cmocka_unit_test(test_cv_strips_metadata),
		cmocka_unit_test(test_cv_size_limit),
		cmocka_unit_test(test_cv_header_of_partial_upload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
