"""The mentoring agreement: the mentee drafts and submits, the mentor asks
for changes or approves, the first approval makes the mentorship
official; a change stays pending while the old version is in force;
versions and their diff; concurrent decisions are decided once; ending
gives both a certificate anyone can check; nobody else reads anything."""

import concurrent.futures
import hashlib
import json
import re

from conftest import wait_until
from people import AREA, PW, make_mentee, make_mentor, run, user_id

SECTIONS = ("goals", "rhythm", "duration", "confidentiality",
            "communication", "other")
TITLES = ("Goals of the mentorship", "Meeting rhythm and format",
          "Duration and end date", "Confidentiality", "How we communicate",
          "Other")


def connect(board, tmp_path):
    mentor_id = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    r = board.member("tom", PW, "requests", "send", str(mentor_id),
                     "--area", f"'{AREA}'")
    assert r.returncode == 0, r.stderr
    rid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    run(board, "maria", "requests", "accept", str(rid))
    return rid


def show(board, user, mid, *extra):
    return json.loads(run(board, user, "agreement", "show", str(mid),
                          "--json", *extra).stdout)


def put(board, mid, section, text):
    run(board, "tom", "agreement", "set", str(mid), section,
        input=text.encode())


def kinds(board, user):
    return [n["kind"] for n in json.loads(
        run(board, user, "notifications", "--json").stdout)]


def expected_sha(sections):
    """The SHA-256 the board promises: of each section under its title."""
    text = "\n".join(f"# {t}\n{s}" + ("\n" if s and not s.endswith("\n")
                                       else "")
                     for t, s in zip(TITLES, sections))
    return hashlib.sha256(text.encode()).hexdigest()


def test_draft_submit_changes_approve(board, tmp_path):
    mid = connect(board, tmp_path)
    a = show(board, "tom", mid)
    assert a["state"] == "none" and a["in_force"] is None
    assert a["latest"] is None and set(a["sections"]) == set(SECTIONS)
    # Only the mentee writes; nothing before the goals.
    r = board.member("maria", PW, "agreement", "set", str(mid), "goals",
                     input=b"mine")
    assert r.returncode == 1
    r = board.member("tom", PW, "agreement", "submit", str(mid))
    assert r.returncode == 1 and b"goals" in r.stderr
    put(board, mid, "goals", "A first job in data analysis.")
    put(board, mid, "rhythm", "Monthly, one hour.")
    assert show(board, "tom", mid)["state"] == "draft"
    # The mentor sees that a draft exists, not what it says.
    m = show(board, "maria", mid)
    assert m["state"] == "draft" and m["draft"] is None
    assert "data analysis" not in json.dumps(m)
    run(board, "tom", "agreement", "submit", str(mid))
    assert "agreement-submitted" in kinds(board, "maria")
    m = show(board, "maria", mid)
    assert m["state"] == "pending" and m["latest"] == 1
    assert m["sections"]["goals"] == "A first job in data analysis."
    # The mentor asks for changes; the mentee hears why.
    r = board.member("maria", PW, "agreement", "request-changes", str(mid),
                     input=b"Which city?")
    assert r.returncode == 0, r.stderr
    assert "agreement-changes" in kinds(board, "tom")
    t = show(board, "tom", mid)
    assert t["state"] == "draft" and t["comments"][0]["text"] == \
        "Which city?"
    assert board.member("maria", PW, "agreement", "approve",
                        str(mid)).returncode == 1, "nothing pending"
    put(board, mid, "goals", "A first job in data analysis in Vienna.")
    run(board, "tom", "agreement", "submit", str(mid))
    assert board.member("tom", PW, "agreement", "approve",
                        str(mid)).returncode == 1, "not the mentee's"
    assert json.loads(run(board, "tom", "mentorships", "--json").stdout)[0][
        "state"] == "connected"
    run(board, "maria", "agreement", "approve", str(mid))
    for user in ("maria", "tom"):
        a = show(board, user, mid)
        assert a["state"] == "approved" and a["in_force"] == 2
        (ship,) = json.loads(run(board, user, "mentorships",
                                 "--json").stdout)
        assert ship["state"] == "official" and ship["official_since"]
        assert "mentorship-official" in kinds(board, user)
    assert a["sha256"] == expected_sha(
        ["A first job in data analysis in Vienna.", "Monthly, one hour.",
         "", "", "", ""])
    history = json.loads(run(board, "tom", "agreement", "history",
                             str(mid), "--json").stdout)
    assert [(h["version"], h["state"], h["in_force"]) for h in history] == \
        [(1, "changes-requested", False), (2, "approved", True)]
    assert all(h["author"] == "Tom T." for h in history)


