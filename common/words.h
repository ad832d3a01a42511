/*
 * words: splitting an exec request ("search --area 'Career entry' engin")
 * into words, with the quoting of a POSIX shell and nothing else: no
 * variables, globs or command substitution.  The input is untrusted.
 */
#ifndef MB_WORDS_H
#define MB_WORDS_H

#define WORDS_MAX 64 /* words in one command */

/*
 * Split line into words: blanks separate words; '...' is literal; "..."
 * allows \" and \\; a backslash elsewhere quotes the next character.  On
 * success *argv is a NULL-terminated array (free it with words_free) of
 * *argc words.  Returns MB_ERR_INVALID for an unterminated quote or a
 * control character, MB_ERR_LIMIT for more than WORDS_MAX words, with an
 * English reason in *why.
 */
int words_split(const char *line, int *argc, char ***argv, const char **why);

/* Free what words_split returned; NULL is allowed. */
void words_free(char **argv);

#endif
