"""A block of text wrapped by the project's own Chinese line breaker."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ...core.linebreak import break_lines


@lru_cache(maxsize=4096)
def _lines(plain: str, width: int) -> tuple[tuple[int, int], ...]:
    return tuple(break_lines(plain, width))


class KinsokuText(Widget):
    """Rich text laid out with kinsoku rules instead of Textual's space-only wrapping.

    The styled `Text` is sliced by line spans from `break_lines`, so styles applied
    at offsets into the paragraph (quotes, search hits) land on the right characters.
    """

    DEFAULT_CSS = """
    KinsokuText {
        height: auto;
    }
    """

    def __init__(
        self, text: Text, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = text

    @property
    def text(self) -> Text:
        return self._text

    def update(self, text: Text) -> None:
        """Replace the text (same words with new highlights, or new words)."""
        layout_changed = text.plain != self._text.plain
        self._text = text
        self.refresh(layout=layout_changed)

    def line_of_offset(self, offset: int) -> int:
        """The wrapped line that shows character `offset`, at the current width."""
        for number, (_start, end) in enumerate(_lines(self._text.plain, self._wrap_width)):
            if offset < end:
                return number
        return 0

    @property
    def _wrap_width(self) -> int:
        return max(1, self.content_region.width or self.size.width or 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(_lines(self._text.plain, max(1, width)))

    def render(self) -> Text:
        spans = _lines(self._text.plain, self._wrap_width)
        lines = [self._text[start:end] for start, end in spans]
        # The lines already fit: Textual must not wrap them a second time.
        return Text("\n", no_wrap=True, overflow="ignore").join(lines)
