"""Numbered headings in Chinese and English text, and how their numbering nests.

Chinese documents number their outline in a fixed order of styles: 第一章, 第一节,
一、, （一）, 1., （1）. A heading's level follows from the styles in force above it, so
a report that skips 第一章 puts 一、 at level 1, and one that uses (一) alone has it at 1.
"""

from __future__ import annotations

import re

__all__ = ["HeadingLevels", "numbering_rank"]

_CHINESE_NUMERAL = "[一二三四五六七八九十百零〇两]+"
_STYLES = (
    re.compile(rf"^第\s*(?:{_CHINESE_NUMERAL}|\d+)\s*[章编部篇卷]"),
    re.compile(r"^(?:Chapter|Part)\s+(?:\d+|[IVXLC]+)\b", re.IGNORECASE),
    re.compile(rf"^第\s*(?:{_CHINESE_NUMERAL}|\d+)\s*节"),
    re.compile(rf"^{_CHINESE_NUMERAL}\s*[、．.]"),
    re.compile(rf"^[（(]\s*{_CHINESE_NUMERAL}\s*[)）]"),
    # Not 1.9万人 nor 2020.: a digit after the point is a decimal, and a year is no section.
    re.compile(r"^\d{1,2}\s*[、．.](?![\d.．])"),
    re.compile(r"^[（(]\s*\d{1,2}\s*[)）]"),
    re.compile(r"^[①-⑳]"),
)
"""In nesting order: the outermost style first. Chapter and Part share a rank with 第一章."""
_RANK_OF_STYLE = (0, 0, 1, 2, 3, 4, 5, 6)


def numbering_rank(line: str) -> int | None:
    """The nesting rank of the numbering that starts `line` (0 outermost), or None."""
    for style, rank in zip(_STYLES, _RANK_OF_STYLE, strict=True):
        if style.match(line):
            return rank
    return None


class HeadingLevels:
    """The levels of headings read in order: numbered ones by the styles above them."""

    def __init__(self) -> None:
        self._ranks_in_force: list[int] = []
        self._under_title_line = False

    def numbered(self, rank: int) -> int:
        while self._ranks_in_force and self._ranks_in_force[-1] >= rank:
            self._ranks_in_force.pop()
        self._ranks_in_force.append(rank)
        return len(self._ranks_in_force) + self._under_title_line

    def unnumbered(self) -> int:
        """An unnumbered title line is a top-level section, and numbered ones after it nest in it.

        Numbering is an outline's inner structure; the lines a writer sets apart without a
        number are its outer one (the seed article's sections, a bulletin's 附注).
        """
        self._ranks_in_force.clear()
        self._under_title_line = True
        return 1
