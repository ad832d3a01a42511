"""End-to-end fixtures: a real mentord on a random loopback port with a
temporary state directory, driven by the real OpenSSH client.  Screens are
read through pyte, a terminal emulator fed every byte ssh prints."""

import os
import re
import signal
import subprocess
import tempfile
import time

import pexpect
import pyte
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MENTORD = os.environ.get("MENTORD", os.path.join(ROOT, "mentord"))
# make asan runs these tests on the AddressSanitizer build.
SANITIZED = "asan" in MENTORD
# What a sanitizer prints when it finds something, should a report miss
# its log_path and land in mentord's log.
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                   "runtime error:", "Sanitizer:DEADLYSIGNAL",
                   "SUMMARY: UndefinedBehaviorSanitizer")

TEAM_ADDRESS = "mentoring-team@example.org"
# The housekeeping process's name (HOUSEKEEPING_NAME, daemon/daemon.h).
HOUSEKEEPING_NAME = "mb-housekeeping"
# The mentor factory's name (FACTORY_NAME, daemon/daemon.h): the board's
# own process, whose children are the sessions' mentors.
FACTORY_NAME = "mb-factory"
# The spare mentor's name (SPARE_NAME): the factory's child waiting for the
# next login, the board's own until a session takes it.
SPARE_NAME = "mb-spare"
# The login gate's name (GATE_NAME): the listener's child that answers the
# connection processes' questions of the store before a session starts.
GATE_NAME = "mb-gate"

SSH_OPTIONS = [
    "-F", "/dev/null",
    "-o", "StrictHostKeyChecking=no",
    "-o", "UserKnownHostsFile=/dev/null",
    "-o", "LogLevel=ERROR",
    "-o", "ConnectTimeout=10",
]


_LIMITS = {}

# Prints NAME as the C compiler reads it: a number, or a string constant
# after a quote mark.
_LIMIT_PROGRAM = r"""#include <stdio.h>
#include "%(header)s"
static void print_number(long long v) { printf("%%lld", v); }
static void print_text(const char *s) { printf("\"%%s", s); }
int main(void) {
	_Generic((%(name)s), char *: print_text, const char *: print_text,
	    default: print_number)(%(name)s);
	return 0;
}
"""


def limit(name):
    """The value of a named constant in a header of common/, as the C
    compiler reads it: a small program that includes the header defining
    it prints it (a number, or a str for a string constant)."""
    if name in _LIMITS:
        return _LIMITS[name]
    common = os.path.join(ROOT, "common")
    defines = re.compile(r"^\s*#\s*define\s+" + re.escape(name) + r"\b",
                         re.M)
    headers = []
    for h in sorted(os.listdir(common)):
        if h.endswith(".h"):
            with open(os.path.join(common, h)) as f:
                if defines.search(f.read()):
                    headers.append(h)
    assert headers, f"no limit {name} in common/*.h"
    with tempfile.TemporaryDirectory(prefix="mentorboard-limit-") as tmp:
        src = os.path.join(tmp, "limit.c")
        with open(src, "w") as f:
            f.write(_LIMIT_PROGRAM % {"header": headers[0], "name": name})
        cc = subprocess.run(
            [os.environ.get("CC", "cc"), "-std=c11", "-D_GNU_SOURCE",
             "-I", common, src, "-o", os.path.join(tmp, "limit")],
            capture_output=True, text=True)
        assert cc.returncode == 0, f"{name}: {cc.stderr}"
        out = subprocess.run([os.path.join(tmp, "limit")], check=True,
                             capture_output=True, text=True).stdout
    value = out[1:] if out.startswith('"') else int(out)
    _LIMITS[name] = value
    return value


