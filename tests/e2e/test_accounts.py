"""Accounts: registration with e-mail verification, password and key login,
reset, limits on failed logins, and the privacy of names."""

import json
import os
import re
import subprocess
import threading
import time

import pytest

from conftest import Board, limit, logged_waits, wait_until

PW = "correct horse battery"


def register_cmd(board, username, email=None, first="Zoë",
                 last="Müller-Lüdenscheidt", fields=("Computer Science",),
                 password=PW, accept=True):
    args = ["register", "--username", username,
            "--email", email or f"{username}@example.org",
            "--first", first, "--last", last]
    for f in fields:
        args += ["--field", f]
    if accept:
        args.append("--accept-privacy")
    quoted = [a if re.fullmatch(r"[\w@.+-]+", a) else
              "'" + a.replace("'", "'\\''") + "'" for a in args]
    return board.ssh("guest", *quoted, input=(password + "\n").encode())


def test_register_through_form_verify_by_deep_link(board, term_factory):
    t = term_factory("guest", "register", rows=30)
    t.wait_for("One form for mentors and mentees")
    t.send("zoe\t")
    t.send("zoe@example.org\t")
    t.send("Zoë\t")
    t.send("Müller-Lüdenscheidt\t")
    t.send("Computer")      # letters jump in the list of fields
    t.send(" \t")
    t.send(PW + "\t" + PW + "\t")
    t.send("\t ")           # past the privacy button, tick consent
    t.send("\x13")          # Ctrl-S
    t.wait_for("Welcome, Zoë! Your account zoe is ready")
    mail = board.mails()[-1]
    assert "To: zoe@example.org" in mail
    assert "Subject: Confirm your e-mail address for Mentorboard" in mail
    code = board.last_code("zoe@example.org")
    assert f"ssh -t -p {board.port} zoe@localhost verify {code}" in mail
    # The account is unverified: the member sees only the verify screen.
    r = board.member("zoe", PW, "keys", "list")
    assert r.returncode == 1
    assert "confirm your e-mail address first" in r.stderr.decode()
    # The deep link from the mail, with a terminal.
    v = term_factory("zoe", "verify", code, password=PW)
    v.wait_for("your address is confirmed")
    v.wait_for("My account")
    v.send("q")
    assert v.wait_exit() == 0
    r = board.member("zoe", PW, "whoami", "--json")
    me = json.loads(r.stdout)
    assert me["username"] == "zoe"
    assert me["display_name"] == "Zoë M."
    assert me["email"] == "zoe@example.org"
    assert me["verified"] is True
    assert me["fields_of_study"] == ["Computer Science"]


def test_register_form_errors_keep_input(board, term_factory):
    t = term_factory("guest", "register", rows=30)
    t.wait_for("One form for mentors and mentees")
    t.send("Bad Name\t")
    t.send("not-an-address\t")
    t.send("\x13")
    t.wait_for("Please correct the marked fields")
    t.wait_for("may hold only a-z, 0-9, _ and -")
    # What was typed is still there.
    assert "Bad Name" in t.text()
    assert "not-an-address" in t.text()


def test_unverified_member_sees_only_verify_screen(board, term_factory):
    r = register_cmd(board, "uma")
    assert r.returncode == 0, r.stderr
    assert b"A code is on its way" in r.stdout
    t = term_factory("uma", password=PW)
    t.wait_for("Confirm your e-mail address")
    t.wait_for("Send me a new code")
    assert "My account" not in t.text()
    t.send("\x1b")  # Esc: q would be typed into the code field
    assert t.wait_exit() == 0
    # Commands: only verify, resend, change-email and the harmless ones.
    for cmd in (("keys", "list"), ("password",)):
        r = board.member("uma", PW, *cmd)
        assert r.returncode == 1
        assert b"confirm your e-mail address first" in r.stderr
    r = board.member("uma", PW, "whoami")
    assert r.stdout.decode().startswith("uma\n")
    assert "e-mail confirmed: no" in r.stdout.decode()


