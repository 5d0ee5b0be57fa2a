"""The explorer's layout as a reader meets it at common terminal sizes (issue 17, layout):
the contents column fits the report and can be resized, nothing that is a figure is ever
cut, the metric panel takes only the room the report uses in it and keeps it from section
to section, the panel goes beside the text only when the text keeps a readable width, and
the sparkline grows and explains itself."""

from __future__ import annotations

import itertools
import re

import pytest
from rich.cells import cell_len
from textual.geometry import Region

from explorer_view import cursor_id
from layout_reports import LONG_TITLES, bare_report, shapes_report
from xihu_tui.core.report.loader import load_report
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.overview import MetricsOverview
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.metric_notes import MetricNotes
from xihu_tui.ui.widgets.metric_panel import MetricPanel, MetricTable
from xihu_tui.ui.widgets.metric_sparkline import MetricSparkline
from xihu_tui.ui.widgets.section_tree import SectionTree

SIZES = [(60, 20), (80, 24), (120, 40), (160, 45), (200, 60)]
NESTED = "tests/fixtures/nested_series.toml"


def screen_lines(app: XihuApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def region_lines(app: XihuApp, region: Region) -> list[str]:
    """The screen's text inside `region`, a line per row (cut by cells, not characters)."""
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]


def widget_lines(widget) -> list[str]:
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.region.size))]


def joined(lines: list[str]) -> str:
    return "".join(line.strip(" ▎▊│") for line in lines)


async def go_to(pilot, item_id: str) -> None:
    pilot.app.screen.query_one(SectionTree).go_to(item_id)
    for _ in range(5):
        await pilot.pause()
    assert cursor_id(pilot.app) == item_id


def contents_lines(app: XihuApp) -> list[str]:
    return region_lines(app, app.screen.query_one(SectionTree).content_region)


# -- the contents column -----------------------------------------------------------------


@pytest.mark.parametrize("size", [(160, 45), (200, 60)])
async def test_on_a_wide_screen_the_contents_show_titles_that_differ_only_at_their_end(size) -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = "\n".join(contents_lines(app))
        for title in LONG_TITLES:
            assert title in text


@pytest.mark.parametrize("size", SIZES[:3])
async def test_a_cut_title_ends_in_an_ellipsis(size) -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if app.screen.query_one(SectionTree).has_class("-closed"):
            await pilot.press("o")
            await pilot.pause()
        lines = [line for line in contents_lines(app) if "加快深化" in line]
        assert len(lines) == len(LONG_TITLES)
        for title, line in zip(LONG_TITLES, lines, strict=True):
            # The section's count of figures may follow the ellipsis.
            assert title in line or re.search(r"…( \d+)?$", line.rstrip()), line


@pytest.mark.slow  # a sweep of many sizes: run by `pytest -m slow` (CI)
async def test_the_reader_widens_and_narrows_the_contents_from_the_keyboard() -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(SectionTree)
        before = tree.outer_size.width
        assert not any(title in "\n".join(contents_lines(app)) for title in LONG_TITLES)
        await pilot.press(*">" * 4)
        await pilot.pause()
        assert tree.outer_size.width > before
        assert all(title in "\n".join(contents_lines(app)) for title in LONG_TITLES)
        await pilot.press(*"<" * 8)
        await pilot.pause()
        assert tree.outer_size.width < before
        # However wide the reader makes it, the text keeps room to be read.
        await pilot.press(*">" * 40)
        await pilot.pause()
        assert app.screen.query_one(DetailPane).outer_size.width >= 30


async def test_dragging_the_contents_edge_resizes_it() -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(SectionTree)
        edge = tree.outer_size.width - 1
        await pilot.mouse_down(SectionTree, offset=(edge, 5))
        await pilot.hover(SectionTree, offset=(edge + 12, 5))
        await pilot.mouse_up(SectionTree, offset=(edge + 12, 5))
        await pilot.pause()
        assert tree.outer_size.width == edge + 13


