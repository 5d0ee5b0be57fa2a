"""A parsed report document checked against the format and built into the model.

The builder never stops at the first problem: a report author wants every mistake in one
run, each with a line where one can be found and a key path that names the item's id.
What each metric's words say is checked in `quotes`; this module checks the shape of the
document and the references between its parts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from functools import cached_property
from typing import Any, TypeVar

from ..text.numbers import Qualifier
from .model import Figure, Group, Metric, Note, Paragraph, Publication, Report, Section, SeriesPoint
from .problems import KeyPath, Problem, ReportError, format_key_path, quoted
from .quotes import Stated, check_metric_words, check_series
from .toml_lines import key_lines, line_of

__all__ = [
    "FORMAT_VERSION",
    "MAX_SECTION_DEPTH",
    "READABLE_VERSIONS",
    "ReportBuilder",
    "Upgrade",
    "int_digits_limit",
]

FORMAT_VERSION = 2
"""The version this release writes: declines signed, ambiguous quotes made precise."""
READABLE_VERSIONS = (1, 2)
MAX_SECTION_DEPTH = 64
"""Sections nest at most this deep: enough for any report, and well within Python's recursion."""

T = TypeVar("T")
Table = dict[str, Any]

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

# The keys each table may hold, made once: a report of a million sections checks a million tables.
_TOP_KEYS = frozenset({"format", "report", "groups", "sections"})
_REPORT_KEYS = frozenset({"title", "byline", "place", "period", "language", "published", "drafted"})
_PUBLISHED_KEYS = frozenset({"date", "inferred", "note"})
_GROUP_KEYS = frozenset({"id", "label", "description"})
_SECTION_KEYS = frozenset(
    {"id", "title", "editorial", "drafted", "note", "after", "paragraphs", "figures", "metrics", "sections"}
)
_PARAGRAPH_KEYS = frozenset({"id", "text", "note"})
_FIGURE_KEYS = frozenset({"id", "caption", "credit", "after", "note", "alt", "placeholder", "drafted"})
_METRIC_KEYS = frozenset(
    {
        "id",
        "label",
        "value",
        "unit",
        "qualifier",
        "quote",
        "paragraph",
        "number",
        "occurrence",
        "group",
        "series",
        "figure",
        "note",
        "drafted",
    }
)
_POINT_KEYS = frozenset({"period", "value", "quote"})


@dataclasses.dataclass(frozen=True)
class Upgrade:
    """A key that `check --upgrade` writes so that a format 1 report says, in format 2, what it meant."""

    path: KeyPath
    key: str
    value: int | float


@dataclasses.dataclass
class _Reference:
    """A reference to a paragraph of the same section, checked once every section is built."""

    path: KeyPath
    paragraph: str
    section: str | None


