"""An article and the metrics found in it, written as a report in the format (version 2).

What the drafter read is marked `drafted = true` in the file itself: the report's
details, each heading, each caption and each metric. An author confirms an item by
removing the key. Paragraphs are the article's, verbatim. Text before the first heading
goes under a section whose title is editorial (`editorial = true`, with a note saying
so), as the format asks of any title that is not in the source.

The text is written by hand rather than through a TOML library: every string goes
through `toml_string`, which escapes what TOML requires, so any text survives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..report.builder import FORMAT_VERSION
from ..text.display import plain_number
from ..text.numbers import Qualifier
from .article import Article, Caption, Heading, Paragraph
from .metrics import DraftMetric

__all__ = ["Document", "draft_document", "draft_report_toml", "toml_string"]

Document = dict[str, Any]
"""A report document as `tomllib` reads it."""

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}
_ESCAPE_TABLE = {
    code: _ESCAPES.get(chr(code), f"\\u{code:04x}") for code in (*range(0x20), 0x22, 0x5C, *range(0x7F, 0xA0))
}
"""What TOML requires escaped in a basic string: quotes, backslashes and control characters."""

_OPENING_TITLE = {"zh": "导语", "en": "Introduction"}
_OPENING_NOTE = {
    "zh": "原文开头没有小标题。此标题为编者所加，原文无。",
    "en": "The article opens without a heading. This title is editorial: it is not in the source.",
}


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text`."""
    return '"' + text.translate(_ESCAPE_TABLE) + '"'


_DATE = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")


def _date(printed: str | None) -> dt.date | None:
    """The date an article prints (`2020年12月29日`, `2020-12-29`), or None."""
    found = _DATE.search(printed or "")
    if found is None:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


@dataclass
class _Section:
    title: str
    level: int
    drafted: bool = True
    editorial: bool = False
    paragraphs: list[int] = field(default_factory=list)
    """Indices into the article's paragraphs."""
    figures: list[tuple[Caption, int | None]] = field(default_factory=list)
    """Each caption, and the paragraph it follows (None: before the first)."""
    children: list[_Section] = field(default_factory=list)
    id: str = ""


def _sections(article: Article, language: str) -> tuple[list[_Section], list[str]]:
    """The article's headings nested as their levels nest, and its paragraphs in order."""
    top: list[_Section] = []
    stack: list[_Section] = []
    paragraphs: list[str] = []

    def current() -> _Section:
        if not stack:
            opening = _Section(_OPENING_TITLE[language], 1, drafted=False, editorial=True)
            top.append(opening)
            stack.append(opening)
        return stack[-1]

    for block in article.blocks:
        if isinstance(block, Heading):
            section = _Section(block.text, block.level)
            while stack and stack[-1].level >= block.level:
                stack.pop()
            (stack[-1].children if stack else top).append(section)
            stack.append(section)
        elif isinstance(block, Paragraph):
            current().paragraphs.append(len(paragraphs))
            paragraphs.append(block.text)
        elif isinstance(block, Caption):
            owner = current()
            owner.figures.append((block, owner.paragraphs[-1] if owner.paragraphs else None))
    return top, paragraphs


def _number_ids(sections: list[_Section], prefix: str = "s") -> None:
    for index, section in enumerate(sections, 1):
        section.id = f"{prefix}{index}"
        _number_ids(section.children, f"{section.id}-")


def draft_document(article: Article, metrics: Sequence[DraftMetric]) -> Document:
    """The report for `article` with `metrics` (found in its paragraphs, in order), as the
    document `tomllib` reads from `draft_report_toml`'s text: the explorer builds an article
    opened directly from this, without writing the text and reading it back."""
    language = "en" if article.language.lower().startswith("en") else "zh"
    top, paragraphs = _sections(article, language)
    _number_ids(top)
    by_paragraph: dict[int, list[tuple[int, DraftMetric]]] = {}
    for index, metric in enumerate(metrics, 1):
        by_paragraph.setdefault(metric.paragraph, []).append((index, metric))
    details: Document = {"title": article.title}
    for key, value in (("byline", article.byline), ("place", article.place)):
        if value:
            details[key] = value
    details.update(language=article.language, drafted=True)
    published = _date(article.date)
    if published is not None:
        details["published"] = {"date": published}
    document: Document = {"format": FORMAT_VERSION, "report": details}
    groups = _groups(metrics)
    if groups:
        document["groups"] = groups
    document["sections"] = [_section_table(section, paragraphs, by_paragraph, language) for section in top]
    return document


