"""The report model: immutable, plain Python, built by the loader.

A report is a tree of sections. Each section holds its own paragraphs, figures
(photo captions) and metrics, and may hold subsections to any depth. Metrics point
at the paragraph that states them by id and carry the exact quote, so every number
on screen can be traced back to the sentence it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .numbers import Qualifier

__all__ = [
    "Figure",
    "Group",
    "Metric",
    "Paragraph",
    "Publication",
    "Qualifier",
    "Report",
    "Section",
    "SeriesPoint",
]


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    text: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A photo caption. It is not a paragraph: it sits between paragraphs."""

    id: str
    caption: str
    credit: str | None = None
    after: str | None = None
    """Id of the paragraph the figure follows; None puts it before the first one."""
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    period: str
    value: float


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
    note: str | None = None
    written: str | None = None
    """The words of `quote` that state the value (`66万`, `超百亿`), as the loader found
    them when it checked the value against the quote; None in a model built by hand."""


@dataclass(frozen=True, slots=True)
class Group:
    """An author-chosen set of comparable metrics that share one unit."""

    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Publication:
    date: dt.date
    inferred: bool = False
    note: str | None = None


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
    note: str | None = None

    def walk(self) -> Iterator[Section]:
        """This section, then its subsections depth first, in document order."""
        yield self
        for child in self.sections:
            yield from child.walk()

    def reading_order(self) -> Iterator[Paragraph | Figure]:
        """The paragraphs with the figures among them, as the source prints them: each
        figure after the paragraph it names, those that name none before the first."""
        figures_after: dict[str | None, list[Figure]] = {}
        for figure in self.figures:
            figures_after.setdefault(figure.after, []).append(figure)
        yield from figures_after.get(None, ())
        for paragraph in self.paragraphs:
            yield paragraph
            yield from figures_after.get(paragraph.id, ())


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

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        for section in self.sections:
            yield from section.walk()

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
    def section_of(self) -> dict[str, Section]:
        """The section that directly holds each section item (paragraph, figure, metric) id."""
        owners: dict[str, Section] = {}
        for section in self.walk():
            items: tuple[Paragraph | Figure | Metric, ...] = (
                *section.paragraphs,
                *section.figures,
                *section.metrics,
            )
            for item in items:
                owners[item.id] = section
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
        """The metrics of a group, in document order."""
        return self._members.get(group_id, ())

    @cached_property
    def _parent_of(self) -> dict[str, Section | None]:
        parents: dict[str, Section | None] = {}

        def add(sections: tuple[Section, ...], parent: Section | None) -> None:
            for section in sections:
                parents[section.id] = parent
                add(section.sections, section)

        add(self.sections, None)
        return parents

    def section_path(self, section_id: str) -> tuple[Section, ...]:
        """The chain of sections from the top level down to `section_id` (empty if unknown)."""
        section = self.section_by_id.get(section_id)
        path: list[Section] = []
        while section is not None:
            path.append(section)
            section = self._parent_of[section.id]
        return tuple(reversed(path))

    @property
    def summary(self) -> str:
        sections = sum(1 for _ in self.walk())
        return (
            f"{sections} sections, {len(self.paragraphs)} paragraphs, "
            f"{len(self.figures)} figures, {len(self.metrics)} metrics"
        )
