"""The explorer draws its busiest widgets itself (`PlainLines`, `LineScrollBar`), for speed.

What a reader sees must not change for it: each screen here is drawn twice, once as the
explorer draws it and once with those shortcuts turned off, so that Textual draws every
line through its own styles pipeline, and the two pictures must be the same.
"""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.color import Color

from explorer_view import pane
from xihu_tui.core.report.model import Report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.line_scrollbar import LineScrollBar
from xihu_tui.ui.widgets.plain_lines import PlainLines

SCREENS = {
    "first screen": (80, 24, []),
    "down the contents, into a section": (100, 30, ["j", "j", "l", "j", "j"]),
    "next sections, the table's cursor": (120, 40, ["]", "]", "tab", "tab", "j"]),
    "light theme, text focused": (100, 30, ["t", "j", "tab", "j", "j"]),
    "contents closed, search hits": (90, 26, ["o", "slash", "西", "湖", "enter"]),
}


async def _screenshot(report: Report, size: tuple[int, int], keys: list[str]) -> str:
    app = XihuApp(report, lang="zh")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        return app.export_screenshot()


@pytest.mark.parametrize("screen", SCREENS)
async def test_the_screen_is_drawn_as_textual_would_draw_it(
    bundled_report: Report, monkeypatch: pytest.MonkeyPatch, screen: str
) -> None:
    width, height, keys = SCREENS[screen]
    ours = await _screenshot(bundled_report, (width, height), keys)
    monkeypatch.setattr(PlainLines, "render", lambda *_args: None)
    monkeypatch.setattr(LineScrollBar, "_update_bar", lambda _self: False)
    textuals = await _screenshot(bundled_report, (width, height), keys)
    assert ours == textuals


async def test_a_new_theme_recolours_the_marked_words(bundled_report: Report) -> None:
    """The pane bakes styles into its text (quotes, notes): a new theme must replace them."""
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")  # the opening section: its title is the editors'
        await pilot.pause()
        reading = pane(app)
        note = f"({reading.strings.editorial_title})"

        def note_colour() -> Color | None:
            for y in range(reading.size.height):
                for segment in reading.render_line(y):
                    if note in Text(segment.text).plain and segment.style and segment.style.color:
                        return Color.from_rich_color(segment.style.color)
            raise AssertionError("the editorial note is not on screen")

        dark = note_colour()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light = note_colour()
        expected = reading.get_component_rich_style("detail-pane--note").color
        assert light != dark
        assert light == Color.from_rich_color(expected)
