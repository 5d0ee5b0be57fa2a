"""`xihu-tui serve`: the explorer in a web browser, one process per page, through textual-serve.

textual-serve starts its command for any websocket that reaches it. A server that shows
someone's report needs limits it does not have, and this module adds them:

- Only this server's own pages (and origins named with `--allow-origin`) may open a
  session, so a page on another site, open in the same browser, can neither read the
  report nor type into the explorer; nor can it show this server's page in a frame.
- At most `max_sessions` explorers run at once; a page beyond that is refused.
- A page chooses its terminal's size, within MAX_COLUMNS × MAX_ROWS.
- An explorer ends with its page: it is asked to quit, then terminated, then killed.

cli.py imports this module only for `serve`, once it knows textual-serve is installed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from asyncio.subprocess import Process
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import hdrs, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

log = logging.getLogger("xihu-tui serve")

MAX_COLUMNS = 500
MAX_ROWS = 200
"""The largest terminal a page gets. A 4K screen at the page's usual font is about 400 × 110;
an explorer asked for 2000 × 1000 grew to 180 MB and took seconds to draw each screen."""

QUIT_SECONDS = 3.0
"""How long an explorer has to quit by itself once its page has gone, before it is terminated."""

TERMINATE_SECONDS = 2.0
"""How long a terminated explorer has to end, before it is killed."""

HEARTBEAT_SECONDS = 15.0
"""A page that stops answering pings for this long has gone (as in textual-serve)."""

DEFAULT_PORTS = {"http": 80, "https": 443}


def _check_private_names() -> None:
    """textual-serve's private names this module relies on, both in textual-serve 1.1: the loop
    that reads a page's messages, and the one place a session starts its process. Checked at
    import, so that an upgrade that renames them fails at once rather than in a session."""
    for owner, name in ((Server, "_process_messages"), (AppService, "_open_app_process")):
        if not callable(getattr(owner, name, None)):
            raise ImportError(
                f"xihu-tui serve needs textual-serve's {owner.__name__}.{name} (textual-serve 1.1)"
            )


_check_private_names()


@dataclass(frozen=True)
class Origin:
    """Where a web page comes from, as browsers compare pages: scheme, host and port."""

    scheme: str
    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> Origin | None:
        """An `Origin` header's value or an `--allow-origin` argument, such as
        `https://example.org` or `http://[::1]:8000`; None for anything else ("null" included)."""
        try:
            parts = urlsplit(text.strip())
            port = parts.port
        except ValueError:
            return None
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.username or parts.password:
            return None
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            return None
        return cls(parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme])

    @classmethod
    def of_request(cls, request: web.Request) -> Origin | None:
        """The origin a browser gives the address this request was sent to (its Host header)."""
        return cls.parse(f"{request.scheme}://{request.host}")

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if DEFAULT_PORTS[self.scheme] == self.port else f":{self.port}"
        return f"{self.scheme}://{host}{port}"


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) is this machine as only it can reach it."""
    import ipaddress

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def answers_on_loopback(host: str) -> bool:
    """Whether a server listening on `host` can be reached at 127.0.0.1 or localhost."""
    return is_loopback(host) or host in ("", "0.0.0.0", "::")


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The size a page asked for, within 1 × 1 and MAX_COLUMNS × MAX_ROWS (80 × 24 when unreadable)."""

    def within(value: object, largest: int, unreadable: int) -> int:
        try:
            number: int = int(value)  # type: ignore[call-overload]  # whatever the page sent
        except (TypeError, ValueError, OverflowError):
            return unreadable
        return min(max(number, 1), largest)

    return within(width, MAX_COLUMNS, 80), within(height, MAX_ROWS, 24)


def explorer_command(report: Path | None, *, max_size: int, cache: bool, lang: str | None) -> str:
    """The shell command that opens the explorer on `report`, for textual-serve to run.

    This Python runs it (whatever `xihu-tui` is on PATH), on the report's absolute path,
    so neither the shell nor the working directory can change what is served. textual-serve
    runs it through a shell; `exec` makes the explorer that shell's process, so ending the
    process ends the explorer rather than leaving it orphaned.
    """
    words = [sys.executable, "-m", "xihu_tui"]
    if report is not None:
        words.append(str(report.resolve()))
    words += ["--max-size", str(max_size)]
    if not cache:
        words.append("--no-cache")
    if lang:
        words += ["--lang", lang]
    if os.name == "nt":
        import subprocess

        return subprocess.list2cmdline(words)
    import shlex

    return f"exec {shlex.join(words)}"


class ExplorerSession(AppService):
    """One page's explorer: its size kept within bounds, its process ended with the page."""

    def __init__(
        self,
        command: str,
        websocket: web.WebSocketResponse,
        *,
        download_manager: DownloadManager,
        debug: bool,
    ) -> None:
        async def close() -> None:
            await websocket.close()

        super().__init__(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=download_manager,
            debug=debug,
        )
        self.process: Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        # textual-serve's one place that starts the process: kept, to end it in `stop`.
        self.process = await super()._open_app_process(width, height)
        return self.process

    async def start(self, width: int, height: int) -> None:
        await super().start(*terminal_size(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*terminal_size(width, height))

    async def run(self) -> None:
        await super().run()
        # The explorer's output has ended (it quit or crashed): close the page's socket, so
        # the page says the session ended and its place under --max-sessions is freed.
        await self.remote_close()

    async def stop(self) -> None:
        """Ask the explorer to quit, and make sure its process has ended when this returns."""
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._quit(), QUIT_SECONDS)
        process = self.process
        if process is None:
            return
        for end, name in ((process.terminate, "SIGTERM"), (process.kill, "SIGKILL")):
            if process.returncode is not None:
                break
            log.warning("The explorer (process %d) has not quit after its page went: %s", process.pid, name)
            with suppress(ProcessLookupError):
                end()
            await self._exited(process, TERMINATE_SECONDS)
        # Read what is left in its pipes, so that they close with it.
        with suppress(Exception):
            await asyncio.wait_for(process.communicate(), TERMINATE_SECONDS)

    async def _quit(self) -> None:
        await super().stop()
        if self.process is not None:
            await self._exited(self.process, QUIT_SECONDS)

    @staticmethod
    async def _exited(process: Process, seconds: float) -> None:
        """Wait up to `seconds` for `process` to end. Not `process.wait()`: that also waits for
        its pipes to close, which they may not while nobody reads them."""
        deadline = time.monotonic() + seconds
        while process.returncode is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)


