"""Who is online, for the mentoring team, and ending a session: the
session shows the team's words and ends within a second, the member's
other sessions go on; on the console's page too; audited."""

import json
import time

from people import PW, user_id


def online(board, user="sam"):
    r = board.member(user, PW, "admin", "online", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_online_and_kick(board, term_factory):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("tom", first="Tom", last="Trainee")
    first = term_factory("tom", password=PW)
    first.wait_for("What would you like to do?")
    second = term_factory("tom", password=PW)
    second.wait_for("What would you like to do?")
    sessions = [s for s in online(board) if s["username"] == "tom"]
    assert len(sessions) == 2
    for s in sessions:
        assert s["name"] == "Tom Trainee" and s["from"] == "127.0.0.1"
        assert s["user_id"] == user_id(board, "tom")
        assert 0 <= s["idle_seconds"] < 60
    # Idle time grows with the clock while no key comes ...
    board.set_clock(3600)
    assert all(s["idle_seconds"] >= 3600
               for s in online(board) if s["username"] == "tom")
    text = board.member("sam", PW, "admin", "online").stdout.decode()
    assert "Tom Trainee" in text and "1 h" in text
    # ... and a key sets it back, in that session only.
    first.send("\x1b[B")
    idle = {}
    for _ in range(50):
        idle = {s["session"]: s["idle_seconds"] for s in online(board)
                if s["username"] == "tom"}
        if min(idle.values()) < 60:
            break
        time.sleep(0.1)
    assert sorted(i < 60 for i in idle.values()) == [False, True]

    # The newest of the two ends, with the words, within a second.
    target = max(s["session"] for s in sessions)
    r = board.member("sam", PW, "admin", "online", "kick", str(target),
                     "Time", "for", "a", "break,", "Tom")
    assert r.returncode == 0, r.stderr
    assert f"session {target} ends now".encode() in r.stdout
    start = time.monotonic()
    second.wait_for("The mentoring team ended this session: Time for a "
                    "break, Tom", timeout=1.0)
    assert second.wait_exit(timeout=5) != 0
    assert time.monotonic() - start < 2
    # The other session goes on.
    first.send("n")
    first.wait_for("No notifications yet")
    assert [s["session"] for s in online(board)
            if s["username"] == "tom"] != [target]
    with board.db() as db:
        rows = db.execute("SELECT actor_id, subject_id, object_id, detail "
                          "FROM audit WHERE action = 'online-kick'").fetchall()
    assert rows == [(user_id(board, "sam"), user_id(board, "tom"), target,
                     "Time for a break, Tom")]
    # A session that is gone; words that are not one line.
    r = board.member("sam", PW, "admin", "online", "kick", str(target), "x")
    assert r.returncode == 1 and b"no such session" in r.stderr


def test_online_page_kicks(board, term_factory):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("tom", first="Tom", last="Trainee")
    tom = term_factory("tom", password=PW)
    tom.wait_for("What would you like to do?")
    (session,) = [s["session"] for s in online(board)
                  if s["username"] == "tom"]
    t = term_factory("sam", password=PW, rows=30, cols=100)
    t.wait_for("Sysop")
    t.send("y")
    t.wait_for("The mentoring team's console")
    t.send("o")
    t.wait_for("Tom Trainee")
    t.send(f"online kick {session} Please log in again later\r")
    t.wait_for(f"session {session} ends now")
    tom.wait_for("The mentoring team ended this session: Please log in "
                 "again later", timeout=1.0)
    t.wait_gone("Tom Trainee")