def test_resend_is_rate_limited_and_change_email(board):
    assert register_cmd(board, "rita").returncode == 0
    r = board.member("rita", PW, "resend")
    assert r.returncode == 1
    assert b"try again in" in r.stderr
    before = len(board.mails())
    r = board.member("rita", PW, "change-email", "rita@example.net")
    assert r.returncode == 1, "the rate limit holds for a new address too"
    with board.db() as db:
        db.execute("UPDATE code SET created_at = created_at - 120")
    r = board.member("rita", PW, "change-email", "rita@example.net")
    assert r.returncode == 0, r.stderr
    assert len(board.mails()) == before + 1
    code = board.last_code("rita@example.net")
    r = board.member("rita", PW, "verify", code)
    assert r.returncode == 0, r.stderr


def test_expired_and_reused_codes_refused(board):
    assert register_cmd(board, "eve").returncode == 0
    code = board.last_code("eve@example.org")
    with board.db() as db:
        db.execute("UPDATE code SET expires_at = 1")
    r = board.member("eve", PW, "verify", code)
    assert r.returncode == 1
    assert b"expired" in r.stderr
    with board.db() as db:
        db.execute("UPDATE code SET created_at = created_at - 120")
    assert board.member("eve", PW, "resend").returncode == 0
    code = board.last_code("eve@example.org")
    r = board.member("eve", PW, "verify", "AAAAA-AAAAA")
    assert r.returncode == 1 and b"wrong code" in r.stderr
    assert board.member("eve", PW, "verify", code).returncode == 0
    # A reset code works once.
    assert board.ssh("guest", "reset-request", "eve").returncode == 0
    reset = board.last_code("eve@example.org")
    assert reset != code
    r = board.ssh("guest", "reset", reset, input=b"another fine password\n")
    assert r.returncode == 0, r.stderr
    r = board.ssh("guest", "reset", reset, input=b"a third fine password\n")
    assert r.returncode == 1
    assert b"expired or was used" in r.stderr


def test_wrong_code_attempts_limited(board):
    assert register_cmd(board, "walt").returncode == 0
    code = board.last_code("walt@example.org")
    for _ in range(limit("CODE_MAX_ATTEMPTS")):
        r = board.member("walt", PW, "verify", "ZZZZZ-ZZZZZ")
        assert r.returncode == 1
    r = board.member("walt", PW, "verify", code)
    assert r.returncode == 1, "after too many wrong tries the code is dead"
    assert b"expired" in r.stderr


def test_password_and_key_login(board, keypair):
    board.add_user("alice")
    r = board.member("alice", PW, "whoami")
    assert r.returncode == 0 and r.stdout.startswith(b"alice\n")
    key, pub = keypair
    r = board.with_key("alice", key, "whoami")
    assert r.returncode == 255, "no key added yet"
    r = board.member("alice", PW, "keys", "add", input=pub.encode())
    assert r.returncode == 0, r.stderr
    assert b"1 key added" in r.stdout
    r = board.with_key("alice", key, "whoami")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(b"alice\n")
    # Fingerprints as OpenSSH prints them.
    fp = subprocess.run(["ssh-keygen", "-lf", key + ".pub"],
                        capture_output=True, text=True).stdout.split()[1]
    r = board.with_key("alice", key, "keys", "list")
    assert fp in r.stdout.decode()
    assert "tester@laptop" in r.stdout.decode()
    # The same key cannot log in as anyone else.
    board.add_user("bob", first="Bob", last="Builder")
    assert board.with_key("bob", key, "whoami").returncode == 255
    # And it cannot be added to a second account, with an answer that
    # does not tell it is someone's (public keys are public).
    r = board.member("bob", PW, "keys", "add", input=pub.encode())
    assert r.returncode == 1 and b"cannot be used here" in r.stderr
    assert b"account" not in r.stderr
    r = board.with_key("alice", key, "keys", "add", input=pub.encode())
    assert r.returncode == 1 and b"on your account already" in r.stderr
    r = board.with_key("alice", key, "keys", "remove", fp)
    assert r.returncode == 0
    assert board.with_key("alice", key, "whoami").returncode == 255


