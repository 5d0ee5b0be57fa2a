"""`xihu-tui export` as a user runs it: bytes on stdout or a file, exit codes, messages."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from controls import raw_controls
from reports import report_toml
from terminal import terminal, terminal_env
from xihu_tui.core.report.model import Report
from xihu_tui.core.report.model_json import report_from_data

NESTED = str(Path(__file__).parent / "fixtures" / "nested_series.toml")


def xihu(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "xihu_tui", *args], capture_output=True, cwd=cwd, timeout=60)


def test_csv_on_stdout_from_any_directory_opens_as_chinese(tmp_path: Path, bundled_report: Report) -> None:
    result = xihu("export", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(result.stdout.decode("utf-8-sig"), newline="")))
    assert [row[2] for row in rows[1:]] == [metric.label for metric in bundled_report.metrics]


def test_output_file_holds_what_stdout_would(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("an older export")
    result = xihu("export", "--format", "md", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert target.read_bytes() == xihu("export", "--format", "md").stdout
    assert [path.name for path in tmp_path.iterdir()] == ["report.md"]  # nothing left aside


def test_json_export_of_a_given_report_loads_back(tmp_path: Path, nested_report: Report) -> None:
    target = tmp_path / "nested.json"
    result = xihu("export", NESTED, "--format", "json", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert report_from_data(json.loads(target.read_text(encoding="utf-8"))["report"]) == nested_report


def test_an_invalid_report_exports_nothing(write_report, tmp_path: Path) -> None:
    path = write_report("format = 1\n[report]\ntitle = 3\n")
    target = tmp_path / "out.csv"
    result = xihu("export", str(path), "--format", "csv", "-o", str(target))
    assert result.returncode == 2
    assert f"{path}:3: report.title: expected a string, got the number 3" in result.stderr.decode()
    assert not target.exists()


def test_the_size_limit_applies() -> None:
    result = xihu("export", "--format", "json", "--max-size", "1K")
    assert result.returncode == 2
    assert result.stdout == b""
    assert "over the 1,024-byte limit" in result.stderr.decode()


def test_a_file_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    result = xihu("export", "--format", "csv", "-o", str(tmp_path / "no-such-directory" / "out.csv"))
    assert result.returncode == 2
    assert "xihu-tui export: cannot write" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_a_format_is_required_and_checked() -> None:
    for args in ([], ["--format", "xlsx"]):
        result = xihu("export", *args)
        assert result.returncode == 2
        assert b"--format" in result.stderr


# -- what reaches a terminal, and what files keep ---------------------------------------------

PARAGRAPH = (
    "ESC \x1b[2JWIPE OSC52 \x1b]52;c;SEFDSw==\x07 CARRIAGE\rRETURN C1\x9b2J RLO\u202eOLR 累计洗楼扫楼66万户"
)
LABEL = "LABEL\x1b]8;;http://evil.example/\x1b\\\u2067\rEND"
HOSTILE = report_toml(
    {"title": "TITLE\x1b]0;pwned\x07", "language": "zh-CN"},
    [
        ("[[sections]]", {"id": "s", "title": "SECTION\x1b[31m"}),
        ("[[sections.paragraphs]]", {"id": "p", "text": PARAGRAPH}),
        (
            "[[sections.metrics]]",
            {
                "id": "m",
                "label": LABEL,
                "value": 660000,
                "unit": "户",
                "quote": "累计洗楼扫楼66万户",
                "paragraph": "p",
                "note": "NOTE\x9b\u200f",
            },
        ),
    ],
)


@pytest.fixture
def hostile_report(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("format", "pictures"),
    [
        ("csv", ["LABEL␛]8;;http://evil.example/␛\\⇄␍END"]),
        ("md", ["ESC ␛", "OSC52 ␛", "C1␦2J RLO⇄OLR", "NOTE␦⇄"]),
        ("json", []),  # JSON writes them as \u escapes, wherever it goes
    ],
)
def test_an_export_to_a_terminal_shows_controls_and_sends_none(
    hostile_report: Path, format: str, pictures: list[str]
) -> None:
    argv = [sys.executable, "-m", "xihu_tui", "export", str(hostile_report), "--format", format]
    with terminal(argv, env=terminal_env(XDG_CACHE_HOME=str(hostile_report.parent / "cache"))) as export:
        assert export.wait_exit() == 0
        written = bytes(export.written).decode("utf-8")
    # The terminal turns each line end into \r\n; the CSV's own are \r\n already.
    shown = written.replace("\r\n", "\n").replace("\r\n", "\n")
    assert raw_controls(shown) == []
    assert "累计洗楼扫楼66万户" in shown
    assert [picture for picture in pictures if picture not in shown] == []


def test_an_export_to_a_pipe_or_a_file_keeps_the_reports_text(hostile_report: Path) -> None:
    markdown = xihu("export", str(hostile_report), "--format", "md")
    assert markdown.returncode == 0, markdown.stderr
    paragraph = markdown.stdout.decode("utf-8").split("\n\n")[2]
    assert paragraph.startswith("ESC \x1b") and "RLO\u202eOLR" in paragraph and "C1\x9b2J" in paragraph
    spreadsheet = xihu("export", str(hostile_report), "--format", "csv")
    rows = list(csv.reader(io.StringIO(spreadsheet.stdout.decode("utf-8-sig"), newline="")))
    assert rows[1][2] == LABEL
    target = hostile_report.parent / "out.csv"
    assert xihu("export", str(hostile_report), "--format", "csv", "-o", str(target)).returncode == 0
    assert target.read_bytes() == spreadsheet.stdout


def test_a_file_name_that_cannot_be_written_is_shown_not_obeyed(tmp_path: Path) -> None:
    target = tmp_path / "\x1b]0;pwned\x07\u202e" / "out.csv"
    result = xihu("export", "--format", "csv", "-o", str(target))
    assert result.returncode == 2
    message = result.stderr.decode("utf-8")
    assert raw_controls(message) == []
    assert "␛]0;pwned␇⇄/out.csv" in message


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_an_export_over_a_private_file_keeps_it_private(tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_text("an older export")
    target.chmod(0o600)
    assert xihu("export", "--format", "csv", "-o", str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    target.chmod(0o640)
    assert xihu("export", "--format", "md", "-o", str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    assert xihu("export", "--format", "csv", "-o", str(target)).returncode == 0
    beside = tmp_path / "made-by-python.txt"
    beside.write_text("")
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(beside.stat().st_mode)


@pytest.mark.parametrize("output", ["", ".", "/"])
def test_an_output_that_names_no_file_is_a_usage_error(output: str) -> None:
    result = xihu("export", "--format", "csv", "-o", output)
    assert result.returncode == 2
    assert result.stderr.startswith(b"usage: xihu-tui export")
    assert b"--output" in result.stderr
    assert b"Traceback" not in result.stderr
