"""Chinese characters as pinyin syllables, read as pypinyin reads them, for search and sorting.

Plain Python (no Textual). pypinyin's dictionaries are read as the JSON files it ships,
once per process and only when pinyin is first needed (see `_pypinyin_data`).

A syllable is written toneless, as pypinyin's Style.NORMAL writes it (ü as v: 绿 lv),
and coded as one character (`Syllables`), so a text's readings are a string as long as
the text (`reading_codes`) that a regular expression of codes can search.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import threading
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from ..giving_way import give_way

__all__ = ["NOT_CHINESE", "Readings", "Syllables", "reading_codes", "readings", "sort_key", "syllables_of"]

_KEPT = "\x00"  # the search joins texts with it: their codes are kept apart by it too

_VOWEL = re.compile(r"[aeiouv]")
_MAX_CUTS = 64  # ways of cutting one query into syllables that are tried, at most
_CHUNK = 1 << 13  # characters converted per step (about 1 ms), each followed by `give_way`
NOT_CHINESE = "\x01"
_CROSSING = 4  # phrases this long at most are checked for starting before another
_TONE_MARKS = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=4096)  # some 1,500 toned syllables, over and over
def _toneless(reading: str) -> str:
    """`lǜ` -> `lv`, `zhǎng` -> `zhang`, as pypinyin's Style.NORMAL writes them."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return _TONE_MARKS.sub("", decomposed).lower()


def _is_syllable(reading: str) -> bool:
    return reading.isascii() and reading.isalpha()


def _pypinyin_data(name: Literal["pinyin_dict", "phrases_dict"]) -> dict[Any, Any]:
    """One of pypinyin's dictionaries, `pinyin_dict` (code point -> "reading,reading")
    or `phrases_dict` (phrase -> a list of readings per character), read as JSON.

    Read from the JSON files pypinyin ships, without importing pypinyin: importing it
    keeps its phrase dictionary alive as some 200,000 lists that every full garbage
    collection of the process then walks (0.1 s more per collection in a loaded
    explorer), where this reads it once and keeps what the index needs. Falls back to
    importing pypinyin if its data is laid out otherwise; empty without pypinyin.
    """
    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / f"{name}.json"
        if path.is_file():
            return dict(json.loads(path.read_text("utf-8")))
    try:  # a dependency; without it only text search works
        module = importlib.import_module(f"pypinyin.{name}")
    except ImportError:
        return {}
    return dict(getattr(module, name))


@dataclass(frozen=True)
class Readings:
    """How pypinyin reads Chinese: what the pinyin index is built from, once per process."""

    syllables: Syllables
    """Every syllable pypinyin knows, with its code."""
    default_codes: list[str]
    """A `str.translate` table: per code point, the code of its default reading, as
    `lazy_pinyin` reads the character alone (`NOT_CHINESE` for characters without one)."""
    phrase_keys: re.Pattern[str]
    """Matches a character that some phrase reads otherwise than by default: 行 in 银行
    (yin hang; 行 alone is xing), 重 in 重庆. Only such phrases are kept: the others
    change nothing."""
    phrase_windows: dict[str, list[tuple[int, str, str]]]
    """Per two characters around such a character (it and the next, or the last two of
    a phrase): where they are in the phrase, the phrase, and its reading as codes."""
    short_phrases: frozenset[str]
    """Every phrase of pypinyin's of at most `_CROSSING` characters: one that starts
    before a phrase above and ends inside it takes the characters first, as pypinyin
    segments text from the left (目标的建议 is 目标 的, not 标的 bi di)."""


_readings_lock = threading.Lock()
_readings_cache: Readings | None = None


def readings() -> Readings:
    global _readings_cache
    with _readings_lock:
        if _readings_cache is None:
            _readings_cache = _read_readings()
        return _readings_cache


