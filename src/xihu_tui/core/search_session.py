"""One search as the reader lives it: the query's result, the current match, and where it began.

The explorer keeps one of these while its search bar is open; keeping the state here,
away from Textual, leaves the screen to route messages and lets tests drive it directly.
"""

from __future__ import annotations

from functools import cached_property

from .model import Report
from .search import Hit, SearchIndex, SearchResult


class SearchSession:
    def __init__(self, report: Report, index: SearchIndex, origin: str | None) -> None:
        self.report = report
        self.index = index
        self.origin = origin
        """The item (section, paragraph, figure or metric id) the reader was on at `/`."""
        self.whole_report = True
        self.result: SearchResult | None = None
        self.current = 0
        self._by_section: dict[str, list[Hit]] = {}

    @cached_property
    def _section_order(self) -> dict[str, int]:
        return {section.id: index for index, section in enumerate(self.report.walk())}

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
        result = self.index.search(query, section_id=self.scope)
        self.result = result
        self._by_section = {}
        for hit in result.hits:
            self._by_section.setdefault(hit.section_id, []).append(hit)
        self.current = self._first_from_origin(result.hits)
        return result

    def _first_from_origin(self, hits: tuple[Hit, ...]) -> int:
        origin = self.origin_section
        if origin is None:
            return 0
        order = self._section_order
        here = order[origin]
        return next((i for i, hit in enumerate(hits) if order[hit.section_id] >= here), 0)

    @property
    def hits(self) -> tuple[Hit, ...]:
        return self.result.hits if self.result is not None else ()

    @property
    def current_hit(self) -> Hit | None:
        return self.hits[self.current] if self.hits else None

    def step(self, step: int) -> Hit | None:
        """Move to the next (1) or previous (-1) hit, wrapping around the ends."""
        if not self.hits:
            return None
        self.current = (self.current + step) % len(self.hits)
        return self.current_hit

    def hits_in(self, section_id: str) -> list[Hit]:
        return self._by_section.get(section_id, [])

    @property
    def sections_with_hits(self) -> set[str]:
        return set(self._by_section)

    @property
    def counter(self) -> str:
        """`3/17`, or empty when there is nothing to count."""
        return f"{self.current + 1}/{len(self.hits)}" if self.hits else ""
