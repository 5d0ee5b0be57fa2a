"""A report exported for other programs: its metrics as CSV, the model as JSON, or the
whole report as Markdown (`markdown.py`). The formats are documented in docs/export.md.

Each exporter takes a report and returns the file's bytes; writing them is the caller's.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

from ..report.model import Report
from ..report.model_json import MODEL_JSON_VERSION, report_to_data
from ..text.display import plain_number
from ..text.safe_text import json_for_terminal, visible
from .markdown import report_markdown

__all__ = ["CSV_COLUMNS", "EXPORTERS", "export_csv", "export_json", "export_markdown", "for_terminal"]

CSV_COLUMNS = ("id", "section", "label", "value", "unit", "qualifier", "group", "quote")

_FORMULA_START = re.compile(r'(?:^|[,;\t\r\n])"*(?=[=+\-@\t\r])')
"""Where a spreadsheet would start a cell with a formula (OWASP's CSV injection): `=`, `+`,
`-`, `@`, a tab or a carriage return at the start of the text, or after a separator or line
break within it, since a spreadsheet set to `;` or tabs (as much of Europe is) starts a
cell there whatever the quoting says; quotes in between do not stop it."""


def _csv_text(text: str) -> str:
    """`text` as a spreadsheet shows it rather than runs it: a `'` before each formula start.

    A NUL becomes `␀` (U+2400): CSV has no way to hold one (Python 3.10's writer refuses
    it, and readers, Python's own on 3.10 among them, stop at it)."""
    return _FORMULA_START.sub(lambda found: found.group() + "'", text).replace("\x00", "\u2400")


def export_csv(report: Report) -> bytes:
    """One row per metric, in document order, as UTF-8 with a byte-order mark: without
    it, spreadsheet programs read the file in the system's legacy encoding and garble
    the Chinese.

    Every text cell is quoted, so its commas, semicolons and tabs stay in it; the value
    is a bare number, so spreadsheets read it as one (`-3.5` too)."""
    rows = io.StringIO(newline="")
    writer = csv.writer(rows, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(CSV_COLUMNS)
    for section in report.walk():
        for metric in section.metrics:
            text = (metric.id, section.id, metric.label)
            more_text = (metric.unit, metric.qualifier.value, metric.group or "", metric.quote)
            # None (a value that is not finite) is written as an empty cell.
            writer.writerow((*map(_csv_text, text), plain_number(metric.value), *map(_csv_text, more_text)))
    return rows.getvalue().encode("utf-8-sig")


def export_json(report: Report) -> bytes:
    """The whole model, in the shape the parse cache keeps (`model_json`), with its version."""
    document = {"version": MODEL_JSON_VERSION, "report": report_to_data(report)}
    text = json_for_terminal(json.dumps(document, ensure_ascii=False, indent=2))
    return (text + "\n").encode("utf-8")


def export_markdown(report: Report) -> bytes:
    return report_markdown(report).encode("utf-8")


EXPORTERS: dict[str, Callable[[Report], bytes]] = {
    "csv": export_csv,
    "json": export_json,
    "md": export_markdown,
}
"""Each format's name on the command line, and its exporter."""


def for_terminal(export: bytes) -> bytes:
    """An export as a terminal may show it: every control character and control of direction
    in the report's text shown (`safe_text.visible`: `␛`, `⇄`), the line ends (the CSV's
    `\\r\\n` too) kept. A file keeps the text as written; this is for a reader's screen."""
    lines = export.decode("utf-8").split("\r\n")
    return "\r\n".join(map(visible, lines)).encode("utf-8")
