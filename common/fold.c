/* fold: search text folded the German way (libunistring). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "fold.h"
#include "log.h"
#include "util.h"

/* The written-out form of an umlaut after case folding, or NULL. */
static const char *
fold_umlaut(ucs4_t cp)
{
	switch (cp) {
	case 0xE4: /* ä */
		return "ae";
	case 0xF6: /* ö */
		return "oe";
	case 0xFC: /* ü */
		return "ue";
	}
	return NULL;
}

/* Is cp part of a word (not a blank or punctuation) for the variants? */
static int
fold_in_word(ucs4_t cp)
{
	return cp > 0x7F || (cp >= '0' && cp <= '9') ||
	    (cp >= 'a' && cp <= 'z');
}

/* Append len bytes of s to the growing buffer *buf (*len used, *cap). */
static void
fold_put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

char *
fold_search(const char *text, unsigned flags)
{
	uint8_t *folded = NULL;
	const uint8_t *p, *end, *word = NULL;
	char *out = NULL, *plain = NULL;
	size_t flen = 0, len = 0, cap = 0, plen = 0, pcap = 0;
	int umlauts = 0, n;
	ucs4_t cp;

	if (u8_check((const uint8_t *)text, strlen(text)) != NULL)
		return NULL;
	folded = u8_casefold((const uint8_t *)text, strlen(text), NULL,
	    UNINORM_NFC, NULL, &flen);
	if (folded == NULL) {
		/* The text is valid UTF-8: only memory can be short. */
		log_error("out of memory");
		abort();
	}
	fold_put(&out, &len, &cap, "", 0);
	fold_put(&plain, &plen, &pcap, "", 0);
	end = folded + flen;
	for (p = folded; p <= end; p += n > 0 ? n : 1) {
		const char *spelled = NULL;

		n = p < end ? u8_mbtouc(&cp, p, (size_t)(end - p)) : 0;
		if (p < end && fold_in_word(cp)) {
			if (word == NULL)
				word = p;
			spelled = fold_umlaut(cp);
			umlauts |= spelled != NULL;
		} else if (word != NULL) {
			/* The word's plain form: the umlauts without dots. */
			if (umlauts && (flags & FOLD_VARIANTS)) {
				const uint8_t *q;
				int k;
				ucs4_t c;

				fold_put(&plain, &plen, &pcap, " ", 1);
				for (q = word; q < p; q += k) {
					char one[2];

					k = u8_mbtouc(&c, q, (size_t)(p - q));
					one[0] = c == 0xE4 ? 'a' :
					    c == 0xF6	   ? 'o' :
					    c == 0xFC	   ? 'u' :
							     0;
					fold_put(&plain, &plen, &pcap,
					    one[0] != 0 ? one : (const char *)q,
					    one[0] != 0 ? 1 : (size_t)k);
				}
			}
			word = NULL;
			umlauts = 0;
		}
		if (p == end)
			break;
		if (spelled != NULL)
			fold_put(&out, &len, &cap, spelled, 2);
		else
			fold_put(&out, &len, &cap, (const char *)p, (size_t)n);
	}
	free(folded);
	if (plen > 0)
		fold_put(&out, &len, &cap, plain, plen);
	free(plain);
	return out;
}
