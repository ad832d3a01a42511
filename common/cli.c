/* cli: command rows, their parser, usage and the stdin helpers. */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "i18n.h"
#include "util.h"

static const char *cli_program = "mentor";
static const char *cli_usage_prefix = "";

void
cli_set_program(const char *name, const char *usage_prefix)
{
	cli_program = name;
	cli_usage_prefix = usage_prefix;
}

/* Where cli_error writes (NULL: stderr). */
static FILE *cli_errors;

void
cli_error(const char *fmt, ...)
{
	FILE *fp = cli_errors != NULL ? cli_errors : stderr;
	va_list ap;

	(void)fprintf(fp, "%s: ", cli_program);
	if (error_fault_text() != NULL) {
		/* A full disk is the reason, whatever the command would say. */
		(void)fprintf(fp, "%s\n", error_fault_text());
		return;
	}
	va_start(ap, fmt);
	(void)vfprintf(fp, fmt, ap);
	va_end(ap);
	(void)fputc('\n', fp);
}

void
cli_error_to(FILE *fp)
{
	cli_errors = fp;
}

const struct cli_command *
cli_find_row(const struct cli_command *rows, const char *name)
{
	size_t i;

	for (i = 0; rows != NULL && rows[i].name != NULL; i++) {
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	}
	return NULL;
}

const struct cli_command *
cli_find(const struct cli_command *const *groups, const char *name)
{
	const struct cli_command *row = NULL;
	size_t i;

	for (i = 0; groups[i] != NULL && row == NULL; i++)
		row = cli_find_row(groups[i], name);
	return row;
}

static const struct cli_option cli_json_option = { "--json", NULL, 0 };

/* The option of row called name (--json where the row prints JSON). */
static const struct cli_option *
cli_option_find(const struct cli_command *row, const char *name, size_t len)
{
	const struct cli_option *o = NULL;

	for (o = row->options; o != NULL && o->name != NULL; o++) {
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	}
	if ((row->flags & CLI_JSON) && len == 6 &&
	    strncmp(name, "--json", 6) == 0)
		return &cli_json_option;
	return NULL;
}

