"""The explorer draws its busiest widgets itself (`ui/drawing/`: `PlainLines`, `LineScrollBar`), for speed.

What a reader sees must not change for it: each screen here is drawn twice, once as the
explorer draws it and once with those shortcuts turned off, so that Textual draws every
line through its own styles pipeline, and the two pictures must be the same. The sweep
covers every screen in every registered theme, with and without NO_COLOR, at two sizes; a
representative part of it runs in the quick run, the rest with `-m slow`.

The drawing layer's private Textual names are all in `textual_private`, which checks them
when it is imported: tested here too, since an upgrade of Textual is when it matters.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Input, Tree

from explorer_view import pane
from xihu_tui.core.report.loader import bundled_report_path, load_report
from xihu_tui.core.report.model import Report
from xihu_tui.core.text.safe_text import visible
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.drawing import textual_private
from xihu_tui.ui.drawing.line_scrollbar import LineScrollBar
from xihu_tui.ui.drawing.plain_lines import PlainLines
from xihu_tui.ui.widgets.search_bar import SearchBar

SCREENS = {
    "first screen": (80, 24, []),
    "down the contents, into a section": (100, 30, ["j", "j", "l", "j", "j"]),
    "next sections, the table's cursor": (120, 40, ["]", "]", "tab", "tab", "j"]),
    "light theme, text focused": (100, 30, ["t", "j", "tab", "j", "j"]),
    "contents closed, search hits": (90, 26, ["o", "slash", "西", "湖", "enter"]),
}

EVERY_SCREEN = {
    "explorer": [],
    "metrics overview": ["m"],
    "help": ["question_mark"],
    "search bar open": ["slash", "西", "湖"],
}
"""Every screen a reader reaches, by the keys that open it."""


def _registered_themes() -> tuple[str, ...]:
    no_color = os.environ.get("NO_COLOR")
    try:
        return tuple(XihuApp(load_report(bundled_report_path()), lang="zh").available_themes)
    finally:
        if no_color is not None:  # the App takes it out of the environment
            os.environ["NO_COLOR"] = no_color


THEMES = _registered_themes()
"""Every registered theme, the ANSI ones too."""
SIZES = ((80, 24), (160, 45))
QUICK_THEMES = ("textual-dark", "textual-light", "ansi-dark")
"""The default theme, a light one and an ANSI one: the sweep's part in the quick run."""


def _sweep() -> list[Any]:
    cases = []
    for width, height in SIZES:
        for theme in THEMES:
            for no_color in (False, True):
                for screen in EVERY_SCREEN:
                    quick = (width, height) == SIZES[0] and theme in QUICK_THEMES
                    quick = quick and (not no_color or theme == QUICK_THEMES[0])
                    case = f"{screen}, {theme}{', NO_COLOR' if no_color else ''}, {width}x{height}"
                    marks = () if quick else (pytest.mark.slow,)
                    cases.append(pytest.param(screen, theme, no_color, (width, height), id=case, marks=marks))
    return cases