def test_key_only_account_keeps_its_last_key(board, keypair, tmp_path):
    key, pub = keypair
    (tmp_path / "one.pub").write_text(pub)
    board.add_user("kora", password=None, key=str(tmp_path / "one.pub"))
    fp = subprocess.run(["ssh-keygen", "-lf", key + ".pub"],
                        capture_output=True, text=True).stdout.split()[1]
    r = board.with_key("kora", key, "keys", "remove", fp)
    assert r.returncode == 1
    assert "only way to log in" in r.stderr.decode()
    assert board.with_key("kora", key, "whoami").returncode == 0
    r = board.with_key("kora", key, "keys", "remove", "SHA256:nothere")
    assert r.returncode == 1 and b"you have no key" in r.stderr
    assert fp in board.with_key("kora", key, "keys", "list",
                                "--json").stdout.decode()


def test_bad_keys_refused(board, tmp_path):
    board.add_user("kim")
    for text, why in ((b"ssh-ed25519 notbase64!!\n", b"does not decode"),
                      (b"ssh-dss AAAAB3NzaC1kc3MAAACBAP== x\n",
                       b"unsupported key type"),
                      (b"hello\n", b"expected a line"),
                      (b"\n", b"no key found")):
        r = board.member("kim", PW, "keys", "add", input=text)
        assert r.returncode == 1, text
        assert why in r.stderr, r.stderr
    small = tmp_path / "rsa1024"
    subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "1024", "-N", "",
                    "-f", str(small)], check=True)
    r = board.member("kim", PW, "keys", "add",
                     input=(tmp_path / "rsa1024.pub").read_bytes())
    assert r.returncode == 1 and b"2048 bits" in r.stderr


def test_wrong_password_and_unknown_user_look_alike(board):
    board.add_user("alice")
    wrong = board.member("alice", "not the password")
    unknown = board.member("nobody-here", "not the password")
    assert wrong.returncode == unknown.returncode == 255
    strip = lambda e: re.sub(rb"^\S+@", b"", e.stderr)
    assert strip(wrong) == strip(unknown)
    assert b"Permission denied" in wrong.stderr


def test_password_change_and_reset(board):
    board.add_user("carl", first="Carl", last="Castle")
    r = board.member("carl", PW, "password",
                     input=b"wrong old one\nnew password here\n")
    assert r.returncode == 1 and b"current password is wrong" in r.stderr
    r = board.member("carl", PW, "password", input=f"{PW}\nshort\n".encode())
    assert r.returncode == 1 and b"at least 10" in r.stderr
    r = board.member("carl", PW, "password",
                     input=f"{PW}\nnew password here\n".encode())
    assert r.returncode == 0, r.stderr
    assert board.member("carl", PW).returncode == 255
    assert board.member("carl", "new password here", "whoami").returncode == 0
    # Forgotten: a code by mail, then a new password.
    r = board.ssh("guest", "reset-request", "carl@example.org")
    assert r.returncode == 0
    r2 = board.ssh("guest", "reset-request", "no-such-user")
    assert r2.returncode == 0 and r2.stdout == r.stdout, \
        "the answer does not tell whether the account exists"
    code = board.last_code("carl@example.org")
    r = board.ssh("guest", "reset", code, input=b"brand new password\n")
    assert r.returncode == 0, r.stderr
    assert board.member("carl", "brand new password", "whoami").returncode == 0
    assert board.member("carl", "new password here").returncode == 255


