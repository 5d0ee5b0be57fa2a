"""`xihu-tui serve` in a real headless browser (Chromium, driven by Playwright): the page
connects, the explorer draws in it and answers its keys, and a page from another site
cannot open the explorer.

The page's terminal is xterm.js drawing on a canvas, so the explorer's text is not in the
DOM. An init script keeps the xterm.js terminal that textual-serve's page makes, and the
tests read its screen through xterm.js's public buffer API: what the canvas shows.

Skips, saying why, without Playwright or without a Chromium on PATH (Debian: apt-get
install chromium); Playwright's own browsers are never downloaded.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from serving import START_TIMEOUT, Served, serving, wait_until
from xihu_tui.core.report.model import Report

pytestmark = pytest.mark.slow  # a real browser: run by .ci/run with -m slow

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # as root, Chromium starts only without its sandbox
    "--disable-gpu",
    # This machine reaches no network: without these, Chromium waits on connections of its own.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

KEEP_THE_TERMINAL = """
// textual-serve's page keeps its xterm.js Terminal as `this.terminal` of an object of its
// own, out of reach; catch it as it is stored.
Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
        Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
        if (value && value.buffer && value.buffer.active) window.xtermTerminal = value;
    },
});
window.screenText = () => {
    const terminal = window.xtermTerminal;
    if (!terminal) return null;
    const buffer = terminal.buffer.active;
    const lines = [];
    for (let row = buffer.viewportY; row < buffer.viewportY + terminal.rows; row++) {
        const line = buffer.getLine(row);
        lines.push(line ? line.translateToString(true) : "");
    }
    return lines.join("\\n");
};
"""


def first_words(text: str) -> str:
    return text[:8]


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sync_api.BrowserContext]:
    executable = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if executable is None:
        pytest.skip(f"no Chromium: none of {', '.join(BROWSERS)} is on PATH (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"),  # a fresh profile for each run
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("serve")) as server:
        yield server


def screen(page: sync_api.Page) -> str:
    return page.evaluate("window.screenText && window.screenText()") or ""


def wait_for_screen(page: sync_api.Page, shows: Callable[[str], bool], what: str) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        text = screen(page)
        if shows(text):
            return text
        if time.monotonic() > deadline:
            if page.evaluate("!window.xtermTerminal"):
                pytest.fail(
                    "the page made no xterm.js terminal the test could read (has textual.js changed?)"
                )
            pytest.fail(f"the page never showed {what}; it shows:\n{text}")
        time.sleep(0.1)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_page_runs_the_explorer_and_its_keys_move_it(
    browser_context: sync_api.BrowserContext, served: Served, bundled_report: Report, host: str
) -> None:
    first, second = bundled_report.sections[0], bundled_report.sections[1]
    page = browser_context.new_page()
    try:
        page.add_init_script(KEEP_THE_TERMINAL)
        page.goto(f"http://{host}:{served.port}/")
        assert bundled_report.title in page.content()  # the page around the terminal
        wait_for_screen(page, lambda text: first.title in text, f"the first section's title {first.title!r}")
        assert first_words(first.paragraphs[0].text) not in screen(page)

        page.locator(".xterm-helper-textarea").focus()
        page.keyboard.press("j")  # down the contents, to the first section: its text shows
        wait_for_screen(
            page,
            lambda text: first_words(first.paragraphs[0].text) in text,
            "the first section's text after j",
        )
        page.keyboard.press("]")  # the next section
        wait_for_screen(
            page,
            lambda text: first_words(second.paragraphs[0].text) in text,
            "the second section's text after ]",
        )
    finally:
        page.close()


class OtherSite(BaseHTTPRequestHandler):
    """A page of another origin (another port on this machine), which tries to open the
    explorer through its websocket and to show the explorer's page in a frame."""

    served_port = 0

    def do_GET(self) -> None:
        page = f"""<!DOCTYPE html>
<title>other site</title>
<script>
  const socket = new WebSocket("ws://127.0.0.1:{self.served_port}/ws");
  socket.onopen = () => {{ document.body.dataset.websocket = "opened"; }};
  socket.onclose = (event) => {{ document.body.dataset.websocket ||= "closed " + event.code; }};
</script>
<body><iframe src="http://127.0.0.1:{self.served_port}/"></iframe></body>
"""
        body = page.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def other_site(served: Served) -> Iterator[str]:
    handler = type("OtherSiteHandler", (OtherSite,), {"served_port": served.port})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_from_another_site_cannot_open_the_explorer(
    browser_context: sync_api.BrowserContext, served: Served, other_site: str
) -> None:
    assert wait_until(lambda: not served.explorers(), START_TIMEOUT), "earlier explorers did not end"
    page = browser_context.new_page()
    try:
        page.goto(other_site)
        page.wait_for_function(
            "document.body && document.body.dataset.websocket", timeout=START_TIMEOUT * 1000
        )
        assert page.evaluate("document.body.dataset.websocket") == "closed 1006"  # refused
        time.sleep(2)  # long enough for the frame to start an explorer, if it could
        assert served.explorers() == set()
    finally:
        page.close()
    assert f"Refused a session to 127.0.0.1: it comes from a page at '{other_site}'" in served.log_text()
