"""German: the language comes from a member's setting, else from the
client's locale (LANG, LC_MESSAGES, LC_ALL, as OpenSSH sends them with
SendEnv), else English; mails go out in the recipient's language; the
lists carry German names; the search finds German as people type it."""

import email
import email.policy
import subprocess
import unicodedata

from conftest import SSH_OPTIONS, wait_until
from people import PW, run

# The client's locale, sent as Debian's ssh_config does (SendEnv LANG LC_*);
# the tests' ssh reads no ssh_config (-F /dev/null), so it is said here.
SEND = ("-o", "SendEnv=LANG LC_*")
GERMAN = {"LANG": "de_DE.UTF-8"}
DELAY = 15 * 60  # notify_mail_delay's default, in seconds
TICK_S = 5 + 1 + 3  # the housekeeping's tick and the clock's reread


def guest(board, *command, input=None, **env):
    """An exec request as guest with the client locale env."""
    return board.ssh("guest", *command, input=input,
                     extra=("-o", "BatchMode=yes", *SEND),
                     env=dict(board.env, **env))


def parsed(mail):
    """A sent mail as (subject, body), decoded."""
    msg = email.message_from_string(mail, policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain",))
    return str(msg["subject"]), part.get_content()


def mails_to(board, address):
    return [parsed(m) for m in board.mails() if f"To: {address}" in m]


def test_a_guest_reads_the_client_locale(board, term_factory):
    t = term_factory("guest", env=GERMAN, extra=list(SEND))
    t.wait_for("Was möchtest du tun?")
    assert "Einen Mentor finden" in t.text()
    assert "Gast" in t.screen.display[-1]
    t.send("v")  # the privacy notice
    t.wait_for("Datenschutzerklärung")
    t.wait_for("Was wir speichern")
    t.close()
    # Not sent, or not German: English.
    t = term_factory("guest", env=GERMAN)
    t.wait_for("What would you like to do?")
    t.close()
    t = term_factory("guest", env={"LANG": "fr_FR.UTF-8"}, extra=list(SEND))
    t.wait_for("What would you like to do?")
    t.close()


def test_the_locale_variables_rank_as_setlocale_reads_them(board):
    r = guest(board, "help", LANG="de_AT.UTF-8")
    assert r.returncode == 0
    assert "die Befehle auflisten" in r.stdout.decode()
    # LC_MESSAGES over LANG, LC_ALL over both.
    r = guest(board, "help", LANG="de_DE.UTF-8", LC_MESSAGES="en_GB.UTF-8")
    assert "list the commands" in r.stdout.decode()
    r = guest(board, "help", LANG="en_US.UTF-8", LC_MESSAGES="en_US.UTF-8",
              LC_ALL="de_CH.UTF-8")
    assert "die Befehle auflisten" in r.stdout.decode()
    # Only known locales: anything else is English, never an error.
    for bad in ("C", "POSIX", "xx_YY.UTF-8", "../../../etc/passwd",
                "de_DE.UTF-8; rm -rf /"):
        r = guest(board, "help", LANG=bad)
        assert r.returncode == 0, bad
        assert "list the commands" in r.stdout.decode(), bad
    # Errors too, on stderr.
    r = guest(board, "nonsense", **GERMAN)
    assert r.returncode != 0
    assert "unbekannter Befehl" in r.stderr.decode()


def test_a_members_setting_wins(board, term_factory):
    board.add_user("anna", first="Anna", last="Kowalczyk")
    assert run(board, "anna", "language").stdout.decode().startswith("en")
    r = run(board, "anna", "language", "de")
    assert "Das Board spricht jetzt Deutsch mit dir." in r.stdout.decode()
    assert run(board, "anna", "language").stdout.decode() == "de (Deutsch)\n"
    # An English client gets German: the setting wins.
    t = term_factory("anna", password=PW, env={"LANG": "en_US.UTF-8"},
                     extra=list(SEND))
    t.wait_for("Was möchtest du tun?")
    # Another session of hers, at home.
    other = term_factory("anna", password=PW, env={"LANG": "en_US.UTF-8"},
                         extra=list(SEND))
    other.wait_for("Was möchtest du tun?")
    # My account shows it and switches it: the screen turns English, and
    # so does her other session, with the news.
    t.send("a")
    t.wait_for("Sprache")
    assert "Deutsch" in t.text()
    t.send("g")
    t.wait_for("Language")
    t.wait_for("English")
    other.wait_for("What would you like to do?")
    t.close()
    other.close()
    with board.db() as db:
        (lang,) = db.execute("SELECT language FROM user WHERE username = "
                             "'anna'").fetchone()
    assert lang == "en"
    # And a German client with an English member: English.
    t = term_factory("anna", password=PW, env=GERMAN, extra=list(SEND))
    t.wait_for("What would you like to do?")
    t.close()
    r = board.member("anna", PW, "language", "fr")
    assert r.returncode == 2
    assert "not a language of the board" in r.stderr.decode()


def test_mail_in_the_recipients_language(board):
    # Registered in German: the account reads German, and so does the mail.
    r = guest(board, "register", "--username", "jana", "--email",
              "jana@example.org", "--first", "Jana", "--last", "Jäger",
              "--field", "Physik", "--accept-privacy",
              input=b"a long enough password\n", **GERMAN)
    assert r.returncode == 0, r.stderr.decode()
    assert "Konto jana angelegt." in r.stdout.decode()
    subject, body = mails_to(board, "jana@example.org")[-1]
    assert subject == "Bestätige deine E-Mail-Adresse für Mentorboard"
    assert body.startswith("Hallo Jana,")
    assert "Der Code gilt einmal" in body
    with board.db() as db:
        (lang,) = db.execute("SELECT language FROM user WHERE username = "
                             "'jana'").fetchone()
    assert lang == "de"
    # An English guest asks for her reset code: it is mailed in German.
    r = guest(board, "reset-request", "jana", LANG="en_US.UTF-8")
    assert r.returncode == 0
    assert "a code is on its way" in r.stdout.decode()
    subject, body = mails_to(board, "jana@example.org")[-1]
    assert subject == "Setze dein Mentorboard-Passwort zurück"
    assert "Passwort vergessen" in body
    # Her digest mail, written by the housekeeping (mentord speaks English
    # itself), is German; an English member's is English.
    board.add_user("bert", first="Bert", last="Brown")
    run(board, "bert", "language", "en")
    board.add_user("dora", first="Dora", last="Dietz")
    run(board, "dora", "language", "de")
    assert board.admin("notify", "dora", "Neuigkeiten").returncode == 0
    assert board.admin("notify", "bert", "News").returncode == 0
    board.set_clock(DELAY + 60)
    wait_until(lambda: len(mails_to(board, "dora@example.org")) and
               len(mails_to(board, "bert@example.org")), timeout=3 * TICK_S,
               what="both digests")
    subject, body = mails_to(board, "dora@example.org")[-1]
    assert subject == "Was auf Mentorboard passiert ist, während du weg warst"
    assert "Das Mentoring-Team: Neuigkeiten" in body
    assert "Benachrichtigungen" in body
    subject, body = mails_to(board, "bert@example.org")[-1]
    assert subject == "What happened on Mentorboard while you were away"
    assert "The mentoring team: News" in body


def test_the_lists_have_german_names(board):
    r = board.admin("areas", "list")
    assert "Career entry = Berufseinstieg" in r.stdout.decode()
    r = board.admin("fields", "list")
    assert "Physics = Physik" in r.stdout.decode()
    r = board.admin("areas", "add", "Networking", "--de", "Netzwerken")
    assert r.returncode == 0, r.stderr.decode()
    r = board.admin("areas", "add", "Connections", "--de", "netzwerken")
    assert r.returncode != 0, "a German name is unique, any case"
    r = board.admin("areas", "rename-de", "Netzwerken", "Kontakte knüpfen")
    assert r.returncode == 0, r.stderr.decode()
    assert "Networking = Kontakte knüpfen" in \
        board.admin("areas", "list").stdout.decode()
    # Members choose and see them in their language.
    board.add_user("anna", first="Anna", last="Kowalczyk")
    run(board, "anna", "language", "de")
    run(board, "anna", "roles", "set", "'Kontakte knüpfen'", "mentor", "on")
    out = run(board, "anna", "roles").stdout.decode()
    assert "Kontakte knüpfen" in out and "Berufseinstieg" in out
    run(board, "anna", "language", "en")
    out = run(board, "anna", "roles").stdout.decode()
    assert "Networking" in out and "Career entry" in out


def test_search_finds_german_as_typed(board):
    board.add_user("soeren", first="Sören", last="Schmidt",
                   fields=("Law",))
    run(board, "soeren", "roles", "set", "'Career entry'", "mentor", "on")
    run(board, "soeren", "profile", "set", "--industry", "Verkehr",
        "--position", "Planer", "--languages", "Deutsch",
        "--capacity", "2", "--help-text-stdin",
        input="Ich kenne jede Straße und jede Brücke.".encode())
    nfd = unicodedata.normalize("NFD", "Sören")
    for words in ("soeren", "Sören", "SÖREN", nfd, "soren", "strasse",
                  "Straße", "STRASSE", "bruecke", "Brücke",
                  unicodedata.normalize("NFD", "brücke"),
                  "Rechtswissenschaften", "Berufseinstieg", "Law"):
        r = guest(board, "search", words, LANG="en_US.UTF-8")
        assert r.returncode == 0, (words, r.stderr.decode())
        assert "Sören S." in r.stdout.decode(), words
    r = guest(board, "search", "sauren")
    assert "Sören" not in r.stdout.decode()
    # Results in the reader's language: the field and area names too.
    out = guest(board, "search", "soeren", **GERMAN).stdout.decode()
    assert "Rechtswissenschaften" in out and "Berufseinstieg" in out
    out = guest(board, "search", "soeren", LANG="en_US.UTF-8").stdout.decode()
    assert "Law" in out and "Career entry" in out


def test_sftp_says_why_in_the_members_language(board, keypair, tmp_path):
    key, pub = keypair
    board.add_user("alice", first="Alice", last="Zuckermann")
    run(board, "alice", "keys", "add", input=pub.encode())
    png = tmp_path / "photo.jpg"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 2000)

    def upload():
        return subprocess.run(
            ["scp", *SSH_OPTIONS, "-o", "BatchMode=yes", "-o",
             "IdentitiesOnly=yes", "-i", key, "-P", str(board.port),
             str(png), "alice@127.0.0.1:cv.jpg"],
            capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    r = upload()
    assert r.returncode != 0
    assert b"mentorboard: cv.jpg: not a JPEG" in r.stderr
    run(board, "alice", "language", "de")
    r = upload()
    assert r.returncode != 0
    assert "mentorboard: cv.jpg: kein JPEG" in r.stderr.decode()
