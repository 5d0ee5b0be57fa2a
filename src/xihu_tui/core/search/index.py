"""Search a report: literal text, pinyin and number queries, for the explorer and the CLI.

Plain Python (no Textual). pypinyin's dictionary is read only when the pinyin index is
built (and pypinyin itself is not imported: see `_pypinyin_data`).
The query language is described in docs/search.md.

How it stays fast on a large report:

* Every searchable text (section titles, paragraphs, figure captions and credits, metric
  labels, group names, and the editors' notes on any of them) is
  folded once, character by character: NFKC (full width to half width), case folding,
  white space removed. The folded texts are joined by ``"\\x00"`` (which folding removes
  from texts and queries, so no match crosses two texts) into one string, searched
  with ``str.find`` and ``str.count``; a sorted list of text starts maps each position
  to its text with ``bisect``.
* A result does not hold `Hit` objects: a short prefix (``2``, ``西``) matches tens of
  thousands of times, a `Hit` costs 1.5–2 µs to make and locating a match in its text
  a few more, while the explorer shows one section's hits at a time. `Hits` keeps how
  many hits each section has and makes hits when they are read, from columns of ints
  (text, start, end). A text query's hits are only counted, one ``str.count`` per
  section, and located a section at a time when read; pinyin matches are counted per
  section from their positions with ``bisect``.
  Texts that do not fold one character to one character keep a small map of where they
  do not, so every hit points at original characters and never starts or ends inside
  what folding expanded.
* Texts are stored in reading order (``Section.contents``: a section's paragraphs, figures
  and subsections as the source prints them), so a section with its subsections is one
  contiguous range: a scoped search scans only that range. A section's own texts are one
  run, or several when a paragraph follows a subsection; hits are counted per run.
* The pinyin index is one string with one character per folded character: the code of
  the syllable it reads (``_Syllables``). Syllable codes sort like the syllables and
  carry the initial in their high byte, so "a syllable that starts with hu" is a range
  of codes, and the initials are the high bytes of the UTF-16 encoding. Characters read
  as pypinyin reads them in context (``_reading_codes``): alone, 行 is xing; in 银行,
  hang. One reading per character, so a pinyin query is one scan, and 建杭 never
  answers ``jiankang`` by reading 杭 as the kang pypinyin lists second.
* Queries are literal, never regular expressions. The only patterns compiled are built
  from syllable codes, to find "these syllables, then one that starts with these letters".
  A pinyin match spans two characters at least: one syllable alone matches too much.
* The last results are kept: typing back, or scoping the same query, costs nothing.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache, partial
from itertools import accumulate, compress, count, repeat
from operator import add, and_, lshift, lt, or_, rshift, sub
from typing import AnyStr, Literal, NamedTuple, TypeVar, overload

from ..report.model import Figure, Group, Metric, Note, Report, Section
from ..text.display import full_number
from ..text.numbers import parse_quantity
from ..text.pinyin import Syllables, reading_codes, readings

__all__ = ["Field", "Hit", "Hits", "Problem", "QueryKind", "SearchIndex", "SearchResult", "fold"]

Field = Literal["title", "paragraph", "caption", "credit", "label", "group", "note"]
QueryKind = Literal["empty", "text", "pinyin", "number"]
Problem = Literal["blank", "no-match", "bad-number", "unknown-section"]


@dataclass(frozen=True, slots=True)
class Hit:
    section_id: str
    """The section whose text pane shows the hit (the section itself for a title hit)."""
    item_id: str
    """Section id (title), paragraph id, figure id (caption, credit), metric id (label), group
    id (group: its label); for a note, the id of what it annotates (section, paragraph,
    figure, metric or group)."""
    field: Field
    start: int
    """Offsets into the original text of the field: title, paragraph text, caption or credit."""
    end: int
    metric_id: str | None = None
    """Set for number-query hits: the hit is that metric's quote inside its paragraph."""


