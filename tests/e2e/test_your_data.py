"""Your data: the export holds everything about the caller and nothing
private of anyone else; erasure deletes the person and leaves no trace
of them in the database file, while the other side's records still
read."""

import base64
import json
import os
import re

from conftest import Board, wait_until
from people import AREA, PW, make_mentee, make_mentor, run, user_id

UNIQUE = "Quokkaphilia"  # a word only tom's application holds


def connect(board, tmp_path):
    mentor = make_mentor(board, "maria", first="Maria", last="Mentorova")
    make_mentee(board, "tom", tmp_path, first="Tom", last="Trainee")
    run(board, "tom", "application", "set", "goals",
        input=f"I study {UNIQUE} and want a job.".encode())
    r = board.member("tom", PW, "requests", "send", str(mentor), "--area",
                     f"'{AREA}'", "--message-stdin",
                     input=b"Hello Maria")
    mid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    run(board, "maria", "requests", "accept", str(mid))
    run(board, "tom", "chat", "send", str(mid), input=b"Thanks from Tom")
    run(board, "maria", "chat", "send", str(mid), input=b"Hi from Maria")
    return mid


def test_export(board, tmp_path):
    mid = connect(board, tmp_path)
    doc = json.loads(run(board, "tom", "export").stdout)
    assert doc["format_version"] == 1
    assert doc["account"]["username"] == "tom"
    assert doc["account"]["email"] == "tom@example.org"
    assert doc["account"]["last_name"] == "Trainee"
    assert "password_hash" not in json.dumps(doc)
    assert UNIQUE in doc["application"]["goals"]
    cv = base64.b64decode(doc["cv"]["jpeg_base64"])
    assert cv[:2] == b"\xff\xd8" and len(cv) == doc["cv"]["bytes"]
    (req,) = doc["requests_and_mentorships"]
    assert req["id"] == mid and req["other"] == "Maria M."
    assert req["message"] == "Hello Maria" and req["role"] == "mentee"
    assert [(c["author"], c["text"]) for c in doc["chat_lines"]] == [
        ("you", "Thanks from Tom"), ("Maria M.", "Hi from Maria")]
    assert doc["roles"] == [{"area": AREA, "role": "mentee"}]
    assert any(n["kind"] == "request-accepted" for n in doc["notifications"])
    assert doc["ssh_keys"] and doc["ssh_keys"][0]["fingerprint"]
    # Nothing private of the other: not her surname, address or user name.
    text = json.dumps(doc)
    assert "Mentorova" not in text and "maria@example.org" not in text
    assert '"maria"' not in text


def raw_files(state_dir):
    data = b""
    for name in ("mentorboard.db", "mentorboard.db-wal"):
        path = os.path.join(state_dir, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                data += f.read()
    return data


def test_erase_leaves_nothing(tmp_path, term_factory=None):
    (tmp_path / "state").mkdir()
    board = Board(str(tmp_path / "state"))
    try:
        mid = connect(board, tmp_path)
        tom = user_id(board, "tom")
        before = raw_files(board.state_dir)
        for needle in (b"Trainee", b"tom@example.org", UNIQUE.encode()):
            assert needle in before, needle
        r = board.member("tom", PW, "erase-account", "--confirm", "maria")
        assert r.returncode == 2, "the wrong name does not erase"
        r = board.member("tom", PW, "erase-account", "--confirm", "tom")
        assert r.returncode == 0, r.stderr
        # The other side's record still reads; tom is a former member.
        (ship,) = json.loads(run(board, "maria", "mentorships",
                                 "--json").stdout)
        assert ship["state"] == "ended"
        lines = json.loads(run(board, "maria", "chat", "log", str(mid),
                               "--json").stdout)
        assert [(x["from"], x["text"]) for x in lines] == [
            ("a former member", "Thanks from Tom"),
            ("Maria M.", "Hi from Maria")]
        assert board.member("tom", PW, "whoami").returncode != 0
        with board.db() as db:
            assert db.execute("SELECT count(*) FROM user WHERE id = ?",
                              (tom,)).fetchone() == (0,)
        data = raw_files(board.state_dir)
        for needle in (b"Trainee", b"tom@example.org", UNIQUE.encode(),
                       b"\x00tom\x00"):
            assert needle not in data, needle
        assert not re.search(rb"[^a-z]tom[^a-z@]", data.replace(
            b"Thanks from Tom", b"")), "the user name"
    finally:
        board.stop()


def test_export_over_sftp(board, tmp_path):
    import subprocess
    from conftest import SSH_OPTIONS
    board.add_user("amy")
    key = os.path.join(str(tmp_path), "key-amy")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    key], check=True)
    with open(key + ".pub", "rb") as f:
        run(board, "amy", "keys", "add", input=f.read())
    out = os.path.join(str(tmp_path), "me.json")
    r = subprocess.run(["scp", *SSH_OPTIONS, "-o", "BatchMode=yes", "-o",
                        "IdentitiesOnly=yes", "-i", key, "-P",
                        str(board.port), "amy@127.0.0.1:export.json", out],
                       capture_output=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    with open(out) as f:
        doc = json.load(f)
    assert doc["account"]["username"] == "amy"
    assert doc["ssh_keys"][0]["fingerprint"].startswith("SHA256:")
    # Read-only.
    r = subprocess.run(["scp", *SSH_OPTIONS, "-o", "BatchMode=yes", "-o",
                        "IdentitiesOnly=yes", "-i", key, "-P",
                        str(board.port), out, "amy@127.0.0.1:export.json"],
                       capture_output=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode != 0


def test_team_erases_a_member(board, tmp_path):
    """The team's erasure (a request made to the mentoring team): the
    user name typed again, never a sysop, and the same result as the
    member's own: gone, the other side's chat reads "a former member",
    the audit log says who did it."""
    mid = connect(board, tmp_path)
    tom = user_id(board, "tom")
    board.add_user("sam", sysop=True)
    r = board.admin("user", "erase", str(tom))
    assert r.returncode != 0 and b"--confirm tom" in r.stderr
    r = board.admin("user", "erase", str(tom), "--confirm", "maria")
    assert r.returncode != 0
    assert board.member("tom", PW, "whoami").returncode == 0
    r = board.admin("user", "erase", "sam", "--confirm", "sam")
    assert r.returncode != 0 and b"sysop" in r.stderr
    r = board.admin("user", "erase", "tom", "--confirm", "tom")
    assert r.returncode == 0, r.stderr
    assert b"erased tom" in r.stdout
    assert board.member("tom", PW, "whoami").returncode != 0
    lines = json.loads(run(board, "maria", "chat", "log", str(mid),
                           "--json").stdout)
    assert lines[0]["from"] == "a former member"
    audit = json.loads(board.admin("audit", "--json").stdout)
    # Who did it stays; whom, only as much as the erasure leaves.
    assert audit[0]["action"] == "erase-account", audit
    assert audit[0]["actor"] == "operator"
