"""Search a report: literal text, pinyin and number queries, for the explorer and the CLI.

Plain Python (no Textual). ``pypinyin`` is imported only when the pinyin index is built.
The query language is described in docs/search.md.

How it stays fast on a large report:

* Every searchable text (section titles, paragraphs, figure captions and credits) is
  folded once, character by character: NFKC (full width to half width), case folding,
  white space removed. The folded texts are joined by ``"\\x00"`` (which folding removes
  from texts and queries, so no match crosses two texts) into one string searched with
  ``str.find``; a sorted list of text starts maps a position to its text with ``bisect``.
  Texts that do not fold one character to one character keep a small map of where they
  do not, so every hit points at original characters and never starts or ends inside
  what folding expanded.
* Texts are stored in reading order, and ``Section.walk`` is depth first, so a section
  with its subsections is one contiguous range: a scoped search scans only that range.
* The pinyin index holds, per reading layer, one string with one character per folded
  character: the code of its syllable (``_Syllables``). Syllable codes sort like the
  syllables and carry the initial in their high byte, so "a syllable that starts with
  hu" is a range of codes, and the initials are the high bytes of the UTF-16 encoding.
  Layer 0 reads each character with pypinyin's default reading, layer 1 with its second
  one (heteronyms: 行 hang, 长 chang, 重 chong, 都 du): 银行 answers ``yinhang``.
* Queries are literal, never regular expressions. The only patterns compiled are built
  from syllable codes, to find "these syllables, then one that starts with these letters".
* The last results are kept: typing back, or scoping the same query, costs nothing.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import starmap
from typing import Literal

from .display import full_number
from .model import Figure, Report, Section
from .numbers import parse_quantity

__all__ = ["Field", "Hit", "Problem", "QueryKind", "SearchIndex", "SearchResult", "fold"]

Field = Literal["title", "paragraph", "caption", "credit"]
QueryKind = Literal["empty", "text", "pinyin", "number"]
Problem = Literal["blank", "no-match", "bad-number", "unknown-section"]


@dataclass(frozen=True, slots=True)
class Hit:
    section_id: str
    """The section whose text pane shows the hit (the section itself for a title hit)."""
    item_id: str
    """Section id (title), paragraph id, or figure id (caption, credit)."""
    field: Field
    start: int
    """Offsets into the original text of the field: title, paragraph text, caption or credit."""
    end: int
    metric_id: str | None = None
    """Set for number-query hits: the hit is that metric's quote inside its paragraph."""


@dataclass(frozen=True)
class SearchResult:
    query: str
    kind: QueryKind
    hits: tuple[Hit, ...]
    """In reading order."""
    problem: Problem | None = None
    """Why there are no hits, as a code the UI translates; None when there are hits."""
    detail: str = ""
    """An English explanation, for the command line and debugging."""

    def counts_by_section(self) -> dict[str, int]:
        """Hits per section id, counting only hits directly in the section, in reading order."""
        counts: dict[str, int] = {}
        for hit in self.hits:
            counts[hit.section_id] = counts.get(hit.section_id, 0) + 1
        return counts


# --- folding ---------------------------------------------------------------------------

