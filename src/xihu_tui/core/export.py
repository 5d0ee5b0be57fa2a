"""A report exported for other programs: its metrics as CSV, the model as JSON, or the
whole report as Markdown (`markdown.py`). The formats are documented in docs/export.md.

Each exporter takes a report and returns the file's bytes; writing them is the caller's.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from .display import plain_number
from .markdown import report_markdown
from .model import Report
from .model_json import MODEL_JSON_VERSION, report_to_data
from .safe_text import json_for_terminal

__all__ = ["CSV_COLUMNS", "EXPORTERS", "export_csv", "export_json", "export_markdown"]

CSV_COLUMNS = ("id", "section", "label", "value", "unit", "qualifier", "group", "quote")


def export_csv(report: Report) -> bytes:
    """One row per metric, in document order, as UTF-8 with a byte-order mark: without
    it, spreadsheet programs read the file in the system's legacy encoding and garble
    the Chinese."""
    rows = io.StringIO(newline="")
    writer = csv.writer(rows)
    writer.writerow(CSV_COLUMNS)
    for section in report.walk():
        for metric in section.metrics:
            value = plain_number(metric.value)
            writer.writerow(
                (
                    metric.id,
                    section.id,
                    metric.label,
                    "" if value is None else value,
                    metric.unit,
                    metric.qualifier.value,
                    metric.group or "",
                    metric.quote,
                )
            )
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
