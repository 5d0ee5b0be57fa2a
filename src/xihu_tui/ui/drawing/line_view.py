"""A scroll view drawn with the line API whose scrollable size changes often."""

from __future__ import annotations

from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .line_scrollbar import LineScrollBars
from .plain_lines import PlainLines
from .textual_private import update_scrollbars


class LineView(LineScrollBars, ScrollView):
    """A `ScrollView` that can change its scrollable size without a screen-wide layout.

    Setting `virtual_size` asks for a layout, and Textual then lays out and redraws every
    widget of the screen, though only this widget's scrollbars depend on the size: that
    was most of the cost of moving to another section. `set_scrollable_size` updates
    the scrollbars and redraws this widget alone.
    """

    _frame_width: int | None = None
    """The content's width while a frame is drawn (see `line_width`)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._plain_lines = PlainLines()

    def set_scrollable_size(self, size: Size) -> None:
        if size == self.virtual_size:
            return
        self.set_reactive(ScrollView.virtual_size, size)
        update_scrollbars(self, size)
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Measured once a frame, not once a line: asking Textual for the content region
        # was a fifth of the cost of drawing a line.
        self._frame_width = self.scrollable_content_region.width
        try:
            lines = self._plain_lines.render(self, crop, self.render_line)
            return super().render_lines(crop) if lines is None else lines
        finally:
            self._frame_width = None

    @property
    def line_width(self) -> int:
        """The width of a line: the width of the content, measured once a frame."""
        if self._frame_width is not None:
            return self._frame_width
        return self.scrollable_content_region.width
