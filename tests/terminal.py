"""Run the explorer in a pseudo-terminal and keep every byte it writes.

For tests about what reaches a real terminal: escape sequences, colours, and the state
the terminal is left in. A test drives the app with keys, waits for words to appear,
then reads `written`.
"""

from __future__ import annotations

import os
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

try:
    import fcntl
    import pty
    import termios
except ImportError:  # not POSIX: no pseudo-terminals
    pty = None

TIMEOUT = 60.0
"""Seconds to wait for anything: generous, since the machine may be busy."""

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
MOUSE_OFF = (b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l")
"""What a terminal must receive on exit to be usable again (Textual's Linux driver)."""


def assert_restored(written: bytes) -> None:
    """The terminal is back on its main screen, with a cursor, and no longer reports the mouse."""
    assert written.rfind(LEAVE_ALTERNATE_SCREEN) > written.rfind(b"\x1b[?1049h")
    assert written.rfind(SHOW_CURSOR) > written.rfind(b"\x1b[?25l")
    for off in MOUSE_OFF:
        assert written.rfind(off) > written.rfind(off[:-1] + b"h")


def terminal_env(**extra: str) -> dict[str, str]:
    """A plain 256-colour xterm with truecolor, without Textual or NO_COLOR settings of the caller's."""
    # COLUMNS and LINES would override the terminal's own size (a test runner may set them).
    ignored = {"NO_COLOR", "COLUMNS", "LINES"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in ignored}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.update(extra)
    return env


class Terminal:
    """One process in a pseudo-terminal: the master end, and everything read from it."""

    def __init__(self, process: subprocess.Popen[bytes], master: int) -> None:
        self.process = process
        self.master = master
        self.written = bytearray()

    def read(self, seconds: float) -> bool:
        """Read for up to `seconds`; False once the process has closed the terminal."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return True
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:  # EIO: every process holding the terminal has gone
                return False
            if not chunk:
                return False
            self.written += chunk
        return True

    def wait_for(self, *texts: str, since: int = 0, timeout: float = TIMEOUT) -> None:
        """Read until each text has been written (after byte `since`), or fail."""
        wanted = [text.encode() for text in texts]
        deadline, alive = time.monotonic() + timeout, True
        while missing := [w for w in wanted if w not in self.written[since:]]:
            if not alive or time.monotonic() > deadline:
                tail = bytes(self.written[-3000:]).decode("utf-8", "replace")
                raise AssertionError(f"never written: {missing}; the last bytes were {tail!r}")
            alive = self.read(0.2)

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Read until nothing has been written for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = len(self.written)
            if not self.read(quiet) or len(self.written) == before:
                return

    def press(self, keys: str | bytes, *, settle: bool = True) -> int:
        """Type `keys`; returns where the output stood before, for `wait_for(since=...)`."""
        mark = len(self.written)
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        if settle:
            self.settle()
        return mark

    def resize(self, columns: int, rows: int) -> None:
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process.send_signal(signal.SIGWINCH)
        self.settle()

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """Read until the process exits; its exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.2)
        self.read(0.2)  # what it wrote last
        code = self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        return code

    @property
    def running(self) -> bool:
        return self.process.poll() is None


@contextmanager
def terminal(
    argv: Sequence[str],
    *,
    size: tuple[int, int] = (100, 30),
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Iterator[Terminal]:
    """Start `argv` in a pseudo-terminal of `size` (columns, rows), in `cwd`; kill it if still
    running after."""
    if pty is None:
        pytest.skip("needs a POSIX pseudo-terminal")
    master, slave = pty.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env or terminal_env(),
        cwd=cwd,
        start_new_session=True,
    )
    os.close(slave)
    try:
        yield Terminal(process, master)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        with suppress(OSError):  # a test may have closed it: the terminal went away
            os.close(master)


def explorer(report: Path | None = None, *args: str) -> list[str]:
    """The command line that opens the explorer, as a user would type `xihu-tui REPORT`."""
    return [sys.executable, "-m", "xihu_tui", *([str(report)] if report else []), *args]
