/*
 * loadgen_proc: the server's processes as /proc shows them: who descends
 * from the server, their memory (PSS, private), CPU time and voluntary
 * context switches (wake-ups), summed by kind of process; and SIGTERM to
 * the server's sessions.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loadgen.h"

struct load_proc {
	pid_t pid;
	pid_t ppid;
	long long ticks;
	long long reaped; /* what its ended children used, once waited for */
};

static int
load_proc_cmp(const void *a, const void *b)
{
	const struct load_proc *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* Read a small /proc file into buf, NULs turned into spaces. */
static int
load_proc_text(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	FILE *f = NULL;
	size_t n, i;

	(void)snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	n = fread(buf, 1, len - 1, f);
	(void)fclose(f);
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (buf[i] == '\0' || buf[i] == '\n')
			buf[i] = ' ';
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return 0;
}

/*
 * The parent pid and the CPU time used (utime + stime, in clock ticks)
 * from /proc/PID/stat, the fields after the command in parentheses; with
 * reaped, also what its children that ended and were waited for used
 * (cutime + cstime).
 */
static int
load_proc_stat(pid_t pid, pid_t *ppid, long long *ticks, long long *reaped)
{
	char buf[LOAD_PROC_TEXT_MAX * 2];
	const char *p = NULL;
	unsigned long long utime, stime;
	long long cutime = 0, cstime = 0;
	char state;
	int parent;

	*ppid = -1;
	*ticks = 0;
	if (reaped != NULL)
		*reaped = 0;
	if (load_proc_text(pid, "stat", buf, sizeof(buf)) != 0)
		return -1;
	p = strrchr(buf, ')');
	if (p == NULL ||
	    sscanf(p + 1,
		" %c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld "
		"%lld",
		&state, &parent, &utime, &stime, &cutime, &cstime) != 6)
		return -1;
	*ppid = (pid_t)parent;
	*ticks = (long long)(utime + stime);
	if (reaped != NULL)
		*reaped = cutime + cstime;
	return 0;
}

/* Voluntary context switches of a process so far: how often it slept. */
static long long
load_proc_switches(pid_t pid)
{
	char path[64], line[128];
	FILE *f = NULL;
	long long v = 0;

	(void)snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "voluntary_ctxt_switches: %lld", &v) == 1)
			break;
	(void)fclose(f);
	return v;
}

/* Pss, Private_Clean + Private_Dirty of a process, in KiB.  0 or -1. */
static int
load_proc_pss(pid_t pid, long *pss, long *private_kib)
{
	char path[64], line[256];
	FILE *f = NULL;
	long v;

	(void)snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	*pss = *private_kib = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "Pss: %ld kB", &v) == 1)
			*pss = v;
		else if (sscanf(line, "Private_Clean: %ld kB", &v) == 1 ||
		    sscanf(line, "Private_Dirty: %ld kB", &v) == 1)
			*private_kib += v;
	}
	(void)fclose(f);
	return 0;
}

/*
 * The kind of a server process, for the breakdown: its command name, and
 * for sshd the role its process title names.
 */
static void
load_proc_kind(pid_t pid, char *kind, size_t len)
{
	char comm[LOAD_KIND_NAME_MAX], cmdline[LOAD_PROC_TEXT_MAX];

	if (load_proc_text(pid, "comm", comm, sizeof(comm)) != 0)
		(void)snprintf(comm, sizeof(comm), "?");
	if (strcmp(comm, "sshd") != 0) {
		(void)snprintf(kind, len, "%s", comm);
		return;
	}
	if (load_proc_text(pid, "cmdline", cmdline, sizeof(cmdline)) != 0)
		cmdline[0] = '\0';
	if (strstr(cmdline, "[priv]") != NULL)
		(void)snprintf(kind, len, "sshd [priv] monitor");
	else if (strstr(cmdline, "[net]") != NULL ||
	    strstr(cmdline, "[preauth]") != NULL ||
	    strstr(cmdline, "[accepted]") != NULL)
		(void)snprintf(kind, len, "sshd [net] pre-auth");
	else if (strchr(cmdline, '@') != NULL)
		(void)snprintf(kind, len, "sshd user@pts session");
	else
		(void)snprintf(kind, len, "sshd other");
}

/*
 * Every process there is now, with its parent and CPU time, sorted by pid
 * (those that end while we read have no parent, -1).  *procs is the
 * caller's to free.  Returns how many.
 */
