"""`e`: edit the report in the reader's editor at what they are reading, then carry on."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

from explorer_view import notices, pane_text
from xihu_tui.core.reader.watch import ReportFile
from xihu_tui.core.report.loader import bundled_report_path, load_report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.section_tree import SectionTree

PARAGRAPH = "epidemic-3"
WORDS = "西湖区企业“每日互动”仅仅用7天时间"

# Stands in for the reader's editor: records how it was started, then saves an edit.
FAKE_EDITOR = """\
import pathlib, sys
pathlib.Path(sys.argv[1]).write_text(" ".join(sys.argv[2:]), encoding="utf-8")
report = pathlib.Path(sys.argv[-1])
text = report.read_text(encoding="utf-8")
report.write_text(text.replace({words!r}, "【改】" + {words!r}), encoding="utf-8")
"""


async def test_the_editor_opens_at_the_paragraph_and_the_edit_shows(
    report_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(FAKE_EDITOR.format(words=WORDS), encoding="utf-8")
    record = tmp_path / "started-with.txt"
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor} {record}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = XihuApp(load_report(report_file), source=ReportFile(report_file), lang="en")
    # Headless, the app cannot hand the terminal over; the pty test in test_terminal does.
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        await pilot.press("e")
        for _ in range(50):
            if "【改】" in pane_text(app):
                break
            await pilot.pause(0.1)
        line, path = record.read_text(encoding="utf-8").split()
        source_line = report_file.read_text(encoding="utf-8").splitlines()[int(line.removeprefix("+")) - 1]
        assert source_line.startswith("text = ") and WORDS in source_line
        assert path == str(report_file)
        assert "【改】" in pane_text(app)  # read again though not --watch
        node = app.screen.query_one(SectionTree).cursor_node
        assert node is not None and node.data is not None and node.data.id == PARAGRAPH


async def test_without_an_editor_it_says_how_to_set_one(
    report_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = XihuApp(load_report(report_file), source=ReportFile(report_file), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert any("$EDITOR" in notice and "$VISUAL" in notice for notice in notices(app))
        assert app.is_running


async def test_a_report_without_a_file_cannot_be_edited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "vi")
    app = XihuApp(load_report(bundled_report_path()), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert any("not read from a file" in notice for notice in notices(app))


async def test_where_the_terminal_cannot_be_handed_over_it_says_so(
    report_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in a browser (`serve`): the headless driver cannot suspend either."""
    monkeypatch.setenv("EDITOR", "vi")
    app = XihuApp(load_report(report_file), source=ReportFile(report_file), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert any("cannot run here" in notice for notice in notices(app))
        assert app.is_running


def test_e_hands_the_terminal_to_the_editor_and_takes_it_back(report_file: Path, tmp_path: Path) -> None:
    """In a real terminal: the editor gets it, and the explorer resumes with the edit shown."""
    from terminal import explorer, terminal, terminal_env

    editor = tmp_path / "editor.py"
    editor.write_text(
        FAKE_EDITOR.format(words=WORDS).replace(
            '" ".join(sys.argv[2:])', '" ".join([*sys.argv[2:], str(sys.stdin.isatty())])'
        ),
        encoding="utf-8",
    )
    record = tmp_path / "started-with.txt"
    env = terminal_env(EDITOR=f"{sys.executable} {editor} {record}")
    with terminal(explorer(report_file, "--lang", "en"), size=(100, 30), env=env) as term:
        term.wait_for("筑牢疫情防控")
        term.press("jjljjj")  # the second section, opened, its third paragraph
        mark = term.press("e", settle=False)
        term.wait_for("【改】", since=mark)
        line, path, on_a_terminal = record.read_text(encoding="utf-8").split()
        assert path == str(report_file) and on_a_terminal == "True"
        assert WORDS in report_file.read_text(encoding="utf-8").splitlines()[int(line[1:]) - 1]
        assert term.running
        term.press("q", settle=False)
        assert term.wait_exit() == 0


# -- editors that cannot start, and file names that must stay file names ----------------------

FIRST_SECTION = "筑牢疫情防控"


def _broken_editor(kind: str, place: Path) -> str:
    """An `$EDITOR` setting that cannot start, in one of the ways a reader's can."""
    if kind == "missing":
        return "/no/such/editor"
    if kind == "directory":
        return str(place)
    if kind == "unbalanced quote":
        return "'unbalanced"
    program = place / "ed"
    # Found and executable, so it fails only when started, with the terminal handed over.
    program.write_text("#!/no/such/interpreter\n" if kind == "bad interpreter" else "not a program\n")
    program.chmod(0o755)
    return str(program)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("missing", "no such program"),
        ("unbalanced quote", "unbalanced quote"),
        # The other kinds with the slow tests (2 s each, in a pty): CI runs them all.
        pytest.param("directory", "not a program", marks=pytest.mark.slow),
        pytest.param("bad interpreter", "No such file", marks=pytest.mark.slow),
        pytest.param("not a program", "format error", marks=pytest.mark.slow),
    ],
)
def test_an_editor_that_cannot_start_is_named_and_the_explorer_carries_on(
    kind: str, reason: str, report_file: Path
) -> None:
    """In a real terminal, through Textual's own suspend: it resumes only if nothing escapes it."""
    from terminal import assert_restored, explorer, terminal, terminal_env

    with tempfile.TemporaryDirectory(prefix="ed", dir="/tmp") as place:  # short: the notice shows it
        setting = _broken_editor(kind, Path(place))
        env = terminal_env(EDITOR=setting)
        with terminal(explorer(report_file, "--lang", "en"), size=(120, 30), env=env) as term:
            term.wait_for(FIRST_SECTION)
            term.settle()
            mark = term.press("e", settle=False)
            term.wait_for("The editor did not start", since=mark)
            deadline = time.monotonic() + 30
            while (
                _squeezed(reason) not in _squeezed_screen(term.written[mark:]) and time.monotonic() < deadline
            ):
                term.read(0.2)
            assert _squeezed(reason) in _squeezed_screen(term.written[mark:])
            mark = term.press("?", settle=False)  # the explorer still answers keys
            term.wait_for("Explorer", since=mark)  # the help's first heading; others are below
            mark = term.press("\x1b")  # closes the help
            # Back in the explorer before `q`: sent together, Escape and q read as Alt+q.
            term.wait_for("Prev section", since=mark)
            term.press("q", settle=False)
            assert term.wait_exit() == 0
            written = bytes(term.written)
    assert setting.encode() in written
    assert_restored(written)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _squeezed_screen(written: bytes) -> str:
    """The words written to the terminal, without escape sequences, borders or white space: a
    notice wraps where the terminal's width puts it."""
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", bytes(written).decode("utf-8", "replace"))
    return _squeezed(plain.replace("▌", ""))


