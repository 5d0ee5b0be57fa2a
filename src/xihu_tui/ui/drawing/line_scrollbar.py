"""Vertical scrollbars drawn as strips, for the widgets that scroll on nearly every key.

Textual draws a scrollbar as a Rich renderable through the console and then its styles
pipeline, line by line, and redraws it whenever the thumb moves or the scrollable size
changes: for the contents, the reading pane and the metric table that is every key
that moves between sections, and it cost more than drawing the reading pane itself.
`LineScrollBar` draws the same bar (Textual's own `ScrollBarRender.render_bar`: same
glyphs, colours and mouse targets) straight into strips, once per thumb position.
"""

from __future__ import annotations

from typing import cast

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

from .plain_lines import PlainLines
from .textual_private import attach_vertical_scrollbar


class LineScrollBar(ScrollBar):
    """A `ScrollBar` whose vertical bar is drawn with the line API."""

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        self._plain_lines = PlainLines()
        self._bar_key: tuple[object, ...] = ()
        self._bar: list[Strip] = []
        self._strips: dict[Segment, Strip] = {}
        self._look: tuple[object, ...] = ()

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.vertical and self._update_bar():
            lines = self._plain_lines.render(self, crop, self._bar_line)
            if lines is not None:
                return lines
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if not (self.vertical and self._update_bar()):
            return super().render_line(y)
        return self._bar_line(y)

    def _strip(self, segment: Segment, base: Style, width: int) -> Strip:
        """One strip per distinct glyph: a bar is a handful of them, repeated."""
        strip = self._strips.get(segment)
        if strip is None:
            text, style, _ = segment
            strip = self._strips[segment] = Strip([Segment(text, base + style)], width)
        return strip

    def _bar_line(self, y: int) -> Strip:
        return self._bar[y] if y < len(self._bar) else Strip.blank(self.size.width)

    def _update_bar(self) -> bool:
        """Draw the bar's lines if its size, thumb or colours changed (once a frame at most).

        False if Textual's bar is not the usual kind (a custom renderer), to be drawn as Textual does.
        """
        bar = self.render()
        if not isinstance(bar, ScrollBarRender):
            return False
        width, height = self.size
        base = self.rich_style  # beneath the bar's own styles, as Textual renders a widget's content
        key = (width, height, bar.virtual_size, bar.window_size, bar.position, bar.style, base)
        if key != self._bar_key:
            segments = bar.render_bar(
                size=height,
                virtual_size=bar.virtual_size,
                window_size=bar.window_size,
                position=bar.position,
                thickness=width,
                vertical=True,
                **self._colours(bar),
            )
            look = (width, bar.style, base)
            if look != self._look:  # other glyph strips
                self._strips.clear()
                self._look = look
            self._bar = [self._strip(segment, base, width) for segment in segments.segments]
            self._bar_key = key
        return True

    @staticmethod
    def _colours(bar: ScrollBarRender) -> dict[str, Color]:
        # As ScrollBarRender.__rich_console__ passes them; the style is always a Style here.
        style = bar.style
        colours: dict[str, Color] = {}
        if not isinstance(style, str):
            if style.bgcolor is not None:
                colours["back_color"] = style.bgcolor
            if style.color is not None:
                colours["bar_color"] = style.color
        return colours


class LineScrollBars:
    """Mixin for a scrolling widget: its vertical scrollbar is a `LineScrollBar`.

    Textual has no hook for the scrollbar's class (only for its renderer, which would
    still go through the console), so this makes the bar as `Widget.vertical_scrollbar`
    does, with the class swapped (`attach_vertical_scrollbar`).
    """

    _line_scrollbar: LineScrollBar | None = None

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._line_scrollbar is None:
            widget = cast(Widget, self)  # a mixin of widgets only
            bar = LineScrollBar(vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical)
            bar.display = False
            self._line_scrollbar = bar
            attach_vertical_scrollbar(widget, bar)
        return self._line_scrollbar
