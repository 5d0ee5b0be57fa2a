"""Report text drawn in a terminal: control characters shown, never sent; offsets kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from controls import DIRECTION_CONTROLS, HIDDEN
from xihu_tui.core.text.display import one_line
from xihu_tui.core.text.safe_text import visible, visible_line

# Text of any kind, with the characters that matter here much more often than by chance.
# (st.text would merge the two alphabets into one, where the few of HIDDEN are seldom drawn.)
any_text = st.lists(st.characters(exclude_categories=("Cs",)) | st.sampled_from(HIDDEN)).map("".join)


def test_escape_sequences_are_shown_not_sent() -> None:
    assert visible("\x1b[2J") == "␛[2J"
    assert visible("\x1b]52;c;aGk=\x07") == "␛]52;c;aGk=␇"
    assert visible("\x1b]8;;http://evil.example/\x1b\\link") == "␛]8;;http://evil.example/␛\\link"
    assert visible("a\bb\rc\x7f\x00") == "a␈b␍c␡␀"
    assert visible("\x9b2J \x85") == "␦2J ␦"


def test_line_breaks_are_kept_in_text_and_folded_in_a_line() -> None:
    assert visible("一\n二\t三") == "一\n二 三"
    assert visible_line("一\n二\t三") == "一 二 三"
    assert one_line("  一\n\n二\x1b  ") == "一 二␛"


def test_text_without_controls_is_returned_as_is() -> None:
    text = "累计洗楼扫楼66万户 [bold]👩‍👩‍👧 עברית\u200b"
    assert visible(text) is text
    assert visible_line(text) is text


@given(any_text)
def test_length_and_other_characters_are_kept(text: str) -> None:
    for shown in (visible(text), visible_line(text)):
        assert len(shown) == len(text)
        assert not any(ch in HIDDEN for ch in shown if ch != "\n")
        assert all(a == b for a, b in zip(text, shown, strict=True) if a not in HIDDEN)
    assert "\n" not in visible_line(text)


def test_each_replacement_takes_one_cell_in_any_terminal() -> None:
    for control in HIDDEN:
        shown = visible_line(control)
        assert cell_len(shown) == 1, repr(control)
        # Not "ambiguous" (A) or wide: a CJK terminal would give those two cells.
        assert unicodedata.east_asian_width(shown) in ("N", "Na"), repr(control)
        # Neutral (ON) or white space: a picture that is itself right-to-left would reorder.
        assert unicodedata.bidirectional(shown) in ("ON", "WS"), repr(control)


def test_direction_controls_are_shown_not_obeyed() -> None:
    # "‮" reversed what follows: a reader saw "fdp.exe" for "exe.pdf".
    assert visible("invoice\u202efdp.exe") == "invoice⇄fdp.exe"
    assert visible_line("a\u2067b\u2069 \u200f10 20\u200f") == "a⇄b⇄ ⇄10 20⇄"
    # Characters that are not direction controls stay, right-to-left scripts included.
    text = "עברית العربية \u200b\u200d\u2060"
    assert visible(text) is text


@given(
    st.recursive(any_text | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(any_text, inner))
)
def test_json_for_a_terminal_is_the_same_json_without_raw_controls(value: object) -> None:
    import json

    from xihu_tui.core.text.safe_text import json_for_terminal

    text = json_for_terminal(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not any(ch in text for ch in HIDDEN)


def test_search_json_and_the_json_export_never_write_raw_controls(tmp_path) -> None:
    """Both print report text: on a terminal, a raw C1 or ESC would be obeyed."""
    import json
    import subprocess
    import sys

    from reports import report_toml

    paragraph = "累计洗楼扫楼66万户 \x1b[2J\x9b2J\x07\x7f\u202e"
    path = tmp_path / "r.toml"
    path.write_text(
        report_toml(
            {"title": "T\x9b", "language": "zh-CN"},
            [
                ("[[sections]]", {"id": "s", "title": "S"}),
                ("[[sections.paragraphs]]", {"id": "p", "text": paragraph}),
            ],
        ),
        encoding="utf-8",
    )

    def strings_in(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            value = [*value.keys(), *value.values()]
        return [found for item in value for found in strings_in(item)] if isinstance(value, list) else []

    for args in (["search", "洗楼", str(path), "--json"], ["export", str(path), "--format", "json"]):
        out = subprocess.run(
            [sys.executable, "-m", "xihu_tui", *args], capture_output=True, check=True
        ).stdout
        text = out.decode("utf-8")
        assert not any(ch in text for ch in HIDDEN if ch != "\n"), args
        assert "T\x9b" in strings_in(json.loads(text)) or args[0] == "search"  # the title, as it was
        assert any("\x9b2J" in found for found in strings_in(json.loads(text))), args


def test_the_explorer_never_writes_a_direction_control_to_the_terminal(tmp_path) -> None:
    """U+202E in a title, a paragraph, a label: the terminal gets pictures, never the override."""
    from reports import report_toml
    from terminal import explorer, terminal, terminal_env

    path = tmp_path / "rtl.toml"
    path.write_text(
        report_toml(
            {"title": "TITLE\u202eELTIT", "language": "zh-CN"},
            [
                ("[[sections]]", {"id": "s", "title": "SECTION\u2067NOITCES\u2069"}),
                (
                    "[[sections.paragraphs]]",
                    {"id": "p", "text": "PARAGRAPH\u202eHPARGARAP 累计洗楼扫楼66万户"},
                ),
                (
                    "[[sections.metrics]]",
                    {
                        "id": "m",
                        "label": "LABEL\u202dLEBAL\u200f",
                        "value": 660000,
                        "unit": "户",
                        "quote": "累计洗楼扫楼66万户",
                        "paragraph": "p",
                    },
                ),
            ],
        ),
        encoding="utf-8",
    )
    with terminal(explorer(path), env=terminal_env(XDG_CACHE_HOME=str(tmp_path / "cache"))) as app:
        app.wait_for("ELTIT", "NOITCES")
        since = app.press("j")  # the section: its paragraph and its metrics table
        app.wait_for("HPARGARAP", "LEBAL", since=since)
        app.press("q", settle=False)
        assert app.wait_exit() == 0
        written = bytes(app.written)
    assert [hex(ord(ch)) for ch in DIRECTION_CONTROLS if ch.encode() in written] == []
    text = written.decode("utf-8")
    for shown in ("TITLE⇄ELTIT", "PARAGRAPH⇄HPARGARAP", "LABEL⇄LEBAL⇄"):
        assert shown in text
