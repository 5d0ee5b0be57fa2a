"""The main screen: contents, reading pane and metric panel, kept in step.

The reader's place (`Place`: an item, and the search hit that brought them there) is one
reactive that the screen owns. Every way of moving sets it: the contents' cursor, the
metric table, a jump (the palette, the overview, a search, `[`/`]`, a clicked quote or
subsection), back and forward. The three panes follow it; the contents' cursor, moved to
it, finds itself already there, so nothing echoes back and nothing waits for a frame.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Tree
from textual.worker import Worker, WorkerState, get_current_worker

from ...core.reader.place import History, Place, hit_item
from ...core.report.model import Figure, Metric, Paragraph, Report, Section
from ...core.report.written import written_value
from ...core.text.safe_text import visible_line
from ..localized import LocalizedBindings
from ..long_lived import made_to_live_long
from ..strings import Strings, place_words, search_words
from ..widgets.detail_pane import DetailPane
from ..widgets.key_bar import KeyBar
from ..widgets.metric_panel import MetricPanel
from ..widgets.search_bar import SearchBar
from ..widgets.section_tree import Entry, SectionTree

if TYPE_CHECKING:  # imported when first used: the first screen shows none of them
    from ...core.search.hits import Hit
    from ...core.search.index import SearchIndex
    from ...core.search.session import Found, SearchSession
    from .overview import MetricsOverview

READING_KEEPS = 72
"""The metric panel sits beside the text only when the text keeps this many cells (about 34
Chinese characters a line); below, the panel goes under the text. Chosen by what the text
keeps, not by the screen's width, so the text never drops to a narrow strip at a threshold."""
SIDE_PANEL = (44, 64)
"""The panel's width beside the text, at least and at most (a third of the screen between)."""
PANEL_SHARE = 0.5
"""Of the rows under the header, the most the metric panel takes below the text: half, and
`SHORT_PANEL_SHARE` on a short screen, where the text would otherwise keep a few lines."""
SHORT_PANEL_SHARE = 0.45
SHORT = 30
"""Rows under the header below which a screen is short."""
TINY = 60
"""Below this width the contents drawer starts closed."""
OVERVIEW = "metrics-overview"
"""The name the metrics overview is installed under."""
OVERVIEW_PREPARED_AFTER_S = 0.5
"""How long after the first screen the overview's rows are made, in a thread (see `_prepare_overview`)."""


Mark = tuple[Place, float]
"""A place in the history, with where the text was scrolled when the reader left it."""


def _same_item(a: Mark, b: Mark) -> bool:
    return a[0].item_id == b[0].item_id


@dataclass(frozen=True)
class ReadingPlace:
    """Where the reader is, to come back to in a new version of the report."""

    item_id: str | None
    """The highlighted item (None: the report itself)."""
    section_id: str | None
    """Its section, the fallback if the item is gone."""
    scroll_y: float
    contents_closed: bool
    focused: type[Widget] | None
    """The kind of widget with focus (the screen has one of each)."""