@pytest.mark.parametrize("size", SIZES)
async def test_a_metric_row_never_cuts_its_value_or_unit(size) -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if app.screen.query_one(SectionTree).has_class("-closed"):
            await pilot.press("o")
        await go_to(pilot, "m1")
        await pilot.pause()
        rows = [line for line in contents_lines(app) if "◆" in line]
        assert len(rows) == 8
        for words in ("60多亿元", "超百亿元", "1600", "6000000000", "3.6", "202"):
            assert any(words in row for row in rows), (words, rows)
        # The label gives up the room instead, and says so.
        first = next(row for row in rows if "60多亿元" in row)
        assert "“亲清在线”平台累计兑付" in first or "…" in first


async def test_the_highlighted_title_is_shown_in_full_when_the_contents_cut_it() -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "s3")
        assert LONG_TITLES[2] not in "\n".join(contents_lines(app))
        assert LONG_TITLES[2] in joined(screen_lines(app))


# -- the metric panel ----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_a_section_without_figures_gives_the_panel_s_room_to_the_text(size) -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await go_to(pilot, "s2")
        panel = app.screen.query_one(MetricPanel)
        assert panel.region.height == 0 or panel.region.width == 0
        detail = app.screen.query_one(DetailPane)
        assert detail.outer_size.height >= size[1] - 3  # all but the header and the key bar
        assert "本节没有数据" not in joined(screen_lines(app))


@pytest.mark.parametrize("path", [None, "tests/fixtures/city_statistics.toml"])
@pytest.mark.parametrize("size", [(60, 20), (200, 60)])
async def test_stepping_through_sections_of_figures_never_moves_the_panes(size, path) -> None:
    """Sections hold 1 to 17 figures, with and without notes and charts: the text, the
    table, the notes and the chart keep their places, so the eye stays where it reads."""
    report = load_report() if path is None else load_report(path)
    app = XihuApp(report)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        places = {}
        for section in report.walk():
            if section.metrics:
                await go_to(pilot, section.id)
                places[section.id] = tuple(
                    screen.query_one(kind).region
                    for kind in (DetailPane, MetricTable, MetricNotes, MetricSparkline)
                )
        assert len(places) >= 3
        assert len(set(places.values())) == 1, places


@pytest.mark.parametrize("size", SIZES)
async def test_a_report_without_figures_shows_no_panel_at_its_root(size) -> None:
    app = XihuApp(bare_report())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.query_one(MetricPanel).region.height == 0


@pytest.mark.parametrize("size", SIZES[1:])
async def test_the_root_shows_the_report_s_key_figures_a_line_per_group(size) -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert cursor_id(app) is None
        table = region_lines(app, app.screen.query_one(MetricTable).region)
        groups = ("资金规模", "惠及人数", "建设长度", "检查次数", "基层组织")
        shown = [group for group in groups if sum(group in line for line in table) == 1]
        # At 80×24 the chart keeps its rows and the list scrolls; from 120×40 all are in view.
        assert shown == list(groups[: len(shown)]) and len(shown) >= (3 if size[1] < 40 else 5)


async def test_at_80x24_a_section_with_a_group_description_still_lists_its_figures() -> None:
    app = XihuApp(shapes_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "s1")
        await pilot.pause()
        assert "亲清在线与政府基金的资金" in joined(screen_lines(app))
        rows = region_lines(app, app.screen.query_one(MetricTable).region)[1:]
        assert sum(bool(row.strip()) for row in rows) >= 3


async def test_at_80x24_the_text_keeps_more_rows_than_the_panel_in_a_section_of_figures() -> None:
    """The text is what the reader came for: a section of many figures leaves it the larger part."""
    report = load_report()
    busiest = max(report.walk(), key=lambda section: len(section.metrics))
    app = XihuApp(report)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, busiest.id)
        text = app.screen.query_one(DetailPane).region.height
        panel = app.screen.query_one(MetricPanel).region.height
        assert text > panel and text >= 11


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_narrow_footer_leaves_out_whole_keys_and_keeps_help_and_the_palette(size, lang) -> None:
    app = XihuApp(load_report(), lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1].rstrip()
        help_words = app.screen.active_bindings["question_mark"].binding.description
        assert f"? {help_words}" in footer, footer
        # The palette's key at the edge, with its description only if that fits whole.
        assert footer.endswith(("^p", f"^p {app.strings.shell.palette}")), footer


# -- side by side ----------------------------------------------------------------------------