static size_t
load_proc_scan(struct load_proc **procs)
{
	struct dirent *d = NULL;
	DIR *dir = NULL;
	size_t n = 0, cap = 0;
	char *end = NULL;
	long pid;

	*procs = NULL;
	dir = opendir("/proc");
	if (dir == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			*procs = load_xrealloc(*procs, cap, sizeof(**procs));
		}
		(*procs)[n].pid = (pid_t)pid;
		(void)load_proc_stat((pid_t)pid, &(*procs)[n].ppid,
		    &(*procs)[n].ticks, &(*procs)[n].reaped);
		n++;
	}
	(void)closedir(dir);
	if (n > 0)
		qsort(*procs, n, sizeof(**procs), load_proc_cmp);
	return n;
}

/*
 * The child of root whose subtree holds procs[i] (procs[i] itself if it
 * is one), or 0 when procs[i] is not below root.
 */
static pid_t
load_proc_top(const struct load_proc *procs, size_t n, size_t i, pid_t root)
{
	struct load_proc key;
	const struct load_proc *up = NULL;
	pid_t top = procs[i].pid;
	int depth;

	key.ppid = procs[i].ppid;
	for (depth = 0; depth < LOAD_PROC_DEPTH_MAX && key.ppid > 1; depth++) {
		if (key.ppid == root)
			return top;
		key.pid = key.ppid;
		up = bsearch(&key, procs, n, sizeof(*procs), load_proc_cmp);
		if (up == NULL)
			return 0;
		top = up->pid;
		key.ppid = up->ppid;
	}
	return 0;
}

/* The children of root now: up to max pids into pids; how many. */
int
load_server_children(pid_t root, pid_t *pids, int max)
{
	struct load_proc *procs = NULL;
	size_t n, i;
	int k = 0;

	n = load_proc_scan(&procs);
	for (i = 0; i < n && k < max; i++)
		if (procs[i].ppid == root)
			pids[k++] = procs[i].pid;
	free(procs);
	return k;
}

/*
 * The CPU time, in clock ticks, of root and every process below it, with
 * what the ended ones they waited for had used: read before and after a
 * phase, the difference is the server's work for it, once the sessions'
 * processes have ended and been reaped (load_server_settle).  *below is
 * how many processes are below root now, zombies too.
 */
long long
load_server_cpu_ticks(pid_t root, int *below)
{
	struct load_proc *procs = NULL;
	long long ticks = 0;
	size_t n, i;

	*below = 0;
	n = load_proc_scan(&procs);
	for (i = 0; i < n; i++) {
		if (procs[i].pid == root)
			ticks += procs[i].ticks + procs[i].reaped;
		else if (load_proc_top(procs, n, i, root) != 0) {
			ticks += procs[i].ticks + procs[i].reaped;
			(*below)++;
		}
	}
	free(procs);
	return ticks;
}

