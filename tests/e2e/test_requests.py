"""Mentoring requests: a mentee who may sends one, the mentor reads the
application and accepts or declines, the mentee may withdraw, the board
reminds and lets the unanswered expire; limits hold under concurrent load;
nobody else sees anything of it."""

import concurrent.futures
import json
import subprocess

from conftest import NO_EARLY_DROP, limit, wait_until
from people import AREA, PW, make_mentee, make_mentor, run, user_id

DAY = 24 * 3600
TICK_S = 5 + 1 + 3  # the housekeeping's tick and the clock file's reread


def send(board, mentee, mentor_id, message="Hello, could you help me?"):
    return board.member(mentee, PW, "requests", "send", str(mentor_id),
                        "--area", f"'{AREA}'", "--message-stdin",
                        input=message.encode())


def requests(board, user):
    return json.loads(run(board, user, "requests", "--json").stdout)


def show(board, user, rid):
    return json.loads(run(board, user, "requests", "show", str(rid),
                          "--json").stdout)


def notifications(board, user):
    return json.loads(run(board, user, "notifications", "--json").stdout)


def test_send_read_accept(board, tmp_path):
    mentor = make_mentor(board, "maria", capacity=2)
    make_mentee(board, "tom", tmp_path)
    r = send(board, "tom", mentor, "I would like to start in software.")
    assert r.returncode == 0, r.stderr
    (req,) = requests(board, "maria")
    assert req["state"] == "open" and req["role"] == "mentor"
    assert req["mentor"] == "Maria M." and req["mentee"] == "Tom T."
    assert req["area"] == AREA and req["sent_at"] > 0
    assert [n["kind"] for n in notifications(board, "maria")] == \
        ["request-new"]
    detail = show(board, "maria", req["id"])
    assert detail["message"] == "I would like to start in software."
    assert detail["sections"] == {
        s: f"tom's {s} section." for s in
        ("my-data", "situation", "goals", "help")}
    assert detail["cv"]["width"] == 320 and detail["cv"]["height"] == 240
    assert f"requests/{req['id']}/cv.jpg" in detail["cv"]["fetch"]
    with board.db() as db:
        reads = db.execute("SELECT actor_id, action, subject_id FROM audit "
                           "WHERE object_id = ?", (req["id"],)).fetchall()
    assert (mentor, "read-application", user_id(board, "tom")) in reads
    assert json.loads(run(board, "tom", "mentor", str(mentor),
                          "--json").stdout)["free_places"] == 2

    r = board.member("maria", PW, "requests", "accept", str(req["id"]),
                     "--message-stdin", input=b"Gladly! Let us talk.")
    assert r.returncode == 0, r.stderr
    (ship,) = json.loads(run(board, "tom", "mentorships", "--json").stdout)
    assert ship["id"] == req["id"] and ship["state"] == "connected"
    assert ship["role"] == "mentee" and ship["other"] == "Maria M."
    (ship,) = json.loads(run(board, "maria", "mentorships", "--json").stdout)
    assert ship["role"] == "mentor" and ship["other"] == "Tom T."
    accepted = notifications(board, "tom")[0]
    assert accepted["kind"] == "request-accepted"
    assert "Gladly! Let us talk." in accepted["text"]
    assert json.loads(run(board, "tom", "mentor", str(mentor),
                          "--json").stdout)["free_places"] == 1
    # Answered is answered.
    r = board.member("maria", PW, "requests", "decline", str(req["id"]),
                     "--reason", "no-time")
    assert r.returncode == 1 and b"connected" in r.stderr
    r = board.member("tom", PW, "requests", "withdraw", str(req["id"]))
    assert r.returncode == 1


