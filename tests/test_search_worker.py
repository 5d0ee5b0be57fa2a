"""Search never blocks the interface (issue 19): on a large report it runs in a thread, a
newer keystroke gives up the older search, and only the last query's result is shown.

The order in which searches finish is forced with a gate (`Gate`): an older search is
held back until a newer one has been shown, so what is tested is what happens whatever
the timing, never a timing itself. A held search hands out no hits so far (it is run
without `progress`): how results stream in is tested in `test_search_stream.py`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from textual.pilot import Pilot

from explorer_view import searches_done
from reports import report_toml
from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Report
from xihu_tui.core.search.hits import SearchCancelled, SearchResult
from xihu_tui.core.search.index import SearchIndex, is_small
from xihu_tui.core.search.session import SearchSession
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.explorer import ExplorerScreen
from xihu_tui.ui.strings import search_words
from xihu_tui.ui.widgets.search_bar import SearchBar

SECTIONS = 20_000
"""Titled 第1节 … 第20000节: `第` is in every title, `第1` in 11,111 of them."""


def many_sections() -> Report:
    sections: list[tuple[str, dict[str, str]]] = []
    for number in range(1, SECTIONS + 1):
        sections.append(("[[sections]]", {"id": f"s{number}", "title": f"第{number}节"}))
        if number == 1:
            sections.append(("[[sections.paragraphs]]", {"id": "p1", "text": "西湖区的一段话。"}))
    return loads_report(report_toml({"title": "两万节", "language": "zh-CN"}, sections))


@pytest.fixture(scope="module")
def big_report() -> Report:
    return many_sections()


def titles_with(report: Report, words: str) -> int:
    """Counted from the report itself, not by the search."""
    return sum(words in section.title for section in report.walk())


# -- the core: a search given up ---------------------------------------------------------


class Asked:
    """A `cancelled` that says yes from its `yes_from`-th question on, and counts questions."""

    def __init__(self, yes_from: int) -> None:
        self.yes_from = yes_from
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.yes_from


@pytest.mark.parametrize("query", ["第", "di", "节1"])
def test_a_cancelled_search_stops_at_once_and_leaves_nothing_behind(big_report: Report, query: str) -> None:
    index = SearchIndex(big_report)
    index.build_pinyin()
    cancelled = Asked(yes_from=2)  # the search has begun its work when it is told to stop
    with pytest.raises(SearchCancelled):
        index.search(query, cancelled=cancelled)
    assert cancelled.asked == 2  # not asked again: it stopped when told
    # Nothing of the given-up search is kept: the same query, searched again, is complete.
    again = index.search(query, cancelled=lambda: False)
    assert again == SearchIndex(big_report).search(query)


def test_a_search_never_cancelled_finds_what_it_always_found(big_report: Report) -> None:
    index = SearchIndex(big_report)
    result = index.search("第1", cancelled=lambda: False)
    assert len(result.hits) == titles_with(big_report, "第1") == 11_111
    assert sum(result.counts_by_section(lambda: False).values()) == 11_111


def test_finding_changes_nothing_until_shown(big_report: Report) -> None:
    session = SearchSession(big_report, SearchIndex(big_report), origin="s500")
    found = session.find("第")
    assert session.result is None and session.counter == ""  # a worker may find; only `show` shows
    session.show(found)
    assert session.counter == f"500/{SECTIONS}"  # from where the reader began
    with pytest.raises(SearchCancelled):
        session.find("节", cancelled=lambda: True)
    assert session.result is found.result


def test_only_large_reports_are_searched_in_a_thread(bundled_report: Report, big_report: Report) -> None:
    assert is_small(bundled_report)
    assert not is_small(big_report)


# -- the explorer: typing on a large report ----------------------------------------------


class Gate:
    """Holds back searches for one query until opened; they then run to the end, told to
    stop or not, as a search that had done its last check would."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.opened = threading.Event()
        self.reached = threading.Event()
        """Set when a held search has begun: it is running in its thread."""

    def wrap(self, search: Callable[..., SearchResult]) -> Callable[..., SearchResult]:
        def gated(index: SearchIndex, query: str, **options: object) -> SearchResult:
            if query == self.query:
                self.reached.set()
                if not self.opened.wait(timeout=10):
                    raise TimeoutError("the gate was never opened")
                return search(index, query, section_id=options.get("section_id"))
            return search(index, query, **options)

        return gated


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate("第")
    monkeypatch.setattr(SearchIndex, "search", held.wrap(SearchIndex.search))
    yield held
    held.opened.set()  # no thread left waiting


