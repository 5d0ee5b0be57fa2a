"""The sparkline under the metric table: what it compares, what it draws, and that bad data cannot break it."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content
from textual.geometry import Region
from textual.style import Style

from xihu_tui.core.report.model import Metric, Report, SeriesPoint
from xihu_tui.core.text.display import format_number, format_range, one_line, with_unit
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.strings import CHINESE_CHART
from xihu_tui.ui.widgets.metric_sparkline import (
    Comparison,
    MetricSparkline,
    chart_lines,
    comparison_for,
)
from xihu_tui.ui.widgets.section_tree import SectionTree

BLOCKS = set("▁▂▃▄▅▆▇█")
NAN, INF = math.nan, math.inf


def make_metric(label: str = "指标", value: float = 1.0, unit: str = "个", **kwargs: object) -> Metric:
    return Metric(id="m", label=label, value=value, unit=unit, quote="", paragraph="p", **kwargs)  # type: ignore[arg-type]


def group_of(*values: float, marked: int | None = 0, unit: str = "个", label: str = "组") -> Comparison:
    points = tuple((f"项{i}", value) for i, value in enumerate(values))
    return Comparison("group", label, points, marked, unit)


def plain(lines: list) -> str:
    return "\n".join(line.plain for line in lines)


def series_of(*values: float, start: int = 2015, marked: int | None = -1, unit: str = "%") -> Comparison:
    points = tuple((str(start + i), value) for i, value in enumerate(values))
    return Comparison("series", "增速", points, len(points) - 1 if marked == -1 else marked, unit)


def swapped_cells(line: Content) -> set[int]:
    """The cells drawn with foreground and background swapped."""
    return {
        x
        for span in line.spans
        if isinstance(span.style, Style) and span.style.reverse
        for x in range(span.start, span.end)
    }


def bar_lengths(bar_rows: list[Content]) -> list[int]:
    """Each one-cell-wide bar's length in eighths of a cell, read off the picture as a reader
    would: up from the zero line is positive, down from it negative. Without a drawn zero line
    the bottom of the chart is zero. Below the line a cell filled from the top is drawn as a
    block filled from the bottom with its colours swapped, so its filled part is the rest."""
    axis = next((y for y, row in enumerate(bar_rows) if set(row.plain) <= {"─", "?"}), len(bar_rows))
    width = max(row.cell_length for row in bar_rows)
    lengths = [0] * width
    for y, row in enumerate(bar_rows):
        swapped = swapped_cells(row)
        for x, character in enumerate(row.plain):
            if character not in BLOCKS:
                continue
            filled = " ▁▂▃▄▅▆▇█".index(character)
            if y < axis:
                assert x not in swapped
                lengths[x] += filled
            else:
                lengths[x] -= 8 - filled if x in swapped else filled
    return lengths


class SparklineApp(App[None]):
    CSS = "MetricSparkline { height: 8; width: 60; }"

    def __init__(self, metric: Metric | None = None, comparison: Comparison | None = None) -> None:
        super().__init__()
        self._metric = metric
        self._comparison = comparison

    def compose(self) -> ComposeResult:
        yield MetricSparkline()

    def on_mount(self) -> None:
        self.query_one(MetricSparkline).show(self._metric, self._comparison)


def seen(widget: MetricSparkline) -> str:
    """The widget's cells as the terminal would show them, one line per row."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.region.size)))


def group_app(report: Report, metric_id: str) -> SparklineApp:
    metric = report.metric_by_id[metric_id]
    return SparklineApp(metric, comparison_for(metric, report))


# --- comparison_for -------------------------------------------------------------------------


def test_a_grouped_metric_is_compared_with_its_group_and_marked(bundled_report: Report) -> None:
    comparison = comparison_for(bundled_report.metric_by_id["medical-staff"], bundled_report)
    assert comparison == Comparison(
        kind="group",
        title="防疫一线人员",
        points=(
            ("下沉指挥的区领导", 31),
            ("坚守岗位的医务人员", 1600),
            ("下沉一线的党员干部", 620),
            ("下沉一线的教师", 850),
        ),
        marked=1,
        unit="人",
    )


