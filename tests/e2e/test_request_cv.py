"""A request's CV over SFTP: requests/ID/cv.jpg is in the mentor's tree
while the request is open or accepted, byte for byte the CV the mentee's
own tree serves; nobody else lists or fetches anything of it; it is gone
once the request is declined, withdrawn or expired; each fetch is in the
audit log."""

import json
import subprocess
import time

from conftest import SSH_OPTIONS, wait_until
from test_profile import PW, jpeg, scp, sftp

AREA = "Career entry"
DAY = 24 * 3600


def with_key(board, user, tmp_path):
    """A member with a key of their own, for sftp and scp in batch mode."""
    board.add_user(user, first=user.capitalize(), last="Kowalski")
    key = tmp_path / f"id_{user}"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                    user, "-f", str(key)], check=True)
    r = board.member(user, PW, "keys", "add",
                     input=(tmp_path / f"id_{user}.pub").read_bytes())
    assert r.returncode == 0, r.stderr
    return str(key)


def run(board, user, key, *command, input=None):
    r = board.with_key(user, key, *command, input=input)
    assert r.returncode == 0, (command, r.stderr)
    return r


def user_id(board, user):
    with board.db() as db:
        return db.execute("SELECT id FROM user WHERE username = ?",
                          (user,)).fetchone()[0]


def setup_pair(board, tmp_path):
    """Maria mentors in AREA; Mel, a member with the four sections and a
    CV, is a mentee there and sends her a request.  Returns the keys and
    the request id."""
    maria = with_key(board, "maria", tmp_path)
    mel = with_key(board, "mel", tmp_path)
    run(board, "maria", maria, "roles", "set", f"'{AREA}'", "mentor", "on")
    run(board, "maria", maria, "profile", "set", "--industry", "Software",
        "--position", "Lead", "--languages", "English", "--capacity", "2",
        "--help-text-stdin", input=b"Reviews of CVs.")
    run(board, "mel", mel, "roles", "set", f"'{AREA}'", "mentee", "on")
    for section in ("my-data", "situation", "goals", "help"):
        run(board, "mel", mel, "application", "set", section,
            input=f"About {section}.".encode())
    issued = board.admin("codes", "issue", "--json", "--for", "mel")
    assert issued.returncode == 0, issued.stderr
    code = json.loads(issued.stdout)[0]["code"]
    run(board, "mel", mel, "membership", "redeem", code)
    r = scp(board, mel, jpeg(tmp_path / "mine.jpg", 400, 300, "--gps"),
            "mel@127.0.0.1:cv.jpg")
    assert r.returncode == 0, r.stderr
    return maria, mel, send_request(board)


def send_request(board):
    # `requests send MARIA --area AREA` once it is on main; until then the
    # row the command writes.
    with board.db() as db:
        area = db.execute("SELECT id FROM area WHERE name = ?",
                          (AREA,)).fetchone()[0]
        cur = db.execute(
            "INSERT INTO mentorship (mentee_id, mentor_id, area_id, state, "
            "message, sent_at) VALUES (?, ?, ?, 'open', 'Hello', ?)",
            (user_id(board, "mel"), user_id(board, "maria"), area,
             int(time.time())))
        return cur.lastrowid


def set_state(board, rid, state):
    with board.db() as db:
        db.execute("UPDATE mentorship SET state = ? WHERE id = ?",
                   (state, rid))


def listed(out):
    """The names an sftp batch printed, without its echoed commands."""
    return [line.strip() for line in out.decode().splitlines()
            if line.strip() and not line.startswith("sftp>")]


def cv_reads(board, actor):
    with board.db() as db:
        return db.execute(
            "SELECT subject_id, object_id FROM audit WHERE action = "
            "'read-cv' AND actor_id = ? ORDER BY id",
            (user_id(board, actor),)).fetchall()


