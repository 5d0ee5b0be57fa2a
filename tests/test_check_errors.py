"""Bad report files: exit 2, every problem located, never a traceback.

`xihu-tui check FILE` and `xihu-tui FILE` (the explorer) say the same thing, so every case
runs through both (`run`); the explorer fails before it touches the terminal.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from explorer_view import cursor_id, notices, pane_text
from reports import report_toml
from test_live_reload import PARAGRAPH, save, until, watching
from xihu_tui.cli import main
from xihu_tui.core.report.loader import load_report, loads_report
from xihu_tui.core.report.problems import ReportError
from xihu_tui.ui.widgets.section_tree import SectionTree

CHINESE_TEXT = '[report]\ntitle = "杭州市西湖区年度答卷"\nlanguage = "zh-CN"\n'

LOCATED_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+)(:(?P<col>\d+))?: (?P<rest>.+)$")


Run = Callable[..., tuple[int, list[str]]]


@pytest.fixture(params=[["check"], []], ids=["check", "explorer"])
def run(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> Run:
    """`run(path, *options)`: the exit code and the lines on stderr of `xihu-tui [check] PATH`."""

    def run(path: Path, *options: str) -> tuple[int, list[str]]:
        code = main([*request.param, str(path), *options])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        if code != 0:
            assert captured.out == ""
        return code, [line for line in captured.err.splitlines() if line]

    return run


def test_minimal_report_is_valid(minimal_report, write_report, capsys) -> None:
    code = main(["check", str(write_report(minimal_report))])
    assert code == 0
    assert "1 sections, 1 paragraphs, 0 figures, 1 metrics" in capsys.readouterr().out


def test_toml_syntax_error_gives_file_line_and_column(minimal_report, write_report, run) -> None:
    broken = minimal_report.replace('unit = "户"', 'unit = "户')
    path = write_report(broken)
    code, lines = run(path)
    assert code == 2
    match = LOCATED_LINE.match(lines[0])
    assert match, lines
    expected_line = broken.splitlines().index('unit = "户') + 1
    assert (match["file"], int(match["line"])) == (str(path), expected_line)
    assert match["col"] is not None
    assert "TOML syntax error" in match["rest"]


@pytest.mark.parametrize(
    "snippet",
    [
        "x = 1\nx = 2\n",  # a key defined twice
        "[report]\ntitle = 1\n[report]\n",  # a table declared twice
        'a = "\\q"\n',  # a bad escape
        "a = [1, 2\n",  # unclosed array, reported at end of document
        "a = 2020-13-45\n",  # an impossible date
        "= 1\n",  # a missing key
        "a =\n",  # a missing value
        "a b = 1\n",  # a space in a bare key
        "a = 1__2\n",  # a malformed number
        'a = "one\ntwo"\n',  # a line break in a one-line string
        "a = {b = 1,}\n",  # a trailing comma in an inline table
        "[a\nb = 1\n",  # an unclosed table header
        'a = "\x01"\n',  # a raw control character in a string
    ],
)
def test_every_kind_of_toml_syntax_error_is_located(snippet: str, write_report, run) -> None:
    try:
        tomllib.loads(snippet)
    except tomllib.TOMLDecodeError:
        pass
    else:  # tomli on Python 3.10 reads TOML 1.1, which allows a trailing comma in an inline table
        pytest.skip(f"this Python's TOML reader accepts {snippet!r}")
    code, lines = run(write_report(snippet))
    assert code == 2
    assert len(lines) == 1
    assert LOCATED_LINE.match(lines[0]), lines


def test_wrong_type_names_key_path_and_line(minimal_report, write_report, run) -> None:
    text = minimal_report.replace("value = 660000", 'value = "66万"')
    path = write_report(text)
    code, lines = run(path)
    assert code == 2
    line = text.splitlines().index('value = "66万"') + 1
    assert lines == [
        f'{path}:{line}: sections[0](only).metrics[0](households).value: expected a number, got "66万"'
    ]


@pytest.mark.parametrize(
    ("change", "key_path", "message"),
    [
        (
            ('label = "洗楼扫楼户数"\n', ""),
            "sections[0](only).metrics[0](households).label",
            "required key is missing",
        ),
        (('title = "唯一一节"', 'titel = "唯一一节"'), "sections[0](only).titel", "unknown key"),
        (
            ('quote = "累计洗楼扫楼66万户"', 'quote = "累计洗楼扫楼67万户"'),
            "sections[0](only).metrics[0](households).quote",
            "is not in paragraph",
        ),
        (
            ("value = 660000", "value = 66"),
            "sections[0](only).metrics[0](households).value",
            "disagrees with the quote",
        ),
        (
            ('paragraph = "only-1"', 'paragraph = "only-9"'),
            "sections[0](only).metrics[0](households).paragraph",
            "no paragraph 'only-9'",
        ),
        (
            ('id = "households"', 'id = "only-1"'),
            "sections[0](only).metrics[0](only-1).id",
            "duplicate id 'only-1'",
        ),
        (("value = 660000", "value = nan"), "sections[0](only).metrics[0](households).value", "finite"),
        (("value = 660000", "value = inf"), "sections[0](only).metrics[0](households).value", "finite"),
        (
            ('unit = "户"', 'unit = "户"\nqualifier = "about"'),
            "sections[0](only).metrics[0](households).qualifier",
            "expected one of",
        ),
        (
            ('unit = "户"', 'unit = "户"\nqualifier = "more-than"'),
            "sections[0](only).metrics[0](households).qualifier",
            "disagrees with the quote",
        ),
        (
            ('unit = "户"', 'unit = "户"\ngroup = "nowhere"'),
            "sections[0](only).metrics[0](households).group",
            "no group 'nowhere'",
        ),
        (("format = 1", "format = 7"), "format", "unsupported format 7"),
        (('language = "zh-CN"', ""), "report.language", "required key is missing"),
        (
            ('text = "累计', 'text = "  "\nnote = "累计'),
            "sections[0](only).paragraphs[0](only-1).text",
            "must not be empty",
        ),
    ],
)
def test_schema_problem_is_located(minimal_report, change, key_path, message, write_report, run) -> None:
    old, new = change
    assert old in minimal_report
    path = write_report(minimal_report.replace(old, new, 1))
    code, lines = run(path)
    assert code == 2
    hits = [line for line in lines if f": {key_path}: " in line and message in line]
    assert hits, lines
    assert all(LOCATED_LINE.match(line) for line in hits), hits


def test_every_problem_is_reported_not_just_the_first(minimal_report, write_report, run) -> None:
    text = (
        minimal_report.replace('title = "唯一一节"', 'titel = "唯一一节"')
        .replace('unit = "户"', "unit = 5")
        .replace('label = "洗楼扫楼户数"', "")
    )
    code, lines = run(write_report(text))
    assert code == 2
    assert len(lines) >= 4, lines  # unknown key, missing title, wrong unit type, missing label
    assert any("titel" in line for line in lines)
    assert any("unit: expected a string" in line for line in lines)
    assert any("label: required key is missing" in line for line in lines)


def test_quote_and_value_problems_are_all_reported(minimal_report, write_report, run) -> None:
    text = minimal_report + minimal_report[minimal_report.index("[[sections.metrics]]") :].replace(
        '"households"', '"problems"'
    ).replace("value = 660000", "value = 4000").replace("累计洗楼扫楼66万户", "解决问题4000余个")
    code, lines = run(write_report(text))
    # The second metric quotes 4000余 (more than) but claims an exact value.
    assert code == 2
    assert any("metrics[1](problems).qualifier" in line and "more than" in line for line in lines), lines


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "file is empty"),
        ("   \n\n", "file is empty"),
        ('format = 1\n[report]\ntitle = "t"\nlanguage = "zh"\n', "no sections"),
        ('format = 1\n[report]\ntitle = "t"\nlanguage = "zh"\nsections = []\n', "no sections"),
        (
            '[report]\ntitle = "t"\nlanguage = "zh"\n[[sections]]\nid = "a"\ntitle = "A"\n',
            "no paragraphs",
        ),
        ("format = 1\n", "report: required table is missing"),
        (
            'sections = "none"\n[report]\ntitle = "t"\nlanguage = "zh"\n',
            "expected an array of tables",
        ),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"\xef\xbb\xbf" + CHINESE_TEXT.encode(), "byte-order mark"),
        ("\ufeff" + CHINESE_TEXT, "byte-order mark"),
        (CHINESE_TEXT.encode("utf-16"), "UTF-16"),
        (CHINESE_TEXT.encode("utf-16-le"), "UTF-16"),
        (CHINESE_TEXT.encode("gbk"), "GBK"),
        ("a = " + "[" * 1000 + "]" * 1000 + "\n", "nesting"),
        ("a = " + "{b = " * 1000 + "1" + "}" * 1000 + "\n", "nesting"),
    ],
)
def test_bad_files_give_a_clear_message(content, message, write_report, run) -> None:
    path = write_report(content)
    code, lines = run(path)
    assert code == 2
    assert lines and all(line.startswith(f"{path}") for line in lines)
    assert any(message in line for line in lines), lines


def test_non_utf8_says_which_encoding_is_expected_and_where(minimal_report, write_report, run) -> None:
    text = minimal_report.encode("gbk")
    code, lines = run(write_report(text))
    assert code == 2
    match = LOCATED_LINE.match(lines[0])
    assert match and "expected UTF-8" in match["rest"]
    first_bad_line = next(i for i, line in enumerate(text.split(b"\n"), 1) if max(line, default=0) > 127)
    assert int(match["line"]) == first_bad_line


def test_missing_file(tmp_path: Path, run) -> None:
    path = tmp_path / "nope.toml"
    code, lines = run(path)
    assert (code, lines) == (2, [f"{path}: no such file"])


def test_directory(tmp_path: Path, run) -> None:
    code, lines = run(tmp_path)
    assert (code, lines) == (2, [f"{tmp_path}: is a directory, not a report file"])


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_unreadable_file(minimal_report, write_report, run) -> None:
    path = write_report(minimal_report)
    path.chmod(0)
    code, lines = run(path)
    assert (code, lines) == (2, [f"{path}: permission denied: the file cannot be read"])


BIG = 200 * 1024**2


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    """A 200 MB file that costs no disk: sparse, all zero bytes."""
    path = tmp_path / "big.toml"
    with path.open("wb") as file:
        file.truncate(BIG)
    return path


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(big_file, run, monkeypatch) -> None:
    def read_bytes(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, lines = run(big_file)
    assert (code, lines) == (
        2,
        [
            f"{big_file}: file is 209,715,200 bytes, over the 67,108,864-byte limit "
            "(raise it with --max-size if you trust this file)"
        ],
    )


def test_max_size_raises_the_limit(big_file, run) -> None:
    """Let in, the 200 MB file is read and refused for what it is, not for its size."""
    code, lines = run(big_file, "--max-size", "300M")
    assert (code, lines) == (
        2,
        [f"{big_file}:1:1: cannot decode byte 0x00: it looks like a binary file; expected UTF-8"],
    )


def test_max_size_takes_units(minimal_report, write_report, run) -> None:
    path = write_report(minimal_report + "# " + "x" * 4096 + "\n")
    code, lines = run(path, "--max-size", "1K")
    assert code == 2
    assert "over the 1,024-byte limit" in lines[0] and "--max-size" in lines[0]


def test_the_explorer_refuses_a_big_file_at_once(big_file) -> None:
    """As a process: exit 2 in well under the time it would take to read 200 MB and parse it."""
    result = subprocess.run(
        [sys.executable, "-m", "xihu_tui", str(big_file)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert "over the 67,108,864-byte limit" in result.stderr


def test_sections_nested_1000_deep(write_report, run) -> None:
    parts = [
        ("[[" + ".".join(["sections"] * depth) + "]]", {"id": f"s{depth}", "title": f"第{depth}层"})
        for depth in range(1, 1001)
    ]
    text = report_toml({"title": "深", "language": "zh-CN"}, parts)
    code, lines = run(write_report(text))
    assert code == 2
    assert len(lines) == 1 and LOCATED_LINE.match(lines[0])
    assert ".sections[0](s65): sections are nested more than 64 deep" in lines[0]


def test_sections_nested_64_deep_are_fine(write_report) -> None:
    parts = [
        ("[[" + ".".join(["sections"] * depth) + "]]", {"id": f"s{depth}", "title": f"第{depth}层"})
        for depth in range(1, 65)
    ]
    parts.append(("[[" + ".".join(["sections"] * 64) + ".paragraphs]]", {"id": "p", "text": "底"}))
    report = load_report(write_report(report_toml({"title": "深", "language": "zh-CN"}, parts)))
    assert [s.id for s in report.section_path("s64")] == [f"s{depth}" for depth in range(1, 65)]


def test_a_problem_never_prints_report_text_raw(minimal_report, write_report, run) -> None:
    """Keys and values in messages are quoted with their control characters escaped."""
    text = minimal_report.replace('title = "唯一一节"', 'title = "唯一一节"\n"\\u001b[2J" = 1').replace(
        "value = 660000", 'value = "\\u009b6J"'
    )
    code, lines = run(write_report(text))
    assert code == 2
    assert not any(ch in line for line in lines for ch in "\x1b\x9b"), lines
    assert any('sections[0](only)."\\u001b[2J": unknown key' in line for line in lines), lines
    assert any('expected a number, got "\\u009b6J"' in line for line in lines), lines


# Numbers no float holds: each as a report author might write it, and a word of what they are told.
UNREADABLE_NUMBERS = [
    pytest.param("9" * 400, "400 digits", id="400-digits"),
    # Over Python's limit on reading integers (4,300 digits): tomllib itself refuses these.
    pytest.param("9" * 5000, "5,000 digits", id="5000-digits"),
    pytest.param("-" + "9" * 5000, "5,000 digits", id="5000-digits-negative"),
    pytest.param("1_000" * 1500, "6,000 digits", id="5000-digits-underscored"),
    pytest.param("0x" + "f" * 4000, "digits", id="hex-4000"),
    pytest.param("1e400", "finite", id="1e400"),
    pytest.param("-1e400", "finite", id="-1e400"),
    pytest.param("inf", "finite", id="inf"),
    pytest.param("-inf", "finite", id="-inf"),
    pytest.param("nan", "finite", id="nan"),
]

SERIES = '\n[[sections.metrics.series]]\nperiod = "2019"\nvalue = 660000\n\n[[sections.metrics.series]]\nperiod = "2020"\n'


def with_number(report: str, where: str, written: str) -> tuple[str, str]:
    """`report` with `written` as a metric's value or a series point's, and that value's key path."""
    if where == "metric":
        return report.replace(
            "value = 660000", f"value = {written}"
        ), "sections[0](only).metrics[0](households).value"
    return (
        report + SERIES + f"value = {written}\n",
        "sections[0](only).metrics[0](households).series[1].value",
    )


