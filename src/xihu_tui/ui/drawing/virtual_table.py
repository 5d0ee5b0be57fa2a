"""A read-only table that draws only the rows on screen, for tables of any length.

Textual's DataTable measures every cell of every row as rows are added: 10,000 metrics
in seven columns took seconds. Here the cells are plain strings, column widths are
measured once per distinct value, and a row becomes a `Strip` only when it is drawn.
Cells are shown literally, their control characters made visible (`safe_text`).

A table wider than its view gives up room the way a reader would choose: words (labels,
paths) are cut first, with an ellipsis, then optional columns are left out; a number is
never cut, since `1,6` for 1,600 is a wrong figure, not a short one. Only a view too
narrow even for that scrolls sideways.

A heading row (a group's name, when rows are grouped) spans the table: its first cell is
drawn across every column, so a column need not be kept wide, or blank, to hold it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ...core.text.display import fit_cells
from ...core.text.safe_text import visible_line
from .line_view import LineView

PADDING = 1
"""Blank cells on each side of a cell's text."""
SHRUNK_WIDTH = 8
"""The narrowest a column of words is cut to: a few characters and the ellipsis."""
COMFORTABLE_WIDTH = 16
"""Words are cut to this before an optional column is left out."""


@dataclass(frozen=True)
class TableColumn:
    key: str
    label: str
    justify: Literal["left", "right"] = "left"
    max_width: int | None = None
    """Cells wider than this are cut, with an ellipsis (the header is never cut)."""
    keep: Literal["start", "end"] = "start"
    """Which end of a cut cell stays on screen."""
    gives: int | None = None
    """When the table is wider than its view, columns that give more give up room first (0:
    never cut). None: words (left-aligned) give 1, numbers (right-aligned) 0."""
    optional: int = 0
    """0: always shown. 1: left out (rightmost first) before words are cut short; 2: left out
    only when words are as short as they go."""

    @property
    def giving(self) -> int:
        if self.gives is not None:
            return self.gives
        return 0 if self.justify == "right" else 1


class TableMessage(Message):
    """A message from a `VirtualTable`, which is its control (for `@on` selectors)."""

    def __init__(self, table: VirtualTable) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> VirtualTable:
        return self.table


