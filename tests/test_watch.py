"""Noticing a saved report, and opening it in the reader's editor at the right line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from xihu_tui.core.reader.editor import EditorError, EditorProblem, editor_command, item_key_paths, item_line
from xihu_tui.core.reader.watch import Change, FileWatch
from xihu_tui.core.report.loader import bundled_report_path, loads_report
from xihu_tui.core.report.model import Report


def touch(path: Path, text: str) -> None:
    """Write `text` and move the modification time on, as a save a moment later would."""
    path.write_text(text, encoding="utf-8")
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


# -- FileWatch ---------------------------------------------------------------------------


def test_an_untouched_file_never_changes(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    touch(path, "a")
    watch = FileWatch(path)
    assert [watch.poll() for _ in range(5)] == [None] * 5


def test_a_save_is_reported_once_it_has_settled(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    touch(path, "a")
    watch = FileWatch(path)
    touch(path, "ab")
    assert watch.poll() is None  # perhaps still being written
    assert watch.poll() is Change.CHANGED
    assert watch.poll() is None  # and only once


def test_a_file_still_being_written_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    touch(path, "a")
    watch = FileWatch(path)
    seen = []
    for size in range(1, 6):  # grows between every two polls
        touch(path, "x" * size)
        seen.append(watch.poll())
    assert seen == [None] * 5
    assert watch.poll() is Change.CHANGED


def test_a_deleted_file_is_reported_and_its_return_is_a_change(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    touch(path, "a")
    watch = FileWatch(path)
    path.unlink()
    assert watch.poll() is Change.GONE
    assert watch.poll() is None  # said once
    touch(path, "b")
    assert [watch.poll(), watch.poll()] == [None, Change.CHANGED]


def test_accept_takes_the_file_as_read(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    touch(path, "a")
    watch = FileWatch(path)
    touch(path, "ab")
    watch.accept()
    assert [watch.poll(), watch.poll()] == [None, None]


# -- the editor --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"EDITOR": "vim"}, ["vim", "+12", "--", "/r.toml"]),
        ({"EDITOR": "nano", "VISUAL": "emacs"}, ["nano", "+12", "--", "/r.toml"]),
        ({"VISUAL": "emacs -nw"}, ["emacs", "-nw", "+12", "--", "/r.toml"]),
        ({"EDITOR": "  ", "VISUAL": "hx"}, ["hx", "+12", "/r.toml"]),
        ({"EDITOR": "/usr/bin/code --wait"}, ["/usr/bin/code", "--wait", "--goto", "/r.toml:12"]),
        ({"EDITOR": "subl -w"}, ["subl", "-w", "/r.toml:12"]),
        ({"EDITOR": "'/opt/my editor/ed'"}, ["/opt/my editor/ed", "+12", "/r.toml"]),
    ],
)
def test_the_editor_comes_from_the_environment_and_opens_at_the_line(
    environ: dict[str, str], expected: list[str]
) -> None:
    command = editor_command(environ, Path("/r.toml"), 12)
    assert command is not None and list(command.argv) == expected


def test_no_editor_set_means_no_command() -> None:
    assert editor_command({}, Path("/r.toml"), 3) is None
    assert editor_command({"EDITOR": "", "VISUAL": " "}, Path("/r.toml"), 3) is None


def test_without_a_line_the_file_alone_is_opened() -> None:
    command = editor_command({"EDITOR": "vi"}, Path("/r.toml"), None)
    assert command is not None and command.argv == ("vi", "--", "/r.toml")


@pytest.mark.parametrize("name", ["-x.toml", "+!touch X.toml", "--help.toml"])
def test_a_relative_file_name_reaches_the_editor_as_an_absolute_path(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for editor in ("vim", "micro", "code"):
        command = editor_command({"EDITOR": editor}, Path(name), 7)
        assert command is not None
        # Whatever the editor's syntax, the file's argument starts with its absolute path.
        assert command.argv[-1].startswith(str(tmp_path / name))


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ("/no/such/editor", EditorProblem.NOT_FOUND),
        ("no-such-editor-anywhere --wait", EditorProblem.NOT_FOUND),
        ("{tmp}", EditorProblem.DIRECTORY),
        ("{tmp}/plain-file", EditorProblem.NOT_EXECUTABLE),
    ],
)
def test_an_editor_that_cannot_run_is_found_out_before_it_is_started(
    setting: str, problem: EditorProblem, tmp_path: Path
) -> None:
    (tmp_path / "plain-file").write_text("not a program")
    environ = {"EDITOR": setting.format(tmp=tmp_path), "PATH": "/usr/bin:/bin"}
    command = editor_command(environ, Path("/r.toml"), 1)
    assert command is not None
    with pytest.raises(EditorError) as raised:
        command.check_runnable(environ)
    assert raised.value.problem is problem and raised.value.variable == "EDITOR"


def test_an_editor_setting_with_an_unbalanced_quote_is_refused() -> None:
    with pytest.raises(EditorError) as raised:
        editor_command({"VISUAL": "'unbalanced"}, Path("/r.toml"), 1)
    assert raised.value.problem is EditorProblem.UNPARSABLE and raised.value.variable == "VISUAL"


def test_every_item_of_the_bundled_report_opens_at_its_own_words(bundled_report: Report) -> None:
    source = bundled_report_path().read_text(encoding="utf-8")
    lines = source.splitlines()
    for section in bundled_report.walk():
        assert lines[item_line(bundled_report, source, section.id) - 1].strip() in (
            "[[sections]]",
            "[[sections.sections]]",
        )
        following = "\n".join(lines[item_line(bundled_report, source, section.id) :][:3])
        assert f'id = "{section.id}"' in following
        for paragraph in section.paragraphs:
            line = lines[item_line(bundled_report, source, paragraph.id) - 1]
            assert line.startswith("text = ") and paragraph.text[:20] in line
        for figure in section.figures:
            line = lines[item_line(bundled_report, source, figure.id) - 1]
            assert line.startswith("caption = ") and figure.caption in line
        for metric in section.metrics:
            following = "\n".join(lines[item_line(bundled_report, source, metric.id) :][:2])
            assert f'id = "{metric.id}"' in following
    assert item_line(bundled_report, source, None) == 1
    assert item_line(bundled_report, source, "no-such-item") is None


def test_nested_sections_have_their_own_lines(nested_report: Report) -> None:
    source = (Path(__file__).parent / "fixtures" / "nested_series.toml").read_text(encoding="utf-8")
    lines = source.splitlines()
    paths = item_key_paths(nested_report)
    nested = [s for s in nested_report.walk() if len(paths[s.id]) > 2]
    assert nested, "the fixture has subsections"
    for section in nested:
        following = "\n".join(lines[item_line(nested_report, source, section.id) :][:3])
        assert f'id = "{section.id}"' in following
        for paragraph in section.paragraphs:
            assert paragraph.text[:10] in lines[item_line(nested_report, source, paragraph.id) - 1]


def test_key_paths_point_at_the_tables_the_loader_read(minimal_report: str) -> None:
    report = loads_report(minimal_report)
    assert item_key_paths(report) == {
        "only": ("sections", 0),
        "only-1": ("sections", 0, "paragraphs", 0),
        "households": ("sections", 0, "metrics", 0),
    }
