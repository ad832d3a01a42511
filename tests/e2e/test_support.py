"""Contact the mentoring team: a member's question reaches the team (a
notification for each sysop), the team's answer reaches the member (a
notification, live on their screen), both by command and on the screens;
only the member and the team read a question."""

import json
import re

from conftest import limit
from people import PW, run


def notifications(board, user, *extra):
    return json.loads(run(board, user, "notifications", "--json",
                          *extra).stdout)


def test_question_and_answer_round_trip(board, term_factory):
    board.add_user("tom", first="Tom", last="Trainee")
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    board.add_user("eve", first="Eve", last="Outsider")
    # The first line is the subject, the rest the question.
    r = board.member("tom", PW, "support", "send",
                     input=b"My CV\nWhy is my CV refused?\n")
    assert r.returncode == 0, r.stderr
    qid = int(re.search(rb"#(\d+)", r.stdout).group(1))
    mine = json.loads(run(board, "tom", "support", "--json").stdout)
    assert [(q["id"], q["subject"], q["state"]) for q in mine] == \
        [(qid, "My CV", "open")]
    # The team is told, and sees it waiting.
    told = notifications(board, "sam", "--unread")
    assert [(n["kind"], n["link"]) for n in told] == \
        [("support-question", f"admin support show {qid}")]
    assert "Tom T." in told[0]["text"] and "My CV" in told[0]["text"]
    waiting = json.loads(run(board, "sam", "admin", "support", "list",
                             "--open", "--json").stdout)
    assert [(q["id"], q["username"]) for q in waiting] == [(qid, "tom")]
    shown = run(board, "sam", "admin", "support", "show", str(qid))
    assert b"Why is my CV refused?" in shown.stdout
    # Nobody else reads it.
    r = board.member("eve", PW, "support", "show", str(qid))
    assert r.returncode == 1 and b"no question" in r.stderr
    assert b"My CV" not in r.stdout
    # Tom waits on his home screen; the answer shows there at once.
    t = term_factory("tom", password=PW)
    t.wait_for("What would you like to do?")
    r = board.member("sam", PW, "admin", "support", "reply", str(qid),
                     "--text-stdin", input=b"It is larger than 5 MiB.")
    assert r.returncode == 0, r.stderr
    t.wait_for('answered your question "My CV"', timeout=2.0)
    told = notifications(board, "tom", "--unread")
    assert [(n["kind"], n["link"]) for n in told] == \
        [("support-reply", f"support show {qid}")]
    assert "Sam" not in told[0]["text"]
    # The team's notification of it is read now that it is answered.
    assert notifications(board, "sam", "--unread") == []
    thread = json.loads(run(board, "tom", "support", "show", str(qid),
                            "--json").stdout)
    assert thread["state"] == "answered"
    assert [(m["from_team"], m["text"]) for m in thread["messages"]] == \
        [(False, "Why is my CV refused?"), (True, "It is larger than 5 MiB.")]
    # Reading it read the notification.
    assert notifications(board, "tom", "--unread") == []
    # Tom writes again: it waits for the team again, who close it.
    r = board.member("tom", PW, "support", "reply", str(qid),
                     input=b"Thank you!")
    assert r.returncode == 0, r.stderr
    assert [n["kind"] for n in notifications(board, "sam", "--unread")] == \
        ["support-question"]
    run(board, "sam", "admin", "support", "close", str(qid))
    mine = json.loads(run(board, "tom", "support", "--json").stdout)
    assert mine[0]["state"] == "closed"
    with board.db() as db:
        actions = [a for (a,) in db.execute(
            "SELECT action FROM audit WHERE action LIKE 'support-%' "
            "ORDER BY id")]
    assert actions == ["support-reply", "support-close"]


def test_limits(board):
    board.add_user("tom")
    subject = "s" * (limit("SUPPORT_SUBJECT_MAX") + 1)
    r = board.member("tom", PW, "support", "send", "--subject", subject,
                     input=b"Hello")
    assert r.returncode == 1
    r = board.member("tom", PW, "support", "send", "--subject", subject[1:],
                     input=b"Hello")
    assert r.returncode == 0, r.stderr
    for _ in range(limit("SUPPORT_OPEN_MAX") - 1):
        run(board, "tom", "support", "send", input=b"Again\nHello")
    r = board.member("tom", PW, "support", "send", input=b"More\nHello")
    assert r.returncode == 1 and b"wait for an answer" in r.stderr


def test_on_the_screens(board, term_factory):
    board.add_user("tom", first="Tom", last="Trainee")
    board.add_user("sam", first="Sam", last="Sysop", sysop=True)
    t = term_factory("tom", password=PW, rows=30)
    t.wait_for("Contact the mentoring team")
    t.send("t")
    t.wait_for("No questions yet")
    t.send("w")
    t.wait_for("the first line is its subject")
    t.send("Access code\rI lost the mail with my code.")
    t.send("\x13")
    t.wait_for("Sent: you are notified")
    t.wait_for("Access code")
    t.wait_for("waiting for the team")
    # Sam's notification of it opens the team's console, where the page
    # of waiting questions lists it.
    s = term_factory("sam", password=PW, rows=30)
    s.wait_for("Sysop")
    s.send("n")
    s.wait_for("Tom T. asks the mentoring team: Access code")
    s.send("\r")
    s.wait_for("The mentoring team's console")
    s.send("s")
    s.wait_for("Access code")
    s.send("support show 1\r")
    s.wait_for("I lost the mail with my code.")
    s.send("support reply 1 A new code is on its way.\r")
    s.wait_for("replied to question 1")
    # Tom's list shows the answer live; Enter reads it.
    t.wait_for("answered")
    t.send("\r")
    t.wait_for("A new code is on its way.")
    t.wait_for("The mentoring team")