int
load_pid_in(pid_t pid, const pid_t *pids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

/*
 * The CPU time and wake-ups so far of the held sessions' processes, in
 * two sums: the subtree of the watched session's server child, and every
 * other child's subtree but those standing before the hold (mentord's
 * housekeeping).
 */
void
load_news_cpu(pid_t root, const struct load_news *news,
    struct load_split *others, struct load_split *watched)
{
	struct load_proc *procs = NULL;
	struct load_split *into = NULL;
	size_t n, i;
	pid_t top;

	memset(others, 0, sizeof(*others));
	memset(watched, 0, sizeof(*watched));
	n = load_proc_scan(&procs);
	for (i = 0; i < n; i++) {
		top = load_proc_top(procs, n, i, root);
		if (top == 0 ||
		    load_pid_in(top, news->standing, news->nstanding))
			continue;
		into = top == news->watch_pid ? watched : others;
		into->processes++;
		into->ticks += procs[i].ticks;
		into->switches += load_proc_switches(procs[i].pid);
	}
	free(procs);
}

/*
 * Sum the PSS (when with_pss) and the CPU time of every descendant of root
 * (root itself apart), by kind.  Processes that end while we read are
 * skipped.
 */
void
load_memory_measure(pid_t root, int with_pss, struct load_memory *m)
{
	struct load_proc *procs = NULL;
	size_t n, i;
	char kind[sizeof(m->kinds[0].name)];
	long pss, private_kib;
	int k;

	memset(m, 0, sizeof(*m));
	n = load_proc_scan(&procs);
	for (i = 0; i < n; i++) {
		if (with_pss && procs[i].pid == root &&
		    load_proc_pss(root, &pss, &private_kib) == 0)
			m->root_pss_kib = pss;
		if (load_proc_top(procs, n, i, root) == 0)
			continue;
		pss = private_kib = 0;
		if (with_pss &&
		    load_proc_pss(procs[i].pid, &pss, &private_kib) != 0)
			continue;
		load_proc_kind(procs[i].pid, kind, sizeof(kind));
		for (k = 0; k < m->nkinds; k++)
			if (strcmp(m->kinds[k].name, kind) == 0)
				break;
		if (k == m->nkinds) {
			if (m->nkinds == LOAD_KINDS_MAX)
				k = m->nkinds - 1; /* the last takes the rest */
			else
				(void)snprintf(m->kinds[m->nkinds++].name,
				    sizeof(m->kinds[0].name), "%s", kind);
		}
		m->kinds[k].processes++;
		m->kinds[k].pss_kib += pss;
		m->kinds[k].private_kib += private_kib;
		m->kinds[k].cpu_ticks += procs[i].ticks;
		m->kinds[k].switches += load_proc_switches(procs[i].pid);
		m->processes++;
		m->pss_kib += pss;
		m->cpu_ticks += procs[i].ticks;
	}
	m->measured = 1;
	free(procs);
}

/*
 * With every session held and nobody typing, how much CPU the server
 * burns, and how often each kind of process wakes up: measured again
 * after a window and compared with m.
 */
void
load_memory_idle(pid_t root, int seconds, struct load_memory *m)
{
	struct load_memory after;
	double ticks_per_s = (double)sysconf(_SC_CLK_TCK);
	double t0 = load_now_ms(), window_s;
	int k, j;

	(void)usleep((useconds_t)seconds * 1000000);
	load_memory_measure(root, 0, &after);
	window_s = (load_now_ms() - t0) / 1000;
	if (!after.measured || ticks_per_s <= 0 || window_s <= 0)
		return;
	m->idle_cpu_percent = (double)(after.cpu_ticks - m->cpu_ticks) /
	    ticks_per_s / window_s * 100;
	for (k = 0; k < m->nkinds; k++) {
		for (j = 0; j < after.nkinds; j++)
			if (strcmp(after.kinds[j].name, m->kinds[k].name) == 0)
				break;
		if (j == after.nkinds)
			continue;
		m->kinds[k].idle_cpu_percent =
		    (double)(after.kinds[j].cpu_ticks - m->kinds[k].cpu_ticks) /
		    ticks_per_s / window_s * 100;
		m->kinds[k].idle_wakeups =
		    (double)(after.kinds[j].switches - m->kinds[k].switches) /
		    window_s / m->kinds[k].processes;
	}
}

void
load_server_term(pid_t root, const pid_t *standing, int nstanding)
{
	struct dirent *d = NULL;
	DIR *dir = NULL;
	char *end = NULL;
	long pid;
	long long ticks;
	pid_t ppid;

	dir = opendir("/proc");
	if (dir == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 ||
		    load_proc_stat((pid_t)pid, &ppid, &ticks, NULL) != 0 ||
		    ppid != root ||
		    load_pid_in((pid_t)pid, standing, nstanding))
			continue;
		/* Gone already is fine: it was ending anyway. */
		(void)kill((pid_t)pid, SIGTERM);
	}
	(void)closedir(dir);
}

int
load_machine_cpu(struct load_machine_cpu *c)
{
	unsigned long long v[8] = { 0 };
	FILE *f = NULL;
	int n;

	memset(c, 0, sizeof(*c));
	f = fopen("/proc/stat", "r");
	if (f == NULL)
		return -1;
	/* cpu user nice system idle iowait irq softirq steal */
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
	    &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
	(void)fclose(f);
	if (n != 8)
		return -1;
	c->busy = v[0] + v[1] + v[2] + v[5] + v[6];
	c->idle = v[3] + v[4];
	c->steal = v[7];
	return 0;
}

/* A number from a /proc/sys file; -1 if it cannot be read. */
int
load_sysctl_int(const char *path)
{
	FILE *f = NULL;
	int v = -1;

	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	(void)fclose(f);
	return v;
}

/* CPU ticks over a window in ms as % of one core; -1 if unknown. */
double
load_cpu_percent(long long ticks, double window_ms)
{
	double ticks_per_s = (double)sysconf(_SC_CLK_TCK);

	if (ticks_per_s <= 0 || window_ms <= 0)
		return -1;
	return (double)ticks / ticks_per_s / (window_ms / 1000) * 100;
}
