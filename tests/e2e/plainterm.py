"""A session in the plain mode, read as a screen reader hears it: the
output whole and in order (pexpect, no terminal emulator)."""

import os
import re

import pexpect

from conftest import askpass_program

# The question of every numbered menu.
CHOICE = re.compile(r"Your choice \(1-\d+, 0: [^)]*\): ")


class Plain:
    """An ssh session on a pseudo-terminal, its output kept whole."""

    def __init__(self, board, user, *command, term="xterm-256color",
                 lang="C.UTF-8", password=None):
        env = dict(os.environ, TERM=term, LANG=lang)
        env.pop("SSH_AUTH_SOCK", None)
        extra = ["-o", f"SetEnv=LANG={lang}"]
        if password is not None:
            askpass = askpass_program(board.state_dir)
            env.update(SSH_ASKPASS=askpass, SSH_ASKPASS_REQUIRE="force",
                       MB_PASSWORD=password, DISPLAY=":0")
            extra += ["-o", "PubkeyAuthentication=no"]
        args = board.ssh_args(user, *command, tty=True, extra=extra)
        self.child = pexpect.spawn(args[0], args[1:], env=env,
                                   dimensions=(24, 80), timeout=15)
        self.seen = b""

    def text(self):
        return self.seen.decode("utf-8", "replace").replace("\r", "")

    def expect(self, pattern):
        """Wait for pattern (a string or a compiled regex) in what came
        since the last expect; returns that text."""
        if isinstance(pattern, str):
            pattern = re.compile(re.escape(pattern))
        pattern = re.compile(pattern.pattern.encode() if isinstance(
            pattern.pattern, str) else pattern.pattern)
        try:
            self.child.expect(pattern)
        except (pexpect.TIMEOUT, pexpect.EOF):
            self.seen += self.child.before or b""
            raise AssertionError(f"{pattern.pattern!r} not seen:\n"
                                 + self.text()[-3000:])
        got = self.child.before + self.child.after
        self.seen += got
        return got.decode("utf-8", "replace").replace("\r", "")

    def line(self, text):
        self.child.sendline(text)

    def send(self, data):
        self.child.send(data)

    def leave(self):
        """Leave from anywhere: back to the main menu, then 0."""
        self.child.expect(pexpect.EOF, timeout=15)
        self.seen += self.child.before or b""
        self.child.close()
        return self.child.exitstatus

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)


def no_escapes(p):
    """Nothing but text: no escape sequence, no cursor movement."""
    assert b"\x1b" not in p.seen, p.seen[-2000:]
