"""Where the reader is, and where they have been: the explorer's place and its history.

Plain Python, no Textual. The explorer holds one `Place` and every pane follows it; a
jump (the palette, the overview, a search, `[`/`]`, a clicked quote) records the place
it leaves in a `History`, so the reader can go back and forward as in a browser or
with vim's jump list. Kept apart from the screen so the rules are tested without one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Generic, TypeVar

from ..report.model import Report, Section

if TYPE_CHECKING:  # the search is loaded when first used: the first screen needs none of it
    from ..search.hits import Hit

__all__ = ["History", "Place", "hit_item"]


@dataclass(frozen=True, slots=True)
class Place:
    """The item the reader is on, and the search hit they came to it by, if any."""

    item_id: str | None = None
    """A section, paragraph, figure or metric id; None for the report itself."""
    hit: Hit | None = None
    """The current search hit, when the reader is at one."""

    def section(self, report: Report) -> Section | None:
        """The section that holds the item (the section itself for a section)."""
        if self.item_id is None:
            return None
        return report.section_by_id.get(self.item_id) or report.section_of.get(self.item_id)

    def without_hit(self) -> Place:
        return replace(self, hit=None) if self.hit is not None else self


def hit_item(report: Report, hit: Hit) -> str:
    """The item a hit takes the reader to: its metric, its item, or for a group its first metric."""
    if hit.metric_id is not None:
        return hit.metric_id
    if hit.field == "group" or hit.item_id in report.group_by_id:
        members = report.group_members(hit.item_id)
        return members[0].id if members else hit.section_id
    return hit.item_id


T = TypeVar("T")

HISTORY_LIMIT = 100
"""Places kept: as vim's jump list, the oldest go first."""


class History(Generic[T]):
    """Back and forward over jumps, as a browser does.

    `entries[index]` is where the reader is (as of the last jump); a jump drops what was
    ahead, like following a link after going back. Where the reader is now is passed in,
    since they may have moved since without jumping, and is what back or forward come to.
    """

    def __init__(self, limit: int = HISTORY_LIMIT, same: Callable[[T, T], bool] | None = None) -> None:
        self.entries: list[T] = []
        self.index = -1
        self.limit = limit
        self._same = same or (lambda a, b: a == b)

    def jump(self, here: T, there: T) -> None:
        """Record a jump from `here` to `there` (nothing, if they are the same place)."""
        if self._same(here, there):
            return
        del self.entries[self.index + 1 :]
        # The place the last jump came to is where the reader went on from: the place now.
        if self.entries:
            self.entries[-1] = here
        else:
            self.entries.append(here)
        if len(self.entries) > 1 and self._same(self.entries[-2], here):
            self.entries.pop()  # came back by hand to where they jumped from
        self.entries.append(there)
        overflow = max(0, len(self.entries) - self.limit)
        del self.entries[:overflow]
        self.index = len(self.entries) - 1

    def back(self, here: T) -> T | None:
        """The place before this one, or None at the oldest."""
        return self._move(here, -1)

    def forward(self, here: T) -> T | None:
        """The place after this one, or None at the newest."""
        return self._move(here, 1)

    @property
    def can_go_back(self) -> bool:
        return self.index > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self.index < len(self.entries) - 1

    def _move(self, here: T, step: int) -> T | None:
        target = self.index + step
        if self.index < 0 or not 0 <= target < len(self.entries):
            return None
        self.entries[self.index] = here  # where the reader moved to since, to come back to
        self.index = target
        return self.entries[target]
