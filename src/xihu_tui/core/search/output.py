"""Search results as the command line shows them: one line per hit, or one JSON document.

Kept apart from `cli.py` so the wording and the JSON shape (documented in
docs/search.md) live in one place that any other tool can reuse.
"""

from __future__ import annotations

from typing import Any

from ..report.model import Figure, Metric, Note, Report
from ..report.written import written_value
from ..text.display import one_line, plain_number
from ..text.safe_text import visible_line
from .hits import Field, Hit, SearchResult

SEARCH_JSON_VERSION = 2
"""2: `field` may be a metric label, a group name or a note (1 had text fields only)."""
CONTEXT = 20
"""Characters of context shown either side of a hit."""


FIELD_WORDS: dict[Field, str] = {
    "title": "title",
    "paragraph": "paragraph",
    "caption": "caption",
    "credit": "credit",
    "label": "metric label",
    "group": "group",
    "note": "note",
}
"""Where in an item a hit is, as the command line says it."""


def hit_text(report: Report, hit: Hit, figures: dict[str, Figure] | None = None) -> str:
    """The whole text a hit's offsets are in: a title, a paragraph, a caption, a label, a note…"""
    field, item_id = hit.field, hit.item_id
    if field == "title":
        return report.section_by_id[item_id].title
    if field == "paragraph":
        return report.paragraph_by_id[item_id].text
    if field == "label":
        return report.metric_by_id[item_id].label
    if field == "group":
        return report.group_by_id[item_id].label
    if field == "note":
        note = _note_of(report, item_id)
        return note.all_text if note is not None else ""
    figure = (figures or {f.id: f for f in report.figures})[item_id]
    return (figure.credit or "") if field == "credit" else figure.words


def _note_of(report: Report, item_id: str) -> Note | None:
    """The note on a section, paragraph, figure, metric or group."""
    if item_id in report.section_by_id:
        return report.section_by_id[item_id].note
    if item_id in report.paragraph_by_id:
        return report.paragraph_by_id[item_id].note
    if item_id in report.metric_by_id:
        return report.metric_by_id[item_id].note
    if item_id in report.group_by_id:
        return report.group_by_id[item_id].description
    return next((figure.note for figure in report.figures if figure.id == item_id), None)


class HitFormatter:
    """What the command line shows of each hit: where it is, its words, its metric."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.paths: dict[str, list[str]] = {}
        self.figures = {figure.id: figure for figure in report.figures}

    def section_path(self, section_id: str) -> list[str]:
        if section_id not in self.paths:
            self.paths[section_id] = [s.title for s in self.report.section_path(section_id)]
        return self.paths[section_id]

    def text(self, hit: Hit) -> str:
        return hit_text(self.report, hit, self.figures)

    def context(self, hit: Hit) -> tuple[str, str, str]:
        text = self.text(hit)
        before = text[max(0, hit.start - CONTEXT) : hit.start]
        return before, text[hit.start : hit.end], text[hit.end : hit.end + CONTEXT]

    def metric(self, hit: Hit) -> Metric | None:
        return self.report.metric_by_id.get(hit.metric_id) if hit.metric_id else None

    def line(self, hit: Hit) -> str:
        before, match, after = self.context(hit)
        if hit.start > CONTEXT:
            before = "…" + before
        if hit.end + CONTEXT < len(self.text(hit)):
            after += "…"
        path = self.report.path_words(hit.section_id)
        item = hit.item_id if hit.field == "paragraph" else f"{hit.item_id} ({FIELD_WORDS[hit.field]})"
        line = f"{path}  {one_line(item)}: {visible_line(before)}«{visible_line(match)}»{visible_line(after)}"
        metric = self.metric(hit)
        if metric is not None:
            line += f"  [{one_line(metric.label)}: {one_line(written_value(metric))}]"
        return line

    def as_json(self, hit: Hit) -> dict[str, Any]:
        before, match, after = self.context(hit)
        metric = self.metric(hit)
        return {
            "section": hit.section_id,
            "section_path": self.section_path(hit.section_id),
            "item": hit.item_id,
            "field": hit.field,
            "start": hit.start,
            "end": hit.end,
            "match": match,
            "context": {"before": before, "match": match, "after": after},
            "metric": None
            if metric is None
            else {
                "id": metric.id,
                "label": metric.label,
                "value": plain_number(metric.value),
                "unit": metric.unit,
                "qualifier": metric.qualifier.value,
                "written": written_value(metric),
                "quote": metric.quote,
            },
        }


def search_document(result: SearchResult, section_id: str | None, hits: HitFormatter) -> dict[str, Any]:
    return {
        "version": SEARCH_JSON_VERSION,
        "query": result.query,
        "kind": result.kind,
        "scope": {"section": section_id},
        "count": len(result.hits),
        "problem": result.problem,
        "detail": result.detail,
        "hits": [hits.as_json(hit) for hit in result.hits],
    }