class VirtualTable(LineView, can_focus=True):
    """Rows of text under a header that stays in place; a cursor row; Enter chooses it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Choose", show=False, id="table.choose"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page-down"),
        Binding("home,g", "first", "First", show=False, id="table.first"),
        Binding("end,G", "last", "Last", show=False, id="table.last"),
        Binding("left", "scroll_left", "Left", show=False, id="table.left"),
        Binding("right", "scroll_right", "Right", show=False, id="table.right"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--even-row",
        "virtual-table--cursor",
        "virtual-table--heading",
    }

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .virtual-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .virtual-table--heading {
            text-style: bold;
            color: $accent;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class RowSelected(TableMessage):
        """Enter, or a click on the cursor row."""

        def __init__(self, table: VirtualTable, row_key: str) -> None:
            super().__init__(table)
            self.row_key = row_key

    class RowHighlighted(TableMessage):
        """The cursor moved to another row."""

        def __init__(self, table: VirtualTable, row_key: str, cursor_row: int, *, by_reader: bool) -> None:
            super().__init__(table)
            self.row_key = row_key
            self.cursor_row = cursor_row
            self.by_reader = by_reader
            """Moved by a key or a click, not by the program (`move_cursor`, `set_rows`)."""

    class HeaderSelected(TableMessage):
        """A click on a column's header."""

        def __init__(self, table: VirtualTable, column_key: str) -> None:
            super().__init__(table)
            self.column_key = column_key

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: tuple[TableColumn, ...] = ()
        self.row_keys: tuple[str, ...] = ()
        self._rows: Sequence[Sequence[str]] = ()
        self._headings: Collection[int] = frozenset()
        self._heading_keeps: Literal["start", "end"] = "start"
        self._widths: list[int] = []
        self._fitted: tuple[int, list[tuple[int, int]]] | None = None
        """(view width, [(column index, width)] of the columns shown at that width)."""
        self._lines: LRUCache[tuple[int, bool], Strip] = LRUCache(256)
        self._styles: dict[tuple[str, ...], Style] = {}

    # -- content -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(
        self,
        columns: Sequence[TableColumn],
        keys: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[int] | None = None,
        headings: Collection[int] = frozenset(),
        heading_keeps: Literal["start", "end"] = "start",
    ) -> None:
        """Show `rows` (one string per column), keyed by `keys`; cursor on the first row.

        `widths` are the columns' text widths if the caller knows them (the same rows in
        another order); otherwise each distinct value is measured once, heading rows left
        out. The rows at the indices in `headings` are headings: their first cell spans
        the table, and is cut at its start if `heading_keeps` is "end" (a section's path).
        """
        self.columns, self.row_keys, self._rows = tuple(columns), tuple(keys), rows
        self._headings, self._heading_keeps = headings, heading_keeps
        if widths is None:
            cells = [row for index, row in enumerate(rows) if index not in headings] if headings else rows
            widths = self.measure_widths(columns, cells)
        self._widths = list(widths)
        self._fitted = None
        self._lines.clear()
        self.set_scrollable_size(Size(self.table_width, len(rows) + 1))
        self.scroll_to(0, 0, animate=False)
        self.move_cursor(0)
        self.refresh()

    @staticmethod
    def measure_widths(columns: Sequence[TableColumn], rows: Sequence[Sequence[str]]) -> list[int]:
        widths = []
        for index, column in enumerate(columns):
            widest = max(map(cell_len, map(visible_line, {row[index] for row in rows})), default=0)
            if column.max_width is not None:
                widest = min(widest, column.max_width)
            widths.append(max(cell_len(column.label), widest, 1))
        return widths

    @property
    def widths(self) -> tuple[int, ...]:
        return tuple(self._widths)

    @property
    def table_width(self) -> int:
        """The width of the table as drawn in its view now."""
        return sum(width + 2 * PADDING for _, width in self.shown_columns)

    @property
    def shown_columns(self) -> list[tuple[int, int]]:
        """(column index, width) of each column drawn, fitted to the view's width."""
        return self._fit(self.line_width if self.is_mounted else 0)

    def _fit(self, view: int) -> list[tuple[int, int]]:
        if self._fitted is not None and self._fitted[0] == view:
            return self._fitted[1]
        fitted = fit_columns(self.columns, self._widths, view)
        if self._fitted is not None and self.is_mounted:
            # A scrollbar that came or went changes the view without a resize.
            self.call_after_refresh(self._follow_width)
        self._fitted = (view, fitted)
        self._lines.clear()
        return fitted

    def _follow_width(self) -> None:
        self.set_scrollable_size(Size(self.table_width, len(self._rows) + 1))

    def column_x(self, key: str) -> int:
        """Where a column starts, in table cells (before any horizontal scrolling)."""
        x = 0
        for index, width in self.shown_columns:
            if self.columns[index].key == key:
                return x
            x += width + 2 * PADDING
        raise KeyError(key)

    def set_header_labels(self, labels: Sequence[str]) -> None:
        """New header labels of the same widths or narrower (a sort arrow that moves)."""
        self.columns = tuple(
            replace(column, label=label) for column, label in zip(self.columns, labels, strict=True)
        )
        self.refresh_line(self.scroll_offset.y)  # the header: always the first line on screen

    @property
    def cursor_key(self) -> str | None:
        return self.row_keys[self.cursor_row] if self.row_keys else None

    # -- drawing -------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_looks()

    def on_focus(self, event: events.Focus) -> None:
        self._forget_looks()  # the cursor row's look depends on focus
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._forget_looks()
        self.refresh()

    def _forget_looks(self) -> None:
        self._lines.clear()
        self._styles.clear()

    def _style(self, *components: str) -> Style:
        """The table's style with `components` over it, cached: computing one walks the DOM."""
        style = self._styles.get(components)
        if style is None:
            style = self.rich_style
            for component in components:
                style += self.get_component_rich_style(component)
            self._styles[components] = style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.line_width
        self._fit(width)  # forgets the drawn lines when the width changes
        if y == 0:
            line = self._header_line()
        else:
            row = scroll_y + y - 1
            if row >= len(self._rows):
                return Strip.blank(width, self._style())
            line = self._row_line(row)
        return line.crop_extend(scroll_x, scroll_x + width, self._style())

    def _header_line(self) -> Strip:
        return self._line([column.label for column in self.columns], self._style("virtual-table--header"))

    def _row_line(self, row: int) -> Strip:
        is_cursor = row == self.cursor_row
        key = (row, is_cursor)
        cached = self._lines.get(key)
        if cached is None:
            components: tuple[str, ...] = ("virtual-table--even-row",) if row % 2 else ()
            heading = row in self._headings
            if heading:
                components += ("virtual-table--heading",)
            if is_cursor:
                components += ("virtual-table--cursor",)
            style = self._style(*components)
            line = (
                self._heading_line(self._rows[row][0], style)
                if heading
                else self._line(self._rows[row], style)
            )
            cached = self._lines[key] = line
        return cached

    def _heading_line(self, text: str, style: Style) -> Strip:
        width = max(self.table_width, self.line_width)  # the view's width, when the table is narrower
        inner = max(0, width - 2 * PADDING)
        text = visible_line(text)
        if cell_len(text) > inner:
            text = fit_cells(text, inner, keep=self._heading_keeps)
        pad = " " * PADDING
        return Strip([Segment(pad + text + " " * (inner - cell_len(text)) + pad, style)], width)

    def _line(self, cells: Sequence[str], style: Style) -> Strip:
        pad = " " * PADDING
        segments = []
        for index, width in self.shown_columns:
            column, text = self.columns[index], visible_line(cells[index])
            if cell_len(text) > width:
                text = fit_cells(text, width, keep=column.keep)
            space = " " * max(0, width - cell_len(text))
            body = space + text if column.justify == "right" else text + space
            segments.append(Segment(pad + body + pad, style))
        return Strip(segments, self.table_width)

    # -- the cursor ----------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        if not self._rows:
            return
        self.post_message(
            self.RowHighlighted(self, self.row_keys[new], new, by_reader=not self._moved_by_program)
        )
        # Rows are lines 1.. of the virtual table (line 0 is the header, drawn in place).
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        self._keep_cursor_visible()

    def on_resize(self, event: events.Resize) -> None:
        # Columns are fitted to the width, so the scrollable width follows it.
        self.set_scrollable_size(Size(self.table_width, len(self._rows) + 1))
        # A table that shrinks (the panel making room for notes) must keep its cursor in view.
        self._keep_cursor_visible()

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1))

    def _keep_cursor_visible(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)  # rows under the header
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)

    _moved_by_program = False

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` for the program: the message it sends says so (`by_reader`)."""
        self._moved_by_program = True
        try:
            self.cursor_row = row
        finally:
            self._moved_by_program = False

    def action_cursor(self, step: int) -> None:
        self.cursor_row += step

    def action_page(self, step: int) -> None:
        self.cursor_row += step * max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = len(self._rows) - 1

    def action_select(self) -> None:
        if self.cursor_key is not None:
            self.post_message(self.RowSelected(self, self.cursor_key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x, y = offset.x + self.scroll_offset.x, offset.y
        if y == 0:
            left = 0
            for index, width in self.shown_columns:
                left += width + 2 * PADDING
                if x < left:
                    self.post_message(self.HeaderSelected(self, self.columns[index].key))
                    return
            return
        row = self.scroll_offset.y + y - 1
        if row >= len(self._rows):
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = row


def fit_columns(columns: Sequence[TableColumn], widths: Sequence[int], view: int) -> list[tuple[int, int]]:
    """(column index, width) of the columns to draw in `view` cells: all at their natural
    `widths` if they fit. Else the columns that give most are cut first, the widest of them
    a cell at a time, to `COMFORTABLE_WIDTH`; then the first optional columns are left out,
    rightmost first; then words are cut to `SHRUNK_WIDTH`; then the last optional columns go. Columns that give nothing keep their
    width, whatever the view (0: not yet known)."""
    fitted = dict(enumerate(widths))
    excess = sum(width + 2 * PADDING for width in widths) - view
    if view <= 0 or excess <= 0:
        return list(fitted.items())
    order = sorted({column.giving for column in columns if column.giving > 0}, reverse=True)

    def cut(down_to: int) -> None:
        nonlocal excess
        for giving in order:
            givers = [i for i, column in enumerate(columns) if column.giving == giving and i in fitted]
            while excess > 0 and givers:
                widest = max(givers, key=lambda i: fitted[i])
                if fitted[widest] <= down_to:
                    break
                fitted[widest] -= 1
                excess -= 1

    def leave_out(optional: int) -> None:
        nonlocal excess
        for index in reversed(range(len(columns))):
            if excess > 0 and columns[index].optional == optional and index in fitted:
                excess -= fitted.pop(index) + 2 * PADDING

    cut(COMFORTABLE_WIDTH)
    leave_out(1)
    cut(SHRUNK_WIDTH)
    leave_out(2)
    return list(fitted.items())
