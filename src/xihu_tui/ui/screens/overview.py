"""Every metric of the report in one sortable table, with the highlighted one's notes under it;
Enter shows the chosen one in the text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...core.display import decline_marked, full_number
from ...core.model import Metric, Qualifier, Report
from ...core.pinyin import sort_key
from ...core.written import written_value
from ..localized import LocalizedBindings
from ..strings import Strings
from ..widgets.key_bar import KeyBar
from ..widgets.metric_notes import MetricNotes, metric_notes
from ..widgets.virtual_table import TableColumn, VirtualTable

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
    return TableColumn(key, label, "right" if key == "value" else "left")


class OverviewTable(VirtualTable):
    """The table of every metric (its own type so styles and tests can find it)."""


class MetricsOverview(LocalizedBindings, Screen[str | None]):
    """Dismisses with the id of the metric chosen with Enter, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so the footer shows it (the table's own Enter binding is hidden).
        Binding("enter", "choose", "Show in text", id="overview.choose", priority=True),
        Binding("s", "cycle_sort", "Sort", id="overview.sort"),
        Binding("r", "reverse_sort", "Reverse", id="overview.reverse"),
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
        self.position = {metric.id: index for index, metric in enumerate(report.metrics)}
        self.sort_column = "section"
        self.descending = False
        self.order: list[Metric] = list(report.metrics)
        self._cells: dict[str, tuple[str, ...]] = {}
        """Each metric's row, made once: sorting only reorders them."""
        self._widths: list[int] | None = None
        self._preparing = Lock()

    # -- building ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="overview") as box:
            box.border_title = Content(self.strings.overview_title)
            yield Static(id="overview-sorting")
            yield OverviewTable()
            yield MetricNotes(id="overview-notes")
        yield KeyBar()

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
        return " › ".join(s.title for s in self.report.section_path(section.id)) or section.title

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
            self._cells, self._widths = cells, widths

    def _columns(self, labels: list[str]) -> list[TableColumn]:
        return [_table_column(column.key, label) for column, label in zip(COLUMNS, labels, strict=True)]

    def _fill(self) -> None:
        """(Re)build the table in the current order, cursor on the first row."""
        self.prepare()
        rows = [self._cells[metric.id] for metric in self.order]
        self.table.set_rows(
            self._columns(self._header_labels()),
            [metric.id for metric in self.order],
            rows,
            widths=self._widths,
        )
        self._show_sorting()

    def _show_sorting(self) -> None:
        s = self.strings
        column = COLUMN_BY_KEY[self.sort_column].label(s)
        sorting = s.overview_sorted.format(
            column=column, direction=s.descending if self.descending else s.ascending
        )
        count = s.overview_count.format(count=len(self.order))
        self.query_one("#overview-sorting", Static).update(Content(f"{count} · {sorting}"))

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
        self.dismiss(event.row_key)

    def action_choose(self) -> None:
        self.dismiss(self.highlighted_id)

    def action_close(self) -> None:
        self.dismiss(None)
