/*
 * mkjpeg: write a test JPEG for the end-to-end tests (a gradient of the
 * given size), optionally with an EXIF segment holding GPS data and a
 * comment, as a phone camera would; or in CMYK, four components at full
 * resolution, the JPEG that takes the most memory to check per pixel.
 *
 * usage: mkjpeg OUT WIDTH HEIGHT [--gps] [--comment TEXT] [--cmyk]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

/* An APP1 "Exif" segment with a GPS IFD tag and a position in it. */
static const unsigned char exif_gps[] = "Exif\0\0MM\0*\0\0\0\x08\0\x01"
					"\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a"
					"GPSLatitude=52.5200N;GPSLongitude="
					"13.4050E";

int
main(int argc, char **argv)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	JSAMPROW row = NULL;
	const char *comment = NULL;
	int width, height, gps = 0, cmyk = 0, components, i, x;
	FILE *fp = NULL;

	if (argc < 4) {
		(void)fprintf(stderr,
		    "usage: mkjpeg OUT WIDTH HEIGHT [--gps] [--comment T] "
		    "[--cmyk]\n");
		return 2;
	}
	width = atoi(argv[2]);
	height = atoi(argv[3]);
	for (i = 4; i < argc; i++) {
		if (strcmp(argv[i], "--gps") == 0)
			gps = 1;
		else if (strcmp(argv[i], "--cmyk") == 0)
			cmyk = 1;
		else if (strcmp(argv[i], "--comment") == 0 && i + 1 < argc)
			comment = argv[++i];
	}
	fp = fopen(argv[1], "wb");
	if (fp == NULL || width <= 0 || height <= 0)
		return 1;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, fp);
	c.image_width = (JDIMENSION)width;
	c.image_height = (JDIMENSION)height;
	components = cmyk ? 4 : 3;
	c.input_components = components;
	c.in_color_space = cmyk ? JCS_CMYK : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	jpeg_start_compress(&c, TRUE);
	if (gps)
		jpeg_write_marker(
		    &c, JPEG_APP0 + 1, exif_gps, sizeof(exif_gps) - 1);
	if (comment != NULL)
		jpeg_write_marker(&c, JPEG_COM, (const JOCTET *)comment,
		    (unsigned)strlen(comment));
	row = malloc((size_t)width * (size_t)components);
	if (row == NULL)
		return 1;
	while (c.next_scanline < c.image_height) {
		for (x = 0; x < width; x++) {
			JSAMPLE *px = row + (size_t)x * (size_t)components;
			px[0] = (JSAMPLE)(x * 255 / width);
			px[1] =
			    (JSAMPLE)(c.next_scanline * 255 / (unsigned)height);
			px[2] = (JSAMPLE)((x ^ (int)c.next_scanline) & 0xff);
			if (cmyk)
				px[3] = (JSAMPLE)((x + (int)c.next_scanline) &
				    0xff);
		}
		(void)jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return fclose(fp) == 0 ? 0 : 1;
}
