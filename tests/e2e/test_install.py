"""Installing and running the board as a Debian daemon: make install and
uninstall, the installed mentord serving with the installed mentor, the
systemd unit as systemd-analyze sees it (and its system call filter
against what a working board calls), the man pages as mandoc reads them,
and the README's own commands for running it for real."""

import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from conftest import (ROOT, SANITIZED, Board, Term, as_user, wait_until,
                      MENTORD)

PW = "correct horse battery"
NOBODY = (65534, 65534)
UNIT = "usr/local/lib/systemd/system/mentord.service"
# What make install PREFIX=/usr/local puts in DESTDIR (catalogs aside).
INSTALLED = [
    "usr/local/sbin/mentord",
    "usr/local/bin/mentor",
    "usr/local/share/man/man1/mentor.1",
    "usr/local/share/man/man5/mentord.conf.5",
    "usr/local/share/man/man8/mentord.8",
    "usr/local/share/doc/mentorboard/mentord.conf.example",
    UNIT,
]
CONFIG = "etc/mentorboard/mentord.conf"


def make(*args):
    """make in the source tree, not as part of the make running this test
    (its jobserver is not ours)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "-s", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


def open_tmpdir(prefix):
    """A temporary directory every account can reach (pytest's are root's
    alone), for the service's account."""
    top = tempfile.mkdtemp(prefix=prefix)
    os.chmod(top, 0o755)
    return top


def install_into(destdir):
    r = make("install", f"DESTDIR={destdir}", "PREFIX=/usr/local")
    assert r.returncode == 0, r.stdout + r.stderr
    return r


@pytest.fixture(scope="module")
def installed():
    """A DESTDIR with make install PREFIX=/usr/local in it."""
    if SANITIZED:
        pytest.skip("make install is tested on the normal build")
    top = open_tmpdir("mentorboard-install-")
    install_into(top)
    yield top
    shutil.rmtree(top)


