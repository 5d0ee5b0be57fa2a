"""Plain text read into structure, the way a careful reader of a newspaper's text file would.

The headline is the first line. A Chinese text puts each paragraph on one line; an
English one is often wrapped, so there a paragraph is a run of lines between blank ones.
Sections start at numbered headings (一、, （一）, 1., 第一章), nested as their numbering
nests, and at short title lines (a short line that ends no sentence). Photo captions
are the lines that say so (▲ before, 摄 after), and short lines that sit where a photo
was: between the halves of a paragraph the photo cut, or before the wider gap that a
removed photo leaves in the text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .article import Block, Caption, Heading, Paragraph
from .front_matter import FrontMatter, front_matter_of_lines
from .numbering import HeadingLevels, numbering_rank
from .prose import (
    caption_from_line,
    ends_sentence,
    fold_space,
    is_caption_line,
    is_clause,
    language_of,
    looks_like_title,
)

__all__ = ["PlainText", "read_plain_text"]


_WRAPPED_SHARE = 0.6
"""A wrapped line is rarely shorter than this share of the wrap width: words are shorter."""


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    blanks_before: int


@dataclass(frozen=True, slots=True)
class PlainText:
    title: str
    blocks: tuple[Block, ...]
    front: tuple[FrontMatter, ...]


def read_plain_text(text: str) -> PlainText:
    lines = _lines(text, wrapped=language_of(text) == "en")
    if not lines:
        return PlainText("", (), ())
    title, rest = lines[0].text, lines[1:]
    front, taken = front_matter_of_lines([line.text for line in rest])
    return PlainText(title, tuple(_blocks(rest[taken:])), tuple(front))


def _lines(text: str, *, wrapped: bool) -> list[_Line]:
    """The text's lines, folded, with the number of blank lines before each.

    In wrapped text a line that reaches near the width the text is wrapped at goes on
    in the next line; a shorter one ends its paragraph, or is a line of its own (a
    byline above its date).
    """
    raw_lines = text.splitlines()
    lengths = sorted(len(line.rstrip()) for line in raw_lines if line.strip())
    # Most lines of a wrapped text reach near its width; one unwrapped paragraph must not set it.
    wrap_width = lengths[len(lengths) * 9 // 10] if lengths else 0
    lines: list[_Line] = []
    blanks = 0
    goes_on = False
    for raw in raw_lines:
        line = fold_space(raw)
        if not line:
            blanks += 1
            goes_on = False
            continue
        if goes_on and not _starts_unit(line):
            lines[-1] = _Line(f"{lines[-1].text} {line}", lines[-1].blanks_before)
        else:
            lines.append(_Line(line, blanks))
        goes_on = wrapped and len(raw.rstrip()) >= _WRAPPED_SHARE * wrap_width and not _starts_unit(line)
        blanks = 0
    return lines


def _starts_unit(line: str) -> bool:
    return is_caption_line(line) or (looks_like_title(line) and numbering_rank(line) is not None)


def _wide_gap(lines: list[_Line]) -> int:
    """The fewest blank lines that are more than the text's usual gap between paragraphs."""
    gaps = Counter(line.blanks_before for line in lines[1:])
    usual = gaps.most_common(1)[0][0] if gaps else 1
    return max(usual + 1, 2)


def _blocks(lines: list[_Line]) -> list[Block]:
    wide_gap = _wide_gap(lines)
    levels = HeadingLevels()
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        blocks.append(_block(line, following, blocks[-1] if blocks else None, levels, wide_gap))
    return blocks


def _block(
    line: _Line, following: _Line | None, previous: Block | None, levels: HeadingLevels, wide_gap: int
) -> Block:
    text = line.text
    if is_caption_line(text):
        return caption_from_line(text)
    if not looks_like_title(text):
        return Paragraph(text)
    rank = numbering_rank(text)
    if rank is not None:
        return Heading(text, levels.numbered(rank))
    if following is None or is_clause(text):
        return Paragraph(text)  # a last short line is a sign-off or a note, kept as text
    continues = not looks_like_title(following.text) and not is_caption_line(following.text)
    if isinstance(previous, Paragraph) and not ends_sentence(previous.text) and continues:
        return Caption(text)  # between the halves of a paragraph: the photo cut it there
    if following.blanks_before >= wide_gap:
        return Caption(text)  # the wider gap after it is where its photo was
    return Heading(text, levels.unnumbered())
