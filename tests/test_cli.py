"""The command line as a user runs it: real processes, real exit codes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from controls import HIDDEN, raw_controls
from reports import report_toml, toml_string
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


# -- sizes and file names that are not ----------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "export", "search", "serve", None])
@pytest.mark.parametrize("size", ["", " ", "B", "KB", "inf", "1e999", "nan", "-1", "0", "0.5", "-0"])
def test_a_size_that_is_no_size_is_a_usage_error(command: str | None, size: str, capsys) -> None:
    argv = [*([command] if command else []), *(["--format", "csv"] if command == "export" else [])]
    argv += [*(["query"] if command == "search" else []), "--max-size", size]
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: xihu-tui {command or ''}".rstrip())
    assert "--max-size" in err and repr(size) in err


@pytest.mark.parametrize(("size", "limit"), [("1", "1-byte"), ("0.5K", "512-byte"), ("1KiB", "1,024-byte")])
def test_a_size_may_be_small_or_fractional(size: str, limit: str) -> None:
    result = xihu("check", "--max-size", size)
    assert result.returncode == 2
    assert f"over the {limit} limit" in result.stderr


# -- what the command line prints never carries a raw control ------------------------------------

HOSTILE_NAME = "\x1b]0;pwned\x07\u202e\x9b2J.toml"


def test_check_shows_a_file_name_that_holds_controls(tmp_path, report_file) -> None:
    path = tmp_path / HOSTILE_NAME
    report_file.rename(path)
    result = xihu("check", str(path))
    assert result.returncode == 0, result.stderr
    assert raw_controls(result.stdout) == []
    assert result.stdout.startswith(f"{tmp_path}/␛]0;pwned␇⇄␦2J.toml: ok: ")
    path.write_text("format = 1\n[report]\ntitle = 3\n", encoding="utf-8")
    result = xihu("check", str(path))
    assert result.returncode == 2
    assert raw_controls(result.stderr) == []
    assert result.stderr.startswith(f"{tmp_path}/␛]0;pwned␇⇄␦2J.toml:3: report.title: ")
    missing = xihu("check", str(tmp_path / "missing" / HOSTILE_NAME))
    assert missing.returncode == 2 and raw_controls(missing.stderr) == []


def test_check_prints_a_file_name_that_is_not_utf8(tmp_path, report_file) -> None:
    path = os.path.join(os.fsencode(tmp_path), b"\xff\xfe.toml")
    os.rename(report_file, path)
    # Not the C locale, where Python would write the bytes back as they were.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "xihu_tui", "check", path], capture_output=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert b": ok: 6 sections" in result.stdout


def test_search_shows_section_ids_that_hold_controls(tmp_path) -> None:
    path = tmp_path / "ids.toml"
    path.write_text(
        report_toml(
            {"title": "T", "language": "zh-CN"},
            [
                ("[[sections]]", {"id": "\x1b]0;pwned\x07\u202e", "title": "S"}),
                ("[[sections.paragraphs]]", {"id": "p", "text": "S"}),
            ],
        ),
        encoding="utf-8",
    )
    result = xihu("search", "S", str(path), "--section", "nowhere")
    assert result.returncode == 2
    assert raw_controls(result.stderr) == []
    assert "␛]0;pwned␇⇄" in result.stderr


report_texts = st.lists(st.characters(exclude_categories=("Cs",)) | st.sampled_from(HIDDEN), max_size=8).map(
    "".join
)
file_names = report_texts.filter(
    lambda name: "/" not in name and "\x00" not in name and len(name.encode()) < 200
)


@settings(suppress_health_check=[HealthCheck.filter_too_much])
@given(name=file_names, id=report_texts, key=report_texts, quote=report_texts, text=report_texts)
def test_no_line_check_prints_carries_a_raw_control(
    name: str, id: str, key: str, quote: str, text: str
) -> None:
    """Whatever a report holds or is called, check's lines are shown, never obeyed."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"{name}.toml"
        text = f"T{text}"  # titles and paragraphs may not be empty
        valid = [
            ("[[sections]]", {"id": "s", "title": text}),
            ("[[sections.paragraphs]]", {"id": "p", "text": text}),
        ]
        path.write_text(report_toml({"title": text, "language": "zh-CN"}, valid), encoding="utf-8")
        ok = run_in_process("check", str(path))
        assert ok.code == 0, ok.err
        assert raw_controls(ok.out) == []
        assert shown_as(str(path), ok.out.split(": ok: ")[0])

        metric = {"id": id, "label": text, "value": "many", "unit": "", "quote": quote, "paragraph": "p"}
        metric |= {"qualifier": text, "group": text, toml_string(f"x{key}"): 1}
        broken = [
            *valid,
            ("[[sections.paragraphs]]", {"id": id, "text": text}),
            ("[[sections.metrics]]", metric),
        ]
        path.write_text(report_toml({"title": text, "language": "zh-CN"}, broken), encoding="utf-8")
        problems = run_in_process("check", str(path))
        assert problems.code == 2
        assert raw_controls(problems.err) == []
        lines = problems.err.splitlines()
        assert len(lines) >= 4  # the value, the qualifier, the group and the unknown key, at least
        assert all(shown_as(str(path), line[: len(str(path))]) for line in lines)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_in_process(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


def shown_as(text: str, shown: str) -> bool:
    """Whether `shown` is `text` with only its controls replaced, one character for one."""
    return len(shown) == len(text) and all(
        a == b for a, b in zip(text, shown, strict=True) if a not in HIDDEN
    )
