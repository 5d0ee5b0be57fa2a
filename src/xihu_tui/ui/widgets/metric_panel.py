"""The figures of the current section: a table, the highlighted one's notes, and a sparkline
comparing it; at the report itself, the report's key figures, a line per comparison.

The panel is as tall as the most it shows anywhere in the report (`PanelNeeds`), within the
rows the screen gives it (`fit`): moving from section to section changes no height, so the
panes stay where they are (a change of height also lays out and redraws the whole screen,
frames that cost more than the key itself). A section without figures hides the panel,
and the text takes the room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from ...core.report.model import Metric, Report, Section
from ...core.report.written import written_number
from ...core.text.display import decline_marked, format_number, format_range, full_number, one_line, with_unit
from ..drawing.virtual_table import TableColumn, VirtualTable
from ..strings import Strings, layout_words
from .metric_notes import MetricNotes, Notes, metric_notes
from .metric_sparkline import Comparison, MetricSparkline, comparison_for, fewest_chart_rows

TABLE_ROWS_AT_LEAST = 4
"""The header and three rows: fewer hardly says what the section counts."""
CHART_SHARE = 0.45
"""Of the panel's rows, what the chart takes when the table could use them too."""
CHART_ROWS_AT_LEAST = 6
"""Title, scale, value, and bars that still show which way they go."""
CHART_ROWS_AT_MOST = 24
"""Beyond this a bar's eighth of a row says nothing more."""


@dataclass(frozen=True)
class KeyFigure:
    """A line of the report's key figures: a group, or a series of its own."""

    metric: Metric
    """The group's first member, or the metric with the series: where Enter goes."""
    comparison: Comparison
    charted: Metric | None
    """The metric the chart marks (none for a group: no member is the group)."""


@dataclass(frozen=True)
class PanelNeeds:
    """The most the panel shows anywhere in one report: what its parts are sized for."""

    rows: int
    """The table's rows: the most metrics in a section, or the key figures if more."""
    notes: tuple[Notes, ...]
    """Every distinct set of notes a metric shows."""
    charts: bool
    """Whether any metric has a series or a group to compare with."""
    fewest_chart_rows: int
    """The rows every chart of the report needs on a short screen (`fewest_chart_rows`)."""
    messages: tuple[str, ...]
    """In a report without charts, what the chart's place shows instead: the hint, and the
    message naming the longest label (the tallest)."""


def panel_needs(report: Report, figures: list[KeyFigure], strings: Strings) -> PanelNeeds:
    """What the panel needs for `report`, whose key figures are `figures`."""
    metrics = report.metrics
    noted = (
        metric
        for metric in metrics
        if metric.note is not None or (metric.group is not None and _described(report, metric.group))
    )
    notes = tuple(dict.fromkeys(metric_notes(metric, report, strings) for metric in noted))
    # Grouped metrics with a series of their own chart it (`comparison_for`), not the group.
    comparisons = [figure.comparison for figure in figures] + [
        comparison
        for metric in metrics
        if metric.series and metric.group is not None
        if (comparison := comparison_for(metric, report)) is not None
    ]
    longest = max(metrics, key=lambda metric: len(metric.label), default=None)
    messages = [strings.chart.hint]
    if longest is not None:
        messages.append(strings.chart.no_comparison.format(label=one_line(longest.label)))
    return PanelNeeds(
        rows=max(report.most_metrics_in_a_section, len(figures)),
        notes=notes,
        charts=bool(comparisons),
        fewest_chart_rows=fewest_chart_rows(comparisons),
        messages=tuple(messages),
    )


def _described(report: Report, group_id: str) -> bool:
    group = report.group_by_id.get(group_id)
    return group is not None and group.description is not None


def key_figures(report: Report) -> list[KeyFigure]:
    """Each group, then each metric with a series that is in no group, in document order."""
    figures: list[KeyFigure] = []
    for group in report.groups:
        members = report.group_members(group.id)
        comparison = comparison_for(members[0], report) if members else None
        if comparison is not None:
            # No member stands for the group: none of its bars is marked.
            figures.append(KeyFigure(members[0], replace(comparison, marked=None), None))
    for metric in report.metrics:
        if metric.series and metric.group is None:
            comparison = comparison_for(metric, report)
            if comparison is not None:
                figures.append(KeyFigure(metric, comparison, metric))
    return figures


