/*
 * listener: accept connections, fork one process for each, keep the limits
 * on connections that have not logged in yet (in all, per source address,
 * random early drop, silent ones giving their places to newcomers, and
 * penalties for addresses that hold places without logging in), reap
 * children, and shut down in order on SIGTERM or SIGINT.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "daemon.h"
#include "error.h"
#include "log.h"
#include "pace.h"
#include "sdnotify.h"
#include "util.h"

struct listener_child {
	pid_t pid;
	int authenticated;
	int spoke; /* finished its key exchange: a real client */
	int evicted; /* made to give its place; killed */
	long long started; /* ms */
	char addr[ADDR_TEXT_MAX];
};

/* An address that held places without logging in. */
struct listener_penalty {
	char addr[ADDR_TEXT_MAX];
	long long until; /* ms: what it owes runs out then */
	int active; /* owed PENALTY_MIN_SECONDS: refused until then */
};

struct listener {
	struct daemon_ctx *dc;
	int listen_fd;
	int sig_fd;
	int status_rd;
	struct listener_child *children;
	size_t nchildren, cap;
	int stopping;
	pid_t housekeeper; /* 0: not running */
	struct pace housekeeper_pace;
	pid_t factory; /* the mentor factory; 0: not running */
	struct pace factory_pace;
	pid_t gate; /* the login gate; 0: not running */
	int gate_killed; /* as stuck: no second kill */
	struct pace gate_pace;
	struct listener_penalty *penalties; /* PENALTY_SOURCES_MAX */
	size_t npenalties;
	long long refusal_logged; /* ms */
	unsigned long refusals_unlogged;
};

/* Text form of a socket address, without the port. */
static void
listener_addr_text(const struct sockaddr_storage *ss, char *out, size_t size)
{
	const void *a = NULL;

	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;
		/* Count IPv4-mapped clients under their IPv4 address. */
		if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
			if (inet_ntop(AF_INET, &s6->sin6_addr.s6_addr[12], out,
				(socklen_t)size) == NULL)
				(void)snprintf(out, size, "?");
			return;
		}
		a = &s6->sin6_addr;
	} else
		a = &((const struct sockaddr_in *)(const void *)ss)->sin_addr;
	if (inet_ntop(ss->ss_family, a, out, (socklen_t)size) == NULL)
		(void)snprintf(out, size, "?");
}

/* Open, bind and listen on cfg's address and port. */
static int
listener_open(struct config *cfg, int *fd_out)
{
	struct addrinfo hints, *res = NULL, *ai;
	char port[16], name[ADDR_TEXT_MAX];
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	int fd = -1, one = 1, rc, port_no;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	(void)snprintf(port, sizeof(port), "%d", cfg->port);
	rc = getaddrinfo(cfg->listen, port, &hints, &res);
	if (rc != 0) {
		log_error("%s: %s", cfg->listen, gai_strerror(rc));
		return MB_ERR_INVALID;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family,
		    ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    ai->ai_protocol);
		if (fd < 0)
			continue;
		if (setsockopt(
			fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0)
			log_warn("SO_REUSEADDR: %s", strerror(errno));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, LISTEN_BACKLOG) == 0)
			break;
		log_error(
		    "bind %s port %s: %s", cfg->listen, port, strerror(errno));
		(void)close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return MB_ERR_IO;
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) != 0) {
		log_error("getsockname: %s", strerror(errno));
		(void)close(fd);
		return MB_ERR_IO;
	}
	listener_addr_text(&ss, name, sizeof(name));
	port_no = ntohs(ss.ss_family == AF_INET6 ?
		((struct sockaddr_in6 *)(void *)&ss)->sin6_port :
		((struct sockaddr_in *)(void *)&ss)->sin_port);
	/* Scripts and tests wait for this line. */
	log_info("mentord %s listening on %s%s%s:%d", MB_VERSION,
	    ss.ss_family == AF_INET6 ? "[" : "", name,
	    ss.ss_family == AF_INET6 ? "]" : "", port_no);
	/* With port 0 the kernel chose; mails must name the real one. */
	cfg->port = port_no;
	*fd_out = fd;
	return 0;
}

/* What the startup limits look at, for a connection from addr. */
struct listener_counts {
	size_t total; /* not logged in, in all */
	size_t spoke; /* of those, past their key exchange */
	size_t from_addr; /* not logged in, from addr */
	size_t sessions; /* from addr in all */
};