def test_change_stays_pending_and_diff(board, tmp_path):
    mid = connect(board, tmp_path)
    put(board, mid, "goals", "Find a job.")
    put(board, mid, "rhythm", "Monthly.")
    run(board, "tom", "agreement", "submit", str(mid))
    run(board, "maria", "agreement", "approve", str(mid))
    put(board, mid, "rhythm", "Every two weeks.")
    # A draft never replaces what is in force; nor does a pending one.
    assert show(board, "maria", mid)["sections"]["rhythm"] == "Monthly."
    run(board, "tom", "agreement", "submit", str(mid))
    a = show(board, "maria", mid)
    assert a["state"] == "pending" and a["in_force"] == 1
    assert a["sections"]["rhythm"] == "Monthly."
    assert show(board, "maria", mid, "--version", "2")["sections"][
        "rhythm"] == "Every two weeks."
    diff = run(board, "maria", "agreement", "diff", str(mid), "1",
               "2").stdout.decode()
    assert "-Monthly.\n+Every two weeks.\n" in diff
    assert diff.startswith("--- version 1\n+++ version 2\n@@ ")
    assert "\x1b[" not in diff, "no colours without a terminal"
    assert "Find a job." in diff, "context"
    run(board, "maria", "agreement", "approve", str(mid))
    assert show(board, "tom", mid)["in_force"] == 2
    r = board.member("tom", PW, "agreement", "diff", str(mid), "1", "9")
    assert r.returncode == 1 and b"no version 9" in r.stderr


def test_outsiders_read_nothing(board, tmp_path):
    mid = connect(board, tmp_path)
    put(board, mid, "goals", "Private goals.")
    run(board, "tom", "agreement", "submit", str(mid))
    board.add_user("eve", first="Eve", last="Outsider")
    for command in (("agreement", "show", str(mid)),
                    ("agreement", "history", str(mid)),
                    ("agreement", "diff", str(mid), "1", "1"),
                    ("agreement", "approve", str(mid)),
                    ("mentorship", "end", str(mid))):
        r = board.member("eve", PW, *command)
        assert r.returncode == 1, command
        assert b"Private goals" not in r.stdout + r.stderr
    r = board.ssh("guest", "agreement", "show", str(mid))
    assert r.returncode != 0 and b"Private" not in r.stdout
    assert show(board, "tom", mid)["latest"] == 1


def test_concurrent_decisions(board, tmp_path):
    """Approvals of different versions at once, the approval of a version
    superseded meanwhile, a submit while the mentor approves: each
    decided in one transaction."""
    mid = connect(board, tmp_path)
    put(board, mid, "goals", "v1")
    run(board, "tom", "agreement", "submit", str(mid))
    put(board, mid, "goals", "v2")
    run(board, "tom", "agreement", "submit", str(mid))
    # Version 1 was superseded by 2 before anyone approved it.
    r = board.member("maria", PW, "agreement", "approve", str(mid),
                     "--version", "1")
    assert r.returncode == 1 and b"not waiting" in r.stderr
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(
            lambda n: board.member("maria", PW, "agreement", "approve",
                                   str(mid), "--version", str(n)),
            [1, 2, 1, 2]))
    assert sorted(r.returncode for r in results) == [0, 1, 1, 1]
    assert show(board, "tom", mid)["in_force"] == 2
    # A submit racing an approval: whatever the order, the approved
    # version is one that was pending and newest when approved, and the
    # other is pending or superseded, never both approved.
    for i in range(3):
        put(board, mid, "goals", f"race {i}")
        run(board, "tom", "agreement", "submit", str(mid))
        pending = show(board, "maria", mid)["latest"]
        put(board, mid, "goals", f"race {i} again")
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            sub = pool.submit(board.member, "tom", PW, "agreement",
                              "submit", str(mid))
            app = pool.submit(board.member, "maria", PW, "agreement",
                              "approve", str(mid), "--version",
                              str(pending))
            assert sub.result().returncode == 0
            approved = app.result().returncode == 0
        history = {h["version"]: h["state"] for h in json.loads(
            run(board, "tom", "agreement", "history", str(mid),
                "--json").stdout)}
        assert history[pending + 1] == "pending"
        assert history[pending] == ("approved" if approved
                                    else "superseded")
        run(board, "maria", "agreement", "approve", str(mid))


