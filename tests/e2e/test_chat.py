"""Chat between mentor and mentee, and the first meeting: lines arrive live
on the other's screen, only the two of a mentorship read or write, what
was typed is kept and shown inert, limits are refused whole, history
outlives a restart, and an agreed meeting comes by mail as an iCalendar
invitation calendar programs read."""

import calendar
import datetime
import email
import email.policy
import json
import re
import time

import icalendar

from conftest import Board, limit, wait_until
from people import AREA, PW, make_mentee, make_mentor, run

PASTE_BEGIN, PASTE_END = "\x1b[200~", "\x1b[201~"


def connect(board, tmp_path, mentor="maria", mentee="tom"):
    """A mentor and a mentee whose request was accepted; the chat's id."""
    mentor_id = make_mentor(board, mentor)
    make_mentee(board, mentee, tmp_path)
    r = board.member(mentee, PW, "requests", "send", str(mentor_id),
                     "--area", f"'{AREA}'")
    assert r.returncode == 0, r.stderr
    rid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    run(board, mentor, "requests", "accept", str(rid))
    return rid


def log(board, user, cid, *extra):
    return json.loads(run(board, user, "chat", "log", str(cid), "--json",
                          *extra).stdout)


def say(board, user, cid, text):
    return board.member(user, PW, "chat", "send", str(cid),
                        input=text.encode())


def test_both_see_each_others_lines_live(board, tmp_path, term_factory):
    cid = connect(board, tmp_path)
    m = term_factory("maria", "chat", str(cid), password=PW)
    t = term_factory("tom", "chat", str(cid), password=PW)
    m.wait_for("With Tom T.")
    t.wait_for("With Maria M.")
    m.send("Hello Tom, when are you free?\r")
    start = time.monotonic()
    t.wait_for("Hello Tom, when are you free?", timeout=1.0)
    assert time.monotonic() - start < 1.0
    # Typing while a line arrives: the half-written message stays.
    t.send("Thursday")
    say(board, "maria", cid, "Or Friday?")
    t.wait_for("Or Friday?", timeout=1.0)
    t.send(" works\r")
    m.wait_for("Thursday works", timeout=1.0)
    lines = log(board, "tom", cid)
    assert [(x["from"], x["text"]) for x in lines] == [
        ("Maria M.", "Hello Tom, when are you free?"),
        ("Maria M.", "Or Friday?"),
        ("Tom T.", "Thursday works")]
    assert all(set(x) >= {"id", "from", "at", "text"} for x in lines)
    # Read on screen: nothing unread on either side.
    wait_until(lambda: [c["unread"] for c in json.loads(
        run(board, "tom", "chat", "--json").stdout)] == [0])
    (chat,) = json.loads(run(board, "maria", "chat", "--json").stdout)
    assert chat["id"] == cid and chat["other"] == "Tom T."
    assert chat["last"] == "Thursday works"


def test_new_line_and_unread_marker(board, tmp_path, term_factory):
    cid = connect(board, tmp_path)
    say(board, "maria", cid, "first")
    say(board, "maria", cid, "second")
    (chat,) = json.loads(run(board, "tom", "chat", "--json").stdout)
    assert chat["unread"] == 2
    kinds = [n["kind"] for n in json.loads(
        run(board, "tom", "notifications", "--json").stdout)]
    assert kinds.count("chat") == 1, "one notification while unread"
    t = term_factory("tom", password=PW)
    t.wait_for("What would you like to do?")
    t.send("c")
    t.wait_for("Maria M.")
    t.wait_for("(2)")
    t.send("\r")
    t.wait_for("With Maria M.")
    # Read: the chat's notification too, in every session.
    wait_until(lambda: [n["read"] for n in json.loads(run(
        board, "tom", "notifications", "--json").stdout)
        if n["kind"] == "chat"] == [True], timeout=2)
    t.wait_for("1 unread")  # the request's
    # The marker stands above the first unread line.
    screen = t.text()
    assert screen.index("\u2500 new \u2500") < screen.index("first") < \
        screen.index("second")
    # Ctrl-J and Alt-Enter start new lines; Enter sends all of it.
    t.send("one\ntwo\x1b\rthree\r")
    wait_until(lambda: log(board, "maria", cid)[-1]["text"] ==
               "one\ntwo\nthree", what="the three lines in one message")


def test_outsiders_read_nothing(board, tmp_path):
    cid = connect(board, tmp_path)
    say(board, "tom", cid, "private words")
    board.add_user("eve", first="Eve", last="Outsider")
    for command in (("chat", "log", str(cid)), ("chat", str(cid))):
        r = board.member("eve", PW, *command)
        assert r.returncode == 1
        assert b"no chat" in r.stderr
        assert b"private words" not in r.stdout + r.stderr
    r = say(board, "eve", cid, "let me in")
    assert r.returncode == 1
    assert json.loads(run(board, "eve", "chat", "--json").stdout) == []
    r = board.ssh("guest", "chat", "log", str(cid))
    assert r.returncode != 0 and b"private words" not in r.stdout
    assert [x["text"] for x in log(board, "maria", cid)] == ["private words"]