def test_reset_through_screen(board, term_factory):
    board.add_user("dora", first="Dora", last="Dunn")
    assert board.ssh("guest", "reset-request", "dora").returncode == 0
    code = board.last_code("dora@example.org")
    t = term_factory("guest", "reset", code, rows=30)
    t.wait_for("Forgot your password?")
    t.send("a fresh password\ta fresh password\x13")
    t.wait_for("Your new password is set")
    assert board.member("dora", "a fresh password", "whoami").returncode == 0


SSHPROBE = os.environ.get("SSHPROBE") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "tests", "sshprobe")


def logins(board, user, passwords, source):
    """Try passwords for user on one connection from address source with
    the raw client; [(answered ok, milliseconds the server took)] each,
    every attempt answered."""
    r = subprocess.run([SSHPROBE, str(board.port), user,
                        *[f"password:{pw}" for pw in passwords]],
                       capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, PROBE_BIND=source))
    assert r.returncode == 0, r.stderr
    # "STEP ok MS" or "STEP refused MS"; a password may hold spaces.
    answers = [line.rsplit(" ", 2) for line in r.stdout.split("\n")
               if line.startswith("password:")]
    assert len(answers) == len(passwords), "connected: " + r.stdout
    return [(a[1] == "ok", int(a[2])) for a in answers]


def test_failed_logins_slow_the_address_not_others(board):
    board.add_user("alice")
    board.add_user("bob", first="Bob", last="Builder")
    wrong = [f"wrong{i}" for i in range(limit("MAX_AUTH_TRIES"))]
    result = {}

    def attack():
        result["answers"] = logins(board, "alice", wrong, "127.0.0.2")

    th = threading.Thread(target=attack)
    th.start()
    # Meanwhile, once that address is made to wait, another member from
    # another address gets in at once: the server never made bob's
    # address wait (it logs every wait it imposes; a clock would measure
    # the machine's load too).
    wait_until(lambda: "127.0.0.2: waiting" in board.log_text(),
               what="the attacking address to be slowed")
    r = board.member("bob", PW, "whoami", source="127.0.0.1")
    th.join()
    assert r.returncode == 0
    assert logged_waits(board, "127.0.0.1") == []
    answers = result["answers"]
    assert not any(ok for ok, _ in answers)
    times = [ms for _, ms in answers]
    free = limit("AUTH_FREE_FAILURES")
    base = limit("AUTH_DELAY_BASE_MS")
    # Each answer after the free ones waits twice as long as the one
    # before.
    slowed = len(times) - free
    assert logged_waits(board, "127.0.0.2") == [
        base << i for i in range(slowed)]
    for i in range(free, len(times)):
        assert times[i] >= base << (i - free), times
    # The next connection from there starts slow, not afresh.
    [(ok, ms)] = logins(board, "alice", ["again"], "127.0.0.2")
    assert not ok and ms >= base << slowed
    assert logged_waits(board, "127.0.0.2")[-1] == base << slowed



def delay_ms(failures, cap_ms):
    """What a login waits after failures (login.c: doubling, capped)."""
    free = limit("AUTH_FREE_FAILURES")
    if failures < free:
        return 0
    return min(limit("AUTH_DELAY_BASE_MS") << (failures - free), cap_ms)


def failures_past(cap_ms):
    """Failures after which the doubling would be over twice cap_ms: a
    wait of cap_ms then is the cap, not the doubling."""
    failures = limit("AUTH_FREE_FAILURES")
    while delay_ms(failures, 1 << 62) <= 2 * cap_ms:
        failures += 1
    return failures


