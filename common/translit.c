/* translit: ASCII stand-ins for text on terminals without UTF-8. */
#include <stdint.h>
#include <string.h>

#include "text.h"
#include "translit.h"
#include "util.h"

/* U+00A0 to U+017F: Latin-1's signs and letters, then Latin Extended-A. */
static const char *const translit_latin[] = {
	/* U+00A0 */
	" ",
	"!",
	"c",
	"GBP",
	"?",
	"JPY",
	"|",
	"S",
	"\"",
	"(C)",
	"a",
	"<<",
	"!",
	"",
	"(R)",
	"-",
	/* U+00B0 */
	"o",
	"+-",
	"2",
	"3",
	"'",
	"u",
	"P",
	".",
	",",
	"1",
	"o",
	">>",
	"1/4",
	"1/2",
	"3/4",
	"?",
	/* U+00C0 */
	"A",
	"A",
	"A",
	"A",
	"Ae",
	"A",
	"AE",
	"C",
	"E",
	"E",
	"E",
	"E",
	"I",
	"I",
	"I",
	"I",
	/* U+00D0 */
	"D",
	"N",
	"O",
	"O",
	"O",
	"O",
	"Oe",
	"x",
	"O",
	"U",
	"U",
	"U",
	"Ue",
	"Y",
	"Th",
	"ss",
	/* U+00E0 */
	"a",
	"a",
	"a",
	"a",
	"ae",
	"a",
	"ae",
	"c",
	"e",
	"e",
	"e",
	"e",
	"i",
	"i",
	"i",
	"i",
	/* U+00F0 */
	"d",
	"n",
	"o",
	"o",
	"o",
	"o",
	"oe",
	"/",
	"o",
	"u",
	"u",
	"u",
	"ue",
	"y",
	"th",
	"y",
	/* U+0100 */
	"A",
	"a",
	"A",
	"a",
	"A",
	"a",
	"C",
	"c",
	"C",
	"c",
	"C",
	"c",
	"C",
	"c",
	"D",
	"d",
	/* U+0110 */
	"D",
	"d",
	"E",
	"e",
	"E",
	"e",
	"E",
	"e",
	"E",
	"e",
	"E",
	"e",
	"G",
	"g",
	"G",
	"g",
	/* U+0120 */
	"G",
	"g",
	"G",
	"g",
	"H",
	"h",
	"H",
	"h",
	"I",
	"i",
	"I",
	"i",
	"I",
	"i",
	"I",
	"i",
	/* U+0130 */
	"I",
	"i",
	"IJ",
	"ij",
	"J",
	"j",
	"K",
	"k",
	"k",
	"L",
	"l",
	"L",
	"l",
	"L",
	"l",
	"L",
	/* U+0140 */
	"l",
	"L",
	"l",
	"N",
	"n",
	"N",
	"n",
	"N",
	"n",
	"'n",
	"N",
	"n",
	"O",
	"o",
	"O",
	"o",
	/* U+0150 */
	"O",
	"o",
	"OE",
	"oe",
	"R",
	"r",
	"R",
	"r",
	"R",
	"r",
	"S",
	"s",
	"S",
	"s",
	"S",
	"s",
	/* U+0160 */
	"S",
	"s",
	"T",
	"t",
	"T",
	"t",
	"T",
	"t",
	"U",
	"u",
	"U",
	"u",
	"U",
	"u",
	"U",
	"u",
	/* U+0170 */
	"U",
	"u",
	"U",
	"u",
	"W",
	"w",
	"Y",
	"y",
	"Y",
	"Z",
	"z",
	"Z",
	"z",
	"Z",
	"z",
	"s",
};

#define TRANSLIT_LATIN_FIRST 0xA0
#define TRANSLIT_LATIN_END 0x180
_Static_assert(
    nitems(translit_latin) == TRANSLIT_LATIN_END - TRANSLIT_LATIN_FIRST,
    "one stand-in for each character from U+00A0 to U+017F");
