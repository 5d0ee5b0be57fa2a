"""Turn a report file into the model, or into a list of located problems.

Loading never stops at the first problem and never lets an exception other than
`ReportError` escape: a report author wants every mistake in one run, each with a
file, a line where one can be found, and a key path.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .model import (
    Figure,
    Group,
    Metric,
    Paragraph,
    Publication,
    Report,
    Section,
    SeriesPoint,
)
from .numbers import Qualifier, find_quantities
from .problems import KeyPath, Problem, ReportError, format_key_path, quoted
from .report_bytes import read_report_bytes
from .toml_lines import key_lines, line_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_VERSION",
    "bundled_report_path",
    "load_report",
    "loads_report",
]

FORMAT_VERSION = 1
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Reports larger than this are refused unread; `max_bytes` raises the limit."""
MAX_SECTION_DEPTH = 64
"""Sections nest at most this deep: enough for any report, and well within Python's recursion."""

T = TypeVar("T")
Table = dict[str, Any]


def bundled_report_path() -> Path:
    """The West Lake report shipped with the package.

    A wheel carries it inside the package; an editable install or a source checkout
    reads `data/report.toml` at the repository root. Found beside this file rather than
    through `importlib.resources`, whose import took 7–10 ms here, as long as loading
    the report itself (and whose answer is no file path for a zipped package anyway).
    """
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data" / "report.toml"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / "report.toml"


def load_report(
    path: str | Path | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = False,
    cache_directory: Path | None = None,
) -> Report:
    """Load and validate a report file (the bundled one when `path` is None).

    With `cache`, a large report loaded before with the same bytes comes from the
    parse cache (`core/cache.py`), and one loaded now is put there.
    """
    path = bundled_report_path() if path is None else Path(path)
    raw = read_report_bytes(path, max_bytes)
    if cache:
        from . import cache as parse_cache

        cached = parse_cache.lookup(raw, FORMAT_VERSION, cache_directory)
        if cached is not None:
            return cached
    report = loads_report(_decode(raw, str(path)), source=str(path))
    if cache:
        parse_cache.store(raw, report, cache_directory)
    return report


