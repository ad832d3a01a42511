"""The mentoring team's members: search by anything, one member in full
(with logins), the address confirmed by hand, codes mailed again, sysops
made and unmade (never the last); every action in the audit log; the
console's Members page and a member's details with the actions as keys."""

import json
import re

from people import PW, make_mentee, make_mentor, run, user_id
from test_accounts import register_cmd


def audit(board, action):
    """(actor, subject, detail) of each audit row of action, oldest first."""
    with board.db() as db:
        return db.execute(
            "SELECT actor_id, subject_id, detail FROM audit WHERE action = ? "
            "ORDER BY id", (action,)).fetchall()


def admin(board, *args, user="sam"):
    return board.member(user, PW, "admin", *args)


def test_search_and_show(board, tmp_path):
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    mentor = make_mentor(board, "maria", first="Maria", last="Mentorova")
    mentee, key = make_mentee(board, "tom", tmp_path, first="Tom",
                              last="Trainee")
    run(board, "tom", "requests", "send", str(mentor), "--area",
        "'Career entry'")
    sam = user_id(board, "sam")
    # By surname, by address, by user name; every word must match.
    r = admin(board, "user", "search", "MENTOROVA", "--json")
    assert r.returncode == 0, r.stderr
    assert [u["username"] for u in json.loads(r.stdout)] == ["maria"]
    r = admin(board, "user", "search", "tom@example", "--json")
    assert [u["username"] for u in json.loads(r.stdout)] == ["tom"]
    r = admin(board, "user", "search", "tom", "maria")
    assert b"no member found" in r.stdout
    assert audit(board, "user-search")[-1] == (sam, None, "tom maria")

    r = admin(board, "user", "show", "tom", "--json")
    assert r.returncode == 0, r.stderr
    tom = json.loads(r.stdout)
    assert tom["id"] == mentee and tom["email"] == "tom@example.org"
    assert tom["last_name"] == "Trainee"
    assert {"area": "Career entry", "mentor": False,
            "mentee": True} in tom["roles"]
    assert tom["membership"]["status"] == "member"
    assert tom["application"] == {"sections": 4, "cv": True,
                                  "updated_at": tom["application"][
                                      "updated_at"]}
    (req,) = tom["mentorships"]
    assert (req["role"], req["other_id"], req["state"]) == \
        ("mentee", mentor, "open")
    assert req["other"] == f"Maria Mentorova (#{mentor})"
    # Every login so far: by password and by key (make_mentee uses both).
    methods = {login["method"] for login in tom["logins"]}
    assert methods == {"password", "key"}
    assert all(login["from"] == "127.0.0.1" for login in tom["logins"])
    # The mentor's side, as text, by id.
    r = admin(board, "user", "show", str(mentor))
    text = r.stdout.decode()
    assert "Maria Mentorova" in text and "maria@example.org" in text
    assert f"mentor of Tom Trainee (#{mentee}), Career entry: open" in text
    assert audit(board, "user-show")[-2:] == [(sam, mentee, ""),
                                              (sam, mentor, "")]
    r = admin(board, "user", "show", "nobody")
    assert r.returncode == 1 and b"no member nobody" in r.stderr


def test_confirm_resend_reset(board, term_factory):
    board.add_user("sam", sysop=True)
    assert register_cmd(board, "zoe").returncode == 0
    zoe = user_id(board, "zoe")
    sent = len(board.mails())
    # Within a minute of the first code: the member's limit holds.
    r = admin(board, "user", "resend", str(zoe))
    assert r.returncode == 1 and b"try again in" in r.stderr
    board.set_clock(61)
    r = admin(board, "user", "resend", str(zoe))
    assert r.returncode == 0, r.stderr
    assert len(board.mails()) == sent + 1
    assert "Confirm your e-mail address" in board.mails()[-1]
    # The address confirmed by hand: zoe may use the board at once, and
    # her screen waiting for the code goes home.
    t = term_factory("zoe", password=PW)
    t.wait_for("Please confirm your e-mail address")
    r = admin(board, "user", "confirm", "zoe")
    assert r.returncode == 0, r.stderr
    assert b"confirmed the address of zoe" in r.stdout
    t.wait_for("The mentoring team confirmed your address", timeout=2)
    t.wait_for("What would you like to do?")
    r = board.member("zoe", PW, "whoami", "--json")
    assert json.loads(r.stdout)["verified"] is True
    r = admin(board, "user", "confirm", "zoe")
    assert r.returncode == 1 and b"confirmed already" in r.stderr
    r = admin(board, "user", "resend", "zoe")
    assert r.returncode == 1 and b"confirmed already" in r.stderr
    # A reset code, usable by the member.
    r = admin(board, "user", "reset", str(zoe))
    assert r.returncode == 0, r.stderr
    assert "Reset your Mentorboard password" in board.mails()[-1]
    code = board.last_code("zoe@example.org")
    new = "another horse battery staple"
    r = board.ssh("guest", "reset", code,
                  input=(new + "\n" + new + "\n").encode())
    assert r.returncode == 0, r.stderr
    assert board.member("zoe", new, "whoami").returncode == 0
    sam = user_id(board, "sam")
    for action in ("user-resend", "user-confirm", "user-reset"):
        assert audit(board, action) == [(sam, zoe, "zoe@example.org")]


