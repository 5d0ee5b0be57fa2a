"""Text that is valid but odd: it lays out, scrolls and searches without a crash, at any size."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.binding import Binding

from explorer_view import pane, pane_arrived
from reports import report_toml
from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import Report
from xihu_tui.core.text.safe_text import visible
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.drawing.virtual_table import VirtualTable
from xihu_tui.ui.screens.explorer import ExplorerScreen
from xihu_tui.ui.screens.overview import MetricsOverview, OverviewTable
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.metric_sparkline import MetricSparkline
from xihu_tui.ui.widgets.search_bar import SearchBar
from xihu_tui.ui.widgets.section_tree import SectionTree

ODD = {
    "zero-width": "零\u200b宽\u200d字\ufeff符\u2060。",
    "combining": "e\u0301 n\u0303 a\u030a\u0323 ᄀ\u1161\u11a8 Z\u0351\u0325\u0359\u0328\u0347。",
    "emoji": "家庭👩\u200d👩\u200d👧\u200d👦 旗🏳\ufe0f\u200d🌈 肤色👍🏽 国旗🇨🇳。",
    "right-to-left": "עברית مرحبا بالعالم 123 \u202eevil\u202c שלום.",
}
LONG = ("西湖区" * 33_333 + "终")[:100_000]


def one_section_report(paragraphs: dict[str, str], title: str = "怪字") -> Report:
    sections = [("[[sections]]", {"id": "odd", "title": title})]
    sections += [("[[sections.paragraphs]]", {"id": key, "text": text}) for key, text in paragraphs.items()]
    return loads_report(report_toml({"title": title, "language": "zh-CN"}, sections))


async def test_odd_characters_lay_out_within_the_pane() -> None:
    report = one_section_report({key.replace(" ", "-"): text for key, text in ODD.items()})
    app = XihuApp(report)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "l", "j", "j", "j", "j")
        await pilot.pause()
        detail = pane(app)
        lines = detail.shown_lines()
        shown = "".join(lines)
        for text in ODD.values():
            # As it is shown: a control of text direction is drawn as a visible mark.
            assert "".join(visible(text).split()) in "".join(shown.split())
        assert all(cell_len(line) <= detail.text_width for line in lines)
        assert app.screen.query_one(SectionTree).cursor_node.data.id == "right-to-left"


async def test_a_100000_character_paragraph_scrolls_to_its_end() -> None:
    app = XihuApp(one_section_report({"long": LONG}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "tab")
        await pilot.pause()
        detail = pane(app)
        assert app.focused is detail
        await pilot.press("end")
        await pane_arrived(pilot)
        assert detail.max_scroll_y > 1_000
        assert detail.scroll_offset.y == detail.max_scroll_y
        assert detail.shown_lines()[-1].endswith("终")
        on_screen = [detail.render_line(y).text for y in range(detail.scrollable_content_region.height)]
        assert "终" in "".join(on_screen)


def many_metrics(count: int) -> Report:
    sections = [("[[sections]]", {"id": "many", "title": "一万个数"})]
    for n in range(count):
        sections.append(("[[sections.paragraphs]]", {"id": f"p{n}", "text": f"第{n}组共{n + 1}人。"}))
    for n in range(count):
        metric = {"id": f"m{n}", "label": f"第{n}组", "value": n + 1, "unit": "人"}
        metric |= {"quote": f"共{n + 1}人", "paragraph": f"p{n}", "group": "all"}
        sections.append(("[[sections.metrics]]", metric))
    text = report_toml(
        {"title": "一万", "language": "zh-CN"}, sections, groups=[{"id": "all", "label": "全部"}]
    )
    return loads_report(text)


async def test_10000_metrics_in_one_group() -> None:
    report = many_metrics(10_000)
    app = XihuApp(report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        assert table.row_count == 10_000
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        chart = app.screen.query_one(MetricSparkline)
        assert chart.metric is report.metric_by_id["m9999"]
        assert "(10,000/10,000)" in str(chart.render())
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MetricsOverview)
        await pilot.press("end")
        assert app.screen.query_one(OverviewTable).cursor_row == 9_999


async def test_resizing_down_to_1x1_and_back(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "l", "j")
        for columns, rows in [(40, 10), (10, 3), (1, 1), (2, 1), (1, 2)]:
            await pilot.resize_terminal(columns, rows)
            await pilot.pause()
            await pilot.press("j", "m", "escape", "o", "o")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert pane(app).shown_lines()
        assert app.screen.query_one(SectionTree).cursor_node is not None


# -- any text at all ---------------------------------------------------------------------------------


def first_keys(*classes: type) -> list[str]:
    """The first key of each binding the classes declare, but those that quit the app."""
    keys: list[str] = []
    for cls in classes:
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            key = binding.key.split(",")[0].strip()
            if key not in keys and binding.action != "quit":
                keys.append(key)
    return keys


def explorer_keys() -> list[str]:
    return first_keys(XihuApp, ExplorerScreen, SectionTree, DetailPane, VirtualTable, SearchBar)


def overview_keys() -> list[str]:
    return first_keys(MetricsOverview, VirtualTable)


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
"""Any text a TOML string can hold: controls, combining marks, emoji, right-to-left."""
WORDS = TEXT.filter(str.strip)
"""Required strings must not be blank."""


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A valid report whose every string is arbitrary, with a metric quoted from each paragraph."""
    sections = []
    for s in range(draw(st.integers(1, 3))):
        sections.append(("[[sections]]", {"id": f"s{s}", "title": draw(WORDS)}))
        metrics = []
        for p in range(draw(st.integers(1, 2))):
            number = draw(st.integers(0, 10**9))
            # No unit word in the quote, so that any unit (odd text too) agrees with it; the
            # full stop ends the number whatever text follows.
            quote = f"共{number}"
            text = draw(TEXT) + quote + "。" + draw(TEXT)
            sections.append(("[[sections.paragraphs]]", {"id": f"p{s}.{p}", "text": text}))
            label, unit = draw(WORDS), draw(WORDS)
            metric = {"id": f"m{s}.{p}", "label": label, "value": number, "unit": unit, "quote": quote}
            metrics.append(("[[sections.metrics]]", {**metric, "paragraph": f"p{s}.{p}"}))
        sections += metrics
    meta = {"title": draw(WORDS), "language": "zh-CN", "byline": draw(TEXT), "place": draw(TEXT)}
    return loads_report(report_toml(meta, sections))


