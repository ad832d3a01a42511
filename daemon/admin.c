/* admin: the table of mentord's administration commands. */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "util.h"

struct admin_command {
	const char *name;
	const char *usage;
	int (*run)(const struct config *cfg, int argc, char **argv);
};

static const struct admin_command admin_commands[] = {
	{ NULL, NULL, NULL },
};

void
admin_usage(FILE *fp)
{
	size_t i;

	for (i = 0; admin_commands[i].name != NULL; i++)
		(void)fprintf(fp, "  mentord %s\n", admin_commands[i].usage);
}

int
admin_run(const struct config *cfg, int argc, char **argv)
{
	size_t i;

	for (i = 0; admin_commands[i].name != NULL; i++) {
		if (strcmp(argv[0], admin_commands[i].name) == 0)
			return admin_commands[i].run(cfg, argc, argv);
	}
	(void)fprintf(stderr,
	    "mentord: unknown command \"%s\" (see "
	    "mentord --help)\n",
	    argv[0]);
	return 2;
}
