"""Report text made safe to draw in a terminal, character for character.

A report comes from anyone, and its strings may hold control characters: ESC starts
the sequences that clear the screen, write the clipboard (OSC 52) or hide a link
(OSC 8); BEL, backspace and carriage return move or beep; C1 controls (U+0080–U+009F)
are read as ESC sequences by some terminals. None of them may reach the terminal.

Each one is replaced by one visible character of one cell, so the reader sees that it
is there (`␛[2J`), and the text keeps its length: search hits, quotes and line
breaks are offsets into the report's text, and they stay valid in the shown text.
The model keeps the text unchanged; this is for display only.
"""

from __future__ import annotations

import re

__all__ = ["C1_PICTURE", "json_for_terminal", "visible", "visible_line"]

C1_PICTURE = "\u2426"
"""␦ stands for a C1 control, which has no control picture of its own."""

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ ␁ … ␛ … ␟
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES |= dict.fromkeys(range(0x80, 0xA0), C1_PICTURE)
_PICTURES[ord("\t")] = " "  # a tab in prose is white space; the terminal would expand it
_IN_TEXT = {code: picture for code, picture in _PICTURES.items() if code != ord("\n")}
_IN_LINE = _PICTURES | {ord("\n"): " "}

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every control character but the line break replaced by a visible one.

    C0 controls become their control pictures (ESC is ␛, BEL ␇, CR ␍), DEL is ␡, a C1
    control ␦, a tab a space. The result has the same length as `text`.
    """
    return text.translate(_IN_TEXT) if _CONTROL.search(text) else text


def visible_line(text: str) -> str:
    """As `visible`, for places that have one line: a line break becomes a space too."""
    return text.translate(_IN_LINE) if _CONTROL.search(text) else text


_RAW_IN_JSON = re.compile("[\x7f-\x9f]")


def json_for_terminal(json_text: str) -> str:
    """JSON as `json.dumps(..., ensure_ascii=False)` writes it, with DEL and the C1 controls
    (which it leaves raw, unlike C0) written as `\\u` escapes: the same value, safe to print."""
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", json_text)
