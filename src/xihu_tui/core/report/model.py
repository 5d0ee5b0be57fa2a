"""The report model: immutable, plain Python, built by the loader.

A report is a tree of sections. Each section holds its own paragraphs, figures
(photo captions and charts) and metrics, and may hold subsections to any depth, placed
among its paragraphs. Metrics point at the paragraph that states them by id and carry
the exact quote, so every number on screen can be traced back to the sentence it came
from. A value is signed: a decline (下降3.5%) is -3.5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..text.display import one_line
from ..text.numbers import Qualifier

PATH_SEPARATOR = " › "
"""Between the titles of a section's path (`Report.path_words`)."""

__all__ = [
    "Figure",
    "Group",
    "Metric",
    "Note",
    "Paragraph",
    "Publication",
    "Qualifier",
    "Report",
    "Section",
    "SeriesPoint",
]


@dataclass(frozen=True, slots=True)
class Note:
    """An editorial note, in one language or several: what the editors add, never the source.

    `texts` pairs a language tag with the note in it; the first is the one written without a
    tag (in the report's language), shown when the interface's language has none.
    """

    texts: tuple[tuple[str, str], ...]

    def text(self, language: str) -> str:
        """The note in `language` (`zh`, `en`, `zh-CN`: by primary subtag), or the first one."""
        wanted = _primary(language)
        for tag, text in self.texts:
            if _primary(tag) == wanted:
                return text
        return self.texts[0][1]

    @property
    def all_text(self) -> str:
        """Every language's text, for search and for exports that keep them all."""
        return "\n".join(text for _, text in self.texts)


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    text: str
    note: Note | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A photo or chart, with its caption as printed. It is not a paragraph: it sits
    between paragraphs. An uncaptioned chart has `caption` empty and is known by its
    `alt` text (as the source gives it) or an editorial `placeholder` (as the editors
    describe it)."""

    id: str
    caption: str
    credit: str | None = None
    after: str | None = None
    """Id of the paragraph the figure follows; None puts it before the first one."""
    note: Note | None = None
    alt: str | None = None
    """The image's alternative text, as the source gives it."""
    placeholder: str | None = None
    """The editors' words for a figure the source leaves without words (never the source's)."""
    drafted: bool = False
    """Found by `xihu-tui draft` (a line read as a caption), not yet confirmed by an author."""

    @property
    def words(self) -> str:
        """What stands for the figure in the text: its caption, alt text or placeholder."""
        return self.caption or self.alt or self.placeholder or ""


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    period: str
    value: float
    quote: str | None = None
    """The words of the metric's paragraph that state this point; None when the point's
    number is found in the paragraph without one."""


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    label: str
    value: float
    """Normalised to base units: 66万户 is 660000, 96.7% is 96.7."""
    unit: str
    quote: str
    """The exact words of `paragraph` that state the figure."""
    paragraph: str
    qualifier: Qualifier = Qualifier.EXACT
    group: str | None = None
    series: tuple[SeriesPoint, ...] = ()
    note: Note | None = None
    written: str | None = None
    """The words of `quote` that state the value (`66万`, `超百亿`), as the loader found
    them when it checked the value against the quote; None in a model built by hand."""
    number: int | None = None
    """Which number of `quote` states the value (1 is the first), when it holds several."""
    occurrence: int | None = None
    """Which occurrence of `quote` in the paragraph is meant (1 is the first), when it repeats."""
    quote_at: int | None = None
    """Where the quote starts in the paragraph's text, as the loader found it; None in a
    model built by hand (the first occurrence)."""
    figure: str | None = None
    """Id of the figure (in the same section) that shows this metric, if one does."""
    drafted: bool = False
    """Found by `xihu-tui draft`, not yet confirmed by an author: its label, unit and grouping
    are the drafter's guesses (its value and quote are checked like any other)."""

    def quote_start(self, paragraph_text: str) -> int:
        """Where the quote starts in its paragraph's text (-1 if it is not there)."""
        if self.quote_at is not None:
            return self.quote_at
        return paragraph_text.find(self.quote)


@dataclass(frozen=True, slots=True)
class Group:
    """An author-chosen set of comparable metrics that share one unit."""

    id: str
    label: str
    description: Note | None = None


@dataclass(frozen=True, slots=True)
class Publication:
    date: dt.date
    inferred: bool = False
    note: Note | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    figures: tuple[Figure, ...] = ()
    metrics: tuple[Metric, ...] = ()
    sections: tuple[Section, ...] = ()
    editorial: bool = False
    """True when the title was added by the report's editors and is not in the source."""
    note: Note | None = None
    after: str | None = None
    """Id of the parent's paragraph this subsection follows; None puts it after the
    parent's last paragraph (and its figures)."""
    drafted: bool = False
    """Found by `xihu-tui draft` (a line read as a heading), not yet confirmed by an author."""

    def walk(self) -> Iterator[Section]:
        """This section, then its subsections depth first, in document order."""
        yield self
        if self.sections:
            yield from _depth_first(self.sections)

    def reading_order(self) -> Iterator[Paragraph | Figure]:
        """The paragraphs with the figures among them, as the source prints them: each
        figure after the paragraph it names, those that name none before the first."""
        for item in self.contents():
            if not isinstance(item, Section):
                yield item

    def contents(self) -> Iterator[Paragraph | Figure | Section]:
        """Everything the section holds, in the one order the source prints it: figures
        and subsections after the paragraph they name (figures that name none before the
        first paragraph, subsections that name none after the last), each kind in its
        own order; anything placed after a paragraph that is not there (a model built by
        hand) after the last one. The contents, the text, search and every export follow it."""
        if not self.figures and not self.sections:  # most sections: nothing to place
            yield from self.paragraphs
            return
        placed = {paragraph.id for paragraph in self.paragraphs}
        figures_after: dict[str | None, list[Figure]] = {}
        strays: list[Figure] = []  # after a paragraph that is not here (a model built by hand)
        for figure in self.figures:
            if figure.after is None or figure.after in placed:
                figures_after.setdefault(figure.after, []).append(figure)
            else:
                strays.append(figure)
        sections_after: dict[str | None, list[Section]] = {}
        for section in self.sections:
            sections_after.setdefault(section.after if section.after in placed else None, []).append(section)
        yield from figures_after.get(None, ())
        for paragraph in self.paragraphs:
            yield paragraph
            yield from figures_after.get(paragraph.id, ())
            yield from sections_after.get(paragraph.id, ())
        yield from strays
        yield from sections_after.get(None, ())