def _read_readings() -> Readings:
    default: dict[int, str] = {}
    names: set[str] = set()
    for code, listed in _pypinyin_data("pinyin_dict").items():
        options = [r for r in map(_toneless, listed.split(",")) if _is_syllable(r)]
        if options:
            default[int(code)] = options[0]
            names.update(options)
    phrases: dict[str, tuple[str, ...]] = {}
    short_phrases: set[str] = set()
    for phrase, listed in _pypinyin_data("phrases_dict").items():
        if len(phrase) <= _CROSSING:
            short_phrases.add(phrase)
        if len(phrase) < 2 or len(listed) != len(phrase):
            continue  # a reading per character, or it could not be placed
        reading = tuple(_toneless(options[0]) for options in listed)
        if all(map(_is_syllable, reading)) and any(
            default.get(ord(char)) != syllable for char, syllable in zip(phrase, reading, strict=True)
        ):
            phrases[phrase] = reading
            names.update(reading)
    syllables = Syllables(names)
    default_codes = [NOT_CHINESE] * 0x110000
    default_codes[ord(_KEPT)] = _KEPT
    for code, syllable in default.items():
        default_codes[code] = syllables.codes[syllable]
    keys: set[str] = set()
    windows: dict[str, list[tuple[int, str, str]]] = {}
    for phrase, reading in phrases.items():
        codes = "".join(map(syllables.codes.__getitem__, reading))
        for at, (char, syllable) in enumerate(zip(phrase, reading, strict=True)):
            if default.get(ord(char)) != syllable:
                keys.add(char)
                window = at if at + 1 < len(phrase) else at - 1
                windows.setdefault(phrase[window : window + 2], []).append((window, phrase, codes))
    for entries in windows.values():
        entries.sort(key=lambda entry: -len(entry[1]))  # the longest phrase first
    phrase_keys = re.compile("[" + "".join(map(re.escape, sorted(keys))) + "]" if keys else "(?!)")
    return Readings(syllables, default_codes, phrase_keys, windows, frozenset(short_phrases))


def reading_codes(text: str) -> str:
    """Each character of `text` as the code of the syllable it reads, in context.

    A character reads as pypinyin reads it alone (its default reading), unless it is
    part of a phrase of pypinyin's phrase dictionary that reads otherwise: 行 is xing,
    but hang in 银行. Where such phrases overlap, the one that starts first, then the
    longer, wins (as pypinyin's segmentation mostly does). Characters without a reading
    are `NOT_CHINESE`; `_KEPT` stays itself.

    Works in steps of `_CHUNK` characters, so a worker thread reading a large report
    never holds the GIL for long.
    """
    data = readings()
    size = len(text)
    found: list[tuple[int, int, str]] = []  # (start, -length, codes) of each phrase found
    windows = data.phrase_windows
    for chunk in range(0, size, _CHUNK):
        give_way()
        for key in data.phrase_keys.finditer(text, chunk, min(chunk + _CHUNK, size)):
            position = key.start()
            for window in (position, position - 1):
                for at, phrase, codes in windows.get(text[window : window + 2], ()):
                    start = window - at
                    if start >= 0 and text.startswith(phrase, start) and not _crossed(text, start, data):
                        found.append((start, -len(phrase), codes))
    found.sort()
    table = data.default_codes
    pieces: list[str] = []
    since_given_way = 0  # characters converted since the last `give_way`

    def convert(low: int, high: int) -> None:
        nonlocal since_given_way
        for at in range(low, high, _CHUNK):
            pieces.append(text[at : min(at + _CHUNK, high)].translate(table))
            since_given_way += min(_CHUNK, high - at)
            if since_given_way >= _CHUNK:
                give_way()
                since_given_way = 0

    placed = 0  # `text[:placed]` is in `pieces`
    for start, negative_length, codes in found:
        if start < placed:
            continue  # overlaps a phrase that started earlier, or was longer
        convert(placed, start)
        pieces.append(codes)
        placed = start - negative_length
    convert(placed, size)
    return "".join(pieces)


def _crossed(text: str, start: int, data: Readings) -> bool:
    """Whether a short phrase starts before `start` and ends after it."""
    short = data.short_phrases
    return any(
        text[begin:end] in short
        for begin in range(max(start - _CROSSING + 1, 0), start)
        for end in range(start + 1, begin + _CROSSING + 1)
    )


