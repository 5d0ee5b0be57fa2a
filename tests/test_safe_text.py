"""Report text drawn in a terminal: control characters shown, never sent; offsets kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from xihu_tui.core.display import one_line
from xihu_tui.core.safe_text import visible, visible_line

CONTROLS = [chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]]


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


@given(st.text())
def test_length_and_other_characters_are_kept(text: str) -> None:
    for shown in (visible(text), visible_line(text)):
        assert len(shown) == len(text)
        assert not any(ch in CONTROLS for ch in shown if ch != "\n")
        assert all(a == b for a, b in zip(text, shown, strict=True) if a not in CONTROLS)
    assert "\n" not in visible_line(text)


def test_each_replacement_takes_one_cell_in_any_terminal() -> None:
    for control in CONTROLS:
        shown = visible_line(control)
        assert cell_len(shown) == 1, repr(control)
        # Not "ambiguous" (A) or wide: a CJK terminal would give those two cells.
        assert unicodedata.east_asian_width(shown) in ("N", "Na"), repr(control)
