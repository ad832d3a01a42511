"""Backup now: a checked copy of the database made while the board runs,
by a sysop over ssh (into STATE/backups/), on the console with a progress
bar, and by the operator with mentord backup FILE; restoring one (stop,
copy, start) gives the board back as it was."""

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import threading
import time

import pytest

from conftest import MENTORD, NO_EARLY_DROP, Board, Term
from people import PW, user_id

MENTOR = os.path.join(os.path.dirname(MENTORD), "mentor")
WRITERS = 20  # sessions writing at once while the backup runs
ROUNDS_MAX = 12  # writes of each writer at most: the test is bounded
ROUNDS_BEFORE = 2  # writes each writer finishes before the backup starts
BACKUP_NAME = re.compile(r"^\d{4}-\d\d-\d\dT\d{6}Z(-\d+)?\.db$")


def keygen(tmp_path, name):
    key = os.path.join(str(tmp_path), f"key-{name}")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                    name, "-f", key], check=True)
    return key


def integrity(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()


def query(path, sql, args=()):
    """Every row of one query, on a connection closed at once: a
    connection left open in this process would keep the old -shm of a
    restored database mapped."""
    db = sqlite3.connect(path, timeout=10)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def backups(board):
    d = os.path.join(board.state_dir, "backups")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


@NO_EARLY_DROP
def test_backup_while_twenty_sessions_write(board, tmp_path):
    """The copy is one snapshot taken while 20 sessions write: it passes
    the integrity check and holds every write committed before it began."""
    r = board.admin("demo", "--users", "1500")  # pages for many steps
    assert r.returncode == 0, r.stderr
    sam_key = keygen(tmp_path, "sam")
    board.add_user("sam", first="Sam", last="Sysop", sysop=True,
                   key=sam_key + ".pub", password=None)
    keys = {}
    for t in range(WRITERS):
        keys[t] = keygen(tmp_path, f"writer{t}")
        board.add_user(f"writer{t}", key=keys[t] + ".pub", password=None)

    lock = threading.Lock()
    done = []  # (kind, writer, round, monotonic time) once committed
    errors = []
    stop = threading.Event()

    def writer(t):
        # Each from an address of its own, as 20 people would be (the
        # board admits 8 logins under way from one address).
        source = f"127.0.4.{t + 1}"
        for k in range(1, ROUNDS_MAX + 1):
            if stop.is_set() and k > ROUNDS_BEFORE:
                return
            r = board.with_key(f"writer{t}", keys[t], "profile", "set",
                               "--industry", f"writer{t}-{k}",
                               source=source)
            if r.returncode != 0:
                errors.append((t, k, "profile", r.stderr))
                return
            with lock:
                done.append(("profile", t, k, time.monotonic()))
            r = board.with_key("sam", sam_key, "admin", "notify",
                               f"writer{t}", f"note-{t}-{k}", source=source)
            if r.returncode != 0:
                errors.append((t, k, "notify", r.stderr))
                return
            with lock:
                done.append(("notify", t, k, time.monotonic()))

    threads = [threading.Thread(target=writer, args=(t,))
               for t in range(WRITERS)]
    for th in threads:
        th.start()
    try:
        def warmed_up():
            with lock:
                return len({w[1] for w in done if w[2] >= 1}) == WRITERS
        deadline = time.monotonic() + 120
        while not warmed_up() and not errors:
            assert time.monotonic() < deadline, "writers did not start"
            time.sleep(0.05)
        # What was committed before the backup began.
        with lock:
            before = list(done)
            began = time.monotonic()
        r = board.with_key("sam", sam_key, "admin", "backup", "--json")
        ended = time.monotonic()
    finally:
        stop.set()
        for th in threads:
            th.join(timeout=300)
    assert not errors, errors
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"path", "bytes", "pages", "seconds"}
    path = out["path"]
    assert os.path.dirname(path) == os.path.join(board.state_dir, "backups")
    assert BACKUP_NAME.match(os.path.basename(path)), path
    assert os.path.getsize(path) == out["bytes"] > 0
    assert out["pages"] > 64  # more than one step
    assert integrity(path) == [("ok",)]
    # The writers went on while it ran (none waited for it, none failed).
    with lock:
        during = [w for w in done if began < w[3] < ended]
        after = [w for w in done if w[3] > began]
    assert after and during, "no write while the backup ran"

    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        latest = {}
        for kind, t, k, _ in before:
            if kind == "profile":
                latest[t] = max(latest.get(t, 0), k)
            else:
                (n,) = copy.execute(
                    "SELECT count(*) FROM notification n JOIN user u ON "
                    "u.id = n.user_id WHERE u.username = ? AND n.body "
                    "LIKE ?", (f"writer{t}", f"%note-{t}-{k}%")).fetchone()
                assert n == 1, f"note-{t}-{k} missing from the backup"
        assert len(latest) == WRITERS
        for t, k in latest.items():
            (industry,) = copy.execute(
                "SELECT p.industry FROM mentor_profile p JOIN user u ON "
                "u.id = p.user_id WHERE u.username = ?",
                (f"writer{t}",)).fetchone()
            m = re.fullmatch(rf"writer{t}-(\d+)", industry)
            assert m and int(m.group(1)) >= k, (t, industry, k)
        # The demo members are all there too.
        (demo,) = copy.execute(
            "SELECT count(*) FROM user WHERE is_demo").fetchone()
        assert demo == 1500
    finally:
        copy.close()
    # Only the finished copy is in the directory: no temporary file.
    assert backups(board) == [os.path.basename(path)]
    print(f"backup: {out}; {len(before)} writes before it, "
          f"{len(during)} while it ran, {len(after)} after it began")