def test_every_group_member_is_marked_at_its_own_point(bundled_report: Report) -> None:
    for group in bundled_report.groups:
        members = bundled_report.group_members(group.id)
        for index, metric in enumerate(members):
            comparison = comparison_for(metric, bundled_report)
            assert comparison is not None
            assert comparison.marked == index
            assert comparison.points[index] == (metric.label, metric.value)


def test_a_metric_with_neither_series_nor_group_has_no_comparison(bundled_report: Report) -> None:
    assert comparison_for(bundled_report.metric_by_id["resolution-rate"], bundled_report) is None


def test_a_series_is_preferred_to_the_group(nested_report: Report) -> None:
    comparison = comparison_for(nested_report.metric_by_id["gdp"], nested_report)
    # A series is titled by its metric: the table above names the metric, the chart its periods.
    assert comparison == Comparison(
        "series", "生产总值", (("2019", 1.0e11), ("2020", 1.13e11), ("2021", 1.2e11)), 2, "元"
    )
    firms = comparison_for(nested_report.metric_by_id["digital-firms"], nested_report)
    assert firms is not None
    assert (firms.kind, firms.marked, firms.unit) == ("series", 1, "家")


def test_a_series_without_the_stated_value_marks_nothing(nested_report: Report) -> None:
    metric = make_metric(value=7, series=(SeriesPoint("2020", 5), SeriesPoint("2021", 6)))
    comparison = comparison_for(metric, nested_report)
    assert comparison is not None
    assert comparison.marked is None
    assert "指标 7 个 is not one of these points" in plain(chart_lines(metric, comparison, 60, 7))


# --- number formatting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (660000, "66万"),
        (6e9, "60亿"),
        (1.63e9, "16.3亿"),
        (1.2e11, "1,200亿"),
        (1.5e12, "1.5万亿"),
        (99_995_000, "1亿"),
        (1600, "1,600"),
        (96.7, "96.7"),
        (4000.5, "4,000.5"),
        (0, "0"),
        (-0.0, "0"),
        (-5, "-5"),
        (-660000, "-66万"),
        (1e20, "1e+20"),
        (NAN, "n/a"),
        (-INF, "n/a"),
    ],
)
def test_format_number(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_units_and_ranges() -> None:
    assert with_unit("96.7", "%") == "96.7%"
    assert format_range(0, 1600, "人") == "0–1,600 人"
    assert format_range(-5, 10, "℃") == "-5 to 10 ℃"
    assert one_line("a\nb\x1b[31m\tc") == "a b␛[31m c"


# --- drawing, without a terminal --------------------------------------------------------------


def test_bars_from_zero_are_proportional() -> None:
    lines = chart_lines(None, group_of(1, 2, 4, marked=2), 5, 5)
    # Two rows of bars are 16 eighths: 4 fills both, 2 fills one, 1 is half a row.
    assert plain(lines[:2]) == "    █\n▄ █ █"
    assert "bars from 0: 0–4 个" in plain(chart_lines(None, group_of(1, 2, 4), 60, 5))


def test_zero_keeps_its_slot_and_all_zero_does_not_divide_by_zero() -> None:
    lines = chart_lines(None, group_of(0, 0, 0), 5, 4)
    assert lines[0].plain == " " * 5  # three empty one-cell slots with gaps
    assert "bars from 0: 0–0 个" in plain(chart_lines(None, group_of(0, 0, 0), 60, 4))


def test_equal_values_fill_every_bar() -> None:
    assert chart_lines(None, group_of(5, 5, 5), 5, 4)[0].plain == "█ █ █"
    # Below zero, the bars hang from the zero line at the top.
    assert plain(chart_lines(None, group_of(-5, -5), 3, 5)[:2]) == "───\n█ █"


# --- declines: a zero line, bars up and down from it ----------------------------------------

CPI = Comparison(
    "group",
    "居民消费价格分类涨跌",
    (("食品", 3.2), ("衣着", -9.4), ("居住", 0.8), ("交通通信", -2.1)),
    1,
    "%",
)
"""Synthetic figures in the manner of a CPI by category: two rises and two declines."""


def test_declines_hang_below_a_zero_line_on_the_same_scale_as_rises() -> None:
    lines = chart_lines(None, CPI, 7, 9)  # four one-cell bars; six rows for bars and the line
    assert "───────" in plain(lines)
    food, clothing, housing, transport = bar_lengths(lines[:6])[::2]
    assert food > 0 and housing > 0
    assert clothing < 0 and transport < 0
    assert abs(clothing) == max(map(abs, (food, clothing, housing, transport)))
    # One scale: each bar's length is its value's share of the largest, give or take an eighth.
    for length, value in zip((food, housing, transport), (3.2, 0.8, -2.1), strict=True):
        assert abs(length - clothing * value / -9.4) <= 1


def test_the_scale_and_the_highlighted_value_say_which_way() -> None:
    text = plain(chart_lines(None, CPI, 60, 9))
    assert "bars up and down from 0: -9.4 to 3.2%" in text
    assert "▲ 衣着 -9.4% (2/4)" in text
    chinese = plain(chart_lines(None, CPI, 60, 9, words=CHINESE_CHART))
    assert "-9.4 至 3.2%" in chinese and " to " not in chinese


finite = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.0, -0.0, 1e308, -1e308, 5e-324]
)


