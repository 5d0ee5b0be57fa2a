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
        parts: list[tuple[str, Style] | str] = []
        self._keys = []
        column = 0
        seen_actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen_actions:
                continue  # one entry per action, as Footer shows it
            seen_actions.add(binding.action)
            key = f" {app.get_key_display(binding)} "
            description = f"{binding.description} "
            extra = Style() if enabled else disabled_style
            parts += [(key, key_style + extra), (description, description_style + extra)]
            width = cell_len(key) + cell_len(description)
            self._keys.append((column, column + width, binding.key.split(",")[0]))
            column += width
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, _enabled, _tooltip = palette
            key = f" {app.get_key_display(binding)} "
            description = f"{binding.description} "
            tail_width = 1 + cell_len(key) + cell_len(description)
            gap = max(1, self.size.width - column - tail_width)
            parts += [" " * gap, ("▏", description_style), (key, key_style), (description, description_style)]
            start = column + gap + 1
            self._keys.append((start, start + tail_width - 1, binding.key.split(",")[0]))
        return Content.assemble(*parts)

    def on_resize(self, event: events.Resize) -> None:
        self.refresh()  # the palette's key sits at the right edge

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
