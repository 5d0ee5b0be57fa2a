"""Search results as the command line shows them: one line per hit, or one JSON document.

Kept apart from `cli.py` so the wording and the JSON shape (documented in
docs/search.md) live in one place that any other tool can reuse.
"""

from __future__ import annotations

from typing import Any

from .display import one_line, plain_number
from .model import Metric, Report
from .safe_text import visible_line
from .search import Hit, SearchResult
from .written import written_value

SEARCH_JSON_VERSION = 1
CONTEXT = 20
"""Characters of context shown either side of a hit."""


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
        if hit.field == "title":
            return self.report.section_by_id[hit.item_id].title
        if hit.field == "paragraph":
            return self.report.paragraph_by_id[hit.item_id].text
        figure = self.figures[hit.item_id]
        return (figure.credit or "") if hit.field == "credit" else figure.caption

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
        path = " › ".join(one_line(title) for title in self.section_path(hit.section_id))
        item = hit.item_id if hit.field == "paragraph" else f"{hit.item_id} ({hit.field})"
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
