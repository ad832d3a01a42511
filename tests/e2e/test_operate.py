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
    r = host(MENTORD, "--state-dir", state, "backup")
    assert r.returncode == 0, r.stderr.decode()
    made = owners(state)
    assert "mentorboard.db" in made and "board.key" in made, made
    assert any(p.startswith("backups/") for p in made), made
    assert all(o == NOBODY for o in made.values()), made
    # A file the operator names stays root's, whoever owns its directory.
    elsewhere = os.path.join(os.path.dirname(state), "elsewhere")
    os.mkdir(elsewhere, 0o700)
    os.chown(elsewhere, *NOBODY)
    r = host(MENTORD, "--state-dir", state, "backup",
             os.path.join(elsewhere, "copy.db"))
    assert r.returncode == 0, r.stderr.decode()
    assert os.stat(os.path.join(elsewhere, "copy.db")).st_uid == 0
    board = Board(state, user=NOBODY)
    try:
        r = board.member("sysop", PW, "admin", "areas", "list")
        assert r.returncode == 0, r.stderr.decode() + board.log_text()
        assert b"Founding a company" in r.stdout
        # The service writes its backups where root wrote one.
        r = board.member("sysop", PW, "admin", "backup")
        assert r.returncode == 0, r.stderr.decode()
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


def free_port():
    """A TCP port nothing listens on now."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def good_config(path, state_dir, **more):
    """A configuration file that mentord -t passes without a word."""
    settings = {
        "listen": "127.0.0.1",
        "port": str(free_port()),
        "state_dir": state_dir,
        "mail_command": "cat >> /dev/null",
        "mail_from": "Mentorboard <mentoring@example.org>",
        "team_address": "mentoring-team@example.org",
    }
    settings.update(more)
    with open(path, "w") as f:
        for key, value in settings.items():
            f.write(f"{key} = {value}\n")
    return str(path)


def check(*args, user=None):
    """mentord with these arguments, as this test's user or another."""
    prefix = ["setpriv", f"--reuid={user[0]}", f"--regid={user[1]}",
              "--clear-groups"] if user else []
    r = subprocess.run([*prefix, MENTORD, *args], capture_output=True,
                       text=True, timeout=30)
    return r.returncode, r.stdout, r.stderr


def test_check_config_passes_a_good_configuration(tmp_path):
    """mentord -t is quiet on success; check-config says what it checked;
    both exit 0, also with the board running on that port (a warning)."""
    conf = good_config(tmp_path / "mentord.conf", str(tmp_path / "state"))
    assert check("--config", conf, "-t") == (0, "", "")
    assert check("-t", "--config", conf) == (0, "", "")
    rc, out, err = check("--config", conf, "check-config")
    assert rc == 0 and err == "", err
    assert f"state_dir     {tmp_path}/state (made at the first start" in out
    assert "mail_command  cat >> /dev/null (runs /usr/bin/cat)" in out
    assert out.endswith("configuration ok\n"), out
    # The board itself runs the same checks, and starts.
    (tmp_path / "state").mkdir(mode=0o700)
    b = Board(str(tmp_path / "state"), extra_args=("--config", conf))
    try:
        rc, out, err = check("--config", conf, "--state-dir",
                             b.state_dir, "--port", str(b.port), "-t")
        assert rc == 0 and "is in use (by a running mentord?)" in err, err
    finally:
        b.stop()