@settings(max_examples=3 * settings.default.max_examples)
@given(values=st.lists(finite, min_size=1, max_size=20), rows=st.integers(min_value=3, max_value=10))
def test_every_bar_points_the_way_its_value_does_and_longer_means_larger(
    values: list[float], rows: int
) -> None:
    comparison = group_of(*values, marked=None)
    lines = chart_lines(None, comparison, 2 * len(values) - 1, rows + 3)
    lengths = bar_lengths(lines[:rows])[::2]
    for value, length in zip(values, lengths, strict=True):
        assert (length > 0) == (value > 0) and (length < 0) == (value < 0)
    by_size = sorted(zip(map(abs, values), map(abs, lengths), strict=True))
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(by_size))


def test_a_chart_too_short_to_show_both_ways_draws_no_bars() -> None:
    """One row cannot hold a bar above a line and one below it: words only, never a bar that
    could be read the wrong way."""
    lines = chart_lines(None, CPI, 20, 5)
    assert not BLOCKS & set(plain(lines))
    assert "▲ 衣着 -9.4%" in plain(lines)


# --- a series' periods -------------------------------------------------------------------------

GROWTH = series_of(18.13, 17.5, 16.8, 16.1, 15.9, 15.2)
"""Synthetic: a rate from 2015 to 2020, the last one the metric's own."""


def label_row(lines: list[Content], rows: int) -> str:
    """The row under `rows` rows of bars."""
    return lines[rows].plain


def test_a_series_labels_each_bar_with_its_period() -> None:
    lines = chart_lines(None, GROWTH, 60, 8)
    bottom_bars, periods = lines[3].plain, label_row(lines, 4)
    bars = [x for x, (a, b) in enumerate(zip(" " + bottom_bars, bottom_bars, strict=False)) if b != " " == a]
    assert len(bars) == 6
    for year, bar_start in zip(range(2015, 2021), bars, strict=True):
        at = periods.index(str(year))
        # Under its own bar: the label's middle falls within the bar's cells.
        assert bar_start <= at + 2 < bar_start + 8
    assert "▲ 2020 15.2% (6/6)" in plain(lines)


def test_crowded_periods_are_thinned_and_never_touch() -> None:
    many = series_of(*range(31), start=1990)
    row = label_row(chart_lines(None, many, 44, 8), 4)
    shown = row.split()
    assert 1 < len(shown) < 31
    assert shown[-1] in ("2020", "20")  # the latest period, the one a reader looks for, is kept
    assert all(
        label in {str(y) for y in range(1990, 2021)} | {str(y)[2:] for y in range(1990, 2021)}
        for label in shown
    )


