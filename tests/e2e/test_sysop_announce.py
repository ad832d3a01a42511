"""Announcements: shown to everyone at login (the home screen, guests
too) until their date, pushed live to those online, listed and removed by
the team, audited; from the console's page too."""

import datetime
import json
import os
import time

from people import PW, user_id

DAY = 24 * 3600


def board_day(board, days_ahead=0):
    """The board's date (UTC) days_ahead, as YYYY-MM-DD."""
    offset = 0
    path = os.path.join(board.state_dir, "test-clock")
    if os.path.exists(path):
        with open(path) as f:
            offset = int(f.read().strip() or 0)
    t = time.time() + offset + days_ahead * DAY
    return datetime.datetime.fromtimestamp(
        t, datetime.timezone.utc).strftime("%Y-%m-%d")


def test_announcement_at_login_until_its_date(board, term_factory):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("tom", first="Tom", last="Trainee")
    online = term_factory("tom", password=PW)
    online.wait_for("What would you like to do?")
    until = board_day(board, 2)
    r = board.member("sam", PW, "admin", "announce", "The", "board", "closes",
                     "on", "Friday", "--until", until)
    assert r.returncode == 0, r.stderr
    assert f"shown at login through {until}".encode() in r.stdout
    # Live: the toast of the member online, and their home screen.
    online.wait_for("Announcement: The board closes on Friday", timeout=2)
    online.wait_for("From the mentoring team")
    # At login: a member, and a guest.
    for user, pw in (("tom", PW), ("guest", None)):
        t = term_factory(user, password=pw)
        t.wait_for("From the mentoring team")
        t.wait_for("The board closes on Friday")
        t.send("x")
    (a,) = json.loads(board.member("sam", PW, "admin", "announcements",
                                   "--json").stdout)
    assert (a["text"], a["shown"], a["by"]) == \
        ("The board closes on Friday", True, "sam")
    with board.db() as db:
        rows = db.execute("SELECT actor_id, object_id, detail FROM audit "
                          "WHERE action = 'announce'").fetchall()
    assert rows == [(user_id(board, "sam"), a["id"],
                     "The board closes on Friday")]
    # After its last day: no longer at login, still in the team's list.
    board.set_clock(3 * DAY)
    t = term_factory("tom", password=PW)
    t.wait_for("What would you like to do?")
    time.sleep(0.5)
    assert "The board closes" not in t.text()
    (a,) = json.loads(board.member("sam", PW, "admin", "announcements",
                                   "--json").stdout)
    assert a["shown"] is False
    # A date that has passed, or no date.
    r = board.member("sam", PW, "admin", "announce", "x", "--until",
                     board_day(board, -1))
    assert r.returncode == 2 and b"that day has passed" in r.stderr


def test_remove_takes_it_off_at_once(board, term_factory):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    r = board.member("sam", PW, "admin", "announce", "Maintenance", "tonight")
    assert r.returncode == 0, r.stderr
    guest = term_factory("guest")
    guest.wait_for("Maintenance tonight")
    (a,) = json.loads(board.member("sam", PW, "admin", "announcements",
                                   "--json").stdout)
    # Without --until: a week.
    assert a["until"] - a["created_at"] > 6 * DAY
    t = term_factory("sam", password=PW, rows=30, cols=100)
    t.wait_for("Sysop")
    t.send("y")
    t.wait_for("The mentoring team's console")
    t.send("n")
    t.wait_for("Maintenance tonight")
    t.send(f"announcements remove {a['id']}\r")
    t.wait_for(f"removed announcement {a['id']}")
    guest.wait_gone("Maintenance tonight", timeout=2)
    r = board.member("sam", PW, "admin", "announcements")
    assert b"no announcements" in r.stdout
    with board.db() as db:
        rows = db.execute("SELECT object_id FROM audit WHERE action = "
                          "'announcement-remove'").fetchall()
    assert rows == [(a["id"],)]