_SEPARATOR = "\x00"


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """What one character searches as: NFKC, case-folded, without white space."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(c for c in folded if not c.isspace() and c != _SEPARATOR)


def fold(text: str) -> str:
    """`text` as the search compares it: `Ａｐｐ，２０２０ 年` -> `app,2020年`."""
    return "".join(map(_fold_char, text))


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


# Characters whose folding is always themselves: the common CJK ideographs and ASCII
# punctuation, digits and lower case. Dropping them first makes finding the others cheap.
_STABLE_RUNS = re.compile("[\x21-\x40\x5b-\x7e\u3400-\u4dbf\u4e00-\u9fff]+")
_UPPER_CASE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

_OffsetMap = tuple[list[int], list[tuple[int, int, int]]]


def _offset_map(text: str, uneven: re.Pattern[str], folded: dict[str, str]) -> _OffsetMap:
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


def _locate(offsets: _OffsetMap, position: int) -> tuple[int, bool, bool]:
    """The original offset of folded `position`, and whether it starts and ends that character."""
    starts, entries = offsets
    index = bisect_right(starts, position) - 1
    if index < 0:
        return position, True, True
    start, offset, size = entries[index]
    if position < start + size:  # inside what one character expanded to
        return offset, position == start, position == start + size - 1
    return offset + 1 + position - start - size, True, True


# --- number queries --------------------------------------------------------------------

_OPERATORS = {
    ">=": ">=", "<=": "<=", "==": "=", "≥": ">=", "≤": "<=", "≧": ">=", "≦": "<=",
    ">": ">", "<": "<", "=": "=",
}  # fmt: skip
# Longest first, so >= is not read as > followed by "=1".
_OPERATOR_RE = re.compile("|".join(map(re.escape, sorted(_OPERATORS, key=len, reverse=True))))
_LONGEST_NUMBER = 64  # characters tried for the number part; nothing real is longer
_PEOPLE = "人"
_PEOPLE_WORDS = frozenset({"名", "位"})


@dataclass(frozen=True, slots=True)
class _NumberQuery:
    operator: str  # ">", ">=", "<", "<=", "="
    value: float
    unit: str  # "" for any unit

    def value_test(self) -> Callable[[float], bool]:
        """A predicate on values; equal means equal to 1 part in 10^9, as `math.isclose`."""
        target = self.value
        slack = max(abs(target) * 1e-9, 1e-12)
        low, high = target - slack, target + slack
        tests = {
            "=": lambda v: low <= v <= high,
            ">=": lambda v: v >= low,
            "<=": lambda v: v <= high,
            ">": lambda v: v > high,
            "<": lambda v: v < low,
        }
        return tests[self.operator]

    def unit_passes(self, unit: str) -> bool:
        if not self.unit:
            return True
        unit = unicodedata.normalize("NFKC", unit)
        if unit == self.unit:
            return True
        # 名 and 位 count people, and a metric of people records 人. (A metric whose unit
        # is 位 is usually a rank, so 人 does not find it.)
        if self.unit in _PEOPLE_WORDS:
            return unit == _PEOPLE
        return self.unit == _PEOPLE and unit == "名"

    def describe(self) -> str:
        unit = f"unit {self.unit}" if self.unit else "any unit"
        return f"number query: value {self.operator} {full_number(self.value)}, {unit}"


def _parse_number_query(query: str) -> _NumberQuery | str | None:
    """None if `query` is not a number query, a reason if it is a bad one."""
    compact = "".join(unicodedata.normalize("NFKC", query).split())
    operator = _OPERATOR_RE.match(compact)
    if operator is None:
        return None
    written = operator.group()
    rest = compact[operator.end() :]
    if not rest:
        return f"no number after {written!r}"
    # The longest start of the rest that is a number (66万, 1.2亿, 96.7%); what follows is the unit.
    for cut in range(min(len(rest), _LONGEST_NUMBER), 0, -1):
        quantity = parse_quantity(rest[:cut])
        if quantity is not None:
            break
    else:
        return f"no number after {written!r}: {_short(rest)} does not start with one"
    unit = rest[cut:]
    if not unit and ("%" in quantity.text or "百分之" in quantity.text):
        unit = "%"
    return _NumberQuery(_OPERATORS[written], quantity.value, unit)


# --- pinyin ----------------------------------------------------------------------------

_LETTERS = re.compile(r"[a-z]{2,}")
_VOWEL = re.compile(r"[aeiouv]")
_MAX_PINYIN_QUERY = 256  # longer ASCII-letter queries are searched as text only
_MAX_CUTS = 64  # ways of cutting one query into syllables that are tried, at most
_CHUNK = 1 << 16  # characters converted per step, so a worker thread never holds the GIL long
_NOT_CHINESE = "\x01"
_TONE_MARKS = re.compile("[\u0300-\u036f]")
_LONGEST_SPAN = 1 << 9  # pinyin spans are packed in an int: start << 9 | (511 - length)

_readings_lock = threading.Lock()
_readings_cache: dict[int, tuple[str, ...]] | None = None


def _toneless(reading: str) -> str:
    """`lǜ` -> `lv`, `zhǎng` -> `zhang`, as pypinyin's Style.NORMAL writes them."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return _TONE_MARKS.sub("", decomposed).lower()