def loads_report(text: str, *, source: str = "<string>") -> Report:
    """Parse and validate report TOML given as a string."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _decode_error_position(error, text)
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)$", "", str(error))
        raise ReportError([Problem(source, f"TOML syntax error: {message}", line, column)]) from None
    except RecursionError:
        raise ReportError([Problem(source, "TOML nesting is too deep to read")]) from None
    except ValueError as error:
        # Not a syntax error: tomllib reads integers with int(), which refuses one of more
        # digits than sys.get_int_max_str_digits() allows (4,300), and says nothing of where.
        raise ReportError([_overlong_integer(text, source, error)]) from None
    return _Builder(source, text).build(data)


def _int_digits_limit() -> int:
    """How many digits int() reads and str() writes at most; 0 for no limit (before 3.10.7)."""
    limit: int = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    return limit


def _overlong_integer(text: str, source: str, error: ValueError) -> Problem:
    """Locate the integer tomllib could not read: the first run of digits it reads as a number.

    A run that long may also stand in a string or a comment, so each is replaced by a token
    that is no TOML value, and tomllib, parsing again, stops at the first one it reads as
    a value; strings and comments hold the token as happily as the digits.
    """
    limit = _int_digits_limit()
    runs = re.compile(rf"(?<![\w.])[0-9](?:_?[0-9]){{{limit},}}(?![\w.])")
    if not limit or runs.search(text) is None:
        return Problem(source, f"cannot be read: {error}")  # some other refusal: say it as it is
    message = f"an integer of more than {limit:,} digits is too long to read"
    try:
        tomllib.loads(runs.sub("@", text))
    except tomllib.TOMLDecodeError as error:
        line, _ = _decode_error_position(error, text)
    except (ValueError, RecursionError):
        return Problem(source, message)
    else:
        return Problem(source, message)
    for run in runs.finditer(text):
        if text.count("\n", 0, run.start()) + 1 == line:
            digits = len(run.group().replace("_", ""))
            message = f"an integer of {digits:,} digits is too long to read (the limit is {limit:,})"
            break
    on_line = [path for path, found in key_lines(text).items() if found == line]
    return Problem(source, message, line, None, max(on_line, key=len, default=()))


def _decode(raw: bytes, source: str) -> str:
    def fail(message: str, line: int | None = None, column: int | None = None) -> ReportError:
        return ReportError([Problem(source, message, line, column)])

    if not raw or raw.isspace():
        raise fail("file is empty: a report needs a [report] table and at least one section")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("file starts with a byte-order mark; save it as UTF-8 without a BOM")
    # TOML text never holds a NUL: finding one is cheaper than decoding a large binary file.
    bad = raw.find(b"\x00")
    if bad < 0:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = error.start
    if _looks_like_utf16(raw[:4096]):
        guess = "it looks like UTF-16"
    elif b"\x00" in raw:
        guess = "it looks like a binary file"
    elif _decodes_as(raw, "gb18030"):
        guess = "it looks like GBK/GB18030"
    else:
        guess = "it is not valid UTF-8"
    before = raw[:bad]
    line = before.count(b"\n") + 1
    column = bad - (before.rfind(b"\n") + 1) + 1
    raise fail(f"cannot decode byte 0x{raw[bad]:02x}: {guess}; expected UTF-8", line, column)


def _looks_like_utf16(raw: bytes) -> bool:
    """Mostly-ASCII UTF-16 has a NUL in every other byte, all on one side."""
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    return max(even, odd) > len(raw) // 4 and min(even, odd) <= max(even, odd) // 10


def _decodes_as(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _decode_error_position(error: tomllib.TOMLDecodeError, text: str) -> tuple[int, int]:
    found = re.search(r"at line (\d+), column (\d+)", str(error))
    if found:
        return int(found.group(1)), int(found.group(2))
    lines = text.splitlines() or [""]
    return len(lines), len(lines[-1]) + 1


_QUALIFIER_WORDS = {
    Qualifier.EXACT: "exact",
    Qualifier.MORE_THAN: "more than (余/多/超)",
    Qualifier.AT_LEAST: "at least (以上)",
    Qualifier.AT_MOST: "at most (前N)",
}


class _Builder:
    """Validates a parsed TOML document and builds the model, collecting every problem."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.text = text
        self.problems: list[Problem] = []
        self.id_paths: dict[str, KeyPath] = {}
        self.group_ids: set[str] = set()
        self.group_units: dict[str, tuple[str, str]] = {}

    @cached_property
    def lines(self) -> dict[KeyPath, int]:
        """Key lines, found only once a problem needs locating: a valid load never pays for it."""
        return key_lines(self.text)

    def problem(self, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.source, message, line_of(path, self.lines), None, path))

    # -- typed access ---------------------------------------------------------------

    def check_keys(self, table: Table, path: KeyPath, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem((*path, key), f"unknown key (known keys here: {known})")

    def get(
        self,
        table: Table,
        path: KeyPath,
        key: str,
        kind: type[T] | tuple[type, ...],
        *,
        required: bool = False,
        describe: str | None = None,
    ) -> Any:
        if key not in table:
            if required:
                self.problem((*path, key), "required key is missing")
            return None
        value = table[key]
        # bool is an int subclass, and a datetime is a date subclass: refuse both.
        if type(value) is not kind and (
            (isinstance(value, bool) and kind is not bool)
            or (isinstance(value, dt.datetime) and kind is dt.date)
            or not isinstance(value, kind)
        ):
            self.problem((*path, key), f"expected {describe or _describe(kind)}, got {_show(value)}")
            return None
        if isinstance(value, str) and required and not value.strip():
            self.problem((*path, key), "must not be empty")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            # TOML reads a number too large for a float (1e400) as inf: say why it is one.
            large = " (a number over about 1.8e308 reads as inf)" if math.isinf(value) else ""
            self.problem((*path, key), f"expected a finite number, got {value}{large}")
            return None
        if isinstance(value, int) and not _fits_float(value):
            self.problem((*path, key), f"expected a number up to about 1.8e308, got {_show(value)}")
            return None
        return value

    def tables(self, table: Table, path: KeyPath, key: str) -> list[tuple[KeyPath, Table]]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.problem((*path, key), f"expected an array of tables, got {_show(value)}")
            return []
        found = []
        for index, item in enumerate(value):
            item_path = (*path, key, index)
            if isinstance(item, dict):
                found.append((item_path, item))
            else:
                self.problem(item_path, f"expected a table, got {_show(item)}")
        return found

    def claim_id(self, table: Table, path: KeyPath) -> str | None:
        item_id = self.get(table, path, "id", str, required=True)
        if item_id is None:
            return None
        if item_id in self.id_paths:
            first = format_key_path(self.id_paths[item_id])
            self.problem((*path, "id"), f"duplicate id {item_id!r} (first used at {first})")
        else:
            self.id_paths[item_id] = (*path, "id")
        return str(item_id)

    # -- the document ---------------------------------------------------------------

    def build(self, data: Table) -> Report:
        self.check_keys(data, (), {"format", "report", "groups", "sections"})
        version = self.get(data, (), "format", int)
        if version is not None and version != FORMAT_VERSION:
            self.problem(
                ("format",),
                f"unsupported format {version}; this version reads format {FORMAT_VERSION}",
            )
        meta = data.get("report")
        if not isinstance(meta, dict):
            self.problem(
                ("report",),
                "required table is missing" if meta is None else f"expected a table, got {_show(meta)}",
            )
            meta = {}
        path: KeyPath = ("report",)
        self.check_keys(meta, path, {"title", "byline", "place", "period", "language", "published"})
        title = self.get(meta, path, "title", str, required=True)
        language = self.get(meta, path, "language", str, required=True)
        published = self.publication(meta, path)
        groups = tuple(
            group
            for group_path, table in self.tables(data, (), "groups")
            if (group := self.group(table, group_path)) is not None
        )
        self.group_ids = {group.id for group in groups}
        section_tables = self.tables(data, (), "sections")
        if not section_tables:
            self.problem(("sections",), "the report has no sections: add at least one [[sections]]")
        sections = tuple(
            section
            for section_path, table in section_tables
            if (section := self.section(table, section_path)) is not None
        )
        if self.problems:
            raise ReportError(self.problems)
        report = Report(
            title=title,
            language=language,
            sections=sections,
            byline=self.get(meta, path, "byline", str),
            place=self.get(meta, path, "place", str),
            period=self.get(meta, path, "period", str),
            published=published,
            groups=groups,
            format_version=version or FORMAT_VERSION,
        )
        if not report.paragraphs:
            self.problem(("sections",), "the report has no paragraphs")
        if self.problems:
            raise ReportError(self.problems)
        return report

    def publication(self, meta: Table, meta_path: KeyPath) -> Publication | None:
        table = meta.get("published")
        if table is None:
            return None
        path = (*meta_path, "published")
        if not isinstance(table, dict):
            self.problem(path, f"expected a table, got {_show(table)}")
            return None
        self.check_keys(table, path, {"date", "inferred", "note"})
        date = self.get(table, path, "date", dt.date, required=True, describe="a date (2020-12-29)")
        inferred = self.get(table, path, "inferred", bool)
        note = self.get(table, path, "note", str)
        if inferred and not note:
            self.problem((*path, "note"), "an inferred date needs a note saying how it was inferred")
        if date is None:
            return None
        return Publication(date=date, inferred=bool(inferred), note=note)

    def group(self, table: Table, path: KeyPath) -> Group | None:
        self.check_keys(table, path, {"id", "label", "description"})
        group_id = self.claim_id(table, path)
        label = self.get(table, path, "label", str, required=True)
        description = self.get(table, path, "description", str)
        if group_id is None or label is None:
            return None
        return Group(group_id, label, description)

    def section(self, table: Table, path: KeyPath) -> Section | None:
        if path.count("sections") > MAX_SECTION_DEPTH:
            self.problem(path, f"sections are nested more than {MAX_SECTION_DEPTH} deep")
            return None
        self.check_keys(
            table,
            path,
            {"id", "title", "editorial", "note", "paragraphs", "figures", "metrics", "sections"},
        )
        section_id = self.claim_id(table, path)
        title = self.get(table, path, "title", str, required=True)
        editorial = self.get(table, path, "editorial", bool)
        note = self.get(table, path, "note", str)
        paragraphs = self.items(table, path, "paragraphs", self.paragraph)
        figures = self.items(table, path, "figures", self.figure)
        metrics = self.items(table, path, "metrics", self.metric)
        subsections = self.items(table, path, "sections", self.section)
        # Check references even when the section itself is broken, so that one
        # run reports every problem.
        self.check_section_references(section_id, dict(paragraphs), figures, metrics)
        if section_id is None or title is None:
            return None
        return Section(
            id=section_id,
            title=title,
            paragraphs=tuple(p for _, p in paragraphs),
            figures=tuple(f for _, f in figures),
            metrics=tuple(m for _, m in metrics),
            sections=tuple(s for _, s in subsections),
            editorial=bool(editorial),
            note=note,
        )

    def items(
        self, table: Table, path: KeyPath, key: str, build: Callable[[Table, KeyPath], T | None]
    ) -> list[tuple[KeyPath, T]]:
        """Build each table of an array, keeping where it came from for later problems."""
        return [
            (item_path, item)
            for item_path, item_table in self.tables(table, path, key)
            if (item := build(item_table, item_path)) is not None
        ]

    def paragraph(self, table: Table, path: KeyPath) -> Paragraph | None:
        self.check_keys(table, path, {"id", "text", "note"})
        paragraph_id = self.claim_id(table, path)
        text = self.get(table, path, "text", str, required=True)
        note = self.get(table, path, "note", str)
        if paragraph_id is None or text is None:
            return None
        return Paragraph(paragraph_id, text, note)

    def figure(self, table: Table, path: KeyPath) -> Figure | None:
        self.check_keys(table, path, {"id", "caption", "credit", "after", "note"})
        figure_id = self.claim_id(table, path)
        caption = self.get(table, path, "caption", str, required=True)
        credit = self.get(table, path, "credit", str)
        after = self.get(table, path, "after", str)
        note = self.get(table, path, "note", str)
        if figure_id is None or caption is None:
            return None
        return Figure(figure_id, caption, credit, after, note)

    def metric(self, table: Table, path: KeyPath) -> Metric | None:
        self.check_keys(
            table,
            path,
            {
                "id",
                "label",
                "value",
                "unit",
                "qualifier",
                "quote",
                "paragraph",
                "group",
                "series",
                "note",
            },
        )
        metric_id = self.claim_id(table, path)
        label = self.get(table, path, "label", str, required=True)
        value = self.get(table, path, "value", (int, float), required=True, describe="a number")
        unit = self.get(table, path, "unit", str, required=True)
        quote = self.get(table, path, "quote", str, required=True)
        paragraph = self.get(table, path, "paragraph", str, required=True)
        group = self.get(table, path, "group", str)
        note = self.get(table, path, "note", str)
        qualifier = self.qualifier(table, path)
        series = self.series(table, path)
        if metric_id is None or None in (label, value, unit, quote, paragraph) or qualifier is None:
            return None
        return Metric(
            id=metric_id,
            label=label,
            value=float(value),
            unit=unit,
            quote=quote,
            paragraph=paragraph,
            qualifier=qualifier,
            group=group,
            series=series,
            note=note,
            written=self.check_value(quote, float(value), qualifier, path),
        )

    def qualifier(self, table: Table, path: KeyPath) -> Qualifier | None:
        raw = self.get(table, path, "qualifier", str)
        if raw is None:
            return None if "qualifier" in table else Qualifier.EXACT
        try:
            return Qualifier(raw)
        except ValueError:
            choices = ", ".join(repr(q.value) for q in Qualifier)
            self.problem((*path, "qualifier"), f"expected one of {choices}, got {raw!r}")
            return None

    def series(self, table: Table, path: KeyPath) -> tuple[SeriesPoint, ...]:
        points = []
        for point_path, point in self.tables(table, path, "series"):
            self.check_keys(point, point_path, {"period", "value"})
            period = self.get(point, point_path, "period", str, required=True)
            value = self.get(point, point_path, "value", (int, float), required=True, describe="a number")
            if period is not None and value is not None:
                points.append(SeriesPoint(period, float(value)))
        return tuple(points)

    # -- cross references -------------------------------------------------------------

    def check_section_references(
        self,
        section_id: str | None,
        paragraphs: dict[KeyPath, Paragraph],
        figures: list[tuple[KeyPath, Figure]],
        metrics: list[tuple[KeyPath, Metric]],
    ) -> None:
        by_id = {p.id: p for p in paragraphs.values()}
        where = f"section {section_id!r}" if section_id else "this section"
        for path, figure in figures:
            if figure.after is not None and figure.after not in by_id:
                self.problem((*path, "after"), f"no paragraph {figure.after!r} in {where}")
        for path, metric in metrics:
            paragraph = by_id.get(metric.paragraph)
            if paragraph is None:
                self.problem((*path, "paragraph"), f"no paragraph {metric.paragraph!r} in {where}")
            elif metric.quote not in paragraph.text:
                self.problem((*path, "quote"), f"quote {metric.quote!r} is not in paragraph {paragraph.id!r}")
            if metric.group is not None:
                self.check_group(metric, path)

    def check_group(self, metric: Metric, path: KeyPath) -> None:
        assert metric.group is not None
        if metric.group not in self.group_ids:
            self.problem((*path, "group"), f"no group {metric.group!r} in [[groups]]")
            return
        unit, first = self.group_units.setdefault(metric.group, (metric.unit, metric.id))
        if unit != metric.unit:
            self.problem(
                (*path, "unit"),
                f"group {metric.group!r} compares {unit!r} (as in metric {first!r}), "
                f"but this metric is in {metric.unit!r}",
            )

    def check_value(self, quote: str, value: float, qualifier: Qualifier, path: KeyPath) -> str | None:
        """Check that the quote states the value with the qualifier; return the words
        that state it (kept on the metric, so nothing finds them again)."""
        stated = find_quantities(quote)
        if not stated:
            self.problem((*path, "quote"), f"quote {quote!r} states no number")
            return None
        matching = [q for q in stated if math.isclose(q.value, value, rel_tol=1e-9, abs_tol=1e-9)]
        if not matching:
            said = ", ".join(f"{quote[q.start : q.end]} = {_number(q.value)}" for q in stated)
            self.problem((*path, "value"), f"{_number(value)} disagrees with the quote, which says {said}")
            return None
        qualifiers = {q.qualifier for q in matching}
        if qualifier not in qualifiers:
            said = " or ".join(_QUALIFIER_WORDS[q] for q in sorted(qualifiers, key=list(Qualifier).index))
            self.problem(
                (*path, "qualifier"),
                f"{qualifier.value!r} disagrees with the quote, which says {said}",
            )
        return quote[matching[0].start : matching[0].end]


def _fits_float(value: int) -> bool:
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _integer_size(value: int) -> str:
    """`an integer of 400 digits`: a long integer is counted, not printed."""
    try:
        return f"an integer of {len(str(abs(value))):,} digits"
    except ValueError:  # more digits than str() writes (a hexadecimal integer has no such limit)
        return f"an integer of more than {_int_digits_limit():,} digits"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _describe(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        dt.date: "a date",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _show(value: object) -> str:
    if isinstance(value, str):
        return quoted(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and abs(value) >= 10**40:
        return _integer_size(value)
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__