/* Count the children, evicted ones no longer. */
static void
listener_count(
    const struct listener *l, const char *addr, struct listener_counts *n)
{
	size_t i;
	int same;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < l->nchildren; i++) {
		if (l->children[i].evicted)
			continue;
		same = strcmp(l->children[i].addr, addr) == 0;
		n->sessions += same;
		if (l->children[i].authenticated)
			continue;
		n->total++;
		n->spoke += l->children[i].spoke;
		n->from_addr += same;
	}
}

/* The penalty entry of addr, or NULL. */
static struct listener_penalty *
listener_penalty_find(struct listener *l, const char *addr)
{
	size_t i;

	for (i = 0; i < l->npenalties; i++) {
		if (strcmp(l->penalties[i].addr, addr) == 0)
			return &l->penalties[i];
	}
	return NULL;
}

/*
 * addr held a place without logging in (why): it owes seconds more, up to
 * PENALTY_MAX_SECONDS; once it owes PENALTY_MIN_SECONDS it is refused.
 */
static void
listener_penalise(
    struct listener *l, const char *addr, int seconds, const char *why)
{
	struct listener_penalty *p = listener_penalty_find(l, addr);
	long long now = util_now_ms();
	size_t i;

	if (p == NULL) {
		if (l->penalties == NULL)
			l->penalties = xreallocarray(
			    NULL, PENALTY_SOURCES_MAX, sizeof(*l->penalties));
		if (l->npenalties < PENALTY_SOURCES_MAX)
			p = &l->penalties[l->npenalties++];
		else {
			/* Forget the one that is free soonest. */
			p = &l->penalties[0];
			for (i = 1; i < l->npenalties; i++) {
				if (l->penalties[i].until < p->until)
					p = &l->penalties[i];
			}
		}
		memset(p, 0, sizeof(*p));
		(void)snprintf(p->addr, sizeof(p->addr), "%s", addr);
	}
	if (p->until < now) {
		p->until = now;
		p->active = 0;
	}
	p->until += seconds * 1000LL;
	if (p->until > now + PENALTY_MAX_SECONDS * 1000LL)
		p->until = now + PENALTY_MAX_SECONDS * 1000LL;
	if (!p->active && p->until - now >= PENALTY_MIN_SECONDS * 1000LL) {
		p->active = 1;
		log_warn("%s: connections refused for %lld s: %s", addr,
		    (p->until - now) / 1000, why);
	}
}

/* Is addr refused for what it owes? */
static int
listener_penalised(struct listener *l, const char *addr)
{
	struct listener_penalty *p = listener_penalty_find(l, addr);

	if (p == NULL || !p->active)
		return 0;
	if (p->until <= util_now_ms()) {
		p->active = 0;
		return 0;
	}
	return 1;
}

/* Close a refused connection; say why, at most every
 * REFUSAL_LOG_SECONDS (a flood must not flood the log). */
static void
listener_refuse(struct listener *l, int fd, const char *addr, const char *why,
    const struct listener_counts *n)
{
	long long now = util_now_ms();

	(void)close(fd);
	if (now - l->refusal_logged < REFUSAL_LOG_SECONDS * 1000LL) {
		l->refusals_unlogged++;
		return;
	}
	log_warn("refused %s: %s; %zu connections not logged in (%zu past "
		 "key exchange, %zu from there), %zu from there in all, %zu "
		 "in all; %lu more refused before",
	    addr, why, n->total, n->spoke, n->from_addr, n->sessions,
	    l->nchildren, l->refusals_unlogged);
	l->refusal_logged = now;
	l->refusals_unlogged = 0;
}

/*
 * Random early drop, as OpenSSH's MaxStartups start:rate:full: with n
 * connections in key exchange or login, none below start, rate percent at
 * start, rising to all at full.
 */
static int
listener_early_drop(const struct config *cfg, size_t n)
{
	unsigned int p;

	if (n < (size_t)cfg->max_startups_start)
		return 0;
	if (n >= (size_t)cfg->max_startups)
		return 1;
	p = (unsigned int)cfg->max_startups_rate +
	    (unsigned int)((100 - cfg->max_startups_rate) *
		(n - (size_t)cfg->max_startups_start) /
		(size_t)(cfg->max_startups - cfg->max_startups_start));
	return randombytes_uniform(100) < p;
}

/*
 * The board is full: the oldest connection that has not finished its key
 * exchange gives its place (a real client finishes it in milliseconds);
 * its address is penalised.  Returns 1, or 0 when every one spoke.
 */