def test_sysop_backup_over_ssh(board):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    r = board.member("sam", PW, "admin", "backup")
    assert r.returncode == 0, r.stderr
    m = re.match(rb"backed up to (\S+): (\d+) bytes", r.stdout)
    assert m, r.stdout
    path = m.group(1).decode()
    assert backups(board) == [os.path.basename(path)]
    assert BACKUP_NAME.match(os.path.basename(path))
    assert os.path.getsize(path) == int(m.group(2))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    backup_dir = os.path.join(board.state_dir, "backups")
    assert stat.S_IMODE(os.stat(backup_dir).st_mode) == 0o700
    assert integrity(path) == [("ok",)]
    # A second one in the same second never replaces the first.
    r = board.member("sam", PW, "admin", "backup", "--json")
    assert r.returncode == 0, r.stderr
    second = json.loads(r.stdout)["path"]
    assert second != path and len(backups(board)) == 2
    with board.db() as db:
        rows = db.execute("SELECT actor_id, detail FROM audit WHERE action "
                          "= 'backup' ORDER BY id").fetchall()
    assert rows == [(user_id(board, "sam"), path),
                    (user_id(board, "sam"), second)]
    # Over ssh no path may be named: it would write on the host.
    target = os.path.join(board.state_dir, "elsewhere.db")
    r = board.member("sam", PW, "admin", "backup", target)
    assert r.returncode == 2
    assert b"only mentord backup FILE" in r.stderr
    assert not os.path.exists(target)
    assert len(backups(board)) == 2


def test_backup_no_such_command_for_others(board):
    board.add_user("tom")
    r = board.member("tom", PW, "admin", "backup")
    assert r.returncode == 2 and b'unknown command "admin"' in r.stderr
    r = board.member("tom", PW, "backup")
    assert r.returncode == 2 and b'unknown command "backup"' in r.stderr
    r = board.ssh("guest", "admin", "backup")
    assert r.returncode == 2 and b'unknown command "admin"' in r.stderr
    assert backups(board) == []


