"""The plain mode: numbered menus and plain lines, one question per line,
for screen readers and braille displays; with TERM=dumb, `--plain`, or a
member's setting.  Read as a screen reader hears it: the output in order,
with no escape sequence in it."""

import json
import re
import signal
import time

import pytest

from conftest import limit, wait_until
from people import AREA, PW, make_mentee, make_mentor, run
from plainterm import CHOICE, Plain, no_escapes
from test_board import ui_pid
from test_news import database_open


@pytest.fixture
def plain(board):
    sessions = []

    def make(*args, **kw):
        s = Plain(board, *args, **kw)
        sessions.append(s)
        return s
    yield make
    for s in sessions:
        s.close()


def test_dumb_terminal_gets_the_plain_mode(board, plain):
    make_mentor(board, "maria", first="Maria")
    p = plain("guest", term="dumb")
    menu = p.expect(CHOICE)
    assert "Main menu (guest):" in menu
    assert "1. Find a mentor" in menu and "0. Leave the board" in menu
    p.line("1")
    p.expect("Search for")
    # A NUL (Ctrl-@) would cut the line unseen: refused, asked again.
    p.send(b"ma\x00ria\r")
    p.expect("contains control characters")
    p.expect("Search for")
    p.line("maria")
    found = p.expect("search again, 0: back")
    assert "1 mentor:" in found
    assert "1. Maria M., takes new mentees; fields of study: Computer " \
        "Science; areas: Career entry." in found
    p.line("0")
    p.expect(CHOICE)
    p.line("0")
    assert p.leave() == 0
    no_escapes(p)


def test_plain_flag_commands_and_ascii(board, plain):
    board.add_user("soeren", first="S\u00f6ren", last="Stra\u00dfe")
    make_mentor(board, "jose", first="Jos\u00e9")
    # OpenSSH's ssh takes --plain after the host as an option of its own:
    # the word "plain", or "--" first.
    p = plain("guest", "plain", lang="C")
    p.expect(CHOICE)
    # A command at a menu runs, its output read out.
    p.line("version")
    assert re.search(r"mentorboard \d", p.expect(CHOICE))
    p.line("1")
    p.expect("Search for")
    p.line("")
    found = p.expect("search again, 0: back")
    assert "Jose M." in found
    p.line("0")
    p.expect(CHOICE)
    p.line("0")
    assert p.leave() == 0
    no_escapes(p)
    assert all(b < 0x80 for b in p.seen)
    # A deep link: straight to the search, then the main menu.
    q = plain("guest", "--", "--plain", "search", "jos")
    assert "1. Jos\u00e9 M." in q.expect("search again, 0: back")
    q.line("0")
    q.expect(CHOICE)
    q.line("0")
    assert q.leave() == 0
    # --plain before a command without a terminal changes nothing.
    r = board.ssh("guest", "--", "--plain", "version")
    assert r.returncode == 0 and r.stdout.startswith(b"mentorboard ")


def test_member_flow(board, plain, tmp_path):
    """A mentee asks a mentor, the mentor reads the notification, accepts
    the request, and the two chat, all in the plain mode."""
    mentor = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    t = plain("tom", "plain", password=PW)
    menu = t.expect(CHOICE)
    assert "Main menu of Tom T.:" in menu
    assert "Notifications (0 unread)" in menu
    t.line("1")
    t.expect("Search for")
    t.line("maria")
    t.expect("A number for the mentor's details")
    t.line("1")
    details = t.expect("r: ask this mentor")
    assert "Maria M." in details and "I help with the first job" in details
    t.line("r")
    t.expect("A short message to the mentor")
    t.line("Hello, could you help me start?")
    t.expect("Send the request? (y/n) ")
    t.line("y")
    t.expect("0: back: ")
    t.line("0")
    t.expect(CHOICE)

    m = plain("maria", "plain", password=PW)
    menu = m.expect(CHOICE)
    n = re.search(r"(\d+)\. Notifications \(1 unread\)", menu)
    assert n, menu
    m.line(n.group(1))
    listed = m.expect("a: mark all read, 0: back: ")
    assert "1. new, " in listed and "Tom T." in listed
    # Opening it marks it read and shows the request.
    m.line("1")
    request = m.expect("a: accept, d: decline, 0: back: ")
    assert "Hello, could you help me start?" in request
    assert "tom's goals section." in request
    m.line("a")
    m.expect("A message to the mentee")
    m.line("Gladly. Let us meet.")
    m.expect("c: the chat, 0: back: ")
    m.line("c")
    chat = m.expect("a full stop alone: back): ")
    assert "Chat with Tom T." in chat
    m.line("Hello Tom, next Tuesday?")
    m.expect("You, ")
    m.expect("a full stop alone: back): ")
    (req,) = json.loads(run(board, "tom", "requests", "--json").stdout)
    assert req["state"] == "connected"
    log = json.loads(run(board, "tom", "chat", "log", str(req["id"]),
                         "--json").stdout)
    assert log[-1]["text"] == "Hello Tom, next Tuesday?"
    # The mentee's answer comes when the mentor presses Enter.
    t.line("4")                       # Chats
    t.expect("A number opens the chat")
    t.line("1")
    heard = t.expect("a full stop alone: back): ")
    assert "Maria M., " in heard and "Hello Tom, next Tuesday?" in heard
    t.line("Tuesday is fine.")
    t.expect("a full stop alone: back): ")
    m.line("")
    assert "Tom T., " in m.expect("a full stop alone: back): ")
    # What was read out is read: no unread line left in the chat.
    (chat,) = json.loads(run(board, "maria", "chat", "--json").stdout)
    assert chat["unread"] == 0
    m.line(".")
    m.expect("c: the chat, 0: back: ")
    m.line("0")
    m.expect("0: back: ")
    m.line("0")
    m.expect(CHOICE)
    m.line("0")
    assert m.leave() == 0
    no_escapes(m)
    assert board.db().execute(
        "SELECT count(*) FROM notification n JOIN user u ON u.id = "
        "n.user_id WHERE u.username = 'maria' AND n.read_at IS NULL "
        "AND n.kind = 'request-new'").fetchone()[0] == 0
    assert mentor


