"""What a client's windows may cost the board: a terminal size is clamped
to SCREEN_MAX_COLS x SCREEN_MAX_ROWS and many sessions at that size stay
within a stated memory budget; a paste of any size from a client that
keeps to SSH's channel window is taken, as slowly as the screens read it,
and refused by them with a message when too long."""

import os
import re
import subprocess
import time

from conftest import SANITIZED, Term, limit, wait_until
from test_board import SSHPROBE
from test_limits import pty_size

PW = "correct horse battery"
# Sessions of the memory test, at the largest size, from this many source
# addresses (below max_startups_per_source each while they log in).
SIZE_SESSIONS = 32
SIZE_SOURCES = 4
# What the mentor processes of SIZE_SESSIONS guest sessions at
# SCREEN_MAX_COLS x SCREEN_MAX_ROWS may take together: 10 MiB of PSS
# each (the README quotes it; measured: 8.7 MiB each, 8.4 of them the
# three copies of the screen curses keeps).
SESSION_PSS_BUDGET_KIB = 10 * 1024
PASTE_BEGIN, PASTE_END = b"\x1b[200~", b"\x1b[201~"
# The paste of issue 19: stock OpenSSH was cut off at about 2 MB of it.
PASTE_BYTES = 10 * 1024 * 1024
PASTE_SEND_CHUNK = 64 * 1024
# Typed without the paste marks: more than the pipe to curses holds (64
# KiB) and many of mentor's reads (UI_INPUT_CHUNK).
TYPED_BYTES = 128 * 1024
# A bound on the whole paste, so that a stuck session fails the test
# instead of hanging it (it takes a few seconds here).
PASTE_DEADLINE_SECONDS = 120


def probe_line(p):
    """The next line the probe prints, as "STEP ok" or "STEP refused"."""
    line = p.stdout.readline()
    assert line, "the probe ended early"
    return re.sub(r" (ok|refused) \d+\n$", r" \1", line)


def pss_kib(pid):
    """The proportional set size of process pid, in KiB."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return int(re.search(r"^Pss:\s+(\d+) kB", f.read(), re.M).group(1))


def waiting_for_keys(pid):
    """Has mentor drawn its first screen and gone to wait for a key?"""
    try:
        with open(f"/proc/{pid}/wchan") as f:
            return "poll" in f.read()
    except OSError:
        return False


def mentors(board):
    """Pids of the mentor processes below the board."""
    found = []
    for pid in board.descendants():
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "mentor":
                    found.append(pid)
        except OSError:
            pass
    return found


def test_sessions_at_the_largest_size_stay_within_a_budget(board):
    """SIZE_SESSIONS sessions at the largest size (one of them asked for
    1000x1000) get SCREEN_MAX_COLS x SCREEN_MAX_ROWS, and their mentor
    processes stay within SESSION_PSS_BUDGET_KIB each; a real client
    asking for 1000x1000 is drawn in the clamped size and works."""
    most = (limit("SCREEN_MAX_COLS"), limit("SCREEN_MAX_ROWS"))
    assert most == (500, 200)
    probes = []
    try:
        for i in range(SIZE_SESSIONS):
            size = "1000x1000" if i == 0 else f"{most[0]}x{most[1]}"
            env = dict(os.environ, PROBE_BIND=f"127.0.0.{2 + i % SIZE_SOURCES}")
            probes.append(subprocess.Popen(
                [SSHPROBE, str(board.port), "guest", "none", "open",
                 f"pty:{size}", "shell", "stdin"], env=env,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for p in probes:
            assert probe_line(p) == "none ok"
            assert probe_line(p) == "open ok"
            assert probe_line(p).endswith(" ok")
            assert probe_line(p) == "shell ok"
        pids = wait_until(
            lambda: (lambda m: m if len(m) == SIZE_SESSIONS and
                     all(waiting_for_keys(pid) for pid in m) else None)(
                         mentors(board)),
            timeout=60, what=f"{SIZE_SESSIONS} screens drawn")
        assert {pty_size(pid) for pid in pids} == {most}
        total = sum(pss_kib(pid) for pid in pids)
        print(f"{SIZE_SESSIONS} sessions at {most[0]}x{most[1]}: "
              f"mentor PSS {total / 1024:.1f} MiB in all, "
              f"{total / 1024 / SIZE_SESSIONS:.1f} MiB each")
        # The sanitizers' shadow memory is no session's cost.
        if not SANITIZED:
            assert total <= SIZE_SESSIONS * SESSION_PSS_BUDGET_KIB
    finally:
        for p in probes:
            p.kill()
            p.wait()
    wait_until(lambda: mentors(board) == [], what="the sessions to end")
    # OpenSSH in a terminal of 1000x1000: the board draws in the clamped
    # size, its status line on the clamped last line, and answers keys.
    t = Term(board.ssh_args("guest", tty=True), rows=1000, cols=1000)
    try:
        t.screen.resize(most[1], most[0])
        t.wait_for("How it works")
        assert pty_size(mentors(board)[0]) == most
        wait_until(lambda: "guest" in t.screen.display[most[1] - 1],
                   what="the status line on the last clamped line")
        t.send("?")
        t.wait_for("Keys on every screen")
        t.send("q")
        t.wait_gone("Keys on every screen")
    finally:
        t.close()


def test_a_huge_paste_is_taken_and_refused_by_the_screen(board,
                                                         term_factory):
    """10 MB pasted through OpenSSH into an editor: the session stays up,
    the screen says the paste was too long, keys work afterwards."""
    board.add_user("alice")
    t = term_factory("alice", "support", "send", password=PW)
    t.wait_for("Write to the mentoring team")
    start = time.monotonic()
    t.send(PASTE_BEGIN)
    chunk = b"x" * PASTE_SEND_CHUNK
    sent = 0
    while sent < PASTE_BYTES:
        assert time.monotonic() - start < PASTE_DEADLINE_SECONDS
        t.send(chunk)
        sent += len(chunk)
        t.pump(0)
    t.send(PASTE_END)
    t.wait_for(f"Not pasted: that is {PASTE_BYTES} characters",
               timeout=PASTE_DEADLINE_SECONDS)
    took = time.monotonic() - start
    print(f"10 MiB paste: {took:.1f} s")
    assert t.child.isalive()
    t.send("Hello team")
    t.wait_for("Hello team")
    # Keys with escape sequences still reach curses' key parser whole:
    # Left, then X.  (One cut on the way gets UI_ESCDELAY_MS for its
    # rest, as curses gives it; no test relies on a time that short.)
    t.send("\x1b[DX")
    t.wait_for("Hello teaXm")
    # Text from a terminal without bracketed paste is typing, however
    # much: curses takes it through its pipe (more than fits in the pipe,
    # and in mentor's reads), the editor up to its limit.
    typed = 0
    while typed < TYPED_BYTES:
        t.send(b"y" * PASTE_SEND_CHUNK)
        typed += PASTE_SEND_CHUNK
        t.pump(0)
    t.wait_for(re.compile(r"(\d+) of \1 characters"),
               timeout=PASTE_DEADLINE_SECONDS)
    # Escape, after all of it: the board asks about the unsaved text (a
    # message any later key would take away).
    t.send(b"\x1b")
    t.wait_for("Unsaved changes: press Esc again",
               timeout=PASTE_DEADLINE_SECONDS)
    assert re.search(r"(\d+) of \1 characters", t.text())
    assert "past its window" not in board.log_text()
