"""The editors' words that go with a metric wherever it is shown: its own note and its group's
description, in the interface's language.

Authors are told to put their caveats in notes (方 read as square metres, a forecast, a rank),
so a figure is never shown without them. Like the sparkline, the drawing is a pure function
(`note_lines`) and the widget supplies its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...core.report.model import Metric, Report
from ...core.text.display import one_line
from ...core.text.linebreak import break_lines
from ...core.text.safe_text import visible, visible_line
from ..strings import Strings

__all__ = ["MetricNotes", "Notes", "metric_notes", "note_lines"]

Notes = tuple[tuple[str, str], ...]
"""(prefix, text) pairs: `注：` and the note, `分组「…」：` and the group's description."""

_PREFIX = ".metric-notes--prefix"
_TEXT = ".metric-notes--text"


def metric_notes(metric: Metric, report: Report, strings: Strings) -> Notes:
    """The metric's note, then its group's description, each in the interface's language."""
    notes: list[tuple[str, str]] = []
    if metric.note is not None:
        notes.append((strings.reading.note, metric.note.text(strings.lang)))
    group = report.group_by_id.get(metric.group) if metric.group is not None else None
    if group is not None and group.description is not None:
        prefix = strings.group_description.format(group=one_line(group.label))
        notes.append((prefix, group.description.text(strings.lang)))
    return tuple(notes)


def _styled(notes: Notes) -> list[Content]:
    return [
        Content.assemble((visible_line(prefix), _PREFIX), (visible(text), _TEXT)) for prefix, text in notes
    ]


def line_count(notes: Notes, width: int) -> int:
    """How many lines `notes` take at `width`."""
    return sum(len(break_lines(note.plain, width)) for note in _styled(notes))


def note_lines(notes: Notes, width: int, height: int) -> list[Content]:
    """`notes` in at most `height` lines of at most `width` cells, each broken as Chinese is
    broken; when they need more, the last line ends in an ellipsis, so a cut note says so."""
    if width <= 0 or height <= 0:
        return []
    lines: list[Content] = []
    styled = _styled(notes)
    for index, note in enumerate(styled):
        spans = break_lines(note.plain, width)
        for number, (start, end) in enumerate(spans):
            last = index == len(styled) - 1 and number == len(spans) - 1
            if len(lines) == height - 1 and not last:
                # The last line that fits, with the rest of this note and any after it.
                rest = Content(" ").join([note[start:], *styled[index + 1 :]])
                one_row = Content(rest.plain.replace("\n", " "), list(rest.spans))  # same length, same spans
                return [*lines, one_row.truncate(width, ellipsis=True)]
            lines.append(note[start:end].truncate(width))
    return lines


class MetricNotes(Widget):
    """The highlighted metric's note and its group's description.

    Its height is the most that any metric it may show needs (`reserve`), so that moving
    between those metrics does not move the panes around it.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"metric-notes--prefix", "metric-notes--text"}
    """
    | Class | Description |
    | :- | :- |
    | `metric-notes--prefix` | What a note is about: `Note:`, the group's name. |
    | `metric-notes--text` | The note itself. |
    """

    DEFAULT_CSS = """
    MetricNotes {
        height: auto;
        padding: 0 1;
    }
    MetricNotes > .metric-notes--prefix {
        color: $text-muted;
        text-style: bold;
    }
    MetricNotes > .metric-notes--text {
        color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._notes: Notes = ()
        self._reserved: Sequence[Notes] = ()
        self._heights: dict[tuple[int, int], int] = {}
        """The height `_reserved` needs, by width and the most it may take: layouts repeat,
        and a report may hold thousands of notes."""

    @property
    def notes(self) -> Notes:
        return self._notes

    def reserve(self, candidates: Sequence[Notes]) -> None:
        """Take the height the longest of `candidates` needs (none: no height at all)."""
        # Members of a group share its description: each distinct set of notes is measured once.
        reserved = list(dict.fromkeys(notes for notes in candidates if notes))
        if reserved == self._reserved:
            return
        known = dict(self._heights)
        self._reserved = reserved
        self._heights.clear()
        # A new layout of the screen only if the height changes: most sections' notes take
        # as many lines as the last one's, and a layout redraws every pane.
        if known and all(self._height(*key) == height for key, height in known.items()):
            self.refresh()
        else:
            self.refresh(layout=True)

    def show(self, notes: Notes) -> None:
        self._notes = notes
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        most = self.styles.max_height
        limit = viewport.height if most is None or most.cells is None else min(viewport.height, most.cells)
        return self._height(width, limit)

    def _height(self, width: int, limit: int) -> int:
        key = (width, limit)
        height = self._heights.get(key)
        if height is None:
            height = 0
            for notes in self._reserved:
                height = max(height, line_count(notes, width))
                if height >= limit:  # no taller than it may be, whatever else follows
                    break
            self._heights[key] = height
        return height

    def render(self) -> RenderResult:
        width, height = self.content_size
        return Content("\n").join(note_lines(self._notes, width, height))
