"""The reading pane's layout: which part of which block each line of the pane shows.

Plain text, columns and line numbers only (no Textual, no styles), so it can be tested
and reasoned about apart from the widget that draws it (`detail_pane.DetailPane`).

Blocks are wrapped lazily, in order, only as far as a line or block is asked for: on
screen, scrolled to, searched. Until then each block counts for an estimate of its
lines, so the pane has a height to show its scrollbar for; the estimate is corrected as
blocks are wrapped. A section of thousands of paragraphs thus opens about as fast as a
short one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from ...core.text.linebreak import break_lines

WRAPPED_AT_ONCE = 200
"""Blocks wrapped as soon as a width is known; the rest only when they are needed."""

Line = tuple[int, int, int] | None
"""A laid-out line: (block index, start, end) of the block's text; None for a blank line."""


@dataclass(frozen=True, slots=True)
class BlockShape:
    """What the layout needs to know of a block: its text and the room around it."""

    plain: str
    indent: int = 0
    """Columns before the text on each of its lines."""
    padding_right: int = 0
    """Columns after the text on each of its lines."""
    space_before: int = 0
    """Blank lines before the block."""
    space_after: int = 0
    """Blank lines after the block."""

    def wrap_width(self, width: int) -> int:
        """The columns the block's text is wrapped to in a pane `width` columns wide."""
        return max(1, width - self.indent - self.padding_right)

    def estimate(self, width: int) -> int:
        """The lines the block will take: about its cells over the line's width."""
        wrap = self.wrap_width(width)
        lines = sum(max(1, -(-about_cells(part) // wrap)) for part in self.plain.split("\n"))
        return self.space_before + lines + self.space_after


def about_cells(text: str) -> int:
    """About `cell_len(text)`, for an estimate: exact for ASCII and CJK text, more for the rest.

    A CJK character is three bytes of UTF-8 and two cells, ASCII one and one; encoding is
    done in C, measuring character by character is not.
    """
    length = len(text)
    return length + (len(text.encode("utf-8", "surrogatepass")) - length) // 2


@lru_cache(maxsize=4096)
def spans(plain: str, width: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each line of `plain` wrapped to `width` columns (kinsoku rules)."""
    return tuple(break_lines(plain, width))


def character_at(plain: str, start: int, end: int, cells: int) -> int | None:
    """The index of the character of `plain[start:end]` drawn `cells` cells into the line."""
    if cells < 0:
        return None
    used = 0
    for index in range(start, end):
        used += cell_len(plain[index])
        if used > cells:
            return index
    return None


class ReadingLayout:
    """The lines of a list of blocks wrapped to a width, wrapped only as far as asked.

    No width (-1) until `set_width` gives one: until then nothing is laid out, and
    `line_of` has no answer.
    """

    def __init__(self, blocks: Sequence[BlockShape] = (), *, wrapped_at_once: int = WRAPPED_AT_ONCE) -> None:
        self.wrapped_at_once = wrapped_at_once
        """Blocks wrapped as soon as a width is set: a section of ordinary length is
        wrapped whole, and its height is then exact from the start."""
        self.blocks: Sequence[BlockShape] = blocks
        self.width = -1
        """The width laid out for; -1 before one is set."""
        self._lines: list[Line] = []
        self._first_lines: list[int] = []
        """Per block wrapped, the index of its first text line in `_lines`."""
        self._estimates: list[int] = []
        """Per block, the lines it was estimated to take."""
        self._estimated_rest = 0
        """The estimated lines of the blocks not wrapped yet."""

    def reset(self, blocks: Sequence[BlockShape]) -> None:
        """Lay out other blocks: nothing is laid out until a width is set again."""
        self.blocks = blocks
        self.width = -1
        self._lines, self._first_lines, self._estimates, self._estimated_rest = [], [], [], 0

    def set_width(self, width: int) -> bool:
        """Start over for `width` columns, unless laid out for it already; True if it started over.

        Every block is estimated (cheap: no wrapping), then the first `wrapped_at_once`
        are wrapped.
        """
        if width == self.width:
            return False
        self.width = width
        self._lines, self._first_lines = [], []
        self._estimates = [block.estimate(width) for block in self.blocks]
        self._estimated_rest = sum(self._estimates)
        self.wrap_to(block=self.wrapped_at_once - 1)
        return True

    def wrap_to(self, *, line: int = 0, block: int = -1) -> bool:
        """Wrap blocks, in order, until there are `line` lines and block `block` is wrapped.

        True if any block was wrapped: the height may have changed, since the blocks just
        wrapped may have taken more or fewer lines than estimated.
        """
        if self.width < 0:
            return False
        lines, firsts, blocks, width = self._lines, self._first_lines, self.blocks, self.width
        wrapped = len(firsts)
        while len(firsts) < len(blocks) and (len(lines) < line or len(firsts) <= block):
            index = len(firsts)
            current = blocks[index]
            lines += [None] * current.space_before
            firsts.append(len(lines))
            lines += [(index, start, end) for start, end in spans(current.plain, current.wrap_width(width))]
            lines += [None] * current.space_after
            self._estimated_rest -= self._estimates[index]
        return len(firsts) > wrapped

    def wrap_all(self) -> None:
        self.wrap_to(block=len(self.blocks) - 1)

    @property
    def wrapped(self) -> int:
        """How many blocks are wrapped (the first ones)."""
        return len(self._first_lines)

    @property
    def wrapped_lines(self) -> int:
        """How many lines the blocks wrapped so far take."""
        return len(self._lines)

    @property
    def height(self) -> int:
        """The lines of all the blocks: exact for those wrapped, estimated for the rest."""
        return len(self._lines) + self._estimated_rest

    def line(self, number: int) -> Line:
        """Which block, and which span of its text, line `number` shows, as far as wrapped
        (None: a blank line, or one not wrapped yet)."""
        return self._lines[number] if 0 <= number < len(self._lines) else None

    def line_of(self, block: int, offset: int = 0) -> int | None:
        """The line that shows character `offset` of block `block` (wrapped to it if need
        be); None with no width to lay out in, or no such block.

        A character no line shows (a space where a line was broken) belongs to the next
        line; one past the text's end, to its last.
        """
        if self.width < 0 or not 0 <= block < len(self.blocks):
            return None
        self.wrap_to(block=block)
        shape = self.blocks[block]
        number = self._first_lines[block]
        for start, end in spans(shape.plain, shape.wrap_width(self.width)):
            # An empty line (between two line breaks) shows the line break at its start.
            if offset < end or start == end >= offset:
                return number
            number += 1
        return number - 1  # past the text's end (or in its trailing spaces): its last line

    def texts(self) -> list[str]:
        """The text of every line wrapped so far (blank lines left out)."""
        return [self.blocks[line[0]].plain[line[1] : line[2]] for line in self._lines if line is not None]
