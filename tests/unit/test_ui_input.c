/*
 * Unit tests of tui/ui_input.c: the terminal's bytes split between curses'
 * pipe and the pasted keys, across reads.  The file is built in here, with
 * the two functions of ui.c it calls standing in as recorders.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../tui/ui_input.c"

#define TEST_KEYS_MAX 64

/* What the screens got as pasted keys, and curses through its pipe. */
static wint_t keys[TEST_KEYS_MAX];
static size_t nkeys;
static char curses_got[256];
static size_t curses_len;

void
ui_take_key(struct ui *ui, struct ui_key key)
{
	(void)ui;
	assert_true(nkeys < TEST_KEYS_MAX);
	keys[nkeys++] = key.ch;
}

void
ui_take_curses_keys(struct ui *ui)
{
	ssize_t n;

	n = read(fileno(ui->input.curses_in), curses_got + curses_len,
	    sizeof(curses_got) - curses_len);
	if (n > 0)
		curses_len += (size_t)n;
}

static int
setup(void **state)
{
	struct ui *ui = calloc(1, sizeof(*ui));

	if (ui == NULL || ui_input_open(&ui->input) != 0)
		return -1;
	ui->paste_mode = 1;
	nkeys = curses_len = 0;
	*state = ui;
	return 0;
}

static int
teardown(void **state)
{
	struct ui *ui = *state;

	ui_input_close(&ui->input);
	free(ui);
	return 0;
}

/* One read from the terminal that brought s. */
static void
feed(struct ui *ui, const char *s)
{
	size_t n = strlen(s);

	assert_true(n <= UI_INPUT_CHUNK - ui->input.len);
	memcpy(ui->input.buf + ui->input.len, s, n);
	ui_input_add(ui, n);
}

static void
expect_curses(struct ui *ui, const char *want)
{
	ui_take_curses_keys(ui);
	assert_int_equal(curses_len, strlen(want));
	assert_memory_equal(curses_got, want, curses_len);
}

/* The begin mark cut by the read: the paste is still a paste, and the
 * escape sequence inside it is characters, not a function key. */
static void
test_ui_input_begin_split(void **state)
{
	struct ui *ui = *state;
	const wint_t want[] = { UI_KEY_PASTE_BEGIN, 27, '[', 'A', 'x',
		UI_KEY_PASTE_END };

	feed(ui, "a\033[20");
	expect_curses(ui, "a");
	assert_int_equal(nkeys, 0);
	assert_false(ui_input_pending(&ui->input));
	feed(ui, "0~\033[Ax\033[201~b");
	expect_curses(ui, "ab");
	assert_int_equal(nkeys, nitems(want));
	assert_memory_equal(keys, want, sizeof(want));
}

/* Cut after its Escape alone, too. */
static void
test_ui_input_begin_split_escape(void **state)
{
	struct ui *ui = *state;
	const wint_t want[] = { UI_KEY_PASTE_BEGIN, 'y', UI_KEY_PASTE_END };

	feed(ui, "\033");
	feed(ui, "[200~y\033[201~");
	expect_curses(ui, "");
	assert_int_equal(nkeys, nitems(want));
	assert_memory_equal(keys, want, sizeof(want));
}

/* A key that begins like the mark (Insert) goes to curses whole. */
static void
test_ui_input_key_like_mark(void **state)
{
	struct ui *ui = *state;

	feed(ui, "\033[2");
	expect_curses(ui, "");
	feed(ui, "~z");
	expect_curses(ui, "\033[2~z");
	assert_int_equal(nkeys, 0);
}

/* Escape alone, read from the terminal: curses gets it once the escape
 * wait has passed with nothing more. */
static void
test_ui_input_escape_alone(void **state)
{
	struct ui *ui = *state;
	int fds[2];
	int saved;

	saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	assert_int_equal(write(fds[1], "\033", 1), 1);
	ui->input.tty_ready = 1;
	assert_int_equal(ui_input_read(ui), 0);
	expect_curses(ui, "\033");
	assert_int_equal(nkeys, 0);
	assert_false(ui_input_pending(&ui->input));
	assert_int_equal(ui->input.carry, 0);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	(void)close(saved);
	(void)close(fds[0]);
	(void)close(fds[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_ui_input_begin_split, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_ui_input_begin_split_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_ui_input_key_like_mark, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_ui_input_escape_alone, setup, teardown),
	};

	log_init("test", -1, 0, LOG_LEVEL_DEBUG);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
