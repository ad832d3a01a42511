"""Installing and running the board as a Debian daemon: make install and
uninstall, the installed mentord serving with the installed mentor, the
systemd unit as systemd-analyze sees it, the man pages as mandoc reads
them, and the README's own commands for running it for real."""

import glob
import os
import subprocess

from conftest import ROOT


def test_man_pages_lint_clean():
    """Every man page passes mandoc -Tlint with every warning on."""
    pages = sorted(glob.glob(os.path.join(ROOT, "man", "*.[158]")))
    assert len(pages) >= 3, pages
    for page in pages:
        r = subprocess.run(["mandoc", "-Tlint", "-Wall", page],
                           capture_output=True, text=True)
        assert r.returncode == 0 and not (r.stdout + r.stderr).strip(), \
            f"{page}:\n{r.stdout}{r.stderr}"
