/* diff: a unified line diff from a longest common subsequence. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "error.h"
#include "util.h"

/* A text cut into lines (pointers into a copy; the copy owned). */
struct diff_lines {
	char *copy;
	char **line;
	size_t n;
};

static int
diff_split(const char *text, struct diff_lines *l)
{
	char *p = NULL, *nl = NULL;
	size_t cap = 16;

	memset(l, 0, sizeof(*l));
	l->copy = xstrdup(text);
	l->line = xcalloc(cap, sizeof(*l->line));
	for (p = l->copy; *p != '\0'; p = nl + 1) {
		if (l->n == DIFF_LINES_MAX)
			return MB_ERR_LIMIT;
		if (l->n == cap) {
			cap *= 2;
			l->line = xreallocarray(l->line, cap, sizeof(*l->line));
		}
		l->line[l->n++] = p;
		nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
	}
	return 0;
}

static void
diff_lines_free(struct diff_lines *l)
{
	free(l->copy);
	free(l->line);
}

/* One line of the script: ' ', '-' or '+', and the line. */
struct diff_op {
	char kind;
	const char *text;
	size_t a_line, b_line; /* numbered from 1, before this line */
};

/*
 * The edit script: lcs[i][j] is the length of a longest common
 * subsequence of a's lines from i and b's from j; walking it from the
 * start gives the script in order.
 */
static struct diff_op *
diff_script(const struct diff_lines *a, const struct diff_lines *b, size_t *n)
{
	size_t cols = b->n + 1, i = 0, j = 0, k = 0;
	uint16_t *lcs = xcalloc((a->n + 1) * cols, sizeof(*lcs));
	struct diff_op *ops = xcalloc(a->n + b->n + 1, sizeof(*ops));

	for (i = a->n; i-- > 0;) {
		for (j = b->n; j-- > 0;) {
			if (strcmp(a->line[i], b->line[j]) == 0)
				lcs[i * cols + j] =
				    (uint16_t)(lcs[(i + 1) * cols + j + 1] + 1);
			else
				lcs[i * cols + j] = lcs[(i + 1) * cols + j] >
					lcs[i * cols + j + 1] ?
				    lcs[(i + 1) * cols + j] :
				    lcs[i * cols + j + 1];
		}
	}
	i = j = 0;
	while (i < a->n || j < b->n) {
		ops[k].a_line = i + 1;
		ops[k].b_line = j + 1;
		if (i < a->n && j < b->n &&
		    strcmp(a->line[i], b->line[j]) == 0) {
			ops[k].kind = ' ';
			ops[k++].text = a->line[i];
			i++;
			j++;
		} else if (i < a->n &&
		    (j == b->n ||
			lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1])) {
			/* Lines that go before lines that come, as diff. */
			ops[k].kind = '-';
			ops[k++].text = a->line[i++];
		} else {
			ops[k].kind = '+';
			ops[k++].text = b->line[j++];
		}
	}
	free(lcs);
	*n = k;
	return ops;
}

/* A growing string. */
struct diff_buf {
	char *s;
	size_t len, cap;
};

static void diff_add(struct diff_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
diff_add(struct diff_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	va_start(ap, fmt);
	(void)vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The hunk of ops[from, to): its header and lines. */
static void
diff_hunk(struct diff_buf *b, const struct diff_op *ops, size_t from, size_t to)
{
	size_t a_len = 0, b_len = 0, i;

	for (i = from; i < to; i++) {
		a_len += ops[i].kind != '+';
		b_len += ops[i].kind != '-';
	}
	/* As diff -u: an empty side is numbered by the line before it. */
	diff_add(b, "@@ -%zu,%zu +%zu,%zu @@\n",
	    a_len > 0 ? ops[from].a_line : ops[from].a_line - 1, a_len,
	    b_len > 0 ? ops[from].b_line : ops[from].b_line - 1, b_len);
	for (i = from; i < to; i++)
		diff_add(b, "%c%s\n", ops[i].kind, ops[i].text);
}

int
diff_unified(const char *a, const char *b, const char *a_name,
    const char *b_name, char **out)
{
	struct diff_lines la, lb;
	struct diff_buf buf = { NULL, 0, 0 };
	struct diff_op *ops = NULL;
	size_t n = 0, i, start, end, last;
	int rc;

	*out = NULL;
	rc = diff_split(a, &la);
	if (rc == 0)
		rc = diff_split(b, &lb);
	else
		memset(&lb, 0, sizeof(lb));
	if (rc != 0) {
		diff_lines_free(&la);
		diff_lines_free(&lb);
		return rc;
	}
	ops = diff_script(&la, &lb, &n);
	diff_add(&buf, "%s", "");
	for (i = 0; i < n; i++) {
		if (ops[i].kind == ' ')
			continue;
		if (buf.len == 0)
			diff_add(&buf, "--- %s\n+++ %s\n", a_name, b_name);
		/* A hunk: context before, changes joined while the
		 * unchanged lines between them are at most twice the
		 * context, context after. */
		start = i > DIFF_CONTEXT ? i - DIFF_CONTEXT : 0;
		last = i;
		for (end = i; end < n; end++) {
			if (ops[end].kind != ' ')
				last = end;
			else if (end - last > 2 * DIFF_CONTEXT)
				break;
		}
		end = last + 1 + DIFF_CONTEXT < n ? last + 1 + DIFF_CONTEXT : n;
		diff_hunk(&buf, ops, start, end);
		i = end - 1;
	}
	free(ops);
	diff_lines_free(&la);
	diff_lines_free(&lb);
	*out = buf.s;
	return 0;
}
