"""The figures of the current section: a table, the highlighted one's notes, and a sparkline
comparing it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from ...core.display import decline_marked, full_number
from ...core.model import Metric, Report, Section
from ...core.written import written_number
from ..strings import Strings
from .metric_notes import MetricNotes, Notes, metric_notes
from .metric_sparkline import MetricSparkline, comparison_for
from .virtual_table import TableColumn, VirtualTable


class MetricTable(VirtualTable):
    """The current section's metrics, one row each."""


class MetricPanel(Vertical):
    """Lists a section's metrics; highlighting one shows how it compares."""

    # Below the text, the panel may take 60% of the rows (the explorer's limit): at 24 rows
    # that is the table's 6 and the chart's 6. Notes take 2 of the table's there, and all
    # three grow with the terminal's height (vh), the chart most.
    DEFAULT_CSS = """
    MetricPanel {
        height: auto;
    }
    /* A fixed height: moving between sections with more or fewer metrics must not
       resize the reading pane (and lay the whole screen out again). */
    MetricPanel > MetricTable {
        height: 6;
        overflow-y: scroll;  /* showing or hiding a scrollbar would lay out the screen too */
    }
    MetricPanel.-noted > MetricTable {
        height: 17vh;
        min-height: 4;
        max-height: 6;
    }
    MetricPanel > MetricNotes {
        max-height: 10vh;
    }
    MetricPanel > MetricSparkline {
        height: 25vh;
        min-height: 6;
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
        self.metrics: tuple[Metric, ...] = ()
        self._notes: dict[str, Notes] = {}
        self._quiet = False

    def compose(self) -> ComposeResult:
        yield MetricTable()
        yield MetricNotes()
        yield MetricSparkline(self.strings.chart)

    def on_mount(self) -> None:
        self.table.set_rows(self._columns(), [], [])

    def _columns(self) -> list[TableColumn]:
        s = self.strings
        return [
            TableColumn("label", s.col_label),
            TableColumn("written", s.col_written),
            TableColumn("value", s.col_value, "right"),
            TableColumn("unit", s.col_unit),
            TableColumn("qualifier", s.col_qualifier),
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

    def show_section(self, report: Report, section: Section | None) -> None:
        metrics = section.metrics if section is not None else ()
        if report is self.report and metrics == self.metrics:
            return
        self.report, self.metrics = report, metrics
        self._quiet = True  # filling the table must not look like the reader moving
        s = self.strings
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
        self.call_after_refresh(self._end_quiet)
        self._notes = {metric.id: metric_notes(metric, report, s) for metric in metrics}
        self.set_class(any(self._notes.values()), "-noted")
        self.notes.reserve(list(self._notes.values()))
        self._show_metric(None)

    def _end_quiet(self) -> None:
        self._quiet = False

    def highlight(self, metric: Metric | None) -> None:
        """Show `metric` in the sparkline and put the table's cursor on it."""
        if self.report is None:
            return
        self._show_metric(metric)
        if metric is not None and metric in self.metrics:
            row = self.metrics.index(metric)
            if self.table.cursor_row != row:
                self._quiet = True
                self.table.move_cursor(row)
                self.call_after_refresh(self._end_quiet)

    @on(VirtualTable.RowHighlighted)
    def _row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        event.stop()
        if self._quiet or not self.metrics or event.cursor_row >= len(self.metrics):
            return
        metric = self.metrics[event.cursor_row]
        self._show_metric(metric)
        self.post_message(self.MetricHighlighted(metric))

    def _show_metric(self, metric: Metric | None) -> None:
        """The metric's notes and its comparison; with none, a hint to highlight one, or that
        the section has none to highlight."""
        report = self.report
        self.notes.show(self._notes.get(metric.id, ()) if metric is not None else ())
        comparison = comparison_for(metric, report) if metric is not None and report is not None else None
        empty = self.strings.no_metrics if not self.metrics else None
        self.sparkline.show(metric, comparison, empty=empty)

    @on(VirtualTable.RowSelected)
    def _row_selected(self, event: VirtualTable.RowSelected) -> None:
        event.stop()
        metric = self.report.metric_by_id.get(event.row_key) if self.report else None
        if metric is not None:
            self.post_message(self.JumpRequested(metric))