def test_owner_never_locked_out(board):
    """Failures from anywhere slow an account down by at most
    AUTH_USER_DELAY_MAX_MS: its owner still gets in."""
    board.add_user("alice")
    cap = limit("AUTH_USER_DELAY_MAX_MS")
    failures = failures_past(cap)
    # From two addresses, so that the name's count, not an address's,
    # sets the pace.
    half = failures // 2
    answers = logins(board, "alice", [f"bad{i}" for i in range(half)],
                     "127.0.0.3")
    answers += logins(board, "alice",
                      [f"bad{i}" for i in range(half, failures)],
                      "127.0.0.4")
    assert not any(ok for ok, _ in answers)
    for i, (_, ms) in enumerate(answers):
        assert ms >= delay_ms(i, cap), (i, answers)
    assert logged_waits(board, "127.0.0.4")[-1] == cap
    [(ok, ms)] = logins(board, "alice", [PW], "127.0.0.1")
    assert ok, "the owner gets in"
    assert ms >= cap and logged_waits(board, "127.0.0.1") == [cap]
    # And once in, the count is gone.
    [(ok, ms)] = logins(board, "alice", [PW], "127.0.0.1")
    assert ok and logged_waits(board, "127.0.0.1") == [cap]


def test_address_delay_capped(board):
    """However many failures an address has, its next attempt waits
    AUTH_ADDR_DELAY_MAX_MS, no longer."""
    cap = limit("AUTH_ADDR_DELAY_MAX_MS")
    # Reaching the count by hand takes minutes: write it as login.c does.
    with board.db() as db:
        db.execute("INSERT INTO auth_failure (scope, subject, failures, "
                   "last_at) VALUES ('addr', '127.0.0.5', ?, "
                   "CAST(strftime('%s', 'now') AS INTEGER))",
                   (failures_past(cap),))
    [(ok, ms)] = logins(board, "nobody2", ["wrong"], "127.0.0.5")
    assert not ok
    assert ms >= cap and logged_waits(board, "127.0.0.5") == [cap], ms


def test_attempts_per_connection_and_name_binding(board):
    board.add_user("alice")
    probe = SSHPROBE
    steps = [f"password:bad{i}" for i in range(limit("MAX_AUTH_TRIES"))]
    steps.append(f"password:{PW}")
    out = subprocess.run([probe, str(board.port), "alice", *steps],
                         capture_output=True, text=True, timeout=60).stdout
    assert out.strip().split("\n")[-1].startswith(f"password:{PW} refused"), \
        "the right password after six failures gets no chance"
    # A name bound first cannot be swapped for another.
    out = subprocess.run([probe, str(board.port), "mallory", "none",
                          f"passwordas:alice:{PW}"],
                         capture_output=True, text=True, timeout=60).stdout
    assert f"passwordas:alice:{PW} refused" in out


def test_admin_user_add_refuses_bad_input(board):
    r = board.admin("user", "add", "x", "--email", "a@b.cd", "--first", "A",
                    "--last", "B", "--password-stdin", input=b"whatever123\n")
    assert r.returncode == 1 and b"must be 3 to 32" in r.stderr
    r = board.admin("user", "add", "okname", "--email", "bad", "--first",
                    "A", "--last", "B", "--password-stdin",
                    input=b"whatever123\n")
    assert r.returncode == 1 and b"not an e-mail address" in r.stderr
    r = board.admin("user", "add", "okname", "--email", "a@b.cd", "--first",
                    "A", "--last", "B", "--field", "Alchemy",
                    "--password-stdin", input=b"whatever123\n")
    assert r.returncode == 1 and b"unknown field of study" in r.stderr
    r = board.admin("user", "add", "okname", "--email", "a@b.cd", "--first",
                    "A", "--last", "B")
    assert r.returncode == 2 and b"--password-stdin or --key" in r.stderr
    board.add_user("alice")
    r = board.admin("user", "add", "alice", "--email", "z@b.cd", "--first",
                    "A", "--last", "B", "--password-stdin",
                    input=b"whatever1234\n")
    assert r.returncode == 1 and b"taken" in r.stderr
    r = board.admin("user", "list")
    assert r.returncode == 0 and b"alice" in r.stdout
    assert b"Alice Z." in r.stdout