def test_decline_with_reason_and_withdraw(board, tmp_path):
    mentor = make_mentor(board, "maria")
    other = make_mentor(board, "mona", first="Mona", last="Mentor")
    make_mentee(board, "tom", tmp_path)
    assert send(board, "tom", mentor).returncode == 0
    assert send(board, "tom", other).returncode == 0
    mine = {r["mentor"]: r["id"] for r in requests(board, "tom")}
    r = board.member("maria", PW, "requests", "decline",
                     str(mine["Maria M."]), "--reason", "wizard")
    assert r.returncode == 2 and b"no-time" in r.stderr
    r = board.member("maria", PW, "requests", "decline",
                     str(mine["Maria M."]), "--reason", "not-a-fit",
                     "--message-stdin", input=b"Ask someone in finance.")
    assert r.returncode == 0, r.stderr
    declined = show(board, "tom", mine["Maria M."])
    assert declined["state"] == "declined"
    assert declined["decline_reason"] == "not-a-fit"
    text = notifications(board, "tom")[0]["text"]
    assert "another mentor fits you better" in text
    assert "Ask someone in finance." in text
    # Only the mentee withdraws, only an open request.
    r = board.member("mona", PW, "requests", "withdraw",
                     str(mine["Mona M."]))
    assert r.returncode == 1
    assert run(board, "tom", "requests", "withdraw",
               str(mine["Mona M."])).returncode == 0
    assert show(board, "mona", mine["Mona M."])["state"] == "withdrawn"
    assert notifications(board, "mona")[0]["kind"] == "request-withdrawn"


def test_reminders_and_expiry(board, tmp_path):
    mentor = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    assert send(board, "tom", mentor).returncode == 0
    (req,) = requests(board, "tom")

    def kinds(user):
        return [n["kind"] for n in notifications(board, user)]
    board.set_clock(limit("REQUEST_REMIND_FIRST_DAYS") * DAY + 60)
    wait_until(lambda: kinds("maria").count("request-reminder") == 1,
               timeout=TICK_S, what="the first reminder")
    board.set_clock(limit("REQUEST_REMIND_SECOND_DAYS") * DAY + 60)
    wait_until(lambda: kinds("maria").count("request-reminder") == 2,
               timeout=TICK_S, what="the second reminder")
    assert show(board, "tom", req["id"])["state"] == "open"
    board.set_clock(limit("REQUEST_EXPIRY_DAYS") * DAY + 60)
    wait_until(lambda: show(board, "tom", req["id"])["state"] == "expired",
               timeout=TICK_S, what="the expiry")
    assert "request-expired" in kinds("tom")
    assert kinds("maria").count("request-reminder") == 2


def test_what_stands_in_the_way(board, tmp_path):
    mentor = make_mentor(board, "maria", capacity=1)
    make_mentee(board, "una", tmp_path, member=False)
    r = send(board, "una", mentor)
    assert r.returncode == 1
    assert b"not a member of the alumni community" in r.stderr
    make_mentee(board, "tom", tmp_path)
    r = board.member("tom", PW, "requests", "send", str(mentor), "--area",
                     "Leadership")
    assert r.returncode == 1 and b"choose an area" in r.stderr
    assert send(board, "tom", mentor).returncode == 0
    r = send(board, "tom", mentor)
    assert r.returncode == 1 and b"a request or a mentorship" in r.stderr
    run(board, "maria", "profile", "set", "--available", "no")
    make_mentee(board, "ida", tmp_path)
    r = send(board, "ida", mentor)
    assert r.returncode == 1 and b"no new requests" in r.stderr
    assert requests(board, "maria")[0]["state"] == "open", "kept"
    # Three open requests at most.
    others = [make_mentor(board, f"mentor{i}", first="Otto",
                          last="O" + chr(ord("a") + i))
              for i in range(limit("REQUEST_OPEN_MAX"))]
    for m in others[:limit("REQUEST_OPEN_MAX") - 1]:
        assert send(board, "tom", m).returncode == 0
    r = send(board, "tom", others[-1])
    assert r.returncode == 1 and b"three requests" in r.stderr
    s = json.loads(run(board, "tom", "membership", "--json").stdout)
    assert "too-many-open" in s["missing"]


def test_nobody_else_sees_it(board, tmp_path):
    mentor = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    board.add_user("eve", first="Eve", last="Eavesdropper")
    assert send(board, "tom", mentor).returncode == 0
    (req,) = requests(board, "tom")
    r = board.member("eve", PW, "requests", "show", str(req["id"]))
    assert r.returncode == 1 and b"no such request" in r.stderr
    assert requests(board, "eve") == []
    r = board.member("eve", PW, "requests", "accept", str(req["id"]))
    assert r.returncode == 1
    r = board.ssh("guest", "requests", "show", str(req["id"]))
    assert r.returncode == 1 and b"for members" in r.stderr
    assert b"tom's" not in r.stdout + r.stderr


