"""How long the interface stays blocked while a one-letter query is searched (issue 19).

    python benchmarks/search_latency.py [--scale 0.1] [--report PATH] [--queries 第,节,1]

The explorer runs headless (`App.run_test`, 120×40) on the `sections` shape of
`shapes.py` (a million tiny sections times `--scale`: 100,000 by default, every title
`第N节`, so `第` matches each one), or on `--report`. After start-up has settled, `/` is
pressed and the first query typed as soon as the bar has the focus, as a reader does (so
the first search also waits for the index to be built); then each further query replaces the last (Backspace,
then the letter), each a new search, none of them cached.

For each query it prints:

- *longest block*: the longest single callback of the UI thread's event loop between
  the key and the result shown: how long a key, a scroll or Escape would have waited;
  the issue's target is 100 ms;
- *first hits after*: from the key until the first of its hits reach the screen: the
  first partial result of a search that streams (the contents' badges, the count so far
  in the bar), else its whole result;
- *result after*: from the key until the search's result is the one shown (the
  query's counter in the bar), however the search runs.

`--scale 1` is the million-sections report of the issue (its index alone takes seconds
to build, on the first query).

Nothing here is asserted; `tests/test_search_worker.py` tests the behaviour.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from interaction import BusyClock

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)
SETTLE_S = 0.05
POLL_S = 0.002
KEYS: dict[str, str | None] = {"slash": "/", "backspace": None}


def _send(app: Any, key: str) -> None:
    from textual import events

    event = events.Key(key, KEYS.get(key, key))
    event.set_sender(app)
    app._driver.send_message(event)  # as the terminal driver does (and Pilot.press)


def _shown(app: Any, query: str) -> bool:
    """Whether `query`'s result is the one the explorer shows, with no search left running."""
    screen = app.screen
    search = getattr(screen, "search", None)
    if search is None or search.result is None or search.result.query != query:
        return False
    if screen.search_bar.input.value != query:
        return False
    return not any(worker.group == "search" and worker.is_running for worker in app.workers)


async def _until_typed(app: Any, value: str) -> None:
    """Until the search bar has the focus and reads `value`: a key sent sooner could be lost."""
    while getattr(app.focused, "id", None) != "search-input" or app.focused.value != value:
        await asyncio.sleep(POLL_S)


async def _until_shown(app: Any, query: str, timeout: float = 120.0) -> float:
    start = time.perf_counter()
    while not _shown(app, query):
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{query!r} was not shown after {timeout} s")
        await asyncio.sleep(POLL_S)
    return time.perf_counter() - start


class _FirstHits:
    """When each query's first partial result reached the screen (a `message_hook`)."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}

    def __call__(self, message: Any) -> None:
        from xihu_tui.ui.screens.explorer import ExplorerScreen

        if isinstance(message, ExplorerScreen.SearchProgressed):
            self.at.setdefault(message.found.result.query, time.perf_counter())


async def _measure(report_path: Path, queries: list[str]) -> list[tuple[str, float, float, float]]:
    from xihu_tui.core.report.loader import load_report
    from xihu_tui.ui.app import XihuApp
    from xihu_tui.ui.screens.explorer import OVERVIEW_PREPARED_AFTER_S

    report = load_report(report_path)
    app = XihuApp(report, lang="en", freeze_after_start=True)
    found: list[tuple[str, float, float, float]] = []
    first_hits = _FirstHits()
    async with app.run_test(size=SIZE, message_hook=first_hits) as pilot:
        await pilot.pause()
        await asyncio.sleep(OVERVIEW_PREPARED_AFTER_S + 0.1)
        await app.workers.wait_for_complete()
        await asyncio.sleep(SETTLE_S)
        with BusyClock() as clock:
            for number, query in enumerate(queries):
                clock.longest = 0.0
                if number == 0:
                    _send(app, "slash")
                    await _until_typed(app, "")
                else:
                    _send(app, "backspace")
                    await _until_typed(app, "")
                first_hits.at.clear()
                sent = time.perf_counter()
                _send(app, query)
                after = await _until_shown(app, query)
                first = first_hits.at.get(query, sent + after) - sent
                await asyncio.sleep(SETTLE_S)  # the frame drawn after the result
                found.append((query, clock.longest, first, after))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=0.1, help="of the `sections` shape's million sections")
    parser.add_argument("--report", type=Path, help="a report to search instead of the generated one")
    parser.add_argument("--queries", default="第,节,1", help="one-letter queries, comma-separated")
    args = parser.parse_args(argv)
    queries = [query for query in args.queries.split(",") if query]
    sys.path.insert(0, str(HERE))
    with tempfile.TemporaryDirectory() as folder:
        path = args.report
        if path is None:
            import shapes

            path = shapes.write_shape(Path(folder) / "sections.toml", "sections", args.scale)
        results = asyncio.run(_measure(path, queries))
    print(f"{'query':<8}{'longest block (ms)':>20}{'first hits after (ms)':>24}{'result after (ms)':>20}")
    for query, longest, first, after in results:
        print(f"{query:<8}{longest * 1000:>20.0f}{first * 1000:>24.0f}{after * 1000:>20.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