class Syllables:
    """Every syllable, each with a one-character code.

    A syllable's code is its first letter times 256 plus its rank among the syllables with
    that letter, so codes sort like the syllables (those that start with `hu` are one range
    of codes) and the high byte of a code is the initial.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        ranks: dict[str, int] = {}
        self.codes: dict[str, str] = {}
        for name in self.names:
            rank = ranks[name[0]] = ranks.get(name[0], -1) + 1
            self.codes[name] = chr(ord(name[0]) << 8 | rank)
        self.by_code = {code: name for name, code in self.codes.items()}
        self.ordered_codes = [self.codes[name] for name in self.names]
        # Inside a query a syllable must have a vowel: 嗯 (n, ng) and 呣 (m) would cut every
        # query in many more ways, for characters a report hardly ever holds.
        self.inner = frozenset(name for name in self.names if _VOWEL.search(name))
        self.longest = max(map(len, self.names), default=0)

    def read_in(self, codes: str) -> frozenset[str]:
        """The syllables whose codes are in `codes` (a `reading_codes` string)."""
        present: set[str] = set()
        for start in range(0, len(codes), _CHUNK):
            present.update(codes[start : start + _CHUNK])
        return frozenset(map(self.by_code.__getitem__, present.intersection(self.by_code)))

    def starting(self, prefix: str) -> tuple[str, str] | None:
        """The first and last codes of the syllables that start with `prefix`."""
        first = bisect_left(self.names, prefix)
        stop = bisect_left(self.names, prefix + "{", first)  # "{" sorts right after "z"
        return (self.ordered_codes[first], self.ordered_codes[stop - 1]) if first < stop else None

    def cuts(self, letters: str) -> list[tuple[tuple[str, ...], str]]:
        """Ways to read `letters` as whole syllables, then a syllable or the start of one.

        At least two syllables: one alone (`ji`: 几, 机, 基, 级, 记, 计, 技, 济, 积, 集 and
        all that start with it, 家, 见, 将 ...) would find a good part of any Chinese text,
        slowly and to no use; a single character is found by typing it.
        """
        size = len(letters)
        # ends[i]: letters[i:] can be cut (the last piece only has to start a syllable).
        ends = [False] * (size + 1)
        for i in range(size - 1, -1, -1):
            ends[i] = self.starting(letters[i:]) is not None or any(
                ends[i + n] and letters[i : i + n] in self.inner
                for n in range(1, min(self.longest, size - i - 1) + 1)
            )
        found: list[tuple[tuple[str, ...], str]] = []
        stack: list[tuple[int, tuple[str, ...]]] = [(0, ())] if ends[0] else []
        while stack and len(found) < _MAX_CUTS:
            i, pieces = stack.pop()
            if pieces and self.starting(letters[i:]) is not None:
                found.append((pieces, letters[i:]))
            for n in range(1, min(self.longest, size - i - 1) + 1):
                if ends[i + n] and letters[i : i + n] in self.inner:
                    stack.append((i + n, (*pieces, letters[i : i + n])))
        return found

    def finders(self, letters: str, read: frozenset[str]) -> list[tuple[re.Pattern[str], int]]:
        """Patterns of syllable codes to look for in a string of codes (`reading_codes`),
        each with the number of characters it matches.

        Only cuts that can match there: every syllable is one that some character
        reads (`read`). Cuts with the same first syllable and length share a pattern,
        which starts with its code: a pattern that starts with a literal is one fast
        scan, and a known length leaves only the starts of matches to collect. (Two cuts
        of one query never match at the same place: where they first differ, they need
        different syllables.)
        """
        rests: dict[tuple[str, int], list[str]] = {}
        for pieces, last in self.cuts(letters):
            first = bisect_left(self.names, last)
            stop = bisect_left(self.names, last + "{", first)
            if not (read.issuperset(pieces) and not read.isdisjoint(self.names[first:stop])):
                continue
            lowest, highest = self.ordered_codes[first], self.ordered_codes[stop - 1]
            final = re.escape(lowest) if lowest == highest else f"[{re.escape(lowest)}-{re.escape(highest)}]"
            middle = "".join(self.codes[piece] for piece in pieces[1:])
            rests.setdefault((self.codes[pieces[0]], len(pieces) + 1), []).append(re.escape(middle) + final)
        return [
            (_compiled(re.escape(head) + "(?:" + "|".join(rest) + ")"), length)
            for (head, length), rest in rests.items()
        ]


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def syllables_of(text: str) -> list[str | None]:
    """The syllable each character of `text` reads, in context; None where it reads none.

    >>> syllables_of("银行 App")
    ['yin', 'hang', None, None, None, None]
    """
    by_code = readings().syllables.by_code
    return [by_code.get(code) for code in reading_codes(text)]


@lru_cache(maxsize=16384)
def sort_key(text: str) -> tuple[tuple[str, ...], str]:
    """Sorts Chinese by reading (人口 ren kou before 数字 shu zi), letters and digits
    as themselves, case-folded, and ignores punctuation; ties by the text itself."""
    keys = (
        syllable if syllable is not None else char.casefold()
        for char, syllable in zip(text, syllables_of(text), strict=True)
        if syllable is not None or char.isalnum()
    )
    return tuple(keys), text
