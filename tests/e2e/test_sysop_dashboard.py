"""The dashboard: admin stats and the console's first page render the
board's numbers, with bar charts of block characters, or ASCII when the
terminal cannot show UTF-8."""

import json
import os
import re

from conftest import MENTORD, Term
from people import PW, make_mentee, make_mentor, run

MENTOR = os.path.join(os.path.dirname(MENTORD), "mentor")


def setup_board(board, tmp_path):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    mentor = make_mentor(board, "maria", first="Maria", last="Mentorova")
    make_mentee(board, "tom", tmp_path, first="Tom", last="Trainee")
    run(board, "tom", "requests", "send", str(mentor), "--area",
        "'Career entry'")


def test_stats_command(board, tmp_path):
    setup_board(board, tmp_path)
    r = board.member("sam", PW, "admin", "stats", "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["members"], s["verified"], s["mentors"], s["mentees"],
            s["community"], s["sysops"], s["demo"]) == (3, 3, 1, 1, 1, 1, 0)
    assert (s["open_requests"], s["connected"], s["official"],
            s["ended_this_year"]) == (1, 0, 0, 0)
    assert s["oldest_open_request_at"] > 0
    assert s["online_sessions"] >= 1   # this command's own session
    assert s["new_members_per_week"][-1] == 3
    assert s["requests_per_week"][-1] == 1
    assert len(s["new_members_per_week"]) == 12
    assert len(s["logins_per_day"]) == 30
    # Every login of the setting-up: today's bar.
    assert s["logins_per_day"][-1] >= 5 and sum(s["logins_per_day"][:-1]) == 0
    r = board.member("sam", PW, "admin", "stats")
    text = r.stdout.decode()
    assert "members          3 (3 confirmed; 1 mentors, 1 mentees" in text
    assert "open requests    1 (the oldest" in text
    assert "\u2588" in text   # the bars


def test_dashboard_screen(board, term_factory, tmp_path):
    setup_board(board, tmp_path)
    t = term_factory("sam", password=PW)
    t.wait_for("Sysop")
    t.send("y")
    t.wait_for("The mentoring team's console")
    t.send("d")
    t.wait_for(re.compile(r"Members\s+3 "))
    t.wait_for(re.compile(r"mentees\s+1 "))
    t.wait_for(re.compile(r"in the community\s+1 "))
    t.wait_for(re.compile(r"Open requests\s+1 oldest"))
    t.wait_for(re.compile(r"connected\s+0 "))
    t.wait_for(re.compile(r"Online now\s+1 "))
    t.wait_for("New members a week (at most 3)")
    t.wait_for("Requests a week (at most 1)")
    t.wait_for("Logins a day")
    assert "\u2588\u2588" in t.text()
    # A mentorship accepted elsewhere: r counts again at once (the page
    # does by itself every few seconds).
    r = board.member("maria", PW, "requests", "accept", "1")
    assert r.returncode == 0, r.stderr
    t.send("r")
    t.wait_for(re.compile(r"connected\s+1 "))
    t.wait_for(re.compile(r"Open requests\s+0 "))


def test_dashboard_ascii(board, tmp_path):
    """The operator's console on a terminal without UTF-8."""
    setup_board(board, tmp_path)
    env = dict(os.environ, TERM="xterm-256color", LANG="C", LC_ALL="C")
    t = Term([MENTOR, "--local", "--state-dir", board.state_dir],
             rows=24, cols=80, env=env)
    try:
        t.wait_for("The mentoring team's console")
        t.send("d")
        t.wait_for(re.compile(r"Members\s+3 "))
        t.wait_for("##")
        assert "\u2588" not in t.text()
        t.send("q")
        t.send("q")
        assert t.wait_exit() == 0
    finally:
        t.close()
