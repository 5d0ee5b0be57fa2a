"""The report model as plain JSON data, and back: for the parse cache (and export).

`report_to_data` gives dicts, lists, strings and numbers that `json.dumps` writes as
is; `report_from_data` rebuilds an equal `Report`. Keys that hold None or a default
are left out. The shape follows the model's fields one to one (`MODEL_JSON_VERSION`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..text.numbers import Qualifier
from .model import Figure, Group, Metric, Note, Paragraph, Publication, Report, Section, SeriesPoint

__all__ = [
    "MODEL_JSON_VERSION",
    "compact_json",
    "report_from_data",
    "report_from_parts",
    "report_head_data",
    "report_to_data",
    "sections_data",
]

MODEL_JSON_VERSION = 3

Data = dict[str, Any]


def _left_out(value: object) -> bool:
    # By identity and type: 0.0 == False, and a metric may well be worth zero.
    return value is None or value is False or (isinstance(value, (list, tuple)) and not value)


def _compact(**fields: Any) -> Data:
    return {key: value for key, value in fields.items() if not _left_out(value)}


def _note_data(note: Note | None) -> list[list[str]] | None:
    """A note as `[[language, text], ...]`, its languages in the file's order."""
    return None if note is None else [[tag, text] for tag, text in note.texts]


def _note(data: list[list[str]] | None) -> Note | None:
    return None if data is None else Note(tuple((tag, text) for tag, text in data))


def report_to_data(report: Report) -> Data:
    data = report_head_data(report)
    if report.sections:
        data["sections"] = [_section_data(section) for section in report.sections]
    return data


def compact_json(data: object) -> str:
    """JSON as the parse cache writes it: compact, and the text as it is (not escaped to ASCII)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def sections_data(report: Report, *, batch: int = 100) -> Iterator[list[Data]]:
    """The data of the report's top-level sections (as `report_to_data` gives them), `batch`
    at a time: the data of a million sections is never made at once."""
    sections = report.sections
    for start in range(0, len(sections), batch):
        yield [_section_data(section) for section in sections[start : start + batch]]


def report_head_data(report: Report) -> Data:
    """All of `report_to_data` but the sections (which come last)."""
    published = report.published
    return _compact(
        title=report.title,
        language=report.language,
        byline=report.byline,
        place=report.place,
        period=report.period,
        published=published
        and _compact(
            date=published.date.isoformat(), inferred=published.inferred, note=_note_data(published.note)
        ),
        groups=[
            _compact(id=g.id, label=g.label, description=_note_data(g.description)) for g in report.groups
        ],
        format_version=report.format_version,
        drafted=report.drafted,
    )


def _section_data(section: Section) -> Data:
    if (
        type(section.id) is str
        and type(section.title) is str
        and section.editorial is False
        and section.note is None
        and section.after is None
        and section.drafted is False
        and not section.figures
        and not section.metrics
        and not section.sections
    ):  # most sections of a large report: what `_compact` would keep, made straight away
        data: Data = {"id": section.id, "title": section.title}
        if section.paragraphs:
            data["paragraphs"] = [_paragraph_data(p) for p in section.paragraphs]
        return data
    return _compact(
        id=section.id,
        title=section.title,
        editorial=section.editorial,
        note=_note_data(section.note),
        after=section.after,
        drafted=section.drafted,
        paragraphs=[_paragraph_data(p) for p in section.paragraphs],
        figures=[
            _compact(
                id=f.id,
                caption=f.caption,
                credit=f.credit,
                after=f.after,
                note=_note_data(f.note),
                alt=f.alt,
                placeholder=f.placeholder,
                drafted=f.drafted,
            )
            for f in section.figures
        ],
        metrics=[_metric_data(m) for m in section.metrics],
        sections=[_section_data(child) for child in section.sections],
    )


def _paragraph_data(paragraph: Paragraph) -> Data:
    return _compact(id=paragraph.id, text=paragraph.text, note=_note_data(paragraph.note))


def _metric_data(metric: Metric) -> Data:
    return _compact(
        id=metric.id,
        label=metric.label,
        value=metric.value,
        unit=metric.unit,
        quote=metric.quote,
        paragraph=metric.paragraph,
        qualifier=None if metric.qualifier is Qualifier.EXACT else metric.qualifier.value,
        group=metric.group,
        series=[
            [point.period, point.value, *([] if point.quote is None else [point.quote])]
            for point in metric.series
        ],
        note=_note_data(metric.note),
        written=metric.written,
        number=metric.number,
        occurrence=metric.occurrence,
        quote_at=metric.quote_at,
        figure=metric.figure,
        drafted=metric.drafted,
    )


def report_from_data(data: Data) -> Report:
    """The report `report_to_data` gave; KeyError, TypeError or ValueError if it is not one."""
    return report_from_parts(data, [data["sections"]])


def report_from_parts(head: Data, batches: Iterable[list[Data]]) -> Report:
    """The report of `report_head_data` and the data of its top-level sections in batches
    (as `sections_data` gives them), each batch built as it is taken; KeyError, TypeError or
    ValueError if they are not one."""
    data = head
    published = data.get("published")
    return Report(
        title=data["title"],
        language=data["language"],
        sections=tuple([_section(section) for batch in batches for section in batch]),
        byline=data.get("byline"),
        place=data.get("place"),
        period=data.get("period"),
        published=Publication(
            dt.date.fromisoformat(published["date"]),
            published.get("inferred", False),
            _note(published.get("note")),
        )
        if published
        else None,
        groups=tuple(Group(g["id"], g["label"], _note(g.get("description"))) for g in data.get("groups", ())),
        format_version=data["format_version"],
        drafted=data.get("drafted", False),
    )


def _section(data: Data) -> Section:
    get = data.get
    return Section(
        id=data["id"],
        title=data["title"],
        paragraphs=tuple(Paragraph(p["id"], p["text"], _note(p.get("note"))) for p in get("paragraphs", ())),
        figures=tuple(
            Figure(
                f["id"],
                f.get("caption", ""),
                f.get("credit"),
                f.get("after"),
                _note(f.get("note")),
                f.get("alt"),
                f.get("placeholder"),
                f.get("drafted", False),
            )
            for f in get("figures", ())
        ),
        metrics=tuple(_metric(m) for m in get("metrics", ())),
        sections=tuple(_section(child) for child in get("sections", ())),
        editorial=get("editorial", False),
        note=_note(get("note")),
        after=get("after"),
        drafted=get("drafted", False),
    )


def _metric(data: Data) -> Metric:
    get = data.get
    qualifier = get("qualifier")
    return Metric(
        id=data["id"],
        label=data["label"],
        value=float(data["value"]),
        unit=data["unit"],
        quote=data["quote"],
        paragraph=data["paragraph"],
        qualifier=Qualifier.EXACT if qualifier is None else Qualifier(qualifier),
        group=get("group"),
        series=tuple(
            SeriesPoint(point[0], float(point[1]), point[2] if len(point) > 2 else None)
            for point in get("series", ())
        ),
        note=_note(get("note")),
        written=get("written"),
        number=get("number"),
        occurrence=get("occurrence"),
        quote_at=get("quote_at"),
        figure=get("figure"),
        drafted=get("drafted", False),
    )