static int
listener_evict(struct listener *l)
{
	struct listener_child *victim = NULL;
	size_t i;

	for (i = 0; i < l->nchildren; i++) {
		struct listener_child *ch = &l->children[i];

		if (ch->authenticated || ch->spoke || ch->evicted)
			continue;
		if (victim == NULL || ch->started < victim->started)
			victim = ch;
	}
	if (victim == NULL)
		return 0;
	(void)kill(victim->pid, SIGKILL);
	victim->evicted = 1;
	log_debug("%s: silent for %lld ms; its place goes to a newcomer",
	    victim->addr, util_now_ms() - victim->started);
	listener_penalise(l, victim->addr, PENALTY_SILENT_SECONDS,
	    "connections that did not speak SSH");
	return 1;
}

/* Find out about peers that vanished, within minutes, not hours. */
static void
listener_keepalive(int fd)
{
	static const struct {
		int level, name, value;
	} opts[] = {
		{ SOL_SOCKET, SO_KEEPALIVE, 1 },
		{ IPPROTO_TCP, TCP_KEEPIDLE, TCP_KEEPALIVE_IDLE_SECONDS },
		{ IPPROTO_TCP, TCP_KEEPINTVL, TCP_KEEPALIVE_INTERVAL_SECONDS },
		{ IPPROTO_TCP, TCP_KEEPCNT, TCP_KEEPALIVE_PROBES },
		{ IPPROTO_TCP, TCP_NODELAY, 1 },
	};
	size_t i;

	for (i = 0; i < nitems(opts); i++) {
		if (setsockopt(fd, opts[i].level, opts[i].name, &opts[i].value,
			sizeof(opts[i].value)) != 0)
			log_warn(
			    "setsockopt %d: %s", opts[i].name, strerror(errno));
	}
}

/* The connection process with this pid, or NULL. */
static struct listener_child *
listener_find(struct listener *l, pid_t pid)
{
	size_t i;

	for (i = 0; i < l->nchildren; i++) {
		if (l->children[i].pid == pid)
			return &l->children[i];
	}
	return NULL;
}

