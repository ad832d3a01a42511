"""Faults the board must survive (issue 19): a full disk, kill -9 of the
listener and of sessions under load, and many connections and logins in a
row.  Every test here is bounded in time."""

import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import Board

# The small disk of the full-disk test: room for the database and a few
# sessions, small enough to fill in a moment.
FULL_DISK_SIZE = "8m"
# What a user is told when the board's disk is full (error_fault_text).
DISK_FULL_TEXT = "the board's disk is full; nothing was saved; try again later"
# What a new connection is told when its session cannot be written.
DISK_FULL_LOGIN_TEXT = "the board's disk is full; try again later"


class SmallDisk:
    """A tmpfs of size mounted on path in a mount namespace of its own,
    held by a process that sleeps: programs run there through prefix
    (nsenter), the test reaches its files through outside(); it goes away
    with its holder, whatever happens to the test."""

    def __init__(self, path, size):
        self.path = path
        os.makedirs(path, exist_ok=True)
        self.holder = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c",
             'mount -t tmpfs -o size="$1",mode=0755 tmpfs "$2" && '
             'echo mounted && exec sleep 600', "sh", size, path],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.holder.stdout.readline()
        if line.strip() != "mounted":
            self.holder.wait(timeout=10)
            raise OSError(self.holder.stderr.read().strip())
        self.prefix = ("nsenter", "-t", str(self.holder.pid), "-m")

    def outside(self, *parts):
        """A path on the small disk as this process reaches it."""
        return os.path.join(f"/proc/{self.holder.pid}/root",
                            self.path.lstrip("/"), *parts)

    def fill(self):
        """Write a file until the disk has no room left, to the last
        byte."""
        fd = os.open(self.outside("filler"), os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            size = 1 << 20
            while size > 0:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    size //= 2
        finally:
            os.close(fd)

    def free(self):
        os.unlink(self.outside("filler"))

    def run(self, *args, input=None):
        """Run a program in the namespace (it sees the small disk)."""
        return subprocess.run([*self.prefix, *args], input=input,
                              capture_output=True, timeout=30)

    def close(self):
        self.holder.kill()
        self.holder.wait(timeout=10)


def small_disk(path):
    """A SmallDisk on path, or skip with the reason it cannot be made."""
    if os.geteuid() != 0:
        pytest.skip("a tmpfs needs root to mount (make test runs as root)")
    for tool in ("unshare", "nsenter"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} (util-linux) is not installed")
    try:
        return SmallDisk(path, FULL_DISK_SIZE)
    except OSError as e:
        pytest.skip(f"cannot mount a tmpfs here: {e}")


INTEGRITY = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
             "print(c.execute('PRAGMA integrity_check').fetchone()[0]); "
             "print(c.execute(sys.argv[2]).fetchone()[0])")


def test_full_disk_tells_the_true_reason_and_recovers():
    """With the state directory's disk full, a member's command and a new
    login are told the disk is full (not "could not send" nor a reset),
    the log says "disk full" (not "disk I/O error"), nothing is stored half,
    and once there is room again the same command works."""
    with tempfile.TemporaryDirectory(prefix="mentorboard-full-") as files:
        disk = small_disk(os.path.join(files, "disk"))
        state = os.path.join(disk.path, "state")
        b = None
        try:
            b = Board(state, prefix=disk.prefix, files=files)
            b.add_user("alice")
            ok = b.member("alice", "correct horse battery", "support",
                          "send", "--subject", "Before",
                          input=b"Is there a mentor in law?\n")
            assert ok.returncode == 0, ok.stderr
            disk.fill()

            # A member's command that writes.
            r = b.member("alice", "correct horse battery", "support", "send",
                         "--subject", "During",
                         input=b"Full disk question\n")
            err = r.stderr.decode()
            assert r.returncode != 0
            assert DISK_FULL_TEXT in err or DISK_FULL_LOGIN_TEXT in err, err
            # A new connection that cannot even be recorded.
            r = b.ssh("guest", "version")
            assert r.returncode != 0
            assert DISK_FULL_LOGIN_TEXT in r.stderr.decode(), r.stderr
            log = b.log_text()
            assert "disk full" in log
            assert "disk I/O error" not in log

            disk.free()
            r = b.member("alice", "correct horse battery", "support", "send",
                         "--subject", "After", input=b"Room again\n")
            assert r.returncode == 0, r.stderr
            r = b.member("alice", "correct horse battery", "support")
            assert b"Before" in r.stdout and b"After" in r.stdout
            assert b"During" not in r.stdout
            check = disk.run("/usr/bin/python3", "-c", INTEGRITY,
                             os.path.join(state, "mentorboard.db"),
                             "SELECT count(*) FROM support_thread t "
                             "WHERE subject = 'During' OR NOT EXISTS "
                             "(SELECT 1 FROM support_message m "
                             "WHERE m.thread_id = t.id)")
            assert check.stdout.decode().split() == ["ok", "0"], check
        finally:
            if b is not None:
                b.stop()
            disk.close()
