"""The footer: the keys that work now, on one line, drawn as one piece of text.

Textual's `Footer` mounts a widget per key and rebuilds them all whenever the bindings
change, which is on every focus change and every screen switch; with the explorer's
keys that was a good part of start-up, and most of the cost of opening the overview.
This one redraws a line. It looks the same and takes the same theme variables.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

HELP_KEY = "question_mark"
"""Kept to the last when the bar is narrow: help lists the keys the bar leaves out."""


class KeyBar(Widget):
    """The screen's shown bindings (key and description), and the command palette's key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[int, int, str]] = []
        """Where each key is drawn (start and end column), and the key to press on a click."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        app = self.app
        key_style = Style.from_rich_style(self.get_component_rich_style("key-bar--key"))
        description_style = Style.from_rich_style(self.get_component_rich_style("key-bar--description"))
        disabled_style = Style.from_rich_style(self.get_component_rich_style("key-bar--disabled"))
        active = self.screen.active_bindings
        entries: list[tuple[str, str, bool, str]] = []
        """(key shown, description, enabled, key to press) for each key that fits."""
        seen_actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen_actions:
                continue  # one entry per action, as Footer shows it
            seen_actions.add(binding.action)
            entries.append(
                (f" {app.get_key_display(binding)} ", f"{binding.description} ", enabled, binding.key)
            )
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        tail: tuple[str, str, str] | None = None
        if palette is not None:
            binding = palette[1]
            tail = (f" {app.get_key_display(binding)} ", f"{binding.description} ", binding.key)
        entries, tail = self._fitted(entries, tail)

        parts: list[tuple[str, Style] | str] = []
        self._keys = []
        column = 0
        for key, description, enabled, press in entries:
            extra = Style() if enabled else disabled_style
            parts += [(key, key_style + extra), (description, description_style + extra)]
            width = cell_len(key) + cell_len(description)
            self._keys.append((column, column + width, press.split(",")[0]))
            column += width
        if tail is not None:
            key, description, press = tail
            tail_width = 1 + cell_len(key) + cell_len(description)
            gap = max(1, self.size.width - column - tail_width)
            parts += [" " * gap, ("▏", description_style), (key, key_style), (description, description_style)]
            start = column + gap + 1
            self._keys.append((start, start + tail_width - 1, press.split(",")[0]))
        return Content.assemble(*parts)

    def _fitted(
        self, entries: list[tuple[str, str, bool, str]], tail: tuple[str, str, str] | None
    ) -> tuple[list[tuple[str, str, bool, str]], tuple[str, str, str] | None]:
        """What fits the bar's width, in the order it gives way: the palette's description
        (its key stays), then the keys from the right, the help key last of all, since it
        lists every other one. Nothing is cut mid-word."""
        room = self.size.width

        def width() -> int:
            keys = sum(cell_len(key) + cell_len(description) for key, description, _, _ in entries)
            return keys + (0 if tail is None else 2 + cell_len(tail[0]) + cell_len(tail[1]))

        if room <= 0:
            return entries, tail
        if width() > room and tail is not None and tail[1]:
            tail = (tail[0], "", tail[2])
        entries = list(entries)
        while width() > room and entries:
            helps = [i for i, entry in enumerate(entries) if entry[3] == HELP_KEY]
            last = len(entries) - 1
            entries.pop(last - 1 if helps == [last] and last > 0 else last)
        return entries, tail

    def on_resize(self, event: events.Resize) -> None:
        self.refresh()  # the palette's key sits at the right edge

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
