"""A small bar chart that puts the highlighted metric beside the numbers it can fairly be compared with.

Only two comparisons are honest for a report: the metric's own time series, and the other
members of the group its author put it in (a group shares one unit). Anything else gets words
instead of bars.

Bars start from zero. When a value is below zero (a decline, 下降9.4%), a zero line is drawn
and such bars hang below it, on the same scale as those that stand above it, so a fall never
looks like a rise. A series labels its bars with their periods.

The drawing is a pure function of the data and the size (`chart_lines`), so it can be tested
without a terminal; the widget only supplies its size and resolves the styles, which are named
after its component classes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget

from ...core.report.model import Metric, Qualifier, Report
from ...core.text.display import fit_cells, format_number, format_range, one_line, qualifier_sign, with_unit
from ...core.text.linebreak import break_lines
from ..strings import ENGLISH_CHART, ChartWords

__all__ = ["Comparison", "MetricSparkline", "chart_lines", "comparison_for", "message_height"]

# Index = eighths of a cell filled from the bottom.
_BLOCKS = " ▁▂▃▄▅▆▇█"
_AXIS = "─"
_MAX_BAR_WIDTH = 8
_MARKER = "▲ "
_TEXT_ROWS = 3
"""Title, scale and the highlighted value."""

# Content resolves a style starting with "." against the widget's component classes, so the
# pure drawing code can name styles without holding a widget.
_BAR = ".metric-sparkline--bar"
_MARKED = ".metric-sparkline--marked"
_TITLE = ".metric-sparkline--title"
_SCALE = ".metric-sparkline--scale"
_VALUE = ".metric-sparkline--value"
# Terminals have blocks that fill a cell from the bottom, but none (widely drawn) that fill it
# from the top: a bar hanging below the zero line ends in a bottom block with its colours swapped.
_HANGING = Style(reverse=True)


@dataclass(frozen=True)
class Comparison:
    """Numbers that can fairly stand beside one metric, already in display order."""

    kind: Literal["series", "group"]
    title: str
    """The metric's label for its series, the group's label for a group."""
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
        return Comparison("series", metric.label, points, matches[-1] if matches else None, metric.unit)
    if metric.group is not None:
        group = report.group_by_id.get(metric.group)
        return Comparison(
            "group",
            group.label if group is not None else metric.group,
            _points_of(report.group_members(metric.group)),
            report.member_place(metric.id),
            metric.unit,
        )
    return None


_KEPT = 256
"""Groups (and charts) whose points (and scales) are remembered: every metric of a section
asks for its group's, and a group of 100,000 took seconds a key to collect again."""
_points: dict[int, tuple[tuple[Metric, ...], tuple[tuple[str, float], ...]]] = {}
_scales: dict[int, tuple[tuple[tuple[str, float], ...], _Scale | None]] = {}


def _points_of(members: tuple[Metric, ...]) -> tuple[tuple[str, float], ...]:
    """The members' (label, value), the same tuple for the same members (`group_members`
    returns one tuple per group). Keyed by identity, the members kept so the key stays theirs."""
    kept = _points.get(id(members))
    if kept is None or kept[0] is not members:
        if len(_points) >= _KEPT:
            _points.clear()
        kept = _points[id(members)] = (members, tuple((member.label, member.value) for member in members))
    return kept[1]


@dataclass(frozen=True)
class _Scale:
    """The range the bars span: zero and every finite value."""

    low: float
    """The smallest value, or 0."""
    high: float
    """The largest value, or 0."""

    @classmethod
    def of(cls, values: Sequence[float]) -> _Scale | None:
        finite = [value for value in values if math.isfinite(value)]
        if not finite:
            return None
        return cls(min(0.0, *finite), max(0.0, *finite))

    @property
    def has_zero_line(self) -> bool:
        """Bars go both ways from a drawn zero line only when something is below zero; otherwise
        the bottom of the chart is zero, as a reader expects."""
        return self.low < 0

    @property
    def fewest_rows(self) -> int:
        """Rows below which the bars cannot say what they mean: one either side of a zero line
        (and the line itself), or one row standing on an implied zero."""
        if not self.has_zero_line:
            return 1
        return 3 if self.high > 0 else 2

    def split(self, rows: int) -> tuple[int, int]:
        """(rows above the zero line, rows below it) out of `rows` bar rows, the zero line
        not counted: in proportion to the values each side, at least one each side that has any."""
        if not self.has_zero_line:
            return rows, 0
        if self.high <= 0:
            return 0, rows
        span = self.high - self.low
        # For extreme floats the span overflows; halves cannot (but tiny ones would vanish).
        share = (self.high / 2) / (self.high / 2 - self.low / 2) if math.isinf(span) else self.high / span
        above = round(rows * share)
        above = min(rows - 1, max(1, above))
        return above, rows - above

    def eighths(self, value: float, above: int, below: int) -> int:
        """The length of `value`'s bar in eighths of a cell, away from zero (0: no bar).

        Both sides share one scale: the side whose values need the most room per row sets it.
        """
        if not math.isfinite(value) or value == 0:
            return 0
        if not self.has_zero_line:
            if self.high <= 0:
                return 0
            # Any non-zero value gets a sliver, so it cannot be mistaken for a zero.
            return max(1, min(above * 8, round(value / self.high * above * 8)))
        room = above * 8 if value > 0 else below * 8
        # Each side's ratio is at most 1 for its own values; the other side's may be huge or
        # infinite (a tiny range), so the smaller of the two is the shared scale.
        lengths = [abs(value) / -self.low * below * 8]
        if above:
            lengths.append(abs(value) / self.high * above * 8)
        return max(1, min(room, round(min(lengths))))

    def describe(self, unit: str, words: ChartWords) -> str:
        where = words.around_zero if self.has_zero_line else words.from_zero
        return f"{where}: {format_range(self.low, self.high, unit, to=words.range_to)}"


