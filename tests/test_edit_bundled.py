"""`e` on the bundled report edits the reader's own copy, never the installed one (issue 17)."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sys
from pathlib import Path

import pytest

from explorer_view import notices, pane_text
from snapshot_sizes import COMMON_SIZES
from test_snapshots import go_to
from xihu_tui.core.reader.user_copy import CopyState, data_directory, user_copy
from xihu_tui.core.reader.watch import ReportFile
from xihu_tui.core.report.loader import bundled_report_path, load_report
from xihu_tui.ui.app import XihuApp
from xihu_tui.ui.widgets.section_tree import SectionTree

PARAGRAPH = "epidemic-3"
WORDS = "西湖区企业“每日互动”仅仅用7天时间"
FAKE_EDITOR = """\
import pathlib, sys
report = pathlib.Path(sys.argv[-1])
pathlib.Path({record!r}).write_text(str(report), encoding="utf-8")
text = report.read_text(encoding="utf-8")
report.write_text(text.replace({words!r}, "【改】" + {words!r}, 1), encoding="utf-8")
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    editor = tmp_path / "editor.py"
    editor.write_text(FAKE_EDITOR.format(record=str(tmp_path / "opened.txt"), words=WORDS), encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    return tmp_path


async def edit_bundled(watch: bool = False) -> tuple[XihuApp, list[str], str]:
    bundled = bundled_report_path()
    app = XihuApp(load_report(bundled), source=ReportFile(bundled), watch=watch, lang="en")
    app.suspend = contextlib.nullcontext  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(SectionTree).go_to(PARAGRAPH)
        await pilot.pause()
        await pilot.press("e")
        for _ in range(50):
            if "【改】" in pane_text(app) and any("copy" in notice for notice in notices(app)):
                break
            await pilot.pause(0.1)
        return app, notices(app), pane_text(app)


async def test_e_edits_a_copy_and_the_bundled_report_is_untouched(reader_home: Path) -> None:
    bundled = bundled_report_path()
    before = digest(bundled)
    app, said, _ = await edit_bundled()
    copy = reader_home / "data" / "xihu-tui" / "report.toml"
    assert digest(bundled) == before
    assert (reader_home / "opened.txt").read_text(encoding="utf-8") == str(copy)
    assert "【改】" in copy.read_text(encoding="utf-8")
    assert app.source is not None and app.source.path == copy
    assert any(str(copy) in notice and "copy" in notice for notice in said)
    assert copy.parent.stat().st_mode & 0o077 == 0  # the reader's own directory


async def test_an_edited_copy_is_opened_as_left_not_replaced(reader_home: Path) -> None:
    copy = user_copy(bundled_report_path(), {"XDG_DATA_HOME": str(reader_home / "data")}).path
    copy.write_text(copy.read_text(encoding="utf-8").replace(WORDS, "【早先】" + WORDS, 1), encoding="utf-8")
    _, said, text = await edit_bundled()
    assert "【早先】" in copy.read_text(encoding="utf-8")  # kept
    assert "【早先】" in text  # and shown
    assert any("as you left it" in notice for notice in said)


async def test_watching_follows_the_copy(reader_home: Path) -> None:
    app, _, _ = await edit_bundled(watch=True)
    assert app._watch is not None and app._watch.path == reader_home / "data" / "xihu-tui" / "report.toml"


def test_the_data_directory_follows_xdg_and_home(tmp_path: Path) -> None:
    assert data_directory({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "xihu-tui"
    assert data_directory({"XDG_DATA_HOME": "relative"}) == Path.home() / ".local" / "share" / "xihu-tui"
    bundled = bundled_report_path()
    environ = {"XDG_DATA_HOME": str(tmp_path)}
    assert user_copy(bundled, environ).state is CopyState.MADE
    assert user_copy(bundled, environ).state is CopyState.SAME
    (tmp_path / "xihu-tui" / "report.toml").unlink()
    (tmp_path / "xihu-tui" / "report.toml").mkdir()
    with pytest.raises(OSError):
        user_copy(bundled, environ)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", COMMON_SIZES)
def test_snapshot_the_copy_being_edited(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], lang: str
) -> None:
    """After `e` on the bundled report: the edit shown in the text, and the notice naming the
    copy that was edited (under a home of the same name on every machine), once the short
    "reloaded" notice has gone."""
    home = Path("/tmp/xihu-tui-snapshot-home") / f"{lang}-{size[0]}x{size[1]}"
    shutil.rmtree(home, ignore_errors=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    editor = tmp_path / "editor.py"
    editor.write_text(FAKE_EDITOR.format(record=str(tmp_path / "opened.txt"), words=WORDS), encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    bundled = bundled_report_path()
    app = XihuApp(load_report(bundled), source=ReportFile(bundled), lang=lang)
    app.suspend = contextlib.nullcontext  # type: ignore[method-assign]

    async def edit(pilot) -> None:
        await go_to(PARAGRAPH)(pilot)
        await pilot.press("e")
        # Until the edit is shown and only the copy's notice is left: the reload's is said
        # for 2 s, so whether a snapshot caught it depended on the machine's load.
        reloaded = app.strings.reloaded
        seen_reloaded = False
        for _ in range(100):
            await pilot.pause(0.1)
            now = notices(app)
            seen_reloaded = seen_reloaded or any(reloaded in notice for notice in now)
            copy_said = any(str(home) in notice for notice in now)
            if "【改】" in pane_text(app) and seen_reloaded and copy_said and len(now) == 1:
                break
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=size, run_before=edit)
    finally:
        shutil.rmtree(home, ignore_errors=True)