class _Owners:
    """Who owns each searchable text (by its index in reading order), and where sections are."""

    __slots__ = (
        "field",
        "first",
        "item",
        "own_firsts",
        "own_ids",
        "own_stops",
        "section",
        "section_number",
        "segments_of",
    )

    def __init__(
        self,
        section: Sequence[str],
        item: Sequence[str],
        field: Sequence[Field],
        segments: Sequence[tuple[str, int, int]],
        first: dict[str, int],
    ) -> None:
        self.section, self.item, self.field = section, item, field
        self.first = first
        """Per section id, its first text (the title)."""
        # A section's own texts (title, paragraphs, figures) in reading order, as runs of
        # texts between its subsections: one run, unless a paragraph follows a subsection.
        # The runs ("segments"), in reading order, as columns.
        self.own_ids = tuple(section_id for section_id, _first, _stop in segments)
        self.own_firsts = tuple(first for _id, first, _stop in segments)
        self.own_stops = tuple(stop for _id, _first, stop in segments)
        segments_of: dict[str, list[int]] = {}
        number = array("i", bytes(4 * len(section)))
        for index, (section_id, first_text, stop_text) in enumerate(segments):
            segments_of.setdefault(section_id, []).append(index)
            number[first_text:stop_text] = array("i", [index]) * (stop_text - first_text)
        self.segments_of = {section_id: tuple(found) for section_id, found in segments_of.items()}
        """Per section id, its segments."""
        self.section_number = number
        """Per text, its segment (a place in `own_ids`)."""


_NO_OWNERS = _Owners([], [], [], [], {})


_Columns = tuple["array[int]", "array[int]", "array[int]", "list[str] | None"]
"""Hits as columns: text index, start and end in the original text, metric ids (or None)."""