@dataclass(frozen=True)
class _Slots:
    """Which points are drawn, and where: point `start + n` at `n * (bar_width + gap)`."""

    start: int
    shown: int
    bar_width: int
    gap: int

    @classmethod
    def fit(cls, count: int, width: int, marked: int | None) -> _Slots:
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
        return cls(start, shown, bar_width, gap)

    @property
    def indices(self) -> range:
        return range(self.start, self.start + self.shown)

    @property
    def width(self) -> int:
        return self.shown * (self.bar_width + self.gap) - self.gap

    def x(self, index: int) -> int:
        return (index - self.start) * (self.bar_width + self.gap)


_Cell = tuple[str, str, bool]
"""A point's cells in one row: text, style, and whether the colours are swapped (`_HANGING`)."""


def _row(slots: _Slots, cell: Callable[[int], _Cell], gap: str = " ") -> Content:
    # Runs of one style, not a span per point: Textual turns every span into a segment of
    # its own, and a row of a hundred bars cost more to draw than the rest of the panel.
    # A blank gap takes the style of the bar before it, which colours only what is drawn.
    runs: list[list[str]] = []
    swapped: list[tuple[int, int]] = []
    x = 0
    for i in slots.indices:
        if i > slots.start and slots.gap:
            if gap.strip():
                _extend(runs, gap * slots.gap, _SCALE)
            else:
                runs[-1][0] += gap * slots.gap
            x += slots.gap
        text, style, swap = cell(i)
        _extend(runs, text, style)
        if swap:
            swapped.append((x, x + len(text)))
        x += len(text)
    line = Content.assemble(*((text, style) for text, style in runs))
    for start, end in swapped:
        line = line.stylize(_HANGING, start, end)
    return line


def _extend(runs: list[list[str]], text: str, style: str) -> None:
    """Add `text` in `style` to the last run if it has that style, else as a new run."""
    if runs and runs[-1][1] == style:
        runs[-1][0] += text
    else:
        runs.append([text, style])


def _bar_rows(comparison: Comparison, scale: _Scale | None, slots: _Slots, rows: int) -> list[Content]:
    """The bar rows, top first: bars standing on zero, or both ways from a zero line."""
    points, bar_width = comparison.points, slots.bar_width
    with_line = scale is not None and scale.has_zero_line
    above, below = scale.split(rows - with_line) if scale is not None else (rows, 0)
    lengths = {i: scale.eighths(points[i][1], above, below) if scale else 0 for i in slots.indices}

    def style(i: int) -> str:
        return _MARKED if i == comparison.marked else _BAR

    def standing(level: int) -> Callable[[int], _Cell]:
        """Cells `level` rows above zero."""

        def cell(i: int) -> _Cell:
            value = points[i][1]
            if not math.isfinite(value):
                # Where the bar would start, unless the zero line says it.
                mark = "?" if level == 0 and not with_line else " "
                return (mark * bar_width, _SCALE, False)
            fill = min(8, max(0, lengths[i] - level * 8)) if value > 0 else 0
            return (_BLOCKS[fill] * bar_width, style(i), False)

        return cell

    def zero_line(i: int) -> _Cell:
        return (("?" if not math.isfinite(points[i][1]) else _AXIS) * bar_width, _SCALE, False)

    def hanging(level: int) -> Callable[[int], _Cell]:
        """Cells `level` rows below the zero line."""

        def cell(i: int) -> _Cell:
            fill = min(8, max(0, lengths[i] - level * 8)) if points[i][1] < 0 else 0
            if 0 < fill < 8:
                # The unfilled bottom of the cell, in the bar's colour, then swapped.
                return (_BLOCKS[8 - fill] * bar_width, style(i), True)
            return (_BLOCKS[fill] * bar_width, style(i), False)

        return cell

    lines = [_row(slots, standing(level)) for level in reversed(range(above))]
    if with_line:
        lines.append(_row(slots, zero_line, _AXIS))
        lines += [_row(slots, hanging(level)) for level in range(below)]
    return lines