@pytest.mark.parametrize("where", ["metric", "series"])
@pytest.mark.parametrize(("written", "said"), UNREADABLE_NUMBERS)
def test_a_number_no_float_holds_is_a_located_problem(
    written: str, said: str, where: str, minimal_report, write_report, run
) -> None:
    text, key_path = with_number(minimal_report, where, written)
    path = write_report(text)
    code, lines = run(path)
    assert code == 2
    line = text.splitlines().index(f"value = {written}") + 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{line}: {key_path}: "), lines
    assert said in lines[0]
    assert len(lines[0]) < 300  # the digits are counted, not printed


def test_the_first_of_several_overlong_integers_is_the_one_located(minimal_report, write_report, run) -> None:
    """A run of digits in a string is text, not a number: only the value is blamed."""
    digits = "9" * 5000
    text = minimal_report.replace("66万户,", f"66万户,{digits},") + SERIES + f"value = {digits}\n"
    code, lines = run(write_report(text))
    assert code == 2
    line = text.splitlines().index(f"value = {digits}") + 1
    assert (
        len(lines) == 1 and f":{line}: sections[0](only).metrics[0](households).series[1].value: " in lines[0]
    ), lines


@pytest.mark.parametrize(
    ("old", "new", "key_path"),
    [
        pytest.param(
            'unit = "户"',
            "unit = " + "9" * 400,
            "sections[0](only).metrics[0](households).unit",
            id="unit-400",
        ),
        pytest.param(
            'unit = "户"',
            "unit = 0x" + "f" * 4000,
            "sections[0](only).metrics[0](households).unit",
            id="unit-hex",
        ),
        pytest.param("format = 1", "format = 0x" + "f" * 4000, "format", id="format-hex"),
        pytest.param(
            'title = "唯一一节"', "title = " + "9" * 5000, "sections[0](only).title", id="title-5000"
        ),
    ],
)
def test_a_long_integer_where_none_belongs_is_a_located_problem(
    old: str, new: str, key_path: str, minimal_report, write_report, run
) -> None:
    text = minimal_report.replace(old, new)
    path = write_report(text)
    code, lines = run(path)
    assert code == 2
    line = text.splitlines().index(new) + 1
    hits = [hit for hit in lines if hit.startswith(f"{path}:{line}: {key_path}: ")]
    assert hits and "digits" in hits[0] and len(hits[0]) < 200, lines


