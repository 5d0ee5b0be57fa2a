"""The Textual application: it opens the explorer and holds app-wide actions."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on, work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import get_current_worker

from ..core.report.model import Report
from ..core.report.problems import Problem, ReportError
from ..core.text.safe_text import visible_line
from .commands import JumpProvider
from .localized import LocalizedBindings
from .long_lived import LongLived
from .screens.explorer import OVERVIEW, ExplorerScreen
from .strings import Strings, strings_for

if TYPE_CHECKING:  # imported when first used: a plain start needs neither
    from rich.console import RenderableType

    from ..core.reader.watch import FileWatch, ReportFile

WATCH_INTERVAL_S = 0.3
"""How often `--watch` looks at the file; a change shows within about two of these."""
HANGUP_CHECK_S = 1.0
"""How often the explorer looks whether its terminal is still there."""
ENDING_AT_MOST_S = 5.0
"""How long the explorer may take to end once asked to: then the process ends anyway."""
PROBLEMS_SHOWN = 8
REPLACE_WINDOW_S = 5.0
"""How long a second `w` has to confirm replacing a saved draft."""

THEMES = ("textual-dark", "textual-light", "nord", "solarized-light", "gruvbox", "ansi-dark")


class Palette(LocalizedBindings, CommandPalette):
    """Textual's command palette, its keys described in the interface's language."""


class XihuApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "xihu-tui"
    COMMANDS = App.COMMANDS | {JumpProvider}
    PALETTE_ID = "--command-palette"
    """The id Textual gives the palette it opens, kept so anything that looks for it finds ours."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("t", "cycle_theme", "Theme", id="theme", show=False),
        Binding("w", "save_draft", "Save draft", id="save-draft", show=False),
    ]

    def __init__(
        self,
        report: Report,
        *,
        source: ReportFile | None = None,
        watch: bool = False,
        lang: str | None = None,
        freeze_after_start: bool = False,
    ) -> None:
        """Explore `report`, read from `source` (if it came from a file: `e` edits it).

        `watch`: show each new version of `source` as it is saved.
        `freeze_after_start`: exempt what start-up built from garbage collection (see
        `on_ready`); for a process that runs one app (the command line), not for one
        that starts many.
        """
        super().__init__()
        self.report = report
        self.source = source
        self.strings: Strings = strings_for(lang, report.language)
        self._freeze_after_start = freeze_after_start
        self._ending: threading.Timer | None = None
        self._watch: FileWatch | None = None
        if watch and source is not None:
            from ..core.reader.watch import FileWatch

            self._watch = FileWatch(source.path)
        self._showing = asyncio.Lock()
        self._replace_asked: Path | None = None
        self._copy_notice: str | None = None
        """Which copy of the bundled report `e` switched to, said again after the reload."""
        self._copy_differs = False
        """The reader's copy of the bundled report, just switched to, differs from what is shown."""
        self._replace_asked_at = 0.0

    def on_ready(self, event: events.Ready) -> None:
        if self._freeze_after_start:
            # The widgets, tree nodes and styles built so far live as long as the app. Left
            # to the collector, each full collection walks them all again: 50-120 ms on a
            # large report, landing in whatever key press triggers it. The command line
            # started without the collector (see `cli.explore`): it works from here on.
            gc.freeze()
            gc.enable()

    @on(LongLived)
    def _long_lived(self, event: LongLived) -> None:
        if self._freeze_after_start:
            gc.freeze()  # as after start-up (`on_ready`)
        if event.handled is not None:
            event.handled.set()

    def on_mount(self) -> None:
        # `kill` (SIGTERM) would end the process where it stands, leaving the terminal on the
        # alternate screen and reporting the mouse: quit as `q` does, which restores it.
        # `kill -INT` would cancel asyncio's main task instead, and Textual's shutdown from
        # there once hung for over a minute (in CI, on a loaded machine): it quits as `q`
        # does too. (Ctrl+C is a key here, not a signal.) SIGHUP (the terminal window closed)
        # and SIGQUIT (Ctrl+\ elsewhere, or `kill -QUIT`) end it the same way.
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT"):
            ending = getattr(signal, name, None)  # Windows has neither SIGHUP nor SIGQUIT
            if ending is not None:
                with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows' loop
                    loop.add_signal_handler(ending, self.exit)
        if self._watch is not None:
            self.set_interval(WATCH_INTERVAL_S, self._look_at_file, name="watch")
        if not self.is_headless and not self.is_web and hasattr(select, "poll"):
            self.set_interval(HANGUP_CHECK_S, self._exit_if_the_terminal_is_gone, name="hangup")
        self._say_it_is_a_draft()

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        super().exit(result, return_code, message)
        self._end_even_if_stuck()

    def _end_even_if_stuck(self) -> None:
        # Textual's shutdown can wait for ever when the terminal went away as the explorer
        # drew (a tmux pane killed just after it started: 2 times in 6 here). py-spy showed
        # the main thread in `WriterThread.write`'s `Queue.put` and the writer thread in
        # `Queue.get`, both waiting. Whatever holds it up, the process ends a few seconds
        # after it was asked to, rather than being left behind with nobody to end it.
        if self.is_headless or self._ending is not None:  # tests run many apps in one process
            return
        self._ending = threading.Timer(ENDING_AT_MOST_S, lambda: os._exit(self.return_code or 0))
        self._ending.daemon = True
        self._ending.start()

    def _exit_if_the_terminal_is_gone(self) -> None:
        # A terminal that goes away sends SIGHUP to the programs it controls, but a program
        # started without a controlling terminal (setsid, some supervisors) gets none: its
        # input just hangs up, and Textual's input thread then reads nothing in a loop at
        # full speed, for ever. The hang-up is seen here, and the explorer ends.
        stdin = sys.__stdin__
        if stdin is None or stdin.closed:
            return
        poller = select.poll()
        poller.register(stdin.fileno(), select.POLLIN)  # hang-ups and errors are always reported
        if any(mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _fd, mask in poller.poll(0)):
            self.exit()

    def get_default_screen(self) -> ExplorerScreen:
        return ExplorerScreen(self.report, self.strings)

    @property
    def explorer(self) -> ExplorerScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ExplorerScreen)
        return screen

    # -- a new version of the report ------------------------------------------------------

    def _look_at_file(self) -> None:
        from ..core.reader.watch import Change

        assert self._watch is not None
        change = self._watch.poll()
        if change is Change.GONE:
            self.notify(
                self.strings.report_gone,
                title=visible_line(str(self._watch.path)),
                severity="warning",
                markup=False,
            )
        elif change is Change.CHANGED:
            self.reload_report()

    @work(thread=True, exclusive=True, group="reload")
    def reload_report(self) -> None:
        """Read the report file again (off the UI thread: a large one takes seconds)."""
        assert self.source is not None
        try:
            report: Report | None = self.source.load()
            problems: Sequence[Problem] = ()
        except ReportError as error:
            report, problems = None, error.problems
        if get_current_worker().is_cancelled:
            return  # a later save is being read; this version must not land after it
        if report is None:
            self.call_from_thread(self._show_problems, problems)
        else:
            # The coroutine is run to its end on the UI thread (call_from_thread awaits it).
            self.call_from_thread(self._show_report, report)  # type: ignore[arg-type]

    def _show_problems(self, problems: Sequence[Problem]) -> None:
        """The new version is broken: say where, and keep showing the last good one."""
        lines = [str(problem) for problem in problems[:PROBLEMS_SHOWN]]
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(self.strings.more_problems.format(count=len(problems) - PROBLEMS_SHOWN))
        self.clear_notifications()
        self.notify(
            "\n".join(lines),
            title=self.strings.reload_failed,
            severity="error",
            timeout=3600,  # until the file is fixed (which clears it) or dismissed with a click
            markup=False,
        )

    async def _show_report(self, report: Report) -> None:
        async with self._showing:  # a version read while the last one is being shown waits
            while len(self.screen_stack) > 1:  # the overview or help, built on the old version
                self.pop_screen()
            if self.is_screen_installed(OVERVIEW):
                self.uninstall_screen(OVERVIEW)
            self.report = report
            if self._freeze_after_start:
                gc.unfreeze()  # the old version and its widgets may go now
            await self.explorer.show_report(report)
            if self._freeze_after_start:
                gc.collect()
                gc.freeze()
        self.clear_notifications()
        self.notify(self.strings.reloaded, timeout=2, markup=False)
        if self._copy_notice is not None:  # said before the editor opened, cleared just now
            self.notify(self._copy_notice, timeout=10, markup=False)
            self._copy_notice = None

    # -- editing -------------------------------------------------------------------------

    @on(ExplorerScreen.EditRequested)
    def _edit(self, event: ExplorerScreen.EditRequested) -> None:
        """Open the report in the reader's editor at what they are reading; show it again after."""
        from ..core.reader.editor import EditorError, editor_command, item_line
        from ..core.reader.watch import file_signature
        from ..core.report.report_bytes import read_report_bytes

        if self.source is None:
            self.notify(self.strings.no_file_to_edit, severity="warning", markup=False)
            return
        if not self._edit_a_copy_if_bundled():
            return
        path = self.source.path
        try:
            source = read_report_bytes(path, self.source.max_bytes).decode("utf-8")
            line = item_line(self.report, source, event.item_id)
        except (ReportError, UnicodeDecodeError):
            line = None  # the editor opens the file at its top, and says what is wrong with it
        try:
            command = editor_command(os.environ, path, line)
            if command is None:
                self.notify(self.strings.no_editor, severity="warning", timeout=8, markup=False)
                return
            command.check_runnable(os.environ)
        except EditorError as error:
            self._editor_failed(error.variable, error.setting, self.strings.editor_problems[error.problem])
            return
        before = file_signature(path)
        shown_is_stale = self._copy_differs  # the reader's earlier copy, not yet on screen
        self._copy_differs = False
        failure: OSError | None = None
        try:
            with self.suspend():
                # Nothing may escape this block: Textual resumes the app only when it ends normally.
                try:
                    ended = subprocess.run(command.argv, check=False)
                except OSError as error:
                    failure = error
        except SuspendNotSupported:
            self.notify(self.strings.cannot_suspend, severity="warning", markup=False)
            return
        if failure is not None:
            self._editor_failed(command.variable, command.setting, failure.strerror or str(failure))
            return
        if file_signature(path) != before or shown_is_stale:
            if self._watch is not None:
                self._watch.accept()  # read below; the watch need not read it again
            self.reload_report()
        elif ended.returncode != 0:
            self.notify(
                self.strings.editor_status.format(status=ended.returncode),
                title=visible_line(f"${command.variable} = {command.setting}"),
                severity="warning",
                markup=False,
            )

    def _edit_a_copy_if_bundled(self) -> bool:
        """Switch the explorer (and `--watch`) to the reader's own copy of the bundled
        report, saying so; False if no copy could be made (and why was said)."""
        from dataclasses import replace

        from ..core.reader.user_copy import CopyState, is_bundled, user_copy
        from ..core.reader.watch import FileWatch
        from ..core.report.loader import bundled_report_path

        assert self.source is not None
        if self.source.is_article or not is_bundled(self.source.path, bundled_report_path()):
            return True
        words = self.strings.shell
        try:
            copy = user_copy(self.source.path, os.environ)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            reason = visible_line(where + (error.strerror or str(error)))
            self.notify(reason, title=words.copy_failed, severity="error", timeout=10, markup=False)
            return False
        self.source = replace(self.source, path=copy.path)
        if self._watch is not None:
            self._watch = FileWatch(copy.path)
        self._copy_differs = copy.state is CopyState.KEPT
        said = {
            CopyState.MADE: words.copy_made,
            CopyState.SAME: words.copy_same,
            CopyState.KEPT: words.copy_kept,
        }
        self._copy_notice = visible_line(said[copy.state].format(path=copy.path))
        self.notify(self._copy_notice, timeout=10, markup=False)
        return True

    def _editor_failed(self, variable: str, setting: str, reason: str) -> None:
        self.notify(
            visible_line(f"${variable} = {setting}: {reason}"),
            title=self.strings.editor_failed,
            severity="error",
            timeout=10,
            markup=False,
        )

    # -- a drafted article ---------------------------------------------------------------

    def _say_it_is_a_draft(self) -> None:
        if self.source is not None and self.source.is_article:
            words = self.strings.reading.drafted_report.format(name=self.source.path.name)
            self.notify(visible_line(words), timeout=8, markup=False)

    def action_save_draft(self) -> None:
        """`w`: write the drafted report beside its article as TOML, never replacing a file
        without a second `w`."""
        from ..core.draft.drafting import draft_text
        from ..core.draft.reading import ArticleError
        from ..core.report.files import write_atomically

        words = self.strings.reading
        if self.source is None or not self.source.is_article:
            self.notify(words.not_a_draft, severity="warning", markup=False)
            return
        target = self.source.path.with_suffix(".toml")
        name = visible_line(target.name)
        confirmed = (
            self._replace_asked == target and time.monotonic() - self._replace_asked_at < REPLACE_WINDOW_S
        )
        if target.exists() and not confirmed:
            self._replace_asked, self._replace_asked_at = target, time.monotonic()
            self.notify(words.draft_exists.format(name=name), severity="warning", markup=False)
            return
        self._replace_asked = None
        try:
            write_atomically(target, draft_text(self.source.path, self.source.max_bytes).encode("utf-8"))
        except (ArticleError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.notify(visible_line(reason), title=words.draft_not_saved, severity="error", markup=False)
            return
        self.notify(words.draft_saved.format(name=name), markup=False)

    def action_cycle_theme(self) -> None:
        index = THEMES.index(self.theme) if self.theme in THEMES else -1
        self.theme = THEMES[(index + 1) % len(THEMES)]
        self.notify(self.theme, title=self.strings.theme, timeout=2, markup=False)

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # built from every binding: only when asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.strings))

    # -- what Textual would otherwise say in English -----------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(Palette(placeholder=self.strings.shell.palette_placeholder, id=self.PALETTE_ID))

    def action_change_theme(self) -> None:
        self.push_screen(Palette(providers=[ThemeProvider], placeholder=self.strings.shell.theme_placeholder))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's commands besides jumping, in the interface's language. `Keys`
        opens this app's help, which lists every key where it works."""
        words = self.strings.shell.system_commands
        yield SystemCommand(*words["theme"], self.action_change_theme)
        yield SystemCommand(*words["keys"], self.action_help)
        yield SystemCommand(*words["quit"], self.action_quit)
        if screen.maximized is not None:
            yield SystemCommand(*words["minimize"], screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(*words["maximize"], screen.action_maximize)

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a text field): say which key does."""
        quitting = [
            b.binding for b in self.active_bindings.values() if b.binding.action in ("quit", "app.quit")
        ]
        if quitting:
            # The key the footer shows (q) before a hidden one (ctrl+q).
            binding = min(quitting, key=lambda binding: not binding.show)
            words = self.strings.shell
            prompt = words.quit_prompt.format(key=self.get_key_display(binding))
            self.notify(prompt, title=words.quit_title, markup=False)
