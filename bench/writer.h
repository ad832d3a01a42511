/*
 * writer: what the bench's writers share (bench/notify.c, bench/chat.c):
 * programs that write to the board on a schedule, the way its rules do,
 * and print when each write committed on CLOCK_MONOTONIC, the clock the
 * load generator times the screens on.
 */
#ifndef MB_BENCH_WRITER_H
#define MB_BENCH_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "board_limits.h"
#include "config.h"

/* An open board: its store, settings and key, as a rule needs them. */
struct writer_board {
	uint8_t key[BOARD_KEY_BYTES];
	struct config cfg;
	struct board b;
	struct store *st;
};

/* Milliseconds on the monotonic clock. */
double writer_now_ms(void);

/* Sleep until at_ms on the monotonic clock (now if it has passed). */
void writer_sleep_until(double at_ms);

/*
 * The nearest-rank percentile p (0-100) of v[n], which it sorts; -1 when
 * n is 0.
 */
double writer_percentile(double *v, size_t n, double p);

/* A whole decimal number within [min, max] into *out; 0 or -1. */
int writer_parse(const char *s, long min, long max, long *out);

/*
 * Open the board in state_dir for prog (the name its log lines and
 * messages carry): stdout line-buffered (a load generator reads the lines
 * as they come), warnings logged to stderr, the board key and the store.
 * Returns 0, or -1 with the reason on stderr (w is then closed).
 */
int writer_open(
    const char *prog, const char *state_dir, struct writer_board *w);

/* Close what writer_open opened; safe on a board that failed to open. */
void writer_close(struct writer_board *w);

#endif
