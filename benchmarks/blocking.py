"""The longest the interface is blocked while a reader goes through a report (issue 19).

    python benchmarks/blocking.py [REPORT] [--scale 0.1] [--json] [--once]

Issue 19: "The interface never blocks for more than 100 ms", for reports of extreme
shape (`shapes.py`). The explorer runs headless (`App.run_test`, 120×40, English
interface) as the command line runs it: the report loaded with the collector off, then
exempted from it (`gc.freeze()`), and `freeze_after_start`. Once start-up has settled
(as in `interaction.py`), a fixed script of a reader's actions runs, each sent as the
terminal driver sends keys and followed by waiting until the app has been idle for 50 ms
(and, for the query, until its result is shown). Two figures for each action, while it
and its aftermath ran: the longest single callback of the UI thread's event loop
(`interaction.BusyClock`), and the most the loop was held (`_heartbeat`: how late a tick
asked every 5 ms came), which also counts callbacks queued together and another thread
holding the interpreter (a search or an index built in a worker). The longer of the two
is how long a key pressed then would have waited, and is what is judged. An action of
several presses counts the longest of them.

The script (`ACTIONS`): `j` and `]` five times each in the contents; a jump to the
section with the most paragraphs (as the palette, the overview and `]` make it:
`ExplorerScreen.jump_to`); in the text pane `end`, then `pageup` and `pagedown` three
times each; `/`, a one-letter query (the first letter of that section's first
paragraph, or of the first section's title if the report has more of it), `escape` (the
bar closes, the reader stays at the match), `n` three times, `escape` (the search goes);
`m` (the metrics overview) and `escape`.

An action that cannot be done, or whose effect is not seen, is noted (`notes`) and, if it
failed, has no figure; the benchmark goes on. With no REPORT, each shape of `shapes.py`
is generated at `--scale` in a temporary directory and measured. `--json` prints the
figures of REPORT as JSON (how `shapes.py` runs this, in a process of its own); `--once`
presses each key once (`run.py --quick`).

Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import json
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from interaction import SIZE, BusyClock, _key_cost, _settled, after_start_up  # noqa: E402
from search_latency import _send, _until_shown, _until_typed  # noqa: E402

MAX_BYTES = 64 << 20
"""The explorer's own limit (`loader.DEFAULT_MAX_BYTES`): the shapes go up to it."""
PRESSES = 5
"""Times `j` and `]` are pressed in the contents."""
PAGES = 3
"""Times `pageup`, `pagedown` and `n` are pressed."""
ONCE = {"presses": 1, "pages": 1}
"""`--once` (and `run.py --quick`): each key pressed once, so the script is quick."""
ACTION_TIMEOUT_S = 600.0
"""An action not over after this long is noted as failed (a million sections' first
search builds the index first: seconds, not minutes)."""
FALLBACK_QUERY = "第"

ACTIONS: dict[str, str] = {
    "tree_j": "contents: j ×{presses}",
    "tree_next_section": "contents: ] ×{presses}",
    "go_to_longest": "jump to the section with most paragraphs",
    "text_end": "text: end",
    "text_pageup": "text: pageup ×{pages}",
    "text_pagedown": "text: pagedown ×{pages}",
    "search_open": "search: /",
    "search_query": "search: one letter, until shown",
    "search_close": "search: escape (bar closes)",
    "search_next": "search: n ×{pages}",
    "search_clear": "search: escape (search goes)",
    "overview_open": "overview: m",
    "overview_close": "overview: escape",
}
"""The script, in order: its names (the JSON's keys) and what each does."""


@dataclass
class Blocking:
    """Per action of `ACTIONS`, the longest single UI-thread callback, in seconds (None:
    not measured, see `notes`)."""

    blocks_s: dict[str, float | None] = field(default_factory=dict)
    held_s: dict[str, float | None] = field(default_factory=dict)
    """Per action, the most the event loop was held (`_heartbeat`): at least its longest
    callback, more when callbacks queued together or another thread held the interpreter."""
    presses: int = PRESSES
    pages: int = PAGES
    query: str = ""
    section_id: str | None = None
    section_paragraphs: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def worst_s(self) -> dict[str, float | None]:
        """Per action, the longer of its longest callback and the most the loop was held:
        how long a key pressed then would have waited (None: not measured)."""
        return {
            name: None if value is None else max(value, self.held_s.get(name) or 0.0)
            for name, value in self.blocks_s.items()
        }

    @property
    def longest(self) -> tuple[str | None, float | None]:
        """The action that blocked longest (`worst_s`), and for how long (None, None: none measured)."""
        measured = {name: value for name, value in self.worst_s.items() if value is not None}
        if not measured:
            return None, None
        name = max(measured, key=lambda key: measured[key])
        return name, measured[name]

    @property
    def complete(self) -> bool:
        """Whether every action of the script has a figure."""
        return all(self.blocks_s.get(name) is not None for name in ACTIONS)


