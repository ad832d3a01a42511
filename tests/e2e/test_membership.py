"""The alumni community: a member asks, the mentoring team approves, the
code comes by mail and is redeemed; codes issued by hand, open or bound;
every code that does not work says the same; wrong codes slow down the
address they come from and not another."""

import json
import re
import subprocess
import threading
import time

from conftest import TEAM_ADDRESS, limit, logged_waits, wait_until

PW = "correct horse battery"
CODE = re.compile(r"\b[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}\b")
NOT_VALID = "this access code is not valid"


def access_code(board, to):
    """The access code in the newest mail to an address."""
    for m in reversed(board.mails()):
        if f"To: {to}" in m:
            found = CODE.search(m)
            assert found, m
            return found.group(0)
    raise AssertionError(f"no mail to {to}")


def status(board, user, source=None):
    r = board.member(user, PW, "membership", "--json", source=source)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def request(board, user, *extra, message=None):
    args = ["membership", "request", "--programme", "'Computer Science'",
            "--graduation-year", "2019", "--relation", "graduate",
            "--join-community", *extra]
    if message is not None:
        args.append("--message-stdin")
    return board.member(user, PW, *args,
                        input=message.encode() if message else None)


def redeem(board, user, code, source=None):
    return board.member(user, PW, "membership", "redeem", code,
                        source=source)


def refused(r):
    """r is the refusal of a code that is not valid, not another failure
    (a login that did not work, a busy store)."""
    assert r.returncode == 1, r.stderr
    assert r.stderr.decode().strip() == "mentor: " + NOT_VALID, r.stderr


