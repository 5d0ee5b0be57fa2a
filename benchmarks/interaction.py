"""What a key press costs in the explorer: the UI thread's work from the key to the frame drawn.

The app runs headless (`App.run_test`, 120×40) on an already loaded report. A key is
sent as the terminal driver sends it, and the clock counts the time the event loop
spends running callbacks (every message handler, timer and render of the app) until
the app has been idle for `SETTLE_S`: the work the key caused, including laying out and
rendering the changed lines of the next frame, but not the idle waits of the screen's
60 Hz update timer. Encoding the frame as terminal escape codes is skipped in headless
mode, so it is not counted.

A key bound to nothing (`no-op`) is measured the same way: the floor set by Textual's
key dispatch and by the measuring itself. So is a key in the minimal app of the start-up
baseline (`minimal_app.py`) that replaces its text with the next screenful of the report:
what Textual itself needs to draw a screen of new text, the floor for a key that changes
most of the screen, as moving to another section does.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, ClassVar

from textual.binding import BindingType

from xihu_tui.core.report.model import Report

SIZE = (120, 40)
SETTLE_S = 0.05
"""Quiet time after which a key's work is over (the update timer runs at 60 Hz)."""
NOOP_KEY = "f19"  # bound to nothing in the explorer
SEARCHED = ("2", "0")
"""Typed after `/`: 20, in numbers all over any report (the generated one's every paragraph)."""
CHARACTERS = {"j": "j", "m": "m", "n": "n", "right_square_bracket": "]", "escape": "\x1b", "slash": "/"}
CHARACTERS.update({digit: digit for digit in "0123456789"})


class BusyClock:
    """Adds up the time the event loop of this thread spends running callbacks, and keeps
    the longest single callback (`longest`, which may be set back to 0)."""

    def __init__(self) -> None:
        self.busy = 0.0
        self.longest = 0.0
        self.held = 0.0
        """Kept by whoever measures it (`blocking._heartbeat`): the most the loop was held."""
        self._original: Any = None

    def __enter__(self) -> BusyClock:
        self._original = original = asyncio.events.Handle._run
        clock = self

        def timed_run(handle: asyncio.events.Handle) -> None:
            start = time.perf_counter()
            try:
                original(handle)
            finally:
                spent = time.perf_counter() - start
                clock.busy += spent
                clock.longest = max(clock.longest, spent)

        asyncio.events.Handle._run = timed_run  # type: ignore[method-assign]
        return self

    def __exit__(self, *_exc: object) -> None:
        asyncio.events.Handle._run = self._original  # type: ignore[method-assign]


async def _settled(clock: BusyClock) -> None:
    """Wait until a whole `SETTLE_S` passes without work (a sleep costs next to none)."""
    while True:
        before = clock.busy
        await asyncio.sleep(SETTLE_S)
        if clock.busy - before < 0.001:
            return


async def _key_cost(app: Any, clock: BusyClock, key: str) -> float:
    from textual import events

    await _settled(clock)
    start = clock.busy
    event = events.Key(key, CHARACTERS.get(key))
    event.set_sender(app)
    app._driver.send_message(event)  # as the terminal driver does (and Pilot.press)
    await _settled(clock)
    return clock.busy - start


def _screenfuls(paragraphs: list[str], size: tuple[int, int]) -> list[str]:
    """The paragraphs in pages of at least a screen's cells each, so each page fills the
    screen: the baseline draws as many new lines as a key that changes most of the screen."""
    from rich.cells import cell_len

    pages, page, cells = [], [], 0
    for paragraph in paragraphs:
        page.append(paragraph)
        cells += cell_len(paragraph) + size[0]  # the blank line between paragraphs
        if cells >= size[0] * size[1]:
            pages.append("\n\n".join(page))
            page, cells = [], 0
    return pages or ["\n\n".join(page)]


