/* demo: `mentord demo`, fictitious members (see demo.c). */
#ifndef MB_DEMO_H
#define MB_DEMO_H

struct store;

/* Run `demo --users N [--seed S]` or `demo --remove`; an exit status. */
int demo_run(struct store *st, int argc, char **argv);

#endif
