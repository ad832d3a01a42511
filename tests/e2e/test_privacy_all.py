"""Privacy over everything: a board with mentors and mentees in every
state, visited by a guest, an unrelated member, the mentor of someone
else and each party, through every command that reads (with --json where
it takes it) and every screen a deep link opens.  Nobody may see another
person's surname, e-mail address, user name, CV bytes, or application
text, except the mentor of that person's open or accepted request (the
application).  A command `help` lists that this test neither visits nor
names as skipped (with why) fails it: new commands must be added here."""

import base64
import concurrent.futures
import json
import os
import re
import subprocess

import pytest

from conftest import SANITIZED, wait_until
from people import AREA, PW, make_mentee, make_mentor, run

# Each person: user name, first name, surname.  Names are made to be found
# by a grep and by nothing else.
PEOPLE = {
    "mentor_a": ("xa_amalia", "Amalia", "Zwetschgenbaum"),
    "mentor_b": ("xb_bruno", "Bruno", "Quarkstrudel"),
    "open": ("xc_carla", "Carla", "Kuerbiskern"),
    "connected": ("xd_dora", "Dora", "Mohnschnecke"),
    "official": ("xe_emil", "Emil", "Topfengolatsche"),
    "ended": ("xf_fritz", "Fritz", "Powidltascherl"),
    "declined": ("xg_greta", "Greta", "Buchteltante"),
    "erased": ("xh_hans", "Hans", "Palatschinkenberg"),
    "unrelated": ("xu_ulla", "Ulla", "Kaiserschmarrn"),
}

# Commands that change things: covered by their own tests, not here.
CHANGES = {
    "register", "verify", "resend", "change-email", "password",
    "reset-request", "reset", "keys add", "keys remove", "roles set",
    "profile set", "application set", "fields set", "cv remove",
    "requests send", "requests accept", "requests decline",
    "requests withdraw", "chat send", "meeting propose", "meeting accept",
    "meeting decline", "timezone", "language", "notifications read",
    "notifications mail", "membership request", "membership redeem",
    "agreement edit", "agreement set", "agreement submit",
    "agreement approve", "agreement request-changes", "mentorship end",
    "erase-account", "admin", "support send", "support reply", "report",
    "block", "unblock",
}


def token(name):
    """A word only name's application holds."""
    return "apptoken" + PEOPLE[name][0][1]


def secrets(name):
    """What is private of one person: surname, address, user name, a word
    of their application."""
    user, _first, last = PEOPLE[name]
    return {"surname": last, "email": f"{user}@example.org",
            "username": user, "application": token(name)}


def build(board, tmp_path):
    """Every state: an open request, connected, official, ended, declined,
    and an erased mentee who had a mentorship."""
    ids, keys = {}, {}
    for key in ("mentor_a", "mentor_b"):
        user, first, last = PEOPLE[key]
        ids[key] = make_mentor(board, user, first=first, last=last,
                               capacity=5)
        keys[key] = os.path.join(str(tmp_path), f"key-{user}")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                        "-f", keys[key]], check=True)
        with open(keys[key] + ".pub", "rb") as f:
            run(board, user, "keys", "add", input=f.read())
    for key in ("open", "connected", "official", "ended", "declined",
                "erased", "unrelated"):
        user, first, last = PEOPLE[key]
        ids[key], keys[key] = make_mentee(board, user, tmp_path,
                                          first=first, last=last)
        # The helper's sections name the user; these name nobody.
        for section in ("my-data", "situation", "goals", "help"):
            run(board, user, "application", "set", section,
                input=f"{token(key)} {section} text".encode())
    mships = {}

    def send(key, mentor):
        r = board.member(PEOPLE[key][0], PW, "requests", "send",
                         str(ids[mentor]), "--area", f"'{AREA}'")
        assert r.returncode == 0, r.stderr
        return int(re.search(rb"#(\d+)", r.stdout).group(1))

    a, b = PEOPLE["mentor_a"][0], PEOPLE["mentor_b"][0]
    mships["open"] = send("open", "mentor_a")
    mships["connected"] = send("connected", "mentor_a")
    run(board, a, "requests", "accept", str(mships["connected"]))
    run(board, PEOPLE["connected"][0], "chat", "send",
        str(mships["connected"]), input=b"a line from dora")
    for key in ("official", "ended", "erased"):
        mships[key] = send(key, "mentor_b")
        run(board, b, "requests", "accept", str(mships[key]))
        user = PEOPLE[key][0]
        run(board, user, "chat", "send", str(mships[key]),
            input=f"hello from {key}".encode())
        run(board, user, "agreement", "set", str(mships[key]), "goals",
            input=b"Agreed goals.")
        run(board, user, "agreement", "submit", str(mships[key]))
        run(board, b, "agreement", "approve", str(mships[key]))
    run(board, PEOPLE["ended"][0], "mentorship", "end", str(mships["ended"]))
    mships["declined"] = send("declined", "mentor_a")
    run(board, a, "requests", "decline", str(mships["declined"]),
        "--reason", "no-time")
    run(board, PEOPLE["erased"][0], "erase-account", "--confirm",
        PEOPLE["erased"][0])
    return ids, keys, mships