def draft_report_toml(article: Article, metrics: Sequence[DraftMetric], *, source: str) -> str:
    """The report TOML for `article` with `metrics`: `draft_document`, written out."""
    header = [
        f"# Drafted by `xihu-tui draft` from {source}. What the drafter read is marked",
        "# drafted = true: confirm an item by removing the key, and check with `xihu-tui check`.",
    ]
    return "\n".join([*header, *_table_lines(draft_document(article, metrics), ())]) + "\n"


def _groups(metrics: Sequence[DraftMetric]) -> list[Document]:
    groups: dict[str, Document] = {}
    for metric in metrics:
        if metric.group is not None and metric.group not in groups:
            groups[metric.group] = {"id": metric.group, "label": metric.group_label or f"{metric.label}等"}
    return list(groups.values())


def _section_table(
    section: _Section,
    paragraphs: list[str],
    by_paragraph: dict[int, list[tuple[int, DraftMetric]]],
    language: str,
) -> Document:
    table: Document = {"id": section.id, "title": section.title}
    if section.editorial:
        table.update(editorial=True, note=_OPENING_NOTE[language])
    if section.drafted:
        table["drafted"] = True
    texts = [{"id": f"p{index + 1}", "text": paragraphs[index]} for index in section.paragraphs]
    figures = []
    for number, (caption, after) in enumerate(section.figures, 1):
        figure: Document = {"id": f"{section.id}-f{number}", "caption": caption.text}
        if caption.credit:
            figure["credit"] = caption.credit
        if after is not None:
            figure["after"] = f"p{after + 1}"
        figure["drafted"] = True
        figures.append(figure)
    metrics = [
        _metric_table(number, metric)
        for index in section.paragraphs
        for number, metric in by_paragraph.get(index, ())
    ]
    children = [_section_table(child, paragraphs, by_paragraph, language) for child in section.children]
    for key, items in (
        ("paragraphs", texts),
        ("figures", figures),
        ("metrics", metrics),
        ("sections", children),
    ):
        if items:
            table[key] = items
    return table


def _metric_table(number: int, metric: DraftMetric) -> Document:
    table: Document = {"id": f"m{number}", "label": metric.label, "value": plain_number(metric.value)}
    table["unit"] = metric.unit
    if metric.qualifier is not Qualifier.EXACT:
        table["qualifier"] = metric.qualifier.value
    table["quote"] = metric.quote
    if metric.number is not None:
        table["number"] = metric.number
    table["paragraph"] = f"p{metric.paragraph + 1}"
    if metric.group is not None:
        table["group"] = metric.group
    if metric.series:
        table["series"] = [
            {"period": period, "value": plain_number(value)} for period, value in metric.series
        ]
    table["drafted"] = True
    return table


# -- writing the document as TOML -------------------------------------------------------

_ARRAYS_OF_TABLES = frozenset({"groups", "sections", "paragraphs", "figures", "metrics"})
"""Written as `[[...]]` tables, one after another; any other list is written inline."""


def _table_lines(table: Document, path: tuple[str, ...]) -> Iterator[str]:
    """A table's keys, then its tables, then its arrays of tables, each after a blank line."""
    for key, value in table.items():
        if not isinstance(value, dict) and key not in _ARRAYS_OF_TABLES:
            yield f"{key} = {_inline(value)}"
    for key, value in table.items():
        if isinstance(value, dict):
            yield ""
            yield f"[{'.'.join((*path, key))}]"
            yield from _table_lines(value, (*path, key))
        elif key in _ARRAYS_OF_TABLES:
            for item in value:
                yield ""
                yield f"[[{'.'.join((*path, key))}]]"
                yield from _table_lines(item, (*path, key))


def _inline(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_inline(item)}" for key, item in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")  # pragma: no cover - the document holds only the above
