"""The command line as a user runs it: real processes, real exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from xihu_tui import __version__
from xihu_tui.cli import main


def xihu(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xihu_tui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_check_bundled_report_from_any_directory(tmp_path) -> None:
    result = xihu("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "bundled report: ok: 6 sections, 29 paragraphs, 3 figures, 39 metrics"


def test_check_problems_go_to_stderr_with_exit_2(write_report) -> None:
    path = write_report("format = 1\n[report]\ntitle = 3\n")
    result = xihu("check", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{path}:3: report.title: expected a string, got the number 3" in result.stderr
    assert "Traceback" not in result.stderr


def test_opening_a_broken_report_fails_the_same_way(write_report, capsys) -> None:
    path = write_report("[report\n")
    assert main([str(path)]) == 2
    assert "TOML syntax error" in capsys.readouterr().err


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"xihu-tui {__version__}"


def test_check_help_describes_exit_codes(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "Exit 0" in capsys.readouterr().out


def test_help_lists_every_command_and_each_has_its_own_help(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.startswith("  ")}
    for command in ("check", "search", "export", "serve"):
        assert command in listed
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert capsys.readouterr().out.startswith(f"usage: xihu-tui {command} ")
