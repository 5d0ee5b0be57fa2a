"""Time from process start to the first full screen, in a real terminal (a pseudo-terminal).

    python benchmarks/startup.py [REPORT] [--runs 7]   # minimal app, then the explorer

A program is started in a pseudo-terminal of 120×40 columns, as a terminal emulator
would start it; the clock runs from just before the process is spawned until every
marker (text that only the finished first screen shows, such as a paragraph of the
text pane and the footer) has been written to the terminal. Its peak RSS so far is
read from the kernel, then `q` is pressed and the process is waited for.

The baseline is `minimal_app.py`: Textual's Header + Static + Footer showing the
bundled report's text, as a floor for any Textual app that shows this text.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xihu_tui.core.report.model import Report

HERE = Path(__file__).resolve().parent
MINIMAL_APP = HERE / "minimal_app.py"
SIZE = (120, 40)
FOOTER_MARKER = "palette"
"""The minimal app's footer ends with Textual's `^p palette`: painted last, at the bottom."""


@dataclass(frozen=True)
class Started:
    seconds: float
    """From spawning the process to the last marker written to the terminal."""
    max_rss_bytes: int
    """The process's peak resident memory up to its first full screen."""


def terminal_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TEXTUAL")}
    env.pop("NO_COLOR", None)
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG=env.get("LANG", "C.UTF-8"))
    env.update(extra or {})
    return env


def first_screen(
    argv: Sequence[str],
    markers: Sequence[str],
    *,
    timeout: float = 300.0,
    env: dict[str, str] | None = None,
) -> Started:
    """Run `argv` in a 120×40 pseudo-terminal until every marker is on screen; then quit it."""
    master, slave = pty.openpty()
    columns, rows = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    wanted = [marker.encode() for marker in markers]
    written = bytearray()
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=terminal_env(env), start_new_session=True
    )
    os.close(slave)
    try:
        while wanted:
            left = timeout - (time.perf_counter() - start)
            if left <= 0 or not select.select([master], [], [], left)[0]:
                raise TimeoutError(f"{argv}: no first screen in {timeout:g} s; missing {wanted}")
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the process exited: its terminal is gone
                chunk = b""
            if not chunk:
                tail = written[-2000:].decode("utf-8", "replace")
                raise RuntimeError(f"{argv} exited before its first screen; it wrote: {tail!r}")
            # A marker may straddle two reads: look a little back into what came before.
            window = bytes(written[-max(map(len, wanted)) :]) + chunk
            written += chunk
            wanted = [marker for marker in wanted if marker not in window and marker not in written]
        seconds = time.perf_counter() - start
        peak = _peak_rss(process.pid)
        os.write(master, b"q")
        _drain(master, process, deadline=time.perf_counter() + 30)
        _pid, _status, usage = os.wait4(process.pid, 0)
        process.returncode = 0  # reaped here, with its resource usage
    finally:
        if process.returncode is None:
            process.kill()
            process.wait()
        os.close(master)
    return Started(seconds, peak or usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024))


def _peak_rss(pid: int) -> int | None:
    """The process's peak RSS since it started its program (Linux: VmHWM).

    `wait4`'s `ru_maxrss` would do elsewhere, but on Linux it also counts the pages
    of this process that the child shared between fork and exec.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


def _drain(master: int, process: subprocess.Popen[bytes], *, deadline: float) -> None:
    """Read what the process writes until it exits (a full terminal would block it)."""
    while time.perf_counter() < deadline:
        if select.select([master], [], [], 0.1)[0]:
            try:
                if not os.read(master, 1 << 16):
                    return
            except OSError:
                return
        elif process.poll() is not None:
            return
    os.killpg(process.pid, signal.SIGTERM)


def compile_as_installed() -> bool:
    """Write the bytecode of `xihu_tui`'s modules, as `pip install` does for an installed package.

    Textual's modules were compiled when pip installed them. An editable install of this
    project is not, and under `PYTHONDONTWRITEBYTECODE` (set on some machines) it never
    is: every start would compile this project's 15,000 lines again, 60–80 ms that no
    installed copy pays. Existing, current bytecode is left as it is. False if the
    package's folder cannot be written (then starts include compiling).
    """
    import xihu_tui

    return bool(compileall.compile_dir(Path(xihu_tui.__file__).parent, quiet=2))


def explorer_command(report: Path | None, *, cache: bool = True) -> list[str]:
    """`xihu-tui [REPORT] [--no-cache]`, as installed beside this Python."""
    script = Path(sys.executable).with_name("xihu-tui")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-c", "from xihu_tui.cli import main; main()"]
    )
    return command + ([str(report)] if report is not None else []) + ([] if cache else ["--no-cache"])


def minimal_command(report: Path) -> list[str]:
    return [sys.executable, str(MINIMAL_APP), str(report)]


def first_words(text: str, count: int = 4) -> str:
    """The first `count` characters of a text: on the first line of its block at any width."""
    return text.strip()[:count]


def minimal_screen_markers(bundled: Path) -> list[str]:
    """What the minimal app's first screen shows: the first paragraph, and the footer."""
    from xihu_tui.core.report.loader import load_report

    return [first_words(load_report(bundled).sections[0].paragraphs[0].text), FOOTER_MARKER]


def first_screen_markers(report: Report) -> list[str]:
    """What the explorer's first screen shows: the contents (the first section's
    title), the report's title page in the text pane, and the footer's last key, named
    in the interface's language (the report's, as the explorer starts without --lang)."""
    from xihu_tui.ui.strings import strings_for

    palette = strings_for(None, report.language).shell.palette
    return [first_words(report.sections[0].title), first_words(report.title), palette]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", nargs="?", type=Path, help="a report (default: the bundled one)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    from xihu_tui.core.report.loader import bundled_report_path, load_report

    if not compile_as_installed():
        print("could not write xihu_tui's bytecode: its starts include compiling it", file=sys.stderr)
    report = load_report(args.report)
    explorer_markers = first_screen_markers(report)
    bundled = bundled_report_path()
    minimal_markers = minimal_screen_markers(bundled)
    minimal: list[Started] = []
    explorer: list[Started] = []
    for _ in range(args.runs):  # interleaved, so a busy moment weighs on both
        minimal.append(first_screen(minimal_command(bundled), minimal_markers))
        explorer.append(first_screen(explorer_command(args.report), explorer_markers))
    for name, runs in (("minimal Textual app", minimal), ("xihu-tui", explorer)):
        seconds = statistics.median(r.seconds for r in runs)
        rss = max(r.max_rss_bytes for r in runs) / 2**20
        print(f"{name:20}  median {seconds:6.3f} s  peak RSS {rss:5.0f} MiB  ({len(runs)} runs)")
    ratio = statistics.median(r.seconds for r in explorer) / statistics.median(r.seconds for r in minimal)
    print(f"ratio {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