def test_console_backup_now(board, term_factory):
    """The console's Backup now: a bar of block characters, then where
    the copy is and how big."""
    board.admin("demo", "--users", "300")
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    t = term_factory("sam", password=PW, rows=30)
    t.wait_for("Sysop")
    t.send("y")
    t.wait_for("The mentoring team's console")
    t.wait_for("Backup now")
    t.send("b")
    # The copy runs between draws, not at the slow tick (every 3 s).
    t.wait_for("integrity check ok", timeout=2.5)
    text = t.text()
    assert "\u2588" * 20 in text and "100%" in text, text
    (name,) = backups(board)
    assert name in text
    m = re.search(r"Done: ([\d.]+) (KiB|MiB)", text)
    assert m, text
    size = os.path.getsize(os.path.join(board.state_dir, "backups", name))
    assert abs(float(m.group(1)) * (1024 if m.group(2) == "KiB" else
                                    1024 * 1024) - size) < 1024 * 1024
    t.send("q")
    t.wait_for("The mentoring team's console")
    with board.db() as db:
        (actor,) = db.execute("SELECT actor_id FROM audit WHERE action = "
                              "'backup'").fetchone()
    assert actor == user_id(board, "sam")


def test_operator_console_backup_in_ascii(board):
    """mentor --local on a terminal without UTF-8: the bar in ASCII."""
    board.add_user("tom")
    env = dict(os.environ, TERM="vt220", LANG="C")
    t = Term([MENTOR, "--local", "--state-dir", board.state_dir],
             rows=24, env=env)
    try:
        t.wait_for("The mentoring team's console")
        t.send("b")
        t.wait_for("integrity check ok")
        assert "[" + "#" * 20 in t.text()
        assert "\u2588" not in t.text()
        t.send("q")
        t.send("q")
        assert t.wait_exit() == 0
    finally:
        t.close()
    assert len(backups(board)) == 1


def test_mentord_backup_file_and_restore(board, tmp_path):
    """mentord backup FILE on the host (never over a file), and the
    restore the manual describes: stop, copy over the database, remove
    -wal and -shm, start, check."""
    board.add_user("tom")
    board.add_user("ann", first="Ann", last="Before")
    target = str(tmp_path / "board-copy.db")
    r = board.admin("backup", target)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert integrity(target) == [("ok",)]
    db_path = os.path.join(board.state_dir, "mentorboard.db")
    assert query(db_path, "SELECT actor_id, detail FROM audit WHERE action "
                 "= 'backup'") == [(None, target)]
    # Never over an existing file, the operator's or its own.
    with open(tmp_path / "keep.db", "w") as f:
        f.write("mine\n")
    for existing in (target, str(tmp_path / "keep.db")):
        before = open(existing, "rb").read()
        r = board.admin("backup", existing)
        assert r.returncode == 1
        assert b"exists" in r.stderr
        assert open(existing, "rb").read() == before
    assert sorted(os.listdir(tmp_path)) == ["board-copy.db", "keep.db"]
    r = board.admin("backup", str(tmp_path / "no-such-dir" / "x.db"))
    assert r.returncode == 1 and b"nothing was written" in r.stderr
    # Changes after the backup are lost by a restore.
    board.add_user("late")
    r = board.member("tom", PW, "profile", "set", "--industry", "Late")
    assert r.returncode == 0, r.stderr
    board.stop()
    shutil.copyfile(target, db_path)
    for side in ("-wal", "-shm"):
        if os.path.exists(db_path + side):
            os.unlink(db_path + side)
    again = Board(board.state_dir)
    try:
        assert query(db_path, "PRAGMA integrity_check") == [("ok",)]
        assert query(db_path, "PRAGMA journal_mode") == [("wal",)]
        names = {n for (n,) in query(db_path, "SELECT username FROM user")}
        assert {"tom", "ann"} <= names and "late" not in names
        # The board works as before: a login with the old password.
        r = again.member("tom", PW, "profile", "show", "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout).get("industry", "") != "Late"
        r = again.member("late", PW, "help")
        assert r.returncode != 0
    finally:
        again.stop()
