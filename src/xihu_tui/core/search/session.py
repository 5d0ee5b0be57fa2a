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
    current: int
    """The first hit at or after where the reader began."""
    shown: tuple[str, list[Hit]] | None
    """The current hit's section, and its hits: what the reading pane shows first."""


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

    def find(self, query: str, cancelled: Callable[[], bool] | None = None) -> Found:
        """Search in the current scope, changing nothing: safe in another thread.

        `cancelled` is asked between chunks of the work; once it says True, this raises
        `SearchCancelled`."""
        result = self.index.search(query, section_id=self.scope, cancelled=cancelled)
        counts = result.counts_by_section(cancelled)
        current = self._first_from_origin(result)
        hit = result.hits[current] if result.hits else None
        shown = (hit.section_id, result.hits_in_section(hit.section_id)) if hit is not None else None
        return Found(result, counts, current, shown)

    def show(self, found: Found) -> SearchResult:
        """Make a found result the session's, at its first hit from where the reader began."""
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
        """`3/17`, or empty when there is nothing to count."""
        return f"{self.current + 1}/{len(self.hits)}" if self.hits else ""
