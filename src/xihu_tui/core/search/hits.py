"""What a search finds: each `Hit`, the `Hits` of a result, and the `SearchResult`.

Apart from the index that finds them, so what reads results (the explorer's session,
the command line's output, a reader's place) needs only these types.

A result does not hold `Hit` objects: a short prefix (``2``, ``西``) matches tens of
thousands of times, a `Hit` costs 1.5–2 µs to make and locating a match in its text
a few more, while the explorer shows one section's hits at a time. `Hits` keeps how
many hits each section has and makes hits when they are read, from columns of ints
(text, start, end), given all at once or located by the index a section at a time.

While a long search runs, the index may hand out partial results (`SearchResult.partial`):
the hits found so far, a prefix in reading order of the final result's hits, and the
texts they cover (`Hits.covered`): what is shown of a partial result is never taken back.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import accumulate, repeat
from operator import sub
from typing import Literal, overload

__all__ = [
    "NO_HITS",
    "Field",
    "Hit",
    "Hits",
    "Owners",
    "Problem",
    "QueryKind",
    "SearchCancelled",
    "SearchResult",
    "Spans",
]

Field = Literal["title", "paragraph", "caption", "credit", "label", "group", "note"]
QueryKind = Literal["empty", "text", "pinyin", "number"]
Problem = Literal["blank", "no-match", "bad-number", "unknown-section"]


class SearchCancelled(Exception):
    """A search given up part way, because its `cancelled` said so: it has no result."""


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


class Owners:
    """Who owns each searchable text (by its index in reading order), and where sections are.

    Kept as columns (tuples of str, arrays of int, one dict per section id), never as an
    object per text or per section: built in a worker thread for a million sections, a
    million small tuples made the collector walk them, holding the interpreter for
    100 ms at a time, tens of times over.
    """

    __slots__ = (
        "_first_segment",
        "_split_segments",
        "field",
        "first",
        "item",
        "own_firsts",
        "own_ids",
        "own_stops",
        "section",
        "section_number",
        "split",
    )

    def __init__(
        self,
        section: Sequence[str],
        item: Sequence[str],
        field: Sequence[Field],
        segments: tuple[Sequence[str], Sequence[int], Sequence[int]],
        first: dict[str, int],
    ) -> None:
        self.section, self.item, self.field = section, item, field
        self.first = first
        """Per section id, its first text (the title)."""
        # A section's own texts (title, paragraphs, figures) in reading order, as runs of
        # texts between its subsections: one run, unless a paragraph follows a subsection.
        # The runs ("segments"), in reading order, as columns.
        ids, firsts, stops = segments
        self.own_ids = tuple(ids)
        self.own_firsts = array("q", firsts)
        self.own_stops = array("q", stops)
        first_segment: dict[str, int] = {}
        more: dict[str, list[int]] = {}  # the segments of sections in several (few)
        number = array("i", bytes(4 * len(section)))
        for index, (section_id, first_text, stop_text) in enumerate(zip(ids, firsts, stops, strict=True)):
            if first_segment.setdefault(section_id, index) != index:
                more.setdefault(section_id, [first_segment[section_id]]).append(index)
            number[first_text:stop_text] = array("i", [index]) * (stop_text - first_text)
        self._first_segment = first_segment
        self._split_segments = {section_id: tuple(found) for section_id, found in more.items()}
        split = bytearray(len(self.own_ids))
        for found in more.values():
            for index in found:
                split[index] = 1
        self.split = bytes(split)
        """Per segment, 1 if its section has others (a paragraph follows a subsection)."""
        self.section_number = number
        """Per text, its segment (a place in `own_ids`)."""

    def segments_of(self, section_id: str) -> tuple[int, ...]:
        """The section's segments (places in `own_ids`), in reading order; none if it has no text."""
        split = self._split_segments.get(section_id)
        if split is not None:
            return split
        first = self._first_segment.get(section_id)
        return () if first is None else (first,)


_NO_OWNERS = Owners([], [], [], ([], [], []), {})


_Columns = tuple["array[int]", "array[int]", "array[int]", "list[str] | None"]
"""Hits as columns: text index, start and end in the original text, metric ids (or None)."""

Spans = tuple[list[int], list[int], list[int]]
"""Hits as three lists: text index, start and end in the original text."""


