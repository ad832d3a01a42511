"""Moderation: a ban by the mentoring team ends the member's live sessions
at once and refuses every way back in (screens, commands, SFTP and scp)
with the reason; members report a person or a chat line, and the team
reads it in context and warns, bans or dismisses, while the person
reported never learns who reported them; a member blocks someone, who can
then send them no request and no chat line."""

import json
import re
import time

import pexpect

from conftest import SSH_OPTIONS, limit
from people import AREA, PW, make_mentee, make_mentor, run, user_id
from test_accounts import register_cmd
from test_limits import readme_limits
from test_profile import jpeg, scp, sftp

REASON = "Spam in every chat"


def connect(board, tmp_path):
    """Maria mentors Tom: the request accepted, the chat's id."""
    mentor_id = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    r = board.member("tom", PW, "requests", "send", str(mentor_id),
                     "--area", f"'{AREA}'")
    assert r.returncode == 0, r.stderr
    rid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    run(board, "maria", "requests", "accept", str(rid))
    return rid


def say(board, user, cid, text):
    r = board.member(user, PW, "chat", "send", str(cid), input=text.encode())
    assert r.returncode == 0, r.stderr
    return int(re.search(rb"#(\d+)", r.stdout).group(1))


def notifications(board, user):
    return json.loads(run(board, user, "notifications", "--json").stdout)


def meet(board, mentee, mentor, mentor_id):
    """mentee asks mentor, who declines: from then on each has had a
    request with the other (nobody may block or report a stranger)."""
    r = board.member(mentee, PW, "requests", "send", str(mentor_id),
                     "--area", f"'{AREA}'")
    assert r.returncode == 0, r.stderr
    rid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    run(board, mentor, "requests", "decline", str(rid), "--reason",
        "no-time")


def test_ban_ends_live_session_and_refuses_logins(board, term_factory,
                                                  keypair, tmp_path):
    key, pub = keypair
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("tom", first="Tom", last="Trainee")
    run(board, "tom", "keys", "add", input=pub.encode())
    t = term_factory("tom", password=PW)
    t.wait_for("What would you like to do?")
    # An SFTP session open meanwhile, too.
    sf = pexpect.spawn("sftp", [*SSH_OPTIONS, "-o", "IdentitiesOnly=yes",
                                "-i", key, "-P", str(board.port),
                                "tom@127.0.0.1"], timeout=10)
    sf.expect("sftp>")
    r = board.member("sam", PW, "admin", "user", "ban", "tom", "--reason",
                     REASON)
    assert r.returncode == 0, r.stderr
    banned = time.monotonic()
    t.wait_for("banned this account: " + REASON, timeout=1.0)
    assert t.wait_exit(timeout=1.0) != 0
    assert time.monotonic() - banned < 1.0
    # The SFTP session ends at its next request.
    sf.sendline("ls")
    sf.expect("banned this account: " + REASON)
    sf.expect("Connection closed")
    sf.sendline("bye")
    sf.expect(pexpect.EOF)
    # Every way back in is refused with the reason.
    r = board.member("tom", PW, "whoami")
    assert r.returncode == 1
    assert REASON in r.stderr.decode()
    assert r.stdout == b""
    t2 = term_factory("tom", password=PW)
    t2.wait_for("banned this account: " + REASON)
    assert t2.wait_exit() != 0
    r = sftp(board, key, "ls\n", user="tom")
    assert r.returncode != 0
    assert REASON in r.stderr.decode()
    r = scp(board, key, jpeg(tmp_path / "cv.jpg"), "tom@127.0.0.1:cv.jpg")
    assert r.returncode != 0
    assert REASON in r.stderr.decode()
    # By mail too, with the reason; and in the audit log.
    assert any("To: tom@example.org" in m and REASON in m
               for m in board.mails())
    with board.db() as db:
        (actor, detail) = db.execute(
            "SELECT actor_id, detail FROM audit WHERE action = 'ban'"
        ).fetchone()
    assert (actor, detail) == (user_id(board, "sam"), REASON)
    listed = json.loads(run(board, "sam", "admin", "user", "bans",
                            "--json").stdout)
    assert [b["username"] for b in listed] == ["tom"]
    # Lifted: in again.
    run(board, "sam", "admin", "user", "unban", str(user_id(board, "tom")))
    assert run(board, "tom", "whoami").returncode == 0
    r = sftp(board, key, "ls\n", user="tom")
    assert r.returncode == 0, r.stderr


