"""Every metric of the report in one table, with the highlighted one's notes under it: sorted
by any column, filtered by words or pinyin (`/`), grouped by group or section (`F`, as a
VisiData user groups by a column); Enter shows the chosen one in the text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from ...core.report.model import Metric, Qualifier, Report
from ...core.report.written import written_value
from ...core.search.text_match import MatchableText, Query
from ...core.text.display import decline_marked, full_number
from ...core.text.pinyin import sort_key
from ..drawing.virtual_table import TableColumn, VirtualTable
from ..localized import LocalizedBindings
from ..strings import Strings
from ..widgets.key_bar import KeyBar
from ..widgets.metric_notes import MetricNotes, metric_notes

_QUALIFIER_ORDER = {q: i for i, q in enumerate(Qualifier)}
SECTION_WIDTH = 32
"""Cells for the section column at most: the path of a deep section can be wider than the
screen, and then it was the only column on it. The path is cut at its start, so the
section's own title stays in view."""


@dataclass(frozen=True)
class Column:
    key: str
    label: Callable[[Strings], str]
    sort: Callable[[MetricsOverview, Metric], Any]
    descending_first: bool = False
    """Numbers read best largest first; words in their natural order."""
    cycles: bool = True
    """Whether `s` stops at this column (a column that sorts like another one is skipped)."""


COLUMNS: tuple[Column, ...] = (
    Column("section", lambda s: s.col_section, lambda screen, m: screen.position[m.id]),
    Column("label", lambda s: s.col_label, lambda screen, m: sort_key(m.label)),
    Column("written", lambda s: s.col_written, lambda screen, m: m.value, True, cycles=False),
    Column("value", lambda s: s.col_value, lambda screen, m: m.value, True),
    Column("unit", lambda s: s.col_unit, lambda screen, m: sort_key(m.unit)),
    Column("qualifier", lambda s: s.col_qualifier, lambda screen, m: _QUALIFIER_ORDER[m.qualifier]),
    Column("group", lambda s: s.col_group, lambda screen, m: screen.group_key(m)),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}


def _table_column(key: str, label: str) -> TableColumn:
    if key == "section":  # a path: cut at its start, so the section's own title stays
        return TableColumn(key, label, max_width=SECTION_WIDTH, keep="end")
    if key == "written":  # a figure with its unit, as the text has it: never cut
        return TableColumn(key, label, gives=0)
    return TableColumn(key, label, "right" if key == "value" else "left")


GROUPINGS: tuple[str | None, ...] = (None, "group", "section")
"""What `F` steps through: no groups, by the metrics' groups, by their sections."""
GROUP_ROW = "\x00group\x00"
"""Starts the key of a group's heading row: no metric id can (ids are plain words)."""
GROUP_MARK = "▾ "


class OverviewTable(VirtualTable):
    """The table of every metric (its own type so styles and tests can find it)."""


