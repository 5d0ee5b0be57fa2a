"""The pinyin index: the syllable each folded character of a report reads, for pinyin queries.

One string with one character per folded character: the code of the syllable it reads
(`Syllables`). Syllable codes sort like the syllables and carry the initial in their high
byte, so "a syllable that starts with hu" is a range of codes, and the initials are the
high bytes of the UTF-16 encoding. Characters read as pypinyin reads them in context
(`reading_codes`): alone, 行 is xing; in 银行, hang. One reading per character, so a
pinyin query is one scan, and 建杭 never answers ``jiankang`` by reading 杭 as the kang
pypinyin lists second.

Built by `SearchIndex.build_pinyin`, the first time a query needs it: only then is
pypinyin's dictionary read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.pinyin import Syllables

__all__ = ["PinyinIndex"]


@dataclass(frozen=True, slots=True)
class PinyinIndex:
    codes: str
    """One character per folded character: the code of the syllable it reads
    (`reading_codes`), \\x01 for a character that is not Chinese, \\x00 between texts."""
    initials: bytes
    """One byte per folded character: the initial (the high byte of the syllable code)."""
    read: frozenset[str]
    """The syllables the report's characters read."""
    syllables: Syllables
    """Every syllable, with its code."""