def test_names_hidden_in_look_alikes_are_refused(board):
    """A zero-width space makes "An\u200bna" look like Anna, a Hangul filler
    a blank name: registration and mentord user add refuse them and say
    which character; a real name of any script is taken."""
    r = register_cmd(board, "anna", first="An\u200bna")
    assert r.returncode == 1
    err = r.stderr.decode()
    assert "invisible character (U+200B)" in err, err
    assert "letters, spaces, hyphens and apostrophes" in err, err
    r = board.admin("user", "add", "blank", "--email", "b@example.org",
                    "--first", "Bo", "--last", "\u3164",
                    "--password-stdin", input=b"whatever1234\n")
    assert r.returncode == 1 and b"U+3164" in r.stderr, r.stderr
    r = register_cmd(board, "anna", first="Anna2")
    assert r.returncode == 1 and '"2" (U+0032)' in r.stderr.decode()
    # Nothing was made of the refused ones; a real name goes through.
    assert b"blank" not in board.admin("user", "list").stdout
    r = register_cmd(board, "anna", first="Anna-Lena", last="O\u2019Brien")
    assert r.returncode == 0, r.stderr


HOSTILE = [
    "\x1b[2J\x1b[31mred",
    "a\x07bell",
    "new\nline",
    "tab\there",
    "\u202eevil",
    "x" * 10_000,
]


@pytest.mark.parametrize("field", ["--username", "--email", "--first",
                                   "--last", "--field"])
def test_hostile_registration_input(board, field):
    for value in HOSTILE:
        kw = {"username": "hostile", "email": "hostile@example.org",
              "first": "Ann", "last": "Lee", "fields": ("Law",)}
        key = field[2:]
        if key == "field":
            kw["fields"] = (value,)
        else:
            kw[key] = value
        r = register_cmd(board, **kw)
        assert r.returncode in (1, 2), (field, value[:20], r)
        err = r.stderr.decode("utf-8", "replace")
        assert err.startswith("mentor: ") and err.count("\n") == 1, err
        assert "\x1b" not in err and "\x07" not in err
    # Invalid UTF-8 in a name.
    r = board.ssh("guest", b"register --username ivy --email ivy@example.org "
                  b"--first \xff\xfe --last Lee --field Law --accept-privacy",
                  input=PW.encode() + b"\n")
    assert r.returncode == 1 and b"valid UTF-8" in r.stderr
    # The board still serves.
    assert board.ssh("guest", "version").returncode == 0


def test_hostile_keys_in_form(board, term_factory):
    t = term_factory("guest", "register", rows=30)
    t.wait_for("One form for mentors and mentees")
    t.send("ab\x1b[31mcd\x07ef")
    t.wait_for("ab[31mcdef")  # ESC and BEL never reach the value
    assert "\x1b" not in t.text()


def test_mail_failure_keeps_account(tmp_path):
    """The answer does not wait for the mail command; its failure is the
    log's, and the mail stays queued for another try."""
    b = Board(str(tmp_path), extra_args=("--mail-command", "exit 3"))
    try:
        r = register_cmd(b, "mia")
        assert r.returncode == 0, r.stderr
        wait_until(lambda: "mail command exited with status 3" in
                   b.log_text(), what="the failed try in the log")
        assert (f"(try 1 of {limit('MAIL_QUEUE_TRIES_MAX')}, again in "
                f"{limit('MAIL_QUEUE_RETRY_SECONDS')} s)") in b.log_text()
        r = b.member("mia", PW, "whoami")
        assert r.returncode == 0, "the account exists"
        with b.db() as db:
            assert db.execute("SELECT failures FROM mail_queue").fetchall() \
                == [(1,)]
    finally:
        b.stop()