def test_sysop_on_and_off(board, term_factory):
    board.add_user("sam", sysop=True)
    board.add_user("ann")
    t = term_factory("ann", password=PW)
    t.wait_for("What would you like to do?")
    assert "Sysop" not in t.text()
    r = admin(board, "user", "sysop", "sam", "off")
    assert r.returncode == 1 and b"the last sysop" in r.stderr
    r = admin(board, "user", "sysop", "ann", "on")
    assert r.returncode == 0, r.stderr
    # ann's home screen offers the console at once.
    t.wait_for("Sysop", timeout=2)
    assert board.member("ann", PW, "admin", "areas", "list").returncode == 0
    # Now sam may step down; ann then may not.
    r = admin(board, "user", "sysop", "sam", "off")
    assert r.returncode == 0, r.stderr
    r = board.member("sam", PW, "admin", "areas", "list")
    assert r.returncode == 2 and b'unknown command "admin"' in r.stderr
    r = admin(board, "user", "sysop", "ann", "off", user="ann")
    assert r.returncode == 1 and b"the last sysop" in r.stderr
    r = admin(board, "user", "sysop", "ann", "maybe", user="ann")
    assert r.returncode == 2
    ann, sam = user_id(board, "ann"), user_id(board, "sam")
    assert audit(board, "user-sysop") == [(sam, ann, "on"),
                                          (sam, sam, "off")]


def test_members_page(board, term_factory):
    """The console: search, a member's details, the actions as keys, and
    a demoted sysop's console stops working at once."""
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("ann", first="Ann", last="Other")
    assert register_cmd(board, "zoe", first="Zoe",
                        last="Quist").returncode == 0
    t = term_factory("sam", password=PW, rows=30, cols=100)
    t.wait_for("Sysop")
    t.send("y")
    t.wait_for("The mentoring team's console")
    t.send("u")
    t.wait_for("zoe@example.org")
    t.wait_for("unconfirmed")
    t.send("quist\r")
    t.wait_for(re.compile(r"zoe\s+Zoe Quist"))
    t.wait_gone("ann@example.org")
    # A command typed on the search line, after ':'.
    t.send("\x15:user sysop ann on\r")
    t.wait_for("ann is a sysop now")
    t.wait_for(re.compile(r"zoe\s+Zoe Quist"))
    t.send("\r")
    t.wait_for('shown as "Zoe Q."')
    t.wait_for("address NOT confirmed")
    t.send("c")
    t.wait_for("confirmed the address of zoe")
    t.wait_for("address confirmed;")
    # Promote: asked first; n keeps things as they are.
    t.send("s")
    t.wait_for("Make zoe a sysop?")
    t.send("n")
    t.wait_gone("Make zoe a sysop?")
    t.send("s")
    t.send("y")
    t.wait_for("zoe is a sysop now")
    # A typed command, after ':'.
    t.send(":user sysop zoe off\r")
    t.wait_for("zoe is no longer a sysop")
    zoe, sam = user_id(board, "zoe"), user_id(board, "sam")
    assert audit(board, "user-confirm") == [(sam, zoe, "zoe@example.org")]
    assert (sam, zoe, "") in audit(board, "user-show")
    assert audit(board, "user-search") == [(sam, None, "quist")]
    # Another sysop takes sam's rights: sam's console refuses at once.
    r = admin(board, "user", "sysop", "sam", "off", user="ann")
    assert r.returncode == 0, r.stderr
    t.send("c")
    t.wait_for("you are no longer a sysop")
