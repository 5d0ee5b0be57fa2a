"""Search a report: literal text, pinyin and number queries, for the explorer and the CLI.

Plain Python (no Textual). pypinyin's dictionary is read only when the pinyin index is
built (and pypinyin itself is not imported: see `_pypinyin_data`).
The query language is described in docs/search.md.

The result types are in `hits`, folding in `folding`, comparison queries in
`number_query` and the pinyin index in `pinyin_index`; this module builds the index
and answers queries with them. How it stays fast on a large report:

* Every searchable text (section titles, paragraphs, figure captions and credits, metric
  labels, group names, and the editors' notes on any of them) is
  folded once, character by character: NFKC (full width to half width), case folding,
  white space removed. The folded texts are joined by ``"\\x00"`` (which folding removes
  from texts and queries, so no match crosses two texts) into one string, searched
  with ``str.find`` and ``str.count``; a sorted list of text starts maps each position
  to its text with ``bisect``.
* A result does not hold `Hit` objects (`hits` says why): `Hits` keeps how many hits each
  section has and makes hits when they are read. A text query's hits are only counted,
  one ``str.count`` per section, and located a section at a time when read; pinyin
  matches are counted per section from their positions with ``bisect``.
  Texts that do not fold one character to one character keep a small map of where they
  do not (`folding.offset_map`), so every hit points at original characters and never
  starts or ends inside what folding expanded.
* Texts are stored in reading order (``Section.contents``: a section's paragraphs, figures
  and subsections as the source prints them), so a section with its subsections is one
  contiguous range: a scoped search scans only that range. A section's own texts are one
  run, or several when a paragraph follows a subsection; hits are counted per run.
* The pinyin index (`pinyin_index`) is one string with one character per folded
  character: the code of the syllable it reads, one reading per character, so a pinyin
  query is one scan.
* Queries are literal, never regular expressions. The only patterns compiled are built
  from syllable codes, to find "these syllables, then one that starts with these letters".
  A pinyin match spans two characters at least: one syllable alone matches too much.
* The last results are kept: typing back, or scoping the same query, costs nothing.
* A search can be given up (`cancelled`, when a newer keystroke replaced it): the work is
  done in chunks of sections or of the corpus, and `cancelled` is asked between them, so
  a search in a worker thread stops soon after and never holds the interpreter long.
  Building the index is never given up: the next search needs it as much.
* A long search shows what it has found so far (`progress`): between the same chunks,
  after the first that found hits and then now and then (`_PROGRESS_EVERY_S`), it hands
  out a partial result, the hits of the texts searched so far: a prefix, in reading
  order, of the result it will return. Text queries (but those located at once, see
  `_literal_hits`), pinyin queries and number queries do; finding pinyin matches, and
  building the index, are one piece of work each and show nothing until done.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import compress, count, repeat
from operator import add, and_, lshift, lt, or_, rshift, sub
from typing import AnyStr, NamedTuple, TypeVar

from ..giving_way import give_way
from ..report.model import Figure, Group, Metric, Note, Report, Section
from ..text.pinyin import reading_codes, readings
from .folding import (
    SEPARATOR,
    STABLE_RUNS,
    UPPER_CASE,
    OffsetMap,
    fold,
    fold_char,
    offset_map,
    short_text,
    unfold,
)
from .hits import NO_HITS, Field, Hit, Hits, Owners, QueryKind, SearchCancelled, SearchResult, Spans
from .number_query import NumberQuery, parse_number_query
from .pinyin_index import PinyinIndex

__all__ = ["SearchCancelled", "SearchIndex", "is_small"]

_LETTERS = re.compile(r"[a-z]{2,}")
_MAX_PINYIN_QUERY = 256  # longer ASCII-letter queries are searched as text only
_LONGEST_SPAN = 1 << 9  # pinyin spans are packed in an int: start << 9 | (511 - length)

_CACHED_RESULTS = 32
# Hits are kept as 12 bytes each, so large results are worth keeping (typing back over
# `2` or `xi` is what costs most), within a budget for all results together.
_CACHED_HITS = 1_000_000
_CHUNK_SECTIONS = 8192  # sections counted between two looks at `cancelled`
_TEXTS_BETWEEN_TURNS = 4096  # texts collected or folded between two calls of `give_way`
_CHUNK_CHARS = 1 << 20  # characters of the corpus scanned between two looks at `cancelled`
# A partial result after the first chunk with hits, then at most this often: each costs
# work in proportion to the hits so far, and the screen would not show more of them.
_PROGRESS_EVERY_S = 0.15
# A report up to this size is searched whole, index built, in a few milliseconds.
_SMALL_TEXTS = 10_000
_SMALL_CHARS = 1_000_000

Check = Callable[[], None]
"""Raises `SearchCancelled` if the search has been given up; called between chunks of work."""


def _never() -> None:
    pass


def _checker(cancelled: Callable[[], bool] | None) -> Check:
    if cancelled is None:
        return _never

    def check() -> None:
        give_way()  # a search asked to stop is run in the background: see `giving_way`
        if cancelled():
            raise SearchCancelled

    return check


class _Progress:
    """Hands out partial results of one search (`SearchIndex.search`'s `progress`): after the
    first chunk that found hits, then every `_PROGRESS_EVERY_S` at most."""

    def __init__(self, send: Callable[[SearchResult], None] | None, query: str) -> None:
        self._send = send
        self.query = query
        self._last: float | None = None

    def due(self, hits: int, more: bool) -> bool:
        """Whether to hand out the `hits` found so far, with `more` chunks to come (none after
        the last chunk: the whole result is on its way)."""
        if self._send is None or not hits or not more:
            return False
        return self._last is None or time.monotonic() - self._last >= _PROGRESS_EVERY_S

    def send(self, kind: QueryKind, hits: Hits) -> None:
        assert self._send is not None and hits.partial
        detail = f"{short_text(self.query)}: {_count(hits)} so far"
        self._send(SearchResult(self.query, kind, hits, None, detail))
        self._last = time.monotonic()


_NO_PROGRESS = _Progress(None, "")


def is_small(report: Report) -> bool:
    """Whether `report` is small enough to be searched between two frames, its index built
    too (at most `_SMALL_TEXTS` texts and `_SMALL_CHARS` characters of paragraphs and
    titles). Answered in bounded time: it reads no further than those limits."""
    texts = chars = 0
    for section in report.walk():
        texts += 1 + len(section.paragraphs) + len(section.figures) + len(section.metrics)
        if texts > _SMALL_TEXTS:
            return False
        chars += len(section.title) + sum(len(paragraph.text) for paragraph in section.paragraphs)
        if chars > _SMALL_CHARS:
            return False
    return True


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
        self._pinyin: PinyinIndex | None = None
        self._cache: OrderedDict[tuple[str, str | None], SearchResult] = OrderedDict()
        self._cached_hits = 0
        self._small: bool | None = None

    # building ---------------------------------------------------------------------------

    def build(self) -> None:
        """Collect and fold every text now, rather than on the first search."""
        self._build()

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
        texts = _Texts(self._groups_by_section())
        for section in self._report.sections:
            texts.add_section(section)
        # Long-lived columns are tuples of str or arrays of int: the garbage collector
        # stops tracking such tuples after one pass, where it would walk lists of them in
        # every full collection, and never tracks arrays.
        self._owners = Owners(
            tuple(texts.sections),
            tuple(texts.items),
            tuple(texts.fields),
            (texts.segment_ids, texts.segment_firsts, texts.segment_stops),
            texts.first_text,
        )
        self._texts, self._stop_text = tuple(texts.texts), texts.stop_text
        self._paragraph_text = texts.paragraph_text

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
        candidates = set(UPPER_CASE)
        for batch in range(0, len(texts), 1024):  # in steps, so a worker never holds the GIL long
            candidates.update(STABLE_RUNS.sub("", "".join(texts[batch : batch + 1024])))
        changed = {c: f for c in candidates if (f := fold_char(c)) != c}
        uneven = "".join(c for c, f in changed.items() if len(f) != 1)
        self._expanded = frozenset("".join(f for f in changed.values() if len(f) > 1))
        changed_re = re.compile("[" + "".join(map(re.escape, changed)) + "]") if changed else None
        uneven_re = re.compile("[" + "".join(map(re.escape, uneven)) + "]") if uneven else None

        def replace(match: re.Match[str]) -> str:
            return changed[match[0]]

        folded_texts: list[str] = []
        maps: dict[int, OffsetMap] = {}
        for index, text in enumerate(texts):
            if not index % _TEXTS_BETWEEN_TURNS:
                give_way()
            if changed_re is not None and changed_re.search(text):
                folded_texts.append(changed_re.sub(replace, text))
                if uneven_re is not None and uneven_re.search(text):
                    maps[index] = offset_map(text, uneven_re, changed)
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
        self._folded = SEPARATOR.join(folded_texts)
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
            self._pinyin = PinyinIndex(codes, initials, syllables.read_in(codes), syllables)

    @property
    def built(self) -> bool:
        """Whether the texts are collected and folded (on the first search)."""
        return self._built

    @property
    def pinyin_ready(self) -> bool:
        return self._pinyin is not None

    @property
    def small(self) -> bool:
        """Whether the report is small enough to be searched between two frames (`is_small`)."""
        if self._small is None:
            self._small = is_small(self._report)
        return self._small

    def needs_pinyin(self, query: str) -> bool:
        """Whether searching `query` reads the pinyin index (built on first use if not ready)."""
        if parse_number_query(query) is not None:
            return False
        folded = fold(query)
        return _LETTERS.fullmatch(folded) is not None and len(folded) <= _MAX_PINYIN_QUERY

    # searching --------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        section_id: str | None = None,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[SearchResult], None] | None = None,
    ) -> SearchResult:
        """Find `query` in the whole report, or in `section_id` and its subsections.

        `cancelled`, if given, is asked between chunks of the work; once it says True the
        search stops and raises `SearchCancelled` (and nothing is kept of it).
        `progress`, if given, is called (in the searching thread) with partial results as
        the search goes (`SearchResult.partial`), each a prefix of the result returned;
        a result already known is returned at once, with none.
        """
        key = (query, section_id)
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        result = self._search(query, section_id, _checker(cancelled), _Progress(progress, query))
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

    def _search(
        self, query: str, section_id: str | None, check: Check, progress: _Progress = _NO_PROGRESS
    ) -> SearchResult:
        if not query.strip():
            return SearchResult(query, "empty", NO_HITS, "blank", "blank query: nothing to search for")
        self._build()
        check()
        number = parse_number_query(query)
        kind: QueryKind = "text" if number is None else "number"
        scope = self._scope(section_id)
        if scope is None:
            assert section_id is not None  # the whole report always has a scope
            detail = f"unknown section id {short_text(section_id)}"
            return SearchResult(query, kind, NO_HITS, "unknown-section", detail)
        where = f" in section {section_id!r} and its subsections" if section_id is not None else ""

        if isinstance(number, str):
            return SearchResult(query, "number", NO_HITS, "bad-number", f"bad number query: {number}")
        if number is not None:
            hits = self._number_hits(number, scope, check, progress)
            detail = f"{number.describe()}{where}: {_count(hits)}"
            return SearchResult(query, "number", hits, None if hits else "no-match", detail)

        folded = fold(query)
        if not folded:
            detail = f"{short_text(query)} has nothing to search for once white space is ignored"
            return SearchResult(query, "text", NO_HITS, "no-match", detail)
        from_pinyin = 0
        as_pinyin = self.needs_pinyin(query)
        if as_pinyin:
            self.build_pinyin()
            check()
            pinyin_starts, pinyin_ends = self._pinyin_positions(folded, scope, check)
            from_pinyin = len(pinyin_starts)
        if from_pinyin:
            spans = self._literal_spans(folded, scope, check)
            if spans[0]:  # rare: letters that are both in the text and read as pinyin
                by_pinyin = self._to_texts(pinyin_starts, map(sub, pinyin_ends, pinyin_starts))[0]
                spans = _unzip(
                    _without_overlaps(sorted([*zip(*spans, strict=True), *zip(*by_pinyin, strict=True)]))
                )
                hits = self._hits(*spans)
            else:
                loader = partial(self._pinyin_spans, folded)
                hits = self._by_section(pinyin_starts, scope, loader, check, progress)
        else:
            hits = self._literal_hits(folded, scope, check, progress)
        how = f"as text or pinyin ({from_pinyin} by pinyin)" if as_pinyin else "as text"
        detail = f"{short_text(query)} (folded {short_text(folded)}) {how}{where}: {_count(hits)}"
        return SearchResult(
            query, "pinyin" if from_pinyin else "text", hits, None if hits else "no-match", detail
        )

    def _scope(self, section_id: str | None) -> tuple[int, int] | None:
        """The texts of the section and its subsections (all for None); None if there is no such section."""
        if section_id is None:
            return 0, len(self._texts)
        stop = self._stop_text.get(section_id)
        return None if stop is None else (self._owners.first[section_id], stop)

    def _hits(
        self,
        texts: list[int],
        starts: list[int],
        ends: list[int],
        metric_ids: list[str] | None = None,
        covered: int | None = None,
    ) -> Hits:
        return Hits.from_spans(self._owners, texts, starts, ends, metric_ids, covered) if texts else NO_HITS

    def _literal_hits(
        self, folded: str, scope: tuple[int, int], check: Check, progress: _Progress = _NO_PROGRESS
    ) -> Hits:
        """Hits of a text query, counted per section now and located a section at a time when read.

        A short prefix (`2`, `西`) matches tens of thousands of times, and locating each
        costs a few µs, on every keystroke, where the explorer shows one section's hits.
        Counting is one `str.count` per section, in C, and gives the right count unless a
        match can be dropped for starting or ending inside an expansion (`…` folds to
        `...`): queries with a character that expansions fold to are located at once.
        """
        if not self._expanded.isdisjoint(folded):
            return self._hits(*self._literal_spans(folded, scope, check))
        count = self._folded.count
        first = bisect_left(self._owners.own_firsts, scope[0])
        stop = bisect_left(self._owners.own_firsts, scope[1], first)
        counts: list[int] = []
        load = partial(self._literal_spans, folded)
        found = 0
        for low in range(first, stop, _CHUNK_SECTIONS):
            check()
            high = min(stop, low + _CHUNK_SECTIONS)
            counts += map(count, repeat(folded), self._own_low[low:high], self._own_high[low:high])
            found += sum(counts[low - first :])
            if progress.due(found, high < stop):
                progress.send("text", self._counted(first, counts, load, high))
        return self._counted(first, counts, load)

    def _counted(
        self, first: int, counts: list[int], load: Callable[[tuple[int, int]], Spans], high: int | None = None
    ) -> Hits:
        """Hits counted per section from section `first` on, `counts[i]` in `first + i`; the
        hits found so far, of sections up to `high`, if given."""
        sections = list(compress(range(first, first + len(counts)), counts))
        covered = None if high is None else self._owners.own_stops[high - 1]
        return Hits.by_section(self._owners, sections, list(filter(None, counts)), load, covered)

    def _folded_range(self, scope: tuple[int, int]) -> tuple[int, int]:
        first, stop = scope
        if first >= stop:
            return 0, 0
        return self._starts[first], self._ends[stop - 1]

    def _to_texts(self, positions: list[int], sizes: Iterable[int]) -> tuple[Spans, set[int]]:
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
                span = unfold(maps[texts[i]], starts[i], ends[i])
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
        return (start, end) if offsets is None else unfold(offsets, start, end)

    def _literal_spans(self, folded: str, scope: tuple[int, int], check: Check = _never) -> Spans:
        low, high = self._folded_range(scope)
        positions = _occurrences(self._folded, folded, low, high, check)
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
        self,
        positions: list[int],
        scope: tuple[int, int],
        load: Callable[[tuple[int, int]], Spans],
        check: Check,
        progress: _Progress = _NO_PROGRESS,
    ) -> Hits:
        """Hits at these folded positions (in order), located a section at a time by `load`.

        Locating each of 20,000 pinyin matches in its text costs more than finding them:
        counting them per section is a `bisect` per section, in C. (Pinyin matches are
        Chinese characters, which fold to themselves: none is dropped when located.)
        """
        first = bisect_left(self._owners.own_firsts, scope[0])
        stop = bisect_left(self._owners.own_firsts, scope[1], first)
        cuts: list[int] = []
        for low in range(first, stop, _CHUNK_SECTIONS):
            check()
            high = min(stop, low + _CHUNK_SECTIONS)
            cuts += map(bisect_left, repeat(positions), self._own_low[low:high])
            if high < stop:
                # The hits of sections so far: those before the next section's first text.
                so_far = bisect_left(positions, self._own_low[high])
                if progress.due(so_far, more=True):
                    counts = list(map(sub, [*cuts[1:], so_far], cuts))
                    progress.send("pinyin", self._counted(first, counts, load, high))
        cuts.append(len(positions))
        return self._counted(first, list(map(sub, cuts[1:], cuts)), load)

    def _pinyin_spans(self, letters: str, scope: tuple[int, int]) -> Spans:
        """Runs of Chinese characters whose syllables, or whose initials, spell `letters`.

        In reading order, without overlaps (the earlier, then the longer, wins).
        """
        starts, ends = self._pinyin_positions(letters, scope)
        return self._to_texts(starts, map(sub, ends, starts))[0] if starts else ([], [], [])

    def _pinyin_positions(
        self, letters: str, scope: tuple[int, int], check: Check = _never
    ) -> tuple[list[int], list[int]]:
        """`_pinyin_spans` as starts and ends in the folded corpus."""
        pinyin = self._pinyin
        if pinyin is None:
            return [], []
        low, high = self._folded_range(scope)
        found: list[tuple[list[int], list[int]]] = []  # starts and ends, per pattern
        for pattern, length in pinyin.syllables.finders(letters, pinyin.read):
            check()
            starts = [match.start() for match in pattern.finditer(pinyin.codes, low, high)]
            if starts:
                found.append((starts, list(map(add, starts, repeat(length)))))
        check()
        starts = _occurrences(pinyin.initials, letters.encode(), low, high, check)
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

    def _number_hits(
        self, query: NumberQuery, scope: tuple[int, int], check: Check, progress: _Progress = _NO_PROGRESS
    ) -> Hits:
        texts, values, units = (
            self._metric_columns.texts,
            self._metric_columns.values,
            self._metric_columns.units,
        )
        first = bisect_left(texts, scope[0])
        stop = bisect_left(texts, scope[1], first)
        passes = query.value_test()
        unit_passes = {unit: query.unit_passes(unit) for unit in set(units[first:stop])}
        kept: list[int] = []
        for low in range(first, stop, _CHUNK_SECTIONS):
            check()
            high = min(stop, low + _CHUNK_SECTIONS)
            kept += [i for i in range(low, high) if passes(values[i]) and unit_passes[units[i]]]
            if progress.due(len(kept), high < stop):
                # Every hit in a text before the next metric's is found (a text may quote several).
                progress.send("number", self._picked(kept, covered=texts[high]))
        return self._picked(kept)

    def _picked(self, kept: list[int], covered: int | None = None) -> Hits:
        """The hits of these metrics (places in `_metric_columns`)."""
        texts, starts, ends, _values, _units, ids = self._metric_columns
        return self._hits(
            _pick(texts, kept),
            _pick(starts, kept),
            _pick(ends, kept),
            metric_ids=_pick(ids, kept),
            covered=covered,
        )


class _Texts:
    """Every searchable text of a report, gathered in reading order as columns, never as an
    object per text or section (see `Owners`).

    A class rather than closures in `SearchIndex._collect`: a recursive closure is a
    reference cycle, which kept these million-entry lists alive until a collection found
    it, a quarter of a second of work on whichever thread that fell.
    """

    def __init__(self, groups_after: dict[str, list[Group]]) -> None:
        self.sections: list[str] = []  # per text, the section, item and field that own it
        self.items: list[str] = []
        self.fields: list[Field] = []
        self.texts: list[str] = []
        self.first_text: dict[str, int] = {}  # per section id, its title's text
        self.stop_text: dict[str, int] = {}  # per section id, the text after its subsections'
        self.paragraph_text: dict[str, int] = {}
        self.segment_ids: list[str] = []  # runs of a section's own texts (see `Owners`)
        self.segment_firsts: list[int] = []
        self.segment_stops: list[int] = []
        self._groups_after = groups_after
        self._given_way_at = 0  # texts when the build last called `give_way`

    def add(self, section_id: str, item_id: str, field: Field, text: str) -> None:
        if field == "paragraph":
            self.paragraph_text.setdefault(item_id, len(self.texts))
        self.sections.append(section_id)
        self.items.append(item_id)
        self.fields.append(field)
        self.texts.append(text)

    def add_note(self, section_id: str, item_id: str, note: Note | None) -> None:
        if note is not None:
            self.add(section_id, item_id, "note", note.all_text)  # every language: any may be sought

    def add_section(self, section: Section) -> None:
        texts = self.texts
        first = len(texts)
        if first - self._given_way_at >= _TEXTS_BETWEEN_TURNS:
            give_way()
            self._given_way_at = first
        self.first_text[section.id] = first
        self.add(section.id, section.id, "title", section.title)
        self.add_note(section.id, section.id, section.note)
        segment = first
        for item in section.contents():
            if isinstance(item, Section):
                self._add_segment(section.id, segment)
                self.add_section(item)
                segment = len(texts)
            elif isinstance(item, Figure):
                self.add(section.id, item.id, "caption", item.words)
                if item.credit is not None:
                    self.add(section.id, item.id, "credit", item.credit)
                self.add_note(section.id, item.id, item.note)
            else:
                self.add(section.id, item.id, "paragraph", item.text)
                self.add_note(section.id, item.id, item.note)
        # What the contents list under the section after its text: its metrics, and
        # the groups that begin there (a group is found once, at its first metric).
        for metric in section.metrics:
            self.add(section.id, metric.id, "label", metric.label)
            self.add_note(section.id, metric.id, metric.note)
        for group in self._groups_after.get(section.id, ()):
            self.add(section.id, group.id, "group", group.label)
            self.add_note(section.id, group.id, group.description)
        self._add_segment(section.id, segment)
        self.stop_text[section.id] = len(texts)

    def _add_segment(self, section_id: str, first: int) -> None:
        """The section's texts from `first` to the last added, as a run, unless there are none."""
        if len(self.texts) > first:
            self.segment_ids.append(section_id)
            self.segment_firsts.append(first)
            self.segment_stops.append(len(self.texts))


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


def _occurrences(string: AnyStr, needle: AnyStr, low: int, high: int, check: Check = _never) -> list[int]:
    """Where `needle` occurs in `string[low:high]`, left to right without overlaps.

    A `find` per occurrence: `split` would copy the whole corpus into pieces, which
    costs more than the loop, whatever the number of hits. The range is scanned a chunk
    at a time (the occurrences that start in it), with a `check` before each.
    """
    found: list[int] = []
    append, find, size = found.append, string.find, len(needle)
    start = low
    while start < high:
        check()
        chunk_end = min(high, start + _CHUNK_CHARS)
        window_end = min(high, chunk_end + size - 1)  # an occurrence starting in the chunk may end past it
        position = find(needle, start, window_end)
        while position != -1 and position < chunk_end:
            append(position)
            position = find(needle, position + size, window_end)
        start = max(chunk_end, found[-1] + size if found else chunk_end)
    return found


def _without_overlaps(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Sorted spans less those that overlap an earlier one in the same text."""
    kept: list[tuple[int, int, int]] = []
    for span in spans:
        if not kept or span[0] != kept[-1][0] or span[1] >= kept[-1][2]:
            kept.append(span)
    return kept


def _unzip(spans: list[tuple[int, int, int]]) -> Spans:
    return [s[0] for s in spans], [s[1] for s in spans], [s[2] for s in spans]


def _count(hits: Sequence[Hit]) -> str:
    return "1 hit" if len(hits) == 1 else f"{len(hits)} hits"