def counter(app: XihuApp) -> str:
    return str(app.screen.query_one("#search-counter").render())


def screen(app: XihuApp) -> ExplorerScreen:
    assert isinstance(app.screen, ExplorerScreen)
    return app.screen


async def held_back(pilot: Pilot, gate: Gate) -> None:
    while not gate.reached.is_set():
        await pilot.pause(0.01)


async def test_keys_are_handled_while_searching_and_the_last_query_wins(
    big_report: Report, gate: Gate
) -> None:
    app = XihuApp(big_report, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "第")
        await held_back(pilot, gate)
        assert counter(app) == search_words(app.strings).searching  # says it is working
        # The search for 第 is still running: keys are handled all the same.
        await pilot.press("1")
        assert screen(app).search_bar.input.value == "第1"
        await searches_done(pilot)
        expected = titles_with(big_report, "第1")
        assert counter(app) == f"1/{expected}"
        # The older search ends after the newer one was shown: what it found never is.
        gate.opened.set()
        await pilot.pause(0.05)
        await searches_done(pilot)
        assert counter(app) == f"1/{expected}"
        assert screen(app).search.result.query == "第1"
        assert len(screen(app).search.hits) == expected
        await pilot.press("escape")  # the bar closes at the match, as ever
        assert not app.screen.query_one(SearchBar).is_open


async def test_next_pressed_while_searching_steps_once_the_result_lands(
    big_report: Report, gate: Gate
) -> None:
    app = XihuApp(big_report, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "第")
        await held_back(pilot, gate)
        await pilot.press("enter")  # next match, before there is any
        assert counter(app) == search_words(app.strings).searching
        gate.opened.set()
        await searches_done(pilot)
        assert counter(app) == f"2/{SECTIONS}"
        assert screen(app).place.hit is not None and screen(app).place.hit.section_id == "s2"


async def test_cancelling_while_searching_shows_nothing_of_the_search(big_report: Report, gate: Gate) -> None:
    app = XihuApp(big_report, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "第")
        await held_back(pilot, gate)
        await pilot.press("ctrl+g")  # cancel: back where the search began
        gate.opened.set()
        await pilot.pause(0.05)
        await searches_done(pilot)
        assert screen(app).search is None
        assert screen(app).place.hit is None
        assert not app.screen.query_one(SearchBar).is_open


async def test_a_blank_query_says_so_at_once_even_on_a_large_report(big_report: Report) -> None:
    app = XihuApp(big_report, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert counter(app) == app.strings.search_problems["blank"]  # nothing to wait for


async def test_typing_fast_on_a_large_report_shows_the_last_query(big_report: Report) -> None:
    app = XihuApp(big_report, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"第12")  # each key a search, each giving up the one before
        await searches_done(pilot)
        assert counter(app) == f"1/{titles_with(big_report, '第12')}"
        await pilot.press("backspace")  # typing back: 第1 again
        await searches_done(pilot)
        assert counter(app) == f"1/{titles_with(big_report, '第1')}"


async def test_the_first_search_s_index_is_exempted_from_collection_before_collection_resumes(
    big_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made in a thread, the index must never be left to a collection, on any thread, before
    the app exempts it: on a million sections one such collection held the interpreter,
    and so the interface, for over 100 ms."""
    import gc

    frozen_while_collecting: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen_while_collecting.append(gc.isenabled()))
    app = XihuApp(big_report, lang="en", freeze_after_start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "第")
        await searches_done(pilot)
        assert counter(app) == f"1/{titles_with(big_report, '第')}"
        assert False in frozen_while_collecting  # the index, exempted while collection was paused
        assert gc.isenabled()  # and collection resumed
