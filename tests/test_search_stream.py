"""Search results stream in (issue 19): a long search shows the hits it has found so far.

The core hands out partial results, each the first hits (in reading order) of the whole
result; the explorer shows their badges and count, and moves the reader only to the hit
the whole result will choose. Chunks are made small (`_CHUNK_SECTIONS`) and every chunk
hands out its hits (`_PROGRESS_EVERY_S = 0`), so a mid-sized report streams; what the
screen shows meanwhile is held still with a gate (`Held`), never timed.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.message import Message
from textual.pilot import Pilot

from explorer_view import contents_rows, searches_done
from reports import Table, report_toml
from xihu_tui.core.reader.place import Place
from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Report
from xihu_tui.core.search import index as index_module
from xihu_tui.core.search.hits import Hit, SearchCancelled
from xihu_tui.core.search.index import SearchIndex, is_small
from xihu_tui.core.search.session import Found, SearchSession
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.explorer import ExplorerScreen
from xihu_tui.ui.strings import search_words

SECTIONS = 4_000
CHUNK = 100
"""Sections counted between two partial results: the first holds 100 sections' hits."""


def numbered_sections(count: int = SECTIONS) -> Report:
    """Sections 西湖第1节 … each with a paragraph 共有N人 and its metric (N people)."""
    rows: list[tuple[str, Table]] = []
    for number in range(1, count + 1):
        rows.append(("[[sections]]", {"id": f"s{number}", "title": f"西湖第{number}节"}))
        rows.append(("[[sections.paragraphs]]", {"id": f"p{number}", "text": f"共有{number}人。"}))
        metric = {"id": f"m{number}", "label": "人数", "value": number, "unit": "人", "quote": f"{number}人"}
        rows.append(("[[sections.metrics]]", {**metric, "paragraph": f"p{number}"}))
    return loads_report(report_toml({"title": "四千节", "language": "zh-CN"}, rows))


@pytest.fixture(scope="module")
def report() -> Report:
    return numbered_sections()


@pytest.fixture
def streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "_CHUNK_SECTIONS", CHUNK)
    monkeypatch.setattr(index_module, "_PROGRESS_EVERY_S", 0.0)


def titles_with(report: Report, words: str) -> int:
    """Counted from the report itself, not by the search."""
    return sum(words in section.title for section in report.walk())


def streamed(session: SearchSession, query: str) -> tuple[list[Found], Found]:
    partials: list[Found] = []
    return partials, session.find(query, cancelled=lambda: False, progress=partials.append)


def per_section(hits: Iterable[Hit]) -> dict[str, int]:
    """Hits per section, in reading order, counted one by one."""
    return dict(Counter(hit.section_id for hit in hits))


def assert_streams_into(partials: list[Found], whole: Found) -> None:
    """Every partial result is the first hits of the whole one, counted as the whole one is."""
    assert not whole.partial
    hits = tuple(whole.result.hits)
    assert whole.counts == per_section(hits)
    sizes = [len(found.result.hits) for found in partials]
    assert sizes == sorted(sizes) and all(0 < size <= len(hits) for size in sizes)
    for found in partials:
        assert found.partial and found.result.query == whole.result.query
        assert tuple(found.result.hits) == hits[: len(found.result.hits)]
        assert found.counts == per_section(found.result.hits)
        if found.current is not None:  # the reader moves only to where the whole result will
            assert found.current == whole.current and found.shown == whole.shown


# -- the core ----------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "kind"), [("第1", "text"), ("xh", "pinyin"), (">=120人", "number")])
def test_a_long_search_hands_out_its_first_hits_before_the_whole_result(
    report: Report, streaming: None, query: str, kind: str
) -> None:
    index = SearchIndex(report)
    index.build_pinyin()
    partials, whole = streamed(SearchSession(report, index, origin=None), query)
    assert whole.result.kind == kind and whole.result.hits
    assert len(partials) > 1
    assert_streams_into(partials, whole)
    # Not streamed, the same search finds the same, counts the same and starts at the same hit.
    assert whole == SearchSession(report, SearchIndex(report), origin=None).find(query)