def wait_until(predicate, timeout=10.0, interval=0.02, what="condition"):
    """Poll predicate until it is true; fail the test after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


# LeakSanitizer's word when it could not stop a process for its check at
# exit, because the process was being ended meanwhile (a session ended by
# its board's stop): no finding, and the check of that one process skipped.
LSAN_NO_REGISTERS = re.compile(
    r"^==\d+==Unable to get registers from thread \d+\.\n?", re.M)


def logged_waits(board, addr):
    """The waits the server made address addr take (a login, a code
    redeemed), in ms, in order, as it logged them (throttle.c; the boards
    log at debug level).  Exact where the client's clock is not: a loaded
    machine adds to every answer, so the clock only shows that an answer
    waited at least that."""
    return [int(ms) for ms in re.findall(
        r"(?<![0-9.])" + re.escape(addr) + r": waiting (\d+) ms",
        board.log_text())]


def sanitizer_env(report_dir):
    """The environment for mentord and what it starts: sanitizer reports of
    every process (mentord, connection processes, mentor, the
    administration commands) go to files in report_dir; a build without
    sanitizers ignores it."""
    def options(name, ours):
        theirs = os.environ.get(name)
        return f"{theirs}:{ours}" if theirs else ours
    return dict(
        os.environ,
        ASAN_OPTIONS=options("ASAN_OPTIONS",
                             f"log_path={report_dir}/asan:detect_leaks=1"),
        UBSAN_OPTIONS=options("UBSAN_OPTIONS",
                              f"log_path={report_dir}/ubsan:"
                              "print_stacktrace=1:halt_on_error=1"),
        LSAN_OPTIONS=options("LSAN_OPTIONS", f"log_path={report_dir}/lsan"))


def as_user(uid, gid):
    """The words that run a command as uid:gid, without supplementary
    groups (util-linux's setpriv)."""
    return ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]


def askpass_program(directory):
    """A new SSH_ASKPASS program in directory that answers $MB_PASSWORD.
    New for each use: one another ssh runs cannot be written ("Text file
    busy"), as when threads log in at once."""
    fd, path = tempfile.mkstemp(prefix="askpass-", dir=directory)
    with os.fdopen(fd, "w") as f:
        f.write("#!/bin/sh\nprintf '%s\\n' \"$MB_PASSWORD\"\n")
    os.chmod(path, 0o700)
    return path