def test_no_chat_before_accept_and_read_only_after_end(board, tmp_path):
    mentor_id = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    r = board.member("tom", PW, "requests", "send", str(mentor_id),
                     "--area", f"'{AREA}'")
    rid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    r = say(board, "tom", rid, "hello?")
    assert r.returncode == 1 and b"no such chat" in r.stderr
    run(board, "maria", "requests", "accept", str(rid))
    assert say(board, "tom", rid, "hello!").returncode == 0
    with board.db() as db:
        db.execute("UPDATE mentorship SET state = 'ended' WHERE id = ?",
                   (rid,))
    r = say(board, "tom", rid, "still there?")
    assert r.returncode == 1 and b"ended" in r.stderr
    assert [x["text"] for x in log(board, "maria", rid)] == ["hello!"]


def test_escape_sequences_arrive_inert(board, tmp_path, term_factory):
    cid = connect(board, tmp_path)
    m = term_factory("maria", "chat", str(cid), password=PW)
    m.wait_for("With Tom T.")
    evil = "\x1b[2J\x1b]0;owned\x07\x1b[31mred\x1b[0m \u202eevil\u202c"
    assert say(board, "tom", cid, evil).returncode == 0
    m.wait_for("^[[31mred", timeout=2)
    screen = m.text()
    assert "With Tom T." in screen, "the screen was not cleared"
    assert "^[[2J" in screen and "^[]0;owned^G" in screen
    assert m.screen.title != "owned"
    # Stored as typed, and read back so.
    assert log(board, "maria", cid)[-1]["text"] == evil
    # The plain log shows it visibly too.
    out = run(board, "maria", "chat", "log", str(cid)).stdout
    assert b"\x1b" not in out and b"^[[2J" in out


def test_limits_refused_whole(board, tmp_path, term_factory):
    cid = connect(board, tmp_path)
    most = limit("CHAT_LINE_MAX")
    assert most == 2000
    assert say(board, "tom", cid, "x" * most).returncode == 0
    r = say(board, "tom", cid, "y" * (most + 1))
    assert r.returncode == 1 and b"2001 characters" in r.stderr
    assert [len(x["text"]) for x in log(board, "tom", cid)] == [most]
    t = term_factory("tom", "chat", str(cid), password=PW)
    t.wait_for("0 of 2000 characters")
    t.send(PASTE_BEGIN + "z" * 3000 + PASTE_END)
    t.wait_for("Not pasted: that is 3000 characters")
    assert "0 of 2000 characters" in t.text()
    # A paste that fits comes whole, its newline not sending it.
    t.send(PASTE_BEGIN + "line one\rline two" + PASTE_END)
    t.wait_for("17 of 2000 characters")
    t.send("\r")
    wait_until(lambda: log(board, "tom", cid)[-1]["text"] ==
               "line one\nline two", what="the pasted message")
    # Typing past the limit is refused, and said.
    t.send(PASTE_BEGIN + "w" * most + PASTE_END)
    t.wait_for(f"{most} of 2000 characters")
    t.send("v")
    t.wait_for("A message holds at most 2000 characters")


def test_history_survives_restart(tmp_path):
    (tmp_path / "state").mkdir()
    board = Board(str(tmp_path / "state"))
    try:
        cid = connect(board, tmp_path)
        say(board, "tom", cid, "before the restart")
        board.stop()
        board = Board(str(tmp_path / "state"))
        assert [x["text"] for x in log(board, "maria", cid)] == \
            ["before the restart"]
        say(board, "maria", cid, "after it")
        assert [x["text"] for x in log(board, "tom", cid, "--since",
                                       "1")] == ["after it"]
    finally:
        board.stop()


def vienna_to_utc(text):
    """"YYYY-MM-DD HH:MM" in Vienna (UTC+1 in winter, +2 in summer, as the
    EU's rule has it) as UTC seconds."""
    local = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")
    def last_sunday(month):
        d = datetime.datetime(local.year, month, 31)
        return d - datetime.timedelta(days=(d.weekday() + 1) % 7)
    summer = (last_sunday(3).replace(hour=2) <= local <
              last_sunday(10).replace(hour=3))
    return calendar.timegm(local.timetuple()) - (2 if summer else 1) * 3600


def invitation(mail):
    """The calendar attached to a mail, parsed; and its raw text."""
    msg = email.message_from_string(mail, policy=email.policy.default)
    (part,) = [p for p in msg.iter_attachments()
               if p.get_content_type() == "text/calendar"]
    raw = part.get_payload(decode=True)
    return icalendar.Calendar.from_ical(raw), raw


