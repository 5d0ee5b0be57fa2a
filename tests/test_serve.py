"""`xihu-tui serve`: a real server on loopback, its page, the explorer it runs, and its limits:
whose pages may connect, how many explorers run, how large they draw, and that each ends
with its page. tests/test_serve_browser.py drives the same server from a real browser."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from serving import START_TIMEOUT, Served, extent, read_until, serving, wait_until
from xihu_tui.cli import main
from xihu_tui.core.report.model import Report
from xihu_tui.serve import explorer_command

ENDED_WITHIN = 15.0
"""Seconds an explorer may outlive its page: it gets 3 s to quit, then 2 s to end after
SIGTERM; the rest is for a busy machine."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server with the default options, for the tests that do not change them."""
    with serving(tmp_path_factory.mktemp("serve")) as server:
        yield server


def this_machines_other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing only picks the interface
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


async def explorer_output(url: str, wanted: bytes, **connect: object) -> bytes:
    """What the explorer behind the page's websocket draws, until `wanted` appears."""
    async with aiohttp.ClientSession() as session, session.ws_connect(url, **connect) as websocket:  # type: ignore[arg-type]
        return await read_until(websocket, wanted)


async def refused_status(url: str, **connect: object) -> int | None:
    """The HTTP status that refused the websocket, or None if it opened."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, **connect):  # type: ignore[arg-type]
                return None
        except aiohttp.WSServerHandshakeError as refusal:
            return refusal.status


def test_serves_the_app_page_on_loopback_and_runs_the_explorer(
    served: Served, bundled_report: Report
) -> None:
    with urllib.request.urlopen(served.url, timeout=10) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/html"
        page = response.read().decode("utf-8")
    # textual-serve's app page: a terminal fed by a websocket, named after the report.
    assert 'class="textual-terminal"' in page
    assert f'data-session-websocket-url="{served.websocket_url}"' in page
    assert bundled_report.title in page

    section_title = bundled_report.sections[1].title.encode("utf-8")
    drawn = asyncio.run(explorer_output(f"{served.websocket_url}?width=120&height=40", section_title))
    assert section_title in drawn, drawn[-2000:]

    other = this_machines_other_address()
    if other is not None:
        with pytest.raises(OSError), socket.create_connection((other, served.port), timeout=2):
            pass


@pytest.mark.parametrize(
    "origin",
    [
        "http://reports.example.org",
        "http://127.0.0.1:{other_port}",  # another server on this machine is another site
        "https://127.0.0.1:{port}",
        "null",  # a sandboxed frame or a file:// page
    ],
)
def test_a_page_from_another_site_cannot_open_the_explorer(served: Served, origin: str) -> None:
    origin = origin.format(port=served.port, other_port=served.port + 1)
    before = served.explorers()
    assert asyncio.run(refused_status(served.websocket_url, origin=origin)) == 403
    assert f"Refused a session to 127.0.0.1: it comes from a page at '{origin}'" in served.log_text()
    assert served.explorers() - before == set()


def test_a_page_that_gave_its_own_name_to_loopback_is_refused(served: Served) -> None:
    """DNS rebinding: a site points its name at 127.0.0.1, so its page and this server seem
    one origin to the browser."""
    rebound = f"rebinding.example.org:{served.port}"
    headers = {"Host": rebound}
    status = asyncio.run(refused_status(served.websocket_url, origin=f"http://{rebound}", headers=headers))
    assert status == 403
    request = urllib.request.Request(served.url, headers=headers)
    with pytest.raises(urllib.error.HTTPError) as refusal:
        urllib.request.urlopen(request, timeout=10)
    assert refusal.value.code == 403
    assert "not this machine's loopback name" in served.log_text()


@pytest.mark.parametrize(
    "origin",
    [
        None,  # a program, not a browser: it could write any Origin it liked
        "http://127.0.0.1:{port}",
        "http://localhost:{port}",  # the page opened as localhost connects to 127.0.0.1
    ],
)
def test_the_servers_own_pages_open_the_explorer(
    served: Served, bundled_report: Report, origin: str | None
) -> None:
    connect = {} if origin is None else {"origin": origin.format(port=served.port)}
    title = bundled_report.sections[0].title.encode("utf-8")
    assert title in asyncio.run(explorer_output(served.websocket_url, title, **connect))


def test_other_sites_cannot_show_the_page_in_a_frame(served: Served) -> None:
    """A frame would be of this server's origin, and so would its websocket."""
    with urllib.request.urlopen(served.url, timeout=10) as response:
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_allow_origin_lets_that_sites_pages_in(tmp_path: Path, bundled_report: Report) -> None:
    allowed = "https://reports.example.org"
    with serving(tmp_path, "--allow-origin", allowed, "--allow-origin", "http://intranet:8080/") as served:
        title = bundled_report.sections[0].title.encode("utf-8")
        assert title in asyncio.run(explorer_output(served.websocket_url, title, origin=allowed))
        assert asyncio.run(refused_status(served.websocket_url, origin="http://intranet:8080")) is None
        assert asyncio.run(refused_status(served.websocket_url, origin="https://example.org")) == 403
        with urllib.request.urlopen(served.url, timeout=10) as response:
            policy = response.headers["Content-Security-Policy"]
        assert policy == f"frame-ancestors 'self' http://intranet:8080 {allowed}"