class Hits(Sequence[Hit]):
    """A result's hits in reading order: a read-only sequence that makes each `Hit` when read.

    Hits are kept per section (the sections with hits, in reading order, and how many
    each has), as columns of ints; `len` is O(1), and indexing, slicing and iterating
    make only the hits asked for. The columns are either given for all hits
    (`from_spans`) or found a section at a time when first read (`by_section`: a short
    prefix then costs one `str.count` per section, not work per hit). Equal to a tuple
    of the same hits, as the tuple it replaces was.
    """

    __slots__ = ("_all", "_firsts", "_load", "_loaded", "_offsets", "_owners", "_sections")

    def __init__(
        self,
        owners: _Owners,
        sections: list[int],
        counts: Iterable[int],
        columns: _Columns | None,
        load: Callable[[tuple[int, int]], _Spans] | None = None,
    ) -> None:
        self._owners = owners
        self._sections = sections
        """The segments with hits (runs of a section's own texts), as places in `owners.own_ids`,
        in reading order; "section" below means one of these."""
        self._offsets = [0, *accumulate(counts)]  # section i's hits are offsets[i]:offsets[i + 1]
        self._firsts = list(map(owners.own_firsts.__getitem__, sections))
        self._all = columns
        """Every hit's columns; None when they are loaded a section at a time, by `load`."""
        self._load = load
        self._loaded: list[tuple[_Columns, int] | None] = [None] * len(sections) if columns is None else []

    @classmethod
    def from_spans(
        cls,
        owners: _Owners,
        texts: list[int],
        starts: list[int],
        ends: list[int],
        metric_ids: list[str] | None = None,
    ) -> Hits:
        """Hits found all at once, in reading order."""
        columns = (array("i", texts), array("i", starts), array("i", ends), metric_ids)
        # Counted in C; hits are in reading order, so sections come in reading order too.
        counts = Counter(map(owners.section_number.__getitem__, columns[0]))
        return cls(owners, list(counts), counts.values(), columns)

    @classmethod
    def by_section(
        cls,
        owners: _Owners,
        sections: list[int],
        counts: list[int],
        load: Callable[[tuple[int, int]], _Spans],
    ) -> Hits:
        """`counts[i]` hits in section `sections[i]`, found by `load(its own texts)` when read."""
        return cls(owners, sections, counts, None, load)

    def __len__(self) -> int:
        return self._offsets[-1]

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Hit, ...]: ...
    def __getitem__(self, index: int | slice) -> Hit | tuple[Hit, ...]:
        if isinstance(index, slice):
            chosen = range(len(self))[index]
            if chosen.step == 1:
                return tuple(self._make(chosen.start, chosen.stop))
            return tuple(self._make(i, i + 1)[0] for i in chosen)
        size = len(self)
        position = index + size if index < 0 else index
        if not 0 <= position < size:
            raise IndexError("hit index out of range")
        return self._make(position, position + 1)[0]

    def __iter__(self) -> Iterator[Hit]:
        for section in range(len(self._sections)):  # a section at a time: a loop that stops early makes few
            yield from self._make(self._offsets[section], self._offsets[section + 1])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Hits, tuple)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"<Hits: {len(self)} in {len(self._sections)} sections>"

    def _section_columns(self, section: int) -> tuple[_Columns, int]:
        """The columns holding a section's hits, and where they start in them."""
        if self._all is not None:
            return self._all, self._offsets[section]
        found = self._loaded[section]
        if found is None:
            # With the sections after it, up to a few hundred hits: one call of `load` per
            # section costs more than the hits when they are one or two a section (pinyin).
            assert self._load is not None
            offsets, sections = self._offsets, self._sections
            stop = min(bisect_right(offsets, offsets[section] + _LOADED_HITS) - 1, len(sections))
            stop = max(stop, section + 1)
            owners = self._owners
            first_text = owners.own_firsts[sections[section]]
            stop_text = owners.own_stops[sections[stop - 1]]
            texts, starts, ends = self._load((first_text, stop_text))
            columns = (array("i", texts), array("i", starts), array("i", ends), None)
            for loaded in range(section, stop):
                self._loaded[loaded] = (columns, offsets[loaded] - offsets[section])
            found = self._loaded[section]
            assert found is not None
        return found

    def _make(self, low: int, high: int) -> list[Hit]:
        """Hits `low` to `high`, section by section."""
        hits: list[Hit] = []
        offsets = self._offsets
        section = bisect_right(offsets, low) - 1
        while low < high:
            columns, base = self._section_columns(section)
            stop = min(high, offsets[section + 1])
            first = base + low - offsets[section]
            hits += self._made(columns, first, first + stop - low)
            low = stop
            section += 1
        return hits

    def _made(self, columns: _Columns, low: int, high: int) -> list[Hit]:
        """Hits `low` to `high` of `columns`, made field by field in bulk: see `_set_section`."""
        owners = self._owners
        texts, starts, ends, ids = columns
        texts = texts[low:high]
        hits = list(map(_object_new, repeat(Hit, len(texts))))
        _consume(map(_set_section, hits, map(owners.section.__getitem__, texts)))
        _consume(map(_set_item, hits, map(owners.item.__getitem__, texts)))
        _consume(map(_set_field, hits, map(owners.field.__getitem__, texts)))
        _consume(map(_set_start, hits, starts[low:high]))
        _consume(map(_set_end, hits, ends[low:high]))
        _consume(map(_set_metric, hits, repeat(None) if ids is None else ids[low:high]))
        return hits

    def counts_by_section(self) -> dict[str, int]:
        ids, offsets = self._owners.own_ids, self._offsets
        counts: dict[str, int] = {}
        in_segments = zip(map(ids.__getitem__, self._sections), map(sub, offsets[1:], offsets), strict=True)
        for section_id, found in in_segments:
            counts[section_id] = counts.get(section_id, 0) + found
        return counts

    def in_section(self, section_id: str) -> list[Hit]:
        hits: list[Hit] = []
        for segment in self._owners.segments_of.get(section_id, ()):
            place = bisect_left(self._sections, segment)
            if place < len(self._sections) and self._sections[place] == segment:
                hits += self._make(self._offsets[place], self._offsets[place + 1])
        return hits

    def first_index_at_or_after(self, section_id: str) -> int:
        first = self._owners.first.get(section_id)
        if first is None:
            return 0
        # Texts are in `Report.walk` order (depth first), so a section is at or after
        # `section_id` exactly when its texts are at or after that section's title.
        place = bisect_left(self._firsts, first)
        return self._offsets[place] if place < len(self._firsts) else 0


