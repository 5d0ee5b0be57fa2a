"""One search as the reader lives it: the query's result, the current match, and where it began.

The explorer keeps one of these from `/` until the search is cancelled or cleared (closing
the bar keeps it, so `n` and `N` go on working); keeping the state here,
away from Textual, leaves the screen to route messages and lets tests drive it directly.

A keystroke may find tens of thousands of hits: nothing here walks them all. The
result's hits are made as they are read (`Hits`), so a keystroke makes the current
hit and the hits of the section shown, no more.

On a large report even that takes longer than a frame, so searching is in two halves:
`find` does all the work and changes nothing (a worker thread runs it, and a newer
keystroke gives it up through `cancelled`), `show` makes its result the session's, on
the UI thread, at once. `run` is both.

Meanwhile `find` can hand out what it has found so far (`progress`): partial `Found`s,
each the first hits of the whole result, counted a part at a time (so counting the
whole result costs no more). A partial result moves the reader only to the hit the whole
result will choose (`Found.current`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..report.model import Report
from .hits import Hit, SearchResult
from .index import SearchIndex


@dataclass(frozen=True)
class Found:
    """A search's result with what is shown of it first, made by `SearchSession.find`."""

    result: SearchResult
    counts: dict[str, int]
    """Hits per section id (`SearchResult.counts_by_section`): the contents' badges."""
    current: int | None
    """The first hit at or after where the reader began. None only in a partial result
    (`partial`) that has no such hit yet, or not all of that hit's section's hits: the
    whole result may choose another, so the reader is not moved yet."""
    shown: tuple[str, list[Hit]] | None
    """The current hit's section, and its hits: what the reading pane shows first."""

    @property
    def partial(self) -> bool:
        """Whether this is what a search still running has found so far."""
        return self.result.partial


class _CountsSoFar:
    """Hits per section of a result that grows (partial results, then the whole one), each
    part counted once: every result given is a prefix of the next (`SearchResult.partial`)."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._counted = 0
        """The runs of texts with hits counted in `_counts`: all but a partial result's last,
        whose hits may go on in the next chunk."""

    def of(self, result: SearchResult, cancelled: Callable[[], bool] | None) -> dict[str, int]:
        """Hits per section of `result`: a dict of its own, the caller's to keep."""
        hits = result.hits
        complete = max(self._counted, hits.segments - 1 if result.partial else hits.segments)
        hits.add_counts(self._counts, self._counted, complete, cancelled)
        self._counted = complete
        if not result.partial:
            counts, self._counts = self._counts, {}
            return counts
        return hits.add_counts(dict(self._counts), self._counted, hits.segments)


class SearchSession:
    def __init__(self, report: Report, index: SearchIndex, origin: str | None) -> None:
        self.report = report
        self.index = index
        self.origin = origin
        """The item (section, paragraph, figure or metric id) the reader was on at `/`."""
        self.whole_report = True
        self.result: SearchResult | None = None
        self.counts: dict[str, int] = {}
        """Hits per section id of `result`."""
        self.current = 0
        self.wrapped = False
        """Whether the last `step` went round an end of the hits, to be announced."""
        self._shown: tuple[str, list[Hit]] | None = None
        """The last section's hits made for this result: the screen asks again as it redraws."""

    @property
    def origin_section(self) -> str | None:
        if self.origin is None:
            return None
        section = self.report.section_by_id.get(self.origin) or self.report.section_of.get(self.origin)
        return section.id if section else None

    @property
    def scope(self) -> str | None:
        """The section searched, subsections included; None for the whole report."""
        return None if self.whole_report else self.origin_section

    def run(self, query: str) -> SearchResult:
        """Search, and make current the first hit at or after where the reader began."""
        return self.show(self.find(query))

    def is_quick(self, query: str) -> bool:
        """Whether searching `query` is sure to take no more than a few milliseconds (a small
        report, and the pinyin index ready if the query needs it), so that it is best run at
        once, where a thread would only add a frame."""
        if not query.strip():
            return True  # nothing to search for
        index = self.index
        return index.small and (index.pinyin_ready or not index.needs_pinyin(query))

    def find(
        self,
        query: str,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[Found], None] | None = None,
    ) -> Found:
        """Search in the current scope, changing nothing: safe in another thread.

        `cancelled` is asked between chunks of the work; once it says True, this raises
        `SearchCancelled`. `progress`, if given, is called (in this thread) with partial
        results now and then while the search runs (`SearchIndex.search`)."""
        counted = _CountsSoFar()

        def found_so_far(result: SearchResult) -> None:
            assert progress is not None
            progress(self._found(result, counted.of(result, cancelled)))

        result = self.index.search(
            query, section_id=self.scope, cancelled=cancelled, progress=found_so_far if progress else None
        )
        return self._found(result, counted.of(result, cancelled))

    def _found(self, result: SearchResult, counts: dict[str, int]) -> Found:
        current = self._partial_current(result) if result.partial else self._first_from_origin(result)
        hit = result.hits[current] if current is not None and result.hits else None
        shown = (hit.section_id, result.hits_in_section(hit.section_id)) if hit is not None else None
        return Found(result, counts, current, shown)

    def _partial_current(self, result: SearchResult) -> int | None:
        """The hit the whole result will make current, if this partial one already has it:
        hits come in reading order, so the first at or after the origin is final once found."""
        origin = self.origin_section
        hits = result.hits
        current = 0 if origin is None else hits.index_at_or_after(origin)
        if current is None or not hits or not hits.complete_in(hits[current].section_id):
            return None  # the reading pane would show some of the section's hits only
        return current

    def show(self, found: Found) -> SearchResult:
        """Make a found result the session's, at its first hit from where the reader began.

        A partial result can be shown only with a current hit (`Found.current`)."""
        if found.current is None:
            raise ValueError("a partial result with no hit to show yet")
        self.result = found.result
        self.counts = found.counts
        self._shown = found.shown
        self.wrapped = False
        self.current = found.current
        return found.result

    def _first_from_origin(self, result: SearchResult) -> int:
        origin = self.origin_section
        return 0 if origin is None else result.first_index_at_or_after(origin)

    @property
    def hits(self) -> Sequence[Hit]:
        return self.result.hits if self.result is not None else ()

    @property
    def current_hit(self) -> Hit | None:
        return self.hits[self.current] if self.hits else None

    def step(self, step: int) -> Hit | None:
        """Move to the next (1) or previous (-1) hit, wrapping around the ends (see `wrapped`)."""
        if not self.hits:
            return None
        before = self.current
        self.current = (self.current + step) % len(self.hits)
        # With one hit, stepping comes back to it: that too went round the end.
        self.wrapped = self.current <= before if step > 0 else self.current >= before
        return self.current_hit

    def hits_in(self, section_id: str) -> list[Hit]:
        if self.result is None:
            return []
        if self._shown is None or self._shown[0] != section_id:
            self._shown = (section_id, self.result.hits_in_section(section_id))
        return self._shown[1]

    @property
    def sections_with_hits(self) -> set[str]:
        return set(self.counts)

    @property
    def counter(self) -> str:
        """`3/17` (`3/17+` while only some of the hits are known), or empty when there is
        nothing to count."""
        if not self.hits:
            return ""
        more = "+" if self.result is not None and self.result.partial else ""
        return f"{self.current + 1}/{len(self.hits)}{more}"
