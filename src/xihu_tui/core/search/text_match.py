"""Whether a short text (a title, a label) holds what the reader typed, as `/` reads a query.

The command palette and the overview's filter match a few thousand short texts at most,
where `search.SearchIndex` indexes a whole report. They share its rules, through the
same pieces: `search.fold` (case, full-width forms and white space ignored) and
`pinyin` (a query in Latin letters also matches Chinese by its syllables, `jiankang`,
or their initials, `jkm`). Each text is folded once and read as pinyin only when a
pinyin query first meets it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.pinyin import reading_codes, readings
from .folding import fold

__all__ = ["MatchableText", "Query"]

_LETTERS = re.compile("[a-z]+")
_MIN_PINYIN = 2
"""A single letter would find every character whose syllable starts with it."""


class MatchableText:
    """A text, folded once, with the way back from the folded form to its characters."""

    __slots__ = ("_codes", "_initials", "_origin", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        pieces = [fold(char) for char in text]
        self.folded = "".join(pieces)
        self._origin = [index for index, piece in enumerate(pieces) for _ in piece]
        self._codes: str | None = None
        self._initials: bytes | None = None

    def _span(self, start: int, end: int) -> tuple[int, int]:
        return self._origin[start], self._origin[end - 1] + 1

    def pinyin(self) -> tuple[str, bytes]:
        """Each folded character's syllable code, and its initial (a byte, 0 if none)."""
        if self._codes is None or self._initials is None:
            self._codes = reading_codes(self.folded)
            # A code's high byte is its syllable's first letter (`pinyin.Syllables`).
            self._initials = self._codes.encode("utf-16-le")[1::2]
        return self._codes, self._initials


@lru_cache(maxsize=64)
def _finders(letters: str) -> list[tuple[re.Pattern[str], int]]:
    syllables = readings().syllables
    return syllables.finders(letters, frozenset(syllables.names))


class Query:
    """What the reader typed, ready to be looked for in many texts."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.folded = fold(query)
        self.as_pinyin = len(self.folded) >= _MIN_PINYIN and _LETTERS.fullmatch(self.folded) is not None

    def __bool__(self) -> bool:
        return bool(self.folded)

    def find(self, text: MatchableText) -> tuple[int, int] | None:
        """Where the query first matches `text`, as (start, end) in `text.text`: as
        written first, else by pinyin (syllables, then initials); None if nowhere."""
        if not self.folded:
            return None
        at = text.folded.find(self.folded)
        if at >= 0:
            return text._span(at, at + len(self.folded))
        if not self.as_pinyin or not text.folded:
            return None
        codes, initials = text.pinyin()
        found = [
            (match.start(), length)
            for pattern, length in _finders(self.folded)
            if (match := pattern.search(codes)) is not None
        ]
        at = initials.find(self.folded.encode("ascii"))
        if at >= 0:
            found.append((at, len(self.folded)))
        if not found:
            return None
        start, length = min(found, key=lambda entry: (entry[0], -entry[1]))
        return text._span(start, start + length)

    def matches(self, *texts: MatchableText) -> bool:
        return any(self.find(text) is not None for text in texts)
