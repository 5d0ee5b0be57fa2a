"""Why the two start-up measures differ: each program's first frames, seen both ways.

    python benchmarks/first_frames.py [--runs 9]

`startup.py` stops its clock when the last marker has been *written* to a pseudo-terminal;
`tmux_screen.py` when it is *on screen* in a tmux pane, polled every 10 ms. This runs the
minimal app and the explorer on the bundled report, interleaved, both ways, and prints
the median time at which each program wrote its first byte and each of its markers, and
at which each marker first showed in tmux, with the bytes written by then.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence

import startup
import tmux_screen

from xihu_tui.core.report.loader import bundled_report_path, load_report

Timeline = dict[str, tuple[float, int]]
"""What showed (a marker, or "first byte"), and when: seconds from the start, bytes written by then."""


def written(argv: Sequence[str], markers: Sequence[str], timeout: float = 30.0) -> Timeline:
    """When the program wrote its first byte and each marker to a pseudo-terminal."""
    master, slave = pty.openpty()
    columns, rows = startup.SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=startup.terminal_env(),
        start_new_session=True,
    )
    os.close(slave)
    output, seen = bytearray(), {}
    try:
        while len(seen) < len(markers) + 1 and time.perf_counter() - start < timeout:
            if not select.select([master], [], [], 1)[0]:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            now = time.perf_counter() - start
            output += chunk
            seen.setdefault("first byte", (now, len(output)))
            for marker in markers:
                if marker not in seen and marker.encode() in output:
                    seen[marker] = (now, len(output))
    finally:
        process.kill()
        process.wait()
        os.close(master)
    return seen


def on_screen(argv: Sequence[str], markers: Sequence[str], timeout: float = 30.0) -> Timeline:
    """When each marker first showed in a tmux pane (bytes unknown: 0)."""
    pane = tmux_screen.Pane(argv)
    seen: Timeline = {}
    try:
        while len(seen) < len(markers) and time.perf_counter() - pane.started < timeout:
            screen = pane.capture()
            now = time.perf_counter() - pane.started
            for marker in markers:
                if marker not in seen and marker in screen:
                    seen[marker] = (now, 0)
            time.sleep(tmux_screen.POLL_S)
    finally:
        pane.close()
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    if not tmux_screen.available():
        print("tmux is not installed", file=sys.stderr)
        return 2
    startup.compile_as_installed()
    bundled = bundled_report_path()
    programs = {
        "minimal app": (startup.minimal_command(bundled), startup.minimal_screen_markers(bundled)),
        "xihu-tui": (startup.explorer_command(None), startup.first_screen_markers(load_report(bundled))),
    }
    found: dict[tuple[str, str, str], list[tuple[float, int]]] = {}
    for _ in range(args.runs):
        for name, (command, markers) in programs.items():
            for way, measure in (("written", written), ("on screen", on_screen)):
                for what, at in measure(command, markers).items():
                    found.setdefault((name, way, what), []).append(at)
    # The marker last: Chinese is two cells a character, and would skew the columns after it.
    print(f"{'program':12}  {'measure':9}  {'median s':>8}  {'bytes':>7}  what")
    for (name, way, what), times in found.items():
        seconds = statistics.median(t for t, _ in times)
        size = statistics.median(b for _, b in times)
        print(f"{name:12}  {way:9}  {seconds:8.3f}  {size:7.0f}  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