def test_the_reader_is_moved_only_once_the_hit_the_whole_result_chooses_is_found(
    report: Report, streaming: None
) -> None:
    partials, whole = streamed(SearchSession(report, SearchIndex(report), origin="s2500"), "节")
    assert whole.current == 2499
    waiting = [found for found in partials if found.current is None]
    moved = [found for found in partials if found.current is not None]
    assert waiting and moved
    assert all(len(found.result.hits) < 2500 for found in waiting)  # s2500 not searched yet
    assert all(found.current == 2499 for found in moved)


def test_a_section_split_by_its_subsections_is_shown_once_all_its_hits_are_found(streaming: None) -> None:
    rows: list[tuple[str, Table]] = [
        ("[[sections]]", {"id": "lake", "title": "湖"}),
        ("[[sections.paragraphs]]", {"id": "before", "text": "西湖在前"}),
        ("[[sections.paragraphs]]", {"id": "after", "text": "西湖在后"}),  # after the subsection
        ("[[sections.sections]]", {"id": "sub", "title": "小节", "after": "before"}),
        *(("[[sections]]", {"id": f"s{number}", "title": f"西湖{number}"}) for number in range(3)),
    ]
    report = loads_report(report_toml({"title": "报告", "language": "zh-CN"}, rows))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "_CHUNK_SECTIONS", 1)
        partials, whole = streamed(SearchSession(report, SearchIndex(report), origin="lake"), "西湖")
    assert whole.shown is not None and [hit.item_id for hit in whole.shown[1]] == ["before", "after"]
    # Its first run of texts, then the subsection, are searched before its last paragraph:
    # showing it then would highlight one of its two hits.
    assert [len(found.result.hits) for found in partials[:2]] == [1, 1]
    assert [found.current for found in partials[:2]] == [None, None]
    assert partials[-1].current == 0 and partials[-1].shown == whole.shown
    assert_streams_into(partials, whole)


def test_a_result_already_known_comes_whole_at_once(report: Report, streaming: None) -> None:
    session = SearchSession(report, SearchIndex(report), origin=None)
    first = session.find("第")
    partials, again = streamed(session, "第")
    assert partials == [] and again == first


def test_a_cancelled_search_hands_out_nothing_more(report: Report, streaming: None) -> None:
    session = SearchSession(report, SearchIndex(report), origin=None)
    partials: list[Found] = []
    with pytest.raises(SearchCancelled):
        session.find("第", cancelled=lambda: bool(partials), progress=partials.append)
    assert len(partials) == 1  # told to stop after the first, it stopped


