"""Line breaking for Chinese and mixed Chinese/Latin text.

Textual and Rich wrap only at spaces, so a run of Chinese is cut wherever the width
runs out: lines start with `，` and `1.9万` is torn in two. This module breaks lines
the way Chinese typesetting does (GB/T 15834 practice as described in the W3C
"Requirements for Chinese Text Layout", clreq):

* a line may break between any two Chinese characters, and between Chinese and Latin;
* Latin words, and runs such as `1+1+1+N`, `P+R`, `2.0`, `96.7%`, break only at spaces;
* closing punctuation never starts a line and opening punctuation never ends one
  (kinsoku); the character before a closing mark is carried down with it (oidashi);
* a number keeps its magnitude suffix: `1.9万`, `16.3亿`, `60多亿`, `4000余`.
  Other words after a number (`2020年`, `86个`) may move to the next line;
* `\\n` always ends a line.

The result is a list of spans into the original string rather than new strings, so
search hits and highlight offsets computed on the text stay valid: the UI slices its
styled text by these spans.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeAlias

from rich.cells import cell_len, get_character_cell_size

__all__ = ["break_lines", "wrap"]

# 行首禁则 (clreq): marks that must not begin a line. Ellipsis and dash are
# here too, which also keeps `……` and `——` in one piece.
_NO_START_CHARS = frozenset(
    "，。、；：？！）》」』”’〕】〗〙〛〉｝］＞％‰℃°・·々〻ゝゞヽヾ～〜…—⸺⸻｡､｣,.;:?!)]}>%"
)
# 行尾禁则: marks that must not end a line.
_NO_END_CHARS = frozenset("（《「『“‘〔【〖〘〚〈｛［＜｢([{<")
# A number keeps these when they follow it directly, in any sequence (`60多亿`).
_SUFFIX_CHARS = frozenset("%％‰万亿千百多余")
# Half-width pause marks stand in for Chinese ones in real text ("时钟滴答,2020年"),
# so unlike in English a break after them is fine even before a digit or letter.
_PAUSE_CHARS = frozenset(",;:!?")
_ZWJ = "\u200d"
_VS16 = "\ufe0f"

# Character classes as bit flags, so one dict lookup per character answers every
# rule: this runs over whole reports on every resize.
_SPACE = 1  # a breakable space: dropped where a line breaks at it
_WORD = 2  # Latin letters, digits and ASCII symbols: break only at spaces
_DIGIT = 4
_NO_START = 8
_NO_END = 16
_SUFFIX = 32
_PAUSE = 64
_APOSTROPHE = 128

_Cluster: TypeAlias = tuple[int, int, int, int]
"""start, end, cells, class: a base character with its marks, never split."""
_Unit: TypeAlias = tuple[int, int, int, int]
"""gap, start, end, cells: clusters with no break between them; `gap` is the cells of
breakable space before the unit, dropped if a line breaks there."""


@lru_cache(maxsize=4096)
def _is_mark(ch: str) -> bool:
    """True for characters drawn onto the one before (accents, ZWJ, VS16)."""
    return not ch.isspace() and (unicodedata.category(ch)[0] == "M" or get_character_cell_size(ch) == 0)


def _is_word(ch: str) -> bool:
    if ch.isascii():
        return ch.isprintable()
    # Wide alphanumerics are ideographs, which break anywhere, except full-width Latin.
    return ch.isalnum() and (get_character_cell_size(ch) == 1 or "\uff10" <= ch <= "\uff5a")


@lru_cache(maxsize=4096)
def _char_class(ch: str) -> int:
    if ch.isspace():
        return _SPACE
    return (
        (_WORD if _is_word(ch) else 0)
        | (_DIGIT if ch.isdigit() else 0)
        | (_NO_START if ch in _NO_START_CHARS else 0)
        | (_NO_END if ch in _NO_END_CHARS else 0)
        | (_SUFFIX if ch in _SUFFIX_CHARS else 0)
        | (_PAUSE if ch in _PAUSE_CHARS else 0)
        | (_APOSTROPHE if ch == "’" else 0)
    )


def _clusters(text: str, start: int, end: int) -> Iterator[_Cluster]:
    # Each distinct character is looked at once: a paragraph repeats a few hundred.
    chars = set(text[start:end])
    classes = {ch: _char_class(ch) for ch in chars}
    widths = {ch: get_character_cell_size(ch) for ch in chars}
    marks = {ch for ch in chars if _is_mark(ch)}
    i = start
    while i < end:
        base = text[i]
        j = i + 1
        # ZWJ also pulls in the character after it, so emoji sequences stay whole.
        while j < end and (text[j] in marks or (text[j - 1] == _ZWJ and not text[j].isspace())):
            j += 1
        if j == i + 1:
            yield i, j, widths[base], classes[base]
        else:
            cells = cell_len(text[i:j])
            if widths[base] == 0 and _VS16 in text[i:j]:
                # Rich lets a VS16 widen the last measured character even when that is
                # in an earlier cluster; assume it does, so no line is wider than measured.
                cells += 1
            # A space carrying a mark is a visible glyph, not a place to break.
            yield i, j, cells, classes[base] & ~_SPACE
        i = j


def _can_break(before2: int, before: int, after: int, spaced: bool, numeric: bool) -> bool:
    """May a line end after a cluster of class `before` and the next begin at `after`?

    `before2` is the class before `before`, `spaced` says spaces separate the two, and
    `numeric` says `before` ends a number or a number's suffix.
    """
    if after & _NO_START or before & _NO_END:
        return False
    if spaced:
        return True
    if numeric and after & _SUFFIX:
        return False
    if before & _APOSTROPHE and before2 & after & _WORD:
        return False  # an apostrophe inside a word: don’t
    if before & after & _WORD:
        # Keep 9,800 and 10:30 whole; see _PAUSE_CHARS for why other pauses may break.
        return bool(before & _PAUSE) and not before2 & after & _DIGIT
    return True


def _units(clusters: Iterable[_Cluster]) -> Iterator[_Unit]:
    before2 = before = 0
    numeric = spaced = False
    gap = 0  # cells of space since the last non-space cluster
    unit_gap, unit_start, unit_end, unit_cells = 0, -1, -1, 0
    for start, end, cells, cls in clusters:
        if cls & _SPACE:
            gap += cells
            spaced = True
            continue
        if unit_start < 0 or _can_break(before2, before, cls, spaced, numeric):
            if unit_start >= 0:
                yield unit_gap, unit_start, unit_end, unit_cells
            unit_gap, unit_start, unit_end, unit_cells = gap, start, end, cells
        else:
            unit_end = end
            unit_cells += gap + cells
        numeric = bool(cls & _DIGIT) or (numeric and not spaced and bool(cls & _SUFFIX))
        before2, before = before, cls
        gap = 0
        spaced = False
    if unit_start >= 0:
        yield unit_gap, unit_start, unit_end, unit_cells


def _split_unit(
    text: str, unit_start: int, unit_end: int, width: int, lines: list[tuple[int, int]]
) -> tuple[int, int, int]:
    """Break a unit wider than a line by clusters; return the last piece as an open line.

    This is the one place a line may still start with a closing mark or be too wide (a
    double-width character at width 1): nothing better is possible.
    """
    start, end, line_cells = unit_start, unit_start, 0
    pending = 0  # cells of space after `end`, dropped if the piece ends there
    for cluster_start, cluster_end, cells, cls in _clusters(text, unit_start, unit_end):
        if cls & _SPACE:
            pending += cells
        elif end == start or line_cells + pending + cells <= width:
            end = cluster_end
            line_cells += pending + cells
            pending = 0
        else:
            lines.append((start, end))
            start, end, line_cells, pending = cluster_start, cluster_end, cells, 0
    return start, end, line_cells


def _break_paragraph(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    # The open line starts at the paragraph start, so leading indentation (the first
    # unit's gap) is kept when it fits; when it doesn't, it is dropped.
    line_start = line_end = start
    line_cells = 0
    for gap, unit_start, unit_end, cells in _units(_clusters(text, start, end)):
        if line_cells + gap + cells <= width:
            line_end = unit_end
            line_cells += gap + cells
            continue
        if line_end > line_start:
            lines.append((line_start, line_end))
        if cells <= width:
            line_start, line_end, line_cells = unit_start, unit_end, cells
        else:
            line_start, line_end, line_cells = _split_unit(text, unit_start, unit_end, width, lines)
    lines.append((line_start, line_end))


def break_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Split `text` into lines at most `width` terminal cells wide.

    Returns (start, end) spans into `text` (so search/highlight offsets into the
    original string are never moved: the UI slices a styled Text/Content by these spans).

    Every `\\n` ends a line and belongs to no span, so a text with n newlines gives at
    least n + 1 lines; an empty text or paragraph gives one empty span, `[(0, 0)]` for
    `""`. Spaces where a line breaks, and at the end of a paragraph, belong to no span
    either. Leading spaces of a paragraph are kept as indentation when they fit.
    Only a unit that cannot fit on any line (a 30-letter word at width 10, `中，` at
    width 3) is cut between characters, and kinsoku gives way there; a line is wider
    than `width` only if it is one character wider than `width` (double-width at
    width 1). `width` below 1 counts as 1.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    start = 0
    while True:
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        _break_paragraph(text, start, end, width, lines)
        if newline < 0:
            return lines
        start = newline + 1


def wrap(text: str, width: int) -> list[str]:
    """Convenience: [text[s:e] for s, e in break_lines(text, width)]."""
    return [text[s:e] for s, e in break_lines(text, width)]
