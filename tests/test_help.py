"""The help screen (`?`): every key, grouped by where it works, read from the BINDINGS themselves."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static, Tree

from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.explorer import ExplorerScreen
from xihu_tui.ui.screens.help import HelpScreen, class_bindings, key_label
from xihu_tui.ui.screens.overview import MetricsOverview
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.metric_panel import MetricTable
from xihu_tui.ui.widgets.section_tree import SectionTree


def shown_keys(help_screen: HelpScreen) -> tuple[set[str], str]:
    """The keys in the left-hand column of every line, and all of the help's text."""
    text = "\n".join(str(static.content) for static in help_screen.query_one("#help").query(Static))
    keys: set[str] = set()
    for line in text.splitlines():
        key_column = line.split("  ")[0].strip()
        keys.update(key_column.split(", "))
    return keys, text


async def open_help(pilot) -> HelpScreen:
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


async def test_question_mark_lists_the_keys_a_reader_uses(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        keys, text = shown_keys(await open_help(pilot))
        for key in (
            "q",
            "?",
            "[",
            "]",
            "m",
            "c",
            "t",
            "o",
            "j",
            "k",
            "h",
            "l",
            "g",
            "G",
            "ctrl+p",
            "esc",
            "s",
            "r",
        ):
            assert key in keys, key
        for words in (
            "Prev section",
            "Next section",
            "Metrics",
            "Copy",
            "Theme",
            "Command palette",
            "Sort",
            "Reverse",
        ):
            assert words in text
        for place in (
            "Everywhere",
            "Explorer",
            "Contents tree",
            "Metrics table",
            "Metrics overview",
            "Reading pane",
        ):
            assert place in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)


async def test_descriptions_follow_the_interface_language(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)  # the bundled report is Chinese
    async with app.run_test(size=(120, 40)) as pilot:
        _, text = shown_keys(await open_help(pilot))
        for words in ("上一节", "下一节", "数据总览", "复制", "主题", "退出", "全局", "目录"):
            assert words in text


@pytest.mark.parametrize("key", ["escape", "question_mark", "q"])
async def test_closing_keys(bundled_report: Report, key: str) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_help(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert app.is_running  # `q` closes the help, it does not quit


async def test_every_binding_of_every_place_is_listed(bundled_report: Report) -> None:
    """The list is generated: a key added to any of these classes shows up without editing help.py."""
    app = XihuApp(bundled_report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        keys, _ = shown_keys(await open_help(pilot))
        for cls in (
            XihuApp,
            ExplorerScreen,
            SectionTree,
            MetricTable,
            Tree,
            MetricsOverview,
            HelpScreen,
            DetailPane,
        ):
            for binding in class_bindings(cls):
                if binding.description:
                    assert key_label(binding) in keys, (cls.__name__, binding.key)


async def test_fits_80_by_24_and_scrolls(bundled_report: Report) -> None:
    app = XihuApp(bundled_report)
    async with app.run_test(size=(80, 24)) as pilot:
        help_screen = await open_help(pilot)
        scroll = help_screen.query_one("#help", VerticalScroll)
        assert scroll.region.right <= 80 and scroll.region.bottom <= 24
        assert scroll.max_scroll_y > 0
        assert app.focused is scroll
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y


def test_key_labels_are_what_the_reader_types() -> None:
    assert key_label(Binding("left_square_bracket", "x")) == "["
    assert key_label(Binding("right_square_bracket", "x")) == "]"
    assert key_label(Binding("question_mark", "x")) == "?"
    assert key_label(Binding("ctrl+p", "x")) == "ctrl+p"
    assert key_label(Binding("escape", "x")) == "esc"
    assert key_label(Binding("x", "x", key_display="X!")) == "X!"


def test_class_bindings_follow_textual_merging() -> None:
    by_key = {b.key: b for b in class_bindings(SectionTree)}
    assert by_key["left"].action == "collapse_or_parent"  # SectionTree's, not the scroll container's
    assert by_key["j"].action == "cursor_down"
    assert by_key["pageup"].action == "page_up"  # inherited from ScrollableContainer
    assert by_key["shift+space"].action == "toggle_expand_all"  # inherited from Tree

    class Sealed(App, inherit_bindings=False):
        BINDINGS = [Binding("z", "quit", "Quit")]  # noqa: RUF012

    assert [b.key for b in class_bindings(Sealed)] == ["z"]


def test_snapshot_help_80x24(snap_compare, bundled_report: Report) -> None:
    assert snap_compare(XihuApp(bundled_report), terminal_size=(80, 24), press=["question_mark"])


def test_snapshot_help_english_80x24(snap_compare, bundled_report: Report) -> None:
    assert snap_compare(XihuApp(bundled_report, lang="en"), terminal_size=(80, 24), press=["question_mark"])
