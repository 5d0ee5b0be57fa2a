"""The main screen: contents, reading pane and metric panel, kept in step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Tree

from ...core.model import Figure, Metric, Paragraph, Report, Section
from ...core.safe_text import visible_line
from ...core.written import written_value
from ..localized import LocalizedBindings
from ..strings import Strings
from ..widgets.detail_pane import DetailPane
from ..widgets.key_bar import KeyBar
from ..widgets.metric_panel import MetricPanel
from ..widgets.search_bar import SearchBar
from ..widgets.section_tree import Entry, SectionTree

if TYPE_CHECKING:  # imported when first used: the first screen shows none of them
    from ...core.search import SearchIndex
    from ...core.search_session import SearchSession
    from .overview import MetricsOverview

READING_KEEPS = 72
"""The metric panel sits beside the text only when the text keeps this many cells (about 34
Chinese characters a line); below, the panel goes under the text. Chosen by what the text
keeps, not by the screen's width, so the text never drops to a narrow strip at a threshold."""
SIDE_PANEL = (44, 64)
"""The panel's width beside the text, at least and at most (a third of the screen between)."""
PANEL_SHARE = 0.55
"""Of the rows under the header, the most the metric panel takes below the text."""
TINY = 60
"""Below this width the contents drawer starts closed."""
OVERVIEW = "metrics-overview"
"""The name the metrics overview is installed under."""
OVERVIEW_PREPARED_AFTER_S = 0.5
"""How long after the first screen the overview's rows are made, in a thread (see `_prepare_overview`)."""


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
        Binding("less_than_sign", "widen_contents(-4)", "Narrower contents", id="contents.narrower", show=False),
        Binding("greater_than_sign", "widen_contents(4)", "Wider contents", id="contents.wider", show=False),
        Binding("slash", "search", "Search", id="search"),
        Binding("n", "step_match(1)", "Next match", id="next-match"),
        Binding("N", "step_match(-1)", "Previous match", id="previous-match"),
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

    def __init__(self, report: Report, strings: Strings) -> None:
        super().__init__()
        self.report = report
        self.strings = strings
        self.search_index: SearchIndex | None = None
        self.search: SearchSession | None = None
        """The open search, if any."""
        self._scroll_before_search = 0.0
        self._scroll_after_reload: tuple[str, float] | None = None
        """After a reload: the item to come back to, and where the text was scrolled."""
        self._shown: Entry | None = None
        """The tree entry the text and metrics show."""
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
        self.run_worker(overview.prepare, thread=True, group="overview", exit_on_error=False)

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
        self.search, self.search_index, self._shown = None, None, None  # all of the old version
        await self.query_one(ReportPanes).show_report(report)
        self._start()
        self._go_back_to(place)
        self.refresh_bindings()  # n and N went with the search

    def reading_place(self) -> ReadingPlace:
        entry = self.contents.current
        focused = self.focused
        in_search = focused is not None and self.search_bar in focused.ancestors_with_self
        return ReadingPlace(
            item_id=entry.id if entry is not None else None,
            section_id=entry.section.id if entry is not None and entry.section is not None else None,
            scroll_y=self.detail.scroll_offset.y,
            contents_closed=self.contents.has_class("-closed"),
            focused=None if focused is None or in_search else type(focused),  # the search closes
        )

    def _go_back_to(self, place: ReadingPlace) -> None:
        self.contents.set_class(place.contents_closed, "-closed")
        known = self.report.section_by_id.keys() | self.report.section_of.keys()
        target = next((found for found in (place.item_id, place.section_id) if found in known), None)
        if target is not None:
            self._scroll_after_reload = (target, place.scroll_y if target == place.item_id else 0.0)
            self.contents.go_to(target)
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
        metrics.fit(body if wide else int(body * PANEL_SHARE), beside=wide)

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
        # The tree renumbers its lines as sections open, moving the cursor to the same node.
        if entry is None or entry is self._shown:
            return
        self._shown = entry
        self.show(entry)
        if self._scroll_after_reload is not None:
            target, y = self._scroll_after_reload
            if entry.id == target:
                self.detail.scroll_to_line(y)
                self._scroll_after_reload = None

    def show(self, entry: Entry) -> None:
        """Bring the reading pane and metric panel to a tree entry."""
        with self.app.batch_update():  # one frame for the pane, the table and the chart
            if entry.kind == "report" or entry.section is None:
                self.detail.show_report(self.report)
                self.metrics.show_section(self.report, None)
                return
            marked = None if entry.kind == "section" else entry.id
            self.detail.show_section(self.report, entry.section, marked)
            self._show_section_matches(entry.section)
            self.metrics.show_section(self.report, entry.section)
            self.metrics.highlight(entry.item if isinstance(entry.item, Metric) else None)

    @on(Tree.NodeSelected, "#contents")
    def _tree_selected(self, event: Tree.NodeSelected[Entry]) -> None:
        entry = event.node.data
        if entry is not None and entry.kind == "section":
            event.node.toggle()
        elif entry is not None and entry.kind != "report":
            self.detail.focus()

    @on(DetailPane.SectionChosen)
    def _subsection_chosen(self, event: DetailPane.SectionChosen) -> None:
        self.jump_to(event.section_id)

    @on(MetricPanel.MetricHighlighted)
    def _metric_row_moved(self, event: MetricPanel.MetricHighlighted) -> None:
        self.detail.mark(event.metric.id)

    @on(MetricPanel.JumpRequested)
    def _metric_row_chosen(self, event: MetricPanel.JumpRequested) -> None:
        self.jump_to(event.metric.id)
        self.detail.focus()

    def jump_to(self, item_id: str) -> bool:
        """Show any section, paragraph, figure or metric in context."""
        return self.contents.go_to(item_id)

    # -- actions -----------------------------------------------------------------------

    def _step_section(self, step: int) -> None:
        entry = self.contents.current
        here = entry.section.id if entry is not None and entry.section is not None else None
        target = self.contents.next_section(here, step)
        if target is not None:
            self.contents.go_to(target)

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

    def action_search(self) -> None:
        from ...core.search import SearchIndex
        from ...core.search_session import SearchSession

        bar = self.search_bar
        if self.search is None:
            entry = self.contents.current
            if self.search_index is None:
                self.search_index = SearchIndex(self.report)
            if not self.search_index.pinyin_ready:
                # Built off the UI thread, so the first pinyin keystroke rarely waits for it.
                self.run_worker(self.search_index.build_pinyin, thread=True, group="pinyin", exclusive=True)
            self.search = SearchSession(self.report, self.search_index, entry.id if entry else None)
            self._scroll_before_search = self.detail.scroll_offset.y
            bar.show_scope(self.search.whole_report)
        bar.open()
        self._search(bar.input.value)

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
        """Escape: the search goes away and the view is as it was before `/`."""
        origin = self.search.origin if self.search is not None else None
        self.search = None
        self.search_bar.close()
        self.contents.narrow(None)
        self.contents.show_match_counts({})
        self.detail.show_matches((), None)
        if origin is None:
            self.contents.move_cursor(self.contents.root)
        else:
            self.contents.go_to(origin)
        self.call_after_refresh(self.detail.scroll_to_line, self._scroll_before_search)
        self.contents.focus()
        self.refresh_bindings()

    def _search(self, query: str) -> None:
        if self.search is None:
            return
        result = self.search.run(query)
        self.contents.show_match_counts(result.counts_by_section())
        if self.contents.narrowed:
            self.contents.narrow(self.search.sections_with_hits or None)
        self._show_match()

    def action_step_match(self, step: int) -> None:
        if self.search is not None and self.search.step(step) is not None:
            self._show_match()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step_match":
            return self.search is not None and bool(self.search.hits)
        return super().check_action(action, parameters)

    def _show_match(self) -> None:
        self.refresh_bindings()
        search = self.search
        if search is None or search.result is None:
            return
        hit = search.current_hit
        if hit is None:
            problem = search.result.problem or "no-match"
            self.search_bar.show_counter(self.strings.search_problems.get(problem, problem), found=False)
            self.detail.show_matches((), None)
            return
        self.search_bar.show_counter(search.counter, found=True)
        self.contents.go_to(hit.metric_id or hit.item_id)
        if self.detail.section is not None and self.detail.section.id == hit.section_id:
            self._show_section_matches(self.detail.section)

    def _show_section_matches(self, section: Section) -> None:
        if self.search is None:
            self.detail.show_matches((), None)
            return
        hits = self.search.hits_in(section.id)
        current = self.search.current_hit
        self.detail.show_matches(
            hits, current if current is not None and current.section_id == section.id else None
        )

    def action_edit(self) -> None:
        entry = self.contents.current
        self.post_message(self.EditRequested(entry.id if entry is not None else None))

    def action_copy(self) -> None:
        entry = self.contents.current
        text = copy_text(entry.item) if entry is not None else None
        if text is None:
            self.notify(self.strings.nothing_to_copy, severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(text)
        preview = visible_line(text if len(text) <= 60 else text[:60] + "…")
        self.notify(f"{preview}\n{self.strings.copy_caveat}", title=self.strings.copied, markup=False)


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
