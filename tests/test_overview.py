"""The metrics overview (`m`): every metric in one sortable table, Enter shows one in the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from explorer_view import cursor_id
from reports import report_toml
from xihu_tui.core.report.loader import bundled_report_path, load_report, loads_report
from xihu_tui.core.report.model import Report
from xihu_tui.core.text.display import full_number
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.explorer import OVERVIEW_PREPARED_AFTER_S, ExplorerScreen
from xihu_tui.ui.screens.help import HelpScreen
from xihu_tui.ui.screens.overview import SECTION_WIDTH, MetricsOverview, OverviewTable

SIZE = (120, 40)


def screen_text(app: XihuApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def row_ids(table: OverviewTable) -> list[str]:
    return list(table.row_keys)


def sorting_line(overview: MetricsOverview) -> str:
    return str(overview.query_one("#overview-sorting", Static).content)


async def open_overview(pilot) -> MetricsOverview:
    await pilot.press("m")
    await pilot.pause()
    overview = pilot.app.screen
    assert isinstance(overview, MetricsOverview)
    return overview


async def sort_by_value(pilot, overview: MetricsOverview) -> None:
    """Press `s` until the table is sorted by value (it starts in document order)."""
    for _ in range(10):
        if overview.sort_column == "value":
            return
        await pilot.press("s")
    raise AssertionError("`s` never reached the value column")


async def test_the_overview_prepared_in_the_background_is_the_one_m_would_make(
    bundled_report: Report,
) -> None:
    """Once the explorer is up, it makes the overview's rows in a thread; opening it then
    must show exactly what opening it at once shows."""
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        at_once = await open_overview(pilot)
        shown_at_once = screen_text(app)
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(OVERVIEW_PREPARED_AFTER_S + 0.2)
        await app.workers.wait_for_complete()
        prepared = await open_overview(pilot)
        assert prepared is not at_once
        assert screen_text(app) == shown_at_once
        assert row_ids(prepared.table) == [m.id for m in bundled_report.metrics]


async def test_m_lists_every_metric_in_document_order(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        table = overview.table
        assert table.row_count == len(bundled_report.metrics) == 39
        assert row_ids(table) == [m.id for m in bundled_report.metrics]
        assert app.focused is table
        assert "39" in sorting_line(overview)
        shown = screen_text(app)
        # Section, label, as written, full value, unit, qualifier and group of a row are on screen.
        households = bundled_report.metric_by_id["households-visited"]
        row = next(line for line in shown.splitlines() if households.label in line)
        for words in (
            "筑牢疫情防控的坚固防线",
            "66万户",
            "660,000",
            "户",
            overview.strings.qualifiers[households.qualifier],
        ):
            assert words in row
        medical = next(line for line in shown.splitlines() if "坚守岗位的医务人员" in line)
        assert "1,600" in medical and "防疫一线人员" in medical


def test_values_are_written_in_full_with_separators() -> None:
    assert full_number(660000.0) == "660,000"
    assert full_number(96.7) == "96.7"
    assert full_number(1e10) == "10,000,000,000"
    assert full_number(1.63e9) == "1,630,000,000"
    assert full_number(0.1 + 0.2) == "0.3"


async def test_sorting_by_value_is_numeric_both_ways(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await sort_by_value(pilot, overview)
        table = overview.table
        values = [bundled_report.metric_by_id[i].value for i in row_ids(table)]
        assert values == sorted(values, reverse=True)  # numbers, not "96.7" > "660,000"
        assert row_ids(table)[0] == "government-fund"  # 超百亿元
        assert table.cursor_row == 0
        line = sorting_line(overview)
        assert overview.strings.col_value in line and "降序" in line  # the bundled report is Chinese

        await pilot.press("r")
        values = [bundled_report.metric_by_id[i].value for i in row_ids(table)]
        assert values == sorted(values)
        assert row_ids(table)[0] == "digital-economy-rank"  # 首位
        assert "升序" in sorting_line(overview)
        assert len(row_ids(table)) == 39


async def test_sort_key_cycles_through_the_columns_and_labels_sort_by_pinyin(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        assert "sorted by Section, ascending" in sorting_line(overview)
        await pilot.press("s")
        assert "sorted by Metric, ascending" in sorting_line(overview)
        labels = [bundled_report.metric_by_id[i].label for i in row_ids(overview.table)]
        assert labels[0] == "安置房竣工面积"  # ān
        assert labels[-1] == "组建小区党组织"  # zǔ
        seen = {overview.sort_column}
        for _ in range(10):
            await pilot.press("s")
            seen.add(overview.sort_column)
        assert {"section", "label", "value", "unit", "qualifier", "group"} <= seen


async def test_clicking_a_header_sorts_by_it_and_again_reverses(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        table = overview.table
        x = table.column_x("value") + 1
        await pilot.click(OverviewTable, offset=(x, 0))  # the "数值" header
        await pilot.pause()
        assert overview.sort_column == "value"
        assert row_ids(table)[0] == "government-fund"
        await pilot.click(OverviewTable, offset=(x, 0))
        await pilot.pause()
        assert row_ids(table)[0] == "digital-economy-rank"


async def test_enter_closes_and_shows_the_metric_in_the_text(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await sort_by_value(pilot, overview)
        await pilot.press("down")  # second largest: 60多亿元
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert cursor_id(app) == "qinqing-payout"


@pytest.mark.parametrize("key", ["escape", "q", "m"])
async def test_closing_without_choosing_does_not_move(bundled_report: Report, key: str) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        before = cursor_id(app)
        await open_overview(pilot)
        await pilot.press("end", "up")
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert cursor_id(app) == before
        assert app.is_running  # `q` closes the overview, it does not quit


async def test_nested_sections_show_their_path(nested_report: Report) -> None:
    app = XihuApp(nested_report)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        assert overview.table.row_count == len(nested_report.metrics)
        assert "经济 › 工业 › 数字产业" in screen_text(app)
        index = row_ids(overview.table).index("digital-firms")
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert cursor_id(app) == "digital-firms"


def deep_report() -> Report:
    """One metric in a section three levels down, whose path is wider than the screen."""
    titles = [
        "探索数字治理的创新之路之三十三",
        "推进党建工作全面提升之四十四",
        "筑牢疫情防控的坚固防线之五十五",
    ]
    parts: list[tuple[str, dict[str, object]]] = [
        ("[[" + ".".join(["sections"] * depth) + "]]", {"id": f"s{depth}", "title": title})
        for depth, title in enumerate(titles, start=1)
    ]
    deepest = ".".join(["sections"] * len(titles))
    parts.append((f"[[{deepest}.paragraphs]]", {"id": "p", "text": "全区新增小区党组织193个。"}))
    metric = {"id": "party-groups", "label": "组建小区党组织", "value": 193, "unit": "个"}
    parts.append((f"[[{deepest}.metrics]]", {**metric, "quote": "193个", "paragraph": "p"}))
    return loads_report(report_toml({"title": "深", "language": "zh-CN"}, parts))


async def test_a_deep_section_path_leaves_room_for_the_other_columns() -> None:
    """The path is cut at its start, so the section's own title and the metric's other
    columns stay on screen (it used to fill the screen on its own)."""
    report = deep_report()
    path = " › ".join(section.title for section in report.section_path("s3"))
    app = XihuApp(report)
    async with app.run_test(size=(100, 24)) as pilot:
        overview = await open_overview(pilot)
        rows = [line for line in screen_text(app).splitlines() if "组建小区党组织" in line]
        assert len(rows) == 1, "the metric's label is not on screen"
        row = rows[0]
        assert path not in row and "…" in row
        assert "筑牢疫情防控的坚固防线之五十五" in row
        for cell in ("193个", "193", "个"):
            assert cell in row.split()
        assert overview.table.column_x("label") <= SECTION_WIDTH + 2


MARKUP_TITLE = "[bold]探索数字治理[/]的创新之路"
MARKUP_LABEL = "[@click=app.quit]医务人员[/]"
MARKUP_GROUP = "[/]防疫[b]一线"


@pytest.fixture
def markup_report(write_report) -> Report:
    text = Path(bundled_report_path()).read_text(encoding="utf-8")
    for old, new in (
        ('title = "探索数字治理的创新之路"', f'title = "{MARKUP_TITLE}"'),
        ('label = "坚守岗位的医务人员"', f'label = "{MARKUP_LABEL}"'),
        ('label = "防疫一线人员"', f'label = "{MARKUP_GROUP}"'),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    return load_report(write_report(text))


async def test_report_text_that_looks_like_markup_is_shown_literally(markup_report: Report) -> None:
    app = XihuApp(markup_report)
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough for every column
        await open_overview(pilot)
        shown = screen_text(app)
        for words in (MARKUP_TITLE, MARKUP_LABEL, MARKUP_GROUP):
            assert words in shown
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"医务人员")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the palette gathers hits in a worker
        await pilot.pause()
        assert MARKUP_LABEL in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert cursor_id(app) == "medical-staff"


def test_snapshot_overview(snap_compare, bundled_report: Report) -> None:
    assert snap_compare(XihuApp(bundled_report), terminal_size=(120, 40), press=["m"])


def test_snapshot_overview_sorted_by_value(snap_compare, bundled_report: Report) -> None:
    assert snap_compare(XihuApp(bundled_report, lang="en"), terminal_size=(120, 40), press=["m", "s", "s"])


async def test_the_overview_and_the_text_under_it_follow_the_terminal_s_size() -> None:
    app = XihuApp(load_report())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        table = app.screen.query_one(OverviewTable)
        narrow = table.size
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert table.size.width > narrow.width and table.size.height > narrow.height
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#body").size.width == 140  # the explorer was laid out again too