def test_years_give_up_their_century_before_they_give_up_bars() -> None:
    """Six bars two cells wide cannot hold 2015 under each; 15 … 20 fit."""
    row = label_row(chart_lines(None, GROWTH, 17, 8), 4)
    assert row.split() == ["15", "16", "17", "18", "19", "20"]


PERIOD = st.text(st.sampled_from("0123456789年月季度Q-一二三四上下半"), min_size=1, max_size=8)


@settings(max_examples=3 * settings.default.max_examples)
@given(
    periods=st.lists(PERIOD, min_size=1, max_size=40, unique=True),
    width=st.integers(min_value=1, max_value=90),
)
def test_period_labels_fit_never_touch_and_are_never_cut_mid_character(
    periods: list[str], width: int
) -> None:
    comparison = Comparison("series", "x", tuple((p, 1.0 + i) for i, p in enumerate(periods)), None, "")
    row = chart_lines(None, comparison, width, 8)[4]
    assert row.cell_length <= width
    for label in row.plain.split():
        # A whole period, one shortened by its leading digits, or (wider than the chart) cut
        # with an ellipsis, between characters.
        assert any(
            label == period
            or (period.endswith(label) and period[: -len(label)].isdigit())
            or (label.endswith("…") and period.startswith(label[:-1]))
            for period in periods
        ), label


# --- words that fit -----------------------------------------------------------------------------


def test_a_message_wraps_instead_of_being_cut() -> None:
    metric = make_metric(label="坚守岗位的医务人员")
    lines = chart_lines(metric, None, 22, 6, words=CHINESE_CHART)
    assert len(lines) > 1
    assert all(line.cell_length <= 22 for line in lines)
    assert "".join(line.plain for line in lines) == "「坚守岗位的医务人员」没有时间序列或分组可供比较。"


def test_a_message_with_no_room_left_says_it_was_cut() -> None:
    lines = chart_lines(None, None, 12, 2, empty="Highlight a metric in the table to compare it")
    assert len(lines) == 2 and lines[-1].plain.endswith("…")


def test_missing_values_keep_their_slot_and_are_counted() -> None:
    text = plain(chart_lines(None, group_of(NAN, 2, INF, marked=0), 60, 4))
    assert text.splitlines()[0] == "???????? ████████ ????????"
    assert "2 n/a" in text
    assert "▲ 项0 n/a 个 (1/3)" in text


def test_more_points_than_columns_keeps_the_marked_one_in_view() -> None:
    comparison = group_of(*range(10_000), marked=9_000)
    lines = chart_lines(None, comparison, 40, 6)
    assert all(line.cell_length == 40 for line in lines[:3])
    assert "+9,960 more" in plain(lines)
    assert "▲ 项9000 9,000 个 (9,001/10,000)" in plain(lines)


def test_text_comes_before_bars_when_rows_are_short() -> None:
    comparison = group_of(1, 2, marked=1)
    assert plain(chart_lines(None, comparison, 30, 1)) == "▲ 项1 2 个 (2/2)"
    assert len(chart_lines(None, comparison, 30, 2)) == 2
    assert chart_lines(None, comparison, 0, 5) == []
    assert chart_lines(None, comparison, 5, 0) == []


floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.0, -0.0, 1e308, -1e308, 5e-324, -5e-324, NAN, INF, -INF]
)


@settings(max_examples=4 * settings.default.max_examples)
@given(
    values=st.lists(floats, max_size=300),
    width=st.integers(min_value=-1, max_value=200),
    height=st.integers(min_value=-1, max_value=12),
    marked=st.none() | st.integers(min_value=-3, max_value=310),
    kind=st.sampled_from(["series", "group"]),
    label=st.text(max_size=12),
    with_metric=st.booleans(),
)
def test_any_data_at_any_size_draws_within_bounds(
    values: list[float],
    width: int,
    height: int,
    marked: int | None,
    kind: str,
    label: str,
    with_metric: bool,
) -> None:
    comparison = Comparison(kind, label, tuple((label, v) for v in values), marked, label)  # type: ignore[arg-type]
    metric = make_metric(label=label, value=values[0] if values else NAN) if with_metric else None
    for shown in (comparison, None):
        lines = chart_lines(metric, shown, width, height)
        assert len(lines) <= max(height, 0)
        assert all(line.cell_length <= width for line in lines)


