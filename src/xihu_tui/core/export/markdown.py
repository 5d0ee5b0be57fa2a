"""The whole report as Markdown (CommonMark, with GitHub's tables), for reading.

The title and the report's details come first; then each section as a heading of its
depth, its notes, its paragraphs, captions and subsections in reading order, and a table
of its metrics. Markdown cannot end a heading's part, so a paragraph that follows
subsections comes under its section's heading again, marked as continued. Notes keep
every language they are given in. Group descriptions are left out: the JSON export holds
everything.

The report's words are data, never markup. Every character Markdown could read as
syntax is escaped, so `*`, `# `, `<b>` or `|` in a paragraph come out as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..report.model import Figure, Metric, Note, Report, Section
from ..report.written import written_value
from ..text.display import full_number, one_line, qualifier_sign

__all__ = ["markdown_cell", "markdown_text", "report_markdown"]

_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>|~&#]")
"""Emphasis, code, links, HTML, entities, table pipes, strike-through, heading marks."""
_BLOCK_START = re.compile(r"^(?:[+=-]|[0-9]{1,9}(?=[.)]))")
"""What opens a list, a rule or a heading underline at the start of a line (1. and 1) too)."""
_EDGE_SPACE = re.compile(r"^\s+|\s+$")
"""White space at either end of a line, which renderers drop; an ideographic space (U+3000)
that indents a Chinese paragraph is text."""
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""Markdown's line endings (and only those: U+2028 and friends are text to it)."""

_METRIC_COLUMNS = ("Metric", "As written", "Value", "Unit", "Qualifier", "Group", "Quote", "Note")
_DEEPEST_HEADING = 6


def _escape_inline(text: str) -> str:
    return _INLINE_SYNTAX.sub(r"\\\g<0>", text)


def _escape_block_start(found: re.Match[str]) -> str:
    start = found.group()
    # A number's list marker is the stop after it, which the backslash goes before.
    return start + "\\" if start.isdigit() else "\\" + start


def _as_references(found: re.Match[str]) -> str:
    return "".join(f"&#x{ord(space):X};" for space in found.group())


def markdown_text(text: str) -> str:
    """`text` as Markdown that reads as exactly these words.

    Each line loses the spaces and tabs around it, which Markdown would drop anyway
    (or read as a code block); other white space there is kept as character references.
    A blank line in `text` starts a new paragraph.
    """
    lines = (_escape_inline(line.strip(" \t")) for line in _LINE_BREAK.split(text))
    return "\n".join(
        _EDGE_SPACE.sub(_as_references, _BLOCK_START.sub(_escape_block_start, line)) for line in lines
    )


def markdown_cell(text: str) -> str:
    """`text` on one line, for a heading or a table cell."""
    return _escape_inline(one_line(text))


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in markdown_text(text).split("\n"))


def _note_text(note: Note) -> str:
    """Every language of a note, each on its own line, tagged when there are several."""
    if len(note.texts) == 1:
        return note.texts[0][1]
    return "\n".join(f"[{tag}] {text}" for tag, text in note.texts)


def report_markdown(report: Report) -> str:
    blocks = [f"# {markdown_cell(report.title)}", *_details(report)]
    group_labels = {group.id: group.label for group in report.groups}
    for section in report.sections:
        blocks += _section_blocks(section, 2, group_labels)
    return "\n\n".join(blocks) + "\n"


def _details(report: Report) -> Iterator[str]:
    named = (("Byline", report.byline), ("Place", report.place), ("Period", report.period))
    details = [(name, value) for name, value in named if value]
    published = report.published
    if published is not None:
        date = published.date.isoformat() + (", inferred" if published.inferred else "")
        note = published.note and one_line(_note_text(published.note))
        details.append(("Published", f"{date}. {note}" if note else date))
    if details:
        yield "\n".join(f"- {name}: {markdown_cell(value)}" for name, value in details)


def _section_blocks(section: Section, level: int, group_labels: dict[str, str]) -> Iterator[str]:
    heading = f"{'#' * min(level, _DEEPEST_HEADING)} {markdown_cell(section.title)}"
    yield heading
    if section.editorial:
        yield "> *Editorial title: it is not in the source.*"
    if section.note:
        yield _quoted(_note_text(section.note))
    contents = list(section.contents())
    # The metrics table closes the section's own words: after its last paragraph or figure.
    table_after = max((n for n, item in enumerate(contents) if not isinstance(item, Section)), default=-1)
    if section.metrics and table_after < 0:
        yield _metrics_table(section.metrics, group_labels)
    after_subsection = False
    for position, item in enumerate(contents):
        if isinstance(item, Section):
            yield from _section_blocks(item, level + 1, group_labels)
            after_subsection = True
            continue
        if after_subsection:
            yield f"{heading} *(continued)*"
            after_subsection = False
        yield _figure(item) if isinstance(item, Figure) else markdown_text(item.text)
        if item.note:
            yield _quoted(_note_text(item.note))
        if position == table_after and section.metrics:
            yield _metrics_table(section.metrics, group_labels)


def _figure(figure: Figure) -> str:
    if figure.caption:
        caption = f"*{markdown_cell(figure.caption)}*"
    elif figure.alt:
        caption = f"*{markdown_cell(figure.alt)}* (the image's alt text)"
    else:
        caption = f"*{markdown_cell(figure.placeholder or '')}* (an editorial placeholder, not in the source)"
    return f"{caption} {markdown_cell(figure.credit)}" if figure.credit else caption


def _metrics_table(metrics: tuple[Metric, ...], group_labels: dict[str, str]) -> str:
    with_series = any(metric.series for metric in metrics)
    columns = _METRIC_COLUMNS + (("Series",) if with_series else ())
    rows = [columns, tuple("---" for _ in columns)]
    for metric in metrics:
        cells: tuple[str, ...] = (
            markdown_cell(metric.label),
            markdown_cell(written_value(metric)),
            full_number(metric.value),
            markdown_cell(metric.unit),
            f"{metric.qualifier.value} {qualifier_sign(metric.qualifier)}".rstrip(),
            markdown_cell(group_labels.get(metric.group, metric.group) if metric.group else ""),
            markdown_cell(metric.quote),
            markdown_cell(_note_text(metric.note) if metric.note else ""),
        )
        if with_series:
            cells += ("; ".join(f"{markdown_cell(p.period)}: {full_number(p.value)}" for p in metric.series),)
        rows.append(cells)
    return "\n".join(f"| {' | '.join(row)} |" for row in rows)
