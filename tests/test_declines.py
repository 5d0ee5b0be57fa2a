"""Declines read as declines and bounds as bounds in the metric table and the overview: a
minus in the value, ↓ before written words that do not sign themselves, and the qualifier
in words (约, 超过, 不超过 …) in the interface's language."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from explorer_view import cursor_id
from signed_reports import signed_report
from xihu_tui.core.report.model import Qualifier
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.overview import MetricsOverview, OverviewTable
from xihu_tui.ui.strings import CHINESE, ENGLISH
from xihu_tui.ui.widgets.metric_panel import MetricTable
from xihu_tui.ui.widgets.section_tree import SectionTree


def screen_text(app: XihuApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def seen_in(app: XihuApp, widget: Widget) -> str:
    """What the terminal shows where `widget` is."""
    region = widget.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips)


def row_of(shown: str, label: str) -> list[str]:
    """The cells of the table row that holds `label`, split on white space."""
    line = next(line for line in shown.splitlines() if f" {label} " in line)
    return line.split()


def test_every_qualifier_has_words_in_both_languages() -> None:
    for strings in (CHINESE, ENGLISH):
        assert set(strings.qualifiers) == set(Qualifier)
        assert len(set(strings.qualifiers.values())) == len(Qualifier)
    assert CHINESE.qualifiers[Qualifier.APPROXIMATELY] == "约"
    assert ENGLISH.qualifiers[Qualifier.APPROXIMATELY] == "approximately"


async def go_to(pilot, item_id: str) -> None:
    await pilot.pause()
    pilot.app.screen.query_one(SectionTree).go_to(item_id)
    for _ in range(5):
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    assert cursor_id(pilot.app) == item_id


async def test_the_metric_table_shows_declines_with_a_minus_and_an_arrow() -> None:
    app = XihuApp(signed_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "cpi-food")
        shown = seen_in(app, app.screen.query_one(MetricTable))
    assert row_of(shown, "衣着价格")[:5] == ["衣着价格", "↓9.4%", "-9.4", "%", "确数"]
    assert row_of(shown, "食品价格")[:5] == ["食品价格", "3.2%", "3.2", "%", "确数"]


@pytest.mark.parametrize(("lang", "word"), [("zh", "约"), ("en", "approximately")])
async def test_the_metric_table_says_approximately_in_words(lang: str, word: str) -> None:
    app = XihuApp(signed_report(), lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "output-multiple")
        shown = seen_in(app, app.screen.query_one(MetricTable))
    assert row_of(shown, "产值倍数")[:5] == ["产值倍数", "275倍", "275", "倍", word]


async def test_the_overview_shows_declines_and_sorts_them_below_zero() -> None:
    app = XihuApp(signed_report())
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, MetricsOverview)
        shown = seen_in(app, overview.query_one(OverviewTable))
        assert row_of(shown, "衣着价格")[1:6] == ["衣着价格", "↓9.4%", "-9.4", "%", "确数"]
        assert row_of(shown, "产值倍数")[1:6] == ["产值倍数", "275倍", "275", "倍", "约"]
        while overview.sort_column != "value":
            await pilot.press("s")
        order = list(overview.query_one(OverviewTable).row_keys)
    # Largest first: the two declines come last, the larger fall at the very end.
    assert order[-2:] == ["cpi-transport", "cpi-clothing"]


async def test_a_decline_keeps_its_bars_either_side_of_zero_on_a_short_screen() -> None:
    """At 80×24 the text keeps the larger part, yet the chart keeps the rows a fall needs:
    bars above the zero line and one hanging below it."""
    from xihu_tui.ui.widgets.metric_sparkline import MetricSparkline

    app = XihuApp(signed_report())
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "cpi-clothing")
        await pilot.pause()
        chart = app.screen.query_one(MetricSparkline)
        lines = [strip.text for strip in chart.render_lines(chart.region.reset_offset)]
        bar_rows = [line for line in lines if set(line) & set("▁▂▃▄▅▆▇█▔")]
        assert len(bar_rows) >= 2, lines


def test_snapshot_declines_and_a_note_80x24(snap_compare) -> None:
    """Synthetic CPI by category, 衣着 highlighted: ↓9.4% and -9.4 in the table, its note and
    the group's description under it, its bar below the zero line."""

    async def run_before(pilot) -> None:
        await go_to(pilot, "cpi-clothing")

    assert snap_compare(XihuApp(signed_report()), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_series_with_years_120x40(snap_compare) -> None:
    """Synthetic growth rates: a year under each bar, the metric's note, and 约 in the table."""

    async def run_before(pilot) -> None:
        await go_to(pilot, "growth-rate")

    assert snap_compare(XihuApp(signed_report()), terminal_size=(120, 40), run_before=run_before)


def test_snapshot_overview_with_declines_and_notes_80x24(snap_compare) -> None:
    assert snap_compare(XihuApp(signed_report(), lang="en"), terminal_size=(80, 24), press=["m", "down"])
