"""The Textual application: it opens the explorer and holds app-wide actions."""

from __future__ import annotations

import gc
from typing import ClassVar

from textual import events
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

    def __init__(self, report: Report, *, lang: str | None = None, freeze_after_start: bool = False) -> None:
        """`freeze_after_start`: exempt what start-up built from garbage collection (see `on_ready`).

        For a process that runs one app (the command line), not for one that starts many.
        """
        super().__init__()
        self.report = report
        self.strings: Strings = strings_for(lang, report.language)
        self._freeze_after_start = freeze_after_start

    def on_ready(self, event: events.Ready) -> None:
        if self._freeze_after_start:
            # The widgets, tree nodes and styles built so far live as long as the app. Left
            # to the collector, each full collection walks them all again: 50-120 ms on a
            # large report, landing in whatever key press triggers it.
            gc.freeze()

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
