"""What a person at a terminal sees, timed through tmux: the first screen, and held keys.

    python benchmarks/tmux_screen.py [REPORT] [--runs 9]   # start-up, then held j and ]

A pane of tmux is a real terminal emulator: the program draws into it as into any
terminal, and `capture-pane` returns the characters on screen, after tmux has parsed
every escape sequence. `startup.py` instead reads the bytes a program writes to a
pseudo-terminal, and stops the clock when the last marker has been *written*; here it
stops when the marker is *on screen*, polled every `POLL_S`. The difference is what
tmux needs to read and lay out the first frame, and the poll's resolution.

Held keys: once the first screen is up, a key is sent `rate` times a second for
`seconds`, as a held key repeats. The lag is the time from the last key sent to the
first capture of the screen as it finally stays; no key is lost if that screen is the
one the same keys give when sent one at a time, each after the screen has settled.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import startup

POLL_S = 0.01
SIZE = startup.SIZE
SETTLED_S = 0.3
"""A screen unchanged this long is the one that stays."""
HELD_LIMIT_S = 0.05
"""Issue 19: at most 50 ms from the last held key to the final screen."""


def available() -> bool:
    return shutil.which("tmux") is not None


@dataclass(frozen=True)
class HeldKeys:
    key: str
    rate: float
    sent: int
    lag_s: float
    """From the last key sent to the first capture of the final screen."""
    lost: bool
    """The final screen differs from the one the same keys give one at a time."""


class Pane:
    """A detached tmux session of one pane running a program, `SIZE` cells big.

    Each pane has a tmux server of its own, on its own socket: on a shared server, killing
    the last session makes the server exit, and a session started in that moment fails
    with "server exited unexpectedly" (it did in CI, between two panes of one case).
    """

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None = None) -> None:
        self.name = f"xihu-bench-{uuid.uuid4().hex[:8]}"
        self._tmux = ["tmux", "-L", self.name, "-f", os.devnull]
        columns, rows = SIZE
        environment = startup.terminal_env(env)
        # tmux sets TERM for its panes itself, as the terminal it emulates.
        settings = [
            arg for key, value in environment.items() if key != "TERM" for arg in ("-e", f"{key}={value}")
        ]
        self.started = time.perf_counter()
        subprocess.run(
            [
                *self._tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(columns),
                "-y",
                str(rows),
                *settings,
                *argv,
            ],
            check=True,
            env=environment,
        )

    def capture(self) -> str:
        done = subprocess.run(
            [*self._tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=False
        )
        return done.stdout

    def send(self, key: str) -> None:
        subprocess.run([*self._tmux, "send-keys", "-t", self.name, key], check=True)

    def wait_for(self, markers: Sequence[str], timeout: float = 300.0) -> float:
        """Seconds from the start until every marker is on screen."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            screen = self.capture()
            if all(marker in screen for marker in markers):
                return time.perf_counter() - self.started
            time.sleep(POLL_S)
        raise TimeoutError(f"no first screen in {timeout:g} s; the pane shows:\n{self.capture()}")

    def settle(self) -> tuple[str, float]:
        """The screen once it has stayed the same for `SETTLED_S`, and when it first showed."""
        screen, since = self.capture(), time.perf_counter()
        while time.perf_counter() - since < SETTLED_S:
            time.sleep(POLL_S)
            now = self.capture()
            if now != screen:
                screen, since = now, time.perf_counter()
        return screen, since

    def close(self) -> None:
        subprocess.run([*self._tmux, "kill-server"], check=False, stderr=subprocess.DEVNULL)


def first_screen(argv: Sequence[str], markers: Sequence[str], env: dict[str, str] | None = None) -> float:
    pane = Pane(argv, env)
    try:
        return pane.wait_for(markers)
    finally:
        pane.close()


def held_keys(
    argv: Sequence[str], markers: Sequence[str], key: str, *, rate: float, seconds: float = 3.0
) -> HeldKeys:
    count = round(rate * seconds)
    reference = _one_at_a_time(argv, markers, key, count)
    pane = Pane(argv)
    try:
        pane.wait_for(markers)
        pane.settle()
        interval = 1 / rate
        start = time.perf_counter()
        for index in range(count):
            # Keep to the schedule: a late send is not made up by sending two at once.
            delay = start + index * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pane.send(key)
        last_sent = time.perf_counter()
        screen, shown = pane.settle()
        return HeldKeys(key, rate, count, max(0.0, shown - last_sent), screen != reference)
    finally:
        pane.close()


def _one_at_a_time(argv: Sequence[str], markers: Sequence[str], key: str, count: int) -> str:
    pane = Pane(argv)
    try:
        pane.wait_for(markers)
        pane.settle()
        unchanged = 0
        for _ in range(count):
            before = pane.capture()
            pane.send(key)
            deadline = time.perf_counter() + 0.5
            while pane.capture() == before and time.perf_counter() < deadline:
                time.sleep(POLL_S)
            # At the end of the contents a key changes nothing, and neither will the rest.
            unchanged = unchanged + 1 if pane.capture() == before else 0
            if unchanged == 3:
                break
        return pane.settle()[0]
    finally:
        pane.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", nargs="?", type=Path, help="a report (default: the bundled one)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    if not available():
        print("tmux is not installed", file=sys.stderr)
        return 1

    from xihu_tui.core.report.loader import bundled_report_path, load_report

    startup.compile_as_installed()
    bundled = bundled_report_path()
    minimal_markers = startup.minimal_screen_markers(bundled)  # full screens (see run.py)
    bundled_markers = startup.first_screen_markers(load_report())
    minimal, ours = [], []
    for _ in range(args.runs):  # interleaved, so a busy moment weighs on both
        minimal.append(first_screen(startup.minimal_command(bundled), minimal_markers))
        ours.append(first_screen(startup.explorer_command(None), bundled_markers))
    print(
        f"first screen on a tmux pane: minimal app {statistics.median(minimal):.3f} s, the bundled "
        f"report {statistics.median(ours):.3f} s: {statistics.median(ours) / statistics.median(minimal):.2f}×"
    )
    explorer = startup.explorer_command(args.report)
    markers = startup.first_screen_markers(load_report(args.report))[:1]
    for key in ("j", "]"):
        for rate in (30, 60):
            held = held_keys(explorer, markers, key, rate=rate)
            print(
                f"held {key!r} at {rate}/s for 3 s ({held.sent} keys): lag {held.lag_s * 1000:.0f} ms, "
                f"{'keys LOST' if held.lost else 'no key lost'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
