/* Unit tests of common/search.c: the query builder, the score, results. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "i18n.h"
#include "profile.h"
#include "search.h"
#include "store.h"
#include "test_util.h"

static void
expect_match(const char *text, const char *want)
{
	char out[SEARCH_FTS_MAX];
	const char *why = NULL;

	assert_int_equal(
	    search_build_match(text, NULL, NULL, out, sizeof(out), &why), 0);
	assert_string_equal(out, want);
}

static void
test_match_words_become_prefixes(void **state)
{
	(void)state;
	expect_match("engin", "\"engin\"*");
	/* Folded as the index is (fold.h): case, umlauts, NFD. */
	expect_match("  Software   engin ", "\"software\"* \"engin\"*");
	expect_match("für", "\"fuer\"*");
	expect_match("fu\xcc\x88"
		     "r Stra\xc3\x9f"
		     "e",
	    "\"fuer\"* \"strasse\"*");
	expect_match("", "");
}

static void
test_match_hostile_input_is_text(void **state)
{
	(void)state;
	/* Operators and quotes are separators; words stay quoted. */
	expect_match("\"NEAR(a b)\" AND *", "\"near\"* \"a\"* \"b\"* \"and\"*");
	expect_match(
	    "'; DROP TABLE user; --", "\"drop\"* \"table\"* \"user\"*");
	expect_match("a\x1b[31mb\x07", "\"a\"* \"31mb\"*");
	expect_match("col:umn^ {x}", "\"col\"* \"umn\"* \"x\"*");
	expect_match("***", "");
}

static void
test_match_limits(void **state)
{
	char out[SEARCH_FTS_MAX], text[SEARCH_QUERY_MAX + 2];
	const char *why = NULL;
	int words;

	(void)state;
	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	assert_int_equal(
	    search_build_match(text, NULL, NULL, out, sizeof(out), &why),
	    MB_ERR_INVALID);
	assert_int_equal(
	    search_build_match("ok \xff", NULL, NULL, out, sizeof(out), &why),
	    MB_ERR_INVALID);
	/* Only SEARCH_TERMS_MAX words count. */
	assert_int_equal(search_build_match("a b c d e f g h i j k l", NULL,
			     NULL, out, sizeof(out), &why),
	    0);
	for (words = 0; strchr(out, '*') != NULL; words++)
		memmove(out, strchr(out, '*') + 1, strlen(strchr(out, '*')));
	assert_int_equal(words, SEARCH_TERMS_MAX);
}

static void
test_match_filters_are_columns(void **state)
{
	char out[SEARCH_FTS_MAX];
	const char *why = NULL;

	(void)state;
	assert_int_equal(search_build_match("coach", "auto", "Deutsch", out,
			     sizeof(out), &why),
	    0);
	assert_string_equal(
	    out, "\"coach\"* industry : \"auto\"* languages : \"deutsch\"*");
}