def test_meeting_proposed_accepted_and_mailed(board, tmp_path):
    cid = connect(board, tmp_path)
    r = board.member("tom", PW, "meeting", "propose", str(cid), "--at",
                     "'2020-01-01 10:00'", "--place", "Cafe")
    assert r.returncode == 1 and b"passed" in r.stderr
    when = (datetime.datetime.utcnow() + datetime.timedelta(days=3)).strftime(
        "%Y-%m-%d 15:00")
    place = "Café Central, Herrengasse 14; Wien"
    r = board.member("tom", PW, "meeting", "propose", str(cid), "--at",
                     f"'{when}'", "--minutes", "90", "--place", f"'{place}'")
    assert r.returncode == 0, r.stderr
    mid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    assert "meeting-proposed" in [n["kind"] for n in json.loads(
        run(board, "maria", "notifications", "--json").stdout)]
    (line,) = log(board, "maria", cid)
    assert line["meeting"] == mid and f"#{mid}" in line["text"]
    # Not the proposer's to answer, nor an outsider's.
    r = board.member("tom", PW, "meeting", "accept", str(mid))
    assert r.returncode == 1
    board.add_user("eve")
    assert board.member("eve", PW, "meeting", "accept",
                        str(mid)).returncode == 1
    before = len(board.mails())
    run(board, "maria", "meeting", "accept", str(mid))
    assert board.member("maria", PW, "meeting", "decline",
                        str(mid)).returncode == 1, "answered once"
    assert len(log(board, "tom", cid)) == 2
    for user in ("maria", "tom"):
        (m,) = json.loads(run(board, user, "meeting", "--json").stdout)
        assert m["id"] == mid and m["place"] == place
        assert m["starts_at"] == vienna_to_utc(when)
    mails = board.mails()[before:]
    assert sorted(re.search(r"(?m)^To: (?:.*<)?([a-z]+)@", m).group(1)
                  for m in mails) == ["maria", "tom"]
    for mail in mails:
        cal, raw = invitation(mail)
        assert raw.endswith(b"\r\n")
        for physical in raw.split(b"\r\n"):
            assert len(physical) <= 75 and b"\n" not in physical
        (event,) = cal.walk("VEVENT")
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None
        assert int(start.timestamp()) == vienna_to_utc(when)
        assert event.decoded("DTEND") - start == datetime.timedelta(
            minutes=90)
        assert str(event["LOCATION"]) == place
        assert str(event["UID"]).startswith(f"meeting-{mid}@")
        assert "DTSTAMP" in event
        assert "Tom T." in str(event["SUMMARY"])


def test_meeting_on_screen(board, tmp_path, term_factory):
    cid = connect(board, tmp_path)
    when = (datetime.datetime.utcnow() + datetime.timedelta(days=2)).strftime(
        "%Y-%m-%d 18:30")
    t = term_factory("tom", "chat", str(cid), password=PW, rows=30)
    m = term_factory("maria", "chat", str(cid), password=PW, rows=30)
    t.wait_for("With Maria M.")
    m.wait_for("With Tom T.")
    t.send("\t")
    t.wait_for("m propose a")
    t.send("m")
    t.wait_for("Propose a time to meet")
    t.send(when + "\t\t" + "Library, room 2" + "\x13")
    t.wait_for("proposed; you hear when it is answered")
    m.wait_for("Tab, then y accept or n decline", timeout=2)
    m.send("\ty")
    m.wait_for("Accepted: both of you get the invitation")
    t.wait_for("accepts meeting", timeout=2)
    h = term_factory("tom", password=PW, rows=30)
    h.wait_for("Your meetings")
    h.wait_for(re.compile(r"\d\d:\d\d with Maria M\.\s*\n.*Library, room 2"))


def test_time_zone_setting(board, tmp_path):
    cid = connect(board, tmp_path)
    assert run(board, "tom", "timezone").stdout.strip() == b"Europe/Vienna"
    r = board.member("tom", PW, "timezone", "Mars/Olympus")
    assert r.returncode == 1 and b"not a time zone" in r.stderr
    r = board.member("tom", PW, "timezone", "../../etc/passwd")
    assert r.returncode == 1
    run(board, "tom", "timezone", "America/New_York")
    # The next 10 January: winter on both sides of the Atlantic.
    today = datetime.date.today()
    day = datetime.date(today.year + (today >= datetime.date(
        today.year, 1, 10)), 1, 10).isoformat()
    run(board, "tom", "meeting", "propose", str(cid), "--at",
        f"'{day} 09:00'", "--place", "Zoom")
    (m,) = log(board, "maria", cid)
    # Proposed at 09:00 in New York: 15:00 in Vienna for the mentor.
    assert f"{day} 15:00 CET" in m["text"]
    assert f"{day} 09:00 EST" in log(board, "tom", cid)[0]["text"]
