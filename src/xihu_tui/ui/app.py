"""The Textual application: it opens the explorer and holds app-wide actions."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from ..core.model import Report
from .commands import JumpProvider
from .screens.explorer import ExplorerScreen
from .strings import Strings, strings_for

THEMES = ("textual-dark", "textual-light", "nord", "solarized-light", "gruvbox", "ansi-dark")


class XihuApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "xihu-tui"
    COMMANDS = App.COMMANDS | {JumpProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("t", "cycle_theme", "Theme", id="theme", show=False),
    ]

    def __init__(self, report: Report, *, lang: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.strings: Strings = strings_for(lang, report.language)

    def on_mount(self) -> None:
        # `kill` (SIGTERM) would end the process where it stands, leaving the terminal on the
        # alternate screen and reporting the mouse: quit as `q` does, which restores it.
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows' loop
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit)

    def get_default_screen(self) -> ExplorerScreen:
        return ExplorerScreen(self.report, self.strings)

    def action_cycle_theme(self) -> None:
        index = THEMES.index(self.theme) if self.theme in THEMES else -1
        self.theme = THEMES[(index + 1) % len(THEMES)]
        self.notify(self.theme, title=self.strings.theme, timeout=2, markup=False)

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # built from every binding: only when asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.strings))