def allowed_applications(viewer, mships):
    """Whose application the viewer may read: as the mentor of their open
    or accepted request."""
    if viewer == "mentor_a":
        return {"open", "connected"}
    if viewer == "mentor_b":
        return {"official"}
    return set()


def forbidden(viewer, mships):
    """(label, text) pairs the viewer must never see."""
    out = []
    for name in PEOPLE:
        if name == viewer:
            continue
        s = secrets(name)
        out += [(f"{name}'s surname", s["surname"]),
                (f"{name}'s e-mail", s["email"]),
                (f"{name}'s user name", s["username"])]
        if name not in allowed_applications(viewer, mships):
            out.append((f"{name}'s application", s["application"]))
    return out


def forms(help_json):
    """Every command path of help's usage lines: ["requests", "show"]."""
    paths = []
    for row in help_json:
        for form in row["usage"].split(" | "):
            words = []
            for w in form.split():
                if re.fullmatch(r"[a-z][a-z-]*", w):
                    words.append(w)
                else:
                    break
            if words and words not in paths:
                paths.append(words)
    return paths


def args_for(path, ids, mships, viewer):
    """The ways the sweep runs a read command (each a list of words)."""
    # Each kind once: open, accepted, official, ended, declined, erased.
    every_mship = [str(m) for m in mships.values()]
    every_user = [str(i) for i in ids.values()]
    p = " ".join(path)
    table = {
        "help": [[]], "whoami": [[]], "version": [[]], "privacy": [[]],
        "search": [[], ["Amalia"], ["Zwetschgenbaum"], ["secret"]],
        "mentor": [[u] for u in every_user],
        "suggest": [[]],
        "requests": [[]], "requests list": [[]],
        "requests show": [[m] for m in every_mship],
        "mentorships": [[]],
        "chat": [[]], "chat list": [[]],
        "chat log": [[m] for m in every_mship],
        "meeting": [[]], "meeting list": [[]],
        "agreement": [[m] for m in every_mship],
        "agreement show": [[m] for m in every_mship],
        "agreement history": [[m] for m in every_mship],
        "agreement diff": [[m, "1", "1"] for m in every_mship],
        "certificate": [[m] for m in every_mship],
        "certificate verify": [["AAAA-BBBB-CCCC"]],
        "notifications": [[]], "notifications list": [[]],
        "membership": [[]], "membership show": [[]],
        "roles": [[]], "roles list": [[]], "profile": [[]],
        "profile show": [[]],
        "application": [[]], "application show": [[]],
        "fields": [[]], "fields list": [[]],
        "cv": [[]], "cv info": [[]],
        "keys": [[]], "keys list": [[]],
        "export": [[]],
        "support": [[]], "support list": [[]], "support show": [["1"]],
        "blocks": [[]], "blocks list": [[]],
        # The setting; with -t, the plain mode, whose pages print what
        # the commands above print (test_plain.py).
        "plain": [[]],
    }
    return table.get(p)