class Board:
    """A running mentord.  With user=(uid, gid) it runs as that account
    (the state directory must be that account's), and the test's own files
    (mentord's log, the mail, sanitizer reports) lie beside the state
    directory in a directory every account may write, so that the state
    directory holds the board's files only.  mentord names another mentord
    program (an installed one); prefix comes before it on the command line
    (unshare, for one); env adds to its environment.  files names another
    directory for the test's own files (one off a disk the test fills)."""

    def __init__(self, state_dir, extra_args=(), user=None, mentord=None,
                 prefix=(), env=None, files=None):
        self.state_dir = state_dir
        self.mentord = mentord or MENTORD
        self.user = user
        self.prefix = tuple(prefix)
        files = files or state_dir
        if user is not None:
            files = state_dir.rstrip("/") + "-test"
            os.makedirs(files, exist_ok=True)
            os.chmod(files, 0o1777)
        self.files = files
        self.mail_file = os.path.join(files, "mail.out")
        if user is not None:
            # Root's administration commands and the board both append.
            open(self.mail_file, "a").close()
            os.chmod(self.mail_file, 0o666)
        self.log_path = os.path.join(files, "mentord.log")
        self.log = open(self.log_path, "w+b")
        self.report_dir = os.path.join(files, "sanitizer-reports")
        os.makedirs(self.report_dir, exist_ok=True)
        if user is not None:
            os.chmod(self.report_dir, 0o1777)
        self.env = sanitizer_env(self.report_dir)
        self.env.update(env or {})
        args = [*prefix, *(as_user(*user) if user is not None else ()),
                self.mentord, "--listen", "127.0.0.1", "--port", "0",
                "--state-dir", state_dir,
                "--mail-command", f"cat >> {self.mail_file}",
                "--team-address", TEAM_ADDRESS,
                "--log-level", "debug", *extra_args]
        # A process group of its own, as in a terminal: Ctrl-C goes to it.
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=self.log,
                                     start_new_session=True, env=self.env)
        self.port = wait_until(self._port, what="mentord to listen")
        # Up when its own processes are: until the mentor factory has its
        # name, a process on its way to be it passes for a connection's.
        wait_until(lambda: self.factory() and self.housekeeper(),
                   what="the mentor factory and the housekeeping")

    def _port(self):
        if self.proc.poll() is not None:
            raise AssertionError("mentord exited:\n" + self.log_text())
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", self.log_text())
        return int(m.group(1)) if m else None

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def ssh_args(self, user, *command, tty=False, source=None, extra=()):
        args = ["ssh", *SSH_OPTIONS, "-p", str(self.port)]
        if tty:
            args.append("-tt")
        else:
            args.append("-T")
        if source:
            args += ["-b", source]
        args += list(extra)
        args.append(f"{user}@127.0.0.1")
        args += list(command)
        return args

    def ssh(self, user, *command, input=None, timeout=30, env=None,
            source=None, extra=("-o", "BatchMode=yes")):
        """Run one exec request without a terminal."""
        return subprocess.run(
            self.ssh_args(user, *command, source=source, extra=extra),
            input=input, capture_output=True, timeout=timeout,
            env=env, stdin=None if input is not None else subprocess.DEVNULL)

    def admin(self, *args, input=None):
        """Run a mentord administration command on this state directory,
        with the board's mail command."""
        return subprocess.run([*self.prefix, self.mentord,
                               "--state-dir", self.state_dir,
                               "--mail-command", f"cat >> {self.mail_file}",
                               *args],
                              input=input, capture_output=True, timeout=30,
                              env=self.env)

    def set_clock(self, seconds_ahead):
        """Move the board's clock (the test-only file in the state dir)."""
        with open(os.path.join(self.state_dir, "test-clock"), "w") as f:
            f.write(f"{int(seconds_ahead)}\n")
        # The clock rereads the file at most once a second.
        time.sleep(1.1)

    def add_user(self, username, password="correct horse battery",
                 first="Alice", last="Zuckermann", email=None,
                 fields=("Computer Science",), key=None, sysop=False):
        """Make a verified member with mentord user add."""
        args = ["user", "add", username,
                "--email", email or f"{username}@example.org",
                "--first", first, "--last", last]
        if sysop:
            args.append("--sysop")
        for f in fields:
            args += ["--field", f]
        if key:
            args += ["--key", key]
        if password is not None:
            args.append("--password-stdin")
        r = self.admin(*args, input=(password + "\n").encode()
                       if password is not None else None)
        assert r.returncode == 0, r.stderr.decode()
        return username

    def mail_settled(self, timeout=10.0):
        """Wait until every mail the board queued was tried once (the
        housekeeping sends it at once): what the answers queued is then in
        the mail file.  A board whose database the test cannot read is
        not waited for."""
        import sqlite3

        def settled():
            try:
                db = self.db()
            except sqlite3.Error:
                return True
            try:
                return db.execute("SELECT count(*) FROM mail_queue "
                                  "WHERE failures = 0").fetchone()[0] == 0
            except sqlite3.Error:
                return True
            finally:
                db.close()
        wait_until(settled, timeout=timeout, what="the mail queue")

    def mails(self):
        """Every message the board sent, oldest first, once the queue has
        been tried."""
        self.mail_settled()
        try:
            with open(self.mail_file, encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            return []
        parts = re.split(r"(?m)^(?=From: )", text)
        return [p for p in parts if p.strip()]

    def last_code(self, to=None):
        """The code in the newest mail (to an address)."""
        for m in reversed(self.mails()):
            if to is None or f"To: {to}" in m:
                code = re.search(r"\b[0-9A-Z]{5}-[0-9A-Z]{5}\b", m)
                assert code, m
                return code.group(0)
        raise AssertionError(f"no mail to {to}")

    def db(self):
        import sqlite3
        return sqlite3.connect(os.path.join(self.state_dir,
                                            "mentorboard.db"), timeout=10)

    def member(self, user, password, *command, input=None, source=None,
               timeout=30, tty=False):
        """Log in with a password (through SSH_ASKPASS) and run command."""
        askpass = askpass_program(self.files)
        env = dict(os.environ, SSH_ASKPASS=askpass,
                   SSH_ASKPASS_REQUIRE="force", MB_PASSWORD=password,
                   DISPLAY=":0")
        env.pop("SSH_AUTH_SOCK", None)
        args = self.ssh_args(user, *command, source=source, extra=(
            "-o", "PubkeyAuthentication=no",
            "-o", "NumberOfPasswordPrompts=1"))
        try:
            return subprocess.run(args, input=input, capture_output=True,
                                  timeout=timeout, env=env,
                                  stdin=None if input is not None
                                  else subprocess.DEVNULL)
        finally:
            os.unlink(askpass)

    def with_key(self, user, keyfile, *command, input=None, timeout=30,
                 source=None):
        """Log in with a private key file and run command."""
        args = self.ssh_args(user, *command, source=source, extra=(
            "-o", "PasswordAuthentication=no", "-o", "BatchMode=yes",
            "-o", "IdentitiesOnly=yes", "-i", keyfile))
        env = dict(os.environ)
        env.pop("SSH_AUTH_SOCK", None)
        return subprocess.run(args, input=input, capture_output=True,
                              timeout=timeout, env=env,
                              stdin=None if input is not None
                              else subprocess.DEVNULL)

    def _processes(self):
        """(pid, comm) of every process below the listener."""
        return [(pid, comm) for pid, _, comm in self.process_tree()]

    def process_tree(self):
        """(pid, parent's pid, comm) of every process below the listener,
        from one look at the process table."""
        out = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,comm="],
                             capture_output=True, text=True).stdout
        children = {}
        for line in out.split("\n"):
            parts = line.split(None, 2)
            if len(parts) == 3:
                children.setdefault(int(parts[1]), []).append(
                    (int(parts[0]), parts[2].strip()))
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            for child, comm in children.get(pid, []):
                found.append((child, pid, comm))
                todo.append(child)
        return found

    def descendants(self):
        """Pids of every process below the listener that serves a
        connection: connection processes and mentors, whether a mentor is
        a child of its connection or of the mentor factory (the
        housekeeping process, the factory and its spare mentor, and the
        login gate are the board's own)."""
        return [pid for pid, comm in self._processes()
                if comm not in (HOUSEKEEPING_NAME, FACTORY_NAME, SPARE_NAME,
                                GATE_NAME)]

    def _own(self, name):
        """The pid of the board's own process called name, or None."""
        for pid, comm in self._processes():
            if comm == name:
                return pid
        return None

    def factory(self):
        """The pid of the mentor factory, or None."""
        return self._own(FACTORY_NAME)

    def spare(self):
        """The pid of the spare mentor, or None."""
        return self._own(SPARE_NAME)

    def gate(self):
        """The pid of the login gate, or None."""
        return self._own(GATE_NAME)

    def housekeeper(self):
        """The pid of the housekeeping process, or None."""
        return self._own(HOUSEKEEPING_NAME)

    def sanitizer_reports(self):
        """What the sanitizers reported, in any process of this board."""
        found = []
        for name in sorted(os.listdir(self.report_dir)):
            with open(os.path.join(self.report_dir, name), "rb") as f:
                text = f.read().decode("utf-8", "replace")
            if LSAN_NO_REGISTERS.sub("", text).strip():
                found.append(f"{name}:\n" + text)
        log = self.log_text()
        if any(mark in log for mark in SANITIZER_MARKS):
            found.append("mentord.log:\n" + log)
        return found

    def stop(self):
        """Stop mentord as its operator would (SIGTERM); fail if it did not
        exit cleanly or if any process of the board had a sanitizer
        report."""
        status = self.proc.poll()
        if status is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                status = self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                status = "killed: no exit within 10 s of SIGTERM"
        self.log.close()
        reports = self.sanitizer_reports()
        assert not reports, "sanitizer reports:\n" + "\n".join(reports)
        assert status == 0, f"mentord exited with {status}:\n" + \
            self.log_text()[-4000:]