async def _measure_redraw(report: Report, runs: int) -> list[float]:
    from minimal_app import MinimalApp
    from textual.widgets import Static

    paragraphs = [paragraph.text for section in report.walk() for paragraph in section.paragraphs]
    pages = _screenfuls(paragraphs, SIZE)

    class PagingApp(MinimalApp):
        """The start-up baseline, with `j` showing the next screenful of paragraphs."""

        BINDINGS: ClassVar[list[BindingType]] = [("j", "next_page", "Next")]
        page = 0

        def action_next_page(self) -> None:
            self.page += 1
            self.query_one(Static).update(pages[self.page % len(pages)])

    app = PagingApp(pages[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with BusyClock() as clock:
            return [await _key_cost(app, clock, "j") for _ in range(runs)]


async def _measure(report: Report, runs: dict[str, int]) -> dict[str, list[float]]:
    from xihu_tui.ui.app import XihuApp
    from xihu_tui.ui.screens.overview import MetricsOverview

    samples: dict[str, list[float]] = {name: [] for name in runs}
    samples.update(overview_first=[], overview_later=[])
    samples["redraw_floor"] = await _measure_redraw(report, runs.pop("redraw_floor"))
    # As the command line runs it (`freeze_after_start`), so garbage collection costs what it does there.
    app = XihuApp(report, lang="en", freeze_after_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await after_start_up(pilot)
        with BusyClock() as clock:
            for _ in range(runs["noop"]):
                samples["noop"].append(await _key_cost(app, clock, NOOP_KEY))
            for _ in range(runs["tree_step"]):
                samples["tree_step"].append(await _key_cost(app, clock, "j"))
            for _ in range(runs["section_jump"]):
                samples["section_jump"].append(await _key_cost(app, clock, "right_square_bracket"))
            for _ in range(runs["overview_open"]):
                cost = await _key_cost(app, clock, "m")
                # The first opening builds the overview's screen; later ones show it again.
                samples["overview_later" if samples["overview_first"] else "overview_first"].append(cost)
                if not isinstance(app.screen, MetricsOverview):
                    raise RuntimeError("m did not open the metrics overview")
                await _key_cost(app, clock, "escape")
            # n: the next match of a search left open behind a closed bar, as a reader
            # steps through matches. Every paragraph of the generated report has digits.
            for key in ("slash", *SEARCHED, "escape"):
                await _key_cost(app, clock, key)
            for _ in range(runs["search_next"]):
                before = app.screen.place
                samples["search_next"].append(await _key_cost(app, clock, "n"))
                if app.screen.place == before or app.screen.place.hit is None:
                    raise RuntimeError("n did not move to the next match")
    samples["overview_open"] = samples["overview_first"] + samples["overview_later"]
    return samples


async def after_start_up(pilot: Any) -> None:
    """Until the explorer has done what it does in the background after start-up (the
    overview's rows, in a thread), which would otherwise compete for the interpreter with
    what is measured first; then the contents have the focus, as when it starts."""
    from xihu_tui.ui.screens.explorer import OVERVIEW_PREPARED_AFTER_S
    from xihu_tui.ui.widgets.section_tree import SectionTree

    app = pilot.app
    await pilot.pause()
    await asyncio.sleep(OVERVIEW_PREPARED_AFTER_S + 0.1)
    await app.workers.wait_for_complete()
    app.screen.query_one(SectionTree).focus()


def measure(report: Report, *, repeats: int) -> dict[str, list[float]]:
    """Samples, in seconds, per interaction: no-op, redraw floor, tree step, section jump,
    overview open (first, later, all) and search's next match."""
    runs = {
        "noop": 10 * repeats,
        "redraw_floor": 20 * repeats,
        "tree_step": 20 * repeats,
        "section_jump": 10 * repeats,
        "overview_open": 1 + 3 * repeats,
        "search_next": 20 * repeats,
    }
    return asyncio.run(_measure(report, runs))
