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

from ..builder import FORMAT_VERSION
from ..display import plain_number
from ..numbers import Qualifier
from .article import Article, Caption, Heading, Paragraph
from .metrics import DraftMetric

__all__ = ["draft_report_toml", "toml_string"]

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}

_OPENING_TITLE = {"zh": "导语", "en": "Introduction"}
_OPENING_NOTE = {
    "zh": "原文开头没有小标题。此标题为编者所加，原文无。",
    "en": "The article opens without a heading. This title is editorial: it is not in the source.",
}


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text`."""
    out = []
    for character in text:
        if character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0:
            out.append(f"\\u{ord(character):04x}")
        else:
            out.append(character)
    return '"' + "".join(out) + '"'


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


def _value(value: float) -> str:
    plain = plain_number(value)
    return repr(plain) if isinstance(plain, float) else str(plain)


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


def draft_report_toml(article: Article, metrics: Sequence[DraftMetric], *, source: str) -> str:
    """The report TOML for `article` with `metrics` (found in its paragraphs, in order)."""
    language = "en" if article.language.lower().startswith("en") else "zh"
    top, paragraphs = _sections(article, language)
    _number_ids(top)
    by_paragraph: dict[int, list[tuple[int, DraftMetric]]] = {}
    for index, metric in enumerate(metrics, 1):
        by_paragraph.setdefault(metric.paragraph, []).append((index, metric))
    lines = [
        f"# Drafted by `xihu-tui draft` from {source}. What the drafter read is marked",
        "# drafted = true: confirm an item by removing the key, and check with `xihu-tui check`.",
        f"format = {FORMAT_VERSION}",
        "",
        "[report]",
        f"title = {toml_string(article.title)}",
    ]
    for key, value in (("byline", article.byline), ("place", article.place)):
        if value:
            lines.append(f"{key} = {toml_string(value)}")
    lines += [f"language = {toml_string(article.language)}", "drafted = true", ""]
    published = _date(article.date)
    if published is not None:
        lines += ["[report.published]", f"date = {published.isoformat()}", ""]
    lines += _groups(metrics)
    for section in top:
        lines += _section_lines(section, 1, paragraphs, by_paragraph, language)
    return "\n".join(lines) + "\n"


def _groups(metrics: Sequence[DraftMetric]) -> list[str]:
    lines: list[str] = []
    seen: set[str] = set()
    for metric in metrics:
        if metric.group is None or metric.group in seen:
            continue
        seen.add(metric.group)
        label = metric.group_label or f"{metric.label}等"
        lines += ["[[groups]]", f"id = {toml_string(metric.group)}", f"label = {toml_string(label)}", ""]
    return lines


def _section_lines(
    section: _Section,
    depth: int,
    paragraphs: list[str],
    by_paragraph: dict[int, list[tuple[int, DraftMetric]]],
    language: str,
) -> Iterator[str]:
    header = ".".join(["sections"] * depth)
    yield f"[[{header}]]"
    yield f"id = {toml_string(section.id)}"
    yield f"title = {toml_string(section.title)}"
    if section.editorial:
        yield "editorial = true"
        yield f"note = {toml_string(_OPENING_NOTE[language])}"
    if section.drafted:
        yield "drafted = true"
    yield ""
    for index in section.paragraphs:
        yield f"[[{header}.paragraphs]]"
        yield f"id = {toml_string(f'p{index + 1}')}"
        yield f"text = {toml_string(paragraphs[index])}"
        yield ""
    for number, (caption, after) in enumerate(section.figures, 1):
        yield f"[[{header}.figures]]"
        yield f"id = {toml_string(f'{section.id}-f{number}')}"
        yield f"caption = {toml_string(caption.text)}"
        if caption.credit:
            yield f"credit = {toml_string(caption.credit)}"
        if after is not None:
            yield f"after = {toml_string(f'p{after + 1}')}"
        yield "drafted = true"
        yield ""
    for index in section.paragraphs:
        for number, metric in by_paragraph.get(index, ()):
            yield from _metric_lines(header, number, metric)
    for child in section.children:
        yield from _section_lines(child, depth + 1, paragraphs, by_paragraph, language)


def _metric_lines(header: str, number: int, metric: DraftMetric) -> Iterator[str]:
    yield f"[[{header}.metrics]]"
    yield f"id = {toml_string(f'm{number}')}"
    yield f"label = {toml_string(metric.label)}"
    yield f"value = {_value(metric.value)}"
    yield f"unit = {toml_string(metric.unit)}"
    if metric.qualifier is not Qualifier.EXACT:
        yield f"qualifier = {toml_string(metric.qualifier.value)}"
    yield f"quote = {toml_string(metric.quote)}"
    if metric.number is not None:
        yield f"number = {metric.number}"
    yield f"paragraph = {toml_string(f'p{metric.paragraph + 1}')}"
    if metric.group is not None:
        yield f"group = {toml_string(metric.group)}"
    if metric.series:
        points = ", ".join(
            f"{{ period = {toml_string(period)}, value = {_value(value)} }}"
            for period, value in metric.series
        )
        yield f"series = [{points}]"
    yield "drafted = true"
    yield ""