def issue(board, *args):
    r = board.admin("codes", "issue", "--json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_request_approve_mail_redeem(board):
    board.add_user("mia", first="Mia", last="Musterfrau")
    s = status(board, "mia")
    assert s["status"] == "none" and s["member_since"] is None
    assert "not-member" in s["missing"]
    assert not s["can_write_to_mentors"]

    r = request(board, "mia", message="Alumni since 2019, no number.")
    assert r.returncode == 0, r.stderr
    s = status(board, "mia")
    assert s["status"] == "requested" and s["requested_at"] > 0
    # The team hears of it, with what to run.
    team = [m for m in board.mails() if f"To: {TEAM_ADDRESS}" in m]
    assert len(team) == 1 and "membership approve" in team[0]
    assert "Alumni since 2019" in team[0]
    # A second request while the first is open is refused.
    r = request(board, "mia")
    assert r.returncode == 1 and b"with the mentoring team" in r.stderr

    listed = json.loads(board.admin("membership", "list", "--json").stdout)
    assert [(x["username"], x["status"]) for x in listed] == [("mia", "open")]
    assert listed[0]["requested_at"] == s["requested_at"]
    r = board.admin("membership", "approve", str(listed[0]["id"]))
    assert r.returncode == 0, r.stderr
    code = access_code(board, "mia@example.org")
    r = board.admin("membership", "approve", str(listed[0]["id"]))
    assert r.returncode == 1 and b"no such open" in r.stderr

    # Typed in lower case, without dashes.
    r = redeem(board, "mia", code.replace("-", "").lower())
    assert r.returncode == 0, r.stderr
    s = status(board, "mia")
    assert s["status"] == "member" and s["member_since"] > 0
    assert "not-member" not in s["missing"]
    r = redeem(board, "mia", code)
    assert r.returncode == 1 and b"member of the alumni community" in r.stderr


def test_decline_tells_the_reason_and_one_may_ask_again(board):
    board.add_user("ole", first="Ole", last="Olsen")
    assert request(board, "ole").returncode == 0
    rid = json.loads(board.admin("membership", "list", "--json").stdout)[0]
    r = board.admin("membership", "decline", str(rid["id"]))
    assert r.returncode == 2 and b"--reason is required" in r.stderr
    r = board.admin("membership", "decline", str(rid["id"]), "--reason",
                    "We could not find you among the graduates of 2019.")
    assert r.returncode == 0, r.stderr
    s = status(board, "ole")
    assert s["status"] == "declined"
    assert s["reason"] == "We could not find you among the graduates of 2019."
    assert any("To: ole@example.org" in m and "graduates of 2019" in m
               for m in board.mails())
    # Asked again: a new request in the queue.
    assert request(board, "ole", "--already-member",
                   message="Membership no. 4711").returncode == 0
    assert status(board, "ole")["status"] == "requested"
    listed = json.loads(board.admin("membership", "list", "--open",
                                    "--json").stdout)
    assert len(listed) == 1 and listed[0]["already_member"]
    assert listed[0]["message"] == "Membership no. 4711"


def test_request_needs_consent_and_valid_fields(board):
    board.add_user("pia", first="Pia", last="Peters")
    r = board.member("pia", PW, "membership", "request", "--programme",
                     "Physics", "--graduation-year", "2019", "--relation",
                     "graduate")
    assert r.returncode == 1 and b"--join-community" in r.stderr
    for year in ("19", "2x19", "1800", "2999"):
        r = board.member("pia", PW, "membership", "request", "--programme",
                         "Physics", "--graduation-year", year, "--relation",
                         "graduate", "--join-community")
        assert r.returncode == 1 and b"--graduation-year" in r.stderr, year
    r = board.member("pia", PW, "membership", "request", "--programme",
                     "Alchemy", "--graduation-year", "2019", "--relation",
                     "graduate", "--join-community")
    assert r.returncode == 1 and b"--programme" in r.stderr
    r = board.member("pia", PW, "membership", "request", "--programme",
                     "Physics", "--graduation-year", "2019", "--relation",
                     "wizard", "--join-community")
    assert r.returncode == 2
    long_message = "x" * (limit("MEMBERSHIP_MESSAGE_MAX") + 1)
    assert request(board, "pia", message=long_message).returncode == 1
    assert status(board, "pia")["status"] == "none", "nothing was written"


def test_codes_by_hand_and_every_refusal_alike(board):
    for name in ("ann", "ben", "cem", "dan", "eva"):
        board.add_user(name, first=name.title(), last="Zett")
    # An open code works once, for whoever has it.
    open_code = issue(board)[0]["code"]
    assert redeem(board, "ann", open_code).returncode == 0
    refusals = [redeem(board, "ben", open_code)]           # used
    # A bound code works for its account only.
    bound = issue(board, "--for", "cem")[0]
    refusals.append(redeem(board, "dan", bound["code"]))   # someone else's
    assert redeem(board, "cem", bound["code"]).returncode == 0
    # Revoked.
    revoked = issue(board)[0]
    assert board.admin("codes", "revoke", str(revoked["id"])).returncode == 0
    refusals.append(redeem(board, "eva", revoked["code"]))
    # Expired: the clock moves past its days.
    expiring = issue(board, "--expires-days", "1")[0]
    board.set_clock(2 * 24 * 3600)
    refusals.append(redeem(board, "ben", expiring["code"], source="127.0.0.5"))
    refusals.append(redeem(board, "dan", "ABCD-EFGH-JKMN",
                           source="127.0.0.6"))           # unknown
    for r in refusals:
        refused(r)
    listed = json.loads(board.admin("codes", "list", "--json").stdout)
    states = {c["id"]: c["state"] for c in listed}
    assert states[bound["id"]] == "used"
    assert states[revoked["id"]] == "revoked"
    assert states[expiring["id"]] == "expired"
    assert not any("code" in c for c in listed), "codes are never shown again"
    assert [c["for"] for c in listed if c["id"] == bound["id"]] == ["cem"]
    # Codes are kept only as keyed hashes.
    with board.db() as db:
        stored = db.execute("SELECT code_hash FROM access_code").fetchall()
    assert all(open_code.encode() not in h and
               open_code.replace("-", "").encode() not in h
               for (h,) in stored)


def test_wrong_codes_slow_that_address_not_another(board):
    names = [f"try{i}" for i in range(7)]
    for name in names + ["calm"]:
        board.add_user(name, first="Tom", last="Tester")
    free = limit("AUTH_FREE_FAILURES")
    base = limit("AUTH_DELAY_BASE_MS")
    # Each wrong code from one address, from a different account.
    for name in names[:free + 2]:
        refused(redeem(board, name, "2222-3333-4444", source="127.0.0.2"))
    took = {}

    def slow():
        start = time.monotonic()
        took["answer"] = redeem(board, names[free + 2], "2222-3333-4444",
                                source="127.0.0.2")
        took["slow"] = time.monotonic() - start

    th = threading.Thread(target=slow)
    th.start()
    wait_until(lambda: len(logged_waits(board, "127.0.0.2")) == 3,
               what="the third wait of the slowed address")
    r = redeem(board, "calm", "2222-3333-4444", source="127.0.0.3")
    th.join()
    refused(r)
    refused(took["answer"])
    # Two failures past the free ones: 4 times the first delay.
    assert took["slow"] >= (base << 2) / 1000, took
    assert logged_waits(board, "127.0.0.2") == [base, base << 1, base << 2]
    # A right code from the calm address still works at once.
    code = issue(board, "--for", "calm")[0]["code"]
    assert redeem(board, "calm", code, source="127.0.0.3").returncode == 0
    assert logged_waits(board, "127.0.0.3") == []


def test_admin_codes_issue_limits(board):
    r = board.admin("codes", "issue", "--count", "0")
    assert r.returncode == 2
    r = board.admin("codes", "issue", "--count",
                    str(limit("ACCESS_CODES_ISSUE_MAX") + 1))
    assert r.returncode == 2
    r = board.admin("codes", "issue", "--for", "nobody")
    assert r.returncode == 1 and b"no member" in r.stderr
    r = board.admin("codes", "issue", "--count", "3")
    assert r.returncode == 0
    lines = r.stdout.decode().strip().split("\n")
    assert len(lines) == 3 and all(CODE.search(x) for x in lines)
    assert b"cannot be shown again" in r.stderr


def test_screens_show_the_way_and_take_a_code(board, term_factory):
    board.add_user("una", first="Una", last="Unger")
    t = term_factory("una", password=PW)
    t.wait_for("Before you can write to a mentor")
    t.wait_for("not a member of the alumni community")
    t.send("m")
    t.wait_for("Career Mentoring Program")
    t.send("p")
    t.wait_for("Not a member of the alumni community.")
    t.send("c")
    t.wait_for("Degree programme")
    # Programme preset from the fields of study; year; relation; consent.
    t.send("\t2018\t \t\t \x13")
    t.wait_for("Sent. The mentoring team answers by mail.")
    t.wait_for("Request sent on")
    assert status(board, "una")["status"] == "requested"
    code = issue(board, "--for", "una")[0]["code"]
    t.send("e")
    t.wait_for("Access code")
    t.send("2222-3333-4444\r")
    t.wait_for("not valid")
    t.send("\x15" + code.lower() + "\r")
    t.wait_for("Welcome to the alumni community!")
    t.wait_for("Member of the alumni community since")