RECORDING_EDITOR = """\
#!{python}
import pathlib, sys
pathlib.Path({record!r}).write_text("\\n".join(sys.argv[1:]), encoding="utf-8")
"""


@pytest.mark.parametrize("name", ["+!touch X.toml", "-x.toml", "--version.toml"])
def test_a_file_name_reaches_the_editor_as_a_file_name(name: str, report_file: Path, tmp_path: Path) -> None:
    """`./+!touch X.toml` once reached vim as `+!touch X.toml`, a command it ran."""
    from terminal import explorer, terminal, terminal_env

    bin_directory = tmp_path / "bin"
    bin_directory.mkdir()
    record = tmp_path / "argv.txt"
    vim = bin_directory / "vim"
    vim.write_text(RECORDING_EDITOR.format(python=sys.executable, record=str(record)), encoding="utf-8")
    vim.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    (work / name).write_bytes(report_file.read_bytes())
    env = terminal_env(EDITOR="vim", PATH=f"{bin_directory}:{os.environ.get('PATH', '')}")
    # Typed as a user would: Path("./-x.toml") would drop the "./" that keeps it a file name.
    command = [*explorer(), "--lang", "en", "--", f"./{name}"]
    with terminal(command, env=env, cwd=work) as term:
        term.wait_for(FIRST_SECTION)
        term.settle()
        term.press("e", settle=False)
        deadline = time.monotonic() + 30
        while not record.exists() and time.monotonic() < deadline:
            term.read(0.1)
        term.press("q", settle=False)
        assert term.wait_exit() == 0
    line, end_of_options, path = record.read_text(encoding="utf-8").split("\n")
    assert line == "+1" and end_of_options == "--"
    assert path == str(work / name)
    assert sorted(p.name for p in work.iterdir()) == [name]


@pytest.mark.skipif(shutil.which("vim") is None, reason="needs vim on PATH")
def test_vim_opens_a_file_named_like_a_command_without_running_it(report_file: Path, tmp_path: Path) -> None:
    from terminal import explorer, terminal, terminal_env

    name = "+!touch X.toml"
    (tmp_path / name).write_bytes(report_file.read_bytes())
    env = terminal_env(EDITOR="vim -u NONE -i NONE -N")
    with terminal([*explorer(), "--lang", "en", f"./{name}"], env=env, cwd=tmp_path) as term:
        term.wait_for(FIRST_SECTION)
        term.settle()
        mark = term.press("e", settle=False)
        term.wait_for("[report]", since=mark)  # vim shows the report's first line
        mark = term.press("\x1b:q!\r", settle=False)
        term.wait_for(FIRST_SECTION, since=mark)
        term.press("q", settle=False)
        assert term.wait_exit() == 0
    assert not (tmp_path / "X").exists() and not (tmp_path / "X.toml").exists()