#define TRANSLIT_COMBINING_FIRST 0x300
#define TRANSLIT_COMBINING_LAST 0x36F
#define TRANSLIT_DIAERESIS 0x308 /* the combining umlaut */

/* Single characters elsewhere: letters, punctuation, spaces, marks. */
static const struct {
	uint32_t cp;
	const char *ascii;
} translit_other[] = {
	{ 0x0218, "S" },
	{ 0x0219, "s" },
	{ 0x021A, "T" },
	{ 0x021B, "t" },
	{ 0x1E9E, "SS" },
	{ 0x200B, "" },
	{ 0x200C, "" },
	{ 0x200D, "" },
	{ 0x2010, "-" },
	{ 0x2011, "-" },
	{ 0x2012, "-" },
	{ 0x2013, "-" },
	{ 0x2014, "-" },
	{ 0x2015, "-" },
	{ 0x2018, "'" },
	{ 0x2019, "'" },
	{ 0x201A, "'" },
	{ 0x201B, "'" },
	{ 0x201C, "\"" },
	{ 0x201D, "\"" },
	{ 0x201E, "\"" },
	{ 0x201F, "\"" },
	{ 0x2020, "+" },
	{ 0x2022, "*" },
	{ 0x2026, "..." },
	{ 0x2039, "<" },
	{ 0x203A, ">" },
	{ 0x2060, "" },
	{ 0x20AC, "EUR" },
	{ 0x2122, "TM" },
	{ 0x2190, "<-" },
	{ 0x2191, "^" },
	{ 0x2192, "->" },
	{ 0x2193, "v" },
	{ 0x2500, "-" },
	{ 0x2502, "|" },
	{ 0x25B8, ">" },
	{ 0x25C2, "<" },
	{ 0xFEFF, "" },
};

/* The stand-in of one character; prev is the last ASCII byte written. */
static const char *
translit_char(uint32_t cp, char prev)
{
	size_t i;

	if (cp < 0x80)
		return NULL; /* itself */
	if (cp >= TRANSLIT_LATIN_FIRST && cp < TRANSLIT_LATIN_END)
		return translit_latin[cp - TRANSLIT_LATIN_FIRST];
	if (cp >= TRANSLIT_COMBINING_FIRST && cp <= TRANSLIT_COMBINING_LAST) {
		/* "o" and a combining umlaut is "ö" written apart. */
		if (cp == TRANSLIT_DIAERESIS && prev != '\0' &&
		    strchr("aouAOU", prev) != NULL)
			return "e";
		return "";
	}
	if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F)
		return " ";
	for (i = 0; i < nitems(translit_other); i++) {
		if (translit_other[i].cp == cp)
			return translit_other[i].ascii;
	}
	return "?";
}

size_t
translit_ascii(const char *in, char *out, size_t size)
{
	size_t len = strlen(in), i = 0, o = 0, k;
	const char *standin = NULL;
	char one[2] = { 0, 0 };
	uint32_t cp;
	int n;

	if (size == 0)
		return 0;
	while (i < len) {
		n = text_utf8_decode(in + i, len - i, &cp);
		if (n < 0) {
			cp = '?';
			n = 1;
		}
		i += (size_t)n;
		standin = translit_char(cp, o > 0 ? out[o - 1] : '\0');
		if (standin == NULL) {
			one[0] = (char)cp;
			standin = one;
		}
		k = strlen(standin);
		if (o + k >= size)
			break;
		memcpy(out + o, standin, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

char *
translit_ascii_dup(const char *in)
{
	/* Every byte grows to at most TRANSLIT_STANDIN_MAX bytes. */
	size_t size = strlen(in) * TRANSLIT_STANDIN_MAX + 1;
	char *out = xmalloc(size);

	(void)translit_ascii(in, out, size);
	return out;
}

int
translit_is_ascii(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			return 0;
	}
	return 1;
}
