"""Profile: roles per area, mentor profile, application sections, fields of
study, and the CV over SFTP/scp."""

import json
import os
import struct
import subprocess
import time

import pytest

from conftest import SANITIZED, SSH_OPTIONS, limit, wait_until

PW = "correct horse battery"
MKJPEG = os.environ.get("MKJPEG")


@pytest.fixture
def member(board, keypair):
    """A verified member with a key, for scp and sftp in batch mode."""
    key, pub = keypair
    board.add_user("alice", first="Alice", last="Zuckermann")
    r = board.member("alice", PW, "keys", "add", input=pub.encode())
    assert r.returncode == 0, r.stderr
    return key


def jpeg(path, w=320, h=240, *extra):
    subprocess.run([MKJPEG, str(path), str(w), str(h), *extra], check=True)
    return str(path)


def scp(board, key, *args):
    return subprocess.run(
        ["scp", *SSH_OPTIONS, "-o", "BatchMode=yes", "-o",
         "IdentitiesOnly=yes", "-i", key, "-P", str(board.port), *args],
        capture_output=True, timeout=60, stdin=subprocess.DEVNULL)


def sftp(board, key, commands, user="alice"):
    return subprocess.run(
        ["sftp", *SSH_OPTIONS, "-o", "IdentitiesOnly=yes", "-i", key,
         "-P", str(board.port), "-b", "-", f"{user}@127.0.0.1"],
        input=commands.encode(), capture_output=True, timeout=60)


def cv_info(board, key):
    return board.with_key("alice", key, "cv").stdout.decode()


def test_cv_upload_read_back_replace(board, member, tmp_path):
    src = jpeg(tmp_path / "cv.jpg", 640, 480, "--gps", "--comment",
               "secret comment")
    r = scp(board, member, src, "alice@127.0.0.1:cv.jpg")
    assert r.returncode == 0, r.stderr
    assert "640x480 pixels" in cv_info(board, member)
    back = tmp_path / "back.jpg"
    r = sftp(board, member, f"get cv.jpg {back}\n")
    assert r.returncode == 0, r.stderr
    data = back.read_bytes()
    assert data[:3] == b"\xff\xd8\xff"
    for secret in (b"Exif", b"GPS", b"secret comment"):
        assert secret not in data, "metadata stripped before storing"
    r = scp(board, member, jpeg(tmp_path / "two.jpg", 200, 100),
            "alice@127.0.0.1:cv.jpg")
    assert r.returncode == 0, r.stderr
    assert "200x100 pixels" in cv_info(board, member)
    # sftp lists it, and removes it.
    r = sftp(board, member, "ls -l\n")
    assert "cv.jpg" in r.stdout.decode()
    r = sftp(board, member, "rm cv.jpg\n")
    assert r.returncode == 0, r.stderr
    assert "No CV on file" in cv_info(board, member)


def test_bad_uploads_keep_previous_cv(board, member, tmp_path):
    r = scp(board, member, jpeg(tmp_path / "ok.jpg", 300, 200),
            "alice@127.0.0.1:cv.jpg")
    assert r.returncode == 0
    png = tmp_path / "photo.jpg"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 2000)
    r = scp(board, member, str(png), "alice@127.0.0.1:cv.jpg")
    assert r.returncode != 0
    assert b"not a JPEG" in r.stderr
    assert "300x200 pixels" in cv_info(board, member)
    big = tmp_path / "big.jpg"
    start = open(jpeg(tmp_path / "start.jpg", 64, 64), "rb").read()[:-2]
    big.write_bytes(start + b"\0" * (limit("CV_MAX_BYTES") + 1 - len(start)))
    r = scp(board, member, str(big), "alice@127.0.0.1:cv.jpg")
    assert r.returncode != 0
    assert b"larger than 5 MiB" in r.stderr
    assert "300x200 pixels" in cv_info(board, member)
    trunc = tmp_path / "trunc.jpg"
    trunc.write_bytes(open(jpeg(tmp_path / "full.jpg", 400, 300),
                           "rb").read()[:3000])
    r = scp(board, member, str(trunc), "alice@127.0.0.1:cv.jpg")
    assert r.returncode != 0
    assert b"damaged or incomplete JPEG" in r.stderr
    assert "300x200 pixels" in cv_info(board, member)