@pytest.mark.slow  # a sweep of many sizes: run by `pytest -m slow` (CI)
async def test_the_reading_column_never_drops_to_a_narrow_strip_as_the_screen_widens() -> None:
    app = XihuApp(load_report())
    async with app.run_test(size=(100, 40)) as pilot:
        await go_to(pilot, "epidemic")
        widths = []
        for width in range(100, 221, 3):
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            widths.append(app.screen.query_one(DetailPane).content_region.width)
        # A line of text is never shorter than a comfortable measure, on either side of the
        # point where the panel moves beside it, and a wider screen never reads narrower
        # by more than that move costs.
        assert min(widths) >= 60
        drops = [a - b for a, b in itertools.pairwise(widths) if b < a]
        assert len(drops) <= 1


@pytest.mark.parametrize("size", [(160, 45), (200, 60)])
async def test_on_a_wide_screen_the_panel_sits_beside_the_text(size) -> None:
    app = XihuApp(load_report())
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "epidemic")
        panel = app.screen.query_one(MetricPanel).region
        detail = app.screen.query_one(DetailPane).region
        assert panel.x > detail.x and panel.y == detail.y


# -- tables ---------------------------------------------------------------------------------

NUMBER = re.compile(r"\d[\d,.]*")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_the_panel_never_cuts_a_number_and_keeps_its_headers_readable(size, lang) -> None:
    app = XihuApp(shapes_report(), lang=lang)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "s1")
        await pilot.pause()
        table = app.screen.query_one(MetricTable)
        lines = region_lines(app, table.region)
        text = "\n".join(lines)
        for line in lines:
            assert not re.search(r"\d,(\s|$)", line), lines  # 1, for 1,600: a number cut
        # The first rows' values, in full or as written when there is no room for both.
        assert "6,000,000,000" in text or "60多亿" in text
        assert "10,000,000,000" in text or "超百亿" in text
        assert "1,600" in text or "1600" in text
        header = lines[0].split()
        labels = (
            ["Metric", "As", "written", "Value", "Unit", "Qualifier"]
            if lang == "en"
            else ["指标", "原文", "数值", "单位", "限定"]
        )
        for word in header:
            assert word in labels or word.endswith("…"), header
        # Numbers are right-aligned: the values end in one column.
        ends = {
            cell_len(line[: line.rfind(n) + len(n)]) for line in lines for n in ("1,600", "202") if n in line
        }
        assert len(ends) <= 1, (ends, lines)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_overview_never_cuts_a_number(size) -> None:
    app = XihuApp(load_report())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("m")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, MetricsOverview)
        await pilot.press("s", "s")  # by value, largest first
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "10,000,000,000" in text
        assert "6,000,000,000" in text


# -- the sparkline ----------------------------------------------------------------------------


async def sparkline_at(report: Report, item_id: str, size: tuple[int, int], lang: str | None = None):
    app = XihuApp(report, lang=lang)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, item_id)
        await pilot.pause()
        sparkline = app.screen.query_one(MetricSparkline)
        return sparkline.region.height, widget_lines(sparkline)


@pytest.mark.parametrize("size", [(120, 40), (160, 45), (200, 60)])
async def test_the_sparkline_grows_with_the_room_it_has(size) -> None:
    height, lines = await sparkline_at(load_report(), "medical-staff", size)
    assert height >= 8
    bars = [line for line in lines if "█" in line]
    assert len(bars) >= 4


async def test_a_series_shows_its_periods_under_the_bars_and_the_marked_value_over_its_bar() -> None:
    from xihu_tui.core.report.loader import load_report as load

    _, lines = await sparkline_at(load(NESTED), "gdp", (120, 40))
    first_bar = next(i for i, line in enumerate(lines) if set(line) & set("▁▂▃▄▅▆▇█"))
    last_bar = max(i for i, line in enumerate(lines) if set(line) & set("▁▂▃▄▅▆▇█"))
    periods = lines[last_bar + 1].split()
    assert periods in (["2019", "2020", "2021"], ["2019", "20", "21"])
    assert "1,200亿" in "".join(lines[:first_bar])


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_every_sparkline_message_fits(size) -> None:
    # 问题解决率 (96.7%) has neither a series nor a group.
    report = load_report()
    _, lines = await sparkline_at(report, "resolution-rate", size)
    message = joined(lines)
    assert "问题解决率" in message
    assert message.endswith("。") and "…" not in message