class Screen(pyte.Screen):
    """pyte's screen, knowing also what ncurses sends where terminfo says
    the terminal has it (xterm's types) and pyte 0.8 ignores: REP (CSI n b:
    the last character again, n times) and SU/SD (CSI n S, CSI n T: the
    scrolling region's lines n up or down, the cursor where it is)."""

    last = " "

    def draw(self, data):
        super().draw(data)
        if data:
            self.last = data[-1]

    def repeat_last(self, count=1, *args, **kwargs):
        self.draw(self.last * max(count, 1))

    def _scroll(self, count, up):
        top, bottom = self.margins or (0, self.lines - 1)
        for _ in range(min(max(count, 1), bottom - top + 1)):
            if up:
                for y in range(top, bottom):
                    self.buffer[y] = self.buffer[y + 1]
                self.buffer.pop(bottom, None)
            else:
                for y in range(bottom, top, -1):
                    self.buffer[y] = self.buffer[y - 1]
                self.buffer.pop(top, None)
        self.dirty.update(range(self.lines))

    def scroll_up(self, count=1, *args, **kwargs):
        self._scroll(count, up=True)

    def scroll_down(self, count=1, *args, **kwargs):
        self._scroll(count, up=False)


class ByteStream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, b="repeat_last", S="scroll_up",
               T="scroll_down")