def _all_readings() -> dict[int, tuple[str, ...]]:
    """Every character pypinyin knows, by code point, with its toneless readings, default first.

    Read from pypinyin's single-character dictionary (what `lazy_pinyin` and
    `pinyin(heteronym=True)` look characters up in) in one pass rather than 40,000 calls,
    and kept for the process.
    """
    global _readings_cache
    with _readings_lock:
        if _readings_cache is None:
            try:
                from pypinyin.pinyin_dict import pinyin_dict
            except ImportError:  # a dependency; without it only text search works
                pinyin_dict = {}
            readings: dict[int, tuple[str, ...]] = {}
            for code, listed in pinyin_dict.items():
                options = (_toneless(r) for r in listed.split(","))
                clean = tuple(dict.fromkeys(r for r in options if r.isascii() and r.isalpha()))
                if clean:
                    readings[code] = clean
            _readings_cache = readings
        return _readings_cache


class _Syllables:
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
        self.ordered_codes = [self.codes[name] for name in self.names]
        # Inside a query a syllable must have a vowel: 嗯 (n, ng) and 呣 (m) would cut every
        # query in many more ways, for characters a report hardly ever holds.
        self.inner = frozenset(name for name in self.names if _VOWEL.search(name))
        self.longest = max(map(len, self.names), default=0)

    def starting(self, prefix: str) -> tuple[str, str] | None:
        """The first and last codes of the syllables that start with `prefix`."""
        first = bisect_left(self.names, prefix)
        stop = bisect_left(self.names, prefix + "{", first)  # "{" sorts right after "z"
        return (self.ordered_codes[first], self.ordered_codes[stop - 1]) if first < stop else None

    def cuts(self, letters: str) -> list[tuple[tuple[str, ...], str]]:
        """Ways to read `letters` as whole syllables, then a syllable or the start of one."""
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
            if self.starting(letters[i:]) is not None:
                found.append((pieces, letters[i:]))
            for n in range(1, min(self.longest, size - i - 1) + 1):
                if ends[i + n] and letters[i : i + n] in self.inner:
                    stack.append((i + n, (*pieces, letters[i : i + n])))
        return found

    def finders(self, letters: str) -> list[tuple[str | re.Pattern[str], int]]:
        """What to look for in a layer's string of codes, with how many characters it spans."""
        finders: list[tuple[str | re.Pattern[str], int]] = []
        for pieces, last in self.cuts(letters):
            whole = "".join(self.codes[piece] for piece in pieces)
            first, final = self.starting(last) or ("", "")
            if first == final:
                finders.append((whole + first, len(pieces) + 1))
            else:
                pattern = f"{re.escape(whole)}[{re.escape(first)}-{re.escape(final)}]"
                finders.append((re.compile(pattern), len(pieces) + 1))
        return finders


@dataclass(frozen=True, slots=True)
class _PinyinLayer:
    syllables: str
    """One character per folded character: the code of its syllable in this layer,
    \\x01 for a character that is not Chinese, \\x00 between texts."""
    initials: bytes
    """One byte per folded character: the initial (the high byte of the syllable code)."""
    new_initials: bool
    """False when `initials` is the same as the layer before's: nothing new to find there."""


# --- the index -------------------------------------------------------------------------

_CACHED_RESULTS = 32
_CACHED_HITS = 20_000  # results with more hits are not kept


