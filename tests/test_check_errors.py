"""`xihu-tui check` on bad input: exit 2, every problem located, never a traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from xihu_tui.cli import main

CHINESE_TEXT = '[report]\ntitle = "杭州市西湖区年度答卷"\nlanguage = "zh-CN"\n'

LOCATED_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+)(:(?P<col>\d+))?: (?P<rest>.+)$")


def run_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, [line for line in captured.err.splitlines() if line]


def test_minimal_report_is_valid(minimal_report, write_report, capsys) -> None:
    code = main(["check", str(write_report(minimal_report))])
    assert code == 0
    assert "1 sections, 1 paragraphs, 0 figures, 1 metrics" in capsys.readouterr().out


def test_toml_syntax_error_gives_file_line_and_column(minimal_report, write_report, capsys) -> None:
    broken = minimal_report.replace('unit = "户"', 'unit = "户')
    path = write_report(broken)
    code, lines = run_check(path, capsys)
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
    ],
)
def test_every_kind_of_toml_syntax_error_is_located(snippet: str, write_report, capsys) -> None:
    code, lines = run_check(write_report(snippet), capsys)
    assert code == 2
    assert len(lines) == 1
    assert LOCATED_LINE.match(lines[0]), lines


def test_wrong_type_names_key_path_and_line(minimal_report, write_report, capsys) -> None:
    text = minimal_report.replace("value = 660000", 'value = "66万"')
    path = write_report(text)
    code, lines = run_check(path, capsys)
    assert code == 2
    line = text.splitlines().index('value = "66万"') + 1
    assert lines == [f'{path}:{line}: sections[0].metrics[0].value: expected a number, got "66万"']


@pytest.mark.parametrize(
    ("change", "key_path", "message"),
    [
        (
            ('label = "洗楼扫楼户数"\n', ""),
            "sections[0].metrics[0].label",
            "required key is missing",
        ),
        (('title = "唯一一节"', 'titel = "唯一一节"'), "sections[0].titel", "unknown key"),
        (
            ('quote = "累计洗楼扫楼66万户"', 'quote = "累计洗楼扫楼67万户"'),
            "sections[0].metrics[0].quote",
            "is not in paragraph",
        ),
        (
            ("value = 660000", "value = 66"),
            "sections[0].metrics[0].value",
            "disagrees with the quote",
        ),
        (
            ('paragraph = "only-1"', 'paragraph = "only-9"'),
            "sections[0].metrics[0].paragraph",
            "no paragraph 'only-9'",
        ),
        (
            ('id = "households"', 'id = "only-1"'),
            "sections[0].metrics[0].id",
            "duplicate id 'only-1'",
        ),
        (("value = 660000", "value = nan"), "sections[0].metrics[0].value", "finite"),
        (("value = 660000", "value = inf"), "sections[0].metrics[0].value", "finite"),
        (
            ('unit = "户"', 'unit = "户"\nqualifier = "about"'),
            "sections[0].metrics[0].qualifier",
            "expected one of",
        ),
        (
            ('unit = "户"', 'unit = "户"\nqualifier = "more-than"'),
            "sections[0].metrics[0].qualifier",
            "disagrees with the quote",
        ),
        (
            ('unit = "户"', 'unit = "户"\ngroup = "nowhere"'),
            "sections[0].metrics[0].group",
            "no group 'nowhere'",
        ),
        (("format = 1", "format = 7"), "format", "unsupported format 7"),
        (('language = "zh-CN"', ""), "report.language", "required key is missing"),
        (
            ('text = "累计', 'text = "  "\nnote = "累计'),
            "sections[0].paragraphs[0].text",
            "must not be empty",
        ),
    ],
)
def test_schema_problem_is_located(minimal_report, change, key_path, message, write_report, capsys) -> None:
    old, new = change
    assert old in minimal_report
    path = write_report(minimal_report.replace(old, new, 1))
    code, lines = run_check(path, capsys)
    assert code == 2
    hits = [line for line in lines if f": {key_path}: " in line and message in line]
    assert hits, lines
    assert all(LOCATED_LINE.match(line) for line in hits), hits


def test_every_problem_is_reported_not_just_the_first(minimal_report, write_report, capsys) -> None:
    text = (
        minimal_report.replace('title = "唯一一节"', 'titel = "唯一一节"')
        .replace('unit = "户"', "unit = 5")
        .replace('label = "洗楼扫楼户数"', "")
    )
    code, lines = run_check(write_report(text), capsys)
    assert code == 2
    assert len(lines) >= 4, lines  # unknown key, missing title, wrong unit type, missing label
    assert any("titel" in line for line in lines)
    assert any("unit: expected a string" in line for line in lines)
    assert any("label: required key is missing" in line for line in lines)


def test_quote_and_value_problems_are_all_reported(minimal_report, write_report, capsys) -> None:
    text = minimal_report + minimal_report[minimal_report.index("[[sections.metrics]]") :].replace(
        '"households"', '"problems"'
    ).replace("value = 660000", "value = 4000").replace("累计洗楼扫楼66万户", "解决问题4000余个")
    code, lines = run_check(write_report(text), capsys)
    # The second metric quotes 4000余 (more than) but claims an exact value.
    assert code == 2
    assert any("metrics[1].qualifier" in line and "more than" in line for line in lines), lines


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
    ],
)
def test_bad_files_give_a_clear_message(content, message, write_report, capsys) -> None:
    path = write_report(content)
    code, lines = run_check(path, capsys)
    assert code == 2
    assert lines and all(line.startswith(f"{path}") for line in lines)
    assert any(message in line for line in lines), lines


def test_non_utf8_says_which_encoding_is_expected_and_where(minimal_report, write_report, capsys) -> None:
    text = minimal_report.encode("gbk")
    code, lines = run_check(write_report(text), capsys)
    assert code == 2
    match = LOCATED_LINE.match(lines[0])
    assert match and "expected UTF-8" in match["rest"]
    first_bad_line = next(i for i, line in enumerate(text.split(b"\n"), 1) if max(line, default=0) > 127)
    assert int(match["line"]) == first_bad_line


def test_missing_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "nope.toml"
    code, lines = run_check(path, capsys)
    assert (code, lines) == (2, [f"{path}: no such file"])


def test_directory(tmp_path: Path, capsys) -> None:
    code, lines = run_check(tmp_path, capsys)
    assert (code, lines) == (2, [f"{tmp_path}: is a directory, not a report file"])


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_unreadable_file(minimal_report, write_report, capsys) -> None:
    path = write_report(minimal_report)
    path.chmod(0)
    code, lines = run_check(path, capsys)
    assert (code, lines) == (2, [f"{path}: permission denied: the file cannot be read"])


def test_size_limit_refuses_before_reading(minimal_report, write_report, capsys) -> None:
    path = write_report(minimal_report + "# " + "x" * 4096 + "\n")
    code = main(["check", str(path), "--max-size", "1K"])
    err = capsys.readouterr().err
    assert code == 2
    assert "over the 1,024-byte limit" in err and "--max-size" in err
    assert main(["check", str(path), "--max-size", "1M"]) == 0
