"""The limits of common/board_limits.h that no other test meets: what the
README quotes, TCP keepalive, the listen queue, shutdown and close waits,
the length of exec requests, the relay, terminal names and sizes."""

import ctypes
import fcntl
import json
import os
import re
import signal
import socket
import struct
import subprocess
import termios
import time

from conftest import ROOT, limit, wait_until
from test_board import SSHPROBE, banner, ui_pid

PW = "correct horse battery"


def readme_limits():
    """The README's table of limits: {limit: value}."""
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    section = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.split("\n"):
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 2 and not cells[0].startswith("---"):
            rows[cells[0]] = cells[1]
    return rows


def test_readme_quotes_the_limits():
    """What the README promises is what the code holds."""
    rows = readme_limits()

    def numbers(row):
        return [int(n) for n in re.findall(r"\d+", rows[row])]

    assert numbers("connections not yet logged in, in all / per source "
                   "address") == [limit("MAX_STARTUPS"),
                                  limit("MAX_STARTUPS_PER_SOURCE"),
                                  limit("MAX_STARTUPS_START"),
                                  limit("MAX_STARTUPS_RATE")]
    assert numbers("a client's first bytes / its key exchange") == [
        limit("CLIENT_BANNER_SECONDS"), limit("KEX_SECONDS"),
        limit("PENALTY_SILENT_SECONDS")]
    assert numbers("an address that holds places without logging in") == [
        limit("PENALTY_MIN_SECONDS"), limit("PENALTY_SILENT_SECONDS"),
        limit("PENALTY_MAX_SECONDS"), limit("PENALTY_SOURCES_MAX")]
    assert limit("PENALTY_GRACE_SECONDS") == limit("PENALTY_SILENT_SECONDS")
    assert numbers("connections from one address; in all")[:2] == [
        limit("MAX_SESSIONS_PER_SOURCE"), limit("MAX_SESSIONS")]
    minutes = numbers("a vanished client is noticed after")[0]
    assert limit("TCP_KEEPALIVE_IDLE_SECONDS") + \
        limit("TCP_KEEPALIVE_INTERVAL_SECONDS") * \
        limit("TCP_KEEPALIVE_PROBES") == minutes * 60
    hours = numbers("a full-screen session without a key press")[0]
    assert limit("UI_IDLE_SECONDS") == hours * 3600
    assert numbers("authentication attempts per connection") == [
        limit("MAX_AUTH_TRIES")]
    row = "failed logins: free, then a delay doubling from 250 ms"
    assert "250 ms" in row and limit("AUTH_DELAY_BASE_MS") == 250
    assert numbers(row) == [limit("AUTH_FREE_FAILURES"),
                            limit("AUTH_ADDR_DELAY_MAX_MS") // 1000,
                            limit("AUTH_USER_DELAY_MAX_MS") // 1000,
                            limit("AUTH_FORGET_SECONDS") // 60]
    assert numbers("failed logins or access codes that are a flood (a "
                   "security event in the audit log)") == [
        limit("AUTH_FLOOD_FAILURES"), limit("AUTH_FORGET_SECONDS") // 60]
    assert numbers("time to log in") == [limit("LOGIN_GRACE_SECONDS")]
    assert numbers("registration answers to one address (an account made, "
                   "or a name or address found taken)") == [
        limit("REGISTER_MAX_PER_SOURCE"),
        limit("REGISTER_DELAY_MAX_MS") // 1000]
    assert numbers("an exec command") == [limit("EXEC_COMMAND_MAX") // 1024]
    assert numbers("smallest terminal; largest (a larger one is drawn in "
                   "it)") == [limit("SCREEN_MIN_COLS"),
                              limit("SCREEN_MIN_ROWS"),
                              limit("SCREEN_MAX_COLS"),
                              limit("SCREEN_MAX_ROWS")]


def take_fd(pid, fd):
    """A copy of descriptor fd of process pid (pidfd_getfd, as root)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        n = libc.syscall(438, pidfd, fd, 0)     # SYS_pidfd_getfd
        assert n >= 0, os.strerror(ctypes.get_errno())
        return n
    finally:
        os.close(pidfd)


def connection_socket(pid, port):
    """The TCP socket of the connection process pid to the client."""
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:"):
            s = socket.socket(fileno=take_fd(pid, int(fd)))
            if s.type == socket.SOCK_STREAM and \
                    s.family == socket.AF_INET and \
                    s.getsockname()[1] == port:
                return s
            s.close()
    raise AssertionError(f"no connection socket in process {pid}")


def test_keepalive_notices_a_vanished_client(board):
    """A client that vanishes (cable pulled, laptop shut) is noticed by
    TCP keepalive: probes start after an idle minute and the connection
    is given up after the probes go unanswered."""
    s, first = banner(board.port)
    try:
        assert first.startswith(b"SSH-2.0-")
        [conn] = wait_until(board.descendants, what="a connection process")
        c = connection_socket(conn, board.port)
        try:
            assert c.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
            assert c.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == \
                limit("TCP_KEEPALIVE_IDLE_SECONDS")
            assert c.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL) \
                == limit("TCP_KEEPALIVE_INTERVAL_SECONDS")
            assert c.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT) == \
                limit("TCP_KEEPALIVE_PROBES")
        finally:
            c.close()
    finally:
        s.close()


def test_listen_queue(board):
    """Connections arriving in a burst wait in a queue of LISTEN_BACKLOG
    (or the kernel's somaxconn, if that is lower)."""
    out = subprocess.run(["ss", "-Hltn", f"sport = :{board.port}"],
                         capture_output=True, text=True, check=True).stdout
    [line] = out.strip().split("\n")
    with open("/proc/sys/net/core/somaxconn") as f:
        somaxconn = int(f.read())
    # State, Recv-Q, Send-Q: for a listening socket, its queue's length.
    assert int(line.split()[2]) == min(limit("LISTEN_BACKLOG"), somaxconn)


def test_shutdown_does_not_wait_for_a_stuck_session(board, term_factory):
    """A session that does not end when told (here: its mentor stopped)
    is killed SHUTDOWN_GRACE_SECONDS after SIGTERM, and mentord exits."""
    t = term_factory("guest")
    t.wait_for("How it works")
    mentor = ui_pid(board)
    os.kill(mentor, signal.SIGSTOP)
    try:
        start = time.monotonic()
        board.proc.send_signal(signal.SIGTERM)
        board.proc.wait(timeout=limit("SHUTDOWN_GRACE_SECONDS") + 5)
        took = time.monotonic() - start
    finally:
        try:
            os.kill(mentor, signal.SIGCONT)
        except ProcessLookupError:
            pass
    grace = limit("SHUTDOWN_GRACE_SECONDS")
    assert grace <= took < grace + 2.5, took
    assert "did not close; killing them" in board.log_text()


def probe_lines(p):
    """The next line the probe prints, as "STEP ok" or "STEP refused"."""
    line = p.stdout.readline()
    assert line, "the probe ended early"
    return re.sub(r" (ok|refused) \d+\n$", r" \1", line)


def test_client_that_never_closes_is_let_go(board):
    """After the command's exit status and close, the board waits
    CLOSE_WAIT_MS for the client's close (so that ssh exits with the
    status), then ends the connection anyway."""
    p = subprocess.Popen([SSHPROBE, str(board.port), "guest", "none", "open",
                          "exec:version", "read", "sleep:10000"],
                         stdout=subprocess.PIPE, text=True)
    try:
        for step in ("none ok", "open ok", "exec:version ok"):
            assert probe_lines(p) == step
        # "read" prints the output, then its own line at the channel's EOF.
        out = ""
        while not out.endswith(" ok"):
            out += probe_lines(p)
        eof = time.monotonic()
        assert "mentorboard " in out and "exit-status 0" in out
        wait_until(lambda: board.descendants() == [], timeout=10,
                   interval=0.01, what="the connection to end")
        waited = (time.monotonic() - eof) * 1000
    finally:
        p.kill()
        p.wait()
    # Loose bounds: a loaded machine reads the probe late, and a sanitizer
    # build checks for leaks before the process ends.
    close_wait = limit("CLOSE_WAIT_MS")
    assert close_wait / 2 <= waited < close_wait + 2000, waited


def test_exec_request_lengths(board):
    """A command of EXEC_COMMAND_MAX bytes runs; a longer one up to
    EXEC_REQUEST_MAX gets mentor's reason; beyond that mentord refuses the
    request itself."""
    most = limit("EXEC_COMMAND_MAX")
    r = board.ssh("guest", "x" * most)
    assert r.returncode == 2
    assert "unknown command" in r.stderr.decode(), "read, not refused"
    r = board.ssh("guest", "x" * (most + 1))
    assert r.returncode == 2
    assert f"longer than {most} bytes" in r.stderr.decode()
    request = limit("EXEC_REQUEST_MAX")
    r = board.ssh("guest", "x" * request)
    assert r.returncode == 2
    assert f"longer than {most} bytes" in r.stderr.decode()
    r = board.ssh("guest", "x" * (request + 1))
    assert r.returncode == 255
    assert "exec request failed" in r.stderr.decode()
    assert f"exec request longer than {request} bytes refused" in \
        board.log_text()


def test_relay_moves_more_than_a_chunk_whole(board, keypair):
    """Input and output of many RELAY_CHUNKs pass between ssh and mentor
    whole and in order."""
    chunk = limit("RELAY_CHUNK")
    board.add_user("alice")
    _, pub = keypair
    # Comment lines are skipped; the key comes last, so all must arrive.
    filler = "".join(f"# filler line {i:05d}\n" for i in range(3000))
    assert len(filler) > 3 * chunk
    r = board.member("alice", PW, "keys", "add",
                     input=(filler + pub).encode())
    assert r.returncode == 0, r.stderr
    assert b"1 key added" in r.stdout
    r = board.member("alice", PW, "keys", "add",
                     input=(filler + "ssh-ed25519 broken\n").encode())
    assert r.returncode == 1
    assert b"line 3001:" in r.stderr
    # About one demo member in four is a mentor.
    r = board.admin("demo", "--users", "600", "--seed", "1")
    assert r.returncode == 0, r.stderr
    most = limit("SEARCH_LIMIT_MAX")
    r = board.member("alice", PW, "search", "--json", "--limit", str(most))
    assert r.returncode == 0, r.stderr
    assert len(r.stdout) > chunk
    hits = json.loads(r.stdout)
    assert len({h["id"] for h in hits}) == len(hits) == most


def test_terminal_names(board, term_factory):
    """A TERM of up to TERM_NAME_MAX terminfo characters reaches mentor
    (which falls back to TERM_FALLBACK if it does not know it); a longer
    one is replaced by TERM_FALLBACK before mentor starts."""
    most = limit("TERM_NAME_MAX")
    fallback = limit("TERM_FALLBACK")
    for term, seen in (("x" * most, "x" * most),
                       ("x" * (most + 1), fallback),
                       ("xterm;rm -rf", fallback)):
        t = term_factory("guest", env={"TERM": term})
        t.wait_for("How it works")
        with open(f"/proc/{ui_pid(board)}/environ", "rb") as f:
            env = dict(e.split(b"=", 1) for e in f.read().split(b"\0") if e)
        assert env[b"TERM"].decode() == seen, term
        t.send("q")
        assert t.wait_exit() == 0
        wait_until(lambda: board.descendants() == [],
                   what="the session to end")
    assert f"terminal type {'x' * most} unknown here, trying {fallback}" \
        in board.log_text()


def pty_size(pid):
    """(columns, rows) of the terminal of process pid."""
    fd = os.open(os.readlink(f"/proc/{pid}/fd/0"),
                 os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        rows, cols, _, _ = struct.unpack(
            "HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))
    finally:
        os.close(fd)
    return cols, rows


def test_window_sizes_clamped(board):
    """A client's window size is taken between SCREEN_MIN and SCREEN_MAX:
    a huge one cannot make mentor draw millions of cells, a zero one is
    the smallest terminal."""
    most = (limit("SCREEN_MAX_COLS"), limit("SCREEN_MAX_ROWS"))
    least = (limit("SCREEN_MIN_COLS"), limit("SCREEN_MIN_ROWS"))
    steps = [("pty:5000x4000", most), ("winch:120x40", (120, 40)),
             ("winch:1001x1001", most), ("winch:0x0", least),
             ("winch:70000x3", (most[0], 3))]
    args = [SSHPROBE, str(board.port), "guest", "none", "open",
            steps[0][0], "shell"]
    for step, _ in steps[1:]:
        args += ["stdin", step]
    p = subprocess.Popen(args + ["stdin"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
    try:
        for want in ("none ok", "open ok", steps[0][0] + " ok", "shell ok"):
            assert probe_lines(p) == want
        mentor = ui_pid(board)
        for i, (step, size) in enumerate(steps):
            if i > 0:
                p.stdin.write("\n")
                p.stdin.flush()
                assert probe_lines(p) == "stdin ok"
                assert probe_lines(p) == step + " ok"
            wait_until(lambda: pty_size(mentor) == size, what=f"{step}: "
                       f"{size}, not {pty_size(mentor)}")
    finally:
        p.kill()
        p.wait()


def test_nul_on_stdin_is_refused(board):
    """A NUL byte in text on standard input is refused with a message,
    never cut there (every command reads stdin through one function)."""
    board.add_user("nina")
    for command, data in (
            (("profile", "set", "--help-text-stdin"), b"abc\x00def"),
            (("application", "set", "goals"), b"goal\x00s"),
            (("chat", "send", "1"), b"hi\x00there")):
        r = board.member("nina", "correct horse battery", *command,
                         input=data)
        assert r.returncode != 0, command
        assert b"NUL" in r.stderr, (command, r.stderr)
