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
LONG_BLOCK = 50_000
"""Characters beyond which a block is wrapped a piece at a time, as its lines are needed:
a paragraph of 5 MB took over a second to wrap whole, each time the pane was shown."""
PIECE = 20_000
"""Characters of a long block wrapped at a time."""

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

    def __init__(
        self,
        blocks: Sequence[BlockShape] = (),
        *,
        wrapped_at_once: int = WRAPPED_AT_ONCE,
        long_block: int = LONG_BLOCK,
        piece: int = PIECE,
    ) -> None:
        self.wrapped_at_once = wrapped_at_once
        """Blocks wrapped as soon as a width is set: a section of ordinary length is
        wrapped whole, and its height is then exact from the start."""
        self.long_block, self.piece = long_block, piece
        self.blocks: list[BlockShape] = list(blocks)
        self.width = -1
        """The width laid out for; -1 before one is set."""
        self._lines: list[Line] = []
        self._first_lines: list[int] = []
        """Per block wrapped, the index of its first text line in `_lines`."""
        self._estimates: list[int] = []
        """Per block, the lines it was estimated to take."""
        self._estimated_rest = 0
        """The estimated lines of the blocks not wrapped yet (and of the unwrapped part of a
        long block wrapped in part)."""
        self._open: tuple[int, int, int] | None = None
        """A long block wrapped in part, always the last one wrapped: (its index, where its
        unwrapped text starts, the lines still counted for it in `_estimated_rest`)."""

    def reset(self, blocks: Sequence[BlockShape]) -> None:
        """Lay out other blocks: nothing is laid out until a width is set again."""
        self.blocks = list(blocks)
        self.width = -1
        self._lines, self._first_lines, self._estimates, self._estimated_rest = [], [], [], 0
        self._open = None

    def extend(self, blocks: Sequence[BlockShape]) -> None:
        """More blocks after the last: estimated now (with a width), wrapped when asked for."""
        self.blocks.extend(blocks)
        if self.width >= 0:
            estimates = [block.estimate(self.width) for block in blocks]
            self._estimates += estimates
            self._estimated_rest += sum(estimates)

    def set_width(self, width: int) -> bool:
        """Start over for `width` columns, unless laid out for it already; True if it started over.

        Every block is estimated (cheap: no wrapping), then the first `wrapped_at_once`
        are wrapped (a long one in part).
        """
        if width == self.width:
            return False
        self.width = width
        self._lines, self._first_lines, self._open = [], [], None
        self._estimates = [block.estimate(width) for block in self.blocks]
        self._estimated_rest = sum(self._estimates)
        # Up to a long block: it is wrapped in part, and the blocks after it wait for it.
        at_once = min(self.wrapped_at_once, len(self.blocks))
        while len(self._first_lines) < at_once and self._open is None:
            self._start_block()
        return True

    def wrap_to(self, *, line: int = 0, block: int = -1, whole: bool = False) -> bool:
        """Wrap blocks, in order, until there are `line` lines and block `block` is wrapped
        (a long block in part, unless `whole`, or a later block is asked for).

        True if any block was wrapped: the height may have changed, since the blocks just
        wrapped may have taken more or fewer lines than estimated.
        """
        if self.width < 0:
            return False
        lines, firsts, blocks = self._lines, self._first_lines, self.blocks
        before = (len(firsts), len(lines))
        while True:
            if self._open is not None:
                index = self._open[0]
                if len(lines) < line or index < block or (whole and index <= block):
                    self._wrap_piece()
                    continue
                break
            if len(firsts) >= len(blocks) or not (len(lines) < line or len(firsts) <= block):
                break
            self._start_block()
        return (len(firsts), len(lines)) != before

    def _start_block(self) -> None:
        index = len(self._first_lines)
        current = self.blocks[index]
        lines = self._lines
        lines += [None] * current.space_before
        self._first_lines.append(len(lines))
        if len(current.plain) > self.long_block:
            self._open = (index, 0, self._estimates[index])
            self._wrap_piece()
            return
        lines += [(index, start, end) for start, end in spans(current.plain, current.wrap_width(self.width))]
        lines += [None] * current.space_after
        self._estimated_rest -= self._estimates[index]

    def _wrap_piece(self) -> None:
        """Wrap the next piece of the long block wrapped in part.

        Lines are broken greedily, each from where the last ended: the lines of a piece but
        its last are those of the whole text, and the last is wrapped again with the next
        piece, from its start (a unit's start, past the space a break drops).
        """
        assert self._open is not None
        index, start, counted = self._open
        current = self.blocks[index]
        plain, lines = current.plain, self._lines
        size = self.piece
        while True:
            end = start + size
            found = break_lines(plain[start:end], current.wrap_width(self.width))
            last = end >= len(plain)
            if last or len(found) > 1:
                break
            size *= 2  # a piece within one line: its end is not known yet
        kept = found if last else found[:-1]
        lines += [(index, start + low, start + high) for low, high in kept]
        if last:
            lines += [None] * current.space_after
            self._estimated_rest -= counted
            self._open = None
            return
        start += found[-1][0]
        made = len(lines) - self._first_lines[index]
        left = max(1, self._estimates[index] - made)
        self._estimated_rest += left - counted
        self._open = (index, start, left)

    def wrap_all(self) -> None:
        self.wrap_to(block=len(self.blocks) - 1, whole=True)

    def covers(self, block: int, offset: int = 0) -> bool:
        """Whether character `offset` of block `block` is wrapped already (or as good as:
        `line_of` then wraps one piece at most)."""
        if block >= len(self._first_lines):
            return False
        return self._open is None or self._open[0] != block or offset < self._open[1]

    def far_from(self, line: int, *, characters: int) -> bool:
        """Whether wrapping until there are `line` lines would wrap more than about
        `characters` characters (a line of the width's cells, at most, of text)."""
        return self.width >= 0 and (line - len(self._lines)) * max(1, self.width) > characters

    def work_before(self, block: int, offset: int = 0, *, enough: int) -> tuple[int, int]:
        """About what must be wrapped before `line_of(block, offset)` can answer: characters
        and blocks, counted until either reaches `enough` (no need to know more)."""
        if self.width < 0 or self.covers(block, offset):
            return 0, 0
        characters, first = 0, len(self._first_lines)
        if self._open is not None:
            index, start, _ = self._open
            characters = (offset if index == block else len(self.blocks[index].plain)) - start
            first = index + 1
        for count, shape in enumerate(self.blocks[first:block], 1):
            characters += len(shape.plain)
            if characters >= enough or count >= enough:
                return characters, count
        return characters + (offset if block >= first else 0), max(0, block - first)

    @property
    def complete(self) -> bool:
        """Whether every block is wrapped, whole (the height is then exact)."""
        return len(self._first_lines) == len(self.blocks) and self._open is None

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
        # A long block wrapped in part: on until a wrapped line ends past the offset (a
        # space where the last line broke belongs to the next line, not wrapped yet).
        while self._open is not None and self._open[0] == block and self._lines[-1] is not None:
            if offset < self._lines[-1][2]:
                break
            self._wrap_piece()
        number = self._first_lines[block]
        lines = self._lines
        while number < len(lines) and (line := lines[number]) is not None and line[0] == block:
            _, start, end = line
            # An empty line (between two line breaks) shows the line break at its start.
            if offset < end or start == end >= offset:
                return number
            number += 1
        return number - 1  # past the text's end (or in its trailing spaces): its last line

    def texts(self) -> list[str]:
        """The text of every line wrapped so far (blank lines left out)."""
        return [self.blocks[line[0]].plain[line[1] : line[2]] for line in self._lines if line is not None]
