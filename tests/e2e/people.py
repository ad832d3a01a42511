"""People for the tests of the mentoring flow: a mentor with a listed
profile, a mentee who may write to mentors (address, membership, a mentee
role, the four sections, a CV), each made through the board's own
commands."""

import json
import os
import subprocess

from conftest import SSH_OPTIONS

PW = "correct horse battery"
AREA = "Career entry"
MKJPEG = os.environ.get("MKJPEG")
SECTIONS = ("my-data", "situation", "goals", "help")


def run(board, user, *command, input=None, source=None):
    """A command as user (password login); the result, checked."""
    r = board.member(user, PW, *command, input=input, source=source)
    assert r.returncode == 0, (command, r.stderr.decode())
    return r


def user_id(board, name):
    with board.db() as db:
        (uid,) = db.execute("SELECT id FROM user WHERE username = ?",
                            (name,)).fetchone()
    return uid


def make_mentor(board, name, first="Maria", last="Mentorova", capacity=2,
                area=AREA):
    board.add_user(name, first=first, last=last)
    run(board, name, "roles", "set", f"'{area}'", "mentor", "on")
    run(board, name, "profile", "set", "--industry", "Software",
        "--position", "Engineer", "--languages", "English",
        "--capacity", str(capacity), "--help-text-stdin",
        input=b"I help with the first job after the degree.")
    return user_id(board, name)


def make_mentee(board, name, tmp_path, first="Tom", last="Trainee",
                area=AREA, member=True, cv=True):
    """A mentee; returns (id, key file) for scp and sftp."""
    board.add_user(name, first=first, last=last)
    key = os.path.join(str(tmp_path), f"key-{name}")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    key], check=True)
    with open(key + ".pub", "rb") as f:
        run(board, name, "keys", "add", input=f.read())
    run(board, name, "roles", "set", f"'{area}'", "mentee", "on")
    for section in SECTIONS:
        run(board, name, "application", "set", section,
            input=f"{name}'s {section} section.".encode())
    if cv:
        jpeg = os.path.join(str(tmp_path), f"cv-{name}.jpg")
        subprocess.run([MKJPEG, jpeg, "320", "240"], check=True)
        r = subprocess.run(
            ["scp", *SSH_OPTIONS, "-o", "BatchMode=yes", "-o",
             "IdentitiesOnly=yes", "-i", key, "-P", str(board.port), jpeg,
             f"{name}@127.0.0.1:cv.jpg"],
            capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
        assert r.returncode == 0, r.stderr
    if member:
        code = json.loads(board.admin("codes", "issue", "--for", name,
                                      "--json").stdout)[0]["code"]
        run(board, name, "membership", "redeem", code)
    return user_id(board, name), key