def _depth_first(sections: tuple[Section, ...]) -> Iterator[Section]:
    """`sections` and their subsections, depth first, in document order: with a stack
    rather than a generator for each section, which a million sections would make."""
    stack = [iter(sections)]
    while stack:
        for section in stack[-1]:
            yield section
            if section.sections:
                stack.append(iter(section.sections))
                break
        else:
            stack.pop()


@dataclass(frozen=True)
class Report:
    title: str
    language: str
    sections: tuple[Section, ...]
    byline: str | None = None
    place: str | None = None
    period: str | None = None
    published: Publication | None = None
    groups: tuple[Group, ...] = ()
    format_version: int = 1
    drafted: bool = False
    """Made by `xihu-tui draft`: its title, byline, place and period are the drafter's reading."""

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        return _depth_first(self.sections)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for s in self.walk() for p in s.paragraphs)

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in self.walk() for f in s.figures)

    @cached_property
    def metrics(self) -> tuple[Metric, ...]:
        return tuple(m for s in self.walk() for m in s.metrics)

    @cached_property
    def most_metrics_in_a_section(self) -> int:
        """The metrics of the section that has the most (0 in a report without any)."""
        return max((len(section.metrics) for section in self.walk()), default=0)

    @cached_property
    def section_of(self) -> dict[str, Section]:
        """The section that directly holds each section item (paragraph, figure, metric) id."""
        owners: dict[str, Section] = {}
        for section in self.walk():
            for paragraph in section.paragraphs:
                owners[paragraph.id] = section
            for figure in section.figures:
                owners[figure.id] = section
            for metric in section.metrics:
                owners[metric.id] = section
        return owners

    @cached_property
    def paragraph_by_id(self) -> dict[str, Paragraph]:
        return {p.id: p for p in self.paragraphs}

    @cached_property
    def metric_by_id(self) -> dict[str, Metric]:
        return {m.id: m for m in self.metrics}

    @cached_property
    def section_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.walk()}

    @cached_property
    def section_ids(self) -> tuple[str, ...]:
        """Every section's id, depth first, in document order."""
        return tuple(self.section_by_id)

    @cached_property
    def section_index(self) -> dict[str, int]:
        """Each section's position in `section_ids`."""
        return {section_id: index for index, section_id in enumerate(self.section_ids)}

    @cached_property
    def group_by_id(self) -> dict[str, Group]:
        return {g.id: g for g in self.groups}

    @cached_property
    def _members(self) -> dict[str, tuple[Metric, ...]]:
        members: dict[str, list[Metric]] = {}
        for metric in self.metrics:
            if metric.group is not None:
                members.setdefault(metric.group, []).append(metric)
        return {group_id: tuple(found) for group_id, found in members.items()}

    def group_members(self, group_id: str) -> tuple[Metric, ...]:
        """The metrics of a group, in document order (the same tuple each time)."""
        return self._members.get(group_id, ())

    @cached_property
    def _member_places(self) -> dict[str, int]:
        return {metric.id: at for members in self._members.values() for at, metric in enumerate(members)}

    def member_place(self, metric_id: str) -> int | None:
        """Where the metric is among its group's members; None if it is in no group."""
        return self._member_places.get(metric_id)

    @cached_property
    def _parent_of(self) -> dict[str, Section | None]:
        parents: dict[str, Section | None] = {}
        stack: list[tuple[Iterator[Section], Section | None]] = [(iter(self.sections), None)]
        while stack:  # depth first, as `walk`
            children, parent = stack[-1]
            for section in children:
                parents[section.id] = parent
                if section.sections:
                    stack.append((iter(section.sections), section))
                    break
            else:
                stack.pop()
        return parents

    def section_path(self, section_id: str) -> tuple[Section, ...]:
        """The chain of sections from the top level down to `section_id` (empty if unknown)."""
        section = self.section_by_id.get(section_id)
        path: list[Section] = []
        while section is not None:
            path.append(section)
            section = self._parent_of[section.id]
        return tuple(reversed(path))

    def path_words(self, section_id: str, *, parents_only: bool = False) -> str:
        """Where a section is, in words on one line: its titles from the top level down
        ("加快深化改革 › 推进党建工作"), its own title last unless `parents_only`. Every view
        that names a section's place (the palette, the overview, the crumbs over the text,
        `search`'s lines) says it this way."""
        path = self.section_path(section_id)
        return PATH_SEPARATOR.join(
            one_line(section.title) for section in path[: -1 if parents_only else None]
        )

    @property
    def summary(self) -> str:
        sections = sum(1 for _ in self.walk())
        drafted = sum(1 for metric in self.metrics if metric.drafted)
        return (
            f"{sections} sections, {len(self.paragraphs)} paragraphs, "
            f"{len(self.figures)} figures, {len(self.metrics)} metrics"
            + (f" ({drafted} drafted)" if drafted else "")
        )
