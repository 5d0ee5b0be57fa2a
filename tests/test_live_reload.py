"""`--watch`: a report author saves, and the explorer shows the new version where they were."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from textual.css.query import NoMatches
from textual.pilot import Pilot

from explorer_view import cursor_id, notices, pane_text
from xihu_tui.core.reader.watch import ReportFile
from xihu_tui.core.report.loader import load_report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.explorer import OVERVIEW
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.metric_panel import MetricTable
from xihu_tui.ui.widgets.section_tree import SectionTree

PARAGRAPH = "epidemic-3"
WORDS = "西湖区企业“每日互动”仅仅用7天时间"


def save(path: Path, edit: Callable[[str], str]) -> None:
    """Save an edited version, its modification time moved on as a later save's would be."""
    before = path.read_text(encoding="utf-8")
    after = edit(before)
    assert after != before, "the edit must change something"
    path.write_text(after, encoding="utf-8")
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def watching(path: Path, **kwargs: object) -> XihuApp:
    return XihuApp(load_report(path), source=ReportFile(path), watch=True, lang="en", **kwargs)


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    def holds() -> bool:
        try:
            return condition()
        except NoMatches:  # caught between the old version's panes and the new one's
            return False

    deadline = time.monotonic() + timeout
    while not holds():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the explorer")
        await pilot.pause(0.1)


async def test_a_save_shows_the_new_words_at_the_same_place(report_file: Path) -> None:
    app = watching(report_file)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        pane.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        save(report_file, lambda text: text.replace(WORDS, "【新】" + WORDS))
        await until(pilot, lambda: "【新】" in pane_text(app))
        await pilot.pause(0.2)
        assert cursor_id(app) == PARAGRAPH
        assert app.screen.query_one(DetailPane).scroll_offset.y == 3
        assert app.focused is app.screen.query_one(SectionTree)
        assert any("reloaded" in notice for notice in notices(app))


async def test_a_broken_save_keeps_the_last_good_version_and_says_where(report_file: Path) -> None:
    app = watching(report_file)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        shown = pane_text(app)
        save(report_file, lambda text: text.replace("value = 660000", "value = 650000"))
        await until(pilot, lambda: any("650,000" in notice for notice in notices(app)))
        problem = next(notice for notice in notices(app) if "650,000" in notice)
        assert (
            f"{report_file}:" in problem
            and "sections[1](epidemic).metrics[4](households-visited).value" in problem
        )
        assert pane_text(app) == shown and cursor_id(app) == PARAGRAPH

        # Fixed: the problems go and the view follows.
        save(
            report_file,
            lambda text: text.replace("value = 650000", "value = 660000").replace(WORDS, "【修】" + WORDS),
        )
        await until(pilot, lambda: "【修】" in pane_text(app))
        assert not any("650,000" in notice for notice in notices(app))


async def test_a_half_written_file_never_blanks_the_screen(report_file: Path) -> None:
    app = watching(report_file)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        shown = pane_text(app)
        save(report_file, lambda text: text[: len(text) // 3])  # an editor caught mid-write
        await until(pilot, lambda: any("last good version" in notice for notice in notices(app)))
        assert pane_text(app) == shown
        assert len(list(app.screen.query_one(SectionTree).root.children)) == 6


async def test_a_deleted_file_keeps_the_view_and_its_return_is_shown(report_file: Path) -> None:
    original = report_file.read_text(encoding="utf-8")
    app = watching(report_file)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        shown = pane_text(app)
        report_file.unlink()
        await until(pilot, lambda: any("gone" in notice for notice in notices(app)))
        assert pane_text(app) == shown
        report_file.write_text(original.replace(WORDS, "【回】" + WORDS), encoding="utf-8")
        await until(pilot, lambda: "【回】" in pane_text(app))
        # The new contents find the paragraph once they are laid out: a frame after the text.
        await until(pilot, lambda: cursor_id(app) == PARAGRAPH)


async def test_a_removed_item_falls_back_to_its_section(report_file: Path) -> None:
    app = watching(report_file)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to("fig-tianmuli")
        await pilot.pause()
        assert cursor_id(app) == "fig-tianmuli"

        def drop_figure(text: str) -> str:
            start = text.rindex("[[sections.figures]]", 0, text.index('id = "fig-tianmuli"'))
            end = text.index("[[sections.metrics]]", start)
            return text[:start] + text[end:]

        save(report_file, drop_figure)
        await until(pilot, lambda: cursor_id(app) == "epidemic")
        assert "天目里" not in pane_text(app)


async def test_the_metrics_overview_shows_the_new_figures(report_file: Path) -> None:
    app = watching(report_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert app.is_screen_installed(OVERVIEW)
        await pilot.press("escape")
        save(
            report_file,
            lambda text: text.replace('label = "洗楼扫楼户数"', 'label = "洗楼扫楼总户数"'),
        )
        await until(pilot, lambda: not app.is_screen_installed(OVERVIEW))
        await pilot.press("m")
        await pilot.pause()
        table = app.screen.query_one("OverviewTable")
        shown = [table.render_line(y).text for y in range(table.size.height)]
        assert any("洗楼扫楼总户数" in line for line in shown)


async def test_focus_stays_in_the_metric_table(report_file: Path) -> None:
    app = watching(report_file)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to("epidemic")
        await pilot.pause()
        app.screen.query_one(MetricTable).focus()
        await pilot.pause()
        save(report_file, lambda text: text.replace(WORDS, "【焦】" + WORDS))
        await until(pilot, lambda: "【焦】" in pane_text(app))
        assert isinstance(app.focused, MetricTable)


async def test_without_watch_a_save_changes_nothing(report_file: Path) -> None:
    app = XihuApp(load_report(report_file), source=ReportFile(report_file), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        save(report_file, lambda text: text.replace(WORDS, "【新】" + WORDS))
        await pilot.pause(1.0)
        assert "【新】" not in pane_text(app)