_LOADED_HITS = 256  # hits located at once, at least, when a section's are read (a section's all)
_NO_HITS = Hits(_NO_OWNERS, [], [], None, None)


@dataclass(frozen=True)
class SearchResult:
    query: str
    kind: QueryKind
    hits: Hits
    """In reading order; a sequence of `Hit` made as they are read."""
    problem: Problem | None = None
    """Why there are no hits, as a code the UI translates; None when there are hits."""
    detail: str = ""
    """An English explanation, for the command line and debugging."""

    def counts_by_section(self) -> dict[str, int]:
        """Hits per section id, counting only hits directly in the section, in reading order."""
        return self.hits.counts_by_section()

    def hits_in_section(self, section_id: str) -> list[Hit]:
        """The hits directly in `section_id` (not its subsections), made only for it."""
        return self.hits.in_section(section_id)

    def first_index_at_or_after(self, section_id: str) -> int:
        """The index in `hits` of the first hit in `section_id` or a section after it in
        reading order (`Report.walk`); 0 if there is none (or no such section)."""
        return self.hits.first_index_at_or_after(section_id)


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
_STABLE_RUNS = re.compile("[!-@\\[-~\u3400-\u4dbf\u4e00-\u9fff]+")
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


def _unfold(offsets: _OffsetMap, start: int, end: int) -> tuple[int, int] | None:
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
_MAX_PINYIN_QUERY = 256  # longer ASCII-letter queries are searched as text only
_LONGEST_SPAN = 1 << 9  # pinyin spans are packed in an int: start << 9 | (511 - length)


@dataclass(frozen=True, slots=True)
class _PinyinIndex:
    codes: str
    """One character per folded character: the code of the syllable it reads
    (`reading_codes`), \\x01 for a character that is not Chinese, \\x00 between texts."""
    initials: bytes
    """One byte per folded character: the initial (the high byte of the syllable code)."""
    read: frozenset[str]
    """The syllables the report's characters read."""
    syllables: Syllables
    """Every syllable, with its code."""


# --- the index -------------------------------------------------------------------------