class Term:
    """An interactive ssh session on a pseudo-terminal, read through pyte."""

    def __init__(self, args, rows=24, cols=80, env=None):
        self.screen = Screen(cols, rows)
        self.stream = ByteStream(self.screen)
        full_env = dict(os.environ)
        full_env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        full_env.pop("SSH_AUTH_SOCK", None)
        if env:
            full_env.update(env)
        self.child = pexpect.spawn(args[0], args[1:], dimensions=(rows, cols),
                                   env=full_env)
        self.exitstatus = None
        self.received = 0  # bytes ssh printed so far

    def pump(self, timeout=0.05):
        """Feed what ssh printed so far into the emulator."""
        try:
            while True:
                data = self.child.read_nonblocking(65536, timeout=timeout)
                self.received += len(data)
                self.stream.feed(data)
                timeout = 0
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            pass

    def text(self):
        self.pump(0)
        return "\n".join(self.screen.display)

    def wait_for(self, needle, timeout=10.0):
        def seen():
            self.pump()
            if isinstance(needle, re.Pattern):
                return needle.search("\n".join(self.screen.display))
            return needle in "\n".join(self.screen.display)
        try:
            return wait_until(seen, timeout, what=repr(needle))
        except AssertionError:
            raise AssertionError(f"{needle!r} not on screen:\n" + self.text())

    def wait_gone(self, needle, timeout=10.0):
        def gone():
            self.pump()
            return needle not in "\n".join(self.screen.display)
        wait_until(gone, timeout, what=f"{needle!r} to disappear")

    def send(self, keys):
        self.child.send(keys)

    def resize(self, rows, cols):
        self.screen.resize(rows, cols)
        self.child.setwinsize(rows, cols)

    def wait_exit(self, timeout=10.0):
        def ended():
            self.pump()
            return not self.child.isalive()
        wait_until(ended, timeout, what="ssh to exit")
        self.child.close()
        self.exitstatus = self.child.exitstatus
        return self.exitstatus

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)


# Past 10 connections between key exchange and login, the default
# max_startups (10:30:100, as OpenSSH's MaxStartups) refuses some at
# random; a burst of 20 or 50 clients under a sanitizer on a loaded
# machine gets there, and so do 4 clients connecting over and over, since
# a connection counts until its process has ended and a sanitizer's takes
# long to end (its leak check).  A test that counts every answer of such
# clients takes a board that refuses none before 100 (admission itself is
# tested in test_board.py).
NO_EARLY_DROP = pytest.mark.parametrize(
    "board", [("--max-startups", "100")], indirect=True,
    ids=["no-early-drop"])


@pytest.fixture
def board(request):
    """A board of its own; a test parametrized indirectly on "board"
    gives mentord's extra arguments (a tuple) as the parameter."""
    with tempfile.TemporaryDirectory(prefix="mentorboard-e2e-") as state:
        b = Board(state, extra_args=getattr(request, "param", ()))
        try:
            yield b
        finally:
            b.stop()


@pytest.fixture
def term_factory(board):
    terms = []

    def make(user="guest", *command, rows=24, cols=80, password=None, **kw):
        extra = list(kw.pop("extra", ()))
        env = dict(kw.pop("env", None) or {})
        if password is not None:
            askpass = askpass_program(board.files)
            env.update(SSH_ASKPASS=askpass, SSH_ASKPASS_REQUIRE="force",
                       MB_PASSWORD=password, DISPLAY=":0")
            extra += ["-o", "PubkeyAuthentication=no"]
        t = Term(board.ssh_args(user, *command, tty=True, extra=extra),
                 rows=rows, cols=cols, env=env)
        terms.append(t)
        return t
    yield make
    for t in terms:
        t.close()


@pytest.fixture
def keypair(tmp_path):
    """A fresh ed25519 key pair: (private key path, public line)."""
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                    "tester@laptop", "-f", str(key)], check=True)
    return str(key), (tmp_path / "id_ed25519.pub").read_text()
