"""Notifications: live on every open session of the member (the count, a
toast), not on anyone else's; the centre; a digest mail when away, one per
interval, after the delay; announcements to everyone."""

import json
import os
import re
import time

from conftest import Board, wait_until

PW = "correct horse battery"
DELAY = 15 * 60  # notify_mail_delay's default, in seconds
INTERVAL = 60 * 60  # notify_mail_interval's default
# The housekeeping's tick (daemon/daemon.h) and the clock file's reread.
TICK_S = 5 + 1 + 3


def unread_shown(t, n):
    return f"{n} unread" in t.screen.display[-1]


def session(term_factory, user):
    t = term_factory(user, password=PW)
    t.wait_for("What would you like to do?")
    return t


def digests(board, to):
    return [m for m in board.mails() if f"To: {to}" in m and
            "while you were away" in m]


def test_live_on_every_session_of_the_member_only(board, term_factory):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    board.add_user("bert", first="Bert", last="Brown")
    mine = [session(term_factory, "anna"), session(term_factory, "anna")]
    other = session(term_factory, "bert")
    for t in mine + [other]:
        t.wait_for("0 unread")
    r = board.admin("notify", "anna", "Your", "mentor", "wrote", "back.")
    assert r.returncode == 0, r.stderr
    start = time.monotonic()
    for t in mine:
        t.wait_for("1 unread", timeout=1.0)
        t.wait_for("The mentoring team: Your mentor wrote back.",
                   timeout=1.0)
    assert time.monotonic() - start < 1.0
    time.sleep(1.0)
    other.pump()
    assert "0 unread" in other.screen.display[-1]
    assert "Your mentor wrote back" not in other.text()
    # The toast goes by itself, the count stays.
    mine[0].wait_gone("Your mentor wrote back", timeout=8)
    assert "1 unread" in mine[0].screen.display[-1]

    listed = json.loads(board.member("anna", PW, "notifications",
                                     "--json").stdout)
    assert len(listed) == 1
    item = listed[0]
    assert item["kind"] == "message" and item["read"] is False
    assert item["text"] == "The mentoring team: Your mentor wrote back."
    assert item["at"] > 0 and item["id"] > 0
    # Opened in the centre of one session: read in both.
    mine[0].send("n")
    mine[0].wait_for("Your mentor wrote back.")
    mine[0].send("\r")
    for t in mine:
        t.wait_for("0 unread", timeout=2.0)
    listed = json.loads(board.member("anna", PW, "notifications", "--unread",
                                     "--json").stdout)
    assert listed == []
    # Nobody reads another's notifications.
    r = board.member("bert", PW, "notifications", "read", str(item["id"]))
    assert r.returncode == 1


def test_a_toast_never_eats_typed_text(board, term_factory):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    t = term_factory("anna", "keys", password=PW)
    t.wait_for("No keys yet")
    t.send("a")
    t.wait_for("Public key")
    t.send("ssh-ed25519 AAAA")
    t.wait_for("ssh-ed25519 AAAA")
    assert board.admin("notify", "anna", "Hello").returncode == 0
    t.wait_for("The mentoring team: Hello")
    t.send("C3NzaC1")
    t.wait_for("ssh-ed25519 AAAAC3NzaC1")


def test_one_digest_mail_when_away(board, term_factory):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    board.add_user("bert", first="Bert", last="Brown")
    assert board.admin("notify", "anna", "First", "news").returncode == 0
    assert board.admin("notify", "anna", "Second", "news").returncode == 0
    # Bert is online: no mail for him, whatever the clock says.
    t = session(term_factory, "bert")
    assert board.admin("notify", "bert", "News", "for", "Bert").returncode == 0
    time.sleep(TICK_S)
    assert digests(board, "anna@example.org") == [], "not before the delay"
    board.set_clock(DELAY + 60)
    wait_until(lambda: digests(board, "anna@example.org"), timeout=TICK_S,
               what="the digest")
    time.sleep(TICK_S)
    mails = digests(board, "anna@example.org")
    assert len(mails) == 1, "one mail for both, not one per event"
    assert "First news" in mails[0] and "Second news" in mails[0]
    assert re.search(r"ssh -t -p \d+ anna@\S+ notifications", mails[0])
    assert digests(board, "bert@example.org") == []
    t.close()
    # More news: not mailed again before the interval has passed.
    assert board.admin("notify", "anna", "Third", "news").returncode == 0
    board.set_clock(2 * DELAY + 120)
    time.sleep(TICK_S)
    assert len(digests(board, "anna@example.org")) == 1
    board.set_clock(DELAY + INTERVAL + 2 * DELAY)
    wait_until(lambda: len(digests(board, "anna@example.org")) == 2,
               timeout=TICK_S, what="the second digest")
    assert "Third news" in digests(board, "anna@example.org")[1]
    assert "First news" not in digests(board, "anna@example.org")[1]


def test_no_digest_when_switched_off(board):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    r = board.member("anna", PW, "notifications", "mail", "off")
    assert r.returncode == 0
    assert board.admin("notify", "anna", "Quiet", "news").returncode == 0
    board.set_clock(DELAY + 60)
    time.sleep(TICK_S)
    assert digests(board, "anna@example.org") == []


def test_failed_digest_is_logged_and_kept(tmp_path):
    b = Board(str(tmp_path), extra_args=("--mail-command", "exit 3"))
    try:
        b.add_user("anna", first="Anna", last="Kowalczyk")
        assert b.admin("notify", "anna", "Kept", "news").returncode == 0
        b.set_clock(DELAY + 60)
        # The mail's failure is logged first, the retry once it is stored.
        wait_until(lambda: "next in" in b.log_text(), timeout=TICK_S,
                   what="the failure and its retry logged")
        assert "digest mail to user 1 failed" in b.log_text()
        with b.db() as db:
            mailed, = db.execute("SELECT mailed_at FROM notification")\
                .fetchone()
            failures, = db.execute("SELECT failures FROM mail_digest")\
                .fetchone()
        assert mailed is None, "not lost: it goes out once mail works"
        assert failures == 1
    finally:
        b.stop()


def test_announcement_to_everyone(board, term_factory):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    board.add_user("bert", first="Bert", last="Brown")
    t = session(term_factory, "anna")
    r = board.admin("announce", "The", "board", "is", "open!")
    assert r.returncode == 0 and b"announced to 2 members" in r.stdout
    t.wait_for("Announcement: The board is open!", timeout=2)
    # Bert was away: he finds it at his next login.
    listed = json.loads(board.member("bert", PW, "notifications",
                                     "--json").stdout)
    assert [x["kind"] for x in listed] == ["announcement"]
    board.set_clock(DELAY + 60)
    time.sleep(TICK_S)
    assert digests(board, "bert@example.org") == [], "not mailed"


def test_the_housekeeping_comes_back(board):
    housekeeper = board.housekeeper
    first = wait_until(housekeeper, what="the housekeeping process")
    os.kill(first, 9)
    second = wait_until(lambda: (housekeeper() or first) != first and
                        housekeeper(), timeout=15,
                        what="the housekeeping again")
    assert second != first
    assert "housekeeping process ended" in board.log_text()
