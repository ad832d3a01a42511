"""Every terminal: a matrix of terminal types, client locales and sizes over
the real ssh client, each cell one session that reads the home screen and
the search screen (TERM=dumb: the plain mode's main menu and search);
names in ASCII on terminals without UTF-8; the hardware cursor on what is
selected, for screen readers."""

import concurrent.futures
import json
import os
import re
import tempfile

import pytest

from conftest import SANITIZED, Board, Term, wait_until
from people import AREA, PW, make_mentee, make_mentor, run
from plainterm import CHOICE, Plain, no_escapes

TERMS = ("xterm-256color", "xterm", "screen", "tmux-256color", "linux",
         "vt100", "no-such-terminal-type")
LANGS = ("C.UTF-8", "C")
# Under the sanitizers one size does: memory errors do not depend on it,
# and the normal build runs both.
SIZES = ((24, 80),) if SANITIZED else ((24, 80), (60, 200))


@pytest.fixture(scope="module")
def matrix_board():
    """One board for the matrix: two mentors whose names and field are not
    ASCII."""
    with tempfile.TemporaryDirectory(prefix="mentorboard-terms-") as tmp:
        state = os.path.join(tmp, "state")
        os.mkdir(state, 0o700)
        b = Board(state)
        try:
            r = b.admin("fields", "add", "Stra\u00dfenplanung")
            assert r.returncode == 0, r.stderr
            for user, first, last, field in (
                    ("soeren", "S\u00f6ren", "Stra\u00dfe",
                     "Stra\u00dfenplanung"),
                    ("jose", "Jos\u00e9", "N\u00fa\u00f1ez",
                     "Computer Science")):
                b.add_user(user, first=first, last=last, fields=(field,))
                run(b, user, "roles", "set", "'Career entry'", "mentor",
                    "on")
                run(b, user, "profile", "set", "--industry", "Software",
                    "--position", "Engineer", "--languages", "English",
                    "--capacity", "2", "--help-text-stdin",
                    input=b"I help with the first job after the degree.")
            yield b
        finally:
            b.stop()


def session(board, term, lang, rows, cols, *command):
    """A guest's session with this TERM and client locale (sent with
    SetEnv, as a client configured to send LANG does)."""
    return Term(board.ssh_args("guest", *command, tty=True,
                               extra=["-o", f"SetEnv=LANG={lang}"]),
                rows=rows, cols=cols, env={"TERM": term, "LANG": lang})


def cursor_line(t):
    """The line the terminal cursor is on, and whether it is hidden."""
    t.pump()
    return t.screen.display[t.screen.cursor.y], t.screen.cursor.hidden


def wait_cursor_on(t, needle):
    """The cursor comes to rest on the line holding needle."""
    try:
        wait_until(lambda: needle in cursor_line(t)[0], timeout=10,
                   what=f"the cursor on {needle!r}")
    except AssertionError:
        raise AssertionError(f"cursor at {t.screen.cursor.y}:"
                             f"{t.screen.cursor.x}, not on {needle!r}:\n"
                             + t.text())


def full_screen_cell(board, term, lang, rows, cols):
    """One cell: the home screen and the search screen."""
    ascii_only = lang == "C"
    name = "Soeren S." if ascii_only else "S\u00f6ren S."
    field = "Strassenplanung" if ascii_only else "Stra\u00dfenplanung"
    dash = "-" if ascii_only else "\u2014"
    t = session(board, term, lang, rows, cols)
    try:
        # The home screen: title, the menu, the status line at the bottom.
        t.wait_for("What would you like to do?")
        t.wait_for("Leave the board")
        t.wait_for(re.compile(r"^ guest .*q quit", re.M))
        lines = t.screen.display
        assert f"Mentorboard {dash} Welcome" in lines[0]
        assert lines[rows - 1].startswith(" guest")
        wait_cursor_on(t, "Find a mentor")
        # Hidden where the terminal can hide it (vt100 cannot).
        assert cursor_line(t)[1] or term == "vt100", \
            "the cursor shows only in typed fields"
        t.send("\x1b[B")
        wait_cursor_on(t, "Register")
        # The search screen: typing finds by the field of study.
        t.send("/")
        t.wait_for(f"Mentorboard {dash} Find a mentor")
        t.send("stra")
        t.wait_for(re.compile(r"\b1 mentor\b"))
        t.wait_for(name)
        t.wait_for(field)
        t.send("\x1b[B")
        wait_cursor_on(t, name)
        text = t.text()
        if ascii_only:
            assert all(ord(c) < 128 for c in text), text
        # Nothing meant for the terminal shows as text.
        assert "2004" not in text and "^[" not in text, text
        t.send("\x1b")
        t.wait_for("What would you like to do?")
        t.send("q")
        assert t.wait_exit() == 0
    finally:
        t.close()


