"""Drawing a line-API widget's lines in one pass, when its CSS asks for nothing but colours and sides.

Textual passes every line of every widget through its styles pipeline (border, outline,
padding, tint, opacity, hatch), which rebuilds the line three or four times, and a
`Strip` is costly to build (each makes seven small caches). On a key that changes the
reading pane, that pipeline was the largest single cost of the frame. The contents tree,
the reading pane and the tables draw complete lines themselves and use none of it but
side padding and borders, so `PlainLines` pads, edges and filters each line once; a line
that has not changed since the last frame is not rebuilt at all.

A widget whose styles do ask for more (a border, say, from a user's stylesheet) is drawn
by Textual as usual: `render` returns None.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.css.styles import RenderStyles
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from .textual_private import get_box


def _needs_textual(styles: RenderStyles, widget: Widget) -> bool:
    """Does drawing this widget take more than colours, side padding and side borders?"""
    top, _right, bottom, _left = styles.padding
    (border_top, _), _, (border_bottom, _), _ = styles.border
    return bool(
        top
        or bottom
        or border_top
        or border_bottom
        or any(edge_type for edge_type, _ in styles.outline)
        or styles.tint.a
        or widget.opacity != 1
        or styles.text_opacity != 1
        or (styles.has_rule("hatch") and styles.hatch != "none")
    )


class PlainLines:
    """Draws a widget's lines: its content, side padding and borders, the app's line filters.

    Remembers what it drew last frame by content strip, so a line whose content is the
    same object as then (the widgets keep their strips), wherever scrolling has moved it,
    costs a lookup. (A strip cropped with `Strip.crop_extend` is the same object for the
    same crop only through Textual's cache: `textual_private` checks that it still is.)
    """

    def __init__(self) -> None:
        self._drawn: dict[int, tuple[Strip, Strip]] = {}
        """Last frame's lines: id of the content strip → (content strip, line drawn from it)."""
        self._look: tuple[object, ...] = ()
        self._left: list[Segment] = []
        self._right: list[Segment] = []
        self._fill: RichStyle = RichStyle()

    def render(self, widget: Widget, crop: Region, render_line: Callable[[int], Strip]) -> list[Strip] | None:
        """The lines of `crop`, or None if the widget's styles need Textual's pipeline."""
        styles = widget.styles
        if _needs_textual(styles, widget):
            return None
        _top, pad_right, _bottom, pad_left = styles.padding
        _, (border_right, right_colour), _, (border_left, left_colour) = styles.border
        width = widget.region.width
        content_width = widget.content_region.width
        base_background, background = widget.background_colors
        filters = widget.get_line_filters()
        look = (width, content_width, styles.padding, styles.border, base_background, background, *filters)
        if look != self._look:
            self._drawn = {}
            self._look = look
            # The edges are drawn as Textual's styles pipeline draws them (same box glyphs and colours).
            inner, outer = Style(background=base_background + background), Style(background=base_background)
            fill = inner.rich_style
            self._left = [Segment(" " * pad_left, fill)] if pad_left else []
            self._right = [Segment(" " * pad_right, fill)] if pad_right else []
            if border_left:
                edge = Style(foreground=base_background + left_colour)
                self._left.insert(0, get_box(border_left, inner, outer, edge)[1][0])
            if border_right:
                edge = Style(foreground=base_background + right_colour)
                self._right.append(get_box(border_right, inner, outer, edge)[1][2])
            self._fill = fill
        left, right, fill = self._left, self._right, self._fill
        before = self._drawn
        drawn: dict[int, tuple[Strip, Strip]] = {}
        lines: list[Strip] = []
        for y in crop.line_range:
            content = render_line(y)
            previous = before.get(id(content))
            if previous is not None and previous[0] is content:
                line = previous[1]
            else:
                line = content.adjust_cell_length(content_width, fill)
                if left or right:
                    line = Strip([*left, *line, *right], width)
                for line_filter in filters:
                    line = line.apply_filter(line_filter, background)
            drawn[id(content)] = (content, line)
            lines.append(line)
        self._drawn = drawn
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            lines = [line.crop(x1, x2) for line in lines]
        return lines
