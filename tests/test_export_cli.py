"""`xihu-tui export` as a user runs it: bytes on stdout or a file, exit codes, messages."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from xihu_tui.core.model import Report
from xihu_tui.core.model_json import report_from_data

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
