"""Search results in pages: `search --offset` and the screen's PgDn, PgUp,
Home and End with "101-200 of 399 mentors"; long lines end in an
ellipsis."""

import json
import os
import re
import tempfile

import pytest

from conftest import Board, wait_until
from people import PW, run

FIELDS = ("Business Administration", "Communication Studies",
          "Electrical Engineering", "Environmental Science",
          "Mechanical Engineering")


@pytest.fixture(scope="module")
def paged():
    """One board for the module with some 400 mentors (the demo's fifth
    of 2,000 members), and one with five long fields of study; yields
    (board, every mentor's id in the search's order)."""
    with tempfile.TemporaryDirectory(prefix="mentorboard-pages-") as tmp:
        state = os.path.join(tmp, "state")
        os.mkdir(state, 0o700)
        b = Board(state)
        try:
            yield b, fill(b)
        finally:
            b.stop()


@pytest.fixture
def board(paged):
    return paged[0]


@pytest.fixture
def many(paged):
    return paged[1]


def fill(board):
    """The mentors, and every one's id in the search's order."""
    r = board.admin("demo", "--users", "2000", "--seed", "7")
    assert r.returncode == 0, r.stderr
    board.add_user("lena", first="Zenobia", last="Longfield", fields=FIELDS)
    run(board, "lena", "roles", "set", "'Career entry'", "mentor", "on")
    run(board, "lena", "roles", "set", "'Self-employment and founding'",
        "mentor", "on")
    run(board, "lena", "profile", "set", "--industry", "Energy",
        "--position", "Engineer", "--languages", "English", "--capacity",
        "2", "--help-text-stdin", input=b"Founding a company.")
    board.add_user("mia")
    ids = []
    for offset in range(0, 1000, 100):
        r = board.member("mia", PW, "search", "--json", "--limit", "100",
                         "--offset", str(offset))
        assert r.returncode == 0, r.stderr
        page = [h["id"] for h in json.loads(r.stdout)]
        ids += page
        if len(page) < 100:
            break
    assert 300 < len(ids) < 500, len(ids)
    assert len(set(ids)) == len(ids), "a mentor on two pages"
    return ids


def test_offset_pages_through_everyone(board, many):
    total = len(many)
    r = board.ssh("guest", "search")
    lines = r.stdout.decode().splitlines()
    assert f"1-20 of {total} mentors; --offset 20 shows the next ones." \
        in lines
    r = board.ssh("guest", "search", "--offset", "100", "--limit", "100")
    assert f"101-200 of {total} mentors; --offset 200 shows the next " \
        "ones." in r.stdout.decode()
    last = total // 100 * 100
    r = board.ssh("guest", "search", "--offset", str(last), "--limit", "100")
    assert f"{last + 1}-{total} of {total} mentors." in r.stdout.decode()
    r = board.ssh("guest", "search", "--offset", "5000")
    assert r.returncode == 0
    assert f"No more mentors: {total} match." in r.stdout.decode()
    r = board.ssh("guest", "search", "--offset", "10001")
    assert r.returncode == 2 and b"--offset" in r.stderr
    r = board.ssh("guest", "search", "--offset", "-1")
    assert r.returncode == 2


def count(t):
    m = re.search(r"(\d+)-(\d+) of (\d+) mentors", t.text())
    return tuple(int(g) for g in m.groups()) if m else None


def test_screen_pages(board, many, term_factory):
    total = len(many)
    last = total // 100 * 100
    t = term_factory("guest", "search")
    t.wait_for(f"1-100 of {total} mentors")
    t.send("\x1b[B")                     # to the results
    t.send("\x1b[6~")                    # PgDn
    t.wait_for(f"101-200 of {total} mentors")
    t.send("\x1b[6~")
    t.wait_for(f"201-300 of {total} mentors")
    t.send("\x1b[5~")                    # PgUp
    t.wait_for(f"101-200 of {total} mentors")
    t.send("\x1b[F")                     # End: the last result
    t.wait_for(f"{last + 1}-{total} of {total} mentors")
    t.send("\x1b[6~")                    # PgDn on the last page stays
    t.send("\x1b[H")                     # Home: the first
    t.wait_for(f"1-100 of {total} mentors")
    t.send("\x1b[5~")                    # PgUp on the first page stays
    # Down past the hundredth result turns the page.
    t.send("\x1b[B" * 100)
    t.wait_for(f"101-200 of {total} mentors")
    # Up past the first of a page turns back, to its last.
    t.send("\x1b[A")
    t.wait_for(f"1-100 of {total} mentors")
    # Typing starts again on the first page.
    t.send("\x1b[6~")
    t.wait_for(f"101-200 of {total} mentors")
    t.send("\t")                         # round to the text
    t.send("e")
    wait_until(lambda: (t.pump(), count(t) is None or count(t)[0] == 1)[1],
               what="the first page again")


def test_long_lines_end_in_an_ellipsis(board, many, term_factory):
    t = term_factory("guest", "search", "Zenobia")
    t.wait_for("Zenobia L.")
    t.wait_for("1 mentor")
    line = next(l for l in t.screen.display if "Business Administration"
                in l)
    assert line.rstrip().endswith("\u2026"), line
    assert len(line.rstrip()) <= 78
    u = term_factory("guest", "search", "Zenobia", env={"LANG": "C"},
                     extra=["-o", "SetEnv=LANG=C"])
    u.wait_for("Zenobia L.")
    line = next(l for l in u.screen.display if "Business Administration"
                in l)
    assert line.rstrip().endswith("..."), line
