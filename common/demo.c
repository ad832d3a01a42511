/*
 * demo: fictitious members for trying the board out and for benchmarks.
 * `mentord demo --users N [--seed S]` adds N plausible members, a fixed
 * share of them mentors with complete profiles, the rest mentees with
 * applications; the same seed gives the same people.  They are marked as
 * demo data (and have no password or key, so nobody logs in as them);
 * `mentord demo --remove` deletes them all.  The command line is
 * mentord's (daemon/admin.c); these are the rules that write them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "demo.h"
#include "error.h"
#include "log.h"
#include "profile.h"
#include "store.h"
#include "util.h"

/* Members per transaction: a running board's sessions wait for the write
 * lock no longer than one batch takes (some tens of milliseconds). */
#define DEMO_BATCH 1000
#define DEMO_AVAILABLE_PERCENT 80
#define DEMO_LIST_MIN 3 /* fields and areas to choose from */

static const char *const demo_first[] = {
	"Anna",
	"Jürgen",
	"Björn",
	"Zoë",
	"Sören",
	"Käthe",
	"Lukas",
	"Leonie",
	"Max",
	"Mia",
	"Emma",
	"Noah",
	"Jörg",
	"Günther",
	"Ümit",
	"Özlem",
	"Sophie",
	"Liam",
	"Olivia",
	"Jack",
	"Amelia",
	"Oliver",
	"Chloë",
	"Renée",
	"André",
	"Léa",
	"Ines",
	"Timo",
	"Jana",
	"Felix",
	"Hannah",
	"Paul",
	"Marie",
	"Ben",
	"Lena",
	"Elias",
	"Clara",
	"Jonas",
	"Frieda",
	"Moritz",
	"Grace",
	"Harry",
	"Isla",
	"George",
	"Ella",
	"Thomas",
	"Charlotte",
	"James",
	"Zeynep",
	"Mehmet",
	"Agnieszka",
	"Tomasz",
	"Dörte",
	"Håkon",
	"Maëlle",
	"Raphaël",
	"Fatma",
	"Aylin",
	"Niklas",
	"Svenja",
};

static const char *const demo_last[] = {
	"Müller",
	"Schmidt",
	"Schneider",
	"Fischer",
	"Weber",
	"Meyer",
	"Wagner",
	"Becker",
	"Schulz",
	"Hoffmann",
	"Schäfer",
	"Koch",
	"Bauer",
	"Richter",
	"Klein",
	"Wolf",
	"Schröder",
	"Neumann",
	"Schwarz",
	"Zimmermann",
	"Braun",
	"Krüger",
	"Hofmann",
	"Hartmann",
	"Lange",
	"Werner",
	"Krause",
	"Lehmann",
	"Smith",
	"Jones",
	"Taylor",
	"Brown",
	"Williams",
	"Wilson",
	"Johnson",
	"Davies",
	"Robinson",
	"Wright",
	"Thompson",
	"Evans",
	"Walker",
	"Öztürk",
	"Yılmaz",
	"Łukasiewicz",
	"Dvořák",
	"Nowak",
	"Kowalski",
	"Ødegaard",
	"Çelik",
	"Ørsted",
};

static const char *const demo_industries[] = {
	"Automotive",
	"Banking",
	"Biotech",
	"Consulting",
	"Education",
	"Energy",
	"Healthcare",
	"Insurance",
	"Logistics",
	"Media",
	"Pharmaceuticals",
	"Public administration",
	"Publishing",
	"Research",
	"Retail",
	"Software",
	"Telecommunications",
	"Tourism",
	"Non-profit",
	"Manufacturing",
	"Aerospace",
	"Games",
	"Law",
	"Engineering services",
};