# --- the widget in an app -------------------------------------------------------------------


async def test_a_group_shows_its_scale_and_the_highlighted_metric(bundled_report: Report) -> None:
    app = group_app(bundled_report, "medical-staff")
    async with app.run_test(size=(70, 12)) as pilot:
        await pilot.pause()
        text = seen(app.query_one(MetricSparkline))
    assert "防疫一线人员 · group of 4 metrics" in text
    assert "bars from 0: 0–1,600 人" in text
    assert "▲ 坚守岗位的医务人员 1,600 人 (2/4)" in text
    assert BLOCKS & set(text)


async def test_the_highlighted_bar_stands_out(bundled_report: Report) -> None:
    app = group_app(bundled_report, "medical-staff")
    async with app.run_test(size=(70, 12)) as pilot:
        await pilot.pause()
        widget = app.query_one(MetricSparkline)
        bottom_row = widget.render_lines(Region(0, 4, widget.region.width, 1))[0]
        # A colour per bar: a run of blocks (bars of one colour may share a segment, gaps and all).
        colours = [
            seg.style.color
            for seg in bottom_row
            if set(seg.text) <= BLOCKS | {" "}
            for bar in seg.text.split()
        ]
        accent = app.current_theme.accent
    assert len(colours) == 4
    assert colours[0] == colours[2] == colours[3] != colours[1]
    assert colours[1] is not None and colours[1].triplet is not None
    # Blending with the background can move a channel by one step.
    expected = Color.parse(accent)
    assert all(abs(a - b) <= 2 for a, b in zip(colours[1].triplet, expected.rgb, strict=True))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "solarized-light"])
async def test_text_is_readable_in_dark_and_light_themes(bundled_report: Report, theme: str) -> None:
    app = group_app(bundled_report, "medical-staff")
    async with app.run_test(size=(70, 12)) as pilot:
        app.theme = theme
        await pilot.pause()
        widget = app.query_one(MetricSparkline)
        strips = widget.render_lines(Region(0, 0, *widget.region.size))
    contrasts = [
        abs(
            Color.from_rich_color(seg.style.color).brightness
            - Color.from_rich_color(seg.style.bgcolor).brightness
        )
        for strip in strips
        for seg in strip
        if seg.text.strip()
        and not set(seg.text) <= BLOCKS | {" "}
        and seg.style
        and seg.style.color
        and seg.style.bgcolor
    ]
    assert contrasts
    assert min(contrasts) > 0.2


async def test_a_metric_with_nothing_to_compare_is_explained_without_bars(bundled_report: Report) -> None:
    app = group_app(bundled_report, "resolution-rate")
    async with app.run_test(size=(70, 12)) as pilot:
        await pilot.pause()
        text = seen(app.query_one(MetricSparkline))
    assert "No series or group to compare 问题解决率 with." in text
    assert not BLOCKS & set(text)


async def test_showing_nothing_asks_for_a_highlight(bundled_report: Report) -> None:
    app = group_app(bundled_report, "medical-staff")
    async with app.run_test(size=(70, 12)) as pilot:
        widget = app.query_one(MetricSparkline)
        widget.clear()
        await pilot.pause()
        assert "Highlight a metric to compare it" in seen(widget)
        assert not BLOCKS & set(seen(widget))
        widget.show(None, None, empty="本节没有指标")
        await pilot.pause()
        assert "本节没有指标" in seen(widget)


@pytest.mark.parametrize(
    "values",
    [
        [NAN],
        [INF, -INF, NAN],
        [0, 0, 0],
        [-5, 3, -1],
        [5, 5, 5],
        [42],
        [1e308, -1e308],
        [float(i) for i in range(10_000)],
    ],
    ids=["nan", "infinities", "zeros", "negative", "equal", "single", "extremes", "ten-thousand"],
)
async def test_awkward_data_renders(values: list[float]) -> None:
    app = SparklineApp(make_metric(), group_of(*values, marked=len(values) - 1))
    async with app.run_test(size=(70, 12)) as pilot:
        await pilot.pause()
        text = seen(app.query_one(MetricSparkline))
        assert app.is_running
    assert f"({len(values):,}/{len(values):,})" in text
    if any(not math.isfinite(v) for v in values):
        assert "n/a" in text


