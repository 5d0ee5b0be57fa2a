"""The find bar: a query, its scope and a match counter, docked under the text."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from ..strings import Strings, search_words


class SearchBar(Horizontal):
    """Posts small messages; the screen does the searching and moving."""

    # Shift+Enter arrives only where the terminal speaks the kitty keyboard protocol (in
    # tmux it is Enter), so Up and Down step too, as in toolong: every terminal sends them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search, stay at the match", id="search.close"),
        Binding("ctrl+g", "cancel", "Cancel search: back to where it began", id="search.cancel"),
        Binding("enter", "step(1)", "Next match", id="search.next", priority=True),
        Binding("shift+enter", "step(-1)", "Previous match", id="search.previous", priority=True, show=False),
        # Priority: the input, a scroll view, has Up and Down of its own (to scroll nothing).
        Binding("up", "step(-1)", "Previous match", id="search.up", priority=True),
        Binding("down", "step(1)", "Next match", id="search.down", show=False, priority=True),
        Binding("ctrl+t", "toggle_scope", "Scope", id="search.scope"),
        Binding("ctrl+f", "narrow", "Only sections with matches", id="search.narrow"),
    ]

    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        height: 1;
        display: none;
        background: $panel;
    }
    SearchBar.-open {
        display: block;
    }
    SearchBar > Input, SearchBar > Input:focus {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
    }
    SearchBar > Label {
        padding: 0 1;
        color: $foreground-muted;
    }
    SearchBar > #search-scope {
        color: $text-accent;
    }
    SearchBar > #search-counter.-none {
        color: $text-error;
    }
    """

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Step(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class ScopeToggled(Message):
        pass

    class Narrow(Message):
        pass

    class Closed(Message):
        """Escape: the bar goes, the reader stays at the match and the search goes on (`n`)."""

    class Cancelled(Message):
        """The reader wants to be back where the search began, the search gone."""

    def __init__(self, strings: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.strings = strings

    def compose(self) -> ComposeResult:
        yield Label(Text("/"), id="search-slash")
        yield Input(placeholder=self.strings.search_placeholder, id="search-input")
        yield Label(id="search-scope")
        yield Label(id="search-counter")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        self.add_class("-open")
        self.input.focus()
        self.input.select_all()

    def close(self) -> None:
        self.remove_class("-open")

    def show_scope(self, whole_report: bool) -> None:
        words = self.strings.scope_report if whole_report else self.strings.scope_section
        self.query_one("#search-scope", Label).update(Text(words))

    def show_counter(self, text: str, *, found: bool) -> None:
        counter = self.query_one("#search-counter", Label)
        # Closed, the bar takes no room, and `n` must not lay out the screen for it: it is
        # laid out when it opens.
        counter.update(Text(text), layout=self.is_open)
        counter.set_class(not found, "-none")

    def show_searching(self, found_so_far: int = 0) -> None:
        """The counter says a search is running (and how many hits it has found so far),
        until `show_counter` gives its result."""
        words = search_words(self.strings)
        if found_so_far:
            self.show_counter(words.found_so_far.format(count=found_so_far), found=True)
        else:
            self.show_counter(words.searching, found=True)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(step))

    def action_toggle_scope(self) -> None:
        self.post_message(self.ScopeToggled())

    def action_narrow(self) -> None:
        self.post_message(self.Narrow())