def test_ban_reason_limit(board):
    board.add_user("tom")
    words = "x" * (limit("MODERATION_BAN_REASON_MAX") + 1)
    r = board.admin("user", "ban", "tom", "--reason", words)
    assert r.returncode == 1
    r = board.admin("user", "ban", "tom", "--reason", words[1:])
    assert r.returncode == 0, r.stderr


def test_report_a_chat_line_and_ban(board, tmp_path):
    cid = connect(board, tmp_path)
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    before = say(board, "maria", cid, "Shall we meet on Monday?")
    line = say(board, "maria", cid, "You will never get a job, loser")
    after = say(board, "tom", cid, "That was rude.")
    # Tom reports Maria's line (the line names her).
    r = board.member("tom", PW, "report", "--chat-line", str(line),
                     input=b"She insulted me.")
    assert r.returncode == 0, r.stderr
    rid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    # An outsider cannot report a line they cannot read.
    board.add_user("eve")
    r = board.member("eve", PW, "report", "--chat-line", str(line),
                     input=b"Rude")
    assert r.returncode == 1 and b"no such line" in r.stderr
    # The team is told, and reads it in context.
    assert [n["kind"] for n in notifications(board, "sam")] == ["report-new"]
    reports = json.loads(run(board, "sam", "admin", "reports", "list",
                             "--open", "--json").stdout)
    assert [(x["id"], x["subject"], x["reporter"], x["chat_line"])
            for x in reports] == [(rid, "maria", "tom", line)]
    shown = run(board, "sam", "admin", "reports", "show", str(rid))
    text = shown.stdout.decode()
    assert "She insulted me." in text
    assert f"> #{line}" in text and "loser" in text
    assert f"  #{before}" in text and f"  #{after}" in text
    # The team bans through the report: Maria is out.
    r = board.member("sam", PW, "admin", "reports", "ban", str(rid),
                     "Insults", "in", "chat")
    assert r.returncode == 0, r.stderr
    r = board.member("maria", PW, "whoami")
    assert r.returncode == 1 and b"Insults in chat" in r.stderr
    reports = json.loads(run(board, "sam", "admin", "reports", "list",
                             "--json").stdout)
    assert reports[0]["state"] == "banned"
    r = board.member("sam", PW, "admin", "reports", "dismiss", str(rid))
    assert r.returncode == 1


def test_the_person_reported_never_learns_who(board, tmp_path):
    cid = connect(board, tmp_path)
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    seen = {n["id"] for n in notifications(board, "maria")}
    r = board.member("tom", PW, "report", str(user_id(board, "maria")),
                     input=b"Tom's secret complaint")
    assert r.returncode == 0, r.stderr
    rid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    run(board, "sam", "admin", "reports", "warn", str(rid), "Please",
        "keep", "your", "words", "friendly.")
    new = [n for n in notifications(board, "maria") if n["id"] not in seen]
    assert [n["kind"] for n in new] == ["warning"]
    assert "keep your words friendly" in new[0]["text"]
    # Nothing Maria can read names Tom as the reporter, or the report.
    everything = b"".join(
        run(board, "maria", *c).stdout
        for c in (("notifications", "--json"), ("chat", "log", str(cid),
                                                 "--json"),
                  ("requests", "--json"), ("blocks", "--json")))
    assert b"secret complaint" not in everything
    assert b"report" not in everything.lower()
    r = board.member("maria", PW, "admin", "reports", "list")
    assert r.returncode == 2 and b'unknown command "admin"' in r.stderr
    assert b"reports" not in run(board, "maria", "help").stdout