def _abbreviated(periods: dict[int, str]) -> dict[int, str] | None:
    """The periods without the leading digits they all share (2015 … 2020 as 15 … 20), when
    each keeps two digits of its own; None when they share none."""
    texts = list(periods.values())
    shared = 0
    for column in zip(*texts, strict=False):
        if len(set(column)) > 1 or not column[0].isdigit():
            break
        shared += 1
    while shared and not all(text[shared : shared + 2].isdigit() for text in texts):
        shared -= 1
    if not shared:
        return None
    return {i: text[shared:] for i, text in periods.items()}


def _placed_labels(periods: dict[int, str], slots: _Slots, width: int) -> list[tuple[int, int, str]]:
    """(x, point, label) for the labels that fit, left to right: each centred under its bar,
    every `step`-th one counting back from the last, none touching another."""
    slot = slots.bar_width + slots.gap
    widest = max(cell_len(text) for text in periods.values())
    step = max(1, -(-(widest + 1) // slot))
    placed: list[tuple[int, int, str]] = []
    limit = width + 1  # where the label to the right starts; one blank cell must separate them
    last = slots.start + slots.shown - 1
    for i in range(last, slots.start - 1, -step):
        label = fit_cells(periods[i], width)  # cut only when wider than the whole chart
        cells = cell_len(label)
        x = max(0, min(slots.x(i) + (slots.bar_width - cells) // 2, width - cells))
        if x + cells + 1 > limit:
            continue
        placed.append((x, i, label))
        limit = x
    return placed[::-1]


def _period_row(comparison: Comparison, slots: _Slots, width: int) -> Content:
    """The periods under a series' bars, thinned (and their shared century dropped) until none
    touches another; the highlighted point's period in its colour."""
    periods = {i: one_line(comparison.points[i][0]) for i in slots.indices}
    placed = _placed_labels(periods, slots, width)
    short = _abbreviated(periods)
    if short is not None:
        shortened = _placed_labels(short, slots, width)
        if len(shortened) > len(placed):
            # The first label in full says which century the others are in, if it has room.
            x, first, label = shortened[0]
            room = shortened[1][0] - 1 if len(shortened) > 1 else width
            full = periods[first]
            if x + cell_len(full) <= room:
                shortened[0] = (x, first, full)
            placed = shortened
    parts: list[tuple[str, str]] = []
    end = 0
    for x, i, label in placed:
        parts.append((" " * (x - end), _SCALE))
        parts.append((label, _MARKED if i == comparison.marked else _SCALE))
        end = x + cell_len(label)
    return Content.assemble(*parts)


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
    # In a group the point is the metric itself, so its qualifier (超, 约 ...) applies; a
    # series' title already names the metric, so its point is named by its period alone.
    qualifier = metric.qualifier if metric is not None and comparison.kind == "group" else Qualifier.EXACT
    stated = with_unit(qualifier_sign(qualifier) + format_number(value), unit)
    return Content.assemble(
        (f"{_MARKER}{one_line(label)} {stated}", _VALUE),
        (f" ({comparison.marked + 1:,}/{count:,})", _SCALE),
    )


def _message_lines(message: str, width: int, height: int) -> list[Content]:
    """`message` wrapped to `width` as Chinese is broken into lines, in at most `height` lines;
    a message that needs more ends in an ellipsis."""
    text = one_line(message)
    spans = break_lines(text, width)
    if len(spans) > height:
        spans = [*spans[: height - 1], (spans[height - 1][0], len(text))]
    return [Content.styled(fit_cells(text[start:end], width), _SCALE) for start, end in spans]


def _value_row(comparison: Comparison, metric: Metric | None, slots: _Slots, width: int) -> Content:
    """The highlighted point's value over its bar, so the bar can be read without the words."""
    marked = comparison.marked
    if marked is None or marked not in slots.indices:
        return Content("")
    qualifier = metric.qualifier if metric is not None and comparison.kind == "group" else Qualifier.EXACT
    value = fit_cells(qualifier_sign(qualifier) + format_number(comparison.points[marked][1]), width)
    cells = cell_len(value)
    x = max(0, min(slots.x(marked) + (slots.bar_width - cells) // 2, width - cells))
    return Content.assemble((" " * x, _SCALE), (value, _VALUE))


def _wrapped(line: Content, width: int) -> list[Content]:
    return [line[start:end] for start, end in break_lines(line.plain, width)] or [line]


def _scale_of(points: tuple[tuple[str, float], ...]) -> _Scale | None:
    """`_Scale.of` the points' values, remembered for the same points (see `_points_of`)."""
    kept = _scales.get(id(points))
    if kept is None or kept[0] is not points:
        if len(_scales) >= _KEPT:
            _scales.clear()
        kept = _scales[id(points)] = (points, _Scale.of([value for _, value in points]))
    return kept[1]


def fewest_chart_rows(comparisons: Iterable[Comparison]) -> int:
    """The fewest rows in which every one of `comparisons` shows its words and bars that say
    which way they go (a decline needs rows either side of its zero line)."""
    scales = (_scale_of(comparison.points) for comparison in comparisons)
    bars = max((scale.fewest_rows for scale in scales if scale is not None), default=1)
    return _TEXT_ROWS + bars


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

    Bars take the rows above the words (title, scale, highlighted value), a series' periods
    take one under them, and the highlighted value one over its bar. Words explain bars:
    they wrap when the bars keep rows enough, else each is cut to a line. When rows run
    short the value over the bar goes first, then the periods, then the bars (which are
    not drawn in fewer rows than they need to show which way they go), and the highlighted
    value is the last line of words to go.
    """
    if width <= 0 or height <= 0:
        return []
    if comparison is None:
        if metric is None:
            message = words.hint if empty is None else empty
        else:
            message = words.no_comparison.format(label=one_line(metric.label))
        return _message_lines(message, width, height)
    scale = _scale_of(comparison.points)
    needed = scale.fewest_rows if scale is not None else 1
    slots = _Slots.fit(len(comparison.points), width, comparison.marked) if comparison.points else None
    hidden = len(comparison.points) - slots.shown if slots is not None else 0
    words_lines = [
        _title_line(comparison, words),
        _scale_line(comparison, scale, hidden, words),
        _marked_line(comparison, metric, words),
    ]
    wrapped = [part for line in words_lines for part in _wrapped(line, width)]
    series = comparison.kind == "series"
    # Wrapped words must leave the bars room: two rows more than the fewest they can be read in.
    if len(wrapped) > len(words_lines) and height - len(wrapped) >= max(needed + series + 2, 5):
        text = wrapped
    else:
        text_rows = min(_TEXT_ROWS, max(1, height - 1))
        text = words_lines[_TEXT_ROWS - text_rows :]
    plot_rows = height - len(text)
    labelled = series and plot_rows - 1 >= needed
    # Over a bar, the value costs a row the bars need less in a tall chart than in a short one.
    valued = comparison.marked is not None and plot_rows - labelled - 1 >= needed + 2
    bar_rows = plot_rows - labelled - valued
    plot: list[Content] = []
    if slots is not None and bar_rows >= needed:
        if valued:
            plot.append(_value_row(comparison, metric, slots, width))
        plot += _bar_rows(comparison, scale, slots, bar_rows)
        if labelled:
            plot.append(_period_row(comparison, slots, width))
    return [line.truncate(width, ellipsis=True) for line in [*plot, *text][:height]]


def message_height(message: str, width: int) -> int:
    """The lines `message` takes at `width`."""
    return len(break_lines(one_line(message), width)) if width > 0 else 0


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
    | `metric-sparkline--marked` | The bar of the highlighted metric, and its period. |
    | `metric-sparkline--title` | The comparison's title. |
    | `metric-sparkline--scale` | The scale, the zero line, periods, counts, hints and missing values. |
    | `metric-sparkline--value` | The highlighted metric's label and value. |
    """

    DEFAULT_CSS = """
    MetricSparkline {
        height: auto;
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
        self.charts = True
        """Whether any metric it may show has bars (see `reserve`)."""
        self.chart_rows = 7
        """The rows it takes when it has bars and its parent gives no height."""
        self._messages: list[str] = []

    def reserve(self, *, charts: bool, messages: list[str]) -> None:
        """What it may show next: bars (`charts`), or only one of `messages`, for which it
        takes the lines the longest needs, so none is cut."""
        width = self.content_size.width
        before = self._wanted_height(width) if width else None
        self.charts, self._messages = charts, messages
        # A new layout of the screen only if the height changes (a layout redraws every pane).
        if before is not None and self._wanted_height(width) == before:
            self.refresh()
        else:
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._wanted_height(width)

    def _wanted_height(self, width: int) -> int:
        if self.charts:
            return self.chart_rows
        return max((message_height(message, width) for message in self._messages), default=1)

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