class ReportBuilder:
    """Validates a parsed TOML document and builds the model, collecting every problem."""

    def __init__(self, source: str, text: str | Callable[[], str]) -> None:
        """`text` is the document's text, or what gives it when a problem needs locating."""
        self.source = source
        self.text = text
        self.problems: list[Problem] = []
        self.id_paths: dict[str, KeyPath | int] = {}
        """Where each id is first claimed: the path of the item that claims it (shared with
        `ids_at`), or for a top-level section its index (`path_of_id`)."""
        self.ids_at: dict[KeyPath, str] = {}
        """The id of the item at each path, but for the top-level sections (`top_section_ids`)."""
        self.top_section_ids: list[str | None] = []
        """The id of each top-level `[[sections]]` table, by its index: a report may hold a
        million, and a list of them weighs a tenth of a dict of their paths."""
        self.paragraph_count = 0
        self.group_ids: set[str] = set()
        self.group_members: dict[str, list[tuple[KeyPath, Metric]]] = {}
        self.missing_paragraphs: list[_Reference] = []
        self.version = FORMAT_VERSION
        self.language = "zh"
        self.upgrades: list[Upgrade] = []

    @cached_property
    def lines(self) -> dict[KeyPath, int]:
        """Key lines, found only once a problem needs locating: a valid load never pays for it."""
        return key_lines(self.text if isinstance(self.text, str) else self.text())

    def problem(self, path: KeyPath, message: str) -> None:
        # The item the key belongs to and the one holding it are named by id: enough to find
        # them, where naming every section on a deep path would bury the key.
        ids = tuple(
            (length, item_id) for length in range(1, len(path) + 1) if (item_id := self.id_at(path[:length]))
        )[-2:]
        self.problems.append(Problem(self.source, message, line_of(path, self.lines), None, path, ids))

    def id_at(self, path: KeyPath) -> str | None:
        """The id of the table at `path`, if it has one (a string)."""
        if len(path) == 2 and path[0] == "sections" and isinstance(index := path[1], int):
            return self.top_section_ids[index] if index < len(self.top_section_ids) else None
        return self.ids_at.get(path)

    def path_of_id(self, item_id: str) -> KeyPath | None:
        """The path of the item that first claimed `item_id`."""
        found = self.id_paths.get(item_id)
        return ("sections", found) if isinstance(found, int) else found

    # -- typed access ---------------------------------------------------------------

    def check_keys(self, table: Table, path: KeyPath, allowed: Set[str]) -> None:
        if table.keys() <= allowed:
            return
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
        if kind is str and type(value) is str:  # the usual case, checked as below but sooner
            if required and not value.strip():
                self.problem((*path, key), "must not be empty")
                return None
            return value
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

    def count(self, table: Table, path: KeyPath, key: str) -> int | None:
        """A 1-based position (`number`, `occurrence`)."""
        value = self.get(table, path, key, int, describe="a whole number from 1")
        if value is not None and value < 1:
            self.problem((*path, key), f"expected a whole number from 1 (1 is the first), got {value}")
            return None
        return value  # type: ignore[no-any-return]

    def note(self, table: Table, path: KeyPath, key: str = "note") -> Note | None:
        """A note: a string in the report's language, or a table of them by language tag."""
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            if not value.strip():
                self.problem((*path, key), "must not be empty (leave it out instead)")
                return None
            return Note(((self.language, value),))
        if not isinstance(value, dict) or not value:
            self.problem(
                (*path, key),
                f'expected a string, or a table of strings by language ({key} = {{ zh = "…", en = "…" }}), '
                f"got {_show(value)}",
            )
            return None
        texts = []
        for tag, text in value.items():
            if not _LANGUAGE_TAG.fullmatch(tag):
                self.problem((*path, key, tag), "expected a language tag such as zh, en or zh-CN")
            elif not isinstance(text, str) or not text.strip():
                self.problem((*path, key, tag), f"expected the note in this language, got {_show(text)}")
            else:
                texts.append((tag, text))
        return Note(tuple(texts)) if texts else None

    def tables(self, table: Table, path: KeyPath, key: str) -> list[tuple[KeyPath, Table]]:
        if key not in table:
            return []
        value = table[key]
        if not isinstance(value, list):
            self.problem((*path, key), f"expected an array of tables, got {_show(value)}")
            return []
        found = []
        for index, item in enumerate(value):
            item_path = (*path, key, index)
            if isinstance(item, dict):
                found.append((item_path, item))
                if isinstance(item_id := item.get("id"), str):
                    self.ids_at[item_path] = item_id
            else:
                self.problem(item_path, f"expected a table, got {_show(item)}")
        return found

    def tables_one_by_one(
        self, data: Table, key: str, *, consume: bool
    ) -> tuple[int, Iterator[tuple[KeyPath, Table]]]:
        """As `tables` for a top-level array, with the same problems said at once, but each
        table's path made (and its id noted) only as it is taken: how many tables there are,
        and the tables. With `consume`, the array leaves `data` and each table leaves the
        array as it is taken."""
        if key not in data:
            return 0, iter(())
        value = data[key]
        if not isinstance(value, list):
            self.problem((key,), f"expected an array of tables, got {_show(value)}")
            return 0, iter(())
        count = 0
        for index, item in enumerate(value):
            if isinstance(item, dict):
                count += 1
            else:
                self.problem((key, index), f"expected a table, got {_show(item)}")
        if consume:
            del data[key]
        return count, self._taken_one_by_one(value, key, value if consume else None)

    def _taken_one_by_one(
        self, items: Iterable[Any], key: str, release: list[Any] | None
    ) -> Iterator[tuple[KeyPath, Table]]:
        """Each table of `items` (the top-level `key`) with its path; each let go of from
        `release` as it is taken."""
        ids = self.top_section_ids if key == "sections" else None
        for index, item in enumerate(items):
            if isinstance(item, dict):
                if release is not None:
                    release[index] = None
                item_path: KeyPath = (key, index)
                item_id = item.get("id")
                if ids is not None:
                    ids.append(item_id if isinstance(item_id, str) else None)
                elif isinstance(item_id, str):
                    self.ids_at[item_path] = item_id
                yield item_path, item
            elif ids is not None:
                ids.append(None)

    def claim_id(self, table: Table, path: KeyPath) -> str | None:
        item_id = self.get(table, path, "id", str, required=True)
        if item_id is None:
            return None
        if (first_path := self.id_paths.get(item_id)) is not None:
            if isinstance(first_path, int):
                first_path = ("sections", first_path)
            first = format_key_path((*first_path, "id"))
            self.problem((*path, "id"), f"duplicate id {item_id!r} (first used at {first})")
        elif len(path) == 2 and path[0] == "sections" and isinstance(index := path[1], int):
            self.id_paths[item_id] = index  # a top-level section: its index is enough
        else:
            self.id_paths[item_id] = path
        return str(item_id)

    # -- the document ---------------------------------------------------------------

    def build(
        self, data: Table, *, consume: bool = False, top_sections: Iterable[Table] | None = None
    ) -> Report:
        """The report `data` describes; `ReportError` with every problem if it describes none.

        With `consume`, each top-level section's table is let go of once it is built (and
        `data` is left without its sections), so that the document and the model of a large
        report are never both whole at once: for a caller that has no further use for `data`.
        `top_sections`, when given, are the tables of the document's `[[sections]]` (one at least),
        which `data` then leaves out: a loader that reads them a block at a time. An exception
        it raises ends the build.
        """
        self.check_keys(data, (), _TOP_KEYS)
        version = self.get(data, (), "format", int)
        if version is None:
            # No `format` key: the first format, which had none to require.
            self.version = 1
        elif version not in READABLE_VERSIONS:
            readable = " and ".join(map(str, READABLE_VERSIONS))
            self.problem(("format",), f"unsupported format {version}; this version reads formats {readable}")
        else:
            self.version = version
        meta = data.get("report")
        if not isinstance(meta, dict):
            self.problem(
                ("report",),
                "required table is missing" if meta is None else f"expected a table, got {_show(meta)}",
            )
            meta = {}
        path: KeyPath = ("report",)
        self.check_keys(meta, path, _REPORT_KEYS)
        title = self.get(meta, path, "title", str, required=True)
        language = self.get(meta, path, "language", str, required=True)
        if language is not None:
            self.language = language
        published = self.publication(meta, path)
        groups = tuple(
            group
            for group_path, table in self.tables(data, (), "groups")
            if (group := self.group(table, group_path)) is not None
        )
        self.group_ids = {group.id for group in groups}
        if top_sections is None:
            count, section_tables = self.tables_one_by_one(data, "sections", consume=consume)
        else:
            count, section_tables = 1, self._taken_one_by_one(top_sections, "sections", None)
        if not count:
            self.problem(("sections",), "the report has no sections: add at least one [[sections]]")
        built: list[Section] = []
        for section_path, table in section_tables:
            if (section := self.section(table, section_path)) is not None:
                built.append(section)
        sections = tuple(built)
        del built
        self.explain_missing_paragraphs()
        self.check_group_units()
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
            format_version=self.version,
            drafted=bool(self.get(meta, path, "drafted", bool)),
        )
        if not self.paragraph_count:  # every paragraph built is in the report, when there are no problems
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
        self.check_keys(table, path, _PUBLISHED_KEYS)
        date = self.get(table, path, "date", dt.date, required=True, describe="a date (2020-12-29)")
        inferred = self.get(table, path, "inferred", bool)
        note = self.note(table, path)
        if inferred and not note:
            self.problem((*path, "note"), "an inferred date needs a note saying how it was inferred")
        if date is None:
            return None
        return Publication(date=date, inferred=bool(inferred), note=note)

    def group(self, table: Table, path: KeyPath) -> Group | None:
        self.check_keys(table, path, _GROUP_KEYS)
        group_id = self.claim_id(table, path)
        label = self.get(table, path, "label", str, required=True)
        description = self.note(table, path, "description")
        if group_id is None or label is None:
            return None
        return Group(group_id, label, description)

    def section(self, table: Table, path: KeyPath) -> Section | None:
        if path.count("sections") > MAX_SECTION_DEPTH:
            self.problem(path, f"sections are nested more than {MAX_SECTION_DEPTH} deep")
            return None
        self.check_keys(table, path, _SECTION_KEYS)
        section_id = self.claim_id(table, path)
        title = self.get(table, path, "title", str, required=True)
        # A key that is not there is read as None (or no items) without a call: a report of a
        # million sections leaves most of them out of most sections.
        editorial = self.get(table, path, "editorial", bool) if "editorial" in table else None
        note = self.note(table, path) if "note" in table else None
        after = self.get(table, path, "after", str) if "after" in table else None
        paragraphs = self.items(table, path, "paragraphs", self.paragraph) if "paragraphs" in table else []
        figures = self.items(table, path, "figures", self.figure) if "figures" in table else []
        metrics = self.items(table, path, "metrics", self.metric) if "metrics" in table else []
        subsections = self.items(table, path, "sections", self.section) if "sections" in table else []
        # Check references even when the section itself is broken, so that one
        # run reports every problem.
        checked: Sequence[Metric] = ()
        if figures or subsections or metrics:  # (most sections of a large report hold none)
            by_id = {p.id: p for _, p in paragraphs}
            self.check_placements(section_id, by_id, figures, subsections)
            if metrics:
                checked = self.check_metrics(section_id, by_id, {f.id for _, f in figures}, metrics)
        if section_id is None or title is None:
            return None
        return Section(
            section_id,
            title,
            tuple([p for _, p in paragraphs]) if paragraphs else (),
            tuple([f for _, f in figures]) if figures else (),
            tuple(checked),
            tuple([s for _, s in subsections]) if subsections else (),
            bool(editorial),
            note,
            after,
            "drafted" in table and bool(self.get(table, path, "drafted", bool)),
        )

    def items(
        self, table: Table, path: KeyPath, key: str, build: Callable[[Table, KeyPath], T | None]
    ) -> list[tuple[KeyPath, T]]:
        """Build each table of an array, keeping where it came from for later problems."""
        if key not in table:
            return []
        return [
            (item_path, item)
            for item_path, item_table in self.tables(table, path, key)
            if (item := build(item_table, item_path)) is not None
        ]

    def paragraph(self, table: Table, path: KeyPath) -> Paragraph | None:
        self.check_keys(table, path, _PARAGRAPH_KEYS)
        paragraph_id = self.claim_id(table, path)
        text = self.get(table, path, "text", str, required=True)
        note = self.note(table, path)
        if paragraph_id is None or text is None:
            return None
        self.paragraph_count += 1
        return Paragraph(paragraph_id, text, note)

    def figure(self, table: Table, path: KeyPath) -> Figure | None:
        self.check_keys(table, path, _FIGURE_KEYS)
        figure_id = self.claim_id(table, path)
        caption = self.get(table, path, "caption", str)
        alt = self.get(table, path, "alt", str)
        placeholder = self.get(table, path, "placeholder", str)
        credit = self.get(table, path, "credit", str)
        after = self.get(table, path, "after", str)
        note = self.note(table, path)
        if not any(words and words.strip() for words in (caption, alt, placeholder)):
            self.problem(
                (*path, "caption"),
                'a figure needs words: its caption as printed, the image\'s alt text (alt = "…"), '
                "or for a figure the source leaves without words an editorial placeholder "
                '(placeholder = "图表：……")',
            )
            return None
        if figure_id is None:
            return None
        drafted = bool(self.get(table, path, "drafted", bool))
        return Figure(figure_id, caption or "", credit, after, note, alt, placeholder, drafted)

    def metric(self, table: Table, path: KeyPath) -> Metric | None:
        self.check_keys(table, path, _METRIC_KEYS)
        metric_id = self.claim_id(table, path)
        label = self.get(table, path, "label", str, required=True)
        value = self.get(table, path, "value", (int, float), required=True, describe="a number")
        unit = self.get(table, path, "unit", str, required=True)
        quote = self.get(table, path, "quote", str, required=True)
        paragraph = self.get(table, path, "paragraph", str, required=True)
        number = self.count(table, path, "number")
        occurrence = self.count(table, path, "occurrence")
        group = self.get(table, path, "group", str)
        figure = self.get(table, path, "figure", str)
        note = self.note(table, path)
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
            number=number,
            occurrence=occurrence,
            figure=figure,
            drafted=bool(self.get(table, path, "drafted", bool)),
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
            self.check_keys(point, point_path, _POINT_KEYS)
            period = self.get(point, point_path, "period", str, required=True)
            value = self.get(point, point_path, "value", (int, float), required=True, describe="a number")
            quote = self.get(point, point_path, "quote", str)
            if quote is not None and not quote.strip():
                self.problem((*point_path, "quote"), "must not be empty (leave it out instead)")
                quote = None
            if period is not None and value is not None:
                points.append(SeriesPoint(period, float(value), quote))
        return tuple(points)

    # -- cross references -------------------------------------------------------------

    def check_placements(
        self,
        section_id: str | None,
        paragraphs: dict[str, Paragraph],
        figures: list[tuple[KeyPath, Figure]],
        subsections: list[tuple[KeyPath, Section]],
    ) -> None:
        """Figures and subsections follow a paragraph of this section; subsections in the order
        of those paragraphs, so that the file's order is the reading order."""
        where = f"section {section_id!r}" if section_id else "this section"
        for path, figure in figures:
            if figure.after is not None and figure.after not in paragraphs:
                self.missing_paragraphs.append(_Reference((*path, "after"), figure.after, section_id))
        position = {paragraph_id: index for index, paragraph_id in enumerate(paragraphs)}
        last = -1
        for path, section in subsections:
            if section.after is not None and section.after not in position:
                self.problem((*path, "after"), f"no paragraph {section.after!r} in {where}")
                continue
            at = len(position) if section.after is None else position[section.after]
            if at < last:
                self.problem(
                    (*path, "after"),
                    "subsections come in reading order: this one is placed before the one above it "
                    "(move its table up, or correct `after`)",
                )
            last = max(last, at)

    def check_metrics(
        self,
        section_id: str | None,
        paragraphs: dict[str, Paragraph],
        figure_ids: set[str],
        metrics: list[tuple[KeyPath, Metric]],
    ) -> list[Metric]:
        """Each metric against its paragraph's words; the metrics as the model keeps them."""
        where = f"section {section_id!r}" if section_id else "this section"
        checked: list[Metric] = []
        for path, metric in metrics:
            if metric.group is not None:
                if metric.group in self.group_ids:
                    self.group_members.setdefault(metric.group, []).append((path, metric))
                else:
                    self.problem((*path, "group"), f"no group {metric.group!r} in [[groups]]")
            if metric.figure is not None and metric.figure not in figure_ids:
                self.problem((*path, "figure"), f"no figure {metric.figure!r} in {where}")
            paragraph = paragraphs.get(metric.paragraph)
            if paragraph is None:
                self.missing_paragraphs.append(_Reference((*path, "paragraph"), metric.paragraph, section_id))
                continue
            if metric.quote not in paragraph.text:
                self.problem((*path, "quote"), f"quote {metric.quote!r} is not in paragraph {paragraph.id!r}")
                continue
            checked.append(self.check_words(path, metric, paragraph))
        return checked

    def check_words(self, path: KeyPath, metric: Metric, paragraph: Paragraph) -> Metric:
        stated, disagreements = check_metric_words(
            paragraph.text,
            metric.quote,
            metric.value,
            metric.unit,
            metric.qualifier,
            number=metric.number,
            occurrence=metric.occurrence,
            version=self.version,
            language=self.language,
        )
        for disagreement in disagreements:
            self.problem((*path, disagreement.key), disagreement.message)
        series = metric.series
        if series:
            values, point_problems = check_series(
                [point.period for point in series],
                [point.value for point in series],
                [point.quote for point in series],
                paragraph.text,
                version=self.version,
                language=self.language,
            )
            for index, disagreement in point_problems:
                self.problem((*path, "series", index, disagreement.key), disagreement.message)
            series = tuple(dataclasses.replace(p, value=v) for p, v in zip(series, values, strict=True))
        if stated is None:
            return metric
        if self.version < FORMAT_VERSION:
            self.note_upgrades(path, metric, stated)
        return dataclasses.replace(
            metric, value=stated.value, written=stated.written, quote_at=stated.quote_at, series=series
        )

    def note_upgrades(self, path: KeyPath, metric: Metric, stated: Stated) -> None:
        """What format 2 asks a format 1 metric to say of what it meant: the sign of a decline,
        and which number and which occurrence of its quote (the first that agreed, in format 1)."""
        if stated.value != metric.value:
            self.upgrades.append(Upgrade(path, "value", _plain(stated.value)))
        if stated.number_needed and metric.number is None:
            self.upgrades.append(Upgrade(path, "number", stated.number))
        if stated.occurrence_needed and metric.occurrence is None:
            self.upgrades.append(Upgrade(path, "occurrence", stated.occurrence))

    def explain_missing_paragraphs(self) -> None:
        """A reference to a paragraph that is not in its section: say where that paragraph is,
        and which header would put the metric or figure there."""
        for reference in self.missing_paragraphs:
            where = f"section {reference.section!r}" if reference.section else "this section"
            message = f"no paragraph {reference.paragraph!r} in {where}"
            found = self.path_of_id(reference.paragraph)
            if found is not None and len(found) >= 2 and found[-2] == "paragraphs":
                home = found[:-2]
                kind = str(reference.path[-3])  # "metrics" or "figures"
                if home != reference.path[:-3]:  # in its own section, it failed checks of its own
                    header = ".".join(str(part) for part in home if isinstance(part, str))
                    message += (
                        f"; it is in section {self._id_or_unknown(home)!r} ({format_key_path(home)}): "
                        f"write this under [[{header}.{kind}]] after that section's header"
                    )
            self.problem(reference.path, message)

    def _id_or_unknown(self, path: KeyPath) -> str:
        item_id = self.id_at(path)
        return "?" if item_id is None else item_id

    def check_group_units(self) -> None:
        """A group compares one unit. When its members disagree, the ones in the unit most of
        them share are taken as right and the others are named."""
        for group_id, members in self.group_members.items():
            counts = Counter(metric.unit for _, metric in members)
            if len(counts) < 2:
                continue
            usual, _ = counts.most_common(1)[0]
            first = next(metric.id for _, metric in members if metric.unit == usual)
            for path, metric in members:
                if metric.unit != usual:
                    self.problem(
                        (*path, "unit"),
                        f"group {quoted(group_id)} compares {quoted(usual)} (as in metric {quoted(first)} "
                        f"and {counts[usual] - 1} other{'s' if counts[usual] != 2 else ''}), "
                        f"but this metric is in {quoted(metric.unit)}",
                    )


def _plain(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def int_digits_limit() -> int:
    """How many digits int() reads and str() writes at most; 0 for no limit (before 3.10.7)."""
    limit: int = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    return limit


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
        return f"an integer of more than {int_digits_limit():,} digits"


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
