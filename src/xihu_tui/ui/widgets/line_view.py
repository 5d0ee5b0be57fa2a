"""A scroll view drawn with the line API whose scrollable size changes often."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class LineView(ScrollView):
    """A `ScrollView` that can change its scrollable size without a screen-wide layout.

    Setting `virtual_size` asks for a layout, and Textual then lays out and redraws every
    widget of the screen, though only this widget's scrollbars depend on the size: that
    was most of the cost of moving to another section. `set_scrollable_size` updates
    the scrollbars and redraws this widget alone.
    """

    def set_scrollable_size(self, size: Size) -> None:
        if size == self.virtual_size:
            return
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()
