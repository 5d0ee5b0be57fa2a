"""Previous match in tmux, where Shift+Enter arrives as Enter.

tmux (3.x, without extended keys) sends Shift+Enter as a plain carriage return, so a
"previous match" bound only to Shift+Enter moves forward there. Up works in every
terminal. This runs the explorer in a real tmux, on a server of its own, and reads the
screen as tmux draws it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from terminal import TIMEOUT, terminal_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

QUERY = "在这特殊的一年"


class Tmux:
    """One tmux server on a socket of its own, with the explorer in its only pane."""

    def __init__(self) -> None:
        self.socket = f"xihu-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        found = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            encoding="utf-8",
            env=terminal_env(),
            timeout=TIMEOUT,
            check=True,
        )
        return found.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "explorer")

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"never shown: {text!r}; the screen was:\n{self.screen()}")

    def settled(self, quiet: float = 0.5) -> str:
        """The screen once it has not changed for `quiet` seconds."""
        deadline = time.monotonic() + TIMEOUT
        shown, since = self.screen(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.screen()
            if now != shown:
                shown, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return shown
        raise AssertionError(f"the screen never settled; it was:\n{shown}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "explorer", *(["-l"] if literal else []), *keys)


def test_up_is_previous_match_in_tmux_where_shift_enter_is_enter() -> None:
    tmux = Tmux()
    command = f"{sys.executable} -m xihu_tui --lang en"
    tmux.run("new-session", "-d", "-s", "explorer", "-x", "120", "-y", "30", command)
    try:
        tmux.wait_for("Prev section")  # the first screen is up, with its footer
        tmux.keys("/")
        tmux.wait_for("search:")
        tmux.keys(QUERY, literal=True)
        tmux.wait_for(QUERY)
        # The counter follows each character typed: read it once it has stopped changing.
        first = tmux.settled()
        total = first.split("1/", 1)[1].split()[0]
        tmux.keys("Down")
        tmux.keys("Down")
        tmux.wait_for(f"3/{total}")
        # tmux passes Shift+Enter on as a carriage return, the same bytes as Enter (its
        # send-keys has no name for it: that is the point): forward.
        tmux.keys("Enter")
        tmux.wait_for(f"4/{total}")
        tmux.keys("Up")
        tmux.wait_for(f"3/{total}")
        tmux.keys("Escape")  # the bar goes, the search stays: N steps back with it closed
        tmux.wait_for("Prev section")  # the explorer's footer again (and Escape not read as Alt+N)
        tmux.keys("N")
        tmux.wait_for(f"/{QUERY}  2/{total}")
    finally:
        subprocess.run(["tmux", "-L", tmux.socket, "kill-server"], capture_output=True, timeout=TIMEOUT)
