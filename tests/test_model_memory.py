"""A large report is loaded without ever holding its whole TOML document (issue 19): its
sections are parsed a block at a time. That must change nothing a user sees: every report
loads as the whole document builds, and every broken one fails with the same problems."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xihu_tui.core.report import cache, loader
from xihu_tui.core.report.builder import FORMAT_VERSION, ReportBuilder
from xihu_tui.core.report.loader import bundled_report_path, load_report, loads_report, parse_document
from xihu_tui.core.report.model import Report
from xihu_tui.core.report.problems import ReportError

Outcome = tuple[str, object]


def _whole(text: str, source: str = "r.toml") -> Outcome:
    """The report of the whole document, read and built at once, or its problems."""
    try:
        return "report", ReportBuilder(source, text).build(parse_document(text, source=source))
    except ReportError as error:
        return "problems", [(str(p), p.key_path, p.item_ids) for p in error.problems]


def _loaded(text: str) -> Outcome:
    try:
        return "report", loads_report(text, source="r.toml")
    except ReportError as error:
        return "problems", [(str(p), p.key_path, p.item_ids) for p in error.problems]


def _loaded_file(text: str) -> tuple[Outcome, Outcome]:
    """The report of `text` written to a file and loaded from it, and the whole document's."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "r.toml")
        path.write_bytes(text.encode("utf-8"))
        try:
            loaded: Outcome = "report", load_report(path)
        except ReportError as error:
            loaded = "problems", [(str(p), p.key_path, p.item_ids) for p in error.problems]
        return loaded, _whole(text, str(path))


_LINES = bundled_report_path().read_text(encoding="utf-8").splitlines(keepends=True)
_INSERTED = [
    "[[sections]]\n",
    "[[sections]]\r\n",
    "[[sections]] # a comment\n",
    "[report]\n",
    "[[groups]]\n",
    "[sections]\n",
    "[sections.note]\n",
    "[[sections.paragraphs]]\n",
    "[[sections.sections]]\n",
    "sections.x = 1\n",
    'x = """\n',
    '"""\n',
    "y = [\n",
    "]\n",
    'id = "s1"\n',
    'title = "题"\n',
    "format = 1\n",
    "= not toml\n",
    "n = 1" + "0" * 5000 + "\n",
]
_edits = st.lists(
    st.tuples(
        st.floats(0, 1, exclude_max=True),
        st.one_of(st.sampled_from(_INSERTED), st.sampled_from(_LINES), st.none()),
    ),
    max_size=4,
)


@settings(max_examples=2 * settings.default.max_examples)
@given(edits=_edits, block=st.sampled_from([0, 1, 80, 500, 4000]))
def test_a_report_read_in_blocks_is_the_report_read_whole(
    edits: list[tuple[float, str | None]], block: int
) -> None:
    """The bundled report with lines added or taken away (a `[[sections]]` line inside a
    multi-line string, a table after the sections, a syntax error in a late section...),
    read in blocks as small as one section: the same report, or the same problems."""
    lines = list(_LINES)
    for where, line in edits:
        at = int(where * len(lines))
        if line is None:
            del lines[at]
        else:
            lines.insert(at, line)
    text = "".join(lines)
    with mock.patch.object(loader, "BLOCKS_FROM_CHARS", 0), mock.patch.object(loader, "BLOCK_CHARS", block):
        assert _loaded(text) == _whole(text)
        loaded, whole = _loaded_file(text)  # a file's bytes, decoded a block at a time
        assert loaded == whole


def _many_sections(count: int, tail: str = "") -> str:
    sections = "".join(
        f'[[sections]]\nid = "s{n}"\ntitle = "第{n}节"\n[[sections.paragraphs]]\nid = "p{n}"\ntext = "第{n}段。"\n'
        for n in range(1, count + 1)
    )
    return f'format = 2\n[report]\ntitle = "很多节"\nlanguage = "zh"\n{sections}{tail}'


@pytest.mark.slow  # a report of megabytes: 3-5 s each; the property test above covers the blocks quickly
def test_a_large_report_loads_as_its_whole_document_builds() -> None:
    text = _many_sections(20_000)
    assert len(text) > loader.BLOCKS_FROM_CHARS
    with mock.patch.object(loader, "parse_document", side_effect=AssertionError("read whole")):
        report = loads_report(text)  # read in blocks, never whole
        loaded, whole = _loaded_file(text)  # (the whole document is read here by the test alone)
    assert isinstance(report, Report) and len(report.sections) == 20_000
    assert _loaded(text) == _whole(text)
    assert loaded == whole


@pytest.mark.slow  # a report of megabytes: 3-5 s each; the property test above covers the blocks quickly
def test_a_large_report_with_a_table_after_its_sections_still_loads() -> None:
    text = _many_sections(20_000, tail="[report.published]\ndate = 2020-12-29\n")
    outcome = _loaded(text)
    assert outcome == _whole(text)
    assert outcome[0] == "report"
    loaded, whole = _loaded_file(text)
    assert loaded == whole


@pytest.mark.slow  # a report of megabytes: 3-5 s each; the property test above covers the blocks quickly
def test_a_late_mistake_in_a_large_report_is_found_where_it_is() -> None:
    text = (
        _many_sections(20_000).replace('id = "p19999"', 'id = "p1"').replace('id = "s20000"', "id = s20000")
    )
    assert _loaded(text) == _whole(text)
    loaded, whole = _loaded_file(text)
    assert loaded == whole
    line = text[: text.index("id = s20000")].count("\n") + 1
    try:
        loads_report(text, source="r.toml")
    except ReportError as error:
        assert [problem.line for problem in error.problems] == [line]
        assert "TOML syntax error" in str(error)
    else:
        raise AssertionError("a report with a syntax error loaded")


@pytest.mark.slow  # a report of megabytes: 3-5 s each; the property test above covers the blocks quickly
def test_a_large_report_comes_back_whole_from_the_cache(tmp_path: Path) -> None:
    """The cache keeps a large report's sections a batch to a line: an entry cut short at
    the end of a line would pass for a shorter report, and must not."""
    path = tmp_path / "many.toml"
    path.write_text(_many_sections(20_000), encoding="utf-8")
    folder = tmp_path / "cache"
    loaded = load_report(path, cache=True, cache_directory=folder)
    assert cache.lookup(path.read_bytes(), FORMAT_VERSION, folder) == loaded
    (entry,) = folder.glob("*.json")
    lines = entry.read_bytes().splitlines(keepends=True)
    assert len(lines) > 2
    entry.write_bytes(b"".join(lines[:-1]))
    assert cache.lookup(path.read_bytes(), FORMAT_VERSION, folder) is None
    assert load_report(path, cache=True, cache_directory=folder) == loaded  # parsed again
    assert cache.lookup(path.read_bytes(), FORMAT_VERSION, folder) == loaded  # and cached afresh