int
listener_child_signals(pid_t listener, const char *name)
{
	sigset_t mask;
	int fd;

	/* The listener's signals arrive blocked: take the ending ones as
	 * events. */
	(void)sigemptyset(&mask);
	(void)sigaddset(&mask, SIGTERM);
	(void)sigaddset(&mask, SIGINT);
	if (sigprocmask(SIG_SETMASK, &mask, NULL) != 0 ||
	    (fd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0) {
		log_error("signal set-up: %s", strerror(errno));
		_exit(1);
	}
	/* A listener that dies, even by SIGKILL, takes us along (as a
	 * SIGTERM): a mentord started again starts its own, and two never
	 * work on one board.  One that died before this line left us to
	 * another parent already. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0) != 0)
		log_warn("prctl: %s", strerror(errno));
	if (getppid() != listener) {
		log_info("the listener is gone; %s ends", name);
		_exit(0);
	}
	return fd;
}

/* The housekeeping ended: start it again (pace.h). */
static void
listener_housekeeper_ended(struct listener *l, int status)
{
	l->housekeeper = 0;
	if (l->stopping)
		return;
	log_warn("housekeeping process ended (status %d); starting it again "
		 "in %lld ms",
	    status, pace_ended(&l->housekeeper_pace, util_now_ms()));
}

/* Start the housekeeping process if it is due. */
static void
listener_housekeeper_start(struct listener *l)
{
	pid_t pid, listener = getpid();

	if (l->housekeeper != 0 || l->stopping ||
	    !pace_due(&l->housekeeper_pace, util_now_ms()))
		return;
	pace_started(&l->housekeeper_pace, util_now_ms());
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		(void)pace_ended(&l->housekeeper_pace, util_now_ms());
		return;
	}
	if (pid == 0) {
		(void)close(l->listen_fd);
		(void)close(l->sig_fd);
		(void)close(l->status_rd);
		if (l->dc->factory_fd >= 0)
			(void)close(l->dc->factory_fd);
		if (l->dc->gate_fd >= 0)
			(void)close(l->dc->gate_fd);
		free(l->children);
		free(l->penalties);
		/* Ctrl-C on mentord's terminal is the listener's to take. */
		if (setsid() < 0)
			log_warn("setsid: %s", strerror(errno));
		housekeeping_main(l->dc, listener);
	}
	l->housekeeper = pid;
}

/* When to start the factory again (pace.h). */
static void
listener_factory_again(struct listener *l)
{
	log_warn("mentor factory: starting it again in %lld ms",
	    pace_ended(&l->factory_pace, util_now_ms()));
}

/* Start the mentor factory if it is due; until it runs, connections
 * fork their mentors themselves. */
static void
listener_factory_start(struct listener *l)
{
	pid_t pid;

	if (l->factory != 0 || l->stopping ||
	    !pace_due(&l->factory_pace, util_now_ms()))
		return;
	pace_started(&l->factory_pace, util_now_ms());
	pid = factory_start(l->dc);
	if (pid < 0) {
		listener_factory_again(l);
		return;
	}
	l->factory = pid;
}

/* The factory ended: its socket goes (connections that hold it fork
 * their mentors themselves); a new one starts, soon. */
static void
listener_factory_ended(struct listener *l, int status)
{
	l->factory = 0;
	if (l->dc->factory_fd >= 0)
		(void)close(l->dc->factory_fd);
	l->dc->factory_fd = -1;
	if (l->stopping)
		return;
	log_warn("mentor factory ended (status %d)", status);
	listener_factory_again(l);
}

/* Start the login gate if it is due; until it runs, connections ask the
 * store themselves. */
static void
listener_gate_start(struct listener *l)
{
	const int fds[] = { l->listen_fd, l->sig_fd, l->status_rd,
		l->dc->status_fd, l->dc->factory_fd };
	pid_t pid;

	if (l->gate != 0 || l->stopping ||
	    !pace_due(&l->gate_pace, util_now_ms()))
		return;
	pace_started(&l->gate_pace, util_now_ms());
	pid = gate_start(l->dc, fds, nitems(fds));
	if (pid < 0) {
		log_warn("login gate: starting it again in %lld ms",
		    pace_ended(&l->gate_pace, util_now_ms()));
		return;
	}
	l->gate = pid;
	l->gate_killed = 0;
}

/* The gate ended: its socket goes (connections that hold it ask the
 * store themselves); a new one starts (pace.h). */
static void
listener_gate_ended(struct listener *l, int status)
{
	l->gate = 0;
	if (l->dc->gate_fd >= 0)
		(void)close(l->dc->gate_fd);
	l->dc->gate_fd = -1;
	if (l->stopping)
		return;
	log_warn("login gate ended (status %d); starting it again in %lld ms",
	    status, pace_ended(&l->gate_pace, util_now_ms()));
}

/* Milliseconds the loop may sleep before the housekeeping, the factory or
 * the gate is due. */
static int
listener_timeout(const struct listener *l)
{
	long long left = LLONG_MAX, now = util_now_ms();

	if (l->housekeeper == 0 && l->housekeeper_pace.due - now < left)
		left = l->housekeeper_pace.due - now;
	if (l->factory == 0 && l->factory_pace.due - now < left)
		left = l->factory_pace.due - now;
	if (l->gate == 0 && l->gate_pace.due - now < left)
		left = l->gate_pace.due - now;
	if (left == LLONG_MAX)
		return -1; /* all running: nothing is due */
	return left < 0 ? 0 : (int)left;
}

/* Reap every child that has ended. */
static void
listener_reap(struct listener *l)
{
	struct listener_child *ch = NULL;
	pid_t pid;
	int status;

	for (;;) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid <= 0)
			break;
		if (pid == l->housekeeper) {
			listener_housekeeper_ended(l, status);
			continue;
		}
		if (pid == l->factory) {
			listener_factory_ended(l, status);
			continue;
		}
		if (pid == l->gate) {
			listener_gate_ended(l, status);
			continue;
		}
		ch = listener_find(l, pid);
		if (ch == NULL)
			continue;
		if (!ch->authenticated && !ch->evicted && WIFEXITED(status) &&
		    WEXITSTATUS(status) == CONN_EXIT_SILENT)
			listener_penalise(l, ch->addr, PENALTY_SILENT_SECONDS,
			    "connections that did not speak SSH in time");
		else if (!ch->authenticated && !ch->evicted &&
		    WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			listener_penalise(l, ch->addr, PENALTY_GRACE_SECONDS,
			    "connections not logged in in time");
		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGALRM &&
		    WTERMSIG(status) != SIGKILL)
			log_warn("connection process %ld from %s died of "
				 "signal %d",
			    (long)pid, ch->addr, WTERMSIG(status));
		*ch = l->children[--l->nchildren];
	}
}