def test_account_setting_and_password(board, plain):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    r = run(board, "anna", "plain", "--json")
    assert json.loads(r.stdout) == {"plain_mode": False}
    a = plain("anna", password=PW, term="xterm-256color")
    a.expect("What would you like to do?")   # full screens
    a.send("q")
    a.leave()
    r = run(board, "anna", "plain", "on")
    assert b"plain mode is on" in r.stdout
    a = plain("anna", password=PW)
    menu = a.expect(CHOICE)                  # the setting: plain
    k = re.search(r"(\d+)\. My account", menu).group(1)
    a.line(k)
    account = a.expect(CHOICE)
    assert "shown as: Anna K." in account
    assert "1. Plain mode: on" in account
    a.line("4")                              # Change password
    a.expect("Your current password (not shown): ")
    a.line(PW)
    a.expect("The new password (not shown): ")
    a.line("a much newer passphrase")
    a.expect("The new password again: ")
    a.line("a much newer passphrase")
    assert "Your password is changed." in a.expect(CHOICE)
    assert "newer passphrase" not in a.text()
    assert PW not in a.text()
    a.line("1")                              # the plain mode off
    assert "full screens" in a.expect(CHOICE)
    a.line("0")
    a.expect(CHOICE)
    a.line("0")
    assert a.leave() == 0
    r = board.member("anna", "a much newer passphrase", "plain", "--json")
    assert json.loads(r.stdout) == {"plain_mode": False}
    # On again: --full-screen still gives the full screens once.
    assert board.member("anna", "a much newer passphrase", "plain",
                        "on").returncode == 0
    f = plain("anna", "--", "--full-screen",
              password="a much newer passphrase")
    f.expect("What would you like to do?")
    f.send("q")
    f.leave()
    r = board.member("anna", "a much newer passphrase", "plain", "maybe")
    assert r.returncode == 2
    r = board.ssh("guest", "plain", "on")
    assert r.returncode == 1 and b"for members" in r.stderr


def test_ctrl_c_goes_back_and_chat_deep_link(board, plain, tmp_path):
    mentor = make_mentor(board, "maria")
    make_mentee(board, "tom", tmp_path)
    run(board, "tom", "requests", "send", str(mentor), "--area",
        f"'{AREA}'")
    (req,) = json.loads(run(board, "maria", "requests", "--json").stdout)
    run(board, "maria", "requests", "accept", str(req["id"]))
    m = plain("maria", "plain", "chat", str(req["id"]), password=PW)
    m.expect("Chat with Tom T.")
    m.expect("a full stop alone: back): ")
    m.send("\x03")                           # Ctrl-C: back
    m.expect(CHOICE)                         # the main menu
    m.send("\x03")                           # at the main menu: leave
    assert m.leave() == 0
    wait_until(lambda: board.db().execute(
        "SELECT count(*) FROM session").fetchone()[0] == 0,
        what="the session to end")


def test_board_stopping_tells_a_plain_session(board, plain):
    p = plain("guest", term="dumb")
    p.expect(CHOICE)
    p.line("1")
    p.expect("Search for")
    start = time.monotonic()
    board.proc.send_signal(signal.SIGTERM)
    p.expect("Mentorboard is shutting down for maintenance.")
    board.proc.wait(timeout=6)
    assert time.monotonic() - start < 5.5
    assert board.descendants() == []


def test_confirming_the_address_in_the_plain_mode(board, plain):
    r = board.ssh("guest", "register", "--username", "una", "--email",
                  "una@example.org", "--first", "Una", "--last", "Umlauf",
                  "--field", "Physics", "--accept-privacy",
                  input=(PW + "\n").encode())
    assert r.returncode == 0, r.stderr
    u = plain("una", "plain", password=PW)
    menu = u.expect(CHOICE)
    assert "1. Confirm your e-mail address" in menu
    assert "Find a mentor" not in menu
    u.line("1")
    u.expect("The code from the mail")
    u.line("WRONG-CODE")
    u.expect(CHOICE)
    u.line("1")
    u.expect("The code from the mail")
    u.line(board.last_code("una@example.org"))
    # Confirmed: the main menu of a member.
    menu = u.expect(CHOICE)
    assert "Find a mentor" in menu and "Notifications (" in menu
    u.line("0")
    assert u.leave() == 0


def test_a_resting_plain_session_answers(board, plain):
    """A plain session left at a question for STORE_REST_SECONDS closes its
    database; the next line opens it again and is answered as before."""
    make_mentor(board, "maria", first="Maria")
    p = plain("guest", term="dumb")
    p.expect(CHOICE)
    pid = ui_pid(board)
    assert database_open(pid)
    wait_until(lambda: not database_open(pid),
               timeout=limit("STORE_REST_SECONDS") + 5, interval=0.5,
               what="the session to rest")
    p.line("1")
    p.expect("Search for")
    p.line("maria")
    assert "1 mentor:" in p.expect("search again, 0: back")
    assert database_open(pid)
    p.line("0")
    p.expect(CHOICE)
    p.line("0")
    assert p.leave() == 0