static void
test_score(void **state)
{
	static const struct {
		struct suggest_input in;
		int want;
	} cases[] = {
		{ { 0, 0, 0, 0 }, 0 },
		{ { 1, 0, 0, 0 }, 50 },
		{ { 1, 1, 0, 0 }, 75 },
		{ { 1, 1, 3, 3 }, 100 },
		{ { 1, 1, 10, 3 }, 100 },
		{ { 1, 1, 10, 1 }, 83 },
		{ { 1, 0, 2, 1 }, 62 },
		{ { 0, 1, 4, 2 }, 41 },
		{ { 0, 0, 5, 9 }, 25 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(search_score(&cases[i].in), cases[i].want);
}

static void
test_goal_words(void **state)
{
	char words[GOAL_WORDS_MAX][SEARCH_TERM_MAX];
	size_t n;

	(void)state;
	n = search_goal_words("I want to find a Job in RESEARCH, research and "
			      "Gründung with my team.",
	    words, GOAL_WORDS_MAX);
	assert_int_equal(n, 4);
	assert_string_equal(words[0], "find");
	assert_string_equal(words[1], "research");
	assert_string_equal(words[2], "gruendung");
	assert_string_equal(words[3], "team");
	n = search_goal_words("aaaa bbbb cccc dddd", words, 2);
	assert_int_equal(n, 2);
}

/* A mentor with a complete profile, listed in the search. */
static int64_t
add_mentor(struct board *b, const char *user, const char *first,
    const char *last, const char *field, const char *area, const char *help,
    int available)
{
	struct store_user u;
	struct store_item f, a;
	struct store_mentor m;
	struct profile_errors e;
	const char *which = NULL, *why = NULL;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "%s", user);
	(void)snprintf(u.email, sizeof(u.email), "%s@example.org", user);
	(void)snprintf(u.first_name, sizeof(u.first_name), "%s", first);
	(void)snprintf(u.last_name, sizeof(u.last_name), "%s", last);
	u.verified = 1;
	assert_int_equal(
	    store_user_create(b->store, &u, NULL, 0, &id, &which), 0);
	assert_int_equal(
	    store_list_find(b->store, STORE_LIST_FIELDS, field, &f), 0);
	assert_int_equal(
	    store_list_find(b->store, STORE_LIST_AREAS, area, &a), 0);
	assert_int_equal(profile_fields_save(b, id, &f.id, 1, &why), 0);
	assert_int_equal(
	    profile_role_set(b, id, a.id, STORE_ROLE_MENTOR, 1, &why), 0);
	memset(&m, 0, sizeof(m));
	m.help_text = (char *)help;
	m.industry = "Software";
	m.position = "Team lead";
	m.languages = "German, English";
	m.capacity = 2;
	m.available = available;
	assert_int_equal(profile_mentor_save(b, id, &m, &e), 0);
	return id;
}

static void
board_of(struct test_db *t, struct board *b, struct config *cfg)
{
	static uint8_t key[BOARD_KEY_BYTES];

	config_defaults(cfg);
	b->store = t->st;
	b->cfg = cfg;
	b->key = key;
}

static int
run(struct board *b, int64_t viewer, const char *text, int64_t area,
    int available, struct search_result *r)
{
	struct viewer v = { .user_id = viewer, .verified = viewer != 0 };
	struct search_query q;
	const char *why = NULL;

	memset(&q, 0, sizeof(q));
	q.text = text;
	q.area_id = area;
	q.available_only = available;
	return search_run(b, &v, &q, r, &why);
}

/* How many mentors text finds, as a member; defined below. */
static size_t found(struct board *b, const char *text);

static void
test_search_results(void **state)
{
	struct test_db *t = *state;
	struct search_result r;
	struct config cfg;
	struct store_item area, field;
	struct board b;
	char tag[32], tag2[32];
	size_t i;

	board_of(t, &b, &cfg);
	add_mentor(&b, "annak", "Anna", "Kowalczyk", "Physics", "Career entry",
	    "Ich helfe für Bewerbungen im Engineering.", 1);
	add_mentor(&b, "bob", "Bob", "Brown", "Law", "Leadership",
	    "Negotiating salaries.", 0);
	/* Prefixes and folded accents. */
	assert_int_equal(run(&b, 0, "engin", 0, 0, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].display_name, "Anna K.");
	assert_string_equal(r.hits[0].fields, "Physics");
	assert_string_equal(r.hits[0].areas, "Career entry");
	assert_null(r.hits[0].help_text); /* guests see less */
	search_result_free(&r);
	assert_int_equal(run(&b, 1, "fur", 0, 0, &r), 0);
	assert_int_equal(r.n, 1);
	assert_non_null(r.hits[0].help_text); /* members see more */
	search_result_free(&r);
	/* Surnames, user names and addresses are not searched. */
	assert_int_equal(run(&b, 1, "Kowalczyk", 0, 0, &r), 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	assert_int_equal(run(&b, 1, "annak", 0, 0, &r), 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	assert_int_equal(run(&b, 1, "example", 0, 0, &r), 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	/* Filters. */
	assert_int_equal(run(&b, 1, "", 0, 0, &r), 0);
	assert_int_equal(r.n, 2);
	search_result_free(&r);
	assert_int_equal(run(&b, 1, "", 0, 1, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].display_name, "Anna K.");
	search_result_free(&r);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_AREAS, "Leadership", &area), 0);
	assert_int_equal(run(&b, 1, "", area.id, 0, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].display_name, "Bob B.");
	search_result_free(&r);
	/* The filters' tags ("open", "a12", "f7") are not typed words: they
	 * find nobody, alone or beside a word that finds someone. */
	(void)snprintf(tag, sizeof(tag), "a%lld", (long long)area.id);
	assert_int_equal(
	    store_list_find(t->st, STORE_LIST_FIELDS, "Physics", &field), 0);
	(void)snprintf(tag2, sizeof(tag2), "F%lld", (long long)field.id);
	assert_int_equal(found(&b, "open"), 0);
	assert_int_equal(found(&b, "op"), 0);
	assert_int_equal(found(&b, "engin OPE"), 0);
	assert_int_equal(found(&b, tag), 0);
	assert_int_equal(found(&b, tag2), 0);
	assert_int_equal(found(&b, "engin o"), 0);
	assert_int_equal(found(&b, "engin"), 1);
	/* Hostile text is searched as text: no error. */
	assert_int_equal(run(&b, 1, "\"NEAR( AND * OR", 0, 0, &r), 0);
	search_result_free(&r);
	/* No surname anywhere in a hit. */
	assert_int_equal(run(&b, 1, "", 0, 0, &r), 0);
	for (i = 0; i < r.n; i++) {
		assert_null(strstr(r.hits[i].display_name, "Kowalczyk"));
		assert_null(strstr(r.hits[i].help_text, "Kowalczyk"));
	}
	search_result_free(&r);
}

/* How many mentors text finds, as a member. */
static size_t
found(struct board *b, const char *text)
{
	struct search_result r;
	size_t n;

	assert_int_equal(run(b, 1, text, 0, 0, &r), 0);
	n = r.n;
	search_result_free(&r);
	return n;
}

/* German input is found the way people type it (fold.h), and the lists'
 * German names are searched and shown to German readers. */
static void
test_search_german(void **state)
{
	struct test_db *t = *state;
	struct search_result r;
	struct config cfg;
	struct board b;

	board_of(t, &b, &cfg);
	/* "Sören" in NFC, help text with ß and a decomposed ü (NFD). */
	add_mentor(&b, "soeren", "S\xc3\xb6ren", "M", "Physics", "Career entry",
	    "Kenne jede Stra\xc3\x9f"
	    "e und Bru\xcc\x88"
	    "cke.",
	    1);
	add_mentor(&b, "bob", "Bob", "Brown", "Law", "Leadership",
	    "Negotiating salaries.", 1);
	assert_int_equal(found(&b, "soeren"), 1);
	assert_int_equal(found(&b, "S\xc3\xb6ren"), 1);
	assert_int_equal(found(&b, "So\xcc\x88ren"), 1); /* NFD */
	assert_int_equal(found(&b, "SÖREN"), 1);
	assert_int_equal(found(&b, "soren"), 1); /* as before: no dots */
	assert_int_equal(found(&b, "strasse"), 1);
	assert_int_equal(found(&b,
			     "Stra\xc3\x9f"
			     "e"),
	    1);
	assert_int_equal(found(&b, "STRASSE"), 1);
	assert_int_equal(found(&b, "bruecke"), 1); /* NFD in the text */
	assert_int_equal(found(&b,
			     "Br\xc3\xbc"
			     "cke"),
	    1);
	assert_int_equal(found(&b, "sauren"), 0);
	/* The lists in both languages: "Physik" finds a physicist. */
	assert_int_equal(found(&b, "Physik"), 1);
	assert_int_equal(found(&b, "Physics"), 1);
	assert_int_equal(found(&b, "Rechtswissenschaften"), 1);
	assert_int_equal(found(&b, "Fuehrung"), 1);
	/* Shown in the reader's language, as typed (not folded). */
	assert_int_equal(run(&b, 1, "soeren", 0, 0, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].display_name, "S\xc3\xb6ren M.");
	assert_string_equal(r.hits[0].fields, "Physics");
	assert_string_equal(r.hits[0].areas, "Career entry");
	search_result_free(&r);
	(void)i18n_use(I18N_DE);
	assert_int_equal(run(&b, 1, "soeren", 0, 0, &r), 0);
	(void)i18n_use(I18N_EN);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].fields, "Physik");
	assert_string_equal(r.hits[0].areas, "Berufseinstieg");
	search_result_free(&r);
}