/* Read "logged in" notes from connection processes. */
static void
listener_read_status(struct listener *l)
{
	struct conn_status_msg msg;
	struct listener_child *ch = NULL;
	ssize_t n;

	for (;;) {
		n = read(l->status_rd, &msg, sizeof(msg));
		if (n != (ssize_t)sizeof(msg))
			break;
		ch = listener_find(l, msg.pid);
		if (ch == NULL)
			continue;
		/* Not for a gate younger than a question's wait: that was
		 * asked of the one before. */
		if (msg.event == CONN_STATUS_GATE_STUCK && l->gate != 0 &&
		    !l->gate_killed &&
		    util_now_ms() - l->gate_pace.started >= GATE_ANSWER_MS) {
			/* Reaped as any end of it; a new one starts. */
			log_warn("login gate %ld stuck; killed", (long)l->gate);
			(void)kill(l->gate, SIGKILL);
			l->gate_killed = 1;
		}
		if (msg.event == CONN_STATUS_KEX_DONE)
			ch->spoke = 1;
		else if (msg.event == CONN_STATUS_LOGGED_IN)
			ch->spoke = ch->authenticated = 1;
	}
}

/* Accept one connection and fork its process, unless a limit says no. */
static void
listener_accept(struct listener *l)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	const struct config *cfg = l->dc->cfg;
	char addr[ADDR_TEXT_MAX];
	struct listener_counts n;
	sigset_t none;
	pid_t pid;
	int fd;

	fd =
	    accept4(l->listen_fd, (struct sockaddr *)&ss, &sslen, SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
			log_warn("accept: %s", strerror(errno));
		return;
	}
	listener_addr_text(&ss, addr, sizeof(addr));
	listener_count(l, addr, &n);
	if (listener_penalised(l, addr)) {
		listener_refuse(l, fd, addr, "penalised", &n);
		return;
	}
	if (n.from_addr >= (size_t)cfg->max_startups_per_source ||
	    n.sessions >= (size_t)cfg->max_sessions_per_source ||
	    l->nchildren >= MAX_SESSIONS) {
		listener_refuse(l, fd, addr, "limits", &n);
		return;
	}
	if (listener_early_drop(cfg, n.spoke)) {
		listener_refuse(l, fd, addr, "random early drop", &n);
		return;
	}
	if (n.total >= (size_t)cfg->max_startups && !listener_evict(l)) {
		listener_refuse(l, fd, addr, "full", &n);
		return;
	}
	listener_keepalive(fd);
	if (l->nchildren == l->cap) {
		l->cap = l->cap == 0 ? 64 : l->cap * 2;
		l->children =
		    xreallocarray(l->children, l->cap, sizeof(*l->children));
	}
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		(void)close(fd);
		return;
	}
	if (pid == 0) {
		(void)close(l->listen_fd);
		(void)close(l->sig_fd);
		(void)close(l->status_rd);
		free(l->children);
		free(l->penalties);
		/*
		 * A session of its own: Ctrl-C on mentord's terminal reaches
		 * the listener only (which then shuts down in order), and
		 * the scheduler treats each connection as a group of its
		 * own, as sshd's are, not all of them as one.
		 */
		if (setsid() < 0)
			log_warn("setsid: %s", strerror(errno));
		/* The connection process takes its own signals. */
		(void)sigemptyset(&none);
		(void)sigprocmask(SIG_SETMASK, &none, NULL);
		conn_serve(l->dc, fd, addr);
	}
	(void)close(fd);
	memset(&l->children[l->nchildren], 0, sizeof(l->children[0]));
	l->children[l->nchildren].pid = pid;
	l->children[l->nchildren].started = util_now_ms();
	(void)snprintf(
	    l->children[l->nchildren].addr, ADDR_TEXT_MAX, "%s", addr);
	l->nchildren++;
}