def test_check_config_finds_what_is_wrong(tmp_path):
    """Each problem on a line of its own with what to do; exit 1."""
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    conf = good_config(tmp_path / "mentord.conf", str(state))
    # A state directory others may write to.
    os.chmod(state, 0o777)
    rc, out, err = check("--config", conf, "-t")
    assert rc == 1 and out == ""
    assert (f"mentord: state_dir {state} can be written by others (mode "
            f"0777): chmod 700 {state}\n") in err
    os.chmod(state, 0o700)
    # A state directory that cannot be made.
    rc, _, err = check("--config", conf, "-t", "--state-dir",
                       "/nonexistent/board")
    assert rc == 1 and "state_dir /nonexistent/board does not exist, and " \
        "cannot be made in /nonexistent" in err
    # mentor_path, which named the program mentord ran, still loads.
    rc, _, err = check("--config", conf, "-t", "--mentor-path",
                       str(tmp_path / "nomentor"))
    assert rc == 0 and err == ("mentord: warning: mentor_path is no longer "
                               "used: mentord runs mentor's code itself\n")
    # No mail program.
    rc, _, err = check("--config", conf, "-t", "--mail-command",
                       "/usr/sbin/no-sendmail -t -i")
    assert rc == 1 and "mail_command: /usr/sbin/no-sendmail: No such " \
        "file or directory" in err
    rc, _, err = check("--config", conf, "-t", "--mail-command",
                       "FOO=1 exec no-such-mailer -t")
    assert rc == 1 and 'no program "no-such-mailer" in PATH' in err
    # Ports and addresses.
    rc, _, err = check("--config", conf, "-t", "--port", "70000")
    assert rc == 1 and 'port: "70000" is not a port number from 0 to ' \
        '65535' in err
    rc, _, err = check("--config", conf, "-t", "--listen", "192.0.2.1")
    assert rc == 1 and "listen 192.0.2.1: not an address of this host" in err
    with open(conf, "a") as f:
        f.write("colour = blue\n")
    rc, _, err = check("--config", conf, "-t")
    assert rc == 1 and 'unknown setting "colour"' in err


def test_check_config_sees_the_account(service_state_dir, tmp_path):
    """Run as the service's account: a low port needs the capability, and
    a file root left in the state directory is named, with its fix; run
    as root, the check is made for the directory's owner."""
    state = service_state_dir
    conf = good_config(os.path.join(os.path.dirname(state), "mentord.conf"),
                       state)
    assert check("--config", conf, "-t", user=NOBODY)[0] == 0
    assert check("--config", conf, "-t")[0] == 0
    rc, _, err = check("--config", conf, "-t", "--port", "22", user=NOBODY)
    assert rc == 1 and "port 22: a port below 1024 needs root or the " \
        "capability CAP_NET_BIND_SERVICE" in err
    stray = os.path.join(state, "mentorboard.db-wal")
    open(stray, "w").close()  # root's, as an older mentor --local made
    for user in (NOBODY, None):
        rc, _, err = check("--config", conf, "-t", user=user)
        assert rc == 1 and (f"{stray} belongs to root, not to nobody, the "
                            "state directory's owner: chown nobody "
                            f"{stray}") in err, err
    os.unlink(stray)
    # The service's account checking a directory of root's.
    rc, _, err = check("--config", conf, "-t", "--state-dir",
                       str(tmp_path), user=NOBODY)
    assert rc == 1, err


def test_mentord_does_not_start_on_a_problem(tmp_path):
    """mentord runs the same checks before it serves: a problem, and it
    says so and exits 1 without listening."""
    r = subprocess.run([MENTORD, "--state-dir", str(tmp_path / "state"),
                        "--port", "0",
                        "--mail-command", "/nonexistent/sendmail -t"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 1
    assert "mail_command: /nonexistent/sendmail: No such file or " \
        "directory" in r.stderr
    assert "not starting: 1 problem above (mentord -t checks)" in r.stderr
    assert "listening on" not in r.stderr


def test_check_config_names_a_set_user_id_mail_program(tmp_path):
    """A set-user-ID mail program loses its rights under NoNewPrivileges:
    mentord -t warns of it, and fails when it runs so itself (as under the
    systemd unit)."""
    program = tmp_path / "sendmail"
    shutil.copy("/bin/true", program)
    os.chmod(program, 0o4755)
    os.chmod(tmp_path, 0o755)
    conf = good_config(tmp_path / "mentord.conf", str(tmp_path / "state"),
                       mail_command=f"{program} -t -i")
    rc, _, err = check("--config", conf, "-t")
    assert rc == 0, err
    assert (f"mentord: warning: mail_command: {program} is set-user-ID or "
            "set-group-ID, which NoNewPrivileges (the systemd unit's "
            "sandbox) takes away") in err
    r = subprocess.run(["setpriv", "--no-new-privs", MENTORD, "--config",
                        conf, "-t"], capture_output=True, text=True)
    assert r.returncode == 1
    assert f"mentord: mail_command: {program} is set-user-ID" in r.stderr