def test_mentor_fetches_request_cv(board, tmp_path):
    maria, mel, rid = setup_pair(board, tmp_path)
    own = tmp_path / "own.jpg"
    r = sftp(board, mel, f"get cv.jpg {own}\n", user="mel")
    assert r.returncode == 0, r.stderr
    assert cv_reads(board, "maria") == []

    r = sftp(board, maria, "ls\nls requests\n", user="maria")
    assert r.returncode == 0, r.stderr
    assert listed(r.stdout) == ["export.json  requests",
                                f"requests/{rid}"]
    r = sftp(board, maria, f"ls -l requests/{rid}\n", user="maria")
    assert r.returncode == 0, r.stderr
    assert listed(r.stdout)[0].startswith("-r--------")
    assert listed(r.stdout)[0].endswith("cv.jpg")
    got = tmp_path / "got.jpg"
    r = sftp(board, maria, f"cd requests/{rid}\nget cv.jpg {got}\n",
             user="maria")
    assert r.returncode == 0, r.stderr
    assert got.read_bytes() == own.read_bytes()
    assert got.read_bytes()[:3] == b"\xff\xd8\xff"
    assert b"GPS" not in got.read_bytes(), "the stored, cleaned copy"
    # scp the same; each fetch recorded once, about Mel and the request.
    by_scp = tmp_path / "scp.jpg"
    r = scp(board, maria, f"maria@127.0.0.1:requests/{rid}/cv.jpg",
            str(by_scp))
    assert r.returncode == 0, r.stderr
    assert by_scp.read_bytes() == own.read_bytes()
    assert cv_reads(board, "maria") == [(user_id(board, "mel"), rid)] * 2
    # Read-only, whatever the client asks.
    r = sftp(board, maria, f"rm requests/{rid}/cv.jpg\n", user="maria")
    assert r.returncode != 0
    r = scp(board, maria, str(own), f"maria@127.0.0.1:requests/{rid}/cv.jpg")
    assert r.returncode != 0
    assert b"can only be read" in r.stderr
    r = sftp(board, maria, f"mkdir requests/{rid}/x\n", user="maria")
    assert r.returncode != 0
    # Her own tree is as it was: no CV of hers, and Mel's stays.
    r = sftp(board, maria, "get cv.jpg\n", user="maria")
    assert r.returncode != 0
    r = sftp(board, mel, f"get cv.jpg {tmp_path / 'again.jpg'}\n",
             user="mel")
    assert (tmp_path / "again.jpg").read_bytes() == own.read_bytes()

    # Accepted: still there.
    set_state(board, rid, "connected")
    r = sftp(board, maria, f"get requests/{rid}/cv.jpg {tmp_path}/c.jpg\n",
             user="maria")
    assert r.returncode == 0, r.stderr


def test_nobody_else_lists_or_fetches(board, tmp_path):
    maria, mel, rid = setup_pair(board, tmp_path)
    theo = with_key(board, "theo", tmp_path)
    for user, key in (("theo", theo), ("mel", mel)):
        r = sftp(board, key, "ls requests\n", user=user)
        assert r.returncode == 0, r.stderr
        assert listed(r.stdout) == [], user
        for command in (f"get requests/{rid}/cv.jpg {tmp_path}/x.jpg",
                        f"ls requests/{rid}", f"cd requests/{rid}"):
            r = sftp(board, key, command + "\n", user=user)
            assert r.returncode != 0, (user, command)
        r = scp(board, key, f"{user}@127.0.0.1:requests/{rid}/cv.jpg",
                str(tmp_path / "y.jpg"))
        assert r.returncode != 0, user
    assert not (tmp_path / "x.jpg").exists()
    assert not (tmp_path / "y.jpg").exists()
    # A guest has no SFTP at all.
    r = subprocess.run(
        ["sftp", *SSH_OPTIONS, "-o", "BatchMode=yes", "-P", str(board.port),
         "-b", "-", "guest@127.0.0.1"],
        input=f"ls requests\nget requests/{rid}/cv.jpg {tmp_path}/g.jpg\n"
        .encode(), capture_output=True, timeout=60)
    assert r.returncode != 0
    assert f"requests/{rid}".encode() not in r.stdout
    assert not (tmp_path / "g.jpg").exists()
    for user in ("theo", "mel", "guest"):
        if user != "guest":
            assert cv_reads(board, user) == []


def test_gone_after_decline_withdraw_expiry(board, tmp_path):
    maria, mel, rid = setup_pair(board, tmp_path)

    def there(request_id):
        r = sftp(board, maria, "ls requests\n", user="maria")
        assert r.returncode == 0, r.stderr
        names = listed(r.stdout)
        r = sftp(board, maria,
                 f"get requests/{request_id}/cv.jpg {tmp_path}/t.jpg\n",
                 user="maria")
        assert (r.returncode == 0) == (f"requests/{request_id}" in names)
        return r.returncode == 0

    # `requests decline` and `requests withdraw` once they are on main.
    assert there(rid)
    set_state(board, rid, "declined")
    assert not there(rid)
    rid = send_request(board)
    assert there(rid)
    set_state(board, rid, "withdrawn")
    assert not there(rid)
    # Expiry is the housekeeping's, on the board's clock.
    rid = send_request(board)
    assert there(rid)
    board.set_clock(15 * DAY)

    def expired():
        with board.db() as db:
            return db.execute("SELECT state FROM mentorship WHERE id = ?",
                              (rid,)).fetchone()[0] == "expired"
    wait_until(expired, timeout=20, what="the request to expire")
    assert not there(rid)