def _query_for(report: Any, section: Any) -> str:
    """A one-letter query: the first letter (or digit) of the longest section's first
    paragraph, or of the first section's title, whichever the report has more of (`第`
    in the `sections` shape, in all its titles, where its lone paragraph's letter is in
    one); the first paragraph's if neither has a letter; else `FALLBACK_QUERY`."""
    texts = [section.paragraphs[0].text] if section is not None and section.paragraphs else []
    texts += [item.title for item in islice(report.walk(), 1)]
    letters = [letter for letter in map(_first_letter, texts) if letter is not None]
    if not letters:
        letters = [letter for letter in map(_first_letter, (p.text for p in report.paragraphs[:1])) if letter]
        return letters[0] if letters else FALLBACK_QUERY
    if len(set(letters)) == 1:
        return letters[0]
    paragraphs = [paragraph.text for paragraph in report.paragraphs]
    titles = [item.title for item in report.walk()]

    def found(letter: str) -> int:
        return sum(text.count(letter) for text in paragraphs) + sum(title.count(letter) for title in titles)

    return max(letters, key=found)  # the first, if as many


def _first_letter(text: str) -> str | None:
    return next((character for character in text[:200] if character.isalnum()), None)


async def _measure(path: Path, presses: int, pages: int) -> Blocking:
    from xihu_tui.core.report.loader import load_report
    from xihu_tui.ui.app import XihuApp
    from xihu_tui.ui.screens.explorer import ExplorerScreen
    from xihu_tui.ui.screens.overview import MetricsOverview

    # As `xihu-tui` does (`cli.explore`): loaded without the collector, the report then
    # exempted from it; the app turns it on again once up (`freeze_after_start`).
    gc.disable()
    try:
        report = load_report(path, max_bytes=MAX_BYTES)
        gc.freeze()
        section = max(report.walk(), key=lambda item: len(item.paragraphs), default=None)
        found = Blocking(presses=presses, pages=pages, query=_query_for(report, section))
        if section is not None:
            found.section_id, found.section_paragraphs = section.id, len(section.paragraphs)
        app = XihuApp(report, lang="en", freeze_after_start=True)
        async with app.run_test(size=SIZE) as pilot:
            await after_start_up(pilot)
            with BusyClock() as clock:
                beat = asyncio.get_running_loop().create_task(_heartbeat(clock))
                try:
                    await _script(app, clock, found, ExplorerScreen, MetricsOverview)
                finally:
                    beat.cancel()
            return found
    finally:
        gc.enable()


HEARTBEAT_S = 0.005
"""How often the UI thread's event loop is asked to run a tick (`_heartbeat`)."""


async def _heartbeat(clock: BusyClock) -> None:
    """Ticks every `HEARTBEAT_S`, keeping in `clock.held` the most a tick came late: how
    long the event loop could not run a callback, whether it was running others (queued
    together, they add up) or another thread held the interpreter (a search in a worker,
    a garbage collection there), which `clock.longest` does not see. A key pressed then
    would have waited as long."""
    loop = asyncio.get_running_loop()
    while True:
        asked = loop.time()
        await asyncio.sleep(HEARTBEAT_S)
        clock.held = max(clock.held, loop.time() - asked - HEARTBEAT_S)