_CACHED_RESULTS = 32
# Hits are kept as 12 bytes each, so large results are worth keeping (typing back over
# `2` or `xi` is what costs most), within a budget for all results together.
_CACHED_HITS = 1_000_000


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
        self._pinyin: _PinyinIndex | None = None
        self._cache: OrderedDict[tuple[str, str | None], SearchResult] = OrderedDict()
        self._cached_hits = 0

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
        segments: list[tuple[str, int, int]] = []
        first_text: dict[str, int] = {}
        paragraph_text: dict[str, int] = {}

        def add(section_id: str, item_id: str, field: Field, text: str) -> None:
            if field == "paragraph":
                paragraph_text.setdefault(item_id, len(texts))
            owners.append((section_id, item_id, field))
            texts.append(text)

        def add_note(section_id: str, item_id: str, note: Note | None) -> None:
            if note is not None:
                add(section_id, item_id, "note", note.all_text)  # every language: any may be sought

        groups_after = self._groups_by_section()

        def add_section(section: Section) -> None:
            first = len(texts)
            first_text[section.id] = first
            add(section.id, section.id, "title", section.title)
            add_note(section.id, section.id, section.note)
            segment = first
            for item in section.contents():
                if isinstance(item, Section):
                    if len(texts) > segment:
                        segments.append((section.id, segment, len(texts)))
                    add_section(item)
                    segment = len(texts)
                elif isinstance(item, Figure):
                    add(section.id, item.id, "caption", item.words)
                    if item.credit is not None:
                        add(section.id, item.id, "credit", item.credit)
                    add_note(section.id, item.id, item.note)
                else:
                    add(section.id, item.id, "paragraph", item.text)
                    add_note(section.id, item.id, item.note)
            # What the contents list under the section after its text: its metrics, and
            # the groups that begin there (a group is found once, at its first metric).
            for metric in section.metrics:
                add(section.id, metric.id, "label", metric.label)
                add_note(section.id, metric.id, metric.note)
            for group in groups_after.get(section.id, ()):
                add(section.id, group.id, "group", group.label)
                add_note(section.id, group.id, group.description)
            if len(texts) > segment:
                segments.append((section.id, segment, len(texts)))
            ranges[section.id] = (first, len(texts))

        for section in self._report.sections:
            add_section(section)
        # Long-lived columns are tuples of str or int: the garbage collector stops tracking
        # those after one pass, where it would walk lists of them in every full collection.
        self._owners = _Owners(
            tuple(owner[0] for owner in owners),
            tuple(owner[1] for owner in owners),
            tuple(owner[2] for owner in owners),
            segments,
            first_text,
        )
        self._texts, self._ranges = tuple(texts), ranges
        self._paragraph_text = paragraph_text

    def _groups_by_section(self) -> dict[str, list[Group]]:
        """Each group under the section of its first metric; a group with none is not searched."""
        report = self._report
        found: dict[str, list[Group]] = {}
        for group in report.groups:
            members = report.group_members(group.id)
            section = report.section_of.get(members[0].id) if members else None
            if section is not None:
                found.setdefault(section.id, []).append(group)
        return found

    def _fold_all(self) -> None:
        texts = self._texts
        candidates = set(_UPPER_CASE)
        for batch in range(0, len(texts), 1024):  # in steps, so a worker never holds the GIL long
            candidates.update(_STABLE_RUNS.sub("", "".join(texts[batch : batch + 1024])))
        changed = {c: f for c in candidates if (f := _fold_char(c)) != c}
        uneven = "".join(c for c, f in changed.items() if len(f) != 1)
        self._expanded = frozenset("".join(f for f in changed.values() if len(f) > 1))
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
        self._starts, self._ends, self._maps = tuple(starts), tuple(ends), maps
        self._next_starts = tuple(starts[1:])  # bisect_right(next_starts, position) is the text's index
        # Where each section's own texts are in the folded corpus, in reading order.
        owners = self._owners
        self._own_low = tuple(starts[first] for first in owners.own_firsts)
        self._own_high = tuple(ends[stop - 1] for stop in owners.own_stops)

    def _locate_metrics(self) -> None:
        """Each metric's quote in its paragraph, in reading order, as columns."""
        located: list[tuple[int, int, int, Metric]] = []
        for metric in self._report.metrics:
            text = self._paragraph_text.get(metric.paragraph)
            if text is None or not metric.quote:
                continue
            start = self._texts[text].find(metric.quote)
            if start != -1:
                located.append((text, start, start + len(metric.quote), metric))
        located.sort(key=lambda entry: entry[:3])
        self._metric_columns = _MetricColumns(
            texts=[text for text, _, _, _ in located],
            starts=[start for _, start, _, _ in located],
            ends=[end for _, _, end, _ in located],
            values=[metric.value for *_, metric in located],
            units=[metric.unit for *_, metric in located],
            ids=[metric.id for *_, metric in located],
        )

    def build_pinyin(self) -> None:
        """Build the pinyin index (and the text index under it). Idempotent and thread-safe."""
        self._build()
        if self._pinyin is not None:
            return
        with self._pinyin_lock:
            if self._pinyin is not None:
                return
            codes = reading_codes(self._folded)
            syllables = readings().syllables
            initials = codes.encode("utf-16-le")[1::2]
            self._pinyin = _PinyinIndex(codes, initials, syllables.read_in(codes), syllables)

    @property
    def pinyin_ready(self) -> bool:
        return self._pinyin is not None

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
                replaced = self._cache.pop(key, None)  # another thread may have searched it too
                if replaced is not None:
                    self._cached_hits -= len(replaced.hits)
                self._cache[key] = result
                self._cached_hits += len(result.hits)
                while len(self._cache) > _CACHED_RESULTS or self._cached_hits > _CACHED_HITS:
                    self._cached_hits -= len(self._cache.popitem(last=False)[1].hits)
        return result

    def _search(self, query: str, section_id: str | None) -> SearchResult:
        if not query.strip():
            return SearchResult(query, "empty", _NO_HITS, "blank", "blank query: nothing to search for")
        self._build()
        number = _parse_number_query(query)
        kind: QueryKind = "text" if number is None else "number"
        if section_id is None:
            scope = (0, len(self._texts))
        elif section_id in self._ranges:
            scope = self._ranges[section_id]
        else:
            detail = f"unknown section id {_short(section_id)}"
            return SearchResult(query, kind, _NO_HITS, "unknown-section", detail)
        where = f" in section {section_id!r} and its subsections" if section_id is not None else ""

        if isinstance(number, str):
            return SearchResult(query, "number", _NO_HITS, "bad-number", f"bad number query: {number}")
        if number is not None:
            hits = self._number_hits(number, scope)
            detail = f"{number.describe()}{where}: {_count(hits)}"
            return SearchResult(query, "number", hits, None if hits else "no-match", detail)

        folded = fold(query)
        if not folded:
            detail = f"{_short(query)} has nothing to search for once white space is ignored"
            return SearchResult(query, "text", _NO_HITS, "no-match", detail)
        from_pinyin = 0
        as_pinyin = _LETTERS.fullmatch(folded) is not None and len(folded) <= _MAX_PINYIN_QUERY
        if as_pinyin:
            self.build_pinyin()
            pinyin_starts, pinyin_ends = self._pinyin_positions(folded, scope)
            from_pinyin = len(pinyin_starts)
        if from_pinyin:
            spans = self._literal_spans(folded, scope)
            if spans[0]:  # rare: letters that are both in the text and read as pinyin
                by_pinyin = self._to_texts(pinyin_starts, map(sub, pinyin_ends, pinyin_starts))[0]
                spans = _unzip(
                    _without_overlaps(sorted([*zip(*spans, strict=True), *zip(*by_pinyin, strict=True)]))
                )
                hits = self._hits(*spans)
            else:
                hits = self._by_section(pinyin_starts, scope, partial(self._pinyin_spans, folded))
        else:
            hits = self._literal_hits(folded, scope)
        how = f"as text or pinyin ({from_pinyin} by pinyin)" if as_pinyin else "as text"
        detail = f"{_short(query)} (folded {_short(folded)}) {how}{where}: {_count(hits)}"
        return SearchResult(
            query, "pinyin" if from_pinyin else "text", hits, None if hits else "no-match", detail
        )

    def _hits(
        self, texts: list[int], starts: list[int], ends: list[int], metric_ids: list[str] | None = None
    ) -> Hits:
        return Hits.from_spans(self._owners, texts, starts, ends, metric_ids) if texts else _NO_HITS

    def _literal_hits(self, folded: str, scope: tuple[int, int]) -> Hits:
        """Hits of a text query, counted per section now and located a section at a time when read.

        A short prefix (`2`, `西`) matches tens of thousands of times, and locating each
        costs a few µs, on every keystroke, where the explorer shows one section's hits.
        Counting is one `str.count` per section, in C, and gives the right count unless a
        match can be dropped for starting or ending inside an expansion (`…` folds to
        `...`): queries with a character that expansions fold to are located at once.
        """
        if not self._expanded.isdisjoint(folded):
            return self._hits(*self._literal_spans(folded, scope))
        count = self._folded.count
        first = bisect_left(self._owners.own_firsts, scope[0])
        stop = bisect_left(self._owners.own_firsts, scope[1], first)
        counts = list(map(count, repeat(folded), self._own_low[first:stop], self._own_high[first:stop]))
        sections = list(compress(range(first, stop), counts))
        return Hits.by_section(
            self._owners, sections, list(filter(None, counts)), partial(self._literal_spans, folded)
        )

    def _folded_range(self, scope: tuple[int, int]) -> tuple[int, int]:
        first, stop = scope
        if first >= stop:
            return 0, 0
        return self._starts[first], self._ends[stop - 1]

    def _to_texts(self, positions: list[int], sizes: Iterable[int]) -> tuple[_Spans, set[int]]:
        """Folded corpus positions (and match sizes) as (texts, starts, ends) in original offsets.

        Matches that start or end inside what one character folded into are dropped; the
        second value is the set of texts that lost one.
        """
        texts = list(map(bisect_right, repeat(self._next_starts), positions))
        starts = list(map(sub, positions, map(self._starts.__getitem__, texts)))
        ends = list(map(add, starts, sizes))
        dropped: set[int] = set()
        if self._maps:
            keep = [True] * len(texts)
            maps = self._maps
            for i in compress(count(), map(maps.__contains__, texts)):
                span = _unfold(maps[texts[i]], starts[i], ends[i])
                if span is None:
                    keep[i] = False
                    dropped.add(texts[i])
                else:
                    starts[i], ends[i] = span
            if dropped:
                texts, starts, ends = (list(compress(values, keep)) for values in (texts, starts, ends))
        return (texts, starts, ends), dropped

    def _original(self, text: int, start: int, end: int) -> tuple[int, int] | None:
        """Original offsets of folded `start:end` of `text`; None if inside an expansion."""
        offsets = self._maps.get(text)
        return (start, end) if offsets is None else _unfold(offsets, start, end)

    def _literal_spans(self, folded: str, scope: tuple[int, int]) -> _Spans:
        low, high = self._folded_range(scope)
        positions = _occurrences(self._folded, folded, low, high)
        if not positions:
            return [], [], []
        spans, dropped = self._to_texts(positions, repeat(len(folded)))
        if dropped:
            # A match dropped there may hide a good one that overlaps it (`ss` in `sß` is
            # the ß, not the first two letters): search those texts one position at a time.
            kept = [span for span in zip(*spans, strict=True) if span[0] not in dropped]
            for text in dropped:
                kept += self._literal_spans_in(folded, text)
            kept.sort()
            spans = _unzip(kept)
        return spans

    def _literal_spans_in(self, folded: str, text: int) -> list[tuple[int, int, int]]:
        found = []
        size, start, end = len(folded), self._starts[text], self._ends[text]
        position = self._folded.find(folded, start, end)
        while position != -1:
            span = self._original(text, position - start, position - start + size)
            if span is None:
                position = self._folded.find(folded, position + 1, end)
            else:
                found.append((text, *span))
                position = self._folded.find(folded, position + size, end)
        return found

    def _by_section(
        self, positions: list[int], scope: tuple[int, int], load: Callable[[tuple[int, int]], _Spans]
    ) -> Hits:
        """Hits at these folded positions (in order), located a section at a time by `load`.

        Locating each of 20,000 pinyin matches in its text costs more than finding them:
        counting them per section is a `bisect` per section, in C. (Pinyin matches are
        Chinese characters, which fold to themselves: none is dropped when located.)
        """
        first = bisect_left(self._owners.own_firsts, scope[0])
        stop = bisect_left(self._owners.own_firsts, scope[1], first)
        cuts = [*map(bisect_left, repeat(positions), self._own_low[first:stop]), len(positions)]
        counts = list(map(sub, cuts[1:], cuts))
        sections = list(compress(range(first, stop), counts))
        return Hits.by_section(self._owners, sections, list(filter(None, counts)), load)

    def _pinyin_spans(self, letters: str, scope: tuple[int, int]) -> _Spans:
        """Runs of Chinese characters whose syllables, or whose initials, spell `letters`.

        In reading order, without overlaps (the earlier, then the longer, wins).
        """
        starts, ends = self._pinyin_positions(letters, scope)
        return self._to_texts(starts, map(sub, ends, starts))[0] if starts else ([], [], [])

    def _pinyin_positions(self, letters: str, scope: tuple[int, int]) -> tuple[list[int], list[int]]:
        """`_pinyin_spans` as starts and ends in the folded corpus."""
        pinyin = self._pinyin
        if pinyin is None:
            return [], []
        low, high = self._folded_range(scope)
        found: list[tuple[list[int], list[int]]] = []  # starts and ends, per pattern
        for pattern, length in pinyin.syllables.finders(letters, pinyin.read):
            starts = [match.start() for match in pattern.finditer(pinyin.codes, low, high)]
            if starts:
                found.append((starts, list(map(add, starts, repeat(length)))))
        starts = _occurrences(pinyin.initials, letters.encode(), low, high)
        if starts:
            found.append((starts, list(map(add, starts, repeat(len(letters))))))
        if not found:
            return [], []
        if len(found) == 1:
            starts, ends = found[0]  # in order, and without overlaps
        else:
            top = _LONGEST_SPAN - 1  # packed: start << 9 | (511 - size) sorts by start, longest first
            packed = sorted(
                {
                    entry
                    for starts, ends in found
                    for entry in map(
                        or_, map(lshift, starts, repeat(9)), map(sub, repeat(top), map(sub, ends, starts))
                    )
                }
            )
            starts = list(map(rshift, packed, repeat(9)))
            ends = list(map(add, starts, map(sub, repeat(top), map(and_, packed, repeat(top)))))
            if any(map(lt, starts[1:], ends)):  # overlaps (rare): the earlier, then the longer, wins
                kept = [0]
                for i in range(1, len(starts)):
                    if starts[i] >= ends[kept[-1]]:
                        kept.append(i)
                starts, ends = [starts[i] for i in kept], [ends[i] for i in kept]
        return starts, ends

    def _number_hits(self, query: _NumberQuery, scope: tuple[int, int]) -> Hits:
        texts, starts, ends, values, units, ids = self._metric_columns
        first = bisect_left(texts, scope[0])
        stop = bisect_left(texts, scope[1], first)
        passes = query.value_test()
        unit_passes = {unit: query.unit_passes(unit) for unit in set(units[first:stop])}
        kept = [i for i in range(first, stop) if passes(values[i]) and unit_passes[units[i]]]
        return self._hits(
            _pick(texts, kept), _pick(starts, kept), _pick(ends, kept), metric_ids=_pick(ids, kept)
        )