class Hits(Sequence[Hit]):
    """A result's hits in reading order: a read-only sequence that makes each `Hit` when read.

    Hits are kept per section (the sections with hits, in reading order, and how many
    each has), as columns of ints; `len` is O(1), and indexing, slicing and iterating
    make only the hits asked for. The columns are either given for all hits
    (`from_spans`) or found a section at a time when first read (`by_section`: a short
    prefix then costs one `str.count` per section, not work per hit). Equal to a tuple
    of the same hits, as the tuple it replaces was.
    """

    __slots__ = ("_all", "_firsts", "_load", "_loaded", "_offsets", "_owners", "_sections", "covered")

    def __init__(
        self,
        owners: Owners,
        sections: list[int],
        counts: Iterable[int],
        columns: _Columns | None,
        load: Callable[[tuple[int, int]], Spans] | None = None,
        covered: int | None = None,
    ) -> None:
        self._owners = owners
        self.covered = covered
        """None for a search's whole result; for a partial one, the texts (in reading order)
        before which every hit has been found: hits in later texts are yet to come."""
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
        owners: Owners,
        texts: list[int],
        starts: list[int],
        ends: list[int],
        metric_ids: list[str] | None = None,
        covered: int | None = None,
    ) -> Hits:
        """Hits found all at once, in reading order (`covered`: see `Hits.covered`)."""
        columns = (array("i", texts), array("i", starts), array("i", ends), metric_ids)
        # Counted in C; hits are in reading order, so sections come in reading order too.
        counts = Counter(map(owners.section_number.__getitem__, columns[0]))
        return cls(owners, list(counts), counts.values(), columns, covered=covered)

    @classmethod
    def by_section(
        cls,
        owners: Owners,
        sections: list[int],
        counts: list[int],
        load: Callable[[tuple[int, int]], Spans],
        covered: int | None = None,
    ) -> Hits:
        """`counts[i]` hits in section `sections[i]`, found by `load(its own texts)` when read
        (`covered`: see `Hits.covered`)."""
        return cls(owners, sections, counts, None, load, covered)

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
        so_far = "" if self.covered is None else " so far"
        return f"<Hits: {len(self)} in {len(self._sections)} sections{so_far}>"

    @property
    def partial(self) -> bool:
        """Whether these are the hits found so far by a search still running."""
        return self.covered is not None

    @property
    def segments(self) -> int:
        """How many runs of a section's own texts have hits (see `add_counts`)."""
        return len(self._sections)

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

    def counts_by_section(self, cancelled: Callable[[], bool] | None = None) -> dict[str, int]:
        return self.add_counts({}, 0, self.segments, cancelled)

    def add_counts(
        self, counts: dict[str, int], first: int, stop: int, cancelled: Callable[[], bool] | None = None
    ) -> dict[str, int]:
        """Add to `counts` (per section id) the hits of the runs of texts with hits `first`
        to `stop` (of `segments`), and return it: a growing result is counted a part at a time."""
        ids, offsets, split = self._owners.own_ids, self._offsets, self._owners.split
        for low in range(first, stop, _COUNTED_BETWEEN_LOOKS):
            if cancelled is not None and cancelled():
                raise SearchCancelled
            high = min(stop, low + _COUNTED_BETWEEN_LOOKS)
            segments = self._sections[low:high]
            in_segments = zip(
                map(ids.__getitem__, segments),
                map(sub, offsets[low + 1 : high + 1], offsets[low:high]),
                strict=True,
            )
            if any(map(split.__getitem__, segments)):
                # A section in several runs: their hits add up, here or with an earlier part's.
                for section_id, found in in_segments:
                    counts[section_id] = counts.get(section_id, 0) + found
            else:
                counts.update(in_segments)  # in C: most sections are one run of texts
        return counts

    def in_section(self, section_id: str) -> list[Hit]:
        hits: list[Hit] = []
        for segment in self._owners.segments_of(section_id):
            place = bisect_left(self._sections, segment)
            if place < len(self._sections) and self._sections[place] == segment:
                hits += self._make(self._offsets[place], self._offsets[place + 1])
        return hits

    def first_index_at_or_after(self, section_id: str) -> int:
        found = self.index_at_or_after(section_id)
        return 0 if found is None else found

    def index_at_or_after(self, section_id: str) -> int | None:
        """The first hit in `section_id` or after it in reading order: 0 for a section not
        searched, None if no hit is at or after it."""
        first = self._owners.first.get(section_id)
        if first is None:
            return 0 if len(self) else None
        # Texts are in `Report.walk` order (depth first), so a section is at or after
        # `section_id` exactly when its texts are at or after that section's title.
        place = bisect_left(self._firsts, first)
        return self._offsets[place] if place < len(self._firsts) else None

    def complete_in(self, section_id: str) -> bool:
        """Whether every hit directly in `section_id` is here (always, unless `partial`)."""
        if self.covered is None:
            return True
        owners = self._owners
        return all(owners.own_stops[segment] <= self.covered for segment in owners.segments_of(section_id))


_LOADED_HITS = 256  # hits located at once, at least, when a section's are read (a section's all)
_COUNTED_BETWEEN_LOOKS = 8192  # sections counted between two looks at `cancelled`
NO_HITS = Hits(_NO_OWNERS, [], [], None, None)


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

    @property
    def partial(self) -> bool:
        """Whether this is what a search still running has found so far (`Hits.covered`):
        its hits are the first of the search's whole result, in reading order."""
        return self.hits.partial

    def counts_by_section(self, cancelled: Callable[[], bool] | None = None) -> dict[str, int]:
        """Hits per section id, counting only hits directly in the section, in reading order.

        `cancelled`, if given, is asked now and then: once it says True, `SearchCancelled`."""
        return self.hits.counts_by_section(cancelled)

    def hits_in_section(self, section_id: str) -> list[Hit]:
        """The hits directly in `section_id` (not its subsections), made only for it."""
        return self.hits.in_section(section_id)

    def first_index_at_or_after(self, section_id: str) -> int:
        """The index in `hits` of the first hit in `section_id` or a section after it in
        reading order (`Report.walk`); 0 if there is none (or no such section)."""
        return self.hits.first_index_at_or_after(section_id)


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