async def _script(app: Any, clock: BusyClock, found: Blocking, explorer: type, overview: type) -> None:
    async def keys(*names: str) -> None:
        for name in names:
            await _key_cost(app, clock, name)

    async def act(name: str, step: Callable[[], Awaitable[str | None]]) -> None:
        """Run one action of the script; its longest block, or a note of why there is none."""
        await _settled(clock)
        clock.longest = clock.held = 0.0
        try:
            note = await asyncio.wait_for(step(), ACTION_TIMEOUT_S)
        except Exception as error:  # noted: the benchmark goes on
            found.blocks_s[name] = None
            found.notes.append(f"{name}: failed: {error!r}")
            return
        found.blocks_s[name] = clock.longest
        found.held_s[name] = clock.held
        if note:
            found.notes.append(f"{name}: {note}")

    def screen() -> Any:
        return app.screen

    async def go_to_longest() -> str | None:
        if found.section_id is None:
            return "the report has no section"
        app.call_later(screen().jump_to, found.section_id)
        await _settled(clock)
        shown = screen().place.section(screen().report) if isinstance(screen(), explorer) else None
        screen().detail.focus()
        if shown is None or shown.id != found.section_id:
            return f"the text pane does not show {found.section_id}"
        return None

    async def query() -> str | None:
        _send(app, found.query)
        await _until_shown(app, found.query, timeout=ACTION_TIMEOUT_S)
        await _settled(clock)  # the frame drawn after the result
        result = screen().search.result
        return f"{found.query!r}: {len(result.hits):,} hits" if result is not None else None

    async def next_match() -> str | None:
        await keys(*["n"] * found.pages)
        place = screen().place
        return None if place.hit is not None else "n is on no match"

    async def open_search() -> str | None:
        await keys("slash")
        await _until_typed(app, "")
        return None

    async def open_overview() -> str | None:
        await keys("m")
        return None if isinstance(screen(), overview) else "m opened no overview"

    async def close_overview() -> str | None:
        if not isinstance(screen(), overview):
            return "no overview to close"
        await keys("escape")
        return None if isinstance(screen(), explorer) else "escape left the overview open"

    await act("tree_j", lambda: keys(*["j"] * found.presses))
    await act("tree_next_section", lambda: keys(*["right_square_bracket"] * found.presses))
    await act("go_to_longest", go_to_longest)
    await act("text_end", lambda: keys("end"))
    await act("text_pageup", lambda: keys(*["pageup"] * found.pages))
    await act("text_pagedown", lambda: keys(*["pagedown"] * found.pages))
    await act("search_open", open_search)
    await act("search_query", query)
    await act("search_close", lambda: keys("escape"))
    await act("search_next", next_match)
    await act("search_clear", lambda: keys("escape"))
    await act("overview_open", open_overview)
    await act("overview_close", close_overview)


def measure(path: Path, *, once: bool = False) -> Blocking:
    """The longest blocks of `ACTIONS` on the report at `path`, in this process (which it
    leaves with the collector on and the report's objects frozen: see `measure_apart`).
    `once`: each key pressed once (`ONCE`)."""
    counts = ONCE if once else {"presses": PRESSES, "pages": PAGES}
    return asyncio.run(_measure(path, **counts))


def measure_apart(path: Path, *, once: bool = False, timeout: float = 3600.0) -> Blocking:
    """`measure`, in a process of its own: a fresh interpreter as a reader's, whose
    report, frozen objects and failures stay there. A failure is noted, not raised."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        str(path),
        "--json",
        *(["--once"] if once else []),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Blocking(notes=[f"not done after {timeout:.0f} s"])
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Blocking(notes=[f"failed ({done.returncode}): {last}"])
    return Blocking(**json.loads(done.stdout.strip().splitlines()[-1]))


def table(found: Blocking, limit_ms: float | None = None) -> str:
    """One line per action: its longest block in ms; the worst marked."""
    worst, _ = found.longest
    lines = [f"{'action':<46}{'longest block (ms)':>20}{'loop held (ms)':>16}"]
    for name, words in ACTIONS.items():
        value, held = found.blocks_s.get(name), found.held_s.get(name)
        shown = "—" if value is None else f"{value * 1000:.0f}"
        held_shown = "—" if held is None else f"{held * 1000:.0f}"
        judged = found.worst_s.get(name)
        over = limit_ms is not None and judged is not None and judged * 1000 > limit_ms
        mark = "  ← longest" if name == worst else ""
        words = words.format(presses=found.presses, pages=found.pages)
        lines.append(f"{words:<46}{shown:>20}{held_shown:>16}{' ✗' if over else ''}{mark}")
    lines += [f"  note: {note}" for note in found.notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("report", nargs="?", type=Path, help="a report (default: each shape of shapes.py)")
    parser.add_argument("--scale", type=float, default=0.1, help="of the generated shapes (default 0.1)")
    parser.add_argument("--json", action="store_true", help="print REPORT's figures as JSON")
    parser.add_argument("--once", action="store_true", help="press each key once (quick)")
    args = parser.parse_args(argv)
    if args.report is not None:
        found = measure(args.report, once=args.once)
        if args.json:
            print(json.dumps(dataclasses.asdict(found), ensure_ascii=False))
        else:
            print(table(found))
        return 0
    if args.json:
        parser.error("--json needs a REPORT")
    import shapes

    with tempfile.TemporaryDirectory(prefix="xihu-bench-blocking-") as folder:
        for shape in shapes.SHAPES:
            path = shapes.write_shape(Path(folder) / f"{shape}.toml", shape, args.scale)
            found = measure_apart(path, once=args.once)
            name, value = found.longest
            worst = "—" if value is None else f"{value * 1000:.0f} ms ({name})"
            print(
                f"{shape} ({path.stat().st_size / 1e6:.1f} MB, scale {args.scale:g}): longest block {worst}"
            )
            print(table(found, shapes.BLOCK_LIMIT_MS))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
