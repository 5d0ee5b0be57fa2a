"""`xihu-tui serve` as a real process on loopback, for the tests of the browser mode.

The server runs in its own session (process group), so the explorers it starts can be
found (`Served.explorers`) and stopping the group stops them too: no process outlives a test.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from rich.cells import cell_len

START_TIMEOUT = 30.0
"""Seconds for the server to answer, or an explorer to draw: generous, the machine may be busy."""


@dataclass(frozen=True)
class Served:
    port: int
    log: Path
    pid: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def websocket_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def explorers(self) -> set[int]:
        """The processes the server has started and that are still running (Linux)."""
        if not Path("/proc/self/stat").is_file():
            pytest.skip("needs /proc to see the server's processes")
        found = set()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == self.pid:
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # ended while we looked
            state, session = fields[0], int(fields[3])
            if session == self.pid and state != "Z":
                found.add(int(entry.name))
        return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    pytest.fail(f"nothing answered at {url} within {START_TIMEOUT:.0f} s:\n{log.read_text(errors='replace')}")


@contextmanager
def serving(directory: Path, *options: str) -> Iterator[Served]:
    """`xihu-tui serve` with `options` on a free port, until the block ends."""
    port = free_port()
    log = directory / f"serve-{port}.log"
    # A wide log, so that no line the tests look for is wrapped.
    environment = {**os.environ, "COLUMNS": "250"}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "xihu_tui", "serve", "--port", str(port), *options],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=directory,
            env=environment,
            start_new_session=True,
        )
    try:
        served = Served(port, log, process.pid)
        wait_until_answering(served.url, process, log)
        yield served
    finally:
        with suppress(ProcessLookupError):  # it may have failed to start
            os.killpg(process.pid, signal.SIGTERM)
            os.killpg(process.pid, signal.SIGCONT)  # an explorer a test stopped ends too
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


async def read_until(websocket: aiohttp.ClientWebSocketResponse, wanted: bytes) -> bytes:
    """What the explorer behind `websocket` draws, until `wanted` appears or it has been quiet
    for a while once `wanted` is empty."""
    received = b""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and not (wanted and wanted in received):
        try:
            message = await websocket.receive(timeout=3 if not wanted and received else 1)
        except asyncio.TimeoutError:
            if not wanted and received:
                break  # quiet: the screen is drawn
            continue
        if message.type is not aiohttp.WSMsgType.BINARY:
            break
        received += message.data
    return received


CURSOR_TO = re.compile(r"\x1b\[(\d+);(\d+)H")
NOT_DRAWN = re.compile(r"\x1b\[[0-9;?$<>]*[A-Za-z~]|\x1b\][^\x07]*\x07")


def extent(output: bytes) -> tuple[int, int]:
    """The columns and rows that `output` (a Textual app's writes) draws on: how large a
    terminal it was drawn for."""
    pieces = CURSOR_TO.split(output.decode("utf-8", errors="replace"))
    columns = rows = 0
    for index in range(1, len(pieces) - 2, 3):
        row, column, text = int(pieces[index]), int(pieces[index + 1]), pieces[index + 2]
        rows = max(rows, row)
        columns = max(columns, column - 1 + cell_len(NOT_DRAWN.sub("", text)))
    return columns, rows
