"""Folding: what texts and queries are compared as (NFKC, case folded, white space removed).

The index and the matching of short texts (`text_match`) fold by the same rules, so a
query finds the same things in a report as in a title or a label. One character may
fold to several (``…`` to ``...``) or to none (white space): `offset_map` and `unfold`
take a match in folded text back to the original characters, so every hit points at
original characters and never starts or ends inside what folding expanded.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

__all__ = [
    "SEPARATOR",
    "STABLE_RUNS",
    "UPPER_CASE",
    "OffsetMap",
    "fold",
    "fold_char",
    "offset_map",
    "short_text",
    "unfold",
]

SEPARATOR = "\x00"
"""Between the index's folded texts: folding removes it, so no match crosses two texts."""


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """What one character searches as: NFKC, case-folded, without white space."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(c for c in folded if not c.isspace() and c != SEPARATOR)


def fold(text: str) -> str:
    """`text` as the search compares it: `Ａｐｐ，２０２０ 年` -> `app,2020年`."""
    return "".join(map(fold_char, text))


def short_text(text: str, limit: int = 60) -> str:
    """`text` quoted for a result's explanation (`SearchResult.detail`), cut at `limit` characters."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


# Characters whose folding is always themselves: the common CJK ideographs and ASCII
# punctuation, digits and lower case. Dropping them first makes finding the others cheap.
STABLE_RUNS = re.compile("[!-@\\[-~\u3400-\u4dbf\u4e00-\u9fff]+")
UPPER_CASE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

OffsetMap = tuple[list[int], list[tuple[int, int, int]]]


def offset_map(text: str, uneven: re.Pattern[str], folded: dict[str, str]) -> OffsetMap:
    """Where `text` folds to more or fewer characters than it has.

    One entry (folded offset, original offset, folded length) per such character, and the
    folded offsets alone, for `bisect`. Everything between entries folds one to one.
    """
    entries: list[tuple[int, int, int]] = []
    shift = 0
    for match in uneven.finditer(text):
        offset = match.start()
        size = len(folded[match[0]])
        entries.append((offset + shift, offset, size))
        shift += size - 1
    return [entry[0] for entry in entries], entries


def unfold(offsets: OffsetMap, start: int, end: int) -> tuple[int, int] | None:
    """Original offsets of the folded `start:end`; None if an end falls inside an expansion."""
    starts, entries = offsets
    index = bisect_right(starts, start) - 1
    first = start
    if index >= 0:
        at, offset, size = entries[index]
        if start < at + size:  # inside what one character expanded to: only its start will do
            if start != at:
                return None
            first = offset
        else:
            first = offset + 1 + start - at - size
    last = end - 1
    index = bisect_right(starts, last, max(index, 0)) - 1
    if index < 0:
        return first, end
    at, offset, size = entries[index]
    if last < at + size:  # only the end of an expansion will do
        return (first, offset + 1) if last == at + size - 1 else None
    return first, offset + 2 + last - at - size