def test_block_refuses_requests_and_chat_lines(board, tmp_path):
    maria = make_mentor(board, "maria")
    tom, _ = make_mentee(board, "tom", tmp_path)
    # Maria meets Tom through his request (nobody blocks a stranger).
    meet(board, "tom", "maria", maria)
    r = board.member("maria", PW, "block", str(tom))
    assert r.returncode == 0, r.stderr
    blocks = json.loads(run(board, "maria", "blocks", "--json").stdout)
    assert [(b["id"], b["name"]) for b in blocks] == [(tom, "Tom T.")]
    r = board.member("tom", PW, "requests", "send", str(maria), "--area",
                     f"'{AREA}'")
    assert r.returncode == 1
    assert b"cannot take a request from you" in r.stderr
    assert b"block" not in r.stderr
    run(board, "maria", "unblock", str(tom))
    r = board.member("tom", PW, "requests", "send", str(maria), "--area",
                     f"'{AREA}'")
    assert r.returncode == 0, r.stderr
    cid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    run(board, "maria", "requests", "accept", str(cid))
    say(board, "tom", cid, "Hello!")
    run(board, "maria", "block", str(tom))
    r = board.member("tom", PW, "chat", "send", str(cid), input=b"Hello?")
    assert r.returncode == 1 and b"cannot be delivered" in r.stderr
    say(board, "maria", cid, "Goodbye.")
    lines = json.loads(run(board, "tom", "chat", "log", str(cid),
                           "--json").stdout)
    assert [x["text"] for x in lines] == ["Hello!", "Goodbye."]


def test_report_and_block_from_the_screens(board, tmp_path, term_factory):
    cid = connect(board, tmp_path)
    board.add_user("sam", sysop=True)
    line = say(board, "maria", cid, "Nobody will ever hire you")
    t = term_factory("tom", "chat", str(cid), password=PW, rows=30)
    t.wait_for("Nobody will ever hire you")
    t.send("\t")
    t.send("!")
    t.wait_for("Report Maria M. to the mentoring team")
    t.wait_for(f"#{line} Nobody will ever hire you")
    t.send("\t")
    t.send("Discouraging words")
    t.send("\x13")
    t.wait_for("went to the mentoring team")
    reports = json.loads(run(board, "sam", "admin", "reports", "list",
                             "--json").stdout)
    assert [(x["chat_line"], x["reason"]) for x in reports] == \
        [(line, "Discouraging words")]
    # Back in the history, b blocks Maria; her next line is refused.
    t.wait_for("History:")
    t.send("b")
    t.wait_for("Blocked: Maria M.")
    r = board.member("maria", PW, "chat", "send", str(cid), input=b"Hi")
    assert r.returncode == 1


def test_readme_quotes_the_limits():
    """What the README's table promises of questions, reports, blocks and
    bans is what the code holds."""
    rows = readme_limits()

    def numbers(row):
        return [int(n) for n in re.findall(r"\d+", rows[row])]

    assert numbers("a question to the team: subject; text; waiting at "
                   "once") == [limit("SUPPORT_SUBJECT_MAX"),
                               limit("SUPPORT_MESSAGE_MAX"),
                               limit("SUPPORT_OPEN_MAX")]
    assert numbers("reports a member files a day; a reason") == [
        limit("REPORTS_PER_DAY_MAX"), limit("REPORT_REASON_MAX")]
    assert numbers("lines around a reported chat line") == [
        limit("REPORT_CONTEXT_LINES")] * 2
    assert numbers("people a member blocks") == [limit("BLOCKS_MAX")]
    assert numbers("the reason of a ban") == [
        limit("MODERATION_BAN_REASON_MAX")]