static const char *const demo_positions[] = {
	"Team lead",
	"Senior engineer",
	"Product manager",
	"Consultant",
	"Professor",
	"Head of HR",
	"Founder",
	"Managing director",
	"Project manager",
	"Data scientist",
	"Lecturer",
	"Physician",
	"Lawyer",
	"Journalist",
	"Teacher",
	"UX designer",
	"Controller",
	"Sales manager",
	"Researcher",
	"Editor",
	"Software architect",
	"Works council member",
};

static const char *const demo_languages[] = {
	"German",
	"English",
	"French",
	"Spanish",
	"Italian",
	"Turkish",
	"Polish",
	"Arabic",
	"Chinese",
	"Russian",
	"Portuguese",
	"Dutch",
};

static const char *const demo_help[] = {
	"I can help with preparing job interviews.",
	"Happy to review your CV and cover letter.",
	"I know how to negotiate a first salary.",
	"I moved abroad twice and can tell you what to expect.",
	"I founded a company and can help you plan yours.",
	"I can explain how to find funding for a startup.",
	"Balancing family and career is something I know well.",
	"I lead a team and can help you take that step.",
	"I can help you plan a PhD and an academic career.",
	"I changed careers into engineering late and would do it again.",
	"Networking in my industry: I know the people and the events.",
	"Ich helfe gern bei Bewerbungen für den Berufseinstieg.",
	"Gemeinsam üben wir Vorstellungsgespräche.",
	"Ich kenne den Weg in die Selbstständigkeit und die Gründung.",
	"Für Fragen zur Promotion und zur Wissenschaft bin ich da.",
	"Ich unterstütze beim Wechsel ins Ausland, vor allem nach Skandinavien.",
};

static const char *const demo_goals[] = {
	"Find my first job in research after the degree.",
	"Change from teaching into software engineering.",
	"Start my own design studio within two years.",
	"Get a position abroad, ideally in Scandinavia.",
	"Prepare for interviews with consulting firms.",
	"Lead a small team for the first time.",
	"Decide whether a PhD is right for me.",
	"Meinen ersten Job nach dem Studium finden.",
	"Eine Gründung im Bereich Energie vorbereiten.",
	"Beruf und Familie besser vereinbaren.",
};

/* A small, fast, reproducible generator (splitmix64). */
static uint64_t
demo_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number from 0 to n - 1, from the generator's state. */
static size_t
demo_pick(uint64_t *state, size_t n)
{
	return (size_t)(demo_next(state) % n);
}

#define DEMO_PICK(s, a) (a)[demo_pick((s), nitems(a))]

/* Choose k distinct indexes out of n into out (k <= n). */
static void
demo_choose(uint64_t *state, size_t n, size_t k, size_t *out)
{
	size_t i, j;
	int again;

	for (i = 0; i < k; i++) {
		do {
			out[i] = demo_pick(state, n);
			again = 0;
			for (j = 0; j < i; j++)
				again |= out[j] == out[i];
		} while (again);
	}
}

