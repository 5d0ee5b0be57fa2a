"""The command palette (ctrl+p) jumps to any section or metric by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette, DiscoveryHit, Hit
from textual.content import Content

from xihu_tui.core.report.loader import bundled_report_path, load_report
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.commands import JumpProvider
from xihu_tui.ui.screens.explorer import ExplorerScreen
from xihu_tui.ui.screens.overview import MetricsOverview
from xihu_tui.ui.widgets.section_tree import SectionTree

SIZE = (120, 40)


def cursor_id(app: XihuApp) -> str | None:
    node = app.screen.query_one(SectionTree).cursor_node
    return node.data.id if node is not None and node.data is not None else None


def screen_text(app: XihuApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def search(app: XihuApp, query: str) -> list[Hit]:
    provider = JumpProvider(app.screen)
    hits = [hit async for hit in provider.search(query)]
    assert all(isinstance(hit, Hit) for hit in hits)
    return sorted(hits, key=lambda hit: hit.score, reverse=True)


async def settle(pilot) -> None:
    """Let the palette finish gathering hits (it does so in a worker, in batches)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def palette_jump(pilot, query: str, *, open_with_key: bool = True) -> None:
    if open_with_key:
        await pilot.press("ctrl+p")
    else:
        pilot.app.action_command_palette()
    await pilot.pause()
    assert CommandPalette.is_open(pilot.app)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize(
    ("query", "item_id", "open_with_key"),
    [
        ("数字治理", "digital", True),  # a section title
        ("医务人员", "medical-staff", False),  # a metric label
        ("深入基层", "district-leaders", True),  # words only in the metric's quote
    ],
)
async def test_palette_jumps_to_sections_and_metrics(
    bundled_report: Report, query: str, item_id: str, open_with_key: bool
) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        await palette_jump(pilot, query, open_with_key=open_with_key)
        assert isinstance(app.screen, ExplorerScreen)
        assert cursor_id(app) == item_id


async def test_palette_jumps_into_nested_sections(nested_report: Report) -> None:
    app = XihuApp(nested_report)
    async with app.run_test(size=SIZE) as pilot:
        await palette_jump(pilot, "数字产业")
        assert cursor_id(app) == "digital-industry"
        assert app.screen.query_one(SectionTree).cursor_node.parent.data.id == "industry"


async def test_palette_over_the_overview_closes_it_and_jumps(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MetricsOverview)
        await palette_jump(pilot, "检查车次")
        assert isinstance(app.screen, ExplorerScreen)
        assert cursor_id(app) == "vehicle-checks"


async def test_hits_show_what_they_jump_to(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE):
        hits = await search(app, "医务人员")
        best = hits[0]
        assert isinstance(best.match_display, Content)  # never parsed as markup
        shown = best.match_display.plain
        assert "坚守岗位的医务人员" in shown and "1600人" in shown and "筑牢疫情防控的坚固防线" in shown
        assert best.text == "坚守岗位的医务人员 1600人"
        # The matched characters are highlighted.
        assert any(span.style for span in best.match_display.spans)

        # A section title finds the section, not every metric that sits in it.
        hits = await search(app, "数字治理")
        assert hits[0].text == "探索数字治理的创新之路"
        assert [hit.text for hit in hits] == ["探索数字治理的创新之路"]

        # A match found only in the quote shows the quote.
        hits = await search(app, "深入基层")
        assert hits[0].text == "下沉指挥的区领导 31人"
        assert "31位区领导深入基层" in hits[0].match_display.plain

        # Nothing found is said in the interface's language (Textual's own notice is English).
        assert [hit.text for hit in await search(app, "完全不相干的字")] == [
            app.strings.shell.palette_no_match
        ]


async def test_discovery_lists_the_sections_in_order(bundled_report: Report, nested_report: Report) -> None:
    app = XihuApp(nested_report)
    async with app.run_test(size=SIZE):
        provider = JumpProvider(app.screen)
        hits = [hit async for hit in provider.discover()]
        assert all(isinstance(hit, DiscoveryHit) for hit in hits)
        assert [hit.text for hit in hits] == [
            " › ".join(s.title for s in nested_report.section_path(section.id))
            for section in nested_report.walk()
        ]
        assert "经济 › 工业 › 数字产业" in [hit.text for hit in hits]


async def test_palette_shows_sections_before_typing(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        shown = screen_text(app)
        for section in bundled_report.sections[:4]:
            assert section.title in shown


@pytest.fixture
def markup_report(write_report) -> Report:
    text = Path(bundled_report_path()).read_text(encoding="utf-8")
    for old, new in (
        ('title = "探索数字治理的创新之路"', 'title = "[bold]探索数字治理[/]的创新之路"'),
        ('label = "坚守岗位的医务人员"', 'label = "[@click=app.quit]医务人员[/]"'),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    return load_report(write_report(text))


async def test_report_text_is_never_markup(markup_report: Report) -> None:
    app = XihuApp(markup_report)
    async with app.run_test(size=SIZE) as pilot:
        hits = await search(app, "医务人员")
        assert "[@click=app.quit]医务人员[/]" in hits[0].match_display.plain
        hits = await search(app, "数字治理")
        assert hits[0].match_display.plain.endswith("[bold]探索数字治理[/]的创新之路")

        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "[bold]探索数字治理[/]的创新之路" in screen_text(app)  # discovery, before typing
        await pilot.press(*"数字治理")
        await settle(pilot)
        assert "[bold]探索数字治理[/]的创新之路" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert cursor_id(app) == "digital"