def leaks(text, bad):
    return [label for label, needle in bad if needle in text]


@pytest.mark.skipif(SANITIZED, reason="output, not memory: the normal "
                    "build checks it; its hundreds of logins would double "
                    "the sanitizer run")
def test_privacy_over_every_command_and_screen(board, tmp_path,
                                               term_factory):
    ids, keys, mships = build(board, tmp_path)
    cvs = []
    with board.db() as db:
        for (jpeg,) in db.execute("SELECT jpeg FROM cv"):
            cvs.append(jpeg[100:132])
    viewers = ["guest", "unrelated", "mentor_a", "mentor_b", "open",
               "connected", "official", "ended", "declined"]
    screen_viewers = {"guest", "unrelated", "mentor_b", "official"}
    not_visited = set()
    failures = []

    def do(viewer, *words):
        if viewer == "guest":
            return board.ssh("guest", *words)
        return board.with_key(PEOPLE[viewer][0], keys[viewer], *words)

    def check(viewer, path, extra):
        """Run one read command, with --json if it takes it."""
        bad = forbidden(viewer, mships)
        r = do(viewer, *path, *extra, "--json")
        if r.returncode == 2 and b"--json" in r.stderr:
            r = do(viewer, *path, *extra)
        out = r.stdout + r.stderr
        found = leaks(out.decode("utf-8", "replace"), bad)
        for cv in cvs:
            if (cv in out or base64.b64encode(cv)[4:24] in out) and \
                    path != ["export"]:
                found.append("CV bytes")
        return (viewer, " ".join(path), extra, found) if found else None

    jobs = []
    for viewer in viewers:
        r = do(viewer, "help", "--json")
        assert r.returncode == 0, (viewer, r.stderr)
        for path in forms(json.loads(r.stdout)):
            p = " ".join(path)
            if p in CHANGES or path[0] in CHANGES:
                continue
            runs = args_for(path, ids, mships, viewer)
            if runs is None:
                not_visited.add(p)
                continue
            jobs += [(viewer, path, extra) for extra in runs]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for result in pool.map(lambda j: check(*j), jobs):
            if result is not None:
                failures.append(result)
    # Screens: every deep link with a screen, and the home screen.
    links = [[], ["search"], ["requests"], ["chat"], ["notifications"],
             ["membership"], ["profile"], ["application"], ["privacy"],
             ["export"], ["requests", "show", str(mships["open"])],
             ["requests", "show", str(mships["official"])],
             ["chat", str(mships["official"])],
             ["agreement", str(mships["official"])],
             ["agreement", str(mships["ended"])]]
    for viewer in viewers:
        if viewer not in screen_viewers:
            continue
        user = "guest" if viewer == "guest" else PEOPLE[viewer][0]
        extra = [] if viewer == "guest" else [
            "-o", "PasswordAuthentication=no", "-o", "IdentitiesOnly=yes",
            "-i", keys[viewer]]
        bad = forbidden(viewer, mships)
        for link in links:
            t = term_factory(user, *link, rows=40, cols=120, extra=extra)
            try:
                # Drawn, or refused (a guest's member screens) and gone.
                wait_until(lambda: "\u2014" in t.text() or
                           not t.child.isalive(), timeout=10,
                           what=f"{link} drawn")
                t.pump(0.3)
                found = leaks(t.text(), bad)
                if found:
                    failures.append((viewer, "screen " + " ".join(link),
                                     found))
            finally:
                t.close()
    assert not failures, "\n".join(map(str, failures))
    assert not not_visited, (
        "commands this test neither visits nor skips: "
        + ", ".join(sorted(not_visited)))
