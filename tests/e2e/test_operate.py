"""Operating a board: the names the team may give, the host's operator
(root or the state directory's owner) at the console, what the logs say,
and mentord's configuration check."""

import os
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import Board, MENTORD

MENTOR = os.path.join(os.path.dirname(MENTORD), "mentor")
PW = "correct horse battery"


def host(*args, input=None):
    """Run a program of the board on the host, as this test's user."""
    return subprocess.run(args, input=input, capture_output=True, timeout=30)


def test_team_gives_names_members_may_not_take(board, keypair):
    """mentord user add takes any free name but guest, sysop included (the
    README's example); a member registering may not take it."""
    key, _ = keypair
    r = board.admin("user", "add", "sysop", "--email", "team@example.org",
                    "--first", "Mentoring", "--last", "Team", "--sysop",
                    "--key", key + ".pub")
    assert r.returncode == 0, r.stderr.decode()
    assert b"created sysop" in r.stdout
    r = board.with_key("sysop", key, "admin", "user", "list")
    assert r.returncode == 0, r.stderr.decode()
    assert b"team@example.org" in r.stdout
    r = board.admin("user", "add", "guest", "--email", "g@example.org",
                    "--first", "G", "--last", "Uest", "--password-stdin",
                    input=(PW + "\n").encode())
    assert r.returncode == 1 and b"reserved" in r.stderr
    r = board.ssh("guest", "register", "--username", "support", "--email",
                  "s@example.org", "--first", "S", "--last", "Upport",
                  "--field", "'Computer Science'", "--accept-privacy",
                  input=(PW + "\n").encode())
    assert r.returncode != 0 and b"reserved" in r.stderr


NOBODY = (65534, 65534)  # the service account of these tests


def owners(state_dir):
    """{path: (uid, gid)} of everything in the state directory."""
    found = {}
    for top, dirs, files in os.walk(state_dir):
        for name in dirs + files:
            path = os.path.join(top, name)
            st = os.lstat(path)
            found[os.path.relpath(path, state_dir)] = (st.st_uid, st.st_gid)
    return found


@pytest.fixture
def service_state_dir():
    """An empty state directory of the service account, as systemd's
    StateDirectory= makes it, in a tree that account can reach (pytest's
    own temporary directories are root's alone)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to be the host's operator and the service")
    top = tempfile.mkdtemp(prefix="mentorboard-service-")
    os.chmod(top, 0o755)
    state = os.path.join(top, "state")
    os.mkdir(state, 0o700)
    os.chown(state, *NOBODY)
    yield state
    shutil.rmtree(top)


def test_root_works_in_the_service_accounts_state_dir(service_state_dir):
    """Root, the host's operator, sets up a board in the (empty) state
    directory of the service account and runs the console while mentord
    serves as that account: everything root made there belongs to the
    account, so that the board opens it, and root's console gets its
    news."""
    state = service_state_dir
    r = host(MENTORD, "--state-dir", state, "user", "add", "sysop",
             "--email", "team@example.org", "--first", "Mentoring",
             "--last", "Team", "--sysop", "--password-stdin",
             input=(PW + "\n").encode())
    assert r.returncode == 0, r.stderr.decode()
    r = host(MENTORD, "--state-dir", state, "areas", "add",
             "Founding a company")
    assert r.returncode == 0, r.stderr.decode()
    made = owners(state)
    assert "mentorboard.db" in made and "board.key" in made, made
    assert all(o == NOBODY for o in made.values()), made
    board = Board(state, user=NOBODY)
    try:
        r = board.member("sysop", PW, "admin", "areas", "list")
        assert r.returncode == 0, r.stderr.decode() + board.log_text()
        assert b"Founding a company" in r.stdout
        # Root's console while the board runs: it opens the service's
        # files (the -wal and -shm of a running board among them) ...
        r = host(MENTOR, "--local", "--state-dir", state, "--command",
                 "admin user list")
        assert r.returncode == 0, r.stderr.decode()
        assert b"sysop" in r.stdout
        made = owners(state)
        assert "mentorboard.db-wal" in made, made
        assert all(o == NOBODY for o in made.values()), made
        # ... and makes what a member then reads.
        r = host(MENTOR, "--local", "--state-dir", state, "--command",
                 "admin notify sysop hello from root")
        assert r.returncode == 0, r.stderr.decode()
        r = board.member("sysop", PW, "notifications")
        assert b"hello from root" in r.stdout, r.stdout
        assert all(o == NOBODY for o in owners(state).values())
    finally:
        board.stop()


def test_logs_name_account_and_address(board):
    """Every login, failed login and action of the team is logged with the
    account and the address it came from; never a password."""
    board.add_user("alice", password=PW)
    board.add_user("bob", password=PW, sysop=True)
    wrong = "not the right one 8472"
    r = board.member("alice", wrong, "whoami", source="127.0.0.3")
    assert r.returncode != 0
    r = board.member("nosuchuser", wrong, "whoami", source="127.0.0.3")
    assert r.returncode != 0
    r = board.member("alice", PW, "whoami", source="127.0.0.4")
    assert r.returncode == 0, r.stderr.decode()
    r = board.ssh("guest", "help", source="127.0.0.5")
    assert r.returncode == 0
    r = board.member("bob", PW, "admin", "areas", "add", "'Going abroad'",
                     source="127.0.0.6")
    assert r.returncode == 0, r.stderr.decode()
    ids = dict(board.db().execute("SELECT username, id FROM user"))
    log = board.log_text()
    assert re.search(r'127\.0\.0\.3: login as "alice" failed \(password', log)
    assert re.search(r'127\.0\.0\.3: login as "nosuchuser" failed '
                     r'\(password', log)
    assert (f"127.0.0.4: member alice (user {ids['alice']}) logged in "
            "(password)") in log
    assert "127.0.0.4: alice logged out" in log
    assert "127.0.0.5: guest logged in" in log
    assert (f"127.0.0.6: sysop bob (user {ids['bob']}): areas-add") in log
    assert wrong not in log and PW not in log


def test_syslog_without_a_socket_says_so(tmp_path):
    """syslog = yes where nothing listens on /dev/log: mentord says so at
    start and logs to standard error instead of into the void."""
    prefix = ()
    if os.path.exists("/dev/log"):
        if os.geteuid() != 0 or shutil.which("unshare") is None:
            pytest.skip("/dev/log exists and cannot be hidden here")
        # A mount namespace where /dev/log is no socket.
        prefix = ("unshare", "--mount", "--propagation", "private", "sh",
                  "-c", 'mount --bind /dev/null /dev/log && exec "$@"', "sh")
    b = Board(str(tmp_path), extra_args=("--syslog", "yes"), prefix=prefix)
    try:
        assert ("syslog = yes, but there is no syslog socket (/dev/log): "
                "logging to standard error") in b.log_text()
        assert b.ssh("guest", "version").returncode == 0
        assert "guest logged in" in b.log_text()
    finally:
        b.stop()