def test_mail_waits_for_no_answer(tmp_path):
    """A mail command that cannot end yet: reset-request answers for a
    member as for a name nobody has, without waiting for it (what it
    costs does not tell that the account exists), registration does not
    wait for it either, and the mail arrives afterwards."""
    mail = tmp_path / "slow.out"
    # The mail command ends only once the test makes this file: no
    # command that answered before waited for it, however loaded the
    # machine (a clock would measure the load too).
    release = tmp_path / "release"
    b = Board(str(tmp_path), extra_args=(
        "--mail-command",
        f"sh -c 'while [ ! -e {release} ]; do sleep 0.1; done; "
        f"cat >> {mail}'"))
    try:
        b.add_user("kim", email="kim@example.org")
        for who in ("kim", "nobody-here", "kim@example.org"):
            if who == "kim@example.org":
                b.set_clock(limit("MAIL_MIN_INTERVAL") + 1)  # kim again
            r = b.ssh("guest", "reset-request", who)
            assert r.returncode == 0, r.stderr
        assert register_cmd(b, "lea").returncode == 0
        assert not mail.exists()
        release.touch()
        wait_until(lambda: mail.exists() and
                   mail.read_text().count("To: kim@example.org") == 2 and
                   "To: lea@example.org" in mail.read_text(),
                   timeout=20, what="the queued mails")
        assert mail.read_text().count("From: ") == 3, "none to nobody"
    finally:
        b.stop()


def test_privacy_of_another_member(board, term_factory):
    """Anna, a mentor with a full profile, is "Anna K." wherever another
    person meets her, guest or member, on a screen or in a command: her
    surname, e-mail address and user name never show."""
    board.add_user("annak", first="Anna", last="Kowalczyk",
                   email="anna.k@example.org",
                   fields=("Physics", "Computer Science"))
    for cmd, stdin in ((("roles", "set", "'Career entry'", "mentor", "on"),
                        None),
                       (("roles", "set", "Leadership", "mentor", "on"), None),
                       (("profile", "set", "--industry", "Software",
                         "--position", "Lead", "--languages", "German",
                         "--capacity", "2", "--help-text-stdin"),
                        b"Interviews and CV reviews for a first job.")):
        r = board.member("annak", PW, *cmd, input=stdin)
        assert r.returncode == 0, (cmd, r.stderr)
    board.add_user("bert", first="Bert", last="Brown",
                   email="bert@example.org", fields=("Physics",))
    assert board.member("bert", PW, "roles", "set", "'Career entry'",
                        "mentee", "on").returncode == 0
    assert board.member("bert", PW, "application", "set", "goals",
                        input=b"Find my first job in research.")\
        .returncode == 0
    hits = json.loads(board.member("bert", PW, "search", "--json").stdout)
    assert [h["display_name"] for h in hits] == ["Anna K."]
    anna = str(hits[0]["id"])

    shown = {}      # where Anna is shown: "Anna K." must be there
    refused = {}    # what a guest may not ask for
    commands = (("search",), ("search", "--json"), ("search", "Anna"),
                ("search", "interviews", "--json"), ("suggest",),
                ("suggest", "--json"), ("mentor", anna),
                ("mentor", anna, "--json"))
    for cmd in commands:
        r = board.member("bert", PW, *cmd)
        assert r.returncode == 0, (cmd, r.stderr)
        shown["member: " + " ".join(cmd)] = r.stdout.decode() + \
            r.stderr.decode()
        r = board.ssh("guest", *cmd)
        text = r.stdout.decode() + r.stderr.decode()
        if cmd[0] == "search":
            assert r.returncode == 0, (cmd, r.stderr)
            shown["guest: " + " ".join(cmd)] = text
        else:
            assert r.returncode != 0, cmd
            refused["guest: " + " ".join(cmd)] = text
    # Searching for what is hidden finds nothing.
    for secret in ("Kowalczyk", "annak", "anna.k@example.org"):
        r = board.member("bert", PW, "search", "--json", f"'{secret}'")
        assert r.returncode == 0 and json.loads(r.stdout) == [], secret

    # Screens: the guest's results list and what Enter on it says.
    t = term_factory("guest", "search", rows=30)
    t.wait_for("Anna K.")
    shown["guest: search screen"] = t.text()
    t.send("\r\r")
    t.wait_for("Register to see more about this mentor")
    refused["guest: Enter on a result"] = t.text()
    # The member's suggestions, results list and the detail screen.
    t = term_factory("bert", "search", rows=30, password=PW)
    t.wait_for("Suggested for you")
    t.wait_for(re.compile(r"Anna K\.(.|\n)*Anna K\."))
    shown["member: suggestions and results"] = t.text()
    t.send("\r\r")
    t.wait_for("How I can help")
    t.wait_for("Interviews and CV reviews")
    shown["member: mentor detail screen"] = t.text()

    for where, text in list(shown.items()) + list(refused.items()):
        for secret in ("Kowalczyk", "anna.k@example.org", "annak"):
            assert secret not in text, (where, secret, text)
    for where, text in shown.items():
        assert "Anna K." in text, (where, text)


