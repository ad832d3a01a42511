"""Mentor search: the screen, the command, suggestions, and the privacy of
everyone in the results."""

import json
import re

import pytest

from conftest import wait_until

PW = "correct horse battery"


@pytest.fixture
def demo(board):
    r = board.admin("demo", "--users", "300", "--seed", "1")
    assert r.returncode == 0, r.stderr
    with board.db() as db:
        secrets = [s for row in db.execute(
            "SELECT username, email, last_name FROM user") for s in row]
    return secrets


def results_count(t):
    m = re.search(r"(\d+) mentors?\b", t.text())
    return int(m.group(1)) if m else None


def test_typing_narrows_letter_by_letter(board, demo, term_factory):
    t = term_factory("guest")
    t.wait_for("How it works")
    t.send("/")
    t.wait_for("Find a mentor")
    t.wait_for(re.compile(r"\d+ mentors"))
    counts = [results_count(t)]
    for letter in "engin":
        before = t.text()
        t.send(letter)
        wait_until(lambda: (t.pump(), t.text() != before)[1],
                   what="results to change")
        wait_until(lambda: results_count(t) is not None, what="a count")
        counts.append(results_count(t))
    assert counts == sorted(counts, reverse=True), counts
    assert counts[-1] < counts[0]
    assert counts[-1] > 0
    assert "Register to see more" in t.text()
    # Guests get no details.
    t.send("\r\r")
    t.wait_for("Register to see more about this mentor")


def test_filters_narrow(board, demo, term_factory):
    t = term_factory("guest", "search")
    t.wait_for(re.compile(r"\d+ mentors"))
    everyone = results_count(t)
    t.send("\t")                     # to the area filter
    t.send("\x1bOC")                 # Right: the first area
    wait_until(lambda: (t.pump(), results_count(t) != everyone)[1],
               what="the area filter")
    in_area = results_count(t)
    assert 0 < in_area < everyone
    t.send("\t\t\t\t ")             # field, industry, language, available
    wait_until(lambda: (t.pump(), results_count(t) != in_area)[1],
               what="the available filter")
    assert results_count(t) < in_area


def test_deep_link_with_options_runs_the_command(board, demo, term_factory):
    """ssh -t board search --area X: the screen would take the options
    for text, so the command form answers, on the terminal."""
    t = term_factory("guest", "search", "--area", "'Career entry'",
                     "--limit", "3")
    t.wait_for("Register to learn more")
    text = t.text()
    assert "Career entry" in text
    assert "Find a mentor" not in text
    assert t.wait_exit() == 0


def test_member_sees_details(board, demo, term_factory):
    board.add_user("mia", first="Mia", last="Member")
    t = term_factory("mia", "search", "engin", password=PW)
    t.wait_for(re.compile(r"[1-9]\d* mentors?"))
    t.send("\r\r")                   # to the results, open the first
    t.wait_for("How I can help")
    t.wait_for("Free places")


def test_search_json_holds_no_secrets(board, demo):
    r = board.ssh("guest", "search", "--json", "--limit", "100")
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)
    with board.db() as db:
        listed = db.execute("SELECT count(*) FROM mentor_search").fetchone()
    assert len(hits) == min(100, listed[0]) > 0
    for h in hits:
        assert set(h) >= {"display_name", "fields_of_study", "areas",
                          "available"}
        assert re.fullmatch(r".+ \w\.", h["display_name"]), h
        assert "help_text" not in h, "guests see no details"
    text = r.stdout.decode()
    for s in demo:
        assert s not in text, s
    board.add_user("mia", first="Mia", last="Member")
    r = board.member("mia", PW, "search", "--json", "--limit", "100")
    hits = json.loads(r.stdout)
    assert all("help_text" in h for h in hits)
    text = r.stdout.decode()
    for s in demo:
        assert s not in text, s