async def back_to_explorer(app: XihuApp, pilot) -> None:
    """Close whatever a key opened (help, the overview, the search bar)."""
    for _ in range(3):
        searching = app.focused is not None and isinstance(app.focused.parent, SearchBar)
        if isinstance(app.screen, ExplorerScreen) and not searching:
            return
        await pilot.press("escape")
    assert isinstance(app.screen, ExplorerScreen)


async def press_everything(report: Report, query: str) -> None:
    app = XihuApp(report)
    app.animation_level = "none"  # scrolling at once: the keys, not the animations, are under test
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "l", "j")
        for _focus in ("contents", "text"):
            for key in explorer_keys():
                await pilot.press(key)
                await back_to_explorer(app, pilot)
            await pilot.press("tab")
        await pilot.press("m", *overview_keys())
        await back_to_explorer(app, pilot)
        await pilot.press("slash", *query, "enter", "escape", "slash", "共", "enter", "shift+enter")
        await pilot.press("ctrl+t", "ctrl+f", "escape", "n", "N")
        await pilot.press("ctrl+p", *query[:3], "escape")
        await pilot.pause()
    assert app.return_code in (None, 0)


@pytest.mark.slow
@settings(  # each example starts the app and presses every key (seconds): 10 in the ci profile
    max_examples=max(1, settings.default.max_examples // 30), suppress_health_check=[HealthCheck.too_slow]
)
@given(
    report=reports(), query=st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=4)
)
def test_any_valid_report_survives_every_key_and_a_search(report: Report, query: str) -> None:
    asyncio.run(press_everything(report, query))
