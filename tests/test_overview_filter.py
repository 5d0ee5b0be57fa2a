"""The overview filters by words or pinyin (`/`) and groups by group or section (`F`), as a
VisiData user expects (issue 17)."""

from __future__ import annotations

from textual.widgets import Static

from explorer_view import cursor_id
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.overview import MetricsOverview, OverviewTable
from xihu_tui.ui.widgets.key_bar import KeyBar

SIZE = (120, 40)


async def open_overview(pilot) -> MetricsOverview:
    await pilot.press("m")
    await pilot.pause()
    overview = pilot.app.screen
    assert isinstance(overview, MetricsOverview)
    return overview


def metric_rows(overview: MetricsOverview) -> list[str]:
    """The ids of the metric rows shown (group headings left out)."""
    known = overview.report.metric_by_id
    return [key for key in overview.query_one(OverviewTable).row_keys if key in known]


def status(overview: MetricsOverview) -> str:
    return str(overview.query_one("#overview-sorting", Static).content)


async def test_slash_filters_by_pinyin_and_escape_shows_all_again(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await pilot.press("slash", *"jkm")
        await pilot.pause()
        shown = metric_rows(overview)
        assert [bundled_report.metric_by_id[i].label for i in shown] == ["健康码研发用时"]
        assert "39 项中有 1 项匹配“jkm”" in status(overview)
        await pilot.press("escape")  # clears the filter; the overview stays
        await pilot.pause()
        assert app.screen is overview
        assert len(metric_rows(overview)) == len(bundled_report.metrics)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not overview


async def test_enter_leaves_the_filter_then_shows_the_metric(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await pilot.press("slash", *"健康码")
        await pilot.press("enter")  # to the rows, filter kept
        await pilot.pause()
        assert app.screen is overview and len(metric_rows(overview)) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not overview
        assert bundled_report.metric_by_id[cursor_id(app) or ""].label == "健康码研发用时"


async def test_the_footer_offers_to_show_a_metric_only_from_the_rows(bundled_report: Report) -> None:
    """While the filter is typed, Enter goes on to the rows: the footer does not promise
    that it shows a metric in the text."""
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)

        def footer() -> str:
            return str(overview.query_one(KeyBar).render())

        assert "Show in text" in footer()
        await pilot.press("slash", *"jkm")
        await pilot.pause()
        assert "Show in text" not in footer()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is overview and "Show in text" in footer()


async def test_filter_finds_sections_groups_and_units(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        overview.filter("数字治理")  # a section's title: all its metrics
        section = next(s for s in bundled_report.walk() if "数字治理" in s.title)
        assert set(metric_rows(overview)) == {
            m.id for m in bundled_report.metrics if bundled_report.section_of[m.id] is section
        }
        overview.filter("平方米")  # a unit
        assert {bundled_report.metric_by_id[i].unit for i in metric_rows(overview)} == {"平方米"}
        overview.filter("zzzq")
        assert metric_rows(overview) == []


async def test_f_groups_by_group_then_by_section_then_not(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        table = overview.query_one(OverviewTable)
        await pilot.press("F")
        await pilot.pause()
        # The headings name the groups: no column repeats them, or stands blank beside them.
        assert "group" not in [column.key for column in table.columns]
        headings = [key for key in table.row_keys if key not in bundled_report.metric_by_id]
        assert len(headings) == len(bundled_report.groups) + 1  # and the ungrouped
        # Each group's metrics follow its heading, all of them and only them.
        for group in bundled_report.groups:
            start = table.row_keys.index(next(h for h in headings if group.label in h)) + 1
            members = [m.id for m in bundled_report.metrics if m.group == group.id]
            assert set(table.row_keys[start : start + len(members)]) == set(members)
        assert overview.highlighted_id in bundled_report.metric_by_id  # the cursor skips the heading
        assert "按分组分组" in status(overview)
        await pilot.press("F")
        await pilot.pause()
        assert [column.key for column in table.columns if column.key in ("group", "section")] == ["group"]
        sections = {bundled_report.section_of[m.id].id for m in bundled_report.metrics}
        assert len([key for key in table.row_keys if key not in bundled_report.metric_by_id]) == len(sections)
        await pilot.press("F")
        await pilot.pause()
        assert list(table.row_keys) == [m.id for m in bundled_report.metrics]


async def test_grouped_and_filtered_together(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await pilot.press("F", "slash", *"jkm")
        await pilot.pause()
        table = overview.query_one(OverviewTable)
        assert len(table.row_keys) == 2  # the one group with a match, and its metric
        await pilot.press("enter", "enter")  # Enter on the metric, not the heading
        await pilot.pause()
        assert app.screen is not overview