def test_path_traversal_refused(board, member, tmp_path):
    src = jpeg(tmp_path / "cv.jpg")
    for target in ("../cv.jpg", "/etc/passwd", "../../tmp/x.jpg",
                   "other.jpg", "sub/cv.jpg"):
        r = scp(board, member, src, f"alice@127.0.0.1:{target}")
        assert r.returncode != 0, target
    r = sftp(board, member, f"get /etc/passwd {tmp_path}/passwd\n")
    assert r.returncode != 0
    assert not (tmp_path / "passwd").exists()
    r = sftp(board, member, "cd /etc\n")
    assert r.returncode != 0
    r = sftp(board, member, "mkdir x\n")
    assert r.returncode != 0
    r = sftp(board, member, "ls /\n")
    assert r.returncode == 0
    assert "etc" not in r.stdout.decode()


def test_legacy_scp_refused_with_advice(board, member, tmp_path):
    r = scp(board, member, "-O", jpeg(tmp_path / "cv.jpg"),
            "alice@127.0.0.1:cv.jpg")
    assert r.returncode != 0
    assert b"use scp without -O" in r.stderr


class RawSftp:
    """Speaks SFTP through `ssh -s`, to stop in the middle of an upload."""

    def __init__(self, board, key):
        self.p = subprocess.Popen(
            ["ssh", *SSH_OPTIONS, "-o", "BatchMode=yes", "-o",
             "IdentitiesOnly=yes", "-i", key, "-p", str(board.port), "-s",
             "alice@127.0.0.1", "sftp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        self.id = 0

    def send(self, kind, payload):
        self.p.stdin.write(struct.pack(">IB", len(payload) + 1, kind) +
                           payload)
        self.p.stdin.flush()

    def recv(self):
        n = struct.unpack(">I", self.p.stdout.read(4))[0]
        body = self.p.stdout.read(n)
        return body[0], body[1:]

    @staticmethod
    def string(b):
        return struct.pack(">I", len(b)) + b

    def request(self, kind, payload):
        self.id += 1
        self.send(kind, struct.pack(">I", self.id) + payload)
        return self.recv()


def test_disconnect_mid_upload_keeps_previous_cv(board, member, tmp_path):
    r = scp(board, member, jpeg(tmp_path / "ok.jpg", 300, 200),
            "alice@127.0.0.1:cv.jpg")
    assert r.returncode == 0
    new = open(jpeg(tmp_path / "new.jpg", 800, 600), "rb").read()
    s = RawSftp(board, member)
    s.send(1, struct.pack(">I", 3))             # INIT
    assert s.recv()[0] == 2                     # VERSION
    kind, body = s.request(3, s.string(b"cv.jpg") +
                           struct.pack(">II", 0x1a, 0))   # OPEN write
    assert kind == 102, "a handle"             # HANDLE
    handle = body[8:8 + struct.unpack(">I", body[4:8])[0]]
    kind, body = s.request(6, s.string(handle) + struct.pack(">Q", 0) +
                           s.string(new[:len(new) // 2]))  # WRITE half
    assert kind == 101 and struct.unpack(">I", body[4:8])[0] == 0
    s.p.kill()                                  # gone, no CLOSE
    s.p.wait()
    wait_until(lambda: board.descendants() == [], what="session to end")
    assert "300x200 pixels" in cv_info(board, member)


def test_cv_screen_shows_command_and_file(board, member, term_factory,
                                          tmp_path):
    t = term_factory("alice", "cv", extra=["-o", "IdentitiesOnly=yes", "-i",
                                           member])
    t.wait_for("No CV on file yet")
    t.wait_for(f"scp -P {board.port} my-cv.jpg alice@localhost:cv.jpg")
    r = scp(board, member, jpeg(tmp_path / "cv.jpg", 321, 123),
            "alice@127.0.0.1:cv.jpg")
    assert r.returncode == 0
    t.send("?")          # any key redraws
    t.send("x")
    t.wait_for("321x123 pixels")


def test_roles_toggled_on_screen(board, member, term_factory):
    t = term_factory("alice", "profile", extra=["-o", "IdentitiesOnly=yes",
                                                "-i", member])
    t.wait_for("Mentoring roles")
    t.send("\r")
    t.wait_for("Area of help")
    # First area (alphabetical): Academic career.  Mentor, then mentee of
    # the next one.
    t.send(" ")
    t.wait_for("You are now a mentor in \"Academic career\"")
    t.send("\x1b[B\x1b[C ")   # down, right, space
    t.wait_for("mentor in 1, mentee in 1")
    roles = json.loads(board.with_key("alice", member, "roles", "--json")
                       .stdout)
    by_area = {r["area"]: r for r in roles}
    assert by_area["Academic career"]["mentor"] is True
    assert by_area["Academic career"]["mentee"] is False
    assert by_area["Career change"]["mentee"] is True


def test_application_sections_edited_and_reopened(board, member,
                                                  term_factory):
    opts = ["-o", "IdentitiesOnly=yes", "-i", member]
    t = term_factory("alice", "application", extra=opts)
    t.wait_for("My current situation")
    t.send("\r")   # My data
    t.wait_for("0 of 4000 characters")
    t.send("Graduated in Physics, 2024.\rNow in Berlin. Grüße!")
    t.wait_for("49 of 4000 characters")
    t.send("\x1b")
    t.wait_for("Unsaved changes")
    t.send("\x13")
    t.wait_for("Saved.")
    t.send("\x1b")
    t.wait_for("Graduated in Physics, 2024.")   # the preview
    t.send("\x1b[B\x1b[B\r")  # goals
    t.wait_for("My goal(s)")
    t.send("Find a job in research.\x13")
    t.wait_for("Saved.")
    t.send("\x1b")
    app = json.loads(board.with_key("alice", member, "application",
                                    "--json").stdout)
    assert app["my-data"] == "Graduated in Physics, 2024.\nNow in Berlin. " \
                             "Grüße!"
    assert app["goals"] == "Find a job in research."
    # Reopen: the text is there.
    t2 = term_factory("alice", "application", extra=opts)
    t2.wait_for("Graduated in Physics")
    t2.send("\r")
    t2.wait_for("Now in Berlin. Grüße!")


def test_section_limit_holds(board, member):
    text = "x" * (limit("SECTION_MAX") + 1)
    r = board.with_key("alice", member, "application", "set", "goals",
                       input=text.encode())
    assert r.returncode == 1 and b"too long" in r.stderr
    r = board.with_key("alice", member, "application", "set", "goals",
                       input=b"bad \x1b[31m escape")
    assert r.returncode == 1 and b"control characters" in r.stderr


def test_mentor_profile_form(board, member, term_factory):
    opts = ["-o", "IdentitiesOnly=yes", "-i", member]
    assert board.with_key("alice", member, "roles", "set", "'Career entry'",
                          "mentor", "on").returncode == 0
    t = term_factory("alice", "profile", extra=opts)
    t.wait_for("Mentor profile")
    t.send("m")
    t.wait_for("Fill in every field")
    t.send("\r")                       # "How I can help" opens the editor
    t.wait_for("How I can help")
    t.send("CV reviews and mock interviews.\x13")
    t.wait_for("Saved.")
    t.send("\x1b")
    t.wait_for("Industry")
    t.send("\tSoftware\tTeam lead\tGerman, English\t\x7f3\x13")
    t.wait_for("Complete: you appear in the mentor search")
    prof = json.loads(board.with_key("alice", member, "profile", "show",
                                     "--json").stdout)
    assert prof == {"help_text": "CV reviews and mock interviews.",
                    "industry": "Software", "position": "Team lead",
                    "languages": "German, English", "capacity": 3,
                    "available": True, "complete": True}
    r = board.with_key("alice", member, "profile", "set", "--capacity", "99")
    assert r.returncode == 1 and b"0 to 10" in r.stderr


def test_fields_of_study_editable(board, member):
    r = board.with_key("alice", member, "fields", "set", "Physics", "Law")
    assert r.returncode == 0, r.stderr
    me = json.loads(board.with_key("alice", member, "whoami", "--json")
                    .stdout)
    assert me["fields_of_study"] == ["Law", "Physics"]
    r = board.with_key("alice", member, "fields", "set", *(["Law"] * 6))
    assert r.returncode == 2


def test_areas_admin_and_retired_area(board, member):
    r = board.admin("areas", "add", "Science communication")
    assert r.returncode == 0
    # ssh joins the words with spaces: quote for the remote side.
    r = board.with_key("alice", member, "roles", "set",
                       "'Science communication'", "mentor", "on")
    assert r.returncode == 0, r.stderr
    assert board.admin("areas", "retire",
                       "Science communication").returncode == 0
    listing = board.admin("areas", "list").stdout.decode()
    assert "Science communication  (retired)" in listing
    roles = board.with_key("alice", member, "roles").stdout.decode()
    assert "Science communication" in roles, "stays on the profile"
    r = board.with_key("alice", member, "roles", "set",
                       "'Science communication'", "mentee", "on")
    assert r.returncode == 1 and b"retired" in r.stderr
    r = board.admin("areas", "rename", "Leadership", "Leading teams")
    assert r.returncode == 0
    assert b"Leading teams" in board.admin("areas", "list").stdout
    r = board.admin("areas", "add", "Leading teams")
    assert r.returncode == 1 and b"already" in r.stderr
    r = board.admin("fields", "retire", "Alchemy")
    assert r.returncode == 1 and b"no field of study" in r.stderr


def test_largest_cv_fits_in_memory_of_an_upload(board, member, tmp_path):
    """The JPEG that takes the most memory to check, 24 megapixels in
    CMYK, is taken under the memory cap of an SFTP connection."""
    pixels = limit("CV_MAX_PIXELS")
    src = jpeg(tmp_path / "cmyk.jpg", 6000, pixels // 6000, "--cmyk")
    assert os.path.getsize(src) <= limit("CV_MAX_BYTES")
    r = scp(board, member, src, "alice@127.0.0.1:cv.jpg")
    assert r.returncode == 0, r.stderr
    assert f"6000x{pixels // 6000} pixels" in cv_info(board, member)


# libssh's SFTP server reads any packet up to this many bytes whole before
# we see it (SFTP_PACKET_SIZE_MAX in libssh's src/sftp.c).
LIBSSH_SFTP_PACKET_MAX = 0x10000000


@pytest.mark.skipif(SANITIZED, reason="no memory limit in a sanitizer build")
def test_huge_sftp_packet_is_cut_off(board, member):
    """libssh reads a whole SFTP packet before we see it: a 200 MiB WRITE,
    which libssh takes, ends that connection as soon as libssh asks for
    room for it, instead of filling the server's memory."""
    s = RawSftp(board, member)
    s.send(1, struct.pack(">I", 3))
    assert s.recv()[0] == 2
    kind, body = s.request(3, s.string(b"cv.jpg") +
                           struct.pack(">II", 0x1a, 0))
    assert kind == 102, "a handle"
    handle = body[8:8 + struct.unpack(">I", body[4:8])[0]]
    big = 200 * 1024 * 1024
    length = 1 + 4 + 4 + len(handle) + 8 + 4 + big
    assert length <= LIBSSH_SFTP_PACKET_MAX, "libssh would refuse it itself"
    # libssh holds the packet twice in buffers of a power of two, and the
    # data once more: far above the cap.
    assert 2 * (1 << (length - 1).bit_length()) > limit("SFTP_MEMORY_MAX")
    header = struct.pack(">IBI", length, 6, 99) + s.string(handle) + \
        struct.pack(">QI", 0, big)
    sent = 0
    chunk = b"\0" * (1 << 20)
    try:
        s.p.stdin.write(header)
        while sent < big:
            s.p.stdin.write(chunk)
            sent += len(chunk)
        s.p.stdin.flush()
    except BrokenPipeError:
        pass
    # No answer to the WRITE: the connection ends.
    reply = s.p.stdout.read(4)
    s.p.kill()
    s.p.wait()
    assert reply == b"", "the server took the whole packet and answered"
    # Cut off when the packet started, not after it was read whole.
    assert sent < 64 << 20, sent
    wait_until(lambda: board.descendants() == [], what="the connection to end")
    assert board.ssh("guest", "version").returncode == 0