def test_end_certificate_verify(board, tmp_path):
    mid = connect(board, tmp_path)
    put(board, mid, "goals", "Find a job.")
    run(board, "tom", "agreement", "submit", str(mid))
    run(board, "maria", "agreement", "approve", str(mid))
    sha = show(board, "tom", mid)["sha256"]
    def free_places():
        return json.loads(run(board, "tom", "mentor", str(user_id(
            board, "maria")), "--json").stdout)["free_places"]
    assert free_places() == 1
    before = len(board.mails())
    r = board.member("tom", PW, "mentorship", "end", str(mid),
                     "--feedback-stdin", input=b"It helped a lot.")
    assert r.returncode == 0, r.stderr
    assert "mentorship-ended" in kinds(board, "maria")
    assert "mentorship-ended" in kinds(board, "tom")
    (ship,) = json.loads(run(board, "maria", "mentorships",
                             "--json").stdout)
    assert ship["state"] == "ended"
    assert free_places() == 2
    # The feedback is the team's: the mentor reads it nowhere.
    everything = b"".join(
        run(board, "maria", *c).stdout for c in
        (("agreement", "show", str(mid), "--json"),
         ("notifications", "--json"), ("chat", "log", str(mid))))
    assert b"It helped" not in everything
    # Read only now; the place is free again.
    assert board.member("tom", PW, "chat", "send", str(mid),
                        input=b"hi").returncode == 1
    assert board.member("tom", PW, "agreement", "set", str(mid), "goals",
                        input=b"x").returncode == 1
    assert board.member("maria", PW, "mentorship", "end",
                        str(mid)).returncode == 1
    mails = board.mails()[before:]
    assert len(mails) == 2
    for user, name in (("tom", "Tom Trainee"), ("maria", "Maria Mentorova")):
        text = run(board, user, "certificate", str(mid)).stdout.decode()
        assert f"{name} took part as" in text
        assert "Maria M." in text and "Tom T." in text
        assert f"SHA-256 {sha}" in text and "version 1" in text
        # Each holder's own name only: not the other's surname.
        other = "Mentorova" if user == "tom" else "Trainee"
        assert other not in text
        code = re.search(r"certificate verify (\S+)", text).group(1)
        assert any(code in m for m in mails)
        r = board.ssh("guest", "certificate", "verify", code)
        assert r.returncode == 0, r.stderr
        out = r.stdout.decode()
        assert "Genuine" in out and "Maria M." in out and "Tom T." in out
        assert "Mentorova" not in out and "Trainee" not in out
    r = board.ssh("guest", "certificate", "verify", "AAAA-BBBB-CCCC")
    assert r.returncode == 1 and b"Not genuine" in r.stdout
    assert board.member("tom", PW, "certificate",
                        "999").returncode == 1


def test_agreement_on_screen(board, tmp_path, term_factory):
    """The editor saves as typed and keeps the text when the connection
    drops; submit, approve and the official date on both screens."""
    mid = connect(board, tmp_path)
    t = term_factory("tom", "agreement", "edit", str(mid), password=PW,
                     rows=30)
    t.wait_for("Section 1 of 6: Goals of the mentorship")
    t.wait_for("For example:")
    t.send("Learn to negotiate a salary.")
    t.send("\t")
    t.wait_for("Section 2 of 6")
    t.send("Every three weeks.")
    # Undo takes back the last change only (a move ends one), and again
    # brings it back.
    t.send("\x1b[D\x1b[C oops")
    t.wait_for("Every three weeks. oops")
    t.send("\x1a")
    t.wait_gone("oops")
    t.send("\x1a")
    t.wait_for("Every three weeks. oops")
    t.send("\x1a")
    t.wait_gone("oops")
    t.wait_for("Every three weeks.")
    t.close()  # the connection drops: what was typed is saved
    wait_until(lambda: show(board, "tom", mid)["draft"] is not None and
               show(board, "tom", mid)["draft"]["rhythm"] ==
               "Every three weeks.", what="the draft saved")
    assert show(board, "tom", mid)["draft"]["goals"] == \
        "Learn to negotiate a salary."
    t = term_factory("tom", "agreement", str(mid), password=PW, rows=30)
    t.wait_for("Your draft is not submitted")
    t.send("s")
    t.wait_for("Version 1 sent to your mentor")
    m = term_factory("maria", "agreement", str(mid), password=PW, rows=30)
    m.wait_for("A version waits for you")
    m.wait_for("Learn to negotiate a salary.")
    m.send("a")
    m.wait_for("Approved: this version is in force.")
    m.wait_for("officially a mentorship since")
    t.wait_for("officially a mentorship since", timeout=3)
    h = term_factory("maria", "agreement", str(mid), password=PW, rows=30)
    h.wait_for("Agreed by both")
    h.send("h")
    h.wait_for("in force")
    h.wait_for("+Learn to negotiate a salary.")
