"""A small bar chart that puts the highlighted metric beside the numbers it can fairly be compared with.

Only two comparisons are honest for a report: the metric's own time series, and the other
members of the group its author put it in (a group shares one unit). Anything else gets words
instead of bars.

The drawing is a pure function of the data and the size (`chart_lines`), so it can be tested
without a terminal; the widget only supplies its size and resolves the styles, which are named
after its component classes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.content import Content
from textual.widget import Widget

from ...core.display import format_number, format_range, one_line, qualifier_sign, with_unit
from ...core.model import Metric, Qualifier, Report
from ..strings import ENGLISH_CHART, ChartWords

__all__ = ["Comparison", "MetricSparkline", "chart_lines", "comparison_for"]

SERIES_TITLE = "时间序列"

# Index = eighths of a cell filled from the bottom.
_BLOCKS = " ▁▂▃▄▅▆▇█"
_MAX_BAR_WIDTH = 8
_MARKER = "▲ "

# Content resolves a style starting with "." against the widget's component classes, so the
# pure drawing code can name styles without holding a widget.
_BAR = ".metric-sparkline--bar"
_MARKED = ".metric-sparkline--marked"
_TITLE = ".metric-sparkline--title"
_SCALE = ".metric-sparkline--scale"
_VALUE = ".metric-sparkline--value"


@dataclass(frozen=True)
class Comparison:
    """Numbers that can fairly stand beside one metric, already in display order."""

    kind: Literal["series", "group"]
    title: str
    """"时间序列" for a series, the group's label for a group."""
    points: tuple[tuple[str, float], ...]
    """(label, value): a series period, or a group member's label."""
    marked: int | None
    """Index of the highlighted metric's own point, if it is among them."""
    unit: str


def comparison_for(metric: Metric, report: Report) -> Comparison | None:
    """The metric's series when it has one; otherwise its group's values with the metric marked;
    None when it has neither."""
    if metric.series:
        points = tuple((point.period, point.value) for point in metric.series)
        # The headline figure is usually the latest period, but only a matching value proves it.
        matches = [i for i, (_, value) in enumerate(points) if math.isclose(value, metric.value)]
        return Comparison("series", SERIES_TITLE, points, matches[-1] if matches else None, metric.unit)
    if metric.group is not None:
        members = report.group_members(metric.group)
        group = report.group_by_id.get(metric.group)
        marked = next((i for i, member in enumerate(members) if member.id == metric.id), None)
        return Comparison(
            "group",
            group.label if group is not None else metric.group,
            tuple((member.label, member.value) for member in members),
            marked,
            metric.unit,
        )
    return None


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float
    from_zero: bool

    @classmethod
    def of(cls, values: Sequence[float]) -> _Scale | None:
        finite = [value for value in values if math.isfinite(value)]
        if not finite:
            return None
        low, high = min(finite), max(finite)
        # From zero, bar lengths are proportional to the values; that is only possible when
        # nothing is negative.
        return cls(0.0, high, True) if low >= 0 else cls(low, high, False)

    def eighths(self, value: float, total: int) -> int:
        """The height of `value`'s bar, in eighths of a cell, out of `total`."""
        if not math.isfinite(value):
            return 0
        if self.from_zero:
            if value <= 0 or self.high <= 0:
                return 0
            # Any non-zero value gets a sliver, so it cannot be mistaken for a zero.
            return max(1, min(total, round(value / self.high * total)))
        # Halved so that max - min cannot overflow to infinity for extreme floats.
        span = self.high / 2 - self.low / 2
        if span <= 0:
            return total
        fraction = min(1.0, max(0.0, (value / 2 - self.low / 2) / span))
        # The minimum keeps a sliver too: an empty slot would read as "no data".
        return 1 + round(fraction * (total - 1))

    def describe(self, unit: str, words: ChartWords) -> str:
        where = words.from_zero if self.from_zero else words.from_min
        return f"{where}: {format_range(self.low, self.high, unit)}"