async def _screenshot(
    report: Report,
    size: tuple[int, int],
    keys: list[str],
    *,
    theme: str | None = None,
    no_color: bool = False,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> str:
    if monkeypatch is not None:  # NO_COLOR is read, and taken out of the environment, by the App
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        else:
            monkeypatch.delenv("NO_COLOR", raising=False)
    app = XihuApp(report, lang="zh")
    if theme is not None:
        app.theme = theme
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a picture must not catch the text cursor mid-blink
        await pilot.pause()
        return app.export_screenshot()


def _draw_as_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn the drawing layer's shortcuts off: Textual draws every line itself."""
    monkeypatch.setattr(PlainLines, "render", lambda *_args: None)
    monkeypatch.setattr(LineScrollBar, "_update_bar", lambda _self: False)


@pytest.mark.parametrize("screen", SCREENS)
async def test_the_screen_is_drawn_as_textual_would_draw_it(
    bundled_report: Report, monkeypatch: pytest.MonkeyPatch, screen: str
) -> None:
    width, height, keys = SCREENS[screen]
    ours = await _screenshot(bundled_report, (width, height), keys)
    _draw_as_textual(monkeypatch)
    textuals = await _screenshot(bundled_report, (width, height), keys)
    assert ours == textuals


@pytest.mark.parametrize(("screen", "theme", "no_color", "size"), _sweep())
async def test_every_screen_theme_and_size_is_drawn_as_textual_would_draw_it(
    bundled_report: Report,
    monkeypatch: pytest.MonkeyPatch,
    screen: str,
    theme: str,
    no_color: bool,
    size: tuple[int, int],
) -> None:
    keys = EVERY_SCREEN[screen]
    look = {"theme": theme, "no_color": no_color, "monkeypatch": monkeypatch}
    ours = await _screenshot(bundled_report, size, keys, **look)
    _draw_as_textual(monkeypatch)
    textuals = await _screenshot(bundled_report, size, keys, **look)
    assert ours == textuals


def test_the_sweep_covers_every_theme_screen_and_size() -> None:
    assert {"textual-dark", "textual-light", "ansi-dark", "ansi-light"} <= set(THEMES)
    assert set(QUICK_THEMES) <= set(THEMES)
    cases = _sweep()
    assert len(cases) == len(EVERY_SCREEN) * len(THEMES) * 2 * len(SIZES)
    quick = [case for case in cases if not case.marks]
    assert 0 < len(quick) <= 20  # the README's `pytest` stays quick


async def test_the_screens_open_in_the_sweep(bundled_report: Report) -> None:
    """The keys of `EVERY_SCREEN` reach what they are named for (else the sweep draws the explorer four times)."""
    opened = {}
    for screen, keys in EVERY_SCREEN.items():
        app = XihuApp(bundled_report, lang="zh")
        async with app.run_test(size=SIZES[0]) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            opened[screen] = type(app.screen).__name__
            if screen == "search bar open":
                bar = app.screen.query_one(SearchBar)
                assert bar.is_open and bar.input.value == "西湖"
    assert len(set(opened.values())) == 3, opened  # explorer, overview, help; the bar opens on the explorer


# -- the private Textual names ------------------------------------------------------------


def test_the_private_textual_names_are_all_there() -> None:
    assert textual_private.problems() == []
    textual_private.check()


def test_the_textual_tested_is_the_textual_pinned() -> None:
    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    pinned = re.search(r'"textual==([^"]+)"', pyproject)
    assert pinned is not None
    assert pinned.group(1) == textual_private.TESTED_TEXTUAL


@pytest.mark.parametrize(
    ("gone", "named"),
    [
        ("textual._border.get_box", "textual._border.get_box"),
        ("textual.widget.Widget._scroll_update", "Widget._scroll_update"),
        ("textual.app.App._start_widget", "App._start_widget"),
        ("textual.dom.DOMNode._inherit_bindings", "DOMNode._inherit_bindings"),
    ],
)
def test_a_missing_private_name_is_named_with_both_versions(
    monkeypatch: pytest.MonkeyPatch, gone: str, named: str
) -> None:
    monkeypatch.delattr(gone)
    monkeypatch.setattr(textual_private, "installed_textual", lambda: "99.0.0")
    with pytest.raises(ImportError) as raised:
        textual_private.check()
    message = str(raised.value)
    assert named in message
    assert "Textual 99.0.0" in message  # installed
    assert f"Textual {textual_private.TESTED_TEXTUAL}" in message  # tested and pinned


def test_a_tree_that_prepares_more_before_drawing_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def render_lines(self: Tree[object], crop: object) -> object:
        self._pseudo_class_state = self.get_pseudo_class_state()
        self._something_new = True
        return Widget.render_lines(self, crop)

    monkeypatch.setattr(Tree, "render_lines", render_lines)
    with pytest.raises(ImportError, match=r"Tree\._pseudo_class_state"):
        textual_private.check()


def test_a_crop_extend_without_its_cache_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.strip import Strip

    uncached = Strip.crop_extend

    def crop_extend(self: Strip, start: int, end: int, style: object) -> Strip:
        self._crop_extend_cache.clear()
        return uncached(self, start, end, style)

    monkeypatch.setattr(Strip, "crop_extend", crop_extend)
    with pytest.raises(ImportError, match=r"Strip\.crop_extend"):
        textual_private.check()


def test_a_rich_text_that_keeps_its_words_elsewhere_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    made_by_rich = Text.__init__

    def __init__(self: Text, text: str = "", *args: Any, **kwargs: Any) -> None:
        made_by_rich(self, text, *args, **kwargs)

    monkeypatch.setattr(Text, "__init__", __init__)
    with pytest.raises(ImportError, match=r"rich\.text\.Text"):
        textual_private.check()


@given(st.text())
def test_a_paragraph_s_safe_words_make_the_text_rich_would_make(words: str) -> None:
    safe = visible(words)
    made, expected = textual_private.text_of_safe_words(safe), Text(safe)
    assert (made.plain, len(made), made.cell_len) == (expected.plain, len(expected), expected.cell_len)


def test_importing_the_module_fails_when_a_name_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check runs on import: the explorer does not start, and says why."""
    monkeypatch.delattr("textual.widget.Widget._scroll_update")
    try:
        with pytest.raises(ImportError, match=r"Widget\._scroll_update"):
            importlib.reload(textual_private)
    finally:
        monkeypatch.undo()
        importlib.reload(textual_private)
    assert textual_private.problems() == []


async def test_a_new_theme_recolours_the_marked_words(bundled_report: Report) -> None:
    """The pane's text names its styles (quotes, notes), resolved as lines are drawn: a new theme
    must recolour them."""
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