def dumb_cell(board, term, lang, rows, cols):
    """A terminal that cannot draw gets the plain mode: the main menu and
    the search as lines."""
    ascii_only = lang == "C"
    name = "Soeren S." if ascii_only else "S\u00f6ren S."
    field = "Strassenplanung" if ascii_only else "Stra\u00dfenplanung"
    p = Plain(board, "guest", term=term, lang=lang)
    p.child.setwinsize(rows, cols)
    try:
        menu = p.expect(CHOICE)
        assert "1. Find a mentor" in menu
        p.line("1")
        p.expect("Search for")
        p.line("stra")
        found = p.expect("search again, 0: back")
        assert f"1. {name}, takes new mentees; fields of study: {field}" \
            in found, found
        p.line("0")
        p.expect(CHOICE)
        p.line("0")
        assert p.leave() == 0
        no_escapes(p)
        if ascii_only:
            assert all(b < 0x80 for b in p.seen), p.text()
    finally:
        p.close()


@pytest.mark.parametrize("term", TERMS + ("dumb",))
def test_matrix(matrix_board, term):
    """The cells of one terminal type (each client locale at each size),
    one session each, at once: they wait on the network and the screens
    far more than they compute."""
    cell = dumb_cell if term == "dumb" else full_screen_cell
    cells = [(lang, rows, cols) for lang in LANGS for rows, cols in SIZES]
    failures = []
    with concurrent.futures.ThreadPoolExecutor(len(cells)) as pool:
        done = {pool.submit(cell, matrix_board, term, *c): c for c in cells}
        for future, c in done.items():
            try:
                future.result()
            except Exception as e:          # every cell is reported
                failures.append(f"{term}, LANG={c[0]}, {c[2]}x{c[1]}: "
                                f"{e}")
    assert not failures, "\n\n".join(failures)


def test_cursor_on_the_selection_in_lists(board, term_factory, tmp_path):
    """Notifications, requests and chats: the cursor rests on the selected
    line, and follows it."""
    mentor = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    make_mentee(board, "una", tmp_path, first="Una", last="Umlauf")
    for mentee in ("tom", "una"):
        run(board, mentee, "requests", "send", str(mentor), "--area",
            f"'{AREA}'")
    first = json.loads(run(board, "maria", "requests", "--json").stdout)
    run(board, "maria", "requests", "accept", str(first[-1]["id"]))
    t = term_factory("maria", password=PW)
    t.wait_for("What would you like to do?")
    t.send("n")
    t.wait_for("Mentorboard \u2014 Notifications")
    t.wait_for("a all read")
    top = t.screen.display[2]
    wait_cursor_on(t, top.strip()[:30])
    t.send("\x1b[B")
    wait_cursor_on(t, t.screen.display[3].strip()[:30])
    assert top != t.screen.display[3]
    t.send("q")
    t.wait_for("What would you like to do?")
    t.send("r")
    t.wait_for("Mentorboard \u2014 Requests")
    t.wait_for("Una U.")
    t.wait_for("Tom T.")
    selected = cursor_line(t)[0]
    assert "Una U." in selected or "Tom T." in selected, t.text()
    other = "Tom T." if "Una U." in selected else "Una U."
    t.send("\x1b[B")
    wait_cursor_on(t, other)
    t.send("q")
    t.wait_for("What would you like to do?")
    t.send("c")
    t.wait_for("Mentorboard \u2014 Chats")
    wait_cursor_on(t, first[-1]["mentee"])