async def test_the_chart_grows_with_the_room_it_has(bundled_report: Report) -> None:
    heights = []
    for size in ((80, 24), (120, 40)):
        app = XihuApp(bundled_report)
        async with app.run_test(size=size) as pilot:
            app.screen.query_one(SectionTree).go_to("medical-staff")
            await pilot.pause()
            await pilot.pause()
            chart = app.screen.query_one(MetricSparkline)
            heights.append(chart.size.height)
            assert "▲ 坚守岗位的医务人员 1,600 人 (2/4)" in seen(chart)
    small, large = heights
    # At 80×24 the text keeps its rows: a row of bars under the words; more room, more rows.
    assert small >= 4 and large >= small + 4


async def test_a_long_message_is_whole_at_80_columns(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(SectionTree).go_to("resolution-rate")
        await pilot.pause()
        await pilot.pause()
        chart = app.screen.query_one(MetricSparkline)
        assert chart.metric is bundled_report.metric_by_id["resolution-rate"]
        shown = "".join(line.strip() for line in seen(chart).splitlines())
    assert "「问题解决率」没有时间序列或分组可供比较。" in shown


async def test_any_size_down_to_one_cell_renders(bundled_report: Report) -> None:
    app = group_app(bundled_report, "medical-staff")
    async with app.run_test(size=(70, 12)) as pilot:
        widget = app.query_one(MetricSparkline)
        for width in (1, 2, 3, 5, 9, 20):
            for height in (1, 2, 3, 4):
                widget.styles.width = width
                widget.styles.height = height
                await pilot.pause()
                assert len(seen(widget).splitlines()) == height
        assert app.is_running


async def test_labels_and_units_are_never_markup() -> None:
    label = "[bold]x[/] [@click=app.quit]quit[/]"
    metric = make_metric(label=label, unit="[red]元")
    comparison = Comparison("group", "[b]组[/b]", ((label, 1.0), ("[/]", 2.0)), 0, "[red]元")
    app = SparklineApp(metric, comparison)
    async with app.run_test(size=(70, 12)) as pilot:
        await pilot.pause()
        widget = app.query_one(MetricSparkline)
        text = seen(widget)
        for y in range(widget.size.height):
            await pilot.click(MetricSparkline, offset=(8, y))
        await pilot.pause()
        assert app.is_running
    assert "[b]组[/b]" in text
    assert "▲ [bold]x[/] [@click=app.quit]quit[/] 1 [red]元 (1/2)" in text


# --- snapshots ------------------------------------------------------------------------------


def test_snapshot_group_with_the_highlighted_metric(snap_compare, bundled_report: Report) -> None:
    """防疫一线人员: four bars from 0, the medical staff's bar in the accent colour."""
    assert snap_compare(group_app(bundled_report, "medical-staff"), terminal_size=(60, 10))


def test_snapshot_nothing_to_compare(snap_compare, bundled_report: Report) -> None:
    """问题解决率 has no series and no group: one line of words, no bars."""
    assert snap_compare(group_app(bundled_report, "resolution-rate"), terminal_size=(60, 10))


def test_snapshot_declines_below_the_zero_line(snap_compare) -> None:
    """Synthetic CPI by category: 食品 and 居住 rise above the zero line, 衣着 (highlighted) and
    交通通信 fall below it, all on one scale."""
    metric = make_metric(label="衣着", value=-9.4, unit="%")
    assert snap_compare(SparklineApp(metric, CPI), terminal_size=(60, 10))


def test_snapshot_series_with_its_periods(snap_compare) -> None:
    """Synthetic growth rates 2015–2020: a year under each bar, 2020's in the accent colour."""
    metric = make_metric(label="增速", value=15.2, unit="%")
    assert snap_compare(SparklineApp(metric, GROWTH), terminal_size=(60, 10))
