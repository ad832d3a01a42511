"""The audit log: every action of the mentoring team's, with who did it,
to whom and when, as admin audit [--since] [--json] and a console page."""

import datetime
import json
import time

from people import PW, user_id
from test_accounts import register_cmd

ACTIONS = ("user-search", "user-show", "user-confirm", "user-resend",
           "user-reset", "user-sysop", "online-kick", "announce",
           "announcement-remove")


def admin(board, *args):
    r = board.member("sam", PW, "admin", *args)
    assert r.returncode == 0, (args, r.stderr)
    return r


def test_every_action_in_the_log(board, term_factory):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("ann", first="Ann", last="Other")
    assert register_cmd(board, "zoe").returncode == 0
    zoe, ann, sam = (user_id(board, n) for n in ("zoe", "ann", "sam"))
    t = term_factory("ann", password=PW)
    t.wait_for("What would you like to do?")
    (session,) = [s["session"] for s in json.loads(
        admin(board, "online", "--json").stdout) if s["username"] == "ann"]
    admin(board, "user", "search", "zoe")
    admin(board, "user", "show", "zoe")
    board.set_clock(61)     # a minute after zoe's first code
    admin(board, "user", "resend", str(zoe))
    admin(board, "user", "confirm", str(zoe))
    admin(board, "user", "reset", str(zoe))
    admin(board, "user", "sysop", "ann", "on")
    admin(board, "online", "kick", str(session), "Bye")
    admin(board, "announce", "Hello", "all")
    (a,) = json.loads(admin(board, "announcements", "--json").stdout)
    admin(board, "announcements", "remove", str(a["id"]))

    log = json.loads(admin(board, "audit", "--json").stdout)
    for entry in log:
        assert {"at", "actor", "action", "subject", "object",
                "detail"} <= set(entry)
    mine = [e for e in log if e["actor"] == "sam"]
    assert {e["action"] for e in mine} >= set(ACTIONS)
    by_action = {e["action"]: e for e in mine}
    assert (by_action["user-confirm"]["subject"],
            by_action["user-confirm"]["subject_id"]) == ("zoe", zoe)
    assert by_action["user-sysop"]["subject"] == "ann"
    assert by_action["user-sysop"]["detail"] == "on"
    assert by_action["online-kick"]["subject_id"] == ann
    assert by_action["online-kick"]["object"] == session
    assert by_action["online-kick"]["detail"] == "Bye"
    assert by_action["announce"]["object"] == a["id"]
    assert by_action["announce"]["detail"] == "Hello all"
    assert by_action["announcement-remove"]["object"] == a["id"]
    assert by_action["user-search"]["detail"] == "zoe"
    assert all(e["actor_id"] == sam for e in mine)
    # Newest first.
    assert [e["id"] for e in log] == sorted((e["id"] for e in log),
                                            reverse=True)
    # The operator's own actions: actor "operator".
    r = board.admin("user", "confirm", "ann")
    assert r.returncode == 1   # confirmed already: refused, not logged
    assert board.admin("announce", "From", "the", "host").returncode == 0
    (entry,) = [e for e in json.loads(admin(board, "audit", "--json").stdout)
                if e["detail"] == "From the host"]
    assert entry["actor"] == "operator" and entry["actor_id"] is None

    # --since: seconds ago, or a date.
    recent = json.loads(admin(board, "audit", "--since", "30",
                              "--json").stdout)
    assert recent and all(e["at"] >= time.time() + 61 - 40 for e in recent)
    tomorrow = (datetime.datetime.now(datetime.timezone.utc) +
                datetime.timedelta(days=2)).strftime("%Y-%m-%d")
    assert json.loads(admin(board, "audit", "--since", tomorrow,
                            "--json").stdout) == []
    r = board.member("sam", PW, "admin", "audit", "--since", "yesterday")
    assert r.returncode == 2 and b"--since takes" in r.stderr
    text = admin(board, "audit").stdout.decode()
    assert "user-confirm" in text and "zoe" in text


def test_audit_page(board, term_factory):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("ann", first="Ann", last="Other")
    admin(board, "user", "show", "ann")
    t = term_factory("sam", password=PW, rows=30, cols=100)
    t.wait_for("Sysop")
    t.send("y")
    t.wait_for("The mentoring team's console")
    t.send("l")
    t.wait_for("user-show")
    t.wait_for("ann")
    t.send("audit --since 2000-01-01\r")
    t.wait_for("> audit --since 2000-01-01")


def test_admin_lists_every_command(board):
    """admin alone: every command of the team's, a line each (one usage
    line for all of them was cut short)."""
    board.add_user("sam", sysop=True)
    lines = admin(board).stdout.decode().splitlines()
    for form in ("admin stats [--json]", "admin user sysop ID on|off",
                 "admin online kick SESSION_ID TEXT...",
                 "admin announcements remove ID",
                 "admin audit [--since YYYY-MM-DD|SECONDS] [--json]"):
        assert "  " + form in lines