ALPHABET = "西湖第节12"
WORDS = st.text(ALPHABET, min_size=1, max_size=6)
QUERIES = st.sampled_from(
    ["西", "湖", "第", "1", "西湖", "节1", "xh", "xihu", "dj", ">5", "<=12人", ">=3 人"]
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Sections with paragraphs, a metric, and subsections, some before a closing paragraph
    (so a section's own texts come in several runs)."""
    rows: list[tuple[str, Table]] = []
    for number in range(draw(st.integers(1, 8))):
        section = f"s{number}"
        rows.append(("[[sections]]", {"id": section, "title": draw(WORDS)}))
        paragraphs = draw(st.lists(WORDS, min_size=1 if number == 0 else 0, max_size=3))  # a report has one
        for place, text in enumerate(paragraphs):
            rows.append(("[[sections.paragraphs]]", {"id": f"{section}-p{place}", "text": text}))
        people = draw(st.none() | st.integers(1, 20))
        if people is not None:
            rows.append(("[[sections.paragraphs]]", {"id": f"{section}-n", "text": f"西湖有{people}人"}))
            metric = {"id": f"{section}-m", "label": "人数", "value": people, "unit": "人"}
            rows.append(
                ("[[sections.metrics]]", {**metric, "quote": f"{people}人", "paragraph": f"{section}-n"})
            )
        after_first = bool(paragraphs) and draw(st.booleans())  # the paragraphs after come after them
        for sub in range(draw(st.integers(0, 2))):
            table: dict[str, str] = {"id": f"{section}-{sub}", "title": draw(WORDS)}
            if after_first:
                table["after"] = f"{section}-p0"
            rows.append(("[[sections.sections]]", table))
            for place, text in enumerate(draw(st.lists(WORDS, max_size=2))):
                rows.append(
                    ("[[sections.sections.paragraphs]]", {"id": f"{section}-{sub}-p{place}", "text": text})
                )
    return loads_report(report_toml({"title": "报告", "language": "zh-CN"}, rows))


@given(report=reports(), query=QUERIES, origin=st.integers(0, 40), scoped=st.booleans())
def test_partial_results_are_always_the_first_hits_of_the_whole_result(
    report: Report, query: str, origin: int, scoped: bool
) -> None:
    ids = [section.id for section in report.walk()]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "_CHUNK_SECTIONS", 1)  # a partial result after every run of texts
        patch.setattr(index_module, "_PROGRESS_EVERY_S", 0.0)
        session = SearchSession(report, SearchIndex(report), origin=ids[origin % len(ids)])
        session.whole_report = not scoped
        partials, whole = streamed(session, query)
    assert_streams_into(partials, whole)
    alone = SearchSession(report, SearchIndex(report), origin=session.origin)
    alone.whole_report = not scoped
    assert whole == alone.find(query)


# -- the explorer ------------------------------------------------------------------------


class Held:
    """Holds the search of `query` in its thread at its first partial result: after it is
    handed to the screen (or, `before`, just before), until opened."""

    def __init__(self, query: str, *, before: bool = False) -> None:
        self.query = query
        self.before = before
        self.reached = threading.Event()
        self.opened = threading.Event()
        self.ended = threading.Event()

    def wrap(self, find: Callable[..., Found]) -> Callable[..., Found]:
        def held(
            session: SearchSession,
            query: str,
            cancelled: Callable[[], bool] | None = None,
            progress: Callable[[Found], None] | None = None,
        ) -> Found:
            if query != self.query or progress is None:
                return find(session, query, cancelled, progress)
            shown = progress

            def first_held(found: Found) -> None:
                if self.reached.is_set():
                    shown(found)
                    return
                if not self.before:
                    shown(found)
                self.reached.set()
                if not self.opened.wait(timeout=10):
                    raise TimeoutError("never opened")
                if self.before:
                    shown(found)

            try:
                return find(session, query, cancelled, first_held)
            finally:
                self.ended.set()

        return held


@pytest.fixture
def hold(monkeypatch: pytest.MonkeyPatch, streaming: None) -> Iterator[Callable[..., Held]]:
    made: list[Held] = []

    def holding(query: str, *, before: bool = False) -> Held:
        held = Held(query, before=before)
        made.append(held)
        monkeypatch.setattr(SearchSession, "find", held.wrap(SearchSession.find))
        return held

    yield holding
    for held in made:
        held.opened.set()  # no thread left waiting


class Seen:
    """The partial results the screen handled (a `message_hook`)."""

    def __init__(self) -> None:
        self.partials: list[Found] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, ExplorerScreen.SearchProgressed):
            self.partials.append(message.found)


def screen(app: XihuApp) -> ExplorerScreen:
    assert isinstance(app.screen, ExplorerScreen)
    return app.screen


def counter(app: XihuApp) -> str:
    return str(app.screen.query_one("#search-counter").render())


def badges(app: XihuApp) -> dict[str, int]:
    """The match counts the contents draw, by title (`‹12› 西湖第3节`)."""
    found = (re.search(r"‹(\d+)› (\S+)", row) for row in contents_rows(app))
    return {match[2]: int(match[1]) for match in found if match is not None}


async def until(pilot: Pilot, happened: Callable[[], bool]) -> None:
    for _ in range(1000):
        if happened():
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise TimeoutError


def test_the_report_is_searched_in_a_thread(report: Report) -> None:
    assert not is_small(report)