class MetricTable(VirtualTable):
    """The current section's metrics, one row each."""


class MetricPanel(Vertical):
    """Lists a section's metrics; highlighting one shows how it compares."""

    DEFAULT_CSS = """
    MetricPanel {
        height: auto;
    }
    MetricPanel.-empty {
        display: none;
    }
    /* Its columns are fitted to its width (numbers whole, labels cut): a sideways
       scrollbar would only take a row from it. */
    MetricPanel > MetricTable {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    class MetricHighlighted(Message):
        def __init__(self, metric: Metric) -> None:
            super().__init__()
            self.metric = metric

    class JumpRequested(Message):
        """The reader asked to see the metric in the text (Enter on a row)."""

        def __init__(self, metric: Metric) -> None:
            super().__init__()
            self.metric = metric

    def __init__(self, strings: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.strings = strings
        self.report: Report | None = None
        self.section: Section | None = None
        self.metrics: tuple[Metric, ...] = ()
        self.figures: list[KeyFigure] = []
        """At the report itself: its key figures, the table's rows."""
        self._notes: dict[str, Notes] = {}
        self._key_figures: list[KeyFigure] = []
        self._needs: PanelNeeds | None = None
        """What the report needs shown (`panel_needs`), made once per report."""
        self._room = (0, False)
        """(rows the panel may take, whether it sits beside the text)."""

    def compose(self) -> ComposeResult:
        yield MetricTable()
        yield MetricNotes()
        yield MetricSparkline(self.strings.chart)

    def on_mount(self) -> None:
        self.table.set_rows(self._columns(), [], [])

    def _columns(self) -> list[TableColumn]:
        s = self.strings
        return [
            TableColumn("label", s.col_label, gives=2),
            TableColumn("written", s.col_written, "right", gives=0),
            # The last to go, when the label is as short as it gets: the written words say the number too.
            TableColumn("value", s.col_value, "right", gives=0, optional=2),
            TableColumn("unit", s.col_unit, gives=0),
            TableColumn("qualifier", s.col_qualifier, gives=1, optional=1),
        ]

    def _figure_columns(self) -> list[TableColumn]:
        words = layout_words(self.strings)
        return [
            TableColumn("label", words.col_figures, gives=2),
            TableColumn("count", words.col_count, "right", gives=0),
            TableColumn("range", words.col_range, "right", gives=0),
        ]

    @property
    def table(self) -> MetricTable:
        return self.query_one(MetricTable)

    @property
    def sparkline(self) -> MetricSparkline:
        return self.query_one(MetricSparkline)

    @property
    def notes(self) -> MetricNotes:
        return self.query_one(MetricNotes)

    @property
    def is_empty(self) -> bool:
        """Nothing to show: the panel is hidden and the text has its room."""
        return not self.metrics and not self.figures

    def show_section(self, report: Report, section: Section | None) -> None:
        metrics = section.metrics if section is not None else ()
        if report is self.report and section is self.section and metrics == self.metrics:
            return
        if report is not self.report:
            self._prepare(report)
        self.report, self.section, self.metrics = report, section, metrics
        self.figures = self._key_figures if section is None else []
        s = self.strings
        if self.figures:
            words = layout_words(s)
            figure_rows = [
                (
                    one_line(figure.comparison.title),
                    words.count.format(count=f"{len(figure.comparison.points):,}"),
                    _range(figure.comparison, s.chart.range_to),
                )
                for figure in self.figures
            ]
            keys = [figure.metric.id for figure in self.figures]
            self.table.set_rows(self._figure_columns(), keys, figure_rows)
        else:
            rows = [
                (
                    (s.reading.drafted_mark if metric.drafted else "") + metric.label,
                    decline_marked(written_number(metric), metric.value, s.decline_mark),
                    full_number(metric.value),
                    metric.unit,
                    s.qualifiers[metric.qualifier],
                )
                for metric in metrics
            ]
            self.table.set_rows(self._columns(), [metric.id for metric in metrics], rows)
        self._notes = {metric.id: metric_notes(metric, report, s) for metric in metrics}
        self.set_class(self.is_empty, "-empty")
        if self.figures:
            self._show_figure(0)
        else:
            self._show_metric(None)

    def _prepare(self, report: Report) -> None:
        """Size the panel's parts for everything `report` may show in them."""
        self._key_figures = key_figures(report)
        self._needs = needs = panel_needs(report, self._key_figures, self.strings)
        self.notes.reserve(needs.notes)
        self.sparkline.reserve(charts=needs.charts, messages=list(needs.messages))
        self._arrange()

    def fit(self, rows: int, *, beside: bool) -> None:
        """Share out the `rows` the panel may take (its edge included), beside the text or below it."""
        if (rows, beside) == self._room:
            return
        self._room = (rows, beside)
        self._arrange()

    def _arrange(self) -> None:
        rows, beside = self._room
        needs = self._needs
        if rows <= 0 or needs is None:
            return
        inner = rows - (0 if beside else 1)  # below the text, the panel has a border on top
        count = needs.rows
        noted = bool(needs.notes)
        notes = 0 if not noted else (2 if inner < 16 else 4)
        charted = needs.charts
        if charted:
            least = CHART_ROWS_AT_LEAST
            if inner < TABLE_ROWS_AT_LEAST + notes + least:  # a short screen: the text comes first
                notes, least = min(notes, 1), min(least, needs.fewest_chart_rows)
            chart = max(least, round(inner * CHART_SHARE))
            table = min(count + 1, max(TABLE_ROWS_AT_LEAST, inner - notes - chart))
            # What the table does not need goes to the chart: beside the text, the chart
            # fills the column; below it, the text keeps what the panel leaves.
            chart = min(CHART_ROWS_AT_MOST, max(least, inner - notes - table))
            self.sparkline.styles.height = chart
        else:
            table = min(count + 1, max(TABLE_ROWS_AT_LEAST, inner - notes - 2))
            self.sparkline.styles.height = None
        self.sparkline.chart_rows = chart if charted else 0
        self.table.styles.height = max(1, table)
        # A scrollbar for every section if one needs it: one that came and went would lay
        # out the screen again, and narrow the columns in some sections but not others.
        self.table.styles.overflow_y = "scroll" if count + 1 > table else "auto"
        self.notes.styles.max_height = notes if noted else None

    def highlight(self, metric: Metric | None) -> None:
        """Show `metric` in the sparkline and put the table's cursor on it."""
        if self.report is None or self.figures:
            return
        self._show_metric(metric)
        if metric is not None and metric in self.metrics:
            row = self.metrics.index(metric)
            if self.table.cursor_row != row:
                self.table.move_cursor(row)

    @on(VirtualTable.RowHighlighted)
    def _row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        event.stop()
        if self.figures:
            if event.cursor_row < len(self.figures):
                self._show_figure(event.cursor_row)
            return
        # Only the reader's moves: filling the table, or following the text, is not one.
        if not event.by_reader or not self.metrics or event.cursor_row >= len(self.metrics):
            return
        metric = self.metrics[event.cursor_row]
        self._show_metric(metric)
        self.post_message(self.MetricHighlighted(metric))

    def _show_figure(self, index: int) -> None:
        figure = self.figures[index]
        self.notes.show(())
        self.sparkline.show(figure.charted, figure.comparison)

    def _show_metric(self, metric: Metric | None) -> None:
        """The metric's notes and its comparison; with none, those of the table's cursor row,
        so a chart's rows never sit blank under a hint."""
        report = self.report
        if metric is None and self.metrics:
            metric = self.metrics[min(self.table.cursor_row, len(self.metrics) - 1)]
        self.notes.show(self._notes.get(metric.id, ()) if metric is not None else ())
        comparison = comparison_for(metric, report) if metric is not None and report is not None else None
        self.sparkline.show(metric, comparison)

    @on(VirtualTable.RowSelected)
    def _row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        metric = self.report.metric_by_id.get(event.row_key) if self.report else None
        if metric is not None:
            self.post_message(self.JumpRequested(metric))


def _range(comparison: Comparison, to: str) -> str:
    """Lowest to highest, with the unit: 31–1,600 人, or one value when all are the same."""
    finite = [value for _, value in comparison.points if math.isfinite(value)]
    if not finite:
        return ""
    low, high = min(finite), max(finite)
    if low == high:
        return with_unit(format_number(low), one_line(comparison.unit))
    return format_range(low, high, one_line(comparison.unit), to=to)