class FilterInput(Input):
    """The overview's filter: each keystroke filters the table; Escape clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear filter", id="overview.clear-filter"),
    ]

    class Cleared(Message):
        pass

    def action_clear(self) -> None:
        self.post_message(self.Cleared())


class MetricsOverview(LocalizedBindings, Screen[str | None]):
    """Dismisses with the id of the metric chosen with Enter, or None."""

    AUTO_FOCUS = "OverviewTable"

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so the footer shows it (the table's own Enter binding is hidden).
        Binding("enter", "choose", "Show in text", id="overview.choose", priority=True),
        Binding("s", "cycle_sort", "Sort", id="overview.sort"),
        Binding("r", "reverse_sort", "Reverse", id="overview.reverse"),
        Binding("slash", "filter", "Filter", id="overview.filter"),
        Binding("vertical_line", "filter", "Filter", id="overview.filter-alias", show=False),
        Binding("F", "cycle_grouping", "Group", id="overview.group"),
        Binding("escape,q,m", "close", "Close", id="overview.close"),
    ]

    DEFAULT_CSS = """
    MetricsOverview {
        align: center middle;
    }
    MetricsOverview > #overview {
        width: 1fr;
        height: 1fr;
        margin-top: 1;
        border: round $accent;
        border-title-color: $text-accent;
        border-title-style: bold;
        background: $surface;
    }
    MetricsOverview #overview-sorting {
        color: $text-muted;
        padding: 0 1;
        height: 1;
    }
    MetricsOverview OverviewTable {
        height: 1fr;
    }
    MetricsOverview FilterInput, MetricsOverview FilterInput:focus {
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    MetricsOverview FilterInput.-hidden {
        display: none;
    }
    /* A fixed height, so the table does not change size as the cursor moves: longer
       notes are cut with an ellipsis (the explorer's panel shows them whole). */
    MetricsOverview #overview-notes {
        height: 2;
        border-top: solid $panel;
        box-sizing: content-box;
    }
    MetricsOverview #overview-notes.-none {
        display: none;
    }
    """

    def __init__(self, report: Report, strings: Strings) -> None:
        super().__init__()
        self.report = report
        self.strings = strings
        self.position: dict[str, int] = {metric.id: index for index, metric in enumerate(report.metrics)}
        self.sort_column = "section"
        self.descending = False
        self.order: list[Metric] = list(report.metrics)
        """Every metric, sorted."""
        self.filter_query = ""
        self.grouping: str | None = None
        """None, "group" or "section" (`GROUPINGS`)."""
        self.shown: list[Metric] = self.order
        """The metrics that pass the filter, sorted, in their groups' order when grouped."""
        self._texts: dict[str, tuple[MatchableText, ...]] = {}
        """What the filter looks at in each metric, folded once when first filtered."""
        self._cells: dict[str, tuple[str, ...]] = {}
        """Each metric's row, made once: sorting only reorders them."""
        self._widths: list[int] | None = None
        self._laid_out: tuple[tuple[object, ...], tuple[list[str], list[tuple[str, ...]]]] | None = None
        """The rows last put in the table (keys and cells), and what they were laid out for (`_table_key`)."""
        self._preparing = Lock()
        self._shown = False

    # -- building ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="overview") as box:
            box.border_title = Content(self.strings.overview_title)
            yield Static(id="overview-sorting")
            yield FilterInput(placeholder=self.strings.shell.filter_placeholder, classes="-hidden")
            yield OverviewTable()
            yield MetricNotes(id="overview-notes")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        # Every screen gets a Resize when first shown, at the size it was just laid out
        # for: Screen would lay it out again, and the explorer under it too (a fifth of
        # the first `m`). Later ones are the terminal's, handled as usual.
        if not self._shown:
            self._shown = True
            event.prevent_default()

    def on_mount(self) -> None:
        has_notes = any(metric.note for metric in self.report.metrics) or any(
            group.description for group in self.report.groups
        )
        self.notes.set_class(not has_notes, "-none")
        self._fill()

    @property
    def table(self) -> OverviewTable:
        return self.query_one(OverviewTable)

    @property
    def notes(self) -> MetricNotes:
        return self.query_one(MetricNotes)

    def section_title(self, metric: Metric) -> str:
        section = self.report.section_of[metric.id]
        return self.report.path_words(section.id)

    def group_key(self, metric: Metric) -> tuple[bool, tuple[tuple[str, ...], str]]:
        group = self.report.group_by_id.get(metric.group) if metric.group else None
        return (group is None, sort_key(group.label) if group else ((), ""))

    def _row(self, metric: Metric, titles: dict[str, str]) -> tuple[str, ...]:
        group = self.report.group_by_id.get(metric.group) if metric.group else None
        section = self.report.section_of[metric.id]
        title = titles.get(section.id)
        if title is None:
            title = titles[section.id] = self.section_title(metric)
        return (
            title,
            metric.label,
            decline_marked(written_value(metric), metric.value, self.strings.decline_mark),
            full_number(metric.value),
            metric.unit,
            self.strings.qualifiers[metric.qualifier],
            group.label if group else "",
        )

    def _header_labels(self) -> list[str]:
        # Every header keeps room for the arrow so the columns do not jump when it moves.
        labels = []
        for column in COLUMNS:
            arrow = (" ↓" if self.descending else " ↑") if column.key == self.sort_column else "  "
            labels.append(column.label(self.strings) + arrow)
        return labels

    def prepare(self) -> None:
        """Make every metric's row and measure the columns, before the screen is shown.

        Pure work on the report, safe in a thread: the explorer has it done in the
        background once it is up, so the first `m` on a big report does not pay for it.
        """
        with self._preparing:  # the screen may open while a thread is at it: it waits, then reuses
            if self._widths is not None:
                return
            titles: dict[str, str] = {}
            cells = {metric.id: self._row(metric, titles) for metric in self.report.metrics}
            columns = self._columns(self._header_labels())
            widths = OverviewTable.measure_widths(columns, list(cells.values()))
            self._cells = cells
            # The table as it first opens, laid out here too (on a big report, 10 ms of the first `m`).
            self._laid_out = self._table_key(), self._rows(self.order, self._column_order())
            self._widths = widths

    def _columns(self, labels: list[str]) -> list[TableColumn]:
        return [_table_column(column.key, label) for column, label in zip(COLUMNS, labels, strict=True)]

    def _column_order(self) -> list[int]:
        """The columns shown, in their places: all but the grouped one, whose value each
        group's heading states."""
        return [i for i, column in enumerate(COLUMNS) if column.key != self.grouping]

    def _fill(self) -> None:
        """(Re)build the table in the current order, cursor on the first row."""
        self.prepare()
        assert self._widths is not None
        self.shown = self._filtered(self.order)
        place = self._column_order()
        columns = [self._columns(self._header_labels())[i] for i in place]
        key = self._table_key()
        if self._laid_out is not None and self._laid_out[0] == key:
            keys, rows = self._laid_out[1]
        else:
            keys, rows = self._rows(self.shown, place)
            self._laid_out = key, (keys, rows)
        headings = (
            {index for index, key in enumerate(keys) if key.startswith(GROUP_ROW)}
            if self.grouping
            else frozenset()
        )
        self.table.set_rows(
            columns,
            keys,
            rows,
            widths=[self._widths[i] for i in place],
            headings=headings,
            # A section's path is cut at its start, so its own title stays, as in its column.
            heading_keeps="end" if self.grouping == "section" else "start",
        )
        if headings and len(keys) > 1:
            self.table.move_cursor(1)  # on the first metric, not its heading
        self._show_sorting()

    def _table_key(self) -> tuple[object, ...]:
        """What the table's rows depend on, besides the report."""
        return self.sort_column, self.descending, self.filter_query, self.grouping

    def _rows(self, metrics: list[Metric], place: list[int]) -> tuple[list[str], list[tuple[str, ...]]]:
        """Keys and cells of the rows, with the columns in `place`; when grouped, a heading
        row before each group (its name and count in its first cell)."""
        rows_of = [[self._cells[m.id][i] for i in place] for m in metrics]
        if self.grouping is None:
            return [m.id for m in metrics], [tuple(cells) for cells in rows_of]
        cells_of = {metric.id: tuple(cells) for metric, cells in zip(metrics, rows_of, strict=True)}
        keys: list[str] = []
        rows: list[tuple[str, ...]] = []
        for name, members in self._groups(metrics):
            heading = self.strings.shell.group_row.format(name=name, count=len(members))
            keys.append(GROUP_ROW + name)
            rows.append((GROUP_MARK + heading, *([""] * (len(place) - 1))))
            for metric in members:
                keys.append(metric.id)
                rows.append(cells_of[metric.id])
        return keys, rows

    def _groups(self, metrics: list[Metric]) -> list[tuple[str, list[Metric]]]:
        """The metrics in groups, each group in the order of the first of its metrics in
        `metrics` (so sorting by a column orders the groups by it too), metrics in
        their sorted order within it; by group, the metrics without one last."""
        groups: dict[str, list[Metric]] = {}
        for metric in metrics:
            groups.setdefault(self._group_name(metric), []).append(metric)
        if self.grouping == "group":
            none = self.strings.shell.no_group
            return sorted(groups.items(), key=lambda item: item[0] == none)
        return list(groups.items())

    def _group_name(self, metric: Metric) -> str:
        if self.grouping == "section":
            return self._cells[metric.id][0]
        group = self.report.group_by_id.get(metric.group) if metric.group else None
        return group.label if group is not None else self.strings.shell.no_group

    def _show_sorting(self) -> None:
        s = self.strings
        column = COLUMN_BY_KEY[self.sort_column].label(s)
        parts = [
            s.shell.filtered.format(shown=len(self.shown), count=len(self.order), query=self.filter_query)
            if self.filter_query
            else s.overview_count.format(count=len(self.order)),
            s.overview_sorted.format(
                column=column, direction=s.descending if self.descending else s.ascending
            ),
        ]
        if self.grouping is not None:
            parts.append(s.shell.grouped_by.format(column=COLUMN_BY_KEY[self.grouping].label(s)))
        self.query_one("#overview-sorting", Static).update(Content(" · ".join(parts)))

    # -- filtering and grouping --------------------------------------------------------

    def _filtered(self, metrics: list[Metric]) -> list[Metric]:
        query = Query(self.filter_query)
        if not query:
            return metrics
        return [metric for metric in metrics if query.matches(*self._filter_texts(metric))]

    def _filter_texts(self, metric: Metric) -> tuple[MatchableText, ...]:
        """A metric is found by its label, its value as written, its unit, its section's
        path, its group and its quote, as `/` would find them."""
        texts = self._texts.get(metric.id)
        if texts is None:
            section, label, written, _value, unit, _qualifier, group = self._cells[metric.id]
            texts = tuple(map(MatchableText, (label, written, unit, section, group, metric.quote)))
            self._texts[metric.id] = texts
        return texts

    def filter(self, query: str) -> None:
        """Show only the metrics that `query` finds (all of them for an empty query)."""
        self.filter_query = query
        self._fill()

    def group_by(self, grouping: str | None) -> None:
        self.grouping = grouping
        self._fill()

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    def action_filter(self) -> None:
        self.filter_input.remove_class("-hidden")
        self.filter_input.focus()

    def action_cycle_grouping(self) -> None:
        self.group_by(GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)])

    @on(Input.Changed, "FilterInput")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter(event.value)

    @on(FilterInput.Cleared)
    def _filter_cleared(self) -> None:
        self.filter_input.value = ""  # posts Changed, which shows every metric again
        self.filter_input.add_class("-hidden")
        self.table.focus()

    # -- sorting -----------------------------------------------------------------------

    def sort_by(self, column_key: str, *, descending: bool | None = None) -> None:
        """Sort by a column; ties keep document order."""
        column = COLUMN_BY_KEY[column_key]
        self.sort_column = column_key
        self.descending = column.descending_first if descending is None else descending
        by_document = sorted(self.report.metrics, key=lambda m: self.position[m.id])
        self.order = sorted(by_document, key=lambda m: column.sort(self, m), reverse=self.descending)
        self._fill()

    def action_cycle_sort(self) -> None:
        here = [c.key for c in COLUMNS].index(self.sort_column)
        following = COLUMNS[here + 1 :] + COLUMNS[: here + 1]
        self.sort_by(next(c.key for c in following if c.cycles))

    def action_reverse_sort(self) -> None:
        self.sort_by(self.sort_column, descending=not self.descending)

    @on(VirtualTable.HeaderSelected)
    def _header_clicked(self, event: VirtualTable.HeaderSelected) -> None:
        event.stop()
        key = event.column_key
        if key == self.sort_column:
            self.action_reverse_sort()
        else:
            self.sort_by(key)

    # -- leaving -----------------------------------------------------------------------

    @property
    def highlighted_id(self) -> str | None:
        return self.table.cursor_key

    @on(VirtualTable.RowHighlighted)
    def _row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        event.stop()
        metric = self.report.metric_by_id.get(event.row_key)
        self.notes.show(metric_notes(metric, self.report, self.strings) if metric is not None else ())

    @on(VirtualTable.RowSelected)
    def _row_chosen(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row_key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the filter is typed, Enter is the field's (on to the rows), and the footer
        # does not offer to show a metric in the text.
        return not (action == "choose" and self.filter_input.has_focus)

    @on(Input.Submitted, "FilterInput")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def action_choose(self) -> None:
        self._choose(self.highlighted_id)

    def _choose(self, row_key: str | None) -> None:
        if row_key is not None and row_key.startswith(GROUP_ROW):
            return  # a group's heading: nothing to show in the text
        self.dismiss(row_key)

    def action_close(self) -> None:
        self.dismiss(None)