@NO_EARLY_DROP
def test_fifty_accepts_at_once_make_two_mentorships(board, tmp_path):
    mentor = make_mentor(board, "maria", capacity=2)
    key = str(tmp_path / "maria")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    key], check=True)
    with open(key + ".pub", "rb") as f:
        run(board, "maria", "keys", "add", input=f.read())
    assert board.admin("demo", "--users", "50").returncode == 0
    with board.db() as db:
        (area,) = db.execute("SELECT id FROM area WHERE name = ?",
                             (AREA,)).fetchone()
        mentees = [u for (u,) in db.execute(
            "SELECT id FROM user WHERE is_demo = 1 LIMIT 50")]
        for u in mentees:
            db.execute("INSERT INTO mentorship (mentee_id, mentor_id, "
                       "area_id, state, sent_at) VALUES (?, ?, ?, 'open', "
                       "strftime('%s'))", (u, mentor, area))
        ids = [i for (i,) in db.execute(
            "SELECT id FROM mentorship WHERE mentor_id = ?", (mentor,))]
    assert len(ids) == 50

    def accept(i):
        return board.with_key("maria", key, "requests", "accept",
                              str(ids[i]), timeout=120,
                              source=f"127.0.2.{i + 1}")
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(accept, range(50)))
    ok = [r for r in results if r.returncode == 0]
    full = [r for r in results if b"no free places" in r.stderr]
    assert len(ok) == 2, [r.stderr for r in results if r.returncode != 0]
    assert len(full) == 48, [r.stderr for r in results
                             if r.returncode != 0 and r not in full]
    with board.db() as db:
        states = db.execute("SELECT state, count(*) FROM mentorship GROUP BY "
                            "state").fetchall()
    assert dict(states) == {"connected": 2, "open": 48}


@NO_EARLY_DROP
def test_twenty_sends_at_once_make_three_requests(board, tmp_path):
    mentors = [make_mentor(board, f"mentor{i}", first="Otto",
                          last="O" + chr(ord("a") + i))
               for i in range(20)]
    make_mentee(board, "tom", tmp_path)
    key = str(tmp_path / "key-tom")

    def send_one(i):
        return board.with_key("tom", key, "requests", "send",
                              str(mentors[i]), "--area", f"'{AREA}'",
                              timeout=120, source=f"127.0.3.{i + 1}")
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(send_one, range(20)))
    ok = [r for r in results if r.returncode == 0]
    assert len(ok) == limit("REQUEST_OPEN_MAX"), \
        [r.stderr for r in results]
    assert all(b"three requests" in r.stderr for r in results
               if r.returncode != 0)
    assert len(requests(board, "tom")) == limit("REQUEST_OPEN_MAX")


def test_the_flow_on_screen(board, tmp_path, term_factory):
    make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    t = term_factory("tom", "search", "Maria", password=PW)
    t.wait_for("1 mentor")
    t.send("\r\r")  # to the results, open the first
    t.wait_for("How I can help")
    t.send("r")
    t.wait_for("Request mentoring")
    t.send("\tPlease help me.")
    t.send("\x13")
    t.wait_for("This is what the mentor will see")
    t.wait_for("tom's goals section.")
    m = term_factory("maria", password=PW)
    m.wait_for("What would you like to do?")
    t.send("\x13")
    t.wait_for("sent; you hear as soon as Maria M. answers")
    m.wait_for("Tom T. asks you for mentoring.", timeout=3)
    m.send("r")  # Requests (q stays quit)
    m.wait_for("Tom T.")
    m.send("\r")
    m.wait_for("tom's my-data section.")
    m.send("a")
    m.wait_for("Accept")
    m.send("See you soon\x13")
    m.wait_for("Accepted: a mentorship begins.")
    t.wait_for("Maria M. accepted your request: See you soon", timeout=3)
