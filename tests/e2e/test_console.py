"""The mentoring team's console: a sysop over ssh and the host's operator
with mentor --local reach it; its commands work as ssh board admin ...;
for everyone else there is no such command; every action is audited."""

import json
import os
import subprocess

from conftest import MENTORD, Term
from people import PW, run, user_id

MENTOR = os.path.join(os.path.dirname(MENTORD), "mentor")


def test_sysop_over_ssh(board, term_factory):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    r = board.member("sam", PW, "admin", "areas", "add", "'Public sector'")
    assert r.returncode == 0, r.stderr
    r = board.member("sam", PW, "admin", "areas", "list", "--json")
    assert {"name": "Public sector", "name_de": "",
            "retired": False} in json.loads(r.stdout)
    with board.db() as db:
        (actor, action, detail) = db.execute(
            "SELECT actor_id, action, detail FROM audit ORDER BY id DESC "
            "LIMIT 1").fetchone()
    assert (actor, action, detail) == (user_id(board, "sam"), "areas-add",
                                       "Public sector")
    # The console: a page of the list and a command line.
    t = term_factory("sam", password=PW, rows=30)
    t.wait_for("Sysop")
    t.send("y")
    t.wait_for("The mentoring team's console")
    t.send("a")
    t.wait_for("Public sector")
    t.send("areas add Law\r")
    t.wait_for('added "Law"')
    t.wait_for(" Law")
    t.send("areas add Law\r")
    t.wait_for("(not done)")


def test_others_have_no_such_command(board):
    board.add_user("tom")
    for user in ("tom",):
        r = board.member(user, PW, "admin", "areas", "list")
        assert r.returncode == 2
        assert b'unknown command "admin"' in r.stderr
        assert b"admin" not in run(board, user, "help").stdout
    r = board.ssh("guest", "admin", "user", "list")
    assert r.returncode == 2 and b'unknown command "admin"' in r.stderr
    assert b"@example.org" not in r.stdout


def test_key_files_only_on_the_host(board):
    board.add_user("sam", sysop=True)
    r = board.member("sam", PW, "admin", "user", "add", "eve", "--email",
                     "eve@example.org", "--first", "Eve", "--last", "E",
                     "--key", "/etc/passwd")
    assert r.returncode == 2 and b"only mentord" in r.stderr


def test_operator_console_without_the_daemon(board, tmp_path):
    """The state directory's owner runs mentor --local: the console, even
    with mentord stopped."""
    board.add_user("tom")
    board.stop()
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    r = subprocess.run([MENTOR, "--local", "--state-dir", board.state_dir,
                        "--command", "admin user list --json"],
                       capture_output=True, env=env, timeout=30)
    assert r.returncode == 0, r.stderr
    assert "tom" in [u["username"] for u in json.loads(r.stdout)]
    t = Term([MENTOR, "--local", "--state-dir", board.state_dir],
             rows=30, env=env)
    try:
        t.wait_for("The mentoring team's console")
        t.send("u")
        t.wait_for("tom@example.org")
        t.send("\x1b")   # q is a letter of the Members search
        t.wait_for("The mentoring team's console")
        t.send("q")
        assert t.wait_exit() == 0
    finally:
        t.close()


def test_team_ends_a_mentorship(board, tmp_path):
    from people import AREA, make_mentee, make_mentor
    import re
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    mentor = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    r = board.member("tom", PW, "requests", "send", str(mentor), "--area",
                     f"'{AREA}'")
    mid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    (row,) = json.loads(run(board, "sam", "admin", "mentorships", "list",
                            "--state", "open", "--json").stdout)
    assert row["id"] == mid and row["reminders"] == 0
    run(board, "maria", "requests", "accept", str(mid))
    r = board.member("sam", PW, "admin", "mentorships", "end", str(mid))
    assert r.returncode == 2, "a reason is needed"
    run(board, "sam", "admin", "mentorships", "end", str(mid), "Conduct")
    for user in ("maria", "tom"):
        (ship,) = json.loads(run(board, user, "mentorships",
                                 "--json").stdout)
        assert ship["state"] == "ended"
        (n,) = [n for n in json.loads(run(
            board, user, "notifications", "--json").stdout)
            if n["kind"] == "mentorship-ended-team"]
        assert n["text"].endswith(": Conduct")
    shown = json.loads(run(board, "sam", "admin", "mentorships", "show",
                           str(mid), "--json").stdout)
    assert shown["state"] == "ended"
    with board.db() as db:
        assert db.execute("SELECT ended_by, end_reason FROM mentorship "
                          "WHERE id = ?", (mid,)).fetchone() == \
            (user_id(board, "sam"), "Conduct")
    assert board.member("tom", PW, "admin", "mentorships",
                        "list").returncode == 2


def test_help_after_options():
    """--help anywhere among the options prints the help, never serves."""
    from conftest import MENTORD
    for args in (["--help"], ["--port", "2299", "--help"],
                 ["--port=2299", "--log-level", "debug", "--help"]):
        r = subprocess.run([MENTORD, *args], capture_output=True,
                           timeout=10)
        assert r.returncode == 0, args
        assert r.stdout.startswith(b"usage: mentord"), args