class ReportPanes(Horizontal):
    """The contents, text and metric panes, composed for one version of the report."""

    def __init__(self, report: Report, strings: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report = report
        self.strings = strings

    def compose(self) -> ComposeResult:
        yield SectionTree(self.report, self.strings, id="contents")
        with Vertical(id="reading"):
            with Vertical(id="text"):
                yield DetailPane(self.strings, self.report, id="detail")
                yield SearchBar(self.strings, id="search")
            yield MetricPanel(self.strings, id="metrics")

    async def show_report(self, report: Report) -> None:
        """Start again on a new version: new panes, so nothing of the old one lingers."""
        self.report = report
        await self.recompose()


class ExplorerScreen(LocalizedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "previous_section", "Prev section", id="previous-section"),
        Binding("right_square_bracket", "next_section", "Next section", id="next-section"),
        Binding("o", "toggle_contents", "Contents", id="toggle-contents", show=False),
        Binding(
            "less_than_sign", "widen_contents(-4)", "Narrower contents", id="contents.narrower", show=False
        ),
        Binding("greater_than_sign", "widen_contents(4)", "Wider contents", id="contents.wider", show=False),
        Binding("slash", "search", "Search", id="search"),
        Binding("n", "step_match(1)", "Next match", id="next-match"),
        Binding("N", "step_match(-1)", "Previous match", id="previous-match"),
        Binding("escape", "clear_search", "Clear search", id="search.clear", show=False),
        # ctrl+i, vim's forward, is Tab to every terminal: H and L as in vimium and qutebrowser.
        Binding("ctrl+o,H", "back", "Back", id="history.back"),
        Binding("L", "forward", "Forward", id="history.forward"),
        Binding("m", "overview", "Metrics", id="overview"),
        Binding("c", "copy", "Copy", id="copy", show=False),
        Binding("e", "edit", "Edit in $EDITOR", id="edit", show=False),
    ]

    DEFAULT_CSS = """
    ExplorerScreen #body {
        height: 1fr;
    }
    ExplorerScreen #contents {
        width: 32;  /* until fitted to the report (`_fit`) */
        border-right: tall $panel;
    }
    ExplorerScreen #contents.-closed {
        display: none;
    }
    ExplorerScreen #reading {
        width: 1fr;
    }
    ExplorerScreen #text {
        height: 1fr;
    }
    ExplorerScreen #detail {
        height: 1fr;
    }
    ExplorerScreen #metrics {
        height: auto;
        border-top: tall $panel;
    }
    ExplorerScreen.-wide #reading {
        layout: horizontal;
    }
    ExplorerScreen.-wide #metrics {
        height: 1fr;
        border-top: none;
        border-left: tall $panel;
    }
    """

    class EditRequested(Message):
        """`e`: the reader wants to edit the report at this item (None: the report itself)."""

        def __init__(self, item_id: str | None) -> None:
            super().__init__()
            self.item_id = item_id

    place: reactive[Place] = reactive(Place(), init=False, repaint=False)
    """Where the reader is; the contents, the text and the metrics follow it. They redraw
    what changed: repainting the screen as well made every key a full-screen update."""

    def __init__(self, report: Report, strings: Strings) -> None:
        super().__init__()
        self.report = report
        self.strings = strings
        self.search_index: SearchIndex | None = None
        self.search: SearchSession | None = None
        """The search, from `/` until it is cancelled or cleared (closing the bar keeps it)."""
        self.history: History[Mark] = History(same=_same_item)
        self._search_start: Mark | None = None
        """Where the reader was when the search bar opened: where cancelling returns."""
        self._search_worker: Worker[tuple[SearchSession, Found] | None] | None = None
        """The search running in a thread, if any: only its result is ever shown."""
        self._searching_for = ""
        """The query `_search_worker` searches."""
        self._steps_waiting: list[int] = []
        """`n`/`N` (or Enter, Up, Down in the bar) pressed while the search ran: done when it lands."""
        self._cursor_entry: Entry | None = None
        """The contents' entry under the cursor when last seen. The tree renumbers its lines
        as sections open, which moves the cursor line but not the entry."""
        self._contents_at_place = True
        """Whether the contents' cursor has come to the place since it last changed."""
        self._overview: MetricsOverview | None = None
        """The metrics overview of the report shown, made ahead of the first `m`."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReportPanes(self.report, self.strings, id="body")
        yield KeyBar()

    def on_mount(self) -> None:
        self._start()
        if self.size.width < TINY:
            self.contents.add_class("-closed")
            self.detail.focus()
        else:
            self.contents.focus()

    def _start(self) -> None:
        self._follow_contents()
        self.title = visible_line(self.report.title)
        self.sub_title = visible_line(" · ".join(p for p in (self.report.place, self.report.period) if p))
        self.metrics.show_section(self.report, None)
        self._fit(self.size.width)
        self._overview = None  # one of an earlier version may go
        self.set_timer(OVERVIEW_PREPARED_AFTER_S, self._prepare_overview)

    def _prepare_overview(self) -> None:
        """Make the overview's rows in a thread: on a big report the first `m` took half a second."""
        overview = self._overview_screen()
        self.run_worker(self._prepare_lookups, thread=True, group="lookups", exit_on_error=False)
        self.run_worker(overview.prepare, thread=True, group="overview", exit_on_error=False)

    def _prepare_lookups(self) -> None:
        """Make the report's lookups in a thread (each is made once, when first asked): with a
        million sections, the first step in the contents or `]` took over half a second."""
        report = self.report
        if report.section_ids:
            report.section_path(report.section_ids[-1])
        report.section_index, report.section_of, report.paragraph_by_id, report.metric_by_id  # noqa: B018

    def _overview_screen(self) -> MetricsOverview:
        """The overview of the report shown, made once (and again for a new version)."""
        from .overview import MetricsOverview

        if self._overview is None or self._overview.report is not self.report:
            self._overview = MetricsOverview(self.report, self.strings)
        return self._overview

    async def show_report(self, report: Report) -> None:
        """Show a new version of the report where the reader was, as far as it still exists:
        the same item (or its section), scrolled as it was, with the same pane focused."""
        place = self.reading_place()
        self.report = report
        self.search, self.search_index, self._cursor_entry = None, None, None  # all of the old version
        self._search_start = None
        self._contents_at_place = False  # new contents, at their root until they follow
        await self.query_one(ReportPanes).show_report(report)
        self._start()
        self._go_back_to(place)
        self.refresh_bindings()  # n and N went with the search

    def reading_place(self) -> ReadingPlace:
        section = self.place.section(self.report)
        focused = self.focused
        in_search = focused is not None and self.search_bar in focused.ancestors_with_self
        return ReadingPlace(
            item_id=self.place.item_id,
            section_id=section.id if section is not None else None,
            scroll_y=self.detail.scroll_offset.y,
            contents_closed=self.contents.has_class("-closed"),
            focused=None if focused is None or in_search else type(focused),  # the search closes
        )

    def _go_back_to(self, place: ReadingPlace) -> None:
        self.contents.set_class(place.contents_closed, "-closed")
        known = self.report.section_by_id.keys() | self.report.section_of.keys()
        target = next((found for found in (place.item_id, place.section_id) if found in known), None)
        # The panes are new: they follow the place even where it has not changed.
        self.go(Place(target), scroll_y=place.scroll_y if target == place.item_id else None, again=True)
        successor = next(iter(self.query(place.focused)), None) if place.focused is not None else None
        (successor if successor is not None and successor.focusable else self.contents).focus()

    @property
    def contents(self) -> SectionTree:
        return self.query_one(SectionTree)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    @property
    def metrics(self) -> MetricPanel:
        return self.query_one(MetricPanel)

    # -- layout ------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """Size the contents to the report, then put the panel beside the text if the text
        keeps `READING_KEEPS` cells there, else under it; share the panel's rows."""
        contents = self.contents
        open_width = 0
        if not contents.has_class("-closed"):
            open_width = contents.width_for(width)
            contents.styles.width = open_width
        panel = min(SIDE_PANEL[1], max(SIDE_PANEL[0], width // 3))
        wide = width - open_width - panel >= READING_KEEPS
        self.set_class(wide, "-wide")
        metrics = self.metrics
        metrics.styles.width = panel if wide else None
        body = max(0, self.size.height - 2)  # the header and the key bar
        share = SHORT_PANEL_SHARE if body < SHORT else PANEL_SHARE
        metrics.fit(body if wide else int(body * share), beside=wide)

    @on(SectionTree.WidthChosen)
    def _contents_dragged(self) -> None:
        self._fit(self.size.width)

    def action_widen_contents(self, cells: int) -> None:
        contents = self.contents
        if contents.has_class("-closed"):
            return
        contents.widen(cells, self.size.width)
        self._fit(self.size.width)

    # -- keeping the panes in step -----------------------------------------------------

    def _follow_contents(self) -> None:
        # A watcher, not the tree's NodeHighlighted message: it runs as the cursor moves,
        # so the tree, the text and the metrics change in one frame. The message comes
        # a moment later, after the tree has been drawn alone in a frame of its own.
        tree = self.contents
        self.watch(tree, "cursor_line", lambda: self._contents_moved(tree), init=False)

    def _contents_moved(self, tree: SectionTree) -> None:
        if tree.parent is None:  # a tree of a version replaced since, being taken apart
            return
        node = tree.cursor_node
        entry = node.data if node is not None else None
        if entry is None or entry is self._cursor_entry:
            return
        self._cursor_entry = entry
        if entry.id == self.place.item_id:
            self._contents_at_place = True
        elif self._contents_at_place:  # the reader moved it, not the tree on its way to the place
            self.place = Place(entry.id)

    def go(
        self, place: Place, *, jump: bool = False, scroll_y: float | None = None, again: bool = False
    ) -> None:
        """Take the reader to `place`. A jump can be gone back from (`action_back`).

        `scroll_y`: where to scroll the text, instead of to the item. `again`: follow even
        an unchanged place (new panes, after a reload)."""
        if jump:
            self.history.jump(self._here(), (place, 0.0))
        if place == self.place and again:
            self._follow(place)
        self.place = place
        if scroll_y is not None:
            self.detail.scroll_to_line(scroll_y)
        self.refresh_bindings()

    def _here(self) -> Mark:
        return self.place, self.detail.scroll_offset.y

    def watch_place(self, place: Place) -> None:
        self._follow(place)

    def _follow(self, place: Place) -> None:
        """Bring the text, the metric panel and the contents' cursor to the place."""
        section = place.section(self.report)
        with self.app.batch_update():  # one frame for the pane, the table and the chart
            if section is None:
                self.detail.show_report(self.report)
                self.metrics.show_section(self.report, None)
            else:
                marked = None if place.item_id == section.id else place.item_id
                self.detail.show_section(self.report, section, marked)
                self._show_section_matches(section)
                self.metrics.show_section(self.report, section)
                metric = self.report.metric_by_id.get(place.item_id) if place.item_id else None
                self.metrics.highlight(metric)
            tree = self.contents
            current = tree.current
            if current is not None and current.id == place.item_id:
                self._contents_at_place = True
            else:
                # Until the cursor gets there (a section may open first, a frame later),
                # where it passes is not the reader's doing.
                self._contents_at_place = False
                if place.item_id is None:
                    tree.move_cursor(tree.root)
                elif not tree.go_to(place.item_id):
                    self._contents_at_place = True  # hidden in narrowed contents: it stays

    def knows(self, item_id: str | None) -> bool:
        """Whether the report shown has this section, paragraph, figure or metric (None: itself)."""
        return item_id is None or item_id in self.report.section_by_id or item_id in self.report.section_of

    @on(Tree.NodeSelected, "#contents")
    def _tree_selected(self, event: Tree.NodeSelected[Entry]) -> None:
        entry = event.node.data
        if entry is not None and entry.kind in ("section", "range"):
            event.node.toggle()
        elif entry is not None and entry.kind != "report":
            self.detail.focus()

    @on(DetailPane.SectionChosen)
    def _subsection_chosen(self, event: DetailPane.SectionChosen) -> None:
        self.jump_to(event.section_id)

    @on(DetailPane.QuoteChosen)
    def _quote_chosen(self, event: DetailPane.QuoteChosen) -> None:
        self.jump_to(event.metric_id)

    @on(MetricPanel.MetricHighlighted)
    def _metric_row_moved(self, event: MetricPanel.MetricHighlighted) -> None:
        # Only the reader's own moves in the table: it also reports rows as it is filled.
        # And a message comes after the keys that caused it: by then the reader may have
        # left the section, and a row of the section left behind is no place to go.
        section = self.place.section(self.report)
        if not self.metrics.has_focus_within or section is None or event.metric not in section.metrics:
            return
        if event.metric.id != self.place.item_id:
            self.place = Place(event.metric.id)

    @on(MetricPanel.JumpRequested)
    def _metric_row_chosen(self, event: MetricPanel.JumpRequested) -> None:
        self.jump_to(event.metric.id)
        self.detail.focus()

    def jump_to(self, item_id: str) -> bool:
        """Show any section, paragraph, figure or metric in context, as a jump the reader
        can go back from (the palette, the overview, `[`/`]` and clicks come here)."""
        if not self.knows(item_id):
            return False
        self.go(Place(item_id), jump=True)
        return True

    def action_back(self) -> None:
        self._return(self.history.back(self._here()), place_words(self.strings).no_older_place)

    def action_forward(self) -> None:
        self._return(self.history.forward(self._here()), place_words(self.strings).no_newer_place)

    def _return(self, mark: Mark | None, nowhere: str) -> None:
        if mark is None:
            self.notify(nowhere, severity="warning", timeout=2, markup=False)
            return
        place, scroll_y = mark
        if not self.knows(place.item_id):  # gone in a new version of the report
            place = Place()
        self.go(place, scroll_y=scroll_y)

    # -- actions -----------------------------------------------------------------------

    def _step_section(self, step: int) -> None:
        section = self.place.section(self.report)
        target = self.contents.next_section(section.id if section is not None else None, step)
        if target is not None:
            self.jump_to(target)

    def action_previous_section(self) -> None:
        self._step_section(-1)

    def action_next_section(self) -> None:
        self._step_section(1)

    def action_overview(self) -> None:
        def jump(metric_id: str | None) -> None:
            if metric_id is not None:
                self.jump_to(metric_id)
                self.detail.focus()

        if not self.app.is_screen_installed(OVERVIEW):
            # Installed, so it is built once: opening it again costs no more than showing it.
            self.app.install_screen(self._overview_screen(), OVERVIEW)
        self.app.push_screen(OVERVIEW, jump)

    def action_toggle_contents(self) -> None:
        contents = self.contents
        contents.toggle_class("-closed")
        self._fit(self.size.width)  # the text's width decides where the panel goes
        if contents.has_class("-closed"):
            self.detail.focus()
        else:
            contents.focus()

    # -- search ------------------------------------------------------------------------

    class SearchProgressed(Message):
        """What a long search has found so far, posted from its thread (`SearchSession.find`)."""

        def __init__(
            self, worker: Worker[tuple[SearchSession, Found] | None], search: SearchSession, found: Found
        ) -> None:
            super().__init__()
            self.worker = worker
            self.search = search
            self.found = found
            self.drawn = threading.Event()
            """Set once the screen has handled it, and drawn what it changed."""

        def can_replace(self, message: Message) -> bool:
            # A newer partial result of the same search has every hit of this one.
            return isinstance(message, ExplorerScreen.SearchProgressed) and message.worker is self.worker

    def action_search(self) -> None:
        from ...core.search.index import SearchIndex
        from ...core.search.session import SearchSession

        bar = self.search_bar
        self._search_start = self._here()
        # Opened again on the query being searched: its result is on its way.
        running = self.search is not None and self._search_worker is not None
        running = running and self._searching_for == bar.input.value
        if self.search is None:
            if self.search_index is None:
                self.search_index = SearchIndex(self.report)
            if not self.search_index.pinyin_ready:
                # Built off the UI thread, so the first pinyin keystroke rarely waits for it.
                build = partial(self._build_pinyin, self.search_index)
                self.run_worker(build, thread=True, group="pinyin", exclusive=True)
            self.search = SearchSession(self.report, self.search_index, self.place.item_id)
            bar.show_scope(self.search.whole_report)
        bar.open()
        result = self.search.result
        if not running and (result is None or result.query != bar.input.value):
            self._search(bar.input.value)
        # else: the search the bar was closed on, opened again at the match the reader is on

    @on(SearchBar.Changed)
    def _query_changed(self, event: SearchBar.Changed) -> None:
        self._search(event.query)

    @on(SearchBar.Step)
    def _bar_step(self, event: SearchBar.Step) -> None:
        self.action_step_match(event.step)

    @on(SearchBar.ScopeToggled)
    def _scope_toggled(self) -> None:
        if self.search is not None:
            self.search.whole_report = not self.search.whole_report
            self.search_bar.show_scope(self.search.whole_report)
            self._search(self.search_bar.input.value)

    @on(SearchBar.Narrow)
    def _narrow(self) -> None:
        contents = self.contents
        if contents.narrowed or self.search is None or not self.search.hits:
            contents.narrow(None)
        else:
            contents.narrow(self.search.sections_with_hits)

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        """Escape, as in less and vim: the bar goes, the reader stays at the match, and `n`
        and `N` go on. Where the search began is a step back in the history."""
        start, self._search_start = self._search_start, None
        self.search_bar.close()
        self.contents.narrow(None)
        if start is not None:
            self.history.jump(start, self._here())
        self.detail.focus()
        self.refresh_bindings()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        """The search goes, and the reader is back where it began, scrolled as they were."""
        start, self._search_start = self._search_start, None
        self.search_bar.close()
        self.action_clear_search()
        if start is not None:
            self.go(start[0].without_hit(), scroll_y=start[1])
        self.contents.focus()

    def action_clear_search(self) -> None:
        """The search goes (its highlights, its badges, `n`), the reader stays where they are."""
        self._give_up_search()
        self.search = None
        self.contents.narrow(None)
        self.contents.show_match_counts({})
        self.detail.show_matches((), None)
        self.place = self.place.without_hit()
        self.refresh_bindings()

    def _search(self, query: str) -> None:
        """Search at once on a small report; else in a thread, the bar saying so meanwhile,
        the keys and the panes free. A newer search gives up the one running: only the
        last query's result is ever shown."""
        from ...core.search.hits import SearchCancelled

        search = self.search
        if search is None:
            return
        self._give_up_search()
        if search.is_quick(query):
            self._show_found(search.find(query))
            return

        def find() -> tuple[SearchSession, Found] | None:
            worker = get_current_worker()

            def so_far(found: Found) -> None:
                progressed = self.SearchProgressed(worker, search, found)
                if not self.post_message(progressed):
                    return
                # The search waits for the screen to draw these hits (a tenth of a second at
                # most): going on, it would share the interpreter with the drawing, which then
                # takes longer, keys waiting.
                for _ in range(10):
                    if progressed.drawn.wait(0.01) or worker.is_cancelled:
                        break

            index = search.index
            if not index.built:  # the first search: its index is made first, to be kept
                made_to_live_long(self, index.build)
            try:
                return search, search.find(query, cancelled=lambda: worker.is_cancelled, progress=so_far)
            except SearchCancelled:
                return None

        self._searching_for = query
        self._search_worker = self.run_worker(find, thread=True, group="search", exclusive=True)
        self.search_bar.show_searching()

    def _give_up_search(self) -> None:
        """The search running in a thread, if any, stops soon and is never shown."""
        self._search_worker = None
        self._steps_waiting.clear()
        self.workers.cancel_group(self, "search")

    @on(SearchProgressed)
    def _search_progressed(self, event: SearchProgressed) -> None:
        """The first hits of a long search: the contents' badges, the count so far and, once
        it is found, the hit the whole result will make current (`Found.current`)."""
        event.stop()
        self.call_after_refresh(event.drawn.set)
        if event.worker is not self._search_worker or event.search is not self.search:
            return  # a search given up or replaced: nothing of it is shown
        found = event.found
        self.contents.show_match_counts(found.counts)
        if found.current is None:
            self.search_bar.show_searching(len(found.result.hits))
            return
        event.search.show(found)
        self._show_match()

    @on(Worker.StateChanged)
    def _search_finished(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is not self._search_worker or event.state != WorkerState.SUCCESS:
            return  # another worker's, or a search given up (cancelled, or replaced by a newer one)
        event.stop()
        self._search_worker = None
        landed = worker.result
        if landed is None or landed[0] is not self.search:
            return  # given up, or the search of a report or a session gone
        steps, self._steps_waiting = self._steps_waiting, []
        self._show_found(landed[1])
        for step in steps:
            self.action_step_match(step)

    def _build_pinyin(self, index: SearchIndex) -> None:
        """In a thread: the pinyin index, which lives as long as the report."""
        made_to_live_long(self, index.build_pinyin)

    def _show_found(self, found: Found) -> None:
        search = self.search
        if search is None:
            return
        search.show(found)
        self.contents.show_match_counts(found.counts)
        if self.contents.narrowed:
            self.contents.narrow(search.sections_with_hits or None)
        self._show_match()

    def action_step_match(self, step: int) -> None:
        search = self.search
        if search is None:
            return
        if self._search_worker is not None:
            self._steps_waiting.append(step)  # done on the result of the search running, when it lands
            return
        if search.step(step) is None:
            if not self.search_bar.is_open:  # say so: a key that does nothing looks broken
                query = search.result.query if search.result is not None else ""
                self.notify(place_words(self.strings).no_matches.format(query=query), timeout=2, markup=False)
            return
        # n and N with the bar closed are jumps, as in vim; stepping inside the bar is still searching.
        self._show_match(jump=not self.search_bar.is_open)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step_match":
            return self.search is not None
        if action == "clear_search":
            return self.search is not None and not self.search_bar.is_open
        if action == "back":
            return self.history.can_go_back
        if action == "forward":
            return self.history.can_go_forward
        return super().check_action(action, parameters)

    def _show_match(self, *, jump: bool = False) -> None:
        self.refresh_bindings()
        search = self.search
        if search is None or search.result is None:
            return
        hit = search.current_hit
        bar = self.search_bar
        if hit is None:
            problem = search.result.problem or "no-match"
            bar.show_counter(self.strings.search_problems.get(problem, problem), found=False)
            self.place = self.place.without_hit()
            self._follow(self.place)  # no matches left to show
            return
        words = place_words(self.strings)
        where = words.where.get(hit.field)
        counter = search.counter + (f" · {where}" if where else "")
        if search.result.partial:  # the hits so far: the search goes on, so no notice either
            bar.show_counter(search_words(self.strings).at_match_so_far.format(counter=counter), found=True)
            self.go(Place(hit_item(self.report, hit), hit))
            return
        bar.show_counter(counter, found=True)
        self.go(Place(hit_item(self.report, hit), hit), jump=jump)
        wrapped = ""
        if search.wrapped:
            wrapped = words.wrapped_to_first if search.current == 0 else words.wrapped_to_last
        if not bar.is_open:
            # No bar to show the counter in: a short notice, as vim's command line does.
            shown = words.closed_counter.format(
                query=search.result.query, counter=search.counter, where=f" · {where}" if where else ""
            )
            self.notify("\n".join(filter(None, (shown, wrapped))), timeout=2, markup=False)
        elif wrapped:
            self.notify(wrapped, timeout=2, markup=False)

    def _show_section_matches(self, section: Section) -> None:
        if self.search is None:
            self.detail.show_matches((), None)
            return
        hits = self.search.hits_in(section.id)
        current: Hit | None = self.place.hit
        self.detail.show_matches(
            hits, current if current is not None and current.section_id == section.id else None
        )

    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self.place.item_id))

    def action_copy(self) -> None:
        item = self._place_item()
        text = copy_text(item) if item is not None else None
        if text is None:
            self.notify(self.strings.nothing_to_copy, severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(text)
        preview = visible_line(text if len(text) <= 60 else text[:60] + "…")
        self.notify(f"{preview}\n{self.strings.copy_caveat}", title=self.strings.copied, markup=False)

    def _place_item(self) -> Report | Section | Paragraph | Figure | Metric | None:
        item_id, report = self.place.item_id, self.report
        if item_id is None:
            return report
        found: Section | Paragraph | Metric | None = report.section_by_id.get(item_id)
        found = found or report.paragraph_by_id.get(item_id) or report.metric_by_id.get(item_id)
        return found or next((figure for figure in report.figures if figure.id == item_id), None)


def copy_text(item: Report | Section | Paragraph | Figure | Metric) -> str | None:
    """What `c` copies: the words themselves (a figure's caption, or the alt text or the
    editors' description that stands for it), and for a metric its figure with its quote."""
    if isinstance(item, Paragraph):
        return item.text
    if isinstance(item, Figure):
        return item.words + (item.credit or "")
    if isinstance(item, Metric):
        return f"{item.label}：{written_value(item)}（{item.quote}）"
    if isinstance(item, Section):
        return "\n\n".join([item.title, *(p.text for p in item.paragraphs)])
    return None
