"""A metric's note and its group's description are shown wherever the metric is: in the metric
panel when it is highlighted, and under the overview's table for the row under the cursor, in
the interface's language."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from explorer_view import cursor_id
from signed_reports import signed_report
from xihu_tui.core.report.model import Report
from xihu_tui.core.text.safe_text import visible
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.overview import MetricsOverview, OverviewTable
from xihu_tui.ui.widgets.metric_notes import MetricNotes, note_lines
from xihu_tui.ui.widgets.metric_panel import MetricPanel, MetricTable
from xihu_tui.ui.widgets.metric_sparkline import MetricSparkline
from xihu_tui.ui.widgets.section_tree import SectionTree


def screen_text(app: XihuApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def joined(text: str) -> str:
    """The screen's text with the lines run together, to find words that wrap."""
    return "".join(line.strip(" ▎│") for line in text.splitlines())


async def go_to(pilot, item_id: str) -> None:
    pilot.app.screen.query_one(SectionTree).go_to(item_id)
    for _ in range(3):
        await pilot.pause()
    assert cursor_id(pilot.app) == item_id


async def test_the_panel_shows_a_metric_s_note_and_its_group_s_description_in_chinese() -> None:
    app = XihuApp(signed_report())
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "cpi-clothing")
        shown = joined(screen_text(app))
    assert "注：合成数据：衣着价格下降，记为负值。" in shown
    assert "分组「居民消费价格分类涨跌」：各类商品和服务价格比上年的涨跌幅度。" in shown
    assert "Synthetic" not in shown


async def test_the_english_interface_shows_the_english_note_or_else_the_one_there_is() -> None:
    app = XihuApp(signed_report(), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "cpi-clothing")
        shown = joined(screen_text(app))
        assert "Note: Synthetic: clothing prices fell, so the value is below zero." in shown
        assert "Group 居民消费价格分类涨跌: How much the prices of each category rose" in shown
        assert "合成数据" not in shown
        await go_to(pilot, "growth-rate")  # its note is only in Chinese
        assert "Note: 合成数据：各年增速取自同一段落。" in joined(screen_text(app))


async def test_moving_in_the_table_changes_the_note_but_not_the_layout() -> None:
    app = XihuApp(signed_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "cpi-food")
        panel = app.screen.query_one(MetricPanel)
        notes = panel.query_one(MetricNotes)
        regions = (panel.region, notes.region)
        assert "衣着价格下降" not in screen_text(app)
        table = panel.query_one(MetricTable)
        table.focus()
        await pilot.press("down")  # 衣着价格, the one with a note
        await pilot.pause()
        assert "注：合成数据：衣着价格下降" in screen_text(app)
        assert (panel.region, notes.region) == regions


async def test_the_notes_fit_the_panel_at_80_by_24_with_the_chart_whole() -> None:
    """The table gives up rows to the notes; the chart keeps its words."""
    app = XihuApp(signed_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "cpi-clothing")
        shown = screen_text(app)
    assert "注：合成数据：衣着价格下降，记为负值。" in shown
    assert "▲ 衣着价格 -9.4% (2/4)" in shown


async def test_the_overview_shows_the_highlighted_row_s_notes() -> None:
    app = XihuApp(signed_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MetricsOverview)
        table = app.screen.query_one(OverviewTable)
        assert table.cursor_key == "cpi-food"
        assert "分组「居民消费价格分类涨跌」：各类商品和服务价格比上年的涨跌幅度。" in screen_text(app)
        assert "衣着价格下降" not in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        shown = screen_text(app)
        assert "注：合成数据：衣着价格下降，记为负值。" in shown
        await pilot.press("end")  # 产值倍数: no note and no group
        await pilot.pause()
        assert "合成数据" not in screen_text(app) and "分组「" not in screen_text(app)


def without_notes(report: Report) -> Report:
    """The report with no metric notes and no groups."""
    sections = tuple(
        replace(section, metrics=tuple(replace(m, note=None, group=None) for m in section.metrics))
        for section in report.sections
    )
    return replace(report, sections=sections, groups=())


async def test_without_notes_the_panel_and_the_overview_give_them_no_room() -> None:
    app = XihuApp(without_notes(signed_report()))
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "cpi-clothing")
        assert app.screen.query_one(MetricNotes).size.height == 0
        # Every row of the panel inside its top edge is the table's or the chart's.
        panel = app.screen.query_one(MetricPanel)
        table, chart = app.screen.query_one(MetricTable), app.screen.query_one(MetricSparkline)
        assert panel.content_size.height == table.size.height + chart.size.height
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MetricsOverview)
        assert app.screen.query_one(MetricNotes).size.height == 0


NOTE_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("，。、：\n\t\x1b"),
    ),
    max_size=80,
)


@settings(max_examples=3 * settings.default.max_examples)
@given(
    notes=st.lists(st.tuples(st.sampled_from(["注：", "Note: ", "分组「组」："]), NOTE_TEXT), max_size=3),
    width=st.integers(min_value=-1, max_value=60),
    height=st.integers(min_value=-1, max_value=6),
)
def test_notes_fit_their_room_and_say_when_they_were_cut(
    notes: list[tuple[str, str]], width: int, height: int
) -> None:
    lines = note_lines(tuple(notes), width, height)
    assert len(lines) <= max(height, 0)
    for line in lines:
        assert cell_len(line.plain) <= width
        assert "\n" not in line.plain and "\x1b" not in line.plain
    if width >= 2 and height >= 1:
        # Every word of every note is there, or the last line says that some are not.
        everything = "".join("".join(visible(prefix + text).split()) for prefix, text in notes)
        shown = "".join("".join(line.plain.split()) for line in lines)
        assert shown == everything or lines[-1].plain.endswith("…")


async def test_the_highlighted_row_stays_in_view_when_notes_take_rows_from_the_table() -> None:
    app = XihuApp(signed_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "cpi-transport")  # the fourth row; the table shows fewer
        table = app.screen.query_one(MetricTable)
        rows_shown = table.scrollable_content_region.height - 1  # under the header
        assert rows_shown < 4
        assert table.cursor_row == 3
        assert table.scroll_offset.y <= table.cursor_row < table.scroll_offset.y + rows_shown