class ExplorerServer(Server):
    """textual-serve's server with the limits described at the top of this module."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str,
        allowed_origins: Iterable[Origin],
        max_sessions: int,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.allowed_origins = frozenset(allowed_origins)
        self.max_sessions = max_sessions
        self.sessions: set[ExplorerSession] = set()

    def refusal(self, request: web.Request) -> str | None:
        """Why `request` may not open a session or load the page, or None if it may.

        A request without an Origin header is let in: browsers send one with every websocket,
        so it comes from a program, which could as well have written any Origin it liked.
        """
        if is_loopback(self.host) and not is_loopback(urlsplit(f"//{request.host}").hostname or ""):
            # Only a page that gave its own name to 127.0.0.1 (DNS rebinding) reaches a
            # loopback server under a name that is not loopback.
            return f"it was sent to {request.host!r}, which is not this machine's loopback name"
        origin_text = request.headers.get(hdrs.ORIGIN)
        if origin_text is None:
            return None
        origin = Origin.parse(origin_text)
        if origin is not None and (origin in self.allowed_origins or self.is_own(origin, request)):
            return None
        return f"it comes from a page at {origin_text!r} (--allow-origin lets a page's origin in)"

    def is_own(self, origin: Origin, request: web.Request) -> bool:
        """Whether a page at `origin` is one of this server's."""
        if origin == Origin.of_request(request):
            return True
        # textual-serve's page points its websocket at --host, so a page opened at
        # http://localhost:8000 connects to 127.0.0.1; any loopback name on this port is this
        # server when it listens there.
        return (
            answers_on_loopback(self.host)
            and origin.scheme == request.scheme
            and is_loopback(origin.host)
            and origin.port == self.port
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        refusal = self.refusal(request)
        if refusal is not None:
            log.warning("Refused the page to %s: %s", request.remote, refusal)
            raise web.HTTPForbidden(text=f"xihu-tui serve: refused: {refusal}\n")
        response: web.StreamResponse = await super().handle_index(request)
        # A frame is the page's own origin, so its websocket would pass the origin check: keep
        # the page out of other sites' frames.
        ancestors = " ".join(["'self'", *sorted(map(str, self.allowed_origins))])
        response.headers[hdrs.CONTENT_SECURITY_POLICY] = f"frame-ancestors {ancestors}"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, behind the origin check and the session cap, with a
        session that keeps the terminal's size in bounds and always ends its process."""
        refusal = self.refusal(request)
        if refusal is not None:
            log.warning("Refused a session to %s: %s", request.remote, refusal)
            raise web.HTTPForbidden(text=f"xihu-tui serve: refused: {refusal}\n")
        if len(self.sessions) >= self.max_sessions:
            log.warning(
                "Refused a session to %s: %d explorers are running, the most --max-sessions allows",
                request.remote,
                len(self.sessions),
            )
            raise web.HTTPServiceUnavailable(
                text=f"xihu-tui serve: busy: {len(self.sessions)} explorers are running, the most "
                "this server runs at once (--max-sessions); close one and try again\n"
            )
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        if not websocket.can_prepare(request).ok:
            raise web.HTTPBadRequest(text="xihu-tui serve: this address is the page's websocket\n")
        session = ExplorerSession(
            self.command, websocket, download_manager=self.download_manager, debug=self.debug
        )
        # Counted from here, before the first await, so that pages arriving together cannot
        # all pass the check above; and until its process has ended.
        self.sessions.add(session)
        log.info("Session for %s (%d of %d)", request.remote, len(self.sessions), self.max_sessions)
        try:
            await websocket.prepare(request)
            await session.start(*terminal_size(request.query.get("width"), request.query.get("height")))
            await self._process_messages(websocket, session)
        except Exception:
            log.exception("A session ended with an error")
        finally:
            await session.stop()
            self.sessions.discard(session)
            if websocket.prepared:
                await websocket.close()
            log.info("Session for %s ended (%d of %d)", request.remote, len(self.sessions), self.max_sessions)
        return websocket


def serve_explorer(
    command: str,
    *,
    title: str,
    host: str,
    port: int,
    allowed_origins: Sequence[Origin],
    max_sessions: int,
) -> None:
    """Serve the explorer until Ctrl+C or SIGTERM."""
    if not is_loopback(host):
        print(
            f"xihu-tui serve: listening on {host}: anyone who can reach it can open the "
            "explorer, and each visit starts a process on this machine",
            file=sys.stderr,
        )
    server = ExplorerServer(
        command,
        host=host,
        port=port,
        title=title,
        allowed_origins=allowed_origins,
        max_sessions=max_sessions,
    )
    server.serve()