def test_reset_does_not_confirm_a_changed_address(board):
    """A reset code confirms the address it went to, not one set later."""
    assert register_cmd(board, "vic").returncode == 0
    assert board.ssh("guest", "reset-request", "vic").returncode == 0
    reset = board.last_code("vic@example.org")
    with board.db() as db:
        db.execute("UPDATE code SET created_at = created_at - 120")
    r = board.member("vic", PW, "change-email", "victim@example.net")
    assert r.returncode == 0, r.stderr
    r = board.ssh("guest", "reset", reset, input=b"a brand new password\n")
    assert r.returncode == 1, "the address changed: the reset code died"
    # A verification code sent to the old address does not work either.
    old = board.mails()[0]
    code = re.search(r"\b[0-9A-Z]{5}-[0-9A-Z]{5}\b", old).group(0)
    r = board.member("vic", PW, "verify", code)
    assert r.returncode == 1
    r = board.member("vic", PW, "whoami")
    assert "e-mail confirmed: no" in r.stdout.decode()


def test_failed_mail_keeps_the_code_one_has(tmp_path):
    flag = tmp_path / "nomail"
    b = Board(str(tmp_path), extra_args=(
        "--mail-command",
        f"test -e {flag} && exit 1; cat >> {tmp_path}/mail.out"))
    try:
        assert register_cmd(b, "kim").returncode == 0
        code = b.last_code("kim@example.org")
        flag.write_text("")
        with b.db() as db:
            db.execute("UPDATE code SET created_at = created_at - 120")
        r = b.member("kim", PW, "resend")
        assert r.returncode == 0, r.stderr
        wait_until(lambda: "mail command exited with status 1" in
                   b.log_text(), what="the failed try")
        r = b.member("kim", PW, "verify", code)
        assert r.returncode == 0, r.stderr
    finally:
        b.stop()


def test_registrations_per_address_limited(board):
    """Answers about names (an account made, or a name found taken) are
    counted per address: they come slower and slower, and past the limit
    not at all, so names cannot be probed cheaply."""
    most = limit("REGISTER_MAX_PER_SOURCE")
    r = register_cmd(board, "user00")
    assert r.returncode == 0, r.stderr
    r = register_cmd(board, "user00", email="other@example.org")
    assert r.returncode == 1 and b"is taken" in r.stderr
    for i in range(2, most):
        start = time.monotonic()
        r = register_cmd(board, "user00", email=f"o{i}@example.org")
        took = time.monotonic() - start
        assert r.returncode == 1 and b"is taken" in r.stderr
    cap = limit("REGISTER_DELAY_MAX_MS")
    waits = [delay_ms(made, cap) for made in range(most)]
    assert took * 1000 >= waits[-1], took
    # Exact, as the server logged them (the clock adds the load).
    assert [int(ms) for ms in re.findall(
        r"127\.0\.0\.1: registration waits (\d+) ms",
        board.log_text())] == [ms for ms in waits if ms > 0]
    r = register_cmd(board, "onetoomany")
    assert r.returncode == 1
    assert b"too many attempts from your address" in r.stderr
    assert b"username" not in r.stderr, "not a field's fault"
