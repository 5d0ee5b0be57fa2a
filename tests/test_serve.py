"""`xihu-tui serve`: a real server on loopback, its page, and the explorer it runs."""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from xihu_tui.cli import explorer_command, main
from xihu_tui.core.model import Report

START_TIMEOUT = 30.0


@dataclass(frozen=True)
class Served:
    url: str
    port: int
    log: Path


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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`xihu-tui serve` on a free port, in its own process group: stopping the group stops
    the explorers it started too, so no process outlives the test."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "xihu_tui", "serve", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_answering(url, process, log)
        yield Served(url, port, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def this_machines_other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing only picks the interface
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


async def explorer_output(url: str, wanted: bytes) -> bytes:
    """What the explorer behind the page's websocket draws, until `wanted` appears."""
    received = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as websocket:
        deadline = time.monotonic() + START_TIMEOUT
        while wanted not in received and time.monotonic() < deadline:
            try:
                message = await websocket.receive(timeout=1)
            except asyncio.TimeoutError:
                continue
            if message.type is not aiohttp.WSMsgType.BINARY:
                break
            received += message.data
    return received


def test_serves_the_app_page_on_loopback_and_runs_the_explorer(
    served: Served, bundled_report: Report
) -> None:
    with urllib.request.urlopen(served.url, timeout=10) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/html"
        page = response.read().decode("utf-8")
    # textual-serve's app page: a terminal fed by a websocket, named after the report.
    websocket_url = f"ws://127.0.0.1:{served.port}/ws"
    assert 'class="textual-terminal"' in page
    assert f'data-session-websocket-url="{websocket_url}"' in page
    assert bundled_report.title in page

    section_title = bundled_report.sections[1].title.encode("utf-8")
    drawn = asyncio.run(explorer_output(f"{websocket_url}?width=120&height=40", section_title))
    assert section_title in drawn, drawn[-2000:]

    other = this_machines_other_address()
    if other is not None:
        with pytest.raises(OSError), socket.create_connection((other, served.port), timeout=2):
            pass


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def test_a_headless_browser_loads_the_page_with_the_report_title(
    request: pytest.FixtureRequest, bundled_report: Report
) -> None:
    """The terminal in the page is drawn on a canvas (xterm.js with WebGL), so the
    explorer's own text never reaches the DOM; the title does, in the page around it.
    The test above reads what the explorer draws through the websocket."""
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        pytest.skip(f"no headless browser: none of {', '.join(BROWSERS)} is on PATH")
    served: Served = request.getfixturevalue("served")
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--disable-gpu",
            *sandbox,
            "--virtual-time-budget=10000",
            "--dump-dom",
            served.url,
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    assert bundled_report.title in result.stdout


def test_without_textual_serve_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails as if absent
    assert main(["serve"]) == 2
    assert "pip install 'xihu-tui[web]'" in capsys.readouterr().err


def test_an_invalid_report_is_refused_before_serving(
    write_report, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_report("[report\n")
    assert main(["serve", str(path), "--port", str(free_port())]) == 2
    assert "TOML syntax error" in capsys.readouterr().err


def test_the_served_command_survives_the_shell(tmp_path: Path) -> None:
    report = tmp_path / "a report; rm -rf ~ $(x) 'quoted'.toml"
    command = explorer_command(report, max_size=1024, cache=False, lang="en")
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "xihu_tui",
        str(report),
        "--max-size",
        "1024",
        "--no-cache",
        "--lang",
        "en",
    ]


def test_a_relative_report_is_served_from_where_it_was_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    words = shlex.split(explorer_command(Path("r.toml"), max_size=1, cache=True, lang=None))
    assert words[3] == str(tmp_path / "r.toml")
    assert "--no-cache" not in words and "--lang" not in words