async def test_the_first_hits_show_before_the_whole_result_which_then_replaces_them(
    report: Report, hold: Callable[..., Held]
) -> None:
    held = hold("第")
    seen = Seen()
    app = XihuApp(report, lang="en")
    async with app.run_test(size=(100, 30), message_hook=seen) as pilot:
        await pilot.press("slash", "第")
        await until(pilot, lambda: held.reached.is_set() and bool(seen.partials))
        explorer = screen(app)
        assert explorer.search is not None and explorer.search.result is not None
        assert explorer.search.result.partial
        # The first hundred sections are searched: the reader is at the first hit already,
        # the bar says the count is not known yet, and the contents show the sections' badges.
        assert explorer.place.hit is not None and explorer.place.hit.section_id == "s1"
        words = search_words(app.strings)
        assert counter(app).startswith("1/100+") and counter(app).endswith(
            words.at_match_so_far.format(counter="")
        )
        assert badges(app)["西湖第1节"] == 1
        held.opened.set()
        await searches_done(pilot)
        assert not explorer.search.result.partial
        assert counter(app).startswith(f"1/{SECTIONS}")
        streamed_state = (counter(app), explorer.place, badges(app), explorer.search.counts)
    # Searched without streaming, the screen ends the same.
    app = XihuApp(report, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(index_module, "_PROGRESS_EVERY_S", float("inf"))
            patch.setattr(index_module, "_CHUNK_SECTIONS", 1 << 20)  # one chunk: nothing streams
            await pilot.press("slash", "第")
            await searches_done(pilot)
        explorer = screen(app)
        assert explorer.search is not None
        assert (counter(app), explorer.place, badges(app), explorer.search.counts) == streamed_state


async def test_a_replaced_search_never_shows_its_hits_so_far(
    report: Report, hold: Callable[..., Held]
) -> None:
    held = hold("第", before=True)
    seen = Seen()
    app = XihuApp(report, lang="en")
    async with app.run_test(size=(100, 30), message_hook=seen) as pilot:
        await pilot.press("slash", "第")
        await until(pilot, held.reached.is_set)
        await pilot.press("1")  # 第1 replaces 第, held with its first hits not yet handed out
        await searches_done(pilot)
        expected = titles_with(report, "第1")
        assert counter(app).startswith(f"1/{expected}")
        landed = badges(app)
        held.opened.set()  # 第's first hits reach the screen now, too late
        await until(pilot, lambda: held.ended.is_set() and any(f.result.query == "第" for f in seen.partials))
        assert counter(app).startswith(f"1/{expected}")
        assert badges(app) == landed and "西湖第2节" not in landed  # s2's title has no 第1
        explorer = screen(app)
        assert explorer.search is not None and explorer.search.result is not None
        assert explorer.search.result.query == "第1" and not explorer.search.result.partial


async def test_next_pressed_while_the_first_hits_show_steps_on_the_whole_result(
    report: Report, hold: Callable[..., Held]
) -> None:
    held = hold("第")
    app = XihuApp(report, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "第")
        await until(pilot, held.reached.is_set)
        await pilot.press("enter")
        held.opened.set()
        await searches_done(pilot)
        assert counter(app).startswith(f"2/{SECTIONS}")
        explorer = screen(app)
        assert explorer.place.hit is not None and explorer.place.hit.section_id == "s2"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_bar_counts_the_hits_so_far_until_the_readers_hit_is_found(
    report: Report, hold: Callable[..., Held], lang: str
) -> None:
    held = hold("第")
    app = XihuApp(report, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        explorer = screen(app)
        explorer.go(Place("s3000"))
        await pilot.pause()
        await pilot.press("slash", "第")
        await until(pilot, held.reached.is_set)
        # The first hundred sections are searched, not yet s3000: the reader stays.
        assert counter(app) == search_words(app.strings).found_so_far.format(count=CHUNK)
        assert explorer.place.item_id == "s3000" and explorer.place.hit is None
        assert badges(app) == {}  # s3000's neighbours on screen: none searched yet
        held.opened.set()
        await searches_done(pilot)
        assert counter(app).startswith(f"3000/{SECTIONS}")