@pytest.mark.parametrize("option", [("--allow-origin", "reports.example.org"), ("--max-sessions", "0")])
def test_serve_refuses_options_it_cannot_use(
    option: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", *option])
    assert exit_info.value.code == 2
    assert f"argument {option[0]}: not a" in capsys.readouterr().err


def test_pages_beyond_max_sessions_are_refused_until_one_closes(
    tmp_path: Path, bundled_report: Report
) -> None:
    title = bundled_report.sections[0].title.encode("utf-8")

    async def pages(served: Served) -> None:
        async with aiohttp.ClientSession() as session:
            first = await session.ws_connect(served.websocket_url)
            second = await session.ws_connect(served.websocket_url)
            for page in (first, second):
                assert title in await read_until(page, title)
            assert await refused_status(served.websocket_url) == 503
            await first.close()
            ended = wait_until(lambda: "ended (1 of 2)" in served.log_text(), ENDED_WITHIN)
            assert ended, served.log_text()
            third = await session.ws_connect(served.websocket_url)
            assert title in await read_until(third, title)
            await asyncio.gather(second.close(), third.close())

    with serving(tmp_path, "--max-sessions", "2") as served:
        asyncio.run(pages(served))
        assert "2 explorers are running, the most --max-sessions allows" in served.log_text()


@pytest.mark.slow  # draws a 500×200 screen: 6-7 s of the README's quick run
def test_a_page_gets_a_terminal_of_at_most_500_by_200(served: Served) -> None:
    async def page() -> tuple[bytes, bytes]:
        async with aiohttp.ClientSession() as session:
            url = f"{served.websocket_url}?width=2000&height=1000"
            async with session.ws_connect(url) as websocket:
                first = await read_until(websocket, b"")
                await websocket.send_json(["resize", {"width": 3000, "height": 60}])
                return first, await read_until(websocket, b"")

    first, resized = asyncio.run(page())
    assert extent(first) == (500, 200)
    assert extent(resized) == (500, 60)


async def open_explorer(
    served: Served, session: aiohttp.ClientSession, url: str
) -> tuple[aiohttp.ClientWebSocketResponse, int]:
    """A page's websocket once its explorer has drawn, and that explorer's process."""
    before = served.explorers()
    websocket = await session.ws_connect(url)
    await read_until(websocket, b"")
    started = served.explorers() - before
    assert len(started) == 1, served.log_text()
    return websocket, started.pop()


def process_ended(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def test_an_explorer_ends_when_its_page_goes(served: Served) -> None:
    async def page() -> int:
        async with aiohttp.ClientSession() as session:
            websocket, pid = await open_explorer(served, session, served.websocket_url)
            await websocket.close()
            return pid

    pid = asyncio.run(page())
    assert wait_until(lambda: process_ended(pid), ENDED_WITHIN), served.log_text()


@pytest.mark.slow
def test_an_explorer_that_does_not_answer_is_ended_with_its_page(served: Served) -> None:
    async def page() -> int:
        async with aiohttp.ClientSession() as session:
            websocket, pid = await open_explorer(served, session, served.websocket_url)
            os.kill(pid, signal.SIGSTOP)  # it can no longer quit, or read, or write
            await websocket.close()
            return pid

    pid = asyncio.run(page())
    assert wait_until(lambda: process_ended(pid), ENDED_WITHIN), served.log_text()
    assert f"The explorer (process {pid}) has not quit after its page went: SIGKILL" in served.log_text()


def test_a_page_that_asked_for_a_huge_terminal_leaves_no_process_behind(served: Served) -> None:
    """As reported: a page asked for 2000 × 1000 and went while the explorer was drawing."""

    async def page() -> set[int]:
        before = served.explorers()
        async with aiohttp.ClientSession() as session:
            url = f"{served.websocket_url}?width=2000&height=1000"
            async with session.ws_connect(url) as websocket:
                drawn = b""
                while len(drawn) < 1000:  # the start of its first screen
                    message = await websocket.receive(timeout=START_TIMEOUT)
                    assert message.type is aiohttp.WSMsgType.BINARY, message
                    drawn += message.data
                started = served.explorers() - before
        return started

    started = asyncio.run(page())
    assert started, "no explorer started"
    assert wait_until(lambda: all(process_ended(pid) for pid in started), ENDED_WITHIN), served.log_text()


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
    assert main(["serve", str(path), "--port", "8000"]) == 2
    assert "TOML syntax error" in capsys.readouterr().err


@pytest.mark.skipif(os.name == "nt", reason="cmd.exe has no exec")
def test_the_served_command_survives_the_shell(tmp_path: Path) -> None:
    report = tmp_path / "a report; rm -rf ~ $(x) 'quoted'.toml"
    command = explorer_command(report, max_size=1024, cache=False, lang="en")
    assert shlex.split(command) == [
        "exec",  # the shell becomes the explorer, so ending the process ends the explorer
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
    assert words[4] == str(tmp_path / "r.toml")
    assert "--no-cache" not in words and "--lang" not in words
