"""One language (issue 17): in every screen and state, everything the interface says is
in the interface's language; only the report's own words may be in another.

A state is what a reader has in front of them: the visible screen (read from the SVG
screenshot Textual exports), the notifications, and every key binding that is active
there, shown in the footer or not (help lists them all). For the Chinese interface, an
ASCII word fails the test unless it is a key name, a proper name, or a word of the
report itself; for the English one, a run of Chinese characters fails unless the report
has it.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandPalette

from explorer_view import notices
from xihu_tui.core.report.loader import bundled_report_path, load_report
from xihu_tui.core.report.model import Note, Report
from xihu_tui.core.report.written import written_value
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.screens.help import HelpScreen, key_groups, key_label
from xihu_tui.ui.widgets.detail_pane import DetailPane
from xihu_tui.ui.widgets.metric_panel import MetricTable

FIXTURES = Path(__file__).parent / "fixtures"
SIZE = (100, 30)

KEY_NAMES = {
    "esc", "escape", "ctrl", "shift", "super", "alt", "tab", "enter", "home", "end", "pageup",
    "pagedown", "up", "down", "left", "right", "space", "backspace", "delete", "del",
}  # fmt: skip
PROPER_NAMES = {
    "xihu", "tui", "EDITOR", "VISUAL", "OSC", "GNOME", "Terminal", "VTE", "SVG", "export", "nano",
    "jkm",  # the pinyin example in the placeholders
}  # fmt: skip
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
CHINESE_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
NOT_SHOWN = {"id", "after", "paragraph", "group", "figure", "language"}
"""Model fields that hold ids and codes, never shown as text."""


def report_words(report: Report, lang: str) -> str:
    """Every piece of the report's own text the interface may show, notes in its language."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, Note):
            texts = [text for code, text in value.texts if code.startswith(lang)] or [
                t for _, t in value.texts
            ]
            found.extend(texts)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                if field.name not in NOT_SHOWN:
                    walk(getattr(value, field.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)

    walk(report)
    found += [written_value(metric) for metric in report.metrics]  # 7.8万 with its unit, 7.8万平方米
    return "\n".join(found)


def screen_lines(app: XihuApp) -> list[str]:
    """What the terminal shows, line by line, from the screenshot Textual exports (its
    pieces joined with spaces: a word never runs into the next)."""
    svg = app.export_screenshot()
    lines: dict[int, list[str]] = {}
    for match in re.finditer(r'<text [^>]*clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>', svg):
        lines.setdefault(int(match.group(1)), []).append(html.unescape(match.group(2)).replace("\xa0", " "))
    return [" ".join(pieces) for _, pieces in sorted(lines.items())]


def said(app: XihuApp) -> list[str]:
    """Everything the interface says in the current state: the screen, the notifications,
    and the description of every active binding (shown or not)."""
    described = [active.binding.description for active in app.screen.active_bindings.values()]
    return [*screen_lines(app), *notices(app), *described]


def foreign(texts: list[str], lang: str, report: Report, typed: str = "") -> list[str]:
    """The words in `texts` that are not in `lang` and not the report's own, nor what the
    reader `typed`, nor the names of themes (which Textual gives them)."""
    own = report_words(report, lang)
    themes = {word for name in App().available_themes for word in ASCII_WORD.findall(name)}
    wrong: list[str] = []
    for text in texts:
        if lang == "zh":
            allowed = KEY_NAMES | PROPER_NAMES | themes | set(ASCII_WORD.findall(typed))
            own_words = set(ASCII_WORD.findall(own))
            wrong += [w for w in ASCII_WORD.findall(text) if w not in allowed and w not in own_words]
        else:
            wrong += [run for run in CHINESE_RUN.findall(text) if run not in own]
    return wrong


State = Callable[[object], Awaitable[None]]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def states() -> Iterator[tuple[str, list[str]]]:
    """(name, what to do from a fresh explorer): keys, or `focus:` a pane."""
    yield "explorer", []
    yield "contents, on a metric", ["l", "j", "j", "j", "j", "j", "j", "j", "j"]
    yield "text focused", ["focus:text"]
    yield "metrics focused", ["l", "focus:metrics"]
    yield "search bar open", ["slash", *"jkm"]
    yield "search with no match", ["slash", *"zzzq"]
    yield "overview", ["m"]
    yield "overview filtered", ["m", "slash", *"xihu"]
    yield "overview grouped", ["m", "F"]
    yield "overview grouped by section", ["m", "F", "F"]
    yield "help", ["question_mark"]
    yield "palette open", ["ctrl+p"]
    yield "palette, pinyin", ["ctrl+p", *"jkm"]
    yield "palette, nothing found", ["ctrl+p", *"zzzq"]
    yield "theme palette", ["theme-palette"]
    yield "quit prompt", ["ctrl+c"]


async def reach(pilot, steps: list[str]) -> None:
    app = pilot.app
    for step in steps:
        if step == "focus:text":
            app.screen.query_one(DetailPane).focus()
        elif step == "focus:metrics":
            app.screen.query_one(MetricTable).focus()
        elif step == "theme-palette":
            app.action_change_theme()
        else:
            await pilot.press(step)
        await settle(pilot)


REPORTS = {
    "bundled": bundled_report_path(),
    "city statistics": FIXTURES / "city_statistics.toml",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "report_name",
    # The second report repeats every state: the slow run (`-m slow`) has it, so that the
    # README's quick command stays quick.
    [
        name if index == 0 else pytest.param(name, marks=pytest.mark.slow)
        for index, name in enumerate(REPORTS)
    ],
)
@pytest.mark.parametrize(("state", "steps"), list(states()), ids=[name for name, _ in states()])
async def test_every_state_speaks_one_language(
    report_name: str, lang: str, state: str, steps: list[str]
) -> None:
    report = load_report(REPORTS[report_name])
    app = XihuApp(report, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await reach(pilot, steps)
        texts = said(app)
        assert texts, "nothing on screen"
        typed = "".join(step for step in steps if len(step) == 1)
        assert foreign(texts, lang, report, typed) == [], f"{state}: {texts}"


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_help_and_the_palettes_commands_speak_one_language(bundled_report: Report, lang: str) -> None:
    app = XihuApp(bundled_report, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = [
            text
            for title, group in help_screen.groups()
            for text in (title, *(row.description for row in group))
        ]
        commands = [words for command in app.get_system_commands(app.screen) for words in command[:2]]
        assert foreign(rows + commands, lang, bundled_report) == []


async def test_the_quit_prompt_names_the_key_the_footer_shows(bundled_report: Report) -> None:
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert notices(app) == ["要退出吗？\n按 q 退出"]
        assert app.is_running  # Ctrl+C asks; it does not quit


async def test_the_palette_placeholder_is_in_the_interface_language(bundled_report: Report) -> None:
    for lang, words in (("zh", "跳到章节或数据"), ("en", "Jump to a section or metric")):
        app = XihuApp(bundled_report, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert CommandPalette.is_open(app)
            # The input's cursor cuts the first character off into a piece of its own.
            assert any(words.replace(" ", "") in line.replace(" ", "") for line in screen_lines(app))


def test_the_checker_catches_what_it_is_for(bundled_report: Report) -> None:
    """The check itself: Textual's English words are caught in Chinese, Chinese interface
    words in English, and the report's own words are let through in either."""
    assert foreign(["tab  Focus Next", "↑ Cursor Up"], "zh", bundled_report) == [
        "Focus",
        "Next",
        "Cursor",
        "Up",
    ]
    assert foreign(["esc 关闭  ctrl+p 命令面板", "xihu-tui check"], "zh", bundled_report) == ["check"]
    assert foreign(["Close  关闭"], "en", bundled_report) == ["关闭"]
    assert foreign(["健康码研发用时 7 days"], "en", bundled_report) == []


@pytest.mark.parametrize(("state", "steps"), list(states()), ids=[name for name, _ in states()])
async def test_help_lists_every_key_that_works_in_each_state(
    bundled_report: Report, state: str, steps: list[str]
) -> None:
    """Whatever the reader is doing, each key that does something there (shown in the
    footer or not) has a line in the help, with the words the footer would use."""
    app = XihuApp(bundled_report, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await reach(pilot, steps)
        working = {
            (key_label(active.binding), active.binding.description)
            for active in app.screen.active_bindings.values()
            if active.binding.description
        }
    listed: dict[str, list[str]] = {}
    for _, rows in key_groups(app, app.strings):
        for row in rows:
            for key in row.keys:
                listed.setdefault(key, []).append(row.description)
    # The footer may say it shorter (命令面板 for 命令面板：跳到任一章节或数据).
    missing = {
        (key, words) for key, words in working if not any(d.startswith(words) for d in listed.get(key, []))
    }
    assert missing == set(), state
