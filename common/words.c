/* words: shell-like splitting of a command line, quoting only. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "util.h"
#include "words.h"

void
words_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

int
words_split(const char *line, int *argc, char ***argv, const char **why)
{
	size_t len = strlen(line), i = 0, o;
	char **words = NULL, *word = NULL, quote;
	int n = 0, rc;

	*argc = 0;
	*argv = NULL;
	/* No control character anywhere, escaped or not (tabs separate). */
	for (o = 0; o < len; o++) {
		if (((unsigned char)line[o] < 0x20 && line[o] != '\t') ||
		    line[o] == 0x7f) {
			*why = _("control character in command");
			return MB_ERR_INVALID;
		}
	}
	words = xcalloc(WORDS_MAX + 1, sizeof(*words));
	/* A word is never longer than the line it came from. */
	word = xmalloc(len + 1);
	for (;;) {
		while (line[i] == ' ' || line[i] == '\t')
			i++;
		if (line[i] == '\0')
			break;
		if (n == WORDS_MAX) {
			*why = _("too many words");
			rc = MB_ERR_LIMIT;
			goto fail;
		}
		o = 0;
		quote = 0;
		while (line[i] != '\0' &&
		    (quote != 0 || (line[i] != ' ' && line[i] != '\t'))) {
			char ch = line[i++];
			if (quote == '\'') {
				if (ch == '\'')
					quote = 0;
				else
					word[o++] = ch;
			} else if (quote == '"') {
				if (ch == '"')
					quote = 0;
				else if (ch == '\\' &&
				    (line[i] == '"' || line[i] == '\\'))
					word[o++] = line[i++];
				else
					word[o++] = ch;
			} else if (ch == '\'' || ch == '"')
				quote = ch;
			else if (ch == '\\' && line[i] != '\0')
				word[o++] = line[i++];
			else
				word[o++] = ch;
		}
		if (quote != 0) {
			*why = _("unterminated quote");
			rc = MB_ERR_INVALID;
			goto fail;
		}
		word[o] = '\0';
		words[n++] = xstrdup(word);
	}
	free(word);
	*argc = n;
	*argv = words;
	return 0;
fail:
	free(word);
	words_free(words);
	return rc;
}