/* Add one member, number idx, drawn from state. */
static int
demo_add(struct store *st, uint64_t *state, long idx,
    const struct store_item *fields, size_t nfields,
    const struct store_item *areas, size_t nareas)
{
	struct store_user u;
	struct store_mentor m;
	const char *which = NULL;
	char help[1024], langs[128];
	int64_t id = 0, field_ids[3];
	size_t pick[3], i, k;
	int rc, mentor = (int)demo_pick(state, 100) < DEMO_MENTOR_PERCENT;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "demo-%06ld", idx);
	(void)snprintf(u.email, sizeof(u.email), "demo%06ld@demo.invalid", idx);
	(void)strlcpy_checked(
	    u.first_name, DEMO_PICK(state, demo_first), sizeof(u.first_name));
	(void)strlcpy_checked(
	    u.last_name, DEMO_PICK(state, demo_last), sizeof(u.last_name));
	u.verified = 1;
	u.is_demo = 1;
	rc = store_user_create(st, &u, NULL, clock_now(), &id, &which);
	if (rc != 0)
		return rc;
	k = 1 + demo_pick(state, 2);
	demo_choose(state, nfields, k, pick);
	for (i = 0; i < k; i++)
		field_ids[i] = fields[pick[i]].id;
	rc = store_user_set_fields(st, id, field_ids, k);
	k = 1 + demo_pick(state, mentor ? 3 : 2);
	demo_choose(state, nareas, k, pick);
	for (i = 0; rc == 0 && i < k; i++)
		rc = store_role_set(st, id, areas[pick[i]].id,
		    mentor ? STORE_ROLE_MENTOR : STORE_ROLE_MENTEE, 1);
	if (rc != 0 || !mentor) {
		if (rc == 0)
			rc = store_application_set(st, id, STORE_SECTION_GOALS,
			    DEMO_PICK(state, demo_goals));
		return rc;
	}
	(void)snprintf(help, sizeof(help), "%s %s", DEMO_PICK(state, demo_help),
	    DEMO_PICK(state, demo_help));
	k = 1 + demo_pick(state, 3);
	demo_choose(state, nitems(demo_languages), k, pick);
	langs[0] = '\0';
	for (i = 0; i < k; i++) {
		(void)strncat(langs, i > 0 ? ", " : "",
		    sizeof(langs) - strlen(langs) - 1);
		(void)strncat(langs, demo_languages[pick[i]],
		    sizeof(langs) - strlen(langs) - 1);
	}
	memset(&m, 0, sizeof(m));
	m.help_text = help;
	m.industry = (char *)DEMO_PICK(state, demo_industries);
	m.position = (char *)DEMO_PICK(state, demo_positions);
	m.languages = langs;
	m.capacity = 1 + (int)demo_pick(state, 5);
	m.available = (int)demo_pick(state, 100) < DEMO_AVAILABLE_PERCENT;
	rc = store_mentor_set(st, id, &m);
	if (rc == 0)
		rc = store_search_set(st, id, 1);
	return rc;
}

int
demo_remove(struct board *b, int64_t *removed)
{
	int rc = store_begin(b->store);

	if (rc == 0)
		rc = store_user_remove_demo(b->store, removed);
	if (rc == 0)
		rc = store_commit(b->store);
	else
		store_rollback(b->store);
	return rc;
}

int
demo_generate(
    struct board *b, long users, uint64_t seed, long *done, const char **why)
{
	struct store_item *fields = NULL, *areas = NULL;
	struct store *st = b->store;
	size_t nfields = 0, nareas = 0;
	uint64_t state = seed;
	long i, first = 0;
	int rc;

	*done = 0;
	if (users < 1 || users > DEMO_USERS_MAX) {
		*why = "the number of members is out of range";
		return MB_ERR_INVALID;
	}
	rc = store_list_get(st, STORE_LIST_FIELDS, 0, &fields, &nfields);
	if (rc == 0)
		rc = store_list_get(st, STORE_LIST_AREAS, 0, &areas, &nareas);
	if (rc == 0 && (nfields < DEMO_LIST_MIN || nareas < DEMO_LIST_MIN)) {
		*why = "the lists of fields and areas need at least three "
		       "entries each";
		rc = MB_ERR_INVALID;
	}
	/* Numbers go on after those already there, so runs can add up. */
	if (rc == 0)
		rc = store_demo_count(st, &first);
	for (i = 0; rc == 0 && i < users;) {
		rc = store_begin(st);
		for (long end_of_batch = i + DEMO_BATCH;
		     rc == 0 && i < users && i < end_of_batch; i++)
			rc = demo_add(st, &state, first + i, fields, nfields,
			    areas, nareas);
		if (rc == 0)
			rc = store_commit(st);
		else
			store_rollback(st);
		if (rc == 0)
			*done = i;
	}
	if (rc != 0 && *why == NULL)
		*why = mb_strerror(rc);
	free(fields);
	free(areas);
	return rc;
}