def _bar_layout(count: int, width: int, marked: int | None) -> tuple[int, int, int, int]:
    """(first shown point, points shown, bar width, gap) for `count` points in `width` cells."""
    gap = 1
    bar_width = (width + gap) // count - gap
    if bar_width < 1:
        gap, bar_width = 0, 1
    bar_width = min(bar_width, _MAX_BAR_WIDTH)
    shown = min(count, (width + gap) // (bar_width + gap))
    start = 0
    if marked is not None and shown < count:
        # Keep the highlighted point in view, as near the middle as the data allows.
        start = min(max(0, marked - shown // 2), count - shown)
    return start, shown, bar_width, gap


def _bar_rows(
    comparison: Comparison, scale: _Scale | None, width: int, rows: int
) -> tuple[list[Content], int]:
    """The bar rows, top first, and how many points did not fit."""
    count = len(comparison.points)
    start, shown, bar_width, gap = _bar_layout(count, width, comparison.marked)
    total = rows * 8
    slots = range(start, start + shown)
    heights = {i: scale.eighths(comparison.points[i][1], total) if scale else 0 for i in slots}
    lines: list[Content] = []
    for row in reversed(range(rows)):
        parts: list[str | tuple[str, str]] = []
        for i in slots:
            if i > start and gap:
                parts.append(" " * gap)
            if not math.isfinite(comparison.points[i][1]):
                parts.append(("?" * bar_width if row == 0 else " " * bar_width, _SCALE))
                continue
            fill = min(8, max(0, heights[i] - row * 8))
            parts.append((_BLOCKS[fill] * bar_width, _MARKED if i == comparison.marked else _BAR))
        lines.append(Content.assemble(*parts))
    return lines, count - shown


def _title_line(comparison: Comparison, words: ChartWords) -> Content:
    kind = words.series if comparison.kind == "series" else words.group
    return Content.assemble(
        (one_line(comparison.title), _TITLE),
        (" · " + kind.format(count=f"{len(comparison.points):,}"), _SCALE),
    )


def _scale_line(comparison: Comparison, scale: _Scale | None, hidden: int, words: ChartWords) -> Content:
    unit = one_line(comparison.unit)
    parts = [scale.describe(unit, words) if scale else words.nothing_to_plot]
    missing = sum(1 for _, value in comparison.points if not math.isfinite(value))
    if missing:
        parts.append(words.not_available.format(count=f"{missing:,}"))
    if hidden:
        parts.append(words.more.format(count=f"{hidden:,}"))
    return Content.styled(" · ".join(parts), _SCALE)


def _marked_line(comparison: Comparison, metric: Metric | None, words: ChartWords) -> Content:
    unit = one_line(comparison.unit)
    count = len(comparison.points)
    if comparison.marked is None or not 0 <= comparison.marked < count:
        if metric is None:
            return Content.styled(words.none_marked, _SCALE)
        stated = with_unit(qualifier_sign(metric.qualifier) + format_number(metric.value), unit)
        return Content.assemble(
            (f"{one_line(metric.label)} {stated}", _VALUE),
            (words.not_a_point, _SCALE),
        )
    label, value = comparison.points[comparison.marked]
    # In a group the point is the metric itself, so its qualifier (超, 以上 ...) applies.
    qualifier = metric.qualifier if metric is not None and comparison.kind == "group" else Qualifier.EXACT
    name = one_line(label)
    if comparison.kind == "series" and metric is not None:
        name = f"{one_line(metric.label)} {name}"
    return Content.assemble(
        (f"{_MARKER}{name} {with_unit(qualifier_sign(qualifier) + format_number(value), unit)}", _VALUE),
        (f" ({comparison.marked + 1:,}/{count:,})", _SCALE),
    )


def chart_lines(
    metric: Metric | None,
    comparison: Comparison | None,
    width: int,
    height: int,
    *,
    words: ChartWords = ENGLISH_CHART,
    empty: str | None = None,
) -> list[Content]:
    """At most `height` lines, each at most `width` cells, showing `comparison` for `metric`.

    Bars take the rows above three lines of text (title, scale, highlighted value). Words
    explain bars, so when rows run short the bars give way first, and the highlighted value
    is the last line to go.
    """
    if width <= 0 or height <= 0:
        return []
    if comparison is None:
        if metric is None:
            message = one_line(words.hint if empty is None else empty)
        else:
            message = words.no_comparison.format(label=one_line(metric.label))
        lines = [Content.styled(message, _SCALE)]
    else:
        scale = _Scale.of([value for _, value in comparison.points])
        text_rows = min(3, max(1, height - 1))
        bar_rows = height - text_rows
        bars, hidden = (
            _bar_rows(comparison, scale, width, bar_rows) if comparison.points and bar_rows else ([], 0)
        )
        text = [
            _title_line(comparison, words),
            _scale_line(comparison, scale, hidden, words),
            _marked_line(comparison, metric, words),
        ][3 - text_rows :]
        lines = [*bars, *text]
    return [line.truncate(width, ellipsis=True) for line in lines[:height]]


class MetricSparkline(Widget):
    """Bars for the highlighted metric and the numbers it compares with, and words to read them by."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "metric-sparkline--bar",
        "metric-sparkline--marked",
        "metric-sparkline--title",
        "metric-sparkline--scale",
        "metric-sparkline--value",
    }
    """
    | Class | Description |
    | :- | :- |
    | `metric-sparkline--bar` | Bars of the other points. |
    | `metric-sparkline--marked` | The bar of the highlighted metric. |
    | `metric-sparkline--title` | The comparison's title. |
    | `metric-sparkline--scale` | The scale, counts, hints and missing values. |
    | `metric-sparkline--value` | The highlighted metric's label and value. |
    """

    DEFAULT_CSS = """
    MetricSparkline {
        height: 7;
        padding: 0 1;
    }
    MetricSparkline > .metric-sparkline--bar {
        color: $primary;
    }
    MetricSparkline > .metric-sparkline--marked {
        color: $accent;
    }
    MetricSparkline > .metric-sparkline--title {
        color: $foreground;
        text-style: bold;
    }
    MetricSparkline > .metric-sparkline--scale {
        color: $foreground-muted;
    }
    MetricSparkline > .metric-sparkline--value {
        color: $text-accent;
        text-style: bold;
    }
    """

    def __init__(
        self,
        words: ChartWords | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.words = words or ENGLISH_CHART
        self._metric: Metric | None = None
        self._comparison: Comparison | None = None
        self._empty: str | None = None

    @property
    def metric(self) -> Metric | None:
        return self._metric

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    def show(self, metric: Metric | None, comparison: Comparison | None, *, empty: str | None = None) -> None:
        """Chart `comparison` for `metric`; with neither, show `empty` (or a hint to highlight one)."""
        self._metric, self._comparison = metric, comparison
        self._empty = empty
        self.refresh()

    def clear(self) -> None:
        self.show(None, None)

    def render(self) -> Content:
        width, height = self.content_size
        return Content("\n").join(
            chart_lines(self._metric, self._comparison, width, height, words=self.words, empty=self._empty)
        )