def installed_tree(destdir):
    """The words that run a command in a mount namespace of its own where
    DESTDIR/usr/local is /usr/local: the installed files where they would
    be, on a host that may have none."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare for a mount namespace")
    words = ("unshare", "--mount", "--propagation", "private", "sh", "-c",
             'mount --bind "$0" /usr/local && exec "$@"',
             os.path.join(destdir, "usr/local"))
    if subprocess.run([*words, "true"]).returncode != 0:
        pytest.skip("no mount namespace here")
    return words


def test_man_pages_lint_clean():
    """Every man page passes mandoc -Tlint with every warning on."""
    pages = sorted(glob.glob(os.path.join(ROOT, "man", "*.[158]")))
    assert len(pages) >= 3, pages
    for page in pages:
        r = subprocess.run(["mandoc", "-Tlint", "-Wall", page],
                           capture_output=True, text=True)
        assert r.returncode == 0 and not (r.stdout + r.stderr).strip(), \
            f"{page}:\n{r.stdout}{r.stderr}"


def test_install_and_uninstall():
    """make install puts programs, man pages, catalogs, the example
    configuration and the unit in place, and the configuration only if
    there is none; make uninstall takes all but the configuration away."""
    if SANITIZED:
        pytest.skip("make install is tested on the normal build")
    top = open_tmpdir("mentorboard-install-")
    try:
        r = install_into(top)
        for path in INSTALLED + [CONFIG]:
            assert os.path.isfile(os.path.join(top, path)), path
        for program in ("usr/local/sbin/mentord", "usr/local/bin/mentor"):
            assert os.access(os.path.join(top, program), os.X_OK)
        catalogs = []
        for po in sorted(glob.glob(os.path.join(ROOT, "po", "*.po"))):
            lang = os.path.basename(po)[:-3]
            catalogs.append(f"usr/local/share/locale/{lang}/LC_MESSAGES/"
                            "mentorboard.mo")
            assert os.path.isfile(os.path.join(top, catalogs[-1]))
        with open(os.path.join(top, UNIT)) as f:
            unit = f.read()
        assert ("ExecStart=/usr/local/sbin/mentord --config "
                "/etc/mentorboard/mentord.conf") in unit
        assert "@" not in re.sub(r"(?m)^#.*$|@system-service|@privileged",
                                 "", unit)
        with open(os.path.join(ROOT, "etc", "mentord.conf.example")) as f:
            example = f.read()
        with open(os.path.join(top, CONFIG)) as f:
            assert f.read() == example
        # Installing again keeps the operator's settings.
        with open(os.path.join(top, CONFIG), "w") as f:
            f.write("port = 22\n")
        r = install_into(top)
        assert "kept" in r.stdout
        with open(os.path.join(top, CONFIG)) as f:
            assert f.read() == "port = 22\n"
        r = make("uninstall", f"DESTDIR={top}", "PREFIX=/usr/local")
        assert r.returncode == 0, r.stderr
        for path in INSTALLED + catalogs:
            assert not os.path.exists(os.path.join(top, path)), path
        assert os.path.isfile(os.path.join(top, CONFIG))
        left = [os.path.relpath(os.path.join(d, f), top)
                for d, _, files in os.walk(top) for f in files]
        assert left == [CONFIG], left
    finally:
        shutil.rmtree(top)


def test_installed_mentord_serves_with_the_installed_mentor(installed):
    """The installed mentord, on a host where the installed files are at
    /usr/local (a mount namespace), serves a command and a screen
    (mentor's code is mentord's own: no mentor program to find)."""
    words = installed_tree(installed)
    assert not os.path.exists(
        os.path.join(installed, "usr/local/sbin/mentor"))
    state = tempfile.mkdtemp(prefix="mentorboard-installed-")
    try:
        r = subprocess.run([*words, "/usr/local/sbin/mentord",
                            "check-config", "--state-dir", state,
                            "--mail-command", "cat >/dev/null"],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        b = Board(state, mentord="/usr/local/sbin/mentord", prefix=words)
        try:
            r = b.ssh("guest", "version")
            assert r.returncode == 0, r.stderr.decode() + b.log_text()
            assert b"0.1.0" in r.stdout
            t = Term(b.ssh_args("guest", tty=True))
            try:
                t.wait_for("How it works")
                t.send("q")
                assert t.wait_exit() == 0
            finally:
                t.close()
        finally:
            b.stop()
    finally:
        shutil.rmtree(state)


def readme_block(heading):
    """The first indented code block under a README heading, its lines
    with continuations joined, as a shell would read them."""
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    section = text.split(heading + "\n", 1)[1]
    lines, block = [], re.search(r"(?m)((?:^    .*\n)+)", section).group(1)
    for line in block.splitlines():
        line = line[4:]
        if lines and lines[-1].endswith("\\"):
            lines[-1] = lines[-1][:-1].rstrip() + " " + line.strip()
        else:
            lines.append(line)
    return lines


def test_readme_running_it_for_real(installed, tmp_path):
    """The README's commands for running it for real, as written, on the
    installed files: the example configuration (with this test's state
    directory, port and mail), mentord -t, user add sysop with a key as
    root on the service's state directory, the service as that account,
    and the sysop's ssh."""
    words = installed_tree(installed)
    lines = readme_block("## Running it for real")
    wanted = ["make && make install", "adduser ", "mentord -t --config ",
              "systemctl ", "mentord --config ", "ssh -p 2222 sysop@"]
    for start in wanted:
        assert any(line.startswith(start) for line in lines), (start, lines)
    top = open_tmpdir("mentorboard-readme-")
    try:
        state = os.path.join(top, "mentorboard")
        os.mkdir(state, 0o700)
        os.chown(state, *NOBODY)  # systemd's StateDirectory, the account's
        with open(os.path.join(installed, CONFIG)) as f:
            conf = f.read()
        conf = re.sub(r"(?m)^state_dir = /var/lib/mentorboard$",
                      f"state_dir = {state}", conf)
        conf = re.sub(r"(?m)^listen = ::$", "listen = 127.0.0.1", conf)
        conf = re.sub(r"(?m)^mail_command = .*$",
                      f"mail_command = cat >> {top}/mail.out", conf)
        conf_path = os.path.join(top, "mentord.conf")
        with open(conf_path, "w") as f:
            f.write(conf)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                        "-f", str(tmp_path / "id_ed25519")], check=True)
        os.chmod(tmp_path, 0o755)
        fill = {"/etc/mentorboard/mentord.conf": conf_path,
                "~/.ssh/id_ed25519.pub": str(tmp_path / "id_ed25519.pub"),
                "--email ...": "--email team@example.org",
                "--first ...": "--first Mentoring",
                "--last ...": "--last Team"}

        def as_written(line):
            for old, new in fill.items():
                line = line.replace(old, new)
            assert "..." not in line, line
            argv = shlex.split(line)
            assert argv[0] == "mentord"
            return [*words, "/usr/local/sbin/mentord", *argv[1:]]

        check = next(line for line in lines if line.startswith("mentord -t"))
        r = subprocess.run(as_written(check), capture_output=True,
                           text=True)
        assert r.returncode == 0, r.stderr
        add = next(line for line in lines
                   if line.startswith("mentord --config "))
        r = subprocess.run(as_written(add), capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert "created sysop" in r.stdout
        # The service, as its account; mentord -t at the start passed.
        b = Board(state, mentord="/usr/local/sbin/mentord", prefix=words,
                  user=NOBODY, extra_args=("--config", conf_path))
        try:
            ssh = next(line for line in lines if line.startswith("ssh "))
            assert shlex.split(ssh)[-1] == "sysop@localhost"
            r = b.with_key("sysop", str(tmp_path / "id_ed25519"), "admin",
                           "user", "list")
            assert r.returncode == 0, r.stderr.decode() + b.log_text()
            assert b"team@example.org" in r.stdout
        finally:
            b.stop()
    finally:
        shutil.rmtree(top)


def analyze(*args, prefix=()):
    return subprocess.run([*prefix, "systemd-analyze", *args],
                          capture_output=True, text=True, timeout=120)


def test_systemd_unit_verifies(installed):
    """systemd-analyze verify finds nothing wrong with the installed unit
    (its programs and man pages where the unit names them)."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("no systemd-analyze here")
    words = installed_tree(installed)
    r = analyze("verify", "/usr/local/lib/systemd/system/mentord.service",
                prefix=words)
    assert r.returncode == 0 and r.stdout + r.stderr == "", \
        r.stdout + r.stderr


def test_systemd_unit_security_score_as_the_readme_says(installed):
    """systemd-analyze security rates the unit's sandbox; the README quotes
    the figure."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("no systemd-analyze here")
    r = analyze("security", "--offline=yes", os.path.join(installed, UNIT))
    assert r.returncode == 0, r.stderr
    m = re.search(r"Overall exposure level for mentord\.service: "
                  r"(\d+\.\d) (\w+)", r.stdout)
    assert m, r.stdout
    score, word = float(m.group(1)), m.group(2)
    assert score <= 2.0 and word == "OK", r.stdout
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    assert f"mentord.service` rates it **{m.group(1)} {word}**" in readme


def syscall_groups():
    """{group: its members} as systemd-analyze syscall-filter lists them."""
    out = analyze("syscall-filter").stdout
    groups, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = groups.setdefault(line.split()[0], [])
        elif current is not None and line.strip() and \
                not line.strip().startswith("#"):
            current.append(line.strip())
    return groups


def expand(groups, name):
    found = set()
    for member in groups.get(name, ()):
        found |= expand(groups, member) if member.startswith("@") \
            else {member}
    return found


def test_sandbox_allows_what_the_board_does(installed, tmp_path):
    """A board at work as the service's account (a guest's command and
    screen with a search, a member's password login, a registration that
    mails its code through the shell) under strace: every system call it
    made, in every process, is one the unit's SystemCallFilter allows;
    it opens only the socket families the unit allows, and maps no memory
    both writable and executable (MemoryDenyWriteExecute)."""
    if shutil.which("strace") is None or \
            shutil.which("systemd-analyze") is None:
        pytest.skip("needs strace and systemd-analyze")
    if os.geteuid() != 0:
        pytest.skip("needs root, to run the board as another account")
    with open(os.path.join(installed, UNIT)) as f:
        unit = f.read()
    groups = syscall_groups()
    allowed, families = set(), set()
    for line in unit.splitlines():
        if line.startswith("SystemCallFilter=~"):
            for name in line.split("=~", 1)[1].split():
                allowed -= expand(groups, name) if name.startswith("@") \
                    else {name}
        elif line.startswith("SystemCallFilter="):
            for name in line.split("=", 1)[1].split():
                allowed |= expand(groups, name) if name.startswith("@") \
                    else {name}
        elif line.startswith("RestrictAddressFamilies="):
            families |= set(line.split("=", 1)[1].split())
    assert "openat" in allowed and "chown" not in allowed
    top = open_tmpdir("mentorboard-sandbox-")
    try:
        state = os.path.join(top, "state")
        os.mkdir(state, 0o700)
        os.chown(state, *NOBODY)
        r = subprocess.run([*as_user(*NOBODY), MENTORD, "--state-dir", state,
                            "user", "add", "alice", "--email",
                            "alice@example.org", "--first", "Alice",
                            "--last", "Li", "--password-stdin"],
                           input=(PW + "\n").encode(), capture_output=True)
        assert r.returncode == 0, r.stderr
        trace = os.path.join(top, "trace")
        b = Board(state, user=NOBODY,
                  prefix=("strace", "-f", "-qq", "-o", trace, "--"))
        try:
            assert b.ssh("guest", "version").returncode == 0
            assert b.member("alice", PW, "whoami").returncode == 0
            r = b.ssh("guest", "register", "--username", "bobby",
                      "--email", "bobby@example.org", "--first", "Bob",
                      "--last", "Li", "--field", "Physics",
                      "--accept-privacy", input=(PW + "\n").encode())
            assert r.returncode == 0, r.stderr
            wait_until(lambda: b.mails(), what="the code's mail")
            t = Term(b.ssh_args("guest", tty=True))
            try:
                t.wait_for("How it works")
                t.send("/")
                time.sleep(0.5)
                t.send("phys")
                time.sleep(0.5)
                t.send("\x1b")
                time.sleep(0.5)
                t.send("q")
                t.wait_exit()
            finally:
                t.close()
            # SIGTERM for mentord, not for strace (which would let go).
            listener = next(pid for pid, comm in b._processes()
                            if comm == "mentord")
            os.kill(listener, signal.SIGTERM)
            b.proc.wait(timeout=15)
        finally:
            b.stop()
        with open(trace) as f:
            lines = f.read().splitlines()
    finally:
        shutil.rmtree(top)
    # What setpriv did before it became mentord is not the board's.
    first = lines[0].split()[0]
    start = next(i for i, line in enumerate(lines)
                 if re.match(rf'{first}\s+execve\("{re.escape(MENTORD)}"',
                             line))
    called, sockets, wx = set(), set(), []
    for line in lines[start:]:
        m = re.match(r"\d+\s+(\w+)\(", line)
        if not m:
            continue
        called.add(m.group(1))
        s = re.match(r"\d+\s+socket\((AF_\w+)", line)
        if s:
            sockets.add(s.group(1))
        if re.match(r"\d+\s+(mmap|mprotect)\(", line) and \
                "PROT_WRITE" in line and "PROT_EXEC" in line:
            wx.append(line)
    assert {"execve", "openat", "socket", "flock"} <= called, called
    assert not (called - allowed), sorted(called - allowed)
    assert sockets and sockets <= families, sockets
    assert not wx, wx


def test_tells_systemd_when_it_listens(tmp_path):
    """Type=notify: with $NOTIFY_SOCKET, mentord sends READY=1 once it
    listens and STOPPING=1 when told to stop."""
    import socket
    path = str(tmp_path / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(15)
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    b = Board(str(state), env={"NOTIFY_SOCKET": path})
    try:
        msg = sock.recv(4096).decode()
        assert msg.startswith("READY=1\n"), msg
        assert "listening on" in b.log_text()
        assert b.ssh("guest", "version").returncode == 0
        b.proc.send_signal(signal.SIGTERM)
        msg = sock.recv(4096).decode()
        assert msg.startswith("STOPPING=1\n"), msg
    finally:
        b.stop()
        sock.close()