static void
test_unlisted_until_complete(void **state)
{
	struct test_db *t = *state;
	struct search_result r;
	struct store_mentor m;
	struct profile_errors e;
	struct config cfg;
	struct board b;
	int64_t id;

	board_of(t, &b, &cfg);
	id = add_mentor(
	    &b, "cleo", "Cleo", "Chen", "Law", "Career entry", "Contracts.", 1);
	assert_int_equal(run(&b, 1, "contracts", 0, 0, &r), 0);
	assert_int_equal(r.n, 1);
	search_result_free(&r);
	/* Emptying a field takes the mentor out of the search. */
	assert_int_equal(store_mentor_get(t->st, id, &m), 0);
	free(m.industry);
	m.industry = strdup("");
	assert_int_equal(profile_mentor_save(&b, id, &m, &e), 0);
	store_mentor_free(&m);
	assert_int_equal(run(&b, 1, "contracts", 0, 0, &r), 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
}

/* A confirmed member, "Tea T.", with no roles yet. */
static int64_t
add_member(struct test_db *t)
{
	struct store_user u;
	const char *which = NULL;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	(void)snprintf(u.username, sizeof(u.username), "mentee");
	(void)snprintf(u.email, sizeof(u.email), "mentee@example.org");
	(void)snprintf(u.first_name, sizeof(u.first_name), "Tea");
	(void)snprintf(u.last_name, sizeof(u.last_name), "Tee");
	u.verified = 1;
	assert_int_equal(store_user_create(t->st, &u, NULL, 0, &id, &which), 0);
	return id;
}

/* Make member a mentee in area, of field, with these goals. */
static void
make_mentee(struct board *b, int64_t member, const char *area,
    const char *field, const char *goals)
{
	struct store_item a, f;
	const char *why = NULL;

	assert_int_equal(
	    store_list_find(b->store, STORE_LIST_AREAS, area, &a), 0);
	assert_int_equal(
	    store_list_find(b->store, STORE_LIST_FIELDS, field, &f), 0);
	assert_int_equal(
	    profile_role_set(b, member, a.id, STORE_ROLE_MENTEE, 1, &why), 0);
	assert_int_equal(profile_fields_save(b, member, &f.id, 1, &why), 0);
	assert_int_equal(
	    profile_section_save(b, member, STORE_SECTION_GOALS, goals, &why),
	    0);
}

static void
test_suggestions(void **state)
{
	struct test_db *t = *state;
	struct suggestion s[SUGGEST_COUNT];
	struct config cfg;
	struct board b;
	int64_t mentee = 0;
	size_t n, i;

	board_of(t, &b, &cfg);
	add_mentor(&b, "m1", "Mara", "Meyer", "Physics", "Career entry",
	    "Research careers and interviews.", 1);
	add_mentor(
	    &b, "m2", "Nils", "Nagel", "Law", "Career entry", "Contracts.", 1);
	add_mentor(
	    &b, "m3", "Olga", "Ohm", "Physics", "Leadership", "Research.", 1);
	add_mentor(&b, "m4", "Paul", "Pohl", "Physics", "Career entry",
	    "Research.", 0);
	mentee = add_member(t);
	/* Not a mentee anywhere yet: no suggestions. */
	assert_int_equal(
	    search_suggest(&b,
		&(struct viewer){ .user_id = mentee, .verified = 1 }, s, &n),
	    0);
	assert_int_equal(n, 0);
	make_mentee(&b, mentee, "Career entry", "Physics",
	    "A career in research; interviews scare me.");
	assert_int_equal(
	    search_suggest(&b,
		&(struct viewer){ .user_id = mentee, .verified = 1 }, s, &n),
	    0);
	/* m3 mentors elsewhere, m4 takes nobody: two fit. */
	assert_int_equal(n, 2);
	assert_string_equal(s[0].hit.display_name, "Mara M.");
	assert_int_equal(s[0].score, 100);
	assert_non_null(strstr(s[0].reasons, "Career entry"));
	assert_non_null(strstr(s[0].reasons, "research"));
	assert_string_equal(s[1].hit.display_name, "Nils N.");
	assert_int_equal(s[1].score, 50);
	for (i = 0; i < n; i++)
		search_hit_free(&s[i].hit);
}

/*
 * Three mentors who each have one of the goal words, and one who shares
 * area and field but none of the words: the last scores highest (75 %
 * against 58 %) and must not be left out for having no words.
 */
static void
test_suggestions_not_only_by_words(void **state)
{
	struct test_db *t = *state;
	struct suggestion s[SUGGEST_COUNT];
	struct config cfg;
	struct board b;
	int64_t mentee = 0;
	size_t n, i;

	board_of(t, &b, &cfg);
	add_mentor(
	    &b, "w1", "Ada", "Abel", "Law", "Career entry", "Robotics.", 1);
	add_mentor(
	    &b, "w2", "Ben", "Berg", "Law", "Career entry", "Startups.", 1);
	add_mentor(
	    &b, "w3", "Cem", "Cay", "Law", "Career entry", "Patents.", 1);
	add_mentor(&b, "f1", "Dora", "Dahl", "Physics", "Career entry",
	    "Anything you like.", 1);
	mentee = add_member(t);
	make_mentee(&b, mentee, "Career entry", "Physics",
	    "Robotics startups and patents.");
	assert_int_equal(
	    search_suggest(&b,
		&(struct viewer){ .user_id = mentee, .verified = 1 }, s, &n),
	    0);
	assert_int_equal(n, SUGGEST_COUNT);
	assert_string_equal(s[0].hit.display_name, "Dora D.");
	assert_int_equal(s[0].score, 75);
	/* Each mentor once. */
	assert_true(s[1].hit.id != s[0].hit.id && s[2].hit.id != s[0].hit.id &&
	    s[2].hit.id != s[1].hit.id);
	for (i = 0; i < n; i++)
		search_hit_free(&s[i].hit);
}

/* One page of a search as a member. */
static int
page(struct board *b, const char *text, int offset, int limit,
    struct search_result *r)
{
	struct viewer v = { .user_id = 1, .verified = 1 };
	struct search_query q;
	const char *why = NULL;

	memset(&q, 0, sizeof(q));
	q.text = text;
	q.offset = offset;
	q.limit = limit;
	return search_run(b, &v, &q, r, &why);
}

static void
test_search_pages(void **state)
{
	struct test_db *t = *state;
	struct search_result all, r;
	const char *texts[] = { "", "engin" };
	struct config cfg;
	struct board b;
	char user[16];
	size_t i, k, seen;
	int offset;

	board_of(t, &b, &cfg);
	for (i = 0; i < 25; i++) {
		(void)snprintf(user, sizeof(user), "mentor%02zu", i);
		/* Different help texts rank differently. */
		add_mentor(&b, user, "Mentor", "Many", "Physics",
		    "Career entry",
		    i % 3 == 0 ? "Engineering, engineering and engines." :
				 "Engineering.",
		    1);
	}
	for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		assert_int_equal(page(&b, texts[k], 0, 25, &all), 0);
		assert_int_equal(all.n, 25);
		seen = 0;
		/* Page after page, the same results in the same order. */
		for (offset = 0; offset < 25; offset += 10) {
			assert_int_equal(page(&b, texts[k], offset, 10, &r), 0);
			assert_int_equal(r.offset, (size_t)offset);
			assert_int_equal(r.total, 25);
			assert_false(r.more);
			assert_int_equal(r.n, offset < 20 ? 10 : 5);
			for (i = 0; i < r.n; i++)
				assert_int_equal(
				    r.hits[i].id, all.hits[seen++].id);
			search_result_free(&r);
		}
		assert_int_equal(seen, 25);
		search_result_free(&all);
		/* Past the end: none, and still the count. */
		assert_int_equal(page(&b, texts[k], 30, 10, &r), 0);
		assert_int_equal(r.n, 0);
		assert_int_equal(r.total, 25);
		search_result_free(&r);
	}
	assert_int_equal(page(&b, "", SEARCH_OFFSET_MAX, 10, &r), 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	assert_int_equal(
	    page(&b, "", SEARCH_OFFSET_MAX + 1, 10, &r), MB_ERR_INVALID);
	assert_int_equal(page(&b, "", -1, 10, &r), MB_ERR_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_words_become_prefixes),
		cmocka_unit_test(test_match_hostile_input_is_text),
		cmocka_unit_test(test_match_limits),
		cmocka_unit_test(test_match_filters_are_columns),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_goal_words),
		TEST_DB(test_search_results),
		TEST_DB(test_search_pages),
		TEST_DB(test_search_german),
		TEST_DB(test_unlisted_until_complete),
		TEST_DB(test_suggestions),
		TEST_DB(test_suggestions_not_only_by_words),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