def test_console_pages(board, term_factory):
    """The team's console: the open reports, a report read in full in the
    list's place, a decision typed on the page; the banned members."""
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("tom", first="Tom", last="Trainee")
    make_mentor(board, "eve", first="Eve", last="Evil")
    days = "".join(f"\nDay {d}: another link." for d in range(1, 9))
    r = board.member("tom", PW, "report", str(user_id(board, "eve")),
                     input=("She sends me links to a shop." + days).encode())
    assert r.returncode == 0, r.stderr
    s = term_factory("sam", password=PW, rows=24)
    s.wait_for("Sysop")
    s.send("y")
    s.wait_for("The mentoring team's console")
    s.send("r")
    s.wait_for("She sends me links")
    # Longer than the result's third of the page: in the list's place.
    s.send("reports show 1\r")
    s.wait_for("Day 8: another link.")
    s.wait_for("shown above")
    s.wait_gone("STATE")
    s.send("\r")
    s.wait_for("STATE")
    s.send("reports ban 1 Advertising\r")
    s.wait_for("the person is banned")
    s.send("q")
    s.send("x")  # Bans
    s.wait_for("Advertising")
    s.wait_for("eve")
    r = board.member("eve", PW, "whoami")
    assert r.returncode == 1 and b"Advertising" in r.stderr


def test_block_and_report_name_only_whom_one_meets(board, tmp_path):
    """block ID and report ID name nobody a member does not meet on the
    board: for a mentee they never had a request with, an account not yet
    confirmed, a banned mentor or a sysop, the answer is the one for a
    number that is no account (words, exit status), and nothing is
    written; a listed mentor is blocked, and someone who sent a request
    is reported; someone blocked is unblocked after they left the list."""
    maria = make_mentor(board, "maria")
    otto = make_mentor(board, "otto", first="Otto", last="Orgelbauer")
    tom, _ = make_mentee(board, "tom", tmp_path)
    # Tom asked Maria once; she declined.
    meet(board, "tom", "maria", maria)
    board.add_user("ulla", first="Ulla", last="Unbekannt")
    run(board, "ulla", "roles", "set", f"'{AREA}'", "mentee", "on")
    assert register_cmd(board, "paula", first="Paula",
                        last="Pending").returncode == 0
    bert = make_mentor(board, "bert", first="Bert", last="Banned")
    assert board.admin("user", "ban", "bert", "--reason",
                       "Spam").returncode == 0
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    strangers = {"ulla": user_id(board, "ulla"),
                 "paula": user_id(board, "paula"), "bert": bert,
                 "sam": user_id(board, "sam")}
    nobody = max(strangers.values()) + 1000

    def written():
        with board.db() as db:
            return db.execute(
                "SELECT (SELECT count(*) FROM block), (SELECT count(*) "
                "FROM report)").fetchone()

    def answer(*command, input=None):
        r = board.member("maria", PW, *command, input=input)
        return (r.returncode, r.stdout, r.stderr)

    before = written()
    none_block = answer("block", str(nobody))
    none_report = answer("report", str(nobody), input=b"Rude")
    assert none_block[0] == 1 and none_report[0] == 1
    assert none_block[1] == none_report[1] == b""
    for name, uid in strangers.items():
        got = answer("block", str(uid))
        assert got == none_block, name
        got = answer("report", str(uid), input=b"Rude")
        assert got == none_report, name
    assert written() == before
    assert json.loads(run(board, "maria", "blocks", "--json").stdout) == []
    # Whom Maria meets: Otto in the search, Tom through his request.
    r = board.member("maria", PW, "block", str(otto))
    assert r.returncode == 0, r.stderr
    r = board.member("maria", PW, "report", str(tom),
                     input=b"Rude request")
    assert r.returncode == 0, r.stderr
    blocks = json.loads(run(board, "maria", "blocks", "--json").stdout)
    assert [(b["id"], b["name"]) for b in blocks] == [(otto, "Otto O.")]
    # Otto leaves the list: still unblocked; then a stranger like any.
    run(board, "otto", "roles", "set", f"'{AREA}'", "mentor", "off")
    assert board.member("maria", PW, "mentor", str(otto)).returncode == 1
    run(board, "maria", "unblock", str(otto))
    assert answer("block", str(otto)) == none_block