/* Append text to out (size bytes) at *len, cutting at the end. */
static void cli_append(char *out, size_t size, size_t *len, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
cli_append(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
	if (*len >= size)
		*len = size - 1;
}

/* One runnable row: "PATH ARGS [OPTIONS] < INPUT". */
static void
cli_usage_row(const struct cli_command *row, const char *path, char *out,
    size_t size, size_t *len)
{
	const struct cli_option *o = NULL;

	cli_append(out, size, len, "%s", path);
	if (row->args != NULL && row->args[0] != '\0')
		cli_append(out, size, len, " %s", row->args);
	for (o = row->options; o != NULL && o->name != NULL; o++) {
		const char *open = (o->flags & CLI_REQUIRED) ? "" : "[";
		const char *close = (o->flags & CLI_REQUIRED) ? "" : "]";

		if (o->flags & CLI_VALUE)
			cli_append(out, size, len, " %s%s %s%s%s", open,
			    o->name, o->value, close,
			    (o->flags & CLI_REPEAT) ? "..." : "");
		else
			cli_append(
			    out, size, len, " %s%s%s", open, o->name, close);
	}
	if (row->flags & CLI_JSON)
		cli_append(out, size, len, " [--json]");
	if (row->input != NULL)
		cli_append(out, size, len, " < %s", row->input);
}

/*
 * Append the usage of row and of its visible sub-commands, depth first, as
 * forms separated by " | "; prefix is the words before row's name.
 */
static void
cli_usage_walk(const struct cli_command *row, const char *prefix, char *out,
    size_t size, size_t *len)
{
	const struct cli_command *sub = NULL;
	char path[128];

	(void)snprintf(path, sizeof(path), "%s%s%s",
	    prefix != NULL ? prefix : "", prefix != NULL ? " " : "", row->name);
	if (row->run != NULL) {
		if (*len > 0)
			cli_append(out, size, len, " | ");
		cli_usage_row(row, path, out, size, len);
	}
	for (sub = row->subs; sub != NULL && sub->name != NULL; sub++) {
		if (!(sub->flags & CLI_HIDDEN))
			cli_usage_walk(sub, path, out, size, len);
	}
}

void
cli_usage(
    const struct cli_command *row, const char *prefix, char *out, size_t size)
{
	size_t len = 0;

	assert(size > 0);
	out[0] = '\0';
	cli_usage_walk(row, prefix, out, size, &len);
}

void
cli_print_forms(FILE *fp, const struct cli_command *row, const char *prefix,
    const char *lead)
{
	char usage[CLI_USAGE_MAX];
	const char *p = NULL, *bar = NULL;

	cli_usage(row, prefix, usage, sizeof(usage));
	for (p = usage; p != NULL; p = bar) {
		bar = strstr(p, " | ");
		(void)fprintf(fp, "%s%.*s\n", lead,
		    (int)(bar != NULL ? (size_t)(bar - p) : strlen(p)), p);
		if (bar != NULL)
			bar += 3;
	}
}

void
cli_print_usage(FILE *fp, const struct cli_command *row)
{
	char usage[CLI_USAGE_MAX];

	cli_usage(row, NULL, usage, sizeof(usage));
	(void)fprintf(fp, "%s: %s %s%s\n", cli_program, _("usage:"),
	    cli_usage_prefix, usage);
}

/* Print why a command line is wrong, then the usage of its command. */
static int cli_refuse(const struct cli_call *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
cli_refuse(const struct cli_call *call, const char *fmt, ...)
{
	va_list ap;

	(void)fprintf(stderr, "%s: ", cli_program);
	va_start(ap, fmt);
	(void)vfprintf(stderr, fmt, ap);
	va_end(ap);
	(void)fputc('\n', stderr);
	cli_print_usage(stderr, call->top);
	return CLI_USAGE;
}

/* Take one option word (and its value) at argv[*i]. */
static int
cli_take_option(struct cli_call *call, int argc, char **argv, int *i)
{
	const char *word = argv[*i], *eq = strchr(word, '=');
	size_t len = eq != NULL ? (size_t)(eq - word) : strlen(word), k;
	const struct cli_option *o = cli_option_find(call->row, word, len);
	const char *value = NULL;

	if (o == NULL) {
		if (len == 6 && strncmp(word, "--json", 6) == 0)
			return cli_refuse(call,
			    _("\"%s\" prints no data: --json is not "
			      "available here"),
			    call->path);
		return cli_refuse(call, _("unknown option %.*s for \"%s\""),
		    (int)len, word, call->path);
	}
	if (o->flags & CLI_VALUE) {
		if (eq != NULL)
			value = eq + 1;
		else if (*i + 1 < argc)
			value = argv[++*i];
		else
			return cli_refuse(call, _("%s needs a value"), o->name);
	} else if (eq != NULL)
		return cli_refuse(call, _("%s takes no value"), o->name);
	if (!(o->flags & CLI_REPEAT)) {
		for (k = 0; k < call->ngiven; k++) {
			if (call->given[k].option == o)
				return cli_refuse(
				    call, _("%s is given twice"), o->name);
		}
	}
	if (o == &cli_json_option) {
		call->json = 1;
		return CLI_OK;
	}
	if (call->ngiven == CLI_OPTIONS_GIVEN_MAX)
		return cli_refuse(
		    call, _("more than %d options"), CLI_OPTIONS_GIVEN_MAX);
	call->given[call->ngiven].option = o;
	call->given[call->ngiven].value = value;
	call->ngiven++;
	return CLI_OK;
}

int
cli_parse(const struct cli_command *const *groups, int argc, char **argv,
    struct cli_call *call)
{
	const struct cli_command *sub = NULL;
	const struct cli_option *o = NULL;
	int i = 1, options_end = 0, rc;
	size_t k;

	memset(call, 0, sizeof(*call));
	error_fault_set(0); /* a new command: a fault is told for its own */
	call->top = call->row = cli_find(groups, argv[0]);
	assert(call->row != NULL);
	(void)snprintf(call->path, sizeof(call->path), "%s", argv[0]);
	while (call->row->subs != NULL && i < argc &&
	    (sub = cli_find_row(call->row->subs, argv[i])) != NULL) {
		call->row = sub;
		k = strlen(call->path);
		(void)snprintf(
		    call->path + k, sizeof(call->path) - k, " %s", argv[i]);
		i++;
	}
	if (call->row->run == NULL)
		return cli_refuse(
		    call, _("\"%s\" needs a sub-command"), call->path);
	for (; i < argc; i++) {
		if (!options_end && strcmp(argv[i], "--") == 0) {
			options_end = 1;
			continue;
		}
		if (!options_end && strncmp(argv[i], "--", 2) == 0) {
			rc = cli_take_option(call, argc, argv, &i);
			if (rc != CLI_OK)
				return rc;
			continue;
		}
		if (call->argc == CLI_WORDS_MAX)
			return cli_refuse(
			    call, _("more than %d words"), CLI_WORDS_MAX);
		call->argv[call->argc++] = argv[i];
	}
	call->argv[call->argc] = NULL;
	for (o = call->row->options; o != NULL && o->name != NULL; o++) {
		if ((o->flags & CLI_REQUIRED) && !cli_flag(call, o->name))
			return cli_refuse(call, _("%s is required"), o->name);
	}
	if (call->argc < call->row->min_args ||
	    (call->row->max_args >= 0 && call->argc > call->row->max_args))
		return cli_refuse(
		    call, _("wrong number of words for \"%s\""), call->path);
	return CLI_OK;
}

const char *
cli_value(const struct cli_call *call, const char *name)
{
	const char *value = NULL;
	size_t i;

	for (i = 0; i < call->ngiven; i++) {
		if (strcmp(call->given[i].option->name, name) == 0)
			value = call->given[i].value;
	}
	return value;
}

int
cli_flag(const struct cli_call *call, const char *name)
{
	size_t i;

	for (i = 0; i < call->ngiven; i++) {
		if (strcmp(call->given[i].option->name, name) == 0)
			return 1;
	}
	return 0;
}

size_t
cli_values(
    const struct cli_call *call, const char *name, const char **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < call->ngiven; i++) {
		if (strcmp(call->given[i].option->name, name) != 0)
			continue;
		if (n < max)
			out[n] = call->given[i].value;
		n++;
	}
	return n;
}

int
cli_read_stdin(size_t max, char **out)
{
	size_t len = 0, n;
	char *buf = xmalloc(max + 2);

	*out = NULL;
	while (len < max + 1) {
		n = fread(buf + len, 1, max + 1 - len, stdin);
		if (n == 0)
			break;
		len += n;
	}
	if (ferror(stdin)) {
		free(buf);
		return MB_ERR_IO;
	}
	if (len > max) {
		free(buf);
		return MB_ERR_LIMIT;
	}
	if (memchr(buf, '\0', len) != NULL) {
		free(buf);
		return MB_ERR_INVALID;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

char *
cli_read_line(FILE *fp, size_t max)
{
	char *buf = xmalloc(max + 2);
	size_t len;

	if (fgets(buf, (int)max + 2, fp) == NULL) {
		free(buf);
		return NULL;
	}
	len = strcspn(buf, "\n");
	if (buf[len] != '\n' && !feof(fp)) {
		explicit_bzero(buf, max + 2);
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[len - 1] = '\0';
	return buf;
}

int
cli_number(const char *name, const char *word, long min, long max, long *out)
{
	if (parse_long(word, min, max, out) == 0)
		return CLI_OK;
	cli_error(_("%s takes a number from %ld to %ld"), name, min, max);
	return CLI_USAGE;
}