@pytest.mark.parametrize(
    "command",
    [["search", "66万"], ["export", "--format", "json"], ["check"], []],
    ids=["search", "export", "check", "explorer"],
)
@pytest.mark.parametrize("written", ["9" * 400, "9" * 5000, "1e400"], ids=["400", "5000", "1e400"])
def test_every_command_refuses_an_overlong_number(
    command: list[str], written: str, minimal_report, write_report, capsys
) -> None:
    text, key_path = with_number(minimal_report, "metric", written)
    path = write_report(text)
    code = main([*command, str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == "" and "Traceback" not in captured.err
    line = text.splitlines().index(f"value = {written}") + 1
    assert captured.err.startswith(f"{path}:{line}: {key_path}: "), captured.err


def test_an_overlong_number_as_a_process(minimal_report, write_report) -> None:
    text, key_path = with_number(minimal_report, "metric", "9" * 5000)
    path = write_report(text)
    result = subprocess.run(
        [sys.executable, "-m", "xihu_tui", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    line = text.splitlines().index("value = " + "9" * 5000) + 1
    assert result.stderr.startswith(f"{path}:{line}: {key_path}: "), result.stderr


async def test_watch_keeps_the_last_good_version_when_a_number_overflows(report_file: Path) -> None:
    app = watching(report_file)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        shown = pane_text(app)
        for written, said in (("9" * 400, "400 digits"), ("9" * 5000, "5,000 digits")):
            save(report_file, replacing("value = 660000", f"value = {written}"))
            await until(pilot, lambda said=said: any(said in notice for notice in notices(app)))
            problem = next(notice for notice in notices(app) if said in notice)
            assert (
                f"{report_file}:" in problem
                and "sections[1](epidemic).metrics[4](households-visited).value: " in problem
            )
            assert app.is_running and pane_text(app) == shown and cursor_id(app) == PARAGRAPH
            save(report_file, replacing(f"value = {written}", "value = 660000"))
            await until(pilot, lambda: not any("digits" in notice for notice in notices(app)))


def replacing(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new)


# A Chinese decimal in a quote: the metric's value is the decimal, not its pieces.
DECIMAL_REPORT = report_toml(
    {"title": "小报告", "language": "zh-CN"},
    [
        ("[[sections]]", {"id": "only", "title": "唯一一节"}),
        (
            "[[sections.paragraphs]]",
            {"id": "only-1", "text": "群众满意率达百分之九十六点七，撬动资本三点五亿元。"},
        ),
        (
            "[[sections.metrics]]",
            {
                "id": "satisfaction",
                "label": "满意率",
                "value": 96.7,
                "unit": "%",
                "quote": "满意率达百分之九十六点七",
                "paragraph": "only-1",
            },
        ),
        (
            "[[sections.metrics]]",
            {
                "id": "capital",
                "label": "撬动资本",
                "value": 350_000_000,
                "unit": "元",
                "quote": "撬动资本三点五亿元",
                "paragraph": "only-1",
            },
        ),
    ],
)


def test_a_chinese_decimal_is_the_value_of_its_quote() -> None:
    report = loads_report(DECIMAL_REPORT, source="decimal.toml")
    assert [(m.value, m.written) for m in report.metrics] == [
        (96.7, "百分之九十六点七"),
        (350_000_000, "三点五亿"),
    ]


@pytest.mark.parametrize("wrong", ["96", "7"])
def test_a_piece_of_a_chinese_decimal_is_not_its_value(wrong: str) -> None:
    text = DECIMAL_REPORT.replace("value = 96.7", f"value = {wrong}")
    with pytest.raises(ReportError) as raised:
        loads_report(text, source="decimal.toml")
    line = text.splitlines().index(f"value = {wrong}") + 1
    assert [str(problem) for problem in raised.value.problems] == [
        f"decimal.toml:{line}: sections[0](only).metrics[0](satisfaction).value: {wrong} disagrees with the quote, "
        "which says 百分之九十六点七 = 96.7"
    ]