/* Tell every connection the board goes down; kill what stays too long. */
static void
listener_shutdown(struct listener *l)
{
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	long long deadline;
	size_t i;
	int factory_told = 0;

	log_info("shutting down: %zu connections to close", l->nchildren);
	(void)close(l->listen_fd);
	l->listen_fd = -1;
	if (l->housekeeper != 0)
		(void)kill(l->housekeeper, SIGTERM);
	if (l->gate != 0)
		(void)kill(l->gate, SIGTERM);
	for (i = 0; i < l->nchildren; i++)
		(void)kill(l->children[i].pid, SIGTERM);
	deadline = util_now_ms() + SHUTDOWN_GRACE_SECONDS * 1000LL;
	for (;;) {
		listener_reap(l);
		/* The factory's mentors end with their connections; then
		 * the factory ends. */
		if (l->nchildren == 0 && l->factory != 0 && !factory_told) {
			(void)kill(l->factory, SIGTERM);
			factory_told = 1;
		}
		if (l->nchildren == 0 && l->housekeeper == 0 &&
		    l->factory == 0 && l->gate == 0)
			break;
		if (util_now_ms() >= deadline) {
			log_warn("%zu connections did not close; killing them",
			    l->nchildren);
			for (i = 0; i < l->nchildren; i++)
				(void)kill(l->children[i].pid, SIGKILL);
			if (l->housekeeper != 0)
				(void)kill(l->housekeeper, SIGKILL);
			if (l->gate != 0)
				(void)kill(l->gate, SIGKILL);
			/* Its mentors get SIGHUP as their factory dies. */
			if (l->factory != 0)
				(void)kill(l->factory, SIGKILL);
			/* Their UI processes get SIGHUP from the PTY. */
			for (i = 0; i < 20 && l->nchildren > 0; i++) {
				(void)nanosleep(&pause, NULL);
				listener_reap(l);
			}
			break;
		}
		(void)nanosleep(&pause, NULL);
	}
	log_info("stopped");
}

int
listener_run(struct daemon_ctx *dc)
{
	struct listener l;
	struct signalfd_siginfo si;
	struct pollfd pfd[3];
	sigset_t mask;
	int pipefd[2] = { -1, -1 }, rc;
	ssize_t n;

	memset(&l, 0, sizeof(l));
	l.dc = dc;
	pace_init(&l.housekeeper_pace, HOUSEKEEPING_RESTART_SECONDS * 1000LL);
	pace_init(&l.factory_pace, FACTORY_RESTART_MS);
	pace_init(&l.gate_pace, GATE_RESTART_SECONDS * 1000LL);
	l.listen_fd = l.sig_fd = l.status_rd = -1;
	if (pipe2(pipefd, O_CLOEXEC | O_NONBLOCK) != 0) {
		log_error("pipe2: %s", strerror(errno));
		return MB_ERR_IO;
	}
	l.status_rd = pipefd[0];
	dc->status_fd = pipefd[1];

	(void)sigemptyset(&mask);
	(void)sigaddset(&mask, SIGCHLD);
	(void)sigaddset(&mask, SIGTERM);
	(void)sigaddset(&mask, SIGINT);
	(void)sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) != 0) {
		log_error("sigprocmask: %s", strerror(errno));
		return MB_ERR_IO;
	}
	l.sig_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (l.sig_fd < 0) {
		log_error("signalfd: %s", strerror(errno));
		return MB_ERR_IO;
	}
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		log_warn("ignoring SIGPIPE failed");
	rc = listener_open(dc->cfg, &l.listen_fd);
	if (rc != 0)
		return rc;
	/* Type=notify: systemd counts the board as started from here. */
	(void)sdnotify_send("READY=1\nSTATUS=listening");

	while (!l.stopping) {
		listener_factory_start(&l);
		listener_gate_start(&l);
		listener_housekeeper_start(&l);
		pfd[0].fd = l.listen_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = l.sig_fd;
		pfd[1].events = POLLIN;
		pfd[2].fd = l.status_rd;
		pfd[2].events = POLLIN;
		if (poll(pfd, 3, listener_timeout(&l)) < 0) {
			if (errno == EINTR)
				continue;
			log_error("poll: %s", strerror(errno));
			break;
		}
		if (pfd[2].revents & POLLIN)
			listener_read_status(&l);
		if (pfd[1].revents & POLLIN) {
			for (;;) {
				n = read(l.sig_fd, &si, sizeof(si));
				if (n != (ssize_t)sizeof(si))
					break;
				if (si.ssi_signo == SIGTERM ||
				    si.ssi_signo == SIGINT)
					l.stopping = 1;
				else if (si.ssi_signo == SIGHUP)
					log_info("SIGHUP: nothing to reload; "
						 "restart to change settings");
			}
			listener_reap(&l);
		}
		if (!l.stopping && (pfd[0].revents & POLLIN))
			listener_accept(&l);
	}
	(void)sdnotify_send("STOPPING=1\nSTATUS=shutting down");
	listener_shutdown(&l);
	(void)close(l.sig_fd);
	(void)close(l.status_rd);
	(void)close(dc->status_fd);
	free(l.children);
	free(l.penalties);
	return 0;
}