class _MetricColumns(NamedTuple):
    """The metrics whose quotes were found, as columns in reading order (by text, then start)."""

    texts: list[int]
    starts: list[int]
    ends: list[int]
    values: list[float]
    units: list[str]
    ids: list[str]


def _pick(column: list[T], indices: list[int]) -> list[T]:
    return [column[i] for i in indices]


T = TypeVar("T")

_Spans = tuple[list[int], list[int], list[int]]
"""Hits as three lists: text index, start and end in the original text."""


def _occurrences(string: AnyStr, needle: AnyStr, low: int, high: int) -> list[int]:
    """Where `needle` occurs in `string[low:high]`, left to right without overlaps.

    A `find` per occurrence: `split` would copy the whole corpus into pieces, which
    costs more than the loop, whatever the number of hits.
    """
    found: list[int] = []
    append, find, size = found.append, string.find, len(needle)
    position = find(needle, low, high)
    while position != -1:
        append(position)
        position = find(needle, position + size, high)
    return found


def _without_overlaps(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Sorted spans less those that overlap an earlier one in the same text."""
    kept: list[tuple[int, int, int]] = []
    for span in spans:
        if not kept or span[0] != kept[-1][0] or span[1] >= kept[-1][2]:
            kept.append(span)
    return kept


def _unzip(spans: list[tuple[int, int, int]]) -> _Spans:
    return [s[0] for s in spans], [s[1] for s in spans], [s[2] for s in spans]


# Hits are made in bulk, up to thousands at a time (`Hits._make`): setting each slot
# of many new objects with `map`, without running Python code per hit, is several times
# faster than calling the dataclass, and makes the same frozen Hit (the tests compare them).
if [f.name for f in fields(Hit)] != ["section_id", "item_id", "field", "start", "end", "metric_id"]:
    raise TypeError("Hit's fields changed: update Hits._make")
_set_section, _set_item, _set_field, _set_start, _set_end, _set_metric = (
    getattr(Hit, f.name).__set__ for f in fields(Hit)
)
_object_new = object.__new__
_consume = deque[object](maxlen=0).extend


def _count(hits: Sequence[Hit]) -> str:
    return "1 hit" if len(hits) == 1 else f"{len(hits)} hits"