class SearchIndex:
    """Everything searchable in a report, folded once; searched by `search`.

    Creating one is cheap. The text index is built on the first search (or by
    `build_pinyin`), the pinyin index by `build_pinyin` or the first search that needs it.
    """

    def __init__(self, report: Report) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._pinyin_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._built = False
        self._layers: tuple[_PinyinLayer, ...] | None = None
        self._syllables: _Syllables | None = None
        self._cache: OrderedDict[tuple[str, str | None], SearchResult] = OrderedDict()

    # building ---------------------------------------------------------------------------

    def _build(self) -> None:
        if self._built:
            return
        with self._lock:
            if self._built:
                return
            self._collect()
            self._fold_all()
            self._locate_metrics()
            self._built = True

    def _collect(self) -> None:
        """Every searchable text in reading order, and the range of texts of each section."""
        owners: list[tuple[str, str, Field]] = []  # (section id, item id, field) per text
        texts: list[str] = []
        ranges: dict[str, tuple[int, int]] = {}
        paragraph_text: dict[str, int] = {}

        def add(section_id: str, item_id: str, field: Field, text: str) -> None:
            if field == "paragraph":
                paragraph_text.setdefault(item_id, len(texts))
            owners.append((section_id, item_id, field))
            texts.append(text)

        def add_figures(section: Section, figures: Iterable[Figure]) -> None:
            for figure in figures:
                add(section.id, figure.id, "caption", figure.caption)
                if figure.credit is not None:
                    add(section.id, figure.id, "credit", figure.credit)

        def add_section(section: Section) -> None:
            first = len(texts)
            add(section.id, section.id, "title", section.title)
            placed = {p.id for p in section.paragraphs}
            after: dict[str | None, list[Figure]] = {}
            orphans: list[Figure] = []  # after a paragraph that does not exist: last
            for figure in section.figures:
                if figure.after is None or figure.after in placed:
                    after.setdefault(figure.after, []).append(figure)
                else:
                    orphans.append(figure)
            add_figures(section, after.get(None, ()))
            for paragraph in section.paragraphs:
                add(section.id, paragraph.id, "paragraph", paragraph.text)
                add_figures(section, after.get(paragraph.id, ()))
            add_figures(section, orphans)
            for child in section.sections:
                add_section(child)
            ranges[section.id] = (first, len(texts))

        for section in self._report.sections:
            add_section(section)
        self._owners, self._texts, self._ranges = owners, texts, ranges
        self._paragraph_text = paragraph_text

    def _fold_all(self) -> None:
        texts = self._texts
        candidates = set(_UPPER_CASE)
        for batch in range(0, len(texts), 1024):  # in steps, so a worker never holds the GIL long
            candidates.update(_STABLE_RUNS.sub("", "".join(texts[batch : batch + 1024])))
        changed = {c: f for c in candidates if (f := _fold_char(c)) != c}
        uneven = "".join(c for c, f in changed.items() if len(f) != 1)
        changed_re = re.compile("[" + "".join(map(re.escape, changed)) + "]") if changed else None
        uneven_re = re.compile("[" + "".join(map(re.escape, uneven)) + "]") if uneven else None

        def replace(match: re.Match[str]) -> str:
            return changed[match[0]]

        folded_texts: list[str] = []
        maps: dict[int, _OffsetMap] = {}
        for index, text in enumerate(texts):
            if changed_re is not None and changed_re.search(text):
                folded_texts.append(changed_re.sub(replace, text))
                if uneven_re is not None and uneven_re.search(text):
                    maps[index] = _offset_map(text, uneven_re, changed)
            else:
                folded_texts.append(text)
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        for folded_text in folded_texts:
            starts.append(position)
            position += len(folded_text)
            ends.append(position)
            position += 1
        self._folded = _SEPARATOR.join(folded_texts)
        self._starts, self._ends, self._maps = starts, ends, maps

    def _locate_metrics(self) -> None:
        """Each metric's quote in its paragraph, in reading order."""
        located = []
        for metric in self._report.metrics:
            text = self._paragraph_text.get(metric.paragraph)
            if text is None or not metric.quote:
                continue
            start = self._texts[text].find(metric.quote)
            if start != -1:
                located.append((text, start, start + len(metric.quote), metric))
        located.sort(key=lambda entry: entry[:3])
        self._metrics = located
        self._metric_texts = [entry[0] for entry in located]

    def build_pinyin(self) -> None:
        """Build the pinyin index (and the text index under it). Idempotent and thread-safe."""
        self._build()
        if self._layers is not None:
            return
        with self._pinyin_lock:
            if self._layers is not None:
                return
            readings = _all_readings()
            syllables = _Syllables(r for options in readings.values() for r in options)
            depth = 2 if any(len(options) > 1 for options in readings.values()) else 1
            layers: list[_PinyinLayer] = []
            folded = self._folded
            for layer in range(depth):
                table = [_NOT_CHINESE] * 0x110000
                table[ord(_SEPARATOR)] = _SEPARATOR
                for code, options in readings.items():
                    table[code] = syllables.codes[options[min(layer, len(options) - 1)]]
                codes = "".join(
                    folded[start : start + _CHUNK].translate(table) for start in range(0, len(folded), _CHUNK)
                )
                initials = codes.encode("utf-16-le")[1::2]
                new = not layers or initials != layers[-1].initials
                layers.append(_PinyinLayer(codes, initials if new else layers[-1].initials, new))
            self._syllables = syllables
            self._layers = tuple(layers)

    @property
    def pinyin_ready(self) -> bool:
        return self._layers is not None

    # searching --------------------------------------------------------------------------

    def search(self, query: str, *, section_id: str | None = None) -> SearchResult:
        """Find `query` in the whole report, or in `section_id` and its subsections."""
        key = (query, section_id)
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        result = self._search(query, section_id)
        if len(result.hits) <= _CACHED_HITS:
            with self._cache_lock:
                self._cache[key] = result
                while len(self._cache) > _CACHED_RESULTS:
                    self._cache.popitem(last=False)
        return result

    def _search(self, query: str, section_id: str | None) -> SearchResult:
        if not query.strip():
            return SearchResult(query, "empty", (), "blank", "blank query: nothing to search for")
        self._build()
        number = _parse_number_query(query)
        kind: QueryKind = "text" if number is None else "number"
        if section_id is None:
            scope = (0, len(self._texts))
        elif section_id in self._ranges:
            scope = self._ranges[section_id]
        else:
            detail = f"unknown section id {_short(section_id)}"
            return SearchResult(query, kind, (), "unknown-section", detail)
        where = f" in section {section_id!r} and its subsections" if section_id is not None else ""

        if isinstance(number, str):
            return SearchResult(query, "number", (), "bad-number", f"bad number query: {number}")
        if number is not None:
            hits = self._number_hits(number, scope)
            detail = f"{number.describe()}{where}: {_count(hits)}"
            return SearchResult(query, "number", hits, None if hits else "no-match", detail)

        folded = fold(query)
        if not folded:
            detail = f"{_short(query)} has nothing to search for once white space is ignored"
            return SearchResult(query, "text", (), "no-match", detail)
        spans = self._literal_hits(folded, scope)
        from_pinyin = 0
        as_pinyin = _LETTERS.fullmatch(folded) is not None and len(folded) <= _MAX_PINYIN_QUERY
        if as_pinyin:
            self.build_pinyin()
            by_pinyin = self._pinyin_hits(folded, scope)
            if by_pinyin:
                spans, from_pinyin = _merge(spans, by_pinyin) if spans else (by_pinyin, len(by_pinyin))
        owners = self._owners
        hits = tuple(starmap(Hit, [(*owners[t], start, end) for t, start, end in spans]))
        how = f"as text or pinyin ({from_pinyin} by pinyin)" if as_pinyin else "as text"
        detail = f"{_short(query)} (folded {_short(folded)}) {how}{where}: {_count(hits)}"
        return SearchResult(
            query, "pinyin" if from_pinyin else "text", hits, None if hits else "no-match", detail
        )

    def _folded_range(self, scope: tuple[int, int]) -> tuple[int, int]:
        first, stop = scope
        if first >= stop:
            return 0, 0
        return self._starts[first], self._ends[stop - 1]

    def _original(self, offsets: _OffsetMap, start: int, end: int) -> tuple[int, int] | None:
        """Original offsets of folded `start:end` of a text; None if inside an expansion."""
        first, first_starts, _ = _locate(offsets, start)
        last, _, last_ends = _locate(offsets, end - 1)
        return (first, last + 1) if first_starts and last_ends else None

    def _literal_hits(self, folded: str, scope: tuple[int, int]) -> list[tuple[int, int, int]]:
        low, high = self._folded_range(scope)
        corpus, starts, ends, maps, size = self._folded, self._starts, self._ends, self._maps, len(folded)
        found: list[tuple[int, int, int]] = []
        text, text_start, text_end, offsets = -1, 0, -1, None
        position = corpus.find(folded, low, high)
        while position != -1:
            if position >= text_end:
                text = bisect_right(starts, position) - 1
                text_start, text_end, offsets = starts[text], ends[text], maps.get(text)
            local = position - text_start
            if offsets is None:
                found.append((text, local, local + size))
            else:
                span = self._original(offsets, local, local + size)
                if span is None:  # inside an expansion: look again one character on
                    position = corpus.find(folded, position + 1, high)
                    continue
                found.append((text, *span))
            position = corpus.find(folded, position + size, high)
        return found

    def _pinyin_hits(self, letters: str, scope: tuple[int, int]) -> list[tuple[int, int, int]]:
        """Runs of Chinese characters whose syllables, or whose initials, spell `letters`.

        In reading order, without overlaps (the earlier, then the longer, wins).
        """
        layers, syllables = self._layers or (), self._syllables
        if syllables is None:
            return []
        low, high = self._folded_range(scope)
        packed: list[int] = []  # start << 9 | (511 - length): sorts by start, then longest first
        top = _LONGEST_SPAN - 1
        finders = syllables.finders(letters)
        key = letters.encode()
        for layer in layers:
            string = layer.syllables
            for finder, size in finders:
                if isinstance(finder, str):
                    position = string.find(finder, low, high)
                    while position != -1:
                        packed.append(position << 9 | (top - size))
                        position = string.find(finder, position + size, high)
                else:
                    packed.extend(m.start() << 9 | (top - size) for m in finder.finditer(string, low, high))
            if layer.new_initials:
                position = layer.initials.find(key, low, high)
                while position != -1:
                    packed.append(position << 9 | (top - len(key)))
                    position = layer.initials.find(key, position + len(key), high)
        packed.sort()
        found: list[tuple[int, int, int]] = []
        starts, ends, maps = self._starts, self._ends, self._maps
        text, text_start, text_end, offsets = -1, 0, -1, None
        reached = -1
        for entry in packed:
            start = entry >> 9
            end = start + top - (entry & top)
            if start < reached:
                continue
            if start >= text_end:
                text = bisect_right(starts, start) - 1
                text_start, text_end, offsets = starts[text], ends[text], maps.get(text)
            local = start - text_start
            if offsets is None:
                found.append((text, local, local + end - start))
            else:
                span = self._original(offsets, local, local + end - start)
                if span is None:
                    continue
                found.append((text, *span))
            reached = end
        return found

    def _number_hits(self, query: _NumberQuery, scope: tuple[int, int]) -> tuple[Hit, ...]:
        first = bisect_left(self._metric_texts, scope[0])
        stop = bisect_left(self._metric_texts, scope[1], first)
        passes = query.value_test()
        units: dict[str, bool] = {}
        owners = self._owners
        hits = []
        for text, start, end, metric in self._metrics[first:stop]:
            if not passes(metric.value):
                continue
            unit_ok = units.get(metric.unit)
            if unit_ok is None:
                unit_ok = units[metric.unit] = query.unit_passes(metric.unit)
            if unit_ok:
                section_id, item_id, _ = owners[text]
                hits.append(Hit(section_id, item_id, "paragraph", start, end, metric.id))
        return tuple(hits)


def _merge(
    literal: list[tuple[int, int, int]], by_pinyin: list[tuple[int, int, int]]
) -> tuple[list[tuple[int, int, int]], int]:
    """Both kinds of hits in reading order without overlaps (the earlier, then text, then the longer)."""
    candidates = sorted([(t, s, 0, -e) for t, s, e in literal] + [(t, s, 1, -e) for t, s, e in by_pinyin])
    kept: list[tuple[int, int, int]] = []
    from_pinyin = 0
    last_text, last_end = -1, 0
    for text, start, source, negative_end in candidates:
        if text == last_text and start < last_end:
            continue
        kept.append((text, start, -negative_end))
        from_pinyin += source
        last_text, last_end = text, -negative_end
    return kept, from_pinyin


def _count(hits: tuple[Hit, ...]) -> str:
    return "1 hit" if len(hits) == 1 else f"{len(hits)} hits"
