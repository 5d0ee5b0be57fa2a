"""The report model as plain JSON data, and back: for the parse cache (and export).

`report_to_data` gives dicts, lists, strings and numbers that `json.dumps` writes as
is; `report_from_data` rebuilds an equal `Report`. Keys that hold None or a default
are left out. The shape follows the model's fields one to one (`MODEL_JSON_VERSION`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import Figure, Group, Metric, Paragraph, Publication, Report, Section, SeriesPoint
from .numbers import Qualifier

__all__ = ["MODEL_JSON_VERSION", "report_from_data", "report_to_data"]

MODEL_JSON_VERSION = 2

Data = dict[str, Any]


def _left_out(value: object) -> bool:
    # By identity and type: 0.0 == False, and a metric may well be worth zero.
    return value is None or value is False or (isinstance(value, (list, tuple)) and not value)


def _compact(**fields: Any) -> Data:
    return {key: value for key, value in fields.items() if not _left_out(value)}


def report_to_data(report: Report) -> Data:
    published = report.published
    return _compact(
        title=report.title,
        language=report.language,
        byline=report.byline,
        place=report.place,
        period=report.period,
        published=published
        and _compact(date=published.date.isoformat(), inferred=published.inferred, note=published.note),
        groups=[_compact(id=g.id, label=g.label, description=g.description) for g in report.groups],
        format_version=report.format_version,
        sections=[_section_data(section) for section in report.sections],
    )


def _section_data(section: Section) -> Data:
    return _compact(
        id=section.id,
        title=section.title,
        editorial=section.editorial,
        note=section.note,
        paragraphs=[_compact(id=p.id, text=p.text, note=p.note) for p in section.paragraphs],
        figures=[
            _compact(id=f.id, caption=f.caption, credit=f.credit, after=f.after, note=f.note)
            for f in section.figures
        ],
        metrics=[_metric_data(m) for m in section.metrics],
        sections=[_section_data(child) for child in section.sections],
    )


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
        series=[[point.period, point.value] for point in metric.series],
        note=metric.note,
        written=metric.written,
    )


def report_from_data(data: Data) -> Report:
    """The report `report_to_data` gave; KeyError, TypeError or ValueError if it is not one."""
    published = data.get("published")
    return Report(
        title=data["title"],
        language=data["language"],
        sections=tuple(_section(s) for s in data["sections"]),
        byline=data.get("byline"),
        place=data.get("place"),
        period=data.get("period"),
        published=Publication(
            dt.date.fromisoformat(published["date"]), published.get("inferred", False), published.get("note")
        )
        if published
        else None,
        groups=tuple(Group(g["id"], g["label"], g.get("description")) for g in data.get("groups", ())),
        format_version=data["format_version"],
    )


def _section(data: Data) -> Section:
    get = data.get
    return Section(
        id=data["id"],
        title=data["title"],
        paragraphs=tuple(Paragraph(p["id"], p["text"], p.get("note")) for p in get("paragraphs", ())),
        figures=tuple(
            Figure(f["id"], f["caption"], f.get("credit"), f.get("after"), f.get("note"))
            for f in get("figures", ())
        ),
        metrics=tuple(_metric(m) for m in get("metrics", ())),
        sections=tuple(_section(child) for child in get("sections", ())),
        editorial=get("editorial", False),
        note=get("note"),
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
        series=tuple(SeriesPoint(period, float(value)) for period, value in get("series", ())),
        note=get("note"),
        written=get("written"),
    )
