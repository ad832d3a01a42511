"""News per member: a change wakes the sessions of the member it concerns,
at once, and nobody else's; a lost wake-up is caught by the slow tick."""

import glob
import os
import subprocess
import time

from conftest import limit, wait_until
from test_board import ui_pid

PW = "correct horse battery"
# The slow tick of an idle screen (tui/ui.h UI_TICK_MS), and some slack.
TICK_S = 3 + 2


def fingerprint(pub_path):
    return subprocess.run(["ssh-keygen", "-lf", pub_path], capture_output=True,
                          text=True, check=True).stdout.split()[1]


def keys_screen(term_factory, user):
    t = term_factory(user, "keys", password=PW)
    t.wait_for("No keys yet")
    return t


def test_a_change_wakes_that_members_sessions_only(board, term_factory,
                                                   keypair):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    board.add_user("bert", first="Bert", last="Brown")
    key, pub = keypair
    mine = [keys_screen(term_factory, "anna"), keys_screen(term_factory,
                                                           "anna")]
    other = keys_screen(term_factory, "bert")
    time.sleep(0.5)
    other.pump()
    before = other.received
    r = board.member("anna", PW, "keys", "add", input=pub.encode())
    assert r.returncode == 0, r.stderr
    fp = fingerprint(key + ".pub")
    start = time.monotonic()
    for t in mine:
        t.wait_for(fp, timeout=1.0)
    assert time.monotonic() - start < 1.0
    # Bert's screen shows nothing of it (that his session is not even
    # woken is tests/unit/test_news.c's to show).
    time.sleep(1.0)
    other.pump()
    assert other.received == before, "bert's screen was redrawn"
    assert fp not in other.text()


def session_sockets(wake_dir):
    """The sessions' wake-up sockets: named by session id; 0 is the
    housekeeping's (its mail queue)."""
    return [p for p in glob.glob(os.path.join(wake_dir, "*"))
            if os.path.basename(p) != "0"]


def test_a_lost_wake_up_is_caught_by_the_slow_tick(board, term_factory,
                                                   keypair):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    key, pub = keypair
    t = keys_screen(term_factory, "anna")
    wake_dir = os.path.join(board.state_dir, "mentorboard.db-wake")
    sockets = wait_until(lambda: session_sockets(wake_dir),
                         what="the session's socket")
    assert len(sockets) == 1
    # The session can no longer be woken: only its counter tells it.
    os.unlink(sockets[0])
    r = board.member("anna", PW, "keys", "add", input=pub.encode())
    assert r.returncode == 0, r.stderr
    t.wait_for(fingerprint(key + ".pub"), timeout=TICK_S)


def test_sockets_go_with_their_sessions(board, term_factory):
    wake_dir = os.path.join(board.state_dir, "mentorboard.db-wake")
    assert (os.stat(wake_dir).st_mode & 0o777) == 0o700
    t = term_factory("guest")
    t.wait_for("How it works")
    wait_until(lambda: len(session_sockets(wake_dir)) == 1,
               what="one socket")
    t.send("q")
    t.wait_exit()
    wait_until(lambda: session_sockets(wake_dir) == [],
               what="no socket left")


def database_open(pid):
    """Does process pid hold the database open (not its -news file)?"""
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.endswith("/mentorboard.db"):
            return True
    return False


def test_a_resting_session_wakes_for_news_and_keys(board, term_factory,
                                                   keypair):
    """After STORE_REST_SECONDS with nothing drawn a session closes its
    database; a key, and news, open it again and work as before."""
    board.add_user("anna", first="Anna", last="Kowalczyk")
    key, pub = keypair
    t = keys_screen(term_factory, "anna")
    pid = ui_pid(board)
    rest_s = limit("STORE_REST_SECONDS") + TICK_S + 5

    def rested():
        wait_until(lambda: not database_open(pid), timeout=rest_s,
                   interval=0.5, what="the session to rest")

    assert database_open(pid)
    rested()
    t.send("/")
    t.wait_for("Find a mentor")
    assert database_open(pid)
    t.send("\x1b")
    t.wait_for("No keys yet")
    rested()
    r = board.member("anna", PW, "keys", "add", input=pub.encode())
    assert r.returncode == 0, r.stderr
    t.wait_for(fingerprint(key + ".pub"), timeout=TICK_S)
    assert database_open(pid)