def test_search_command_filters(board, demo):
    r = board.ssh("guest", "search", "--area", "'Career entry'",
                  "--available", "--json", "--limit", "100")
    hits = json.loads(r.stdout)
    assert hits and all("Career entry" in h["areas"] and h["available"]
                        for h in hits)
    r = board.ssh("guest", "search", "--area", "Alchemy")
    assert r.returncode == 1 and b"no area of help" in r.stderr
    r = board.ssh("guest", "search", "fur", "--json")
    assert r.returncode == 0
    r = board.ssh("guest", "search", "engin")
    assert r.returncode == 0
    assert b"Register to learn more" in r.stdout


@pytest.mark.parametrize("query", [
    "'\"NEAR('", "'AND OR NOT'", "'*'", "\"'; DROP TABLE user; --\"",
    "'a:b {c} ^d'", "'\"\"\"'",
])
def test_hostile_queries(board, demo, query):
    r = board.ssh("guest", "search", query)
    assert r.returncode == 0, r.stderr
    assert b"error" not in r.stderr.lower()


def test_hostile_query_on_screen(board, demo, term_factory):
    t = term_factory("guest", "search")
    t.wait_for(re.compile(r"\d+ mentors"))
    t.send("\"NEAR( AND * '; DROP")
    t.wait_for(re.compile(r"\d+ mentors?"))
    assert "failed" not in t.text()
    t.send("\x1b")
    assert t.wait_exit() == 0


def test_suggestions_for_a_mentee(board, demo, term_factory):
    board.add_user("tea", first="Tea", last="Tester", fields=("Physics",))
    assert board.member("tea", PW, "roles", "set", "'Career entry'",
                        "mentee", "on").returncode == 0
    assert board.member("tea", PW, "application", "set", "goals",
                        input=b"Find my first job in research.").returncode == 0
    r = board.member("tea", PW, "suggest", "--json")
    assert r.returncode == 0, r.stderr
    sug = json.loads(r.stdout)
    assert len(sug) == 3
    assert sug[0]["match_percent"] >= sug[1]["match_percent"] >= \
        sug[2]["match_percent"] >= 50
    assert "Career entry" in sug[0]["reasons"]
    t = term_factory("tea", "search", password=PW)
    t.wait_for("Suggested for you")
    t.wait_for(re.compile(r"\d+%"))
    # A suggestion is chosen like a result: down to it, Enter.
    t.send("\x1b[B\r")
    t.wait_for("How I can help")
    t.wait_for(sug[0]["mentor"]["display_name"])


def test_privacy_in_search(board):
    """Member B finds mentor A by name: sees "Anna K." and nothing more
    of A's registration."""
    board.add_user("annak", first="Anna", last="Kowalczyk",
                   email="anna.k@example.org")
    board.add_user("bert", first="Bert", last="Brown")
    assert board.member("annak", PW, "roles", "set", "'Career entry'",
                        "mentor", "on").returncode == 0
    r = board.member("annak", PW, "profile", "set", "--industry", "Software",
                     "--position", "Lead", "--languages", "German",
                     "--capacity", "2", "--help-text-stdin",
                     input=b"Interviews.")
    assert r.returncode == 0, r.stderr
    outputs = []
    for cmd in (("search", "Anna"), ("search", "--json", "Anna"),
                ("search", "interviews")):
        r = board.member("bert", PW, *cmd)
        assert r.returncode == 0
        outputs.append(r.stdout.decode())
    hits = json.loads(outputs[1])
    r = board.member("bert", PW, "mentor", str(hits[0]["id"]))
    outputs.append(r.stdout.decode())
    for text in outputs:
        assert "Anna K." in text
        for secret in ("Kowalczyk", "anna.k@example.org", "annak"):
            assert secret not in text


def test_unverified_member_sees_what_guests_see(board, demo):
    r = board.ssh("guest", "register", "--username", "ulla", "--email",
                  "ulla@example.org", "--first", "Ulla", "--last", "Ung",
                  "--field", "Law", "--accept-privacy",
                  input=PW.encode() + b"\n")
    assert r.returncode == 0, r.stderr
    r = board.member("ulla", PW, "search", "--json")
    assert r.returncode == 0
    hits = json.loads(r.stdout)
    assert hits and all("help_text" not in h and "id" not in h for h in hits)
