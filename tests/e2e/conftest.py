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

SSH_OPTIONS = [
    "-F", "/dev/null",
    "-o", "StrictHostKeyChecking=no",
    "-o", "UserKnownHostsFile=/dev/null",
    "-o", "LogLevel=ERROR",
    "-o", "ConnectTimeout=10",
]


def limit(name):
    """The value of a named limit in common/board_limits.h."""
    with open(os.path.join(ROOT, "common", "board_limits.h")) as f:
        m = re.search(r"#define " + name + r"\s+\(?([0-9][0-9 *]*)\)?",
                      f.read())
    assert m, f"no limit {name}"
    return eval(m.group(1), {})


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


class Board:
    """A running mentord."""

    def __init__(self, state_dir, extra_args=()):
        self.state_dir = state_dir
        self.mail_file = os.path.join(state_dir, "mail.out")
        self.log_path = os.path.join(state_dir, "mentord.log")
        self.log = open(self.log_path, "w+b")
        args = [MENTORD, "--listen", "127.0.0.1", "--port", "0",
                "--state-dir", state_dir,
                "--mail-command", f"cat >> {self.mail_file}",
                "--log-level", "debug", *extra_args]
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=self.log)
        self.port = wait_until(self._port, what="mentord to listen")

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

    def descendants(self):
        """Pids of every process below the listener."""
        out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="],
                             capture_output=True, text=True).stdout
        children = {}
        for line in out.split("\n"):
            parts = line.split()
            if len(parts) == 2:
                children.setdefault(int(parts[1]), []).append(int(parts[0]))
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            for child in children.get(pid, []):
                found.append(child)
                todo.append(child)
        return found

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class Term:
    """An interactive ssh session on a pseudo-terminal, read through pyte."""

    def __init__(self, args, rows=24, cols=80, env=None):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        full_env = dict(os.environ)
        full_env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        full_env.pop("SSH_AUTH_SOCK", None)
        if env:
            full_env.update(env)
        self.child = pexpect.spawn(args[0], args[1:], dimensions=(rows, cols),
                                   env=full_env)
        self.exitstatus = None

    def pump(self, timeout=0.05):
        """Feed what ssh printed so far into the emulator."""
        try:
            while True:
                data = self.child.read_nonblocking(65536, timeout=timeout)
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


@pytest.fixture
def board():
    with tempfile.TemporaryDirectory(prefix="mentorboard-e2e-") as state:
        b = Board(state)
        try:
            yield b
        finally:
            b.stop()


@pytest.fixture
def term_factory(board):
    terms = []

    def make(user="guest", *command, rows=24, cols=80, **kw):
        t = Term(board.ssh_args(user, *command, tty=True,
                                extra=kw.pop("extra", ())),
                 rows=rows, cols=cols, env=kw.pop("env", None))
        terms.append(t)
        return t
    yield make
    for t in terms:
        t.close()
