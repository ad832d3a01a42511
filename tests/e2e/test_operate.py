"""Operating a board: the names the team may give, the host's operator
(root or the state directory's owner) at the console, what the logs say,
and mentord's configuration check."""

import os
import re
import subprocess

from conftest import Board

PW = "correct horse battery"


def test_team_gives_names_members_may_not_take(board, keypair):
    """mentord user add takes any free name but guest, sysop included (the
    README's example); a member registering may not take it."""
    key, _ = keypair
    r = board.admin("user", "add", "sysop", "--email", "team@example.org",
                    "--first", "Mentoring", "--last", "Team", "--sysop",
                    "--key", key + ".pub")
    assert r.returncode == 0, r.stderr.decode()
    assert b"created sysop" in r.stdout
    r = board.with_key("sysop", key, "admin", "user", "list")
    assert r.returncode == 0, r.stderr.decode()
    assert b"team@example.org" in r.stdout
    r = board.admin("user", "add", "guest", "--email", "g@example.org",
                    "--first", "G", "--last", "Uest", "--password-stdin",
                    input=(PW + "\n").encode())
    assert r.returncode == 1 and b"reserved" in r.stderr
    r = board.ssh("guest", "register", "--username", "support", "--email",
                  "s@example.org", "--first", "S", "--last", "Upport",
                  "--field", "'Computer Science'", "--accept-privacy",
                  input=(PW + "\n").encode())
    assert r.returncode != 0 and b"reserved" in r.stderr
