"""Retention: the daily job removes unconfirmed accounts after
unverified_days, used and expired codes after code_retention_days, login
records after login_retention_days, and ended mentorships' chats after
chat_retention_years when set; everything else stays.  Driven by the
board's injectable clock."""

import json
import os
import re
import time

from conftest import Board, wait_until
from people import AREA, PW, make_mentee, make_mentor, run, user_id
from test_accounts import register_cmd

DAY = 24 * 3600
TICK_S = 5 + 1 + 3  # the housekeeping's tick and the clock file's reread


def count(board, sql, *args):
    with board.db() as db:
        return db.execute(sql, args).fetchone()[0]


def test_unconfirmed_codes_and_logins(board):
    assert register_cmd(board, "zed").returncode == 0
    board.add_user("amy")
    assert board.ssh("guest", "reset-request", "amy").returncode == 0
    amy = user_id(board, "amy")
    with board.db() as db:
        db.execute("INSERT INTO login (user_id, at, remote_addr, method) "
                   "VALUES (?, strftime('%s','now'), '127.0.0.1', "
                   "'password')", (amy,))
    assert count(board, "SELECT count(*) FROM user WHERE username = 'zed'")
    # Six days on: all kept.
    board.set_clock(6 * DAY)
    time.sleep(TICK_S)
    assert count(board, "SELECT count(*) FROM user WHERE username = 'zed'")
    assert count(board, "SELECT count(*) FROM code WHERE user_id = ?", amy)
    # Eight days: the unconfirmed account goes, through the erasure.
    board.set_clock(8 * DAY)
    wait_until(lambda: count(board, "SELECT count(*) FROM user WHERE "
                         "username = 'zed'") == 0, timeout=TICK_S + 5,
               what="the unconfirmed account removed")
    assert count(board, "SELECT count(*) FROM user WHERE id = ?", amy)
    assert count(board, "SELECT count(*) FROM code WHERE user_id = ?", amy)
    # 31 days: the expired reset code; 91: the login record.
    board.set_clock(31 * DAY)
    wait_until(lambda: count(board, "SELECT count(*) FROM code WHERE "
                         "user_id = ?", amy) == 0, timeout=TICK_S + 5,
               what="the expired code removed")
    assert count(board, "SELECT count(*) FROM login WHERE user_id = ?", amy)
    board.set_clock(91 * DAY)
    wait_until(lambda: count(board, "SELECT count(*) FROM login WHERE "
                         "user_id = ?", amy) == 0, timeout=TICK_S + 5,
               what="the old login record removed")
    assert "removed 1 unconfirmed account" in board.log_text()


def test_ended_chats(tmp_path):
    (tmp_path / "state").mkdir()
    board = Board(str(tmp_path / "state"),
                  extra_args=("--chat-retention-years", "1"))
    try:
        mentor = make_mentor(board, "maria")
        make_mentee(board, "tom", tmp_path)
        r = board.member("tom", PW, "requests", "send", str(mentor),
                         "--area", f"'{AREA}'")
        mid = int(re.search(rb"#(\d+)", r.stdout).group(1))
        run(board, "maria", "requests", "accept", str(mid))
        run(board, "tom", "chat", "send", str(mid), input=b"hello")
        run(board, "tom", "mentorship", "end", str(mid))
        board.set_clock(300 * DAY)
        time.sleep(TICK_S)
        assert len(json.loads(run(board, "maria", "chat", "log", str(mid),
                                  "--json").stdout)) == 1
        board.set_clock(367 * DAY)
        wait_until(lambda: json.loads(run(
            board, "maria", "chat", "log", str(mid), "--json").stdout) == [],
            timeout=TICK_S + 5, what="the ended chat removed")
        # The mentorship itself, and its record, stay.
        assert json.loads(run(board, "maria", "mentorships",
                              "--json").stdout)[0]["state"] == "ended"
    finally:
        board.stop()


def test_processing_record(board):
    r = board.admin("processing-record")
    assert r.returncode == 0
    text = r.stdout.decode()
    assert "7 days" in text and "30 days" in text and "90 days" in text
    assert "Chats: for the two people; kept" in text
