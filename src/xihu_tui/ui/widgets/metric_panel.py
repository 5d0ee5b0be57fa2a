"""The figures of the current section: a table, and a sparkline comparing the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from ...core.display import full_number
from ...core.model import Metric, Report, Section
from ...core.written import written_number
from ..strings import Strings
from .metric_sparkline import MetricSparkline, comparison_for


class MetricTable(DataTable[Text]):
    """The current section's metrics, one row each."""


class MetricPanel(Vertical):
    """Lists a section's metrics; highlighting one shows how it compares."""

    DEFAULT_CSS = """
    MetricPanel {
        height: auto;
    }
    MetricPanel > MetricTable {
        height: auto;
        max-height: 6;
    }
    MetricPanel > MetricSparkline {
        height: 6;
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
        self._quiet = False

    def compose(self) -> ComposeResult:
        table = MetricTable(cursor_type="row", zebra_stripes=True)
        s = self.strings
        table.add_columns(s.col_label, s.col_written, s.col_value, s.col_unit, s.col_qualifier)
        yield table
        yield MetricSparkline(self.strings.chart)

    @property
    def table(self) -> MetricTable:
        return self.query_one(MetricTable)

    @property
    def sparkline(self) -> MetricSparkline:
        return self.query_one(MetricSparkline)

    def show_section(self, report: Report, section: Section | None) -> None:
        metrics = section.metrics if section is not None else ()
        if report is self.report and metrics == self.metrics:
            return
        self.report, self.metrics = report, metrics
        table = self.table
        self._quiet = True  # filling the table must not look like the reader moving
        table.clear()
        for metric in metrics:
            table.add_row(
                Text(metric.label),
                Text(written_number(metric)),
                Text(full_number(metric.value), justify="right"),
                Text(metric.unit),
                Text(self.strings.qualifiers[metric.qualifier]),
                key=metric.id,
            )
        self.call_after_refresh(self._end_quiet)
        table.display = bool(metrics)
        self.sparkline.show(None, None, empty=self.strings.no_metrics if not metrics else None)

    def _end_quiet(self) -> None:
        self._quiet = False

    def highlight(self, metric: Metric | None) -> None:
        """Show `metric` in the sparkline and put the table's cursor on it."""
        if self.report is None:
            return
        self.sparkline.show(metric, comparison_for(metric, self.report) if metric else None)
        if metric is not None and metric in self.metrics:
            row = self.metrics.index(metric)
            if self.table.cursor_row != row:
                self._quiet = True
                self.table.move_cursor(row=row, animate=False)
                self.call_after_refresh(self._end_quiet)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self._quiet or not self.metrics or event.cursor_row >= len(self.metrics):
            return
        metric = self.metrics[event.cursor_row]
        self.sparkline.show(metric, comparison_for(metric, self.report) if self.report else None)
        self.post_message(self.MetricHighlighted(metric))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.metrics and event.cursor_row < len(self.metrics):
            self.post_message(self.JumpRequested(self.metrics[event.cursor_row]))
